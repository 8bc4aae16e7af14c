//! *Import into this board…*: a Slack export, a PagerDuty log or an events CSV, shown first in a
//! preview (what becomes an event and in which lane, what is left out and why, with filters),
//! then merged into the open board as one undo step.

use std::path::{Path, PathBuf};

use eframe::egui::{self, RichText};

use super::RetrolineApp;
use super::dialogs::Answer;
use super::effect::Effect;
use crate::doc::{Edit, ImportedEvent};
use crate::io::incident_import::{
    Candidate, Filters, Selection, read_pagerduty, read_slack, select,
};

/// The most rows the preview lists of each kind; the counts say how many more there are.
const SHOWN_ROWS: usize = 300;

/// What kind of file is being imported.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Source {
    /// A Slack export, with its channels and the one chosen.
    Slack {
        channels: Vec<String>,
        channel: String,
    },
    PagerDuty,
    Csv,
}

/// An import waiting for the facilitator to look at it.
pub(crate) struct ImportPreview {
    pub path: PathBuf,
    pub source: Source,
    pub candidates: Vec<Candidate>,
    pub filters: Filters,
    pub from_text: String,
    pub to_text: String,
    /// Why the time window's text is not a time, if it is not.
    pub window_error: Option<String>,
    /// Why the chosen channel could not be read (another channel, or a time window, may do).
    pub read_error: Option<String>,
    /// What the filters picked, and for which filters and board revision.
    picked: Option<((Filters, u64), Selection)>,
}

impl ImportPreview {
    fn new(path: &Path, source: Source, candidates: Vec<Candidate>) -> Self {
        Self {
            path: path.to_owned(),
            source,
            candidates,
            filters: Filters::default(),
            from_text: String::new(),
            to_text: String::new(),
            window_error: None,
            read_error: None,
            picked: None,
        }
    }
}

/// Whether `path` looks like something to import rather than a board: a ZIP, a folder, JSON or
/// CSV.
pub(crate) fn is_importable(path: &Path) -> bool {
    path.is_dir()
        || path.extension().is_some_and(|e| {
            ["zip", "json", "csv"]
                .iter()
                .any(|x| e.eq_ignore_ascii_case(x))
        })
}

impl RetrolineApp {
    pub(crate) fn ask_and_import(&mut self) {
        match self.shell.dialogs.open_import() {
            Answer::Chosen(path) => self.preview_import(&path),
            Answer::Cancelled => {}
            Answer::Unavailable => {
                self.session.modal = Some(super::Modal::TypePath {
                    purpose: super::PathPurpose::Import,
                    text: super::files::suggested_path(""),
                });
            }
        }
    }

    /// Reads `path` and shows what importing it would add; a file that cannot be read is
    /// reported and nothing changes.
    pub fn preview_import(&mut self, path: &Path) {
        match self.read_import(path) {
            Ok(preview) => self.session.import_preview = Some(Box::new(preview)),
            Err(err) => self
                .shell
                .notifications
                .error(format!("{err}. The board is unchanged.")),
        }
    }

    fn read_import(&self, path: &Path) -> Result<ImportPreview, String> {
        let offset = self.session.doc.board().offset_with(self.board_range());
        let is = |ext: &str| {
            path.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case(ext))
        };
        let (source, candidates) = if is("csv") {
            let rows = crate::io::csv_import::read_csv_file(path)
                .and_then(|data| crate::io::csv_import::parse_events(path, &data))
                .map_err(|e| e.to_string())?;
            let candidates = rows
                .into_iter()
                .map(|row| Candidate {
                    row,
                    marked: true,
                    never: None,
                    source: "CSV".to_owned(),
                    unmarked: "",
                })
                .collect();
            (Source::Csv, candidates)
        } else if is("json") {
            (
                Source::PagerDuty,
                read_pagerduty(path, offset).map_err(|e| e.to_string())?,
            )
        } else {
            let channels =
                crate::io::incident_import::slack_channels(path).map_err(|e| e.to_string())?;
            // The channel an incident is in, by its usual names; else the first.
            let channel = channels
                .iter()
                .find(|c| c.contains("incident") || c.contains("inc-"))
                .or(channels.first())
                .cloned()
                .ok_or_else(|| format!("{}: the export has no channels", path.display()))?;
            // A channel that cannot be read still opens the preview: another channel, or a
            // time window, may do.
            return Ok(match read_slack(path, &channel, None, None, offset) {
                Ok(candidates) => {
                    ImportPreview::new(path, Source::Slack { channels, channel }, candidates)
                }
                Err(err) => ImportPreview {
                    read_error: Some(err.to_string()),
                    ..ImportPreview::new(path, Source::Slack { channels, channel }, Vec::new())
                },
            });
        };
        Ok(ImportPreview::new(path, source, candidates))
    }

    /// The preview: filters, what becomes an event, what is left out; *Import* merges it.
    pub(crate) fn import_preview_ui(&mut self, ctx: &egui::Context) {
        let Some(mut preview) = self.session.import_preview.take() else {
            return;
        };
        // What the filters pick is worked out again only when they, the candidates or the board
        // change, not every frame.
        let key = (preview.filters.clone(), self.session.doc.revision());
        let picked = match preview.picked.take() {
            Some((k, picked)) if k == key => picked,
            _ => self.pick(&preview),
        };
        let dates = self.dates();
        let mut decided = None;
        let mut channel_chosen = None;
        let response = egui::Modal::new(egui::Id::unique("import_preview")).show(ctx, |ui| {
            ui.set_width((ctx.content_rect().width() * 0.8).clamp(360.0, 1100.0));
            ui.heading("Import into this board");
            ui.label(RichText::new(preview.path.display().to_string()).weak());
            channel_chosen = filters_ui(ui, &mut preview);
            ui.separator();
            ui.strong(format!(
                "{} become events · {} left out",
                picked.kept.len(),
                picked.left_out.len()
            ));
            rows_ui(ui, ctx, &picked, &dates);
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let n = picked.kept.len();
                let ok = ui.add_enabled(
                    n > 0 && preview.window_error.is_none(),
                    egui::Button::new(format!("Import {n} event{}", if n == 1 { "" } else { "s" })),
                );
                if ok.clicked() {
                    decided = Some(true);
                }
                if ui.button("Cancel").clicked() {
                    decided = Some(false);
                }
            });
        });
        if response.should_close() && decided.is_none() {
            decided = Some(false);
        }
        match decided {
            Some(true) => {
                let events = picked
                    .kept
                    .into_iter()
                    .map(|r| ImportedEvent {
                        time: r.time,
                        title: r.title,
                        lane: r.lane,
                        notes: r.notes,
                        kind: r.kind,
                    })
                    .collect();
                self.push(Effect::Import {
                    events,
                    from: preview.path.clone(),
                });
            }
            Some(false) => {}
            None => {
                if let Some(channel) = channel_chosen {
                    self.push(Effect::ReadChannel(channel));
                } else {
                    preview.picked = Some((key, picked));
                }
                self.session.import_preview = Some(preview);
            }
        }
    }

    /// What the preview's filters pick from its candidates, next to the board's events.
    fn pick(&self, preview: &ImportPreview) -> Selection {
        let existing: Vec<crate::io::csv_import::EventRow> = self
            .session
            .doc
            .board()
            .events
            .iter()
            .map(|e| crate::io::csv_import::EventRow {
                time: e.time,
                title: e.title.clone(),
                lane: String::new(),
                notes: String::new(),
                kind: crate::model::EventKind::None,
            })
            .collect();
        select(&preview.candidates, &preview.filters, &existing)
    }

    /// Reads the preview's Slack `channel` again, within its time window.
    pub(crate) fn read_channel(&mut self, channel: String) {
        let offset = self.session.doc.board().offset_with(self.board_range());
        let Some(preview) = self.session.import_preview.as_mut() else {
            return;
        };
        let (from, to) = (preview.filters.from, preview.filters.to);
        match read_slack(&preview.path, &channel, from, to, offset) {
            Ok(candidates) => {
                preview.candidates = candidates;
                preview.read_error = None;
            }
            Err(err) => {
                preview.candidates.clear();
                preview.read_error = Some(err.to_string());
            }
        }
        preview.picked = None;
        if let Source::Slack { channel: c, .. } = &mut preview.source {
            *c = channel;
        }
    }

    /// Merges the events an import preview kept into the board, as one undo step.
    pub(crate) fn import_events(&mut self, events: Vec<ImportedEvent>, from: &Path) {
        let n = events.len();
        if self.edit_now(Edit::ImportEvents(events), None) {
            self.shell
                .notifications
                .info(format!("Imported {n} events from {}", from.display()));
            self.session.view.fit_requested = true;
        }
    }
}

/// The preview's channel, filters and time window. Returns the channel to read (again), if
/// one was chosen.
fn filters_ui(ui: &mut egui::Ui, p: &mut ImportPreview) -> Option<String> {
    let mut channel_chosen = None;
    ui.horizontal_wrapped(|ui| {
        if let Source::Slack { channels, channel } = &p.source {
            let mut chosen = channel.clone();
            egui::ComboBox::from_label("Channel")
                .selected_text(format!("#{chosen}"))
                .show_ui(ui, |ui| {
                    for c in channels {
                        ui.selectable_value(&mut chosen, c.clone(), format!("#{c}"));
                    }
                });
            if chosen != *channel {
                channel_chosen = Some(chosen);
            }
        }
        if !matches!(p.source, Source::Csv) {
            ui.checkbox(&mut p.filters.all, "All messages and entries")
                .on_hover_text(
                    "Not only pinned Slack messages (and those with a 📌), and PagerDuty's \
                         notifications too",
                );
        }
    });
    ui.horizontal_wrapped(|ui| {
        for (label, text) in [("From", &mut p.from_text), ("To", &mut p.to_text)] {
            ui.label(label);
            let field = ui.add(
                egui::TextEdit::singleline(text)
                    .hint_text("2026-03-14T01:00:00+01:00")
                    .desired_width(220.0),
            );
            field.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, format!("{label} time"))
            });
        }
        ui.label("Search");
        let search = ui.add(egui::TextEdit::singleline(&mut p.filters.search).desired_width(180.0));
        search
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Search text"));
    });
    let parse = |t: &str| {
        let t = t.trim();
        (!t.is_empty())
            .then(|| crate::model::Moment::parse_rfc3339(t))
            .transpose()
    };
    match (parse(&p.from_text), parse(&p.to_text)) {
        (Ok(from), Ok(to)) => {
            p.filters.from = from;
            p.filters.to = to;
            p.window_error = None;
        }
        (Err(e), _) | (_, Err(e)) => p.window_error = Some(e),
    }
    if let Some(why) = &p.window_error {
        ui.colored_label(ui.visuals().error_fg_color, format!("Time window: {why}"));
    }
    if matches!(p.source, Source::Slack { .. }) {
        ui.horizontal_wrapped(|ui| {
            if let Some(why) = &p.read_error {
                ui.colored_label(ui.visuals().error_fg_color, why);
            }
            if ui
                .button("Read the channel again")
                .on_hover_text("Only the days of the time window above, when it is given")
                .clicked()
                && let Source::Slack { channel, .. } = &p.source
            {
                channel_chosen = Some(channel.clone());
            }
        });
    }
    channel_chosen
}

/// What becomes an event and what is left out, and why.
fn rows_ui(
    ui: &mut egui::Ui,
    ctx: &egui::Context,
    picked: &Selection,
    dates: &crate::model::time::format::BoardDates,
) {
    egui::ScrollArea::vertical()
        .max_height(ctx.content_rect().height() * 0.5)
        .show(ui, |ui| {
            egui::Grid::new("import_rows")
                .num_columns(3)
                .striped(true)
                .show(ui, |ui| {
                    for row in picked.kept.iter().take(SHOWN_ROWS) {
                        ui.label(dates.time(row.time));
                        ui.label(RichText::new(&row.lane).strong());
                        ui.label(&row.title);
                        ui.end_row();
                    }
                });
            if picked.kept.len() > SHOWN_ROWS {
                ui.label(format!("and {} more", picked.kept.len() - SHOWN_ROWS));
            }
            if !picked.left_out.is_empty() {
                ui.add_space(6.0);
                ui.strong("Left out");
                egui::Grid::new("import_left_out")
                    .num_columns(3)
                    .show(ui, |ui| {
                        for (row, why) in picked.left_out.iter().take(SHOWN_ROWS) {
                            ui.label(RichText::new(dates.time(row.time)).weak());
                            ui.label(RichText::new(&row.title).weak());
                            ui.label(RichText::new(why).italics());
                            ui.end_row();
                        }
                    });
                if picked.left_out.len() > SHOWN_ROWS {
                    ui.label(format!("and {} more", picked.left_out.len() - SHOWN_ROWS));
                }
            }
        });
}
