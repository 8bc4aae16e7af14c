//! Edits that bring in much at once: events and feelings from elsewhere (a CSV, a Slack export, a
//! PagerDuty log), merged into the board, and a whole board. Each checks everything before it
//! writes: an import is made whole or not at all.

use std::collections::{HashMap, HashSet};

use super::error::{
    EditError, distinct_name, fits, long_text, moment, new_feeling, room, short_text,
};
use super::{Applied, ImportedEvent, ImportedFeeling, MAX_ITEMS, MAX_PARTICIPANTS};
use crate::model::{Board, Event, EventId, Feeling, FeelingId, LaneId, ParticipantId};

/// The lane an imported event goes to when it names none, on a board that has no lane yet.
const DEFAULT_LANE: &str = "Technical";

/// How imported names are matched to the board's: as people see them (case, surrounding spaces,
/// composed or decomposed accents, full-width or styled letters make no difference).
fn name_key(name: &str) -> String {
    crate::model::names::identity(name)
}

/// Ids after `max`, the largest in use, for `n` new items; `None` when they would run out.
fn ids_after(max: Option<u32>, n: usize) -> Option<u32> {
    let max = max.unwrap_or(0);
    u32::try_from(n).ok().and_then(|n| max.checked_add(n))?;
    Some(max)
}

/// Merges `events` into the board: each goes to the lane of its name (ignoring case; a name the
/// board lacks is added as a lane), or with no name to the first lane (a "Technical" lane on a
/// board with none).
pub(super) fn events(board: &mut Board, events: Vec<ImportedEvent>) -> Result<Applied, EditError> {
    for e in &events {
        moment(e.time)?;
        short_text("title", &e.title)?;
        short_text("lane name", &e.lane)?;
        long_text("notes", &e.notes)?;
    }
    fits(
        "events",
        board.events.len().saturating_add(events.len()),
        MAX_ITEMS,
    )?;
    // The first lane of a name wins, as with `Board::lane_named`.
    let mut lanes: HashMap<String, LaneId> = board
        .lanes
        .iter()
        .rev()
        .map(|l| (name_key(&l.name), l.id))
        .collect();
    let new_lanes = events
        .iter()
        .map(|e| name_key(&e.lane))
        .filter(|l| !l.is_empty() && !lanes.contains_key(l))
        .collect::<HashSet<_>>()
        .len();
    room(
        "lanes",
        board.lanes.len() + new_lanes.saturating_sub(1),
        MAX_ITEMS,
    )?;
    let max = board.events.iter().map(|e| e.id.0).max();
    let Some(mut next) = ids_after(max, events.len()) else {
        return Err(EditError::OutOfIds("event"));
    };
    let changed = !events.is_empty();
    for e in events {
        let key = name_key(&e.lane);
        let lane = match lanes.get(&key) {
            Some(&id) => id,
            None if key.is_empty() => match board.lanes.first() {
                Some(l) => l.id,
                None => {
                    let id = board.add_lane(DEFAULT_LANE);
                    lanes.insert(name_key(DEFAULT_LANE), id);
                    id
                }
            },
            None => {
                let id = board.add_lane(e.lane.trim().to_owned());
                lanes.insert(key, id);
                id
            }
        };
        next += 1;
        board.events.push(Event {
            id: EventId(next),
            time: e.time,
            title: e.title,
            notes: e.notes,
            lane,
            kind: e.kind,
        });
    }
    Ok(Applied::changed(changed))
}

/// Merges `feelings` into the board: each goes to the participant of its name (as
/// [`crate::model::names::identity`] compares them; a name the board lacks is added as a
/// participant, unless it shows nothing or looks like someone else's: then nothing is imported).
pub(super) fn feelings(
    board: &mut Board,
    feelings: Vec<ImportedFeeling>,
) -> Result<Applied, EditError> {
    // The first participant of a name wins, as with `Board::participant_named`.
    let mut people: HashMap<String, ParticipantId> = board
        .participants
        .iter()
        .rev()
        .map(|p| (name_key(&p.name), p.id))
        .collect();
    let mut new_people = HashSet::new();
    // Everyone a new name must be told apart from: the board's people, and the new ones before it.
    let mut names: Vec<&str> = board.participants.iter().map(|p| p.name.as_str()).collect();
    for f in &feelings {
        new_feeling(&f.feeling)?;
        let key = name_key(&f.participant);
        if !people.contains_key(&key) && new_people.insert(key) {
            short_text("name", &f.participant)?;
            distinct_name(&f.participant, names.iter().copied())?;
            names.push(f.participant.trim());
        }
    }
    fits(
        "participants",
        board.participants.len().saturating_add(new_people.len()),
        MAX_PARTICIPANTS,
    )?;
    fits(
        "feelings",
        board.feelings.len().saturating_add(feelings.len()),
        MAX_ITEMS,
    )?;
    let max_person = board.participants.iter().map(|p| p.id.0).max();
    let Some(mut next_person) = ids_after(max_person, new_people.len()) else {
        return Err(EditError::OutOfIds("participant"));
    };
    let max_feeling = board.feelings.iter().map(|f| f.id.0).max();
    let Some(mut next) = ids_after(max_feeling, feelings.len()) else {
        return Err(EditError::OutOfIds("feeling"));
    };
    let changed = !feelings.is_empty();
    for f in feelings {
        let key = name_key(&f.participant);
        let participant = match people.get(&key) {
            Some(&id) => id,
            None => {
                next_person += 1;
                let id = ParticipantId(next_person);
                board.push_participant(id, f.participant.trim().to_owned());
                people.insert(key, id);
                id
            }
        };
        next += 1;
        board.feelings.push(Feeling {
            id: FeelingId(next),
            participant,
            time: f.feeling.time,
            valence: f.feeling.valence,
            emotion: f.feeling.emotion,
            note: f.feeling.note,
        });
    }
    Ok(Applied::feelings(changed))
}

/// The whole board at once, if it is sound.
pub(super) fn replace_board(board: &mut Board, new: Board) -> Result<Applied, EditError> {
    if let Some(problem) = new.problems().into_iter().next() {
        return Err(EditError::Unsound(problem));
    }
    let changed = *board != new;
    *board = new;
    Ok(Applied::feelings(changed))
}
