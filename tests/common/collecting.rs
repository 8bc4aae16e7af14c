//! `retroline collect` running in the test's own process, on a free loopback port.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use retroline::io::board_file;
use retroline::model::Board;

use super::request;

/// `retroline collect` on a copy of `board`, in this process, on a free loopback port.
pub struct Collecting {
    pub url: String,
    /// Where the board is, and the folder kept for it (when the test did not give one).
    path: PathBuf,
    _dir: Option<tempfile::TempDir>,
    pub addr: SocketAddr,
    pub path_prefix: String,
    stop: Arc<AtomicBool>,
    done: Option<thread::JoinHandle<Result<retroline::server::collect::Summary, String>>>,
}

impl Collecting {
    pub fn start(board: &Board) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("board.ron");
        board_file::save(&path, board).expect("save");
        let mut collecting = Self::start_at(&path).unwrap_or_else(|e| panic!("{e}"));
        collecting._dir = Some(dir);
        collecting
    }

    /// `collect` on the board file at `path`; why, if it did not start.
    pub fn start_at(path: &Path) -> Result<Self, String> {
        let stop = Arc::new(AtomicBool::new(false));
        let (send, lines) = mpsc::channel::<String>();
        let done = {
            let (path, stop) = (path.to_owned(), Arc::clone(&stop));
            thread::spawn(move || {
                let bind: SocketAddr = "127.0.0.1:0".parse().expect("address");
                retroline::server::collect::collect(&path, bind, &stop, false, |line| {
                    let _ = send.send(line.to_owned());
                })
            })
        };
        let Ok(join) = lines.recv_timeout(Duration::from_secs(20)) else {
            return Err(done
                .join()
                .expect("no panic")
                .err()
                .unwrap_or_else(|| "no join line".to_owned()));
        };
        let url = join.strip_prefix("join: http://").expect("join: URL");
        let (host, rest) = url.split_once('/').expect("a path");
        Ok(Self {
            url: format!("http://{url}"),
            addr: host.parse().expect("host:port"),
            path_prefix: format!("/{rest}"),
            path: path.to_owned(),
            _dir: None,
            stop,
            done: Some(done),
        })
    }

    pub fn path(&self) -> PathBuf {
        self.path.clone()
    }

    pub fn post(&self, body: &str) -> (u16, String) {
        request(
            self.addr,
            "POST",
            &format!("{}/feelings", self.path_prefix),
            body,
        )
    }

    pub fn finish(mut self) -> (retroline::server::collect::Summary, Board) {
        self.stop.store(true, Ordering::SeqCst);
        let summary = self
            .done
            .take()
            .expect("running")
            .join()
            .expect("no panic")
            .unwrap_or_else(|e| panic!("{e}"));
        let board = board_file::load(&self.path()).unwrap_or_else(|e| panic!("{e}"));
        (summary, board)
    }
}
