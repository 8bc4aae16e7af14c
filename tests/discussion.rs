//! After the reveal: insights written on the timeline (kept through save, load, undo, the
//! round and every export), event kinds and the incident's timing, and names kept back until
//! the facilitator names them, or kept out of the record for whoever asked from their phone,
//! alike on every way a line comes in. Loopback only.

use eframe::egui::Key;
use egui_kittest::kittest::Queryable;
use retroline::app::RetrolineApp;
use retroline::doc::Edit;
use retroline::model::{Board, EventKind, Insight, InsightId, InsightKind, Link};
use retroline::server::form;
use serde_json::json;

mod common;
use common::collecting::Collecting;
use common::*;

const T1: &str = "2026-03-14T02:30:00+01:00";
const T2: &str = "2026-03-14T03:30:00+01:00";

fn insight(text: &str, at: &str, until: Option<&str>) -> Insight {
    Insight {
        id: InsightId(0),
        kind: InsightKind::Surprised,
        text: text.to_owned(),
        at: common::at(at),
        until: until.map(common::at),
    }
}

#[test]
fn an_insight_typed_in_the_window_is_drawn_saved_undone_and_in_every_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("board.ron");
    let mut h = harness(sample());
    // I: a new insight at the selected event, its text field ready for typing.
    h.key_press(Key::CloseBracket);
    h.run();
    let first = h.state().selected().expect("an event");
    let first_time = h
        .state()
        .board()
        .events
        .iter()
        .find(|e| e.id == first)
        .expect("the event")
        .time;
    h.key_press(Key::I);
    h.run();
    h.run();
    h.event(eframe::egui::Event::Text(
        "Nobody owned the pager".to_owned(),
    ));
    h.run();
    h.run();
    let board = h.state().board().clone();
    assert_eq!(board.insights.len(), 1, "{:?}", board.insights);
    let written = &board.insights[0];
    assert_eq!(written.text, "Nobody owned the pager");
    assert_eq!((written.at, written.until), (first_time, None));
    // Drawn on the plot where it belongs, with its kind.
    let notes = &h.state().geometry().expect("drawn").plot.insight_notes;
    assert!(
        notes
            .iter()
            .any(|(_, text)| text == "We learned: Nobody owned the pager"),
        "{notes:?}"
    );
    // An action item from it links to it.
    h.get_by_label("Action item from this insight").click();
    h.run();
    h.run();
    let links = &h
        .state()
        .board()
        .action_items
        .last()
        .expect("an item")
        .links;
    assert_eq!(links, &vec![Link::Insight(written.id)]);

    // Saved and loaded again, exactly.
    retroline::io::board_file::save(&path, h.state().board()).expect("save");
    let loaded = retroline::io::board_file::load(&path).expect("load");
    assert_eq!(loaded.insights, h.state().board().insights);
    // Every report holds it, linked from the action item.
    let md = retroline::io::markdown::report(&loaded, false);
    assert!(md.contains("## Insights"), "{md}");
    assert!(
        md.contains("| We learned | Nobody owned the pager |"),
        "{md}"
    );
    assert!(md.contains("the insight “Nobody owned the pager”"), "{md}");
    let html = retroline::io::html::html_report(&loaded, false, &[]);
    assert!(html.contains("<h2 id=\"insights\">Insights</h2>"));
    assert!(html.contains("Nobody owned the pager"));

    // Undo takes the action item, then the text, then the insight away; redo brings them back.
    for _ in 0..3 {
        h.state_mut()
            .request(retroline::app::command::Command::Undo);
        h.run();
    }
    assert!(h.state().board().insights.is_empty(), "undone");
    for _ in 0..3 {
        h.state_mut()
            .request(retroline::app::command::Command::Redo);
        h.run();
    }
    assert_eq!(h.state().board().insights, loaded.insights, "redone");
}

#[test]
fn a_divergence_and_a_turning_point_each_get_an_insight_over_their_time() {
    let mut h = harness(sample());
    let span = h.state().spans()[0].clone();
    h.get_by_label_contains("Divergences");
    let buttons = h.query_all_by_label("Insight").count();
    assert!(
        buttons >= 2,
        "an Insight button per divergence and turning point"
    );
    h.query_all_by_label("Insight")
        .next()
        .expect("the first divergence's button")
        .click();
    h.run();
    h.run();
    let insights = &h.state().board().insights;
    assert_eq!(insights.len(), 1);
    assert_eq!(
        (insights[0].at, insights[0].until),
        (span.start, Some(span.end)),
        "over the divergence"
    );
}

#[test]
fn insights_survive_a_feelings_round_and_the_pdf_holds_them() {
    let mut board = sample();
    board.round.form_key = form::new_key().expect("a key");
    let mut app = RetrolineApp::with_dialogs(board.clone(), None, no_dialogs());
    assert!(app.apply_edit(Edit::AddInsight(insight(
        "Support saw it first",
        T1,
        Some(T2)
    ))));
    let kept = app.board().insights.clone();
    let answer = form::make_answer(
        app.board(),
        json!({"participant": "Remote Rae", "feelings": [{"time": T1, "valence": 3.0}],
               "secret": "5ec2e7-of-rae-0000000001"}),
    )
    .expect("signed");
    let mut h = window(move || app);
    h.state_mut().merge_answers(&answer);
    h.run();
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    assert!(h.state().board().participant_named("Remote Rae").is_some());
    assert_eq!(h.state().board().insights, kept, "the round left them");
    let pdf = retroline::render::pdf::pdf_report(
        h.state().board(),
        retroline::render::pdf::Paper::A4,
        false,
    )
    .expect("a PDF");
    assert!(pdf.starts_with(b"%PDF"));
}

/// A board with no feelings, a form key, and a line for Rae that asks to stay anonymous.
fn anonymous_room() -> (Board, serde_json::Value) {
    let mut board = sample();
    board.feelings.clear();
    board.participants.retain(|p| p.name == "Ana Lima");
    board.round.form_key = form::new_key().expect("a key");
    let body = json!({
        "participant": "Remote Rae",
        "feelings": [{ "time": T1, "valence": -3.0 }, { "time": T2, "valence": 4.0 }],
        "anonymous": true,
        "secret": "5ec2e7-of-rae-0000000001",
    });
    (board, body)
}

#[test]
fn a_phone_asking_to_stay_anonymous_is_kept_out_of_every_export_on_every_way_in() {
    let (board, body) = anonymous_room();
    // Over HTTP, to `collect`.
    let server = Collecting::start(&board);
    let (status, answer) = server.post(&body.to_string());
    assert_eq!(status, 200, "{answer}");
    let (_, by_http) = server.finish();
    // Pasted into the window from the offline form.
    let for_window = board.clone();
    let mut h = window(move || RetrolineApp::with_dialogs(for_window, None, no_dialogs()));
    h.state_mut()
        .merge_answers(&form::make_answer(&board, body.clone()).expect("signed"));
    h.run();
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    let by_window = h.state().board().clone();
    assert_eq!(by_window, by_http, "the same board either way");
    let rae = by_http.participant_named("Remote Rae").expect("Rae");
    assert!(rae.anonymous, "the file records the wish");
    assert!(by_http.names(by_http.participant_named("Ana Lima").expect("Ana").id));

    // Every export and the screen show Rae as a number, and still name Ana.
    let md = retroline::io::markdown::report(&by_http, false);
    let html = retroline::io::html::html_report(&by_http, false, &[]);
    let csv = retroline::io::actions_csv::actions_csv(&by_http, false);
    for (what, text) in [("markdown", &md), ("html", &html), ("csv", &csv)] {
        assert!(!text.contains("Rae"), "{what} names Rae:\n{text}");
    }
    assert!(
        md.contains("Participant 2") && md.contains("Ana Lima"),
        "{md}"
    );
    assert!(md.contains("1 participant asked to stay anonymous in the record."));
    assert!(
        h.query_all_by_label_contains("Participant 2")
            .next()
            .is_some()
    );
    assert!(h.query_by_label_contains("Remote Rae").is_none());

    // Sent again without the wish, with the same secret: named again.
    let mut named = body.clone();
    named["anonymous"] = false.into();
    h.state_mut()
        .merge_answers(&form::make_answer(&board, named).expect("signed"));
    h.run();
    let rae = h
        .state()
        .board()
        .participant_named("Remote Rae")
        .expect("Rae");
    assert!(!rae.anonymous);
}

/// The report's section under `heading`, up to the next one of its level.
fn section<'a>(md: &'a str, heading: &str) -> &'a str {
    let start = md
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading} in {md}"));
    let rest = &md[start + heading.len()..];
    &md[start..start + heading.len() + rest.find("\n## ").unwrap_or(rest.len())]
}

#[test]
fn names_kept_back_show_as_numbers_until_the_facilitator_shows_them() {
    let board = sample();
    let mut h = harness(board.clone());
    h.get_by_label("Round").click();
    h.run();
    h.get_by_label("Keep names back until named").click();
    h.run();
    h.run();
    assert!(h.state().board().naming.hides_names());
    for p in &board.participants {
        assert!(
            h.query_by_label_contains(&p.name).is_none(),
            "{} is named on screen",
            p.name
        );
    }
    // The lines, the divergences and the turning points name nobody (an action item's owner
    // stays as typed: owning it is a choice made in the open).
    let md = retroline::io::markdown::report(h.state().board(), false);
    for heading in ["## Divergences", "## Turning points", "## Participants"] {
        let section = section(&md, heading);
        assert!(
            board
                .participants
                .iter()
                .all(|p| !section.contains(&p.name)),
            "{section}"
        );
    }
    h.get_by_label("Round").click();
    h.run();
    h.get_by_label("Show names").click();
    h.run();
    h.run();
    let naming = h.state().board().naming;
    assert!(!naming.hides_names() && naming.named_at.is_some());
    assert!(
        h.query_all_by_label_contains(&board.participants[0].name)
            .next()
            .is_some()
    );
    let md = retroline::io::markdown::report(h.state().board(), false);
    assert!(md.contains("Names were kept back until"), "{md}");
}

#[test]
fn e_steps_an_events_kind_and_the_reports_time_detection_and_repair() {
    let mut h = harness(sample());
    h.key_press(Key::CloseBracket);
    h.run();
    let first = h.state().selected().expect("an event");
    h.key_press(Key::CloseBracket);
    h.run();
    let second = h.state().selected().expect("an event");
    h.key_press(Key::E);
    h.run();
    let kind = |h: &egui_kittest::Harness<'_, RetrolineApp>, id| {
        h.state()
            .board()
            .events
            .iter()
            .find(|e| e.id == id)
            .expect("event")
            .kind
    };
    assert_eq!(kind(&h, second), EventKind::Detection);
    for _ in 0..2 {
        h.key_press(Key::E);
        h.run();
    }
    assert_eq!(kind(&h, second), EventKind::Repair);
    assert_eq!(kind(&h, first), EventKind::None);
    let board = h.state().board();
    let (t0, t1) = (
        board
            .events
            .iter()
            .map(|e| e.time.unix_nanos())
            .min()
            .expect("events"),
        board
            .events
            .iter()
            .find(|e| e.id == second)
            .expect("event")
            .time
            .unix_nanos(),
    );
    let minutes = (t1 - t0) / 60_000_000_000;
    let md = retroline::io::markdown::report(board, false);
    assert!(
        md.contains(&format!("- Time to repair: {minutes} min")),
        "{minutes} min:\n{md}"
    );
    assert!(
        !md.contains("Time to detect"),
        "no detection, no line: {md}"
    );
    assert!(md.contains("| Kind |"), "a kind column");
    // The card says it.
    h.get_by_label_contains("REPAIR");
}
