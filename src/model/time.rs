//! Moments on the board: an instant together with the UTC offset it was written in.
//!
//! Texts for people (dates in labels and reports, offsets, typed times) are made in [`format`].

pub mod format;

use std::cmp::Ordering;
use std::fmt;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::Offset;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

const NANOS_PER_SECOND: i128 = 1_000_000_000;

/// The Unix epoch as a wall-clock time in UTC.
const UNIX_EPOCH: DateTime = DateTime::constant(1970, 1, 1, 0, 0, 0, 0);

/// A point in time that remembers its UTC offset, written as RFC 3339 (`2026-03-14T02:10:00+01:00`).
///
/// Two moments are equal only when both the instant and the offset match, so a board survives
/// save → load exactly as it was typed. Ordering is by instant first.
///
/// It is kept as the wall-clock time in its offset rather than as a [`Timestamp`], so that every
/// RFC 3339 text (years 0000 to 9999 in any offset) is a moment: a timestamp cannot hold the last
/// hours of the year 9999 written with a negative offset, and a board with such a time must still
/// load far enough to be told that its times lie outside the years it can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Moment {
    /// The wall-clock time in `offset`. With the offset, it is the instant; so comparing both
    /// (the derived equality) is comparing the instant and the offset.
    local: DateTime,
    offset: Offset,
}

impl Moment {
    /// The wall-clock time `local` read in `offset`.
    pub fn from_local(local: DateTime, offset: Offset) -> Self {
        Self { local, offset }
    }

    /// The instant `timestamp`, shown in `offset`.
    pub fn from_timestamp(timestamp: Timestamp, offset: Offset) -> Self {
        Self {
            local: offset.to_datetime(timestamp),
            offset,
        }
    }

    /// The current time, in UTC.
    pub fn now() -> Self {
        Self::from_timestamp(Timestamp::now(), Offset::UTC)
    }

    /// Parses RFC 3339 with an explicit offset (`Z` or `±hh:mm`).
    pub fn parse_rfc3339(text: &str) -> Result<Self, String> {
        parse_rfc3339(text.trim())
            .map_err(|why| format!("\"{text}\" is not an RFC 3339 time with an offset ({why})"))
    }

    /// Seconds since the Unix epoch, with the fractional part.
    pub fn unix_seconds_f64(self) -> f64 {
        self.unix_nanos() as f64 / 1e9
    }

    /// Nanoseconds since the Unix epoch.
    pub fn unix_nanos(self) -> i128 {
        self.local.duration_since(UNIX_EPOCH).as_nanos()
            - i128::from(self.offset.seconds()) * NANOS_PER_SECOND
    }

    /// The wall-clock time in the moment's own offset.
    pub fn datetime(self) -> DateTime {
        self.local
    }

    pub fn offset(self) -> Offset {
        self.offset
    }

    /// The same instant expressed in UTC (unchanged where that would leave the calendar).
    pub fn to_utc(self) -> Self {
        self.to_offset(Offset::UTC)
    }

    /// The same instant expressed in `offset` (unchanged where that would leave the calendar).
    pub fn to_offset(self, offset: Offset) -> Self {
        self.checked_to_offset(offset).unwrap_or(self)
    }

    /// The same instant expressed in `offset`, if its wall-clock time there is on the calendar
    /// (years −9999 to 9999).
    fn checked_to_offset(self, offset: Offset) -> Option<Self> {
        if offset == self.offset {
            return Some(self);
        }
        let shift = i64::from(offset.seconds()) - i64::from(self.offset.seconds());
        let local = self
            .local
            .checked_add(SignedDuration::from_secs(shift))
            .ok()?;
        Some(Self { local, offset })
    }

    /// The same instant, rounded to the nearest whole second.
    pub fn round_to_second(self) -> Self {
        let nanos = self.unix_nanos();
        let seconds = nanos.div_euclid(NANOS_PER_SECOND);
        let rest = nanos.rem_euclid(NANOS_PER_SECOND);
        let rounded = if rest >= NANOS_PER_SECOND / 2 {
            seconds + 1
        } else {
            seconds
        };
        Self::from_unix_nanos(rounded * NANOS_PER_SECOND, self.offset).unwrap_or(self)
    }

    /// A moment `seconds` after the Unix epoch, shown in `offset`.
    pub fn from_unix_seconds(seconds: i64, offset: Offset) -> Option<Self> {
        Self::from_unix_nanos(i128::from(seconds) * NANOS_PER_SECOND, offset)
    }

    /// A moment `seconds` (fractional) after the Unix epoch, shown in `offset`.
    pub fn from_unix_seconds_f64(seconds: f64, offset: Offset) -> Option<Self> {
        if !seconds.is_finite() {
            return None;
        }
        Self::from_unix_nanos((seconds * 1e9).round() as i128, offset)
    }

    /// A moment `nanos` nanoseconds after the Unix epoch, shown in `offset`: `None` where the
    /// instant, in UTC or in `offset`, is off the calendar (years −9999 to 9999).
    pub fn from_unix_nanos(nanos: i128, offset: Offset) -> Option<Self> {
        let seconds = i64::try_from(nanos.div_euclid(NANOS_PER_SECOND)).ok()?;
        let subsec = nanos.rem_euclid(NANOS_PER_SECOND) as i32;
        let utc = UNIX_EPOCH
            .checked_add(SignedDuration::new(seconds, subsec))
            .ok()?;
        Self::from_local(utc, Offset::UTC).checked_to_offset(offset)
    }

    /// RFC 3339 text in the moment's own offset: `Z` for UTC, otherwise `±hh:mm`, and the
    /// fraction of a second only when there is one, without trailing zeros.
    pub fn to_rfc3339(self) -> String {
        let dt = self.local;
        let offset = self.offset.seconds();
        if !(0..=9999).contains(&dt.year()) || offset.abs() >= 24 * 3600 || offset % 60 != 0 {
            // RFC 3339 cannot write a year before 0000 or an offset that is not whole minutes
            // under a day. Only moments outside the years a board holds (1900 to 2200), or
            // offsets no text gives, have them; show something rather than panic.
            return format!("{dt}{}", self.offset);
        }
        let mut text = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            dt.year(),
            dt.month(),
            dt.day(),
            dt.hour(),
            dt.minute(),
            dt.second()
        );
        let nanos = dt.subsec_nanosecond();
        if nanos != 0 {
            let digits = format!("{nanos:09}");
            text.push('.');
            text.push_str(digits.trim_end_matches('0'));
        }
        if offset == 0 {
            text.push('Z');
        } else {
            text.push_str(&format::offset_text(self.offset));
        }
        text
    }
}

impl PartialOrd for Moment {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Moment {
    fn cmp(&self, other: &Self) -> Ordering {
        self.unix_nanos()
            .cmp(&other.unix_nanos())
            .then_with(|| self.offset.cmp(&other.offset))
    }
}

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl Serialize for Moment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse_rfc3339(&text).map_err(serde::de::Error::custom)
    }
}

/// Reads texts of fixed-width fields byte by byte, as strictly as RFC 3339 asks.
struct Fields<'a> {
    rest: &'a [u8],
}

impl<'a> Fields<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            rest: text.as_bytes(),
        }
    }

    /// Exactly `n` ASCII digits.
    fn digits(&mut self, n: usize) -> Option<u32> {
        let digits = self.rest.get(..n)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.rest = &self.rest[n..];
        Some(
            digits
                .iter()
                .fold(0, |value, d| value * 10 + u32::from(d - b'0')),
        )
    }

    /// The byte `separator` and then exactly `n` ASCII digits.
    fn after(&mut self, separator: u8, n: usize) -> Option<u32> {
        if self.byte(separator) {
            self.digits(n)
        } else {
            None
        }
    }

    /// The byte `b`, if it is next.
    fn byte(&mut self, b: u8) -> bool {
        self.byte_where(|next| next == b).is_some()
    }

    /// The next byte, if `accept` takes it.
    fn byte_where(&mut self, accept: impl Fn(u8) -> bool) -> Option<u8> {
        let (&first, rest) = self.rest.split_first()?;
        if !accept(first) {
            return None;
        }
        self.rest = rest;
        Some(first)
    }

    fn is_done(&self) -> bool {
        self.rest.is_empty()
    }
}

/// A calendar date written `YYYY-MM-DD`; the year may have a sign (`-0001`, `+2026`).
fn parse_date_fields(fields: &mut Fields<'_>) -> Result<Date, &'static str> {
    let bad = "expected a date like 2026-03-14";
    let sign = fields.byte_where(|b| b == b'+' || b == b'-');
    let year = fields.digits(4).ok_or(bad)? as i32;
    let year = if sign == Some(b'-') { -year } else { year };
    let month = fields.after(b'-', 2).ok_or(bad)?;
    let day = fields.after(b'-', 2).ok_or(bad)?;
    civil_date(year, month, day).ok_or("there is no such date")
}

fn civil_date(year: i32, month: u32, day: u32) -> Option<Date> {
    Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

/// A calendar date written `2026-03-20`, with nothing before or after it.
pub(crate) fn parse_date(text: &str) -> Option<Date> {
    let mut fields = Fields::new(text);
    let date = parse_date_fields(&mut fields).ok()?;
    fields.is_done().then_some(date)
}

/// A wall-clock time written `2026-03-14 03:10` or `2026-03-14 03:10:30`, with nothing before
/// or after it.
pub(crate) fn parse_date_and_clock(text: &str) -> Option<DateTime> {
    let mut fields = Fields::new(text);
    let date = parse_date_fields(&mut fields).ok()?;
    if !fields.byte(b' ') {
        return None;
    }
    let hour = fields.digits(2)?;
    let minute = fields.after(b':', 2)?;
    let second = if fields.byte(b':') {
        fields.digits(2)?
    } else {
        0
    };
    if !fields.is_done() {
        return None;
    }
    // Two digits fit an i8.
    let time = Time::new(hour as i8, minute as i8, second as i8, 0).ok()?;
    Some(date.to_datetime(time))
}

/// RFC 3339: `2026-03-14T02:10:00`, an optional fraction of a second, and `Z` or `±hh:mm`.
/// Like RFC 3339's note allows, any one character may stand between the date and the time; a
/// leap second (`:60`) is read as the last nanosecond before it, where one can happen.
fn parse_rfc3339(text: &str) -> Result<Moment, &'static str> {
    let mut fields = Fields::new(text);
    let bad_date = "expected a date like 2026-03-14";
    let year = fields.digits(4).ok_or(bad_date)?;
    let month = fields.after(b'-', 2).ok_or(bad_date)?;
    let day = fields.after(b'-', 2).ok_or(bad_date)?;
    let bad_time = "expected a time like T02:10:00 after the date";
    fields.byte_where(|_| true).ok_or(bad_time)?;
    let hour = fields.digits(2).ok_or(bad_time)?;
    let minute = fields.after(b':', 2).ok_or(bad_time)?;
    let mut second = fields.after(b':', 2).ok_or(bad_time)?;
    let mut nanos = 0;
    if fields.byte(b'.') {
        let bad_fraction = "expected digits after the decimal point";
        let mut scale = 100_000_000;
        let mut any = false;
        while let Some(digit) = fields.byte_where(|b| b.is_ascii_digit()) {
            // Digits past nanoseconds are dropped.
            nanos += u32::from(digit - b'0') * scale;
            scale /= 10;
            any = true;
        }
        if !any {
            return Err(bad_fraction);
        }
    }
    let offset_seconds = if fields.byte_where(|b| b == b'Z' || b == b'z').is_some() {
        0
    } else {
        let missing = "the UTC offset is missing: end it with Z or an offset like +01:00";
        let sign = fields
            .byte_where(|b| b == b'+' || b == b'-')
            .ok_or(if fields.is_done() {
                missing
            } else {
                "expected Z or an offset like +01:00 after the time"
            })?;
        let bad_offset = "expected an offset like +01:00, at most ±23:59";
        let hours = fields.digits(2).filter(|h| *h <= 23).ok_or(bad_offset)?;
        let minutes = fields
            .after(b':', 2)
            .filter(|m| *m <= 59)
            .ok_or(bad_offset)?;
        let seconds = (hours * 3600 + minutes * 60) as i32;
        if sign == b'-' { -seconds } else { seconds }
    };
    if !fields.is_done() {
        return Err("unexpected text after the offset");
    }
    let leap_second = second == 60;
    if leap_second {
        second = 59;
        nanos = 999_999_999;
    }
    let date = civil_date(year as i32, month, day).ok_or("there is no such date")?;
    // Two digits fit an i8, and nanoseconds below a second an i32.
    let time = Time::new(hour as i8, minute as i8, second as i8, nanos as i32)
        .map_err(|_| "there is no such time")?;
    let offset = Offset::from_seconds(offset_seconds).map_err(|_| "the offset is too large")?;
    let moment = Moment::from_local(date.to_datetime(time), offset);
    if leap_second && !is_last_second_of_a_utc_month(moment) {
        return Err("a leap second can only be the last second of a month in UTC");
    }
    Ok(moment)
}

/// Whether `m` is 23:59:59.999999999 UTC on the last day of a month, where a leap second can be.
fn is_last_second_of_a_utc_month(m: Moment) -> bool {
    let Some(utc) = m.checked_to_offset(Offset::UTC) else {
        return false;
    };
    let utc = utc.local;
    utc.hour() == 23
        && utc.minute() == 59
        && utc.second() == 59
        && utc.subsec_nanosecond() == 999_999_999
        && utc.day() == utc.days_in_month()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_offset_it_was_written_in() {
        let m = Moment::parse_rfc3339("2026-03-14T02:10:00+01:00").expect("valid");
        assert_eq!(m.to_rfc3339(), "2026-03-14T02:10:00+01:00");
        assert_eq!(m.to_utc().to_rfc3339(), "2026-03-14T01:10:00Z");
        assert_ne!(
            m,
            m.to_utc(),
            "same instant, different offset is a different moment"
        );
        assert!(m.cmp(&m.to_utc()).is_ne());
    }

    #[test]
    fn refuses_times_without_an_offset() {
        assert!(Moment::parse_rfc3339("2026-03-14T02:10:00").is_err());
        assert!(Moment::parse_rfc3339("yesterday").is_err());
    }

    #[test]
    fn rounds_to_the_nearest_second() {
        let m = Moment::parse_rfc3339("2026-03-14T02:10:00.5Z").expect("valid");
        assert_eq!(m.round_to_second().to_rfc3339(), "2026-03-14T02:10:01Z");
        let m = Moment::parse_rfc3339("2026-03-14T02:10:00.499Z").expect("valid");
        assert_eq!(m.round_to_second().to_rfc3339(), "2026-03-14T02:10:00Z");
    }
}
