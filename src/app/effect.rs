//! The one queue of what the window is asked to do. Drawing code and the background work only
//! push [`Effect`]s; [`RetrolineApp::apply_effects`] applies them after drawing, in order, in
//! one place: edits through [`crate::doc::Document::apply`] with the same messages and selection
//! handling whatever they came from (a click, a key, a menu, a phone, a pasted answer, an
//! import), and every file opened, saved or written.

use std::path::PathBuf;

use eframe::egui;

use super::{AfterDiscard, Command, RetrolineApp, SideTab, renderer};
use crate::doc::{Created, Edit, ImportedEvent};
use crate::view::ViewAction;

/// Something the window is asked to do, applied after the frame is drawn.
#[must_use]
pub(crate) enum Effect {
    /// A change to the board. With a merge key, it joins the undo step under way for the same
    /// key (typing into one field, dragging one slider).
    Edit {
        edit: Edit,
        merge: Option<u64>,
    },
    /// A menu command.
    Command(Command),
    /// A message for the user.
    Notify(String),
    /// Opens the board file at this path in a new session.
    Open(PathBuf),
    /// The next retrospective's board, from the last one's file.
    NewFrom(PathBuf),
    /// Saves to this file and makes it the board's.
    SaveTo(PathBuf),
    /// The user answered "Save changes?": saves first when `save`, then (if that worked, or
    /// when the changes are dropped) does `then`.
    AfterUnsaved {
        save: bool,
        then: AfterDiscard,
    },
    ExportReport(PathBuf),
    ExportPng(PathBuf),
    /// Writes the offline form.
    SaveForm(PathBuf),
    /// Reads a file to import and shows what it would add.
    PreviewImport(PathBuf),
    /// Merges what the import preview kept, read from `from`.
    Import {
        events: Vec<ImportedEvent>,
        from: PathBuf,
    },
    /// Reads this Slack channel of the import preview (again).
    ReadChannel(String),
    /// Puts the board of a recovery offer on screen.
    Restore(usize),
    /// Deletes the recovery file of an offer.
    DiscardRecovery(usize),
    /// Adds the lines in answers from the offline form (pasted or dropped).
    MergeAnswers(String),
    /// Lines or votes from participants' phones, taken together, each with the answer its
    /// sender waits for.
    Submissions(Vec<crate::server::Submission>),
    /// Takes the board's file as someone else wrote it.
    ReloadFromDisk,
    /// Starts the dot vote from phones.
    InviteVotes,
    /// Only the board's participants may join the round, or anyone.
    LockRound(bool),
    /// The renderer to draw with from the next start.
    SaveRenderer(renderer::Choice),
    /// Reads the boards in this folder and shows their trends.
    ShowTrends(PathBuf),
}

impl From<ViewAction> for Effect {
    fn from(action: ViewAction) -> Self {
        match action {
            ViewAction::Edit { edit, merge } => Self::Edit { edit, merge },
            ViewAction::Command(command) => Self::Command(command),
            ViewAction::Notify(text) => Self::Notify(text),
        }
    }
}

impl RetrolineApp {
    /// Applies what was asked for since the last time, in order. What an effect asks for in
    /// turn (a command that edits) is applied in the same pass.
    pub(crate) fn apply_effects(&mut self, ctx: &egui::Context) {
        // Bounded: an effect that kept asking for more would otherwise never let the frame end.
        for _ in 0..16 {
            if self.effects.is_empty() {
                return;
            }
            for effect in std::mem::take(&mut self.effects) {
                self.apply_effect(effect, ctx);
            }
        }
    }

    fn apply_effect(&mut self, effect: Effect, ctx: &egui::Context) {
        match effect {
            Effect::Edit { edit, merge } => {
                self.edit_now(edit, merge);
            }
            Effect::Command(command) => self.apply(command, ctx),
            Effect::Notify(text) => self.shell.notifications.info(text),
            Effect::Open(path) => self.open(&path),
            Effect::NewFrom(path) => self.new_from(&path),
            Effect::SaveTo(path) => {
                self.save_to(&path);
            }
            Effect::AfterUnsaved { save, then } => {
                if !save || self.save(false) {
                    self.after_discard(then, ctx);
                }
            }
            Effect::ExportReport(path) => self.export_report_to(&path),
            Effect::ExportPng(path) => self.export_png_to(&path, ctx),
            Effect::SaveForm(path) => self.save_form_to(&path),
            Effect::PreviewImport(path) => self.preview_import(&path),
            Effect::Import { events, from } => self.import_events(events, &from),
            Effect::ReadChannel(channel) => self.read_channel(channel),
            Effect::Restore(index) => self.restore(index),
            Effect::DiscardRecovery(index) => self.discard_recovery(index),
            Effect::MergeAnswers(text) => self.merge_answers(&text),
            Effect::Submissions(submissions) => self.take_submissions(submissions),
            Effect::ReloadFromDisk => self.reload_from_disk(),
            Effect::InviteVotes => self.invite_votes(ctx),
            Effect::LockRound(locked) => self.lock_round(locked),
            Effect::SaveRenderer(choice) => self.save_renderer(choice),
            Effect::ShowTrends(folder) => self.show_trends(&folder, ctx),
        }
        ctx.request_repaint();
    }

    /// Makes `edit` (joining the step under way for `merge`, if given): selects what it
    /// created, says what it removed, and reports a refusal, which changes nothing. Returns
    /// whether the board changed.
    pub(crate) fn edit_now(&mut self, edit: Edit, merge: Option<u64>) -> bool {
        let doc = &mut self.session.doc;
        let removal = edit.removal_notice(doc.board());
        let moved = match &edit {
            Edit::MoveEvent { id, .. } => Some(*id),
            Edit::UpdateEvent(e) => Some(e.id),
            _ => None,
        };
        let result = match merge {
            Some(key) => doc.apply_merging(edit, key),
            None => doc.apply(edit),
        };
        match result {
            Ok(applied) => {
                if merge.is_none() {
                    self.session.panel.time_text.0 = None;
                }
                if let Some(created) = applied.created {
                    self.select_created(created);
                }
                // Not while a card is dragged (a merged step): it is under the pointer.
                if let Some(id) = moved.filter(|_| applied.changed && merge.is_none()) {
                    self.keep_event_in_view(id);
                }
                self.session.view.forget_missing(self.session.doc.board());
                if let Some(what) = removal.filter(|_| applied.changed) {
                    self.shell.notifications.removed(what);
                }
                applied.changed
            }
            Err(reason) => {
                self.shell
                    .notifications
                    .error(format!("Not changed: {reason}. The board is as it was."));
                false
            }
        }
    }

    /// An event whose time or lane just changed stays on screen: the time axis pans to it when
    /// it left the view (or sits at its very edge), and the lanes scroll to its card.
    fn keep_event_in_view(&mut self, id: crate::model::EventId) {
        let Some(event) = self.session.doc.board().events.iter().find(|e| e.id == id) else {
            return;
        };
        let t = event.time.unix_seconds_f64();
        if let Some(view) = self.session.view.time_view.as_mut() {
            let span = view.end - view.start;
            // A card reaches to the right of its moment: keep room for it there.
            if t < view.start + span * 0.02 || t > view.end - span * 0.2 {
                view.start = t - span / 2.0;
                view.end = t + span / 2.0;
            }
        }
        self.session.view.reveal_event = Some(id);
    }

    /// What an edit created is what the user works on next.
    fn select_created(&mut self, created: Created) {
        let (view, panel) = (&mut self.session.view, &mut self.session.panel);
        match created {
            Created::Event(id) => {
                // Its title is typed in the Board tab, whichever tab was showing.
                panel.side_tab = SideTab::Board;
                view.selected = Some(id);
                view.selected_feeling = None;
                view.reveal_event = Some(id);
                panel.focus_title = true;
            }
            Created::Feeling(id) => {
                view.selected_feeling = Some(id);
                view.selected = None;
            }
            Created::Participant(id) => view.active_participant = Some(id),
            Created::Action(id) => {
                panel.side_tab = SideTab::Actions;
                panel.focus_action = Some(id);
            }
            Created::Insight(id) => {
                panel.side_tab = SideTab::Board;
                panel.focus_insight = Some(id);
            }
            Created::Lane(_) => {}
        }
    }

    /// Keeps the renderer chosen in the View menu for the next start.
    fn save_renderer(&mut self, choice: renderer::Choice) {
        let setting = self.shell.window.as_ref().and_then(|w| w.setting.clone());
        let result = match &setting {
            Some(file) => renderer::save(file, choice),
            None => Err("there is no settings folder".to_owned()),
        };
        match result {
            Ok(()) => self
                .shell
                .notifications
                .info(format!("{}: from the next start", choice.label())),
            Err(why) => self
                .shell
                .notifications
                .error(format!("The renderer choice is not kept: {why}")),
        }
    }

    pub(crate) fn undo(&mut self) {
        match self.session.doc.undo() {
            Some(what) => self.shell.notifications.info(format!("Undid {what}")),
            None => self.shell.notifications.info("Nothing to undo".to_owned()),
        }
        self.after_history_step();
    }

    pub(crate) fn redo(&mut self) {
        match self.session.doc.redo() {
            Some(what) => self.shell.notifications.info(format!("Redid {what}")),
            None => self.shell.notifications.info("Nothing to redo".to_owned()),
        }
        self.after_history_step();
    }

    fn after_history_step(&mut self) {
        self.session.panel.time_text.0 = None;
        self.session.view.forget_missing(self.session.doc.board());
    }
}
