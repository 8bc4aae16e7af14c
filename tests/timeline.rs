//! The timeline, driven through egui_kittest with the mouse and keyboard as a facilitator would.

use std::path::PathBuf;

use eframe::egui::{self, Event, Key, Modifiers, PointerButton, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use retroline::app::RetrolineApp;
use retroline::app::dialogs::{Answer, Dialogs};
use retroline::io::board_file;
use retroline::model::{Board, EventId, Moment};

mod common;
use common::*;

fn harness_on(
    board: Board,
    path: Option<PathBuf>,
    dialog_answer: Option<PathBuf>,
) -> Harness<'static, RetrolineApp> {
    window(move || RetrolineApp::with_dialogs(board, path, Box::new(FixedDialogs(dialog_answer))))
}

fn sample_harness() -> Harness<'static, RetrolineApp> {
    let path = sample_path();
    let board = board_file::load(&path).unwrap_or_else(|e| panic!("{e}"));
    harness_on(board, Some(path), None)
}

fn lane_id(h: &Harness<'_, RetrolineApp>, name: &str) -> retroline::model::LaneId {
    h.state()
        .board()
        .lanes
        .iter()
        .find(|l| l.name == name)
        .unwrap_or_else(|| panic!("lane {name}"))
        .id
}

fn event_titled(h: &Harness<'_, RetrolineApp>, prefix: &str) -> retroline::model::Event {
    h.state()
        .board()
        .events
        .iter()
        .find(|e| e.title.starts_with(prefix))
        .unwrap_or_else(|| {
            let titles: Vec<_> = h.state().board().events.iter().map(|e| &e.title).collect();
            panic!("no event {prefix}… in {titles:?}")
        })
        .clone()
}

/// Where moment `t` is on screen, in the visible part of `lane`; scrolls the lanes to it first.
fn point_in_lane(h: &mut Harness<'_, RetrolineApp>, lane: &str, t: Moment) -> Pos2 {
    scroll_to_lane(h, lane);
    let g = h.state().geometry().expect("drawn");
    let rect = g.lane_rect(lane_id(h, lane)).expect("lane on screen");
    let visible = rect.intersect(g.lanes_area);
    Pos2::new(g.x_of(t.unix_seconds_f64()), visible.center().y)
}

/// Turns the mouse wheel over the lanes until `lane` is wholly in view.
fn scroll_to_lane(h: &mut Harness<'_, RetrolineApp>, lane: &str) {
    for _ in 0..30 {
        let g = h.state().geometry().expect("drawn").clone();
        let rect = g.lane_rect(lane_id(h, lane)).expect("lane");
        let area = g.lanes_area;
        let dy = if rect.bottom() > area.bottom() + 0.5 {
            -40.0
        } else if rect.top() < area.top() - 0.5 {
            40.0
        } else {
            return;
        };
        h.hover_at(area.center());
        h.event(Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: vec2(0.0, dy),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: Modifiers::NONE,
        });
        h.run();
    }
    panic!("could not scroll lane {lane} into view");
}

fn card_rect(h: &Harness<'_, RetrolineApp>, id: EventId) -> egui::Rect {
    h.state()
        .geometry()
        .expect("drawn")
        .card_rect(id)
        .expect("card on screen")
}

fn press(h: &mut Harness<'_, RetrolineApp>, pos: Pos2, pressed: bool, modifiers: Modifiers) {
    h.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers,
    });
}

/// Presses at `from`, moves in steps to `to` and releases there; `before_release` runs mid-drag.
fn drag(
    h: &mut Harness<'_, RetrolineApp>,
    from: Pos2,
    to: Pos2,
    modifiers: Modifiers,
    before_release: impl FnOnce(&mut Harness<'_, RetrolineApp>),
) {
    h.event(Event::ModifiersChanged(modifiers));
    h.hover_at(from);
    h.run();
    press(h, from, true, modifiers);
    h.run();
    for i in 1..=5 {
        let f = i as f32 / 5.0;
        h.hover_at(from + (to - from) * f);
        h.run();
    }
    before_release(h);
    press(h, to, false, modifiers);
    h.run();
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.remove_cursor();
    h.run();
}

#[test]
fn a_new_card_dragged_from_the_tray_lands_in_that_lane_at_that_time() {
    let mut h = sample_harness();
    let before = h.state().board().events.len();
    let tray = h.get_by_label("New event").rect().center();
    let target = point_in_lane(&mut h, "Communication", at("2026-03-14T04:10:00+01:00"));
    drag(&mut h, tray, target, Modifiers::NONE, |_| {});
    let board = h.state().board();
    assert_eq!(board.events.len(), before + 1);
    let new = board.events.last().expect("new event");
    assert_eq!(
        board.lane(new.lane).map(|l| l.name.as_str()),
        Some("Communication")
    );
    assert_eq!(new.time, at("2026-03-14T04:10:00+01:00"));
    assert_eq!(
        h.state().selected(),
        Some(new.id),
        "the new card is selected"
    );
}

#[test]
fn a_card_moves_to_another_lane_and_time_and_the_move_undoes_and_redoes_as_one_step() {
    let mut h = sample_harness();
    let original = event_titled(&h, "Rollback");
    let rect = card_rect(&h, original.id);
    let grab = rect.center();
    let target_left = point_in_lane(&mut h, "Business", at("2026-03-14T04:30:00+01:00"));
    let to = Pos2::new(grab.x + (target_left.x - rect.left()), target_left.y);
    drag(&mut h, grab, to, Modifiers::NONE, |_| {});

    let moved = event_titled(&h, "Rollback");
    let business = lane_id(&h, "Business");
    assert_eq!(moved.lane, business);
    assert_eq!(moved.time, at("2026-03-14T04:30:00+01:00"));
    assert_eq!(moved.title, original.title);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        event_titled(&h, "Rollback"),
        original,
        "one undo takes back the whole drag"
    );

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(event_titled(&h, "Rollback"), moved);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(event_titled(&h, "Rollback"), moved, "Ctrl+Y redoes too");
}

#[test]
fn esc_cancels_a_drag_and_shift_turns_snapping_off() {
    let mut h = sample_harness();
    let original = event_titled(&h, "Rollback");
    let rect = card_rect(&h, original.id);
    let to = rect.center() + vec2(200.0, 0.0);
    drag(&mut h, rect.center(), to, Modifiers::NONE, |h| {
        h.key_press(Key::Escape);
        h.run();
    });
    assert_eq!(event_titled(&h, "Rollback"), original, "Esc: nothing moved");
    assert!(!h.state().can_undo(), "and nothing to undo");

    let rect = card_rect(&h, original.id);
    drag(
        &mut h,
        rect.center(),
        rect.center() + vec2(37.3, 0.0),
        Modifiers::SHIFT,
        |_| {},
    );
    let moved = event_titled(&h, "Rollback");
    let secs = moved.time.unix_nanos() / 1_000_000_000;
    assert_ne!(moved.time, original.time);
    assert_ne!(
        secs % 60,
        0,
        "Shift drops to the second, not to the minute: {}",
        moved.time
    );
}

#[test]
fn delete_removes_the_selected_card_and_undo_brings_it_back() {
    let mut h = sample_harness();
    let victim = event_titled(&h, "Status page");
    let before = h.state().board().events.len();
    let centre = card_rect(&h, victim.id).center();
    h.hover_at(centre);
    h.run();
    press(&mut h, centre, true, Modifiers::NONE);
    h.run();
    press(&mut h, centre, false, Modifiers::NONE);
    h.run();
    assert_eq!(h.state().selected(), Some(victim.id));
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(h.state().board().events.len(), before - 1);
    assert!(!h.state().board().events.iter().any(|e| e.id == victim.id));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().board().events.contains(&victim));
}

#[test]
fn double_clicking_a_lane_creates_an_event_there() {
    let mut h = sample_harness();
    let before = h.state().board().events.len();
    // An empty stretch of the Business lane, at 04:45.
    let pos = point_in_lane(&mut h, "Business", at("2026-03-14T04:45:00+01:00"));
    h.hover_at(pos);
    h.run();
    for _ in 0..2 {
        press(&mut h, pos, true, Modifiers::NONE);
        h.step();
        press(&mut h, pos, false, Modifiers::NONE);
        h.step();
    }
    h.run();
    let board = h.state().board();
    assert_eq!(board.events.len(), before + 1);
    let new = board.events.last().expect("new");
    assert_eq!(
        board.lane(new.lane).map(|l| l.name.as_str()),
        Some("Business")
    );
    assert_eq!(new.time, at("2026-03-14T04:45:00+01:00"));
    assert_eq!(new.title, "New event");

    // The title field has the cursor: typing names the event, and that is one undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text("Customer emails sent".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let named = h.state().board().events.last().expect("new").clone();
    assert_eq!(named.title, "Customer emails sent");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().board().events.last().map(|e| e.title.as_str()),
        Some("New event")
    );
}

#[test]
fn the_side_panel_edits_the_selected_event_and_refuses_a_bad_time() {
    let mut h = sample_harness();
    let event = event_titled(&h, "Rollback");
    let centre = card_rect(&h, event.id).center();
    press(&mut h, centre, true, Modifiers::NONE);
    h.run();
    press(&mut h, centre, false, Modifiers::NONE);
    h.run();

    h.get_by_label("Time (UTC+01:00)").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text("half past three".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        event_titled(&h, "Rollback").time,
        event.time,
        "a bad time changes nothing"
    );
    h.get_by_label_contains("is not a time like");

    h.get_by_label("Time (UTC+01:00)").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text("2026-03-14 03:50".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        event_titled(&h, "Rollback").time,
        at("2026-03-14T03:50:00+01:00")
    );
}

#[test]
fn dates_show_the_year_only_for_a_board_from_another_year() {
    let mut h = sample_harness();
    h.state_mut().set_today(jiff::civil::date(2026, 6, 1));
    h.run();
    h.get_by_label("incident board · Sat 14 Mar 01:30 – Sat 14 Mar 05:20 (UTC+01:00)");

    h.state_mut().set_today(jiff::civil::date(2027, 6, 1));
    h.run();
    h.get_by_label("incident board · Sat 14 Mar 2026 01:30 – Sat 14 Mar 2026 05:20 (UTC+01:00)");
    let event = event_titled(&h, "Rollback");
    let centre = card_rect(&h, event.id).center();
    press(&mut h, centre, true, Modifiers::NONE);
    h.run();
    press(&mut h, centre, false, Modifiers::NONE);
    h.run();
    h.get_by_label_contains("At Sat 14 Mar 2026 03:44.");
    // The time field is for typing, and keeps its form.
    assert!(h.query_all_by_value("2026-03-14 03:44").next().is_some());
}

#[test]
fn save_as_writes_the_board_and_reopening_shows_the_same_board() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("my-retro.ron");
    let mut h = harness_on(Board::new("Fresh retro"), None, Some(target.clone()));
    h.get_by_label("New event").click();
    h.run();
    assert!(h.state().has_unsaved_changes());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    assert_eq!(h.state().path(), Some(target.as_path()));
    assert!(!h.state().has_unsaved_changes());
    let saved = board_file::load(&target).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(&saved, h.state().board());

    let mut reopened = harness_on(Board::default(), None, Some(target.clone()));
    reopened.state_mut().open(&target);
    reopened.run();
    assert_eq!(reopened.state().board(), &saved);
    reopened.get_by_label_contains("Event: New event");
}

#[test]
fn new_board_with_unsaved_changes_asks_first() {
    let mut h = sample_harness();
    h.get_by_label("New event").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("Save changes?");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().has_unsaved_changes(), "Cancel keeps the board");
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("Discard changes").click();
    h.run();
    assert!(h.state().board().events.is_empty(), "a new, empty board");
    assert_eq!(h.state().path(), None);
}

#[test]
fn removing_a_lane_asks_where_its_events_go() {
    let mut h = sample_harness();
    let business_events = h
        .state()
        .board()
        .events
        .iter()
        .filter(|e| e.lane == lane_id(&h, "Business"))
        .count();
    assert!(business_events > 0);
    let removes = h.get_all_by_label("Remove…").collect::<Vec<_>>();
    // The lanes are the last rows of the side panel: Technical, Communication, Business, …
    let business = &removes[removes.len() - 4 + 2];
    // Far down the side panel: scrolled to first, as a user would.
    business.scroll_to_me();
    h.run();
    let removes = h.get_all_by_label("Remove…").collect::<Vec<_>>();
    removes[removes.len() - 4 + 2].click();
    h.run();
    h.get_by_label("Remove lane \"Business\"?");
    h.get_by_label("Remove lane").click();
    h.run();
    let board = h.state().board();
    assert!(board.lane_named("Business").is_none());
    let technical = board.lane_named("Technical").expect("technical").id;
    assert_eq!(
        board.events.iter().filter(|e| e.lane == technical).count(),
        7 + business_events,
        "its events moved to the first other lane"
    );
}

/// A desktop without a file dialog.
struct NoDialogs;

impl Dialogs for NoDialogs {
    fn open_board(&self) -> Answer {
        Answer::Unavailable
    }
    fn save_file(&self, _title: &str, _suggested_name: &str, _extension: &str) -> Answer {
        Answer::Unavailable
    }
}

#[test]
fn without_a_file_dialog_the_path_is_typed_in_the_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("typed");
    let mut h = Harness::builder()
        .with_size(vec2(1600.0, 900.0))
        .build_eframe(|_cc| {
            RetrolineApp::with_dialogs(Board::new("Typed"), None, Box::new(NoDialogs))
        });
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Save the board as");
    h.get_by_label("Path").focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text(target.display().to_string()));
    h.run();
    h.get_by_label("Save").click();
    h.run();
    let saved = target.with_extension("ron");
    assert_eq!(h.state().path(), Some(saved.as_path()));
    assert_eq!(
        board_file::load(&saved).map(|b| b.title),
        Ok("Typed".to_owned())
    );
}

#[test]
fn each_drop_is_its_own_undo_step_even_while_a_new_title_has_the_cursor() {
    let mut h = sample_harness();
    let before = h.state().board().events.len();
    let original = event_titled(&h, "Rollback");
    let tray = h.get_by_label("New event").rect().center();
    for (lane, t) in [
        ("Business", "2026-03-14T04:30:00+01:00"),
        ("Customer support", "2026-03-14T05:00:00+01:00"),
    ] {
        let target = point_in_lane(&mut h, lane, at(t));
        drag(&mut h, tray, target, Modifiers::NONE, |_| {});
    }
    assert_eq!(h.state().board().events.len(), before + 2);
    let rect = card_rect(&h, original.id);
    drag(
        &mut h,
        rect.center(),
        rect.center() + vec2(120.0, 0.0),
        Modifiers::NONE,
        |_| {},
    );
    assert_eq!(event_titled(&h, "Rollback").title, original.title);
    assert_ne!(event_titled(&h, "Rollback").time, original.time);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(event_titled(&h, "Rollback"), original, "the move is undone");
    assert_eq!(
        h.state().board().events.len(),
        before + 2,
        "the two new events stay"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().board().events.len(),
        before + 1,
        "then one new event at a time"
    );
}

#[test]
fn in_a_small_window_the_lanes_scroll_and_the_feelings_area_keeps_its_place() {
    let path = sample_path();
    let board = board_file::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut h = Harness::builder()
        .with_size(vec2(1280.0, 720.0))
        .with_step_dt(1.0 / 30.0)
        .with_max_steps(12)
        .build_eframe(move |cc| {
            retroline::theme::apply(&cc.egui_ctx);
            RetrolineApp::with_dialogs(board, Some(path), Box::new(FixedDialogs(None)))
        });
    h.run();
    let g = h.state().geometry().expect("drawn").clone();
    assert!(
        g.feelings.height() >= 160.0,
        "the feelings area keeps room: {:?}",
        g.feelings
    );
    let last = g.lanes.last().expect("lanes").1;
    assert!(
        last.bottom() > g.lanes_area.bottom(),
        "the last lane does not fit yet"
    );

    // Scroll down to the last lane and drop a new card on it.
    let before = h.state().board().events.len();
    let target = point_in_lane(&mut h, "Customer support", at("2026-03-14T05:00:00+01:00"));
    let tray = h.get_by_label("New event").rect().center();
    drag(&mut h, tray, target, Modifiers::NONE, |_| {});
    let board = h.state().board();
    assert_eq!(board.events.len(), before + 1);
    let new = board.events.last().expect("new");
    assert_eq!(
        board.lane(new.lane).map(|l| l.name.as_str()),
        Some("Customer support")
    );
}

#[test]
fn ctrl_shift_e_exports_the_markdown_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("report.md");
    let path = sample_path();
    let board = board_file::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness_on(board.clone(), Some(path), Some(target.clone()));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    h.run();
    let report = std::fs::read_to_string(&target).expect("report written");
    assert_eq!(report, retroline::io::markdown::report(&board, false));
    h.get_by_label_contains("Exported the report to");
}

#[test]
fn the_report_is_a_web_page_with_the_picture_inside_unless_the_name_ends_in_md() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("report.html");
    let path = sample_path();
    let board = board_file::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness_on(board.clone(), Some(path), Some(target.clone()));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    h.run();
    let page = std::fs::read_to_string(&target).expect("report written");
    assert!(page.starts_with("<!doctype html>"));
    assert!(
        page.contains("<img src=\"data:image/png;base64,"),
        "the picture is inside"
    );
    assert!(
        page.contains(&board.events[0].notes),
        "the record keeps the notes"
    );
    h.get_by_label_contains("Exported the report to");
}

#[test]
fn ctrl_e_exports_a_picture_of_the_window_as_it_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("board.png");
    let path = sample_path();
    let board = board_file::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness_on(board, Some(path), Some(target.clone()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    let image = image::open(&target).expect("a PNG").to_rgba8();
    assert_eq!(image.dimensions(), (1920, 1080), "the window's size");
    h.get_by_label_contains("Exported a 1920×1080 picture");
}

#[test]
/// In a lane crowded past the bottom of the timeline, an event added with Insert scrolls into view.
fn a_new_event_below_the_visible_lanes_scrolls_into_view() {
    let mut board = Board::new("Crowded");
    let technical = board.lanes[0].id;
    board.add_event(at("2026-03-14T02:00:00Z"), "Early", technical, "");
    board.add_event(at("2026-03-14T03:00:00Z"), "Later", technical, "");
    // Insert adds at the middle of the view, where these stack far below the lanes area.
    for i in 0..30 {
        board.add_event(
            at("2026-03-14T02:30:00Z"),
            format!("Stacked {i}"),
            technical,
            "",
        );
    }
    let mut h = harness_on(board, None, None);
    h.key_press(Key::Insert);
    h.run();
    let id = h.state().selected().expect("the new event is selected");
    let g = h.state().geometry().expect("drawn");
    let rect = g
        .cards
        .iter()
        .find(|(card, _)| *card == id)
        .map(|(_, r)| *r)
        .expect("the new card is on screen");
    assert!(
        g.lanes_area.contains_rect(rect),
        "{rect:?} inside {:?}",
        g.lanes_area
    );
}

/// The whole of a quick drag (press, moves, release) as one frame's input, paced as the real
/// window paces it, then the frames that follow.
fn quick_drag(h: &mut Harness<'_, RetrolineApp>, from: Pos2, to: Pos2) -> usize {
    let button = |pos, pressed| Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    let mut raw = egui::RawInput {
        events: vec![
            Event::PointerMoved(from),
            button(from, true),
            Event::PointerMoved(from + (to - from) * 0.5),
            Event::PointerMoved(to),
            button(to, false),
        ],
        ..Default::default()
    };
    let mut frames = 1;
    while h.state_mut().pace_input(&mut raw) {
        for e in std::mem::take(&mut raw.events) {
            h.event(e);
        }
        h.step();
        frames += 1;
        assert!(frames < 10, "the input is let through");
    }
    for e in raw.events {
        h.event(e);
    }
    h.run();
    frames
}

#[test]
fn a_quick_drag_that_arrives_between_two_frames_still_moves_the_card() {
    let mut h = sample_harness();
    let rollback = event_titled(&h, "Rollback");
    let grab = card_rect(&h, rollback.id).left_center() + vec2(10.0, 0.0);
    let target = point_in_lane(&mut h, "Technical", at("2026-03-14T04:40:00+01:00"));
    let to = Pos2::new(target.x + 10.0, grab.y);
    // The press, the moves and the release each get a frame.
    assert_eq!(quick_drag(&mut h, grab, to), 3);
    assert_eq!(
        event_titled(&h, "Rollback").time,
        at("2026-03-14T04:40:00+01:00")
    );
}

#[test]
fn a_click_is_not_held_back() {
    let mut h = sample_harness();
    let mut raw = egui::RawInput {
        events: vec![
            Event::PointerMoved(Pos2::new(700.0, 300.0)),
            Event::PointerButton {
                pos: Pos2::new(700.0, 300.0),
                button: PointerButton::Primary,
                pressed: true,
                modifiers: Modifiers::NONE,
            },
            Event::PointerButton {
                pos: Pos2::new(700.0, 300.0),
                button: PointerButton::Primary,
                pressed: false,
                modifiers: Modifiers::NONE,
            },
        ],
        ..Default::default()
    };
    assert!(!h.state_mut().pace_input(&mut raw));
    assert_eq!(raw.events.len(), 3);
}
