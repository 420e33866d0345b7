//! The licence list: a list of rows (see `rows`) with each licence's status.

use chrono::Utc;
use serde::Serialize;

use super::{options, rows::RowList};
use crate::{
    auth::SignedIn,
    entities::licence,
    error::PageError,
    form,
    practitioners::{
        self,
        editor::{self, EditError, LicenceInput},
    },
    state::AppState,
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

    const TITLE: &'static str = "lic-title";
    const TEMPLATE: &'static str = "dashboard/licences.html";
    const PATH: &'static str = "/dashboard/licences";

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
            expires_on: form::date_field_value(&i.expires_on),
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

    async fn add(state: &AppState, s: &SignedIn, input: &Self::Input) -> Result<(), EditError> {
        editor::add_licence(&state.db, &s.practitioner, input).await
    }

    async fn edit(
        state: &AppState,
        s: &SignedIn,
        id: i64,
        input: &Self::Input,
    ) -> Result<(), EditError> {
        editor::edit_licence(&state.db, &s.practitioner, id, input).await
    }
}
