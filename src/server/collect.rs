//! `retroline collect`: the participant server without a window, for as long as it is needed.
//! Each accepted submission is written into the board file at once (atomically, keeping the
//! `.bak`); a window open on the same file sees it through its changed-on-disk check.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::{Round, Server};
use crate::doc::Document;

/// What a collection did, for its one-line summary.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub accepted: usize,
    pub refused: usize,
    pub people: usize,
}

/// Serves `path`'s board on `bind` until `stop` is set. `say` gets each line to print: first
/// `join: URL`, then one line per submission.
pub fn collect(
    path: &Path,
    bind: SocketAddr,
    stop: &AtomicBool,
    mut say: impl FnMut(&str),
) -> Result<Summary, String> {
    let mut doc = Document::open(path)?;
    let mut round = Round::default();
    let mut server = Server::start(bind, doc.board(), &round, || {})?;
    let urls = server.join_urls();
    let first = Server::main_url(&urls);
    say(&format!("join: {first}"));
    for (name, url) in urls.iter().filter(|(_, url)| *url != first) {
        say(&format!("also: {url} ({name})"));
    }
    say(&super::qr::terminal(&first));
    let mut unsaved = false;
    let mut summary = Summary::default();
    while !stop.load(Ordering::SeqCst) {
        let Some(submission) = server.next(Duration::from_millis(200)) else {
            continue;
        };
        // Someone else (a window) saved the file since: take their board first.
        if doc.changed_on_disk() {
            match Document::open(path) {
                Ok(fresh) => {
                    doc = fresh;
                    server.publish(doc.board(), &round);
                }
                Err(err) => say(&format!(
                    "{err}; keeping the board as this collection has it"
                )),
            }
        }
        let name = submission.name.clone();
        let count = submission.feelings.len();
        let (reply, result) = submission.apply(&mut round, &mut doc);
        if result.is_ok() {
            summary.accepted += 1;
            match doc.save_to(path) {
                Ok(()) => {
                    unsaved = false;
                    say(&format!(
                        "{name}: {count} feelings saved in {}",
                        path.display()
                    ));
                }
                Err(err) => {
                    unsaved = true;
                    say(&format!(
                        "{name}: {count} feelings kept but not saved: {err}; tried again with \
                         the next submission and on stop"
                    ));
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
    if unsaved {
        doc.save_to(path)
            .map_err(|err| format!("{err}: the last submissions could not be saved"))?;
    }
    Ok(summary)
}
