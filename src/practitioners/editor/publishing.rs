//! Publishing, the confirmations that keep a listing current, and the to-do list the
//! dashboard shows.

use super::*;

/// Records "my profile is up to date".
pub async fn confirm_profile(db: &DatabaseConnection, p: &practitioner::Model) -> EditResult {
    let mut model: practitioner::ActiveModel = p.clone().into();
    model.profile_confirmed_at = Set(Some(Utc::now()));
    save(db, model, p.id).await
}

/// Records whether the practitioner is accepting new clients, confirmed now.
pub async fn set_availability(
    db: &DatabaseConnection,
    p: &practitioner::Model,
    accepting: bool,
) -> EditResult {
    let mut model: practitioner::ActiveModel = p.clone().into();
    model.accepting_new_clients = Set(Some(accepting));
    model.accepting_confirmed_at = Set(Some(Utc::now()));
    save(db, model, p.id).await
}

/// The part of the profile a piece of work belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The overview: confirmations and availability.
    Overview,
    /// The profile sections (about, location, techniques, regions).
    Profile,
    /// The profile's languages and accessibility section.
    Languages,
    /// The training ledger.
    Training,
    /// Licences and certifications.
    Licences,
}

/// Something a profile still needs before it can be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// The About text.
    About,
    /// A location.
    Location,
    /// At least one technique.
    Technique,
    /// At least one region of focus.
    Region,
    /// A training ledger entry.
    Training,
    /// A licence or certification.
    Licence,
}

impl Missing {
    /// What is missing, as it reads after "needs" or "add".
    pub fn label(self) -> String {
        say(match self {
            Self::About => "missing-about",
            Self::Location => "missing-location",
            Self::Technique => "missing-technique",
            Self::Region => "missing-region",
            Self::Training => "missing-training",
            Self::Licence => "missing-licence",
        })
    }

    /// Where it is added.
    pub fn section(self) -> Section {
        match self {
            Self::Training => Section::Training,
            Self::Licence => Section::Licences,
            _ => Section::Profile,
        }
    }
}

/// What a profile still needs before it can be published.
pub async fn missing_for_publishing(
    db: &impl ConnectionTrait,
    p: &practitioner::Model,
) -> Result<Vec<Missing>, DbErr> {
    let mut missing = Vec::new();
    if p.bio.trim().is_empty() {
        missing.push(Missing::About);
    }
    if p.lat.is_none() || p.city.is_empty() {
        missing.push(Missing::Location);
    }
    let count_m = practitioner_modality::Entity::find()
        .filter(practitioner_modality::Column::PractitionerId.eq(p.id))
        .count(db)
        .await?;
    if count_m == 0 {
        missing.push(Missing::Technique);
    }
    let count_r = practitioner_region::Entity::find()
        .filter(practitioner_region::Column::PractitionerId.eq(p.id))
        .count(db)
        .await?;
    if count_r == 0 {
        missing.push(Missing::Region);
    }
    let count_t = training_record::Entity::find()
        .filter(training_record::Column::PractitionerId.eq(p.id))
        .count(db)
        .await?;
    if count_t == 0 {
        missing.push(Missing::Training);
    }
    let count_l = licence::Entity::find()
        .filter(licence::Column::PractitionerId.eq(p.id))
        .count(db)
        .await?;
    if count_l == 0 {
        missing.push(Missing::Licence);
    }
    Ok(missing)
}

/// Publishes a complete profile.
pub async fn publish(db: &DatabaseConnection, p: &practitioner::Model) -> EditResult {
    let missing = missing_for_publishing(db, p).await?;
    if !missing.is_empty() {
        return Err(EditError::Invalid(FieldErrors::from([(
            "publish".to_owned(),
            say_with(
                "edit-publish-missing",
                [(
                    "missing",
                    FluentValue::from(
                        missing
                            .iter()
                            .map(|m| m.label())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                )],
            ),
        )])));
    }
    let mut model: practitioner::ActiveModel = p.clone().into();
    model.listed = Set(true);
    if p.profile_confirmed_at.is_none() {
        model.profile_confirmed_at = Set(Some(Utc::now()));
    }
    save(db, model, p.id).await
}

/// Unpublishes; the caller also removes the document from search at once.
pub async fn unpublish(db: &DatabaseConnection, p: &practitioner::Model) -> EditResult {
    let mut model: practitioner::ActiveModel = p.clone().into();
    model.listed = Set(false);
    save(db, model, p.id).await
}

/// One item of the dashboard's "needs attention" list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attention {
    /// What needs doing.
    pub message: String,
    /// Where to do it.
    pub section: Section,
}

/// What needs attention: missing fields, licences near expiry, an unconfirmed
/// profile, a lapsed availability.
pub async fn attention(
    db: &impl ConnectionTrait,
    p: &practitioner::Model,
) -> Result<Vec<Attention>, DbErr> {
    let now = Utc::now();
    let today = now.date_naive();
    let mut items: Vec<Attention> = missing_for_publishing(db, p)
        .await?
        .into_iter()
        .map(|m| Attention {
            message: say_with("todo-missing", [("missing", FluentValue::from(m.label()))]),
            section: m.section(),
        })
        .collect();
    for l in licence::Entity::find()
        .filter(licence::Column::PractitionerId.eq(p.id))
        .all(db)
        .await?
    {
        match l.expires_on {
            Some(expiry) if expiry < today => items.push(Attention {
                message: say_with(
                    "todo-licence-expired",
                    [
                        ("state", FluentValue::from(l.jurisdiction.as_str())),
                        ("number", FluentValue::from(l.number.as_str())),
                        ("date", FluentValue::from(expiry.to_string())),
                    ],
                ),
                section: Section::Licences,
            }),
            Some(expiry) if expiry <= today + TimeDelta::days(30) => items.push(Attention {
                message: say_with(
                    "todo-licence-expires",
                    [
                        ("state", FluentValue::from(l.jurisdiction.as_str())),
                        ("number", FluentValue::from(l.number.as_str())),
                        ("date", FluentValue::from(expiry.to_string())),
                    ],
                ),
                section: Section::Licences,
            }),
            _ => {}
        }
        if l.status == "rejected" {
            items.push(Attention {
                message: match l.rejection_reason.as_deref() {
                    Some(reason) => say_with(
                        "todo-licence-rejected",
                        [
                            ("state", FluentValue::from(l.jurisdiction.as_str())),
                            ("number", FluentValue::from(l.number.as_str())),
                            ("reason", FluentValue::from(reason)),
                        ],
                    ),
                    None => say_with(
                        "todo-licence-rejected-silently",
                        [
                            ("state", FluentValue::from(l.jurisdiction.as_str())),
                            ("number", FluentValue::from(l.number.as_str())),
                        ],
                    ),
                },
                section: Section::Licences,
            });
        }
    }
    if let Some(unread) = &p.languages_unread {
        items.push(Attention {
            message: say_with(
                "todo-languages-unread",
                [("unread", FluentValue::from(unread.as_str()))],
            ),
            section: Section::Languages,
        });
    }
    if p.profile_confirmed_at
        .is_none_or(|t| !policy::profile_fresh(t.timestamp(), now.timestamp()))
    {
        items.push(Attention {
            message: say("todo-confirm-profile"),
            section: Section::Overview,
        });
    }
    if p.accepting_confirmed_at
        .is_none_or(|t| !policy::accepting_current(t.timestamp(), now.timestamp()))
    {
        items.push(Attention {
            message: say_with(
                "todo-confirm-accepting",
                [("days", FluentValue::from(policy::ACCEPTING_LAPSE_DAYS))],
            ),
            section: Section::Overview,
        });
    }
    Ok(items)
}
