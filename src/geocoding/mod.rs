//! Geocoding: turning what a person types (a ZIP, "City, ST", or `lat,lng`) into a
//! point, and a point back into a place name. The `Geocoder` trait hides the source.

pub mod gazetteer;
pub mod typed;

use async_trait::async_trait;

/// A resolved place.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lng: f64,
    /// A human label, e.g. "Austin, TX".
    pub label: String,
    /// ISO 3166-1 country code, e.g. `US`; empty when unknown.
    pub country: String,
}

/// The outcome of resolving free text.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// Exactly one place.
    Found(Place),
    /// Several places match; the caller should offer a choice.
    Ambiguous(Vec<Place>),
    /// Nothing matches exactly; these places have names a few letters away.
    NearMiss(Vec<Place>),
    /// Nothing matches.
    Unknown,
}

/// A source of places.
#[async_trait]
pub trait Geocoder: Send + Sync {
    /// Resolves free text to a place.
    async fn resolve(&self, input: &str) -> Resolution;
    /// The nearest known place name for a point, for display.
    async fn describe(&self, lat: f64, lng: f64) -> String;
    /// Up to `count` well-known places within `radius_km` of `centre`, biggest first and
    /// spread apart, to orient a map; the centre's own place is not one of them.
    fn landmarks(&self, centre: &Place, radius_km: f64, count: usize) -> Vec<Place>;
    /// The time zone of a US practice: its ZIP's, or else the zone of the ZIP nearest
    /// its point (within 50 km). `None` outside the ZIP data.
    fn time_zone(
        &self,
        postal_code: Option<&str>,
        point: Option<(f64, f64)>,
    ) -> Option<chrono_tz::Tz>;
}

/// Why a required place could not be settled.
#[derive(Debug, Clone, PartialEq)]
pub enum NearError {
    /// Nothing was given.
    Missing,
    /// Several places match.
    Ambiguous(Vec<Place>),
    /// Nothing matches exactly; the places are a few letters away.
    NearMiss(String, Vec<Place>),
    /// Nothing matches.
    Unknown(String),
}

impl NearError {
    /// The places to offer as links: the several matches, or the near misses.
    pub fn choices(&self) -> &[Place] {
        match self {
            Self::Ambiguous(places) | Self::NearMiss(_, places) => places,
            Self::Missing | Self::Unknown(_) => &[],
        }
    }

    /// A message for the person, naming the choices when there are several.
    pub fn message(&self) -> String {
        use crate::i18n::{Lang, text, text_with};
        let lang = Lang::current();
        let labels = |places: &[Place], sep: &str| {
            places
                .iter()
                .map(|p| p.label.as_str())
                .collect::<Vec<_>>()
                .join(sep)
        };
        match self {
            Self::Missing => text(lang, "place-missing"),
            Self::Ambiguous(places) => text_with(
                lang,
                "place-ambiguous",
                [("places", labels(places, "; ").into())],
            ),
            Self::NearMiss(input, places) => text_with(
                lang,
                "place-near-miss",
                [
                    ("given", crate::validation::quoted(input).into()),
                    ("places", labels(places, &text(lang, "place-or")).into()),
                ],
            ),
            Self::Unknown(input) => text_with(
                lang,
                "place-unknown",
                [("given", crate::validation::quoted(input).into())],
            ),
        }
    }
}

/// Resolves a place that must be given and must be unambiguous.
pub async fn resolve_required(
    geocoder: &dyn Geocoder,
    input: Option<&str>,
) -> Result<Place, NearError> {
    let input = input
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or(NearError::Missing)?;
    match geocoder.resolve(input).await {
        Resolution::Found(place) => Ok(place),
        Resolution::Ambiguous(places) => Err(NearError::Ambiguous(places)),
        Resolution::NearMiss(places) => Err(NearError::NearMiss(input.to_owned(), places)),
        Resolution::Unknown => Err(NearError::Unknown(input.to_owned())),
    }
}

/// Parses `lat,lng` in decimal degrees, refusing out-of-range values.
pub fn parse_coordinates(input: &str) -> Option<(f64, f64)> {
    let (lat, lng) = input.split_once(',')?;
    let lat: f64 = lat.trim().parse().ok()?;
    let lng: f64 = lng.trim().parse().ok()?;
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lng)).then_some((lat, lng))
}

#[cfg(test)]
mod tests {
    use super::parse_coordinates;

    #[test]
    fn parses_coordinates_and_refuses_out_of_range() {
        assert_eq!(parse_coordinates("30.27, -97.74"), Some((30.27, -97.74)));
        assert_eq!(parse_coordinates("91,0"), None);
        assert_eq!(parse_coordinates("austin, tx"), None);
        assert_eq!(parse_coordinates("NaN,1"), None);
    }
}
