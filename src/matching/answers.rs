//! The questionnaire answers: parsed from a form or JSON, validated against the rules
//! file. Answers are health data: they live only for the request.

use serde::{Deserialize, Serialize};

use super::rules::{AGE_UNSAID, Rules};
use crate::i18n::{Lang, text};

/// Field name → message, for answers that are not valid. The same shape as the
/// request layer's field errors, which it converts into without copying.
pub type FieldErrors = std::collections::BTreeMap<String, String>;

/// Answers as submitted, before validation.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RawAnswers {
    /// Region slugs.
    pub regions: Vec<String>,
    /// Duration slug.
    pub duration: String,
    /// Pain right now, 0–10.
    pub pain: Option<i64>,
    /// Red-flag slugs answered yes.
    pub red_flags: Vec<String>,
    /// Age band slug; `None` when not answered.
    pub age_band: Option<String>,
    /// Condition slugs answered yes.
    pub conditions: Vec<String>,
    /// Pressure slug.
    pub pressure: String,
    /// Goal slug.
    pub goal: String,
    /// A doctor has seen the person and said massage is fine.
    pub cleared_by_doctor: bool,
}

/// Validated answers: every slug is known, the pain score is in range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    /// Region slugs, in the rules file's order, without duplicates.
    pub regions: Vec<String>,
    /// Duration slug.
    pub duration: String,
    /// Pain right now, 0–10.
    pub pain: u8,
    /// Red-flag slugs.
    pub red_flags: Vec<String>,
    /// Age band slug; `unsaid` when not answered.
    pub age_band: String,
    /// Condition slugs.
    pub conditions: Vec<String>,
    /// Pressure slug.
    pub pressure: String,
    /// Goal slug.
    pub goal: String,
    /// Doctor's clearance.
    pub cleared_by_doctor: bool,
}

fn ordered_known(
    lang: Lang,
    given: &[String],
    known: &[&str],
    field: &str,
    errors: &mut FieldErrors,
) -> Vec<String> {
    if given.iter().any(|g| !known.contains(&g.as_str())) {
        errors.insert(field.to_owned(), text(lang, "answer-choose-offered"));
    }
    known
        .iter()
        .filter(|k| given.iter().any(|g| g == *k))
        .map(|k| (*k).to_owned())
        .collect()
}

impl RawAnswers {
    /// Validates against the rules; on failure, a message per field.
    pub fn validate(&self, rules: &Rules) -> Result<Answers, FieldErrors> {
        let mut errors = FieldErrors::new();
        let regions: Vec<&str> = rules.regions.iter().map(|r| r.slug.as_str()).collect();
        let flags: Vec<&str> = rules.red_flags.iter().map(|r| r.slug.as_str()).collect();
        let conditions: Vec<&str> = rules.conditions.iter().map(|r| r.slug.as_str()).collect();
        let answers = Answers {
            regions: ordered_known(rules.lang, &self.regions, &regions, "regions", &mut errors),
            red_flags: ordered_known(
                rules.lang,
                &self.red_flags,
                &flags,
                "red_flags",
                &mut errors,
            ),
            conditions: ordered_known(
                rules.lang,
                &self.conditions,
                &conditions,
                "conditions",
                &mut errors,
            ),
            duration: self.duration.clone(),
            age_band: self
                .age_band
                .clone()
                .unwrap_or_else(|| AGE_UNSAID.to_owned()),
            pain: 0,
            pressure: self.pressure.clone(),
            goal: self.goal.clone(),
            cleared_by_doctor: self.cleared_by_doctor,
        };
        if self.regions.is_empty() {
            errors.insert("regions".into(), text(rules.lang, "answer-regions"));
        }
        let one_of =
            |value: &str, options: Vec<&str>, field: &str, what: &str, errors: &mut FieldErrors| {
                if !options.contains(&value) {
                    errors.insert(field.into(), text(rules.lang, what));
                }
            };
        one_of(
            &self.duration,
            rules.durations.iter().map(|d| d.slug.as_str()).collect(),
            "duration",
            "answer-duration",
            &mut errors,
        );
        one_of(
            &self.pressure,
            rules.pressures.iter().map(|d| d.slug.as_str()).collect(),
            "pressure",
            "answer-pressure",
            &mut errors,
        );
        one_of(
            &self.goal,
            rules.goals.iter().map(|d| d.slug.as_str()).collect(),
            "goal",
            "answer-goal",
            &mut errors,
        );
        if let Some(age) = &self.age_band
            && !rules.age_bands.iter().any(|b| &b.slug == age)
        {
            errors.insert("age_band".into(), text(rules.lang, "answer-age"));
        }
        let pain = match self.pain {
            Some(p @ 0..=10) => p as u8,
            Some(_) => {
                errors.insert("pain".into(), text(rules.lang, "answer-pain-range"));
                0
            }
            None => {
                errors.insert("pain".into(), text(rules.lang, "answer-pain"));
                0
            }
        };
        if errors.is_empty() {
            Ok(Answers { pain, ..answers })
        } else {
            Err(errors)
        }
    }
}
