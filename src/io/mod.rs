//! Files: board load/save (versioned RON, atomic), CSV import.

pub mod actions_csv;
pub mod board_file;
pub mod csv_import;
pub mod discussion_report;
pub mod html;
pub mod incident_import;
pub mod inert;
pub mod lock;
pub mod markdown;
pub mod meeting_report;
pub mod recovery;
pub mod trends;
pub mod trends_html;
pub mod turns_report;

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
        ErrorKind::IsADirectory => "it is a folder".to_owned(),
        ErrorKind::NotADirectory => "a part of the path is a file, not a folder".to_owned(),
        ErrorKind::InvalidFilename => "the name is too long or not allowed here".to_owned(),
        _ => err.to_string(),
    }
}

/// Reads a whole file the user named, refusing anything but a regular file (a folder, a pipe, a
/// device such as `/dev/zero`) and files over `max_bytes`; no more than that is ever read.
/// `what` names the kind of file expected, e.g. "a board file".
pub fn read_file(path: &Path, what: &str, max_bytes: u64) -> Result<Vec<u8>, FileError> {
    use std::io::Read;
    let meta = std::fs::metadata(path)
        .map_err(|err| FileError::new(path, format!("cannot open: {}", io_reason(&err))))?;
    if meta.is_dir() {
        return Err(FileError::new(path, format!("is a folder, not {what}")));
    }
    // Checked before opening: opening a pipe to read waits for a writer.
    if !meta.is_file() {
        return Err(not_regular(path, what));
    }
    let too_large = |len: u64| {
        FileError::new(
            path,
            format!(
                "is {} MiB; files larger than {} MiB are refused",
                len.div_ceil(1024 * 1024),
                max_bytes / (1024 * 1024)
            ),
        )
    };
    if meta.len() > max_bytes {
        return Err(too_large(meta.len()));
    }
    let cannot =
        |err: std::io::Error| FileError::new(path, format!("cannot read: {}", io_reason(&err)));
    let file = std::fs::File::open(path).map_err(cannot)?;
    // What was opened, in case the name now points elsewhere.
    if !file.metadata().map_err(cannot)?.is_file() {
        return Err(not_regular(path, what));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn not_regular(path: &Path, what: &str) -> FileError {
    FileError::new(
        path,
        format!(
            "is a pipe, a device or another special file, not {what}; only regular files are read"
        ),
    )
}

/// Refuses to write over anything but a regular file: a device (`/dev/null`), a pipe or a
/// folder stays as it is.
fn check_output(path: &Path) -> std::io::Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "it is a folder, a device or a pipe; only regular files are written",
        )),
        _ => Ok(()),
    }
}

/// Whether `a` and `b` name the same existing file (through links or other spellings).
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (a.canonicalize(), b.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

/// Writes `bytes` to `path` so that readers see either the old file or the whole new one:
/// a temporary file in the same folder is written, flushed to disk and renamed over `path`.
/// An existing file keeps its permissions. On failure nothing at `path` changes.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_all_atomically(&[(path, bytes)])
}

/// Writes each `(path, bytes)` as [`write_atomically`] does, all or none: every file is written
/// to its temporary first, and only when all are written are they renamed into place.
pub fn write_all_atomically(outputs: &[(&Path, &[u8])]) -> std::io::Result<()> {
    let mut staged = Vec::with_capacity(outputs.len());
    for (path, bytes) in outputs {
        check_output(path)?;
        staged.push((*path, stage(path, bytes)?));
    }
    for (path, temp) in staged {
        let dir = temp.path().parent().map(Path::to_owned);
        temp.persist(path).map_err(|err| err.error)?;
        // Make the rename itself durable. Not every platform or file system can open a folder.
        if let Some(dir) = dir
            && let Ok(dir) = std::fs::File::open(dir)
        {
            let _ignored = dir.sync_all();
        }
    }
    Ok(())
}

/// `bytes` in a temporary file next to `path`, flushed to disk, with `path`'s permissions.
fn stage(path: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    // At most 100 characters of the name: the temporary's name must stay within the file
    // system's 255 bytes for a file named near that limit.
    let file_name: String = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .take(100)
        .collect();
    remove_stale_temporaries(&dir, &file_name);
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{file_name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    temp.write_all(bytes)?;
    temp.flush()?;
    match std::fs::metadata(path) {
        Ok(meta) => temp.as_file().set_permissions(plain(meta.permissions()))?,
        Err(_) => set_default_permissions(temp.as_file())?,
    }
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// Removes what a write of `file_name` that was killed left in `dir`: its temporaries older than
/// a minute (a write under way is far younger).
fn remove_stale_temporaries(dir: &Path, file_name: &str) {
    let prefix = format!(".{file_name}.");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(&prefix) && name.ends_with(".tmp")) {
            continue;
        }
        let old = entry
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(60));
        if old {
            let _ignored = std::fs::remove_file(entry.path());
        }
    }
}

/// The permissions of a file replaced, without setuid, setgid or sticky bits: a board or report
/// is never a program.
#[cfg(unix)]
fn plain(permissions: std::fs::Permissions) -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(permissions.mode() & 0o777)
}

#[cfg(not(unix))]
fn plain(permissions: std::fs::Permissions) -> std::fs::Permissions {
    permissions
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

    // Named pipes and /dev devices are Unix things.
    #[cfg(unix)]
    /// A named pipe in `dir`, made with mkfifo(1).
    fn fifo(dir: &Path) -> PathBuf {
        let path = dir.join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        path
    }

    /// Runs `f` on another thread and fails instead of hanging when it takes over 10 s.
    fn within_seconds<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ignored = tx.send(f());
        });
        rx.recv_timeout(std::time::Duration::from_secs(10))
            .expect("finished instead of hanging")
    }

    #[cfg(unix)]
    #[test]
    fn pipes_and_devices_are_refused_as_inputs_without_waiting() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pipe = fifo(dir.path());
        let read = within_seconds(move || read_file(&pipe, "a board file", 1024));
        let err = read.expect_err("a pipe is refused");
        assert!(err.message.contains("only regular files"), "{err}");
        let zero = within_seconds(|| read_file(Path::new("/dev/zero"), "a board file", 1024));
        assert!(
            zero.expect_err("a device is refused")
                .message
                .contains("special file")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_is_never_replaced_by_an_output() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pipe = fifo(dir.path());
        let err = write_atomically(&pipe, b"report").expect_err("refused");
        assert!(err.to_string().contains("only regular files"), "{err}");
        let meta = std::fs::symlink_metadata(&pipe).expect("still there");
        assert!(!meta.is_file(), "still a pipe");
    }

    #[test]
    fn several_outputs_are_written_all_or_none() {
        let dir = tempfile::tempdir().expect("temp dir");
        let good = dir.path().join("ok.png");
        let bad = dir.path().join("nosuch").join("r.md");
        assert!(write_all_atomically(&[(&good, b"png"), (&bad, b"md")]).is_err());
        assert!(!good.exists(), "the first output is not left behind");
        let names = std::fs::read_dir(dir.path()).expect("listed").count();
        assert_eq!(names, 0, "no temporary file is left either");
    }

    #[test]
    fn the_same_file_is_known_through_another_spelling() {
        let dir = tempfile::tempdir().expect("temp dir");
        let a = dir.path().join("s.ron");
        std::fs::write(&a, "x").expect("written");
        let b = dir.path().join(".").join("s.ron");
        assert!(same_file(&a, &b));
        assert!(!same_file(&a, &dir.path().join("other.ron")));
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions_but_never_setuid() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("b.ron");
        std::fs::write(&path, "old").expect("written");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o4755)).expect("set");
        write_atomically(&path, b"new").expect("written");
        let mode = std::fs::metadata(&path)
            .expect("there")
            .permissions()
            .mode();
        assert_eq!(mode & 0o7777, 0o755);
    }

    #[test]
    fn a_file_named_near_the_limit_is_still_written() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(format!("{}.md", "r".repeat(247)));
        write_atomically(&path, b"report").expect("written");
        assert_eq!(std::fs::read(&path).expect("read"), b"report");
        let err = std::io::Error::from(std::io::ErrorKind::IsADirectory);
        assert_eq!(io_reason(&err), "it is a folder");
    }

    #[test]
    fn what_a_killed_write_left_is_cleaned_on_the_next_write() {
        let dir = tempfile::tempdir().expect("temp dir");
        let stale = dir.path().join(".b.ron.k1lled.tmp");
        let fresh = dir.path().join(".b.ron.now.tmp");
        for path in [&stale, &fresh] {
            std::fs::write(path, "half a board").expect("written");
        }
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&stale)
            .and_then(|f| f.set_modified(hour_ago))
            .expect("aged");
        write_atomically(&dir.path().join("b.ron"), b"board").expect("written");
        assert!(!stale.exists(), "the stale temporary is gone");
        assert!(
            fresh.exists(),
            "a write that may be under way is left alone"
        );
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
