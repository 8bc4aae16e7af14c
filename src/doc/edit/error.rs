//! Why an edit is refused, and the checks every domain makes before it writes.

use crate::model::limits::{self, MAX_LONG_TEXT, MAX_SHORT_TEXT};
use crate::model::meeting::{
    MAX_EXTENSION_SECONDS, MAX_PHASES, MAX_TIMEBOX_MINUTES, MAX_VOTES_PER_PERSON,
};
use crate::model::{Board, LaneId, Moment, ParticipantId, Problem, names};

use super::NewFeeling;

/// Why an edit was refused; the board is as it was. Its text is the sentence the window and a
/// participant's phone show.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    /// A text past its limit, named as the edit names it (`title`, `lane name`…).
    #[error("the {what} is longer than {max} characters")]
    TooLong { what: &'static str, max: usize },
    /// The board would hold more of something than it can.
    #[error("a board holds at most {max} {what}")]
    Full { what: &'static str, max: usize },
    #[error("a valence must be from −5 to 5, not {0}")]
    Valence(f64),
    #[error("a time must lie between the years 1900 and 2200")]
    OutOfYears,
    #[error("there is no lane {0}")]
    NoLane(LaneId),
    #[error("there is no participant {0}")]
    NoParticipant(ParticipantId),
    /// No item of this kind (`event`, `action item`…) has the id or place given.
    #[error("there is no such {0}")]
    NoSuch(&'static str),
    #[error("the neutral band must be above 0 and at most 5, not {0}")]
    NeutralBand(f64),
    #[error("the last lane cannot be removed")]
    LastLane,
    #[error("a lane's events cannot move to the lane itself")]
    MoveToSameLane,
    #[error("a participant needs a name with something visible in it")]
    InvisibleName,
    #[error("a participant needs a name")]
    NoName,
    #[error("a claim on a line or a form's key is 64 hex digits")]
    BadClaim,
    /// A new name (or a new spelling of one) that a reader can mistake for a participant's:
    /// `name` as typed, `existing` as the board has it.
    #[error(
        "\"{name}\" looks like \"{existing}\", who is already on the board: pick a name that \
         cannot be mistaken for theirs"
    )]
    LooksLike { name: String, existing: String },
    #[error("a span cannot end before it starts")]
    EndsBeforeStart,
    #[error("an action item links at most 1000 things")]
    TooManyLinks,
    #[error("an agenda holds at most {} phases", MAX_PHASES)]
    TooManyPhases,
    #[error("a timebox is 1 to {max} minutes, not {minutes}", max = MAX_TIMEBOX_MINUTES)]
    Timebox { minutes: u32 },
    #[error("only one phase can be under way")]
    TwoPhasesUnderWay,
    /// The agenda's phase at this index (shown counting from 1) is not there.
    #[error("the agenda has no phase {}", .0 + 1)]
    NoPhase(usize),
    #[error("no phase is under way")]
    NoPhaseUnderWay,
    #[error("a phase is extended by at most {} minutes", MAX_EXTENSION_SECONDS / 60)]
    ExtendedTooLong,
    #[error("a person has at most {} votes", MAX_VOTES_PER_PERSON)]
    TooManyVotesEach,
    #[error("someone has already spent more than {0} votes; take some back first")]
    AlreadySpent(u32),
    #[error("each event or divergence is voted on once")]
    VotedTwice,
    #[error("that is {total} votes; each person has {per_person}")]
    OverVotes { total: u64, per_person: u32 },
    /// An import needs more ids of this kind (`event`, `feeling`…) than are left.
    #[error("the board has run out of {0} ids; nothing was imported")]
    OutOfIds(&'static str),
    /// A whole board given at once is not sound: its first problem.
    #[error("{0}")]
    Unsound(Problem),
}

/// An edit's text, at most [`MAX_SHORT_TEXT`] characters.
pub(super) fn short_text(what: &'static str, text: &str) -> Result<(), EditError> {
    text_limit(what, text, MAX_SHORT_TEXT)
}

/// An edit's text, at most [`MAX_LONG_TEXT`] characters.
pub(super) fn long_text(what: &'static str, text: &str) -> Result<(), EditError> {
    text_limit(what, text, MAX_LONG_TEXT)
}

fn text_limit(what: &'static str, text: &str, max: usize) -> Result<(), EditError> {
    limits::text(text, max).map_err(|_| EditError::TooLong { what, max })
}

pub(super) fn valence(v: f64) -> Result<f64, EditError> {
    limits::valence(v).map_err(|_| EditError::Valence(v))
}

pub(super) fn moment(m: Moment) -> Result<Moment, EditError> {
    limits::moment(m).map_err(|_| EditError::OutOfYears)
}

/// Whether a board that holds `len` of `what` has room for one more (at most `max`).
pub(super) fn room(what: &'static str, len: usize, max: usize) -> Result<(), EditError> {
    fits(what, len.saturating_add(1), max)
}

/// Whether a board can hold `n` of `what` (at most `max`).
pub(super) fn fits(what: &'static str, n: usize, max: usize) -> Result<(), EditError> {
    limits::count(n, max).map_err(|_| EditError::Full { what, max })
}

pub(super) fn new_feeling(f: &NewFeeling) -> Result<(), EditError> {
    valence(f.valence)?;
    moment(f.time)?;
    short_text("emotion word", &f.emotion)?;
    long_text("note", &f.note)
}

pub(super) fn lane_exists(board: &Board, lane: LaneId) -> Result<(), EditError> {
    board.lane(lane).map(|_| ()).ok_or(EditError::NoLane(lane))
}

pub(super) fn participant_exists(board: &Board, id: ParticipantId) -> Result<(), EditError> {
    board
        .participant(id)
        .map(|_| ())
        .ok_or(EditError::NoParticipant(id))
}

/// Whether `name`, someone new on the board or a participant's new name, can be told apart from
/// everyone in `others`: refused when it shows nothing, or looks like one of them without being
/// the same person.
pub(super) fn distinct_name<'a>(
    name: &str,
    others: impl Iterator<Item = &'a str>,
) -> Result<(), EditError> {
    if !names::shows_something(name) {
        return Err(EditError::InvisibleName);
    }
    match names::looks_like(name, others) {
        Some(existing) => Err(EditError::LooksLike {
            name: name.trim().to_owned(),
            existing: existing.to_owned(),
        }),
        None => Ok(()),
    }
}

/// Where the first item `found` is in `items`; refused as "no such `what`" when none is.
pub(super) fn index_of<T>(
    items: &[T],
    found: impl Fn(&T) -> bool,
    what: &'static str,
) -> Result<usize, EditError> {
    items.iter().position(found).ok_or(EditError::NoSuch(what))
}
