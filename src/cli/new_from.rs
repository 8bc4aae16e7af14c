//! `retroline new --from`: the next retrospective's board, started from the last one.

use std::path::Path;

use super::check::summary;
use super::refuse_existing;
use crate::io::board_file;

/// `retroline new --from`: the last board's lanes, participants and open action items, carried
/// over into a new board at `output`.
pub(super) fn new_from(
    from: &Path,
    output: &Path,
    title: Option<String>,
    force: bool,
) -> Result<String, String> {
    refuse_existing(output, force)?;
    if crate::io::same_file(output, from) {
        return Err(format!(
            "{}: that is the last board itself; write the new board to another file",
            output.display()
        ));
    }
    let prev = board_file::load(from).map_err(|e| e.to_string())?;
    let title = title.unwrap_or_else(|| format!("{} (next)", prev.title));
    let file = from
        .file_name()
        .map(|f| f.to_string_lossy())
        .unwrap_or_default();
    let next = prev.next_board(title, &file);
    if let Some(problem) = next.problems().into_iter().next() {
        return Err(format!(
            "{}: the new board would not open ({problem}); nothing was written",
            output.display()
        ));
    }
    board_file::save(output, &next).map_err(|e| e.to_string())?;
    Ok(format!("wrote {}: {}\n", output.display(), summary(&next)))
}
