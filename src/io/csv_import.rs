//! CSV import of events and feelings (RFC 4180, UTF-8, header row required, columns in any order,
//! unknown columns ignored).
//!
//! Importing is all or nothing: every row is checked first, and the board only changes when the
//! whole file is good. The rows go onto a board through the document's import edits
//! (`crate::doc::import`).

use std::path::Path;

use super::{FileError, read_file};

use crate::model::{Moment, VALENCE_MAX, VALENCE_MIN};

/// CSV files larger than this are refused.
pub const MAX_CSV_BYTES: u64 = 256 * 1024 * 1024;

/// One row of an events CSV.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRow {
    pub time: Moment,
    pub title: String,
    pub lane: String,
    pub notes: String,
    pub kind: crate::model::EventKind,
}

/// One row of a feelings CSV.
#[derive(Clone, Debug, PartialEq)]
pub struct FeelingRow {
    pub participant: String,
    pub time: Moment,
    pub valence: f64,
    pub emotion: String,
    pub note: String,
}

/// Reads a CSV file's bytes, refusing folders and huge files with a clear message.
pub fn read_csv_file(path: &Path) -> Result<Vec<u8>, FileError> {
    read_file(path, "a CSV file", MAX_CSV_BYTES)
}

/// The columns of a CSV file, found by name in its header row.
struct Columns {
    indexes: Vec<(&'static str, Option<usize>)>,
}

impl Columns {
    fn find(
        path: &Path,
        header: &csv::StringRecord,
        required: &[&'static str],
        optional: &[&'static str],
    ) -> Result<Self, FileError> {
        let names: Vec<String> = header
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_lowercase())
            .collect();
        let mut indexes = Vec::new();
        for (&name, is_required) in required
            .iter()
            .map(|n| (n, true))
            .chain(optional.iter().map(|n| (n, false)))
        {
            let found: Vec<usize> = names
                .iter()
                .enumerate()
                .filter(|(_, h)| h.as_str() == name)
                .map(|(i, _)| i)
                .collect();
            if found.len() > 1 {
                return Err(FileError::at_line(
                    path,
                    1,
                    format!("the header names column \"{name}\" more than once"),
                ));
            }
            if is_required && found.is_empty() {
                return Err(FileError::at_line(
                    path,
                    1,
                    format!(
                        "the header row has no \"{name}\" column (it needs {}; found: {})",
                        required.join(", "),
                        if names.iter().all(|n| n.is_empty()) {
                            "nothing".to_owned()
                        } else {
                            names.join(", ")
                        }
                    ),
                ));
            }
            indexes.push((name, found.first().copied()));
        }
        Ok(Self { indexes })
    }

    fn get<'r>(&self, record: &'r csv::StringRecord, name: &str) -> &'r str {
        self.indexes
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, i)| *i)
            .and_then(|i| record.get(i))
            .unwrap_or("")
            .trim()
    }
}

/// Walks the records of a CSV with a header row, calling `row` with each record and its line.
fn for_each_record(
    path: &Path,
    data: &[u8],
    required: &[&'static str],
    optional: &[&'static str],
    mut row: impl FnMut(&Columns, &csv::StringRecord, usize) -> Result<(), FileError>,
) -> Result<(), FileError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(data);
    let header = reader
        .headers()
        .map_err(|err| csv_error(path, data, &err))?
        .clone();
    if header.is_empty() || header.iter().all(|h| h.trim().is_empty()) {
        return Err(FileError::at_line(
            path,
            1,
            format!(
                "is empty; the first row must name the columns ({})",
                required.join(", ")
            ),
        ));
    }
    let columns = Columns::find(path, &header, required, optional)?;
    // A quote opened and never closed makes the rest of the file one field, which the CSV
    // reader accepts silently; in RFC 4180 quotes come in pairs, so an odd count gives it away,
    // when the last row then holds a line break. (A quote inside an unquoted field, as in
    // `27" monitor`, is read as it stands.)
    let odd_quotes = data.iter().filter(|&&b| b == b'"').count() % 2 == 1;
    let mut last_swallows_lines = false;
    let mut record = csv::StringRecord::new();
    let mut last_line = 1;
    let mut lines = LineCounter::default();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record
                    .position()
                    .map_or(0, |p| lines.line_at(data, p.byte()));
                last_line = line;
                last_swallows_lines = record.iter().any(|field| field.contains('\n'));
                if record.iter().all(|field| field.trim().is_empty()) {
                    continue; // a blank line
                }
                row(&columns, &record, line)?;
            }
            Err(err) => return Err(csv_error(path, data, &err)),
        }
    }
    if odd_quotes && last_swallows_lines {
        return Err(FileError::at_line(
            path,
            last_line,
            "a quoted field here is never closed (a \" is missing), so the rest of the file \
             would be read into it",
        ));
    }
    Ok(())
}

/// Line numbers of byte offsets, counted from the bytes themselves: the CSV reader's own count
/// is one short after CRLF line ends. Offsets are asked for in increasing order, so counting
/// goes on from the last one.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    newlines: usize,
}

impl LineCounter {
    fn line_at(&mut self, data: &[u8], byte: u64) -> usize {
        let mut byte = usize::try_from(byte).unwrap_or(usize::MAX).min(data.len());
        // The reader may place a record on the end of the line before it (the `\n` of a CRLF);
        // a record never starts with a line end.
        while matches!(data.get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        if byte < self.offset {
            *self = Self::default();
        }
        self.newlines += data[self.offset..byte]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.offset = byte;
        self.newlines + 1
    }
}

fn csv_error(path: &Path, data: &[u8], err: &csv::Error) -> FileError {
    let line = err
        .position()
        .map_or(1, |p| LineCounter::default().line_at(data, p.byte()));
    let message = match err.kind() {
        csv::ErrorKind::Utf8 { .. } => "is not valid UTF-8 text".to_owned(),
        csv::ErrorKind::Io(io) => format!("cannot read: {io}"),
        _ => err.to_string(),
    };
    FileError::at_line(path, line, message)
}

fn parse_time(path: &Path, line: usize, text: &str) -> Result<Moment, FileError> {
    if text.is_empty() {
        return Err(FileError::at_line(path, line, "time is empty"));
    }
    let time = Moment::parse_rfc3339(text).map_err(|_| {
        FileError::at_line(
            path,
            line,
            format!(
                "time \"{text}\" is not RFC 3339 with an offset, like 2026-03-14T02:10:00+01:00"
            ),
        )
    })?;
    if !crate::model::in_supported_years(time) {
        return Err(FileError::at_line(
            path,
            line,
            format!("time \"{text}\" is outside the years 1900 to 2200"),
        ));
    }
    Ok(time)
}

/// Parses an events CSV (`time,title,lane,notes,kind`; all but `time` and `title` optional).
pub fn parse_events(path: &Path, data: &[u8]) -> Result<Vec<EventRow>, FileError> {
    let mut rows = Vec::new();
    for_each_record(
        path,
        data,
        &["time", "title"],
        &["lane", "notes", "kind"],
        |cols, record, line| {
            let time = parse_time(path, line, cols.get(record, "time"))?;
            let title = cols.get(record, "title");
            if title.is_empty() {
                return Err(FileError::at_line(path, line, "title is empty"));
            }
            let kind_text = cols.get(record, "kind");
            let kind = crate::model::EventKind::parse(kind_text).ok_or_else(|| {
                FileError::at_line(
                    path,
                    line,
                    format!(
                        "kind \"{}\" is not detection, diagnosis, repair, key moment or empty",
                        crate::io::inert::terminal(&kind_text.chars().take(40).collect::<String>())
                    ),
                )
            })?;
            rows.push(EventRow {
                time,
                title: title.to_owned(),
                lane: cols.get(record, "lane").to_owned(),
                notes: cols.get(record, "notes").to_owned(),
                kind,
            });
            Ok(())
        },
    )?;
    Ok(rows)
}

/// Parses a feelings CSV (`participant,time,valence,emotion,note`; `emotion` and `note` optional).
pub fn parse_feelings(path: &Path, data: &[u8]) -> Result<Vec<FeelingRow>, FileError> {
    let mut rows = Vec::new();
    for_each_record(
        path,
        data,
        &["participant", "time", "valence"],
        &["emotion", "note"],
        |cols, record, line| {
            let participant = cols.get(record, "participant");
            if !super::inert::has_visible(participant) {
                return Err(FileError::at_line(
                    path,
                    line,
                    "participant is empty or has nothing visible in it",
                ));
            }
            let time = parse_time(path, line, cols.get(record, "time"))?;
            let text = cols.get(record, "valence");
            let valence: f64 = text.parse().map_err(|_| {
                FileError::at_line(
                    path,
                    line,
                    format!("valence \"{text}\" is not a number from -5 to 5"),
                )
            })?;
            if !(VALENCE_MIN..=VALENCE_MAX).contains(&valence) {
                return Err(FileError::at_line(
                    path,
                    line,
                    format!("valence {text} is outside -5 … 5"),
                ));
            }
            rows.push(FeelingRow {
                participant: participant.to_owned(),
                time,
                valence,
                emotion: cols.get(record, "emotion").to_owned(),
                note: cols.get(record, "note").to_owned(),
            });
            Ok(())
        },
    )?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_numbers_are_right_with_crlf_line_ends() {
        let path = std::path::Path::new("e.csv");
        for end in ["\n", "\r\n"] {
            let data = [
                "time,title",
                "2026-03-14T02:10:00Z,ok",
                "2026-03-14T02:20:00Z,\"two\nlines\"",
                "half past,bad",
            ]
            .join(end);
            let err = super::parse_events(path, data.as_bytes()).expect_err("bad time");
            assert_eq!(err.line, Some(5), "{end:?}: {err}");
        }
    }

    use super::*;

    fn p() -> &'static Path {
        Path::new("in.csv")
    }

    #[test]
    fn columns_in_any_order_with_unknown_ones_and_quoting() -> Result<(), FileError> {
        let data = "notes,owner,Title,time\n\
                    \"said \"\"wait\"\", then, later\nrolled back\",x,Rollback,2026-03-14T03:00:00Z\n";
        let rows = parse_events(p(), data.as_bytes())?;
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].title, "Rollback");
        assert_eq!(rows[0].notes, "said \"wait\", then, later\nrolled back");
        assert_eq!(rows[0].lane, "");
        Ok(())
    }

    #[test]
    fn bad_timestamp_names_its_line_even_after_multiline_fields() {
        let data = "time,title,notes\n\
                    2026-03-14T03:00:00Z,A,\"two\nlines\"\n\
                    2026-03-14 03:10,B,\n";
        let err = parse_events(p(), data.as_bytes()).expect_err("bad time");
        assert_eq!(err.line, Some(4), "{err}");
        assert!(err.message.contains("2026-03-14 03:10"), "{err}");
    }

    #[test]
    fn missing_header_column_is_explained() {
        let err = parse_feelings(p(), b"name,time,valence\nAna,2026-03-14T03:00:00Z,1\n")
            .expect_err("no participant column");
        assert_eq!(err.line, Some(1));
        assert!(err.message.contains("\"participant\""), "{err}");
    }

    #[test]
    fn valence_out_of_range_or_not_a_number_is_refused() {
        for bad in ["6", "-5.5", "NaN", "great", ""] {
            let data = format!("participant,time,valence\nAna,2026-03-14T03:00:00Z,{bad}\n");
            let err = parse_feelings(p(), data.as_bytes()).expect_err(bad);
            assert_eq!(err.line, Some(2), "{bad}: {err}");
        }
    }

    #[test]
    fn invalid_utf8_is_reported() {
        let err = parse_events(p(), b"time,title\n2026-03-14T03:00:00Z,\xff\n").expect_err("bad");
        assert!(err.message.contains("UTF-8"), "{err}");
    }

    #[test]
    fn a_quote_inside_an_unquoted_field_is_read_as_it_stands() {
        let data = "time,title\n\
                    2026-03-14T01:00:00+01:00,Bought a 27\" monitor\n\
                    2026-03-14T02:00:00+01:00,Second\n";
        let rows = parse_events(p(), data.as_bytes()).expect("read");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].title, "Bought a 27\" monitor");
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opens() {
        let data = "time,title,lane,notes\n\
                    2026-03-14T02:00:00Z,Alert,Technical,\"p99 > 2s\n\
                    2026-03-14T02:05:00Z,Paged,Technical,\n\
                    2026-03-14T02:10:00Z,Acked,Technical,\n";
        let err = parse_events(p(), data.as_bytes()).expect_err("unclosed");
        assert_eq!(err.line, Some(2), "{err}");
        assert!(err.message.contains("never closed"), "{err}");
    }

    #[test]
    fn times_outside_the_supported_years_are_refused() {
        let data = "time,title\n9999-12-31T23:30:00-01:00,Far away\n";
        let err = parse_events(p(), data.as_bytes()).expect_err("year 9999");
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("1900 to 2200"), "{err}");
    }

    #[test]
    fn empty_file_is_refused() {
        let err = parse_events(p(), b"").expect_err("empty");
        assert!(err.message.contains("empty"), "{err}");
    }
}
