//! The turning points in the side panel, under the divergences: the same words as the reports,
//! each moment a button that brings it into view.

use eframe::egui;

use crate::app::RetrolineApp;
use crate::model::Moment;

impl RetrolineApp {
    pub(crate) fn turning_points_ui(&mut self, ui: &mut egui::Ui) {
        ui.strong("Turning points")
            .on_hover_text(crate::view::command::Command::ToggleTurningPoints.tooltip());
        if self.session.view.round_hidden {
            ui.label(egui::RichText::new("Shown once the lines are revealed.").weak());
            return;
        }
        let dates = self.dates();
        let board = self.session.doc.board();
        // Worked out once per change of the board (`Derived`), worded here.
        let turns = &self.session.doc.derived().turns;
        let words = crate::io::turns_report::words(
            board,
            turns,
            |id| self.shown_name(id),
            |m| dates.time(m),
        );
        if words.is_empty() {
            ui.label(egui::RichText::new(crate::io::turns_report::NONE).weak());
            return;
        }
        // Each team-wide point, with the moment a click shows.
        let mut moments: Vec<Moment> = Vec::new();
        if let Some(w) = &turns.widest
            && let Some(m) = w.moments.first()
        {
            moments.push(*m);
        }
        moments.extend(turns.shared_low.as_ref().map(|p| p.at));
        moments.extend(turns.shared_high.as_ref().map(|p| p.at));
        let mut chosen = None;
        let mut learn = None;
        for (line, at) in words.lines.iter().zip(moments) {
            if ui
                .add(egui::Button::new(line.as_str()).wrap())
                .on_hover_text("Bring this moment into view")
                .clicked()
            {
                chosen = Some(at);
            }
            if ui
                .small_button("Insight")
                .on_hover_text("Write what the room learned at this moment")
                .clicked()
            {
                learn = Some(at);
            }
        }
        // Folded, so that the panel stays short: the team's points are what the room looks at.
        if !words.people.is_empty() {
            egui::CollapsingHeader::new("Each person's climb and drop")
                .default_open(false)
                .show(ui, |ui| {
                    for [who, climb, drop] in &words.people {
                        ui.label(format!("{who}: climb {climb}; drop {drop}"));
                    }
                });
        }
        if let Some(at) = chosen {
            crate::view::zoom_to_moment(&mut self.session.view, at);
        }
        if let Some(at) = learn {
            self.create_insight(at, None);
        }
    }
}
