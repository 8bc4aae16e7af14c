//! The participant server: each participant plots their own line from their phone or laptop.
//!
//! HTTP comes in on threads of its own ([`http`]); a submission is checked there (size, JSON,
//! names, valences, times), then handed through a channel to whoever owns the document — the
//! window or `retroline collect` — which applies it as one
//! [`Edit::Submit`](crate::doc::Edit::Submit) and answers. Nothing is served from disk: the page
//! is compiled in. Every URL carries an unguessable token.
//!
//! `guard` refuses requests that do not name this server or come from another site, `handle`
//! answers the others, `submission` checks what participants send and hands it on,
//! `round` holds the round's rules and secrets, `board_json` is what the page reads of the
//! board, and `limits` says how much a participant can send.

pub mod collect;
pub mod form;
pub mod http;
pub mod qr;

pub mod admission;
mod board_json;
mod guard;
mod handle;
mod inflight;
mod limits;
mod round;
mod submission;

pub(crate) use board_json::board_json;
pub use limits::{
    FarFromBoard, MAX_EMOTION, MAX_LINE, MAX_NAME, MAX_NOTE, MAX_PARTICIPANTS, MAX_VOTE_TARGETS,
    fit_to_board,
};
pub use round::{Refusal, Round, TokenError, new_token};
pub(crate) use submission::parse_submission;
pub use submission::{Batch, Dots, Submission, SubmissionError, apply_batch};

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use crate::model::Board;

pub(crate) const PAGE_HTML: &str = include_str!("page/index.html");
pub(crate) const PAGE_JS: &str = include_str!("page/app.js");
pub(crate) const PAGE_CSS: &str = include_str!("page/app.css");

/// What the server shows of the board; its owner refreshes it after every change.
struct Shared {
    /// `board.json` of the latest revision, shared by every answer that sends it.
    board_json: Mutex<Arc<Vec<u8>>>,
    /// The page, with this round's token in its addresses, built once.
    page: Arc<Vec<u8>>,
    /// The authorities (`host:port`) a request may name in `Host` and its `Origin`: the join
    /// addresses, this machine's loopback and `localhost` (a public URL's host can join them).
    allowed: Vec<String>,
    open: AtomicBool,
}

/// Why the participant server did not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Token(#[from] TokenError),
    #[error("the link to keep has no token of 32 hex digits")]
    BadToken,
    #[error("cannot listen on {bind}: the port is taken by another program")]
    PortTaken { bind: SocketAddr },
    #[error("cannot listen on {bind}: this machine has no such address")]
    NoSuchAddress { bind: SocketAddr },
    #[error("cannot listen on {bind}: not allowed (ports below 1024 need privileges)")]
    NotAllowed { bind: SocketAddr },
    #[error("cannot listen on {bind}: {source}")]
    Listen {
        bind: SocketAddr,
        source: std::io::Error,
    },
}

/// A running participant server.
pub struct Server {
    http: http::ServerHandle,
    token: String,
    shared: Arc<Shared>,
    inbox: mpsc::Receiver<Submission>,
    /// The addresses participants can reach, by interface, as found at the start: the join
    /// addresses shown, and the only ones (with loopback) taken as `Host`.
    hosts: Vec<(String, std::net::IpAddr)>,
}

impl Server {
    /// Starts serving `board` on `bind` (port 0 picks a free one). `wake` is called when a
    /// submission arrives, so that the owner can take it at once.
    pub fn start(
        bind: SocketAddr,
        board: &Board,
        round: &Round,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Result<Self, StartError> {
        Self::start_with(bind, new_token()?, board, round, wake)
    }

    /// [`Server::start`] with a `token` from a server before it (and, in `bind`, its port):
    /// the next round of the same board keeps its link, so a phone that has the page open
    /// only reloads it. `token` must be one [`new_token`] made.
    pub fn start_with(
        bind: SocketAddr,
        token: String,
        board: &Board,
        round: &Round,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Result<Self, StartError> {
        if token.len() < 32 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            // Never a guessable token, nor one that would not go into the page as it is.
            return Err(StartError::BadToken);
        }
        let listen_error = |source: std::io::Error| match source.kind() {
            std::io::ErrorKind::AddrInUse => StartError::PortTaken { bind },
            std::io::ErrorKind::AddrNotAvailable => StartError::NoSuchAddress { bind },
            std::io::ErrorKind::PermissionDenied => StartError::NotAllowed { bind },
            _ => StartError::Listen { bind, source },
        };
        let listener = std::net::TcpListener::bind(bind).map_err(listen_error)?;
        let local = listener.local_addr().map_err(listen_error)?;
        let hosts = join_hosts(local);
        let ips: Vec<std::net::IpAddr> = hosts.iter().map(|(_, ip)| *ip).collect();
        // The token is hex: it can go into the page as it is.
        let page = PAGE_HTML.replace("/j/TOKEN/", &format!("/j/{token}/"));
        let shared = Arc::new(Shared {
            board_json: Mutex::new(Arc::new(board_json(board, round))),
            page: Arc::new(page.into_bytes()),
            allowed: guard::allowed_authorities(&ips, local.port()),
            open: AtomicBool::new(true),
        });
        let (send, inbox) = mpsc::channel::<Submission>();
        let handler = {
            let (token, shared) = (token.clone(), Arc::clone(&shared));
            move |request: &http::Request| handle::handle(request, &token, &shared, &send, &wake)
        };
        let http = http::serve(listener, handler).map_err(listen_error)?;
        Ok(Self {
            http,
            token,
            shared,
            inbox,
            hosts,
        })
    }

    /// Where the server listens.
    pub fn local_addr(&self) -> SocketAddr {
        self.http.local_addr
    }

    pub fn token(&self) -> &str {
        &self.token
    }

    /// The join address on `host`.
    pub fn url_on(&self, host: std::net::IpAddr) -> String {
        let port = self.local_addr().port();
        match host {
            std::net::IpAddr::V4(a) => format!("http://{a}:{port}/j/{}", self.token),
            std::net::IpAddr::V6(a) => format!("http://[{a}]:{port}/j/{}", self.token),
        }
    }

    /// A join address for each address participants can reach: every network address of the
    /// machine when listening on all of them, else the one listened on. Loopback comes last.
    /// The addresses are those found when the server started, the ones it answers at.
    pub fn join_urls(&self) -> Vec<(String, String)> {
        self.hosts
            .iter()
            .map(|(name, ip)| (name.clone(), self.url_on(*ip)))
            .collect()
    }

    /// The address to show first: one other machines can reach, else this machine's own.
    pub fn main_url(urls: &[(String, String)]) -> String {
        urls.iter()
            .find(|(name, _)| name != "this machine")
            .or(urls.first())
            .map(|(_, url)| url.clone())
            .unwrap_or_default()
    }

    /// Shows `board` to participants from now on.
    pub fn publish(&self, board: &Board, round: &Round) {
        let json = Arc::new(board_json(board, round));
        if let Ok(mut shown) = self.shared.board_json.lock() {
            *shown = json;
        }
        self.shared.open.store(round.open, Ordering::SeqCst);
    }

    /// The submissions waiting, without blocking.
    pub fn pending(&self) -> Vec<Submission> {
        self.inbox.try_iter().collect()
    }

    /// Waits up to `timeout` for the next submission.
    pub fn next(&self, timeout: Duration) -> Option<Submission> {
        self.inbox.recv_timeout(timeout).ok()
    }

    /// Stops serving; the page then gets no answer.
    pub fn stop(&mut self) {
        self.shared.open.store(false, Ordering::SeqCst);
        self.http.stop();
    }
}

/// The addresses participants can reach a server listening on `local` at, by interface name:
/// every network address of the machine when listening on all of them, else the one listened
/// on. Loopback comes last.
fn join_hosts(local: SocketAddr) -> Vec<(String, std::net::IpAddr)> {
    if !local.ip().is_unspecified() {
        return vec![("this address".to_owned(), local.ip())];
    }
    let mut hosts = Vec::new();
    if let Ok(interfaces) = if_addrs::get_if_addrs() {
        for i in interfaces {
            let ip = i.ip();
            if i.is_loopback() || i.is_link_local() || ip.is_ipv4() != local.is_ipv4() {
                continue;
            }
            hosts.push((i.name.clone(), ip));
        }
    }
    let loopback = if local.is_ipv4() {
        std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST)
    } else {
        std::net::IpAddr::V6(std::net::Ipv6Addr::LOCALHOST)
    };
    hosts.push(("this machine".to_owned(), loopback));
    hosts
}

#[cfg(test)]
mod batch_tests;
#[cfg(test)]
mod tests;
