//! The questionnaire, the safety screen and the ranking: pure functions over the rules
//! file, with no IO, no web and no database.

pub mod answers;
pub mod letter;
pub mod note;
pub mod rank;
pub mod rule_book;
pub mod rules;
pub mod screen;

pub use answers::{Answers, RawAnswers};
pub use letter::{LetterRequest, letter_request};
pub use note::{PreVisitNote, pre_visit_note};
pub use rank::{
    Candidate, LicenceFacts, Match, OutcomeFacts, Practice, RankContext, Reason, Weights, rank,
};
pub use rule_book::RuleBook;
pub use rules::{Rules, RulesError, VerdictKind};
pub use screen::{Precautions, Screening, Verdict, screen};
