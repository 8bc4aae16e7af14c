//! Replays the fuzzers' corpora as ordinary tests: every file in tests/fuzz_corpus/board/ and
//! tests/fuzz_corpus/csv/ goes through the same check as the fuzz target of that name
//! (tests/fuzz_checks/mod.rs, shared with fuzz/fuzz_targets/: crashes the fuzzers found, minimised, and a selection of the inputs that
//! reach the most code). See fuzz/README.md.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

mod fuzz_checks;
use fuzz_checks::{check_board, check_csv};

/// Runs `check` on every file in tests/fuzz_corpus/`folder` and names the ones that fail.
/// Some inputs must pass `check` with `true` (load, or import rows), so that the round trip is
/// replayed too and not only the error paths.
fn replay(folder: &str, check: fn(&[u8]) -> bool) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_corpus")
        .join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()))
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()));
    files.retain(|f| f.is_file());
    files.sort();
    assert!(
        !files.is_empty(),
        "{} holds no inputs, so nothing would be replayed",
        dir.display()
    );
    let mut failed = Vec::new();
    let mut loaded = 0;
    for file in &files {
        let data = std::fs::read(file)
            .unwrap_or_else(|err| panic!("cannot read {}: {err}", file.display()));
        match catch_unwind(AssertUnwindSafe(|| check(&data))) {
            Ok(true) => loaded += 1,
            Ok(false) => {}
            Err(_) => failed.push(file.display().to_string()),
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} inputs failed (see the panics above): {failed:#?}",
        failed.len(),
        files.len()
    );
    assert!(
        loaded > 0,
        "no input in {} gets as far as the round trip",
        dir.display()
    );
}

#[test]
fn board_corpus_loads_without_panic_and_round_trips() {
    replay("board", check_board);
}

#[test]
fn csv_corpus_imports_without_panic_and_round_trips() {
    replay("csv", check_csv);
}
