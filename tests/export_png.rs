//! The board as a picture: decoded at the requested size, not blank, every visible participant's
//! colour in it, and a kittest image snapshot of the picture view.

use std::path::{Path, PathBuf};
use std::process::Command;

use egui_kittest::Harness;
use retroline::io::board_file;
use retroline::model::Board;
use retroline::render::{PictureOptions, board_image};
use retroline::view::Picture;

fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/incident-checkout-outage.ron")
}

fn sample() -> Board {
    board_file::load(&sample_path()).unwrap_or_else(|e| panic!("{e}"))
}

/// How many pixels are within `tolerance` of `rgb` on every channel.
fn pixels_near(image: &image::RgbaImage, rgb: [u8; 3], tolerance: u8) -> usize {
    image
        .pixels()
        .filter(|p| (0..3).all(|c| p.0[c].abs_diff(rgb[c]) <= tolerance))
        .count()
}

#[test]
fn the_picture_has_the_requested_size_every_participant_colour_and_is_not_blank() {
    let board = sample();
    let options = PictureOptions {
        width_px: 1600,
        height_px: 900,
        ..Default::default()
    };
    let image = board_image(&board, &options).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(image.dimensions(), (1600, 900));
    let mut colours = std::collections::HashSet::new();
    for p in image.pixels() {
        colours.insert(p.0);
    }
    assert!(
        colours.len() > 200,
        "a drawn board has many colours, got {}",
        colours.len()
    );
    for p in board.participants.iter().filter(|p| !p.hidden) {
        let n = pixels_near(&image, [p.colour.0, p.colour.1, p.colour.2], 6);
        assert!(
            n >= 40,
            "{} ({}) has only {n} pixels",
            p.name,
            p.colour.to_hex()
        );
    }
}

#[test]
fn a_hidden_participant_is_left_out_of_the_picture() {
    let mut board = sample();
    // Ben is the only participant drawn in vermillion.
    let ben = board
        .participants
        .iter_mut()
        .find(|p| p.name == "Ben Carter")
        .expect("Ben");
    let colour = [ben.colour.0, ben.colour.1, ben.colour.2];
    ben.hidden = true;
    let options = PictureOptions {
        width_px: 1600,
        height_px: 900,
        ..Default::default()
    };
    let image = board_image(&board, &options).unwrap_or_else(|e| panic!("{e}"));
    let n = pixels_near(&image, colour, 6);
    assert!(n < 40, "Ben's line is gone, but {n} pixels have his colour");
}

#[test]
fn export_writes_pages_of_the_asked_size_and_refuses_an_impossible_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("board.png");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_retroline"))
            .args(args)
            .output()
            .expect("runs")
    };
    let board = sample_path();
    let board = board.to_str().expect("utf-8");
    let ok = run(&[
        "export",
        board,
        "--png",
        out.to_str().expect("utf-8"),
        "--width",
        "1280",
        "--height",
        "720",
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    // The sample does not fit one 1280×720 page: it is split into numbered pages of that size,
    // and the picture is not cut.
    assert!(!out.exists(), "pages, not one cut picture");
    let pages: Vec<PathBuf> = (1..)
        .map(|i| dir.path().join(format!("board-{i}.png")))
        .take_while(|p| p.exists())
        .collect();
    assert!(pages.len() >= 2, "{} pages", pages.len());
    for page in &pages {
        let image = image::open(page).expect("a PNG").to_rgba8();
        assert_eq!(image.dimensions(), (1280, 720), "{}", page.display());
    }
    let said = String::from_utf8_lossy(&ok.stdout);
    assert!(
        said.contains("board-1.png (1280×720)") && said.contains("board-2.png"),
        "{said}"
    );

    let bad = dir.path().join("huge.png");
    let failed = run(&[
        "export",
        board,
        "--png",
        bad.to_str().expect("utf-8"),
        "--width",
        "100000",
        "--height",
        "720",
    ]);
    assert!(!failed.status.success());
    let err = String::from_utf8_lossy(&failed.stderr);
    assert!(
        err.starts_with(&format!("{}: a picture of 100000×720", bad.display())),
        "{err}"
    );
    assert!(!bad.exists(), "no partial file");
}

#[test]
fn snapshot_of_the_picture_view() {
    let board = sample();
    let mut harness = Harness::builder()
        .with_size(eframe::egui::vec2(1600.0, 1600.0))
        .renderer(egui_kittest::wgpu::WgpuTestRenderer::new())
        .build_ui_state(
            |ui, picture: &mut Picture| picture.ui(ui),
            // Dates show their year only outside the current year: the picture must not
            // change with the year the test runs in.
            Picture::new(board, false).with_today(jiff::civil::date(2026, 3, 17)),
        );
    // The fonts and sizes the export draws with.
    retroline::theme::apply(&harness.ctx);
    retroline::theme::Theme::Light.apply(&harness.ctx);
    harness.set_render_cursor(false);
    harness.run();
    harness.snapshot("picture_incident");
}

#[test]
fn a_narrow_picture_wraps_long_divergence_labels_instead_of_failing() {
    let options = PictureOptions {
        width_px: 400,
        height_px: 300,
        ..Default::default()
    };
    let image = board_image(&sample(), &options).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(image.dimensions(), (400, 300));
}
