//! Trends across a folder of boards: which files are read (bounded), reading them one at a
//! time, and the trends as a table for people and as JSON for scripts.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{FileError, board_file};
use crate::analysis::trends::{BoardTrend, PulseTrend, Trends};

/// The most board files one run reads.
pub const MAX_FILES: usize = 10_000;

/// A file that was not read, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub file: String,
    pub error: String,
}

/// The board files `inputs` name: each file as it is, and every `*.ron` file directly in each
/// folder, in name order; at most [`MAX_FILES`] in all.
pub fn board_paths(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut paths = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            paths.push(input.clone());
        } else {
            let entries = std::fs::read_dir(input).map_err(|err| {
                format!(
                    "{}: cannot read the folder: {}",
                    input.display(),
                    super::io_reason(&err)
                )
            })?;
            let mut found = Vec::new();
            for entry in entries {
                let Ok(entry) = entry else { continue };
                let path = entry.path();
                if path
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("ron"))
                {
                    found.push(path);
                    if paths.len() + found.len() > MAX_FILES {
                        break;
                    }
                }
            }
            found.sort();
            paths.extend(found);
        }
        if paths.len() > MAX_FILES {
            return Err(format!(
                "{}: more than {MAX_FILES} board files; name fewer files or folders",
                input.display()
            ));
        }
    }
    Ok(paths)
}

/// The file name trends know a board by (no folder).
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Reads each of `paths` in turn and sums it up; the board is dropped before the next is read.
/// A file that cannot be read is handed to `skipped` and left out.
pub fn read_boards(paths: &[PathBuf], mut skipped: impl FnMut(FileError)) -> Vec<BoardTrend> {
    let mut out = Vec::with_capacity(paths.len());
    for path in paths {
        match board_file::load(path) {
            Ok(board) => out.push(BoardTrend::of(file_name(path), &board)),
            Err(err) => skipped(err),
        }
    }
    out
}

/// Reads `inputs` (files and folders) into trends, with the files left out and why.
pub fn read(inputs: &[PathBuf]) -> Result<(Trends, Vec<Skipped>), String> {
    let paths = board_paths(inputs)?;
    let mut skipped = Vec::new();
    let boards = read_boards(&paths, |err| {
        skipped.push(Skipped {
            file: err.path.display().to_string(),
            error: err.to_string(),
        });
    });
    Ok((Trends::of(boards), skipped))
}

/// The trends and the files left out, as JSON.
pub fn json(trends: &Trends, skipped: &[Skipped]) -> Result<String, String> {
    #[derive(Serialize)]
    struct Out<'a> {
        #[serde(flatten)]
        trends: &'a Trends,
        skipped: &'a [Skipped],
    }
    serde_json::to_string_pretty(&Out { trends, skipped })
        .map(|mut s| {
            s.push('\n');
            s
        })
        .map_err(|e| format!("cannot write JSON: {e}"))
}

/// A number with one decimal, or "—".
pub fn one_decimal(v: Option<f64>) -> String {
    v.filter(|v| v.is_finite())
        .map_or_else(|| "—".to_owned(), |v| format!("{v:.1}"))
}

/// A mean score with how many voted, or "—".
pub fn pulse_text(p: &PulseTrend) -> String {
    match p.mean {
        Some(m) => format!("{m:.1} ({})", p.votes),
        None => "—".to_owned(),
    }
}

/// A length of time in hours and minutes.
pub fn duration_text(seconds: f64) -> String {
    let minutes = (seconds / 60.0).round().max(0.0) as u64;
    format!("{}h{:02}", minutes / 60, minutes % 60)
}

/// The board's date (in its own offset), or "—".
pub fn date_text(board: &BoardTrend) -> String {
    board.time.map_or_else(
        || "—".to_owned(),
        |t| crate::model::time::format::iso_date(t.datetime().date()),
    )
}

/// Board text in one table cell: no line breaks or tabs, at most `max` characters.
pub fn cell(text: &str, max: usize) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let flat = flat.trim();
    if flat.chars().count() > max {
        let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        flat.to_owned()
    }
}

/// The trends as a table for people, then the chains, carried items, words and lanes.
pub fn text(trends: &Trends, skipped: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} boards read{}",
        trends.boards.len(),
        match skipped {
            0 => String::new(),
            n => format!(", {n} skipped"),
        }
    );
    let _ = writeln!(
        out,
        "{:<10}  {:<30}  {:>5}  {:>6}  {:>3}  {:>7}  {:>8}  {:>8}  {:>9}  {:>9}  {:>5}",
        "date",
        "board",
        "feel",
        "spread",
        "div",
        "div.time",
        "trust",
        "ROTI",
        "actions",
        "carried",
        "chain"
    );
    let _ = writeln!(
        out,
        "{:<10}  {:<30}  {:>5}  {:>6}  {:>3}  {:>7}  {:>8}  {:>8}  {:>9}  {:>9}  {:>5}",
        "", "", "mean", "mean", "", "", "(votes)", "(votes)", "made/done", "done/open", ""
    );
    for b in &trends.boards {
        let _ = writeln!(
            out,
            "{:<10}  {:<30}  {:>5}  {:>6}  {:>3}  {:>8}  {:>8}  {:>8}  {:>9}  {:>9}  {:>5}",
            date_text(b),
            cell(&b.title, 30),
            one_decimal(b.mean_feeling),
            one_decimal(b.spread),
            b.divergences,
            duration_text(b.divergent_seconds),
            pulse_text(&b.trust),
            pulse_text(&b.roti),
            format!("{}/{}", b.actions.created, b.actions.done),
            format!(
                "{}/{}",
                b.carried.done,
                b.carried.still_open + b.carried.to_review
            ),
            b.chain
                .map_or_else(|| "—".to_owned(), |c| (c + 1).to_string()),
        );
    }
    write_lists(&mut out, trends);
    out
}

fn write_lists(out: &mut String, trends: &Trends) {
    let _ = writeln!(
        out,
        "\nChains (boards made from the one before with new --from):"
    );
    if trends.chains.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for (i, c) in trends.chains.iter().enumerate() {
        let _ = writeln!(out, "  {}. {}", i + 1, cell(&c.name, 120));
    }
    let _ = writeln!(
        out,
        "\nCarried action items (boards carried, days open, last review):"
    );
    if trends.carried_items.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for item in trends.carried_items.iter().take(20) {
        let owner = if item.owner.is_empty() {
            String::new()
        } else {
            format!(" ({})", cell(&item.owner, 30))
        };
        let _ = writeln!(
            out,
            "  {}{owner}: {} boards, {} days, {}",
            cell(&item.text, 60),
            item.boards_carried,
            one_decimal(item.days_open),
            item.status
        );
    }
    if trends.carried_items.len() > 20 {
        let _ = writeln!(out, "  … and {} more", trends.carried_items.len() - 20);
    }
    let _ = writeln!(out, "\nMost frequent emotion words:");
    let words: Vec<String> = trends
        .emotions
        .iter()
        .map(|w| format!("{} ×{}", cell(&w.word, 40), w.count))
        .collect();
    let _ = writeln!(
        out,
        "  {}",
        if words.is_empty() {
            "none".to_owned()
        } else {
            words.join(", ")
        }
    );
    let _ = writeln!(out, "\nLanes that keep coming up (boards, events):");
    if trends.lanes.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for lane in &trends.lanes {
        let _ = writeln!(
            out,
            "  {}: {} boards, {} events",
            cell(&lane.name, 60),
            lane.boards,
            lane.events
        );
    }
}
