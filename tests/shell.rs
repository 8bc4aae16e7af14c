//! The window shell: background work with no frame drawn, the notifications queue, and exports
//! that follow what is on screen.

use std::path::PathBuf;
use std::time::Duration;

use eframe::egui;
use egui_kittest::kittest::Queryable;
use retroline::app::{Command, Prefs, RetrolineApp};
use retroline::doc::Edit;
use retroline::io::recovery;
use retroline::theme::Theme;

mod common;
use common::*;

/// A copy of the sample board in a folder of its own.
fn copy_of_sample(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("outage.ron");
    std::fs::copy(sample_path(), &path).expect("copy");
    path
}

#[test]
fn autosave_runs_while_the_window_is_hidden() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = copy_of_sample(&dir);
    let before = std::fs::read(&path).expect("read");
    let mut app = RetrolineApp::with_dialogs(sample(), Some(path.clone()), no_dialogs());
    app.set_recovery_dir(dir.path().join("recovery"), Duration::ZERO);
    assert!(app.apply_edit(Edit::SetTitle("Typed just before minimising".into())));

    // Hidden: eframe runs no ui pass, only `logic`, through `Context::run_logic`.
    let ctx = egui::Context::default();
    let input = egui::RawInput::default();
    let _ = ctx.run_logic(&input, |ctx| app.logic_tick(ctx));

    let file = app
        .recovery_file()
        .expect("a recovery file was written")
        .to_owned();
    let recovered = recovery::read(&file).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(recovered.board.title, "Typed just before minimising");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the board file is untouched"
    );
}

#[test]
fn two_errors_in_a_row_are_both_on_screen_until_dismissed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = dir.path().join("first.ron");
    let second = dir.path().join("second.ron");
    std::fs::write(&first, "(format_version: 1, title: ").expect("write");
    std::fs::write(&second, "not a board at all").expect("write");
    let open_second = second.clone();
    let mut h = window(move || {
        let mut app =
            RetrolineApp::with_dialogs(sample(), None, Box::new(FixedDialogs(Some(open_second))));
        app.open(&first);
        app
    });
    h.state_mut().request(Command::Open);
    h.run();
    let errors: Vec<String> = h.state().errors().iter().map(|e| e.to_string()).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].starts_with(&dir.path().join("first.ron").display().to_string()));
    assert!(errors[1].starts_with(&dir.path().join("second.ron").display().to_string()));
    for e in &errors {
        assert!(
            h.query_by_label_contains(&e[..40]).is_some(),
            "not on screen: {e}"
        );
    }
    assert_eq!(
        h.state().board(),
        &sample(),
        "the board on screen is unchanged"
    );
    // Dismissing the first leaves the second.
    h.get_all_by_label("Dismiss")
        .next()
        .expect("a button")
        .click();
    h.run();
    assert_eq!(h.state().errors().len(), 1);
    assert!(h.state().errors()[0].contains("second.ron"));
}

/// How many pixels of `image` are exactly `rgb`.
fn pixels_of(image: &image::RgbaImage, rgb: [u8; 3]) -> usize {
    image.pixels().filter(|p| p.0[..3] == rgb).count()
}

#[test]
fn ctrl_e_exports_the_picture_in_the_theme_on_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("board.png");
    let answer = out.clone();
    let mut h = window_sized(1280.0, 720.0, move || {
        RetrolineApp::with_dialogs(sample(), None, Box::new(FixedDialogs(Some(answer))))
    });
    let ctx = h.ctx.clone();
    h.state_mut().apply_prefs(
        &ctx,
        Prefs {
            theme: Theme::Projector,
            ..Prefs::default()
        },
    );
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    assert_eq!(h.state().errors(), Vec::<&str>::new());
    let image = image::open(&out).expect("a picture was written").to_rgba8();
    // The projector theme's panels are pure white; the light theme's are grey 248.
    let white = pixels_of(&image, [255, 255, 255]);
    let light_grey = pixels_of(&image, [248, 248, 248]);
    let total = (image.width() * image.height()) as usize;
    assert!(white > total / 3, "{white} white pixels of {total}");
    assert!(light_grey < total / 50, "{light_grey} light-theme pixels");
}

#[test]
fn a_phone_line_is_taken_while_the_window_is_hidden() {
    let mut board = sample();
    board.participants.clear();
    board.feelings.clear();
    let mut h = window(move || {
        let mut app = RetrolineApp::with_dialogs(board, None, no_dialogs());
        app.set_invite_bind("127.0.0.1:0".parse().expect("loopback"));
        app
    });
    h.state_mut().request(Command::Invite);
    h.run();
    let url = h.state().join_urls()[0].clone();
    let rest = url.strip_prefix("http://").expect("a URL");
    let (addr, path) = rest.split_once('/').expect("a path");
    let addr: std::net::SocketAddr = addr.parse().expect("an address");
    let body = line(
        "Ana",
        &[
            ("2026-03-14T02:30:00+01:00", 4.0),
            ("2026-03-14T03:30:00+01:00", -2.0),
        ],
    );
    let path = format!("/{path}/feelings");
    let client = std::thread::spawn(move || request(addr, "POST", &path, &body));

    // Minimised from here on: eframe runs only `logic`, never a ui pass.
    let ctx = egui::Context::default();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !client.is_finished() {
        assert!(
            std::time::Instant::now() < deadline,
            "the line was not taken"
        );
        let _ = ctx.run_logic(&egui::RawInput::default(), |ctx| {
            h.state_mut().logic_tick(ctx)
        });
        std::thread::sleep(Duration::from_millis(20));
    }
    let (status, answer) = client.join().expect("no panic");
    assert_eq!(status, 200, "{answer}");
    let app = h.state();
    assert_eq!(app.board().participants.len(), 1);
    assert_eq!(app.board().participants[0].name, "Ana");
    assert_eq!(
        app.board().feelings.len(),
        2,
        "what Ana was told is on the board"
    );
    assert_eq!(app.round_submitted(), Some(vec!["Ana".to_owned()]));
    assert!(app.can_undo(), "the line is one undo step");
}

#[test]
fn opening_another_board_starts_afresh_and_keeps_the_window_s_own() {
    let dir = tempfile::tempdir().expect("tempdir");
    let other = copy_of_sample(&dir);
    let mut h = window(|| {
        let mut app = RetrolineApp::with_dialogs(sample(), None, no_dialogs());
        app.set_invite_bind("127.0.0.1:0".parse().expect("loopback"));
        app
    });
    h.state_mut().request(Command::ToggleAnonymous);
    h.state_mut().request(Command::ThemeProjector);
    h.state_mut().request(Command::Invite);
    h.run();
    let lane = h.state().board().lanes[0].id;
    let time = h.state().board().events[0].time;
    assert!(h.state_mut().apply_edit(Edit::AddEvent {
        time,
        title: "Selected before opening".into(),
        lane,
        notes: String::new(),
    }));
    h.state_mut()
        .open(std::path::Path::new("/nonexistent/board.ron"));
    assert!(
        h.state().selected().is_some(),
        "a failed open keeps the session"
    );
    assert_eq!(h.state().join_urls().len(), 1, "and its round");

    h.state_mut().open(&other);
    h.run();
    let app = h.state();
    assert_eq!(app.path(), Some(other.as_path()));
    assert_eq!(app.board(), &sample());
    assert!(
        app.selected().is_none(),
        "nothing of the old board is selected"
    );
    assert!(app.join_urls().is_empty(), "the old board's round ended");
    assert!(!app.can_undo(), "the new board's history is its own");
    assert!(app.is_anonymous(), "the preferences stay");
    assert_eq!(app.theme(), Theme::Projector);
    assert_eq!(app.prefs().theme, Theme::Projector);
    assert!(
        app.errors()[0].contains("/nonexistent/board.ron"),
        "the messages stay: {:?}",
        app.errors()
    );
    // The names on screen follow the kept preference.
    let first = app.board().participants[0].id;
    assert_eq!(app.shown_name(first), "Participant 1");
}
