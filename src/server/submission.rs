//! What participants send: each request's body checked (its JSON, names, valences, times, vote
//! targets), then handed to the document's owner as a [`Submission`] that waits for its answer;
//! [`apply_batch`] applies those waiting, keeps the board, and answers each.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use serde::Deserialize;

use super::limits::{
    MAX_EMOTION, MAX_LINE, MAX_NAME, MAX_NOTE, MAX_VOTE_TARGETS, hidden_characters, too_long,
};
use super::{Refusal, Round};
use crate::doc::{Document, Entry, Line, NewFeeling};
use crate::model::{Moment, VALENCE_MAX, VALENCE_MIN, VoteTarget, in_supported_years};

/// A submission not yet taken by the document's owner.
const WAITING: u8 = 0;
/// Taken: it is being applied and kept, and will be answered.
const TAKEN: u8 = 1;
/// Its sender stopped waiting and was told nothing was stored: it is never applied.
const WITHDRAWN: u8 = 2;

/// A line (or votes) a participant submitted, waiting for the document's owner.
pub struct Submission {
    pub name: String,
    pub entry: Entry,
    pub secret: Option<String>,
    state: Arc<AtomicU8>,
    reply: mpsc::SyncSender<Result<String, Refusal>>,
}

/// The sender's side of a [`Submission`]: where they wait for its outcome.
pub(super) struct Waiting {
    state: Arc<AtomicU8>,
    answer: mpsc::Receiver<Result<String, Refusal>>,
}

/// What became of a submission, as its sender learns it.
pub(super) enum Outcome {
    /// Applied and kept (the secret), or refused (why).
    Done(Result<String, Refusal>),
    /// Never taken, and now never will be: nothing was stored.
    NotTaken,
    /// Taken, and no answer came in time: it may be stored.
    Unknown,
}

impl Submission {
    /// A submission, and where its sender waits for the outcome.
    pub(super) fn new(name: String, entry: Entry, secret: Option<String>) -> (Self, Waiting) {
        let state = Arc::new(AtomicU8::new(WAITING));
        let (reply, answer) = mpsc::sync_channel(1);
        let waiting = Waiting {
            state: Arc::clone(&state),
            answer,
        };
        let submission = Self {
            name,
            entry,
            secret,
            state,
            reply,
        };
        (submission, waiting)
    }

    /// Takes it to be applied; `false` when its sender has stopped waiting and was told that
    /// nothing was stored (then it must be dropped, not applied).
    pub fn take(&self) -> bool {
        self.state
            .compare_exchange(WAITING, TAKEN, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
    }

    /// Answers without applying it: why (unless its sender has stopped waiting).
    pub fn refuse(self, why: Refusal) {
        if self.take() {
            Reply(self.reply).send(Err(why));
        }
    }

    /// What it holds, in a few words: "9 feelings", "votes on 3".
    pub fn what(&self) -> String {
        match &self.entry {
            Entry::Line(line) => format!("{} feelings", line.feelings.len()),
            Entry::Votes(v) => format!("votes on {}", v.len()),
        }
    }
}

impl Waiting {
    /// Waits up to `wait` for the submission to be taken and answered. One not taken by then
    /// is withdrawn (atomically: it is either taken or withdrawn, never both), so "not stored"
    /// is true when it is said. One taken is waited for up to `then` more.
    pub(super) fn outcome(self, wait: Duration, then: Duration) -> Outcome {
        let withdraw = || {
            self.state
                .compare_exchange(WAITING, WITHDRAWN, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok()
        };
        match self.answer.recv_timeout(wait) {
            Ok(result) => return Outcome::Done(result),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                // Dropped by its owner: applied only if it had been taken.
                return if withdraw() {
                    Outcome::NotTaken
                } else {
                    Outcome::Unknown
                };
            }
            Err(mpsc::RecvTimeoutError::Timeout) if withdraw() => return Outcome::NotTaken,
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        match self.answer.recv_timeout(then) {
            Ok(result) => Outcome::Done(result),
            Err(_) => Outcome::Unknown,
        }
    }
}

/// Where a participant waits for their answer.
struct Reply(mpsc::SyncSender<Result<String, Refusal>>);

impl Reply {
    fn send(self, result: Result<String, Refusal>) {
        // The participant may have given up waiting; nothing is lost by a failed send.
        let _ = self.0.try_send(result);
    }
}

/// What a batch of submissions did, for the owner's log and summary.
#[derive(Debug, Default)]
pub struct Batch {
    /// Each accepted one: the name and what it held ("9 feelings").
    pub accepted: Vec<(String, String)>,
    /// Each refused one: the name and why.
    pub refused: Vec<(String, String)>,
    /// Why the accepted ones could not be kept; they were taken back and told so.
    pub not_kept: Option<String>,
}

/// Applies `submissions` to `doc` through `round`, each one undo step, then `keep`s the board
/// once (writes it where it must be before anyone is told it is stored), then answers each
/// with its real outcome. When keeping fails, every one applied is taken back and answered
/// that it was not saved, so a retry (with the same secret) goes through again. Submissions
/// whose senders stopped waiting are dropped unapplied: they were told nothing was stored.
pub fn apply_batch(
    round: &mut Round,
    doc: &mut Document,
    submissions: Vec<Submission>,
    keep: impl FnOnce(&mut Document) -> Result<(), String>,
) -> Batch {
    let mut batch = Batch::default();
    let submitted_before: BTreeSet<String> = round.submitted.clone();
    let mut answers = Vec::new();
    let mut steps = 0;
    for sub in submissions {
        if !sub.take() {
            continue;
        }
        let what = sub.what();
        let Submission {
            name,
            entry,
            secret,
            reply,
            ..
        } = sub;
        let revision = doc.revision();
        let result = round.take(doc, &name, entry, secret.as_deref());
        steps += usize::from(doc.revision() != revision);
        match &result {
            Ok(_) => batch.accepted.push((name, what)),
            Err(why) => batch.refused.push((name, why.to_string())),
        }
        answers.push((Reply(reply), result));
    }
    if steps > 0
        && let Err(err) = keep(doc)
    {
        for _ in 0..steps {
            doc.undo();
        }
        round.submitted = submitted_before;
        for (_, result) in &mut answers {
            if result.is_ok() {
                *result = Err(Refusal::NotSaved(err.clone()));
            }
        }
        batch.not_kept = Some(err);
    }
    for (reply, result) in answers {
        reply.send(result);
    }
    batch
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
    /// They ask to stay anonymous in the record.
    #[serde(default)]
    anonymous: bool,
    /// The board's title, which an offline form's answer carries; accepted and not needed.
    #[serde(default, rename = "board")]
    _board: Option<String>,
    /// Which form made an offline answer; checked with the answer's signature.
    #[serde(default, rename = "form")]
    _form: Option<String>,
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

/// Checks a submission's body; returns the name, the line (its feelings, and whether they ask
/// to stay anonymous) and the secret.
pub(crate) fn parse_submission(
    body: &[u8],
) -> Result<(String, Line, Option<String>), SubmissionError> {
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
    let line = Line {
        feelings,
        anonymous: input.anonymous,
    };
    Ok((name, line, secret))
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
