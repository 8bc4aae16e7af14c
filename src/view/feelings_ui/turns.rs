//! The turning points on the plot (T or View > Turning points hides them): where the team was
//! furthest apart (a dashed line at each such moment), its shared low and high (a marker on the
//! team's mean), and, for the person chosen in the legend, their steepest climb and deepest
//! drop (an arrow along that stretch of their line).

use eframe::egui::{self, Align2, Pos2, Rect, Stroke, vec2};

use super::{POINT_WORD_SIZE, PlotGeometry};
use crate::analysis::turning::Change;
use crate::io::turns_report::signed;
use crate::theme;
use crate::view::{BoardView, TimelineGeometry};

impl BoardView<'_> {
    /// Draws the turning points over the plot; returns the labels' rects and texts.
    pub(super) fn turning_points_ui(
        &self,
        painter: &egui::Painter,
        plot: &PlotGeometry,
        geometry: &TimelineGeometry,
        palette: &theme::Palette,
    ) -> Vec<(Rect, String)> {
        let turns = &self.derived.turns;
        let painter = painter.with_clip_rect(plot.rect);
        let ink = palette.divergence_label_text;
        let mut labels = Vec::new();
        let mut tag = |at: Pos2, anchor: Align2, text: String| {
            let galley = painter.layout_no_wrap(
                text.clone(),
                theme::font(POINT_WORD_SIZE),
                palette.divergence_label_text,
            );
            let rect = anchor.anchor_size(at, galley.size() + vec2(8.0, 4.0));
            // Inside the plot, so that nothing is cut.
            let rect = rect.translate(vec2(
                (plot.rect.left() - rect.left()).max(0.0)
                    + (plot.rect.right() - rect.right()).min(0.0),
                (plot.rect.top() - rect.top()).max(0.0)
                    + (plot.rect.bottom() - rect.bottom()).min(0.0),
            ));
            painter.rect_filled(rect, 3.0, palette.divergence_label_fill);
            painter.galley(rect.min + vec2(4.0, 2.0), galley, ink);
            labels.push((rect, text));
        };
        if let Some(w) = &turns.widest {
            for m in &w.moments {
                let x = geometry.x_of(m.unix_seconds_f64());
                if !plot.rect.x_range().contains(x) {
                    continue;
                }
                painter.add(egui::Shape::dashed_line(
                    &[
                        Pos2::new(x, plot.rect.top()),
                        Pos2::new(x, plot.rect.bottom()),
                    ],
                    Stroke::new(2.5, ink),
                    8.0,
                    6.0,
                ));
                tag(
                    Pos2::new(x, plot.rect.bottom() - 4.0),
                    Align2::CENTER_BOTTOM,
                    format!("widest spread {}", (w.spread * 10.0).round() / 10.0),
                );
            }
        }
        for (point, up) in [(&turns.shared_low, false), (&turns.shared_high, true)] {
            let Some(p) = point else {
                continue;
            };
            let at = Pos2::new(geometry.x_of(p.at.unix_seconds_f64()), plot.y_of(p.mean));
            // Out of view: nothing at the edge that would say it is there.
            if !plot.rect.x_range().contains(at.x) {
                continue;
            }
            let (tip, base) = if up { (-11.0, 9.0) } else { (11.0, -9.0) };
            painter.add(egui::Shape::convex_polygon(
                vec![
                    at + vec2(0.0, tip),
                    at + vec2(-10.0, base),
                    at + vec2(10.0, base),
                ],
                ink,
                Stroke::new(2.0, palette.divergence_label_fill),
            ));
            let (anchor, offset) = if up {
                (Align2::CENTER_BOTTOM, -14.0)
            } else {
                (Align2::CENTER_TOP, 14.0)
            };
            let which = if up { "team high" } else { "team low" };
            tag(
                at + vec2(0.0, offset),
                anchor,
                format!("{which} {}", signed(p.mean)),
            );
        }
        if let Some(who) = self.state.active_participant
            && let Some(person) = turns.people.iter().find(|p| p.participant == who)
        {
            for (change, what) in [
                (&person.climb, "steepest climb"),
                (&person.drop, "deepest drop"),
            ] {
                if let Some(c) = change {
                    let (from, to) = self.change_points(c, plot, geometry);
                    if !plot.rect.x_range().contains((from.x + to.x) / 2.0) {
                        continue;
                    }
                    painter.arrow(from, to - from, Stroke::new(4.0, ink));
                    // Under the arrow's low end, away from the team's high over the lines.
                    let low = if from.y > to.y { from } else { to };
                    tag(
                        low + vec2(0.0, 12.0),
                        Align2::CENTER_TOP,
                        format!("{what} {}", signed(c.by())),
                    );
                }
            }
        }
        labels
    }

    fn change_points(
        &self,
        c: &Change,
        plot: &PlotGeometry,
        geometry: &TimelineGeometry,
    ) -> (Pos2, Pos2) {
        let point = |m: crate::model::Moment, v: f64| {
            Pos2::new(geometry.x_of(m.unix_seconds_f64()), plot.y_of(v))
        };
        (point(c.from, c.from_value), point(c.to, c.to_value))
    }
}
