//! The location search page: a place, a radius and filters, results nearest first.

use axum::{
    extract::{RawQuery, State},
    response::Html,
};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::{errors::PageError, templates::render};
use crate::{
    app::AppState,
    form::{FormPairs, PageQuery},
    geocoding::Resolution,
    policy,
    search::{MAX_PAGE, PractitionerDoc, SearchQuery},
    wording::Unit,
};

/// Radii offered on forms, in the person's chosen unit.
pub const RADII: [u32; 4] = [5, 10, 25, 50];
const PER_PAGE: usize = 20;

/// A checkbox option on a form.
#[derive(Debug, Clone, Serialize)]
pub struct FormOption {
    /// Stable value.
    pub value: String,
    /// Words shown.
    pub label: String,
    /// Whether it is selected.
    pub selected: bool,
}

/// The search form's state, echoed back so nothing typed is lost.
#[derive(Debug, Clone, Serialize)]
pub struct SearchForm {
    near: String,
    radius: u32,
    radii: Vec<u32>,
    unit: String,
    modalities: Vec<FormOption>,
    verified: bool,
    accepting: bool,
    q: String,
}

impl SearchForm {
    /// The empty form.
    pub fn empty(state: &AppState) -> Self {
        Self {
            near: String::new(),
            radius: 25,
            radii: RADII.to_vec(),
            unit: "km".into(),
            modalities: modality_options(state, &[]),
            verified: false,
            accepting: false,
            q: String::new(),
        }
    }
}

fn modality_options(state: &AppState, selected: &[String]) -> Vec<FormOption> {
    state
        .catalogue
        .modalities
        .iter()
        .map(|m| FormOption {
            value: m.slug.clone(),
            label: m.name.clone(),
            selected: selected.contains(&m.slug),
        })
        .collect()
}

/// One result as pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct ResultCard {
    url: String,
    display_name: String,
    practice_name: Option<String>,
    place: String,
    distance: Option<String>,
    modalities: Vec<String>,
    verified: bool,
    licence: Option<String>,
    training_hours: i32,
    clinical_practice: bool,
    accepting: bool,
    demo: bool,
}

impl ResultCard {
    /// A card for `doc`, with its distance in the chosen unit when known.
    pub fn new(doc: &PractitionerDoc, distance: Option<String>, state: &AppState) -> Self {
        let since = policy::accepting_since(Utc::now());
        Self {
            url: format!("/p/{}", doc.slug),
            display_name: doc.display_name.clone(),
            practice_name: doc.practice_name.clone(),
            place: format!("{}, {}", doc.city, doc.region),
            distance,
            modalities: doc
                .modalities
                .iter()
                .map(|m| state.catalogue.modality_name(m).to_owned())
                .collect(),
            verified: doc.verified,
            licence: doc
                .licence
                .as_ref()
                .map(|l| format!("{} {}", l.jurisdiction, l.number)),
            training_hours: doc.training_hours,
            clinical_practice: policy::shows_clinical_practice(doc.clinical_practice.yes_count()),
            accepting: doc.is_accepting(since),
            demo: doc.is_demo,
        }
    }
}

#[derive(Serialize)]
struct ResultsPage {
    title: &'static str,
    form: SearchForm,
    error: Option<String>,
    choices: Vec<Choice>,
    location: Option<String>,
    total: usize,
    results: Vec<ResultCard>,
    page: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
}

#[derive(Serialize)]
struct Choice {
    label: String,
    url: String,
}

/// The search page's query string, as the form sends it.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchParams {
    near: String,
    radius: String,
    unit: String,
    modality: Vec<String>,
    verified: Option<String>,
    accepting: Option<String>,
    q: String,
    page: String,
}

/// `GET /search?near=…&radius=…&unit=km|mi&modality=…&verified=on&accepting=on&q=…&page=N`
pub async fn show_search(
    State(state): State<AppState>,
    PageQuery(params): PageQuery<SearchParams>,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, PageError> {
    // The pairs as sent, to rebuild the links to other pages and places.
    let pairs = FormPairs::parse(raw.as_deref());
    let known: Vec<&str> = state.catalogue.modality_slugs().collect();
    let modalities: Vec<String> = params
        .modality
        .into_iter()
        .filter(|v| known.contains(&v.as_str()))
        .collect();
    let unit = if params.unit.trim() == "mi" {
        "mi"
    } else {
        "km"
    };
    let radius = params
        .radius
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|r| RADII.contains(r))
        .unwrap_or(25);
    let page = params
        .page
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|p| (1..=MAX_PAGE).contains(p))
        .unwrap_or(1);
    let form = SearchForm {
        near: params.near.trim().to_owned(),
        radius,
        radii: RADII.to_vec(),
        unit: unit.into(),
        modalities: modality_options(&state, &modalities),
        verified: params.verified.is_some(),
        accepting: params.accepting.is_some(),
        q: params.q.trim().to_owned(),
    };
    let mut view = ResultsPage {
        title: "Search results",
        error: None,
        choices: Vec::new(),
        location: None,
        total: 0,
        results: Vec::new(),
        page,
        prev_url: None,
        next_url: None,
        form,
    };
    if view.form.near.is_empty() {
        view.error =
            Some("Enter a ZIP code, a city (for example \"Austin, TX\") or coordinates.".into());
        return render(&state.templates, "search/results.html", &view);
    }
    let place = match state.geocoder.resolve(&view.form.near).await {
        Resolution::Found(place) => place,
        Resolution::Ambiguous(places) => {
            view.error = Some(format!(
                "\"{}\" matches several places. Which one did you mean?",
                view.form.near
            ));
            view.choices = places
                .into_iter()
                .map(|p| Choice {
                    url: format!("/search?{}", pairs.query_with("near", Some(&p.label))),
                    label: p.label,
                })
                .collect();
            return render(&state.templates, "search/results.html", &view);
        }
        Resolution::Unknown => {
            view.error = Some(format!(
                "We could not find \"{}\". Try a 5-digit ZIP code or \"City, ST\".",
                view.form.near
            ));
            return render(&state.templates, "search/results.html", &view);
        }
    };
    let radius_km = Unit::from_slug(unit).to_km(f64::from(radius));
    let mut query = SearchQuery::near(
        place.lat,
        place.lng,
        radius_km,
        policy::accepting_since(Utc::now()),
    );
    query.modalities = modalities;
    query.verified_only = view.form.verified;
    query.accepting_only = view.form.accepting;
    query.text = (!view.form.q.is_empty()).then(|| view.form.q.clone());
    query.offset = (page - 1) * PER_PAGE;
    query.limit = PER_PAGE;
    let results = state
        .search
        .search(&query)
        .await
        .map_err(|e| crate::error::AppError::Unavailable(e.to_string()))?;
    view.location = Some(place.label);
    view.total = results.total;
    view.results = results
        .hits
        .iter()
        .map(|hit| {
            ResultCard::new(
                &hit.doc,
                Some(Unit::from_slug(unit).distance(hit.distance_km)),
                &state,
            )
        })
        .collect();
    if page > 1 {
        view.prev_url = Some(format!(
            "/search?{}",
            pairs.query_with("page", Some(&(page - 1).to_string()))
        ));
    }
    if page * PER_PAGE < results.total {
        view.next_url = Some(format!(
            "/search?{}",
            pairs.query_with("page", Some(&(page + 1).to_string()))
        ));
    }
    render(&state.templates, "search/results.html", &view)
}
