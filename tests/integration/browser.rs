//! Browser tests in real Chromium: the smoke test (home, profile) and both
//! questionnaire journeys; axe finds no serious or critical violations.

use fantoccini::Locator;

use crate::support::{
    TestApp,
    browser::Browser,
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
    let heading = browser
        .client
        .find(Locator::Css("h1"))
        .await
        .expect("h1")
        .text()
        .await
        .expect("text");
    assert!(heading.contains("clinical massage therapist"), "{heading}");
    browser.assert_accessible("home").await;

    browser
        .client
        .find(Locator::Css("a[href='/p/smoke-test']"))
        .await
        .expect("profile link")
        .click()
        .await
        .expect("click");
    let title = browser
        .client
        .find(Locator::Css("h1"))
        .await
        .expect("h1")
        .text()
        .await
        .expect("text");
    assert_eq!(title, "Test smoke-test");
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

async fn check_value(browser: &Browser, name: &str, value: &str) {
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

async fn fill_questionnaire(browser: &Browser, red_flag: Option<&str>) {
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

    let heading = browser
        .client
        .find(Locator::Css("h1"))
        .await
        .expect("h1")
        .text()
        .await
        .expect("text");
    assert_eq!(heading, "Here are practitioners who fit your answers");
    let why = browser
        .client
        .find(Locator::Css(".why"))
        .await
        .expect("reasons")
        .text()
        .await
        .expect("text");
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
    let title = browser
        .client
        .find(Locator::Css("h1"))
        .await
        .expect("h1")
        .text()
        .await
        .expect("text");
    assert_eq!(title, "Test journey-match");
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
    let heading = browser
        .client
        .find(Locator::Css("h1"))
        .await
        .expect("h1")
        .text()
        .await
        .expect("text");
    assert_eq!(heading, "Please get medical care now");
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
