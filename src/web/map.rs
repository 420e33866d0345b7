//! The map beside results and on a profile: an SVG drawn on the server from the
//! gazetteer, so it works offline and without JavaScript. It shows the search area's
//! centre and radius, numbered pins at their true offsets (the numbers of the list),
//! a scale bar, and nearby places as landmarks. When a tile server is configured,
//! `static/map.js` turns it into a street map of the same pins; the SVG stays the
//! fallback. The map is supplementary: its text alternative says what it shows.

use serde::Serialize;

use super::templates::script_json;
use crate::i18n::{Lang, text, text_with};
use crate::{geocoding::Place, search::distance_km, state::AppState, wording::Unit};

/// The SVG's drawing area is `SIZE` × `SIZE` user units.
const SIZE: f64 = 400.0;
/// The search circle's radius in user units.
const CIRCLE: f64 = 180.0;
/// Kilometres per degree of latitude, on the product's sphere.
const KM_PER_DEGREE: f64 = 111.195;
/// Landmarks drawn at most.
const LANDMARKS: usize = 6;

/// Something placed on the map.
#[derive(Debug, Clone, Serialize)]
pub struct Pin {
    /// The number shown on the pin and in the list.
    pub number: usize,
    /// Who or what it is.
    pub name: String,
    /// Where it is.
    pub lat: f64,
    /// Where it is.
    pub lng: f64,
    /// The page it links to.
    pub url: String,
}

#[derive(Debug, Serialize)]
struct DrawnPin {
    number: usize,
    x: String,
    y: String,
}

#[derive(Debug, Serialize)]
struct Landmark {
    name: String,
    x: String,
    y: String,
    /// Label position: `start` (right of the dot) or `end` (left of it).
    anchor: &'static str,
    label_x: String,
}

#[derive(Debug, Serialize)]
struct ScaleBar {
    x: String,
    width: String,
    label: String,
}

/// What the street map needs to draw the same map (`static/map.js`).
#[derive(Debug, Serialize)]
struct StreetMap<'a> {
    lat: f64,
    lng: f64,
    radius_m: f64,
    pins: &'a [Pin],
    tiles: &'a str,
    attribution: &'a str,
}

/// A map, ready for `partials/map.html`.
#[derive(Debug, Serialize)]
pub struct MapView {
    size: u32,
    centre: String,
    circle: String,
    pins: Vec<DrawnPin>,
    landmarks: Vec<Landmark>,
    scale: ScaleBar,
    /// The map's short name.
    title: String,
    /// What it shows, in words: the text alternative.
    description: String,
    /// The line under the map.
    caption: String,
    /// The street-map data as JSON escaped for a `<script>` block, when tiles are set.
    street_map: Option<String>,
}

/// One decimal place is far finer than a pixel.
fn coord(v: f64) -> String {
    format!("{v:.1}")
}

/// "north", "south-west", … of a bearing in degrees.
fn compass(east_km: f64, north_km: f64) -> &'static str {
    let bearing = east_km.atan2(north_km).to_degrees().rem_euclid(360.0);
    crate::wording::COMPASS_POINTS[((bearing + 22.5) / 45.0) as usize % 8]
}

/// A round length for the scale bar, about a third of the radius: 1, 2 or 5 times a
/// power of ten, in the unit's own terms.
fn scale_length(radius: f64) -> f64 {
    let target = (radius / 3.0).max(0.1);
    let power = 10_f64.powf(target.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * power)
        .find(|l| *l <= target)
        .unwrap_or(power)
}

/// A length as people write it: `25`, `0.2`, `12.5`.
fn round_length(value: f64) -> String {
    if (value - value.round()).abs() < 0.05 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// Offsets of a point from the centre, east and north, in km (a flat projection,
/// true to well under a pixel over a search radius).
fn offsets(centre: &Place, lat: f64, lng: f64) -> (f64, f64) {
    let across = (lng - centre.lng + 540.0).rem_euclid(360.0) - 180.0;
    (
        across * KM_PER_DEGREE * centre.lat.to_radians().cos(),
        (lat - centre.lat) * KM_PER_DEGREE,
    )
}

/// Draws the map of `pins` within `radius_km` of `centre`, in `unit`. `what` names
/// the pins for the text alternative ("results on this page").
pub fn draw(
    state: &AppState,
    centre: &Place,
    radius_km: f64,
    unit: Unit,
    pins: &[Pin],
    what: &str,
) -> MapView {
    let per_km = CIRCLE / radius_km;
    let middle = SIZE / 2.0;
    let to_xy = |east: f64, north: f64| (middle + east * per_km, middle - north * per_km);
    let drawn: Vec<DrawnPin> = pins
        .iter()
        .rev()
        .map(|p| {
            let (east, north) = offsets(centre, p.lat, p.lng);
            let (x, y) = to_xy(east, north);
            DrawnPin {
                number: p.number,
                x: coord(x.clamp(8.0, SIZE - 8.0)),
                y: coord(y.clamp(8.0, SIZE - 8.0)),
            }
        })
        .collect();
    // The place searched is the centre; its own name is not a landmark of itself.
    let landmark_places: Vec<Place> = state
        .geocoder
        .landmarks(centre, radius_km, LANDMARKS + 1)
        .into_iter()
        .filter(|l| !centre.label.starts_with(&format!("{},", l.label)))
        .take(LANDMARKS)
        .collect();
    let landmarks: Vec<Landmark> = landmark_places
        .iter()
        .map(|l| {
            let (east, north) = offsets(centre, l.lat, l.lng);
            let (x, y) = to_xy(east, north);
            let left = x > middle;
            Landmark {
                name: l.label.clone(),
                x: coord(x),
                y: coord(y),
                anchor: if left { "end" } else { "start" },
                label_x: coord(if left { x - 6.0 } else { x + 6.0 }),
            }
        })
        .collect();
    let radius_in_unit = radius_km / unit.to_km(1.0);
    let bar = scale_length(radius_in_unit);
    let bar_width = unit.to_km(bar) * per_km;
    let bar_label = format!("{} {}", round_length(bar), unit.name());
    let nearby: Vec<String> = landmark_places
        .iter()
        .map(|l| {
            let (east, north) = offsets(centre, l.lat, l.lng);
            text_with(
                Lang::current(),
                "map-nearby-place",
                [
                    ("place", l.label.clone().into()),
                    (
                        "distance",
                        unit.distance(distance_km(centre.lat, centre.lng, l.lat, l.lng))
                            .into(),
                    ),
                    (
                        "direction",
                        text(
                            Lang::current(),
                            &format!("compass-{}", compass(east, north)),
                        )
                        .into(),
                    ),
                ],
            )
        })
        .collect();
    let lang = Lang::current();
    let mut description = text_with(
        lang,
        "map-description",
        [
            ("radius", round_length(radius_in_unit).into()),
            ("unit", unit.name().into()),
            ("place", centre.label.clone().into()),
        ],
    );
    let caption = match pins.len() {
        0 => text(lang, "map-caption-none"),
        1 => text_with(lang, "map-caption-one", [("what", what.into())]),
        _ => text(lang, "map-caption-many"),
    };
    if !pins.is_empty() {
        description.push(' ');
        description.push_str(&text_with(
            lang,
            "map-pins",
            [("count", pins.len().into()), ("what", what.into())],
        ));
    }
    if !nearby.is_empty() {
        description.push(' ');
        description.push_str(&text_with(
            lang,
            "map-nearby",
            [("places", nearby.join(", ").into())],
        ));
    }
    let street_map = state.map_tiles.as_ref().map(|tiles| {
        script_json(
            &serde_json::to_string(&StreetMap {
                lat: centre.lat,
                lng: centre.lng,
                radius_m: (radius_km * 1000.0).round(),
                pins,
                tiles: &tiles.url,
                attribution: &tiles.attribution,
            })
            .unwrap_or_default(),
        )
    });
    MapView {
        size: SIZE as u32,
        centre: coord(middle),
        circle: coord(CIRCLE),
        pins: drawn,
        landmarks,
        scale: ScaleBar {
            x: coord(SIZE - 16.0 - bar_width),
            width: coord(bar_width),
            label: bar_label,
        },
        title: text_with(lang, "map-title", [("place", centre.label.clone().into())]),
        description,
        caption,
        street_map,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_bars_are_round_and_shorter_than_the_radius() {
        assert_eq!(scale_length(25.0), 5.0);
        assert_eq!(scale_length(50.0), 10.0);
        assert_eq!(scale_length(10.0), 2.0);
        assert_eq!(scale_length(5.0), 1.0);
        assert_eq!(scale_length(310.0), 100.0);
        assert!((scale_length(1.0) - 0.2).abs() < 1e-9);
    }

    #[test]
    fn lengths_read_as_people_write_them() {
        assert_eq!(round_length(25.000_000_1), "25");
        assert_eq!(round_length(0.2), "0.2");
        assert_eq!(round_length(12.5), "12.5");
    }

    #[test]
    fn directions_read_as_a_compass() {
        assert_eq!(compass(0.0, 10.0), "north");
        assert_eq!(compass(10.0, 0.1), "east");
        assert_eq!(compass(-7.0, -7.0), "south-west");
        assert_eq!(compass(0.0, -3.0), "south");
    }

    #[test]
    fn offsets_are_true_distances_and_cross_the_antimeridian() {
        let centre = Place {
            lat: 30.0,
            lng: 179.9,
            label: String::new(),
            country: String::new(),
        };
        let (east, north) = offsets(&centre, 30.0, -179.9);
        assert!(north.abs() < 1e-9);
        let true_km = distance_km(30.0, 179.9, 30.0, -179.9);
        assert!((east - true_km).abs() < 0.05, "{east} vs {true_km}");
    }
}
