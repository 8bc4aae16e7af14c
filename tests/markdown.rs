//! The Markdown report of the sample board, against a golden file, and `export` as a user runs it.

use std::path::Path;
use std::process::Command;

use retroline::io::{board_file, markdown};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `UPDATE_GOLDEN=1 cargo test --test markdown` rewrites the golden file after a deliberate change.
#[test]
fn the_sample_report_matches_its_golden_file() {
    let board = board_file::load(&root().join("assets/examples/incident-checkout-outage.ron"))
        .unwrap_or_else(|e| panic!("{e}"));
    let report = markdown::report(&board, false);
    let golden = root().join("tests/golden/incident-checkout-outage.md");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &report).expect("write golden");
    }
    let expected = std::fs::read_to_string(&golden).expect("golden file");
    assert_eq!(
        report, expected,
        "run with UPDATE_GOLDEN=1 after a deliberate change"
    );
}

#[test]
fn export_writes_the_report_and_a_failed_export_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("report.md");
    let board = root().join("assets/examples/sprint-retro.ron");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_retroline"))
            .args(args)
            .output()
            .expect("runs")
    };
    let ok = run(&[
        "export",
        board.to_str().expect("utf-8"),
        "--markdown",
        out.to_str().expect("utf-8"),
        "--anonymous",
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let text = std::fs::read_to_string(&out).expect("report");
    assert!(text.starts_with("# Sprint 42 retrospective"), "{text}");
    assert!(text.contains("Participant 1"), "anonymous labels");

    let missing_dir = dir.path().join("no/such/folder/report.md");
    let failed = run(&[
        "export",
        board.to_str().expect("utf-8"),
        "--markdown",
        missing_dir.to_str().expect("utf-8"),
    ]);
    assert!(!failed.status.success());
    let err = String::from_utf8_lossy(&failed.stderr);
    assert!(
        err.starts_with(&format!("{}: cannot write", missing_dir.display())),
        "{err}"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .collect();
    assert_eq!(
        names.len(),
        1,
        "only the first report, no partial files: {names:?}"
    );
}
