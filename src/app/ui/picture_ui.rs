//! The board as a picture: the window's own timeline and plot, with the title and dates above
//! and the action items below, and none of the editing chrome.

use eframe::egui::{self, RichText};

use crate::analysis::smart;
use crate::app::RetrolineApp;
use crate::model::ActionStatus;
use crate::theme;

impl RetrolineApp {
    /// Draws the whole board for a picture.
    pub fn picture_ui(&mut self, ui: &mut egui::Ui) {
        self.frame_range = Some(self.board.time_range());
        let dates = self.dates();
        egui::Panel::top("picture_header").show(ui, |ui| {
            ui.heading(RichText::new(&self.board.title).strong());
            let range = match self.board_range() {
                Some(r) => format!(
                    "{} board · {} – {} ({}) · θ = {} · {} divergence{}",
                    self.board.kind.label(),
                    dates.time(r.start),
                    dates.time(r.end),
                    dates.zone(),
                    self.board.settings.neutral_band,
                    self.spans.len(),
                    if self.spans.len() == 1 { "" } else { "s" }
                ),
                None => format!("{} board", self.board.kind.label()),
            };
            ui.label(range);
            ui.add_space(4.0);
        });
        if !self.board.action_items.is_empty() {
            egui::Panel::bottom("picture_actions").show(ui, |ui| {
                ui.add_space(4.0);
                ui.strong("Action items");
                let text_width = (ui.available_width() * 0.62).max(200.0);
                egui::Grid::new("picture_action_grid")
                    .num_columns(4)
                    .spacing(egui::vec2(16.0, 4.0))
                    .show(ui, |ui| {
                        for item in &self.board.action_items {
                            let report = smart::check(item);
                            ui.label(RichText::new(report.compact()).monospace().strong().color(
                                if report.is_smart() {
                                    theme::smart_met(ui.visuals().dark_mode)
                                } else {
                                    theme::nudge_text(ui.visuals().dark_mode)
                                },
                            ));
                            let done = if item.status == ActionStatus::Done {
                                " (done)"
                            } else {
                                ""
                            };
                            ui.scope(|ui| {
                                ui.set_width(text_width);
                                ui.add(egui::Label::new(format!("{}{done}", item.text)).truncate());
                            });
                            let owner = match self.board.participant_named(&item.owner) {
                                Some(p) => self.shown_name(p.id),
                                None => item.owner.clone(),
                            };
                            ui.label(if owner.is_empty() {
                                "no owner".to_owned()
                            } else {
                                owner
                            });
                            ui.label(item.due.map_or_else(
                                || "no due date".to_owned(),
                                |d| format!("due {}", d.to_text()),
                            ));
                            ui.end_row();
                        }
                    });
                ui.add_space(4.0);
            });
        }
        egui::CentralPanel::default().show(ui, |ui| self.timeline_ui(ui));
        self.frame_range = None;
    }
}
