//! A feelings or votes round: whether it is open, what it takes, who has submitted, and whether
//! the list of participants is locked; and why a submission is refused.

use std::collections::BTreeSet;

use super::MAX_PARTICIPANTS;
use super::limits::FarFromBoard;
use crate::doc::{Document, Entry, NewFeeling};
use crate::model::VoteTarget;

/// The operating system gave no random numbers for a token or a secret.
#[derive(Debug, thiserror::Error)]
#[error("no random numbers from the operating system: {0}")]
pub struct TokenError(getrandom::Error);

/// 128 bits from the operating system's random source, as 32 hex digits.
pub fn new_token() -> Result<String, TokenError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(TokenError)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Compares without stopping at the first difference, so timing tells nothing of the token.
pub(super) fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Why a submission or a vote was refused; the board is as it was. [`Refusal::status`] is the
/// HTTP status the participant's page gets, with the sentence.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error("the round is closed")]
    Closed,
    #[error("this round takes votes, not feelings")]
    TakesVotes,
    #[error("this round takes feelings; voting has not started")]
    TakesFeelings,
    #[error("{name} already submitted from another device: only they can change their line")]
    NotYourLine { name: String },
    #[error("the facilitator locked the list: pick your name from it")]
    Locked,
    #[error("the board already has {MAX_PARTICIPANTS} participants")]
    Full,
    #[error(
        "{name} already has feelings on this board from before this round: ask the facilitator \
         to clear them, then submit"
    )]
    LineFromBefore { name: String },
    #[error(transparent)]
    FarFromBoard(#[from] FarFromBoard),
    #[error("only the board's participants vote: pick your name")]
    NotAVoter,
    #[error("{name} already voted from another device: only they can change their votes")]
    NotYourVotes { name: String },
    #[error("the divergences changed since the page was loaded: reload it and vote again")]
    DivergencesChanged,
    #[error(
        "a secret is {MIN}–{MAX} letters, digits, '-' or '_'",
        MIN = super::admission::MIN_SECRET,
        MAX = super::admission::MAX_SECRET
    )]
    WeakSecret,
    /// The document did not take the edit: its reason.
    #[error("{0}")]
    Edit(String),
    #[error(transparent)]
    NoSecret(#[from] TokenError),
    /// `collect` could not read the board's file, changed on disk since.
    #[error("the board's file is being edited; try again in a moment")]
    FileBeingEdited,
    /// `collect` could not write the board's file: why.
    #[error("your line could not be saved: {0}")]
    NotSaved(String),
}

impl Refusal {
    /// The HTTP status the participant's page gets.
    pub fn status(&self) -> u16 {
        match self {
            Self::FarFromBoard(_) | Self::WeakSecret => 400,
            Self::Closed
            | Self::TakesVotes
            | Self::TakesFeelings
            | Self::NotYourLine { .. }
            | Self::Locked
            | Self::NotAVoter
            | Self::NotYourVotes { .. } => 403,
            Self::Full | Self::LineFromBefore { .. } | Self::DivergencesChanged => 409,
            Self::Edit(_) => 422,
            Self::NoSecret(_) => 500,
            Self::FileBeingEdited | Self::NotSaved(_) => 503,
        }
    }
}

/// A round under way: whether it is open, what it takes, whether the list of participants is
/// locked, and who has sent something in it. Who owns which line is the board's
/// ([`crate::model::RoundRecord`]), so it outlives the round. No egui, no network.
#[derive(Debug)]
pub struct Round {
    pub open: bool,
    /// What this round takes: feelings (the lines stay hidden), or votes (after the reveal).
    pub votes: bool,
    /// Only the board's participants may submit; nobody adds themselves.
    pub locked: bool,
    /// Who has submitted (names as on the board).
    pub submitted: BTreeSet<String>,
}

impl Default for Round {
    fn default() -> Self {
        Self {
            open: true,
            votes: false,
            locked: false,
            submitted: BTreeSet::new(),
        }
    }
}

impl Round {
    /// A round for the dot vote: only the board's participants, each changing only their own
    /// votes.
    pub fn for_votes() -> Self {
        Self {
            votes: true,
            locked: true,
            ..Self::default()
        }
    }

    /// Checks `entry` from `name` against what this round takes, then admits it into `doc`
    /// (see [`super::admission`]) as one undo step. Returns the secret to give back, or why it
    /// was refused (the board unchanged).
    pub fn take(
        &mut self,
        doc: &mut Document,
        name: &str,
        entry: Entry,
        secret: Option<&str>,
    ) -> Result<String, Refusal> {
        if !self.open {
            return Err(Refusal::Closed);
        }
        match (&entry, self.votes) {
            (Entry::Line(_), true) => return Err(Refusal::TakesVotes),
            (Entry::Votes(_), false) => return Err(Refusal::TakesFeelings),
            _ => {}
        }
        let secret = super::admission::admit_into(doc, name, entry, secret, self.locked)?;
        if let Some(p) = doc.board().participant_named(name) {
            self.submitted.insert(p.name.clone());
        }
        Ok(secret)
    }

    /// A line, as [`Self::take`] takes it.
    pub fn accept(
        &mut self,
        doc: &mut Document,
        name: &str,
        feelings: Vec<NewFeeling>,
        secret: Option<&str>,
    ) -> Result<String, Refusal> {
        self.take(doc, name, Entry::Line(feelings.into()), secret)
    }

    /// Votes, as [`Self::take`] takes them.
    pub fn accept_votes(
        &mut self,
        doc: &mut Document,
        name: &str,
        votes: Vec<(VoteTarget, u32)>,
        secret: Option<&str>,
    ) -> Result<String, Refusal> {
        self.take(doc, name, Entry::Votes(votes), secret)
    }
}
