//! The window, in two parts: the [`Shell`](shell::Shell), which lives as long as the window
//! (preferences, file dialogs, messages, the recovery folder, how the window draws), and the
//! [`Session`](session::Session), which lives as long as one open board (the document, how it
//! is viewed, the panels' and questions' state, the round, an import preview, autosave).
//! Opening a board starts a new session.
//!
//! Everything the window does goes one way: input (mouse, keys, the participant server, pasted
//! answers, dropped files) becomes an [`Effect`](effect::Effect) in one queue; drawing code only
//! reads the board and pushes effects; after drawing (and after the background work of
//! [`eframe::App::logic`], which runs even while the window is hidden) the queue is applied in
//! order, in one place ([`RetrolineApp::apply_effects`]): edits through
//! [`Document::apply`], files read and written, with the same messages and selection handling
//! whatever the effect came from.

pub mod autosave;
pub mod dialogs;
mod effect;
mod files;
mod import;
mod invite;
mod keys;
mod meeting;
pub mod notifications;
pub mod present;
pub mod renderer;
mod session;
mod shell;
mod trends;
mod typing;
mod ui;
mod window;

use std::path::{Path, PathBuf};
use std::time::Instant;

use eframe::egui;

use self::dialogs::{Dialogs, NativeDialogs};
use self::effect::Effect;
pub(crate) use self::session::{AfterDiscard, Modal, PathPurpose, Session, SideTab};
pub use self::shell::{Clock, Prefs};
pub(crate) use self::shell::{RecoveryOffer, Shell};
pub use self::window::run_window;
use crate::analysis::DivergenceSpan;
use crate::doc::{Document, Edit};
use crate::model::{Board, EventId, FeelingId, ParticipantId, TimeRange};
pub use crate::view::command::{self, Command};
pub use crate::view::{TimelineGeometry, time_axis};

/// The application: the window's shell, the board open in it, and what was asked for this
/// frame.
pub struct RetrolineApp {
    shell: Shell,
    session: Session,
    /// What was asked for since the queue was last applied, in order.
    effects: Vec<Effect>,
}

impl RetrolineApp {
    /// A window on `board`, which was read from `path` (if any), using the desktop's dialogs.
    pub fn new(board: Board, path: Option<PathBuf>) -> Self {
        Self::with_dialogs(board, path, Box::new(NativeDialogs))
    }

    /// A window on `board` that asks for files through `dialogs`.
    pub fn with_dialogs(board: Board, path: Option<PathBuf>, dialogs: Box<dyn Dialogs>) -> Self {
        let shell = Shell::new(dialogs);
        let session = Session::new(Document::new(board, path, None), &shell);
        Self {
            shell,
            session,
            effects: Vec::new(),
        }
    }

    /// The window as `retroline [BOARD.ron]` starts it: on `path` (or a new board), autosaving
    /// to recovery files in `recovery_dir`, and offering back what a session that ended without
    /// saving left there.
    pub fn start(path: Option<PathBuf>, recovery_dir: Option<PathBuf>) -> Self {
        let mut app = Self::new(new_board(), None);
        if let Some(dir) = recovery_dir {
            app.set_recovery_dir(dir, autosave::AUTOSAVE_DELAY);
        }
        app.open_or_start_at(path);
        app.offer_recovery();
        app
    }

    /// Logs how soon after `started` the first frame is drawn.
    pub fn log_first_frame_since(&mut self, started: Instant) {
        self.shell.started = Some(started);
    }

    /// Autosaves to recovery files in `dir`, `delay` after a change.
    pub fn set_recovery_dir(&mut self, dir: PathBuf, delay: std::time::Duration) {
        self.shell.set_recovery_dir(dir, delay);
        self.session.autosave = self
            .shell
            .recovery
            .as_ref()
            .map(shell::RecoverySetup::autosave);
    }

    /// The recovery file the board on screen is autosaved to, once it has been.
    pub fn recovery_file(&self) -> Option<&Path> {
        self.session
            .autosave
            .as_ref()
            .and_then(|a| a.file.as_deref())
    }

    /// A window that starts by opening `path`; if that fails, an empty board and the error.
    /// A new board starts with the safety opening.
    pub fn open_at_start(path: Option<PathBuf>) -> Self {
        let mut app = Self::new(new_board(), None);
        app.open_or_start_at(path);
        app
    }

    /// Opens `path`; a path that names no file yet (in a folder that exists) starts a new board
    /// there, which Save writes; no path starts a new board. A new board starts with the safety
    /// opening.
    fn open_or_start_at(&mut self, path: Option<PathBuf>) {
        let folder_exists = |p: &Path| {
            p.parent()
                .is_none_or(|d| d.as_os_str().is_empty() || d.is_dir())
        };
        match path {
            Some(path) if !path.exists() && folder_exists(&path) => {
                self.replace_document(Document::new(new_board(), Some(path.clone()), None));
                self.shell.notifications.info(format!(
                    "New board: Save (Ctrl+S) writes it to {}",
                    path.display()
                ));
                self.show_safety_opening();
            }
            Some(path) => self.open(&path),
            None => self.show_safety_opening(),
        }
    }

    /// The view preferences to keep between runs.
    pub fn prefs(&self) -> Prefs {
        self.shell.prefs
    }

    /// Applies remembered view preferences.
    pub fn apply_prefs(&mut self, ctx: &egui::Context, prefs: Prefs) {
        self.set_theme(ctx, prefs.theme);
        self.shell.prefs.anonymous = prefs.anonymous;
        self.shell.prefs.plot_share = prefs.plot_share;
        self.shell.prefs.side_panel_hidden = prefs.side_panel_hidden;
        if let Some(zoom) = prefs.usable_zoom() {
            self.shell.prefs.ui_zoom = zoom;
            ctx.set_zoom_factor(zoom);
        }
        self.view_takes_prefs();
    }

    /// The view shows what the preferences say (anonymous names, the plot's share).
    fn view_takes_prefs(&mut self) {
        let view = &mut self.session.view;
        view.anonymous = self.shell.prefs.anonymous;
        view.set_plot_share(self.shell.prefs.plot_share);
        view.today = self.shell.today;
    }

    pub fn theme(&self) -> crate::theme::Theme {
        self.shell.prefs.theme
    }

    pub fn is_anonymous(&self) -> bool {
        self.shell.prefs.anonymous
    }

    pub(crate) fn set_theme(&mut self, ctx: &egui::Context, theme: crate::theme::Theme) {
        self.shell.prefs.theme = theme;
        theme.apply(ctx);
        self.clear_panels(ctx);
    }

    /// Fits the view to the whole board when it is next drawn.
    pub fn fit_to_board(&mut self) {
        self.session.view.fit_requested = true;
    }

    /// Shows `start..end` (Unix seconds) instead of fitting the board.
    pub fn show_time(&mut self, start: f64, end: f64) {
        if start.is_finite() && end.is_finite() && end > start {
            self.session.view.time_view = Some(time_axis::TimeView { start, end });
            self.session.view.fit_requested = false;
        }
    }

    /// How a participant is shown: their name, or "Participant N" in anonymous mode.
    pub fn shown_name(&self, id: ParticipantId) -> String {
        crate::view::shown_name(self.session.doc.board(), self.shell.prefs.anonymous, id)
    }

    /// Shows the safety statement; "Begin" records in the board when it was shown.
    pub fn show_safety_opening(&mut self) {
        self.session.modal = Some(Modal::Safety);
    }

    pub fn board(&self) -> &Board {
        self.session.doc.board()
    }

    pub fn document(&self) -> &Document {
        &self.session.doc
    }

    pub fn path(&self) -> Option<&Path> {
        self.session.doc.path()
    }

    /// The latest error not yet dismissed.
    pub fn error(&self) -> Option<&str> {
        self.shell.notifications.latest_error()
    }

    /// Every error not yet dismissed, oldest first.
    pub fn errors(&self) -> Vec<&str> {
        self.shell.notifications.errors().collect()
    }

    pub fn selected(&self) -> Option<EventId> {
        self.session.view.selected
    }

    pub fn selected_feeling(&self) -> Option<FeelingId> {
        self.session.view.selected_feeling
    }

    pub fn active_participant(&self) -> Option<ParticipantId> {
        self.session.view.active_participant
    }

    pub fn spans(&self) -> &[DivergenceSpan] {
        &self.session.doc.derived().spans
    }

    /// Where things were drawn in the last frame.
    pub fn geometry(&self) -> Option<&TimelineGeometry> {
        self.session.view.geometry.as_ref()
    }

    /// Whether the board differs from its file.
    pub fn has_unsaved_changes(&self) -> bool {
        self.session.doc.board() != self.session.doc.saved_board()
    }

    pub fn can_undo(&self) -> bool {
        self.session.doc.history().can_undo()
    }

    /// Asks for `command` to run at the end of the next frame, as if its menu item was chosen.
    pub fn request(&mut self, command: Command) {
        self.push(Effect::Command(command));
    }

    /// Asks for `effect`, applied with the others once the frame is drawn.
    pub(crate) fn push(&mut self, effect: Effect) {
        self.effects.push(effect);
    }

    /// The UTC offset the board is shown in: that of its start, or UTC.
    pub fn display_offset(&self) -> jiff::tz::Offset {
        self.session.doc.derived().offset
    }

    /// How the board's dates are written: in [`Self::display_offset`], with the year when the
    /// board is not in the current year.
    pub(crate) fn dates(&self) -> crate::model::time::format::BoardDates {
        crate::view::board_dates(self.display_offset(), self.board_range(), self.shell.today)
    }

    /// Takes `today` as the current date for showing dates (with or without the year) instead
    /// of the clock's, so that what a test sees does not change with the year it runs in.
    pub fn set_today(&mut self, today: jiff::civil::Date) {
        self.shell.today = Some(today);
        self.session.view.today = Some(today);
    }

    /// The board's time range.
    pub(crate) fn board_range(&self) -> Option<TimeRange> {
        self.session.doc.derived().range
    }

    /// Asks for `edit` as the user's next step, applied at the end of the frame.
    pub(crate) fn send(&mut self, edit: Edit) {
        self.push(Effect::Edit { edit, merge: None });
    }

    /// Asks for `edit` as part of the step under way for `key` (typing into one field).
    pub(crate) fn send_merging(&mut self, edit: Edit, key: egui::Id) {
        self.push(Effect::Edit {
            edit,
            merge: Some(key.value()),
        });
    }

    /// Makes `edit` at once, as one undo step, as if it had been sent and the frame had ended;
    /// an invalid one is reported and changes nothing. Returns whether the board changed.
    pub fn apply_edit(&mut self, edit: Edit) -> bool {
        self.edit_now(edit, None)
    }

    fn window_title(&mut self) -> String {
        let doc = &mut self.session.doc;
        let name = doc.path().map_or_else(
            || "untitled".to_owned(),
            |path| {
                path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                )
            },
        );
        let mark = if doc.is_unsaved() { "*" } else { "" };
        format!("{mark}{name} — retroline")
    }
}

/// An empty board in this computer's UTC offset, for the user to fill in.
pub(crate) fn new_board() -> Board {
    let mut board = Board::default();
    board.settings.utc_offset_seconds = Some(crate::model::time::format::local_offset().seconds());
    board
}
