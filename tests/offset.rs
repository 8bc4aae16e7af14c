//! A new board is in the computer's time zone, and the board settings change it.

use eframe::egui::Key;
use egui_kittest::kittest::Queryable;
use retroline::app::RetrolineApp;

mod common;
use common::*;

/// Runs [`in_kolkata`] in a process of its own whose time zone is Asia/Kolkata (UTC+05:30).
#[test]
fn a_new_board_uses_the_computers_offset_and_the_settings_change_it() {
    let out = std::process::Command::new(std::env::current_exe().expect("this test"))
        .args(["in_kolkata", "--exact", "--ignored", "--nocapture"])
        .env("TZ", "Asia/Kolkata")
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && text.contains("1 passed"),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
#[ignore = "run by a_new_board_uses_the_computers_offset_and_the_settings_change_it, in UTC+05:30"]
fn in_kolkata() {
    let mut h = window(|| RetrolineApp::open_at_start(None));
    // Past the safety opening.
    h.get_by_label("Begin").click();
    h.run();
    assert_eq!(h.state().display_offset().seconds(), 5 * 3600 + 1800);
    h.key_press(Key::Insert);
    h.run();
    let first = h.state().board().events[0].time;
    assert_eq!(first.offset().seconds(), 5 * 3600 + 1800, "new events too");
    assert!(
        h.get_all_by_label_contains("(UTC+05:30)").next().is_some(),
        "the header names the zone"
    );

    // A click on the time axis selects nothing: the side panel shows the board's settings.
    let g = h.state().geometry().expect("drawn");
    let axis = eframe::egui::pos2(g.axis_left + 40.0, g.lanes_area.top() - 8.0);
    h.hover_at(axis);
    h.run();
    for pressed in [true, false] {
        h.event(eframe::egui::Event::PointerButton {
            pos: axis,
            button: eframe::egui::PointerButton::Primary,
            pressed,
            modifiers: eframe::egui::Modifiers::NONE,
        });
        h.run();
    }
    h.get_by_label("Time zone").click();
    h.run();
    h.get_by_label("UTC-10:00").click();
    h.run();
    assert_eq!(h.state().display_offset().seconds(), -10 * 3600);
    let kept = h.state().board().events[0].time;
    assert_eq!(
        kept.unix_nanos(),
        first.unix_nanos(),
        "the event keeps its moment"
    );
    assert!(h.get_all_by_label_contains("(UTC-10:00)").next().is_some());
}
