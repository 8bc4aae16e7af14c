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
use super::submission::{Outcome, Submission, parse_submission, parse_votes};
use super::{PAGE_CSS, PAGE_JS, Shared};
use crate::doc::Entry;

/// How long a submission waits for the window (or `collect`) to take it; one not taken by
/// then is withdrawn and its sender told that nothing was stored. Long enough that 200 people
/// at once on a large board are all taken (see `cargo bench --bench round`).
const OWNER_WAIT: Duration = Duration::from_secs(30);
/// How long more a submission that was taken waits for its answer (it is being kept).
const OWNER_FINISH: Duration = Duration::from_secs(120);

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
                parse_votes(&request.body).map(|(n, v, s)| (n, Entry::Votes(v), s))
            } else {
                parse_submission(&request.body).map(|(n, l, s)| (n, Entry::Line(l), s))
            };
            let (name, entry, secret) = match parsed {
                Ok(parsed) => parsed,
                Err(reason) => return simple(400, &reason.to_string()),
            };
            let (submission, waiting) = Submission::new(name, entry, secret);
            if send.send(submission).is_err() {
                return simple(503, "the round has ended; nothing was stored");
            }
            wake();
            match waiting.outcome(OWNER_WAIT, OWNER_FINISH) {
                Outcome::Done(Ok(secret)) => ok(
                    "application/json; charset=utf-8",
                    serde_json::json!({ "secret": secret })
                        .to_string()
                        .into_bytes(),
                ),
                Outcome::Done(Err(why)) => simple(why.status(), &why.to_string()),
                Outcome::NotTaken => simple(
                    503,
                    "the facilitator's app was too busy to take it: nothing was stored; send it \
                     again",
                ),
                Outcome::Unknown => simple(
                    504,
                    "the facilitator's app took it and has not said yet whether it is saved; \
                     send it again in a minute: it replaces what you sent, never adds to it",
                ),
            }
        }
        (_, "" | "app.js" | "app.css" | "board.json" | "feelings" | "votes") => {
            simple(405, "method not allowed")
        }
        _ => not_found(),
    }
}
