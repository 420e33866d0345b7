//! The client's own report after a visit, the private "something went wrong" report,
//! and what the profile shows of them: client-reported outcomes (per region, from
//! [`MIN_REPORTS`] counted reports) and comments an admin approved, with the client's
//! initials and the practitioner's one public answer.
//!
//! Only an accepted visit whose time has passed can be reported, once, through the
//! link mailed the day after it. A report sent from the practitioner's own account
//! email, or one of many from one address, is flagged: kept out of the counts until an
//! admin counts it.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, NotSet,
    PaginatorTrait, QueryFilter, QueryOrder, sea_query::Expr,
};
use serde_json::json;

use super::{
    Status, VisitError,
    links::{Opened, Purpose},
};
use crate::{
    audit::{self, Subject},
    entities::{practitioner, safety_report, user, visit, visit_report},
    validation::FieldErrors,
};

/// Reports of one region a profile needs before it shows their figures (the same rule
/// as the practitioner's own log).
pub const MIN_REPORTS: usize = 10;
/// Longest comment.
pub const MAX_COMMENT: usize = 1000;
/// Longest safety report and reply.
pub const MAX_TEXT: usize = 2000;
/// How long the report link works.
pub const REPORT_LINK_DAYS: i64 = 30;
/// Reports from one address within [`REPORT_LINK_DAYS`] after which more are flagged.
pub const PER_ADDRESS: u64 = 2;
/// Safety reports one visit may send.
pub const SAFETY_PER_VISIT: u64 = 3;

/// A report as typed.
#[derive(Debug, Clone, Default)]
pub struct ReportInput {
    /// Pain before the visit, 0–10.
    pub pain_before: Option<i32>,
    /// Pain now, 0–10.
    pub pain_now: Option<i32>,
    /// The area treated: a region slug.
    pub region: String,
    /// Whether the pressure was what they asked for.
    pub pressure_right: Option<bool>,
    /// Whether consent and draping were explained.
    pub consent_explained: Option<bool>,
    /// Whether they would go back.
    pub would_return: Option<bool>,
    /// An optional comment.
    pub comment: String,
}

/// Whether a visit can be reported at `now`: accepted, and its time has passed.
pub fn reportable(v: &visit::Model, now: DateTime<Utc>) -> bool {
    Status::of(v) == Status::Accepted && v.end_at <= now
}

/// "B. L." from "Bo Li"; "A." from one name.
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let letters = match words.as_slice() {
        [] => Vec::new(),
        [one] => vec![*one],
        [first, .., last] => vec![*first, *last],
    };
    letters
        .iter()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

fn check(input: &ReportInput, regions: &[&str]) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    for (field, value) in [
        ("pain_before", input.pain_before),
        ("pain_now", input.pain_now),
    ] {
        if !value.is_some_and(|v| (0..=10).contains(&v)) {
            errors.insert(
                field.into(),
                crate::i18n::text(crate::i18n::Lang::current(), "report-err-number"),
            );
        }
    }
    if !regions.contains(&input.region.as_str()) {
        errors.insert(
            "region".into(),
            crate::i18n::text(crate::i18n::Lang::current(), "report-err-area"),
        );
    }
    for (field, value) in [
        ("pressure_right", input.pressure_right),
        ("consent_explained", input.consent_explained),
        ("would_return", input.would_return),
    ] {
        if value.is_none() {
            errors.insert(
                field.into(),
                crate::i18n::text(crate::i18n::Lang::current(), "dash-yes-or-no"),
            );
        }
    }
    if input.comment.chars().count() > MAX_COMMENT
        || input
            .comment
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        errors.insert(
            "comment".into(),
            crate::i18n::text_with(
                crate::i18n::Lang::current(),
                "report-err-comment",
                [("max", MAX_COMMENT.into())],
            ),
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The report of a visit, if one was sent.
pub async fn of_visit(
    db: &impl ConnectionTrait,
    visit_id: i64,
) -> Result<Option<visit_report::Model>, DbErr> {
    visit_report::Entity::find()
        .filter(visit_report::Column::VisitId.eq(visit_id))
        .one(db)
        .await
}

/// Stores the client's report through their report link. `address_key` is a keyed
/// digest of the sender's address; `regions` the questionnaire's region slugs.
pub async fn submit(
    db: &DatabaseConnection,
    opened: &Opened,
    input: &ReportInput,
    regions: &[&str],
    address_key: &str,
    now: DateTime<Utc>,
) -> Result<visit_report::Model, VisitError> {
    if opened.purpose != Purpose::Report {
        return Err(VisitError::NotFound);
    }
    check(input, regions).map_err(VisitError::Invalid)?;
    let txn = crate::db::begin_write(db).await?;
    // One report per visit: the practitioner's lock orders reports sent at once, so the
    // second finds the first instead of failing on the unique index.
    super::lock(
        &txn,
        super::LockScope::Practitioner,
        opened.visit.practitioner_id,
    )
    .await?;
    let v = super::find(&txn, opened.visit.id).await?;
    if !reportable(&v, now) {
        return Err(VisitError::Gone(crate::i18n::text(
            crate::i18n::Lang::current(),
            "report-err-not-yet",
        )));
    }
    if of_visit(&txn, v.id).await?.is_some() {
        return Err(VisitError::Gone(crate::i18n::text(
            crate::i18n::Lang::current(),
            "report-err-twice",
        )));
    }
    let practitioner = practitioner::Entity::find_by_id(v.practitioner_id)
        .one(&txn)
        .await?
        .ok_or(VisitError::NotFound)?;
    let own_email = match practitioner.user_id {
        Some(id) => user::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .map(|u| u.email),
        None => None,
    };
    let recent_from_address = visit_report::Entity::find()
        .filter(visit_report::Column::AddressKey.eq(address_key))
        .filter(visit_report::Column::CreatedAt.gt(now - TimeDelta::days(REPORT_LINK_DAYS)))
        .count(&txn)
        .await?;
    let flag = if own_email.is_some() && own_email.as_deref() == v.email.as_deref() {
        Some("own_email")
    } else if recent_from_address >= PER_ADDRESS {
        Some("many_from_address")
    } else {
        None
    };
    let comment = input.comment.trim();
    let inserted = visit_report::Entity::insert(visit_report::ActiveModel {
        id: NotSet,
        visit_id: Set(v.id),
        practitioner_id: Set(v.practitioner_id),
        region: Set(input.region.clone()),
        pain_before: Set(input.pain_before.unwrap_or_default()),
        pain_now: Set(input.pain_now.unwrap_or_default()),
        pressure_right: Set(input.pressure_right.unwrap_or_default()),
        consent_explained: Set(input.consent_explained.unwrap_or_default()),
        would_return: Set(input.would_return.unwrap_or_default()),
        comment: Set((!comment.is_empty()).then(|| comment.to_owned())),
        comment_status: Set(if comment.is_empty() {
            "none"
        } else {
            "pending"
        }
        .to_owned()),
        initials: Set(initials(v.name.as_deref().unwrap_or_default())),
        reply: Set(None),
        replied_at: Set(None),
        flag: Set(flag.map(str::to_owned)),
        address_key: Set(address_key.to_owned()),
        created_at: Set(now),
    })
    .exec_with_returning(&txn)
    .await?;
    txn.commit().await?;
    Ok(inserted)
}

/// Deletes the report of the link's visit.
pub async fn delete(db: &DatabaseConnection, opened: &Opened) -> Result<(), VisitError> {
    if opened.purpose != Purpose::Report {
        return Err(VisitError::NotFound);
    }
    let done = visit_report::Entity::delete_many()
        .filter(visit_report::Column::VisitId.eq(opened.visit.id))
        .exec(db)
        .await?;
    if done.rows_affected == 0 {
        return Err(VisitError::Gone(crate::i18n::text(
            crate::i18n::Lang::current(),
            "report-err-none",
        )));
    }
    Ok(())
}

/// Sends the admins a private report that something went wrong at the link's visit.
pub async fn report_safety(
    db: &DatabaseConnection,
    opened: &Opened,
    what: &str,
    now: DateTime<Utc>,
) -> Result<(), VisitError> {
    if opened.purpose != Purpose::Report {
        return Err(VisitError::NotFound);
    }
    let what = what.trim();
    if what.is_empty()
        || what.chars().count() > MAX_TEXT
        || what
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        let mut errors = FieldErrors::new();
        errors.insert(
            "what".into(),
            crate::i18n::text_with(
                crate::i18n::Lang::current(),
                "report-err-what",
                [("max", MAX_TEXT.into())],
            ),
        );
        return Err(VisitError::Invalid(errors));
    }
    if Status::of(&opened.visit) != Status::Accepted || opened.visit.start_at > now {
        return Err(VisitError::Gone(crate::i18n::text(
            crate::i18n::Lang::current(),
            "report-err-not-yet",
        )));
    }
    let txn = crate::db::begin_write(db).await?;
    super::lock(
        &txn,
        super::LockScope::Practitioner,
        opened.visit.practitioner_id,
    )
    .await?;
    let sent = safety_report::Entity::find()
        .filter(safety_report::Column::VisitId.eq(opened.visit.id))
        .count(&txn)
        .await?;
    if sent >= SAFETY_PER_VISIT {
        return Err(VisitError::Gone(format!(
            "{SAFETY_PER_VISIT} reports about this visit have reached our admins already. They will get in touch if you left a way to reach you; the state board takes complaints too."
        )));
    }
    safety_report::Entity::insert(safety_report::ActiveModel {
        id: NotSet,
        visit_id: Set(opened.visit.id),
        practitioner_id: Set(opened.visit.practitioner_id),
        what: Set(what.to_owned()),
        status: Set("open".to_owned()),
        handled_by: Set(None),
        handled_at: Set(None),
        created_at: Set(now),
    })
    .exec(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// One region's client-reported outcome.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RegionOutcome {
    /// The region slug.
    pub region: String,
    /// Reports counted.
    pub count: usize,
    /// The median of pain before minus pain now.
    pub median_change: f64,
    /// The share who would go back, 0–100.
    pub would_return_percent: u32,
}

/// The regions with at least [`MIN_REPORTS`] counted reports, most reports first.
pub async fn outcomes(
    db: &impl ConnectionTrait,
    practitioner_id: i64,
) -> Result<Vec<RegionOutcome>, DbErr> {
    let rows = visit_report::Entity::find()
        .filter(visit_report::Column::PractitionerId.eq(practitioner_id))
        .filter(visit_report::Column::Flag.is_null())
        .all(db)
        .await?;
    let mut by_region: BTreeMap<String, Vec<&visit_report::Model>> = BTreeMap::new();
    for row in &rows {
        by_region.entry(row.region.clone()).or_default().push(row);
    }
    let mut out: Vec<RegionOutcome> = by_region
        .into_iter()
        .filter(|(_, rows)| rows.len() >= MIN_REPORTS)
        .map(|(region, rows)| {
            let mut changes: Vec<i32> = rows.iter().map(|r| r.pain_before - r.pain_now).collect();
            changes.sort_unstable();
            let n = changes.len();
            let median_change = if n % 2 == 1 {
                f64::from(changes[n / 2])
            } else {
                f64::from(changes[n / 2 - 1] + changes[n / 2]) / 2.0
            };
            let back = rows.iter().filter(|r| r.would_return).count();
            RegionOutcome {
                region,
                count: n,
                median_change,
                would_return_percent: u32::try_from(back * 100 / n).unwrap_or(100),
            }
        })
        .collect();
    out.sort_by_key(|o| std::cmp::Reverse(o.count));
    Ok(out)
}

/// Approved comments, newest first.
pub async fn comments(
    db: &impl ConnectionTrait,
    practitioner_id: i64,
) -> Result<Vec<visit_report::Model>, DbErr> {
    visit_report::Entity::find()
        .filter(visit_report::Column::PractitionerId.eq(practitioner_id))
        .filter(visit_report::Column::CommentStatus.eq("approved"))
        .order_by_desc(visit_report::Column::Id)
        .all(db)
        .await
}

/// The practitioner answers an approved comment, once, publicly.
pub async fn reply(
    db: &DatabaseConnection,
    practitioner_id: i64,
    report_id: i64,
    text: &str,
    now: DateTime<Utc>,
) -> Result<(), VisitError> {
    let text = text.trim();
    if text.is_empty()
        || text.chars().count() > MAX_COMMENT
        || text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        let mut errors = FieldErrors::new();
        errors.insert(
            "reply".into(),
            crate::i18n::text_with(
                crate::i18n::Lang::current(),
                "report-err-reply",
                [("max", MAX_COMMENT.into())],
            ),
        );
        return Err(VisitError::Invalid(errors));
    }
    let done = visit_report::Entity::update_many()
        .col_expr(visit_report::Column::Reply, Expr::value(text))
        .col_expr(visit_report::Column::RepliedAt, Expr::value(now))
        .filter(visit_report::Column::Id.eq(report_id))
        .filter(visit_report::Column::PractitionerId.eq(practitioner_id))
        .filter(visit_report::Column::CommentStatus.eq("approved"))
        .filter(visit_report::Column::Reply.is_null())
        .exec(db)
        .await?;
    if done.rows_affected == 1 {
        Ok(())
    } else {
        Err(VisitError::Gone(crate::i18n::text(
            crate::i18n::Lang::current(),
            "report-err-answered",
        )))
    }
}

/// What the admins' queue holds: comments waiting, flagged reports, open safety reports.
#[derive(Debug, Default)]
pub struct Queue {
    /// Reports whose comment waits for a decision.
    pub comments: Vec<visit_report::Model>,
    /// Reports kept out of the counts.
    pub flagged: Vec<visit_report::Model>,
    /// Safety reports not yet resolved.
    pub safety: Vec<safety_report::Model>,
}

/// The admins' queue, oldest first.
pub async fn queue(db: &impl ConnectionTrait) -> Result<Queue, DbErr> {
    Ok(Queue {
        comments: visit_report::Entity::find()
            .filter(visit_report::Column::CommentStatus.eq("pending"))
            .order_by_asc(visit_report::Column::Id)
            .all(db)
            .await?,
        flagged: visit_report::Entity::find()
            .filter(visit_report::Column::Flag.is_not_null())
            .order_by_asc(visit_report::Column::Id)
            .all(db)
            .await?,
        safety: safety_report::Entity::find()
            .filter(safety_report::Column::Status.eq("open"))
            .order_by_asc(safety_report::Column::Id)
            .all(db)
            .await?,
    })
}

/// An admin's decision on the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Show the comment.
    Approve,
    /// Never show the comment.
    Reject,
    /// Count a flagged report after all.
    Count,
    /// Close a safety report.
    Resolve,
}

/// Applies a decision and records it in the audit log, in one transaction.
pub async fn decide(
    db: &DatabaseConnection,
    actor: i64,
    id: i64,
    decision: Decision,
    now: DateTime<Utc>,
) -> Result<(), VisitError> {
    let txn = crate::db::begin_write(db).await?;
    let (kind, action, before, after, changed) = match decision {
        Decision::Approve | Decision::Reject => {
            let status = if decision == Decision::Approve {
                "approved"
            } else {
                "rejected"
            };
            let done = visit_report::Entity::update_many()
                .col_expr(visit_report::Column::CommentStatus, Expr::value(status))
                .filter(visit_report::Column::Id.eq(id))
                .filter(visit_report::Column::CommentStatus.eq("pending"))
                .exec(&txn)
                .await?;
            let action = if decision == Decision::Approve {
                "comment.approve"
            } else {
                "comment.reject"
            };
            (
                "visit_report",
                action,
                json!({"comment_status": "pending"}),
                json!({"comment_status": status}),
                done.rows_affected,
            )
        }
        Decision::Count => {
            let row = visit_report::Entity::find_by_id(id).one(&txn).await?;
            let done = visit_report::Entity::update_many()
                .col_expr(
                    visit_report::Column::Flag,
                    Expr::value(Option::<String>::None),
                )
                .filter(visit_report::Column::Id.eq(id))
                .filter(visit_report::Column::Flag.is_not_null())
                .exec(&txn)
                .await?;
            (
                "visit_report",
                "client_report.count",
                json!({"flag": row.and_then(|r| r.flag)}),
                json!({"flag": null}),
                done.rows_affected,
            )
        }
        Decision::Resolve => {
            let done = safety_report::Entity::update_many()
                .col_expr(safety_report::Column::Status, Expr::value("resolved"))
                .col_expr(safety_report::Column::HandledBy, Expr::value(actor))
                .col_expr(safety_report::Column::HandledAt, Expr::value(now))
                .filter(safety_report::Column::Id.eq(id))
                .filter(safety_report::Column::Status.eq("open"))
                .exec(&txn)
                .await?;
            (
                "safety_report",
                "safety_report.resolve",
                json!({"status": "open"}),
                json!({"status": "resolved"}),
                done.rows_affected,
            )
        }
    };
    if changed != 1 {
        return Err(VisitError::Gone(crate::i18n::text(
            crate::i18n::Lang::current(),
            "report-err-decided",
        )));
    }
    audit::record(
        &txn,
        Some(actor),
        action,
        Subject {
            kind,
            id: &id.to_string(),
        },
        Some(before),
        Some(after),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_show_no_more_than_two_letters() {
        assert_eq!(initials("Bo Li"), "B. L.");
        assert_eq!(initials("ana maría de la cruz"), "A. C.");
        assert_eq!(initials("Ñandú"), "Ñ.");
        assert_eq!(initials("  "), "");
        assert_eq!(initials("(Jo) Park"), "J. P.");
    }
}
