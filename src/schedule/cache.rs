//! The plans behind the "next open" time beside each match, kept in memory for a short
//! while, so a match, which otherwise never touches the database, reads schedules from
//! it only for matches it has not seen lately. The profile, the dashboard and the slots
//! API always read the database.
//!
//! Each plan is kept with the visits that took time when it was read (accepted, or
//! held). A plan read here is at most [`MAX_AGE`] old: a server forgets a
//! practitioner's plan when its own pages change their hours or location or a visit of
//! theirs is held, accepted, moved or cancelled, and another server sees the change
//! once its copy has aged out. The cache holds at most [`CAPACITY`] plans and
//! starts again empty when full.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbErr};

use super::{Busy, Plan, Slot};

/// How long a plan read from the database is used.
pub const MAX_AGE: Duration = Duration::from_secs(30);
/// Most plans (or known absences of one) kept.
pub const CAPACITY: usize = 200_000;

/// A plan and the visits that took time when it was read.
type Known = Arc<(Plan, Vec<Busy>)>;
/// When a practitioner's plan was read, and the plan; `None` remembers "no hours".
type Entries = HashMap<i64, (Instant, Option<Known>)>;

/// Recently read plans by practitioner id.
#[derive(Debug, Default)]
pub struct PlanCache {
    entries: Mutex<Entries>,
}

impl PlanCache {
    /// The next open time of each of `ids` that has one at `now`; reads from the
    /// database, in one query, only the plans not read in the last [`MAX_AGE`].
    pub async fn next_open(
        &self,
        db: &impl ConnectionTrait,
        ids: &[i64],
        now: DateTime<Utc>,
    ) -> Result<HashMap<i64, Slot>, DbErr> {
        let mut known = Vec::with_capacity(ids.len());
        let mut missing = Vec::new();
        {
            let entries = self.lock();
            for id in ids {
                match entries.get(id) {
                    Some((read, plan)) if read.elapsed() < MAX_AGE => {
                        if let Some(plan) = plan {
                            known.push((*id, plan.clone()));
                        }
                    }
                    _ => missing.push(*id),
                }
            }
        }
        if !missing.is_empty() {
            let mut fresh = super::plans(db, &missing).await?;
            let with_hours: Vec<i64> = fresh.keys().copied().collect();
            let mut busy = super::busy(db, &with_hours, now, None).await?;
            let mut entries = self.lock();
            if entries.len() + missing.len() > CAPACITY {
                entries.clear();
            }
            let read = Instant::now();
            for id in missing {
                let plan = fresh
                    .remove(&id)
                    .map(|plan| Arc::new((plan, busy.remove(&id).unwrap_or_default())));
                entries.insert(id, (read, plan.clone()));
                if let Some(plan) = plan {
                    known.push((id, plan));
                }
            }
        }
        Ok(known
            .into_iter()
            .filter_map(|(id, known)| {
                let (plan, busy) = &*known;
                plan.next_open(busy, now).map(|slot| (id, slot))
            })
            .collect())
    }

    /// Forgets a practitioner's plan after a change to it or to their visits.
    pub fn forget(&self, practitioner_id: i64) {
        self.lock().remove(&practitioner_id);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
