//! Participant names as people see them, through the public API and the real binary: a name
//! that is the same person's resolves to them, a look-alike or a blank name is refused with a
//! sentence and the board stays as it was, and `divergences` never shows one name on both sides.

use std::path::Path;
use std::process::{Command, Output};

use retroline::doc::{Document, Edit, EditError, ImportedFeeling, NewFeeling};
use retroline::model::{Board, Moment, Participant};

const ANA: &str = "Ana";
/// José with `é` as one character (NFC).
const NFC_JOSE: &str = "Jos\u{00E9}";
/// José with `e` and a combining acute accent (NFD).
const NFD_JOSE: &str = "Jose\u{0301}";

fn at(s: &str) -> Moment {
    Moment::parse_rfc3339(s).expect("test time")
}

fn line(valence: f64) -> Vec<NewFeeling> {
    vec![NewFeeling {
        time: at("2026-03-14T02:00:00Z"),
        valence,
        emotion: String::new(),
        note: String::new(),
    }]
}

fn submit(doc: &mut Document, name: &str, valence: f64) -> Result<(), EditError> {
    doc.apply(Edit::Submit {
        name: name.to_owned(),
        feelings: line(valence),
    })
    .map(|_| ())
}

/// A board with Ana and José (typed composed), each with a line.
fn ana_and_jose() -> Document {
    let mut doc = Document::new(Board::new("Night"), None, None);
    submit(&mut doc, ANA, 3.0).expect("Ana joins");
    submit(&mut doc, NFC_JOSE, -3.0).expect("José joins");
    doc
}

fn names(board: &Board) -> Vec<&str> {
    board.participants.iter().map(|p| p.name.as_str()).collect()
}

#[test]
fn the_same_name_typed_another_way_is_the_same_person() {
    for (typed, meant) in [
        (NFD_JOSE, NFC_JOSE),
        ("ANA", ANA),
        ("  ana ", ANA),
        ("Ａｎａ", ANA),
        ("𝐀𝐧𝐚", ANA),
    ] {
        let mut doc = ana_and_jose();
        submit(&mut doc, typed, 1.5).unwrap_or_else(|e| panic!("{typed:?}: {e}"));
        let board = doc.board();
        assert_eq!(names(board), [ANA, NFC_JOSE], "{typed:?} is nobody new");
        let person = board.participant_named(meant).expect("still there").id;
        let theirs: Vec<f64> = board
            .feelings
            .iter()
            .filter(|f| f.participant == person)
            .map(|f| f.valence)
            .collect();
        assert_eq!(theirs, [1.5], "{typed:?} replaced {meant:?}'s line");
    }
}

#[test]
fn a_look_alike_is_refused_with_both_names_and_the_board_unchanged() {
    for (typed, existing) in [
        ("\u{0410}na", ANA),               // Cyrillic А
        ("\u{0391}na", ANA),               // Greek Α
        ("Jos\u{0435}\u{0301}", NFC_JOSE), // Cyrillic е and a combining accent
    ] {
        let mut doc = ana_and_jose();
        let before = doc.board().clone();
        let err = submit(&mut doc, typed, 1.0).expect_err(typed);
        assert_eq!(
            err.to_string(),
            format!(
                "\"{typed}\" looks like \"{existing}\", who is already on the board: pick a name \
                 that cannot be mistaken for theirs"
            )
        );
        assert_eq!(*doc.board(), before, "{typed:?} changed the board");
    }
}

#[test]
fn a_name_that_shows_nothing_is_refused() {
    for typed in [
        "\u{2800}",
        "\u{0301}",
        "\u{3164}",
        "\u{115F}\u{1160}",
        "\u{200B}",
    ] {
        let mut doc = ana_and_jose();
        let before = doc.board().clone();
        let err = submit(&mut doc, typed, 1.0).expect_err(typed);
        assert_eq!(err, EditError::InvisibleName, "{typed:?}");
        assert_eq!(
            err.to_string(),
            "a participant needs a name with something visible in it"
        );
        assert_eq!(*doc.board(), before, "{typed:?} changed the board");
        let err = doc
            .apply(Edit::AddParticipant {
                name: typed.to_owned(),
            })
            .expect_err(typed);
        assert_eq!(err, EditError::InvisibleName, "added by hand: {typed:?}");
    }
}

#[test]
fn someone_else_is_still_welcome() {
    // "Jose" without the accent is another identity, and the TS #39 skeleton keeps accents, so
    // it does not look like "José" either: it is a new person, as "Anna" is.
    for other in ["Anna", "Jose", "Ben"] {
        let mut doc = ana_and_jose();
        submit(&mut doc, other, 1.0).unwrap_or_else(|e| panic!("{other:?}: {e}"));
        assert_eq!(names(doc.board()), [ANA, NFC_JOSE, other]);
    }
}

#[test]
fn adding_or_renaming_to_a_look_alike_is_refused_too() {
    let mut doc = ana_and_jose();
    let err = doc
        .apply(Edit::AddParticipant {
            name: "\u{0410}na".to_owned(),
        })
        .expect_err("a Cyrillic Аna");
    assert!(matches!(err, EditError::LooksLike { .. }), "{err}");

    let jose = doc.board().participants[1].clone();
    let renamed = Participant {
        name: "\u{0391}na".to_owned(),
        ..jose.clone()
    };
    let before = doc.board().clone();
    let err = doc
        .apply(Edit::UpdateParticipant(renamed))
        .expect_err("José renamed to a Greek Αna");
    assert!(err.to_string().contains("looks like \"Ana\""), "{err}");
    assert_eq!(*doc.board(), before);

    // A name being retyped may be empty for a moment, and one's own look-alike is no one else's.
    for name in ["", "J", "Jose", NFD_JOSE, "Jos\u{0435}\u{0301}"] {
        let step = Participant {
            name: name.to_owned(),
            ..jose.clone()
        };
        doc.apply(Edit::UpdateParticipant(step))
            .unwrap_or_else(|e| panic!("{name:?}: {e}"));
    }
}

#[test]
fn an_import_is_refused_whole_for_a_look_alike_and_matches_by_identity() {
    let feeling = |name: &str| ImportedFeeling {
        participant: name.to_owned(),
        feeling: line(2.0).remove(0),
    };
    let mut doc = ana_and_jose();
    let before = doc.board().clone();
    let err = doc
        .apply(Edit::ImportFeelings(vec![
            feeling("Ben"),
            feeling("\u{0410}na"),
        ]))
        .expect_err("a Cyrillic Аna in the CSV");
    assert!(matches!(err, EditError::LooksLike { .. }), "{err}");
    assert_eq!(*doc.board(), before, "nothing imported, Ben neither");

    // Two new look-alikes in one import: the second is refused.
    let err = doc
        .apply(Edit::ImportFeelings(vec![
            feeling("Olga"),
            feeling("\u{041E}lga"),
        ]))
        .expect_err("Olga and a Cyrillic Оlga");
    assert!(err.to_string().contains("looks like \"Olga\""), "{err}");

    doc.apply(Edit::ImportFeelings(vec![
        feeling(NFD_JOSE),
        feeling("ＡＮＡ"),
        feeling("Ben"),
    ]))
    .expect("José, Ana and someone new");
    assert_eq!(names(doc.board()), [ANA, NFC_JOSE, "Ben"]);
}

#[test]
fn a_board_that_already_holds_look_alikes_still_loads_and_edits() {
    let mut board = Board::new("Older");
    board.add_participant(ANA);
    board.add_participant("\u{0410}na");
    let mut doc = Document::new(Board::new("Empty"), None, None);
    doc.apply(Edit::ReplaceBoard(Box::new(board)))
        .expect("a whole board is taken as it is");
    let mut cyrillic = doc.board().participants[1].clone();
    cyrillic.hidden = true;
    doc.apply(Edit::UpdateParticipant(cyrillic))
        .expect("hiding a look-alike that was already there");
    assert!(doc.board().participants[1].hidden);
}

fn retroline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_retroline"))
        .args(args)
        .output()
        .expect("the retroline binary runs")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn divergences_never_show_one_name_on_both_sides() {
    // José felt fine, then, typing his name decomposed on another device, said he did not:
    // one person, whose second line replaced the first.
    let mut doc = ana_and_jose();
    submit(&mut doc, NFC_JOSE, 3.0).expect("José again");
    submit(&mut doc, NFD_JOSE, -3.0).expect("José decomposed");
    assert_eq!(names(doc.board()), [ANA, NFC_JOSE]);
    let spans = retroline::analysis::divergences(doc.board(), 1.0);
    assert_eq!(spans.len(), 1, "{spans:?}");
    let jose = doc.board().participants[1].id;
    assert_eq!(spans[0].negative, [jose]);
    assert!(!spans[0].positive.contains(&jose), "{spans:?}");

    // The same through the binary and `retroline divergences`: a CSV where José, typed both
    // ways, is up at 02:00 and 03:00 and down at 02:30. Taken for two people, the composed one
    // would be positive and the decomposed one negative at the 02:30 peak.
    let dir = tempfile::tempdir().expect("tempdir");
    let feelings = dir.path().join("feelings.csv");
    let board = dir.path().join("board.ron");
    let csv = format!(
        "participant,time,valence\n\
         {ANA},2026-03-14T02:00:00Z,3\n{ANA},2026-03-14T03:00:00Z,3\n\
         {NFC_JOSE},2026-03-14T02:00:00Z,3\n{NFC_JOSE},2026-03-14T03:00:00Z,3\n\
         {NFD_JOSE},2026-03-14T02:30:00Z,-3\n"
    );
    std::fs::write(&feelings, csv).expect("write");
    let events = dir.path().join("events.csv");
    std::fs::write(&events, "time,title\n2026-03-14T02:00:00Z,Alert fires\n").expect("write");
    let out = retroline(&[
        "import",
        "--events",
        s(&events),
        "--feelings",
        s(&feelings),
        "-o",
        s(&board),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = retroline(&["divergences", s(&board), "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let spans = json.as_array().expect("a list of spans");
    assert_eq!(spans.len(), 1, "{json}");
    assert_eq!(spans[0]["positive"], serde_json::json!([ANA]), "{json}");
    assert_eq!(
        spans[0]["negative"],
        serde_json::json!([NFC_JOSE]),
        "{json}"
    );
    for span in spans {
        let side = |key: &str| -> Vec<String> {
            span[key]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|n| n.as_str().map(retroline::model::names::identity))
                .collect()
        };
        let (up, down) = (side("positive"), side("negative"));
        assert!(
            up.iter().all(|n| !down.contains(n)),
            "one name on both sides: {span}"
        );
    }
}
