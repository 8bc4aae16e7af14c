//! The timeline from where the incident happened: a Slack workspace export (a `.zip` or its
//! unpacked folder) and a PagerDuty incident's log entries, read into candidate events. Each
//! candidate says whether it becomes an event and, if not, why; [`select`] applies the filters
//! (pinned only or all, a time window, a search) that the command line and the window's preview
//! share.
//!
//! Every read is bounded: a file or ZIP entry of more than [`MAX_JSON_BYTES`], a ZIP that
//! unpacks to more than [`MAX_UNPACKED_BYTES`], or a ZIP entry whose name points outside its
//! folder is refused with a message that names the file, and nothing is read further.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use jiff::tz::Offset;
use serde::Deserialize;

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

// ---------------------------------------------------------------------------------------------
// Slack

/// Where a Slack export is: an unpacked folder, or a ZIP with the folder inside (possibly under
/// one top folder of its own).
enum Export {
    Folder(PathBuf),
    Zip {
        path: PathBuf,
        archive: zip::ZipArchive<std::fs::File>,
        /// `"Export name/"` when everything is under one folder, else empty.
        prefix: String,
        /// Each entry's name (without the prefix) and its index.
        names: HashMap<String, usize>,
    },
}

impl Export {
    fn open(path: &Path) -> Result<Self, FileError> {
        let meta = std::fs::metadata(path).map_err(|err| {
            FileError::new(path, format!("cannot open: {}", super::io_reason(&err)))
        })?;
        if meta.is_dir() {
            return Ok(Self::Folder(path.to_owned()));
        }
        if !meta.is_file() {
            return Err(FileError::new(
                path,
                "is not a Slack export (a .zip file or its unpacked folder)",
            ));
        }
        let file = std::fs::File::open(path).map_err(|err| {
            FileError::new(path, format!("cannot open: {}", super::io_reason(&err)))
        })?;
        let archive = zip::ZipArchive::new(file)
            .map_err(|err| FileError::new(path, format!("is not a readable ZIP file: {err}")))?;
        if archive.len() > MAX_ZIP_ENTRIES {
            return Err(FileError::new(
                path,
                format!("holds {} files, more than {MAX_ZIP_ENTRIES}", archive.len()),
            ));
        }
        let mut total: u64 = 0;
        let mut raw = Vec::with_capacity(archive.len());
        for i in 0..archive.len() {
            let name = match archive.name_for_index(i) {
                Some(Ok(name)) => name.into_owned(),
                _ => String::new(),
            };
            // Never a path that climbs out of the export's folder or starts at the root.
            let escapes = name.starts_with('/')
                || name.starts_with('\\')
                || name.contains(':')
                || name.split(['/', '\\']).any(|part| part == "..");
            if escapes {
                return Err(FileError::new(
                    path,
                    format!(
                        "the entry \"{}\" points outside the export's folder; nothing was read",
                        super::inert::terminal(&name)
                    ),
                ));
            }
            raw.push(name);
        }
        let mut archive = archive;
        for i in 0..archive.len() {
            let size = archive
                .by_index_raw(i)
                .map(|f| f.size())
                .map_err(|err| FileError::new(path, format!("cannot read the ZIP: {err}")))?;
            total = total.saturating_add(size);
        }
        if total > MAX_UNPACKED_BYTES {
            return Err(FileError::new(
                path,
                format!(
                    "unpacks to {:.1} GB, past the limit of {} GB; nothing was read",
                    total as f64 / 1e9,
                    MAX_UNPACKED_BYTES / 1_000_000_000
                ),
            ));
        }
        let prefix = raw
            .iter()
            .filter_map(|n| n.strip_suffix("users.json"))
            .filter(|p| p.is_empty() || (p.ends_with('/') && p[..p.len() - 1].find('/').is_none()))
            .min_by_key(|p| p.len())
            .unwrap_or("")
            .to_owned();
        let names = raw
            .into_iter()
            .enumerate()
            .filter_map(|(i, n)| n.strip_prefix(prefix.as_str()).map(|n| (n.to_owned(), i)))
            .collect();
        Ok(Self::Zip {
            path: path.to_owned(),
            archive,
            prefix,
            names,
        })
    }

    /// How the file `name` (relative to the export) is named in messages.
    fn shown(&self, name: &str) -> PathBuf {
        match self {
            Self::Folder(dir) => dir.join(name),
            Self::Zip { path, prefix, .. } => {
                PathBuf::from(format!("{}:{prefix}{name}", path.display()))
            }
        }
    }

    /// The day files of `channel`: each date and its name relative to the export.
    fn day_files(&self, channel: &str) -> Result<Vec<(jiff::civil::Date, String)>, FileError> {
        let day = |file: &str| {
            file.strip_suffix(".json")
                .and_then(|d| d.parse::<jiff::civil::Date>().ok())
        };
        let mut days = Vec::new();
        match self {
            Self::Folder(dir) => {
                let folder = dir.join(channel);
                let entries = std::fs::read_dir(&folder).map_err(|err| {
                    FileError::new(&folder, format!("cannot list: {}", super::io_reason(&err)))
                })?;
                for entry in entries.flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if let Some(date) = day(&name) {
                        days.push((date, format!("{channel}/{name}")));
                    }
                }
            }
            Self::Zip { names, .. } => {
                let inside = format!("{channel}/");
                for name in names.keys() {
                    if let Some(file) = name.strip_prefix(&inside)
                        && !file.contains('/')
                        && let Some(date) = day(file)
                    {
                        days.push((date, name.clone()));
                    }
                }
            }
        }
        days.sort();
        Ok(days)
    }

    /// Whether the export has the file `name`.
    fn has(&self, name: &str) -> bool {
        match self {
            Self::Folder(dir) => dir.join(name).is_file(),
            Self::Zip { names, .. } => names.contains_key(name),
        }
    }

    /// The bytes of `name`, at most [`MAX_JSON_BYTES`] of them.
    fn read(&mut self, name: &str) -> Result<Vec<u8>, FileError> {
        let shown = self.shown(name);
        match self {
            Self::Folder(dir) => super::read_file(&dir.join(name), "a JSON file", MAX_JSON_BYTES),
            Self::Zip { archive, names, .. } => {
                let Some(&i) = names.get(name) else {
                    return Err(FileError::new(&shown, "is not in the export"));
                };
                let entry = archive
                    .by_index(i)
                    .map_err(|err| FileError::new(&shown, format!("cannot unpack: {err}")))?;
                if entry.size() > MAX_JSON_BYTES {
                    return Err(FileError::new(
                        &shown,
                        format!("unpacks to more than {} MiB", MAX_JSON_BYTES >> 20),
                    ));
                }
                let mut bytes = Vec::new();
                entry
                    .take(MAX_JSON_BYTES + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|err| FileError::new(&shown, format!("cannot unpack: {err}")))?;
                if bytes.len() as u64 > MAX_JSON_BYTES {
                    return Err(FileError::new(
                        &shown,
                        format!("unpacks to more than {} MiB", MAX_JSON_BYTES >> 20),
                    ));
                }
                Ok(bytes)
            }
        }
    }
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

#[derive(Deserialize)]
struct SlackUser {
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    real_name: String,
    #[serde(default)]
    profile: SlackProfile,
}

#[derive(Default, Deserialize)]
struct SlackProfile {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    real_name: String,
}

#[derive(Deserialize)]
struct SlackChannel {
    #[serde(default)]
    id: String,
    name: String,
}

#[derive(Deserialize)]
struct SlackMessage {
    #[serde(default)]
    subtype: Option<String>,
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    bot_id: Option<String>,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    text: String,
    ts: String,
    #[serde(default)]
    pinned_to: Vec<String>,
    #[serde(default)]
    reactions: Vec<SlackReaction>,
}

#[derive(Deserialize)]
struct SlackReaction {
    name: String,
}

/// Messages that are the channel's own housekeeping, never an event.
const HOUSEKEEPING: &[&str] = &[
    "channel_join",
    "channel_leave",
    "channel_topic",
    "channel_purpose",
    "channel_name",
    "channel_archive",
    "channel_unarchive",
    "group_join",
    "group_leave",
    "group_topic",
    "group_purpose",
    "group_name",
    "pinned_item",
    "unpinned_item",
    "bot_add",
    "bot_remove",
    "reminder_add",
    "channel_convert_to_private",
];

/// The channels of an export: the public ones (`channels.json`) and, in a full export, the
/// private ones (`groups.json`).
fn all_channels(export: &mut Export) -> Result<Vec<SlackChannel>, FileError> {
    let mut channels: Vec<SlackChannel> = json(
        &export.shown("channels.json"),
        &export.read("channels.json")?,
    )?;
    if export.has("groups.json") {
        let groups: Vec<SlackChannel> =
            json(&export.shown("groups.json"), &export.read("groups.json")?)?;
        channels.extend(groups);
    }
    Ok(channels)
}

/// The names of the channels of the Slack export at `path`, sorted.
pub fn slack_channels(path: &Path) -> Result<Vec<String>, FileError> {
    let mut export = Export::open(path)?;
    let channels = all_channels(&mut export)?;
    let mut names: Vec<String> = channels.into_iter().map(|c| c.name).collect();
    names.sort();
    Ok(names)
}

/// Reads `channel`'s messages from the Slack export at `path`: every day file dated within a
/// day of `from` … `to` (only those are read), each message a candidate in `offset`.
pub fn read_slack(
    path: &Path,
    channel: &str,
    from: Option<Moment>,
    to: Option<Moment>,
    offset: Offset,
) -> Result<Vec<Candidate>, FileError> {
    let mut export = Export::open(path)?;
    let users: Vec<SlackUser> = json(&export.shown("users.json"), &export.read("users.json")?)?;
    let names: HashMap<String, String> = users
        .into_iter()
        .map(|u| {
            let name = [
                u.profile.display_name,
                u.profile.real_name,
                u.real_name,
                u.name,
            ]
            .into_iter()
            .find(|n| !n.trim().is_empty())
            .unwrap_or_else(|| u.id.clone());
            (u.id, name)
        })
        .collect();
    let channels = all_channels(&mut export)?;
    let channel = channel.trim().trim_start_matches('#');
    let Some(found) = channels
        .iter()
        .find(|c| c.name == channel || (!c.id.is_empty() && c.id == channel))
    else {
        let mut known: Vec<&str> = channels.iter().map(|c| c.name.as_str()).take(20).collect();
        known.sort_unstable();
        return Err(FileError::new(
            path,
            format!(
                "has no channel \"{}\"; it has {}",
                super::inert::terminal(channel),
                super::inert::terminal(&known.join(", "))
            ),
        ));
    };
    let channel = found.name.clone();
    // A channel's folder is inside the export, whatever its name says.
    if channel.is_empty() || channel.contains(['/', '\\', ':']) || channel.starts_with('.') {
        return Err(FileError::new(
            path,
            format!(
                "the channel name \"{}\" is not a folder inside the export",
                super::inert::terminal(&channel)
            ),
        ));
    }
    let day_of = |m: Moment| m.to_utc().datetime().date();
    let first = from.map(|m| day_of(m).yesterday().unwrap_or(day_of(m)));
    let last = to.map(|m| day_of(m).tomorrow().unwrap_or(day_of(m)));
    let mut out = Vec::new();
    let mut read: u64 = 0;
    for (date, file) in export.day_files(&channel)? {
        if first.is_some_and(|f| date < f) || last.is_some_and(|l| date > l) {
            continue;
        }
        let shown = export.shown(&file);
        let bytes = export.read(&file)?;
        read += bytes.len() as u64;
        if read > MAX_CHANNEL_BYTES {
            return Err(FileError::new(
                path,
                format!(
                    "#{channel} holds more than {} MiB of messages in the time asked for; give a \
                     shorter time window",
                    MAX_CHANNEL_BYTES >> 20
                ),
            ));
        }
        let messages: Vec<SlackMessage> = json(&shown, &bytes)?;
        let day = file.rsplit('/').next().unwrap_or(&file).to_owned();
        for m in messages {
            let Some(time) = slack_time(&m.ts, offset) else {
                return Err(FileError::new(
                    &shown,
                    format!(
                        "a message has the time \"{}\", not Slack's",
                        super::inert::terminal(&m.ts)
                    ),
                ));
            };
            let bot = m.bot_id.is_some() || m.subtype.as_deref() == Some("bot_message");
            let text = plain_text(&m.text, &names);
            let who = match (&m.user, &m.username) {
                (Some(id), _) => names.get(id).cloned().unwrap_or_else(|| id.clone()),
                (None, Some(name)) => name.clone(),
                (None, None) => String::new(),
            };
            let never = match m.subtype.as_deref() {
                Some(s) if HOUSEKEEPING.contains(&s) => Some("channel housekeeping"),
                _ if text.trim().is_empty() => Some("no text"),
                _ => None,
            };
            let marked = !m.pinned_to.is_empty() || m.reactions.iter().any(|r| r.name == "pushpin");
            let (title, notes) = title_and_notes(&text, &who);
            out.push(Candidate {
                row: EventRow {
                    time,
                    title,
                    lane: if bot { TECHNICAL } else { COMMUNICATION }.to_owned(),
                    notes,
                },
                marked,
                never,
                source: format!("#{channel}, {day}"),
                unmarked: "not pinned (import all to take it)",
            });
        }
    }
    out.sort_by_key(|c| c.row.time.unix_nanos());
    Ok(out)
}

/// Slack's `ts` ("1773450000.000100") as a moment to the second, in `offset`.
fn slack_time(ts: &str, offset: Offset) -> Option<Moment> {
    let secs: i64 = ts.split('.').next()?.parse().ok()?;
    Moment::from_unix_seconds(secs, offset).filter(|m| crate::model::in_supported_years(*m))
}

/// Slack's markup as plain text: `<@U1>` is `@name`, `<url|label>` is `label`, `<url>` the
/// URL, `<#C1|general>` `#general`, `<!here>` `@here`; `&amp;`, `&lt;` and `&gt;` decoded.
pub fn plain_text(text: &str, names: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let inner = &after[..close];
        let (target, label) = match inner.split_once('|') {
            Some((t, l)) => (t, Some(l)),
            None => (inner, None),
        };
        let shown = if let Some(id) = target.strip_prefix('@') {
            format!(
                "@{}",
                label.map_or_else(
                    || names.get(id).cloned().unwrap_or_else(|| id.to_owned()),
                    str::to_owned
                )
            )
        } else if let Some(id) = target.strip_prefix('#') {
            format!("#{}", label.unwrap_or(id))
        } else if let Some(special) = target.strip_prefix('!') {
            match label {
                Some(l) => l.to_owned(),
                None => format!("@{}", special.split('^').next().unwrap_or(special)),
            }
        } else {
            label.unwrap_or(target).to_owned()
        };
        out.push_str(&shown);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
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

// ---------------------------------------------------------------------------------------------
// PagerDuty

#[derive(Deserialize)]
struct PagerDutyLog {
    log_entries: Vec<PagerDutyEntry>,
}

#[derive(Deserialize)]
struct PagerDutyEntry {
    #[serde(rename = "type")]
    kind: String,
    created_at: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    channel: Option<PagerDutyChannel>,
    #[serde(default)]
    note: Option<PagerDutyNote>,
    #[serde(default)]
    agent: Option<PagerDutyRef>,
}

#[derive(Deserialize)]
struct PagerDutyChannel {
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    details: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct PagerDutyNote {
    #[serde(default)]
    content: String,
}

#[derive(Deserialize)]
struct PagerDutyRef {
    #[serde(default)]
    summary: String,
}

/// Reads a PagerDuty incident's log entries (`{"log_entries": [...]}`, as its API returns them):
/// triggers, acknowledgements, escalations, notes and resolutions become events in the Technical
/// lane; notifications and other entries only with `--all`.
pub fn read_pagerduty(path: &Path, offset: Offset) -> Result<Vec<Candidate>, FileError> {
    let bytes = super::read_file(path, "a PagerDuty log (JSON)", MAX_JSON_BYTES)?;
    let log: PagerDutyLog = json(path, &bytes).map_err(|mut e| {
        e.message = e
            .message
            .replace("not a Slack export file", "not a PagerDuty log");
        e
    })?;
    let mut out = Vec::with_capacity(log.log_entries.len());
    for (i, e) in log.log_entries.into_iter().enumerate() {
        let time = Moment::parse_rfc3339(&e.created_at)
            .ok()
            .and_then(|m| {
                Moment::from_unix_seconds(m.unix_nanos().div_euclid(1_000_000_000) as i64, offset)
            })
            .filter(|m| crate::model::in_supported_years(*m))
            .ok_or_else(|| {
                FileError::new(
                    path,
                    format!(
                        "log entry {}: created_at \"{}\" is not a time with an offset",
                        i + 1,
                        super::inert::terminal(&e.created_at)
                    ),
                )
            })?;
        let kind = e.kind.trim_end_matches("_reference");
        let marked = matches!(
            kind,
            "trigger_log_entry"
                | "acknowledge_log_entry"
                | "escalate_log_entry"
                | "annotate_log_entry"
                | "resolve_log_entry"
        );
        let note = e
            .note
            .map(|n| n.content)
            .filter(|c| !c.trim().is_empty())
            .or_else(|| e.channel.as_ref().and_then(|c| c.summary.clone()));
        let title_text = if kind == "annotate_log_entry" {
            note.clone().unwrap_or_else(|| e.summary.clone())
        } else {
            e.summary.clone()
        };
        let who = e.agent.map(|a| a.summary).unwrap_or_default();
        let mut notes = e.summary.clone();
        if let Some(details) = e.channel.and_then(|c| c.details).filter(|d| !d.is_null()) {
            notes.push('\n');
            notes.push_str(&details.to_string());
        }
        let (title, _) = title_and_notes(&title_text, "");
        let (_, notes) = title_and_notes(&notes, &who);
        out.push(Candidate {
            row: EventRow {
                time,
                title,
                lane: TECHNICAL.to_owned(),
                notes,
            },
            marked,
            never: (title_text.trim().is_empty()).then_some("no summary"),
            source: format!("PagerDuty, {}", kind.trim_end_matches("_log_entry")),
            unmarked: if kind == "notify_log_entry" {
                "a notification (import all to take it)"
            } else {
                "not an entry of the incident's course (import all to take it)"
            },
        });
    }
    out.sort_by_key(|c| c.row.time.unix_nanos());
    Ok(out)
}
