//! The checks every fuzz input goes through, shared by the fuzz targets in fuzz/fuzz_targets/
//! (which include this file by path) and by tests/fuzz_replay.rs, which replays the corpus in
//! tests/fuzz_corpus/ on every test run. No input may panic.

use std::path::Path;

use retroline::Board;
use retroline::io::{board_file, csv_import};

/// Board loading (fuzz target `board_load`): load, use, save and load again. Returns whether it
/// loaded.
pub fn check_board(data: &[u8]) -> bool {
    let path = Path::new("fuzz.ron");
    match board_file::parse(path, data) {
        Ok(board) => {
            let _spans = retroline::analysis::divergences(&board, board.settings.neutral_band);
            let summary = retroline::cli::summary(&board);
            // Board text is inert where it lands.
            let shown = retroline::io::inert::terminal(&summary);
            assert!(
                !shown
                    .chars()
                    .any(|c| c.is_control() && c != '\n' && c != '\t'),
                "a control character reaches the terminal: {shown:?}"
            );
            let report = retroline::io::markdown::report(&board, false);
            assert!(
                !report
                    .chars()
                    .any(retroline::io::inert::is_invisible_control),
                "an invisible control reaches the report"
            );
            let text = board_file::to_ron_string(&board).expect("a loaded board can be saved");
            let again = board_file::parse(path, text.as_bytes())
                .unwrap_or_else(|err| panic!("a saved board loads again: {err}\n{text}"));
            assert_eq!(again, board, "save → load changed the board");
            true
        }
        Err(err) => {
            let _message = err.to_string();
            false
        }
    }
}

/// CSV import (fuzz target `csv_import`): the bytes before the first NUL (0x00) are an events
/// CSV, the bytes after it (if any) a feelings CSV; both are parsed even when one fails, the rows
/// go onto a new board as `retroline import` does, and the board must save and load again
/// unchanged. Returns whether any row was imported.
pub fn check_csv(data: &[u8]) -> bool {
    let (events, feelings) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], Some(&data[i + 1..])),
        None => (data, None),
    };
    let path = Path::new("fuzz.csv");
    let mut board = Board::default();
    match csv_import::parse_events(path, events) {
        Ok(rows) => {
            if let Err(err) = retroline::doc::import::add_events(&mut board, rows) {
                let _message = err.to_string();
            }
        }
        Err(err) => {
            let _message = err.to_string();
        }
    }
    match feelings.map(|f| csv_import::parse_feelings(path, f)) {
        Some(Ok(rows)) => {
            if let Err(err) = retroline::doc::import::add_feelings(&mut board, rows) {
                let _message = err.to_string();
            }
        }
        Some(Err(err)) => {
            let _message = err.to_string();
        }
        None => {}
    }
    let _summary = retroline::cli::summary(&board);
    // `retroline import` writes nothing that opening it would refuse.
    if !board.problems().is_empty() {
        return false;
    }
    let text = board_file::to_ron_string(&board).expect("an imported board can be saved");
    let again = board_file::parse(Path::new("fuzz.ron"), text.as_bytes())
        .unwrap_or_else(|err| panic!("an imported board loads again: {err}\n{text}"));
    assert_eq!(again, board, "save → load changed the imported board");
    !board.events.is_empty() || !board.feelings.is_empty()
}
