//! What lives as long as the window, whatever board it shows: the preferences, the file dialogs,
//! the messages, the recovery folder and what was found in it, and how the window draws.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use eframe::egui;

use super::dialogs::Dialogs;
use super::notifications::Notifications;
use crate::io::recovery;
use crate::model::Board;

/// View preferences, kept by eframe between runs as one value (never in the board file).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub theme: crate::theme::Theme,
    /// The size of everything (Ctrl +, Ctrl −, Ctrl 0), apart from present mode's enlargement.
    pub ui_zoom: f32,
    pub anonymous: bool,
    /// The feelings area's share of the board's height, as the splitter left it.
    pub plot_share: Option<f32>,
    /// The side panel is hidden (F9), for a small or shared screen.
    pub side_panel_hidden: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            theme: crate::theme::Theme::Dark,
            ui_zoom: 1.0,
            anonymous: false,
            plot_share: None,
            side_panel_hidden: false,
        }
    }
}

impl Prefs {
    /// The zoom to use, if this one is one a window can show.
    pub fn usable_zoom(&self) -> Option<f32> {
        (self.ui_zoom.is_finite() && (0.3..=5.0).contains(&self.ui_zoom)).then_some(self.ui_zoom)
    }
}

/// Where eframe keeps [`Prefs`].
pub(crate) const PREFS_KEY: &str = "retroline_prefs";

/// Where the window reads the time from.
pub type Clock = std::rc::Rc<dyn Fn() -> crate::model::Moment>;

/// How the real window draws.
pub(crate) struct WindowSetup {
    /// The renderer in use, and why.
    pub renderer: String,
    /// The renderer chosen in the View menu, from the next start.
    pub saved: super::renderer::Choice,
    /// Where that choice is kept.
    pub setting: Option<PathBuf>,
    /// The theme's panel colour, which the window is cleared to instead of filling the panels.
    pub panel_colour: egui::Color32,
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

/// Where boards are autosaved: the folder, how soon after a change, and this window's tag in
/// the file names (see [`recovery::window_tag`]).
#[derive(Clone, Debug)]
pub(crate) struct RecoverySetup {
    pub dir: PathBuf,
    pub delay: Duration,
    pub window_tag: String,
}

impl RecoverySetup {
    /// Autosave for one board, into this folder.
    pub fn autosave(&self) -> super::autosave::Autosave {
        super::autosave::Autosave::new(self.dir.clone(), self.delay, self.window_tag.clone())
    }
}

/// The window's part that outlives every board it shows.
pub(crate) struct Shell {
    pub prefs: Prefs,
    pub dialogs: Box<dyn Dialogs>,
    pub notifications: Notifications,
    /// Where boards are autosaved; `None` where there is no data folder to keep them in.
    pub recovery: Option<RecoverySetup>,
    /// Boards from recovery files, offered in [`super::Modal::Restore`].
    pub recovery_offers: Vec<RecoveryOffer>,
    /// How the real window was set up; `None` in tests and offscreen.
    pub window: Option<WindowSetup>,
    /// The window title last sent.
    pub shown_title: String,
    /// The user chose to close the window and drop what is unsaved.
    pub allow_close: bool,
    /// When the process started, to log how soon the first frame was drawn.
    pub started: Option<Instant>,
    /// Where the participant server listens, when not on every address.
    pub invite_bind: Option<std::net::SocketAddr>,
    /// Input held back for the next frame (see [`super::RetrolineApp::pace_input`]).
    pub held_input: Vec<egui::Event>,
    /// What time it is: the computer's clock, or a test's.
    pub clock: Clock,
    /// The date that decides whether dates show their year; `None` reads the clock.
    pub today: Option<jiff::civil::Date>,
    /// Where the side panel was drawn in the last frame; `None` while it is hidden.
    pub side_panel: Option<egui::Rect>,
    /// *File > Trends…*, while it is open.
    pub trends: Option<super::trends::TrendsWindow>,
}

impl Shell {
    pub fn new(dialogs: Box<dyn Dialogs>) -> Self {
        Self {
            prefs: Prefs::default(),
            dialogs,
            notifications: Notifications::default(),
            recovery: None,
            recovery_offers: Vec::new(),
            window: None,
            shown_title: String::new(),
            allow_close: false,
            started: None,
            invite_bind: None,
            held_input: Vec::new(),
            side_panel: None,
            trends: None,
            clock: std::rc::Rc::new(crate::model::Moment::now),
            today: None,
        }
    }

    /// Autosaves to recovery files in `dir`, `delay` after a change.
    pub fn set_recovery_dir(&mut self, dir: PathBuf, delay: Duration) {
        self.recovery = Some(RecoverySetup {
            dir,
            delay,
            window_tag: recovery::window_tag(),
        });
    }
}
