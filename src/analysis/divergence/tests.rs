//! The hard cases of the divergence rule, as tables, plus a property test against brute force.

use proptest::prelude::*;

use super::*;
use crate::model::Board;

fn line(points: &[(f64, f64)]) -> Line {
    Line::new(points.to_vec())
}

/// (start, end, peak, spread, positive, negative) in seconds and line indexes.
type Expected = (f64, f64, f64, f64, Vec<usize>, Vec<usize>);

fn spans(lines: &[Line], theta: f64) -> Vec<Expected> {
    find_spans(lines, theta)
        .into_iter()
        .map(|s| (s.start, s.end, s.peak, s.spread, s.positive, s.negative))
        .collect()
}

fn assert_spans(lines: &[Line], theta: f64, expected: &[Expected]) {
    let got = spans(lines, theta);
    assert_eq!(got.len(), expected.len(), "spans: {got:?}");
    for (g, e) in got.iter().zip(expected) {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-6;
        assert!(
            close(g.0, e.0) && close(g.1, e.1) && close(g.2, e.2) && close(g.3, e.3),
            "got {g:?}, expected {e:?}"
        );
        assert_eq!((&g.4, &g.5), (&e.4, &e.5), "who, in {g:?}");
    }
}

#[test]
fn crossing_between_two_points_starts_the_span_at_the_exact_crossing() {
    // B falls from +3 at 0 s to −3 at 60 s and crosses −1 at 40 s.
    let lines = [
        line(&[(0.0, 3.0), (100.0, 3.0)]),
        line(&[(0.0, 3.0), (60.0, -3.0), (100.0, -3.0)]),
    ];
    assert_spans(&lines, 1.0, &[(40.0, 100.0, 60.0, 6.0, vec![0], vec![1])]);
}

#[test]
fn values_exactly_at_theta_count_and_just_inside_do_not() {
    let at = [
        line(&[(0.0, 1.0), (100.0, 1.0)]),
        line(&[(0.0, -1.0), (100.0, -1.0)]),
    ];
    assert_spans(&at, 1.0, &[(0.0, 100.0, 0.0, 2.0, vec![0], vec![1])]);
    let inside = [
        line(&[(0.0, 0.999), (100.0, 0.999)]),
        line(&[(0.0, -1.0), (100.0, -1.0)]),
    ];
    assert_spans(&inside, 1.0, &[]);
    // A wider band makes the same lines agree.
    assert_spans(&at, 1.5, &[]);
}

#[test]
fn a_participant_with_one_feeling_diverges_only_at_that_instant() {
    let lines = [line(&[(0.0, 3.0), (100.0, 3.0)]), line(&[(50.0, -4.0)])];
    assert_spans(&lines, 1.0, &[(50.0, 50.0, 50.0, 7.0, vec![0], vec![1])]);
}

#[test]
fn participants_covering_part_of_the_time_only_count_where_they_are_defined() {
    let lines = [
        line(&[(0.0, 3.0), (100.0, 3.0)]),
        line(&[(40.0, -3.0), (60.0, -3.0)]),
        line(&[(120.0, -3.0), (140.0, -3.0)]),
    ];
    assert_spans(&lines, 1.0, &[(40.0, 60.0, 40.0, 6.0, vec![0], vec![1])]);
}

#[test]
fn lines_that_touch_the_band_at_one_moment_make_an_isolated_instant() {
    // A ≥ +1 until 50 s, B ≤ −1 from 50 s: divergent at 50 s exactly.
    let crossing = [
        line(&[(0.0, 3.0), (100.0, -1.0)]),
        line(&[(0.0, 1.0), (100.0, -3.0)]),
    ];
    assert_spans(&crossing, 1.0, &[(50.0, 50.0, 50.0, 2.0, vec![0], vec![1])]);
    // A only touches +1 at its peak.
    let touching = [
        line(&[(0.0, 0.0), (50.0, 1.0), (100.0, 0.0)]),
        line(&[(0.0, -2.0), (100.0, -2.0)]),
    ];
    assert_spans(&touching, 1.0, &[(50.0, 50.0, 50.0, 3.0, vec![0], vec![1])]);
}

#[test]
fn ties_for_the_peak_go_to_the_earliest_moment() {
    let flat = [
        line(&[(0.0, 2.0), (100.0, 2.0)]),
        line(&[(0.0, -2.0), (100.0, -2.0)]),
    ];
    assert_spans(&flat, 1.0, &[(0.0, 100.0, 0.0, 4.0, vec![0], vec![1])]);
    let two_dips = [
        line(&[(0.0, 2.0), (100.0, 2.0)]),
        line(&[
            (0.0, -1.0),
            (30.0, -3.0),
            (60.0, -1.0),
            (90.0, -3.0),
            (100.0, -1.0),
        ]),
    ];
    assert_spans(&two_dips, 1.0, &[(0.0, 100.0, 30.0, 5.0, vec![0], vec![1])]);
}

#[test]
fn lines_that_split_and_meet_again_give_separate_spans() {
    let lines = [
        line(&[(0.0, 2.0), (100.0, 2.0)]),
        line(&[
            (0.0, 0.0),
            (20.0, -2.0),
            (40.0, 0.0),
            (60.0, 0.0),
            (80.0, -3.0),
            (100.0, 0.0),
        ]),
    ];
    // B ≤ −1 on [10, 30] and on [200/3, 280/3].
    assert_spans(
        &lines,
        1.0,
        &[
            (10.0, 30.0, 20.0, 4.0, vec![0], vec![1]),
            (200.0 / 3.0, 280.0 / 3.0, 80.0, 5.0, vec![0], vec![1]),
        ],
    );
}

#[test]
fn the_peak_names_who_was_up_and_down_there_not_over_the_whole_span() {
    let lines = [
        line(&[(0.0, 3.0), (100.0, 3.0)]),
        line(&[(0.0, -2.0), (100.0, -2.0)]),
        // C is only low at the start, when the spread is smaller than at 100 s where A is higher.
        line(&[(0.0, -1.5), (100.0, 0.0)]),
        line(&[(0.0, 0.0), (100.0, 4.0)]),
    ];
    assert_spans(
        &lines,
        1.0,
        &[(0.0, 100.0, 100.0, 6.0, vec![0, 3], vec![1])],
    );
}

#[test]
fn values_just_inside_the_band_never_count_even_at_the_feelings_own_times() {
    let lines = [
        line(&[(0.0, 0.999_999_999_5), (3600.0, 0.999_999_999_5)]),
        line(&[(0.0, -3.0), (3600.0, -3.0)]),
    ];
    assert_spans(&lines, 1.0, &[]);
    // A tiny band does not make one person at 0 both up and down.
    assert_spans(&[line(&[(0.0, 0.0), (10.0, 0.0)])], 1e-10, &[]);
}

#[test]
fn two_feelings_at_one_instant_keep_the_later() {
    let l = Line::new(vec![(0.0, 1.0), (10.0, 2.0), (0.0, -3.0)]);
    assert_eq!(l.points, vec![(0.0, -3.0), (10.0, 2.0)]);
}

#[test]
fn nobody_or_one_person_never_diverges() {
    assert!(find_spans(&[], 1.0).is_empty());
    assert!(find_spans(&[line(&[(0.0, 5.0), (1.0, -5.0)])], 1.0).is_empty());
}

fn at(s: &str) -> Moment {
    Moment::parse_rfc3339(s).expect("test time")
}

#[test]
fn board_spans_are_in_utc_to_the_second_with_names_sorted() {
    let mut board = Board::new("t");
    let bob = board.add_participant("bob");
    let alice = board.add_participant("Alice");
    let chen = board.add_participant("Chen");
    // Offsets differ: the analysis works on instants.
    for (who, a, b) in [(bob, 3.0, 3.0), (alice, 2.0, 2.0)] {
        board.add_feeling(who, at("2026-03-14T03:00:00+01:00"), a, "", "");
        board.add_feeling(who, at("2026-03-14T02:10:00Z"), b, "", "");
    }
    // Chen falls from +2 at 02:00Z to −2 at 02:07Z, crossing −1 at 02:05:15Z.
    board.add_feeling(chen, at("2026-03-14T02:00:00Z"), 2.0, "", "");
    board.add_feeling(chen, at("2026-03-14T02:07:00Z"), -2.0, "", "");
    board.add_feeling(chen, at("2026-03-14T02:10:00Z"), -2.0, "", "");
    let spans = divergences(&board, 1.0);
    assert_eq!(spans.len(), 1, "{spans:?}");
    let s = &spans[0];
    assert_eq!(s.start.to_rfc3339(), "2026-03-14T02:05:15Z");
    assert_eq!(s.end.to_rfc3339(), "2026-03-14T02:10:00Z");
    assert_eq!(s.peak.to_rfc3339(), "2026-03-14T02:07:00Z");
    assert_eq!(s.spread, 5.0);
    assert_eq!(s.positive, vec![alice, bob]);
    assert_eq!(s.negative, vec![chen]);
}

#[test]
fn crossing_times_round_to_the_nearest_second() {
    let mut board = Board::new("t");
    let a = board.add_participant("A");
    let b = board.add_participant("B");
    board.add_feeling(a, at("2026-03-14T02:00:00Z"), 2.0, "", "");
    board.add_feeling(a, at("2026-03-14T02:00:10Z"), 2.0, "", "");
    // B crosses −1 at 3/4 of 7 s = 5.25 s, and A crosses nothing.
    board.add_feeling(b, at("2026-03-14T02:00:00Z"), 2.0, "", "");
    board.add_feeling(b, at("2026-03-14T02:00:07Z"), -2.0, "", "");
    let spans = divergences(&board, 1.0);
    assert_eq!(spans.len(), 1);
    assert_eq!(spans[0].start.to_rfc3339(), "2026-03-14T02:00:05Z");
    assert_eq!(spans[0].end.to_rfc3339(), "2026-03-14T02:00:07Z");
}

fn arb_lines() -> impl Strategy<Value = Vec<Line>> {
    let point = (0u32..40, -10i32..=10).prop_map(|(t, v)| (f64::from(t) * 2.5, f64::from(v) * 0.5));
    prop::collection::vec(prop::collection::vec(point, 1..6).prop_map(Line::new), 0..5)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Sampled moments agree with the spans: divergent moments lie in a span, and every moment
    /// strictly inside a span is divergent.
    #[test]
    fn spans_match_brute_force_sampling(lines in arb_lines(), theta in prop::sample::select(vec![0.5, 1.0, 1.5, 2.5])) {
        let found = find_spans(&lines, theta);
        for pair in found.windows(2) {
            prop_assert!(pair[0].end < pair[1].start, "spans overlap or touch: {found:?}");
        }
        for s in &found {
            prop_assert!(s.start <= s.peak && s.peak <= s.end, "{s:?}");
            prop_assert!(!s.positive.is_empty() && !s.negative.is_empty(), "{s:?}");
        }
        for step in 0..=400 {
            let t = f64::from(step) * 0.25;
            let in_span = found.iter().any(|s| s.start - 1e-6 <= t && t <= s.end + 1e-6);
            let strictly_inside = found.iter().any(|s| s.start + 1e-6 < t && t < s.end - 1e-6);
            let divergent = is_divergent_at(&lines, theta, t);
            prop_assert!(!divergent || in_span, "t={t} divergent but in no span {found:?}");
            prop_assert!(!strictly_inside || divergent, "t={t} inside a span but not divergent");
            if let Some(s) = found.iter().find(|s| s.start <= t && t <= s.end) {
                prop_assert!(spread_at(&lines, t, &mut vec![0; lines.len()]) <= s.spread + 1e-9, "t={t} beats the peak of {s:?}");
            }
        }
    }
}
