//! The legend left of the plot: each participant with their colour, marker and number; a click
//! makes one the chosen person, whose feelings clicks in the plot add once adding is on.

use eframe::egui::{self, Align2, Pos2, Rect, Sense, vec2};

use super::labels::VALUE_SCALE_MARGIN;
use super::{POINT_WORD_SIZE, paint_marker};
use crate::model::{Participant, ParticipantId};
use crate::theme;
use crate::view::BoardView;

impl BoardView<'_> {
    /// The participants, each with colour, marker and number; click one to make it active.
    pub(super) fn legend_ui(
        &mut self,
        ui: &mut egui::Ui,
        area: Rect,
        axis_left: f32,
    ) -> Vec<(ParticipantId, Rect)> {
        let painter = ui.painter_at(Rect::from_min_max(
            area.min,
            Pos2::new(axis_left, area.bottom()),
        ));
        painter.text(
            Pos2::new(area.left() + 14.0, area.top() + 6.0),
            Align2::LEFT_TOP,
            "Feelings",
            theme::font(theme::LANE_NAME_SIZE),
            ui.visuals().strong_text_color(),
        );
        let mut rows = Vec::new();
        let mut y = area.top() + 32.0;
        let board = self.board;
        let participants = &board.participants;
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
                // Short of the value scale, which is right of the names.
                vec2(
                    axis_left - area.left() - 4.0 - VALUE_SCALE_MARGIN,
                    row_height,
                ),
            );
            y += row_height;
            self.legend_row_ui(ui, &painter, rect, i, p);
            rows.push((p.id, rect));
        }
        if listed > drawn {
            painter.text(
                Pos2::new(area.left() + 14.0, y + row_height / 2.0),
                Align2::LEFT_CENTER,
                format!("+{} more", listed - drawn),
                theme::font(POINT_WORD_SIZE),
                ui.visuals().weak_text_color(),
            );
        }
        if participants.is_empty() {
            painter.text(
                Pos2::new(area.left() + 14.0, area.top() + 34.0),
                Align2::LEFT_TOP,
                "Add participants\nin the side panel",
                theme::font(POINT_WORD_SIZE),
                ui.visuals().weak_text_color(),
            );
        }
        rows
    }

    /// One participant's row in `rect`, the `i`th on the board: their marker in their colour,
    /// their number (the keys 1–9) and name, highlighted when active; a click makes them active.
    fn legend_row_ui(
        &mut self,
        ui: &egui::Ui,
        painter: &egui::Painter,
        rect: Rect,
        i: usize,
        p: &Participant,
    ) {
        let text = ui.visuals().strong_text_color();
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
        let marker_centre = Pos2::new(rect.left() + 12.0, rect.center().y);
        paint_marker(painter, marker_centre, p.marker, colour, 7.0);
        let shown = self.shown_name(p.id);
        let name = if p.hidden {
            format!("{number}{shown} (hidden)")
        } else {
            format!("{number}{shown}")
        };
        let mut job = egui::text::LayoutJob::simple_singleline(
            crate::view::rtl::visual(&name).into_owned(),
            theme::font(POINT_WORD_SIZE),
            if p.hidden {
                ui.visuals().weak_text_color()
            } else {
                text
            },
        );
        job.wrap = egui::text::TextWrapping::truncate_at_width(rect.width() - 26.0);
        let galley = painter.layout_job(job);
        painter.galley(
            Pos2::new(rect.left() + 24.0, rect.center().y - galley.size().y / 2.0),
            galley,
            text,
        );
    }
}
