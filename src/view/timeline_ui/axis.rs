//! The time axis: the zone's name, the tick labels with grid lines down through the lanes and
//! the feelings, and the line that follows the pointer's moment.

use eframe::egui::{self, Align2, Pos2, Rect, Stroke, vec2};
use jiff::tz::Offset;

use super::layout::TimelineLayout;
use crate::model::time::format::{self, BoardDates};
use crate::theme;
use crate::view::bubble;
use crate::view::time_axis::{self, TimeView};

/// The strip along the top of the board where the time axis is drawn.
fn axis_rect(layout: &TimelineLayout) -> Rect {
    Rect::from_min_size(
        Pos2::new(layout.axis_left, layout.full.top()),
        vec2(layout.axis_width, theme::AXIS_HEIGHT),
    )
}

/// The zone the board's times are in, written left of the axis over the lane headers.
pub(super) fn zone_label_ui(ui: &egui::Ui, layout: &TimelineLayout, dates: BoardDates) {
    let painter = ui.painter_at(layout.full);
    painter.text(
        Pos2::new(layout.full.left() + 8.0, axis_rect(layout).center().y),
        Align2::LEFT_CENTER,
        dates.zone(),
        theme::font(theme::AXIS_LABEL_SIZE),
        ui.visuals().text_color(),
    );
}

/// Grid lines and tick labels of `view` in `offset`, through the lanes and the feelings area;
/// major ticks stronger.
pub(super) fn axis_ticks_ui(
    ui: &egui::Ui,
    layout: &TimelineLayout,
    view: &TimeView,
    offset: Offset,
) {
    let painter = ui.painter_at(layout.full);
    let visuals = ui.visuals();
    let text_colour = visuals.strong_text_color();
    let axis_rect = axis_rect(layout);
    let ticks = time_axis::ticks(view, layout.axis_width, theme::MIN_TICK_SPACING, offset);
    let grid = visuals.widgets.noninteractive.bg_stroke.color;
    for tick in &ticks {
        let x = layout.x_of(view, tick.t);
        let stroke = if tick.major {
            Stroke::new(2.0, visuals.text_color().gamma_multiply(0.6))
        } else {
            Stroke::new(1.0, grid)
        };
        painter.vline(x, axis_rect.bottom()..=layout.feelings.bottom(), stroke);
        let label = if tick.major {
            egui::RichText::new(&tick.label).strong()
        } else {
            egui::RichText::new(&tick.label)
        };
        let colour = if tick.major {
            text_colour
        } else {
            visuals.text_color()
        };
        let galley = painter.layout_no_wrap(
            label.text().to_owned(),
            theme::font(theme::AXIS_LABEL_SIZE),
            colour,
        );
        // A label that would be cut at the board's right edge is left out; its line stays.
        if x + 4.0 + galley.size().x > layout.full.right() {
            continue;
        }
        painter.galley(
            Pos2::new(x + 4.0, axis_rect.center().y - galley.size().y / 2.0),
            galley,
            colour,
        );
    }
}

/// A vertical line at the pointer's moment, through the lanes and the plot, with the moment's
/// clock time at the axis.
pub(super) fn hover_line_ui(
    ui: &egui::Ui,
    layout: &TimelineLayout,
    view: &TimeView,
    offset: Offset,
) {
    let TimelineLayout {
        full,
        axis_left,
        axis_width,
        ..
    } = *layout;
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
    if let Some(m) =
        crate::model::Moment::from_unix_seconds_f64(view.t_of(pos.x, axis_left, axis_width), offset)
    {
        bubble(
            &painter,
            Pos2::new(pos.x, full.top() + theme::AXIS_HEIGHT),
            &format::clock_of(m.datetime()),
        );
    }
}
