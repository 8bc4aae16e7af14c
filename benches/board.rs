//! Prints how fast retroline is on generated boards of sizes S, M and L (see `retroline::generate`).
//!
//! `cargo bench --bench board` (a release build). Each figure is the median of several runs:
//! - frame: one frame of the whole window at 1920×1080 (egui layout and tessellation, no GPU),
//!   with the pointer moving across the board as while someone points at it;
//! - drag: one frame while a card is dragged along the timeline;
//! - first frame: making the window's state for a board and drawing its first frame;
//! - RON load and save; CSV import of 100,000 feelings; PNG export (Mesa llvmpipe where no GPU).

use std::time::{Duration, Instant};

use eframe::egui;
use retroline::app::RetrolineApp;
use retroline::generate::{self, Size};
use retroline::io::{board_file, csv_import};
use retroline::model::Board;

mod common;
use common::{median, time};

fn ms(d: Duration) -> String {
    format!("{:>9.2} ms", d.as_secs_f64() * 1000.0)
}

fn row(what: &str, d: Duration) {
    println!("{what:<44} {}", ms(d));
}

const SCREEN: egui::Vec2 = egui::vec2(1920.0, 1080.0);

/// Draws one frame with `events` as input; returns how long layout and tessellation took.
fn frame(
    ctx: &egui::Context,
    app: &mut RetrolineApp,
    t: f64,
    events: Vec<egui::Event>,
) -> Duration {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, SCREEN)),
        time: Some(t),
        events,
        ..Default::default()
    };
    let start = Instant::now();
    let output = ctx.run_ui(input, |ui| app.window_ui(ui));
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    let took = start.elapsed();
    std::hint::black_box(primitives);
    took
}

fn new_window(board: Board) -> (egui::Context, RetrolineApp) {
    let ctx = egui::Context::default();
    retroline::theme::apply(&ctx);
    (ctx, RetrolineApp::new(board, None))
}

/// Frames with the pointer sweeping across the timeline and the plot.
fn frames(board: &Board, count: usize) -> Duration {
    let (ctx, mut app) = new_window(board.clone());
    for i in 0..5 {
        frame(&ctx, &mut app, f64::from(i) / 60.0, Vec::new());
    }
    let mut times = Vec::with_capacity(count);
    for i in 0..count {
        let x = 300.0 + (i as f32 * 37.0) % 1200.0;
        let y = 200.0 + (i as f32 * 53.0) % 700.0;
        let moved = egui::Event::PointerMoved(egui::pos2(x, y));
        times.push(frame(&ctx, &mut app, (i + 5) as f64 / 60.0, vec![moved]));
    }
    median(times)
}

/// Frames while the first event's card is dragged along its lane.
fn drag_frames(board: &Board, count: usize) -> Duration {
    let (ctx, mut app) = new_window(board.clone());
    for i in 0..5 {
        frame(&ctx, &mut app, f64::from(i) / 60.0, Vec::new());
    }
    let Some(card) = app
        .geometry()
        .and_then(|g| g.cards.iter().map(|(_, rect)| *rect).next())
    else {
        return Duration::ZERO;
    };
    let mut t = 5.0 / 60.0;
    let mut step = |app: &mut RetrolineApp, events| {
        t += 1.0 / 60.0;
        frame(&ctx, app, t, events)
    };
    let grab = card.center();
    step(&mut app, vec![egui::Event::PointerMoved(grab)]);
    step(
        &mut app,
        vec![egui::Event::PointerButton {
            pos: grab,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: egui::Modifiers::NONE,
        }],
    );
    let mut times = Vec::with_capacity(count);
    for i in 0..count {
        let pos = grab + egui::vec2(((i * 7) % 400) as f32, 0.0);
        times.push(step(&mut app, vec![egui::Event::PointerMoved(pos)]));
    }
    median(times)
}

/// Making the window's state for a board and drawing its first frame.
fn first_frame(board: &Board) -> Duration {
    time(5, || {
        let start = Instant::now();
        let (ctx, mut app) = new_window(board.clone());
        frame(&ctx, &mut app, 0.0, Vec::new());
        start.elapsed()
    })
}

/// A feelings CSV of `rows` rows from 100 participants.
fn feelings_csv(rows: usize) -> String {
    let mut csv = String::from("participant,time,valence,emotion,note\n");
    for i in 0..rows {
        let minute = i / 100;
        csv.push_str(&format!(
            "Person {},2026-03-{:02}T{:02}:{:02}:00+01:00,{},{},\n",
            i % 100,
            1 + (minute / 1440) % 28,
            (minute / 60) % 24,
            minute % 60,
            (i % 21) as f64 * 0.5 - 5.0,
            if i % 5 == 0 { "worried" } else { "" }
        ));
    }
    csv
}

fn main() {
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(err) => {
            eprintln!("cannot make a temporary folder: {err}");
            std::process::exit(1);
        }
    };
    // `cargo bench --bench board -- l frames` runs only what is named: sizes (s, m, l) and
    // parts (frames, first, ron, png, csv); nothing named means everything.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .map(|a| a.to_lowercase())
        .collect();
    let named = |set: &[&str]| -> Vec<String> {
        args.iter()
            .filter(|a| set.contains(&a.as_str()))
            .cloned()
            .collect()
    };
    let (only_sizes, only_parts) = (
        named(&["s", "m", "l"]),
        named(&["frames", "first", "ron", "png", "csv", "compare"]),
    );
    let size_wanted = |n: &str| only_sizes.is_empty() || only_sizes.contains(&n.to_lowercase());
    let wanted = |part: &str| only_parts.is_empty() || only_parts.iter().any(|p| p == part);
    let sizes = [("S", Size::S, 300), ("M", Size::M, 100), ("L", Size::L, 30)];
    println!("retroline on generated boards (median of runs)");
    for (name, size, count) in sizes {
        let board_parts = only_parts.is_empty() || only_parts.iter().any(|p| p != "csv");
        if !size_wanted(name) || !board_parts {
            continue;
        }
        let board = generate::board(size, 1);
        println!(
            "\n{name}: {} events, {} participants, {} feelings",
            board.events.len(),
            board.participants.len(),
            board.feelings.len()
        );
        if wanted("frames") {
            row(
                &format!("frame, pointer moving ({count} frames)"),
                frames(&board, count),
            );
            row(
                &format!("frame, dragging a card ({count} frames)"),
                drag_frames(&board, count),
            );
        }
        if wanted("derived") {
            // What every edit recomputes, and the turning points' share of it.
            row(
                "turning points",
                time(10, || retroline::analysis::turning::turning_points(&board)),
            );
            row(
                "all derived data (after each edit)",
                time(10, || retroline::doc::Derived::of(&board)),
            );
        }
        if wanted("compare") {
            let copy = board.clone();
            row("compare with a copy", time(50, || board == copy));
        }
        if wanted("first") {
            row("first frame (state + layout)", first_frame(&board));
        }
        if name != "S" && wanted("ron") {
            let text = match board_file::to_ron_string(&board) {
                Ok(text) => text,
                Err(err) => {
                    eprintln!("cannot write the board: {err}");
                    std::process::exit(1);
                }
            };
            let path = dir.path().join(format!("{name}.ron"));
            let runs = if name == "L" { 5 } else { 10 };
            row(
                &format!("save RON ({} KiB)", text.len() / 1024),
                time(runs, || board_file::save(&path, &board)),
            );
            row("load RON", time(runs, || board_file::load(&path)));
        }
        if name == "M" && wanted("png") {
            let options = retroline::render::PictureOptions::default();
            row(
                "PNG export 1920×1080",
                time(3, || retroline::render::board_pngs(&board, &options)),
            );
        }
    }
    // The CSV import is of its own size: run when named, or when no size is.
    let csv_named = only_parts.iter().any(|p| p == "csv");
    if !(csv_named || only_parts.is_empty() && only_sizes.is_empty()) {
        return;
    }
    let csv = feelings_csv(100_000);
    let path = std::path::Path::new("feelings.csv");
    println!();
    row(
        &format!("CSV import, 100,000 feelings ({} KiB)", csv.len() / 1024),
        time(3, || {
            let rows = csv_import::parse_feelings(path, csv.as_bytes());
            let mut board = Board::new("import");
            rows.map(|rows| retroline::doc::import::add_feelings(&mut board, rows))
        }),
    );
}
