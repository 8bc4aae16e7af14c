//! Running the meeting: the phases and their timer, the next board from the last one, the vote.

use std::path::Path;

use super::dialogs::Answer;
use super::{Modal, PathPurpose, RetrolineApp};
use crate::doc::{Document, Edit};
use crate::model::Moment;

impl RetrolineApp {
    /// The time now, from the window's clock.
    pub(crate) fn now(&self) -> Moment {
        (self.shell.clock)()
    }

    /// Reads the time from `clock` instead of the computer's (for tests).
    pub fn with_clock(mut self, clock: impl Fn() -> Moment + 'static) -> Self {
        self.shell.clock = std::rc::Rc::new(clock);
        self
    }

    /// The phase under way, by its place in the agenda.
    pub fn running_phase(&self) -> Option<usize> {
        self.session
            .doc
            .board()
            .agenda
            .iter()
            .position(|p| p.is_running())
    }

    /// Enters phase `index`; its timer starts.
    pub(crate) fn start_phase(&mut self, index: usize) {
        let at = self.now();
        self.edit_now(Edit::StartPhase { index, at }, None);
    }

    /// Leaves the phase under way for the next one (the first not yet run when none is under
    /// way); after the last phase the meeting ends.
    pub(crate) fn next_phase(&mut self) {
        let agenda = &self.session.doc.board().agenda;
        let next = match self.running_phase() {
            Some(i) => i + 1,
            None => match agenda.iter().position(|p| p.started.is_none()) {
                Some(i) => i,
                None if !agenda.is_empty() => {
                    // Every phase ran: their times are the record, not to be started over.
                    self.shell.notifications.info(
                        "The meeting is over: every phase has run. Click a phase to run it again"
                            .to_owned(),
                    );
                    return;
                }
                None => 0,
            },
        };
        if agenda.is_empty() {
            self.shell
                .notifications
                .info("The agenda has no phases: add some in the Meeting tab".to_owned());
        } else if next < agenda.len() {
            self.start_phase(next);
        } else {
            self.end_meeting();
        }
    }

    pub(crate) fn toggle_pause(&mut self) {
        let Some(i) = self.running_phase() else {
            return;
        };
        let at = self.now();
        let paused = self.session.doc.board().agenda[i].paused_at.is_some();
        self.edit_now(
            if paused {
                Edit::ResumeTimer(at)
            } else {
                Edit::PauseTimer(at)
            },
            None,
        );
    }

    pub(crate) fn extend_timer(&mut self) {
        if self.running_phase().is_some() {
            self.edit_now(Edit::ExtendTimer(60), None);
        }
    }

    pub(crate) fn end_meeting(&mut self) {
        if self.running_phase().is_some() {
            let at = self.now();
            self.edit_now(Edit::EndMeeting(at), None);
        }
    }

    /// Shows the votes (ending voting from phones), or hides them again.
    pub(crate) fn reveal_votes(&mut self) {
        if self
            .session
            .invite
            .as_ref()
            .is_some_and(super::invite::Invite::is_vote)
        {
            self.stop_round();
            self.session.invite = None;
            self.edit_now(Edit::RevealVotes(true), None);
            return;
        }
        let revealed = self.session.doc.board().voting.revealed;
        self.edit_now(Edit::RevealVotes(!revealed), None);
    }

    pub(crate) fn ask_and_new_from(&mut self) {
        match self.shell.dialogs.open_board() {
            Answer::Chosen(path) => self.new_from(&path),
            Answer::Cancelled => {}
            Answer::Unavailable => {
                self.session.modal = Some(Modal::TypePath {
                    purpose: PathPurpose::NewFrom,
                    text: super::files::suggested_path(""),
                });
            }
        }
    }

    /// A new, unsaved board for the next retrospective, from the last one's board at `path`.
    pub fn new_from(&mut self, path: &Path) {
        match Document::open(path) {
            Ok(prev) => {
                let prev = prev.board();
                let file = path
                    .file_name()
                    .map(|f| f.to_string_lossy())
                    .unwrap_or_default();
                let next = prev.next_board(format!("{} (next)", prev.title), &file);
                let carried = next.carried.len();
                self.replace_document(Document::new(next, None, None));
                self.shell.notifications.info(format!(
                    "A new board from {}: {carried} action item{} to review in the Meeting tab",
                    path.display(),
                    if carried == 1 { "" } else { "s" }
                ));
                self.show_safety_opening();
            }
            Err(err) => self
                .shell
                .notifications
                .error(format!("{err}. The board on screen is unchanged.")),
        }
    }
}
