//! Files: board load/save (versioned RON, atomic), CSV import.

pub mod board_file;
pub mod csv_import;
pub mod markdown;
pub mod recovery;

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A problem with a file the user gave us, said as `path:line:col: message`.
///
/// Line and column are 1-based and present when the problem has a place in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl FileError {
    pub fn new(path: &Path, message: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    pub fn at_line(path: &Path, line: usize, message: impl Into<String>) -> Self {
        Self {
            line: Some(line),
            ..Self::new(path, message)
        }
    }

    pub fn at(path: &Path, line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            line: Some(line),
            column: Some(column),
            ..Self::new(path, message)
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for FileError {}

/// An I/O error said the way a person reads it.
pub fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => "no such file or folder".to_owned(),
        ErrorKind::PermissionDenied => "permission denied".to_owned(),
        ErrorKind::StorageFull => "the disk is full".to_owned(),
        ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_owned(),
        ErrorKind::QuotaExceeded => "the disk quota is used up".to_owned(),
        ErrorKind::FileTooLarge => "the file is too large for the disk".to_owned(),
        _ => err.to_string(),
    }
}

/// Reads a whole file the user named, refusing folders and files over `max_bytes`.
/// `what` names the kind of file expected, e.g. "a board file".
pub fn read_file(path: &Path, what: &str, max_bytes: u64) -> Result<Vec<u8>, FileError> {
    let meta = std::fs::metadata(path)
        .map_err(|err| FileError::new(path, format!("cannot open: {}", io_reason(&err))))?;
    if meta.is_dir() {
        return Err(FileError::new(path, format!("is a folder, not {what}")));
    }
    if meta.len() > max_bytes {
        return Err(FileError::new(
            path,
            format!(
                "is {} MiB; files larger than {} MiB are refused",
                meta.len().div_ceil(1024 * 1024),
                max_bytes / (1024 * 1024)
            ),
        ));
    }
    std::fs::read(path)
        .map_err(|err| FileError::new(path, format!("cannot read: {}", io_reason(&err))))
}

/// Writes `bytes` to `path` so that readers see either the old file or the whole new one:
/// a temporary file in the same folder is written, flushed to disk and renamed over `path`.
/// An existing file keeps its permissions. On failure nothing at `path` changes.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{file_name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    temp.write_all(bytes)?;
    temp.flush()?;
    match std::fs::metadata(path) {
        Ok(meta) => temp.as_file().set_permissions(meta.permissions())?,
        Err(_) => set_default_permissions(temp.as_file())?,
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|err| err.error)?;
    // Make the rename itself durable. Not every platform or file system can open a folder.
    if let Ok(dir) = std::fs::File::open(&dir) {
        let _ignored = dir.sync_all();
    }
    Ok(())
}

#[cfg(unix)]
fn set_default_permissions(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    // tempfile creates files readable by the owner only; a new board is an ordinary document.
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_default_permissions(_file: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_errors_read_like_compiler_messages() {
        let p = Path::new("board.ron");
        assert_eq!(
            FileError::at(p, 12, 5, "expected `,`").to_string(),
            "board.ron:12:5: expected `,`"
        );
        assert_eq!(
            FileError::at_line(p, 3, "bad").to_string(),
            "board.ron:3: bad"
        );
        assert_eq!(FileError::new(p, "gone").to_string(), "board.ron: gone");
    }

    #[test]
    fn atomic_write_replaces_whole_file_and_leaves_no_temporary() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("b.ron");
        write_atomically(&path, b"first version")?;
        write_atomically(&path, b"second")?;
        assert_eq!(std::fs::read(&path)?, b"second");
        let names: Vec<_> = std::fs::read_dir(dir.path())?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("b.ron")]);
        Ok(())
    }

    #[test]
    fn files_over_the_limit_and_folders_are_refused_before_reading() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let big = dir.path().join("big.ron");
        std::fs::write(&big, vec![b' '; 3 * 1024 * 1024])?;
        let err = read_file(&big, "a board file", 2 * 1024 * 1024).expect_err("too big");
        assert_eq!(
            err.to_string(),
            format!(
                "{}: is 3 MiB; files larger than 2 MiB are refused",
                big.display()
            )
        );
        let err = read_file(dir.path(), "a board file", 1024).expect_err("a folder");
        assert!(
            err.message.ends_with("is a folder, not a board file"),
            "{err}"
        );
        Ok(())
    }

    #[test]
    fn atomic_write_into_missing_folder_fails_without_creating_anything() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("no/such/folder/b.ron");
        assert!(write_atomically(&path, b"x").is_err());
        assert!(!path.exists());
    }
}
