//! One admission rule for a participant's line or votes, whatever way it comes in: a phone over
//! HTTP (the window's server or `collect`), an answer from the offline form pasted or dropped
//! onto the window. The same identity, secret, limits and "who may replace whom" rules, checked
//! against the board alone; what is admitted is one [`Edit::Admit`] that writes the entry and
//! its owner's claim together.
//!
//! Who may replace whom:
//! - a name someone claimed (their first entry was admitted) takes entries only with the secret
//!   they hold; the board keeps its SHA-256, never the secret, so this survives a restart;
//! - a name on the board with feelings and no claim (typed in by the facilitator, imported, or
//!   from a board before claims) is not taken by whoever sends that name first;
//! - a new name joins unless the list is locked or full.
//!
//! The sender may bring their own secret for a first entry (the page makes one before it sends,
//! so that a retry after a lost answer is the same entry again); without one, one is made.

use sha2::{Digest, Sha256};

use super::limits::fit_to_board;
use super::round::{Refusal, new_token, same_secret};
use crate::doc::{Document, Edit, Entry};
use crate::model::round::claim_key;
use crate::model::{Board, VoteTarget};

/// The shortest secret a sender may bring.
pub const MIN_SECRET: usize = 16;
/// The longest.
pub const MAX_SECRET: usize = 64;

/// What the board keeps of a secret: its SHA-256 in hex.
pub fn secret_hash(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// Bytes as lower-case hex digits.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `name` has feelings on `board`.
fn has_line(board: &Board, name: &str) -> bool {
    board
        .participant_named(name)
        .is_some_and(|p| board.feelings.iter().any(|f| f.participant == p.id))
}

/// Whether a secret a sender brings can be one: long enough, and only letters, digits, `-`
/// and `_`.
fn well_formed(secret: &str) -> bool {
    (MIN_SECRET..=MAX_SECRET).contains(&secret.len())
        && secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Checks `entry` from `name` (with the `secret` they hold, if any) against `doc`'s board.
/// Returns the edit that writes it with its claim, and the secret to give back; or why it is
/// refused. `locked`: only the board's participants may send a line. Nothing is changed here.
pub fn admit(
    doc: &Document,
    name: &str,
    entry: Entry,
    secret: Option<&str>,
    locked: bool,
) -> Result<(Edit, String), Refusal> {
    let board = doc.board();
    let name = name.trim();
    let known = board.participant_named(name).map(|p| p.name.clone());
    let key = claim_key(name);
    let votes = matches!(entry, Entry::Votes(_));
    let claims = if votes {
        &board.round.votes
    } else {
        &board.round.lines
    };
    let claim = claims.get(&key);
    // A secret that will be kept must be one; against a claim, any other is simply wrong.
    if claim.is_none()
        && let Some(secret) = secret
        && !well_formed(secret)
    {
        return Err(Refusal::WeakSecret);
    }
    match claim {
        Some(hash) if !secret.is_some_and(|s| same_secret(&secret_hash(s), hash)) => {
            let name = known.clone().unwrap_or_else(|| name.to_owned());
            return Err(if votes {
                Refusal::NotYourVotes { name }
            } else {
                Refusal::NotYourLine { name }
            });
        }
        Some(_) => {}
        None if votes => {}
        None if known.is_some() && has_line(board, name) => {
            // Entered by the facilitator, or kept from before: not to be wiped by whoever
            // picks that name first.
            return Err(Refusal::LineFromBefore {
                name: known.clone().unwrap_or_else(|| name.to_owned()),
            });
        }
        None if known.is_none() && locked => return Err(Refusal::Locked),
        None if known.is_none() && board.participants.len() >= super::MAX_PARTICIPANTS => {
            return Err(Refusal::Full);
        }
        None => {}
    }
    let entry = match entry {
        Entry::Line(line) => Entry::Line(crate::doc::Line {
            feelings: fit_to_board(board, line.feelings)?,
            anonymous: line.anonymous,
        }),
        Entry::Votes(dots) => {
            if known.is_none() {
                return Err(Refusal::NotAVoter);
            }
            // A divergence is named by a moment inside it: one that holds none now was on a
            // page loaded before the feelings changed.
            let spans = &doc.derived().spans;
            if dots.iter().any(|&(t, _)| {
                matches!(t, VoteTarget::Divergence(_))
                    && crate::analysis::votes::resolve(t, spans).is_none()
            }) {
                return Err(Refusal::DivergencesChanged);
            }
            Entry::Votes(dots)
        }
    };
    let secret = match secret {
        Some(s) => s.to_owned(),
        None => new_token()?,
    };
    let edit = Edit::Admit {
        name: known.unwrap_or_else(|| name.to_owned()),
        entry,
        claim: secret_hash(&secret),
    };
    Ok((edit, secret))
}

/// Admits `entry` and applies it to `doc` as one undo step; returns the secret to give back.
pub fn admit_into(
    doc: &mut Document,
    name: &str,
    entry: Entry,
    secret: Option<&str>,
    locked: bool,
) -> Result<String, Refusal> {
    let (edit, secret) = admit(doc, name, entry, secret, locked)?;
    doc.apply(edit)
        .map_err(|reason| Refusal::Edit(reason.to_string()))?;
    Ok(secret)
}
