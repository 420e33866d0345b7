//! The licence list: a list of rows (see `rows`) with each licence's status.

use axum::{
    extract::{Path, State},
    response::Response,
};
use chrono::Utc;
use serde::Serialize;

use super::{
    options,
    rows::{self, RowList},
};
use crate::{
    app::AppState,
    auth::{CsrfForm, CsrfToken, SignedIn},
    entities::licence,
    error::PageError,
    form::FormPairs,
    practitioners::{
        self,
        editor::{self, LicenceInput},
    },
    web::search::FormOption,
};

#[derive(Serialize)]
pub struct LicenceRow {
    id: i64,
    jurisdiction: String,
    number: String,
    kind: String,
    expires_on: String,
    status: String,
    rejection_reason: Option<String>,
    verified_on: Option<String>,
    error: Option<String>,
}

#[derive(Serialize)]
pub struct LicenceExtra {
    states: Vec<FormOption>,
}

/// The licence list as a row list.
pub struct Licences;

fn with_status(mut row: LicenceRow, l: &licence::Model) -> LicenceRow {
    row.status = practitioners::effective_status(l, Utc::now().date_naive()).to_owned();
    row.rejection_reason = l.rejection_reason.clone();
    row.verified_on = l.verified_at.map(|t| t.date_naive().to_string());
    row
}

impl RowList for Licences {
    type Input = LicenceInput;
    type Stored = licence::Model;
    type Row = LicenceRow;
    type Extra = LicenceExtra;

    const TITLE: &'static str = "Your licences";
    const TEMPLATE: &'static str = "dashboard/licences.html";
    const PATH: &'static str = "/dashboard/licences";

    fn input(form: &FormPairs) -> LicenceInput {
        let get = |k: &str| form.get(k).unwrap_or_default().to_owned();
        LicenceInput {
            jurisdiction: get("jurisdiction"),
            number: get("number"),
            kind: get("kind"),
            expires_on: get("expires_on"),
        }
    }

    fn blank() -> LicenceInput {
        LicenceInput {
            kind: "state_licence".into(),
            ..LicenceInput::default()
        }
    }

    fn stored_row(l: &licence::Model) -> LicenceRow {
        let input = LicenceInput {
            jurisdiction: l.jurisdiction.clone(),
            number: l.number.clone(),
            kind: l.kind.clone(),
            expires_on: l.expires_on.map(|d| d.to_string()).unwrap_or_default(),
        };
        Self::typed_row(l.id, &input, Some(l), None)
    }

    fn typed_row(
        id: i64,
        i: &LicenceInput,
        stored: Option<&licence::Model>,
        error: Option<String>,
    ) -> LicenceRow {
        let row = LicenceRow {
            id,
            jurisdiction: i.jurisdiction.clone(),
            number: i.number.clone(),
            kind: i.kind.clone(),
            expires_on: i.expires_on.clone(),
            status: String::new(),
            rejection_reason: None,
            verified_on: None,
            error,
        };
        match stored {
            Some(l) => with_status(row, l),
            None => row,
        }
    }

    fn id(l: &licence::Model) -> i64 {
        l.id
    }

    async fn load(
        state: &AppState,
        s: &SignedIn,
    ) -> Result<(Vec<licence::Model>, LicenceExtra), PageError> {
        let licences = editor::licences_of(&state.db, &s.practitioner).await?;
        let states = options(state.catalogue.jurisdictions_by_name().into_iter(), &[]);
        Ok((licences, LicenceExtra { states }))
    }
}

/// `GET /dashboard/licences`
pub async fn list_licences(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, PageError> {
    rows::show::<Licences>(&state, &s, csrf).await
}

/// `POST /dashboard/licences`
pub async fn create_licence(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
    CsrfForm(form): CsrfForm,
) -> Result<Response, PageError> {
    let input = Licences::input(&form);
    let r = editor::add_licence(&state.db, &s.practitioner, &input).await;
    rows::after_save::<Licences>(&state, &s, csrf, 0, &input, r).await
}

/// `POST /dashboard/licences/{id}`
pub async fn update_licence(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm,
) -> Result<Response, PageError> {
    let input = Licences::input(&form);
    let r = editor::edit_licence(&state.db, &s.practitioner, id, &input).await;
    rows::after_save::<Licences>(&state, &s, csrf, id, &input, r).await
}
