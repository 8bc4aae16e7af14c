//! Action items, the SMART check, the blame-language nudge and the safety opening, in the window.

use eframe::egui::{Event, Key, Modifiers, PointerButton};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use retroline::app::RetrolineApp;
use retroline::model::{Day, Link};

mod common;
use common::*;

fn type_into(h: &mut Harness<'_, RetrolineApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text(text.to_owned()));
    h.run();
}

fn select_card(h: &mut Harness<'_, RetrolineApp>, title_prefix: &str) {
    let centre = h
        .get_by_label_contains(&format!("Event: {title_prefix}"))
        .rect()
        .center();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos: centre,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.run();
    }
}

#[test]
fn an_action_item_created_from_a_divergence_links_it_and_is_due_a_week_after_today() {
    let board = sample();
    let mut h = harness(board);
    // The retrospective three days after the incident.
    h.state_mut().set_today(jiff::civil::date(2026, 3, 17));
    let spans = h.state().spans().to_vec();
    let before = h.state().board().action_items.len();
    let buttons: Vec<_> = h.get_all_by_label("Action item").collect();
    // One button per divergence in the side panel, in time order.
    buttons[1].click();
    h.run();
    let board = h.state().board();
    assert_eq!(board.action_items.len(), before + 1);
    let item = board.action_items.last().expect("new item").clone();
    assert_eq!(item.links, vec![Link::Divergence(spans[1].peak)]);
    // A week after the meeting, not after the incident (14 March).
    assert_eq!(item.due, Some(Day::parse("2026-03-24").expect("date")));
    assert!(item.owner.is_empty());

    // The new item's text has the cursor; "do better" shows what SMART is missing and why.
    h.event(Event::Text("do better".into()));
    h.run();
    h.get_by_label_contains("Specific: \"do better\" is vague");
    h.get_by_label_contains("Measurable: add \"done when\"");
    h.get_by_label_contains("Assignable: give it an owner");

    // Owner picked by name, a measure of done and a specific text make it SMART.
    let owner_fields: Vec<_> = h.get_all_by_label("Owner").collect();
    owner_fields.last().expect("owner field").focus();
    h.run();
    h.event(Event::Text("Dana Fischer".into()));
    h.run();
    let done_fields: Vec<_> = h.get_all_by_label("Done when").collect();
    done_fields.last().expect("done-when field").focus();
    h.run();
    h.event(Event::Text(
        "the on-call rota page lists who answers managers".into(),
    ));
    h.run();
    let texts: Vec<_> = h.get_all_by_label("Action").collect();
    texts.last().expect("text").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text(
        "Agree one update channel for managers during incidents".into(),
    ));
    h.run();
    h.key_press(Key::Escape);
    h.run();
    let item = h.state().board().action_items.last().expect("item").clone();
    assert_eq!(item.owner, "Dana Fischer");
    assert!(
        retroline::analysis::smart::check(&item).is_smart(),
        "{item:?}"
    );
    assert!(h.query_by_label_contains("Specific:").is_none());
}

#[test]
fn an_action_item_created_from_an_event_links_that_event() {
    let board = sample();
    let rollback = board
        .events
        .iter()
        .find(|e| e.title.starts_with("Rollback"))
        .expect("rollback")
        .id;
    let mut h = harness(board);
    h.state_mut().set_today(jiff::civil::date(2026, 3, 17));
    select_card(&mut h, "Rollback");
    h.get_by_label("Action item from this event").click();
    h.run();
    let item = h.state().board().action_items.last().expect("item").clone();
    assert_eq!(item.links, vec![Link::Event(rollback)]);
    assert_eq!(item.due, Some(Day::parse("2026-03-24").expect("date")));
    // Undo removes it in one step.
    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        !h.state()
            .board()
            .action_items
            .iter()
            .any(|a| a.id == item.id)
    );
}

#[test]
fn blame_language_in_an_event_title_gets_a_nudge_and_typing_goes_on() {
    let mut h = harness(sample());
    select_card(&mut h, "Rollback");
    type_into(&mut h, "Title", "Bob should have checked the backups");
    h.get_by_label_contains(
        "\"should have\": try asking \"What made this hard to see at the time?\"",
    );
    // The nudge never blocks: the text is in the board as typed.
    h.event(Event::Text(" first".into()));
    h.run();
    assert!(
        h.state()
            .board()
            .events
            .iter()
            .any(|e| e.title == "Bob should have checked the backups first")
    );
}

#[test]
fn a_new_board_opens_with_the_safety_statement_and_begin_records_when() {
    let mut h = window(|| RetrolineApp::open_at_start(None));
    h.get_by_label("Before we start");
    h.get_by_label_contains("Safety statement");
    assert!(
        h.state()
            .board()
            .safety
            .statement
            .contains("not to find someone to blame")
    );
    assert_eq!(h.state().board().safety.shown_at, None);
    h.get_by_label("Begin").click();
    h.run();
    let shown = h.state().board().safety.shown_at.expect("recorded");
    let now = jiff::Timestamp::now().as_second();
    let secs = (shown.unix_nanos() / 1_000_000_000) as i64;
    assert!((now - secs).abs() < 60, "recorded now: {shown}");
    assert!(h.query_by_label("Before we start").is_none());
}

#[test]
fn typing_then_ticking_done_are_two_undo_steps() {
    let mut h = harness(sample());
    h.get_by_label_contains("Action items (").click();
    h.run();
    let texts: Vec<_> = h.get_all_by_label("Action").collect();
    texts[0].focus();
    h.run();
    h.event(Event::Text(" now".into()));
    h.run();
    let typed = h.state().board().action_items[0].text.clone();
    assert!(typed.ends_with(" now"));
    h.get_all_by_label("done").next().expect("checkbox").click();
    h.run();
    h.run();
    assert_eq!(
        h.state().board().action_items[0].status,
        retroline::model::ActionStatus::Done
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let item = h.state().board().action_items[0].clone();
    assert_eq!(
        item.status,
        retroline::model::ActionStatus::Open,
        "undo takes back the tick"
    );
    assert_eq!(item.text, typed, "and only the tick");
}

#[test]
fn enter_in_the_safety_statement_begins_and_shift_enter_starts_a_line() {
    let mut h = window(|| RetrolineApp::open_at_start(None));
    h.get_by_label_contains("Safety statement").focus();
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    h.event(Event::Text("We listen.".into()));
    h.run();
    assert_eq!(h.state().board().safety.shown_at, None);
    h.key_press(Key::Enter);
    h.run();
    h.run();
    let safety = &h.state().board().safety;
    assert!(
        safety.statement.ends_with("\nWe listen."),
        "{:?}",
        safety.statement
    );
    assert!(safety.shown_at.is_some(), "Enter began");
    assert!(h.query_by_label("Before we start").is_none());
}

#[test]
fn enter_in_an_action_items_text_finishes_it_without_a_new_line() {
    let mut h = harness(sample());
    h.get_by_label_contains("Action items (").click();
    h.run();
    h.get_all_by_label("Action").next().expect("a text").focus();
    h.run();
    h.event(Event::Text(" today".into()));
    h.key_press(Key::Enter);
    h.run();
    let text = h.state().board().action_items[0].text.clone();
    assert!(text.ends_with(" today"), "{text}");
    assert!(!text.contains('\n'), "Enter broke the line: {text:?}");
    // The field let go of the keys: more typing goes nowhere.
    h.event(Event::Text("x".into()));
    h.run();
    assert_eq!(h.state().board().action_items[0].text, text);
}

/// A board reviewed long after it happened: a new action item is due a week after today,
/// never on a day already past (a week after the board's end would be months ago), and so is
/// the date *Set a due date* offers.
#[test]
fn a_new_action_item_on_an_old_board_is_due_a_week_after_today_not_in_the_past() {
    let mut h = harness(sample());
    h.state_mut().set_today(jiff::civil::date(2026, 12, 3));
    h.run();
    h.get_all_by_label("Action item")
        .next()
        .expect("a divergence's Action item button")
        .click();
    h.run();
    let item = h.state().board().action_items.last().expect("item").clone();
    assert_eq!(item.due, Some(Day::parse("2026-12-10").expect("date")));
    h.key_press(Key::Escape);
    h.run();
    h.get_all_by_label("no date")
        .last()
        .expect("the new item's no date")
        .click();
    h.run();
    assert_eq!(
        h.state().board().action_items.last().expect("item").due,
        None
    );
    // "Set a due date", labelled by "Due".
    h.get_all_by_label("Due")
        .last()
        .expect("a button to set one")
        .click();
    h.run();
    let due = h.state().board().action_items.last().expect("item").due;
    assert_eq!(due, Some(Day::parse("2026-12-10").expect("date")));
}

/// The due date's picker opens without its cryptic `<` `>>` `>>>` buttons; worded steps beside
/// it move the date, each one edit.
#[test]
fn the_due_date_has_worded_steps_and_no_cryptic_arrows() {
    // The picker's year, month and day lists are egui_extras's own, and carry no accessible
    // name: the check would stop at them, not at anything of ours.
    let mut h = Harness::builder()
        .with_size(eframe::egui::vec2(1920.0, 1080.0))
        .with_step_dt(1.0 / 30.0)
        .with_max_steps(12)
        .with_accessibility_check(false)
        .build_eframe(move |cc| {
            retroline::theme::apply(&cc.egui_ctx);
            RetrolineApp::with_dialogs(sample(), None, no_dialogs())
        });
    h.state_mut().set_today(jiff::civil::date(2026, 3, 17));
    h.run();
    h.get_all_by_label("Action item")
        .next()
        .expect("a divergence's Action item button")
        .click();
    h.run();
    h.key_press(Key::Escape);
    h.run();
    let due =
        |h: &Harness<'_, RetrolineApp>| h.state().board().action_items.last().expect("item").due;
    assert_eq!(due(&h), Some(Day::parse("2026-03-24").expect("date")));
    h.get_all_by_label("+1 week")
        .last()
        .expect("+1 week")
        .click();
    h.run();
    assert_eq!(due(&h), Some(Day::parse("2026-03-31").expect("date")));
    h.get_all_by_label("−1 day").last().expect("−1 day").click();
    h.run();
    assert_eq!(due(&h), Some(Day::parse("2026-03-30").expect("date")));
    // The picker's popup: lists and a calendar, no arrows.
    // The picker's button, labelled by "Due".
    h.get_all_by_label("Due")
        .last()
        .expect("the picker")
        .click();
    h.run();
    for cryptic in ["<", "<<", "<<<", ">", ">>", ">>>"] {
        assert!(h.query_by_label(cryptic).is_none(), "a {cryptic} button");
    }
    assert!(h.query_by_label("Save").is_some(), "the picker is open");
}
