//! Where the timeline was drawn, for dropping cards and for tests, and how cards stack in a lane.

use eframe::egui::{Pos2, Rect};

use crate::model::{EventId, LaneId};
use crate::theme;
use crate::view::time_axis::TimeView;

/// Where the timeline was drawn in the last frame: for dropping cards, and for tests.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineGeometry {
    /// The whole board: time axis, lanes and feelings.
    pub board: Rect,
    /// The time axis runs from `axis_left` to `axis_left + axis_width` (points).
    pub axis_left: f32,
    pub axis_width: f32,
    pub view: TimeView,
    /// Each lane's band, from the lane header to the right edge (it may be scrolled partly
    /// out of `lanes_area`).
    pub lanes: Vec<(LaneId, Rect)>,
    /// The part of the window that shows lanes.
    pub lanes_area: Rect,
    /// Each card on screen.
    pub cards: Vec<(EventId, Rect)>,
    /// The cards on screen whose title is cut short ("…").
    pub cut_titles: Vec<EventId>,
    /// The area under the timeline, for the feelings.
    pub feelings: Rect,
    /// The feelings plot inside it.
    pub plot: crate::view::feelings_ui::PlotGeometry,
}

impl TimelineGeometry {
    /// The x position of moment `t` (Unix seconds).
    pub fn x_of(&self, t: f64) -> f32 {
        self.view.x_of(t, self.axis_left, self.axis_width)
    }

    /// The moment at x position `x`.
    pub fn t_of(&self, x: f32) -> f64 {
        self.view.t_of(x, self.axis_left, self.axis_width)
    }

    pub fn lane_rect(&self, lane: LaneId) -> Option<Rect> {
        self.lanes
            .iter()
            .find(|(id, _)| *id == lane)
            .map(|(_, r)| *r)
    }

    pub fn card_rect(&self, event: EventId) -> Option<Rect> {
        self.cards
            .iter()
            .find(|(id, _)| *id == event)
            .map(|(_, r)| *r)
    }

    /// The lane under `pos`, if the point is on the lanes' time area.
    pub fn lane_at(&self, pos: Pos2) -> Option<LaneId> {
        if pos.x < self.axis_left
            || pos.x > self.axis_left + self.axis_width
            || !self.lanes_area.y_range().contains(pos.y)
        {
            return None;
        }
        self.lanes
            .iter()
            .find(|(_, r)| r.y_range().contains(pos.y))
            .map(|(id, _)| *id)
    }
}

/// Card placement in a lane: each card (at `xs`, as wide as `widths`) gets the first row where it
/// overlaps no other.
pub(crate) fn stack_rows(xs: &[f32], widths: &[f32]) -> Vec<usize> {
    let mut row_ends: Vec<f32> = Vec::new();
    xs.iter()
        .zip(widths)
        .map(|(&x, &width)| {
            let row = row_ends
                .iter()
                .position(|&end| end + theme::CARD_GAP <= x)
                .unwrap_or(row_ends.len());
            if row == row_ends.len() {
                row_ends.push(x + width);
            } else {
                row_ends[row] = x + width;
            }
            row
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_cards_stack_and_far_ones_share_a_row() {
        let w = theme::CARD_WIDTH;
        let widths = [w; 3];
        assert_eq!(stack_rows(&[0.0, 10.0, 20.0], &widths), vec![0, 1, 2]);
        assert_eq!(
            stack_rows(&[0.0, w + theme::CARD_GAP, 10.0], &widths),
            vec![0, 0, 1]
        );
        assert_eq!(stack_rows(&[0.0, 10.0, w + 20.0], &widths), vec![0, 1, 0]);
        // A card widened for its title takes the room it needs.
        assert_eq!(
            stack_rows(&[0.0, w + theme::CARD_GAP], &[2.0 * w, w]),
            vec![0, 1]
        );
    }
}
