//! Prices and payment: a price for each session length offered, the sliding scale and
//! note, how people may pay, the insurers billed directly, and the NPI.

use axum::{extract::State, http::StatusCode, response::Response};
use serde::Serialize;

use super::{edit_error, saved};
use crate::{
    auth::{CsrfForm, CsrfToken, SignedIn},
    error::FieldErrors,
    policy,
    practitioners::editor::{self, CURRENCIES, EditError, PaymentInput},
    state::AppState,
    web::{errors::PageError, search::FormOption, templates::private_page as page},
    wording,
};

/// One length's price field.
#[derive(Serialize)]
struct PriceField {
    field: &'static str,
    minutes: u16,
    value: String,
}

#[derive(Serialize)]
struct PaymentView {
    title: String,
    csrf: String,
    saved: bool,
    prices: Vec<PriceField>,
    currencies: Vec<FormOption>,
    sliding_scale: bool,
    price_note: String,
    options: Vec<FormOption>,
    insurers: String,
    npi: String,
    errors: FieldErrors,
}

async fn payment_view(
    state: &AppState,
    s: &SignedIn,
    csrf: String,
    typed: Option<PaymentInput>,
    errors: FieldErrors,
    saved: bool,
) -> Result<PaymentView, PageError> {
    let offered = editor::offered_lengths(&state.db, s.practitioner.id).await?;
    let typed = typed.unwrap_or_else(|| PaymentInput::from_stored(&s.practitioner));
    let prices = typed
        .prices()
        .into_iter()
        .filter(|(minutes, field, _)| offered.contains(minutes) || errors.contains_key(*field))
        .map(|(minutes, field, value)| PriceField {
            field,
            minutes,
            value: value.to_owned(),
        })
        .collect();
    Ok(PaymentView {
        title: wording::say("pay-title"),
        csrf,
        saved,
        prices,
        currencies: CURRENCIES
            .iter()
            .map(|c| FormOption {
                value: (*c).to_owned(),
                label: (*c).to_owned(),
                selected: typed.currency == *c,
            })
            .collect(),
        sliding_scale: typed.sliding_scale.is_some(),
        // Shown back as typed, less control characters a paste can carry.
        price_note: typed
            .price_note
            .chars()
            .filter(|c| !c.is_control())
            .collect(),
        options: policy::PAYMENT_OPTIONS
            .iter()
            .map(|code| FormOption {
                value: (*code).to_owned(),
                label: wording::say(&format!("payment-{code}")),
                selected: typed.payment.iter().any(|c| c == code),
            })
            .collect(),
        insurers: typed
            .insurers
            .chars()
            .filter(|c| *c == '\n' || !c.is_control())
            .collect(),
        npi: typed.npi.clone(),
        errors,
    })
}

/// Whether the page follows a save.
#[derive(Default, serde::Deserialize)]
#[serde(default)]
pub struct SavedQuery {
    saved: Option<String>,
}

/// `GET /dashboard/payment`
pub async fn edit_payment(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
    crate::form::PageQuery(q): crate::form::PageQuery<SavedQuery>,
) -> Result<Response, PageError> {
    let view = payment_view(
        &state,
        &s,
        csrf,
        None,
        FieldErrors::new(),
        q.saved.is_some(),
    )
    .await?;
    page(&state, "dashboard/payment.html", &view, StatusCode::OK)
}

/// `POST /dashboard/payment`
pub async fn update_payment(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
    CsrfForm(input): CsrfForm<PaymentInput>,
) -> Result<Response, PageError> {
    match editor::save_payment(&state.db, &s.practitioner, &input).await {
        Ok(()) => Ok(saved("/dashboard/payment?saved=1")),
        Err(EditError::Invalid(errors)) => {
            let view = payment_view(&state, &s, csrf, Some(input), errors, false).await?;
            page(
                &state,
                "dashboard/payment.html",
                &view,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => Err(edit_error(e)),
    }
}
