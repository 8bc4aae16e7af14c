//! What a participant is told is what the file holds, and each line is its owner's, on every
//! way in: a phone over HTTP (`collect` and the window), an answer pasted from the offline
//! form, a retry after a failed save, a restart, a second server on the same file.
//! Loopback only.

use eframe::egui::{Key, Modifiers};
use retroline::app::RetrolineApp;
use retroline::model::Board;
use retroline::server::form;
use serde_json::{Value, json};

mod common;
use common::collecting::Collecting;
use common::*;

const T1: &str = "2026-03-14T02:30:00+01:00";
const T2: &str = "2026-03-14T03:30:00+01:00";

/// The sample's events, nobody on it but Ana Lima, whose nine feelings the facilitator typed
/// in; and a form made for it.
fn room_with_ana_lima() -> Board {
    let mut board = sample();
    board.participants.clear();
    board.feelings.clear();
    board.action_items.clear();
    let ana = board.add_participant("Ana Lima");
    let start = at(T1);
    for i in 0..9_i32 {
        let secs = start.unix_nanos().div_euclid(1_000_000_000) as i64 + i64::from(i) * 600;
        let t = retroline::model::Moment::from_unix_seconds(secs, start.offset()).expect("a time");
        board.add_feeling(ana, t, f64::from(i - 4), "", "");
    }
    board.round.form_key = form::new_key().expect("a key");
    board
}

fn body(name: &str, valence: f64, secret: &str) -> Value {
    json!({
        "participant": name,
        "feelings": [{ "time": T1, "valence": valence }, { "time": T2, "valence": valence }],
        "secret": secret,
    })
}

/// The same four lines, in order: a forged one for Ana Lima (whose line was typed in), Rae's
/// first, Rae's change with her secret, and someone else sending as Rae. Each with what the
/// sender must be told.
fn the_four() -> Vec<(Value, u16, &'static str)> {
    let rae = "5ec2e7-of-rae-0000000001";
    vec![
        (
            body("Ana Lima", 5.0, "f0rged-f0rged-f0rged"),
            409,
            "already has feelings on this board from before this round",
        ),
        (body("Remote Rae", -2.0, rae), 200, ""),
        (body("remote rae", 4.0, rae), 200, ""),
        (
            body("Remote Rae", -5.0, "someone-else-entirely"),
            403,
            "already submitted from another device",
        ),
    ]
}

#[test]
fn pasted_answers_and_phones_go_through_one_admission_and_give_one_board() {
    let board = room_with_ana_lima();

    // Through HTTP, to `collect`.
    let server = Collecting::start(&board);
    for (sent, status, says) in the_four() {
        let (got, answer) = server.post(&sent.to_string());
        assert_eq!(got, status, "{sent}: {answer}");
        assert!(answer.contains(says), "{sent}: {answer}");
    }
    let (summary, by_http) = server.finish();
    assert_eq!(
        (summary.accepted, summary.refused, summary.people),
        (2, 2, 1)
    );

    // Pasted into the window, one answer at a time as they come in the chat.
    let for_window = board.clone();
    let mut h = window(move || RetrolineApp::with_dialogs(for_window, None, no_dialogs()));
    for (sent, status, says) in the_four() {
        let before = h.state().errors().len();
        let answer = form::make_answer(&board, sent.clone()).expect("signed");
        h.state_mut()
            .merge_answers(&format!("[10:01] here it is: {answer}"));
        h.run();
        let errors = &h.state().errors()[before..];
        if status == 200 {
            assert!(errors.is_empty(), "{sent}: {errors:?}");
        } else {
            assert_eq!(errors.len(), 1, "{sent}: {errors:?}");
            assert!(errors[0].contains(says), "{sent}: {errors:?}");
        }
    }
    // The same board either way: Ana Lima's nine feelings as typed, Rae's line as she changed
    // it, and Rae's claim.
    let by_window = h.state().board().clone();
    assert_eq!(by_window, by_http);
    let ana = by_http.participant_named("Ana Lima").expect("Ana").id;
    assert_eq!(
        by_http
            .feelings
            .iter()
            .filter(|f| f.participant == ana)
            .count(),
        9
    );
    let rae = by_http.participant_named("Remote Rae").expect("Rae").id;
    let rae_line: Vec<f64> = by_http
        .feelings
        .iter()
        .filter(|f| f.participant == rae)
        .map(|f| f.valence)
        .collect();
    assert_eq!(rae_line, [4.0, 4.0]);
    assert_eq!(by_http.round.lines.len(), 1);
}

#[test]
fn after_collect_restarts_people_change_their_line_with_their_secret_and_nobody_else_can() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("board.ron");
    let mut board = room_with_ana_lima();
    board.participants.clear();
    board.feelings.clear();
    retroline::io::board_file::save(&path, &board).expect("save");

    let first = Collecting::start_at(&path).expect("started");
    let (status, answer) = first.post(&line("Ana", &[(T1, 2.0)]));
    assert_eq!(status, 200, "{answer}");
    let secret: Value = serde_json::from_str(&answer).expect("json");
    let secret = secret["secret"].as_str().expect("a secret").to_owned();
    first.finish();

    let again = Collecting::start_at(&path).expect("started again");
    let (status, answer) = again.post(&line("Ana", &[(T1, -3.0)]));
    assert_eq!(status, 403, "without her secret: {answer}");
    let mine = body("Ana", -3.0, &secret).to_string();
    let (status, answer) = again.post(&mine);
    assert_eq!(status, 200, "with her secret: {answer}");
    let (_, kept) = again.finish();
    let valences: Vec<f64> = kept.feelings.iter().map(|f| f.valence).collect();
    assert_eq!(valences, [-3.0, -3.0]);
    assert!(
        !std::fs::read_to_string(&path)
            .expect("read")
            .contains(&secret),
        "the file holds the secret's hash, never the secret"
    );
}

#[test]
fn a_failed_save_is_said_and_the_retry_with_the_secret_is_taken() {
    let board = room_with_ana_lima();
    let server = Collecting::start(&board);
    let rae = "the-secret-rae-s-page-made";
    let (status, answer) = server.post(&body("Rae", 1.0, rae).to_string());
    assert_eq!(status, 200, "{answer}");

    // The file's place becomes a folder: the next save fails.
    let path = server.path();
    let saved = std::fs::read(&path).expect("read");
    std::fs::remove_file(&path).expect("rm");
    std::fs::create_dir(&path).expect("mkdir");
    let (status, answer) = server.post(&body("Rae", -4.0, rae).to_string());
    assert_eq!(status, 503, "{answer}");
    assert!(answer.contains("could not be saved"), "{answer}");

    // Back again: her retry, with her secret, is taken.
    std::fs::remove_dir(&path).expect("rmdir");
    std::fs::write(&path, saved).expect("write back");
    let (status, answer) = server.post(&body("Rae", -4.0, rae).to_string());
    assert_eq!(status, 200, "{answer}");
    let (summary, kept) = server.finish();
    let valences: Vec<f64> = kept
        .feelings
        .iter()
        .filter(|f| Some(f.participant) == kept.participant_named("Rae").map(|p| p.id))
        .map(|f| f.valence)
        .collect();
    assert_eq!(valences, [-4.0, -4.0]);
    assert_eq!((summary.accepted, summary.people), (2, 1));
}

#[test]
fn a_second_server_or_a_window_save_on_a_collected_file_is_refused_and_nothing_is_lost() {
    let board = room_with_ana_lima();
    let server = Collecting::start(&board);
    let path = server.path();
    let second = Collecting::start_at(&path);
    let Err(why) = second else {
        panic!("a second collect started on the same file");
    };
    assert!(
        why.contains("being written by another retroline (retroline collect"),
        "{why}"
    );

    // A window open on the same file cannot save over what collect writes.
    let opened = path.clone();
    let mut h = window(move || RetrolineApp::open_at_start(Some(opened)));
    h.run();
    h.state_mut().apply_edit(retroline::doc::Edit::SetTitle(
        "Renamed in the window".into(),
    ));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let errors = h.state().errors();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("Cannot save") && e.contains("retroline collect")),
        "{errors:?}"
    );
    assert!(
        h.state().has_unsaved_changes(),
        "the window's edit is still on screen"
    );
    let (status, answer) = server.post(&line("Rae", &[(T1, 3.0)]));
    assert_eq!(status, 200, "{answer}");
    let (_, kept) = server.finish();
    assert!(
        kept.participant_named("Rae").is_some(),
        "Rae's line was lost"
    );
    assert_ne!(kept.title, "Renamed in the window");
}

#[test]
fn look_alike_and_blank_names_are_refused_over_http_and_the_same_name_is_one_person() {
    let mut board = room_with_ana_lima();
    board.participants.clear();
    board.feelings.clear();
    let server = Collecting::start(&board);
    for name in ["Ana", "José"] {
        let (status, answer) = server.post(&line(name, &[(T1, 2.0)]));
        assert_eq!(status, 200, "{name}: {answer}");
    }
    // Cyrillic А, Greek Α: look-alikes of Ana.
    for name in ["\u{410}na", "\u{391}na"] {
        let (status, answer) = server.post(&line(name, &[(T1, -2.0)]));
        assert_eq!(status, 422, "{name}: {answer}");
        assert!(answer.contains("looks like"), "{name}: {answer}");
    }
    // The same person typed another way: their line, needing their secret.
    for name in [
        "Jose\u{301}",
        "\u{FF21}\u{FF4E}\u{FF41}",
        "\u{1D400}\u{1D427}\u{1D41A}",
    ] {
        let (status, answer) = server.post(&line(name, &[(T1, -2.0)]));
        assert_eq!(status, 403, "{name}: {answer}");
    }
    // Names that show nothing.
    for name in ["\u{2800}", "\u{301}"] {
        let (status, answer) = server.post(&line(name, &[(T1, -2.0)]));
        assert_eq!(status, 400, "{name:?}: {answer}");
    }
    let (_, kept) = server.finish();
    let names: Vec<&str> = kept.participants.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Ana", "José"]);
}
