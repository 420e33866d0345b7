//! The home page: the search form and a few profiles to browse.

use axum::{extract::State, response::Html};
use chrono::Utc;
use serde::Serialize;

use super::{
    errors::PageError,
    search::{ResultCard, SearchForm},
    templates::render,
};
use crate::{practitioners, state::AppState};

#[derive(Serialize)]
struct HomePage {
    title: String,
    form: SearchForm,
    featured: Vec<ResultCard>,
}

/// `GET /`
pub async fn show_home(State(state): State<AppState>) -> Result<Html<String>, PageError> {
    let today = Utc::now().date_naive();
    let ids = practitioners::featured_ids(&state.db, 6).await?;
    let docs = practitioners::documents_for(&state.db, &ids, today).await?;
    let featured = docs
        .iter()
        .map(|doc| ResultCard::new(None, doc, None, &state))
        .collect();
    render(
        &state.templates,
        "home.html",
        &HomePage {
            title: crate::i18n::text(crate::i18n::Lang::current(), "home-title"),
            form: SearchForm::empty(&state),
            featured,
        },
    )
}
