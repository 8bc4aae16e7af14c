//! The participant server as `retroline collect` runs it, driven over loopback only (127.0.0.1):
//! submissions land in the board file; bad requests get their 4xx and change nothing.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::thread;

use retroline::analysis::divergences;
use retroline::io::board_file;
use retroline::model::Board;

mod common;
use common::collecting::Collecting;
use common::*;

/// A board with events and no one in it yet.
fn empty_room() -> Board {
    let mut board = sample();
    board.participants.clear();
    board.feelings.clear();
    board.action_items.clear();
    board
}

#[test]
fn four_people_submitting_give_the_board_typing_them_in_gives() {
    let lines: [(&str, Vec<(&str, f64)>); 4] = [
        (
            "Ana",
            vec![
                ("2026-03-14T02:00:00+01:00", -2.0),
                ("2026-03-14T03:00:00+01:00", 3.0),
            ],
        ),
        (
            "Ben",
            vec![
                ("2026-03-14T02:00:00+01:00", 1.5),
                ("2026-03-14T03:00:00+01:00", -4.0),
            ],
        ),
        ("Chidi", vec![("2026-03-14T02:30:00+01:00", 4.5)]),
        (
            "Dana",
            vec![
                ("2026-03-14T02:00:00+01:00", -5.0),
                ("2026-03-14T02:45:00+01:00", 0.5),
                ("2026-03-14T03:00:00+01:00", 2.0),
            ],
        ),
    ];
    let server = Collecting::start(&empty_room());
    for (name, points) in &lines {
        let (status, body) = server.post(&line(name, points));
        assert_eq!(status, 200, "{body}");
        assert!(body.contains("\"secret\""), "{body}");
    }
    let (summary, collected) = server.finish();
    assert_eq!((summary.accepted, summary.people), (4, 4));

    // The same feelings entered by hand.
    let mut by_hand = empty_room();
    for (name, points) in &lines {
        let who = by_hand.add_participant(*name);
        for (t, v) in points {
            by_hand.add_feeling(who, at(t), *v, "", "");
        }
    }
    // Each line is kept with its owner's claim (a hash of their secret), and nothing else.
    assert_eq!(collected.round.lines.len(), 4);
    let mut unclaimed = collected.clone();
    unclaimed.round = Default::default();
    assert_eq!(unclaimed, by_hand);
    let theta = by_hand.settings.neutral_band;
    assert_eq!(divergences(&collected, theta), divergences(&by_hand, theta));
    assert!(!divergences(&collected, theta).is_empty());
}

#[test]
fn bad_requests_get_their_4xx_and_leave_the_file_byte_identical() {
    let mut crowded = empty_room();
    for i in 0..retroline::server::MAX_PARTICIPANTS {
        crowded.add_participant(format!("Person {i}"));
    }
    let server = Collecting::start(&crowded);
    let before = std::fs::read(server.path()).expect("read");
    let unchanged = |what: &str| {
        assert!(
            std::fs::read(server.path()).expect("read") == before,
            "{what} changed the file"
        );
    };
    let ok_time = "2026-03-14T02:00:00+01:00";
    let huge = format!(
        r#"{{"participant":"Ana","feelings":[{{"time":"{ok_time}","valence":1,"note":"{}"}}]}}"#,
        "x".repeat(70 * 1024)
    );
    let cases: Vec<(&str, String, u16)> = vec![
        ("a body over 64 KiB", huge, 413),
        (
            "malformed JSON",
            "{\"participant\": \"Ana\",".to_owned(),
            400,
        ),
        (
            "a valence outside −5…5",
            line("Person 1", &[(ok_time, 5.5)]),
            400,
        ),
        (
            "a time outside the years a board holds",
            line("Person 1", &[("2301-01-01T00:00:00Z", 1.0)]),
            400,
        ),
        (
            "a time with no offset",
            line("Person 1", &[("2026-03-14T02:00:00", 1.0)]),
            400,
        ),
        (
            "an unknown field",
            r#"{"participant":"Person 1","feelings":[],"admin":true}"#.to_owned(),
            400,
        ),
        ("participant 201", line("Newcomer", &[(ok_time, 1.0)]), 409),
    ];
    for (what, body, status) in &cases {
        let (got, answer) = server.post(body);
        assert_eq!(got, *status, "{what}: {answer}");
        assert!(answer.starts_with("{\"error\":"), "{what}: {answer}");
        unchanged(what);
    }
    // A wrong token learns nothing; nor does any other path.
    for path in [
        "/j/00000000000000000000000000000000/board.json",
        "/",
        "/board.ron",
        "/j/",
    ] {
        let (got, answer) = request(server.addr, "GET", path, "");
        assert_eq!(got, 404, "{path}");
        assert_eq!(answer, r#"{"error":"not found"}"#);
    }
    // Someone else's line needs their secret.
    let (first, _) = server.post(&line("Person 3", &[(ok_time, 2.0)]));
    assert_eq!(first, 200);
    let after_first = std::fs::read(server.path()).expect("read");
    let (status, answer) = server.post(&line("person 3", &[(ok_time, -5.0)]));
    assert_eq!(status, 403, "{answer}");
    let (status, _) = server.post(&format!(
        r#"{{"participant":"Person 3","feelings":[],"secret":"{}"}}"#,
        "0".repeat(32)
    ));
    assert_eq!(status, 403);
    assert!(
        std::fs::read(server.path()).expect("read") == after_first,
        "a refused submission changed the file"
    );
    let (_, board) = server.finish();
    assert_ne!(before, after_first, "the good submission was saved");
    assert_eq!(
        board.participants.len(),
        retroline::server::MAX_PARTICIPANTS
    );
}

#[test]
fn fifty_people_submitting_at_once_are_all_stored() {
    let server = Arc::new(Collecting::start(&empty_room()));
    let threads: Vec<_> = (0..50)
        .map(|i| {
            let server = Arc::clone(&server);
            thread::spawn(move || {
                let v = f64::from(i % 11) - 5.0;
                server.post(&line(
                    &format!("Person {i}"),
                    &[
                        ("2026-03-14T02:00:00+01:00", v),
                        ("2026-03-14T03:00:00+01:00", -v),
                    ],
                ))
            })
        })
        .collect();
    for t in threads {
        let (status, body) = t.join().expect("no panic");
        assert_eq!(status, 200, "{body}");
    }
    let server = Arc::into_inner(server).expect("every client is done");
    let (summary, board) = server.finish();
    assert_eq!(summary.accepted, 50);
    assert_eq!(board.participants.len(), 50);
    assert_eq!(board.feelings.len(), 100);
}

#[test]
fn a_stalled_client_does_not_hold_up_the_others() {
    let server = Collecting::start(&empty_room());
    // Half a request, then silence.
    let mut stalled = TcpStream::connect(server.addr).expect("connect");
    write!(
        stalled,
        "POST /j/x/feelings HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
         Content-Length: 500\r\n\r\n{{\"part",
        server.addr
    )
    .expect("send");
    let (status, _) = request(
        server.addr,
        "GET",
        &format!("{}/board.json", server.path_prefix),
        "",
    );
    assert_eq!(status, 200);
    let (status, _) = server.post(&line("Ana", &[("2026-03-14T02:00:00+01:00", 1.0)]));
    assert_eq!(status, 200);
    drop(stalled);
    server.finish();
}

// kill -INT is Unix; on Windows Ctrl+C reaches the process as a console event.
#[cfg(unix)]
#[test]
fn the_command_prints_the_join_address_first_and_a_summary_on_sigint() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("board.ron");
    board_file::save(&path, &empty_room()).expect("save");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_retroline"))
        .args(["collect", path_str(&path), "--bind", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("start retroline collect");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    out.read_line(&mut first).expect("a line");
    assert!(first.starts_with("join: http://127.0.0.1:"), "{first}");
    let url = first.trim().trim_start_matches("join: http://");
    let (host, rest) = url.split_once('/').expect("a path");
    let addr: SocketAddr = host.parse().expect("host:port");
    let (status, _) = request(
        addr,
        "POST",
        &format!("/{rest}/feelings"),
        &line("Ana", &[("2026-03-14T02:00:00+01:00", 3.0)]),
    );
    assert_eq!(status, 200);
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let status = child.wait().expect("exit");
    assert!(status.success(), "{status}");
    let mut rest_out = String::new();
    out.read_to_string(&mut rest_out).expect("read");
    let last = rest_out.lines().last().unwrap_or("");
    assert!(
        last.starts_with("collect: stopped; 1 submission accepted from 1 person"),
        "{rest_out}"
    );
    let board = board_file::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(board.participants.len(), 1);
    assert!(
        Path::new(&format!("{}.bak", path.display())).exists(),
        "the .bak is kept"
    );
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn a_submission_that_cannot_be_saved_is_not_called_saved() {
    let server = Collecting::start(&empty_room());
    let folder = server.path().parent().expect("a folder").to_owned();
    std::fs::remove_dir_all(&folder).expect("remove the folder");
    let (status, body) = server.post(&line("Ana", &[("2026-03-14T02:00:00+01:00", 1.0)]));
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("could not be saved"), "{body}");
    std::fs::create_dir_all(&folder).expect("folder back");
    // Once it can be saved, the same person submits again: they were not marked as done.
    let (status, body) = server.post(&line("Ana", &[("2026-03-14T02:00:00+01:00", 1.0)]));
    assert_eq!(status, 200, "{body}");
    let (summary, board) = server.finish();
    assert_eq!(summary.accepted, 1);
    assert_eq!(board.participants.len(), 1);
}

#[test]
fn a_board_file_half_edited_by_hand_is_never_written_over() {
    let server = Collecting::start(&empty_room());
    let mut text = std::fs::read_to_string(server.path()).expect("read");
    text.push_str("garbage");
    std::fs::write(server.path(), &text).expect("write");
    let (status, body) = server.post(&line("Ana", &[("2026-03-14T02:00:00+01:00", 1.0)]));
    assert_eq!(status, 503, "{body}");
    assert_eq!(
        std::fs::read_to_string(server.path()).expect("read"),
        text,
        "the hand edit is kept"
    );
    // Once the edit is finished, submissions land in the edited board.
    text.truncate(text.len() - "garbage".len());
    let edited = text.replace("Checkout outage", "Checkout outage (edited)");
    std::fs::write(server.path(), &edited).expect("write");
    let (status, body) = server.post(&line("Ana", &[("2026-03-14T02:00:00+01:00", 1.0)]));
    assert_eq!(status, 200, "{body}");
    let (_, board) = server.finish();
    assert!(board.title.contains("(edited)"), "{}", board.title);
    assert_eq!(board.participants.len(), 1);
}
