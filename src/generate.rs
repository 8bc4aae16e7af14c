//! Deterministic boards of a chosen size, for benchmarks and for trying the window on a big board
//! (`retroline generate --size l -o big.ron`). The same size always gives the same board.

use crate::model::{
    ActionItem, ActionStatus, Board, BoardKind, Day, Event, EventId, Feeling, FeelingId, Link,
    Moment, Review, Score,
};

/// How big a generated board is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    pub events: usize,
    pub participants: usize,
    /// Feelings per participant.
    pub feelings_each: usize,
}

impl Size {
    /// 30 events, 8 participants with 10 feelings each.
    pub const S: Size = Size {
        events: 30,
        participants: 8,
        feelings_each: 10,
    };
    /// 300 events, 30 participants with 50 feelings each.
    pub const M: Size = Size {
        events: 300,
        participants: 30,
        feelings_each: 50,
    };
    /// 3,000 events, 100 participants with 300 feelings each.
    pub const L: Size = Size {
        events: 3_000,
        participants: 100,
        feelings_each: 300,
    };
}

/// SplitMix64: a small, fast, well-distributed generator; enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A whole number below `n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const SUBJECTS: &[&str] = &[
    "Checkout API",
    "Payment gateway",
    "Search cluster",
    "Release train",
    "On-call pager",
    "Status page",
    "Customer support queue",
    "Database primary",
    "CDN",
    "Feature flag",
];
const VERBS: &[&str] = &[
    "alert fires",
    "latency rises",
    "rolled back",
    "deployed",
    "paged",
    "escalated",
    "recovered",
    "announced",
    "degraded",
    "reviewed",
];
const EMOTIONS: &[&str] = &[
    "", "", "", "calm", "worried", "scared", "angry", "relieved", "proud", "tired", "confused",
];
const NAMES: &[&str] = &[
    "Ana", "Ben", "Chloé", "Dmitri", "Esra", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi",
    "Lars", "Mei", "Nour", "Olu", "Priya",
];

/// A board of `size`: events spread over a span that suits it (a night for S, days for M,
/// weeks for L) in five lanes, each participant's feelings as a random walk, a few action items.
pub fn board(size: Size, seed: u64) -> Board {
    board_from(size, seed, START_SECS)
}

/// 2026-03-14, early morning in Europe (Unix seconds).
const START_SECS: i64 = 1_773_450_000;
const WEEK_SECS: i64 = 7 * 86_400;

/// `weeks` boards of `size`, one a week from 14 March 2026, as a team keeps them: named
/// `week-01.ron`, `week-02.ron`…, each made from the one before (it follows it, and carries its
/// open action items, reviewed as done, still open or dropped), with a trust check and a ROTI
/// vote of five to eight scores each.
pub fn weekly(size: Size, seed: u64, weeks: usize) -> Vec<(String, Board)> {
    let mut out: Vec<(String, Board)> = Vec::with_capacity(weeks);
    let mut rng = Rng(seed ^ 0x5eed);
    for week in 0..weeks {
        let file = format!("week-{:02}.ron", week + 1);
        let mut board = board_from(
            size,
            seed.wrapping_add(week as u64),
            START_SECS + week as i64 * WEEK_SECS,
        );
        board.title = format!("Weekly retro {}", week + 1);
        board.kind = BoardKind::Sprint;
        // Each week's action items are its own, so that a carried one is matched only to itself.
        for item in &mut board.action_items {
            item.text = format!("{} (week {})", item.text, week + 1);
        }
        if let Some((prev_file, prev)) = out.last() {
            let next = prev.next_board(board.title.clone(), prev_file);
            board.follows = next.follows;
            board.carried = next.carried;
            for item in &mut board.carried {
                item.review =
                    [Review::Done, Review::StillOpen, Review::Dropped][rng.below(3) as usize];
            }
        }
        for pulse in [&mut board.trust, &mut board.roti] {
            let votes = 5 + rng.below(4);
            pulse.scores = (0..votes)
                .map(|ballot| Score {
                    ballot: rng.next() ^ ballot,
                    value: 1 + rng.below(5) as u8,
                })
                .collect();
        }
        out.push((file, board));
    }
    out
}

/// [`board`] with its times from `start_secs` on.
fn board_from(size: Size, seed: u64, start_secs: i64) -> Board {
    let mut rng = Rng(seed);
    let mut board = Board::new(format!(
        "Generated board: {} events, {} participants",
        size.events, size.participants
    ));
    // About ten minutes a step for small boards, up to a few weeks for the largest.
    let span_secs: i64 =
        (size.events.max(size.feelings_each) as i64 * 600).clamp(3_600, 4 * 604_800);
    board.kind = if span_secs > 2 * 86_400 {
        BoardKind::Sprint
    } else {
        BoardKind::Incident
    };
    let offset = jiff::tz::Offset::constant(1);
    let at = |secs: i64| Moment::from_unix_seconds(start_secs + secs, offset);
    board.add_lane("Customers");
    board.add_lane("Leadership");
    let lanes: Vec<_> = board.lanes.iter().map(|l| l.id).collect();

    for i in 0..size.events {
        let Some(time) = at((rng.below(span_secs as u64) as i64 / 60) * 60) else {
            continue;
        };
        let title = format!("{} {}", rng.pick(SUBJECTS), rng.pick(VERBS));
        let notes = if i % 4 == 0 {
            format!("Seen in the dashboards by the on-call engineer (#{i}).")
        } else {
            String::new()
        };
        let lane = lanes[rng.below(lanes.len() as u64) as usize];
        // Ids in order, as `Board::add_event` gives them on a new board, without its search.
        board.events.push(Event {
            id: EventId(i as u32 + 1),
            time,
            title,
            notes,
            lane,
            kind: crate::model::EventKind::None,
        });
    }
    board.events.sort_by_key(|e| e.time.unix_nanos());

    let step = span_secs / size.feelings_each.max(1) as i64;
    for p in 0..size.participants {
        let name = if p < NAMES.len() {
            NAMES[p].to_owned()
        } else {
            format!("{} {}", NAMES[p % NAMES.len()], p / NAMES.len() + 1)
        };
        let who = board.add_participant(name);
        let mut valence: f64 = (rng.below(11) as f64) - 5.0;
        for k in 0..size.feelings_each {
            let jitter = rng.below(step.max(1) as u64 / 2 + 1) as i64;
            let Some(time) = at(k as i64 * step + jitter) else {
                continue;
            };
            valence = (valence + (rng.below(7) as f64 - 3.0) * 0.5).clamp(-5.0, 5.0);
            let emotion = rng.pick(EMOTIONS);
            board.feelings.push(Feeling {
                id: FeelingId(board.feelings.len() as u32 + 1),
                participant: who,
                time,
                valence,
                emotion: emotion.to_owned(),
                note: String::new(),
            });
        }
    }

    let actions = (size.events / 10).clamp(3, 30);
    for i in 0..actions {
        let links = match board.events.len() {
            0 => Vec::new(),
            n => vec![Link::Event(board.events[rng.below(n as u64) as usize].id)],
        };
        let owner = match board.participants.len() {
            0 => String::new(),
            n => board.participants[i % n].name.clone(),
        };
        let id = board.next_action_id();
        board.action_items.push(ActionItem {
            id,
            text: format!("Add an alert on {} before it degrades", rng.pick(SUBJECTS)),
            owner,
            due: Day::parse("2026-04-30").ok(),
            done_when: "The alert fires in the next game day".to_owned(),
            status: if i % 3 == 0 {
                ActionStatus::Done
            } else {
                ActionStatus::Open
            },
            links,
        });
    }
    board
}

/// Boards of the kinds that once made the headless work grow with the square of their size, for
/// the benchmark and the test of that growth.
pub mod hostile {
    use std::path::Path;

    use crate::io::csv_import;
    use crate::model::{ActionItem, ActionStatus, Board, Link, Moment};

    /// 14 March 2026 in UTC+01:00, `minute` minutes after midnight (wrapping at a day).
    fn at(minute: usize) -> Moment {
        let text = format!(
            "2026-03-14T{:02}:{:02}:00+01:00",
            minute / 60 % 24,
            minute % 60
        );
        Moment::parse_rfc3339(&text).expect("a moment")
    }

    /// `n` people with one feeling each, at 600 distinct moments.
    pub fn many_people(n: usize) -> Board {
        let mut board = Board::new("many people");
        let lane = board.add_lane("Technical");
        board.add_event(at(0), "Start", lane, "");
        let csv: String = std::iter::once("participant,time,valence\n".to_owned())
            .chain((0..n).map(|p| {
                let m = (p * 7) % 600;
                let v = [-4, -2, 0, 2, 4][p % 5];
                format!("P{p},{},{v}\n", at(m))
            }))
            .collect();
        let rows = csv_import::parse_feelings(Path::new("many.csv"), csv.as_bytes()).expect("rows");
        crate::doc::import::add_feelings(&mut board, rows).expect("the feelings fit");
        board
    }

    /// `n` events and one action item linked to each of them twice.
    pub fn many_links(n: usize) -> Board {
        let mut board = Board::new("many links");
        let lane = board.add_lane("Technical");
        let ids: Vec<_> = (0..n)
            .map(|i| board.add_event(at(i % 1400), format!("Event {i}"), lane, ""))
            .collect();
        board.action_items.push(ActionItem {
            id: board.next_action_id(),
            text: "Review every event".to_owned(),
            owner: String::new(),
            due: None,
            done_when: String::new(),
            status: ActionStatus::Open,
            links: ids
                .iter()
                .chain(ids.iter())
                .map(|id| Link::Event(*id))
                .collect(),
        });
        board
    }

    /// A feelings CSV of `n` rows for two people in turn.
    pub fn two_people_csv(n: usize) -> String {
        std::iter::once("participant,time,valence\n".to_owned())
            .chain((0..n).map(|i| {
                let who = if i % 2 == 0 { "Ana" } else { "Ben" };
                format!("{who},{},{}\n", at(i % 1400), (i % 11) as i32 - 5)
            }))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_size_has_the_counts_it_promises_and_is_a_valid_board() {
        for size in [Size::S, Size::M] {
            let b = board(size, 1);
            assert_eq!(b.events.len(), size.events);
            assert_eq!(b.participants.len(), size.participants);
            assert_eq!(b.feelings.len(), size.participants * size.feelings_each);
            assert!(b.problems().is_empty(), "{:?}", b.problems());
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_board() {
        assert_eq!(board(Size::S, 7), board(Size::S, 7));
        assert_ne!(board(Size::S, 7), board(Size::S, 8));
    }
}
