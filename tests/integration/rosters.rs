//! State board rosters in the layouts boards publish: the Texas (TDLR) file as
//! downloaded, and the guards that keep a wrong file from doing harm.

use sea_orm::{EntityTrait, PaginatorTrait};
use therapist_finder::{
    admin::roster::{self, ImportError, ImportOptions},
    entities::{audit_log, licence, roster_entry},
    progress::Silent,
};

use crate::support::{TestApp, builders::pending_licence_in};

/// A practitioner with a pending Texas licence numbered as they typed it.
async fn claim(app: &TestApp, slug: &str, name: &str, number: &str, expires: &str) -> i64 {
    let expires = chrono::NaiveDate::parse_from_str(expires, "%Y-%m-%d").ok();
    pending_licence_in(&app.state.db, slug, name, number, "TX", expires)
        .await
        .1
}

/// One line of TDLR's massage therapist file: 17 quoted columns, CRLF.
fn tdlr(kind: &str, number: &str, owner: &str, expiry: &str) -> String {
    format!(
        "\"{kind}\",\"{number}\",\"TRAVIS\",\"AUSTIN CLINICAL MASSAGE\",\"100 CONGRESS AVE\",\"STE 200\",\"AUSTIN, TX 78701\",\"5125550100\",\"{expiry}\",\"{owner}\",\"PO BOX 1\",\"\",\"AUSTIN, TX 78701\",\"TRAVIS\",\"5125550100\",\"\",\"N\"\r\n"
    )
}

async fn import(
    app: &TestApp,
    file: String,
    options: ImportOptions,
) -> Result<roster::ImportReport, ImportError> {
    roster::import(
        &app.state.db,
        None,
        "TX",
        "LTMT.csv",
        chrono::Utc::now().date_naive(),
        std::io::Cursor::new(file.into_bytes()),
        options,
        &Silent,
    )
    .await
}

async fn status(app: &TestApp, id: i64) -> (String, bool) {
    let l = licence::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("row");
    (l.status, l.needs_review)
}

/// What a failed import must leave exactly as it was.
async fn state_of(app: &TestApp) -> (Vec<(i64, String, bool)>, u64, u64) {
    let licences = licence::Entity::find()
        .all(&app.state.db)
        .await
        .expect("licences")
        .into_iter()
        .map(|l| (l.id, l.status, l.needs_review))
        .collect();
    let entries = roster_entry::Entity::find()
        .count(&app.state.db)
        .await
        .expect("entries");
    let audit = audit_log::Entity::find()
        .count(&app.state.db)
        .await
        .expect("audit");
    (licences, entries, audit)
}

#[tokio::test]
async fn the_texas_file_as_published_verifies_through_the_shipped_layout() {
    let app = TestApp::spawn().await;
    let exact = claim(&app, "exact", "Jane Marie Doe", "MT-0012345", "2027-12-31").await;
    let no_prefix = claim(&app, "no-prefix", "Rick Roe", "12346", "2028-01-15").await;
    let wrong_name = claim(&app, "wrong-name", "Someone Else", "MT12347", "2027-06-30").await;
    let wrong_expiry = claim(&app, "wrong-expiry", "Pam Poe", "MT12348", "2026-01-01").await;
    let transposed = claim(&app, "transposed", "Tom Twist", "MT12394", "2027-12-31").await;
    let file = [
        tdlr(
            "Massage Therapist",
            "MT0012345",
            "DOE, JANE MARIE",
            "12312027",
        ),
        tdlr(
            "Massage Establishment",
            "ME0000077",
            "AUSTIN SPA LLC",
            "06302027",
        ),
        tdlr("Massage Therapist", "12346", "ROE, RICK", "01152028"),
        tdlr("Massage Therapist", "MT0012347", "DIAZ, CORA", "06302027"),
        tdlr("Massage Therapist", "MT0012348", "POE, PAM", "12312027"),
        tdlr("Massage Therapist", "MT0012349", "TWIST, TOM", "12312027"),
    ]
    .concat();

    // A preview changes nothing and says what would happen.
    let before = state_of(&app).await;
    let preview = import(
        &app,
        file.clone(),
        ImportOptions {
            dry_run: true,
            ..ImportOptions::default()
        },
    )
    .await
    .expect("preview");
    assert!(!preview.applied);
    assert_eq!(state_of(&app).await, before, "a preview applied something");

    let report = import(&app, file, ImportOptions::default())
        .await
        .expect("import");
    assert!(report.applied);
    assert_eq!(
        (
            report.rows_read,
            report.other_professions,
            report.matched,
            report.verified,
            report.conflicts,
            report.invalid_count
        ),
        (5, 1, 4, 2, 2, 0)
    );
    assert_eq!(
        (preview.matched, preview.verified, preview.conflicts),
        (report.matched, report.verified, report.conflicts),
        "the preview foretold the import"
    );
    assert_eq!(status(&app, exact).await, ("verified".into(), false));
    assert_eq!(status(&app, no_prefix).await, ("verified".into(), false));
    assert_eq!(status(&app, wrong_name).await, ("pending".into(), true));
    assert_eq!(status(&app, wrong_expiry).await, ("pending".into(), true));
    assert_eq!(
        status(&app, transposed).await,
        ("pending".into(), false),
        "a transposed digit never matches"
    );
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn a_file_with_shifted_columns_changes_nothing_and_names_line_column_and_value() {
    let app = TestApp::spawn().await;
    claim(&app, "kept", "Jane Doe", "MT-1", "2027-12-31").await;
    import(
        &app,
        tdlr("Massage Therapist", "MT1", "DOE, JANE", "12312027"),
        ImportOptions::default(),
    )
    .await
    .expect("a first roster");
    app.run_pending_jobs().await;
    let before = state_of(&app).await;
    // Every line gains a column at the front: 18 columns, each shifted one right.
    let shifted: String = (0..50)
        .map(|i| {
            format!(
                "\"X\",{}",
                tdlr(
                    "Massage Therapist",
                    &format!("MT{i}"),
                    "DOE, JANE",
                    "12312027"
                )
            )
        })
        .collect();
    let err = import(&app, shifted, ImportOptions::default())
        .await
        .expect_err("refused");
    let message = err.to_string();
    assert!(
        message.starts_with("line 1: none of the 50 rows is a massage licence (column 1: \"X\""),
        "{message}"
    );
    assert_eq!(
        state_of(&app).await,
        before,
        "licence states, the stored roster and the audit log are untouched"
    );
    // Shifted the other way (a column lost) under a filter that still matches: every
    // number is then a county, and the file is refused as unreadable.
    let dropped: String = (0..50)
        .map(|i| {
            format!(
                "\"Massage Therapist\",\"TRAVIS\",\"AUSTIN CLINICAL MASSAGE\",\"100 CONGRESS AVE\",\"\",\"AUSTIN, TX 78701\",\"5125550100\",\"12312027\",\"DOE, JANE\",\"PO BOX 1\",\"\",\"AUSTIN, TX 78701\",\"TRAVIS\",\"5125550100\",\"\",\"N\",\"MT{i}\"\r\n"
            )
        })
        .collect();
    let err = import(&app, dropped, ImportOptions::default())
        .await
        .expect_err("refused");
    assert!(
        matches!(err, ImportError::TooManyInvalid { invalid: 50, .. }),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("line 1: column 2: \"TRAVIS\" is not a licence number"),
        "{err}"
    );
    assert_eq!(
        state_of(&app).await,
        before,
        "licence states, the stored roster and the audit log are untouched"
    );
}

#[tokio::test]
async fn a_truncated_or_wrong_state_file_waits_for_confirmation() {
    let app = TestApp::spawn().await;
    let mut full = String::new();
    let mut ids = Vec::new();
    for i in 1..=20 {
        ids.push(
            claim(
                &app,
                &format!("listed-{i}"),
                &format!("Person Number{i}"),
                &format!("MT-{i}"),
                "2027-12-31",
            )
            .await,
        );
        full.push_str(&tdlr(
            "Massage Therapist",
            &format!("MT{i:07}"),
            &format!("NUMBER{i}, PERSON"),
            "12312027",
        ));
    }
    let report = import(&app, full, ImportOptions::default())
        .await
        .expect("the full roster");
    assert_eq!(report.verified, 20);
    app.run_pending_jobs().await;
    let before = state_of(&app).await;
    // The download stopped after three rows.
    let truncated: String = (1..=3)
        .map(|i| {
            tdlr(
                "Massage Therapist",
                &format!("MT{i:07}"),
                &format!("NUMBER{i}, PERSON"),
                "12312027",
            )
        })
        .collect();
    let err = import(&app, truncated.clone(), ImportOptions::default())
        .await
        .expect_err("held back");
    assert!(
        matches!(
            err,
            ImportError::NeedsConfirmation {
                missing: 17,
                verified: 20,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(state_of(&app).await, before, "nothing was applied");
    // Another state's file: nothing matches at all.
    let elsewhere: String = (1..=20)
        .map(|i| {
            tdlr(
                "Massage Therapist",
                &format!("LMT{i:05}"),
                "SMITH, ANN",
                "12312027",
            )
        })
        .collect();
    assert!(matches!(
        import(&app, elsewhere, ImportOptions::default()).await,
        Err(ImportError::NeedsConfirmation { missing: 20, .. })
    ));
    assert_eq!(state_of(&app).await, before, "nothing was applied");
    // An admin who knows the board dropped them confirms.
    let report = import(
        &app,
        truncated,
        ImportOptions {
            confirm: true,
            ..ImportOptions::default()
        },
    )
    .await
    .expect("confirmed");
    assert_eq!(report.missing, 17);
    assert_eq!(status(&app, ids[19]).await, ("verified".into(), true));
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn the_command_line_previews_a_texas_file_as_downloaded() {
    let app = TestApp::spawn().await;
    let id = claim(&app, "cli-one", "Jane Doe", "MT-0000042", "2027-12-31").await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("LTMT.csv");
    std::fs::write(
        &file,
        [
            tdlr("Massage Therapist", "42", "DOE, JANE", "12312027"),
            tdlr("Massage Establishment", "ME77", "SPA LLC", "12312027"),
        ]
        .concat(),
    )
    .expect("write");
    let run = |extra: &[&str]| {
        let mut args = vec!["import-roster", "--jurisdiction", "TX"];
        args.extend_from_slice(extra);
        args.push(file.to_str().expect("utf8"));
        std::process::Command::new(env!("CARGO_BIN_EXE_therapist-finder"))
            .args(&args)
            .env("DATABASE_URL", &app.database_url)
            .env_remove("MEILI_URL")
            .env("RUST_LOG", "off")
            .output()
            .expect("run binary")
    };
    let out = run(&["--dry-run"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with("dry run: nothing was applied"),
        "{stdout}"
    );
    assert!(
        stdout.contains("other professions 1, matched 1, verified 1"),
        "{stdout}"
    );
    assert_eq!(status(&app, id).await, ("pending".into(), false));
    let out = run(&[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(status(&app, id).await, ("verified".into(), false));
    app.run_pending_jobs().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_roster_imported_many_times_at_once_is_stored_once() {
    let app = TestApp::spawn().await;
    let id = claim(&app, "raced", "Jane Doe", "MT-7", "2027-12-31").await;
    let file: String = (1..=200)
        .map(|i| {
            tdlr(
                "Massage Therapist",
                &format!("MT{i}"),
                "DOE, JANE",
                "12312027",
            )
        })
        .collect();
    let imports: Vec<_> = (0..12)
        .map(|_| {
            let (db, file) = (app.state.db.clone(), file.clone());
            tokio::spawn(async move {
                roster::import(
                    &db,
                    None,
                    "TX",
                    "LTMT.csv",
                    chrono::Utc::now().date_naive(),
                    std::io::Cursor::new(file.into_bytes()),
                    ImportOptions::default(),
                    &Silent,
                )
                .await
            })
        })
        .collect();
    for import in imports {
        import.await.expect("task").expect("import");
    }
    assert_eq!(
        roster_entry::Entity::find()
            .count(&app.state.db)
            .await
            .expect("entries"),
        200,
        "each import replaced the previous one whole"
    );
    assert_eq!(status(&app, id).await, ("verified".into(), false));
    app.run_pending_jobs().await;
}
