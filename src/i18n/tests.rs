use super::*;

#[test]
fn every_catalogue_names_its_language_and_english_comes_first() {
    let codes: Vec<&str> = Lang::all().iter().map(|l| l.code()).collect();
    assert_eq!(codes, ["en", "es"]);
    assert_eq!(Lang::english().name(), "English");
    assert_eq!(
        Lang::parse("ES").map(Lang::name).as_deref(),
        Some("Español")
    );
    assert_eq!(Lang::parse("fr"), None);
}

#[test]
fn accept_language_picks_the_highest_weighted_language_spoken_here() {
    let es = Lang::parse("es").expect("es");
    let en = Lang::english();
    for (header, want) in [
        ("es-MX,es;q=0.9,en;q=0.8", es),
        ("en-US,en;q=0.9,es;q=0.8", en),
        ("fr-FR,fr;q=0.9,es;q=0.5", es),
        ("fr", en),
        ("", en),
        ("*", en),
        ("en;q=0.2, es;q=0.7", es),
        ("es;q=0, en", en),
        ("es;q=abc", en),
        ("es;q=2", en),
        ("es_US", es),
        (" ES ", es),
    ] {
        assert_eq!(negotiate(header), want, "{header:?}");
    }
}

#[test]
fn arguments_and_plurals_follow_the_language() {
    let es = Lang::parse("es").expect("es");
    assert_eq!(
        text_with(
            Lang::english(),
            "nav-signed-in",
            [("email", "a@b.c".into())]
        ),
        "Signed in as a@b.c"
    );
    assert!(text_with(es, "nav-signed-in", [("email", "a@b.c".into())]).contains("a@b.c"));
    assert_eq!(text(es, "no-such-key"), "[no-such-key]");
}

/// The message keys of a catalogue file, in order.
fn keys_of(path: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .expect("catalogue")
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_owned()))
        .collect()
}

fn files_under(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn every_catalogue_has_every_key_and_every_key_is_used() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let english = keys_of(&root.join("locales/en/main.ftl"));
    let mut unique = english.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), english.len(), "a key is given twice");
    for lang in Lang::all() {
        let mut keys = keys_of(&root.join(format!("locales/{}/main.ftl", lang.code())));
        keys.sort();
        assert_eq!(keys, unique, "{} has exactly the English keys", lang.code());
        // A message with arguments is read with them where it is used; the others
        // must read on their own.
        let source =
            std::fs::read_to_string(root.join(format!("locales/{}/main.ftl", lang.code())))
                .expect("catalogue");
        let mut bodies: Vec<(String, String)> = Vec::new();
        for line in source.lines() {
            if let Some((k, v)) = line
                .split_once(" =")
                .filter(|_| line.starts_with(|c: char| c.is_ascii_alphabetic()))
            {
                bodies.push((k.trim().to_owned(), v.to_owned()));
            } else if line.starts_with(' ')
                && let Some((_, body)) = bodies.last_mut()
            {
                body.push_str(line);
            }
        }
        for key in bodies
            .iter()
            .filter(|(_, body)| !body.contains('$'))
            .map(|(k, _)| k)
        {
            assert!(
                lookup(*lang, key, None).is_some_and(|t| !t.trim().is_empty()),
                "{}: {key} reads as a message",
                lang.code()
            );
        }
    }
    let mut sources = String::new();
    let mut files = Vec::new();
    files_under(&root.join("src"), &mut files);
    files_under(&root.join("templates"), &mut files);
    for file in files {
        sources.push_str(&std::fs::read_to_string(file).expect("source"));
    }
    // Families looked up by a slug: the slugs come from the reference data and the
    // compass, so each family's keys are checked against what names them.
    let catalogue = crate::reference::Catalogue::built_in().expect("catalogue");
    let mut family: Vec<String> = catalogue
        .modality_slugs()
        .map(|s| format!("modality-{s}"))
        .collect();
    family.extend(
        crate::policy::ACCESSIBILITY
            .iter()
            .map(|(s, _)| format!("access-{s}")),
    );
    family.extend(super::dates::keys());
    family.extend(
        crate::policy::PRACTICE_TYPES
            .iter()
            .map(|(slug, _)| format!("practice-{slug}")),
    );
    family.extend(
        crate::policy::SPOKEN_LANGUAGES
            .iter()
            .map(|code| format!("language-{code}")),
    );
    family.extend(
        crate::wording::COMPASS_POINTS
            .iter()
            .map(|d| format!("compass-{d}")),
    );
    family.extend(
        crate::policy::PAYMENT_OPTIONS
            .iter()
            .map(|code| format!("payment-{code}")),
    );
    family.extend(
        crate::receipts::PROCEDURES
            .iter()
            .map(|code| format!("receipt-code-{code}")),
    );
    family.extend(
        crate::receipts::PAID_BY
            .iter()
            .map(|code| format!("receipt-paid-{code}")),
    );
    family.extend(
        crate::admin::licences::METHODS
            .iter()
            .flat_map(|m| [format!("adm-method-{m}"), format!("mail-method-{m}")]),
    );
    for key in &family {
        assert!(unique.contains(key), "{key} is in the catalogues");
    }
    for key in &unique {
        assert!(
            family.contains(key) || sources.contains(&format!("\"{key}\"")),
            "{key} is used somewhere"
        );
    }
}
