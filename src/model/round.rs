//! What a board keeps of its participant rounds, so that each line stays its owner's after a
//! restart: who claimed their line or their votes (by a hash of the secret they hold, never the
//! secret), and the key that signs answers from this board's offline form.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Claims on lines and votes, and the offline form's key. Pure data; the rules are in
/// `crate::server::admission`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundRecord {
    /// The key (64 hex digits) that signs the answers of this board's offline form; empty until
    /// a form is made. An answer signed with another key was made for another board.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub form_key: String,
    /// Each person who sent their line, by [`claim_key`] of their name: the SHA-256 of their
    /// secret, in hex. Only the holder of that secret can change the line.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub lines: BTreeMap<String, String>,
    /// The same for votes.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub votes: BTreeMap<String, String>,
}

impl RoundRecord {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// The key a claim is kept under: the name as two people would be told apart
/// ([`super::names::identity`]).
pub fn claim_key(name: &str) -> String {
    super::names::identity(name)
}

#[cfg(test)]
mod tests {
    use crate::model::Board;

    #[test]
    fn a_round_record_out_of_shape_is_named_when_a_board_is_read() {
        let mut board = Board::new("Retro");
        board.round.form_key = "not a key".into();
        board.round.lines.insert("ana".into(), "not a hash".into());
        let problems: Vec<String> = board.problems().iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("round.form_key"), "{problems:?}");
        assert!(problems[1].contains("round.lines") && problems[1].contains("\"ana\""));
        let mut sound = Board::new("Retro");
        sound.round.form_key = "0a".repeat(32);
        sound.round.lines.insert("ana".into(), "b1".repeat(32));
        assert!(sound.problems().is_empty());
    }
}
