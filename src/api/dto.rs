//! The API's response bodies. Entities and search documents never reach JSON
//! directly; these structs are the contract, and the OpenAPI document is built
//! from them.

use std::borrow::Cow;

use serde::Serialize;
use utoipa::ToSchema;

use crate::{
    matches::RankedHit,
    matching::{Screening, rules::Rules},
    policy,
    practitioners::{Profile, editor::CURRENCIES},
    reference::Catalogue,
    search::PractitionerDoc,
    wording::{self, Unit},
};

/// The resolved search centre.
#[derive(Debug, Serialize, ToSchema)]
pub struct LocationDto {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lng: f64,
    /// A human label, e.g. "Austin, TX".
    pub label: String,
}

/// The public state of a licence.
#[derive(Debug, Serialize, ToSchema)]
pub struct LicenceDto {
    /// `verified`, `pending`, `expired` or `rejected`.
    pub status: String,
    /// Jurisdiction code, e.g. `TX`.
    pub jurisdiction: String,
    /// Licence number.
    pub number: String,
    /// Verification date (ISO), when verified.
    pub verified_on: Option<String>,
}

/// One practitioner in a result list.
#[derive(Debug, Serialize, ToSchema)]
pub struct PractitionerSummary {
    /// URL slug.
    pub slug: String,
    /// Name.
    pub display_name: String,
    /// Practice name.
    pub practice_name: Option<String>,
    /// City.
    pub city: String,
    /// State or region code.
    pub region: String,
    /// Distance from the search centre, km, one decimal.
    pub distance_km: f64,
    /// Distance from the search centre, miles, one decimal.
    pub distance_mi: f64,
    /// How the practitioner works, computed from the clinical-practice answers, the
    /// techniques and the training ledger by one rule (ARCHITECTURE.md).
    #[schema(value_type = String, example = "clinical")]
    pub approach: policy::Approach,
    /// Modality slugs.
    pub modalities: Vec<String>,
    /// Accessibility feature slugs.
    pub accessibility: Vec<String>,
    /// Spoken languages, ISO 639-1 codes.
    #[schema(example = json!(["en", "es"]))]
    pub languages: Vec<String>,
    /// Best licence.
    pub licence: Option<LicenceDto>,
    /// Sum of the training ledger.
    pub training_hours: i32,
    /// Accepting new clients, confirmed within 30 days.
    pub accepting_new_clients: bool,
    /// Prices per session length, shortest first.
    pub prices: Vec<PriceDto>,
    /// Takes HSA and FSA cards.
    pub hsa_fsa: bool,
    /// Takes auto-injury (PIP) and workers' compensation claims with a referral.
    pub injury_claims: bool,
    /// Profile page path.
    pub url: String,
}

impl PractitionerSummary {
    /// The summary of a search document, moving its text rather than copying it.
    pub fn new(doc: PractitionerDoc, distance_km: f64, accepting_since_ts: i64) -> Self {
        let approach = doc.approach().approach();
        let accepting_new_clients = doc.is_accepting(accepting_since_ts);
        let url = format!("/p/{}", doc.slug);
        let currency = PriceDto::currency(doc.currency);
        Self {
            slug: doc.slug,
            display_name: doc.display_name,
            practice_name: doc.practice_name,
            city: doc.city,
            region: doc.region,
            distance_km: (distance_km * 10.0).round() / 10.0,
            distance_mi: (distance_km / policy::KM_PER_MILE * 10.0).round() / 10.0,
            approach,
            modalities: doc.modalities,
            accessibility: doc.accessibility,
            languages: doc.languages,
            licence: doc.licence.map(|l| LicenceDto {
                status: l.status,
                jurisdiction: l.jurisdiction,
                number: l.number,
                verified_on: l.verified_on,
            }),
            training_hours: doc.training_hours,
            accepting_new_clients,
            prices: doc
                .prices
                .iter()
                .map(|p| PriceDto {
                    minutes: p.minutes,
                    amount: p.amount,
                    currency: currency.clone(),
                })
                .collect(),
            hsa_fsa: doc.hsa_fsa,
            injury_claims: doc.injury_claims,
            url,
        }
    }
}

/// A page of search results.
#[derive(Debug, Serialize, ToSchema)]
pub struct PractitionerList {
    /// The resolved centre.
    pub location: LocationDto,
    /// Matches in total.
    pub total: usize,
    /// This page (from 1).
    pub page: usize,
    /// Results per page.
    pub per_page: usize,
    /// Pages in all; a page past the last has no results.
    pub pages: usize,
    /// This page's results, nearest first.
    pub results: Vec<PractitionerSummary>,
}

/// A training ledger entry.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrainingDto {
    /// Course.
    pub course: String,
    /// Provider.
    pub provider: String,
    /// Modality name, if the course is for one.
    pub modality: Option<String>,
    /// Hours.
    pub hours: i32,
    /// Completion date (ISO).
    pub completed_on: String,
}

/// A licence on a profile.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProfileLicenceDto {
    /// Status today.
    pub status: String,
    /// Jurisdiction code.
    pub jurisdiction: String,
    /// Number.
    pub number: String,
    /// `state_licence` or `board_certification`.
    pub kind: String,
    /// Verification date (ISO).
    pub verified_on: Option<String>,
    /// Expiry date (ISO).
    pub expires_on: Option<String>,
    /// The licensing board, when known.
    pub board_name: Option<String>,
    /// The board's public look-up, when known.
    pub lookup_url: Option<String>,
}

/// The five clinical-practice answers; null when unanswered.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClinicalPracticeDto {
    /// Whole session on one area.
    pub whole_session_one_area: Option<bool>,
    /// Myofascial techniques.
    pub myofascial: Option<bool>,
    /// Posture assessment.
    pub posture_assessment: Option<bool>,
    /// Referral pain.
    pub referral_pain: Option<bool>,
    /// Mostly without oil.
    pub minimal_oil: Option<bool>,
}

/// Median pain before and after, as reported by the practitioner.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutcomeDto {
    /// Logged sessions.
    pub count: u32,
    /// Median pain before.
    pub median_before: f32,
    /// Median pain after.
    pub median_after: f32,
}

/// A public profile.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProfileDto {
    /// URL slug.
    pub slug: String,
    /// Name.
    pub display_name: String,
    /// Practice name.
    pub practice_name: Option<String>,
    /// About.
    pub bio: String,
    /// City.
    pub city: String,
    /// State or region code.
    pub region: String,
    /// Practice type slug.
    pub practice_type: String,
    /// Modality slugs.
    pub modalities: Vec<String>,
    /// How the practitioner works, computed by one rule (ARCHITECTURE.md).
    #[schema(value_type = String, example = "clinical")]
    pub approach: policy::Approach,
    /// Regions of focus.
    pub focus_regions: Vec<String>,
    /// Licences, best first.
    pub licences: Vec<ProfileLicenceDto>,
    /// Total training hours (the ledger's sum).
    pub training_hours: i32,
    /// The training ledger.
    pub training: Vec<TrainingDto>,
    /// Clinical-practice answers.
    pub clinical_practice: ClinicalPracticeDto,
    /// Outcome summary, from 10 logs.
    pub outcome: Option<OutcomeDto>,
    /// Accepting new clients; null when not confirmed within 30 days.
    pub accepting_new_clients: Option<bool>,
    /// Spoken languages, ISO 639-1 codes.
    #[schema(example = json!(["en", "es"]))]
    pub languages: Vec<String>,
    /// The "About" text in Spanish, when the practitioner wrote one (`bio` stays as
    /// they wrote it first).
    pub bio_es: Option<String>,
    /// Prices per session length, shortest first.
    pub prices: Vec<PriceDto>,
    /// Prices, payment and the NPI.
    pub payment: PaymentDto,
    /// A generated demo profile.
    pub demo: bool,
    /// Profile page path.
    pub url: String,
}

/// The price of one session length.
#[derive(Debug, Serialize, ToSchema)]
pub struct PriceDto {
    /// The session's length, in minutes.
    #[schema(example = 60)]
    pub minutes: u16,
    /// Its price, in whole units of the currency.
    #[schema(example = 95)]
    pub amount: u32,
    /// ISO 4217 code.
    #[schema(value_type = String, example = "USD")]
    pub currency: Cow<'static, str>,
}

impl PriceDto {
    /// The prices of a listing as stored.
    pub fn list(stored: &str, currency: &str) -> Vec<Self> {
        let currency = Self::currency(currency.to_owned());
        crate::practitioners::payment::read(stored)
            .into_iter()
            .map(|p| Self {
                minutes: p.minutes,
                amount: p.amount,
                currency: currency.clone(),
            })
            .collect()
    }

    /// A currency code, shared rather than copied when it is one the editor offers.
    fn currency(code: String) -> Cow<'static, str> {
        match CURRENCIES.iter().find(|c| **c == code) {
            Some(known) => Cow::Borrowed(known),
            None => Cow::Owned(code),
        }
    }
}

/// How a practice may be paid.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentDto {
    /// Codes of the ways to pay: `cash`, `card`, `hsa_fsa`, `itemised_receipts`,
    /// `injury_claims`.
    #[schema(example = json!(["cash", "hsa_fsa", "itemised_receipts"]))]
    pub options: Vec<String>,
    /// Offers a sliding scale.
    pub sliding_scale: bool,
    /// A note on prices, as the practitioner wrote it.
    pub note: Option<String>,
    /// Insurers billed directly.
    pub insurers: Vec<String>,
    /// National Provider Identifier.
    pub npi: Option<String>,
}

impl ProfileDto {
    /// The API view of a public profile.
    pub fn new(profile: Profile, now: chrono::DateTime<chrono::Utc>) -> Self {
        let approach = profile.approach().approach();
        let p = profile.practitioner;
        let [whole, myo, posture, referral, oil] = profile.clinical_answers;
        Self {
            url: format!("/p/{}", p.slug),
            slug: p.slug,
            display_name: p.display_name,
            practice_name: p.practice_name,
            bio: p.bio,
            city: p.city,
            region: p.region_code,
            practice_type: p.practice_type,
            modalities: profile.modalities.into_iter().map(|m| m.0).collect(),
            approach,
            focus_regions: profile.regions.into_iter().map(|r| r.0).collect(),
            licences: profile
                .licences
                .into_iter()
                .map(|l| ProfileLicenceDto {
                    verified_on: (l.status == "verified")
                        .then(|| l.licence.verified_at.map(|t| t.date_naive().to_string()))
                        .flatten(),
                    status: l.status,
                    jurisdiction: l.licence.jurisdiction,
                    number: l.licence.number,
                    kind: l.licence.kind,
                    expires_on: l.licence.expires_on.map(|d| d.to_string()),
                    board_name: l.jurisdiction.as_ref().and_then(|j| j.board_name.clone()),
                    lookup_url: l.jurisdiction.as_ref().and_then(|j| j.lookup_url.clone()),
                })
                .collect(),
            training_hours: profile.training_hours,
            training: profile
                .training
                .into_iter()
                .map(|(t, modality)| TrainingDto {
                    course: t.course,
                    provider: t.provider,
                    modality,
                    hours: t.hours,
                    completed_on: t.completed_on.to_string(),
                })
                .collect(),
            clinical_practice: ClinicalPracticeDto {
                whole_session_one_area: whole,
                myofascial: myo,
                posture_assessment: posture,
                referral_pain: referral,
                minimal_oil: oil,
            },
            outcome: profile.outcome.map(|o| OutcomeDto {
                count: o.count,
                median_before: o.median_before,
                median_after: o.median_after,
            }),
            accepting_new_clients: policy::current_availability(
                p.accepting_new_clients,
                p.accepting_confirmed_at,
                now,
            ),
            languages: policy::spoken_languages(&p.languages)
                .into_iter()
                .map(str::to_owned)
                .collect(),
            bio_es: p.bio_es,
            prices: PriceDto::list(&p.prices, &p.currency),
            payment: PaymentDto {
                options: policy::PAYMENT_OPTIONS
                    .iter()
                    .filter(|c| crate::practitioners::payment::takes(&p.payment, c))
                    .map(|c| (*c).to_owned())
                    .collect(),
                sliding_scale: p.sliding_scale,
                note: p.price_note,
                insurers: crate::practitioners::payment::insurers(p.insurers.as_deref()),
                npi: p.npi,
            },
            demo: p.is_demo,
        }
    }
}

/// A labelled choice.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChoiceDto {
    /// Stable slug.
    pub slug: String,
    /// Words shown to people.
    pub label: String,
}

/// A group of red flags as a form shows them.
#[derive(Debug, Serialize, ToSchema)]
pub struct RedFlagGroupDto {
    /// Stable slug.
    pub slug: String,
    /// The group's heading.
    pub label: String,
    /// A line under the heading; empty when there is none.
    pub hint: String,
    /// The red-flag slugs in this group, in order.
    pub red_flags: Vec<String>,
}

/// The questionnaire, for clients that build their own form.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionnaireDto {
    /// Where is the pain? (one or more)
    pub regions: Vec<ChoiceDto>,
    /// How long? (one)
    pub durations: Vec<ChoiceDto>,
    /// Pain right now: whole number from `pain_min` to `pain_max`.
    pub pain_min: u8,
    /// Highest pain score.
    pub pain_max: u8,
    /// Red flags (any).
    pub red_flags: Vec<ChoiceDto>,
    /// How the red flags are grouped on a form: warning signs, then risk factors.
    pub red_flag_groups: Vec<RedFlagGroupDto>,
    /// Age band (optional, one); `unsaid` changes nothing.
    pub age_bands: Vec<ChoiceDto>,
    /// Health conditions (any).
    pub conditions: Vec<ChoiceDto>,
    /// Preferred pressure (one).
    pub pressures: Vec<ChoiceDto>,
    /// Goal (one).
    pub goals: Vec<ChoiceDto>,
    /// Suggested radii in km (any value in (0, 500] is accepted).
    pub radius_km: Vec<u32>,
    /// Modalities a practitioner can offer.
    pub modalities: Vec<ChoiceDto>,
    /// The notice every result carries.
    pub not_a_diagnosis: String,
}

impl QuestionnaireDto {
    /// The questionnaire from the rules file and catalogue.
    pub fn new(rules: &Rules, catalogue: &Catalogue) -> Self {
        let choice = |slug: &str, label: &str| ChoiceDto {
            slug: slug.to_owned(),
            label: label.to_owned(),
        };
        Self {
            regions: rules
                .regions
                .iter()
                .map(|r| choice(&r.slug, &r.label))
                .collect(),
            durations: rules
                .durations
                .iter()
                .map(|d| choice(&d.slug, &d.label))
                .collect(),
            pain_min: 0,
            pain_max: 10,
            red_flags: rules
                .red_flags
                .iter()
                .map(|r| choice(&r.slug, &r.label))
                .collect(),
            red_flag_groups: rules
                .red_flag_groups
                .iter()
                .map(|g| RedFlagGroupDto {
                    slug: g.slug.clone(),
                    label: g.label.clone(),
                    hint: g.hint.clone(),
                    red_flags: rules
                        .red_flags
                        .iter()
                        .filter(|f| f.group == g.slug)
                        .map(|f| f.slug.clone())
                        .collect(),
                })
                .collect(),
            age_bands: rules
                .age_bands
                .iter()
                .map(|b| choice(&b.slug, &b.label))
                .collect(),
            conditions: rules
                .conditions
                .iter()
                .map(|c| choice(&c.slug, &c.label))
                .collect(),
            pressures: rules
                .pressures
                .iter()
                .map(|p| choice(&p.slug, &p.label))
                .collect(),
            goals: rules
                .goals
                .iter()
                .map(|g| choice(&g.slug, &g.label))
                .collect(),
            radius_km: vec![5, 10, 25, 50],
            modalities: catalogue
                .modalities
                .iter()
                .map(|m| choice(&m.slug, &wording::modality_name(catalogue, &m.slug)))
                .collect(),
            not_a_diagnosis: rules.not_a_diagnosis.clone(),
        }
    }
}

/// The screen's verdict.
#[derive(Debug, Serialize, ToSchema)]
pub struct VerdictDto {
    /// `urgent`, `see_doctor_first`, `postpone` or `proceed`.
    pub kind: String,
    /// Why, in plain words.
    pub reasons: Vec<String>,
    /// What caused it: red-flag or condition slugs, or an age rule's slug
    /// (built in: `age_50_plus_injury`, `age_50_plus_new_pain`, `age_under_20_lasting_pain`)
    /// where the age band together with other answers did.
    pub causes: Vec<String>,
    /// For each cause in order, what a doctor is asked to rule out, in plain words
    /// (empty where the rules name nothing).
    pub rule_out: Vec<String>,
    /// A doctor's clearance lifted `see_doctor_first`.
    pub cleared_by_doctor: bool,
}

/// One ranked match.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchDto {
    /// The practitioner.
    #[serde(flatten)]
    pub practitioner: PractitionerSummary,
    /// Score; higher is better.
    pub score: f64,
    /// Top reasons in plain words.
    pub reasons: Vec<String>,
    /// The practitioner's next open time (RFC 3339 with the practice's UTC offset);
    /// null when they have not set hours or have none open.
    #[schema(format = DateTime, example = "2026-12-08T09:00:00-06:00")]
    pub next_open: Option<String>,
}

/// The answer to a match request.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchResponse {
    /// The safety verdict.
    pub verdict: VerdictDto,
    /// Precautions in plain words.
    pub precautions: Vec<String>,
    /// Ranked matches; empty unless the verdict is `proceed`.
    pub matches: Vec<MatchDto>,
    /// The resolved centre.
    pub location: LocationDto,
    /// This finder does not diagnose.
    pub not_a_diagnosis: String,
}

impl MatchResponse {
    /// Builds the response from a screening and its ranked hits.
    pub fn new(
        screening: &Screening,
        ranked: Vec<RankedHit>,
        location: LocationDto,
        rules: &Rules,
        modality_name: &dyn Fn(&str) -> String,
        accepting_since_ts: i64,
    ) -> Self {
        let verdict = &screening.verdict;
        Self {
            verdict: VerdictDto {
                kind: verdict.kind.slug().to_owned(),
                reasons: verdict.causes.iter().map(|c| c.reason.clone()).collect(),
                causes: verdict.causes.iter().map(|c| c.slug.clone()).collect(),
                rule_out: verdict.causes.iter().map(|c| c.rule_out.clone()).collect(),
                cleared_by_doctor: verdict.cleared,
            },
            precautions: screening.precautions.notes.clone(),
            matches: ranked
                .into_iter()
                .map(|r| MatchDto {
                    practitioner: PractitionerSummary::new(
                        r.hit.doc,
                        r.hit.distance_km,
                        accepting_since_ts,
                    ),
                    score: r.ranking.score,
                    reasons: wording::reasons(&r.ranking.reasons, modality_name, Unit::Km),
                    next_open: r
                        .next_open
                        .as_ref()
                        .map(|s| s.start.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)),
                })
                .collect(),
            location,
            not_a_diagnosis: rules.not_a_diagnosis.clone(),
        }
    }
}
