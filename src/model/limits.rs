//! How much a board may hold: the same limits on every way in (an edit, a file opened, a
//! recovery file, an import, a participant's phone), and the one set of checks that keeps to
//! them. A board's problems ([`super::Board::problems`]) and every edit use these checks; each
//! says in its own words what went past which limit.

use super::{Moment, VALENCE_MAX, VALENCE_MIN, in_supported_years};

/// The most characters a title, name, lane name, owner or emotion word can hold.
pub const MAX_SHORT_TEXT: usize = 1_000;
/// The most characters notes, an action item or the safety statement can hold.
pub const MAX_LONG_TEXT: usize = 20_000;
/// The most items of one kind a board can hold.
pub const MAX_ITEMS: usize = 1_000_000;
/// The most participants a board can have.
pub const MAX_PARTICIPANTS: usize = 10_000;

/// A value past one of the limits: which limit it is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Exceeded {
    /// A text longer than this many characters.
    Text(usize),
    /// More items than this many.
    Count(usize),
    /// A valence outside −5 … 5, or not a number.
    Valence(f64),
    /// A moment outside the years 1900 to 2200.
    Years,
}

/// Whether `text` is longer than `max` characters (counting stops at the limit: a huge text
/// costs no more than a long one).
pub fn too_long(text: &str, max: usize) -> bool {
    text.chars().nth(max).is_some()
}

/// `text`, if it is at most `max` characters long.
pub fn text(text: &str, max: usize) -> Result<(), Exceeded> {
    if too_long(text, max) {
        Err(Exceeded::Text(max))
    } else {
        Ok(())
    }
}

/// Whether `n` items (as many as there would be) are at most `max`.
pub fn count(n: usize, max: usize) -> Result<(), Exceeded> {
    if n > max {
        Err(Exceeded::Count(max))
    } else {
        Ok(())
    }
}

/// Whether `v` is a valence from −5 to 5 (a number that is not finite is none).
pub fn valence(v: f64) -> Result<f64, Exceeded> {
    if (VALENCE_MIN..=VALENCE_MAX).contains(&v) {
        Ok(v)
    } else {
        Err(Exceeded::Valence(v))
    }
}

/// Whether `m` lies in the years a board can hold (1900 to 2200).
pub fn moment(m: Moment) -> Result<Moment, Exceeded> {
    if in_supported_years(m) {
        Ok(m)
    } else {
        Err(Exceeded::Years)
    }
}
