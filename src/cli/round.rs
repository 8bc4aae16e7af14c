//! The participants' round without the window: `retroline collect` serves the board, `retroline
//! form` writes the offline form.

use std::path::Path;

use super::refuse_existing;
use crate::io::{board_file, inert};

/// `retroline collect`: serves the board until SIGINT or SIGTERM, printing as it goes; returns
/// the one-line summary.
pub(super) fn collect(board: &Path, bind: std::net::SocketAddr) -> Result<String, String> {
    use std::io::Write;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    for signal in signal_hook::consts::TERM_SIGNALS {
        // A second Ctrl+C while stopping ends the process at once.
        signal_hook::flag::register_conditional_shutdown(*signal, 1, std::sync::Arc::clone(&stop))
            .and_then(|_| signal_hook::flag::register(*signal, std::sync::Arc::clone(&stop)))
            .map_err(|err| format!("cannot listen for Ctrl+C: {err}"))?;
    }
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let summary = crate::server::collect::collect(board, bind, &stop, terminal, |line| {
        let mut out = std::io::stdout().lock();
        // A closed standard output is no reason to stop collecting.
        let _ = writeln!(out, "{}", inert::terminal(line));
        let _ = out.flush();
    })?;
    Ok(format!(
        "collect: stopped; {} submission{} accepted from {} {}, {} refused; {} holds them",
        summary.accepted,
        if summary.accepted == 1 { "" } else { "s" },
        summary.people,
        if summary.people == 1 {
            "person"
        } else {
            "people"
        },
        summary.refused,
        board.display()
    ))
}

/// `retroline form`: the participant page with the board inside, written to `output`.
pub(super) fn form(board: &Path, output: &Path, force: bool) -> Result<String, String> {
    refuse_existing(output, force)?;
    if crate::io::same_file(output, board) {
        return Err(format!(
            "{}: that is the board itself; write the form to another file",
            output.display()
        ));
    }
    let mut loaded = board_file::load(board).map_err(|e| e.to_string())?;
    // The key its answers are signed with is kept in the board's file.
    let mut kept_key = String::new();
    if loaded.round.form_key.is_empty() {
        let _lock = crate::io::lock::lock(board, "retroline form").map_err(|e| e.to_string())?;
        loaded = board_file::load(board).map_err(|e| e.to_string())?;
        loaded.round.form_key = crate::server::form::new_key().map_err(|e| e.to_string())?;
        board_file::save(board, &loaded).map_err(|e| e.to_string())?;
        kept_key = format!(
            "; the key its answers are signed with is kept in {}",
            board.display()
        );
    }
    let page = crate::server::form::page(&loaded);
    crate::io::write_atomically(output, page.as_bytes()).map_err(|err| {
        format!(
            "{}: cannot write: {}",
            output.display(),
            crate::io::io_reason(&err)
        )
    })?;
    Ok(format!(
        "wrote {}: a form for \"{}\" with {} events; send it to each remote teammate \
         and paste their answers into the window (Round > Paste answers…){kept_key}\n",
        output.display(),
        loaded.title,
        loaded.events.len()
    ))
}
