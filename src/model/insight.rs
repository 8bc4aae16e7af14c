//! What the room makes of the reveal: insights written on the timeline, the kinds of events
//! incident analysis marks, and when the board names the people whose lines it shows.

use serde::{Deserialize, Serialize};

use super::{InsightId, Moment};

/// What an insight says about the moment it is anchored to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InsightKind {
    /// "We learned…"
    #[default]
    Learned,
    /// "What surprised us"
    Surprised,
    /// "What we did not know then"
    DidNotKnow,
}

impl InsightKind {
    pub const ALL: [InsightKind; 3] = [Self::Learned, Self::Surprised, Self::DidNotKnow];

    /// How the board and the reports head it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Learned => "We learned",
            Self::Surprised => "What surprised us",
            Self::DidNotKnow => "What we did not know then",
        }
    }
}

/// What the room learned, anchored to a moment (`until` is `None`) or to the span from `at` to
/// `until`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Insight {
    pub id: InsightId,
    #[serde(default)]
    pub kind: InsightKind,
    pub text: String,
    pub at: Moment,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Moment>,
}

impl Insight {
    /// Where it ends: `until`, or `at` for an insight about one moment.
    pub fn end(&self) -> Moment {
        self.until.unwrap_or(self.at)
    }
}

/// What an event was in the incident's course, as incident analysis marks them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventKind {
    #[default]
    None,
    /// Someone or something noticed the problem.
    Detection,
    /// The cause was found.
    Diagnosis,
    /// The service was back.
    Repair,
    /// A moment that changed the course of things.
    KeyMoment,
}

impl EventKind {
    pub const ALL: [EventKind; 5] = [
        Self::None,
        Self::Detection,
        Self::Diagnosis,
        Self::Repair,
        Self::KeyMoment,
    ];

    pub fn is_none(&self) -> bool {
        *self == Self::None
    }

    /// The word a card and the reports show.
    pub fn label(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Detection => "detection",
            Self::Diagnosis => "diagnosis",
            Self::Repair => "repair",
            Self::KeyMoment => "key moment",
        }
    }

    /// The kind a CSV or a script names: its label in any case, with `_` or `-` for the space;
    /// an empty text is none. `None` for any other text.
    pub fn parse(text: &str) -> Option<Self> {
        let key: String = text
            .trim()
            .chars()
            .map(|c| {
                if c == '_' || c == '-' {
                    ' '
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
        if key.is_empty() {
            return Some(Self::None);
        }
        Self::ALL.into_iter().find(|k| k.label() == key)
    }

    /// The next kind, for a key that steps through them.
    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|k| *k == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }
}

/// Whether the board names the people whose lines it shows. With `until_named`, lines are
/// shown as "Participant N" from the start (through the reveal and the discussion) until the
/// facilitator names them (`named_at`). A person who asked to stay anonymous is never named
/// (`Participant::anonymous`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Naming {
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub until_named: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub named_at: Option<Moment>,
}

impl Naming {
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// Whether names wait for the facilitator now.
    pub fn hides_names(&self) -> bool {
        self.until_named && self.named_at.is_none()
    }
}
