//! Prints how the headless work grows on hostile boards: each kind at 1×, 2× and 4× a size, so
//! growth shows. Near-linear work doubles with the size (a ratio near 2 per step); quadratic
//! work quadruples.
//!
//! `cargo bench --bench hostile` (a release build). Kinds:
//! - many people: one feeling each, at 600 distinct moments;
//! - many links: events with two action-item links each;
//! - two people: a long CSV import of feelings for two people in turn.
//!
//! For each: validation (`check`), divergences and the Markdown report, or the CSV import.

use std::path::Path;
use std::time::Duration;

use retroline::analysis::divergences;
use retroline::io::{csv_import, markdown};
use retroline::model::{ActionItem, ActionStatus, Board, Link, Moment};

mod common;
use common::time;

fn at(minute: usize) -> Moment {
    let text = format!(
        "2026-03-14T{:02}:{:02}:00+01:00",
        minute / 60 % 24,
        minute % 60
    );
    Moment::parse_rfc3339(&text).expect("a moment")
}

fn many_people(n: usize) -> Board {
    let mut board = Board::new("many people");
    let lane = board.add_lane("Technical");
    board.add_event(at(0), "Start", lane, "");
    let csv: String = std::iter::once("participant,time,valence\n".to_owned())
        .chain((0..n).map(|p| {
            let m = (p * 7) % 600;
            let v = [-4, -2, 0, 2, 4][p % 5];
            format!("P{p},{},{v}\n", at(m))
        }))
        .collect();
    let rows = csv_import::parse_feelings(Path::new("many.csv"), csv.as_bytes()).expect("rows");
    csv_import::add_feelings(&mut board, rows);
    board
}

fn many_links(n: usize) -> Board {
    let mut board = Board::new("many links");
    let lane = board.add_lane("Technical");
    let ids: Vec<_> = (0..n)
        .map(|i| board.add_event(at(i % 1400), format!("Event {i}"), lane, ""))
        .collect();
    board.action_items.push(ActionItem {
        id: board.next_action_id(),
        text: "Review every event".to_owned(),
        owner: String::new(),
        due: None,
        done_when: String::new(),
        status: ActionStatus::Open,
        links: ids
            .iter()
            .chain(ids.iter())
            .map(|id| Link::Event(*id))
            .collect(),
    });
    board
}

fn two_people_csv(n: usize) -> String {
    std::iter::once("participant,time,valence\n".to_owned())
        .chain((0..n).map(|i| {
            let who = if i % 2 == 0 { "Ana" } else { "Ben" };
            format!("{who},{},{}\n", at(i % 1400), (i % 11) as i32 - 5)
        }))
        .collect()
}

fn row(what: &str, times: &[Duration]) {
    let ms: Vec<String> = times
        .iter()
        .map(|d| format!("{:>9.1} ms", d.as_secs_f64() * 1000.0))
        .collect();
    let ratios: Vec<String> = times
        .windows(2)
        .map(|w| format!("×{:.1}", w[1].as_secs_f64() / w[0].as_secs_f64().max(1e-9)))
        .collect();
    println!("{what:<36} {}   {}", ms.join(" "), ratios.join(" "));
}

fn main() {
    let base = 25_000;
    let sizes = [base, 2 * base, 4 * base];
    println!(
        "retroline on hostile boards at {base}, {} and {} items (median of 3)",
        2 * base,
        4 * base
    );
    let people: Vec<Board> = sizes.iter().map(|&n| many_people(n)).collect();
    let t = |f: &dyn Fn(&Board) -> usize| -> Vec<Duration> {
        people.iter().map(|b| time(3, || f(b))).collect()
    };
    row("many people: check", &t(&|b| b.problems().len()));
    row(
        "many people: divergences",
        &t(&|b| divergences(b, b.settings.neutral_band).len()),
    );
    row(
        "many people: Markdown report",
        &t(&|b| markdown::report(b, false).len()),
    );
    let links: Vec<Board> = sizes.iter().map(|&n| many_links(n)).collect();
    let times: Vec<Duration> = links
        .iter()
        .map(|b| time(3, || b.problems().len()))
        .collect();
    row("many links: check", &times);
    let csvs: Vec<String> = sizes.iter().map(|&n| two_people_csv(8 * n)).collect();
    let times: Vec<Duration> = csvs
        .iter()
        .map(|csv| {
            time(3, || {
                let rows =
                    csv_import::parse_feelings(Path::new("two.csv"), csv.as_bytes()).expect("rows");
                let mut board = Board::new("two people");
                csv_import::add_feelings(&mut board, rows);
                board.feelings.len()
            })
        })
        .collect();
    row("two people: CSV import (8× the rows)", &times);
}
