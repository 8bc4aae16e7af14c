//! Files: opening, saving, exporting, autosave and recovery, dropped files and closing.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use eframe::egui;

use super::dialogs::Answer;
use super::effect::Effect;
use super::{AfterDiscard, Modal, PathPurpose, RecoveryOffer, RetrolineApp};
use crate::doc::{DiskStamp, Document, Edit};
use crate::io::{board_file, recovery};
use crate::model::Moment;
use crate::model::time::format;

/// How often a failed autosave is tried again.
const AUTOSAVE_RETRY: std::time::Duration = std::time::Duration::from_secs(5);

impl RetrolineApp {
    /// Looks for recovery files: those of the open board's file, or every one when the board has
    /// no file. Recovery files that hold nothing newer than their board's file are removed.
    pub fn offer_recovery(&mut self) {
        let Some(dir) = self.shell.recovery.as_ref().map(|r| r.dir.clone()) else {
            return;
        };
        let (found, errors) = recovery::scan(&dir);
        for err in &errors {
            self.shell.notifications.error(format!(
                "{err}. This recovery file is left where it is and nothing was restored from it."
            ));
        }
        let own = self
            .session
            .doc
            .path()
            .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.to_owned()));
        let mut offers = Vec::new();
        for recovered in found {
            if own.is_some() && recovered.board_path != own {
                continue;
            }
            let read = recovered
                .board_path
                .as_deref()
                .filter(|p| p.exists())
                .map(board_file::load_with_bytes);
            let (saved, unreadable) = match read {
                Some(Ok((board, bytes))) => (Some((board, DiskStamp::of_bytes(&bytes))), None),
                Some(Err(err)) => (None, Some(err.to_string())),
                None => (None, None),
            };
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
                .map(|t| format::utc_text(Moment::from_timestamp(t, jiff::tz::Offset::UTC)));
            offers.push(RecoveryOffer {
                recovered,
                saved,
                unreadable,
                saved_at,
                changes,
            });
        }
        if !offers.is_empty() {
            self.shell.recovery_offers = offers;
            self.session.modal = Some(Modal::Restore);
        }
    }

    /// Puts the board of recovery offer `index` on screen, as unsaved changes to its own file:
    /// one undo step goes back to what the file holds. When that file could not be read, the
    /// board is restored with no file, so that saving asks where instead of overwriting it.
    pub(crate) fn restore(&mut self, index: usize) {
        if index >= self.shell.recovery_offers.len() {
            return;
        }
        let offer = self.shell.recovery_offers.remove(index);
        let recovered = offer.recovered;
        let doc = match (offer.saved, &offer.unreadable) {
            (Some((board, stamp)), _) => {
                Document::new(board, recovered.board_path.clone(), Some(stamp))
            }
            (None, Some(why)) => {
                self.shell.notifications.error(format!(
                    "{why}. The restored board is not tied to that file: save it with Save as…"
                ));
                Document::new(super::new_board(), None, None)
            }
            (None, None) => Document::new(super::new_board(), recovered.board_path.clone(), None),
        };
        self.replace_document(doc);
        self.edit_now(Edit::ReplaceBoard(Box::new(recovered.board)), None);
        if let Some(auto) = self.session.autosave.as_mut() {
            // Its recovery file holds this board already.
            auto.file = Some(recovered.recovery_path.clone());
            auto.written_revision = Some(self.session.doc.revision());
        }
        self.session.view.fit_requested = true;
        self.session.modal = None;
        self.shell.notifications.info(format!(
            "Restored the board autosaved at {}; save it to keep it.",
            format::utc_text(recovered.written_at)
        ));
    }

    /// Deletes the recovery file of offer `index`.
    pub(crate) fn discard_recovery(&mut self, index: usize) {
        if index >= self.shell.recovery_offers.len() {
            return;
        }
        let offer = self.shell.recovery_offers.remove(index);
        if let Err(err) = recovery::remove(&offer.recovered.recovery_path) {
            self.shell.notifications.error(err.to_string());
        }
        if self.shell.recovery_offers.is_empty() {
            self.session.modal = None;
        }
    }

    /// Puts another document on screen in a new session; the window's shell (preferences,
    /// dialogs, messages, recovery offers) stays. A round belongs to its board: opening another
    /// one ends it. The old board's recovery file goes: its changes were saved or discarded.
    pub(crate) fn replace_document(&mut self, doc: Document) {
        let old = std::mem::replace(&mut self.session, super::Session::new(doc, &self.shell));
        if let Some(mut autosave) = old.autosave
            && let Err(err) = autosave.forget()
        {
            self.shell.notifications.error(err);
        }
    }

    /// Writes the recovery file when the board has changes its file lacks and they are old
    /// enough; removes it when there are none.
    pub(crate) fn autosave_tick(&mut self, ctx: &egui::Context) {
        let Some(auto) = self.session.autosave.as_mut() else {
            return;
        };
        if !self.session.doc.has_work_to_lose() {
            // Back to what its file holds (saved, or undone): nothing to recover.
            if auto.file.is_some()
                && let Err(err) = auto.forget()
            {
                self.shell.notifications.error(err);
            }
            auto.dirty_since = None;
            return;
        }
        if auto.written_revision == Some(self.session.doc.revision()) {
            auto.dirty_since = None;
            return;
        }
        let now = std::time::Instant::now();
        let due = *auto.dirty_since.get_or_insert(now) + auto.delay;
        if now < due {
            ctx.request_repaint_after(due - now);
            return;
        }
        if let Err(err) = auto.write(self.session.doc.path(), self.session.doc.board()) {
            log::warn!("autosave: {err}");
            if auto.failure.as_ref() != Some(&err) {
                self.shell.notifications.error(format!(
                    "Autosave failed: {err}. The board is still here; save it with Ctrl+S."
                ));
                auto.failure = Some(err);
            }
            // Try again now and then, without spinning.
            ctx.request_repaint_after(auto.delay.max(AUTOSAVE_RETRY));
        } else {
            auto.written_revision = Some(self.session.doc.revision());
        }
    }

    /// Takes what someone else (`retroline collect`, a colleague on a shared drive) wrote into
    /// the board's file. A thread looks at the file's size and time every two seconds and wakes
    /// the window only when they change, so an untouched window stays idle. With nothing
    /// unsaved here, the window takes their board as one undo step; with unsaved changes, it
    /// says so and saving will ask before replacing theirs.
    pub(crate) fn watch_file(&mut self, ctx: &egui::Context) {
        let path = self.session.doc.path().map(Path::to_owned);
        if self.session.file_watch.as_ref().map(|w| w.path.clone()) != path {
            self.session.file_watch = path.map(|p| FileWatch::start(p, ctx.clone()));
        }
        let Some(watch) = self.session.file_watch.as_ref() else {
            return;
        };
        if watch.changed.swap(false, Ordering::SeqCst) {
            self.push(Effect::ReloadFromDisk);
        }
    }

    /// The board's file changed on disk: with nothing unsaved here, the window takes its board
    /// as one undo step; with unsaved changes, it says so and saving will ask first.
    pub(crate) fn reload_from_disk(&mut self) {
        let Some(path) = self.session.doc.path().map(Path::to_owned) else {
            return;
        };
        if !self.session.doc.changed_on_disk() {
            return;
        }
        let shown = path.display().to_string();
        if self.session.doc.is_unsaved() {
            self.shell.notifications.error(format!(
                "{shown} was changed by someone else; your changes here are kept, and saving \
                 will ask before replacing theirs."
            ));
            return;
        }
        match self.session.doc.reload_from_disk() {
            Ok(true) => {
                self.session.view.forget_missing(self.session.doc.board());
                self.shell.notifications.info(format!(
                    "{shown} was changed elsewhere: this is its board now (Undo goes back)"
                ));
            }
            Ok(false) => {}
            Err(err) => self.shell.notifications.error(format!(
                "{err}. {shown} changed on disk and cannot be read; the board here is unchanged."
            )),
        }
    }

    /// On exit, unsaved changes are autosaved at once, unless the user chose to discard them.
    pub(crate) fn autosave_on_exit(&mut self) {
        let Some(auto) = self.session.autosave.as_mut() else {
            return;
        };
        if !self.session.doc.has_work_to_lose() {
            return;
        }
        let done = if self.shell.allow_close {
            auto.forget()
        } else {
            auto.write(self.session.doc.path(), self.session.doc.board())
        };
        if let Err(err) = done {
            log::warn!("on exit: {err}");
        }
    }

    /// Opens a board file. On failure the current board stays and the error is shown.
    pub fn open(&mut self, path: &Path) {
        match Document::open(path) {
            Ok(doc) => {
                self.replace_document(doc);
                self.shell
                    .notifications
                    .info(format!("Opened {}", path.display()));
            }
            Err(err) => {
                self.shell
                    .notifications
                    .error(format!("{err}. The board on screen is unchanged."));
            }
        }
    }

    pub(crate) fn new_board(&mut self) {
        self.replace_document(Document::new(super::new_board(), None, None));
        self.show_safety_opening();
    }

    /// Saves to the board's file, or asks where. Returns whether the board is now saved.
    pub(crate) fn save(&mut self, ask_where: bool) -> bool {
        self.session.doc.seal();
        let path = match (self.session.doc.path(), ask_where) {
            (Some(path), false) => {
                if self.session.doc.changed_on_disk() {
                    self.session.modal = Some(Modal::ChangedOnDisk);
                    return false;
                }
                path.to_owned()
            }
            _ => {
                let suggested = format!("{}.ron", file_stem_for(&self.session.doc.board().title));
                match self.shell.dialogs.save_board(&suggested) {
                    Answer::Chosen(path) => path,
                    Answer::Cancelled => return false,
                    Answer::Unavailable => {
                        self.session.modal = Some(Modal::TypePath {
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

    /// Saves to `path` and makes it the board's file. Returns whether it worked.
    pub(crate) fn save_to(&mut self, path: &Path) -> bool {
        // Not while `retroline collect` writes that file: its lines would be written over.
        // A lock that cannot be made at all (the folder is gone) leaves the save to say why.
        let _lock = match crate::io::lock::lock(path, "a retroline window") {
            Ok(lock) => Some(lock),
            Err(err @ crate::io::lock::LockError::Io { .. }) => {
                log::warn!("{err}");
                None
            }
            Err(err) => {
                self.shell.notifications.error(format!(
                    "Cannot save: {err}. The board is still here, unsaved; try Save as… \
                     elsewhere."
                ));
                return false;
            }
        };
        match self.session.doc.save_to(path) {
            Ok(()) => {
                self.shell
                    .notifications
                    .info(format!("Saved {}", path.display()));
                if let Some(auto) = self.session.autosave.as_mut()
                    && let Err(err) = auto.forget()
                {
                    self.shell.notifications.error(err);
                }
                true
            }
            Err(err) => {
                self.shell.notifications.error(format!(
                    "{err}. The board is still here, unsaved; try Save as… elsewhere."
                ));
                false
            }
        }
    }

    /// Asks where to write the Markdown report, then writes it.
    pub(crate) fn ask_and_export_report(&mut self) {
        self.session.doc.seal();
        // A web page unless the name ends in .md.
        let suggested = format!("{}.html", file_stem_for(&self.session.doc.board().title));
        match self.shell.dialogs.save_file(
            "Export the report (.html, .pdf or .md)",
            &suggested,
            "html",
        ) {
            Answer::Chosen(path) => self.export_report_to(&path),
            Answer::Cancelled => {}
            Answer::Unavailable => {
                self.session.modal = Some(Modal::TypePath {
                    purpose: PathPurpose::ExportReport,
                    text: suggested_path(&suggested),
                });
            }
        }
    }

    /// Asks where to write a picture of the board as it is on screen, then writes it.
    pub(crate) fn ask_and_export_png(&mut self, ctx: &egui::Context) {
        self.session.doc.seal();
        let suggested = format!("{}.png", file_stem_for(&self.session.doc.board().title));
        match self
            .shell
            .dialogs
            .save_file("Export a picture", &suggested, "png")
        {
            Answer::Chosen(path) => self.export_png_to(&path, ctx),
            Answer::Cancelled => {}
            Answer::Unavailable => {
                self.session.modal = Some(Modal::TypePath {
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
            theme: self.shell.prefs.theme,
            anonymous: self.shell.prefs.anonymous,
            view: self.session.view.time_view.map(|v| (v.start, v.end)),
            fit: crate::render::Fit::Window,
        };
        let written =
            crate::render::board_pngs(self.session.doc.board(), &options).and_then(|pngs| {
                let png = pngs.first().ok_or("nothing was drawn")?;
                crate::io::write_atomically(path, png)
                    .map_err(|err| format!("cannot write: {}", crate::io::io_reason(&err)))
            });
        match written {
            Ok(()) => {
                self.shell.notifications.info(format!(
                    "Exported a {}×{} picture to {}",
                    options.width_px,
                    options.height_px,
                    path.display()
                ));
            }
            Err(err) => self
                .shell
                .notifications
                .error(format!("{}: {err}", path.display())),
        }
    }

    /// Writes the Markdown report to `path`, atomically.
    /// Writes the report to `path`: Markdown when its name ends in `.md`, else the web page with
    /// the board's picture inside.
    pub(crate) fn export_report_to(&mut self, path: &Path) {
        let board = self.session.doc.board();
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
        {
            let written = crate::render::pdf::pdf_report(
                board,
                crate::render::pdf::Paper::A4,
                self.shell.prefs.anonymous,
            )
            .and_then(|bytes| {
                crate::io::write_atomically(path, &bytes)
                    .map_err(|err| format!("cannot write: {}", crate::io::io_reason(&err)))
            });
            match written {
                Ok(()) => self
                    .shell
                    .notifications
                    .info(format!("Exported the report to {}", path.display())),
                Err(err) => self
                    .shell
                    .notifications
                    .error(format!("{}: {err}", path.display())),
            }
            return;
        }
        let markdown = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
        let report = if markdown {
            crate::io::markdown::report(board, self.shell.prefs.anonymous)
        } else {
            // The picture the command line's export draws: everything whole.
            let options = crate::render::PictureOptions {
                fit: crate::render::Fit::Content,
                anonymous: self.shell.prefs.anonymous,
                ..Default::default()
            };
            let pictures = match crate::render::board_pngs(board, &options) {
                Ok(pngs) => pngs,
                Err(err) => {
                    self.shell
                        .notifications
                        .error(format!("The report is written without its picture: {err}"));
                    Vec::new()
                }
            };
            crate::io::html::html_report(
                self.session.doc.board(),
                self.shell.prefs.anonymous,
                &pictures,
            )
        };
        match crate::io::write_atomically(path, report.as_bytes()) {
            Ok(()) => self
                .shell
                .notifications
                .info(format!("Exported the report to {}", path.display())),
            Err(err) => {
                self.shell.notifications.error(format!(
                    "{}: cannot write the report: {}",
                    path.display(),
                    crate::io::io_reason(&err)
                ));
            }
        }
    }

    pub(crate) fn ask_and_open(&mut self) {
        match self.shell.dialogs.open_board() {
            Answer::Chosen(path) => self.open(&path),
            Answer::Cancelled => {}
            Answer::Unavailable => {
                self.session.modal = Some(Modal::TypePath {
                    purpose: PathPurpose::Open,
                    text: suggested_path(""),
                });
            }
        }
    }

    pub(crate) fn after_discard(&mut self, then: AfterDiscard, ctx: &egui::Context) {
        match then {
            AfterDiscard::New => self.new_board(),
            AfterDiscard::NewFrom(Some(path)) => self.new_from(&path),
            AfterDiscard::NewFrom(None) => self.ask_and_new_from(),
            AfterDiscard::Open(Some(path)) => self.open(&path),
            AfterDiscard::Open(None) => self.ask_and_open(),
            AfterDiscard::Close => {
                self.shell.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    pub(crate) fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Option<PathBuf> =
            ctx.input(|i| i.raw.dropped_files.last().map(|f| f.path().to_owned()));
        if let Some(path) = dropped {
            if let Some(answers) = answer_file(&path) {
                self.push(Effect::MergeAnswers(answers));
            } else if super::import::is_importable(&path) {
                self.push(Effect::PreviewImport(path));
            } else if self.session.doc.has_work_to_lose() {
                self.session.modal = Some(Modal::UnsavedChanges(AfterDiscard::Open(Some(path))));
            } else {
                self.push(Effect::Open(path));
            }
        }
    }

    pub(crate) fn close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.shell.allow_close
            && self.session.doc.has_work_to_lose()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.session.modal = Some(Modal::UnsavedChanges(AfterDiscard::Close));
        }
    }
}

/// A thread that looks at a file's size and time every two seconds and wakes the window when
/// they change. It stops when dropped.
pub(crate) struct FileWatch {
    pub path: PathBuf,
    pub changed: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
}

impl FileWatch {
    fn start(path: PathBuf, ctx: egui::Context) -> Self {
        let changed = Arc::new(AtomicBool::new(false));
        let stop = Arc::new(AtomicBool::new(false));
        let (file, flag, quit) = (path.clone(), Arc::clone(&changed), Arc::clone(&stop));
        let meta = move || {
            std::fs::metadata(&file)
                .ok()
                .and_then(|m| Some((m.modified().ok()?, m.len())))
        };
        let spawned = std::thread::Builder::new()
            .name("retroline-file-watch".into())
            .spawn(move || {
                let mut seen = meta();
                while !quit.load(Ordering::SeqCst) {
                    // Short naps, so that a closed board's watch ends soon.
                    for _ in 0..10 {
                        std::thread::sleep(std::time::Duration::from_millis(200));
                        if quit.load(Ordering::SeqCst) {
                            return;
                        }
                    }
                    let now = meta();
                    if now != seen {
                        seen = now;
                        flag.store(true, Ordering::SeqCst);
                        ctx.request_repaint();
                    }
                }
            });
        if let Err(err) = spawned {
            log::warn!("cannot watch the board's file: {err}");
        }
        Self {
            path,
            changed,
            stop,
        }
    }
}

impl Drop for FileWatch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// The text of a dropped file of answers from the offline form; `None` for anything else (a
/// board, to open). Only its first 1 MiB is read.
fn answer_file(path: &Path) -> Option<String> {
    use std::io::Read;
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
    {
        return None;
    }
    // Only a regular file: opening a pipe would wait for a writer.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let mut text = String::new();
    std::fs::File::open(path)
        .ok()?
        .take(1024 * 1024)
        .read_to_string(&mut text)
        .ok()?;
    text.contains(crate::server::form::ANSWER_PREFIX)
        .then_some(text)
}

/// A path in the current folder, for the typed-path prompt.
pub(crate) fn suggested_path(name: &str) -> String {
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
