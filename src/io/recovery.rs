//! Crash recovery: the board on screen, autosaved to a recovery file in the user's data folder.
//!
//! A recovery file is written a few seconds after every change that is not in the board's own
//! file yet, and on exit. It is removed once the board is saved (or its changes discarded), so a
//! recovery file found at start means a session ended without saving: the window offers it back.
//!
//! Boards with a file have one recovery file each, named after that file; an untitled board gets
//! one of its own, named after the moment it was first autosaved.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{FileError, io_reason, read_file, write_atomically};
use crate::model::{Board, Moment};

/// The version of the recovery file format.
pub const RECOVERY_FORMAT_VERSION: u32 = 1;

/// The folder, inside the application's data folder, that holds recovery files.
pub const RECOVERY_FOLDER: &str = "recovery";

/// What a recovery file holds.
#[derive(Serialize, Deserialize)]
#[serde(rename = "Recovery", deny_unknown_fields)]
struct RecoveryFile {
    format_version: u32,
    /// The board's own file; `None` for a board never saved.
    #[serde(default)]
    board_path: Option<PathBuf>,
    /// When this recovery file was written.
    written_at: Moment,
    board: Board,
}

/// A board read back from a recovery file.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovered {
    /// The recovery file itself.
    pub recovery_path: PathBuf,
    /// The board's own file, if it had one.
    pub board_path: Option<PathBuf>,
    pub written_at: Moment,
    pub board: Board,
}

/// A name for this window's recovery files that no other running window has: the process and a
/// count within it. Two windows on one board each keep their own, so neither overwrites the
/// other's edits.
pub fn window_tag() -> String {
    static WINDOWS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = WINDOWS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("{}-{n}", std::process::id())
}

/// The recovery file of the window tagged `window` for the board saved at `board_path`: the
/// file's name and a hash of its absolute path, so two boards with the same name in different
/// folders do not share one, and the window's tag, so two windows on one board do not either.
pub fn recovery_file_for(dir: &Path, board_path: &Path, window: &str) -> PathBuf {
    let absolute = std::path::absolute(board_path).unwrap_or_else(|_| board_path.to_owned());
    let stem = absolute
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    let hash = content_hash(absolute.as_os_str().as_encoded_bytes());
    dir.join(format!("{stem}-{hash:016x}-{window}.ron"))
}

/// A recovery file for an untitled board, unique to this window and moment.
pub fn recovery_file_for_untitled(dir: &Path, now: Moment, window: &str) -> PathBuf {
    dir.join(format!(
        "untitled-{}-{window}.ron",
        crate::model::time::format::file_stamp(now),
    ))
}

/// 64-bit FNV-1a: a hash that stays the same between runs and Rust releases, for file names and
/// for telling whether a file changed.
pub fn content_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Writes `board` (whose own file is `board_path`) to `recovery_path`, atomically, creating the
/// recovery folder when needed.
pub fn write(
    recovery_path: &Path,
    board_path: Option<&Path>,
    board: &Board,
    now: Moment,
) -> Result<(), FileError> {
    let file = RecoveryFile {
        format_version: RECOVERY_FORMAT_VERSION,
        board_path: board_path.map(|p| std::path::absolute(p).unwrap_or_else(|_| p.to_owned())),
        written_at: now,
        board: board.clone(),
    };
    let mut text =
        ron::ser::to_string_pretty(&file, super::board_file::pretty_config()).map_err(|err| {
            FileError::new(
                recovery_path,
                format!("cannot write the recovery file: {err}"),
            )
        })?;
    text.push('\n');
    if let Some(dir) = recovery_path.parent() {
        std::fs::create_dir_all(dir).map_err(|err| {
            FileError::new(dir, format!("cannot make the folder: {}", io_reason(&err)))
        })?;
    }
    write_atomically(recovery_path, text.as_bytes()).map_err(|err| {
        FileError::new(
            recovery_path,
            format!("cannot write the recovery file: {}", io_reason(&err)),
        )
    })
}

/// Reads a recovery file; a damaged one is reported like a damaged board.
pub fn read(recovery_path: &Path) -> Result<Recovered, FileError> {
    let bytes = read_file(
        recovery_path,
        "a recovery file",
        super::board_file::MAX_BOARD_BYTES,
    )?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| FileError::new(recovery_path, "is not valid UTF-8 text"))?;
    let file: RecoveryFile = super::board_file::ron_options()
        .from_str(text)
        .map_err(|err| super::board_file::ron_error(recovery_path, text, &err))?;
    if file.format_version != RECOVERY_FORMAT_VERSION {
        return Err(FileError::new(
            recovery_path,
            format!(
                "is a recovery file of format {}; this build reads {RECOVERY_FORMAT_VERSION}",
                file.format_version
            ),
        ));
    }
    if let Some(problem) = file.board.problems().into_iter().next() {
        return Err(FileError::new(recovery_path, problem.message));
    }
    Ok(Recovered {
        recovery_path: recovery_path.to_owned(),
        board_path: file.board_path,
        written_at: file.written_at,
        board: file.board,
    })
}

/// Every recovery file in `dir`, newest first, and the ones that could not be read.
/// A missing folder holds none.
pub fn scan(dir: &Path) -> (Vec<Recovered>, Vec<FileError>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (Vec::new(), Vec::new());
    };
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "ron") && path.is_file() {
            match read(&path) {
                Ok(recovered) => found.push(recovered),
                Err(err) => errors.push(err),
            }
        }
    }
    found.sort_by_key(|r| std::cmp::Reverse(r.written_at.unix_nanos()));
    (found, errors)
}

/// Removes a recovery file; one already gone is fine.
pub fn remove(recovery_path: &Path) -> Result<(), FileError> {
    match std::fs::remove_file(recovery_path) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(FileError::new(
            recovery_path,
            format!("cannot remove the recovery file: {}", io_reason(&err)),
        )),
    }
}

/// What `recovered` has that `saved` (the board's file, if it could be read) has not, one line
/// per kind of thing, e.g. `2 events added: “Rollback”, “Failover”`.
pub fn changes(saved: Option<&Board>, recovered: &Board) -> Vec<String> {
    let empty = Board::default();
    let saved = saved.unwrap_or(&empty);
    let mut lines = Vec::new();
    if saved.title != recovered.title {
        lines.push(format!("title is now “{}”", recovered.title));
    }
    compare(
        "event",
        &saved.events,
        &recovered.events,
        |e| e.id.0,
        |e| format!("“{}”", e.title),
        &mut lines,
    );
    compare(
        "participant",
        &saved.participants,
        &recovered.participants,
        |p| p.id.0,
        |p| p.name.clone(),
        &mut lines,
    );
    // A removed feeling may belong to someone removed too: look in both boards.
    let name = |f: &crate::model::Feeling| {
        recovered
            .participant(f.participant)
            .or_else(|| saved.participant(f.participant))
            .map_or_else(String::new, |p| p.name.clone())
    };
    compare(
        "feeling",
        &saved.feelings,
        &recovered.feelings,
        |f| f.id.0,
        |f| format!("{} {:+}", name(f), f.valence),
        &mut lines,
    );
    compare(
        "action item",
        &saved.action_items,
        &recovered.action_items,
        |a| a.id.0,
        |a| format!("“{}”", a.text),
        &mut lines,
    );
    compare(
        "lane",
        &saved.lanes,
        &recovered.lanes,
        |l| l.id.0,
        |l| l.name.clone(),
        &mut lines,
    );
    if saved.safety != recovered.safety {
        lines.push("the safety statement changed".to_owned());
    }
    if saved.settings != recovered.settings
        || saved.kind != recovered.kind
        || saved.range != recovered.range
    {
        lines.push("board settings changed".to_owned());
    }
    lines
}

/// Lines for the items of one kind that were added, changed or removed, matched by id.
fn compare<T: PartialEq>(
    noun: &str,
    saved: &[T],
    recovered: &[T],
    id: impl Fn(&T) -> u32,
    name: impl Fn(&T) -> String,
    lines: &mut Vec<String>,
) {
    const NAMED: usize = 3;
    let find = |items: &[T], key: u32| items.iter().any(|x| id(x) == key);
    let added: Vec<&T> = recovered.iter().filter(|r| !find(saved, id(r))).collect();
    let changed: Vec<&T> = recovered
        .iter()
        .filter(|r| saved.iter().any(|s| id(s) == id(r) && s != *r))
        .collect();
    let removed: Vec<&T> = saved.iter().filter(|s| !find(recovered, id(s))).collect();
    for (items, verb) in [(added, "added"), (changed, "changed"), (removed, "removed")] {
        if items.is_empty() {
            continue;
        }
        let n = items.len();
        let mut names: Vec<String> = items.iter().take(NAMED).map(|x| name(x)).collect();
        if n > NAMED {
            names.push("…".to_owned());
        }
        let plural = if n == 1 { "" } else { "s" };
        lines.push(format!("{n} {noun}{plural} {verb}: {}", names.join(", ")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Moment {
        Moment::parse_rfc3339(text).expect("time")
    }

    fn board() -> Board {
        let mut b = Board::new("Outage");
        let lane = b.lanes[0].id;
        b.add_event(t("2026-03-14T02:10:00+01:00"), "Alert fires", lane, "");
        let ana = b.add_participant("Ana");
        b.add_feeling(ana, t("2026-03-14T02:10:00+01:00"), -2.0, "", "");
        b
    }

    #[test]
    fn a_recovery_file_gives_back_the_board_and_where_it_belongs() -> Result<(), FileError> {
        let dir = tempfile::tempdir().expect("tempdir");
        let recovery_dir = dir.path().join("deep/recovery");
        let board_path = dir.path().join("outage.ron");
        let file = recovery_file_for(&recovery_dir, &board_path, "1-0");
        let now = t("2026-03-14T09:00:00Z");
        write(&file, Some(&board_path), &board(), now)?;
        let back = read(&file)?;
        assert_eq!(back.board, board());
        assert_eq!(back.board_path.as_deref(), Some(board_path.as_path()));
        assert_eq!(back.written_at, now);
        let (found, errors) = scan(&recovery_dir);
        assert_eq!((found.len(), errors.len()), (1, 0));
        remove(&file)?;
        remove(&file)?; // already gone is fine
        assert!(scan(&recovery_dir).0.is_empty());
        Ok(())
    }

    #[test]
    fn boards_of_the_same_name_in_other_folders_get_their_own_recovery_file() {
        let dir = Path::new("/data/recovery");
        let a = recovery_file_for(dir, Path::new("/team-a/retro.ron"), "1-0");
        let b = recovery_file_for(dir, Path::new("/team-b/retro.ron"), "1-0");
        assert_ne!(a, b);
        assert_eq!(
            a,
            recovery_file_for(dir, Path::new("/team-a/retro.ron"), "1-0")
        );
        assert_ne!(
            a,
            recovery_file_for(dir, Path::new("/team-a/retro.ron"), "1-1"),
            "another window on the same board keeps its own"
        );
        let name = a.file_name().map(|n| n.to_string_lossy().into_owned());
        assert!(name.is_some_and(|n| n.starts_with("retro-") && n.ends_with(".ron")));
    }

    #[test]
    fn a_damaged_recovery_file_is_reported_and_the_others_still_found() -> Result<(), FileError> {
        let dir = tempfile::tempdir().expect("tempdir");
        write(
            &dir.path().join("good.ron"),
            None,
            &board(),
            t("2026-03-14T09:00:00Z"),
        )?;
        std::fs::write(dir.path().join("bad.ron"), "Recovery(format_version: 1,").expect("write");
        std::fs::write(dir.path().join("notes.txt"), "not a recovery file").expect("write");
        let (found, errors) = scan(dir.path());
        assert_eq!(found.len(), 1);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].to_string().contains("bad.ron:1:"),
            "{}",
            errors[0]
        );
        Ok(())
    }

    #[test]
    fn changes_name_what_is_newer_than_the_saved_file() {
        let saved = board();
        let mut newer = saved.clone();
        newer.title = "Checkout outage".into();
        let lane = newer.lanes[1].id;
        newer.add_event(t("2026-03-14T02:20:00+01:00"), "Manager calls in", lane, "");
        newer.events[0].title = "Alert fires (p99)".into();
        let ben = newer.add_participant("Ben");
        newer.add_feeling(ben, t("2026-03-14T02:20:00+01:00"), 3.0, "", "");
        newer.feelings.remove(0);
        let ana = newer.participants[0].id;
        newer.participants.retain(|p| p.id != ana);
        assert_eq!(
            changes(Some(&saved), &newer),
            vec![
                "title is now “Checkout outage”",
                "1 event added: “Manager calls in”",
                "1 event changed: “Alert fires (p99)”",
                "1 participant added: Ben",
                "1 participant removed: Ana",
                "1 feeling added: Ben +3",
                "1 feeling removed: Ana -2",
            ]
        );
        assert!(changes(Some(&saved), &saved).is_empty());
    }

    #[test]
    fn many_changes_name_the_first_three() {
        let saved = Board::new("x");
        let mut newer = saved.clone();
        let lane = newer.lanes[0].id;
        for i in 0..5 {
            newer.add_event(t("2026-03-14T02:20:00Z"), format!("e{i}"), lane, "");
        }
        assert_eq!(
            changes(Some(&saved), &newer),
            vec!["5 events added: “e0”, “e1”, “e2”, …"]
        );
    }
}
