//! The public practitioner profile page.

use axum::{
    extract::{Path, State},
    response::Html,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};

use super::{
    errors::PageError,
    map::{self, MapView, Pin},
    open_times::{PROFILE_DAYS, ProfileTimes, profile_times},
    reports::{ClientReports, client_reports},
    templates::{self, render},
    visits::BookingForm,
};
use crate::{
    admin::{
        licences::AdminError,
        moderation::{self, ReportOutcome},
    },
    auth::{ClientAddress, CsrfForm, CsrfToken},
    entities::practitioner,
    error::{AppError, FieldErrors},
    form::PageQuery,
    geocoding::Place,
    policy,
    practitioners::{
        self,
        contact::{self, ContactInput, ContactOutcome},
        editor::EditError,
    },
    schedule,
    state::AppState,
    wording::{self, ApproachWords, Unit},
};

/// The "About" text for the reader: the Spanish version on the Spanish site when the
/// practitioner wrote one, otherwise the text as they wrote it.
fn about_text(bio: String, bio_es: Option<String>) -> String {
    match bio_es {
        Some(es) if crate::i18n::Lang::current().code() == "es" && !es.trim().is_empty() => es,
        _ => bio,
    }
}

/// A phone number as a `tel:` link: its digits, with a leading `+` if it has one.
fn tel_href(phone: &str) -> String {
    let number = phone.split(['x', 'X', 'e']).next().unwrap_or(phone).trim();
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let plus = if number.starts_with('+') { "+" } else { "" };
    format!("tel:{plus}{digits}")
}

/// The area a profile's map shows around the practice, in the reader's unit.
const PROFILE_MAP_RADIUS: f64 = 10.0;

/// The clinical-practice statements, as catalogue keys, in the answers' order.
const CLINICAL_QUESTIONS: [&str; 5] = [
    "profile-cp-whole-session",
    "profile-cp-myofascial",
    "profile-cp-posture",
    "profile-cp-referral",
    "profile-cp-minimal-oil",
];

#[derive(Serialize)]
struct LicenceRow {
    jurisdiction: String,
    jurisdiction_name: String,
    number: String,
    kind: String,
    status: String,
    /// The status in words, expiry and verification included.
    standing: String,
    expires_on: Option<String>,
    /// When and how the directory verified it, in words.
    verified: Option<String>,
    board_name: Option<String>,
    lookup_url: Option<String>,
}

/// How a licence was verified, in words (`admin::licences::METHODS` and roster imports).
fn verified_how(method: Option<&str>) -> String {
    wording::say(match method {
        Some("roster") => "profile-verified-roster",
        Some("board_lookup") => "profile-verified-lookup",
        Some("document_seen") => "profile-verified-document",
        _ => "profile-verified-admin",
    })
}

#[derive(Serialize)]
struct TrainingRow {
    course: String,
    provider: String,
    modality: Option<String>,
    hours: i32,
    completed_on: String,
}

#[derive(Serialize)]
struct Answer {
    question: String,
    answer: String,
}

#[derive(Serialize)]
struct Outcome {
    count: u32,
    median_before: String,
    median_after: String,
}

#[derive(Serialize)]
struct ProfilePage {
    title: String,
    slug: String,
    csrf: String,
    contact: ContactForm,
    /// The time picker's form.
    booking: BookingForm,
    display_name: String,
    practice_name: Option<String>,
    bio: String,
    location: String,
    address: Option<String>,
    phone: Option<String>,
    /// The phone as a `tel:` link.
    phone_href: Option<String>,
    public_email: Option<String>,
    website: Option<String>,
    /// Directions to the practice in a map app, when its street address is public.
    directions_url: Option<String>,
    /// The languages the practitioner speaks, by name in the reader's language.
    languages: Vec<String>,
    practice_type: String,
    accepting: Option<bool>,
    demo: bool,
    modalities: Vec<String>,
    regions: Vec<String>,
    licences: Vec<LicenceRow>,
    training: Vec<TrainingRow>,
    training_hours: i32,
    clinical: Vec<Answer>,
    outcome: Option<Outcome>,
    money: super::money::Money,
    approach: ApproachWords,
    map: Option<MapView>,
    /// schema.org JSON-LD, escaped for a `<script>` block.
    json_ld: String,
    /// Open times, when the practitioner has set hours.
    open_times: Option<ProfileTimes>,
    /// What clients reported themselves after their visits.
    client: ClientReports,
}

/// The profile's query string: the first day of open times shown.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ProfileQuery {
    /// `YYYY-MM-DD` on the practice's clock.
    from: Option<String>,
}

fn practice_type_label(slug: &str) -> String {
    crate::i18n::lookup(
        crate::i18n::Lang::current(),
        &format!("practice-{slug}"),
        None,
    )
    .unwrap_or_else(|| slug.to_owned())
}

/// The profile's forms as typed.
#[derive(Default)]
pub(super) struct Forms {
    contact: ContactForm,
    booking: BookingForm,
}

impl Forms {
    /// The time picker as typed, the other forms empty.
    pub(super) fn booking(booking: BookingForm) -> Self {
        Self {
            booking,
            ..Self::default()
        }
    }
}

/// The appointment-request form, as typed.
#[derive(Serialize, Default)]
struct ContactForm {
    name: String,
    email: String,
    message: String,
    errors: FieldErrors,
    sent: bool,
    notice: Option<String>,
    report_notice: Option<String>,
}

/// `GET /p/{slug}`
pub async fn show_practitioner(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    CsrfToken(csrf): CsrfToken,
    PageQuery(query): PageQuery<ProfileQuery>,
) -> Result<Html<String>, PageError> {
    profile_page(&state, &slug, csrf, Forms::default(), query.from.as_deref()).await
}

async fn listed(state: &AppState, slug: &str) -> Result<practitioner::Model, PageError> {
    practitioners::listed_by_slug(&state.db, slug)
        .await?
        .ok_or_else(|| AppError::NotFound(wording::say("error-no-practitioner")).into())
}

/// `POST /p/{slug}/contact`
pub async fn create_contact_request(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    CsrfToken(csrf): CsrfToken,
    ClientAddress(address): ClientAddress,
    CsrfForm(input): CsrfForm<ContactInput>,
) -> Result<Response, PageError> {
    let p = listed(&state, &slug).await?;
    let typed = ContactForm {
        name: input.name.clone(),
        email: input.email.clone(),
        message: input
            .message
            .chars()
            .take(contact::MAX_MESSAGE + 100)
            .collect(),
        ..ContactForm::default()
    };
    let (status, contact_form) =
        match contact::submit(&state.db, &p, &input, &address, &state.public_url).await {
            Ok(ContactOutcome::Sent | ContactOutcome::Dropped) => (
                StatusCode::OK,
                ContactForm {
                    sent: true,
                    notice: Some(wording::say("profile-request-sent")),
                    ..ContactForm::default()
                },
            ),
            Ok(ContactOutcome::RateLimited) => (
                StatusCode::TOO_MANY_REQUESTS,
                ContactForm {
                    notice: Some(wording::say("profile-request-limit")),
                    ..typed
                },
            ),
            Err(EditError::Invalid(errors)) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ContactForm { errors, ..typed },
            ),
            Err(EditError::NotFound) => {
                return Err(AppError::NotFound(wording::say("error-no-practitioner")).into());
            }
            Err(EditError::Db(e)) => return Err(e.into()),
        };
    let forms = Forms {
        contact: contact_form,
        ..Forms::default()
    };
    let html = profile_page(&state, &slug, csrf, forms, None).await?;
    Ok((status, html).into_response())
}

/// The "report outdated or wrong information" form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReportForm {
    /// What is wrong.
    what: String,
    /// How to reach the person reporting, optional.
    contact: String,
}

/// `POST /p/{slug}/report` — "report outdated or wrong information".
pub async fn create_report(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    CsrfToken(csrf): CsrfToken,
    ClientAddress(address): ClientAddress,
    CsrfForm(form): CsrfForm<ReportForm>,
) -> Result<Response, PageError> {
    let p = listed(&state, &slug).await?;
    let reported =
        moderation::submit_report(&state.db, &p, &form.what, &form.contact, &address).await;
    let (status, notice) = match reported {
        Ok(ReportOutcome::Received) => (StatusCode::OK, wording::say("profile-report-thanks")),
        Ok(ReportOutcome::RateLimited) => (
            StatusCode::TOO_MANY_REQUESTS,
            wording::say("profile-report-limit"),
        ),
        Err(AdminError::Invalid(msg)) => (StatusCode::UNPROCESSABLE_ENTITY, msg),
        Err(AdminError::NotFound) => {
            return Err(AppError::NotFound(wording::say("error-no-practitioner")).into());
        }
        Err(AdminError::Db(e)) => return Err(e.into()),
    };
    let contact = ContactForm {
        report_notice: Some(notice),
        ..ContactForm::default()
    };
    let forms = Forms {
        contact,
        ..Forms::default()
    };
    let html = profile_page(&state, &slug, csrf, forms, None).await?;
    Ok((status, html).into_response())
}

/// The profile page, with the forms as typed (a refused request shows again with its
/// errors).
pub(super) async fn profile_page(
    state: &AppState,
    slug: &str,
    csrf: String,
    forms: Forms,
    from: Option<&str>,
) -> Result<Html<String>, PageError> {
    let Forms { contact, booking } = forms;
    let now = state.clock.now();
    let Some(profile) = practitioners::public_profile(&state.db, slug, now.date_naive()).await?
    else {
        return Err(AppError::NotFound(wording::say("error-no-practitioner")).into());
    };
    let modality_name = |slug: &str| crate::wording::modality_name(&state.catalogue, slug);
    let json_ld = structured_data(
        &profile,
        &format!("{}/p/{slug}", state.public_url),
        &modality_name,
    );
    let offered: Vec<String> = profile.modalities.iter().map(|(s, _)| s.clone()).collect();
    let approach = wording::approach(profile.approach(), &offered, &modality_name);
    let p = profile.practitioner;
    let money = super::money::money(&p);
    let typed_from = from.map(str::trim).filter(|f| !f.is_empty());
    let from_day = typed_from.and_then(|f| NaiveDate::parse_from_str(f, "%Y-%m-%d").ok());
    let open = schedule::open_times(&state.db, p.id, from_day, PROFILE_DAYS, now).await?;
    let open_times = profile_times(
        &open,
        &p.slug,
        now,
        (typed_from.is_some() && from_day.is_none()).then(|| wording::say("profile-date-unread")),
    );
    let client = client_reports(state, p.id).await?;
    let map = p.lat.zip(p.lng).map(|(lat, lng)| {
        let unit = Unit::for_country(&p.country);
        let centre = Place {
            lat,
            lng,
            label: format!("{}, {}", p.city, p.region_code),
            country: p.country.clone(),
        };
        let pin = Pin {
            number: 1,
            name: p.display_name.clone(),
            lat,
            lng,
            url: format!("/p/{}", p.slug),
        };
        map::draw(
            state,
            &centre,
            unit.to_km(PROFILE_MAP_RADIUS),
            unit,
            &[pin],
            &crate::i18n::text(
                crate::i18n::Lang::current(),
                if p.location_precision == "address" {
                    "map-what-practice"
                } else {
                    "map-what-practice-area"
                },
            ),
        )
    });
    let accepting =
        policy::current_availability(p.accepting_new_clients, p.accepting_confirmed_at, now);
    let location = format!("{}, {}", p.city, p.region_code);
    let page = ProfilePage {
        title: p.display_name.clone(),
        slug: p.slug.clone(),
        csrf,
        contact,
        booking,
        display_name: p.display_name,
        practice_name: p.practice_name,
        bio: about_text(p.bio, p.bio_es),
        address: (p.location_precision == "address")
            .then(|| p.address_line.map(|a| format!("{a}, {location}")))
            .flatten(),
        location,
        phone_href: p.phone.as_deref().map(tel_href),
        phone: p.phone,
        public_email: p.public_email,
        website: p.website,
        directions_url: (p.location_precision == "address")
            .then_some(p.lat.zip(p.lng))
            .flatten()
            .map(|(lat, lng)| {
                format!("https://www.openstreetmap.org/directions?route=%3B{lat:.5}%2C{lng:.5}")
            }),
        languages: policy::spoken_languages(&p.languages)
            .into_iter()
            .map(wording::language_name)
            .collect(),
        practice_type: practice_type_label(&p.practice_type),
        accepting,
        demo: p.is_demo,
        modalities: profile
            .modalities
            .iter()
            .map(|m| wording::modality_name(&state.catalogue, &m.0))
            .collect(),
        regions: profile
            .regions
            .into_iter()
            .map(|(slug, name)| {
                state
                    .rules
                    .current()
                    .region(&slug)
                    .map_or(name, |r| r.label.clone())
            })
            .collect(),
        licences: profile
            .licences
            .into_iter()
            .map(|l| LicenceRow {
                jurisdiction_name: l
                    .jurisdiction
                    .as_ref()
                    .map_or_else(|| l.licence.jurisdiction.clone(), |j| j.name.clone()),
                board_name: l.jurisdiction.as_ref().and_then(|j| j.board_name.clone()),
                lookup_url: l.jurisdiction.as_ref().and_then(|j| j.lookup_url.clone()),
                jurisdiction: l.licence.jurisdiction,
                number: l.licence.number,
                kind: wording::say(if l.licence.kind == "board_certification" {
                    "profile-kind-board"
                } else {
                    "profile-kind-state"
                }),
                verified: (l.status == "verified").then(|| {
                    let how = verified_how(l.licence.verification_method.as_deref());
                    match l.licence.verified_at {
                        Some(at) => wording::say_with(
                            "profile-verified-on",
                            [
                                ("date", at.date_naive().to_string().into()),
                                ("how", how.into()),
                            ],
                        ),
                        None => wording::capitalised(&how),
                    }
                }),
                standing: match (l.status.as_str(), l.licence.expires_on) {
                    ("verified", Some(on)) => wording::say_with(
                        "profile-standing-until",
                        [("date", on.to_string().into())],
                    ),
                    ("verified", None) => wording::say("profile-standing-current"),
                    ("pending", _) => wording::say("profile-standing-pending"),
                    ("expired", Some(on)) => wording::say_with(
                        "profile-standing-expired-on",
                        [("date", on.to_string().into())],
                    ),
                    ("expired", None) => wording::say("profile-standing-expired"),
                    _ => wording::say("profile-standing-rejected"),
                },
                expires_on: l.licence.expires_on.map(|d| d.to_string()),
                status: l.status,
            })
            .collect(),
        training: profile
            .training
            .into_iter()
            .map(|(t, modality)| TrainingRow {
                course: t.course,
                provider: t.provider,
                modality,
                hours: t.hours,
                completed_on: t.completed_on.to_string(),
            })
            .collect(),
        training_hours: profile.training_hours,
        clinical: CLINICAL_QUESTIONS
            .iter()
            .zip(profile.clinical_answers)
            .map(|(question, answer)| Answer {
                question: wording::say(question),
                answer: wording::say(match answer {
                    Some(true) => "profile-yes",
                    Some(false) => "profile-no",
                    None => "profile-not-answered",
                }),
            })
            .collect(),
        outcome: profile.outcome.map(|o| Outcome {
            count: o.count,
            median_before: format!("{:.1}", o.median_before),
            median_after: format!("{:.1}", o.median_after),
        }),
        money,
        approach,
        map,
        json_ld,
        open_times,
        client,
    };
    render(&state.templates, "practitioners/show.html", &page)
}

/// The profile as schema.org JSON-LD (ARCHITECTURE.md, "Open data", says why these
/// types): the practitioner a `Person` with their licences as credentials, the practice
/// a `MedicalBusiness` with its address and coordinates. Escaped so that no `<` can
/// close the script block it sits in.
fn structured_data(
    profile: &practitioners::Profile,
    url: &str,
    modality_name: &dyn Fn(&str) -> String,
) -> String {
    let p = &profile.practitioner;
    let person_id = format!("{url}#practitioner");
    let practice_id = format!("{url}#practice");
    let demo = "Demo listing: generated sample data, not a real practitioner.";
    let credentials: Vec<Value> = profile
        .licences
        .iter()
        .filter(|l| l.status != "rejected")
        .map(|l| {
            let place = l
                .jurisdiction
                .as_ref()
                .map_or(l.licence.jurisdiction.as_str(), |j| j.name.as_str());
            let what = wording::say(if l.licence.kind == "board_certification" {
                "credential-board-certification"
            } else {
                "credential-state-licence"
            });
            let standing = match (l.status.as_str(), l.licence.verified_at) {
                ("verified", Some(at)) => wording::say_with(
                    "credential-verified-on",
                    [("date", at.date_naive().to_string().into())],
                ),
                ("verified", None) => wording::say("credential-verified"),
                ("expired", _) => wording::say("credential-expired"),
                _ => wording::say("credential-unverified"),
            };
            let mut c = json!({
                "@type": "EducationalOccupationalCredential",
                "name": format!("{what} ({place})"),
                "credentialCategory": if l.licence.kind == "board_certification" { "certification" } else { "license" },
                "identifier": l.licence.number,
                "validIn": { "@type": "AdministrativeArea", "name": place },
                "description": standing,
            });
            if let Some(expires) = l.licence.expires_on {
                c["expires"] = json!(expires.to_string());
            }
            if let Some(board) = l.jurisdiction.as_ref().and_then(|j| j.board_name.clone()) {
                let mut by = json!({ "@type": "Organization", "name": board });
                if let Some(lookup) = l.jurisdiction.as_ref().and_then(|j| j.lookup_url.clone()) {
                    by["url"] = json!(lookup);
                }
                c["recognizedBy"] = by;
            }
            c
        })
        .collect();
    let mut person = json!({
        "@type": "Person",
        "@id": person_id,
        "name": p.display_name,
        "url": url,
        "jobTitle": "Massage therapist",
        "hasOccupation": {
            "@type": "Occupation",
            "name": "Massage therapist",
            "occupationalCategory": "31-9011.00",
        },
        "knowsAbout": profile.modalities.iter().map(|(slug, _)| modality_name(slug)).collect::<Vec<_>>(),
        "knowsLanguage": p.languages.split(',').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>(),
        "hasCredential": credentials,
        "worksFor": { "@id": practice_id },
    });
    let mut address = json!({
        "@type": "PostalAddress",
        "addressLocality": p.city,
        "addressRegion": p.region_code,
        "addressCountry": p.country,
    });
    if let Some(line) = p
        .address_line
        .as_ref()
        .filter(|_| p.location_precision == "address")
    {
        address["streetAddress"] = json!(line);
    }
    if let Some(code) = &p.postal_code {
        address["postalCode"] = json!(code);
    }
    let mut practice = json!({
        "@type": "MedicalBusiness",
        "@id": practice_id,
        "name": p.practice_name.as_deref().unwrap_or(&p.display_name),
        "url": url,
        "address": address,
        "employee": { "@id": person_id },
    });
    if !p.bio.trim().is_empty() {
        practice["description"] = json!(p.bio);
    }
    if let (Some(lat), Some(lng)) = (p.lat, p.lng) {
        practice["geo"] = json!({ "@type": "GeoCoordinates", "latitude": lat, "longitude": lng });
    }
    if let Some(phone) = &p.phone {
        practice["telephone"] = json!(phone);
    }
    if let Some(email) = &p.public_email {
        practice["email"] = json!(email);
    }
    if let Some(site) = &p.website {
        practice["sameAs"] = json!(site);
    }
    super::money::add_structured_data(&mut practice, p);
    if p.is_demo {
        person["disambiguatingDescription"] = json!(demo);
        practice["disambiguatingDescription"] = json!(demo);
    }
    templates::script_json(
        &json!({ "@context": "https://schema.org", "@graph": [person, practice] }).to_string(),
    )
}
