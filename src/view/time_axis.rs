//! The time axis shared by the timeline and the feelings area: which moments are on screen,
//! where tick marks go and what they say, and what a dragged card snaps to.
//!
//! Times are Unix seconds (`f64`); labels and snapping follow the board's UTC offset, so a tick
//! at "03:00" is three o'clock where the board happened.

use jiff::civil::{DateTime, Weekday};
use jiff::tz::Offset;

use crate::model::Moment;
use crate::model::time::format;

const MINUTE: f64 = 60.0;
const HOUR: f64 = 3600.0;
const DAY: f64 = 86_400.0;
const WEEK: f64 = 7.0 * DAY;

/// The narrowest and widest stretch of time the view can show.
pub const MIN_VIEW_SECS: f64 = 5.0 * MINUTE;
pub const MAX_VIEW_SECS: f64 = 400.0 * DAY;

/// The view stays between 1900 and 2200: far enough for any retrospective, near enough that
/// times and pixel positions stay exact.
const EARLIEST_SECS: f64 = -2_208_988_800.0;
const LATEST_SECS: f64 = 7_258_118_400.0;

/// Tick spacings, smallest first. Weeks start on Mondays.
const TICK_STEPS_SECS: [f64; 17] = [
    MINUTE,
    2.0 * MINUTE,
    5.0 * MINUTE,
    10.0 * MINUTE,
    15.0 * MINUTE,
    30.0 * MINUTE,
    HOUR,
    2.0 * HOUR,
    3.0 * HOUR,
    6.0 * HOUR,
    12.0 * HOUR,
    DAY,
    2.0 * DAY,
    WEEK,
    4.0 * WEEK,
    8.0 * WEEK,
    13.0 * WEEK,
];

/// Snapping steps for dragged cards, smallest first.
const SNAP_STEPS_SECS: [f64; 8] = [
    MINUTE,
    5.0 * MINUTE,
    15.0 * MINUTE,
    HOUR,
    6.0 * HOUR,
    DAY,
    WEEK,
    4.0 * WEEK,
];

/// The stretch of time on screen, `start..end` in Unix seconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeView {
    pub start: f64,
    pub end: f64,
}

impl TimeView {
    /// A view that shows `first..=last` with a margin on both sides.
    pub fn fit(first: f64, last: f64) -> Self {
        let (first, last) = if first <= last {
            (first, last)
        } else {
            (last, first)
        };
        let span = (last - first).max(MIN_VIEW_SECS * 0.8);
        let margin = span * 0.06;
        let mid = (first + last) / 2.0;
        let half = span / 2.0 + margin;
        let mut view = Self {
            start: mid - half,
            end: mid + half,
        };
        view.clamp_width();
        view
    }

    /// A view `width` pixels wide that shows `first..=last`, leaving `reserve_right` pixels after
    /// `last` (for the card that starts there) and a small margin before `first`.
    pub fn fit_px(first: f64, last: f64, width: f32, reserve_right: f32) -> Self {
        let (first, last) = if first <= last {
            (first, last)
        } else {
            (last, first)
        };
        let margin = 24.0_f64;
        let width = f64::from(width.max(1.0));
        let usable = (width - f64::from(reserve_right) - 2.0 * margin).max(width * 0.3);
        let span = (last - first).max(MIN_VIEW_SECS * 0.5);
        let secs_per_px = span / usable;
        let start = first - margin * secs_per_px;
        let mut view = Self {
            start,
            end: start + width * secs_per_px,
        };
        if view.width_secs() > MAX_VIEW_SECS {
            view.clamp_width();
        }
        view
    }

    pub fn width_secs(&self) -> f64 {
        self.end - self.start
    }

    /// Where moment `t` is, from `left` to `left + width` pixels.
    pub fn x_of(&self, t: f64, left: f32, width: f32) -> f32 {
        left + ((t - self.start) / self.width_secs() * f64::from(width)) as f32
    }

    /// The moment at pixel `x` of an axis from `left` to `left + width`.
    pub fn t_of(&self, x: f32, left: f32, width: f32) -> f64 {
        self.start + f64::from((x - left) / width.max(1.0)) * self.width_secs()
    }

    /// Seconds per pixel on an axis `width` pixels wide.
    pub fn secs_per_px(&self, width: f32) -> f64 {
        self.width_secs() / f64::from(width.max(1.0))
    }

    /// Zooms by `factor` (above 1 zooms in) keeping moment `anchor` where it is on screen.
    pub fn zoom_around(&mut self, anchor: f64, factor: f64) {
        if !(factor.is_finite() && factor > 0.0) {
            return;
        }
        let new_width = (self.width_secs() / factor).clamp(MIN_VIEW_SECS, MAX_VIEW_SECS);
        let f = (anchor - self.start) / self.width_secs();
        self.start = anchor - f * new_width;
        self.end = self.start + new_width;
        self.pan(0.0);
    }

    /// Moves the view later by `secs` (earlier when negative), within 1900 … 2200.
    pub fn pan(&mut self, secs: f64) {
        if secs.is_finite() {
            let width = self.width_secs();
            self.start = (self.start + secs).clamp(EARLIEST_SECS, LATEST_SECS - width);
            self.end = self.start + width;
        }
    }

    fn clamp_width(&mut self) {
        let width = self.width_secs().clamp(MIN_VIEW_SECS, MAX_VIEW_SECS);
        let mid = (self.start + self.end) / 2.0;
        self.start = mid - width / 2.0;
        self.end = mid + width / 2.0;
    }
}

/// A tick on the time axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub t: f64,
    pub label: String,
    /// Starts a new day (or a new week when ticks are days): drawn stronger, label has the date.
    pub major: bool,
}

fn local(t: f64, offset: Offset) -> Option<DateTime> {
    Moment::from_unix_seconds(t.floor() as i64, offset).map(Moment::datetime)
}

/// Rounds `t` down to a multiple of `step` in local time (weeks start on Monday).
fn floor_local(t: f64, step: f64, offset: Offset) -> f64 {
    let off = f64::from(offset.seconds());
    // 1970-01-01 was a Thursday; shift so that week multiples land on Mondays.
    let phase = if step >= WEEK { 3.0 * DAY } else { 0.0 };
    ((t + off + phase) / step).floor() * step - off - phase
}

/// The tick spacing for a view `width` pixels wide: labels at least `min_px` apart.
pub fn tick_step(view: &TimeView, width: f32, min_px: f32) -> f64 {
    let min_secs = view.secs_per_px(width) * f64::from(min_px);
    let largest = TICK_STEPS_SECS[TICK_STEPS_SECS.len() - 1];
    TICK_STEPS_SECS
        .iter()
        .copied()
        .find(|&s| s >= min_secs)
        // A very narrow axis: whole multiples of the largest step, so labels never overlap.
        .unwrap_or_else(|| (min_secs / largest).ceil().max(1.0) * largest)
}

/// The ticks of a view `width` pixels wide, labelled in `offset`.
pub fn ticks(view: &TimeView, width: f32, min_px: f32, offset: Offset) -> Vec<Tick> {
    let step = tick_step(view, width, min_px);
    let mut out = Vec::new();
    let mut t = floor_local(view.start, step, offset);
    while t <= view.end && out.len() < 1000 {
        if t >= view.start
            && let Some(dt) = local(t, offset)
        {
            let midnight = dt.hour() == 0 && dt.minute() == 0;
            let major = if step < DAY {
                midnight
            } else {
                dt.weekday() == Weekday::Monday
            };
            // The days on the axis leave out the year: the header above it shows the year of
            // a board from another year, and labels must fit between the ticks.
            let label = if step < DAY && !midnight {
                format::clock_of(dt)
            } else {
                format::short_day(dt)
            };
            out.push(Tick { t, label, major });
        }
        t += step;
    }
    out
}

/// The step a dragged card snaps to on a view `width` pixels wide (about 12 px or more).
pub fn snap_step(view: &TimeView, width: f32) -> f64 {
    let min_secs = view.secs_per_px(width) * 12.0;
    SNAP_STEPS_SECS
        .iter()
        .copied()
        .find(|&s| s >= min_secs)
        .unwrap_or(SNAP_STEPS_SECS[SNAP_STEPS_SECS.len() - 1])
}

/// `t` rounded to the nearest multiple of `step` in local time.
pub fn snap(t: f64, step: f64, offset: Offset) -> f64 {
    let lower = floor_local(t, step, offset);
    if t - lower >= step / 2.0 {
        lower + step
    } else {
        lower
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> f64 {
        crate::model::Moment::parse_rfc3339(s)
            .expect("time")
            .unix_seconds_f64()
    }

    fn plus_one() -> Offset {
        Offset::constant(1)
    }

    #[test]
    fn labels_never_come_closer_than_asked_even_zoomed_out_to_the_limit() {
        let start = at("2026-01-05T00:00:00Z");
        for width in [300.0, 800.0, 1100.0, 1800.0] {
            let view = TimeView {
                start,
                end: start + MAX_VIEW_SECS,
            };
            let ticks = ticks(&view, width, 96.0, Offset::UTC);
            assert!(ticks.len() >= 2, "{width}: {ticks:?}");
            for pair in ticks.windows(2) {
                let px = (pair[1].t - pair[0].t) / view.secs_per_px(width);
                assert!(
                    px >= 96.0,
                    "{width}: {} and {} are {px} px apart",
                    pair[0].label,
                    pair[1].label
                );
            }
        }
    }

    #[test]
    fn an_incident_night_is_labelled_in_hours_of_the_boards_zone() {
        let view = TimeView::fit(
            at("2026-03-14T01:30:00+01:00"),
            at("2026-03-14T05:20:00+01:00"),
        );
        let ticks = ticks(&view, 1600.0, 90.0, plus_one());
        let labels: Vec<&str> = ticks.iter().map(|t| t.label.as_str()).collect();
        assert!(
            labels.contains(&"02:00") && labels.contains(&"05:00"),
            "{labels:?}"
        );
        assert!(labels.iter().all(|l| l.len() == 5), "{labels:?}");
    }

    #[test]
    fn a_sprint_is_labelled_in_days_with_real_dates() {
        let view = TimeView::fit(
            at("2026-04-01T09:30:00+02:00"),
            at("2026-04-14T16:00:00+02:00"),
        );
        let offset = Offset::constant(2);
        let ticks = ticks(&view, 1600.0, 90.0, offset);
        let labels: Vec<&str> = ticks.iter().map(|t| t.label.as_str()).collect();
        assert!(labels.contains(&"Wed 1 Apr"), "{labels:?}");
        assert!(labels.contains(&"Mon 6 Apr"), "{labels:?}");
        let monday = ticks
            .iter()
            .find(|t| t.label == "Mon 6 Apr")
            .expect("monday");
        assert!(monday.major);
        assert_eq!(monday.t, at("2026-04-06T00:00:00+02:00"));
    }

    #[test]
    fn midnight_in_an_hourly_view_shows_the_date() {
        let view = TimeView::fit(
            at("2026-03-13T22:00:00+01:00"),
            at("2026-03-14T02:00:00+01:00"),
        );
        let ticks = ticks(&view, 1600.0, 90.0, plus_one());
        let midnight = ticks.iter().find(|t| t.major).expect("midnight tick");
        assert_eq!(midnight.label, "Sat 14 Mar");
        assert_eq!(midnight.t, at("2026-03-14T00:00:00+01:00"));
    }

    #[test]
    fn ticks_never_crowd_closer_than_asked() {
        for width_secs in [
            400.0,
            4000.0,
            40_000.0,
            400_000.0,
            4_000_000.0,
            30_000_000.0,
        ] {
            let view = TimeView {
                start: 1.77e9,
                end: 1.77e9 + width_secs,
            };
            let ticks = ticks(&view, 1200.0, 90.0, Offset::UTC);
            for pair in ticks.windows(2) {
                let px = view.x_of(pair[1].t, 0.0, 1200.0) - view.x_of(pair[0].t, 0.0, 1200.0);
                assert!(px >= 89.0, "{width_secs}: {px}");
            }
            assert!(!ticks.is_empty() || width_secs > 2.0e7, "{width_secs}");
        }
    }

    #[test]
    fn snapping_follows_the_zoom_and_local_time() {
        let hours = TimeView::fit(
            at("2026-03-14T01:30:00+01:00"),
            at("2026-03-14T05:20:00+01:00"),
        );
        let step = snap_step(&hours, 1600.0);
        assert_eq!(step, 5.0 * MINUTE);
        let snapped = snap(at("2026-03-14T03:07:31+01:00"), step, plus_one());
        assert_eq!(snapped, at("2026-03-14T03:10:00+01:00"));
        assert_eq!(snap_step(&hours, 8000.0), MINUTE, "zoomed in, minutes");
        let days = TimeView::fit(
            at("2026-04-01T09:30:00+02:00"),
            at("2026-04-14T16:00:00+02:00"),
        );
        let step = snap_step(&days, 1600.0);
        assert_eq!(step, 6.0 * HOUR);
        let snapped = snap(at("2026-04-09T13:00:00+02:00"), step, plus_one());
        assert_eq!(
            snapped,
            at("2026-04-09T12:00:00+01:00"),
            "local 6-hour marks"
        );
        let week = snap(at("2026-04-08T13:00:00+02:00"), WEEK, plus_one());
        assert_eq!(
            week,
            at("2026-04-06T00:00:00+01:00"),
            "weeks snap to Mondays"
        );
    }

    #[test]
    fn fitting_leaves_room_for_the_last_card() {
        let view = TimeView::fit_px(1000.0, 11_800.0, 1200.0, 170.0);
        let first = view.x_of(1000.0, 0.0, 1200.0);
        let last = view.x_of(11_800.0, 0.0, 1200.0);
        assert!((first - 24.0).abs() < 0.01, "{first}");
        assert!(last + 170.0 <= 1200.0 - 23.0, "{last}");
    }

    #[test]
    fn panning_stops_at_the_edges_of_useful_time() {
        let mut view = TimeView {
            start: 0.0,
            end: 3600.0,
        };
        view.pan(1e300);
        assert!(view.end <= LATEST_SECS && (view.width_secs() - 3600.0).abs() < 1e-3);
        view.pan(-1e300);
        assert_eq!(view.start, EARLIEST_SECS);
        view.pan(f64::NAN);
        assert_eq!(view.start, EARLIEST_SECS);
    }

    #[test]
    fn zoom_keeps_the_anchor_in_place_and_stays_within_limits() {
        let mut view = TimeView {
            start: 0.0,
            end: 3600.0,
        };
        let before = view.x_of(900.0, 0.0, 1000.0);
        view.zoom_around(900.0, 2.0);
        assert!((view.x_of(900.0, 0.0, 1000.0) - before).abs() < 1e-3);
        assert!((view.width_secs() - 1800.0).abs() < 1e-6);
        view.zoom_around(900.0, 1e9);
        assert_eq!(view.width_secs(), MIN_VIEW_SECS);
        view.zoom_around(900.0, 1e-12);
        assert_eq!(view.width_secs(), MAX_VIEW_SECS);
        view.zoom_around(900.0, f64::NAN);
        assert_eq!(view.width_secs(), MAX_VIEW_SECS);
    }
}
