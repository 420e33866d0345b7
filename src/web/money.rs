//! What a session costs and how it may be paid, as a profile shows it and as its
//! schema.org data says it (`priceRange`, and an offer per session length).

use serde::Serialize;
use serde_json::{Value, json};

use crate::{
    entities::practitioner,
    policy,
    practitioners::payment::{self, Price},
    wording::{say, say_with},
};

/// One price line: "60 minutes" and "95 USD".
#[derive(Serialize)]
pub struct PriceLine {
    length: String,
    amount: String,
}

/// Prices and payment on a profile.
#[derive(Serialize, Default)]
pub struct Money {
    prices: Vec<PriceLine>,
    sliding_scale: bool,
    note: Option<String>,
    /// The ways to pay, in words.
    payment: Vec<String>,
    insurers: Vec<String>,
    npi: Option<String>,
    /// Whether the practice takes HSA or FSA cards, for the explanation beside them.
    hsa_fsa: bool,
    /// Whether there is anything to show.
    any: bool,
}

fn amount(price: &Price, currency: &str) -> String {
    say_with(
        "profile-price-amount",
        [
            ("amount", price.amount.to_string().into()),
            ("currency", currency.to_owned().into()),
        ],
    )
}

/// The prices and payment of a listing, in the reader's language.
pub fn money(p: &practitioner::Model) -> Money {
    let prices: Vec<PriceLine> = payment::read(&p.prices)
        .iter()
        .map(|price| PriceLine {
            length: say_with("inbox-minutes", [("minutes", price.minutes.into())]),
            amount: amount(price, &p.currency),
        })
        .collect();
    let payment: Vec<String> = policy::PAYMENT_OPTIONS
        .iter()
        .filter(|code| payment::takes(&p.payment, code))
        .map(|code| say(&format!("payment-{code}")))
        .collect();
    let insurers = payment::insurers(p.insurers.as_deref());
    Money {
        any: !prices.is_empty() || !payment.is_empty() || !insurers.is_empty() || p.npi.is_some(),
        prices,
        sliding_scale: p.sliding_scale,
        note: p.price_note.clone(),
        payment,
        insurers,
        npi: p.npi.clone(),
        hsa_fsa: payment::takes(&p.payment, "hsa_fsa"),
    }
}

/// Adds `priceRange` and one offer per session length to the practice's schema.org
/// data.
pub fn add_structured_data(practice: &mut Value, p: &practitioner::Model) {
    let prices = payment::read(&p.prices);
    let (Some(low), Some(high)) = (
        prices.iter().map(|x| x.amount).min(),
        prices.iter().map(|x| x.amount).max(),
    ) else {
        return;
    };
    practice["priceRange"] = json!(if low == high {
        format!("{low} {}", p.currency)
    } else {
        format!("{low}–{high} {}", p.currency)
    });
    practice["makesOffer"] = prices
        .iter()
        .map(|price| {
            json!({
                "@type": "Offer",
                "name": say_with("profile-offer", [("minutes", price.minutes.into())]),
                "price": price.amount,
                "priceCurrency": p.currency,
            })
        })
        .collect();
}
