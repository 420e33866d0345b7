//! The site in Spanish: the language comes from `?lang`, the cookie it leaves, or
//! `Accept-Language`; a Spanish page carries no sentence of the English catalogue or
//! of the rules file's English; the API answers in the language of `Accept-Language`.

use serde_json::{Value, json};
use therapist_finder::i18n::Lang;

use crate::support::{
    TestApp,
    builders::{PractitionerSpec, insert_practitioner},
    visitor::Visitor,
};

async fn seeded() -> TestApp {
    let app = TestApp::spawn().await;
    app.state.clock.set(crate::hours::monday_morning());
    let mut spec = PractitionerSpec::new("glute-specialist");
    spec.modalities = vec!["trigger_point", "clinical"];
    spec.regions = vec!["low_back"];
    spec.languages = "en,es";
    spec.outcome_logs = vec![(8, 4); 10];
    let id = insert_practitioner(&app.state.db, &spec).await;
    // Open times, with two lengths that do not both fit every start.
    let mut week = therapist_finder::schedule::Week::default();
    for day in 0..5 {
        week.0[day] = vec![(9 * 60, 12 * 60)];
    }
    crate::hours::save_chicago_hours(&app, id, week, &[60, 90], 0).await;
    therapist_finder::app::rebuild_index(&app.state)
        .await
        .expect("reindex");
    app
}

/// The text fragments of the English catalogue that differ from Spanish, three words
/// or longer: the parts of each message between its arguments, and each variant.
pub(crate) fn english_fragments() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |lang: &str| {
        std::fs::read_to_string(root.join(format!("locales/{lang}/main.ftl"))).expect("catalogue")
    };
    let spanish = read("es");
    let mut out = Vec::new();
    for line in read("en").lines() {
        let line = line.trim();
        if line.starts_with('#') || line.is_empty() || line.starts_with("language-name") {
            continue;
        }
        let text = line
            .split_once(" = ")
            .map(|(_, t)| t)
            .or_else(|| line.split_once("] ").map(|(_, t)| t))
            .unwrap_or("");
        for fragment in text.split(['{', '}']).step_by(2) {
            let fragment = fragment.trim();
            if fragment.split_whitespace().count() >= 3 && !spanish.contains(fragment) {
                out.push(fragment.to_owned());
            }
        }
    }
    assert!(out.len() > 150, "{} fragments", out.len());
    out
}

/// The rules file's English words that differ from their Spanish.
fn english_rules(app: &TestApp) -> Vec<String> {
    let en = app.state.rules.get(Lang::english());
    let es = app.state.rules.get(Lang::parse("es").expect("es"));
    let mut pairs: Vec<(&str, &str)> = vec![(&en.not_a_diagnosis, &es.not_a_diagnosis)];
    pairs.extend(
        en.regions
            .iter()
            .zip(&es.regions)
            .map(|(a, b)| (a.label.as_str(), b.label.as_str())),
    );
    pairs.extend(en.red_flags.iter().zip(&es.red_flags).flat_map(|(a, b)| {
        [
            (a.label.as_str(), b.label.as_str()),
            (a.reason.as_str(), b.reason.as_str()),
        ]
    }));
    pairs.extend(en.conditions.iter().zip(&es.conditions).flat_map(|(a, b)| {
        [
            (a.label.as_str(), b.label.as_str()),
            (a.note.as_str(), b.note.as_str()),
        ]
    }));
    pairs
        .into_iter()
        .filter(|(a, b)| a != b && a.split_whitespace().count() >= 2)
        .map(|(a, _)| a.to_owned())
        .collect()
}

/// Asserts `page` (HTML) is Spanish: `<html lang="es">` and no English sentence.
pub(crate) fn assert_spanish(what: &str, page: &str, english: &[String]) {
    assert!(page.contains("<html lang=\"es\">"), "{what}: lang");
    let text = page
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    let found: Vec<&String> = english
        .iter()
        .filter(|s| text.contains(s.as_str()))
        .collect();
    assert!(found.is_empty(), "{what} has English: {found:?}");
}

async fn post_form(v: &Visitor, path: &str, query: &str) -> reqwest::Response {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let fields: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    v.post(path, &fields).await
}

const SAFE: &str = "regions=low_back&duration=chronic&pain=8&pressure=medium&goal=clinical&near=78701&radius=25&unit=mi&conditions=blood_thinners";

#[tokio::test]
async fn every_page_of_the_questionnaire_search_and_home_reads_in_spanish() {
    let app = seeded().await;
    let mut english = english_fragments();
    english.extend(english_rules(&app));
    let v = Visitor::new(&app);

    // The switch's link sets the language and the cookie remembers it.
    let res = v.get("/?lang=es").await;
    assert_eq!(res.headers()["content-language"], "es");
    let cookies: Vec<&str> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|c| c.to_str().ok())
        .collect();
    assert!(
        cookies.iter().any(|c| c.starts_with("tf_lang=es;")),
        "{cookies:?}"
    );
    let home = res.text().await.expect("body");
    assert_spanish("home", &home, &english);
    let base = app.state.public_url.clone();
    assert!(
        home.contains(&format!(
            "<link rel=\"canonical\" href=\"{base}/?lang=es\">"
        )),
        "{}",
        &home[..900]
    );
    assert!(home.contains(&format!("hreflang=\"en\" href=\"{base}/\"")));
    assert!(home.contains(&format!("hreflang=\"es\" href=\"{base}/?lang=es\"")));
    assert!(home.contains(&format!("hreflang=\"x-default\" href=\"{base}/\"")));
    assert!(home.contains("<a href=\"/?lang=en\" hreflang=\"en\" lang=\"en\">English</a>"));

    let form = v.page("/questionnaire").await;
    assert_spanish("questionnaire", &form, &english);
    assert!(form.contains("Señales de alarma") && form.contains("Adormecimiento u hormigueo"));

    let urgent = post_form(&v, "/match", "regions=low_back&duration=acute&pain=5&pressure=medium&goal=clinical&red_flags=saddle_numbness")
        .await
        .text()
        .await
        .expect("body");
    assert_spanish("urgent verdict", &urgent, &english);
    assert!(urgent.contains("Busque atención médica ahora") && urgent.contains("Llame al 911"));

    let doctor = "regions=low_back&duration=chronic&pain=5&pressure=medium&goal=clinical&red_flags=fever&near=78701";
    let page = post_form(&v, "/match", doctor)
        .await
        .text()
        .await
        .expect("body");
    assert_spanish("see a doctor first", &page, &english);
    assert!(page.contains("Consulte primero a un médico"));
    let note = post_form(&v, "/match/note", doctor)
        .await
        .text()
        .await
        .expect("body");
    assert_spanish("pre-visit note", &note, &english);
    assert!(
        note.contains("Por favor, descarte una infección."),
        "{note}"
    );

    let res = post_form(&v, "/match", SAFE).await;
    assert_eq!(res.status(), 200);
    let matches = res.text().await.expect("body");
    assert_spanish("matches", &matches, &english);
    assert!(matches.contains("href=\"/p/glute-specialist\""));
    assert!(
        matches.contains("Toma anticoagulantes") || matches.contains("Usted toma anticoagulantes")
    );
    assert!(
        matches.contains("Terapia de puntos gatillo, adecuado para parte baja"),
        "{matches}"
    );
    let note = post_form(&v, "/match/note", SAFE)
        .await
        .text()
        .await
        .expect("body");
    assert_spanish("precautions note", &note, &english);

    let wrong = post_form(&v, "/match", "pain=11&near=78701").await;
    assert_eq!(wrong.status(), 422);
    let wrong = wrong.text().await.expect("body");
    assert_spanish("questionnaire with errors", &wrong, &english);
    assert!(wrong.contains("Elija al menos una zona donde le duela"));

    let search = v.page("/search?near=78701&radius=25").await;
    assert_spanish("search", &search, &english);
    assert!(
        search.contains("1 profesional a menos de 25 millas"),
        "{search}"
    );
    let profile = v.page("/p/glute-specialist").await;
    assert_spanish("profile", &profile, &english);
    assert!(
        profile.contains("Horarios libres")
            && profile.contains("martes, 8 de diciembre")
            && profile.contains("Sesiones de 60 o 90 minutos")
            && profile.contains("Práctica clínica")
            && profile.contains("inglés, español"),
        "{profile}"
    );
    let missing = v.get("/no-such-page").await;
    assert_eq!(missing.status(), 404);
    assert_spanish("not found", &missing.text().await.expect("body"), &english);

    // Back to English with the switch.
    let page = v.page("/questionnaire?lang=en").await;
    assert!(page.contains("<html lang=\"en\">") && page.contains("Warning signs"));
}

#[tokio::test]
async fn accept_language_chooses_without_a_cookie_and_the_query_beats_both() {
    let app = seeded().await;
    let ask = |path: &str, header: &str| {
        app.client
            .get(app.url(path))
            .header("accept-language", header.to_owned())
            .send()
    };
    let res = ask("/questionnaire", "es-MX,es;q=0.9,en;q=0.5")
        .await
        .expect("get");
    assert_eq!(res.headers()["content-language"], "es");
    assert!(
        res.headers()["vary"]
            .to_str()
            .expect("ascii")
            .contains("Accept-Language")
    );
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("<html lang=\"es\">")
    );
    let res = ask("/questionnaire", "fr-FR,fr;q=0.9").await.expect("get");
    assert_eq!(res.headers()["content-language"], "en");
    let res = ask("/questionnaire?lang=en", "es").await.expect("get");
    assert_eq!(res.headers()["content-language"], "en");
    // A language the site does not speak is ignored, never echoed.
    let res = ask("/questionnaire?lang=%3Cscript%3E", "en")
        .await
        .expect("get");
    assert_eq!(res.headers()["content-language"], "en");
    assert!(
        !res.headers()
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap_or("").contains("tf_lang"))
    );
}

async fn api(
    app: &TestApp,
    lang: Option<&str>,
    body: Option<Value>,
) -> (reqwest::header::HeaderMap, u16, Value) {
    let mut req = match &body {
        Some(b) => app.client.post(app.url("/api/v1/match")).json(b),
        None => app.client.get(app.url("/api/v1/questionnaire")),
    };
    if let Some(lang) = lang {
        req = req.header("accept-language", lang);
    }
    let res = req.send().await.expect("send");
    let headers = res.headers().clone();
    let status = res.status().as_u16();
    (headers, status, res.json().await.expect("json"))
}

#[tokio::test]
async fn the_api_answers_in_the_language_of_accept_language_with_the_same_codes() {
    let app = seeded().await;
    let (headers, _, q) = api(&app, Some("es"), None).await;
    assert_eq!(headers["content-language"], "es");
    assert_eq!(q["regions"][0]["slug"], "neck");
    assert_eq!(q["regions"][0]["label"], "Cuello");
    assert_eq!(q["modalities"][1]["label"], "Terapia de puntos gatillo");
    let (headers, _, q) = api(&app, None, None).await;
    assert_eq!(headers["content-language"], "en");
    assert_eq!(q["regions"][0]["label"], "Neck");

    let answers = json!({
        "regions": ["low_back"], "duration": "chronic", "pain": 5, "red_flags": ["bladder_bowel_change"],
        "conditions": [], "pressure": "medium", "goal": "clinical", "near": "78701", "radius_km": 25
    });
    let (_, status, res) = api(&app, Some("es-US"), Some(answers.clone())).await;
    assert_eq!(status, 200);
    assert_eq!(res["verdict"]["kind"], "urgent");
    assert_eq!(res["verdict"]["causes"], json!(["bladder_bowel_change"]));
    assert!(
        res["verdict"]["reasons"][0]
            .as_str()
            .expect("reason")
            .starts_with("Un cambio nuevo")
    );

    let mut safe = answers.clone();
    safe["red_flags"] = json!([]);
    let (_, _, res) = api(&app, Some("es"), Some(safe)).await;
    let reasons = res["matches"][0]["reasons"].to_string();
    assert!(
        reasons.contains("adecuado para parte baja de la espalda"),
        "{reasons}"
    );
    assert!(
        res["not_a_diagnosis"]
            .as_str()
            .expect("notice")
            .starts_with("Este buscador")
    );

    let mut wrong = answers;
    wrong["regions"] = json!([]);
    let (headers, status, res) = api(&app, Some("es"), Some(wrong)).await;
    assert_eq!(
        (status, &headers["content-language"]),
        (422, &"es".parse().expect("value"))
    );
    assert_eq!(res["error"]["code"], "validation_failed");
    assert_eq!(
        res["error"]["message"],
        "Algunos parámetros no son válidos."
    );
    assert_eq!(
        res["error"]["fields"]["regions"],
        "elija al menos una zona donde le duela"
    );
}
