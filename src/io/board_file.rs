//! Board files: pretty, diffable RON with a top-level `format_version`.

use std::path::Path;

use serde::Deserialize;

use super::{FileError, io_reason, read_file, write_atomically};
use crate::model::{Board, FORMAT_VERSION};

/// Boards larger than this are refused rather than read into memory.
pub const MAX_BOARD_BYTES: u64 = 64 * 1024 * 1024;

/// How deeply values may nest in a board file. A board nests about six levels deep; the limit
/// stops a hostile file from exhausting the stack.
pub const MAX_NESTING: usize = 32;

/// Reads a board file. The file is only read, never touched.
pub fn load(path: &Path) -> Result<Board, FileError> {
    load_with_bytes(path).map(|(board, _)| board)
}

/// Reads a board file, and gives back the bytes it held too.
pub fn load_with_bytes(path: &Path) -> Result<(Board, Vec<u8>), FileError> {
    let bytes = read_file(path, "a board file", MAX_BOARD_BYTES)?;
    Ok((parse(path, &bytes)?, bytes))
}

/// How RON is read: with the nesting limit.
pub(crate) fn ron_options() -> ron::Options {
    ron::Options::default().with_recursion_limit(MAX_NESTING)
}

/// A RON error in `text` as `path:line:col: message`.
pub(crate) fn ron_error(path: &Path, text: &str, err: &ron::error::SpannedError) -> FileError {
    let message = match err.code {
        ron::Error::ExceededRecursionLimit => {
            format!("values are nested more than {MAX_NESTING} levels deep here; a board never is")
        }
        ref code => code.to_string(),
    };
    let (line, column) = past_blanks(text, err.span.start.line, err.span.start.col);
    FileError::at(path, line, column, message)
}

/// The reader places some errors on the blank before a value: point at the value itself.
/// Lines and columns count from 1; a place past the end stays as it is.
fn past_blanks(text: &str, line: usize, column: usize) -> (usize, usize) {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let Some(rest) = text.get(line_start..) else {
        return (line, column);
    };
    let (mut at_line, mut at_column) = (line, column);
    for c in rest.chars().skip(column.saturating_sub(1)) {
        match c {
            '\n' => {
                at_line += 1;
                at_column = 1;
            }
            c if c.is_whitespace() => at_column += 1,
            _ => return (at_line, at_column),
        }
    }
    (line, column)
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
    let version = match ron_options().from_str::<VersionOnly>(text) {
        Ok(probe) => probe.format_version,
        Err(err) if err.code == ron::Error::ExceededRecursionLimit => {
            return Err(ron_error(path, text, &err));
        }
        // Not even the outline of a board: the full parse below says where it goes wrong.
        Err(_) => FORMAT_VERSION,
    };
    let (line, column) = find_field(text, "format_version");
    let board = match version {
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
        // Format 1 is format 2 without insights, event kinds and naming: every field it has
        // reads as it did, and the new ones are empty.
        1 => {
            let mut board = ron_options()
                .from_str::<Board>(text)
                .map_err(|err| ron_error(path, text, &err))?;
            board.format_version = FORMAT_VERSION;
            board
        }
        // Today's format. When the format changes, FORMAT_VERSION goes up and each older
        // version gets an arm here that reads it with its own types and converts it, so that
        // the fixtures in tests/fixtures/ (one per version) keep loading.
        _ => ron_options()
            .from_str::<Board>(text)
            .map_err(|err| ron_error(path, text, &err))?,
    };
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
        let message = format!("{first}{more}");
        return Err(
            match first
                .item
                .and_then(|(kind, id)| find_item(text, kind, id, first.occurrence))
            {
                Some((line, column)) => FileError::at(path, line, column, message),
                None => FileError::new(path, message),
            },
        );
    }
    Ok(board)
}

/// Where the item `kind(id: …)` starts in `text` (the `occurrence`-th of them, from 0), for items
/// written with their struct name (as retroline writes them).
fn find_item(text: &str, kind: &str, id: u32, occurrence: usize) -> Option<(usize, usize)> {
    let mut from = 0;
    let mut skip = occurrence;
    while let Some(found) = text[from..].find(kind) {
        let start = from + found;
        from = start + kind.len();
        let rest = text[from..].trim_start();
        let Some(inside) = rest.strip_prefix('(') else {
            continue;
        };
        let inside = inside.trim_start();
        let Some(value) = inside.strip_prefix("id:") else {
            continue;
        };
        let value = value.trim_start();
        let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
        if digits.parse() == Ok(id) {
            if skip == 0 {
                return Some(line_col(&text.as_bytes()[..start]));
            }
            skip -= 1;
        }
    }
    None
}

/// How retroline writes RON: pretty, with struct names, four-space indents.
pub(crate) fn pretty_config() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ")
        .separate_tuple_members(false)
        .enumerate_arrays(false)
}

/// The board as the text of a `.ron` file.
pub fn to_ron_string(board: &Board) -> Result<String, ron::Error> {
    let mut board = board.clone();
    board.format_version = FORMAT_VERSION;
    let mut text = ron::ser::to_string_pretty(&board, pretty_config())?;
    text.push('\n');
    Ok(text)
}

/// Saves a board atomically: the file on disk is either the old board or the whole new one.
/// The file it replaces is kept next to it as `BOARD.ron.bak`. Returns the text written.
pub fn save(path: &Path, board: &Board) -> Result<String, FileError> {
    let text = to_ron_string(board)
        .map_err(|err| FileError::new(path, format!("cannot write the board: {err}")))?;
    // Never write what could not be read back.
    if text.len() as u64 > MAX_BOARD_BYTES {
        return Err(FileError::new(
            path,
            format!(
                "the board would be {} MiB; boards over {} MiB cannot be opened again, so it is \
                 not written",
                (text.len() as u64).div_ceil(1024 * 1024),
                MAX_BOARD_BYTES / (1024 * 1024)
            ),
        ));
    }
    keep_backup(path)?;
    write_atomically(path, text.as_bytes())
        .map_err(|err| FileError::new(path, format!("cannot save: {}", io_reason(&err))))?;
    Ok(text)
}

/// Where the previous version of the board at `path` is kept.
pub fn backup_path(path: &Path) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    name.into()
}

/// Copies the file at `path`, if there is one, to its backup, atomically.
fn keep_backup(path: &Path) -> Result<(), FileError> {
    match std::fs::metadata(path) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        _ => {}
    }
    // Read as any board is: only a regular file, and only so much of it.
    let old = read_file(path, "a board file", MAX_BOARD_BYTES).map_err(|err| {
        FileError::new(
            path,
            format!(
                "cannot save: the file there cannot be read to keep it as a backup: {}",
                err.message
            ),
        )
    })?;
    let backup = backup_path(path);
    write_atomically(&backup, &old).map_err(|err| {
        FileError::new(
            path,
            format!(
                "cannot save: the previous version cannot be kept as {}: {}",
                backup.display(),
                io_reason(&err)
            ),
        )
    })
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
        assert!(
            text.starts_with(&format!("Board(\n    format_version: {FORMAT_VERSION},")),
            "{text}"
        );
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
    fn deep_nesting_is_refused_with_its_place_not_a_stack_overflow() {
        for depth in [40, 100_000] {
            let text = format!(
                "Board(format_version: 1, title: \"x\", junk: {}{})",
                "[".repeat(depth),
                "]".repeat(depth)
            );
            let err = parse(Path::new("b.ron"), text.as_bytes()).expect_err("too deep");
            assert!(
                err.message.contains("nested more than 32 levels"),
                "{depth}: {err}"
            );
            assert_eq!(err.line, Some(1));
        }
    }

    #[test]
    fn saving_keeps_the_previous_version_as_bak() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("retro.ron");
        let first = sample();
        save(&path, &first)?;
        assert!(
            !backup_path(&path).exists(),
            "nothing to keep the first time"
        );
        let mut second = first.clone();
        second.title = "Second".into();
        save(&path, &second)?;
        assert_eq!(load(&path)?, second);
        assert_eq!(backup_path(&path), dir.path().join("retro.ron.bak"));
        assert_eq!(load(&backup_path(&path))?, first);
        Ok(())
    }

    #[test]
    fn a_save_that_fails_leaves_the_file_as_it_was() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("retro.ron");
        save(&path, &sample())?;
        let before = std::fs::read(&path)?;
        // The backup cannot be written where a folder stands in its way.
        std::fs::create_dir(backup_path(&path))?;
        let mut changed = sample();
        changed.title = "Changed".into();
        let err = save(&path, &changed).expect_err("backup blocked");
        assert!(
            err.to_string().contains("previous version cannot be kept"),
            "{err}"
        );
        assert_eq!(std::fs::read(&path)?, before);
        Ok(())
    }

    #[test]
    fn a_bad_item_is_reported_where_it_is() {
        let text = r##"Board(format_version: 1, title: "x",
            participants: [Participant(id: 1, name: "Ana", colour: "#0072b2")],
            feelings: [
                Feeling(id: 1, participant: 1, time: "2026-03-14T02:10:00Z", valence: 2.0),
                Feeling(id: 12, participant: 1, time: "2026-03-14T02:20:00Z", valence: 7.0),
                Feeling(id: 2, participant: 1, time: "2026-03-14T02:30:00Z", valence: 1.0),
            ])"##;
        let err = parse(Path::new("b.ron"), text.as_bytes()).expect_err("valence 7");
        assert_eq!((err.line, err.column), (Some(5), Some(17)), "{err}");
        assert!(err.message.contains("feeling 12 has valence 7"), "{err}");
    }

    #[test]
    fn a_wrong_type_is_reported_where_the_value_is() {
        let err = parse(Path::new("b.ron"), b"Board(format_version: 1, title: 5)").expect_err("5");
        assert_eq!((err.line, err.column), (Some(1), Some(33)), "{err}");
        let err = parse(
            Path::new("b.ron"),
            b"Board(format_version: 1, title:\n\n   5)",
        )
        .expect_err("5");
        assert_eq!((err.line, err.column), (Some(3), Some(4)), "{err}");
    }

    #[test]
    fn invalid_utf8_is_reported_with_position() {
        let err = parse(Path::new("b.ron"), b"Board(\n  title: \"\xff\"").expect_err("bad");
        assert_eq!((err.line, err.column), (Some(2), Some(11)));
    }

    #[test]
    fn an_id_used_twice_is_placed_where_it_is_used_again() {
        let path = Path::new("assets/examples/incident-checkout-outage.ron");
        let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
            .expect("sample");
        // The second event takes the first one's id.
        let second = text.find("Event(\n            id: 2,").expect("event 2");
        let mut broken = text.clone();
        broken.replace_range(
            second..second + "Event(\n            id: 2,".len(),
            "Event(\n            id: 1,",
        );
        let err = parse(path, broken.as_bytes()).expect_err("refused");
        assert!(
            err.message.contains("event id 1 is used more than once"),
            "{err}"
        );
        let line = text[..second].matches('\n').count() + 1;
        assert_eq!(err.line, Some(line), "{err}");
    }
}
