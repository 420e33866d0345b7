//! Unit tests of the FHIR search parameters: parsing, refusals and paging.

use super::*;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn search(kind: Kind, list: &[(&str, &str)]) -> Result<Search, ParamError> {
    parse(kind, &pairs(list), &["swedish".to_owned()])
}

#[test]
fn last_updated_prefixes_bound_the_span_of_the_date() {
    let day = |s| {
        DateTime::parse_from_rfc3339(s)
            .expect("valid in this test")
            .with_timezone(&Utc)
    };
    let s = search(Kind::Practitioner, &[("_lastUpdated", "gt2026-11-20")])
        .expect("valid in this test");
    assert_eq!(
        s.filter.changed,
        [(Bound::From, day("2026-11-21T00:00:00Z"))]
    );
    let s = search(Kind::Practitioner, &[("_lastUpdated", "2026-11")]).expect("valid in this test");
    assert_eq!(
        s.filter.changed,
        [
            (Bound::From, day("2026-11-01T00:00:00Z")),
            (Bound::Before, day("2026-12-01T00:00:00Z"))
        ]
    );
    assert!(search(Kind::Practitioner, &[("_lastUpdated", "ne2026")]).is_err());
    assert!(search(Kind::Practitioner, &[("_lastUpdated", "yesterday")]).is_err());
}

#[test]
fn references_of_another_type_match_nothing() {
    let s = search(
        Kind::PractitionerRole,
        &[("practitioner", "Practitioner/4,Organization/5,x")],
    )
    .expect("valid in this test");
    assert_eq!(s.filter.ids, Some(vec![4]));
    let s = search(
        Kind::PractitionerRole,
        &[("practitioner", "4"), ("location", "Location/5")],
    )
    .expect("valid in this test");
    assert_eq!(s.filter.ids, Some(vec![]));
}

#[test]
fn tokens_match_with_or_without_their_system() {
    assert!(token_matches("225700000X", NUCC, MASSAGE_THERAPIST));
    assert!(token_matches(
        "http://nucc.org/provider-taxonomy|225700000X",
        NUCC,
        MASSAGE_THERAPIST
    ));
    assert!(token_matches("|225700000X", NUCC, MASSAGE_THERAPIST));
    assert!(!token_matches(
        "http://other|225700000X",
        NUCC,
        MASSAGE_THERAPIST
    ));
    assert!(!token_matches("207R00000X", NUCC, MASSAGE_THERAPIST));
    assert!(token_matches(
        "207R00000X,225700000X",
        NUCC,
        MASSAGE_THERAPIST
    ));
}

#[test]
fn near_reads_units_and_refuses_what_it_cannot_answer() {
    let s = search(Kind::Location, &[("near", "30.27|-97.74|10|mi")]).expect("valid in this test");
    let near = s.near.expect("valid in this test");
    assert!((near.radius_km - 16.09344).abs() < 1e-9);
    let s = search(Kind::Location, &[("near", "30.27|-97.74")]).expect("valid in this test");
    assert_eq!(
        s.near.expect("valid in this test").radius_km,
        DEFAULT_NEAR_KM
    );
    for bad in [
        "91|0|1|km",
        "0|0|-1|km",
        "0|0|600|km",
        "0|0|1|parsec",
        "x",
        "NaN|0",
    ] {
        assert!(search(Kind::Location, &[("near", bad)]).is_err(), "{bad}");
    }
    assert!(search(Kind::Location, &[("near", "0|0"), ("address-state", "TX")]).is_err());
    assert!(search(Kind::Practitioner, &[("near", "0|0")]).is_err());
}

#[test]
fn unknown_parameters_modifiers_and_bad_counts_are_refused() {
    assert!(search(Kind::Practitioner, &[("colour", "red")]).is_err());
    assert!(search(Kind::Practitioner, &[("name:exact", "Ana")]).is_err());
    assert!(search(Kind::Practitioner, &[("_count", "101")]).is_err());
    assert!(search(Kind::Practitioner, &[("_count", "-1")]).is_err());
    assert!(search(Kind::Practitioner, &[("_include", "*")]).is_err());
    let long = "x".repeat(5000);
    let ParamError(message) = search(Kind::Practitioner, &[(&long, "1")]).expect_err("refused");
    assert!(message.len() < 200, "{message}");
}

#[test]
fn text_searches_are_bounded_in_words_however_they_are_sent() {
    assert!(search(Kind::Practitioner, &[("name", "a b c d e f g h")]).is_ok());
    assert!(search(Kind::Practitioner, &[("name", "a b c d e f g h i")]).is_err());
    let repeated: Vec<(&str, &str)> = (0..9).map(|_| ("name", "ana")).collect();
    assert!(search(Kind::Practitioner, &repeated).is_err());
    let long = "x".repeat(51);
    assert!(search(Kind::Location, &[("address", &long)]).is_err());
}

#[test]
fn includes_and_unknown_service_types() {
    let s = search(
        Kind::PractitionerRole,
        &[
            ("_include", "PractitionerRole:location:Location"),
            ("_include", "*"),
        ],
    )
    .expect("valid in this test");
    assert_eq!(s.include.len(), 4);
    assert_eq!(s.include[0], Kind::Location);
    let s =
        search(Kind::HealthcareService, &[("service-type", "reiki")]).expect("valid in this test");
    assert!(s.filter.nothing);
    let s = search(Kind::HealthcareService, &[("service-type", "swedish")])
        .expect("valid in this test");
    assert_eq!(s.filter.modality.as_deref(), Some("swedish"));
}

#[test]
fn a_parameter_given_too_many_times_is_refused_by_name() {
    let ranged = search(
        Kind::Practitioner,
        &[
            ("_lastUpdated", "ge2026-01-01"),
            ("_lastUpdated", "lt2026-12-01"),
        ],
    );
    assert!(ranged.is_ok(), "a range is two");
    let flood: Vec<(&str, &str)> = (0..1_000)
        .map(|_| ("_lastUpdated", "ge2026-01-01"))
        .collect();
    let ParamError(message) = search(Kind::Practitioner, &flood).expect_err("refused");
    assert!(
        message.contains("`_lastUpdated` is given more than 10 times"),
        "{message}"
    );
    let ten: Vec<(&str, &str)> = (0..MAX_REPEATS)
        .map(|_| ("_lastUpdated", "ge2026-01-01"))
        .collect();
    assert!(search(Kind::Practitioner, &ten).is_ok());
}
