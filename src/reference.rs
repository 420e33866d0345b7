//! Reference data: modalities, body regions (from the rules file) and US
//! jurisdictions, as shipped in `seed/`. The [`Catalogue`] is what the running app
//! reads them from; [`load`] writes them to the database, idempotently (it inserts
//! what is missing and refreshes names and descriptions).

use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryOrder, sea_query::OnConflict};
use serde::{Deserialize, Serialize};

use crate::{
    entities::{body_region, jurisdiction, modality},
    matching::Rules,
};

const MODALITIES: &str = include_str!("../seed/modalities.toml");
const JURISDICTIONS: &str = include_str!("../seed/jurisdictions.toml");

/// A modality as described in `seed/modalities.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModalityDef {
    /// Stable identifier.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Plain-language description.
    pub description: String,
}

/// How a jurisdiction regulates massage therapists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Regulation {
    /// A state licence: education, an exam, continuing education.
    Licence,
    /// A state roster with no education or exam behind it (Vermont).
    Registration,
    /// A voluntary certification (California's CAMTC).
    VoluntaryCertification,
    /// No state regulation.
    None,
}

impl Regulation {
    /// The stored name, as in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Licence => "licence",
            Self::Registration => "registration",
            Self::VoluntaryCertification => "voluntary_certification",
            Self::None => "none",
        }
    }
}

impl JurisdictionDef {
    /// Whether the state keeps a credential every massage therapist there must hold
    /// (a licence or a registration), which a claim can be checked against.
    pub fn licenses_massage(&self) -> bool {
        matches!(
            self.regulation,
            Regulation::Licence | Regulation::Registration
        )
    }
}

/// A jurisdiction as described in `seed/jurisdictions.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JurisdictionDef {
    /// Postal code of the state, e.g. `TX`.
    pub code: String,
    /// Full name.
    pub name: String,
    /// How the state regulates massage therapists.
    pub regulation: Regulation,
    /// The licensing board, when confirmed.
    pub board_name: String,
    /// The board's public licence look-up, when confirmed.
    pub lookup_url: String,
    /// What could not be confirmed in public sources, when something could not.
    #[serde(default)]
    pub unconfirmed: String,
    /// The layout of the board's published roster file, when documented.
    #[serde(default)]
    pub roster: Option<RosterMapping>,
}

/// How to read a state board's roster file: which columns hold what (by header name,
/// or by 1-based position), and how the board writes dates and licence numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RosterMapping {
    /// Whether the file's first line names its columns. Without one, every column is
    /// named by its position.
    pub has_header: bool,
    /// The licence-number column: its header, or its position (`2`).
    pub number_column: String,
    /// The licensee-name column.
    pub name_column: String,
    /// The status column; empty when the file lists current licences only (every
    /// row is active).
    pub status_column: String,
    /// The expiry-date column.
    pub expiry_column: String,
    /// Status values that mean the licence is active (case-insensitive).
    pub active_values: Vec<String>,
    /// The expiry's format as the board documents it (`MMDDCCYY`, `MM/DD/YYYY`,
    /// `YYYY-MM-DD`), or a chrono format (`%m/%d/%Y`).
    pub date_format: String,
    /// A column that says which profession a row is, for files of every profession;
    /// empty when every row is a massage licence.
    pub filter_column: String,
    /// The values of `filter_column` that mark massage licences (case-insensitive).
    pub filter_values: Vec<String>,
    /// Letters the board puts before its numbers and may leave out (`MT`).
    pub number_prefix: String,
    /// Whether the board drops leading zeros (`MT0001234` written `1234`).
    pub drop_leading_zeros: bool,
}

impl Default for RosterMapping {
    fn default() -> Self {
        Self {
            has_header: true,
            number_column: "license_number".into(),
            name_column: "name".into(),
            status_column: "status".into(),
            expiry_column: "expiration_date".into(),
            active_values: vec!["active".into()],
            date_format: "%Y-%m-%d".into(),
            filter_column: String::new(),
            filter_values: Vec::new(),
            number_prefix: String::new(),
            drop_leading_zeros: false,
        }
    }
}

impl RosterMapping {
    /// The chrono format of `date_format`: board notation translated (`CCYY` and
    /// `YYYY` a four-digit year, `YY` two digits, `MM` month, `DD` day, anything else
    /// as written), a format with `%` as it is.
    pub fn chrono_date_format(&self) -> String {
        let f = self.date_format.trim();
        if f.contains('%') {
            return f.to_owned();
        }
        let mut out = String::new();
        let mut rest = f;
        while !rest.is_empty() {
            let upper = rest.to_ascii_uppercase();
            let (token, len) = [
                ("CCYY", "%Y"),
                ("YYYY", "%Y"),
                ("YY", "%y"),
                ("MM", "%m"),
                ("DD", "%d"),
            ]
            .iter()
            .find(|(t, _)| upper.starts_with(t))
            .map_or_else(
                || {
                    let c = rest.chars().next().map_or(1, char::len_utf8);
                    (rest[..c].to_owned(), c)
                },
                |(t, chrono)| ((*chrono).to_owned(), t.len()),
            );
            out.push_str(&token);
            rest = &rest[len..];
        }
        out
    }

    /// A licence number as compared: letters and digits only, upper case; then the
    /// board's prefix and (where the board drops them) leading zeros removed, so
    /// `mt-0 1234`, `MT01234` and `1234` are one number for such a board. Digits are
    /// never reordered or dropped otherwise: a transposed digit never matches.
    pub fn normalise_number(&self, raw: &str) -> String {
        let plain: String = raw
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_uppercase();
        let prefix: String = self
            .number_prefix
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_uppercase();
        let mut number = plain.as_str();
        if !prefix.is_empty()
            && let Some(rest) = number.strip_prefix(prefix.as_str())
            && rest.starts_with(|c: char| c.is_ascii_digit())
        {
            number = rest;
        }
        if self.drop_leading_zeros && number.starts_with(|c: char| c.is_ascii_digit()) {
            let trimmed = number.trim_start_matches('0');
            number = if trimmed.is_empty() { "0" } else { trimmed };
        }
        number.to_owned()
    }
}

/// The built-in reference catalogue.
#[derive(Debug, Clone)]
pub struct Catalogue {
    /// Modalities in display order.
    pub modalities: Vec<ModalityDef>,
    /// US jurisdictions.
    pub jurisdictions: Vec<JurisdictionDef>,
}

#[derive(Deserialize)]
struct ModalityFile {
    modalities: Vec<ModalityDef>,
}

#[derive(Deserialize)]
struct JurisdictionFile {
    jurisdictions: Vec<JurisdictionDef>,
}

impl Catalogue {
    /// Parses the files shipped in `seed/`.
    pub fn built_in() -> Result<Self, String> {
        let modalities = toml::from_str::<ModalityFile>(MODALITIES)
            .map_err(|e| format!("seed/modalities.toml: {e}"))?
            .modalities;
        let jurisdictions = toml::from_str::<JurisdictionFile>(JURISDICTIONS)
            .map_err(|e| format!("seed/jurisdictions.toml: {e}"))?
            .jurisdictions;
        if modalities.len() > crate::search::embedded::MAX_MODALITIES {
            return Err(format!(
                "seed/modalities.toml lists {} modalities; the search index filters at most {}",
                modalities.len(),
                crate::search::embedded::MAX_MODALITIES
            ));
        }
        Ok(Self {
            modalities,
            jurisdictions,
        })
    }

    /// Modality slugs in display order.
    pub fn modality_slugs(&self) -> impl Iterator<Item = &str> {
        self.modalities.iter().map(|m| m.slug.as_str())
    }

    /// A modality's display name, or the slug when unknown.
    pub fn modality_name<'a>(&'a self, slug: &'a str) -> &'a str {
        self.modalities
            .iter()
            .find(|m| m.slug == slug)
            .map_or(slug, |m| m.name.as_str())
    }
}

/// Inserts or refreshes modalities, body regions and jurisdictions.
pub async fn load(
    db: &impl ConnectionTrait,
    catalogue: &Catalogue,
    rules: &Rules,
) -> Result<(), DbErr> {
    let modalities = catalogue
        .modalities
        .iter()
        .enumerate()
        .map(|(i, m)| modality::ActiveModel {
            id: sea_orm::NotSet,
            slug: sea_orm::Set(m.slug.clone()),
            name: sea_orm::Set(m.name.clone()),
            description: sea_orm::Set(m.description.clone()),
            sort_order: sea_orm::Set(i as i32),
        });
    modality::Entity::insert_many(modalities)
        .on_conflict(
            OnConflict::column(modality::Column::Slug)
                .update_columns([
                    modality::Column::Name,
                    modality::Column::Description,
                    modality::Column::SortOrder,
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;

    let regions = rules
        .regions
        .iter()
        .enumerate()
        .map(|(i, r)| body_region::ActiveModel {
            id: sea_orm::NotSet,
            slug: sea_orm::Set(r.slug.clone()),
            name: sea_orm::Set(r.label.clone()),
            sort_order: sea_orm::Set(i as i32),
        });
    body_region::Entity::insert_many(regions)
        .on_conflict(
            OnConflict::column(body_region::Column::Slug)
                .update_columns([body_region::Column::Name, body_region::Column::SortOrder])
                .to_owned(),
        )
        .exec(db)
        .await?;

    let jurisdictions = catalogue
        .jurisdictions
        .iter()
        .map(|j| jurisdiction::ActiveModel {
            code: sea_orm::Set(j.code.clone()),
            name: sea_orm::Set(j.name.clone()),
            country: sea_orm::Set("US".to_owned()),
            licenses_massage: sea_orm::Set(j.licenses_massage()),
            regulation: sea_orm::Set(j.regulation.as_str().to_owned()),
            board_name: sea_orm::Set(non_empty(&j.board_name)),
            lookup_url: sea_orm::Set(non_empty(&j.lookup_url)),
        });
    jurisdiction::Entity::insert_many(jurisdictions)
        .on_conflict(
            OnConflict::column(jurisdiction::Column::Code)
                .update_columns([
                    jurisdiction::Column::Name,
                    jurisdiction::Column::LicensesMassage,
                    jurisdiction::Column::Regulation,
                    jurisdiction::Column::BoardName,
                    jurisdiction::Column::LookupUrl,
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// Body regions as stored (slug and name), in display order.
pub async fn body_regions(db: &impl ConnectionTrait) -> Result<Vec<(String, String)>, DbErr> {
    Ok(body_region::Entity::find()
        .order_by_asc(body_region::Column::SortOrder)
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.slug, r.name))
        .collect())
}

impl Catalogue {
    /// Jurisdictions as (code, name), by name.
    pub fn jurisdictions_by_name(&self) -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> = self
            .jurisdictions
            .iter()
            .map(|j| (j.code.clone(), j.name.clone()))
            .collect();
        all.sort_by(|a, b| a.1.cmp(&b.1));
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_parses_and_covers_clinical_modalities() {
        let catalogue = Catalogue::built_in().expect("parses");
        let slugs: Vec<_> = catalogue.modality_slugs().collect();
        for slug in [
            "myofascial_release",
            "trigger_point",
            "swedish",
            "clinical",
            "deep_tissue",
            "sports",
            "prenatal",
            "oncology",
            "shiatsu",
            "thai",
            "hot_stone",
            "lymphatic_drainage",
        ] {
            assert!(slugs.contains(&slug), "missing {slug}");
        }
        assert_eq!(
            catalogue.jurisdictions.len(),
            52,
            "the states, DC and Puerto Rico"
        );
        assert!(
            catalogue
                .jurisdictions
                .iter()
                .any(|j| j.code == "KS" && !j.licenses_massage())
        );
    }
}

#[cfg(test)]
mod directory_tests {
    use super::{Catalogue, Regulation};

    /// Every jurisdiction that keeps a credential names its board and the https
    /// address of its public look-up, or says in `unconfirmed` what could not be
    /// found; one without state regulation names no board.
    #[test]
    fn every_regulating_jurisdiction_has_a_board_and_a_look_up_or_says_what_is_unconfirmed() {
        let catalogue = Catalogue::built_in().expect("parses");
        let codes: std::collections::BTreeSet<&str> = catalogue
            .jurisdictions
            .iter()
            .map(|j| j.code.as_str())
            .collect();
        assert_eq!(
            codes.len(),
            52,
            "each of the states, DC and Puerto Rico once"
        );
        for code in ["DC", "PR", "WY", "VT", "CA"] {
            assert!(codes.contains(code), "{code}");
        }
        for j in &catalogue.jurisdictions {
            let what = &j.code;
            if j.regulation == Regulation::None {
                assert!(j.board_name.is_empty() && j.lookup_url.is_empty(), "{what}");
                continue;
            }
            let named = !j.board_name.trim().is_empty();
            let looked_up = j.lookup_url.starts_with("https://")
                && url::Url::parse(&j.lookup_url).is_ok_and(|u| u.host_str().is_some());
            assert!(
                j.lookup_url.is_empty() || looked_up,
                "{what}: a look-up address must be https: {}",
                j.lookup_url
            );
            let unconfirmed = j.unconfirmed.trim();
            if named && looked_up {
                assert!(
                    unconfirmed.is_empty(),
                    "{what}: confirmed, yet marked unconfirmed"
                );
            } else {
                assert!(
                    !unconfirmed.is_empty(),
                    "{what}: no board name or look-up, and not marked unconfirmed"
                );
                if !named {
                    assert!(unconfirmed.contains("name"), "{what}: {unconfirmed}");
                }
                if !looked_up {
                    assert!(unconfirmed.contains("look-up"), "{what}: {unconfirmed}");
                }
            }
        }
        let by = |code: &str| {
            catalogue
                .jurisdictions
                .iter()
                .find(|j| j.code == code)
                .map(|j| j.regulation)
        };
        assert_eq!(by("VT"), Some(Regulation::Registration));
        assert_eq!(by("CA"), Some(Regulation::VoluntaryCertification));
        assert_eq!(by("OK"), Some(Regulation::Licence));
        for none in ["KS", "MN", "WY"] {
            assert_eq!(by(none), Some(Regulation::None), "{none}");
        }
    }
}

#[cfg(test)]
mod roster_tests {
    use super::RosterMapping;

    #[test]
    fn board_date_notation_becomes_a_chrono_format() {
        let m = |f: &str| RosterMapping {
            date_format: f.into(),
            ..RosterMapping::default()
        };
        assert_eq!(m("MMDDCCYY").chrono_date_format(), "%m%d%Y");
        assert_eq!(m("MM/DD/YYYY").chrono_date_format(), "%m/%d/%Y");
        assert_eq!(m("ccyy-mm-dd").chrono_date_format(), "%Y-%m-%d");
        assert_eq!(m("%d.%m.%Y").chrono_date_format(), "%d.%m.%Y");
        let d = chrono::NaiveDate::parse_from_str("12312027", &m("MMDDCCYY").chrono_date_format());
        assert_eq!(d.ok(), chrono::NaiveDate::from_ymd_opt(2027, 12, 31));
    }

    #[test]
    fn numbers_lose_the_boards_prefix_and_zeros_but_never_digits() {
        let texas = RosterMapping {
            number_prefix: "MT".into(),
            drop_leading_zeros: true,
            ..RosterMapping::default()
        };
        for same in ["MT0012345", "mt-12345", "12345", "0012345", "MT 012345"] {
            assert_eq!(texas.normalise_number(same), "12345", "{same}");
        }
        assert_ne!(
            texas.normalise_number("MT12354"),
            texas.normalise_number("MT12345")
        );
        assert_eq!(texas.normalise_number("MTX123"), "MTX123");
        let plain = RosterMapping::default();
        assert_eq!(plain.normalise_number("mt-0012"), "MT0012");
    }
}
