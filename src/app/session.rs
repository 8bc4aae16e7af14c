//! What lives as long as one board is open: the document, how it is viewed, the side panel's
//! and the questions' state, the feelings round, an import being looked at, and autosave.
//! Opening another board is a new [`Session`]; nothing of the old one is carried by hand.

use std::path::PathBuf;

use super::autosave::Autosave;
use super::files::FileWatch;
use super::import::ImportPreview;
use super::invite::Invite;
use super::shell::Shell;
use super::typing;
use crate::doc::Document;
use crate::model::{EventId, FeelingId, LaneId, ParticipantId};
use crate::view::{Mode, ViewState};

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
    /// A folder of boards whose trends to show.
    Trends,
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
    /// Which version this is, and which board format it writes.
    About,
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
    /// Put the cursor in this insight's text next frame.
    pub focus_insight: Option<crate::model::InsightId>,
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

/// One open board and everything about how it is worked on in the window.
pub(crate) struct Session {
    pub doc: Document,
    pub view: ViewState,
    pub panel: PanelState,
    /// The question the window is asking about this board.
    pub modal: Option<Modal>,
    /// The feelings round under way, with its participant server.
    pub invite: Option<Invite>,
    /// The last round's token and port: the next round of this board keeps its link.
    pub link: Option<(String, u16)>,
    /// Watches the board's file for changes made elsewhere, off the window's thread.
    pub file_watch: Option<FileWatch>,
    /// An import being looked at before it is merged.
    pub import_preview: Option<Box<ImportPreview>>,
    /// Autosave to a recovery file; `None` where there is no data folder to keep one in.
    pub autosave: Option<Autosave>,
}

impl Session {
    /// A session on `doc`, shown with the window's preferences and autosaved where it says.
    pub fn new(doc: Document, shell: &Shell) -> Self {
        let mut view = ViewState::new(Mode::Window);
        view.anonymous = shell.prefs.anonymous;
        view.set_plot_share(shell.prefs.plot_share);
        view.today = shell.today;
        Self {
            doc,
            view,
            panel: PanelState {
                zoom_before_presenting: 1.0,
                present_zoom: 1.0,
                ..PanelState::default()
            },
            modal: None,
            invite: None,
            link: None,
            file_watch: None,
            import_preview: None,
            autosave: shell
                .recovery
                .as_ref()
                .map(super::shell::RecoverySetup::autosave),
        }
    }
}
