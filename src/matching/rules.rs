//! The clinical rules file (`seed/questionnaire.toml`): its shape, and the checks that
//! run when it is loaded so that a wrong edit stops start-up with a clear message.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

/// The rules as shipped with the binary.
pub const BUILT_IN: &str = include_str!("../../seed/questionnaire.toml");

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
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Stable identifier.
    pub slug: String,
    /// Words shown to people.
    pub label: String,
}

/// A body region and the modalities that fit it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionRule {
    /// Stable identifier.
    pub slug: String,
    /// Words shown to people.
    pub label: String,
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
#[serde(deny_unknown_fields)]
pub struct GoalRule {
    /// Stable identifier.
    pub slug: String,
    /// Words shown to people.
    pub label: String,
    /// Modalities this goal raises.
    pub boost: Vec<String>,
    /// Which source article the row comes from.
    #[serde(default)]
    pub source: String,
}

/// A red flag and the verdict it forces.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedFlagRule {
    /// Stable identifier.
    pub slug: String,
    /// The question shown to people.
    pub label: String,
    /// The verdict when this flag is answered yes.
    pub verdict: VerdictKind,
    /// Why, in plain words.
    pub reason: String,
}

/// A health condition and how it shapes the match.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionRule {
    /// Stable identifier.
    pub slug: String,
    /// The question shown to people.
    pub label: String,
    /// A verdict this condition causes on its own.
    #[serde(default = "proceed")]
    pub verdict: VerdictKind,
    /// Why the verdict, when it is not `proceed`.
    #[serde(default)]
    pub reason: String,
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
    pub note: String,
    /// Which source article the row comes from.
    #[serde(default)]
    pub source: String,
}

fn proceed() -> VerdictKind {
    VerdictKind::Proceed
}

/// The whole rules file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Verdicts, most serious first.
    pub verdict_order: Vec<VerdictKind>,
    /// Pain at or above this means "gentle first".
    pub high_pain_threshold: u8,
    /// The one-sentence notice shown on every results page.
    pub not_a_diagnosis: String,
    /// Body regions.
    pub regions: Vec<RegionRule>,
    /// How long the pain has lasted.
    pub durations: Vec<Choice>,
    /// Preferred pressures.
    pub pressures: Vec<Choice>,
    /// Goals.
    pub goals: Vec<GoalRule>,
    /// The red-flag screen.
    pub red_flags: Vec<RedFlagRule>,
    /// The precautions.
    pub conditions: Vec<ConditionRule>,
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
    /// Parses and validates a rules file against the known modality slugs.
    pub fn load(source: &str, modalities: &[&str]) -> Result<Self, RulesError> {
        let rules: Rules = toml::from_str(source).map_err(|e| RulesError::Parse(e.to_string()))?;
        rules.validate(modalities)?;
        Ok(rules)
    }

    fn validate(&self, modalities: &[&str]) -> Result<(), RulesError> {
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
            if slug.is_empty() || !slug.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                return Err(RulesError::Invalid(format!(
                    "{kind} slug `{slug}` must be lowercase letters and underscores"
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
        for f in &self.red_flags {
            check_slug("red flag", &f.slug, &f.label)?;
            if f.verdict == Proceed {
                return invalid(format!("red flag `{}` cannot have verdict proceed", f.slug));
            }
            if f.reason.trim().is_empty() {
                return invalid(format!("red flag `{}` needs a reason", f.slug));
            }
        }
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
        assert_eq!(rules.red_flags.len(), 8);
        assert_eq!(rules.conditions.len(), 11);
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
    fn malformed_toml_is_a_parse_error() {
        let err = load("regions = 3").expect_err("refused");
        assert!(matches!(err, RulesError::Parse(_)));
    }
}
