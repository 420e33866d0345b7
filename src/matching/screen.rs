//! The safety screen: red flags and conditions give a verdict and precautions. The
//! most serious verdict wins; a doctor's clearance lifts only `see_doctor_first`.

use std::collections::BTreeSet;

use serde::Serialize;

use super::{
    answers::Answers,
    rules::{Rules, Training, VerdictKind},
};

/// One answer that caused a verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cause {
    /// The red-flag or condition slug.
    pub slug: String,
    /// The verdict it calls for.
    pub verdict: VerdictKind,
    /// Why, in plain words.
    pub reason: String,
}

/// The screen's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// The verdict after any clearance.
    pub kind: VerdictKind,
    /// The answers behind a non-proceed verdict (or lifted by clearance).
    pub causes: Vec<Cause>,
    /// A doctor's clearance lifted `see_doctor_first`.
    pub cleared: bool,
}

impl Verdict {
    /// Whether a list of practitioners may be shown.
    pub fn shows_matches(&self) -> bool {
        self.kind == VerdictKind::Proceed
    }
}

/// How the precautions shape matching.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Precautions {
    /// Modalities left out.
    pub excluded_modalities: BTreeSet<String>,
    /// Training every match must have.
    pub required_training: Vec<Training>,
    /// Prefer light pressure; firm and deep work ranks down.
    pub light_pressure: bool,
    /// No direct leg work.
    pub no_leg_work: bool,
    /// High pain: prefer gentle, indirect techniques; deep tissue ranks down.
    pub gentle_first: bool,
    /// Notes shown to the person, in plain words.
    pub notes: Vec<String>,
}

/// The outcome of screening.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Screening {
    /// The verdict.
    pub verdict: Verdict,
    /// The precautions (always shown, whatever the verdict).
    pub precautions: Precautions,
}

/// Screens validated answers against the rules.
pub fn screen(answers: &Answers, rules: &Rules) -> Screening {
    let mut causes = Vec::new();
    for flag in rules
        .red_flags
        .iter()
        .filter(|f| answers.red_flags.contains(&f.slug))
    {
        causes.push(Cause {
            slug: flag.slug.clone(),
            verdict: flag.verdict,
            reason: flag.reason.clone(),
        });
    }
    let mut precautions = Precautions::default();
    for condition in rules
        .conditions
        .iter()
        .filter(|c| answers.conditions.contains(&c.slug))
    {
        if condition.verdict != VerdictKind::Proceed {
            causes.push(Cause {
                slug: condition.slug.clone(),
                verdict: condition.verdict,
                reason: condition.reason.clone(),
            });
        }
        precautions
            .excluded_modalities
            .extend(condition.exclude.iter().cloned());
        if let Some(training) = condition.require_training
            && !precautions.required_training.contains(&training)
        {
            precautions.required_training.push(training);
        }
        precautions.light_pressure |= condition.light_pressure;
        precautions.no_leg_work |= condition.no_leg_work;
        precautions.notes.push(condition.note.clone());
    }
    if answers.pain >= rules.high_pain_threshold {
        precautions.gentle_first = true;
        precautions.notes.push(format!(
            "Your pain is {} out of 10: gentle, indirect techniques (myofascial release, Swedish) come first, and deep tissue work ranks lower.",
            answers.pain
        ));
    }
    let worst = |lifted: bool| {
        causes
            .iter()
            .map(|c| c.verdict)
            .filter(|v| !(lifted && *v == VerdictKind::SeeDoctorFirst))
            .min()
            .unwrap_or(VerdictKind::Proceed)
    };
    let uncleared = worst(false);
    let cleared = answers.cleared_by_doctor && uncleared == VerdictKind::SeeDoctorFirst;
    let kind = worst(cleared);
    let shown: Vec<Cause> = if cleared {
        causes
            .into_iter()
            .filter(|c| c.verdict == VerdictKind::SeeDoctorFirst || c.verdict == kind)
            .collect()
    } else {
        causes.into_iter().filter(|c| c.verdict == kind).collect()
    };
    Screening {
        verdict: Verdict {
            kind,
            causes: shown,
            cleared,
        },
        precautions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::{answers::RawAnswers, rules::BUILT_IN};
    use crate::reference::Catalogue;
    use VerdictKind::*;

    fn rules() -> Rules {
        let catalogue = Catalogue::built_in().expect("catalogue");
        let slugs: Vec<&str> = catalogue.modality_slugs().collect();
        Rules::load(BUILT_IN, &slugs).expect("rules")
    }

    fn answers(flags: &[&str], conditions: &[&str], pain: i64, cleared: bool) -> Answers {
        RawAnswers {
            regions: vec!["low_back".into()],
            duration: "chronic".into(),
            pain: Some(pain),
            red_flags: flags.iter().map(|s| s.to_string()).collect(),
            conditions: conditions.iter().map(|s| s.to_string()).collect(),
            pressure: "medium".into(),
            goal: "clinical".into(),
            cleared_by_doctor: cleared,
        }
        .validate(&rules())
        .expect("valid answers")
    }

    #[test]
    fn every_red_flag_gives_its_verdict_and_clearance_lifts_only_see_doctor_first() {
        let table = [
            ("bladder_bowel_change", Urgent),
            ("saddle_numbness", Urgent),
            ("progressive_weakness", Urgent),
            ("fever", SeeDoctorFirst),
            ("night_pain", SeeDoctorFirst),
            ("recent_trauma", SeeDoctorFirst),
            ("flank_or_abdominal_pain", SeeDoctorFirst),
            ("cancer_history", SeeDoctorFirst),
        ];
        let rules = rules();
        assert_eq!(
            table.len(),
            rules.red_flags.len(),
            "table covers every red flag"
        );
        for (flag, expected) in table {
            let s = screen(&answers(&[flag], &[], 3, false), &rules);
            assert_eq!(s.verdict.kind, expected, "{flag}");
            assert_eq!(s.verdict.causes.len(), 1);
            assert_eq!(s.verdict.causes[0].slug, flag);
            assert!(!s.verdict.shows_matches());
            let cleared = screen(&answers(&[flag], &[], 3, true), &rules);
            let after = if expected == SeeDoctorFirst {
                Proceed
            } else {
                expected
            };
            assert_eq!(cleared.verdict.kind, after, "{flag} cleared");
            assert_eq!(cleared.verdict.cleared, expected == SeeDoctorFirst);
        }
    }

    #[test]
    fn every_condition_gives_its_verdict_and_effect() {
        struct Row {
            slug: &'static str,
            verdict: VerdictKind,
            excluded: &'static [&'static str],
            training: Option<Training>,
            light: bool,
            no_legs: bool,
        }
        let table = [
            Row {
                slug: "blood_thinners",
                verdict: Proceed,
                excluded: &["deep_tissue", "sports"],
                training: None,
                light: true,
                no_legs: false,
            },
            Row {
                slug: "pregnancy",
                verdict: Proceed,
                excluded: &["deep_tissue"],
                training: Some(Training::Prenatal),
                light: false,
                no_legs: false,
            },
            Row {
                slug: "osteoporosis",
                verdict: Proceed,
                excluded: &["deep_tissue"],
                training: None,
                light: true,
                no_legs: false,
            },
            Row {
                slug: "varicose_veins",
                verdict: Proceed,
                excluded: &[],
                training: None,
                light: false,
                no_legs: true,
            },
            Row {
                slug: "blood_clots",
                verdict: SeeDoctorFirst,
                excluded: &[],
                training: None,
                light: false,
                no_legs: false,
            },
            Row {
                slug: "ra_flare",
                verdict: Proceed,
                excluded: &[],
                training: None,
                light: true,
                no_legs: false,
            },
            Row {
                slug: "open_wound",
                verdict: Postpone,
                excluded: &[],
                training: None,
                light: false,
                no_legs: false,
            },
            Row {
                slug: "recent_surgery_or_fracture",
                verdict: SeeDoctorFirst,
                excluded: &[],
                training: None,
                light: false,
                no_legs: false,
            },
            Row {
                slug: "cancer_treatment",
                verdict: SeeDoctorFirst,
                excluded: &[],
                training: Some(Training::Oncology),
                light: false,
                no_legs: false,
            },
            Row {
                slug: "heart_condition",
                verdict: SeeDoctorFirst,
                excluded: &[],
                training: None,
                light: false,
                no_legs: false,
            },
            Row {
                slug: "reduced_sensation",
                verdict: Proceed,
                excluded: &["hot_stone"],
                training: None,
                light: true,
                no_legs: false,
            },
        ];
        let rules = rules();
        assert_eq!(
            table.len(),
            rules.conditions.len(),
            "table covers every condition"
        );
        for row in table {
            let s = screen(&answers(&[], &[row.slug], 3, false), &rules);
            assert_eq!(s.verdict.kind, row.verdict, "{}", row.slug);
            let excluded: Vec<&str> = s
                .precautions
                .excluded_modalities
                .iter()
                .map(String::as_str)
                .collect();
            let mut expected = row.excluded.to_vec();
            expected.sort_unstable();
            assert_eq!(excluded, expected, "{}", row.slug);
            assert_eq!(
                s.precautions.required_training,
                row.training.into_iter().collect::<Vec<_>>(),
                "{}",
                row.slug
            );
            assert_eq!(s.precautions.light_pressure, row.light, "{}", row.slug);
            assert_eq!(s.precautions.no_leg_work, row.no_legs, "{}", row.slug);
            assert_eq!(s.precautions.notes.len(), 1, "{} has a note", row.slug);
        }
    }

    #[test]
    fn the_most_serious_verdict_wins() {
        let rules = rules();
        let s = screen(
            &answers(&["fever", "saddle_numbness"], &["open_wound"], 3, false),
            &rules,
        );
        assert_eq!(s.verdict.kind, Urgent);
        assert_eq!(
            s.verdict
                .causes
                .iter()
                .map(|c| c.slug.as_str())
                .collect::<Vec<_>>(),
            ["saddle_numbness"]
        );
        let s = screen(&answers(&["night_pain"], &["open_wound"], 3, false), &rules);
        assert_eq!(s.verdict.kind, SeeDoctorFirst);
        let s = screen(&answers(&["night_pain"], &["open_wound"], 3, true), &rules);
        assert_eq!(s.verdict.kind, Postpone, "clearance never lifts postpone");
        let s = screen(&answers(&["progressive_weakness"], &[], 3, true), &rules);
        assert_eq!(s.verdict.kind, Urgent, "clearance never lifts urgent");
        let s = screen(&answers(&[], &[], 3, true), &rules);
        assert_eq!(
            s.verdict,
            Verdict {
                kind: Proceed,
                causes: vec![],
                cleared: false
            }
        );
    }

    #[test]
    fn high_pain_means_gentle_first() {
        let rules = rules();
        assert!(
            !screen(&answers(&[], &[], 6, false), &rules)
                .precautions
                .gentle_first
        );
        let s = screen(&answers(&[], &[], 7, false), &rules);
        assert!(s.precautions.gentle_first);
        assert!(s.precautions.notes[0].contains("7 out of 10"));
    }

    #[test]
    fn invalid_answers_name_their_fields() {
        let raw = RawAnswers {
            regions: vec!["elbow".into()],
            duration: "forever".into(),
            pain: Some(11),
            red_flags: vec!["x".into()],
            conditions: vec![],
            pressure: "medium".into(),
            goal: "clinical".into(),
            cleared_by_doctor: false,
        };
        let errors = raw.validate(&rules()).expect_err("invalid");
        for field in ["regions", "duration", "pain", "red_flags"] {
            assert!(errors.contains_key(field), "{field}: {errors:?}");
        }
        assert!(!errors.contains_key("pressure"));
    }
}
