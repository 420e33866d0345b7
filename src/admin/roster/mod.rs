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
    entities::{jurisdiction, licence, practitioner, roster_entry, roster_import},
    i18n::{Lang, text, text_with},
    progress::Progress,
    validation::quoted,
};

mod mapping;
mod parse;

pub use self::mapping::{check_mapping, mapping_for, preset, save_mapping};
use self::parse::{Parsed, parse};
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

/// "line 7: …", in the current language.
fn line_error(line: u64, reason: &str) -> String {
    text_with(
        Lang::current(),
        "roster-line-error",
        [("line", line.into()), ("reason", reason.to_owned().into())],
    )
}

/// Why an import applied nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file is not readable as the mapping describes.
    #[error("{}", line_error(*.line, .reason))]
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
        "{}",
        text_with(
            Lang::current(),
            "roster-too-many-invalid",
            [
                ("invalid", (*.invalid).into()),
                ("rows", (*.rows).into()),
                ("percent", (*.share_percent).into()),
                ("first", line_error(*.first_line, .first_reason).into()),
            ],
        )
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
        "{}",
        text_with(
            Lang::current(),
            "roster-needs-confirmation",
            [
                ("missing", (*.missing).into()),
                ("verified", (*.verified).into()),
                ("percent", (*.share_percent).into()),
            ],
        )
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
    /// The state's code.
    pub jurisdiction: String,
    /// The state's verified licences before the import.
    pub verified_before: usize,
    /// Whether applying it needs the admin's confirmation: it would flag more than
    /// `max_missing_percent` of `verified_before` as missing.
    pub needs_confirmation: bool,
    /// The share of verified licences that may go missing unconfirmed, in percent
    /// ("10").
    pub max_missing_percent: String,
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
/// The largest roster file accepted through the site: several times the largest state
/// roster (Texas, about 40,000 massage therapists, is under 10 MB).
pub const UPLOAD_LIMIT: usize = 64 * 1024 * 1024;

/// Refuses a jurisdiction code the directory does not know.
async fn known_jurisdiction(db: &impl ConnectionTrait, code: &str) -> Result<(), ImportError> {
    if jurisdiction::Entity::find_by_id(code.to_owned())
        .one(db)
        .await?
        .is_none()
    {
        return Err(ImportError::Invalid(text_with(
            Lang::current(),
            "roster-no-jurisdiction",
            [("code", quoted(code).into())],
        )));
    }
    Ok(())
}

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
    known_jurisdiction(db, code).await?;
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
    // The blocking reader runs outside the request: it is given the language.
    let lang = Lang::current();
    let reading = mapping.clone();
    let parsed = tokio::task::spawn_blocking(move || parse(source, &reading, lang))
        .await
        .map_err(|e| {
            ImportError::Invalid(text_with(
                lang,
                "roster-reading-stopped",
                [("error", e.to_string().into())],
            ))
        })??;
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
                    reason: text_with(
                        lang,
                        "roster-no-massage-rows",
                        [("rows", other_professions.into()), ("why", why.into())],
                    ),
                },
                None => ImportError::Unreadable {
                    line: if mapping.has_header { 2 } else { 1 },
                    reason: text(lang, "roster-no-rows"),
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
        jurisdiction: code.to_owned(),
        verified_before,
        max_missing_percent: (options.max_missing_share * 100.0).to_string(),
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
    report.needs_confirmation =
        report.missing as f64 > options.max_missing_share * verified_before as f64;
    if report.needs_confirmation && !options.confirm && !options.dry_run {
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
        let parsed = parse(csv.as_bytes(), &mapping, Lang::english()).expect("parses");
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
        let parsed = parse(file.as_bytes(), &texas, Lang::english()).expect("parses");
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
        let err = parse(&b"foo,bar\n1,2\n"[..], &mapping, Lang::english())
            .err()
            .expect("unmapped");
        assert!(
            err.to_string()
                .starts_with("line 1: no column `license_number`"),
            "{err}"
        );
        let csv = "license_number,name,status,expiration_date\nMT1,A B,active,2027-01-01\nMT2,C D,active\n";
        let err = parse(csv.as_bytes(), &mapping, Lang::english())
            .err()
            .expect("ragged");
        assert_eq!(err.to_string(), "line 3: expected 4 fields, found 3");
    }
}
