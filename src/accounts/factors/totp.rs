//! Authenticator codes (RFC 6238): HMAC-SHA-1, 6 digits, 30-second steps, one step of
//! drift either way. The arithmetic is `totp-rs`'s; this file fixes the parameters,
//! draws the enrolment QR code (SVG, on the server) and writes the `otpauth://` URI.

use qrcode::{QrCode, render::svg};
use rand::RngCore;
use totp_rs::{Builder, Secret, Totp};

/// The issuer name authenticator apps show beside the account.
pub const ISSUER: &str = "Clinical Therapist Finder";
/// Seconds a code lasts.
pub const STEP_SECONDS: u64 = 30;

fn totp(secret: &Secret) -> Option<Totp> {
    Builder::new()
        .with_secret(secret.as_bytes().to_vec())
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(STEP_SECONDS)
        .build()
        .ok()
}

/// A new random 160-bit secret, base32 as apps take it.
pub fn new_secret() -> String {
    let mut bytes = [0_u8; 20];
    rand::rng().fill_bytes(&mut bytes);
    Secret::from(bytes).to_base32()
}

/// The secret as stored, if it is base32 of at least 128 bits. Spaces and case, as
/// people copy it, are forgiven.
pub fn parse_secret(typed: &str) -> Option<String> {
    let clean: String = typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let secret = Secret::try_from_base32(&clean).ok()?;
    totp(&secret).map(|_| secret.to_base32())
}

/// The time step a typed code belongs to, when it is the code of `unix_seconds`'s
/// step or of the step either side. Spaces in the code are forgiven.
pub fn matching_step(secret_base32: &str, code: &str, unix_seconds: u64) -> Option<u64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let secret = Secret::try_from_base32(secret_base32).ok()?;
    totp(&secret)?.check(&code, unix_seconds)
}

/// The code of the step `unix_seconds` falls in.
pub fn code_at(secret_base32: &str, unix_seconds: u64) -> Option<String> {
    let secret = Secret::try_from_base32(secret_base32).ok()?;
    Some(totp(&secret)?.generate(unix_seconds).to_string())
}

/// The `otpauth://` URI apps read from the QR code (Google's key-URI format).
pub fn uri(secret_base32: &str, account: &str) -> String {
    let label: String =
        url::form_urlencoded::byte_serialize(format!("{ISSUER}:{account}").as_bytes())
            .collect::<String>()
            .replace('+', "%20");
    let issuer: String = url::form_urlencoded::byte_serialize(ISSUER.as_bytes())
        .collect::<String>()
        .replace('+', "%20");
    format!(
        "otpauth://totp/{label}?secret={secret_base32}&issuer={issuer}&algorithm=SHA1&digits=6&period={STEP_SECONDS}"
    )
}

/// The URI as a QR code: an `<svg>` element to place in the page (no script, no
/// image request), described for screen readers.
pub fn qr_svg(uri: &str) -> Option<String> {
    let code = QrCode::new(uri.as_bytes()).ok()?;
    let image = code
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    let start = image.find("<svg")?;
    Some(image[start..].replacen(
        "<svg ",
        "<svg role=\"img\" aria-label=\"QR code of the secret for your authenticator app\" ",
        1,
    ))
}

/// The secret in groups of four, easier to type.
pub fn grouped(secret_base32: &str) -> String {
    secret_base32
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use totp_rs::{Algorithm, Builder, Secret};

    use super::*;

    /// RFC 6238, appendix B: the SHA-1 rows, with the 20-byte ASCII secret.
    const RFC_SHA1: [(u64, &str); 6] = [
        (59, "94287082"),
        (1_111_111_109, "07081804"),
        (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"),
        (2_000_000_000, "69279037"),
        (20_000_000_000, "65353130"),
    ];

    fn rfc_secret() -> String {
        Secret::from(b"12345678901234567890".to_vec()).to_base32()
    }

    #[test]
    fn the_arithmetic_gives_the_rfc_6238_test_vectors() {
        let eight = Builder::new()
            .with_algorithm(Algorithm::SHA1)
            .with_secret(b"12345678901234567890".to_vec())
            .with_digits(8)
            .with_step_duration(30)
            .build()
            .expect("rfc parameters");
        for (time, expected) in RFC_SHA1 {
            assert_eq!(eight.generate(time).to_string(), expected, "T = {time}");
            // Six digits are the same truncation taken modulo 10^6.
            assert_eq!(
                code_at(&rfc_secret(), time).as_deref(),
                Some(&expected[2..]),
                "T = {time}"
            );
        }
    }

    #[test]
    fn a_code_matches_its_step_and_one_either_side_only() {
        let secret = rfc_secret();
        let now = 1_234_567_890;
        let step = now / STEP_SECONDS;
        for (offset, accepted) in [
            (-60_i64, false),
            (-30, true),
            (0, true),
            (30, true),
            (60, false),
        ] {
            let at = now.checked_add_signed(offset).expect("positive");
            let code = code_at(&secret, at).expect("code");
            let found = matching_step(&secret, &code, now);
            assert_eq!(found.is_some(), accepted, "offset {offset}");
            if accepted {
                assert_eq!(found, Some(at / STEP_SECONDS));
            }
        }
        assert_eq!(matching_step(&secret, "12345", now), None);
        assert_eq!(matching_step(&secret, "abcdef", now), None);
        let spaced = code_at(&secret, now).expect("code");
        let spaced = format!("{} {}", &spaced[..3], &spaced[3..]);
        assert_eq!(matching_step(&secret, &spaced, now), Some(step));
    }

    #[test]
    fn secrets_are_random_160_bits_and_typed_ones_are_forgiven_their_spacing() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        assert_eq!(parse_secret(&grouped(&a).to_lowercase()), Some(a.clone()));
        assert_eq!(parse_secret("ABC"), None, "too short");
        assert_eq!(parse_secret("not base32 at all!"), None);
    }

    #[test]
    fn the_uri_and_the_qr_code_carry_the_secret() {
        let secret = new_secret();
        let uri = uri(&secret, "ana@example.com");
        assert!(
            uri.starts_with("otpauth://totp/Clinical%20Therapist%20Finder%3Aana%40example.com?")
        );
        assert!(uri.contains(&format!("secret={secret}")));
        assert!(
            uri.contains("digits=6") && uri.contains("period=30") && uri.contains("algorithm=SHA1")
        );
        let svg = qr_svg(&uri).expect("svg");
        assert!(svg.starts_with("<svg role=\"img\""), "{}", &svg[..40]);
        assert!(svg.ends_with("</svg>"));
    }
}
