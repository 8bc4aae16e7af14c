//! What the pointer does in the plot: a feeling's details on hover, picking, dragging a feeling
//! to another moment and value (or the background to pan), selecting with a click (adding, only
//! in the adding mode the plot's banner shows), and the context menu of a feeling.

use eframe::egui::{self, Pos2, vec2};

use super::{PlotGeometry, paint_marker, snap_valence, valence_text};
use crate::model::Moment;
use crate::model::time::format::BoardDates;
use crate::theme;
use crate::view::time_axis;
use crate::view::{BoardView, Drag, DragKind, TimelineGeometry, bubble};

/// Where the plot was drawn this frame and how a point in it is read.
pub(super) struct PlotFrame<'g> {
    pub plot: &'g PlotGeometry,
    pub geometry: &'g TimelineGeometry,
    pub dates: BoardDates,
    /// Shift is held: moments are not snapped.
    pub exact: bool,
}

impl PlotFrame<'_> {
    /// The moment (Unix seconds, snapped unless `exact`) and the valence (in half steps) at
    /// `pos`.
    fn target(&self, pos: Pos2) -> (f64, f64) {
        let geometry = self.geometry;
        let t = geometry.t_of(pos.x);
        let t = if self.exact {
            t.round()
        } else {
            time_axis::snap(
                t,
                time_axis::snap_step(&geometry.view, geometry.axis_width),
                self.dates.offset(),
            )
        };
        (t, snap_valence(self.plot.v_of(pos.y)))
    }
}

impl BoardView<'_> {
    /// Everything the pointer does in the plot (`response`), in order: the hovered feeling's
    /// details, drags, the ghost of a dragged feeling, clicks, and the context menu.
    pub(super) fn plot_interaction(
        &mut self,
        ui: &mut egui::Ui,
        response: &egui::Response,
        frame: &PlotFrame,
    ) {
        if self.adding_for().is_some() && response.hovered() && self.state.drag.is_none() {
            // A click here adds: the cursor says so, as the banner does.
            ui.ctx().set_cursor_icon(egui::CursorIcon::Crosshair);
        }
        self.feeling_tooltip_ui(ui, response, frame);
        self.plot_drag(ui, response, frame);
        self.feeling_ghost_ui(ui, response, frame);
        self.plot_click(ui, response, frame);
        self.feeling_context_menu_ui(response, frame.plot);
    }

    /// The feeling under the pointer (when nothing is dragged): a grab cursor, and who felt how
    /// much when, with the emotion and the note.
    fn feeling_tooltip_ui(&self, ui: &egui::Ui, response: &egui::Response, frame: &PlotFrame) {
        let hover = response
            .hover_pos()
            .and_then(|p| frame.plot.feeling_near(p));
        if let Some(id) = hover
            && self.state.drag.is_none()
            && let Some(f) = self.board.feelings.iter().find(|f| f.id == id).cloned()
        {
            let who = self.shown_name(f.participant);
            ui.ctx().set_cursor_icon(egui::CursorIcon::Grab);
            response.clone().on_hover_ui_at_pointer(|ui| {
                ui.strong(format!(
                    "{who}: {} at {}",
                    valence_text(f.valence),
                    frame.dates.time(f.time)
                ));
                if !f.emotion.is_empty() {
                    ui.label(format!("feels {}", f.emotion));
                }
                if !f.note.is_empty() {
                    ui.label(&f.note);
                }
            });
        }
    }

    /// A drag that starts on a feeling picks and drags it; one that starts elsewhere pans time.
    /// When the drag stops, the feeling moves where it was dropped, unless Esc ended the drag.
    fn plot_drag(&mut self, ui: &egui::Ui, response: &egui::Response, frame: &PlotFrame) {
        if response.drag_started() {
            let origin = ui.input(|i| i.pointer.press_origin());
            match origin.and_then(|p| frame.plot.feeling_near(p)) {
                Some(id) => {
                    self.select_feeling(ui.ctx(), id);
                    self.state.drag = Some(Drag {
                        kind: DragKind::Feeling { id },
                    });
                }
                None => self.state.plot_panning = true,
            }
        }
        if self.state.plot_panning
            && response.dragged()
            && let Some(view) = self.state.time_view.as_mut()
        {
            view.pan(
                -f64::from(response.drag_delta().x) * view.secs_per_px(frame.geometry.axis_width),
            );
        }
        if response.drag_stopped() {
            self.state.plot_panning = false;
            if let Some(Drag {
                kind: DragKind::Feeling { id },
            }) = self.state.drag
            {
                self.state.drag = None;
                let escaped = ui.input(|i| i.key_pressed(egui::Key::Escape));
                if !escaped && let Some(pos) = response.interact_pointer_pos() {
                    let (t, v) = frame.target(pos);
                    self.move_feeling(id, t, v);
                }
            }
        }
    }

    /// The ghost of a feeling being dragged: its marker where it would land, with the value and
    /// the moment.
    fn feeling_ghost_ui(&self, ui: &egui::Ui, response: &egui::Response, frame: &PlotFrame) {
        let Some(Drag {
            kind: DragKind::Feeling { id },
        }) = self.state.drag
        else {
            return;
        };
        let Some(pos) = response.interact_pointer_pos().or(response.hover_pos()) else {
            return;
        };
        let (t, v) = frame.target(pos);
        let layer = egui::LayerId::new(egui::Order::Tooltip, ui.scope_id().with("feeling_ghost"));
        let painter = ui.ctx().layer_painter(layer);
        let p = Pos2::new(frame.geometry.x_of(t), frame.plot.y_of(v));
        if let Some(f) = self.board.feelings.iter().find(|f| f.id == id)
            && let Some(who) = self.board.participant(f.participant)
        {
            paint_marker(&painter, p, who.marker, theme::colour(who.colour), 9.0);
            let when = Moment::from_unix_seconds_f64(t, frame.dates.offset())
                .map(|m| frame.dates.time(m))
                .unwrap_or_default();
            bubble(
                &painter,
                p - vec2(0.0, 12.0),
                &format!("{} · {when}", valence_text(v)),
            );
        }
    }

    /// A click on a feeling picks it. Elsewhere it adds a feeling of the chosen person there
    /// while adding is on (the banner says so), and otherwise picks nothing: a stray click
    /// never changes the board.
    fn plot_click(&mut self, ui: &egui::Ui, response: &egui::Response, frame: &PlotFrame) {
        if !response.clicked() {
            return;
        }
        let Some(pos) = response.interact_pointer_pos() else {
            return;
        };
        match (frame.plot.feeling_near(pos), self.adding_for()) {
            (Some(id), _) => self.select_feeling(ui.ctx(), id),
            (None, Some(who)) => {
                let (t, v) = frame.target(pos);
                self.add_feeling_at(who, t, v);
            }
            (None, None) => {
                self.state.selected_feeling = None;
                self.state.selected = None;
            }
        }
    }

    /// A right click on a feeling opens its menu: edit it in the side panel, or delete it.
    fn feeling_context_menu_ui(&mut self, response: &egui::Response, plot: &PlotGeometry) {
        if response.secondary_clicked() {
            self.state.context_feeling = response
                .interact_pointer_pos()
                .and_then(|p| plot.feeling_near(p));
        }
        if let Some(id) = self.state.context_feeling {
            response.context_menu(|ui| {
                if ui.button("Edit in the side panel").clicked() {
                    self.select_feeling(ui.ctx(), id);
                    ui.close();
                }
                if ui.button("Delete this feeling").clicked() {
                    self.delete_feeling(id);
                    ui.close();
                }
            });
        }
    }
}
