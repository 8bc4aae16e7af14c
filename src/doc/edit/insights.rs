//! Edits to what the room learned (insights on the timeline) and to when the board names the
//! people whose lines it shows. Each checks everything before it writes.

use super::error::{EditError, index_of, long_text, moment, room};
use super::{Applied, Created, MAX_ITEMS};
use crate::model::{Board, Insight, InsightId, Link, Naming};

/// An insight's text within its limit, and its moments on the board: `until`, if any, not
/// before `at`.
fn fields(insight: &Insight) -> Result<(), EditError> {
    long_text("insight", &insight.text)?;
    moment(insight.at)?;
    if let Some(until) = insight.until {
        moment(until)?;
        if until.unix_nanos() < insight.at.unix_nanos() {
            return Err(EditError::EndsBeforeStart);
        }
    }
    Ok(())
}

/// Adds `insight` with an id the board chooses (the one given is ignored).
pub(super) fn add(board: &mut Board, mut insight: Insight) -> Result<Applied, EditError> {
    fields(&insight)?;
    room("insights", board.insights.len(), MAX_ITEMS)?;
    insight.id = board.next_insight_id();
    let created = Created::Insight(insight.id);
    board.insights.push(insight);
    Ok(Applied::created(created))
}

pub(super) fn update(board: &mut Board, insight: Insight) -> Result<Applied, EditError> {
    fields(&insight)?;
    let i = index_of(&board.insights, |x| x.id == insight.id, "insight")?;
    let changed = board.insights[i] != insight;
    board.insights[i] = insight;
    Ok(Applied::changed(changed))
}

/// Removes an insight; action items no longer link to it.
pub(super) fn delete(board: &mut Board, id: InsightId) -> Result<Applied, EditError> {
    let i = index_of(&board.insights, |x| x.id == id, "insight")?;
    board.insights.remove(i);
    for item in &mut board.action_items {
        item.links.retain(|l| *l != Link::Insight(id));
    }
    Ok(Applied::changed(true))
}

pub(super) fn set_naming(board: &mut Board, naming: Naming) -> Result<Applied, EditError> {
    if let Some(at) = naming.named_at {
        moment(at)?;
    }
    let changed = board.naming != naming;
    board.naming = naming;
    Ok(Applied::changed(changed))
}
