//! The vote in the Meeting tab: votes from phones, the votes per person, whose votes are
//! entered by hand, and the results once revealed. Nothing of anyone's votes shows before
//! the reveal.

use eframe::egui::{self, RichText};

use crate::analysis::votes::{Voted, resolve};
use crate::app::{Command, RetrolineApp};
use crate::doc::Edit;
use crate::model::VoteTarget;
use crate::model::meeting::MAX_VOTES_PER_PERSON;

impl RetrolineApp {
    pub(super) fn votes_ui(&mut self, ui: &mut egui::Ui) {
        let voting = self.session.doc.board().voting.clone();
        let cast: u32 = voting.votes.iter().map(|v| v.dots).sum();
        ui.strong("Votes");
        // Everyone votes from their phone, or the facilitator enters the votes below.
        if self
            .session
            .invite
            .as_ref()
            .is_some_and(crate::app::invite::Invite::is_vote)
        {
            self.round_ui(ui);
            ui.separator();
        } else if ui
            .button("Vote from phones…")
            .on_hover_text(
                "Each person picks their name on the participant page (a QR code and a link) and \
                 spends their votes there; nobody sees anyone else's until you reveal them",
            )
            .clicked()
        {
            self.push(crate::app::effect::Effect::InviteVotes);
        }
        let mut per_person = voting.per_person;
        let mut edits = Vec::new();
        ui.horizontal(|ui| {
            ui.label("Each person has");
            let response =
                ui.add(egui::DragValue::new(&mut per_person).range(1..=MAX_VOTES_PER_PERSON));
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::SpinButton, true, "Votes per person")
            });
            ui.label("votes");
        });
        if per_person != voting.per_person {
            edits.push(Edit::SetVotesPerPerson(per_person));
        }
        let people: Vec<(crate::model::ParticipantId, String)> = self
            .session
            .doc
            .board()
            .participants
            .iter()
            .map(|p| (p.id, self.shown_name(p.id)))
            .collect();
        if !people.is_empty() {
            self.voter_ui(ui, &voting, &people, &mut edits);
        } else {
            ui.label(RichText::new("Add participants to vote.").weak());
        }
        if voting.revealed {
            ui.strong("Results, most votes first");
            let results = self.vote_results();
            if results.is_empty() {
                ui.label("No votes.");
            }
            for (n, what) in results {
                ui.label(format!("{n} · {what}"));
            }
        } else {
            ui.label(format!(
                "{cast} vote{} cast; they stay hidden until they are revealed.",
                if cast == 1 { "" } else { "s" }
            ));
        }
        let reveal = if voting.revealed {
            "Hide the votes"
        } else {
            "Reveal the votes"
        };
        if ui
            .button(reveal)
            .on_hover_text(Command::RevealVotes.tooltip())
            .clicked()
        {
            self.request(Command::RevealVotes);
        }
        for edit in edits {
            self.send(edit);
        }
    }

    /// Whose votes the tab shows, their votes left, and a row per event or divergence to give
    /// or take back one of their votes. Until the votes are revealed nobody's show unless the
    /// facilitator picks a person to enter theirs by hand, and never those of someone who
    /// voted from their phone: the shared screen shows nothing of anyone's votes before the
    /// reveal.
    fn voter_ui(
        &mut self,
        ui: &mut egui::Ui,
        voting: &crate::model::Voting,
        people: &[(crate::model::ParticipantId, String)],
        edits: &mut Vec<Edit>,
    ) {
        let Some(chosen) = self.voter_choice_ui(ui, voting, people) else {
            return;
        };
        let name_of = |id| {
            people
                .iter()
                .find(|(p, _)| *p == id)
                .map_or_else(String::new, |(_, n)| n.clone())
        };
        let spans = &self.session.doc.derived().spans;
        // This person's dots, one entry per event or divergence they are on: dots put on a
        // divergence at any moment inside it count for it, and dots on a divergence that is
        // gone (the feelings changed) count for nothing and are given back by the next change.
        let mut mine: Vec<(Voted, VoteTarget, u32)> = Vec::new();
        for v in voting.votes.iter().filter(|v| v.participant == chosen) {
            let Some(r) = resolve(v.target, spans) else {
                continue;
            };
            match mine.iter_mut().find(|(m, ..)| *m == r) {
                Some((_, _, dots)) => *dots += v.dots,
                None => mine.push((r, v.target, v.dots)),
            }
        }
        let counted: u32 = mine.iter().map(|(.., d)| d).sum();
        let gone = voting.spent(chosen).saturating_sub(counted);
        let left = voting.per_person.saturating_sub(counted);
        ui.label(format!("{left} of {} votes left", voting.per_person));
        // A change sends all of this person's votes at once.
        let send_with = |target: VoteTarget, dots: u32| {
            let r = resolve(target, spans);
            let mut votes: Vec<(VoteTarget, u32)> = mine
                .iter()
                .filter(|(m, ..)| Some(*m) != r)
                .map(|&(_, t, d)| (t, d))
                .collect();
            votes.push((target, dots));
            Edit::SetVotes {
                participant: chosen,
                votes,
            }
        };
        if gone > 0 {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!(
                    "{gone} vote{} went to a divergence that is gone since",
                    if gone == 1 { "" } else { "s" }
                ));
                if ui.button("Give them back").clicked() {
                    edits.push(Edit::SetVotes {
                        participant: chosen,
                        votes: mine.iter().map(|&(_, t, d)| (t, d)).collect(),
                    });
                }
            });
        }
        let targets = self.vote_targets();
        let chosen_name = name_of(chosen);
        egui::ScrollArea::vertical()
            .id_salt("vote_targets")
            .max_height(260.0)
            .show(ui, |ui| {
                for (target, text) in &targets {
                    let (stored, dots) = resolve(*target, spans)
                        .and_then(|r| mine.iter().find(|(m, ..)| *m == r))
                        .map_or((*target, 0), |&(_, t, d)| (t, d));
                    ui.horizontal(|ui| {
                        if ui
                            .add_enabled(dots > 0, egui::Button::new("−"))
                            .on_hover_text("Take a vote back")
                            .clicked()
                        {
                            edits.push(send_with(stored, dots - 1));
                        }
                        let count = ui.label(RichText::new(format!("{dots}")).strong().monospace());
                        count.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::Label,
                                true,
                                format!("{chosen_name}'s votes on {text}: {dots}"),
                            )
                        });
                        let plus = ui
                            .add_enabled(left > 0, egui::Button::new("+"))
                            .on_hover_text("Give a vote");
                        plus.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::Button,
                                left > 0,
                                format!("Vote for {text}"),
                            )
                        });
                        if plus.clicked() {
                            edits.push(send_with(stored, dots + 1));
                        }
                        ui.label(text);
                    });
                }
            });
    }

    /// "Votes of: Ana ▾": whose votes the tab shows. Returns the person to show, or `None`
    /// when there is nothing to show before the reveal (nobody chosen, or someone who voted
    /// from their phone), having said why.
    fn voter_choice_ui(
        &mut self,
        ui: &mut egui::Ui,
        voting: &crate::model::Voting,
        people: &[(crate::model::ParticipantId, String)],
    ) -> Option<crate::model::ParticipantId> {
        let picked = self
            .session
            .panel
            .voter
            .filter(|id| people.iter().any(|(p, _)| p == id));
        // Revealed, there is nothing left to hide: the first person's show unless chosen.
        let who = picked.or_else(|| {
            voting
                .revealed
                .then(|| people.first().map(|p| p.0))
                .flatten()
        });
        let mut chosen = who;
        let name_of = |id| {
            people
                .iter()
                .find(|(p, _)| *p == id)
                .map_or_else(String::new, |(_, n)| n.clone())
        };
        ui.horizontal(|ui| {
            let label = ui.label("Votes of:");
            let combo = egui::ComboBox::from_id_salt("voter")
                .selected_text(who.map_or_else(|| "nobody".to_owned(), name_of))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut chosen, None, "nobody");
                    for (id, name) in people {
                        ui.selectable_value(&mut chosen, Some(*id), name);
                    }
                });
            combo.response.labelled_by(label.id);
        });
        self.session.panel.voter = chosen;
        let Some(chosen) = chosen else {
            if !voting.revealed {
                ui.label(
                    RichText::new(
                        "Hidden until revealed. To enter someone's votes by hand, choose them \
                         above.",
                    )
                    .weak(),
                );
            }
            return None;
        };
        let from_phone = self.session.invite.as_ref().is_some_and(|i| {
            i.is_vote()
                && self
                    .session
                    .doc
                    .board()
                    .participants
                    .iter()
                    .any(|p| p.id == chosen && i.has_submitted(&p.name))
        });
        if from_phone && !voting.revealed {
            ui.label(
                RichText::new(format!(
                    "{} voted from their phone: hidden until you reveal the votes.",
                    name_of(chosen)
                ))
                .weak(),
            );
            return None;
        }
        Some(chosen)
    }

    /// What can be voted on, with how it reads: each divergence, then each event in time order.
    fn vote_targets(&self) -> Vec<(VoteTarget, String)> {
        let dates = self.dates();
        let mut targets: Vec<(VoteTarget, String)> = self
            .session
            .doc
            .derived()
            .spans
            .iter()
            .map(|s| {
                (
                    VoteTarget::Divergence(s.peak),
                    format!("divergence {} – {}", dates.time(s.start), dates.time(s.end)),
                )
            })
            .collect();
        let mut events: Vec<_> = self.session.doc.board().events.iter().collect();
        events.sort_by_key(|e| (e.time.unix_nanos(), e.id));
        targets.extend(events.iter().map(|e| {
            (
                VoteTarget::Event(e.id),
                format!("{} {}", dates.clock(e.time), e.title),
            )
        }));
        targets
    }

    /// The revealed results, most votes first: each count and what it is on.
    pub(crate) fn vote_results(&self) -> Vec<(u32, String)> {
        let dates = self.dates();
        crate::io::meeting_report::vote_results(
            self.session.doc.board(),
            &self.session.doc.derived().spans,
            &dates,
        )
        .map(|r| r.rows)
        .unwrap_or_default()
    }
}
