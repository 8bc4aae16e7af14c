//! The live room: nothing typed goes astray. Insert from any side tab types into the new
//! event; a card whose time was typed stays on screen; a hint that goes does not move the
//! field under the pointer; Enter begins; Begin alone is nothing to save; a new file's path
//! starts a new board there.

use eframe::egui::{Event, Key, Modifiers};
use egui_kittest::kittest::Queryable;
use retroline::app::RetrolineApp;

mod common;
use common::*;

#[test]
fn insert_while_the_side_panel_shows_action_items_or_the_meeting_types_into_the_new_event() {
    for tab in ["Action items (", "Meeting"] {
        let board = sample();
        let count = board.events.len();
        let mut h = window(move || RetrolineApp::with_dialogs(board, None, no_dialogs()));
        h.get_by_label_contains(tab).click();
        h.run();
        // The keys go back to the board, as after any click there.
        h.key_press(Key::Escape);
        h.run();
        retroline::view::focus_board(&h.ctx);
        h.run();
        h.key_press(Key::Insert);
        h.run();
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.event(Event::Text("Pager fired".to_owned()));
        h.key_press(Key::Enter);
        h.run();
        let board = h.state().board();
        assert_eq!(board.events.len(), count + 1, "{tab}");
        assert_eq!(
            board.events[count].title, "Pager fired",
            "from the {tab} tab"
        );
    }
}

#[test]
fn a_card_whose_time_is_typed_far_away_stays_on_screen() {
    let board = sample();
    let mut h = window(move || RetrolineApp::with_dialogs(board, None, no_dialogs()));
    h.run();
    let (first, title) = {
        let e = &h.state().board().events[0];
        (e.id, e.title.clone())
    };
    h.get_by_label_contains(&format!("Event: {title}")).click();
    h.run();
    let field = h.get_by_label_contains("Time (");
    field.click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    // Hours after everything else on the board.
    h.event(Event::Text("2026-03-14 11:45".to_owned()));
    h.key_press(Key::Tab);
    h.run();
    h.run();
    let moved = h.state().board().events.iter().find(|e| e.id == first);
    let t = moved.expect("still there").time;
    assert_eq!(
        t.to_rfc3339(),
        "2026-03-14T11:45:00+01:00",
        "the time was taken"
    );
    let geometry = h.state().geometry().expect("drawn");
    let on_screen = geometry
        .cards
        .iter()
        .find(|(id, _)| *id == first)
        .map(|(_, r)| *r);
    let card = on_screen.expect("the card is still on screen");
    assert!(
        geometry.board.contains_rect(card),
        "{card:?} is cut by the board's edge {:?}",
        geometry.board
    );
}

#[test]
fn a_hint_that_goes_as_a_field_is_filled_does_not_move_the_next_field() {
    let mut board = sample();
    // One item, so that the panel does not scroll.
    board.action_items.clear();
    let mut h = window(move || RetrolineApp::with_dialogs(board, None, no_dialogs()));
    h.get_by_label_contains("Action items (").click();
    h.run();
    h.get_by_label("New action item").click();
    h.run();
    let done_when = |h: &egui_kittest::Harness<'_, RetrolineApp>| {
        h.get_all_by_label("Done when")
            .last()
            .map(|n| n.rect())
            .expect("a Done when field")
    };
    let before = done_when(&h);
    // The pointer rests on the field the facilitator is about to click; they type the text.
    h.hover_at(before.center());
    h.run();
    h.event(Event::Text("Page the database on-call too".to_owned()));
    h.run();
    h.run();
    let after = done_when(&h);
    let typed = h
        .state()
        .board()
        .action_items
        .last()
        .map(|a| a.text.clone());
    assert_eq!(typed.as_deref(), Some("Page the database on-call too"));
    assert!(
        (after.top() - before.top()).abs() < 0.5,
        "the field moved from {before:?} to {after:?}"
    );
}

#[test]
fn enter_begins_from_the_safety_opening_and_begin_alone_is_nothing_to_save() {
    let mut h = window(|| RetrolineApp::open_at_start(None));
    h.run();
    h.get_by_label("Before we start");
    h.key_press(Key::Enter);
    h.run();
    assert!(h.query_by_label("Before we start").is_none(), "Enter began");
    assert!(h.state().board().safety.shown_at.is_some());
    // Nothing else was done: a new board does not ask to save this one.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert!(h.query_by_label("Save changes?").is_none());
    h.get_by_label("Before we start");
}

#[test]
fn a_path_that_names_no_file_yet_starts_a_new_board_there() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("new.ron");
    let opened = path.clone();
    let mut h = window(move || RetrolineApp::open_at_start(Some(opened)));
    h.run();
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    assert_eq!(h.state().path(), Some(path.as_path()));
    h.get_by_label("Before we start");
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("New event").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    let saved = retroline::io::board_file::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(saved.events.len(), 1);
}
