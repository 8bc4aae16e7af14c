//! A feelings or votes round: who has submitted, the secret each was given so that only they can
//! change their own line or votes, and whether the list of participants is locked.

use std::collections::{BTreeSet, HashMap};

use super::MAX_PARTICIPANTS;
use super::limits::{FarFromBoard, fit_to_board};
use crate::doc::{Document, Edit, NewFeeling};
use crate::model::{Board, VoteTarget};

/// Whether `name` has feelings on `board`.
fn has_line(board: &Board, name: &str) -> bool {
    board
        .participant_named(name)
        .is_some_and(|p| board.feelings.iter().any(|f| f.participant == p.id))
}

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
            Self::FarFromBoard(_) => 400,
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

/// A feelings round: who has submitted, the secrets that let each change their own line, and
/// whether the facilitator locked the list of participants. No egui, no network.
#[derive(Debug)]
pub struct Round {
    pub open: bool,
    /// What this round takes: feelings (the lines stay hidden), or votes (after the reveal).
    pub votes: bool,
    /// Only the board's participants may submit; nobody adds themselves.
    pub locked: bool,
    /// Each name (lower case) and the secret its first submission was given.
    secrets: HashMap<String, String>,
    /// Who has submitted (names as on the board).
    pub submitted: BTreeSet<String>,
}

impl Default for Round {
    fn default() -> Self {
        Self {
            open: true,
            votes: false,
            locked: false,
            secrets: HashMap::new(),
            submitted: BTreeSet::new(),
        }
    }
}

impl Round {
    /// Forgets that `name` submitted (their submission was taken back), so that they can again.
    pub fn forget(&mut self, name: &str) {
        let key = crate::model::names::identity(name);
        self.secrets.remove(&key);
        self.submitted
            .retain(|n| crate::model::names::identity(n) != key);
    }

    /// Applies a submission to `doc` as one undo step, if its secret is right. Returns the
    /// secret to give back, or why it was refused (the board unchanged).
    pub fn accept(
        &mut self,
        doc: &mut Document,
        name: &str,
        feelings: Vec<NewFeeling>,
        secret: Option<&str>,
    ) -> Result<String, Refusal> {
        if !self.open {
            return Err(Refusal::Closed);
        }
        if self.votes {
            return Err(Refusal::TakesVotes);
        }
        let name = name.trim();
        let key = crate::model::names::identity(name);
        let known = doc.board().participant_named(name).map(|p| p.name.clone());
        match (&known, self.secrets.get(&key)) {
            (_, Some(expected)) if !secret.is_some_and(|s| same_secret(s, expected)) => {
                return Err(Refusal::NotYourLine {
                    name: name.to_owned(),
                });
            }
            (None, None) if self.locked => {
                return Err(Refusal::Locked);
            }
            (None, None) if doc.board().participants.len() >= MAX_PARTICIPANTS => {
                return Err(Refusal::Full);
            }
            (Some(_), None) if has_line(doc.board(), name) => {
                // Entered by the facilitator, or kept from an earlier round: not to be wiped
                // by whoever picks that name first.
                return Err(Refusal::LineFromBefore {
                    name: name.to_owned(),
                });
            }
            _ => {}
        }
        let feelings = fit_to_board(doc.board(), feelings)?;
        let edit = Edit::Submit {
            name: name.to_owned(),
            feelings,
        };
        doc.apply(edit)
            .map_err(|reason| Refusal::Edit(reason.to_string()))?;
        let shown_name = doc
            .board()
            .participant_named(name)
            .map_or_else(|| name.to_owned(), |p| p.name.clone());
        self.submitted.insert(shown_name);
        self.secret_for(key)
    }

    /// The secret of the name `key` (its identity): the one it was given, or a new one.
    fn secret_for(&mut self, key: String) -> Result<String, Refusal> {
        if let Some(s) = self.secrets.get(&key) {
            return Ok(s.clone());
        }
        let s = new_token()?;
        self.secrets.insert(key, s.clone());
        Ok(s)
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

    /// Applies `name`'s votes to `doc` as one undo step, if their secret is right. Returns the
    /// secret to give back, or why it was refused (the board unchanged).
    pub fn accept_votes(
        &mut self,
        doc: &mut Document,
        name: &str,
        votes: Vec<(VoteTarget, u32)>,
        secret: Option<&str>,
    ) -> Result<String, Refusal> {
        if !self.open {
            return Err(Refusal::Closed);
        }
        if !self.votes {
            return Err(Refusal::TakesFeelings);
        }
        let name = name.trim();
        let key = crate::model::names::identity(name);
        let Some(person) = doc
            .board()
            .participant_named(name)
            .map(|p| (p.id, p.name.clone()))
        else {
            return Err(Refusal::NotAVoter);
        };
        if let Some(expected) = self.secrets.get(&key)
            && !secret.is_some_and(|s| same_secret(s, expected))
        {
            return Err(Refusal::NotYourVotes {
                name: name.to_owned(),
            });
        }
        // A divergence is named by a moment inside it: one that holds none now was on a page
        // loaded before the feelings changed.
        let spans = &doc.derived().spans;
        if votes.iter().any(|&(t, _)| {
            matches!(t, VoteTarget::Divergence(_))
                && crate::analysis::votes::resolve(t, spans).is_none()
        }) {
            return Err(Refusal::DivergencesChanged);
        }
        let edit = Edit::SetVotes {
            participant: person.0,
            votes,
        };
        doc.apply(edit)
            .map_err(|reason| Refusal::Edit(reason.to_string()))?;
        self.submitted.insert(person.1);
        self.secret_for(key)
    }
}
