//! State roster import: a licensee list (CSV) is read through the jurisdiction's saved
//! column mapping, then matched against the licences people claim. Import is one
//! transaction: a file that cannot be parsed or mapped applies nothing.

use std::{
    collections::{HashMap, HashSet},
    io::Read,
};

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, NotSet, QueryFilter, QuerySelect,
};
use serde::Serialize;
use serde_json::json;

use crate::{
    audit::{self, Subject},
    entities::{jurisdiction, licence, practitioner, roster_entry, roster_import, roster_mapping},
    progress::Progress,
    validation::quoted,
};

pub use crate::reference::RosterMapping as Mapping;

/// How careful an import is. The defaults suit a board's full roster.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImportOptions {
    /// Read and match everything, report what would change, apply nothing.
    pub dry_run: bool,
    /// Apply even when more than `max_missing_share` of the verified licences would be
    /// flagged as missing (a board that really did drop that many).
    pub confirm: bool,
    /// The largest share of rows that may be unreadable before nothing is applied.
    pub max_invalid_share: f64,
    /// The largest share of verified licences a roster may flag as missing without
    /// `confirm`: more usually means a truncated file or another state's.
    pub max_missing_share: f64,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            dry_run: false,
            confirm: false,
            max_invalid_share: 0.02,
            max_missing_share: 0.10,
        }
    }
}

/// Why an import applied nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file is not readable as the mapping describes.
    #[error("line {line}: {reason}")]
    Unreadable {
        /// The line (1 is the header).
        line: u64,
        /// What is wrong.
        reason: String,
    },
    /// The request itself is wrong (unknown jurisdiction, bad mapping).
    #[error("{0}")]
    Invalid(String),
    /// Too many rows could not be read: the mapping or the file is wrong.
    #[error(
        "{invalid} of {rows} rows could not be read (more than the {share_percent}% allowed), so the mapping or the file is wrong; the first: line {first_line}: {first_reason}"
    )]
    TooManyInvalid {
        /// Unreadable rows.
        invalid: usize,
        /// Rows read in all.
        rows: usize,
        /// The share allowed, in percent.
        share_percent: f64,
        /// The first unreadable row's line.
        first_line: u64,
        /// Why it could not be read.
        first_reason: String,
    },
    /// The roster would flag an unusual share of verified licences as missing.
    #[error(
        "this roster would flag {missing} of the {verified} verified licences as missing (more than {share_percent}%): a truncated file or another state's? Nothing was applied; confirm to apply it anyway"
    )]
    NeedsConfirmation {
        /// Verified licences the roster does not list.
        missing: usize,
        /// Verified licences before the import.
        verified: usize,
        /// The share allowed without confirmation, in percent.
        share_percent: f64,
    },
    /// The database failed; nothing was applied.
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// One valid roster row.
#[derive(Debug, Clone)]
struct Row {
    number: String,
    name: String,
    status: String,
    active: bool,
    expires_on: Option<NaiveDate>,
}

/// The import report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportReport {
    /// The import's id.
    pub import_id: i64,
    /// Data rows read.
    pub rows_read: usize,
    /// Rows whose number matches a claimed licence.
    pub matched: usize,
    /// Licences verified by this roster.
    pub verified: usize,
    /// Licences sent to the queue with the roster row beside the claim.
    pub conflicts: usize,
    /// Rows that could not be used, with their line and reason (first 100).
    pub invalid: Vec<(u64, String)>,
    /// Count of invalid rows.
    pub invalid_count: usize,
    /// Verified licences missing from this roster, flagged for review.
    pub missing: usize,
    /// Rows of other professions, left out by the jurisdiction's filter.
    pub other_professions: usize,
    /// Whether the changes were applied (false for a dry run).
    pub applied: bool,
}

const CREDENTIALS: [&str; 10] = [
    "lmt", "cmt", "lmbt", "rmt", "ms", "mr", "mrs", "dr", "jr", "sr",
];

fn name_tokens(name: &str) -> HashSet<String> {
    name.split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .filter(|t| t.chars().count() > 1 && !CREDENTIALS.contains(&t.as_str()))
        .collect()
}

/// Whether a roster name and a profile name agree: every word of one appears in the
/// other, in any order ("DOE, JANE M" agrees with "Jane Doe").
pub fn names_agree(roster: &str, profile: &str) -> bool {
    let (a, b) = (name_tokens(roster), name_tokens(profile));
    !a.is_empty() && !b.is_empty() && (a.is_subset(&b) || b.is_subset(&a))
}

/// A jurisdiction's mapping: the one an admin saved, else the board's layout shipped
/// in `seed/jurisdictions.toml`, else the generic CSV layout.
pub async fn mapping_for(db: &impl ConnectionTrait, code: &str) -> Result<Mapping, DbErr> {
    let list = |v: &str| -> Vec<String> {
        v.split(',')
            .map(|v| v.trim().to_lowercase())
            .filter(|v| !v.is_empty())
            .collect()
    };
    if let Some(m) = roster_mapping::Entity::find_by_id(code.to_owned())
        .one(db)
        .await?
    {
        return Ok(Mapping {
            has_header: m.has_header,
            number_column: m.number_column,
            name_column: m.name_column,
            status_column: m.status_column,
            expiry_column: m.expiry_column,
            active_values: list(&m.active_values),
            date_format: m.date_format,
            filter_column: m.filter_column,
            filter_values: list(&m.filter_values),
            number_prefix: m.number_prefix,
            drop_leading_zeros: m.drop_leading_zeros,
        });
    }
    Ok(preset(code).unwrap_or_default())
}

/// The board's roster layout shipped in `seed/jurisdictions.toml`, if documented. The
/// file is parsed once per process.
pub fn preset(code: &str) -> Option<Mapping> {
    static PRESETS: std::sync::OnceLock<Vec<(String, Mapping)>> = std::sync::OnceLock::new();
    PRESETS
        .get_or_init(|| {
            crate::reference::Catalogue::built_in()
                .map(|c| {
                    c.jurisdictions
                        .into_iter()
                        .filter_map(|j| Some((j.code, j.roster?)))
                        .collect()
                })
                .unwrap_or_default()
        })
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, m)| m.clone())
}

/// Why a mapping cannot be used, if it cannot.
pub fn check_mapping(mapping: &Mapping) -> Result<(), ImportError> {
    let required = [
        ("licence number", &mapping.number_column),
        ("name", &mapping.name_column),
        ("expiry", &mapping.expiry_column),
    ];
    if let Some((what, _)) = required
        .iter()
        .find(|(_, c)| c.trim().is_empty() || c.len() > 100)
    {
        return Err(ImportError::Invalid(format!(
            "Name the {what} column (its header, or its position such as 2)."
        )));
    }
    if !mapping.status_column.trim().is_empty() && mapping.active_values.is_empty() {
        return Err(ImportError::Invalid(
            "With a status column, list at least one active status value.".into(),
        ));
    }
    if !mapping.filter_column.trim().is_empty() && mapping.filter_values.is_empty() {
        return Err(ImportError::Invalid(
            "With a profession column, list the values that mark massage licences.".into(),
        ));
    }
    if !mapping.has_header {
        let named = [
            &mapping.number_column,
            &mapping.name_column,
            &mapping.status_column,
            &mapping.expiry_column,
            &mapping.filter_column,
        ];
        if let Some(c) = named
            .iter()
            .find(|c| !c.trim().is_empty() && position(c).is_none())
        {
            return Err(ImportError::Invalid(format!(
                "The file has no header row, so name each column by its position (1, 2, …), not `{}`.",
                c.trim()
            )));
        }
    }
    let format = mapping.chrono_date_format();
    let sample = NaiveDate::from_ymd_opt(2026, 1, 31).map(|d| d.format(&format).to_string());
    if sample.is_none_or(|s| NaiveDate::parse_from_str(&s, &format).is_err()) {
        return Err(ImportError::Invalid(
            "The date format does not describe a full date (try MMDDCCYY, MM/DD/YYYY or YYYY-MM-DD)."
                .into(),
        ));
    }
    Ok(())
}

/// A 1-based column position, as written in a mapping.
fn position(column: &str) -> Option<usize> {
    column.trim().parse::<usize>().ok().filter(|p| *p >= 1)
}

/// Saves a jurisdiction's mapping (audit-logged).
pub async fn save_mapping(
    db: &DatabaseConnection,
    actor: i64,
    code: &str,
    mapping: &Mapping,
) -> Result<(), ImportError> {
    if jurisdiction::Entity::find_by_id(code.to_owned())
        .one(db)
        .await?
        .is_none()
    {
        return Err(ImportError::Invalid(format!(
            "There is no jurisdiction {}.",
            quoted(code)
        )));
    }
    check_mapping(mapping)?;
    let before = mapping_for(db, code).await?;
    let txn = crate::db::begin_write(db).await?;
    // Saves of one jurisdiction's mapping (and its imports) take turns.
    jurisdiction::Entity::find_by_id(code.to_owned())
        .lock_exclusive()
        .one(&txn)
        .await?;
    roster_mapping::Entity::delete_by_id(code.to_owned())
        .exec(&txn)
        .await?;
    roster_mapping::ActiveModel {
        jurisdiction: Set(code.to_owned()),
        number_column: Set(mapping.number_column.trim().to_owned()),
        name_column: Set(mapping.name_column.trim().to_owned()),
        status_column: Set(mapping.status_column.trim().to_owned()),
        expiry_column: Set(mapping.expiry_column.trim().to_owned()),
        active_values: Set(mapping.active_values.join(",")),
        date_format: Set(mapping.date_format.trim().to_owned()),
        updated_at: Set(Utc::now()),
        has_header: Set(mapping.has_header),
        filter_column: Set(mapping.filter_column.trim().to_owned()),
        filter_values: Set(mapping.filter_values.join(",")),
        number_prefix: Set(mapping.number_prefix.trim().to_owned()),
        drop_leading_zeros: Set(mapping.drop_leading_zeros),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(actor),
        "roster.mapping",
        Subject {
            kind: "jurisdiction",
            id: code,
        },
        Some(json!(before)),
        Some(json!(mapping)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Rows that could not be used: (line, reason).
type InvalidRows = Vec<(u64, String)>;

/// What parsing found: usable rows, unreadable ones (line, reason), and how many rows
/// the profession filter left out.
struct Parsed {
    rows: Vec<Row>,
    invalid: InvalidRows,
    other_professions: usize,
    /// The first row the profession filter left out: its line and why.
    first_other: Option<(u64, String)>,
}

/// Counts the newlines of what a reader has handed on, so a record's byte offset can be
/// turned into the physical line it starts on. Only bytes not yet counted are kept.
struct LineCounter<R> {
    inner: R,
    seen: std::rc::Rc<std::cell::RefCell<SeenBytes>>,
}

/// The bytes read but not yet counted, and the count so far.
#[derive(Default)]
struct SeenBytes {
    pending: Vec<u8>,
    pending_from: u64,
    newlines: u64,
}

impl SeenBytes {
    /// The 1-based physical line of the byte at `offset` (at or after every earlier call's).
    fn line_at(&mut self, offset: u64) -> u64 {
        let mut upto = usize::try_from(offset.saturating_sub(self.pending_from))
            .unwrap_or(usize::MAX)
            .min(self.pending.len());
        // After a CRLF the reader places the next record at the `\n`: line breaks
        // still ahead of the record's first byte belong to the lines before it.
        while matches!(self.pending.get(upto), Some(b'\r' | b'\n')) {
            upto += 1;
        }
        self.newlines += self.pending[..upto].iter().filter(|b| **b == b'\n').count() as u64;
        self.pending.drain(..upto);
        self.pending_from += upto as u64;
        self.newlines + 1
    }
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.seen.borrow_mut().pending.extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

/// Parses the file through the mapping. Lines are the file's physical lines (the
/// header, when there is one, is line 1), whatever its line endings.
fn parse(source: impl Read, mapping: &Mapping) -> Result<Parsed, ImportError> {
    let seen = std::rc::Rc::new(std::cell::RefCell::new(SeenBytes::default()));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(mapping.has_header)
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(LineCounter {
            inner: source,
            seen: seen.clone(),
        });
    let line_of = |position: Option<&csv::Position>| {
        position.map_or(0, |p| seen.borrow_mut().line_at(p.byte()))
    };
    let headers = if mapping.has_header {
        Some(
            reader
                .headers()
                .map_err(|e| ImportError::Unreadable {
                    line: 1,
                    reason: format!("the header row cannot be read ({e})"),
                })?
                .clone(),
        )
    } else {
        None
    };
    // Each column as (index, name for messages); an empty spec is an absent column.
    let locate = |spec: &str| -> Result<Option<(usize, String)>, ImportError> {
        let spec = spec.trim();
        if spec.is_empty() {
            return Ok(None);
        }
        if let Some(p) = position(spec) {
            let name = headers
                .as_ref()
                .and_then(|h| h.get(p - 1))
                .map_or_else(|| format!("column {p}"), |h| format!("column {p} ({h})"));
            return Ok(Some((p - 1, name)));
        }
        headers
            .as_ref()
            .and_then(|h| {
                h.iter()
                    .position(|name| name.trim().eq_ignore_ascii_case(spec))
            })
            .map(|i| Some((i, format!("column {spec}"))))
            .ok_or_else(|| ImportError::Unreadable {
                line: 1,
                reason: if headers.is_some() {
                    format!(
                        "no column `{spec}` in the header; edit the column mapping for this state"
                    )
                } else {
                    format!("the file has no header, so `{spec}` must be a column position")
                },
            })
    };
    let required = |spec: &str| {
        locate(spec)?.ok_or_else(|| ImportError::Invalid("the mapping names no column".into()))
    };
    let number_col = required(&mapping.number_column)?;
    let name_col = required(&mapping.name_column)?;
    let expiry_col = required(&mapping.expiry_column)?;
    let status_col = locate(&mapping.status_column)?;
    let filter_col = locate(&mapping.filter_column)?;
    let date_format = mapping.chrono_date_format();
    let mut parsed = Parsed {
        rows: Vec::new(),
        invalid: Vec::new(),
        other_professions: 0,
        first_other: None,
    };
    let mut record = csv::StringRecord::new();
    loop {
        let more = reader
            .read_record(&mut record)
            .map_err(|e| ImportError::Unreadable {
                line: line_of(e.position()),
                reason: match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!("expected {expected_len} fields, found {len}"),
                    csv::ErrorKind::Utf8 { .. } => "the text is not UTF-8".into(),
                    _ => e.to_string(),
                },
            })?;
        if !more {
            break;
        }
        let line = line_of(record.position());
        let field = |i: usize| record.get(i).unwrap_or_default().trim().to_owned();
        if let Some((i, column)) = &filter_col {
            let kind = field(*i);
            if !mapping
                .filter_values
                .iter()
                .any(|v| v.eq_ignore_ascii_case(&kind))
            {
                parsed.other_professions += 1;
                if parsed.first_other.is_none() {
                    parsed.first_other = Some((
                        line,
                        format!(
                            "{column}: {} is not {}",
                            quoted(&kind),
                            mapping.filter_values.join(" or ")
                        ),
                    ));
                }
                continue;
            }
        }
        let raw_number = field(number_col.0);
        let number = mapping.normalise_number(&raw_number);
        if number.is_empty() || !number.chars().any(|c| c.is_ascii_digit()) {
            parsed.invalid.push((
                line,
                format!(
                    "{}: {} is not a licence number",
                    number_col.1,
                    quoted(&raw_number)
                ),
            ));
            continue;
        }
        let name = field(name_col.0);
        if !name.chars().any(char::is_alphabetic) {
            parsed.invalid.push((
                line,
                format!("{}: {} is not a name", name_col.1, quoted(&name)),
            ));
            continue;
        }
        let raw_expiry = field(expiry_col.0);
        let expires_on = if raw_expiry.is_empty() {
            None
        } else {
            match NaiveDate::parse_from_str(&raw_expiry, &date_format) {
                Ok(d) => Some(d),
                Err(_) => {
                    parsed.invalid.push((
                        line,
                        format!(
                            "{}: {} is not a date like {}",
                            expiry_col.1,
                            quoted(&raw_expiry),
                            mapping.date_format
                        ),
                    ));
                    continue;
                }
            }
        };
        let (status, active) = match &status_col {
            Some((i, _)) => {
                let status = field(*i);
                let active = mapping
                    .active_values
                    .iter()
                    .any(|v| v.eq_ignore_ascii_case(&status));
                (status, active)
            }
            // A file without a status column lists current licences only.
            None => ("listed".to_owned(), true),
        };
        parsed.rows.push(Row {
            active,
            number,
            name,
            status,
            expires_on,
        });
    }
    Ok(parsed)
}

/// The largest roster file accepted through the site: several times the largest state
/// roster (Texas, about 40,000 massage therapists, is under 10 MB).
pub const UPLOAD_LIMIT: usize = 64 * 1024 * 1024;

/// Imports a roster: records its rows, verifies licences whose number, name, status
/// and expiry agree, sends disagreements to the queue, and flags verified licences
/// that the roster no longer lists. The file is read from `source` as it is parsed (on
/// the blocking pool), so an upload spooled to disk is never held in memory whole.
#[expect(clippy::too_many_arguments, reason = "one import, described in full")]
pub async fn import(
    db: &DatabaseConnection,
    actor: Option<i64>,
    code: &str,
    file_name: &str,
    roster_date: NaiveDate,
    source: impl Read + Send + 'static,
    options: ImportOptions,
    progress: &dyn Progress,
) -> Result<ImportReport, ImportError> {
    if jurisdiction::Entity::find_by_id(code.to_owned())
        .one(db)
        .await?
        .is_none()
    {
        return Err(ImportError::Invalid(format!(
            "There is no jurisdiction {}.",
            quoted(code)
        )));
    }
    let mapping = mapping_for(db, code).await?;
    import_with(
        db,
        actor,
        code,
        file_name,
        roster_date,
        source,
        &mapping,
        options,
        progress,
    )
    .await
}

/// [`import`] through an explicit mapping (the command line's `--mapping`).
#[expect(clippy::too_many_arguments, reason = "one import, described in full")]
pub async fn import_with(
    db: &DatabaseConnection,
    actor: Option<i64>,
    code: &str,
    file_name: &str,
    roster_date: NaiveDate,
    source: impl Read + Send + 'static,
    mapping: &Mapping,
    options: ImportOptions,
    progress: &dyn Progress,
) -> Result<ImportReport, ImportError> {
    check_mapping(mapping)?;
    let reading = mapping.clone();
    let parsed = tokio::task::spawn_blocking(move || parse(source, &reading))
        .await
        .map_err(|e| ImportError::Invalid(format!("reading the file stopped: {e}")))??;
    let Parsed {
        rows,
        invalid,
        other_professions,
        first_other,
    } = parsed;
    // Guards: a file that cannot be read as the mapping says applies nothing.
    let total = rows.len() + invalid.len();
    if rows.is_empty() {
        return Err(match invalid.first() {
            Some((line, reason)) => ImportError::TooManyInvalid {
                invalid: invalid.len(),
                rows: total,
                share_percent: options.max_invalid_share * 100.0,
                first_line: *line,
                first_reason: reason.clone(),
            },
            None => match first_other {
                Some((line, why)) => ImportError::Unreadable {
                    line,
                    reason: format!(
                        "none of the {other_professions} rows is a massage licence ({why}): is this the right file and layout?"
                    ),
                },
                None => ImportError::Unreadable {
                    line: if mapping.has_header { 2 } else { 1 },
                    reason: "the file has no rows to import".into(),
                },
            },
        });
    }
    if invalid.len() as f64 > options.max_invalid_share * total as f64
        && let Some((line, reason)) = invalid.first()
    {
        return Err(ImportError::TooManyInvalid {
            invalid: invalid.len(),
            rows: total,
            share_percent: options.max_invalid_share * 100.0,
            first_line: *line,
            first_reason: reason.clone(),
        });
    }
    progress.total(rows.len() as u64);
    let now = Utc::now();
    let verified_at = roster_date
        .and_hms_opt(0, 0, 0)
        .map_or(now, |d| d.and_utc());
    let txn = crate::db::begin_write(db).await?;
    // One import of a jurisdiction at a time: a second waits here until the first has
    // committed, then replaces its rows whole (SQLite's write lock already does this).
    jurisdiction::Entity::find_by_id(code.to_owned())
        .lock_exclusive()
        .one(&txn)
        .await?;
    let created = roster_import::ActiveModel {
        id: NotSet,
        jurisdiction: Set(code.to_owned()),
        imported_by: Set(actor),
        file_name: Set(file_name.chars().take(200).collect()),
        roster_date: Set(roster_date),
        rows_read: Set(0),
        matched: Set(0),
        verified: Set(0),
        conflicts: Set(0),
        invalid: Set(0),
        missing: Set(0),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    roster_entry::Entity::delete_many()
        .filter(roster_entry::Column::Jurisdiction.eq(code))
        .exec(&txn)
        .await?;
    for chunk in rows.chunks(1000) {
        roster_entry::Entity::insert_many(chunk.iter().map(|r| roster_entry::ActiveModel {
            id: NotSet,
            import_id: Set(created.id),
            jurisdiction: Set(code.to_owned()),
            number: Set(r.number.clone()),
            name: Set(r.name.chars().take(200).collect()),
            status: Set(r.status.chars().take(50).collect()),
            expires_on: Set(r.expires_on),
        }))
        .exec(&txn)
        .await?;
    }
    let claims = licence::Entity::find()
        .filter(licence::Column::Jurisdiction.eq(code))
        .filter(licence::Column::Status.is_in(["pending", "verified"]))
        .all(&txn)
        .await?;
    let verified_before = claims
        .iter()
        .filter(|l| l.status == "verified" && !l.needs_review)
        .count();
    let mut by_number: HashMap<String, Vec<licence::Model>> = HashMap::new();
    for l in claims {
        by_number
            .entry(mapping.normalise_number(&l.number))
            .or_default()
            .push(l);
    }
    let mut names: HashMap<i64, String> = HashMap::new();
    let mut report = ImportReport {
        import_id: created.id,
        rows_read: rows.len() + invalid.len(),
        invalid_count: invalid.len(),
        invalid: invalid.into_iter().take(100).collect(),
        other_professions,
        applied: false,
        ..ImportReport::default()
    };
    let listed: HashSet<&str> = rows.iter().map(|r| r.number.as_str()).collect();
    for row in &rows {
        progress.advance(1);
        let Some(matches) = by_number.get(&row.number) else {
            continue;
        };
        report.matched += 1;
        for l in matches {
            if !names.contains_key(&l.practitioner_id)
                && let Some(p) = practitioner::Entity::find_by_id(l.practitioner_id)
                    .one(&txn)
                    .await?
            {
                names.insert(p.id, p.display_name);
            }
            let profile_name = names
                .get(&l.practitioner_id)
                .map(String::as_str)
                .unwrap_or_default();
            let mut problems = Vec::new();
            if !row.active {
                problems.push(format!("roster status is \"{}\"", row.status));
            }
            if !names_agree(&row.name, profile_name) {
                problems.push(format!("roster name is \"{}\"", row.name));
            }
            if let (Some(claimed), Some(listed)) = (l.expires_on, row.expires_on)
                && claimed != listed
            {
                problems.push(format!("roster expiry is {listed}"));
            }
            let before = json!({"status": l.status, "needs_review": l.needs_review, "expires_on": l.expires_on.map(|d| d.to_string())});
            let mut model: licence::ActiveModel = l.clone().into();
            let action = if problems.is_empty() {
                model.status = Set("verified".into());
                model.verification_method = Set(Some("roster".into()));
                model.verified_at = Set(Some(verified_at));
                model.verified_by = Set(actor);
                model.expires_on = Set(row.expires_on.or(l.expires_on));
                model.needs_review = Set(false);
                model.review_note = Set(None);
                report.verified += 1;
                "licence.verify_roster"
            } else {
                model.needs_review = Set(true);
                model.review_note = Set(Some(format!(
                    "{code} roster of {roster_date}: {}",
                    problems.join("; ")
                )));
                report.conflicts += 1;
                "licence.roster_conflict"
            };
            model.updated_at = Set(now);
            let updated = model.update(&txn).await?;
            let after = json!({"status": updated.status, "needs_review": updated.needs_review, "review_note": updated.review_note, "expires_on": updated.expires_on.map(|d| d.to_string())});
            audit::record(
                &txn,
                actor,
                action,
                Subject {
                    kind: "licence",
                    id: &updated.id.to_string(),
                },
                Some(before),
                Some(after),
            )
            .await?;
            crate::practitioners::published_change(&txn, updated.practitioner_id).await?;
        }
    }
    for (number, claims) in &by_number {
        if listed.contains(number.as_str()) {
            continue;
        }
        for l in claims
            .iter()
            .filter(|l| l.status == "verified" && !l.needs_review)
        {
            let mut model: licence::ActiveModel = l.clone().into();
            model.needs_review = Set(true);
            model.review_note = Set(Some(format!(
                "Missing from the {code} roster of {roster_date}."
            )));
            model.updated_at = Set(now);
            model.update(&txn).await?;
            audit::record(
                &txn,
                actor,
                "licence.roster_missing",
                Subject {
                    kind: "licence",
                    id: &l.id.to_string(),
                },
                Some(json!({"needs_review": false})),
                Some(json!({"needs_review": true})),
            )
            .await?;
            report.missing += 1;
        }
    }
    let mut counts: roster_import::ActiveModel = created.into();
    counts.rows_read = Set(report.rows_read as i32);
    counts.matched = Set(report.matched as i32);
    counts.verified = Set(report.verified as i32);
    counts.conflicts = Set(report.conflicts as i32);
    counts.invalid = Set(report.invalid_count as i32);
    counts.missing = Set(report.missing as i32);
    counts.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        "roster.import",
        Subject { kind: "roster", id: &report.import_id.to_string() },
        None,
        Some(json!({"jurisdiction": code, "file": file_name, "roster_date": roster_date.to_string(), "rows_read": report.rows_read, "matched": report.matched, "verified": report.verified, "conflicts": report.conflicts, "invalid": report.invalid_count, "missing": report.missing})),
    )
    .await?;
    if report.missing as f64 > options.max_missing_share * verified_before as f64
        && !options.confirm
        && !options.dry_run
    {
        txn.rollback().await?;
        return Err(ImportError::NeedsConfirmation {
            missing: report.missing,
            verified: verified_before,
            share_percent: options.max_missing_share * 100.0,
        });
    }
    if options.dry_run {
        // Everything was worked out inside the transaction; none of it is kept.
        txn.rollback().await?;
        report.import_id = 0;
        return Ok(report);
    }
    txn.commit().await?;
    report.applied = true;
    tracing::info!(
        jurisdiction = code,
        rows = report.rows_read,
        verified = report.verified,
        conflicts = report.conflicts,
        "roster imported"
    );
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_agree_in_any_order_without_credentials() {
        assert!(names_agree("DOE, JANE M", "Jane Doe"));
        assert!(names_agree("Jane Doe LMT", "jane doe"));
        assert!(!names_agree("DOE, JOHN", "Jane Doe"));
        assert!(!names_agree("", "Jane Doe"));
    }

    #[test]
    fn parses_through_a_mapping_and_reports_bad_rows_by_physical_line() {
        let mapping = Mapping {
            number_column: "Lic #".into(),
            name_column: "Licensee".into(),
            status_column: "Standing".into(),
            expiry_column: "Expires".into(),
            active_values: vec!["current".into()],
            date_format: "MM/DD/YYYY".into(),
            ..Mapping::default()
        };
        let csv = "Licensee,Lic #,Standing,Expires\r\nDOE JANE,mt 1,Current,01/31/2027\r\nROE RICK,,Current,01/31/2027\r\nPOE PAM,MT-3,Lapsed,31/01/2027\r\n";
        let parsed = parse(csv.as_bytes(), &mapping).expect("parses");
        assert_eq!(parsed.rows.len(), 1);
        assert_eq!(parsed.rows[0].number, "MT1");
        assert!(parsed.rows[0].active);
        assert_eq!(
            parsed.invalid,
            vec![
                (3, "column Lic #: \"\" is not a licence number".to_owned()),
                (
                    4,
                    "column Expires: \"31/01/2027\" is not a date like MM/DD/YYYY".to_owned()
                )
            ]
        );
    }

    /// A row in the layout TDLR publishes: 17 quoted columns, no header.
    fn tdlr_row(kind: &str, number: &str, owner: &str, expiry: &str) -> String {
        format!(
            "\"{kind}\",\"{number}\",\"TRAVIS\",\"\",\"100 CONGRESS AVE\",\"\",\"AUSTIN, TX 78701\",\"5125550100\",\"{expiry}\",\"{owner}\",\"PO BOX 1\",\"\",\"AUSTIN, TX 78701\",\"TRAVIS\",\"5125550100\",\"\",\"N\"\r\n"
        )
    }

    #[test]
    fn reads_the_texas_layout_without_a_header_status_or_prefix() {
        let texas = super::preset("TX").expect("a shipped Texas layout");
        let file = [
            tdlr_row(
                "Massage Therapist",
                "MT0012345",
                "DOE, JANE MARIE",
                "12312027",
            ),
            tdlr_row("Massage Establishment", "ME0000077", "SPA LLC", "06302027"),
            tdlr_row("Massage Therapist", "12346", "ROE, RICK", "01152028"),
            tdlr_row("Massage Therapist", "MT0012347", "POE, PAM", "13312027"),
        ]
        .concat();
        let parsed = parse(file.as_bytes(), &texas).expect("parses");
        assert_eq!(parsed.other_professions, 1);
        let numbers: Vec<&str> = parsed.rows.iter().map(|r| r.number.as_str()).collect();
        assert_eq!(numbers, ["12345", "12346"]);
        assert!(parsed.rows.iter().all(|r| r.active));
        assert_eq!(
            parsed.rows[0].expires_on,
            NaiveDate::from_ymd_opt(2027, 12, 31)
        );
        assert_eq!(parsed.invalid.len(), 1);
        assert_eq!(parsed.invalid[0].0, 4, "the fourth physical line");
        assert!(
            parsed.invalid[0]
                .1
                .contains("\"13312027\" is not a date like MMDDCCYY")
        );
    }

    #[test]
    fn unreadable_files_name_the_line() {
        let mapping = Mapping::default();
        let err = parse(&b"foo,bar\n1,2\n"[..], &mapping)
            .err()
            .expect("unmapped");
        assert!(
            err.to_string()
                .starts_with("line 1: no column `license_number`"),
            "{err}"
        );
        let csv = "license_number,name,status,expiration_date\nMT1,A B,active,2027-01-01\nMT2,C D,active\n";
        let err = parse(csv.as_bytes(), &mapping).err().expect("ragged");
        assert_eq!(err.to_string(), "line 3: expected 4 fields, found 3");
    }
}
