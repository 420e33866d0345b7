//! Licences and certifications as the practitioner claims them. A practitioner never
//! sets a status; changing a licence that is not pending sends it back for review.

use super::*;

/// A kind of credential a practitioner can list.
#[derive(Debug, Clone, Copy)]
pub struct LicenceKind {
    /// Stable slug.
    pub slug: &'static str,
    /// Whether it lapses on a date, which must then be given.
    pub expires: bool,
}

/// The kinds of credential: a state licence, and a board certification (NCBTMB's is
/// renewed every few years). Both expire, so both need their expiry date; a licence
/// without one would never expire in the directory.
pub const LICENCE_KINDS: [LicenceKind; 2] = [
    LicenceKind {
        slug: "state_licence",
        expires: true,
    },
    LicenceKind {
        slug: "board_certification",
        expires: true,
    },
];

/// A licence, as typed. There is no status: a practitioner never sets it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct LicenceInput {
    /// Jurisdiction code.
    pub jurisdiction: String,
    /// Number.
    pub number: String,
    /// `state_licence` or `board_certification`.
    pub kind: String,
    /// Expiry, YYYY-MM-DD, optional.
    pub expires_on: String,
}

async fn validate_licence(
    db: &impl ConnectionTrait,
    input: &LicenceInput,
) -> EditResult<(String, String, String, Option<NaiveDate>)> {
    let mut errors = FieldErrors::new();
    let code = input.jurisdiction.trim().to_uppercase();
    if jurisdiction::Entity::find_by_id(code.clone())
        .one(db)
        .await?
        .is_none()
    {
        errors.insert("jurisdiction".into(), say("edit-licence-state"));
    }
    let number = input.number.trim().to_uppercase();
    if number.is_empty()
        || number.len() > 40
        || !number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    {
        errors.insert("number".into(), say("edit-licence-number"));
    }
    let kind = LICENCE_KINDS.iter().find(|k| k.slug == input.kind);
    if kind.is_none() {
        errors.insert("kind".into(), say("edit-licence-kind"));
    }
    let expires = if input.expires_on.trim().is_empty() {
        if kind.is_some_and(|k| k.expires) {
            errors.insert("expires_on".into(), say("edit-licence-expiry"));
        }
        None
    } else {
        date(&input.expires_on, "expires_on", false, &mut errors)
    };
    check(errors)?;
    Ok((code, number, input.kind.clone(), expires))
}

/// Adds a licence; it starts as pending.
pub async fn add_licence(
    db: &DatabaseConnection,
    p: &practitioner::Model,
    input: &LicenceInput,
) -> EditResult {
    let (code, number, kind, expires) = validate_licence(db, input).await?;
    let now = Utc::now();
    let txn = crate::db::begin_write(db).await?;
    licence::Entity::insert(licence::ActiveModel {
        id: NotSet,
        practitioner_id: Set(p.id),
        jurisdiction: Set(code),
        number: Set(number),
        kind: Set(kind),
        expires_on: Set(expires),
        status: Set("pending".into()),
        verified_by: Set(None),
        verified_at: Set(None),
        verification_method: Set(None),
        rejection_reason: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        needs_review: Set(false),
        review_note: Set(None),
        reminded_at: Set(None),
    })
    .exec(&txn)
    .await?;
    crate::practitioners::published_change(&txn, p.id).await?;
    txn.commit().await?;
    Ok(())
}

/// Edits one of the practitioner's own licences; the practitioner never sets the status.
/// Any change to the number, state, kind or expiry of a licence that is not pending
/// (verified, rejected or expired) sends it back to pending for an admin to check
/// again, and the change is written to the audit log.
pub async fn edit_licence(
    db: &DatabaseConnection,
    p: &practitioner::Model,
    id: i64,
    input: &LicenceInput,
) -> EditResult {
    let row = licence::Entity::find_by_id(id)
        .filter(licence::Column::PractitionerId.eq(p.id))
        .one(db)
        .await?
        .ok_or(EditError::NotFound)?;
    let (code, number, kind, expires) = validate_licence(db, input).await?;
    let changed = row.jurisdiction != code
        || row.number != number
        || row.kind != kind
        || row.expires_on != expires;
    let back_to_pending = changed && row.status != "pending";
    let txn = crate::db::begin_write(db).await?;
    if back_to_pending {
        audit::record(
            &txn,
            p.user_id,
            "licence.changed_by_practitioner",
            audit::Subject {
                kind: "licence",
                id: &row.id.to_string(),
            },
            Some(licence_claim(
                &row.status,
                &row.jurisdiction,
                &row.number,
                &row.kind,
                row.expires_on,
            )),
            Some(licence_claim("pending", &code, &number, &kind, expires)),
        )
        .await?;
    }
    let mut model: licence::ActiveModel = row.into();
    if back_to_pending {
        model.status = Set("pending".into());
        model.verified_by = Set(None);
        model.verified_at = Set(None);
        model.verification_method = Set(None);
        model.rejection_reason = Set(None);
        model.needs_review = Set(false);
        model.review_note = Set(None);
    }
    model.jurisdiction = Set(code);
    model.number = Set(number);
    model.kind = Set(kind);
    model.expires_on = Set(expires);
    model.updated_at = Set(Utc::now());
    model.update(&txn).await?;
    crate::practitioners::published_change(&txn, p.id).await?;
    txn.commit().await?;
    Ok(())
}

fn licence_claim(
    status: &str,
    jurisdiction: &str,
    number: &str,
    kind: &str,
    expires_on: Option<NaiveDate>,
) -> serde_json::Value {
    serde_json::json!({
        "status": status,
        "jurisdiction": jurisdiction,
        "number": number,
        "kind": kind,
        "expires_on": expires_on,
    })
}

/// The practitioner's licences, oldest first.
pub async fn licences_of(
    db: &impl ConnectionTrait,
    p: &practitioner::Model,
) -> Result<Vec<licence::Model>, DbErr> {
    licence::Entity::find()
        .filter(licence::Column::PractitionerId.eq(p.id))
        .order_by_asc(licence::Column::Id)
        .all(db)
        .await
}
