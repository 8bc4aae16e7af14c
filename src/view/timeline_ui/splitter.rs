//! The bar between the lanes and the feelings, which gives one more room than the other.

use eframe::egui::{self, Rect, Sense, vec2};

use super::layout::TimelineLayout;
use crate::view::BoardView;

/// The height of the bar between the lanes and the feelings.
pub(super) const SPLITTER_HEIGHT: f32 = 8.0;

impl BoardView<'_> {
    /// The bar between the lanes and the feelings: drag it to give one more room than the other.
    /// The View menu's "Bigger plot" and "Smaller plot" do the same without a drag.
    pub(super) fn splitter_ui(&mut self, ui: &egui::Ui, layout: &TimelineLayout) {
        let bar = layout.splitter;
        let response = ui.interact(bar, ui.scope_id().with("plot_splitter"), Sense::DRAG);
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Splitter, true, "Plot size splitter")
        });
        if response.hovered() || response.dragged() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeVertical);
        }
        if response.dragged() {
            let delta = response.drag_delta().y;
            if delta != 0.0 && layout.body_height > 0.0 {
                let feelings = layout.full.bottom() - bar.bottom();
                let share = (feelings - delta) / layout.body_height;
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
}
