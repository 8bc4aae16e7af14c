//! Edits to the board's events. Each checks everything before it writes.

use super::error::{EditError, index_of, lane_exists, long_text, moment, room, short_text};
use super::{Applied, Created, MAX_ITEMS};
use crate::model::{Board, Event, EventId, LaneId, Link, Moment};

pub(super) fn add(
    board: &mut Board,
    time: Moment,
    title: String,
    lane: LaneId,
    notes: String,
) -> Result<Applied, EditError> {
    moment(time)?;
    short_text("title", &title)?;
    long_text("notes", &notes)?;
    lane_exists(board, lane)?;
    room("events", board.events.len(), MAX_ITEMS)?;
    let id = board.add_event(time, title, lane, notes);
    Ok(Applied::created(Created::Event(id)))
}

pub(super) fn update(board: &mut Board, event: Event) -> Result<Applied, EditError> {
    moment(event.time)?;
    short_text("title", &event.title)?;
    long_text("notes", &event.notes)?;
    lane_exists(board, event.lane)?;
    let i = index_of(&board.events, |e| e.id == event.id, "event")?;
    let changed = board.events[i] != event;
    board.events[i] = event;
    Ok(Applied::changed(changed))
}

pub(super) fn move_to(
    board: &mut Board,
    id: EventId,
    lane: LaneId,
    time: Moment,
) -> Result<Applied, EditError> {
    moment(time)?;
    lane_exists(board, lane)?;
    let i = index_of(&board.events, |e| e.id == id, "event")?;
    let e = &mut board.events[i];
    let changed = e.lane != lane || e.time != time;
    e.lane = lane;
    e.time = time;
    Ok(Applied::changed(changed))
}

pub(super) fn delete(board: &mut Board, id: EventId) -> Result<Applied, EditError> {
    let i = index_of(&board.events, |e| e.id == id, "event")?;
    board.events.remove(i);
    unlink_events(board, &[id]);
    Ok(Applied::changed(true))
}

/// Action items no longer link to events that are gone, so the board stays sound.
pub(super) fn unlink_events(board: &mut Board, gone: &[EventId]) {
    if gone.is_empty() {
        return;
    }
    let gone: std::collections::HashSet<EventId> = gone.iter().copied().collect();
    for item in &mut board.action_items {
        item.links
            .retain(|l| !matches!(l, Link::Event(id) if gone.contains(id)));
    }
}
