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

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn quoted_values_are_short_and_plain() {
        assert_eq!(quoted(" Austin "), "\"Austin\"");
        assert_eq!(quoted("a\u{0}b\nc"), "\"abc\"");
        let long = "x".repeat(5000);
        let shown = quoted(&long);
        assert_eq!(shown.chars().count(), 40 + 3);
        assert!(shown.ends_with("…\""));
    }
}
