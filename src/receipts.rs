//! Receipts a claim accepts: an itemised receipt a practitioner issues for an accepted
//! visit, or for a visit entered by hand, to hand to a client for an HSA/FSA or an
//! insurance claim.
//!
//! A receipt is numbered 1, 2, 3… within its practice and keeps what it said when it
//! was issued (the practice's name and address, the licence, the NPI), so printing it
//! again, even after the profile changed, gives the same paper. It is never edited.
//! Issuing runs in one write transaction under the practice's receipt lock, so two
//! receipts issued at once never share a number; the form carries a one-time key, so
//! sending the same form twice (a double click, a retry) issues one receipt, and a
//! visit gets at most one.
//!
//! Receipts name a client and may carry a diagnosis code: only the practitioner who
//! issued them sees them (no admin page lists them), and they are never logged.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, NotSet,
    QueryFilter, QueryOrder, QuerySelect,
};

use crate::{
    db::{LockScope, lock},
    entities::{licence, practitioner, receipt, visit},
    i18n::{FluentValue, Lang},
    validation::{FieldErrors, calendar_date, spreadsheet_safe},
};

/// Procedure codes a receipt may carry (CPT codes massage and manual therapy are
/// billed under), each a 15-minute unit.
pub const PROCEDURES: [&str; 3] = ["97124", "97140", "97112"];
/// How a visit may have been paid.
pub const PAID_BY: [&str; 5] = ["cash", "card", "hsa_fsa", "check", "transfer"];
/// Longest client name accepted, in characters.
pub const MAX_CLIENT_NAME: usize = 120;
/// Session lengths a receipt accepts, in minutes.
pub const MINUTES: std::ops::RangeInclusive<i32> = 10..=240;
/// Largest amount a receipt accepts, in cents.
pub const MAX_AMOUNT_CENTS: i64 = 1_000_000;
/// How far back a receipt's date may go.
pub const OLDEST: TimeDelta = TimeDelta::days(7 * 366);

/// The receipt form, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ReceiptInput {
    /// The form's one-time key, given when the form was shown.
    pub form_key: String,
    /// The accepted visit it is for (its id), or empty for a visit entered by hand.
    pub visit: String,
    /// The client's name.
    pub client_name: String,
    /// The visit's date.
    pub service_date: String,
    /// The session's length in minutes.
    pub minutes: String,
    /// A code of [`PROCEDURES`].
    pub procedure_code: String,
    /// An ICD-10-CM code from the client's letter, if they gave one.
    pub diagnosis_code: String,
    /// The amount paid, as typed ("95" or "95.00").
    pub amount: String,
    /// A code of [`PAID_BY`].
    pub paid_by: String,
    /// The id of the practitioner's licence to print.
    pub licence: String,
}

/// Why a receipt was not issued.
#[derive(Debug, thiserror::Error)]
pub enum ReceiptError {
    /// Some fields are invalid; nothing was stored.
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// No such visit or receipt of this practitioner.
    #[error("not found")]
    NotFound,
    /// The database failed; the transaction was rolled back.
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// A receipt's number as printed.
pub fn label(number: i32) -> String {
    format!("{number:06}")
}

/// The 15-minute units of a timed procedure code for a session's length: a unit for
/// each full 15 minutes, and one more for 8 minutes or more left over.
pub fn units(minutes: i32) -> i32 {
    minutes / 15 + i32::from(minutes % 15 >= 8)
}

/// An amount in cents as written: `95.00`.
pub fn amount(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// An amount as people type it: whole units or units and cents, with an optional
/// currency sign and thousands commas; at least a cent and at most
/// [`MAX_AMOUNT_CENTS`].
pub fn parse_amount(typed: &str) -> Option<i64> {
    let plain: String = typed
        .trim()
        .trim_start_matches(['$', '€', '£'])
        .chars()
        .filter(|c| *c != ',')
        .collect();
    let (whole, cents) = plain.split_once('.').unwrap_or((&plain, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 7 || !digits(whole) || cents.len() > 2 || !digits(cents) {
        return None;
    }
    let cents = match cents.len() {
        0 => 0,
        1 => cents.parse::<i64>().ok()? * 10,
        _ => cents.parse::<i64>().ok()?,
    };
    let total = whole.parse::<i64>().ok()? * 100 + cents;
    (1..=MAX_AMOUNT_CENTS).contains(&total).then_some(total)
}

/// An ICD-10-CM code, upper-cased and with its dot after the third character
/// (`m5450` reads as `M54.50`): a letter, a digit, a letter or digit, then up to four
/// letters or digits.
pub fn diagnosis_code(typed: &str) -> Option<String> {
    let compact: String = typed.trim().to_ascii_uppercase().replace('.', "");
    let bytes = compact.as_bytes();
    let fits = (3..=7).contains(&bytes.len())
        && bytes[0].is_ascii_uppercase()
        && bytes[1].is_ascii_digit()
        && bytes[2..].iter().all(u8::is_ascii_alphanumeric)
        && typed.matches('.').count() <= 1;
    if !fits {
        return None;
    }
    Some(if compact.len() > 3 {
        format!("{}.{}", &compact[..3], &compact[3..])
    } else {
        compact
    })
}

/// A fresh form key for a receipt form.
pub fn new_form_key() -> String {
    crate::accounts::secrets::random_token()
}

fn say(key: &str) -> String {
    crate::i18n::text(Lang::current(), key)
}

/// The practice's address as a receipt prints it: the street line (the practitioner's
/// own, even when the listing shows only the town), town, state and postal code.
pub fn address(line: Option<&str>, city: &str, state: &str, postal_code: Option<&str>) -> String {
    let state_and_code = [Some(state), postal_code]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    [
        line.map(str::trim),
        Some(city.trim()),
        Some(state_and_code.as_str()),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(", ")
}

/// The licences a receipt may print: those not rejected, verified ones first.
pub async fn licences(
    db: &impl ConnectionTrait,
    practitioner_id: i64,
) -> Result<Vec<licence::Model>, DbErr> {
    let mut rows = licence::Entity::find()
        .filter(licence::Column::PractitionerId.eq(practitioner_id))
        .filter(licence::Column::Status.ne("rejected"))
        .order_by_asc(licence::Column::Id)
        .all(db)
        .await?;
    rows.sort_by_key(|l| l.status != "verified");
    Ok(rows)
}

/// An accepted visit of this practitioner that has begun by `now`, for a receipt.
async fn receiptable_visit(
    db: &impl ConnectionTrait,
    practitioner_id: i64,
    visit_id: i64,
    now: DateTime<Utc>,
) -> Result<visit::Model, ReceiptError> {
    visit::Entity::find_by_id(visit_id)
        .filter(visit::Column::PractitionerId.eq(practitioner_id))
        .filter(visit::Column::Status.eq(crate::visits::Status::Accepted.as_str()))
        .filter(visit::Column::StartAt.lte(now))
        .one(db)
        .await?
        .ok_or(ReceiptError::NotFound)
}

/// What a new receipt's form starts with: blank, or for `visit` its client, date and
/// length, and the price the practice lists for that length. `Err(NotFound)` when the
/// visit is not this practitioner's accepted, begun visit.
pub async fn draft(
    db: &impl ConnectionTrait,
    p: &practitioner::Model,
    visit_id: Option<i64>,
    zone: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<ReceiptInput, ReceiptError> {
    let mut input = ReceiptInput {
        form_key: new_form_key(),
        procedure_code: PROCEDURES[0].to_owned(),
        licence: licences(db, p.id)
            .await?
            .first()
            .map(|l| l.id.to_string())
            .unwrap_or_default(),
        ..ReceiptInput::default()
    };
    if let Some(id) = visit_id {
        let v = receiptable_visit(db, p.id, id, now).await?;
        input.visit = v.id.to_string();
        input.client_name = v.name.unwrap_or_default();
        input.service_date = v.start_at.with_timezone(&zone).date_naive().to_string();
        input.minutes = v.minutes.to_string();
        if let Some(price) = crate::practitioners::payment::read(&p.prices)
            .into_iter()
            .find(|price| i32::from(price.minutes) == v.minutes)
        {
            input.amount = price.amount.to_string();
        }
    }
    Ok(input)
}

/// The fields of a receipt, checked.
struct Checked {
    visit: Option<i64>,
    client_name: String,
    service_date: NaiveDate,
    minutes: i32,
    procedure_code: String,
    diagnosis_code: Option<String>,
    amount_cents: i64,
    paid_by: String,
    licence: licence::Model,
}

async fn check(
    db: &impl ConnectionTrait,
    p: &practitioner::Model,
    input: &ReceiptInput,
    now: DateTime<Utc>,
) -> Result<Checked, ReceiptError> {
    let mut errors = FieldErrors::new();
    if !crate::accounts::secrets::looks_like_token(input.form_key.trim()) {
        errors.insert("form_key".into(), say("receipt-form-stale"));
    }
    let visit = match input.visit.trim() {
        "" => None,
        id => {
            let id = id.parse::<i64>().map_err(|_| ReceiptError::NotFound)?;
            Some(receiptable_visit(db, p.id, id, now).await?.id)
        }
    };
    let client_name = input.client_name.trim();
    if client_name.is_empty() {
        errors.insert("client_name".into(), say("edit-required"));
    } else if client_name.chars().count() > MAX_CLIENT_NAME {
        errors.insert(
            "client_name".into(),
            crate::i18n::text_with(
                Lang::current(),
                "edit-too-long",
                [("max", FluentValue::from(MAX_CLIENT_NAME))],
            ),
        );
    } else if client_name.chars().any(char::is_control) {
        errors.insert("client_name".into(), say("receipt-plain-text"));
    }
    // The date may be today anywhere on Earth (UTC+14), and no more than seven years back.
    let service_date = match calendar_date(&input.service_date) {
        Some(d) if d > (now + TimeDelta::hours(14)).date_naive() => {
            errors.insert("service_date".into(), say("edit-date-future"));
            None
        }
        Some(d) if d < (now - OLDEST).date_naive() => {
            errors.insert("service_date".into(), say("receipt-date-old"));
            None
        }
        Some(d) => Some(d),
        None => {
            errors.insert("service_date".into(), say("edit-date"));
            None
        }
    };
    let minutes = match input.minutes.trim().parse::<i32>() {
        Ok(m) if MINUTES.contains(&m) => Some(m),
        _ => {
            errors.insert(
                "minutes".into(),
                crate::i18n::text_with(
                    Lang::current(),
                    "edit-whole",
                    [
                        ("min", FluentValue::from(*MINUTES.start())),
                        ("max", FluentValue::from(*MINUTES.end())),
                    ],
                ),
            );
            None
        }
    };
    let procedure_code = input.procedure_code.trim();
    if !PROCEDURES.contains(&procedure_code) {
        errors.insert("procedure_code".into(), say("receipt-code-unknown"));
    }
    let diagnosis_code = match input.diagnosis_code.trim() {
        "" => None,
        typed => {
            let code = diagnosis_code(typed);
            if code.is_none() {
                errors.insert("diagnosis_code".into(), say("receipt-diagnosis-bad"));
            }
            code
        }
    };
    let amount_cents = parse_amount(&input.amount);
    if amount_cents.is_none() {
        errors.insert("amount".into(), say("receipt-amount-bad"));
    }
    let paid_by = input.paid_by.trim();
    if !PAID_BY.contains(&paid_by) {
        errors.insert("paid_by".into(), say("receipt-paid-by-unknown"));
    }
    let all = licences(db, p.id).await?;
    let licence = input
        .licence
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|id| all.into_iter().find(|l| l.id == id));
    if licence.is_none() {
        errors.insert("licence".into(), say("receipt-licence-missing"));
    }
    match (service_date, minutes, amount_cents, licence) {
        (Some(service_date), Some(minutes), Some(amount_cents), Some(licence))
            if errors.is_empty() =>
        {
            Ok(Checked {
                visit,
                client_name: client_name.to_owned(),
                service_date,
                minutes,
                procedure_code: procedure_code.to_owned(),
                diagnosis_code,
                amount_cents,
                paid_by: paid_by.to_owned(),
                licence,
            })
        }
        _ => Err(ReceiptError::Invalid(errors)),
    }
}

/// Issues a receipt, or gives back the one this form (or this visit) already issued.
/// Nothing is stored when a field is wrong.
pub async fn issue(
    db: &DatabaseConnection,
    p: &practitioner::Model,
    input: &ReceiptInput,
    now: DateTime<Utc>,
) -> Result<receipt::Model, ReceiptError> {
    let form_key = input.form_key.trim();
    let txn = crate::db::begin_write(db).await?;
    lock(&txn, LockScope::Receipts, p.id).await?;
    let mut earlier = receipt::Entity::find()
        .filter(receipt::Column::PractitionerId.eq(p.id))
        .filter(receipt::Column::FormKey.eq(form_key))
        .one(&txn)
        .await?;
    if earlier.is_none()
        && let Ok(visit_id) = input.visit.trim().parse::<i64>()
    {
        earlier = receipt::Entity::find()
            .filter(receipt::Column::PractitionerId.eq(p.id))
            .filter(receipt::Column::VisitId.eq(visit_id))
            .one(&txn)
            .await?;
    }
    if let Some(earlier) = earlier {
        return Ok(earlier);
    }
    let c = check(&txn, p, input, now).await?;
    let last: Option<i32> = receipt::Entity::find()
        .select_only()
        .column_as(receipt::Column::Number.max(), "last")
        .filter(receipt::Column::PractitionerId.eq(p.id))
        .into_tuple::<Option<i32>>()
        .one(&txn)
        .await?
        .flatten();
    let model = receipt::ActiveModel {
        id: NotSet,
        practitioner_id: Set(p.id),
        number: Set(last.unwrap_or(0) + 1),
        visit_id: Set(c.visit),
        form_key: Set(form_key.to_owned()),
        practice_name: Set(p
            .practice_name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| p.display_name.clone())),
        practice_address: Set(address(
            p.address_line.as_deref(),
            &p.city,
            &p.region_code,
            p.postal_code.as_deref(),
        )),
        practitioner_name: Set(p.display_name.clone()),
        licence_number: Set(c.licence.number),
        licence_state: Set(c.licence.jurisdiction),
        npi: Set(p.npi.clone()),
        client_name: Set(c.client_name),
        service_date: Set(c.service_date),
        minutes: Set(c.minutes),
        procedure_code: Set(c.procedure_code),
        diagnosis_code: Set(c.diagnosis_code),
        amount_cents: Set(c.amount_cents),
        currency: Set(p.currency.clone()),
        paid_by: Set(c.paid_by),
        issued_at: Set(now),
    };
    let stored = receipt::Entity::insert(model)
        .exec_with_returning(&txn)
        .await?;
    txn.commit().await?;
    Ok(stored)
}

/// A practitioner's receipts, newest first.
pub async fn of_practitioner(
    db: &impl ConnectionTrait,
    practitioner_id: i64,
) -> Result<Vec<receipt::Model>, DbErr> {
    receipt::Entity::find()
        .filter(receipt::Column::PractitionerId.eq(practitioner_id))
        .order_by_desc(receipt::Column::Number)
        .all(db)
        .await
}

/// A practitioner's receipt by its number; `None` for another practice's.
pub async fn find(
    db: &impl ConnectionTrait,
    practitioner_id: i64,
    number: i32,
) -> Result<Option<receipt::Model>, DbErr> {
    receipt::Entity::find()
        .filter(receipt::Column::PractitionerId.eq(practitioner_id))
        .filter(receipt::Column::Number.eq(number))
        .one(db)
        .await
}

/// The numbers of the receipts issued for these visits, by visit id.
pub async fn of_visits(
    db: &impl ConnectionTrait,
    practitioner_id: i64,
    visit_ids: &[i64],
) -> Result<std::collections::HashMap<i64, i32>, DbErr> {
    Ok(receipt::Entity::find()
        .filter(receipt::Column::PractitionerId.eq(practitioner_id))
        .filter(receipt::Column::VisitId.is_in(visit_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| Some((r.visit_id?, r.number)))
        .collect())
}

/// One row of the CSV export.
#[derive(serde::Serialize)]
struct CsvRow<'a> {
    number: String,
    issued_at: String,
    service_date: NaiveDate,
    client_name: &'a str,
    minutes: i32,
    procedure_code: &'a str,
    units: i32,
    diagnosis_code: &'a str,
    amount: String,
    currency: &'a str,
    paid_by: &'a str,
    licence: String,
    npi: &'a str,
}

/// The receipts as CSV, one a row, newest first; text a spreadsheet would run as a
/// formula is quoted out.
pub fn csv(rows: &[receipt::Model]) -> Result<String, csv::Error> {
    const HEADER: [&str; 13] = [
        "number",
        "issued_at",
        "service_date",
        "client_name",
        "minutes",
        "procedure_code",
        "units",
        "diagnosis_code",
        "amount",
        "currency",
        "paid_by",
        "licence",
        "npi",
    ];
    let mut out = csv::Writer::from_writer(Vec::new());
    if rows.is_empty() {
        out.write_record(HEADER)?;
    }
    for r in rows {
        out.serialize(CsvRow {
            number: label(r.number),
            issued_at: r.issued_at.to_rfc3339(),
            service_date: r.service_date,
            client_name: &spreadsheet_safe(&r.client_name),
            minutes: r.minutes,
            procedure_code: &r.procedure_code,
            units: units(r.minutes),
            diagnosis_code: r.diagnosis_code.as_deref().unwrap_or_default(),
            amount: amount(r.amount_cents),
            currency: &r.currency,
            paid_by: &r.paid_by,
            licence: spreadsheet_safe(&format!("{} {}", r.licence_state, r.licence_number))
                .into_owned(),
            npi: r.npi.as_deref().unwrap_or_default(),
        })?;
    }
    let bytes = out.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_people_type_them() {
        for (typed, cents) in [
            ("95", Some(9500)),
            ("95.5", Some(9550)),
            ("95.50", Some(9550)),
            (" $1,200.00 ", Some(120_000)),
            ("0.01", Some(1)),
            ("10000", Some(1_000_000)),
            ("10000.01", None),
            ("0", None),
            ("-5", None),
            ("95.505", None),
            ("1e3", None),
            ("", None),
            (".5", None),
            ("99999999999999999999", None),
            ("9\u{0}5", None),
        ] {
            assert_eq!(parse_amount(typed), cents, "{typed:?}");
        }
        assert_eq!(amount(9550), "95.50");
        assert_eq!(amount(1), "0.01");
    }

    #[test]
    fn diagnosis_codes_take_the_icd10_shape() {
        for (typed, code) in [
            ("M54.50", Some("M54.50")),
            ("m5450", Some("M54.50")),
            ("M54.2", Some("M54.2")),
            ("M79.1", Some("M79.1")),
            ("G44.209", Some("G44.209")),
            ("S13.4XXA", Some("S13.4XXA")),
            ("M54", Some("M54")),
            ("54.50", None),
            ("MM4.5", None),
            ("M5", None),
            ("M54.50.1", None),
            ("M54.5000X", None),
            ("M54-50", None),
            ("<b>", None),
        ] {
            assert_eq!(diagnosis_code(typed).as_deref(), code, "{typed:?}");
        }
    }

    #[test]
    fn the_address_reads_street_town_state_and_code() {
        assert_eq!(
            address(
                Some("500 Congress Ave "),
                "San Antonio",
                "TX",
                Some("78205")
            ),
            "500 Congress Ave, San Antonio, TX 78205"
        );
        assert_eq!(address(None, "San Antonio", "TX", None), "San Antonio, TX");
        assert_eq!(address(Some(" "), "Austin", "TX", Some("")), "Austin, TX");
    }

    #[test]
    fn timed_codes_count_units_by_the_eight_minute_rule() {
        for (minutes, want) in [
            (10, 1),
            (22, 1),
            (23, 2),
            (30, 2),
            (45, 3),
            (60, 4),
            (90, 6),
        ] {
            assert_eq!(units(minutes), want, "{minutes}");
        }
    }

    #[test]
    fn form_keys_are_fresh_and_well_formed() {
        let (a, b) = (new_form_key(), new_form_key());
        assert!(crate::accounts::secrets::looks_like_token(&a));
        assert_ne!(a, b);
    }

    #[test]
    fn the_export_quotes_out_formulas() {
        let row = receipt::Model {
            id: 1,
            practitioner_id: 1,
            number: 7,
            visit_id: None,
            form_key: "k".repeat(64),
            practice_name: "P".into(),
            practice_address: "A".into(),
            practitioner_name: "N".into(),
            licence_number: "=1+1".into(),
            licence_state: "MA".into(),
            npi: None,
            client_name: "=HYPERLINK(\"x\")".into(),
            service_date: NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
            minutes: 60,
            procedure_code: "97124".into(),
            diagnosis_code: Some("M54.50".into()),
            amount_cents: 9500,
            currency: "USD".into(),
            paid_by: "hsa_fsa".into(),
            issued_at: DateTime::from_timestamp(1_780_000_000, 0).expect("time"),
        };
        let text = csv(&[row]).expect("csv");
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some(
                "number,issued_at,service_date,client_name,minutes,procedure_code,units,diagnosis_code,amount,currency,paid_by,licence,npi"
            )
        );
        let line = lines.next().expect("row");
        assert!(line.starts_with("000007,"), "{line}");
        assert!(line.contains("'=HYPERLINK"), "{line}");
        assert!(
            line.contains(",60,97124,4,M54.50,95.00,USD,hsa_fsa,"),
            "{line}"
        );
        assert_eq!(csv(&[]).expect("csv").lines().count(), 1);
    }
}
