//! Admin work that keeps the directory trustworthy: licence verification, state
//! roster imports, expiry, reports and suspensions, all recorded in the append-only
//! audit log.

pub mod licences;
pub mod moderation;
pub mod queue;
pub mod roster;
