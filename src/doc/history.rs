//! Undo and redo by snapshots of the board that share what did not change.
//!
//! A snapshot keeps each list of the board (events, feelings…) in chunks behind `Arc`s. Chunks end
//! where an item's id hashes to a boundary (or at [`MAX_CHUNK`] items), so they follow the content:
//! adding or removing items in the middle of a list changes only the chunks around them, and the
//! rest line up again. A new snapshot reuses every chunk equal to one of the step before it, so
//! moving one card or replacing one person's line on a board of 30,000 feelings stores a few
//! chunks, not the board. The steps are kept in a `VecDeque` with a byte budget: the oldest go
//! first when the budget or [`MAX_STEPS`] is reached.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use crate::model::{ActionItem, Board, Event, Feeling, Lane, Participant};

/// How many steps back can be undone.
pub const MAX_STEPS: usize = 500;
/// How much memory the undo steps may keep, by their own estimate.
pub const MAX_BYTES: usize = 150 * 1024 * 1024;
/// The most items in one shared chunk.
const MAX_CHUNK: usize = 256;
/// One item in this many ends a chunk (by its id), so chunks hold about this many items.
const CHUNK_EVERY: u32 = 48;

/// About how many bytes a value holds, its heap text included, and the id that places it.
pub trait ApproxSize {
    fn approx_bytes(&self) -> usize;
    fn key(&self) -> u32;
}

/// Whether the item with id `key` ends a chunk: a fixed hash of the id, so the same items end
/// chunks in every snapshot.
fn ends_chunk(key: u32) -> bool {
    let mut x = u64::from(key).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x ^= x >> 29;
    x % u64::from(CHUNK_EVERY) == 0
}

impl ApproxSize for Lane {
    fn approx_bytes(&self) -> usize {
        std::mem::size_of::<Self>() + self.name.len()
    }
    fn key(&self) -> u32 {
        self.id.0
    }
}

impl ApproxSize for Event {
    fn approx_bytes(&self) -> usize {
        std::mem::size_of::<Self>() + self.title.len() + self.notes.len()
    }
    fn key(&self) -> u32 {
        self.id.0
    }
}

impl ApproxSize for Participant {
    fn approx_bytes(&self) -> usize {
        std::mem::size_of::<Self>() + self.name.len()
    }
    fn key(&self) -> u32 {
        self.id.0
    }
}

impl ApproxSize for Feeling {
    fn approx_bytes(&self) -> usize {
        std::mem::size_of::<Self>() + self.emotion.len() + self.note.len()
    }
    fn key(&self) -> u32 {
        self.id.0
    }
}

impl ApproxSize for ActionItem {
    fn approx_bytes(&self) -> usize {
        std::mem::size_of::<Self>()
            + self.text.len()
            + self.owner.len()
            + self.done_when.len()
            + self.links.len() * std::mem::size_of::<crate::model::Link>()
    }
    fn key(&self) -> u32 {
        self.id.0
    }
}

/// A list kept as shared chunks.
#[derive(Clone, Debug)]
struct Shared<T> {
    chunks: Vec<Arc<[T]>>,
}

impl<T: Clone + PartialEq + ApproxSize> Shared<T> {
    /// `items` in chunks, reusing those of `like` that hold the same items. Returns the new bytes.
    fn new(items: &[T], like: Option<&Self>) -> (Self, usize) {
        // The chunks of `like` by the id of their first item.
        let old: HashMap<u32, &Arc<[T]>> = like
            .map(|l| {
                l.chunks
                    .iter()
                    .filter_map(|c| c.first().map(|first| (first.key(), c)))
                    .collect()
            })
            .unwrap_or_default();
        let mut fresh = 0;
        let mut chunks = Vec::new();
        let mut start = 0;
        for (i, item) in items.iter().enumerate() {
            let end = i + 1;
            if end < items.len() && end - start < MAX_CHUNK && !ends_chunk(item.key()) {
                continue;
            }
            let part = &items[start..end];
            start = end;
            match old.get(&part[0].key()) {
                Some(same) if ***same == *part => chunks.push(Arc::clone(same)),
                _ => {
                    fresh += part.iter().map(ApproxSize::approx_bytes).sum::<usize>();
                    chunks.push(Arc::from(part));
                }
            }
        }
        (Self { chunks }, fresh)
    }

    fn bytes(&self) -> usize {
        self.chunks
            .iter()
            .flat_map(|c| c.iter())
            .map(ApproxSize::approx_bytes)
            .sum()
    }

    fn to_vec(&self) -> Vec<T> {
        let mut out = Vec::with_capacity(self.chunks.iter().map(|c| c.len()).sum());
        for chunk in &self.chunks {
            out.extend_from_slice(chunk);
        }
        out
    }
}

/// A board as it was, sharing unchanged chunks with its neighbours.
#[derive(Clone, Debug)]
struct Snapshot {
    /// Title, kind, range, safety and settings, with empty lists.
    head: Board,
    lanes: Shared<Lane>,
    events: Shared<Event>,
    participants: Shared<Participant>,
    feelings: Shared<Feeling>,
    actions: Shared<ActionItem>,
}

impl Snapshot {
    /// Returns the snapshot and about how many bytes it holds that `like` does not.
    fn new(board: &Board, like: Option<&Self>) -> (Self, usize) {
        // Every field named, so the lists are not copied only to be dropped (and a new field
        // does not compile until it is kept here).
        let head = Board {
            format_version: board.format_version,
            title: board.title.clone(),
            kind: board.kind,
            range: board.range,
            lanes: Vec::new(),
            events: Vec::new(),
            participants: Vec::new(),
            feelings: Vec::new(),
            action_items: Vec::new(),
            safety: board.safety.clone(),
            settings: board.settings.clone(),
            agenda: board.agenda.clone(),
            carried: board.carried.clone(),
            voting: board.voting.clone(),
            round: board.round.clone(),
            insights: board.insights.clone(),
            naming: board.naming,
            trust: board.trust.clone(),
            roti: board.roti.clone(),
            follows: board.follows.clone(),
        };
        let head_bytes = std::mem::size_of::<Board>()
            + head.title.len()
            + head.safety.statement.len()
            + head
                .insights
                .iter()
                .map(|i| 64 + i.text.len())
                .sum::<usize>()
            + 160 * (head.round.lines.len() + head.round.votes.len())
            + 16 * (head.trust.scores.len() + head.roti.scores.len());
        let (lanes, a) = Shared::new(&board.lanes, like.map(|l| &l.lanes));
        let (events, b) = Shared::new(&board.events, like.map(|l| &l.events));
        let (participants, c) = Shared::new(&board.participants, like.map(|l| &l.participants));
        let (feelings, d) = Shared::new(&board.feelings, like.map(|l| &l.feelings));
        let (actions, e) = Shared::new(&board.action_items, like.map(|l| &l.actions));
        let snapshot = Self {
            head,
            lanes,
            events,
            participants,
            feelings,
            actions,
        };
        (snapshot, head_bytes + a + b + c + d + e)
    }

    /// About how many bytes the snapshot holds, shared or not.
    fn full_bytes(&self) -> usize {
        std::mem::size_of::<Board>()
            + self.head.title.len()
            + self.head.safety.statement.len()
            + self.lanes.bytes()
            + self.events.bytes()
            + self.participants.bytes()
            + self.feelings.bytes()
            + self.actions.bytes()
    }

    fn to_board(&self) -> Board {
        Board {
            lanes: self.lanes.to_vec(),
            events: self.events.to_vec(),
            participants: self.participants.to_vec(),
            feelings: self.feelings.to_vec(),
            action_items: self.actions.to_vec(),
            ..self.head.clone()
        }
    }
}

#[derive(Clone, Debug)]
struct Step {
    /// The board before (in the undo stack) or after (in the redo stack) the step.
    snapshot: Snapshot,
    /// What the step did, for "Undo …".
    label: String,
    /// The bytes this step's snapshot holds that its neighbour does not.
    bytes: usize,
}

/// The board as it was before an edit that continues the step under way (which has no snapshot
/// of its own), to put back if the edit is refused.
#[derive(Debug)]
pub struct Checkpoint(Snapshot);

impl Checkpoint {
    /// Puts `board` back as it was when the checkpoint was taken.
    pub fn restore(&self, board: &mut Board) {
        *board = self.0.to_board();
    }
}

/// The undo and redo stacks.
#[derive(Debug, Default)]
pub struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    bytes: usize,
    /// The step under way merges edits with this key (typing into one field).
    open: Option<u64>,
}

impl History {
    /// Before an edit labelled `label`: records the board as it is, unless the edit continues
    /// the step under way (same `merge` key, not sealed since). Returns whether a step began.
    pub fn begin(&mut self, board: &Board, label: String, merge: Option<u64>) -> bool {
        if merge.is_some() && merge == self.open {
            return false;
        }
        self.open = merge;
        let (snapshot, bytes) = Snapshot::new(board, self.undo.back().map(|s| &s.snapshot));
        self.undo.push_back(Step {
            snapshot,
            label,
            bytes,
        });
        self.bytes += bytes;
        self.redo.clear();
        self.trim();
        true
    }

    /// The board as it is now, sharing what did not change with the last step.
    pub fn checkpoint(&self, board: &Board) -> Checkpoint {
        Checkpoint(Snapshot::new(board, self.undo.back().map(|s| &s.snapshot)).0)
    }

    /// Puts `board` back as the last step begun found it (for an edit refused after
    /// [`Self::begin`]); returns whether there was a step.
    pub fn restore_last(&self, board: &mut Board) -> bool {
        match self.undo.back() {
            Some(step) => {
                *board = step.snapshot.to_board();
                true
            }
            None => false,
        }
    }

    /// Ends the step under way: the next edit is a step of its own even with the same key.
    pub fn seal(&mut self) {
        self.open = None;
    }

    /// Takes back the last step begun, which changed nothing after all.
    pub fn cancel_last(&mut self) {
        if let Some(step) = self.undo.pop_back() {
            self.bytes = self.bytes.saturating_sub(step.bytes);
        }
        self.open = None;
    }

    /// Goes one step back; returns what the step did.
    pub fn undo(&mut self, board: &mut Board) -> Option<String> {
        let step = self.undo.pop_back()?;
        self.bytes = self.bytes.saturating_sub(step.bytes);
        self.open = None;
        let (now, bytes) = Snapshot::new(board, Some(&step.snapshot));
        *board = step.snapshot.to_board();
        let label = step.label.clone();
        self.redo.push(Step {
            snapshot: now,
            label: step.label,
            bytes,
        });
        self.bytes += bytes;
        Some(label)
    }

    /// Goes one step forward again; returns what the step did.
    pub fn redo(&mut self, board: &mut Board) -> Option<String> {
        let step = self.redo.pop()?;
        self.bytes = self.bytes.saturating_sub(step.bytes);
        self.open = None;
        let (before, bytes) = Snapshot::new(board, Some(&step.snapshot));
        *board = step.snapshot.to_board();
        let label = step.label.clone();
        self.undo.push_back(Step {
            snapshot: before,
            label: step.label,
            bytes,
        });
        self.bytes += bytes;
        self.trim();
        Some(label)
    }

    fn trim(&mut self) {
        while self.undo.len() > MAX_STEPS || (self.bytes > MAX_BYTES && self.undo.len() > 1) {
            let Some(old) = self.undo.pop_front() else {
                break;
            };
            self.bytes = self.bytes.saturating_sub(old.bytes);
            // The new oldest step owns whatever it shared with the one dropped.
            if let Some(front) = self.undo.front_mut() {
                let full = front.snapshot.full_bytes();
                self.bytes = self.bytes - front.bytes + full;
                front.bytes = full;
            }
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// What undo would take back.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.back().map(|s| s.label.as_str())
    }

    /// What redo would make again.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// About how many bytes the steps keep.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    pub fn len(&self) -> usize {
        self.undo.len()
    }

    pub fn is_empty(&self) -> bool {
        self.undo.is_empty()
    }
}
