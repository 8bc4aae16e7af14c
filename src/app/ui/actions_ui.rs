//! Action items that are SMART, the blame-language nudge, and the safety opening.

use eframe::egui::{self, RichText};

use crate::analysis::blame::blame_hits;
use crate::analysis::smart;
use crate::app::{RetrolineApp, SideTab};
use crate::doc::Edit;
use crate::model::time::format::{self, DUE_PICKER_FORMAT};
use crate::model::{ActionId, ActionItem, ActionStatus, Day, EventId, Link, Moment};
use crate::theme;

/// How a text field takes lines.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lines {
    /// One line that scrolls sideways; Enter finishes.
    One,
    /// One paragraph wrapped over this many rows; Enter finishes, Shift+Enter breaks the line.
    Wrapped(usize),
    /// Paragraphs over this many rows; Enter breaks the line.
    Paragraphs(usize),
}

/// A text field that marks blame language where it is typed and suggests a blameless question
/// below. It never blocks typing. Returns the field's response.
pub(crate) fn blame_aware_text_edit(
    ui: &mut egui::Ui,
    text: &mut String,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    lines: Lines,
    label_id: egui::Id,
) -> egui::Response {
    let mut layouter = |ui: &egui::Ui, buf: &dyn egui::TextBuffer, wrap_width: f32| {
        let text = buf.as_str();
        let font = egui::TextStyle::Body.resolve(ui.style());
        let normal = egui::TextFormat::simple(font, ui.visuals().text_color());
        let marked = egui::TextFormat {
            underline: egui::Stroke::new(2.0, theme::NUDGE),
            background: theme::palette(ui.ctx()).nudge_background,
            ..normal.clone()
        };
        let mut job = egui::text::LayoutJob::default();
        let mut at = 0;
        for hit in blame_hits(text) {
            job.append(&text[at..hit.range.start], 0.0, normal.clone());
            job.append(&text[hit.range.clone()], 0.0, marked.clone());
            at = hit.range.end;
        }
        job.append(&text[at..], 0.0, normal);
        // A one-line field scrolls sideways rather than wrapping.
        job.wrap.max_width = if lines == Lines::One {
            f32::INFINITY
        } else {
            wrap_width
        };
        ui.fonts_mut(|f| f.layout_job(job))
    };
    let edit = match lines {
        Lines::One => egui::TextEdit::singleline(text),
        Lines::Wrapped(rows) => egui::TextEdit::multiline(text)
            .desired_rows(rows)
            .return_key(egui::KeyboardShortcut::new(
                egui::Modifiers::SHIFT,
                egui::Key::Enter,
            )),
        Lines::Paragraphs(rows) => egui::TextEdit::multiline(text).desired_rows(rows),
    };
    let response = ui
        .add(
            edit.id_salt(id_salt)
                .desired_width(f32::INFINITY)
                .layouter(&mut layouter),
        )
        .labelled_by(label_id);
    if matches!(lines, Lines::Wrapped(_))
        && response.has_focus()
        && ui.input(|i| i.key_pressed(egui::Key::Enter) && !i.modifiers.shift)
    {
        response.surrender_focus();
    }
    nudge_ui(ui, text);
    response
}

/// The blameless questions for the blame phrases in `text`.
pub(crate) fn nudge_ui(ui: &mut egui::Ui, text: &str) {
    for hit in blame_hits(text).into_iter().take(2) {
        ui.label(
            RichText::new(format!(
                "\"{}\": try asking \"{}\"",
                hit.typed, hit.suggestion
            ))
            .color(theme::palette(ui.ctx()).nudge_text),
        );
    }
}

/// A change to an action item made with a control rather than by typing.
enum Change {
    Status(ActionStatus),
    Owner(String),
    Due(Option<Day>),
    Link(Link),
    Unlink(usize),
}

impl RetrolineApp {
    /// One week after the board's end (in its own offset), or after today for an empty board.
    pub(crate) fn default_due(&self) -> Day {
        let end = self
            .board_range()
            .map(|r| r.end.to_offset(self.display_offset()).datetime().date())
            .unwrap_or_else(|| format::today_in(jiff::tz::Offset::UTC));
        Day(end.saturating_add(jiff::Span::new().days(7)))
    }

    /// Adds an action item linked to `link` (if any), with the default due date, and shows it.
    pub fn create_action(&mut self, link: Option<Link>) {
        let due = self.default_due();
        self.send(Edit::AddAction(ActionItem {
            id: ActionId(0),
            text: String::new(),
            owner: String::new(),
            due: Some(due),
            done_when: String::new(),
            status: ActionStatus::Open,
            links: link.into_iter().collect(),
        }));
    }

    pub(crate) fn side_tabs_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.panel.side_tab, SideTab::Board, "Board");
            let n = self.doc.board().action_items.len();
            ui.selectable_value(
                &mut self.panel.side_tab,
                SideTab::Actions,
                format!("Action items ({n})"),
            );
            let to_review = self.doc.board().to_review();
            ui.selectable_value(
                &mut self.panel.side_tab,
                SideTab::Meeting,
                if to_review > 0 {
                    format!("Meeting ({to_review} to review)")
                } else {
                    "Meeting".to_owned()
                },
            );
        });
        ui.separator();
    }

    pub(crate) fn actions_ui(&mut self, ui: &mut egui::Ui) {
        if ui
            .button("New action item")
            .on_hover_text("Add an action item; link it to an event or divergence below")
            .clicked()
        {
            self.create_action(None);
        }
        ui.label(
            RichText::new(
                "Tip: select an event or a divergence and use its \"Action item\" button to link it.",
            )
            .weak(),
        );
        let dates = self.dates();
        let events: Vec<(EventId, String)> = self
            .doc
            .board()
            .events
            .iter()
            .map(|e| (e.id, format!("{} ({})", e.title, dates.time(e.time))))
            .collect();
        // Each link's event found in a map, not by searching all events for every link.
        let event_at: std::collections::HashMap<EventId, usize> = events
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i))
            .collect();
        let spans: Vec<(Moment, Moment, Moment, String)> = self
            .doc
            .derived()
            .spans
            .iter()
            .map(|s| {
                (
                    s.peak,
                    s.start,
                    s.end,
                    format!("divergence {} – {}", dates.time(s.start), dates.time(s.end)),
                )
            })
            .collect();
        let people: Vec<String> = self
            .doc
            .board()
            .participants
            .iter()
            .map(|p| p.name.clone())
            .collect();
        let default_due = self.default_due();
        let count = self.doc.board().action_items.len();
        let mut swap = None;
        let mut delete = None;
        // Typing is sent as it happens, one step per field; other changes after drawing, each
        // as its own undo step.
        let mut changes: Vec<(usize, Change)> = Vec::new();
        let focus = self.panel.focus_action.take();
        let mut typed_edits: Vec<(Edit, egui::Id)> = Vec::new();
        for i in 0..count {
            ui.add_space(6.0);
            let report = smart::check(&self.doc.board().action_items[i]);
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_max_width(ui.available_width());
                let mut item = self.doc.board().action_items[i].clone();
                let id = item.id;
                let mut typed: Option<egui::Id> = None;
                ui.horizontal(|ui| {
                    smart_letters_ui(ui, &report);
                    let mut done = item.status == ActionStatus::Done;
                    if ui.checkbox(&mut done, "done").changed() {
                        changes.push((
                            i,
                            Change::Status(if done {
                                ActionStatus::Done
                            } else {
                                ActionStatus::Open
                            }),
                        ));
                    }
                });
                for why in report.missing() {
                    ui.label(RichText::new(why).color(theme::palette(ui.ctx()).nudge_text));
                }
                let label = ui.label("Action");
                let text = blame_aware_text_edit(
                    ui,
                    &mut item.text,
                    ("action_text", id),
                    Lines::Wrapped(2),
                    label.id,
                );
                if focus == Some(id) {
                    text.request_focus();
                    text.scroll_to_me(Some(egui::Align::Center));
                }
                if text.changed() {
                    typed = Some(text.id);
                }
                ui.vertical(|ui| {
                    let label = ui.label("Owner");
                    ui.horizontal(|ui| {
                        let owner = ui
                            .add(
                                egui::TextEdit::singleline(&mut item.owner)
                                    .id_salt(("action_owner", id))
                                    .hint_text("a name")
                                    .desired_width(140.0),
                            )
                            .labelled_by(label.id);
                        if owner.changed() {
                            typed = Some(owner.id);
                        }
                        if !people.is_empty() {
                            egui::ComboBox::from_id_salt(("owner_pick", id))
                                .selected_text("pick")
                                .show_ui(ui, |ui| {
                                    for name in &people {
                                        if ui.selectable_label(item.owner == *name, name).clicked()
                                        {
                                            changes.push((i, Change::Owner(name.clone())));
                                        }
                                    }
                                })
                                .response
                                .on_hover_text("Choose the owner among the participants");
                        }
                    });

                    let label = ui.label("Due");
                    ui.horizontal(|ui| match item.due {
                        Some(Day(mut date)) => {
                            let picker = ui
                                .add(
                                    egui_extras::DatePickerButton::new(&mut date)
                                        .id_salt(&format!("due_{id}"))
                                        .show_icon(false)
                                        .format(DUE_PICKER_FORMAT),
                                )
                                .labelled_by(label.id);
                            if picker.changed() {
                                changes.push((i, Change::Due(Some(Day(date)))));
                            }
                            if ui.small_button("no date").clicked() {
                                changes.push((i, Change::Due(None)));
                            }
                        }
                        None => {
                            if ui.button("Set a due date").labelled_by(label.id).clicked() {
                                changes.push((i, Change::Due(Some(default_due))));
                            }
                        }
                    });

                    let label = ui.label("Done when");
                    let done_when = ui
                        .add(
                            egui::TextEdit::singleline(&mut item.done_when)
                                .id_salt(("action_done_when", id))
                                .hint_text("how everyone sees it is done")
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(label.id);
                    if done_when.changed() {
                        typed = Some(done_when.id);
                    }

                    ui.label("From");
                    ui.indent(("links", id), |ui| {
                        let mut unlink = None;
                        // A long list is shown in part: the rest is counted.
                        const SHOWN_LINKS: usize = 50;
                        for (n, link) in item.links.iter().enumerate().take(SHOWN_LINKS) {
                            let text = match link {
                                Link::Event(e) => event_at.get(e).map_or_else(
                                    || format!("event {e} (gone)"),
                                    |&i| events[i].1.clone(),
                                ),
                                // A divergence link is the span that contains its moment.
                                Link::Divergence(m) => spans
                                    .iter()
                                    .find(|(_, start, end, _)| {
                                        start.unix_nanos() <= m.unix_nanos()
                                            && m.unix_nanos() <= end.unix_nanos()
                                    })
                                    .map_or_else(
                                        || format!("divergence at {}", dates.time(*m)),
                                        |(.., t)| t.clone(),
                                    ),
                            };
                            ui.horizontal_wrapped(|ui| {
                                if ui.small_button("unlink").clicked() {
                                    unlink = Some(n);
                                }
                                ui.add(egui::Label::new(text).wrap());
                            });
                        }
                        if item.links.len() > SHOWN_LINKS {
                            ui.label(
                                egui::RichText::new(format!(
                                    "and {} more",
                                    item.links.len() - SHOWN_LINKS
                                ))
                                .weak(),
                            );
                        }
                        if let Some(n) = unlink {
                            changes.push((i, Change::Unlink(n)));
                        }
                        egui::ComboBox::from_id_salt(("link_pick", id))
                            .selected_text("link…")
                            .show_ui(ui, |ui| {
                                for (e, text) in &events {
                                    if ui.selectable_label(false, text).clicked() {
                                        changes.push((i, Change::Link(Link::Event(*e))));
                                    }
                                }
                                for (peak, _, _, text) in &spans {
                                    if ui.selectable_label(false, text).clicked() {
                                        changes.push((i, Change::Link(Link::Divergence(*peak))));
                                    }
                                }
                            })
                            .response
                            .on_hover_text("Link an event or a divergence");
                    });
                });
                ui.horizontal(|ui| {
                    if ui.add_enabled(i > 0, egui::Button::new("Up")).clicked() {
                        swap = Some((i, i - 1));
                    }
                    if ui
                        .add_enabled(i + 1 < count, egui::Button::new("Down"))
                        .clicked()
                    {
                        swap = Some((i, i + 1));
                    }
                    if ui.button("Delete action item").clicked() {
                        delete = Some(i);
                    }
                });
                if let Some(key) = typed {
                    typed_edits.push((Edit::UpdateAction(item), key));
                }
            });
        }
        for (edit, key) in typed_edits {
            self.send_merging(edit, key);
        }
        for (i, change) in changes {
            if let Some(mut item) = self.doc.board().action_items.get(i).cloned() {
                match change {
                    Change::Status(status) => item.status = status,
                    Change::Owner(owner) => item.owner = owner,
                    Change::Due(due) => item.due = due,
                    Change::Link(link) => item.links.push(link),
                    Change::Unlink(n) => {
                        if n < item.links.len() {
                            item.links.remove(n);
                        }
                    }
                }
                self.send(Edit::UpdateAction(item));
            }
        }
        let items = &self.doc.board().action_items;
        if let Some((a, b)) = swap
            && let (Some(a), Some(b)) = (items.get(a), items.get(b))
        {
            let (a, b) = (a.id, b.id);
            self.send(Edit::SwapActions(a, b));
        }
        if let Some(item) = delete.and_then(|i| self.doc.board().action_items.get(i)) {
            let id = item.id;
            self.send(Edit::DeleteAction(id));
        }
    }

    /// The safety opening: the statement, editable, and "Begin", which records when it was shown.
    pub(crate) fn safety_modal_ui(&mut self, ctx: &egui::Context) {
        let mut begin = false;
        let mut statement_text = self.doc.board().safety.statement.clone();
        let mut typed = None;
        egui::Modal::new(egui::Id::unique("safety_opening")).show(ctx, |ui| {
            ui.set_width(760.0);
            ui.heading("Before we start");
            ui.add_space(6.0);
            let label = ui.label("Safety statement (read it aloud; edit it for this team)");
            let statement = ui
                .add(
                    egui::TextEdit::multiline(&mut statement_text)
                        .desired_rows(5)
                        .desired_width(f32::INFINITY)
                        .font(egui::TextStyle::Heading)
                        // Enter begins, as the button does; Shift+Enter starts a new line.
                        .return_key(egui::KeyboardShortcut::new(
                            egui::Modifiers::SHIFT,
                            egui::Key::Enter,
                        )),
                )
                .labelled_by(label.id);
            if statement.changed() {
                typed = Some(statement.id);
            }
            let entered = statement.has_focus()
                && ui.input(|i| i.key_pressed(egui::Key::Enter) && !i.modifiers.shift);
            ui.add_space(8.0);
            begin = ui
                .button(RichText::new("Begin").size(theme::HEADING_SIZE))
                .on_hover_text("Record that the statement was shown, and start (Enter)")
                .clicked()
                || entered;
        });
        if let Some(key) = typed {
            self.send_merging(Edit::SetSafetyStatement(statement_text), key);
        }
        if begin {
            self.modal = None;
            // To the second, in the board's offset.
            let now = jiff::Timestamp::now();
            let now = jiff::Timestamp::from_second(now.as_second()).unwrap_or(now);
            self.send(Edit::MarkSafetyShown(Moment::from_timestamp(
                now,
                self.display_offset(),
            )));
        }
    }
}

/// S M A R T, each green when met and dim when missing.
fn smart_letters_ui(ui: &mut egui::Ui, report: &smart::SmartReport) {
    let palette = theme::palette(ui.ctx());
    for letter in &report.letters {
        let met = letter.missing.is_none();
        let colour = if met {
            palette.smart_met
        } else {
            ui.visuals().weak_text_color()
        };
        let text = RichText::new(letter.letter.to_string())
            .size(theme::HEADING_SIZE - 6.0)
            .strong()
            .color(colour);
        let text = if met { text } else { text.strikethrough() };
        ui.label(text).on_hover_text(match &letter.missing {
            None => format!("{}: yes", letter.name),
            Some(why) => why.clone(),
        });
    }
}
