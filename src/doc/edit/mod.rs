//! Every change to a board, as a value: what the window, a participant's phone or a script asks
//! for. [`apply`] checks an edit against the board and either makes it whole or refuses it with a
//! reason and changes nothing.

//!
//! The edits are made by domain, one module each: the board and its lanes, events, action
//! items, people and their feelings, the meeting, and imports. Each checks everything before it
//! writes.

mod actions;
mod board;
mod error;
mod events;
mod import;
mod insights;
mod meeting;
mod people;
mod round;

use crate::model::{
    ActionId, ActionItem, Board, BoardKind, Event, EventId, Feeling, FeelingId, Insight, InsightId,
    Lane, LaneId, Moment, Naming, Participant, ParticipantId, Phase, Review, VoteTarget,
};

pub use self::error::EditError;
pub use self::round::{Entry, Line};
pub use crate::model::limits::{MAX_ITEMS, MAX_LONG_TEXT, MAX_PARTICIPANTS, MAX_SHORT_TEXT};

/// A feeling as someone gives it, before it has an id.
#[derive(Clone, Debug, PartialEq)]
pub struct NewFeeling {
    pub time: Moment,
    pub valence: f64,
    pub emotion: String,
    pub note: String,
}

/// One change to a board.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// The board's title and kind.
    SetTitle(String),
    SetKind(BoardKind),
    SetSafetyStatement(String),
    /// Records when the safety statement was shown.
    MarkSafetyShown(Moment),
    /// The neutral band θ.
    SetNeutralBand(f64),
    /// The UTC offset the board is shown in and new moments are made in; the moments it holds
    /// stay the same instants.
    SetOffset(jiff::tz::Offset),

    AddLane {
        name: String,
    },
    /// A lane's name and colour (found by its id).
    UpdateLane(Lane),
    /// Swaps two lanes' places.
    SwapLanes(LaneId, LaneId),
    /// Removes a lane; its events go to `move_to`, or are deleted with it.
    RemoveLane {
        lane: LaneId,
        move_to: Option<LaneId>,
    },

    AddEvent {
        time: Moment,
        title: String,
        lane: LaneId,
        notes: String,
    },
    /// An event's title, notes, time and lane (found by its id).
    UpdateEvent(Event),
    MoveEvent {
        id: EventId,
        lane: LaneId,
        time: Moment,
    },
    DeleteEvent(EventId),

    AddParticipant {
        name: String,
    },
    /// A participant's name, colour, marker and visibility (found by their id).
    UpdateParticipant(Participant),
    /// Removes a participant and their feelings.
    RemoveParticipant(ParticipantId),

    AddFeeling {
        participant: ParticipantId,
        feeling: NewFeeling,
    },
    /// Sets how someone felt at exactly `time`: changes their feeling there, or adds one; with an
    /// emotion word, that too (`None` keeps the word there is).
    SetFeelingAt {
        participant: ParticipantId,
        time: Moment,
        valence: f64,
        emotion: Option<String>,
    },
    /// A feeling's time, valence, emotion and note (found by its id).
    UpdateFeeling(Feeling),
    MoveFeeling {
        id: FeelingId,
        time: Moment,
        valence: f64,
    },
    DeleteFeeling(FeelingId),
    /// A participant's whole line: their feelings are replaced by these.
    ReplaceLine {
        participant: ParticipantId,
        feelings: Vec<NewFeeling>,
    },

    /// A participant's line as they submitted it: their feelings are replaced by these; a name
    /// the board does not have yet (by [`crate::model::names::identity`]) is added as a
    /// participant first, and refused when it shows nothing or looks like someone else's.
    Submit {
        name: String,
        feelings: Vec<NewFeeling>,
    },
    /// A participant's line or votes as a round admitted them (from their phone, an answer
    /// from the offline form, `collect`), and the claim their secret makes on them (a SHA-256
    /// in hex): both in one step.
    Admit {
        name: String,
        entry: Entry,
        claim: String,
    },
    /// The key (64 hex digits) that signs the answers of this board's offline form.
    SetFormKey(String),

    /// Adds an action item; its id is chosen by the board (the one given is ignored).
    AddAction(ActionItem),
    /// An action item's fields (found by its id).
    UpdateAction(ActionItem),
    SwapActions(ActionId, ActionId),
    DeleteAction(ActionId),

    /// Adds an insight; its id is chosen by the board (the one given is ignored).
    AddInsight(Insight),
    /// An insight's kind, text and moments (found by its id).
    UpdateInsight(Insight),
    DeleteInsight(InsightId),
    /// Whether lines are shown anonymously until named, and when they were named.
    SetNaming(Naming),

    /// The agenda: its phases' names, kinds, timeboxes and order.
    SetAgenda(Vec<Phase>),
    /// Enters phase `index` at `at`, leaving the phase under way.
    StartPhase {
        index: usize,
        at: Moment,
    },
    /// Leaves the phase under way at this moment: the meeting is over.
    EndMeeting(Moment),
    /// Pauses the timer of the phase under way.
    PauseTimer(Moment),
    /// Lets the paused timer run on.
    ResumeTimer(Moment),
    /// Adds seconds to the timebox of the phase under way.
    ExtendTimer(u32),
    /// How a carried action item was found in the review, with a note.
    ReviewCarried {
        index: usize,
        review: Review,
        note: String,
    },
    /// How many dots each person has to spend.
    SetVotesPerPerson(u32),
    /// Shows (or hides again) the votes' results.
    RevealVotes(bool),
    /// All of `participant`'s votes at once (from their phone, or from the window): dots on
    /// each target, replacing what they had.
    SetVotes {
        participant: ParticipantId,
        votes: Vec<(VoteTarget, u32)>,
    },

    /// Events from elsewhere (a Slack export, a PagerDuty log, a CSV), merged into the board at
    /// once; a lane named that the board lacks is added.
    ImportEvents(Vec<ImportedEvent>),
    /// Feelings from elsewhere (a CSV), merged into the board at once; a participant named that
    /// the board lacks (by [`crate::model::names::identity`]) is added, and the whole import is
    /// refused when such a name shows nothing or looks like someone else's.
    ImportFeelings(Vec<ImportedFeeling>),

    /// The whole board at once, as a restored recovery file holds it.
    ReplaceBoard(Box<Board>),
}

/// An event as an import gives it: its lane by name.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedEvent {
    pub time: Moment,
    pub title: String,
    pub lane: String,
    pub notes: String,
    /// What the source says the event was (a PagerDuty entry's type), or none.
    pub kind: crate::model::EventKind,
}

/// A feeling as an import gives it: its participant by name.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedFeeling {
    pub participant: String,
    pub feeling: NewFeeling,
}

/// What an edit made that the caller may want to select or focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Created {
    Lane(LaneId),
    Event(EventId),
    Participant(ParticipantId),
    Feeling(FeelingId),
    Action(ActionId),
    Insight(InsightId),
}

/// What an applied edit did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// The board is different now (an edit that sets what is already there changes nothing).
    pub changed: bool,
    pub created: Option<Created>,
    /// The feelings or θ changed, so the divergences must be found again.
    pub feelings_changed: bool,
}

impl Edit {
    /// A few words for "Undo …": what this edit does.
    pub fn label(&self) -> &'static str {
        match self {
            Self::SetTitle(_) => "title",
            Self::SetKind(_) => "board kind",
            Self::SetSafetyStatement(_) => "safety statement",
            Self::MarkSafetyShown(_) => "safety opening",
            Self::SetNeutralBand(_) => "neutral band",
            Self::SetOffset(_) => "time zone offset",
            Self::AddLane { .. } => "add lane",
            Self::UpdateLane(_) => "lane change",
            Self::SwapLanes(..) => "lane order",
            Self::RemoveLane { .. } => "remove lane",
            Self::AddEvent { .. } => "add event",
            Self::UpdateEvent(_) => "event change",
            Self::MoveEvent { .. } => "move event",
            Self::DeleteEvent(_) => "delete event",
            Self::AddParticipant { .. } => "add participant",
            Self::UpdateParticipant(_) => "participant change",
            Self::RemoveParticipant(_) => "remove participant",
            Self::AddFeeling { .. } => "add feeling",
            Self::SetFeelingAt { .. } => "set feeling",
            Self::UpdateFeeling(_) => "feeling change",
            Self::MoveFeeling { .. } => "move feeling",
            Self::DeleteFeeling(_) => "delete feeling",
            Self::ReplaceLine { .. } => "line replaced",
            Self::Submit { .. }
            | Self::Admit {
                entry: Entry::Line(_),
                ..
            } => "feelings submitted",
            Self::Admit { .. } => "votes sent",
            Self::SetFormKey(_) => "offline form made",
            Self::AddAction(_) => "add action item",
            Self::UpdateAction(_) => "action item change",
            Self::SwapActions(..) => "action item order",
            Self::DeleteAction(_) => "delete action item",
            Self::AddInsight(_) => "add insight",
            Self::UpdateInsight(_) => "insight change",
            Self::DeleteInsight(_) => "delete insight",
            Self::SetNaming(n) if n.hides_names() => "names hidden",
            Self::SetNaming(n) if n.until_named => "names shown",
            Self::SetNaming(_) => "names always shown",
            Self::SetAgenda(_) => "agenda",
            Self::StartPhase { .. } => "start phase",
            Self::EndMeeting(_) => "end the meeting",
            Self::PauseTimer(_) => "pause timer",
            Self::ResumeTimer(_) => "resume timer",
            Self::ExtendTimer(_) => "extend timer",
            Self::ReviewCarried { .. } => "review last time's action",
            Self::SetVotesPerPerson(_) => "votes per person",
            Self::RevealVotes(_) => "reveal votes",
            Self::SetVotes { .. } => "votes sent",
            Self::ImportEvents(_) => "import events",
            Self::ImportFeelings(_) => "import feelings",
            Self::ReplaceBoard(_) => "restore board",
        }
    }
}

impl Edit {
    /// Whether the edit takes something away (an event, a feeling, a lane, a participant, an
    /// action item): the window offers Undo right where it says so.
    pub fn removes(&self) -> bool {
        matches!(
            self,
            Self::DeleteEvent(_)
                | Self::DeleteFeeling(_)
                | Self::RemoveLane { .. }
                | Self::RemoveParticipant(_)
                | Self::DeleteAction(_)
                | Self::DeleteInsight(_)
        )
    }

    /// What this edit does to `board`, naming what it changes: `move “Rollback to v4.17”`.
    pub fn describe(&self, board: &Board) -> String {
        match self.subject(board) {
            Some(what) => format!("{} {what}", self.label()),
            None => self.label().to_owned(),
        }
    }

    /// What a removal says once it is made, in the past tense: "Deleted event “Status page
    /// updated”". `None` for an edit that removes nothing.
    pub fn removal_notice(&self, board: &Board) -> Option<String> {
        let done = match self {
            Self::DeleteEvent(_) => "Deleted event",
            Self::DeleteFeeling(_) => "Deleted feeling",
            Self::DeleteAction(_) => "Deleted action item",
            Self::DeleteInsight(_) => "Deleted insight",
            Self::RemoveLane { .. } => "Removed lane",
            Self::RemoveParticipant(_) => "Removed participant",
            _ => return None,
        };
        Some(match self.subject(board) {
            Some(what) => format!("{done} {what}"),
            None => done.to_owned(),
        })
    }

    /// What the edit is about, quoted as the board names it (an event's title, a person's
    /// name), when there is one.
    fn subject(&self, board: &Board) -> Option<String> {
        let quoted = |text: &str| {
            let short: String = text.chars().take(40).collect();
            let more = if text.chars().nth(40).is_some() {
                "…"
            } else {
                ""
            };
            format!("“{short}{more}”")
        };
        let event = |id: EventId| {
            board
                .events
                .iter()
                .find(|e| e.id == id)
                .map(|e| quoted(&e.title))
        };
        let person = |id: ParticipantId| board.participant(id).map(|p| quoted(&p.name));
        let lane = |id: LaneId| board.lane(id).map(|l| quoted(&l.name));
        let feeling_of = |id: FeelingId| {
            board
                .feelings
                .iter()
                .find(|f| f.id == id)
                .and_then(|f| person(f.participant))
        };
        let action = |id: ActionId| {
            board
                .action_items
                .iter()
                .find(|a| a.id == id)
                .map(|a| quoted(&a.text))
        };
        let insight = |id: InsightId| {
            board
                .insights
                .iter()
                .find(|i| i.id == id)
                .map(|i| quoted(&i.text))
        };
        match self {
            Self::AddEvent { title, .. } => Some(quoted(title)),
            Self::AddInsight(i) => Some(quoted(&i.text)),
            Self::UpdateInsight(i) => insight(i.id),
            Self::DeleteInsight(id) => insight(*id),
            Self::UpdateEvent(e) => event(e.id),
            Self::MoveEvent { id, .. } | Self::DeleteEvent(id) => event(*id),
            Self::AddLane { name }
            | Self::AddParticipant { name }
            | Self::Submit { name, .. }
            | Self::Admit { name, .. } => Some(quoted(name)),
            Self::UpdateLane(l) => lane(l.id),
            Self::RemoveLane { lane: id, .. } => lane(*id),
            Self::SwapLanes(a, _) => lane(*a),
            Self::UpdateParticipant(p) => person(p.id),
            Self::RemoveParticipant(id)
            | Self::AddFeeling {
                participant: id, ..
            }
            | Self::SetFeelingAt {
                participant: id, ..
            }
            | Self::ReplaceLine {
                participant: id, ..
            } => person(*id),
            Self::UpdateFeeling(f) => person(f.participant),
            Self::MoveFeeling { id, .. } | Self::DeleteFeeling(id) => feeling_of(*id),
            Self::UpdateAction(a) => action(a.id),
            Self::SwapActions(a, _) | Self::DeleteAction(a) => action(*a),
            Self::StartPhase { index, .. } => board.agenda.get(*index).map(|p| quoted(&p.name)),
            Self::ReviewCarried { index, .. } => board.carried.get(*index).map(|c| quoted(&c.text)),
            Self::SetVotes { participant, .. } => person(*participant),
            _ => None,
        }
    }
}

impl Applied {
    /// What an edit that changes no feelings did: `changed` or nothing.
    fn changed(changed: bool) -> Self {
        Self {
            changed,
            ..Self::default()
        }
    }

    /// What an edit of the feelings (or of θ) did: `changed` or nothing.
    fn feelings(changed: bool) -> Self {
        Self {
            changed,
            feelings_changed: changed,
            created: None,
        }
    }

    /// An edit that made `created`.
    fn created(created: Created) -> Self {
        Self {
            changed: true,
            created: Some(created),
            feelings_changed: false,
        }
    }
}

/// Checks `edit` against `board` and, if it is valid, makes it. An invalid edit changes nothing
/// and says why.
pub fn apply(board: &mut Board, edit: Edit) -> Result<Applied, EditError> {
    let removes = matches!(
        edit,
        Edit::DeleteEvent(_) | Edit::RemoveLane { .. } | Edit::RemoveParticipant(_)
    );
    let out = apply_edit(board, edit)?;
    if removes {
        meeting::drop_dangling_votes(board);
    }
    Ok(out)
}

/// Hands `edit` to its domain.
fn apply_edit(b: &mut Board, edit: Edit) -> Result<Applied, EditError> {
    match edit {
        // The board as a whole, and its lanes.
        Edit::SetTitle(title) => board::set_title(b, title),
        Edit::SetKind(kind) => board::set_kind(b, kind),
        Edit::SetSafetyStatement(text) => board::set_safety_statement(b, text),
        Edit::MarkSafetyShown(at) => board::mark_safety_shown(b, at),
        Edit::SetNeutralBand(theta) => board::set_neutral_band(b, theta),
        Edit::SetOffset(offset) => board::set_offset(b, offset),
        Edit::AddLane { name } => board::add_lane(b, name),
        Edit::UpdateLane(lane) => board::update_lane(b, lane),
        Edit::SwapLanes(one, other) => board::swap_lanes(b, one, other),
        Edit::RemoveLane { lane, move_to } => board::remove_lane(b, lane, move_to),
        // Events.
        Edit::AddEvent {
            time,
            title,
            lane,
            notes,
        } => events::add(b, time, title, lane, notes),
        Edit::UpdateEvent(event) => events::update(b, event),
        Edit::MoveEvent { id, lane, time } => events::move_to(b, id, lane, time),
        Edit::DeleteEvent(id) => events::delete(b, id),
        // People and their feelings.
        Edit::AddParticipant { name } => people::add_participant(b, name),
        Edit::UpdateParticipant(p) => people::update_participant(b, p),
        Edit::RemoveParticipant(id) => people::remove_participant(b, id),
        Edit::AddFeeling {
            participant,
            feeling,
        } => people::add_feeling(b, participant, feeling),
        Edit::SetFeelingAt {
            participant,
            time,
            valence,
            emotion,
        } => people::set_feeling_at(b, participant, time, valence, emotion),
        Edit::UpdateFeeling(feeling) => people::update_feeling(b, feeling),
        Edit::MoveFeeling { id, time, valence } => people::move_feeling(b, id, time, valence),
        Edit::DeleteFeeling(id) => people::delete_feeling(b, id),
        Edit::ReplaceLine {
            participant,
            feelings,
        } => people::replace_line(b, participant, feelings),
        Edit::Submit { name, feelings } => people::submit(b, name, feelings),
        Edit::Admit { name, entry, claim } => round::admit(b, name, entry, claim),
        Edit::SetFormKey(key) => round::set_form_key(b, key),
        // Action items.
        Edit::AddAction(item) => actions::add(b, item),
        Edit::UpdateAction(item) => actions::update(b, item),
        Edit::SwapActions(one, other) => actions::swap(b, one, other),
        Edit::DeleteAction(id) => actions::delete(b, id),
        // Insights, and naming.
        Edit::AddInsight(insight) => insights::add(b, insight),
        Edit::UpdateInsight(insight) => insights::update(b, insight),
        Edit::DeleteInsight(id) => insights::delete(b, id),
        Edit::SetNaming(naming) => insights::set_naming(b, naming),
        // The meeting.
        Edit::SetAgenda(agenda) => meeting::set_agenda(b, agenda),
        Edit::StartPhase { index, at } => meeting::start_phase(b, index, at),
        Edit::EndMeeting(at) => meeting::end_meeting(b, at),
        Edit::PauseTimer(at) => meeting::pause_timer(b, at),
        Edit::ResumeTimer(at) => meeting::resume_timer(b, at),
        Edit::ExtendTimer(seconds) => meeting::extend_timer(b, seconds),
        Edit::ReviewCarried {
            index,
            review,
            note,
        } => meeting::review_carried(b, index, review, note),
        Edit::SetVotesPerPerson(n) => meeting::set_votes_per_person(b, n),
        Edit::SetVotes { participant, votes } => meeting::set_votes(b, participant, votes),
        Edit::RevealVotes(revealed) => meeting::reveal_votes(b, revealed),
        // Imports.
        Edit::ImportEvents(events) => import::events(b, events),
        Edit::ImportFeelings(feelings) => import::feelings(b, feelings),
        Edit::ReplaceBoard(new) => import::replace_board(b, *new),
    }
}
