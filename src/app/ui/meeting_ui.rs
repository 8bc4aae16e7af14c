//! The meeting: the phase bar with its timer, and the Meeting tab (the agenda, last time's
//! action items under review, the vote).

use eframe::egui::{self, RichText};

use crate::analysis::votes::{Voted, resolve};
use crate::app::{Command, RetrolineApp};
use crate::doc::Edit;
use crate::model::meeting::{MAX_PHASES, MAX_TIMEBOX_MINUTES, MAX_VOTES_PER_PERSON};
use crate::model::{Phase, PhaseKind, Review, VoteTarget};
use crate::theme;

/// The timer as people read it: "18:55" left, or "+0:42" past the timebox.
pub fn timer_text(remaining_seconds: f64) -> String {
    let over = remaining_seconds < 0.0;
    // Whole seconds, counting down: 18:54.3 left shows as 18:55 until it is 18:54.
    let secs = if over {
        (-remaining_seconds).floor()
    } else {
        remaining_seconds.ceil()
    } as u64;
    let text = format!("{}:{:02}", secs / 60, secs % 60);
    if over { format!("+{text}") } else { text }
}

impl RetrolineApp {
    /// Where the meeting is: each phase of the agenda, the one under way, and its countdown,
    /// large enough to read from the back of the room. In the window it has the buttons to run
    /// the phases; presenting, the keys do (Ctrl+Shift+N, P, M).
    pub(crate) fn phase_bar_ui(&mut self, ui: &mut egui::Ui) {
        let agenda = self.session.doc.board().agenda.clone();
        // Until the meeting starts (the header's button, or Ctrl+Shift+N) the board keeps the
        // room.
        if agenda.iter().all(|p| p.started.is_none()) {
            return;
        }
        let presenting = self.session.view.is_presenting();
        let now = self.now();
        let running = self.running_phase();
        let mut chosen = None;
        let mut commands = Vec::new();
        egui::Panel::top("phase_bar").show(ui, |ui| {
            ui.add_space(2.0);
            ui.horizontal_wrapped(|ui| {
                chosen = phase_chips_ui(ui, &agenda, running, presenting);
                ui.separator();
                let Some(i) = running else {
                    let label = if agenda.iter().all(|p| p.ended.is_some()) {
                        "The meeting is over."
                    } else {
                        "No phase is under way."
                    };
                    // Whole, on its own if it must: a wrapped label would run under the chips.
                    ui.add(
                        egui::Label::new(RichText::new(label).weak())
                            .wrap_mode(egui::TextWrapMode::Extend),
                    );
                    if !presenting
                        && ui
                            .button("Start")
                            .on_hover_text(Command::NextPhase.tooltip())
                            .clicked()
                    {
                        commands.push(Command::NextPhase);
                    }
                    return;
                };
                timer_ui(ui, &agenda, i, now, presenting, &mut commands);
            });
            ui.add_space(2.0);
        });
        if let Some(index) = chosen {
            let at = self.now();
            self.send(Edit::StartPhase { index, at });
        }
        for c in commands {
            self.request(c);
        }
    }

    /// The Meeting tab: the agenda, last time's action items and the vote.
    pub(crate) fn meeting_tab_ui(&mut self, ui: &mut egui::Ui) {
        self.review_ui(ui);
        ui.separator();
        self.votes_ui(ui);
        ui.separator();
        let phases = self.session.doc.board().agenda.len();
        egui::CollapsingHeader::new(format!("Agenda ({phases} phases)"))
            .id_salt("agenda")
            .show(ui, |ui| self.agenda_ui(ui));
    }

    /// Each phase's name and timebox, its place in the order; a button starts it.
    fn agenda_ui(&mut self, ui: &mut egui::Ui) {
        let mut agenda = self.session.doc.board().agenda.clone();
        let count = agenda.len();
        let mut changed = false;
        let mut typed = None;
        let mut start = None;
        let mut swap = None;
        let mut remove = None;
        for (i, phase) in agenda.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                ui.label(format!("{}", i + 1));
                let name = ui.add(
                    egui::TextEdit::singleline(&mut phase.name)
                        .desired_width(150.0)
                        .char_limit(crate::model::limits::MAX_SHORT_TEXT),
                );
                name.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::TextInput,
                        true,
                        format!("Name of phase {}", i + 1),
                    )
                });
                if name.changed() {
                    typed = Some(name.id);
                }
                let minutes = ui.add(
                    egui::DragValue::new(&mut phase.timebox_minutes)
                        .range(1..=MAX_TIMEBOX_MINUTES)
                        .suffix(" min"),
                );
                minutes.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::SpinButton,
                        true,
                        format!("Timebox of phase {}", i + 1),
                    )
                });
                changed |= minutes.changed();
                if ui
                    .add_enabled(i > 0, egui::Button::new("Up"))
                    .on_hover_text("Earlier")
                    .clicked()
                {
                    swap = Some((i, i - 1));
                }
                if ui
                    .add_enabled(i + 1 < count, egui::Button::new("Down"))
                    .on_hover_text("Later")
                    .clicked()
                {
                    swap = Some((i, i + 1));
                }
                if ui
                    .add_enabled(!phase.is_running(), egui::Button::new("Remove"))
                    .on_hover_text("Remove this phase")
                    .clicked()
                {
                    remove = Some(i);
                }
                if !phase.is_running()
                    && ui
                        .button("Start")
                        .on_hover_text("Start this phase and its timer")
                        .clicked()
                {
                    start = Some(i);
                }
            });
        }
        ui.horizontal(|ui| {
            if ui
                .add_enabled(count < MAX_PHASES, egui::Button::new("Add a phase"))
                .clicked()
            {
                agenda.push(Phase::new(PhaseKind::Other, 10));
                changed = true;
            }
            if ui
                .button("Usual agenda")
                .on_hover_text(
                    "Safety opening, last time's actions, timeline, feelings, divergences, vote, \
                     action items, close",
                )
                .clicked()
            {
                agenda = crate::model::meeting::default_agenda();
                changed = true;
            }
        });
        if let Some((a, b)) = swap {
            agenda.swap(a, b);
            changed = true;
        }
        if let Some(i) = remove {
            agenda.remove(i);
            changed = true;
        }
        if changed {
            self.send(Edit::SetAgenda(agenda));
        } else if let Some(key) = typed {
            self.send_merging(Edit::SetAgenda(agenda), key);
        }
        if let Some(index) = start {
            let at = self.now();
            self.send(Edit::StartPhase { index, at });
        }
    }

    fn review_ui(&mut self, ui: &mut egui::Ui) {
        let carried = self.session.doc.board().carried.clone();
        if carried.is_empty() {
            ui.strong("Last time's action items");
            ui.label(
                RichText::new(
                    "None carried. File > New board from previous… starts a board with the last \
                     retrospective's open action items to review here.",
                )
                .weak(),
            );
            return;
        }
        ui.strong(format!(
            "Last time's action items ({} to review)",
            self.session.doc.board().to_review()
        ));
        let mut edits = Vec::new();
        for (i, item) in carried.iter().enumerate() {
            ui.add_space(4.0);
            ui.label(RichText::new(&item.text).strong());
            let mut about = Vec::new();
            if !item.owner.is_empty() {
                about.push(item.owner.clone());
            }
            if let Some(due) = item.due {
                about.push(format!("due {}", due.to_text()));
            }
            if !item.from.is_empty() {
                about.push(format!("from {}", item.from));
            }
            if !about.is_empty() {
                ui.label(RichText::new(about.join(" · ")).weak());
            }
            if !item.done_when.is_empty() {
                ui.label(RichText::new(format!("Done when: {}", item.done_when)).weak());
            }
            let mut review = item.review;
            ui.horizontal_wrapped(|ui| {
                for choice in [
                    Review::ToReview,
                    Review::Done,
                    Review::StillOpen,
                    Review::Dropped,
                ] {
                    let response = ui.selectable_value(&mut review, choice, choice.label());
                    response.widget_info(|| {
                        egui::WidgetInfo::selected(
                            egui::Role::RadioButton,
                            true,
                            review == choice,
                            format!("Action {}: {}", i + 1, choice.label()),
                        )
                    });
                }
            });
            let mut note = item.note.clone();
            let response = ui.add(
                egui::TextEdit::singleline(&mut note)
                    .hint_text("Note")
                    .char_limit(crate::model::limits::MAX_LONG_TEXT),
            );
            response.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::TextInput,
                    true,
                    format!("Review note of action {}", i + 1),
                )
            });
            if review != item.review {
                edits.push((
                    Edit::ReviewCarried {
                        index: i,
                        review,
                        note,
                    },
                    None,
                ));
            } else if response.changed() {
                edits.push((
                    Edit::ReviewCarried {
                        index: i,
                        review,
                        note,
                    },
                    Some(response.id),
                ));
            }
        }
        for (edit, key) in edits {
            match key {
                Some(key) => self.send_merging(edit, key),
                None => self.send(edit),
            }
        }
    }

    fn votes_ui(&mut self, ui: &mut egui::Ui) {
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
            return;
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
            return;
        }
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

/// The agenda's phases as chips: the one under way strong, those that ran struck through.
/// Returns the phase clicked to start, if one was.
fn phase_chips_ui(
    ui: &mut egui::Ui,
    agenda: &[crate::model::Phase],
    running: Option<usize>,
    presenting: bool,
) -> Option<usize> {
    let mut chosen = None;
    for (i, phase) in agenda.iter().enumerate() {
        let current = running == Some(i);
        let done = phase.ended.is_some() && !current;
        let text = if current || !presenting {
            format!("{} {}", i + 1, phase.name)
        } else {
            format!("{}", i + 1)
        };
        let label = RichText::new(text);
        let label = if current { label.strong() } else { label };
        // A phase that ran is struck through.
        let label = if done {
            label.strikethrough().weak()
        } else {
            label
        };
        let response = ui.selectable_label(current, label);
        let state = if current {
            "under way"
        } else if done {
            "done"
        } else {
            "not started"
        };
        response.widget_info(|| {
            egui::WidgetInfo::selected(
                egui::Role::Button,
                true,
                current,
                format!("Phase {}, {}: {state}", i + 1, phase.name),
            )
        });
        let response = response.on_hover_text(format!(
            "{} minutes. Click to start this phase and its timer",
            phase.timebox_minutes
        ));
        if response.clicked() && !current {
            chosen = Some(i);
        }
    }
    chosen
}

/// Phase `i`'s countdown (amber in the last minute, red once the time is up), its state, and
/// in the window the buttons to pause, extend and go on.
fn timer_ui(
    ui: &mut egui::Ui,
    agenda: &[crate::model::Phase],
    i: usize,
    now: crate::model::Moment,
    presenting: bool,
    commands: &mut Vec<Command>,
) {
    let palette = theme::palette(ui.ctx());
    let phase = &agenda[i];
    let left = phase.remaining_seconds(now);
    let paused = phase.paused_at.is_some();
    let size = if presenting {
        theme::HEADING_SIZE * 1.3
    } else {
        theme::HEADING_SIZE
    };
    let mut text = RichText::new(timer_text(left))
        .size(size)
        .strong()
        .monospace();
    if left <= 0.0 {
        // The end, visible from the back of the room.
        text = text
            .color(egui::Color32::WHITE)
            .background_color(palette.time_up);
    } else if left <= 60.0 {
        text = text.color(palette.nudge_text);
    }
    ui.label(text);
    let status = if left <= 0.0 {
        "Time is up".to_owned()
    } else if paused {
        "Paused".to_owned()
    } else {
        format!("left of {} minutes", phase.timebox_minutes)
    };
    ui.add(
        egui::Label::new(RichText::new(format!("{status} · {}", phase.name)).size(size * 0.6))
            .wrap_mode(egui::TextWrapMode::Extend),
    );
    if !presenting {
        let pause = if paused { "Resume" } else { "Pause" };
        if ui
            .button(pause)
            .on_hover_text(Command::PauseTimer.tooltip())
            .clicked()
        {
            commands.push(Command::PauseTimer);
        }
        if ui
            .button("+1 min")
            .on_hover_text(Command::ExtendTimer.tooltip())
            .clicked()
        {
            commands.push(Command::ExtendTimer);
        }
        let next = if i + 1 < agenda.len() {
            "Next phase"
        } else {
            "End the meeting"
        };
        if ui
            .button(next)
            .on_hover_text(Command::NextPhase.tooltip())
            .clicked()
        {
            commands.push(Command::NextPhase);
        }
    }
    // The countdown moves once a second, and only while it runs.
    if !paused {
        let fraction = left.rem_euclid(1.0);
        let wait = if fraction < 0.01 { 1.0 } else { fraction };
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs_f64(wait + 0.01));
    }
}
