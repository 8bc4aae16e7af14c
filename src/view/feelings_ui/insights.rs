//! The room's insights over the plot: each a note in a strip of its own between the divergence
//! labels and the plot, at its moment (with a dashed line down the plot) or over its span (with
//! a bar under it), with its kind and text, in rows that never overlap.

use eframe::egui::{self, Color32, Pos2, Rect, Stroke, StrokeKind, vec2};

use super::{DIVERGENCE_LABEL_SIZE, PlotGeometry};
use crate::model::Board;
use crate::theme;
use crate::view::TimelineGeometry;

/// A note's paper and edge: dark ink on pale yellow on every theme, unlike the selection's
/// strong yellow.
const NOTE_FILL: Color32 = Color32::from_rgb(0xff, 0xf3, 0xc4);
const NOTE_EDGE: Color32 = Color32::from_rgb(0x6b, 0x55, 0x00);
/// The widest a note is drawn; a longer text is cut with "…" (the side panel holds it whole).
const NOTE_MAX_WIDTH: f32 = 420.0;
/// At most this many rows of notes; notes that find no room are counted at the end.
const MAX_ROWS: usize = 3;
/// The notes' text size: as large as the plot's other labels allow.
const NOTE_SIZE: f32 = DIVERGENCE_LABEL_SIZE - 3.0;

/// The notes of the insights in view, laid out in rows from x `left` to `right`.
pub(super) struct InsightNotes {
    /// Each note: its rect (from a strip at y 0), its text, laid out, and its moment or span
    /// in x.
    notes: Vec<(Rect, String, std::sync::Arc<egui::Galley>, f32, f32)>,
    rows: usize,
    row_height: f32,
    left_out: usize,
}

impl InsightNotes {
    /// How tall the strip must be: nothing without insights in view.
    pub(super) fn height(&self) -> f32 {
        if self.rows == 0 {
            0.0
        } else {
            self.rows as f32 * (self.row_height + 4.0) + 10.0
        }
    }

    /// Lays out the insights of `board` that are in view on `geometry`'s time axis.
    pub(super) fn layout(
        painter: &egui::Painter,
        board: &Board,
        geometry: &TimelineGeometry,
    ) -> Self {
        let (left, right) = (geometry.axis_left, geometry.axis_left + geometry.axis_width);
        // Only those in view are sorted and laid out.
        let mut insights: Vec<_> = board
            .insights
            .iter()
            .filter(|i| {
                geometry.x_of(i.end().unix_seconds_f64()) >= left
                    && geometry.x_of(i.at.unix_seconds_f64()) <= right
            })
            .collect();
        insights.sort_by_key(|i| (i.at.unix_nanos(), i.id));
        let font = theme::font(NOTE_SIZE);
        let row_height = painter.fonts_mut(|f| f.row_height(&font)) + 6.0;
        // The right edge of the last note in each row.
        let mut ends: Vec<f32> = Vec::new();
        let mut notes = Vec::new();
        let mut left_out = 0;
        for insight in insights {
            let x0 = geometry.x_of(insight.at.unix_seconds_f64());
            let x1 = geometry.x_of(insight.end().unix_seconds_f64());
            let start = x0.max(left + 2.0);
            // A row with room first: a note that finds none is counted, never laid out.
            let Some(row) = (0..MAX_ROWS).find(|&r| ends.get(r).is_none_or(|&end| end < start))
            else {
                left_out += 1;
                continue;
            };
            let text = format!("{}: {}", insight.kind.label(), insight.text.trim());
            let width = NOTE_MAX_WIDTH.min(right - start - 2.0).max(60.0);
            let galley = painter.layout_job(note_job(&text, font.clone(), width - 12.0));
            let size = galley.size() + vec2(12.0, 6.0);
            if ends.len() <= row {
                ends.push(0.0);
            }
            let rect = Rect::from_min_size(
                Pos2::new(start, 4.0 + row as f32 * (row_height + 4.0)),
                size,
            );
            ends[row] = rect.right().max(x1) + 8.0;
            notes.push((rect, text, galley, x0, x1));
        }
        Self {
            rows: ends.len(),
            notes,
            row_height,
            left_out,
        }
    }

    /// Draws the notes in `strip`, with their moments' lines down `plot`; returns each note's
    /// rect and text.
    pub(super) fn draw(
        self,
        painter: &egui::Painter,
        strip: Rect,
        plot: &PlotGeometry,
    ) -> Vec<(Rect, String)> {
        let clip = strip.union(plot.rect);
        let painter = painter.with_clip_rect(clip);
        let mut drawn = Vec::new();
        for (rect, text, galley, x0, x1) in self.notes {
            let rect = rect.translate(vec2(0.0, strip.top()));
            if x1 - x0 >= 2.0 {
                let bar = Rect::from_min_max(
                    Pos2::new(x0.max(strip.left()), rect.bottom() + 1.0),
                    Pos2::new(x1.min(strip.right()), rect.bottom() + 5.0),
                );
                painter.rect_filled(bar, 1.0, NOTE_EDGE);
            } else {
                painter.add(egui::Shape::dashed_line(
                    &[
                        Pos2::new(x0, rect.bottom()),
                        Pos2::new(x0, plot.rect.bottom()),
                    ],
                    Stroke::new(2.0, NOTE_EDGE),
                    6.0,
                    5.0,
                ));
            }
            painter.rect_filled(rect, 3.0, NOTE_FILL);
            painter.rect_stroke(rect, 3.0, Stroke::new(2.0, NOTE_EDGE), StrokeKind::Inside);
            painter.galley(rect.min + vec2(6.0, 3.0), galley, theme::CARD_TEXT);
            drawn.push((rect, text));
        }
        if self.left_out > 0 {
            let text = format!("+{} more in the side panel", self.left_out);
            let at = Pos2::new(strip.right() - 4.0, strip.bottom() - 4.0);
            let rect = painter.text(
                at,
                egui::Align2::RIGHT_BOTTOM,
                &text,
                theme::font(NOTE_SIZE),
                NOTE_EDGE,
            );
            drawn.push((rect, text));
        }
        drawn
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
