//! `retroline trends` on a folder of 52 generated weekly boards, a chain of three made with
//! `new --from` from the sample sprint board, and a malformed file: the numbers are worked out
//! again here from the files themselves.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use retroline::io::board_file;
use retroline::model::{ActionStatus, Board};

fn retroline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_retroline"))
        .args(args)
        .output()
        .expect("the retroline binary runs")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The folder: week-01.ron … week-52.ron, sprint-42/43/44.ron and broken.ron.
fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let boards = dir.path().join("boards");
    ok(&retroline(&[
        "generate",
        "--size",
        "s",
        "--weeks",
        "52",
        "-o",
        s(&boards),
    ]));
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/sprint-retro.ron");
    let first = boards.join("sprint-42.ron");
    std::fs::copy(&sample, &first).expect("the sample is copied");
    let second = boards.join("sprint-43.ron");
    let third = boards.join("sprint-44.ron");
    ok(&retroline(&[
        "new",
        "--from",
        s(&first),
        "-o",
        s(&second),
        "--title",
        "Sprint 43",
    ]));
    ok(&retroline(&[
        "new",
        "--from",
        s(&second),
        "-o",
        s(&third),
        "--title",
        "<script>alert(1)</script>",
    ]));
    std::fs::write(
        boards.join("broken.ron"),
        "Board(format_version: 2, title: \"x\", events: [",
    )
    .expect("written");
    (dir, boards)
}

/// Each line's value at `t`, from the feelings as they are in the file.
fn value_at(points: &[(f64, f64)], t: f64) -> Option<f64> {
    let (first, last) = (points.first()?, points.last()?);
    if t < first.0 || t > last.0 {
        return None;
    }
    for w in points.windows(2) {
        if w[0].0 <= t && t <= w[1].0 {
            if w[1].0 == w[0].0 {
                return Some(w[1].1);
            }
            return Some(w[0].1 + (t - w[0].0) / (w[1].0 - w[0].0) * (w[1].1 - w[0].1));
        }
    }
    Some(first.1)
}

/// The mean, over the moments someone plotted with two lines or more, of max − min there.
fn spread(board: &Board) -> Option<f64> {
    let mut lines: std::collections::BTreeMap<u32, Vec<(f64, f64)>> = Default::default();
    for f in &board.feelings {
        lines
            .entry(f.participant.0)
            .or_default()
            .push((f.time.unix_seconds_f64(), f.valence));
    }
    for l in lines.values_mut() {
        l.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    let mut times: Vec<f64> = board
        .feelings
        .iter()
        .map(|f| f.time.unix_seconds_f64())
        .collect();
    times.sort_by(f64::total_cmp);
    times.dedup();
    let spreads: Vec<f64> = times
        .iter()
        .filter_map(|&t| {
            let v: Vec<f64> = lines.values().filter_map(|l| value_at(l, t)).collect();
            (v.len() >= 2).then(|| {
                v.iter().copied().fold(f64::MIN, f64::max)
                    - v.iter().copied().fold(f64::MAX, f64::min)
            })
        })
        .collect();
    (!spreads.is_empty()).then(|| spreads.iter().sum::<f64>() / spreads.len() as f64)
}

fn close(a: &serde_json::Value, b: Option<f64>, what: &str) {
    match b {
        Some(b) => {
            let a = a.as_f64().unwrap_or_else(|| panic!("{what}: {a}"));
            assert!((a - b).abs() < 1e-6, "{what}: {a} against {b}");
        }
        None => assert!(a.is_null(), "{what}: {a}"),
    }
}

#[test]
fn trends_of_52_weeks_and_a_chain_of_three_match_the_files() {
    let (_dir, boards) = folder();
    let out = retroline(&["trends", s(&boards), "--format", "json"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        stderr.contains("broken.ron:1:") && stderr.contains("(skipped)"),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(&out)).expect("JSON");
    let rows = json["boards"].as_array().expect("boards");
    assert_eq!(rows.len(), 55);
    assert_eq!(json["skipped"].as_array().map(Vec::len), Some(1));
    let mut words: std::collections::HashMap<String, u64> = Default::default();
    for row in rows {
        let file = row["file"].as_str().expect("a file name");
        let board = board_file::load(&boards.join(file)).expect("the board loads");
        assert_eq!(row["title"], board.title.as_str());
        let valences: Vec<f64> = board.feelings.iter().map(|f| f.valence).collect();
        let mean =
            (!valences.is_empty()).then(|| valences.iter().sum::<f64>() / valences.len() as f64);
        close(&row["mean_feeling"], mean, file);
        close(&row["spread"], spread(&board), file);
        let spans = retroline::analysis::divergences(&board, board.settings.neutral_band);
        assert_eq!(row["divergences"], spans.len(), "{file}");
        let scores: Vec<f64> = board
            .trust
            .scores
            .iter()
            .map(|s| f64::from(s.value))
            .collect();
        let trust = (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64);
        close(&row["trust"]["mean"], trust, file);
        assert_eq!(row["roti"]["votes"], board.roti.scores.len(), "{file}");
        assert_eq!(row["actions"]["created"], board.action_items.len());
        let done = board
            .action_items
            .iter()
            .filter(|a| a.status == ActionStatus::Done)
            .count();
        assert_eq!(row["actions"]["done"], done);
        assert_eq!(row["carried"]["total"], board.carried.len());
        for f in &board.feelings {
            let w = f.emotion.trim().to_lowercase();
            if !w.is_empty() {
                *words.entry(w).or_default() += 1;
            }
        }
    }
    // In time order: the first week first, the boards without a time last.
    assert_eq!(rows[0]["file"], "week-01.ron");
    assert_eq!(rows[54]["file"], "sprint-44.ron");
    let top = &json["emotions"][0];
    let most = words.values().max().copied();
    assert_eq!(top["count"].as_u64(), most);
    assert_eq!(
        words.get(top["word"].as_str().expect("a word")).copied(),
        most
    );
    let chains: Vec<&str> = json["chains"]
        .as_array()
        .expect("chains")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(
        chains,
        [
            "Weekly retro 1 to Weekly retro 52 (52 boards)",
            "Sprint 42 retrospective, 1–14 April to <script>alert(1)</script> (3 boards)"
        ]
    );
    assert_eq!(
        json["chains"][1]["files"],
        serde_json::json!(["sprint-42.ron", "sprint-43.ron", "sprint-44.ron"])
    );
    // The sample's open items were carried into both boards after it: two boards each.
    let carried = json["carried_items"].as_array().expect("carried items");
    assert!(
        carried.iter().any(|c| c["boards_carried"] == 2
            && c["first_board"] == "Sprint 42 retrospective, 1–14 April")
    );
    let lanes = json["lanes"].as_array().expect("lanes");
    assert!(
        lanes
            .iter()
            .any(|l| l["name"] == "Technical" && l["boards"] == 53)
    );
}

#[test]
fn the_table_the_page_and_the_picture_are_written_and_board_text_stays_text() {
    let (dir, boards) = folder();
    let png = dir.path().join("trends.png");
    let html = dir.path().join("trends.html");
    let text = ok(&retroline(&[
        "trends",
        s(&boards),
        "--png",
        s(&png),
        "--html",
        s(&html),
    ]));
    assert!(text.starts_with("55 boards read, 1 skipped"), "{text}");
    assert!(
        text.contains("Weekly retro 1 to Weekly retro 52 (52 boards)"),
        "{text}"
    );
    let picture = std::fs::read(&png).expect("the PNG");
    assert!(picture.starts_with(b"\x89PNG"));
    let page = std::fs::read_to_string(&html).expect("the page");
    assert!(!page.contains("<script>"), "board text became markup");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // Outputs are not replaced without --force.
    let again = retroline(&["trends", s(&boards), "--png", s(&png)]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
}

#[test]
fn no_board_read_is_a_failure_that_names_the_files() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "not a board").expect("written");
    let out = retroline(&["trends", s(dir.path())]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.ron:") && stderr.contains("no board could be read"),
        "{stderr}"
    );
}
