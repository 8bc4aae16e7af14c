//! Dragging cards: where a card dragged to a point would land, the ghost of the card under the
//! pointer with its lane and time, and the drop of a new card from the tray.

use eframe::egui::{self, Pos2, Rect, Stroke, vec2};

use super::cards::draw_card;
use crate::model::LaneId;
use crate::theme;
use crate::view::time_axis;
use crate::view::{BoardView, DragKind, bubble};

impl BoardView<'_> {
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
    pub(super) fn drag_ui(&mut self, ui: &mut egui::Ui, exact: bool) {
        let Some(drag) = self.state.drag else { return };
        if self.state.tray_dropped {
            self.tray_drop(ui, exact);
            return;
        }
        let Some(pos) = ui.input(|i| i.pointer.hover_pos()) else {
            return;
        };
        let layer = egui::LayerId::new(egui::Order::Tooltip, ui.scope_id().with("drag_ghost"));
        let painter = ui.ctx().layer_painter(layer);
        match self.drop_target(pos, drag.kind, exact) {
            Some((lane_id, t)) => self.drag_ghost_ui(&painter, drag.kind, lane_id, t, exact),
            None if !matches!(drag.kind, DragKind::Feeling { .. }) => {
                bubble(&painter, pos, "Drop on a lane · Esc cancels");
            }
            None => {}
        }
    }

    /// The new card from the tray was released: it becomes an event where it landed, unless Esc
    /// ended the drag or it is not over a lane.
    fn tray_drop(&mut self, ui: &egui::Ui, exact: bool) {
        self.state.tray_dropped = false;
        let drag = self.state.drag.take();
        if let Some(drag) = drag
            && !escaped(ui)
            && let Some(pos) = ui.input(|i| i.pointer.interact_pos())
            && let Some((lane, t)) = self.drop_target(pos, drag.kind, exact)
        {
            self.create_event(lane, t);
        }
    }

    /// The ghost of a card dragged (`kind`) to lane `lane_id` at `t` (Unix seconds): a line at its
    /// time through the lane, the card itself, and a label with the time and the lane.
    fn drag_ghost_ui(
        &self,
        painter: &egui::Painter,
        kind: DragKind,
        lane_id: LaneId,
        t: f64,
        exact: bool,
    ) {
        let dates = self.dates();
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
        let title = match kind {
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
        draw_card(painter, rect, &title, &when, lane.colour, true, false, 2);
        let label = if exact {
            format!("{when} in {}", lane.name)
        } else {
            format!("{when} in {} (Shift: exact)", lane.name)
        };
        bubble(painter, Pos2::new(x, lane_rect.top()), &label);
    }
}

/// Esc was pressed this frame: egui ends a drag then, and the drop must not happen.
pub(super) fn escaped(ui: &egui::Ui) -> bool {
    ui.input(|i| i.key_pressed(egui::Key::Escape))
}
