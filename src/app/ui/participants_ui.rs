//! The side panel's sections for people and feelings: participants, the picked feeling, the
//! feelings at the selected event's time, and the divergences.

use std::collections::HashMap;

use eframe::egui::{self, vec2};

use crate::app::{Modal, RetrolineApp};
use crate::doc::Edit;
use crate::model::time::format;
use crate::model::{ParticipantId, VALENCE_MAX, VALENCE_MIN};
use crate::theme;
use crate::view::feelings_ui::{snap_valence, valence_text};

impl RetrolineApp {
    pub(crate) fn participants_ui(&mut self, ui: &mut egui::Ui) {
        ui.strong("Participants");
        let mut changed: Vec<(Edit, Option<egui::Id>)> = Vec::new();
        let mut remove = None;
        let count = self.session.doc.board().participants.len();
        if count <= super::LONG_LIST {
            for i in 0..count {
                self.participant_row_ui(ui, i, &mut changed, &mut remove);
            }
        } else {
            super::scrolling_rows(ui, "participants_list", count, |ui, i| {
                self.participant_row_ui(ui, i, &mut changed, &mut remove);
            });
        }
        for (edit, key) in changed {
            match key {
                Some(key) => self.send_merging(edit, key),
                None => self.send(edit),
            }
        }
        if let Some(id) = remove {
            self.session.modal = Some(Modal::RemoveParticipant(id));
        }
        // Wrapped: the side panel is a quarter of a 720p window at most.
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("New");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.session.panel.new_participant)
                        // A fixed id: the field keeps its focus while the list above it grows.
                        .id_salt("new_participant")
                        .hint_text("name")
                        .desired_width(130.0),
                )
                .labelled_by(label.id);
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if entered {
                // Ready for the next name.
                field.request_focus();
            }
            if ui
                .button("Add participant")
                .on_hover_text("Add someone whose feelings are plotted")
                .clicked()
                || entered
            {
                self.add_participant();
            }
        });
        ui.checkbox(&mut self.session.view.show_emotions, "Show emotion words")
            .on_hover_text("Write each feeling's word next to its point, not only on hover");
    }

    /// One participant's row: marker, name, shown, remove.
    fn participant_row_ui(
        &mut self,
        ui: &mut egui::Ui,
        i: usize,
        changed: &mut Vec<(Edit, Option<egui::Id>)>,
        remove: &mut Option<ParticipantId>,
    ) {
        let Some(p) = self.session.doc.board().participants.get(i) else {
            return;
        };
        let active = self.session.view.active_participant == Some(p.id);
        let adding = active && self.session.view.adding_feelings;
        let mut p = p.clone();
        // Wrapped: the side panel is a quarter of a 720p window at most.
        ui.horizontal_wrapped(|ui| {
            let (rect, _) = ui.allocate_exact_size(vec2(22.0, 22.0), egui::Sense::hover());
            crate::view::feelings_ui::paint_marker(
                ui.painter(),
                rect.center(),
                p.marker,
                theme::colour(p.colour),
                7.0,
            );
            let name = ui.add(
                egui::TextEdit::singleline(&mut p.name)
                    .id_salt(("participant_name", p.id))
                    // Wide enough to read a name (its row wraps before the field gets narrower),
                    // and as wide as the panel leaves beside "shown" and "Remove…".
                    .desired_width(
                        (ui.clip_rect().right() - ui.cursor().left() - 200.0).clamp(150.0, 260.0),
                    ),
            );
            let label = format!("Name of participant {}", i + 1);
            name.widget_info(|| egui::WidgetInfo::text_edit(true, "", &p.name, &label));
            if name.changed() {
                changed.push((Edit::UpdateParticipant(p.clone()), Some(name.id)));
            }
            let mut shown = !p.hidden;
            if ui
                .checkbox(&mut shown, "shown")
                .on_hover_text("Hide this participant's line (their feelings still count)")
                .changed()
            {
                p.hidden = !shown;
                changed.push((Edit::UpdateParticipant(p.clone()), None));
            }
            if p.anonymous {
                ui.label(egui::RichText::new("anonymous").weak())
                    .on_hover_text(
                        "They asked from their phone to stay anonymous: the board and every export \
                     show them as a number",
                    );
            }
            if adding {
                ui.label(egui::RichText::new("adding").strong())
                    .on_hover_text("A click in the plot adds this participant's feeling");
            } else if active {
                ui.label(egui::RichText::new("chosen").strong()).on_hover_text(
                    "Adding feelings (A) adds this participant's; a click in the plot only selects",
                );
            }
            if ui
                .button("Remove…")
                .on_hover_text("Remove this participant and their feelings (asks first)")
                .clicked()
            {
                *remove = Some(p.id);
            }
        });
    }

    /// Adds a participant with the typed name (or a numbered one) and makes them active.
    pub(crate) fn add_participant(&mut self) {
        let name = self.session.panel.new_participant.trim().to_owned();
        let name = if name.is_empty() {
            format!(
                "Participant {}",
                self.session.doc.board().participants.len() + 1
            )
        } else {
            name
        };
        self.send(Edit::AddParticipant { name });
        self.session.panel.new_participant.clear();
    }

    pub(crate) fn selected_feeling_ui(&mut self, ui: &mut egui::Ui) {
        let Some(id) = self.session.view.selected_feeling else {
            return;
        };
        let Some(index) = self
            .session
            .doc
            .board()
            .feelings
            .iter()
            .position(|f| f.id == id)
        else {
            return;
        };
        let dates = self.dates();
        let offset = dates.offset();
        let who = self
            .session
            .doc
            .board()
            .participant(self.session.doc.board().feelings[index].participant)
            .map_or_else(String::new, |p| p.name.clone());
        ui.strong(format!("Feeling of {who}"));
        ui.label(
            egui::RichText::new(format!(
                "At {}. Drag its point to move it.",
                dates.time(self.session.doc.board().feelings[index].time)
            ))
            .weak(),
        );
        if self.session.panel.feeling_time_text.0 != Some(id) {
            self.session.panel.feeling_time_text = (
                Some(id),
                format::local_time_text(
                    self.session.doc.board().feelings[index]
                        .time
                        .to_offset(offset),
                ),
            );
        }
        let mut f = self.session.doc.board().feelings[index].clone();
        // The control used: its edits are one undo step until it is let go.
        let mut changed: Option<egui::Id> = None;
        let mut typed_time = None;
        egui::Grid::new("feeling_fields")
            .num_columns(2)
            .spacing(vec2(8.0, 8.0))
            .show(ui, |ui| {
                let label = ui.label(format!("Time ({})", dates.zone()));
                let time = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.session.panel.feeling_time_text.1)
                            .id_salt(("feeling_time", id))
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                if time.lost_focus() {
                    typed_time = Some(format::parse_local_time(
                        &self.session.panel.feeling_time_text.1,
                        offset,
                    ));
                }
                ui.end_row();
                let label = ui.label("Valence");
                let valence = ui
                    .add(
                        // No step and no clamping of what is stored: showing a typed 2.3 must
                        // not rewrite it; a value moved here snaps to half steps.
                        egui::Slider::new(&mut f.valence, VALENCE_MIN..=VALENCE_MAX)
                            .clamping(egui::SliderClamping::Edits)
                            .custom_formatter(|v, _| valence_text(v)),
                    )
                    .labelled_by(label.id);
                if valence.changed() {
                    f.valence = snap_valence(f.valence);
                    changed = Some(valence.id);
                }
                ui.end_row();
                let label = ui.label("Emotion");
                let emotion = ui
                    .add(
                        egui::TextEdit::singleline(&mut f.emotion)
                            .id_salt(("feeling_emotion", id))
                            .hint_text("scared, relieved…")
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                if emotion.changed() {
                    changed = Some(emotion.id);
                }
                ui.end_row();
                let label = ui.label("Note");
                let note = ui
                    .vertical(|ui| {
                        super::actions_ui::blame_aware_text_edit(
                            ui,
                            &mut f.note,
                            ("feeling_note", id),
                            super::actions_ui::Lines::Wrapped(2),
                            label.id,
                        )
                    })
                    .inner;
                if note.changed() {
                    changed = Some(note.id);
                }
                ui.end_row();
            });
        let mut moved = false;
        match typed_time {
            Some(Ok(time)) => {
                moved = f.time != time;
                f.time = time;
                self.session.panel.feeling_time_text.0 = None;
                self.session.panel.time_error = None;
            }
            Some(Err(err)) => {
                self.session.panel.time_error = Some(format!("{err}; the time is unchanged."))
            }
            None => {}
        }
        if let Some(error) = &self.session.panel.time_error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        if moved {
            self.send(Edit::UpdateFeeling(f));
        } else if let Some(key) = changed {
            self.send_merging(Edit::UpdateFeeling(f), key);
        }
        if ui
            .button("Delete feeling")
            .on_hover_text("Remove this feeling (Delete)")
            .clicked()
        {
            self.send(Edit::DeleteFeeling(id));
            self.session.view.selected_feeling = None;
        }
    }

    /// With an event selected: one row per participant to set how they felt at its time.
    pub(crate) fn feelings_at_event_ui(&mut self, ui: &mut egui::Ui) {
        if self.session.view.round_hidden {
            return;
        }
        let Some(event) = self
            .session
            .view
            .selected
            .and_then(|id| self.session.doc.board().events.iter().find(|e| e.id == id))
            .cloned()
        else {
            return;
        };
        if self.session.doc.board().participants.is_empty() {
            return;
        }
        ui.label(egui::RichText::new("How each one felt at this moment").strong());
        let people: Vec<(ParticipantId, String)> = self
            .session
            .doc
            .board()
            .participants
            .iter()
            .map(|p| (p.id, p.name.clone()))
            .collect();
        // One pass over the feelings: each one's points, and their feeling at the event's time
        // (the last one there, as `Board::feeling_at` finds it).
        let at = event.time.unix_nanos();
        let mut points: HashMap<ParticipantId, Vec<(f64, f64)>> = HashMap::new();
        let mut at_event: HashMap<ParticipantId, (f64, crate::model::FeelingId)> = HashMap::new();
        for f in &self.session.doc.board().feelings {
            points
                .entry(f.participant)
                .or_default()
                .push((f.time.unix_seconds_f64(), f.valence));
            if f.time.unix_nanos() == at {
                at_event.insert(f.participant, (f.valence, f.id));
            }
        }
        let mut sends: Vec<(Edit, Option<egui::Id>)> = Vec::new();
        // After Set, the slider that replaces the button takes the keyboard focus.
        let mut focus_slider = self.session.panel.focus_slider.take();
        let mut set_clicked = None;
        let mut row = |ui: &mut egui::Ui, id: ParticipantId, name: &str| {
            let label = ui.label(name);
            let current = at_event.get(&id).copied();
            match current {
                Some((mut v, feeling)) => {
                    ui.horizontal(|ui| {
                        let slider = ui
                            .add(
                                egui::Slider::new(&mut v, VALENCE_MIN..=VALENCE_MAX)
                                    .clamping(egui::SliderClamping::Edits)
                                    .custom_formatter(|v, _| valence_text(v)),
                            )
                            .labelled_by(label.id);
                        if focus_slider == Some(id) {
                            slider.request_focus();
                            focus_slider = None;
                        }
                        if slider.changed() {
                            let edit = Edit::SetFeelingAt {
                                participant: id,
                                time: event.time,
                                valence: snap_valence(v),
                                emotion: None,
                            };
                            sends.push((edit, Some(slider.id)));
                        }
                        if ui
                            .small_button("Clear")
                            .on_hover_text(format!("Remove {name}'s feeling at this moment"))
                            .clicked()
                        {
                            sends.push((Edit::DeleteFeeling(feeling), None));
                        }
                    });
                }
                None => {
                    // Start from where their line already is at that moment, if anywhere.
                    let on_line = crate::analysis::divergence::Line::new(
                        points.remove(&id).unwrap_or_default(),
                    )
                    .value_at(event.time.unix_seconds_f64());
                    let text = match on_line {
                        Some(v) => format!("Set ({})", valence_text(snap_valence(v))),
                        None => "Set".to_owned(),
                    };
                    if ui
                        .button(text)
                        .on_hover_text(format!("Add {name}'s feeling at this event's time"))
                        .clicked()
                    {
                        let edit = Edit::SetFeelingAt {
                            participant: id,
                            time: event.time,
                            valence: on_line.map_or(0.0, snap_valence),
                            emotion: None,
                        };
                        sends.push((edit, None));
                        set_clicked = Some(id);
                    }
                }
            }
        };
        if people.len() <= super::LONG_LIST {
            egui::Grid::new("feelings_at_event")
                .num_columns(2)
                .spacing(vec2(8.0, 4.0))
                .show(ui, |ui| {
                    for (id, name) in &people {
                        row(ui, *id, name);
                        ui.end_row();
                    }
                });
        } else {
            super::scrolling_rows(ui, "feelings_at_event", people.len(), |ui, i| {
                let (id, name) = &people[i];
                ui.horizontal(|ui| row(ui, *id, name));
            });
        }
        self.session.panel.focus_slider = set_clicked;
        for (edit, key) in sends {
            match key {
                Some(key) => self.send_merging(edit, key),
                None => self.send(edit),
            }
        }
    }

    pub(crate) fn divergences_ui(&mut self, ui: &mut egui::Ui) {
        ui.strong("Divergences");
        if self.session.view.round_hidden {
            ui.label(egui::RichText::new("Hidden until the lines are revealed.").weak());
            return;
        }
        ui.horizontal(|ui| {
            let label = ui.label("Neutral band θ");
            let before = self.session.doc.board().settings.neutral_band;
            let mut theta = before;
            let response = ui
                .add(
                    egui::DragValue::new(&mut theta)
                        .range(0.1..=5.0)
                        .clamp_existing_to_range(false)
                        .speed(0.05)
                        .fixed_decimals(1),
                )
                .labelled_by(label.id)
                .on_hover_text(
                    "A line at or above +θ is up, at or below −θ is down; \
                     when someone is up while someone else is down, the feelings diverge",
                );
            if response.changed() && theta != before {
                self.send_merging(Edit::SetNeutralBand(theta), response.id);
            }
        });
        let dates = self.dates();
        if self.session.doc.derived().spans.is_empty() {
            ui.label(
                egui::RichText::new("None: nobody was up while someone else was down.").weak(),
            );
        }
        // As the plot names them: "Participant N" in the anonymous view.
        let names = |ids: &[ParticipantId]| {
            ids.iter()
                .map(|id| self.shown_name(*id))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut chosen = None;
        let mut act_on = None;
        let mut learn = None;
        for (i, span) in self.session.doc.derived().spans.iter().enumerate() {
            let text = format!(
                "{} – {}\nup: {} · down: {}",
                dates.time(span.start),
                dates.time(span.end),
                names(&span.positive),
                names(&span.negative)
            );
            ui.vertical(|ui| {
                if ui
                    .add(egui::Button::new(text).wrap())
                    .on_hover_text("Zoom the board to this divergence")
                    .clicked()
                {
                    chosen = Some(i);
                }
                ui.horizontal(|ui| {
                    if ui
                        .small_button("Action item")
                        .on_hover_text("Create an action item linked to this divergence")
                        .clicked()
                    {
                        act_on = Some(span.peak);
                    }
                    if ui
                        .small_button("Insight")
                        .on_hover_text("Write what the room learned here, over this divergence")
                        .clicked()
                    {
                        learn = Some((span.start, span.end));
                    }
                });
            });
        }
        if let Some(i) = chosen
            && let Some(span) = self.session.doc.derived().spans.get(i).cloned()
        {
            crate::view::zoom_to_span(&mut self.session.view, &span);
        }
        if let Some(peak) = act_on {
            self.create_action(Some(crate::model::Link::Divergence(peak)));
        }
        if let Some((at, until)) = learn {
            self.create_insight(at, Some(until));
        }
    }

    pub(crate) fn remove_participant_modal_ui(&mut self, ctx: &egui::Context, id: ParticipantId) {
        let Some(name) = self
            .session
            .doc
            .board()
            .participant(id)
            .map(|p| p.name.clone())
        else {
            self.session.modal = None;
            return;
        };
        let count = self
            .session
            .doc
            .board()
            .feelings
            .iter()
            .filter(|f| f.participant == id)
            .count();
        match super::ask(ctx, "remove_participant", "Remove participant", |ui| {
            ui.heading(format!("Remove {name}?"));
            ui.label(format!(
                "Their {count} feeling(s) go too. Undo (Ctrl+Z) brings them back."
            ));
            false
        }) {
            Some(true) => {
                self.session.modal = None;
                self.send(Edit::RemoveParticipant(id));
            }
            Some(false) => self.session.modal = None,
            None => {}
        }
    }
}
