//! The emotional scatter plot under the timeline: each participant's feelings over time on the
//! same time axis, the neutral band, and the spans where the team's feelings diverge.

use eframe::egui::{self, Align2, Pos2, Rect, Sense, Stroke, vec2};
use egui_plot::{HLine, Line, MarkerShape, Plot, PlotBounds, PlotPoints, Points, Polygon, Span};

use super::bubble;
pub use super::plot_marks::PlotGeometry;
pub(crate) use super::plot_marks::{
    MIN_MARKER_SPACING_PX, PICK_RADIUS, Y_MAX, Y_MIN, line_style, marker_shape, paint_marker,
    snap_valence, valence_text,
};
use crate::model::time::format::BoardDates;
use crate::model::{FeelingId, Moment, ParticipantId};
use crate::theme;
use crate::view::time_axis;
use crate::view::{BoardView, Drag, DragKind, ViewAction};

/// Room around a divergence label's text.
const LABEL_PAD: f32 = 3.0;
/// Between two labels.
const LABEL_GAP: f32 = 6.0;
/// The widest a label grows before its names end in "+N more".
const LABEL_MAX_WIDTH: f32 = 300.0;
/// The narrowest a label's text gets.
const LABEL_MIN_WIDTH: f32 = 70.0;
/// How far past its span's peak a label reaches, at least, on either side.
const LABEL_REACH: f32 = 10.0;

/// The strip above the plot for divergence labels of two lines.
fn label_strip_height(ui: &egui::Ui) -> f32 {
    ui.painter()
        .layout_no_wrap(
            "up\ndown".to_owned(),
            theme::font(theme::CARD_TIME_SIZE),
            egui::Color32::WHITE,
        )
        .size()
        .y
        + 2.0 * LABEL_PAD
        + 4.0
}

/// The height of the feelings area that is not plot: the label strip and the margins.
pub(crate) fn chrome_height(ui: &egui::Ui) -> f32 {
    label_strip_height(ui) + 2.0 + 2.0 + 4.0
}

/// A line of `points` (time in seconds, value), in time order, reduced to what pixel columns
/// `secs_per_px` wide can show: in each column its first, lowest, highest and last point, in time
/// order. The line drawn through them covers the same pixels.
pub(crate) fn decimate(points: &[[f64; 2]], secs_per_px: f64) -> Vec<[f64; 2]> {
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

/// `prefix` and as many `names` as fit in `max_width`, the rest counted: "up: Ana, Ben +3 more".
fn fit_names(
    prefix: &str,
    names: &[String],
    max_width: f32,
    width_of: &dyn Fn(&str) -> f32,
) -> String {
    if names.is_empty() {
        return format!("{prefix}nobody");
    }
    let separator = width_of(", ");
    let mut used = width_of(prefix);
    let mut taken = 0;
    for (i, name) in names.iter().enumerate() {
        let rest = names.len() - i - 1;
        let more = if rest > 0 {
            width_of(&format!(" +{rest} more"))
        } else {
            0.0
        };
        let with = used + if i > 0 { separator } else { 0.0 } + width_of(name);
        if with + more > max_width {
            break;
        }
        used = with;
        taken += 1;
    }
    let mut out = format!("{prefix}{}", names[..taken].join(", "));
    if taken < names.len() {
        out.push_str(&format!(" +{} more", names.len() - taken));
    }
    out
}

impl BoardView<'_> {
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
        // Divergences are named in a strip of two lines above the plot, never over the lines.
        let strip_height = label_strip_height(ui);
        let label_strip = Rect::from_min_max(
            Pos2::new(geometry.axis_left, area.top() + 2.0),
            Pos2::new(
                geometry.axis_left + geometry.axis_width,
                area.top() + 2.0 + strip_height,
            ),
        );
        let plot_rect = Rect::from_min_max(
            Pos2::new(geometry.axis_left, label_strip.bottom() + 2.0),
            Pos2::new(
                geometry.axis_left + geometry.axis_width,
                area.bottom() - 4.0,
            ),
        );
        let mut plot_geometry = PlotGeometry {
            rect: plot_rect,
            label_strip,
            ..Default::default()
        };
        let legend = self.legend_ui(ui, area, geometry.axis_left);
        plot_geometry.legend = legend;

        // Feelings per visible participant, in time order.
        let theta = self.board.settings.neutral_band;
        let base = view.start.floor();
        let mut lines = Vec::new();
        // While a round is open, nobody's line shows: the room sees who submitted, never what.
        let hide_all = self.state.round_hidden;
        for p in &self.board.participants {
            if p.hidden || hide_all {
                continue;
            }
            // In time order, grouped once per change of the board.
            let pts: &[(f64, f64, FeelingId)] =
                self.derived.lines.get(&p.id).map_or(&[], Vec::as_slice);
            for &(t, v, id) in pts {
                let x = geometry.x_of(t);
                if x >= plot_rect.left() - PICK_RADIUS && x <= plot_rect.right() + PICK_RADIUS {
                    plot_geometry
                        .points
                        .push((id, Pos2::new(x, plot_geometry.y_of(v))));
                }
            }
            // By id, not place in the list: removing someone leaves the others' lines as they were.
            lines.push((
                p.clone(),
                pts,
                line_style(p.id.0.saturating_sub(1) as usize),
            ));
        }
        // Anti-aliased edges show on a plot of a few lines with markers; on a dense one they are
        // lost among the lines, and drawing them costs much where the CPU draws.
        self.state.smooth_edges = lines.is_empty()
            || lines.iter().any(|(_, pts, _)| {
                let first = pts.partition_point(|(t, ..)| *t < view.start);
                let last = pts.partition_point(|(t, ..)| *t <= view.end);
                (last - first) as f32 * MIN_MARKER_SPACING_PX <= plot_rect.width()
            });

        let palette = theme::palette(ui.ctx());
        let spans = if hide_all {
            Vec::new()
        } else {
            self.derived.spans.clone()
        };
        let active = self.state.active_participant;
        let selected_feeling = self.state.selected_feeling;
        let plot_ui_rect = plot_rect;
        let response = ui
            .scope_builder(egui::UiBuilder::new().max_rect(plot_ui_rect), |ui| {
                Plot::new("feelings_plot")
                    .width(plot_ui_rect.width())
                    .height(plot_ui_rect.height())
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
                        plot_ui.set_plot_bounds(PlotBounds::from_min_max(
                            [view.start - base, Y_MIN],
                            [view.end - base, Y_MAX],
                        ));
                        let band = palette.neutral_band;
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
                            .fill_color(band)
                            .stroke(Stroke::NONE)
                            .allow_hover(false),
                        );
                        for span in &spans {
                            let start = span.start.unix_seconds_f64() - base;
                            let end = span.end.unix_seconds_f64() - base;
                            // An isolated instant still shows, as a thin band.
                            let min_width = view.secs_per_px(plot_ui_rect.width()) * 4.0;
                            let (start, end) = if end - start < min_width {
                                let mid = (start + end) / 2.0;
                                (mid - min_width / 2.0, mid + min_width / 2.0)
                            } else {
                                (start, end)
                            };
                            plot_ui.span(
                                Span::new("", start..=end)
                                    .fill(palette.divergence_fill)
                                    .border_width(0.0),
                            );
                        }
                        // Faint lines at every whole value, under the data.
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
                        for (p, pts, style) in &lines {
                            let colour = theme::colour(p.colour);
                            // Only what is in view, and the points just outside it that
                            // lines leave the view towards.
                            let first = pts.partition_point(|(t, ..)| *t < view.start);
                            let last = pts.partition_point(|(t, ..)| *t <= view.end);
                            let shown = &pts[first.saturating_sub(1)..(last + 1).min(pts.len())];
                            let series: Vec<[f64; 2]> =
                                shown.iter().map(|(t, v, _)| [t - base, *v]).collect();
                            // Markers closer than this would pile into a smear: the line alone
                            // shows the feelings until the view is zoomed in.
                            let markers = (last - first) as f32 * MIN_MARKER_SPACING_PX
                                <= plot_ui_rect.width()
                                || pts.len() == 1;
                            // Lines too dense for markers are drawn thinner and solid: dashes
                            // and dots would only blur them.
                            let (width, style) = match (active == Some(p.id), markers) {
                                (true, _) => (5.0, *style),
                                (false, true) => (3.0, *style),
                                (false, false) => (1.5, egui_plot::LineStyle::Solid),
                            };
                            if series.len() > 1 {
                                // More points than pixel columns draw no more than their
                                // lowest and highest in each column.
                                let secs_per_px = view.secs_per_px(plot_ui_rect.width());
                                let drawn = if series.len() as f32 > plot_ui_rect.width() {
                                    decimate(&series, secs_per_px)
                                } else {
                                    series.clone()
                                };
                                plot_ui.line(
                                    Line::new(p.name.clone(), PlotPoints::new(drawn))
                                        .color(colour)
                                        .width(width)
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
                                .find(|(_, (_, _, id))| Some(*id) == selected_feeling)
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
                    })
                    .response
            })
            .inner;

        let painter = ui.painter_at(plot_rect);
        if hide_all {
            painter.text(
                plot_rect.center() - vec2(0.0, plot_rect.height() * 0.25),
                Align2::CENTER_CENTER,
                "Feelings round open: every line stays hidden until it is revealed",
                theme::font(theme::HEADING_SIZE - 8.0),
                palette.weak,
            );
        } else {
            (plot_geometry.labels, plot_geometry.emotion_words) =
                self.plot_labels_ui(ui.painter(), &plot_geometry, &geometry, &palette);
        }
        self.plot_interaction(ui, &response, &plot_geometry, &geometry, dates, exact);
        if let Some(g) = self.state.geometry.as_mut() {
            g.plot = plot_geometry;
        }
    }

    /// The participants, each with colour, marker and number; click one to make it active.
    fn legend_ui(
        &mut self,
        ui: &mut egui::Ui,
        area: Rect,
        axis_left: f32,
    ) -> Vec<(ParticipantId, Rect)> {
        let text = ui.visuals().strong_text_color();
        let painter = ui.painter_at(Rect::from_min_max(
            area.min,
            Pos2::new(axis_left, area.bottom()),
        ));
        painter.text(
            Pos2::new(area.left() + 14.0, area.top() + 6.0),
            Align2::LEFT_TOP,
            "Feelings",
            theme::font(theme::LANE_NAME_SIZE),
            text,
        );
        let mut rows = Vec::new();
        let mut y = area.top() + 32.0;
        let participants = self.board.participants.clone();
        // A picture shows only who is drawn.
        let listed = participants
            .iter()
            .filter(|p| !(p.hidden && self.state.is_picture()))
            .count();
        // Rows close up to fit everyone; when they still do not, the last row says how many more.
        let room = (area.bottom() - y).max(0.0);
        let row_height = (room / listed.max(1) as f32).clamp(20.0, 26.0);
        let fit = (room / row_height).floor() as usize;
        let drawn = if listed > fit {
            fit.saturating_sub(1)
        } else {
            listed
        };
        for (i, p) in participants.iter().enumerate() {
            if p.hidden && self.state.is_picture() {
                continue;
            }
            if rows.len() >= drawn {
                break;
            }
            let rect = Rect::from_min_size(
                Pos2::new(area.left() + 4.0, y),
                vec2(axis_left - area.left() - 8.0, row_height),
            );
            y += row_height;
            // The keys 1–9 do this from the board.
            let response = ui.interact(rect, ui.scope_id().with(("legend", p.id)), Sense::CLICK);
            let number = if i < 9 {
                format!("{} ", i + 1)
            } else {
                String::new()
            };
            response.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    format!("Participant {number}{}", self.shown_name(p.id)).replace("  ", " "),
                )
            });
            if response.clicked() {
                self.state.active_participant = Some(p.id);
            }
            let active = self.state.active_participant == Some(p.id);
            if active {
                painter.rect_filled(rect, 4.0, ui.visuals().selection.bg_fill);
            } else if response.hovered() {
                painter.rect_filled(rect, 4.0, ui.visuals().widgets.hovered.bg_fill);
            }
            let colour = if p.hidden {
                theme::colour(p.colour).gamma_multiply(0.35)
            } else {
                theme::colour(p.colour)
            };
            let marker_centre = Pos2::new(rect.left() + 14.0, rect.center().y);
            paint_marker(&painter, marker_centre, p.marker, colour, 7.0);
            let shown = self.shown_name(p.id);
            let name = if p.hidden {
                format!("{number}{shown} (hidden)")
            } else {
                format!("{number}{shown}")
            };
            let mut job = egui::text::LayoutJob::simple_singleline(
                name,
                theme::font(theme::CARD_TIME_SIZE + 1.0),
                if p.hidden {
                    ui.visuals().weak_text_color()
                } else {
                    text
                },
            );
            job.wrap = egui::text::TextWrapping::truncate_at_width(rect.width() - 30.0);
            let galley = painter.layout_job(job);
            painter.galley(
                Pos2::new(rect.left() + 28.0, rect.center().y - galley.size().y / 2.0),
                galley,
                text,
            );
            rows.push((p.id, rect));
        }
        if listed > drawn {
            painter.text(
                Pos2::new(area.left() + 14.0, y + row_height / 2.0),
                Align2::LEFT_CENTER,
                format!("+{} more", listed - drawn),
                theme::font(theme::CARD_TIME_SIZE),
                ui.visuals().weak_text_color(),
            );
        }
        if participants.is_empty() {
            painter.text(
                Pos2::new(area.left() + 14.0, area.top() + 34.0),
                Align2::LEFT_TOP,
                "Add participants\nin the side panel",
                theme::font(theme::CARD_TIME_SIZE),
                ui.visuals().weak_text_color(),
            );
        }
        rows
    }

    /// Scale labels, divergence labels and emotion words over the plot.
    /// The value scale, the divergence labels in their strip, and emotion words at their points.
    /// Returns where the divergence labels and the emotion words went.
    fn plot_labels_ui(
        &self,
        ui_painter: &egui::Painter,
        plot: &PlotGeometry,
        geometry: &crate::view::TimelineGeometry,
        palette: &theme::Palette,
    ) -> (Vec<Rect>, Vec<Rect>) {
        let painter = ui_painter.with_clip_rect(plot.rect);
        let weak = palette.weak;
        // Every whole value when there is room for its label, else ±5 and 0.
        let step_px = plot.rect.height() / 10.0;
        let every = if step_px >= theme::CARD_TIME_SIZE + 2.0 {
            1
        } else {
            5
        };
        for v in (-5..=5).filter(|v| v % every == 0).map(f64::from) {
            painter.text(
                Pos2::new(plot.rect.left() + 4.0, plot.y_of(v)),
                Align2::LEFT_CENTER,
                valence_text(v),
                theme::font(theme::CARD_TIME_SIZE),
                weak,
            );
        }
        // Sorted by the names shown, which in anonymous mode are the neutral labels.
        let names = |ids: &[ParticipantId]| {
            let mut shown: Vec<String> = ids.iter().map(|id| self.shown_name(*id)).collect();
            if self.state.anonymous {
                shown.sort();
            }
            shown
        };
        let text = palette.divergence_label_text;
        let font = theme::font(theme::CARD_TIME_SIZE);
        let strip = plot.label_strip;
        let width_of = |s: &str| {
            painter
                .layout_no_wrap(s.to_owned(), font.clone(), text)
                .size()
                .x
        };
        let strip_painter = ui_painter.with_clip_rect(strip);
        // Each label must reach over its span's peak. Left to right, each goes as far left as
        // the one before allows (and is left out when it cannot reach its peak: the band in the
        // plot and the side panel still show it); then right to left, each moves back towards
        // being centred on its peak while it stays clear of the next.
        // A label has the room from where the one before ends to halfway to the next peak, so
        // one long label does not push out the next.
        let peaks: Vec<(f32, &crate::analysis::DivergenceSpan)> = self
            .derived
            .spans
            .iter()
            .map(|span| (geometry.x_of(span.peak.unix_seconds_f64()), span))
            .filter(|(x, _)| (strip.left()..=strip.right()).contains(x))
            .collect();
        let mut labels: Vec<(f32, Rect, std::sync::Arc<egui::Galley>)> = Vec::new();
        let mut right_edge = strip.left() - LABEL_GAP;
        for (i, &(x, span)) in peaks.iter().enumerate() {
            let left = (right_edge + LABEL_GAP).max(strip.left());
            if left > x - LABEL_REACH {
                continue;
            }
            // From where the label before ends to halfway to the next peak.
            let cell_right = peaks
                .get(i + 1)
                .map_or(strip.right(), |next| (x + next.0) / 2.0);
            let room = cell_right - left - LABEL_GAP;
            let (up, down) = (names(&span.positive), names(&span.negative));
            let max_width = (LABEL_MAX_WIDTH.min(room).min(strip.right() - left) - 2.0 * LABEL_PAD)
                .max(LABEL_MIN_WIDTH);
            let label = format!(
                "{}\n{}",
                fit_names("up: ", &up, max_width, &width_of),
                fit_names("down: ", &down, max_width, &width_of)
            );
            let galley = painter.layout_no_wrap(label, font.clone(), text);
            let size = galley.size() + vec2(2.0 * LABEL_PAD, 2.0 * LABEL_PAD);
            let left = left.max(x + LABEL_REACH - size.x);
            let rect = Rect::from_min_size(Pos2::new(left, strip.top()), size);
            if rect.right() > strip.right() + 0.5 {
                continue;
            }
            right_edge = rect.right();
            labels.push((x, rect, galley));
        }
        let mut limit = strip.right();
        for (x, rect, _) in labels.iter_mut().rev() {
            let centred = *x - rect.width() / 2.0;
            let left = centred.min(limit - rect.width()).max(rect.left());
            *rect = rect.translate(vec2(left - rect.left(), 0.0));
            limit = rect.left() - LABEL_GAP;
        }
        let mut placed = Vec::with_capacity(labels.len());
        for (_, rect, galley) in labels {
            strip_painter.rect_filled(rect, 3.0, palette.divergence_label_fill);
            strip_painter.galley(rect.min + vec2(LABEL_PAD, LABEL_PAD), galley, text);
            placed.push(rect);
        }
        let mut words = Vec::new();
        if self.state.is_picture() {
            words = self.picture_emotions_ui(&painter, plot, palette);
        } else if self.state.show_emotions {
            let emotions: std::collections::HashMap<FeelingId, &str> = self
                .board
                .feelings
                .iter()
                .filter(|f| !f.emotion.is_empty())
                .map(|f| (f.id, f.emotion.as_str()))
                .collect();
            for &(id, p) in &plot.points {
                if let Some(emotion) = emotions.get(&id) {
                    painter.text(
                        p + vec2(9.0, -9.0),
                        Align2::LEFT_BOTTOM,
                        *emotion,
                        theme::font(theme::CARD_TIME_SIZE),
                        palette.point_text,
                    );
                }
            }
        }
        (placed, words)
    }

    /// A picture writes each emotion word beside its point where it fits: inside the plot,
    /// clear of every other word and of every other point. Returns where the words went.
    fn picture_emotions_ui(
        &self,
        painter: &egui::Painter,
        plot: &PlotGeometry,
        palette: &theme::Palette,
    ) -> Vec<Rect> {
        /// The side of a cell of the grid that finds what is near a place.
        const CELL: f32 = 64.0;
        /// How near a word may come to a point that is not its own.
        const POINT_RADIUS: f32 = 6.0;
        type Grid = std::collections::HashMap<(i32, i32), Vec<Rect>>;
        let cell = |p: Pos2| ((p.x / CELL).floor() as i32, (p.y / CELL).floor() as i32);
        let cells = |r: Rect| {
            let (a, b) = (cell(r.min), cell(r.max));
            (a.0..=b.0).flat_map(move |x| (a.1..=b.1).map(move |y| (x, y)))
        };
        let insert = |grid: &mut Grid, r: Rect| {
            for c in cells(r) {
                grid.entry(c).or_default().push(r);
            }
        };
        let clear = |grid: &Grid, r: Rect| {
            cells(r).all(|c| {
                grid.get(&c)
                    .is_none_or(|rs| rs.iter().all(|o| !o.intersects(r)))
            })
        };
        let emotions: std::collections::HashMap<FeelingId, &str> = self
            .board
            .feelings
            .iter()
            .filter(|f| !f.emotion.trim().is_empty())
            .map(|f| (f.id, f.emotion.trim()))
            .collect();
        if emotions.is_empty() {
            return Vec::new();
        }
        let mut points = Grid::new();
        for &(_, p) in &plot.points {
            insert(
                &mut points,
                Rect::from_center_size(p, egui::Vec2::splat(2.0 * POINT_RADIUS)),
            );
        }
        let mut words = Grid::new();
        let mut placed = Vec::new();
        let font = theme::font(theme::CARD_TIME_SIZE);
        let area = plot.rect.shrink(2.0);
        for &(id, p) in &plot.points {
            let Some(word) = emotions.get(&id) else {
                continue;
            };
            let galley =
                painter.layout_no_wrap((*word).to_owned(), font.clone(), palette.point_text);
            let size = galley.size() + vec2(6.0, 2.0);
            let own = Rect::from_center_size(p, egui::Vec2::splat(2.0 * POINT_RADIUS));
            // Above right, below right, above left, below left of the point.
            let spot = [
                Pos2::new(p.x + 8.0, p.y - 8.0 - size.y),
                Pos2::new(p.x + 8.0, p.y + 8.0),
                Pos2::new(p.x - 8.0 - size.x, p.y - 8.0 - size.y),
                Pos2::new(p.x - 8.0 - size.x, p.y + 8.0),
            ]
            .into_iter()
            .map(|min| Rect::from_min_size(min, size))
            .find(|&r| {
                area.contains_rect(r)
                    && clear(&words, r)
                    && cells(r).all(|c| {
                        points
                            .get(&c)
                            .is_none_or(|rs| rs.iter().all(|o| *o == own || !o.intersects(r)))
                    })
            });
            let Some(rect) = spot else {
                continue;
            };
            painter.rect_filled(rect, 3.0, palette.emotion_word_fill);
            painter.galley(rect.min + vec2(3.0, 1.0), galley, palette.point_text);
            insert(&mut words, rect);
            placed.push(rect);
        }
        placed
    }

    fn plot_interaction(
        &mut self,
        ui: &mut egui::Ui,
        response: &egui::Response,
        plot: &PlotGeometry,
        geometry: &crate::view::TimelineGeometry,
        dates: BoardDates,
        exact: bool,
    ) {
        let offset = dates.offset();
        let target = |pos: Pos2| {
            let t = geometry.t_of(pos.x);
            let t = if exact {
                t.round()
            } else {
                time_axis::snap(
                    t,
                    time_axis::snap_step(&geometry.view, geometry.axis_width),
                    offset,
                )
            };
            (t, snap_valence(plot.v_of(pos.y)))
        };
        let hover = response.hover_pos().and_then(|p| plot.feeling_near(p));
        if let Some(id) = hover
            && self.state.drag.is_none()
            && let Some(f) = self.board.feelings.iter().find(|f| f.id == id).cloned()
        {
            let who = self.shown_name(f.participant);
            ui.ctx().set_cursor_icon(egui::CursorIcon::Grab);
            response.clone().on_hover_ui_at_pointer(|ui| {
                ui.strong(format!(
                    "{who}: {} at {}",
                    valence_text(f.valence),
                    dates.time(f.time)
                ));
                if !f.emotion.is_empty() {
                    ui.label(format!("feels {}", f.emotion));
                }
                if !f.note.is_empty() {
                    ui.label(&f.note);
                }
            });
        }

        if response.drag_started() {
            let origin = ui.input(|i| i.pointer.press_origin());
            match origin.and_then(|p| plot.feeling_near(p)) {
                Some(id) => {
                    self.select_feeling(ui.ctx(), id);
                    self.state.drag = Some(Drag {
                        kind: DragKind::Feeling { id },
                    });
                }
                None => self.state.plot_panning = true,
            }
        }
        if self.state.plot_panning
            && response.dragged()
            && let Some(view) = self.state.time_view.as_mut()
        {
            view.pan(-f64::from(response.drag_delta().x) * view.secs_per_px(geometry.axis_width));
        }
        if response.drag_stopped() {
            self.state.plot_panning = false;
            if let Some(Drag {
                kind: DragKind::Feeling { id },
            }) = self.state.drag
            {
                self.state.drag = None;
                let escaped = ui.input(|i| i.key_pressed(egui::Key::Escape));
                if !escaped && let Some(pos) = response.interact_pointer_pos() {
                    let (t, v) = target(pos);
                    self.move_feeling(id, t, v);
                }
            }
        }
        if let Some(Drag {
            kind: DragKind::Feeling { id },
        }) = self.state.drag
            && let Some(pos) = response.interact_pointer_pos().or(response.hover_pos())
        {
            let (t, v) = target(pos);
            let layer =
                egui::LayerId::new(egui::Order::Tooltip, ui.scope_id().with("feeling_ghost"));
            let painter = ui.ctx().layer_painter(layer);
            let p = Pos2::new(geometry.x_of(t), plot.y_of(v));
            if let Some(f) = self.board.feelings.iter().find(|f| f.id == id)
                && let Some(who) = self.board.participant(f.participant)
            {
                paint_marker(&painter, p, who.marker, theme::colour(who.colour), 9.0);
                let when = Moment::from_unix_seconds_f64(t, offset)
                    .map(|m| dates.time(m))
                    .unwrap_or_default();
                bubble(
                    &painter,
                    p - vec2(0.0, 12.0),
                    &format!("{} · {when}", valence_text(v)),
                );
            }
        }

        if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            match plot.feeling_near(pos) {
                Some(id) => self.select_feeling(ui.ctx(), id),
                None => match self.state.active_participant {
                    Some(who) if self.board.participant(who).is_some() => {
                        let (t, v) = target(pos);
                        self.add_feeling_at(who, t, v);
                    }
                    _ => {
                        self.actions.push(ViewAction::Notify(
                            "Choose whose feeling to add first: click a name in the legend or press 1–9."
                                .to_owned(),
                        ));
                    }
                },
            }
        }
        if response.secondary_clicked() {
            self.state.context_feeling = response
                .interact_pointer_pos()
                .and_then(|p| plot.feeling_near(p));
        }
        if let Some(id) = self.state.context_feeling {
            response.context_menu(|ui| {
                if ui.button("Edit in the side panel").clicked() {
                    self.select_feeling(ui.ctx(), id);
                    ui.close();
                }
                if ui.button("Delete this feeling").clicked() {
                    self.delete_feeling(id);
                    ui.close();
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{decimate, fit_names};

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
