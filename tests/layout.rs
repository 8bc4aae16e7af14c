//! Room to read at the sizes the board is shown at: a screen share (1280×720) and a projector
//! (1920×1080).

use eframe::egui::{Key, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use retroline::app::RetrolineApp;
use retroline::generate::{self, Size};
use retroline::model::Board;

mod common;
use common::*;

fn at_size(board: Board, width: f32, height: f32) -> Harness<'static, RetrolineApp> {
    window_sized(width, height, move || {
        RetrolineApp::with_dialogs(board, None, no_dialogs())
    })
}

fn area(r: Rect) -> f32 {
    r.width().max(0.0) * r.height().max(0.0)
}

/// The plot's share of the whole board: the time axis, the lanes and the feelings.
fn plot_share(h: &Harness<'_, RetrolineApp>) -> f32 {
    let g = h.state().geometry().expect("drawn");
    area(g.plot.rect) / area(g.board)
}

#[test]
fn the_plot_has_two_fifths_of_the_board_at_720p_in_the_window_and_in_present_mode() {
    let mut h = at_size(sample(), 1280.0, 720.0);
    let share = plot_share(&h);
    assert!(
        share >= 0.4,
        "the plot has {:.0} % of the board",
        share * 100.0
    );

    h.key_press(Key::F5);
    h.run();
    assert!(h.state().is_presenting());
    let share = plot_share(&h);
    assert!(
        share >= 0.4,
        "presenting, the plot has {:.0} % of the board",
        share * 100.0
    );
}

#[test]
fn dragging_the_splitter_gives_the_lanes_room_and_is_remembered() {
    let mut h = at_size(sample(), 1280.0, 720.0);
    let before = h.state().geometry().expect("drawn").clone();
    let bar = eframe::egui::pos2(
        before.board.center().x,
        (before.lanes_area.bottom() + before.feelings.top()) / 2.0,
    );
    h.drag_at(bar);
    h.run();
    h.hover_at(bar + eframe::egui::vec2(0.0, 120.0));
    h.run();
    h.drop_at(bar + eframe::egui::vec2(0.0, 120.0));
    h.run();
    let after = h.state().geometry().expect("drawn").clone();
    assert!(
        after.lanes_area.height() > before.lanes_area.height() + 100.0,
        "lanes {} → {}",
        before.lanes_area.height(),
        after.lanes_area.height()
    );
    assert!(after.plot.rect.height() < before.plot.rect.height() - 100.0);
    let share = h.state().prefs().plot_share;
    assert!(share.is_some(), "the split is kept");

    // The next window starts with the split as it was left.
    let mut h = at_size(sample(), 1280.0, 720.0);
    let ctx = h.ctx.clone();
    h.state_mut().apply_prefs(
        &ctx,
        retroline::app::Prefs {
            plot_share: share,
            ..Default::default()
        },
    );
    h.run();
    let again = h.state().geometry().expect("drawn");
    assert!((again.lanes_area.height() - after.lanes_area.height()).abs() < 2.0);
}

/// No label rectangle covers a plotted point (with its marker) or another label.
fn labels_stay_clear(h: &Harness<'_, RetrolineApp>, what: &str) -> usize {
    let plot = &h.state().geometry().expect("drawn").plot;
    for (i, a) in plot.labels.iter().enumerate() {
        for b in &plot.labels[i + 1..] {
            assert!(!a.intersects(*b), "{what}: labels {a:?} and {b:?} overlap");
        }
        for (id, p) in &plot.points {
            let marker = Rect::from_center_size(*p, eframe::egui::vec2(14.0, 14.0));
            assert!(
                !a.intersects(marker),
                "{what}: label {a:?} covers feeling {id:?} at {p:?}"
            );
        }
        assert!(
            plot.label_strip.contains_rect(*a),
            "{what}: label {a:?} outside its strip"
        );
    }
    plot.labels.len()
}

#[test]
fn divergence_labels_cover_no_point_and_no_other_label() {
    for (width, height) in [(1280.0, 720.0), (1920.0, 1080.0)] {
        let h = at_size(sample(), width, height);
        let spans = h.state().spans().len();
        let labels = labels_stay_clear(&h, &format!("sample at {width}×{height}"));
        assert_eq!(labels, spans, "every divergence of the sample is named");

        let h = at_size(generate::board(Size::M, 7), width, height);
        assert!(!h.state().spans().is_empty());
        let labels = labels_stay_clear(&h, &format!("M board at {width}×{height}"));
        assert!(labels > 0, "some divergences of the M board are named");
    }
}

#[test]
fn at_1080p_most_of_the_sample_titles_are_whole_and_hover_shows_each_in_full() {
    let mut h = at_size(sample(), 1920.0, 1080.0);
    let g = h.state().geometry().expect("drawn").clone();
    assert_eq!(g.cards.len(), 19, "every card is on screen");
    let whole = g.cards.len() - g.cut_titles.len();
    assert!(whole >= 15, "{whole} of 19 titles are whole");
    // Hovering a card shows its whole title (the longest here).
    let (cut, title) = h
        .state()
        .board()
        .events
        .iter()
        .max_by_key(|e| e.title.len())
        .map(|e| (e.id, e.title.clone()))
        .expect("events");
    h.hover_at(g.card_rect(cut).expect("on screen").center());
    // Tooltips wait a moment before they show.
    for _ in 0..40 {
        h.step();
    }
    assert!(
        h.query_by_label(&title).is_some(),
        "the tooltip shows {title}"
    );
}

#[test]
fn the_view_menu_sizes_the_plot_without_a_drag() {
    let mut h = at_size(sample(), 1280.0, 720.0);
    let before = h.state().geometry().expect("drawn").plot.rect.height();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Smaller plot").click();
    h.run();
    let smaller = h.state().geometry().expect("drawn").plot.rect.height();
    assert!(smaller < before - 30.0, "{before} → {smaller}");
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Bigger plot").click();
    h.run();
    let again = h.state().geometry().expect("drawn").plot.rect.height();
    assert!(again > smaller + 30.0, "{smaller} → {again}");
}

#[test]
fn at_720p_the_side_panel_takes_a_quarter_of_the_width_at_most_and_f9_hides_it() {
    let mut h = at_size(sample(), 1280.0, 720.0);
    let panel = h
        .state()
        .side_panel_rect()
        .expect("the side panel is shown");
    assert!(
        panel.width() <= 1280.0 * 0.25,
        "the side panel is {} points wide",
        panel.width()
    );
    let board = h.state().geometry().expect("drawn").board;
    assert!(
        board.right() <= panel.left(),
        "the board ({board:?}) runs under the side panel ({panel:?})"
    );
    assert!(board.width() >= 1280.0 * 0.7, "{board:?}");

    // One key hides it (it is in the View menu too), and the board takes the width.
    h.key_press(Key::F9);
    h.run();
    assert_eq!(h.state().side_panel_rect(), None);
    let wide = h.state().geometry().expect("drawn").board;
    assert!(wide.width() >= 1280.0 - 40.0, "{wide:?}");
    h.key_press(Key::F9);
    h.run();
    assert!(h.state().side_panel_rect().is_some(), "F9 shows it again");

    h.get_by_label("View").click();
    h.run();
    h.get_by_label_contains("Side panel").click();
    h.run();
    assert_eq!(h.state().side_panel_rect(), None, "the View menu hides it");
}

#[test]
fn at_720p_every_plot_label_is_14_px_or_more_outside_the_data_and_divergences_are_largest() {
    let h = at_size(sample(), 1280.0, 720.0);
    let g = h.state().geometry().expect("drawn");
    let plot = &g.plot;
    let sizes = plot.text_sizes;
    assert!(
        !plot.labels.is_empty(),
        "the sample's divergences are labelled"
    );
    let ppp = h.ctx.pixels_per_point();
    for size in sizes.drawn() {
        assert!(
            size * ppp >= 14.0,
            "a plot label of {} px: {sizes:?}",
            size * ppp
        );
    }
    let others = [
        sizes.value_scale,
        sizes.emotion_words,
        sizes.legend,
        sizes.banner,
    ];
    assert!(
        others.iter().all(|s| *s < sizes.divergence_labels),
        "the divergence labels are the largest text of the plot: {sizes:?}"
    );
    // The value scale is in a margin left of the data, never over a point or a line.
    assert!(plot.value_labels.len() >= 3, "{:?}", plot.value_labels);
    for label in &plot.value_labels {
        assert!(
            label.right() <= plot.rect.left(),
            "a value label {label:?} is inside the plot {:?}",
            plot.rect
        );
        assert!(label.height() >= 14.0, "{label:?}");
        for (who, row) in &plot.legend {
            assert!(
                !label.intersects(*row),
                "{label:?} covers {who:?}'s legend row"
            );
        }
    }
}
