//! The practitioner's dashboard: what needs attention, publishing, availability, and
//! the profile editor, training ledger, licences, outcome logs and inbox. Every
//! route requires a signed-in practitioner and only ever touches their own rows.

use std::collections::BTreeMap;

use axum::{
    extract::{Path, Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use serde::{Deserialize, Serialize};

use super::{errors::PageError, search::FormOption, templates::render};
use crate::{
    app::AppState,
    auth::{CsrfForm, CsrfToken, SignedIn},
    entities::{body_region, jurisdiction, licence, modality, training_record},
    error::{AppError, FieldErrors},
    form::FormPairs,
    policy,
    practitioners::{
        self, contact,
        editor::{self, ACCESSIBILITY, CURRENCIES, EditError, LANGUAGES},
    },
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

const QUESTIONS: [(&str, &str); 5] = [
    (
        "cp_whole_session_one_area",
        "Will you spend a whole session on one area, such as low back, hips and thighs?",
    ),
    ("cp_myofascial", "Do you use myofascial techniques?"),
    (
        "cp_posture_assessment",
        "Do you assess posture and explain postural imbalance?",
    ),
    (
        "cp_referral_pain",
        "Do you work with referral pain, such as hips that cause low-back pain?",
    ),
    (
        "cp_minimal_oil",
        "Do you work mostly without oil, using it only at the end?",
    ),
];

fn options(items: impl Iterator<Item = (String, String)>, selected: &[String]) -> Vec<FormOption> {
    items
        .map(|(value, label)| FormOption {
            selected: selected.contains(&value),
            value,
            label,
        })
        .collect()
}

fn csv_list(s: &str) -> Vec<String> {
    s.split(',')
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

fn page(
    state: &AppState,
    name: &str,
    view: &impl Serialize,
    status: StatusCode,
) -> Result<Response, PageError> {
    let html = render(&state.templates, name, view)?;
    Ok((status, [(header::CACHE_CONTROL, "no-store")], html).into_response())
}

fn saved(to: &str) -> Response {
    Redirect::to(to).into_response()
}

// ---- dashboard home -------------------------------------------------------

#[derive(Serialize)]
struct AttentionView {
    message: String,
    url: &'static str,
}

#[derive(Serialize)]
struct HomeView {
    title: &'static str,
    csrf: String,
    display_name: String,
    email: String,
    listed: bool,
    suspended: bool,
    public_url: String,
    attention: Vec<AttentionView>,
    accepting: Option<bool>,
    error: Option<String>,
    notice: Option<String>,
}

/// Notices after a redirect.
#[derive(Deserialize)]
pub struct Notice {
    saved: Option<String>,
}

async fn home_view(
    state: &AppState,
    s: &SignedIn,
    csrf: String,
    error: Option<String>,
    notice: Option<String>,
) -> Result<HomeView, PageError> {
    let p = &s.practitioner;
    let now = chrono::Utc::now();
    Ok(HomeView {
        title: "Your dashboard",
        csrf,
        display_name: p.display_name.clone(),
        email: s.user.email.clone(),
        listed: p.listed,
        suspended: p.suspended_at.is_some(),
        public_url: format!("/p/{}", p.slug),
        attention: editor::attention(&state.db, p)
            .await?
            .into_iter()
            .map(|a| AttentionView {
                message: a.message,
                url: section_url(a.section),
            })
            .collect(),
        accepting: policy::current_availability(
            p.accepting_new_clients,
            p.accepting_confirmed_at,
            now,
        ),
        error,
        notice,
    })
}

/// `GET /dashboard`
pub async fn show_dashboard(
    State(state): State<AppState>,
    signed_in: SignedIn,
    CsrfToken(csrf): CsrfToken,
    Query(q): Query<Notice>,
) -> Result<Response, PageError> {
    let notice = q.saved.map(|what| match what.as_str() {
        "published" => {
            "Your profile is published. It appears in search within a few seconds.".to_owned()
        }
        "unpublished" => "Your profile is no longer listed.".to_owned(),
        "confirmed" => "Thank you: your profile is confirmed as up to date.".to_owned(),
        _ => "Saved.".to_owned(),
    });
    let view = home_view(&state, &signed_in, csrf, None, notice).await?;
    page(&state, "dashboard/home.html", &view, StatusCode::OK)
}

/// `POST /dashboard/confirm-profile`
pub async fn confirm_profile(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfForm(_): CsrfForm,
) -> Result<Response, PageError> {
    editor::confirm_profile(&state.db, &s.practitioner)
        .await
        .map_err(edit_error)?;
    Ok(saved("/dashboard?saved=confirmed"))
}

/// `POST /dashboard/availability`
pub async fn update_availability(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfForm(form): CsrfForm,
) -> Result<Response, PageError> {
    let accepting = match form.get("accepting") {
        Some("yes") => true,
        Some("no") => false,
        _ => return Err(AppError::field("accepting", "Choose yes or no.").into()),
    };
    editor::set_availability(&state.db, &s.practitioner, accepting)
        .await
        .map_err(edit_error)?;
    Ok(saved("/dashboard?saved=availability"))
}

/// `POST /dashboard/publish`
pub async fn publish_profile(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
    CsrfForm(_): CsrfForm,
) -> Result<Response, PageError> {
    match editor::publish(&state.db, &s.practitioner).await {
        Ok(()) => Ok(saved("/dashboard?saved=published")),
        Err(EditError::Invalid(errors)) => {
            let view = home_view(&state, &s, csrf, errors.get("publish").cloned(), None).await?;
            page(
                &state,
                "dashboard/home.html",
                &view,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => Err(edit_error(e)),
    }
}

/// `POST /dashboard/unpublish` — also leaves search at once, not only via the job.
pub async fn unpublish_profile(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfForm(_): CsrfForm,
) -> Result<Response, PageError> {
    editor::unpublish(&state.db, &s.practitioner)
        .await
        .map_err(edit_error)?;
    if let Err(e) = state.search.remove(&[s.practitioner.id]).await {
        tracing::warn!(practitioner.id = s.practitioner.id, error = %e, "immediate removal failed; the job will retry");
    }
    Ok(saved("/dashboard?saved=unpublished"))
}

fn edit_error(e: EditError) -> PageError {
    match e {
        EditError::Invalid(fields) => AppError::Validation {
            message: "Some fields are invalid.".into(),
            fields,
        }
        .into(),
        EditError::NotFound => AppError::NotFound("No such entry in your profile.".into()).into(),
        EditError::Db(e) => e.into(),
    }
}

// ---- profile editor -------------------------------------------------------

#[derive(Serialize, Default)]
struct Clinical {
    name: &'static str,
    question: &'static str,
    value: String,
}

#[derive(Serialize)]
struct EditorView {
    title: &'static str,
    csrf: String,
    saved: Option<String>,
    errors: BTreeMap<String, String>,
    values: BTreeMap<String, String>,
    states: Vec<FormOption>,
    modalities: Vec<FormOption>,
    regions: Vec<FormOption>,
    practice_types: Vec<FormOption>,
    clinical: Vec<Clinical>,
    prenatal: bool,
    oncology: bool,
    currencies: Vec<FormOption>,
    languages: Vec<FormOption>,
    accessibility: Vec<FormOption>,
}

/// The form a failed save came from, to show it back as typed.
struct Typed<'a> {
    section: &'a str,
    form: &'a FormPairs,
}

async fn editor_view(
    state: &AppState,
    s: &SignedIn,
    csrf: String,
    typed: Option<Typed<'_>>,
    errors: FieldErrors,
    saved: Option<String>,
) -> Result<EditorView, PageError> {
    let p = &s.practitioner;
    let db = &state.db;
    let mut values = BTreeMap::new();
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    for (k, v) in [
        ("display_name", p.display_name.clone()),
        ("practice_name", opt(&p.practice_name)),
        ("bio", p.bio.clone()),
        ("phone", opt(&p.phone)),
        ("public_email", opt(&p.public_email)),
        ("website", opt(&p.website)),
        ("address_line", opt(&p.address_line)),
        ("city", p.city.clone()),
        ("state", p.region_code.clone()),
        ("postal_code", opt(&p.postal_code)),
        ("practice_type", p.practice_type.clone()),
        (
            "price_min",
            p.price_min.map(|v| v.to_string()).unwrap_or_default(),
        ),
        (
            "price_max",
            p.price_max.map(|v| v.to_string()).unwrap_or_default(),
        ),
        ("currency", p.currency.clone()),
    ] {
        values.insert(k.to_owned(), v);
    }
    let focus = practitioners::focus_of(db, p.id).await?;
    let chosen = |list: &[practitioners::Choice]| -> Vec<String> {
        list.iter()
            .filter(|c| c.chosen)
            .map(|c| c.slug.clone())
            .collect()
    };
    let mut chosen_modalities = chosen(&focus.modalities);
    let mut chosen_regions = chosen(&focus.regions);
    let answers = [
        p.cp_whole_session_one_area,
        p.cp_myofascial,
        p.cp_posture_assessment,
        p.cp_referral_pain,
        p.cp_minimal_oil,
    ];
    let mut clinical: Vec<Clinical> = QUESTIONS
        .iter()
        .zip(answers)
        .map(|((name, question), a)| Clinical {
            name,
            question,
            value: match a {
                Some(true) => "yes".into(),
                Some(false) => "no".into(),
                None => String::new(),
            },
        })
        .collect();
    let (mut prenatal, mut oncology) = (p.prenatal_trained, p.oncology_trained);
    let mut languages = csv_list(&p.languages);
    let mut access = csv_list(&p.accessibility);
    if let Some(Typed { section, form }) = typed {
        for (k, v) in &form.0 {
            if values.contains_key(k) {
                values.insert(k.clone(), v.clone());
            }
        }
        match section {
            "focus" => {
                chosen_modalities = form.all("modalities");
                chosen_regions = form.all("regions");
            }
            "practice" => {
                for c in &mut clinical {
                    c.value = form.get(c.name).unwrap_or_default().to_owned();
                }
            }
            "training-flags" => {
                prenatal = form.get("prenatal").is_some();
                oncology = form.get("oncology").is_some();
            }
            "languages" => {
                languages = form.all("languages");
                access = form.all("accessibility");
            }
            _ => {}
        }
    }
    let states = jurisdiction::Entity::find()
        .order_by_asc(jurisdiction::Column::Name)
        .all(db)
        .await?;
    Ok(EditorView {
        title: "Edit your profile",
        csrf,
        saved,
        errors,
        states: options(
            states.into_iter().map(|j| (j.code, j.name)),
            &[values.get("state").cloned().unwrap_or_default()],
        ),
        modalities: options(
            focus.modalities.into_iter().map(|m| (m.slug, m.name)),
            &chosen_modalities,
        ),
        regions: options(
            focus.regions.into_iter().map(|r| (r.slug, r.name)),
            &chosen_regions,
        ),
        practice_types: options(
            policy::PRACTICE_TYPES
                .iter()
                .map(|(a, b)| ((*a).to_owned(), (*b).to_owned())),
            &[values.get("practice_type").cloned().unwrap_or_default()],
        ),
        clinical,
        prenatal,
        oncology,
        currencies: options(
            CURRENCIES
                .iter()
                .map(|c| ((*c).to_owned(), (*c).to_owned())),
            &[values.get("currency").cloned().unwrap_or_default()],
        ),
        languages: options(
            LANGUAGES
                .iter()
                .map(|(a, b)| ((*a).to_owned(), (*b).to_owned())),
            &languages,
        ),
        accessibility: options(
            ACCESSIBILITY
                .iter()
                .map(|(a, b)| ((*a).to_owned(), (*b).to_owned())),
            &access,
        ),
        values,
    })
}

/// `GET /dashboard/profile`
pub async fn edit_profile(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
    Query(q): Query<Notice>,
) -> Result<Response, PageError> {
    let view = editor_view(&state, &s, csrf, None, FieldErrors::new(), q.saved).await?;
    page(&state, "dashboard/profile.html", &view, StatusCode::OK)
}

/// `POST /dashboard/profile/{section}` — each section saves on its own.
pub async fn update_profile_section(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
    Path(section): Path<String>,
    CsrfForm(form): CsrfForm,
) -> Result<Response, PageError> {
    let p = &s.practitioner;
    let db = &state.db;
    let get = |k: &str| form.get(k).unwrap_or_default().to_owned();
    let result = match section.as_str() {
        "basics" => {
            let raw = |k: &str| {
                form.0
                    .iter()
                    .find(|(key, _)| key == k)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            editor::save_basics(
                db,
                p,
                &editor::Basics {
                    display_name: get("display_name"),
                    practice_name: get("practice_name"),
                    bio: raw("bio"),
                    phone: get("phone"),
                    public_email: get("public_email"),
                    website: get("website"),
                },
            )
            .await
        }
        "location" => {
            editor::save_location(
                db,
                state.geocoder.as_ref(),
                p,
                &editor::LocationInput {
                    address_line: get("address_line"),
                    city: get("city"),
                    state: get("state"),
                    postal_code: get("postal_code"),
                },
            )
            .await
        }
        "focus" => editor::save_focus(db, p, &form.all("modalities"), &form.all("regions")).await,
        "practice" => {
            let answers =
                QUESTIONS.map(|(name, _)| editor::answer(form.get(name).unwrap_or_default()));
            editor::save_practice(db, p, &get("practice_type"), answers).await
        }
        "training-flags" => {
            editor::save_training_flags(
                db,
                p,
                form.get("prenatal").is_some(),
                form.get("oncology").is_some(),
            )
            .await
        }
        "price" => {
            editor::save_price(
                db,
                p,
                &get("price_min"),
                &get("price_max"),
                &get("currency"),
            )
            .await
        }
        "languages" => {
            editor::save_languages_and_access(
                db,
                p,
                &form.all("languages"),
                &form.all("accessibility"),
            )
            .await
        }
        _ => return Err(AppError::NotFound("No such profile section.".into()).into()),
    };
    match result {
        Ok(()) => Ok(saved(&format!(
            "/dashboard/profile?saved={section}#{section}"
        ))),
        Err(EditError::Invalid(errors)) => {
            let typed = Typed {
                section: &section,
                form: &form,
            };
            let view = editor_view(&state, &s, csrf, Some(typed), errors, None).await?;
            page(
                &state,
                "dashboard/profile.html",
                &view,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => Err(edit_error(e)),
    }
}

// ---- training ledger ------------------------------------------------------

#[derive(Serialize, Clone)]
struct TrainingRow {
    id: i64,
    course: String,
    provider: String,
    modality: String,
    hours: String,
    completed_on: String,
    error: Option<String>,
}

#[derive(Serialize)]
struct TrainingView {
    title: &'static str,
    csrf: String,
    rows: Vec<TrainingRow>,
    total: i64,
    modalities: Vec<FormOption>,
    new_entry: TrainingRow,
    errors: FieldErrors,
}

fn training_input(form: &FormPairs) -> editor::TrainingInput {
    let get = |k: &str| form.get(k).unwrap_or_default().to_owned();
    editor::TrainingInput {
        course: get("course"),
        provider: get("provider"),
        modality: get("modality"),
        hours: get("hours"),
        completed_on: get("completed_on"),
    }
}

async fn training_view(
    state: &AppState,
    s: &SignedIn,
    csrf: String,
    typed: Option<(i64, &editor::TrainingInput)>,
    errors: FieldErrors,
) -> Result<TrainingView, PageError> {
    let modality_rows = modality::Entity::find()
        .order_by_asc(modality::Column::SortOrder)
        .all(&state.db)
        .await?;
    let slug_of = |id: Option<i32>| {
        id.and_then(|id| modality_rows.iter().find(|m| m.id == id))
            .map(|m| m.slug.clone())
            .unwrap_or_default()
    };
    let entries = training_record::Entity::find()
        .filter(training_record::Column::PractitionerId.eq(s.practitioner.id))
        .order_by_desc(training_record::Column::CompletedOn)
        .all(&state.db)
        .await?;
    let total = entries.iter().map(|e| i64::from(e.hours)).sum();
    let summary = errors.values().cloned().collect::<Vec<_>>().join(" ");
    let from_input = |id: i64, i: &editor::TrainingInput| TrainingRow {
        id,
        course: i.course.clone(),
        provider: i.provider.clone(),
        modality: i.modality.clone(),
        hours: i.hours.clone(),
        completed_on: i.completed_on.clone(),
        error: (!summary.is_empty()).then(|| summary.clone()),
    };
    let rows = entries
        .iter()
        .map(|e| match typed {
            Some((id, input)) if id == e.id => from_input(e.id, input),
            _ => TrainingRow {
                id: e.id,
                course: e.course.clone(),
                provider: e.provider.clone(),
                modality: slug_of(e.modality_id),
                hours: e.hours.to_string(),
                completed_on: e.completed_on.to_string(),
                error: None,
            },
        })
        .collect();
    let new_entry = match typed {
        Some((0, input)) => from_input(0, input),
        _ => from_input(0, &editor::TrainingInput::default()),
    };
    Ok(TrainingView {
        title: "Your training ledger",
        csrf,
        rows,
        total,
        modalities: options(modality_rows.into_iter().map(|m| (m.slug, m.name)), &[]),
        new_entry,
        errors: if matches!(typed, Some((0, _))) {
            errors
        } else {
            FieldErrors::new()
        },
    })
}

/// `GET /dashboard/training`
pub async fn list_training(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, PageError> {
    let view = training_view(&state, &s, csrf, None, FieldErrors::new()).await?;
    page(&state, "dashboard/training.html", &view, StatusCode::OK)
}

async fn training_result(
    state: &AppState,
    s: &SignedIn,
    csrf: String,
    id: i64,
    input: &editor::TrainingInput,
    r: Result<(), EditError>,
) -> Result<Response, PageError> {
    match r {
        Ok(()) => Ok(saved("/dashboard/training")),
        Err(EditError::Invalid(errors)) => {
            let view = training_view(state, s, csrf, Some((id, input)), errors).await?;
            page(
                state,
                "dashboard/training.html",
                &view,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => Err(edit_error(e)),
    }
}

/// `POST /dashboard/training`
pub async fn create_training(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
    CsrfForm(form): CsrfForm,
) -> Result<Response, PageError> {
    let input = training_input(&form);
    let r = editor::add_training(&state.db, &s.practitioner, &input).await;
    training_result(&state, &s, csrf, 0, &input, r).await
}

/// `POST /dashboard/training/{id}`
pub async fn update_training(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm,
) -> Result<Response, PageError> {
    let input = training_input(&form);
    let r = editor::edit_training(&state.db, &s.practitioner, id, &input).await;
    training_result(&state, &s, csrf, id, &input, r).await
}

/// `POST /dashboard/training/{id}/delete`
pub async fn destroy_training(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm,
) -> Result<Response, PageError> {
    editor::remove_training(&state.db, &s.practitioner, id)
        .await
        .map_err(edit_error)?;
    Ok(saved("/dashboard/training"))
}

// ---- licences -------------------------------------------------------------

#[derive(Serialize)]
struct LicenceRow {
    id: i64,
    jurisdiction: String,
    number: String,
    kind: String,
    expires_on: String,
    status: String,
    rejection_reason: Option<String>,
    verified_on: Option<String>,
    error: Option<String>,
}

#[derive(Serialize)]
struct LicenceView {
    title: &'static str,
    csrf: String,
    rows: Vec<LicenceRow>,
    states: Vec<FormOption>,
    new_entry: LicenceRow,
    errors: FieldErrors,
}

fn licence_input(form: &FormPairs) -> editor::LicenceInput {
    let get = |k: &str| form.get(k).unwrap_or_default().to_owned();
    editor::LicenceInput {
        jurisdiction: get("jurisdiction"),
        number: get("number"),
        kind: get("kind"),
        expires_on: get("expires_on"),
    }
}

async fn licence_view(
    state: &AppState,
    s: &SignedIn,
    csrf: String,
    typed: Option<(i64, &editor::LicenceInput)>,
    errors: FieldErrors,
) -> Result<LicenceView, PageError> {
    let today = chrono::Utc::now().date_naive();
    let rows_db = licence::Entity::find()
        .filter(licence::Column::PractitionerId.eq(s.practitioner.id))
        .order_by_asc(licence::Column::Id)
        .all(&state.db)
        .await?;
    let summary = errors.values().cloned().collect::<Vec<_>>().join(" ");
    let blank = |id: i64, i: &editor::LicenceInput| LicenceRow {
        id,
        jurisdiction: i.jurisdiction.clone(),
        number: i.number.clone(),
        kind: i.kind.clone(),
        expires_on: i.expires_on.clone(),
        status: String::new(),
        rejection_reason: None,
        verified_on: None,
        error: (!summary.is_empty()).then(|| summary.clone()),
    };
    let rows = rows_db
        .iter()
        .map(|l| {
            let mut row = match typed {
                Some((id, input)) if id == l.id => blank(l.id, input),
                _ => LicenceRow {
                    id: l.id,
                    jurisdiction: l.jurisdiction.clone(),
                    number: l.number.clone(),
                    kind: l.kind.clone(),
                    expires_on: l.expires_on.map(|d| d.to_string()).unwrap_or_default(),
                    status: String::new(),
                    rejection_reason: None,
                    verified_on: None,
                    error: None,
                },
            };
            row.status = practitioners::effective_status(l, today).to_owned();
            row.rejection_reason = l.rejection_reason.clone();
            row.verified_on = l.verified_at.map(|t| t.date_naive().to_string());
            row
        })
        .collect();
    let states = jurisdiction::Entity::find()
        .order_by_asc(jurisdiction::Column::Name)
        .all(&state.db)
        .await?;
    Ok(LicenceView {
        title: "Your licences",
        csrf,
        rows,
        states: options(states.into_iter().map(|j| (j.code, j.name)), &[]),
        new_entry: match typed {
            Some((0, input)) => blank(0, input),
            _ => blank(
                0,
                &editor::LicenceInput {
                    kind: "state_licence".into(),
                    ..Default::default()
                },
            ),
        },
        errors: if matches!(typed, Some((0, _))) {
            errors
        } else {
            FieldErrors::new()
        },
    })
}

/// `GET /dashboard/licences`
pub async fn list_licences(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, PageError> {
    let view = licence_view(&state, &s, csrf, None, FieldErrors::new()).await?;
    page(&state, "dashboard/licences.html", &view, StatusCode::OK)
}

async fn licence_result(
    state: &AppState,
    s: &SignedIn,
    csrf: String,
    id: i64,
    input: &editor::LicenceInput,
    r: Result<(), EditError>,
) -> Result<Response, PageError> {
    match r {
        Ok(()) => Ok(saved("/dashboard/licences")),
        Err(EditError::Invalid(errors)) => {
            let view = licence_view(state, s, csrf, Some((id, input)), errors).await?;
            page(
                state,
                "dashboard/licences.html",
                &view,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => Err(edit_error(e)),
    }
}

/// `POST /dashboard/licences`
pub async fn create_licence(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
    CsrfForm(form): CsrfForm,
) -> Result<Response, PageError> {
    let input = licence_input(&form);
    let r = editor::add_licence(&state.db, &s.practitioner, &input).await;
    licence_result(&state, &s, csrf, 0, &input, r).await
}

/// `POST /dashboard/licences/{id}`
pub async fn update_licence(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm,
) -> Result<Response, PageError> {
    let input = licence_input(&form);
    let r = editor::edit_licence(&state.db, &s.practitioner, id, &input).await;
    licence_result(&state, &s, csrf, id, &input, r).await
}

// ---- outcomes -------------------------------------------------------------

#[derive(Serialize)]
struct OutcomeRow {
    session_date: String,
    region: String,
    pain_before: i16,
    pain_after: i16,
}

#[derive(Serialize)]
struct OutcomeView {
    title: &'static str,
    csrf: String,
    rows: Vec<OutcomeRow>,
    regions: Vec<FormOption>,
    summary: Option<String>,
    typed: BTreeMap<String, String>,
    errors: FieldErrors,
}

async fn outcome_view(
    state: &AppState,
    s: &SignedIn,
    csrf: String,
    typed: Option<&FormPairs>,
    errors: FieldErrors,
) -> Result<OutcomeView, PageError> {
    let rows = editor::outcomes(&state.db, &s.practitioner).await?;
    let logs: Vec<(i16, i16)> = rows
        .iter()
        .map(|(o, _)| (o.pain_before, o.pain_after))
        .collect();
    let regions = body_region::Entity::find()
        .order_by_asc(body_region::Column::SortOrder)
        .all(&state.db)
        .await?;
    let mut typed_values = BTreeMap::new();
    for k in ["session_date", "region", "pain_before", "pain_after"] {
        typed_values.insert(
            k.to_owned(),
            typed.and_then(|f| f.get(k)).unwrap_or_default().to_owned(),
        );
    }
    Ok(OutcomeView {
        title: "Your outcome logs",
        csrf,
        summary: practitioners::outcome_summary(&logs).map(|o| {
            format!(
                "Median pain {:.1} → {:.1} across {} sessions (shown on your public profile).",
                o.median_before, o.median_after, o.count
            )
        }),
        rows: rows
            .into_iter()
            .map(|(o, region)| OutcomeRow {
                session_date: o.session_date.to_string(),
                region,
                pain_before: o.pain_before,
                pain_after: o.pain_after,
            })
            .collect(),
        regions: options(
            regions.into_iter().map(|r| (r.slug, r.name)),
            &[typed_values.get("region").cloned().unwrap_or_default()],
        ),
        typed: typed_values,
        errors,
    })
}

/// `GET /dashboard/outcomes`
pub async fn list_outcomes(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, PageError> {
    let view = outcome_view(&state, &s, csrf, None, FieldErrors::new()).await?;
    page(&state, "dashboard/outcomes.html", &view, StatusCode::OK)
}

/// `POST /dashboard/outcomes`
pub async fn create_outcome(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
    CsrfForm(form): CsrfForm,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).unwrap_or_default().to_owned();
    let input = editor::OutcomeInput {
        session_date: get("session_date"),
        region: get("region"),
        pain_before: get("pain_before"),
        pain_after: get("pain_after"),
    };
    match editor::add_outcome(&state.db, &s.practitioner, &input).await {
        Ok(()) => Ok(saved("/dashboard/outcomes")),
        Err(EditError::Invalid(errors)) => {
            let view = outcome_view(&state, &s, csrf, Some(&form), errors).await?;
            page(
                &state,
                "dashboard/outcomes.html",
                &view,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => Err(edit_error(e)),
    }
}

/// `GET /dashboard/outcomes.csv`
pub async fn export_outcomes(
    State(state): State<AppState>,
    s: SignedIn,
) -> Result<Response, PageError> {
    let rows = editor::outcomes(&state.db, &s.practitioner).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"outcomes.csv\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        editor::outcomes_csv(&rows).map_err(AppError::internal)?,
    )
        .into_response())
}

// ---- inbox ----------------------------------------------------------------

#[derive(Serialize)]
struct Message {
    name: String,
    email: String,
    message: String,
    received: String,
}

#[derive(Serialize)]
struct InboxView {
    title: &'static str,
    messages: Vec<Message>,
}

/// `GET /dashboard/inbox`
pub async fn show_inbox(State(state): State<AppState>, s: SignedIn) -> Result<Response, PageError> {
    let messages = contact::inbox(&state.db, &s.practitioner)
        .await?
        .into_iter()
        .map(|m| Message {
            name: m.name,
            email: m.email,
            message: m.message,
            received: m.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
        })
        .collect();
    page(
        &state,
        "dashboard/inbox.html",
        &InboxView {
            title: "Your inbox",
            messages,
        },
        StatusCode::OK,
    )
}
/// The dashboard page of a profile section.
fn section_url(section: editor::Section) -> &'static str {
    match section {
        editor::Section::Overview => "/dashboard",
        editor::Section::Profile => "/dashboard/profile",
        editor::Section::Training => "/dashboard/training",
        editor::Section::Licences => "/dashboard/licences",
    }
}
