//! Moments on the board: an instant together with the UTC offset it was written in.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

/// A point in time that remembers its UTC offset, written as RFC 3339 (`2026-03-14T02:10:00+01:00`).
///
/// Two moments are equal only when both the instant and the offset match, so a board survives
/// save → load exactly as it was typed. Ordering is by instant first.
#[derive(Clone, Copy, Debug)]
pub struct Moment(OffsetDateTime);

impl Moment {
    pub fn new(datetime: OffsetDateTime) -> Self {
        Self(datetime)
    }

    /// Parses RFC 3339 with an explicit offset (`Z` or `±hh:mm`).
    pub fn parse_rfc3339(text: &str) -> Result<Self, String> {
        OffsetDateTime::parse(text.trim(), &Rfc3339)
            .map(Self)
            .map_err(|err| format!("\"{text}\" is not an RFC 3339 time with an offset ({err})"))
    }

    /// Seconds since the Unix epoch, with the fractional part.
    pub fn unix_seconds_f64(self) -> f64 {
        self.0.unix_timestamp_nanos() as f64 / 1e9
    }

    /// Nanoseconds since the Unix epoch.
    pub fn unix_nanos(self) -> i128 {
        self.0.unix_timestamp_nanos()
    }

    pub fn datetime(self) -> OffsetDateTime {
        self.0
    }

    pub fn offset(self) -> UtcOffset {
        self.0.offset()
    }

    /// The same instant expressed in UTC (unchanged where that would leave the calendar).
    pub fn to_utc(self) -> Self {
        self.to_offset(UtcOffset::UTC)
    }

    /// The same instant expressed in `offset` (unchanged where that would leave the calendar).
    pub fn to_offset(self, offset: UtcOffset) -> Self {
        self.0.checked_to_offset(offset).map_or(self, Self)
    }

    /// The same instant, rounded to the nearest whole second.
    pub fn round_to_second(self) -> Self {
        let nanos = self.0.unix_timestamp_nanos();
        let seconds = nanos.div_euclid(1_000_000_000);
        let rest = nanos.rem_euclid(1_000_000_000);
        let rounded = if rest >= 500_000_000 {
            seconds + 1
        } else {
            seconds
        };
        Self::from_unix_seconds(rounded as i64, self.offset()).unwrap_or(self)
    }

    /// A moment `seconds` after the Unix epoch, shown in `offset`.
    pub fn from_unix_seconds(seconds: i64, offset: UtcOffset) -> Option<Self> {
        OffsetDateTime::from_unix_timestamp(seconds)
            .ok()
            .and_then(|dt| dt.checked_to_offset(offset))
            .map(Self)
    }

    /// A moment `seconds` (fractional) after the Unix epoch, shown in `offset`.
    pub fn from_unix_seconds_f64(seconds: f64, offset: UtcOffset) -> Option<Self> {
        if !seconds.is_finite() {
            return None;
        }
        let nanos = (seconds * 1e9).round() as i128;
        OffsetDateTime::from_unix_timestamp_nanos(nanos)
            .ok()
            .and_then(|dt| dt.checked_to_offset(offset))
            .map(Self)
    }

    /// RFC 3339 text in the moment's own offset.
    pub fn to_rfc3339(self) -> String {
        // Formatting a valid OffsetDateTime as RFC 3339 only fails for years outside 0..=9999,
        // which parsing RFC 3339 cannot produce; fall back to the debug form rather than panic.
        self.0
            .format(&Rfc3339)
            .unwrap_or_else(|_| format!("{:?}", self.0))
    }
}

impl PartialEq for Moment {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0 && self.0.offset() == other.0.offset()
    }
}

impl Eq for Moment {}

impl PartialOrd for Moment {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Moment {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .cmp(&other.0)
            .then_with(|| self.0.offset().cmp(&other.0.offset()))
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
