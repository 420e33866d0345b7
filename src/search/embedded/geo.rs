//! The geometry of the embedded index: fixed-size latitude/longitude cells, unit-sphere
//! vectors for distance by dot product, and the boxes a radius query asks the R-tree for.

use rstar::{AABB, primitives::GeomWithData, primitives::Rectangle};

/// Cell size in degrees (about 5.5 km north–south).
pub(super) const CELL_DEG: f64 = 0.05;
/// Mean Earth radius, matching `distance_km`.
pub(super) const EARTH_RADIUS_KM: f64 = 6371.0088;
/// Kilometres per degree of latitude.
const KM_PER_DEGREE: f64 = 111.195;
pub(super) type CellKey = (i32, i32);

/// Half the diagonal of a cell, in km, bounded above (a cell at the equator).
pub(super) const CELL_HALF_DIAGONAL_KM: f64 =
    CELL_DEG * KM_PER_DEGREE * std::f64::consts::SQRT_2 / 2.0 + 0.01;

pub(super) fn cell_centre(cell: CellKey) -> (f64, f64) {
    (
        (f64::from(cell.0) + 0.5) * CELL_DEG,
        (f64::from(cell.1) + 0.5) * CELL_DEG,
    )
}

/// Whether a whole cell lies inside the circle: on a sphere the farthest point of a
/// latitude/longitude rectangle from any point is one of its corners.
pub(super) fn cell_inside(cell: CellKey, centre: [f64; 3], min_dot: f64) -> bool {
    let (la, lo) = (f64::from(cell.0) * CELL_DEG, f64::from(cell.1) * CELL_DEG);
    [
        (la, lo),
        (la + CELL_DEG, lo),
        (la, lo + CELL_DEG),
        (la + CELL_DEG, lo + CELL_DEG),
    ]
    .iter()
    .all(|&(a, o)| {
        let v = unit_vector(a, o);
        v[0] * centre[0] + v[1] * centre[1] + v[2] * centre[2] >= min_dot
    })
}
pub(super) type CellBox = GeomWithData<Rectangle<[f64; 2]>, CellKey>;

pub(super) fn cell_of(lat: f64, lng: f64) -> CellKey {
    (
        (lat / CELL_DEG).floor() as i32,
        (lng / CELL_DEG).floor() as i32,
    )
}

pub(super) fn unit_vector(lat: f64, lng: f64) -> [f64; 3] {
    let (la, lo) = (lat.to_radians(), lng.to_radians());
    [la.cos() * lo.cos(), la.cos() * lo.sin(), la.sin()]
}
/// The longitude/latitude boxes that contain every point within `radius_km` of a centre.
pub(super) fn bounding_boxes(lat: f64, lng: f64, radius_km: f64) -> Vec<AABB<[f64; 2]>> {
    let dlat = radius_km / KM_PER_DEGREE;
    let (min_lat, max_lat) = ((lat - dlat).max(-90.0), (lat + dlat).min(90.0));
    let widest = min_lat.abs().max(max_lat.abs());
    if widest >= 89.0 {
        return vec![AABB::from_corners([-180.0, min_lat], [180.0, max_lat])];
    }
    // A little slack on each side keeps points on the edge of a cell in play.
    let dlng = radius_km / (KM_PER_DEGREE * widest.to_radians().cos()) * 1.001;
    if dlng >= 180.0 {
        return vec![AABB::from_corners([-180.0, min_lat], [180.0, max_lat])];
    }
    let (west, east) = (lng - dlng, lng + dlng);
    let mut boxes = vec![AABB::from_corners(
        [west.max(-180.0), min_lat],
        [east.min(180.0), max_lat],
    )];
    if west < -180.0 {
        boxes.push(AABB::from_corners(
            [west + 360.0, min_lat],
            [180.0, max_lat],
        ));
    }
    if east > 180.0 {
        boxes.push(AABB::from_corners(
            [-180.0, min_lat],
            [east - 360.0, max_lat],
        ));
    }
    boxes
}
