//! Slow readers of a big `board.json` do not make the participant server copy it for each of
//! them: 64 connections on 127.0.0.1 read a 28 MB `board.json` a KiB at a time, and the
//! process's peak memory grows by far less than one copy each. Memory is measured, never time;
//! every wait is bounded. In a file of its own, so that no other test's memory is counted.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use retroline::generate::{self, Size};
use retroline::server::{Round, Server};

const READERS: usize = 64;
const MB: u64 = 1_000_000;

/// A field of /proc/self/status in bytes (`VmRSS`, `VmHWM`), 0 where there is none.
fn status_bytes(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// One reader: asks for board.json, tells `started` once the answer's head came (with its
/// status and Content-Length), then reads a KiB at a time, slowly, until `done` (or 20 s).
fn slow_reader(
    addr: SocketAddr,
    path: String,
    started: Arc<AtomicUsize>,
    done: Arc<AtomicBool>,
) -> (u16, usize) {
    let until = Instant::now() + Duration::from_secs(20);
    let Ok(mut s) = TcpStream::connect(addr) else {
        return (0, 0);
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
    if write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .is_err()
    {
        return (0, 0);
    }
    let mut head = Vec::new();
    let mut chunk = [0u8; 1024];
    let mut answer = (0, 0);
    let mut counted = false;
    while !done.load(Ordering::SeqCst) && Instant::now() < until {
        let n = match s.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        if !counted {
            head.extend_from_slice(&chunk[..n]);
            let text = String::from_utf8_lossy(&head);
            if let Some((top, _)) = text.split_once("\r\n\r\n") {
                let status = top.split(' ').nth(1).and_then(|c| c.parse().ok());
                let length = top.lines().find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                });
                answer = (status.unwrap_or(0), length.unwrap_or(0));
                counted = true;
                started.fetch_add(1, Ordering::SeqCst);
            }
        }
        thread::sleep(Duration::from_millis(20));
    }
    if !counted {
        started.fetch_add(1, Ordering::SeqCst);
    }
    answer
}

#[test]
fn sixty_four_slow_readers_of_a_28_mb_board_share_one_copy() {
    // An L board with long notes: about 28 MB of board.json.
    let mut board = generate::board(Size::L, 1);
    let note = "The pager went off again and the dashboards lagged behind. ".repeat(155);
    for event in &mut board.events {
        event.notes = note.clone();
    }
    let bind: SocketAddr = "127.0.0.1:0".parse().expect("address");
    let server = Server::start(bind, &board, &Round::default(), || {}).expect("a server");
    drop(board);
    let (addr, path) = (
        server.local_addr(),
        format!("/j/{}/board.json", server.token()),
    );
    // The peak from now on (Linux resets it on "5"; where it cannot, the peak so far counts).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = status_bytes("VmRSS");
    assert!(before > 0, "/proc/self/status has VmRSS");

    let (started, done) = (
        Arc::new(AtomicUsize::new(0)),
        Arc::new(AtomicBool::new(false)),
    );
    let readers: Vec<_> = (0..READERS)
        .map(|_| {
            let (path, started, done) = (path.clone(), started.clone(), done.clone());
            thread::spawn(move || slow_reader(addr, path, started, done))
        })
        .collect();
    // Every reader has its answer's head: the server holds all 64 answers at once.
    let until = Instant::now() + Duration::from_secs(30);
    while started.load(Ordering::SeqCst) < READERS && Instant::now() < until {
        thread::sleep(Duration::from_millis(20));
    }
    thread::sleep(Duration::from_millis(300));
    let peak = status_bytes("VmHWM").max(status_bytes("VmRSS"));
    done.store(true, Ordering::SeqCst);
    let answers: Vec<(u16, usize)> = readers
        .into_iter()
        .map(|r| r.join().expect("no panic"))
        .collect();

    let grew = peak.saturating_sub(before);
    eprintln!(
        "RSS {} MB before, peak {} MB with {READERS} readers: grew {} MB",
        before / MB,
        peak / MB,
        grew / MB
    );
    for (status, length) in &answers {
        assert_eq!(*status, 200, "{answers:?}");
        assert!(
            (25 * MB as usize..40 * MB as usize).contains(length),
            "board.json is {length} bytes"
        );
    }
    assert!(grew < 300 * MB, "grew {} MB", grew / MB);
    drop(server);
}
