//! The licence verification queue, `/admin/licences`: fifty claims a page, oldest
//! first, narrowed by state, kind and the latest roster, each with its board's public
//! look-up; a decision returns the admin to the same page of the same view.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::{Deserialize, Serialize};

use super::{DecisionForm, PageError, admin_error, page};
use crate::{
    admin::{
        licences::{self, AdminError, METHODS},
        queue::{self, QueueFilter, QueueItem},
    },
    auth::{CsrfForm, CsrfToken, SignedInAdmin},
    error::AppError,
    form::PageQuery,
    state::AppState,
    wording::say,
};

#[derive(Serialize)]
struct QueueRow {
    id: i64,
    practitioner: String,
    practitioner_url: String,
    jurisdiction: String,
    board_name: Option<String>,
    lookup_url: Option<String>,
    /// Whether the state licenses massage at all, by the board directory.
    regulated: bool,
    number: String,
    kind: String,
    expires_on: String,
    status: String,
    submitted: String,
    review_note: Option<String>,
    roster: Option<String>,
    history: Vec<String>,
    /// Why a decision on this licence was refused, shown at its form.
    error: Option<String>,
}

#[derive(Serialize)]
struct QueueView {
    title: String,
    csrf: String,
    rows: Vec<QueueRow>,
    methods: Vec<(&'static str, String)>,
    notice: Option<String>,
    /// A refused decision about a licence no longer in the queue.
    refusal: Option<String>,
    jurisdictions: Vec<(String, String)>,
    chosen_state: String,
    chosen_kind: String,
    chosen_roster: String,
    /// The view's query string (filters and page), carried by every decision.
    here: String,
    total: usize,
    first: usize,
    last: usize,
    page: usize,
    pages: usize,
    previous: Option<String>,
    next: Option<String>,
}

/// The queue's view: filters, page, and a notice after a decision.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct QueueQuery {
    state: Option<String>,
    kind: Option<String>,
    roster: Option<String>,
    page: Option<String>,
    done: Option<String>,
}

impl QueueQuery {
    fn filter(&self) -> QueueFilter {
        fn given(v: &Option<String>) -> Option<&str> {
            v.as_deref().map(str::trim).filter(|v| !v.is_empty())
        }
        QueueFilter {
            jurisdiction: given(&self.state).map(str::to_uppercase),
            kind: given(&self.kind)
                .filter(|k| ["state_licence", "board_certification"].contains(k))
                .map(str::to_owned),
            on_roster: match given(&self.roster) {
                Some("on") => Some(true),
                Some("off") => Some(false),
                _ => None,
            },
        }
    }

    fn page(&self) -> usize {
        self.page
            .as_deref()
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or(1)
    }
}

/// The query string of a view of the queue, without the notice.
fn query_of(filter: &QueueFilter, page: usize) -> String {
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    if let Some(code) = &filter.jurisdiction {
        out.append_pair("state", code);
    }
    if let Some(kind) = &filter.kind {
        out.append_pair("kind", kind);
    }
    if let Some(on) = filter.on_roster {
        out.append_pair("roster", if on { "on" } else { "off" });
    }
    if page > 1 {
        out.append_pair("page", &page.to_string());
    }
    out.finish()
}

fn row_of(item: QueueItem, refused: Option<&(i64, String)>) -> QueueRow {
    QueueRow {
        id: item.licence.id,
        practitioner: item.practitioner.display_name.clone(),
        practitioner_url: format!("/p/{}", item.practitioner.slug),
        board_name: item
            .jurisdiction
            .as_ref()
            .and_then(|j| j.board_name.clone()),
        lookup_url: item
            .jurisdiction
            .as_ref()
            .and_then(|j| j.lookup_url.clone()),
        regulated: item
            .jurisdiction
            .as_ref()
            .is_some_and(|j| j.licenses_massage),
        jurisdiction: item.jurisdiction.map_or_else(
            || item.licence.jurisdiction.clone(),
            |j| format!("{} ({})", j.name, j.code),
        ),
        number: item.licence.number.clone(),
        kind: item.licence.kind.clone(),
        expires_on: item
            .licence
            .expires_on
            .map_or_else(|| "—".into(), |d| d.to_string()),
        status: item.licence.status.clone(),
        submitted: item.licence.created_at.date_naive().to_string(),
        review_note: item.licence.review_note.clone(),
        roster: item.roster_row.map(|r| {
            format!(
                "{}: {} — {} — expires {}",
                r.number,
                r.name,
                r.status,
                r.expires_on.map_or_else(|| "—".into(), |d| d.to_string())
            )
        }),
        history: item
            .others
            .iter()
            .map(|o| {
                format!(
                    "{} {} ({}{})",
                    o.jurisdiction,
                    o.number,
                    o.status,
                    o.rejection_reason
                        .as_deref()
                        .map(|r| format!(": {r}"))
                        .unwrap_or_default()
                )
            })
            .collect(),
        error: refused
            .filter(|(id, _)| *id == item.licence.id)
            .map(|(_, message)| message.clone()),
    }
}

/// `GET /admin/licences` — one page of the verification queue.
pub async fn list_licence_queue(
    State(state): State<AppState>,
    _admin: SignedInAdmin,
    CsrfToken(csrf): CsrfToken,
    PageQuery(q): PageQuery<QueueQuery>,
) -> Result<Response, PageError> {
    let notice = q.done.as_deref().map(|d| {
        say(match d {
            "approved" => "adm-done-approved",
            "rejected" => "adm-done-rejected",
            _ => "sec-done",
        })
    });
    show_queue(&state, csrf, &q, notice, None).await
}

/// The queue page; `refused` puts a decision's message at the licence it was about
/// (answered 422), so the admin stays in the queue with what went wrong in view.
async fn show_queue(
    state: &AppState,
    csrf: String,
    q: &QueueQuery,
    notice: Option<String>,
    refused: Option<(i64, String)>,
) -> Result<Response, PageError> {
    let filter = q.filter();
    let found = queue::page(&state.db, &filter, q.page()).await?;
    let rows: Vec<QueueRow> = found
        .items
        .into_iter()
        .map(|item| row_of(item, refused.as_ref()))
        .collect();
    let placed = rows.iter().any(|r| r.error.is_some());
    let status = if refused.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let link = |page: usize| format!("/admin/licences?{}", query_of(&filter, page));
    let first = (found.page - 1) * queue::PAGE_SIZE + 1;
    let view = QueueView {
        title: say("adm-queue-link"),
        csrf,
        methods: METHODS
            .iter()
            .map(|slug| (*slug, say(&format!("adm-method-{slug}"))))
            .collect(),
        notice,
        refusal: refused.filter(|_| !placed).map(|(_, message)| message),
        jurisdictions: state.catalogue.jurisdictions_by_name(),
        chosen_state: filter.jurisdiction.clone().unwrap_or_default(),
        chosen_kind: filter.kind.clone().unwrap_or_default(),
        chosen_roster: match filter.on_roster {
            Some(true) => "on".into(),
            Some(false) => "off".into(),
            None => String::new(),
        },
        here: query_of(&filter, found.page),
        total: found.total,
        first: first.min(found.total),
        last: (first + rows.len()).saturating_sub(1),
        page: found.page,
        pages: found.pages,
        previous: (found.page > 1).then(|| link(found.page - 1)),
        next: (found.page < found.pages).then(|| link(found.page + 1)),
        rows,
    };
    page(state, "admin/licences.html", &view, status)
}

/// `POST /admin/licences/{id}/{decision}` — `approve` (with a `method`) or `reject`
/// (with a `reason`); the query string is the view to return to.
pub async fn decide_licence(
    State(state): State<AppState>,
    admin: SignedInAdmin,
    Path((id, decision)): Path<(i64, String)>,
    CsrfToken(csrf): CsrfToken,
    PageQuery(q): PageQuery<QueueQuery>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<Response, PageError> {
    let (decision, done) = match decision.as_str() {
        "approve" => (
            licences::Decision::Approve {
                method: form.method.trim(),
            },
            "approved",
        ),
        "reject" => (
            licences::Decision::Reject {
                reason: form.reason.trim(),
            },
            "rejected",
        ),
        _ => return Err(AppError::NotFound(say("adm-no-decision")).into()),
    };
    match licences::decide(&state.db, admin.user.id, id, decision, &state.public_url).await {
        Ok(_) => {
            let here = query_of(&q.filter(), q.page());
            let sep = if here.is_empty() { "" } else { "&" };
            Ok(Redirect::to(&format!("/admin/licences?{here}{sep}done={done}")).into_response())
        }
        Err(AdminError::Invalid(message)) => {
            show_queue(&state, csrf, &q, None, Some((id, message))).await
        }
        Err(e) => Err(admin_error(e)),
    }
}
