//! A small HTTP/1.1 server on `std::net` and `httparse`, made to stay up among hostile clients:
//! one thread per connection up to [`MAX_CONNS`], a deadline for the whole request (so a client
//! sending a byte at a time is cut off), a read and write timeout on every call, heads of at most
//! 8 KiB, bodies of at most [`MAX_BODY`] (refused before they are read), no chunked bodies, and
//! every response closes its connection. Nothing is served from disk: the handler answers.
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

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

/// A request that was read whole.
pub struct Request {
    pub method: String,
    pub path: String,
    pub body: Vec<u8>,
}

/// What the handler answers.
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
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
    let listener = TcpListener::bind(addr)?; // ErrorKind::AddrInUse if the port is taken
    let local_addr = listener.local_addr()?; // real port when addr had port 0
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
                        let (h, s) = (handler.clone(), stop2.clone());
                        let release_here = release.clone();
                        let spawned =
                            thread::Builder::new()
                                .name("retroline-conn".into())
                                .spawn(move || {
                                    let _ = serve_conn(stream, &*h, &s);
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
) -> io::Result<()> {
    s.set_nodelay(true)?;
    s.set_write_timeout(Some(IO_TIMEOUT))?;
    let deadline = Instant::now() + REQUEST_DEADLINE;
    // ---- read head (request line + headers), capped at MAX_HEAD, bounded by deadline ----
    let mut buf = vec![0u8; MAX_HEAD];
    let mut filled = 0;
    let (head_len, method, path, content_length, chunked) = loop {
        if stop.load(Ordering::SeqCst) {
            return Ok(());
        }
        let n = match read_before(&mut s, deadline, &mut buf[filled..])? {
            Some(0) => return Ok(()), // client closed
            Some(n) => n,
            None => return respond_close(&mut s, simple(408, "the request took too long")),
        };
        filled += n;
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut req = httparse::Request::new(&mut headers);
        match req.parse(&buf[..filled]) {
            Ok(httparse::Status::Complete(len)) => {
                let mut cl: Option<usize> = None;
                let mut te = false;
                for hd in req.headers.iter() {
                    if hd.name.eq_ignore_ascii_case("content-length") {
                        let v = std::str::from_utf8(hd.value)
                            .ok()
                            .and_then(|v| v.trim().parse::<usize>().ok());
                        match (cl, v) {
                            (_, None) => {
                                return respond_close(
                                    &mut s,
                                    simple(400, "the Content-Length is not a number"),
                                );
                            }
                            (Some(a), Some(b)) if a != b => {
                                return respond_close(
                                    &mut s,
                                    simple(400, "two different Content-Lengths"),
                                );
                            }
                            (_, v) => cl = v,
                        }
                    } else if hd.name.eq_ignore_ascii_case("transfer-encoding") {
                        te = true;
                    }
                }
                break (
                    len,
                    req.method.unwrap_or("").to_owned(),
                    req.path.unwrap_or("").to_owned(),
                    cl.unwrap_or(0),
                    te,
                );
            }
            Ok(httparse::Status::Partial) if filled == buf.len() => {
                return respond_close(&mut s, simple(431, "the request head is over 8 KiB"));
            }
            Ok(httparse::Status::Partial) => continue,
            Err(httparse::Error::TooManyHeaders) => {
                return respond_close(&mut s, simple(431, "more than 32 headers"));
            }
            Err(_) => return respond_close(&mut s, simple(400, "not an HTTP request")),
        }
    };
    if chunked {
        return respond_close(
            &mut s,
            simple(
                411,
                "chunked bodies are not accepted: send a Content-Length",
            ),
        );
    }
    if content_length > MAX_BODY {
        return respond_close(&mut s, simple(413, "the request body is over 64 KiB"));
    }
    // ---- read body: bytes already buffered after the head, then the rest, same deadline ----
    let mut body = buf[head_len..filled].to_vec();
    body.truncate(content_length);
    while body.len() < content_length {
        let mut chunk = [0u8; 8192];
        let want = (content_length - body.len()).min(chunk.len());
        match read_before(&mut s, deadline, &mut chunk[..want])? {
            Some(0) => return Ok(()),
            Some(n) => body.extend_from_slice(&chunk[..n]),
            None => return respond_close(&mut s, simple(408, "the request took too long")),
        }
    }
    let resp = h(&Request { method, path, body });
    write_response(&mut s, &resp)?;
    let _ = s.shutdown(Shutdown::Write);
    Ok(())
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
        body: serde_json::json!({ "error": msg }).to_string().into_bytes(),
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
        r.body.len(),
        CSP
    );
    s.write_all(head.as_bytes())?;
    s.write_all(&r.body)?;
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
