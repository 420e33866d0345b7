//! Unit tests of the screen: every red flag, condition and age rule, the most-serious-wins
//! order, clearance, and the property that more warning signs never lighten a verdict.

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
    aged("", "chronic", flags, conditions, cleared)
        .with_pain(pain)
        .validate(&rules())
        .expect("valid answers")
}

/// Raw answers with an age band and a duration, pain 3.
fn aged(
    age: &str,
    duration: &str,
    flags: &[&str],
    conditions: &[&str],
    cleared: bool,
) -> RawAnswers {
    RawAnswers {
        regions: vec!["low_back".into()],
        duration: duration.into(),
        pain: Some(3),
        red_flags: flags.iter().map(|s| s.to_string()).collect(),
        age_band: (!age.is_empty()).then(|| age.to_owned()),
        conditions: conditions.iter().map(|s| s.to_string()).collect(),
        pressure: "medium".into(),
        goal: "clinical".into(),
        cleared_by_doctor: cleared,
    }
}

impl RawAnswers {
    fn with_pain(self, pain: i64) -> Self {
        Self {
            pain: Some(pain),
            ..self
        }
    }
}

fn slugs(s: &Screening) -> Vec<&str> {
    s.verdict.causes.iter().map(|c| c.slug.as_str()).collect()
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
        ("worse_lying_down", SeeDoctorFirst),
        ("immune_suppression", SeeDoctorFirst),
        ("injected_drugs", SeeDoctorFirst),
        ("recent_infection", SeeDoctorFirst),
        ("long_term_steroids", SeeDoctorFirst),
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
    let also: Vec<&str> = s.verdict.also.iter().map(|c| c.slug.as_str()).collect();
    assert_eq!(
        also,
        ["fever", "open_wound"],
        "the lesser causes are kept apart"
    );
    let s = screen(&answers(&["night_pain"], &["open_wound"], 3, false), &rules);
    assert_eq!(s.verdict.kind, SeeDoctorFirst);
    assert_eq!(s.verdict.also.len(), 1);
    assert_eq!(s.verdict.also[0].slug, "open_wound");
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
            also: vec![],
            cleared: false
        }
    );
}

#[test]
fn every_guideline_red_flag_names_its_reason_and_what_to_rule_out() {
    let rules = rules();
    for (flag, rule_out) in [
        ("immune_suppression", "an infection of the spine"),
        ("injected_drugs", "an infection of the spine"),
        ("recent_infection", "an infection of the spine"),
        (
            "long_term_steroids",
            "a bone weakened by long-term steroids",
        ),
        ("worse_lying_down", "an infection or a growth in the spine"),
    ] {
        for age in ["", "unsaid", "under_20", "20_49", "50_plus"] {
            let a = aged(age, "chronic", &[flag], &[], false)
                .validate(&rules)
                .expect("valid");
            let s = screen(&a, &rules);
            assert_eq!(s.verdict.kind, SeeDoctorFirst, "{flag} at {age:?}");
            let cause = &s.verdict.causes[0];
            assert_eq!(cause.slug, flag);
            assert!(!cause.reason.is_empty());
            assert!(cause.rule_out.contains(rule_out), "{flag}: {cause:?}");
        }
    }
}

#[test]
fn age_alone_changes_nothing_and_each_combination_gives_its_verdict() {
    let rules = rules();
    // (age band, duration, red flags, conditions, verdict, causes)
    type Row = (
        &'static str,
        &'static str,
        &'static [&'static str],
        &'static [&'static str],
        VerdictKind,
        &'static [&'static str],
    );
    let table: &[Row] = &[
        // Age alone, with no other answer, never stops the list.
        ("50_plus", "chronic", &[], &[], Proceed, &[]),
        ("50_plus", "acute", &[], &[], Proceed, &[]),
        ("under_20", "acute", &[], &[], Proceed, &[]),
        ("20_49", "chronic", &[], &[], Proceed, &[]),
        // A fall or strenuous lifting at 50 or older: a possible fracture.
        (
            "50_plus",
            "chronic",
            &["recent_trauma"],
            &[],
            SeeDoctorFirst,
            &["recent_trauma", "age_50_plus_injury"],
        ),
        (
            "20_49",
            "chronic",
            &["recent_trauma"],
            &[],
            SeeDoctorFirst,
            &["recent_trauma"],
        ),
        (
            "unsaid",
            "acute",
            &["recent_trauma"],
            &[],
            SeeDoctorFirst,
            &["recent_trauma"],
        ),
        (
            "",
            "acute",
            &["recent_trauma"],
            &[],
            SeeDoctorFirst,
            &["recent_trauma"],
        ),
        // New pain at 50 or older with cancer, osteoporosis or long-term steroids.
        (
            "50_plus",
            "acute",
            &[],
            &["osteoporosis"],
            SeeDoctorFirst,
            &["age_50_plus_new_pain"],
        ),
        (
            "50_plus",
            "acute",
            &["cancer_history"],
            &[],
            SeeDoctorFirst,
            &["cancer_history", "age_50_plus_new_pain"],
        ),
        (
            "50_plus",
            "acute",
            &["long_term_steroids"],
            &[],
            SeeDoctorFirst,
            &["long_term_steroids", "age_50_plus_new_pain"],
        ),
        ("50_plus", "subacute", &[], &["osteoporosis"], Proceed, &[]),
        ("50_plus", "chronic", &[], &["osteoporosis"], Proceed, &[]),
        ("20_49", "acute", &[], &["osteoporosis"], Proceed, &[]),
        ("under_20", "acute", &[], &["osteoporosis"], Proceed, &[]),
        ("unsaid", "acute", &[], &["osteoporosis"], Proceed, &[]),
        ("", "acute", &[], &["osteoporosis"], Proceed, &[]),
        ("50_plus", "acute", &[], &["blood_thinners"], Proceed, &[]),
        // Under 20, pain that has lasted over 6 weeks.
        (
            "under_20",
            "subacute",
            &[],
            &[],
            SeeDoctorFirst,
            &["age_under_20_lasting_pain"],
        ),
        (
            "under_20",
            "chronic",
            &[],
            &[],
            SeeDoctorFirst,
            &["age_under_20_lasting_pain"],
        ),
        ("20_49", "subacute", &[], &[], Proceed, &[]),
        ("unsaid", "chronic", &[], &[], Proceed, &[]),
        ("", "chronic", &[], &[], Proceed, &[]),
    ];
    for (age, duration, flags, conditions, verdict, causes) in table {
        let case = format!("{age:?} {duration} {flags:?} {conditions:?}");
        let a = aged(age, duration, flags, conditions, false)
            .validate(&rules)
            .expect("valid");
        let s = screen(&a, &rules);
        assert_eq!(s.verdict.kind, *verdict, "{case}");
        assert_eq!(slugs(&s), *causes, "{case}");
        // A doctor's clearance lifts every one of these.
        let cleared = screen(
            &aged(age, duration, flags, conditions, true)
                .validate(&rules)
                .expect("valid"),
            &rules,
        );
        assert_eq!(cleared.verdict.kind, Proceed, "{case} cleared");
        assert_eq!(
            cleared.verdict.cleared,
            *verdict == SeeDoctorFirst,
            "{case}"
        );
    }
}

#[test]
fn age_rules_take_their_place_in_the_most_serious_wins_order() {
    let rules = rules();
    let run = |age: &str, duration: &str, flags: &[&str], conditions: &[&str], cleared| {
        screen(
            &aged(age, duration, flags, conditions, cleared)
                .validate(&rules)
                .expect("valid"),
            &rules,
        )
    };
    let s = run(
        "50_plus",
        "acute",
        &["recent_trauma", "saddle_numbness"],
        &[],
        false,
    );
    assert_eq!(s.verdict.kind, Urgent);
    assert_eq!(slugs(&s), ["saddle_numbness"]);
    let s = run(
        "50_plus",
        "acute",
        &["recent_trauma"],
        &["osteoporosis"],
        true,
    );
    assert_eq!(s.verdict.kind, Proceed, "clearance lifts both age rules");
    assert_eq!(
        slugs(&s),
        [
            "recent_trauma",
            "age_50_plus_injury",
            "age_50_plus_new_pain"
        ]
    );
    let s = run("under_20", "chronic", &[], &["open_wound"], false);
    assert_eq!(s.verdict.kind, SeeDoctorFirst);
    assert_eq!(slugs(&s), ["age_under_20_lasting_pain"]);
    let s = run("under_20", "chronic", &[], &["open_wound"], true);
    assert_eq!(s.verdict.kind, Postpone, "clearance never lifts postpone");
    assert_eq!(slugs(&s), ["age_under_20_lasting_pain", "open_wound"]);
    let s = run("under_20", "chronic", &["injected_drugs"], &[], false);
    assert_eq!(slugs(&s), ["injected_drugs", "age_under_20_lasting_pain"]);
}

#[test]
fn an_unknown_age_band_is_refused_by_name() {
    let errors = aged("65", "acute", &[], &[], false)
        .validate(&rules())
        .expect_err("invalid");
    assert_eq!(
        errors.get("age_band").map(String::as_str),
        Some("choose an age band, or prefer not to say")
    );
    assert_eq!(errors.len(), 1);
}

proptest::proptest! {
    /// Adding a red flag, a condition or an age band to any answers never makes
    /// the verdict less serious, with or without a doctor's clearance.
    #[test]
    fn more_warning_signs_never_make_the_verdict_less_serious(
        flags in 0u32..(1 << 13),
        conditions in 0u32..(1 << 11),
        age in 0usize..4,
        duration in 0usize..3,
        cleared: bool,
        added in 0usize..(13 + 11 + 3),
    ) {
        let rules = rules();
        let pick = |bits: u32, from: Vec<&str>| -> Vec<String> {
            from.into_iter()
                .enumerate()
                .filter(|(i, _)| bits & (1 << i) != 0)
                .map(|(_, s)| s.to_owned())
                .collect()
        };
        let flag_slugs: Vec<&str> = rules.red_flags.iter().map(|f| f.slug.as_str()).collect();
        let condition_slugs: Vec<&str> =
            rules.conditions.iter().map(|c| c.slug.as_str()).collect();
        let bands = ["unsaid", "under_20", "20_49", "50_plus"];
        let before = RawAnswers {
            red_flags: pick(flags, flag_slugs.clone()),
            conditions: pick(conditions, condition_slugs.clone()),
            age_band: Some(bands[age].to_owned()),
            duration: rules.durations[duration].slug.clone(),
            ..aged("", "acute", &[], &[], cleared)
        };
        let mut after = before.clone();
        match added {
            i if i < 13 => after.red_flags.push(flag_slugs[i].to_owned()),
            i if i < 24 => after.conditions.push(condition_slugs[i - 13].to_owned()),
            i if age == 0 => after.age_band = Some(bands[i - 23].to_owned()),
            _ => {}
        }
        let verdict = |raw: &RawAnswers| {
            screen(&raw.validate(&rules).expect("valid"), &rules).verdict.kind
        };
        // Verdicts order from the most serious (urgent) up.
        proptest::prop_assert!(verdict(&after) <= verdict(&before));
    }
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
        age_band: None,
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
