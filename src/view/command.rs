//! Every action a menu item, button or shortcut can trigger, defined once with its label,
//! tooltip and shortcut.

use eframe::egui::{Key, KeyboardShortcut, Modifiers};

/// An action collected while drawing and applied once at the end of the frame.
#[must_use]
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::EnumIter)]
pub enum Command {
    New,
    NewFromPrevious,
    Open,
    Save,
    SaveAs,
    ImportIntoBoard,
    ExportPng,
    ExportReport,
    Trends,
    Quit,
    Undo,
    Redo,
    DeleteSelected,
    NewEvent,
    FitAll,
    ZoomIn,
    ZoomOut,
    BiggerPlot,
    SmallerPlot,
    AddLane,
    Present,
    Fullscreen,
    ToggleAnonymous,
    ToggleTurningPoints,
    ThemeLight,
    ThemeDark,
    ThemeProjector,
    Invite,
    Reveal,
    StopRound,
    PasteAnswers,
    SaveForm,
    PreviousEvent,
    NextEvent,
    TypeFeelings,
    NextPhase,
    PauseTimer,
    ExtendTimer,
    EndMeeting,
    RevealVotes,
    AddFeelings,
    ToggleSidePanel,
    NewInsight,
    NextEventKind,
    KeepNamesBack,
    ShowNames,
    About,
}

impl Command {
    /// Every command, in menu order (the order they are declared in).
    pub fn all() -> impl Iterator<Item = Command> {
        <Self as strum::IntoEnumIterator>::iter()
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::New => "New board",
            Self::NewFromPrevious => "New board from previous…",
            Self::Open => "Open…",
            Self::Save => "Save",
            Self::SaveAs => "Save as…",
            Self::ImportIntoBoard => "Import into this board…",
            Self::ExportPng => "Export PNG…",
            Self::ExportReport => "Export report…",
            Self::Trends => "Trends…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::DeleteSelected => "Delete event",
            Self::NewEvent => "New event",
            Self::FitAll => "Fit all",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::BiggerPlot => "Bigger plot",
            Self::SmallerPlot => "Smaller plot",
            Self::AddLane => "Add lane",
            Self::Present => "Present",
            Self::Fullscreen => "Fullscreen",
            Self::ToggleAnonymous => "Anonymous",
            Self::ToggleTurningPoints => "Turning points",
            Self::ThemeLight => "Light theme",
            Self::ThemeDark => "Dark theme",
            Self::ThemeProjector => "Projector theme",
            Self::Invite => "Invite participants…",
            Self::Reveal => "Reveal all lines",
            Self::StopRound => "Stop the round",
            Self::PasteAnswers => "Paste answers…",
            Self::SaveForm => "Save an offline form…",
            Self::PreviousEvent => "Previous event",
            Self::NextEvent => "Next event",
            Self::TypeFeelings => "Type everyone's feelings…",
            Self::NextPhase => "Next phase",
            Self::PauseTimer => "Pause or resume the timer",
            Self::ExtendTimer => "One more minute",
            Self::EndMeeting => "End the meeting",
            Self::RevealVotes => "Reveal the votes",
            Self::AddFeelings => "Add feelings",
            Self::ToggleSidePanel => "Side panel",
            Self::NewInsight => "New insight",
            Self::NextEventKind => "Next kind for the event",
            Self::KeepNamesBack => "Keep names back until named",
            Self::ShowNames => "Show names",
            Self::About => "About retroline",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            Self::New => "Start an empty board",
            Self::NewFromPrevious => {
                "Start the next retrospective from the last one's board: its lanes, its people \
                 and its open action items, to review first"
            }
            Self::Open => "Open a board file (you can also drop one on the window)",
            Self::Save => "Save the board to its file",
            Self::SaveAs => "Save the board to a new file",
            Self::ImportIntoBoard => {
                "Add events from a Slack export (its .zip), a PagerDuty log or an events CSV, \
                 after a preview; you can also drop such a file on the window"
            }
            Self::ExportPng => "Save a picture of the board as it is on screen",
            Self::ExportReport => {
                "Write the report as a web page with the picture inside (or Markdown, for a name \
                 ending in .md): events with notes, divergences, action items, everyone's feelings"
            }
            Self::Trends => {
                "How the team is doing across the boards in a folder: mean feeling and spread, \
                 divergences, trust and ROTI, action items, and the chains of boards made one \
                 from another"
            }
            Self::Quit => "Close the window (asks about unsaved changes)",
            Self::Undo => "Undo the last change",
            Self::Redo => "Redo the change just undone",
            Self::DeleteSelected => "Delete the selected event",
            Self::NewEvent => {
                "Add an event in the middle of the view (or drag this card onto a lane)"
            }
            Self::FitAll => "Show every event and feeling",
            Self::ZoomIn => "Show less time, in more detail (Ctrl+wheel too)",
            Self::ZoomOut => "Show more time (Ctrl+wheel too)",
            Self::BiggerPlot => {
                "Give the feelings plot more of the board (or drag the bar above it); remembered"
            }
            Self::SmallerPlot => {
                "Give the lanes more of the board (or drag the bar above the plot); remembered"
            }
            Self::AddLane => "Add a swim lane to the timeline",
            Self::Present => {
                "Fullscreen with large type and no editing tools; the arrow keys step through \
                 events and divergences; Esc leaves"
            }
            Self::Fullscreen => "Fill the screen",
            Self::ToggleAnonymous => {
                "Show participants as Participant 1, 2… on screen; the file keeps their names"
            }
            Self::ToggleTurningPoints => {
                "Mark on the plot where the team was furthest apart, its shared low and high, and \
                 the chosen person's steepest climb and deepest drop"
            }
            Self::ThemeLight => "Dark text on light backgrounds",
            Self::ThemeDark => "Light text on dark backgrounds",
            Self::ThemeProjector => "Black on white with strong lines, for washed-out projectors",
            Self::Invite => {
                "Open a feelings round: everyone plots their own line from their phone or laptop, \
                 through a QR code and a link on this network"
            }
            Self::Reveal => {
                "Close the round and show everyone's lines at once, with their divergences"
            }
            Self::StopRound => "Close the round without showing the lines yet",
            Self::PasteAnswers => {
                "Add the lines remote teammates sent back from the offline form (you can also drop \
                 their answer files on the window)"
            }
            Self::SaveForm => {
                "Write the participant page as one file with the board inside, for teammates who \
                 cannot reach this network"
            }
            Self::PreviousEvent => "Select the event before the selected one, in time order",
            Self::NextEvent => "Select the event after the selected one, in time order",
            Self::TypeFeelings => {
                "At the selected event, type each person's feeling in turn: a value from -5 to 5 \
                 and an optional word, then Enter; an empty Enter skips someone, Esc stops"
            }
            Self::NextPhase => {
                "Leave this phase of the agenda and start the next one, and its timer"
            }
            Self::PauseTimer => "Stop the phase's timer for a moment, or let it run on",
            Self::ExtendTimer => "Give the phase under way one more minute",
            Self::EndMeeting => "Leave the last phase: the meeting is over, and when is recorded",
            Self::RevealVotes => {
                "Show everyone's votes at once; the divergences are then discussed most voted first"
            }
            Self::AddFeelings => {
                "Turn on adding: a click in the plot adds a feeling for the chosen person (1–9 or \
                 a name in the legend chooses); a banner shows it. A again or Esc stops; \
                 otherwise a click in the plot only selects. K types feelings from the keyboard"
            }
            Self::ToggleSidePanel => {
                "Hide or show the side panel, to give the board the whole width on a small or \
                 shared screen"
            }
            Self::NewInsight => {
                "Write what the room learned on the timeline: at the selected event, over the \
                 divergence in view, or at the middle of the view"
            }
            Self::NextEventKind => {
                "Mark the selected event as detection, diagnosis, repair or key moment (again for \
                 the next kind; the reports time detection, diagnosis and repair from the first \
                 event)"
            }
            Self::KeepNamesBack => {
                "Show the lines as Participant 1, 2… on the board and in every export, through the \
                 reveal and the discussion, until Show names; again to show names as before"
            }
            Self::ShowNames => {
                "Name the lines from now on (everyone but those who asked to stay anonymous)"
            }
            Self::About => {
                "Which version of retroline this is, and which board file format it writes"
            }
        }
    }

    /// The keyboard shortcut, if any. Shortcuts without Ctrl only act while no text is edited.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let ctrl = Modifiers::COMMAND;
        let ctrl_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        let s = KeyboardShortcut::new;
        match self {
            Self::New => Some(s(ctrl, Key::N)),
            Self::Open => Some(s(ctrl, Key::O)),
            Self::Save => Some(s(ctrl, Key::S)),
            Self::SaveAs => Some(s(ctrl_shift, Key::S)),
            Self::ImportIntoBoard => Some(s(ctrl_shift, Key::O)),
            Self::ExportPng => Some(s(ctrl, Key::E)),
            Self::ExportReport => Some(s(ctrl_shift, Key::E)),
            Self::Quit => Some(s(ctrl, Key::Q)),
            Self::Undo => Some(s(ctrl, Key::Z)),
            Self::Redo => Some(s(ctrl_shift, Key::Z)),
            Self::DeleteSelected => Some(s(Modifiers::NONE, Key::Delete)),
            Self::NewEvent => Some(s(Modifiers::NONE, Key::Insert)),
            Self::FitAll => Some(s(Modifiers::NONE, Key::F)),
            Self::ZoomIn => Some(s(Modifiers::NONE, Key::Plus)),
            Self::ZoomOut => Some(s(Modifiers::NONE, Key::Minus)),
            Self::AddLane | Self::BiggerPlot | Self::SmallerPlot => None,
            Self::Present => Some(s(Modifiers::NONE, Key::F5)),
            Self::Fullscreen => Some(s(Modifiers::NONE, Key::F11)),
            Self::Invite => Some(s(ctrl, Key::I)),
            Self::Reveal => Some(s(ctrl_shift, Key::R)),
            Self::ToggleTurningPoints => Some(s(Modifiers::NONE, Key::T)),
            Self::ToggleAnonymous
            | Self::ThemeLight
            | Self::ThemeDark
            | Self::ThemeProjector
            | Self::StopRound
            | Self::PasteAnswers
            | Self::SaveForm => None,
            Self::PreviousEvent => Some(s(Modifiers::NONE, Key::OpenBracket)),
            Self::NextEvent => Some(s(Modifiers::NONE, Key::CloseBracket)),
            Self::TypeFeelings => Some(s(Modifiers::NONE, Key::K)),
            Self::NewFromPrevious | Self::EndMeeting | Self::About | Self::Trends => None,
            Self::NextPhase => Some(s(ctrl_shift, Key::N)),
            Self::PauseTimer => Some(s(ctrl_shift, Key::P)),
            Self::ExtendTimer => Some(s(ctrl_shift, Key::M)),
            Self::RevealVotes => Some(s(ctrl_shift, Key::V)),
            Self::AddFeelings => Some(s(Modifiers::NONE, Key::A)),
            Self::ToggleSidePanel => Some(s(Modifiers::NONE, Key::F9)),
            Self::NewInsight => Some(s(Modifiers::NONE, Key::I)),
            Self::NextEventKind => Some(s(Modifiers::NONE, Key::E)),
            Self::KeepNamesBack | Self::ShowNames => None,
        }
    }

    /// Other shortcuts for the same command.
    pub fn alternative_shortcut(self) -> Option<KeyboardShortcut> {
        match self {
            Self::Redo => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)),
            Self::DeleteSelected => Some(KeyboardShortcut::new(Modifiers::NONE, Key::Backspace)),
            Self::ZoomIn => Some(KeyboardShortcut::new(Modifiers::NONE, Key::Equals)),
            _ => None,
        }
    }

    /// Whether the shortcut is a single key that acts on the board: it acts only while the board
    /// has the keyboard focus, so keys typed on their way to a text field never change it.
    pub fn needs_board_focus(self) -> bool {
        [self.shortcut(), self.alternative_shortcut()]
            .into_iter()
            .flatten()
            .any(|s| {
                s.modifiers.is_none() && !matches!(s.logical_key, Key::F5 | Key::F9 | Key::F11)
            })
    }

    /// Whether the shortcut would steal keys from a text field being typed in.
    pub fn shortcut_conflicts_with_typing(self) -> bool {
        matches!(self, Self::Undo | Self::Redo) || self.needs_board_focus()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_keys_wait_for_the_board_and_ctrl_keys_do_not() {
        assert!(Command::DeleteSelected.needs_board_focus());
        assert!(Command::FitAll.needs_board_focus());
        assert!(Command::ZoomOut.needs_board_focus());
        assert!(Command::TypeFeelings.needs_board_focus());
        assert!(!Command::Undo.needs_board_focus());
        assert!(!Command::Present.needs_board_focus());
        assert!(!Command::Save.needs_board_focus());
        assert!(Command::AddFeelings.needs_board_focus());
        assert!(!Command::ToggleSidePanel.needs_board_focus());
    }

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = Vec::new();
        for c in Command::all() {
            for s in [c.shortcut(), c.alternative_shortcut()]
                .into_iter()
                .flatten()
            {
                assert!(
                    !seen.contains(&(s.modifiers, s.logical_key)),
                    "{c:?} reuses a shortcut"
                );
                seen.push((s.modifiers, s.logical_key));
            }
        }
    }
}
