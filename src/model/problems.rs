//! What a board's file syntax cannot show: broken references, values out of range, ids used twice.

use super::*;
use crate::model::limits;

/// Something wrong with a board that its file's syntax cannot show, such as a broken reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    /// The item it is about: its name in the file (`"Feeling"`) and its id.
    pub item: Option<(&'static str, u32)>,
    /// Which of the items with that id it is about (0: the first; 1: the second, for an id
    /// used twice).
    pub occurrence: usize,
}

impl Problem {
    pub(super) fn board(message: String) -> Self {
        Self {
            message,
            item: None,
            occurrence: 0,
        }
    }

    pub(super) fn at(kind: &'static str, id: u32, message: String) -> Self {
        Self {
            message,
            item: Some((kind, id)),
            occurrence: 0,
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl Board {
    /// Checks what the type system cannot: references, ranges and unique ids.
    /// Returns one sentence per problem found; empty when the board is sound.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems: Vec<Problem> = Vec::new();
        if self.format_version != FORMAT_VERSION {
            problems.push(Problem::board(format!(
                "format_version is {}, this build reads {FORMAT_VERSION}",
                self.format_version
            )));
        }
        let theta = self.settings.neutral_band;
        if !(theta > 0.0 && theta <= VALENCE_MAX) {
            problems.push(Problem::board(format!(
                "settings.neutral_band is {}; it must be above 0 and at most {VALENCE_MAX}",
                short_number(theta)
            )));
        }
        if let Some(seconds) = self.settings.utc_offset_seconds
            && jiff::tz::Offset::from_seconds(seconds).is_err()
        {
            problems.push(Problem::board(format!(
                "settings.utc_offset_seconds is {seconds}; an offset is within ±25:59:59"
            )));
        }
        if let Some(range) = self.range
            && range.end.unix_nanos() < range.start.unix_nanos()
        {
            problems.push(Problem::board(format!(
                "range ends ({}) before it starts ({})",
                range.end, range.start
            )));
        }
        duplicates(
            ("lane", "Lane"),
            self.lanes.iter().map(|l| l.id.0),
            &mut problems,
        );
        duplicates(
            ("event", "Event"),
            self.events.iter().map(|e| e.id.0),
            &mut problems,
        );
        duplicates(
            ("participant", "Participant"),
            self.participants.iter().map(|p| p.id.0),
            &mut problems,
        );
        duplicates(
            ("feeling", "Feeling"),
            self.feelings.iter().map(|f| f.id.0),
            &mut problems,
        );
        duplicates(
            ("action item", "ActionItem"),
            self.action_items.iter().map(|a| a.id.0),
            &mut problems,
        );
        let out_of_years = |m: Moment| limits::moment(m).is_err();
        // The first moment out of range, with the item it belongs to where there is one.
        let dated = self
            .events
            .iter()
            .map(|e| ("an event", Some(("Event", e.id.0)), e.time))
            .chain(
                self.feelings
                    .iter()
                    .map(|f| ("a feeling", Some(("Feeling", f.id.0)), f.time)),
            )
            .chain(
                self.range
                    .iter()
                    .flat_map(|r| [("the range", None, r.start), ("the range", None, r.end)]),
            )
            .chain(
                self.safety
                    .shown_at
                    .map(|m| ("the safety statement", None, m)),
            );
        for (what, item, m) in dated {
            if out_of_years(m) {
                let message =
                    format!("{what} is at {m}; times must be between the years 1900 and 2200");
                problems.push(match item {
                    Some((kind, id)) => Problem::at(kind, id, message),
                    None => Problem::board(message),
                });
                break;
            }
        }
        self.limit_problems(&mut problems);
        // Looked up in sets, not searched for each item: checking stays near-linear.
        let lanes: std::collections::HashSet<LaneId> = self.lanes.iter().map(|l| l.id).collect();
        let people: std::collections::HashSet<ParticipantId> =
            self.participants.iter().map(|p| p.id).collect();
        let events: std::collections::HashSet<EventId> = self.events.iter().map(|e| e.id).collect();
        for event in &self.events {
            if !lanes.contains(&event.lane) {
                problems.push(Problem::at(
                    "Event",
                    event.id.0,
                    format!(
                        "event {} (\"{}\") is in lane {}, which the board does not have",
                        event.id, event.title, event.lane
                    ),
                ));
            }
        }
        for feeling in &self.feelings {
            if !people.contains(&feeling.participant) {
                problems.push(Problem::at(
                    "Feeling",
                    feeling.id.0,
                    format!(
                        "feeling {} belongs to participant {}, who is not on the board",
                        feeling.id, feeling.participant
                    ),
                ));
            }
            if limits::valence(feeling.valence).is_err() {
                problems.push(Problem::at(
                    "Feeling",
                    feeling.id.0,
                    format!(
                        "feeling {} has valence {}; it must be between {VALENCE_MIN} and \
                         {VALENCE_MAX}",
                        feeling.id, feeling.valence
                    ),
                ));
            }
        }
        let insights: std::collections::HashSet<InsightId> =
            self.insights.iter().map(|i| i.id).collect();
        for item in &self.action_items {
            for link in &item.links {
                let missing = match link {
                    Link::Event(id) if !events.contains(id) => format!("event {id}"),
                    Link::Insight(id) if !insights.contains(id) => format!("insight {id}"),
                    _ => continue,
                };
                problems.push(Problem::at(
                    "ActionItem",
                    item.id.0,
                    format!(
                        "action item {} links to {missing}, which the board does not have",
                        item.id
                    ),
                ));
            }
        }
        self.meeting_problems(&events, &mut problems);
        self.round_problems(&mut problems);
        self.discussion_problems(&mut problems);
        problems
    }

    /// The agenda, the carried action items and the votes: within their limits, and every vote
    /// by someone on the board, on an event the board has, within their dots.
    fn meeting_problems(
        &self,
        events: &std::collections::HashSet<EventId>,
        problems: &mut Vec<Problem>,
    ) {
        use super::limits::{MAX_ITEMS, MAX_LONG_TEXT, MAX_SHORT_TEXT};
        use super::meeting::{
            MAX_EXTENSION_SECONDS, MAX_PHASES, MAX_TIMEBOX_MINUTES, MAX_VOTES_PER_PERSON,
        };
        let mut say = |message: String| problems.push(Problem::board(message));
        if self.agenda.len() > MAX_PHASES {
            say(format!(
                "the agenda has {} phases; it holds at most {MAX_PHASES}",
                self.agenda.len()
            ));
        }
        for (i, phase) in self.agenda.iter().enumerate() {
            let n = i + 1;
            if limits::text(&phase.name, MAX_SHORT_TEXT).is_err() {
                say(format!(
                    "phase {n}'s name is longer than {MAX_SHORT_TEXT} characters"
                ));
            }
            if !(1..=MAX_TIMEBOX_MINUTES).contains(&phase.timebox_minutes) {
                say(format!(
                    "phase {n}'s timebox is {} minutes; it must be 1 to {MAX_TIMEBOX_MINUTES}",
                    phase.timebox_minutes
                ));
            }
            if phase.extended_seconds > MAX_EXTENSION_SECONDS {
                say(format!(
                    "phase {n} is extended by more than {MAX_TIMEBOX_MINUTES} minutes"
                ));
            }
            let moments = [phase.started, phase.ended, phase.paused_at];
            if moments
                .iter()
                .flatten()
                .any(|m| limits::moment(*m).is_err())
            {
                say(format!(
                    "phase {n} has a time outside the years 1900 to 2200"
                ));
            }
            if phase.started.is_none() && (phase.ended.is_some() || phase.paused_at.is_some()) {
                say(format!("phase {n} ended or paused without starting"));
            }
        }
        if self.agenda.iter().filter(|p| p.is_running()).count() > 1 {
            say("more than one phase is under way".to_owned());
        }
        if limits::count(self.carried.len(), MAX_ITEMS).is_err() {
            say(format!(
                "the board carries {} action items; it holds at most {MAX_ITEMS}",
                self.carried.len()
            ));
        }
        for (i, c) in self.carried.iter().enumerate() {
            let n = i + 1;
            for (field, value, max) in [
                ("text", &c.text, MAX_LONG_TEXT),
                ("owner", &c.owner, MAX_SHORT_TEXT),
                ("done-when", &c.done_when, MAX_LONG_TEXT),
                ("board title", &c.from, MAX_SHORT_TEXT),
                ("review note", &c.note, MAX_LONG_TEXT),
            ] {
                if limits::text(value, max).is_err() {
                    say(format!(
                        "carried action item {n}'s {field} is longer than {max} characters"
                    ));
                }
            }
        }
        let voting = &self.voting;
        if voting.per_person > MAX_VOTES_PER_PERSON {
            say(format!(
                "voting.per_person is {}; a person has at most {MAX_VOTES_PER_PERSON} votes",
                voting.per_person
            ));
        }
        if limits::count(voting.votes.len(), MAX_ITEMS).is_err() {
            say(format!("the board has more than {MAX_ITEMS} votes"));
            return;
        }
        let people: std::collections::HashSet<ParticipantId> =
            self.participants.iter().map(|p| p.id).collect();
        let mut spent: std::collections::HashMap<ParticipantId, u64> = Default::default();
        for v in &voting.votes {
            if !people.contains(&v.participant) {
                say(format!(
                    "a vote is by participant {}, whom the board does not have",
                    v.participant
                ));
            }
            match v.target {
                VoteTarget::Event(id) if !events.contains(&id) => say(format!(
                    "a vote is on event {id}, which the board does not have"
                )),
                VoteTarget::Divergence(m) if limits::moment(m).is_err() => {
                    say("a vote is on a time outside the years 1900 to 2200".to_owned());
                }
                _ => {}
            }
            *spent.entry(v.participant).or_default() += u64::from(v.dots);
        }
        let mut over: Vec<_> = spent
            .into_iter()
            .filter(|&(_, n)| n > u64::from(voting.per_person))
            .collect();
        over.sort_unstable();
        for (who, n) in over {
            say(format!(
                "participant {who} spent {n} votes; each has {}",
                voting.per_person
            ));
        }
    }
}

impl Board {
    /// Insights within their limits and in order, action items linking only to insights the
    /// board has, the trust check and ROTI scored 1 to 5 once per ballot, and the naming and
    /// the board followed within their limits.
    fn discussion_problems(&self, problems: &mut Vec<Problem>) {
        use super::limits::{MAX_ITEMS, MAX_LONG_TEXT, MAX_PARTICIPANTS, MAX_SHORT_TEXT};
        duplicates(
            ("insight", "Insight"),
            self.insights.iter().map(|i| i.id.0),
            problems,
        );
        if limits::count(self.insights.len(), MAX_ITEMS).is_err() {
            problems.push(Problem::board(format!(
                "the board has {} insights; a board holds at most {MAX_ITEMS}",
                self.insights.len()
            )));
        }
        for insight in &self.insights {
            let id = insight.id.0;
            let mut say = |message: String| problems.push(Problem::at("Insight", id, message));
            if limits::text(&insight.text, MAX_LONG_TEXT).is_err() {
                say(format!(
                    "insight {id}'s text is longer than {MAX_LONG_TEXT} characters"
                ));
            }
            let moments = [Some(insight.at), insight.until];
            if moments
                .iter()
                .flatten()
                .any(|m| limits::moment(*m).is_err())
            {
                say(format!(
                    "insight {id} has a time outside the years 1900 to 2200"
                ));
            } else if insight.end().unix_nanos() < insight.at.unix_nanos() {
                say(format!("insight {id} ends before it starts"));
            }
        }
        let mut say = |message: String| problems.push(Problem::board(message));
        for (what, pulse) in [("trust", &self.trust), ("roti", &self.roti)] {
            if limits::count(pulse.scores.len(), MAX_PARTICIPANTS).is_err() {
                say(format!(
                    "{what} has {} scores; a board has at most {MAX_PARTICIPANTS} participants",
                    pulse.scores.len()
                ));
                continue;
            }
            if let Some(score) = pulse
                .scores
                .iter()
                .find(|s| !super::pulse::SCORE_RANGE.contains(&s.value))
            {
                say(format!(
                    "{what} has a score of {}; a score is 1 to 5",
                    score.value
                ));
            }
            let mut ballots: Vec<u64> = pulse.scores.iter().map(|s| s.ballot).collect();
            ballots.sort_unstable();
            if ballots.windows(2).any(|w| w[0] == w[1]) {
                say(format!("{what} counts one ballot twice"));
            }
            if pulse.at.is_some_and(|m| limits::moment(m).is_err()) {
                say(format!(
                    "{what} is at a time outside the years 1900 to 2200"
                ));
            }
        }
        if self
            .naming
            .named_at
            .is_some_and(|m| limits::moment(m).is_err())
        {
            say("naming.named_at is outside the years 1900 to 2200".to_owned());
        }
        if let Some(follows) = &self.follows
            && [&follows.file, &follows.title]
                .iter()
                .any(|t| limits::text(t, MAX_SHORT_TEXT).is_err())
        {
            say(format!(
                "follows names a board in more than {MAX_SHORT_TEXT} characters"
            ));
        }
    }

    /// The round's record: a form key and claims in the shape they are written, no more claims
    /// than a board has participants.
    fn round_problems(&self, problems: &mut Vec<Problem>) {
        use super::limits::{MAX_PARTICIPANTS, MAX_SHORT_TEXT};
        let hex_256 = |t: &str| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit());
        let round = &self.round;
        if !round.form_key.is_empty() && !hex_256(&round.form_key) {
            problems.push(Problem::board(
                "round.form_key is not 64 hex digits".to_owned(),
            ));
        }
        for (what, claims) in [("lines", &round.lines), ("votes", &round.votes)] {
            if limits::count(claims.len(), MAX_PARTICIPANTS).is_err() {
                problems.push(Problem::board(format!(
                    "round.{what} has {} claims; a board has at most {MAX_PARTICIPANTS} \
                     participants",
                    claims.len()
                )));
                continue;
            }
            if let Some((name, _)) = claims
                .iter()
                .find(|(name, hash)| limits::too_long(name, MAX_SHORT_TEXT) || !hex_256(hash))
            {
                let name: String = name.chars().take(40).collect();
                problems.push(Problem::board(format!(
                    "round.{what}: the claim of \"{name}\" is not a name with a SHA-256 in hex"
                )));
            }
        }
    }

    /// Text and counts past the limits that every way in keeps to (see [`super::limits`]).
    fn limit_problems(&self, problems: &mut Vec<Problem>) {
        use super::limits::{MAX_ITEMS, MAX_LONG_TEXT, MAX_PARTICIPANTS, MAX_SHORT_TEXT};
        let mut text =
            |kind: &'static str, id: Option<u32>, field: &str, value: &str, max: usize| {
                if limits::text(value, max).is_err() {
                    let message = format!("{field} is longer than {max} characters");
                    problems.push(match id {
                        Some(id) => Problem::at(kind, id, message),
                        None => Problem::board(message),
                    });
                }
            };
        text(
            "Board",
            None,
            "the board's title",
            &self.title,
            MAX_SHORT_TEXT,
        );
        text(
            "Board",
            None,
            "the safety statement",
            &self.safety.statement,
            MAX_LONG_TEXT,
        );
        for l in &self.lanes {
            text(
                "Lane",
                Some(l.id.0),
                &format!("lane {}'s name", l.id),
                &l.name,
                MAX_SHORT_TEXT,
            );
        }
        for e in &self.events {
            let id = Some(e.id.0);
            text(
                "Event",
                id,
                &format!("event {}'s title", e.id),
                &e.title,
                MAX_SHORT_TEXT,
            );
            text(
                "Event",
                id,
                &format!("event {}'s notes", e.id),
                &e.notes,
                MAX_LONG_TEXT,
            );
        }
        for p in &self.participants {
            let id = Some(p.id.0);
            text(
                "Participant",
                id,
                &format!("participant {}'s name", p.id),
                &p.name,
                MAX_SHORT_TEXT,
            );
        }
        for f in &self.feelings {
            let id = Some(f.id.0);
            text(
                "Feeling",
                id,
                &format!("feeling {}'s emotion", f.id),
                &f.emotion,
                MAX_SHORT_TEXT,
            );
            text(
                "Feeling",
                id,
                &format!("feeling {}'s note", f.id),
                &f.note,
                MAX_LONG_TEXT,
            );
        }
        for a in &self.action_items {
            let id = Some(a.id.0);
            text(
                "ActionItem",
                id,
                &format!("action item {}'s text", a.id),
                &a.text,
                MAX_LONG_TEXT,
            );
            text(
                "ActionItem",
                id,
                &format!("action item {}'s owner", a.id),
                &a.owner,
                MAX_SHORT_TEXT,
            );
            text(
                "ActionItem",
                id,
                &format!("action item {}'s done-when", a.id),
                &a.done_when,
                MAX_LONG_TEXT,
            );
        }
        let counts = [
            ("lanes", self.lanes.len(), MAX_ITEMS),
            ("events", self.events.len(), MAX_ITEMS),
            ("participants", self.participants.len(), MAX_PARTICIPANTS),
            ("feelings", self.feelings.len(), MAX_ITEMS),
            ("action items", self.action_items.len(), MAX_ITEMS),
        ];
        for (what, n, max) in counts {
            if limits::count(n, max).is_err() {
                problems.push(Problem::board(format!(
                    "the board has {n} {what}; a board holds at most {max}"
                )));
            }
        }
    }
}

/// A number as people read it: huge and tiny ones in scientific notation, not 309 digits.
fn short_number(x: f64) -> String {
    if x != 0.0 && x.is_finite() && !(1e-4..1e6).contains(&x.abs()) {
        format!("{x:.3e}")
    } else {
        format!("{x}")
    }
}

fn duplicates(
    (what, kind): (&str, &'static str),
    ids: impl Iterator<Item = u32>,
    problems: &mut Vec<Problem>,
) {
    let mut seen = std::collections::BTreeSet::new();
    let mut reported = std::collections::BTreeSet::new();
    for id in ids {
        if !seen.insert(id) && reported.insert(id) {
            problems.push(Problem {
                message: format!("{what} id {id} is used more than once"),
                item: Some((kind, id)),
                // Pointed at where it is used again.
                occurrence: 1,
            });
        }
    }
}
