//! The time every time-dependent answer reads: the system's, unless a test has set it.
//! Handlers take `now` from the state's clock, so a test moves time forward by setting
//! it, never by sleeping.

use std::sync::{
    Arc,
    atomic::{AtomicI64, Ordering},
};

use chrono::{DateTime, TimeDelta, Utc};

/// Marks a clock that follows the system's.
const SYSTEM: i64 = i64::MIN;

/// A shared clock: clones read and set the same time.
#[derive(Debug, Clone)]
pub struct Clock(Arc<AtomicI64>);

impl Default for Clock {
    fn default() -> Self {
        Self(Arc::new(AtomicI64::new(SYSTEM)))
    }
}

impl Clock {
    /// The time now.
    pub fn now(&self) -> DateTime<Utc> {
        match self.0.load(Ordering::Relaxed) {
            SYSTEM => Utc::now(),
            micros => DateTime::from_timestamp_micros(micros).unwrap_or_else(Utc::now),
        }
    }

    /// Stops the clock at `at` (for tests).
    pub fn set(&self, at: DateTime<Utc>) {
        self.0.store(at.timestamp_micros(), Ordering::Relaxed);
    }

    /// Moves a set clock forward by `by`, or sets it `by` from the system's time.
    pub fn advance(&self, by: TimeDelta) {
        self.set(self.now() + by);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_clock_stays_and_moves_only_when_told() {
        let clock = Clock::default();
        let shared = clock.clone();
        let at = DateTime::from_timestamp(1_800_000_000, 0).expect("time");
        shared.set(at);
        assert_eq!(clock.now(), at);
        clock.advance(TimeDelta::days(1));
        assert_eq!(shared.now(), at + TimeDelta::days(1));
    }
}
