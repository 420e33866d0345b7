//! The practitioner's and the admin's side in Spanish: every dashboard, account and
//! admin page carries no sentence of the English catalogue, their refusals read in
//! Spanish, and mail sent later to a practitioner uses the language they last signed
//! in with.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use therapist_finder::entities::licence;

use crate::{
    languages::{assert_spanish, english_fragments},
    support::{
        TestApp,
        visitor::{Visitor, admin, last_mail, location, practitioner, practitioner_id},
    },
};

async fn licence_of(app: &TestApp, practitioner_id: i64) -> licence::Model {
    licence::Entity::find()
        .filter(licence::Column::PractitionerId.eq(practitioner_id))
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("one licence")
}

/// Signs in again from a browser that chose Spanish, so the account's language is
/// Spanish from then on.
async fn spanish_practitioner(app: &TestApp, email: &str) -> Visitor {
    practitioner(app, email, "Ana Ruiz").await;
    let v = Visitor::new(app);
    assert_eq!(v.get("/?lang=es").await.status(), 200);
    let res = v
        .post(
            "/login",
            &[("email", email), ("password", "a long password 1")],
        )
        .await;
    assert_eq!(res.status(), 303, "login");
    v
}

#[tokio::test]
async fn every_dashboard_and_account_page_reads_in_spanish_with_spanish_refusals() {
    let app = TestApp::spawn().await;
    let english = english_fragments();
    let v = spanish_practitioner(&app, "ana@example.com").await;
    for path in [
        "/dashboard",
        "/dashboard/profile",
        "/dashboard/hours",
        "/dashboard/training",
        "/dashboard/licences",
        "/dashboard/outcomes",
        "/dashboard/payment",
        "/dashboard/receipts",
        "/dashboard/inbox",
        "/account/password",
        "/account/second-factor",
        "/account/second-factor/app",
    ] {
        let page = v.page(path).await;
        assert_spanish(path, &page, &english);
    }
    let home = v.page("/dashboard").await;
    assert!(
        home.contains("Hola, Ana Ruiz") && home.contains("Requiere su atención"),
        "{home}"
    );
    assert!(
        home.contains("A su perfil le falta una ubicación."),
        "{home}"
    );
    let hours = v.page("/dashboard/hours").await;
    assert!(
        hours.contains(">Lunes<") && hours.contains("60 minutos"),
        "{hours}"
    );

    // A receipt refused in Spanish: the amount, and no licence to print.
    let form = v.page("/dashboard/receipts").await;
    let marker = "name=\"form_key\" value=\"";
    let at = form.find(marker).expect("form key") + marker.len();
    let key = form[at..].split('"').next().expect("key");
    let res = v
        .post(
            "/dashboard/receipts",
            &[
                ("form_key", key),
                ("client_name", "Luis Soto"),
                ("service_date", "2026-12-01"),
                ("minutes", "60"),
                ("procedure_code", "97124"),
                ("amount", "mucho"),
                ("paid_by", "cash"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.expect("body");
    assert_spanish("receipt with errors", &page, &english);
    assert!(
        page.contains("Escriba el importe pagado") && page.contains("Elija la licencia"),
        "{page}"
    );

    // Refusals: a field error from the editor, one from the hours parser, one from the
    // licence form, each shown in Spanish and nothing saved.
    let res = v
        .post(
            "/dashboard/profile/basics",
            &[("display_name", "Ana Ruiz"), ("phone", "call me")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.expect("body");
    assert_spanish("profile with an error", &page, &english);
    assert!(page.contains("Escriba un número de teléfono"), "{page}");
    let res = v
        .post(
            "/dashboard/hours",
            &[
                ("mon", "9-"),
                ("lengths", "60"),
                ("buffer_minutes", "0"),
                ("horizon_days", "30"),
                ("notice_hours", "0"),
                ("time_off", "24/12/2026 al 26/12/2026"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.expect("body");
    assert_spanish("hours with errors", &page, &english);
    assert!(
        page.contains("No podemos leer") || page.contains("como un inicio y un fin"),
        "{page}"
    );
    assert!(page.contains("Línea 1: escriba una fecha"), "{page}");
    let res = v
        .post(
            "/dashboard/licences",
            &[("jurisdiction", "ZZ"), ("number", "")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.expect("body");
    assert_spanish("licence with errors", &page, &english);
    assert!(page.contains("Elija el estado que la otorgó."), "{page}");

    // The account pages a visitor sees before signing in.
    let stranger = Visitor::new(&app);
    assert_eq!(stranger.get("/?lang=es").await.status(), 200);
    for path in ["/login", "/signup", "/forgot-password"] {
        let page = stranger.page(path).await;
        assert_spanish(path, &page, &english);
    }
    let res = stranger
        .post(
            "/login",
            &[("email", "ana@example.com"), ("password", "wrong password")],
        )
        .await;
    let page = res.text().await.expect("body");
    assert_spanish("wrong password", &page, &english);
    assert!(page.contains("no son correctos"), "{page}");
    let res = stranger
        .post(
            "/signup",
            &[
                ("email", "nope"),
                ("password", "short"),
                ("display_name", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.expect("body");
    assert_spanish("sign-up with errors", &page, &english);
    assert!(page.contains("Use al menos 10 caracteres."), "{page}");
}

#[tokio::test]
async fn every_admin_page_reads_in_spanish_and_a_decision_mails_in_the_owners_language() {
    let app = TestApp::spawn().await;
    let english = english_fragments();
    let v = spanish_practitioner(&app, "ana@example.com").await;
    let res = v
        .post(
            "/dashboard/licences",
            &[
                ("jurisdiction", "TX"),
                ("number", "MT-12345"),
                ("kind", "state_licence"),
                ("expires_on", "2030-01-31"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303, "licence added");
    let page = v.page("/dashboard/licences").await;
    assert!(page.contains("Estado: pendiente"), "{page}");

    let (a, _) = admin(&app, "admin@example.com").await;
    assert_eq!(a.get("/admin?lang=es").await.status(), 200);
    for path in [
        "/admin",
        "/admin/licences",
        "/admin/rosters",
        "/admin/reports",
        "/admin/client-reports",
        "/admin/practitioners",
        "/admin/audit",
        "/admin/admins",
    ] {
        let page = a.page(path).await;
        assert_spanish(path, &page, &english);
    }
    // A roster the board's layout cannot read is refused in Spanish, line by line.
    let token = a.csrf().await;
    let roster = format!("{}XX,Ana Ruiz,active,2030-01-31\n", crate::admin::HEADER);
    let res = crate::admin::upload_roster_with(&app, &a, &token, "", roster, &[("dry_run", "1")])
        .await
        .expect("preview");
    let page = res.text().await.expect("body");
    assert_spanish("a roster refused", &page, &english);
    assert!(page.contains("no es un número de licencia"), "{page}");
    let queue = a.page("/admin/licences").await;
    assert!(
        queue.contains("Cola de verificación de licencias"),
        "{queue}"
    );
    let pid = practitioner_id(&app, "ana@example.com").await;
    let licence = licence_of(&app, pid).await;
    // The admin reads Spanish; the mail goes in the practitioner's language.
    let res = a
        .post(
            &format!("/admin/licences/{}/approve", licence.id),
            &[("method", "board_lookup")],
        )
        .await;
    assert_eq!(res.status(), 303, "approved");
    let back = location(&res);
    assert!(back.starts_with("/admin/licences"), "{back}");
    let (subject, body) = last_mail(&app, "ana@example.com").await;
    assert_eq!(subject, "Su licencia está verificada");
    assert!(
        body.contains(
            "La licencia TX MT-12345 está verificada (comprobada en la consulta de la junta)"
        ),
        "{body}"
    );
    let page = a.page(&back).await;
    assert!(page.contains("Licencia aprobada."), "{page}");

    // An English-speaking practitioner's decision mail stays English.
    practitioner(&app, "ben@example.com", "Ben Cole").await;
    let ben = Visitor::new(&app);
    let res = ben
        .post(
            "/login",
            &[
                ("email", "ben@example.com"),
                ("password", "a long password 1"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let res = ben
        .post(
            "/dashboard/licences",
            &[
                ("jurisdiction", "TX"),
                ("number", "MT-777"),
                ("kind", "state_licence"),
                ("expires_on", "2030-01-31"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let pid = practitioner_id(&app, "ben@example.com").await;
    let licence = licence_of(&app, pid).await;
    let res = a
        .post(
            &format!("/admin/licences/{}/reject", licence.id),
            &[("reason", "El número no figura en la junta")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (subject, body) = last_mail(&app, "ben@example.com").await;
    assert_eq!(subject, "Your licence could not be verified");
    assert!(
        body.contains("The reason: El número no figura en la junta"),
        "{body}"
    );
    app.run_pending_jobs().await;
}
