//! The window shell: the document, how it is viewed, the preferences, the services (file
//! dialogs, autosave) and a queue of notifications.
//!
//! A frame runs in one direction: [`eframe::App::logic`] does the background work (autosave,
//! close requests, dropped files, the title), even while the window is hidden; then the panels
//! are drawn from the board and return [`ViewAction`]s; then [`RetrolineApp::apply_actions`]
//! makes the edits, each through [`Document::apply`], in one place.

pub mod autosave;
pub mod dialogs;
mod files;
mod import;
mod invite;
mod keys;
mod meeting;
pub mod notifications;
pub mod present;
pub mod renderer;
mod typing;
mod ui;

use std::path::{Path, PathBuf};
use std::time::Instant;

use eframe::egui;

use self::autosave::Autosave;
use self::dialogs::{Dialogs, NativeDialogs};
use self::notifications::Notifications;
use crate::analysis::DivergenceSpan;
use crate::doc::{Created, Document, Edit};
use crate::io::recovery;
use crate::model::{Board, EventId, FeelingId, LaneId, ParticipantId, TimeRange};
pub use crate::view::command::{self, Command};
use crate::view::{BoardView, Mode, ViewAction, ViewState};
pub use crate::view::{TimelineGeometry, time_axis};

/// View preferences, kept by eframe between runs (never in the board file).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub theme: crate::theme::Theme,
    /// The size of everything (Ctrl +, Ctrl −, Ctrl 0).
    pub ui_zoom: f32,
    pub anonymous: bool,
    /// The feelings area's share of the board's height, as the splitter left it.
    pub plot_share: Option<f32>,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            theme: crate::theme::Theme::Dark,
            ui_zoom: 1.0,
            anonymous: false,
            plot_share: None,
        }
    }
}

const PREFS_KEY: &str = "retroline_prefs";

/// Which part of the side panel is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) enum SideTab {
    #[default]
    Board,
    Actions,
    /// The agenda, last time's action items and the vote.
    Meeting,
}

/// What a typed path is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PathPurpose {
    Open,
    /// The last retrospective's board, to start the next one from.
    NewFrom,
    /// A Slack export, a PagerDuty log or an events CSV to import into the board.
    Import,
    SaveBoard,
    ExportReport,
    ExportPng,
    Form,
}

/// What to do once the user has decided about unsaved changes.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum AfterDiscard {
    New,
    NewFrom(Option<PathBuf>),
    Open(Option<PathBuf>),
    Close,
}

/// A question the window is asking.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Modal {
    UnsavedChanges(AfterDiscard),
    /// Removing a lane: where its events go (`None`: delete them).
    RemoveLane {
        lane: LaneId,
        move_to: Option<LaneId>,
    },
    /// No file dialog could be shown: the path is typed instead.
    TypePath {
        purpose: PathPurpose,
        text: String,
    },
    /// Removing a participant and their feelings.
    RemoveParticipant(ParticipantId),
    /// The safety statement that opens a retrospective.
    Safety,
    /// Boards autosaved by a session that ended without saving: restore or discard them.
    Restore,
    /// The board's file was changed by someone else since it was opened: overwrite it?
    ChangedOnDisk,
    /// Answers from the offline form, pasted from the chat.
    PasteAnswers(String),
}

/// A board found in a recovery file, offered back at start.
#[derive(Clone, Debug)]
pub(crate) struct RecoveryOffer {
    pub recovered: recovery::Recovered,
    /// The board as its own file holds it, and what that file held, when it can be read.
    pub saved: Option<(Board, crate::doc::DiskStamp)>,
    /// Why its own file could not be read, when it could not.
    pub unreadable: Option<String>,
    /// When its own file was last written, as text.
    pub saved_at: Option<String>,
    /// What the recovered board has that its file has not.
    pub changes: Vec<String>,
}

/// Fields of the side panel and of present mode that live only while the window is open.
#[derive(Default)]
pub(crate) struct PanelState {
    /// Whose votes the Meeting tab shows and changes.
    pub voter: Option<ParticipantId>,
    /// The name typed for the next participant.
    pub new_participant: String,
    /// Give this participant's feeling slider the keyboard focus (their feeling was just set).
    pub focus_slider: Option<ParticipantId>,
    /// The picked feeling's time as typed.
    pub feeling_time_text: (Option<FeelingId>, String),
    pub side_tab: SideTab,
    /// Put the cursor in this action item's text next frame.
    pub focus_action: Option<crate::model::ActionId>,
    /// The selected event's time as typed, and why it was refused.
    pub time_text: (Option<EventId>, String),
    pub time_error: Option<String>,
    /// Put the cursor in the selected event's title next frame.
    pub focus_title: bool,
    /// Where the presenter is among the stops.
    pub stop_index: Option<usize>,
    pub zoom_before_presenting: f32,
    /// The enlargement present mode applied.
    pub present_zoom: f32,
    /// Everyone's feelings typed in turn at an event, when under way.
    pub typing: Option<typing::Typing>,
}

/// The application: the open document and everything about how it is shown.
pub struct RetrolineApp {
    doc: Document,
    view: ViewState,
    panel: PanelState,
    /// The look: light, dark or projector.
    theme: crate::theme::Theme,
    /// The UI zoom the user chose, apart from present mode's enlargement.
    ui_zoom: f32,
    modal: Option<Modal>,
    allow_close: bool,
    dialogs: Box<dyn Dialogs>,
    shown_title: String,
    /// What the user asked for this frame, applied after drawing.
    actions: Vec<ViewAction>,
    /// Autosave to a recovery file; `None` where there is no data folder to keep one in.
    autosave: Option<Autosave>,
    /// Boards from recovery files, offered in [`Modal::Restore`].
    recovery_offers: Vec<RecoveryOffer>,
    notifications: Notifications,
    /// When the process started, to log how soon the first frame was drawn.
    started: Option<Instant>,
    /// The feelings round under way, with its participant server.
    invite: Option<invite::Invite>,
    /// Where the participant server listens, when not on every address.
    invite_bind: Option<std::net::SocketAddr>,
    /// Watches the board's file for changes made elsewhere, off the window's thread.
    file_watch: Option<files::FileWatch>,
    /// How the real window was set up; `None` in tests and offscreen.
    window: Option<WindowSetup>,
    /// Input held back for the next frame (see [`RetrolineApp::pace_input`]).
    held_input: Vec<egui::Event>,
    /// What time it is: the computer's clock, or a test's.
    clock: Clock,
    /// An import being looked at before it is merged.
    import_preview: Option<Box<import::ImportPreview>>,
}

/// Where the window reads the time from.
pub type Clock = std::rc::Rc<dyn Fn() -> crate::model::Moment>;

/// How the real window draws.
pub(crate) struct WindowSetup {
    /// The renderer in use, and why.
    pub renderer: String,
    /// The renderer chosen in the View menu, from the next start.
    pub saved: renderer::Choice,
    /// Where that choice is kept.
    pub setting: Option<PathBuf>,
    /// The theme's panel colour, which the window is cleared to instead of filling the panels.
    pub panel_colour: egui::Color32,
}

impl RetrolineApp {
    /// A window on `board`, which was read from `path` (if any), using the desktop's dialogs.
    pub fn new(board: Board, path: Option<PathBuf>) -> Self {
        Self::with_dialogs(board, path, Box::new(NativeDialogs))
    }

    /// A window on `board` that asks for files through `dialogs`.
    pub fn with_dialogs(board: Board, path: Option<PathBuf>, dialogs: Box<dyn Dialogs>) -> Self {
        Self::on_document(Document::new(board, path, None), dialogs)
    }

    fn on_document(doc: Document, dialogs: Box<dyn Dialogs>) -> Self {
        Self {
            doc,
            view: ViewState::new(Mode::Window),
            panel: PanelState {
                zoom_before_presenting: 1.0,
                present_zoom: 1.0,
                ..PanelState::default()
            },
            theme: crate::theme::Theme::Dark,
            ui_zoom: 1.0,
            modal: None,
            allow_close: false,
            dialogs,
            shown_title: String::new(),
            actions: Vec::new(),
            autosave: None,
            recovery_offers: Vec::new(),
            notifications: Notifications::default(),
            started: None,
            invite: None,
            invite_bind: None,
            window: None,
            held_input: Vec::new(),
            clock: std::rc::Rc::new(crate::model::Moment::now),
            import_preview: None,
            file_watch: None,
        }
    }

    /// The window as `retroline [BOARD.ron]` starts it: on `path` (or a new board), autosaving
    /// to recovery files in `recovery_dir`, and offering back what a session that ended without
    /// saving left there.
    pub fn start(path: Option<PathBuf>, recovery_dir: Option<PathBuf>) -> Self {
        let mut app = Self::new(new_board(), None);
        if let Some(dir) = recovery_dir {
            app.autosave = Some(Autosave::new(dir, autosave::AUTOSAVE_DELAY));
        }
        match path {
            Some(path) => app.open(&path),
            None => app.show_safety_opening(),
        }
        app.offer_recovery();
        app
    }

    /// Logs how soon after `started` the first frame is drawn.
    pub fn log_first_frame_since(&mut self, started: Instant) {
        self.started = Some(started);
    }

    /// Autosaves to recovery files in `dir`, `delay` after a change.
    pub fn set_recovery_dir(&mut self, dir: PathBuf, delay: std::time::Duration) {
        self.autosave = Some(Autosave::new(dir, delay));
    }

    /// The recovery file the board on screen is autosaved to, once it has been.
    pub fn recovery_file(&self) -> Option<&Path> {
        self.autosave.as_ref().and_then(|a| a.file.as_deref())
    }

    /// A window that starts by opening `path`; if that fails, an empty board and the error.
    /// A new board starts with the safety opening.
    pub fn open_at_start(path: Option<PathBuf>) -> Self {
        let mut app = Self::new(new_board(), None);
        match path {
            Some(path) => app.open(&path),
            None => app.show_safety_opening(),
        }
        app
    }

    /// The view preferences to keep between runs.
    pub fn prefs(&self) -> Prefs {
        Prefs {
            theme: self.theme,
            ui_zoom: self.ui_zoom,
            anonymous: self.view.anonymous,
            plot_share: self.view.plot_share(),
        }
    }

    /// Applies remembered view preferences.
    pub fn apply_prefs(&mut self, ctx: &egui::Context, prefs: Prefs) {
        self.set_theme(ctx, prefs.theme);
        self.view.anonymous = prefs.anonymous;
        self.view.set_plot_share(prefs.plot_share);
        if prefs.ui_zoom.is_finite() && (0.3..=5.0).contains(&prefs.ui_zoom) {
            self.ui_zoom = prefs.ui_zoom;
            ctx.set_zoom_factor(prefs.ui_zoom);
        }
    }

    pub fn theme(&self) -> crate::theme::Theme {
        self.theme
    }

    pub fn is_anonymous(&self) -> bool {
        self.view.anonymous
    }

    pub(crate) fn set_theme(&mut self, ctx: &egui::Context, theme: crate::theme::Theme) {
        self.theme = theme;
        theme.apply(ctx);
        self.clear_panels(ctx);
    }

    /// In the real window the panels are not filled: the frame is cleared to their colour
    /// instead ([`eframe::App::clear_color`]), which looks the same and shades every pixel once
    /// less, a large share of a frame where the CPU draws it.
    fn clear_panels(&mut self, ctx: &egui::Context) {
        if let Some(window) = &mut self.window {
            let mut visuals = ctx.global_style().visuals.clone();
            if visuals.panel_fill != egui::Color32::TRANSPARENT {
                window.panel_colour = visuals.panel_fill;
            }
            visuals.panel_fill = egui::Color32::TRANSPARENT;
            ctx.set_visuals(visuals);
        }
    }

    /// Fits the view to the whole board when it is next drawn.
    pub fn fit_to_board(&mut self) {
        self.view.fit_requested = true;
    }

    /// Shows `start..end` (Unix seconds) instead of fitting the board.
    pub fn show_time(&mut self, start: f64, end: f64) {
        if start.is_finite() && end.is_finite() && end > start {
            self.view.time_view = Some(time_axis::TimeView { start, end });
            self.view.fit_requested = false;
        }
    }

    /// How a participant is shown: their name, or "Participant N" in anonymous mode.
    pub fn shown_name(&self, id: ParticipantId) -> String {
        crate::view::shown_name(self.doc.board(), self.view.anonymous, id)
    }

    /// Shows the safety statement; "Begin" records in the board when it was shown.
    pub fn show_safety_opening(&mut self) {
        self.modal = Some(Modal::Safety);
    }

    pub fn board(&self) -> &Board {
        self.doc.board()
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }

    pub fn path(&self) -> Option<&Path> {
        self.doc.path()
    }

    /// The latest error not yet dismissed.
    pub fn error(&self) -> Option<&str> {
        self.notifications.latest_error()
    }

    /// Every error not yet dismissed, oldest first.
    pub fn errors(&self) -> Vec<&str> {
        self.notifications.errors().collect()
    }

    pub fn selected(&self) -> Option<EventId> {
        self.view.selected
    }

    pub fn selected_feeling(&self) -> Option<FeelingId> {
        self.view.selected_feeling
    }

    pub fn active_participant(&self) -> Option<ParticipantId> {
        self.view.active_participant
    }

    pub fn spans(&self) -> &[DivergenceSpan] {
        &self.doc.derived().spans
    }

    /// Where things were drawn in the last frame.
    pub fn geometry(&self) -> Option<&TimelineGeometry> {
        self.view.geometry.as_ref()
    }

    /// Whether the board differs from its file.
    pub fn has_unsaved_changes(&self) -> bool {
        self.doc.board() != self.doc.saved_board()
    }

    pub fn can_undo(&self) -> bool {
        self.doc.history().can_undo()
    }

    /// Asks for `command` to run at the end of the next frame, as if its menu item was chosen.
    pub fn request(&mut self, command: Command) {
        self.actions.push(ViewAction::Command(command));
    }

    /// The UTC offset the board is shown in: that of its start, or UTC.
    pub fn display_offset(&self) -> jiff::tz::Offset {
        self.doc.derived().offset
    }

    /// How the board's dates are written: in [`Self::display_offset`], with the year when the
    /// board is not in the current year.
    pub(crate) fn dates(&self) -> crate::model::time::format::BoardDates {
        crate::view::board_dates(self.display_offset(), self.board_range(), self.view.today)
    }

    /// Takes `today` as the current date for showing dates (with or without the year) instead
    /// of the clock's, so that what a test sees does not change with the year it runs in.
    pub fn set_today(&mut self, today: jiff::civil::Date) {
        self.view.today = Some(today);
    }

    /// The board's time range.
    pub(crate) fn board_range(&self) -> Option<TimeRange> {
        self.doc.derived().range
    }

    /// Asks for `edit` as the user's next step, applied at the end of the frame.
    pub(crate) fn send(&mut self, edit: Edit) {
        self.actions.push(ViewAction::edit(edit));
    }

    /// Asks for `edit` as part of the step under way for `key` (typing into one field).
    pub(crate) fn send_merging(&mut self, edit: Edit, key: egui::Id) {
        self.actions.push(ViewAction::Edit {
            edit,
            merge: Some(key.value()),
        });
    }

    /// Makes `edit` at once, as one undo step; an invalid one is reported and changes nothing.
    pub fn apply_edit(&mut self, edit: Edit) -> bool {
        self.apply_one(edit, None)
    }

    fn apply_one(&mut self, edit: Edit, merge: Option<u64>) -> bool {
        let removal = edit.removes().then(|| edit.describe(self.doc.board()));
        let result = match merge {
            Some(key) => self.doc.apply_merging(edit, key),
            None => self.doc.apply(edit),
        };
        match result {
            Ok(applied) => {
                if merge.is_none() {
                    self.panel.time_text.0 = None;
                }
                match applied.created {
                    Some(Created::Event(id)) => {
                        self.view.selected = Some(id);
                        self.view.selected_feeling = None;
                        self.view.reveal_event = Some(id);
                        self.panel.focus_title = true;
                    }
                    Some(Created::Feeling(id)) => {
                        self.view.selected_feeling = Some(id);
                        self.view.selected = None;
                    }
                    Some(Created::Participant(id)) => self.view.active_participant = Some(id),
                    Some(Created::Action(id)) => {
                        self.panel.side_tab = SideTab::Actions;
                        self.panel.focus_action = Some(id);
                    }
                    Some(Created::Lane(_)) | None => {}
                }
                self.view.forget_missing(self.doc.board());
                if let Some(what) = removal.filter(|_| applied.changed) {
                    // "delete event “Status page updated”" → "Deleted event “Status page updated”"
                    let said = what
                        .strip_prefix("delete ")
                        .map(|rest| format!("Deleted {rest}"))
                        .or_else(|| what.strip_prefix("remove ").map(|r| format!("Removed {r}")))
                        .unwrap_or(what);
                    self.notifications.removed(said);
                }
                applied.changed
            }
            Err(reason) => {
                self.notifications
                    .error(format!("Not changed: {reason}. The board is as it was."));
                false
            }
        }
    }

    /// Applies what the user asked for while the frame was drawn, in order.
    pub(crate) fn apply_actions(&mut self, ctx: &egui::Context) {
        for action in std::mem::take(&mut self.actions) {
            match action {
                ViewAction::Edit { edit, merge } => {
                    self.apply_one(edit, merge);
                }
                ViewAction::Command(command) => self.apply(command, ctx),
                ViewAction::Notify(text) => self.notifications.info(text),
            }
        }
    }

    fn undo(&mut self) {
        match self.doc.undo() {
            Some(what) => self.notifications.info(format!("Undid {what}")),
            None => self.notifications.info("Nothing to undo".to_owned()),
        }
        self.after_history_step();
    }

    fn redo(&mut self) {
        match self.doc.redo() {
            Some(what) => self.notifications.info(format!("Redid {what}")),
            None => self.notifications.info("Nothing to redo".to_owned()),
        }
        self.after_history_step();
    }

    fn after_history_step(&mut self) {
        self.panel.time_text.0 = None;
        self.view.forget_missing(self.doc.board());
    }

    fn window_title(&mut self) -> String {
        let name = self.doc.path().map_or_else(
            || "untitled".to_owned(),
            |path| {
                path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                )
            },
        );
        let mark = if self.doc.is_unsaved() { "*" } else { "" };
        format!("{mark}{name} — retroline")
    }

    /// The board drawn in the central panel, through the view.
    fn board_view_ui(&mut self, ui: &mut egui::Ui) {
        self.view.modal_open = self.modal.is_some() || self.import_preview.is_some();
        let mut view = BoardView {
            board: self.doc.board(),
            derived: self.doc.derived(),
            state: &mut self.view,
            actions: &mut self.actions,
        };
        view.timeline_ui(ui);
    }

    /// The background work of a frame, which also runs while the window is hidden: dropped
    /// files, close requests, autosave and the window title. Draws nothing.
    pub fn logic_tick(&mut self, ctx: &egui::Context) {
        self.round_tick();
        self.watch_file(ctx);
        self.dropped_files(ctx);
        self.close_request(ctx);
        self.autosave_tick(ctx);
        let title = self.window_title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    /// One frame of the whole window: what [`eframe::App::ui`] draws.
    pub fn window_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        // Typing that has ended (its field lost the focus) is a step of its own, before whatever
        // the user does next.
        if !self.interacting(&ctx) {
            self.doc.seal();
        }
        self.shortcuts(&ctx);
        let modal_before = self.modal.is_some();
        let typing_before = crate::view::keys_go_elsewhere(&ctx);

        if self.view.is_presenting() {
            self.present_header_ui(ui);
            self.phase_bar_ui(ui);
        } else {
            self.menu_bar_ui(ui);
            self.header_ui(ui);
            self.phase_bar_ui(ui);
            self.status_bar_ui(ui);
            self.details_panel_ui(ui);
        }
        egui::CentralPanel::default().show(ui, |ui| self.board_view_ui(ui));
        self.modal_ui(&ctx);
        self.import_preview_ui(&ctx);
        self.big_code_ui(&ctx);
        ui::focus_ring(&ctx);
        if modal_before && self.modal.is_none() {
            // The question is answered: keys go back to the board.
            self.view.focus_requested = true;
            ctx.request_repaint();
        }
        if typing_before
            && ctx.memory(|m| m.focused().is_none())
            && ctx.input(|i| i.key_pressed(egui::Key::Enter))
        {
            // Enter finished a field: the next keys are for the board (Insert adds another
            // event, `]` goes on).
            self.view.focus_requested = true;
            ctx.request_repaint();
        }

        let revision = self.doc.revision();
        self.apply_actions(&ctx);
        // A drag whose button was released where nothing handled it ends without a drop.
        if self.view.drag.is_some() && !ctx.input(|i| i.pointer.any_down()) {
            self.view.drag = None;
        }
        if !self.interacting(&ctx) {
            self.doc.seal();
        }
        self.ui_zoom = if self.view.is_presenting() {
            ctx.zoom_factor() / self.panel.present_zoom
        } else {
            ctx.zoom_factor()
        };
        if self.doc.revision() != revision {
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
        if !self.held_input.is_empty() {
            let mut events = std::mem::take(&mut self.held_input);
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
                self.held_input = raw_input.events.split_off(at);
                true
            }
            None => false,
        }
    }

    /// Typing, dragging or holding a control such as a colour picker: not finished yet.
    fn interacting(&self, ctx: &egui::Context) -> bool {
        self.view.drag.is_some()
            || crate::view::keys_go_elsewhere(ctx)
            || ctx.dragged_id().is_some()
            || ctx.input(|i| i.pointer.any_down())
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
        match &self.window {
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
        if self.window.is_some() {
            let smooth = self.view.smooth_edges;
            ui.ctx().tessellation_options_mut(|o| o.feathering = smooth);
        }
        if let Some(started) = self.started.take() {
            log::info!(
                "first frame drawn {} ms after start",
                started.elapsed().as_millis()
            );
        }
    }
}

/// An empty board in this computer's UTC offset, for the user to fill in.
pub(crate) fn new_board() -> Board {
    let mut board = Board::default();
    board.settings.utc_offset_seconds = Some(crate::model::time::format::local_offset().seconds());
    board
}

/// Opens the window on `path` (if given) and runs until it is closed. `started` is when the
/// process started, for the log.
pub fn run_window(path: Option<PathBuf>, started: Instant) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("retroline")
            .with_inner_size([1600.0, 900.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
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
            app.window = Some(WindowSetup {
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
