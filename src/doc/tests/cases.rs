//! The edits the tests try, by domain: valid ones (each changes the sample board) and invalid
//! ones (each is refused and changes nothing).

use super::*;
use crate::model::{
    ActionId, ActionItem, BoardKind, EventId, FeelingId, LaneId, Link, ParticipantId,
};

/// One valid edit of every kind (some kinds more than once), for the sample board `b`.
pub(super) fn valid_edits(b: &Board) -> Vec<Edit> {
    [
        valid_board_edits(b),
        valid_event_edits(b),
        valid_people_edits(b),
        valid_action_edits(b),
        valid_meeting_edits(b),
        valid_import_edits(b),
    ]
    .concat()
}

/// Edits the sample board refuses, tried one after another on the same board.
pub(super) fn invalid_edits(board: &Board) -> Vec<Edit> {
    [
        invalid_board_edits(board),
        invalid_event_edits(board),
        invalid_people_edits(board),
        invalid_action_edits(board),
        invalid_meeting_edits(board),
        invalid_import_edits(board),
    ]
    .concat()
}

/// Valid edits of the board as a whole and its lanes.
fn valid_board_edits(b: &Board) -> Vec<Edit> {
    let (l1, l2) = (b.lanes[0].id, b.lanes[1].id);
    let mut lane = b.lanes[0].clone();
    lane.name = "Systems".into();
    vec![
        Edit::SetTitle("Checkout outage".into()),
        Edit::SetKind(BoardKind::Sprint),
        Edit::SetSafetyStatement("We learn, we do not blame.".into()),
        Edit::MarkSafetyShown(at("2026-03-20T10:00:00Z")),
        Edit::SetNeutralBand(2.5),
        Edit::SetOffset(jiff::tz::Offset::from_hours(-5).expect("offset")),
        Edit::AddLane {
            name: "Customers".into(),
        },
        Edit::UpdateLane(lane),
        Edit::SwapLanes(l1, l2),
        Edit::RemoveLane {
            lane: l1,
            move_to: Some(l2),
        },
        Edit::RemoveLane {
            lane: l1,
            move_to: None,
        },
    ]
}

/// Invalid edits of the board as a whole and its lanes.
fn invalid_board_edits(board: &Board) -> Vec<Edit> {
    let long = "x".repeat(edit::MAX_SHORT_TEXT + 1);
    let mut bad_lane = board.lanes[0].clone();
    bad_lane.id = LaneId(99);
    vec![
        Edit::SetTitle(long.clone()),
        Edit::SetNeutralBand(f64::NAN),
        Edit::SetNeutralBand(-1.0),
        // A board file holds a band above 0 only.
        Edit::SetNeutralBand(0.0),
        Edit::UpdateLane(bad_lane),
        Edit::SwapLanes(LaneId(1), LaneId(99)),
        Edit::RemoveLane {
            lane: LaneId(1),
            move_to: Some(LaneId(1)),
        },
    ]
}

/// Valid edits of events.
fn valid_event_edits(b: &Board) -> Vec<Edit> {
    let l2 = b.lanes[1].id;
    let mut event = b.events[0].clone();
    event.title = "Alert fired late".into();
    vec![
        Edit::AddEvent {
            time: at("2026-03-14T03:00:00+01:00"),
            title: "All clear".into(),
            lane: l2,
            notes: "from the status page".into(),
        },
        Edit::UpdateEvent(event),
        Edit::MoveEvent {
            id: EventId(1),
            lane: l2,
            time: at("2026-03-14T02:10:00+01:00"),
        },
        Edit::DeleteEvent(EventId(1)),
    ]
}

/// Invalid edits of events.
fn invalid_event_edits(_board: &Board) -> Vec<Edit> {
    vec![
        Edit::AddEvent {
            time: at("2026-03-14T03:00:00Z"),
            title: "x".into(),
            lane: LaneId(99),
            notes: String::new(),
        },
        Edit::AddEvent {
            time: at("2299-01-01T00:00:00Z"),
            title: "x".into(),
            lane: LaneId(1),
            notes: String::new(),
        },
        Edit::MoveEvent {
            id: EventId(42),
            lane: LaneId(1),
            time: at("2026-03-14T03:00:00Z"),
        },
        Edit::DeleteEvent(EventId(42)),
    ]
}

/// Valid edits of people and their feelings.
fn valid_people_edits(b: &Board) -> Vec<Edit> {
    let mut person = b.participants[0].clone();
    person.hidden = true;
    let mut f = b.feelings[0].clone();
    f.emotion = "relieved".into();
    vec![
        Edit::AddParticipant {
            name: "Cleo".into(),
        },
        Edit::UpdateParticipant(person),
        Edit::RemoveParticipant(ParticipantId(2)),
        Edit::AddFeeling {
            participant: ParticipantId(1),
            feeling: feeling("2026-03-14T02:15:00+01:00", -1.5),
        },
        Edit::SetFeelingAt {
            participant: ParticipantId(2),
            time: at("2026-03-14T02:00:00+01:00"),
            valence: 5.0,
            emotion: None,
        },
        Edit::UpdateFeeling(f),
        Edit::MoveFeeling {
            id: FeelingId(1),
            time: at("2026-03-14T02:05:00+01:00"),
            valence: 0.5,
        },
        Edit::DeleteFeeling(FeelingId(3)),
        Edit::ReplaceLine {
            participant: ParticipantId(2),
            feelings: vec![feeling("2026-03-14T02:00:00+01:00", 4.0)],
        },
        Edit::Submit {
            name: "ben".into(),
            feelings: vec![feeling("2026-03-14T02:10:00+01:00", 2.5)],
        },
        Edit::Submit {
            name: "Dana".into(),
            feelings: vec![
                feeling("2026-03-14T02:00:00+01:00", -4.0),
                feeling("2026-03-14T02:30:00+01:00", -1.0),
            ],
        },
        Edit::Admit {
            name: "Eli".into(),
            entry: crate::doc::Entry::Line(vec![feeling("2026-03-14T02:05:00+01:00", 1.5)].into()),
            claim: "ab".repeat(32),
        },
        Edit::SetFormKey("0f".repeat(32)),
    ]
}

/// Invalid edits of people and their feelings.
fn invalid_people_edits(board: &Board) -> Vec<Edit> {
    let long = "x".repeat(edit::MAX_SHORT_TEXT + 1);
    let mut bad_feeling = board.feelings[0].clone();
    bad_feeling.valence = 7.0;
    vec![
        Edit::AddParticipant { name: "  ".into() },
        Edit::AddParticipant { name: long },
        Edit::RemoveParticipant(ParticipantId(42)),
        Edit::AddFeeling {
            participant: ParticipantId(1),
            feeling: feeling("2026-03-14T02:15:00Z", -5.5),
        },
        Edit::AddFeeling {
            participant: ParticipantId(42),
            feeling: feeling("2026-03-14T02:15:00Z", 1.0),
        },
        Edit::SetFeelingAt {
            participant: ParticipantId(1),
            time: at("2026-03-14T02:15:00Z"),
            valence: f64::INFINITY,
            emotion: None,
        },
        Edit::UpdateFeeling(bad_feeling),
        Edit::MoveFeeling {
            id: FeelingId(1),
            time: at("1800-01-01T00:00:00Z"),
            valence: 1.0,
        },
        Edit::DeleteFeeling(FeelingId(42)),
        Edit::ReplaceLine {
            participant: ParticipantId(1),
            feelings: vec![
                feeling("2026-03-14T02:00:00Z", 1.0),
                feeling("2026-03-14T02:10:00Z", 9.0),
            ],
        },
        Edit::Submit {
            name: "Dana".into(),
            feelings: vec![feeling("2026-03-14T02:10:00Z", 5.5)],
        },
        Edit::Submit {
            name: " ".into(),
            feelings: vec![],
        },
        Edit::Admit {
            name: "Eli".into(),
            entry: crate::doc::Entry::Line(vec![feeling("2026-03-14T02:05:00+01:00", 1.5)].into()),
            claim: "not a hash".into(),
        },
        Edit::Admit {
            name: "Eli".into(),
            entry: crate::doc::Entry::Line(vec![feeling("2026-03-14T02:05:00+01:00", 9.0)].into()),
            claim: "ab".repeat(32),
        },
        Edit::SetFormKey("short".into()),
    ]
}

/// Valid edits of action items.
fn valid_action_edits(b: &Board) -> Vec<Edit> {
    let mut item = b.action_items[0].clone();
    item.owner = "Ana".into();
    vec![
        Edit::AddAction(action(ActionId(0), "Alert on queue depth")),
        Edit::UpdateAction(item),
        Edit::SwapActions(ActionId(1), ActionId(2)),
        Edit::DeleteAction(ActionId(1)),
        Edit::AddInsight(insight(0, "Nobody knew who owned the pager")),
        Edit::UpdateInsight(crate::model::Insight {
            kind: crate::model::InsightKind::Surprised,
            ..insight(1, "The rollback took longer than the fix")
        }),
        Edit::DeleteInsight(crate::model::InsightId(1)),
        Edit::SetNaming(crate::model::Naming {
            until_named: true,
            named_at: None,
        }),
    ]
}

/// An insight with `id` and `text` about the first divergence's span.
fn insight(id: u32, text: &str) -> crate::model::Insight {
    crate::model::Insight {
        id: crate::model::InsightId(id),
        kind: crate::model::InsightKind::Learned,
        text: text.into(),
        at: at("2026-03-14T02:10:00+01:00"),
        until: Some(at("2026-03-14T02:20:00+01:00")),
    }
}

/// Invalid edits of action items.
fn invalid_action_edits(_board: &Board) -> Vec<Edit> {
    vec![
        Edit::UpdateAction(action(ActionId(42), "nothing")),
        Edit::AddAction(ActionItem {
            links: vec![Link::Event(EventId(42))],
            ..action(ActionId(0), "linked to nothing")
        }),
        Edit::SwapActions(ActionId(1), ActionId(42)),
        Edit::DeleteAction(ActionId(42)),
        Edit::UpdateInsight(insight(42, "nothing")),
        Edit::AddInsight(crate::model::Insight {
            until: Some(at("2026-03-14T02:00:00+01:00")),
            ..insight(0, "ends before it starts")
        }),
        Edit::AddInsight(insight(0, &"x".repeat(edit::MAX_LONG_TEXT + 1))),
        Edit::AddAction(ActionItem {
            links: vec![Link::Insight(crate::model::InsightId(42))],
            ..action(ActionId(0), "linked to no insight")
        }),
        Edit::DeleteInsight(crate::model::InsightId(42)),
    ]
}

/// Valid edits of the meeting.
fn valid_meeting_edits(b: &Board) -> Vec<Edit> {
    vec![
        Edit::SetAgenda({
            let mut agenda = b.agenda.clone();
            agenda[0].name = "Check-in".into();
            agenda[0].timebox_minutes = 7;
            agenda.swap(4, 5);
            agenda
        }),
        Edit::StartPhase {
            index: 3,
            at: at("2026-03-20T10:20:00Z"),
        },
        Edit::EndMeeting(at("2026-03-20T11:30:00Z")),
        Edit::PauseTimer(at("2026-03-20T10:06:00Z")),
        Edit::ResumeTimer(at("2026-03-20T10:07:00Z")),
        Edit::ExtendTimer(60),
        Edit::ReviewCarried {
            index: 0,
            review: crate::model::Review::Done,
            note: "in the wiki".into(),
        },
        Edit::SetVotesPerPerson(5),
        Edit::SetVotes {
            participant: ParticipantId(2),
            votes: vec![(
                crate::model::VoteTarget::Divergence(at("2026-03-14T02:15:00+01:00")),
                2,
            )],
        },
        Edit::RevealVotes(true),
        Edit::SetVotes {
            participant: ParticipantId(1),
            votes: vec![
                (crate::model::VoteTarget::Event(EventId(2)), 2),
                (
                    crate::model::VoteTarget::Divergence(at("2026-03-14T02:15:00+01:00")),
                    1,
                ),
            ],
        },
    ]
}

/// Invalid edits of the meeting.
fn invalid_meeting_edits(board: &Board) -> Vec<Edit> {
    vec![
        Edit::SetAgenda({
            let mut agenda = board.agenda.clone();
            agenda[1].timebox_minutes = 0;
            agenda
        }),
        Edit::SetAgenda(vec![
            crate::model::Phase::new(
                crate::model::PhaseKind::Other,
                5
            );
            41
        ]),
        Edit::StartPhase {
            index: 99,
            at: at("2026-03-20T10:20:00Z"),
        },
        Edit::ExtendTimer(u32::MAX),
        Edit::ReviewCarried {
            index: 5,
            review: crate::model::Review::Done,
            note: String::new(),
        },
        // Ana has spent a dot already.
        Edit::SetVotesPerPerson(0),
        Edit::SetVotesPerPerson(1000),
        Edit::SetVotes {
            participant: ParticipantId(42),
            votes: vec![(crate::model::VoteTarget::Event(EventId(1)), 1)],
        },
        Edit::SetVotes {
            participant: ParticipantId(2),
            votes: vec![(crate::model::VoteTarget::Event(EventId(42)), 1)],
        },
        Edit::SetVotes {
            participant: ParticipantId(2),
            votes: vec![(crate::model::VoteTarget::Event(EventId(1)), 4)],
        },
        Edit::SetVotes {
            participant: ParticipantId(2),
            votes: vec![
                (crate::model::VoteTarget::Event(EventId(1)), 1),
                (crate::model::VoteTarget::Event(EventId(1)), 1),
            ],
        },
        Edit::SetVotes {
            participant: ParticipantId(42),
            votes: Vec::new(),
        },
    ]
}

/// Valid edits of imports.
fn valid_import_edits(b: &Board) -> Vec<Edit> {
    let mut other = b.clone();
    other.title = "Another board".into();
    vec![
        Edit::ReplaceBoard(Box::new(other)),
        Edit::ImportEvents(vec![
            edit::ImportedEvent {
                time: at("2026-03-14T02:05:00+01:00"),
                title: "Triggered: checkout 5xx".into(),
                lane: "technical".into(),
                notes: "PagerDuty".into(),
                kind: crate::model::EventKind::Detection,
            },
            edit::ImportedEvent {
                time: at("2026-03-14T02:06:00+01:00"),
                title: "Status page updated".into(),
                lane: "Customers".into(),
                notes: String::new(),
                kind: crate::model::EventKind::None,
            },
        ]),
        Edit::ImportFeelings(vec![
            edit::ImportedFeeling {
                participant: "ana".into(),
                feeling: feeling("2026-03-14T02:45:00+01:00", 1.0),
            },
            edit::ImportedFeeling {
                participant: "Eli".into(),
                feeling: feeling("2026-03-14T02:45:00+01:00", -2.0),
            },
        ]),
    ]
}

/// Invalid edits of imports.
fn invalid_import_edits(board: &Board) -> Vec<Edit> {
    let mut broken = board.clone();
    broken.events[0].lane = LaneId(99);
    vec![
        Edit::ReplaceBoard(Box::new(broken)),
        Edit::ImportEvents(vec![
            edit::ImportedEvent {
                time: at("2026-03-14T02:05:00+01:00"),
                title: "fine".into(),
                lane: "Technical".into(),
                notes: String::new(),
                kind: crate::model::EventKind::None,
            },
            edit::ImportedEvent {
                time: at("2026-03-14T02:05:00+01:00"),
                title: "x".repeat(edit::MAX_SHORT_TEXT + 1),
                lane: "Technical".into(),
                notes: String::new(),
                kind: crate::model::EventKind::None,
            },
        ]),
        Edit::ImportFeelings(vec![
            edit::ImportedFeeling {
                participant: "Eli".into(),
                feeling: feeling("2026-03-14T02:45:00+01:00", 1.0),
            },
            edit::ImportedFeeling {
                participant: "Ana".into(),
                feeling: feeling("2026-03-14T02:45:00+01:00", f64::NAN),
            },
        ]),
        Edit::ImportFeelings(vec![edit::ImportedFeeling {
            participant: "\u{200b}".into(),
            feeling: feeling("2026-03-14T02:45:00+01:00", 1.0),
        }]),
    ]
}
