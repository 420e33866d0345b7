//! The training ledger: a list of rows (see `rows`), plus deleting an entry.

use axum::{
    extract::{Path, State},
    response::Response,
};
use serde::Serialize;

use super::{edit_error, options, rows::RowList, saved};
use crate::{
    auth::{CsrfForm, SignedIn},
    error::PageError,
    form,
    practitioners::editor::{self, EditError, LedgerEntry, TrainingInput},
    state::AppState,
    web::search::FormOption,
};

#[derive(Serialize)]
pub struct TrainingRow {
    id: i64,
    course: String,
    provider: String,
    modality: String,
    hours: String,
    completed_on: String,
    error: Option<String>,
}

#[derive(Serialize)]
pub struct TrainingExtra {
    total: i64,
    modalities: Vec<FormOption>,
}

/// The training ledger as a row list.
pub struct Ledger;

impl RowList for Ledger {
    type Input = TrainingInput;
    type Stored = LedgerEntry;
    type Row = TrainingRow;
    type Extra = TrainingExtra;

    const TITLE: &'static str = "train-heading";
    const TEMPLATE: &'static str = "dashboard/training.html";
    const PATH: &'static str = "/dashboard/training";

    fn stored_row(e: &LedgerEntry) -> TrainingRow {
        TrainingRow {
            id: e.id,
            course: e.course.clone(),
            provider: e.provider.clone(),
            modality: e.modality.clone().unwrap_or_default(),
            hours: e.hours.to_string(),
            completed_on: e.completed_on.to_string(),
            error: None,
        }
    }

    fn typed_row(
        id: i64,
        i: &TrainingInput,
        _: Option<&LedgerEntry>,
        error: Option<String>,
    ) -> TrainingRow {
        TrainingRow {
            id,
            course: i.course.clone(),
            provider: i.provider.clone(),
            modality: i.modality.clone(),
            hours: i.hours.clone(),
            completed_on: form::date_field_value(&i.completed_on),
            error,
        }
    }

    fn id(e: &LedgerEntry) -> i64 {
        e.id
    }

    async fn load(
        state: &AppState,
        s: &SignedIn,
    ) -> Result<(Vec<LedgerEntry>, TrainingExtra), PageError> {
        let entries = editor::ledger_entries(&state.db, &s.practitioner).await?;
        let total = entries.iter().map(|e| i64::from(e.hours)).sum();
        let modalities = options(
            state.catalogue.modalities.iter().map(|m| {
                let name = crate::wording::modality_name(&state.catalogue, &m.slug);
                (m.slug.clone(), name)
            }),
            &[],
        );
        Ok((entries, TrainingExtra { total, modalities }))
    }

    async fn add(state: &AppState, s: &SignedIn, input: &Self::Input) -> Result<(), EditError> {
        editor::add_training(&state.db, &s.practitioner, input).await
    }

    async fn edit(
        state: &AppState,
        s: &SignedIn,
        id: i64,
        input: &Self::Input,
    ) -> Result<(), EditError> {
        editor::edit_training(&state.db, &s.practitioner, id, input).await
    }
}

/// `POST /dashboard/training/{id}/delete`
pub async fn destroy_training(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm,
) -> Result<Response, PageError> {
    editor::remove_training(&state.db, &s.practitioner, id)
        .await
        .map_err(edit_error)?;
    Ok(saved(Ledger::PATH))
}
