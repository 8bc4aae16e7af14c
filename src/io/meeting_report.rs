//! What the reports say of the meeting: the review of last time's action items, the vote's
//! results and the phases as they ran. Plain text cells; each report escapes them its own way.

use crate::analysis::DivergenceSpan;
use crate::analysis::votes::{Voted, tally};
use crate::model::Board;
use crate::model::time::format::BoardDates;

use super::markdown::Names;

/// The review of last time's action items: action, owner, due, board it came from, how it was
/// found, note.
pub fn review_rows(board: &Board, names: &Names<'_>) -> Vec<[String; 6]> {
    board
        .carried
        .iter()
        .map(|c| {
            [
                c.text.clone(),
                names.owner(&c.owner),
                c.due.map(|d| d.to_text()).unwrap_or_default(),
                c.from.clone(),
                c.review.label().to_owned(),
                c.note.clone(),
            ]
        })
        .collect()
}

/// What the vote came to.
pub struct VoteResults {
    pub revealed: bool,
    /// The dots cast.
    pub cast: u32,
    /// Once revealed, each event or divergence that got dots, most first, with its count.
    pub rows: Vec<(u32, String)>,
}

/// The vote: `None` when nobody voted.
pub fn vote_results(
    board: &Board,
    spans: &[DivergenceSpan],
    dates: &BoardDates,
) -> Option<VoteResults> {
    let cast: u32 = board.voting.votes.iter().map(|v| v.dots).sum();
    if cast == 0 {
        return None;
    }
    if !board.voting.revealed {
        return Some(VoteResults {
            revealed: false,
            cast,
            rows: Vec::new(),
        });
    }
    let titles: std::collections::HashMap<_, &str> = board
        .events
        .iter()
        .map(|e| (e.id, e.title.as_str()))
        .collect();
    let rows = tally(board, spans)
        .into_iter()
        .map(|(voted, n)| {
            let what = match voted {
                Voted::Event(id) => format!("Event: {}", titles.get(&id).copied().unwrap_or("?")),
                Voted::Divergence(i) => spans.get(i).map_or_else(String::new, |s| {
                    format!(
                        "Divergence {} to {}",
                        dates.time(s.start),
                        dates.time(s.end)
                    )
                }),
            };
            (n, what)
        })
        .collect();
    Some(VoteResults {
        revealed: true,
        cast,
        rows,
    })
}

/// Each phase that ran: name, timebox, started, ended, how long it took.
pub fn agenda_rows(board: &Board, dates: &BoardDates) -> Vec<[String; 5]> {
    if board.agenda.iter().all(|p| p.started.is_none()) {
        return Vec::new();
    }
    board
        .agenda
        .iter()
        .map(|p| {
            [
                p.name.clone(),
                format!("{} min", p.timebox_minutes),
                p.started.map(|m| dates.time(m)).unwrap_or_default(),
                p.ended.map(|m| dates.time(m)).unwrap_or_else(|| {
                    if p.started.is_some() {
                        "under way".to_owned()
                    } else {
                        String::new()
                    }
                }),
                p.took_seconds().map_or_else(String::new, |s| {
                    let s = s.max(0.0).round() as i64;
                    match (s / 60, s % 60) {
                        (0, secs) => format!("{secs} s"),
                        (min, 0) => format!("{min} min"),
                        (min, secs) if min < 10 => format!("{min} min {secs} s"),
                        _ => format!("{} min", (s + 30) / 60),
                    }
                }),
            ]
        })
        .collect()
}
