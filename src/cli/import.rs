//! `retroline import`: a board made from an events CSV, a Slack export, a PagerDuty log and/or a
//! feelings CSV.

use std::path::Path;

use super::check::summary;
use super::{ImportArgs, KindArg, refuse_existing};
use crate::io::board_file;
use crate::io::csv_import;
use crate::model::{Board, BoardKind};

/// `retroline import`: the time window and the sources from the arguments, then [`import`].
pub(super) fn run(args: ImportArgs) -> Result<String, String> {
    let ImportArgs {
        events,
        slack,
        channel,
        from,
        to,
        all,
        pagerduty,
        feelings,
        title,
        kind,
        output,
        force,
    } = args;
    let parse = |t: Option<String>, what: &str| {
        t.map(|t| {
            crate::model::Moment::parse_rfc3339(&t).map_err(|err| format!("--{what} {t}: {err}"))
        })
        .transpose()
    };
    let filters = crate::io::incident_import::Filters {
        all,
        from: parse(from, "from")?,
        to: parse(to, "to")?,
        search: String::new(),
    };
    import(
        Sources {
            events: events.as_deref(),
            slack: slack.as_deref().zip(channel.as_deref()),
            pagerduty: pagerduty.as_deref(),
            feelings: feelings.as_deref(),
        },
        &filters,
        title,
        kind,
        &output,
        force,
    )
}

/// What `import` reads.
struct Sources<'a> {
    events: Option<&'a Path>,
    /// The export and the channel.
    slack: Option<(&'a Path, &'a str)>,
    pagerduty: Option<&'a Path>,
    feelings: Option<&'a Path>,
}

fn import(
    sources: Sources<'_>,
    filters: &crate::io::incident_import::Filters,
    title: Option<String>,
    kind: Option<KindArg>,
    output: &Path,
    force: bool,
) -> Result<String, String> {
    use crate::io::incident_import::{read_pagerduty, read_slack, select};
    refuse_existing(output, force)?;
    let inputs = sources
        .events
        .into_iter()
        .chain(sources.slack.map(|(p, _)| p))
        .chain(sources.pagerduty)
        .chain(sources.feelings);
    for input in inputs {
        if crate::io::same_file(output, input) {
            return Err(format!(
                "{}: that is a file being imported; write the board to another file",
                output.display()
            ));
        }
    }
    let mut event_rows = match sources.events {
        Some(events) => csv_import::read_csv_file(events)
            .and_then(|data| csv_import::parse_events(events, &data))
            .map_err(|e| e.to_string())?,
        None => Vec::new(),
    };
    // Moments from Slack and PagerDuty are shown in this computer's offset, like a new board's.
    let offset = crate::model::time::format::local_offset();
    let mut candidates = Vec::new();
    if let Some((export, channel)) = sources.slack {
        candidates.extend(
            read_slack(export, channel, filters.from, filters.to, offset)
                .map_err(|e| e.to_string())?,
        );
    }
    if let Some(log) = sources.pagerduty {
        candidates.extend(read_pagerduty(log, offset).map_err(|e| e.to_string())?);
    }
    let picked = select(&candidates, filters, &event_rows);
    let (from_chat, left_out) = (picked.kept.len(), picked.left_out.len());
    event_rows.extend(picked.kept);
    let feeling_rows = match sources.feelings {
        Some(path) => csv_import::read_csv_file(path)
            .and_then(|data| csv_import::parse_feelings(path, &data))
            .map_err(|e| e.to_string())?,
        None => Vec::new(),
    };
    let named_after = sources
        .events
        .or(sources.slack.map(|(p, _)| p))
        .or(sources.pagerduty);
    let title = title.unwrap_or_else(|| {
        named_after.and_then(Path::file_stem).map_or_else(
            || "Imported retrospective".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        )
    });
    let mut board = Board::new(title);
    if sources.slack.is_some() || sources.pagerduty.is_some() {
        board.settings.utc_offset_seconds = Some(offset.seconds());
    }
    let (mut board, _) =
        crate::doc::import::merge(board, event_rows, feeling_rows).map_err(|e| {
            format!(
                "{}: the imported board would not open ({e}); nothing was written",
                output.display()
            )
        })?;
    board.kind = match kind {
        Some(KindArg::Incident) => BoardKind::Incident,
        Some(KindArg::Sprint) => BoardKind::Sprint,
        Some(KindArg::Other) => BoardKind::Other,
        None => guess_kind(&board),
    };
    // Never write what opening it would refuse.
    if let Some(problem) = board.problems().into_iter().next() {
        return Err(format!(
            "{}: the imported board would not open ({problem}); nothing was written",
            output.display()
        ));
    }
    board_file::save(output, &board).map_err(|e| e.to_string())?;
    let mut said = format!("wrote {}: {}\n", output.display(), summary(&board));
    if !candidates.is_empty() {
        said.push_str(&format!(
            "{from_chat} events from Slack and PagerDuty, {left_out} messages and entries left out\n"
        ));
    }
    Ok(said)
}

/// Incidents are reviewed over minutes and hours, sprints over days and weeks.
fn guess_kind(board: &Board) -> BoardKind {
    const TWO_DAYS_NANOS: i128 = 2 * 24 * 3600 * 1_000_000_000;
    match board.time_range() {
        Some(r) if r.end.unix_nanos() - r.start.unix_nanos() > TWO_DAYS_NANOS => BoardKind::Sprint,
        _ => BoardKind::Incident,
    }
}
