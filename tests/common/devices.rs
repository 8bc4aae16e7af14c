//! Requests from many devices: each from a loopback address of its own (127.0.1.x), as people
//! on their own phones are. Shared by the load tests and the round benchmark.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4, TcpStream};
use std::time::Duration;

/// One POST from the loopback address `from`; the status and the body.
pub fn post_from(from: Ipv4Addr, to: SocketAddr, path: &str, body: &str) -> (u16, String) {
    let socket = match socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None) {
        Ok(s) => s,
        Err(_) => return (0, String::new()),
    };
    let bound = socket.bind(&SocketAddrV4::new(from, 0).into());
    if bound.is_err()
        || socket
            .connect_timeout(&to.into(), Duration::from_secs(10))
            .is_err()
    {
        return (0, String::new());
    }
    let mut s: TcpStream = socket.into();
    let _ = s.set_read_timeout(Some(Duration::from_secs(200)));
    let sent = write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: {to}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut answer = String::new();
    if sent.is_err() || s.read_to_string(&mut answer).is_err() {
        return (0, answer);
    }
    status_and_body(&answer)
}

/// An HTTP answer's status and body.
pub fn status_and_body(answer: &str) -> (u16, String) {
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}
