//! The practitioner's own profile editor: each section validates what was typed and
//! saves on its own, in one transaction with the re-index job it needs. Inputs are
//! the raw strings of a form, so an invalid submission can be shown back as typed.
//! The profile sections live here; the training ledger, licences, outcome logs and
//! publishing (with the dashboard's to-do list) each have their own file.

mod hours;
mod ledger;
mod licences;
mod outcomes;
mod payment;
mod publishing;

pub use hours::{HoursInput, WEEKDAYS, save_hours};
pub use ledger::{
    LedgerEntry, TrainingInput, add_training, edit_training, ledger_entries, remove_training,
};
pub use licences::{
    LICENCE_KINDS, LicenceInput, LicenceKind, add_licence, edit_licence, licences_of,
};
pub use outcomes::{OutcomeInput, add_outcome, outcomes, outcomes_csv};
pub use payment::{PaymentInput, offered_lengths, save_payment};
pub use publishing::{
    Attention, Missing, Section, attention, confirm_profile, missing_for_publishing, publish,
    set_availability, unpublish,
};

use chrono::{NaiveDate, TimeDelta, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, ModelTrait, NotSet, PaginatorTrait, QueryFilter, QueryOrder,
};

use crate::{
    audit,
    entities::{
        body_region, jurisdiction, licence, modality, outcome_log, practitioner,
        practitioner_modality, practitioner_region, training_record,
    },
    geocoding::{Geocoder, Resolution},
    i18n::{FluentValue, Lang},
    policy,
    practitioners::summary,
    validation::{FieldErrors, is_phone, spreadsheet_safe},
};

/// Currencies a price can be in.
pub const CURRENCIES: [&str; 4] = ["USD", "CAD", "EUR", "GBP"];
/// Longest bio accepted, in characters.
pub const MAX_BIO: usize = 5000;

/// Why a save failed.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// Some fields are invalid; nothing was saved.
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// The row does not exist or belongs to someone else.
    #[error("not found")]
    NotFound,
    /// The database failed; the transaction was rolled back.
    #[error(transparent)]
    Db(#[from] DbErr),
}

type EditResult<T = ()> = Result<T, EditError>;

fn check(errors: FieldErrors) -> EditResult {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(EditError::Invalid(errors))
    }
}

/// A message of the current request's language, for a field error or a to-do.
fn say(key: &str) -> String {
    crate::i18n::text(Lang::current(), key)
}

/// A message of the current request's language with its arguments.
fn say_with<'a>(
    key: &str,
    args: impl IntoIterator<Item = (&'static str, FluentValue<'a>)>,
) -> String {
    crate::i18n::text_with(Lang::current(), key, args)
}

fn text(
    value: &str,
    field: &str,
    max: usize,
    required: bool,
    errors: &mut FieldErrors,
) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        if required {
            errors.insert(field.into(), say("edit-required"));
        }
        return None;
    }
    if value.chars().count() > max {
        errors.insert(
            field.into(),
            say_with("edit-too-long", [("max", FluentValue::from(max))]),
        );
        return None;
    }
    Some(value.to_owned())
}

fn date(
    value: &str,
    field: &str,
    not_after_today: bool,
    errors: &mut FieldErrors,
) -> Option<NaiveDate> {
    match crate::validation::calendar_date(value) {
        Some(d) if not_after_today && d > Utc::now().date_naive() => {
            errors.insert(field.into(), say("edit-date-future"));
            None
        }
        Some(d) => Some(d),
        None => {
            errors.insert(field.into(), say("edit-date"));
            None
        }
    }
}

fn whole(
    value: &str,
    field: &str,
    range: std::ops::RangeInclusive<i32>,
    errors: &mut FieldErrors,
) -> Option<i32> {
    match value.trim().parse::<i32>() {
        Ok(n) if range.contains(&n) => Some(n),
        _ => {
            errors.insert(
                field.into(),
                say_with(
                    "edit-whole",
                    [
                        ("min", FluentValue::from(*range.start())),
                        ("max", FluentValue::from(*range.end())),
                    ],
                ),
            );
            None
        }
    }
}

async fn save(db: &DatabaseConnection, model: practitioner::ActiveModel, id: i64) -> EditResult {
    let txn = crate::db::begin_write(db).await?;
    let mut model = model;
    model.updated_at = Set(Utc::now());
    model.update(&txn).await?;
    crate::practitioners::published_change(&txn, id).await?;
    txn.commit().await?;
    Ok(())
}

/// The basics section, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct Basics {
    /// Name shown.
    pub display_name: String,
    /// Practice name.
    pub practice_name: String,
    /// About.
    pub bio: String,
    /// About, in Spanish (optional).
    pub bio_es: String,
    /// Phone.
    pub phone: String,
    /// Public email.
    pub public_email: String,
    /// Website (http or https).
    pub website: String,
}

/// Saves the basics section.
pub async fn save_basics(
    db: &DatabaseConnection,
    p: &practitioner::Model,
    input: &Basics,
) -> EditResult {
    let mut errors = FieldErrors::new();
    let display_name = text(&input.display_name, "display_name", 100, true, &mut errors);
    let practice_name = text(
        &input.practice_name,
        "practice_name",
        120,
        false,
        &mut errors,
    );
    for (field, value) in [("bio", &input.bio), ("bio_es", &input.bio_es)] {
        if value.chars().count() > MAX_BIO {
            errors.insert(
                field.into(),
                say_with("edit-too-long", [("max", FluentValue::from(MAX_BIO))]),
            );
        }
    }
    let phone = text(&input.phone, "phone", 40, false, &mut errors);
    if phone.as_deref().is_some_and(|p| !is_phone(p)) {
        errors.insert("phone".into(), say("edit-phone"));
    }
    let public_email = text(&input.public_email, "public_email", 254, false, &mut errors);
    if public_email
        .as_deref()
        .is_some_and(|e| !crate::accounts::valid_email(e))
    {
        errors.insert("public_email".into(), say("edit-email"));
    }
    let website = text(&input.website, "website", 300, false, &mut errors);
    if website.as_deref().is_some_and(|w| {
        url::Url::parse(w).map_or(true, |u| !matches!(u.scheme(), "http" | "https"))
    }) {
        errors.insert("website".into(), say("edit-website"));
    }
    check(errors)?;
    let mut model: practitioner::ActiveModel = p.clone().into();
    model.display_name = Set(display_name.unwrap_or_default());
    model.practice_name = Set(practice_name);
    model.bio = Set(input.bio.trim().to_owned());
    model.bio_es = Set(Some(input.bio_es.trim())
        .filter(|t| !t.is_empty())
        .map(str::to_owned));
    model.phone = Set(phone);
    model.public_email = Set(public_email);
    model.website = Set(website);
    save(db, model, p.id).await
}

/// The location section, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct LocationInput {
    /// Street address; left empty by home-based and mobile practitioners.
    pub address_line: String,
    /// City.
    pub city: String,
    /// State code.
    pub state: String,
    /// ZIP code.
    pub postal_code: String,
}

/// Saves and geocodes the location. Without a street address, or for home-based and
/// mobile practices, the public page shows only the city.
pub async fn save_location(
    db: &DatabaseConnection,
    geocoder: &dyn Geocoder,
    p: &practitioner::Model,
    input: &LocationInput,
) -> EditResult {
    let mut errors = FieldErrors::new();
    let address = text(&input.address_line, "address_line", 200, false, &mut errors);
    let city = text(&input.city, "city", 100, true, &mut errors);
    let state = input.state.trim().to_uppercase();
    if jurisdiction::Entity::find_by_id(state.clone())
        .one(db)
        .await?
        .is_none()
    {
        errors.insert("state".into(), say("edit-state"));
    }
    let zip = input.postal_code.trim().to_owned();
    let zip_ok = zip.is_empty() || (zip.len() == 5 && zip.chars().all(|c| c.is_ascii_digit()));
    if !zip_ok {
        errors.insert("postal_code".into(), say("edit-zip"));
    }
    check(errors.clone())?;
    let city = city.unwrap_or_default();
    let query = if zip.is_empty() {
        format!("{city}, {state}")
    } else {
        zip.clone()
    };
    let place = match geocoder.resolve(&query).await {
        Resolution::Found(place) => place,
        _ => {
            let field = if zip.is_empty() {
                "city"
            } else {
                "postal_code"
            };
            errors.insert(
                field.into(),
                say_with(
                    "edit-unplaced",
                    [("query", FluentValue::from(query.as_str()))],
                ),
            );
            return Err(EditError::Invalid(errors));
        }
    };
    let city_only =
        address.is_none() || matches!(p.practice_type.as_str(), "home_based" | "mobile");
    let zone = geocoder.time_zone(Some(&zip), Some((place.lat, place.lng)));
    let mut model: practitioner::ActiveModel = p.clone().into();
    model.address_line = Set(address);
    model.city = Set(city);
    model.region_code = Set(state);
    model.postal_code = Set((!zip.is_empty()).then_some(zip));
    model.lat = Set(Some(place.lat));
    model.lng = Set(Some(place.lng));
    model.location_precision = Set(if city_only { "city" } else { "address" }.into());
    let txn = crate::db::begin_write(db).await?;
    model.updated_at = Set(Utc::now());
    model.update(&txn).await?;
    crate::practitioners::published_change(&txn, p.id).await?;
    crate::schedule::rezone(&txn, p.id, zone).await?;
    txn.commit().await?;
    Ok(())
}

/// Saves modalities and regions of focus (both replace the previous lists).
pub async fn save_focus(
    db: &DatabaseConnection,
    p: &practitioner::Model,
    modalities: &[String],
    regions: &[String],
) -> EditResult {
    let all_modalities = modality::Entity::find().all(db).await?;
    let all_regions = body_region::Entity::find().all(db).await?;
    let mut errors = FieldErrors::new();
    let modality_ids: Vec<i32> = all_modalities
        .iter()
        .filter(|m| modalities.contains(&m.slug))
        .map(|m| m.id)
        .collect();
    let region_ids: Vec<i32> = all_regions
        .iter()
        .filter(|r| regions.contains(&r.slug))
        .map(|r| r.id)
        .collect();
    if modality_ids.len() != modalities.len() {
        errors.insert("modalities".into(), say("edit-techniques"));
    }
    if region_ids.len() != regions.len() {
        errors.insert("regions".into(), say("edit-regions"));
    }
    check(errors)?;
    let txn = crate::db::begin_write(db).await?;
    practitioner_modality::Entity::delete_many()
        .filter(practitioner_modality::Column::PractitionerId.eq(p.id))
        .exec(&txn)
        .await?;
    practitioner_region::Entity::delete_many()
        .filter(practitioner_region::Column::PractitionerId.eq(p.id))
        .exec(&txn)
        .await?;
    if !modality_ids.is_empty() {
        practitioner_modality::Entity::insert_many(modality_ids.into_iter().map(|id| {
            practitioner_modality::ActiveModel {
                practitioner_id: Set(p.id),
                modality_id: Set(id),
            }
        }))
        .exec(&txn)
        .await?;
    }
    if !region_ids.is_empty() {
        practitioner_region::Entity::insert_many(region_ids.into_iter().map(|id| {
            practitioner_region::ActiveModel {
                practitioner_id: Set(p.id),
                region_id: Set(id),
            }
        }))
        .exec(&txn)
        .await?;
    }
    crate::practitioners::published_change(&txn, p.id).await?;
    txn.commit().await?;
    Ok(())
}

/// Parses a yes / no / unanswered radio value.
pub fn answer(value: &str) -> Option<bool> {
    match value {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// Saves the practice type and the five clinical-practice answers.
pub async fn save_practice(
    db: &DatabaseConnection,
    p: &practitioner::Model,
    practice_type: &str,
    answers: [Option<bool>; 5],
) -> EditResult {
    if !policy::is_practice_type(practice_type) {
        return Err(EditError::Invalid(FieldErrors::from([(
            "practice_type".to_owned(),
            say("edit-practice-type"),
        )])));
    }
    let mut model: practitioner::ActiveModel = p.clone().into();
    model.practice_type = Set(practice_type.to_owned());
    if matches!(practice_type, "home_based" | "mobile") {
        model.location_precision = Set("city".into());
    }
    model.cp_whole_session_one_area = Set(answers[0]);
    model.cp_myofascial = Set(answers[1]);
    model.cp_posture_assessment = Set(answers[2]);
    model.cp_referral_pain = Set(answers[3]);
    model.cp_minimal_oil = Set(answers[4]);
    save(db, model, p.id).await
}

async fn has_ledger_entry(
    db: &impl ConnectionTrait,
    practitioner_id: i64,
    modality_slug: &str,
) -> Result<bool, DbErr> {
    let Some(m) = modality::Entity::find()
        .filter(modality::Column::Slug.eq(modality_slug))
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    Ok(training_record::Entity::find()
        .filter(training_record::Column::PractitionerId.eq(practitioner_id))
        .filter(training_record::Column::ModalityId.eq(m.id))
        .count(db)
        .await?
        > 0)
}

/// Saves the prenatal and oncology training flags; each needs a ledger entry.
pub async fn save_training_flags(
    db: &DatabaseConnection,
    p: &practitioner::Model,
    prenatal: bool,
    oncology: bool,
) -> EditResult {
    let mut errors = FieldErrors::new();
    if prenatal && !has_ledger_entry(db, p.id, "prenatal").await? {
        errors.insert("prenatal".into(), say("edit-prenatal"));
    }
    if oncology && !has_ledger_entry(db, p.id, "oncology").await? {
        errors.insert("oncology".into(), say("edit-oncology"));
    }
    check(errors)?;
    let mut model: practitioner::ActiveModel = p.clone().into();
    model.prenatal_trained = Set(prenatal);
    model.oncology_trained = Set(oncology);
    save(db, model, p.id).await
}

/// Saves the languages and accessibility features (both from fixed lists).
pub async fn save_languages_and_access(
    db: &DatabaseConnection,
    p: &practitioner::Model,
    languages: &[String],
    accessibility: &[String],
) -> EditResult {
    let mut errors = FieldErrors::new();
    if languages.iter().any(|l| !policy::is_spoken_language(l)) {
        errors.insert("languages".into(), say("edit-languages"));
    }
    if accessibility
        .iter()
        .any(|a| !crate::policy::is_accessibility(a))
    {
        errors.insert("accessibility".into(), say("edit-accessibility"));
    }
    check(errors)?;
    let mut model: practitioner::ActiveModel = p.clone().into();
    // Kept in the list's order, each once; words an earlier version could not read
    // are settled once the practitioner has chosen from the list.
    model.languages = Set(policy::spoken_languages(&languages.join(",")).join(","));
    model.languages_unread = Set(None);
    model.accessibility = Set(accessibility.join(","));
    save(db, model, p.id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_answers_and_numbers() {
        assert_eq!(answer("yes"), Some(true));
        assert_eq!(answer("no"), Some(false));
        assert_eq!(answer(""), None);
        let mut errors = FieldErrors::new();
        assert_eq!(whole("-5", "hours", 1..=5000, &mut errors), None);
        assert!(errors.contains_key("hours"));
        let mut errors = FieldErrors::new();
        assert_eq!(date("2999-01-01", "d", true, &mut errors), None);
        assert!(errors["d"].contains("future"));
    }
}
