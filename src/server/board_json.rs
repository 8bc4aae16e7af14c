//! `board.json`, what the participant page reads: the title, the events in time order, the
//! participants' names, the lanes, and the round (what it takes, and in a vote round what can be
//! voted on).

use serde::Serialize;

use super::Round;
use crate::model::Board;

#[derive(Serialize)]
struct BoardOut<'a> {
    title: &'a str,
    events: Vec<EventOut<'a>>,
    participants: Vec<NameOut<'a>>,
    lanes: Vec<LaneOut<'a>>,
    round: RoundOut,
}

#[derive(Serialize)]
struct EventOut<'a> {
    id: u32,
    time: String,
    title: &'a str,
    lane: &'a str,
    lane_colour: String,
    notes: &'a str,
}

#[derive(Serialize)]
struct NameOut<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct LaneOut<'a> {
    name: &'a str,
    colour: String,
}

#[derive(Serialize)]
struct RoundOut {
    open: bool,
    locked: bool,
    /// What the round takes: "feelings" or "votes".
    mode: &'static str,
    /// In a vote round: how many votes each person has, and what they can go to.
    #[serde(skip_serializing_if = "Option::is_none")]
    votes: Option<VotesOut>,
}

#[derive(Serialize)]
struct VotesOut {
    per_person: u32,
    targets: Vec<TargetOut>,
}

#[derive(Serialize)]
struct TargetOut {
    /// "e:ID" for an event, "d:UNIX_SECONDS" for the divergence around that moment.
    target: String,
    label: String,
}

/// What can be voted on: each divergence (only in a vote round, after the reveal), then each
/// event in time order.
fn vote_targets(board: &Board, events: &[&crate::model::Event]) -> VotesOut {
    let spans = crate::analysis::divergences(board, board.settings.neutral_band);
    let dates = crate::model::time::format::BoardDates::today(
        board.offset_with(board.time_range()),
        board.time_range(),
    );
    let targets = spans
        .iter()
        .map(|s| TargetOut {
            target: format!("d:{}", s.peak.unix_nanos().div_euclid(1_000_000_000)),
            label: format!("Divergence {} – {}", dates.time(s.start), dates.time(s.end)),
        })
        .chain(events.iter().map(|e| TargetOut {
            target: format!("e:{}", e.id),
            label: format!("{} {}", dates.clock(e.time), e.title),
        }))
        .collect();
    VotesOut {
        per_person: board.voting.per_person,
        targets,
    }
}

/// `board.json`: the title, the events in time order, the participants' names, the lanes.
pub(crate) fn board_json(board: &Board, round: &Round) -> Vec<u8> {
    let mut events: Vec<&crate::model::Event> = board.events.iter().collect();
    events.sort_by_key(|e| (e.time.unix_nanos(), e.id));
    let events_for_votes = events.clone();
    let lane = |id| board.lane(id);
    let out = BoardOut {
        title: &board.title,
        events: events
            .into_iter()
            .map(|e| EventOut {
                id: e.id.0,
                time: e.time.to_rfc3339(),
                title: &e.title,
                lane: lane(e.lane).map_or("", |l| l.name.as_str()),
                lane_colour: lane(e.lane).map_or_else(String::new, |l| l.colour.to_hex()),
                notes: &e.notes,
            })
            .collect(),
        participants: board
            .participants
            .iter()
            .map(|p| NameOut { name: &p.name })
            .collect(),
        lanes: board
            .lanes
            .iter()
            .map(|l| LaneOut {
                name: &l.name,
                colour: l.colour.to_hex(),
            })
            .collect(),
        round: RoundOut {
            open: round.open,
            locked: round.locked,
            mode: if round.votes { "votes" } else { "feelings" },
            votes: round.votes.then(|| vote_targets(board, &events_for_votes)),
        },
    };
    serde_json::to_vec(&out).unwrap_or_else(|_| b"{}".to_vec())
}
