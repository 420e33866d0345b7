//! The mechanism the training ledger and the licence list share: the practitioner's
//! rows, each editable in place, and a form for a new one. An invalid save shows the
//! page again with what was typed, in the row it was typed in (id 0: the new-entry
//! form), and the messages; a valid one goes back to the list.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::Response,
};
use serde::{Serialize, de::DeserializeOwned};

use super::{edit_error, saved};
use crate::{
    auth::{CsrfForm, CsrfToken, SignedIn},
    error::{FieldErrors, PageError},
    practitioners::editor::EditError,
    state::AppState,
    web::templates::private_page,
};

/// What was typed in a form that did not save.
pub struct Typed<'a, I> {
    /// The row's id; 0 for the new-entry form.
    pub id: i64,
    /// The values as typed.
    pub input: &'a I,
    /// Why it did not save.
    pub errors: FieldErrors,
}

/// The page of one kind of row: the rows, the new-entry form and its messages.
#[derive(Serialize)]
pub struct ListPage<R, X> {
    title: String,
    csrf: String,
    rows: Vec<R>,
    new_entry: R,
    errors: FieldErrors,
    #[serde(flatten)]
    extra: X,
}

/// One kind of row list.
pub trait RowList {
    /// A row's form, as typed: the request struct the form is parsed into.
    type Input: Default + DeserializeOwned + Send;
    /// A stored row.
    type Stored;
    /// A row as the template shows it.
    type Row: Serialize;
    /// What else the page needs (option lists, a total).
    type Extra: Serialize;

    /// The catalogue key of the page's title.
    const TITLE: &'static str;
    /// The template.
    const TEMPLATE: &'static str;
    /// The list's address.
    const PATH: &'static str;

    /// The blank new-entry form.
    fn blank() -> Self::Input {
        Self::Input::default()
    }
    /// A row as stored.
    fn stored_row(stored: &Self::Stored) -> Self::Row;
    /// A row as typed (for `stored` when it is an existing row), with its message.
    fn typed_row(
        id: i64,
        input: &Self::Input,
        stored: Option<&Self::Stored>,
        error: Option<String>,
    ) -> Self::Row;
    /// The id of a stored row.
    fn id(stored: &Self::Stored) -> i64;
    /// The practitioner's rows and the page's extras.
    async fn load(
        state: &AppState,
        s: &SignedIn,
    ) -> Result<(Vec<Self::Stored>, Self::Extra), PageError>;
    /// Saves a new row.
    async fn add(state: &AppState, s: &SignedIn, input: &Self::Input) -> Result<(), EditError>;
    /// Saves a change to one of the practitioner's rows.
    async fn edit(
        state: &AppState,
        s: &SignedIn,
        id: i64,
        input: &Self::Input,
    ) -> Result<(), EditError>;
}

async fn render<L: RowList>(
    state: &AppState,
    s: &SignedIn,
    csrf: String,
    typed: Option<Typed<'_, L::Input>>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let (stored, extra) = L::load(state, s).await?;
    let summary = typed
        .as_ref()
        .map(|t| t.errors.values().cloned().collect::<Vec<_>>().join(" "));
    let rows = stored
        .iter()
        .map(|r| match &typed {
            Some(t) if t.id == L::id(r) => L::typed_row(t.id, t.input, Some(r), summary.clone()),
            _ => L::stored_row(r),
        })
        .collect();
    let blank = L::blank();
    let (new_entry, errors) = match typed {
        Some(t) if t.id == 0 => (L::typed_row(0, t.input, None, summary), t.errors),
        _ => (L::typed_row(0, &blank, None, None), FieldErrors::new()),
    };
    let page = ListPage {
        title: crate::wording::say(L::TITLE),
        csrf,
        rows,
        new_entry,
        errors,
        extra,
    };
    private_page(state, L::TEMPLATE, &page, status)
}

/// `GET` the list.
pub async fn list<L: RowList>(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, PageError> {
    render::<L>(&state, &s, csrf, None, StatusCode::OK).await
}

/// `POST` a new row.
pub async fn create<L: RowList>(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
    CsrfForm(input): CsrfForm<L::Input>,
) -> Result<Response, PageError> {
    let result = L::add(&state, &s, &input).await;
    after_save::<L>(&state, &s, csrf, 0, &input, result).await
}

/// `POST` a change to row `id`.
pub async fn update<L: RowList>(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<i64>,
    CsrfForm(input): CsrfForm<L::Input>,
) -> Result<Response, PageError> {
    let result = L::edit(&state, &s, id, &input).await;
    after_save::<L>(&state, &s, csrf, id, &input, result).await
}

/// Back to the list after a save, or the page again with what was typed.
async fn after_save<L: RowList>(
    state: &AppState,
    s: &SignedIn,
    csrf: String,
    id: i64,
    input: &L::Input,
    result: Result<(), EditError>,
) -> Result<Response, PageError> {
    match result {
        Ok(()) => Ok(saved(L::PATH)),
        Err(EditError::Invalid(errors)) => {
            let typed = Typed { id, input, errors };
            render::<L>(
                state,
                s,
                csrf,
                Some(typed),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(edit_error(e)),
    }
}
