//! A PagerDuty incident's log entries, as its API returns them, as candidate events.

use std::path::Path;

use jiff::tz::Offset;
use serde::Deserialize;

use super::{Candidate, MAX_JSON_BYTES, TECHNICAL, json, title_and_notes};
use crate::io::FileError;
use crate::io::csv_import::EventRow;
use crate::model::{EventKind, Moment};

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

/// What an entry's type says the event was: a trigger is when the alert detected the problem,
/// a resolution when it was repaired; other types say nothing of the kind.
fn entry_kind(kind: &str) -> EventKind {
    match kind {
        "trigger_log_entry" => EventKind::Detection,
        "resolve_log_entry" => EventKind::Repair,
        _ => EventKind::None,
    }
}

/// Reads a PagerDuty incident's log entries (`{"log_entries": [...]}`, as its API returns them):
/// triggers, acknowledgements, escalations, notes and resolutions become events in the Technical
/// lane; notifications and other entries only with `--all`.
pub fn read_pagerduty(path: &Path, offset: Offset) -> Result<Vec<Candidate>, FileError> {
    let bytes = crate::io::read_file(path, "a PagerDuty log (JSON)", MAX_JSON_BYTES)?;
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
                        crate::io::inert::terminal(&e.created_at)
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
                kind: entry_kind(kind),
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
