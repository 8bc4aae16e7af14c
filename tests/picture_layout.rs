//! The exported picture keeps everything: each part of it (the header, every lane, the plot, the
//! numbered event list, every action item) has its own room inside the picture, no part is drawn
//! over another, every title and action item is whole, and pages never cut a card or a row.
//! These look at the layout the export draws from (no GPU needed).

use std::path::Path;

use eframe::egui::Rect;
use retroline::io::board_file;
use retroline::model::{ActionItem, Board};
use retroline::render::{Fit, PictureLayout, PictureOptions, picture_layout};

fn sample() -> Board {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/incident-checkout-outage.ron");
    board_file::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn fitted() -> PictureOptions {
    PictureOptions {
        fit: Fit::Content,
        ..Default::default()
    }
}

fn layout(board: &Board, options: &PictureOptions) -> PictureLayout {
    picture_layout(board, options).unwrap_or_else(|e| panic!("{e}"))
}

/// Two parts overlap when they share more than a sliver (touching edges do not count).
fn overlap(a: Rect, b: Rect) -> bool {
    let i = a.intersect(b);
    i.is_positive() && i.width() > 0.5 && i.height() > 0.5
}

/// Every part of the picture, named, in the order it is checked.
fn parts(l: &PictureLayout) -> Vec<(String, Rect)> {
    let mut parts = vec![("header".to_owned(), l.parts.header)];
    for (i, (_, r)) in l.timeline.lanes.iter().enumerate() {
        parts.push((format!("lane {i}"), *r));
    }
    parts.push(("plot".to_owned(), l.timeline.feelings));
    for (i, r) in l.parts.event_list.iter().enumerate() {
        parts.push((format!("event list entry {i}"), *r));
    }
    for (i, r) in l.parts.actions.iter().enumerate() {
        parts.push((format!("action item {i}"), *r));
    }
    parts
}

/// Every part is inside the picture and no two parts overlap; every card is inside its lane and
/// clear of every other card; the plot has at least a third of the board.
fn assert_every_part_has_its_room(board: &Board, l: &PictureLayout) {
    let picture = Rect::from_min_size(eframe::egui::Pos2::ZERO, l.size);
    let parts = parts(l);
    assert_eq!(l.timeline.lanes.len(), board.lanes.len(), "every lane");
    assert_eq!(
        l.parts.actions.len(),
        board.action_items.len(),
        "every action item"
    );
    for (name, r) in &parts {
        assert!(r.is_positive(), "{name} has no room: {r:?}");
        assert!(
            picture.expand(0.5).contains_rect(*r),
            "{name} at {r:?} is outside the picture {picture:?}"
        );
    }
    for (i, (a, ra)) in parts.iter().enumerate() {
        for (b, rb) in &parts[i + 1..] {
            assert!(!overlap(*ra, *rb), "{a} {ra:?} overlaps {b} {rb:?}");
        }
    }
    assert_eq!(l.timeline.cards.len(), board.events.len(), "every event");
    let lane_of: std::collections::HashMap<_, _> =
        board.events.iter().map(|e| (e.id, e.lane)).collect();
    for (i, (id, card)) in l.timeline.cards.iter().enumerate() {
        let lane = l
            .timeline
            .lane_rect(lane_of[id])
            .unwrap_or_else(|| panic!("the lane of {id:?}"));
        assert!(
            lane.contains_rect(*card),
            "{id:?} {card:?} leaves its lane {lane:?}"
        );
        for (other, r) in &l.timeline.cards[i + 1..] {
            assert!(!overlap(*card, *r), "{id:?} covers {other:?}");
        }
    }
    let board_area = l.timeline.board.area();
    assert!(
        l.timeline.feelings.area() >= board_area / 3.0,
        "the plot has {:.0} % of the board",
        100.0 * l.timeline.feelings.area() / board_area
    );
    // The emotion words stay in the plot and clear of each other.
    let words = &l.timeline.plot.emotion_words;
    for (i, w) in words.iter().enumerate() {
        assert!(l.timeline.plot.rect.contains_rect(*w), "{w:?}");
        assert!(words[i + 1..].iter().all(|o| !overlap(*w, *o)));
    }
}

/// The texts drawn whole (not cut short with "…"), each with its line breaks as spaces.
fn whole_texts(l: &PictureLayout) -> Vec<String> {
    l.texts
        .iter()
        .filter(|(_, _, cut)| !cut)
        .map(|(t, _, _)| t.replace('\n', " "))
        .collect()
}

fn assert_every_title_and_action_is_whole(board: &Board, l: &PictureLayout) {
    let texts = whole_texts(l);
    for e in &board.events {
        assert!(
            texts.iter().any(|t| t.contains(&e.title)),
            "no whole title for {:?}",
            e.title
        );
    }
    for a in &board.action_items {
        assert!(
            texts.iter().any(|t| t.starts_with(&a.text)),
            "the action {:?} is not whole",
            a.text
        );
        if !a.done_when.is_empty() {
            assert!(
                texts.iter().any(|t| t.contains(&a.done_when)),
                "its done-when {:?} is missing",
                a.done_when
            );
        }
    }
}

#[test]
fn the_sample_picture_shows_every_title_every_action_and_every_part_whole() {
    let board = sample();
    let l = layout(&board, &fitted());
    assert_eq!(l.pages.len(), 1, "the sample fits one picture");
    assert!(!l.markers, "the sample has room for cards");
    assert_every_part_has_its_room(&board, &l);
    assert_every_title_and_action_is_whole(&board, &l);
    // Emotion words are written where they fit: most of the sample's.
    let with_words = board
        .feelings
        .iter()
        .filter(|f| !f.emotion.is_empty())
        .count();
    assert!(
        l.timeline.plot.emotion_words.len() * 2 >= with_words,
        "{} of {with_words} emotion words",
        l.timeline.plot.emotion_words.len()
    );
}

#[test]
fn fifteen_long_action_items_get_their_own_room_below_the_board() {
    let mut board = sample();
    let template = board.action_items[0].clone();
    for i in 0..12 {
        board.action_items.push(ActionItem {
            id: retroline::model::ActionId(1000 + i),
            text: format!(
                "Action {i}: write down in the runbook who answers the status page during an \
                 incident, how the on-call engineer hands over at the end of a shift, and where \
                 the dashboards for the checkout and payment services are kept"
            ),
            done_when: format!(
                "Done when {i}: the runbook section is reviewed by two engineers and used once in \
                 a game-day drill, and the drill's notes link to it"
            ),
            ..template.clone()
        });
    }
    assert_eq!(board.action_items.len(), 15);
    let l = layout(&board, &fitted());
    assert_every_part_has_its_room(&board, &l);
    assert_every_title_and_action_is_whole(&board, &l);
    // The action items are under the plot, not over it.
    let plot_bottom = l.timeline.feelings.bottom();
    assert!(l.parts.actions.iter().all(|r| r.top() >= plot_bottom));
}

#[test]
fn the_m_board_gets_numbered_markers_a_numbered_list_and_every_part_its_room() {
    let board = retroline::generate::board(retroline::generate::Size::M, 1);
    let l = layout(&board, &fitted());
    assert!(l.markers, "300 events are too dense for cards");
    assert_eq!(l.parts.event_list.len(), board.events.len());
    assert_every_part_has_its_room(&board, &l);
    assert_every_title_and_action_is_whole(&board, &l);
    // Each marker's number is on the timeline, and the list says which event it is.
    let texts = whole_texts(&l);
    for n in [1, 150, 300] {
        assert!(texts.iter().any(|t| *t == n.to_string()), "marker {n}");
    }
    let first = board
        .events
        .iter()
        .min_by_key(|e| (e.time.unix_nanos(), e.id))
        .expect("events");
    assert!(
        texts.iter().any(|t| t.ends_with(&first.title)),
        "the list names event 1"
    );
}

#[test]
fn pages_split_between_parts_and_never_cut_a_card_an_entry_or_an_action() {
    for (board, options) in [
        (
            sample(),
            PictureOptions {
                width_px: 1280,
                height_px: 720,
                fit: Fit::Pages,
                ..Default::default()
            },
        ),
        (
            retroline::generate::board(retroline::generate::Size::M, 1),
            PictureOptions {
                fit: Fit::Pages,
                ..Default::default()
            },
        ),
    ] {
        let l = layout(&board, &options);
        assert!(l.pages.len() >= 2, "{} pages", l.pages.len());
        // The pages follow each other with nothing left out.
        assert_eq!(l.pages[0].0, 0.0);
        for w in l.pages.windows(2) {
            assert_eq!(w[0].1, w[1].0);
        }
        assert!((l.pages.last().expect("pages").1 - l.size.y).abs() < 1.0);
        let page_room = options.height_px as f32;
        for &(top, bottom) in &l.pages {
            assert!(bottom - top <= page_room, "a page is {} tall", bottom - top);
        }
        let whole = l
            .timeline
            .cards
            .iter()
            .map(|(_, r)| *r)
            .chain(l.parts.event_list.iter().copied())
            .chain(l.parts.actions.iter().copied());
        for r in whole {
            assert!(
                l.pages
                    .iter()
                    .any(|&(top, bottom)| r.top() >= top - 0.5 && r.bottom() <= bottom + 0.5),
                "{r:?} is cut by a page break: {:?}",
                l.pages
            );
        }
    }
}

#[test]
fn a_typed_title_is_drawn_as_it_was_typed() {
    let mut board = sample();
    let hostile = r#"![x](http://tracker.example/p.gif) <script>alert(1)</script> =HYPERLINK("x")"#;
    board.events[0].title = hostile.to_owned();
    let l = layout(&board, &fitted());
    assert!(
        whole_texts(&l).iter().any(|t| t.contains(hostile)),
        "the title is drawn as text, whole"
    );
}
