//! Divergence: the moments when some participants felt positive while others felt negative.
//!
//! The rule, exactly:
//! - A participant's line is the piecewise-linear interpolation of their feelings sorted by time,
//!   defined from their first to their last feeling (one feeling defines it at that instant only).
//!   Two feelings of one participant at the same instant: the one later in the board counts.
//! - At time t a participant is positive if their line is ≥ +θ, negative if it is ≤ −θ.
//! - t is divergent when at least one participant is positive and at least one is negative.
//! - A span is a maximal closed interval of divergent moments (an isolated instant has start = end).
//! - Each span reports its start, end, peak (where max − min of the lines defined there is largest,
//!   earliest on ties), the spread at the peak and who was positive and negative at the peak.
//!
//! Every participant counts, hidden or not: hiding a line is a matter of the view.

use std::collections::BTreeMap;

use crate::model::{Board, Moment, ParticipantId};

/// Crossing times computed from two different lines may differ in the last bits; moments closer
/// than this (in seconds) are the same moment.
const TIME_EPSILON_SECS: f64 = 1e-6;
/// Spreads closer than this are a tie for the peak; values at a computed crossing time this close
/// to ±θ are at ±θ (the crossing was computed so that they are).
const VALENCE_EPSILON: f64 = 1e-9;

/// One divergence span, with times rounded to the second and given in UTC.
#[derive(Clone, Debug, PartialEq)]
pub struct DivergenceSpan {
    pub start: Moment,
    pub end: Moment,
    pub peak: Moment,
    /// max − min of the lines at the peak.
    pub spread: f64,
    /// Participants at or above +θ at the peak, sorted by name.
    pub positive: Vec<ParticipantId>,
    /// Participants at or below −θ at the peak, sorted by name.
    pub negative: Vec<ParticipantId>,
}

/// One participant's line, as (seconds, valence) points sorted by time with unique times.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub points: Vec<(f64, f64)>,
}

impl Line {
    /// Builds a line from points in any order; at equal times the later point wins.
    pub fn new(mut points: Vec<(f64, f64)>) -> Self {
        // A stable sort keeps the board's order among equal times, so the later one is last.
        points.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut unique: Vec<(f64, f64)> = Vec::with_capacity(points.len());
        for p in points {
            match unique.last_mut() {
                Some(last) if last.0 == p.0 => *last = p,
                _ => unique.push(p),
            }
        }
        Self { points: unique }
    }

    fn first_time(&self) -> Option<f64> {
        self.points.first().map(|p| p.0)
    }

    fn last_time(&self) -> Option<f64> {
        self.points.last().map(|p| p.0)
    }

    /// The line's value at `t`, or `None` outside its first..=last feeling.
    pub fn value_at(&self, t: f64) -> Option<f64> {
        let (first, last) = (self.points.first()?, self.points.last()?);
        if t < first.0 || t > last.0 {
            return None;
        }
        let i = self.points.partition_point(|p| p.0 < t);
        self.value_between(t, i)
    }

    /// [`Self::value_at`] for times asked in increasing order: `cursor` keeps where the last one
    /// was found, so a sweep over all times costs one pass instead of a search each.
    pub(crate) fn value_at_from(&self, t: f64, cursor: &mut usize) -> Option<f64> {
        let (first, last) = (self.points.first()?, self.points.last()?);
        if t < first.0 || t > last.0 {
            return None;
        }
        if *cursor > self.points.len() || (*cursor > 0 && self.points[*cursor - 1].0 >= t) {
            // Asked for an earlier time: search afresh.
            *cursor = self.points.partition_point(|p| p.0 < t);
        }
        while self.points.get(*cursor).is_some_and(|p| p.0 < t) {
            *cursor += 1;
        }
        self.value_between(t, *cursor)
    }

    /// The value at `t` (within the line) where `i` is the first point at or after `t`.
    fn value_between(&self, t: f64, i: usize) -> Option<f64> {
        let right = self.points.get(i)?;
        if right.0 == t || i == 0 {
            return Some(right.1);
        }
        let left = self.points[i - 1];
        let f = (t - left.0) / (right.0 - left.0);
        Some(left.1 + f * (right.1 - left.1))
    }
}

/// A span in seconds, before rounding; `positive`/`negative` index into the lines given.
#[derive(Clone, Debug, PartialEq)]
pub struct RawSpan {
    pub start: f64,
    pub end: f64,
    pub peak: f64,
    pub spread: f64,
    pub positive: Vec<usize>,
    pub negative: Vec<usize>,
}

/// Whether moment `t` is divergent: some line at or above +θ and some at or below −θ.
/// Exact: meant for the feelings' own times, where every value is a typed valence.
pub fn is_divergent_at(lines: &[Line], theta: f64, t: f64) -> bool {
    let (mut up, mut down) = (false, false);
    for v in lines.iter().filter_map(|l| l.value_at(t)) {
        up |= v >= theta;
        down |= v <= -theta;
    }
    up && down
}

/// The part of [a, b] where a linear function from `va` to `vb` is ≥ `th`; it always touches a or b.
fn at_or_above(va: f64, vb: f64, a: f64, b: f64, th: f64) -> Option<(f64, f64)> {
    let (up_a, up_b) = (va >= th, vb >= th);
    match (up_a, up_b) {
        (true, true) => Some((a, b)),
        (false, false) => None,
        (true, false) => Some((a, a + (va - th) / (va - vb) * (b - a))),
        (false, true) => Some((a + (th - va) / (vb - va) * (b - a), b)),
    }
}

/// Unions of intervals that each touch `a` or `b` are at most `[a, left] ∪ [right, b]`.
#[derive(Clone, Copy)]
struct Anchored {
    left: Option<f64>,
    right: Option<f64>,
}

impl Anchored {
    fn new() -> Self {
        Self {
            left: None,
            right: None,
        }
    }

    fn add(&mut self, interval: Option<(f64, f64)>, a: f64, b: f64) {
        let Some((lo, hi)) = interval else { return };
        if lo == a {
            self.left = Some(self.left.map_or(hi, |l| l.max(hi)));
        }
        if hi == b {
            self.right = Some(self.right.map_or(lo, |r| r.min(lo)));
        }
    }

    fn parts(self, a: f64, b: f64) -> impl Iterator<Item = (f64, f64)> {
        [self.left.map(|l| (a, l)), self.right.map(|r| (r, b))]
            .into_iter()
            .flatten()
    }
}

/// Finds the divergence spans of `lines` with neutral band `theta`, in seconds.
pub fn find_spans(lines: &[Line], theta: f64) -> Vec<RawSpan> {
    let mut breakpoints: Vec<f64> = lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.0))
        .collect();
    breakpoints.sort_by(f64::total_cmp);
    breakpoints.dedup();

    let mut divergent: Vec<(f64, f64)> = Vec::new();
    // Instants: single-feeling lines and line ends only exist at the breakpoints themselves.
    let mut cursors = vec![0; lines.len()];
    for &t in &breakpoints {
        let (mut up, mut down) = (false, false);
        for (line, cursor) in lines.iter().zip(&mut cursors) {
            if let Some(v) = line.value_at_from(t, cursor) {
                up |= v >= theta;
                down |= v <= -theta;
            }
        }
        if up && down {
            divergent.push((t, t));
        }
    }
    // Between breakpoints every line defined there is linear.
    let spans: Vec<(f64, f64)> = lines
        .iter()
        .filter_map(|l| Some((l.first_time()?, l.last_time()?)))
        .collect();
    let (mut at_a, mut at_b) = (vec![0; lines.len()], vec![0; lines.len()]);
    for w in breakpoints.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut up = Anchored::new();
        let mut down = Anchored::new();
        for (i, (line, &(first, last))) in lines.iter().zip(&spans).enumerate() {
            if first > a || last < b {
                continue;
            }
            let (Some(va), Some(vb)) = (
                line.value_at_from(a, &mut at_a[i]),
                line.value_at_from(b, &mut at_b[i]),
            ) else {
                continue;
            };
            up.add(at_or_above(va, vb, a, b, theta), a, b);
            down.add(at_or_above(-va, -vb, a, b, theta), a, b);
        }
        for (ulo, uhi) in up.parts(a, b) {
            for (dlo, dhi) in down.parts(a, b) {
                let (lo, hi) = (ulo.max(dlo), uhi.min(dhi));
                if lo <= hi + TIME_EPSILON_SECS {
                    divergent.push((lo.min(hi), hi.max(lo)));
                }
            }
        }
    }

    divergent.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.total_cmp(&y.1)));
    let mut merged: Vec<(f64, f64)> = Vec::new();
    for (lo, hi) in divergent {
        match merged.last_mut() {
            Some(last) if lo <= last.1 + TIME_EPSILON_SECS => last.1 = last.1.max(hi),
            _ => merged.push((lo, hi)),
        }
    }

    // The spans are in time order: one set of cursors walks every line once for all of them.
    let mut cursors = vec![0; lines.len()];
    merged
        .into_iter()
        .map(|(start, end)| describe_span(lines, theta, &breakpoints, start, end, &mut cursors))
        .collect()
}

/// max − min of the lines defined at `t`; `cursors` as in [`Line::value_at_from`].
fn spread_at(lines: &[Line], t: f64, cursors: &mut [usize]) -> f64 {
    let mut values = lines
        .iter()
        .zip(cursors)
        .filter_map(|(l, cursor)| l.value_at_from(t, cursor));
    let Some(first) = values.next() else {
        return 0.0;
    };
    let (lo, hi) = values.fold((first, first), |(lo, hi), v| (lo.min(v), hi.max(v)));
    hi - lo
}

/// The span from `start` to `end`: its peak and who is up and down there. `cursors` as in
/// [`Line::value_at_from`], carried from one span to the next in time order.
fn describe_span(
    lines: &[Line],
    theta: f64,
    breakpoints: &[f64],
    start: f64,
    end: f64,
    cursors: &mut [usize],
) -> RawSpan {
    // max − min of linear functions is convex between breakpoints, so the largest spread is at the
    // span's ends or at a breakpoint inside it.
    let inside_from = breakpoints.partition_point(|&t| t <= start);
    let inside_to = breakpoints.partition_point(|&t| t < end);
    let inside = breakpoints
        .get(inside_from..inside_to.max(inside_from))
        .unwrap_or(&[]);
    let mut candidates = Vec::with_capacity(inside.len() + 2);
    candidates.push(start);
    candidates.extend_from_slice(inside);
    if end > start {
        candidates.push(end);
    }
    let mut peak = start;
    let mut spread = f64::NEG_INFINITY;
    for t in candidates {
        let s = spread_at(lines, t, cursors);
        if s > spread + VALENCE_EPSILON {
            peak = t;
            spread = s;
        }
    }
    // At a feeling's own time values are exact; at a computed crossing a line that crosses there
    // is at ±θ up to rounding.
    let tolerance = if breakpoints.binary_search_by(|t| t.total_cmp(&peak)).is_ok() {
        0.0
    } else {
        VALENCE_EPSILON
    };
    let mut positive = Vec::new();
    let mut negative = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(v) = line.value_at(peak) {
            if v >= theta - tolerance {
                positive.push(i);
            }
            if v <= -theta + tolerance {
                negative.push(i);
            }
        }
    }
    RawSpan {
        start,
        end,
        peak,
        spread: spread.max(0.0),
        positive,
        negative,
    }
}

/// The divergence spans of a board with neutral band `theta`, in time order.
pub fn divergences(board: &Board, theta: f64) -> Vec<DivergenceSpan> {
    let Some(base) = board.feelings.iter().map(|f| f.time.unix_nanos()).min() else {
        return Vec::new();
    };
    let mut by_participant: BTreeMap<ParticipantId, Vec<(f64, f64)>> = BTreeMap::new();
    for f in &board.feelings {
        if !f.valence.is_finite() {
            continue;
        }
        let secs = (f.time.unix_nanos() - base) as f64 / 1e9;
        by_participant
            .entry(f.participant)
            .or_default()
            .push((secs, f.valence));
    }
    let ids: Vec<ParticipantId> = by_participant.keys().copied().collect();
    let lines: Vec<Line> = by_participant.into_values().map(Line::new).collect();
    // Looked up once, not searched for in every span.
    let names: std::collections::HashMap<ParticipantId, &str> = board
        .participants
        .iter()
        .map(|p| (p.id, p.name.as_str()))
        .collect();
    let name = |id: ParticipantId| names.get(&id).map_or_else(String::new, |n| (*n).to_owned());
    let sorted_by_name = |indexes: Vec<usize>| {
        let mut people: Vec<(String, ParticipantId)> = indexes
            .into_iter()
            .map(|i| (name(ids[i]), ids[i]))
            .collect();
        people.sort_by(|a, b| {
            a.0.to_lowercase()
                .cmp(&b.0.to_lowercase())
                .then_with(|| a.0.cmp(&b.0))
                .then(a.1.cmp(&b.1))
        });
        people.into_iter().map(|(_, id)| id).collect()
    };
    let moment = |secs: f64| {
        Moment::from_unix_nanos(base + (secs * 1e9).round() as i128, jiff::tz::Offset::UTC)
            .map(Moment::round_to_second)
    };
    find_spans(&lines, theta)
        .into_iter()
        .filter_map(|span| {
            Some(DivergenceSpan {
                start: moment(span.start)?,
                end: moment(span.end)?,
                peak: moment(span.peak)?,
                spread: span.spread,
                positive: sorted_by_name(span.positive),
                negative: sorted_by_name(span.negative),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
