//! The room's insights on the plot: each a note at its moment (a line down the plot) or over
//! its span (a bar along the top of the plot), with its kind and text, in rows that never
//! overlap.

use eframe::egui::{self, Color32, Pos2, Rect, Stroke, StrokeKind, vec2};

use super::{POINT_WORD_SIZE, PlotGeometry};
use crate::theme;
use crate::view::{BoardView, TimelineGeometry};

/// A note's paper, ink and edge: dark on pale yellow on every theme, unlike the selection's
/// strong yellow.
const NOTE_FILL: Color32 = Color32::from_rgb(0xff, 0xf3, 0xc4);
const NOTE_EDGE: Color32 = Color32::from_rgb(0x6b, 0x55, 0x00);
/// The widest a note is drawn; a longer text is cut with "…" (the side panel holds it whole).
const NOTE_MAX_WIDTH: f32 = 360.0;
/// At most this many rows of notes, under the divergence labels; notes that find no room are
/// counted in the last one.
const MAX_ROWS: usize = 3;

impl BoardView<'_> {
    /// Draws the insights in view over the plot; returns each note's rect and text.
    pub(super) fn insights_ui(
        &self,
        painter: &egui::Painter,
        plot: &PlotGeometry,
        geometry: &TimelineGeometry,
    ) -> Vec<(Rect, String)> {
        let painter = painter.with_clip_rect(plot.rect);
        let mut insights: Vec<_> = self.board.insights.iter().collect();
        insights.sort_by(|a, b| {
            a.at.unix_nanos()
                .cmp(&b.at.unix_nanos())
                .then(a.id.cmp(&b.id))
        });
        let font = theme::font(POINT_WORD_SIZE);
        let row_height = painter.fonts_mut(|f| f.row_height(&font)) + 6.0;
        // The right edge of the last note in each row.
        let mut rows: Vec<f32> = Vec::new();
        let mut notes = Vec::new();
        let mut left_out = 0;
        for insight in insights {
            let x0 = geometry.x_of(insight.at.unix_seconds_f64());
            let x1 = geometry.x_of(insight.end().unix_seconds_f64());
            if x1 < plot.rect.left() || x0 > plot.rect.right() {
                continue;
            }
            let text = format!("{}: {}", insight.kind.label(), insight.text.trim());
            let left = x0.max(plot.rect.left() + 2.0);
            let width = NOTE_MAX_WIDTH.min(plot.rect.right() - left - 2.0).max(40.0);
            let galley = painter.layout_job(note_job(&text, font.clone(), width - 10.0));
            let size = galley.size() + vec2(10.0, 6.0);
            let Some(row) = (0..MAX_ROWS).find(|&r| rows.get(r).is_none_or(|&end| end < left))
            else {
                left_out += 1;
                continue;
            };
            if rows.len() <= row {
                rows.push(0.0);
            }
            let top = plot.rect.top() + 6.0 + row as f32 * (row_height + 4.0);
            let rect = Rect::from_min_size(Pos2::new(left, top), size);
            rows[row] = rect.right().max(x1) + 8.0;
            // Where it belongs: a line down the plot at its moment, a bar over its span.
            let edge = Stroke::new(3.0, NOTE_EDGE);
            if x1 - x0 >= 2.0 {
                let bar = Rect::from_min_max(
                    Pos2::new(x0.max(plot.rect.left()), rect.bottom()),
                    Pos2::new(x1.min(plot.rect.right()), rect.bottom() + 6.0),
                );
                painter.rect_filled(bar, 1.0, NOTE_EDGE);
            } else {
                painter.vline(x0, rect.bottom()..=plot.rect.bottom(), edge);
            }
            painter.rect_filled(rect, 3.0, NOTE_FILL);
            painter.rect_stroke(rect, 3.0, Stroke::new(2.0, NOTE_EDGE), StrokeKind::Inside);
            painter.galley(rect.min + vec2(5.0, 3.0), galley, theme::CARD_TEXT);
            notes.push((rect, text));
        }
        if left_out > 0
            && let Some(&(last, _)) = notes.last()
        {
            let text = format!("+{left_out} more insights in the side panel");
            let at = Pos2::new(last.left(), last.bottom() + 8.0);
            let rect = painter.text(at, egui::Align2::LEFT_TOP, &text, font, NOTE_EDGE);
            notes.push((rect, text));
        }
        notes
    }
}

/// A note's text in one line of `width`, cut with "…".
fn note_job(text: &str, font: egui::FontId, width: f32) -> egui::text::LayoutJob {
    let mut job = egui::text::LayoutJob::simple_singleline(text.to_owned(), font, theme::CARD_TEXT);
    job.wrap = egui::text::TextWrapping {
        max_width: width,
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    job
}
