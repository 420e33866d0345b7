//! How far to look, as the search and questionnaire forms give it: a radius in a
//! unit. A unit left out is settled by the place (miles in the US, kilometres
//! elsewhere) and then written into every link, so the choice stays in the URL.
//! Anything typed wrong is a message at its field, never quietly replaced.

use serde::Serialize;

use crate::{error::FieldErrors, validation::quoted, wording::Unit};

/// Radii offered on the forms, in the chosen unit.
pub const RADII: [u32; 4] = [5, 10, 25, 50];
/// The radius when none is given.
pub const DEFAULT_RADIUS: u32 = 25;

/// A radius and unit as read from a form; the unit is `None` until the place settles it.
#[derive(Debug, Clone, Copy)]
pub struct Reach {
    /// The radius in the unit.
    pub radius: u32,
    /// The unit, when the form named one.
    pub unit: Option<Unit>,
}

/// The two fields as a form shows them again.
#[derive(Debug, Clone, Serialize)]
pub struct ReachForm {
    radius: u32,
    radii: Vec<u32>,
    unit: &'static str,
    units: [UnitChoice; 3],
}

/// A unit the form offers.
#[derive(Debug, Clone, Serialize)]
struct UnitChoice {
    value: &'static str,
    label: String,
}

impl Reach {
    /// Reads the two fields; a wrong value is a field error and the default stands in
    /// only so the form can be shown again.
    pub fn read(radius: &str, unit: &str, errors: &mut FieldErrors) -> Self {
        let unit = match unit.trim() {
            "" => None,
            given => match Unit::parse(given) {
                Some(unit) => Some(unit),
                None => {
                    errors.insert(
                        "unit".into(),
                        format!("{} is not a unit. Choose miles or km.", quoted(given)),
                    );
                    None
                }
            },
        };
        let radius = match radius.trim() {
            "" => DEFAULT_RADIUS,
            given => match given.parse::<u32>() {
                Ok(r) if r > 0 => r,
                _ => {
                    errors.insert(
                        "radius".into(),
                        format!(
                            "{} is not a distance. Choose a whole number, such as 25.",
                            quoted(given)
                        ),
                    );
                    DEFAULT_RADIUS
                }
            },
        };
        Self { radius, unit }
    }

    /// The unit for a place in `country`, unless the form chose one, with the radius
    /// checked against that unit's limit. Fixes the unit for the links that follow.
    pub fn settle(&mut self, country: &str, errors: &mut FieldErrors) -> Unit {
        let unit = *self.unit.get_or_insert(Unit::for_country(country));
        if self.radius > unit.max_radius() {
            errors.insert(
                "radius".into(),
                crate::wording::say_with(
                    "reach-farthest",
                    [
                        ("radius", unit.max_radius().into()),
                        ("unit", unit.name().into()),
                    ],
                ),
            );
        }
        unit
    }

    /// The radius in kilometres, once the unit is settled.
    pub fn radius_km(&self, unit: Unit) -> f64 {
        unit.to_km(f64::from(self.radius))
    }

    /// The fields as the form shows them: the offered radii plus any other typed, and
    /// the unit chosen, or "by place" until a place settles it (so a form sent from
    /// the home page reads miles in the US and kilometres elsewhere).
    pub fn form(&self) -> ReachForm {
        let mut radii = RADII.to_vec();
        if !radii.contains(&self.radius) {
            radii.push(self.radius);
            radii.sort_unstable();
        }
        ReachForm {
            radius: self.radius,
            radii,
            unit: self.unit.map_or("", Unit::slug),
            units: [
                UnitChoice {
                    value: "",
                    label: crate::i18n::text(crate::i18n::Lang::current(), "reach-by-place"),
                },
                UnitChoice {
                    value: Unit::Mi.slug(),
                    label: Unit::Mi.name(),
                },
                UnitChoice {
                    value: Unit::Km.slug(),
                    label: Unit::Km.name(),
                },
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_unit_is_settled_by_the_country() {
        let mut errors = FieldErrors::new();
        let mut reach = Reach::read("", "", &mut errors);
        assert_eq!(reach.settle("US", &mut errors), Unit::Mi);
        let mut abroad = Reach::read("10", "", &mut errors);
        assert_eq!(abroad.settle("DE", &mut errors), Unit::Km);
        let mut chosen = Reach::read("10", "km", &mut errors);
        assert_eq!(chosen.settle("US", &mut errors), Unit::Km);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(reach.radius, DEFAULT_RADIUS);
        assert!((chosen.radius_km(Unit::Km) - 10.0).abs() < 1e-9);
    }

    #[test]
    fn wrong_values_are_field_messages_in_plain_words() {
        let mut errors = FieldErrors::new();
        Reach::read("-5", "furlong", &mut errors);
        assert_eq!(
            errors["unit"],
            "\"furlong\" is not a unit. Choose miles or km."
        );
        assert_eq!(
            errors["radius"],
            "\"-5\" is not a distance. Choose a whole number, such as 25."
        );
        let mut errors = FieldErrors::new();
        let mut far = Reach::read("400", "", &mut errors);
        far.settle("US", &mut errors);
        assert_eq!(
            errors["radius"],
            "The farthest a search reaches is 310 miles."
        );
        let mut errors = FieldErrors::new();
        let mut far = Reach::read("400", "", &mut errors);
        far.settle("FR", &mut errors);
        assert!(errors.is_empty(), "400 km is within reach");
        let huge = "9".repeat(5000);
        let mut errors = FieldErrors::new();
        Reach::read(&huge, "", &mut errors);
        assert!(
            errors["radius"].chars().count() < 100,
            "{}",
            errors["radius"]
        );
    }

    #[test]
    fn a_typed_radius_joins_the_offered_ones() {
        let mut errors = FieldErrors::new();
        let form = Reach::read("30", "mi", &mut errors).form();
        assert_eq!(form.radii, [5, 10, 25, 30, 50]);
        assert_eq!(form.unit, "mi");
        assert_eq!(Reach::read("", "", &mut errors).form().unit, "", "by place");
    }
}
