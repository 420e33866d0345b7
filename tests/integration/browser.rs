//! Browser tests in real Chromium: the smoke test (home, profile) and both
//! questionnaire journeys; axe finds no serious or critical violations.

use fantoccini::Locator;

use crate::support::{
    TestApp,
    browser::{Browser, Window},
    builders::{PractitionerSpec, insert_practitioner},
};

#[tokio::test]
async fn home_and_profile_render_and_are_accessible() {
    let app = TestApp::spawn().await;
    let mut spec = PractitionerSpec::new("smoke-test");
    spec.outcome_logs = vec![(7, 3); 12];
    insert_practitioner(&app.state.db, &spec).await;
    let browser = Browser::start().await;

    browser.client.goto(&app.url("/")).await.expect("open home");
    let heading = text_of(&browser, "h1").await;
    assert!(heading.contains("clinical massage therapist"), "{heading}");
    browser.assert_accessible("home").await;
    // The Content-Security-Policy lets the site's own stylesheet and script run: the
    // body has the stylesheet's font and the script revealed "Use my location".
    let applied = browser
        .client
        .execute(
            "return [getComputedStyle(document.body).fontSize,
                     !document.querySelector('button.locate').hidden];",
            vec![],
        )
        .await
        .expect("evaluate");
    assert_eq!(
        applied,
        serde_json::json!(["17px", true]),
        "CSS and JS under the CSP"
    );

    browser
        .client
        .find(Locator::Css("a[href='/p/smoke-test']"))
        .await
        .expect("profile link")
        .click()
        .await
        .expect("click");
    wait_for_h1(&browser, "Test smoke-test").await;
    let page = browser.client.source().await.expect("source");
    assert!(page.contains("Reported outcomes"));
    browser.assert_accessible("profile").await;

    browser
        .client
        .goto(&app.url("/missing"))
        .await
        .expect("open 404");
    browser.assert_accessible("not found").await;
    browser.finish().await;
}

pub(crate) async fn check_value(browser: &Browser, name: &str, value: &str) {
    browser
        .client
        .find(Locator::Css(&format!(
            "input[name='{name}'][value='{value}']"
        )))
        .await
        .unwrap_or_else(|e| panic!("{name}={value}: {e}"))
        .click()
        .await
        .expect("click");
}

pub(crate) async fn fill_questionnaire(browser: &Browser, red_flag: Option<&str>) {
    check_value(browser, "regions", "sciatica").await;
    check_value(browser, "duration", "chronic").await;
    browser
        .client
        .find(Locator::Css("select[name='pain'] option[value='6']"))
        .await
        .expect("pain option")
        .click()
        .await
        .expect("choose pain");
    if let Some(flag) = red_flag {
        check_value(browser, "red_flags", flag).await;
    }
    check_value(browser, "pressure", "medium").await;
    check_value(browser, "goal", "clinical").await;
    let near = browser
        .client
        .find(Locator::Id("near"))
        .await
        .expect("near");
    near.send_keys("78701").await.expect("type");
    browser
        .client
        .find(Locator::Css("form.questionnaire button[type='submit']"))
        .await
        .expect("submit")
        .click()
        .await
        .expect("submit");
}

#[tokio::test]
async fn questionnaire_to_verdict_to_matches_to_profile() {
    let app = TestApp::spawn().await;
    let mut spec = PractitionerSpec::new("journey-match");
    spec.modalities = vec!["trigger_point", "clinical"];
    insert_practitioner(&app.state.db, &spec).await;
    therapist_finder::app::rebuild_index(&app.state)
        .await
        .expect("reindex");
    let browser = Browser::start().await;

    browser
        .client
        .goto(&app.url("/questionnaire"))
        .await
        .expect("open");
    browser.assert_accessible("questionnaire").await;
    fill_questionnaire(&browser, None).await;

    wait_for_h1(&browser, "Here are practitioners who fit your answers").await;
    let why = text_of(&browser, ".why").await;
    assert!(
        why.contains("which fits pain spreading down a leg"),
        "{why}"
    );
    browser.assert_accessible("results").await;

    browser
        .client
        .find(Locator::Css("ol.matches a[href='/p/journey-match']"))
        .await
        .expect("match link")
        .click()
        .await
        .expect("open profile");
    wait_for_h1(&browser, "Test journey-match").await;
    browser.finish().await;
}

#[tokio::test]
async fn a_red_flag_shows_the_stop_page_without_practitioners() {
    let app = TestApp::spawn().await;
    insert_practitioner(&app.state.db, &PractitionerSpec::new("never-shown")).await;
    therapist_finder::app::rebuild_index(&app.state)
        .await
        .expect("reindex");
    let browser = Browser::start().await;
    browser
        .client
        .goto(&app.url("/questionnaire"))
        .await
        .expect("open");
    fill_questionnaire(&browser, Some("saddle_numbness")).await;
    wait_for_h1(&browser, "Please get medical care now").await;
    let page = browser.client.source().await.expect("source");
    assert!(!page.contains("never-shown"));
    assert!(
        browser
            .client
            .find(Locator::Css("ol.matches"))
            .await
            .is_err(),
        "no list"
    );
    browser.assert_accessible("stop page").await;
    browser.finish().await;
}

#[tokio::test]
async fn on_a_phone_steroid_tablets_lead_to_a_doctor_first_with_the_reason_and_the_note() {
    let app = TestApp::spawn().await;
    insert_practitioner(&app.state.db, &PractitionerSpec::new("not-before-a-doctor")).await;
    therapist_finder::app::rebuild_index(&app.state)
        .await
        .expect("reindex");
    let browser = questionnaire_on_a_phone(&app, "/questionnaire", "the questionnaire").await;
    check_value(&browser, "age_band", "50_plus").await;
    fill_questionnaire(&browser, Some("long_term_steroids")).await;
    wait_for_h1(&browser, "Please see a doctor before booking massage").await;
    let verdict = text_of(&browser, ".verdict").await;
    assert!(
        verdict.contains("Long-term steroid tablets can weaken the bones"),
        "{verdict}"
    );
    assert!(
        !browser
            .client
            .source()
            .await
            .expect("source")
            .contains("not-before-a-doctor")
    );
    browser
        .assert_accessible("see a doctor first on a phone")
        .await;
    let url = browser.client.current_url().await.expect("url");
    assert_eq!(
        (url.path(), url.query()),
        ("/match", None),
        "the answers stay out of the address and the history"
    );
    click(&browser, "form[action='/match/note'] button").await;
    wait_for_h1(&browser, "Pre-visit note").await;
    assert_eq!(
        browser.client.current_url().await.expect("url").query(),
        None
    );
    let note = text_of(&browser, "article.note").await;
    assert!(
        note.contains("Please rule out a bone weakened by long-term steroids"),
        "{note}"
    );
    assert!(note.contains("50 or older"), "{note}");
    browser.assert_accessible("pre-visit note on a phone").await;
    browser.finish().await;
}

#[tokio::test]
async fn in_spanish_on_a_phone_a_red_flag_stops_at_the_urgent_page_and_a_precaution_reaches_the_note()
 {
    let app = TestApp::spawn().await;
    let mut spec = PractitionerSpec::new("con-anticoagulantes");
    spec.modalities = vec!["trigger_point", "clinical", "myofascial_release"];
    insert_practitioner(&app.state.db, &spec).await;
    therapist_finder::app::rebuild_index(&app.state)
        .await
        .expect("reindex");
    let browser =
        questionnaire_on_a_phone(&app, "/questionnaire?lang=es", "the Spanish questionnaire").await;
    wait_for_h1(
        &browser,
        "Encuentre el tipo de ayuda adecuado para su dolor",
    )
    .await;
    browser.screenshot("questionnaire-es-390").await;
    fill_questionnaire(&browser, Some("bladder_bowel_change")).await;
    wait_for_h1(&browser, "Busque atención médica ahora").await;
    let verdict = text_of(&browser, ".verdict").await;
    assert!(verdict.contains("No reserve un masaje"), "{verdict}");
    assert!(
        !browser
            .client
            .source()
            .await
            .expect("source")
            .contains("con-anticoagulantes")
    );
    browser
        .assert_accessible("Spanish urgent page on a phone")
        .await;

    // The cookie keeps the language: the plain address answers in Spanish.
    browser
        .client
        .goto(&app.url("/questionnaire"))
        .await
        .expect("open");
    wait_for_h1(
        &browser,
        "Encuentre el tipo de ayuda adecuado para su dolor",
    )
    .await;
    check_value(&browser, "conditions", "blood_thinners").await;
    fill_questionnaire(&browser, None).await;
    wait_for_h1(
        &browser,
        "Estos son los profesionales que se ajustan a sus respuestas",
    )
    .await;
    browser
        .assert_accessible("Spanish matches on a phone")
        .await;
    click(&browser, "form[action='/match/note'] button").await;
    wait_for_h1(&browser, "Nota para la consulta").await;
    let note = text_of(&browser, "article.note").await;
    assert!(note.contains("Usted toma anticoagulantes"), "{note}");
    assert!(note.contains("Para el masajista"), "{note}");
    browser
        .assert_accessible("Spanish pre-visit note on a phone")
        .await;
    browser.finish().await;
}

/// A phone-sized browser on the questionnaire at `path`, checked to fit the screen and
/// to pass axe.
async fn questionnaire_on_a_phone(app: &TestApp, path: &str, name: &str) -> Browser {
    let browser = Browser::start_with(Window::PHONE).await;
    browser.client.goto(&app.url(path)).await.expect("open");
    let (wide, page_width, viewport) = browser.overflowing().await;
    assert!(
        wide.is_empty() && page_width <= viewport,
        "{name} fits a phone: {wide:#?}"
    );
    browser
        .assert_accessible(&format!("{name} on a phone"))
        .await;
    browser
}

/// The text of the first element `css` finds.
pub(crate) async fn text_of(browser: &Browser, css: &str) -> String {
    browser
        .client
        .find(Locator::Css(css))
        .await
        .expect(css)
        .text()
        .await
        .expect("text")
}

pub(crate) async fn fill(browser: &Browser, id: &str, value: &str) {
    let el = browser
        .client
        .find(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("#{id}: {e}"));
    el.clear().await.expect("clear");
    el.send_keys(value).await.expect("type");
}

async fn choose(browser: &Browser, id: &str, value: &str) {
    browser
        .client
        .find(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("#{id}: {e}"))
        .select_by_value(value)
        .await
        .expect("select");
}

/// Waits until the page's main heading reads `expected` (after a navigation).
pub(crate) async fn wait_for_h1(browser: &Browser, expected: &str) {
    let mut last = String::new();
    for _ in 0..100 {
        if let Ok(el) = browser.client.find(Locator::Css("h1")).await {
            last = el.text().await.unwrap_or_default();
            if last == expected {
                return;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("expected the heading {expected:?}, last saw {last:?}");
}

/// Waits until the browser is at a URL containing `arrived`.
pub(crate) async fn wait_for_url(browser: &Browser, arrived: &str) {
    for _ in 0..100 {
        let url = browser.client.current_url().await.expect("url");
        if url.as_str().contains(arrived) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("never arrived at {arrived}");
}

/// Waits until the page's source contains `needle`.
async fn wait_for_text(browser: &Browser, needle: &str) {
    for _ in 0..100 {
        if browser
            .client
            .source()
            .await
            .expect("source")
            .contains(needle)
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the page never showed {needle:?}");
}

/// Logs in on the log-in page as `email` and waits to arrive at `arrived`.
pub(crate) async fn log_in(
    browser: &Browser,
    app: &TestApp,
    email: &str,
    password: &str,
    arrived: &str,
) {
    browser
        .client
        .goto(&app.url("/login"))
        .await
        .expect("login");
    fill(browser, "email", email).await;
    fill(browser, "password", password).await;
    submit(browser, "form.account-form button[type='submit']", arrived).await;
}

/// Clicks a submit button and waits until the browser has arrived at a URL
/// containing `arrived`, so the next step never races the navigation.
pub(crate) async fn submit(browser: &Browser, css: &str, arrived: &str) {
    click(browser, css).await;
    wait_for_url(browser, arrived).await;
}

pub(crate) async fn click(browser: &Browser, css: &str) {
    browser
        .client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .expect("click");
}

#[tokio::test]
async fn a_practitioner_joins_builds_a_profile_publishes_and_is_found() {
    let app = TestApp::spawn().await;
    let browser = Browser::start().await;

    browser
        .client
        .goto(&app.url("/signup"))
        .await
        .expect("open signup");
    browser.assert_accessible("sign up").await;
    fill(&browser, "display_name", "Greta Holm").await;
    fill(&browser, "email", "greta@example.com").await;
    fill(&browser, "password", "a long password 1").await;
    click(&browser, "form.account-form button[type='submit']").await;
    wait_for_h1(&browser, "Check your email").await;

    let (_, body) = crate::support::visitor::last_mail(&app, "greta@example.com").await;
    let link = crate::support::visitor::link_in(&body, "http");
    browser.client.goto(&app.url(&link)).await.expect("verify");
    click(&browser, "main a[href='/login']").await;
    browser.assert_accessible("log in").await;
    fill(&browser, "email", "greta@example.com").await;
    fill(&browser, "password", "a long password 1").await;
    submit(
        &browser,
        "form.account-form button[type='submit']",
        "/dashboard",
    )
    .await;
    wait_for_h1(&browser, "Hello, Greta Holm").await;
    browser.assert_accessible("dashboard").await;

    browser
        .client
        .goto(&app.url("/dashboard/profile"))
        .await
        .expect("editor");
    browser.assert_accessible("profile editor").await;
    fill(&browser, "practice_name", "Holm Myofascial Studio").await;
    fill(
        &browser,
        "bio",
        "Myofascial release and trigger point work for chronic low back pain.",
    )
    .await;
    submit(&browser, "#basics button[type='submit']", "saved=basics").await;
    fill(&browser, "address_line", "500 E 7th St").await;
    fill(&browser, "city", "Austin").await;
    choose(&browser, "state", "TX").await;
    fill(&browser, "postal_code", "78701").await;
    submit(
        &browser,
        "#location button[type='submit']",
        "saved=location",
    )
    .await;
    click(
        &browser,
        "input[name='modalities'][value='myofascial_release']",
    )
    .await;
    click(&browser, "input[name='modalities'][value='trigger_point']").await;
    click(&browser, "input[name='regions'][value='low_back']").await;
    submit(&browser, "#focus button[type='submit']", "saved=focus").await;

    browser
        .client
        .goto(&app.url("/dashboard/training"))
        .await
        .expect("training");
    browser.assert_accessible("training ledger").await;
    fill(&browser, "new-course", "Massage therapy diploma").await;
    fill(&browser, "new-provider", "Austin School of Massage").await;
    fill(&browser, "new-hours", "600").await;
    fill(&browser, "new-completed_on", "05/20/2019").await;
    click(
        &browser,
        "form[action='/dashboard/training'] button[type='submit']",
    )
    .await;
    wait_for_h1(&browser, "Your training ledger: 600 hours").await;

    browser
        .client
        .goto(&app.url("/dashboard/licences"))
        .await
        .expect("licences");
    browser.assert_accessible("licences").await;
    choose(&browser, "new-jurisdiction", "TX").await;
    fill(&browser, "new-number", "MT-777001").await;
    fill(&browser, "new-expires", "12/31/2030").await;
    click(
        &browser,
        "form[action='/dashboard/licences'] button[type='submit']",
    )
    .await;
    wait_for_text(&browser, "Status: pending").await;

    browser
        .client
        .goto(&app.url("/dashboard"))
        .await
        .expect("dashboard");
    submit(
        &browser,
        "form[action='/dashboard/publish'] button",
        "saved=published",
    )
    .await;
    assert!(
        browser
            .client
            .source()
            .await
            .expect("source")
            .contains("Your profile is published")
    );

    app.run_pending_jobs().await;
    browser
        .client
        .goto(&app.url("/search?near=Austin%2C+TX&radius=25"))
        .await
        .expect("search");
    click(&browser, ".cards a").await;
    let page = browser.client.source().await.expect("source");
    for needle in [
        "Greta Holm",
        "Holm Myofascial Studio",
        "500 E 7th St",
        "Training: 600 hours",
        "MT-777001",
        "Myofascial release, Trigger point therapy",
    ] {
        assert!(page.contains(needle), "profile lacks {needle}");
    }
    browser.finish().await;
}

/// An admin logs in, is made to set up an authenticator app (without JavaScript's
/// help: the secret is read as text), keeps the recovery codes, approves one licence
/// and, eleven minutes later, confirms the second factor again to reject another.
#[tokio::test]
async fn an_admin_enrols_an_app_approves_one_licence_and_rejects_another() {
    let app = TestApp::spawn().await;
    therapist_finder::accounts::create_admin(
        &app.state.db,
        "admin@example.com",
        "an admin password",
    )
    .await
    .expect("admin");
    let owner =
        crate::support::visitor::practitioner(&app, "owner@example.com", "Olive Owner").await;
    for (path, fields) in [
        (
            "/dashboard/profile/basics",
            vec![
                ("display_name", "Olive Owner"),
                ("bio", "Clinical massage."),
            ],
        ),
        (
            "/dashboard/profile/location",
            vec![
                ("city", "Austin"),
                ("state", "TX"),
                ("postal_code", "78701"),
            ],
        ),
        (
            "/dashboard/profile/focus",
            vec![("modalities", "clinical"), ("regions", "low_back")],
        ),
        (
            "/dashboard/training",
            vec![
                ("course", "Diploma"),
                ("provider", "School"),
                ("modality", ""),
                ("hours", "600"),
                ("completed_on", "2020-01-01"),
            ],
        ),
        (
            "/dashboard/licences",
            vec![
                ("jurisdiction", "TX"),
                ("number", "MT-424242"),
                ("kind", "state_licence"),
                ("expires_on", "2028-12-31"),
            ],
        ),
        (
            "/dashboard/licences",
            vec![
                ("jurisdiction", "NY"),
                ("number", "NY-1"),
                ("kind", "state_licence"),
                ("expires_on", "2028-12-31"),
            ],
        ),
        ("/dashboard/publish", vec![]),
    ] {
        assert_eq!(owner.post(path, &fields).await.status(), 303, "{path}");
    }
    app.run_pending_jobs().await;

    let browser = Browser::start().await;
    browser
        .client
        .goto(&app.url("/login?next=/admin/licences"))
        .await
        .expect("login");
    fill(&browser, "email", "admin@example.com").await;
    fill(&browser, "password", "an admin password").await;
    // An admin without a second factor is sent to set one up first.
    submit(
        &browser,
        "form.account-form button[type='submit']",
        "/account/second-factor",
    )
    .await;
    wait_for_h1(&browser, "Sign-in security").await;
    browser
        .assert_accessible("an admin asked for a second factor")
        .await;
    click(&browser, "main a.button").await;
    wait_for_h1(&browser, "Set up an authenticator app").await;
    browser.assert_accessible("authenticator enrolment").await;
    let secret = text_of(&browser, ".secret code").await.replace(' ', "");
    fill(
        &browser,
        "code",
        &crate::support::visitor::code_now(&app, &secret),
    )
    .await;
    click(&browser, "form.account-form button[type='submit']").await;
    wait_for_h1(&browser, "Your recovery codes").await;
    browser.assert_accessible("recovery codes").await;
    let codes = browser.client.source().await.expect("source");
    assert_eq!(
        codes.matches("<li><code>").count(),
        10,
        "ten recovery codes"
    );
    click(&browser, "main a.button").await;
    wait_for_url(&browser, "/admin/licences").await;
    wait_for_h1(&browser, "Licence verification queue").await;
    browser.assert_accessible("admin queue").await;

    let first = browser
        .client
        .find(Locator::Css("main article form[action$='/approve'] button"))
        .await
        .expect("approve");
    first.click().await.expect("approve");
    wait_for_url(&browser, "done=approved").await;
    // Eleven minutes later the next decision asks for the second factor again, and
    // goes on with what was typed.
    app.state.clock.advance(chrono::TimeDelta::minutes(11));
    fill(
        &browser,
        &browser_reject_field(&browser).await,
        "Number NY-1 not found on the NY board look-up",
    )
    .await;
    click(&browser, "main article form[action$='/reject'] button").await;
    wait_for_h1(&browser, "Confirm it is you").await;
    browser
        .assert_accessible("the step-up before a decision")
        .await;
    fill(
        &browser,
        "code",
        &crate::support::visitor::code_now(&app, &secret),
    )
    .await;
    submit(
        &browser,
        "form.account-form button[type='submit']",
        "done=rejected",
    )
    .await;
    browser
        .assert_accessible("admin queue after decisions")
        .await;
    for page in [
        "/admin",
        "/admin/rosters",
        "/admin/reports",
        "/admin/practitioners",
        "/admin/audit",
    ] {
        browser.client.goto(&app.url(page)).await.expect("open");
        browser.assert_accessible(page).await;
    }

    app.run_pending_jobs().await;
    let today = chrono::Utc::now().date_naive().to_string();
    browser
        .client
        .goto(&app.url("/search?near=78701&radius=10"))
        .await
        .expect("search");
    let results = browser.client.source().await.expect("source");
    assert!(
        results.contains("Verified licence TX MT-424242"),
        "search shows it verified"
    );
    click(&browser, ".cards a").await;
    wait_for_h1(&browser, "Olive Owner").await;
    let profile = browser.client.source().await.expect("source");
    assert!(
        profile.contains(&format!("On {today}, checked by an admin")),
        "the profile shows the date and how"
    );
    browser.finish().await;

    let dashboard = owner.page("/dashboard").await;
    assert!(dashboard.contains(
        "Licence NY NY-1 was not verified: Number NY-1 not found on the NY board look-up"
    ));
}

/// The id of the reason field of the first queue item that is still pending.
async fn browser_reject_field(browser: &Browser) -> String {
    browser
        .client
        .find(Locator::Css("main article input[name='reason']"))
        .await
        .expect("reason field")
        .attr("id")
        .await
        .expect("attr")
        .expect("id")
}

/// A 1×1 PNG, the tile a test tile server answers with.
const TILE: [u8; 68] = [
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 4, 0,
    0, 0, 181, 28, 12, 2, 0, 0, 0, 11, 73, 68, 65, 84, 120, 218, 99, 100, 96, 0, 0, 0, 6, 0, 2, 48,
    129, 208, 47, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

/// Twelve practitioners around central Austin, one with a long training ledger and a
/// long practice name, as a phone must show without running off the screen.
async fn austin_directory(app: &TestApp) {
    for i in 0..12 {
        let mut spec = PractitionerSpec::new(&format!("map-{i:02}"));
        spec.lat = 30.2672 + 0.02 * (i as f64 * 2.4).sin() * (1.0 + i as f64 / 4.0);
        spec.lng = -97.7431 + 0.02 * (i as f64 * 2.4).cos() * (1.0 + i as f64 / 4.0);
        if i == 0 {
            spec.practice_name = Some(
                "Northwestern Comprehensive Myofascial and Neuromuscular Therapy Associates".into(),
            );
            spec.training_hours = vec![500, 120, 48, 36, 24, 16];
            spec.accessibility = vec!["step_free", "adjustable_table", "scent_free"];
        }
        insert_practitioner(&app.state.db, &spec).await;
    }
    therapist_finder::app::rebuild_index(&app.state)
        .await
        .expect("reindex");
}

const MATCH: &str = "/match?regions=low_back&duration=chronic&pain=5&conditions=blood_thinners&pressure=medium&goal=clinical&near=78701";

#[tokio::test]
async fn search_profile_and_match_pages_fit_a_phone_and_a_desktop_with_the_map_and_without_javascript()
 {
    let app = TestApp::spawn().await;
    austin_directory(&app).await;
    let long_near = format!("/search?near={}", "Springfield".repeat(400));
    for (window, width) in [(Window::DESKTOP, "1280"), (Window::PHONE, "390")] {
        let browser = Browser::start_with(window).await;
        for (path, name) in [
            ("/search?near=78701", "search"),
            ("/p/map-00", "profile"),
            (MATCH, "match"),
            (long_near.as_str(), "long-value"),
        ] {
            browser.client.goto(&app.url(path)).await.expect("open");
            let (wide, page_width, viewport) = browser.overflowing().await;
            assert_eq!(
                viewport,
                width.parse::<i64>().expect("width"),
                "{name}: the viewport is the window's width"
            );
            assert!(
                wide.is_empty() && page_width <= viewport,
                "{name} at {width} px: wider than the viewport ({page_width} > {viewport}): {wide:#?}"
            );
            browser
                .assert_accessible(&format!("{name} at {width} px"))
                .await;
            if name != "long-value" {
                let map = browser
                    .client
                    .find(Locator::Css("figure.map svg.map-svg"))
                    .await
                    .unwrap_or_else(|e| panic!("{name}: the map ({e})"));
                assert!(map.is_displayed().await.expect("displayed"), "{name}");
                browser.screenshot(&format!("{name}-{width}")).await;
                if window.phone && name != "profile" {
                    let below = if name == "search" {
                        "#results-heading"
                    } else {
                        "#matches-heading"
                    };
                    browser
                        .screenshot_from(&format!("{name}-{width}-results"), Some(below))
                        .await;
                    browser
                        .screenshot_from(&format!("{name}-{width}-map"), Some("#map"))
                        .await;
                }
            }
        }
        // The pins carry the list's numbers.
        browser
            .client
            .goto(&app.url("/search?near=78701"))
            .await
            .expect("open");
        let pins = browser
            .client
            .find_all(Locator::Css("g.map-pin"))
            .await
            .expect("pins");
        let cards = browser
            .client
            .find_all(Locator::Css("article.card"))
            .await
            .expect("cards");
        assert_eq!((pins.len(), cards.len()), (12, 12));
        browser.finish().await;
    }

    let browser = Browser::start_with(Window {
        javascript: false,
        ..Window::PHONE
    })
    .await;
    browser
        .client
        .goto(&app.url("/search?near=78701"))
        .await
        .expect("open");
    let map = browser
        .client
        .find(Locator::Css("figure.map svg.map-svg"))
        .await
        .expect("the drawn map needs no script");
    assert!(map.is_displayed().await.expect("displayed"));
    assert_eq!(
        browser
            .client
            .find_all(Locator::Css("g.map-pin"))
            .await
            .expect("pins")
            .len(),
        12
    );
    let locate = browser
        .client
        .find(Locator::Css("button.locate"))
        .await
        .expect("button");
    assert!(
        !locate.is_displayed().await.expect("displayed"),
        "scripts really are off: the location button stays hidden"
    );
    browser.finish().await;
}

#[tokio::test]
async fn with_a_tile_server_configured_the_map_becomes_a_street_map_of_the_same_pins() {
    use std::sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    };
    let served = Arc::new(AtomicUsize::new(0));
    let counter = served.clone();
    let tiles = axum::Router::new().route(
        "/{z}/{x}/{y}",
        axum::routing::get(move || {
            counter.fetch_add(1, Ordering::SeqCst);
            async {
                (
                    [(axum::http::header::CONTENT_TYPE, "image/png")],
                    TILE.to_vec(),
                )
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let origin = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, tiles).await });
    let template = format!("{origin}/{{z}}/{{x}}/{{y}}");
    let app = TestApp::spawn_with(|c| {
        c.map_tiles_url = Some(therapist_finder::config::TilesUrl {
            template,
            origin: origin.clone(),
        });
        c.map_tiles_attribution = "Test tiles".into();
    })
    .await;
    austin_directory(&app).await;
    for window in [Window::DESKTOP, Window::PHONE] {
        let browser = Browser::start_with(window).await;
        browser
            .client
            .goto(&app.url("/search?near=78701"))
            .await
            .expect("open");
        let mut pins = Vec::new();
        for _ in 0..100 {
            pins = browser
                .client
                .find_all(Locator::Css(".leaflet-container .street-pin"))
                .await
                .expect("pins");
            if pins.len() == 12 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(pins.len(), 12, "the street map has the same 12 pins");
        assert_eq!(pins[0].text().await.expect("text"), "1");
        let svg = browser
            .client
            .find(Locator::Css("figure.map svg.map-svg"))
            .await
            .expect("the drawn map stays in the page");
        assert!(!svg.is_displayed().await.expect("displayed"));
        wait_for_text(&browser, "Test tiles").await;
        browser.assert_accessible("street map").await;
        let (wide, page_width, viewport) = browser.overflowing().await;
        assert!(wide.is_empty() && page_width <= viewport, "{wide:#?}");
        browser.finish().await;
    }
    assert!(
        served.load(Ordering::SeqCst) > 0,
        "tiles came from the configured server, through the page's policy"
    );
}

#[tokio::test]
async fn every_field_and_button_is_a_44_px_touch_target_on_a_phone() {
    let app = TestApp::spawn().await;
    let mut spec = PractitionerSpec::new("touch-targets");
    spec.modalities = vec!["trigger_point", "clinical"];
    insert_practitioner(&app.state.db, &spec).await;
    therapist_finder::app::rebuild_index(&app.state)
        .await
        .expect("reindex");
    let browser = Browser::start_with(Window::PHONE).await;
    for path in [
        "/signup",
        "/login",
        "/questionnaire",
        "/search?near=78701",
        "/p/touch-targets",
    ] {
        browser.client.goto(&app.url(path)).await.expect("open");
        let small = browser
            .client
            .execute(
                "return [...document.querySelectorAll('input, select, textarea, button, a.button')]
                   .filter(e => !['checkbox', 'radio', 'hidden'].includes(e.type))
                   .filter(e => e.offsetParent !== null && !e.closest('.hp'))
                   .filter(e => e.getBoundingClientRect().height < 44)
                   .map(e => e.outerHTML.slice(0, 120));",
                vec![],
            )
            .await
            .expect("measure");
        assert_eq!(small, serde_json::json!([]), "{path}: smaller than 44 px");
    }
    browser.finish().await;
}

#[tokio::test]
async fn on_a_phone_the_first_result_shows_before_the_filters_which_open_on_request() {
    let app = TestApp::spawn().await;
    austin_directory(&app).await;
    let browser = Browser::start_with(Window::PHONE).await;
    browser
        .client
        .goto(&app.url("/search?near=78701&modality=clinical"))
        .await
        .expect("open");
    let top = |selector: &'static str| {
        let client = browser.client.clone();
        async move {
            client
                .execute(
                    "const e = document.querySelector(arguments[0]);
                     return e && e.checkVisibility() ? e.getBoundingClientRect().top : null;",
                    vec![serde_json::json!(selector)],
                )
                .await
                .expect("measure")
        }
    };
    let first = top("article.card").await.as_f64().expect("a result");
    assert!(
        first < 844.0,
        "the first result is on the first screen, at {first} px"
    );
    assert!(
        top("input[name=modality]").await.is_null(),
        "the filters are folded away"
    );
    let refine = browser
        .client
        .find(Locator::Css("details.refine > summary"))
        .await
        .expect("refine");
    assert!(
        refine
            .text()
            .await
            .expect("text")
            .contains("Change the place, radius or filters")
    );
    refine.click().await.expect("open the form");
    assert!(top("#near").await.is_number(), "the place field shows");
    let more = browser
        .client
        .find(Locator::Css("details.more-filters > summary"))
        .await
        .expect("more filters");
    assert_eq!(more.text().await.expect("text"), "More filters (1 chosen)");
    more.click().await.expect("open the filters");
    assert!(top("input[name=modality]").await.is_number());
    browser.finish().await;
}

#[tokio::test]
async fn every_dashboard_page_fits_a_phone_without_sideways_scrolling() {
    let app = TestApp::spawn().await;
    let owner =
        crate::support::visitor::practitioner(&app, "narrow@example.com", "Nora Narrow").await;
    for (path, fields) in [
        (
            "/dashboard/profile/basics",
            vec![
                ("display_name", "Nora Narrow"),
                (
                    "practice_name",
                    "A Practice Whose Name Is Long Enough To Wrap Twice Over",
                ),
                ("bio", "Clinical massage for low back pain and sciatica."),
            ],
        ),
        (
            "/dashboard/profile/location",
            vec![
                ("city", "Austin"),
                ("state", "TX"),
                ("postal_code", "78701"),
            ],
        ),
        (
            "/dashboard/profile/focus",
            vec![("modalities", "clinical"), ("regions", "low_back")],
        ),
        (
            "/dashboard/training",
            vec![
                (
                    "course",
                    "Advanced myofascial release and trigger point therapy",
                ),
                ("provider", "Austin School of Massage Therapy and Bodywork"),
                ("modality", ""),
                ("hours", "600"),
                ("completed_on", "2020-01-01"),
            ],
        ),
        (
            "/dashboard/licences",
            vec![
                ("jurisdiction", "TX"),
                ("number", "MT-424242"),
                ("kind", "state_licence"),
                ("expires_on", "2028-12-31"),
            ],
        ),
        (
            "/dashboard/hours",
            vec![
                ("mon", "9:00-12:00, 13:00-17:00"),
                ("wed", "9:00-12:00, 13:00-17:00"),
                ("lengths", "30"),
                ("lengths", "60"),
                ("lengths", "90"),
                ("buffer_minutes", "15"),
                ("horizon_days", "60"),
                ("notice_hours", "12"),
                ("time_off", "2026-12-24 to 2026-12-26"),
            ],
        ),
        (
            "/dashboard/outcomes",
            vec![
                ("session_date", "2026-01-05"),
                ("region", "low_back"),
                ("pain_before", "7"),
                ("pain_after", "3"),
            ],
        ),
        ("/dashboard/publish", vec![]),
    ] {
        assert_eq!(owner.post(path, &fields).await.status(), 303, "{path}");
    }
    app.run_pending_jobs().await;
    let browser = Browser::start_with(Window::PHONE).await;
    // Not `/login?next=/dashboard`: that address already holds "/dashboard", and the
    // wait below would end before the log-in had.
    log_in(
        &browser,
        &app,
        "narrow@example.com",
        "a long password 1",
        "/dashboard",
    )
    .await;
    for path in [
        "/dashboard",
        "/dashboard/profile",
        "/dashboard/training",
        "/dashboard/licences",
        "/dashboard/outcomes",
        "/dashboard/hours",
        "/dashboard/inbox",
        "/account/password",
    ] {
        browser.client.goto(&app.url(path)).await.expect("open");
        let url = browser.client.current_url().await.expect("url");
        assert_eq!(url.path(), path, "signed in, the page itself");
        let (wide, page_width, viewport) = browser.overflowing().await;
        assert_eq!(viewport, 390);
        assert!(
            wide.is_empty() && page_width <= viewport,
            "{path} at 390 px: wider than the viewport ({page_width} > {viewport}): {wide:#?}"
        );
        browser
            .assert_accessible(&format!("{path} on a phone"))
            .await;
    }
    browser.finish().await;
}
