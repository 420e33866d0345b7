//! Working hours and open times. A practitioner's hours, session lengths, buffer,
//! booking horizon, shortest notice, time off and zone are one row (`schedules`), so
//! the open times of the matches on a page are read in one query. The arithmetic is
//! pure (`slots`); typed hours and time off are read in `parse`.
//!
//! Visits that take time (held until their hold lapses, or accepted) are the `busy`
//! input of the arithmetic, read with the plans ([`busy`]).

mod cache;
pub mod parse;
pub mod slots;

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, sea_query::OnConflict,
};

pub use cache::PlanCache;
pub use slots::{Busy, Minute, Plan, Slot, Week};

use crate::entities::{schedule, visit};

/// Session lengths a practitioner may offer, in minutes.
pub const LENGTHS: [Minute; 6] = [30, 45, 60, 75, 90, 120];
/// How far ahead people may book unless the practitioner says otherwise, in days.
pub const DEFAULT_HORIZON_DAYS: u16 = 60;
/// The shortest notice unless the practitioner says otherwise, in hours.
pub const DEFAULT_NOTICE_HOURS: u16 = 12;
/// Most days of open times one request may ask for.
pub const MAX_DAYS: u32 = 31;

/// A practitioner's schedule as stored, zone and all.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    /// The practice's zone, where its location gives one.
    pub zone: Option<Tz>,
    /// Weekly hours.
    pub week: Week,
    /// Lengths offered, shortest first.
    pub lengths: Vec<Minute>,
    /// Buffer around visits, in minutes.
    pub buffer_minutes: u16,
    /// Booking horizon, in days.
    pub horizon_days: u16,
    /// Shortest notice, in hours.
    pub notice_hours: u16,
    /// Days off.
    pub time_off: Vec<(NaiveDate, NaiveDate)>,
}

impl Stored {
    /// The plan the arithmetic reads, when the zone is known and there are hours.
    pub fn plan(&self) -> Option<Plan> {
        let zone = self.zone?;
        (!self.week.is_empty()).then(|| Plan {
            zone,
            week: self.week.clone(),
            lengths: self.lengths.clone(),
            buffer_minutes: self.buffer_minutes,
            horizon_days: self.horizon_days,
            notice_hours: self.notice_hours,
            time_off: self.time_off.clone(),
        })
    }

    fn from_row(row: schedule::Model) -> Result<Self, DbErr> {
        let unreadable = |what: &str| {
            DbErr::Custom(format!(
                "schedule of practitioner {}: unreadable {what}",
                row.practitioner_id
            ))
        };
        let week: Week = serde_json::from_str(&row.week).map_err(|_| unreadable("week"))?;
        let time_off: Vec<(NaiveDate, NaiveDate)> =
            serde_json::from_str(&row.time_off).map_err(|_| unreadable("time off"))?;
        let lengths = row
            .lengths
            .split(',')
            .filter(|l| !l.is_empty())
            .map(|l| l.parse::<Minute>().map_err(|_| unreadable("lengths")))
            .collect::<Result<Vec<_>, _>>()?;
        let small = |n: i32| u16::try_from(n).map_err(|_| unreadable("rule"));
        Ok(Self {
            zone: row.zone.as_deref().and_then(|z| z.parse().ok()),
            week,
            lengths,
            buffer_minutes: small(row.buffer_minutes)?,
            horizon_days: small(row.horizon_days)?,
            notice_hours: small(row.notice_hours)?,
            time_off,
        })
    }

    /// The row that stores this schedule.
    pub fn into_row(self, practitioner_id: i64, now: DateTime<Utc>) -> schedule::ActiveModel {
        schedule::ActiveModel {
            practitioner_id: Set(practitioner_id),
            zone: Set(self.zone.map(|z| z.name().to_owned())),
            week: Set(serde_json::to_string(&self.week).unwrap_or_default()),
            lengths: Set(self
                .lengths
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(",")),
            buffer_minutes: Set(i32::from(self.buffer_minutes)),
            horizon_days: Set(i32::from(self.horizon_days)),
            notice_hours: Set(i32::from(self.notice_hours)),
            time_off: Set(serde_json::to_string(&self.time_off).unwrap_or_default()),
            updated_at: Set(now),
        }
    }
}

/// One practitioner's stored schedule, if they have set hours.
pub async fn stored(
    db: &impl ConnectionTrait,
    practitioner_id: i64,
) -> Result<Option<Stored>, DbErr> {
    schedule::Entity::find_by_id(practitioner_id)
        .one(db)
        .await?
        .map(Stored::from_row)
        .transpose()
}

/// The plans of several practitioners in one query, for those with hours and a zone.
pub async fn plans(db: &impl ConnectionTrait, ids: &[i64]) -> Result<HashMap<i64, Plan>, DbErr> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = schedule::Entity::find()
        .filter(schedule::Column::PractitionerId.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let mut out = HashMap::with_capacity(rows.len());
    for row in rows {
        let id = row.practitioner_id;
        if let Some(plan) = Stored::from_row(row)?.plan() {
            out.insert(id, plan);
        }
    }
    Ok(out)
}

/// The visits that take time from now on, of each of `ids`: accepted ones, and held
/// ones whose hold has not lapsed at `now`. `except` leaves one visit out (the one
/// being moved). In order of start.
pub async fn busy(
    db: &impl ConnectionTrait,
    ids: &[i64],
    now: DateTime<Utc>,
    except: Option<i64>,
) -> Result<HashMap<i64, Vec<Busy>>, DbErr> {
    let mut out: HashMap<i64, Vec<Busy>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let rows = visit::Entity::find()
        .filter(visit::Column::PractitionerId.is_in(ids.iter().copied()))
        .filter(visit::Column::EndAt.gt(now))
        .filter(
            Condition::any()
                .add(visit::Column::Status.eq(TAKES_TIME_ACCEPTED))
                .add(
                    Condition::all()
                        .add(visit::Column::Status.eq(TAKES_TIME_HELD))
                        .add(visit::Column::HeldUntil.gt(now)),
                ),
        )
        .filter(visit::Column::Id.ne(except.unwrap_or(0)))
        .order_by_asc(visit::Column::StartAt)
        .all(db)
        .await?;
    for row in rows {
        out.entry(row.practitioner_id).or_default().push(Busy {
            start: row.start_at,
            end: row.end_at,
        });
    }
    Ok(out)
}

/// The visit status whose time is taken for good.
const TAKES_TIME_ACCEPTED: &str = "accepted";
/// The visit status whose time is taken until its hold lapses.
const TAKES_TIME_HELD: &str = "held";

/// Saves (inserts or replaces) a practitioner's schedule.
pub async fn save(
    db: &impl ConnectionTrait,
    practitioner_id: i64,
    schedule: Stored,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    schedule::Entity::insert(schedule.into_row(practitioner_id, now))
        .on_conflict(
            OnConflict::column(schedule::Column::PractitionerId)
                .update_columns([
                    schedule::Column::Zone,
                    schedule::Column::Week,
                    schedule::Column::Lengths,
                    schedule::Column::BufferMinutes,
                    schedule::Column::HorizonDays,
                    schedule::Column::NoticeHours,
                    schedule::Column::TimeOff,
                    schedule::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// Sets the zone of a practice that moved; a practice without hours has no row to change.
pub async fn rezone(
    db: &impl ConnectionTrait,
    practitioner_id: i64,
    zone: Option<Tz>,
) -> Result<(), DbErr> {
    schedule::Entity::update_many()
        .col_expr(
            schedule::Column::Zone,
            sea_orm::sea_query::Expr::value(zone.map(|z| z.name().to_owned())),
        )
        .filter(schedule::Column::PractitionerId.eq(practitioner_id))
        .exec(db)
        .await?;
    Ok(())
}

/// A practice's open times over some days.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenTimes {
    /// The practice's zone, where known.
    pub zone: Option<Tz>,
    /// The first local date asked about: the one given, or today on the practice's clock.
    pub from: Option<NaiveDate>,
    /// The session lengths offered.
    pub lengths: Vec<Minute>,
    /// Open times, in order.
    pub slots: Vec<Slot>,
}

/// The open times of `days` local dates from `from` (today on the practice's clock when
/// not given), at most [`MAX_DAYS`]. A practice without hours or a zone has none.
pub async fn open_times(
    db: &impl ConnectionTrait,
    practitioner_id: i64,
    from: Option<NaiveDate>,
    days: u32,
    now: DateTime<Utc>,
) -> Result<OpenTimes, DbErr> {
    let stored = stored(db, practitioner_id).await?;
    let zone = stored.as_ref().and_then(|s| s.zone);
    let Some(plan) = stored.as_ref().and_then(Stored::plan) else {
        return Ok(OpenTimes {
            zone,
            from: from.or_else(|| zone.map(|z| now.with_timezone(&z).date_naive())),
            lengths: Vec::new(),
            slots: Vec::new(),
        });
    };
    let from = from.unwrap_or_else(|| plan.today(now));
    let busy = busy(db, &[practitioner_id], now, None)
        .await?
        .remove(&practitioner_id)
        .unwrap_or_default();
    Ok(OpenTimes {
        zone,
        from: Some(from),
        lengths: plan.lengths.clone(),
        slots: plan.open_slots(&busy, now, from, days.min(MAX_DAYS)),
    })
}
