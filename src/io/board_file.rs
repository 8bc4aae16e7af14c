//! Board files: pretty, diffable RON with a top-level `format_version`.

use std::path::Path;

use serde::Deserialize;

use super::{FileError, io_reason, read_file, write_atomically};
use crate::model::{Board, FORMAT_VERSION};

/// Boards larger than this are refused rather than read into memory.
pub const MAX_BOARD_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a board file. The file is only read, never touched.
pub fn load(path: &Path) -> Result<Board, FileError> {
    let bytes = read_file(path, "a board file", MAX_BOARD_BYTES)?;
    parse(path, &bytes)
}

/// Parses the bytes of a board file; `path` is only used in messages.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Board, FileError> {
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let (line, column) = line_col(&bytes[..err.valid_up_to()]);
        FileError::at(path, line, column, "is not valid UTF-8 text")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);

    // Look at the version first, so a file from a newer retroline is refused for that reason
    // and not for a field this build does not know.
    #[derive(Deserialize)]
    #[serde(rename = "Board")]
    struct VersionOnly {
        /// 0 when missing: no version of the format has that number.
        #[serde(default)]
        format_version: u32,
    }
    if let Ok(probe) = ron::from_str::<VersionOnly>(text) {
        let (line, column) = find_field(text, "format_version");
        match probe.format_version {
            0 => {
                return Err(FileError::at(
                    path,
                    line,
                    column,
                    "has no format_version (the first version is 1); is this a retroline board?",
                ));
            }
            v if v > FORMAT_VERSION => {
                return Err(FileError::at(
                    path,
                    line,
                    column,
                    format!(
                        "was written by a newer retroline (format_version {v}); this build reads \
                         up to {FORMAT_VERSION}. Update retroline to open it"
                    ),
                ));
            }
            _ => {}
        }
    }

    let board: Board = ron::from_str(text).map_err(|err| {
        FileError::at(
            path,
            err.span.start.line,
            err.span.start.col,
            err.code.to_string(),
        )
    })?;
    let problems = board.problems();
    if let Some(first) = problems.first() {
        let more = match problems.len() {
            1 => String::new(),
            n => format!(
                " (and {} more problem{})",
                n - 1,
                if n == 2 { "" } else { "s" }
            ),
        };
        return Err(FileError::new(path, format!("{first}{more}")));
    }
    Ok(board)
}

/// The board as the text of a `.ron` file.
pub fn to_ron_string(board: &Board) -> Result<String, ron::Error> {
    let mut board = board.clone();
    board.format_version = FORMAT_VERSION;
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ")
        .separate_tuple_members(false)
        .enumerate_arrays(false);
    let mut text = ron::ser::to_string_pretty(&board, config)?;
    text.push('\n');
    Ok(text)
}

/// Saves a board atomically: the file on disk is either the old board or the whole new one.
pub fn save(path: &Path, board: &Board) -> Result<(), FileError> {
    let text = to_ron_string(board)
        .map_err(|err| FileError::new(path, format!("cannot write the board: {err}")))?;
    write_atomically(path, text.as_bytes())
        .map_err(|err| FileError::new(path, format!("cannot save: {}", io_reason(&err))))
}

fn line_col(prefix: &[u8]) -> (usize, usize) {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = prefix
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&prefix[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

fn find_field(text: &str, field: &str) -> (usize, usize) {
    match text.find(field) {
        Some(offset) => line_col(&text.as_bytes()[..offset]),
        None => (1, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Moment;

    fn sample() -> Board {
        let mut board = Board::new("Checkout outage");
        let t = Moment::parse_rfc3339("2026-03-14T02:10:00+01:00").expect("time");
        let lane = board.lanes[0].id;
        board.add_event(t, "Alert fires", lane, "p99 > 2s\nfor 5 min");
        let p = board.add_participant("Ana");
        board.add_feeling(p, t, -2.5, "scared", "");
        board
    }

    #[test]
    fn written_file_is_readable_ron_with_version_on_top() -> Result<(), Box<dyn std::error::Error>>
    {
        let text = to_ron_string(&sample())?;
        assert!(text.starts_with("Board(\n    format_version: 1,"), "{text}");
        assert!(
            text.contains("time: \"2026-03-14T02:10:00+01:00\""),
            "{text}"
        );
        assert_eq!(parse(Path::new("x.ron"), text.as_bytes())?, sample());
        Ok(())
    }

    #[test]
    fn newer_version_is_refused_with_its_place() {
        let text =
            "Board(\n    format_version: 7,\n    title: \"x\",\n    some_future_field: 3,\n)";
        let err = parse(Path::new("b.ron"), text.as_bytes()).expect_err("newer");
        assert_eq!(err.line, Some(2));
        assert!(
            err.to_string()
                .starts_with("b.ron:2:5: was written by a newer retroline")
        );
    }

    #[test]
    fn missing_optional_fields_take_defaults() -> Result<(), FileError> {
        let board = parse(
            Path::new("b.ron"),
            b"(format_version: 1, title: \"Minimal\")",
        )?;
        assert_eq!(board.title, "Minimal");
        assert_eq!(board.lanes.len(), 3);
        assert_eq!(board.settings.neutral_band, 1.0);
        assert!(board.events.is_empty());
        Ok(())
    }

    #[test]
    fn broken_references_are_refused() {
        let text = r#"Board(format_version: 1, title: "x",
            events: [Event(id: 1, time: "2026-03-14T02:10:00Z", title: "a", lane: 42)])"#;
        let err = parse(Path::new("b.ron"), text.as_bytes()).expect_err("bad lane");
        assert!(err.message.contains("lane 42"), "{err}");
    }

    #[test]
    fn invalid_utf8_is_reported_with_position() {
        let err = parse(Path::new("b.ron"), b"Board(\n  title: \"\xff\"").expect_err("bad");
        assert_eq!((err.line, err.column), (Some(2), Some(11)));
    }
}
