//! The profile editor: every section is its own form and saves on its own.
use std::collections::BTreeMap;

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::Response,
};
use serde::{Deserialize, Serialize};

use super::{csv_list, edit_error, options, saved};
use crate::{
    auth::{CsrfForm, CsrfToken, SignedIn},
    error::{AppError, FieldErrors},
    form::PageQuery,
    policy,
    practitioners::{
        self,
        editor::{self, EditError},
    },
    state::AppState,
    web::{errors::PageError, search::FormOption, templates::private_page as page},
    wording,
};

/// The clinical-practice questions: each field and the catalogue key of its question.
const QUESTIONS: [(&str, &str); 5] = [
    ("cp_whole_session_one_area", "edit-cp-whole-session"),
    ("cp_myofascial", "edit-cp-myofascial"),
    ("cp_posture_assessment", "edit-cp-posture"),
    ("cp_referral_pain", "edit-cp-referral"),
    ("cp_minimal_oil", "edit-cp-minimal-oil"),
];

#[derive(Serialize, Default)]
struct Clinical {
    name: &'static str,
    question: String,
    value: String,
}

#[derive(Serialize)]
struct EditorView {
    title: String,
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
    languages: Vec<FormOption>,
    accessibility: Vec<FormOption>,
    /// Words of an earlier languages list that were not read as a language.
    languages_unread: Option<String>,
}

/// Every field of the editor's section forms; each section's form fills its own.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    display_name: String,
    practice_name: String,
    bio: String,
    bio_es: String,
    phone: String,
    public_email: String,
    website: String,
    address_line: String,
    city: String,
    state: String,
    postal_code: String,
    modalities: Vec<String>,
    regions: Vec<String>,
    practice_type: String,
    cp_whole_session_one_area: String,
    cp_myofascial: String,
    cp_posture_assessment: String,
    cp_referral_pain: String,
    cp_minimal_oil: String,
    prenatal: Option<String>,
    oncology: Option<String>,
    languages: Vec<String>,
    accessibility: Vec<String>,
}

impl ProfileForm {
    /// The single-line fields by name (the About text as typed, the rest trimmed).
    fn texts(&self) -> [(&'static str, &str); 12] {
        [
            ("display_name", self.display_name.trim()),
            ("practice_name", self.practice_name.trim()),
            ("bio", &self.bio),
            ("bio_es", &self.bio_es),
            ("phone", self.phone.trim()),
            ("public_email", self.public_email.trim()),
            ("website", self.website.trim()),
            ("address_line", self.address_line.trim()),
            ("city", self.city.trim()),
            ("state", self.state.trim()),
            ("postal_code", self.postal_code.trim()),
            ("practice_type", self.practice_type.trim()),
        ]
    }

    fn text(&self, name: &str) -> String {
        self.texts()
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| (*v).to_owned())
            .unwrap_or_default()
    }

    /// The five clinical-practice answers, in `QUESTIONS` order.
    fn clinical(&self) -> [&str; 5] {
        [
            self.cp_whole_session_one_area.trim(),
            self.cp_myofascial.trim(),
            self.cp_posture_assessment.trim(),
            self.cp_referral_pain.trim(),
            self.cp_minimal_oil.trim(),
        ]
    }
}

/// The form a failed save came from, to show it back as typed.
struct Typed<'a> {
    section: &'a str,
    form: &'a ProfileForm,
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
        ("bio_es", opt(&p.bio_es)),
        ("phone", opt(&p.phone)),
        ("public_email", opt(&p.public_email)),
        ("website", opt(&p.website)),
        ("address_line", opt(&p.address_line)),
        ("city", p.city.clone()),
        ("state", p.region_code.clone()),
        ("postal_code", opt(&p.postal_code)),
        ("practice_type", p.practice_type.clone()),
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
            question: wording::say(question),
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
        for (k, v) in form.texts() {
            if let Some(value) = values.get_mut(k) {
                v.clone_into(value);
            }
        }
        match section {
            "focus" => {
                chosen_modalities.clone_from(&form.modalities);
                chosen_regions.clone_from(&form.regions);
            }
            "practice" => {
                for (c, answer) in clinical.iter_mut().zip(form.clinical()) {
                    answer.clone_into(&mut c.value);
                }
            }
            "training-flags" => {
                prenatal = form.prenatal.is_some();
                oncology = form.oncology.is_some();
            }
            "languages" => {
                languages.clone_from(&form.languages);
                access.clone_from(&form.accessibility);
            }
            _ => {}
        }
    }
    Ok(EditorView {
        title: wording::say("edit-title"),
        csrf,
        saved,
        errors,
        states: options(
            state.catalogue.jurisdictions_by_name().into_iter(),
            &[values.get("state").cloned().unwrap_or_default()],
        ),
        modalities: options(
            focus.modalities.into_iter().map(|m| {
                let name = wording::modality_name(&state.catalogue, &m.slug);
                (m.slug, name)
            }),
            &chosen_modalities,
        ),
        regions: options(
            focus.regions.into_iter().map(|r| {
                let name = super::region_label(state, &r.slug);
                (r.slug, name)
            }),
            &chosen_regions,
        ),
        practice_types: options(
            policy::PRACTICE_TYPES.iter().map(|(slug, _)| {
                (
                    (*slug).to_owned(),
                    wording::say(&format!("practice-{slug}")),
                )
            }),
            &[values.get("practice_type").cloned().unwrap_or_default()],
        ),
        clinical,
        prenatal,
        oncology,
        languages: options(
            policy::SPOKEN_LANGUAGES
                .iter()
                .map(|code| ((*code).to_owned(), wording::language_name(code))),
            &languages,
        ),
        languages_unread: p.languages_unread.clone(),
        accessibility: options(
            crate::policy::ACCESSIBILITY
                .iter()
                .map(|(slug, _)| ((*slug).to_owned(), wording::accessibility_name(slug))),
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
    PageQuery(q): PageQuery<super::home::Notice>,
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
    CsrfForm(form): CsrfForm<ProfileForm>,
) -> Result<Response, PageError> {
    let p = &s.practitioner;
    let db = &state.db;
    let get = |k: &str| form.text(k);
    let result = match section.as_str() {
        "basics" => {
            editor::save_basics(
                db,
                p,
                &editor::Basics {
                    display_name: get("display_name"),
                    practice_name: get("practice_name"),
                    bio: form.bio.clone(),
                    bio_es: form.bio_es.clone(),
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
        "focus" => editor::save_focus(db, p, &form.modalities, &form.regions).await,
        "practice" => {
            let answers = form.clinical().map(editor::answer);
            editor::save_practice(db, p, &get("practice_type"), answers).await
        }
        "training-flags" => {
            editor::save_training_flags(db, p, form.prenatal.is_some(), form.oncology.is_some())
                .await
        }
        "languages" => {
            editor::save_languages_and_access(db, p, &form.languages, &form.accessibility).await
        }
        _ => return Err(AppError::NotFound(wording::say("edit-no-section")).into()),
    };
    match result {
        Ok(()) => {
            // A new location can mean a new time zone for the practice's hours.
            state.plans.forget(p.id);
            Ok(saved(&format!(
                "/dashboard/profile?saved={section}#{section}"
            )))
        }
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
