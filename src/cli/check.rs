//! `retroline check`, and the paragraph that says what a board holds (also printed after every
//! board the command line writes).

use std::path::Path;

use crate::analysis::divergences;
use crate::io::board_file;
use crate::model::{Board, BoardKind};

pub(super) fn check(path: &Path) -> Result<String, String> {
    let board = board_file::load(path).map_err(|e| e.to_string())?;
    Ok(format!("{}: {}\n", path.display(), summary(&board)))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One paragraph that says what a board holds.
pub fn summary(board: &Board) -> String {
    let theta = board.settings.neutral_band;
    let spans = divergences(board, theta);
    let range = match board.time_range() {
        Some(r) => format!(" covering {} to {}", r.start, r.end),
        None => String::new(),
    };
    let used_lanes = board
        .lanes
        .iter()
        .filter(|l| board.events.iter().any(|e| e.lane == l.id))
        .count();
    format!(
        "\"{}\" is {} {} board{range}: {} in {} ({} used), {} with {}, {}, {} (θ = {theta}).",
        board.title,
        if board.kind == BoardKind::Incident {
            "an"
        } else {
            "a"
        },
        board.kind.label(),
        plural(board.events.len(), "event", "events"),
        plural(board.lanes.len(), "lane", "lanes"),
        used_lanes,
        plural(board.participants.len(), "participant", "participants"),
        plural(board.feelings.len(), "feeling", "feelings"),
        plural(board.action_items.len(), "action item", "action items"),
        plural(spans.len(), "divergence", "divergences"),
    ) + &meeting_summary(board)
}

/// What a board holds of the meeting: last time's action items and their review, the phases
/// run, the votes.
fn meeting_summary(board: &Board) -> String {
    let mut out = String::new();
    if !board.carried.is_empty() {
        let count =
            |r: crate::model::Review| board.carried.iter().filter(|c| c.review == r).count();
        out.push_str(&format!(
            " Last time's action items: {} to review, {} done, {} still open, {} dropped.",
            board.to_review(),
            count(crate::model::Review::Done),
            count(crate::model::Review::StillOpen),
            count(crate::model::Review::Dropped)
        ));
    }
    let run = board.agenda.iter().filter(|p| p.started.is_some()).count();
    if run > 0 {
        out.push_str(&format!(" {} of {} phases run.", run, board.agenda.len()));
    }
    let dots: u32 = board.voting.votes.iter().map(|v| v.dots).sum();
    if dots > 0 {
        out.push_str(&format!(
            " {} cast ({}).",
            plural(dots as usize, "vote", "votes"),
            if board.voting.revealed {
                "revealed"
            } else {
                "hidden"
            }
        ));
    }
    out
}
