//! Raw form bodies and query strings as ordered pairs, with repeated keys kept: what
//! pages and the API parse their inputs from.

use crate::error::FieldErrors;

/// Form or query-string pairs, in order, with repeated keys kept.
pub struct FormPairs(pub Vec<(String, String)>);

impl FormPairs {
    /// Parses a raw query string.
    pub fn parse(raw: Option<&str>) -> Self {
        Self(
            url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
                .into_owned()
                .collect(),
        )
    }

    /// The first value of `key`, trimmed.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.trim())
    }

    /// The first value of `key`, trimmed, or empty.
    pub fn text(&self, key: &str) -> String {
        self.get(key).unwrap_or_default().to_owned()
    }

    /// The pairs again as a query string, with `key` set to `value` (or left out).
    pub fn query_with(&self, key: &str, value: Option<&str>) -> String {
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in self.0.iter().filter(|(k, _)| k != key) {
            out.append_pair(k, v);
        }
        if let Some(value) = value {
            out.append_pair(key, value);
        }
        out.finish()
    }

    /// Every value of `key`.
    pub fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// An optional boolean (`true`/`false`/`1`/`0`/`on`); a bad value is a field error.
    pub fn bool(&self, key: &str, errors: &mut FieldErrors) -> bool {
        match self.get(key) {
            None | Some("") => false,
            Some("true" | "1" | "on" | "yes") => true,
            Some("false" | "0" | "off" | "no") => false,
            Some(_) => {
                errors.insert(key.to_owned(), "must be true or false".into());
                false
            }
        }
    }

    /// An optional number within `range`; a bad value is a field error.
    pub fn number<T>(
        &self,
        key: &str,
        default: T,
        range: std::ops::RangeInclusive<T>,
        errors: &mut FieldErrors,
    ) -> T
    where
        T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
    {
        match self.get(key) {
            None | Some("") => default,
            Some(raw) => match raw.parse::<T>() {
                Ok(v) if range.contains(&v) => v,
                _ => {
                    errors.insert(
                        key.to_owned(),
                        format!("must be a number from {} to {}", range.start(), range.end()),
                    );
                    default
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FormPairs;

    #[test]
    fn reads_and_rewrites_pairs() {
        let pairs = FormPairs::parse(Some("near=+Austin+&page=1&modality=a&modality=b"));
        assert_eq!(pairs.get("near"), Some("Austin"));
        assert_eq!(pairs.text("missing"), "");
        assert_eq!(pairs.all("modality"), ["a", "b"]);
        assert_eq!(
            pairs.query_with("page", Some("2")),
            "near=+Austin+&modality=a&modality=b&page=2"
        );
        assert_eq!(
            pairs.query_with("page", None),
            "near=+Austin+&modality=a&modality=b"
        );
    }
}
