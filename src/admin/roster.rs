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
    EntityTrait, NotSet, QueryFilter,
};
use serde::Serialize;
use serde_json::json;

use crate::{
    audit::{self, Subject},
    entities::{jurisdiction, licence, practitioner, roster_entry, roster_import, roster_mapping},
    jobs,
    progress::Progress,
};

/// Which columns hold what, and how to read them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mapping {
    /// Header of the licence-number column.
    pub number_column: String,
    /// Header of the licensee-name column.
    pub name_column: String,
    /// Header of the status column.
    pub status_column: String,
    /// Header of the expiry-date column.
    pub expiry_column: String,
    /// Status values that mean the licence is active (case-insensitive).
    pub active_values: Vec<String>,
    /// `chrono` format of the expiry dates, e.g. `%Y-%m-%d` or `%m/%d/%Y`.
    pub date_format: String,
}

impl Default for Mapping {
    fn default() -> Self {
        Self {
            number_column: "license_number".into(),
            name_column: "name".into(),
            status_column: "status".into(),
            expiry_column: "expiration_date".into(),
            active_values: vec!["active".into()],
            date_format: "%Y-%m-%d".into(),
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
}

/// Licence numbers as compared: letters and digits only, upper case, so "mt 101",
/// "MT-101" and "MT101" are the same number.
pub fn normalise_number(raw: &str) -> String {
    raw.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_uppercase()
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

/// The saved mapping of a jurisdiction, or the default one.
pub async fn mapping_for(db: &impl ConnectionTrait, code: &str) -> Result<Mapping, DbErr> {
    Ok(roster_mapping::Entity::find_by_id(code.to_owned())
        .one(db)
        .await?
        .map(|m| Mapping {
            number_column: m.number_column,
            name_column: m.name_column,
            status_column: m.status_column,
            expiry_column: m.expiry_column,
            active_values: m
                .active_values
                .split(',')
                .map(|v| v.trim().to_lowercase())
                .filter(|v| !v.is_empty())
                .collect(),
            date_format: m.date_format,
        })
        .unwrap_or_default())
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
            "Unknown jurisdiction `{code}`."
        )));
    }
    let columns = [
        &mapping.number_column,
        &mapping.name_column,
        &mapping.status_column,
        &mapping.expiry_column,
    ];
    if columns.iter().any(|c| c.trim().is_empty() || c.len() > 100)
        || mapping.active_values.is_empty()
    {
        return Err(ImportError::Invalid(
            "Name all four columns and at least one active status value.".into(),
        ));
    }
    if NaiveDate::parse_from_str("2026-01-31", "%Y-%m-%d")
        .ok()
        .map(|d| d.format(&mapping.date_format).to_string())
        .is_none_or(|s| NaiveDate::parse_from_str(&s, &mapping.date_format).is_err())
    {
        return Err(ImportError::Invalid(
            "The date format does not describe a full date (try %Y-%m-%d or %m/%d/%Y).".into(),
        ));
    }
    let before = mapping_for(db, code).await?;
    let txn = crate::db::begin_write(db).await?;
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

/// Parses the file through the mapping: valid rows, and invalid rows with reasons.
fn parse(source: impl Read, mapping: &Mapping) -> Result<(Vec<Row>, InvalidRows), ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(source);
    let headers = reader
        .headers()
        .map_err(|e| ImportError::Unreadable {
            line: 1,
            reason: format!("the header row cannot be read ({e})"),
        })?
        .clone();
    let find = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name.trim()))
    };
    let mut idx = [0_usize; 4];
    for (slot, column) in [
        &mapping.number_column,
        &mapping.name_column,
        &mapping.status_column,
        &mapping.expiry_column,
    ]
    .iter()
    .enumerate()
    {
        idx[slot] = find(column).ok_or_else(|| ImportError::Unreadable {
            line: 1,
            reason: format!(
                "no column `{column}` in the header; edit the column mapping for this state"
            ),
        })?;
    }
    let mut rows = Vec::new();
    let mut invalid = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ImportError::Unreadable {
            line: e.position().map_or(0, |p| p.line()),
            reason: match e.kind() {
                csv::ErrorKind::UnequalLengths {
                    expected_len, len, ..
                } => format!("expected {expected_len} fields, found {len}"),
                csv::ErrorKind::Utf8 { .. } => "the text is not UTF-8".into(),
                _ => e.to_string(),
            },
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let field = |i: usize| record.get(i).unwrap_or_default().trim().to_owned();
        let number = normalise_number(&field(idx[0]));
        if number.is_empty() {
            invalid.push((line, "no licence number".to_owned()));
            continue;
        }
        let raw_expiry = field(idx[3]);
        let expires_on = if raw_expiry.is_empty() {
            None
        } else {
            match NaiveDate::parse_from_str(&raw_expiry, &mapping.date_format) {
                Ok(d) => Some(d),
                Err(_) => {
                    invalid.push((
                        line,
                        format!(
                            "expiry `{}` does not match {}",
                            raw_expiry.chars().take(30).collect::<String>(),
                            mapping.date_format
                        ),
                    ));
                    continue;
                }
            }
        };
        let status = field(idx[2]);
        rows.push(Row {
            active: mapping
                .active_values
                .iter()
                .any(|v| v.eq_ignore_ascii_case(&status)),
            number,
            name: field(idx[1]),
            status,
            expires_on,
        });
    }
    if rows.is_empty() && invalid.is_empty() {
        return Err(ImportError::Unreadable {
            line: 2,
            reason: "the file has no data rows".into(),
        });
    }
    Ok((rows, invalid))
}

/// The largest roster file accepted through the site: several times the largest state
/// roster (Texas, about 40,000 massage therapists, is under 10 MB).
pub const UPLOAD_LIMIT: usize = 64 * 1024 * 1024;

/// Imports a roster: records its rows, verifies licences whose number, name, status
/// and expiry agree, sends disagreements to the queue, and flags verified licences
/// that the roster no longer lists. The file is read from `source` as it is parsed (on
/// the blocking pool), so an upload spooled to disk is never held in memory whole.
pub async fn import(
    db: &DatabaseConnection,
    actor: Option<i64>,
    code: &str,
    file_name: &str,
    roster_date: NaiveDate,
    source: impl Read + Send + 'static,
    progress: &dyn Progress,
) -> Result<ImportReport, ImportError> {
    if jurisdiction::Entity::find_by_id(code.to_owned())
        .one(db)
        .await?
        .is_none()
    {
        return Err(ImportError::Invalid(format!(
            "Unknown jurisdiction `{code}`."
        )));
    }
    let mapping = mapping_for(db, code).await?;
    let (rows, invalid) = tokio::task::spawn_blocking(move || parse(source, &mapping))
        .await
        .map_err(|e| ImportError::Invalid(format!("reading the file stopped: {e}")))??;
    progress.total(rows.len() as u64);
    let now = Utc::now();
    let verified_at = roster_date
        .and_hms_opt(0, 0, 0)
        .map_or(now, |d| d.and_utc());
    let txn = crate::db::begin_write(db).await?;
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
    let mut by_number: HashMap<String, Vec<licence::Model>> = HashMap::new();
    for l in claims {
        by_number
            .entry(normalise_number(&l.number))
            .or_default()
            .push(l);
    }
    let mut names: HashMap<i64, String> = HashMap::new();
    let mut report = ImportReport {
        import_id: created.id,
        rows_read: rows.len() + invalid.len(),
        invalid_count: invalid.len(),
        invalid: invalid.into_iter().take(100).collect(),
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
            jobs::enqueue_reindex(&txn, updated.practitioner_id).await?;
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
    txn.commit().await?;
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
    fn parses_through_a_mapping_and_reports_bad_rows() {
        let mapping = Mapping {
            number_column: "Lic #".into(),
            name_column: "Licensee".into(),
            status_column: "Standing".into(),
            expiry_column: "Expires".into(),
            active_values: vec!["current".into()],
            date_format: "%m/%d/%Y".into(),
        };
        let csv = "Licensee,Lic #,Standing,Expires\nDOE JANE,mt 1,Current,01/31/2027\nROE RICK,,Current,01/31/2027\nPOE PAM,MT-3,Lapsed,31/01/2027\n";
        let (rows, invalid) = parse(csv.as_bytes(), &mapping).expect("parses");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].number, "MT1");
        assert_eq!(normalise_number("mt-0 1"), "MT01");
        assert!(rows[0].active);
        assert_eq!(
            invalid,
            vec![
                (3, "no licence number".to_owned()),
                (4, "expiry `31/01/2027` does not match %m/%d/%Y".to_owned())
            ]
        );
    }

    #[test]
    fn unreadable_files_name_the_line() {
        let mapping = Mapping::default();
        let err = parse(&b"foo,bar\n1,2\n"[..], &mapping).expect_err("unmapped");
        assert!(
            err.to_string()
                .starts_with("line 1: no column `license_number`"),
            "{err}"
        );
        let csv = "license_number,name,status,expiration_date\nMT1,A B,active,2027-01-01\nMT2,C D,active\n";
        let err = parse(csv.as_bytes(), &mapping).expect_err("ragged");
        assert_eq!(err.to_string(), "line 3: expected 4 fields, found 3");
    }
}
