//! `scripts/check-layers` holds the house together: it passes on the tree as it is and
//! fails, naming the culprit, on a copy that brings back an import circle or a file
//! over 700 lines.

use std::{path::Path, process::Command};

fn check(src: &Path) -> (bool, String) {
    let out = Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/check-layers"))
        .arg(src)
        .output()
        .expect("run scripts/check-layers");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

#[test]
fn the_layer_check_refuses_an_import_circle_and_a_long_file() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (ok, out) = check(&src);
    assert!(ok, "the tree as it is passes: {out}");

    let dir = tempfile::tempdir().expect("dir");
    let copy = dir.path().join("src");
    copy_tree(&src, &copy);
    // A page that takes the state from `app`, the top, closes a circle.
    let home = copy.join("web/home.rs");
    let text = std::fs::read_to_string(&home).expect("home");
    assert!(text.contains("state::AppState"));
    std::fs::write(&home, text.replacen("state::AppState", "app::AppState", 1)).expect("write");
    let (ok, out) = check(&copy);
    assert!(!ok);
    assert!(
        out.contains("import loop: app (src/app/router.rs) → web (src/web/home.rs) → app"),
        "{out}"
    );

    std::fs::write(&home, text).expect("restore");
    std::fs::write(copy.join("web/long.rs"), "// a line\n".repeat(701)).expect("write");
    let (ok, out) = check(&copy);
    assert!(!ok);
    assert!(
        out.contains("src/web/long.rs: 701 lines, over 700"),
        "{out}"
    );
}
