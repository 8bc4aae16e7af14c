//! Prints how long the trends across 52 weekly boards take (see `retroline::generate::weekly`).
//!
//! `cargo bench --bench trends` (a release build). Each figure is the median of several runs:
//! - read and sum up: what `retroline trends DIR` does before printing (every file read,
//!   parsed, summed up and dropped in turn, then the trends across them);
//! - sum up only: the same on boards already in memory.

use std::time::Duration;

use retroline::analysis::trends::Trends;
use retroline::generate::{self, Size};
use retroline::io::board_file;

mod common;
use common::time;

fn row(what: &str, d: Duration) {
    println!("{what:<44} {:>9.2} ms", d.as_secs_f64() * 1000.0);
}

fn main() {
    let boards = generate::weekly(Size::S, 1, 52);
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (name, board) in &boards {
        board_file::save(&dir.path().join(name), board).expect("the board is written");
    }
    let folder = vec![dir.path().to_owned()];
    let read = time(7, || {
        retroline::io::trends::read(&folder).expect("the folder is read")
    });
    row("trends of 52 weekly S boards: read and sum up", read);
    let sum = time(7, || {
        Trends::of_boards(boards.iter().map(|(name, board)| (name.as_str(), board)))
    });
    row("trends of 52 weekly S boards: sum up only", sum);
}
