//! The window, driven through egui_kittest as a user would see it.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use retroline::app::RetrolineApp;
use retroline::io::board_file;

mod common;
use common::*;

#[test]
/// At 1920×1080, the projector's size, the whole sample board is on screen at once.
fn the_window_opens_on_the_board_with_every_event_on_screen() {
    let path = sample_path();
    let board = board_file::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut harness = Harness::builder()
        .with_size(eframe::egui::vec2(1920.0, 1080.0))
        .build_eframe(|cc| {
            retroline::theme::apply(&cc.egui_ctx);
            RetrolineApp::open_at_start(Some(path.clone()))
        });
    harness.run();
    harness.get_by_label(&board.title);
    for event in &board.events {
        assert!(
            harness
                .query_by_label_contains(&format!("Event: {}, ", event.title))
                .is_some(),
            "a card for {}",
            event.title
        );
    }
    let geometry = harness.state().geometry().expect("drawn");
    let right = geometry.axis_left + geometry.axis_width;
    for (id, rect) in &geometry.cards {
        assert!(
            rect.left() >= geometry.axis_left && rect.right() <= right,
            "card {id} is fully on screen after fitting: {rect:?}"
        );
    }
    assert_eq!(harness.state().path(), Some(path.as_path()));
}

#[test]
fn a_failed_open_shows_the_error_and_keeps_the_board() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("broken.ron");
    std::fs::write(&bad, "Board(format_version: 1, title: \"half").expect("write");
    let path = sample_path();
    let mut harness = Harness::builder()
        .with_size(eframe::egui::vec2(1280.0, 720.0))
        .build_eframe(|_cc| RetrolineApp::open_at_start(Some(path.clone())));
    harness.run();
    let before = harness.state().board().clone();

    harness.state_mut().open(&bad);
    harness.run();

    assert_eq!(
        harness.state().board(),
        &before,
        "the board on screen stays"
    );
    assert_eq!(harness.state().path(), Some(path.as_path()));
    let error = harness.state().error().unwrap_or_default().to_owned();
    assert!(
        error.starts_with(&format!("{}:1:", bad.display())),
        "{error}"
    );
    harness.get_by_label_contains("broken.ron:1:");
    harness.get_by_label(&before.title);

    harness.get_by_label("Dismiss").click();
    harness.run();
    assert!(harness.state().error().is_none());
    assert!(harness.query_by_label_contains("broken.ron").is_none());
}

#[test]
/// A window nobody touches draws nothing more: no repaint requests keep the CPU busy, on the
/// sample board and on a large generated one (3,000 events, 100 participants).
fn an_untouched_window_stops_drawing() {
    let boards = [
        board_file::load(&sample_path()).unwrap_or_else(|e| panic!("{e}")),
        retroline::generate::board(retroline::generate::Size::L, 1),
    ];
    for board in boards {
        let title = board.title.clone();
        let mut harness = Harness::builder()
            .with_size(eframe::egui::vec2(1600.0, 900.0))
            .with_max_steps(8)
            .build_eframe(|cc| {
                retroline::theme::apply(&cc.egui_ctx);
                RetrolineApp::new(board, None)
            });
        if let Err(err) = harness.try_run() {
            panic!("{title}: still drawing: {err}");
        }
        // Pointing at the board and then leaving it alone settles too.
        harness.hover_at(eframe::egui::pos2(700.0, 400.0));
        if let Err(err) = harness.try_run() {
            panic!("{title}, after a hover: still drawing: {err}");
        }
    }
}
