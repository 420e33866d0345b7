//! A letter of medical necessity, prepared for the doctor: the condition in the
//! person's own words (where, how long, how much it hurts), the kinds of massage that
//! fit it, and, when the screen asks for a doctor first, what the doctor is asked to
//! rule out. The doctor fills in the rest. Built from the answers for one request and
//! never stored.

use serde::Serialize;

use super::{
    answers::Answers,
    note::{NoteLine, pre_visit_note},
    rules::{Rules, VerdictKind},
    screen::Screening,
};
use crate::i18n::{text, text_with};

/// What the letter says before the doctor's part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterRequest {
    /// The condition as the person described it.
    pub condition: Vec<NoteLine>,
    /// Modality slugs that fit the areas, strongest fit first.
    pub modalities: Vec<String>,
    /// Whether the screen asks for a doctor's check before any massage.
    pub clearance_needed: bool,
    /// What the doctor is asked to rule out first, when that check is needed.
    pub rule_out: Vec<String>,
}

/// The letter for these answers, or `None` when massage is not for now: the screen
/// sent the person to urgent care, or to wait for something to heal.
pub fn letter_request(
    answers: &Answers,
    screening: &Screening,
    rules: &Rules,
) -> Option<LetterRequest> {
    let kind = screening.verdict.kind;
    if matches!(kind, VerdictKind::Urgent | VerdictKind::Postpone) {
        return None;
    }
    let label = |list: &[(String, String)], slug: &str| {
        list.iter()
            .find(|(s, _)| s == slug)
            .map_or_else(|| slug.to_owned(), |(_, l)| l.clone())
    };
    let regions: Vec<(String, String)> = rules
        .regions
        .iter()
        .map(|r| (r.slug.clone(), r.label.clone()))
        .collect();
    let durations: Vec<(String, String)> = rules
        .durations
        .iter()
        .map(|d| (d.slug.clone(), d.label.clone()))
        .collect();
    let condition = vec![
        NoteLine {
            question: text(rules.lang, "note-q-where"),
            answer: answers
                .regions
                .iter()
                .map(|r| label(&regions, r))
                .collect::<Vec<_>>()
                .join(", "),
        },
        NoteLine {
            question: text(rules.lang, "note-q-how-long"),
            answer: label(&durations, &answers.duration),
        },
        NoteLine {
            question: text(rules.lang, "note-q-pain"),
            answer: text_with(
                rules.lang,
                "note-pain-score",
                [("pain", answers.pain.into())],
            ),
        },
    ];
    let chosen: Vec<_> = rules
        .regions
        .iter()
        .filter(|r| answers.regions.contains(&r.slug))
        .collect();
    let mut modalities: Vec<String> = Vec::new();
    for slug in chosen
        .iter()
        .flat_map(|r| r.strong.iter())
        .chain(chosen.iter().flat_map(|r| r.some.iter()))
    {
        if !modalities.contains(slug) {
            modalities.push(slug.clone());
        }
    }
    let clearance_needed = kind == VerdictKind::SeeDoctorFirst;
    let rule_out = if clearance_needed {
        pre_visit_note(answers, screening, rules)
            .map(|n| n.ask_doctor)
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    Some(LetterRequest {
        condition,
        modalities,
        clearance_needed,
        rule_out,
    })
}
