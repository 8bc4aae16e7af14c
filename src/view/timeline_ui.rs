//! The timeline: a time axis, swim lanes, and event cards placed at their time, over the
//! feelings plot. [`BoardView::timeline_ui`] draws it in steps, each in its own file.

mod axis;
mod cards;
mod drag;
mod lanes;
mod layout;
mod navigation;
mod splitter;

use std::collections::HashMap;

use eframe::egui::{self, Sense};

use self::cards::MARKER_HEIGHT;
use crate::model::EventId;
use crate::model::time::format::BoardDates;
use crate::theme;
use crate::view::time_axis::TimeView;
pub use crate::view::timeline_geometry::TimelineGeometry;
use crate::view::{BoardView, ViewAction};

/// How the cards are written and sized this frame.
pub(super) struct CardStyle<'n> {
    /// How the times on cards are written.
    pub dates: BoardDates,
    /// The board spans more than a day: cards show the day with the clock.
    pub long_board: bool,
    /// How many lines a card's text may take.
    pub lines: usize,
    /// A card's height (points).
    pub height: f32,
    /// A dense board's picture marks each event with its number instead of a card.
    pub numbers: Option<&'n HashMap<EventId, usize>>,
}

impl BoardView<'_> {
    /// Draws the board: the toolbar (in the window), the time axis, the lanes with their cards,
    /// the splitter and the feelings under them, and handles panning, zooming, picking, adding
    /// and dragging. Where things went is kept in the view state's geometry.
    pub(crate) fn timeline_ui(&mut self, ui: &mut egui::Ui) {
        if !self.state.is_picture() && !self.state.is_presenting() {
            self.timeline_toolbar_ui(ui);
        }
        let full = ui.available_rect_before_wrap();
        self.apply_fit_request(full);
        let mut view = self.view();
        // Before the numbers are taken: a numbered marker is not as high as a card.
        let card_h = self.card_height();
        let numbers = self.state.event_numbers.take();
        let style = self.card_style(card_h, numbers.as_ref());
        let lanes = self.lane_layouts(ui, full, &view, &style);
        let layout = self.timeline_layout(ui, full, lanes.iter().map(|l| l.height).sum());

        let background = self.board_input(ui, &layout, &mut view);
        self.state.time_view = Some(view);

        axis::zone_label_ui(ui, &layout, style.dates);
        self.reveal_card(&lanes, &layout, style.height);
        let lane_rects = self.lane_rects(&lanes, &layout);
        self.lane_scrollbar_ui(ui, &layout);
        self.lane_bands_ui(ui, &layout, &lane_rects);
        axis::axis_ticks_ui(ui, &layout, &view, style.dates.offset());
        self.divergence_bands_ui(ui, &layout, &view);
        let shift = ui.input(|i| i.modifiers.shift);
        let drawn = self.cards_ui(ui, &layout, &lanes, &lane_rects, &style, shift);
        self.background_click(&background, &layout, view, &lane_rects);

        let offset = style.dates.offset();
        self.state.event_numbers = numbers;
        self.state.geometry = Some(TimelineGeometry {
            board: full,
            axis_left: layout.axis_left,
            axis_width: layout.axis_width,
            view,
            lanes: lane_rects,
            lanes_area: layout.lanes_area,
            cards: drawn.cards,
            cut_titles: drawn.cut_titles,
            feelings: layout.feelings,
            plot: Default::default(),
        });
        self.feelings_ui(ui, layout.feelings, shift);
        if !self.state.is_picture() {
            axis::hover_line_ui(ui, &layout, &view, offset);
        }
        self.drag_ui(ui, shift);
        self.board_focus_ui(ui, full);
        ui.allocate_rect(full, Sense::hover());
    }

    /// When a fit was asked for, the view shows the whole board across the axis of a board drawn
    /// in `full`, with room for a card at the end.
    fn apply_fit_request(&mut self, full: egui::Rect) {
        if !std::mem::take(&mut self.state.fit_requested) {
            return;
        }
        let (_, axis_width) = layout::axis_span(full);
        let fitted = match self.board_range() {
            Some(r) => TimeView::fit_px(
                r.start.unix_seconds_f64(),
                r.end.unix_seconds_f64(),
                axis_width,
                theme::CARD_WIDTH,
            ),
            None => crate::view::fit_view(self.board),
        };
        self.state.time_view = Some(fitted);
    }

    /// How cards `height` high are written in this mode, on this board.
    fn card_style<'n>(
        &self,
        height: f32,
        numbers: Option<&'n HashMap<EventId, usize>>,
    ) -> CardStyle<'n> {
        CardStyle {
            dates: self.dates(),
            long_board: self
                .board_range()
                .is_some_and(|r| r.end.unix_nanos() - r.start.unix_nanos() > 86_400_000_000_000),
            lines: self.card_lines(),
            height,
            numbers,
        }
    }

    /// Cards are one line high while presenting, so a whole board fits on a small screen.
    pub(crate) fn card_height(&self) -> f32 {
        if self.state.event_numbers.is_some() {
            return MARKER_HEIGHT;
        }
        match self.state.mode {
            super::Mode::Present => theme::COMPACT_CARD_HEIGHT,
            super::Mode::Window => theme::CARD_HEIGHT,
            super::Mode::Picture => theme::PICTURE_CARD_HEIGHT,
        }
    }

    /// How many lines a card's text may take: one while presenting, two in the window, three in
    /// a picture (which has room to show every title whole).
    fn card_lines(&self) -> usize {
        match self.state.mode {
            super::Mode::Present => 1,
            super::Mode::Window => 2,
            super::Mode::Picture => 3,
        }
    }

    /// The button that turns adding feelings on and off, named for the chosen person and lit
    /// while on.
    fn adding_toggle_ui(&mut self, ui: &mut egui::Ui) {
        use crate::view::command::Command;
        let on = self.adding_for().is_some();
        let label = match self.state.active_participant {
            Some(id) if self.board.participant(id).is_some() => {
                format!("Add feelings for {}", self.shown_name(id))
            }
            _ => Command::AddFeelings.label().to_owned(),
        };
        let mut button = egui::Button::selectable(on, label);
        if let Some(shortcut) = Command::AddFeelings.shortcut() {
            button = button.shortcut_text(super::shortcut_text(ui.ctx(), &shortcut));
        }
        if ui
            .add(button)
            .on_hover_text(Command::AddFeelings.tooltip())
            .clicked()
        {
            self.actions.push(ViewAction::Command(Command::AddFeelings));
            super::focus_board(ui.ctx());
        }
    }

    fn timeline_toolbar_ui(&mut self, ui: &mut egui::Ui) {
        use crate::view::command::Command;
        ui.horizontal(|ui| {
            for c in [Command::ZoomOut, Command::ZoomIn, Command::FitAll] {
                if let Some(c) = crate::view::command_button(ui, c, true) {
                    self.actions.push(ViewAction::Command(c));
                    // These act on the board: its keys stay with it.
                    super::focus_board(ui.ctx());
                }
            }
            ui.separator();
            self.adding_toggle_ui(ui);
            ui.separator();
            ui.add(
                egui::Label::new(
                    egui::RichText::new(
                        "Drag the background to pan · Ctrl+wheel zooms · double-click a lane to add an event",
                    )
                    .weak(),
                )
                .truncate(),
            );
        });
        ui.add_space(4.0);
    }
}
