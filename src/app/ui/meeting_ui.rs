//! The meeting: the phase bar with its timer, and the Meeting tab (the agenda, last time's
//! action items under review, the vote).

use eframe::egui::{self, RichText};

use crate::app::{Command, RetrolineApp};
use crate::doc::Edit;
use crate::model::meeting::{MAX_PHASES, MAX_TIMEBOX_MINUTES};
use crate::model::{Phase, PhaseKind, Review};
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
