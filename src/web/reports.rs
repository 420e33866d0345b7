//! The client's report after a visit, behind the link mailed the day after it: the
//! short report (or the report sent, to delete), and the private "something went
//! wrong" report with the state board's address.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::Response,
};
use sea_orm::EntityTrait;
use serde::{Deserialize, Serialize};

use super::{errors::PageError, templates::private_page};
use crate::{
    accounts::secrets::keyed_digest,
    auth::{ClientAddress, CsrfForm, CsrfToken},
    entities::jurisdiction,
    error::{AppError, FieldErrors},
    state::AppState,
    visits::{
        Practice, VisitError,
        links::Opened,
        reports::{self, MAX_COMMENT, ReportInput},
    },
    wording,
};

/// The report form as sent.
#[derive(Debug, Default, Deserialize, Serialize, Clone)]
#[serde(default)]
pub struct ReportForm {
    pain_before: String,
    pain_now: String,
    region: String,
    pressure_right: String,
    consent_explained: String,
    would_return: String,
    comment: String,
}

impl ReportForm {
    fn input(&self) -> ReportInput {
        let number = |s: &str| s.trim().parse().ok();
        let yes_no = |s: &str| match s {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        };
        ReportInput {
            pain_before: number(&self.pain_before),
            pain_now: number(&self.pain_now),
            region: self.region.clone(),
            pressure_right: yes_no(&self.pressure_right),
            consent_explained: yes_no(&self.consent_explained),
            would_return: yes_no(&self.would_return),
            comment: self.comment.clone(),
        }
    }
}

#[derive(Serialize)]
struct Region {
    slug: String,
    label: String,
}

#[derive(Serialize)]
struct ReportView {
    title: String,
    csrf: String,
    secret: String,
    practitioner: String,
    slug: String,
    when: String,
    /// Whether the visit can be reported now.
    open: bool,
    /// The report sent, in words, when there is one.
    sent: Option<Vec<String>>,
    typed: ReportForm,
    errors: FieldErrors,
    regions: Vec<Region>,
    scale: Vec<u8>,
    max_comment: usize,
    /// What the last action did.
    notice: Option<String>,
    /// The board to complain to: its name and address, when known.
    board: Option<(String, Option<String>)>,
    safety_sent: bool,
}

/// What the page shows besides the report itself.
#[derive(Default)]
pub(super) struct Shown {
    pub typed: ReportForm,
    pub errors: FieldErrors,
    pub notice: Option<String>,
    pub safety_sent: bool,
}

/// The report page of a report link.
pub(super) async fn report_page(
    state: &AppState,
    opened: &Opened,
    secret: String,
    csrf: String,
    shown: Shown,
    status: StatusCode,
) -> Result<Response, PageError> {
    let now = state.clock.now();
    let v = &opened.visit;
    let practice = Practice::load(&state.db, v.practitioner_id)
        .await
        .map_err(AppError::from)?;
    let label = |slug: &str| {
        state
            .rules
            .current()
            .regions
            .iter()
            .find(|r| r.slug == slug)
            .map_or_else(|| slug.to_owned(), |r| r.label.clone())
    };
    let yes = |b: bool| wording::say(if b { "report-yes" } else { "report-no" });
    let sent = reports::of_visit(&state.db, v.id).await?.map(|r| {
        vec![
            wording::say_with("report-sent-area", [("area", label(&r.region).into())]),
            wording::say_with(
                "report-sent-pain",
                [("before", r.pain_before.into()), ("now", r.pain_now.into())],
            ),
            wording::say_with(
                "report-sent-pressure",
                [("answer", yes(r.pressure_right).into())],
            ),
            wording::say_with(
                "report-sent-consent",
                [("answer", yes(r.consent_explained).into())],
            ),
            wording::say_with(
                "report-sent-return",
                [("answer", yes(r.would_return).into())],
            ),
        ]
    });
    let board = jurisdiction::Entity::find_by_id(practice.practitioner.region_code.clone())
        .one(&state.db)
        .await?
        .map(|j| {
            (
                j.board_name.unwrap_or_else(|| {
                    wording::say_with("report-board-of", [("state", j.name.into())])
                }),
                j.lookup_url,
            )
        });
    let view = ReportView {
        title: wording::say("report-title"),
        csrf,
        secret,
        practitioner: practice.practitioner.display_name.clone(),
        slug: practice.practitioner.slug.clone(),
        when: crate::i18n::dates::moment(
            crate::i18n::Lang::current(),
            &v.start_at.with_timezone(&practice.zone),
        ),
        open: reports::reportable(v, now),
        sent,
        typed: shown.typed,
        errors: shown.errors,
        regions: state
            .rules
            .current()
            .regions
            .iter()
            .map(|r| Region {
                slug: r.slug.clone(),
                label: r.label.clone(),
            })
            .collect(),
        scale: (0..=10).collect(),
        max_comment: MAX_COMMENT,
        notice: shown.notice,
        board,
        safety_sent: shown.safety_sent,
    };
    private_page(state, "visits/report.html", &view, status)
}

async fn opened(state: &AppState, secret: &str) -> Result<Opened, PageError> {
    crate::visits::links::open(&state.db, secret, state.clock.now())
        .await
        .map_err(|e| AppError::from(e).into())
}

/// The words and status of a refused step, or the error to show as a page.
fn refusal(e: VisitError) -> Result<(StatusCode, FieldErrors, Option<String>), PageError> {
    let error = AppError::from(e);
    match error {
        AppError::Validation { fields, .. } => Ok((StatusCode::UNPROCESSABLE_ENTITY, fields, None)),
        AppError::Gone(message) => Ok((StatusCode::GONE, FieldErrors::new(), Some(message))),
        other => Err(other.into()),
    }
}

/// `POST /visits/{secret}/report`
pub async fn create_visit_report(
    State(state): State<AppState>,
    Path(secret): Path<String>,
    CsrfToken(csrf): CsrfToken,
    ClientAddress(address): ClientAddress,
    CsrfForm(form): CsrfForm<ReportForm>,
) -> Result<Response, PageError> {
    let opened = opened(&state, &secret).await?;
    let regions: Vec<&str> = state
        .rules
        .current()
        .regions
        .iter()
        .map(|r| r.slug.as_str())
        .collect();
    let key = state.csrf_key.get().map_or_else(String::new, |k| {
        keyed_digest(k, &format!("report:{address}"))
    });
    let done = reports::submit(
        &state.db,
        &opened,
        &form.input(),
        &regions,
        &key,
        state.clock.now(),
    )
    .await;
    let (status, shown) = match done {
        Ok(_) => (
            StatusCode::OK,
            Shown {
                notice: Some(wording::say("report-thanks")),
                ..Shown::default()
            },
        ),
        Err(e) => {
            let (status, errors, notice) = refusal(e)?;
            (
                status,
                Shown {
                    typed: form,
                    errors,
                    notice,
                    safety_sent: false,
                },
            )
        }
    };
    report_page(&state, &opened, secret, csrf, shown, status).await
}

/// `POST /visits/{secret}/report/delete`
pub async fn delete_visit_report(
    State(state): State<AppState>,
    Path(secret): Path<String>,
    CsrfToken(csrf): CsrfToken,
    CsrfForm(_): CsrfForm,
) -> Result<Response, PageError> {
    let opened = opened(&state, &secret).await?;
    let (status, notice) = match reports::delete(&state.db, &opened).await {
        Ok(()) => (StatusCode::OK, wording::say("report-deleted")),
        Err(e) => {
            let (status, _, notice) = refusal(e)?;
            (status, notice.unwrap_or_default())
        }
    };
    let shown = Shown {
        notice: Some(notice),
        ..Shown::default()
    };
    report_page(&state, &opened, secret, csrf, shown, status).await
}

/// The safety report as sent.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SafetyForm {
    what: String,
}

/// `POST /visits/{secret}/safety`: a private report to the admins.
pub async fn create_safety_report(
    State(state): State<AppState>,
    Path(secret): Path<String>,
    CsrfToken(csrf): CsrfToken,
    CsrfForm(form): CsrfForm<SafetyForm>,
) -> Result<Response, PageError> {
    let opened = opened(&state, &secret).await?;
    let done = reports::report_safety(&state.db, &opened, &form.what, state.clock.now()).await;
    let (status, shown) = match done {
        Ok(()) => (
            StatusCode::OK,
            Shown {
                safety_sent: true,
                ..Shown::default()
            },
        ),
        Err(e) => {
            let (status, errors, notice) = refusal(e)?;
            (
                status,
                Shown {
                    errors,
                    notice,
                    ..Shown::default()
                },
            )
        }
    };
    report_page(&state, &opened, secret, csrf, shown, status).await
}

/// What a profile shows of its clients' own reports.
#[derive(Debug, Default, Serialize)]
pub(super) struct ClientReports {
    /// Regions with enough counted reports.
    outcomes: Vec<OutcomeRow>,
    /// Approved comments, newest first.
    comments: Vec<CommentRow>,
}

#[derive(Debug, Serialize)]
struct OutcomeRow {
    region: String,
    count: usize,
    median_change: String,
    would_return_percent: u32,
}

#[derive(Debug, Serialize)]
struct CommentRow {
    initials: String,
    comment: String,
    date: String,
    reply: Option<String>,
}

/// The client-reported outcomes and approved comments of a practitioner.
pub(super) async fn client_reports(
    state: &AppState,
    practitioner_id: i64,
) -> Result<ClientReports, PageError> {
    let label = |slug: &str| {
        state
            .rules
            .current()
            .regions
            .iter()
            .find(|r| r.slug == slug)
            .map_or_else(|| slug.to_owned(), |r| r.label.clone())
    };
    Ok(ClientReports {
        outcomes: reports::outcomes(&state.db, practitioner_id)
            .await?
            .into_iter()
            .map(|o| OutcomeRow {
                region: label(&o.region),
                count: o.count,
                median_change: format!("{:.1}", o.median_change),
                would_return_percent: o.would_return_percent,
            })
            .collect(),
        comments: reports::comments(&state.db, practitioner_id)
            .await?
            .into_iter()
            .map(|r| CommentRow {
                initials: r.initials,
                comment: r.comment.unwrap_or_default(),
                date: r.created_at.format("%B %Y").to_string(),
                reply: r.reply,
            })
            .collect(),
    })
}
