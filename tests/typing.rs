//! Everyone's feelings from the keyboard alone: select an event with `]`, press K, then a value
//! (and a word) and Enter per person.

use eframe::egui::{Color32, Event, Key, Rect, Shape};
use egui_kittest::kittest::Queryable;
use retroline::app::RetrolineApp;

mod common;
use common::*;

#[test]
fn five_people_at_three_events_typed_from_the_keyboard() {
    let mut board = sample();
    board.feelings.clear();
    let people: Vec<_> = board.participants.iter().map(|p| p.id).collect();
    assert_eq!(people.len(), 5);
    let mut events: Vec<_> = board.events.iter().map(|e| (e.time, e.id)).collect();
    events.sort_by_key(|(t, id)| (t.unix_nanos(), *id));
    let mut h = window(move || RetrolineApp::with_dialogs(board, None, no_dialogs()));
    // `]` selects the first event; K starts typing there. Each value here is typed in full
    // and Enter, the slow way (half steps and words need it); one key a value is
    // `a_whole_round_costs_at_most_one_and_a_half_keys_a_value`.
    h.key_press(Key::CloseBracket);
    h.run();
    h.key_press(Key::K);
    h.run();
    for e in 0..3 {
        for p in 0..5 {
            let value = (e * 5 + p) as f64 % 11.0 - 5.0;
            let text = if p == 2 {
                format!("{value} scared")
            } else {
                format!("{value}")
            };
            h.event(Event::Text(text));
            h.key_press(Key::Enter);
            h.run();
        }
    }
    let board = h.state().board();
    assert_eq!(board.feelings.len(), 15);
    for (e, (time, _)) in events.iter().take(3).enumerate() {
        for (p, who) in people.iter().enumerate() {
            let f = board.feeling_at(*who, *time).expect("a feeling");
            assert_eq!(f.valence, (e * 5 + p) as f64 % 11.0 - 5.0);
            assert_eq!(f.emotion, if p == 2 { "scared" } else { "" });
        }
    }
    assert_eq!(
        h.state().selected(),
        Some(events[3].1),
        "the round moved on to the fourth event"
    );
    // An empty Enter skips someone, Esc stops, and nothing typed after it lands.
    h.key_press(Key::Enter);
    h.run();
    h.key_press(Key::Escape);
    h.run();
    h.event(Event::Text("4".to_owned()));
    h.run();
    assert_eq!(h.state().board().feelings.len(), 15);
}

#[test]
fn a_value_out_of_range_is_refused_and_typed_again() {
    let mut board = sample();
    board.feelings.clear();
    let mut h = window(move || RetrolineApp::with_dialogs(board, None, no_dialogs()));
    h.key_press(Key::CloseBracket);
    h.run();
    h.key_press(Key::K);
    h.run();
    h.event(Event::Text("9".to_owned()));
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().board().feelings.is_empty());
    h.event(Event::Text("2".to_owned()));
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().board().feelings.len(), 1);
}

#[test]
fn five_participants_added_by_typing_name_and_enter() {
    let mut board = sample();
    board.participants.clear();
    board.feelings.clear();
    let mut h = window(move || RetrolineApp::with_dialogs(board, None, no_dialogs()));
    h.get_by_label("New").focus();
    h.run();
    for name in ["Ana", "Ben", "Chidi", "Dana", "Elif"] {
        h.event(Event::Text(name.to_owned()));
        h.key_press(Key::Enter);
        h.run();
    }
    let names: Vec<String> = h
        .state()
        .board()
        .participants
        .iter()
        .map(|p| p.name.clone())
        .collect();
    assert_eq!(names, ["Ana", "Ben", "Chidi", "Dana", "Elif"]);
}

#[test]
fn a_feeling_set_by_mistake_is_cleared_from_its_row() {
    let mut board = sample();
    board.feelings.clear();
    let mut h = window(move || RetrolineApp::with_dialogs(board, None, no_dialogs()));
    h.key_press(Key::CloseBracket);
    h.run();
    h.get_all_by_label_contains("Set")
        .next()
        .expect("a Set button")
        .click();
    h.run();
    assert_eq!(h.state().board().feelings.len(), 1);
    h.get_by_label("Clear").click();
    h.run();
    assert!(h.state().board().feelings.is_empty());
}

#[test]
fn a_delete_says_what_it_took_and_offers_undo_there() {
    let board = sample();
    let first = board
        .events
        .iter()
        .min_by_key(|e| e.time.unix_nanos())
        .expect("an event")
        .clone();
    let count = board.events.len();
    let mut h = window(move || RetrolineApp::with_dialogs(board, None, no_dialogs()));
    h.key_press(Key::CloseBracket);
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(h.state().board().events.len(), count - 1);
    let said = format!("Deleted event “{}", &first.title[..20]);
    assert!(
        h.query_by_label_contains(&said).is_some(),
        "no notice {said}"
    );
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(h.state().board().events.len(), count);
    assert!(
        h.query_by_label_contains(&format!("Undid delete event “{}", &first.title[..20]))
            .is_some()
    );
}

/// The keys of the live-room accident: a value typed before its field has the focus, digits,
/// Backspace, Delete, Enter and the zoom keys. While the focus is not on the board, none of them
/// may touch it, or the view.
fn stray_keys(h: &mut egui_kittest::Harness<'_, RetrolineApp>) {
    h.event(Event::Text("-4".to_owned()));
    for key in [
        Key::Minus,
        Key::Num4,
        Key::Num2,
        Key::Num3,
        Key::Backspace,
        Key::Delete,
        Key::Enter,
        Key::F,
        Key::Plus,
        Key::Insert,
        Key::K,
        Key::CloseBracket,
        Key::ArrowLeft,
        Key::ArrowDown,
    ] {
        h.key_press(key);
        h.run();
    }
}

#[test]
fn keys_typed_while_the_focus_moves_to_a_field_change_nothing_on_the_board() {
    let mut board = sample();
    board.feelings.clear();
    let mut h = window(move || RetrolineApp::with_dialogs(board, None, no_dialogs()));
    // `]` works while the board has the focus, as it has at the start.
    h.key_press(Key::CloseBracket);
    h.run();
    let selected = h.state().selected();
    assert!(selected.is_some(), "`]` selected the first event");
    // A click on Set takes the focus away from the board; the value is typed before any field has
    // it.
    h.get_all_by_label_contains("Set")
        .next()
        .expect("a Set button")
        .click();
    h.run();
    assert_eq!(h.state().board().feelings.len(), 1);
    let board = h.state().board().clone();
    let view = h.state().geometry().expect("drawn").view;
    let active = h.state().active_participant();
    stray_keys(&mut h);
    assert_eq!(h.state().board(), &board, "the board changed");
    assert_eq!(
        h.state().geometry().expect("drawn").view,
        view,
        "the view moved"
    );
    assert_eq!(h.state().selected(), selected);
    assert_eq!(h.state().active_participant(), active);
    assert!(
        h.query_by_label("Typing feelings").is_none(),
        "no keyboard round began"
    );

    // Back on the board (a click on the time axis above the lanes), the keys act again.
    click_the_time_axis(&mut h);
    h.key_press(Key::CloseBracket);
    h.run();
    assert!(h.state().selected().is_some());
    let events = h.state().board().events.len();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(h.state().board().events.len(), events - 1);
}

/// Whether a rectangle outline in `colour` is drawn around `rect`.
fn ring_around(h: &egui_kittest::Harness<'_, RetrolineApp>, rect: Rect, colour: Color32) -> bool {
    fn walk(shape: &Shape, rect: Rect, colour: Color32) -> bool {
        match shape {
            Shape::Vec(shapes) => shapes.iter().any(|s| walk(s, rect, colour)),
            Shape::Rect(r) => {
                r.stroke.color == colour
                    && r.stroke.width >= 2.0
                    && r.rect.expand(r.stroke.width).contains_rect(rect)
                    && r.rect.width() < rect.width() + 20.0
            }
            _ => false,
        }
    }
    h.output()
        .shapes
        .iter()
        .any(|c| walk(&c.shape, rect, colour))
}

#[test]
fn whatever_has_the_keyboard_focus_wears_a_ring_in_every_theme() {
    use retroline::theme::{Theme, contrast_ratio};
    for theme in [Theme::Light, Theme::Dark, Theme::Projector] {
        let mut h = window(|| RetrolineApp::with_dialogs(sample(), None, no_dialogs()));
        let ctx = h.ctx.clone();
        h.state_mut().apply_prefs(
            &ctx,
            retroline::app::Prefs {
                theme,
                ..Default::default()
            },
        );
        h.run();
        let ring = theme.palette().focus_ring;
        let panel = h.ctx.global_style().visuals.panel_fill;
        assert!(
            contrast_ratio(ring, panel) >= 3.0,
            "{theme:?}: the ring stands out from the panel"
        );
        // The board has the focus at the start.
        let board = h.state().geometry().expect("drawn").board;
        assert!(ring_around(&h, board, ring), "{theme:?}: the board's ring");
        // A button, a text field and a checkbox, each reached by the keyboard.
        for label in ["Zoom out", "New", "shown"] {
            let Some(node) = h.query_all_by_label_contains(label).next() else {
                panic!("{theme:?}: no {label}");
            };
            node.focus();
            h.run();
            let rect = h
                .get_all_by_label_contains(label)
                .next()
                .expect("still there")
                .rect();
            assert!(
                ring_around(&h, rect, ring),
                "{theme:?}: a ring around {label}"
            );
        }
    }
}

#[test]
fn the_round_shows_what_someone_already_felt_and_replaces_it_whole() {
    let mut board = sample();
    board.feelings.clear();
    let first = board
        .events
        .iter()
        .min_by_key(|e| e.time.unix_nanos())
        .expect("an event")
        .time;
    let ana = board.participants[0].id;
    board.add_feeling(ana, first, 3.0, "confident", "a note");
    let mut h = window(move || RetrolineApp::with_dialogs(board, None, no_dialogs()));
    h.key_press(Key::CloseBracket);
    h.run();
    h.key_press(Key::K);
    h.run();
    assert!(
        h.query_by_label_contains("now +3 confident; an empty Enter keeps it")
            .is_some(),
        "the round says what is there"
    );
    h.event(Event::Text("-1".to_owned()));
    h.key_press(Key::Enter);
    h.run();
    let f = h.state().board().feeling_at(ana, first).expect("kept");
    assert_eq!(f.valence, -1.0);
    assert_eq!(f.emotion, "", "the old word went with the old value");
    assert_eq!(
        f.note, "a note",
        "the note is not typed in the round: it stays"
    );
}

#[test]
fn enter_after_a_title_hands_the_keys_back_so_insert_adds_the_next_event() {
    let board = sample();
    let count = board.events.len();
    let mut h = window(move || RetrolineApp::with_dialogs(board, None, no_dialogs()));
    for title in ["First new", "Second new"] {
        h.key_press(Key::Insert);
        h.run();
        h.key_press_modifiers(eframe::egui::Modifiers::COMMAND, Key::A);
        h.event(Event::Text(title.to_owned()));
        h.key_press(Key::Enter);
        h.run();
    }
    let titles: Vec<&str> = h
        .state()
        .board()
        .events
        .iter()
        .skip(count)
        .map(|e| e.title.as_str())
        .collect();
    assert_eq!(titles, ["First new", "Second new"]);
}

/// Presses `key` as a keyboard does: the key, and the text it types.
fn press(h: &mut egui_kittest::Harness<'_, RetrolineApp>, key: Key, shift: bool, text: &str) {
    let modifiers = if shift {
        eframe::egui::Modifiers::SHIFT
    } else {
        eframe::egui::Modifiers::NONE
    };
    h.key_press_modifiers(modifiers, key);
    h.event(Event::Text(text.to_owned()));
    h.run();
}

/// Five people, three of whom sent their line from their phone: the keyboard round asks only
/// the two others, says who it does not ask, and a whole round of 2 people × 5 events, keys
/// to start it included, costs at most 1.5 key presses a value (Shift+digit counted as one
/// press, as it is one chord; counting Shift as a key of its own is said in the message).
#[test]
fn a_whole_round_costs_at_most_one_and_a_half_keys_a_value() {
    let mut board = sample();
    let phones: Vec<_> = board.participants[..3]
        .iter()
        .map(|p| (p.id, p.name.clone()))
        .collect();
    for (_, name) in &phones {
        board
            .round
            .lines
            .insert(retroline::model::round::claim_key(name), "0".repeat(64));
    }
    let typed: Vec<_> = board.participants[3..].iter().map(|p| p.id).collect();
    board.feelings.retain(|f| !typed.contains(&f.participant));
    let before_phones = board.feelings.clone();
    let mut events: Vec<_> = board.events.iter().map(|e| (e.time, e.id)).collect();
    events.sort_by_key(|(t, id)| (t.unix_nanos(), *id));
    let mut h = window(move || RetrolineApp::with_dialogs(board, None, no_dialogs()));
    let mut presses = 0;
    let mut shifted = 0;
    h.key_press(Key::CloseBracket);
    h.run();
    h.key_press(Key::K);
    h.run();
    presses += 2;
    h.get_by_label_contains(
        "Not asked, they sent their line from their phone: Ana Lima, Ben Carter, Chidi Obi",
    );
    h.get_by_label_contains("1 of 2:");
    // What each of the two felt at the first five events.
    let values: [[f64; 2]; 5] = [
        [-2.0, 1.0],
        [-4.0, 0.0],
        [3.0, -5.0],
        [5.0, -1.0],
        [2.0, 4.0],
    ];
    let digits = [
        Key::Num0,
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
    ];
    let symbols = [")", "!", "@", "#", "$", "%"];
    for row in values {
        for v in row {
            let d = v.abs() as usize;
            if v < 0.0 {
                press(&mut h, digits[d], true, symbols[d]);
                shifted += 1;
            } else {
                press(&mut h, digits[d], false, &d.to_string());
            }
            presses += 1;
        }
    }
    let count = values.len() * 2;
    let per_value = f64::from(presses) / count as f64;
    let with_shift = f64::from(presses + shifted) / count as f64;
    assert!(
        per_value <= 1.5,
        "{per_value} presses a value ({with_shift} counting Shift as a key)"
    );
    let board = h.state().board();
    for (e, row) in values.iter().enumerate() {
        for (p, v) in row.iter().enumerate() {
            let f = board.feeling_at(typed[p], events[e].0).expect("a feeling");
            assert_eq!(f.valence, *v, "event {e}, person {p}");
            assert_eq!(f.emotion, "");
        }
    }
    assert_eq!(
        board.feelings.len(),
        before_phones.len() + count,
        "only the two typed"
    );
    for f in &before_phones {
        assert!(board.feelings.contains(f), "a phone line changed: {f:?}");
    }
    assert_eq!(
        h.state().selected(),
        Some(events[5].1),
        "on to the sixth event"
    );
    // A word or a half step still goes with its sign and Enter.
    h.event(Event::Text("+2.5 relieved".to_owned()));
    h.key_press(Key::Enter);
    h.run();
    let f = h
        .state()
        .board()
        .feeling_at(typed[0], events[5].0)
        .expect("typed");
    assert_eq!((f.valence, f.emotion.as_str()), (2.5, "relieved"));
}

/// Everyone sent their line from their phone: K says so, and asks nobody.
#[test]
fn nobody_to_type_for_when_everyone_sent_from_their_phone() {
    let mut board = sample();
    let names: Vec<String> = board.participants.iter().map(|p| p.name.clone()).collect();
    for name in &names {
        board
            .round
            .lines
            .insert(retroline::model::round::claim_key(name), "0".repeat(64));
    }
    let mut h = window(move || RetrolineApp::with_dialogs(board, None, no_dialogs()));
    h.key_press(Key::CloseBracket);
    h.run();
    h.key_press(Key::K);
    h.run();
    assert!(h.query_by_label("Typing feelings").is_none());
    h.get_by_label_contains("Everyone sent their line from their phone");
}

/// K opens its prompt at the top of the side panel: scrolled down to the participants, the
/// panel scrolls back so that the prompt shows.
#[test]
fn the_keyboard_rounds_prompt_comes_into_view_in_a_scrolled_panel() {
    let mut board = sample();
    board.feelings.clear();
    let mut h = window_sized(1280.0, 720.0, move || {
        RetrolineApp::with_dialogs(board, None, no_dialogs())
    });
    h.key_press(Key::CloseBracket);
    h.run();
    // Scroll the side panel down, over it.
    let over = h.get_by_label("Add to the timeline").rect().center();
    h.hover_at(over);
    h.run();
    for _ in 0..10 {
        h.event(Event::MouseWheel {
            unit: eframe::egui::MouseWheelUnit::Point,
            delta: eframe::egui::vec2(0.0, -400.0),
            phase: eframe::egui::TouchPhase::Move,
            source: eframe::egui::MouseWheelSource::Unknown,
            modifiers: eframe::egui::Modifiers::NONE,
        });
        h.run();
    }
    assert!(
        h.get_by_label("Add to the timeline").rect().bottom() < 0.0 + 100.0,
        "the panel is scrolled"
    );
    // The board keeps the keys: click the time axis, then K.
    click_the_time_axis(&mut h);
    h.key_press(Key::K);
    h.run();
    h.run();
    let prompt = h.get_by_label("Typing feelings").rect();
    assert!(
        prompt.top() >= 0.0 && prompt.bottom() <= 720.0,
        "the prompt is in view: {prompt:?}"
    );
    let field = h.get_by_label("Ana Lima felt").rect();
    assert!(field.bottom() <= 720.0, "its field too: {field:?}");
}

/// A click on the time axis above the lanes: the board has the keys again.
fn click_the_time_axis(h: &mut egui_kittest::Harness<'_, RetrolineApp>) {
    let geometry = h.state().geometry().expect("drawn");
    let empty = eframe::egui::pos2(geometry.axis_left + 40.0, geometry.lanes_area.top() - 8.0);
    h.hover_at(empty);
    h.run();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos: empty,
            button: eframe::egui::PointerButton::Primary,
            pressed,
            modifiers: eframe::egui::Modifiers::NONE,
        });
        h.run();
    }
}
