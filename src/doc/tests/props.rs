//! A property of `Document::apply`: in any sequence of edits, valid or not (unknown ids, a
//! valence out of range or not a number, text past its limit, times outside 1900–2200, too many
//! items, phases that are not there, votes over the limit…), a refused edit leaves the board as
//! saved byte for byte as it was, and the revision as it was.

use proptest::prelude::*;

use super::*;
use crate::model::{
    ActionId, ActionStatus, BoardKind, EventId, Feeling, FeelingId, Lane, LaneId, Link,
    Participant, Phase, PhaseKind, Review, VoteTarget,
};

/// What one edit is made of, drawn at random; [`edit_from`] makes the edit against the board
/// as it is then, so that most ids name something there and some name nothing.
#[derive(Clone, Debug)]
struct Knobs {
    /// Which kind of edit (one number each, in the order of [`edit_from`]).
    variant: usize,
    picks: [u32; 4],
    /// How the valence, time and text are chosen: mostly in range, sometimes not.
    valence: u8,
    time: u8,
    text: u8,
}

fn knobs() -> impl Strategy<Value = Knobs> {
    (
        0..VARIANTS,
        any::<[u32; 4]>(),
        any::<u8>(),
        any::<u8>(),
        any::<u8>(),
    )
        .prop_map(|(variant, picks, valence, time, text)| Knobs {
            variant,
            picks,
            valence,
            time,
            text,
        })
}

fn time_of(kind: u8, pick: u32) -> Moment {
    match kind % 8 {
        0 => at("1800-01-01T00:00:00Z"),
        1 => at("2299-01-01T00:00:00Z"),
        _ => {
            let start = at("2026-03-14T01:00:00+01:00");
            Moment::from_unix_seconds_f64(
                start.unix_seconds_f64() + f64::from(pick % 7_200),
                start.offset(),
            )
            .unwrap_or(start)
        }
    }
}

fn valence_of(kind: u8, pick: u32) -> f64 {
    match kind % 8 {
        0 => f64::NAN,
        1 => f64::INFINITY,
        2 => -5.5,
        3 => 7.0,
        _ => f64::from(pick % 101) / 10.0 - 5.0,
    }
}

fn text_of(kind: u8, pick: u32) -> String {
    match kind % 10 {
        0 => String::new(),
        1 => "  ".to_owned(),
        2 => "x".repeat(edit::MAX_SHORT_TEXT + 1),
        3 => "x".repeat(edit::MAX_LONG_TEXT + 1),
        4 => "\u{200b}".to_owned(),
        _ => ["Rollback", "ana", "Technical", "Customers", "Ben"][pick as usize % 5].to_owned(),
    }
}

/// An id of one of `ids`, or one in five times (or when there are none) an id nothing has.
fn id_of(ids: impl ExactSizeIterator<Item = u32>, pick: u32) -> u32 {
    let ids: Vec<u32> = ids.collect();
    if ids.is_empty() || pick % 5 == 4 {
        900 + pick % 50
    } else {
        ids[pick as usize % ids.len()]
    }
}

/// A place in a list of `len`, or one or two past its end.
fn index_of(len: usize, pick: u32) -> usize {
    pick as usize % (len + 2)
}

/// The edit `k` describes, against `b`.
fn edit_from(b: &Board, k: &Knobs) -> Edit {
    if k.variant < 24 {
        board_or_people_edit(b, k)
    } else {
        meeting_or_import_edit(b, k)
    }
}

/// An edit of the board, its lanes, events or people.
#[allow(unused_variables)]
fn board_or_people_edit(b: &Board, k: &Knobs) -> Edit {
    let [p, q, r, s] = k.picks;
    let lane = |pick| LaneId(id_of(b.lanes.iter().map(|l| l.id.0), pick));
    let event = |pick| EventId(id_of(b.events.iter().map(|e| e.id.0), pick));
    let person = |pick| ParticipantId(id_of(b.participants.iter().map(|x| x.id.0), pick));
    let feeling_id = |pick| FeelingId(id_of(b.feelings.iter().map(|f| f.id.0), pick));
    let action_id = |pick| ActionId(id_of(b.action_items.iter().map(|a| a.id.0), pick));
    let time = time_of(k.time, q);
    let valence = valence_of(k.valence, r);
    let text = text_of(k.text, s);
    let new_feeling = |pick: u32| NewFeeling {
        time: time_of(k.time.wrapping_add(pick as u8), pick),
        valence: valence_of(k.valence.wrapping_add(pick as u8), pick),
        emotion: text_of(k.text.wrapping_add(pick as u8), pick),
        note: String::new(),
    };
    let line = |pick: u32| {
        (0..pick % 4)
            .map(|i| new_feeling(pick + i))
            .collect::<Vec<_>>()
    };
    match k.variant {
        0 => Edit::SetTitle(text),
        1 => Edit::SetKind([BoardKind::Incident, BoardKind::Sprint][p as usize % 2]),
        2 => Edit::SetSafetyStatement(text),
        3 => Edit::MarkSafetyShown(time),
        4 => Edit::SetNeutralBand(valence),
        5 => Edit::SetOffset(
            jiff::tz::Offset::from_hours((p % 25) as i8 - 12).unwrap_or(jiff::tz::Offset::UTC),
        ),
        6 => Edit::AddLane { name: text },
        7 => match b.lanes.get(p as usize % b.lanes.len().max(1)) {
            Some(l) => Edit::UpdateLane(Lane {
                id: lane(q),
                name: text,
                ..l.clone()
            }),
            None => Edit::UpdateLane(Lane {
                id: LaneId(p),
                name: text,
                colour: crate::model::LANE_PALETTE[0],
            }),
        },
        8 => Edit::SwapLanes(lane(p), lane(q)),
        9 => Edit::RemoveLane {
            lane: lane(p),
            move_to: (r % 2 == 0).then(|| lane(q)),
        },
        10 => Edit::AddEvent {
            time,
            title: text,
            lane: lane(p),
            notes: text_of(k.text / 3, r),
        },
        11 => Edit::UpdateEvent(crate::model::Event {
            id: event(p),
            time,
            title: text,
            notes: String::new(),
            lane: lane(q),
            kind: crate::model::EventKind::ALL[q as usize % crate::model::EventKind::ALL.len()],
        }),
        12 => Edit::MoveEvent {
            id: event(p),
            lane: lane(q),
            time,
        },
        13 => Edit::DeleteEvent(event(p)),
        14 => Edit::AddParticipant { name: text },
        15 => match b.participants.get(p as usize % b.participants.len().max(1)) {
            Some(x) => Edit::UpdateParticipant(Participant {
                id: person(q),
                name: text,
                hidden: r % 2 == 0,
                ..x.clone()
            }),
            None => Edit::RemoveParticipant(person(q)),
        },
        16 => Edit::RemoveParticipant(person(p)),
        17 => Edit::AddFeeling {
            participant: person(p),
            feeling: new_feeling(q),
        },
        18 => Edit::SetFeelingAt {
            participant: person(p),
            time,
            valence,
            emotion: (s % 2 == 0).then_some(text),
        },
        19 => Edit::UpdateFeeling(Feeling {
            id: feeling_id(p),
            participant: person(q),
            time,
            valence,
            emotion: text,
            note: String::new(),
        }),
        20 => Edit::MoveFeeling {
            id: feeling_id(p),
            time,
            valence,
        },
        21 => Edit::DeleteFeeling(feeling_id(p)),
        22 => Edit::ReplaceLine {
            participant: person(p),
            feelings: line(q),
        },
        23 => Edit::Submit {
            name: text,
            feelings: line(q),
        },
        _ => unreachable!("only kinds below 24 come here"),
    }
}

/// An edit of the action items or the meeting, an import or a whole board.
#[allow(unused_variables)]
fn meeting_or_import_edit(b: &Board, k: &Knobs) -> Edit {
    let [p, q, r, s] = k.picks;
    let lane = |pick| LaneId(id_of(b.lanes.iter().map(|l| l.id.0), pick));
    let event = |pick| EventId(id_of(b.events.iter().map(|e| e.id.0), pick));
    let person = |pick| ParticipantId(id_of(b.participants.iter().map(|x| x.id.0), pick));
    let feeling_id = |pick| FeelingId(id_of(b.feelings.iter().map(|f| f.id.0), pick));
    let action_id = |pick| ActionId(id_of(b.action_items.iter().map(|a| a.id.0), pick));
    let time = time_of(k.time, q);
    let valence = valence_of(k.valence, r);
    let text = text_of(k.text, s);
    let new_feeling = |pick: u32| NewFeeling {
        time: time_of(k.time.wrapping_add(pick as u8), pick),
        valence: valence_of(k.valence.wrapping_add(pick as u8), pick),
        emotion: text_of(k.text.wrapping_add(pick as u8), pick),
        note: String::new(),
    };
    let line = |pick: u32| {
        (0..pick % 4)
            .map(|i| new_feeling(pick + i))
            .collect::<Vec<_>>()
    };
    match k.variant {
        24 => Edit::AddAction(action_item(b, ActionId(0), text, p, q)),
        25 => Edit::UpdateAction(action_item(b, action_id(p), text, q, r)),
        26 => Edit::SwapActions(action_id(p), action_id(q)),
        27 => Edit::DeleteAction(action_id(p)),
        28 => Edit::SetAgenda(agenda(b, text, p, q)),
        29 => Edit::StartPhase {
            index: index_of(b.agenda.len(), p),
            at: time,
        },
        30 => Edit::EndMeeting(time),
        31 => Edit::PauseTimer(time),
        32 => Edit::ResumeTimer(time),
        33 => Edit::ExtendTimer([0, 60, 3_600, u32::MAX][p as usize % 4]),
        34 => Edit::ReviewCarried {
            index: index_of(b.carried.len(), p),
            review: [Review::Done, Review::StillOpen, Review::ToReview][q as usize % 3],
            note: text,
        },
        35 => Edit::SetVotesPerPerson([0, 1, 3, 5, 1_000][p as usize % 5]),
        36 => Edit::SetVotes {
            participant: person(p),
            votes: (0..q % 4)
                .map(|i| {
                    let target = if (r + i) % 3 == 0 {
                        VoteTarget::Divergence(time_of(k.time.wrapping_add(i as u8), r + i))
                    } else {
                        VoteTarget::Event(event(r.wrapping_add(i)))
                    };
                    (target, (s + i) % 4)
                })
                .collect(),
        },
        37 => Edit::RevealVotes(p % 2 == 0),
        38 => Edit::ImportEvents(
            (0..p % 4)
                .map(|i| edit::ImportedEvent {
                    time: time_of(k.time.wrapping_add(i as u8), q + i),
                    title: text_of(k.text.wrapping_add(i as u8), r),
                    lane: text_of(k.text.wrapping_add(i as u8 * 3), s + i),
                    notes: String::new(),
                    kind: crate::model::EventKind::None,
                })
                .collect(),
        ),
        39 => Edit::ImportFeelings(
            (0..p % 4)
                .map(|i| edit::ImportedFeeling {
                    participant: text_of(k.text.wrapping_add(i as u8), r + i),
                    feeling: new_feeling(q + i),
                })
                .collect(),
        ),
        41 => Edit::Admit {
            name: text,
            entry: if p % 2 == 0 {
                edit::Entry::Line(line(q).into())
            } else {
                edit::Entry::Votes(vec![(crate::model::VoteTarget::Event(event(q)), r % 4)])
            },
            claim: if s % 3 == 0 {
                "no hash".to_owned()
            } else {
                format!("{:064x}", u64::from(s))
            },
        },
        42 => Edit::SetFormKey(if p % 3 == 0 {
            "short".to_owned()
        } else {
            format!("{:064x}", u64::from(p))
        }),
        43 | 44 => {
            let insight = crate::model::Insight {
                id: crate::model::InsightId(id_of(b.insights.iter().map(|i| i.id.0), p)),
                kind: crate::model::InsightKind::ALL[q as usize % 3],
                text,
                at: time,
                until: (r % 3 != 0).then(|| time_of(k.time.wrapping_add(r as u8), s)),
            };
            if k.variant == 43 {
                Edit::AddInsight(insight)
            } else {
                Edit::UpdateInsight(insight)
            }
        }
        45 => Edit::DeleteInsight(crate::model::InsightId(id_of(
            b.insights.iter().map(|i| i.id.0),
            p,
        ))),
        46 => Edit::SetNaming(crate::model::Naming {
            until_named: p % 2 == 0,
            named_at: (q % 2 == 0).then_some(time),
        }),
        _ => {
            let mut other = b.clone();
            other.title = text;
            match p % 3 {
                0 => other.format_version += 1,
                1 => other.settings.neutral_band = valence,
                _ => {}
            }
            Edit::ReplaceBoard(Box::new(other))
        }
    }
}

/// An action item with `text`, linked to an event (maybe gone), a moment or many things.
fn action_item(b: &Board, id: ActionId, text: String, p: u32, q: u32) -> ActionItem {
    let links = match p % 4 {
        0 => Vec::new(),
        1 => vec![Link::Event(EventId(id_of(
            b.events.iter().map(|e| e.id.0),
            q,
        )))],
        2 => vec![Link::Divergence(time_of(q as u8, q))],
        _ => vec![Link::Divergence(time_of(2, q)); 1_001],
    };
    ActionItem {
        id,
        text,
        owner: String::new(),
        due: None,
        done_when: String::new(),
        status: ActionStatus::Open,
        links,
    }
}

/// The board's agenda with one phase renamed and retimed, or too many phases, or two under way.
fn agenda(b: &Board, name: String, p: u32, q: u32) -> Vec<Phase> {
    match p % 4 {
        0 => vec![Phase::new(PhaseKind::Other, 5); 41],
        1 => {
            let mut agenda = b.agenda.clone();
            for phase in agenda.iter_mut().take(2) {
                phase.started = Some(at("2026-03-20T10:00:00Z"));
                phase.ended = None;
            }
            agenda
        }
        _ => {
            let mut agenda = b.agenda.clone();
            if let Some(phase) = agenda.first_mut() {
                phase.name = name;
                phase.timebox_minutes = q % 200;
            }
            agenda
        }
    }
}

#[test]
fn the_generator_makes_every_kind_of_edit() {
    let board = sample();
    let mut covered = [false; VARIANTS];
    for v in 0..VARIANTS {
        let k = Knobs {
            variant: v,
            picks: [0, 1, 2, 3],
            valence: 5,
            time: 5,
            text: 5,
        };
        covered[variant(&edit_from(&board, &k))] = true;
    }
    let missing: Vec<usize> = (0..VARIANTS).filter(|&i| !covered[i]).collect();
    assert!(missing.is_empty(), "variants never generated: {missing:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever edits come, a refused one changes nothing: not the board as saved, not the
    /// revision, not the undo history; an accepted one keeps the board sound.
    #[test]
    fn a_refused_edit_leaves_the_saved_board_byte_for_byte(
        steps in prop::collection::vec((knobs(), any::<bool>()), 1..24)
    ) {
        let mut doc = Document::new(sample(), None, None);
        for (k, merging) in &steps {
            let edit = edit_from(doc.board(), k);
            let before = crate::io::board_file::to_ron_string(doc.board()).expect("saved");
            let (revision, steps_before) = (doc.revision(), doc.history().len());
            // Some edits continue the step under way, as typing into one field does.
            let result = if *merging {
                doc.apply_merging(edit.clone(), 7)
            } else {
                doc.apply(edit.clone())
            };
            match result {
                Err(reason) => {
                    let after = crate::io::board_file::to_ron_string(doc.board()).expect("saved");
                    prop_assert!(after == before, "{edit:?} ({reason}) changed the board");
                    prop_assert_eq!(doc.revision(), revision, "{:?}", edit);
                    prop_assert_eq!(doc.history().len(), steps_before, "{:?}", edit);
                }
                Ok(_) => {
                    let problems = doc.board().problems();
                    prop_assert!(problems.is_empty(), "{edit:?} left {problems:?}");
                }
            }
        }
    }
}
