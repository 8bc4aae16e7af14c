//! The document: a board, where it lives on disk, its undo history, and what is worked out from
//! it. Every change goes through [`Document::apply`] as an [`Edit`], whether it comes from the
//! window's mouse and keyboard, a participant's phone or a script; no egui here.

pub mod edit;
pub mod history;
pub mod import;

use std::path::{Path, PathBuf};

pub use self::edit::{
    Applied, Created, Edit, EditError, Entry, ImportedEvent, ImportedFeeling, Line, NewFeeling,
};
use self::history::History;
use crate::analysis::{DivergenceSpan, divergences};
use crate::io::{board_file, recovery};
use crate::model::{Board, EventId, FeelingId, LaneId, ParticipantId, TimeRange};

/// What a board file held when it was opened or saved, to tell whether someone else changed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DiskStamp {
    len: u64,
    hash: u64,
}

impl DiskStamp {
    pub fn of_bytes(bytes: &[u8]) -> Self {
        Self {
            len: bytes.len() as u64,
            hash: recovery::content_hash(bytes),
        }
    }

    /// The stamp of the file at `path` now; `None` when there is no file to read.
    pub fn of_file(path: &Path) -> Option<Self> {
        crate::io::read_file(path, "a board file", board_file::MAX_BOARD_BYTES)
            .ok()
            .map(|bytes| Self::of_bytes(&bytes))
    }
}

/// What is worked out from the board, kept until the board changes.
#[derive(Clone, Debug)]
pub struct Derived {
    /// The divergence spans, with the board's neutral band.
    pub spans: Vec<DivergenceSpan>,
    /// The turning points.
    pub turns: crate::analysis::turning::TurningPoints,
    /// The time the board covers.
    pub range: Option<TimeRange>,
    /// The UTC offset the board is shown in.
    pub offset: jiff::tz::Offset,
    /// Each participant's feelings in time order, as (Unix seconds, valence, id): the lines the
    /// plot draws, grouped once per change rather than every frame.
    pub lines: std::collections::HashMap<ParticipantId, Vec<(f64, f64, FeelingId)>>,
    /// Each lane's events in time order, as (Unix seconds, id).
    pub lanes: std::collections::HashMap<LaneId, Vec<(f64, EventId)>>,
    /// Each event's place in the board's list.
    pub event_at: std::collections::HashMap<EventId, usize>,
    /// Different for every board and every change of one (across documents too): what is worked
    /// out from the board on screen may be kept while it stays the same.
    pub generation: u64,
}

/// A number no `Derived` had before.
fn next_generation() -> u64 {
    static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Each event's place in the board's list.
fn event_at(board: &Board) -> std::collections::HashMap<EventId, usize> {
    board
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id, i))
        .collect()
}

impl Derived {
    /// Works everything out for `board`.
    pub fn of(board: &Board) -> Self {
        let range = board.time_range();
        Self {
            spans: divergences(board, board.settings.neutral_band),
            turns: crate::analysis::turning::turning_points(board),
            range,
            offset: board.offset_with(range),
            lines: lines(board),
            lanes: lanes(board),
            event_at: event_at(board),
            generation: next_generation(),
        }
    }
}

/// Each participant's feelings in time order.
fn lines(board: &Board) -> std::collections::HashMap<ParticipantId, Vec<(f64, f64, FeelingId)>> {
    let mut lines: std::collections::HashMap<_, Vec<_>> =
        std::collections::HashMap::with_capacity(board.participants.len());
    for f in &board.feelings {
        lines
            .entry(f.participant)
            .or_default()
            .push((f.time.unix_seconds_f64(), f.valence, f.id));
    }
    for line in lines.values_mut() {
        line.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)));
    }
    lines
}

/// Each lane's events in time order.
fn lanes(board: &Board) -> std::collections::HashMap<LaneId, Vec<(f64, EventId)>> {
    let mut lanes: std::collections::HashMap<_, Vec<_>> =
        std::collections::HashMap::with_capacity(board.lanes.len());
    for e in &board.events {
        lanes
            .entry(e.lane)
            .or_default()
            .push((e.time.unix_seconds_f64(), e.id));
    }
    for lane in lanes.values_mut() {
        lane.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    }
    lanes
}

/// A board being worked on.
pub struct Document {
    board: Board,
    path: Option<PathBuf>,
    /// What the board's file held when it was opened or saved here.
    disk_stamp: Option<DiskStamp>,
    /// The board as its file holds it, to tell unsaved changes.
    saved: Board,
    history: History,
    /// Goes up with every change, undo and redo.
    revision: u64,
    /// Worked out again after every change.
    derived: Derived,
    /// Whether the board differs from its file, and for which revision that was worked out.
    unsaved: (u64, bool),
    /// [`Self::has_work_to_lose`] at a revision.
    work_to_lose: Option<(u64, bool)>,
}

impl Document {
    /// `board`, as read from `path` whose bytes had `stamp` (or a new board with neither).
    pub fn new(board: Board, path: Option<PathBuf>, stamp: Option<DiskStamp>) -> Self {
        let derived = Derived::of(&board);
        Self {
            saved: board.clone(),
            board,
            path,
            disk_stamp: stamp,
            history: History::default(),
            revision: 0,
            derived,
            unsaved: (0, false),
            work_to_lose: None,
        }
    }

    /// Reads a board file; on failure says why, with the line and column.
    pub fn open(path: &Path) -> Result<Self, String> {
        let (board, bytes) = board_file::load_with_bytes(path).map_err(|e| e.to_string())?;
        Ok(Self::new(
            board,
            Some(path.to_owned()),
            Some(DiskStamp::of_bytes(&bytes)),
        ))
    }

    pub fn board(&self) -> &Board {
        &self.board
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The board as its file holds it (a new board: as it started).
    pub fn saved_board(&self) -> &Board {
        &self.saved
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Makes `edit` one undo step. An invalid edit is refused with a reason and changes nothing.
    pub fn apply(&mut self, edit: Edit) -> Result<Applied, EditError> {
        self.apply_inner(edit, None)
    }

    /// Makes `edit` part of the step under way when that step has the same `key` (typing into
    /// one field, dragging one slider); else a step of its own. [`Self::seal`] ends the step.
    pub fn apply_merging(&mut self, edit: Edit, key: u64) -> Result<Applied, EditError> {
        self.apply_inner(edit, Some(key))
    }

    /// Applies `edit`; a refused edit leaves the board exactly as it was, whatever the edit did
    /// before it was refused: it is put back from the snapshot the step began with, or, for an
    /// edit that continues the step under way, from a checkpoint taken just before.
    fn apply_inner(&mut self, edit: Edit, merge: Option<u64>) -> Result<Applied, EditError> {
        let began = self
            .history
            .begin(&self.board, edit.describe(&self.board), merge);
        let checkpoint = (!began).then(|| self.history.checkpoint(&self.board));
        match edit::apply(&mut self.board, edit) {
            Ok(applied) if applied.changed => {
                self.changed(applied.feelings_changed);
                Ok(applied)
            }
            Ok(applied) => {
                if began {
                    self.history.cancel_last();
                }
                Ok(applied)
            }
            Err(reason) => {
                match &checkpoint {
                    Some(checkpoint) => checkpoint.restore(&mut self.board),
                    None => {
                        self.history.restore_last(&mut self.board);
                    }
                }
                if began {
                    self.history.cancel_last();
                }
                Err(reason)
            }
        }
    }

    /// Ends the step under way: the next edit is a step of its own.
    pub fn seal(&mut self) {
        self.history.seal();
    }

    /// Takes the last step back; returns what it did, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Option<String> {
        let label = self.history.undo(&mut self.board)?;
        self.changed(true);
        Some(label)
    }

    /// Makes the last undone step again.
    pub fn redo(&mut self) -> Option<String> {
        let label = self.history.redo(&mut self.board)?;
        self.changed(true);
        Some(label)
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    fn changed(&mut self, feelings: bool) {
        self.revision += 1;
        self.refresh(feelings);
    }

    /// What is worked out from the board.
    pub fn derived(&self) -> &Derived {
        &self.derived
    }

    /// Works out again what a change made stale.
    fn refresh(&mut self, feelings: bool) {
        if feelings {
            self.derived.spans = divergences(&self.board, self.board.settings.neutral_band);
        }
        self.derived.range = self.board.time_range();
        self.derived.offset = self.board.offset_with(self.derived.range);
        self.derived.lines = lines(&self.board);
        self.derived.lanes = lanes(&self.board);
        self.derived.event_at = event_at(&self.board);
        self.derived.generation = next_generation();
    }

    /// Whether the board differs from its file (worked out again only after a change).
    pub fn is_unsaved(&mut self) -> bool {
        if self.unsaved.0 != self.revision {
            self.unsaved = (self.revision, self.board != self.saved);
        }
        self.unsaved.1
    }

    /// Whether closing or replacing the board would lose something worth asking about: it is
    /// unsaved, and by more than when the safety opening was shown (Begin on a board nobody
    /// has touched yet is no work).
    pub fn has_work_to_lose(&mut self) -> bool {
        if !self.is_unsaved() {
            return false;
        }
        if let Some((revision, lose)) = self.work_to_lose
            && revision == self.revision
        {
            return lose;
        }
        let (board, saved) = (&self.board, &self.saved);
        let lose = board.safety.shown_at == saved.safety.shown_at || {
            let mut without = board.clone();
            without.safety.shown_at = saved.safety.shown_at;
            without != *saved
        };
        self.work_to_lose = Some((self.revision, lose));
        lose
    }

    /// Whether the board's file holds something else than when it was opened or saved here.
    /// A file that is gone has nothing to lose.
    pub fn changed_on_disk(&self) -> bool {
        let Some(path) = &self.path else {
            return false;
        };
        match (self.disk_stamp, DiskStamp::of_file(path)) {
            (Some(then), Some(now)) => then != now,
            _ => false,
        }
    }

    /// Takes the board its file holds now, written there by someone else (such as
    /// `retroline collect`), as one undo step: undo goes back to the board as it was here. The
    /// board is then as its file holds it. Returns whether the file held something new.
    pub fn reload_from_disk(&mut self) -> Result<bool, String> {
        let Some(path) = self.path.clone() else {
            return Ok(false);
        };
        let (board, bytes) = board_file::load_with_bytes(&path).map_err(|e| e.to_string())?;
        let stamp = DiskStamp::of_bytes(&bytes);
        if self.disk_stamp == Some(stamp) {
            return Ok(false);
        }
        self.seal();
        self.apply(Edit::ReplaceBoard(Box::new(board.clone())))
            .map_err(|e| e.to_string())?;
        self.seal();
        self.saved = board;
        self.disk_stamp = Some(stamp);
        self.unsaved = (self.revision, false);
        Ok(true)
    }

    /// Saves atomically to `path` (keeping a `.bak`) and makes it the board's file.
    pub fn save_to(&mut self, path: &Path) -> Result<(), String> {
        let text = board_file::save(path, &self.board).map_err(|e| e.to_string())?;
        self.saved = self.board.clone();
        self.disk_stamp = Some(DiskStamp::of_bytes(text.as_bytes()));
        self.path = Some(path.to_owned());
        self.unsaved = (self.revision, false);
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests;
