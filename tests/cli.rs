//! The headless commands, run as a user runs them: the real binary, real files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn retroline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_retroline"))
        .args(args)
        .output()
        .expect("the retroline binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    let mut boards: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("assets/examples exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    boards.sort();
    boards
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn check_passes_on_every_sample_board_and_counts_its_divergences() {
    let boards = examples();
    assert!(boards.len() >= 2, "two sample boards at least: {boards:?}");
    for board in boards {
        let out = retroline(&["check", s(&board)]);
        assert!(
            out.status.success(),
            "{}: {}",
            board.display(),
            stderr(&out)
        );
        let text = stdout(&out);
        assert!(text.starts_with(s(&board)), "{text}");
        let count: usize = text
            .split(" divergence")
            .next()
            .and_then(|before| before.rsplit(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no divergence count in: {text}"));
        assert!(count >= 1, "each sample shows a divergence: {text}");
    }
}

/// A scenario whose spans can be worked out by hand:
/// Ana is steady at +3 from 02:00 to 03:00. Ben falls from +2 at 02:00 to −2 at 02:08, crossing −1
/// at 02:06:00, then recovers to +2 at 02:20, crossing −1 again at 02:11:00. Cleo gives one feeling,
/// −4 at 02:40:30 (+01:00 offset in the file: 01:40:30Z is before everybody, so she diverges with
/// nobody); Dan is at −3 at 02:50 only, while Ana is up: an isolated instant.
const EVENTS: &str = "time,title,lane,notes\n\
2026-03-14T02:00:00Z,Alert fires,Technical,\"p99 latency > 2s, for 5 minutes\"\n\
2026-03-14T02:06:00Z,Manager calls in,Communication,\n\
2026-03-14T02:20:00Z,Rollback done,Technical,\"\"\"it works\"\" – Ben\"\n";
const FEELINGS: &str = "valence,participant,time,emotion,mood_colour\n\
3,Ana,2026-03-14T02:00:00Z,calm,green\n\
3,Ana,2026-03-14T03:00:00Z,calm,\n\
2,Ben,2026-03-14T02:00:00Z,focused,\n\
-2,Ben,2026-03-14T02:08:00Z,distrusted,\n\
2,Ben,2026-03-14T02:20:00Z,relieved,\n\
-4,Cleo,2026-03-14T02:40:30+01:00,scared,\n\
-3,Dan,2026-03-14T02:50:00Z,angry,\n";

#[test]
fn imported_csvs_give_exactly_the_spans_of_the_rule() {
    let dir = tempfile::tempdir().expect("tempdir");
    let events = dir.path().join("events.csv");
    let feelings = dir.path().join("feelings.csv");
    let board = dir.path().join("board.ron");
    std::fs::write(&events, EVENTS).expect("write");
    std::fs::write(&feelings, FEELINGS).expect("write");
    let out = retroline(&[
        "import",
        "--events",
        s(&events),
        "--feelings",
        s(&feelings),
        "--title",
        "Night of 14 March",
        "-o",
        s(&board),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("3 events"), "{}", stdout(&out));

    let out = retroline(&["divergences", s(&board), "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let expected = serde_json::json!([
        {
            "start": "2026-03-14T02:06:00Z", "end": "2026-03-14T02:11:00Z",
            "peak": "2026-03-14T02:08:00Z", "spread": 5.0,
            "positive": ["Ana"], "negative": ["Ben"]
        },
        {
            "start": "2026-03-14T02:50:00Z", "end": "2026-03-14T02:50:00Z",
            "peak": "2026-03-14T02:50:00Z", "spread": 6.0,
            "positive": ["Ana"], "negative": ["Dan"]
        }
    ]);
    assert_eq!(json, expected);

    let out = retroline(&["divergences", s(&board)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "start\tend\tpeak\tspread\tpositive\tnegative\n\
         2026-03-14T02:06:00Z\t2026-03-14T02:11:00Z\t2026-03-14T02:08:00Z\t5\tAna\tBen\n\
         2026-03-14T02:50:00Z\t2026-03-14T02:50:00Z\t2026-03-14T02:50:00Z\t6\tAna\tDan\n"
    );

    // A wider band: Ben's dip to −2 no longer counts as negative, Dan's −3 still does.
    let out = retroline(&[
        "divergences",
        s(&board),
        "--theta",
        "2.5",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json.as_array().map(Vec::len), Some(1), "{json}");
    assert_eq!(json[0]["negative"], serde_json::json!(["Dan"]));
}

/// Runs a command that must fail: one line on stderr naming the place, a non-zero exit,
/// and every file in the folder exactly as it was.
fn assert_fails_cleanly(dir: &Path, args: &[&str], expected_prefix: &str) -> String {
    let before = snapshot(dir);
    let out = retroline(args);
    assert!(!out.status.success(), "should fail: {args:?}");
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        err.starts_with(expected_prefix),
        "expected {expected_prefix}…, got {err}"
    );
    assert!(
        stdout(&out).is_empty(),
        "nothing on stdout: {}",
        stdout(&out)
    );
    assert_eq!(snapshot(dir), before, "files changed");
    err
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| (e.path(), std::fs::read(e.path()).unwrap_or_default()))
        .collect();
    files.sort();
    files
}

const GOOD_BOARD: &str = r##"Board(
    format_version: 1,
    title: "Small",
    events: [
        Event(id: 1, time: "2026-03-14T02:00:00Z", title: "Alert", lane: 1),
    ],
    participants: [
        Participant(id: 1, name: "Ana", colour: "#0072b2"),
    ],
    feelings: [
        Feeling(id: 1, participant: 1, time: "2026-03-14T02:00:00Z", valence: 2.0),
    ],
)
"##;

#[test]
fn a_truncated_board_names_file_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("truncated.ron");
    std::fs::write(
        &path,
        &GOOD_BOARD[..GOOD_BOARD.find("participants").unwrap_or(0) + 20],
    )
    .expect("write");
    for cmd in ["check", "divergences"] {
        let err = assert_fails_cleanly(dir.path(), &[cmd, s(&path)], &format!("{}:", s(&path)));
        let place: Vec<&str> = err[s(&path).len() + 1..].splitn(3, ':').collect();
        assert!(
            place.len() == 3
                && place[0].parse::<usize>().is_ok()
                && place[1].parse::<usize>().is_ok(),
            "line and column: {err}"
        );
    }
}

#[test]
fn a_wrong_type_in_one_field_names_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("wrong-type.ron");
    std::fs::write(
        &path,
        GOOD_BOARD.replace("valence: 2.0", "valence: \"high\""),
    )
    .expect("write");
    let err = assert_fails_cleanly(
        dir.path(),
        &["check", s(&path)],
        &format!("{}:11:", s(&path)),
    );
    assert!(err.contains("Expected float"), "says what was wrong: {err}");
}

#[test]
fn a_board_from_a_newer_retroline_is_refused_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("future.ron");
    std::fs::write(
        &path,
        GOOD_BOARD
            .replace("format_version: 1", "format_version: 9")
            .replace(
                "title: \"Small\",",
                "title: \"Small\",\n    hologram: true,",
            ),
    )
    .expect("write");
    let err = assert_fails_cleanly(
        dir.path(),
        &["check", s(&path)],
        &format!("{}:2:5:", s(&path)),
    );
    assert!(err.contains("newer retroline"), "{err}");
}

#[test]
fn a_csv_with_a_bad_timestamp_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let events = dir.path().join("events.csv");
    std::fs::write(
        &events,
        "time,title\n2026-03-14T02:00:00Z,Alert\n14/03/2026 02:05,Page\n",
    )
    .expect("write");
    let out = dir.path().join("board.ron");
    let err = assert_fails_cleanly(
        dir.path(),
        &["import", "--events", s(&events), "-o", s(&out)],
        &format!("{}:3: ", s(&events)),
    );
    assert!(err.contains("14/03/2026 02:05"), "{err}");
    assert!(!out.exists());
}

#[test]
fn a_bad_feelings_csv_writes_nothing_even_when_events_were_fine() {
    let dir = tempfile::tempdir().expect("tempdir");
    let events = dir.path().join("events.csv");
    let feelings = dir.path().join("feelings.csv");
    std::fs::write(&events, EVENTS).expect("write");
    std::fs::write(&feelings, FEELINGS.replace("-2,Ben", "-9,Ben")).expect("write");
    let out = dir.path().join("board.ron");
    assert_fails_cleanly(
        dir.path(),
        &[
            "import",
            "--events",
            s(&events),
            "--feelings",
            s(&feelings),
            "-o",
            s(&out),
        ],
        &format!("{}:5: valence -9", s(&feelings)),
    );
}

#[test]
fn import_does_not_replace_a_board_unless_forced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let events = dir.path().join("events.csv");
    std::fs::write(&events, EVENTS).expect("write");
    let out = dir.path().join("board.ron");
    std::fs::write(&out, GOOD_BOARD).expect("write");
    assert_fails_cleanly(
        dir.path(),
        &["import", "--events", s(&events), "-o", s(&out)],
        &format!("{}: already exists", s(&out)),
    );
    let forced = retroline(&["import", "--events", s(&events), "-o", s(&out), "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    let check = retroline(&["check", s(&out)]);
    assert!(stdout(&check).contains("3 events"), "{}", stdout(&check));
}

#[test]
fn a_missing_file_is_a_one_line_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("nope.ron");
    assert_fails_cleanly(
        dir.path(),
        &["check", s(&path)],
        &format!("{}: cannot open: no such file", s(&path)),
    );
}

#[test]
fn theta_outside_the_scale_is_refused() {
    let out = retroline(&["divergences", "x.ron", "--theta", "0"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("θ must be above 0"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn generate_writes_the_same_board_of_the_size_asked_and_keeps_an_existing_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    for out in [&a, &b] {
        let o = retroline(&["generate", "--size", "s", "-o", s(out)]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            stdout(&o).contains("30 events in 5 lanes (5 used), 8 participants with 80 feelings"),
            "{}",
            stdout(&o)
        );
    }
    assert_eq!(std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
    let check = retroline(&["check", s(&a)]);
    assert!(check.status.success(), "{}", stderr(&check));

    let before = std::fs::read(&a).expect("a");
    let o = retroline(&["generate", "--size", "m", "-o", s(&a)]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("already exists; pass --force"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&a).expect("a"), before);
}

fn sample_copy(dir: &Path) -> PathBuf {
    let board = dir.join("s.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/incident-checkout-outage.ron"),
        &board,
    )
    .expect("copied");
    board
}

#[test]
fn an_export_never_writes_over_its_own_board() {
    let dir = tempfile::tempdir().expect("temp dir");
    let board = sample_copy(dir.path());
    let before = std::fs::read(&board).expect("read");
    let out = retroline(&["export", s(&board), "--markdown", s(&board)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("that is the board itself"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read(&board).expect("read"),
        before,
        "the board is untouched"
    );
    // The same file under another spelling too.
    let other = format!("{}/./s.ron", dir.path().display());
    let out = retroline(&["export", s(&board), "--markdown", &other]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&board).expect("read"), before);
}

#[test]
fn an_export_that_cannot_write_every_output_leaves_none() {
    let dir = tempfile::tempdir().expect("temp dir");
    let board = sample_copy(dir.path());
    let png = dir.path().join("ok.png");
    let md = dir.path().join("nosuch").join("r.md");
    let out = retroline(&["export", s(&board), "--png", s(&png), "--markdown", s(&md)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!png.exists(), "ok.png was left behind");
    assert!(
        stderr(&out).contains("nothing was written"),
        "{}",
        stderr(&out)
    );
}

// Named pipes and /dev devices are Unix things.
#[cfg(unix)]
#[test]
fn pipes_and_devices_are_refused_without_hanging() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pipe = dir.path().join("board.ron");
    assert!(
        Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .expect("mkfifo runs")
            .success()
    );
    // A pipe with nobody writing: reading it would wait forever.
    let mut child = Command::new(env!("CARGO_BIN_EXE_retroline"))
        .args(["check", s(&pipe)])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waits") {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            panic!("check hangs on a pipe");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(1));
    for device in ["/dev/zero", "/dev/null"] {
        let out = retroline(&["check", device]);
        assert_eq!(out.status.code(), Some(1), "{device}");
        assert!(
            stderr(&out).contains("only regular files"),
            "{}",
            stderr(&out)
        );
    }
    // An output that is a pipe stays one.
    let board = sample_copy(dir.path());
    let out = retroline(&["export", s(&board), "--markdown", s(&pipe)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!std::fs::metadata(&pipe).expect("there").is_file());
}

#[test]
fn board_text_never_reaches_the_terminal_or_a_spreadsheet_live() {
    let dir = tempfile::tempdir().expect("temp dir");
    let board = sample_copy(dir.path());
    let text = std::fs::read_to_string(&board).expect("read");
    // A title that would retitle the terminal, and a participant named like a formula.
    let text = text
        .replacen(
            "title: \"Checkout outage, night of 14 March\"",
            "title: \"Outage\u{1b}]0;owned\u{7}\u{202e}\"",
            1,
        )
        .replacen(
            "name: \"Ana Lima\"",
            "name: \"=HYPERLINK(\\\"http://x\\\")\"",
            1,
        );
    std::fs::write(&board, text).expect("written");
    let out = retroline(&["check", s(&board)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !out.stdout.contains(&0x1b),
        "an escape byte reached the terminal"
    );
    assert!(!out.stdout.contains(&0x07));
    assert!(
        stdout(&out).contains("\\u001B]0;owned\\u0007\\u202E"),
        "{}",
        stdout(&out)
    );
    let out = retroline(&["divergences", s(&board)]);
    assert!(out.status.success(), "{}", stderr(&out));
    for line in stdout(&out).lines().skip(1) {
        for cell in line.split('\t') {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "a live formula: {cell}"
            );
        }
    }
    assert!(stdout(&out).contains("'=HYPERLINK"), "{}", stdout(&out));
}

#[test]
fn a_huge_field_is_refused_the_same_way_on_import_and_on_load() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("events.csv");
    let title = "x".repeat(5_000_000);
    std::fs::write(
        &csv,
        format!("time,title\n2026-03-14T01:00:00+01:00,{title}\n"),
    )
    .expect("written");
    let board = dir.path().join("b.ron");
    let out = retroline(&["import", "--events", s(&csv), "-o", s(&board)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!board.exists(), "import wrote what load refuses");
    assert!(
        stderr(&out).contains("longer than 1000 characters"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).len() < 2_000, "the message stays short");

    // The same title in a board file, as an editor or another program could write it.
    let sample = sample_copy(dir.path());
    let text = std::fs::read_to_string(&sample).expect("read").replacen(
        "title: \"Nightly deploy of checkout v4.18\"",
        &format!("title: \"{title}\""),
        1,
    );
    std::fs::write(&sample, text).expect("written");
    let out = retroline(&["check", s(&sample)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("title is longer than 1000 characters"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn action_items_go_to_a_tracker_csv_and_typed_text_stays_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let board = sample_copy(dir.path());
    let hostile =
        r#"![x](http://tracker.example/p.gif) <script>alert(1)</script> =HYPERLINK(\"x\")"#;
    let text = std::fs::read_to_string(&board).expect("read").replacen(
        "text: \"Show the effective database pool settings",
        &format!("text: \"{hostile} Show the effective database pool settings"),
        1,
    );
    std::fs::write(&board, text).expect("written");
    let csv = dir.path().join("actions.csv");
    let out = retroline(&["export", s(&board), "--actions-csv", s(&csv)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("3 action items"), "{}", stdout(&out));
    let written = std::fs::read_to_string(&csv).expect("written");
    assert!(written.starts_with("Summary,Description,Assignee,Due date,Status\r\n"));
    assert!(
        written.contains("<script>alert(1)</script>"),
        "kept as text"
    );
    for line in written.lines() {
        assert!(!line.starts_with(['=', '+', '-', '@']), "{line}");
    }
    // Without an output, it says which to give.
    let out = retroline(&["export", s(&board)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--actions-csv"), "{}", stderr(&out));
}

#[test]
fn a_report_exported_with_its_picture_shows_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let board = sample_copy(dir.path());
    let png = dir.path().join("outage picture.png");
    let md = dir.path().join("outage.md");
    let out = retroline(&["export", s(&board), "--png", s(&png), "--markdown", s(&md)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = std::fs::read_to_string(&md).expect("written");
    assert!(
        report.contains("![The board](<outage picture.png>)"),
        "{report}"
    );
    // Emotion words and notes are in the record.
    assert!(
        report.contains("“alarmed”: Paged out of deep sleep."),
        "{report}"
    );
}

#[test]
fn a_hostile_title_stays_inert_text_in_the_picture_the_page_the_report_and_the_csv() {
    let dir = tempfile::tempdir().expect("temp dir");
    let board = sample_copy(dir.path());
    // In RON: the board's title and the title of an event the first action item came from.
    let hostile =
        r#"![x](http://tracker.example/p.gif) <script>alert(1)</script> =HYPERLINK(\"x\")"#;
    let typed = hostile.replace("\\\"", "\"");
    let text = std::fs::read_to_string(&board)
        .expect("read")
        .replacen(
            "title: \"Checkout outage, night of 14 March\"",
            &format!("title: \"{hostile}\""),
            1,
        )
        .replacen(
            "title: \"Nightly deploy of checkout v4.18\"",
            &format!("title: \"{hostile}\""),
            1,
        );
    std::fs::write(&board, text).expect("written");
    let (png, html, md, csv) = (
        dir.path().join("b.png"),
        dir.path().join("b.html"),
        dir.path().join("b.md"),
        dir.path().join("b.csv"),
    );
    let out = retroline(&[
        "export",
        s(&board),
        "--png",
        s(&png),
        "--html",
        s(&html),
        "--markdown",
        s(&md),
        "--actions-csv",
        s(&csv),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(image::open(&png).is_ok(), "a picture");

    let page = std::fs::read_to_string(&html).expect("page");
    assert!(!page.contains("<script"), "no script element");
    assert!(
        !page.contains("http://tracker.example/p.gif\""),
        "no address in an attribute"
    );
    assert_eq!(
        page.matches("<img ").count(),
        1,
        "the picture is the only image"
    );
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "shown as text"
    );

    let report = std::fs::read_to_string(&md).expect("report");
    assert!(!report.contains("<script>"), "no raw HTML in the Markdown");
    assert!(!report.contains("![x]("), "no image in the Markdown");
    assert!(
        report.contains(r"\!\[x\](http://tracker.example/p.gif)"),
        "{report}"
    );

    let rows = std::fs::read_to_string(&csv).expect("csv");
    assert!(
        rows.contains(&typed.replace('"', "\"\"")),
        "the event's title in the description"
    );
    for cell in rows.split([',', '\n']) {
        let cell = cell.trim_start_matches('"');
        assert!(!cell.starts_with(['=', '+', '@']), "a live formula: {cell}");
    }
}

#[test]
fn new_from_carries_exactly_the_open_action_items_the_lanes_and_the_people() {
    let dir = tempfile::tempdir().expect("temp dir");
    let prev = sample_copy(dir.path());
    // The sample's three action items are open; one more, done, is added.
    let text = std::fs::read_to_string(&prev).expect("read").replacen(
        "    action_items: [\n",
        "    action_items: [\n        ActionItem(\n            id: 9,\n            text: \"Already done\",\n            status: Done,\n        ),\n",
        1,
    );
    std::fs::write(&prev, text).expect("written");
    let before = retroline_board(&prev);
    assert_eq!(before.action_items.len(), 4);
    let next = dir.path().join("next.ron");
    let out = retroline(&[
        "new",
        "--from",
        s(&prev),
        "-o",
        s(&next),
        "--title",
        "Checkout follow-up",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let board = retroline_board(&next);
    assert_eq!(board.title, "Checkout follow-up");
    let carried: Vec<&str> = board.carried.iter().map(|c| c.text.as_str()).collect();
    let open: Vec<&str> = before
        .action_items
        .iter()
        .filter(|a| a.status == retroline::model::ActionStatus::Open)
        .map(|a| a.text.as_str())
        .collect();
    assert_eq!(carried, open, "exactly the open ones");
    assert_eq!(carried.len(), 3);
    assert!(board.carried.iter().all(|c| c.from == before.title));
    assert_eq!(board.lanes, before.lanes);
    assert_eq!(board.participants, before.participants);
    assert!(board.events.is_empty() && board.feelings.is_empty() && board.action_items.is_empty());
    let check = retroline(&["check", s(&next)]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        stdout(&check).contains("Last time's action items: 3 to review, 0 done"),
        "{}",
        stdout(&check)
    );
    // It never writes over a board that is there, nor over the last board.
    let again = retroline(&["new", "--from", s(&prev), "-o", s(&next)]);
    assert_eq!(again.status.code(), Some(1));
    let onto = retroline(&["new", "--from", s(&prev), "-o", s(&prev), "--force"]);
    assert_eq!(onto.status.code(), Some(1));
    assert_eq!(
        retroline_board(&prev),
        before,
        "the last board is untouched"
    );
}

fn retroline_board(path: &Path) -> retroline::model::Board {
    retroline::io::board_file::load(path).unwrap_or_else(|e| panic!("{e}"))
}
