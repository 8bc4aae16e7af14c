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
use retroline::generate::hostile::{many_links, many_people, two_people_csv};
use retroline::io::{csv_import, markdown};
use retroline::model::Board;

mod common;
use common::time;

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
                retroline::doc::import::add_feelings(&mut board, rows).expect("the feelings fit");
                board.feelings.len()
            })
        })
        .collect();
    row("two people: CSV import (8× the rows)", &times);
}
