//! The side panel: the tray of new cards, the selected event, the lanes and the board.

use crate::model::time::format::{local_offset, zone_text};
use eframe::egui::{self, Sense, vec2};

use crate::app::command::Command;
use crate::app::{Modal, RetrolineApp};
use crate::model::time::format::{local_time_text, parse_local_time};
use crate::model::{BoardKind, LaneId};
use crate::theme;
use crate::view::{Drag, DragKind};

impl RetrolineApp {
    pub(crate) fn details_panel_ui(&mut self, ui: &mut egui::Ui, max_width: f32) -> egui::Rect {
        egui::Panel::right("details")
            .resizable(true)
            .default_size(max_width.min(400.0))
            .size_range(max_width.min(260.0)..=max_width)
            .show(ui, |panel_ui| {
                // The content never widens the panel (what does not fit is clipped): the board
                // beside it keeps its width whatever is selected.
                let rect = panel_ui.available_rect_before_wrap();
                let mut content = panel_ui.new_child(
                    egui::UiBuilder::new()
                        .max_rect(rect)
                        .layout(*panel_ui.layout()),
                );
                content.shrink_clip_rect(rect);
                let ui = &mut content;
                self.side_tabs_ui(ui);
                // Each tab keeps its own scroll position.
                // No wider than the panel: a vertical scroll area otherwise keeps the width its
                // content once had, and the panel would run under the board.
                egui::ScrollArea::vertical()
                    .max_width(ui.available_width())
                    .id_salt(("side_panel", self.session.panel.side_tab))
                    .show(ui, |ui| {
                        if self.session.panel.side_tab == crate::app::SideTab::Actions {
                            self.actions_ui(ui);
                            return;
                        }
                        if self.session.panel.side_tab == crate::app::SideTab::Meeting {
                            self.meeting_tab_ui(ui);
                            return;
                        }
                        if self.session.panel.typing.is_some() {
                            self.typing_ui(ui);
                            ui.separator();
                        }
                        self.tray_ui(ui);
                        ui.separator();
                        self.round_ui(ui);
                        ui.separator();
                        if self.session.view.selected_feeling.is_some() {
                            self.selected_feeling_ui(ui);
                        } else {
                            self.selected_event_ui(ui);
                            self.feelings_at_event_ui(ui);
                        }
                        ui.separator();
                        self.divergences_ui(ui);
                        ui.separator();
                        self.turning_points_ui(ui);
                        ui.separator();
                        self.insights_ui(ui);
                        ui.separator();
                        self.participants_ui(ui);
                        ui.separator();
                        self.lanes_ui(ui);
                        ui.separator();
                        self.board_settings_ui(ui);
                    });
                panel_ui.allocate_rect(rect, egui::Sense::hover());
            })
            .response
            .rect
    }

    /// A new card to drag onto a lane; clicking it adds one in the middle of the view.
    fn tray_ui(&mut self, ui: &mut egui::Ui) {
        ui.strong("Add to the timeline");
        let (rect, response) = ui.allocate_exact_size(
            vec2(theme::CARD_WIDTH, theme::CARD_HEIGHT),
            Sense::click_and_drag(),
        );
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, true, Command::NewEvent.label())
        });
        let lane_colour = self
            .session
            .doc
            .board()
            .lanes
            .first()
            .map_or(crate::model::LANE_PALETTE[0], |l| l.colour);
        let painter = ui.painter();
        painter.rect_filled(rect, 4.0, theme::card_fill(lane_colour));
        painter.rect_stroke(
            rect,
            4.0,
            egui::Stroke::new(2.0, theme::colour(lane_colour)),
            egui::StrokeKind::Inside,
        );
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "+ New event",
            theme::font(theme::CARD_TITLE_SIZE),
            theme::CARD_TEXT,
        );
        if response.drag_started() {
            self.session.view.drag = Some(Drag {
                kind: DragKind::NewCard,
            });
        }
        if response.drag_stopped()
            && matches!(
                self.session.view.drag,
                Some(Drag {
                    kind: DragKind::NewCard,
                    ..
                })
            )
        {
            self.session.view.tray_dropped = true;
        }
        if response.clicked() {
            self.request(Command::NewEvent);
        }
        response.on_hover_text(
            "Drag onto a lane, or click to add an event in the middle of the view (Insert)",
        );
        ui.label(egui::RichText::new("Drag the card onto a lane, or click it.").weak());
    }

    fn selected_event_ui(&mut self, ui: &mut egui::Ui) {
        ui.strong("Selected event");
        let Some(id) = self.session.view.selected else {
            ui.label(
                egui::RichText::new("Click a card to edit it; double-click a lane to add one.")
                    .weak(),
            );
            return;
        };
        let dates = self.dates();
        let offset = dates.offset();
        let lanes: Vec<(LaneId, String)> = self
            .session
            .doc
            .board()
            .lanes
            .iter()
            .map(|l| (l.id, l.name.clone()))
            .collect();
        let Some(index) = self
            .session
            .doc
            .board()
            .events
            .iter()
            .position(|e| e.id == id)
        else {
            return;
        };
        if self.session.panel.time_text.0 != Some(id) {
            self.session.panel.time_text = (
                Some(id),
                local_time_text(
                    self.session.doc.board().events[index]
                        .time
                        .to_offset(offset),
                ),
            );
            self.session.panel.time_error = None;
        }
        let focus_title = std::mem::take(&mut self.session.panel.focus_title);
        let mut event = self.session.doc.board().events[index].clone();
        // The field typed into: its edits are one undo step until the focus leaves it.
        let mut changed: Option<egui::Id> = None;
        let mut picked = false;
        let mut commit_time = false;
        egui::Grid::new("event_fields")
            .num_columns(2)
            .spacing(vec2(8.0, 8.0))
            .show(ui, |ui| {
                let label = ui.label("Title");
                // Fields are per event, so their text undo and focus never cross to another one.
                let title = event_title_ui(ui, &mut event.title, id, label.id, focus_title);
                if title.changed() {
                    changed = Some(title.id);
                }
                ui.end_row();

                let label = ui.label(format!("Time ({})", dates.zone()));
                let time = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.session.panel.time_text.1)
                            .id_salt(("event_time", id))
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                commit_time = time.lost_focus();
                ui.end_row();

                let label = ui.label("Lane");
                let current = lanes
                    .iter()
                    .find(|(l, _)| *l == event.lane)
                    .map_or_else(String::new, |(_, n)| n.clone());
                egui::ComboBox::from_id_salt("event_lane")
                    .selected_text(current)
                    .show_ui(ui, |ui| {
                        for (lane, name) in &lanes {
                            picked |= ui.selectable_value(&mut event.lane, *lane, name).changed();
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();

                let label = ui.label("Kind");
                egui::ComboBox::from_id_salt("event_kind")
                    .selected_text(event.kind.label())
                    .show_ui(ui, |ui| {
                        for kind in crate::model::EventKind::ALL {
                            picked |= ui
                                .selectable_value(&mut event.kind, kind, kind.label())
                                .changed();
                        }
                    })
                    .response
                    .labelled_by(label.id)
                    .on_hover_text(crate::app::command::Command::NextEventKind.tooltip());
                ui.end_row();
            });
        if let Some(error) = &self.session.panel.time_error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        let label = ui.label("Notes");
        let notes = super::actions_ui::blame_aware_text_edit(
            ui,
            &mut event.notes,
            ("event_notes", id),
            super::actions_ui::Lines::Paragraphs(4),
            label.id,
        );
        if notes.changed() {
            changed = Some(notes.id);
        }
        if commit_time {
            match parse_local_time(&self.session.panel.time_text.1, offset) {
                Ok(time) => {
                    picked |= event.time != time;
                    event.time = time;
                    self.session.panel.time_error = None;
                    self.session.panel.time_text.0 = None;
                }
                Err(err) => {
                    self.session.panel.time_error = Some(format!("{err}; the time is unchanged."))
                }
            }
        }
        if picked {
            self.send(crate::doc::Edit::UpdateEvent(event));
        } else if let Some(key) = changed {
            self.send_merging(crate::doc::Edit::UpdateEvent(event), key);
        }
        ui.horizontal(|ui| {
            if let Some(c) = super::command_button(ui, Command::DeleteSelected, true) {
                self.request(c);
            }
            if ui
                .button("Action item from this event")
                .on_hover_text("Create an action item linked to this event")
                .clicked()
            {
                self.create_action(Some(crate::model::Link::Event(id)));
            }
            if ui
                .button("Insight")
                .on_hover_text("Write what the room learned at this event's moment")
                .clicked()
            {
                let at = self.session.doc.board().events[index].time;
                self.create_insight(at, None);
            }
        });
        ui.label(
            egui::RichText::new(format!(
                "At {}. The arrow keys move it: left and right in time, up and down across lanes.",
                dates.time(self.session.doc.board().events[index].time)
            ))
            .weak(),
        );
    }

    fn lanes_ui(&mut self, ui: &mut egui::Ui) {
        ui.strong("Lanes");
        let count = self.session.doc.board().lanes.len();
        let mut swap: Option<(usize, usize)> = None;
        let mut remove: Option<LaneId> = None;
        let mut changed: Vec<(crate::model::Lane, egui::Id)> = Vec::new();
        for i in 0..count {
            let mut lane = self.session.doc.board().lanes[i].clone();
            ui.horizontal_wrapped(|ui| {
                let mut rgb = [lane.colour.0, lane.colour.1, lane.colour.2];
                let colour = egui::widgets::color_picker::color_edit_button_srgb(ui, &mut rgb)
                    .on_hover_text("Lane colour");
                if colour.changed() {
                    lane.colour = crate::model::Rgb(rgb[0], rgb[1], rgb[2]);
                    changed.push((lane.clone(), colour.id));
                }
                let name = ui
                    // Narrower in a narrow panel (to its visible edge): the row stays one line
                    // where it can.
                    .add(egui::TextEdit::singleline(&mut lane.name).desired_width(
                        (ui.clip_rect().right() - ui.cursor().left() - 225.0).clamp(80.0, 150.0),
                    ))
                    .on_hover_text("Lane name");
                name.widget_info(|| egui::WidgetInfo::text_edit(true, "", &lane.name, "Lane name"));
                if name.changed() {
                    changed.push((lane.clone(), name.id));
                }
                if ui
                    .add_enabled(i > 0, egui::Button::new("Up"))
                    .on_hover_text("Move this lane up")
                    .clicked()
                {
                    swap = Some((i, i - 1));
                }
                if ui
                    .add_enabled(i + 1 < count, egui::Button::new("Down"))
                    .on_hover_text("Move this lane down")
                    .clicked()
                {
                    swap = Some((i, i + 1));
                }
                if ui
                    .add_enabled(count > 1, egui::Button::new("Remove…"))
                    .on_hover_text("Remove this lane (asks where its events go)")
                    .clicked()
                {
                    remove = Some(lane.id);
                }
            });
        }
        let lanes = &self.session.doc.board().lanes;
        if let Some((a, b)) = swap
            && let (Some(a), Some(b)) = (lanes.get(a), lanes.get(b))
        {
            let (a, b) = (a.id, b.id);
            self.send(crate::doc::Edit::SwapLanes(a, b));
        }
        for (lane, key) in changed {
            self.send_merging(crate::doc::Edit::UpdateLane(lane), key);
        }
        if let Some(lane) = remove {
            let move_to = self
                .session
                .doc
                .board()
                .lanes
                .iter()
                .find(|l| l.id != lane)
                .map(|l| l.id);
            self.session.modal = Some(Modal::RemoveLane { lane, move_to });
        }
        if let Some(c) = super::command_button(ui, Command::AddLane, true) {
            self.request(c);
        }
    }

    fn board_settings_ui(&mut self, ui: &mut egui::Ui) {
        ui.strong("Board");
        let mut title = self.session.doc.board().title.clone();
        let mut kind = self.session.doc.board().kind;
        let mut typed = None;
        let mut offset = None;
        egui::Grid::new("board_fields")
            .num_columns(2)
            .spacing(vec2(8.0, 8.0))
            .show(ui, |ui| {
                let label = ui.label("Board title");
                let field = ui
                    .add(
                        // To the panel's visible edge: a field as wide as a grid cell reports
                        // would keep the panel wider than its limit.
                        egui::TextEdit::singleline(&mut title).desired_width(
                            (ui.clip_rect().right() - ui.cursor().left() - 12.0).max(120.0),
                        ),
                    )
                    .labelled_by(label.id);
                if field.changed() {
                    typed = Some(field.id);
                }
                ui.end_row();
                let label = ui.label("Kind");
                egui::ComboBox::from_id_salt("board_kind")
                    .selected_text(kind.label())
                    .show_ui(ui, |ui| {
                        for k in [BoardKind::Incident, BoardKind::Sprint, BoardKind::Other] {
                            ui.selectable_value(&mut kind, k, k.label());
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Time zone");
                let shown = self.display_offset();
                egui::ComboBox::from_id_salt("board_offset")
                    .selected_text(zone_text(shown))
                    .height(320.0)
                    .show_ui(ui, |ui| {
                        let here = local_offset();
                        if ui
                            .selectable_label(
                                false,
                                format!("This computer's: {}", zone_text(here)),
                            )
                            .clicked()
                        {
                            offset = Some(here);
                        }
                        // Every quarter hour from UTC−12:00 to UTC+14:00.
                        for quarter in -48..=56 {
                            let Ok(o) = jiff::tz::Offset::from_seconds(quarter * 900) else {
                                continue;
                            };
                            if ui.selectable_label(o == shown, zone_text(o)).clicked() {
                                offset = Some(o);
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id)
                    .on_hover_text(
                        "The time zone the board is shown in and new events are made in; \
                         the events keep their moments",
                    );
                ui.end_row();
            });
        if let Some(key) = typed {
            self.send_merging(crate::doc::Edit::SetTitle(title), key);
        }
        if let Some(offset) = offset
            && offset != self.display_offset()
        {
            self.send(crate::doc::Edit::SetOffset(offset));
        }
        if kind != self.session.doc.board().kind {
            self.send(crate::doc::Edit::SetKind(kind));
        }
    }

    pub(crate) fn remove_lane_modal_ui(
        &mut self,
        ctx: &egui::Context,
        lane: LaneId,
        mut move_to: Option<LaneId>,
    ) {
        let Some(name) = self.session.doc.board().lane(lane).map(|l| l.name.clone()) else {
            self.session.modal = None;
            return;
        };
        let events = self
            .session
            .doc
            .board()
            .events
            .iter()
            .filter(|e| e.lane == lane)
            .count();
        let others: Vec<(LaneId, String)> = self
            .session
            .doc
            .board()
            .lanes
            .iter()
            .filter(|l| l.id != lane)
            .map(|l| (l.id, l.name.clone()))
            .collect();
        let decided = super::ask(ctx, "remove_lane", "Remove lane", |ui| {
            ui.heading(format!("Remove lane \"{name}\"?"));
            if events > 0 {
                let label = ui.label(format!("It holds {events} event(s). Move them to:"));
                egui::ComboBox::from_id_salt("move_events_to")
                    .selected_text(
                        move_to
                            .and_then(|id| others.iter().find(|(l, _)| *l == id))
                            .map_or("Delete them with the lane", |(_, n)| n.as_str()),
                    )
                    .show_ui(ui, |ui| {
                        for (id, other) in &others {
                            ui.selectable_value(&mut move_to, Some(*id), other);
                        }
                        ui.selectable_value(&mut move_to, None, "Delete them with the lane");
                    })
                    .response
                    .labelled_by(label.id);
            } else {
                ui.label("It holds no events.");
            }
            false
        });
        match decided {
            Some(true) => {
                self.session.modal = None;
                self.send(crate::doc::Edit::RemoveLane { lane, move_to });
            }
            Some(false) => self.session.modal = None,
            None => self.session.modal = Some(Modal::RemoveLane { lane, move_to }),
        }
    }
}

/// The selected event's title, fields per event so that their text undo and focus never cross
/// to another one. When just created (`focus`), the cursor is put in it with the placeholder
/// selected, so that typing replaces it.
fn event_title_ui(
    ui: &mut egui::Ui,
    title: &mut String,
    id: crate::model::EventId,
    label: egui::Id,
    focus: bool,
) -> egui::Response {
    let field = ui
        .vertical(|ui| {
            super::actions_ui::blame_aware_text_edit(
                ui,
                title,
                ("event_title", id),
                super::actions_ui::Lines::One,
                label,
            )
        })
        .inner;
    if focus {
        field.request_focus();
        field.scroll_to_me(Some(egui::Align::Center));
        if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), field.id) {
            let all = egui::text::CCursorRange::two(
                egui::text::CCursor::new(0),
                egui::text::CCursor::new(title.chars().count()),
            );
            state.cursor.set_char_range(Some(all));
            state.store(ui.ctx(), field.id);
        }
    }
    field
}
