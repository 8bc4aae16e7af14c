//! The board and its parts: pure data with serde, no UI types.
//!
//! A [`Board`] is what a `.ron` file holds. Everything that can be computed from it (divergence
//! spans, SMART checks) lives in [`crate::analysis`] and is never stored as truth.

pub mod insight;
pub mod limits;
pub mod meeting;
pub mod names;
mod problems;
pub mod pulse;
pub mod round;
pub mod time;

use serde::{Deserialize, Serialize};

pub use self::insight::{EventKind, Insight, InsightKind, Naming};
pub use self::meeting::{CarriedAction, Phase, PhaseKind, Review, Vote, VoteTarget, Voting};
pub use self::problems::Problem;
pub use self::pulse::{Follows, Pulse, PulseKind, Score};
pub use self::round::RoundRecord;
pub use self::time::Moment;

/// The version of the board file format this build writes. Files with a larger number are refused.
pub const FORMAT_VERSION: u32 = 2;

/// Times on a board lie between 1900 and 2200 (Unix seconds): far enough for any retrospective,
/// near enough that every offset, label and pixel position can be computed.
pub const EARLIEST_TIME_SECS: i64 = -2_208_988_800;
pub const LATEST_TIME_SECS: i64 = 7_258_118_400;

/// Whether `m` lies in the years a board can hold.
pub fn in_supported_years(m: Moment) -> bool {
    let secs = m.unix_nanos().div_euclid(1_000_000_000);
    (i128::from(EARLIEST_TIME_SECS)..=i128::from(LATEST_TIME_SECS)).contains(&secs)
}

/// The next free id after `used`: one more than the largest, or the smallest unused when the
/// largest is `u32::MAX`.
fn next_id(used: impl Iterator<Item = u32> + Clone) -> u32 {
    let max = used.clone().max().unwrap_or(0);
    match max.checked_add(1) {
        Some(id) => id,
        None => {
            let taken: std::collections::BTreeSet<u32> = used.collect();
            (1..u32::MAX).find(|id| !taken.contains(id)).unwrap_or(0)
        }
    }
}

/// The neutral band θ used when a board does not say otherwise.
pub const DEFAULT_NEUTRAL_BAND: f64 = 1.0;

/// The lowest and highest valence a feeling can have.
pub const VALENCE_MIN: f64 = -5.0;
pub const VALENCE_MAX: f64 = 5.0;

/// The safety statement a new board opens with.
pub const DEFAULT_SAFETY_STATEMENT: &str = "This is a blameless review. We are here to learn how \
our systems and practices can improve, not to find someone to blame. Everyone did the best they \
could with what they knew and the time and tools they had then.";

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// Identifies a lane within its board.
    LaneId
);
id_type!(
    /// Identifies an event within its board.
    EventId
);
id_type!(
    /// Identifies a participant within its board.
    ParticipantId
);
id_type!(
    /// Identifies a feeling within its board.
    FeelingId
);
id_type!(
    /// Identifies an action item within its board.
    ActionId
);
id_type!(
    /// Identifies an insight within its board.
    InsightId
);

/// A colour as 8-bit red, green, blue; written as `"#rrggbb"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    pub fn parse_hex(text: &str) -> Result<Self, String> {
        let hex = text.strip_prefix('#').unwrap_or(text);
        let bad = || format!("\"{text}\" is not a colour like \"#e69f00\"");
        if hex.len() != 6 || !hex.is_ascii() {
            return Err(bad());
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| bad());
        Ok(Self(channel(0)?, channel(2)?, channel(4)?))
    }
}

impl Serialize for Rgb {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse_hex(&text).map_err(serde::de::Error::custom)
    }
}

/// What kind of review the board is for; it sets sensible time scales.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum BoardKind {
    /// A postmortem of an incident: minutes and hours.
    #[default]
    Incident,
    /// A sprint or iteration retrospective: days and weeks.
    Sprint,
    Other,
}

impl BoardKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Incident => "incident",
            Self::Sprint => "sprint",
            Self::Other => "other",
        }
    }
}

/// The stretch of time the board covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeRange {
    pub start: Moment,
    pub end: Moment,
}

/// A swim lane of the timeline, e.g. technical, communication, business.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lane {
    pub id: LaneId,
    pub name: String,
    pub colour: Rgb,
}

/// Something that happened, placed on the timeline in a lane.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: EventId,
    pub time: Moment,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    pub lane: LaneId,
    /// Detection, diagnosis, repair, key moment, or none.
    #[serde(default, skip_serializing_if = "EventKind::is_none")]
    pub kind: EventKind,
}

/// The marker a participant's points are drawn with, so lines differ without colour too.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Marker {
    #[default]
    Circle,
    Square,
    Diamond,
    Up,
    Down,
    Cross,
    Plus,
    Asterisk,
}

impl Marker {
    pub const ALL: [Marker; 8] = [
        Marker::Circle,
        Marker::Square,
        Marker::Diamond,
        Marker::Up,
        Marker::Down,
        Marker::Cross,
        Marker::Plus,
        Marker::Asterisk,
    ];
}

/// Someone in the room whose feelings are plotted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub id: ParticipantId,
    pub name: String,
    pub colour: Rgb,
    #[serde(default)]
    pub marker: Marker,
    /// Hidden participants keep their feelings but are not drawn.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    /// They asked to stay anonymous: the board and every export show "Participant N".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub anonymous: bool,
}

/// How one participant felt at one moment, from −5 (awful) to +5 (great).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feeling {
    pub id: FeelingId,
    pub participant: ParticipantId,
    pub time: Moment,
    pub valence: f64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub emotion: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Whether an action item is still to do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionStatus {
    #[default]
    Open,
    Done,
}

/// What an action item came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Link {
    Event(EventId),
    /// The divergence span that contains this moment (spans are computed, so they are linked by time).
    Divergence(Moment),
    Insight(InsightId),
}

/// A calendar date, written as `"2026-03-20"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub jiff::civil::Date);

impl Day {
    pub fn parse(text: &str) -> Result<Self, String> {
        self::time::parse_date(text.trim())
            .map(Self)
            .ok_or_else(|| format!("\"{text}\" is not a date like \"2026-03-20\""))
    }

    pub fn to_text(self) -> String {
        self::time::format::iso_date(self.0)
    }
}

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_text())
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// An improvement the team commits to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionItem {
    pub id: ActionId,
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Day>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub done_when: String,
    #[serde(default)]
    pub status: ActionStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
}

/// The opening statement that declares the room safe, and when it was shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Safety {
    pub statement: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shown_at: Option<Moment>,
}

impl Default for Safety {
    fn default() -> Self {
        Self {
            statement: DEFAULT_SAFETY_STATEMENT.to_owned(),
            shown_at: None,
        }
    }
}

/// Board-wide settings that change what is computed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The neutral band θ: a line at or above +θ is positive, at or below −θ negative.
    #[serde(default = "default_neutral_band")]
    pub neutral_band: f64,
    /// The UTC offset the board is shown in and new moments are made in, in seconds east of
    /// UTC; without it, that of the board's first moment (or UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utc_offset_seconds: Option<i32>,
}

fn default_neutral_band() -> f64 {
    DEFAULT_NEUTRAL_BAND
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            neutral_band: DEFAULT_NEUTRAL_BAND,
            utc_offset_seconds: None,
        }
    }
}

/// A whole retrospective: what a `.ron` file holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Board {
    /// The file format version; always [`FORMAT_VERSION`] once loaded.
    pub format_version: u32,
    pub title: String,
    #[serde(default)]
    pub kind: BoardKind,
    /// The time the board covers; when absent it is taken from the events and feelings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<TimeRange>,
    #[serde(default = "default_lanes")]
    pub lanes: Vec<Lane>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub participants: Vec<Participant>,
    #[serde(default)]
    pub feelings: Vec<Feeling>,
    #[serde(default)]
    pub action_items: Vec<ActionItem>,
    #[serde(default)]
    pub safety: Safety,
    #[serde(default)]
    pub settings: Settings,
    /// The meeting's phases, in order, with when each ran.
    #[serde(
        default = "meeting::default_agenda",
        skip_serializing_if = "is_untouched_agenda"
    )]
    pub agenda: Vec<Phase>,
    /// The open action items of the board before, under review.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carried: Vec<CarriedAction>,
    /// The dot vote on what to discuss.
    #[serde(default, skip_serializing_if = "Voting::is_default")]
    pub voting: Voting,
    /// Who claimed their line or votes in a participant round, and the offline form's key.
    #[serde(default, skip_serializing_if = "RoundRecord::is_empty")]
    pub round: RoundRecord,
    /// What the room learned, written on the timeline.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub insights: Vec<Insight>,
    /// Whether lines are shown by name, or anonymously until the facilitator names them.
    #[serde(default, skip_serializing_if = "Naming::is_default")]
    pub naming: Naming,
    /// The trust check at the opening: an anonymous 1–5 vote.
    #[serde(default, skip_serializing_if = "Pulse::is_empty")]
    pub trust: Pulse,
    /// "Was it worth our time" at the close: an anonymous 1–5 vote.
    #[serde(default, skip_serializing_if = "Pulse::is_empty")]
    pub roti: Pulse,
    /// The board this one was made from, which trends follow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follows: Option<Follows>,
}

/// The usual agenda, never started: a board need not write it.
fn is_untouched_agenda(agenda: &Vec<Phase>) -> bool {
    *agenda == meeting::default_agenda()
}

/// Lane colours: the Okabe–Ito palette, which stays distinguishable for colour-blind viewers.
pub const LANE_PALETTE: [Rgb; 6] = [
    Rgb(0x00, 0x72, 0xb2), // blue
    Rgb(0xe6, 0x9f, 0x00), // orange
    Rgb(0x00, 0x9e, 0x73), // bluish green
    Rgb(0xcc, 0x79, 0xa7), // reddish purple
    Rgb(0x56, 0xb4, 0xe9), // sky blue
    Rgb(0xd5, 0x5e, 0x00), // vermillion
];

/// Participant colours: Okabe–Ito plus Paul Tol's high-contrast tones, darkest first for contrast
/// on light backgrounds. Combined with [`Marker`] shapes, 8 × 8 participants are told apart.
pub const PARTICIPANT_PALETTE: [Rgb; 8] = [
    Rgb(0x00, 0x72, 0xb2), // blue
    Rgb(0xd5, 0x5e, 0x00), // vermillion
    Rgb(0x00, 0x9e, 0x73), // bluish green
    Rgb(0xcc, 0x79, 0xa7), // reddish purple
    Rgb(0xe6, 0x9f, 0x00), // orange
    Rgb(0x56, 0xb4, 0xe9), // sky blue
    Rgb(0x88, 0x22, 0x55), // wine
    Rgb(0x44, 0x44, 0x44), // grey
];

fn default_lanes() -> Vec<Lane> {
    ["Technical", "Communication", "Business"]
        .iter()
        .enumerate()
        .map(|(i, name)| Lane {
            id: LaneId(i as u32 + 1),
            name: (*name).to_owned(),
            colour: LANE_PALETTE[i % LANE_PALETTE.len()],
        })
        .collect()
}

impl Default for Board {
    fn default() -> Self {
        Self::new("Untitled retrospective")
    }
}

impl Board {
    /// An empty board with the default lanes and safety statement.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            title: title.into(),
            kind: BoardKind::default(),
            range: None,
            lanes: default_lanes(),
            events: Vec::new(),
            participants: Vec::new(),
            feelings: Vec::new(),
            action_items: Vec::new(),
            safety: Safety::default(),
            settings: Settings::default(),
            agenda: meeting::default_agenda(),
            carried: Vec::new(),
            voting: Voting::default(),
            round: RoundRecord::default(),
            insights: Vec::new(),
            naming: Naming::default(),
            trust: Pulse::default(),
            roti: Pulse::default(),
            follows: None,
        }
    }

    /// The time the board covers: its explicit range, or the span of its events and feelings.
    /// The UTC offset the board is shown in: its setting, or that of the start of `range` (the
    /// board's [`Board::time_range`]), or UTC.
    pub fn offset_with(&self, range: Option<TimeRange>) -> jiff::tz::Offset {
        self.settings
            .utc_offset_seconds
            .and_then(|s| jiff::tz::Offset::from_seconds(s).ok())
            .unwrap_or_else(|| time::format::board_offset(range))
    }

    pub fn time_range(&self) -> Option<TimeRange> {
        if self.range.is_some() {
            return self.range;
        }
        let times = self
            .events
            .iter()
            .map(|e| e.time)
            .chain(self.feelings.iter().map(|f| f.time));
        let mut range: Option<TimeRange> = None;
        for t in times {
            range = Some(match range {
                None => TimeRange { start: t, end: t },
                Some(r) => TimeRange {
                    start: if t.unix_nanos() < r.start.unix_nanos() {
                        t
                    } else {
                        r.start
                    },
                    end: if t.unix_nanos() > r.end.unix_nanos() {
                        t
                    } else {
                        r.end
                    },
                },
            });
        }
        range
    }

    pub fn lane(&self, id: LaneId) -> Option<&Lane> {
        self.lanes.iter().find(|l| l.id == id)
    }

    pub fn participant(&self, id: ParticipantId) -> Option<&Participant> {
        self.participants.iter().find(|p| p.id == id)
    }

    /// The lane with this name (as [`names::identity`] compares them), if any.
    pub fn lane_named(&self, name: &str) -> Option<&Lane> {
        let key = names::identity(name);
        self.lanes.iter().find(|l| names::identity(&l.name) == key)
    }

    /// The first participant whose name is the same person's (by [`names::identity`]: case,
    /// surrounding spaces, composed or decomposed accents, full-width or styled letters), if any.
    pub fn participant_named(&self, name: &str) -> Option<&Participant> {
        let key = names::identity(name);
        self.participants
            .iter()
            .find(|p| names::identity(&p.name) == key)
    }

    /// Adds a lane with the next free id and palette colour; returns its id.
    pub fn add_lane(&mut self, name: impl Into<String>) -> LaneId {
        let id = LaneId(next_id(self.lanes.iter().map(|l| l.id.0)));
        let colour = LANE_PALETTE[self.lanes.len() % LANE_PALETTE.len()];
        self.lanes.push(Lane {
            id,
            name: name.into(),
            colour,
        });
        id
    }

    /// Adds a participant with the next free id, colour and marker; returns its id.
    pub fn add_participant(&mut self, name: impl Into<String>) -> ParticipantId {
        let id = ParticipantId(next_id(self.participants.iter().map(|p| p.id.0)));
        self.push_participant(id, name);
        id
    }

    /// Adds a participant with `id`, which no one on the board has, in the next colour and
    /// marker (for imports that give out ids in order without searching for each).
    pub fn push_participant(&mut self, id: ParticipantId, name: impl Into<String>) {
        let n = self.participants.len();
        let colour = PARTICIPANT_PALETTE[n % PARTICIPANT_PALETTE.len()];
        // Walk the markers on a different cycle than the colours so that pairs repeat late.
        let marker = Marker::ALL[(n + n / PARTICIPANT_PALETTE.len()) % Marker::ALL.len()];
        self.participants.push(Participant {
            id,
            name: name.into(),
            colour,
            marker,
            hidden: false,
            anonymous: false,
        });
    }

    /// Adds an event with the next free id; returns its id.
    pub fn add_event(
        &mut self,
        time: Moment,
        title: impl Into<String>,
        lane: LaneId,
        notes: impl Into<String>,
    ) -> EventId {
        let id = EventId(next_id(self.events.iter().map(|e| e.id.0)));
        self.events.push(Event {
            id,
            time,
            title: title.into(),
            notes: notes.into(),
            lane,
            kind: EventKind::None,
        });
        id
    }

    /// Adds a feeling with the next free id; returns its id.
    pub fn add_feeling(
        &mut self,
        participant: ParticipantId,
        time: Moment,
        valence: f64,
        emotion: impl Into<String>,
        note: impl Into<String>,
    ) -> FeelingId {
        let id = FeelingId(next_id(self.feelings.iter().map(|f| f.id.0)));
        self.feelings.push(Feeling {
            id,
            participant,
            time,
            valence,
            emotion: emotion.into(),
            note: note.into(),
        });
        id
    }

    /// The id for a new insight.
    pub fn next_insight_id(&self) -> InsightId {
        InsightId(next_id(self.insights.iter().map(|i| i.id.0)))
    }

    /// Whether the board shows this participant by name now: not while names wait for the
    /// facilitator, and never for one who asked to stay anonymous.
    pub fn names(&self, id: ParticipantId) -> bool {
        self.participant(id).is_some_and(|p| self.names_person(p))
    }

    /// [`Board::names`] for a participant at hand.
    pub fn names_person(&self, person: &Participant) -> bool {
        !self.naming.hides_names() && !person.anonymous
    }

    /// How an action item's link names an insight: "the insight “Nobody owned the pager”",
    /// its text cut to 60 characters.
    pub fn insight_name(&self, id: InsightId) -> String {
        match self.insights.iter().find(|i| i.id == id) {
            Some(insight) => {
                let text = insight.text.trim();
                let short: String = text.chars().take(60).collect();
                let more = if text.chars().nth(60).is_some() {
                    "…"
                } else {
                    ""
                };
                format!("the insight “{short}{more}”")
            }
            None => format!("insight {id} (gone)"),
        }
    }

    /// The id for a new action item.
    pub fn next_action_id(&self) -> ActionId {
        ActionId(next_id(self.action_items.iter().map(|a| a.id.0)))
    }

    /// Removes a participant and all their feelings. Returns how many feelings went with them.
    pub fn remove_participant(&mut self, id: ParticipantId) -> usize {
        let before = self.feelings.len();
        self.feelings.retain(|f| f.participant != id);
        self.participants.retain(|p| p.id != id);
        before - self.feelings.len()
    }

    /// The feeling `participant` gave at exactly `time`, if any.
    pub fn feeling_at(&self, participant: ParticipantId, time: Moment) -> Option<&Feeling> {
        self.feelings
            .iter()
            .rev()
            .find(|f| f.participant == participant && f.time.unix_nanos() == time.unix_nanos())
    }

    /// Sets how `participant` felt at exactly `time`: changes their feeling there, or adds one.
    pub fn set_feeling_at(&mut self, participant: ParticipantId, time: Moment, valence: f64) {
        let valence = valence.clamp(VALENCE_MIN, VALENCE_MAX);
        match self
            .feelings
            .iter_mut()
            .rev()
            .find(|f| f.participant == participant && f.time.unix_nanos() == time.unix_nanos())
        {
            Some(feeling) => feeling.valence = valence,
            None => {
                self.add_feeling(participant, time, valence, "", "");
            }
        }
    }
}

#[cfg(test)]
mod tests;
