//! Prints how long exporting the sample incident board and the generated M board takes.
//!
//! `cargo bench --bench export` (release build). Each figure is the median of several runs.

use std::path::Path;

use retroline::io::{board_file, html, markdown};
use retroline::model::Board;
use retroline::render::{Fit, PictureOptions, board_pngs, picture_layout};

mod common;
use common::time;

fn main() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/incident-checkout-outage.ron");
    let sample = match board_file::load(&path) {
        Ok(board) => board,
        Err(err) => {
            eprintln!("{err}");
            std::process::exit(1);
        }
    };
    println!("export (median of runs)");
    println!("{:<44} {:>12}", "what", "median");
    let load = time(20, || board_file::load(&path));
    println!(
        "{:<44} {:>9.2} ms",
        "sample: load board (RON)",
        load.as_secs_f64() * 1e3
    );
    let m = retroline::generate::board(retroline::generate::Size::M, 1);
    for (name, board) in [("sample", &sample), ("M", &m)] {
        report(name, board);
    }
}

fn report(name: &str, board: &Board) {
    let md = time(10, || markdown::report(board, false));
    println!(
        "{:<44} {:>9.2} ms",
        format!("{name}: Markdown report"),
        md.as_secs_f64() * 1e3
    );
    let pdf = time(3, || {
        retroline::render::pdf::pdf_report(board, retroline::render::pdf::Paper::A4, false)
    });
    println!(
        "{:<44} {:>9.0} ms",
        format!("{name}: PDF record (vector picture and report, A4)"),
        pdf.as_secs_f64() * 1e3
    );
    let page = time(10, || html::html_report(board, false, &[]));
    println!(
        "{:<44} {:>9.2} ms",
        format!("{name}: HTML report without its picture"),
        page.as_secs_f64() * 1e3
    );
    let fitted = PictureOptions {
        fit: Fit::Content,
        ..Default::default()
    };
    let layout = time(5, || picture_layout(board, &fitted));
    if let Ok(l) = picture_layout(board, &fitted) {
        println!(
            "{:<44} {:>9.0} ms  ({}×{:.0} pt, {} page{}{})",
            format!("{name}: lay out the picture"),
            layout.as_secs_f64() * 1e3,
            l.size.x,
            l.size.y,
            l.pages.len(),
            if l.pages.len() == 1 { "" } else { "s" },
            if l.markers { ", numbered markers" } else { "" }
        );
    }
    for (label, options) in [
        ("PNG 1920 wide, as tall as needed", fitted),
        (
            "PNG 1920×1080, as a window shows it",
            PictureOptions::default(),
        ),
        (
            "PNG 3840 wide (scale 2), as tall as needed",
            PictureOptions {
                width_px: 3840,
                height_px: 2160,
                scale: 2.0,
                fit: Fit::Content,
                ..Default::default()
            },
        ),
    ] {
        let mut failed = None;
        let t = time(5, || {
            if let Err(err) = board_pngs(board, &options) {
                failed = Some(err);
            }
        });
        let label = format!("{name}: {label}");
        match failed {
            Some(err) => println!("{label:<44} failed: {err}"),
            None => println!("{label:<44} {:>9.0} ms", t.as_secs_f64() * 1e3),
        }
    }
}
