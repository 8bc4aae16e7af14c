//! A board survives save → load unchanged, whatever was typed into it.

use proptest::prelude::*;
use retroline::io::board_file;
use retroline::model::{ActionItem, ActionStatus, Board, BoardKind, Day, Link, Moment, TimeRange};

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z ]{1,20}",
        // Quotes, backslashes, RON syntax, newlines, tabs and non-ASCII all have to survive.
        "[\\PC\"\\\\(),:\\[\\]\n\t]{0,30}",
        Just("Zoë said \"why?\" — (it's fine)\r\nnext line\\n".to_owned()),
    ]
}

fn arb_moment() -> impl Strategy<Value = Moment> {
    (
        1_500_000_000i64..2_000_000_000,
        prop_oneof![Just(0u32), 0u32..1_000_000_000],
        -14 * 4..=14 * 4i32,
    )
        .prop_map(|(secs, nanos, quarter_hours)| {
            let offset =
                jiff::tz::Offset::from_seconds(quarter_hours * 900).expect("offset in range");
            Moment::from_unix_nanos(i128::from(secs) * 1_000_000_000 + i128::from(nanos), offset)
                .expect("in range")
        })
}

fn arb_board() -> impl Strategy<Value = Board> {
    (
        arb_text(),
        prop::sample::select(vec![
            BoardKind::Incident,
            BoardKind::Sprint,
            BoardKind::Other,
        ]),
        prop::collection::vec((arb_moment(), arb_text(), arb_text(), 0usize..4), 0..6),
        prop::collection::vec(arb_text(), 0..4),
        prop::collection::vec(
            (
                arb_moment(),
                -5.0f64..=5.0,
                arb_text(),
                arb_text(),
                0usize..4,
            ),
            0..10,
        ),
        prop::collection::vec(
            (
                arb_text(),
                arb_text(),
                prop::option::of(0i32..3000),
                any::<bool>(),
            ),
            0..3,
        ),
        (
            arb_text(),
            prop::option::of(arb_moment()),
            0.1f64..=5.0,
            prop::option::of((arb_moment(), arb_moment())),
        ),
    )
        .prop_map(
            |(title, kind, events, people, feelings, actions, (safety, shown, theta, range))| {
                let mut board = Board::new(title);
                board.kind = kind;
                board.range = range.map(|(a, b)| {
                    if a <= b {
                        TimeRange { start: a, end: b }
                    } else {
                        TimeRange { start: b, end: a }
                    }
                });
                board.safety.statement = safety;
                board.safety.shown_at = shown;
                board.settings.neutral_band = theta;
                let lanes: Vec<_> = board.lanes.iter().map(|l| l.id).collect();
                for (t, title, notes, lane) in events {
                    board.add_event(t, title, lanes[lane % lanes.len()], notes);
                }
                let ids: Vec<_> = people
                    .into_iter()
                    .map(|name| board.add_participant(name))
                    .collect();
                if !ids.is_empty() {
                    for (t, v, emotion, note, who) in feelings {
                        board.add_feeling(ids[who % ids.len()], t, v, emotion, note);
                    }
                }
                for (i, (text, owner, due_days, done)) in actions.into_iter().enumerate() {
                    let mut links = Vec::new();
                    if let Some(e) = board.events.first() {
                        links.push(Link::Event(e.id));
                    }
                    if let Some(f) = board.feelings.first() {
                        links.push(Link::Divergence(f.time));
                    }
                    board.action_items.push(ActionItem {
                        id: retroline::model::ActionId(i as u32 + 1),
                        text,
                        owner,
                        due: due_days.map(|d| {
                            Day(jiff::civil::date(2026, 1, 1)
                                .checked_add(jiff::Span::new().days(d))
                                .expect("in range"))
                        }),
                        done_when: String::new(),
                        status: if done {
                            ActionStatus::Done
                        } else {
                            ActionStatus::Open
                        },
                        links,
                    });
                }
                board
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn save_then_load_gives_back_an_equal_board(board in arb_board()) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("board.ron");
        board_file::save(&path, &board).expect("save");
        let loaded = board_file::load(&path).expect("load");
        prop_assert_eq!(&loaded, &board);
        // And saving again writes the very same bytes: files diff cleanly.
        let first = std::fs::read(&path).expect("read");
        board_file::save(&path, &loaded).expect("save again");
        prop_assert_eq!(std::fs::read(&path).expect("read"), first);
    }
}

#[test]
fn the_sample_boards_round_trip() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    for entry in std::fs::read_dir(dir).expect("examples") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "ron") {
            let board = board_file::load(&path).unwrap_or_else(|e| panic!("{e}"));
            let text = board_file::to_ron_string(&board).expect("serialise");
            let again = board_file::parse(&path, text.as_bytes()).expect("parse");
            assert_eq!(again, board, "{}", path.display());
        }
    }
}
