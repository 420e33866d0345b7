//! Visits on the public side: the profile's time picker, the pages behind the one-time
//! links in visit mail (confirm, take a proposed time, cancel, move), and the
//! practitioner's private calendar feed.

use axum::{
    extract::{Path, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{
    errors::PageError,
    open_times::{self, DayTimes},
    practitioners::{Forms, profile_page},
    templates::private_page,
};
use crate::{
    auth::{ClientAddress, CsrfForm, CsrfToken},
    entities::visit,
    error::{AppError, FieldErrors},
    i18n::{Lang, dates},
    practitioners,
    schedule::Minute,
    state::AppState,
    visits::{
        self, Practice, Status, VisitError,
        links::{self, Opened, Purpose},
        request::{Confirmed, RequestInput, Requested},
        respond::{self, Act},
    },
    wording::{say, say_with},
};

/// Days of open times a move offers.
const MOVE_DAYS: u32 = 14;

/// The time picker's fields, as the form sends them.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BookingInput {
    start: String,
    minutes: String,
    name: String,
    email: String,
    note: String,
    /// The honeypot: a field people never see; bots fill it.
    website: String,
}

/// The time picker as typed, with its errors.
#[derive(Debug, Default, Serialize)]
pub struct BookingForm {
    start: String,
    minutes: String,
    name: String,
    email: String,
    note: String,
    errors: FieldErrors,
    notice: Option<String>,
}

/// A length as a form sends it; `None` (and a field error) for anything else.
fn minutes(typed: &str) -> Option<Minute> {
    typed.trim().parse().ok()
}

/// `POST /p/{slug}/request`: asks for a time from the profile's picker.
pub async fn create_visit_request(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    CsrfToken(csrf): CsrfToken,
    ClientAddress(address): ClientAddress,
    CsrfForm(input): CsrfForm<BookingInput>,
) -> Result<Response, PageError> {
    let p = practitioners::listed_by_slug(&state.db, &slug)
        .await?
        .ok_or_else(|| AppError::NotFound(crate::wording::say("error-no-practitioner")))?;
    let request = RequestInput {
        start: input.start.clone(),
        minutes: minutes(&input.minutes),
        name: input.name.clone(),
        email: input.email.clone(),
        note: input.note.clone(),
        honeypot: input.website.clone(),
    };
    let done = visits::request::request(
        &state.db,
        &p,
        &request,
        &address,
        &state.public_url,
        state.clock.now(),
    )
    .await;
    let refused = match done {
        Ok(Requested::Queued | Requested::Dropped) => {
            return message(
                &state,
                say("visit-check-email"),
                say_with(
                    "visit-check-email-text",
                    [
                        ("email", input.email.trim().to_owned().into()),
                        ("name", p.display_name.clone().into()),
                    ],
                ),
                Some(format!("/p/{}", p.slug)),
                StatusCode::OK,
            );
        }
        Err(e) => e,
    };
    let mut form = BookingForm {
        start: input.start,
        minutes: input.minutes,
        name: input.name,
        email: input.email,
        note: input.note.chars().take(visits::MAX_NOTE + 100).collect(),
        ..BookingForm::default()
    };
    let error = AppError::from(refused);
    match &error {
        AppError::Validation { fields, .. } => form.errors = fields.clone(),
        AppError::TooManyRequests(m) | AppError::Conflict(m) => form.notice = Some(m.clone()),
        _ => return Err(error.into()),
    }
    let html = profile_page(&state, &slug, csrf, Forms::booking(form), None).await?;
    Ok((error.status(), html).into_response())
}

/// A time on the practice's clock in the reader's language.
fn when(practice: &Practice, at: DateTime<Utc>) -> String {
    dates::moment(Lang::current(), &at.with_timezone(&practice.zone))
}

fn message(
    state: &AppState,
    title: String,
    message: String,
    back: Option<String>,
    status: StatusCode,
) -> Result<Response, PageError> {
    #[derive(Serialize)]
    struct Link {
        href: String,
        label: String,
    }
    #[derive(Serialize)]
    struct MessagePage {
        title: String,
        message: String,
        link: Option<Link>,
    }
    private_page(
        state,
        "account/message.html",
        &MessagePage {
            title,
            message,
            link: back.map(|href| Link {
                href,
                label: say("visit-back"),
            }),
        },
        status,
    )
}

/// What the page behind a link shows and offers.
#[derive(Serialize)]
struct VisitView {
    title: String,
    csrf: String,
    secret: String,
    practitioner: String,
    slug: String,
    when: String,
    minutes: i32,
    place: String,
    /// Where the visit stands, in words.
    standing: String,
    confirm: bool,
    take: bool,
    /// The cancel button's words, when cancelling is possible.
    cancel: Option<String>,
    /// Whether the visit can be moved.
    can_move: bool,
    /// Open times to move to, by day.
    move_days: Vec<DayTimes>,
    lengths: Vec<Minute>,
    current_minutes: String,
    zone: String,
    errors: FieldErrors,
}

async fn visit_view(
    state: &AppState,
    opened: &Opened,
    csrf: String,
    errors: FieldErrors,
) -> Result<VisitView, PageError> {
    let now = state.clock.now();
    let v = &opened.visit;
    let practice = Practice::load(&state.db, v.practitioner_id)
        .await
        .map_err(AppError::from)?;
    let status = Status::of(v);
    let held = status == Status::Held && v.held_until.is_some_and(|u| u > now);
    let booked = status == Status::Accepted && v.start_at > now;
    let client = opened.purpose == Purpose::Client;
    let until = v
        .held_until
        .map_or_else(String::new, |at| when(&practice, at));
    let name = practice.practitioner.display_name.clone();
    let standing = match status {
        Status::Unconfirmed => say("visit-unconfirmed"),
        Status::Held if held && v.proposed => say_with(
            "visit-proposed",
            [("name", name.into()), ("until", until.into())],
        ),
        Status::Held if held => say_with(
            "visit-held",
            [("name", name.into()), ("until", until.into())],
        ),
        Status::Accepted if booked => say("visit-booked"),
        Status::Accepted => say("visit-past"),
        Status::Declined => say("visit-declined"),
        Status::Cancelled => say("visit-cancelled"),
        Status::Taken => say("visit-taken"),
        _ => say("visit-lapsed"),
    };
    let open = visits::plan_and_busy(&state.db, v.practitioner_id, now, Some(v.id)).await?;
    let lengths = open
        .as_ref()
        .map(|(plan, _)| plan.lengths.clone())
        .unwrap_or_default();
    let move_days = open
        .filter(|_| booked)
        .map(|(plan, busy)| {
            open_times::by_day(
                &plan.open_slots(&busy, now, plan.today(now), MOVE_DAYS),
                &plan.lengths,
            )
        })
        .unwrap_or_default();
    Ok(VisitView {
        title: say("visit-title"),
        csrf,
        secret: String::new(),
        practitioner: practice.practitioner.display_name.clone(),
        slug: practice.practitioner.slug.clone(),
        when: when(&practice, v.start_at),
        minutes: v.minutes,
        place: practice.place(),
        standing,
        confirm: opened.purpose == Purpose::Confirm
            && status == Status::Unconfirmed
            && v.confirm_by > now,
        take: client && held && v.proposed,
        cancel: if booked {
            Some(say("visit-cancel"))
        } else if client && held && v.proposed {
            Some(say("visit-decline"))
        } else if client && held {
            Some(say("visit-withdraw"))
        } else {
            None
        },
        can_move: booked,
        move_days,
        lengths,
        current_minutes: v.minutes.to_string(),
        zone: open_times::zone_label(practice.zone, now),
        errors,
    })
}

async fn opened(state: &AppState, secret: &str) -> Result<Opened, PageError> {
    links::open(&state.db, secret, state.clock.now())
        .await
        .map_err(|e| AppError::from(e).into())
}

async fn visit_page(
    state: &AppState,
    opened: &Opened,
    secret: String,
    csrf: String,
    errors: FieldErrors,
    status: StatusCode,
) -> Result<Response, PageError> {
    let mut view = visit_view(state, opened, csrf, errors).await?;
    view.secret = secret;
    private_page(state, "visits/show.html", &view, status)
}

/// `GET /visits/{secret}`: the page behind a link in visit mail. Looking changes
/// nothing; each action is a button (mail scanners that follow links act on nothing).
pub async fn show_visit(
    State(state): State<AppState>,
    Path(secret): Path<String>,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, PageError> {
    let opened = opened(&state, &secret).await?;
    if opened.purpose == Purpose::Report {
        let shown = super::reports::Shown::default();
        return super::reports::report_page(&state, &opened, secret, csrf, shown, StatusCode::OK)
            .await;
    }
    visit_page(
        &state,
        &opened,
        secret,
        csrf,
        FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /visits/{secret}/confirm`
pub async fn confirm_visit(
    State(state): State<AppState>,
    Path(secret): Path<String>,
    CsrfForm(_): CsrfForm,
) -> Result<Response, PageError> {
    let opened = opened(&state, &secret).await?;
    let practice = practice(&state, &opened).await?;
    match visits::request::confirm(&state.db, &opened, &state.public_url, state.clock.now())
        .await
        .map_err(AppError::from)?
    {
        Confirmed::Held(v) => {
            state.plans.forget(v.practitioner_id);
            message(
                &state,
                say("visit-held-title"),
                say_with(
                    "visit-held-text",
                    [
                        ("when", when(&practice, v.start_at).into()),
                        (
                            "until",
                            v.held_until
                                .map_or_else(String::new, |at| when(&practice, at))
                                .into(),
                        ),
                        ("name", practice.practitioner.display_name.clone().into()),
                    ],
                ),
                Some(format!("/p/{}", practice.practitioner.slug)),
                StatusCode::OK,
            )
        }
        Confirmed::Taken(v) => message(
            &state,
            say("visit-taken-title"),
            say_with(
                "visit-taken-text",
                [("when", when(&practice, v.start_at).into())],
            ),
            Some(format!("/p/{}#open-times", practice.practitioner.slug)),
            StatusCode::CONFLICT,
        ),
    }
}

async fn practice(state: &AppState, opened: &Opened) -> Result<Practice, PageError> {
    Practice::load(&state.db, opened.visit.practitioner_id)
        .await
        .map_err(|e| AppError::from(e).into())
}

/// `POST /visits/{secret}/take`: the client takes a proposed time.
pub async fn take_visit(
    State(state): State<AppState>,
    Path(secret): Path<String>,
    CsrfForm(_): CsrfForm,
) -> Result<Response, PageError> {
    act(state, secret, Act::TakeProposal).await
}

/// `POST /visits/{secret}/cancel`: withdraw, decline a proposal, or cancel.
pub async fn cancel_visit(
    State(state): State<AppState>,
    Path(secret): Path<String>,
    CsrfForm(_): CsrfForm,
) -> Result<Response, PageError> {
    act(state, secret, Act::Cancel).await
}

/// The move form's fields.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MoveInput {
    start: String,
    minutes: String,
}

/// `POST /visits/{secret}/move`: a booked visit to another open time.
pub async fn move_visit(
    State(state): State<AppState>,
    Path(secret): Path<String>,
    CsrfToken(csrf): CsrfToken,
    CsrfForm(input): CsrfForm<MoveInput>,
) -> Result<Response, PageError> {
    let mut errors = FieldErrors::new();
    let start = DateTime::parse_from_rfc3339(input.start.trim())
        .map(|s| s.with_timezone(&Utc))
        .ok();
    if start.is_none() {
        errors.insert("start".into(), say("visit-choose-time"));
    }
    let length = minutes(&input.minutes);
    if length.is_none() {
        errors.insert("minutes".into(), say("visit-choose-length"));
    }
    let opened = opened(&state, &secret).await?;
    let (Some(start), Some(minutes)) = (start, length) else {
        return visit_page(
            &state,
            &opened,
            secret,
            csrf,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let to = Act::Move { start, minutes };
    match respond::act(&state.db, &opened, to, &state.public_url, state.clock.now()).await {
        Err(VisitError::Invalid(fields)) => {
            visit_page(
                &state,
                &opened,
                secret,
                csrf,
                fields,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        done => acted(&state, &opened, to, done).await,
    }
}

async fn act(state: AppState, secret: String, act: Act) -> Result<Response, PageError> {
    let opened = opened(&state, &secret).await?;
    let done = respond::act(
        &state.db,
        &opened,
        act,
        &state.public_url,
        state.clock.now(),
    )
    .await;
    acted(&state, &opened, act, done).await
}

/// The page after an action through a link.
async fn acted(
    state: &AppState,
    opened: &Opened,
    act: Act,
    done: Result<visit::Model, VisitError>,
) -> Result<Response, PageError> {
    let v = done.map_err(AppError::from)?;
    state.plans.forget(v.practitioner_id);
    let practice = practice(state, opened).await?;
    let (title, words) = match act {
        Act::TakeProposal => (
            say("visit-booked-title"),
            say_with(
                "visit-booked-text",
                [("when", when(&practice, v.start_at).into())],
            ),
        ),
        Act::Move { .. } => (
            say("visit-moved-title"),
            say_with(
                "visit-moved-text",
                [("when", when(&practice, v.start_at).into())],
            ),
        ),
        Act::Cancel => (say("visit-cancelled-title"), say("visit-cancelled-text")),
    };
    message(
        state,
        title,
        words,
        Some(format!("/p/{}", practice.practitioner.slug)),
        StatusCode::OK,
    )
}

/// `GET /calendar/{secret}.ics`: a practitioner's private calendar feed.
pub async fn show_calendar_feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let secret = file
        .strip_suffix(".ics")
        .ok_or_else(|| AppError::NotFound(say("error-no-calendar")))?;
    let calendar = visits::feed::calendar(&state.db, secret, &state.public_url, state.clock.now())
        .await
        .map_err(|e| match e {
            VisitError::NotFound => AppError::NotFound(say("error-no-calendar")),
            other => other.into(),
        })?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        calendar,
    )
        .into_response())
}
