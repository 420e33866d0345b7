//! The questionnaire page and its results page. The form is sent by POST, so answers
//! (red flags, pregnancy) stay out of the address bar and the browser's history; the
//! results page carries them on in hidden fields to its own buttons (the note, the
//! doctor's clearance, changing the answers). A link holding the answers (`GET
//! /match?…`) is made only when the person asks for one, with what it contains. They
//! are never stored or logged.

use axum::{
    extract::{RawQuery, State},
    http::header,
    response::{Html, IntoResponse, Response},
};
use serde::{Deserialize, Serialize};

use super::{
    errors::PageError,
    map::{self, MapView},
    open_times::next_open_label,
    reach::{Reach, ReachForm},
    search::{FormOption, ResultCard},
    templates::render,
};
use crate::{
    auth::{CsrfForm, CsrfToken},
    error::{AppError, FieldErrors},
    form::{self, FormPairs, PageQuery},
    geocoding::resolve_required,
    i18n::{self, Lang},
    matches::{self, MatchContext},
    matching::{PreVisitNote, RawAnswers, VerdictKind, pre_visit_note, screen},
    state::AppState,
    wording::{self, Unit},
};

/// The questionnaire form, echoing what was chosen.
#[derive(Debug, Serialize)]
struct QuestionnaireForm {
    regions: Vec<FormOption>,
    durations: Vec<FormOption>,
    pains: Vec<FormOption>,
    red_flag_groups: Vec<RedFlagBox>,
    age_bands: Vec<FormOption>,
    conditions: Vec<FormOption>,
    pressures: Vec<FormOption>,
    goals: Vec<FormOption>,
    near: String,
    reach: ReachForm,
    /// "Speaks": any language, then the reader's own, then the rest.
    spoken: Vec<FormOption>,
    /// The cost filters, as ticked and typed.
    hsa_fsa: bool,
    injury_claims: bool,
    max_price_60: String,
    errors: FormErrors,
    has_errors: bool,
    choices: Vec<Choice>,
}

/// One box of red flags: warning signs, or risk factors.
#[derive(Debug, Serialize)]
struct RedFlagBox {
    slug: String,
    label: String,
    hint: String,
    flags: Vec<FormOption>,
}

/// One message per question, null when the answer is fine.
#[derive(Debug, Default, Serialize)]
struct FormErrors {
    regions: Option<String>,
    duration: Option<String>,
    pain: Option<String>,
    red_flags: Option<String>,
    age_band: Option<String>,
    conditions: Option<String>,
    pressure: Option<String>,
    goal: Option<String>,
    near: Option<String>,
    radius: Option<String>,
    unit: Option<String>,
    language: Option<String>,
    hsa_fsa: Option<String>,
    injury_claims: Option<String>,
    max_price_60: Option<String>,
}

impl From<FieldErrors> for FormErrors {
    fn from(mut e: FieldErrors) -> Self {
        let mut take = |k: &str| e.remove(k).map(|m| wording::capitalised(&m));
        Self {
            regions: take("regions"),
            duration: take("duration"),
            pain: take("pain"),
            red_flags: take("red_flags"),
            age_band: take("age_band"),
            conditions: take("conditions"),
            pressure: take("pressure"),
            goal: take("goal"),
            near: take("near"),
            radius: take("radius"),
            unit: take("unit"),
            language: take("language"),
            hsa_fsa: take("hsa_fsa"),
            injury_claims: take("injury_claims"),
            max_price_60: take("max_price_60"),
        }
    }
}

/// A place to choose, sent back with the form as `near_choice`.
#[derive(Debug, Serialize)]
pub(super) struct Choice {
    label: String,
}

#[derive(Serialize)]
struct FormPage {
    title: String,
    form: QuestionnaireForm,
    csrf: String,
}

/// The fields of the questionnaire: only these are carried from page to page.
const ANSWER_FIELDS: [&str; 16] = [
    "regions",
    "duration",
    "pain",
    "red_flags",
    "age_band",
    "conditions",
    "pressure",
    "goal",
    "cleared_by_doctor",
    "near",
    "radius",
    "unit",
    "language",
    "hsa_fsa",
    "injury_claims",
    "max_price_60",
];

/// The answers of a request, as pairs in the order sent: only the questionnaire's
/// fields, with a place chosen from a list (`near_choice`) in place of the one typed.
pub(super) fn answers_of(pairs: &FormPairs) -> FormPairs {
    let mut answers = FormPairs(
        pairs
            .0
            .iter()
            .filter(|(k, _)| ANSWER_FIELDS.contains(&k.as_str()))
            .cloned()
            .collect(),
    );
    if let Some(choice) = pairs.get("near_choice").filter(|c| !c.is_empty()) {
        answers.set("near", choice);
    }
    answers
}

/// The answers read into the questionnaire's struct.
pub(super) fn read_answers(answers: &FormPairs) -> Result<MatchQuery, PageError> {
    form::parse(&answers.query_with("", None)).map_err(|fields| form::unreadable(fields).into())
}

/// The answers without the doctor's clearance, for buttons that set or drop it.
fn without_clearance(answers: &FormPairs) -> Vec<(String, String)> {
    answers
        .0
        .iter()
        .filter(|(k, _)| k != "cleared_by_doctor")
        .cloned()
        .collect()
}

#[derive(Serialize)]
struct MatchCard {
    card: ResultCard,
    reasons: Vec<String>,
    /// "tomorrow 9:00 AM CST", when the practitioner has set hours.
    next_open: Option<String>,
}

#[derive(Serialize)]
struct ResultsPage {
    title: String,
    verdict: &'static str,
    headline: String,
    reasons: Vec<String>,
    /// Reasons that call for a less serious verdict, still worth telling the doctor.
    also: Vec<String>,
    cleared: bool,
    /// Offer "a doctor has seen me": the answers without the clearance.
    offer_clearance: bool,
    precautions: Vec<String>,
    location: Option<String>,
    radius: u32,
    unit: String,
    matches: Vec<MatchCard>,
    map: Option<MapView>,
    not_a_diagnosis: String,
    has_note: bool,
    /// Whether a letter of medical necessity is offered: pain relief, and massage is
    /// safe to begin or a doctor is asked first.
    offers_letter: bool,
    /// The answers, for the page's buttons to send on.
    answers: Vec<(String, String)>,
    /// The answers without the doctor's clearance.
    answers_uncleared: Vec<(String, String)>,
    /// The link holding the answers, once asked for, and what it holds.
    share: Option<ShareLink>,
    csrf: String,
}

/// A link to a result, made on request.
#[derive(Serialize)]
struct ShareLink {
    url: String,
    holds: Vec<String>,
}

#[derive(Serialize)]
struct NotePage {
    title: String,
    note: Option<PreVisitNote>,
    not_a_diagnosis: String,
    answers: Vec<(String, String)>,
    csrf: String,
}

/// The questionnaire's answers as the form sends them (`POST /match`, or a shared
/// `GET /match` link).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MatchQuery {
    regions: Vec<String>,
    duration: String,
    pain: String,
    red_flags: Vec<String>,
    age_band: String,
    conditions: Vec<String>,
    pressure: String,
    goal: String,
    cleared_by_doctor: String,
    near: String,
    radius: String,
    unit: String,
    language: String,
    hsa_fsa: String,
    injury_claims: String,
    max_price_60: String,
}

fn form(state: &AppState, q: &MatchQuery, errors: FieldErrors) -> QuestionnaireForm {
    let rules = state.rules.current();
    let one = |value: &str| vec![value.trim().to_owned()];
    let pains: Vec<(String, String)> = (0..=10).map(|p| (p.to_string(), p.to_string())).collect();
    QuestionnaireForm {
        regions: FormOption::list(
            rules
                .regions
                .iter()
                .map(|r| (r.slug.as_str(), r.label.as_str())),
            &q.regions,
        ),
        durations: FormOption::list(
            rules
                .durations
                .iter()
                .map(|r| (r.slug.as_str(), r.label.as_str())),
            &one(&q.duration),
        ),
        pains: FormOption::list(
            pains.iter().map(|(a, b)| (a.as_str(), b.as_str())),
            &one(&q.pain),
        ),
        red_flag_groups: rules
            .red_flag_groups
            .iter()
            .map(|g| RedFlagBox {
                slug: g.slug.clone(),
                label: g.label.clone(),
                hint: g.hint.clone(),
                flags: FormOption::list(
                    rules
                        .red_flags
                        .iter()
                        .filter(|r| r.group == g.slug)
                        .map(|r| (r.slug.as_str(), r.label.as_str())),
                    &q.red_flags,
                ),
            })
            .collect(),
        age_bands: FormOption::list(
            rules
                .age_bands
                .iter()
                .map(|r| (r.slug.as_str(), r.label.as_str())),
            &one(&q.age_band),
        ),
        conditions: FormOption::list(
            rules
                .conditions
                .iter()
                .map(|r| (r.slug.as_str(), r.label.as_str())),
            &q.conditions,
        ),
        pressures: FormOption::list(
            rules
                .pressures
                .iter()
                .map(|r| (r.slug.as_str(), r.label.as_str())),
            &one(&q.pressure),
        ),
        goals: FormOption::list(
            rules
                .goals
                .iter()
                .map(|r| (r.slug.as_str(), r.label.as_str())),
            &one(&q.goal),
        ),
        near: q.near.trim().to_owned(),
        reach: Reach::read(&q.radius, &q.unit, &mut FieldErrors::new()).form(),
        spoken: super::search::spoken_options(q.language.trim()),
        hsa_fsa: form::flag("hsa_fsa", Some(&q.hsa_fsa), &mut FieldErrors::new()),
        injury_claims: form::flag(
            "injury_claims",
            Some(&q.injury_claims),
            &mut FieldErrors::new(),
        ),
        max_price_60: q.max_price_60.chars().filter(|c| !c.is_control()).collect(),
        has_errors: !errors.is_empty(),
        errors: errors.into(),
        choices: Vec::new(),
    }
}

/// A message of the current request's language.
fn say(key: &str) -> String {
    i18n::text(Lang::current(), key)
}

/// Health-data pages are never cached or sent on as a referrer.
pub(super) fn private(html: Html<String>) -> Response {
    (
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        html,
    )
        .into_response()
}

/// `GET /questionnaire`
pub async fn show_questionnaire(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, PageError> {
    let blank = MatchQuery::default();
    let page = FormPage {
        title: say("q-title"),
        form: form(&state, &blank, FieldErrors::new()),
        csrf,
    };
    render(&state.templates, "questionnaire/form.html", &page).map(private)
}

impl MatchQuery {
    pub(super) fn raw_answers(&self) -> RawAnswers {
        let pain = self.pain.trim();
        RawAnswers {
            regions: self.regions.clone(),
            duration: self.duration.trim().to_owned(),
            pain: pain
                .parse()
                .ok()
                .or_else(|| (!pain.is_empty()).then_some(-1)),
            red_flags: self.red_flags.clone(),
            age_band: Some(self.age_band.trim())
                .filter(|a| !a.is_empty())
                .map(str::to_owned),
            conditions: self.conditions.clone(),
            pressure: self.pressure.trim().to_owned(),
            goal: self.goal.trim().to_owned(),
            cleared_by_doctor: matches!(self.cleared_by_doctor.trim(), "1" | "true" | "on"),
        }
    }
}

/// `GET /match?regions=…&duration=…&pain=…&…` — a shared link to a result.
pub async fn show_match(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let answers = answers_of(&FormPairs::parse(raw.as_deref()));
    match_page(&state, answers, csrf, false).await
}

/// `POST /match` — the questionnaire sent: the verdict first, then matches. With
/// `share`, the page also gives a link holding the answers.
pub async fn submit_questionnaire(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    CsrfForm(pairs): CsrfForm,
) -> Result<Response, PageError> {
    let share = pairs.get("share").is_some();
    match_page(&state, answers_of(&pairs), csrf, share).await
}

/// What a link to a result holds, in words, from the answers given.
fn link_holds(q: &MatchQuery) -> Vec<String> {
    let mut holds = vec![say("holds-pain")];
    if !q.red_flags.is_empty() {
        holds.push(say("holds-red-flags"));
    }
    if !q.conditions.is_empty() {
        holds.push(say("holds-conditions"));
    }
    if !q.age_band.trim().is_empty() {
        holds.push(say("holds-age"));
    }
    if matches!(q.cleared_by_doctor.trim(), "1" | "true" | "on") {
        holds.push(say("holds-cleared"));
    }
    holds.push(say("holds-rest"));
    holds
}

/// The results page for a set of answers.
async fn match_page(
    state: &AppState,
    mut submitted: FormPairs,
    csrf: String,
    share: bool,
) -> Result<Response, PageError> {
    let q = read_answers(&submitted)?;
    let mut errors = FieldErrors::new();
    let mut reach = Reach::read(&q.radius, &q.unit, &mut errors);
    let speaks = Some(q.language.trim()).filter(|code| !code.is_empty());
    if speaks.is_some_and(|code| !crate::policy::is_spoken_language(code)) {
        errors.insert("language".into(), say("q-language-unknown"));
    }
    let cost = matches::CostFilter {
        hsa_fsa: form::flag("hsa_fsa", Some(&q.hsa_fsa), &mut errors),
        injury_claims: form::flag("injury_claims", Some(&q.injury_claims), &mut errors),
        max_price_60: form::max_price("max_price_60", Some(&q.max_price_60), &mut errors),
    };
    let answers = match q.raw_answers().validate(state.rules.current()) {
        Ok(answers) => answers,
        Err(more) => {
            errors.extend(more);
            return show_form_again(state, &q, errors, Vec::new(), csrf);
        }
    };
    let screening = screen(&answers, state.rules.current());
    let verdict = &screening.verdict;
    // How far to look matters only when there is a list to show: a wrong unit never
    // stands between a person and a "get medical care now".
    if verdict.shows_matches() && !errors.is_empty() {
        return show_form_again(state, &q, errors, Vec::new(), csrf);
    }
    let headline = say(match verdict.kind {
        VerdictKind::Urgent => "verdict-urgent",
        VerdictKind::SeeDoctorFirst => "verdict-doctor",
        VerdictKind::Postpone => "verdict-postpone",
        VerdictKind::Proceed if verdict.cleared => "verdict-cleared",
        VerdictKind::Proceed => "verdict-proceed",
    });
    let verdict_slug = verdict.kind.slug();
    let has_note = pre_visit_note(&answers, &screening, state.rules.current()).is_some();
    let offers_letter = answers.goal == "clinical"
        && crate::matching::letter_request(&answers, &screening, state.rules.current()).is_some();
    let mut page = ResultsPage {
        title: headline.clone(),
        verdict: verdict_slug,
        headline,
        reasons: verdict.causes.iter().map(|c| c.reason.clone()).collect(),
        also: if verdict.shows_matches() {
            Vec::new()
        } else {
            verdict.also.iter().map(|c| c.reason.clone()).collect()
        },
        cleared: verdict.cleared,
        offer_clearance: verdict.kind == VerdictKind::SeeDoctorFirst,
        // Precautions are about massage: only a page that goes on to massage shows them.
        precautions: if verdict.shows_matches() {
            screening.precautions.notes.clone()
        } else {
            Vec::new()
        },
        location: None,
        radius: reach.radius,
        unit: reach.unit.unwrap_or(Unit::Mi).name(),
        matches: Vec::new(),
        map: None,
        not_a_diagnosis: state.rules.current().not_a_diagnosis.clone(),
        has_note,
        offers_letter,
        answers: Vec::new(),
        answers_uncleared: Vec::new(),
        share: None,
        csrf: csrf.clone(),
    };
    if verdict.shows_matches() {
        let place = match resolve_required(state.geocoder.as_ref(), Some(q.near.trim())).await {
            Ok(place) => place,
            Err(e) => {
                let choices = e
                    .choices()
                    .iter()
                    .map(|p| Choice {
                        label: p.label.clone(),
                    })
                    .collect();
                let errors = FieldErrors::from([("near".to_owned(), e.message())]);
                return show_form_again(state, &q, errors, choices, csrf);
            }
        };
        let unit = reach.settle(&place.country, &mut errors);
        if !errors.is_empty() {
            return show_form_again(state, &q, errors, Vec::new(), csrf);
        }
        // From here on the answers carry the unit, chosen or settled by the place.
        submitted.set("unit", unit.slug());
        page.unit = unit.name();
        let radius_km = reach.radius_km(unit);
        let now = state.clock.now();
        let ctx = MatchContext {
            search: state.search.as_ref(),
            rules: state.rules.current(),
            weights: &state.weights,
            catalogue: &state.catalogue,
            db: &state.db,
            plans: &state.plans,
            now,
            reader_language: Lang::current().code(),
            speaks,
            cost,
        };
        let ranked = matches::find_matches(&ctx, &answers, &screening, &place, radius_km)
            .await
            .map_err(|e| AppError::Unavailable(e.to_string()))?;
        let modality_name = |slug: &str| wording::modality_name(&state.catalogue, slug);
        let mut pins = Vec::new();
        page.matches = ranked
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let card = ResultCard::new(
                    Some(i + 1),
                    &r.hit.doc,
                    Some(unit.distance(r.hit.distance_km)),
                    state,
                )
                .setting_aside(
                    &r.hit.doc,
                    &screening.precautions.excluded_modalities,
                    state,
                );
                pins.push(card.pin(&r.hit.doc));
                MatchCard {
                    card,
                    reasons: wording::reasons(&r.ranking.reasons, &modality_name, unit),
                    next_open: r.next_open.as_ref().map(|s| next_open_label(s, now)),
                }
            })
            .collect();
        page.map = Some(map::draw(
            state,
            &place,
            radius_km,
            unit,
            &pins,
            &say("matches-map-what"),
        ));
        page.location = Some(place.label);
    }
    page.share = share.then(|| ShareLink {
        url: format!(
            "{}/match?{}",
            state.public_url,
            submitted.query_with("", None)
        ),
        holds: link_holds(&q),
    });
    page.answers_uncleared = without_clearance(&submitted);
    page.answers = submitted.0;
    render(&state.templates, "questionnaire/results.html", &page).map(private)
}

/// `GET /match/note?…` — the printable pre-visit note from a shared link's answers.
pub async fn show_note(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    note_page(&state, answers_of(&FormPairs::parse(raw.as_deref())), csrf)
}

/// `POST /match/note` — the printable pre-visit note for the answers a results page
/// sent on.
pub async fn print_note(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    CsrfForm(pairs): CsrfForm,
) -> Result<Response, PageError> {
    note_page(&state, answers_of(&pairs), csrf)
}

/// The pre-visit note for the same answers: for the doctor when the screen asks for
/// one, and for the massage therapist when a precaution applies. Built for this
/// request only; nothing is stored.
fn note_page(state: &AppState, submitted: FormPairs, csrf: String) -> Result<Response, PageError> {
    let q = read_answers(&submitted)?;
    let answers = match q.raw_answers().validate(state.rules.current()) {
        Ok(answers) => answers,
        Err(errors) => return show_form_again(state, &q, errors, Vec::new(), csrf),
    };
    let screening = screen(&answers, state.rules.current());
    let page = NotePage {
        title: say("note-title"),
        note: pre_visit_note(&answers, &screening, state.rules.current()),
        not_a_diagnosis: state.rules.current().not_a_diagnosis.clone(),
        answers: submitted.0,
        csrf,
    };
    render(&state.templates, "questionnaire/note.html", &page).map(private)
}

/// `GET /questionnaire/edit?…` — the form again, filled in from a shared link.
pub async fn edit_questionnaire(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    PageQuery(q): PageQuery<MatchQuery>,
) -> Result<Response, PageError> {
    questionnaire_again(&state, &q, csrf)
}

/// `POST /questionnaire/edit` — the form again, filled in with the answers a results
/// page sent on.
pub async fn reopen_questionnaire(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    CsrfForm(pairs): CsrfForm,
) -> Result<Response, PageError> {
    let q = read_answers(&answers_of(&pairs))?;
    questionnaire_again(&state, &q, csrf)
}

fn questionnaire_again(
    state: &AppState,
    q: &MatchQuery,
    csrf: String,
) -> Result<Response, PageError> {
    let page = FormPage {
        title: say("q-title"),
        form: form(state, q, FieldErrors::new()),
        csrf,
    };
    render(&state.templates, "questionnaire/form.html", &page).map(private)
}

pub(super) fn show_form_again(
    state: &AppState,
    q: &MatchQuery,
    errors: FieldErrors,
    choices: Vec<Choice>,
    csrf: String,
) -> Result<Response, PageError> {
    let mut form = form(state, q, errors);
    form.choices = choices;
    let page = FormPage {
        title: say("q-title-check"),
        form,
        csrf,
    };
    let html = render(&state.templates, "questionnaire/form.html", &page)?;
    let mut response = private(html);
    *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    Ok(response)
}
