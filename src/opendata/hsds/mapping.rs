//! Our listings as HSDS records: ids, and the organization, service, location, service
//! at location and taxonomy objects, with the paged envelope the API answers in.

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use crate::{
    i18n::{self, Lang},
    practitioners::records::PublicRecord,
    reference::ModalityDef,
};

/// The kinds of record an HSDS id can name: the first group of its UUID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub(super) enum Table {
    Organization = 1,
    Service = 2,
    Location = 3,
    ServiceAtLocation = 4,
    Address = 5,
    Phone = 6,
    Language = 7,
    Accessibility = 8,
    Attribute = 9,
    Taxonomy = 10,
    TaxonomyTerm = 11,
    CostOption = 12,
}

/// The id of row `index` of `table` for listing `id`.
pub(super) fn uuid(table: Table, index: u16, id: i64) -> String {
    format!(
        "{:08x}-{index:04x}-8000-8000-{:012x}",
        table as u32,
        id & 0xffff_ffff_ffff
    )
}

/// The listing an id of `table` names, if it is one of ours.
pub(super) fn listing_of(table: Table, text: &str) -> Option<i64> {
    let parts: Vec<&str> = text.split('-').collect();
    let [kind, _, "8000", "8000", id] = parts.as_slice() else {
        return None;
    };
    (u32::from_str_radix(kind, 16).ok()? == table as u32 && id.len() == 12)
        .then(|| i64::from_str_radix(id, 16).ok())
        .flatten()
}

/// A modality's taxonomy term id: stable for its slug.
pub(super) fn term_id(slug: &str) -> String {
    let digest = Sha256::digest(slug.as_bytes());
    let mut n = 0_i64;
    for byte in &digest[..6] {
        n = (n << 8) | i64::from(*byte);
    }
    uuid(Table::TaxonomyTerm, 0, n)
}

pub(super) fn taxonomy_id() -> String {
    uuid(Table::Taxonomy, 0, 1)
}

fn profile_url(state_url: &str, r: &PublicRecord) -> String {
    format!("{state_url}/p/{}", r.slug)
}

/// Drops the keys whose value is null: HSDS leaves absent what is unknown.
fn compact(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .collect::<Map<_, _>>(),
        ),
        other => other,
    }
}

/// An absolute http(s) URL, or nothing: the schema's `uri` format allows no other.
fn web_address(text: Option<&str>) -> Option<String> {
    let parsed = url::Url::parse(text?.trim()).ok()?;
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
}

pub(super) fn organization(r: &PublicRecord, site: &str) -> Value {
    let description = if r.bio.trim().is_empty() {
        format!("The massage therapy practice of {}.", r.display_name)
    } else {
        r.bio.clone()
    };
    compact(json!({
        "id": uuid(Table::Organization, 0, r.id),
        "name": r.practice_name(),
        "description": description,
        "email": r.email,
        "website": web_address(r.website.as_deref()),
        "uri": profile_url(site, r),
    }))
}

fn licences_text(r: &PublicRecord) -> Option<String> {
    let parts: Vec<String> = r
        .licences
        .iter()
        .map(|l| {
            let state = match (l.status.as_str(), l.verified_on) {
                ("verified", Some(on)) => format!("verified {on}"),
                ("verified", None) => "verified".to_owned(),
                (other, _) => other.to_owned(),
            };
            let board = l.board_name.as_deref().unwrap_or(&l.jurisdiction);
            format!("{} {} ({board}; {state})", l.jurisdiction, l.number)
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

pub(super) fn service(r: &PublicRecord, site: &str) -> Value {
    let description = if r.bio.trim().is_empty() {
        format!(
            "Massage therapy with {}; {} hours of recorded training.",
            r.display_name, r.training_hours
        )
    } else {
        r.bio.clone()
    };
    let accepting = match r.accepting {
        Some(true) => Some("Accepting new clients."),
        Some(false) => Some("Not accepting new clients at present."),
        None => None,
    };
    compact(json!({
        "id": uuid(Table::Service, 0, r.id),
        "organization_id": uuid(Table::Organization, 0, r.id),
        "name": format!("Massage therapy with {}", r.display_name),
        "description": description,
        "url": profile_url(site, r),
        "email": r.email,
        "status": "active",
        "application_process": "Request an appointment through the practitioner's profile page.",
        "wait_time": accepting,
        "licenses": licences_text(r),
        "alert": r.is_demo.then_some("Demo listing: generated sample data, not a real practitioner."),
        "last_modified": r.updated_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    }))
}

pub(super) fn location(r: &PublicRecord, site: &str) -> Value {
    let description = r.address_line.is_none().then(|| {
        format!(
            "{}, {}: the city only; this practitioner does not publish a street address.",
            r.city, r.region
        )
    });
    compact(json!({
        "id": uuid(Table::Location, 0, r.id),
        "location_type": "physical",
        "url": profile_url(site, r),
        "organization_id": uuid(Table::Organization, 0, r.id),
        "name": r.practice_name(),
        "description": description,
        "latitude": r.position.map(|p| p.0),
        "longitude": r.position.map(|p| p.1),
    }))
}

/// The street address, when both a street and a postal code are published (HSDS
/// requires both).
pub(super) fn address(r: &PublicRecord) -> Option<Value> {
    let (line, postal_code) = (r.address_line.as_ref()?, r.postal_code.as_ref()?);
    Some(json!({
        "id": uuid(Table::Address, 0, r.id),
        "location_id": uuid(Table::Location, 0, r.id),
        "address_1": line,
        "city": r.city,
        "state_province": r.region,
        "postal_code": postal_code,
        "country": r.country,
        "address_type": "physical",
    }))
}

pub(super) fn service_at_location(r: &PublicRecord) -> Value {
    json!({
        "id": uuid(Table::ServiceAtLocation, 0, r.id),
        "service_id": uuid(Table::Service, 0, r.id),
        "location_id": uuid(Table::Location, 0, r.id),
    })
}

pub(super) fn phones(r: &PublicRecord) -> Vec<Value> {
    r.phone
        .iter()
        .map(|number| {
            json!({
                "id": uuid(Table::Phone, 0, r.id),
                "service_id": uuid(Table::Service, 0, r.id),
                "number": number,
                "type": "voice",
            })
        })
        .collect()
}

pub(super) fn languages(r: &PublicRecord) -> Vec<Value> {
    r.languages
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let name = i18n::text(Lang::english(), &format!("language-{code}"));
            json!({
                "id": uuid(Table::Language, i as u16, r.id),
                "service_id": uuid(Table::Service, 0, r.id),
                "name": name,
                "code": code,
            })
        })
        .collect()
}

pub(super) fn accessibility(r: &PublicRecord) -> Vec<Value> {
    r.accessibility
        .iter()
        .enumerate()
        .map(|(i, slug)| {
            let description = crate::policy::ACCESSIBILITY
                .iter()
                .find(|(s, _)| s == slug)
                .map_or(slug.as_str(), |(_, d)| d);
            json!({
                "id": uuid(Table::Accessibility, i as u16, r.id),
                "location_id": uuid(Table::Location, 0, r.id),
                "description": description,
            })
        })
        .collect()
}

/// The service's prices, one cost option per session length; what the practice
/// accepts (HSA/FSA cards, injury claims) is said in each option's description.
pub(super) fn cost_options(r: &PublicRecord) -> Vec<Value> {
    let paid_with: Vec<String> = crate::policy::PAYMENT_OPTIONS
        .iter()
        .filter(|c| r.payment.iter().any(|p| p == *c))
        .map(|c| i18n::text(Lang::english(), &format!("payment-{c}")))
        .collect();
    r.prices
        .iter()
        .enumerate()
        .map(|(i, price)| {
            let mut description = format!("A {}-minute massage session.", price.minutes);
            if !paid_with.is_empty() {
                description.push_str(&format!(" Accepted: {}.", paid_with.join("; ")));
            }
            json!({
                "id": uuid(Table::CostOption, i as u16, r.id),
                "service_id": uuid(Table::Service, 0, r.id),
                "option": format!("{} minutes", price.minutes),
                "currency": r.currency,
                "amount": price.amount,
                "amount_description": description,
            })
        })
        .collect()
}

/// The service's modalities, as attributes pointing at taxonomy terms.
pub(super) fn attributes(r: &PublicRecord) -> Vec<Value> {
    r.modalities
        .iter()
        .enumerate()
        .map(|(i, slug)| {
            json!({
                "id": uuid(Table::Attribute, i as u16, r.id),
                "link_id": uuid(Table::Service, 0, r.id),
                "taxonomy_term_id": term_id(slug),
                "link_type": "modality",
                "link_entity": "service",
                "value": slug,
            })
        })
        .collect()
}

pub(super) fn taxonomy(site: &str) -> Value {
    json!({
        "id": taxonomy_id(),
        "name": "Massage modalities",
        "description": "The techniques a practitioner in this directory offers.",
        "uri": format!("{site}/fhir/CodeSystem/modality"),
    })
}

pub(super) fn term(m: &ModalityDef) -> Value {
    json!({
        "id": term_id(&m.slug),
        "code": m.slug,
        "name": m.name,
        "description": m.description,
        "taxonomy": "Massage modalities",
        "taxonomy_id": taxonomy_id(),
    })
}

pub(super) fn with(mut object: Value, key: &str, value: Value) -> Value {
    object[key] = value;
    object
}

/// The whole service: its phones, languages, modalities, location and practice.
pub(super) fn full_service(r: &PublicRecord, site: &str, modalities: &[ModalityDef]) -> Value {
    let mut s = service(r, site);
    s["phones"] = json!(phones(r));
    s["languages"] = json!(languages(r));
    s["cost_options"] = json!(cost_options(r));
    s["attributes"] = json!(
        attributes(r)
            .into_iter()
            .map(|a| {
                let slug = a["value"].as_str().unwrap_or_default().to_owned();
                match modalities.iter().find(|m| m.slug == slug) {
                    Some(m) => with(a, "taxonomy_term", term(m)),
                    None => a,
                }
            })
            .collect::<Vec<_>>()
    );
    s["service_at_locations"] = json!([with(
        service_at_location(r),
        "location",
        full_location(r, site)
    )]);
    s["organization"] = organization(r, site);
    s
}

pub(super) fn full_location(r: &PublicRecord, site: &str) -> Value {
    let mut l = location(r, site);
    l["addresses"] = json!(address(r).into_iter().collect::<Vec<_>>());
    l["accessibility"] = json!(accessibility(r));
    l
}

/// HSDS's paged envelope.
pub(super) fn envelope(total: u64, page: u64, per_page: u64, contents: Vec<Value>) -> Value {
    let total_pages = total.div_ceil(per_page.max(1));
    json!({
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": contents.len(),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": contents.is_empty(),
        "contents": contents,
    })
}
