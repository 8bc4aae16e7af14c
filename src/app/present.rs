//! Present mode: fullscreen, editing chrome hidden, larger type, and the arrow keys stepping
//! through the events and divergences in time order.

use eframe::egui;

use super::RetrolineApp;
use crate::model::EventId;
use crate::view::rtl;
use crate::view::time_axis::TimeView;

/// How much larger everything is drawn while presenting on a 1080p screen; smaller screens get
/// less, down to none at 720p, so that the whole board still fits.
pub const PRESENT_ZOOM: f32 = 1.3;

/// The enlargement for a screen `height_px` pixels high.
pub fn present_zoom(height_px: f32) -> f32 {
    (PRESENT_ZOOM * height_px / 1080.0).clamp(1.0, 1.6)
}

/// A place the presenter can step to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stop {
    Event(EventId),
    /// The divergence span at this index of the analysis.
    Divergence(usize),
    /// The action item at this place in the board's list.
    Action(usize),
    /// A turning point of the team, at its moment.
    Turn(Turn),
}

/// The team's turning points the presenter steps through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Turn {
    /// The (first) moment of the widest spread.
    Widest,
    SharedLow,
    SharedHigh,
}

impl Turn {
    /// When it is, and what it is in words, as the reports say it.
    pub fn at(
        self,
        turns: &crate::analysis::turning::TurningPoints,
    ) -> Option<crate::model::Moment> {
        match self {
            Turn::Widest => turns.widest.as_ref()?.moments.first().copied(),
            Turn::SharedLow => turns.shared_low.as_ref().map(|p| p.at),
            Turn::SharedHigh => turns.shared_high.as_ref().map(|p| p.at),
        }
    }
}

impl RetrolineApp {
    /// Every event, divergence and (while they are shown) turning point of the team, in time
    /// order (an event, then a divergence, then a turning point at the same moment).
    pub fn stops(&self) -> Vec<Stop> {
        let turns = &self.session.doc.derived().turns;
        let shown = self.session.view.show_turning_points;
        let turn_stops = [Turn::Widest, Turn::SharedLow, Turn::SharedHigh]
            .into_iter()
            .filter(|_| shown)
            .filter_map(|t| Some((t.at(turns)?.unix_nanos(), 2, Stop::Turn(t))));
        let mut stops: Vec<(i128, u8, Stop)> = self
            .session
            .doc
            .board()
            .events
            .iter()
            .map(|e| (e.time.unix_nanos(), 0, Stop::Event(e.id)))
            .chain(
                self.session
                    .doc
                    .derived()
                    .spans
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (s.start.unix_nanos(), 1, Stop::Divergence(i))),
            )
            .chain(turn_stops)
            .collect();
        stops.sort_by_key(|(t, order, stop)| {
            let id = match stop {
                Stop::Event(id) => id.0,
                Stop::Divergence(i) | Stop::Action(i) => *i as u32,
                Stop::Turn(t) => *t as u32,
            };
            (*t, *order, id)
        });
        let mut stops: Vec<Stop> = stops.into_iter().map(|(_, _, stop)| stop).collect();
        // Once the votes are revealed, what got votes comes first, most votes first.
        let board = self.session.doc.board();
        if board.voting.revealed {
            let voted: Vec<Stop> =
                crate::analysis::votes::tally(board, &self.session.doc.derived().spans)
                    .into_iter()
                    .map(|(v, _)| match v {
                        crate::analysis::votes::Voted::Event(id) => Stop::Event(id),
                        crate::analysis::votes::Voted::Divergence(i) => Stop::Divergence(i),
                    })
                    .collect();
            let first: std::collections::HashSet<Stop> = voted.iter().copied().collect();
            stops.retain(|s| !first.contains(s));
            stops.splice(0..0, voted);
        }
        // Then the action items, each on its own.
        stops.extend((0..board.action_items.len()).map(Stop::Action));
        stops
    }

    pub fn is_presenting(&self) -> bool {
        self.session.view.is_presenting()
    }

    /// The stop shown now, if the presenter has stepped to one.
    pub fn current_stop(&self) -> Option<Stop> {
        let stops = self.stops();
        self.session
            .panel
            .stop_index
            .and_then(|i| stops.get(i).copied())
    }

    pub(crate) fn toggle_presenting(&mut self, ctx: &egui::Context) {
        if self.session.view.is_presenting() {
            self.leave_presenting(ctx);
        } else {
            self.enter_presenting(ctx);
        }
    }

    /// Fullscreen, chrome hidden, type larger; a board whose safety statement was never shown
    /// starts with it.
    pub(crate) fn enter_presenting(&mut self, ctx: &egui::Context) {
        self.session.doc.seal();
        self.session.view.mode = crate::view::Mode::Present;
        // Nothing on the shared screen adds a feeling by a stray click.
        self.session.view.adding_feelings = false;
        self.session.panel.stop_index = None;
        self.session.panel.zoom_before_presenting = ctx.zoom_factor();
        let height_px = ctx.content_rect().height() * ctx.pixels_per_point();
        self.session.panel.present_zoom = present_zoom(height_px);
        ctx.set_zoom_factor(
            self.session.panel.zoom_before_presenting * self.session.panel.present_zoom,
        );
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        self.session.view.fit_requested = true;
        if self.session.doc.board().safety.shown_at.is_none() {
            self.show_safety_opening();
        }
    }

    pub(crate) fn leave_presenting(&mut self, ctx: &egui::Context) {
        self.session.view.mode = crate::view::Mode::Window;
        self.session.panel.stop_index = None;
        self.session.view.highlight_span = None;
        ctx.set_zoom_factor(self.session.panel.zoom_before_presenting);
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        self.session.view.fit_requested = true;
        self.session.view.focus_requested = true;
    }

    /// Moves to the next (`+1`) or previous (`-1`) stop: the view zooms to it and it is highlighted.
    pub(crate) fn step(&mut self, delta: i32) {
        let stops = self.stops();
        if stops.is_empty() {
            return;
        }
        let last = stops.len() - 1;
        let next = match (self.session.panel.stop_index, delta >= 0) {
            (None, true) => 0,
            (None, false) => last,
            (Some(i), true) => (i + 1).min(last),
            (Some(i), false) => i.saturating_sub(1),
        };
        self.session.panel.stop_index = Some(next);
        match stops[next] {
            Stop::Event(id) => {
                self.session.view.selected = Some(id);
                self.session.view.selected_feeling = None;
                // Its lane scrolls to show it, whatever the zoom does to the rows.
                self.session.view.reveal_event = Some(id);
                self.session.view.highlight_span = None;
                if let Some(e) = self.session.doc.board().events.iter().find(|e| e.id == id) {
                    let t = e.time.unix_seconds_f64();
                    // About an hour either side for an incident, a few days for a sprint.
                    let board_secs = self.board_range().map_or(3600.0, |r| {
                        (r.end.unix_seconds_f64() - r.start.unix_seconds_f64()).max(600.0)
                    });
                    let half = (board_secs / 4.0).max(300.0);
                    self.session.view.time_view =
                        Some(TimeView::fit(t - half * 0.6, t + half * 1.4));
                    self.session.view.fit_requested = false;
                }
            }
            Stop::Action(_) => {
                // The whole board behind the action item, as it was agreed.
                self.session.view.selected = None;
                self.session.view.highlight_span = None;
                self.session.view.fit_requested = true;
            }
            Stop::Turn(turn) => {
                self.session.view.selected = None;
                self.session.view.highlight_span = None;
                if let Some(at) = turn.at(&self.session.doc.derived().turns) {
                    crate::view::zoom_to_moment(&mut self.session.view, at);
                    self.session.view.fit_requested = false;
                }
            }
            Stop::Divergence(i) => {
                self.session.view.selected = None;
                self.session.view.highlight_span = Some(i);
                if let Some(span) = self.session.doc.derived().spans.get(i).cloned() {
                    crate::view::zoom_to_span(&mut self.session.view, &span);
                    self.session.view.fit_requested = false;
                }
            }
        }
    }

    /// What the current stop is, in words, for the caption.
    pub fn stop_caption(&self) -> Option<String> {
        let dates = self.dates();
        let stops = self.stops();
        let i = self.session.panel.stop_index?;
        let text = match stops.get(i)? {
            Stop::Event(id) => {
                let board = self.session.doc.board();
                let e = board.events.iter().find(|e| e.id == *id)?;
                let lane = board.lane(e.lane).map_or("", |l| l.name.as_str());
                format!("{} · {lane} · {}", dates.time(e.time), e.title)
            }
            Stop::Action(n) => {
                let board = self.session.doc.board();
                let item = board.action_items.get(*n)?;
                let report = crate::analysis::smart::check(item);
                format!(
                    "Action item {} of {} · {} · {}",
                    n + 1,
                    board.action_items.len(),
                    report.compact(),
                    item.text
                )
            }
            Stop::Turn(turn) => {
                let words = crate::io::turns_report::words(
                    self.session.doc.board(),
                    &self.session.doc.derived().turns,
                    |id| self.shown_name(id),
                    |m| dates.time(m),
                );
                let line = match turn {
                    Turn::Widest => words.lines.iter().find(|l| l.starts_with("Widest")),
                    Turn::SharedLow => words.lines.iter().find(|l| l.starts_with("Shared low")),
                    Turn::SharedHigh => words.lines.iter().find(|l| l.starts_with("Shared high")),
                };
                format!("Turning point · {}", line?)
            }
            Stop::Divergence(n) => {
                let s = self.session.doc.derived().spans.get(*n)?;
                // A caption of two lines at most: a big team's list ends in "+N more".
                const NAMED: usize = 8;
                let names = |ids: &[crate::model::ParticipantId]| {
                    let mut text = ids
                        .iter()
                        .take(NAMED)
                        .map(|id| self.shown_name(*id))
                        .collect::<Vec<_>>()
                        .join(", ");
                    if ids.len() > NAMED {
                        text.push_str(&format!(" +{} more", ids.len() - NAMED));
                    }
                    text
                };
                format!(
                    "Divergence {} – {} · up: {} · down: {}",
                    dates.time(s.start),
                    dates.time(s.end),
                    names(&s.positive),
                    names(&s.negative)
                )
            }
        };
        Some(format!("{}/{}  {text}", i + 1, stops.len()))
    }

    pub(crate) fn present_header_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("present_header").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(
                    egui::RichText::new(rtl::visual(&self.session.doc.board().title)).strong(),
                );
            });
        });
        egui::Panel::bottom("present_caption").show(ui, |ui| {
            ui.add_space(4.0);
            if let Some(Stop::Action(n)) = self.current_stop() {
                self.present_action_ui(ui, n);
                ui.add_space(4.0);
                return;
            }
            match self.stop_caption() {
                Some(caption) => {
                    ui.label(
                        egui::RichText::new(rtl::visual(&caption))
                            .size(crate::theme::HEADING_SIZE - 4.0),
                    );
                }
                None => {
                    ui.label(
                        egui::RichText::new(
                            "Right arrow: first event · Left arrow: back · Esc or F5: leave",
                        )
                        .weak(),
                    );
                }
            }
            ui.add_space(4.0);
        });
    }

    /// An action item on the shared screen: large, with its SMART letters, owner, due date and
    /// how everyone will see it is done.
    fn present_action_ui(&self, ui: &mut egui::Ui, n: usize) {
        let board = self.session.doc.board();
        let Some(item) = board.action_items.get(n) else {
            return;
        };
        let report = crate::analysis::smart::check(item);
        let palette = crate::theme::palette(ui.ctx());
        let size = crate::theme::HEADING_SIZE;
        ui.horizontal(|ui| {
            ui.label(
                egui::RichText::new(format!(
                    "Action item {} of {}",
                    n + 1,
                    board.action_items.len()
                ))
                .size(size * 0.7),
            );
            ui.label(
                egui::RichText::new(report.compact())
                    .monospace()
                    .strong()
                    .size(size)
                    .color(if report.is_smart() {
                        palette.smart_met
                    } else {
                        palette.nudge_text
                    }),
            )
            .on_hover_text("Specific, Measurable, Assigned, Realistic, Time-bound");
        });
        // Wrapped first, then each row in the order it is read.
        let job = egui::text::LayoutJob::simple(
            item.text.clone(),
            crate::theme::font(size),
            ui.visuals().strong_text_color(),
            ui.available_width(),
        );
        ui.label(rtl::layout_job(ui.painter(), job));
        let owner = match board.participant_named(&item.owner) {
            Some(p) => self.shown_name(p.id),
            None if item.owner.is_empty() => "no owner".to_owned(),
            None => item.owner.clone(),
        };
        let due = item.due.map_or_else(
            || "no due date".to_owned(),
            |d| format!("due {}", d.to_text()),
        );
        ui.label(egui::RichText::new(rtl::visual(&format!("{owner} · {due}"))).size(size * 0.8));
        if !item.done_when.trim().is_empty() {
            ui.add(
                egui::Label::new(
                    egui::RichText::new(format!("Done when: {}", item.done_when.trim()))
                        .size(size * 0.7),
                )
                .wrap(),
            );
        }
        let missing: Vec<&str> = report.missing().collect();
        if !missing.is_empty() {
            ui.label(
                egui::RichText::new(format!("Not yet SMART: {}", missing.join(" ")))
                    .size(size * 0.6)
                    .color(palette.nudge_text),
            );
        }
    }
}
