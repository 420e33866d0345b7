//! The safety screen: red flags and conditions give a verdict and precautions. The
//! most serious verdict wins; a doctor's clearance lifts only `see_doctor_first`.

use std::collections::BTreeSet;

use serde::Serialize;

use super::{
    answers::Answers,
    rules::{Rules, Training, VerdictKind},
};

/// One answer (or, for an age rule, answers together) that caused a verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cause {
    /// The red-flag, condition or age-rule slug.
    pub slug: String,
    /// The verdict it calls for.
    pub verdict: VerdictKind,
    /// Why, in plain words.
    pub reason: String,
    /// What a doctor is asked to rule out, in plain words; empty when the rules
    /// name nothing.
    pub rule_out: String,
}

/// The screen's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// The verdict after any clearance.
    pub kind: VerdictKind,
    /// The answers behind a non-proceed verdict (or lifted by clearance).
    pub causes: Vec<Cause>,
    /// The answers that call for a less serious verdict than this one: the more
    /// serious one wins, but these still matter (a person sent to urgent care with a
    /// wound that must heal as well).
    pub also: Vec<Cause>,
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
            rule_out: flag.rule_out.clone(),
        });
    }
    for rule in rules.age_rules.iter().filter(|r| {
        r.fires(
            &answers.age_band,
            &answers.duration,
            &answers.red_flags,
            &answers.conditions,
        )
    }) {
        causes.push(Cause {
            slug: rule.slug.clone(),
            verdict: rule.verdict,
            reason: rule.reason.clone(),
            rule_out: rule.rule_out.clone(),
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
                rule_out: String::new(),
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
        precautions.notes.push(crate::i18n::text_with(
            rules.lang,
            "precaution-high-pain",
            [("pain", answers.pain.into())],
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
    let (shown, also): (Vec<Cause>, Vec<Cause>) = causes
        .into_iter()
        .partition(|c| c.verdict == kind || (cleared && c.verdict == VerdictKind::SeeDoctorFirst));
    Screening {
        verdict: Verdict {
            kind,
            causes: shown,
            also,
            cleared,
        },
        precautions,
    }
}

#[cfg(test)]
mod tests;
