//! A frame of the window: the background work, the panels and the board drawn, then the queue
//! of effects applied; the input paced for slow frames; eframe's hooks; and starting the window.

use std::path::PathBuf;
use std::time::Instant;

use eframe::egui;

use super::shell::{PREFS_KEY, Prefs, WindowSetup};
use super::{RetrolineApp, renderer};
use crate::io::recovery;
use crate::view::BoardView;

/// The most of the window's width the side panel takes.
pub const SIDE_PANEL_MAX_SHARE: f32 = 0.25;

impl RetrolineApp {
    /// Where the side panel was drawn in the last frame; `None` while it is hidden (F9).
    pub fn side_panel_rect(&self) -> Option<egui::Rect> {
        self.shell.side_panel
    }

    /// The board drawn in the central panel, through the view; what the user asks for there
    /// joins the queue.
    fn board_view_ui(&mut self, ui: &mut egui::Ui) {
        let session = &mut self.session;
        session.view.modal_open = session.modal.is_some() || session.import_preview.is_some();
        let mut actions = Vec::new();
        let mut view = BoardView {
            board: session.doc.board(),
            derived: session.doc.derived(),
            state: &mut session.view,
            actions: &mut actions,
        };
        view.timeline_ui(ui);
        self.effects.extend(actions.into_iter().map(Into::into));
    }

    /// The background work of a frame, which also runs while the window is hidden: what
    /// participants submitted, the board's file changed elsewhere, dropped files, close
    /// requests, autosave and the window title. Draws nothing; what it finds is applied through
    /// the same queue as the window's effects.
    pub fn logic_tick(&mut self, ctx: &egui::Context) {
        self.round_tick();
        self.watch_file(ctx);
        self.dropped_files(ctx);
        self.close_request(ctx);
        self.apply_effects(ctx);
        self.publish_round();
        self.autosave_tick(ctx);
        let title = self.window_title();
        if title != self.shell.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shell.shown_title = title;
        }
    }

    /// One frame of the whole window: what [`eframe::App::ui`] draws.
    pub fn window_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        // Typing that has ended (its field lost the focus) is a step of its own, before whatever
        // the user does next.
        if !self.interacting(&ctx) {
            self.session.doc.seal();
        }
        self.shortcuts(&ctx);
        let modal_before = self.session.modal.is_some();
        let typing_before = crate::view::keys_go_elsewhere(&ctx);

        if self.session.view.is_presenting() {
            self.present_header_ui(ui);
            self.phase_bar_ui(ui);
        } else {
            self.menu_bar_ui(ui);
            self.header_ui(ui);
            self.phase_bar_ui(ui);
            self.status_bar_ui(ui);
            // At most a quarter of the width, so the board keeps the rest at 720p; F9 hides it.
            self.shell.side_panel = (!self.shell.prefs.side_panel_hidden).then(|| {
                let max_width = (ctx.content_rect().width() * SIDE_PANEL_MAX_SHARE).floor();
                self.details_panel_ui(ui, max_width)
            });
        }
        egui::CentralPanel::default().show(ui, |ui| self.board_view_ui(ui));
        // The splitter between the lanes and the plot is a preference.
        self.shell.prefs.plot_share = self.session.view.plot_share();
        self.modal_ui(&ctx);
        self.import_preview_ui(&ctx);
        self.trends_window_ui(&ctx);
        self.big_code_ui(&ctx);
        super::ui::focus_ring(&ctx);
        if modal_before && self.session.modal.is_none() {
            // The question is answered: keys go back to the board.
            self.session.view.focus_requested = true;
            ctx.request_repaint();
        }
        if typing_before
            && ctx.memory(|m| m.focused().is_none())
            && ctx.input(|i| i.key_pressed(egui::Key::Enter))
        {
            // Enter finished a field: the next keys are for the board (Insert adds another
            // event, `]` goes on).
            self.session.view.focus_requested = true;
            ctx.request_repaint();
        }

        let revision = self.session.doc.revision();
        self.apply_effects(&ctx);
        // A drag whose button was released where nothing handled it ends without a drop.
        if self.session.view.drag.is_some() && !ctx.input(|i| i.pointer.any_down()) {
            self.session.view.drag = None;
        }
        if !self.interacting(&ctx) {
            self.session.doc.seal();
        }
        self.shell.prefs.ui_zoom = if self.session.view.is_presenting() {
            ctx.zoom_factor() / self.session.panel.present_zoom
        } else {
            ctx.zoom_factor()
        };
        if self.session.doc.revision() != revision {
            // The header and the title show what changed: draw once more, and autosave.
            ctx.request_repaint();
            self.autosave_tick(&ctx);
        }
    }

    /// Paces the input of a frame so that no gesture is lost when frames are slow (a large board
    /// drawn without a GPU): a press, the moves and the release can all arrive between two
    /// frames, and egui would take the press to be where the pointer ended, or see a click. So
    /// a press followed by moves is a frame's last event, and a release after moves waits for the
    /// next frame; what is held back comes first then. Returns whether anything waits.
    pub fn pace_input(&mut self, raw_input: &mut egui::RawInput) -> bool {
        let held = &mut self.shell.held_input;
        if !held.is_empty() {
            let mut events = std::mem::take(held);
            events.append(&mut raw_input.events);
            raw_input.events = events;
        }
        let events = &raw_input.events;
        let button = |e: &egui::Event, down: bool| matches!(e, egui::Event::PointerButton { pressed, .. } if *pressed == down);
        let moved = |range: &[egui::Event]| {
            range
                .iter()
                .any(|e| matches!(e, egui::Event::PointerMoved(_)))
        };
        let split = match events.iter().position(|e| button(e, true)) {
            Some(press) if moved(&events[press + 1..]) => Some(press + 1),
            // Moves since the button went down (in this frame or before).
            _ => events
                .iter()
                .position(|e| button(e, false))
                .filter(|&release| {
                    let down = events[..release]
                        .iter()
                        .rposition(|e| button(e, true))
                        .map_or(0, |press| press + 1);
                    moved(&events[down..release])
                }),
        };
        match split {
            Some(at) => {
                *held = raw_input.events.split_off(at);
                true
            }
            None => false,
        }
    }

    /// Typing, dragging or holding a control such as a colour picker: not finished yet.
    fn interacting(&self, ctx: &egui::Context) -> bool {
        self.session.view.drag.is_some()
            || crate::view::keys_go_elsewhere(ctx)
            || ctx.dragged_id().is_some()
            || ctx.input(|i| i.pointer.any_down())
    }

    /// In the real window the panels are not filled: the frame is cleared to their colour
    /// instead ([`eframe::App::clear_color`]), which looks the same and shades every pixel once
    /// less, a large share of a frame where the CPU draws it.
    pub(super) fn clear_panels(&mut self, ctx: &egui::Context) {
        if let Some(window) = &mut self.shell.window {
            let mut visuals = ctx.global_style().visuals.clone();
            if visuals.panel_fill != egui::Color32::TRANSPARENT {
                window.panel_colour = visuals.panel_fill;
            }
            visuals.panel_fill = egui::Color32::TRANSPARENT;
            ctx.set_visuals(visuals);
        }
    }
}

impl eframe::App for RetrolineApp {
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs());
    }

    /// Unsaved changes are autosaved at once, unless the user chose to discard them.
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.autosave_on_exit();
    }

    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.logic_tick(ctx);
    }

    /// A quick drag on a large board can arrive whole between two frames: see
    /// [`RetrolineApp::pace_input`].
    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if self.pace_input(raw_input) {
            ctx.request_repaint();
        }
    }

    /// The panels' colour: they are left unfilled in the real window (see `clear_panels`), so the
    /// whole window is shaded once, not once for the clear and again for each panel.
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        match &self.shell.window {
            Some(w) if w.panel_colour != egui::Color32::TRANSPARENT => {
                w.panel_colour.to_normalized_gamma_f32()
            }
            _ => visuals.panel_fill.to_normalized_gamma_f32(),
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        // For benches/window_input.py, which counts frames per input.
        log::debug!(target: "retroline::frames", "frame drawn");
        self.window_ui(ui);
        // Where the window is drawn on the CPU, anti-aliasing every edge of a dense plot costs
        // a third of a frame; it is kept where it shows.
        if self.shell.window.is_some() {
            let smooth = self.session.view.smooth_edges;
            ui.ctx().tessellation_options_mut(|o| o.feathering = smooth);
        }
        if let Some(started) = self.shell.started.take() {
            log::info!(
                "first frame drawn {} ms after start",
                started.elapsed().as_millis()
            );
            crate::fonts::log_missing_scripts(ui.ctx());
        }
    }
}

/// The window's icon: the 64 px rendering of `packaging/icons/retroline.svg`.
fn window_icon() -> egui::IconData {
    const PNG: &[u8] = include_bytes!("../../packaging/icons/hicolor/64x64/apps/retroline.png");
    eframe::icon_data::from_png_bytes(PNG).unwrap_or_else(|err| {
        log::warn!("the window's icon: {err}");
        egui::IconData::default()
    })
}

/// Opens the window on `path` (if given) and runs until it is closed. `started` is when the
/// process started, for the log.
pub fn run_window(path: Option<PathBuf>, started: Instant) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("retroline")
            .with_inner_size([1600.0, 900.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true)
            // The desktop matches the window to `retroline.desktop` by this name (and keeps its
            // preferences under it, as before it was set).
            .with_app_id("retroline")
            .with_icon(window_icon()),
        ..Default::default()
    };
    let setting = renderer::setting_file();
    let saved = renderer::saved(setting.as_deref());
    let (chosen, why) = renderer::pick(std::env::var("RETROLINE_RENDERER").ok().as_deref(), saved);
    log::info!("renderer: {why}");
    let options = eframe::NativeOptions {
        renderer: chosen,
        ..options
    };
    eframe::run_native(
        "retroline",
        options,
        Box::new(move |cc| {
            crate::theme::apply(&cc.egui_ctx);
            let recovery_dir =
                eframe::storage_dir("retroline").map(|d| d.join(recovery::RECOVERY_FOLDER));
            if recovery_dir.is_none() {
                log::warn!("no data folder: the board is not autosaved");
            }
            let mut app = RetrolineApp::start(path, recovery_dir);
            app.log_first_frame_since(started);
            app.shell.window = Some(WindowSetup {
                renderer: why,
                saved,
                setting,
                panel_colour: egui::Color32::TRANSPARENT,
            });
            let prefs = cc
                .storage
                .and_then(|s| eframe::get_value::<Prefs>(s, PREFS_KEY))
                .unwrap_or_default();
            app.apply_prefs(&cc.egui_ctx, prefs);
            Ok(Box::new(app))
        }),
    )
    .map_err(|err| {
        format!(
            "cannot open a window: {err}. The headless commands (check, import, divergences) \
             work without a display."
        )
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_window_has_retrolines_icon() {
        let icon = super::window_icon();
        assert_eq!((icon.width, icon.height), (64, 64));
        assert_eq!(icon.rgba.len(), 64 * 64 * 4);
    }
}
