//! The questionnaire and results pages, without a browser.

use crate::support::{
    TestApp,
    builders::{PractitionerSpec, insert_practitioner},
    visitor::Visitor,
};

const ANSWERS: &str = "regions=sciatica&regions=low_back&duration=chronic&pain=5&pressure=medium&goal=clinical&near=78701&radius=25&unit=km";

/// Query-string answers as form pairs.
fn pairs(query: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

/// Sends the questionnaire by POST, as the form does.
async fn submit(v: &Visitor, path: &str, answers: &str) -> reqwest::Response {
    let fields = pairs(answers);
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    v.post(path, &fields).await
}

/// The fields of the form on `page` whose button reads `button`: what a press sends.
fn form_with_button(page: &str, button: &str) -> (String, Vec<(String, String)>) {
    let at = page.find(&format!(">{button}</button>")).expect(button);
    let start = page[..at].rfind("<form").expect("a form around the button");
    let form = &page[start..at];
    let attr = |tag: &str, name: &str| -> String {
        let key = format!("{name}=\"");
        let from = tag.find(&key).expect(name) + key.len();
        let raw = &tag[from..from + tag[from..].find('"').expect("end")];
        raw.replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    };
    let action = attr(form, "action");
    let fields = form
        .split("<input ")
        .skip(1)
        .filter(|tag| tag.starts_with("type=\"hidden\""))
        .map(|tag| (attr(tag, "name"), attr(tag, "value")))
        .collect();
    (action, fields)
}

/// Presses the button: posts its form's fields (its own token among them).
async fn press(v: &Visitor, page: &str, button: &str) -> String {
    let (action, fields) = form_with_button(page, button);
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = v.post_raw(&action, &fields).await;
    assert_eq!(res.status(), 200, "{button}");
    res.text().await.expect("body")
}

async fn seeded() -> TestApp {
    let app = TestApp::spawn().await;
    let mut spec = PractitionerSpec::new("glute-specialist");
    spec.modalities = vec!["trigger_point", "clinical"];
    insert_practitioner(&app.state.db, &spec).await;
    therapist_finder::app::rebuild_index(&app.state)
        .await
        .expect("reindex");
    app
}

#[tokio::test]
async fn questionnaire_page_asks_every_question_on_one_screen() {
    let app = seeded().await;
    let res = app.get("/questionnaire").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let body = res.text().await.expect("body");
    for needle in [
        "name=\"regions\"",
        "name=\"duration\"",
        "name=\"pain\"",
        "name=\"red_flags\"",
        "name=\"conditions\"",
        "name=\"pressure\"",
        "name=\"goal\"",
        "name=\"near\"",
        "name=\"radius\"",
        "saddle_numbness",
        "blood_thinners",
    ] {
        assert!(body.contains(needle), "missing {needle}");
    }
}

#[tokio::test]
async fn safe_answers_show_ranked_explained_matches_and_the_notice() {
    let app = seeded().await;
    let v = Visitor::new(&app);
    let res = submit(&v, "/match", ANSWERS).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let body = res.text().await.expect("body");
    assert!(body.contains("Here are practitioners who fit your answers"));
    assert!(body.contains("This finder does not diagnose"));
    assert!(body.contains("href=\"/p/glute-specialist\""));
    assert!(body.contains("Why this match"));
    assert!(
        body.contains("Trigger point therapy, which fits low back"),
        "{body}"
    );
    // The only address with a query is the other language's, which the answers are
    // sent to in a form's body.
    assert!(
        body.matches("/match?").count() == body.matches("/match?lang=").count()
            && !body.contains("regions=sciatica"),
        "no link holds the answers until one is asked for"
    );
    let shared = press(&v, &body, "Make a link to share this result").await;
    let start = shared.find("id=\"share-link\"").expect("the link");
    let link = &shared[start..start + shared[start..].find('>').expect("end")];
    assert!(
        link.contains(&format!("{}/match?regions=sciatica", app.state.public_url)),
        "{link}"
    );
    assert!(shared.contains("It holds your answers: where it hurts, for how long and how much;"));
    assert!(
        !shared.contains("the warning signs you ticked"),
        "it says only what it holds"
    );
    assert!(shared.contains("share it only with people you trust"));
    // The link opens the same result.
    let opened = v
        .page(&link[link.find("/match?").expect("path")..link.len() - 1].replace("&amp;", "&"))
        .await;
    assert!(opened.contains("href=\"/p/glute-specialist\""));
}

#[tokio::test]
async fn the_questionnaire_is_posted_and_needs_the_visitors_own_token() {
    let app = seeded().await;
    let v = Visitor::new(&app);
    let form = v.page("/questionnaire").await;
    assert!(form.contains(r#"<form class="questionnaire" id="questionnaire" action="/match" method="post" novalidate>"#));
    let fields = pairs(ANSWERS);
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(v.post_raw("/match", &fields).await.status(), 403);
    let with_flag = format!("{ANSWERS}&red_flags=fever&conditions=pregnancy");
    let body = submit(&v, "/match", &with_flag)
        .await
        .text()
        .await
        .expect("body");
    let shared = press(&v, &body, "Make a link to share this result").await;
    assert!(
        shared.contains("the warning signs you ticked; the health conditions you ticked"),
        "the link says it holds the red flags and the pregnancy"
    );
}

#[tokio::test]
async fn red_flag_shows_the_stop_page_and_no_practitioners() {
    let app = seeded().await;
    let v = Visitor::new(&app);
    let body = submit(
        &v,
        "/match",
        &format!("{ANSWERS}&red_flags=bladder_bowel_change&cleared_by_doctor=1"),
    )
    .await
    .text()
    .await
    .expect("body");
    assert!(body.contains("Please get medical care now"));
    assert!(body.contains("bladder or bowel control"));
    assert!(
        !body.contains("/p/glute-specialist"),
        "no practitioners on the stop page"
    );
    assert!(
        !body.contains("A doctor has seen me"),
        "no clearance path for urgent"
    );
}

#[tokio::test]
async fn see_doctor_first_offers_the_clearance_path() {
    let app = seeded().await;
    let v = Visitor::new(&app);
    let body = submit(&v, "/match", &format!("{ANSWERS}&red_flags=fever"))
        .await
        .text()
        .await
        .expect("body");
    assert!(body.contains("Please see a doctor before booking massage"));
    assert!(!body.contains("/p/glute-specialist"));
    let (action, fields) = form_with_button(&body, "A doctor has seen me and said massage is fine");
    assert_eq!(action, "/match");
    assert!(fields.contains(&("cleared_by_doctor".into(), "1".into())));
    assert!(fields.contains(&("red_flags".into(), "fever".into())));
    let cleared = press(&v, &body, "A doctor has seen me and said massage is fine").await;
    assert!(cleared.contains("Your doctor has cleared you"));
    assert!(
        cleared.contains("Bring your doctor&#39;s advice")
            || cleared.contains("Bring your doctor's advice")
    );
    assert!(cleared.contains("/p/glute-specialist"));
}

#[tokio::test]
async fn invalid_answers_come_back_with_messages_and_nothing_lost() {
    let app = seeded().await;
    let res = app
        .get("/match?regions=neck&pain=11&duration=chronic&near=Austin%2C+TX&conditions=pregnancy")
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.expect("body");
    assert!(body.contains("Must be a whole number from 0 to 10"));
    assert!(body.contains("Choose a pressure"));
    assert!(body.contains("value=\"neck\" checked"), "region kept");
    assert!(
        body.contains("value=\"pregnancy\" checked"),
        "condition kept"
    );
    assert!(body.contains("value=\"Austin, TX\""), "place kept");
}

#[tokio::test]
async fn an_ambiguous_place_offers_choices() {
    let app = seeded().await;
    let res = app.get("/match?regions=neck&pain=3&duration=acute&pressure=light&goal=clinical&near=Springfield").await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.expect("body");
    assert!(body.contains("Which place did you mean?"));
    assert!(
        body.contains(
            r#"form="questionnaire" class="secondary" name="near_choice" value="Springfield, IL">"#
        ),
        "each place is a button that sends the form again with it: {body}"
    );
    let v = Visitor::new(&app);
    let res = submit(
        &v,
        "/match",
        "regions=neck&pain=3&duration=acute&pressure=light&goal=clinical&near=Springfield&near_choice=Springfield%2C+IL",
    )
    .await;
    assert_eq!(res.status(), 200);
    let body = res.text().await.expect("body");
    assert!(body.contains("Your matches near Springfield, IL"), "{body}");
    assert!(
        body.contains(r#"<input type="hidden" name="near" value="Springfield, IL">"#),
        "the choice is carried on as the place"
    );
}

#[tokio::test]
async fn the_guideline_questions_are_on_the_one_screen_in_their_groups() {
    let app = seeded().await;
    let body = app.get("/questionnaire").await.text().await.expect("body");
    for slug in [
        "immune_suppression",
        "injected_drugs",
        "recent_infection",
        "long_term_steroids",
        "worse_lying_down",
    ] {
        assert!(
            body.contains(&format!("name=\"red_flags\" value=\"{slug}\"")),
            "missing {slug}"
        );
    }
    let risks = body.find("id=\"red-flags-risks\"").expect("risk group");
    let signs = body.find("id=\"red-flags-signs\"").expect("sign group");
    assert!(signs < risks, "warning signs come first");
    let steroids = body.find("value=\"long_term_steroids\"").expect("steroids");
    let fever = body.find("value=\"fever\"").expect("fever");
    assert!(fever < risks && risks < steroids, "each flag in its group");
    assert!(body.contains("never to judge you"));
    for band in ["under_20", "20_49", "50_plus", "unsaid"] {
        assert!(
            body.contains(&format!("name=\"age_band\" value=\"{band}\"")),
            "missing {band}"
        );
    }
    assert!(body.contains("Prefer not to say"));
    assert!(
        !body.contains("name=\"age_band\" value=\"unsaid\" checked"),
        "age is optional: nothing chosen"
    );
}

#[tokio::test]
async fn steroid_tablets_lead_to_a_doctor_first_with_the_reason_and_the_note() {
    let app = seeded().await;
    let v = Visitor::new(&app);
    let answers = format!("{ANSWERS}&red_flags=long_term_steroids&age_band=50_plus");
    let res = submit(&v, "/match", &answers).await;
    assert_eq!(res.status(), 200);
    let body = res.text().await.expect("body");
    assert!(body.contains("Please see a doctor before booking massage"));
    assert!(
        body.contains("Long-term steroid tablets can weaken the bones"),
        "{body}"
    );
    assert!(!body.contains("/p/glute-specialist"));
    let note = press(&v, &body, "Open a note to take to your doctor").await;
    assert!(note.contains("Please rule out a bone weakened by long-term steroids"));
    assert!(note.contains("50 or older"), "the note gives the age band");
    let back = press(&v, &note, "Back to your result").await;
    assert!(back.contains("Please see a doctor before booking massage"));
    let edit = press(&v, &body, "Change my answers").await;
    assert!(edit.contains("value=\"long_term_steroids\" checked"));
    assert!(edit.contains("value=\"50_plus\" checked"));
    // A shared link's answers open the note and the form too.
    let note = v.page(&format!("/match/note?{answers}")).await;
    assert!(note.contains("50 or older"));
    let edit = v.page(&format!("/questionnaire/edit?{answers}")).await;
    assert!(edit.contains("value=\"50_plus\" checked"));
}

#[tokio::test]
async fn age_alone_shows_the_list_and_a_wrong_band_asks_again_keeping_every_answer() {
    let app = seeded().await;
    for age in ["unsaid", "50_plus", "20_49"] {
        let body = app
            .get(&format!("/match?{ANSWERS}&age_band={age}"))
            .await
            .text()
            .await
            .expect("body");
        assert!(body.contains("/p/glute-specialist"), "{age}");
    }
    let body = app
        .get(&format!("/match?{ANSWERS}&age_band=under_20"))
        .await
        .text()
        .await
        .expect("body");
    assert!(body.contains("Under 20, pain that has lasted more than 6 weeks"));
    let res = app
        .get(&format!(
            "/match?{ANSWERS}&age_band=65&red_flags=injected_drugs"
        ))
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.expect("body");
    assert!(body.contains("Choose an age band, or prefer not to say"));
    assert!(body.contains("value=\"injected_drugs\" checked"));
}

/// The text of the first `<p class="{class}">` in `body`.
fn paragraph<'a>(body: &'a str, class: &str) -> Option<&'a str> {
    let start = body.find(&format!("<p class=\"{class}\">"))? + class.len() + 11;
    Some(&body[start..start + body[start..].find("</p>")?])
}

#[tokio::test]
async fn a_precaution_that_leaves_a_technique_out_never_lists_it_as_offered() {
    let app = TestApp::spawn().await;
    let mut spec = PractitionerSpec::new("offers-everything");
    spec.modalities = vec![
        "trigger_point",
        "clinical",
        "deep_tissue",
        "sports",
        "hot_stone",
    ];
    spec.prenatal = true;
    insert_practitioner(&app.state.db, &spec).await;
    therapist_finder::app::rebuild_index(&app.state)
        .await
        .expect("reindex");
    let rules = app.state.rules.current().clone();
    let name = |slug: &str| app.state.catalogue.modality_name(slug).to_owned();
    let mut tried = 0;
    for condition in rules.conditions.iter().filter(|c| !c.exclude.is_empty()) {
        let body = app
            .get(&format!("/match?{ANSWERS}&conditions={}", condition.slug))
            .await
            .text()
            .await
            .expect("body");
        assert!(
            body.contains("/p/offers-everything"),
            "{}: listed",
            condition.slug
        );
        assert!(
            body.contains("not for you now"),
            "{}: the precaution says what the list does",
            condition.slug
        );
        let offered = paragraph(&body, "modalities").expect("modalities");
        let aside = paragraph(&body, "set-aside").expect("set aside");
        for excluded in &condition.exclude {
            if spec.modalities.contains(&excluded.as_str()) {
                assert!(
                    !offered.contains(&name(excluded)),
                    "{}: {excluded} listed as offered: {offered}",
                    condition.slug
                );
                assert!(
                    aside.contains(&name(excluded)),
                    "{}: {aside}",
                    condition.slug
                );
            }
        }
        assert!(
            offered.contains(&name("clinical")),
            "{}: {offered}",
            condition.slug
        );
        tried += 1;
    }
    assert!(
        tried >= 4,
        "every condition that leaves a technique out was tried"
    );
    // With no precaution, nothing is set aside.
    let body = app
        .get(&format!("/match?{ANSWERS}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(paragraph(&body, "set-aside").is_none());
    assert!(
        paragraph(&body, "modalities")
            .expect("modalities")
            .contains(&name("deep_tissue"))
    );
}

#[tokio::test]
async fn the_urgent_page_offers_a_call_and_urgent_care_and_names_every_warning() {
    let app = seeded().await;
    let body = app
        .get(&format!(
            "/match?{ANSWERS}&red_flags=saddle_numbness&red_flags=fever&conditions=open_wound"
        ))
        .await
        .text()
        .await
        .expect("body");
    assert!(body.contains("Please get medical care now"));
    assert!(body.contains("href=\"tel:911\""), "tap to call");
    assert!(body.contains("urgent care centre"));
    assert!(body.contains("Numbness around the groin"));
    let also = &body[body
        .find("Also tell the doctor")
        .expect("the other warnings")..];
    assert!(also.contains("Fever, chills or sweats"), "{also}");
    assert!(also.contains("wound, burn or skin infection"), "{also}");
    // A page that goes on to matches lists no other warnings.
    let safe = app
        .get(&format!("/match?{ANSWERS}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(!safe.contains("Also tell the doctor"));
    assert!(!safe.contains("tel:911"));
}

#[tokio::test]
async fn a_letter_of_medical_necessity_is_prepared_from_a_result_and_from_the_note() {
    let app = seeded().await;
    let v = Visitor::new(&app);
    let chronic = [
        ("regions", "low_back"),
        ("duration", "chronic"),
        ("pain", "7"),
        ("pressure", "medium"),
        ("goal", "clinical"),
        ("near", "78701"),
        ("radius", "25"),
        ("unit", "mi"),
    ];
    let res = v.post("/match?lang=en", &chronic).await;
    assert_eq!(res.status(), 200);
    let result = res.text().await.expect("body");
    let letter = press(&v, &result, "Prepare a letter of medical necessity").await;
    for words in [
        "Letter of medical necessity for massage therapy",
        "section 213(d)",
        "Low back",
        "7 out of 10",
        "Clinical (medical) massage",
        "Myofascial release",
        "ICD-10 code(s):",
        "Recommended frequency",
        "Signature:",
    ] {
        assert!(letter.contains(words), "{words}: {letter}");
    }
    assert!(!letter.contains("First, the doctor is asked to rule out"));
    // The way back carries the answers, in a form's body.
    let back = press(&v, &letter, "Back to your result").await;
    assert!(back.contains("Prepare a letter of medical necessity"));

    // Relaxation is not a treatment to document: no letter is offered.
    let mut relaxing = chronic;
    relaxing[4] = ("goal", "relaxation");
    let page = v
        .post("/match", &relaxing)
        .await
        .text()
        .await
        .expect("body");
    assert!(!page.contains("Prepare a letter of medical necessity"));

    // See a doctor first: the note offers the letter, which asks the doctor to rule
    // out the red flag first.
    let mut fever = chronic.to_vec();
    fever.push(("red_flags", "fever"));
    let result = v.post("/match", &fever).await.text().await.expect("body");
    let note = press(&v, &result, "Open a note to take to your doctor").await;
    let letter = press(&v, &note, "Prepare a letter of medical necessity").await;
    assert!(
        letter.contains("First, the doctor is asked to rule out") && letter.contains("infection"),
        "{letter}"
    );

    // Urgent: no letter stands between a person and a doctor today.
    let mut urgent = chronic.to_vec();
    urgent.push(("red_flags", "saddle_numbness"));
    let res = v.post("/match/letter", &urgent).await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.expect("body");
    assert!(page.contains("no letter to prepare now") && !page.contains("ICD-10"));

    // In Spanish, and never kept: the page is not cached.
    let res = v.post("/match/letter?lang=es", &chronic).await;
    assert_eq!(res.headers()["cache-control"], "no-store");
    let page = res.text().await.expect("body");
    assert!(
        page.contains("Carta de necesidad médica para masoterapia") && page.contains("7 sobre 10"),
        "{page}"
    );
    app.run_pending_jobs().await;
}
