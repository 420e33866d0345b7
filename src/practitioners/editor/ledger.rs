//! The training ledger: courses with their hours, the prenatal and oncology flags
//! they back, and the ledger total kept on the practitioner row.

use super::*;

/// A training ledger entry, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
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
                errors.insert("modality".into(), say("edit-technique"));
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
    let txn = crate::db::begin_write(db).await?;
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
    crate::practitioners::published_change(&txn, p.id).await?;
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
    let txn = crate::db::begin_write(db).await?;
    let mut model: training_record::ActiveModel = row.into();
    model.course = Set(course);
    model.provider = Set(provider);
    model.modality_id = Set(modality_id);
    model.hours = Set(hours);
    model.completed_on = Set(completed_on);
    model.update(&txn).await?;
    clear_unbacked_flags(&txn, p).await?;
    summary::refresh(&txn, p.id).await?;
    crate::practitioners::published_change(&txn, p.id).await?;
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
    let txn = crate::db::begin_write(db).await?;
    row.delete(&txn).await?;
    clear_unbacked_flags(&txn, p).await?;
    summary::refresh(&txn, p.id).await?;
    crate::practitioners::published_change(&txn, p.id).await?;
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

/// One entry of the ledger as its owner sees it.
#[derive(Debug, Clone)]
pub struct LedgerEntry {
    /// Id.
    pub id: i64,
    /// Course.
    pub course: String,
    /// Provider.
    pub provider: String,
    /// Modality slug, if the course teaches one.
    pub modality: Option<String>,
    /// Hours.
    pub hours: i32,
    /// Completed on.
    pub completed_on: NaiveDate,
}

/// The practitioner's ledger, most recent first.
pub async fn ledger_entries(
    db: &impl ConnectionTrait,
    p: &practitioner::Model,
) -> Result<Vec<LedgerEntry>, DbErr> {
    let modalities = modality::Entity::find().all(db).await?;
    Ok(training_record::Entity::find()
        .filter(training_record::Column::PractitionerId.eq(p.id))
        .order_by_desc(training_record::Column::CompletedOn)
        .all(db)
        .await?
        .into_iter()
        .map(|e| LedgerEntry {
            id: e.id,
            modality: e
                .modality_id
                .and_then(|id| modalities.iter().find(|m| m.id == id))
                .map(|m| m.slug.clone()),
            course: e.course,
            provider: e.provider,
            hours: e.hours,
            completed_on: e.completed_on,
        })
        .collect())
}
