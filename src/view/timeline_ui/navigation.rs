//! The board's background: panning and zooming time with the pointer and the wheel, scrolling
//! the lanes, a double-click that adds an event, and the keyboard focus the board keeps.

use eframe::egui::{self, Rect, Sense, Stroke, StrokeKind};

use super::layout::TimelineLayout;
use crate::model::LaneId;
use crate::theme;
use crate::view::time_axis::{self, TimeView};
use crate::view::{BoardView, Mode, TimelineGeometry};

/// How near the top or bottom of the lanes a dragged card scrolls them (points).
const SCROLL_EDGE: f32 = 36.0;

impl BoardView<'_> {
    /// The board's background and what the pointer does on it before anything is drawn: the
    /// wheel and Ctrl+wheel move `view` and scroll the lanes, a drag near the lanes' edge scrolls
    /// them, the splitter moves (in the window), and dragging the background pans. Returns the
    /// background's response, for its clicks once the cards have had theirs.
    pub(super) fn board_input(
        &mut self,
        ui: &egui::Ui,
        layout: &TimelineLayout,
        view: &mut TimeView,
    ) -> egui::Response {
        let full = layout.full;
        // Background: pan by dragging, zoom with Ctrl+wheel, double-click to add an event.
        let background = ui.interact(full, crate::view::board_focus_id(), Sense::click_and_drag());
        background.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Board: timeline and feelings")
        });
        self.wheel_input(ui, layout, &background, view);
        self.follow_drag_scroll(ui, layout);
        self.state.lane_scroll = self.state.lane_scroll.clamp(0.0, layout.max_scroll);
        // Present mode keeps the split the window left, with no tools on screen.
        if self.state.mode == Mode::Window {
            self.splitter_ui(ui, layout);
        }
        if ui.input(|i| i.pointer.any_pressed()) && ui.rect_contains_pointer(full) {
            self.state.reveal_event = None;
        }
        if background.dragged() && self.state.drag.is_none() {
            view.pan(-f64::from(background.drag_delta().x) * view.secs_per_px(layout.axis_width));
        }
        background
    }

    /// With the pointer on the board (and no question asked over it): Ctrl+wheel zooms around
    /// the pointer's moment, the wheel scrolls lanes that do not fit, and otherwise, and
    /// sideways, it pans time.
    fn wheel_input(
        &mut self,
        ui: &egui::Ui,
        layout: &TimelineLayout,
        background: &egui::Response,
        view: &mut TimeView,
    ) {
        let TimelineLayout {
            full,
            axis_left,
            axis_width,
            lanes_area,
            max_scroll,
            ..
        } = *layout;
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
        if !pointer_here {
            return;
        }
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

    /// While a card is dragged near the top or bottom of the lanes, they scroll to follow.
    fn follow_drag_scroll(&mut self, ui: &egui::Ui, layout: &TimelineLayout) {
        let (lanes_area, max_scroll) = (layout.lanes_area, layout.max_scroll);
        let pointer = ui.input(|i| i.pointer.hover_pos());
        if self.state.drag.is_some()
            && max_scroll > 0.0
            && let Some(p) = pointer
            && lanes_area.x_range().contains(p.x)
        {
            if p.y < lanes_area.top() + SCROLL_EDGE && self.state.lane_scroll > 0.0 {
                self.state.lane_scroll -= 10.0;
                ui.ctx().request_repaint();
            } else if p.y > lanes_area.bottom() - SCROLL_EDGE && self.state.lane_scroll < max_scroll
            {
                self.state.lane_scroll += 10.0;
                ui.ctx().request_repaint();
            }
        }
    }

    /// A double-click on a lane's background adds an event there, at the snapped moment; a click
    /// elsewhere on the background picks nothing.
    pub(super) fn background_click(
        &mut self,
        background: &egui::Response,
        layout: &TimelineLayout,
        view: TimeView,
        lane_rects: &[(LaneId, Rect)],
    ) {
        if background.double_clicked()
            && let Some(pos) = background.interact_pointer_pos()
            && let Some(lane) = geometry_now(layout, view, lane_rects).lane_at(pos)
        {
            let step = time_axis::snap_step(&view, layout.axis_width);
            let t = time_axis::snap(
                view.t_of(pos.x, layout.axis_left, layout.axis_width),
                step,
                self.display_offset(),
            );
            self.create_event(lane, t);
        } else if background.clicked() {
            self.state.selected = None;
        }
    }

    /// A press or click anywhere on the board gives it the keyboard focus (typing in a field ends there);
    /// while it has the focus, the arrows and Esc stay with it and a ring shows where keys go.
    pub(super) fn board_focus_ui(&mut self, ui: &egui::Ui, full: Rect) {
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
            crate::view::focus_board(ui.ctx());
        }
        let id = crate::view::board_focus_id();
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
}

/// Where the lanes are this frame, before the cards are placed: enough to find the lane under
/// a point.
fn geometry_now(
    layout: &TimelineLayout,
    view: TimeView,
    lanes: &[(LaneId, Rect)],
) -> TimelineGeometry {
    TimelineGeometry {
        board: Rect::NOTHING,
        axis_left: layout.axis_left,
        axis_width: layout.axis_width,
        view,
        lanes: lanes.to_vec(),
        lanes_area: layout.lanes_area,
        cards: Vec::new(),
        cut_titles: Vec::new(),
        feelings: Rect::NOTHING,
        plot: Default::default(),
    }
}
