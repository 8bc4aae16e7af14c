//! A participant round's edits: a line or votes as the round admitted them, together with the
//! claim the sender's secret makes on them (one step, so an undo takes both back), and the key
//! that signs the offline form's answers.

use crate::model::round::claim_key;
use crate::model::{Board, VoteTarget};

use super::{Applied, EditError, NewFeeling, meeting, people};

/// What a participant sent: their line, or their votes.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    Line(Line),
    /// Dots on each event or divergence.
    Votes(Vec<(VoteTarget, u32)>),
}

/// A participant's line as they sent it, and whether they asked to stay anonymous in the
/// record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Line {
    pub feelings: Vec<NewFeeling>,
    pub anonymous: bool,
}

impl From<Vec<NewFeeling>> for Line {
    /// A line whose sender did not ask to stay anonymous.
    fn from(feelings: Vec<NewFeeling>) -> Self {
        Self {
            feelings,
            anonymous: false,
        }
    }
}

/// A SHA-256 in hex, or a key of 256 bits in hex.
fn is_hex_256(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `name`'s line (or votes) replaced by `entry`, and their claim on it kept as `claim`.
pub(super) fn admit(
    board: &mut Board,
    name: String,
    entry: Entry,
    claim: String,
) -> Result<Applied, EditError> {
    if !is_hex_256(&claim) {
        return Err(EditError::BadClaim);
    }
    let key = claim_key(&name);
    let (mut out, claims) = match entry {
        Entry::Line(line) => {
            let mut out = people::submit(board, name.clone(), line.feelings)?;
            // Their latest line says whether they stay anonymous in the record.
            if let Some(p) = board.participants.iter_mut().find(|p| {
                crate::model::names::identity(&p.name) == crate::model::names::identity(&name)
            }) && p.anonymous != line.anonymous
            {
                p.anonymous = line.anonymous;
                out.changed = true;
            }
            (out, &mut board.round.lines)
        }
        Entry::Votes(votes) => {
            let Some(id) = board.participant_named(&name).map(|p| p.id) else {
                return Err(EditError::NoSuch("participant"));
            };
            (
                meeting::set_votes(board, id, votes)?,
                &mut board.round.votes,
            )
        }
    };
    if claims.get(&key) != Some(&claim) {
        claims.insert(key, claim);
        out.changed = true;
    }
    Ok(out)
}

/// The key that signs the answers of this board's offline form.
pub(super) fn set_form_key(board: &mut Board, key: String) -> Result<Applied, EditError> {
    if !is_hex_256(&key) {
        return Err(EditError::BadClaim);
    }
    let changed = board.round.form_key != key;
    board.round.form_key = key;
    Ok(Applied::changed(changed))
}
