//! What spans boards: chains, carried items, emotion words, recurring lanes.

use std::collections::HashMap;

use serde::Serialize;

use super::BoardTrend;
use crate::model::Review;

/// Boards linked by `new --from`, in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Chain {
    /// "Sprint 40 to Sprint 42 (3 boards)".
    pub name: String,
    /// The boards' places in [`super::Trends::boards`], in order.
    pub boards: Vec<usize>,
    /// Their file names.
    pub files: Vec<String>,
}

/// An action item carried from board to board.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CarriedItem {
    pub text: String,
    pub owner: String,
    /// In how many boards it was carried.
    pub boards_carried: usize,
    /// The title of the board where it first appears.
    pub first_board: String,
    /// From the first board's time to that of the last board it was carried in.
    pub days_open: Option<f64>,
    /// How the last review found it: "done", "still open", "dropped", "to review".
    pub status: &'static str,
}

/// An emotion word and how often it was used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WordCount {
    pub word: String,
    pub count: usize,
}

/// A lane name that keeps coming up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LaneCount {
    pub name: String,
    /// How many boards have events in it.
    pub boards: usize,
    pub events: usize,
}

/// Links each board to the one it follows, makes the chains and marks each board with its own.
pub(super) fn chains(boards: &mut [BoardTrend]) -> Vec<Chain> {
    let mut by_file: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_title: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, b) in boards.iter().enumerate() {
        by_file.entry(b.file.as_str()).or_default().push(i);
        by_title.entry(b.title.as_str()).or_default().push(i);
    }
    // The latest board before `i` among `found` (which is in increasing order).
    let latest_before = |found: Option<&Vec<usize>>, i: usize| {
        let found = found?;
        let n = found.partition_point(|&j| j < i);
        n.checked_sub(1).map(|k| found[k])
    };
    let mut next: Vec<Option<usize>> = vec![None; boards.len()];
    let mut has_previous = vec![false; boards.len()];
    for (i, b) in boards.iter().enumerate() {
        let Some(follows) = &b.facts.follows else {
            continue;
        };
        let by_name = (!follows.file.is_empty())
            .then(|| latest_before(by_file.get(follows.file.as_str()), i))
            .flatten();
        let previous = by_name.or_else(|| latest_before(by_title.get(follows.title.as_str()), i));
        // Boards are in time order and a board follows only an earlier one: no cycles.
        if let Some(p) = previous
            && next[p].is_none()
        {
            next[p] = Some(i);
            has_previous[i] = true;
        }
    }
    drop((by_file, by_title));
    let mut chains = Vec::new();
    for start in 0..boards.len() {
        if has_previous[start] || next[start].is_none() {
            continue;
        }
        let mut members = vec![start];
        let mut at = start;
        while let Some(n) = next[at] {
            members.push(n);
            at = n;
        }
        let first = &boards[start].title;
        let last = &boards[at].title;
        let name = format!("{first} to {last} ({} boards)", members.len());
        chains.push(Chain {
            name,
            files: members.iter().map(|&i| boards[i].file.clone()).collect(),
            boards: members,
        });
    }
    for (c, chain) in chains.iter().enumerate() {
        for &i in &chain.boards {
            boards[i].chain = Some(c);
        }
    }
    chains
}

/// Every item carried in some board, matched across boards by text and owner.
pub(super) fn carried_items(boards: &[BoardTrend]) -> Vec<CarriedItem> {
    struct Seen {
        text: String,
        owner: String,
        first: usize,
        carried: usize,
        last_carried: Option<usize>,
        status: Review,
    }
    impl Seen {
        /// An action item first met on board `first`, not carried yet.
        fn first_on(first: usize) -> Self {
            Self {
                text: String::new(),
                owner: String::new(),
                first,
                carried: 0,
                last_carried: None,
                status: Review::ToReview,
            }
        }
    }
    let mut seen: HashMap<&(String, String), Seen> = HashMap::new();
    let mut order: Vec<&(String, String)> = Vec::new();
    for (i, b) in boards.iter().enumerate() {
        for key in &b.facts.created {
            seen.entry(key).or_insert_with(|| {
                order.push(key);
                Seen::first_on(i)
            });
        }
        for (key, text, owner, review) in &b.facts.carried {
            let entry = seen.entry(key).or_insert_with(|| {
                order.push(key);
                Seen::first_on(i)
            });
            if entry.carried == 0 {
                entry.text.clone_from(text);
                entry.owner.clone_from(owner);
            }
            // Twice in one board's review counts once.
            if entry.last_carried != Some(i) {
                entry.carried += 1;
            }
            entry.last_carried = Some(i);
            entry.status = *review;
        }
    }
    let days = |from: usize, to: usize| {
        let (a, b) = (boards.get(from)?.time?, boards.get(to)?.time?);
        Some(crate::model::meeting::seconds_between(a, b) / 86_400.0)
    };
    let mut items: Vec<CarriedItem> = order
        .into_iter()
        .filter_map(|key| {
            let s = seen.remove(key)?;
            let last = s.last_carried?;
            Some(CarriedItem {
                text: s.text,
                owner: s.owner,
                boards_carried: s.carried,
                first_board: boards[s.first].title.clone(),
                days_open: days(s.first, last),
                status: s.status.label(),
            })
        })
        .collect();
    items.sort_by(|a, b| {
        b.boards_carried
            .cmp(&a.boards_carried)
            .then_with(|| {
                b.days_open
                    .unwrap_or(-1.0)
                    .total_cmp(&a.days_open.unwrap_or(-1.0))
            })
            .then_with(|| a.text.cmp(&b.text))
    });
    items
}

/// The `n` most frequent emotion words over all boards.
pub(super) fn top_words(boards: &[BoardTrend], n: usize) -> Vec<WordCount> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (word, count) in boards.iter().flat_map(|b| &b.facts.words) {
        *counts.entry(word.as_str()).or_default() += count;
    }
    let mut words: Vec<WordCount> = counts
        .into_iter()
        .map(|(word, count)| WordCount {
            word: word.to_owned(),
            count,
        })
        .collect();
    words.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.word.cmp(&b.word)));
    words.truncate(n);
    words
}

/// Lane names with events in two boards or more.
pub(super) fn recurring_lanes(boards: &[BoardTrend]) -> Vec<LaneCount> {
    let mut lanes: HashMap<&str, LaneCount> = HashMap::new();
    for (key, name, events) in boards.iter().flat_map(|b| &b.facts.lanes) {
        let lane = lanes.entry(key.as_str()).or_insert_with(|| LaneCount {
            name: name.clone(),
            boards: 0,
            events: 0,
        });
        lane.boards += 1;
        lane.events += events;
    }
    let mut out: Vec<LaneCount> = lanes.into_values().filter(|l| l.boards >= 2).collect();
    out.sort_by(|a, b| {
        b.boards
            .cmp(&a.boards)
            .then_with(|| b.events.cmp(&a.events))
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}
