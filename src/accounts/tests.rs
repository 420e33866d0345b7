//! Unit tests of accounts: the email and slug checks.

use super::*;

#[test]
fn email_checks() {
    assert!(valid_email("ana@example.com"));
    for bad in [
        "",
        "ana",
        "ana@",
        "@example.com",
        "ana@example",
        "a b@example.com",
        "ana@@example.com",
        "ana@.com",
    ] {
        assert!(!valid_email(bad), "{bad}");
    }
}

#[test]
fn slugs_are_url_safe() {
    assert_eq!(slugify("Ana María Ruiz, LMT"), "ana-mar-a-ruiz-lmt");
    assert_eq!(slugify("<script>"), "script");
    assert_eq!(slugify("!!!"), "practitioner");
}
