//! Receipts: the list with a form for a new one (blank, or filled from an accepted
//! visit), each receipt as a printable page, and the CSV export. Only the
//! practitioner who issued a receipt ever reaches it.

use axum::{
    extract::{Path, RawQuery, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Serialize;

use super::options;
use crate::{
    auth::{CsrfForm, CsrfToken, SignedIn},
    entities::receipt,
    error::{AppError, FieldErrors},
    form::FormPairs,
    i18n::{Lang, dates},
    receipts::{self, PAID_BY, PROCEDURES, ReceiptError, ReceiptInput},
    state::AppState,
    visits::Practice,
    web::{errors::PageError, search::FormOption, templates::private_page as page},
    wording::{say, say_with},
};

/// A receipt as the list shows it.
#[derive(Serialize)]
struct Row {
    number: String,
    url: String,
    service_date: String,
    client_name: String,
    amount: String,
}

#[derive(Serialize)]
struct ListView {
    title: String,
    csrf: String,
    rows: Vec<Row>,
    typed: ReceiptTyped,
    procedures: Vec<FormOption>,
    paid_by: Vec<FormOption>,
    licences: Vec<FormOption>,
    currency: String,
    errors: FieldErrors,
}

/// The form's values as shown back.
#[derive(Serialize)]
struct ReceiptTyped {
    form_key: String,
    visit: String,
    client_name: String,
    service_date: String,
    minutes: String,
    diagnosis_code: String,
    amount: String,
}

fn shown(value: &str) -> String {
    value.chars().filter(|c| !c.is_control()).collect()
}

async fn list_view(
    state: &AppState,
    s: &SignedIn,
    csrf: String,
    typed: &ReceiptInput,
    errors: FieldErrors,
) -> Result<ListView, PageError> {
    let p = &s.practitioner;
    let lang = Lang::current();
    let rows = receipts::of_practitioner(&state.db, p.id)
        .await?
        .into_iter()
        .map(|r| Row {
            number: receipts::label(r.number),
            url: format!("/dashboard/receipts/{}", r.number),
            service_date: dates::long_day(lang, r.service_date),
            client_name: r.client_name,
            amount: format!("{} {}", receipts::amount(r.amount_cents), r.currency),
        })
        .collect();
    let licences = receipts::licences(&state.db, p.id)
        .await?
        .into_iter()
        .map(|l| (l.id.to_string(), format!("{} {}", l.jurisdiction, l.number)));
    Ok(ListView {
        title: say("receipt-title"),
        csrf,
        rows,
        typed: ReceiptTyped {
            form_key: shown(&typed.form_key),
            visit: shown(&typed.visit),
            client_name: shown(&typed.client_name),
            service_date: crate::form::date_field_value(&typed.service_date),
            minutes: shown(&typed.minutes),
            diagnosis_code: shown(&typed.diagnosis_code),
            amount: shown(&typed.amount),
        },
        procedures: options(
            PROCEDURES.iter().map(|c| {
                (
                    (*c).to_owned(),
                    format!("{c} · {}", say(&format!("receipt-code-{c}"))),
                )
            }),
            std::slice::from_ref(&typed.procedure_code),
        ),
        paid_by: options(
            PAID_BY
                .iter()
                .map(|c| ((*c).to_owned(), say(&format!("receipt-paid-{c}")))),
            std::slice::from_ref(&typed.paid_by),
        ),
        licences: options(licences, std::slice::from_ref(&typed.licence)),
        currency: p.currency.clone(),
        errors,
    })
}

fn not_found() -> PageError {
    AppError::NotFound(say("receipt-not-found")).into()
}

/// `GET /dashboard/receipts`, and `?visit=ID` for a form filled from an accepted
/// visit (or that visit's receipt, when it has one).
pub async fn list_receipts(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let p = &s.practitioner;
    let visit = match FormPairs::parse(query.as_deref()).get("visit") {
        None | Some("") => None,
        Some(id) => Some(id.parse::<i64>().map_err(|_| not_found())?),
    };
    if let Some(id) = visit
        && let Some(number) = receipts::of_visits(&state.db, p.id, &[id]).await?.get(&id)
    {
        return Ok(Redirect::to(&format!("/dashboard/receipts/{number}")).into_response());
    }
    let zone = Practice::load(&state.db, p.id)
        .await
        .map_err(AppError::from)?
        .zone;
    let draft = match receipts::draft(&state.db, p, visit, zone, state.clock.now()).await {
        Ok(draft) => draft,
        Err(ReceiptError::NotFound) => return Err(not_found()),
        Err(e) => return Err(receipt_error(e)),
    };
    let view = list_view(&state, &s, csrf, &draft, FieldErrors::new()).await?;
    page(&state, "dashboard/receipts.html", &view, StatusCode::OK)
}

fn receipt_error(e: ReceiptError) -> PageError {
    match e {
        ReceiptError::NotFound => not_found(),
        ReceiptError::Db(e) => e.into(),
        ReceiptError::Invalid(fields) => AppError::Validation {
            message: say("fields-invalid"),
            fields,
        }
        .into(),
    }
}

/// `POST /dashboard/receipts`: issues a receipt and shows it; the same form sent
/// again shows the receipt it issued.
pub async fn create_receipt(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
    CsrfForm(input): CsrfForm<ReceiptInput>,
) -> Result<Response, PageError> {
    match receipts::issue(&state.db, &s.practitioner, &input, state.clock.now()).await {
        Ok(r) => Ok(Redirect::to(&format!("/dashboard/receipts/{}", r.number)).into_response()),
        Err(ReceiptError::Invalid(errors)) => {
            let view = list_view(&state, &s, csrf, &input, errors).await?;
            page(
                &state,
                "dashboard/receipts.html",
                &view,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => Err(receipt_error(e)),
    }
}

/// One receipt as printed.
#[derive(Serialize)]
struct ReceiptView {
    title: String,
    number: String,
    issued: String,
    practice_name: String,
    practice_address: String,
    practitioner_name: String,
    licence: String,
    npi: Option<String>,
    client_name: String,
    service_date: String,
    service: String,
    procedure_code: String,
    units: i32,
    diagnosis_code: Option<String>,
    amount: String,
    paid_by: String,
}

fn receipt_view(r: receipt::Model) -> ReceiptView {
    let lang = Lang::current();
    ReceiptView {
        title: say_with(
            "receipt-heading",
            [("number", receipts::label(r.number).into())],
        ),
        number: receipts::label(r.number),
        issued: dates::long_day(lang, r.issued_at.date_naive()),
        practice_name: r.practice_name,
        practice_address: r.practice_address,
        practitioner_name: r.practitioner_name,
        licence: format!("{} {}", r.licence_state, r.licence_number),
        npi: r.npi,
        client_name: r.client_name,
        service_date: dates::long_day(lang, r.service_date),
        service: say_with(
            "receipt-service",
            [
                (
                    "what",
                    say(&format!("receipt-code-{}", r.procedure_code)).into(),
                ),
                ("minutes", r.minutes.into()),
            ],
        ),
        units: receipts::units(r.minutes),
        procedure_code: r.procedure_code,
        diagnosis_code: r.diagnosis_code,
        amount: format!("{} {}", receipts::amount(r.amount_cents), r.currency),
        paid_by: say(&format!("receipt-paid-{}", r.paid_by)),
    }
}

/// `GET /dashboard/receipts/{number}`
pub async fn show_receipt(
    State(state): State<AppState>,
    s: SignedIn,
    Path(number): Path<String>,
) -> Result<Response, PageError> {
    let number = number.parse::<i32>().map_err(|_| not_found())?;
    let r = receipts::find(&state.db, s.practitioner.id, number)
        .await?
        .ok_or_else(not_found)?;
    page(
        &state,
        "dashboard/receipt.html",
        &receipt_view(r),
        StatusCode::OK,
    )
}

/// `GET /dashboard/receipts.csv`
pub async fn export_receipts(
    State(state): State<AppState>,
    s: SignedIn,
) -> Result<Response, PageError> {
    let rows = receipts::of_practitioner(&state.db, s.practitioner.id).await?;
    super::csv_file("receipts.csv", receipts::csv(&rows))
}
