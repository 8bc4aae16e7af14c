//! Which version this is: `retroline --version` and Help → About say the version in
//! `Cargo.toml`, and About says the board file format the app writes.

use std::process::Command;

use egui_kittest::kittest::Queryable;
use retroline::io::board_file;

mod common;
use common::*;

/// The `version = "…"` line of `Cargo.toml`'s `[package]` table, read as text.
fn cargo_toml_version() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let text = std::fs::read_to_string(&path).expect("Cargo.toml");
    let mut in_package = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package && let Some(value) = line.strip_prefix("version") {
            let value = value
                .trim_start()
                .strip_prefix('=')
                .expect("version = …")
                .trim();
            return value.trim_matches('"').to_owned();
        }
    }
    panic!("no version in the [package] table of {}", path.display());
}

#[test]
fn version_flag_prints_the_version_in_cargo_toml() {
    let version = cargo_toml_version();
    assert!(
        version.split('.').count() == 3 && version.split('.').all(|n| n.parse::<u32>().is_ok()),
        "Cargo.toml's version is X.Y.Z: {version}"
    );
    for flag in ["--version", "-V"] {
        let out = Command::new(env!("CARGO_BIN_EXE_retroline"))
            .arg(flag)
            .output()
            .expect("run retroline");
        assert!(out.status.success(), "{flag}: {:?}", out.status);
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            format!("retroline {version}\n"),
            "{flag}"
        );
        assert!(out.stderr.is_empty(), "{flag}: nothing on standard error");
    }
}

#[test]
fn help_about_shows_the_version_and_the_board_format_written() {
    let version = cargo_toml_version();
    let written = board_file::to_ron_string(&sample()).expect("a board as RON");
    let format = written
        .lines()
        .find_map(|l| l.trim().strip_prefix("format_version:"))
        .expect("a saved board names its format version")
        .trim()
        .trim_end_matches(',')
        .to_owned();

    let mut h = harness(sample());
    assert!(h.query_by_label(&format!("retroline {version}")).is_none());
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label("About retroline").click();
    h.run();
    h.get_by_label(&format!("retroline {version}"));
    h.get_by_label(&format!("Board file format version {format}"));

    h.get_by_label("Close").click();
    h.run();
    assert!(
        h.query_by_label(&format!("retroline {version}")).is_none(),
        "Close closes About"
    );
}
