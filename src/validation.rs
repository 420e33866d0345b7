//! What domain validation returns: field name → a message in plain words. The request
//! layer shows these next to the fields (pages) or in the envelope's `fields` (API).

/// Field name → human message, for validation errors.
pub type FieldErrors = std::collections::BTreeMap<String, String>;
