//! The feelings plot, driven through egui_kittest: participants, feelings added by clicking in
//! the adding mode (a plain click only selects), dragged, removed, and divergence appearing and
//! disappearing.

use eframe::egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use retroline::app::RetrolineApp;
use retroline::model::{Board, FeelingId, Moment};

mod common;
use common::*;

/// A board from 02:00 to 04:00 (+01:00) with two events and nobody in it yet.
fn empty_night() -> Board {
    let mut board = Board::new("Night");
    let lane = board.lanes[0].id;
    board.add_event(at("2026-03-14T02:00:00+01:00"), "Alert", lane, "");
    board.add_event(at("2026-03-14T04:00:00+01:00"), "All clear", lane, "");
    board
}

fn press(h: &mut Harness<'_, RetrolineApp>, pos: Pos2, pressed: bool) {
    h.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    });
}

fn click_at(h: &mut Harness<'_, RetrolineApp>, pos: Pos2) {
    h.hover_at(pos);
    h.run();
    press(h, pos, true);
    h.step();
    press(h, pos, false);
    h.run();
}

fn drag(h: &mut Harness<'_, RetrolineApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run();
    press(h, from, true);
    h.run();
    for i in 1..=5 {
        h.hover_at(from + (to - from) * (i as f32 / 5.0));
        h.run();
    }
    press(h, to, false);
    h.run();
    h.remove_cursor();
    h.run();
}

/// Where valence `v` at moment `t` is in the plot.
fn plot_point(h: &Harness<'_, RetrolineApp>, t: &str, v: f64) -> Pos2 {
    let g = h.state().geometry().expect("drawn");
    Pos2::new(g.x_of(at(t).unix_seconds_f64()), g.plot.y_of(v))
}

fn add_participant(h: &mut Harness<'_, RetrolineApp>, name: &str) {
    h.get_by_label("New").focus();
    h.run();
    h.event(Event::Text(name.to_owned()));
    h.run();
    h.get_by_label("Add participant").click();
    h.run();
}

fn feeling(h: &Harness<'_, RetrolineApp>, id: FeelingId) -> retroline::model::Feeling {
    h.state()
        .board()
        .feelings
        .iter()
        .find(|f| f.id == id)
        .expect("feeling")
        .clone()
}

#[test]
fn a_participant_is_added_and_clicks_in_the_plot_add_their_feelings() {
    let mut h = harness(empty_night());
    add_participant(&mut h, "Ana");
    let board = h.state().board();
    assert_eq!(board.participants.len(), 1);
    let ana = board.participants[0].id;
    assert_eq!(board.participants[0].name, "Ana");
    assert_eq!(
        h.state().active_participant(),
        Some(ana),
        "the new participant is active"
    );
    h.get_by_label("Participant 1 Ana");

    // Adding is turned on explicitly (the toolbar, or A on the board), and the plot says for
    // whom.
    h.get_by_label_contains("Add feelings for Ana").click();
    h.run();
    h.get_by_label_contains("Adding feelings for Ana");
    // A click at 02:30, +2.4 adds a feeling at 02:30 with valence +2.5 (half steps).
    let pos = plot_point(&h, "2026-03-14T02:30:00+01:00", 2.4);
    click_at(&mut h, pos);
    let pos = plot_point(&h, "2026-03-14T03:00:00+01:00", -3.0);
    click_at(&mut h, pos);
    let pos = plot_point(&h, "2026-03-14T03:30:00+01:00", 1.0);
    click_at(&mut h, pos);
    let feelings = &h.state().board().feelings;
    assert_eq!(feelings.len(), 3);
    let got: Vec<(Moment, f64)> = feelings.iter().map(|f| (f.time, f.valence)).collect();
    assert_eq!(
        got,
        vec![
            (at("2026-03-14T02:30:00+01:00"), 2.5),
            (at("2026-03-14T03:00:00+01:00"), -3.0),
            (at("2026-03-14T03:30:00+01:00"), 1.0),
        ]
    );
    assert!(feelings.iter().all(|f| f.participant == ana));
}

#[test]
fn a_dragged_point_moves_and_the_move_is_one_undo_step() {
    let mut board = empty_night();
    let ana = board.add_participant("Ana");
    let id = board.add_feeling(ana, at("2026-03-14T03:00:00+01:00"), -2.0, "scared", "");
    let mut h = harness(board);
    let from = h
        .state()
        .geometry()
        .expect("drawn")
        .plot
        .point(id)
        .expect("point on screen");
    let to = plot_point(&h, "2026-03-14T03:20:00+01:00", 3.0);
    drag(&mut h, from, to);
    let moved = feeling(&h, id);
    assert_eq!(moved.time, at("2026-03-14T03:20:00+01:00"));
    assert_eq!(moved.valence, 3.0);
    assert_eq!(moved.emotion, "scared", "the word stays with the point");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let back = feeling(&h, id);
    assert_eq!(
        (back.time, back.valence),
        (at("2026-03-14T03:00:00+01:00"), -2.0)
    );
}

#[test]
fn divergence_appears_when_lines_split_and_goes_when_they_meet_again() {
    let mut board = empty_night();
    let ana = board.add_participant("Ana");
    let ben = board.add_participant("Ben");
    board.add_feeling(ana, at("2026-03-14T02:30:00+01:00"), 3.0, "", "");
    board.add_feeling(ana, at("2026-03-14T03:30:00+01:00"), 3.0, "", "");
    board.add_feeling(ben, at("2026-03-14T02:30:00+01:00"), 2.0, "", "");
    let mut h = harness(board);
    assert!(h.state().spans().is_empty());

    // Ben is chosen (press 2), adding is on (A), and he adds −3 at 03:30: the lines split.
    h.key_press(Key::Num2);
    h.run();
    h.key_press(Key::A);
    h.run();
    assert_eq!(h.state().active_participant(), Some(ben));
    let pos = plot_point(&h, "2026-03-14T03:30:00+01:00", -3.0);
    click_at(&mut h, pos);
    let spans = h.state().spans().to_vec();
    assert_eq!(spans.len(), 1, "{spans:?}");
    // Ben goes from +2 at 02:30 to −3 at 03:30 and crosses −1 at 03:06.
    assert_eq!(spans[0].start, at("2026-03-14T02:06:00Z"));
    assert_eq!(spans[0].positive, vec![ana]);
    assert_eq!(spans[0].negative, vec![ben]);
    h.get_by_label_contains("up: Ana · down: Ben");

    // Drag Ben's low point up to +2: the lines meet again and the divergence is gone.
    let low = h.state().board().feelings.last().expect("added").id;
    let from = h
        .state()
        .geometry()
        .expect("drawn")
        .plot
        .point(low)
        .expect("on screen");
    let to = plot_point(&h, "2026-03-14T03:30:00+01:00", 2.0);
    drag(&mut h, from, to);
    assert!(h.state().spans().is_empty(), "{:?}", h.state().spans());
    assert!(h.query_by_label_contains("up: Ana · down: Ben").is_none());
}

#[test]
fn choosing_a_divergence_in_the_list_zooms_the_board_to_it() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples/incident-checkout-outage.ron");
    let board = retroline::io::board_file::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(board);
    let spans = h.state().spans().to_vec();
    assert_eq!(spans.len(), 2, "the sample opens with its divergences");
    let before = h.state().geometry().expect("drawn").view;
    let second = &spans[1];
    h.get_by_label_contains("up: Dana Fischer · down:").click();
    h.run();
    let view = h.state().geometry().expect("drawn").view;
    let (start, end) = (
        second.start.unix_seconds_f64(),
        second.end.unix_seconds_f64(),
    );
    assert!(
        view.start < start && end < view.end,
        "the span is in view: {view:?}"
    );
    assert!(
        view.width_secs() < before.width_secs() / 2.0,
        "zoomed in: {} → {} s",
        before.width_secs(),
        view.width_secs()
    );
}

#[test]
fn delete_removes_the_picked_feeling_and_removing_a_participant_asks_and_undoes() {
    let mut board = empty_night();
    let ana = board.add_participant("Ana");
    let a1 = board.add_feeling(ana, at("2026-03-14T02:30:00+01:00"), 1.0, "", "");
    board.add_feeling(ana, at("2026-03-14T03:30:00+01:00"), 2.0, "", "");
    let mut h = harness(board);
    let p = h
        .state()
        .geometry()
        .expect("drawn")
        .plot
        .point(a1)
        .expect("on screen");
    click_at(&mut h, p);
    assert_eq!(h.state().selected_feeling(), Some(a1));
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(h.state().board().feelings.len(), 1);

    // Participants are listed before lanes in the side panel.
    h.get_all_by_label("Remove…")
        .next()
        .expect("Ana's row")
        .click();
    h.run();
    h.get_by_label("Remove Ana?");
    h.get_by_label("Remove participant").click();
    h.run();
    assert!(h.state().board().participants.is_empty());
    assert!(h.state().board().feelings.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().board().participants.len(), 1);
    assert_eq!(
        h.state().board().feelings.len(),
        1,
        "their feeling is back too"
    );
}

#[test]
fn with_an_event_selected_each_participant_gets_a_row_for_that_moment() {
    let mut board = empty_night();
    let ana = board.add_participant("Ana");
    board.add_participant("Ben");
    let alert = board.events[0].clone();
    let mut h = harness(board);
    let card = h.get_by_label_contains("Event: Alert").rect().center();
    click_at(&mut h, card);
    h.get_by_label("How each one felt at this moment");
    h.get_all_by_label("Set")
        .next()
        .expect("a Set button for Ana")
        .click();
    h.run();
    let f = h
        .state()
        .board()
        .feeling_at(ana, alert.time)
        .expect("set")
        .clone();
    assert_eq!(f.valence, 0.0);
    assert!(f.time.unix_nanos() == alert.time.unix_nanos());
}

#[test]
fn setting_a_feeling_at_an_event_starts_from_where_the_line_already_is() {
    let mut board = empty_night();
    let ana = board.add_participant("Ana");
    board.add_feeling(ana, at("2026-03-14T01:30:00+01:00"), -3.0, "", "");
    board.add_feeling(ana, at("2026-03-14T04:30:00+01:00"), 3.0, "", "");
    // The "Alert" event is at 02:00: a sixth of the way, the line is at −2.
    let alert = board.events[0].clone();
    let mut h = harness(board);
    let card = h.get_by_label_contains("Event: Alert").rect().center();
    click_at(&mut h, card);
    h.get_by_label("Set (−2)").click();
    h.run();
    let f = h
        .state()
        .board()
        .feeling_at(ana, alert.time)
        .expect("set")
        .clone();
    assert_eq!(f.valence, -2.0);
}

#[test]
fn looking_at_a_feeling_or_the_band_changes_nothing_in_the_board() {
    let mut board = empty_night();
    board.settings.neutral_band = 0.3;
    let ana = board.add_participant("Ana");
    let alert = board.events[0].clone();
    let typed = board.add_feeling(ana, alert.time, 2.3, "", "");
    board.add_feeling(ana, at("2026-03-14T03:00:00+01:00"), -1.7, "", "");
    let before = board.clone();
    let mut h = harness(board);
    // Select the event (its per-participant row shows Ana's 2.3), then the feeling itself.
    let card = h.get_by_label_contains("Event: Alert").rect().center();
    click_at(&mut h, card);
    let p = h
        .state()
        .geometry()
        .expect("drawn")
        .plot
        .point(typed)
        .expect("on screen");
    click_at(&mut h, p);
    h.run();
    assert_eq!(
        h.state().board(),
        &before,
        "no value was rounded or clamped"
    );
    assert!(!h.state().has_unsaved_changes());
}

/// Ana with one feeling at 03:00, chosen earlier (as the legend or 1–9 leave her).
fn ana_chosen() -> (Harness<'static, RetrolineApp>, FeelingId) {
    let mut board = empty_night();
    let ana = board.add_participant("Ana");
    let id = board.add_feeling(ana, at("2026-03-14T03:00:00+01:00"), -2.0, "", "");
    let mut h = harness(board);
    h.key_press(Key::Num1);
    h.run();
    assert_eq!(h.state().active_participant(), Some(ana));
    (h, id)
}

#[test]
fn a_plain_click_in_the_plot_adds_nothing_and_selects_a_point_or_nothing() {
    let (mut h, id) = ana_chosen();
    assert!(
        h.state().geometry().expect("drawn").plot.banner.is_none(),
        "no banner while adding is off"
    );
    // A click on empty plot, with Ana chosen: nothing is added.
    let empty = plot_point(&h, "2026-03-14T02:30:00+01:00", 3.0);
    click_at(&mut h, empty);
    assert_eq!(
        h.state().board().feelings.len(),
        1,
        "a stray click added a feeling"
    );
    assert!(!h.state().has_unsaved_changes());
    // A click on the point selects it; a click beside it selects nothing again.
    let point = h
        .state()
        .geometry()
        .expect("drawn")
        .plot
        .point(id)
        .expect("on screen");
    click_at(&mut h, point);
    assert_eq!(h.state().selected_feeling(), Some(id));
    click_at(&mut h, empty);
    assert_eq!(h.state().selected_feeling(), None);
    assert_eq!(h.state().board().feelings.len(), 1);
}

#[test]
fn in_adding_mode_a_click_adds_for_the_chosen_person_the_screen_says_so_and_esc_leaves() {
    let (mut h, _) = ana_chosen();
    let ana = h.state().board().participants[0].id;
    // The toolbar's button turns it on, as A does.
    h.get_by_label_contains("Add feelings for Ana").click();
    h.run();
    let banner = h.state().geometry().expect("drawn").plot.banner.clone();
    let (rect, text) = banner.expect("a banner over the plot");
    assert!(text.contains("Adding feelings for Ana"), "{text}");
    assert!(
        h.state()
            .geometry()
            .expect("drawn")
            .plot
            .rect
            .contains_rect(rect)
    );
    h.get_by_label_contains("Adding feelings for Ana");

    let pos = plot_point(&h, "2026-03-14T02:30:00+01:00", 3.0);
    click_at(&mut h, pos);
    let feelings = &h.state().board().feelings;
    assert_eq!(feelings.len(), 2);
    let added = feelings.last().expect("added");
    assert_eq!((added.participant, added.valence), (ana, 3.0));
    assert_eq!(added.time, at("2026-03-14T02:30:00+01:00"));

    // Esc leaves it: the banner goes and clicks only select again.
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().geometry().expect("drawn").plot.banner.is_none());
    assert!(h.query_by_label_contains("Adding feelings for").is_none());
    let pos = plot_point(&h, "2026-03-14T03:30:00+01:00", 3.0);
    click_at(&mut h, pos);
    assert_eq!(h.state().board().feelings.len(), 2);

    // Present mode never adds: it leaves adding.
    h.key_press(Key::A);
    h.run();
    assert!(h.state().geometry().expect("drawn").plot.banner.is_some());
    h.key_press(Key::F5);
    h.run();
    assert!(h.state().geometry().expect("drawn").plot.banner.is_none());
}

#[test]
fn adding_with_nobody_chosen_says_to_choose_first() {
    let mut board = empty_night();
    board.add_participant("Ana");
    let mut h = harness(board);
    h.key_press(Key::A);
    h.run();
    assert!(h.state().geometry().expect("drawn").plot.banner.is_none());
    h.get_by_label_contains("Choose whose feelings to add first");
}
