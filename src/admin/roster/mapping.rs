//! Column mappings: which column of a board's file holds what. Saved per jurisdiction
//! by an admin, shipped for the boards whose layout is known, checked before use.

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QuerySelect,
};
use serde_json::json;

use super::{ImportError, Mapping, known_jurisdiction};
use crate::{
    audit::{self, Subject},
    entities::{jurisdiction, roster_mapping},
    i18n::{Lang, text, text_with},
};

/// A jurisdiction's mapping: the one an admin saved, else the board's layout shipped
/// in `seed/jurisdictions.toml`, else the generic CSV layout.
pub async fn mapping_for(db: &impl ConnectionTrait, code: &str) -> Result<Mapping, DbErr> {
    let list = |v: &str| -> Vec<String> {
        v.split(',')
            .map(|v| v.trim().to_lowercase())
            .filter(|v| !v.is_empty())
            .collect()
    };
    if let Some(m) = roster_mapping::Entity::find_by_id(code.to_owned())
        .one(db)
        .await?
    {
        return Ok(Mapping {
            has_header: m.has_header,
            number_column: m.number_column,
            name_column: m.name_column,
            status_column: m.status_column,
            expiry_column: m.expiry_column,
            active_values: list(&m.active_values),
            date_format: m.date_format,
            filter_column: m.filter_column,
            filter_values: list(&m.filter_values),
            number_prefix: m.number_prefix,
            drop_leading_zeros: m.drop_leading_zeros,
        });
    }
    Ok(preset(code).unwrap_or_default())
}

/// The board's roster layout shipped in `seed/jurisdictions.toml`, if documented. The
/// file is parsed once per process.
pub fn preset(code: &str) -> Option<Mapping> {
    static PRESETS: std::sync::OnceLock<Vec<(String, Mapping)>> = std::sync::OnceLock::new();
    PRESETS
        .get_or_init(|| {
            crate::reference::Catalogue::built_in()
                .map(|c| {
                    c.jurisdictions
                        .into_iter()
                        .filter_map(|j| Some((j.code, j.roster?)))
                        .collect()
                })
                .unwrap_or_default()
        })
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, m)| m.clone())
}

/// Why a mapping cannot be used, if it cannot.
pub fn check_mapping(mapping: &Mapping) -> Result<(), ImportError> {
    let lang = Lang::current();
    let required = [
        ("roster-column-number", &mapping.number_column),
        ("roster-column-name", &mapping.name_column),
        ("roster-column-expiry", &mapping.expiry_column),
    ];
    if let Some((what, _)) = required
        .iter()
        .find(|(_, c)| c.trim().is_empty() || c.len() > 100)
    {
        return Err(ImportError::Invalid(text_with(
            lang,
            "roster-name-column",
            [("column", text(lang, what).into())],
        )));
    }
    if !mapping.status_column.trim().is_empty() && mapping.active_values.is_empty() {
        return Err(ImportError::Invalid(text(lang, "roster-active-values")));
    }
    if !mapping.filter_column.trim().is_empty() && mapping.filter_values.is_empty() {
        return Err(ImportError::Invalid(text(lang, "roster-profession-values")));
    }
    if !mapping.has_header {
        let named = [
            &mapping.number_column,
            &mapping.name_column,
            &mapping.status_column,
            &mapping.expiry_column,
            &mapping.filter_column,
        ];
        if let Some(c) = named
            .iter()
            .find(|c| !c.trim().is_empty() && position(c).is_none())
        {
            return Err(ImportError::Invalid(text_with(
                lang,
                "roster-by-position",
                [("column", c.trim().to_owned().into())],
            )));
        }
    }
    let format = mapping.chrono_date_format();
    let sample = NaiveDate::from_ymd_opt(2026, 1, 31).map(|d| d.format(&format).to_string());
    if sample.is_none_or(|s| NaiveDate::parse_from_str(&s, &format).is_err()) {
        return Err(ImportError::Invalid(text(lang, "roster-date-format")));
    }
    Ok(())
}

/// A 1-based column position, as written in a mapping.
pub(super) fn position(column: &str) -> Option<usize> {
    column.trim().parse::<usize>().ok().filter(|p| *p >= 1)
}

/// Saves a jurisdiction's mapping (audit-logged).
pub async fn save_mapping(
    db: &DatabaseConnection,
    actor: i64,
    code: &str,
    mapping: &Mapping,
) -> Result<(), ImportError> {
    known_jurisdiction(db, code).await?;
    check_mapping(mapping)?;
    let before = mapping_for(db, code).await?;
    let txn = crate::db::begin_write(db).await?;
    // Saves of one jurisdiction's mapping (and its imports) take turns.
    jurisdiction::Entity::find_by_id(code.to_owned())
        .lock_exclusive()
        .one(&txn)
        .await?;
    roster_mapping::Entity::delete_by_id(code.to_owned())
        .exec(&txn)
        .await?;
    roster_mapping::ActiveModel {
        jurisdiction: Set(code.to_owned()),
        number_column: Set(mapping.number_column.trim().to_owned()),
        name_column: Set(mapping.name_column.trim().to_owned()),
        status_column: Set(mapping.status_column.trim().to_owned()),
        expiry_column: Set(mapping.expiry_column.trim().to_owned()),
        active_values: Set(mapping.active_values.join(",")),
        date_format: Set(mapping.date_format.trim().to_owned()),
        updated_at: Set(Utc::now()),
        has_header: Set(mapping.has_header),
        filter_column: Set(mapping.filter_column.trim().to_owned()),
        filter_values: Set(mapping.filter_values.join(",")),
        number_prefix: Set(mapping.number_prefix.trim().to_owned()),
        drop_leading_zeros: Set(mapping.drop_leading_zeros),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(actor),
        "roster.mapping",
        Subject {
            kind: "jurisdiction",
            id: code,
        },
        Some(json!(before)),
        Some(json!(mapping)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
