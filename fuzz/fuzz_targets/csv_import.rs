//! Fuzzes CSV import as `retroline import` does it (input layout: see `check_csv`): no input
//! may panic, and a board made by an import must load again unchanged.
//!
//! The check itself is tests/fuzz_checks/mod.rs, which tests/fuzz_replay.rs also runs on the
//! corpus kept in tests/fuzz_corpus/.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_checks/mod.rs"]
#[allow(dead_code)]
mod fuzz_checks;

fuzz_target!(|data: &[u8]| {
    fuzz_checks::check_csv(data);
});
