//! Edits to the board as a whole (title, kind, safety statement, θ, offset) and to its lanes.
//! Each checks everything before it writes.

use super::error::{EditError, index_of, lane_exists, long_text, moment, room, short_text};
use super::{Applied, Created, MAX_ITEMS};
use crate::model::{Board, BoardKind, EventId, Lane, LaneId, Moment, VALENCE_MAX};

pub(super) fn set_title(board: &mut Board, title: String) -> Result<Applied, EditError> {
    short_text("title", &title)?;
    let changed = board.title != title;
    board.title = title;
    Ok(Applied::changed(changed))
}

pub(super) fn set_kind(board: &mut Board, kind: BoardKind) -> Result<Applied, EditError> {
    let changed = board.kind != kind;
    board.kind = kind;
    Ok(Applied::changed(changed))
}

pub(super) fn set_safety_statement(board: &mut Board, text: String) -> Result<Applied, EditError> {
    long_text("safety statement", &text)?;
    let changed = board.safety.statement != text;
    board.safety.statement = text;
    Ok(Applied::changed(changed))
}

pub(super) fn mark_safety_shown(board: &mut Board, at: Moment) -> Result<Applied, EditError> {
    moment(at)?;
    let changed = board.safety.shown_at != Some(at);
    board.safety.shown_at = Some(at);
    Ok(Applied::changed(changed))
}

pub(super) fn set_neutral_band(board: &mut Board, theta: f64) -> Result<Applied, EditError> {
    // Above 0, as a board file must hold it: a band of 0 would make a board that does not open.
    if !(theta.is_finite() && theta > 0.0 && theta <= VALENCE_MAX) {
        return Err(EditError::NeutralBand(theta));
    }
    let changed = board.settings.neutral_band != theta;
    board.settings.neutral_band = theta;
    Ok(Applied::feelings(changed))
}

pub(super) fn set_offset(
    board: &mut Board,
    offset: jiff::tz::Offset,
) -> Result<Applied, EditError> {
    let seconds = Some(offset.seconds());
    let changed = board.settings.utc_offset_seconds != seconds;
    board.settings.utc_offset_seconds = seconds;
    Ok(Applied::changed(changed))
}

pub(super) fn add_lane(board: &mut Board, name: String) -> Result<Applied, EditError> {
    short_text("lane name", &name)?;
    room("lanes", board.lanes.len(), MAX_ITEMS)?;
    let id = board.add_lane(name);
    Ok(Applied::created(Created::Lane(id)))
}

pub(super) fn update_lane(board: &mut Board, lane: Lane) -> Result<Applied, EditError> {
    short_text("lane name", &lane.name)?;
    let i = index_of(&board.lanes, |l| l.id == lane.id, "lane")?;
    let changed = board.lanes[i] != lane;
    board.lanes[i] = lane;
    Ok(Applied::changed(changed))
}

pub(super) fn swap_lanes(board: &mut Board, a: LaneId, b: LaneId) -> Result<Applied, EditError> {
    let i = index_of(&board.lanes, |l| l.id == a, "lane")?;
    let j = index_of(&board.lanes, |l| l.id == b, "lane")?;
    board.lanes.swap(i, j);
    Ok(Applied::changed(i != j))
}

/// Removes `lane`; its events go to `move_to`, or are deleted with it (and links to them go).
pub(super) fn remove_lane(
    board: &mut Board,
    lane: LaneId,
    move_to: Option<LaneId>,
) -> Result<Applied, EditError> {
    lane_exists(board, lane)?;
    if board.lanes.len() < 2 {
        return Err(EditError::LastLane);
    }
    match move_to {
        Some(to) if to == lane => return Err(EditError::MoveToSameLane),
        Some(to) => lane_exists(board, to)?,
        None => {}
    }
    match move_to {
        Some(to) => {
            for e in board.events.iter_mut().filter(|e| e.lane == lane) {
                e.lane = to;
            }
        }
        None => {
            let gone: Vec<EventId> = board
                .events
                .iter()
                .filter(|e| e.lane == lane)
                .map(|e| e.id)
                .collect();
            board.events.retain(|e| e.lane != lane);
            super::events::unlink_events(board, &gone);
        }
    }
    board.lanes.retain(|l| l.id != lane);
    Ok(Applied::changed(true))
}
