//! How much a board may hold: the same limits on every way in (an edit, a file opened, a
//! recovery file, an import, a participant's phone).

/// The most characters a title, name, lane name, owner or emotion word can hold.
pub const MAX_SHORT_TEXT: usize = 1_000;
/// The most characters notes, an action item or the safety statement can hold.
pub const MAX_LONG_TEXT: usize = 20_000;
/// The most items of one kind a board can hold.
pub const MAX_ITEMS: usize = 1_000_000;
/// The most participants a board can have.
pub const MAX_PARTICIPANTS: usize = 10_000;

/// Whether `text` is longer than `max` characters (counting stops at the limit: a huge text
/// costs no more than a long one).
pub fn too_long(text: &str, max: usize) -> bool {
    text.chars().nth(max).is_some()
}
