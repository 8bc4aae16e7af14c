//! The meeting as a sequence: the agenda's phases with their timeboxes and when each ran, last
//! time's action items under review, and the dots people spend to choose what to discuss.

use serde::{Deserialize, Serialize};

use super::{Day, EventId, Moment, ParticipantId};

/// The most phases an agenda holds.
pub const MAX_PHASES: usize = 40;
/// The longest timebox, in minutes.
pub const MAX_TIMEBOX_MINUTES: u32 = 600;
/// The most dots one person can be given.
pub const MAX_VOTES_PER_PERSON: u32 = 50;
/// The most a timer can be extended in one phase (seconds).
pub const MAX_EXTENSION_SECONDS: u32 = 600 * 60;

/// What a phase is for: the window offers what each needs (the review of last time's actions,
/// the vote, the action items).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PhaseKind {
    Safety,
    Review,
    Timeline,
    Feelings,
    Divergences,
    Vote,
    Actions,
    Close,
    #[default]
    Other,
}

impl PhaseKind {
    /// The usual name of such a phase.
    pub fn usual_name(self) -> &'static str {
        match self {
            Self::Safety => "Safety opening",
            Self::Review => "Last time's actions",
            Self::Timeline => "Build the timeline",
            Self::Feelings => "Feelings (silent round)",
            Self::Divergences => "Reveal and discuss divergences",
            Self::Vote => "Vote",
            Self::Actions => "Action items",
            Self::Close => "Close",
            Self::Other => "Phase",
        }
    }
}

/// One item of the agenda: its name, its timebox, and when it ran.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    #[serde(default)]
    pub kind: PhaseKind,
    pub name: String,
    pub timebox_minutes: u32,
    /// When the phase was (last) entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<Moment>,
    /// When it was left; `None` while it runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<Moment>,
    /// Time added to the timebox with "+1 minute", in seconds.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub extended_seconds: u32,
    /// How long the timer stood paused, not counting a pause under way, in seconds.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub paused_seconds: u32,
    /// When the pause under way began.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paused_at: Option<Moment>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Phase {
    pub fn new(kind: PhaseKind, timebox_minutes: u32) -> Self {
        Self {
            kind,
            name: kind.usual_name().to_owned(),
            timebox_minutes,
            started: None,
            ended: None,
            extended_seconds: 0,
            paused_seconds: 0,
            paused_at: None,
        }
    }

    /// Whether the phase is under way: entered and not left.
    pub fn is_running(&self) -> bool {
        self.started.is_some() && self.ended.is_none()
    }

    /// The seconds of the timebox left at `now` (negative once it is over): the timebox and its
    /// extensions, less the time the phase ran unpaused.
    pub fn remaining_seconds(&self, now: Moment) -> f64 {
        let total = f64::from(self.timebox_minutes) * 60.0 + f64::from(self.extended_seconds);
        let Some(started) = self.started else {
            return total;
        };
        let end = self.ended.or(self.paused_at).unwrap_or(now);
        let ran = seconds_between(started, end) - f64::from(self.paused_seconds);
        total - ran.max(0.0)
    }

    /// How long the phase took, from entering to leaving (pauses included), in seconds.
    pub fn took_seconds(&self) -> Option<f64> {
        Some(seconds_between(self.started?, self.ended?))
    }
}

/// Seconds from `a` to `b` (negative when `b` is earlier).
pub fn seconds_between(a: Moment, b: Moment) -> f64 {
    (b.unix_nanos() - a.unix_nanos()) as f64 / 1e9
}

/// The agenda a new board starts with.
pub fn default_agenda() -> Vec<Phase> {
    use PhaseKind::*;
    [
        (Safety, 3),
        (Review, 10),
        (Timeline, 20),
        (Feelings, 10),
        (Divergences, 20),
        (Vote, 5),
        (Actions, 15),
        (Close, 5),
    ]
    .into_iter()
    .map(|(kind, minutes)| Phase::new(kind, minutes))
    .collect()
}

/// How a carried action item was found in the review.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Review {
    /// Not reviewed yet.
    #[default]
    ToReview,
    Done,
    /// Still open: carried on to the next board.
    StillOpen,
    Dropped,
}

impl Review {
    pub fn label(self) -> &'static str {
        match self {
            Self::ToReview => "to review",
            Self::Done => "done",
            Self::StillOpen => "still open",
            Self::Dropped => "dropped",
        }
    }
}

/// An open action item of the board before, brought into this one to be reviewed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarriedAction {
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Day>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub done_when: String,
    /// The title of the board it came from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub from: String,
    #[serde(default)]
    pub review: Review,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl CarriedAction {
    /// Still to do after this board: not reviewed, or found still open.
    pub fn is_open(&self) -> bool {
        matches!(self.review, Review::ToReview | Review::StillOpen)
    }
}

/// What a dot is spent on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VoteTarget {
    Event(EventId),
    /// The divergence that holds this moment (its peak when the vote was cast).
    Divergence(Moment),
}

/// Someone's dots on one event or divergence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    pub participant: ParticipantId,
    pub target: VoteTarget,
    pub dots: u32,
}

/// The dot vote: how many dots each person has, and whether the results are shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Voting {
    #[serde(default = "default_votes_per_person")]
    pub per_person: u32,
    #[serde(default)]
    pub revealed: bool,
    #[serde(default)]
    pub votes: Vec<Vote>,
}

fn default_votes_per_person() -> u32 {
    3
}

impl Default for Voting {
    fn default() -> Self {
        Self {
            per_person: default_votes_per_person(),
            revealed: false,
            votes: Vec::new(),
        }
    }
}

impl Voting {
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// How many dots `who` has spent.
    pub fn spent(&self, who: ParticipantId) -> u32 {
        self.votes
            .iter()
            .filter(|v| v.participant == who)
            .map(|v| v.dots)
            .sum()
    }
}

impl super::Board {
    /// A new board for the next retrospective after `self`: its lanes, its participants (with
    /// no feelings), its settings and kind, and every action item still open (its own open
    /// ones, and carried ones not found done or dropped) carried over to be reviewed; it follows
    /// `self`, saved as `from_file`.
    pub fn next_board(&self, title: impl Into<String>, from_file: &str) -> super::Board {
        // Within the limits a board is opened with, whatever the last one held.
        let title: String = title
            .into()
            .chars()
            .take(super::limits::MAX_SHORT_TEXT)
            .collect();
        let mut next = super::Board::new(title);
        next.kind = self.kind;
        next.lanes = self.lanes.clone();
        next.participants = self
            .participants
            .iter()
            .map(|p| super::Participant {
                hidden: false,
                anonymous: false,
                ..p.clone()
            })
            .collect();
        next.settings = self.settings.clone();
        next.naming.until_named = self.naming.until_named;
        next.follows = Some(super::Follows {
            file: from_file
                .chars()
                .take(super::limits::MAX_SHORT_TEXT)
                .collect(),
            title: self.title.clone(),
        });
        next.voting.per_person = self.voting.per_person;
        next.safety.statement = self.safety.statement.clone();
        let own = self
            .action_items
            .iter()
            .filter(|a| a.status == super::ActionStatus::Open)
            .map(|a| CarriedAction {
                text: a.text.clone(),
                owner: a.owner.clone(),
                due: a.due,
                done_when: a.done_when.clone(),
                from: self.title.clone(),
                review: Review::ToReview,
                note: String::new(),
            });
        let again = self
            .carried
            .iter()
            .filter(|c| c.is_open())
            .map(|c| CarriedAction {
                review: Review::ToReview,
                note: String::new(),
                ..c.clone()
            });
        next.carried = again.chain(own).take(super::limits::MAX_ITEMS).collect();
        next
    }

    /// How many carried action items are still to review.
    pub fn to_review(&self) -> usize {
        self.carried
            .iter()
            .filter(|c| c.review == Review::ToReview)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActionItem, ActionStatus, Board};

    fn at(text: &str) -> Moment {
        Moment::parse_rfc3339(text).expect("a time")
    }

    #[test]
    fn the_timer_counts_down_pauses_and_extends() {
        let mut phase = Phase::new(PhaseKind::Timeline, 20);
        assert_eq!(phase.remaining_seconds(at("2026-03-20T10:00:00Z")), 1200.0);
        phase.started = Some(at("2026-03-20T10:00:00Z"));
        assert_eq!(phase.remaining_seconds(at("2026-03-20T10:05:00Z")), 900.0);
        phase.paused_at = Some(at("2026-03-20T10:05:00Z"));
        // Paused: the clock moves, the timer does not.
        assert_eq!(phase.remaining_seconds(at("2026-03-20T10:09:00Z")), 900.0);
        phase.paused_at = None;
        phase.paused_seconds = 240;
        phase.extended_seconds = 60;
        assert_eq!(
            phase.remaining_seconds(at("2026-03-20T10:10:00Z")),
            1260.0 - 360.0
        );
        // Past the timebox it is negative: the time is over.
        assert_eq!(phase.remaining_seconds(at("2026-03-20T10:30:00Z")), -300.0);
    }

    #[test]
    fn the_next_board_carries_open_items_lanes_and_people() {
        let mut prev = Board::new("Sprint 41");
        prev.add_participant("Ana");
        let item = |text: &str, status| ActionItem {
            id: crate::model::ActionId(0),
            text: text.into(),
            owner: "Ana".into(),
            due: None,
            done_when: String::new(),
            status,
            links: Vec::new(),
        };
        prev.action_items = vec![item("a", ActionStatus::Open), item("b", ActionStatus::Done)];
        prev.carried = vec![
            CarriedAction {
                text: "old".into(),
                owner: String::new(),
                due: None,
                done_when: String::new(),
                from: "Sprint 40".into(),
                review: Review::StillOpen,
                note: "blocked".into(),
            },
            CarriedAction {
                text: "gone".into(),
                owner: String::new(),
                due: None,
                done_when: String::new(),
                from: "Sprint 40".into(),
                review: Review::Dropped,
                note: String::new(),
            },
        ];
        let next = prev.next_board("Sprint 42", "sprint-41.ron");
        let texts: Vec<&str> = next.carried.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["old", "a"]);
        assert_eq!(next.to_review(), 2);
        assert_eq!(next.carried[0].from, "Sprint 40");
        assert_eq!(next.carried[1].from, "Sprint 41");
        assert_eq!(next.lanes, prev.lanes);
        assert_eq!(next.participants, prev.participants);
        assert!(next.feelings.is_empty() && next.action_items.is_empty());
        assert!(next.problems().is_empty());
    }
}
