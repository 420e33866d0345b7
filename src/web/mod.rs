//! The server-rendered website. Every page route is listed here; handlers live in one
//! file per area and are named verb_noun.

mod account;
mod admin;
mod assets;
pub mod auth;
mod dashboard;
pub mod errors;
mod home;
mod ops;
mod practitioners;
mod questionnaire;
mod search;
pub mod templates;

use axum::{
    Router,
    routing::{get, post},
};

use crate::app::AppState;

/// All page routes (and the operational probes).
pub fn routes() -> Router<AppState> {
    Router::new()
        // People in pain.
        .route("/", get(home::show_home))
        .route("/search", get(search::show_search))
        .route("/questionnaire", get(questionnaire::show_questionnaire))
        .route(
            "/questionnaire/edit",
            get(questionnaire::edit_questionnaire),
        )
        .route("/match", get(questionnaire::show_match))
        .route("/p/{slug}", get(practitioners::show_practitioner))
        .route(
            "/p/{slug}/contact",
            post(practitioners::create_contact_request),
        )
        .route("/p/{slug}/report", post(practitioners::create_report))
        // Accounts.
        .route(
            "/signup",
            get(account::new_signup).post(account::create_signup),
        )
        .route("/verify-email", get(account::show_verify_email))
        .route(
            "/login",
            get(account::new_login).post(account::create_login),
        )
        .route("/logout", post(account::destroy_session))
        .route(
            "/forgot-password",
            get(account::new_password_reset).post(account::create_password_reset),
        )
        .route(
            "/reset-password",
            get(account::edit_password_reset).post(account::update_password_reset),
        )
        .route(
            "/account/password",
            get(account::edit_password).post(account::update_password),
        )
        // Practitioners' own profiles.
        .route("/dashboard", get(dashboard::show_dashboard))
        .route(
            "/dashboard/confirm-profile",
            post(dashboard::confirm_profile),
        )
        .route(
            "/dashboard/availability",
            post(dashboard::update_availability),
        )
        .route("/dashboard/publish", post(dashboard::publish_profile))
        .route("/dashboard/unpublish", post(dashboard::unpublish_profile))
        .route("/dashboard/profile", get(dashboard::edit_profile))
        .route(
            "/dashboard/profile/{section}",
            post(dashboard::update_profile_section),
        )
        .route(
            "/dashboard/training",
            get(dashboard::list_training).post(dashboard::create_training),
        )
        .route("/dashboard/training/{id}", post(dashboard::update_training))
        .route(
            "/dashboard/training/{id}/delete",
            post(dashboard::destroy_training),
        )
        .route(
            "/dashboard/licences",
            get(dashboard::list_licences).post(dashboard::create_licence),
        )
        .route("/dashboard/licences/{id}", post(dashboard::update_licence))
        .route(
            "/dashboard/outcomes",
            get(dashboard::list_outcomes).post(dashboard::create_outcome),
        )
        .route("/dashboard/outcomes.csv", get(dashboard::export_outcomes))
        .route("/dashboard/inbox", get(dashboard::show_inbox))
        // Admins.
        .route("/admin", get(admin::show_admin))
        .route("/admin/licences", get(admin::list_licence_queue))
        .route("/admin/licences/{id}/approve", post(admin::approve_licence))
        .route("/admin/licences/{id}/reject", post(admin::reject_licence))
        .route(
            "/admin/rosters",
            get(admin::show_rosters).post(admin::create_roster_import),
        )
        .route(
            "/admin/rosters/mappings/{code}",
            post(admin::update_roster_mapping),
        )
        .route("/admin/reports", get(admin::list_reports))
        .route("/admin/reports/{id}/{outcome}", post(admin::update_report))
        .route("/admin/practitioners", get(admin::list_practitioners))
        .route(
            "/admin/practitioners/{id}/suspend",
            post(admin::suspend_practitioner),
        )
        .route(
            "/admin/practitioners/{id}/unsuspend",
            post(admin::unsuspend_practitioner),
        )
        .route("/admin/audit", get(admin::list_audit))
        // Operations and assets.
        .route("/static/{file}", get(assets::show_asset))
        .route("/healthz", get(ops::show_health))
        .route("/readyz", get(ops::show_readiness))
}
