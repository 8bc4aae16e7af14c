//! Edits to the meeting: the agenda and its phases, the timer, last time's action items and the
//! votes. Each checks everything before it writes.

use std::collections::{HashMap, HashSet};

use super::Applied;
use super::error::{EditError, index_of, long_text, moment, participant_exists, short_text};
use crate::model::meeting::{
    MAX_EXTENSION_SECONDS, MAX_PHASES, MAX_TIMEBOX_MINUTES, MAX_VOTES_PER_PERSON,
};
use crate::model::{Board, EventId, Moment, ParticipantId, Phase, Review, Vote, VoteTarget};

pub(super) fn set_agenda(board: &mut Board, agenda: Vec<Phase>) -> Result<Applied, EditError> {
    if agenda.len() > MAX_PHASES {
        return Err(EditError::TooManyPhases);
    }
    for phase in &agenda {
        short_text("phase name", &phase.name)?;
        if !(1..=MAX_TIMEBOX_MINUTES).contains(&phase.timebox_minutes) {
            return Err(EditError::Timebox {
                minutes: phase.timebox_minutes,
            });
        }
        for m in [phase.started, phase.ended, phase.paused_at]
            .into_iter()
            .flatten()
        {
            moment(m)?;
        }
    }
    if agenda.iter().filter(|p| p.is_running()).count() > 1 {
        return Err(EditError::TwoPhasesUnderWay);
    }
    let changed = board.agenda != agenda;
    board.agenda = agenda;
    Ok(Applied::changed(changed))
}

/// Enters phase `index` at `at`, leaving the phase under way.
pub(super) fn start_phase(
    board: &mut Board,
    index: usize,
    at: Moment,
) -> Result<Applied, EditError> {
    moment(at)?;
    if index >= board.agenda.len() {
        return Err(EditError::NoPhase(index));
    }
    for phase in board.agenda.iter_mut().filter(|p| p.is_running()) {
        leave(phase, at);
    }
    let phase = &mut board.agenda[index];
    phase.started = Some(at);
    phase.ended = None;
    phase.paused_at = None;
    phase.paused_seconds = 0;
    phase.extended_seconds = 0;
    Ok(Applied::changed(true))
}

pub(super) fn end_meeting(board: &mut Board, at: Moment) -> Result<Applied, EditError> {
    moment(at)?;
    let mut changed = false;
    for phase in board.agenda.iter_mut().filter(|p| p.is_running()) {
        leave(phase, at);
        changed = true;
    }
    Ok(Applied::changed(changed))
}

pub(super) fn pause_timer(board: &mut Board, at: Moment) -> Result<Applied, EditError> {
    moment(at)?;
    let phase = running(board)?;
    let changed = phase.paused_at.is_none();
    if changed {
        phase.paused_at = Some(at);
    }
    Ok(Applied::changed(changed))
}

pub(super) fn resume_timer(board: &mut Board, at: Moment) -> Result<Applied, EditError> {
    moment(at)?;
    let phase = running(board)?;
    let paused = phase.paused_at.take();
    if let Some(paused) = paused {
        add_pause(phase, paused, at);
    }
    Ok(Applied::changed(paused.is_some()))
}

pub(super) fn extend_timer(board: &mut Board, seconds: u32) -> Result<Applied, EditError> {
    let phase = running(board)?;
    let extended = phase.extended_seconds.saturating_add(seconds);
    if extended > MAX_EXTENSION_SECONDS {
        return Err(EditError::ExtendedTooLong);
    }
    phase.extended_seconds = extended;
    Ok(Applied::changed(seconds > 0))
}

/// How carried action item `index` was found in the review, with a note.
pub(super) fn review_carried(
    board: &mut Board,
    index: usize,
    review: Review,
    note: String,
) -> Result<Applied, EditError> {
    long_text("review note", &note)?;
    let carried = board
        .carried
        .get_mut(index)
        .ok_or(EditError::NoSuch("carried action item"))?;
    let changed = carried.review != review || carried.note != note;
    carried.review = review;
    carried.note = note;
    Ok(Applied::changed(changed))
}

pub(super) fn set_votes_per_person(board: &mut Board, n: u32) -> Result<Applied, EditError> {
    if n > MAX_VOTES_PER_PERSON {
        return Err(EditError::TooManyVotesEach);
    }
    // Nobody keeps more dots than they now have.
    let mut spent: HashMap<ParticipantId, u32> = HashMap::new();
    for v in &board.voting.votes {
        *spent.entry(v.participant).or_default() += v.dots;
    }
    if spent.values().any(|&dots| dots > n) {
        return Err(EditError::AlreadySpent(n));
    }
    let changed = board.voting.per_person != n;
    board.voting.per_person = n;
    Ok(Applied::changed(changed))
}

/// All of `participant`'s votes at once, replacing what they had.
pub(super) fn set_votes(
    board: &mut Board,
    participant: ParticipantId,
    votes: Vec<(VoteTarget, u32)>,
) -> Result<Applied, EditError> {
    participant_exists(board, participant)?;
    let mut total: u64 = 0;
    let mut seen = HashSet::new();
    for &(target, dots) in &votes {
        let key = match target {
            VoteTarget::Event(id) => {
                index_of(&board.events, |e| e.id == id, "event")?;
                (0, i128::from(id.0))
            }
            VoteTarget::Divergence(m) => {
                moment(m)?;
                (1, m.unix_nanos())
            }
        };
        if !seen.insert(key) {
            return Err(EditError::VotedTwice);
        }
        total += u64::from(dots);
    }
    let per_person = board.voting.per_person;
    if total > u64::from(per_person) {
        return Err(EditError::OverVotes { total, per_person });
    }
    let mine: Vec<Vote> = votes
        .into_iter()
        .filter(|&(_, dots)| dots > 0)
        .map(|(target, dots)| Vote {
            participant,
            target,
            dots,
        })
        .collect();
    let before: Vec<&Vote> = board
        .voting
        .votes
        .iter()
        .filter(|v| v.participant == participant)
        .collect();
    let changed = before.len() != mine.len() || before.iter().zip(&mine).any(|(a, b)| *a != b);
    board.voting.votes.retain(|v| v.participant != participant);
    board.voting.votes.extend(mine);
    Ok(Applied::changed(changed))
}

pub(super) fn reveal_votes(board: &mut Board, revealed: bool) -> Result<Applied, EditError> {
    let changed = board.voting.revealed != revealed;
    board.voting.revealed = revealed;
    Ok(Applied::changed(changed))
}

/// Votes on what the board no longer has (a deleted event, a removed participant) go with it.
pub(super) fn drop_dangling_votes(board: &mut Board) {
    if board.voting.votes.is_empty() {
        return;
    }
    let events: HashSet<EventId> = board.events.iter().map(|e| e.id).collect();
    let people: HashSet<ParticipantId> = board.participants.iter().map(|p| p.id).collect();
    board.voting.votes.retain(|v| {
        people.contains(&v.participant)
            && match v.target {
                VoteTarget::Event(id) => events.contains(&id),
                VoteTarget::Divergence(_) => true,
            }
    });
}

/// The phase under way, or why there is none.
fn running(board: &mut Board) -> Result<&mut Phase, EditError> {
    board
        .agenda
        .iter_mut()
        .find(|p| p.is_running())
        .ok_or(EditError::NoPhaseUnderWay)
}

/// Leaves `phase` at `at`, ending a pause under way.
fn leave(phase: &mut Phase, at: Moment) {
    if let Some(paused) = phase.paused_at.take() {
        add_pause(phase, paused, at);
    }
    phase.ended = Some(at);
}

fn add_pause(phase: &mut Phase, from: Moment, to: Moment) {
    let seconds = crate::model::meeting::seconds_between(from, to).max(0.0);
    phase.paused_seconds = phase
        .paused_seconds
        .saturating_add(seconds.min(f64::from(u32::MAX)) as u32);
}
