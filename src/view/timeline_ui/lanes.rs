//! The lanes: how each lane's cards are laid out in rows at this zoom, where the lanes are when
//! scrolled, their bands and headers, their scroll bar, and the divergence spans across them.

use std::collections::HashMap;

use eframe::egui::{self, Pos2, Rect, Stroke, vec2};

use super::CardStyle;
use super::cards::{card_time, card_width_for, marker_width, whole_card_width};
use super::layout::{TimelineLayout, axis_span};
use crate::model::{EventId, LaneId};
use crate::theme;
use crate::view::BoardView;
use crate::view::time_axis::TimeView;
use crate::view::timeline_geometry::stack_rows;

/// How one lane's cards are laid out this frame.
pub(super) struct LaneLayout<'a> {
    pub lane: LaneId,
    /// The lane's events in time order, with their moments (Unix seconds).
    pub events: &'a [(f64, EventId)],
    /// Each card's left edge: the x position of its event's moment.
    pub xs: Vec<f32>,
    /// Each card's row in the lane, from 0 at the top.
    pub rows: Vec<usize>,
    /// Each card's width.
    pub widths: Vec<f32>,
    /// The lane's height: its rows of cards and the padding around them.
    pub height: f32,
}

/// How many rows cards placed in `rows` take: at least one.
fn row_count(rows: &[usize]) -> usize {
    rows.iter().max().map_or(1, |r| r + 1)
}

/// Cards as wide as their titles want (`widths`), unless that takes more rows than cards of the
/// usual width: then those, each widened into the free space before the next card in its row.
/// Numbered markers keep their own widths. Returns each card's row and width.
fn fit_rows(xs: &[f32], widths: Vec<f32>, numbered: bool) -> (Vec<usize>, Vec<f32>) {
    let narrow = if numbered {
        widths.clone()
    } else {
        vec![theme::CARD_WIDTH; xs.len()]
    };
    let usual = stack_rows(xs, &narrow);
    let wide = stack_rows(xs, &widths);
    if row_count(&wide) <= row_count(&usual) {
        return (wide, widths);
    }
    let mut fitted = widths;
    let mut next_in_row = vec![f32::INFINITY; row_count(&usual)];
    for i in (0..xs.len()).rev() {
        let free = next_in_row[usual[i]] - theme::CARD_GAP - xs[i];
        next_in_row[usual[i]] = xs[i];
        fitted[i] = fitted[i].min(free).max(theme::CARD_WIDTH);
    }
    (usual, fitted)
}

impl<'a> BoardView<'a> {
    /// Lays out the lanes of a board drawn in `full`: how wide each card in `view` must be to show
    /// its title whole (up to a limit), and how many rows of cards each lane needs at this zoom.
    pub(super) fn lane_layouts(
        &mut self,
        ui: &egui::Ui,
        full: Rect,
        view: &TimeView,
        style: &CardStyle,
    ) -> Vec<LaneLayout<'a>> {
        // Titles are measured once per change of the board, not every frame.
        let key = (
            self.derived.generation,
            style.lines,
            ui.ctx().pixels_per_point().to_bits(),
        );
        if self.state.card_widths.0 != key {
            self.state.card_widths = (key, HashMap::new());
        }
        let (axis_left, axis_width) = axis_span(full);
        let (board, derived) = (self.board, self.derived);
        board
            .lanes
            .iter()
            .map(|lane| {
                // In time order, worked out once per change of the board.
                let events: &'a [(f64, EventId)] =
                    derived.lanes.get(&lane.id).map_or(&[], Vec::as_slice);
                let xs: Vec<f32> = events
                    .iter()
                    .map(|(t, _)| view.x_of(*t, axis_left, axis_width))
                    .collect();
                let widths = self.card_widths(ui, full, events, &xs, style);
                let (rows, mut widths) = fit_rows(&xs, widths, style.numbers.is_some());
                let (xs, rows) = if self.state.is_presenting() {
                    self.keep_cards_whole(ui, full, events, xs, &mut widths, rows, style)
                } else {
                    (xs, rows)
                };
                let height = row_count(&rows) as f32 * (style.height + theme::CARD_GAP)
                    - theme::CARD_GAP
                    + 2.0 * theme::LANE_PADDING;
                LaneLayout {
                    lane: lane.id,
                    events,
                    xs,
                    rows,
                    widths,
                    height,
                }
            })
            .collect()
    }

    /// While presenting, the current step's card is as wide as its whole title, and no card is
    /// cut at an edge of the board drawn in `full`: one whose moment is in view but that would
    /// run past the right edge moves in to end at it; one cut at the left edge moves in to start
    /// at it when most of it shows, and out of view when most of it does not. When anything moved, the lane's rows are
    /// stacked again. Returns where the cards start and their rows.
    #[expect(clippy::too_many_arguments)]
    fn keep_cards_whole(
        &self,
        ui: &egui::Ui,
        full: Rect,
        events: &[(f64, EventId)],
        xs: Vec<f32>,
        widths: &mut [f32],
        rows: Vec<usize>,
        style: &CardStyle,
    ) -> (Vec<f32>, Vec<usize>) {
        let (axis_left, axis_width) = axis_span(full);
        // Short of the lanes' scroll bar.
        let right = full.right() - 8.0;
        let mut changed = false;
        if let Some(i) = events
            .iter()
            .position(|(_, id)| Some(*id) == self.state.selected)
            && let Some(event) = self.board.events.iter().find(|e| e.id == events[i].1)
        {
            let time = card_time(style.dates, event, style.long_board);
            let whole = whole_card_width(ui.painter(), &event.title, &time)
                .min(axis_width * 0.6)
                .max(widths[i]);
            changed |= whole != widths[i];
            widths[i] = whole;
        }
        let moved: Vec<f32> = xs
            .iter()
            .zip(widths.iter())
            .map(|(&x, &w)| {
                if (axis_left..=full.right()).contains(&x) {
                    x.min(right - w).max(axis_left)
                } else if x < axis_left && x + w / 2.0 >= axis_left {
                    // Mostly in view: whole, at the edge.
                    axis_left
                } else if x < axis_left && x + w > axis_left {
                    // Mostly out of view: out of it, clear of the row's next card.
                    axis_left - w - 2.0 * theme::CARD_GAP - 1.0
                } else {
                    x
                }
            })
            .collect();
        changed |= moved != xs;
        if !changed {
            return (xs, rows);
        }
        // Stacked in the order the cards now start in.
        let mut order: Vec<usize> = (0..moved.len()).collect();
        order.sort_by(|&a, &b| moved[a].total_cmp(&moved[b]));
        let sorted_xs: Vec<f32> = order.iter().map(|&i| moved[i]).collect();
        let sorted_widths: Vec<f32> = order.iter().map(|&i| widths[i]).collect();
        let sorted_rows = stack_rows(&sorted_xs, &sorted_widths);
        let mut rows = vec![0; moved.len()];
        for (k, &i) in order.iter().enumerate() {
            rows[i] = sorted_rows[k];
        }
        (moved, rows)
    }

    /// How wide each of a lane's cards (its `events`, at `xs`) wants to be: a numbered marker as
    /// wide as its number, a card in view as wide as its title needs (measured once per change of
    /// the board), any other card the usual width.
    fn card_widths(
        &mut self,
        ui: &egui::Ui,
        full: Rect,
        events: &[(f64, EventId)],
        xs: &[f32],
        style: &CardStyle,
    ) -> Vec<f32> {
        let (axis_left, _) = axis_span(full);
        let event_index = &self.derived.event_at;
        let measured = &mut self.state.card_widths.1;
        events
            .iter()
            .zip(xs)
            .map(|(&(_, id), &x)| {
                let in_view = x <= full.right() && x + theme::CARD_MAX_WIDTH >= axis_left;
                if let Some(numbers) = style.numbers {
                    return marker_width(numbers.get(&id).copied().unwrap_or(0));
                }
                match event_index.get(&id).and_then(|&i| self.board.events.get(i)) {
                    Some(event) if in_view => *measured.entry(id).or_insert_with(|| {
                        let time = card_time(style.dates, event, style.long_board);
                        card_width_for(ui.painter(), &event.title, &time, style.lines)
                    }),
                    _ => theme::CARD_WIDTH,
                }
            })
            .collect()
    }

    /// A card to show (new, stepped to, moved) scrolls into view, and stays in view while the
    /// layout settles (a zoom or present mode restacks the rows) until the user scrolls or
    /// presses on the board.
    pub(super) fn reveal_card(
        &mut self,
        lanes: &[LaneLayout],
        layout: &TimelineLayout,
        card_h: f32,
    ) {
        let Some(id) = self.state.reveal_event else {
            return;
        };
        let lanes_area = layout.lanes_area;
        let mut top = 0.0;
        for lane in lanes {
            if let Some(i) = lane.events.iter().position(|(_, e)| *e == id) {
                let card_top =
                    top + theme::LANE_PADDING + lane.rows[i] as f32 * (card_h + theme::CARD_GAP);
                let visible =
                    self.state.lane_scroll..=self.state.lane_scroll + lanes_area.height() - card_h;
                if !visible.contains(&card_top) {
                    self.state.lane_scroll =
                        (card_top - lanes_area.height() / 2.0).clamp(0.0, layout.max_scroll);
                }
                break;
            }
            top += lane.height;
        }
    }

    /// Each lane's band, one under the other from the top of the lanes area, scrolled.
    pub(super) fn lane_rects(
        &self,
        lanes: &[LaneLayout],
        layout: &TimelineLayout,
    ) -> Vec<(LaneId, Rect)> {
        let full = layout.full;
        let mut y = layout.lanes_area.top() - self.state.lane_scroll;
        let mut lane_rects = Vec::new();
        for lane in lanes {
            let rect =
                Rect::from_min_size(Pos2::new(full.left(), y), vec2(full.width(), lane.height));
            lane_rects.push((lane.lane, rect));
            y += lane.height;
        }
        lane_rects
    }

    /// A thin bar at the right of lanes that do not all fit: where the visible part is among
    /// all the lanes.
    pub(super) fn lane_scrollbar_ui(&self, ui: &egui::Ui, layout: &TimelineLayout) {
        if layout.max_scroll <= 0.0 {
            return;
        }
        let lanes_area = layout.lanes_area;
        let track = lanes_area.height();
        let thumb = track * track / layout.content_height;
        let top = lanes_area.top() + (track - thumb) * self.state.lane_scroll / layout.max_scroll;
        let bar = Rect::from_min_size(Pos2::new(lanes_area.right() - 6.0, top), vec2(5.0, thumb));
        ui.painter()
            .rect_filled(bar, 2.0, ui.visuals().widgets.inactive.fg_stroke.color);
    }

    /// Each lane's band in its colour, with a stripe, its name in the header, and a line under it.
    pub(super) fn lane_bands_ui(
        &self,
        ui: &egui::Ui,
        layout: &TimelineLayout,
        lane_rects: &[(LaneId, Rect)],
    ) {
        let lane_painter = ui.painter_at(layout.lanes_area);
        let visuals = ui.visuals();
        let palette = theme::palette(ui.ctx());
        let text_colour = visuals.strong_text_color();
        for (lane_id, rect) in lane_rects {
            let Some(lane) = self.board.lane(*lane_id) else {
                continue;
            };
            lane_painter.rect_filled(*rect, 0.0, palette.lane_band(lane.colour));
            let stripe = Rect::from_min_size(rect.min, vec2(6.0, rect.height()));
            lane_painter.rect_filled(stripe, 0.0, theme::colour(lane.colour));
            let name = crate::view::rtl::layout_job(
                &lane_painter,
                egui::text::LayoutJob::simple(
                    lane.name.clone(),
                    theme::font(theme::LANE_NAME_SIZE),
                    text_colour,
                    theme::LANE_HEADER_WIDTH - 20.0,
                ),
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
    }

    /// Divergence spans, faintly across the lanes (the plot shows them strongly); none while a
    /// feelings round is open.
    pub(super) fn divergence_bands_ui(
        &self,
        ui: &egui::Ui,
        layout: &TimelineLayout,
        view: &TimeView,
    ) {
        if self.state.round_hidden {
            return;
        }
        let lane_painter = ui.painter_at(layout.lanes_area);
        let palette = theme::palette(ui.ctx());
        let lanes_area = layout.lanes_area;
        for span in &self.derived.spans {
            let x0 = layout.x_of(view, span.start.unix_seconds_f64());
            let x1 = layout.x_of(view, span.end.unix_seconds_f64()).max(x0 + 4.0);
            let band = Rect::from_min_max(
                Pos2::new(x0.max(layout.axis_left), lanes_area.top()),
                Pos2::new(x1.min(layout.full.right()), lanes_area.bottom()),
            );
            if band.is_positive() {
                lane_painter.rect_filled(band, 0.0, palette.divergence_fill_faint);
            }
        }
    }
}
