//! The window: a timeline the facilitator builds by dragging events onto lanes.
//!
//! Drawing collects [`Command`]s, applied once at the end of the frame. Every change to the board
//! marks it edited; when no drag is under way and no text is being typed, the change becomes one
//! undo step.

pub mod autosave;
pub mod command;
pub mod dialogs;
pub mod history;
pub mod present;
pub mod time_axis;
mod ui;

use std::path::{Path, PathBuf};

use eframe::egui;
use jiff::civil::Date;
use jiff::tz::Offset;

use self::autosave::{Autosave, DiskStamp};
use self::command::Command;
use self::dialogs::{Answer, Dialogs, NativeDialogs};
use self::history::History;
use self::time_axis::TimeView;
use crate::analysis::{DivergenceSpan, divergences};
use crate::io::{board_file, recovery};
use crate::model::time::format::{self, BoardDates};
use crate::model::{Board, EventId, FeelingId, LaneId, Moment, ParticipantId, TimeRange};

pub use self::ui::timeline_ui::TimelineGeometry;

/// A drag under way on the timeline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum DragKind {
    /// A new card dragged from the tray.
    NewCard,
    /// An existing card; `grab_dx` is where it was grabbed, from its left edge.
    Move { id: EventId, grab_dx: f32 },
    /// A feeling's point in the plot.
    Feeling { id: FeelingId },
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Drag {
    pub kind: DragKind,
}

/// View preferences, kept by eframe between runs (never in the board file).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub theme: crate::theme::Theme,
    /// The size of everything (Ctrl +, Ctrl −, Ctrl 0).
    pub ui_zoom: f32,
    pub anonymous: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            theme: crate::theme::Theme::Dark,
            ui_zoom: 1.0,
            anonymous: false,
        }
    }
}

const PREFS_KEY: &str = "retroline_prefs";

/// Which part of the side panel is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum SideTab {
    Board,
    Actions,
}

/// What a typed path is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PathPurpose {
    Open,
    SaveBoard,
    ExportReport,
    ExportPng,
}

/// What to do once the user has decided about unsaved changes.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum AfterDiscard {
    New,
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
}

/// How often a failed autosave is tried again.
const AUTOSAVE_RETRY: std::time::Duration = std::time::Duration::from_secs(5);

/// A board found in a recovery file, offered back at start.
#[derive(Clone, Debug)]
pub(crate) struct RecoveryOffer {
    pub recovered: recovery::Recovered,
    /// The board as its own file holds it, and what that file held, when it can be read.
    pub saved: Option<(Board, DiskStamp)>,
    /// When its own file was last written, as text.
    pub saved_at: Option<String>,
    /// What the recovered board has that its file has not.
    pub changes: Vec<String>,
}

/// The application: the open board and everything about how it is shown.
pub struct RetrolineApp {
    board: Board,
    path: Option<PathBuf>,
    /// The board as it is in its file, to tell unsaved changes.
    saved: Board,
    history: History,
    /// The board changed since the last undo step.
    edited: bool,
    /// Divergence spans of `board`, recomputed only when the board changes.
    spans: Vec<DivergenceSpan>,
    /// The last thing that went wrong, shown until dismissed.
    error: Option<String>,
    /// The last thing that went right ("Saved …").
    status: Option<String>,
    view: Option<TimeView>,
    /// Fit the view to the board when the timeline is next drawn.
    fit_requested: bool,
    selected: Option<EventId>,
    /// The feeling picked in the plot.
    selected_feeling: Option<FeelingId>,
    /// Whose feelings a click in the plot adds.
    active_participant: Option<ParticipantId>,
    /// Emotion words are written next to every point, not only on hover.
    show_emotions: bool,
    /// The plot's background is being dragged to pan.
    plot_panning: bool,
    /// The feeling a context menu was opened on.
    context_feeling: Option<FeelingId>,
    /// The name typed for the next participant.
    new_participant: String,
    /// The picked feeling's time as typed.
    feeling_time_text: (Option<FeelingId>, String),
    side_tab: SideTab,
    /// Drawing a picture for export: no editing chrome, no pointer.
    picture: bool,
    /// Participants are shown as "Participant N"; the board keeps their names.
    anonymous: bool,
    /// Present mode: fullscreen, no editing chrome, arrow keys step through the board.
    presenting: bool,
    /// Where the presenter is among [`Self::stops`].
    stop_index: Option<usize>,
    /// The divergence span the presenter stepped to.
    highlight_span: Option<usize>,
    zoom_before_presenting: f32,
    /// The enlargement present mode applied.
    present_zoom: f32,
    /// The look: light, dark or projector.
    theme: crate::theme::Theme,
    /// The UI zoom the user chose, apart from present mode's enlargement.
    ui_zoom: f32,
    /// Put the cursor in this action item's text next frame.
    focus_action: Option<crate::model::ActionId>,
    /// How far the lanes are scrolled down, in points, when they do not all fit.
    lane_scroll: f32,
    /// Scroll the lanes to show this event's card when they are next drawn.
    reveal_event: Option<EventId>,
    pub(crate) drag: Option<Drag>,
    /// The new card from the tray was released this frame.
    pub(crate) tray_dropped: bool,
    geometry: Option<TimelineGeometry>,
    /// The selected event's time as typed, and why it was refused.
    time_text: (Option<EventId>, String),
    time_error: Option<String>,
    focus_title: bool,
    modal: Option<Modal>,
    allow_close: bool,
    dialogs: Box<dyn Dialogs>,
    shown_title: String,
    commands: Vec<Command>,
    /// Autosave to a recovery file; `None` where there is no data folder to keep one in.
    autosave: Option<Autosave>,
    /// What the board's file held when it was opened or saved.
    disk_stamp: Option<DiskStamp>,
    /// Boards from recovery files, offered in [`Modal::Restore`].
    recovery_offers: Vec<RecoveryOffer>,
    first_frame_logged: bool,
    /// The board's time range, worked out once per frame (it looks at every event and feeling).
    frame_range: Option<Option<TimeRange>>,
    /// Whether the board differs from its file, as of the end of the last frame.
    unsaved: bool,
    /// Goes up with every edit, undo and redo: comparing whole boards (milliseconds on a large
    /// one) is only needed when it moved or the user did something.
    revision: u64,
    /// The revision `unsaved` and the autosave were last worked out for.
    checked_revision: u64,
    /// The feelings and θ the divergence spans were last found for.
    spans_input: (Vec<crate::model::Feeling>, f64),
    /// The date that decides whether dates show their year; `None` reads the clock.
    today: Option<Date>,
}

impl RetrolineApp {
    /// A window on `board`, which was read from `path` (if any), using the desktop's dialogs.
    pub fn new(board: Board, path: Option<PathBuf>) -> Self {
        Self::with_dialogs(board, path, Box::new(NativeDialogs))
    }

    /// A window on `board` that asks for files through `dialogs`.
    pub fn with_dialogs(board: Board, path: Option<PathBuf>, dialogs: Box<dyn Dialogs>) -> Self {
        let spans = divergences(&board, board.settings.neutral_band);
        let spans_input = (board.feelings.clone(), board.settings.neutral_band);
        Self {
            history: History::new(&board),
            saved: board.clone(),
            board,
            path,
            edited: false,
            spans,
            error: None,
            status: None,
            view: None,
            fit_requested: true,
            selected: None,
            selected_feeling: None,
            active_participant: None,
            show_emotions: false,
            plot_panning: false,
            context_feeling: None,
            new_participant: String::new(),
            feeling_time_text: (None, String::new()),
            side_tab: SideTab::Board,
            picture: false,
            anonymous: false,
            presenting: false,
            stop_index: None,
            highlight_span: None,
            zoom_before_presenting: 1.0,
            present_zoom: 1.0,
            theme: crate::theme::Theme::Dark,
            ui_zoom: 1.0,
            focus_action: None,
            lane_scroll: 0.0,
            reveal_event: None,
            drag: None,
            tray_dropped: false,
            geometry: None,
            time_text: (None, String::new()),
            time_error: None,
            focus_title: false,
            modal: None,
            allow_close: false,
            dialogs,
            shown_title: String::new(),
            commands: Vec::new(),
            autosave: None,
            disk_stamp: None,
            recovery_offers: Vec::new(),
            first_frame_logged: false,
            frame_range: None,
            unsaved: false,
            revision: 0,
            checked_revision: u64::MAX,
            spans_input,
            today: None,
        }
    }

    /// The window as `retroline [BOARD.ron]` starts it: on `path` (or a new board), autosaving
    /// to recovery files in `recovery_dir`, and offering back what a session that ended without
    /// saving left there.
    pub fn start(path: Option<PathBuf>, recovery_dir: Option<PathBuf>) -> Self {
        let mut app = Self::new(Board::default(), None);
        if let Some(dir) = recovery_dir {
            app.autosave = Some(Autosave::new(dir, autosave::AUTOSAVE_DELAY, &app.board));
        }
        match path {
            Some(path) => app.open(&path),
            None => app.show_safety_opening(),
        }
        app.offer_recovery();
        app
    }

    /// Autosaves to recovery files in `dir`, `delay` after a change.
    pub fn set_recovery_dir(&mut self, dir: PathBuf, delay: std::time::Duration) {
        self.autosave = Some(Autosave::new(dir, delay, &self.board));
    }

    /// The recovery file the board on screen is autosaved to, once it has been.
    pub fn recovery_file(&self) -> Option<&Path> {
        self.autosave.as_ref().and_then(|a| a.file.as_deref())
    }

    /// Looks for recovery files: those of the open board's file, or every one when the board has
    /// no file. Recovery files that hold nothing newer than their board's file are removed.
    pub fn offer_recovery(&mut self) {
        let Some(dir) = self.autosave.as_ref().map(|a| a.dir.clone()) else {
            return;
        };
        let (found, errors) = recovery::scan(&dir);
        if let Some(err) = errors.first() {
            for err in &errors {
                log::warn!("{err}");
            }
            self.error = Some(format!(
                "{err}. This recovery file is left where it is and nothing was restored from it."
            ));
        }
        let own = self
            .path
            .as_deref()
            .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.to_owned()));
        let mut offers = Vec::new();
        for recovered in found {
            if own.is_some() && recovered.board_path != own {
                continue;
            }
            let saved = recovered
                .board_path
                .as_deref()
                .and_then(|p| board_file::load_with_bytes(p).ok())
                .map(|(board, bytes)| (board, DiskStamp::of_bytes(&bytes)));
            let changes = recovery::changes(saved.as_ref().map(|(b, _)| b), &recovered.board);
            if changes.is_empty() && saved.is_some() {
                // Its file already holds all of it.
                if let Err(err) = recovery::remove(&recovered.recovery_path) {
                    log::warn!("{err}");
                }
                continue;
            }
            let saved_at = recovered
                .board_path
                .as_deref()
                .and_then(|p| std::fs::metadata(p).ok())
                .and_then(|m| m.modified().ok())
                .and_then(|t| jiff::Timestamp::try_from(t).ok())
                .map(|t| format::utc_text(Moment::from_timestamp(t, Offset::UTC)));
            offers.push(RecoveryOffer {
                recovered,
                saved,
                saved_at,
                changes,
            });
        }
        if !offers.is_empty() {
            self.recovery_offers = offers;
            self.modal = Some(Modal::Restore);
        }
    }

    /// Puts the board of recovery offer `index` on screen, as unsaved changes to its own file:
    /// one undo step goes back to what the file holds.
    pub(crate) fn restore(&mut self, index: usize) {
        if index >= self.recovery_offers.len() {
            return;
        }
        let offer = self.recovery_offers.remove(index);
        let recovered = offer.recovered;
        let (base, stamp) = match offer.saved {
            Some((board, stamp)) => (board, Some(stamp)),
            None => (Board::default(), None),
        };
        self.replace_board(base, recovered.board_path.clone(), stamp);
        if let Some(auto) = self.autosave.as_mut() {
            auto.file = Some(recovered.recovery_path.clone());
            auto.written = recovered.board.clone();
        }
        self.begin_action();
        self.board = recovered.board;
        self.end_action();
        self.fit_requested = true;
        self.modal = None;
        self.status = Some(format!(
            "Restored the board autosaved at {}; save it to keep it.",
            format::utc_text(recovered.written_at)
        ));
    }

    /// Deletes the recovery file of offer `index`.
    pub(crate) fn discard_recovery(&mut self, index: usize) {
        if index >= self.recovery_offers.len() {
            return;
        }
        let offer = self.recovery_offers.remove(index);
        if let Err(err) = recovery::remove(&offer.recovered.recovery_path) {
            self.error = Some(err.to_string());
        }
        if self.recovery_offers.is_empty() {
            self.modal = None;
        }
    }

    /// Replaces the board and everything about it, keeping the window's settings and dialogs.
    /// The old board's recovery file goes: its changes were saved or discarded. `stamp` is what
    /// the board's file held, when it was just read.
    fn replace_board(&mut self, board: Board, path: Option<PathBuf>, stamp: Option<DiskStamp>) {
        let dialogs = std::mem::replace(&mut self.dialogs, Box::new(NativeDialogs));
        let autosave = self.autosave.take();
        let offers = std::mem::take(&mut self.recovery_offers);
        let (theme, ui_zoom, anonymous) = (self.theme, self.ui_zoom, self.anonymous);
        *self = Self::with_dialogs(board, path, dialogs);
        (self.theme, self.ui_zoom, self.anonymous) = (theme, ui_zoom, anonymous);
        self.recovery_offers = offers;
        if let Some(mut autosave) = autosave {
            if let Err(err) = autosave.forget(&self.board) {
                self.error = Some(err);
            }
            self.autosave = Some(autosave);
        }
        self.disk_stamp = stamp;
    }

    /// Writes the recovery file when the board has changes its file lacks and they are old
    /// enough; removes it when there are none.
    fn autosave_tick(&mut self, ctx: &egui::Context, board_may_have_changed: bool) {
        let Some(auto) = self.autosave.as_mut() else {
            return;
        };
        if !board_may_have_changed && auto.dirty_since.is_none() {
            return;
        }
        if !self.unsaved {
            // Back to what its file holds (saved, or undone): nothing to recover.
            if auto.file.is_some()
                && let Err(err) = auto.forget(&self.board)
            {
                self.error = Some(err);
            }
            auto.dirty_since = None;
            return;
        }
        if self.board == auto.written {
            auto.dirty_since = None;
            return;
        }
        let now = std::time::Instant::now();
        let due = *auto.dirty_since.get_or_insert(now) + auto.delay;
        if now < due {
            ctx.request_repaint_after(due - now);
            return;
        }
        if let Err(err) = auto.write(self.path.as_deref(), &self.board) {
            log::warn!("autosave: {err}");
            if auto.failure.as_ref() != Some(&err) {
                self.error = Some(format!(
                    "Autosave failed: {err}. The board is still here; save it with Ctrl+S."
                ));
                auto.failure = Some(err);
            }
            // Try again now and then, without spinning.
            ctx.request_repaint_after(auto.delay.max(AUTOSAVE_RETRY));
        }
    }

    /// A window that starts by opening `path`; if that fails, an empty board and the error.
    /// A new board starts with the safety opening.
    pub fn open_at_start(path: Option<PathBuf>) -> Self {
        let mut app = Self::new(Board::default(), None);
        match path {
            Some(path) => app.open(&path),
            None => app.show_safety_opening(),
        }
        app
    }

    /// An app that only draws `board` as a picture (see [`Self::picture_ui`]).
    pub fn for_picture(board: Board, anonymous: bool) -> Self {
        let mut app = Self::new(board, None);
        app.picture = true;
        app.anonymous = anonymous;
        app
    }

    /// The view preferences to keep between runs.
    pub fn prefs(&self) -> Prefs {
        Prefs {
            theme: self.theme,
            ui_zoom: self.ui_zoom,
            anonymous: self.anonymous,
        }
    }

    /// Applies remembered view preferences.
    pub fn apply_prefs(&mut self, ctx: &egui::Context, prefs: Prefs) {
        self.set_theme(ctx, prefs.theme);
        self.anonymous = prefs.anonymous;
        if prefs.ui_zoom.is_finite() && (0.3..=5.0).contains(&prefs.ui_zoom) {
            self.ui_zoom = prefs.ui_zoom;
            ctx.set_zoom_factor(prefs.ui_zoom);
        }
    }

    pub fn theme(&self) -> crate::theme::Theme {
        self.theme
    }

    pub fn is_anonymous(&self) -> bool {
        self.anonymous
    }

    pub(crate) fn set_theme(&mut self, ctx: &egui::Context, theme: crate::theme::Theme) {
        self.theme = theme;
        theme.apply(ctx);
    }

    /// Fits the view to the whole board when it is next drawn.
    pub fn fit_to_board(&mut self) {
        self.fit_requested = true;
    }

    /// Shows `start..end` (Unix seconds) instead of fitting the board.
    pub fn show_time(&mut self, start: f64, end: f64) {
        if start.is_finite() && end.is_finite() && end > start {
            self.view = Some(TimeView { start, end });
            self.fit_requested = false;
        }
    }

    /// How a participant is shown: their name, or "Participant N" in anonymous mode.
    pub fn shown_name(&self, id: ParticipantId) -> String {
        let index = self.board.participants.iter().position(|p| p.id == id);
        match (index, self.anonymous) {
            (Some(i), true) => format!("Participant {}", i + 1),
            (Some(i), false) => self.board.participants[i].name.clone(),
            (None, _) => String::new(),
        }
    }

    /// Shows the safety statement; "Begin" records in the board when it was shown.
    pub fn show_safety_opening(&mut self) {
        self.modal = Some(Modal::Safety);
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

    pub fn selected(&self) -> Option<EventId> {
        self.selected
    }

    pub fn selected_feeling(&self) -> Option<FeelingId> {
        self.selected_feeling
    }

    pub fn active_participant(&self) -> Option<ParticipantId> {
        self.active_participant
    }

    pub fn spans(&self) -> &[DivergenceSpan] {
        &self.spans
    }

    /// Where things were drawn in the last frame.
    pub fn geometry(&self) -> Option<&TimelineGeometry> {
        self.geometry.as_ref()
    }

    /// Whether the board differs from its file.
    pub fn has_unsaved_changes(&self) -> bool {
        self.board != self.saved
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo() || self.edited
    }

    /// Asks for `command` to run at the end of the next frame, as if its menu item was chosen.
    pub fn request(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// The UTC offset the board is shown in: that of its start, or UTC.
    pub fn display_offset(&self) -> Offset {
        format::board_offset(self.board_range())
    }

    /// How the board's dates are written: in [`Self::display_offset`], with the year when the
    /// board is not in the current year.
    pub(crate) fn dates(&self) -> BoardDates {
        let range = self.board_range();
        match self.today {
            Some(today) => BoardDates::new(range, today),
            None => BoardDates::today(range),
        }
    }

    /// Takes `today` as the current date for showing dates (with or without the year) instead
    /// of the clock's, so that what a test sees does not change with the year it runs in.
    pub fn set_today(&mut self, today: Date) {
        self.today = Some(today);
    }

    /// The board's time range: as worked out at the start of this frame while one is drawn.
    pub(crate) fn board_range(&self) -> Option<TimeRange> {
        self.frame_range.unwrap_or_else(|| self.board.time_range())
    }

    /// Opens a board file. On failure the current board stays and the error is shown.
    pub fn open(&mut self, path: &Path) {
        match board_file::load_with_bytes(path) {
            Ok((board, bytes)) => {
                let stamp = DiskStamp::of_bytes(&bytes);
                self.replace_board(board, Some(path.to_owned()), Some(stamp));
                self.status = Some(format!("Opened {}", path.display()));
            }
            Err(err) => {
                log::warn!("{err}");
                self.error = Some(format!("{err}. The board on screen is unchanged."));
            }
        }
    }

    fn new_board(&mut self) {
        self.replace_board(Board::default(), None, None);
        self.show_safety_opening();
    }

    /// Saves to the board's file, or asks where. Returns whether the board is now saved.
    fn save(&mut self, ask_where: bool) -> bool {
        self.commit();
        let path = match (&self.path, ask_where) {
            (Some(path), false) => {
                if self.changed_on_disk(path) {
                    self.modal = Some(Modal::ChangedOnDisk);
                    return false;
                }
                path.clone()
            }
            _ => {
                let suggested = format!("{}.ron", file_stem_for(&self.board.title));
                match self.dialogs.save_board(&suggested) {
                    Answer::Chosen(path) => path,
                    Answer::Cancelled => return false,
                    Answer::Unavailable => {
                        self.modal = Some(Modal::TypePath {
                            purpose: PathPurpose::SaveBoard,
                            text: suggested_path(&suggested),
                        });
                        return false;
                    }
                }
            }
        };
        self.save_to(&path)
    }

    /// Whether the file at `path`, the board's own, holds something else than when it was
    /// opened or saved here. A file that is gone has nothing to lose.
    fn changed_on_disk(&self, path: &Path) -> bool {
        match (self.disk_stamp, DiskStamp::of_file(path)) {
            (Some(then), Some(now)) => then != now,
            _ => false,
        }
    }

    /// Saves to `path` and makes it the board's file. Returns whether it worked.
    pub(crate) fn save_to(&mut self, path: &Path) -> bool {
        let path = path.to_owned();
        match board_file::save(&path, &self.board) {
            Ok(text) => {
                self.saved = self.board.clone();
                self.revision += 1;
                self.status = Some(format!("Saved {}", path.display()));
                self.disk_stamp = Some(DiskStamp::of_bytes(text.as_bytes()));
                self.path = Some(path);
                if let Some(auto) = self.autosave.as_mut()
                    && let Err(err) = auto.forget(&self.board)
                {
                    self.error = Some(err);
                }
                true
            }
            Err(err) => {
                log::warn!("{err}");
                self.error = Some(format!(
                    "{err}. The board is still here, unsaved; try Save as… elsewhere."
                ));
                false
            }
        }
    }

    /// Marks the board as changed by typing or by a control still in use; the change becomes an
    /// undo step once the text field is left or the control released.
    pub(crate) fn edited(&mut self) {
        self.edited = true;
        self.revision += 1;
    }

    /// Before a discrete action (a drop, a delete): changes still pending, such as text being
    /// typed, become a step of their own so that they are not merged into the action.
    pub(crate) fn begin_action(&mut self) {
        self.commit();
    }

    /// After a discrete action: it becomes one undo step now.
    pub(crate) fn end_action(&mut self) {
        self.edited();
        self.commit();
    }

    /// Makes pending changes one undo step and refreshes what is computed from the board.
    fn commit(&mut self) {
        if self.edited {
            self.edited = false;
            if self.history.commit(&self.board) {
                self.board_changed();
            }
        }
    }

    fn board_changed(&mut self) {
        // Spans depend on the feelings and θ only: moving a card or typing a title keeps them.
        let theta = self.board.settings.neutral_band;
        if self.spans_input.0 != self.board.feelings || self.spans_input.1 != theta {
            self.spans = divergences(&self.board, theta);
            self.spans_input = (self.board.feelings.clone(), theta);
        }
        if let Some(id) = self.selected
            && !self.board.events.iter().any(|e| e.id == id)
        {
            self.selected = None;
        }
        if let Some(id) = self.selected_feeling
            && !self.board.feelings.iter().any(|f| f.id == id)
        {
            self.selected_feeling = None;
        }
        if let Some(id) = self.active_participant
            && self.board.participant(id).is_none()
        {
            self.active_participant = None;
        }
        self.time_text.0 = None;
    }

    fn undo(&mut self) {
        self.revision += 1;
        if self.history.undo(&mut self.board) {
            self.edited = false;
            self.board_changed();
        }
    }

    fn redo(&mut self) {
        self.revision += 1;
        if self.history.redo(&mut self.board) {
            self.edited = false;
            self.board_changed();
        }
    }

    fn delete_selected(&mut self) {
        if let Some(id) = self.selected_feeling {
            self.delete_feeling(id);
        } else if let Some(id) = self.selected.take() {
            self.begin_action();
            let before = self.board.events.len();
            self.board.events.retain(|e| e.id != id);
            if self.board.events.len() != before {
                self.end_action();
            }
        }
    }

    /// Adds an event in `lane` at `t` (Unix seconds), selects it and puts the cursor in its title.
    pub(crate) fn create_event(&mut self, lane: LaneId, t: f64) -> Option<EventId> {
        let time = Moment::from_unix_seconds_f64(t.round(), self.display_offset())?;
        self.begin_action();
        let id = self.board.add_event(time, "New event", lane, "");
        self.end_action();
        self.selected = Some(id);
        self.reveal_event = Some(id);
        self.focus_title = true;
        Some(id)
    }

    /// Picks a feeling: the side panel edits it, Delete removes it.
    pub(crate) fn select_feeling(&mut self, ctx: &egui::Context, id: FeelingId) {
        if self.selected_feeling != Some(id) {
            ctx.memory_mut(|m| {
                if let Some(focused) = m.focused() {
                    m.surrender_focus(focused);
                }
            });
        }
        self.selected_feeling = Some(id);
        self.selected = None;
        if let Some(f) = self.board.feelings.iter().find(|f| f.id == id) {
            self.active_participant = Some(f.participant);
        }
    }

    /// Adds a feeling of `who` at `t` (Unix seconds) with valence `v`, and picks it.
    pub(crate) fn add_feeling_at(
        &mut self,
        who: ParticipantId,
        t: f64,
        v: f64,
    ) -> Option<FeelingId> {
        let time = Moment::from_unix_seconds_f64(t.round(), self.display_offset())?;
        self.begin_action();
        let id = self
            .board
            .add_feeling(who, time, v.clamp(-5.0, 5.0), "", "");
        self.end_action();
        self.selected_feeling = Some(id);
        self.selected = None;
        Some(id)
    }

    /// Moves a feeling to `t` (Unix seconds) and valence `v`.
    pub(crate) fn move_feeling(&mut self, id: FeelingId, t: f64, v: f64) {
        let offset = self.display_offset();
        self.begin_action();
        if let Some(f) = self.board.feelings.iter_mut().find(|f| f.id == id)
            && let Some(time) = Moment::from_unix_seconds_f64(t.round(), f.time.offset())
                .or_else(|| Moment::from_unix_seconds_f64(t.round(), offset))
        {
            let v = v.clamp(-5.0, 5.0);
            if f.time != time || f.valence != v {
                f.time = time;
                f.valence = v;
                self.end_action();
            }
        }
    }

    pub(crate) fn delete_feeling(&mut self, id: FeelingId) {
        self.begin_action();
        let before = self.board.feelings.len();
        self.board.feelings.retain(|f| f.id != id);
        if self.board.feelings.len() != before {
            self.end_action();
        }
        if self.selected_feeling == Some(id) {
            self.selected_feeling = None;
        }
    }

    /// Shows `span` across the whole width, with a margin.
    pub(crate) fn zoom_to_span(&mut self, span: &DivergenceSpan) {
        let (start, end) = (span.start.unix_seconds_f64(), span.end.unix_seconds_f64());
        let width = self.geometry.as_ref().map_or(1200.0, |g| g.axis_width);
        let pad = ((end - start) * 0.25).max(5.0 * 60.0);
        self.view = Some(TimeView::fit_px(start - pad, end + pad, width, 0.0));
    }

    /// Moves an event to `lane` at `t` (Unix seconds).
    pub(crate) fn move_event(&mut self, id: EventId, lane: LaneId, t: f64) {
        let offset = self.display_offset();
        self.begin_action();
        if let Some(event) = self.board.events.iter_mut().find(|e| e.id == id)
            && let Some(time) = Moment::from_unix_seconds_f64(t.round(), event.time.offset())
                .or_else(|| Moment::from_unix_seconds_f64(t.round(), offset))
            && (event.lane != lane || event.time != time)
        {
            event.lane = lane;
            event.time = time;
            self.end_action();
        }
    }

    /// The view, fitted to the board the first time it is needed.
    pub(crate) fn view(&mut self) -> TimeView {
        *self.view.get_or_insert_with(|| fit_view(&self.board))
    }

    fn set_view(&mut self, view: TimeView) {
        self.view = Some(view);
    }

    fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::New | Command::Open if self.has_unsaved_changes() => {
                let then = if command == Command::New {
                    AfterDiscard::New
                } else {
                    AfterDiscard::Open(None)
                };
                self.modal = Some(Modal::UnsavedChanges(then));
            }
            Command::New => self.new_board(),
            Command::Open => self.ask_and_open(),
            Command::Save => {
                self.save(false);
            }
            Command::SaveAs => {
                self.save(true);
            }
            Command::ExportReport => self.ask_and_export_report(),
            // As the window's close button: unsaved changes are asked about first.
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::Present => self.toggle_presenting(ctx),
            Command::Fullscreen => {
                let fullscreen = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(!fullscreen));
            }
            Command::ToggleAnonymous => self.anonymous = !self.anonymous,
            Command::ThemeLight => self.set_theme(ctx, crate::theme::Theme::Light),
            Command::ThemeDark => self.set_theme(ctx, crate::theme::Theme::Dark),
            Command::ThemeProjector => self.set_theme(ctx, crate::theme::Theme::Projector),
            Command::ExportPng => self.ask_and_export_png(ctx),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::DeleteSelected => self.delete_selected(),
            Command::NewEvent => {
                let view = self.view();
                let lane = self
                    .selected
                    .and_then(|id| self.board.events.iter().find(|e| e.id == id))
                    .map(|e| e.lane)
                    .or_else(|| self.board.lanes.first().map(|l| l.id));
                let lane = match lane {
                    Some(lane) => lane,
                    None => self.board.add_lane("Technical"),
                };
                let step = self
                    .geometry
                    .as_ref()
                    .map_or(60.0, |g| time_axis::snap_step(&view, g.axis_width));
                let t = time_axis::snap((view.start + view.end) / 2.0, step, self.display_offset());
                self.create_event(lane, t);
            }
            Command::FitAll => self.fit_requested = true,
            Command::ZoomIn | Command::ZoomOut => {
                let mut view = self.view();
                let factor = if command == Command::ZoomIn {
                    1.5
                } else {
                    1.0 / 1.5
                };
                view.zoom_around((view.start + view.end) / 2.0, factor);
                self.set_view(view);
            }
            Command::AddLane => {
                let n = self.board.lanes.len() + 1;
                self.begin_action();
                self.board.add_lane(format!("Lane {n}"));
                self.end_action();
            }
        }
        ctx.request_repaint();
    }

    /// Asks where to write the Markdown report, then writes it.
    fn ask_and_export_report(&mut self) {
        self.commit();
        let suggested = format!("{}.md", file_stem_for(&self.board.title));
        match self
            .dialogs
            .save_file("Export the report", &suggested, "md")
        {
            Answer::Chosen(path) => self.export_report_to(&path),
            Answer::Cancelled => {}
            Answer::Unavailable => {
                self.modal = Some(Modal::TypePath {
                    purpose: PathPurpose::ExportReport,
                    text: suggested_path(&suggested),
                });
            }
        }
    }

    /// Asks where to write a picture of the board as it is on screen, then writes it.
    fn ask_and_export_png(&mut self, ctx: &egui::Context) {
        self.commit();
        let suggested = format!("{}.png", file_stem_for(&self.board.title));
        match self
            .dialogs
            .save_file("Export a picture", &suggested, "png")
        {
            Answer::Chosen(path) => self.export_png_to(&path, ctx),
            Answer::Cancelled => {}
            Answer::Unavailable => {
                self.modal = Some(Modal::TypePath {
                    purpose: PathPurpose::ExportPng,
                    text: suggested_path(&suggested),
                });
            }
        }
    }

    /// Writes a PNG of the board as shown: this window's size, theme and stretch of time.
    pub(crate) fn export_png_to(&mut self, path: &Path, ctx: &egui::Context) {
        let size = ctx.content_rect().size() * ctx.pixels_per_point();
        let options = crate::render::PictureOptions {
            width_px: (size.x.round() as u32).clamp(16, crate::render::MAX_SIDE_PX),
            height_px: (size.y.round() as u32).clamp(16, crate::render::MAX_SIDE_PX),
            scale: ctx.pixels_per_point(),
            theme: if ctx.global_style().visuals.dark_mode {
                crate::theme::Theme::Dark
            } else {
                crate::theme::Theme::Light
            },
            anonymous: self.anonymous,
            view: self.view.map(|v| (v.start, v.end)),
        };
        let written = crate::render::board_png(&self.board, &options).and_then(|png| {
            crate::io::write_atomically(path, &png)
                .map_err(|err| format!("cannot write: {}", crate::io::io_reason(&err)))
        });
        match written {
            Ok(()) => {
                self.status = Some(format!(
                    "Exported a {}×{} picture to {}",
                    options.width_px,
                    options.height_px,
                    path.display()
                ));
            }
            Err(err) => self.error = Some(format!("{}: {err}", path.display())),
        }
    }

    /// Writes the Markdown report to `path`, atomically.
    pub(crate) fn export_report_to(&mut self, path: &Path) {
        let report = crate::io::markdown::report(&self.board, false);
        match crate::io::write_atomically(path, report.as_bytes()) {
            Ok(()) => self.status = Some(format!("Exported the report to {}", path.display())),
            Err(err) => {
                self.error = Some(format!(
                    "{}: cannot write the report: {}",
                    path.display(),
                    crate::io::io_reason(&err)
                ));
            }
        }
    }

    fn ask_and_open(&mut self) {
        match self.dialogs.open_board() {
            Answer::Chosen(path) => self.open(&path),
            Answer::Cancelled => {}
            Answer::Unavailable => {
                self.modal = Some(Modal::TypePath {
                    purpose: PathPurpose::Open,
                    text: suggested_path(""),
                });
            }
        }
    }

    fn after_discard(&mut self, then: AfterDiscard, ctx: &egui::Context) {
        match then {
            AfterDiscard::New => self.new_board(),
            AfterDiscard::Open(Some(path)) => self.open(&path),
            AfterDiscard::Open(None) => self.ask_and_open(),
            AfterDiscard::Close => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn window_title(&self) -> String {
        let name = self.path.as_ref().map_or_else(
            || "untitled".to_owned(),
            |path| {
                path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                )
            },
        );
        let mark = if self.unsaved { "*" } else { "" };
        format!("{mark}{name} — retroline")
    }

    /// Shortcuts become commands; those that clash with typing wait until no text is edited.
    fn shortcuts(&mut self, ctx: &egui::Context) {
        if self.modal.is_some() {
            return;
        }
        let typing = ctx.egui_wants_keyboard_input();
        // Ctrl+Z also matches Ctrl+Shift+Z: try the shortcuts with more modifiers first.
        let mut commands = Command::ALL;
        commands.sort_by_key(|c| {
            std::cmp::Reverse(c.shortcut().map_or(0, |s| {
                u8::from(s.modifiers.shift)
                    + u8::from(s.modifiers.command)
                    + u8::from(s.modifiers.alt)
            }))
        });
        for command in commands {
            if typing && command.shortcut_conflicts_with_typing() {
                continue;
            }
            for shortcut in [command.shortcut(), command.alternative_shortcut()]
                .into_iter()
                .flatten()
            {
                if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                    self.commands.push(command);
                }
            }
        }
        if !typing && self.drag.is_none() {
            if self.presenting {
                let (left, right, escape) = ctx.input(|i| {
                    (
                        i.key_pressed(egui::Key::ArrowLeft),
                        i.key_pressed(egui::Key::ArrowRight),
                        i.key_pressed(egui::Key::Escape),
                    )
                });
                if right {
                    self.step(1);
                }
                if left {
                    self.step(-1);
                }
                if escape {
                    self.leave_presenting(ctx);
                }
            } else {
                self.nudge_selected(ctx);
                self.number_keys(ctx);
            }
        }
    }

    /// 1–9 choose whose feelings a click in the plot adds.
    fn number_keys(&mut self, ctx: &egui::Context) {
        use egui::Key;
        const KEYS: [Key; 9] = [
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
            Key::Num9,
        ];
        for (i, key) in KEYS.iter().enumerate() {
            if ctx.input_mut(|inp| inp.consume_key(egui::Modifiers::NONE, *key))
                && let Some(p) = self.board.participants.get(i)
            {
                self.active_participant = Some(p.id);
            }
        }
    }

    /// Arrow keys move the selected event: left/right in time by the snapping step, up/down
    /// to the lane above or below.
    fn nudge_selected(&mut self, ctx: &egui::Context) {
        let Some(id) = self.selected else { return };
        let Some(event) = self.board.events.iter().find(|e| e.id == id).cloned() else {
            return;
        };
        let (left, right, up, down) = ctx.input(|i| {
            (
                i.key_pressed(egui::Key::ArrowLeft),
                i.key_pressed(egui::Key::ArrowRight),
                i.key_pressed(egui::Key::ArrowUp),
                i.key_pressed(egui::Key::ArrowDown),
            )
        });
        if !(left || right || up || down) {
            return;
        }
        let view = self.view();
        let step = self
            .geometry
            .as_ref()
            .map_or(60.0, |g| time_axis::snap_step(&view, g.axis_width));
        let mut t = event.time.unix_seconds_f64();
        let offset = self.display_offset();
        if left {
            t = time_axis::snap(t - step, step, offset);
        }
        if right {
            t = time_axis::snap(t + step, step, offset);
        }
        let index = self.board.lanes.iter().position(|l| l.id == event.lane);
        let lane = match index {
            Some(i) if up && i > 0 => self.board.lanes[i - 1].id,
            Some(i) if down && i + 1 < self.board.lanes.len() => self.board.lanes[i + 1].id,
            _ => event.lane,
        };
        self.move_event(id, lane, t);
    }

    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Option<PathBuf> =
            ctx.input(|i| i.raw.dropped_files.last().map(|f| f.path().to_owned()));
        if let Some(path) = dropped {
            if self.has_unsaved_changes() {
                self.modal = Some(Modal::UnsavedChanges(AfterDiscard::Open(Some(path))));
            } else {
                self.open(&path);
            }
        }
    }

    fn close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.allow_close
            && self.has_unsaved_changes()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(Modal::UnsavedChanges(AfterDiscard::Close));
        }
    }
}

/// A view that shows every event and feeling of `board`, or the next hour for an empty board.
pub fn fit_view(board: &Board) -> TimeView {
    match board.time_range() {
        Some(r) => TimeView::fit(r.start.unix_seconds_f64(), r.end.unix_seconds_f64()),
        None => {
            let now = jiff::Timestamp::now().as_second() as f64;
            let start = (now / 3600.0).floor() * 3600.0;
            TimeView::fit(start, start + 3600.0)
        }
    }
}

/// A path in the current folder, for the typed-path prompt.
fn suggested_path(name: &str) -> String {
    std::env::current_dir()
        .map(|dir| dir.join(name).display().to_string())
        .unwrap_or_else(|_| name.to_owned())
}

/// A file name made from a board title: letters, digits and dashes.
fn file_stem_for(title: &str) -> String {
    let stem: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "board".to_owned()
    } else {
        stem
    }
}

impl eframe::App for RetrolineApp {
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs());
    }

    /// Unsaved changes are autosaved at once, unless the user chose to discard them.
    fn on_exit(&mut self) {
        let Some(auto) = self.autosave.as_mut() else {
            return;
        };
        if self.board == self.saved {
            return;
        }
        let done = if self.allow_close {
            auto.forget(&self.saved)
        } else {
            auto.write(self.path.as_deref(), &self.board)
        };
        if let Err(err) = done {
            log::warn!("on exit: {err}");
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.window_ui(ui);
        if !self.first_frame_logged {
            self.first_frame_logged = true;
            log::info!(
                "first frame drawn {} ms after start",
                crate::cli::started().elapsed().as_millis()
            );
        }
    }
}

impl RetrolineApp {
    /// One frame of the whole window: what [`eframe::App::ui`] draws.
    pub fn window_ui(&mut self, ui: &mut egui::Ui) {
        self.frame_range = Some(self.board.time_range());
        let ctx = ui.ctx().clone();
        // Typing that has ended (its field lost the focus) is a step of its own, before whatever
        // the user does next.
        if self.edited
            && !ctx.egui_wants_keyboard_input()
            && self.drag.is_none()
            && ctx.dragged_id().is_none()
        {
            self.commit();
        }
        self.dropped_files(&ctx);
        self.close_request(&ctx);
        self.shortcuts(&ctx);

        if self.presenting {
            self.present_header_ui(ui);
        } else {
            self.menu_bar_ui(ui);
            self.header_ui(ui);
            self.status_bar_ui(ui);
            self.details_panel_ui(ui);
        }
        egui::CentralPanel::default().show(ui, |ui| self.timeline_ui(ui));
        self.modal_ui(&ctx);

        for command in std::mem::take(&mut self.commands) {
            self.apply(command, &ctx);
        }
        // A drag whose button was released where nothing handled it ends without a drop.
        if self.drag.is_some() && !ctx.input(|i| i.pointer.any_down()) {
            self.drag = None;
        }
        // Typing, or holding a control such as a colour picker, is not finished yet.
        let interacting = self.drag.is_some()
            || ctx.egui_wants_keyboard_input()
            || ctx.dragged_id().is_some()
            || ctx.input(|i| i.pointer.any_down());
        if !interacting {
            self.commit();
        }
        self.ui_zoom = if self.presenting {
            ctx.zoom_factor() / self.present_zoom
        } else {
            ctx.zoom_factor()
        };
        // Edits go through `edited`, which moves the revision; a click or key that changed the
        // board some other way is caught by looking again after any input but pointer motion.
        let acted = ctx.input(|i| {
            i.events
                .iter()
                .any(|e| !matches!(e, egui::Event::PointerMoved(_) | egui::Event::MouseMoved(_)))
        });
        let look = acted || self.revision != self.checked_revision;
        self.checked_revision = self.revision;
        if look {
            let unsaved = self.board != self.saved;
            if unsaved != self.unsaved {
                self.unsaved = unsaved;
                // The header shows it: draw once more.
                ctx.request_repaint();
            }
        }
        self.autosave_tick(&ctx, look);
        self.frame_range = None;
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
            .with_inner_size([1600.0, 900.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        ..Default::default()
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
    use super::*;

    #[test]
    fn file_names_come_from_titles() {
        assert_eq!(
            file_stem_for("Checkout outage, night of 14 March"),
            "checkout-outage-night-of-14-march"
        );
        assert_eq!(file_stem_for("///"), "board");
        assert_eq!(file_stem_for("Zoë's retro"), "zoë-s-retro");
    }
}
