//! Places as people type them: the spelling corpus through the JSON API and the search
//! page, on whichever backend the suite runs against.

use serde_json::Value;
use therapist_finder::geocoding::typed::normalise;

use crate::support::{
    TestApp,
    builders::{PractitionerSpec, insert_practitioner},
};

/// The corpus: `(text, kind, label)` with kind `=` (found), `*` (one of several) or
/// `?` (a "did you mean" choice).
fn corpus() -> Vec<(&'static str, char, &'static str)> {
    include_str!("../fixtures/place-spellings.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|line| {
            let (input, expected) = line.split_once('\t').expect("a tab");
            let kind = expected.chars().next().expect("a kind");
            (input, kind, &expected[2..])
        })
        .collect()
}

fn query(near: &str) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .append_pair("near", near)
        .finish()
}

#[tokio::test]
async fn the_api_reads_every_spelling_in_the_corpus() {
    let app = TestApp::spawn().await;
    insert_practitioner(&app.state.db, &PractitionerSpec::new("austin-clinic")).await;
    therapist_finder::app::rebuild_index(&app.state)
        .await
        .expect("reindex");
    let corpus = corpus();
    assert!(corpus.len() >= 200, "{} spellings", corpus.len());
    let mut wrong = Vec::new();
    for (input, kind, label) in &corpus {
        let res = app
            .get(&format!("/api/v1/practitioners?{}", query(input)))
            .await;
        let status = res.status().as_u16();
        let body: Value = res.json().await.expect("json");
        let ok = match kind {
            '=' => {
                status == 200
                    && body["location"]["label"]
                        .as_str()
                        .is_some_and(|got| normalise(got) == normalise(label))
            }
            '*' | '?' => {
                let message = body["error"]["fields"]["near"].as_str().unwrap_or("");
                let says = if *kind == '*' {
                    "several places"
                } else {
                    "did you mean"
                };
                status == 422
                    && message.contains(says)
                    && normalise(message).contains(&normalise(label))
            }
            other => panic!("unknown kind {other}"),
        };
        if !ok {
            wrong.push(format!("{input:?} {kind} {label}: {status} {body}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let res = app.get("/api/v1/practitioners?near=austin%20tx").await;
    let body: Value = res.json().await.expect("json");
    assert_eq!(
        body["results"][0]["slug"], "austin-clinic",
        "a place typed loosely still finds the practitioner there: {body}"
    );
}

#[tokio::test]
async fn the_search_page_offers_did_you_mean_links_and_never_guesses() {
    let app = TestApp::spawn().await;
    let res = app.get("/search?near=Austn%20TX").await;
    assert_eq!(res.status(), 200, "a form page with the field marked");
    let body = res.text().await.expect("body");
    assert!(
        body.contains("We could not find &quot;Austn TX&quot;. Did you mean"),
        "{body}"
    );
    assert!(
        body.contains(r#"href="/search?near=Austin%2C+TX"#),
        "the choice is a link that searches there: {body}"
    );
    let res = app.get("/search?near=Austin%2C+TX").await;
    assert_eq!(res.status(), 200);
    let res = app.get("/search?near=Xyzzyville%2C+TX").await;
    let body = res.text().await.expect("body");
    assert!(body.contains("Try a 5-digit ZIP code"), "{body}");
    assert!(!body.contains("Did you mean"));
}
