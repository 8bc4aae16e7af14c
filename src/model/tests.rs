//! Tests of the board's own methods.

use super::*;

fn at(s: &str) -> Moment {
    Moment::parse_rfc3339(s).expect("time")
}

#[test]
fn removing_a_participant_takes_their_feelings_only() {
    let mut board = Board::new("t");
    let ana = board.add_participant("Ana");
    let ben = board.add_participant("Ben");
    board.add_feeling(ana, at("2026-03-14T02:00:00Z"), 1.0, "", "");
    board.add_feeling(ben, at("2026-03-14T02:00:00Z"), -1.0, "", "");
    board.add_feeling(ana, at("2026-03-14T02:10:00Z"), 2.0, "", "");
    assert_eq!(board.remove_participant(ana), 2);
    assert_eq!(board.participants.len(), 1);
    assert!(board.feelings.iter().all(|f| f.participant == ben));
}

#[test]
fn setting_a_feeling_at_a_time_changes_the_one_there_or_adds_one() {
    let mut board = Board::new("t");
    let ana = board.add_participant("Ana");
    let t = at("2026-03-14T03:00:00+01:00");
    board.set_feeling_at(ana, t, 2.0);
    // The same instant written in another offset is the same moment for a feeling.
    board.set_feeling_at(ana, at("2026-03-14T02:00:00Z"), -7.0);
    assert_eq!(board.feelings.len(), 1);
    assert_eq!(
        board.feelings[0].valence, VALENCE_MIN,
        "clamped to the scale"
    );
    assert_eq!(board.feeling_at(ana, t).map(|f| f.valence), Some(-5.0));
}

#[test]
fn new_ids_never_overflow() {
    assert_eq!(next_id([1u32, 2, 7].into_iter()), 8);
    assert_eq!(next_id([1u32, u32::MAX].into_iter()), 2);
    assert_eq!(next_id(std::iter::empty()), 1);
}

#[test]
fn times_outside_1900_to_2200_are_a_problem() {
    let mut board = Board::new("t");
    let lane = board.lanes[0].id;
    board.add_event(at("9999-12-31T23:30:00-01:00"), "far", lane, "");
    let problems = board.problems();
    assert!(
        problems.iter().any(|p| p.message.contains("1900 and 2200")),
        "{problems:?}"
    );
}

#[test]
fn participants_get_distinct_colour_and_marker_pairs() {
    let mut board = Board::new("t");
    let mut pairs = std::collections::HashSet::new();
    for i in 0..30 {
        let id = board.add_participant(format!("P{i}"));
        let p = board.participant(id).expect("added");
        assert!(pairs.insert((p.colour, p.marker)), "pair {i} repeats");
    }
}
