//! Reports of outdated or wrong listings, and suspensions. A suspended listing leaves
//! search at once; lifting the suspension brings it back through the outbox.

use chrono::{TimeDelta, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, NotSet, QueryFilter, QueryOrder,
};
use serde_json::json;

use super::licences::AdminError;
use crate::{
    audit::{self, Subject},
    entities::{practitioner, report},
    throttle::{self, Limit, Taken},
};

/// Reports one address may send per hour.
pub const REPORTS_PER_HOUR: u64 = 5;

/// What happened to a report someone sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportOutcome {
    /// Stored for the admins.
    Received,
    /// Too many from this address.
    RateLimited,
}

/// Stores a report about a listed practitioner.
pub async fn submit_report(
    db: &DatabaseConnection,
    p: &practitioner::Model,
    what: &str,
    contact: &str,
    address: &str,
) -> Result<ReportOutcome, AdminError> {
    let what = what.trim();
    if what.is_empty() || what.chars().count() > 2000 {
        return Err(AdminError::Invalid(crate::i18n::text(
            crate::i18n::Lang::current(),
            "report-wrong-what",
        )));
    }
    let contact = contact.trim();
    if contact.chars().count() > 200 {
        return Err(AdminError::Invalid(crate::i18n::text(
            crate::i18n::Lang::current(),
            "report-wrong-contact",
        )));
    }
    let limit = Limit::new(
        format!("report:{address}"),
        REPORTS_PER_HOUR,
        TimeDelta::hours(1),
    );
    if let Taken::Refused(_) = throttle::take(db, &[limit]).await? {
        return Ok(ReportOutcome::RateLimited);
    }
    let txn = crate::db::begin_write(db).await?;
    report::Entity::insert(report::ActiveModel {
        id: NotSet,
        practitioner_id: Set(p.id),
        what: Set(what.to_owned()),
        contact: Set((!contact.is_empty()).then(|| contact.to_owned())),
        status: Set("open".into()),
        handled_by: Set(None),
        handled_at: Set(None),
        created_at: Set(Utc::now()),
    })
    .exec(&txn)
    .await?;
    txn.commit().await?;
    Ok(ReportOutcome::Received)
}

/// Open reports first, then the rest, newest first, with their practitioners.
pub async fn reports(
    db: &impl ConnectionTrait,
) -> Result<Vec<(report::Model, Option<practitioner::Model>)>, DbErr> {
    let mut rows = report::Entity::find()
        .order_by_desc(report::Column::Id)
        .all(db)
        .await?;
    rows.sort_by_key(|r| r.status != "open");
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let p = practitioner::Entity::find_by_id(r.practitioner_id)
            .one(db)
            .await?;
        out.push((r, p));
    }
    Ok(out)
}

/// Closes a report as `resolved`, `dismissed` or `contacted`.
pub async fn handle_report(
    db: &DatabaseConnection,
    actor: i64,
    report_id: i64,
    outcome: &str,
) -> Result<(), AdminError> {
    if !matches!(outcome, "resolved" | "dismissed" | "contacted") {
        return Err(AdminError::Invalid(crate::i18n::text(
            crate::i18n::Lang::current(),
            "adm-unknown-outcome",
        )));
    }
    let txn = crate::db::begin_write(db).await?;
    let row = report::Entity::find_by_id(report_id)
        .one(&txn)
        .await?
        .ok_or(AdminError::NotFound)?;
    let before = json!({"status": row.status});
    let mut model: report::ActiveModel = row.into();
    model.status = Set(outcome.to_owned());
    model.handled_by = Set(Some(actor));
    model.handled_at = Set(Some(Utc::now()));
    model.update(&txn).await?;
    audit::record(
        &txn,
        Some(actor),
        &format!("report.{outcome}"),
        Subject {
            kind: "report",
            id: &report_id.to_string(),
        },
        Some(before),
        Some(json!({"status": outcome})),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Suspends a listing with a reason.
pub async fn suspend(
    db: &DatabaseConnection,
    actor: i64,
    practitioner_id: i64,
    reason: &str,
) -> Result<(), AdminError> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(AdminError::Invalid(crate::i18n::text(
            crate::i18n::Lang::current(),
            "adm-suspend-reason-invalid",
        )));
    }
    let txn = crate::db::begin_write(db).await?;
    let row = practitioner::Entity::find_by_id(practitioner_id)
        .one(&txn)
        .await?
        .ok_or(AdminError::NotFound)?;
    let before = json!({"suspended": row.suspended_at.is_some()});
    let mut model: practitioner::ActiveModel = row.into();
    model.suspended_at = Set(Some(Utc::now()));
    model.suspended_reason = Set(Some(reason.to_owned()));
    model.update(&txn).await?;
    audit::record(
        &txn,
        Some(actor),
        "practitioner.suspend",
        Subject {
            kind: "practitioner",
            id: &practitioner_id.to_string(),
        },
        Some(before),
        Some(json!({"suspended": true, "reason": reason})),
    )
    .await?;
    crate::practitioners::published_change(&txn, practitioner_id).await?;
    txn.commit().await?;
    Ok(())
}

/// Lifts a suspension.
pub async fn lift_suspension(
    db: &DatabaseConnection,
    actor: i64,
    practitioner_id: i64,
) -> Result<(), AdminError> {
    let txn = crate::db::begin_write(db).await?;
    let row = practitioner::Entity::find_by_id(practitioner_id)
        .one(&txn)
        .await?
        .ok_or(AdminError::NotFound)?;
    let before = json!({"suspended": row.suspended_at.is_some(), "reason": row.suspended_reason});
    let mut model: practitioner::ActiveModel = row.into();
    model.suspended_at = Set(None);
    model.suspended_reason = Set(None);
    model.update(&txn).await?;
    audit::record(
        &txn,
        Some(actor),
        "practitioner.unsuspend",
        Subject {
            kind: "practitioner",
            id: &practitioner_id.to_string(),
        },
        Some(before),
        Some(json!({"suspended": false})),
    )
    .await?;
    crate::practitioners::published_change(&txn, practitioner_id).await?;
    txn.commit().await?;
    Ok(())
}

/// Practitioners whose name or slug contains `q` (for the admin's search).
pub async fn find_practitioners(
    db: &impl ConnectionTrait,
    q: &str,
) -> Result<Vec<practitioner::Model>, DbErr> {
    let q = q.trim();
    let mut query = practitioner::Entity::find().order_by_asc(practitioner::Column::Id);
    if !q.is_empty() {
        query = query.filter(
            sea_orm::Condition::any()
                .add(practitioner::Column::DisplayName.contains(q))
                .add(practitioner::Column::Slug.contains(q)),
        );
    } else {
        query = query.filter(practitioner::Column::SuspendedAt.is_not_null());
    }
    sea_orm::QuerySelect::limit(query, 50).all(db).await
}
