//! The timeline from where the incident happened: a Slack workspace export (a `.zip` or its
//! unpacked folder) and a PagerDuty incident's log entries, read into candidate events. Each
//! candidate says whether it becomes an event and, if not, why; [`select`] applies the filters
//! (pinned only or all, a time window, a search) that the command line and the window's preview
//! share.
//!
//! Every read is bounded: a file or ZIP entry of more than [`MAX_JSON_BYTES`], a ZIP that
//! unpacks to more than [`MAX_UNPACKED_BYTES`], or a ZIP entry whose name points outside its
//! folder is refused with a message that names the file, and nothing is read further.

mod pagerduty;
mod slack;

pub use pagerduty::read_pagerduty;
pub use slack::{plain_text, read_slack, slack_channels};

use std::collections::HashSet;
use std::path::Path;

use super::FileError;
use super::csv_import::EventRow;
use crate::model::Moment;
use crate::model::limits::{MAX_LONG_TEXT, MAX_SHORT_TEXT};

/// The largest JSON file (or ZIP entry, unpacked) read.
pub const MAX_JSON_BYTES: u64 = 64 * 1024 * 1024;
/// The most a Slack export's ZIP may unpack to, all entries together.
pub const MAX_UNPACKED_BYTES: u64 = 4 * 1024 * 1024 * 1024;
/// The most a channel's day files may hold together, read in one import: past it, a time
/// window is asked for.
pub const MAX_CHANNEL_BYTES: u64 = 512 * 1024 * 1024;
/// The most entries a ZIP may hold.
pub const MAX_ZIP_ENTRIES: usize = 200_000;
/// An event's title: the message's first line, up to this many characters.
pub const TITLE_CHARS: usize = 120;

/// The lanes imported events go to.
pub const TECHNICAL: &str = "Technical";
pub const COMMUNICATION: &str = "Communication";

/// Something that may become an event.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub row: EventRow,
    /// Pinned in Slack, or marked with a 📌 reaction; every PagerDuty entry kept by default.
    pub marked: bool,
    /// Why it is left out whatever the filters say (channel housekeeping, a notification).
    pub never: Option<&'static str>,
    /// Where it came from, for the preview: `#incident, 2026-03-14.json` or `PagerDuty`.
    pub source: String,
    /// Why it is left out when only marked ones are taken.
    pub unmarked: &'static str,
}

/// What the filters keep, and what they leave out with the reason.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    pub kept: Vec<EventRow>,
    pub left_out: Vec<(EventRow, String)>,
}

/// The filters of an import.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    /// Every message and entry, not only pinned ones (and PagerDuty's notifications).
    pub all: bool,
    pub from: Option<Moment>,
    pub to: Option<Moment>,
    /// Only what has this text in its title or notes (ignoring case).
    pub search: String,
}

/// Applies `filters` to `candidates`, and keeps once the events at the same second with the
/// same title (also against `existing`, the events already on the board).
pub fn select(candidates: &[Candidate], filters: &Filters, existing: &[EventRow]) -> Selection {
    let search = filters.search.trim().to_lowercase();
    let key = |r: &EventRow| {
        (
            r.time.unix_nanos().div_euclid(1_000_000_000),
            r.title.clone(),
        )
    };
    let mut seen: HashSet<(i128, String)> = existing.iter().map(key).collect();
    let mut out = Selection::default();
    for c in candidates {
        let t = c.row.time.unix_nanos();
        let why = if let Some(never) = c.never {
            Some(never.to_owned())
        } else if !c.marked && !filters.all {
            Some(c.unmarked.to_owned())
        } else if filters.from.is_some_and(|f| t < f.unix_nanos())
            || filters.to.is_some_and(|e| t > e.unix_nanos())
        {
            Some("outside the time window".to_owned())
        } else if !search.is_empty()
            && !c.row.title.to_lowercase().contains(&search)
            && !c.row.notes.to_lowercase().contains(&search)
        {
            Some("does not match the search".to_owned())
        } else if !seen.insert(key(&c.row)) {
            Some("the same title at the same second is already there".to_owned())
        } else {
            None
        };
        match why {
            Some(why) => out.left_out.push((c.row.clone(), why)),
            None => out.kept.push(c.row.clone()),
        }
    }
    out.kept.sort_by_key(|r| r.time.unix_nanos());
    out
}

/// `bytes` of `shown` as JSON, or where and why it is not.
fn json<T: serde::de::DeserializeOwned>(shown: &Path, bytes: &[u8]) -> Result<T, FileError> {
    serde_json::from_slice(bytes).map_err(|err| FileError {
        path: shown.to_owned(),
        line: Some(err.line()).filter(|&l| l > 0),
        column: Some(err.column()).filter(|_| err.line() > 0),
        message: format!("not a Slack export file: {err}")
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_owned(),
    })
}

/// The title (the first line, cut at a word to [`TITLE_CHARS`]) and the notes (who said it and
/// the whole text), both within the board's limits.
fn title_and_notes(text: &str, who: &str) -> (String, String) {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    let title = if first.chars().count() > TITLE_CHARS {
        let cut: String = first.chars().take(TITLE_CHARS).collect();
        let at_word = cut
            .rfind(' ')
            .filter(|&i| i > TITLE_CHARS / 2)
            .unwrap_or(cut.len());
        format!("{}…", cut[..at_word].trim_end())
    } else {
        first.to_owned()
    };
    let title: String = title.chars().take(MAX_SHORT_TEXT).collect();
    let notes = if who.is_empty() {
        text.trim().to_owned()
    } else {
        format!("{who}: {}", text.trim())
    };
    let notes: String = notes.chars().take(MAX_LONG_TEXT).collect();
    (title, notes)
}
