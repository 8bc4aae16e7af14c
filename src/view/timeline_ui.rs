//! The timeline: a time axis, swim lanes, and event cards placed at their time.

use eframe::egui::{self, Align2, Color32, Pos2, Rect, Sense, Stroke, StrokeKind, vec2};
use jiff::tz::Offset;

use super::bubble;
use crate::model::time::format::{self, BoardDates};
use crate::model::{EventId, LaneId};
use crate::theme;
use crate::view::time_axis::{self, TimeView};
pub use crate::view::timeline_geometry::TimelineGeometry;
use crate::view::timeline_geometry::stack_rows;
use crate::view::{BoardView, Drag, DragKind, ViewAction};

/// The height of the bar between the lanes and the feelings.
const SPLITTER_HEIGHT: f32 = 8.0;

impl BoardView<'_> {
    pub(crate) fn timeline_ui(&mut self, ui: &mut egui::Ui) {
        if !self.state.is_picture() && !self.state.is_presenting() {
            self.timeline_toolbar_ui(ui);
        }
        let full = ui.available_rect_before_wrap();
        let axis_left = full.left() + theme::LANE_HEADER_WIDTH;
        let axis_width = (full.width() - theme::LANE_HEADER_WIDTH).max(50.0);
        if std::mem::take(&mut self.state.fit_requested) {
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
        let mut view = self.view();
        let dates = self.dates();
        let offset = dates.offset();
        let card_h = self.card_height();
        let long_board = self
            .board_range()
            .is_some_and(|r| r.end.unix_nanos() - r.start.unix_nanos() > 86_400_000_000_000);

        let event_index = &self.derived.event_at;
        let lines = self.card_lines();
        // A dense board's picture marks each event with its number instead of a card.
        let numbers = self.state.event_numbers.take();
        // Titles are measured once per change of the board, not every frame.
        let key = (
            self.derived.generation,
            lines,
            ui.ctx().pixels_per_point().to_bits(),
        );
        if self.state.card_widths.0 != key {
            self.state.card_widths = (key, std::collections::HashMap::new());
        }
        let measured = &mut self.state.card_widths.1;
        // Lay out the lanes: how wide each card in view must be to show its title whole (up to
        // a limit), and how many rows of cards each lane needs at this zoom.
        let mut lane_layouts = Vec::new();
        for lane in &self.board.lanes {
            // In time order, worked out once per change of the board.
            let events: &[(f64, EventId)] =
                self.derived.lanes.get(&lane.id).map_or(&[], Vec::as_slice);
            let xs: Vec<f32> = events
                .iter()
                .map(|(t, _)| view.x_of(*t, axis_left, axis_width))
                .collect();
            let widths: Vec<f32> = events
                .iter()
                .zip(&xs)
                .map(|(&(_, id), &x)| {
                    let in_view = x <= full.right() && x + theme::CARD_MAX_WIDTH >= axis_left;
                    if let Some(numbers) = &numbers {
                        return marker_width(numbers.get(&id).copied().unwrap_or(0));
                    }
                    match event_index.get(&id).and_then(|&i| self.board.events.get(i)) {
                        Some(event) if in_view => *measured.entry(id).or_insert_with(|| {
                            let time = card_time(dates, event.time, long_board);
                            card_width_for(ui.painter(), &event.title, &time, lines)
                        }),
                        _ => theme::CARD_WIDTH,
                    }
                })
                .collect();
            // Cards as wide as their titles want, unless that takes more rows than cards of
            // the usual width: then those, each widened into the free space before the next
            // card in its row.
            let narrow = if numbers.is_some() {
                widths.clone()
            } else {
                vec![theme::CARD_WIDTH; xs.len()]
            };
            let usual = stack_rows(&xs, &narrow);
            let wide = stack_rows(&xs, &widths);
            let count = |rows: &[usize]| rows.iter().max().map_or(1, |r| r + 1);
            let (rows, widths) = if count(&wide) <= count(&usual) {
                (wide, widths)
            } else {
                let mut fitted = widths;
                let mut next_in_row = vec![f32::INFINITY; count(&usual)];
                for i in (0..xs.len()).rev() {
                    let free = next_in_row[usual[i]] - theme::CARD_GAP - xs[i];
                    next_in_row[usual[i]] = xs[i];
                    fitted[i] = fitted[i].min(free).max(theme::CARD_WIDTH);
                }
                (usual, fitted)
            };
            let row_count = count(&rows);
            lane_layouts.push((lane.id, events, xs, rows, row_count, widths));
        }

        // The lanes get the room the feelings area leaves, and scroll when they need more.
        let lane_heights: Vec<f32> = lane_layouts
            .iter()
            .map(|(_, _, _, _, rows, _)| {
                *rows as f32 * (card_h + theme::CARD_GAP) - theme::CARD_GAP
                    + 2.0 * theme::LANE_PADDING
            })
            .collect();
        let content_height: f32 = lane_heights.iter().sum();
        let lanes_top = full.top() + theme::AXIS_HEIGHT;
        // The feelings get their share of the height (the splitter sets it), and all the room the
        // lanes do not need.
        let body_height = full.bottom() - lanes_top;
        let feelings_min = match self.state.plot_share() {
            // A picture cannot scroll: its lanes come first (the export lays out its own page).
            _ if self.state.is_picture() => full.height() * crate::view::PICTURE_PLOT_SHARE,
            Some(share) => body_height * share,
            None => {
                // The plot's height for a share of the board's area.
                let plot_for = |share: f32| {
                    share * full.width() * full.height() / axis_width
                        + super::feelings_ui::chrome_height(ui)
                        + SPLITTER_HEIGHT
                };
                // Where every lane fits with a fair plot below (a projector, most boards), the
                // lanes keep their room; otherwise (a screen share) the plot has its share.
                if content_height + plot_for(crate::view::PLOT_AREA_SHARE_WHEN_LANES_FIT)
                    <= body_height
                {
                    plot_for(crate::view::PLOT_AREA_SHARE_WHEN_LANES_FIT)
                } else {
                    plot_for(crate::view::PLOT_AREA_SHARE)
                }
            }
        }
        .max(theme::FEELINGS_MIN_HEIGHT)
        .min(body_height - 40.0 - SPLITTER_HEIGHT)
            + SPLITTER_HEIGHT;
        let lanes_area = Rect::from_min_max(
            Pos2::new(full.left(), lanes_top),
            Pos2::new(
                full.right(),
                (lanes_top + content_height)
                    .min(full.bottom() - feelings_min)
                    .max(lanes_top + 40.0),
            ),
        );
        let max_scroll = (content_height - lanes_area.height()).max(0.0);
        let splitter = Rect::from_min_max(
            Pos2::new(full.left(), lanes_area.bottom()),
            Pos2::new(full.right(), lanes_area.bottom() + SPLITTER_HEIGHT),
        );

        // Background: pan by dragging, zoom with Ctrl+wheel, double-click to add an event.
        let background = ui.interact(full, super::board_focus_id(), Sense::click_and_drag());
        background.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Board: timeline and feelings")
        });
        let (zoom, scroll, pointer) = ui.input(|i| {
            (
                i.zoom_delta(),
                i.smooth_scroll_delta(),
                i.pointer.hover_pos(),
            )
        });
        let pointer_here = pointer.is_some_and(|p| full.contains(p))
            && !self.state.modal_open
            && (background.hovered() || background.contains_pointer() || ui.ui_contains_pointer());
        if pointer_here {
            let anchor_x = pointer.map_or(axis_left + axis_width / 2.0, |p| p.x);
            let anchor = view.t_of(anchor_x, axis_left, axis_width);
            if zoom != 1.0 {
                view.zoom_around(anchor, f64::from(zoom));
            }
            let over_lanes = pointer.is_some_and(|p| lanes_area.contains(p));
            // The wheel scrolls lanes that do not fit; otherwise, and sideways, it pans time.
            let pan_px = if over_lanes && max_scroll > 0.0 {
                if scroll.y != 0.0 {
                    // The user scrolls: no card is followed any more.
                    self.state.reveal_event = None;
                }
                self.state.lane_scroll -= scroll.y;
                scroll.x
            } else {
                scroll.x + scroll.y
            };
            if pan_px != 0.0 {
                view.pan(-f64::from(pan_px) * view.secs_per_px(axis_width));
            }
        }
        // While a card is dragged near the top or bottom of the lanes, they scroll to follow.
        if self.state.drag.is_some()
            && max_scroll > 0.0
            && let Some(p) = pointer
            && lanes_area.x_range().contains(p.x)
        {
            const EDGE: f32 = 36.0;
            if p.y < lanes_area.top() + EDGE && self.state.lane_scroll > 0.0 {
                self.state.lane_scroll -= 10.0;
                ui.ctx().request_repaint();
            } else if p.y > lanes_area.bottom() - EDGE && self.state.lane_scroll < max_scroll {
                self.state.lane_scroll += 10.0;
                ui.ctx().request_repaint();
            }
        }
        self.state.lane_scroll = self.state.lane_scroll.clamp(0.0, max_scroll);
        // Present mode keeps the split the window left, with no tools on screen.
        if self.state.mode == super::Mode::Window {
            self.splitter_ui(ui, splitter, body_height, full.bottom());
        }
        if ui.input(|i| i.pointer.any_pressed()) && ui.rect_contains_pointer(full) {
            self.state.reveal_event = None;
        }
        if background.dragged() && self.state.drag.is_none() {
            view.pan(-f64::from(background.drag_delta().x) * view.secs_per_px(axis_width));
        }
        self.state.time_view = Some(view);

        let painter = ui.painter_at(full);
        let visuals = ui.visuals().clone();
        let palette = theme::palette(ui.ctx());
        let text_colour = visuals.strong_text_color();

        // The axis.
        let axis_rect = Rect::from_min_size(
            Pos2::new(axis_left, full.top()),
            vec2(axis_width, theme::AXIS_HEIGHT),
        );
        let ticks = time_axis::ticks(&view, axis_width, theme::MIN_TICK_SPACING, offset);
        painter.text(
            Pos2::new(full.left() + 8.0, axis_rect.center().y),
            Align2::LEFT_CENTER,
            dates.zone(),
            theme::font(theme::AXIS_LABEL_SIZE),
            visuals.text_color(),
        );

        // A card to show (new, stepped to, moved) scrolls into view, and stays in view while the
        // layout settles (a zoom or present mode restacks the rows) until the user scrolls or
        // presses on the board.
        if let Some(id) = self.state.reveal_event {
            let mut top = 0.0;
            for ((_, events, _, rows, ..), height) in lane_layouts.iter().zip(&lane_heights) {
                if let Some(i) = events.iter().position(|(_, e)| *e == id) {
                    let card_top =
                        top + theme::LANE_PADDING + rows[i] as f32 * (card_h + theme::CARD_GAP);
                    let visible = self.state.lane_scroll
                        ..=self.state.lane_scroll + lanes_area.height() - card_h;
                    if !visible.contains(&card_top) {
                        self.state.lane_scroll =
                            (card_top - lanes_area.height() / 2.0).clamp(0.0, max_scroll);
                    }
                    break;
                }
                top += height;
            }
        }
        let mut y = lanes_area.top() - self.state.lane_scroll;
        let mut lane_rects = Vec::new();
        for ((lane_id, ..), height) in lane_layouts.iter().zip(&lane_heights) {
            let rect = Rect::from_min_size(Pos2::new(full.left(), y), vec2(full.width(), *height));
            lane_rects.push((*lane_id, rect));
            y += height;
        }
        let feelings = Rect::from_min_max(Pos2::new(full.left(), splitter.bottom()), full.max);
        let lane_painter = ui.painter_at(lanes_area);
        if max_scroll > 0.0 {
            // Where the visible part is among all the lanes.
            let track = lanes_area.height();
            let thumb = track * track / content_height;
            let top = lanes_area.top() + (track - thumb) * self.state.lane_scroll / max_scroll;
            let bar =
                Rect::from_min_size(Pos2::new(lanes_area.right() - 6.0, top), vec2(5.0, thumb));
            ui.painter()
                .rect_filled(bar, 2.0, visuals.widgets.inactive.fg_stroke.color);
        }

        // Lane bands and headers.
        for (lane_id, rect) in &lane_rects {
            let Some(lane) = self.board.lane(*lane_id) else {
                continue;
            };
            lane_painter.rect_filled(*rect, 0.0, palette.lane_band(lane.colour));
            let stripe = Rect::from_min_size(rect.min, vec2(6.0, rect.height()));
            lane_painter.rect_filled(stripe, 0.0, theme::colour(lane.colour));
            let name = lane_painter.layout(
                lane.name.clone(),
                theme::font(theme::LANE_NAME_SIZE),
                text_colour,
                theme::LANE_HEADER_WIDTH - 20.0,
            );
            lane_painter.galley(
                Pos2::new(rect.left() + 14.0, rect.top() + theme::LANE_PADDING),
                name,
                text_colour,
            );
            lane_painter.hline(
                rect.x_range(),
                rect.bottom(),
                Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
            );
        }

        // Grid lines and tick labels, through the lanes and the feelings area.
        let grid = visuals.widgets.noninteractive.bg_stroke.color;
        for tick in &ticks {
            let x = view.x_of(tick.t, axis_left, axis_width);
            let stroke = if tick.major {
                Stroke::new(2.0, visuals.text_color().gamma_multiply(0.6))
            } else {
                Stroke::new(1.0, grid)
            };
            painter.vline(x, axis_rect.bottom()..=feelings.bottom(), stroke);
            let label = if tick.major {
                egui::RichText::new(&tick.label).strong()
            } else {
                egui::RichText::new(&tick.label)
            };
            painter.text(
                Pos2::new(x + 4.0, axis_rect.center().y),
                Align2::LEFT_CENTER,
                label.text(),
                theme::font(theme::AXIS_LABEL_SIZE),
                if tick.major {
                    text_colour
                } else {
                    visuals.text_color()
                },
            );
        }

        // Divergence spans, faintly across the lanes (the plot shows them strongly).
        let spans: &[_] = if self.state.round_hidden {
            &[]
        } else {
            &self.derived.spans
        };
        for span in spans {
            let x0 = view.x_of(span.start.unix_seconds_f64(), axis_left, axis_width);
            let x1 = view
                .x_of(span.end.unix_seconds_f64(), axis_left, axis_width)
                .max(x0 + 4.0);
            let band = Rect::from_min_max(
                Pos2::new(x0.max(axis_left), lanes_area.top()),
                Pos2::new(x1.min(full.right()), lanes_area.bottom()),
            );
            if band.is_positive() {
                lane_painter.rect_filled(band, 0.0, palette.divergence_fill_faint);
            }
        }

        // Cards.
        let body_clip = Rect::from_min_max(Pos2::new(axis_left, lanes_area.top()), lanes_area.max);
        let card_painter = ui.painter_at(body_clip);
        let mut cards = Vec::new();
        let shift = ui.input(|i| i.modifiers.shift);
        let mut cut_titles = Vec::new();
        for ((lane_id, events, xs, rows, _, widths), (_, lane_rect)) in
            lane_layouts.iter().zip(&lane_rects)
        {
            let Some(lane) = self.board.lane(*lane_id).cloned() else {
                continue;
            };
            for (((&(_, id), &x), &row), &width) in events.iter().zip(xs).zip(rows).zip(widths) {
                if x > full.right() || x + width < axis_left {
                    continue;
                }
                let top =
                    lane_rect.top() + theme::LANE_PADDING + row as f32 * (card_h + theme::CARD_GAP);
                let rect = Rect::from_min_size(Pos2::new(x, top), vec2(width, card_h));
                let visible = rect.intersect(body_clip);
                let dragged_card = matches!(
                    self.state.drag,
                    Some(Drag { kind: DragKind::Move { id: d, .. } }) if d == id
                );
                if !visible.is_positive() && !dragged_card {
                    continue; // scrolled out of the lanes area
                }
                cards.push((id, rect));
                let Some(event) = event_index
                    .get(&id)
                    .and_then(|&i| self.board.events.get(i))
                    .cloned()
                else {
                    continue;
                };
                // Not a stop for Tab: the board keeps the keys, and `[` `]` select cards.
                let response = ui.interact(
                    visible,
                    ui.scope_id().with(("card", id)),
                    Sense::CLICK | Sense::DRAG,
                );
                let local_time = card_time(dates, event.time, long_board);
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        format!("Event: {}, {}, {}", event.title, local_time, lane.name),
                    )
                });
                if (response.clicked() || response.drag_started())
                    && self.state.selected != Some(id)
                {
                    self.state.selected = Some(id);
                    self.state.selected_feeling = None;
                }
                if response.drag_started()
                    && let Some(p) = ui.input(|i| i.pointer.press_origin())
                {
                    self.state.drag = Some(Drag {
                        kind: DragKind::Move {
                            id,
                            grab_dx: p.x - rect.left(),
                        },
                    });
                }
                let dragging_this = matches!(
                    self.state.drag,
                    Some(Drag { kind: DragKind::Move { id: d, .. }, .. }) if d == id
                );
                if response.drag_stopped() && dragging_this {
                    if let Some(drag) = self.state.drag.take()
                        && !escaped(ui)
                        && let Some(pos) = response.interact_pointer_pos()
                        && let Some((lane, t)) = self.drop_target(pos, drag.kind, shift)
                    {
                        self.move_event(id, lane, t);
                    }
                } else if self.state.drag.is_none() {
                    // The whole title, whatever the card shows of it, and the notes.
                    response.on_hover_ui(|ui| {
                        ui.set_max_width(420.0);
                        ui.strong(&event.title);
                        ui.label(egui::RichText::new(&local_time).weak());
                        if !event.notes.is_empty() {
                            ui.label(&event.notes);
                        }
                    });
                }
                let selected = self.state.selected == Some(id);
                if let Some(numbers) = &numbers {
                    let number = numbers.get(&id).copied().unwrap_or(0);
                    draw_marker(&card_painter, rect, number, lane.colour);
                    continue;
                }
                let whole = draw_card(
                    &card_painter,
                    rect,
                    &event.title,
                    &local_time,
                    lane.colour,
                    selected,
                    dragging_this,
                    lines,
                );
                if !whole {
                    cut_titles.push(id);
                }
            }
        }

        if background.double_clicked()
            && let Some(pos) = background.interact_pointer_pos()
            && let Some(lane) = self
                .geometry_now(axis_left, axis_width, view, &lane_rects, lanes_area)
                .lane_at(pos)
        {
            let step = time_axis::snap_step(&view, axis_width);
            let t = time_axis::snap(view.t_of(pos.x, axis_left, axis_width), step, offset);
            self.create_event(lane, t);
        } else if background.clicked() {
            self.state.selected = None;
        }

        self.state.event_numbers = numbers;
        self.state.geometry = Some(TimelineGeometry {
            board: full,
            axis_left,
            axis_width,
            view,
            lanes: lane_rects,
            lanes_area,
            cards,
            cut_titles,
            feelings,
            plot: Default::default(),
        });
        self.feelings_ui(ui, feelings, shift);
        if !self.state.is_picture() {
            self.hover_line_ui(ui, full, axis_left, axis_width, view, offset);
        }
        self.drag_ui(ui, shift);
        self.board_focus_ui(ui, full);
        ui.allocate_rect(full, Sense::hover());
    }

    /// The bar between the lanes and the feelings: drag it to give one more room than the other.
    /// The View menu's "Bigger plot" and "Smaller plot" do the same without a drag.
    fn splitter_ui(&mut self, ui: &egui::Ui, bar: Rect, body_height: f32, board_bottom: f32) {
        let response = ui.interact(bar, ui.scope_id().with("plot_splitter"), Sense::DRAG);
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Splitter, true, "Plot size splitter")
        });
        if response.hovered() || response.dragged() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeVertical);
        }
        if response.dragged() {
            let delta = response.drag_delta().y;
            if delta != 0.0 && body_height > 0.0 {
                let feelings = board_bottom - bar.bottom();
                let share = (feelings - delta) / body_height;
                self.state.set_plot_share(Some(share));
            }
        }
        let colour = if response.hovered() || response.dragged() {
            ui.visuals().widgets.hovered.fg_stroke.color
        } else {
            ui.visuals().widgets.inactive.fg_stroke.color
        };
        // A grip in the middle of the bar says it can be dragged.
        ui.painter().rect_filled(
            Rect::from_center_size(bar.center(), vec2(56.0, 4.0)),
            2.0,
            colour,
        );
    }

    /// A press or click anywhere on the board gives it the keyboard focus (typing in a field ends there);
    /// while it has the focus, the arrows and Esc stay with it and a ring shows where keys go.
    fn board_focus_ui(&mut self, ui: &egui::Ui, full: Rect) {
        if self.state.is_picture() {
            return;
        }
        // A click on a card or a point takes the focus from the background widget: the release
        // gives it back.
        let pressed_here = ui.input(|i| i.pointer.any_pressed() || i.pointer.any_released())
            && ui.rect_contains_pointer(full);
        if std::mem::take(&mut self.state.focus_requested)
            || (pressed_here && !self.state.modal_open)
        {
            super::focus_board(ui.ctx());
        }
        let id = super::board_focus_id();
        if ui.memory(|m| m.has_focus(id)) {
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    id,
                    egui::EventFilter {
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        escape: true,
                        tab: false,
                    },
                );
            });
            if !self.state.is_presenting() {
                ui.painter().rect_stroke(
                    full.shrink(1.0),
                    0.0,
                    Stroke::new(2.0, theme::palette(ui.ctx()).focus_ring),
                    StrokeKind::Inside,
                );
            }
        }
    }

    /// A vertical line at the pointer's moment, through the lanes and the plot.
    fn hover_line_ui(
        &self,
        ui: &egui::Ui,
        full: Rect,
        axis_left: f32,
        axis_width: f32,
        view: TimeView,
        offset: Offset,
    ) {
        let Some(pos) = ui.input(|i| i.pointer.hover_pos()) else {
            return;
        };
        if !full.contains(pos) || pos.x < axis_left || pos.x > axis_left + axis_width {
            return;
        }
        let painter = ui.painter_at(full);
        let colour = ui.visuals().strong_text_color().gamma_multiply(0.5);
        painter.vline(
            pos.x,
            (full.top() + theme::AXIS_HEIGHT)..=full.bottom(),
            Stroke::new(1.5, colour),
        );
        if let Some(m) = crate::model::Moment::from_unix_seconds_f64(
            view.t_of(pos.x, axis_left, axis_width),
            offset,
        ) {
            bubble(
                &painter,
                Pos2::new(pos.x, full.top() + theme::AXIS_HEIGHT),
                &format::clock_of(m.datetime()),
            );
        }
    }

    fn geometry_now(
        &self,
        axis_left: f32,
        axis_width: f32,
        view: TimeView,
        lanes: &[(LaneId, Rect)],
        lanes_area: Rect,
    ) -> TimelineGeometry {
        TimelineGeometry {
            board: Rect::NOTHING,
            axis_left,
            axis_width,
            view,
            lanes: lanes.to_vec(),
            lanes_area,
            cards: Vec::new(),
            cut_titles: Vec::new(),
            feelings: Rect::NOTHING,
            plot: Default::default(),
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

    /// The lane and time a card dragged to `pos` would land at, snapped unless `exact`.
    pub(crate) fn drop_target(
        &self,
        pos: Pos2,
        kind: DragKind,
        exact: bool,
    ) -> Option<(LaneId, f64)> {
        let g = self.state.geometry.as_ref()?;
        let lane = g.lane_at(pos)?;
        let left_edge = match kind {
            DragKind::NewCard => pos.x,
            DragKind::Move { grab_dx, .. } => pos.x - grab_dx,
            DragKind::Feeling { .. } => return None,
        };
        let t = g.t_of(left_edge);
        let t = if exact {
            t.round()
        } else {
            time_axis::snap(
                t,
                time_axis::snap_step(&g.view, g.axis_width),
                self.display_offset(),
            )
        };
        Some((lane, t))
    }

    /// The card being dragged, where it would land, with its time. Esc ends the drag in egui,
    /// which then reports it stopped; the drop checks for Esc and does nothing.
    fn drag_ui(&mut self, ui: &mut egui::Ui, exact: bool) {
        let Some(drag) = self.state.drag else { return };
        if self.state.tray_dropped {
            self.state.tray_dropped = false;
            let drag = self.state.drag.take();
            if let Some(drag) = drag
                && !escaped(ui)
                && let Some(pos) = ui.input(|i| i.pointer.interact_pos())
                && let Some((lane, t)) = self.drop_target(pos, drag.kind, exact)
            {
                self.create_event(lane, t);
            }
            return;
        }
        let Some(pos) = ui.input(|i| i.pointer.hover_pos()) else {
            return;
        };
        let layer = egui::LayerId::new(egui::Order::Tooltip, ui.scope_id().with("drag_ghost"));
        let painter = ui.ctx().layer_painter(layer);
        let dates = self.dates();
        match self.drop_target(pos, drag.kind, exact) {
            Some((lane_id, t)) => {
                let Some(g) = self.state.geometry.as_ref() else {
                    return;
                };
                let Some(lane_rect) = g.lane_rect(lane_id) else {
                    return;
                };
                let Some(lane) = self.board.lane(lane_id) else {
                    return;
                };
                let x = g.x_of(t);
                let rect = Rect::from_min_size(
                    Pos2::new(x, lane_rect.top() + theme::LANE_PADDING),
                    vec2(theme::CARD_WIDTH, self.card_height()),
                );
                let title = match drag.kind {
                    DragKind::Feeling { .. } => return,
                    DragKind::NewCard => "New event".to_owned(),
                    DragKind::Move { id, .. } => self
                        .board
                        .events
                        .iter()
                        .find(|e| e.id == id)
                        .map_or_else(String::new, |e| e.title.clone()),
                };
                let when = crate::model::Moment::from_unix_seconds_f64(t, dates.offset())
                    .map(|m| dates.time(m))
                    .unwrap_or_default();
                painter.vline(x, lane_rect.y_range(), Stroke::new(3.0, theme::SELECTION));
                draw_card(&painter, rect, &title, &when, lane.colour, true, false, 2);
                let label = if exact {
                    format!("{when} in {}", lane.name)
                } else {
                    format!("{when} in {} (Shift: exact)", lane.name)
                };
                bubble(&painter, Pos2::new(x, lane_rect.top()), &label);
            }
            None if !matches!(drag.kind, DragKind::Feeling { .. }) => {
                bubble(&painter, pos, "Drop on a lane · Esc cancels");
            }
            None => {}
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

/// The time on a card: the clock alone when the board spans a day or less.
fn card_time(dates: BoardDates, m: crate::model::Moment, with_day: bool) -> String {
    if with_day {
        dates.time(m)
    } else {
        dates.clock(m)
    }
}

/// Esc was pressed this frame: egui ends a drag then, and the drop must not happen.
fn escaped(ui: &egui::Ui) -> bool {
    ui.input(|i| i.key_pressed(egui::Key::Escape))
}

/// The text of a card: its time, then its title, in up to `lines` lines (one while presenting,
/// two in the window, three in a picture), cut with "…" only when it still does not fit.
fn card_job(title: &str, time: &str, lines: usize, width: f32) -> egui::text::LayoutJob {
    let mut job = egui::text::LayoutJob::default();
    job.append(
        time,
        0.0,
        egui::TextFormat::simple(
            theme::font(theme::CARD_TIME_SIZE),
            Color32::from_rgb(0x30, 0x30, 0x30),
        ),
    );
    job.append(
        title,
        6.0,
        egui::TextFormat::simple(theme::font(theme::CARD_TITLE_SIZE), theme::CARD_TEXT),
    );
    job.wrap = egui::text::TextWrapping {
        max_width: width,
        max_rows: lines,
        // One line uses all its room; more lines break between words.
        break_anywhere: lines == 1,
        overflow_character: Some('…'),
    };
    job
}

/// How wide a card must be to show its whole title in `lines` lines; never wider than
/// [`theme::CARD_MAX_WIDTH`].
fn card_width_for(painter: &egui::Painter, title: &str, time: &str, lines: usize) -> f32 {
    let inner = theme::CARD_WIDTH - 2.0 * CARD_TEXT_INSET;
    let one_line = painter
        .layout_job(card_job(title, time, 1, f32::INFINITY))
        .size()
        .x;
    if one_line <= inner {
        return theme::CARD_WIDTH;
    }
    if lines <= 1 {
        return (one_line + 2.0 * CARD_TEXT_INSET + 2.0).min(theme::CARD_MAX_WIDTH);
    }
    // The narrowest width (in steps) at which the title fits in its lines.
    let mut width = (one_line / lines as f32).max(inner);
    while width + 2.0 * CARD_TEXT_INSET < theme::CARD_MAX_WIDTH {
        let galley = painter.layout_job(card_job(title, time, lines, width));
        if !galley.elided {
            break;
        }
        width += 16.0;
    }
    (width + 2.0 * CARD_TEXT_INSET + 1.0).min(theme::CARD_MAX_WIDTH)
}

/// Between a card's edge and its text.
const CARD_TEXT_INSET: f32 = 8.0;

/// A sticky note: the lane's colour, the time and the title. Returns whether the title is shown
/// whole.
#[expect(clippy::too_many_arguments)]
fn draw_card(
    painter: &egui::Painter,
    rect: Rect,
    title: &str,
    time: &str,
    lane: crate::model::Rgb,
    selected: bool,
    faded: bool,
    lines: usize,
) -> bool {
    let fill = theme::card_fill(lane);
    let fill = if faded {
        fill.gamma_multiply(0.45)
    } else {
        fill
    };
    painter.rect_filled(rect, 4.0, fill);
    let border = if selected {
        Stroke::new(4.0, theme::SELECTION)
    } else {
        Stroke::new(2.0, theme::colour(lane))
    };
    painter.rect_stroke(rect, 4.0, border, StrokeKind::Inside);
    // The left edge is the event's time: mark it.
    painter.vline(
        rect.left() + 1.0,
        rect.y_range(),
        Stroke::new(3.0, theme::colour(lane)),
    );
    let inner = rect.shrink2(vec2(CARD_TEXT_INSET, 4.0));
    let galley = painter.layout_job(card_job(title, time, lines, inner.width()));
    let top = rect.center().y - galley.size().y / 2.0;
    let whole = !galley.elided;
    painter.galley(egui::pos2(inner.left(), top), galley, theme::CARD_TEXT);
    whole
}

/// A numbered marker's height, in points.
const MARKER_HEIGHT: f32 = 26.0;

/// How wide the marker of event `number` is: room for its digits.
fn marker_width(number: usize) -> f32 {
    let digits = number.max(1).ilog10() as f32 + 1.0;
    14.0 + digits * 10.0
}

/// A numbered marker for an event on a dense board's picture: the lane's colour and the event's
/// number in time order, its left edge at the event's time.
fn draw_marker(painter: &egui::Painter, rect: Rect, number: usize, lane: crate::model::Rgb) {
    painter.rect_filled(rect, 4.0, theme::card_fill(lane));
    painter.rect_stroke(
        rect,
        4.0,
        Stroke::new(2.0, theme::colour(lane)),
        StrokeKind::Inside,
    );
    painter.vline(
        rect.left() + 1.0,
        rect.y_range(),
        Stroke::new(3.0, theme::colour(lane)),
    );
    painter.text(
        rect.center() + vec2(1.0, 0.0),
        Align2::CENTER_CENTER,
        number.to_string(),
        theme::font(theme::CARD_TITLE_SIZE),
        theme::CARD_TEXT,
    );
}
