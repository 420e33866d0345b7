//! Reading a roster file through its mapping: the CSV itself, one row at a time, with
//! line numbers for every row refused and the profession filter applied.

use std::io::Read;

use chrono::NaiveDate;

use super::{ImportError, Mapping, Row, mapping::position};
use crate::{
    i18n::{Lang, text, text_with},
    validation::quoted,
};

/// Rows that could not be used: (line, reason).
type InvalidRows = Vec<(u64, String)>;

/// What parsing found: usable rows, unreadable ones (line, reason), and how many rows
/// the profession filter left out.
pub(super) struct Parsed {
    pub(super) rows: Vec<Row>,
    pub(super) invalid: InvalidRows,
    pub(super) other_professions: usize,
    /// The first row the profession filter left out: its line and why.
    pub(super) first_other: Option<(u64, String)>,
}

/// Counts the newlines of what a reader has handed on, so a record's byte offset can be
/// turned into the physical line it starts on. Only bytes not yet counted are kept.
struct LineCounter<R> {
    pub(super) inner: R,
    pub(super) seen: std::rc::Rc<std::cell::RefCell<SeenBytes>>,
}

/// The bytes read but not yet counted, and the count so far.
#[derive(Default)]
struct SeenBytes {
    pub(super) pending: Vec<u8>,
    pub(super) pending_from: u64,
    pub(super) newlines: u64,
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
/// Reads `source` as `mapping` describes; messages are written in `lang`.
pub(super) fn parse(
    source: impl Read,
    mapping: &Mapping,
    lang: Lang,
) -> Result<Parsed, ImportError> {
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
                    reason: text_with(
                        lang,
                        "roster-header-unread",
                        [("error", e.to_string().into())],
                    ),
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
            let name = headers.as_ref().and_then(|h| h.get(p - 1)).map_or_else(
                || text_with(lang, "roster-column-at", [("position", p.into())]),
                |h| {
                    text_with(
                        lang,
                        "roster-column-at-named",
                        [("position", p.into()), ("header", h.to_owned().into())],
                    )
                },
            );
            return Ok(Some((p - 1, name)));
        }
        headers
            .as_ref()
            .and_then(|h| {
                h.iter()
                    .position(|name| name.trim().eq_ignore_ascii_case(spec))
            })
            .map(|i| {
                Some((
                    i,
                    text_with(
                        lang,
                        "roster-column-called",
                        [("name", spec.to_owned().into())],
                    ),
                ))
            })
            .ok_or_else(|| ImportError::Unreadable {
                line: 1,
                reason: if headers.is_some() {
                    text_with(
                        lang,
                        "roster-no-such-column",
                        [("name", spec.to_owned().into())],
                    )
                } else {
                    text_with(
                        lang,
                        "roster-must-be-position",
                        [("name", spec.to_owned().into())],
                    )
                },
            })
    };
    let required = |spec: &str| {
        locate(spec)?.ok_or_else(|| ImportError::Invalid(text(lang, "roster-mapping-no-column")))
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
                    } => text_with(
                        lang,
                        "roster-fields",
                        [
                            ("expected", (*expected_len).into()),
                            ("found", (*len).into()),
                        ],
                    ),
                    csv::ErrorKind::Utf8 { .. } => text(lang, "roster-not-utf8"),
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
                        text_with(
                            lang,
                            "roster-other-profession",
                            [
                                ("column", column.clone().into()),
                                ("value", quoted(&kind).into()),
                                ("wanted", mapping.filter_values.join(" / ").into()),
                            ],
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
                text_with(
                    lang,
                    "roster-not-number",
                    [
                        ("column", number_col.1.clone().into()),
                        ("value", quoted(&raw_number).into()),
                    ],
                ),
            ));
            continue;
        }
        let name = field(name_col.0);
        if !name.chars().any(char::is_alphabetic) {
            parsed.invalid.push((
                line,
                text_with(
                    lang,
                    "roster-not-name",
                    [
                        ("column", name_col.1.clone().into()),
                        ("value", quoted(&name).into()),
                    ],
                ),
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
                        text_with(
                            lang,
                            "roster-not-date",
                            [
                                ("column", expiry_col.1.clone().into()),
                                ("value", quoted(&raw_expiry).into()),
                                ("format", mapping.date_format.clone().into()),
                            ],
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
