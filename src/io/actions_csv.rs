//! Action items for a tracker: a CSV that Jira's, GitHub's (through its CSV import tools) and
//! Linear's importers take, one row per item with `Summary`, `Description`, `Assignee`,
//! `Due date` and `Status`. Every cell is inert: one that a spreadsheet would run as a formula
//! starts with `'`.

use std::collections::HashMap;

use super::inert;
use super::markdown::Names;
use crate::analysis::smart;
use crate::model::time::format::BoardDates;
use crate::model::{ActionStatus, Board, Link};

/// The CSV, header first, in the board's own offset for the moments it names.
pub fn actions_csv(board: &Board, anonymous: bool) -> String {
    let dates = BoardDates::today(board.offset_with(board.time_range()), board.time_range());
    let names = Names::new(board, anonymous);
    let spans = crate::analysis::divergences(board, board.settings.neutral_band);
    let titles: HashMap<_, &str> = board
        .events
        .iter()
        .map(|e| (e.id, e.title.as_str()))
        .collect();
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut rows = vec![[
        "Summary".to_owned(),
        "Description".to_owned(),
        "Assignee".to_owned(),
        "Due date".to_owned(),
        "Status".to_owned(),
    ]];
    for item in &board.action_items {
        let mut description = Vec::new();
        if !item.done_when.trim().is_empty() {
            description.push(format!("Done when: {}", item.done_when.trim()));
        }
        let from: Vec<String> = item
            .links
            .iter()
            .map(|link| match link {
                Link::Event(id) => titles
                    .get(id)
                    .map_or_else(|| format!("event {id}"), |t| format!("“{t}”")),
                // Named as the reports list the divergences: by their span.
                Link::Divergence(m) => match super::markdown::span_of(*m, &spans) {
                    Some(s) => format!(
                        "the divergence {} to {}",
                        dates.time(s.start),
                        dates.time(s.end)
                    ),
                    None => format!("the divergence at {} (no longer divergent)", dates.time(*m)),
                },
                Link::Insight(id) => board.insight_name(*id),
            })
            .collect();
        if !from.is_empty() {
            description.push(format!("From: {}", from.join("; ")));
        }
        let smart = smart::check(item);
        let missing: Vec<&str> = smart.missing().collect();
        if !missing.is_empty() {
            description.push(format!("Not yet SMART: {}", missing.join(" ")));
        }
        description.push(format!("From the retrospective “{}”.", board.title));
        rows.push([
            item.text.clone(),
            description.join("\n"),
            names.owner(&item.owner),
            item.due.map(|d| d.to_text()).unwrap_or_default(),
            match item.status {
                ActionStatus::Open => "Open",
                ActionStatus::Done => "Done",
            }
            .to_owned(),
        ]);
    }
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| inert::cell(c)).collect();
        // Writing to memory cannot fail.
        let _ignored = out.write_record(&cells);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Board {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/examples/incident-checkout-outage.ron");
        crate::io::board_file::load(&path).expect("sample")
    }

    #[test]
    fn each_action_item_is_a_row_a_tracker_reads() {
        let board = sample();
        let text = actions_csv(&board, false);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .expect("header")
            .iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(
            header,
            ["Summary", "Description", "Assignee", "Due date", "Status"]
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        assert_eq!(rows.len(), board.action_items.len());
        let first = &board.action_items[0];
        assert_eq!(&rows[0][0], first.text);
        assert!(rows[0][1].contains(&format!("Done when: {}", first.done_when)));
        assert!(
            rows[0][1].contains("From: “Nightly deploy of checkout v4.18”"),
            "{}",
            &rows[0][1]
        );
        assert_eq!(&rows[0][2], "Chidi Obi");
        assert_eq!(&rows[0][3], "2026-03-20");
        assert_eq!(&rows[0][4], "Open");
        // A divergence is named by its span, as the reports list it, not by a moment in it.
        assert!(rows[2][1].contains("03:02 to "), "{}", &rows[2][1]);
        assert!(!text.contains("divergence at"), "{text}");
        // Anonymous: a participant who owns an item is named by their label.
        let anonymous = actions_csv(&board, true);
        assert!(!anonymous.contains("Chidi Obi,"), "{anonymous}");
        assert!(anonymous.contains("Participant 3"), "{anonymous}");
    }

    #[test]
    fn no_cell_starts_a_formula() {
        let mut board = sample();
        board.action_items[0].text = "=HYPERLINK(\"http://x\")".to_owned();
        board.action_items[0].owner = "@owner".to_owned();
        let text = actions_csv(&board, false);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        for row in reader.records() {
            for cell in row.expect("row").iter() {
                assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
            }
        }
    }

    #[test]
    fn no_cell_carries_a_control_character() {
        let mut board = sample();
        board.action_items[0].text = "Page\u{0} the\u{1b}]0;owned\u{7} on-call".to_owned();
        board.action_items[0].owner = "Ana\u{1b}[2J".to_owned();
        let text = actions_csv(&board, false);
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r')),
            "{text:?}"
        );
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let row = reader.records().next().expect("a row").expect("readable");
        assert!(
            row.iter().any(|c| c == "Page the]0;owned on-call"),
            "{row:?}"
        );
    }
}
