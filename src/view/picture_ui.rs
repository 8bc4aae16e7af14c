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
        let mut parts = crate::view::PictureParts::default();
        let header = egui::Panel::top("picture_header").show(ui, |ui| {
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
        parts.header = header.response.rect;
        parts.around_board = header.response.rect.height();
        if !self.board.action_items.is_empty() {
            let panel = egui::Panel::bottom("picture_actions").show(ui, |ui| {
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
                            let text = ui.vertical(|ui| {
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
                            let due = ui.label(item.due.map_or_else(
                                || "no due date".to_owned(),
                                |d| format!("due {}", d.to_text()),
                            ));
                            parts.actions.push(egui::Rect::from_min_max(
                                egui::pos2(
                                    ui.max_rect().left(),
                                    text.response.rect.top().min(due.rect.top()),
                                ),
                                egui::pos2(
                                    due.rect.right(),
                                    text.response.rect.bottom().max(due.rect.bottom()),
                                ),
                            ));
                            ui.end_row();
                        }
                    });
                ui.add_space(4.0);
            });
            parts.around_board += panel.response.rect.height();
        }
        if let Some(numbers) = self.state.event_numbers.take() {
            let panel = egui::Panel::bottom("picture_events").show(ui, |ui| {
                parts.event_list = self.event_list_ui(ui, &numbers);
            });
            parts.around_board += panel.response.rect.height();
            self.state.event_numbers = Some(numbers);
        }
        egui::CentralPanel::default().show(ui, |ui| self.timeline_ui(ui));
        self.state.picture_parts = parts;
    }

    /// The numbered events of a dense board's picture, in time order down three columns: each
    /// number, time, lane and whole title. Returns where each entry was drawn.
    fn event_list_ui(
        &self,
        ui: &mut egui::Ui,
        numbers: &std::collections::HashMap<crate::model::EventId, usize>,
    ) -> Vec<egui::Rect> {
        const COLUMNS: usize = 3;
        let dates = self.dates();
        let mut order: Vec<(usize, usize)> = self
            .board
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| (numbers.get(&e.id).copied().unwrap_or(usize::MAX), i))
            .collect();
        order.sort_unstable();
        let mut rects = Vec::with_capacity(order.len());
        ui.add_space(6.0);
        ui.strong("Events");
        let per_column = order.len().div_ceil(COLUMNS).max(1);
        ui.columns(COLUMNS, |columns| {
            for (column, chunk) in columns.iter_mut().zip(order.chunks(per_column)) {
                for &(number, i) in chunk {
                    let Some(event) = self.board.events.get(i) else {
                        continue;
                    };
                    let row = column.horizontal_top(|ui| {
                        ui.add_sized(
                            egui::vec2(40.0, 0.0),
                            egui::Label::new(RichText::new(number.to_string()).strong()),
                        );
                        // The time, then the whole title, wrapping under itself.
                        let visuals = ui.visuals();
                        let mut job = egui::text::LayoutJob::default();
                        job.append(
                            &dates.time(event.time),
                            0.0,
                            egui::TextFormat::simple(
                                theme::font(theme::CARD_TIME_SIZE + 1.0),
                                visuals.text_color(),
                            ),
                        );
                        job.append(
                            &event.title,
                            8.0,
                            egui::TextFormat::simple(
                                theme::font(theme::CARD_TITLE_SIZE),
                                visuals.strong_text_color(),
                            ),
                        );
                        // Wrapped first, then each row in the order it is read.
                        job.wrap.max_width = ui.available_width();
                        ui.label(crate::view::rtl::layout_job(ui.painter(), job));
                    });
                    rects.push(row.response.rect);
                }
            }
        });
        ui.add_space(6.0);
        rects
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
