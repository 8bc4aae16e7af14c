//! One writer per board file: an operating-system lock on a small file beside the board
//! (`.NAME.ron.lock`). `retroline collect` holds it for as long as it runs; the window and the
//! commands that write a board hold it while they write. A second writer is refused with a
//! sentence that says who holds it, so no acknowledged line is ever written over.
//!
//! The lock file is removed when its holder lets go. A writer that opened it just before then
//! finds, once it has the lock, that the path is no longer that file, and starts again.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// A board file's writer lock, held until dropped.
#[derive(Debug)]
pub struct WriterLock {
    file: File,
    path: PathBuf,
}

/// Why a board file could not be locked for writing.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "{board} is being written by another retroline ({holder}): stop it first, or use \
         another file"
    )]
    Held { board: String, holder: String },
    #[error("cannot lock {board} for writing: {reason}")]
    Io { board: String, reason: String },
}

/// Where the lock of `board` is kept.
pub fn lock_path(board: &Path) -> PathBuf {
    let name = board
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    board.with_file_name(format!(".{name}.lock"))
}

/// Whether the open `file` is the one at `path` now.
#[cfg(unix)]
fn is_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_at(_file: &File, path: &Path) -> bool {
    path.exists()
}

/// Takes the writer lock of `board` for `who` (said to a writer that finds it held, such as
/// "retroline collect"), without waiting.
pub fn lock(board: &Path, who: &str) -> Result<WriterLock, LockError> {
    let path = lock_path(board);
    let io = |err: std::io::Error| LockError::Io {
        board: board.display().to_string(),
        reason: super::io_reason(&err),
    };
    // Its holder may remove the file just as it is opened here: then again, a few times.
    for _ in 0..8 {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) if is_at(&file, &path) => {
                let holder = format!("{who}, process {}", std::process::id());
                // Only a hint for the message above: a lock without it still holds.
                let _ = file
                    .set_len(0)
                    .and_then(|()| file.write_all(holder.as_bytes()));
                return Ok(WriterLock { file, path });
            }
            Ok(()) => continue,
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = (&mut file).take(200).read_to_string(&mut holder);
                let holder = crate::io::inert::cell(holder.trim());
                return Err(LockError::Held {
                    board: board.display().to_string(),
                    holder: if holder.is_empty() {
                        "another process".to_owned()
                    } else {
                        holder
                    },
                });
            }
            Err(TryLockError::Error(err)) => return Err(io(err)),
        }
    }
    Err(LockError::Io {
        board: board.display().to_string(),
        reason: "its lock file keeps being replaced".to_owned(),
    })
}

impl Drop for WriterLock {
    fn drop(&mut self) {
        // Removed while still held, so that nobody takes a lock on a file about to go.
        #[cfg(unix)]
        if is_at(&self.file, &self.path) {
            let _ = std::fs::remove_file(&self.path);
        }
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_refused_and_told_who_holds_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let board = dir.path().join("retro.ron");
        let first = lock(&board, "retroline collect").expect("first lock");
        let second = lock(&board, "a retroline window");
        let Err(LockError::Held { holder, .. }) = second else {
            panic!("a second writer got the lock: {second:?}");
        };
        assert!(holder.contains("retroline collect"), "{holder}");
        drop(first);
        assert!(!lock_path(&board).exists(), "the lock file is left behind");
        let again = lock(&board, "a retroline window");
        assert!(again.is_ok(), "the lock is not free once let go: {again:?}");
    }
}
