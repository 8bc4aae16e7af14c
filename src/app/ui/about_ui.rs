//! Help → About: which version this is, and which board file format it writes.

use eframe::egui;

use super::super::RetrolineApp;
use crate::model::FORMAT_VERSION;

/// The app's version, as `retroline --version` prints it.
pub(crate) const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

impl RetrolineApp {
    pub(super) fn about_modal_ui(&mut self, ctx: &egui::Context) {
        let mut close = false;
        let response = egui::Modal::new(egui::Id::unique("about")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading(format!("retroline {APP_VERSION}"));
            ui.label(env!("CARGO_PKG_DESCRIPTION"));
            ui.add_space(8.0);
            ui.label(format!("Board file format version {FORMAT_VERSION}"))
                .on_hover_text(
                    "Written as format_version at the top of every board file. A board from a \
                     newer format is refused with a message, never half read",
                );
            ui.label(format!("Licence: {}", env!("CARGO_PKG_LICENSE")));
            ui.label(
                "Fonts: Atkinson Hyperlegible and Noto Sans, under the SIL Open Font License 1.1",
            );
            ui.add_space(8.0);
            let button = ui.button("Close");
            if ui.memory(|m| m.focused().is_none()) {
                button.request_focus();
            }
            close = button.clicked();
        });
        if close || response.should_close() {
            self.session.modal = None;
        }
    }
}
