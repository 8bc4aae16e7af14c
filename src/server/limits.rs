//! What a participant can send: how many people a round takes, how long a line, a name, a word
//! and a note can be, which characters a name cannot hide, and how far from the board's time a
//! feeling can lie.

use crate::doc::NewFeeling;
use crate::model::Board;

/// The most participants a round takes.
pub const MAX_PARTICIPANTS: usize = 200;
/// The most feelings in one submitted line.
pub const MAX_LINE: usize = 200;
/// The longest name, emotion word and note a participant can send, in characters.
pub const MAX_NAME: usize = 80;
pub const MAX_EMOTION: usize = 60;
pub const MAX_NOTE: usize = 1_000;

/// A feeling far outside the time a board covers: which one (from 1) and its time.
#[derive(Debug, PartialEq, thiserror::Error)]
#[error("feeling {feeling}: {time} is far outside the time this board covers")]
pub struct FarFromBoard {
    pub feeling: usize,
    pub time: String,
}

/// Feelings as a participant sent them, checked against the board: each within the board's
/// time (its events and feelings, and as long again before and after, at least a day), and
/// written in the board's own UTC offset so that nobody's clock moves the board's.
pub fn fit_to_board(
    board: &Board,
    feelings: Vec<NewFeeling>,
) -> Result<Vec<NewFeeling>, FarFromBoard> {
    let Some(range) = board.time_range() else {
        return Ok(feelings);
    };
    let (start, end) = (range.start.unix_seconds_f64(), range.end.unix_seconds_f64());
    let pad = (end - start).max(86_400.0);
    let offset = range.start.offset();
    feelings
        .into_iter()
        .enumerate()
        .map(|(i, mut f)| {
            let t = f.time.unix_seconds_f64();
            if t < start - pad || t > end + pad {
                return Err(FarFromBoard {
                    feeling: i + 1,
                    time: f.time.to_rfc3339(),
                });
            }
            f.time = f.time.to_offset(offset);
            Ok(f)
        })
        .collect()
}

/// Characters that change how a name looks without showing: zero-width, direction overrides,
/// invisible formatting. A name with them could pass for someone else's.
pub(super) fn hidden_characters(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}'
            | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}' | '\u{FFA0}' | '\u{E0000}'..='\u{E0FFF}')
    })
}

pub(super) fn too_long(text: &str, max: usize) -> bool {
    text.chars().nth(max).is_some()
}

/// The most targets one person's votes can name.
pub const MAX_VOTE_TARGETS: usize = 100;
