//! Prices and payment: a price for each session length the practice offers, the
//! currency, a sliding scale and a note, how people may pay, the insurers it bills
//! and its NPI. One section, saved whole or not at all.

use super::*;
use crate::{
    practitioners::payment::{self, MAX_INSURER_CHARS, MAX_INSURERS, MAX_NOTE, MAX_PRICE, Price},
    schedule::{self, Minute},
};

/// The prices and payment form, as typed: one price field per session length the
/// site knows (`price_30` … `price_120`).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct PaymentInput {
    /// 30 minutes.
    pub price_30: String,
    /// 45 minutes.
    pub price_45: String,
    /// 60 minutes.
    pub price_60: String,
    /// 75 minutes.
    pub price_75: String,
    /// 90 minutes.
    pub price_90: String,
    /// 120 minutes.
    pub price_120: String,
    /// The currency's code.
    pub currency: String,
    /// Present when the practice offers a sliding scale.
    pub sliding_scale: Option<String>,
    /// A note on prices.
    pub price_note: String,
    /// How people may pay (codes).
    pub payment: Vec<String>,
    /// Insurers billed directly, one a line.
    pub insurers: String,
    /// National Provider Identifier.
    pub npi: String,
}

impl PaymentInput {
    /// The typed price of each length the site knows, with its field's name.
    pub fn prices(&self) -> [(Minute, &'static str, &str); 6] {
        [
            (30, "price_30", &self.price_30),
            (45, "price_45", &self.price_45),
            (60, "price_60", &self.price_60),
            (75, "price_75", &self.price_75),
            (90, "price_90", &self.price_90),
            (120, "price_120", &self.price_120),
        ]
    }

    /// The form as stored now, for the editor to show.
    pub fn from_stored(p: &practitioner::Model) -> Self {
        let mut input = Self {
            currency: p.currency.clone(),
            sliding_scale: p.sliding_scale.then(|| "on".to_owned()),
            price_note: p.price_note.clone().unwrap_or_default(),
            payment: p
                .payment
                .split(',')
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect(),
            insurers: payment::insurers(p.insurers.as_deref()).join("\n"),
            npi: p.npi.clone().unwrap_or_default(),
            ..Self::default()
        };
        for price in payment::read(&p.prices) {
            let amount = price.amount.to_string();
            match price.minutes {
                30 => input.price_30 = amount,
                45 => input.price_45 = amount,
                60 => input.price_60 = amount,
                75 => input.price_75 = amount,
                90 => input.price_90 = amount,
                120 => input.price_120 = amount,
                _ => {}
            }
        }
        input
    }
}

/// The session lengths a practice offers: those of its working hours, or every length
/// the site knows while it has set none.
pub async fn offered_lengths(
    db: &impl ConnectionTrait,
    practitioner_id: i64,
) -> Result<Vec<Minute>, DbErr> {
    Ok(schedule::stored(db, practitioner_id)
        .await?
        .map(|s| s.lengths)
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| schedule::LENGTHS.to_vec()))
}

fn plain(value: &str) -> bool {
    !value.chars().any(char::is_control)
}

/// Saves prices and payment; nothing is saved when any field is wrong.
pub async fn save_payment(
    db: &DatabaseConnection,
    p: &practitioner::Model,
    input: &PaymentInput,
) -> EditResult {
    let offered = offered_lengths(db, p.id).await?;
    let mut errors = FieldErrors::new();
    let mut prices = Vec::new();
    for (minutes, field, typed) in input.prices() {
        if typed.trim().is_empty() {
            continue;
        }
        if !offered.contains(&minutes) {
            errors.insert(
                field.into(),
                say_with("pay-length-not-offered", [("minutes", minutes.into())]),
            );
            continue;
        }
        let max = i32::try_from(MAX_PRICE).unwrap_or(i32::MAX);
        if let Some(amount) = whole(typed, field, 1..=max, &mut errors) {
            prices.push(Price {
                minutes,
                amount: amount.unsigned_abs(),
            });
        }
    }
    let currency = input.currency.trim();
    if !CURRENCIES.contains(&currency) {
        errors.insert("currency".into(), say("edit-currency"));
    }
    let note = input.price_note.trim();
    if note.chars().count() > MAX_NOTE || !plain(note) {
        errors.insert(
            "price_note".into(),
            say_with("pay-note-too-long", [("max", MAX_NOTE.into())]),
        );
    }
    if input.payment.iter().any(|c| !policy::is_payment_option(c)) {
        errors.insert("payment".into(), say("pay-options"));
    }
    let insurers = payment::insurers(Some(&input.insurers));
    if insurers.len() > MAX_INSURERS
        || insurers
            .iter()
            .any(|i| i.chars().count() > MAX_INSURER_CHARS || !plain(i))
    {
        errors.insert(
            "insurers".into(),
            say_with(
                "pay-insurers",
                [
                    ("max", MAX_INSURERS.into()),
                    ("chars", MAX_INSURER_CHARS.into()),
                ],
            ),
        );
    }
    let npi: String = input
        .npi
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .collect();
    if !npi.is_empty() && !crate::validation::is_npi(&npi) {
        errors.insert("npi".into(), say("pay-npi"));
    }
    check(errors)?;
    let mut model: practitioner::ActiveModel = p.clone().into();
    model.prices = Set(payment::write(&prices));
    model.currency = Set(currency.to_owned());
    model.sliding_scale = Set(input.sliding_scale.is_some());
    model.price_note = Set((!note.is_empty()).then(|| note.to_owned()));
    model.payment = Set(policy::PAYMENT_OPTIONS
        .iter()
        .filter(|code| input.payment.iter().any(|c| c == *code))
        .copied()
        .collect::<Vec<_>>()
        .join(","));
    model.insurers = Set((!insurers.is_empty()).then(|| insurers.join("\n")));
    model.npi = Set((!npi.is_empty()).then_some(npi));
    save(db, model, p.id).await
}
