//! A public record as FHIR R4 resources of the Da Vinci PDex Plan-Net profiles. Every
//! listing gives five resources, all named by the listing's id: the Practitioner, the
//! practice (Organization), its Location, the massage HealthcareService offered there,
//! and the PractitionerRole tying them together.

use serde_json::{Value, json};

use crate::practitioners::records::{Detail, PublicLicence, PublicRecord};

/// The Plan-Net implementation guide's canonical base.
pub const PLAN_NET: &str = "http://hl7.org/fhir/us/davinci-pdex-plan-net";
/// The NUCC provider taxonomy.
pub const NUCC: &str = "http://nucc.org/provider-taxonomy";
/// NUCC's Massage Therapist.
pub const MASSAGE_THERAPIST: &str = "225700000X";
/// Plan-Net's provider role code for a massage therapist.
pub const ROLE_CODE: &str = "ma";
/// The provider role code system.
pub fn role_system() -> String {
    format!("{PLAN_NET}/CodeSystem/ProviderRoleCS")
}
/// The tag FHIR gives test data (HL7 v3 ActReason `HTEST`): demo listings carry it.
const ACT_REASON: &str = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

/// The five resource types a listing is published as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The person.
    Practitioner,
    /// The person in their practice: role, specialty, contact, new clients.
    PractitionerRole,
    /// Where the practice is.
    Location,
    /// The practice.
    Organization,
    /// Massage therapy at the practice, with the modalities offered.
    HealthcareService,
}

impl Kind {
    /// Every kind, in the order the bulk download lists them.
    pub const ALL: [Kind; 5] = [
        Kind::Practitioner,
        Kind::PractitionerRole,
        Kind::Location,
        Kind::Organization,
        Kind::HealthcareService,
    ];

    /// The FHIR resource type name.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Practitioner => "Practitioner",
            Kind::PractitionerRole => "PractitionerRole",
            Kind::Location => "Location",
            Kind::Organization => "Organization",
            Kind::HealthcareService => "HealthcareService",
        }
    }

    /// The kind named `name`, if it is one of the five.
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// What of a record this resource is built from: the Practitioner needs the
    /// licences, the HealthcareService the modalities, the rest only the listing.
    pub fn detail(self) -> Detail {
        match self {
            Kind::Practitioner | Kind::HealthcareService => Detail::Full,
            Kind::PractitionerRole | Kind::Location | Kind::Organization => Detail::Listing,
        }
    }

    /// The Plan-Net profile each resource claims.
    pub fn profile(self) -> String {
        format!("{PLAN_NET}/StructureDefinition/plannet-{}", self.name())
    }
}

/// Where the server's own code systems and extensions live.
#[derive(Debug, Clone)]
pub struct Base {
    /// The FHIR base URL, e.g. `https://example.org/fhir`.
    pub fhir: String,
    /// The site's public URL, for links to profile pages.
    pub site: String,
}

impl Base {
    /// The canonical URL of one of the server's code systems.
    pub fn code_system(&self, id: &str) -> String {
        format!("{}/CodeSystem/{id}", self.fhir)
    }
}

/// The resource of kind `kind` for `record`.
pub fn resource(kind: Kind, record: &PublicRecord, base: &Base) -> Value {
    let mut resource = match kind {
        Kind::Practitioner => practitioner(record, base),
        Kind::PractitionerRole => practitioner_role(record),
        Kind::Location => location(record, base),
        Kind::Organization => organization(record),
        Kind::HealthcareService => healthcare_service(record, base),
    };
    let mut meta = json!({
        "lastUpdated": record.updated_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "profile": [kind.profile()],
    });
    if record.is_demo {
        meta["tag"] = json!([{
            "system": ACT_REASON,
            "code": "HTEST",
            "display": "test health data"
        }]);
    }
    resource["resourceType"] = json!(kind.name());
    resource["id"] = json!(record.id.to_string());
    resource["meta"] = meta;
    resource
}

/// `Kind/id` for the listing's resource of `kind`.
pub fn reference(kind: Kind, id: i64) -> Value {
    json!({ "reference": format!("{}/{id}", kind.name()) })
}

fn practitioner(r: &PublicRecord, base: &Base) -> Value {
    let mut words: Vec<&str> = r.display_name.split_whitespace().collect();
    let family = words.pop().unwrap_or_default();
    let mut name = json!({ "text": r.display_name, "family": family });
    if !words.is_empty() {
        name["given"] = json!(words);
    }
    let mut identifiers = vec![json!({
        "system": format!("{}/p", base.site),
        "value": r.slug,
    })];
    if let Some(npi) = &r.npi {
        identifiers.push(json!({
            "use": "official",
            "type": {
                "coding": [{
                    "system": "http://terminology.hl7.org/CodeSystem/v2-0203",
                    "code": "NPI",
                    "display": "National provider identifier",
                }],
            },
            "system": "http://hl7.org/fhir/sid/us-npi",
            "value": npi,
        }));
    }
    let mut out = json!({
        "identifier": identifiers,
        "active": true,
        "name": [name],
    });
    let qualifications: Vec<Value> = r.licences.iter().map(qualification).collect();
    if !qualifications.is_empty() {
        out["qualification"] = json!(qualifications);
    }
    let communication: Vec<Value> = r.languages.iter().map(|code| language(code)).collect();
    if !communication.is_empty() {
        out["communication"] = json!(communication);
    }
    out
}

/// A licence as a qualification: the number, NUCC's Massage Therapist as the code, the
/// board as issuer, the validity period, and Plan-Net's extension with the status
/// (verified = active) and the state where it is valid. How and when it was verified
/// is in the code's text, in words.
fn qualification(l: &PublicLicence) -> Value {
    let status = match l.status.as_str() {
        "verified" => "active",
        "pending" => "pending",
        "expired" => "inactive",
        _ => "unknown",
    };
    let mut extension = vec![json!({ "url": "status", "valueCode": status })];
    if is_us_state(&l.jurisdiction) {
        extension.push(json!({
            "url": "whereValid",
            "valueCodeableConcept": {
                "coding": [{ "system": "https://www.usps.com/", "code": l.jurisdiction }]
            }
        }));
    }
    let what = if l.kind == "board_certification" {
        "Board certification in therapeutic massage"
    } else {
        "State massage therapy licence"
    };
    let place = l.jurisdiction_name.as_deref().unwrap_or(&l.jurisdiction);
    let text = match (
        &l.status[..],
        l.verified_on,
        l.verification_method.as_deref(),
    ) {
        ("verified", Some(on), Some("roster")) => {
            format!("{what} ({place}), verified against the board's roster on {on}")
        }
        ("verified", Some(on), _) => {
            format!("{what} ({place}), verified by the directory on {on}")
        }
        ("pending", ..) => format!("{what} ({place}), not yet verified"),
        ("expired", ..) => format!("{what} ({place}), expired"),
        _ => format!("{what} ({place})"),
    };
    let mut q = json!({
        "extension": [{
            "url": format!("{PLAN_NET}/StructureDefinition/practitioner-qualification"),
            "extension": extension,
        }],
        "identifier": [{ "value": l.number }],
        "code": {
            "coding": [{ "system": NUCC, "code": MASSAGE_THERAPIST, "display": "Massage Therapist" }],
            "text": text,
        },
    });
    if let Some(end) = l.expires_on {
        q["period"] = json!({ "end": end.to_string() });
    }
    if let Some(board) = &l.board_name {
        q["issuer"] = json!({ "display": board });
    }
    q
}

fn is_us_state(code: &str) -> bool {
    const STATES: [&str; 56] = [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
        "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
        "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
        "VT", "VA", "WA", "WV", "WI", "WY", "AS", "GU", "MP", "PR", "VI",
    ];
    STATES.contains(&code)
}

/// A spoken language, its display in English as the code system's displays are.
fn language(code: &str) -> Value {
    let display = crate::i18n::text(crate::i18n::Lang::english(), &format!("language-{code}"));
    json!({
        "coding": [{ "system": "urn:ietf:bcp:47", "code": code, "display": display }],
        "text": display,
    })
}

fn telecom(r: &PublicRecord) -> Vec<Value> {
    let mut out = Vec::new();
    if let Some(phone) = &r.phone {
        out.push(json!({ "system": "phone", "value": phone, "use": "work" }));
    }
    if let Some(email) = &r.email {
        out.push(json!({ "system": "email", "value": email, "use": "work" }));
    }
    if let Some(site) = &r.website {
        out.push(json!({ "system": "url", "value": site, "use": "work" }));
    }
    out
}

fn address(r: &PublicRecord) -> Value {
    let mut a = json!({
        "use": "work",
        "type": "physical",
        "city": r.city,
        "state": r.region,
        "country": r.country,
    });
    let mut text = Vec::new();
    if let Some(line) = &r.address_line {
        a["line"] = json!([line]);
        text.push(line.clone());
    }
    text.push(format!("{}, {}", r.city, r.region));
    if let Some(postal_code) = &r.postal_code {
        a["postalCode"] = json!(postal_code);
        if let Some(last) = text.last_mut() {
            last.push(' ');
            last.push_str(postal_code);
        }
    }
    a["text"] = json!(text.join(", "));
    a
}

/// Plan-Net's new-patients extension, when the answer is current.
fn new_patients(r: &PublicRecord) -> Option<Value> {
    let code = match r.accepting? {
        true => ("newpt", "Accepting"),
        false => ("nopt", "Not Accepting"),
    };
    Some(json!({
        "url": format!("{PLAN_NET}/StructureDefinition/newpatients"),
        "extension": [{
            "url": "acceptingPatients",
            "valueCodeableConcept": {
                "coding": [{
                    "system": format!("{PLAN_NET}/CodeSystem/AcceptingPatientsCS"),
                    "code": code.0,
                    "display": code.1,
                }]
            }
        }]
    }))
}

fn practitioner_role(r: &PublicRecord) -> Value {
    let mut out = json!({
        "active": true,
        "practitioner": reference(Kind::Practitioner, r.id),
        "organization": reference(Kind::Organization, r.id),
        "code": [{
            "coding": [{ "system": role_system(), "code": ROLE_CODE, "display": "Massage Therapist" }]
        }],
        "specialty": [specialty()],
        "location": [reference(Kind::Location, r.id)],
        "healthcareService": [reference(Kind::HealthcareService, r.id)],
    });
    let telecom = telecom(r);
    if !telecom.is_empty() {
        out["telecom"] = json!(telecom);
    }
    if let Some(ext) = new_patients(r) {
        out["extension"] = json!([ext]);
    }
    out
}

fn specialty() -> Value {
    json!({
        "coding": [{ "system": NUCC, "code": MASSAGE_THERAPIST, "display": "Massage Therapist" }]
    })
}

fn location(r: &PublicRecord, base: &Base) -> Value {
    let mut out = json!({
        "status": "active",
        "name": r.practice_name(),
        "address": address(r),
        "managingOrganization": reference(Kind::Organization, r.id),
    });
    if r.address_line.is_none() {
        out["description"] =
            json!("The city only: this practitioner does not publish a street address.");
    }
    if let Some((lat, lng)) = r.position {
        out["position"] = json!({ "latitude": lat, "longitude": lng });
    }
    if let Some(phone) = &r.phone {
        out["telecom"] = json!([{ "system": "phone", "value": phone, "use": "work" }]);
    }
    let mut extension: Vec<Value> = new_patients(r).into_iter().collect();
    extension.extend(r.accessibility.iter().map(|slug| accessibility(slug, base)));
    if !extension.is_empty() {
        out["extension"] = json!(extension);
    }
    out
}

/// An accessibility feature: the server's own code, and Plan-Net's where one means the
/// same (step-free entry is "handicap accessible").
fn accessibility(slug: &str, base: &Base) -> Value {
    let display = crate::policy::ACCESSIBILITY
        .iter()
        .find(|(s, _)| *s == slug)
        .map_or(slug, |(_, name)| name);
    let mut coding = vec![json!({
        "system": base.code_system("accessibility"),
        "code": slug,
        "display": display,
    })];
    if slug == "step_free" {
        coding.push(json!({
            "system": format!("{PLAN_NET}/CodeSystem/AccessibilityCS"),
            "code": "handiaccess",
            "display": "handicap accessible",
        }));
    }
    json!({
        "url": format!("{PLAN_NET}/StructureDefinition/accessibility"),
        "valueCodeableConcept": { "coding": coding, "text": display },
    })
}

fn organization(r: &PublicRecord) -> Value {
    let mut out = json!({
        "active": true,
        "type": [{
            "coding": [{
                "system": format!("{PLAN_NET}/CodeSystem/OrgTypeCS"),
                "code": "prvgrp",
                "display": "Provider Group",
            }]
        }],
        "name": r.practice_name(),
        "address": [address(r)],
    });
    let telecom = telecom(r);
    if !telecom.is_empty() {
        out["telecom"] = json!(telecom);
    }
    out
}

fn healthcare_service(r: &PublicRecord, base: &Base) -> Value {
    let types: Vec<Value> = r
        .modalities
        .iter()
        .map(|slug| json!({ "coding": [{ "system": base.code_system("modality"), "code": slug }] }))
        .collect();
    let mut out = json!({
        "active": true,
        "providedBy": reference(Kind::Organization, r.id),
        "category": [{
            "coding": [{
                "system": format!("{PLAN_NET}/CodeSystem/HealthcareServiceCategoryCS"),
                "code": "prov",
                "display": "Medical Provider",
            }]
        }],
        "specialty": [specialty()],
        "location": [reference(Kind::Location, r.id)],
        "name": format!("Massage therapy at {}", r.practice_name()),
        "appointmentRequired": true,
    });
    if !types.is_empty() {
        out["type"] = json!(types);
    }
    if !r.bio.trim().is_empty() {
        out["comment"] = json!(r.bio);
    }
    let telecom = telecom(r);
    if !telecom.is_empty() {
        out["telecom"] = json!(telecom);
    }
    if let Some(ext) = new_patients(r) {
        out["extension"] = json!([ext]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Utc};

    fn record() -> PublicRecord {
        PublicRecord {
            id: 7,
            slug: "ana-ruiz".into(),
            display_name: "Ana María Ruiz".into(),
            practice_name: None,
            bio: String::new(),
            phone: Some("+1 512 555 0100".into()),
            email: None,
            website: None,
            address_line: None,
            city: "Austin".into(),
            region: "TX".into(),
            postal_code: Some("78701".into()),
            country: "US".into(),
            position: Some((30.27, -97.74)),
            practice_type: "home_based".into(),
            languages: vec!["es".into()],
            accessibility: vec!["step_free".into()],
            accepting: None,
            prices: Vec::new(),
            currency: "USD".into(),
            payment: Vec::new(),
            npi: None,
            modalities: vec!["myofascial_release".into()],
            licences: vec![PublicLicence {
                id: 3,
                jurisdiction: "TX".into(),
                jurisdiction_name: Some("Texas".into()),
                board_name: Some("TDLR".into()),
                lookup_url: None,
                number: "MT123".into(),
                kind: "state_licence".into(),
                status: "verified".into(),
                expires_on: NaiveDate::from_ymd_opt(2027, 5, 1),
                verified_on: NaiveDate::from_ymd_opt(2026, 11, 2),
                verification_method: Some("roster".into()),
            }],
            training_hours: 600,
            is_demo: true,
            updated_at: Utc
                .with_ymd_and_hms(2026, 11, 20, 10, 0, 0)
                .single()
                .expect("a valid time"),
        }
    }

    fn base() -> Base {
        Base {
            fhir: "https://example.org/fhir".into(),
            site: "https://example.org".into(),
        }
    }

    #[test]
    fn a_verified_licence_is_an_active_qualification_valid_in_its_state() {
        let p = resource(Kind::Practitioner, &record(), &base());
        let q = &p["qualification"][0];
        assert_eq!(q["identifier"][0]["value"], "MT123");
        assert_eq!(q["issuer"]["display"], "TDLR");
        assert_eq!(q["period"]["end"], "2027-05-01");
        let ext = &q["extension"][0]["extension"];
        assert_eq!(ext[0]["valueCode"], "active");
        assert_eq!(ext[1]["valueCodeableConcept"]["coding"][0]["code"], "TX");
        assert_eq!(
            q["code"]["text"],
            "State massage therapy licence (Texas), verified against the board's roster on 2026-11-02"
        );
    }

    #[test]
    fn names_split_into_given_and_family_and_demo_listings_are_tagged() {
        let p = resource(Kind::Practitioner, &record(), &base());
        assert_eq!(p["name"][0]["family"], "Ruiz");
        assert_eq!(p["name"][0]["given"], json!(["Ana", "María"]));
        assert_eq!(p["meta"]["tag"][0]["code"], "HTEST");
        assert_eq!(p["meta"]["lastUpdated"], "2026-11-20T10:00:00Z");
        assert_eq!(p["communication"][0]["coding"][0]["code"], "es");
    }

    #[test]
    fn a_home_based_location_has_no_street_and_no_stale_availability() {
        let l = resource(Kind::Location, &record(), &base());
        assert!(l["address"].get("line").is_none());
        assert_eq!(l["address"]["text"], "Austin, TX 78701");
        let urls: Vec<&str> = l["extension"]
            .as_array()
            .expect("valid in this test")
            .iter()
            .filter_map(|e| e["url"].as_str())
            .collect();
        assert!(
            urls.iter().all(|u| u.ends_with("/accessibility")),
            "{urls:?}"
        );
    }

    #[test]
    fn the_role_is_massage_therapist_with_the_nucc_specialty() {
        let mut r = record();
        r.accepting = Some(true);
        let role = resource(Kind::PractitionerRole, &r, &base());
        assert_eq!(role["code"][0]["coding"][0]["code"], ROLE_CODE);
        assert_eq!(role["specialty"][0]["coding"][0]["code"], MASSAGE_THERAPIST);
        assert_eq!(
            role["extension"][0]["extension"][0]["valueCodeableConcept"]["coding"][0]["code"],
            "newpt"
        );
        assert_eq!(role["practitioner"]["reference"], "Practitioner/7");
    }
}
