//! The words over the plot: the value scale, the divergence labels in their strip above it
//! (who felt up, who down), and the emotion words beside the points.

use std::collections::HashMap;
use std::sync::Arc;

use eframe::egui::{self, Align2, Pos2, Rect, vec2};

use super::{DIVERGENCE_LABEL_SIZE, POINT_WORD_SIZE, PlotGeometry, VALUE_SCALE_SIZE, valence_text};
use crate::analysis::DivergenceSpan;
use crate::model::{FeelingId, ParticipantId};
use crate::theme;
use crate::view::{BoardView, TimelineGeometry, rtl};

/// Room around a divergence label's text.
const LABEL_PAD: f32 = 3.0;
/// Between two labels.
const LABEL_GAP: f32 = 6.0;
/// The widest a label grows before its names end in "+N more".
const LABEL_MAX_WIDTH: f32 = 360.0;
/// The narrowest a label's text gets.
const LABEL_MIN_WIDTH: f32 = 70.0;
/// How far past its span's peak a label reaches, at least, on either side.
const LABEL_REACH: f32 = 10.0;

/// The strip above the plot for divergence labels of two lines.
pub(super) fn label_strip_height(ui: &egui::Ui) -> f32 {
    ui.painter()
        .layout_no_wrap(
            "up\ndown".to_owned(),
            theme::font(DIVERGENCE_LABEL_SIZE),
            egui::Color32::WHITE,
        )
        .size()
        .y
        + 2.0 * LABEL_PAD
        + 4.0
}

/// A divergence label placed in the strip: its span's peak (x), where it goes, and its text.
type PlacedLabel = (f32, Rect, Arc<egui::Galley>);

/// `prefix` and as many `names` as fit in `max_width`, the rest counted: "up: Ana, Ben +3 more".
pub(super) fn fit_names(
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

/// Room left of the data for the value scale's widest label ("−5") and a gap: the legend
/// stops short of it.
pub(super) const VALUE_SCALE_MARGIN: f32 = 34.0;

/// The value scale in the margin left of the plot's data, right-aligned against it, never over
/// a point: every whole value when there is room for its label, else ±5 and 0. Returns where
/// each label went.
fn value_scale_ui(
    painter: &egui::Painter,
    plot: &PlotGeometry,
    palette: &theme::Palette,
) -> Vec<Rect> {
    let step_px = plot.rect.height() / 10.0;
    let every = if step_px >= VALUE_SCALE_SIZE + 2.0 {
        1
    } else {
        5
    };
    (-5..=5)
        .filter(|v| v % every == 0)
        .map(f64::from)
        .map(|v| {
            painter.text(
                Pos2::new(plot.rect.left() - 6.0, plot.y_of(v)),
                Align2::RIGHT_CENTER,
                valence_text(v),
                theme::font(VALUE_SCALE_SIZE),
                palette.point_text,
            )
        })
        .collect()
}

impl BoardView<'_> {
    /// The value scale left of the data, the divergence labels in their strip, and emotion
    /// words at their points; where they went and how large goes into `plot`.
    pub(super) fn plot_labels_ui(
        &self,
        ui_painter: &egui::Painter,
        plot: &mut PlotGeometry,
        geometry: &TimelineGeometry,
        palette: &theme::Palette,
    ) {
        let painter = ui_painter.with_clip_rect(plot.rect);
        plot.value_labels = value_scale_ui(ui_painter, plot, palette);
        plot.text_sizes.value_scale = VALUE_SCALE_SIZE;
        plot.labels = self.divergence_labels_ui(ui_painter, plot, geometry, palette);
        if !plot.labels.is_empty() {
            plot.text_sizes.divergence_labels = DIVERGENCE_LABEL_SIZE;
        }
        if self.state.is_picture() {
            plot.emotion_words = self.picture_emotions_ui(&painter, plot, palette);
        } else if self.state.show_emotions {
            self.emotion_words_ui(&painter, plot, palette);
        }
        if !plot.emotion_words.is_empty() || self.state.show_emotions {
            plot.text_sizes.emotion_words = POINT_WORD_SIZE;
        }
    }

    /// Each divergence's label in the strip above the plot, over its span's peak: who felt up
    /// and who felt down. Returns where the labels went.
    fn divergence_labels_ui(
        &self,
        ui_painter: &egui::Painter,
        plot: &PlotGeometry,
        geometry: &TimelineGeometry,
        palette: &theme::Palette,
    ) -> Vec<Rect> {
        let strip_painter = ui_painter.with_clip_rect(plot.label_strip);
        let labels = self.divergence_label_places(ui_painter, plot, geometry, palette);
        let mut placed = Vec::with_capacity(labels.len());
        for (_, rect, galley) in labels {
            strip_painter.rect_filled(rect, 3.0, palette.divergence_label_fill);
            strip_painter.galley(
                rect.min + vec2(LABEL_PAD, LABEL_PAD),
                galley,
                palette.divergence_label_text,
            );
            placed.push(rect);
        }
        placed
    }

    /// Where the divergence labels go in the strip, and their texts. Each label must reach over
    /// its span's peak. Left to right, each goes as far left as the one before allows (and is
    /// left out when it cannot reach its peak: the band in the plot and the side panel still
    /// show it); then right to left, each moves back towards being centred on its peak while it
    /// stays clear of the next.
    fn divergence_label_places(
        &self,
        ui_painter: &egui::Painter,
        plot: &PlotGeometry,
        geometry: &TimelineGeometry,
        palette: &theme::Palette,
    ) -> Vec<PlacedLabel> {
        let painter = ui_painter.with_clip_rect(plot.rect);
        let text = palette.divergence_label_text;
        let font = theme::font(DIVERGENCE_LABEL_SIZE);
        let strip = plot.label_strip;
        let width_of = |s: &str| {
            painter
                .layout_no_wrap(rtl::visual(s).into_owned(), font.clone(), text)
                .size()
                .x
        };
        // A label has the room from where the one before ends to halfway to the next peak, so
        // one long label does not push out the next.
        let peaks: Vec<(f32, &DivergenceSpan)> = self
            .derived
            .spans
            .iter()
            .map(|span| (geometry.x_of(span.peak.unix_seconds_f64()), span))
            .filter(|(x, _)| (strip.left()..=strip.right()).contains(x))
            .collect();
        let mut labels: Vec<PlacedLabel> = Vec::new();
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
            let max_width = (LABEL_MAX_WIDTH.min(room).min(strip.right() - left) - 2.0 * LABEL_PAD)
                .max(LABEL_MIN_WIDTH);
            let label = format!(
                "{}\n{}",
                fit_names(
                    "up: ",
                    &self.label_names(&span.positive),
                    max_width,
                    &width_of
                ),
                fit_names(
                    "down: ",
                    &self.label_names(&span.negative),
                    max_width,
                    &width_of
                )
            );
            let galley =
                painter.layout_no_wrap(rtl::visual(&label).into_owned(), font.clone(), text);
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
        labels
    }

    /// The names a divergence label lists, as shown: sorted in anonymous mode, where they are the
    /// neutral labels.
    fn label_names(&self, ids: &[ParticipantId]) -> Vec<String> {
        let mut shown: Vec<String> = ids.iter().map(|id| self.shown_name(*id)).collect();
        if self.state.anonymous {
            shown.sort();
        }
        shown
    }

    /// With "Show emotions" on, each emotion word above and right of its point.
    fn emotion_words_ui(
        &self,
        painter: &egui::Painter,
        plot: &PlotGeometry,
        palette: &theme::Palette,
    ) {
        let emotions: HashMap<FeelingId, &str> = self
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
                    theme::font(POINT_WORD_SIZE),
                    palette.point_text,
                );
            }
        }
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
        let font = theme::font(POINT_WORD_SIZE);
        let area = plot.rect.shrink(2.0);
        for &(id, p) in &plot.points {
            let Some(word) = emotions.get(&id) else {
                continue;
            };
            let galley = painter.layout_no_wrap(
                rtl::visual(word).into_owned(),
                font.clone(),
                palette.point_text,
            );
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
}
