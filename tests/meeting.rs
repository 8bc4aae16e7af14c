//! Running the meeting in the window: the phase timer counts down, pauses and extends; votes stay
//! hidden until they are revealed and then order the divergences; last time's action items are
//! reviewed and the report says how.

use std::cell::Cell;
use std::rc::Rc;

use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use retroline::app::RetrolineApp;
use retroline::app::present::Stop;
use retroline::model::{Board, Moment, Review};

mod common;
use common::*;

/// A clock a test moves by hand, in Unix seconds.
fn clock() -> Rc<Cell<i64>> {
    Rc::new(Cell::new(
        at("2026-03-20T10:00:00+01:00").unix_seconds_f64() as i64,
    ))
}

fn window_with_clock(board: Board, now: &Rc<Cell<i64>>) -> Harness<'static, RetrolineApp> {
    let now = now.clone();
    window(move || {
        RetrolineApp::with_dialogs(board, None, no_dialogs()).with_clock(move || {
            Moment::from_unix_seconds(now.get(), jiff::tz::Offset::from_hours(1).expect("offset"))
                .expect("a moment")
        })
    })
}

fn ctrl_shift(h: &mut Harness<'_, RetrolineApp>, key: Key) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, key);
    h.run();
}

fn wait(h: &mut Harness<'_, RetrolineApp>, now: &Rc<Cell<i64>>, seconds: i64) {
    now.set(now.get() + seconds);
    h.run();
}

#[test]
fn the_timer_counts_down_from_the_timebox_pauses_and_extends() {
    let now = clock();
    let mut h = window_with_clock(sample(), &now);
    h.get_by_label("Start the meeting").click();
    h.run();
    // The first phase of the usual agenda, the safety opening, has three minutes.
    assert_eq!(h.state().running_phase(), Some(0));
    h.get_by_label("3:00");
    h.get_by_label_contains("left of 3 minutes");
    wait(&mut h, &now, 65);
    h.get_by_label("1:55");

    // Paused, the clock runs on and the timer does not.
    ctrl_shift(&mut h, Key::P);
    h.get_by_label_contains("Paused");
    wait(&mut h, &now, 60);
    h.get_by_label("1:55");
    h.get_by_label("+1 min").click();
    h.run();
    h.get_by_label("2:55");
    h.get_by_label("Resume").click();
    h.run();
    wait(&mut h, &now, 10);
    h.get_by_label("2:45");

    // Past the timebox the timer says so, and counts on.
    wait(&mut h, &now, 180);
    h.get_by_label("+0:15");
    h.get_by_label_contains("Time is up");

    // The next phase starts its own timer; the first is recorded as ended.
    ctrl_shift(&mut h, Key::N);
    assert_eq!(h.state().running_phase(), Some(1));
    h.get_by_label("10:00");
    let first = &h.state().board().agenda[0];
    let took = first.took_seconds().expect("ended");
    assert_eq!(took, 65.0 + 60.0 + 10.0 + 180.0);
    // Each step is an edit: undo takes the phase change back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().running_phase(), Some(0));
}

#[test]
fn votes_stay_hidden_until_revealed_and_then_order_the_divergences() {
    let mut h = harness(sample());
    h.get_by_label_contains("Meeting").click();
    h.run();
    let spans = h.state().spans().to_vec();
    assert_eq!(spans.len(), 2, "the sample has two divergences");
    // Ana (the first participant) gives both her... three votes: two on the later divergence,
    // one on the earlier.
    for nth in [1, 1, 0] {
        h.get_all_by_label_contains("Vote for divergence")
            .nth(nth)
            .expect("a divergence to vote for")
            .click();
        h.run();
    }
    assert_eq!(
        h.state()
            .board()
            .voting
            .spent(h.state().board().participants[0].id),
        3
    );
    h.get_by_label("0 of 3 votes left");
    // Hidden: no results, and the divergences keep their time order.
    assert!(h.query_by_label_contains("Results").is_none());
    assert!(h.query_by_label_contains("2 · Divergence").is_none());
    h.get_by_label_contains("3 votes cast; they stay hidden");
    let first_divergence = |h: &Harness<'_, RetrolineApp>| {
        h.state()
            .stops()
            .into_iter()
            .find(|s| matches!(s, Stop::Divergence(_)))
    };
    assert_eq!(first_divergence(&h), Some(Stop::Divergence(0)));

    ctrl_shift(&mut h, Key::V);
    assert!(h.state().board().voting.revealed);
    h.get_by_label("Results, most votes first");
    let results: Vec<String> = h
        .get_all_by_label_contains(" · Divergence ")
        .map(|n| {
            use egui_kittest::kittest::NodeT;
            let node = n.accesskit_node();
            node.label().or_else(|| node.value()).unwrap_or_default()
        })
        .collect();
    assert_eq!(results.len(), 2, "{results:?}");
    assert!(results[0].starts_with("2 · "), "{results:?}");
    assert!(results[1].starts_with("1 · "), "{results:?}");
    // Presenting now starts with the most voted divergence.
    assert_eq!(h.state().stops().first(), Some(&Stop::Divergence(1)));
    let report = retroline::io::markdown::report(h.state().board(), false);
    assert!(report.contains("## Votes"), "{report}");
    assert!(report.contains("| 2 | Divergence"), "{report}");
}

#[test]
fn carried_items_marked_done_open_and_dropped_show_so_in_the_markdown_report() {
    let board = sample().next_board("Checkout follow-up");
    assert_eq!(board.carried.len(), 3);
    let mut h = harness(board.clone());
    h.get_by_label("Meeting (3 to review)").click();
    h.run();
    for (n, review) in [(1, "done"), (2, "still open"), (3, "dropped")] {
        h.get_by_label(&format!("Action {n}: {review}")).click();
        h.run();
    }
    h.get_by_label("Review note of action 2").click();
    h.run();
    h.get_by_label("Review note of action 2")
        .type_text("waiting on the DBA team");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let reviews: Vec<Review> = h.state().board().carried.iter().map(|c| c.review).collect();
    assert_eq!(reviews, [Review::Done, Review::StillOpen, Review::Dropped]);
    h.get_by_label("Meeting");
    let report = retroline::io::markdown::report(h.state().board(), false);
    assert!(report.contains("## Last time's action items"), "{report}");
    for (item, review) in board.carried.iter().zip(["done", "still open", "dropped"]) {
        let row = report
            .lines()
            .find(|l| l.starts_with(&format!("| {}", &item.text[..20])))
            .unwrap_or_else(|| panic!("no row for {:?} in {report}", item.text));
        assert!(row.contains(&format!("| {review} |")), "{row}");
    }
    assert!(report.contains("waiting on the DBA team"), "{report}");
    // The item still open is carried again to the board after this one.
    let after = h.state().board().next_board("Later");
    assert_eq!(after.carried.len(), 1);
    assert_eq!(after.carried[0].text, board.carried[1].text);
}
