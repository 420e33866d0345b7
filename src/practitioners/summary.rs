//! The ledger total and outcome medians kept on the practitioner row. Every write to
//! the ledger or the outcome logs refreshes them in the same transaction, so building
//! the search index reads one row per practitioner instead of every log.

use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
};

use crate::{
    entities::{outcome_log, practitioner, training_record},
    search::document::OutcomeSummary,
};

/// Outcome summaries are shown only from this many logs on (CLINICAL.md).
pub const MIN_OUTCOME_LOGS: usize = 10;

fn median(mut values: Vec<i16>) -> f32 {
    values.sort_unstable();
    let n = values.len();
    if n % 2 == 1 {
        f32::from(values[n / 2])
    } else {
        (f32::from(values[n / 2 - 1]) + f32::from(values[n / 2])) / 2.0
    }
}

/// Median pain before and after across (before, after) logs; `None` without logs.
pub fn medians(logs: &[(i16, i16)]) -> Option<(f32, f32)> {
    (!logs.is_empty()).then(|| {
        (
            median(logs.iter().map(|l| l.0).collect()),
            median(logs.iter().map(|l| l.1).collect()),
        )
    })
}

/// The summary shown publicly: medians, once there are enough logs.
pub fn outcome_summary(logs: &[(i16, i16)]) -> Option<OutcomeSummary> {
    let (before, after) = medians(logs)?;
    stored_outcome(
        logs.len() as i32,
        Some(f64::from(before)),
        Some(f64::from(after)),
    )
}

/// The public summary from the columns kept on the practitioner row.
pub fn stored_outcome(
    count: i32,
    median_before: Option<f64>,
    median_after: Option<f64>,
) -> Option<OutcomeSummary> {
    if usize::try_from(count).unwrap_or_default() < MIN_OUTCOME_LOGS {
        return None;
    }
    Some(OutcomeSummary {
        count: count as u32,
        median_before: median_before? as f32,
        median_after: median_after? as f32,
    })
}

/// The columns to store for a practitioner with this ledger total and these logs.
pub fn columns(
    mut row: practitioner::ActiveModel,
    training_hours: i32,
    logs: &[(i16, i16)],
) -> practitioner::ActiveModel {
    let medians = medians(logs);
    row.training_hours = Set(training_hours);
    row.outcome_count = Set(logs.len() as i32);
    row.outcome_median_before = Set(medians.map(|m| f64::from(m.0)));
    row.outcome_median_after = Set(medians.map(|m| f64::from(m.1)));
    row
}

/// Recomputes one practitioner's ledger total and outcome medians from their rows.
pub async fn refresh(db: &impl ConnectionTrait, practitioner_id: i64) -> Result<(), DbErr> {
    let hours: Vec<i32> = training_record::Entity::find()
        .select_only()
        .column(training_record::Column::Hours)
        .filter(training_record::Column::PractitionerId.eq(practitioner_id))
        .into_tuple()
        .all(db)
        .await?;
    let logs: Vec<(i16, i16)> = outcome_log::Entity::find()
        .select_only()
        .column(outcome_log::Column::PainBefore)
        .column(outcome_log::Column::PainAfter)
        .filter(outcome_log::Column::PractitionerId.eq(practitioner_id))
        .into_tuple()
        .all(db)
        .await?;
    let total = hours.iter().map(|h| i64::from(*h)).sum::<i64>();
    let row = practitioner::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(practitioner_id),
        ..Default::default()
    };
    practitioner::Entity::update(columns(
        row,
        i32::try_from(total).unwrap_or(i32::MAX),
        &logs,
    ))
    .exec(db)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcome_summary_needs_ten_logs_and_takes_medians() {
        let nine = vec![(8, 4); 9];
        assert!(outcome_summary(&nine).is_none());
        let mut ten = vec![(8, 4); 5];
        ten.extend(vec![(6, 2); 5]);
        let s = outcome_summary(&ten).expect("summary");
        assert_eq!((s.count, s.median_before, s.median_after), (10, 7.0, 3.0));
    }

    #[test]
    fn stored_columns_give_the_same_summary_as_the_logs() {
        let logs: Vec<(i16, i16)> = (0..13).map(|i| (i % 10, i % 4)).collect();
        let row = columns(practitioner::ActiveModel::default(), 5, &logs);
        let stored = stored_outcome(
            *row.outcome_count.as_ref(),
            *row.outcome_median_before.as_ref(),
            *row.outcome_median_after.as_ref(),
        );
        assert_eq!(stored, outcome_summary(&logs));
        assert!(stored.is_some());
        assert_eq!(medians(&[]), None);
    }
}
