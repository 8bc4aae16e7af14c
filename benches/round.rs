//! Prints how long a participant waits for their line to be stored while 200 submit at once on
//! the L board's events, each from a device (a loopback address) of its own: through the
//! window (the frames meanwhile too) and through `collect`; how many were told "not stored"
//! and sent again; and the process's peak memory. Loopback only (127.0.0.1 and 127.0.1.x).
//!
//! `cargo bench --bench round` (a release build).

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use eframe::egui;
use retroline::app::{Command, RetrolineApp};
use retroline::generate::{self, Size};
use retroline::model::Board;

#[path = "../tests/common/devices.rs"]
mod devices;

const PEOPLE: usize = 200;
const FEELINGS: usize = 30;

/// What one participant saw: the last status, the time from their first try to the answer,
/// and how many times they sent it.
type Seen = (u16, Duration, usize);

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// The process's peak resident memory so far, in MiB (Linux).
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn l_room() -> Board {
    let mut board = generate::board(Size::L, 1);
    board.participants.clear();
    board.feelings.clear();
    board.action_items.clear();
    board
}

/// Everyone at once; each sends again (same secret) while told that nothing was stored.
fn everyone_sends(board: &Board, to: SocketAddr, path: &str) -> Vec<thread::JoinHandle<Seen>> {
    let step = board.events.len() / FEELINGS;
    (0..PEOPLE)
        .map(|i| {
            let feelings: Vec<String> = (0..FEELINGS)
                .map(|k| {
                    let v = ((i + k) % 21) as f64 * 0.5 - 5.0;
                    let t = board.events[k * step].time.to_rfc3339();
                    format!(r#"{{"time":"{t}","valence":{v}}}"#)
                })
                .collect();
            let body = format!(
                r#"{{"participant":"Person {i}","feelings":[{}],"secret":"bench-secret-{i:04}-x"}}"#,
                feelings.join(",")
            );
            let from = Ipv4Addr::new(127, 0, 1, (i % 250) as u8 + 1);
            let path = path.to_owned();
            thread::spawn(move || {
                let start = Instant::now();
                let mut tries = 0;
                loop {
                    tries += 1;
                    let (status, _) = devices::post_from(from, to, &path, &body);
                    let again = matches!(status, 0 | 503 | 504) && tries < 20;
                    if !again {
                        return (status, start.elapsed(), tries);
                    }
                    thread::sleep(Duration::from_millis(200));
                }
            })
        })
        .collect()
}

fn report(how: &str, seen: Vec<Seen>) {
    let stored = seen.iter().filter(|s| s.0 == 200).count();
    let again = seen.iter().filter(|s| s.2 > 1).count();
    let mut waits: Vec<Duration> = seen.iter().map(|s| s.1).collect();
    waits.sort();
    println!(
        "{how}: {PEOPLE} participants, {FEELINGS} feelings each, at once, on the L board's events"
    );
    println!("  stored: {stored} of {PEOPLE}; sent again after \"not stored\": {again}");
    println!(
        "  submission, first try to answer   p50 {:>7.1} ms   p99 {:>7.1} ms",
        percentile(&waits, 0.5),
        percentile(&waits, 0.99)
    );
}

fn through_the_window(board: &Board) {
    let ctx = egui::Context::default();
    retroline::theme::apply(&ctx);
    let recovery =
        std::env::temp_dir().join(format!("retroline-bench-round-{}", std::process::id()));
    let mut app = RetrolineApp::new(board.clone(), None);
    app.set_invite_bind(SocketAddr::from(([127, 0, 0, 1], 0)));
    app.set_recovery_dir(recovery.clone(), Duration::from_secs(3600));
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
    let Ok(addr) = host.parse::<SocketAddr>() else {
        eprintln!("no address in {url}");
        std::process::exit(1)
    };
    let clients = everyone_sends(board, addr, &format!("/{path}/feelings"));
    let mut frames = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(600);
    while !clients.iter().all(|c| c.is_finished()) && Instant::now() < deadline {
        frames.push(frame(&mut app));
    }
    let seen: Vec<Seen> = clients.into_iter().filter_map(|c| c.join().ok()).collect();
    frame(&mut app);
    report("window", seen);
    frames.sort();
    println!(
        "  window frame while they arrive    p50 {:>7.1} ms   p99 {:>7.1} ms ({} frames)",
        percentile(&frames, 0.5),
        percentile(&frames, 0.99),
        frames.len()
    );
    println!(
        "  on the board: {} participants",
        app.board().participants.len()
    );
    drop(app);
    let _ = std::fs::remove_dir_all(recovery);
}

fn through_collect(board: &Board) {
    let dir = std::env::temp_dir().join(format!("retroline-bench-collect-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("board.ron");
    if let Err(err) = retroline::io::board_file::save(&path, board) {
        eprintln!("{err}");
        std::process::exit(1);
    }
    let stop = Arc::new(AtomicBool::new(false));
    let (send, lines) = std::sync::mpsc::channel::<String>();
    let running = {
        let (path, stop) = (path.clone(), Arc::clone(&stop));
        thread::spawn(move || {
            retroline::server::collect::collect(
                &path,
                SocketAddr::from(([127, 0, 0, 1], 0)),
                &stop,
                false,
                |line| {
                    let _ = send.send(line.to_owned());
                },
            )
        })
    };
    let join = lines
        .recv_timeout(Duration::from_secs(30))
        .unwrap_or_default();
    let rest = join.trim_start_matches("join: http://");
    let (host, prefix) = rest.split_once('/').unwrap_or((rest, ""));
    let Ok(addr) = host.parse::<SocketAddr>() else {
        eprintln!("collect did not start: {join}");
        std::process::exit(1)
    };
    let clients = everyone_sends(board, addr, &format!("/{prefix}/feelings"));
    let seen: Vec<Seen> = clients.into_iter().filter_map(|c| c.join().ok()).collect();
    stop.store(true, Ordering::SeqCst);
    let summary = running.join().ok().and_then(Result::ok);
    report("collect", seen);
    if let Some(s) = summary {
        println!(
            "  in the file: {} accepted, {} refused",
            s.accepted, s.refused
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

fn main() {
    let board = l_room();
    through_the_window(&board);
    through_collect(&board);
    if let Some(mib) = peak_rss_mib() {
        println!("peak resident memory of the process: {mib:.0} MiB");
    }
}
