//! What domain validation returns: field name → a message in plain words. The request
//! layer shows these next to the fields (pages) or in the envelope's `fields` (API).

/// Field name → human message, for validation errors.
pub type FieldErrors = std::collections::BTreeMap<String, String>;

/// Longest part of a typed value a message repeats.
pub const QUOTED_CHARS: usize = 40;

/// A typed value as a message repeats it: in double quotes, control characters left
/// out, and cut to [`QUOTED_CHARS`] characters with "…" so a huge value cannot fill
/// the page.
pub fn quoted(value: &str) -> String {
    let mut chars = value.trim().chars().filter(|c| !c.is_control());
    let mut shown: String = chars.by_ref().take(QUOTED_CHARS).collect();
    if chars.next().is_some() {
        shown.push('…');
    }
    format!("\"{shown}\"")
}

/// Whether `value` reads as a telephone number: digits with the usual separators
/// (spaces, `-`, `.`, parentheses, a leading `+`), 7 to 15 digits, and optionally an
/// extension (`ext 12`, `x12`).
pub fn is_phone(value: &str) -> bool {
    let lower = value.trim().to_ascii_lowercase();
    let (number, extension) = match lower.find(['x', 'e']) {
        Some(at) => (&lower[..at], Some(&lower[at..])),
        None => (lower.as_str(), None),
    };
    let extension_ok = extension.is_none_or(|ext| {
        let digits = ext
            .trim_start_matches("ext.")
            .trim_start_matches("ext")
            .trim_start_matches('x')
            .trim();
        (1..=6).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit())
    });
    let number = number.trim();
    let body = number.strip_prefix('+').unwrap_or(number);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    extension_ok
        && (7..=15).contains(&digits)
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')'))
}

/// A text cell made safe to open in a spreadsheet (OWASP "CSV injection"): a cell
/// that starts with `=`, `+`, `-`, `@`, a tab or a carriage return, and holds more
/// than a number could (digits, spaces, `+-().,/`), gets a leading `'` so it is read
/// as text, never as a formula. Numbers and telephone numbers pass unchanged.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
        && !cell.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.' | ',' | '/')
        });
    if risky {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A calendar date as people write it: `2015-05-15` (what a date field sends) or the
/// US form `05/15/2015` (also `5/15/2015` and `05-15-2015`). The year must have four
/// digits, so `5/15/15` is refused rather than read as the year 15.
pub fn calendar_date(text: &str) -> Option<chrono::NaiveDate> {
    let parts: Vec<&str> = text.trim().split(['-', '/']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let (year, month, day) = if digits(a, 4..=4) && digits(b, 1..=2) && digits(c, 1..=2) {
        (a, b, c)
    } else if digits(a, 1..=2) && digits(b, 1..=2) && digits(c, 4..=4) {
        (c, a, b)
    } else {
        return None;
    };
    chrono::NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::{calendar_date, is_phone, quoted, spreadsheet_safe};

    #[test]
    fn formulas_are_neutralised_and_numbers_and_phones_are_not() {
        for risky in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0",
            "@SUM(A1:A2)",
            "\t=1+1",
            "\r=1+1",
            "=1",
        ] {
            assert_eq!(spreadsheet_safe(risky), format!("'{risky}"), "{risky:?}");
        }
        for plain in [
            "Ana's Clinic",
            "-97.7431",
            "+1 (512) 555-0100",
            "555-0142",
            "",
            "Austin = best",
        ] {
            assert_eq!(spreadsheet_safe(plain), plain, "{plain:?}");
        }
    }

    #[test]
    fn telephone_numbers_are_read_as_telephone_numbers() {
        for phone in [
            "555-0142",
            "+1 (512) 555-0100",
            "512.555.0100",
            "+44 20 7946 0958",
            "512-555-0100 ext. 12",
            "512-555-0100 x12",
        ] {
            assert!(is_phone(phone), "{phone}");
        }
        for not in [
            "=HYPERLINK(\"x\")",
            "call me",
            "12345",
            "1234567890123456",
            "512-555-0100 ext",
            "++1 512 555 0100",
            "512 555 0100 @home",
        ] {
            assert!(!is_phone(not), "{not}");
        }
    }

    #[test]
    fn quoted_values_are_short_and_plain() {
        assert_eq!(quoted(" Austin "), "\"Austin\"");
        assert_eq!(quoted("a\u{0}b\nc"), "\"abc\"");
        let long = "x".repeat(5000);
        let shown = quoted(&long);
        assert_eq!(shown.chars().count(), 40 + 3);
        assert!(shown.ends_with("…\""));
    }

    #[test]
    fn reads_a_date_as_a_date_field_or_an_american_writes_it() {
        let may_15 = chrono::NaiveDate::from_ymd_opt(2015, 5, 15);
        for text in [
            "2015-05-15",
            "05/15/2015",
            "5/15/2015",
            "05-15-2015",
            " 2015/5/15 ",
        ] {
            assert_eq!(calendar_date(text), may_15, "{text}");
        }
        for text in [
            "15/05/2015",
            "5/15/15",
            "2015-02-30",
            "20150515",
            "2015-05-15-01",
            "May 15, 2015",
            "",
            "+2015-05-15",
            "0515/2015",
        ] {
            assert_eq!(calendar_date(text), None, "{text}");
        }
    }
}

/// Whether `value` is a National Provider Identifier: ten digits whose last is the
/// check digit of the Luhn algorithm over the prefix 80840 and the first nine (the
/// NPI's own rule, 45 CFR 162.406).
pub fn is_npi(value: &str) -> bool {
    let digits: Vec<u32> = value.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 10 || value.chars().count() != 10 {
        return false;
    }
    let body = [8, 0, 8, 4, 0].iter().chain(&digits[..9]);
    // From the right of the body, every other digit is doubled, starting with the
    // rightmost (the check digit would stand to its right).
    let sum: u32 = body
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                let twice = d * 2;
                twice / 10 + twice % 10
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10 == digits[9]
}

#[cfg(test)]
mod npi_tests {
    use super::is_npi;

    #[test]
    fn the_npi_check_digit_follows_the_luhn_rule_with_its_prefix() {
        // CMS's own example, and two more whose check digits were worked by hand.
        for valid in ["1234567893", "1003000126", "1932102084"] {
            assert!(is_npi(valid), "{valid}");
        }
        for invalid in [
            "1234567890",
            "1234567894",
            "1508893661",
            "123456789",
            "12345678931",
            "12345 7893",
            "abcdefghij",
            "",
            "١٢٣٤٥٦٧٨٩٣",
        ] {
            assert!(!is_npi(invalid), "{invalid}");
        }
    }

    proptest::proptest! {
        #[test]
        fn exactly_one_check_digit_completes_any_nine_digits(body in 0u32..1_000_000_000) {
            let nine = format!("{body:09}");
            let valid = (0..10).filter(|d| is_npi(&format!("{nine}{d}"))).count();
            proptest::prop_assert_eq!(valid, 1);
        }
    }
}
