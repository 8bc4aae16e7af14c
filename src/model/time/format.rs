//! Dates and times as people read them, made in this one place: the window's labels, the
//! picture and the Markdown report take their texts from here. (RFC 3339, the text of board
//! files and of the command line's output, is [`Moment::to_rfc3339`].)
//!
//! A board is shown in one UTC offset (that of its start) and its dates leave the year out, as
//! in "Sat 14 Mar 03:10", while the board lies in the current year; a board from another year
//! shows it: "Sat 14 Mar 2025 03:10". Which year is current is a parameter ([`BoardDates::new`]),
//! so that tests and golden files do not change with the clock; [`BoardDates::today`] reads the
//! clock.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::Offset;

use super::{Moment, parse_date_and_clock};
use crate::model::{TimeRange, in_supported_years};

/// The format of the due-date picker's button, for `egui_extras::DatePickerButton::format`:
/// "Fri 20 Mar 2026".
pub const DUE_PICKER_FORMAT: &str = "%a %-d %b %Y";

/// How one board's moments are written: in its offset, with the year or without.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BoardDates {
    offset: Offset,
    with_year: bool,
}

impl BoardDates {
    /// The dates of a board that covers `range`, read on `today` (a date in the board's
    /// offset): the year is shown unless the whole range lies in the year of `today`.
    pub fn new(range: Option<TimeRange>, today: Date) -> Self {
        Self::in_offset(board_offset(range), range, today)
    }

    /// [`BoardDates::new`] for a board shown in `offset` (its setting).
    pub fn in_offset(offset: Offset, range: Option<TimeRange>, today: Date) -> Self {
        let with_year = range.is_some_and(|r| {
            [r.start, r.end]
                .iter()
                .any(|m| m.to_offset(offset).datetime().year() != today.year())
        });
        Self { offset, with_year }
    }

    /// [`BoardDates::in_offset`] on today's date, by the clock, in the board's offset.
    pub fn today(offset: Offset, range: Option<TimeRange>) -> Self {
        Self::in_offset(offset, range, today_in(offset))
    }

    /// The offset the board is shown in.
    pub fn offset(self) -> Offset {
        self.offset
    }

    /// Whether dates show their year: the board is not in the current year.
    pub fn with_year(self) -> bool {
        self.with_year
    }

    /// "Sat 14 Mar 03:10", or "Sat 14 Mar 2025 03:10" when the board is not in the current year.
    pub fn time(self, m: Moment) -> String {
        let dt = m.to_offset(self.offset).datetime();
        format!("{} {}", self.day_of(dt), clock_of(dt))
    }

    /// The clock time alone, "03:10", in the board's offset.
    pub fn clock(self, m: Moment) -> String {
        clock_of(m.to_offset(self.offset).datetime())
    }

    /// The board's offset as "UTC+01:00".
    pub fn zone(self) -> String {
        zone_text(self.offset)
    }

    fn day_of(self, dt: DateTime) -> String {
        if self.with_year {
            format!("{} {}", short_day(dt), dt.year())
        } else {
            short_day(dt)
        }
    }
}

/// The offset a board that covers `range` is shown in: that of its start, or UTC.
pub fn board_offset(range: Option<TimeRange>) -> Offset {
    range.map_or(Offset::UTC, |r| r.start.offset())
}

/// Today's date by the clock, in `offset`.
pub fn today_in(offset: Offset) -> Date {
    offset.to_datetime(Timestamp::now()).date()
}

/// The day without the year, "Sat 14 Mar", as the time axis labels its days.
pub fn short_day(dt: DateTime) -> String {
    dt.strftime("%a %-d %b").to_string()
}

/// The clock time of a wall-clock time, "03:10".
pub fn clock_of(dt: DateTime) -> String {
    format!("{:02}:{:02}", dt.hour(), dt.minute())
}

/// An offset as "+01:00", "-05:30" or "+00:00" (seconds, which no board offset has, are left
/// out).
pub fn offset_text(offset: Offset) -> String {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let seconds = seconds.unsigned_abs();
    format!("{sign}{:02}:{:02}", seconds / 3600, seconds % 3600 / 60)
}

/// This computer's UTC offset now (UTC when its time zone cannot be read).
pub fn local_offset() -> Offset {
    jiff::tz::TimeZone::try_system()
        .map(|tz| tz.to_offset(Timestamp::now()))
        .unwrap_or(Offset::UTC)
}

/// A valence as people read it: "+2.5", "0", "−3" (with a true minus sign).
pub fn valence_text(v: f64) -> String {
    if v > 0.0 {
        format!("+{v}")
    } else if v < 0.0 {
        format!("−{}", -v)
    } else {
        "0".to_owned()
    }
}

/// An offset as "UTC+01:00".
pub fn zone_text(offset: Offset) -> String {
    format!("UTC{}", offset_text(offset))
}

/// A moment in UTC with the date in full, for times the program itself recorded (autosaves,
/// file times): "2026-03-14 09:05:12 UTC".
pub fn utc_text(m: Moment) -> String {
    let dt = m.to_utc().datetime();
    format!("{} {} UTC", iso_date(dt.date()), dt.strftime("%H:%M:%S"))
}

/// A moment in UTC for a file name: "20260314-090512".
pub fn file_stamp(m: Moment) -> String {
    m.to_utc().datetime().strftime("%Y%m%d-%H%M%S").to_string()
}

/// A date as written in board files and shown for due dates: "2026-03-20" (a year before 1
/// as "-0001").
pub fn iso_date(date: Date) -> String {
    let year = date.year();
    let sign = if year < 0 { "-" } else { "" };
    format!(
        "{sign}{:04}-{:02}-{:02}",
        year.unsigned_abs(),
        date.month(),
        date.day()
    )
}

/// A moment in its own offset as typed into a time field: "2026-03-14 03:10", with the
/// seconds only when there are some ("2026-03-14 03:10:30").
pub fn local_time_text(m: Moment) -> String {
    let dt = m.datetime();
    let mut text = format!("{} {}", iso_date(dt.date()), clock_of(dt));
    if dt.second() != 0 {
        text.push_str(&format!(":{:02}", dt.second()));
    }
    text
}

/// Reads a time typed as `2026-03-14 03:10`, `2026-03-14 03:10:30` (in `offset`) or RFC 3339.
pub fn parse_local_time(text: &str, offset: Offset) -> Result<Moment, String> {
    let text = text.trim();
    let moment = match Moment::parse_rfc3339(text) {
        Ok(m) => m,
        Err(_) => parse_date_and_clock(text)
            .map(|dt| Moment::from_local(dt, offset))
            .ok_or_else(|| format!("\"{text}\" is not a time like 2026-03-14 03:10"))?,
    };
    if in_supported_years(moment) {
        Ok(moment)
    } else {
        Err(format!("\"{text}\" is outside the years 1900 to 2200"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Moment {
        Moment::parse_rfc3339(text).expect("time")
    }

    fn range(start: &str, end: &str) -> Option<TimeRange> {
        Some(TimeRange {
            start: at(start),
            end: at(end),
        })
    }

    fn offset(hours: i8, minutes: i32) -> Offset {
        let sign = i32::from(hours.signum());
        Offset::from_seconds(i32::from(hours) * 3600 + sign * minutes * 60).expect("offset")
    }

    #[test]
    fn the_year_is_shown_only_outside_the_current_year() {
        let night = range("2026-03-14T01:30:00+01:00", "2026-03-14T05:20:00+01:00");
        let this_year = BoardDates::new(night, Date::constant(2026, 11, 29));
        assert!(!this_year.with_year());
        assert_eq!(
            this_year.time(at("2026-03-14T02:10:00Z")),
            "Sat 14 Mar 03:10"
        );

        let next_year = BoardDates::new(night, Date::constant(2027, 1, 2));
        assert!(next_year.with_year());
        assert_eq!(
            next_year.time(at("2026-03-14T02:10:00Z")),
            "Sat 14 Mar 2026 03:10"
        );
        assert_eq!(next_year.clock(at("2026-03-14T02:10:00Z")), "03:10");

        let last_year = BoardDates::new(night, Date::constant(2025, 12, 31));
        assert!(
            last_year.with_year(),
            "a board in the future shows its year too"
        );
    }

    #[test]
    fn a_board_across_new_year_shows_the_year_even_in_one_of_its_years() {
        let new_year = range("2026-12-31T22:00:00+00:00", "2027-01-01T02:00:00Z");
        assert!(BoardDates::new(new_year, Date::constant(2026, 12, 31)).with_year());
        assert!(BoardDates::new(new_year, Date::constant(2027, 1, 1)).with_year());
    }

    #[test]
    fn the_year_is_that_of_the_boards_offset() {
        // 23:30 on New Year's Eve in UTC is already the new year in UTC+01:00.
        let party = range("2026-12-31T23:30:00Z", "2026-12-31T23:45:00Z");
        let dates = BoardDates::new(party, Date::constant(2026, 6, 1));
        assert!(!dates.with_year());
        let plus_one = range("2027-01-01T00:30:00+01:00", "2027-01-01T00:45:00+01:00");
        let dates = BoardDates::new(plus_one, Date::constant(2026, 6, 1));
        assert!(dates.with_year());
        assert_eq!(
            dates.time(at("2026-12-31T23:30:00Z")),
            "Fri 1 Jan 2027 00:30",
            "shown in the board's offset"
        );
        assert_eq!(dates.zone(), "UTC+01:00");
    }

    #[test]
    fn an_empty_board_is_shown_in_utc_without_a_year() {
        let dates = BoardDates::new(None, Date::constant(2030, 1, 1));
        assert_eq!(dates.offset(), Offset::UTC);
        assert!(!dates.with_year());
        assert_eq!(dates.zone(), "UTC+00:00");
    }

    #[test]
    fn offsets_are_written_with_sign_hours_and_minutes() {
        assert_eq!(offset_text(Offset::UTC), "+00:00");
        assert_eq!(offset_text(offset(1, 0)), "+01:00");
        assert_eq!(offset_text(offset(5, 30)), "+05:30");
        assert_eq!(offset_text(offset(-3, 30)), "-03:30");
        assert_eq!(offset_text(offset(0, 0)), "+00:00");
        assert_eq!(
            offset_text(Offset::from_seconds(-30 * 60).expect("offset")),
            "-00:30"
        );
        assert_eq!(offset_text(offset(-12, 0)), "-12:00");
        assert_eq!(offset_text(offset(14, 0)), "+14:00");
        assert_eq!(zone_text(offset(-5, 0)), "UTC-05:00");
    }

    #[test]
    fn rfc3339_round_trips_with_z_and_offsets() {
        for text in [
            "2026-03-14T02:10:00Z",
            "2026-03-14T07:40:00+05:30",
            "2026-03-13T21:10:00-05:00",
            "2026-03-14T01:40:00-00:30",
            "2026-03-14T02:10:00.5Z",
            "2026-03-14T02:10:00.123456789+01:00",
            "2026-03-14T02:10:00.000000001-09:30",
            "1900-01-01T00:00:00+14:00",
            "2200-01-01T00:00:00Z",
        ] {
            let m = at(text);
            assert_eq!(m.to_rfc3339(), text);
            assert_eq!(at(&m.to_rfc3339()), m);
        }
        // The same instant, in different offsets: one instant, three moments.
        let utc = at("2026-03-14T02:10:00Z");
        let india = at("2026-03-14T07:40:00+05:30");
        let americas = at("2026-03-13T21:10:00-05:00");
        assert_eq!(utc.unix_nanos(), india.unix_nanos());
        assert_eq!(utc.unix_nanos(), americas.unix_nanos());
        assert_ne!(utc, india);
        assert_eq!(india.to_utc(), utc);
        assert_eq!(utc.to_offset(offset(-5, 0)), americas);
    }

    #[test]
    fn rfc3339_is_written_as_before() {
        // Trailing zeros of the fraction go, a whole second has none, and UTC is "Z" however
        // it was written.
        assert_eq!(
            at("2026-03-14T02:10:00.500Z").to_rfc3339(),
            "2026-03-14T02:10:00.5Z"
        );
        assert_eq!(
            at("2026-03-14T02:10:00.000Z").to_rfc3339(),
            "2026-03-14T02:10:00Z"
        );
        assert_eq!(
            at("2026-03-14T02:10:00.1234567891Z").to_rfc3339(),
            "2026-03-14T02:10:00.123456789Z",
            "digits past nanoseconds are dropped"
        );
        assert_eq!(
            at("2026-03-14T02:10:00+00:00").to_rfc3339(),
            "2026-03-14T02:10:00Z"
        );
        assert_eq!(
            at("2026-03-14T02:10:00-00:00").to_rfc3339(),
            "2026-03-14T02:10:00Z"
        );
        assert_eq!(
            at("2026-03-14t02:10:00z").to_rfc3339(),
            "2026-03-14T02:10:00Z"
        );
        assert_eq!(
            at(" 2026-03-14 02:10:00+01:00\n").to_rfc3339(),
            "2026-03-14T02:10:00+01:00"
        );
    }

    #[test]
    fn rfc3339_needs_an_offset_and_a_real_date() {
        let err = Moment::parse_rfc3339("2026-03-14T02:10:00").expect_err("no offset");
        assert!(err.contains("offset is missing"), "{err}");
        for bad in [
            "2026-03-14T02:10",
            "2026-03-14",
            "2026-3-14T02:10:00Z",
            "26-03-14T02:10:00Z",
            "+2026-03-14T02:10:00Z",
            "2026-02-30T02:10:00Z",
            "2026-13-01T02:10:00Z",
            "2026-03-14T24:00:00Z",
            "2026-03-14T02:60:00Z",
            "2026-03-14T02:10:00.Z",
            "2026-03-14T02:10:00+24:00",
            "2026-03-14T02:10:00+01:60",
            "2026-03-14T02:10:00+0100",
            "2026-03-14T02:10:00+01",
            "2026-03-14T02:10:00 +01:00",
            "2026-03-14T02:10:00Z[Europe/Paris]",
            "2026-03-14T02:10:00ZZ",
            "2026-03-14T02:10:60Z",
        ] {
            assert!(Moment::parse_rfc3339(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_leap_second_is_the_last_nanosecond_of_its_month() {
        assert_eq!(
            at("2016-12-31T23:59:60Z").to_rfc3339(),
            "2016-12-31T23:59:59.999999999Z"
        );
        assert_eq!(
            at("2017-01-01T00:59:60+01:00").to_rfc3339(),
            "2017-01-01T00:59:59.999999999+01:00"
        );
        assert!(Moment::parse_rfc3339("2016-12-30T23:59:60Z").is_err());
    }

    #[test]
    fn texts_for_people() {
        let m = at("2026-03-14T03:10:00+01:00");
        assert_eq!(utc_text(m), "2026-03-14 02:10:00 UTC");
        assert_eq!(file_stamp(m), "20260314-021000");
        assert_eq!(local_time_text(m), "2026-03-14 03:10");
        assert_eq!(
            local_time_text(at("2026-03-14T03:10:30+01:00")),
            "2026-03-14 03:10:30"
        );
        assert_eq!(iso_date(Date::constant(2026, 3, 20)), "2026-03-20");
        assert_eq!(iso_date(Date::constant(-1, 1, 1)), "-0001-01-01");
        assert_eq!(short_day(m.datetime()), "Sat 14 Mar");
    }

    #[test]
    fn typed_times_are_read_in_the_boards_offset() {
        let plus_one = offset(1, 0);
        let m = parse_local_time("2026-03-14 03:10", plus_one).expect("valid");
        assert_eq!(m.to_rfc3339(), "2026-03-14T03:10:00+01:00");
        let m = parse_local_time(" 2026-03-14 03:10:30 ", plus_one).expect("valid");
        assert_eq!(m.to_rfc3339(), "2026-03-14T03:10:30+01:00");
        let m = parse_local_time("2026-03-14T02:10:00Z", plus_one).expect("valid");
        assert_eq!(m.to_rfc3339(), "2026-03-14T02:10:00Z");
        assert_eq!(local_time_text(m), "2026-03-14 02:10");
        for bad in [
            "tomorrow",
            "2026-02-30 10:00",
            "2026-03-14 3:10",
            "2026-03-14T03:10",
            "2026-03-14 03:10:60",
            "2026-03-14 03:10:30.5",
            "2026-03-14  03:10",
        ] {
            assert!(parse_local_time(bad, plus_one).is_err(), "{bad}");
        }
        let err = parse_local_time("1850-03-14 03:10", plus_one).expect_err("too early");
        assert!(err.contains("1900 to 2200"), "{err}");
    }
}
