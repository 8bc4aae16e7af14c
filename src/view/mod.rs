//! The board drawn: the timeline, its lanes and cards, and the feelings plot, from a board, what
//! is derived from it and a view state. Drawing never changes the board: what the user asks for
//! comes back as [`ViewAction`]s, which the window applies after the frame.

pub mod command;
pub mod feelings_ui;
mod picture_ui;
mod plot_marks;
pub mod rtl;
pub use self::picture_ui::Picture;
pub mod time_axis;
mod timeline_geometry;
pub mod timeline_ui;
pub mod trends_ui;

use eframe::egui::{self, Rect};

use self::command::Command;
use self::time_axis::TimeView;
pub use self::timeline_ui::TimelineGeometry;
use crate::doc::{Derived, Edit};
use crate::model::{Board, EventId, FeelingId, LaneId, Moment, ParticipantId, TimeRange};
use crate::theme;

/// What the board is drawn for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// The editing window.
    #[default]
    Window,
    /// Present mode: no editing chrome, larger type, arrow keys step through the board.
    Present,
    /// A picture for export: no editing chrome, no pointer, hidden participants left out.
    Picture,
}

/// A drag under way on the timeline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DragKind {
    /// A new card dragged from the tray.
    NewCard,
    /// An existing card; `grab_dx` is where it was grabbed, from its left edge.
    Move { id: EventId, grab_dx: f32 },
    /// A feeling's point in the plot.
    Feeling { id: FeelingId },
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Drag {
    pub kind: DragKind,
}

/// How the board is looked at: never saved in the board, never part of undo.
#[derive(Clone, Debug, Default)]
pub struct ViewState {
    pub mode: Mode,
    /// The stretch of time shown; fitted to the board the first time it is needed.
    pub time_view: Option<TimeView>,
    /// Fit the view to the board when the timeline is next drawn.
    pub fit_requested: bool,
    pub selected: Option<EventId>,
    /// The feeling picked in the plot.
    pub selected_feeling: Option<FeelingId>,
    /// The chosen person: whose feelings a click in the plot adds while adding is on, and
    /// whose line is drawn widest.
    pub active_participant: Option<ParticipantId>,
    /// A click in the plot adds a feeling for the chosen person (a banner says so); otherwise a
    /// click only selects. Turned on and off explicitly (A, or the toolbar), Esc leaves.
    pub adding_feelings: bool,
    /// Emotion words are written next to every point, not only on hover.
    pub show_emotions: bool,
    /// The plot's background is being dragged to pan.
    pub plot_panning: bool,
    /// The feeling a context menu was opened on.
    pub context_feeling: Option<FeelingId>,
    /// Participants are shown as "Participant N"; the board keeps their names.
    pub anonymous: bool,
    /// The plot marks the turning points (T, View menu).
    pub show_turning_points: bool,
    /// Only events of this kind stand out on the timeline; the others are faded (View menu).
    pub kind_filter: Option<crate::model::EventKind>,
    /// The divergence span the presenter stepped to.
    pub highlight_span: Option<usize>,
    /// How far the lanes are scrolled down, in points, when they do not all fit.
    pub lane_scroll: f32,
    /// Scroll the lanes to show this event's card when they are next drawn.
    pub reveal_event: Option<EventId>,
    pub drag: Option<Drag>,
    /// The new card from the tray was released this frame.
    pub tray_dropped: bool,
    /// Where things were drawn in the last frame.
    pub geometry: Option<TimelineGeometry>,
    /// A question is being asked over the board: the pointer does not reach it.
    pub modal_open: bool,
    /// The date that decides whether dates show their year; `None` reads the clock.
    pub today: Option<jiff::civil::Date>,
    /// A feelings round is open: no line, point or divergence is shown until the reveal.
    pub round_hidden: bool,
    /// Give the board the keyboard focus when it is next drawn.
    pub focus_requested: bool,
    /// Whether edges are worth anti-aliasing this frame: the plot is not a dense mass of lines.
    pub smooth_edges: bool,
    /// How wide each card must be for its title, kept while the board, the number of lines a
    /// card takes and the scale stay the same: `(Derived::generation, lines, pixels per point)`.
    pub(crate) card_widths: ((u64, usize, u32), std::collections::HashMap<EventId, f32>),
    /// The feelings area's share of the height under the time axis, once the splitter has moved.
    plot_share: Option<f32>,
    /// A picture of a board too dense for cards marks each event with its number in time order
    /// and lists the numbered events under the board.
    pub event_numbers: Option<std::collections::HashMap<EventId, usize>>,
    /// Where a picture's parts were drawn in the last frame, for page breaks and tests.
    pub picture_parts: PictureParts,
}

/// Where a picture's parts were drawn: each one must be shown whole.
#[derive(Clone, Debug, PartialEq)]
pub struct PictureParts {
    /// The title and dates.
    pub header: Rect,
    /// Each entry of the numbered event list.
    pub event_list: Vec<Rect>,
    /// Each action item's row.
    pub actions: Vec<Rect>,
    /// The height of everything above and below the board (points), however little room the
    /// board is left.
    pub around_board: f32,
}

impl Default for PictureParts {
    fn default() -> Self {
        Self {
            header: Rect::NOTHING,
            event_list: Vec::new(),
            actions: Vec::new(),
            around_board: 0.0,
        }
    }
}

/// The numbers of a board's events in time order (ties by id), from 1.
pub fn event_numbers(board: &Board) -> std::collections::HashMap<EventId, usize> {
    let mut order: Vec<(i128, EventId)> = board
        .events
        .iter()
        .map(|e| (e.time.unix_nanos(), e.id))
        .collect();
    order.sort_unstable();
    order
        .into_iter()
        .enumerate()
        .map(|(i, (_, id))| (id, i + 1))
        .collect()
}

/// Until the splitter moves, the plot gets this share of the board's area, or all the room left
/// when the lanes fit above a plot of [`PLOT_AREA_SHARE_WHEN_LANES_FIT`].
pub const PLOT_AREA_SHARE: f32 = 0.42;
/// The least share of the board's area the plot has when every lane fits above it.
pub const PLOT_AREA_SHARE_WHEN_LANES_FIT: f32 = 0.28;
/// A picture's plot takes this share of the board's height; its lanes are never scrolled away.
pub const PICTURE_PLOT_SHARE: f32 = 0.4;
/// How far the splitter goes either way.
pub const PLOT_SHARE_RANGE: std::ops::RangeInclusive<f32> = 0.2..=0.85;

impl ViewState {
    /// A view that fits the board when first drawn.
    pub fn new(mode: Mode) -> Self {
        Self {
            mode,
            fit_requested: true,
            focus_requested: true,
            show_turning_points: true,
            kind_filter: None,
            ..Self::default()
        }
    }

    /// The feelings area's share of the height under the time axis, if the splitter has set
    /// one; `None` gives the plot [`PLOT_AREA_SHARE`] of the board.
    pub fn plot_share(&self) -> Option<f32> {
        self.plot_share
    }

    /// Sets the feelings area's share, within [`PLOT_SHARE_RANGE`]; nonsense means the default.
    pub fn set_plot_share(&mut self, share: Option<f32>) {
        self.plot_share = share
            .filter(|s| s.is_finite())
            .map(|s| s.clamp(*PLOT_SHARE_RANGE.start(), *PLOT_SHARE_RANGE.end()));
    }

    pub fn is_picture(&self) -> bool {
        self.mode == Mode::Picture
    }

    pub fn is_presenting(&self) -> bool {
        self.mode == Mode::Present
    }

    /// Turns on or off the mode in which a click in the plot adds a feeling for the chosen
    /// person. It turns on only in the window, with someone chosen; otherwise says why not.
    pub fn toggle_adding_feelings(&mut self, board: &Board) -> Result<(), String> {
        if self.adding_feelings {
            self.adding_feelings = false;
            return Ok(());
        }
        if self.mode != Mode::Window {
            return Err("Feelings are added in the window, not while presenting.".to_owned());
        }
        if self.round_hidden {
            return Err(
                "A feelings round is open: everyone adds their own line from their device."
                    .to_owned(),
            );
        }
        match self.active_participant.and_then(|id| board.participant(id)) {
            Some(_) => {
                self.adding_feelings = true;
                Ok(())
            }
            None => Err(
                "Choose whose feelings to add first: press 1–9 or click a name in the legend, \
                 then A."
                    .to_owned(),
            ),
        }
    }

    /// Forgets selections of things `board` no longer has.
    pub fn forget_missing(&mut self, board: &Board) {
        if let Some(id) = self.selected
            && !board.events.iter().any(|e| e.id == id)
        {
            self.selected = None;
        }
        if let Some(id) = self.selected_feeling
            && !board.feelings.iter().any(|f| f.id == id)
        {
            self.selected_feeling = None;
        }
        if let Some(id) = self.active_participant
            && board.participant(id).is_none()
        {
            self.active_participant = None;
            self.adding_feelings = false;
        }
        if self
            .context_feeling
            .is_some_and(|id| !board.feelings.iter().any(|f| f.id == id))
        {
            self.context_feeling = None;
        }
    }
}

/// What the user asked for while the board was drawn.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum ViewAction {
    /// A change to the board. With a merge key, it joins the undo step under way for the same
    /// key (typing into one field, dragging one slider).
    Edit { edit: Edit, merge: Option<u64> },
    /// A menu command.
    Command(Command),
    /// A message for the user.
    Notify(String),
}

impl ViewAction {
    /// A change that is an undo step of its own.
    pub fn edit(edit: Edit) -> Self {
        Self::Edit { edit, merge: None }
    }
}

/// The board being drawn: read-only data, the view state, and where actions go.
pub struct BoardView<'a> {
    pub board: &'a Board,
    pub derived: &'a Derived,
    pub state: &'a mut ViewState,
    pub actions: &'a mut Vec<ViewAction>,
}

impl BoardView<'_> {
    /// The board's time range.
    pub fn board_range(&self) -> Option<TimeRange> {
        self.derived.range
    }

    /// The UTC offset the board is shown in: that of its start, or UTC.
    pub fn display_offset(&self) -> jiff::tz::Offset {
        self.derived.offset
    }

    /// How a participant is shown: their name, or "Participant N" in anonymous mode.
    pub fn shown_name(&self, id: ParticipantId) -> String {
        shown_name(self.board, self.state.anonymous, id)
    }

    /// How the board's dates are written: in its offset, with the year when the board is not in
    /// the current year.
    pub fn dates(&self) -> crate::model::time::format::BoardDates {
        board_dates(self.derived.offset, self.derived.range, self.state.today)
    }

    /// The view, fitted to the board the first time it is needed.
    pub fn view(&mut self) -> TimeView {
        *self
            .state
            .time_view
            .get_or_insert_with(|| fit_view(self.board))
    }

    fn send(&mut self, edit: Edit) {
        self.actions.push(ViewAction::edit(edit));
    }

    /// Adds an event in `lane` at `t` (Unix seconds); the window selects it and puts the cursor
    /// in its title.
    pub(crate) fn create_event(&mut self, lane: LaneId, t: f64) {
        if let Some(time) = Moment::from_unix_seconds_f64(t.round(), self.display_offset()) {
            self.send(Edit::AddEvent {
                time,
                title: "New event".to_owned(),
                lane,
                notes: String::new(),
            });
        }
    }

    /// Moves an event to `lane` at `t` (Unix seconds), keeping its offset.
    pub(crate) fn move_event(&mut self, id: EventId, lane: LaneId, t: f64) {
        let offset = self.display_offset();
        if let Some(event) = self.board.events.iter().find(|e| e.id == id)
            && let Some(time) = moved_to(t, event.time, offset)
            && (event.lane != lane || event.time != time)
        {
            self.send(Edit::MoveEvent { id, lane, time });
        }
    }

    /// Whose feelings a click in the plot adds now: the chosen person, while adding is on in
    /// the window and no round hides the lines.
    pub(crate) fn adding_for(&self) -> Option<ParticipantId> {
        let state = &self.state;
        if !state.adding_feelings || state.mode != Mode::Window || state.round_hidden {
            return None;
        }
        state
            .active_participant
            .filter(|id| self.board.participant(*id).is_some())
    }

    /// Adds a feeling of `who` at `t` (Unix seconds) with valence `v`; the window picks it.
    pub(crate) fn add_feeling_at(&mut self, who: ParticipantId, t: f64, v: f64) {
        if let Some(time) = Moment::from_unix_seconds_f64(t.round(), self.display_offset()) {
            self.send(Edit::AddFeeling {
                participant: who,
                feeling: crate::doc::NewFeeling {
                    time,
                    valence: v.clamp(-5.0, 5.0),
                    emotion: String::new(),
                    note: String::new(),
                },
            });
        }
    }

    /// Moves a feeling to `t` (Unix seconds) and valence `v`, keeping its offset.
    pub(crate) fn move_feeling(&mut self, id: FeelingId, t: f64, v: f64) {
        let offset = self.display_offset();
        if let Some(f) = self.board.feelings.iter().find(|f| f.id == id)
            && let Some(time) = moved_to(t, f.time, offset)
        {
            let valence = v.clamp(-5.0, 5.0);
            if f.time != time || f.valence != valence {
                self.send(Edit::MoveFeeling { id, time, valence });
            }
        }
    }

    pub(crate) fn delete_feeling(&mut self, id: FeelingId) {
        self.send(Edit::DeleteFeeling(id));
        if self.state.selected_feeling == Some(id) {
            self.state.selected_feeling = None;
        }
    }

    /// Picks a feeling: the side panel edits it, Delete removes it.
    pub(crate) fn select_feeling(&mut self, ctx: &egui::Context, id: FeelingId) {
        select_feeling(self.state, self.board, ctx, id);
    }
}

/// The moment `t` (Unix seconds, rounded to the second) for something that was at `was`: in
/// `was`'s offset, or in `offset` where that one cannot express it.
pub fn moved_to(t: f64, was: Moment, offset: jiff::tz::Offset) -> Option<Moment> {
    Moment::from_unix_seconds_f64(t.round(), was.offset())
        .or_else(|| Moment::from_unix_seconds_f64(t.round(), offset))
}

/// Picks a feeling: the side panel edits it, Delete removes it; the focus leaves any field.
pub fn select_feeling(state: &mut ViewState, board: &Board, ctx: &egui::Context, id: FeelingId) {
    if state.selected_feeling != Some(id) {
        ctx.memory_mut(|m| {
            if let Some(focused) = m.focused() {
                m.surrender_focus(focused);
            }
        });
    }
    state.selected_feeling = Some(id);
    state.selected = None;
    if let Some(f) = board.feelings.iter().find(|f| f.id == id) {
        state.active_participant = Some(f.participant);
    }
}

/// Shows `span` across the whole width, with a margin.
pub fn zoom_to_span(state: &mut ViewState, span: &crate::analysis::DivergenceSpan) {
    let (start, end) = (span.start.unix_seconds_f64(), span.end.unix_seconds_f64());
    let width = state.geometry.as_ref().map_or(1200.0, |g| g.axis_width);
    let pad = ((end - start) * 0.25).max(5.0 * 60.0);
    state.time_view = Some(TimeView::fit_px(start - pad, end + pad, width, 0.0));
}

/// Brings the stretch around `at` into view: a quarter of an hour either side, or less when the
/// view is already closer than that.
pub fn zoom_to_moment(state: &mut ViewState, at: Moment) {
    let t = at.unix_seconds_f64();
    let width = state.geometry.as_ref().map_or(1200.0, |g| g.axis_width);
    let half = state
        .time_view
        .map_or(15.0 * 60.0, |v| ((v.end - v.start) / 2.0).min(15.0 * 60.0));
    state.time_view = Some(TimeView::fit_px(t - half, t + half, width, 0.0));
}

/// How dates of a board shown in `offset` with this range are written, taking `today` (or the
/// clock's date) as the current date.
pub fn board_dates(
    offset: jiff::tz::Offset,
    range: Option<TimeRange>,
    today: Option<jiff::civil::Date>,
) -> crate::model::time::format::BoardDates {
    use crate::model::time::format::BoardDates;
    match today {
        Some(today) => BoardDates::in_offset(offset, range, today),
        None => BoardDates::today(offset, range),
    }
}

/// How a participant is shown: their name, or "Participant N" when `anonymous`, while the
/// board keeps names back, or when they asked to stay anonymous ([`Board::names`]).
pub fn shown_name(board: &Board, anonymous: bool, id: ParticipantId) -> String {
    let index = board.participants.iter().position(|p| p.id == id);
    match index {
        Some(i) if anonymous || !board.names_person(&board.participants[i]) => {
            format!("Participant {}", i + 1)
        }
        Some(i) => board.participants[i].name.clone(),
        None => String::new(),
    }
}

/// A view that shows every event and feeling of `board`, or the next hour for an empty board.
pub fn fit_view(board: &Board) -> TimeView {
    match board.time_range() {
        Some(r) => TimeView::fit(r.start.unix_seconds_f64(), r.end.unix_seconds_f64()),
        None => {
            let now = jiff::Timestamp::now().as_second() as f64;
            let start = (now / 3600.0).floor() * 3600.0;
            TimeView::fit(start, start + 3600.0)
        }
    }
}

/// The board's own place in the keyboard focus: the timeline and the plot share it. Keys without
/// Ctrl (digits, Delete, F, +, −, arrows) act on the board only while it has the focus, so keys
/// typed on their way to a text field never change it.
pub fn board_focus_id() -> egui::Id {
    egui::Id::unique("retroline_board_focus")
}

/// Whether the board has the keyboard focus.
pub fn board_has_focus(ctx: &egui::Context) -> bool {
    ctx.memory(|m| m.has_focus(board_focus_id()))
}

/// Whether some widget other than the board has the keyboard focus: a text field being typed
/// in, usually.
pub fn keys_go_elsewhere(ctx: &egui::Context) -> bool {
    ctx.memory(|m| m.focused().is_some_and(|id| id != board_focus_id()))
}

/// Gives the board the keyboard focus (and takes it from any text field).
pub fn focus_board(ctx: &egui::Context) {
    ctx.memory_mut(|m| m.request_focus(board_focus_id()));
}

/// Draws a rounded label with `text` centred above `anchor`.
pub(crate) fn bubble(painter: &egui::Painter, anchor: egui::Pos2, text: &str) {
    let galley = painter.layout_no_wrap(
        rtl::visual(text).into_owned(),
        theme::font(theme::CARD_TITLE_SIZE),
        theme::DROP_LABEL_TEXT,
    );
    let rect = egui::Rect::from_center_size(
        anchor - egui::vec2(0.0, galley.size().y / 2.0 + 6.0),
        galley.size() + egui::vec2(14.0, 6.0),
    );
    painter.rect_filled(rect, 5.0, theme::DROP_LABEL_FILL);
    painter.galley(
        rect.center() - galley.size() / 2.0,
        galley,
        theme::DROP_LABEL_TEXT,
    );
}

/// How a shortcut is written in menus: as egui writes it, but `[` and `]` as themselves.
pub fn shortcut_text(ctx: &egui::Context, shortcut: &egui::KeyboardShortcut) -> String {
    ctx.format_shortcut(shortcut)
        .replace("OpenBracket", "[")
        .replace("CloseBracket", "]")
}

/// A button for `command`, with its tooltip and shortcut; pushes the command when clicked.
pub fn command_button(ui: &mut egui::Ui, command: Command, enabled: bool) -> Option<Command> {
    let mut button = egui::Button::new(command.label());
    if let Some(shortcut) = command.shortcut() {
        button = button.shortcut_text(shortcut_text(ui.ctx(), &shortcut));
    }
    let response = ui
        .add_enabled(enabled, button)
        .on_hover_text(command.tooltip());
    response.clicked().then_some(command)
}
