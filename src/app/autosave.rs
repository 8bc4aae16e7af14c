//! Autosave of the board on screen to a recovery file, and the check that its own file has not
//! been changed by someone else before it is overwritten.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::io::recovery;
use crate::model::{Board, Moment};

/// How long after a change the board is autosaved. Typing goes on being autosaved every this
/// often, since the clock starts at the first change not yet written.
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(2);

/// The recovery file of the board on screen and what was last written to it.
pub(crate) struct Autosave {
    /// The folder of recovery files.
    pub dir: PathBuf,
    pub delay: Duration,
    /// This window's tag in recovery file names (see [`recovery::window_tag`]).
    pub window: String,
    /// This board's recovery file, once chosen.
    pub file: Option<PathBuf>,
    /// Since when the board differs from `written`.
    pub dirty_since: Option<Instant>,
    /// The last autosave failed with this message (shown once, not every retry).
    pub failure: Option<String>,
    /// The document revision last written, so an unchanged board is not written again.
    pub written_revision: Option<u64>,
}

impl Autosave {
    /// Autosave into `dir`, `delay` after a change, in files tagged `window`.
    pub fn new(dir: PathBuf, delay: Duration, window: String) -> Self {
        Self {
            dir,
            delay,
            window,
            file: None,
            dirty_since: None,
            failure: None,
            written_revision: None,
        }
    }

    /// The recovery file for the board at `board_path` (or an untitled one), chosen once.
    fn file_for(&mut self, board_path: Option<&Path>) -> PathBuf {
        self.file
            .get_or_insert_with(|| match board_path {
                Some(path) => recovery::recovery_file_for(&self.dir, path, &self.window),
                None => recovery::recovery_file_for_untitled(&self.dir, now(), &self.window),
            })
            .clone()
    }

    /// Writes `board` to the recovery file now.
    pub fn write(&mut self, board_path: Option<&Path>, board: &Board) -> Result<(), String> {
        let file = self.file_for(board_path);
        self.dirty_since = None;
        match recovery::write(&file, board_path, board, now()) {
            Ok(()) => {
                self.failure = None;
                Ok(())
            }
            Err(err) => {
                // Try again after the delay; the board stays as it is.
                self.dirty_since = Some(Instant::now());
                Err(err.to_string())
            }
        }
    }

    /// The board is in its own file now (saved, or opened): its recovery file is not needed.
    /// The next board may be another file, so the recovery file is chosen again.
    pub fn forget(&mut self) -> Result<(), String> {
        self.dirty_since = None;
        self.failure = None;
        self.written_revision = None;
        match self.file.take() {
            Some(file) => recovery::remove(&file).map_err(|e| e.to_string()),
            None => Ok(()),
        }
    }
}

/// The current time, for stamps in recovery files.
pub(crate) fn now() -> Moment {
    Moment::now()
}
