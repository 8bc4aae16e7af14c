//! A Slack workspace export (its `.zip`, or the folder it unpacks to): the channels it holds, and
//! a channel's messages as candidate events, pinned ones and those with a 📌 marked.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use jiff::tz::Offset;
use serde::Deserialize;

use super::{
    COMMUNICATION, Candidate, MAX_CHANNEL_BYTES, MAX_JSON_BYTES, MAX_UNPACKED_BYTES,
    MAX_ZIP_ENTRIES, TECHNICAL, json, title_and_notes,
};
use crate::io::FileError;
use crate::io::csv_import::EventRow;
use crate::model::Moment;

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
            FileError::new(path, format!("cannot open: {}", crate::io::io_reason(&err)))
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
            FileError::new(path, format!("cannot open: {}", crate::io::io_reason(&err)))
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
                        crate::io::inert::terminal(&name)
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
                    FileError::new(
                        &folder,
                        format!("cannot list: {}", crate::io::io_reason(&err)),
                    )
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
            Self::Folder(dir) => {
                crate::io::read_file(&dir.join(name), "a JSON file", MAX_JSON_BYTES)
            }
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
    /// Slack hides what replaced or took away another message (an edit's or a deletion's
    /// record).
    #[serde(default)]
    hidden: bool,
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
                crate::io::inert::terminal(channel),
                crate::io::inert::terminal(&known.join(", "))
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
                crate::io::inert::terminal(&channel)
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
                        crate::io::inert::terminal(&m.ts)
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
                // What is left of a deleted message ("This message was deleted.").
                Some("tombstone" | "message_deleted") => Some("a deleted message"),
                _ if m.hidden => Some("a message Slack hides"),
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
                    kind: crate::model::EventKind::None,
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
