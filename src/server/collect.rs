//! `retroline collect`: the participant server without a window, for as long as it is needed.
//! Each accepted submission is written into the board file at once (atomically, keeping the
//! `.bak`); a window open on the same file sees it through its changed-on-disk check.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::{Refusal, Round, Server};
use crate::doc::Document;

/// What a collection did, for its one-line summary.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub accepted: usize,
    pub refused: usize,
    pub people: usize,
}

/// Serves `path`'s board on `bind` until `stop` is set. `say` gets each line to print: first
/// `join: URL`, then (with `show_qr`, for a terminal) a QR code, then one line per submission.
pub fn collect(
    path: &Path,
    bind: SocketAddr,
    stop: &AtomicBool,
    show_qr: bool,
    mut say: impl FnMut(&str),
) -> Result<Summary, String> {
    let mut doc = Document::open(path).map_err(|e| e.to_string())?;
    let mut round = Round::default();
    let mut server = Server::start(bind, doc.board(), &round, || {}).map_err(|e| e.to_string())?;
    let urls = server.join_urls();
    let first = Server::main_url(&urls);
    say(&format!("join: {first}"));
    for (name, url) in urls.iter().filter(|(_, url)| *url != first) {
        say(&format!("also: {url} ({name})"));
    }
    if show_qr {
        say(&super::qr::terminal(&first));
    }
    let mut summary = Summary::default();
    while !stop.load(Ordering::SeqCst) {
        let Some(submission) = server.next(Duration::from_millis(200)) else {
            continue;
        };
        // Someone else (a window) saved the file since: take their board first. A file that
        // cannot be read now (a hand edit half done) is never written over.
        if doc.changed_on_disk() {
            match Document::open(path) {
                Ok(fresh) => {
                    doc = fresh;
                    server.publish(doc.board(), &round);
                }
                Err(err) => {
                    say(&format!(
                        "{err}; the file was changed and cannot be read, so nothing is written \
                         to it until it can"
                    ));
                    summary.refused += 1;
                    submission.refuse(Refusal::FileBeingEdited);
                    continue;
                }
            }
        }
        let name = submission.name.clone();
        let count = match &submission.payload {
            crate::server::Payload::Feelings(f) => f.len(),
            crate::server::Payload::Votes(v) => v.len(),
        };
        let (reply, mut result) = submission.apply(&mut round, &mut doc);
        if result.is_ok() {
            match doc.save_to(path) {
                Ok(()) => {
                    summary.accepted += 1;
                    say(&format!(
                        "{name}: {count} feelings saved in {}",
                        path.display()
                    ));
                }
                Err(err) => {
                    // Not kept is not "saved": take it back and say so.
                    doc.undo();
                    round.forget(&name);
                    summary.refused += 1;
                    say(&format!("{name}: not saved, the board is as it was: {err}"));
                    result = Err(Refusal::NotSaved(err.to_string()));
                }
            }
            server.publish(doc.board(), &round);
        } else {
            summary.refused += 1;
        }
        // Answered once the file holds it.
        reply.send(result);
    }
    server.stop();
    summary.people = round.submitted.len();
    Ok(summary)
}
