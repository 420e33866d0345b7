//! Browser smoke test: real Chromium loads the home page and a profile; axe finds no
//! serious or critical violations.

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
