//! The admins' queue of what clients reported after visits: comments waiting to be
//! shown, reports kept out of the counts (flagged), and private safety reports.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use sea_orm::EntityTrait;
use serde::Serialize;

use crate::{
    auth::{CsrfForm, CsrfToken, SignedInAdmin},
    entities::practitioner,
    error::AppError,
    state::AppState,
    visits::reports::{self, Decision},
    web::{errors::PageError, templates::private_page as page},
    wording::{say, say_with},
};

#[derive(Serialize)]
struct Row {
    id: i64,
    practitioner: String,
    practitioner_url: String,
    text: String,
    detail: String,
    received: String,
}

#[derive(Serialize)]
struct QueueView {
    title: String,
    csrf: String,
    comments: Vec<Row>,
    flagged: Vec<Row>,
    safety: Vec<Row>,
}

async fn names(state: &AppState, id: i64) -> Result<(String, String), PageError> {
    Ok(practitioner::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .map_or_else(
            || (String::new(), String::new()),
            |p| (p.display_name, format!("/p/{}", p.slug)),
        ))
}

/// `GET /admin/client-reports`
pub async fn list_client_reports(
    State(state): State<AppState>,
    _admin: SignedInAdmin,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, PageError> {
    let queue = reports::queue(&state.db).await?;
    let mut view = QueueView {
        title: say("adm-client-reports-link"),
        csrf,
        comments: Vec::new(),
        flagged: Vec::new(),
        safety: Vec::new(),
    };
    for r in queue.comments {
        let (practitioner, practitioner_url) = names(&state, r.practitioner_id).await?;
        view.comments.push(Row {
            id: r.id,
            practitioner,
            practitioner_url,
            text: r.comment.unwrap_or_default(),
            detail: r.initials,
            received: r.created_at.date_naive().to_string(),
        });
    }
    for r in queue.flagged {
        let (practitioner, practitioner_url) = names(&state, r.practitioner_id).await?;
        view.flagged.push(Row {
            id: r.id,
            practitioner,
            practitioner_url,
            text: say_with(
                if r.would_return {
                    "adm-cr-flagged-return"
                } else {
                    "adm-cr-flagged-no-return"
                },
                [
                    ("before", r.pain_before.into()),
                    ("now", r.pain_now.into()),
                    ("region", r.region.clone().into()),
                ],
            ),
            detail: match r.flag.as_deref() {
                Some("own_email") => say("adm-cr-own-email"),
                _ => say("adm-cr-one-address"),
            },
            received: r.created_at.date_naive().to_string(),
        });
    }
    for r in queue.safety {
        let (practitioner, practitioner_url) = names(&state, r.practitioner_id).await?;
        view.safety.push(Row {
            id: r.id,
            practitioner,
            practitioner_url,
            text: r.what,
            detail: say_with("adm-cr-visit", [("visit", r.visit_id.into())]),
            received: r.created_at.date_naive().to_string(),
        });
    }
    page(&state, "admin/client_reports.html", &view, StatusCode::OK)
}

/// `POST /admin/client-reports/{id}/{decision}`: approve or reject a comment, count a
/// flagged report, or resolve a safety report; each in the audit log.
pub async fn decide_client_report(
    State(state): State<AppState>,
    admin: SignedInAdmin,
    Path((id, decision)): Path<(i64, String)>,
    CsrfForm(_): CsrfForm,
) -> Result<Response, PageError> {
    let decision = match decision.as_str() {
        "approve" => Decision::Approve,
        "reject" => Decision::Reject,
        "count" => Decision::Count,
        "resolve" => Decision::Resolve,
        _ => return Err(AppError::NotFound(say("adm-no-decision")).into()),
    };
    reports::decide(&state.db, admin.user.id, id, decision, state.clock.now())
        .await
        .map_err(AppError::from)?;
    Ok(Redirect::to("/admin/client-reports").into_response())
}
