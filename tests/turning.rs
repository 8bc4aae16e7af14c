//! The turning points in the window: listed in the side panel under the divergences, each a
//! button that brings its moment into view, and named as the plot names people.

use egui_kittest::kittest::Queryable;

mod common;
use common::*;

#[test]
fn the_side_panel_lists_the_turning_points_and_a_click_brings_one_into_view() {
    let mut h = harness(sample());
    h.get_by_label("Turning points");
    let widest = "Widest spread: 6.4 at Sat 14 Mar 03:12; highest Chidi Obi, lowest Dana Fischer";
    h.get_by_label(widest).click();
    h.run();
    h.run();
    let view = h.state().geometry().expect("drawn").view;
    let at = retroline::model::Moment::parse_rfc3339("2026-03-14T03:12:00+01:00")
        .expect("time")
        .unix_seconds_f64();
    assert!(view.start < at && at < view.end, "{view:?}");
    // Zoomed in from the whole night (almost four hours) to about half an hour.
    assert!(view.end - view.start < 3600.0, "zoomed in: {view:?}");
}

#[test]
fn in_the_anonymous_view_the_side_panel_names_nobody_in_divergences_or_turning_points() {
    let board = sample();
    let mut h = harness(board.clone());
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Anonymous").click();
    h.run();
    h.run();
    assert!(h.state().is_anonymous());
    h.get_by_label_contains("highest Participant 3, lowest Participant 4");
    for p in &board.participants {
        assert!(
            h.query_by_label_contains(&p.name).is_none(),
            "{} is named on screen",
            p.name
        );
    }
}
