//! The window. For now it shows what a board holds; the timeline and plot come next.

use std::path::{Path, PathBuf};

use eframe::egui;

use crate::analysis::{DivergenceSpan, divergences};
use crate::io::board_file;
use crate::model::Board;

/// Asks the user for a file. Kept behind one function so tests never open a dialog.
fn pick_board_file() -> Option<PathBuf> {
    rfd::FileDialog::new()
        .set_title("Open a retroline board")
        .add_filter("retroline board", &["ron"])
        .pick_file()
}

/// The application: the open board, where it came from, and the last error to show.
pub struct RetrolineApp {
    board: Board,
    path: Option<PathBuf>,
    /// The last thing that went wrong, shown until dismissed.
    error: Option<String>,
    /// Divergence spans of `board`, recomputed only when the board changes.
    spans: Vec<DivergenceSpan>,
    shown_title: String,
}

impl RetrolineApp {
    /// A window on `board`, which was read from `path` (if any).
    pub fn new(board: Board, path: Option<PathBuf>) -> Self {
        let spans = divergences(&board, board.settings.neutral_band);
        Self {
            board,
            path,
            error: None,
            spans,
            shown_title: String::new(),
        }
    }

    /// A window that starts by opening `path`; if that fails, an empty board and the error.
    pub fn open_at_start(path: Option<PathBuf>) -> Self {
        let mut app = Self::new(Board::default(), None);
        if let Some(path) = path {
            app.open(&path);
        }
        app
    }

    pub fn board(&self) -> &Board {
        &self.board
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Opens a board file. On failure the current board stays and the error is shown.
    pub fn open(&mut self, path: &Path) {
        match board_file::load(path) {
            Ok(board) => {
                *self = Self::new(board, Some(path.to_owned()));
            }
            Err(err) => {
                log::warn!("{err}");
                self.error = Some(format!("{err}\nThe board on screen is unchanged."));
            }
        }
    }

    fn window_title(&self) -> String {
        match &self.path {
            Some(path) => format!(
                "{} — retroline",
                path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned()
                )
            ),
            None => "retroline".to_owned(),
        }
    }

    fn summary_ui(&self, ui: &mut egui::Ui) {
        let board = &self.board;
        ui.heading(egui::RichText::new(&board.title).size(34.0).strong());
        let range = board.time_range().map_or_else(
            || "no events or feelings yet".to_owned(),
            |r| format!("{} – {}", r.start, r.end),
        );
        ui.label(format!("{} board · {range}", board.kind.label()));
        ui.add_space(12.0);
        ui.label(crate::cli::summary(board));
        ui.add_space(12.0);

        ui.columns(3, |cols| {
            cols[0].strong("Lanes");
            for lane in &board.lanes {
                let count = board.events.iter().filter(|e| e.lane == lane.id).count();
                let colour = egui::Color32::from_rgb(lane.colour.0, lane.colour.1, lane.colour.2);
                cols[0].horizontal(|ui| {
                    swatch(ui, colour);
                    ui.label(format!("{} — {count} events", lane.name));
                });
            }
            cols[1].strong("Participants");
            for p in &board.participants {
                let count = board
                    .feelings
                    .iter()
                    .filter(|f| f.participant == p.id)
                    .count();
                let colour = egui::Color32::from_rgb(p.colour.0, p.colour.1, p.colour.2);
                cols[1].horizontal(|ui| {
                    swatch(ui, colour);
                    ui.label(format!("{} — {count} feelings", p.name));
                });
            }
            cols[2].strong("Divergences");
            if self.spans.is_empty() {
                cols[2].label("none");
            }
            let offset = board.time_range().map(|r| r.start.offset());
            let local = |m: crate::model::Moment| offset.map_or(m, |o| m.to_offset(o));
            for span in &self.spans {
                let names = |ids: &[crate::model::ParticipantId]| {
                    ids.iter()
                        .filter_map(|id| board.participant(*id).map(|p| p.name.as_str()))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                cols[2].label(format!(
                    "{} – {}\nup: {} · down: {}",
                    local(span.start),
                    local(span.end),
                    names(&span.positive),
                    names(&span.negative)
                ));
            }
        });
    }
}

/// A small square of colour, the size of a line of text.
fn swatch(ui: &mut egui::Ui, colour: egui::Color32) {
    let size = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    ui.painter().rect_filled(rect.shrink(2.0), 2.0, colour);
}

impl eframe::App for RetrolineApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if let Some(path) = dropped.last() {
            self.open(path);
        }
        let open_shortcut = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::O);
        let mut want_open = ctx.input_mut(|i| i.consume_shortcut(&open_shortcut));

        egui::Panel::top("toolbar").show(ui, |ui| {
            ui.horizontal(|ui| {
                want_open |= ui
                    .button("Open…")
                    .on_hover_text("Open a board file (Ctrl+O), or drop one on the window")
                    .clicked();
                if let Some(path) = &self.path {
                    ui.label(path.display().to_string());
                }
            });
        });
        if let Some(error) = self.error.clone() {
            egui::Panel::bottom("error").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                    if ui.button("Dismiss").clicked() {
                        self.error = None;
                    }
                });
            });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| self.summary_ui(ui));
        });

        if want_open && let Some(path) = pick_board_file() {
            self.open(&path);
        }
        let title = self.window_title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }
}

/// Opens the window on `path` (if given) and runs until it is closed.
pub fn run_window(path: Option<PathBuf>) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("retroline")
            .with_inner_size([1280.0, 720.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "retroline",
        options,
        Box::new(move |cc| {
            cc.egui_ctx.set_zoom_factor(1.25);
            Ok(Box::new(RetrolineApp::open_at_start(path)))
        }),
    )
    .map_err(|err| {
        format!(
            "cannot open a window: {err}. The headless commands (check, import, divergences) \
             work without a display."
        )
    })
}
