//! The practitioner's dashboard: what needs attention, publishing, availability, and
//! the profile editor, working hours, training ledger, licences, outcome logs, prices,
//! receipts and inbox, one file each. Every route requires a signed-in practitioner and only ever touches their
//! own rows. The training ledger and the licence list share one mechanism (`rows`).

mod home;
mod hours;
mod inbox;
mod licences;
mod outcomes;
mod payment;
mod profile;
mod receipts;
mod rows;
mod training;

use axum::{
    http::header,
    response::{IntoResponse, Redirect, Response},
};

pub use home::{
    confirm_profile, publish_profile, show_dashboard, unpublish_profile, update_availability,
};
pub use hours::{edit_hours, update_hours};
pub use inbox::{answer_visit, replace_calendar_feed, reply_comment, show_inbox};
pub use licences::Licences;
pub use outcomes::{create_outcome, export_outcomes, list_outcomes};
pub use payment::{edit_payment, update_payment};
pub use profile::{edit_profile, update_profile_section};
pub use receipts::{create_receipt, export_receipts, list_receipts, show_receipt};
pub use rows::{create, list, update};
pub use training::{Ledger, destroy_training};

use super::{errors::PageError, search::FormOption};
use crate::{
    error::AppError,
    practitioners::editor::{self, EditError},
};

fn options(items: impl Iterator<Item = (String, String)>, selected: &[String]) -> Vec<FormOption> {
    items
        .map(|(value, label)| FormOption {
            selected: selected.contains(&value),
            value,
            label,
        })
        .collect()
}

fn csv_list(s: &str) -> Vec<String> {
    s.split(',')
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

fn saved(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// A CSV download named `name`, never cached.
fn csv_file(name: &str, body: Result<String, csv::Error>) -> Result<Response, PageError> {
    let body = body.map_err(AppError::internal)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

fn edit_error(e: EditError) -> PageError {
    match e {
        EditError::Invalid(fields) => AppError::Validation {
            message: crate::wording::say("fields-invalid"),
            fields,
        }
        .into(),
        EditError::NotFound => AppError::NotFound(crate::wording::say("dash-no-entry")).into(),
        EditError::Db(e) => e.into(),
    }
}

/// A region's name in the reader's language, from the rules file.
fn region_label(state: &crate::state::AppState, slug: &str) -> String {
    state
        .rules
        .current()
        .region(slug)
        .map_or_else(|| slug.to_owned(), |r| r.label.clone())
}

/// The dashboard page of a profile section.
fn section_url(section: editor::Section) -> &'static str {
    match section {
        editor::Section::Overview => "/dashboard",
        editor::Section::Profile => "/dashboard/profile",
        editor::Section::Languages => "/dashboard/profile#languages",
        editor::Section::Training => "/dashboard/training",
        editor::Section::Licences => "/dashboard/licences",
    }
}
