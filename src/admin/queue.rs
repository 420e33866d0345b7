//! The verification queue: pending licences and those flagged for review, oldest
//! first, a page at a time, narrowed by state, kind, and whether the number is on the
//! state's latest roster.

use std::collections::{HashMap, HashSet};

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::roster::{self, Mapping};
use crate::entities::{jurisdiction, licence, practitioner, roster_entry};

/// Items on one page of the queue.
pub const PAGE_SIZE: usize = 50;

/// One item of the verification queue.
#[derive(Debug, Clone)]
pub struct QueueItem {
    /// The licence.
    pub licence: licence::Model,
    /// Its practitioner.
    pub practitioner: practitioner::Model,
    /// The jurisdiction and its board.
    pub jurisdiction: Option<jurisdiction::Model>,
    /// The practitioner's other licences (history).
    pub others: Vec<licence::Model>,
    /// The latest roster row with the same number, if any.
    pub roster_row: Option<roster_entry::Model>,
}

/// What the queue can be narrowed to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueFilter {
    /// One jurisdiction's code.
    pub jurisdiction: Option<String>,
    /// One kind of licence.
    pub kind: Option<String>,
    /// Only numbers on (true) or not on (false) their state's latest roster.
    pub on_roster: Option<bool>,
}

/// One page of the queue.
#[derive(Debug, Clone)]
pub struct QueuePage {
    /// The items, oldest first.
    pub items: Vec<QueueItem>,
    /// Items in the whole filtered queue.
    pub total: usize,
    /// This page, from 1 (a page past the end shows the last one).
    pub page: usize,
    /// Pages in the filtered queue (at least 1).
    pub pages: usize,
}

fn waiting() -> Condition {
    Condition::any()
        .add(licence::Column::Status.eq("pending"))
        .add(licence::Column::NeedsReview.eq(true))
}

/// How many items wait in the whole queue.
pub async fn count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    licence::Entity::find().filter(waiting()).count(db).await
}

/// The whole queue, oldest first.
pub async fn queue(db: &impl ConnectionTrait) -> Result<Vec<QueueItem>, DbErr> {
    let rows = licence::Entity::find()
        .filter(waiting())
        .order_by_asc(licence::Column::CreatedAt)
        .order_by_asc(licence::Column::Id)
        .all(db)
        .await?;
    items_of(db, rows).await
}

/// Page `page` (from 1) of the queue narrowed by `filter`.
pub async fn page(
    db: &impl ConnectionTrait,
    filter: &QueueFilter,
    page: usize,
) -> Result<QueuePage, DbErr> {
    let mut query = licence::Entity::find().filter(waiting());
    if let Some(code) = &filter.jurisdiction {
        query = query.filter(licence::Column::Jurisdiction.eq(code));
    }
    if let Some(kind) = &filter.kind {
        query = query.filter(licence::Column::Kind.eq(kind));
    }
    let mut keys: Vec<(i64, String, String)> = query
        .select_only()
        .columns([
            licence::Column::Id,
            licence::Column::Jurisdiction,
            licence::Column::Number,
        ])
        .order_by_asc(licence::Column::CreatedAt)
        .order_by_asc(licence::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    if let Some(wanted) = filter.on_roster {
        let on = on_roster(db, &keys).await?;
        keys.retain(|(id, _, _)| on.contains(id) == wanted);
    }
    let total = keys.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    let ids: Vec<i64> = keys
        .iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|(id, _, _)| *id)
        .collect();
    let rows = licence::Entity::find()
        .filter(licence::Column::Id.is_in(ids))
        .order_by_asc(licence::Column::CreatedAt)
        .order_by_asc(licence::Column::Id)
        .all(db)
        .await?;
    Ok(QueuePage {
        items: items_of(db, rows).await?,
        total,
        page,
        pages,
    })
}

/// The numbers a licence may appear as on its state's roster: as the board's layout
/// compares numbers, or as a one-off import with the generic layout stored them.
fn candidates(mapping: Option<&Mapping>, number: &str) -> [String; 2] {
    [
        mapping
            .map(|m| m.normalise_number(number))
            .unwrap_or_default(),
        Mapping::default().normalise_number(number),
    ]
}

async fn mappings_for<'a>(
    db: &impl ConnectionTrait,
    codes: impl Iterator<Item = &'a str>,
) -> Result<HashMap<String, Mapping>, DbErr> {
    let mut out = HashMap::new();
    for code in codes {
        if !out.contains_key(code) {
            out.insert(code.to_owned(), roster::mapping_for(db, code).await?);
        }
    }
    Ok(out)
}

/// The ids among `keys` whose numbers are on their state's latest roster, asked a
/// few hundred numbers at a time.
async fn on_roster(
    db: &impl ConnectionTrait,
    keys: &[(i64, String, String)],
) -> Result<HashSet<i64>, DbErr> {
    let mappings = mappings_for(db, keys.iter().map(|(_, j, _)| j.as_str())).await?;
    let mut by_state: HashMap<&str, Vec<(i64, [String; 2])>> = HashMap::new();
    for (id, code, number) in keys {
        by_state
            .entry(code.as_str())
            .or_default()
            .push((*id, candidates(mappings.get(code), number)));
    }
    let mut on = HashSet::new();
    for (code, wanted) in by_state {
        for chunk in wanted.chunks(250) {
            let numbers: Vec<&str> = chunk
                .iter()
                .flat_map(|(_, c)| c.iter().map(String::as_str))
                .filter(|n| !n.is_empty())
                .collect();
            let found: HashSet<String> = roster_entry::Entity::find()
                .select_only()
                .column(roster_entry::Column::Number)
                .filter(roster_entry::Column::Jurisdiction.eq(code))
                .filter(roster_entry::Column::Number.is_in(numbers))
                .into_tuple::<String>()
                .all(db)
                .await?
                .into_iter()
                .collect();
            on.extend(
                chunk
                    .iter()
                    .filter(|(_, c)| c.iter().any(|n| found.contains(n)))
                    .map(|(id, _)| *id),
            );
        }
    }
    Ok(on)
}

/// The queue items of `rows`, in their order.
async fn items_of(
    db: &impl ConnectionTrait,
    rows: Vec<licence::Model>,
) -> Result<Vec<QueueItem>, DbErr> {
    let mappings = mappings_for(db, rows.iter().map(|l| l.jurisdiction.as_str())).await?;
    let mut items = Vec::new();
    for l in rows {
        let numbers = candidates(mappings.get(&l.jurisdiction), &l.number);
        let Some(p) = practitioner::Entity::find_by_id(l.practitioner_id)
            .one(db)
            .await?
        else {
            continue;
        };
        let others = licence::Entity::find()
            .filter(licence::Column::PractitionerId.eq(p.id))
            .filter(licence::Column::Id.ne(l.id))
            .all(db)
            .await?;
        let roster_row = roster_entry::Entity::find()
            .filter(roster_entry::Column::Jurisdiction.eq(&l.jurisdiction))
            .filter(roster_entry::Column::Number.is_in(numbers))
            .order_by_desc(roster_entry::Column::Id)
            .one(db)
            .await?;
        items.push(QueueItem {
            jurisdiction: jurisdiction::Entity::find_by_id(l.jurisdiction.clone())
                .one(db)
                .await?,
            licence: l,
            practitioner: p,
            others,
            roster_row,
        });
    }
    Ok(items)
}
