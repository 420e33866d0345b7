//! The directory as an HSDS tabular data package: `datapackage.json` describing nine
//! tables, and one CSV per table streamed a database page at a time.

use axum::{
    Json,
    body::Body,
    extract::{Path, State},
    http::header,
    response::{IntoResponse, Response},
};
use chrono::Utc;
use serde_json::{Map, Value, json};

use super::mapping::{
    accessibility, address, attributes, languages, location, organization, phones, service,
    service_at_location, taxonomy, term,
};
use crate::{
    error::AppError,
    practitioners::records::{Detail, PublicRecord},
    state::AppState,
    validation::spreadsheet_safe,
};

/// Records per database page of a CSV download.
const TABLE_PAGE: u64 = 1_000;
/// One table of the data package: its HSDS name, file, and columns with their types.
struct TableDef {
    pub(super) name: &'static str,
    pub(super) path: &'static str,
    pub(super) fields: &'static [(&'static str, &'static str)],
    pub(super) rows: fn(&PublicRecord, &str) -> Vec<Value>,
    /// What of each record the rows are built from.
    pub(super) detail: Detail,
}

const TABLES: [TableDef; 9] = [
    TableDef {
        name: "organization",
        path: "organizations.csv",
        fields: &[
            ("id", "string"),
            ("name", "string"),
            ("description", "string"),
            ("email", "string"),
            ("website", "string"),
            ("uri", "string"),
        ],
        rows: |r, site| vec![organization(r, site)],
        detail: Detail::Listing,
    },
    TableDef {
        name: "service",
        path: "services.csv",
        fields: &[
            ("id", "string"),
            ("organization_id", "string"),
            ("name", "string"),
            ("description", "string"),
            ("url", "string"),
            ("email", "string"),
            ("status", "string"),
            ("application_process", "string"),
            ("wait_time", "string"),
            ("licenses", "string"),
            ("alert", "string"),
            ("last_modified", "datetime"),
        ],
        rows: |r, site| vec![service(r, site)],
        detail: Detail::Full,
    },
    TableDef {
        name: "location",
        path: "locations.csv",
        fields: &[
            ("id", "string"),
            ("location_type", "string"),
            ("url", "string"),
            ("organization_id", "string"),
            ("name", "string"),
            ("description", "string"),
            ("latitude", "number"),
            ("longitude", "number"),
        ],
        rows: |r, site| vec![location(r, site)],
        detail: Detail::Listing,
    },
    TableDef {
        name: "service_at_location",
        path: "service_at_location.csv",
        fields: &[
            ("id", "string"),
            ("service_id", "string"),
            ("location_id", "string"),
        ],
        rows: |r, _| vec![service_at_location(r)],
        detail: Detail::Listing,
    },
    TableDef {
        name: "address",
        path: "addresses.csv",
        fields: &[
            ("id", "string"),
            ("location_id", "string"),
            ("address_1", "string"),
            ("city", "string"),
            ("state_province", "string"),
            ("postal_code", "string"),
            ("country", "string"),
            ("address_type", "string"),
        ],
        rows: |r, _| address(r).into_iter().collect(),
        detail: Detail::Listing,
    },
    TableDef {
        name: "phone",
        path: "phones.csv",
        fields: &[
            ("id", "string"),
            ("service_id", "string"),
            ("number", "string"),
            ("type", "string"),
        ],
        rows: |r, _| phones(r),
        detail: Detail::Listing,
    },
    TableDef {
        name: "language",
        path: "languages.csv",
        fields: &[
            ("id", "string"),
            ("service_id", "string"),
            ("name", "string"),
            ("code", "string"),
        ],
        rows: |r, _| languages(r),
        detail: Detail::Listing,
    },
    TableDef {
        name: "accessibility",
        path: "accessibility.csv",
        fields: &[
            ("id", "string"),
            ("location_id", "string"),
            ("description", "string"),
        ],
        rows: |r, _| accessibility(r),
        detail: Detail::Listing,
    },
    TableDef {
        name: "attribute",
        path: "attributes.csv",
        fields: &[
            ("id", "string"),
            ("link_id", "string"),
            ("taxonomy_term_id", "string"),
            ("link_type", "string"),
            ("link_entity", "string"),
            ("value", "string"),
        ],
        rows: |r, _| attributes(r),
        detail: Detail::Full,
    },
];

/// The two reference tables, the same for every listing.
const TAXONOMY_FIELDS: &[(&str, &str)] = &[
    ("id", "string"),
    ("name", "string"),
    ("description", "string"),
    ("uri", "string"),
];
const TERM_FIELDS: &[(&str, &str)] = &[
    ("id", "string"),
    ("code", "string"),
    ("name", "string"),
    ("description", "string"),
    ("taxonomy", "string"),
    ("taxonomy_id", "string"),
];

/// `GET /hsds/datapackage.json`: the tabular data package's descriptor. Its resources'
/// paths are relative (`data/services.csv`), so they resolve beside it.
pub async fn show_datapackage(State(state): State<AppState>) -> Json<Value> {
    let resource = |name: &str, path: &str, fields: &[(&str, &str)]| {
        json!({
            "name": name,
            "path": format!("data/{path}"),
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {
                "fields": fields.iter().map(|(n, t)| json!({ "name": n, "type": t })).collect::<Vec<_>>(),
                "primaryKey": ["id"],
            },
        })
    };
    let mut resources: Vec<Value> = TABLES
        .iter()
        .map(|t| resource(t.name, t.path, t.fields))
        .collect();
    resources.push(resource("taxonomy", "taxonomies.csv", TAXONOMY_FIELDS));
    resources.push(resource("taxonomy_term", "taxonomy_terms.csv", TERM_FIELDS));
    Json(json!({
        "name": "therapist-finder-hsds",
        "title": "Clinical massage therapists: the public directory in HSDS 3.0",
        "profile": "tabular-data-package",
        "created": Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "homepage": state.public_url.to_string(),
        "licenses": [{
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0"
        }],
        "resources": resources,
    }))
}

/// One CSV line of `fields` from `row` (a missing field is an empty cell).
pub(super) fn csv_line(fields: &[(&str, &str)], row: &Value) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let cells: Vec<String> = fields
        .iter()
        .map(|(name, _)| match &row[*name] {
            Value::Null => String::new(),
            // Text from listings may open in a spreadsheet: never as a formula.
            Value::String(s) => spreadsheet_safe(s).into_owned(),
            other => other.to_string(),
        })
        .collect();
    // Writing to memory cannot fail.
    let _ = writer.write_record(&cells);
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The header line: the column names.
pub(super) fn csv_header(fields: &[(&str, &str)]) -> String {
    let names: Map<String, Value> = fields
        .iter()
        .map(|(n, _)| ((*n).to_owned(), json!(*n)))
        .collect();
    csv_line(fields, &Value::Object(names))
}

/// `GET /hsds/data/{file}`: one table of the data package, streamed.
pub async fn export_table(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let csv_type = || {
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ]
    };
    let site = state.public_url.to_string();
    let small = |fields: &[(&str, &str)], rows: Vec<Value>| {
        let mut body = csv_header(fields);
        for row in &rows {
            body.push_str(&csv_line(fields, row));
        }
        (csv_type(), body).into_response()
    };
    match file.as_str() {
        "taxonomies.csv" => return Ok(small(TAXONOMY_FIELDS, vec![taxonomy(&site)])),
        "taxonomy_terms.csv" => {
            return Ok(small(
                TERM_FIELDS,
                state.catalogue.modalities.iter().map(term).collect(),
            ));
        }
        _ => {}
    }
    let table = TABLES.iter().find(|t| t.path == file).ok_or_else(|| {
        AppError::NotFound("There is no such table; see /hsds/datapackage.json.".into())
    })?;
    let permit = super::super::bulk_permit(&state)?;
    let (fields, rows) = (table.fields, table.rows);
    let body = super::super::stream_pages(
        permit,
        state.db.clone(),
        TABLE_PAGE,
        table.detail,
        csv_header(fields),
        move |page| {
            let mut out = String::new();
            for record in page {
                for row in rows(record, &site) {
                    out.push_str(&csv_line(fields, &row));
                }
            }
            out
        },
    );
    Ok((csv_type(), Body::from_stream(body)).into_response())
}
