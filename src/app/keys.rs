//! Commands and keys: what each menu command does, and which keys ask for which.

use eframe::egui;

use super::{AfterDiscard, Command, Modal, RetrolineApp};
use crate::doc::Edit;
use crate::model::Moment;
use crate::view::time_axis;

impl RetrolineApp {
    /// Runs a menu command.
    pub(crate) fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::New | Command::Open | Command::NewFromPrevious
                if self.session.doc.has_work_to_lose() =>
            {
                let then = match command {
                    Command::New => AfterDiscard::New,
                    Command::NewFromPrevious => AfterDiscard::NewFrom(None),
                    _ => AfterDiscard::Open(None),
                };
                self.session.modal = Some(Modal::UnsavedChanges(then));
            }
            Command::New => self.new_board(),
            Command::NewFromPrevious => self.ask_and_new_from(),
            Command::ImportIntoBoard => self.ask_and_import(),
            Command::NextPhase => self.next_phase(),
            Command::PauseTimer => self.toggle_pause(),
            Command::ExtendTimer => self.extend_timer(),
            Command::EndMeeting => self.end_meeting(),
            Command::RevealVotes => self.reveal_votes(),
            Command::Open => self.ask_and_open(),
            Command::Save => {
                self.save(false);
            }
            Command::SaveAs => {
                self.save(true);
            }
            Command::ExportReport => self.ask_and_export_report(),
            // As the window's close button: unsaved changes are asked about first.
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::Present => self.toggle_presenting(ctx),
            Command::Fullscreen => {
                let fullscreen = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(!fullscreen));
            }
            Command::ToggleTurningPoints => {
                let view = &mut self.session.view;
                view.show_turning_points = !view.show_turning_points;
            }
            Command::ToggleAnonymous => {
                self.shell.prefs.anonymous = !self.shell.prefs.anonymous;
                self.view_takes_prefs();
            }
            Command::ThemeLight => self.set_theme(ctx, crate::theme::Theme::Light),
            Command::ThemeDark => self.set_theme(ctx, crate::theme::Theme::Dark),
            Command::ThemeProjector => self.set_theme(ctx, crate::theme::Theme::Projector),
            Command::ExportPng => self.ask_and_export_png(ctx),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::DeleteSelected => self.delete_selected(),
            Command::NewEvent => self.new_event_in_view(),
            Command::Invite => self.invite(ctx),
            Command::Reveal => self.reveal(),
            Command::StopRound => self.stop_round(),
            Command::PasteAnswers => self.session.modal = Some(Modal::PasteAnswers(String::new())),
            Command::SaveForm => self.ask_and_save_form(),
            Command::About => self.session.modal = Some(Modal::About),
            Command::NewInsight => self.new_insight_here(),
            Command::NextEventKind => self.next_event_kind(),
            Command::KeepNamesBack => self.toggle_names_back(),
            Command::ShowNames => self.name_everyone(),
            Command::Trends => self.ask_and_show_trends(ctx),
            Command::PreviousEvent => self.step_event(-1),
            Command::NextEvent => self.step_event(1),
            Command::TypeFeelings => self.start_typing(),
            Command::AddFeelings => {
                let board = self.session.doc.board();
                if let Err(why) = self.session.view.toggle_adding_feelings(board) {
                    self.shell.notifications.info(why);
                }
            }
            Command::ToggleSidePanel => {
                self.shell.prefs.side_panel_hidden = !self.shell.prefs.side_panel_hidden;
            }
            Command::FitAll => {
                self.session.view.fit_requested = true;
                self.session.view.reveal_event = self.session.view.selected;
            }
            Command::ZoomIn | Command::ZoomOut => {
                let mut view = self.time_view();
                let factor = if command == Command::ZoomIn {
                    1.5
                } else {
                    1.0 / 1.5
                };
                view.zoom_around((view.start + view.end) / 2.0, factor);
                self.session.view.time_view = Some(view);
                // The rows change with the zoom: keep the selected card in sight.
                self.session.view.reveal_event = self.session.view.selected;
            }
            Command::BiggerPlot | Command::SmallerPlot => {
                let step = if command == Command::BiggerPlot {
                    0.1
                } else {
                    -0.1
                };
                // From the split on screen, which the default may have chosen.
                let now = self.session.view.plot_share().or_else(|| {
                    let g = self.session.view.geometry.as_ref()?;
                    let body = g.board.height() - crate::theme::AXIS_HEIGHT;
                    (body > 0.0).then(|| g.feelings.height() / body)
                });
                if let Some(now) = now {
                    self.session.view.set_plot_share(Some(now + step));
                    // As the view keeps it (within its bounds).
                    self.shell.prefs.plot_share = self.session.view.plot_share();
                }
            }
            Command::AddLane => {
                let n = self.session.doc.board().lanes.len() + 1;
                self.edit_now(
                    Edit::AddLane {
                        name: format!("Lane {n}"),
                    },
                    None,
                );
            }
        }
        ctx.request_repaint();
    }

    /// The stretch of time shown, fitted to the board the first time it is needed.
    pub(crate) fn time_view(&mut self) -> time_axis::TimeView {
        *self
            .session
            .view
            .time_view
            .get_or_insert_with(|| crate::view::fit_view(self.session.doc.board()))
    }

    /// A new event in the middle of the view, in the selected event's lane or the first one.
    fn new_event_in_view(&mut self) {
        let view = self.time_view();
        let board = self.session.doc.board();
        let lane = self
            .session
            .view
            .selected
            .and_then(|id| board.events.iter().find(|e| e.id == id))
            .map(|e| e.lane)
            .or_else(|| board.lanes.first().map(|l| l.id));
        let lane = match lane {
            Some(lane) => lane,
            None => {
                self.edit_now(
                    Edit::AddLane {
                        name: "Technical".to_owned(),
                    },
                    None,
                );
                match self.session.doc.board().lanes.first() {
                    Some(l) => l.id,
                    None => return,
                }
            }
        };
        let step = self
            .session
            .view
            .geometry
            .as_ref()
            .map_or(60.0, |g| time_axis::snap_step(&view, g.axis_width));
        let offset = self.display_offset();
        let t = time_axis::snap((view.start + view.end) / 2.0, step, offset);
        if let Some(time) = Moment::from_unix_seconds_f64(t.round(), offset) {
            self.edit_now(
                Edit::AddEvent {
                    time,
                    title: "New event".to_owned(),
                    lane,
                    notes: String::new(),
                },
                None,
            );
        }
    }

    fn delete_selected(&mut self) {
        if let Some(id) = self.session.view.selected_feeling.take() {
            self.edit_now(Edit::DeleteFeeling(id), None);
        } else if let Some(id) = self.session.view.selected.take() {
            self.edit_now(Edit::DeleteEvent(id), None);
        }
    }

    /// Shortcuts become commands. Those with Ctrl wait while text is edited; single keys act
    /// only while the board has the keyboard focus (present mode has nothing else to type in).
    pub(crate) fn shortcuts(&mut self, ctx: &egui::Context) {
        if self.session.modal.is_some() {
            return;
        }
        let typing = crate::view::keys_go_elsewhere(ctx);
        let presenting = self.session.view.is_presenting();
        // Esc out of a text field hands the keys back to the board.
        if !typing
            && ctx.memory(|m| m.focused().is_none())
            && ctx.input(|i| i.key_pressed(egui::Key::Escape))
        {
            crate::view::focus_board(ctx);
        }
        let board_keys = presenting || crate::view::board_has_focus(ctx);
        // Ctrl+Z also matches Ctrl+Shift+Z: try the shortcuts with more modifiers first.
        let mut commands: Vec<Command> = Command::all().collect();
        commands.sort_by_key(|c| {
            std::cmp::Reverse(c.shortcut().map_or(0, |s| {
                u8::from(s.modifiers.shift)
                    + u8::from(s.modifiers.command)
                    + u8::from(s.modifiers.alt)
            }))
        });
        for command in commands {
            if (typing && command.shortcut_conflicts_with_typing())
                || (command.needs_board_focus() && !board_keys)
            {
                continue;
            }
            for shortcut in [command.shortcut(), command.alternative_shortcut()]
                .into_iter()
                .flatten()
            {
                if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                    self.request(command);
                }
            }
        }
        if !typing && board_keys && self.session.view.drag.is_none() {
            if presenting {
                let (left, right, escape) = ctx.input(|i| {
                    (
                        i.key_pressed(egui::Key::ArrowLeft),
                        i.key_pressed(egui::Key::ArrowRight),
                        i.key_pressed(egui::Key::Escape),
                    )
                });
                if right {
                    self.step(1);
                }
                if left {
                    self.step(-1);
                }
                if escape {
                    self.leave_presenting(ctx);
                }
            } else {
                // Esc leaves adding feelings: clicks in the plot only select again.
                if self.session.view.adding_feelings
                    && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
                {
                    self.session.view.adding_feelings = false;
                }
                self.nudge_selected(ctx);
                self.number_keys(ctx);
            }
        }
    }

    /// 1–9 choose whose feelings a click in the plot adds while adding is on.
    fn number_keys(&mut self, ctx: &egui::Context) {
        use egui::Key;
        const KEYS: [Key; 9] = [
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
            Key::Num9,
        ];
        for (i, key) in KEYS.iter().enumerate() {
            if ctx.input_mut(|inp| inp.consume_key(egui::Modifiers::NONE, *key))
                && let Some(p) = self.session.doc.board().participants.get(i)
            {
                self.session.view.active_participant = Some(p.id);
            }
        }
    }

    /// Arrow keys move the selected event: left/right in time by the snapping step, up/down
    /// to the lane above or below.
    fn nudge_selected(&mut self, ctx: &egui::Context) {
        let Some(id) = self.session.view.selected else {
            return;
        };
        let Some(event) = self
            .session
            .doc
            .board()
            .events
            .iter()
            .find(|e| e.id == id)
            .cloned()
        else {
            return;
        };
        let (left, right, up, down) = ctx.input(|i| {
            (
                i.key_pressed(egui::Key::ArrowLeft),
                i.key_pressed(egui::Key::ArrowRight),
                i.key_pressed(egui::Key::ArrowUp),
                i.key_pressed(egui::Key::ArrowDown),
            )
        });
        if !(left || right || up || down) {
            return;
        }
        let view = self.time_view();
        let step = self
            .session
            .view
            .geometry
            .as_ref()
            .map_or(60.0, |g| time_axis::snap_step(&view, g.axis_width));
        let mut t = event.time.unix_seconds_f64();
        let offset = self.display_offset();
        if left {
            t = time_axis::snap(t - step, step, offset);
        }
        if right {
            t = time_axis::snap(t + step, step, offset);
        }
        let lanes = &self.session.doc.board().lanes;
        let index = lanes.iter().position(|l| l.id == event.lane);
        let lane = match index {
            Some(i) if up && i > 0 => lanes[i - 1].id,
            Some(i) if down && i + 1 < lanes.len() => lanes[i + 1].id,
            _ => event.lane,
        };
        if let Some(time) = crate::view::moved_to(t, event.time, offset)
            && (event.lane != lane || event.time != time)
        {
            self.edit_now(Edit::MoveEvent { id, lane, time }, None);
            self.session.view.reveal_event = Some(id);
        }
    }
}
