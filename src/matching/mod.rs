//! The questionnaire, the safety screen and the ranking: pure functions over the rules
//! file, with no IO, no web and no database.

pub mod rules;

pub use rules::{Rules, RulesError, VerdictKind};
