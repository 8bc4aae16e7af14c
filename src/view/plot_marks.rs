//! Where the feelings plot is drawn, and the marks it draws with: marker shapes, dashes, the
//! half-step valence scale.

use eframe::egui::{self, Color32, Pos2, Rect, Stroke, vec2};
use egui_plot::MarkerShape;

use crate::model::{FeelingId, Marker, ParticipantId, VALENCE_MAX, VALENCE_MIN};

/// The plot shows a little more than −5 … +5 so that points on the edges are whole.
pub(crate) const Y_MIN: f64 = VALENCE_MIN - 0.6;
pub(crate) const Y_MAX: f64 = VALENCE_MAX + 0.6;
/// How close (points) the pointer must be to a feeling to pick it.
pub(crate) const PICK_RADIUS: f32 = 14.0;
/// Markers are drawn when a line's points in view are at least this far apart on average.
pub(crate) const MIN_MARKER_SPACING_PX: f32 = 10.0;

/// The plot's text sizes (points), readable on a 720p screen share: the value scale, left of
/// the data.
pub(crate) const VALUE_SCALE_SIZE: f32 = 16.0;
/// The emotion words beside the points, and the names in the legend.
pub(crate) const POINT_WORD_SIZE: f32 = 15.0;
/// The banner that says a click adds feelings.
pub(crate) const BANNER_SIZE: f32 = 17.0;
/// The divergence labels, the plot's key takeaway: its largest text.
pub(crate) const DIVERGENCE_LABEL_SIZE: f32 = 20.0;

/// The text sizes (points) the plot laid out in its last frame, by what they label; zero for
/// what it did not draw.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PlotTextSizes {
    pub value_scale: f32,
    pub divergence_labels: f32,
    pub emotion_words: f32,
    pub legend: f32,
    pub banner: f32,
}

impl PlotTextSizes {
    /// Every size drawn (none zero).
    pub fn drawn(&self) -> Vec<f32> {
        [
            self.value_scale,
            self.divergence_labels,
            self.emotion_words,
            self.legend,
            self.banner,
        ]
        .into_iter()
        .filter(|s| *s > 0.0)
        .collect()
    }
}

/// Where the feelings plot was drawn: for hit-testing, and for tests.
#[derive(Clone, Debug, PartialEq)]
pub struct PlotGeometry {
    /// The data area: its left and right edges are the time axis' edges.
    pub rect: Rect,
    /// Each visible feeling's marker.
    pub points: Vec<(FeelingId, Pos2)>,
    /// Each participant's row in the legend.
    pub legend: Vec<(ParticipantId, Rect)>,
    /// The strip above the plot where divergences are named.
    pub label_strip: Rect,
    /// Each divergence label drawn in that strip.
    pub labels: Vec<Rect>,
    /// Each emotion word a picture wrote beside its point.
    pub emotion_words: Vec<Rect>,
    /// Each label of the value scale, in the margin left of the data.
    pub value_labels: Vec<Rect>,
    /// The banner over the plot while a click adds feelings, and what it says.
    pub banner: Option<(Rect, String)>,
    /// The turning points' labels, and what they say.
    pub turn_labels: Vec<(Rect, String)>,
    /// The insights' notes on the plot, and what they say.
    pub insight_notes: Vec<(Rect, String)>,
    /// How large the plot's texts were laid out.
    pub text_sizes: PlotTextSizes,
}

impl Default for PlotGeometry {
    fn default() -> Self {
        Self {
            rect: Rect::NOTHING,
            points: Vec::new(),
            legend: Vec::new(),
            label_strip: Rect::NOTHING,
            labels: Vec::new(),
            emotion_words: Vec::new(),
            value_labels: Vec::new(),
            banner: None,
            turn_labels: Vec::new(),
            insight_notes: Vec::new(),
            text_sizes: PlotTextSizes::default(),
        }
    }
}

impl PlotGeometry {
    /// The y position of valence `v`.
    pub fn y_of(&self, v: f64) -> f32 {
        let f = (Y_MAX - v) / (Y_MAX - Y_MIN);
        self.rect.top() + (f * f64::from(self.rect.height())) as f32
    }

    /// The valence at y position `y`.
    pub fn v_of(&self, y: f32) -> f64 {
        let f = f64::from((y - self.rect.top()) / self.rect.height().max(1.0));
        Y_MAX - f * (Y_MAX - Y_MIN)
    }

    pub fn point(&self, id: FeelingId) -> Option<Pos2> {
        self.points.iter().find(|(f, _)| *f == id).map(|(_, p)| *p)
    }

    /// The feeling whose marker is nearest `pos`, within picking distance.
    pub fn feeling_near(&self, pos: Pos2) -> Option<FeelingId> {
        self.points
            .iter()
            .map(|(id, p)| (*id, p.distance(pos)))
            .filter(|(_, d)| *d <= PICK_RADIUS)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(id, _)| id)
    }
}

pub(crate) fn marker_shape(marker: Marker) -> MarkerShape {
    match marker {
        Marker::Circle => MarkerShape::Circle,
        Marker::Square => MarkerShape::Square,
        Marker::Diamond => MarkerShape::Diamond,
        Marker::Up => MarkerShape::Up,
        Marker::Down => MarkerShape::Down,
        Marker::Cross => MarkerShape::Cross,
        Marker::Plus => MarkerShape::Plus,
        Marker::Asterisk => MarkerShape::Asterisk,
    }
}

/// Lines differ by dash as well as colour and marker: solid, dashed, dotted, in turn.
pub(crate) fn line_style(index: usize) -> egui_plot::LineStyle {
    match index % 3 {
        0 => egui_plot::LineStyle::Solid,
        1 => egui_plot::LineStyle::Dashed { length: 16.0 },
        _ => egui_plot::LineStyle::Dotted { spacing: 9.0 },
    }
}

/// Valences are entered in half steps.
pub(crate) fn snap_valence(v: f64) -> f64 {
    ((v * 2.0).round() / 2.0).clamp(VALENCE_MIN, VALENCE_MAX)
}

pub(crate) use crate::model::time::format::valence_text;

/// Draws a participant's marker shape at `centre`.
pub(crate) fn paint_marker(
    painter: &egui::Painter,
    centre: Pos2,
    marker: Marker,
    colour: Color32,
    r: f32,
) {
    let stroke = Stroke::new(3.0, colour);
    let poly = |points: Vec<Pos2>| egui::Shape::convex_polygon(points, colour, Stroke::NONE);
    match marker {
        Marker::Circle => {
            painter.circle_filled(centre, r, colour);
        }
        Marker::Square => {
            painter.rect_filled(
                Rect::from_center_size(centre, vec2(r * 1.7, r * 1.7)),
                0.0,
                colour,
            );
        }
        Marker::Diamond => {
            painter.add(poly(vec![
                centre + vec2(0.0, -r * 1.2),
                centre + vec2(r * 1.2, 0.0),
                centre + vec2(0.0, r * 1.2),
                centre + vec2(-r * 1.2, 0.0),
            ]));
        }
        Marker::Up => {
            painter.add(poly(vec![
                centre + vec2(0.0, -r * 1.2),
                centre + vec2(r * 1.1, r * 0.8),
                centre + vec2(-r * 1.1, r * 0.8),
            ]));
        }
        Marker::Down => {
            painter.add(poly(vec![
                centre + vec2(-r * 1.1, -r * 0.8),
                centre + vec2(r * 1.1, -r * 0.8),
                centre + vec2(0.0, r * 1.2),
            ]));
        }
        Marker::Cross => {
            painter.line_segment([centre + vec2(-r, -r), centre + vec2(r, r)], stroke);
            painter.line_segment([centre + vec2(-r, r), centre + vec2(r, -r)], stroke);
        }
        Marker::Plus => {
            painter.line_segment([centre + vec2(-r, 0.0), centre + vec2(r, 0.0)], stroke);
            painter.line_segment([centre + vec2(0.0, -r), centre + vec2(0.0, r)], stroke);
        }
        Marker::Asterisk => {
            for angle in [0.0_f32, 60.0, 120.0] {
                let d = egui::Vec2::angled(angle.to_radians()) * r;
                painter.line_segment([centre - d, centre + d], stroke);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valences_snap_to_half_steps_within_the_scale() {
        assert_eq!(snap_valence(2.26), 2.5);
        assert_eq!(snap_valence(-0.2), 0.0);
        assert_eq!(snap_valence(7.0), 5.0);
        assert_eq!(snap_valence(-5.4), -5.0);
        assert_eq!(valence_text(-2.5), "−2.5");
    }

    #[test]
    fn valence_and_y_convert_both_ways() {
        let g = PlotGeometry {
            rect: Rect::from_min_size(Pos2::new(0.0, 100.0), vec2(500.0, 300.0)),
            ..Default::default()
        };
        for v in [-5.0, -2.5, 0.0, 1.0, 5.0] {
            assert!((g.v_of(g.y_of(v)) - v).abs() < 1e-3);
        }
        assert!(g.y_of(5.0) < g.y_of(-5.0), "up is positive");
    }
}
