//! What it costs, in a real browser on a phone: a practitioner prices sessions, takes
//! HSA/FSA cards and prints a receipt twice with one number; a person narrows a search
//! by cost and prepares a letter of medical necessity for a plain chronic low-back
//! answer and for a "see a doctor first". Every page fits 390 px and passes axe.

use fantoccini::{Locator, wd::PrintConfiguration};
use sea_orm::EntityTrait;
use therapist_finder::entities::practitioner;

use crate::{
    browser::{check_value, click, fill, log_in, submit, text_of, wait_for_h1, wait_for_url},
    receipts::{monday_evening, practice, visit_of},
    support::{
        TestApp,
        browser::{Browser, Window},
        builders::{PractitionerSpec, insert_practitioner},
    },
};

/// Checks the page fits a phone and passes axe.
async fn fits(browser: &Browser, name: &str) {
    let (wide, page_width, viewport) = browser.overflowing().await;
    assert!(
        wide.is_empty() && page_width <= viewport,
        "{name} at {viewport} px: {page_width} wide: {wide:#?}"
    );
    browser
        .assert_accessible(&format!("{name} on a phone"))
        .await;
}

/// The page printed to PDF as Chromium prints it; its page count.
async fn printed_pages(browser: &Browser) -> usize {
    let pdf = browser
        .client
        .print(PrintConfiguration::default())
        .await
        .expect("print");
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    let text = String::from_utf8_lossy(&pdf);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
}

#[tokio::test]
async fn on_a_phone_a_practitioner_prices_sessions_and_prints_a_receipt_twice_with_one_number() {
    let app = TestApp::spawn().await;
    app.state.clock.set(monday_evening());
    let (_, id, _) = practice(&app, "phone-rx@example.com", "Pia Lund").await;
    let visit = visit_of(
        &app,
        id,
        monday_evening() - chrono::TimeDelta::hours(4),
        "accepted",
        "Jordan Lee",
    )
    .await;
    let browser = Browser::start_with(Window::PHONE).await;
    log_in(
        &browser,
        &app,
        "phone-rx@example.com",
        "a long password 1",
        "/dashboard",
    )
    .await;

    // Prices and payment.
    browser
        .client
        .goto(&app.url("/dashboard/payment"))
        .await
        .expect("payment");
    fits(&browser, "prices and payment").await;
    fill(&browser, "price_30", "55").await;
    fill(&browser, "price_60", "105").await;
    check_value(&browser, "payment", "hsa_fsa").await;
    check_value(&browser, "payment", "itemised_receipts").await;
    fill(&browser, "npi", "1234567893").await;
    submit(&browser, "form.panel button[type='submit']", "saved=1").await;
    fits(&browser, "prices saved").await;
    let stored = practitioner::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("row");
    assert_eq!(stored.prices, "30:55,60:105");
    assert!(stored.payment.contains("hsa_fsa"), "{}", stored.payment);
    app.run_pending_jobs().await;

    // From the inbox to a receipt for the visit, filled with the new 60-minute price.
    browser
        .client
        .goto(&app.url("/dashboard/inbox"))
        .await
        .expect("inbox");
    click(
        &browser,
        &format!("a[href^='/dashboard/receipts?visit={visit}']"),
    )
    .await;
    wait_for_h1(&browser, "Receipts").await;
    let amount = browser
        .client
        .find(Locator::Id("amount"))
        .await
        .expect("amount")
        .prop("value")
        .await
        .expect("value");
    assert_eq!(amount.as_deref(), Some("105"));
    fits(&browser, "the receipt form").await;
    browser
        .client
        .find(Locator::Id("paid_by"))
        .await
        .expect("paid by")
        .select_by_value("hsa_fsa")
        .await
        .expect("choose");
    fill(&browser, "diagnosis_code", "M54.50").await;
    submit(
        &browser,
        "#new button[type='submit']",
        "/dashboard/receipts/1",
    )
    .await;
    wait_for_h1(&browser, "Receipt no. 000001").await;
    fits(&browser, "a receipt").await;
    let first = text_of(&browser, "article.receipt").await;
    assert!(
        first.contains("105.00 USD") && first.contains("M54.50"),
        "{first}"
    );
    assert_eq!(
        printed_pages(&browser).await,
        1,
        "a receipt prints on one page"
    );

    // Printed again from the list: the same number and the same words.
    browser
        .client
        .goto(&app.url("/dashboard/receipts"))
        .await
        .expect("list");
    fits(&browser, "the receipts list").await;
    click(&browser, "a[href='/dashboard/receipts/1']").await;
    wait_for_h1(&browser, "Receipt no. 000001").await;
    assert_eq!(text_of(&browser, "article.receipt").await, first);
    assert_eq!(printed_pages(&browser).await, 1);
    browser.finish().await;
}

#[tokio::test]
async fn on_a_phone_cost_filters_narrow_the_search_and_a_letter_is_prepared_for_the_doctor() {
    let app = TestApp::spawn().await;
    for (slug, name, prices, payment) in [
        ("hsa-fair", "Hana Fairprice", "60:90", "cash,hsa_fsa"),
        ("cash-cheap", "Carl Cheap", "60:70", "cash"),
        ("hsa-dear", "Dora Dear", "60:150", "card,hsa_fsa"),
    ] {
        let mut spec = PractitionerSpec::new(slug);
        spec.display_name = name.into();
        spec.prices = prices;
        spec.payment = payment;
        insert_practitioner(&app.state.db, &spec).await;
    }
    therapist_finder::app::rebuild_index(&app.state)
        .await
        .expect("reindex");
    let browser = Browser::start_with(Window::PHONE).await;

    // The search page's cost filters, under "More filters".
    browser
        .client
        .goto(&app.url("/search?near=78701"))
        .await
        .expect("search");
    let all = browser.client.source().await.expect("source");
    for name in ["Hana Fairprice", "Carl Cheap", "Dora Dear"] {
        assert!(all.contains(name), "{name} before filtering");
    }
    click(&browser, "details.refine > summary").await;
    click(&browser, "details.more-filters > summary").await;
    check_value(&browser, "hsa_fsa", "on").await;
    fill(&browser, "max_price_60", "100").await;
    submit(
        &browser,
        "form.search-form button[type='submit']",
        "max_price_60=100",
    )
    .await;
    let page = browser.client.source().await.expect("source");
    assert!(
        page.contains("Hana Fairprice"),
        "takes HSA/FSA, 90 for an hour"
    );
    assert!(
        !page.contains("Carl Cheap") && !page.contains("Dora Dear"),
        "filtered out"
    );
    fits(&browser, "search with cost filters").await;

    // A plain chronic low-back answer asking for HSA/FSA: matches, then the letter.
    browser
        .client
        .goto(&app.url("/questionnaire"))
        .await
        .expect("questionnaire");
    check_value(&browser, "regions", "low_back").await;
    check_value(&browser, "duration", "chronic").await;
    browser
        .client
        .find(Locator::Css("select[name='pain'] option[value='6']"))
        .await
        .expect("pain")
        .click()
        .await
        .expect("choose pain");
    check_value(&browser, "pressure", "medium").await;
    check_value(&browser, "goal", "clinical").await;
    check_value(&browser, "hsa_fsa", "on").await;
    fill(&browser, "near", "78701").await;
    click(&browser, "form.questionnaire button[type='submit']").await;
    wait_for_h1(&browser, "Here are practitioners who fit your answers").await;
    let results = browser.client.source().await.expect("source");
    assert!(results.contains("Hana Fairprice") && results.contains("Dora Dear"));
    assert!(!results.contains("Carl Cheap"), "no HSA/FSA card");
    click(&browser, "form[action='/match/letter'] button").await;
    wait_for_h1(&browser, "Letter of medical necessity for massage therapy").await;
    let letter = text_of(&browser, "article.letter").await;
    assert!(letter.contains("Low back"), "{letter}");
    assert!(
        !letter.contains("First, the doctor is asked to rule out"),
        "{letter}"
    );
    fits(&browser, "the letter for chronic low back").await;
    assert!(
        printed_pages(&browser).await <= 2,
        "the letter prints on two pages at most"
    );

    // Long-term steroid tablets: see a doctor first, and the letter asks the rule-out.
    browser
        .client
        .goto(&app.url("/questionnaire"))
        .await
        .expect("questionnaire");
    check_value(&browser, "age_band", "50_plus").await;
    crate::browser::fill_questionnaire(&browser, Some("long_term_steroids")).await;
    wait_for_h1(&browser, "Please see a doctor before booking massage").await;
    click(&browser, "form[action='/match/letter'] button").await;
    wait_for_h1(&browser, "Letter of medical necessity for massage therapy").await;
    let letter = text_of(&browser, "article.letter").await;
    assert!(
        letter.contains("First, the doctor is asked to rule out"),
        "{letter}"
    );
    assert!(letter.contains("steroids"), "{letter}");
    fits(&browser, "the letter after see a doctor first").await;
    wait_for_url(&browser, "/match/letter").await;
    browser.finish().await;
}
