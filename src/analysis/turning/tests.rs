//! Turning points on hand-made lines (ties, single feelings, equal times), against a brute-force
//! reference, and on the sample board as a person reading its plot names them.

use proptest::prelude::*;

use super::*;
use crate::model::Board;

const T0: &str = "2026-03-14T02:00:00Z";

fn at(minutes: i64) -> Moment {
    let start = Moment::parse_rfc3339(T0).expect("time");
    Moment::from_unix_nanos(
        start.unix_nanos() + i128::from(minutes) * 60_000_000_000,
        jiff::tz::Offset::UTC,
    )
    .expect("time")
}

/// A board of people, each with (minute, valence) feelings in the order given.
fn board(people: &[(&str, &[(i64, f64)])]) -> Board {
    let mut b = Board::new("Turns");
    for (name, feelings) in people {
        let id = b.add_participant(*name);
        for &(m, v) in *feelings {
            b.add_feeling(id, at(m), v, "", "");
        }
    }
    b
}

fn minutes(m: Moment) -> i64 {
    ((m.unix_nanos() - at(0).unix_nanos()) / 60_000_000_000) as i64
}

#[test]
fn a_persons_steepest_climb_and_deepest_drop_are_between_consecutive_feelings() {
    let b = board(&[("Ana", &[(0, -2.0), (10, 3.0), (20, -4.0), (30, 0.0)])]);
    let t = turning_points(&b);
    let ana = &t.people[0];
    let climb = ana.climb.as_ref().expect("a climb");
    assert_eq!(
        (minutes(climb.from), minutes(climb.to), climb.by()),
        (0, 10, 5.0)
    );
    let drop = ana.drop.as_ref().expect("a drop");
    assert_eq!(
        (minutes(drop.from), minutes(drop.to), drop.by()),
        (10, 20, -7.0)
    );
}

#[test]
fn ties_go_to_the_earliest_and_flat_or_one_way_lines_lack_the_other() {
    // Two climbs of 2: the first counts. Never falls: no drop.
    let b = board(&[
        ("Ana", &[(0, 0.0), (10, 2.0), (20, 2.0), (30, 4.0)]),
        ("Ben", &[(0, 1.0), (10, 1.0)]),
        ("Chidi", &[(5, 3.0)]),
    ]);
    let t = turning_points(&b);
    assert_eq!(t.people.len(), 2, "one feeling makes no turning point");
    let climb = t.people[0].climb.as_ref().expect("climb");
    assert_eq!((minutes(climb.from), minutes(climb.to)), (0, 10));
    assert!(t.people[0].drop.is_none());
    assert!(t.people[1].climb.is_none() && t.people[1].drop.is_none());
}

#[test]
fn two_feelings_at_one_moment_count_as_the_later_one() {
    // At minute 10 Ana put +4, then changed it to −4: the line goes 0 → −4 → 0.
    let b = board(&[("Ana", &[(0, 0.0), (10, 4.0), (10, -4.0), (20, 0.0)])]);
    let t = turning_points(&b);
    let drop = t.people[0].drop.as_ref().expect("drop");
    assert_eq!(
        (minutes(drop.from), minutes(drop.to), drop.by()),
        (0, 10, -4.0)
    );
    let climb = t.people[0].climb.as_ref().expect("climb");
    assert_eq!((minutes(climb.from), climb.by()), (10, 4.0));
}

#[test]
fn the_widest_spread_lists_every_moment_that_reaches_it_and_who_was_apart() {
    let b = board(&[
        ("Ana", &[(0, 4.0), (10, 0.0), (20, 4.0)]),
        ("Ben", &[(0, -2.0), (10, 0.0), (20, -2.0)]),
        // Alone at minute 30: no spread there.
        ("Chidi", &[(20, 1.0), (30, -5.0)]),
    ]);
    let t = turning_points(&b);
    let w = t.widest.expect("a widest spread");
    assert_eq!(w.spread, 6.0);
    assert_eq!(
        w.moments.iter().map(|m| minutes(*m)).collect::<Vec<_>>(),
        [0, 20]
    );
    assert_eq!(w.count, 2);
    let name = |id| {
        b.participant(id)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        w.highest.iter().map(|&id| name(id)).collect::<Vec<_>>(),
        ["Ana"]
    );
    assert_eq!(
        w.lowest.iter().map(|&id| name(id)).collect::<Vec<_>>(),
        ["Ben"]
    );
}

#[test]
fn the_shared_low_and_high_need_two_lines_and_take_the_earliest_tie() {
    let b = board(&[
        ("Ana", &[(0, -3.0), (10, 2.0), (20, -3.0), (40, 5.0)]),
        ("Ben", &[(0, -1.0), (10, 2.0), (20, -1.0)]),
    ]);
    let t = turning_points(&b);
    let low = t.shared_low.expect("low");
    assert_eq!((minutes(low.at), low.mean, low.lines), (0, -2.0, 2));
    let high = t.shared_high.expect("high");
    // Ana alone at +5 at minute 40 is not the team's high.
    assert_eq!((minutes(high.at), high.mean, high.lines), (10, 2.0, 2));
}

#[test]
fn an_events_spread_is_taken_between_feelings_and_is_none_where_nobody_was() {
    let mut b = board(&[
        ("Ana", &[(0, 4.0), (20, 0.0)]),
        ("Ben", &[(0, -4.0), (20, 0.0)]),
    ]);
    let lane = b.lanes[0].id;
    let mid = b.add_event(at(5), "Mid", lane, "");
    let late = b.add_event(at(60), "Late", lane, "");
    let t = turning_points(&b);
    let spread_of = |id| {
        t.events
            .iter()
            .find(|e| e.event == id)
            .expect("event")
            .clone()
    };
    // At minute 5 Ana is at +3 and Ben at −3.
    assert_eq!(spread_of(mid).spread, Some(6.0));
    assert_eq!(spread_of(mid).lines, 2);
    assert_eq!(spread_of(late).spread, None);
    assert_eq!(t.events_by_spread(&b).len(), 1);
}

#[test]
fn a_board_without_feelings_has_no_turning_points() {
    let mut b = Board::new("Empty");
    let lane = b.lanes[0].id;
    b.add_event(at(0), "One", lane, "");
    let t = turning_points(&b);
    assert!(t.people.is_empty() && t.widest.is_none() && t.shared_low.is_none());
    assert_eq!(t.events.len(), 1);
}

#[test]
fn on_the_sample_the_turning_points_are_what_the_plot_shows() {
    let b = crate::io::board_file::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/examples/incident-checkout-outage.ron"
    )))
    .expect("sample");
    let t = turning_points(&b);
    // Everyone's line climbs at the recovery and drops in the outage.
    assert_eq!(t.people.len(), b.participants.len());
    assert!(
        t.people
            .iter()
            .all(|p| p.climb.is_some() && p.drop.is_some())
    );
    // The team is lowest while the outage is being fought and highest after it.
    let (low, high) = (t.shared_low.expect("low"), t.shared_high.expect("high"));
    assert!(low.mean < -1.5, "{low:?}");
    assert!(high.mean > 1.5, "{high:?}");
    assert!(low.at < high.at);
    // The widest spread is inside a divergence span: where the lines disagree most.
    let w = t.widest.expect("widest");
    let spans = crate::analysis::divergences(&b, b.settings.neutral_band);
    assert!(
        w.moments
            .iter()
            .any(|m| spans.iter().any(|s| s.start <= *m && *m <= s.end)),
        "{w:?} outside {spans:?}"
    );
}

/// The reference: spread and mean sampled at every point time and on a fine grid between.
fn reference_widest(lines: &[Line]) -> Option<f64> {
    let times: Vec<f64> = lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.0))
        .collect();
    let (lo, hi) = (
        times.iter().copied().fold(f64::INFINITY, f64::min),
        times.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    );
    let mut best: Option<f64> = None;
    let steps = 2000;
    let grid = (0..=steps).map(|i| lo + (hi - lo) * f64::from(i) / f64::from(steps));
    for t in times.iter().copied().chain(grid) {
        let values: Vec<f64> = lines.iter().filter_map(|l| l.value_at(t)).collect();
        if values.len() >= 2 {
            let (min, max) = min_max(&values);
            best = Some(best.map_or(max - min, |b: f64| b.max(max - min)));
        }
    }
    best
}

proptest! {
    #[test]
    fn the_widest_spread_is_the_widest_anywhere(
        people in proptest::collection::vec(
            proptest::collection::vec((0i64..120, -10i32..=10), 1..6),
            2..5,
        )
    ) {
        let people: Vec<(String, Vec<(i64, f64)>)> = people
            .into_iter()
            .enumerate()
            .map(|(i, f)| (format!("P{i}"), f.into_iter().map(|(m, v)| (m, f64::from(v) / 2.0)).collect()))
            .collect();
        let refs: Vec<(&str, &[(i64, f64)])> = people.iter().map(|(n, f)| (n.as_str(), f.as_slice())).collect();
        let b = board(&refs);
        let t = turning_points(&b);
        let lines: Vec<Line> = people
            .iter()
            .map(|(_, f)| Line::new(f.iter().map(|&(m, v)| (m as f64 * 60.0, v)).collect()))
            .collect();
        let reference = reference_widest(&lines);
        prop_assert_eq!(t.widest.as_ref().map(|w| w.spread).is_some(), reference.is_some());
        if let (Some(w), Some(r)) = (&t.widest, reference) {
            prop_assert!((w.spread - r).abs() < 1e-6, "ours {} reference {}", w.spread, r);
        }
        // Each person's climb is the largest rise between consecutive points of their line.
        for (p, line) in t.people.iter().zip(lines.iter().filter(|l| l.points.len() >= 2)) {
            let best = line.points.windows(2).map(|w| w[1].1 - w[0].1).fold(0.0, f64::max);
            prop_assert_eq!(p.climb.as_ref().map_or(0.0, Change::by), best);
        }
    }
}

#[test]
fn a_widest_spread_reached_again_and_again_keeps_five_moments_and_counts_the_rest() {
    let far: Vec<(i64, f64)> = (0..100).map(|m| (m, 5.0)).collect();
    let low: Vec<(i64, f64)> = (0..100).map(|m| (m, -5.0)).collect();
    let b = board(&[("Ana", &far), ("Ben", &low)]);
    let w = turning_points(&b).widest.expect("widest");
    assert_eq!(w.spread, 10.0);
    assert_eq!(
        w.moments.iter().map(|m| minutes(*m)).collect::<Vec<_>>(),
        [0, 1, 2, 3, 4]
    );
    assert_eq!(w.count, 100);
    let md = crate::io::markdown::report(&b, false);
    assert!(md.contains(", 95 more moments;"), "{md}");
}
