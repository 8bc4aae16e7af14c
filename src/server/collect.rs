//! `retroline collect`: the participant server without a window, for as long as it is needed.
//! Each accepted submission is written into the board file before it is acknowledged
//! (atomically, keeping the `.bak`; those that arrive together are written together); a window
//! open on the same file sees it through its changed-on-disk check. It holds the file's writer
//! lock while it runs, so a second `collect` on the file is refused.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::{Refusal, Round, Server, apply_batch};
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
    // The only writer of this file while it runs: a second `collect` (or a window saving)
    // is refused, so no line it acknowledged is written over.
    let _lock = crate::io::lock::lock(path, "retroline collect").map_err(|e| e.to_string())?;
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
        let Some(first) = server.next(Duration::from_millis(200)) else {
            continue;
        };
        // All that are waiting, applied together and written once.
        let mut waiting = vec![first];
        waiting.extend(server.pending());
        // The file was changed since by hand (the lock keeps other retrolines out): take it
        // first. A file that cannot be read now (a hand edit half done) is never written over.
        if doc.changed_on_disk() {
            match Document::open(path) {
                Ok(fresh) => doc = fresh,
                Err(err) => {
                    say(&format!(
                        "{err}; the file was changed and cannot be read, so nothing is written \
                         to it until it can"
                    ));
                    for submission in waiting {
                        summary.refused += 1;
                        submission.refuse(Refusal::FileBeingEdited);
                    }
                    continue;
                }
            }
        }
        // Answered once the file holds them.
        let batch = apply_batch(&mut round, &mut doc, waiting, |doc| doc.save_to(path));
        summary.refused += batch.refused.len();
        match &batch.not_kept {
            None => {
                summary.accepted += batch.accepted.len();
                for (name, what) in &batch.accepted {
                    say(&format!("{name}: {what} saved in {}", path.display()));
                }
            }
            Some(err) => {
                summary.refused += batch.accepted.len();
                for (name, _) in &batch.accepted {
                    say(&format!("{name}: not saved, the board is as it was: {err}"));
                }
            }
        }
        for (name, why) in &batch.refused {
            say(&format!("{name}: refused: {why}"));
        }
        server.publish(doc.board(), &round);
    }
    server.stop();
    summary.people = round.submitted.len();
    Ok(summary)
}
