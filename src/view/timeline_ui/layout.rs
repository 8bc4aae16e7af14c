//! Where the timeline's parts go in a frame: the time axis, the lanes, the splitter and the
//! feelings area under them.

use eframe::egui::{self, Pos2, Rect};

use super::splitter::SPLITTER_HEIGHT;
use crate::theme;
use crate::view::BoardView;
use crate::view::time_axis::TimeView;

/// Where the timeline's parts go this frame, worked out before anything is drawn.
#[derive(Clone, Copy, Debug)]
pub(super) struct TimelineLayout {
    /// The whole board: time axis, lanes and feelings.
    pub full: Rect,
    /// The time axis runs from `axis_left` to `axis_left + axis_width` (points).
    pub axis_left: f32,
    pub axis_width: f32,
    /// The part of the window that shows lanes.
    pub lanes_area: Rect,
    /// The bar between the lanes and the feelings.
    pub splitter: Rect,
    /// The area under the splitter, for the feelings.
    pub feelings: Rect,
    /// The height under the time axis, which the lanes and the feelings share.
    pub body_height: f32,
    /// The height every lane together needs.
    pub content_height: f32,
    /// How far the lanes scroll down at most: 0 when they all fit.
    pub max_scroll: f32,
}

impl TimelineLayout {
    /// The x position of moment `t` (Unix seconds) in `view`.
    pub fn x_of(&self, view: &TimeView, t: f64) -> f32 {
        view.x_of(t, self.axis_left, self.axis_width)
    }
}

/// Where the time axis runs on a board drawn in `full`: its left edge and its width (points).
pub(super) fn axis_span(full: Rect) -> (f32, f32) {
    let axis_left = full.left() + theme::LANE_HEADER_WIDTH;
    let axis_width = (full.width() - theme::LANE_HEADER_WIDTH).max(50.0);
    (axis_left, axis_width)
}

impl BoardView<'_> {
    /// Lays the board out in `full` for lanes `content_height` high together: the lanes get the
    /// room the feelings area leaves, and scroll when they need more.
    pub(super) fn timeline_layout(
        &self,
        ui: &egui::Ui,
        full: Rect,
        content_height: f32,
    ) -> TimelineLayout {
        let (axis_left, axis_width) = axis_span(full);
        let lanes_top = full.top() + theme::AXIS_HEIGHT;
        let body_height = full.bottom() - lanes_top;
        let feelings_min = self.feelings_min_height(ui, full, body_height, content_height);
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
        let feelings = Rect::from_min_max(Pos2::new(full.left(), splitter.bottom()), full.max);
        TimelineLayout {
            full,
            axis_left,
            axis_width,
            lanes_area,
            splitter,
            feelings,
            body_height,
            content_height,
            max_scroll,
        }
    }

    /// The least height of the feelings area with the splitter above it: the feelings get their
    /// share of the height under the axis (the splitter sets it), and all the room the lanes do
    /// not need.
    fn feelings_min_height(
        &self,
        ui: &egui::Ui,
        full: Rect,
        body_height: f32,
        content_height: f32,
    ) -> f32 {
        let (_, axis_width) = axis_span(full);
        match self.state.plot_share() {
            // A picture cannot scroll: its lanes come first (the export lays out its own page).
            _ if self.state.is_picture() => full.height() * crate::view::PICTURE_PLOT_SHARE,
            Some(share) => body_height * share,
            None => {
                // The plot's height for a share of the board's area.
                let plot_for = |share: f32| {
                    share * full.width() * full.height() / axis_width
                        + crate::view::feelings_ui::chrome_height(ui)
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
            + SPLITTER_HEIGHT
    }
}
