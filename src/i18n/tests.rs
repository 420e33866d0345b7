use super::*;

#[test]
fn every_catalogue_names_its_language_and_english_comes_first() {
    let codes: Vec<&str> = Lang::all().iter().map(|l| l.code()).collect();
    assert_eq!(codes, ["en", "es"]);
    assert_eq!(Lang::english().name(), "English");
    assert_eq!(Lang::parse("ES").map(Lang::name).as_deref(), Some("Español"));
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
        text_with(Lang::english(), "nav-signed-in", [("email", "a@b.c".into())]),
        "Signed in as a@b.c"
    );
    assert!(text_with(es, "nav-signed-in", [("email", "a@b.c".into())]).contains("a@b.c"));
    assert_eq!(text(es, "no-such-key"), "[no-such-key]");
}
