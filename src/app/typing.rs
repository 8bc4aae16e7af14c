//! Everyone's feelings from the keyboard: at the selected event, one field per participant in
//! turn. `-3` or `-3 scared` and Enter moves to the next person; an empty Enter skips them; after
//! the last person the next event follows; Esc stops.

use eframe::egui::{self, RichText};

use super::RetrolineApp;
use crate::doc::Edit;
use crate::model::{EventId, VALENCE_MAX, VALENCE_MIN};

/// A keyboard round under way.
#[derive(Clone, Debug, Default)]
pub(crate) struct Typing {
    pub event: Option<EventId>,
    /// Whose turn it is, by place in the participant list.
    pub person: usize,
    pub text: String,
    pub error: Option<String>,
}

/// `-3`, `+2.5`, `−1,5 scared`: a valence in half steps, and an optional emotion word.
pub(crate) fn parse_entry(text: &str) -> Result<Option<(f64, Option<String>)>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let (number, word) = match text.split_once(char::is_whitespace) {
        Some((n, w)) => (n, Some(w.trim().to_owned())),
        None => (text, None),
    };
    let number = number.replace('−', "-").replace(',', ".");
    let value: f64 = number
        .parse()
        .map_err(|_| format!("\"{text}\" does not start with a number from -5 to 5"))?;
    if !(value.is_finite() && (VALENCE_MIN..=VALENCE_MAX).contains(&value)) {
        return Err(format!("{value} is outside -5 to 5"));
    }
    Ok(Some((
        (value * 2.0).round() / 2.0,
        word.filter(|w| !w.is_empty()),
    )))
}

impl RetrolineApp {
    /// Starts typing feelings at the selected event (or the first one).
    pub(crate) fn start_typing(&mut self) {
        if self.session.doc.board().participants.is_empty() {
            self.shell
                .notifications
                .info("Add participants first: their feelings are typed in turn".to_owned());
            return;
        }
        let event = self
            .session
            .view
            .selected
            .or_else(|| self.events_in_time().first().copied());
        let Some(event) = event else {
            self.shell
                .notifications
                .info("Add an event first: feelings are typed at an event's time".to_owned());
            return;
        };
        self.session.view.selected = Some(event);
        self.session.view.selected_feeling = None;
        self.session.panel.side_tab = super::SideTab::Board;
        self.session.panel.typing = Some(Typing {
            event: Some(event),
            ..Typing::default()
        });
    }

    /// The board's events in time order.
    pub(crate) fn events_in_time(&self) -> Vec<EventId> {
        let mut events: Vec<_> = self
            .session
            .doc
            .board()
            .events
            .iter()
            .map(|e| (e.time.unix_nanos(), e.id))
            .collect();
        events.sort();
        events.into_iter().map(|(_, id)| id).collect()
    }

    /// Selects the event `step` places from the selected one in time order (the first or last
    /// when none is selected), and shows it.
    pub(crate) fn step_event(&mut self, step: i32) {
        let events = self.events_in_time();
        if events.is_empty() {
            return;
        }
        let at = self
            .session
            .view
            .selected
            .and_then(|id| events.iter().position(|e| *e == id));
        let next = match (at, step >= 0) {
            (None, true) => 0,
            (None, false) => events.len() - 1,
            (Some(i), true) => (i + 1).min(events.len() - 1),
            (Some(i), false) => i.saturating_sub(1),
        };
        self.session.view.selected = Some(events[next]);
        self.session.view.selected_feeling = None;
        self.session.view.reveal_event = Some(events[next]);
    }

    /// The typing field, at the top of the side panel while a keyboard round is under way.
    pub(crate) fn typing_ui(&mut self, ui: &mut egui::Ui) {
        let Some(mut typing) = self.session.panel.typing.take() else {
            return;
        };
        let board = self.session.doc.board();
        let event = typing
            .event
            .and_then(|id| board.events.iter().find(|e| e.id == id));
        let (Some(event), Some(person)) = (event, board.participants.get(typing.person)) else {
            return;
        };
        let (event_id, time, person_id) = (event.id, event.time, person.id);
        let title = event.title.clone();
        let name = self.shown_name(person_id);
        let when = self.dates().time(time);
        let count = board.participants.len();
        ui.strong("Typing feelings");
        ui.label(format!("{when} · {title}"));
        ui.label(
            RichText::new(format!(
                "{} of {count}: -5 to 5 and a word, Enter; empty Enter skips; Esc stops",
                typing.person + 1
            ))
            .weak(),
        );
        // What they already have here: typing replaces it, an empty Enter keeps it.
        let already = board.feeling_at(person_id, time).map(|f| {
            let word = if f.emotion.is_empty() {
                String::new()
            } else {
                format!(" {}", f.emotion)
            };
            format!(
                "now {}{word}; an empty Enter keeps it",
                crate::view::feelings_ui::valence_text(f.valence)
            )
        });
        let label = ui.label(RichText::new(format!("{name} felt")).strong());
        if let Some(already) = &already {
            ui.label(RichText::new(already).weak());
        }
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut typing.text)
                    .id_salt("typing_feelings")
                    .char_limit(200)
                    .hint_text("e.g. -3 scared")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if let Some(error) = &typing.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        let (enter, escape) = ui.input(|i| {
            (
                i.key_pressed(egui::Key::Enter),
                i.key_pressed(egui::Key::Escape),
            )
        });
        if escape {
            self.shell
                .notifications
                .info("Stopped typing feelings".to_owned());
            self.session.view.focus_requested = true;
            return;
        }
        if field.lost_focus() && enter {
            match parse_entry(&typing.text) {
                Err(why) => {
                    typing.error = Some(format!("{why}; type it again"));
                    typing.text.clear();
                }
                Ok(entry) => {
                    if let Some((valence, emotion)) = entry {
                        // The word typed, or none: never the word of a feeling it replaces.
                        self.send(Edit::SetFeelingAt {
                            participant: person_id,
                            time,
                            valence,
                            emotion: Some(emotion.unwrap_or_default()),
                        });
                    }
                    typing.text.clear();
                    typing.error = None;
                    typing.person += 1;
                    if typing.person >= count {
                        // Everyone at this event: on to the next one.
                        typing.person = 0;
                        let events = self.events_in_time();
                        let next = events
                            .iter()
                            .position(|e| *e == event_id)
                            .and_then(|i| events.get(i + 1))
                            .copied();
                        match next {
                            Some(next) => {
                                typing.event = Some(next);
                                self.session.view.selected = Some(next);
                                self.session.view.reveal_event = Some(next);
                            }
                            None => {
                                self.shell
                                    .notifications
                                    .info("Typed feelings up to the last event".to_owned());
                                self.session.view.focus_requested = true;
                                return;
                            }
                        }
                    }
                }
            }
        }
        // The field keeps the keyboard for the whole round.
        field.request_focus();
        self.session.panel.typing = Some(typing);
    }
}

#[cfg(test)]
mod tests {
    use super::parse_entry;

    #[test]
    fn entries_are_a_value_and_an_optional_word() {
        assert_eq!(parse_entry("-3"), Ok(Some((-3.0, None))));
        assert_eq!(
            parse_entry(" −2,5  very scared "),
            Ok(Some((-2.5, Some("very scared".to_owned()))))
        );
        assert_eq!(parse_entry("+4.2"), Ok(Some((4.0, None))), "half steps");
        assert_eq!(parse_entry(""), Ok(None), "skips");
        assert!(parse_entry("6").is_err());
        assert!(parse_entry("scared").is_err());
        assert!(parse_entry("NaN").is_err());
    }
}
