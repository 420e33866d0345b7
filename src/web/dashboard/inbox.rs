//! The inbox of appointment requests.

use axum::{extract::State, http::StatusCode, response::Response};
use serde::Serialize;

use crate::{
    auth::SignedIn,
    practitioners::contact,
    state::AppState,
    web::{errors::PageError, templates::private_page as page},
};

#[derive(Serialize)]
struct Message {
    name: String,
    email: String,
    message: String,
    received: String,
}

#[derive(Serialize)]
struct InboxView {
    title: &'static str,
    messages: Vec<Message>,
}

/// `GET /dashboard/inbox`
pub async fn show_inbox(State(state): State<AppState>, s: SignedIn) -> Result<Response, PageError> {
    let messages = contact::inbox(&state.db, &s.practitioner)
        .await?
        .into_iter()
        .map(|m| Message {
            name: m.name,
            email: m.email,
            message: m.message,
            received: m.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
        })
        .collect();
    page(
        &state,
        "dashboard/inbox.html",
        &InboxView {
            title: "Your inbox",
            messages,
        },
        StatusCode::OK,
    )
}
