//! Two hundred people at once on the L board, each from a device of their own (an address of
//! its own on loopback), through `collect` and through the window: every answer matches what
//! is on disk. A sender told "not stored" tries again with the same secret, as the page lets
//! them. Loopback only; every wait is bounded.

use std::net::{Ipv4Addr, SocketAddr};
use std::thread;
use std::time::{Duration, Instant};

use retroline::app::RetrolineApp;
use retroline::generate::{self, Size};
use retroline::model::Board;

mod common;
use common::collecting::Collecting;
use common::devices::post_from;
use common::*;

const PEOPLE: usize = 200;
const TRIES: usize = 20;

/// The L board's events, nobody on it yet.
fn l_room() -> Board {
    let mut board = generate::board(Size::L, 7);
    board.participants.clear();
    board.feelings.clear();
    board.action_items.clear();
    board
}

/// Person `i`'s line: a valence at each of 30 of the board's events.
fn person(board: &Board, i: usize) -> (String, Vec<(String, f64)>) {
    let step = board.events.len() / 30;
    let points = (0..30)
        .map(|k| {
            let v = ((i + k) % 21) as f64 * 0.5 - 5.0;
            (board.events[k * step].time.to_rfc3339(), v)
        })
        .collect();
    (format!("Person {i}"), points)
}

/// Everyone sends at once, each trying again (same secret) while told nothing was stored.
/// Returns, for each, the last status and every answer they got.
fn everyone_sends(
    board: &Board,
    to: SocketAddr,
    path: &str,
) -> Vec<thread::JoinHandle<(u16, Vec<String>)>> {
    (0..PEOPLE)
        .map(|i| {
            let (name, points) = person(board, i);
            let feelings: Vec<String> = points
                .iter()
                .map(|(t, v)| format!(r#"{{"time":"{t}","valence":{v}}}"#))
                .collect();
            let body = format!(
                r#"{{"participant":"{name}","feelings":[{}],"secret":"load-test-secret-{i:04}"}}"#,
                feelings.join(",")
            );
            let from = Ipv4Addr::new(127, 0, 1, (i % 250) as u8 + 1);
            let path = path.to_owned();
            thread::spawn(move || {
                let mut answers = Vec::new();
                for _ in 0..TRIES {
                    let (status, answer) = post_from(from, to, &path, &body);
                    answers.push(format!("{status} {answer}"));
                    if status == 200 || !(status == 503 || status == 504 || status == 0) {
                        return (status, answers);
                    }
                    thread::sleep(Duration::from_millis(200));
                }
                (0, answers)
            })
        })
        .collect()
}

/// Every sender was told their line is stored, and the board holds exactly those lines.
fn every_answer_matches(board_before: &Board, kept: &Board, results: Vec<(u16, Vec<String>)>) {
    for (i, (status, answers)) in results.into_iter().enumerate() {
        assert_eq!(status, 200, "person {i}: {answers:?}");
        let (name, points) = person(board_before, i);
        let who = kept
            .participant_named(&name)
            .unwrap_or_else(|| panic!("{name} was told 200 and is not on the board"));
        let mut line: Vec<(i128, f64)> = kept
            .feelings
            .iter()
            .filter(|f| f.participant == who.id)
            .map(|f| (f.time.unix_nanos(), f.valence))
            .collect();
        line.sort_by_key(|p| p.0);
        let sent: Vec<(i128, f64)> = points
            .iter()
            .map(|(t, v)| (at(t).unix_nanos(), *v))
            .collect();
        assert_eq!(line, sent, "{name}'s line on disk");
    }
    assert_eq!(kept.participants.len(), PEOPLE);
    assert_eq!(kept.round.lines.len(), PEOPLE);
}

#[test]
fn two_hundred_at_once_on_l_through_collect_are_each_told_what_the_file_holds() {
    let board = l_room();
    let server = Collecting::start(&board);
    let clients = everyone_sends(
        &board,
        server.addr,
        &format!("{}/feelings", server.path_prefix),
    );
    let results: Vec<_> = clients
        .into_iter()
        .map(|c| c.join().expect("client"))
        .collect();
    let (summary, kept) = server.finish();
    assert_eq!(summary.accepted, PEOPLE);
    every_answer_matches(&board, &kept, results);
}

#[test]
fn two_hundred_at_once_on_l_through_the_window_are_each_told_what_its_recovery_file_holds() {
    let board = l_room();
    let recovery = tempfile::tempdir().expect("tempdir");
    let for_window = board.clone();
    let dir = recovery.path().to_owned();
    let mut h = window(move || {
        let mut app = RetrolineApp::with_dialogs(for_window, None, no_dialogs());
        app.set_invite_bind("127.0.0.1:0".parse().expect("loopback"));
        app.set_recovery_dir(dir, Duration::from_secs(3600));
        app
    });
    h.state_mut().request(retroline::app::Command::Invite);
    h.run();
    let url = h.state().join_urls()[0].clone();
    let rest = url.trim_start_matches("http://");
    let (host, path) = rest.split_once('/').expect("a path");
    let addr: SocketAddr = host.parse().expect("host:port");
    let clients = everyone_sends(&board, addr, &format!("/{path}/feelings"));
    let deadline = Instant::now() + Duration::from_secs(600);
    while !clients.iter().all(|c| c.is_finished()) && Instant::now() < deadline {
        h.step();
        thread::sleep(Duration::from_millis(5));
    }
    let results: Vec<_> = clients
        .into_iter()
        .map(|c| c.join().expect("client"))
        .collect();
    // Acknowledged means written: the recovery file holds every line, before any autosave
    // would have come (its delay is an hour here).
    let file = h.state().recovery_file().expect("written").to_owned();
    let kept = retroline::io::recovery::read(&file)
        .unwrap_or_else(|e| panic!("{e}"))
        .board;
    every_answer_matches(&board, &kept, results);
}
