//! The location search page: a place, a radius and filters, results nearest first.

use std::collections::BTreeSet;

use axum::{
    extract::{RawQuery, State},
    response::Html,
};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::{
    errors::PageError,
    map::{self, MapView, Pin},
    reach::{Reach, ReachForm},
    templates::render,
};
use crate::{
    error::FieldErrors,
    form::{FormPairs, PageQuery},
    geocoding::Resolution,
    policy::{self, Approach},
    search::{self, MAX_PAGE, PractitionerDoc, SearchQuery, SortOrder},
    state::AppState,
    validation::quoted,
    wording::{self, ApproachWords},
};

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
    reach: ReachForm,
    modalities: Vec<FormOption>,
    accessibility: Vec<FormOption>,
    verified: bool,
    accepting: bool,
    hsa_fsa: bool,
    injury_claims: bool,
    /// The highest 60-minute price, as typed.
    max_price_60: String,
    approaches: Vec<FormOption>,
    /// "Speaks": any language, then the reader's own, then the rest.
    spoken: Vec<FormOption>,
    orders: Vec<FormOption>,
    q: String,
    /// How many of the filters in "More filters" are set, for its summary.
    more_chosen: usize,
    /// Whether "More filters" opens: one of its fields has a message.
    more_open: bool,
    errors: FieldErrors,
}

/// The approach filter's choices: "how this practitioner works", at least.
const APPROACHES: [(&str, &str); 3] = [
    ("", "search-approach-any"),
    ("clinical", "search-approach-clinical"),
    ("mixed", "search-approach-mixed"),
];

/// The orders the results can come in.
const ORDERS: [(&str, &str); 2] = [
    ("distance", "search-order-nearest"),
    ("approach", "search-order-clinical"),
];

/// A select's options; `items` pair each value with its label's catalogue key.
fn select_options(items: &[(&str, &str)], chosen: &str) -> Vec<FormOption> {
    let lang = crate::i18n::Lang::current();
    let labels: Vec<(&str, String)> = items
        .iter()
        .map(|(value, key)| (*value, crate::i18n::text(lang, key)))
        .collect();
    FormOption::list(
        labels.iter().map(|(v, l)| (*v, l.as_str())),
        &[chosen.to_owned()],
    )
}

impl SearchForm {
    /// The empty form.
    pub fn empty(state: &AppState) -> Self {
        Self {
            near: String::new(),
            reach: Reach::read("", "", &mut FieldErrors::new()).form(),
            modalities: modality_options(state, &[]),
            accessibility: accessibility_options(&[]),
            verified: false,
            accepting: false,
            hsa_fsa: false,
            injury_claims: false,
            max_price_60: String::new(),
            approaches: select_options(&APPROACHES, ""),
            spoken: spoken_options(""),
            orders: select_options(&ORDERS, "distance"),
            q: String::new(),
            more_chosen: 0,
            more_open: false,
            errors: FieldErrors::new(),
        }
    }
}

impl FormOption {
    /// One option per `(value, label)`, selected where `selected` holds its value.
    pub fn list<'a>(
        items: impl Iterator<Item = (&'a str, &'a str)>,
        selected: &[String],
    ) -> Vec<Self> {
        items
            .map(|(value, label)| Self {
                value: value.to_owned(),
                label: label.to_owned(),
                selected: selected.iter().any(|s| s == value),
            })
            .collect()
    }
}

/// The language filter's choices, the reader's language first after "any language";
/// each name in the reader's language.
pub fn spoken_options(chosen: &str) -> Vec<FormOption> {
    let reader = crate::i18n::Lang::current().code();
    let mut codes: Vec<&str> = policy::SPOKEN_LANGUAGES.to_vec();
    codes.sort_by_key(|code| *code != reader);
    let mut options = vec![FormOption {
        value: String::new(),
        label: crate::i18n::text(crate::i18n::Lang::current(), "search-language-any"),
        selected: chosen.is_empty(),
    }];
    options.extend(codes.into_iter().map(|code| FormOption {
        value: code.to_owned(),
        label: wording::language_name(code),
        selected: code == chosen,
    }));
    options
}

fn modality_options(state: &AppState, selected: &[String]) -> Vec<FormOption> {
    let names: Vec<(&str, String)> = state
        .catalogue
        .modalities
        .iter()
        .map(|m| {
            (
                m.slug.as_str(),
                wording::modality_name(&state.catalogue, &m.slug),
            )
        })
        .collect();
    FormOption::list(names.iter().map(|(s, n)| (*s, n.as_str())), selected)
}

fn accessibility_options(selected: &[String]) -> Vec<FormOption> {
    let names: Vec<(&str, String)> = policy::ACCESSIBILITY
        .iter()
        .map(|(slug, _)| (*slug, wording::accessibility_name(slug)))
        .collect();
    FormOption::list(names.iter().map(|(s, n)| (*s, n.as_str())), selected)
}

/// One result as pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct ResultCard {
    /// Its number in the list and on the map, where there is a map.
    number: Option<usize>,
    url: String,
    display_name: String,
    practice_name: Option<String>,
    place: String,
    distance: Option<String>,
    modalities: Vec<String>,
    /// Modalities offered but not for this person now (a precaution leaves them out).
    set_aside: Vec<String>,
    verified: bool,
    licence: Option<String>,
    training_hours: i32,
    approach: ApproachWords,
    accepting: bool,
    accessibility: Vec<String>,
    /// The 60-minute price, in words.
    price_60: Option<String>,
    hsa_fsa: bool,
    demo: bool,
}

impl ResultCard {
    /// Card `number` for `doc`, with its distance in the chosen unit when known.
    pub fn new(
        number: Option<usize>,
        doc: &PractitionerDoc,
        distance: Option<String>,
        state: &AppState,
    ) -> Self {
        let since = policy::accepting_since(Utc::now());
        let name = |slug: &str| wording::modality_name(&state.catalogue, slug);
        Self {
            number,
            url: format!("/p/{}", doc.slug),
            display_name: doc.display_name.clone(),
            practice_name: doc.practice_name.clone(),
            place: format!("{}, {}", doc.city, doc.region),
            distance,
            modalities: doc.modalities.iter().map(|m| name(m)).collect(),
            set_aside: Vec::new(),
            verified: doc.verified,
            licence: doc
                .licence
                .as_ref()
                .map(|l| format!("{} {}", l.jurisdiction, l.number)),
            training_hours: doc.training_hours,
            approach: wording::approach(doc.approach(), &doc.modalities, &name),
            accepting: doc.is_accepting(since),
            accessibility: policy::ACCESSIBILITY
                .iter()
                .filter(|(slug, _)| doc.accessibility.iter().any(|a| a == slug))
                .map(|(slug, _)| wording::accessibility_name(slug))
                .collect(),
            price_60: doc.price_60.map(|amount| {
                wording::say_with(
                    "card-price-60",
                    [
                        ("amount", amount.to_string().into()),
                        ("currency", doc.currency.clone().into()),
                    ],
                )
            }),
            hsa_fsa: doc.hsa_fsa,
            demo: doc.is_demo,
        }
    }

    /// The card as a match shows it under precautions: the modalities they leave out
    /// are set apart from those offered, never listed as if they were for this person.
    pub fn setting_aside(
        mut self,
        doc: &PractitionerDoc,
        excluded: &BTreeSet<String>,
        state: &AppState,
    ) -> Self {
        let name = |slug: &str| wording::modality_name(&state.catalogue, slug);
        let (aside, kept): (Vec<&String>, Vec<&String>) =
            doc.modalities.iter().partition(|m| excluded.contains(*m));
        self.modalities = kept.into_iter().map(|m| name(m)).collect();
        self.set_aside = aside.into_iter().map(|m| name(m)).collect();
        self
    }

    /// The card's pin on a map.
    pub fn pin(&self, doc: &PractitionerDoc) -> Pin {
        Pin {
            number: self.number.unwrap_or_default(),
            name: self.display_name.clone(),
            lat: doc.lat,
            lng: doc.lng,
            url: self.url.clone(),
        }
    }
}

/// Where a page of results stands against the whole list.
#[derive(Serialize)]
struct Paging {
    page: usize,
    pages: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
    /// Set when the page asked for is past the end or not a page: what to say.
    notice: Option<String>,
    /// Where the notice points instead.
    notice_url: Option<String>,
    notice_link: Option<String>,
}

#[derive(Serialize)]
struct ResultsPage {
    title: String,
    form: SearchForm,
    error: Option<String>,
    choices: Vec<Choice>,
    location: Option<String>,
    summary: Option<String>,
    total: usize,
    results: Vec<ResultCard>,
    paging: Option<Paging>,
    map: Option<MapView>,
    /// Links that show the same results in each order.
    orders: Vec<OrderLink>,
}

#[derive(Serialize)]
struct OrderLink {
    label: String,
    url: String,
    current: bool,
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
    access: Vec<String>,
    verified: Option<String>,
    accepting: Option<String>,
    hsa_fsa: Option<String>,
    injury_claims: Option<String>,
    max_price_60: String,
    approach: String,
    language: String,
    sort: String,
    q: String,
    page: String,
}

/// Values of a list field that are not among `known`: a field message naming the
/// first, so nothing chosen is silently dropped.
fn unknown_choice(field: &str, given: &[String], known: &[&str], errors: &mut FieldErrors) {
    if let Some(bad) = given.iter().find(|g| !known.contains(&g.as_str())) {
        errors.insert(
            field.to_owned(),
            crate::i18n::text_with(
                crate::i18n::Lang::current(),
                "search-not-a-choice",
                [("given", quoted(bad).into())],
            ),
        );
    }
}

/// The page number asked for, or what to say about it.
fn read_page(raw: &str) -> Result<usize, String> {
    match raw.trim() {
        "" => Ok(1),
        given => given
            .parse::<usize>()
            .ok()
            .filter(|p| (1..=MAX_PAGE).contains(p))
            .ok_or_else(|| {
                crate::i18n::text_with(
                    crate::i18n::Lang::current(),
                    "search-no-such-page",
                    [("given", quoted(given).into()), ("last", MAX_PAGE.into())],
                )
            }),
    }
}

/// `GET /search?near=…&radius=…&unit=mi|km&modality=…&access=…&verified=on&accepting=on&approach=clinical|mixed&sort=distance|approach&q=…&page=N`
pub async fn show_search(
    State(state): State<AppState>,
    PageQuery(params): PageQuery<SearchParams>,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, PageError> {
    // The pairs as sent, to rebuild the links to other pages and places.
    let mut pairs = FormPairs::parse(raw.as_deref());
    let mut errors = FieldErrors::new();
    let known: Vec<&str> = state.catalogue.modality_slugs().collect();
    unknown_choice("modality", &params.modality, &known, &mut errors);
    let features: Vec<&str> = policy::ACCESSIBILITY.iter().map(|(s, _)| *s).collect();
    unknown_choice("access", &params.access, &features, &mut errors);
    let approach = params.approach.trim();
    let least = Approach::from_slug(approach);
    if !approach.is_empty() && least.is_none() {
        unknown_choice("approach", &[approach.to_owned()], &[], &mut errors);
    }
    let language = Some(params.language.trim())
        .filter(|code| !code.is_empty())
        .map(str::to_owned);
    if language
        .as_deref()
        .is_some_and(|code| !policy::is_spoken_language(code))
    {
        unknown_choice(
            "language",
            std::slice::from_ref(&params.language),
            &[],
            &mut errors,
        );
    }
    let sort_slug = match params.sort.trim() {
        "" => "distance",
        given => given,
    };
    let sort = SortOrder::from_slug(sort_slug).unwrap_or_else(|| {
        unknown_choice("sort", &[sort_slug.to_owned()], &[], &mut errors);
        SortOrder::Distance
    });
    let max_price_60 =
        crate::form::max_price("max_price_60", Some(&params.max_price_60), &mut errors);
    let mut reach = Reach::read(&params.radius, &params.unit, &mut errors);
    let page = read_page(&params.page);
    let near = params.near.trim().to_owned();
    if near.is_empty() {
        errors.insert(
            "near".into(),
            crate::i18n::text(crate::i18n::Lang::current(), "search-near-missing"),
        );
    }
    let mut view = ResultsPage {
        title: crate::i18n::text(crate::i18n::Lang::current(), "search-title"),
        error: None,
        choices: Vec::new(),
        location: None,
        summary: None,
        total: 0,
        results: Vec::new(),
        paging: None,
        map: None,
        orders: Vec::new(),
        form: SearchForm {
            near,
            reach: reach.form(),
            modalities: modality_options(&state, &params.modality),
            accessibility: accessibility_options(&params.access),
            verified: params.verified.is_some(),
            accepting: params.accepting.is_some(),
            hsa_fsa: params.hsa_fsa.is_some(),
            injury_claims: params.injury_claims.is_some(),
            max_price_60: params
                .max_price_60
                .trim()
                .chars()
                .filter(|c| !c.is_control())
                .take(12)
                .collect(),
            approaches: select_options(&APPROACHES, approach),
            spoken: spoken_options(language.as_deref().unwrap_or_default()),
            orders: select_options(&ORDERS, sort_slug),
            q: params.q.trim().to_owned(),
            more_chosen: params.modality.len()
                + params.access.len()
                + usize::from(params.verified.is_some())
                + usize::from(params.accepting.is_some())
                + usize::from(params.hsa_fsa.is_some())
                + usize::from(params.injury_claims.is_some())
                + usize::from(!params.max_price_60.trim().is_empty())
                + usize::from(!params.q.trim().is_empty()),
            more_open: ["modality", "access", "max_price_60"]
                .iter()
                .any(|field| errors.contains_key(*field)),
            errors: FieldErrors::new(),
        },
    };
    let place = if errors.contains_key("near") {
        None
    } else {
        match state.geocoder.resolve(&view.form.near).await {
            Resolution::Found(place) => Some(place),
            other => {
                let near = quoted(&view.form.near);
                let (key, places) = match other {
                    Resolution::Ambiguous(places) => ("search-place-ambiguous", places),
                    Resolution::NearMiss(places) => ("search-place-near-miss", places),
                    _ => ("search-place-unknown", Vec::new()),
                };
                errors.insert(
                    "near".into(),
                    wording::say_with(key, [("given", near.into())]),
                );
                view.choices = places
                    .into_iter()
                    .map(|p| Choice {
                        url: format!("/search?{}", pairs.query_with("near", Some(&p.label))),
                        label: p.label,
                    })
                    .collect();
                None
            }
        }
    };
    let unit = place
        .as_ref()
        .map(|p| reach.settle(&p.country, &mut errors));
    view.form.reach = reach.form();
    let (Some(place), Some(unit), true) = (place, unit, errors.is_empty()) else {
        view.error = Some(wording::say_with(
            "search-correct-fields",
            [("count", errors.len().into())],
        ));
        view.form.errors = errors;
        return render(&state.templates, "search/results.html", &view);
    };
    // From here on every link carries the unit, chosen or settled by the place.
    pairs.set("unit", unit.slug());
    let page = match page {
        Ok(page) => page,
        Err(message) => {
            view.paging = Some(Paging {
                page: 1,
                pages: 0,
                prev_url: None,
                next_url: None,
                notice: Some(message),
                notice_url: Some(format!("/search?{}", pairs.query_with("page", None))),
                notice_link: Some(crate::i18n::text(
                    crate::i18n::Lang::current(),
                    "search-first-page",
                )),
            });
            view.location = Some(place.label);
            return render(&state.templates, "search/results.html", &view);
        }
    };
    let radius_km = reach.radius_km(unit);
    let mut query = SearchQuery::near(
        place.lat,
        place.lng,
        radius_km,
        policy::accepting_since(Utc::now()),
    );
    query.modalities = search::distinct(params.modality);
    query.accessibility = search::distinct(params.access);
    query.verified_only = view.form.verified;
    query.accepting_only = view.form.accepting;
    query.hsa_fsa = view.form.hsa_fsa;
    query.injury_claims = view.form.injury_claims;
    query.max_price_60 = max_price_60;
    query.approach = least.filter(|a| *a > Approach::Relaxation);
    query.language = language;
    query.sort = sort;
    query.text = (!view.form.q.is_empty()).then(|| view.form.q.clone());
    query.offset = (page - 1) * PER_PAGE;
    query.limit = PER_PAGE;
    let results = state
        .search
        .search(&query)
        .await
        .map_err(|e| crate::error::AppError::Unavailable(e.to_string()))?;
    let pages = results.total.div_ceil(PER_PAGE);
    let link = |p: usize| format!("/search?{}", pairs.query_with("page", Some(&p.to_string())));
    let past_end = page > pages.max(1);
    view.paging = Some(Paging {
        page,
        pages,
        prev_url: (page > 1 && !past_end).then(|| link(page - 1)),
        next_url: (page < pages).then(|| link(page + 1)),
        notice: past_end.then(|| {
            crate::i18n::text_with(
                crate::i18n::Lang::current(),
                "search-past-end",
                [("page", page.into()), ("pages", pages.into())],
            )
        }),
        notice_url: past_end.then(|| link(pages.max(1))),
        notice_link: past_end.then(|| {
            crate::i18n::text(
                crate::i18n::Lang::current(),
                if pages > 1 {
                    "search-last-page"
                } else {
                    "search-results-link"
                },
            )
        }),
    });
    view.total = results.total;
    let first = query.offset + 1;
    let cards: Vec<(ResultCard, Pin)> = results
        .hits
        .iter()
        .enumerate()
        .map(|(i, hit)| {
            let card = ResultCard::new(
                Some(first + i),
                &hit.doc,
                Some(unit.distance(hit.distance_km)),
                &state,
            );
            let pin = card.pin(&hit.doc);
            (card, pin)
        })
        .collect();
    let pins: Vec<Pin> = cards.iter().map(|(_, pin)| pin.clone()).collect();
    view.results = cards.into_iter().map(|(card, _)| card).collect();
    view.summary = Some(crate::i18n::text_with(
        crate::i18n::Lang::current(),
        match sort {
            SortOrder::Distance => "search-summary-nearest",
            SortOrder::Approach => "search-summary-clinical",
        },
        [
            ("count", results.total.into()),
            ("radius", reach.radius.into()),
            ("unit", unit.name().into()),
            ("place", place.label.clone().into()),
        ],
    ));
    let mut unpaged = FormPairs(pairs.0.clone());
    unpaged.0.retain(|(k, _)| k != "page");
    view.orders = ORDERS
        .iter()
        .map(|(slug, label)| OrderLink {
            label: crate::i18n::text(crate::i18n::Lang::current(), label),
            url: format!("/search?{}", unpaged.query_with("sort", Some(slug))),
            current: *slug == sort.slug(),
        })
        .collect();
    if !past_end {
        view.map = Some(map::draw(
            &state,
            &place,
            radius_km,
            unit,
            &pins,
            &crate::i18n::text(crate::i18n::Lang::current(), "map-what-results"),
        ));
    }
    view.location = Some(place.label);
    render(&state.templates, "search/results.html", &view)
}
