//! Set-up shared by the tests that drive the window: the sample board, dialogs that never open,
//! and harnesses that build the window as `retroline` does.
#![allow(dead_code)]

pub mod collecting;
pub mod devices;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui::vec2;
use egui_kittest::Harness;
use retroline::app::RetrolineApp;
use retroline::app::dialogs::{Answer, Dialogs};
use retroline::io::board_file;
use retroline::model::{Board, Moment};

/// The sample incident board.
pub fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/incident-checkout-outage.ron")
}

pub fn sample() -> Board {
    board_file::load(&sample_path()).unwrap_or_else(|e| panic!("{e}"))
}

pub fn at(s: &str) -> Moment {
    Moment::parse_rfc3339(s).expect("test time")
}

/// Dialogs that answer with a fixed path (or Cancel) instead of asking.
pub struct FixedDialogs(pub Option<PathBuf>);

impl Dialogs for FixedDialogs {
    fn open_board(&self) -> Answer {
        self.0.clone().map_or(Answer::Cancelled, Answer::Chosen)
    }
    fn save_file(&self, _title: &str, _suggested_name: &str, _extension: &str) -> Answer {
        self.0.clone().map_or(Answer::Cancelled, Answer::Chosen)
    }
}

/// Dialogs that are always cancelled.
pub fn no_dialogs() -> Box<FixedDialogs> {
    Box::new(FixedDialogs(None))
}

/// The window made by `app`, `width`×`height` points, with the window's fonts, run once.
pub fn window_sized(
    width: f32,
    height: f32,
    app: impl FnOnce() -> RetrolineApp + 'static,
) -> Harness<'static, RetrolineApp> {
    let mut h = Harness::builder()
        .with_size(vec2(width, height))
        .with_step_dt(1.0 / 30.0)
        .with_max_steps(12)
        .build_eframe(move |cc| {
            retroline::theme::apply(&cc.egui_ctx);
            app()
        });
    h.run();
    h
}

/// The window made by `app` at 1920×1080, the projector's size.
pub fn window(app: impl FnOnce() -> RetrolineApp + 'static) -> Harness<'static, RetrolineApp> {
    window_sized(1920.0, 1080.0, app)
}

/// The window on `board` (no file), where dialogs are always cancelled.
pub fn harness(board: Board) -> Harness<'static, RetrolineApp> {
    window(move || RetrolineApp::with_dialogs(board, None, no_dialogs()))
}

/// One HTTP request on a connection of its own; returns the status and the body (read to its
/// Content-Length, or to the end).
pub fn request(addr: SocketAddr, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).expect("connect to loopback");
    s.set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("send");
    let mut answer = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        let n = s.read(&mut chunk).unwrap_or(0);
        if n == 0 {
            break;
        }
        answer.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&answer);
        if let Some((head, rest)) = text.split_once("\r\n\r\n") {
            let length = head.lines().find_map(|l| {
                let (name, value) = l.split_once(':')?;
                name.eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse::<usize>().ok())?
            });
            if length.is_some_and(|len| rest.len() >= len) {
                break;
            }
        }
    }
    devices::status_and_body(&String::from_utf8_lossy(&answer))
}

/// A submission's JSON: `name`'s line of (time, valence) points.
pub fn line(name: &str, points: &[(&str, f64)]) -> String {
    let feelings: Vec<String> = points
        .iter()
        .map(|(t, v)| format!(r#"{{"time":"{t}","valence":{v}}}"#))
        .collect();
    format!(
        r#"{{"participant":"{name}","feelings":[{}]}}"#,
        feelings.join(",")
    )
}
