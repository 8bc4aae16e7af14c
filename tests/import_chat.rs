//! The timeline from the incident channel and the pager: a Slack export written for these tests
//! (two channels, a bot, a thread, joins and a topic change, pins and 📌 reactions, markup and
//! entities, an incident over two days) and a PagerDuty log with every entry type import exactly
//! the expected events; bad and huge inputs are refused with a message and write nothing.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use retroline::io::board_file;
use retroline::model::Board;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn retroline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_retroline"))
        .args(args)
        // The board's offset is this computer's: UTC here, so times read as written.
        .env("TZ", "UTC")
        .output()
        .expect("the binary runs")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Imports with `args` into a new board in `dir` and reads it back.
fn import(dir: &Path, args: &[&str]) -> Board {
    let out = dir.join("board.ron");
    let _ = std::fs::remove_file(&out);
    let mut all = vec!["import", "-o", s(&out)];
    all.extend_from_slice(args);
    let run = retroline(&all);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    board_file::load(&out).unwrap_or_else(|e| panic!("{e}"))
}

/// Each event as (UTC time, lane, title), in time order.
fn events(board: &Board) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = board
        .events
        .iter()
        .map(|e| {
            (
                e.time.to_utc().to_rfc3339(),
                board
                    .lane(e.lane)
                    .map(|l| l.name.clone())
                    .unwrap_or_default(),
                e.title.clone(),
            )
        })
        .collect();
    out.sort();
    out
}

fn row(time: &str, lane: &str, title: &str) -> (String, String, String) {
    (time.to_owned(), lane.to_owned(), title.to_owned())
}

/// What the pinned and 📌 messages of #incident-checkout become.
fn pinned_events() -> Vec<(String, String, String)> {
    let all_clear = format!(
        "All clear @here: checkout is back. Postmortem on Tuesday, see {}",
        "x".repeat(200)
    );
    let cut: String = all_clear.chars().take(120).collect();
    let cut = format!("{}…", &cut[..cut.rfind(' ').expect("a space")]);
    vec![
        row(
            "2026-03-13T23:50:00Z",
            "Communication",
            "Deploy of checkout v4.18 started",
        ),
        row(
            "2026-03-14T01:04:00Z",
            "Technical",
            "Triggered: #1234 Checkout 5xx rate above 20%",
        ),
        row(
            "2026-03-14T01:10:00Z",
            "Communication",
            "@Ben Carter can you check the pool? <db-01> looks saturated & slow",
        ),
        row(
            "2026-03-14T01:32:00Z",
            "Communication",
            "Pool size is 10, was 50 before v4.18 #incident-checkout",
        ),
        row(
            "2026-03-14T01:40:00Z",
            "Communication",
            "Status page updated: https://status.example",
        ),
        row("2026-03-15T00:20:00Z", "Communication", &cut),
    ]
}

#[test]
fn a_slack_export_gives_exactly_its_pinned_messages_as_events() {
    let dir = tempfile::tempdir().expect("temp dir");
    let export = fixtures().join("slack-export");
    let board = import(
        dir.path(),
        &["--slack", s(&export), "--channel", "incident-checkout"],
    );
    assert_eq!(events(&board), pinned_events());
    // The whole message, and who wrote it, are in the notes.
    let status = board
        .events
        .iter()
        .find(|e| e.title.starts_with("Status page"))
        .expect("status");
    assert_eq!(
        status.notes,
        "Ana: Status page updated: https://status.example\nWe will post again in 15 minutes"
    );
    let trigger = board
        .events
        .iter()
        .find(|e| e.title.starts_with("Triggered"))
        .expect("trigger");
    assert!(
        trigger.notes.starts_with("PagerDuty: Triggered"),
        "{}",
        trigger.notes
    );

    // With --all: every message but the channel's housekeeping (the join, the topic).
    let all = import(
        dir.path(),
        &[
            "--slack",
            s(&export),
            "--channel",
            "#incident-checkout",
            "--all",
        ],
    );
    let titles: Vec<String> = events(&all).into_iter().map(|(_, _, t)| t).collect();
    assert_eq!(titles.len(), pinned_events().len() + 2);
    assert!(titles.contains(&"On it".to_owned()));
    assert!(titles.contains(&"coffee anyone?".to_owned()));
    assert!(
        !titles
            .iter()
            .any(|t| t.contains("joined") || t.contains("topic"))
    );
    assert!(
        !titles.iter().any(|t| t.contains("Lunch")),
        "another channel's"
    );

    // A time window: the second day of the incident only.
    let window = import(
        dir.path(),
        &[
            "--slack",
            s(&export),
            "--channel",
            "incident-checkout",
            "--from",
            "2026-03-14T00:00:00Z",
            "--to",
            "2026-03-14T23:59:59Z",
        ],
    );
    assert_eq!(events(&window), pinned_events()[1..5].to_vec());
}

/// `dir` with everything under it, as a ZIP under one top folder (as Slack's downloads unpack).
fn zip_of(dir: &Path, out: &Path, top: &str, extra: &[(&str, &[u8])]) {
    let file = std::fs::File::create(out).expect("zip file");
    let mut zip = zip::ZipWriter::new(file);
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("list") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    for path in files {
        let name = path.strip_prefix(dir).expect("inside");
        zip.start_file(format!("{top}{}", name.display()), options)
            .expect("entry");
        zip.write_all(&std::fs::read(&path).expect("read"))
            .expect("write");
    }
    for (name, bytes) in extra {
        zip.start_file(*name, options).expect("entry");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("finish");
}

#[test]
fn the_zip_slack_gives_is_read_as_its_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let zip = dir.path().join("Acme Slack export Mar 14 2026.zip");
    zip_of(
        &fixtures().join("slack-export"),
        &zip,
        "Acme Slack export/",
        &[],
    );
    let board = import(
        dir.path(),
        &["--slack", s(&zip), "--channel", "incident-checkout"],
    );
    assert_eq!(events(&board), pinned_events());
}

#[test]
fn a_pagerduty_log_gives_the_incidents_course_in_the_technical_lane() {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = fixtures().join("pagerduty-log.json");
    let board = import(dir.path(), &["--pagerduty", s(&log)]);
    assert_eq!(
        events(&board),
        vec![
            row(
                "2026-03-14T01:04:00Z",
                "Technical",
                "Triggered through the API"
            ),
            row(
                "2026-03-14T01:06:00Z",
                "Technical",
                "Acknowledged by Ana Lima"
            ),
            row(
                "2026-03-14T01:20:00Z",
                "Technical",
                "Escalated to level 2: Database on-call"
            ),
            row(
                "2026-03-14T01:35:00Z",
                "Technical",
                "Pool size default changed in v4.18; rolling back"
            ),
            row(
                "2026-03-14T02:10:00Z",
                "Technical",
                "Resolved by Ben Carter"
            ),
        ]
    );
    // Notifications and the other entries come with --all.
    let all = import(dir.path(), &["--pagerduty", s(&log), "--all"]);
    let titles: Vec<String> = events(&all).into_iter().map(|(_, _, t)| t).collect();
    assert_eq!(titles.len(), 7);
    assert!(titles.contains(&"Notified Ana Lima by SMS".to_owned()));
    assert!(titles.contains(&"Assigned to Ben Carter".to_owned()));
}

#[test]
fn slack_pagerduty_and_a_csv_combine_and_the_same_event_is_kept_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("events.csv");
    std::fs::write(
        &csv,
        "time,title,lane\n2026-03-14T01:06:00Z,Acknowledged by Ana Lima,Technical\n\
         2026-03-14T01:50:00Z,Rollback to v4.17 starts,Technical\n",
    )
    .expect("csv");
    let feelings = dir.path().join("feelings.csv");
    std::fs::write(
        &feelings,
        "participant,time,valence\nAna Lima,2026-03-14T01:10:00Z,-3\n",
    )
    .expect("csv");
    let board = import(
        dir.path(),
        &[
            "--events",
            s(&csv),
            "--slack",
            s(&fixtures().join("slack-export")),
            "--channel",
            "incident-checkout",
            "--pagerduty",
            s(&fixtures().join("pagerduty-log.json")),
            "--feelings",
            s(&feelings),
        ],
    );
    let titles: Vec<String> = events(&board).into_iter().map(|(_, _, t)| t).collect();
    assert_eq!(
        titles.len(),
        2 + pinned_events().len() + 5 - 1,
        "{titles:?}"
    );
    assert_eq!(
        titles
            .iter()
            .filter(|t| *t == "Acknowledged by Ana Lima")
            .count(),
        1,
        "kept once"
    );
    assert_eq!(board.feelings.len(), 1);
}

/// Runs an import that must fail; returns its message, having checked it wrote nothing.
fn refused(dir: &Path, args: &[&str]) -> String {
    let out = dir.join("refused.ron");
    let mut all = vec!["import", "-o", s(&out)];
    all.extend_from_slice(args);
    let run = retroline(&all);
    assert_eq!(run.status.code(), Some(1), "{args:?} was accepted");
    assert!(!out.exists(), "a refused import wrote a board");
    String::from_utf8_lossy(&run.stderr).into_owned()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for entry in std::fs::read_dir(from).expect("list") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

#[test]
fn deleted_and_hidden_slack_messages_are_left_out_with_their_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let export = dir.path().join("export");
    copy_dir(&fixtures().join("slack-export"), &export);
    std::fs::write(
        export.join("incident-checkout").join("2026-03-16.json"),
        r#"[
 {"type": "message", "subtype": "tombstone", "user": "USLACKBOT",
  "text": "This message was deleted.", "ts": "1773655200.000100", "pinned_to": ["C1"]},
 {"type": "message", "subtype": "message_changed", "hidden": true,
  "text": "Rollback was my fault", "ts": "1773655260.000100"},
 {"type": "message", "user": "U1", "text": "Postmortem booked", "ts": "1773655320.000100"}
]"#,
    )
    .expect("write");
    let all = import(
        dir.path(),
        &[
            "--slack",
            s(&export),
            "--channel",
            "incident-checkout",
            "--all",
        ],
    );
    let titles: Vec<String> = events(&all).into_iter().map(|(_, _, t)| t).collect();
    assert!(
        titles.contains(&"Postmortem booked".to_owned()),
        "{titles:?}"
    );
    assert!(
        !titles
            .iter()
            .any(|t| t.contains("deleted") || t.contains("my fault")),
        "{titles:?}"
    );
    // The preview says why.
    let offset = jiff::tz::Offset::UTC;
    let candidates = retroline::io::incident_import::read_slack(
        &export,
        "incident-checkout",
        None,
        None,
        offset,
    )
    .expect("read");
    let filters = retroline::io::incident_import::Filters {
        all: true,
        ..Default::default()
    };
    let picked = retroline::io::incident_import::select(&candidates, &filters, &[]);
    let reasons: Vec<&str> = picked
        .left_out
        .iter()
        .map(|(_, why)| why.as_str())
        .collect();
    assert!(reasons.contains(&"a deleted message"), "{reasons:?}");
    assert!(reasons.contains(&"a message Slack hides"), "{reasons:?}");
}

#[test]
fn bad_and_huge_inputs_are_refused_with_a_message_that_names_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A malformed day file: its path, line and column. A window that leaves it out never
    // reads it: only the day files inside the window are.
    let export = dir.path().join("export");
    copy_dir(&fixtures().join("slack-export"), &export);
    let bad_day = export.join("incident-checkout/2026-01-02.json");
    std::fs::write(&bad_day, "[\n  {\"type\": \"message\", \"ts\": }\n]\n").expect("write");
    let why = refused(
        dir.path(),
        &["--slack", s(&export), "--channel", "incident-checkout"],
    );
    assert!(
        why.starts_with(&format!("{}:2:", bad_day.display())),
        "{why}"
    );
    let board = import(
        dir.path(),
        &[
            "--slack",
            s(&export),
            "--channel",
            "incident-checkout",
            "--from",
            "2026-03-01T00:00:00Z",
        ],
    );
    assert_eq!(board.events.len(), pinned_events().len());

    // An entry that climbs out of the export's folder.
    let evil = dir.path().join("evil.zip");
    zip_of(
        &fixtures().join("slack-export"),
        &evil,
        "",
        &[("../../outside.json", b"[]")],
    );
    let why = refused(
        dir.path(),
        &["--slack", s(&evil), "--channel", "incident-checkout"],
    );
    assert!(why.contains("points outside the export's folder"), "{why}");

    // A ZIP that says it unpacks to gigabytes: its directory is read, nothing is unpacked.
    let bomb = dir.path().join("bomb.zip");
    zip_of(
        &fixtures().join("slack-export"),
        &bomb,
        "",
        &[("a.json", b"[]"), ("b.json", b"[]")],
    );
    let mut bytes = std::fs::read(&bomb).expect("zip");
    // Each central directory entry's uncompressed size (offset 24 from its signature).
    let mut at = 0;
    while let Some(i) = bytes[at..].windows(4).position(|w| w == b"PK\x01\x02") {
        let entry = at + i;
        bytes[entry + 24..entry + 28].copy_from_slice(&0xFFFF_FF00u32.to_le_bytes());
        at = entry + 4;
    }
    std::fs::write(&bomb, &bytes).expect("write");
    let why = refused(
        dir.path(),
        &["--slack", s(&bomb), "--channel", "incident-checkout"],
    );
    assert!(why.contains("past the limit"), "{why}");

    // A 2 GB file.
    let huge = dir.path().join("huge.json");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(2 << 30))
        .expect("sparse file");
    let why = refused(dir.path(), &["--pagerduty", s(&huge)]);
    assert!(why.starts_with(&huge.display().to_string()), "{why}");
    assert!(why.contains("MiB"), "{why}");

    // A channel whose name would lead out of the export's folder.
    let climbing = dir.path().join("climbing");
    copy_dir(&fixtures().join("slack-export"), &climbing);
    std::fs::write(
        climbing.join("channels.json"),
        r#"[{"id":"C9","name":"../../incident"}]"#,
    )
    .expect("write");
    let why = refused(dir.path(), &["--slack", s(&climbing), "--channel", "C9"]);
    assert!(why.contains("is not a folder inside the export"), "{why}");

    // A log that is not PagerDuty's, a channel the export does not have.
    let not_pd = dir.path().join("not.json");
    std::fs::write(&not_pd, "{\"entries\": []}").expect("write");
    let why = refused(dir.path(), &["--pagerduty", s(&not_pd)]);
    assert!(why.contains("not a PagerDuty log"), "{why}");
    let why = refused(dir.path(), &["--slack", s(&export), "--channel", "no-such"]);
    assert!(why.contains("has no channel \"no-such\""), "{why}");
    assert!(why.contains("incident-checkout"), "{why}");
}
