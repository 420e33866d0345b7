//! Form bodies and query strings: parsed into the typed request structs handlers
//! declare (with `serde_html_form`, so a repeated key fills a `Vec` and a key given
//! twice where one value is expected is refused with a field error), or kept as
//! ordered pairs (`FormPairs`) where a page rebuilds links from them.

use axum::{extract::FromRequestParts, http::request::Parts};
use serde::{Deserialize, Deserializer, de::DeserializeOwned};

use crate::error::{AppError, FieldErrors, PageError};

/// Parses a form body or query string into `T`. Every field of a request struct is
/// text (or a list of texts): values are checked by the domain, which names the field
/// in its message. What can fail here is the shape: a key given more than once where
/// the struct takes one value.
pub fn parse<T: DeserializeOwned>(raw: &str) -> Result<T, FieldErrors> {
    match serde_html_form::from_str::<T>(raw) {
        Ok(value) => Ok(value),
        Err(e) => {
            // Which key was given twice: count every key once, then try the repeated
            // ones (a few at most, so a hostile body cannot make this quadratic).
            let pairs = FormPairs::parse(Some(raw));
            let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
            for (k, _) in &pairs.0 {
                *seen.entry(k.as_str()).or_default() += 1;
            }
            let mut candidates: Vec<&str> = seen
                .into_iter()
                .filter(|(_, n)| *n > 1)
                .map(|(k, _)| k)
                .collect();
            candidates.sort_unstable();
            let repeated = candidates.into_iter().take(8).find(|key| {
                serde_html_form::from_str::<T>(&pairs.query_with(key, pairs.get(key))).is_ok()
            });
            Err(match repeated {
                Some(key) => FieldErrors::from([(
                    key.chars().take(40).collect(),
                    crate::i18n::text(crate::i18n::Lang::current(), "form-one-value"),
                )]),
                None => FieldErrors::from([(
                    "form".to_owned(),
                    crate::i18n::text_with(
                        crate::i18n::Lang::current(),
                        "form-unread-field",
                        [("detail", e.to_string().into())],
                    ),
                )]),
            })
        }
    }
}

/// A query string parsed into `T`; refusals use the API's error envelope.
pub struct ApiQuery<T>(pub T);

/// A query string parsed into `T`; refusals are error pages.
pub struct PageQuery<T>(pub T);

/// The error for input that could not be parsed, naming the fields.
pub fn unreadable(fields: FieldErrors) -> AppError {
    let named: Vec<String> = fields
        .iter()
        .map(|(field, msg)| format!("{field}: {msg}"))
        .collect();
    AppError::Validation {
        message: crate::i18n::text_with(
            crate::i18n::Lang::current(),
            "form-unread",
            [("fields", named.join(" ").into())],
        ),
        fields,
    }
}

fn query_of<T: DeserializeOwned>(parts: &Parts) -> Result<T, AppError> {
    parse(parts.uri.query().unwrap_or_default()).map_err(unreadable)
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        query_of(parts).map(Self)
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for PageQuery<T> {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        query_of(parts).map(Self).map_err(PageError)
    }
}

impl<'de> Deserialize<'de> for FormPairs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<(String, String)>::deserialize(d).map(Self)
    }
}

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

    /// Sets `key` to `value`, in place of any values it had.
    pub fn set(&mut self, key: &str, value: &str) {
        self.0.retain(|(k, _)| k != key);
        self.0.push((key.to_owned(), value.to_owned()));
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

    /// An optional boolean; a bad value is a field error.
    pub fn bool(&self, key: &str, errors: &mut FieldErrors) -> bool {
        flag(key, self.get(key), errors)
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
        number(key, self.get(key), default, range, errors)
    }
}

/// An optional boolean (`true`/`false`/`1`/`0`/`on`/`off`/`yes`/`no`); a bad value is
/// a field error.
pub fn flag(key: &str, raw: Option<&str>, errors: &mut FieldErrors) -> bool {
    match raw.map(str::trim) {
        None | Some("") => false,
        Some("true" | "1" | "on" | "yes") => true,
        Some("false" | "0" | "off" | "no") => false,
        Some(_) => {
            errors.insert(
                key.to_owned(),
                crate::i18n::text(crate::i18n::Lang::current(), "param-flag"),
            );
            false
        }
    }
}

/// An optional spoken language (an ISO 639-1 code the directory lists); empty means
/// any, anything else is a field error that names the choices and never echoes the
/// value.
pub fn language(key: &str, raw: Option<&str>, errors: &mut FieldErrors) -> Option<String> {
    match raw.map(str::trim) {
        None | Some("") => None,
        Some(code) if crate::policy::is_spoken_language(code) => Some(code.to_owned()),
        Some(_) => {
            errors.insert(
                key.to_owned(),
                crate::i18n::text_with(
                    crate::i18n::Lang::current(),
                    "param-language",
                    [("codes", crate::policy::SPOKEN_LANGUAGES.join(", ").into())],
                ),
            );
            None
        }
    }
}

/// An optional highest price for 60 minutes, a whole number from 1 to
/// `practitioners::payment::MAX_PRICE`; empty means any, anything else is a field error.
pub fn max_price(key: &str, raw: Option<&str>, errors: &mut FieldErrors) -> Option<u32> {
    let raw = raw.map(str::trim).filter(|r| !r.is_empty())?;
    let max = crate::practitioners::payment::MAX_PRICE;
    let price = number(key, Some(raw), 0_u32, 1..=max, errors);
    (price > 0).then_some(price)
}

/// What a date field shows of typed text: the date in the form the field holds
/// (YYYY-MM-DD) when it reads as one, else the text as typed.
pub fn date_field_value(typed: &str) -> String {
    crate::validation::calendar_date(typed).map_or_else(|| typed.to_owned(), |d| d.to_string())
}

/// An optional number within `range`, `default` when absent; a bad value is a field
/// error.
pub fn number<T>(
    key: &str,
    raw: Option<&str>,
    default: T,
    range: std::ops::RangeInclusive<T>,
    errors: &mut FieldErrors,
) -> T
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
{
    match raw.map(str::trim) {
        None | Some("") => default,
        Some(raw) => match raw.parse::<T>() {
            Ok(v) if range.contains(&v) => v,
            _ => {
                errors.insert(
                    key.to_owned(),
                    crate::i18n::text_with(
                        crate::i18n::Lang::current(),
                        "param-range",
                        [
                            ("min", range.start().to_string().into()),
                            ("max", range.end().to_string().into()),
                        ],
                    ),
                );
                default
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::{FormPairs, parse};

    #[derive(Debug, serde::Deserialize, Default)]
    #[serde(default)]
    struct Query {
        near: String,
        modality: Vec<String>,
    }

    #[test]
    fn typed_parsing_keeps_lists_and_refuses_repeated_single_values() {
        let q: Query = parse("near=Austin&modality=a&modality=b&other=1").expect("parses");
        assert_eq!((q.near.as_str(), q.modality.len()), ("Austin", 2));
        let errors = parse::<Query>("near=10001&near=far").expect_err("refused");
        assert_eq!(errors["near"], "Give one value, not several.");
        let pairs: FormPairs = parse("a=1&a=2").expect("pairs");
        assert_eq!(pairs.all("a"), ["1", "2"]);
    }

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
