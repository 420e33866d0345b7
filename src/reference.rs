//! Reference data: modalities, body regions (from the rules file) and US
//! jurisdictions, as shipped in `seed/`. The [`Catalogue`] is what the running app
//! reads them from; [`load`] writes them to the database, idempotently (it inserts
//! what is missing and refreshes names and descriptions).

use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryOrder, sea_query::OnConflict};
use serde::Deserialize;

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

/// A jurisdiction as described in `seed/jurisdictions.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JurisdictionDef {
    /// Postal code of the state, e.g. `TX`.
    pub code: String,
    /// Full name.
    pub name: String,
    /// Whether the state licenses massage therapists.
    pub licenses_massage: bool,
    /// The licensing board, when confirmed.
    pub board_name: String,
    /// The board's public licence look-up, when confirmed.
    pub lookup_url: String,
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
            licenses_massage: sea_orm::Set(j.licenses_massage),
            board_name: sea_orm::Set(non_empty(&j.board_name)),
            lookup_url: sea_orm::Set(non_empty(&j.lookup_url)),
        });
    jurisdiction::Entity::insert_many(jurisdictions)
        .on_conflict(
            OnConflict::column(jurisdiction::Column::Code)
                .update_columns([
                    jurisdiction::Column::Name,
                    jurisdiction::Column::LicensesMassage,
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
        assert_eq!(catalogue.jurisdictions.len(), 51);
        assert!(
            catalogue
                .jurisdictions
                .iter()
                .any(|j| j.code == "KS" && !j.licenses_massage)
        );
    }
}
