//! Outcome logs: pain before and after a session, with no client identity, and their
//! CSV export.

use super::*;

/// One session's outcome, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
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
        errors.insert("region".into(), say("edit-outcome-region"));
    }
    let before = whole(&input.pain_before, "pain_before", 0..=10, &mut errors);
    let after = whole(&input.pain_after, "pain_after", 0..=10, &mut errors);
    check(errors)?;
    let (Some(day), Some(region), Some(before), Some(after)) = (day, region, before, after) else {
        return Err(EditError::Invalid(FieldErrors::new()));
    };
    let txn = crate::db::begin_write(db).await?;
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
    crate::practitioners::published_change(&txn, p.id).await?;
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

/// One row of the CSV export.
#[derive(serde::Serialize)]
struct CsvRow<'a> {
    session_date: NaiveDate,
    region: &'a str,
    pain_before: i16,
    pain_after: i16,
}

/// The outcome logs as CSV: `session_date,region,pain_before,pain_after`.
pub fn outcomes_csv(rows: &[(outcome_log::Model, String)]) -> Result<String, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    for (o, region) in rows {
        out.serialize(CsvRow {
            session_date: o.session_date,
            region: &spreadsheet_safe(region),
            pain_before: o.pain_before,
            pain_after: o.pain_after,
        })?;
    }
    if rows.is_empty() {
        out.write_record(["session_date", "region", "pain_before", "pain_after"])?;
    }
    let bytes = out.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
