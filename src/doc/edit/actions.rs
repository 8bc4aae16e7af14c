//! Edits to the board's action items. Each checks everything before it writes.

use super::error::{EditError, index_of, long_text, moment, room, short_text};
use super::{Applied, Created, MAX_ITEMS};
use crate::model::{ActionId, ActionItem, Board, Link};

/// Adds `item` with an id the board chooses (the one given is ignored).
pub(super) fn add(board: &mut Board, mut item: ActionItem) -> Result<Applied, EditError> {
    fields(board, &item)?;
    room("action items", board.action_items.len(), MAX_ITEMS)?;
    item.id = board.next_action_id();
    let created = Created::Action(item.id);
    board.action_items.push(item);
    Ok(Applied::created(created))
}

pub(super) fn update(board: &mut Board, item: ActionItem) -> Result<Applied, EditError> {
    fields(board, &item)?;
    let i = index_of(&board.action_items, |a| a.id == item.id, "action item")?;
    let changed = board.action_items[i] != item;
    board.action_items[i] = item;
    Ok(Applied::changed(changed))
}

pub(super) fn swap(board: &mut Board, a: ActionId, b: ActionId) -> Result<Applied, EditError> {
    let i = index_of(&board.action_items, |x| x.id == a, "action item")?;
    let j = index_of(&board.action_items, |x| x.id == b, "action item")?;
    board.action_items.swap(i, j);
    Ok(Applied::changed(i != j))
}

pub(super) fn delete(board: &mut Board, id: ActionId) -> Result<Applied, EditError> {
    let i = index_of(&board.action_items, |x| x.id == id, "action item")?;
    board.action_items.remove(i);
    Ok(Applied::changed(true))
}

/// An action item's texts within their limits, and what it links to on the board.
fn fields(board: &Board, item: &ActionItem) -> Result<(), EditError> {
    long_text("action item", &item.text)?;
    short_text("owner", &item.owner)?;
    long_text("done-when measure", &item.done_when)?;
    if item.links.len() > 1_000 {
        return Err(EditError::TooManyLinks);
    }
    for link in &item.links {
        match link {
            Link::Event(id) => {
                index_of(&board.events, |e| e.id == *id, "event")?;
            }
            Link::Divergence(at) => {
                moment(*at)?;
            }
            Link::Insight(id) => {
                index_of(&board.insights, |i| i.id == *id, "insight")?;
            }
        }
    }
    Ok(())
}
