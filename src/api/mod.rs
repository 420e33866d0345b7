//! The JSON API under `/api`. Every route is listed here; errors use the envelope
//! `{"error":{"code","message","fields"}}`. The OpenAPI 3.1 document is generated
//! from the handlers and DTOs and served at `/api/openapi.json`.

mod admin;
pub mod dto;
pub mod extract;
mod me;
mod practitioners;
mod questionnaire;
mod slots;
mod visits;

use axum::{Json, Router, extract::State};
use serde_json::{Value, json};
use utoipa::OpenApi;

use self::dto::{ChoiceDto, QuestionnaireDto};

use crate::{
    auth::{
        Access::{Admin, Practitioner, Public},
        RouteTable, Surface,
        cookies::Names,
    },
    error::AppError,
    policy,
    state::AppState,
};

/// The OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Clinical Therapist Finder API",
        description = "Search licensed, clinically trained massage therapists, and match a pain pattern after a safety screen. This finder does not diagnose."
    ),
    paths(
        practitioners::list_practitioners,
        practitioners::show_practitioner,
        slots::list_slots,
        visits::create_visit_request,
        questionnaire::show_questionnaire,
        questionnaire::create_match,
        me::show_my_profile,
        me::list_my_licences,
        me::list_my_outcomes,
        me::list_my_inbox,
        admin::list_licence_queue,
        admin::list_audit,
    ),
    components(schemas(crate::error::ErrorEnvelope, crate::error::ErrorBody))
)]
pub struct ApiDoc;

/// All API routes, relative to `/api`, each with who may use it.
pub fn routes() -> RouteTable {
    RouteTable::new(Surface::Api, "/api")
        .get(
            "/v1/practitioners",
            Public,
            practitioners::list_practitioners,
        )
        .get(
            "/v1/practitioners/{slug}",
            Public,
            practitioners::show_practitioner,
        )
        .get("/v1/practitioners/{slug}/slots", Public, slots::list_slots)
        .post(
            "/v1/practitioners/{slug}/requests",
            Public,
            visits::create_visit_request,
        )
        .get(
            "/v1/questionnaire",
            Public,
            questionnaire::show_questionnaire,
        )
        .post("/v1/match", Public, questionnaire::create_match)
        .get("/v1/me/profile", Practitioner, me::show_my_profile)
        .get("/v1/me/licences", Practitioner, me::list_my_licences)
        .get("/v1/me/outcomes", Practitioner, me::list_my_outcomes)
        .get("/v1/me/inbox", Practitioner, me::list_my_inbox)
        .get("/v1/admin/licences", Admin, admin::list_licence_queue)
        .get("/v1/admin/audit", Admin, admin::list_audit)
        .get("/openapi.json", Public, show_openapi)
}

/// The API router, with the envelope for unknown paths.
pub fn router() -> Router<AppState> {
    routes().into_router().fallback(show_api_not_found)
}

/// `GET /api/openapi.json`
async fn show_openapi(State(state): State<AppState>) -> Json<Value> {
    Json(contract(
        &QuestionnaireDto::new(state.rules.current(), &state.catalogue),
        Names::new(state.secure_cookies).session,
    ))
}

/// The OpenAPI document, exact: the generated one, with the enums and bounds that come
/// from the loaded rules and catalogue, so a request the document allows is one the
/// server accepts (a place name that names no place aside: no schema can list them).
/// Signed-in operations name the session cookie `session_cookie` as their security.
pub fn contract(questionnaire: &QuestionnaireDto, session_cookie: &str) -> Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    doc["components"]["securitySchemes"]["session"] = json!({
        "type": "apiKey",
        "in": "cookie",
        "name": session_cookie,
        "description": "The session cookie set by signing in at /login."
    });
    for (_, operations) in doc["paths"]
        .as_object_mut()
        .into_iter()
        .flatten()
        .filter(|(path, _)| path.starts_with("/api/v1/me/") || path.starts_with("/api/v1/admin/"))
    {
        for operation in operations.as_object_mut().into_iter().flatten() {
            operation.1["security"] = json!([{ "session": [] }]);
        }
    }
    let slugs = |choices: &[ChoiceDto]| json!(choices.iter().map(|c| &c.slug).collect::<Vec<_>>());
    // Something other than spaces: blank text is refused as missing.
    let place = json!({"type": "string", "minLength": 1, "pattern": "\\S"});
    if let Some(params) = doc
        .pointer_mut("/paths/~1api~1v1~1practitioners/get/parameters")
        .and_then(Value::as_array_mut)
    {
        for param in params {
            match param["name"].as_str() {
                Some("near") => param["schema"] = place.clone(),
                Some("modality") => {
                    param["schema"]["items"]["enum"] = slugs(&questionnaire.modalities);
                }
                Some("practice_type") => {
                    param["schema"]["enum"] = json!(policy::PRACTICE_TYPES.map(|(slug, _)| slug));
                }
                Some("accessibility") => {
                    param["schema"]["items"]["enum"] =
                        json!(policy::ACCESSIBILITY.map(|(slug, _)| slug));
                }
                // An empty value asks for any language, as the search form sends it.
                Some("language") => {
                    let mut codes = vec![""];
                    codes.extend(policy::SPOKEN_LANGUAGES);
                    param["schema"] = json!({ "type": "string", "enum": codes });
                }
                _ => {}
            }
        }
    }
    if let Some(body) = doc.pointer_mut("/components/schemas/MatchRequest/properties") {
        body["regions"]["items"]["enum"] = slugs(&questionnaire.regions);
        body["regions"]["minItems"] = json!(1);
        body["red_flags"]["items"]["enum"] = slugs(&questionnaire.red_flags);
        body["age_band"] = json!({ "type": "string", "enum": slugs(&questionnaire.age_bands),
            "description": "Age band (optional); `unsaid`, or leaving it out, changes nothing." });
        body["conditions"]["items"]["enum"] = slugs(&questionnaire.conditions);
        body["duration"]["enum"] = slugs(&questionnaire.durations);
        body["pressure"]["enum"] = slugs(&questionnaire.pressures);
        body["goal"]["enum"] = slugs(&questionnaire.goals);
        body["pain"]["minimum"] = json!(questionnaire.pain_min);
        body["pain"]["maximum"] = json!(questionnaire.pain_max);
        // One of the two radii, a number each (never null).
        body["radius_km"] = json!({ "type": "number", "exclusiveMinimum": 0, "maximum": 500,
            "description": "Radius in km, more than 0 and at most 500. Give this or radius_mi." });
        body["radius_mi"] = json!({ "type": "number", "exclusiveMinimum": 0, "maximum": 310,
            "description": "Radius in miles, more than 0 and at most 310. Give this or radius_km." });
        body["max_price_60"] = json!({ "type": ["integer", "null"], "minimum": 1, "maximum": 2000,
            "description": "Only practices whose 60-minute price is at most this; a practice with no 60-minute price is left out." });
        body["language"] = json!({ "type": "string", "enum": policy::SPOKEN_LANGUAGES,
            "description": "Only practitioners who speak this language (ISO 639-1). Whatever it is, one who speaks the Accept-Language language ranks ahead of an otherwise equal one." });
        for (key, value) in place.as_object().into_iter().flatten() {
            body["near"][key] = value.clone();
        }
    }
    if let Some(request) = doc.pointer_mut("/components/schemas/MatchRequest") {
        request["oneOf"] = json!([{ "required": ["radius_km"] }, { "required": ["radius_mi"] }]);
    }
    if let Some(body) = doc.pointer_mut("/components/schemas/VisitRequestBody/properties") {
        body["minutes"] = json!({ "type": "integer", "enum": crate::schedule::LENGTHS,
            "description": "One of the lengths offered at that start, in minutes." });
        // The server refuses control characters, and a name of spaces only.
        let visible = NO_CONTROL.replacen("[^", "[^\\s", 1);
        body["name"]["pattern"] = json!(format!("^{NO_CONTROL}*{visible}{NO_CONTROL}*$"));
        body["note"]["pattern"] = json!(format!("^{NO_CONTROL_BUT_LINES}*$"));
    }
    for schema in ["PractitionerSummary", "ProfileDto"] {
        if let Some(approach) =
            doc.pointer_mut(&format!("/components/schemas/{schema}/properties/approach"))
        {
            *approach = json!({ "type": "string", "enum": ["clinical", "mixed", "relaxation"],
                "description": "How the practitioner works, computed from the clinical-practice answers, the techniques and the training ledger by one rule." });
        }
    }
    doc
}

/// A character that is not a control character (Unicode category Cc), as a pattern.
const NO_CONTROL: &str = "[^\\u0000-\\u001F\\u007F-\\u009F]";
/// The same, but line breaks and tabs allowed.
const NO_CONTROL_BUT_LINES: &str = "[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]";

/// Unknown API paths answer with the JSON envelope, not an HTML page.
async fn show_api_not_found() -> AppError {
    AppError::NotFound(crate::i18n::text(
        crate::i18n::Lang::current(),
        "api-no-endpoint",
    ))
}
