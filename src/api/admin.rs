//! The admin API: the verification queue and the audit log, for tools. It uses the
//! admin's session cookie; it is read-only, so it needs no CSRF token.

use axum::{Json, extract::State};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::{
    admin::queue,
    audit,
    auth::ApiAdmin,
    error::{AppError, ErrorEnvelope},
    form::ApiQuery,
    state::AppState,
};

/// One licence waiting for a decision.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueueItemDto {
    /// Licence id.
    pub id: i64,
    /// Practitioner slug.
    pub practitioner: String,
    /// Jurisdiction code.
    pub jurisdiction: String,
    /// Number as claimed.
    pub number: String,
    /// `pending` or `verified` (flagged).
    pub status: String,
    /// Why it needs review, if flagged.
    pub review_note: Option<String>,
}

/// The verification queue, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/admin/licences",
    responses(
        (status = 200, description = "The queue", body = Vec<QueueItemDto>),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "Not an admin", body = ErrorEnvelope),
    ),
    tag = "admin"
)]
pub async fn list_licence_queue(
    State(state): State<AppState>,
    _admin: ApiAdmin,
) -> Result<Json<Vec<QueueItemDto>>, AppError> {
    Ok(Json(
        queue::queue(&state.db)
            .await?
            .into_iter()
            .map(|i| QueueItemDto {
                id: i.licence.id,
                practitioner: i.practitioner.slug,
                jurisdiction: i.licence.jurisdiction,
                number: i.licence.number,
                status: i.licence.status,
                review_note: i.licence.review_note,
            })
            .collect(),
    ))
}

/// Filters of the audit log.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// Actor email.
    actor: Option<String>,
    /// `kind` or `kind:id`.
    subject: Option<String>,
    /// Action, e.g. `licence.approve`.
    action: Option<String>,
}

/// One audit entry.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditDto {
    /// When (RFC 3339).
    pub at: String,
    /// The actor's email; null for the system.
    pub actor: Option<String>,
    /// What was done.
    pub action: String,
    /// Subject kind.
    pub subject_type: String,
    /// Subject id.
    pub subject_id: String,
    /// State before (JSON text).
    pub before: Option<String>,
    /// State after (JSON text).
    pub after: Option<String>,
}

/// The audit log, newest first (at most 500 entries).
#[utoipa::path(
    get,
    path = "/api/v1/admin/audit",
    params(AuditParams),
    responses(
        (status = 200, description = "Audit entries", body = Vec<AuditDto>),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "Not an admin", body = ErrorEnvelope),
    ),
    tag = "admin"
)]
pub async fn list_audit(
    State(state): State<AppState>,
    _admin: ApiAdmin,
    ApiQuery(q): ApiQuery<AuditParams>,
) -> Result<Json<Vec<AuditDto>>, AppError> {
    let filter = audit::Filter {
        actor: q.actor.unwrap_or_default(),
        subject: q.subject.unwrap_or_default(),
        action: q.action.unwrap_or_default(),
    };
    Ok(Json(
        audit::list(&state.db, &filter, 500)
            .await?
            .into_iter()
            .map(|(e, actor)| AuditDto {
                at: e.created_at.to_rfc3339(),
                actor,
                action: e.action,
                subject_type: e.subject_type,
                subject_id: e.subject_id,
                before: e.before,
                after: e.after,
            })
            .collect(),
    ))
}
