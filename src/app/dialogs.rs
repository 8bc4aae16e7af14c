//! File dialogs, behind one small seam so tests never open one.

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What a file dialog gave back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Chosen(PathBuf),
    Cancelled,
    /// No dialog could be shown (no desktop portal is running): the window asks for a path itself.
    Unavailable,
}

/// Asks the user for files.
pub trait Dialogs {
    /// A board file to open.
    fn open_board(&self) -> Answer;
    /// Where to save a file of type `extension` (without the dot), offering `suggested_name`.
    fn save_file(&self, title: &str, suggested_name: &str, extension: &str) -> Answer;
    /// Where to save a board.
    fn save_board(&self, suggested_name: &str) -> Answer {
        self.save_file("Save the board", suggested_name, "ron")
    }
    /// A file to import into the board: a Slack export's ZIP, a PagerDuty log, an events CSV.
    fn open_import(&self) -> Answer {
        self.open_board()
    }
    /// A folder of boards, for their trends. Without a dialog of its own the path is typed.
    fn open_folder(&self) -> Answer {
        Answer::Unavailable
    }
}

/// The desktop's own dialogs, through the XDG desktop portal on Linux.
pub struct NativeDialogs;

/// Nobody cancels a dialog this fast: an answer this quick means none was shown.
const NO_DIALOG_SHOWN: Duration = Duration::from_millis(150);

fn answer(started: Instant, path: Option<PathBuf>) -> Answer {
    match path {
        Some(path) => Answer::Chosen(path),
        None if started.elapsed() < NO_DIALOG_SHOWN => Answer::Unavailable,
        None => Answer::Cancelled,
    }
}

impl Dialogs for NativeDialogs {
    fn open_board(&self) -> Answer {
        let started = Instant::now();
        let path = rfd::FileDialog::new()
            .set_title("Open a retroline board")
            .add_filter("retroline board", &["ron"])
            .pick_file();
        answer(started, path)
    }

    fn open_import(&self) -> Answer {
        let started = Instant::now();
        let path = rfd::FileDialog::new()
            .set_title("Import into this board")
            .add_filter(
                "Slack export, PagerDuty log or events CSV",
                &["zip", "json", "csv"],
            )
            .pick_file();
        answer(started, path)
    }

    fn open_folder(&self) -> Answer {
        let started = Instant::now();
        let path = rfd::FileDialog::new()
            .set_title("Trends across the boards in a folder")
            .pick_folder();
        answer(started, path)
    }

    fn save_file(&self, title: &str, suggested_name: &str, extension: &str) -> Answer {
        let started = Instant::now();
        let path = rfd::FileDialog::new()
            .set_title(title)
            .add_filter(extension, &[extension])
            .set_file_name(suggested_name)
            .save_file();
        answer(started, path.map(|p| with_extension(p, extension)))
    }
}

/// `path` gets `.extension` when it has none.
pub fn with_extension(path: PathBuf, extension: &str) -> PathBuf {
    if path.extension().is_none() {
        path.with_extension(extension)
    } else {
        path
    }
}
