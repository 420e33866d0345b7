//! Public records: what the open-data exports (FHIR, HSDS, the bulk downloads and the
//! profile page's JSON-LD) publish of a listing. Only published, unsuspended listings
//! are read, and only what the public profile page shows: never an account's email, a
//! draft, a rejected licence or anything a person told the questionnaire.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, Func, LikeExpr},
};

use super::{CHUNK, effective_status, publicly_listed};
use crate::{
    entities::{jurisdiction, licence, modality, practitioner, practitioner_modality},
    policy,
};

/// One licence or board certification as published.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicLicence {
    /// Row id (stable; identifies the qualification).
    pub id: i64,
    /// Jurisdiction code, e.g. `TX`.
    pub jurisdiction: String,
    /// The jurisdiction's name, e.g. `Texas`.
    pub jurisdiction_name: Option<String>,
    /// The board that issues it.
    pub board_name: Option<String>,
    /// The board's own look-up page.
    pub lookup_url: Option<String>,
    /// Number as issued.
    pub number: String,
    /// `state_licence` or `board_certification`.
    pub kind: String,
    /// Status today: `verified`, `pending` or `expired`.
    pub status: String,
    /// Expiry date.
    pub expires_on: Option<NaiveDate>,
    /// When it was verified, while it is verified.
    pub verified_on: Option<NaiveDate>,
    /// How it was verified (`roster`, `document`, …), while it is verified.
    pub verification_method: Option<String>,
}

/// One published listing.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicRecord {
    /// Database id: every exported resource of the listing is named by it.
    pub id: i64,
    /// Profile slug (`/p/{slug}`).
    pub slug: String,
    /// Name shown.
    pub display_name: String,
    /// Practice or clinic name.
    pub practice_name: Option<String>,
    /// About the practice.
    pub bio: String,
    /// Public phone.
    pub phone: Option<String>,
    /// Public email (the one shown on the profile, never the account's).
    pub email: Option<String>,
    /// Website.
    pub website: Option<String>,
    /// Street address, only where the practitioner publishes it (not home-based).
    pub address_line: Option<String>,
    /// City.
    pub city: String,
    /// State or region code.
    pub region: String,
    /// Postal code, if given.
    pub postal_code: Option<String>,
    /// Country code (ISO 3166 alpha-2).
    pub country: String,
    /// The public location: the address, or the city's centre for home-based work.
    pub position: Option<(f64, f64)>,
    /// `clinic`, `home_based`, `mobile`, `spa`.
    pub practice_type: String,
    /// Language codes (BCP 47).
    pub languages: Vec<String>,
    /// Accessibility feature slugs (`policy::ACCESSIBILITY`).
    pub accessibility: Vec<String>,
    /// Accepting new clients, while the answer is current; `None` when unanswered or lapsed.
    pub accepting: Option<bool>,
    /// Modality slugs, in display order (read with [`Detail::Full`]).
    pub modalities: Vec<String>,
    /// Licences, verified first; rejected ones are left out (read with [`Detail::Full`]).
    pub licences: Vec<PublicLicence>,
    /// Hours in the training ledger.
    pub training_hours: i32,
    /// Prices per session length, shortest first.
    pub prices: Vec<crate::practitioners::payment::Price>,
    /// The prices' currency (ISO 4217).
    pub currency: String,
    /// Ways to pay (`policy::PAYMENT_OPTIONS` codes).
    pub payment: Vec<String>,
    /// National Provider Identifier.
    pub npi: Option<String>,
    /// A generated demo listing.
    pub is_demo: bool,
    /// The last change to anything published here.
    pub updated_at: DateTime<Utc>,
}

impl PublicRecord {
    /// The practice's name: its own, or the practitioner's for a solo practice.
    pub fn practice_name(&self) -> &str {
        self.practice_name.as_deref().unwrap_or(&self.display_name)
    }
}

/// How much of each record to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Detail {
    /// The listing's row alone: names, contact, address, position, languages,
    /// accessibility, availability. `modalities` and `licences` are left empty. One
    /// query a page.
    Listing,
    /// The row, its modalities and its licences: three queries a page.
    Full,
}

/// How a time is compared in a `changed` filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// At or after.
    From,
    /// Strictly after.
    After,
    /// At or before.
    Until,
    /// Strictly before.
    Before,
}

/// Which listings a page of records holds. Every field narrows; the default is every
/// public listing. Text is only ever bound as a parameter, never spliced into SQL.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecordFilter {
    /// Only these ids.
    pub ids: Option<Vec<i64>>,
    /// Bounds on the last change.
    pub changed: Vec<(Bound, DateTime<Utc>)>,
    /// Words that must each begin a word of the name shown.
    pub name: Vec<String>,
    /// Words that must each begin a word of the practice's name (the name shown when
    /// there is none).
    pub practice: Vec<String>,
    /// Words that must each begin a word of the name, practice or city.
    pub text: Vec<String>,
    /// Words that must each begin a word of the published address (street where
    /// published, city, state or postal code).
    pub address: Vec<String>,
    /// The city starts with this (case-insensitive).
    pub city: Option<String>,
    /// State or region code, case-insensitive.
    pub region: Option<String>,
    /// The postal code starts with this.
    pub postal_code: Option<String>,
    /// Matches nothing: the search named something no listing has (an endpoint, a
    /// network, a value of a code no listing carries).
    pub nothing: bool,
    /// Offers this modality (slug).
    pub modality: Option<String>,
    /// Speaks this language (a `policy::SPOKEN_LANGUAGES` code).
    pub language: Option<String>,
}

/// Most words the text filters of one search hold together: each is two `LIKE`s, so
/// a search of a thousand words would be thousands of conditions.
pub const MAX_WORDS: usize = 8;
/// The longest word a text filter takes, in characters.
pub const MAX_WORD_CHARS: usize = 50;

/// Which text a filter's words must each begin a word of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Words {
    /// The name shown.
    Name,
    /// The practice's name.
    Practice,
    /// Name, practice or city.
    Text,
    /// The published address.
    Address,
}

impl RecordFilter {
    /// Adds the words of `text` to the `target` filter, or says in words why not: more
    /// than [`MAX_WORDS`] in all, or a word longer than [`MAX_WORD_CHARS`].
    pub fn add_words(&mut self, target: Words, text: &str) -> Result<(), String> {
        let words: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
        let held = self.name.len() + self.practice.len() + self.text.len() + self.address.len();
        if held + words.len() > MAX_WORDS
            || words.iter().any(|w| w.chars().count() > MAX_WORD_CHARS)
        {
            return Err(crate::i18n::text_with(
                crate::i18n::Lang::current(),
                "search-too-many-words",
                [
                    ("words", MAX_WORDS.into()),
                    ("chars", MAX_WORD_CHARS.into()),
                ],
            ));
        }
        match target {
            Words::Name => &mut self.name,
            Words::Practice => &mut self.practice,
            Words::Text => &mut self.text,
            Words::Address => &mut self.address,
        }
        .extend(words);
        Ok(())
    }

    fn condition(&self) -> Condition {
        let mut all = publicly_listed();
        if let Some(ids) = &self.ids {
            // Lists come from query strings and are bounded by their callers.
            all = all.add(practitioner::Column::Id.is_in(ids.clone()));
        }
        for (bound, at) in &self.changed {
            let column = practitioner::Column::UpdatedAt;
            all = all.add(match bound {
                Bound::From => column.gte(*at),
                Bound::After => column.gt(*at),
                Bound::Until => column.lte(*at),
                Bound::Before => column.lt(*at),
            });
        }
        for word in &self.name {
            all = all.add(word_start(practitioner::Column::DisplayName, word));
        }
        for word in &self.practice {
            all = all.add(
                Condition::any()
                    .add(word_start(practitioner::Column::PracticeName, word))
                    .add(
                        Condition::all()
                            .add(practitioner::Column::PracticeName.is_null())
                            .add(word_start(practitioner::Column::DisplayName, word)),
                    ),
            );
        }
        for word in &self.text {
            all = all.add(
                Condition::any()
                    .add(word_start(practitioner::Column::DisplayName, word))
                    .add(word_start(practitioner::Column::PracticeName, word))
                    .add(word_start(practitioner::Column::City, word)),
            );
        }
        for word in &self.address {
            let mut any = Condition::any()
                .add(word_start(practitioner::Column::City, word))
                .add(practitioner::Column::RegionCode.eq(word.to_uppercase()))
                .add(starts_with(practitioner::Column::PostalCode, word));
            any = any.add(
                Condition::all()
                    .add(practitioner::Column::LocationPrecision.eq("address"))
                    .add(word_start(practitioner::Column::AddressLine, word)),
            );
            all = all.add(any);
        }
        if let Some(city) = &self.city {
            all = all.add(starts_with(practitioner::Column::City, city));
        }
        if let Some(region) = &self.region {
            all = all.add(practitioner::Column::RegionCode.eq(region.to_uppercase()));
        }
        if let Some(postal_code) = &self.postal_code {
            all = all.add(starts_with(practitioner::Column::PostalCode, postal_code));
        }
        if self.nothing {
            all = all.add(Expr::val(1).eq(0));
        }
        if let Some(code) = &self.language {
            // The column holds codes separated by commas; a code is two letters, so
            // none of LIKE's wildcards can be in it.
            let column = practitioner::Column::Languages;
            all = all.add(
                Condition::any()
                    .add(column.eq(code.as_str()))
                    .add(column.like(format!("{code},%")))
                    .add(column.like(format!("%,{code}")))
                    .add(column.like(format!("%,{code},%"))),
            );
        }
        if let Some(slug) = &self.modality {
            all = all.add(
                practitioner::Column::Id.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(practitioner_modality::Column::PractitionerId)
                        .from(practitioner_modality::Entity)
                        .inner_join(
                            modality::Entity,
                            Expr::col((modality::Entity, modality::Column::Id)).equals((
                                practitioner_modality::Entity,
                                practitioner_modality::Column::ModalityId,
                            )),
                        )
                        .and_where(Expr::col((modality::Entity, modality::Column::Slug)).eq(slug))
                        .to_owned(),
                ),
            );
        }
        all
    }
}

/// `text` lower-cased, with `%`, `_` and `\` escaped so that in a LIKE pattern they
/// match themselves.
fn like_escaped(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect()
}

fn lower_like(column: practitioner::Column, pattern: String) -> Condition {
    Condition::all()
        .add(Expr::expr(Func::lower(Expr::col(column))).like(LikeExpr::new(pattern).escape('\\')))
}

/// `column` starts with `text` (case-insensitive).
fn starts_with(column: practitioner::Column, text: &str) -> Condition {
    lower_like(column, format!("{}%", like_escaped(text)))
}

/// `column` has a word starting with `word` (case-insensitive): the value starts with
/// it, or it follows a space.
fn word_start(column: practitioner::Column, word: &str) -> Condition {
    let escaped = like_escaped(word);
    Condition::any()
        .add(lower_like(column, format!("{escaped}%")))
        .add(lower_like(column, format!("% {escaped}%")))
}

/// Up to `limit` records after id `after` in id order that `filter` admits: a keyset
/// page, as cheap at the millionth record as at the first.
pub async fn page_after(
    db: &impl ConnectionTrait,
    filter: &RecordFilter,
    after: i64,
    limit: u64,
    detail: Detail,
    now: DateTime<Utc>,
) -> Result<Vec<PublicRecord>, DbErr> {
    let rows = practitioner::Entity::find()
        .filter(filter.condition())
        .filter(practitioner::Column::Id.gt(after))
        .order_by_asc(practitioner::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    complete(db, rows, detail, now).await
}

/// Page `page` (from 0) of `per_page` records in id order that `filter` admits.
pub async fn page_at(
    db: &impl ConnectionTrait,
    filter: &RecordFilter,
    page: u64,
    per_page: u64,
    detail: Detail,
    now: DateTime<Utc>,
) -> Result<Vec<PublicRecord>, DbErr> {
    let rows = practitioner::Entity::find()
        .filter(filter.condition())
        .order_by_asc(practitioner::Column::Id)
        .offset(page.saturating_mul(per_page))
        .limit(per_page)
        .all(db)
        .await?;
    complete(db, rows, detail, now).await
}

/// How many public listings `filter` admits.
pub async fn count(db: &impl ConnectionTrait, filter: &RecordFilter) -> Result<u64, DbErr> {
    practitioner::Entity::find()
        .filter(filter.condition())
        .count(db)
        .await
}

/// The public records of `ids`, in the order given; ids that are not public are left out.
pub async fn by_ids(
    db: &impl ConnectionTrait,
    ids: &[i64],
    detail: Detail,
    now: DateTime<Utc>,
) -> Result<Vec<PublicRecord>, DbErr> {
    let mut rows = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        rows.extend(
            practitioner::Entity::find()
                .filter(publicly_listed())
                .filter(practitioner::Column::Id.is_in(chunk.to_vec()))
                .all(db)
                .await?,
        );
    }
    let mut records: HashMap<i64, PublicRecord> = complete(db, rows, detail, now)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    Ok(ids.iter().filter_map(|id| records.remove(id)).collect())
}

/// Public records from practitioner rows; with [`Detail::Full`], their modalities and
/// licences too (two queries per 500 rows, and the two reference tables).
async fn complete(
    db: &impl ConnectionTrait,
    rows: Vec<practitioner::Model>,
    detail: Detail,
    now: DateTime<Utc>,
) -> Result<Vec<PublicRecord>, DbErr> {
    if detail == Detail::Listing {
        return Ok(rows
            .into_iter()
            .map(|p| record(p, Vec::new(), Vec::new(), now))
            .collect());
    }
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let modalities: HashMap<i32, (i32, String)> = modality::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, (m.sort_order, m.slug)))
        .collect();
    let jurisdictions: HashMap<String, jurisdiction::Model> = jurisdiction::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|j| (j.code.clone(), j))
        .collect();
    let mut offered: HashMap<i64, Vec<(i32, String)>> = HashMap::new();
    let mut licences: HashMap<i64, Vec<licence::Model>> = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        for link in practitioner_modality::Entity::find()
            .filter(practitioner_modality::Column::PractitionerId.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            if let Some(m) = modalities.get(&link.modality_id) {
                offered
                    .entry(link.practitioner_id)
                    .or_default()
                    .push(m.clone());
            }
        }
        for l in licence::Entity::find()
            .filter(licence::Column::PractitionerId.is_in(chunk.to_vec()))
            .filter(licence::Column::Status.ne("rejected"))
            .order_by_asc(licence::Column::Id)
            .all(db)
            .await?
        {
            licences.entry(l.practitioner_id).or_default().push(l);
        }
    }
    let today = now.date_naive();
    Ok(rows
        .into_iter()
        .map(|p| {
            let mut slugs = offered.remove(&p.id).unwrap_or_default();
            slugs.sort();
            let mut published: Vec<PublicLicence> = licences
                .remove(&p.id)
                .unwrap_or_default()
                .into_iter()
                .map(|l| publish_licence(l, &jurisdictions, today))
                .collect();
            published.sort_by_key(|l| l.status != "verified");
            record(p, slugs, published, now)
        })
        .collect())
}

fn publish_licence(
    l: licence::Model,
    jurisdictions: &HashMap<String, jurisdiction::Model>,
    today: NaiveDate,
) -> PublicLicence {
    let status = effective_status(&l, today).to_owned();
    let verified = status == "verified";
    let board = jurisdictions.get(&l.jurisdiction);
    PublicLicence {
        id: l.id,
        jurisdiction_name: board.map(|j| j.name.clone()),
        board_name: board.and_then(|j| j.board_name.clone()),
        lookup_url: board.and_then(|j| j.lookup_url.clone()),
        jurisdiction: l.jurisdiction,
        number: l.number,
        kind: l.kind,
        expires_on: l.expires_on,
        verified_on: verified
            .then(|| l.verified_at.map(|t| t.date_naive()))
            .flatten(),
        verification_method: verified.then_some(l.verification_method).flatten(),
        status,
    }
}

fn record(
    p: practitioner::Model,
    modalities: Vec<(i32, String)>,
    licences: Vec<PublicLicence>,
    now: DateTime<Utc>,
) -> PublicRecord {
    let list = |s: &str| -> Vec<String> {
        s.split(',')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect()
    };
    PublicRecord {
        id: p.id,
        accepting: policy::current_availability(
            p.accepting_new_clients,
            p.accepting_confirmed_at,
            now,
        ),
        address_line: (p.location_precision == "address")
            .then_some(p.address_line)
            .flatten(),
        position: p.lat.zip(p.lng),
        languages: list(&p.languages),
        accessibility: list(&p.accessibility),
        prices: crate::practitioners::payment::read(&p.prices),
        payment: list(&p.payment),
        currency: p.currency,
        npi: p.npi,
        modalities: modalities.into_iter().map(|(_, slug)| slug).collect(),
        licences,
        slug: p.slug,
        display_name: p.display_name,
        practice_name: p.practice_name,
        bio: p.bio,
        phone: p.phone,
        email: p.public_email,
        website: p.website,
        city: p.city,
        region: p.region_code,
        postal_code: p.postal_code,
        country: p.country,
        practice_type: p.practice_type,
        training_hours: p.training_hours,
        is_demo: p.is_demo,
        updated_at: p.updated_at,
    }
}
