//! Request handling: the page, its script and styles, `board.json`, and the submissions, each
//! behind the round's token, for requests that name this server and, for a submission, come
//! from its own page or a script (see [`guard`](super::guard)); a submission waits for the
//! document's owner to answer. The page and `board.json` are built once (per revision) and each
//! answer shares them.

use std::sync::atomic::Ordering;
use std::sync::{Arc, mpsc};
use std::time::Duration;

use super::guard;
use super::http::{Body, Request, Response, simple};
use super::round::same_secret;
use super::submission::{Payload, Submission, parse_submission, parse_votes};
use super::{PAGE_CSS, PAGE_JS, Shared};

/// How long a request waits for the window (or `collect`) to apply it.
const OWNER_WAIT: Duration = Duration::from_secs(5);

fn ok(content_type: &'static str, body: impl Into<Body>) -> Response {
    Response {
        status: 200,
        content_type,
        body: body.into(),
    }
}

/// Answers one request.
pub(super) fn handle(
    request: &Request,
    token: &str,
    shared: &Shared,
    send: &mpsc::Sender<Submission>,
    wake: &(impl Fn() + Send + Sync),
) -> Response {
    if let Some(refusal) = guard::refuse(request, &shared.allowed) {
        return refusal;
    }
    let not_found = || simple(404, "not found");
    let path = request.path.split('?').next().unwrap_or("");
    let Some(rest) = path.strip_prefix("/j/") else {
        return not_found();
    };
    let (given, what) = rest.split_once('/').unwrap_or((rest, ""));
    if !same_secret(given, token) {
        return not_found();
    }
    match (request.method.as_str(), what) {
        ("GET", "") => ok("text/html; charset=utf-8", Arc::clone(&shared.page)),
        ("GET", "app.js") => ok("text/javascript; charset=utf-8", PAGE_JS.as_bytes()),
        ("GET", "app.css") => ok("text/css; charset=utf-8", PAGE_CSS.as_bytes()),
        ("GET", "board.json") => {
            let json = shared
                .board_json
                .lock()
                .map(|j| Arc::clone(&j))
                .unwrap_or_default();
            ok("application/json; charset=utf-8", json)
        }
        ("POST", "feelings" | "votes") => {
            if !shared.open.load(Ordering::SeqCst) {
                return simple(403, "the round is closed");
            }
            let parsed = if what == "votes" {
                parse_votes(&request.body).map(|(n, v, s)| (n, Payload::Votes(v), s))
            } else {
                parse_submission(&request.body).map(|(n, f, s)| (n, Payload::Feelings(f), s))
            };
            let (name, payload, secret) = match parsed {
                Ok(parsed) => parsed,
                Err(reason) => return simple(400, &reason.to_string()),
            };
            let (reply, answer) = mpsc::sync_channel(1);
            let submission = Submission {
                name,
                payload,
                secret,
                reply,
            };
            if send.send(submission).is_err() {
                return simple(503, "the round has ended");
            }
            wake();
            match answer.recv_timeout(OWNER_WAIT) {
                Ok(Ok(secret)) => ok(
                    "application/json; charset=utf-8",
                    serde_json::json!({ "secret": secret })
                        .to_string()
                        .into_bytes(),
                ),
                Ok(Err(why)) => simple(why.status(), &why.to_string()),
                Err(_) => simple(503, "the facilitator's app did not answer; try again"),
            }
        }
        (_, "" | "app.js" | "app.css" | "board.json" | "feelings" | "votes") => {
            simple(405, "method not allowed")
        }
        _ => not_found(),
    }
}
