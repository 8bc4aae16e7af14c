//! The room's anonymous 1–5 votes (the trust check at the opening and "was it worth our time",
//! ROTI, at the close) and the board a board follows, which the trends across retros read.

use serde::{Deserialize, Serialize};

use super::Moment;

/// The lowest and highest score of a trust check or a ROTI vote.
pub const SCORE_RANGE: std::ops::RangeInclusive<u8> = 1..=5;

/// An anonymous 1–5 vote of the room. A ballot is a random number a phone keeps (or the
/// window draws for a score typed in), so a phone that sends again replaces its own score and
/// nothing in the record says whose it is.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pulse {
    /// When the first score came in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Moment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scores: Vec<Score>,
}

/// One ballot's score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    pub ballot: u64,
    pub value: u8,
}

impl Pulse {
    pub fn is_empty(&self) -> bool {
        self.scores.is_empty() && self.at.is_none()
    }

    /// How many scored 1, 2, 3, 4 and 5.
    pub fn histogram(&self) -> [usize; 5] {
        let mut counts = [0; 5];
        for score in &self.scores {
            if SCORE_RANGE.contains(&score.value) {
                counts[usize::from(score.value - 1)] += 1;
            }
        }
        counts
    }

    /// The mean score, `None` before anyone scored.
    pub fn mean(&self) -> Option<f64> {
        let valid: Vec<f64> = self
            .scores
            .iter()
            .filter(|s| SCORE_RANGE.contains(&s.value))
            .map(|s| f64::from(s.value))
            .collect();
        (!valid.is_empty()).then(|| valid.iter().sum::<f64>() / valid.len() as f64)
    }
}

/// Which of the room's two votes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PulseKind {
    /// "How safe do you feel to speak openly here?" at the opening.
    Trust,
    /// "Was this worth our time?" at the close.
    Roti,
}

impl PulseKind {
    pub const ALL: [PulseKind; 2] = [Self::Trust, Self::Roti];

    pub fn label(self) -> &'static str {
        match self {
            Self::Trust => "Trust check",
            Self::Roti => "Return on time invested",
        }
    }

    /// The question a phone shows.
    pub fn question(self) -> &'static str {
        match self {
            Self::Trust => "How safe do you feel to speak openly here? (1 not at all, 5 fully)",
            Self::Roti => "Was this meeting worth our time? (1 a waste, 5 very much)",
        }
    }

    /// The name the HTTP API and the command line use.
    pub fn key(self) -> &'static str {
        match self {
            Self::Trust => "trust",
            Self::Roti => "roti",
        }
    }
}

/// The board this one was made from with `new --from` (or *Meeting > Next board*): its file
/// name, as found beside this one, and its title. Trends follow these links into a chain.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Follows {
    /// The previous board's file name (no folder), empty when it was never saved.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
    pub title: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_histogram_and_mean_count_only_scores_from_one_to_five() {
        let pulse = Pulse {
            at: None,
            scores: [1, 5, 5, 3, 9, 0]
                .iter()
                .enumerate()
                .map(|(i, &value)| Score {
                    ballot: i as u64,
                    value,
                })
                .collect(),
        };
        assert_eq!(pulse.histogram(), [1, 0, 1, 0, 2]);
        assert_eq!(pulse.mean(), Some(3.5));
        assert_eq!(Pulse::default().mean(), None);
    }
}
