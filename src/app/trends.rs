//! *File > Trends…*: the trends across the boards in a folder, read off the window's thread and
//! shown in a window of their own with the same plots as `retroline trends --png`.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use eframe::egui;

use super::dialogs::Answer;
use super::effect::Effect;
use super::{Command, Modal, PathPurpose, RetrolineApp};
use crate::analysis::trends::Trends;
use crate::io::trends::Skipped;
use crate::view::trends_ui::{TrendsParts, trends_ui};

/// What reading a folder gave: the trends and the files left out, or why nothing was read.
type Read = Result<(Trends, Vec<Skipped>), String>;

/// The trends window: the folder, and the trends once read.
pub(crate) struct TrendsWindow {
    folder: PathBuf,
    state: State,
}

enum State {
    Reading(mpsc::Receiver<Read>),
    Ready(Box<Trends>, Vec<Skipped>),
    Failed(String),
}

impl TrendsWindow {
    /// Starts reading the boards in `folder` on a thread of its own; `ctx` is asked to draw
    /// again when they are read.
    pub fn read(folder: &Path, ctx: &egui::Context) -> Self {
        let (send, receive) = mpsc::channel();
        let (path, ctx) = (folder.to_owned(), ctx.clone());
        let started = std::thread::Builder::new()
            .name("trends".to_owned())
            .spawn(move || {
                let read = crate::io::trends::read(std::slice::from_ref(&path)).and_then(
                    |(trends, skipped)| {
                        if trends.boards.is_empty() {
                            Err(format!("{}: no board could be read", path.display()))
                        } else {
                            Ok((trends, skipped))
                        }
                    },
                );
                let _ = send.send(read);
                ctx.request_repaint();
            });
        Self {
            folder: folder.to_owned(),
            state: match started {
                Ok(_) => State::Reading(receive),
                Err(err) => State::Failed(format!("cannot start reading: {err}")),
            },
        }
    }

    /// Takes what the reading thread sent, if it has.
    fn poll(&mut self) {
        if let State::Reading(receive) = &self.state {
            match receive.try_recv() {
                Ok(Ok((trends, skipped))) => self.state = State::Ready(Box::new(trends), skipped),
                Ok(Err(why)) => self.state = State::Failed(why),
                Err(mpsc::TryRecvError::Empty) => {}
                Err(mpsc::TryRecvError::Disconnected) => {
                    self.state = State::Failed("reading the boards stopped".to_owned());
                }
            }
        }
    }
}

impl RetrolineApp {
    /// Asks for a folder of boards and shows their trends.
    pub(crate) fn ask_and_show_trends(&mut self, ctx: &egui::Context) {
        match self.shell.dialogs.open_folder() {
            Answer::Chosen(folder) => self.show_trends(&folder, ctx),
            Answer::Cancelled => {}
            Answer::Unavailable => {
                let folder = self
                    .session
                    .doc
                    .path()
                    .and_then(Path::parent)
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                self.session.modal = Some(Modal::TypePath {
                    purpose: PathPurpose::Trends,
                    text: folder,
                });
            }
        }
    }

    /// Reads the boards in `folder` and shows their trends when read.
    pub(crate) fn show_trends(&mut self, folder: &Path, ctx: &egui::Context) {
        self.shell.trends = Some(TrendsWindow::read(folder, ctx));
    }

    /// The trends window, while it is open.
    pub(crate) fn trends_window_ui(&mut self, ctx: &egui::Context) {
        let Some(window) = &mut self.shell.trends else {
            return;
        };
        window.poll();
        let mut open = true;
        let mut again = false;
        let screen = ctx.content_rect().size();
        egui::Window::new("Trends across retrospectives")
            .id(egui::Id::unique("trends_window"))
            .open(&mut open)
            .default_size(screen * egui::vec2(0.9, 0.85))
            .max_size(screen * 0.98)
            .default_pos(egui::pos2(screen.x * 0.05, screen.y * 0.06))
            .collapsible(false)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.label(format!("Folder: {}", window.folder.display()));
                    again = ui
                        .button("Another folder…")
                        .on_hover_text("Show the trends of the boards in another folder")
                        .clicked();
                });
                ui.separator();
                match &window.state {
                    State::Reading(_) => {
                        ui.horizontal(|ui| {
                            ui.spinner();
                            ui.label("Reading the boards…");
                        });
                    }
                    State::Failed(why) => {
                        ui.label(egui::RichText::new(why).strong());
                    }
                    State::Ready(trends, skipped) => {
                        egui::ScrollArea::vertical()
                            .auto_shrink([false, false])
                            .show(ui, |ui| {
                                trends_ui(
                                    ui,
                                    trends,
                                    TrendsParts {
                                        table: true,
                                        plot_height: (screen.y * 0.3).clamp(180.0, 320.0),
                                    },
                                );
                                skipped_ui(ui, skipped);
                            });
                    }
                }
            });
        if !open {
            self.shell.trends = None;
        }
        if again {
            self.push(Effect::Command(Command::Trends));
        }
    }
}

fn skipped_ui(ui: &mut egui::Ui, skipped: &[Skipped]) {
    if skipped.is_empty() {
        return;
    }
    ui.add_space(10.0);
    ui.label(egui::RichText::new(format!("{} files skipped", skipped.len())).strong());
    for s in skipped.iter().take(50) {
        ui.label(crate::io::trends::cell(&s.error, 200));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait(window: &mut TrendsWindow) {
        for _ in 0..500 {
            window.poll();
            if !matches!(window.state, State::Reading(_)) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }

    #[test]
    fn a_folder_is_read_off_the_window_thread_and_an_empty_one_says_so() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for (name, board) in crate::generate::weekly(crate::generate::Size::S, 1, 3) {
            crate::io::board_file::save(&dir.path().join(name), &board).expect("saved");
        }
        let ctx = egui::Context::default();
        let mut window = TrendsWindow::read(dir.path(), &ctx);
        wait(&mut window);
        match &window.state {
            State::Ready(trends, skipped) => {
                assert_eq!(trends.boards.len(), 3);
                assert_eq!(trends.chains.len(), 1);
                assert!(skipped.is_empty());
            }
            _ => panic!("the trends were not read"),
        }
        let empty = tempfile::tempdir().expect("a temporary folder");
        let mut window = TrendsWindow::read(empty.path(), &ctx);
        wait(&mut window);
        assert!(matches!(&window.state, State::Failed(why) if why.contains("no board")));
    }
}
