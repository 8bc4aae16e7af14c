//! Trends across retrospectives: what a folder of boards says about how the team is doing over
//! time. Each board is read, summed up in a [`BoardTrend`] and dropped (see
//! [`BoardTrend::of`]); [`Trends::of`] then puts the summaries in time order and works out what
//! spans boards: the chains `new --from` made, the action items carried from board to board,
//! the most frequent emotion words and the lanes that keep coming up.
//!
//! Every number, exactly:
//! - **time**: the start of the board's time range (its `range`, else its earliest event or
//!   feeling), else the earliest moment a phase of its agenda started; boards with none come
//!   last. Ties and boards without a time go by file name.
//! - **mean feeling**: the mean of the valences of all the board's feelings (everyone's).
//! - **spread**: at each moment someone plotted where at least two lines are defined (lines as
//!   in the divergence rule), max − min of the lines there; the spread is the mean of these.
//! - **divergences** and **divergent time**: the board's divergence spans with its own neutral
//!   band, and the sum of their lengths (end − start), in seconds.
//! - **shared low / high** and **widest spread**: the turning points of the board.
//! - **trust** and **ROTI**: the mean of the 1–5 scores, how many, and the histogram.
//! - **actions**: the board's own action items (created), those marked done, those still open;
//!   the carried items under review, and how each was found (done, still open, dropped, not
//!   reviewed yet).
//! - **carried items**: a carried item is the same across boards when its text and owner are
//!   (compared as names are: case, accents and spaces folded). For each: in how many boards it
//!   was carried, the board where it first appears (as an action item or carried), and the days
//!   from that board's time to that of the last board it was carried in; its status is the
//!   last review.
//! - **emotion words**: each feeling's word, trimmed and case-folded, counted over all boards;
//!   the most frequent first (ties: alphabetical).
//! - **lanes that keep coming up**: lane names (folded the same way) with events in at least two
//!   boards, with the number of boards and of events.
//! - **chains**: a board follows the board its `follows` names: the latest earlier board with
//!   that file name among those read, else the latest earlier one with that title. A chain is
//!   a maximal run of boards each following the one before (where two boards follow one, the
//!   earlier continues the chain and the other starts its own); chains of one board are not
//!   listed.

mod across;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use serde::Serialize;

use super::divergence::Line;
use crate::model::{ActionStatus, Board, Follows, Moment, ParticipantId, Pulse, Review, names};

pub use self::across::{CarriedItem, Chain, LaneCount, WordCount};

/// How many emotion words the trends list.
pub const TOP_WORDS: usize = 10;

/// A moment and the value there.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Point {
    pub at: Moment,
    pub value: f64,
}

/// A trust check or a ROTI vote, summed up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct PulseTrend {
    /// How many scored (1 to 5).
    pub votes: usize,
    /// The mean score; `None` before anyone scored.
    pub mean: Option<f64>,
    /// How many scored 1, 2, 3, 4 and 5.
    pub histogram: [usize; 5],
}

impl PulseTrend {
    pub fn of(pulse: &Pulse) -> Self {
        let histogram = pulse.histogram();
        Self {
            votes: histogram.iter().sum(),
            mean: pulse.mean(),
            histogram,
        }
    }
}

/// The board's own action items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ActionCounts {
    pub created: usize,
    pub done: usize,
    pub open: usize,
}

/// The action items carried into the board, by how the review found them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CarriedCounts {
    pub total: usize,
    pub done: usize,
    pub still_open: usize,
    pub dropped: usize,
    pub to_review: usize,
}

/// What the trends keep of one board.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BoardTrend {
    /// The file's name (no folder).
    pub file: String,
    pub title: String,
    pub time: Option<Moment>,
    pub feelings: usize,
    /// How many people plotted at least one feeling.
    pub people: usize,
    pub mean_feeling: Option<f64>,
    pub spread: Option<f64>,
    pub divergences: usize,
    pub divergent_seconds: f64,
    pub shared_low: Option<Point>,
    pub shared_high: Option<Point>,
    /// The widest spread and the first moment it was reached.
    pub widest: Option<Point>,
    pub trust: PulseTrend,
    pub roti: PulseTrend,
    pub actions: ActionCounts,
    pub carried: CarriedCounts,
    /// Which of [`Trends::chains`] the board is in.
    pub chain: Option<usize>,
    /// What the trends across boards need, not reported by itself.
    #[serde(skip)]
    pub(crate) facts: Facts,
}

/// What of a board the trends across boards look at.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Facts {
    pub follows: Option<Follows>,
    /// Each carried item: its key (text, owner folded), its text and owner, its review.
    pub carried: Vec<((String, String), String, String, Review)>,
    /// The keys of the board's own action items.
    pub created: Vec<(String, String)>,
    /// Each lane with events: its key, its name, how many events.
    pub lanes: Vec<(String, String, usize)>,
    /// Each folded emotion word and how often it was used.
    pub words: Vec<(String, usize)>,
}

/// The key a carried item is matched by across boards.
pub(crate) fn item_key(text: &str, owner: &str) -> (String, String) {
    (names::identity(text), names::identity(owner))
}

/// When a board happened: the start of its time range, else the first phase started.
pub fn board_time(board: &Board) -> Option<Moment> {
    board.time_range().map(|r| r.start).or_else(|| {
        board
            .agenda
            .iter()
            .filter_map(|p| p.started)
            .min_by_key(|m| m.unix_nanos())
    })
}

impl BoardTrend {
    /// Sums up `board`, read from the file named `file`.
    pub fn of(file: impl Into<String>, board: &Board) -> Self {
        let spans = super::divergences(board, board.settings.neutral_band);
        let turns = super::turning::turning_points(board);
        let finite: Vec<f64> = board
            .feelings
            .iter()
            .map(|f| f.valence)
            .filter(|v| v.is_finite())
            .collect();
        let mut people: Vec<ParticipantId> = board.feelings.iter().map(|f| f.participant).collect();
        people.sort_unstable();
        people.dedup();
        let status = |review: Review| board.carried.iter().filter(|c| c.review == review).count();
        let done = board
            .action_items
            .iter()
            .filter(|a| a.status == ActionStatus::Done)
            .count();
        Self {
            file: file.into(),
            title: board.title.clone(),
            time: board_time(board),
            feelings: board.feelings.len(),
            people: people.len(),
            mean_feeling: mean(&finite),
            spread: mean_spread(board),
            divergences: spans.len(),
            divergent_seconds: spans
                .iter()
                .map(|s| crate::model::meeting::seconds_between(s.start, s.end))
                .sum(),
            shared_low: turns.shared_low.as_ref().map(|p| Point {
                at: p.at,
                value: p.mean,
            }),
            shared_high: turns.shared_high.as_ref().map(|p| Point {
                at: p.at,
                value: p.mean,
            }),
            widest: turns.widest.as_ref().and_then(|w| {
                Some(Point {
                    at: *w.moments.first()?,
                    value: w.spread,
                })
            }),
            trust: PulseTrend::of(&board.trust),
            roti: PulseTrend::of(&board.roti),
            actions: ActionCounts {
                created: board.action_items.len(),
                done,
                open: board.action_items.len() - done,
            },
            carried: CarriedCounts {
                total: board.carried.len(),
                done: status(Review::Done),
                still_open: status(Review::StillOpen),
                dropped: status(Review::Dropped),
                to_review: status(Review::ToReview),
            },
            chain: None,
            facts: facts(board),
        }
    }
}

fn facts(board: &Board) -> Facts {
    let mut lane_events: HashMap<crate::model::LaneId, usize> = HashMap::new();
    for e in &board.events {
        *lane_events.entry(e.lane).or_default() += 1;
    }
    let mut lanes: Vec<(String, String, usize)> = Vec::new();
    for lane in &board.lanes {
        let Some(&n) = lane_events.get(&lane.id) else {
            continue;
        };
        let key = names::identity(&lane.name);
        // Two lanes of one name on a board count as one.
        match lanes.iter_mut().find(|(k, ..)| *k == key) {
            Some(found) => found.2 += n,
            None if !key.is_empty() => lanes.push((key, lane.name.trim().to_owned(), n)),
            None => {}
        }
    }
    let mut words: HashMap<String, usize> = HashMap::new();
    for f in &board.feelings {
        let word = names::identity(&f.emotion);
        if !word.is_empty() {
            *words.entry(word).or_default() += 1;
        }
    }
    Facts {
        follows: board.follows.clone(),
        carried: board
            .carried
            .iter()
            .map(|c| {
                (
                    item_key(&c.text, &c.owner),
                    c.text.trim().to_owned(),
                    c.owner.trim().to_owned(),
                    c.review,
                )
            })
            .collect(),
        created: board
            .action_items
            .iter()
            .map(|a| item_key(&a.text, &a.owner))
            .collect(),
        lanes,
        words: words.into_iter().collect(),
    }
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// The mean, over the moments someone plotted where two lines or more are defined, of max − min
/// of the lines there.
fn mean_spread(board: &Board) -> Option<f64> {
    let base = board.feelings.iter().map(|f| f.time.unix_nanos()).min()?;
    let mut by_participant: HashMap<ParticipantId, Vec<(f64, f64)>> = HashMap::new();
    for f in board.feelings.iter().filter(|f| f.valence.is_finite()) {
        by_participant
            .entry(f.participant)
            .or_default()
            .push(((f.time.unix_nanos() - base) as f64 / 1e9, f.valence));
    }
    let lines: Vec<Line> = by_participant.into_values().map(Line::new).collect();
    let mut times: Vec<f64> = lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.0))
        .collect();
    times.sort_by(f64::total_cmp);
    times.dedup();
    let mut cursors = vec![0usize; lines.len()];
    let mut spreads = Vec::with_capacity(times.len());
    for &t in &times {
        let (mut lo, mut hi, mut n) = (f64::INFINITY, f64::NEG_INFINITY, 0);
        for (line, cursor) in lines.iter().zip(cursors.iter_mut()) {
            if let Some(v) = line.value_at_from(t, cursor) {
                lo = lo.min(v);
                hi = hi.max(v);
                n += 1;
            }
        }
        if n >= 2 {
            spreads.push(hi - lo);
        }
    }
    mean(&spreads)
}

/// The trends of a set of boards.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Trends {
    /// Each board, in time order.
    pub boards: Vec<BoardTrend>,
    pub chains: Vec<Chain>,
    /// The action items carried from board to board, longest open first.
    pub carried_items: Vec<CarriedItem>,
    /// The most frequent emotion words (at most [`TOP_WORDS`]).
    pub emotions: Vec<WordCount>,
    /// Lane names with events in two boards or more, most boards first.
    pub lanes: Vec<LaneCount>,
}

impl Trends {
    /// The trends of these boards, in any order.
    pub fn of(mut boards: Vec<BoardTrend>) -> Self {
        boards.sort_by(|a, b| {
            let key = |t: &BoardTrend| (t.time.is_none(), t.time.map(Moment::unix_nanos));
            key(a).cmp(&key(b)).then_with(|| a.file.cmp(&b.file))
        });
        let chains = across::chains(&mut boards);
        let carried_items = across::carried_items(&boards);
        let emotions = across::top_words(&boards, TOP_WORDS);
        let lanes = across::recurring_lanes(&boards);
        Self {
            boards,
            chains,
            carried_items,
            emotions,
            lanes,
        }
    }

    /// The trends of `(file name, board)` pairs.
    pub fn of_boards<'a>(boards: impl IntoIterator<Item = (&'a str, &'a Board)>) -> Self {
        Self::of(
            boards
                .into_iter()
                .map(|(file, board)| BoardTrend::of(file, board))
                .collect(),
        )
    }
}
