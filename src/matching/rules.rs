//! The clinical rules file (`seed/questionnaire.toml`): its shape, and the checks that
//! run when it is loaded so that a wrong edit stops start-up with a clear message.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

pub use super::rule_book::{RuleBook, Text};
use crate::i18n::Lang;

/// The rules as shipped with the binary.
pub const BUILT_IN: &str = include_str!("../../seed/questionnaire.toml");

/// The age band for "prefer not to say", and for no answer: age changes nothing.
pub const AGE_UNSAID: &str = "unsaid";

/// A screening verdict, from the most to the least serious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictKind {
    /// Seek medical care now; no practitioners are shown.
    Urgent,
    /// See a doctor first; a doctor's clearance lifts it.
    SeeDoctorFirst,
    /// Wait (e.g. until a wound heals); no practitioners are shown.
    Postpone,
    /// Go ahead, with any precautions.
    Proceed,
}

impl VerdictKind {
    /// The slug used by the API and the data file.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Urgent => "urgent",
            Self::SeeDoctorFirst => "see_doctor_first",
            Self::Postpone => "postpone",
            Self::Proceed => "proceed",
        }
    }
}

/// A training flag a condition can require.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Training {
    /// Prenatal training.
    Prenatal,
    /// Oncology training.
    Oncology,
}

/// A simple labelled choice (duration, pressure).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    bound(deserialize = "T: Deserialize<'de> + Default")
)]
pub struct Choice<T = String> {
    /// Stable identifier.
    pub slug: String,
    /// Words shown to people.
    pub label: T,
}

/// A body region and the modalities that fit it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    bound(deserialize = "T: Deserialize<'de> + Default")
)]
pub struct RegionRule<T = String> {
    /// Stable identifier.
    pub slug: String,
    /// Words shown to people.
    pub label: T,
    /// Modalities that fit this region strongly.
    pub strong: Vec<String>,
    /// Modalities that fit somewhat.
    pub some: Vec<String>,
    /// Whether work here is direct leg work (for the varicose-vein precaution).
    #[serde(default)]
    pub is_leg: bool,
    /// Whether the fitting modalities must be applied gently.
    #[serde(default)]
    pub gentle: bool,
    /// Which source article the row comes from.
    #[serde(default)]
    pub source: String,
}

/// A goal and the modalities it raises.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    bound(deserialize = "T: Deserialize<'de> + Default")
)]
pub struct GoalRule<T = String> {
    /// Stable identifier.
    pub slug: String,
    /// Words shown to people.
    pub label: T,
    /// Modalities this goal raises.
    pub boost: Vec<String>,
    /// Which source article the row comes from.
    #[serde(default)]
    pub source: String,
}

/// A box of red flags on the form (warning signs; risk factors).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    bound(deserialize = "T: Deserialize<'de> + Default")
)]
pub struct RedFlagGroup<T = String> {
    /// Stable identifier.
    pub slug: String,
    /// The box's heading.
    pub label: T,
    /// A line under the heading, if any.
    #[serde(default)]
    pub hint: T,
}

/// A red flag and the verdict it forces.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    bound(deserialize = "T: Deserialize<'de> + Default")
)]
pub struct RedFlagRule<T = String> {
    /// Stable identifier.
    pub slug: String,
    /// The group (box on the form) it is asked in.
    pub group: String,
    /// The question shown to people.
    pub label: T,
    /// The verdict when this flag is answered yes.
    pub verdict: VerdictKind,
    /// Why, in plain words.
    pub reason: T,
    /// What the doctor is asked to rule out, in plain words.
    #[serde(default)]
    pub rule_out: T,
    /// Which source the row comes from.
    #[serde(default)]
    pub source: String,
}

/// Age with other answers: a verdict that no answer gives on its own. It fires when
/// the age band is listed, the duration is listed (or none are), and, when any red
/// flags or conditions are listed, one of them was answered yes.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    bound(deserialize = "T: Deserialize<'de> + Default")
)]
pub struct AgeRule<T = String> {
    /// Stable identifier, reported as the cause.
    pub slug: String,
    /// The age bands it applies to.
    pub age_bands: Vec<String>,
    /// The durations it applies to; empty means any.
    #[serde(default)]
    pub durations: Vec<String>,
    /// Red flags, any of which (with `conditions`) completes the rule.
    #[serde(default)]
    pub red_flags: Vec<String>,
    /// Conditions, any of which (with `red_flags`) completes the rule.
    #[serde(default)]
    pub conditions: Vec<String>,
    /// The verdict when it fires.
    pub verdict: VerdictKind,
    /// Why, in plain words.
    pub reason: T,
    /// What the doctor is asked to rule out, in plain words.
    pub rule_out: T,
    /// Which source the row comes from.
    #[serde(default)]
    pub source: String,
}

impl<T> AgeRule<T> {
    /// Whether the rule fires for this age band, duration, and the answered flags and
    /// conditions.
    pub fn fires(
        &self,
        age: &str,
        duration: &str,
        flags: &[String],
        conditions: &[String],
    ) -> bool {
        let any_of = |wanted: &[String], given: &[String]| wanted.iter().any(|w| given.contains(w));
        self.age_bands.iter().any(|b| b == age)
            && (self.durations.is_empty() || self.durations.iter().any(|d| d == duration))
            && ((self.red_flags.is_empty() && self.conditions.is_empty())
                || any_of(&self.red_flags, flags)
                || any_of(&self.conditions, conditions))
    }
}

/// A health condition and how it shapes the match.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    bound(deserialize = "T: Deserialize<'de> + Default")
)]
pub struct ConditionRule<T = String> {
    /// Stable identifier.
    pub slug: String,
    /// The question shown to people.
    pub label: T,
    /// A verdict this condition causes on its own.
    #[serde(default = "proceed")]
    pub verdict: VerdictKind,
    /// Why the verdict, when it is not `proceed`.
    #[serde(default)]
    pub reason: T,
    /// Modalities left out of matching.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Practitioners without this training are left out.
    #[serde(default)]
    pub require_training: Option<Training>,
    /// Prefer light pressure.
    #[serde(default)]
    pub light_pressure: bool,
    /// No direct leg work.
    #[serde(default)]
    pub no_leg_work: bool,
    /// The note shown to the person.
    pub note: T,
    /// Which source article the row comes from.
    #[serde(default)]
    pub source: String,
}

fn proceed() -> VerdictKind {
    VerdictKind::Proceed
}

/// The whole rules file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    bound(deserialize = "T: Deserialize<'de> + Default")
)]
pub struct Rules<T = String> {
    /// Verdicts, most serious first.
    pub verdict_order: Vec<VerdictKind>,
    /// Pain at or above this means "gentle first".
    pub high_pain_threshold: u8,
    /// The one-sentence notice shown on every results page.
    pub not_a_diagnosis: T,
    /// Body regions.
    pub regions: Vec<RegionRule<T>>,
    /// How long the pain has lasted.
    pub durations: Vec<Choice<T>>,
    /// Preferred pressures.
    pub pressures: Vec<Choice<T>>,
    /// Goals.
    pub goals: Vec<GoalRule<T>>,
    /// The boxes the red flags are asked in, in the form's order.
    pub red_flag_groups: Vec<RedFlagGroup<T>>,
    /// The red-flag screen.
    pub red_flags: Vec<RedFlagRule<T>>,
    /// Age bands (optional question); one of them is [`AGE_UNSAID`].
    pub age_bands: Vec<Choice<T>>,
    /// Verdicts from age with other answers.
    pub age_rules: Vec<AgeRule<T>>,
    /// The precautions.
    pub conditions: Vec<ConditionRule<T>>,
    /// The language of this book's words.
    #[serde(skip)]
    pub lang: Lang,
}

/// Why a rules file was refused.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    /// Not valid TOML or not the expected shape.
    #[error("questionnaire rules: {0}")]
    Parse(String),
    /// Valid shape, wrong content.
    #[error("questionnaire rules: {0}")]
    Invalid(String),
}

impl Rules {
    /// Parses and validates a rules file against the known modality slugs, and gives
    /// its words in English (tests read it; the site reads the [`RuleBook`]).
    pub fn load(source: &str, modalities: &[&str]) -> Result<Self, RulesError> {
        Ok(RuleBook::load(source, modalities)?
            .get(Lang::english())
            .clone())
    }

    /// Checks the rules in one language.
    pub(super) fn validate(&self, modalities: &[&str]) -> Result<(), RulesError> {
        use VerdictKind::*;
        let invalid = |msg: String| Err(RulesError::Invalid(msg));
        if self.verdict_order != [Urgent, SeeDoctorFirst, Postpone, Proceed] {
            return invalid(
                "verdict_order must be urgent, see_doctor_first, postpone, proceed".into(),
            );
        }
        if self.high_pain_threshold > 10 {
            return invalid("high_pain_threshold must be between 0 and 10".into());
        }
        if self.not_a_diagnosis.trim().is_empty() {
            return invalid("not_a_diagnosis must not be empty".into());
        }
        let known: HashSet<&str> = modalities.iter().copied().collect();
        let check_modalities = |owner: &str, list: &[String]| -> Result<(), RulesError> {
            match list.iter().find(|m| !known.contains(m.as_str())) {
                Some(m) => Err(RulesError::Invalid(format!(
                    "{owner}: unknown modality `{m}`"
                ))),
                None => Ok(()),
            }
        };
        let mut seen = HashSet::new();
        let mut check_slug = |kind: &str, slug: &str, label: &str| -> Result<(), RulesError> {
            if slug.is_empty()
                || !slug
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                return Err(RulesError::Invalid(format!(
                    "{kind} slug `{slug}` must be lowercase letters, digits and underscores"
                )));
            }
            if label.trim().is_empty() {
                return Err(RulesError::Invalid(format!(
                    "{kind} `{slug}` needs a label"
                )));
            }
            if !seen.insert(format!("{kind}:{slug}")) {
                return Err(RulesError::Invalid(format!("duplicate {kind} `{slug}`")));
            }
            Ok(())
        };
        for r in &self.regions {
            check_slug("region", &r.slug, &r.label)?;
            if r.strong.is_empty() {
                return invalid(format!(
                    "region `{}` needs at least one strong modality",
                    r.slug
                ));
            }
            check_modalities(&format!("region `{}`", r.slug), &r.strong)?;
            check_modalities(&format!("region `{}`", r.slug), &r.some)?;
        }
        for d in &self.durations {
            check_slug("duration", &d.slug, &d.label)?;
        }
        for p in &self.pressures {
            check_slug("pressure", &p.slug, &p.label)?;
        }
        for g in &self.goals {
            check_slug("goal", &g.slug, &g.label)?;
            check_modalities(&format!("goal `{}`", g.slug), &g.boost)?;
        }
        for g in &self.red_flag_groups {
            check_slug("red flag group", &g.slug, &g.label)?;
        }
        for f in &self.red_flags {
            check_slug("red flag", &f.slug, &f.label)?;
            if f.verdict == Proceed {
                return invalid(format!("red flag `{}` cannot have verdict proceed", f.slug));
            }
            if f.reason.trim().is_empty() {
                return invalid(format!("red flag `{}` needs a reason", f.slug));
            }
            if !self.red_flag_groups.iter().any(|g| g.slug == f.group) {
                return invalid(format!(
                    "red flag `{}`: unknown group `{}`",
                    f.slug, f.group
                ));
            }
        }
        for b in &self.age_bands {
            check_slug("age band", &b.slug, &b.label)?;
        }
        if !self.age_bands.is_empty() && !self.age_bands.iter().any(|b| b.slug == AGE_UNSAID) {
            return invalid(format!("age_bands must include `{AGE_UNSAID}`"));
        }
        self.validate_age_rules(&mut check_slug)?;
        for c in &self.conditions {
            check_slug("condition", &c.slug, &c.label)?;
            check_modalities(&format!("condition `{}`", c.slug), &c.exclude)?;
            if c.verdict != Proceed && c.reason.trim().is_empty() {
                return invalid(format!(
                    "condition `{}` needs a reason for its verdict",
                    c.slug
                ));
            }
        }
        for (kind, len) in [
            ("regions", self.regions.len()),
            ("durations", self.durations.len()),
            ("pressures", self.pressures.len()),
            ("goals", self.goals.len()),
        ] {
            if len == 0 {
                return invalid(format!("{kind} must not be empty"));
            }
        }
        Ok(())
    }

    fn validate_age_rules(
        &self,
        check_slug: &mut impl FnMut(&str, &str, &str) -> Result<(), RulesError>,
    ) -> Result<(), RulesError> {
        let invalid = |msg: String| Err(RulesError::Invalid(msg));
        let unknown = |list: &[String], known: Vec<&str>| {
            list.iter().find(|s| !known.contains(&s.as_str())).cloned()
        };
        for r in &self.age_rules {
            let owner = format!("age rule `{}`", r.slug);
            if r.reason.trim().is_empty() {
                return invalid(format!("{owner} needs a reason"));
            }
            check_slug("age rule", &r.slug, &r.reason)?;
            if r.verdict == VerdictKind::Proceed {
                return invalid(format!("{owner} cannot have verdict proceed"));
            }
            if r.rule_out.trim().is_empty() {
                return invalid(format!("{owner} needs rule_out"));
            }
            if r.age_bands.is_empty() || r.age_bands.iter().any(|b| b == AGE_UNSAID) {
                return invalid(format!(
                    "{owner} needs age bands, and `{AGE_UNSAID}` changes nothing"
                ));
            }
            for (what, list, known) in [
                (
                    "age band",
                    &r.age_bands,
                    self.age_bands.iter().map(|b| b.slug.as_str()).collect(),
                ),
                (
                    "duration",
                    &r.durations,
                    self.durations.iter().map(|d| d.slug.as_str()).collect(),
                ),
                (
                    "red flag",
                    &r.red_flags,
                    self.red_flags.iter().map(|f| f.slug.as_str()).collect(),
                ),
                (
                    "condition",
                    &r.conditions,
                    self.conditions.iter().map(|c| c.slug.as_str()).collect(),
                ),
            ] {
                if let Some(slug) = unknown(list, known) {
                    return invalid(format!("{owner}: unknown {what} `{slug}`"));
                }
            }
        }
        Ok(())
    }

    /// The region rule for a slug.
    pub fn region(&self, slug: &str) -> Option<&RegionRule> {
        self.regions.iter().find(|r| r.slug == slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::Catalogue;

    fn modalities() -> Vec<String> {
        Catalogue::built_in()
            .expect("catalogue")
            .modality_slugs()
            .map(str::to_owned)
            .collect()
    }

    fn load(source: &str) -> Result<Rules, RulesError> {
        let slugs = modalities();
        let refs: Vec<&str> = slugs.iter().map(String::as_str).collect();
        Rules::load(source, &refs)
    }

    #[test]
    fn built_in_rules_load() {
        let rules = load(BUILT_IN).expect("valid rules");
        assert_eq!(rules.regions.len(), 9);
        assert_eq!(rules.red_flags.len(), 13);
        assert_eq!(rules.conditions.len(), 11);
        assert_eq!(rules.age_bands.len(), 4);
        assert_eq!(rules.age_rules.len(), 3);
    }

    #[test]
    fn unknown_modality_is_refused_with_its_name() {
        let broken = BUILT_IN.replacen("\"trigger_point\", \"deep_tissue\"", "\"reiki\"", 1);
        let err = load(&broken).expect_err("refused");
        assert!(
            err.to_string().contains("unknown modality `reiki`"),
            "{err}"
        );
    }

    #[test]
    fn duplicate_slug_is_refused() {
        let broken = BUILT_IN.replacen("slug = \"upper_back\"", "slug = \"neck\"", 1);
        let err = load(&broken).expect_err("refused");
        assert!(err.to_string().contains("duplicate region `neck`"), "{err}");
    }

    #[test]
    fn red_flag_cannot_proceed() {
        let broken = BUILT_IN.replacen("verdict = \"urgent\"", "verdict = \"proceed\"", 1);
        let err = load(&broken).expect_err("refused");
        assert!(
            err.to_string().contains("cannot have verdict proceed"),
            "{err}"
        );
    }

    #[test]
    fn a_red_flag_in_no_known_group_is_refused() {
        let broken = BUILT_IN.replacen("group = \"risks\"", "group = \"other\"", 1);
        let err = load(&broken).expect_err("refused");
        assert!(
            err.to_string()
                .contains("red flag `immune_suppression`: unknown group `other`"),
            "{err}"
        );
    }

    #[test]
    fn age_rules_name_only_known_answers_and_never_unsaid() {
        for (from, to, needle) in [
            (
                "red_flags = [\"recent_trauma\"]",
                "red_flags = [\"recent_trama\"]",
                "age rule `age_50_plus_injury`: unknown red flag `recent_trama`",
            ),
            (
                "conditions = [\"osteoporosis\"]",
                "conditions = [\"osteoporosi\"]",
                "unknown condition `osteoporosi`",
            ),
            (
                "durations = [\"acute\"]",
                "durations = [\"brief\"]",
                "unknown duration `brief`",
            ),
            (
                "age_bands = [\"under_20\"]",
                "age_bands = [\"unsaid\"]",
                "`unsaid` changes nothing",
            ),
            (
                "slug = \"unsaid\"",
                "slug = \"no_answer\"",
                "age_bands must include `unsaid`",
            ),
        ] {
            let broken = BUILT_IN.replacen(from, to, 1);
            assert_ne!(broken, BUILT_IN, "{from} is in the rules file");
            let err = load(&broken).expect_err("refused");
            assert!(err.to_string().contains(needle), "{needle}: {err}");
        }
    }

    #[test]
    fn malformed_toml_is_a_parse_error() {
        let err = load("regions = 3").expect_err("refused");
        assert!(matches!(err, RulesError::Parse(_)));
    }
}
