//! The emotional scatter plot under the timeline: each participant's feelings over time on the
//! same time axis, the neutral band, and the spans where the team's feelings diverge.
//! [`BoardView::feelings_ui`] draws it in steps: the legend, the plot, the words over it, and
//! what the pointer does in it.

mod insights;
mod interaction;
mod labels;
mod legend;
mod plot;
mod turns;

use eframe::egui::{self, Align2, Pos2, Rect, vec2};

use self::interaction::PlotFrame;
use self::plot::{PlotContent, PlotLine, feelings_plot_ui};
use super::TimelineGeometry;
pub use super::plot_marks::PlotGeometry;
pub use super::plot_marks::PlotTextSizes;
pub(crate) use super::plot_marks::{
    BANNER_SIZE, DIVERGENCE_LABEL_SIZE, MIN_MARKER_SPACING_PX, PICK_RADIUS, POINT_WORD_SIZE,
    VALUE_SCALE_SIZE, Y_MAX, Y_MIN, line_style, marker_shape, paint_marker, snap_valence,
    valence_text,
};
use crate::theme;
use crate::view::BoardView;

/// The height of the feelings area that is not plot: the label strip and the margins.
pub(crate) fn chrome_height(ui: &egui::Ui) -> f32 {
    labels::label_strip_height(ui) + 2.0 + 2.0 + 4.0
}

/// Where the plot goes in the feelings `area` on the timeline's axis: divergences are named in a
/// strip of two lines above the plot, never over the lines.
/// The divergence labels' strip, then the insights' strip (`notes_height` tall), then the
/// plot.
fn plot_areas(
    ui: &egui::Ui,
    area: Rect,
    geometry: &TimelineGeometry,
    notes_height: f32,
) -> PlotGeometry {
    let strip_height = labels::label_strip_height(ui);
    let label_strip = Rect::from_min_max(
        Pos2::new(geometry.axis_left, area.top() + 2.0),
        Pos2::new(
            geometry.axis_left + geometry.axis_width,
            area.top() + 2.0 + strip_height,
        ),
    );
    // Never more than a third of the area: the plot keeps the rest.
    let notes_height = notes_height.min(area.height() / 3.0);
    let plot_rect = Rect::from_min_max(
        Pos2::new(
            geometry.axis_left,
            label_strip.bottom() + 2.0 + notes_height,
        ),
        Pos2::new(
            geometry.axis_left + geometry.axis_width,
            area.bottom() - 4.0,
        ),
    );
    PlotGeometry {
        rect: plot_rect,
        label_strip,
        ..Default::default()
    }
}

/// While a feelings round is open, a line over the empty plot says why it is empty.
fn round_open_ui(ui: &egui::Ui, plot_rect: Rect, palette: &theme::Palette) {
    let painter = ui.painter_at(plot_rect);
    painter.text(
        plot_rect.center() - vec2(0.0, plot_rect.height() * 0.25),
        Align2::CENTER_CENTER,
        "Feelings round open: every line stays hidden until it is revealed",
        theme::font(theme::HEADING_SIZE - 8.0),
        palette.weak,
    );
}

/// While a click adds feelings, a banner across the top of the plot says for whom, and how to
/// stop. Returns where it went and what it says.
fn adding_banner_ui(ui: &mut egui::Ui, plot_rect: Rect, who: &str) -> (Rect, String) {
    let text = format!("Adding feelings for {who}: click the plot to add · A or Esc: stop");
    let galley = ui.painter().layout_no_wrap(
        text.clone(),
        theme::font(BANNER_SIZE),
        theme::DROP_LABEL_TEXT,
    );
    let size = (galley.size() + vec2(16.0, 8.0)).min(plot_rect.size());
    let rect = Rect::from_min_size(
        Pos2::new(plot_rect.center().x - size.x / 2.0, plot_rect.top() + 4.0),
        size,
    );
    let painter = ui.painter_at(plot_rect);
    painter.rect_filled(rect, 4.0, theme::DROP_LABEL_FILL);
    painter.rect_stroke(
        rect,
        4.0,
        egui::Stroke::new(2.0, theme::SELECTION),
        egui::StrokeKind::Inside,
    );
    // A label, not only paint: screen readers and tests read it.
    ui.put(
        rect,
        egui::Label::new(
            egui::RichText::new(text.clone())
                .font(theme::font(BANNER_SIZE))
                .color(theme::DROP_LABEL_TEXT),
        )
        .selectable(false)
        .truncate(),
    );
    (rect, text)
}

impl<'a> BoardView<'a> {
    /// Draws the feelings area in `area` (legend on the left, plot on the time axis) and handles
    /// adding, picking and dragging feelings.
    pub(crate) fn feelings_ui(&mut self, ui: &mut egui::Ui, area: Rect, exact: bool) {
        // The plot's own geometry is made anew below; only the timeline's is needed.
        if let Some(g) = self.state.geometry.as_mut() {
            g.plot = PlotGeometry::default();
        }
        let Some(geometry) = self.state.geometry.clone() else {
            return;
        };
        let view = geometry.view;
        let dates = self.dates();
        let notes = insights::InsightNotes::layout(ui.painter(), self.board, &geometry);
        let mut plot_geometry = plot_areas(ui, area, &geometry, notes.height());
        let plot_rect = plot_geometry.rect;
        plot_geometry.legend = self.legend_ui(ui, area, geometry.axis_left);
        if !plot_geometry.legend.is_empty() {
            plot_geometry.text_sizes.legend = POINT_WORD_SIZE;
        }
        let lines = self.plot_lines(&geometry, &mut plot_geometry);
        // Anti-aliased edges show on a plot of a few lines with markers; on a dense one they are
        // lost among the lines, and drawing them costs much where the CPU draws.
        self.state.smooth_edges = lines.is_empty()
            || lines
                .iter()
                .any(|l| l.markers_fit(&view, plot_rect.width()));

        let palette = theme::palette(ui.ctx());
        // While a round is open, nobody's line shows: the room sees who submitted, never what.
        let hide_all = self.state.round_hidden;
        let content = PlotContent {
            view,
            base: view.start.floor(),
            theta: self.board.settings.neutral_band,
            spans: if hide_all { &[] } else { &self.derived.spans },
            lines: &lines,
            palette: &palette,
            active: self.state.active_participant,
            selected: self.state.selected_feeling,
            width: plot_rect.width(),
        };
        let response = feelings_plot_ui(ui, plot_rect, &content);
        if hide_all {
            round_open_ui(ui, plot_rect, &palette);
        } else {
            self.plot_labels_ui(ui.painter(), &mut plot_geometry, &geometry, &palette);
            if self.state.show_turning_points {
                plot_geometry.turn_labels =
                    self.turning_points_ui(ui.painter(), &plot_geometry, &geometry, &palette);
            }
        }
        let strip = Rect::from_min_max(
            Pos2::new(plot_rect.left(), plot_geometry.label_strip.bottom()),
            Pos2::new(plot_rect.right(), plot_rect.top()),
        );
        plot_geometry.insight_notes = notes.draw(ui.painter(), strip, &plot_geometry);
        if let Some(who) = self.adding_for() {
            let who = self.shown_name(who);
            plot_geometry.banner = Some(adding_banner_ui(ui, plot_rect, &who));
            plot_geometry.text_sizes.banner = BANNER_SIZE;
        }
        let frame = PlotFrame {
            plot: &plot_geometry,
            geometry: &geometry,
            dates,
            exact,
        };
        self.plot_interaction(ui, &response, &frame);
        if let Some(g) = self.state.geometry.as_mut() {
            g.plot = plot_geometry;
        }
    }

    /// Each visible participant's line, in time order (none while a round is open); the points
    /// near the plot go into `plot`, for picking.
    fn plot_lines(
        &self,
        geometry: &TimelineGeometry,
        plot: &mut PlotGeometry,
    ) -> Vec<PlotLine<'a>> {
        let (board, derived) = (self.board, self.derived);
        let plot_rect = plot.rect;
        let mut lines = Vec::new();
        for p in &board.participants {
            if p.hidden || self.state.round_hidden {
                continue;
            }
            // In time order, grouped once per change of the board.
            let pts: &'a [(f64, f64, crate::model::FeelingId)] =
                derived.lines.get(&p.id).map_or(&[], Vec::as_slice);
            for &(t, v, id) in pts {
                let x = geometry.x_of(t);
                if x >= plot_rect.left() - PICK_RADIUS && x <= plot_rect.right() + PICK_RADIUS {
                    plot.points.push((id, Pos2::new(x, plot.y_of(v))));
                }
            }
            // By id, not place in the list: removing someone leaves the others' lines as they were.
            lines.push(PlotLine {
                participant: p,
                points: pts,
                style: line_style(p.id.0.saturating_sub(1) as usize),
            });
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::labels::fit_names;
    use super::plot::decimate;

    #[test]
    fn a_dense_line_keeps_each_columns_first_lowest_highest_and_last_point() {
        // 1,000 points a second apart, in columns 10 seconds wide.
        let points: Vec<[f64; 2]> = (0..1000)
            .map(|i| [f64::from(i), f64::from(i % 7) - 3.0])
            .collect();
        let kept = decimate(&points, 10.0);
        assert!(kept.len() <= 4 * 100, "{} points", kept.len());
        assert!(kept.len() >= 2 * 100);
        assert!(kept.windows(2).all(|w| w[0][0] < w[1][0]), "in time order");
        for col in 0..100 {
            let within = |p: &&[f64; 2]| (p[0] / 10.0).floor() == f64::from(col);
            let all: Vec<_> = points.iter().filter(within).collect();
            let left: Vec<_> = kept.iter().filter(within).collect();
            let max = |v: &[&[f64; 2]]| v.iter().map(|p| p[1]).fold(f64::MIN, f64::max);
            let min = |v: &[&[f64; 2]]| v.iter().map(|p| p[1]).fold(f64::MAX, f64::min);
            assert_eq!(max(&all), max(&left));
            assert_eq!(min(&all), min(&left));
            assert_eq!(all.first(), left.first());
            assert_eq!(all.last(), left.last());
        }
        // A point a column keeps every point.
        assert_eq!(decimate(&points[..3], 0.5), points[..3].to_vec());
    }

    /// Every character 8 points wide.
    fn width(s: &str) -> f32 {
        s.chars().count() as f32 * 8.0
    }

    #[test]
    fn names_that_do_not_fit_are_counted() {
        let names: Vec<String> = ["Ana", "Ben", "Chidi", "Dana", "Elif"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            fit_names("up: ", &names, 1000.0, &width),
            "up: Ana, Ben, Chidi, Dana, Elif"
        );
        let short = fit_names("up: ", &names, 200.0, &width);
        assert_eq!(short, "up: Ana, Ben +3 more");
        assert!(width(&short) <= 200.0);
        assert_eq!(fit_names("down: ", &[], 200.0, &width), "down: nobody");
        let many: Vec<String> = (0..80).map(|i| format!("Person {i}")).collect();
        let line = fit_names("up: ", &many, 300.0, &width);
        assert!(width(&line) <= 300.0 && line.ends_with("more"), "{line}");
    }
}
