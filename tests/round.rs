//! A feelings round from the window, over loopback: invite, two people submit while the board
//! shows only ticks, reveal shows both lines and their divergence, undo takes a submission back.

use std::net::SocketAddr;
use std::thread;
use std::time::{Duration, Instant};

use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use retroline::app::RetrolineApp;

mod common;
use common::*;

#[test]
fn invite_submit_in_silence_reveal_and_undo() {
    let mut board = sample();
    board.participants.clear();
    board.feelings.clear();
    board.action_items.clear();
    let mut h = window(move || {
        let mut app = RetrolineApp::with_dialogs(board, None, no_dialogs());
        app.set_invite_bind("127.0.0.1:0".parse().expect("loopback"));
        app
    });
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run();
    let urls = h.state().join_urls();
    assert_eq!(urls.len(), 1, "{urls:?}");
    let url = urls[0]
        .strip_prefix("http://127.0.0.1:")
        .expect("a loopback URL")
        .to_owned();
    let (port, path) = url.split_once('/').expect("a path");
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("address");
    assert!(h.query_by_label("QR code of the join address").is_some());

    // Two people submit from their own devices; the window takes them between frames.
    let clients: Vec<_> = [
        (
            "Ana",
            [
                ("2026-03-14T02:30:00+01:00", 4.0),
                ("2026-03-14T03:30:00+01:00", 3.0),
            ],
        ),
        (
            "Ben",
            [
                ("2026-03-14T02:30:00+01:00", -4.0),
                ("2026-03-14T03:30:00+01:00", -3.0),
            ],
        ),
    ]
    .into_iter()
    .map(|(name, points)| {
        let (body, path) = (line(name, &points), format!("/{path}/feelings"));
        thread::spawn(move || request(addr, "POST", &path, &body))
    })
    .collect();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !clients.iter().all(|c| c.is_finished()) {
        assert!(Instant::now() < deadline, "the submissions were not taken");
        h.run();
        thread::sleep(Duration::from_millis(20));
    }
    for c in clients {
        let (status, body) = c.join().expect("no panic");
        assert_eq!(status, 200, "{body}");
    }
    h.run();
    assert_eq!(h.state().board().participants.len(), 2);
    assert_eq!(h.state().board().feelings.len(), 4);
    assert_eq!(
        h.state().round_submitted(),
        Some(vec!["Ana".to_owned(), "Ben".to_owned()])
    );
    // Only ticks: no point, no divergence on screen, a tick per person and the count.
    let plot = &h.state().geometry().expect("drawn").plot;
    assert!(plot.points.is_empty(), "points shown during the round");
    assert!(h.query_by_label("Ana: submitted").is_some());
    assert!(h.query_by_label("Ben: submitted").is_some());
    assert!(h.query_by_label_contains("2 of 2 submitted").is_some());
    assert!(
        h.query_by_label_contains("Hidden until the lines are revealed")
            .is_some()
    );

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::R);
    h.run();
    assert_eq!(h.state().round_submitted(), None, "the round is closed");
    assert_eq!(h.state().geometry().expect("drawn").plot.points.len(), 4);
    assert_eq!(h.state().spans().len(), 1, "Ana up while Ben is down");
    // The server is gone.
    assert!(std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(1)).is_err());

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().board().participants.len(),
        1,
        "the last submission undone"
    );
    assert!(h.state().spans().is_empty());
}

#[test]
fn answers_pasted_into_the_window_add_their_lines_and_bad_ones_say_why() {
    let mut board = sample();
    board.participants.clear();
    board.feelings.clear();
    board.round.form_key = retroline::server::form::new_key().expect("a key");
    let answer = |json: &str| {
        retroline::server::form::make_answer(&board, serde_json::from_str(json).expect("json"))
            .expect("signed")
    };
    let good = answer(
        r#"{"participant":"Ana","feelings":[{"time":"2026-03-14T02:30:00+01:00","valence":2}]}"#,
    );
    let bad =
        answer(r#"{"participant":"Ben","feelings":[{"time":"2026-03-14T02:30:00","valence":2}]}"#);
    let mut h = window(move || RetrolineApp::with_dialogs(board, None, no_dialogs()));
    h.state_mut().request(retroline::app::Command::PasteAnswers);
    h.run();
    h.get_by_label("Answers").focus();
    h.run();
    h.event(eframe::egui::Event::Paste(format!("{good}\n{bad}")));
    h.run();
    h.get_by_label("Add").click();
    h.run();
    let board = h.state().board();
    assert_eq!(board.participants.len(), 1);
    assert_eq!(board.participants[0].name, "Ana");
    assert_eq!(board.feelings.len(), 1);
    let errors = h.state().errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("answer 2") && errors[0].contains("offset"),
        "{errors:?}"
    );
}

#[test]
fn a_window_open_on_the_board_sees_what_collect_writes_into_it() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("board.ron");
    let mut board = sample();
    board.participants.clear();
    board.feelings.clear();
    retroline::io::board_file::save(&path, &board).expect("save");
    let opened = path.clone();
    drop(board);
    // Opened as `retroline board.ron` opens it.
    let mut h = window(move || RetrolineApp::open_at_start(Some(opened)));
    let stop = Arc::new(AtomicBool::new(false));
    let (send, lines) = std::sync::mpsc::channel::<String>();
    let collecting = {
        let (path, stop) = (path.clone(), Arc::clone(&stop));
        thread::spawn(move || {
            retroline::server::collect::collect(
                &path,
                "127.0.0.1:0".parse().expect("loopback"),
                &stop,
                false,
                |line| {
                    let _ = send.send(line.to_owned());
                },
            )
        })
    };
    let join = lines
        .recv_timeout(Duration::from_secs(10))
        .expect("join line");
    let url = join.trim_start_matches("join: http://");
    let (host, rest) = url.split_once('/').expect("path");
    let (status, body) = request(
        host.parse().expect("address"),
        "POST",
        &format!("/{rest}/feelings"),
        &line("Ana", &[("2026-03-14T02:30:00+01:00", 4.0)]),
    );
    assert_eq!(status, 200, "{body}");
    let deadline = Instant::now() + Duration::from_secs(10);
    while h.state().board().participants.is_empty() {
        assert!(
            Instant::now() < deadline,
            "the window did not see the change"
        );
        h.run();
        thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(h.state().board().feelings.len(), 1);
    assert!(
        !h.state().has_unsaved_changes(),
        "the window's board is its file's"
    );
    stop.store(true, Ordering::SeqCst);
    collecting.join().expect("no panic").expect("collect ends");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().board().participants.is_empty(), "undo goes back");
}

/// Someone not on the board joins by typing their own name: they are counted and listed with
/// the others, in the count and in the list of who has submitted.
#[test]
fn a_new_name_typed_on_a_phone_is_counted_and_listed() {
    let mut board = sample();
    board.feelings.clear();
    board.action_items.clear();
    board.participants.truncate(2);
    let mut h = window(move || {
        let mut app = RetrolineApp::with_dialogs(board, None, no_dialogs());
        app.set_invite_bind("127.0.0.1:0".parse().expect("loopback"));
        app
    });
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run();
    let url = h.state().join_urls()[0].clone();
    let rest = url.strip_prefix("http://127.0.0.1:").expect("loopback");
    let (port, token) = rest.split_once('/').expect("a path");
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("address");
    let path = format!("/{token}/feelings");
    let body = line("Zoë New", &[("2026-03-14T02:30:00+01:00", 2.0)]);
    let client = thread::spawn(move || request(addr, "POST", &path, &body));
    let deadline = Instant::now() + Duration::from_secs(20);
    while !client.is_finished() {
        assert!(Instant::now() < deadline, "not taken");
        h.run();
        thread::sleep(Duration::from_millis(20));
    }
    let (status, body) = client.join().expect("no panic");
    assert_eq!(status, 200, "{body}");
    h.run();
    h.run();
    assert!(
        h.query_by_label_contains("1 of 3 submitted").is_some(),
        "the newcomer counts among 3"
    );
    assert!(h.query_by_label("Zoë New: submitted").is_some());
    assert!(h.query_by_label("Ana Lima: not yet").is_some());
    // Taken back with undo, the newcomer leaves the board, and the count with them: the count
    // never says more than the list shows.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.run();
    assert_eq!(h.state().board().participants.len(), 2);
    assert!(
        h.query_by_label_contains("0 of 2 submitted").is_some(),
        "the count follows the list: {:?}",
        h.query_all_by_label_contains("submitted")
            .map(|n| format!("{n:?}").chars().take(200).collect::<String>())
            .collect::<Vec<_>>()
    );
    assert!(h.query_by_label("Zoë New: submitted").is_none());
}

/// The vote after the feelings round keeps the round's link (same port, same token): a phone
/// that has the page open only reloads it, nobody scans again.
#[test]
fn the_vote_round_keeps_the_feelings_rounds_link() {
    let mut h = window(move || {
        let mut app = RetrolineApp::with_dialogs(sample(), None, no_dialogs());
        app.set_invite_bind("127.0.0.1:0".parse().expect("loopback"));
        app
    });
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run();
    let feelings = h.state().join_urls();
    assert_eq!(feelings.len(), 1);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::R);
    h.run();
    assert!(h.state().join_urls().is_empty(), "the round is over");
    h.get_by_label_contains("Meeting").click();
    h.run();
    h.get_by_label("Vote from phones…").click();
    h.run();
    h.get_by_label("Voting from phones: open");
    assert_eq!(h.state().join_urls(), feelings, "the same link");
    // The page at that link now takes votes.
    let rest = feelings[0]
        .strip_prefix("http://127.0.0.1:")
        .expect("loopback");
    let (port, token) = rest.split_once('/').expect("a path");
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("address");
    let (status, json) = request(addr, "GET", &format!("/{token}/board.json"), "");
    assert_eq!(status, 200);
    assert!(json.contains("\"mode\":\"votes\""), "{json}");
}
