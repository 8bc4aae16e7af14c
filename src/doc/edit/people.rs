//! Edits to the participants and their feelings: one at a time, a whole line, or a line as
//! someone submitted it. Each checks everything before it writes.

use super::error::{
    EditError, distinct_name, index_of, long_text, moment, new_feeling, participant_exists, room,
    short_text, valence,
};
use super::{Applied, Created, MAX_ITEMS, MAX_PARTICIPANTS, NewFeeling};
use crate::model::{Board, Feeling, FeelingId, Moment, Participant, ParticipantId};

pub(super) fn add_participant(board: &mut Board, name: String) -> Result<Applied, EditError> {
    short_text("name", &name)?;
    distinct_name(&name, board.participants.iter().map(|p| p.name.as_str()))?;
    room("participants", board.participants.len(), MAX_PARTICIPANTS)?;
    let id = board.add_participant(name);
    Ok(Applied::created(Created::Participant(id)))
}

pub(super) fn update_participant(board: &mut Board, p: Participant) -> Result<Applied, EditError> {
    short_text("name", &p.name)?;
    let i = index_of(&board.participants, |q| q.id == p.id, "participant")?;
    // A name being retyped may be empty (or spaces) for a moment; a name that stays as it was
    // is kept even where an older board holds look-alikes. A new one must show and be told
    // apart from everyone else's.
    if board.participants[i].name != p.name && !p.name.trim().is_empty() {
        let others = board.participants.iter().filter(|q| q.id != p.id);
        distinct_name(&p.name, others.map(|q| q.name.as_str()))?;
    }
    let changed = board.participants[i] != p;
    board.participants[i] = p;
    Ok(Applied::changed(changed))
}

/// Removes a participant and their feelings.
pub(super) fn remove_participant(
    board: &mut Board,
    id: ParticipantId,
) -> Result<Applied, EditError> {
    participant_exists(board, id)?;
    board.remove_participant(id);
    Ok(Applied::feelings(true))
}

pub(super) fn add_feeling(
    board: &mut Board,
    participant: ParticipantId,
    feeling: NewFeeling,
) -> Result<Applied, EditError> {
    new_feeling(&feeling)?;
    participant_exists(board, participant)?;
    room("feelings", board.feelings.len(), MAX_ITEMS)?;
    let id = board.add_feeling(
        participant,
        feeling.time,
        feeling.valence,
        feeling.emotion,
        feeling.note,
    );
    Ok(Applied {
        feelings_changed: true,
        ..Applied::created(Created::Feeling(id))
    })
}

/// Sets how `participant` felt at exactly `time` (and with a word, the emotion there).
pub(super) fn set_feeling_at(
    board: &mut Board,
    participant: ParticipantId,
    time: Moment,
    v: f64,
    emotion: Option<String>,
) -> Result<Applied, EditError> {
    valence(v)?;
    moment(time)?;
    if let Some(word) = &emotion {
        short_text("emotion word", word)?;
    }
    participant_exists(board, participant)?;
    let before = board
        .feeling_at(participant, time)
        .map(|f| (f.valence, f.emotion.clone()));
    if before.is_none() {
        room("feelings", board.feelings.len(), MAX_ITEMS)?;
    }
    board.set_feeling_at(participant, time, v);
    if let Some(word) = emotion
        && let Some(f) = board
            .feelings
            .iter_mut()
            .rev()
            .find(|f| f.participant == participant && f.time.unix_nanos() == time.unix_nanos())
    {
        f.emotion = word;
    }
    let after = board
        .feeling_at(participant, time)
        .map(|f| (f.valence, f.emotion.clone()));
    Ok(Applied::feelings(before != after))
}

pub(super) fn update_feeling(board: &mut Board, feeling: Feeling) -> Result<Applied, EditError> {
    valence(feeling.valence)?;
    moment(feeling.time)?;
    short_text("emotion word", &feeling.emotion)?;
    long_text("note", &feeling.note)?;
    participant_exists(board, feeling.participant)?;
    let i = index_of(&board.feelings, |f| f.id == feeling.id, "feeling")?;
    let changed = board.feelings[i] != feeling;
    board.feelings[i] = feeling;
    Ok(Applied::feelings(changed))
}

pub(super) fn move_feeling(
    board: &mut Board,
    id: FeelingId,
    time: Moment,
    v: f64,
) -> Result<Applied, EditError> {
    valence(v)?;
    moment(time)?;
    let i = index_of(&board.feelings, |f| f.id == id, "feeling")?;
    let f = &mut board.feelings[i];
    let changed = f.time != time || f.valence != v;
    f.time = time;
    f.valence = v;
    Ok(Applied::feelings(changed))
}

pub(super) fn delete_feeling(board: &mut Board, id: FeelingId) -> Result<Applied, EditError> {
    let i = index_of(&board.feelings, |f| f.id == id, "feeling")?;
    board.feelings.remove(i);
    Ok(Applied::feelings(true))
}

/// `participant`'s whole line: their feelings are replaced by `feelings`.
pub(super) fn replace_line(
    board: &mut Board,
    participant: ParticipantId,
    feelings: Vec<NewFeeling>,
) -> Result<Applied, EditError> {
    participant_exists(board, participant)?;
    check_line(board, Some(participant), &feelings)?;
    Ok(write_line(board, participant, feelings, Applied::default()))
}

/// A line as `name` submitted it; a name the board does not have yet (by
/// [`crate::model::names::identity`]) is added as a participant first, unless it shows nothing
/// or looks like someone else's.
pub(super) fn submit(
    board: &mut Board,
    name: String,
    feelings: Vec<NewFeeling>,
) -> Result<Applied, EditError> {
    for f in &feelings {
        new_feeling(f)?;
    }
    let name = name.trim().to_owned();
    let known = board.participant_named(&name).map(|p| p.id);
    if known.is_none() {
        short_text("name", &name)?;
        if name.is_empty() {
            return Err(EditError::NoName);
        }
        distinct_name(&name, board.participants.iter().map(|p| p.name.as_str()))?;
        room("participants", board.participants.len(), MAX_PARTICIPANTS)?;
    }
    check_line(board, known, &feelings)?;
    let (participant, out) = match known {
        Some(id) => (id, Applied::default()),
        None => {
            let id = board.add_participant(name);
            (id, Applied::created(Created::Participant(id)))
        }
    };
    Ok(write_line(board, participant, feelings, out))
}

/// Whether the board can take `feelings` as the line of `participant` (`None`: someone new).
fn check_line(
    board: &Board,
    participant: Option<ParticipantId>,
    feelings: &[NewFeeling],
) -> Result<(), EditError> {
    for f in feelings {
        new_feeling(f)?;
    }
    let kept = match participant {
        Some(p) => board.feelings.iter().filter(|f| f.participant != p).count(),
        None => board.feelings.len(),
    };
    room("feelings", kept + feelings.len(), MAX_ITEMS + 1)
}

/// Replaces `participant`'s feelings by `feelings` (already checked), keeping the others.
fn write_line(
    board: &mut Board,
    participant: ParticipantId,
    feelings: Vec<NewFeeling>,
    mut out: Applied,
) -> Applied {
    let before: Vec<&Feeling> = board
        .feelings
        .iter()
        .filter(|f| f.participant == participant)
        .collect();
    let same = before.len() == feelings.len()
        && before.iter().zip(&feelings).all(|(a, b)| {
            a.time == b.time && a.valence == b.valence && a.emotion == b.emotion && a.note == b.note
        });
    if !same {
        board.feelings.retain(|f| f.participant != participant);
        for f in feelings {
            board.add_feeling(participant, f.time, f.valence, f.emotion, f.note);
        }
        out.changed = true;
        out.feelings_changed = true;
    }
    out
}
