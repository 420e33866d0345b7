//! The inbox: requests for a time (accept, decline or propose another), booked
//! visits, the private calendar feed, and the free-text appointment requests.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::{
    auth::{CsrfForm, CsrfToken, SignedIn},
    error::AppError,
    i18n::{FluentValue, Lang, dates},
    practitioners::contact,
    state::AppState,
    visits::{
        self, Practice, Status, VisitError,
        respond::{self, Answer},
    },
    web::{errors::PageError, templates::private_page as page},
    wording::{say, say_with},
};

/// Days of open times offered when proposing another time.
const PROPOSE_DAYS: u32 = 14;

/// A visit as the inbox lists it.
#[derive(Serialize)]
struct VisitRow {
    id: i64,
    name: String,
    email: String,
    when: String,
    minutes: i32,
    note: Option<String>,
    /// Where it stands, in words.
    standing: String,
    /// Waiting for the practitioner's answer.
    waiting: bool,
    /// For an accepted visit that has begun: its receipt's address and words, or the
    /// form's for one.
    receipt: Option<ReceiptLink>,
}

#[derive(Serialize)]
struct ReceiptLink {
    href: String,
    label: String,
}

/// An open time to propose: the form's value and its words.
#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
}

#[derive(Serialize)]
struct Message {
    name: String,
    email: String,
    message: String,
    received: String,
}

#[derive(Serialize)]
struct InboxView {
    title: String,
    csrf: String,
    messages: Vec<Message>,
    /// The practice's zone, the times' zone; `None` (times in UTC) where not known.
    zone: Option<String>,
    visits: Vec<VisitRow>,
    /// Open times to propose instead, for the next two weeks.
    choices: Vec<Choice>,
    lengths: Vec<u16>,
    /// What the last action did or why it failed.
    notice: Option<String>,
    /// When the current calendar feed was made.
    feed_made: Option<String>,
    /// A new feed's address, shown once.
    feed_url: Option<String>,
    /// Approved client comments, each with the practitioner's answer or a form for it.
    comments: Vec<CommentRow>,
}

#[derive(Serialize)]
struct CommentRow {
    id: i64,
    initials: String,
    comment: String,
    reply: Option<String>,
}

/// What the inbox shows besides its lists.
#[derive(Default)]
struct Shown {
    notice: Option<String>,
    feed_url: Option<String>,
}

/// `GET /dashboard/inbox`
pub async fn show_inbox(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, PageError> {
    inbox_page(&state, &s, csrf, Shown::default(), StatusCode::OK).await
}

async fn inbox_page(
    state: &AppState,
    s: &SignedIn,
    csrf: String,
    shown: Shown,
    status: StatusCode,
) -> Result<Response, PageError> {
    let p = &s.practitioner;
    let now = state.clock.now();
    let lang = Lang::current();
    let practice = Practice::load(&state.db, p.id)
        .await
        .map_err(AppError::from)?;
    let visits = visits::of_practitioner(&state.db, p.id, now).await?;
    let ids: Vec<i64> = visits.iter().map(|v| v.id).collect();
    let receipts = crate::receipts::of_visits(&state.db, p.id, &ids).await?;
    let visits = visits
        .into_iter()
        .map(|v| {
            let receipt = receipts.get(&v.id).copied();
            visit_row(lang, &practice, v, now, receipt)
        })
        .collect();
    let open = visits::plan_and_busy(&state.db, p.id, now, None).await?;
    let (choices, lengths) = open.map_or_else(Default::default, |(plan, busy)| {
        let mut choices: Vec<Choice> = plan
            .open_slots(&busy, now, plan.today(now), PROPOSE_DAYS)
            .iter()
            .map(|slot| Choice {
                value: slot.start.to_rfc3339(),
                label: {
                    let local = slot.start.with_timezone(&practice.zone);
                    format!(
                        "{}, {}",
                        dates::short_day(lang, local.date_naive(), true),
                        local.format("%-I:%M %p")
                    )
                },
            })
            .collect();
        choices.dedup_by(|a, b| a.value == b.value);
        (choices, plan.lengths)
    });
    let comments = visits::reports::comments(&state.db, p.id)
        .await?
        .into_iter()
        .map(|r| CommentRow {
            id: r.id,
            initials: r.initials,
            comment: r.comment.unwrap_or_default(),
            reply: r.reply,
        })
        .collect();
    let feed_made = visits::feed::made_at(&state.db, p.id)
        .await?
        .map(|at| local_time(lang, at, Some(practice.zone)));
    let zone = state
        .geocoder
        .time_zone(p.postal_code.as_deref(), p.lat.zip(p.lng));
    let messages = contact::inbox(&state.db, p)
        .await?
        .into_iter()
        .map(|m| Message {
            name: m.name,
            email: m.email,
            message: m.message,
            received: local_time(lang, m.created_at, zone),
        })
        .collect();
    page(
        state,
        "dashboard/inbox.html",
        &InboxView {
            title: say("inbox-title"),
            csrf,
            messages,
            zone: zone.map(|z| z.name().replace('_', " ")),
            visits,
            choices,
            lengths,
            notice: shown.notice,
            feed_made,
            feed_url: shown.feed_url,
            comments,
        },
        status,
    )
}

fn visit_row(
    lang: Lang,
    practice: &Practice,
    v: crate::entities::visit::Model,
    now: DateTime<Utc>,
    receipt: Option<i32>,
) -> VisitRow {
    let status = Status::of(&v);
    let live_hold = status == Status::Held && v.held_until.is_some_and(|u| u > now);
    let until = v.held_until.map_or_else(String::new, |at| {
        dates::moment(lang, &at.with_timezone(&practice.zone))
    });
    let held = |key| say_with(key, [("until", FluentValue::from(until.as_str()))]);
    let standing = match status {
        Status::Held if live_hold && v.proposed => held("inbox-proposed"),
        Status::Held if live_hold => held("inbox-waiting"),
        Status::Accepted if v.end_at > now => say("inbox-booked"),
        Status::Accepted => say("inbox-past"),
        Status::Declined => say("inbox-declined"),
        Status::Cancelled => say("inbox-cancelled"),
        Status::Taken => say("inbox-taken"),
        _ => say("inbox-lapsed"),
    };
    let receipt = match receipt {
        Some(number) => Some(ReceiptLink {
            href: format!("/dashboard/receipts/{number}"),
            label: say_with(
                "inbox-receipt-show",
                [("number", crate::receipts::label(number).into())],
            ),
        }),
        None if status == Status::Accepted && v.start_at <= now => Some(ReceiptLink {
            href: format!("/dashboard/receipts?visit={}#new", v.id),
            label: say("inbox-receipt-write"),
        }),
        None => None,
    };
    VisitRow {
        receipt,
        id: v.id,
        name: v.name.unwrap_or_else(|| say("inbox-name-erased")),
        email: v.email.unwrap_or_default(),
        when: dates::moment(lang, &v.start_at.with_timezone(&practice.zone)),
        minutes: v.minutes,
        note: v.note,
        standing,
        waiting: live_hold && !v.proposed,
    }
}

/// The answer form: another time, for a proposal.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AnswerForm {
    start: String,
    minutes: String,
}

/// `POST /dashboard/visits/{id}/{answer}`: accept, decline or propose.
pub async fn answer_visit(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
    Path((id, answer)): Path<(i64, String)>,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> Result<Response, PageError> {
    let refuse = |message: String| Shown {
        notice: Some(message),
        ..Shown::default()
    };
    let answer = match answer.as_str() {
        "accept" => Answer::Accept,
        "decline" => Answer::Decline,
        "propose" => {
            let start = chrono::DateTime::parse_from_rfc3339(form.start.trim())
                .map(|s| s.with_timezone(&Utc));
            match (start, form.minutes.trim().parse()) {
                (Ok(start), Ok(minutes)) => Answer::Propose { start, minutes },
                _ => {
                    let shown = refuse(say("inbox-propose-choose"));
                    return inbox_page(&state, &s, csrf, shown, StatusCode::UNPROCESSABLE_ENTITY)
                        .await;
                }
            }
        }
        _ => return Err(AppError::NotFound(say("inbox-no-answer")).into()),
    };
    let done = respond::answer(
        &state.db,
        s.practitioner.id,
        id,
        answer,
        &state.public_url,
        state.clock.now(),
    )
    .await;
    match done {
        Ok(_) => {
            state.plans.forget(s.practitioner.id);
            Ok(Redirect::to("/dashboard/inbox").into_response())
        }
        Err(VisitError::NotFound) => Err(AppError::NotFound(say("inbox-no-request")).into()),
        Err(e) => {
            let error = AppError::from(e);
            let words = match &error {
                AppError::Validation { fields, .. } => fields
                    .values()
                    .next()
                    .cloned()
                    .unwrap_or_else(|| error.to_string()),
                other => other.public_message(),
            };
            let shown = refuse(words);
            inbox_page(&state, &s, csrf, shown, error.status()).await
        }
    }
}

/// `POST /dashboard/calendar-feed`: a new private feed address, shown once; the old
/// one stops working.
pub async fn replace_calendar_feed(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
    CsrfForm(_): CsrfForm,
) -> Result<Response, PageError> {
    let secret = visits::feed::replace(&state.db, s.practitioner.id, state.clock.now()).await?;
    let shown = Shown {
        feed_url: Some(format!("{}/calendar/{secret}.ics", state.public_url)),
        ..Shown::default()
    };
    inbox_page(&state, &s, csrf, shown, StatusCode::OK).await
}

/// A moment as the practice's clock shows it ("Jan 5, 2026, 3:04 PM CST"), or in UTC
/// when the practice's zone is not known.
fn local_time(lang: Lang, at: DateTime<Utc>, zone: Option<Tz>) -> String {
    match zone {
        Some(zone) => dates::stamp(lang, &at.with_timezone(&zone)),
        None => dates::stamp(lang, &at),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn shows_the_practice_clock_across_a_daylight_saving_change() {
        let at = |m, d, h| {
            Utc.with_ymd_and_hms(2026, m, d, h, 4, 0)
                .single()
                .expect("time")
        };
        let austin = Some(chrono_tz::America::Chicago);
        let en = Lang::english();
        assert_eq!(
            local_time(en, at(1, 5, 21), austin),
            "Jan 5, 2026, 3:04 PM CST"
        );
        assert_eq!(
            local_time(en, at(7, 5, 20), austin),
            "Jul 5, 2026, 3:04 PM CDT"
        );
        assert_eq!(
            local_time(en, at(1, 6, 3), austin),
            "Jan 5, 2026, 9:04 PM CST"
        );
        assert_eq!(
            local_time(en, at(1, 5, 21), None),
            "Jan 5, 2026, 9:04 PM UTC"
        );
        let es = Lang::parse("es").expect("es");
        assert_eq!(
            local_time(es, at(1, 5, 21), austin),
            "5 ene 2026, 3:04 PM CST"
        );
    }
}

/// The answer to a client's comment.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReplyForm {
    reply: String,
}

/// `POST /dashboard/comments/{id}/reply`: the practitioner's one public answer.
pub async fn reply_comment(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<ReplyForm>,
) -> Result<Response, PageError> {
    let done = visits::reports::reply(
        &state.db,
        s.practitioner.id,
        id,
        &form.reply,
        state.clock.now(),
    )
    .await;
    match done {
        Ok(()) => Ok(Redirect::to("/dashboard/inbox#comments-heading").into_response()),
        Err(e) => {
            let error = AppError::from(e);
            let words = match &error {
                AppError::Validation { fields, .. } => {
                    fields.values().next().cloned().unwrap_or_default()
                }
                other => other.public_message(),
            };
            let shown = Shown {
                notice: Some(words),
                ..Shown::default()
            };
            inbox_page(&state, &s, csrf, shown, error.status()).await
        }
    }
}
