//! Board files of every format version ever written must load forever. `tests/fixtures/` holds one
//! fixture per version, using every field that version has; when the format changes, the new
//! version gets a fixture of its own and the old ones stay, read through the migration in
//! `retroline::io::board_file::parse`.

use std::path::{Path, PathBuf};

use retroline::io::board_file;
use retroline::model::{
    ActionStatus, BoardKind, EventId, EventKind, FORMAT_VERSION, InsightId, InsightKind, LaneId,
    Link, Marker, Moment,
};

fn fixture(version: u32) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/format-v{version}.ron"))
}

#[test]
fn there_is_a_fixture_for_every_format_version_and_each_loads() {
    for version in 1..=FORMAT_VERSION {
        let path = fixture(version);
        assert!(path.exists(), "no fixture for format {version}");
        let board = board_file::load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(board.format_version, FORMAT_VERSION);
    }
}

#[test]
fn the_format_1_fixture_keeps_every_field() {
    let board = board_file::load(&fixture(1)).unwrap_or_else(|e| panic!("{e}"));
    let at = |s: &str| Moment::parse_rfc3339(s).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(board.title, "Format 1 fixture: every field");
    assert_eq!(board.kind, BoardKind::Sprint);
    let range = board.range.expect("range");
    assert_eq!(range.start, at("2026-04-01T09:00:00+02:00"));
    assert_eq!(range.end.to_rfc3339(), "2026-04-14T17:00:00+02:00");
    assert_eq!(board.lanes.len(), 2);
    assert_eq!(board.lanes[1].id, LaneId(4));
    assert_eq!(board.lanes[1].name, "Support, \"tier 1\"");
    assert_eq!(board.lanes[1].colour.to_hex(), "#cc79a7");

    assert_eq!(board.events[0].notes, "Two lines:\nsecond line");
    let tickets = &board.events[1];
    assert_eq!(tickets.id, EventId(7));
    assert_eq!(tickets.lane, LaneId(4));
    assert!(tickets.notes.is_empty());
    assert_eq!(
        tickets.time.to_rfc3339(),
        "2026-04-07T10:00:00-04:00",
        "times keep their offset"
    );

    let ben = &board.participants[1];
    assert_eq!(
        (ben.name.as_str(), ben.marker, ben.hidden),
        ("Ben", Marker::Diamond, true)
    );
    assert!(!board.participants[0].hidden);
    assert_eq!(board.participants[0].name, "Zoë");

    let f = &board.feelings[0];
    assert_eq!(
        (f.valence, f.emotion.as_str(), f.note.as_str()),
        (3.5, "hopeful", "A clear plan")
    );
    assert_eq!(board.feelings[1].valence, -4.0);
    assert!(board.feelings[1].emotion.is_empty());

    let item = &board.action_items[0];
    assert_eq!(item.owner, "Zoë");
    assert_eq!(item.due.map(|d| d.to_text()).as_deref(), Some("2026-04-21"));
    assert_eq!(item.status, ActionStatus::Done);
    assert_eq!(
        item.links,
        vec![
            Link::Event(EventId(7)),
            Link::Divergence(at("2026-04-07T16:00:00+02:00"))
        ]
    );
    assert_eq!(board.safety.statement, "We look at systems, not people.");
    assert_eq!(board.safety.shown_at, Some(at("2026-04-15T10:00:05+02:00")));
    assert_eq!(board.settings.neutral_band, 1.5);
}

#[test]
fn the_format_2_fixture_keeps_every_field() {
    let board = board_file::load(&fixture(2)).unwrap_or_else(|e| panic!("{e}"));
    let at = |s: &str| Moment::parse_rfc3339(s).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(board.events[1].kind, EventKind::Detection);
    assert_eq!(
        board.events[0].kind,
        EventKind::None,
        "no kind written: none"
    );
    assert!(board.participants[1].anonymous && !board.participants[0].anonymous);
    let [surprise, learned] = &board.insights[..] else {
        panic!("two insights: {:?}", board.insights)
    };
    assert_eq!(
        (surprise.id, surprise.kind, surprise.text.as_str()),
        (
            InsightId(3),
            InsightKind::Surprised,
            "Support saw it \"first\", a day before us"
        )
    );
    assert_eq!(surprise.until, Some(at("2026-04-07T16:00:00+02:00")));
    assert_eq!((learned.kind, learned.until), (InsightKind::Learned, None));
    assert!(
        board.action_items[0]
            .links
            .contains(&Link::Insight(InsightId(3)))
    );
    assert!(board.naming.until_named);
    assert_eq!(board.naming.named_at, Some(at("2026-04-15T10:40:00+02:00")));
    assert_eq!(board.trust.histogram(), [0, 1, 0, 1, 0]);
    assert_eq!(board.trust.at, Some(at("2026-04-15T10:01:00+02:00")));
    assert_eq!(board.roti.mean(), Some(5.0));
    let follows = board.follows.as_ref().expect("follows");
    assert_eq!(
        (follows.file.as_str(), follows.title.as_str()),
        ("sprint-41.ron", "Sprint 41")
    );
    assert!(board.problems().is_empty(), "{:?}", board.problems());
}

#[test]
fn a_fixture_saved_again_loads_back_equal() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    for version in 1..=FORMAT_VERSION {
        let board = board_file::load(&fixture(version))?;
        let path = dir.path().join(format!("v{version}.ron"));
        board_file::save(&path, &board)?;
        assert_eq!(board_file::load(&path)?, board);
    }
    Ok(())
}
