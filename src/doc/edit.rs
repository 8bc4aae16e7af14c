//! Every change to a board, as a value: what the window, a participant's phone or a script asks
//! for. [`apply`] checks an edit against the board and either makes it whole or refuses it with a
//! reason and changes nothing.

use crate::model::meeting::{
    MAX_EXTENSION_SECONDS, MAX_PHASES, MAX_TIMEBOX_MINUTES, MAX_VOTES_PER_PERSON,
};
use crate::model::{
    ActionId, ActionItem, Board, BoardKind, Event, EventId, Feeling, FeelingId, Lane, LaneId,
    Moment, Participant, ParticipantId, Phase, Review, VALENCE_MAX, VALENCE_MIN, Vote, VoteTarget,
    in_supported_years,
};

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
    /// the board does not have yet (ignoring case) is added as a participant first.
    Submit {
        name: String,
        feelings: Vec<NewFeeling>,
    },

    /// Adds an action item; its id is chosen by the board (the one given is ignored).
    AddAction(ActionItem),
    /// An action item's fields (found by its id).
    UpdateAction(ActionItem),
    SwapActions(ActionId, ActionId),
    DeleteAction(ActionId),

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
}

/// What an edit made that the caller may want to select or focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Created {
    Lane(LaneId),
    Event(EventId),
    Participant(ParticipantId),
    Feeling(FeelingId),
    Action(ActionId),
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
            Self::Submit { .. } => "feelings submitted",
            Self::AddAction(_) => "add action item",
            Self::UpdateAction(_) => "action item change",
            Self::SwapActions(..) => "action item order",
            Self::DeleteAction(_) => "delete action item",
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
        )
    }

    /// What this edit does to `board`, naming what it changes: `move “Rollback to v4.17”`.
    pub fn describe(&self, board: &Board) -> String {
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
        let what = match self {
            Self::AddEvent { title, .. } => Some(quoted(title)),
            Self::UpdateEvent(e) => event(e.id),
            Self::MoveEvent { id, .. } | Self::DeleteEvent(id) => event(*id),
            Self::AddLane { name } | Self::AddParticipant { name } | Self::Submit { name, .. } => {
                Some(quoted(name))
            }
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
        };
        match what {
            Some(what) => format!("{} {what}", self.label()),
            None => self.label().to_owned(),
        }
    }
}

fn short_text(what: &str, text: &str) -> Result<(), String> {
    text_limit(what, text, MAX_SHORT_TEXT)
}

fn long_text(what: &str, text: &str) -> Result<(), String> {
    text_limit(what, text, MAX_LONG_TEXT)
}

fn text_limit(what: &str, text: &str, max: usize) -> Result<(), String> {
    // Counting stops at the limit: a huge text costs no more than a long one.
    if text.chars().nth(max).is_some() {
        return Err(format!("the {what} is longer than {max} characters"));
    }
    Ok(())
}

fn valence(v: f64) -> Result<f64, String> {
    if v.is_finite() && (VALENCE_MIN..=VALENCE_MAX).contains(&v) {
        Ok(v)
    } else {
        Err(format!("a valence must be from −5 to 5, not {v}"))
    }
}

fn moment(m: Moment) -> Result<Moment, String> {
    if in_supported_years(m) {
        Ok(m)
    } else {
        Err("a time must lie between the years 1900 and 2200".to_owned())
    }
}

fn room(what: &str, len: usize, max: usize) -> Result<(), String> {
    if len >= max {
        return Err(format!("a board holds at most {max} {what}"));
    }
    Ok(())
}

fn new_feeling(f: &NewFeeling) -> Result<(), String> {
    valence(f.valence)?;
    moment(f.time)?;
    short_text("emotion word", &f.emotion)?;
    long_text("note", &f.note)
}

fn lane_exists(board: &Board, lane: LaneId) -> Result<(), String> {
    board
        .lane(lane)
        .map(|_| ())
        .ok_or_else(|| format!("there is no lane {lane}"))
}

fn participant_exists(board: &Board, id: ParticipantId) -> Result<(), String> {
    board
        .participant(id)
        .map(|_| ())
        .ok_or_else(|| format!("there is no participant {id}"))
}

fn index_of<T>(items: &[T], found: impl Fn(&T) -> bool, what: &str) -> Result<usize, String> {
    items
        .iter()
        .position(found)
        .ok_or_else(|| format!("there is no such {what}"))
}

/// Checks `edit` against `board` and, if it is valid, makes it. An invalid edit changes nothing
/// and says why.
pub fn apply(board: &mut Board, edit: Edit) -> Result<Applied, String> {
    let removes = matches!(
        edit,
        Edit::DeleteEvent(_) | Edit::RemoveLane { .. } | Edit::RemoveParticipant(_)
    );
    let out = apply_edit(board, edit)?;
    if removes {
        drop_dangling_votes(board);
    }
    Ok(out)
}

fn apply_edit(board: &mut Board, edit: Edit) -> Result<Applied, String> {
    let mut out = Applied::default();
    match edit {
        Edit::SetTitle(title) => {
            short_text("title", &title)?;
            out.changed |= board.title != title;
            board.title = title;
        }
        Edit::SetKind(kind) => {
            out.changed |= board.kind != kind;
            board.kind = kind;
        }
        Edit::SetSafetyStatement(text) => {
            long_text("safety statement", &text)?;
            out.changed |= board.safety.statement != text;
            board.safety.statement = text;
        }
        Edit::MarkSafetyShown(at) => {
            moment(at)?;
            out.changed |= board.safety.shown_at != Some(at);
            board.safety.shown_at = Some(at);
        }
        Edit::SetNeutralBand(theta) => {
            if !(theta.is_finite() && (0.0..=VALENCE_MAX).contains(&theta)) {
                return Err(format!("the neutral band must be from 0 to 5, not {theta}"));
            }
            out.changed |= board.settings.neutral_band != theta;
            out.feelings_changed = out.changed;
            board.settings.neutral_band = theta;
        }
        Edit::SetOffset(offset) => {
            let seconds = Some(offset.seconds());
            out.changed |= board.settings.utc_offset_seconds != seconds;
            board.settings.utc_offset_seconds = seconds;
        }
        Edit::AddLane { name } => {
            short_text("lane name", &name)?;
            room("lanes", board.lanes.len(), MAX_ITEMS)?;
            let id = board.add_lane(name);
            out.changed |= true;
            out.created = Some(Created::Lane(id));
        }
        Edit::UpdateLane(lane) => {
            short_text("lane name", &lane.name)?;
            let i = index_of(&board.lanes, |l| l.id == lane.id, "lane")?;
            out.changed |= board.lanes[i] != lane;
            board.lanes[i] = lane;
        }
        Edit::SwapLanes(a, b) => {
            let i = index_of(&board.lanes, |l| l.id == a, "lane")?;
            let j = index_of(&board.lanes, |l| l.id == b, "lane")?;
            out.changed |= i != j;
            board.lanes.swap(i, j);
        }
        Edit::RemoveLane { lane, move_to } => {
            lane_exists(board, lane)?;
            if board.lanes.len() < 2 {
                return Err("the last lane cannot be removed".to_owned());
            }
            match move_to {
                Some(to) if to == lane => {
                    return Err("a lane's events cannot move to the lane itself".to_owned());
                }
                Some(to) => {
                    lane_exists(board, to)?;
                    for e in board.events.iter_mut().filter(|e| e.lane == lane) {
                        e.lane = to;
                    }
                }
                None => {
                    let gone: Vec<EventId> = board
                        .events
                        .iter()
                        .filter(|e| e.lane == lane)
                        .map(|e| e.id)
                        .collect();
                    board.events.retain(|e| e.lane != lane);
                    unlink_events(board, &gone);
                }
            }
            board.lanes.retain(|l| l.id != lane);
            out.changed |= true;
        }
        Edit::AddEvent {
            time,
            title,
            lane,
            notes,
        } => {
            moment(time)?;
            short_text("title", &title)?;
            long_text("notes", &notes)?;
            lane_exists(board, lane)?;
            room("events", board.events.len(), MAX_ITEMS)?;
            let id = board.add_event(time, title, lane, notes);
            out.changed |= true;
            out.created = Some(Created::Event(id));
        }
        Edit::UpdateEvent(event) => {
            moment(event.time)?;
            short_text("title", &event.title)?;
            long_text("notes", &event.notes)?;
            lane_exists(board, event.lane)?;
            let i = index_of(&board.events, |e| e.id == event.id, "event")?;
            out.changed |= board.events[i] != event;
            board.events[i] = event;
        }
        Edit::MoveEvent { id, lane, time } => {
            moment(time)?;
            lane_exists(board, lane)?;
            let i = index_of(&board.events, |e| e.id == id, "event")?;
            let e = &mut board.events[i];
            out.changed |= e.lane != lane || e.time != time;
            e.lane = lane;
            e.time = time;
        }
        Edit::DeleteEvent(id) => {
            let i = index_of(&board.events, |e| e.id == id, "event")?;
            board.events.remove(i);
            unlink_events(board, &[id]);
            out.changed |= true;
        }
        Edit::AddParticipant { name } => {
            short_text("name", &name)?;
            if !crate::io::inert::has_visible(&name) {
                return Err("a participant needs a name with something visible in it".to_owned());
            }
            room("participants", board.participants.len(), MAX_PARTICIPANTS)?;
            let id = board.add_participant(name);
            out.changed |= true;
            out.created = Some(Created::Participant(id));
        }
        Edit::UpdateParticipant(p) => {
            // A name being retyped may be empty for a moment: only a new one must show.
            short_text("name", &p.name)?;
            let i = index_of(&board.participants, |q| q.id == p.id, "participant")?;
            out.changed |= board.participants[i] != p;
            board.participants[i] = p;
        }
        Edit::RemoveParticipant(id) => {
            participant_exists(board, id)?;
            board.remove_participant(id);
            out.changed |= true;
            out.feelings_changed = true;
        }
        Edit::AddFeeling {
            participant,
            feeling,
        } => {
            new_feeling(&feeling)?;
            participant_exists(board, participant)?;
            room("feelings", board.feelings.len(), MAX_ITEMS)?;
            let id = board.add_feeling(
                participant,
                feeling.time,
                feeling.valence,
                feeling.emotion,
                feeling.note,
            );
            out.changed |= true;
            out.feelings_changed = true;
            out.created = Some(Created::Feeling(id));
        }
        Edit::SetFeelingAt {
            participant,
            time,
            valence: v,
            emotion,
        } => {
            valence(v)?;
            moment(time)?;
            if let Some(word) = &emotion {
                short_text("emotion word", word)?;
            }
            participant_exists(board, participant)?;
            let before = board
                .feeling_at(participant, time)
                .map(|f| (f.valence, f.emotion.clone()));
            if before.is_none() {
                room("feelings", board.feelings.len(), MAX_ITEMS)?;
            }
            board.set_feeling_at(participant, time, v);
            if let Some(word) = emotion
                && let Some(f) = board.feelings.iter_mut().rev().find(|f| {
                    f.participant == participant && f.time.unix_nanos() == time.unix_nanos()
                })
            {
                f.emotion = word;
            }
            let after = board
                .feeling_at(participant, time)
                .map(|f| (f.valence, f.emotion.clone()));
            out.changed |= before != after;
            out.feelings_changed = out.changed;
        }
        Edit::UpdateFeeling(feeling) => {
            valence(feeling.valence)?;
            moment(feeling.time)?;
            short_text("emotion word", &feeling.emotion)?;
            long_text("note", &feeling.note)?;
            participant_exists(board, feeling.participant)?;
            let i = index_of(&board.feelings, |f| f.id == feeling.id, "feeling")?;
            out.changed |= board.feelings[i] != feeling;
            out.feelings_changed = out.changed;
            board.feelings[i] = feeling;
        }
        Edit::MoveFeeling {
            id,
            time,
            valence: v,
        } => {
            valence(v)?;
            moment(time)?;
            let i = index_of(&board.feelings, |f| f.id == id, "feeling")?;
            let f = &mut board.feelings[i];
            out.changed |= f.time != time || f.valence != v;
            out.feelings_changed = out.changed;
            f.time = time;
            f.valence = v;
        }
        Edit::DeleteFeeling(id) => {
            let i = index_of(&board.feelings, |f| f.id == id, "feeling")?;
            board.feelings.remove(i);
            out.changed |= true;
            out.feelings_changed = true;
        }
        Edit::Submit { name, feelings } => {
            for f in &feelings {
                new_feeling(f)?;
            }
            let name = name.trim().to_owned();
            let participant = match board.participant_named(&name) {
                Some(p) => p.id,
                None => {
                    short_text("name", &name)?;
                    if name.is_empty() {
                        return Err("a participant needs a name".to_owned());
                    }
                    room("participants", board.participants.len(), MAX_PARTICIPANTS)?;
                    room(
                        "feelings",
                        board.feelings.len() + feelings.len(),
                        MAX_ITEMS + 1,
                    )?;
                    let id = board.add_participant(name);
                    out.created = Some(Created::Participant(id));
                    out.changed = true;
                    id
                }
            };
            return replace_line(board, participant, feelings, out);
        }
        Edit::ReplaceLine {
            participant,
            feelings,
        } => {
            participant_exists(board, participant)?;
            return replace_line(board, participant, feelings, out);
        }
        Edit::AddAction(mut item) => {
            action_fields(board, &item)?;
            room("action items", board.action_items.len(), MAX_ITEMS)?;
            item.id = board.next_action_id();
            out.created = Some(Created::Action(item.id));
            board.action_items.push(item);
            out.changed |= true;
        }
        Edit::UpdateAction(item) => {
            action_fields(board, &item)?;
            let i = index_of(&board.action_items, |a| a.id == item.id, "action item")?;
            out.changed |= board.action_items[i] != item;
            board.action_items[i] = item;
        }
        Edit::SwapActions(a, b) => {
            let i = index_of(&board.action_items, |x| x.id == a, "action item")?;
            let j = index_of(&board.action_items, |x| x.id == b, "action item")?;
            out.changed |= i != j;
            board.action_items.swap(i, j);
        }
        Edit::DeleteAction(id) => {
            let i = index_of(&board.action_items, |x| x.id == id, "action item")?;
            board.action_items.remove(i);
            out.changed |= true;
        }
        Edit::SetAgenda(agenda) => {
            if agenda.len() > MAX_PHASES {
                return Err(format!("an agenda holds at most {MAX_PHASES} phases"));
            }
            for phase in &agenda {
                short_text("phase name", &phase.name)?;
                if !(1..=MAX_TIMEBOX_MINUTES).contains(&phase.timebox_minutes) {
                    return Err(format!(
                        "a timebox is 1 to {MAX_TIMEBOX_MINUTES} minutes, not {}",
                        phase.timebox_minutes
                    ));
                }
                for m in [phase.started, phase.ended, phase.paused_at]
                    .into_iter()
                    .flatten()
                {
                    moment(m)?;
                }
            }
            if agenda.iter().filter(|p| p.is_running()).count() > 1 {
                return Err("only one phase can be under way".to_owned());
            }
            out.changed |= board.agenda != agenda;
            board.agenda = agenda;
        }
        Edit::StartPhase { index, at } => {
            moment(at)?;
            if index >= board.agenda.len() {
                return Err(format!("the agenda has no phase {}", index + 1));
            }
            for phase in board.agenda.iter_mut().filter(|p| p.is_running()) {
                leave(phase, at);
            }
            let phase = &mut board.agenda[index];
            phase.started = Some(at);
            phase.ended = None;
            phase.paused_at = None;
            phase.paused_seconds = 0;
            phase.extended_seconds = 0;
            out.changed = true;
        }
        Edit::EndMeeting(at) => {
            moment(at)?;
            for phase in board.agenda.iter_mut().filter(|p| p.is_running()) {
                leave(phase, at);
                out.changed = true;
            }
        }
        Edit::PauseTimer(at) => {
            moment(at)?;
            let phase = running(board)?;
            if phase.paused_at.is_none() {
                phase.paused_at = Some(at);
                out.changed = true;
            }
        }
        Edit::ResumeTimer(at) => {
            moment(at)?;
            let phase = running(board)?;
            if let Some(paused) = phase.paused_at.take() {
                add_pause(phase, paused, at);
                out.changed = true;
            }
        }
        Edit::ExtendTimer(seconds) => {
            let phase = running(board)?;
            let extended = phase.extended_seconds.saturating_add(seconds);
            if extended > MAX_EXTENSION_SECONDS {
                return Err(format!(
                    "a phase is extended by at most {} minutes",
                    MAX_EXTENSION_SECONDS / 60
                ));
            }
            out.changed |= seconds > 0;
            phase.extended_seconds = extended;
        }
        Edit::ReviewCarried {
            index,
            review,
            note,
        } => {
            long_text("review note", &note)?;
            let carried = board
                .carried
                .get_mut(index)
                .ok_or("there is no such carried action item")?;
            out.changed |= carried.review != review || carried.note != note;
            carried.review = review;
            carried.note = note;
        }
        Edit::SetVotesPerPerson(n) => {
            if n > MAX_VOTES_PER_PERSON {
                return Err(format!("a person has at most {MAX_VOTES_PER_PERSON} votes"));
            }
            // Nobody keeps more dots than they now have.
            let mut over: std::collections::HashMap<ParticipantId, u32> = Default::default();
            for v in &board.voting.votes {
                *over.entry(v.participant).or_default() += v.dots;
            }
            if over.values().any(|&spent| spent > n) {
                return Err(format!(
                    "someone has already spent more than {n} votes; take some back first"
                ));
            }
            out.changed |= board.voting.per_person != n;
            board.voting.per_person = n;
        }
        Edit::SetVotes { participant, votes } => {
            participant_exists(board, participant)?;
            let mut total: u64 = 0;
            let mut seen = std::collections::HashSet::new();
            for &(target, dots) in &votes {
                match target {
                    VoteTarget::Event(id) => {
                        index_of(&board.events, |e| e.id == id, "event")?;
                    }
                    VoteTarget::Divergence(m) => {
                        moment(m)?;
                    }
                }
                let key = match target {
                    VoteTarget::Event(id) => (0, i128::from(id.0)),
                    VoteTarget::Divergence(m) => (1, m.unix_nanos()),
                };
                if !seen.insert(key) {
                    return Err("each event or divergence is voted on once".to_owned());
                }
                total += u64::from(dots);
            }
            if total > u64::from(board.voting.per_person) {
                return Err(format!(
                    "that is {total} votes; each person has {}",
                    board.voting.per_person
                ));
            }
            let mine: Vec<Vote> = votes
                .into_iter()
                .filter(|&(_, dots)| dots > 0)
                .map(|(target, dots)| Vote {
                    participant,
                    target,
                    dots,
                })
                .collect();
            let before: Vec<&Vote> = board
                .voting
                .votes
                .iter()
                .filter(|v| v.participant == participant)
                .collect();
            out.changed |=
                before.len() != mine.len() || before.iter().zip(&mine).any(|(a, b)| *a != b);
            board.voting.votes.retain(|v| v.participant != participant);
            board.voting.votes.extend(mine);
        }
        Edit::RevealVotes(revealed) => {
            out.changed |= board.voting.revealed != revealed;
            board.voting.revealed = revealed;
        }
        Edit::ImportEvents(events) => {
            for e in &events {
                moment(e.time)?;
                short_text("title", &e.title)?;
                short_text("lane name", &e.lane)?;
                long_text("notes", &e.notes)?;
            }
            if board.events.len().saturating_add(events.len()) > MAX_ITEMS {
                return Err(format!("a board holds at most {MAX_ITEMS} events"));
            }
            let mut lanes: std::collections::HashMap<String, LaneId> = board
                .lanes
                .iter()
                .rev()
                .map(|l| (l.name.trim().to_lowercase(), l.id))
                .collect();
            let new_lanes = events
                .iter()
                .map(|e| e.lane.trim().to_lowercase())
                .filter(|l| !l.is_empty() && !lanes.contains_key(l))
                .collect::<std::collections::HashSet<_>>()
                .len();
            room(
                "lanes",
                board.lanes.len() + new_lanes.saturating_sub(1),
                MAX_ITEMS,
            )?;
            let mut next = board.events.iter().map(|e| e.id.0).max().unwrap_or(0);
            // Checked before anything changes: an import is made whole or not at all.
            if u32::try_from(events.len())
                .ok()
                .and_then(|n| next.checked_add(n))
                .is_none()
            {
                return Err("the board has run out of event ids; nothing was imported".to_owned());
            }
            for e in events {
                let key = e.lane.trim().to_lowercase();
                let lane = match lanes.get(&key) {
                    Some(&id) => id,
                    None if key.is_empty() => match board.lanes.first() {
                        Some(l) => l.id,
                        None => board.add_lane("Technical"),
                    },
                    None => {
                        let id = board.add_lane(e.lane.trim().to_owned());
                        lanes.insert(key, id);
                        id
                    }
                };
                next += 1;
                board.events.push(Event {
                    id: EventId(next),
                    time: e.time,
                    title: e.title,
                    notes: e.notes,
                    lane,
                });
                out.changed = true;
            }
        }
        Edit::ReplaceBoard(new) => {
            if let Some(problem) = new.problems().first() {
                return Err(problem.message.clone());
            }
            out.changed |= *board != *new;
            out.feelings_changed = out.changed;
            *board = *new;
        }
    }
    Ok(out)
}

/// The phase under way, or why there is none.
fn running(board: &mut Board) -> Result<&mut Phase, String> {
    board
        .agenda
        .iter_mut()
        .find(|p| p.is_running())
        .ok_or_else(|| "no phase is under way".to_owned())
}

/// Leaves `phase` at `at`, ending a pause under way.
fn leave(phase: &mut Phase, at: Moment) {
    if let Some(paused) = phase.paused_at.take() {
        add_pause(phase, paused, at);
    }
    phase.ended = Some(at);
}

fn add_pause(phase: &mut Phase, from: Moment, to: Moment) {
    let seconds = crate::model::meeting::seconds_between(from, to).max(0.0);
    phase.paused_seconds = phase
        .paused_seconds
        .saturating_add(seconds.min(f64::from(u32::MAX)) as u32);
}

/// Votes on what the board no longer has (a deleted event, a removed participant) go with it.
fn drop_dangling_votes(board: &mut Board) {
    if board.voting.votes.is_empty() {
        return;
    }
    let events: std::collections::HashSet<EventId> = board.events.iter().map(|e| e.id).collect();
    let people: std::collections::HashSet<ParticipantId> =
        board.participants.iter().map(|p| p.id).collect();
    board.voting.votes.retain(|v| {
        people.contains(&v.participant)
            && match v.target {
                VoteTarget::Event(id) => events.contains(&id),
                VoteTarget::Divergence(_) => true,
            }
    });
}

/// Replaces `participant`'s feelings by `feelings` (already checked), keeping the others.
fn replace_line(
    board: &mut Board,
    participant: ParticipantId,
    feelings: Vec<NewFeeling>,
    mut out: Applied,
) -> Result<Applied, String> {
    for f in &feelings {
        new_feeling(f)?;
    }
    let kept = board
        .feelings
        .iter()
        .filter(|f| f.participant != participant)
        .count();
    room("feelings", kept + feelings.len(), MAX_ITEMS + 1)?;
    let before: Vec<Feeling> = board
        .feelings
        .iter()
        .filter(|f| f.participant == participant)
        .cloned()
        .collect();
    let same = before.len() == feelings.len()
        && before.iter().zip(&feelings).all(|(a, b)| {
            a.time == b.time && a.valence == b.valence && a.emotion == b.emotion && a.note == b.note
        });
    if !same {
        board.feelings.retain(|f| f.participant != participant);
        for f in feelings {
            board.add_feeling(participant, f.time, f.valence, f.emotion, f.note);
        }
        out.changed |= true;
        out.feelings_changed = true;
    }
    Ok(out)
}

fn action_fields(board: &Board, item: &ActionItem) -> Result<(), String> {
    long_text("action item", &item.text)?;
    short_text("owner", &item.owner)?;
    long_text("done-when measure", &item.done_when)?;
    if item.links.len() > 1_000 {
        return Err("an action item links at most 1000 things".to_owned());
    }
    for link in &item.links {
        match link {
            crate::model::Link::Event(id) => {
                index_of(&board.events, |e| e.id == *id, "event")?;
            }
            crate::model::Link::Divergence(at) => {
                moment(*at)?;
            }
        }
    }
    Ok(())
}

/// Action items no longer link to events that are gone, so the board stays sound.
fn unlink_events(board: &mut Board, gone: &[EventId]) {
    if gone.is_empty() {
        return;
    }
    let gone: std::collections::HashSet<EventId> = gone.iter().copied().collect();
    for item in &mut board.action_items {
        item.links
            .retain(|l| !matches!(l, crate::model::Link::Event(id) if gone.contains(id)));
    }
}
