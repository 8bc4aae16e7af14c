//! Rows read from elsewhere (an events CSV, a feelings CSV, a Slack export, a PagerDuty log)
//! merged into a board through the same edits as the window's import ([`Edit::ImportEvents`],
//! [`Edit::ImportFeelings`]): `retroline import` and the window match lanes and people, choose
//! the default lane and hand out ids the same way, with the same checks.

use super::edit::{self, Edit, EditError, ImportedEvent, ImportedFeeling, NewFeeling};
use crate::io::csv_import::{EventRow, FeelingRow};
use crate::model::Board;

/// What an import added to a board.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub rows: usize,
    pub new_lanes: usize,
    pub new_participants: usize,
}

impl From<EventRow> for ImportedEvent {
    fn from(row: EventRow) -> Self {
        Self {
            time: row.time,
            title: row.title,
            lane: row.lane,
            notes: row.notes,
            kind: row.kind,
        }
    }
}

impl From<FeelingRow> for ImportedFeeling {
    fn from(row: FeelingRow) -> Self {
        Self {
            participant: row.participant,
            feeling: NewFeeling {
                time: row.time,
                valence: row.valence,
                emotion: row.emotion,
                note: row.note,
            },
        }
    }
}

/// Adds `events` and then `feelings` to `board`, as [`add_events`] and [`add_feelings`] do, and
/// returns the board with what was added. A row the board cannot take refuses the import, with
/// the edit's reason.
pub fn merge(
    mut board: Board,
    events: Vec<EventRow>,
    feelings: Vec<FeelingRow>,
) -> Result<(Board, ImportSummary), EditError> {
    let from_events = add_events(&mut board, events)?;
    let from_feelings = add_feelings(&mut board, feelings)?;
    let summary = ImportSummary {
        rows: from_events.rows + from_feelings.rows,
        new_lanes: from_events.new_lanes,
        new_participants: from_feelings.new_participants,
    };
    Ok((board, summary))
}

/// Adds events to the board as [`Edit::ImportEvents`] does: lanes are matched by name ignoring
/// case, a name the board lacks becomes a lane, and an event with no lane goes to the board's
/// first lane. All or nothing: a refused import leaves the board as it was.
pub fn add_events(board: &mut Board, rows: Vec<EventRow>) -> Result<ImportSummary, EditError> {
    let (lanes, n) = (board.lanes.len(), rows.len());
    let edit = Edit::ImportEvents(rows.into_iter().map(ImportedEvent::from).collect());
    edit::apply(board, edit)?;
    Ok(ImportSummary {
        rows: n,
        new_lanes: board.lanes.len() - lanes,
        new_participants: 0,
    })
}

/// Adds feelings to the board as [`Edit::ImportFeelings`] does: people are matched by name as
/// [`crate::model::names::identity`] compares them, and a name the board lacks becomes a
/// participant (none that looks like someone else's). All or nothing: a refused import leaves
/// the board as it was.
pub fn add_feelings(board: &mut Board, rows: Vec<FeelingRow>) -> Result<ImportSummary, EditError> {
    let (people, n) = (board.participants.len(), rows.len());
    let edit = Edit::ImportFeelings(rows.into_iter().map(ImportedFeeling::from).collect());
    edit::apply(board, edit)?;
    Ok(ImportSummary {
        rows: n,
        new_lanes: 0,
        new_participants: board.participants.len() - people,
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::io::FileError;
    use crate::io::csv_import::{parse_events, parse_feelings};

    fn p() -> &'static Path {
        Path::new("in.csv")
    }

    #[test]
    fn utf8_names_and_a_byte_order_mark_are_fine() -> Result<(), FileError> {
        let data = "\u{feff}participant,time,valence,emotion\n\
                    Zoë Ødegård,2026-03-14T03:00:00+01:00,-3,ängstlich\n\
                    zoë ødegård,2026-03-14T03:30:00+01:00,1,\n";
        let rows = parse_feelings(p(), data.as_bytes())?;
        let mut board = Board::new("t");
        let summary = add_feelings(&mut board, rows).expect("imported");
        assert_eq!(summary.new_participants, 1, "names match ignoring case");
        assert_eq!(board.participants[0].name, "Zoë Ødegård");
        assert_eq!(board.feelings[0].emotion, "ängstlich");
        Ok(())
    }

    #[test]
    fn lanes_are_created_from_names_and_matched_to_defaults() -> Result<(), FileError> {
        let data = "time,title,lane\n\
                    2026-03-14T03:00:00Z,a,technical\n\
                    2026-03-14T03:01:00Z,b,Customer support\n\
                    2026-03-14T03:02:00Z,c,\n";
        let mut board = Board::new("t");
        let summary =
            add_events(&mut board, parse_events(p(), data.as_bytes())?).expect("imported");
        assert_eq!(summary.new_lanes, 1);
        let lane_names: Vec<_> = board
            .events
            .iter()
            .map(|e| board.lane(e.lane).map(|l| l.name.as_str()))
            .collect();
        assert_eq!(
            lane_names,
            vec![
                Some("Technical"),
                Some("Customer support"),
                Some("Technical")
            ]
        );
        Ok(())
    }

    #[test]
    fn a_board_without_lanes_gets_one_technical_lane() -> Result<(), FileError> {
        let data = "time,title,lane\n\
                    2026-03-14T03:00:00Z,a,\n\
                    2026-03-14T03:01:00Z,b,TECHNICAL\n";
        let mut board = Board::new("t");
        board.lanes.clear();
        let summary =
            add_events(&mut board, parse_events(p(), data.as_bytes())?).expect("imported");
        assert_eq!(summary.new_lanes, 1);
        assert_eq!(board.lanes.len(), 1);
        assert_eq!(board.lanes[0].name, "Technical");
        Ok(())
    }

    #[test]
    fn a_refused_import_changes_nothing_and_says_why() -> Result<(), FileError> {
        let long = "x".repeat(edit::MAX_SHORT_TEXT + 1);
        let data = format!(
            "participant,time,valence\nAna,2026-03-14T03:00:00Z,1\n{long},2026-03-14T03:00:00Z,1\n"
        );
        let mut board = Board::new("t");
        let before = board.clone();
        let err = add_feelings(&mut board, parse_feelings(p(), data.as_bytes())?)
            .expect_err("a name too long");
        assert_eq!(err.to_string(), "the name is longer than 1000 characters");
        assert_eq!(board, before);
        Ok(())
    }

    #[test]
    fn merge_counts_the_rows_lanes_and_people_it_added() -> Result<(), FileError> {
        let events = parse_events(
            p(),
            b"time,title,lane\n2026-03-14T03:00:00Z,a,Support\n2026-03-14T03:01:00Z,b,\n",
        )?;
        let feelings = parse_feelings(
            p(),
            b"participant,time,valence\nAna,2026-03-14T03:00:00Z,1\nBen,2026-03-14T03:00:00Z,-1\n",
        )?;
        let (board, summary) = merge(Board::new("t"), events, feelings).expect("merged");
        assert_eq!(
            summary,
            ImportSummary {
                rows: 4,
                new_lanes: 1,
                new_participants: 2
            }
        );
        assert!(board.problems().is_empty());
        Ok(())
    }
}
