//! The inbox of appointment requests.

use axum::{extract::State, http::StatusCode, response::Response};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
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
    /// The practice's zone, the times' zone; `None` (times in UTC) where not known.
    zone: Option<String>,
}

/// `GET /dashboard/inbox`
pub async fn show_inbox(State(state): State<AppState>, s: SignedIn) -> Result<Response, PageError> {
    let p = &s.practitioner;
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
            received: local_time(m.created_at, zone),
        })
        .collect();
    page(
        &state,
        "dashboard/inbox.html",
        &InboxView {
            title: "Your inbox",
            messages,
            zone: zone.map(|z| z.name().replace('_', " ")),
        },
        StatusCode::OK,
    )
}

/// A moment as the practice's clock shows it ("Jan 5, 2026, 3:04 PM CST"), or in UTC
/// when the practice's zone is not known.
fn local_time(at: DateTime<Utc>, zone: Option<Tz>) -> String {
    const FORMAT: &str = "%b %-d, %Y, %-I:%M %p %Z";
    match zone {
        Some(zone) => at.with_timezone(&zone).format(FORMAT).to_string(),
        None => at.format(FORMAT).to_string(),
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
        assert_eq!(local_time(at(1, 5, 21), austin), "Jan 5, 2026, 3:04 PM CST");
        assert_eq!(local_time(at(7, 5, 20), austin), "Jul 5, 2026, 3:04 PM CDT");
        assert_eq!(local_time(at(1, 6, 3), austin), "Jan 5, 2026, 9:04 PM CST");
        assert_eq!(local_time(at(1, 5, 21), None), "Jan 5, 2026, 9:04 PM UTC");
    }
}
