//! What the room learned, in the side panel under the turning points: each insight with its
//! kind, text and moment or span, an action item from it, and the commands that write one
//! (I, or the *Insight* button of a divergence or turning point), step an event's kind (E),
//! and keep names back or show them.

use eframe::egui::{self, vec2};

use crate::app::RetrolineApp;
use crate::doc::Edit;
use crate::model::time::format::{local_time_text, parse_local_time};
use crate::model::{Insight, InsightId, InsightKind, Link, Moment, Naming};

/// A moment's text field: what is typed, kept in egui's memory until it is taken.
fn time_field_ui(
    ui: &mut egui::Ui,
    id: egui::Id,
    shown: String,
    label: egui::Id,
) -> (egui::Response, String) {
    let mut text = ui.data_mut(|d| d.get_temp::<String>(id)).unwrap_or(shown);
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut text)
                .id(id)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label);
    if response.lost_focus() {
        ui.data_mut(|d| d.remove::<String>(id));
    } else if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, text.clone()));
    }
    (response, text)
}

impl RetrolineApp {
    /// Writes a new insight at `at` (or over `at` to `until`) and puts the cursor in its text.
    pub(crate) fn create_insight(&mut self, at: Moment, until: Option<Moment>) {
        self.send(Edit::AddInsight(Insight {
            id: InsightId(0),
            kind: InsightKind::Learned,
            text: String::new(),
            at,
            until: until.filter(|u| u.unix_nanos() > at.unix_nanos()),
        }));
    }

    /// I: an insight at the selected event, else over the divergence in view, else at the
    /// middle of the view.
    pub(crate) fn new_insight_here(&mut self) {
        let board = self.session.doc.board();
        if let Some(event) = self
            .session
            .view
            .selected
            .and_then(|id| board.events.iter().find(|e| e.id == id))
        {
            let at = event.time;
            self.create_insight(at, None);
            return;
        }
        if let Some(span) = self
            .session
            .view
            .highlight_span
            .and_then(|i| self.session.doc.derived().spans.get(i))
        {
            let (at, until) = (span.start, span.end);
            self.create_insight(at, Some(until));
            return;
        }
        let view = self.time_view();
        let offset = self.display_offset();
        if let Some(at) =
            Moment::from_unix_seconds_f64(((view.start + view.end) / 2.0).round(), offset)
        {
            self.create_insight(at, None);
        }
    }

    /// E: the selected event's next kind (none, detection, diagnosis, repair, key moment).
    pub(crate) fn next_event_kind(&mut self) {
        let board = self.session.doc.board();
        let Some(mut event) = self
            .session
            .view
            .selected
            .and_then(|id| board.events.iter().find(|e| e.id == id))
            .cloned()
        else {
            self.shell
                .notifications
                .info("Select an event first: E then steps through its kinds.".to_owned());
            return;
        };
        event.kind = event.kind.next();
        self.send(Edit::UpdateEvent(event));
    }

    /// Round > Keep names back: lines show as "Participant N" until the facilitator names
    /// them; again, names show as before.
    pub(crate) fn toggle_names_back(&mut self) {
        let naming = self.session.doc.board().naming;
        let until_named = !naming.hides_names();
        self.send(Edit::SetNaming(Naming {
            until_named,
            named_at: None,
        }));
    }

    /// Round > Show names: the board names everyone who did not ask to stay anonymous, from now.
    pub(crate) fn name_everyone(&mut self) {
        let naming = self.session.doc.board().naming;
        if !naming.hides_names() {
            return;
        }
        let now = Moment::now();
        self.send(Edit::SetNaming(Naming {
            until_named: true,
            named_at: Some(now),
        }));
    }

    pub(crate) fn insights_ui(&mut self, ui: &mut egui::Ui) {
        let count = self.session.doc.board().insights.len();
        ui.strong(format!("Insights ({count})"))
            .on_hover_text(crate::app::command::Command::NewInsight.tooltip());
        if let Some(c) = super::command_button(ui, crate::app::command::Command::NewInsight, true) {
            self.request(c);
        }
        let board = self.session.doc.board();
        if board.insights.is_empty() {
            ui.label(
                egui::RichText::new(
                    "What the room learns in the discussion: press I, or Insight beside a \
                     divergence or turning point.",
                )
                .weak(),
            );
            return;
        }
        let mut order: Vec<usize> = (0..board.insights.len()).collect();
        order.sort_by_key(|&i| (board.insights[i].at.unix_nanos(), board.insights[i].id));
        let focus = self.session.panel.focus_insight.take();
        for i in order {
            let insight = self.session.doc.board().insights[i].clone();
            ui.push_id(("insight", insight.id), |ui| {
                self.insight_ui(ui, insight, focus);
            });
            ui.add_space(6.0);
        }
    }

    /// One insight: kind, text, from and until, and its buttons.
    fn insight_ui(&mut self, ui: &mut egui::Ui, mut insight: Insight, focus: Option<InsightId>) {
        let id = insight.id;
        let dates = self.dates();
        let offset = dates.offset();
        let mut picked = false;
        let mut typed = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let label = ui.label("Kind");
            egui::ComboBox::from_id_salt("kind")
                .selected_text(insight.kind.label())
                .show_ui(ui, |ui| {
                    for kind in InsightKind::ALL {
                        picked |= ui
                            .selectable_value(&mut insight.kind, kind, kind.label())
                            .changed();
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label("Insight");
            let text = super::actions_ui::blame_aware_text_edit(
                ui,
                &mut insight.text,
                ("insight_text", id),
                super::actions_ui::Lines::Paragraphs(2),
                label.id,
            );
            if focus == Some(id) {
                text.request_focus();
                text.scroll_to_me(Some(egui::Align::Center));
            }
            if text.changed() {
                typed = Some(text.id);
            }
            egui::Grid::new("insight_times")
                .num_columns(2)
                .spacing(vec2(8.0, 6.0))
                .show(ui, |ui| {
                    let label = ui.label(format!("At ({})", dates.zone()));
                    let field = ui.make_persistent_id(("insight_at", id));
                    let shown = local_time_text(insight.at.to_offset(offset));
                    let (at, at_text) = time_field_ui(ui, field, shown, label.id);
                    ui.end_row();
                    let label = ui.label("Until (empty: a moment)");
                    let field = ui.make_persistent_id(("insight_until", id));
                    let shown = insight
                        .until
                        .map(|u| local_time_text(u.to_offset(offset)))
                        .unwrap_or_default();
                    let (until, until_text) = time_field_ui(ui, field, shown, label.id);
                    ui.end_row();
                    if at.lost_focus() {
                        match parse_local_time(&at_text, offset) {
                            Ok(m) => {
                                picked |= m != insight.at;
                                insight.at = m;
                            }
                            Err(e) => self
                                .shell
                                .notifications
                                .error(format!("{e}; the insight's time is unchanged.")),
                        }
                    }
                    if until.lost_focus() {
                        if until_text.trim().is_empty() {
                            picked |= insight.until.is_some();
                            insight.until = None;
                        } else {
                            match parse_local_time(&until_text, offset) {
                                Ok(m) => {
                                    picked |= Some(m) != insight.until;
                                    insight.until = Some(m);
                                }
                                Err(e) => self
                                    .shell
                                    .notifications
                                    .error(format!("{e}; the insight's end is unchanged.")),
                            }
                        }
                    }
                });
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button("Show")
                    .on_hover_text("Bring this insight's moment into view")
                    .clicked()
                {
                    crate::view::zoom_to_moment(&mut self.session.view, insight.at);
                }
                if ui
                    .button("Action item from this insight")
                    .on_hover_text("Create an action item linked to this insight")
                    .clicked()
                {
                    self.create_action(Some(Link::Insight(id)));
                }
                if ui
                    .button("Delete")
                    .on_hover_text("Delete this insight (Ctrl+Z brings it back)")
                    .clicked()
                {
                    self.send(Edit::DeleteInsight(id));
                }
            });
        });
        if picked {
            self.send(Edit::UpdateInsight(insight));
        } else if let Some(key) = typed {
            self.send_merging(Edit::UpdateInsight(insight), key);
        }
    }
}
