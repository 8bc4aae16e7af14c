//! Present mode: F5, the arrow keys stepping through every event and divergence in time order,
//! Esc to leave; the view preferences.

use eframe::egui::{Key, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use retroline::app::RetrolineApp;
use retroline::app::present::Stop;
use retroline::model::Board;

mod common;
use common::*;

/// At 1280×720, a screen share's size.
fn harness(board: Board) -> Harness<'static, RetrolineApp> {
    window_sized(1280.0, 720.0, move || RetrolineApp::new(board, None))
}

fn stop_time(board: &Board, app: &RetrolineApp, stop: Stop) -> i128 {
    match stop {
        Stop::Event(id) => board
            .events
            .iter()
            .find(|e| e.id == id)
            .expect("event")
            .time
            .unix_nanos(),
        Stop::Divergence(i) => app.spans()[i].start.unix_nanos(),
        Stop::Turn(t) => t
            .at(&retroline::analysis::turning::turning_points(board))
            .expect("a turning point has a moment")
            .unix_nanos(),
        // The action items come after the timeline.
        Stop::Action(_) => i128::MAX,
    }
}

#[test]
fn the_arrow_keys_visit_every_event_and_divergence_in_time_order() {
    let board = sample();
    let mut h = harness(board.clone());
    h.key_press(Key::F5);
    h.run();
    assert!(h.state().is_presenting());
    assert!(h.query_by_label("File").is_none(), "the menus are hidden");

    let expected = h.state().stops();
    // The widest spread, the shared low and the shared high are stops too.
    assert_eq!(
        expected.len(),
        board.events.len() + h.state().spans().len() + 3 + board.action_items.len()
    );
    let mut visited = Vec::new();
    for _ in 0..expected.len() {
        h.key_press(Key::ArrowRight);
        h.run();
        visited.push(h.state().current_stop().expect("a stop"));
    }
    assert_eq!(visited, expected);
    let times: Vec<i128> = visited
        .iter()
        .map(|s| stop_time(&board, h.state(), *s))
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "in time order");
    assert!(visited.iter().any(|s| matches!(s, Stop::Divergence(_))));
    // The last steps are the action items, each large with its SMART letters.
    let n = board.action_items.len();
    assert_eq!(
        visited[visited.len() - n..],
        (0..n).map(Stop::Action).collect::<Vec<_>>()[..]
    );
    h.get_by_label(&format!("Action item {n} of {n}"));
    h.get_by_label(&board.action_items[n - 1].text);
    h.get_by_label("SMART");

    // Each step shows where it is: the divergence stop zooms in on its span.
    let last_divergence = expected
        .iter()
        .rposition(|s| matches!(s, Stop::Divergence(_)))
        .expect("a divergence");
    for _ in last_divergence..expected.len() - 1 {
        h.key_press(Key::ArrowLeft);
        h.run();
    }
    let Some(Stop::Divergence(i)) = h.state().current_stop() else {
        panic!("back on the divergence");
    };
    let span = h.state().spans()[i].clone();
    let view = h.state().geometry().expect("drawn").view;
    assert!(view.start <= span.start.unix_seconds_f64() && span.end.unix_seconds_f64() <= view.end);
    h.get_by_label_contains("Divergence ");

    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().is_presenting());
    h.get_by_label("File");
}

#[test]
fn presenting_a_board_whose_safety_statement_was_never_shown_starts_with_it() {
    let mut board = sample();
    board.safety.shown_at = None;
    let mut h = harness(board);
    h.key_press(Key::F5);
    h.run();
    h.get_by_label("Before we start");
    h.get_by_label("Begin").click();
    h.run();
    assert!(h.state().board().safety.shown_at.is_some());
    assert!(h.state().is_presenting());
}

/// Every piece of text drawn: its rectangle on screen (clipped) and its size in pixels.
fn texts(h: &Harness<'_, RetrolineApp>) -> Vec<(String, eframe::egui::Rect, f32)> {
    use eframe::egui::{Shape, epaint::ClippedShape};
    let ppp = h.ctx.pixels_per_point();
    let mut out = Vec::new();
    fn walk(
        shape: &Shape,
        clip: eframe::egui::Rect,
        ppp: f32,
        out: &mut Vec<(String, eframe::egui::Rect, f32)>,
    ) {
        match shape {
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, clip, ppp, out)),
            Shape::Text(text) => {
                let rect = text
                    .galley
                    .rect
                    .translate(text.pos.to_vec2())
                    .intersect(clip);
                let visible = text.galley.text().trim();
                if rect.is_positive() && !visible.is_empty() && text.fallback_color.a() > 0 {
                    let size = text
                        .galley
                        .job
                        .sections
                        .iter()
                        .map(|s| s.format.font_id.size)
                        .fold(f32::INFINITY, f32::min);
                    out.push((visible.to_owned(), rect, size * ppp));
                }
            }
            _ => {}
        }
    }
    for ClippedShape {
        clip_rect, shape, ..
    } in &h.output().shapes
    {
        walk(shape, *clip_rect, ppp, &mut out);
    }
    out
}

#[test]
fn presenting_at_720p_every_label_is_at_least_14_px_and_none_overlap() {
    let mut h = harness(sample());
    h.key_press(Key::F5);
    h.run();
    h.remove_cursor();
    h.run();
    // The plot has its share of the screen, so the lanes may not all fit: each event's card is
    // scrolled into view when the presenter steps to it.
    let board = sample();
    for _ in 0..board.events.len() {
        h.key_press(Key::ArrowRight);
        h.run();
        let g = h.state().geometry().expect("drawn");
        let Some(Stop::Event(id)) = h.state().current_stop() else {
            continue;
        };
        let Some(card) = g.card_rect(id) else {
            panic!(
                "the stepped-to card {id:?} is drawn: {:?} {:?} {:?}",
                g.lanes_area, g.lanes, g.cards
            );
        };
        assert!(
            g.lanes_area.contains_rect(card),
            "the stepped-to card {card:?} is in view"
        );
    }
    let g = h.state().geometry().expect("drawn").clone();
    assert_eq!(
        g.plot.legend.len(),
        board.participants.len(),
        "every legend row"
    );
    let texts = texts(&h);
    assert!(
        texts.len() > 30,
        "the board's labels are drawn: {}",
        texts.len()
    );
    let smallest = texts.iter().map(|t| t.2).fold(f32::INFINITY, f32::min);
    println!("{} labels, the smallest {smallest:.1} px", texts.len());
    let small: Vec<_> = texts.iter().filter(|(_, _, px)| *px < 14.0).collect();
    assert!(small.is_empty(), "labels under 14 px: {small:?}");
    let mut overlaps = Vec::new();
    for (i, a) in texts.iter().enumerate() {
        for b in &texts[i + 1..] {
            let both = a.1.intersect(b.1);
            if both.is_positive() && both.area() > 2.0 {
                overlaps.push((a.0.clone(), b.0.clone()));
            }
        }
    }
    assert!(overlaps.is_empty(), "overlapping labels: {overlaps:?}");
}

/// Present mode on the sample board, stepped to its first divergence.
fn present_snapshot(name: &str, size: eframe::egui::Vec2) {
    let board = sample();
    let mut h = Harness::builder()
        .with_size(size)
        .with_step_dt(1.0 / 30.0)
        .with_max_steps(12)
        .renderer(egui_kittest::wgpu::WgpuTestRenderer::new())
        .build_eframe(move |cc| {
            retroline::theme::apply(&cc.egui_ctx);
            let mut app = RetrolineApp::new(board, None);
            // Dates show their year only outside the current year: the picture must not change
            // with the year the test runs in.
            app.set_today(jiff::civil::date(2026, 3, 17));
            app
        });
    h.set_render_cursor(false);
    h.run();
    h.key_press(Key::F5);
    h.run();
    while !matches!(h.state().current_stop(), Some(Stop::Divergence(_))) {
        h.key_press(Key::ArrowRight);
        h.run();
    }
    h.remove_cursor();
    h.run();
    h.snapshot(name);
}

#[test]
fn snapshot_of_present_mode_at_720p() {
    present_snapshot("present_1280x720", vec2(1280.0, 720.0));
}

#[test]
fn snapshot_of_present_mode_at_1080p() {
    present_snapshot("present_1920x1080", vec2(1920.0, 1080.0));
}

#[test]
fn a_divergence_of_a_big_team_is_captioned_in_two_lines_at_most() {
    // The sample, with twenty more people who felt as Ana did.
    let mut board = sample();
    let ana = board.participants[0].id;
    let hers: Vec<_> = board
        .feelings
        .iter()
        .filter(|f| f.participant == ana)
        .cloned()
        .collect();
    for n in 0..20 {
        let p = board.add_participant(format!("Teammate {n}"));
        for f in &hers {
            board.add_feeling(p, f.time, f.valence, "", "");
        }
    }
    let mut h = harness(board);
    h.key_press(Key::F5);
    h.run();
    let stops = h.state().stops();
    let spans = h.state().spans().to_vec();
    let Some(at) = stops.iter().position(|s| {
        matches!(s, Stop::Divergence(i) if spans[*i].positive.len().max(spans[*i].negative.len()) > 8)
    }) else {
        panic!("a divergence with more than 8 people on one side");
    };
    for _ in 0..=at {
        h.key_press(Key::ArrowRight);
    }
    h.run();
    let caption = h.get_by_label_contains("Divergence ");
    let rect = caption.rect();
    let text = {
        use egui_kittest::kittest::NodeT;
        let node = caption.accesskit_node();
        node.label().or_else(|| node.value()).unwrap_or_default()
    };
    assert!(text.contains("more"), "{text}");
    assert!(
        rect.height() < 3.0 * retroline::theme::HEADING_SIZE,
        "{text} is {} high",
        rect.height()
    );
}

#[test]
fn presenting_at_720p_no_card_is_cut_at_an_edge_and_the_current_one_is_whole() {
    let mut h = harness(sample());
    h.key_press(Key::F5);
    h.run();
    let check = |h: &Harness<'_, RetrolineApp>, when: &str| {
        let g = h.state().geometry().expect("drawn");
        let screen = h.ctx.content_rect();
        for (id, card) in &g.cards {
            assert!(
                card.left() >= g.axis_left - 0.5 && card.right() <= g.lanes_area.right() + 0.5,
                "{when}: the card of {id:?} at {card:?} is cut at an edge of {:?}",
                g.lanes_area
            );
            assert!(screen.contains_rect(*card) || !g.lanes_area.intersects(*card));
        }
        if let Some(Stop::Event(id)) = h.state().current_stop() {
            assert!(
                !g.cut_titles.contains(&id),
                "{when}: the current step's card {id:?} shows its whole title"
            );
        }
    };
    check(&h, "the whole board");
    let stops = h.state().stops().len();
    for i in 0..stops {
        h.key_press(Key::ArrowRight);
        h.run();
        check(&h, &format!("step {}", i + 1));
    }
}

#[test]
fn the_presenter_steps_to_the_turning_points_and_t_takes_them_off_the_plot_and_the_steps() {
    use retroline::app::present::Turn;
    let board = sample();
    let mut h = harness(board.clone());
    h.key_press(Key::F5);
    h.run();
    let mut captions = Vec::new();
    for _ in 0..h.state().stops().len() {
        h.key_press(Key::ArrowRight);
        h.run();
        if let Some(Stop::Turn(_)) = h.state().current_stop() {
            captions.push(h.state().stop_caption().expect("a caption"));
        }
    }
    assert_eq!(captions.len(), 3, "{captions:?}");
    // The reports' words, on the shared screen: where the team was furthest apart.
    assert!(
        captions
            .iter()
            .any(|c| c.contains("Turning point · Widest spread: 6.4 at Sat 14 Mar 03:12")),
        "{captions:?}"
    );
    assert!(captions.iter().any(|c| c.contains("Shared low")));
    // The widest spread's stop shows its moment.
    let stops = h.state().stops();
    let widest = stops
        .iter()
        .position(|s| *s == Stop::Turn(Turn::Widest))
        .expect("a stop");
    let at = Turn::Widest
        .at(&retroline::analysis::turning::turning_points(&board))
        .expect("moment")
        .unix_seconds_f64();
    // Leave and present again, then step to it.
    h.key_press(Key::F5);
    h.run();
    h.key_press(Key::F5);
    h.run();
    for _ in 0..=widest {
        h.key_press(Key::ArrowRight);
        h.run();
    }
    assert_eq!(h.state().current_stop(), Some(Stop::Turn(Turn::Widest)));
    h.run();
    let view = h.state().geometry().expect("drawn").view;
    assert!(
        view.start < at && at < view.end,
        "{view:?} does not show {at}"
    );
    // T hides them: from the plot and from the steps.
    h.key_press(Key::T);
    h.run();
    assert!(
        h.state()
            .stops()
            .iter()
            .all(|s| !matches!(s, Stop::Turn(_)))
    );
}
