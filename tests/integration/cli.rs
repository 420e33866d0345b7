//! Bad configuration gives one clear line and a non-zero exit, never a panic.

use std::process::Command;

fn run(args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_therapist-finder"));
    cmd.args(args)
        .env_remove("DATABASE_URL")
        .env_remove("MEILI_URL")
        .env("RUST_LOG", "off");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run binary");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).trim().to_owned(),
    )
}

fn assert_one_clear_line(stderr: &str, needle: &str) {
    assert_eq!(
        stderr.lines().count(),
        1,
        "one line expected, got: {stderr}"
    );
    assert!(stderr.starts_with("error:"), "{stderr}");
    assert!(stderr.contains(needle), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn unreachable_database_is_one_line() {
    let (ok, stderr) = run(
        &["migrate"],
        &[("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")],
    );
    assert!(!ok);
    assert_one_clear_line(&stderr, "database");
}

#[test]
fn malformed_meili_url_is_one_line() {
    let (ok, stderr) = run(&["migrate"], &[("MEILI_URL", "localhost:7700")]);
    assert!(!ok);
    assert_one_clear_line(&stderr, "MEILI_URL");
}

#[test]
fn port_in_use_is_one_line() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    let dir = tempfile::tempdir().expect("dir");
    let db = format!("sqlite://{}?mode=rwc", dir.path().join("x.db").display());
    let (ok, stderr) = run(&["serve"], &[("BIND", &addr), ("DATABASE_URL", &db)]);
    assert!(!ok);
    assert_one_clear_line(&stderr, &addr);
}

#[test]
fn help_documents_every_setting() {
    let out = Command::new(env!("CARGO_BIN_EXE_therapist-finder"))
        .arg("--help")
        .output()
        .expect("run");
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for setting in [
        "DATABASE_URL",
        "BIND",
        "MEILI_URL",
        "MEILI_MASTER_KEY",
        "QUESTIONNAIRE_FILE",
    ] {
        assert!(help.contains(setting), "--help lacks {setting}");
    }
}
