//! The server-rendered website. Every page route is listed here; handlers live in one
//! file per area and are named verb_noun.

mod account;
mod admin;
mod assets;
mod dashboard;
mod discovery;
pub mod errors;
mod home;
pub mod language;
mod leaving;
mod letter;
mod map;
mod money;
mod open_times;
mod ops;
mod passkeys;
mod practitioners;
mod questionnaire;
mod reach;
mod reports;
mod search;
mod security;
pub mod templates;
mod visits;

use crate::auth::{
    Access::{Admin, Decision, Practitioner, Public},
    RouteTable, Surface,
};

/// All page routes (and the operational probes), each with who may use it.
pub fn routes() -> RouteTable {
    RouteTable::new(Surface::Page, "")
        // People in pain.
        .get("/", Public, home::show_home)
        .get("/search", Public, search::show_search)
        .get("/questionnaire", Public, questionnaire::show_questionnaire)
        .get(
            "/questionnaire/edit",
            Public,
            questionnaire::edit_questionnaire,
        )
        .post(
            "/questionnaire/edit",
            Public,
            questionnaire::reopen_questionnaire,
        )
        .get("/match", Public, questionnaire::show_match)
        .post("/match", Public, questionnaire::submit_questionnaire)
        .get("/match/note", Public, questionnaire::show_note)
        .post("/match/note", Public, questionnaire::print_note)
        .post("/match/letter", Public, letter::print_letter)
        .get("/p/{slug}", Public, practitioners::show_practitioner)
        .post(
            "/p/{slug}/contact",
            Public,
            practitioners::create_contact_request,
        )
        .post("/p/{slug}/report", Public, practitioners::create_report)
        .post("/p/{slug}/request", Public, visits::create_visit_request)
        .get("/visits/{secret}", Public, visits::show_visit)
        .post("/visits/{secret}/confirm", Public, visits::confirm_visit)
        .post("/visits/{secret}/take", Public, visits::take_visit)
        .post("/visits/{secret}/cancel", Public, visits::cancel_visit)
        .post("/visits/{secret}/move", Public, visits::move_visit)
        .post(
            "/visits/{secret}/report",
            Public,
            reports::create_visit_report,
        )
        .post(
            "/visits/{secret}/report/delete",
            Public,
            reports::delete_visit_report,
        )
        .post(
            "/visits/{secret}/safety",
            Public,
            reports::create_safety_report,
        )
        .get("/calendar/{file}", Public, visits::show_calendar_feed)
        // Accounts.
        .get("/signup", Public, account::new_signup)
        .post("/signup", Public, account::create_signup)
        .get("/verify-email", Public, account::show_verify_email)
        .get("/login", Public, account::new_login)
        .post("/login", Public, account::create_login)
        .post("/logout", Public, account::destroy_session)
        .get("/login/second-factor", Public, security::new_second_step)
        .post("/login/second-factor", Public, security::create_second_step)
        .get(
            "/account/second-factor",
            Practitioner,
            security::show_security,
        )
        .get(
            "/account/second-factor/app",
            Practitioner,
            security::new_totp,
        )
        .post(
            "/account/second-factor/app",
            Practitioner,
            security::create_totp,
        )
        .post(
            "/account/second-factor/app/delete",
            Practitioner,
            security::destroy_totp,
        )
        .post(
            "/account/second-factor/recovery-codes",
            Practitioner,
            security::create_recovery_codes,
        )
        .post("/account/step-up", Practitioner, security::create_step_up)
        .post(
            "/login/second-factor/passkey",
            Public,
            passkeys::create_login_options,
        )
        .post(
            "/account/passkey-options",
            Practitioner,
            passkeys::create_check_options,
        )
        .post(
            "/account/passkeys/options",
            Practitioner,
            passkeys::create_registration_options,
        )
        .post("/account/passkeys", Practitioner, passkeys::create_passkey)
        .post(
            "/account/passkeys/{id}/delete",
            Practitioner,
            passkeys::destroy_passkey,
        )
        .get("/forgot-password", Public, account::new_password_reset)
        .post("/forgot-password", Public, account::create_password_reset)
        .get("/reset-password", Public, account::edit_password_reset)
        .post("/reset-password", Public, account::update_password_reset)
        .get(
            "/account/delete",
            Practitioner,
            leaving::edit_account_deletion,
        )
        .post("/account/delete", Practitioner, leaving::destroy_account)
        .get(
            "/dashboard/my-data.json",
            Practitioner,
            leaving::export_my_data,
        )
        .get("/account/password", Practitioner, account::edit_password)
        .post("/account/password", Practitioner, account::update_password)
        // Practitioners' own profiles.
        .get("/dashboard", Practitioner, dashboard::show_dashboard)
        .post(
            "/dashboard/confirm-profile",
            Practitioner,
            dashboard::confirm_profile,
        )
        .post(
            "/dashboard/availability",
            Practitioner,
            dashboard::update_availability,
        )
        .post(
            "/dashboard/publish",
            Practitioner,
            dashboard::publish_profile,
        )
        .post(
            "/dashboard/unpublish",
            Practitioner,
            dashboard::unpublish_profile,
        )
        .get("/dashboard/profile", Practitioner, dashboard::edit_profile)
        .post(
            "/dashboard/profile/{section}",
            Practitioner,
            dashboard::update_profile_section,
        )
        .get(
            "/dashboard/training",
            Practitioner,
            dashboard::list::<dashboard::Ledger>,
        )
        .post(
            "/dashboard/training",
            Practitioner,
            dashboard::create::<dashboard::Ledger>,
        )
        .post(
            "/dashboard/training/{id}",
            Practitioner,
            dashboard::update::<dashboard::Ledger>,
        )
        .post(
            "/dashboard/training/{id}/delete",
            Practitioner,
            dashboard::destroy_training,
        )
        .get(
            "/dashboard/licences",
            Practitioner,
            dashboard::list::<dashboard::Licences>,
        )
        .post(
            "/dashboard/licences",
            Practitioner,
            dashboard::create::<dashboard::Licences>,
        )
        .post(
            "/dashboard/licences/{id}",
            Practitioner,
            dashboard::update::<dashboard::Licences>,
        )
        .get(
            "/dashboard/outcomes",
            Practitioner,
            dashboard::list_outcomes,
        )
        .post(
            "/dashboard/outcomes",
            Practitioner,
            dashboard::create_outcome,
        )
        .get(
            "/dashboard/outcomes.csv",
            Practitioner,
            dashboard::export_outcomes,
        )
        .get(
            "/dashboard/receipts",
            Practitioner,
            dashboard::list_receipts,
        )
        .post(
            "/dashboard/receipts",
            Practitioner,
            dashboard::create_receipt,
        )
        .get(
            "/dashboard/receipts.csv",
            Practitioner,
            dashboard::export_receipts,
        )
        .get(
            "/dashboard/receipts/{number}",
            Practitioner,
            dashboard::show_receipt,
        )
        .get("/dashboard/payment", Practitioner, dashboard::edit_payment)
        .post(
            "/dashboard/payment",
            Practitioner,
            dashboard::update_payment,
        )
        .get("/dashboard/hours", Practitioner, dashboard::edit_hours)
        .post("/dashboard/hours", Practitioner, dashboard::update_hours)
        .get("/dashboard/inbox", Practitioner, dashboard::show_inbox)
        .post(
            "/dashboard/visits/{id}/{answer}",
            Practitioner,
            dashboard::answer_visit,
        )
        .post(
            "/dashboard/comments/{id}/reply",
            Practitioner,
            dashboard::reply_comment,
        )
        .post(
            "/dashboard/calendar-feed",
            Practitioner,
            dashboard::replace_calendar_feed,
        )
        // Admins.
        .get("/admin", Admin, admin::show_admin)
        .get("/admin/licences", Admin, admin::list_licence_queue)
        .post(
            "/admin/licences/{id}/{decision}",
            Decision,
            admin::decide_licence,
        )
        .get("/admin/rosters", Admin, admin::show_rosters)
        .post_upload(
            "/admin/rosters",
            Admin,
            admin::create_roster_import,
            crate::admin::roster::UPLOAD_LIMIT,
        )
        .post(
            "/admin/rosters/mappings/{code}",
            Admin,
            admin::update_roster_mapping,
        )
        .get("/admin/reports", Admin, admin::list_reports)
        .get("/admin/client-reports", Admin, admin::list_client_reports)
        .post(
            "/admin/client-reports/{id}/{decision}",
            Admin,
            admin::decide_client_report,
        )
        .post("/admin/reports/{id}/{outcome}", Admin, admin::update_report)
        .get("/admin/practitioners", Admin, admin::list_practitioners)
        .post(
            "/admin/practitioners/{id}/suspend",
            Decision,
            admin::suspend_practitioner,
        )
        .post(
            "/admin/practitioners/{id}/unsuspend",
            Decision,
            admin::unsuspend_practitioner,
        )
        .get("/admin/audit", Admin, admin::list_audit)
        .get("/admin/admins", Admin, admin::list_admins)
        .post("/admin/admins", Decision, admin::create_admin_invitation)
        .post("/admin/admins/{id}/remove", Decision, admin::destroy_admin)
        .post(
            "/admin/admins/{id}/reset-second-factor",
            Decision,
            admin::reset_admin_second_factor,
        )
        .get("/admin-invite", Public, admin::show_invitation)
        .post("/admin-invite", Public, admin::accept_invitation)
        // Operations and assets.
        .get("/static/{file}", Public, assets::show_asset)
        .get("/favicon.ico", Public, discovery::show_favicon)
        .get("/robots.txt", Public, discovery::show_robots)
        .get("/sitemap.xml", Public, discovery::show_sitemap_index)
        .get("/sitemaps/{file}", Public, discovery::show_sitemap)
        .get("/healthz", Public, ops::show_health)
        .get("/readyz", Public, ops::show_readiness)
}
