//! A practitioner takes their data and leaves: the JSON download of everything held
//! about them, and deleting the account after typing its password.

use axum::{
    extract::State,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::{
    account::{Field, FormPage, Link, message, show},
    errors::PageError,
};
use crate::{
    accounts::leaving::{self, LeaveError},
    auth::{
        CsrfForm, CsrfToken, SignedIn,
        cookies::{self, Names},
    },
    error::{AppError, FieldErrors},
    state::AppState,
    wording::say,
};

/// `GET /dashboard/my-data.json`
pub async fn export_my_data(
    State(state): State<AppState>,
    s: SignedIn,
) -> Result<Response, PageError> {
    let document = leaving::export(&state.db, &s.user).await?;
    let body = serde_json::to_vec_pretty(&document).map_err(AppError::internal)?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"my-data.json\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}

fn delete_form(csrf: &str) -> FormPage {
    FormPage {
        title: say("leave-title"),
        intro: say("leave-intro"),
        action: "/account/delete".into(),
        submit: say("leave-submit"),
        fields: vec![Field::new(
            "password",
            say("acct-current-password"),
            "password",
            "current-password",
        )],
        hidden: Vec::new(),
        error: None,
        notice: None,
        links: vec![
            Link {
                href: "/dashboard/my-data.json",
                label: say("leave-download-first"),
            },
            Link {
                href: "/dashboard",
                label: say("dash-back"),
            },
        ],
        csrf: csrf.to_owned(),
        passkey: None,
    }
}

/// `GET /account/delete`
pub async fn edit_account_deletion(
    State(state): State<AppState>,
    _s: SignedIn,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, PageError> {
    show(&state, &delete_form(&csrf), StatusCode::OK)
}

/// The deletion form.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct DeleteForm {
    password: String,
}

/// `POST /account/delete`: erases the account; the listing leaves search at once.
pub async fn destroy_account(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
    CsrfForm(form): CsrfForm<DeleteForm>,
) -> Result<Response, PageError> {
    match leaving::delete(&state.db, &s.user, &form.password).await {
        Ok(listing) => {
            if let Some(id) = listing
                && let Err(e) = state.search.remove(&[id]).await
            {
                tracing::warn!(practitioner.id = id, error = %e, "immediate removal failed; the job will retry");
            }
            let mut response = message(
                &state,
                say("leave-done-title"),
                say("leave-done"),
                Some(Link {
                    href: "/",
                    label: say("nav-search"),
                }),
            )?
            .into_response();
            let names = Names::new(state.secure_cookies);
            cookies::set(&mut response, names.session, "", 0, state.secure_cookies);
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, "no-store".parse().expect("static"));
            Ok(response)
        }
        Err(LeaveError::WrongPassword) => {
            let errors = FieldErrors::from([("password".to_owned(), say("leave-wrong-password"))]);
            show(
                &state,
                &delete_form(&csrf).with_errors(&errors, &[]),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(LeaveError::LastAdmin) => {
            let mut page = delete_form(&csrf);
            page.error = Some(say("leave-last-admin"));
            show(&state, &page, StatusCode::CONFLICT)
        }
        Err(LeaveError::Db(e)) => Err(e.into()),
    }
}
