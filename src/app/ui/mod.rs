//! The window's panels, one file each.

mod about_ui;
mod actions_ui;
mod details_ui;
mod insights_ui;
mod meeting_ui;
mod participants_ui;
mod turns_ui;
mod votes_ui;

use eframe::egui;

use super::command::Command;
use super::effect::Effect;
use super::notifications::Level;
use super::{Modal, PathPurpose, RetrolineApp};
use crate::model::time::format;
pub(crate) use crate::view::command_button;

impl RetrolineApp {
    pub(crate) fn menu_bar_ui(&mut self, ui: &mut egui::Ui) {
        let can_undo = self.can_undo();
        let can_redo = self.session.doc.history().can_redo();
        let has_selection = self.session.view.selected.is_some();
        let in_round = self.session.invite.is_some();
        let round_open = self.session.invite.as_ref().is_some_and(|i| i.is_open());
        let names_back = self.session.doc.board().naming.hides_names();
        let mut chosen = Vec::new();
        let mut item = |ui: &mut egui::Ui, command: Command, enabled: bool| {
            if let Some(c) = command_button(ui, command, enabled) {
                chosen.push(c);
                ui.close();
            }
        };
        egui::Panel::top("menu_bar").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("File", |ui| {
                    for c in [
                        Command::New,
                        Command::NewFromPrevious,
                        Command::Open,
                        Command::Save,
                        Command::SaveAs,
                    ] {
                        item(ui, c, true);
                    }
                    item(ui, Command::ImportIntoBoard, true);
                    ui.separator();
                    item(ui, Command::ExportPng, true);
                    item(ui, Command::ExportReport, true);
                    ui.separator();
                    item(ui, Command::Trends, true);
                    ui.separator();
                    item(ui, Command::Quit, true);
                });
                ui.menu_button("Edit", |ui| {
                    item(ui, Command::Undo, can_undo);
                    item(ui, Command::Redo, can_redo);
                    ui.separator();
                    item(ui, Command::NewEvent, true);
                    item(ui, Command::PreviousEvent, true);
                    item(ui, Command::NextEvent, true);
                    item(ui, Command::TypeFeelings, true);
                    item(ui, Command::NextEventKind, has_selection);
                    item(ui, Command::NewInsight, true);
                    item(ui, Command::DeleteSelected, has_selection);
                    item(ui, Command::AddLane, true);
                });
                ui.menu_button("Round", |ui| {
                    item(ui, Command::Invite, true);
                    item(ui, Command::Reveal, in_round);
                    item(ui, Command::StopRound, round_open);
                    ui.separator();
                    item(ui, Command::KeepNamesBack, true);
                    item(ui, Command::ShowNames, names_back);
                    ui.separator();
                    item(ui, Command::SaveForm, true);
                    item(ui, Command::PasteAnswers, true);
                });
                ui.menu_button("View", |ui| {
                    for c in [
                        Command::FitAll,
                        Command::ZoomIn,
                        Command::ZoomOut,
                        Command::BiggerPlot,
                        Command::SmallerPlot,
                    ] {
                        item(ui, c, true);
                    }
                    item(ui, Command::AddFeelings, true);
                    item(ui, Command::ToggleSidePanel, true);
                    ui.separator();
                    item(ui, Command::Present, true);
                    item(ui, Command::Fullscreen, true);
                    ui.separator();
                    for c in [
                        Command::ThemeLight,
                        Command::ThemeDark,
                        Command::ThemeProjector,
                    ] {
                        item(ui, c, true);
                    }
                    item(ui, Command::ToggleAnonymous, true);
                    item(ui, Command::ToggleTurningPoints, true);
                    self.kind_filter_menu_ui(ui);
                    ui.label(egui::RichText::new("Ctrl +, Ctrl −, Ctrl 0: text size").weak());
                    self.renderer_menu_ui(ui);
                });
                ui.menu_button("Help", |ui| {
                    item(ui, Command::About, true);
                });
            });
        });
        for c in chosen {
            self.request(c);
        }
    }

    /// Which events stand out on the timeline: all, or one kind with the others faded.
    fn kind_filter_menu_ui(&mut self, ui: &mut egui::Ui) {
        ui.menu_button("Events shown", |ui| {
            let filter = &mut self.session.view.kind_filter;
            ui.radio_value(filter, None, "Every event alike");
            for kind in crate::model::EventKind::ALL {
                if !kind.is_none() {
                    ui.radio_value(
                        filter,
                        Some(kind),
                        format!("Only {} stands out", kind.label()),
                    )
                    .on_hover_text("The other events are faded, not removed");
                }
            }
        });
    }

    /// Which renderer draws the window from the next start; the one in use, and why.
    fn renderer_menu_ui(&mut self, ui: &mut egui::Ui) {
        let Some(window) = &mut self.shell.window else {
            return;
        };
        ui.separator();
        ui.label(egui::RichText::new(format!("Drawn with {}", window.renderer)).weak());
        let mut chosen = window.saved;
        for choice in [
            super::renderer::Choice::Auto,
            super::renderer::Choice::Glow,
            super::renderer::Choice::Wgpu,
        ] {
            ui.radio_value(&mut chosen, choice, choice.label())
                .on_hover_text(
                    "From the next start. Automatic draws with glow where the only graphics \
                     adapter is a software one, and with wgpu on a GPU",
                );
        }
        if chosen != window.saved {
            window.saved = chosen;
            self.push(Effect::SaveRenderer(chosen));
        }
    }

    pub(crate) fn header_ui(&mut self, ui: &mut egui::Ui) {
        let mut start_meeting = false;
        let dates = self.dates();
        let range = self.board_range();
        let unsaved = self.session.doc.is_unsaved();
        egui::Panel::top("header").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(egui::RichText::new(&self.session.doc.board().title).strong());
                if unsaved {
                    ui.label(egui::RichText::new("unsaved").italics())
                        .on_hover_text("Changes since the board was last saved (Ctrl+S)");
                }
                let started = self.session.doc.board().agenda.iter().any(|p| p.started.is_some());
                if !started && !self.session.doc.board().agenda.is_empty() {
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if ui
                            .button("Start the meeting")
                            .on_hover_text(
                                "Start the agenda's first phase and its timer (Ctrl+Shift+N);                                  the agenda is in the Meeting tab",
                            )
                            .clicked()
                        {
                            start_meeting = true;
                        }
                    });
                }
            });
            let range_text = match range {
                Some(r) => format!(
                    "{} board · {} – {} ({})",
                    self.session.doc.board().kind.label(),
                    dates.time(r.start),
                    dates.time(r.end),
                    dates.zone()
                ),
                None => format!("{} board · no events yet", self.session.doc.board().kind.label()),
            };
            ui.label(range_text);
            ui.add_space(4.0);
        });
        if start_meeting {
            self.request(Command::NextPhase);
        }
    }

    /// The messages: errors until dismissed, each with its own button; other news for a while.
    pub(crate) fn status_bar_ui(&mut self, ui: &mut egui::Ui) {
        if self.shell.notifications.is_empty() {
            return;
        }
        let mut dismiss = None;
        let mut undo = false;
        egui::Panel::bottom("status").show(ui, |ui| {
            let dropped = self.shell.notifications.dropped_errors;
            if dropped > 0 {
                ui.label(format!("{dropped} earlier errors are in the log."));
            }
            for n in self.shell.notifications.iter() {
                ui.horizontal_wrapped(|ui| {
                    let times = if n.count > 1 {
                        format!(" (×{})", n.count)
                    } else {
                        String::new()
                    };
                    match n.level {
                        Level::Error => {
                            ui.colored_label(
                                ui.visuals().error_fg_color,
                                format!("{}{times}", n.text),
                            );
                            if ui
                                .button("Dismiss")
                                .on_hover_text("Hide this message")
                                .clicked()
                            {
                                dismiss = Some(n.id);
                            }
                        }
                        Level::Info => {
                            ui.label(format!("{}{times}", n.text));
                            if n.undoable
                                && ui
                                    .button("Undo")
                                    .on_hover_text("Take it back (Ctrl+Z)")
                                    .clicked()
                            {
                                undo = true;
                            }
                        }
                    }
                });
            }
        });
        if let Some(id) = dismiss {
            self.shell.notifications.dismiss(id);
        }
        if undo {
            self.request(Command::Undo);
        }
    }

    pub(crate) fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.session.modal.clone() else {
            return;
        };
        match modal {
            Modal::UnsavedChanges(then) => {
                let mut decided = None;
                let response = egui::Modal::new(egui::Id::unique("unsaved_changes")).show(ctx, |ui| {
                    ui.set_max_width(520.0);
                    ui.heading("Save changes?");
                    ui.label(format!(
                        "\"{}\" has changes that are not saved. They are lost unless you save them.",
                        self.session.doc.board().title
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            decided = Some(true);
                        }
                        if ui.button("Discard changes").clicked() {
                            decided = Some(false);
                        }
                        if ui.button("Cancel").clicked() {
                            self.session.modal = None;
                        }
                    });
                });
                if response.should_close() && decided.is_none() {
                    self.session.modal = None;
                }
                if let Some(save) = decided {
                    self.session.modal = None;
                    self.push(Effect::AfterUnsaved { save, then });
                }
            }
            Modal::RemoveLane { lane, move_to } => self.remove_lane_modal_ui(ctx, lane, move_to),
            Modal::TypePath { purpose, text } => self.type_path_modal_ui(ctx, purpose, text),
            Modal::PasteAnswers(text) => self.paste_answers_modal_ui(ctx, text),
            Modal::RemoveParticipant(id) => self.remove_participant_modal_ui(ctx, id),
            Modal::Safety => self.safety_modal_ui(ctx),
            Modal::Restore => self.restore_modal_ui(ctx),
            Modal::ChangedOnDisk => self.changed_on_disk_modal_ui(ctx),
            Modal::About => self.about_modal_ui(ctx),
        }
    }

    /// Offers back the boards a session that ended without saving left in recovery files.
    fn restore_modal_ui(&mut self, ctx: &egui::Context) {
        let mut action = None;
        let response = egui::Modal::new(egui::Id::unique("restore")).show(ctx, |ui| {
            ui.set_max_width(720.0);
            ui.heading("Restore unsaved work?");
            ui.label(
                "A session ended without saving. These boards were autosaved with changes \
                 that are not in their files:",
            );
            egui::ScrollArea::vertical()
                .max_height(ui.ctx().content_rect().height() * 0.6)
                .show(ui, |ui| {
                    for (i, offer) in self.shell.recovery_offers.iter().enumerate() {
                        ui.separator();
                        let r = &offer.recovered;
                        let file = r
                            .board_path
                            .as_ref()
                            .map_or_else(|| "never saved".to_owned(), |p| p.display().to_string());
                        ui.label(egui::RichText::new(&r.board.title).strong());
                        ui.label(format!("File: {file}"));
                        ui.label(format!(
                            "Autosaved {}{}",
                            format::utc_text(r.written_at),
                            offer
                                .saved_at
                                .as_ref()
                                .map_or_else(String::new, |t| format!("; the file was saved {t}"))
                        ));
                        ui.label("Newer than the file:");
                        for line in offer.changes.iter().take(8) {
                            ui.label(format!("  • {line}"));
                        }
                        if offer.changes.len() > 8 {
                            ui.label(format!("  • and {} more", offer.changes.len() - 8));
                        }
                        ui.horizontal(|ui| {
                            let restore = ui.button("Restore").on_hover_text(
                                "Show this board with its autosaved changes, unsaved",
                            );
                            // Enter or Space restores the newest one.
                            if i == 0 && ui.memory(|m| m.focused().is_none()) {
                                restore.request_focus();
                            }
                            if restore.clicked() {
                                action = Some((i, true));
                            }
                            if ui
                                .button("Discard")
                                .on_hover_text("Delete the autosaved changes")
                                .clicked()
                            {
                                action = Some((i, false));
                            }
                        });
                    }
                });
            ui.separator();
            if ui
                .button("Decide later")
                .on_hover_text(
                    "Keep the autosaved boards; they are offered again at the next start",
                )
                .clicked()
            {
                self.session.modal = None;
            }
        });
        match action {
            Some((i, true)) => self.push(Effect::Restore(i)),
            Some((i, false)) => self.push(Effect::DiscardRecovery(i)),
            None if response.should_close() => self.session.modal = None,
            None => {}
        }
        if self.session.modal.is_none()
            && self.session.doc.path().is_none()
            && !self.session.doc.is_unsaved()
        {
            // A new board still opens with the safety statement.
            self.show_safety_opening();
        }
    }

    /// The board's file changed on disk since it was opened: overwrite it, save elsewhere, or not.
    fn changed_on_disk_modal_ui(&mut self, ctx: &egui::Context) {
        let name = self
            .session
            .doc
            .path()
            .map_or_else(String::new, |p| p.display().to_string());
        let mut choice = None;
        let response = egui::Modal::new(egui::Id::unique("changed_on_disk")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading("The file changed on disk");
            ui.label(format!(
                "{name} was changed by another program or person since it was opened here. \
                 Saving replaces their version (it is kept as {}.bak).",
                self.session
                    .doc
                    .path()
                    .and_then(|p| p.file_name())
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Overwrite").clicked() {
                    choice = Some(Command::Save);
                }
                if ui.button("Save as…").clicked() {
                    choice = Some(Command::SaveAs);
                }
                if ui.button("Cancel").clicked() {
                    self.session.modal = None;
                }
            });
        });
        if response.should_close() && choice.is_none() {
            self.session.modal = None;
        }
        match choice {
            Some(Command::Save) => {
                self.session.modal = None;
                if let Some(path) = self.session.doc.path().map(std::path::Path::to_owned) {
                    self.push(Effect::SaveTo(path));
                }
            }
            Some(command) => {
                self.session.modal = None;
                self.request(command);
            }
            None => {}
        }
    }
}

impl RetrolineApp {
    /// Asks for a path in the window, where the desktop has no file dialog to offer.
    fn type_path_modal_ui(&mut self, ctx: &egui::Context, purpose: PathPurpose, mut text: String) {
        let (title, ok) = match purpose {
            PathPurpose::Open => ("Open a board", "Open"),
            PathPurpose::NewFrom => ("Start from the last retrospective's board", "Start"),
            PathPurpose::Import => ("Import into this board", "Preview"),
            PathPurpose::SaveBoard => ("Save the board as", "Save"),
            PathPurpose::ExportReport => ("Export the report as", "Export"),
            PathPurpose::ExportPng => ("Export a picture as", "Export"),
            PathPurpose::Form => ("Save the offline form as", "Save"),
            PathPurpose::Trends => ("Trends across the boards in a folder", "Show"),
        };
        let decided = ask(ctx, "type_path", ok, |ui| {
            ui.set_min_width(640.0);
            ui.heading(title);
            ui.label(if purpose == PathPurpose::Trends {
                "No folder dialog is available on this desktop; type the folder's path."
            } else {
                "No file dialog is available on this desktop; type the file's path."
            });
            let label = ui.label("Path");
            let field = ui
                .add(egui::TextEdit::singleline(&mut text).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            if !field.has_focus() && !field.lost_focus() {
                field.request_focus();
            }
            field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
        });
        match decided {
            Some(true) if !text.trim().is_empty() => {
                self.session.modal = None;
                let path = std::path::PathBuf::from(text.trim());
                let with = super::dialogs::with_extension;
                self.push(match purpose {
                    PathPurpose::Open => Effect::Open(path),
                    PathPurpose::NewFrom => Effect::NewFrom(path),
                    PathPurpose::Import => Effect::PreviewImport(path),
                    PathPurpose::SaveBoard => Effect::SaveTo(with(path, "ron")),
                    PathPurpose::ExportReport => Effect::ExportReport(with(path, "md")),
                    PathPurpose::ExportPng => Effect::ExportPng(with(path, "png")),
                    PathPurpose::Form => Effect::SaveForm(with(path, "html")),
                    PathPurpose::Trends => Effect::ShowTrends(path),
                });
            }
            Some(false) => self.session.modal = None,
            _ => self.session.modal = Some(Modal::TypePath { purpose, text }),
        }
    }
}

/// Lists longer than this scroll by themselves, see [`scrolling_rows`].
pub(crate) const LONG_LIST: usize = 12;

/// A list of `count` rows of one widget height that scrolls in the room of [`LONG_LIST`] rows
/// and lays out only the rows in view: `row` draws row `i`.
pub(crate) fn scrolling_rows(
    ui: &mut egui::Ui,
    id_salt: &str,
    count: usize,
    mut row: impl FnMut(&mut egui::Ui, usize),
) {
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .id_salt(id_salt)
        .max_height(LONG_LIST as f32 * (row_height + ui.spacing().item_spacing.y))
        .auto_shrink([false, true])
        .show_rows(ui, row_height, count, |ui, rows| {
            for i in rows {
                row(ui, i);
            }
        });
}

/// Shows a question in a modal with an `ok` button and Cancel. `content` draws the question and
/// returns whether it was confirmed from inside (Enter in a field). Returns `Some(true)` when
/// confirmed, `Some(false)` when cancelled (Cancel, Esc or a click outside), `None` while open.
pub(crate) fn ask(
    ctx: &egui::Context,
    id_salt: &str,
    ok: &str,
    content: impl FnOnce(&mut egui::Ui) -> bool,
) -> Option<bool> {
    let mut decided = None;
    let response = egui::Modal::new(egui::Id::unique(id_salt)).show(ctx, |ui| {
        ui.set_min_width(520.0);
        if content(ui) {
            decided = Some(true);
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(ok).clicked() {
                decided = Some(true);
            }
            if ui.button("Cancel").clicked() {
                decided = Some(false);
            }
        });
    });
    if response.should_close() && decided.is_none() {
        decided = Some(false);
    }
    decided
}

/// A ring in the theme's focus colour around the widget that has the keyboard focus, so
/// keyboard users always see where their keys go. The board draws its own.
pub(crate) fn focus_ring(ctx: &egui::Context) {
    let Some(id) = ctx.memory(|m| m.focused()) else {
        return;
    };
    if id == crate::view::board_focus_id() {
        return;
    }
    let Some(response) = ctx.read_response(id) else {
        return;
    };
    let colour = crate::theme::palette(ctx).focus_ring;
    ctx.layer_painter(response.layer_id)
        .with_clip_rect(response.interact_rect.expand(4.0))
        .rect_stroke(
            response.rect.expand(2.0),
            3.0,
            egui::Stroke::new(2.0, colour),
            egui::StrokeKind::Outside,
        );
}
