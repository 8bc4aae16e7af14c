//! The event cards: placed in their lanes' rows, picked and dragged with the pointer, and drawn
//! as sticky notes (or, on a dense board's picture, as numbered markers).

use eframe::egui::{self, Align2, Color32, Pos2, Rect, Sense, Stroke, StrokeKind, vec2};

use super::CardStyle;
use super::drag::escaped;
use super::lanes::LaneLayout;
use super::layout::TimelineLayout;
use crate::model::time::format::BoardDates;
use crate::model::{Event, EventId, Lane, LaneId};
use crate::theme;
use crate::view::{BoardView, Drag, DragKind};

/// A numbered marker's height, in points.
pub(super) const MARKER_HEIGHT: f32 = 26.0;

/// Between a card's edge and its text.
const CARD_TEXT_INSET: f32 = 8.0;

/// Where the cards were drawn this frame.
#[derive(Default)]
pub(super) struct DrawnCards {
    /// Each card on screen.
    pub cards: Vec<(EventId, Rect)>,
    /// The cards on screen whose title is cut short ("…").
    pub cut_titles: Vec<EventId>,
}

/// One card on screen this frame.
struct CardOnScreen<'c> {
    event: &'c Event,
    lane: &'c Lane,
    /// The whole card, and the part of it that is not scrolled out of the lanes.
    rect: Rect,
    visible: Rect,
    /// The time written on the card.
    time: String,
}

impl BoardView<'_> {
    /// The cards of every lane that are in view, each in its row of its lane's band (`lane_rects`),
    /// clipped to the lanes' time area; a drop with `exact` (Shift) is not snapped.
    pub(super) fn cards_ui(
        &mut self,
        ui: &egui::Ui,
        layout: &TimelineLayout,
        lanes: &[LaneLayout],
        lane_rects: &[(LaneId, Rect)],
        style: &CardStyle,
        exact: bool,
    ) -> DrawnCards {
        let lanes_area = layout.lanes_area;
        let body_clip = Rect::from_min_max(
            Pos2::new(layout.axis_left, lanes_area.top()),
            lanes_area.max,
        );
        let card_painter = ui.painter_at(body_clip);
        let mut drawn = DrawnCards::default();
        for (lane_layout, (_, lane_rect)) in lanes.iter().zip(lane_rects) {
            let Some(lane) = self.board.lane(lane_layout.lane).cloned() else {
                continue;
            };
            let cards = lane_layout
                .events
                .iter()
                .zip(&lane_layout.xs)
                .zip(&lane_layout.rows)
                .zip(&lane_layout.widths);
            for (((&(_, id), &x), &row), &width) in cards {
                if x > layout.full.right() || x + width < layout.axis_left {
                    continue;
                }
                let top = lane_rect.top()
                    + theme::LANE_PADDING
                    + row as f32 * (style.height + theme::CARD_GAP);
                let rect = Rect::from_min_size(Pos2::new(x, top), vec2(width, style.height));
                let visible = rect.intersect(body_clip);
                let dragged_card = matches!(
                    self.state.drag,
                    Some(Drag { kind: DragKind::Move { id: d, .. } }) if d == id
                );
                if !visible.is_positive() && !dragged_card {
                    continue; // scrolled out of the lanes area
                }
                drawn.cards.push((id, rect));
                let Some(event) = self
                    .derived
                    .event_at
                    .get(&id)
                    .and_then(|&i| self.board.events.get(i))
                    .cloned()
                else {
                    continue;
                };
                let card = CardOnScreen {
                    time: card_time(style.dates, &event, style.long_board),
                    event: &event,
                    lane: &lane,
                    rect,
                    visible,
                };
                if !self.card_ui(ui, &card_painter, &card, style, exact) {
                    drawn.cut_titles.push(id);
                }
            }
        }
        drawn
    }

    /// One card: a click picks it, a drag moves it (dropped on a lane, snapped unless `exact`),
    /// the pointer over it shows its whole title and notes. Returns whether the title is shown
    /// whole.
    fn card_ui(
        &mut self,
        ui: &egui::Ui,
        painter: &egui::Painter,
        card: &CardOnScreen,
        style: &CardStyle,
        exact: bool,
    ) -> bool {
        let dragging_this = self.card_input(ui, card, exact);
        let id = card.event.id;
        if let Some(numbers) = style.numbers {
            let number = numbers.get(&id).copied().unwrap_or(0);
            draw_marker(painter, card.rect, number, card.lane.colour);
            return true;
        }
        draw_card(
            painter,
            card.rect,
            &card.event.title,
            &card.time,
            card.lane.colour,
            self.state.selected == Some(id),
            dragging_this || self.state.kind_filter.is_some_and(|k| k != card.event.kind),
            style.lines,
        )
    }

    /// What the pointer does to a card: a click or the start of a drag picks it, a drag that
    /// stops drops it where it is (unless Esc ended it), hovering shows its whole text. Returns
    /// whether this card is being dragged.
    fn card_input(&mut self, ui: &egui::Ui, card: &CardOnScreen, exact: bool) -> bool {
        let (event, id) = (card.event, card.event.id);
        // Not a stop for Tab: the board keeps the keys, and `[` `]` select cards.
        let response = ui.interact(
            card.visible,
            ui.scope_id().with(("card", id)),
            Sense::CLICK | Sense::DRAG,
        );
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Button,
                true,
                format!("Event: {}, {}, {}", event.title, card.time, card.lane.name),
            )
        });
        if (response.clicked() || response.drag_started()) && self.state.selected != Some(id) {
            self.state.selected = Some(id);
            self.state.selected_feeling = None;
        }
        if response.drag_started()
            && let Some(p) = ui.input(|i| i.pointer.press_origin())
        {
            self.state.drag = Some(Drag {
                kind: DragKind::Move {
                    id,
                    grab_dx: p.x - card.rect.left(),
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
                && let Some((lane, t)) = self.drop_target(pos, drag.kind, exact)
            {
                self.move_event(id, lane, t);
            }
        } else if self.state.drag.is_none() {
            // The whole title, whatever the card shows of it, and the notes.
            response.on_hover_ui(|ui| {
                ui.set_max_width(420.0);
                ui.strong(&event.title);
                ui.label(egui::RichText::new(&card.time).weak());
                if !event.notes.is_empty() {
                    ui.label(&event.notes);
                }
            });
        }
        dragging_this
    }
}

/// The time on a card (the clock alone when the board spans a day or less), and the event's
/// kind in capitals when it has one: "02:14 DETECTION".
pub(super) fn card_time(dates: BoardDates, event: &Event, with_day: bool) -> String {
    let time = if with_day {
        dates.time(event.time)
    } else {
        dates.clock(event.time)
    };
    if event.kind.is_none() {
        time
    } else {
        format!("{time} {}", event.kind.label().to_uppercase())
    }
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

/// How wide a card of one line must be to show its whole title, however long.
pub(super) fn whole_card_width(painter: &egui::Painter, title: &str, time: &str) -> f32 {
    let one_line = painter
        .layout_job(card_job(title, time, 1, f32::INFINITY))
        .size()
        .x;
    (one_line + 2.0 * CARD_TEXT_INSET + 2.0).max(theme::CARD_WIDTH)
}

/// How wide a card must be to show its whole title in `lines` lines; never wider than
/// [`theme::CARD_MAX_WIDTH`].
pub(super) fn card_width_for(
    painter: &egui::Painter,
    title: &str,
    time: &str,
    lines: usize,
) -> f32 {
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

/// A sticky note: the lane's colour, the time and the title. Returns whether the title is shown
/// whole.
#[expect(clippy::too_many_arguments)]
pub(super) fn draw_card(
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
    let (galley, cut) =
        crate::view::rtl::layout_job_cut(painter, card_job(title, time, lines, inner.width()));
    let top = rect.center().y - galley.size().y / 2.0;
    let whole = !cut;
    painter.galley(egui::pos2(inner.left(), top), galley, theme::CARD_TEXT);
    whole
}

/// How wide the marker of event `number` is: room for its digits.
pub(super) fn marker_width(number: usize) -> f32 {
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
