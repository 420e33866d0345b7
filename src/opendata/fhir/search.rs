//! FHIR search parameters: what each resource type accepts, parsed from the query
//! string into a filter on public records (or a `near` search of the index). Anything
//! not understood is an error naming the parameter, never silently ignored.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use super::resources::{Kind, MASSAGE_THERAPIST, NUCC, PLAN_NET, ROLE_CODE, role_system};
use crate::practitioners::records::{Bound, RecordFilter, Words};

/// Results per page when `_count` is not given.
pub const DEFAULT_COUNT: usize = 20;
/// The largest `_count`.
pub const MAX_COUNT: usize = 100;
/// The widest `near` distance, in kilometres: the site's own limit.
pub const MAX_NEAR_KM: f64 = 500.0;
/// The `near` distance when none is given, in kilometres.
pub const DEFAULT_NEAR_KM: f64 = 25.0;
/// Most values one `_id` or reference parameter may list.
const MAX_IDS: usize = 100;

/// A search parameter a resource type supports: name, FHIR type, where it is defined,
/// and what it matches here, for the CapabilityStatement.
pub struct ParamInfo {
    /// The parameter's name.
    pub name: &'static str,
    /// FHIR search parameter type.
    pub kind: &'static str,
    /// Its canonical definition.
    pub definition: String,
    /// What it matches on this server.
    pub documentation: &'static str,
}

fn base_param(resource: &str, name: &str) -> String {
    format!("http://hl7.org/fhir/SearchParameter/{resource}-{name}")
}

fn plan_net_param(resource: &str, name: &str) -> String {
    format!(
        "{PLAN_NET}/SearchParameter/{}-{name}",
        resource.to_lowercase()
    )
}

/// The parameters `kind` supports beyond `_count`, `_format` and the paging cursor.
pub fn params(kind: Kind) -> Vec<ParamInfo> {
    let r = kind.name();
    let p = |name, kind, definition, documentation| ParamInfo {
        name,
        kind,
        definition,
        documentation,
    };
    let mut out = vec![
        p(
            "_id",
            "token",
            "http://hl7.org/fhir/SearchParameter/Resource-id".into(),
            "One id or a comma-separated list (at most 100).",
        ),
        p(
            "_lastUpdated",
            "date",
            "http://hl7.org/fhir/SearchParameter/Resource-lastUpdated".into(),
            "With the prefixes eq, ge, gt, le and lt; repeat it for a range. Every resource of a listing changes together.",
        ),
    ];
    let nothing = "No resource here has one, so any value matches nothing.";
    match kind {
        Kind::Practitioner => {
            let words = "Every word must begin a word of the name (case-insensitive).";
            out.push(p("name", "string", base_param(r, "name"), words));
            out.push(p(
                "family",
                "string",
                plan_net_param(r, "family-name"),
                words,
            ));
            out.push(p("given", "string", plan_net_param(r, "given-name"), words));
            out.push(p(
                "communication",
                "token",
                base_param(r, "communication"),
                "A language the practitioner speaks: an ISO 639-1 code, with or without the system urn:ietf:bcp:47.",
            ));
        }
        Kind::PractitionerRole => {
            let refs = "A reference (Type/id or id); a comma-separated list matches any.";
            out.push(p(
                "practitioner",
                "reference",
                plan_net_param(r, "practitioner"),
                refs,
            ));
            out.push(p(
                "organization",
                "reference",
                plan_net_param(r, "organization"),
                refs,
            ));
            out.push(p(
                "location",
                "reference",
                plan_net_param(r, "location"),
                refs,
            ));
            out.push(p(
                "service",
                "reference",
                plan_net_param(r, "service"),
                refs,
            ));
            out.push(p(
                "role",
                "token",
                plan_net_param(r, "role"),
                "Every role is Plan-Net's `ma` (Massage Therapist).",
            ));
            out.push(p(
                "specialty",
                "token",
                plan_net_param(r, "specialty"),
                "Every role has NUCC 225700000X (Massage Therapist).",
            ));
            out.push(p(
                "network",
                "reference",
                plan_net_param(r, "network"),
                nothing,
            ));
            out.push(p(
                "endpoint",
                "reference",
                plan_net_param(r, "endpoint"),
                nothing,
            ));
        }
        Kind::Location => {
            out.push(p(
                "near",
                "special",
                base_param(r, "near"),
                "latitude|longitude|distance|unit, nearest first; the distance (km, or mi / [mi_i]) is at most 500 km and 25 km when left out. Combines only with _count.",
            ));
            out.push(p(
                "address",
                "string",
                plan_net_param(r, "address"),
                "Every word must begin a word of the published address.",
            ));
            out.push(p(
                "address-city",
                "string",
                plan_net_param(r, "address-city"),
                "The city starts with it.",
            ));
            out.push(p(
                "address-state",
                "string",
                plan_net_param(r, "address-state"),
                "The state code.",
            ));
            out.push(p(
                "address-postalcode",
                "string",
                plan_net_param(r, "address-postalcode"),
                "The postal code starts with it.",
            ));
            out.push(p(
                "organization",
                "reference",
                plan_net_param(r, "organization"),
                "A reference (Organization/id or id).",
            ));
            out.push(p("type", "token", plan_net_param(r, "type"), nothing));
            out.push(p(
                "partof",
                "reference",
                plan_net_param(r, "partof"),
                nothing,
            ));
            out.push(p(
                "endpoint",
                "reference",
                plan_net_param(r, "endpoint"),
                nothing,
            ));
        }
        Kind::Organization => {
            out.push(p(
                "name",
                "string",
                plan_net_param(r, "name"),
                "Every word must begin a word of the practice's name.",
            ));
            out.push(p(
                "address",
                "string",
                plan_net_param(r, "address"),
                "Every word must begin a word of the published address.",
            ));
            out.push(p(
                "type",
                "token",
                plan_net_param(r, "type"),
                "Every practice is a provider group (`prvgrp`).",
            ));
            out.push(p(
                "partof",
                "reference",
                plan_net_param(r, "partof"),
                nothing,
            ));
            out.push(p(
                "endpoint",
                "reference",
                plan_net_param(r, "endpoint"),
                nothing,
            ));
            out.push(p(
                "coverage-area",
                "reference",
                plan_net_param(r, "coverage-area"),
                nothing,
            ));
        }
        Kind::HealthcareService => {
            out.push(p(
                "name",
                "string",
                plan_net_param(r, "name"),
                "Every word must begin a word of the practice's name.",
            ));
            out.push(p(
                "organization",
                "reference",
                plan_net_param(r, "organization"),
                "A reference (Organization/id or id).",
            ));
            out.push(p(
                "location",
                "reference",
                plan_net_param(r, "location"),
                "A reference (Location/id or id).",
            ));
            out.push(p(
                "service-category",
                "token",
                plan_net_param(r, "service-category"),
                "Every service is Plan-Net's `prov` (Medical Provider).",
            ));
            out.push(p(
                "service-type",
                "token",
                plan_net_param(r, "service-type"),
                "A modality code from this server's CodeSystem/modality.",
            ));
            out.push(p(
                "specialty",
                "token",
                plan_net_param(r, "specialty"),
                "Every service has NUCC 225700000X (Massage Therapist).",
            ));
            out.push(p(
                "coverage-area",
                "reference",
                plan_net_param(r, "coverage-area"),
                nothing,
            ));
            out.push(p(
                "endpoint",
                "reference",
                plan_net_param(r, "endpoint"),
                nothing,
            ));
        }
    }
    out
}

/// The `_include` values PractitionerRole supports, with the kind each adds.
pub const INCLUDES: [(&str, Kind); 4] = [
    ("PractitionerRole:practitioner", Kind::Practitioner),
    ("PractitionerRole:organization", Kind::Organization),
    ("PractitionerRole:location", Kind::Location),
    ("PractitionerRole:service", Kind::HealthcareService),
];

/// A point and a distance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Near {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lng: f64,
    /// Radius in kilometres.
    pub radius_km: f64,
}

/// A parsed search.
#[derive(Debug, Clone, PartialEq)]
pub struct Search {
    /// Which listings.
    pub filter: RecordFilter,
    /// A `near` search (Location only), answered by the search index.
    pub near: Option<Near>,
    /// Results per page.
    pub count: usize,
    /// Where the page starts: the last id of the page before (or, for `near`, how many
    /// results to skip).
    pub cursor: u64,
    /// Resources to include beside each match.
    pub include: Vec<Kind>,
}

/// Why a search was refused: the parameter and what is wrong with it, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamError(pub String);

/// The most times one parameter may be given: enough for any real search (a range of
/// `_lastUpdated` is two), far below what would strain the database's statement.
pub const MAX_REPEATS: usize = 10;

/// Parses `pairs` as a search of `kind`. `modalities` are the modality codes that exist.
pub fn parse(
    kind: Kind,
    pairs: &[(String, String)],
    modalities: &[String],
) -> Result<Search, ParamError> {
    let known = params(kind);
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (key, _) in pairs {
        let times = seen.entry(key.as_str()).or_default();
        *times += 1;
        if *times > MAX_REPEATS {
            return Err(ParamError(format!(
                "`{}` is given more than {MAX_REPEATS} times; combine the values instead.",
                shorten(key)
            )));
        }
    }
    let mut search = Search {
        filter: RecordFilter::default(),
        near: None,
        count: DEFAULT_COUNT,
        cursor: 0,
        include: Vec::new(),
    };
    let mut others = Vec::new();
    for (key, value) in pairs {
        let value = value.trim();
        if key.contains(':') {
            return Err(ParamError(format!(
                "Search modifiers are not supported here (`{}`).",
                shorten(key)
            )));
        }
        match key.as_str() {
            "_count" => {
                search.count = value
                    .parse()
                    .ok()
                    .filter(|n| *n <= MAX_COUNT)
                    .ok_or_else(|| {
                        ParamError(format!(
                            "_count must be a whole number from 0 to {MAX_COUNT}."
                        ))
                    })?;
                continue;
            }
            "_cursor" => {
                search.cursor = value
                    .parse()
                    .map_err(|_| ParamError("_cursor must be a value from a next link.".into()))?;
                continue;
            }
            "_format" => {
                if !matches!(value, "json" | "application/json" | "application/fhir+json") {
                    return Err(ParamError(
                        "_format: this server speaks JSON only (application/fhir+json).".into(),
                    ));
                }
                continue;
            }
            "_include" if kind == Kind::PractitionerRole => {
                include(value, &mut search.include)?;
                continue;
            }
            _ => {}
        }
        if !known.iter().any(|p| p.name == key) {
            return Err(ParamError(format!(
                "{} is not a search parameter of {} here; see /fhir/metadata.",
                shorten(key),
                kind.name()
            )));
        }
        if value.is_empty() {
            return Err(ParamError(format!("{key} needs a value.")));
        }
        if key == "near" {
            search.near = Some(near(value)?);
        } else {
            others.push(key.as_str());
            apply(kind, key, value, modalities, &mut search.filter)?;
        }
    }
    if search.near.is_some() && !others.is_empty() {
        return Err(ParamError(format!(
            "near combines only with _count; remove {}.",
            others.join(", ")
        )));
    }
    Ok(search)
}

fn include(value: &str, kinds: &mut Vec<Kind>) -> Result<(), ParamError> {
    let wanted: Vec<Kind> = if value == "*" {
        INCLUDES.iter().map(|(_, k)| *k).collect()
    } else {
        let found = INCLUDES
            .iter()
            .find(|(name, kind)| value == *name || value == format!("{name}:{}", kind.name()));
        match found {
            Some((_, kind)) => vec![*kind],
            None => {
                return Err(ParamError(format!(
                    "_include {} is not supported; use one of {} or *.",
                    shorten(value),
                    INCLUDES.map(|(n, _)| n).join(", ")
                )));
            }
        }
    };
    for kind in wanted {
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    Ok(())
}

fn apply(
    kind: Kind,
    key: &str,
    value: &str,
    modalities: &[String],
    filter: &mut RecordFilter,
) -> Result<(), ParamError> {
    let words = |filter: &mut RecordFilter, target| {
        filter
            .add_words(target, value)
            .map_err(|why| ParamError(format!("{key}: {why}")))
    };
    match (kind, key) {
        (_, "_id") => narrow_ids(filter, ids(key, value, None)?),
        (_, "_lastUpdated") => filter.changed.extend(last_updated(value)?),
        (Kind::Practitioner, "name" | "family" | "given") => words(filter, Words::Name)?,
        (Kind::Practitioner, "communication") => {
            match value.strip_prefix("urn:ietf:bcp:47|").unwrap_or(value) {
                code if crate::policy::is_spoken_language(code) => {
                    filter.language = Some(code.to_owned());
                }
                _ => filter.nothing = true,
            }
        }
        (Kind::Organization | Kind::HealthcareService, "name") => {
            words(filter, Words::Practice)?;
        }
        (_, "address") => words(filter, Words::Address)?,
        (_, "address-city") => filter.city = Some(value.to_owned()),
        (_, "address-state") => filter.region = Some(value.to_owned()),
        (_, "address-postalcode") => filter.postal_code = Some(value.to_owned()),
        (_, "practitioner") => narrow_ids(filter, ids(key, value, Some(Kind::Practitioner))?),
        (_, "organization") => narrow_ids(filter, ids(key, value, Some(Kind::Organization))?),
        (_, "location") => narrow_ids(filter, ids(key, value, Some(Kind::Location))?),
        (_, "service") => narrow_ids(filter, ids(key, value, Some(Kind::HealthcareService))?),
        (_, "role") => filter.nothing |= !token_matches(value, &role_system(), ROLE_CODE),
        (_, "specialty") => filter.nothing |= !token_matches(value, NUCC, MASSAGE_THERAPIST),
        (Kind::Organization, "type") => {
            let system = format!("{PLAN_NET}/CodeSystem/OrgTypeCS");
            filter.nothing |= !token_matches(value, &system, "prvgrp");
        }
        (_, "service-category") => {
            let system = format!("{PLAN_NET}/CodeSystem/HealthcareServiceCategoryCS");
            filter.nothing |= !token_matches(value, &system, "prov");
        }
        (_, "service-type") => {
            if value.contains(',') {
                return Err(ParamError(
                    "service-type takes one modality at a time.".into(),
                ));
            }
            let code = value.rsplit('|').next().unwrap_or_default();
            if modalities.iter().any(|m| m == code) {
                filter.modality = Some(code.to_owned());
            } else {
                filter.nothing = true;
            }
        }
        // Endpoints, networks, coverage areas, parent locations and location types:
        // nothing here has one.
        _ => filter.nothing = true,
    }
    Ok(())
}

/// Intersects the ids a filter admits with `ids`.
fn narrow_ids(filter: &mut RecordFilter, ids: Vec<i64>) {
    filter.ids = Some(match filter.ids.take() {
        Some(before) => before.into_iter().filter(|id| ids.contains(id)).collect(),
        None => ids,
    });
}

/// A comma-separated list of ids or references to `target` (`Type/id`). A value that
/// names no possible resource (another type, a non-numeric id) matches nothing.
fn ids(key: &str, value: &str, target: Option<Kind>) -> Result<Vec<i64>, ParamError> {
    let parts: Vec<&str> = value.split(',').map(str::trim).collect();
    if parts.len() > MAX_IDS {
        return Err(ParamError(format!("{key} lists at most {MAX_IDS} values.")));
    }
    Ok(parts
        .into_iter()
        .filter_map(|part| {
            let id = match (target, part.split_once('/')) {
                (Some(kind), Some((type_name, id))) => {
                    let type_name = type_name.rsplit('/').next().unwrap_or(type_name);
                    (type_name == kind.name()).then_some(id)?
                }
                _ => part,
            };
            id.parse::<i64>().ok()
        })
        .collect())
}

/// Whether a token parameter's value (`code`, `system|code` or `|code`, comma-separated
/// for any) names `system|code`.
fn token_matches(value: &str, system: &str, code: &str) -> bool {
    value
        .split(',')
        .map(str::trim)
        .any(|v| match v.split_once('|') {
            Some((s, c)) => c == code && (s.is_empty() || s == system),
            None => v == code,
        })
}

/// `_lastUpdated`: a prefix (eq, ge, gt, le, lt; eq when none) and a date or time
/// (`2026`, `2026-11`, `2026-11-20`, or `2026-11-20T10:00:00Z`), as bounds on the
/// last change. A date stands for its whole span: `eq2026-11-20` is that day.
fn last_updated(value: &str) -> Result<Vec<(Bound, DateTime<Utc>)>, ParamError> {
    let bad = || {
        ParamError(format!(
            "_lastUpdated must be a date or time such as ge2026-11-20 or lt2026-11-20T10:00:00Z, not {}.",
            shorten(value)
        ))
    };
    let (prefix, rest) = match value.get(..2) {
        Some(p @ ("eq" | "ge" | "gt" | "le" | "lt" | "ne" | "sa" | "eb" | "ap")) => {
            (p, &value[2..])
        }
        _ => ("eq", value),
    };
    let (start, end) = span(rest).ok_or_else(bad)?;
    Ok(match prefix {
        "eq" => vec![(Bound::From, start), (Bound::Before, end)],
        "ge" => vec![(Bound::From, start)],
        "gt" => vec![(Bound::From, end)],
        "le" => vec![(Bound::Before, end)],
        "lt" => vec![(Bound::Before, start)],
        other => {
            return Err(ParamError(format!(
                "_lastUpdated takes the prefixes eq, ge, gt, le and lt, not {other}."
            )));
        }
    })
}

/// The span of time a FHIR date or dateTime covers: [start, end).
fn span(text: &str) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let day = |d: NaiveDate| Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default());
    match text.len() {
        4 => {
            let year: i32 = text.parse().ok()?;
            Some((
                day(NaiveDate::from_ymd_opt(year, 1, 1)?),
                day(NaiveDate::from_ymd_opt(year + 1, 1, 1)?),
            ))
        }
        7 => {
            let start = NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d").ok()?;
            let end = start.checked_add_months(chrono::Months::new(1))?;
            Some((day(start), day(end)))
        }
        10 => {
            let d = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
            Some((day(d), day(d.succ_opt()?)))
        }
        _ => {
            let at = DateTime::parse_from_rfc3339(text).ok()?.with_timezone(&Utc);
            Some((at, at + Duration::seconds(1)))
        }
    }
}

/// `near=latitude|longitude|distance|unit`.
fn near(value: &str) -> Result<Near, ParamError> {
    let bad = |why: &str| ParamError(format!("near: {why}"));
    let parts: Vec<&str> = value.split('|').collect();
    if !(2..=4).contains(&parts.len()) {
        return Err(bad(
            "write latitude|longitude|distance|unit, such as 30.27|-97.74|10|km.",
        ));
    }
    let number = |s: &str| s.trim().parse::<f64>().ok().filter(|v| v.is_finite());
    let lat = number(parts[0])
        .filter(|v| (-90.0..=90.0).contains(v))
        .ok_or_else(|| bad("the latitude must be a number from -90 to 90."))?;
    let lng = number(parts[1])
        .filter(|v| (-180.0..=180.0).contains(v))
        .ok_or_else(|| bad("the longitude must be a number from -180 to 180."))?;
    let distance = match parts.get(2).map(|s| s.trim()).filter(|s| !s.is_empty()) {
        Some(d) => Some(
            number(d)
                .filter(|v| *v > 0.0)
                .ok_or_else(|| bad("the distance must be a number above 0."))?,
        ),
        None => None,
    };
    let per_unit = match parts.get(3).map(|s| s.trim()).unwrap_or("km") {
        "km" | "" => 1.0,
        "mi" | "[mi_i]" => crate::policy::KM_PER_MILE,
        _ => return Err(bad("the unit must be km, mi or [mi_i].")),
    };
    let radius_km = distance.map_or(DEFAULT_NEAR_KM, |d| d * per_unit);
    if radius_km > MAX_NEAR_KM {
        return Err(bad("the distance may be at most 500 km (310 mi)."));
    }
    Ok(Near {
        lat,
        lng,
        radius_km,
    })
}

/// A value quoted in a message, cut to 40 characters.
pub fn shorten(text: &str) -> String {
    let mut out: String = text.chars().filter(|c| !c.is_control()).take(40).collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests;
