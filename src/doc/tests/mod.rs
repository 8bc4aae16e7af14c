//! Every edit goes through apply, undo and redo; invalid ones change nothing. No egui.

use super::*;

mod cases;
mod props;
use crate::model::{
    ActionId, ActionItem, ActionStatus, EventId, FeelingId, Link, Moment, ParticipantId,
};

pub(crate) fn at(text: &str) -> Moment {
    Moment::parse_rfc3339(text).expect("a valid time")
}

/// A board with two lanes used, two people with lines that diverge, and an action item.
fn sample() -> Board {
    let mut b = Board::new("Outage");
    let lane = b.lanes[0].id;
    b.add_event(at("2026-03-14T02:00:00+01:00"), "Alert fires", lane, "");
    b.add_event(
        at("2026-03-14T02:30:00+01:00"),
        "Rollback",
        b.lanes[1].id,
        "",
    );
    let ana = b.add_participant("Ana");
    let ben = b.add_participant("Ben");
    b.add_feeling(ana, at("2026-03-14T02:00:00+01:00"), 3.0, "", "");
    b.add_feeling(ana, at("2026-03-14T02:30:00+01:00"), 4.0, "", "");
    b.add_feeling(ben, at("2026-03-14T02:00:00+01:00"), -3.0, "scared", "");
    b.add_feeling(ben, at("2026-03-14T02:30:00+01:00"), -2.0, "", "");
    b.action_items.push(action(ActionId(1), "Page earlier"));
    b.action_items.push(action(ActionId(2), "Runbook"));
    b.insights.push(crate::model::Insight {
        id: crate::model::InsightId(1),
        kind: crate::model::InsightKind::DidNotKnow,
        text: "The queue had no owner".into(),
        at: at("2026-03-14T02:12:00+01:00"),
        until: None,
    });
    // A meeting under way: its timeline phase paused, last time's action, one vote cast.
    b.agenda[2].started = Some(at("2026-03-20T10:00:00Z"));
    b.agenda[2].paused_at = Some(at("2026-03-20T10:05:00Z"));
    b.carried.push(crate::model::CarriedAction {
        text: "Write the runbook".into(),
        owner: "Ana".into(),
        due: None,
        done_when: String::new(),
        from: "Last sprint".into(),
        review: crate::model::Review::ToReview,
        note: String::new(),
    });
    b.voting.votes.push(crate::model::Vote {
        participant: ana,
        target: crate::model::VoteTarget::Event(EventId(1)),
        dots: 1,
    });
    b
}

fn action(id: ActionId, text: &str) -> ActionItem {
    ActionItem {
        id,
        text: text.to_owned(),
        owner: String::new(),
        due: None,
        done_when: String::new(),
        status: ActionStatus::Open,
        links: vec![Link::Event(EventId(1))],
    }
}

pub(crate) fn feeling(time: &str, valence: f64) -> NewFeeling {
    NewFeeling {
        time: at(time),
        valence,
        emotion: String::new(),
        note: String::new(),
    }
}

/// Which variant an edit is; a new variant fails to compile here until it has a test.
fn variant(edit: &Edit) -> usize {
    match edit {
        Edit::SetTitle(_) => 0,
        Edit::SetKind(_) => 1,
        Edit::SetSafetyStatement(_) => 2,
        Edit::MarkSafetyShown(_) => 3,
        Edit::SetNeutralBand(_) => 4,
        Edit::AddLane { .. } => 5,
        Edit::UpdateLane(_) => 6,
        Edit::SwapLanes(..) => 7,
        Edit::RemoveLane { .. } => 8,
        Edit::AddEvent { .. } => 9,
        Edit::UpdateEvent(_) => 10,
        Edit::MoveEvent { .. } => 11,
        Edit::DeleteEvent(_) => 12,
        Edit::AddParticipant { .. } => 13,
        Edit::UpdateParticipant(_) => 14,
        Edit::RemoveParticipant(_) => 15,
        Edit::AddFeeling { .. } => 16,
        Edit::SetFeelingAt { .. } => 17,
        Edit::UpdateFeeling(_) => 18,
        Edit::MoveFeeling { .. } => 19,
        Edit::DeleteFeeling(_) => 20,
        Edit::ReplaceLine { .. } => 21,
        Edit::AddAction(_) => 22,
        Edit::UpdateAction(_) => 23,
        Edit::SwapActions(..) => 24,
        Edit::DeleteAction(_) => 25,
        Edit::ReplaceBoard(_) => 26,
        Edit::Submit { .. } => 27,
        Edit::SetOffset(_) => 28,
        Edit::SetAgenda(_) => 29,
        Edit::StartPhase { .. } => 30,
        Edit::EndMeeting(_) => 31,
        Edit::PauseTimer(_) => 32,
        Edit::ResumeTimer(_) => 33,
        Edit::ExtendTimer(_) => 34,
        Edit::ReviewCarried { .. } => 35,
        Edit::SetVotesPerPerson(_) => 36,
        Edit::SetVotes { .. } => 37,
        Edit::RevealVotes(_) => 38,
        Edit::ImportEvents(_) => 39,
        Edit::ImportFeelings(_) => 40,
        Edit::Admit { .. } => 41,
        Edit::SetFormKey(_) => 42,
        Edit::AddInsight(_) => 43,
        Edit::UpdateInsight(_) => 44,
        Edit::DeleteInsight(_) => 45,
        Edit::SetNaming(_) => 46,
    }
}
const VARIANTS: usize = 47;

/// The board an edit is tried on: a pause needs a timer that runs.
fn board_for(edit: &Edit, board: &Board) -> Board {
    let mut board = board.clone();
    if matches!(edit, Edit::PauseTimer(_)) {
        board.agenda[2].paused_at = None;
    }
    board
}

#[test]
fn every_edit_goes_through_apply_undo_and_redo() {
    let base = sample();
    let mut covered = [false; VARIANTS];
    for edit in cases::valid_edits(&base) {
        let board = board_for(&edit, &base);
        covered[variant(&edit)] = true;
        let label = Some(edit.describe(&board));
        assert!(
            label
                .as_deref()
                .is_some_and(|l| l.starts_with(edit.label()))
        );
        let mut doc = Document::new(board.clone(), None, None);
        let applied = doc.apply(edit.clone()).expect("a valid edit");
        assert!(applied.changed, "{edit:?} changed nothing");
        let after = doc.board().clone();
        assert_ne!(after, board, "{edit:?}");
        assert!(
            after.problems().is_empty(),
            "{edit:?}: {:?}",
            after.problems()
        );
        assert!(doc.is_unsaved());
        assert_eq!(doc.undo(), label);
        assert_eq!(*doc.board(), board, "undo of {edit:?}");
        assert!(!doc.is_unsaved());
        assert_eq!(doc.redo(), label);
        assert_eq!(*doc.board(), after, "redo of {edit:?}");
        assert_eq!(doc.undo(), label);
        assert_eq!(doc.undo(), None, "one edit, one step");
    }
    let missing: Vec<usize> = (0..VARIANTS).filter(|&i| !covered[i]).collect();
    assert!(missing.is_empty(), "variants without a test: {missing:?}");
}

#[test]
fn invalid_edits_change_nothing() {
    let board = sample();
    let invalid = cases::invalid_edits(&board);
    let mut doc = Document::new(board.clone(), None, None);
    for edit in invalid {
        let revision = doc.revision();
        let err = doc.apply(edit.clone());
        assert!(err.is_err(), "{edit:?} was accepted");
        assert!(!err.unwrap_or_default().changed);
        assert_eq!(*doc.board(), board, "{edit:?} changed the board");
        assert_eq!(doc.revision(), revision);
        assert!(!doc.history().can_undo(), "{edit:?} left an undo step");
    }
}

#[test]
fn undo_names_what_it_takes_back() {
    let board = sample();
    let mut doc = Document::new(board.clone(), None, None);
    let rollback = board.events[1].clone();
    doc.apply(Edit::MoveEvent {
        id: rollback.id,
        lane: rollback.lane,
        time: at("2026-03-14T02:40:00+01:00"),
    })
    .expect("valid");
    doc.apply(Edit::DeleteFeeling(FeelingId(3))).expect("valid");
    assert_eq!(doc.undo().as_deref(), Some("delete feeling “Ben”"));
    assert_eq!(doc.undo().as_deref(), Some("move event “Rollback”"));
    assert_eq!(doc.redo().as_deref(), Some("move event “Rollback”"));
}

#[test]
fn a_removal_says_what_it_removed_and_nothing_else_does() {
    let board = sample();
    let rollback = &board.events[1];
    assert_eq!(
        Edit::DeleteEvent(rollback.id)
            .removal_notice(&board)
            .as_deref(),
        Some("Deleted event “Rollback”")
    );
    assert_eq!(
        Edit::DeleteFeeling(FeelingId(3))
            .removal_notice(&board)
            .as_deref(),
        Some("Deleted feeling “Ben”")
    );
    let person = board.participants[0].clone();
    assert_eq!(
        Edit::RemoveParticipant(person.id).removal_notice(&board),
        Some(format!("Removed participant “{}”", person.name))
    );
    let moved = Edit::MoveEvent {
        id: rollback.id,
        lane: rollback.lane,
        time: rollback.time,
    };
    assert_eq!(moved.removal_notice(&board), None);
}

#[test]
fn an_edit_that_sets_what_is_there_is_no_step() {
    let board = sample();
    let mut doc = Document::new(board.clone(), None, None);
    let applied = doc
        .apply(Edit::SetTitle(board.title.clone()))
        .expect("valid");
    assert!(!applied.changed);
    assert!(!doc.history().can_undo());
}

#[test]
fn typing_into_one_field_is_one_step_until_sealed() {
    let mut doc = Document::new(sample(), None, None);
    for title in ["C", "Ch", "Che", "Check"] {
        doc.apply_merging(Edit::SetTitle(title.into()), 7)
            .expect("valid");
    }
    doc.seal();
    doc.apply_merging(Edit::SetTitle("Checkout".into()), 7)
        .expect("valid");
    assert_eq!(doc.history().len(), 2);
    assert_eq!(doc.undo().as_deref(), Some("title"));
    assert_eq!(doc.board().title, "Check");
    assert_eq!(doc.undo().as_deref(), Some("title"));
    assert_eq!(doc.board().title, "Outage");
}

#[test]
fn divergences_follow_edits_undo_and_redo() {
    let mut doc = Document::new(sample(), None, None);
    assert_eq!(doc.derived().spans.len(), 1);
    doc.apply(Edit::ReplaceLine {
        participant: ParticipantId(2),
        feelings: vec![
            feeling("2026-03-14T02:00:00+01:00", 3.0),
            feeling("2026-03-14T02:30:00+01:00", 3.0),
        ],
    })
    .expect("valid");
    assert!(doc.derived().spans.is_empty(), "both up: no divergence");
    doc.undo();
    assert_eq!(doc.derived().spans.len(), 1);
    doc.redo();
    assert!(doc.derived().spans.is_empty());
}

#[test]
fn deleting_a_linked_event_drops_the_link_so_the_board_stays_sound() {
    let mut doc = Document::new(sample(), None, None);
    doc.apply(Edit::DeleteEvent(EventId(1))).expect("valid");
    assert!(doc.board().action_items[0].links.is_empty());
    assert!(doc.board().problems().is_empty());
}

#[test]
fn undo_keeps_steps_in_a_budget_and_shares_what_did_not_change() {
    let mut board = sample();
    let who = board.participants[0].id;
    for i in 0..20_000 {
        let t = Moment::from_unix_seconds_f64(
            1_773_450_000.0 + f64::from(i),
            at("2026-03-14T00:00:00Z").offset(),
        )
        .expect("in range");
        board.add_feeling(who, t, 1.0, "", "a note long enough to weigh something");
    }
    let mut doc = Document::new(board, None, None);
    let whole = std::mem::size_of::<crate::model::Feeling>() * 20_000;
    for i in 0..100 {
        doc.apply(Edit::SetTitle(format!("title {i}")))
            .expect("valid");
    }
    // The first step holds the board; 99 more share its feelings.
    assert!(
        doc.history().bytes() < 2 * whole,
        "{} bytes",
        doc.history().bytes()
    );
    assert_eq!(doc.history().len(), 100);
}

#[test]
fn replacing_one_line_in_the_middle_shares_the_rest_of_the_feelings() {
    let mut board = Board::new("Sprint");
    let start = at("2026-03-02T09:00:00Z");
    let people: Vec<ParticipantId> = (0..50)
        .map(|i| board.add_participant(format!("P{i}")))
        .collect();
    for &who in &people {
        for k in 0..200 {
            let t = Moment::from_unix_seconds_f64(
                start.unix_seconds_f64() + f64::from(k) * 600.0,
                start.offset(),
            )
            .expect("in range");
            board.add_feeling(who, t, f64::from(k % 11) - 5.0, "", "");
        }
    }
    let mut doc = Document::new(board, None, None);
    let whole: usize = doc
        .board()
        .feelings
        .iter()
        .map(history::ApproxSize::approx_bytes)
        .sum();
    for i in 0..100 {
        // Someone in the middle submits their line again: their 200 feelings go, 6 come.
        let who = people[20 + i % 10];
        let line = (0..6)
            .map(|k| feeling("2026-03-02T10:00:00Z", ((i + k) % 5) as f64 - 2.0))
            .collect::<Vec<_>>();
        let line = line
            .into_iter()
            .enumerate()
            .map(|(k, mut f)| {
                f.time = Moment::from_unix_seconds_f64(
                    f.time.unix_seconds_f64() + k as f64 * 60.0,
                    f.time.offset(),
                )
                .expect("in range");
                f
            })
            .collect();
        doc.apply(Edit::ReplaceLine {
            participant: who,
            feelings: line,
        })
        .expect("valid");
    }
    // The first step holds the board; the 99 others only what changed near the line.
    let kept = doc.history().bytes();
    assert!(kept < 2 * whole, "{kept} bytes kept for a board of {whole}");
    for _ in 0..100 {
        doc.undo();
    }
    assert_eq!(doc.board().feelings.len(), 10_000);
}

#[test]
fn the_offset_setting_changes_how_the_board_is_shown_and_no_moment() {
    let board = sample();
    let mut doc = Document::new(board.clone(), None, None);
    assert_eq!(
        doc.derived().offset.seconds(),
        3600,
        "the sample's own offset"
    );
    let minus_five = jiff::tz::Offset::from_hours(-5).expect("offset");
    doc.apply(Edit::SetOffset(minus_five)).expect("valid");
    assert_eq!(doc.derived().offset, minus_five);
    assert_eq!(
        doc.board().events,
        board.events,
        "every event the same instant"
    );
    // It is kept in the file and read back.
    let text = crate::io::board_file::to_ron_string(doc.board()).expect("written");
    assert!(text.contains("utc_offset_seconds: Some(-18000)"), "{text}");
    doc.undo();
    assert_eq!(doc.derived().offset.seconds(), 3600);
}

#[test]
fn a_refused_edit_that_continues_a_step_keeps_what_the_step_did() {
    let mut doc = Document::new(sample(), None, None);
    doc.apply_merging(Edit::SetTitle("Check".into()), 7)
        .expect("valid");
    let long = "x".repeat(edit::MAX_SHORT_TEXT + 1);
    let err = doc
        .apply_merging(Edit::SetTitle(long), 7)
        .expect_err("too long");
    assert_eq!(err.to_string(), "the title is longer than 1000 characters");
    assert_eq!(doc.board().title, "Check");
    assert_eq!(doc.history().len(), 1);
    assert_eq!(doc.undo().as_deref(), Some("title"));
    assert_eq!(doc.board().title, "Outage");
}

#[test]
fn the_history_puts_back_the_board_a_step_began_with() {
    let board = sample();
    let mut history = history::History::default();
    let mut now = board.clone();
    assert!(history.begin(&now, "edit".into(), None));
    now.title = "half done".into();
    now.events.clear();
    assert!(history.restore_last(&mut now));
    assert_eq!(now, board);
    let checkpoint = history.checkpoint(&now);
    now.feelings.clear();
    now.voting.votes.clear();
    checkpoint.restore(&mut now);
    assert_eq!(now, board);
}

#[test]
fn a_refusal_says_what_it_said_before() {
    use crate::model::meeting::{
        MAX_EXTENSION_SECONDS, MAX_PHASES, MAX_TIMEBOX_MINUTES, MAX_VOTES_PER_PERSON,
    };
    let cases = [
        (
            EditError::TooLong {
                what: "lane name",
                max: edit::MAX_SHORT_TEXT,
            },
            "the lane name is longer than 1000 characters".to_owned(),
        ),
        (
            EditError::Full {
                what: "events",
                max: edit::MAX_ITEMS,
            },
            "a board holds at most 1000000 events".to_owned(),
        ),
        (
            EditError::Valence(f64::NAN),
            "a valence must be from −5 to 5, not NaN".to_owned(),
        ),
        (
            EditError::NoPhase(98),
            "the agenda has no phase 99".to_owned(),
        ),
        (
            EditError::TooManyPhases,
            format!("an agenda holds at most {MAX_PHASES} phases"),
        ),
        (
            EditError::Timebox { minutes: 0 },
            format!("a timebox is 1 to {MAX_TIMEBOX_MINUTES} minutes, not 0"),
        ),
        (
            EditError::ExtendedTooLong,
            format!(
                "a phase is extended by at most {} minutes",
                MAX_EXTENSION_SECONDS / 60
            ),
        ),
        (
            EditError::TooManyVotesEach,
            format!("a person has at most {MAX_VOTES_PER_PERSON} votes"),
        ),
        (
            EditError::OverVotes {
                total: 4,
                per_person: 3,
            },
            "that is 4 votes; each person has 3".to_owned(),
        ),
        (
            EditError::NoSuch("carried action item"),
            "there is no such carried action item".to_owned(),
        ),
        (
            EditError::OutOfIds("event"),
            "the board has run out of event ids; nothing was imported".to_owned(),
        ),
    ];
    for (err, said) in cases {
        assert_eq!(err.to_string(), said);
    }
}
