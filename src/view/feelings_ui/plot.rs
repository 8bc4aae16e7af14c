//! What the feelings plot draws with egui_plot: the neutral band, the divergence spans, the
//! value grid, and each participant's line with its markers.

use eframe::egui::{self, Rect, Sense, Stroke, vec2};
use egui_plot::{
    HLine, Line, MarkerShape, Plot, PlotBounds, PlotPoints, PlotUi, Points, Polygon, Span,
};

use super::{MIN_MARKER_SPACING_PX, Y_MAX, Y_MIN, marker_shape};
use crate::analysis::DivergenceSpan;
use crate::model::{FeelingId, Participant, ParticipantId};
use crate::theme;
use crate::view::time_axis::TimeView;

/// One participant's line in the plot.
pub(super) struct PlotLine<'a> {
    pub participant: &'a Participant,
    /// The participant's feelings in time order: moment (Unix seconds), valence, id.
    pub points: &'a [(f64, f64, FeelingId)],
    /// How the line is dashed, by the participant's id.
    pub style: egui_plot::LineStyle,
}

impl PlotLine<'_> {
    /// Where the points in `view` start and end in [`Self::points`].
    fn in_view(&self, view: &TimeView) -> (usize, usize) {
        let first = self.points.partition_point(|(t, ..)| *t < view.start);
        let last = self.points.partition_point(|(t, ..)| *t <= view.end);
        (first, last)
    }

    /// Whether the points in `view` are far enough apart on a plot `width` wide for markers;
    /// closer ones would pile into a smear.
    pub fn markers_fit(&self, view: &TimeView, width: f32) -> bool {
        let (first, last) = self.in_view(view);
        (last - first) as f32 * MIN_MARKER_SPACING_PX <= width
    }
}

/// What the plot draws this frame.
pub(super) struct PlotContent<'a> {
    pub view: TimeView,
    /// Moments are drawn from this one (Unix seconds), so that the plot's numbers stay small.
    pub base: f64,
    /// The neutral band reaches from −`theta` to `theta`.
    pub theta: f64,
    pub spans: &'a [DivergenceSpan],
    pub lines: &'a [PlotLine<'a>],
    pub palette: &'a theme::Palette,
    /// Whose line is drawn widest.
    pub active: Option<ParticipantId>,
    /// The feeling ringed as picked.
    pub selected: Option<FeelingId>,
    /// The plot's width (points).
    pub width: f32,
}

/// The plot in `rect`, with none of egui_plot's own axes, grid, zoom or drag: the board pans and
/// zooms it with the timeline. Returns its response, for the clicks and drags on it.
pub(super) fn feelings_plot_ui(
    ui: &mut egui::Ui,
    rect: Rect,
    content: &PlotContent,
) -> egui::Response {
    ui.scope_builder(egui::UiBuilder::new().max_rect(rect), |ui| {
        Plot::new("feelings_plot")
            .width(rect.width())
            .height(rect.height())
            .show_axes(false)
            .show_grid(false)
            .show_background(false)
            .allow_zoom(false)
            .allow_drag(false)
            .allow_scroll(false)
            .allow_boxed_zoom(false)
            .allow_double_click_reset(false)
            .show_x(false)
            .show_y(false)
            .set_margin_fraction(vec2(0.0, 0.0))
            // Part of the board, which has the keyboard focus for all of it.
            .sense(Sense::CLICK | Sense::DRAG)
            .show(ui, |plot_ui| {
                let (view, base) = (content.view, content.base);
                plot_ui.set_plot_bounds(PlotBounds::from_min_max(
                    [view.start - base, Y_MIN],
                    [view.end - base, Y_MAX],
                ));
                neutral_band(plot_ui, content);
                divergence_spans(plot_ui, content);
                value_grid(plot_ui, content.palette);
                for line in content.lines {
                    participant_line(plot_ui, content, line);
                }
            })
            .response
    })
    .inner
}

/// The neutral band, from −θ to θ, across more than the whole view.
fn neutral_band(plot_ui: &mut PlotUi, content: &PlotContent) {
    let (view, base, theta) = (content.view, content.base, content.theta);
    plot_ui.polygon(
        Polygon::new(
            "neutral band",
            PlotPoints::new(vec![
                [view.start - base - 1e7, -theta],
                [view.end - base + 1e7, -theta],
                [view.end - base + 1e7, theta],
                [view.start - base - 1e7, theta],
            ]),
        )
        .fill_color(content.palette.neutral_band)
        .stroke(Stroke::NONE)
        .allow_hover(false),
    );
}

/// The spans where the team's feelings diverge, as bands; an isolated instant still shows, as a
/// thin band.
fn divergence_spans(plot_ui: &mut PlotUi, content: &PlotContent) {
    for span in content.spans {
        let start = span.start.unix_seconds_f64() - content.base;
        let end = span.end.unix_seconds_f64() - content.base;
        let min_width = content.view.secs_per_px(content.width) * 4.0;
        let (start, end) = if end - start < min_width {
            let mid = (start + end) / 2.0;
            (mid - min_width / 2.0, mid + min_width / 2.0)
        } else {
            (start, end)
        };
        plot_ui.span(
            Span::new("", start..=end)
                .fill(content.palette.divergence_fill)
                .border_width(0.0),
        );
    }
}

/// Faint lines at every whole value, under the data, and a stronger one at zero.
fn value_grid(plot_ui: &mut PlotUi, palette: &theme::Palette) {
    for v in (-5..=5).filter(|v| *v != 0) {
        plot_ui.hline(
            HLine::new("grid", f64::from(v))
                .color(palette.weak.gamma_multiply(0.25))
                .width(1.0)
                .allow_hover(false),
        );
    }
    plot_ui.hline(
        HLine::new("zero", 0.0)
            .color(palette.weak)
            .width(2.0)
            .allow_hover(false),
    );
}

/// One participant's line through what is in view, its markers where they do not pile up, and
/// a ring round the picked feeling.
fn participant_line(plot_ui: &mut PlotUi, content: &PlotContent, line: &PlotLine) {
    let (view, base, width) = (content.view, content.base, content.width);
    let (p, pts) = (line.participant, line.points);
    let colour = theme::colour(p.colour);
    // Only what is in view, and the points just outside it that lines leave the view towards.
    let (first, last) = line.in_view(&view);
    let shown = &pts[first.saturating_sub(1)..(last + 1).min(pts.len())];
    let series: Vec<[f64; 2]> = shown.iter().map(|(t, v, _)| [t - base, *v]).collect();
    // Markers closer than this would pile into a smear: the line alone shows the feelings until
    // the view is zoomed in.
    let markers = line.markers_fit(&view, width) || pts.len() == 1;
    // Lines too dense for markers are drawn thinner and solid: dashes and dots would only blur
    // them.
    let (line_width, style) = match (content.active == Some(p.id), markers) {
        (true, _) => (5.0, line.style),
        (false, true) => (3.0, line.style),
        (false, false) => (1.5, egui_plot::LineStyle::Solid),
    };
    if series.len() > 1 {
        // More points than pixel columns draw no more than their lowest and highest in each
        // column.
        let secs_per_px = view.secs_per_px(width);
        let drawn = if series.len() as f32 > width {
            decimate(&series, secs_per_px)
        } else {
            series.clone()
        };
        plot_ui.line(
            Line::new(p.name.clone(), PlotPoints::new(drawn))
                .color(colour)
                .width(line_width)
                .style(style)
                .allow_hover(false),
        );
    }
    if markers {
        plot_ui.points(
            Points::new(p.name.clone(), PlotPoints::new(series))
                .shape(marker_shape(p.marker))
                .radius(7.0)
                .filled(true)
                .color(colour)
                .allow_hover(false),
        );
    }
    if let Some((_, (t, v, _))) = pts
        .iter()
        .enumerate()
        .find(|(_, (_, _, id))| Some(*id) == content.selected)
    {
        plot_ui.points(
            Points::new("selected", PlotPoints::new(vec![[t - base, *v]]))
                .shape(MarkerShape::Circle)
                .radius(12.0)
                .filled(false)
                .color(theme::SELECTION)
                .allow_hover(false),
        );
    }
}

/// A line of `points` (time in seconds, value), in time order, reduced to what pixel columns
/// `secs_per_px` wide can show: in each column its first, lowest, highest and last point, in time
/// order. The line drawn through them covers the same pixels.
pub(super) fn decimate(points: &[[f64; 2]], secs_per_px: f64) -> Vec<[f64; 2]> {
    if secs_per_px.is_nan() || secs_per_px <= 0.0 {
        return points.to_vec();
    }
    let mut out = Vec::with_capacity(points.len().min(4096));
    let column = |p: &[f64; 2]| (p[0] / secs_per_px).floor();
    let mut start = 0;
    while start < points.len() {
        let col = column(&points[start]);
        let end = points[start..]
            .iter()
            .position(|p| column(p) != col)
            .map_or(points.len(), |n| start + n);
        let run = &points[start..end];
        let (mut low, mut high) = (0, 0);
        for (i, p) in run.iter().enumerate() {
            if p[1] < run[low][1] {
                low = i;
            }
            if p[1] > run[high][1] {
                high = i;
            }
        }
        let mut keep = vec![0, low, high, run.len() - 1];
        keep.sort_unstable();
        keep.dedup();
        out.extend(keep.into_iter().map(|i| run[i]));
        start = end;
    }
    out
}
