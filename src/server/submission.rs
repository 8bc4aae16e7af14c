//! What participants send: each request's body checked (its JSON, names, valences, times, vote
//! targets), then handed to the document's owner as a [`Submission`] that waits for its answer;
//! [`take_submissions`] applies those waiting.

use std::sync::mpsc;

use serde::Deserialize;

use super::limits::{
    MAX_EMOTION, MAX_LINE, MAX_NAME, MAX_NOTE, MAX_VOTE_TARGETS, hidden_characters, too_long,
};
use super::{Refusal, Round, Server};
use crate::doc::{Document, NewFeeling};
use crate::model::{Moment, VALENCE_MAX, VALENCE_MIN, VoteTarget, in_supported_years};

/// What a participant sends: their line, or their votes.
pub enum Payload {
    Feelings(Vec<NewFeeling>),
    /// Dots on each event or divergence.
    Votes(Vec<(VoteTarget, u32)>),
}

/// A line (or votes) a participant submitted, waiting for the document's owner.
pub struct Submission {
    pub name: String,
    pub payload: Payload,
    pub secret: Option<String>,
    pub(super) reply: mpsc::SyncSender<Result<String, Refusal>>,
}

impl Submission {
    /// Applies the submission to `doc` through `round`; returns the answer for the participant
    /// (their secret, or why it was refused) to give with [`Reply::send`] once it is kept.
    pub fn apply(self, round: &mut Round, doc: &mut Document) -> (Reply, Result<String, Refusal>) {
        let Self {
            name,
            payload,
            secret,
            reply,
        } = self;
        let result = match payload {
            Payload::Feelings(feelings) => round.accept(doc, &name, feelings, secret.as_deref()),
            Payload::Votes(votes) => round.accept_votes(doc, &name, votes, secret.as_deref()),
        };
        (Reply(reply), result)
    }
}

impl Submission {
    /// Answers without applying it: why.
    pub fn refuse(self, why: Refusal) {
        Reply(self.reply).send(Err(why));
    }
}

/// Where a participant waits for their answer.
pub struct Reply(mpsc::SyncSender<Result<String, Refusal>>);

impl Reply {
    pub fn send(self, result: Result<String, Refusal>) {
        // The participant may have given up waiting; nothing is lost by a failed send.
        let _ = self.0.try_send(result);
    }
}

/// What is wrong with a submission's or a vote's body; each says what, and which feeling or vote.
#[derive(Debug, thiserror::Error)]
pub enum SubmissionError {
    #[error("the body is not valid JSON: {0}")]
    NotJson(serde_json::Error),
    #[error("\"participant\" needs a name with something visible in it")]
    NoVisibleName,
    #[error("a name is at most {MAX_NAME} characters, with no control or invisible characters")]
    BadName,
    #[error("a line has at most {MAX_LINE} feelings")]
    LineTooLong,
    #[error("feeling {feeling}: {why}")]
    BadTime { feeling: usize, why: String },
    #[error("feeling {feeling}: the time must lie between the years 1900 and 2200")]
    OutOfYears { feeling: usize },
    #[error("feeling {feeling}: the valence must be from -5 to 5, not {valence}")]
    BadValence { feeling: usize, valence: f64 },
    #[error("feeling {feeling}: control characters are not taken in an emotion word or a note")]
    ControlCharacters { feeling: usize },
    #[error(
        "feeling {feeling}: an emotion word is at most {MAX_EMOTION} characters and a note \
         {MAX_NOTE}"
    )]
    TextTooLong { feeling: usize },
    #[error("\"participant\" needs your name as the board has it")]
    NotAParticipant,
    #[error("votes name at most {MAX_VOTE_TARGETS} targets")]
    TooManyTargets,
    #[error("vote {vote}: too many dots")]
    TooManyDots { vote: usize },
    /// The target as sent, cut to 40 characters.
    #[error("vote {vote}: \"{target}\" is not a target this page offered")]
    UnknownTarget { vote: usize, target: String },
    #[error("the secret is not one this server gave")]
    UnknownSecret,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SubmitIn {
    participant: String,
    feelings: Vec<FeelingIn>,
    #[serde(default)]
    secret: Option<String>,
    /// The board's title, which an offline form's answer carries; accepted and not needed.
    #[serde(default, rename = "board")]
    _board: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FeelingIn {
    time: String,
    valence: f64,
    #[serde(default)]
    emotion: String,
    #[serde(default)]
    note: String,
}

/// Checks a submission's body; returns the name, the feelings and the secret.
pub(crate) fn parse_submission(
    body: &[u8],
) -> Result<(String, Vec<NewFeeling>, Option<String>), SubmissionError> {
    let input: SubmitIn = serde_json::from_slice(body).map_err(SubmissionError::NotJson)?;
    let name = input.participant.trim().to_owned();
    if !crate::io::inert::has_visible(&name) {
        return Err(SubmissionError::NoVisibleName);
    }
    if too_long(&name, MAX_NAME) || name.chars().any(char::is_control) || hidden_characters(&name) {
        return Err(SubmissionError::BadName);
    }
    if input.feelings.len() > MAX_LINE {
        return Err(SubmissionError::LineTooLong);
    }
    let mut feelings = Vec::with_capacity(input.feelings.len());
    for (i, f) in input.feelings.into_iter().enumerate() {
        let n = i + 1;
        let time = Moment::parse_rfc3339(&f.time).map_err(|err| SubmissionError::BadTime {
            feeling: n,
            why: err.to_string(),
        })?;
        if !in_supported_years(time) {
            return Err(SubmissionError::OutOfYears { feeling: n });
        }
        if !(f.valence.is_finite() && (VALENCE_MIN..=VALENCE_MAX).contains(&f.valence)) {
            return Err(SubmissionError::BadValence {
                feeling: n,
                valence: f.valence,
            });
        }
        if f.emotion.chars().any(char::is_control)
            || f.note.chars().any(|c| c.is_control() && c != '\n')
        {
            return Err(SubmissionError::ControlCharacters { feeling: n });
        }
        if too_long(&f.emotion, MAX_EMOTION) || too_long(&f.note, MAX_NOTE) {
            return Err(SubmissionError::TextTooLong { feeling: n });
        }
        feelings.push(NewFeeling {
            time,
            valence: f.valence,
            emotion: f.emotion.trim().to_owned(),
            note: f.note.trim().to_owned(),
        });
    }
    feelings.sort_by_key(|f| f.time.unix_nanos());
    let secret = input.secret.filter(|s| !s.is_empty());
    if secret.as_ref().is_some_and(|s| s.len() > 64) {
        return Err(SubmissionError::UnknownSecret);
    }
    Ok((name, feelings, secret))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VotesIn {
    participant: String,
    votes: Vec<VoteIn>,
    #[serde(default)]
    secret: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VoteIn {
    target: String,
    dots: u32,
}

/// Someone's dots on each target.
pub type Dots = Vec<(VoteTarget, u32)>;

/// Checks a vote's body; returns the name, the dots on each target and the secret.
pub(crate) fn parse_votes(body: &[u8]) -> Result<(String, Dots, Option<String>), SubmissionError> {
    let input: VotesIn = serde_json::from_slice(body).map_err(SubmissionError::NotJson)?;
    let name = input.participant.trim().to_owned();
    if !crate::io::inert::has_visible(&name)
        || too_long(&name, MAX_NAME)
        || name.chars().any(char::is_control)
        || hidden_characters(&name)
    {
        return Err(SubmissionError::NotAParticipant);
    }
    if input.votes.len() > MAX_VOTE_TARGETS {
        return Err(SubmissionError::TooManyTargets);
    }
    let mut votes = Vec::with_capacity(input.votes.len());
    for (i, v) in input.votes.into_iter().enumerate() {
        let n = i + 1;
        if v.dots > crate::model::meeting::MAX_VOTES_PER_PERSON {
            return Err(SubmissionError::TooManyDots { vote: n });
        }
        let target = match v.target.split_once(':') {
            Some(("e", id)) => id
                .parse()
                .ok()
                .map(|id| VoteTarget::Event(crate::model::EventId(id))),
            Some(("d", secs)) => secs
                .parse::<i64>()
                .ok()
                .and_then(|s| Moment::from_unix_seconds(s, jiff::tz::Offset::UTC))
                .filter(|m| in_supported_years(*m))
                .map(VoteTarget::Divergence),
            _ => None,
        }
        .ok_or_else(|| SubmissionError::UnknownTarget {
            vote: n,
            target: v.target.chars().take(40).collect(),
        })?;
        votes.push((target, v.dots));
    }
    let secret = input.secret.filter(|s| !s.is_empty());
    if secret.as_ref().is_some_and(|s| s.len() > 64) {
        return Err(SubmissionError::UnknownSecret);
    }
    Ok((name, votes, secret))
}

/// Applies every waiting submission to `doc` through `round`, answers each, and returns how
/// many were accepted. The caller publishes the board once, after all of them.
pub fn take_submissions(server: &Server, round: &mut Round, doc: &mut Document) -> usize {
    let mut accepted = 0;
    for sub in server.pending() {
        let (reply, result) = sub.apply(round, doc);
        accepted += usize::from(result.is_ok());
        reply.send(result);
    }
    accepted
}
