//! The practitioner's own profile editor: each section validates what was typed and
//! saves on its own, in one transaction with the re-index job it needs. Inputs are
//! the raw strings of a form, so an invalid submission can be shown back as typed.

use chrono::{NaiveDate, TimeDelta, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, ModelTrait, NotSet, PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait,
};

use crate::{
    audit,
    entities::{
        body_region, jurisdiction, licence, modality, outcome_log, practitioner,
        practitioner_modality, practitioner_region, training_record,
    },
    geocoding::{Geocoder, Resolution},
    jobs, policy,
    practitioners::summary,
    validation::FieldErrors,
};

/// Languages offered in the editor.
pub const LANGUAGES: [(&str, &str); 8] = [
    ("en", "English"),
    ("es", "Spanish"),
    ("zh", "Chinese"),
    ("vi", "Vietnamese"),
    ("tl", "Tagalog"),
    ("ko", "Korean"),
    ("fr", "French"),
    ("de", "German"),
];
/// Accessibility features offered in the editor.
pub const ACCESSIBILITY: [(&str, &str); 5] = [
    ("step_free", "Step-free entry"),
    ("adjustable_table", "Height-adjustable table"),
    ("seated_or_side_lying", "Seated or side-lying work"),
    ("mobile_service", "Mobile service"),
    ("scent_free", "Scent-free room"),
];
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
            errors.insert(field.into(), "This is required.".into());
        }
        return None;
    }
    if value.chars().count() > max {
        errors.insert(field.into(), format!("Use at most {max} characters."));
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
    match NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d") {
        Ok(d) if not_after_today && d > Utc::now().date_naive() => {
            errors.insert(field.into(), "The date cannot be in the future.".into());
            None
        }
        Ok(d) => Some(d),
        Err(_) => {
            errors.insert(field.into(), "Enter a date as YYYY-MM-DD.".into());
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
                format!(
                    "Enter a whole number from {} to {}.",
                    range.start(),
                    range.end()
                ),
            );
            None
        }
    }
}

async fn save(db: &DatabaseConnection, model: practitioner::ActiveModel, id: i64) -> EditResult {
    let txn = db.begin().await?;
    let mut model = model;
    model.updated_at = Set(Utc::now());
    model.update(&txn).await?;
    jobs::enqueue_reindex(&txn, id).await?;
    txn.commit().await?;
    Ok(())
}

/// The basics section, as typed.
#[derive(Debug, Clone, Default)]
pub struct Basics {
    /// Name shown.
    pub display_name: String,
    /// Practice name.
    pub practice_name: String,
    /// About.
    pub bio: String,
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
    if input.bio.chars().count() > MAX_BIO {
        errors.insert("bio".into(), format!("Use at most {MAX_BIO} characters."));
    }
    let phone = text(&input.phone, "phone", 40, false, &mut errors);
    let public_email = text(&input.public_email, "public_email", 254, false, &mut errors);
    if public_email
        .as_deref()
        .is_some_and(|e| !crate::accounts::valid_email(e))
    {
        errors.insert(
            "public_email".into(),
            "Enter an email address like name@example.com.".into(),
        );
    }
    let website = text(&input.website, "website", 300, false, &mut errors);
    if website.as_deref().is_some_and(|w| {
        url::Url::parse(w).map_or(true, |u| !matches!(u.scheme(), "http" | "https"))
    }) {
        errors.insert(
            "website".into(),
            "Enter a full address starting with https://".into(),
        );
    }
    check(errors)?;
    let mut model: practitioner::ActiveModel = p.clone().into();
    model.display_name = Set(display_name.unwrap_or_default());
    model.practice_name = Set(practice_name);
    model.bio = Set(input.bio.trim().to_owned());
    model.phone = Set(phone);
    model.public_email = Set(public_email);
    model.website = Set(website);
    save(db, model, p.id).await
}

/// The location section, as typed.
#[derive(Debug, Clone, Default)]
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
        errors.insert("state".into(), "Choose your state.".into());
    }
    let zip = input.postal_code.trim().to_owned();
    let zip_ok = zip.is_empty() || (zip.len() == 5 && zip.chars().all(|c| c.is_ascii_digit()));
    if !zip_ok {
        errors.insert("postal_code".into(), "Enter a 5-digit ZIP code.".into());
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
                format!(
                    "We could not place \"{query}\" on the map. Check the city, state and ZIP."
                ),
            );
            return Err(EditError::Invalid(errors));
        }
    };
    let city_only =
        address.is_none() || matches!(p.practice_type.as_str(), "home_based" | "mobile");
    let mut model: practitioner::ActiveModel = p.clone().into();
    model.address_line = Set(address);
    model.city = Set(city);
    model.region_code = Set(state);
    model.postal_code = Set((!zip.is_empty()).then_some(zip));
    model.lat = Set(Some(place.lat));
    model.lng = Set(Some(place.lng));
    model.location_precision = Set(if city_only { "city" } else { "address" }.into());
    save(db, model, p.id).await
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
        errors.insert(
            "modalities".into(),
            "Choose techniques from the list.".into(),
        );
    }
    if region_ids.len() != regions.len() {
        errors.insert("regions".into(), "Choose regions from the list.".into());
    }
    check(errors)?;
    let txn = db.begin().await?;
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
    jobs::enqueue_reindex(&txn, p.id).await?;
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
            "Choose a practice type.".to_owned(),
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
        errors.insert(
            "prenatal".into(),
            "Add a prenatal massage course to your training ledger first.".into(),
        );
    }
    if oncology && !has_ledger_entry(db, p.id, "oncology").await? {
        errors.insert(
            "oncology".into(),
            "Add an oncology massage course to your training ledger first.".into(),
        );
    }
    check(errors)?;
    let mut model: practitioner::ActiveModel = p.clone().into();
    model.prenatal_trained = Set(prenatal);
    model.oncology_trained = Set(oncology);
    save(db, model, p.id).await
}

/// Saves the price range per 60 minutes.
pub async fn save_price(
    db: &DatabaseConnection,
    p: &practitioner::Model,
    min: &str,
    max: &str,
    currency: &str,
) -> EditResult {
    let mut errors = FieldErrors::new();
    let (min, max) = if min.trim().is_empty() && max.trim().is_empty() {
        (None, None)
    } else {
        (
            whole(min, "price_min", 0..=10_000, &mut errors),
            whole(max, "price_max", 0..=10_000, &mut errors),
        )
    };
    if let (Some(lo), Some(hi)) = (min, max)
        && lo > hi
    {
        errors.insert(
            "price_max".into(),
            "The highest price must not be below the lowest.".into(),
        );
    }
    if !CURRENCIES.contains(&currency) {
        errors.insert("currency".into(), "Choose a currency.".into());
    }
    check(errors)?;
    let mut model: practitioner::ActiveModel = p.clone().into();
    model.price_min = Set(min);
    model.price_max = Set(max);
    model.currency = Set(currency.to_owned());
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
    if languages
        .iter()
        .any(|l| !LANGUAGES.iter().any(|(slug, _)| slug == l))
    {
        errors.insert("languages".into(), "Choose languages from the list.".into());
    }
    if accessibility
        .iter()
        .any(|a| !ACCESSIBILITY.iter().any(|(slug, _)| slug == a))
    {
        errors.insert(
            "accessibility".into(),
            "Choose features from the list.".into(),
        );
    }
    check(errors)?;
    let mut model: practitioner::ActiveModel = p.clone().into();
    model.languages = Set(languages.join(","));
    model.accessibility = Set(accessibility.join(","));
    save(db, model, p.id).await
}

/// A training ledger entry, as typed.
#[derive(Debug, Clone, Default)]
pub struct TrainingInput {
    /// Course.
    pub course: String,
    /// Provider.
    pub provider: String,
    /// Modality slug or empty.
    pub modality: String,
    /// Hours.
    pub hours: String,
    /// Completion date, YYYY-MM-DD.
    pub completed_on: String,
}

async fn validate_training(
    db: &impl ConnectionTrait,
    input: &TrainingInput,
) -> EditResult<(String, String, Option<i32>, i32, NaiveDate)> {
    let mut errors = FieldErrors::new();
    let course = text(&input.course, "course", 200, true, &mut errors);
    let provider = text(&input.provider, "provider", 200, true, &mut errors);
    let modality_id = if input.modality.trim().is_empty() {
        None
    } else {
        match modality::Entity::find()
            .filter(modality::Column::Slug.eq(input.modality.trim()))
            .one(db)
            .await?
        {
            Some(m) => Some(m.id),
            None => {
                errors.insert(
                    "modality".into(),
                    "Choose a technique from the list.".into(),
                );
                None
            }
        }
    };
    let hours = whole(&input.hours, "hours", 1..=5000, &mut errors);
    let completed = date(&input.completed_on, "completed_on", true, &mut errors);
    check(errors)?;
    match (course, provider, hours, completed) {
        (Some(c), Some(p), Some(h), Some(d)) => Ok((c, p, modality_id, h, d)),
        _ => Err(EditError::Invalid(FieldErrors::new())),
    }
}

/// Adds a ledger entry.
pub async fn add_training(
    db: &DatabaseConnection,
    p: &practitioner::Model,
    input: &TrainingInput,
) -> EditResult {
    let (course, provider, modality_id, hours, completed_on) = validate_training(db, input).await?;
    let txn = db.begin().await?;
    training_record::Entity::insert(training_record::ActiveModel {
        id: NotSet,
        practitioner_id: Set(p.id),
        course: Set(course),
        provider: Set(provider),
        modality_id: Set(modality_id),
        hours: Set(hours),
        completed_on: Set(completed_on),
    })
    .exec(&txn)
    .await?;
    summary::refresh(&txn, p.id).await?;
    jobs::enqueue_reindex(&txn, p.id).await?;
    txn.commit().await?;
    Ok(())
}

async fn own_training(
    db: &impl ConnectionTrait,
    p: &practitioner::Model,
    id: i64,
) -> EditResult<training_record::Model> {
    training_record::Entity::find_by_id(id)
        .filter(training_record::Column::PractitionerId.eq(p.id))
        .one(db)
        .await?
        .ok_or(EditError::NotFound)
}

/// Edits one of the practitioner's own ledger entries.
pub async fn edit_training(
    db: &DatabaseConnection,
    p: &practitioner::Model,
    id: i64,
    input: &TrainingInput,
) -> EditResult {
    let row = own_training(db, p, id).await?;
    let (course, provider, modality_id, hours, completed_on) = validate_training(db, input).await?;
    let txn = db.begin().await?;
    let mut model: training_record::ActiveModel = row.into();
    model.course = Set(course);
    model.provider = Set(provider);
    model.modality_id = Set(modality_id);
    model.hours = Set(hours);
    model.completed_on = Set(completed_on);
    model.update(&txn).await?;
    clear_unbacked_flags(&txn, p).await?;
    summary::refresh(&txn, p.id).await?;
    jobs::enqueue_reindex(&txn, p.id).await?;
    txn.commit().await?;
    Ok(())
}

/// Removes one of the practitioner's own ledger entries.
pub async fn remove_training(
    db: &DatabaseConnection,
    p: &practitioner::Model,
    id: i64,
) -> EditResult {
    let row = own_training(db, p, id).await?;
    let txn = db.begin().await?;
    row.delete(&txn).await?;
    clear_unbacked_flags(&txn, p).await?;
    summary::refresh(&txn, p.id).await?;
    jobs::enqueue_reindex(&txn, p.id).await?;
    txn.commit().await?;
    Ok(())
}

/// Training flags must stay backed by ledger entries.
async fn clear_unbacked_flags(
    db: &impl ConnectionTrait,
    p: &practitioner::Model,
) -> Result<(), DbErr> {
    let prenatal = p.prenatal_trained && has_ledger_entry(db, p.id, "prenatal").await?;
    let oncology = p.oncology_trained && has_ledger_entry(db, p.id, "oncology").await?;
    if prenatal != p.prenatal_trained || oncology != p.oncology_trained {
        let mut model: practitioner::ActiveModel = p.clone().into();
        model.prenatal_trained = Set(prenatal);
        model.oncology_trained = Set(oncology);
        model.update(db).await?;
    }
    Ok(())
}

/// A kind of credential a practitioner can list.
#[derive(Debug, Clone, Copy)]
pub struct LicenceKind {
    /// Stable slug.
    pub slug: &'static str,
    /// Whether it lapses on a date, which must then be given.
    pub expires: bool,
}

/// The kinds of credential: a state licence, and a board certification (NCBTMB's is
/// renewed every few years). Both expire, so both need their expiry date; a licence
/// without one would never expire in the directory.
pub const LICENCE_KINDS: [LicenceKind; 2] = [
    LicenceKind {
        slug: "state_licence",
        expires: true,
    },
    LicenceKind {
        slug: "board_certification",
        expires: true,
    },
];

/// A licence, as typed. There is no status: a practitioner never sets it.
#[derive(Debug, Clone, Default)]
pub struct LicenceInput {
    /// Jurisdiction code.
    pub jurisdiction: String,
    /// Number.
    pub number: String,
    /// `state_licence` or `board_certification`.
    pub kind: String,
    /// Expiry, YYYY-MM-DD, optional.
    pub expires_on: String,
}

async fn validate_licence(
    db: &impl ConnectionTrait,
    input: &LicenceInput,
) -> EditResult<(String, String, String, Option<NaiveDate>)> {
    let mut errors = FieldErrors::new();
    let code = input.jurisdiction.trim().to_uppercase();
    if jurisdiction::Entity::find_by_id(code.clone())
        .one(db)
        .await?
        .is_none()
    {
        errors.insert(
            "jurisdiction".into(),
            "Choose the state that issued it.".into(),
        );
    }
    let number = input.number.trim().to_uppercase();
    if number.is_empty()
        || number.len() > 40
        || !number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    {
        errors.insert(
            "number".into(),
            "Enter the number as printed (letters, digits and dashes).".into(),
        );
    }
    let kind = LICENCE_KINDS.iter().find(|k| k.slug == input.kind);
    if kind.is_none() {
        errors.insert("kind".into(), "Choose the kind of credential.".into());
    }
    let expires = if input.expires_on.trim().is_empty() {
        if kind.is_some_and(|k| k.expires) {
            errors.insert(
                "expires_on".into(),
                "Enter the expiry date printed on it: this kind of credential expires.".into(),
            );
        }
        None
    } else {
        date(&input.expires_on, "expires_on", false, &mut errors)
    };
    check(errors)?;
    Ok((code, number, input.kind.clone(), expires))
}

/// Adds a licence; it starts as pending.
pub async fn add_licence(
    db: &DatabaseConnection,
    p: &practitioner::Model,
    input: &LicenceInput,
) -> EditResult {
    let (code, number, kind, expires) = validate_licence(db, input).await?;
    let now = Utc::now();
    let txn = db.begin().await?;
    licence::Entity::insert(licence::ActiveModel {
        id: NotSet,
        practitioner_id: Set(p.id),
        jurisdiction: Set(code),
        number: Set(number),
        kind: Set(kind),
        expires_on: Set(expires),
        status: Set("pending".into()),
        verified_by: Set(None),
        verified_at: Set(None),
        verification_method: Set(None),
        rejection_reason: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        needs_review: Set(false),
        review_note: Set(None),
        reminded_at: Set(None),
    })
    .exec(&txn)
    .await?;
    jobs::enqueue_reindex(&txn, p.id).await?;
    txn.commit().await?;
    Ok(())
}

/// Edits one of the practitioner's own licences; the practitioner never sets the status.
/// Any change to the number, state, kind or expiry of a licence that is not pending
/// (verified, rejected or expired) sends it back to pending for an admin to check
/// again, and the change is written to the audit log.
pub async fn edit_licence(
    db: &DatabaseConnection,
    p: &practitioner::Model,
    id: i64,
    input: &LicenceInput,
) -> EditResult {
    let row = licence::Entity::find_by_id(id)
        .filter(licence::Column::PractitionerId.eq(p.id))
        .one(db)
        .await?
        .ok_or(EditError::NotFound)?;
    let (code, number, kind, expires) = validate_licence(db, input).await?;
    let changed = row.jurisdiction != code
        || row.number != number
        || row.kind != kind
        || row.expires_on != expires;
    let back_to_pending = changed && row.status != "pending";
    let txn = db.begin().await?;
    if back_to_pending {
        audit::record(
            &txn,
            p.user_id,
            "licence.changed_by_practitioner",
            audit::Subject {
                kind: "licence",
                id: &row.id.to_string(),
            },
            Some(licence_claim(
                &row.status,
                &row.jurisdiction,
                &row.number,
                &row.kind,
                row.expires_on,
            )),
            Some(licence_claim("pending", &code, &number, &kind, expires)),
        )
        .await?;
    }
    let mut model: licence::ActiveModel = row.into();
    if back_to_pending {
        model.status = Set("pending".into());
        model.verified_by = Set(None);
        model.verified_at = Set(None);
        model.verification_method = Set(None);
        model.rejection_reason = Set(None);
        model.needs_review = Set(false);
        model.review_note = Set(None);
    }
    model.jurisdiction = Set(code);
    model.number = Set(number);
    model.kind = Set(kind);
    model.expires_on = Set(expires);
    model.updated_at = Set(Utc::now());
    model.update(&txn).await?;
    jobs::enqueue_reindex(&txn, p.id).await?;
    txn.commit().await?;
    Ok(())
}

fn licence_claim(
    status: &str,
    jurisdiction: &str,
    number: &str,
    kind: &str,
    expires_on: Option<NaiveDate>,
) -> serde_json::Value {
    serde_json::json!({
        "status": status,
        "jurisdiction": jurisdiction,
        "number": number,
        "kind": kind,
        "expires_on": expires_on,
    })
}

/// One session's outcome, as typed.
#[derive(Debug, Clone, Default)]
pub struct OutcomeInput {
    /// Session date.
    pub session_date: String,
    /// Region slug.
    pub region: String,
    /// Pain before, 0–10.
    pub pain_before: String,
    /// Pain after, 0–10.
    pub pain_after: String,
}

/// Logs one session's pain before and after (no client identity).
pub async fn add_outcome(
    db: &DatabaseConnection,
    p: &practitioner::Model,
    input: &OutcomeInput,
) -> EditResult {
    let mut errors = FieldErrors::new();
    let day = date(&input.session_date, "session_date", true, &mut errors);
    let region = body_region::Entity::find()
        .filter(body_region::Column::Slug.eq(input.region.trim()))
        .one(db)
        .await?;
    if region.is_none() {
        errors.insert("region".into(), "Choose the region you worked on.".into());
    }
    let before = whole(&input.pain_before, "pain_before", 0..=10, &mut errors);
    let after = whole(&input.pain_after, "pain_after", 0..=10, &mut errors);
    check(errors)?;
    let (Some(day), Some(region), Some(before), Some(after)) = (day, region, before, after) else {
        return Err(EditError::Invalid(FieldErrors::new()));
    };
    let txn = db.begin().await?;
    outcome_log::Entity::insert(outcome_log::ActiveModel {
        id: NotSet,
        practitioner_id: Set(p.id),
        session_date: Set(day),
        region_id: Set(region.id),
        pain_before: Set(before as i16),
        pain_after: Set(after as i16),
        created_at: Set(Utc::now()),
    })
    .exec(&txn)
    .await?;
    summary::refresh(&txn, p.id).await?;
    jobs::enqueue_reindex(&txn, p.id).await?;
    txn.commit().await?;
    Ok(())
}

/// The practitioner's outcome logs, newest first, with region names.
pub async fn outcomes(
    db: &impl ConnectionTrait,
    p: &practitioner::Model,
) -> Result<Vec<(outcome_log::Model, String)>, DbErr> {
    let regions = body_region::Entity::find().all(db).await?;
    Ok(outcome_log::Entity::find()
        .filter(outcome_log::Column::PractitionerId.eq(p.id))
        .order_by_desc(outcome_log::Column::SessionDate)
        .order_by_desc(outcome_log::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|o| {
            let name = regions
                .iter()
                .find(|r| r.id == o.region_id)
                .map_or_else(String::new, |r| r.slug.clone());
            (o, name)
        })
        .collect())
}

/// The outcome logs as CSV: `session_date,region,pain_before,pain_after`.
pub fn outcomes_csv(rows: &[(outcome_log::Model, String)]) -> String {
    let mut out = String::from("session_date,region,pain_before,pain_after\n");
    for (o, region) in rows {
        out.push_str(&format!(
            "{},{},{},{}\n",
            o.session_date, region, o.pain_before, o.pain_after
        ));
    }
    out
}

/// Records "my profile is up to date".
pub async fn confirm_profile(db: &DatabaseConnection, p: &practitioner::Model) -> EditResult {
    let mut model: practitioner::ActiveModel = p.clone().into();
    model.profile_confirmed_at = Set(Some(Utc::now()));
    save(db, model, p.id).await
}

/// Records whether the practitioner is accepting new clients, confirmed now.
pub async fn set_availability(
    db: &DatabaseConnection,
    p: &practitioner::Model,
    accepting: bool,
) -> EditResult {
    let mut model: practitioner::ActiveModel = p.clone().into();
    model.accepting_new_clients = Set(Some(accepting));
    model.accepting_confirmed_at = Set(Some(Utc::now()));
    save(db, model, p.id).await
}

/// The part of the profile a piece of work belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The overview: confirmations and availability.
    Overview,
    /// The profile sections (about, location, techniques, regions).
    Profile,
    /// The training ledger.
    Training,
    /// Licences and certifications.
    Licences,
}

/// Something a profile still needs before it can be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// The About text.
    About,
    /// A location.
    Location,
    /// At least one technique.
    Technique,
    /// At least one region of focus.
    Region,
    /// A training ledger entry.
    Training,
    /// A licence or certification.
    Licence,
}

impl Missing {
    /// What is missing, as it reads after "needs" or "add".
    pub fn label(self) -> &'static str {
        match self {
            Self::About => "an About text",
            Self::Location => "a location",
            Self::Technique => "at least one technique",
            Self::Region => "at least one region of focus",
            Self::Training => "a training ledger entry",
            Self::Licence => "a licence or certification",
        }
    }

    /// Where it is added.
    pub fn section(self) -> Section {
        match self {
            Self::Training => Section::Training,
            Self::Licence => Section::Licences,
            _ => Section::Profile,
        }
    }
}

/// What a profile still needs before it can be published.
pub async fn missing_for_publishing(
    db: &impl ConnectionTrait,
    p: &practitioner::Model,
) -> Result<Vec<Missing>, DbErr> {
    let mut missing = Vec::new();
    if p.bio.trim().is_empty() {
        missing.push(Missing::About);
    }
    if p.lat.is_none() || p.city.is_empty() {
        missing.push(Missing::Location);
    }
    let count_m = practitioner_modality::Entity::find()
        .filter(practitioner_modality::Column::PractitionerId.eq(p.id))
        .count(db)
        .await?;
    if count_m == 0 {
        missing.push(Missing::Technique);
    }
    let count_r = practitioner_region::Entity::find()
        .filter(practitioner_region::Column::PractitionerId.eq(p.id))
        .count(db)
        .await?;
    if count_r == 0 {
        missing.push(Missing::Region);
    }
    let count_t = training_record::Entity::find()
        .filter(training_record::Column::PractitionerId.eq(p.id))
        .count(db)
        .await?;
    if count_t == 0 {
        missing.push(Missing::Training);
    }
    let count_l = licence::Entity::find()
        .filter(licence::Column::PractitionerId.eq(p.id))
        .count(db)
        .await?;
    if count_l == 0 {
        missing.push(Missing::Licence);
    }
    Ok(missing)
}

/// Publishes a complete profile.
pub async fn publish(db: &DatabaseConnection, p: &practitioner::Model) -> EditResult {
    let missing = missing_for_publishing(db, p).await?;
    if !missing.is_empty() {
        return Err(EditError::Invalid(FieldErrors::from([(
            "publish".to_owned(),
            format!(
                "Before publishing, add {}.",
                missing
                    .iter()
                    .map(|m| m.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )])));
    }
    let mut model: practitioner::ActiveModel = p.clone().into();
    model.listed = Set(true);
    if p.profile_confirmed_at.is_none() {
        model.profile_confirmed_at = Set(Some(Utc::now()));
    }
    save(db, model, p.id).await
}

/// Unpublishes; the caller also removes the document from search at once.
pub async fn unpublish(db: &DatabaseConnection, p: &practitioner::Model) -> EditResult {
    let mut model: practitioner::ActiveModel = p.clone().into();
    model.listed = Set(false);
    save(db, model, p.id).await
}

/// One item of the dashboard's "needs attention" list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attention {
    /// What needs doing.
    pub message: String,
    /// Where to do it.
    pub section: Section,
}

/// What needs attention: missing fields, licences near expiry, an unconfirmed
/// profile, a lapsed availability.
pub async fn attention(
    db: &impl ConnectionTrait,
    p: &practitioner::Model,
) -> Result<Vec<Attention>, DbErr> {
    let now = Utc::now();
    let today = now.date_naive();
    let mut items: Vec<Attention> = missing_for_publishing(db, p)
        .await?
        .into_iter()
        .map(|m| Attention {
            message: format!("Your profile needs {}.", m.label()),
            section: m.section(),
        })
        .collect();
    for l in licence::Entity::find()
        .filter(licence::Column::PractitionerId.eq(p.id))
        .all(db)
        .await?
    {
        match l.expires_on {
            Some(expiry) if expiry < today => items.push(Attention {
                message: format!(
                    "Licence {} {} expired on {expiry}.",
                    l.jurisdiction, l.number
                ),
                section: Section::Licences,
            }),
            Some(expiry) if expiry <= today + TimeDelta::days(30) => items.push(Attention {
                message: format!(
                    "Licence {} {} expires on {expiry}.",
                    l.jurisdiction, l.number
                ),
                section: Section::Licences,
            }),
            _ => {}
        }
        if l.status == "rejected" {
            items.push(Attention {
                message: format!(
                    "Licence {} {} was not verified: {}",
                    l.jurisdiction,
                    l.number,
                    l.rejection_reason.as_deref().unwrap_or("no reason given")
                ),
                section: Section::Licences,
            });
        }
    }
    if p.profile_confirmed_at
        .is_none_or(|t| !policy::profile_fresh(t.timestamp(), now.timestamp()))
    {
        items.push(Attention {
            message: "Confirm that your profile is up to date.".into(),
            section: Section::Overview,
        });
    }
    if p.accepting_confirmed_at
        .is_none_or(|t| !policy::accepting_current(t.timestamp(), now.timestamp()))
    {
        items.push(Attention {
            message: format!(
                "Confirm whether you are accepting new clients (it lapses after {} days).",
                policy::ACCEPTING_LAPSE_DAYS
            ),
            section: Section::Overview,
        });
    }
    Ok(items)
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
