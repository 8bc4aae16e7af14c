//! Action items that are SMART, the blame-language nudge, and the safety opening.

use eframe::egui::{self, RichText};

use crate::analysis::blame::blame_hits;
use crate::analysis::smart;
use crate::app::{RetrolineApp, SideTab};
use crate::model::time::format::{self, DUE_PICKER_FORMAT};
use crate::model::{ActionId, ActionItem, ActionStatus, Day, EventId, Link, Moment};
use crate::theme;

/// A text field that marks blame language where it is typed and suggests a blameless question
/// below. It never blocks typing. Returns the field's response.
pub(crate) fn blame_aware_text_edit(
    ui: &mut egui::Ui,
    text: &mut String,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    rows: usize,
    label_id: egui::Id,
) -> egui::Response {
    let mut layouter = |ui: &egui::Ui, buf: &dyn egui::TextBuffer, wrap_width: f32| {
        let text = buf.as_str();
        let font = egui::TextStyle::Body.resolve(ui.style());
        let normal = egui::TextFormat::simple(font, ui.visuals().text_color());
        let marked = egui::TextFormat {
            underline: egui::Stroke::new(2.0, theme::NUDGE),
            background: theme::nudge_background(ui.visuals().dark_mode),
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
        job.wrap.max_width = if rows > 1 { wrap_width } else { f32::INFINITY };
        ui.fonts_mut(|f| f.layout_job(job))
    };
    let edit = if rows > 1 {
        egui::TextEdit::multiline(text).desired_rows(rows)
    } else {
        egui::TextEdit::singleline(text)
    };
    let response = ui
        .add(
            edit.id_salt(id_salt)
                .desired_width(f32::INFINITY)
                .layouter(&mut layouter),
        )
        .labelled_by(label_id);
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
            .color(theme::nudge_text(ui.visuals().dark_mode)),
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
    pub fn create_action(&mut self, link: Option<Link>) -> ActionId {
        let id = self.board.next_action_id();
        let due = self.default_due();
        self.begin_action();
        self.board.action_items.push(ActionItem {
            id,
            text: String::new(),
            owner: String::new(),
            due: Some(due),
            done_when: String::new(),
            status: ActionStatus::Open,
            links: link.into_iter().collect(),
        });
        self.end_action();
        self.side_tab = SideTab::Actions;
        self.focus_action = Some(id);
        id
    }

    pub(crate) fn side_tabs_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.side_tab, SideTab::Board, "Board");
            let n = self.board.action_items.len();
            ui.selectable_value(
                &mut self.side_tab,
                SideTab::Actions,
                format!("Action items ({n})"),
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
            .board
            .events
            .iter()
            .map(|e| (e.id, format!("{} ({})", e.title, dates.time(e.time))))
            .collect();
        let spans: Vec<(Moment, Moment, Moment, String)> = self
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
            .board
            .participants
            .iter()
            .map(|p| p.name.clone())
            .collect();
        let default_due = self.default_due();
        let count = self.board.action_items.len();
        let mut swap = None;
        let mut delete = None;
        let mut typed = false;
        // Changes other than typing are applied after drawing, each as its own undo step.
        let mut changes: Vec<(usize, Change)> = Vec::new();
        let focus = self.focus_action.take();
        for i in 0..count {
            ui.add_space(6.0);
            let report = smart::check(&self.board.action_items[i]);
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_max_width(ui.available_width());
                let item = &mut self.board.action_items[i];
                let id = item.id;
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
                    ui.label(RichText::new(why).color(theme::nudge_text(ui.visuals().dark_mode)));
                }
                let label = ui.label("Action");
                let text =
                    blame_aware_text_edit(ui, &mut item.text, ("action_text", id), 2, label.id);
                if focus == Some(id) {
                    text.request_focus();
                    text.scroll_to_me(Some(egui::Align::Center));
                }
                typed |= text.changed();
                ui.vertical(|ui| {
                    let label = ui.label("Owner");
                    ui.horizontal(|ui| {
                        typed |= ui
                            .add(
                                egui::TextEdit::singleline(&mut item.owner)
                                    .id_salt(("action_owner", id))
                                    .hint_text("a name")
                                    .desired_width(140.0),
                            )
                            .labelled_by(label.id)
                            .changed();
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
                    typed |= ui
                        .add(
                            egui::TextEdit::singleline(&mut item.done_when)
                                .id_salt(("action_done_when", id))
                                .hint_text("how everyone sees it is done")
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(label.id)
                        .changed();

                    ui.label("From");
                    ui.indent(("links", id), |ui| {
                        let mut unlink = None;
                        for (n, link) in item.links.iter().enumerate() {
                            let text = match link {
                                Link::Event(e) => {
                                    events.iter().find(|(id, _)| id == e).map_or_else(
                                        || format!("event {e} (gone)"),
                                        |(.., t)| t.clone(),
                                    )
                                }
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
            });
        }
        if typed {
            self.edited();
        }
        for (i, change) in changes {
            self.begin_action();
            if let Some(item) = self.board.action_items.get_mut(i) {
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
            }
            self.end_action();
        }
        if let Some((a, b)) = swap {
            self.begin_action();
            self.board.action_items.swap(a, b);
            self.end_action();
        }
        if let Some(i) = delete {
            self.begin_action();
            self.board.action_items.remove(i);
            self.end_action();
        }
    }

    /// The safety opening: the statement, editable, and "Begin", which records when it was shown.
    pub(crate) fn safety_modal_ui(&mut self, ctx: &egui::Context) {
        let mut begin = false;
        egui::Modal::new(egui::Id::unique("safety_opening")).show(ctx, |ui| {
            ui.set_width(760.0);
            ui.heading("Before we start");
            ui.add_space(6.0);
            let label = ui.label("Safety statement (read it aloud; edit it for this team)");
            let statement = ui
                .add(
                    egui::TextEdit::multiline(&mut self.board.safety.statement)
                        .desired_rows(5)
                        .desired_width(f32::INFINITY)
                        .font(egui::TextStyle::Heading),
                )
                .labelled_by(label.id);
            if statement.changed() {
                self.edited();
            }
            ui.add_space(8.0);
            begin = ui
                .button(RichText::new("Begin").size(theme::HEADING_SIZE))
                .on_hover_text("Record that the statement was shown, and start")
                .clicked();
        });
        if begin {
            self.modal = None;
            self.begin_action();
            // To the second, in the board's offset.
            let now = jiff::Timestamp::now();
            let now = jiff::Timestamp::from_second(now.as_second()).unwrap_or(now);
            self.board.safety.shown_at = Some(Moment::from_timestamp(now, self.display_offset()));
            self.end_action();
        }
    }
}

/// S M A R T, each green when met and dim when missing.
fn smart_letters_ui(ui: &mut egui::Ui, report: &smart::SmartReport) {
    let dark = ui.visuals().dark_mode;
    for letter in &report.letters {
        let met = letter.missing.is_none();
        let colour = if met {
            theme::smart_met(dark)
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
