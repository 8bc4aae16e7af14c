//! Turning points: what a room looks at after the reveal, besides the divergences. Computed
//! from the same lines as the divergence rule (each person's feelings sorted by time, two at
//! one instant: the later in the board counts), exactly:
//!
//! - **A person's steepest climb and deepest drop**: the largest rise and the largest fall
//!   between two consecutive feelings of theirs, with both moments. Ties: the earliest. A person
//!   with one feeling has neither; a line that never rises has no climb, one that never falls
//!   no drop.
//! - **The widest spread**: the largest max − min of the lines defined at one moment, among the
//!   moments someone plotted (a spread of piecewise-linear lines is largest at one of their
//!   points), with at least two lines defined there; the moments that reach it (to 1e-9: the
//!   first five, and how many in all), and who was highest and lowest at the first.
//! - **Each event's spread**: max − min of the lines defined at the event's time, and how many
//!   lines that is (none: no spread).
//! - **The shared low and high**: the moment, among those someone plotted, where the mean of
//!   the lines defined there (at least two) is lowest, and where it is highest; earliest on
//!   ties.
//!
//! Every participant counts, hidden or not, as for divergences.

use std::collections::BTreeMap;

use super::divergence::Line;
use crate::model::{Board, EventId, Moment, ParticipantId};

/// Values closer than this are a tie.
const EPSILON: f64 = 1e-9;
/// The most moments of the widest spread kept (the first ones); the rest are counted. Lines at
/// +5 and −5 for hours reach it at thousands of moments.
pub const MAX_WIDEST_MOMENTS: usize = 5;

/// A rise or fall between two consecutive feelings of one person.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub participant: ParticipantId,
    pub from: Moment,
    pub to: Moment,
    pub from_value: f64,
    pub to_value: f64,
}

impl Change {
    /// How far the line went: positive for a climb, negative for a drop.
    pub fn by(&self) -> f64 {
        self.to_value - self.from_value
    }
}

/// One person's turning points.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonTurns {
    pub participant: ParticipantId,
    pub climb: Option<Change>,
    pub drop: Option<Change>,
}

/// The team's widest spread.
#[derive(Clone, Debug, PartialEq)]
pub struct Widest {
    pub spread: f64,
    /// The first moments that reach it (at most [`MAX_WIDEST_MOMENTS`]), in time order.
    pub moments: Vec<Moment>,
    /// How many moments reach it in all.
    pub count: usize,
    /// Who was highest and lowest at the first of them (each: every one at that value).
    pub highest: Vec<ParticipantId>,
    pub lowest: Vec<ParticipantId>,
}

/// The team's mean at its lowest or highest.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedPoint {
    pub at: Moment,
    pub mean: f64,
    /// How many lines the mean is of.
    pub lines: usize,
}

/// An event's spread: max − min of the lines at its time, and how many lines that is.
#[derive(Clone, Debug, PartialEq)]
pub struct EventSpread {
    pub event: EventId,
    pub spread: Option<f64>,
    pub lines: usize,
}

/// A board's turning points.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TurningPoints {
    /// Each person with at least two feelings at different moments, in the board's order.
    pub people: Vec<PersonTurns>,
    pub widest: Option<Widest>,
    /// Each event, in the board's order.
    pub events: Vec<EventSpread>,
    pub shared_low: Option<SharedPoint>,
    pub shared_high: Option<SharedPoint>,
}

impl TurningPoints {
    /// The events by spread, widest first (ties: earlier first), with a spread over 0.
    pub fn events_by_spread(&self, board: &Board) -> Vec<&EventSpread> {
        let time = |id: EventId| {
            board
                .events
                .iter()
                .find(|e| e.id == id)
                .map(|e| e.time.unix_nanos())
        };
        let mut out: Vec<&EventSpread> = self
            .events
            .iter()
            .filter(|e| e.spread.is_some_and(|s| s > EPSILON))
            .collect();
        out.sort_by(|a, b| {
            b.spread
                .unwrap_or(0.0)
                .total_cmp(&a.spread.unwrap_or(0.0))
                .then_with(|| time(a.event).cmp(&time(b.event)))
        });
        out
    }
}

/// The turning points of `board`.
pub fn turning_points(board: &Board) -> TurningPoints {
    let Some(base) = board.feelings.iter().map(|f| f.time.unix_nanos()).min() else {
        return TurningPoints {
            events: board
                .events
                .iter()
                .map(|e| EventSpread {
                    event: e.id,
                    spread: None,
                    lines: 0,
                })
                .collect(),
            ..TurningPoints::default()
        };
    };
    let secs_of = |m: Moment| (m.unix_nanos() - base) as f64 / 1e9;
    let mut by_participant: BTreeMap<ParticipantId, Vec<(f64, f64)>> = BTreeMap::new();
    for f in &board.feelings {
        if f.valence.is_finite() {
            by_participant
                .entry(f.participant)
                .or_default()
                .push((secs_of(f.time), f.valence));
        }
    }
    let lines: Vec<(ParticipantId, Line)> = by_participant
        .into_iter()
        .map(|(id, points)| (id, Line::new(points)))
        .collect();
    let moment = |secs: f64| {
        Moment::from_unix_nanos(base + (secs * 1e9).round() as i128, jiff::tz::Offset::UTC)
            .map(Moment::round_to_second)
    };
    let mut people = Vec::new();
    for p in &board.participants {
        if let Some((_, line)) = lines.iter().find(|(id, _)| *id == p.id)
            && line.points.len() >= 2
        {
            people.push(person_turns(p.id, line, &moment));
        }
    }
    // Every moment someone plotted, once, in time order.
    let mut times: Vec<f64> = lines
        .iter()
        .flat_map(|(_, l)| l.points.iter().map(|p| p.0))
        .collect();
    times.sort_by(f64::total_cmp);
    times.dedup();
    let mut widest: Option<(f64, Vec<f64>, usize)> = None;
    let mut low: Option<(f64, f64, usize)> = None;
    let mut high: Option<(f64, f64, usize)> = None;
    // One sweep in time order: each line's cursor moves forward only.
    let mut cursors = vec![0usize; lines.len()];
    let mut values: Vec<f64> = Vec::with_capacity(lines.len());
    for &t in &times {
        values.clear();
        values.extend(
            lines
                .iter()
                .zip(cursors.iter_mut())
                .filter_map(|((_, l), cursor)| l.value_at_from(t, cursor)),
        );
        if values.len() < 2 {
            continue;
        }
        let (min, max) = min_max(&values);
        let spread = max - min;
        match &mut widest {
            Some((best, at, count)) if (spread - *best).abs() <= EPSILON => {
                *count += 1;
                if at.len() < MAX_WIDEST_MOMENTS {
                    at.push(t);
                }
            }
            Some((best, _, _)) if spread < *best => {}
            _ => widest = Some((spread, vec![t], 1)),
        }
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        if low.is_none_or(|(m, _, _)| mean < m - EPSILON) {
            low = Some((mean, t, values.len()));
        }
        if high.is_none_or(|(m, _, _)| mean > m + EPSILON) {
            high = Some((mean, t, values.len()));
        }
    }
    let widest = widest.and_then(|(spread, at, count)| {
        let first = *at.first()?;
        let values: Vec<(ParticipantId, f64)> = lines
            .iter()
            .filter_map(|(id, l)| l.value_at(first).map(|v| (*id, v)))
            .collect();
        let (min, max) = min_max(&values.iter().map(|v| v.1).collect::<Vec<_>>());
        let at_value = |target: f64| -> Vec<ParticipantId> {
            board
                .participants
                .iter()
                .filter(|p| {
                    values
                        .iter()
                        .any(|(id, v)| *id == p.id && (v - target).abs() <= EPSILON)
                })
                .map(|p| p.id)
                .collect()
        };
        Some(Widest {
            spread,
            moments: at.into_iter().filter_map(moment).collect(),
            count,
            highest: at_value(max),
            lowest: at_value(min),
        })
    });
    let shared = |point: Option<(f64, f64, usize)>| {
        point.and_then(|(mean, t, count)| {
            Some(SharedPoint {
                at: moment(t)?,
                mean,
                lines: count,
            })
        })
    };
    let events = board
        .events
        .iter()
        .map(|e| {
            let t = secs_of(e.time);
            let values: Vec<f64> = lines.iter().filter_map(|(_, l)| l.value_at(t)).collect();
            let (min, max) = min_max(&values);
            EventSpread {
                event: e.id,
                spread: (!values.is_empty()).then_some(max - min),
                lines: values.len(),
            }
        })
        .collect();
    TurningPoints {
        people,
        widest,
        events,
        shared_low: shared(low),
        shared_high: shared(high),
    }
}

fn min_max(values: &[f64]) -> (f64, f64) {
    values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        })
}

/// One person's steepest climb and deepest drop between consecutive feelings.
fn person_turns(
    participant: ParticipantId,
    line: &Line,
    moment: &impl Fn(f64) -> Option<Moment>,
) -> PersonTurns {
    let mut climb: Option<(f64, usize)> = None;
    let mut drop: Option<(f64, usize)> = None;
    for (i, pair) in line.points.windows(2).enumerate() {
        let by = pair[1].1 - pair[0].1;
        if by > EPSILON && climb.is_none_or(|(best, _)| by > best + EPSILON) {
            climb = Some((by, i));
        }
        if by < -EPSILON && drop.is_none_or(|(best, _)| by < best - EPSILON) {
            drop = Some((by, i));
        }
    }
    let change = |found: Option<(f64, usize)>| {
        let (_, i) = found?;
        let (a, b) = (line.points.get(i)?, line.points.get(i + 1)?);
        Some(Change {
            participant,
            from: moment(a.0)?,
            to: moment(b.0)?,
            from_value: a.1,
            to_value: b.1,
        })
    };
    PersonTurns {
        participant,
        climb: change(climb),
        drop: change(drop),
    }
}

#[cfg(test)]
mod tests;
