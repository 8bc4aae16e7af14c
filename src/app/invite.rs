//! A feelings round from the window: the participant server, its QR code and links, who has
//! submitted, and the reveal. Submissions are taken between frames, each one undo step.

use std::net::SocketAddr;

use eframe::egui::{self, Color32, RichText, vec2};

use super::RetrolineApp;
use crate::server::{Round, Server};
use crate::theme;

/// Where the window's server listens: every address of this machine, on a free port.
pub const DEFAULT_BIND: &str = "0.0.0.0:0";

/// A round under way (or closed and not yet revealed).
pub(crate) struct Invite {
    /// `None` once the round is closed.
    server: Option<Server>,
    round: Round,
    /// Each join address and the interface it is on.
    urls: Vec<(String, String)>,
    /// The first address's QR code: modules per side and which are dark.
    qr: Option<(usize, Vec<bool>)>,
    /// The QR code fills the window, for the projector.
    pub big: bool,
    /// The document revision participants last saw.
    published: u64,
}

impl Invite {
    pub fn is_open(&self) -> bool {
        self.server.is_some()
    }

    /// Whether this round is the dot vote.
    pub fn is_vote(&self) -> bool {
        self.round.votes
    }

    /// Whether `name` (as the board has it) has submitted in this round.
    pub fn has_submitted(&self, name: &str) -> bool {
        self.round.submitted.contains(name)
    }
}

impl RetrolineApp {
    /// Starts a feelings round: the server, and the lines hidden until revealed.
    pub(crate) fn invite(&mut self, ctx: &egui::Context) {
        if self.session.invite.as_ref().is_some_and(Invite::is_open) {
            if let Some(invite) = self.session.invite.as_mut() {
                invite.big = true;
            }
            return;
        }
        self.open_round(ctx, Round::default());
    }

    /// Starts the dot vote from phones: the same server and page, where each participant picks
    /// their name and spends their votes; nobody sees anyone else's until they are revealed.
    pub(crate) fn invite_votes(&mut self, ctx: &egui::Context) {
        if let Some(invite) = self.session.invite.as_mut()
            && invite.is_open()
        {
            if invite.round.votes {
                invite.big = true;
            } else {
                self.shell.notifications.error(
                    "A feelings round is open: reveal or stop it before the vote".to_owned(),
                );
            }
            return;
        }
        if self.session.doc.board().participants.is_empty() {
            self.shell
                .notifications
                .error("Nobody to vote: the board has no participants yet".to_owned());
            return;
        }
        self.open_round(ctx, Round::for_votes());
    }

    fn open_round(&mut self, ctx: &egui::Context, round: Round) {
        let bind: SocketAddr = self.shell.invite_bind.unwrap_or_else(|| {
            DEFAULT_BIND
                .parse()
                .unwrap_or(SocketAddr::from(([0; 4], 0)))
        });
        let votes = round.votes;
        let wake = {
            let ctx = ctx.clone();
            move || ctx.request_repaint()
        };
        let started = match self.session.link.clone() {
            // The link of this board's last round, so that phones only reload the page; if
            // its port is taken now, a new link.
            Some((token, port)) => {
                let kept = SocketAddr::new(bind.ip(), port);
                Server::start_with(kept, token, self.session.doc.board(), &round, wake.clone())
                    .or_else(|_| Server::start(bind, self.session.doc.board(), &round, wake))
            }
            None => Server::start(bind, self.session.doc.board(), &round, wake),
        };
        match started {
            Ok(server) => {
                self.session.link = Some((server.token().to_owned(), server.local_addr().port()));
                let urls = server.join_urls();
                let first = Server::main_url(&urls);
                if urls.iter().all(|(name, _)| name == "this machine") {
                    self.shell.notifications.error(
                        "This machine has no network address others can reach: participants can \
                         join only from this computer. Connect to the meeting room's network and \
                         invite again."
                            .to_owned(),
                    );
                }
                let urls_for_log = urls.clone();
                self.session.invite = Some(Invite {
                    qr: crate::server::qr::matrix(&first),
                    server: Some(server),
                    round,
                    urls,
                    big: false,
                    published: self.session.doc.revision(),
                });
                // A vote comes after the reveal: the lines stay on screen.
                self.session.view.round_hidden = !votes;
                for (name, url) in &urls_for_log {
                    log::info!("round open: {url} ({name})");
                }
                self.shell.notifications.info(if votes {
                    "Voting open: votes stay hidden until you reveal them".to_owned()
                } else {
                    "Round open: lines stay hidden until you reveal them".to_owned()
                });
            }
            Err(err) => self
                .shell
                .notifications
                .error(format!("Cannot invite participants: {err}.")),
        }
    }

    /// Closes the round: the server stops; the lines stay hidden until revealed.
    pub(crate) fn stop_round(&mut self) {
        if let Some(invite) = self.session.invite.as_mut()
            && let Some(mut server) = invite.server.take()
        {
            server.stop();
            invite.round.open = false;
            invite.big = false;
            let n = invite.round.submitted.len();
            self.shell.notifications.info(if invite.round.votes {
                format!("Voting closed: {n} voted. Reveal the votes when the room is ready.")
            } else {
                format!("Round closed: {n} submitted. Reveal the lines when the room is ready.")
            });
        }
    }

    /// Closes the round and shows every line at once.
    pub(crate) fn reveal(&mut self) {
        self.stop_round();
        self.session.invite = None;
        self.session.view.round_hidden = false;
        self.shell
            .notifications
            .info("All lines revealed".to_owned());
    }

    /// Between frames: what participants submitted joins the queue of effects, together.
    pub(crate) fn round_tick(&mut self) {
        let pending = match self.session.invite.as_ref().and_then(|i| i.server.as_ref()) {
            Some(server) => server.pending(),
            None => return,
        };
        if !pending.is_empty() {
            self.effects
                .push(super::effect::Effect::Submissions(pending));
        }
    }

    /// Applies participants' lines or votes through the round's checks, each one undo step,
    /// writes the board to its recovery file once (where it is kept until saved), and only
    /// then answers each with its outcome. If that write fails they are taken back and told
    /// that nothing was stored.
    pub(crate) fn take_submissions(&mut self, submissions: Vec<crate::server::Submission>) {
        let super::session::Session {
            invite,
            doc,
            autosave,
            view,
            ..
        } = &mut self.session;
        let Some(invite) = invite.as_mut() else {
            for submission in submissions {
                submission.refuse(crate::server::Refusal::Closed);
            }
            return;
        };
        let keep = |doc: &mut crate::doc::Document| match autosave.as_mut() {
            Some(auto) => {
                auto.write(doc.path(), doc.board())?;
                auto.written_revision = Some(doc.revision());
                Ok(())
            }
            // No folder to keep it in: it is kept as the window keeps every edit.
            None => Ok(()),
        };
        let batch = crate::server::apply_batch(&mut invite.round, doc, submissions, keep);
        if !batch.accepted.is_empty() {
            view.forget_missing(doc.board());
        }
        for (name, why) in &batch.refused {
            log::info!("refused {name}'s submission: {why}");
        }
        if let Some(err) = batch.not_kept {
            self.shell.notifications.error(format!(
                "Participants' lines could not be written to disk ({err}): they were told to \
                 send them again."
            ));
        }
    }

    /// Shows participants the board as it is now, once per change.
    pub(crate) fn publish_round(&mut self) {
        let Some(invite) = self.session.invite.as_mut() else {
            return;
        };
        if let Some(server) = invite.server.as_ref()
            && invite.published != self.session.doc.revision()
        {
            server.publish(self.session.doc.board(), &invite.round);
            invite.published = self.session.doc.revision();
        }
    }

    /// Only the board's participants may join the round (`locked`), or anyone.
    pub(crate) fn lock_round(&mut self, locked: bool) {
        if let Some(invite) = self.session.invite.as_mut() {
            invite.round.locked = locked;
            if let Some(server) = invite.server.as_ref() {
                server.publish(self.session.doc.board(), &invite.round);
            }
        }
    }

    /// Who has submitted in the round under way, if one is.
    pub fn round_submitted(&self) -> Option<Vec<String>> {
        self.session
            .invite
            .as_ref()
            .map(|i| i.round.submitted.iter().cloned().collect())
    }

    /// The join addresses of the round under way.
    pub fn join_urls(&self) -> Vec<String> {
        self.session
            .invite
            .as_ref()
            .map(|i| i.urls.iter().map(|(_, url)| url.clone()).collect())
            .unwrap_or_default()
    }

    /// Makes the window's server listen on `bind` (tests use loopback).
    pub fn set_invite_bind(&mut self, bind: SocketAddr) {
        self.shell.invite_bind = Some(bind);
    }

    /// The side panel's round section: QR code, links, who has submitted, Reveal and Stop.
    pub(crate) fn round_ui(&mut self, ui: &mut egui::Ui) {
        let Some(invite) = self.session.invite.as_ref() else {
            if let Some(c) = super::ui::command_button(ui, super::Command::Invite, true) {
                self.request(c);
            }
            return;
        };
        let board = self.session.doc.board();
        // Everyone on the board, newcomers who typed their own name on their phone among
        // them (they join the board as they submit); a submission taken back since (undo
        // removed its newcomer) is neither counted nor listed.
        let people: Vec<String> = board.participants.iter().map(|p| p.name.clone()).collect();
        // By identity, once per name: a round of hundreds stays cheap each frame.
        let sent: std::collections::HashSet<String> = invite
            .round
            .submitted
            .iter()
            .map(|name| crate::model::names::identity(name))
            .collect();
        let submitted: std::collections::BTreeSet<&str> = board
            .participants
            .iter()
            .filter(|p| sent.contains(&crate::model::names::identity(&p.name)))
            .map(|p| p.name.as_str())
            .collect();
        let votes = invite.round.votes;
        ui.strong(match (votes, invite.is_open()) {
            (false, true) => "Feelings round: open",
            (false, false) => "Feelings round: closed",
            (true, true) => "Voting from phones: open",
            (true, false) => "Voting from phones: closed",
        });
        ui.label(format!(
            "{} of {} {}",
            submitted.len(),
            people.len(),
            if votes {
                "voted; votes hidden until revealed"
            } else {
                "submitted; lines hidden until revealed"
            }
        ));
        if invite.is_open() {
            if let Some((side, dark)) = &invite.qr {
                qr_ui(ui, *side, dark, 220.0);
            }
            for (name, url) in &invite.urls {
                ui.label(RichText::new(url).monospace().size(theme::BODY_SIZE - 2.0))
                    .on_hover_text(format!("On {name}"));
            }
        }
        let done = if votes { "voted" } else { "submitted" };
        for name in &people {
            if submitted.contains(name.as_str()) {
                ui.label(RichText::new(format!("{name}: {done}")).strong());
            } else {
                ui.label(RichText::new(format!("{name}: not yet")).weak());
            }
        }
        let mut locked = invite.round.locked;
        let lock = invite.is_open()
            && !votes
            && ui
                .checkbox(&mut locked, "Only the board's participants may join")
                .on_hover_text("Nobody can add themselves: each picks their name from the list")
                .changed();
        let mut chosen = Vec::new();
        ui.horizontal_wrapped(|ui| {
            if invite.is_open() && ui.button("Show the code full screen").clicked() {
                chosen.push(None);
            }
            let reveal = if votes {
                super::Command::RevealVotes
            } else {
                super::Command::Reveal
            };
            if let Some(c) = super::ui::command_button(ui, reveal, true) {
                chosen.push(Some(c));
            }
            let stop = super::Command::StopRound;
            let stop_hint = if votes {
                "Close the voting without showing the votes yet"
            } else {
                stop.tooltip()
            };
            if ui
                .add_enabled(invite.is_open(), egui::Button::new(stop.label()))
                .on_hover_text(stop_hint)
                .clicked()
            {
                chosen.push(Some(stop));
            }
        });
        if lock {
            self.push(super::effect::Effect::LockRound(locked));
        }
        for c in chosen {
            match c {
                Some(c) => self.request(c),
                None => {
                    if let Some(invite) = self.session.invite.as_mut() {
                        invite.big = true;
                    }
                }
            }
        }
    }

    /// The join code over the whole window, for the projector; Esc or Close returns.
    pub(crate) fn big_code_ui(&mut self, ctx: &egui::Context) {
        let Some(invite) = self
            .session
            .invite
            .as_ref()
            .filter(|i| i.big && i.is_open())
        else {
            return;
        };
        let (qr, url) = (
            invite.qr.clone(),
            invite.urls.first().map(|(_, u)| u.clone()),
        );
        let count = invite.round.submitted.len();
        let mut close = false;
        let response = egui::Modal::new(egui::Id::unique("join_code")).show(ctx, |ui| {
            let side = (ctx.content_rect().height() - 260.0).clamp(200.0, 900.0);
            ui.vertical_centered(|ui| {
                ui.heading(RichText::new("Scan to plot your feelings").size(40.0));
                if let Some((n, dark)) = &qr {
                    qr_ui(ui, *n, dark, side);
                }
                if let Some(url) = &url {
                    ui.label(RichText::new(url).monospace().size(24.0));
                }
                ui.label(RichText::new(format!("{count} submitted")).size(28.0));
                close = ui.button(RichText::new("Close").size(24.0)).clicked();
            });
        });
        if (close || response.should_close())
            && let Some(invite) = self.session.invite.as_mut()
        {
            invite.big = false;
        }
    }
}

impl RetrolineApp {
    /// Adds the lines in answers from the offline form: each signature checked, then each
    /// through the same admission as a phone's submission, one undo step each; what cannot be
    /// added is said, and adds nothing.
    pub fn merge_answers(&mut self, text: &str) {
        let (found, problems) = crate::server::form::answers(text, self.session.doc.board());
        if found.is_empty() && problems.is_empty() {
            self.shell.notifications.error(format!(
                "No answer found: an answer starts with \"{}\".",
                crate::server::form::ANSWER_PREFIX
            ));
            return;
        }
        // A round under way whose list is locked takes no new names from answers either.
        let locked = self
            .session
            .invite
            .as_ref()
            .is_some_and(|i| i.is_open() && i.round.locked);
        let mut added = Vec::new();
        for answer in found {
            let name = answer.participant.clone();
            let admitted = crate::server::admission::admit(
                &self.session.doc,
                &answer.participant,
                crate::doc::Entry::Line(crate::doc::Line {
                    feelings: answer.feelings,
                    anonymous: answer.anonymous,
                }),
                answer.secret.as_deref(),
                locked,
            );
            match admitted {
                Ok((edit, _)) => {
                    let applied = self.edit_now(edit, None);
                    let person = self.session.doc.board().participant_named(&name);
                    // As the board shows them: a number for one who asked to stay anonymous.
                    added.push(person.map_or(name.clone(), |p| self.shown_name(p.id)));
                    if applied
                        && let Some(p) = person.map(|p| p.name.clone())
                        && let Some(invite) = self.session.invite.as_mut()
                    {
                        invite.round.submitted.insert(p);
                    }
                }
                Err(why) => self.shell.notifications.error(format!(
                    "{name}'s answer: {why}. Nothing of that answer was added."
                )),
            }
        }
        for problem in problems {
            self.shell
                .notifications
                .error(format!("{problem}. Nothing of that answer was added."));
        }
        if !added.is_empty() {
            self.shell
                .notifications
                .info(format!("Added the lines of {}", added.join(", ")));
        }
    }

    /// Asks where to write the offline form, then writes it.
    pub(crate) fn ask_and_save_form(&mut self) {
        let suggested = "feelings-form.html";
        match self
            .shell
            .dialogs
            .save_file("Save an offline form", suggested, "html")
        {
            super::dialogs::Answer::Chosen(path) => self.save_form_to(&path),
            super::dialogs::Answer::Cancelled => {}
            super::dialogs::Answer::Unavailable => {
                self.session.modal = Some(super::Modal::TypePath {
                    purpose: super::PathPurpose::Form,
                    text: super::files::suggested_path(suggested),
                });
            }
        }
    }

    /// Writes the offline form for the board on screen to `path`, atomically.
    pub(crate) fn save_form_to(&mut self, path: &std::path::Path) {
        // The key its answers are signed with is kept in the board (one undo step).
        if self.session.doc.board().round.form_key.is_empty() {
            match crate::server::form::new_key() {
                Ok(key) => {
                    self.edit_now(crate::doc::Edit::SetFormKey(key), None);
                }
                Err(err) => {
                    self.shell
                        .notifications
                        .error(format!("Cannot make the form: {err}."));
                    return;
                }
            }
        }
        let page = crate::server::form::page(self.session.doc.board());
        match crate::io::write_atomically(path, page.as_bytes()) {
            Ok(()) => self.shell.notifications.info(format!(
                "Wrote the form to {}: send it to remote teammates, then paste their answers",
                path.display()
            )),
            Err(err) => self.shell.notifications.error(format!(
                "{}: cannot write the form: {}",
                path.display(),
                crate::io::io_reason(&err)
            )),
        }
    }

    /// The paste box for answers from the offline form.
    pub(crate) fn paste_answers_modal_ui(&mut self, ctx: &egui::Context, mut text: String) {
        let decided = super::ui::ask(ctx, "paste_answers", "Add", |ui| {
            ui.heading("Paste answers");
            ui.label("Paste the answers remote teammates sent: one or many, as they came.");
            let label = ui.label("Answers");
            let field = ui
                .add(
                    egui::TextEdit::multiline(&mut text)
                        // As much as a dropped answer file is read.
                        .char_limit(1024 * 1024)
                        .desired_rows(8)
                        .desired_width(f32::INFINITY)
                        .hint_text("retroline-answer:…"),
                )
                .labelled_by(label.id);
            field.request_focus();
            false
        });
        match decided {
            Some(true) => {
                self.session.modal = None;
                self.push(super::effect::Effect::MergeAnswers(text));
            }
            Some(false) => self.session.modal = None,
            None => self.session.modal = Some(super::Modal::PasteAnswers(text)),
        }
    }
}

/// Paints a QR code `side` points wide, black on white with its quiet zone, whatever the theme.
fn qr_ui(ui: &mut egui::Ui, modules: usize, dark: &[bool], side: f32) {
    let quiet = 4;
    let total = modules + 2 * quiet;
    // Whole pixels per module, so that no seams appear between them.
    let ppp = ui.ctx().pixels_per_point();
    let module_px = ((side * ppp) / total as f32).floor().max(1.0);
    let module = module_px / ppp;
    let size = module * total as f32;
    let (rect, response) = ui.allocate_exact_size(vec2(size, size), egui::Sense::hover());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Image, true, "QR code of the join address")
    });
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    for y in 0..modules {
        for x in 0..modules {
            if dark[y * modules + x] {
                let min = rect.min + vec2((x + quiet) as f32, (y + quiet) as f32) * module;
                painter.rect_filled(
                    egui::Rect::from_min_size(min, vec2(module, module)),
                    0.0,
                    Color32::BLACK,
                );
            }
        }
    }
}
