//! A small HTTP/1.1 server on `std::net` and `httparse`, made to stay up among hostile clients:
//! one thread per connection up to [`MAX_CONNS`], a deadline for the whole request (so a client
//! sending a byte at a time is cut off), a read and write timeout on every call, heads of at most
//! 8 KiB, bodies of at most [`MAX_BODY`] (refused before they are read), no chunked bodies, and
//! every response closes its connection, and at most [`MAX_IN_FLIGHT`] bytes of answers are
//! being written at once (a shared body counted once). Nothing is served from disk: the handler
//! answers.
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::inflight::{InFlight, MAX_IN_FLIGHT};

pub const MAX_BODY: usize = 64 * 1024;
const MAX_HEAD: usize = 8 * 1024;
const MAX_HEADERS: usize = 32;
const MAX_CONNS: usize = 256;
/// The most connections at once from one address, so that one client cannot shut out the room.
const MAX_CONNS_PER_ADDRESS: usize = 64;
const IO_TIMEOUT: Duration = Duration::from_secs(5); // per read()/write() call
const REQUEST_DEADLINE: Duration = Duration::from_secs(10); // whole request (head+body)
/// Scripts, styles and requests only from this server; no frames, no plugins, no other origin.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// A request that was read whole, with the headers the handler checks (trimmed, as sent).
pub struct Request {
    pub method: String,
    pub path: String,
    /// `Host`, which names the address the client meant (`None` when absent).
    pub host: Option<String>,
    /// `Origin`, the page a browser sends the request from.
    pub origin: Option<String>,
    pub content_type: Option<String>,
    /// `Sec-Fetch-Site`: how a browser says the request relates to the page it comes from.
    pub fetch_site: Option<String>,
    pub body: Vec<u8>,
}

/// What the handler answers.
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Body,
}

/// An answer's bytes: its own, shared with other answers (`board.json` of one revision, sent
/// to everyone without a copy each), or compiled into the program.
pub enum Body {
    Owned(Vec<u8>),
    Shared(Arc<Vec<u8>>),
    Static(&'static [u8]),
}

impl Body {
    pub fn as_slice(&self) -> &[u8] {
        match self {
            Body::Owned(bytes) => bytes,
            Body::Shared(bytes) => bytes,
            Body::Static(bytes) => bytes,
        }
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Body::Owned(bytes)
    }
}

impl From<Arc<Vec<u8>>> for Body {
    fn from(bytes: Arc<Vec<u8>>) -> Self {
        Body::Shared(bytes)
    }
}

impl From<&'static [u8]> for Body {
    fn from(bytes: &'static [u8]) -> Self {
        Body::Static(bytes)
    }
}

/// A running server; it stops when told to or when dropped.
pub struct ServerHandle {
    stop: Arc<AtomicBool>,
    pub local_addr: SocketAddr,
    accept: Option<JoinHandle<()>>,
}

impl ServerHandle {
    /// Stops accepting; connections under way end within [`IO_TIMEOUT`].
    pub fn stop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(h) = self.accept.take() {
            // The accept loop waits in `accept`: a connection of our own, on this machine's
            // loopback address, wakes it to see the flag.
            let port = self.local_addr.port();
            let wake: SocketAddr = if self.local_addr.ip().is_unspecified() {
                if self.local_addr.is_ipv4() {
                    SocketAddr::from(([127, 0, 0, 1], port))
                } else {
                    SocketAddr::from((std::net::Ipv6Addr::LOCALHOST, port))
                }
            } else {
                self.local_addr
            };
            if TcpStream::connect_timeout(&wake, Duration::from_secs(1)).is_ok() {
                let _ = h.join();
            }
        }
    }
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Listens on `addr` and answers each request with `handler`, in threads of its own.
pub fn start<H>(addr: SocketAddr, handler: H) -> io::Result<ServerHandle>
where
    H: Fn(&Request) -> Response + Send + Sync + 'static,
{
    serve(TcpListener::bind(addr)?, handler) // ErrorKind::AddrInUse if the port is taken
}

/// Answers each request on `listener` with `handler`, in threads of its own; for a caller that
/// needs the port (bound with port 0) before it makes the handler.
pub fn serve<H>(listener: TcpListener, handler: H) -> io::Result<ServerHandle>
where
    H: Fn(&Request) -> Response + Send + Sync + 'static,
{
    let local_addr = listener.local_addr()?; // real port when bound with port 0
    let budget = Arc::new(InFlight::new(MAX_IN_FLIGHT));
    let stop = Arc::new(AtomicBool::new(false));
    let handler = Arc::new(handler);
    let live = Arc::new(AtomicUsize::new(0));
    let per_address: Arc<std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, usize>>> =
        Arc::default();
    let stop2 = stop.clone();
    let accept = thread::Builder::new()
        .name("retroline-accept".into())
        .spawn(move || {
            // Blocking: no work at all while nobody connects. `stop` wakes it.
            while !stop2.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok(_) if stop2.load(Ordering::SeqCst) => break,
                    Ok((mut stream, peer)) => {
                        let ip = peer.ip();
                        let from_peer = {
                            let Ok(mut counts) = per_address.lock() else {
                                break;
                            };
                            let n = counts.entry(ip).or_insert(0);
                            *n += 1;
                            *n
                        };
                        let release = {
                            let (live, per_address) = (live.clone(), per_address.clone());
                            move || {
                                live.fetch_sub(1, Ordering::SeqCst);
                                if let Ok(mut counts) = per_address.lock()
                                    && let Some(n) = counts.get_mut(&ip)
                                {
                                    *n -= 1;
                                    if *n == 0 {
                                        counts.remove(&ip);
                                    }
                                }
                            }
                        };
                        live.fetch_add(1, Ordering::SeqCst);
                        if live.load(Ordering::SeqCst) > MAX_CONNS
                            || from_peer > MAX_CONNS_PER_ADDRESS
                        {
                            // Too many at once: the newest is told so, and closed.
                            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
                            let _ = write_response(
                                &mut stream,
                                &simple(503, "too many connections at once; try again"),
                            );
                            release();
                            continue;
                        }
                        let (h, s, b) = (handler.clone(), stop2.clone(), budget.clone());
                        let release_here = release.clone();
                        let spawned =
                            thread::Builder::new()
                                .name("retroline-conn".into())
                                .spawn(move || {
                                    let _ = serve_conn(stream, &*h, &s, &b);
                                    release();
                                });
                        if spawned.is_err() {
                            release_here();
                        }
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    // Out of file descriptors and the like: back off, do not stop.
                    Err(_) => thread::sleep(Duration::from_millis(50)),
                }
            }
        })?;
    Ok(ServerHandle {
        stop,
        local_addr,
        accept: Some(accept),
    })
}

fn serve_conn<H: Fn(&Request) -> Response>(
    mut s: TcpStream,
    h: &H,
    stop: &AtomicBool,
    budget: &InFlight,
) -> io::Result<()> {
    s.set_nodelay(true)?;
    s.set_write_timeout(Some(IO_TIMEOUT))?;
    let deadline = Instant::now() + REQUEST_DEADLINE;
    let mut buf = vec![0u8; MAX_HEAD];
    let (head, filled) = match read_head(&mut s, deadline, stop, &mut buf)? {
        Step::Done(read) => read,
        Step::Closed => return Ok(()),
        Step::Refuse(r) => return respond_close(&mut s, r),
    };
    if head.chunked {
        return respond_close(
            &mut s,
            simple(
                411,
                "chunked bodies are not accepted: send a Content-Length",
            ),
        );
    }
    if head.content_length > MAX_BODY {
        return respond_close(&mut s, simple(413, "the request body is over 64 KiB"));
    }
    let already = buf.get(head.len..filled).unwrap_or_default();
    let body = match read_body(&mut s, deadline, already, head.content_length)? {
        Step::Done(body) => body,
        Step::Closed => return Ok(()),
        Step::Refuse(r) => return respond_close(&mut s, r),
    };
    drop(buf);
    let request = head.into_request(body);
    let response = h(&request);
    drop(request);
    let Some(ticket) = budget.admit(&response.body) else {
        drop(response);
        return respond_close(
            &mut s,
            simple(503, "the server is busy; try again in a moment"),
        );
    };
    write_response(&mut s, &response)?;
    drop(ticket);
    let _ = s.shutdown(Shutdown::Write);
    Ok(())
}

/// What reading a part of a request came to.
enum Step<T> {
    Done(T),
    /// The client closed the connection.
    Closed,
    /// The request cannot be taken: this is the answer.
    Refuse(Response),
}

/// A request head as read, before its body.
struct Head {
    len: usize,
    method: String,
    path: String,
    content_length: usize,
    chunked: bool,
    host: Option<String>,
    origin: Option<String>,
    content_type: Option<String>,
    fetch_site: Option<String>,
}

impl Head {
    fn into_request(self, body: Vec<u8>) -> Request {
        Request {
            method: self.method,
            path: self.path,
            host: self.host,
            origin: self.origin,
            content_type: self.content_type,
            fetch_site: self.fetch_site,
            body,
        }
    }
}

/// Reads the request line and headers, capped at [`MAX_HEAD`], bounded by `deadline`; returns
/// the head and how much of `buf` was filled (the start of the body may follow the head).
fn read_head(
    s: &mut TcpStream,
    deadline: Instant,
    stop: &AtomicBool,
    buf: &mut [u8],
) -> io::Result<Step<(Head, usize)>> {
    let mut filled = 0;
    loop {
        if stop.load(Ordering::SeqCst) {
            return Ok(Step::Closed);
        }
        let Some(space) = buf.get_mut(filled..) else {
            return Ok(Step::Refuse(simple(431, "the request head is over 8 KiB")));
        };
        let n = match read_before(s, deadline, space)? {
            Some(0) => return Ok(Step::Closed),
            Some(n) => n,
            None => return Ok(Step::Refuse(simple(408, "the request took too long"))),
        };
        filled += n;
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut req = httparse::Request::new(&mut headers);
        match req.parse(&buf[..filled]) {
            Ok(httparse::Status::Complete(len)) => {
                return Ok(match parse_headers(req.headers) {
                    Ok(fields) => Step::Done((
                        Head {
                            len,
                            method: req.method.unwrap_or("").to_owned(),
                            path: req.path.unwrap_or("").to_owned(),
                            ..fields
                        },
                        filled,
                    )),
                    Err(refusal) => Step::Refuse(refusal),
                });
            }
            Ok(httparse::Status::Partial) if filled == buf.len() => {
                return Ok(Step::Refuse(simple(431, "the request head is over 8 KiB")));
            }
            Ok(httparse::Status::Partial) => continue,
            Err(httparse::Error::TooManyHeaders) => {
                return Ok(Step::Refuse(simple(431, "more than 32 headers")));
            }
            Err(_) => return Ok(Step::Refuse(simple(400, "not an HTTP request"))),
        }
    }
}

/// The headers the server acts on. A value that is not UTF-8 is kept with replacement
/// characters, so that it matches nothing; the same header twice with different values is
/// refused.
fn parse_headers(headers: &[httparse::Header<'_>]) -> Result<Head, Response> {
    let mut head = Head {
        len: 0,
        method: String::new(),
        path: String::new(),
        content_length: 0,
        chunked: false,
        host: None,
        origin: None,
        content_type: None,
        fetch_site: None,
    };
    let mut length: Option<usize> = None;
    for hd in headers {
        let name = hd.name;
        let value = || String::from_utf8_lossy(hd.value).trim().to_owned();
        let field = if name.eq_ignore_ascii_case("content-length") {
            let v = std::str::from_utf8(hd.value)
                .ok()
                .and_then(|v| v.trim().parse::<usize>().ok());
            match (length, v) {
                (_, None) => return Err(simple(400, "the Content-Length is not a number")),
                (Some(a), Some(b)) if a != b => {
                    return Err(simple(400, "two different Content-Lengths"));
                }
                (_, v) => length = v,
            }
            continue;
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            head.chunked = true;
            continue;
        } else if name.eq_ignore_ascii_case("host") {
            &mut head.host
        } else if name.eq_ignore_ascii_case("origin") {
            &mut head.origin
        } else if name.eq_ignore_ascii_case("content-type") {
            &mut head.content_type
        } else if name.eq_ignore_ascii_case("sec-fetch-site") {
            &mut head.fetch_site
        } else {
            continue;
        };
        let value = value();
        match field {
            Some(earlier) if *earlier != value => {
                return Err(simple(400, &format!("two different {name} headers")));
            }
            _ => *field = Some(value),
        }
    }
    head.content_length = length.unwrap_or(0);
    Ok(head)
}

/// The body: the bytes that came with the head, then the rest, by the same deadline.
fn read_body(
    s: &mut TcpStream,
    deadline: Instant,
    already: &[u8],
    content_length: usize,
) -> io::Result<Step<Vec<u8>>> {
    let mut body = already[..already.len().min(content_length)].to_vec();
    while body.len() < content_length {
        let mut chunk = [0u8; 8192];
        let want = (content_length - body.len()).min(chunk.len());
        match read_before(s, deadline, &mut chunk[..want])? {
            Some(0) => return Ok(Step::Closed),
            Some(n) => body.extend_from_slice(&chunk[..n]),
            None => return Ok(Step::Refuse(simple(408, "the request took too long"))),
        }
    }
    Ok(Step::Done(body))
}

/// Reads what has come, waiting at most [`IO_TIMEOUT`] and never past `deadline`; `None` when
/// the client took too long.
fn read_before(s: &mut TcpStream, deadline: Instant, buf: &mut [u8]) -> io::Result<Option<usize>> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Ok(None);
    }
    s.set_read_timeout(Some(left.min(IO_TIMEOUT)))?;
    match s.read(buf) {
        Ok(n) => Ok(Some(n)),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
            ) =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// An error as the API gives them: JSON `{"error": "…"}`.
pub fn simple(status: u16, msg: &str) -> Response {
    Response {
        status,
        content_type: "application/json; charset=utf-8",
        body: Body::Owned(serde_json::json!({ "error": msg }).to_string().into_bytes()),
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        422 => "Unprocessable Content",
        500 => "Internal Server Error",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Error",
    }
}

fn write_response(s: &mut TcpStream, r: &Response) -> io::Result<()> {
    let head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nContent-Security-Policy: {}\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        r.status,
        reason(r.status),
        r.content_type,
        r.body.as_slice().len(),
        CSP
    );
    s.write_all(head.as_bytes())?;
    s.write_all(r.body.as_slice())?;
    s.flush()
}

/// Sends an error, half-closes, then briefly discards what the client is still sending, so that
/// closing does not become a TCP reset that destroys the response in flight.
fn respond_close(s: &mut TcpStream, r: Response) -> io::Result<()> {
    write_response(s, &r)?;
    let _ = s.shutdown(Shutdown::Write);
    let until = Instant::now() + Duration::from_secs(1);
    let mut sink = [0u8; 4096];
    let mut budget: usize = 256 * 1024;
    let _ = s.set_read_timeout(Some(Duration::from_millis(200)));
    while budget > 0 && Instant::now() < until {
        match s.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => budget = budget.saturating_sub(n),
        }
    }
    Ok(())
}
