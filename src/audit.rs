//! The append-only audit log. This module can add entries and read them; no code path
//! deletes one, and the only edit is [`pseudonymise`], which erases a departed
//! person's values from an entry's before and after and leaves its decision.

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde_json::Value;

use crate::entities::{audit_log, user};

/// Who did it and to what.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    /// `licence`, `practitioner`, `report`, `roster`, `user`.
    pub kind: &'a str,
    /// The subject's id.
    pub id: &'a str,
}

/// Appends one entry.
pub async fn record(
    db: &impl ConnectionTrait,
    actor: Option<i64>,
    action: &str,
    subject: Subject<'_>,
    before: Option<Value>,
    after: Option<Value>,
) -> Result<(), DbErr> {
    audit_log::Entity::insert(audit_log::ActiveModel {
        id: NotSet,
        actor_user_id: Set(actor),
        action: Set(action.to_owned()),
        subject_type: Set(subject.kind.to_owned()),
        subject_id: Set(subject.id.to_owned()),
        before: Set(before.map(|v| v.to_string())),
        after: Set(after.map(|v| v.to_string())),
        created_at: Set(Utc::now()),
    })
    .exec(db)
    .await?;
    Ok(())
}

/// Replaces entry `id`'s before and after with `before` and `after`, which the caller
/// made from them by erasing a deleted account's personal values
/// (`accounts::leaving`). The action, subject, actor and time stay.
pub async fn pseudonymise(
    db: &impl ConnectionTrait,
    id: i64,
    before: Option<Value>,
    after: Option<Value>,
) -> Result<(), DbErr> {
    audit_log::Entity::update_many()
        .col_expr(
            audit_log::Column::Before,
            sea_orm::sea_query::Expr::value(before.map(|v| v.to_string())),
        )
        .col_expr(
            audit_log::Column::After,
            sea_orm::sea_query::Expr::value(after.map(|v| v.to_string())),
        )
        .filter(audit_log::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Filters of the audit page; empty means any.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Actor's email.
    pub actor: String,
    /// `kind` or `kind:id`.
    pub subject: String,
    /// Action name, e.g. `licence.approve`.
    pub action: String,
}

/// Entries matching the filter, newest first, with the actor's email.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &Filter,
    limit: u64,
) -> Result<Vec<(audit_log::Model, Option<String>)>, DbErr> {
    let mut query = audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .limit(limit);
    if !filter.action.trim().is_empty() {
        query = query.filter(audit_log::Column::Action.eq(filter.action.trim()));
    }
    let subject = filter.subject.trim();
    if !subject.is_empty() {
        match subject.split_once(':') {
            Some((kind, id)) => {
                query = query
                    .filter(audit_log::Column::SubjectType.eq(kind))
                    .filter(audit_log::Column::SubjectId.eq(id));
            }
            None => query = query.filter(audit_log::Column::SubjectType.eq(subject)),
        }
    }
    if !filter.actor.trim().is_empty() {
        let actor = user::Entity::find()
            .filter(user::Column::Email.eq(filter.actor.trim().to_lowercase()))
            .one(db)
            .await?;
        match actor {
            Some(a) => query = query.filter(audit_log::Column::ActorUserId.eq(a.id)),
            None => return Ok(Vec::new()),
        }
    }
    let rows = query.all(db).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let email = match row.actor_user_id {
            Some(id) => user::Entity::find_by_id(id).one(db).await?.map(|u| u.email),
            None => None,
        };
        out.push((row, email));
    }
    Ok(out)
}
