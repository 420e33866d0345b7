//! Calendar objects (RFC 5545), pure: the invite sent when a visit is accepted or
//! moved (`METHOD:REQUEST`), the cancellation (`METHOD:CANCEL`), and the private feed
//! (`METHOD:PUBLISH`). Times are written on the practice's clock with its `TZID`, and
//! the zone's rules are written out as a `VTIMEZONE` from the time-zone database,
//! with each change from the year before the first event to the year after the last.
//! Lines end in CRLF and are folded at 75 octets; text values are escaped.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

/// What an invite says of one visit.
#[derive(Debug, Clone)]
pub struct Event {
    /// The stable UID, the same for every update of the visit.
    pub uid: String,
    /// Incremented on every update after the first invite.
    pub sequence: i32,
    /// Start.
    pub start: DateTime<Utc>,
    /// Length in minutes.
    pub minutes: i32,
    /// The practice's zone.
    pub zone: Tz,
    /// "Massage visit with Ana Park".
    pub summary: String,
    /// Where.
    pub location: String,
    /// A few lines for the event's description.
    pub description: String,
    /// The practitioner's name and email, the organizer.
    pub organizer: (String, String),
    /// The client's name and email, when the invite is theirs to see.
    pub attendee: Option<(String, String)>,
    /// Whether the event is cancelled.
    pub cancelled: bool,
}

/// The method of a calendar object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// An invite or an update of one.
    Request,
    /// A cancellation.
    Cancel,
    /// A subscribed feed.
    Publish,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Self::Request => "REQUEST",
            Self::Cancel => "CANCEL",
            Self::Publish => "PUBLISH",
        }
    }
}

/// A whole calendar object holding `events`, stamped at `now`.
pub fn calendar(
    method: Method,
    events: &[Event],
    now: DateTime<Utc>,
    name: Option<&str>,
) -> String {
    let mut out = Lines::default();
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line("PRODID:-//Therapist Finder//Visits//EN");
    out.line("CALSCALE:GREGORIAN");
    out.line(&format!("METHOD:{}", method.as_str()));
    if let Some(name) = name {
        out.line(&format!("X-WR-CALNAME:{}", text(name)));
    }
    let mut zones: Vec<Tz> = events.iter().map(|e| e.zone).collect();
    zones.sort_by_key(|z| z.name());
    zones.dedup();
    for zone in zones {
        let years = events
            .iter()
            .filter(|e| e.zone == zone)
            .map(|e| e.start.with_timezone(&zone).year());
        let first = years.clone().min().unwrap_or(now.year());
        let last = years.max().unwrap_or(now.year());
        timezone(&mut out, zone, first - 1, last + 1);
    }
    for event in events {
        vevent(&mut out, event, now);
    }
    out.line("END:VCALENDAR");
    out.0
}

fn vevent(out: &mut Lines, e: &Event, now: DateTime<Utc>) {
    let local = |at: DateTime<Utc>| at.with_timezone(&e.zone).format("%Y%m%dT%H%M%S");
    let end = e.start + TimeDelta::minutes(i64::from(e.minutes));
    out.line("BEGIN:VEVENT");
    out.line(&format!("UID:{}", e.uid));
    out.line(&format!("DTSTAMP:{}", now.format("%Y%m%dT%H%M%SZ")));
    out.line(&format!("SEQUENCE:{}", e.sequence));
    out.line(&format!(
        "DTSTART;TZID={}:{}",
        e.zone.name(),
        local(e.start)
    ));
    out.line(&format!("DTEND;TZID={}:{}", e.zone.name(), local(end)));
    out.line(&format!("SUMMARY:{}", text(&e.summary)));
    out.line(&format!("LOCATION:{}", text(&e.location)));
    out.line(&format!("DESCRIPTION:{}", text(&e.description)));
    out.line(&format!(
        "ORGANIZER;CN={}:mailto:{}",
        param(&e.organizer.0),
        e.organizer.1
    ));
    if let Some((name, email)) = &e.attendee {
        out.line(&format!(
            "ATTENDEE;CN={};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:{email}",
            param(name)
        ));
    }
    out.line(if e.cancelled {
        "STATUS:CANCELLED"
    } else {
        "STATUS:CONFIRMED"
    });
    out.line("END:VEVENT");
}

/// The zone's observances from January of `first` to December of `last`: one
/// `STANDARD` or `DAYLIGHT` part per change, or one `STANDARD` part for a zone that
/// does not change.
fn timezone(out: &mut Lines, zone: Tz, first: i32, last: i32) {
    out.line("BEGIN:VTIMEZONE");
    out.line(&format!("TZID:{}", zone.name()));
    let from = NaiveDate::from_ymd_opt(first, 1, 1).unwrap_or(NaiveDate::MIN);
    let to = NaiveDate::from_ymd_opt(last, 12, 31).unwrap_or(NaiveDate::MAX);
    let changes = changes(
        zone,
        from.and_time(chrono::NaiveTime::MIN),
        to.and_time(chrono::NaiveTime::MIN),
    );
    if changes.is_empty() {
        let offset = zone.offset_from_utc_datetime(&from.and_time(chrono::NaiveTime::MIN));
        let seconds = offset.fix().local_minus_utc();
        observance(
            out,
            "STANDARD",
            "19700101T000000",
            seconds,
            seconds,
            &abbreviation(&offset),
        );
    }
    for (at, before, after) in changes {
        let offset = zone.offset_from_utc_datetime(&at);
        let kind = if offset.dst_offset().num_seconds() == 0 {
            "STANDARD"
        } else {
            "DAYLIGHT"
        };
        // The onset is written on the wall clock as it read before the change.
        let onset = (at + TimeDelta::seconds(i64::from(before))).format("%Y%m%dT%H%M%S");
        observance(
            out,
            kind,
            &onset.to_string(),
            before,
            after,
            &abbreviation(&offset),
        );
    }
    out.line("END:VTIMEZONE");
}

fn observance(out: &mut Lines, kind: &str, onset: &str, from: i32, to: i32, name: &str) {
    out.line(&format!("BEGIN:{kind}"));
    out.line(&format!("DTSTART:{onset}"));
    out.line(&format!("TZOFFSETFROM:{}", utc_offset(from)));
    out.line(&format!("TZOFFSETTO:{}", utc_offset(to)));
    out.line(&format!("TZNAME:{}", text(name)));
    out.line(&format!("END:{kind}"));
}

fn abbreviation(offset: &chrono_tz::TzOffset) -> String {
    offset
        .abbreviation()
        .map_or_else(|| offset.to_string(), str::to_owned)
}

/// Each change of the zone's UTC offset between two UTC times: the UTC instant and the
/// offsets (seconds east of UTC) before and after. Found a day at a time, then to the
/// second by halving.
fn changes(zone: Tz, from: NaiveDateTime, to: NaiveDateTime) -> Vec<(NaiveDateTime, i32, i32)> {
    let at = |seconds: i64| DateTime::from_timestamp(seconds, 0).map(|t| t.naive_utc());
    let offset = |seconds: i64| {
        at(seconds).map_or(0, |t| {
            zone.offset_from_utc_datetime(&t).fix().local_minus_utc()
        })
    };
    let mut out = Vec::new();
    let (mut day, end) = (from.and_utc().timestamp(), to.and_utc().timestamp());
    while day < end {
        let next = day + 86_400;
        let (before, after) = (offset(day), offset(next));
        if before != after {
            let (mut lo, mut hi) = (day, next);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if offset(mid) == before {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            if let Some(instant) = at(hi) {
                out.push((instant, before, after));
            }
        }
        day = next;
    }
    out
}

/// `-0600`, `+0530`.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!("{sign}{:02}{:02}", minutes / 60, minutes % 60)
}

/// A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped,
/// other control characters left out.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value (RFC 5545 3.2), quoted; quotes and control characters, which it
/// cannot hold, left out.
fn param(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    format!("\"{clean}\"")
}

/// Content lines, each ended with CRLF and folded at 75 octets (never inside a
/// character).
#[derive(Default)]
struct Lines(String);

impl Lines {
    fn line(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            let len = c.len_utf8();
            if width + len > 75 {
                self.0.push_str("\r\n ");
                width = 1;
            }
            self.0.push(c);
            width += len;
        }
        self.0.push_str("\r\n");
    }
}

#[cfg(test)]
mod tests {
    use chrono_tz::America::{Chicago, Phoenix};

    use super::*;

    fn event(zone: Tz, start: DateTime<Utc>) -> Event {
        Event {
            uid: "visit-1@example.com".into(),
            sequence: 2,
            start,
            minutes: 60,
            zone,
            summary: "Massage visit with Ana Park, LMT".into(),
            location: "12 Main St; Suite 3, Austin, TX".into(),
            description: "Line one\nLine two".into(),
            organizer: ("Ana \"AP\" Park".into(), "ana@example.com".into()),
            attendee: Some(("Bo Li".into(), "bo@example.com".into())),
            cancelled: false,
        }
    }

    #[test]
    fn writes_the_start_on_the_practice_clock_with_its_zone_rules() {
        let start = Chicago.with_ymd_and_hms(2026, 12, 8, 9, 0, 0).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
        let ics = calendar(
            Method::Request,
            &[event(Chicago, start.with_timezone(&Utc))],
            now,
            None,
        );
        assert!(ics.contains("METHOD:REQUEST\r\n"));
        assert!(ics.contains("DTSTART;TZID=America/Chicago:20261208T090000\r\n"));
        assert!(ics.contains("DTEND;TZID=America/Chicago:20261208T100000\r\n"));
        assert!(ics.contains("SEQUENCE:2\r\n"));
        // Spring forward 2026 in Chicago: 2:00 CST becomes 3:00 CDT on March 8.
        assert!(ics.contains(
            "BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0600\r\nTZOFFSETTO:-0500\r\nTZNAME:CDT\r\n"
        ));
        assert!(ics.contains(
            "BEGIN:STANDARD\r\nDTSTART:20261101T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0600\r\nTZNAME:CST\r\n"
        ));
        assert!(ics.contains("LOCATION:12 Main St\\; Suite 3\\, Austin\\, TX\r\n"));
        assert!(ics.contains("DESCRIPTION:Line one\\nLine two\r\n"));
        assert!(ics.contains("ORGANIZER;CN=\"Ana AP Park\":mailto:ana@example.com\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn a_zone_without_changes_has_one_standard_part() {
        let start = Phoenix.with_ymd_and_hms(2026, 7, 1, 9, 0, 0).unwrap();
        let ics = calendar(
            Method::Cancel,
            &[Event {
                cancelled: true,
                ..event(Phoenix, start.with_timezone(&Utc))
            }],
            Utc::now(),
            None,
        );
        assert_eq!(ics.matches("BEGIN:STANDARD").count(), 1);
        assert!(!ics.contains("DAYLIGHT"));
        assert!(ics.contains("TZOFFSETTO:-0700\r\n"));
        assert!(ics.contains("STATUS:CANCELLED\r\n"));
    }

    #[test]
    fn folds_long_lines_at_75_octets_without_splitting_a_character() {
        let start = Chicago.with_ymd_and_hms(2026, 12, 8, 9, 0, 0).unwrap();
        let mut e = event(Chicago, start.with_timezone(&Utc));
        e.description = "Ñandú ".repeat(40);
        let ics = calendar(Method::Publish, &[e], Utc::now(), Some("Visits"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("DESCRIPTION:{}", "Ñandú ".repeat(40))));
    }

    #[test]
    fn control_characters_never_break_a_line() {
        let start = Chicago.with_ymd_and_hms(2026, 12, 8, 9, 0, 0).unwrap();
        let mut e = event(Chicago, start.with_timezone(&Utc));
        e.summary = "A\r\nBEGIN:VEVENT\u{7}".into();
        let ics = calendar(Method::Request, &[e], Utc::now(), None);
        assert_eq!(ics.matches("\r\nBEGIN:VEVENT\r\n").count(), 1);
        assert!(ics.contains("SUMMARY:A\\nBEGIN:VEVENT\r\n"));
    }
}
