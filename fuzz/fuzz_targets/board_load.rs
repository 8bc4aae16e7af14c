//! Fuzzes board loading: any bytes given to `board_file::parse` must give a board or an error,
//! never a panic; a board that loads is used as the app uses it and must survive save → load.
//!
//! The check itself is tests/fuzz_checks/mod.rs, which tests/fuzz_replay.rs also runs on the
//! corpus kept in tests/fuzz_corpus/.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_checks/mod.rs"]
#[allow(dead_code)]
mod fuzz_checks;

fuzz_target!(|data: &[u8]| {
    fuzz_checks::check_board(data);
});
