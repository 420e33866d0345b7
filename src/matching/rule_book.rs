//! The rules file in every language. Each piece of wording in the file is a table of
//! languages (`label = { en = "Neck", es = "Cuello" }`); loading checks that every
//! language the site speaks (every catalogue under `locales/`) has every piece, and
//! names no language it does not speak, then gives one [`Rules`] per language.

use std::collections::BTreeMap;

use super::rules::{
    AgeRule, Choice, ConditionRule, GoalRule, RedFlagGroup, RedFlagRule, RegionRule, Rules,
    RulesError,
};
use crate::i18n::Lang;

/// One piece of wording in every language, by ISO 639-1 code. An empty table is no
/// wording (for the optional fields).
pub type Text = BTreeMap<String, String>;

/// The rules, once per language the site speaks.
#[derive(Debug, Clone)]
pub struct RuleBook {
    books: Vec<Rules>,
}

impl RuleBook {
    /// Parses the rules file, checks it has every language's words, and validates the
    /// rules in each language against the known modality slugs.
    pub fn load(source: &str, modalities: &[&str]) -> Result<Self, RulesError> {
        let raw: Rules<Text> =
            toml::from_str(source).map_err(|e| RulesError::Parse(e.to_string()))?;
        let books = Lang::all()
            .iter()
            .map(|&lang| {
                let rules = raw.localise(&Words { lang })?;
                rules.validate(modalities)?;
                Ok(rules)
            })
            .collect::<Result<Vec<_>, RulesError>>()?;
        Ok(Self { books })
    }

    /// The rules with their words in `lang`.
    pub fn get(&self, lang: Lang) -> &Rules {
        self.books
            .iter()
            .find(|r| r.lang == lang)
            .unwrap_or(&self.books[0])
    }

    /// The rules in the language of the request being answered.
    pub fn current(&self) -> &Rules {
        self.get(Lang::current())
    }
}

/// Picks one language's words out of the file's tables.
struct Words {
    lang: Lang,
}

impl Words {
    /// The words of `text` in this language; `owner` and `field` name the place for
    /// the message when they are missing.
    fn pick(&self, text: &Text, owner: &str, field: &str) -> Result<String, RulesError> {
        if let Some(code) = text.keys().find(|c| Lang::parse(c).is_none()) {
            return Err(RulesError::Invalid(format!(
                "{owner}: {field} has words in `{code}`, a language with no catalogue under locales/"
            )));
        }
        if text.is_empty() {
            return Ok(String::new());
        }
        text.iter()
            .find(|(code, _)| Lang::parse(code) == Some(self.lang))
            .map(|(_, words)| words.clone())
            .ok_or_else(|| {
                RulesError::Invalid(format!(
                    "{owner}: {field} has no words in `{}`",
                    self.lang.code()
                ))
            })
    }
}

impl Rules<Text> {
    fn localise(&self, w: &Words) -> Result<Rules, RulesError> {
        let choices = |kind: &str, list: &[Choice<Text>]| -> Result<Vec<Choice>, RulesError> {
            list.iter()
                .map(|c| {
                    Ok(Choice {
                        slug: c.slug.clone(),
                        label: w.pick(&c.label, &format!("{kind} `{}`", c.slug), "label")?,
                    })
                })
                .collect()
        };
        Ok(Rules {
            verdict_order: self.verdict_order.clone(),
            high_pain_threshold: self.high_pain_threshold,
            not_a_diagnosis: w.pick(&self.not_a_diagnosis, "the rules file", "not_a_diagnosis")?,
            regions: self
                .regions
                .iter()
                .map(|r| r.localise(w))
                .collect::<Result<_, _>>()?,
            durations: choices("duration", &self.durations)?,
            pressures: choices("pressure", &self.pressures)?,
            goals: self
                .goals
                .iter()
                .map(|g| g.localise(w))
                .collect::<Result<_, _>>()?,
            red_flag_groups: self
                .red_flag_groups
                .iter()
                .map(|g| g.localise(w))
                .collect::<Result<_, _>>()?,
            red_flags: self
                .red_flags
                .iter()
                .map(|f| f.localise(w))
                .collect::<Result<_, _>>()?,
            age_bands: choices("age band", &self.age_bands)?,
            age_rules: self
                .age_rules
                .iter()
                .map(|r| r.localise(w))
                .collect::<Result<_, _>>()?,
            conditions: self
                .conditions
                .iter()
                .map(|c| c.localise(w))
                .collect::<Result<_, _>>()?,
            lang: w.lang,
        })
    }
}

impl RegionRule<Text> {
    fn localise(&self, w: &Words) -> Result<RegionRule, RulesError> {
        let owner = format!("region `{}`", self.slug);
        Ok(RegionRule {
            slug: self.slug.clone(),
            label: w.pick(&self.label, &owner, "label")?,
            strong: self.strong.clone(),
            some: self.some.clone(),
            is_leg: self.is_leg,
            gentle: self.gentle,
            source: self.source.clone(),
        })
    }
}

impl GoalRule<Text> {
    fn localise(&self, w: &Words) -> Result<GoalRule, RulesError> {
        Ok(GoalRule {
            slug: self.slug.clone(),
            label: w.pick(&self.label, &format!("goal `{}`", self.slug), "label")?,
            boost: self.boost.clone(),
            source: self.source.clone(),
        })
    }
}

impl RedFlagGroup<Text> {
    fn localise(&self, w: &Words) -> Result<RedFlagGroup, RulesError> {
        let owner = format!("red flag group `{}`", self.slug);
        Ok(RedFlagGroup {
            slug: self.slug.clone(),
            label: w.pick(&self.label, &owner, "label")?,
            hint: w.pick(&self.hint, &owner, "hint")?,
        })
    }
}

impl RedFlagRule<Text> {
    fn localise(&self, w: &Words) -> Result<RedFlagRule, RulesError> {
        let owner = format!("red flag `{}`", self.slug);
        Ok(RedFlagRule {
            slug: self.slug.clone(),
            group: self.group.clone(),
            label: w.pick(&self.label, &owner, "label")?,
            verdict: self.verdict,
            reason: w.pick(&self.reason, &owner, "reason")?,
            rule_out: w.pick(&self.rule_out, &owner, "rule_out")?,
            source: self.source.clone(),
        })
    }
}

impl AgeRule<Text> {
    fn localise(&self, w: &Words) -> Result<AgeRule, RulesError> {
        let owner = format!("age rule `{}`", self.slug);
        Ok(AgeRule {
            slug: self.slug.clone(),
            age_bands: self.age_bands.clone(),
            durations: self.durations.clone(),
            red_flags: self.red_flags.clone(),
            conditions: self.conditions.clone(),
            verdict: self.verdict,
            reason: w.pick(&self.reason, &owner, "reason")?,
            rule_out: w.pick(&self.rule_out, &owner, "rule_out")?,
            source: self.source.clone(),
        })
    }
}

impl ConditionRule<Text> {
    fn localise(&self, w: &Words) -> Result<ConditionRule, RulesError> {
        let owner = format!("condition `{}`", self.slug);
        Ok(ConditionRule {
            slug: self.slug.clone(),
            label: w.pick(&self.label, &owner, "label")?,
            verdict: self.verdict,
            reason: w.pick(&self.reason, &owner, "reason")?,
            exclude: self.exclude.clone(),
            require_training: self.require_training,
            light_pressure: self.light_pressure,
            no_leg_work: self.no_leg_work,
            note: w.pick(&self.note, &owner, "note")?,
            source: self.source.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{matching::rules::BUILT_IN, reference::Catalogue};

    fn load(source: &str) -> Result<RuleBook, RulesError> {
        let catalogue = Catalogue::built_in().expect("catalogue");
        let slugs: Vec<&str> = catalogue.modality_slugs().collect();
        RuleBook::load(source, &slugs)
    }

    #[test]
    fn the_built_in_rules_speak_every_language_of_the_site() {
        let book = load(BUILT_IN).expect("rules");
        let es = Lang::parse("es").expect("es");
        assert_eq!(book.get(Lang::english()).regions[0].label, "Neck");
        assert_eq!(book.get(es).regions[0].label, "Cuello");
        assert_eq!(book.get(es).lang, es);
    }

    #[test]
    fn a_missing_language_or_an_unknown_one_stops_start_up_with_the_place_named() {
        let broken = BUILT_IN.replacen(
            "\nlabel = { en = \"Neck\", es = \"Cuello\" }",
            "\nlabel = { en = \"Neck\" }",
            1,
        );
        assert_ne!(broken, BUILT_IN);
        let err = load(&broken).expect_err("refused").to_string();
        assert!(
            err.contains("region `neck`: label has no words in `es`"),
            "{err}"
        );
        let broken = BUILT_IN.replacen(
            "\nlabel = { en = \"Neck\", es = \"Cuello\" }",
            "\nlabel = { en = \"Neck\", es = \"Cuello\", fr = \"Cou\" }",
            1,
        );
        let err = load(&broken).expect_err("refused").to_string();
        assert!(
            err.contains("words in `fr`, a language with no catalogue"),
            "{err}"
        );
        let broken = BUILT_IN.replacen(
            "\nlabel = { en = \"Neck\", es = \"Cuello\" }",
            "\nlabel = \"Neck\"",
            1,
        );
        assert!(matches!(load(&broken), Err(RulesError::Parse(_))));
    }
}
