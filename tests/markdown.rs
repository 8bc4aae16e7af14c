//! The Markdown report of the sample board, against a golden file, and `export` as a user runs it.

use std::path::Path;
use std::process::Command;

use retroline::io::{board_file, markdown};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sample() -> retroline::model::Board {
    board_file::load(&root().join("assets/examples/incident-checkout-outage.ron"))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// `UPDATE_GOLDEN=1 cargo test --test markdown` rewrites the golden file after a deliberate change.
/// It is read in the board's own year (2026), whatever year the test runs in.
#[test]
fn the_sample_report_matches_its_golden_file() {
    let board = sample();
    let report = markdown::report_on(&board, false, jiff::civil::date(2026, 3, 17));
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
fn a_report_read_in_another_year_shows_the_year_of_every_date() {
    let board = sample();
    let this_year = markdown::report_on(&board, false, jiff::civil::date(2026, 12, 31));
    let next_year = markdown::report_on(&board, false, jiff::civil::date(2027, 1, 1));
    assert!(
        this_year.contains("Incident board, Sat 14 Mar 01:30 to Sat 14 Mar 05:20 (UTC+01:00)."),
        "{this_year}"
    );
    assert!(
        next_year.contains(
            "Incident board, Sat 14 Mar 2026 01:30 to Sat 14 Mar 2026 05:20 (UTC+01:00)."
        ),
        "{next_year}"
    );
    assert!(
        next_year.contains("> Shown Tue 17 Mar 2026 10:00."),
        "{next_year}"
    );
    assert!(
        next_year
            .contains("| Sat 14 Mar 2026 02:04 | Technical | Checkout error-rate alert fires |"),
        "{next_year}"
    );
    assert!(
        next_year.contains("divergence Sat 14 Mar 2026 03:02 to Sat 14 Mar 2026 03:22"),
        "{next_year}"
    );
    // Only the dates change.
    let strip = |text: &str| text.replace(" 2026 ", " ");
    assert_eq!(strip(&next_year), strip(&this_year));
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

/// An action item from a divergence names it as the report lists it, by its span, in the
/// Markdown and HTML reports alike: not by the moment of its peak, which the list never shows.
#[test]
fn an_action_from_a_divergence_names_the_divergence_by_its_span() {
    let board = sample();
    let spans = retroline::analysis::divergences(&board, board.settings.neutral_band);
    let first = spans.first().expect("the sample diverges");
    assert!(
        board.action_items.iter().any(|a| a.links.iter().any(|l| matches!(
            l,
            retroline::model::Link::Divergence(m)
                if m.unix_nanos() > first.start.unix_nanos() && m.unix_nanos() < first.end.unix_nanos()
        ))),
        "the sample links an action to a moment inside the first divergence"
    );
    let md = markdown::report_on(&board, false, jiff::civil::date(2026, 3, 17));
    assert!(
        md.contains("| Sat 14 Mar 03:02 to Sat 14 Mar 03:22 |"),
        "the list"
    );
    assert!(
        md.contains("divergence Sat 14 Mar 03:02 to Sat 14 Mar 03:22;"),
        "the action's From column: {md}"
    );
    assert!(!md.contains("divergence at"), "no peak named");
    let html = retroline::io::html::html_report(&board, false, &[]);
    assert!(!html.contains("divergence at"), "no peak named in HTML");
    let named = html
        .split("the divergence ")
        .skip(1)
        .filter(|rest| {
            rest.split('<')
                .next()
                .is_some_and(|n| n.contains("03:02 to ") && n.contains("03:22"))
        })
        .count();
    assert!(named >= 1, "the HTML names the span");
}
