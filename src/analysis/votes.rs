//! The dot vote's results: how many dots each event and divergence got, and the order the
//! discussion takes from them.

use std::collections::HashMap;

use super::DivergenceSpan;
use crate::model::{Board, EventId, VoteTarget};

/// What dots were found on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Voted {
    Event(EventId),
    /// The divergence span at this index of `spans`.
    Divergence(usize),
}

/// The span of `spans` (sorted by time) that holds `target`'s moment, for a divergence vote.
pub fn resolve(target: VoteTarget, spans: &[DivergenceSpan]) -> Option<Voted> {
    match target {
        VoteTarget::Event(id) => Some(Voted::Event(id)),
        VoteTarget::Divergence(m) => {
            let t = m.unix_nanos();
            // The last span starting at or before the moment, if it reaches it.
            let i = spans.partition_point(|s| s.start.unix_nanos() <= t);
            let i = i.checked_sub(1)?;
            (spans[i].end.unix_nanos() >= t).then_some(Voted::Divergence(i))
        }
    }
}

/// Every event and divergence that got dots, most dots first (then in time order), with its
/// count. Dots on a divergence that no longer exists (the feelings changed) are left out.
pub fn tally(board: &Board, spans: &[DivergenceSpan]) -> Vec<(Voted, u32)> {
    let mut totals: HashMap<Voted, u32> = HashMap::new();
    for v in &board.voting.votes {
        if let Some(target) = resolve(v.target, spans) {
            *totals.entry(target).or_default() += v.dots;
        }
    }
    let times: HashMap<EventId, i128> = board
        .events
        .iter()
        .map(|e| (e.id, e.time.unix_nanos()))
        .collect();
    let when = |v: &Voted| match v {
        Voted::Event(id) => times.get(id).copied().unwrap_or(i128::MAX),
        Voted::Divergence(i) => spans.get(*i).map_or(i128::MAX, |s| s.start.unix_nanos()),
    };
    let mut out: Vec<(Voted, u32)> = totals.into_iter().filter(|(_, n)| *n > 0).collect();
    out.sort_by_key(|(v, n)| (std::cmp::Reverse(*n), when(v), *v));
    out
}

/// The divergences in the order to discuss them: by dots once the votes are revealed (most
/// first, ties in time order), else in time order. Indexes into `spans`.
pub fn divergence_order(board: &Board, spans: &[DivergenceSpan]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    if board.voting.revealed {
        let mut dots = vec![0u32; spans.len()];
        for (voted, n) in tally(board, spans) {
            if let Voted::Divergence(i) = voted {
                dots[i] = n;
            }
        }
        order.sort_by_key(|&i| (std::cmp::Reverse(dots[i]), i));
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Moment, ParticipantId, Vote};

    fn at(seconds: i64) -> Moment {
        Moment::from_unix_seconds(seconds, jiff::tz::Offset::UTC).expect("a moment")
    }

    fn span(start: i64, end: i64) -> DivergenceSpan {
        DivergenceSpan {
            start: at(start),
            end: at(end),
            peak: at(start),
            spread: 4.0,
            positive: Vec::new(),
            negative: Vec::new(),
        }
    }

    #[test]
    fn revealed_votes_order_the_divergences_and_hidden_ones_do_not() {
        let mut board = Board::new("b");
        for (id, name) in [(1, "Ana"), (2, "Ben")] {
            board.push_participant(ParticipantId(id), name);
        }
        let spans = [span(100, 200), span(300, 400), span(500, 500)];
        let vote = |who: u32, when: i64, dots: u32| Vote {
            participant: ParticipantId(who),
            target: VoteTarget::Divergence(at(when)),
            dots,
        };
        board.voting.votes = vec![
            vote(1, 350, 2),
            vote(2, 500, 1),
            vote(2, 310, 1),
            vote(1, 999, 1),
        ];
        assert_eq!(divergence_order(&board, &spans), vec![0, 1, 2]);
        board.voting.revealed = true;
        assert_eq!(divergence_order(&board, &spans), vec![1, 2, 0]);
        // The dot on a moment no span holds any more is left out.
        assert_eq!(
            tally(&board, &spans),
            vec![(Voted::Divergence(1), 3), (Voted::Divergence(2), 1)]
        );
    }
}
