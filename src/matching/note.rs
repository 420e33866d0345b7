//! The pre-visit note: what a person takes to the doctor and then to the massage
//! therapist when the screen says "see a doctor first" or a precaution applies. It is
//! built from the answers for one request and never stored.

use serde::Serialize;

use super::{
    answers::Answers,
    rules::{AGE_UNSAID, Rules, VerdictKind},
    screen::Screening,
};
use crate::i18n::{FluentValue, text, text_with};

/// One answer as the note repeats it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoteLine {
    /// The question, shortly.
    pub question: String,
    /// The answer, in words.
    pub answer: String,
}

/// The note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreVisitNote {
    /// Whether the screen asks for a doctor's clearance before any massage.
    pub clearance_needed: bool,
    /// The person said a doctor has already cleared them.
    pub cleared: bool,
    /// The answers that matter.
    pub answers: Vec<NoteLine>,
    /// What the doctor is asked.
    pub ask_doctor: Vec<String>,
    /// What to tell the massage therapist.
    pub tell_therapist: Vec<String>,
}

fn label_of<'a>(choices: impl IntoIterator<Item = (&'a str, &'a str)>, slug: &str) -> String {
    choices
        .into_iter()
        .find(|(s, _)| *s == slug)
        .map_or_else(|| slug.to_owned(), |(_, label)| label.to_owned())
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The note for these answers, or `None` when there is nothing to take to anyone:
/// the screen said "proceed" with no precaution, or it sent the person to urgent care
/// (no note should stand between them and a doctor today), or to wait for healing.
pub fn pre_visit_note(
    answers: &Answers,
    screening: &Screening,
    rules: &Rules,
) -> Option<PreVisitNote> {
    let say = |key: &str| text(rules.lang, key);
    let say_with =
        |key: &str, args: Vec<(&'static str, FluentValue)>| text_with(rules.lang, key, args);
    let verdict = &screening.verdict;
    let clearance_needed = verdict.kind == VerdictKind::SeeDoctorFirst;
    let fits = match verdict.kind {
        VerdictKind::SeeDoctorFirst => true,
        VerdictKind::Proceed => verdict.cleared || !screening.precautions.notes.is_empty(),
        VerdictKind::Urgent | VerdictKind::Postpone => false,
    };
    if !fits {
        return None;
    }
    let regions: Vec<String> = answers
        .regions
        .iter()
        .map(|r| {
            label_of(
                rules
                    .regions
                    .iter()
                    .map(|x| (x.slug.as_str(), x.label.as_str())),
                r,
            )
        })
        .collect();
    let conditions: Vec<(&str, &str, &str)> = rules
        .conditions
        .iter()
        .filter(|c| answers.conditions.contains(&c.slug))
        .map(|c| (c.slug.as_str(), c.label.as_str(), c.note.as_str()))
        .collect();
    let flags: Vec<&str> = rules
        .red_flags
        .iter()
        .filter(|f| answers.red_flags.contains(&f.slug))
        .map(|f| f.label.as_str())
        .collect();
    let mut lines = vec![
        NoteLine {
            question: say("note-q-where"),
            answer: regions.join(", "),
        },
        NoteLine {
            question: say("note-q-how-long"),
            answer: label_of(
                rules
                    .durations
                    .iter()
                    .map(|x| (x.slug.as_str(), x.label.as_str())),
                &answers.duration,
            ),
        },
        NoteLine {
            question: say("note-q-pain"),
            answer: say_with("note-pain-score", vec![("pain", answers.pain.into())]),
        },
        NoteLine {
            question: say("note-q-conditions"),
            answer: if conditions.is_empty() {
                say("note-no-conditions")
            } else {
                conditions
                    .iter()
                    .map(|(_, label, _)| *label)
                    .collect::<Vec<_>>()
                    .join("; ")
            },
        },
    ];
    if answers.age_band != AGE_UNSAID {
        lines.push(NoteLine {
            question: say("note-q-age"),
            answer: label_of(
                rules
                    .age_bands
                    .iter()
                    .map(|x| (x.slug.as_str(), x.label.as_str())),
                &answers.age_band,
            ),
        });
    }
    if !flags.is_empty() {
        lines.push(NoteLine {
            question: say("note-q-warning-signs"),
            answer: flags.join("; "),
        });
    }
    lines.push(NoteLine {
        question: say("note-q-pressure"),
        answer: label_of(
            rules
                .pressures
                .iter()
                .map(|x| (x.slug.as_str(), x.label.as_str())),
            &answers.pressure,
        ),
    });
    let mut ask_doctor: Vec<String> = verdict
        .causes
        .iter()
        .filter(|c| c.verdict == VerdictKind::SeeDoctorFirst)
        .map(|c| {
            if c.rule_out.is_empty() {
                say_with(
                    "note-ask-clearance",
                    vec![("reason", c.reason.as_str().into())],
                )
            } else {
                say_with(
                    "note-ask-clearance-rule-out",
                    vec![
                        ("reason", c.reason.as_str().into()),
                        ("rule_out", c.rule_out.as_str().into()),
                    ],
                )
            }
        })
        .collect();
    for (slug, label, _) in &conditions {
        if !verdict.causes.iter().any(|c| c.slug == *slug) {
            ask_doctor.push(say_with(
                "note-ask-condition",
                vec![("condition", lower_first(label).into())],
            ));
        }
    }
    if screening.precautions.gentle_first {
        ask_doctor.push(say_with(
            "note-ask-high-pain",
            vec![("pain", answers.pain.into())],
        ));
    }
    let mut tell_therapist = vec![say_with(
        "note-tell-where",
        vec![
            ("regions", regions.join(", ").into()),
            ("pain", answers.pain.into()),
        ],
    )];
    tell_therapist.extend(screening.precautions.notes.iter().cloned());
    if clearance_needed || verdict.cleared {
        tell_therapist.push(say("note-tell-doctor-said"));
    }
    Some(PreVisitNote {
        clearance_needed,
        cleared: verdict.cleared,
        answers: lines,
        ask_doctor,
        tell_therapist,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::{RawAnswers, rules::BUILT_IN, screen};
    use crate::reference::Catalogue;

    fn rules() -> Rules {
        let catalogue = Catalogue::built_in().expect("catalogue");
        let slugs: Vec<&str> = catalogue.modality_slugs().collect();
        Rules::load(BUILT_IN, &slugs).expect("rules")
    }

    fn answers(rules: &Rules, flags: &[&str], conditions: &[&str], pain: i64) -> Answers {
        RawAnswers {
            regions: vec!["low_back".into()],
            duration: "chronic".into(),
            pain: Some(pain),
            red_flags: flags.iter().map(|s| (*s).to_owned()).collect(),
            age_band: None,
            conditions: conditions.iter().map(|s| (*s).to_owned()).collect(),
            pressure: "medium".into(),
            goal: "clinical".into(),
            cleared_by_doctor: false,
        }
        .validate(rules)
        .expect("valid answers")
    }

    #[test]
    fn every_precaution_reaches_the_note_with_its_question_and_advice() {
        let rules = rules();
        for condition in &rules.conditions {
            let a = answers(&rules, &[], &[&condition.slug], 4);
            let s = screen(&a, &rules);
            let note = pre_visit_note(&a, &s, &rules);
            if condition.verdict == VerdictKind::Postpone {
                assert_eq!(note, None, "{}: waiting needs no note", condition.slug);
                continue;
            }
            let note = note.unwrap_or_else(|| panic!("{} has a note", condition.slug));
            let answered = note
                .answers
                .iter()
                .find(|l| l.question == "Health conditions")
                .expect("conditions line");
            assert!(
                answered.answer.contains(&condition.label),
                "{}",
                condition.slug
            );
            assert!(
                note.tell_therapist.contains(&condition.note),
                "{}: the therapist hears the precaution",
                condition.slug
            );
            let asks = note.ask_doctor.join(" ");
            match condition.verdict {
                VerdictKind::SeeDoctorFirst => {
                    assert!(note.clearance_needed);
                    assert!(
                        asks.contains(&condition.reason) && asks.contains("safe for me now"),
                        "{}: {asks}",
                        condition.slug
                    );
                }
                _ => {
                    assert!(!note.clearance_needed);
                    assert!(
                        asks.contains(&lower_first(&condition.label)),
                        "{}: {asks}",
                        condition.slug
                    );
                }
            }
        }
    }

    #[test]
    fn red_flags_that_need_a_doctor_get_a_note_and_urgent_ones_do_not() {
        let rules = rules();
        for flag in &rules.red_flags {
            let a = answers(&rules, &[&flag.slug], &[], 4);
            let s = screen(&a, &rules);
            let note = pre_visit_note(&a, &s, &rules);
            match flag.verdict {
                VerdictKind::SeeDoctorFirst => {
                    let note = note.expect("a note for the doctor");
                    let asks = note.ask_doctor.join(" ");
                    assert!(asks.contains(&flag.reason), "{asks}");
                    assert!(
                        asks.contains(&format!("Please rule out {}.", flag.rule_out)),
                        "{}: {asks}",
                        flag.slug
                    );
                    assert!(
                        note.answers.iter().any(
                            |l| l.question == "Warning signs" && l.answer.contains(&flag.label)
                        )
                    );
                }
                _ => assert_eq!(note, None, "{}", flag.slug),
            }
        }
    }

    #[test]
    fn the_guideline_reasons_reach_the_note_in_plain_words() {
        let rules = rules();
        let steroids = answers(&rules, &["long_term_steroids"], &[], 4);
        let note = pre_visit_note(&steroids, &screen(&steroids, &rules), &rules).expect("note");
        assert!(note.clearance_needed);
        let asks = note.ask_doctor.join(" ");
        assert!(
            asks.contains("Long-term steroid tablets can weaken the bones"),
            "{asks}"
        );
        assert!(
            asks.contains("a bone weakened by long-term steroids"),
            "{asks}"
        );
        assert!(
            !note.answers.iter().any(|l| l.question == "Age"),
            "no age line when age was not given"
        );
        let older = RawAnswers {
            age_band: Some("50_plus".into()),
            duration: "acute".into(),
            ..RawAnswers {
                regions: vec!["low_back".into()],
                pain: Some(4),
                conditions: vec!["osteoporosis".into()],
                pressure: "medium".into(),
                goal: "clinical".into(),
                ..RawAnswers::default()
            }
        }
        .validate(&rules)
        .expect("valid");
        let note = pre_visit_note(&older, &screen(&older, &rules), &rules).expect("note");
        assert!(note.clearance_needed);
        assert!(
            note.answers
                .iter()
                .any(|l| l.question == "Age" && l.answer == "50 or older")
        );
        let asks = note.ask_doctor.join(" ");
        assert!(asks.contains("New pain at 50 or older"), "{asks}");
        assert!(
            asks.contains("Please rule out a bone weakened by osteoporosis"),
            "{asks}"
        );
    }

    #[test]
    fn high_pain_alone_is_a_precaution_and_nothing_at_all_is_no_note() {
        let rules = rules();
        let calm = answers(&rules, &[], &[], 3);
        assert_eq!(pre_visit_note(&calm, &screen(&calm, &rules), &rules), None);
        let high = answers(&rules, &[], &[], 8);
        let note = pre_visit_note(&high, &screen(&high, &rules), &rules).expect("note");
        assert!(note.ask_doctor.iter().any(|q| q.contains("8 out of 10")));
        assert!(note.tell_therapist.iter().any(|t| t.contains("gentle")));
    }
}
