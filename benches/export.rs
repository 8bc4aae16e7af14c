//! Prints how long exporting the sample incident board takes.
//!
//! `cargo bench --bench export` (release build). Each figure is the median of several runs.

use std::path::Path;

use retroline::io::{board_file, markdown};
use retroline::render::{PictureOptions, board_png};

mod common;
use common::time;

fn main() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/incident-checkout-outage.ron");
    let board = match board_file::load(&path) {
        Ok(board) => board,
        Err(err) => {
            eprintln!("{err}");
            std::process::exit(1);
        }
    };
    println!("export of {} (median of runs)", path.display());
    println!("{:<28} {:>12}", "what", "median");
    let load = time(20, || board_file::load(&path));
    println!(
        "{:<28} {:>9.2} ms",
        "load board (RON)",
        load.as_secs_f64() * 1e3
    );
    let md = time(20, || markdown::report(&board, false));
    println!(
        "{:<28} {:>9.2} ms",
        "Markdown report",
        md.as_secs_f64() * 1e3
    );
    for (label, options) in [
        ("PNG 1920×1080", PictureOptions::default()),
        (
            "PNG 3840×2160 (scale 2)",
            PictureOptions {
                width_px: 3840,
                height_px: 2160,
                scale: 2.0,
                ..Default::default()
            },
        ),
    ] {
        let mut failed = None;
        let t = time(5, || {
            if let Err(err) = board_png(&board, &options) {
                failed = Some(err);
            }
        });
        match failed {
            Some(err) => println!("{label:<28} failed: {err}"),
            None => println!("{label:<28} {:>9.0} ms", t.as_secs_f64() * 1e3),
        }
    }
}
