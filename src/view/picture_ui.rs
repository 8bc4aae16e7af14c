//! The board as a picture: the window's own timeline and plot, with the title and dates above
//! and the action items below, and none of the editing chrome.

use eframe::egui::{self, RichText};

use crate::analysis::smart;
use crate::model::ActionStatus;
use crate::theme;
use crate::view::BoardView;

impl BoardView<'_> {
    /// Draws the whole board for a picture.
    pub fn picture_ui(&mut self, ui: &mut egui::Ui) {
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
                    self.derived.spans.len(),
                    if self.derived.spans.len() == 1 {
                        ""
                    } else {
                        "s"
                    }
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
                                    theme::palette(ui.ctx()).smart_met
                                } else {
                                    theme::palette(ui.ctx()).nudge_text
                                },
                            ));
                            let done = if item.status == ActionStatus::Done {
                                " (done)"
                            } else {
                                ""
                            };
                            // The whole action, and how everyone will see it is done.
                            ui.vertical(|ui| {
                                ui.set_width(text_width);
                                ui.add(egui::Label::new(format!("{}{done}", item.text)).wrap());
                                if !item.done_when.trim().is_empty() {
                                    ui.add(
                                        egui::Label::new(
                                            RichText::new(format!(
                                                "Done when: {}",
                                                item.done_when.trim()
                                            ))
                                            .weak(),
                                        )
                                        .wrap(),
                                    );
                                }
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
    }
}

/// A board drawn as a picture on its own, with no window around it: what an export draws.
pub struct Picture {
    board: crate::model::Board,
    derived: crate::doc::Derived,
    state: crate::view::ViewState,
}

impl Picture {
    pub fn new(board: crate::model::Board, anonymous: bool) -> Self {
        let mut state = crate::view::ViewState::new(crate::view::Mode::Picture);
        state.anonymous = anonymous;
        Self {
            derived: crate::doc::Derived::of(&board),
            board,
            state,
        }
    }

    /// Takes `today` as the current date, which decides whether dates show their year.
    pub fn with_today(mut self, today: jiff::civil::Date) -> Self {
        self.state.today = Some(today);
        self
    }

    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let mut actions = Vec::new();
        BoardView {
            board: &self.board,
            derived: &self.derived,
            state: &mut self.state,
            actions: &mut actions,
        }
        .picture_ui(ui);
    }
}
