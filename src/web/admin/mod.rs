//! Admin pages under `/admin`: the verification queue, roster imports and their
//! column mappings, reports, suspensions and the audit log. Every route requires the
//! admin role; every decision goes to the audit log.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::{Deserialize, Serialize};

mod client_reports;
mod licence_queue;
mod rosters;
mod team;

pub use self::{
    client_reports::{decide_client_report, list_client_reports},
    licence_queue::{decide_licence, list_licence_queue},
    rosters::{create_roster_import, show_rosters, update_roster_mapping},
    team::{
        accept_invitation, create_admin_invitation, destroy_admin, list_admins,
        reset_admin_second_factor, show_invitation,
    },
};
use super::{errors::PageError, templates::private_page as page};
use crate::{
    admin::{licences::AdminError, moderation, queue},
    audit,
    auth::{CsrfForm, CsrfToken, SignedInAdmin},
    error::AppError,
    form::PageQuery,
    jobs,
    state::AppState,
    wording::say,
};

fn admin_error(e: AdminError) -> PageError {
    match e {
        AdminError::NotFound => AppError::NotFound(say("adm-no-item")).into(),
        AdminError::Invalid(msg) => AppError::BadRequest(msg).into(),
        AdminError::Db(e) => e.into(),
    }
}

#[derive(Serialize)]
struct OverviewView {
    title: String,
    queue: u64,
    open_reports: usize,
    jobs: JobsView,
    backups: Option<BackupsView>,
}

/// The server's scheduled backups, when `BACKUP_DIR` is set.
#[derive(Serialize)]
struct BackupsView {
    dir: String,
    every: String,
    keep: usize,
    /// The newest backups kept.
    newest: Vec<BackupFile>,
    /// When the last attempt since start-up ran, and its error if it failed.
    last_at: Option<String>,
    last_error: Option<String>,
}

#[derive(Serialize)]
struct BackupFile {
    name: String,
    size: String,
}

fn backups_view(schedule: &crate::backup::Schedule) -> BackupsView {
    let minutes = schedule.every.as_secs() / 60;
    let (last_at, last_error) = schedule.last().map_or((None, None), |(at, error)| {
        (Some(at.format("%Y-%m-%d %H:%M UTC").to_string()), error)
    });
    BackupsView {
        dir: schedule.dir.display().to_string(),
        every: if minutes.is_multiple_of(60) {
            format!("{} h", minutes / 60)
        } else {
            format!("{minutes} min")
        },
        keep: schedule.keep,
        newest: crate::backup::kept(&schedule.dir)
            .unwrap_or_default()
            .into_iter()
            .take(3)
            .map(|k| BackupFile {
                size: format!("{:.1} MB", k.bytes as f64 / 1e6),
                name: k.name,
            })
            .collect(),
        last_at,
        last_error: last_error.map(|e| e.chars().take(300).collect()),
    }
}

/// The background job queue, so admins see a backlog or failures building up.
#[derive(Serialize)]
struct JobsView {
    pending: u64,
    running: u64,
    retrying: u64,
    failed: u64,
    oldest_pending: Option<String>,
    last_error: Option<String>,
}

/// `GET /admin`
pub async fn show_admin(
    State(state): State<AppState>,
    _admin: SignedInAdmin,
) -> Result<Response, PageError> {
    let queue = queue::count(&state.db).await?;
    let backlog = jobs::backlog(&state.db).await?;
    let open_reports = moderation::reports(&state.db)
        .await?
        .iter()
        .filter(|(r, _)| r.status == "open")
        .count();
    page(
        &state,
        "admin/overview.html",
        &OverviewView {
            title: say("nav-admin"),
            queue,
            open_reports,
            jobs: JobsView {
                pending: backlog.pending,
                running: backlog.running,
                retrying: backlog.retrying,
                failed: backlog.failed,
                oldest_pending: backlog
                    .oldest_pending
                    .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string()),
                last_error: backlog.last_error.map(|e| e.chars().take(300).collect()),
            },
            backups: state.backups.as_deref().map(backups_view),
        },
        StatusCode::OK,
    )
}

/// An admin's decision form: how a licence was verified, or why not (or why a
/// listing is suspended).
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    method: String,
    reason: String,
}

#[derive(Serialize)]
struct ReportRow {
    id: i64,
    practitioner: String,
    practitioner_id: i64,
    practitioner_url: String,
    suspended: bool,
    what: String,
    contact: Option<String>,
    status: String,
    received: String,
}

#[derive(Serialize)]
struct ReportsView {
    title: String,
    csrf: String,
    rows: Vec<ReportRow>,
}

/// `GET /admin/reports`
pub async fn list_reports(
    State(state): State<AppState>,
    _admin: SignedInAdmin,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, PageError> {
    let rows = moderation::reports(&state.db)
        .await?
        .into_iter()
        .map(|(r, p)| ReportRow {
            id: r.id,
            practitioner: p
                .as_ref()
                .map_or_else(String::new, |p| p.display_name.clone()),
            practitioner_id: r.practitioner_id,
            practitioner_url: p
                .as_ref()
                .map_or_else(String::new, |p| format!("/p/{}", p.slug)),
            suspended: p.as_ref().is_some_and(|p| p.suspended_at.is_some()),
            what: r.what,
            contact: r.contact,
            status: r.status,
            received: r.created_at.date_naive().to_string(),
        })
        .collect();
    page(
        &state,
        "admin/reports.html",
        &ReportsView {
            title: say("adm-reports"),
            csrf,
            rows,
        },
        StatusCode::OK,
    )
}

/// `POST /admin/reports/{id}/{outcome}` — resolve, dismiss or contact.
pub async fn update_report(
    State(state): State<AppState>,
    admin: SignedInAdmin,
    Path((id, outcome)): Path<(i64, String)>,
    CsrfForm(_): CsrfForm,
) -> Result<Response, PageError> {
    let outcome = match outcome.as_str() {
        "resolve" => "resolved",
        "dismiss" => "dismissed",
        "contact" => "contacted",
        _ => return Err(AppError::NotFound(say("adm-no-action")).into()),
    };
    moderation::handle_report(&state.db, admin.user.id, id, outcome)
        .await
        .map_err(admin_error)?;
    Ok(Redirect::to("/admin/reports").into_response())
}

#[derive(Serialize)]
struct PractitionerRow {
    id: i64,
    name: String,
    url: String,
    listed: bool,
    suspended: bool,
    reason: Option<String>,
}

#[derive(Serialize)]
struct PractitionersView {
    title: String,
    csrf: String,
    q: String,
    rows: Vec<PractitionerRow>,
}

/// The practitioner search of the admin pages.
#[derive(Deserialize)]
pub struct Find {
    q: Option<String>,
}

/// `GET /admin/practitioners?q=…` — find listings to suspend (suspended ones by default).
pub async fn list_practitioners(
    State(state): State<AppState>,
    _admin: SignedInAdmin,
    CsrfToken(csrf): CsrfToken,
    PageQuery(f): PageQuery<Find>,
) -> Result<Response, PageError> {
    let q = f.q.unwrap_or_default();
    let rows = moderation::find_practitioners(&state.db, &q)
        .await?
        .into_iter()
        .map(|p| PractitionerRow {
            id: p.id,
            url: format!("/p/{}", p.slug),
            name: p.display_name,
            listed: p.listed,
            suspended: p.suspended_at.is_some(),
            reason: p.suspended_reason,
        })
        .collect();
    page(
        &state,
        "admin/practitioners.html",
        &PractitionersView {
            title: say("adm-listings"),
            csrf,
            q,
            rows,
        },
        StatusCode::OK,
    )
}

/// `POST /admin/practitioners/{id}/suspend` — leaves search at once.
pub async fn suspend_practitioner(
    State(state): State<AppState>,
    admin: SignedInAdmin,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<Response, PageError> {
    moderation::suspend(&state.db, admin.user.id, id, form.reason.trim())
        .await
        .map_err(admin_error)?;
    if let Err(e) = state.search.remove(&[id]).await {
        tracing::warn!(practitioner.id = id, error = %e, "immediate removal failed; the job will retry");
    }
    Ok(Redirect::to("/admin/practitioners").into_response())
}

/// `POST /admin/practitioners/{id}/unsuspend`
pub async fn unsuspend_practitioner(
    State(state): State<AppState>,
    admin: SignedInAdmin,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm,
) -> Result<Response, PageError> {
    moderation::lift_suspension(&state.db, admin.user.id, id)
        .await
        .map_err(admin_error)?;
    Ok(Redirect::to("/admin/practitioners").into_response())
}

#[derive(Serialize)]
struct AuditRow {
    at: String,
    actor: String,
    action: String,
    subject: String,
    before: String,
    after: String,
}

#[derive(Serialize)]
struct AuditView {
    title: String,
    actor: String,
    subject: String,
    action: String,
    rows: Vec<AuditRow>,
}

/// The audit page's filters.
#[derive(Deserialize)]
pub struct AuditQuery {
    actor: Option<String>,
    subject: Option<String>,
    action: Option<String>,
}

/// `GET /admin/audit?actor=…&subject=…&action=…` — read only.
pub async fn list_audit(
    State(state): State<AppState>,
    _admin: SignedInAdmin,
    PageQuery(q): PageQuery<AuditQuery>,
) -> Result<Response, PageError> {
    let filter = audit::Filter {
        actor: q.actor.unwrap_or_default(),
        subject: q.subject.unwrap_or_default(),
        action: q.action.unwrap_or_default(),
    };
    let rows = audit::list(&state.db, &filter, 500)
        .await?
        .into_iter()
        .map(|(e, email)| AuditRow {
            at: e.created_at.format("%Y-%m-%d %H:%M:%S").to_string(),
            actor: email.unwrap_or_else(|| "system".into()),
            action: e.action,
            subject: format!("{}:{}", e.subject_type, e.subject_id),
            before: e.before.unwrap_or_default(),
            after: e.after.unwrap_or_default(),
        })
        .collect();
    let view = AuditView {
        title: say("adm-audit-link"),
        actor: filter.actor,
        subject: filter.subject,
        action: filter.action,
        rows,
    };
    page(&state, "admin/audit.html", &view, StatusCode::OK)
}
