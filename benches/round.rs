//! Prints how long a participant waits for a submission to be stored while 50 submit at once,
//! and how long the window's frames take meanwhile. Loopback only (127.0.0.1).
//!
//! `cargo bench --bench round` (a release build).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

use eframe::egui;
use retroline::app::{Command, RetrolineApp};
use retroline::generate::{self, Size};

const PEOPLE: usize = 50;

/// POSTs `body` and returns the status code once the answer is read.
fn post(addr: SocketAddr, path: &str, body: &str) -> u16 {
    let Ok(mut s) = TcpStream::connect(addr) else {
        return 0;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(30)));
    let sent = write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut answer = String::new();
    if sent.is_err() || s.read_to_string(&mut answer).is_err() {
        return 0;
    }
    answer
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn main() {
    let mut board = generate::board(Size::M, 1);
    board.participants.clear();
    board.feelings.clear();
    board.action_items.clear();
    let times: Vec<String> = board
        .events
        .iter()
        .take(12)
        .map(|e| e.time.to_rfc3339())
        .collect();
    let ctx = egui::Context::default();
    retroline::theme::apply(&ctx);
    let mut app = RetrolineApp::new(board, None);
    app.set_invite_bind(SocketAddr::from(([127, 0, 0, 1], 0)));
    app.request(Command::Invite);
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1920.0, 1080.0));
    let mut t = 0.0;
    let mut frame = |app: &mut RetrolineApp| {
        t += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(screen),
            time: Some(t),
            ..Default::default()
        };
        let start = Instant::now();
        let output = ctx.run_ui(input, |ui| {
            app.logic_tick(ui.ctx());
            app.window_ui(ui);
        });
        std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
        start.elapsed()
    };
    frame(&mut app);
    frame(&mut app);
    let Some(url) = app.join_urls().first().cloned() else {
        eprintln!("the round did not open");
        std::process::exit(1);
    };
    let rest = url.trim_start_matches("http://");
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let addr: SocketAddr = host.parse().unwrap_or_else(|_| {
        eprintln!("no address in {url}");
        std::process::exit(1)
    });
    let path = format!("/{path}/feelings");
    let clients: Vec<_> = (0..PEOPLE)
        .map(|i| {
            let feelings: Vec<String> = times
                .iter()
                .enumerate()
                .map(|(k, time)| {
                    let v = ((i + k) % 21) as f64 * 0.5 - 5.0;
                    format!(r#"{{"time":"{time}","valence":{v}}}"#)
                })
                .collect();
            let body = format!(
                r#"{{"participant":"Person {i}","feelings":[{}]}}"#,
                feelings.join(",")
            );
            let path = path.clone();
            thread::spawn(move || {
                let start = Instant::now();
                let status = post(addr, &path, &body);
                (status, start.elapsed())
            })
        })
        .collect();
    let mut frames = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !clients.iter().all(|c| c.is_finished()) && Instant::now() < deadline {
        frames.push(frame(&mut app));
    }
    let mut waits = Vec::new();
    let mut stored = 0;
    for c in clients {
        if let Ok((status, took)) = c.join() {
            stored += usize::from(status == 200);
            waits.push(took);
        }
    }
    frame(&mut app);
    waits.sort();
    frames.sort();
    println!(
        "{PEOPLE} participants submitting 12 feelings each at once, on the M board (loopback)"
    );
    println!(
        "stored: {stored} of {PEOPLE}; on the board: {} participants",
        app.board().participants.len()
    );
    println!(
        "submission, request to answer     p50 {:>7.1} ms   p99 {:>7.1} ms",
        percentile(&waits, 0.5),
        percentile(&waits, 0.99)
    );
    if !frames.is_empty() {
        println!(
            "window frame while they arrive    p50 {:>7.1} ms   p99 {:>7.1} ms ({} frames)",
            percentile(&frames, 0.5),
            percentile(&frames, 0.99),
            frames.len()
        );
    }
}
