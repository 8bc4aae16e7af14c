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

/// What is typed is text at full contrast, never grey like a hint.
fn typed_text_colour(visuals: &egui::Visuals) -> egui::Color32 {
    visuals
        .override_text_color
        .unwrap_or_else(|| visuals.strong_text_color())
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
        let normal = egui::TextFormat::simple(font, typed_text_colour(ui.visuals()));
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
    /// One week after today (the test clock's today, else the clock's, in the board's offset):
    /// a due date typically within a week, and never in the past, whenever the board was.
    pub(crate) fn default_due(&self) -> Day {
        let today = self
            .shell
            .today
            .unwrap_or_else(|| format::today_in(self.display_offset()));
        Day(today.saturating_add(jiff::Span::new().days(7)))
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
            ui.selectable_value(&mut self.session.panel.side_tab, SideTab::Board, "Board");
            let n = self.session.doc.board().action_items.len();
            ui.selectable_value(
                &mut self.session.panel.side_tab,
                SideTab::Actions,
                format!("Action items ({n})"),
            );
            let to_review = self.session.doc.board().to_review();
            ui.selectable_value(
                &mut self.session.panel.side_tab,
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
        let lists = self.action_lists();
        let count = self.session.doc.board().action_items.len();
        let focus = self.session.panel.focus_action.take();
        let mut asked = Asked::default();
        for i in 0..count {
            ui.add_space(6.0);
            let mut item = self.session.doc.board().action_items[i].clone();
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_max_width(ui.available_width());
                action_item_ui(ui, &lists, (i, count), &mut item, focus, &mut asked);
            });
        }
        self.send_asked(asked);
    }

    /// What the action items' rows choose from: events, divergences, people, the due date.
    fn action_lists(&self) -> ActionLists {
        let dates = self.dates();
        let board = self.session.doc.board();
        let events: Vec<(EventId, String)> = board
            .events
            .iter()
            .map(|e| (e.id, format!("{} ({})", e.title, dates.time(e.time))))
            .collect();
        // Each link's event found in a map, not by searching all events for every link.
        let event_at = events
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i))
            .collect();
        let spans = self
            .session
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
        ActionLists {
            events,
            event_at,
            spans,
            people: board.participants.iter().map(|p| p.name.clone()).collect(),
            insights: board
                .insights
                .iter()
                .map(|i| (i.id, board.insight_name(i.id)))
                .collect(),
            default_due: self.default_due(),
            dates,
        }
    }

    /// Sends what the rows asked for: typing as it happens, one step per field; other changes
    /// each as its own undo step.
    fn send_asked(&mut self, asked: Asked) {
        for (edit, key) in asked.typed {
            self.send_merging(edit, key);
        }
        for (i, change) in asked.changes {
            if let Some(mut item) = self.session.doc.board().action_items.get(i).cloned() {
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
        let items = &self.session.doc.board().action_items;
        let id_at = |i: usize| items.get(i).map(|item| item.id);
        let swap = asked.swap.and_then(|(a, b)| Some((id_at(a)?, id_at(b)?)));
        let delete = asked.delete.and_then(id_at);
        if let Some((a, b)) = swap {
            self.send(Edit::SwapActions(a, b));
        }
        if let Some(id) = delete {
            self.send(Edit::DeleteAction(id));
        }
    }

    /// The safety opening: the statement, editable, and "Begin", which records when it was shown.
    pub(crate) fn safety_modal_ui(&mut self, ctx: &egui::Context) {
        let mut begin = false;
        let mut statement_text = self.session.doc.board().safety.statement.clone();
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
            // Enter begins wherever the keyboard is in the question (Shift+Enter is a line
            // break in the statement); a focused button takes its own Enter.
            let entered = ui.input(|i| i.key_pressed(egui::Key::Enter) && !i.modifiers.shift)
                && (statement.has_focus() || ui.ctx().memory(|m| m.focused().is_none()));
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
            self.session.modal = None;
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

/// What the action items' rows choose from.
struct ActionLists {
    /// Each event and how it is named in a link.
    events: Vec<(EventId, String)>,
    /// Each event's place in `events`.
    event_at: std::collections::HashMap<EventId, usize>,
    /// Each divergence: its peak, start, end and name.
    spans: Vec<(Moment, Moment, Moment, String)>,
    people: Vec<String>,
    /// Each insight and how a link names it.
    insights: Vec<(crate::model::InsightId, String)>,
    default_due: Day,
    dates: format::BoardDates,
}

impl ActionLists {
    fn insight_name(&self, id: crate::model::InsightId) -> String {
        self.insights
            .iter()
            .find(|(i, _)| *i == id)
            .map_or_else(|| format!("insight {id} (gone)"), |(_, t)| t.clone())
    }
}

/// What the rows of action items asked for while drawn.
#[derive(Default)]
struct Asked {
    /// Typing into a field, with the field's id.
    typed: Vec<(Edit, egui::Id)>,
    /// Other changes, by the item's place.
    changes: Vec<(usize, Change)>,
    swap: Option<(usize, usize)>,
    delete: Option<usize>,
}

/// Action item `i` of `count`: SMART letters, text, owner, due date, done-when, links and
/// the buttons that move and delete it.
fn action_item_ui(
    ui: &mut egui::Ui,
    lists: &ActionLists,
    (i, count): (usize, usize),
    item: &mut ActionItem,
    focus: Option<ActionId>,
    asked: &mut Asked,
) {
    let report = smart::check(item);
    let id = item.id;
    let mut typed: Option<egui::Id> = None;
    ui.horizontal(|ui| {
        smart_letters_ui(ui, &report);
        let mut done = item.status == ActionStatus::Done;
        if ui.checkbox(&mut done, "done").changed() {
            let status = if done {
                ActionStatus::Done
            } else {
                ActionStatus::Open
            };
            asked.changes.push((i, Change::Status(status)));
        }
    });
    missing_ui(ui, id, &report);
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
        if let Some(key) = owner_ui(ui, lists, i, item, asked) {
            typed = Some(key);
        }
        due_ui(ui, lists, i, item, asked);
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
        ui.indent(("links", id), |ui| links_ui(ui, lists, i, item, asked));
    });
    ui.horizontal(|ui| {
        if ui.add_enabled(i > 0, egui::Button::new("Up")).clicked() {
            asked.swap = Some((i, i - 1));
        }
        if ui
            .add_enabled(i + 1 < count, egui::Button::new("Down"))
            .clicked()
        {
            asked.swap = Some((i, i + 1));
        }
        if ui.button("Delete action item").clicked() {
            asked.delete = Some(i);
        }
    });
    if let Some(key) = typed {
        asked.typed.push((Edit::UpdateAction(item.clone()), key));
    }
}

/// What the item still lacks, one line each. While the pointer is on the fields below the
/// lines (this item's, or the next ones in view), or one of them has the keyboard, the lines
/// keep the room they took: a hint that goes as its field is filled in does not move the next
/// field from under the pointer. They close up once the pointer and the keyboard are elsewhere.
fn missing_ui(ui: &mut egui::Ui, id: ActionId, report: &smart::SmartReport) {
    let key = egui::Id::unique(("action_hints", id));
    let (kept_height, item_rect): (f32, egui::Rect) = ui
        .data(|d| d.get_temp(key))
        .unwrap_or((0.0, egui::Rect::NOTHING));
    let ctx = ui.ctx().clone();
    let busy = ui.rect_contains_pointer(item_rect)
        || ctx.memory(|m| m.focused()).is_some_and(|f| {
            ctx.read_response(f)
                .is_some_and(|r| item_rect.contains(r.rect.center()))
        });
    let top = ui.cursor().min.y;
    let block = ui.vertical(|ui| {
        if busy {
            ui.set_min_height(kept_height);
        }
        for why in report.missing() {
            ui.label(RichText::new(why).color(theme::palette(ui.ctx()).nudge_text));
        }
    });
    let height = block.response.rect.height();
    // Everything below the lines that is in view (known a frame late, which is enough).
    let item = egui::Rect::from_min_max(
        egui::pos2(ui.max_rect().min.x, top),
        egui::pos2(ui.max_rect().max.x, top + 2000.0),
    )
    .intersect(ui.clip_rect());
    let kept = if busy {
        height.max(kept_height)
    } else {
        height
    };
    ui.data_mut(|d| d.insert_temp(key, (kept, item)));
}

/// The owner: typed, or picked among the participants. Returns the field's id when typed into.
fn owner_ui(
    ui: &mut egui::Ui,
    lists: &ActionLists,
    i: usize,
    item: &mut ActionItem,
    asked: &mut Asked,
) -> Option<egui::Id> {
    let id = item.id;
    let mut typed = None;
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
        if !lists.people.is_empty() {
            egui::ComboBox::from_id_salt(("owner_pick", id))
                .selected_text("pick")
                .show_ui(ui, |ui| {
                    for name in &lists.people {
                        if ui.selectable_label(item.owner == *name, name).clicked() {
                            asked.changes.push((i, Change::Owner(name.clone())));
                        }
                    }
                })
                .response
                .on_hover_text("Choose the owner among the participants");
        }
    });
    typed
}

/// The steps beside the due date's picker: what each says, how many days, and its tooltip.
const DUE_STEPS: [(&str, i64, &str); 3] = [
    ("−1 day", -1, "One day earlier"),
    ("+1 day", 1, "One day later"),
    ("+1 week", 7, "One week later"),
];

/// The due date: a date picker with worded steps beside it, or a button to set one.
fn due_ui(ui: &mut egui::Ui, lists: &ActionLists, i: usize, item: &ActionItem, asked: &mut Asked) {
    let id = item.id;
    let label = ui.label("Due");
    // Wrapped: in a narrow side panel the steps go to a second line rather than past its edge.
    ui.horizontal_wrapped(|ui| match item.due {
        Some(Day(mut date)) => {
            let picker = ui
                .add(
                    // Its popup's `<` `>>` `>>>` say nothing to a facilitator: without them it
                    // keeps its year, month and day lists and the calendar, and the steps
                    // people take most are the worded buttons beside it.
                    egui_extras::DatePickerButton::new(&mut date)
                        .id_salt(&format!("due_{id}"))
                        .show_icon(false)
                        .arrows(false)
                        .format(DUE_PICKER_FORMAT),
                )
                .labelled_by(label.id)
                .on_hover_text("Pick the due date: year, month and day lists, or the calendar");
            let mut changed = picker.changed();
            for (text, days, hint) in DUE_STEPS {
                if ui.small_button(text).on_hover_text(hint).clicked() {
                    date = date.saturating_add(jiff::Span::new().days(days));
                    changed = true;
                }
            }
            if changed {
                asked.changes.push((i, Change::Due(Some(Day(date)))));
            }
            if ui.small_button("no date").clicked() {
                asked.changes.push((i, Change::Due(None)));
            }
        }
        None => {
            if ui.button("Set a due date").labelled_by(label.id).clicked() {
                asked
                    .changes
                    .push((i, Change::Due(Some(lists.default_due))));
            }
        }
    });
}

/// What the item comes from: its links (the first 50, the rest counted), each with *unlink*,
/// and a list to link another event or divergence.
fn links_ui(
    ui: &mut egui::Ui,
    lists: &ActionLists,
    i: usize,
    item: &ActionItem,
    asked: &mut Asked,
) {
    const SHOWN_LINKS: usize = 50;
    let mut unlink = None;
    for (n, link) in item.links.iter().enumerate().take(SHOWN_LINKS) {
        let text = match link {
            Link::Event(e) => lists.event_at.get(e).map_or_else(
                || format!("event {e} (gone)"),
                |&i| lists.events[i].1.clone(),
            ),
            // A divergence link is the span that contains its moment.
            Link::Divergence(m) => lists
                .spans
                .iter()
                .find(|(_, start, end, _)| {
                    start.unix_nanos() <= m.unix_nanos() && m.unix_nanos() <= end.unix_nanos()
                })
                .map_or_else(
                    || format!("divergence at {}", lists.dates.time(*m)),
                    |(.., t)| t.clone(),
                ),
            Link::Insight(id) => lists.insight_name(*id),
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
            egui::RichText::new(format!("and {} more", item.links.len() - SHOWN_LINKS)).weak(),
        );
    }
    if let Some(n) = unlink {
        asked.changes.push((i, Change::Unlink(n)));
    }
    egui::ComboBox::from_id_salt(("link_pick", item.id))
        .selected_text("link…")
        .show_ui(ui, |ui| {
            for (e, text) in &lists.events {
                if ui.selectable_label(false, text).clicked() {
                    asked.changes.push((i, Change::Link(Link::Event(*e))));
                }
            }
            for (peak, _, _, text) in &lists.spans {
                if ui.selectable_label(false, text).clicked() {
                    asked
                        .changes
                        .push((i, Change::Link(Link::Divergence(*peak))));
                }
            }
            for (id, text) in &lists.insights {
                if ui.selectable_label(false, text).clicked() {
                    asked.changes.push((i, Change::Link(Link::Insight(*id))));
                }
            }
        })
        .response
        .on_hover_text("Link an event, a divergence or an insight");
}

#[cfg(test)]
mod tests {
    use super::typed_text_colour;
    use crate::theme::{Theme, contrast_ratio};

    #[test]
    fn typed_titles_and_actions_are_at_full_contrast_not_hint_grey() {
        for theme in [Theme::Light, Theme::Dark, Theme::Projector] {
            let ctx = eframe::egui::Context::default();
            theme.apply(&ctx);
            let visuals = ctx.global_style().visuals.clone();
            let ratio = contrast_ratio(typed_text_colour(&visuals), visuals.extreme_bg_color);
            assert!(ratio >= 12.0, "{theme:?}: typed text at {ratio:.1}:1");
            assert_ne!(typed_text_colour(&visuals), visuals.weak_text_color());
        }
    }
}
