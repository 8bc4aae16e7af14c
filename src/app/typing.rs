//! Everyone's feelings from the keyboard: at the selected event, one field per participant in
//! turn. One key sets a whole value and moves to the next person: `0` to `5`, and Shift with
//! `1` to `5` for −1 to −5. Half steps and words are typed with their sign and Enter
//! (`+2.5`, `-3 scared`); an empty Enter skips someone; after the last person the next event
//! follows; Esc stops. People who sent their line from their phone are not asked.

use eframe::egui::{self, RichText};

use super::RetrolineApp;
use crate::doc::Edit;
use crate::model::{EventId, ParticipantId, VALENCE_MAX, VALENCE_MIN};

/// A keyboard round under way.
#[derive(Clone, Debug, Default)]
pub(crate) struct Typing {
    pub event: Option<EventId>,
    /// Whose turn it is, by place in the participant list.
    pub person: usize,
    pub text: String,
    pub error: Option<String>,
    /// Whether the prompt was brought into view since the round opened.
    pub shown: bool,
    /// How many texts of one-key values are still to come, not to be typed into the field.
    pub swallow: usize,
}

/// A value set with one key: `0`–`5` as they are, Shift+`1`–`5` negative. Other keys and
/// modifiers set nothing.
pub(crate) fn quick_value(key: egui::Key, modifiers: egui::Modifiers) -> Option<f64> {
    use egui::Key::{Num0, Num1, Num2, Num3, Num4, Num5};
    let digit = match key {
        Num0 => 0.0,
        Num1 => 1.0,
        Num2 => 2.0,
        Num3 => 3.0,
        Num4 => 4.0,
        Num5 => 5.0,
        _ => return None,
    };
    if modifiers.ctrl || modifiers.alt || modifiers.command || modifiers.mac_cmd {
        return None;
    }
    Some(if modifiers.shift { -digit } else { digit })
}

/// Takes this frame's one-key values out of `input`, in order, and the text each one typed
/// (a digit, or the symbol Shift gives it on this keyboard), which may come a frame later:
/// `swallow` counts the texts still to come. The field never sees them.
fn take_quick_values(input: &mut egui::InputState, swallow: &mut usize) -> Vec<f64> {
    let mut values = Vec::new();
    input.events.retain(|e| match e {
        egui::Event::Key {
            key,
            pressed: true,
            repeat: false,
            modifiers,
            ..
        } => match quick_value(*key, *modifiers) {
            Some(v) => {
                values.push(v);
                *swallow += 1;
                false
            }
            None => {
                // Another key: whatever text is to come is that key's.
                if !matches!(key, egui::Key::Enter) {
                    *swallow = 0;
                }
                true
            }
        },
        egui::Event::Text(text)
            if *swallow > 0
                && text.chars().count() == 1
                && !text.chars().any(char::is_alphabetic) =>
        {
            *swallow -= 1;
            false
        }
        _ => true,
    });
    values
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
    /// Whether `id` sent their line from their phone (or the offline form): the board keeps
    /// a claim on it, or the round under way counts them.
    pub(crate) fn sent_from_phone(&self, id: ParticipantId) -> bool {
        let board = self.session.doc.board();
        board.participants.iter().any(|p| {
            p.id == id
                && (board
                    .round
                    .lines
                    .contains_key(&crate::model::round::claim_key(&p.name))
                    || self
                        .session
                        .invite
                        .as_ref()
                        .is_some_and(|i| !i.is_vote() && i.has_submitted(&p.name)))
        })
    }

    /// The places in the participant list of those the keyboard round asks: not those who
    /// sent their line from their phone.
    fn typed_people(&self) -> Vec<usize> {
        let board = self.session.doc.board();
        (0..board.participants.len())
            .filter(|&i| !self.sent_from_phone(board.participants[i].id))
            .collect()
    }

    /// Starts typing feelings at the selected event (or the first one).
    pub(crate) fn start_typing(&mut self) {
        if self.session.doc.board().participants.is_empty() {
            self.shell
                .notifications
                .info("Add participants first: their feelings are typed in turn".to_owned());
            return;
        }
        let Some(&first) = self.typed_people().first() else {
            self.shell.notifications.info(
                "Everyone sent their line from their phone: there is nobody to type for".to_owned(),
            );
            return;
        };
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
            person: first,
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

    /// The next person the round asks, at this event or the next one. Returns `false` after
    /// the last event (the round is over).
    fn advance(&mut self, typing: &mut Typing) -> bool {
        let people = self.typed_people();
        if let Some(&next) = people.iter().find(|&&i| i > typing.person) {
            typing.person = next;
            return true;
        }
        let Some(&first) = people.first() else {
            return false;
        };
        // Everyone at this event: on to the next one.
        let events = self.events_in_time();
        let next = typing
            .event
            .and_then(|id| events.iter().position(|e| *e == id))
            .and_then(|i| events.get(i + 1))
            .copied();
        let Some(next) = next else {
            return false;
        };
        typing.person = first;
        typing.event = Some(next);
        self.session.view.selected = Some(next);
        self.session.view.reveal_event = Some(next);
        true
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
        let (time, person_id) = (event.time, person.id);
        let title = event.title.clone();
        let name = self.shown_name(person_id);
        let when = self.dates().time(time);
        let people = self.typed_people();
        let place = people.iter().position(|&i| i == typing.person).unwrap_or(0);
        let heading = ui.strong("Typing feelings");
        if !typing.shown {
            // Opened with the panel scrolled down: the prompt comes into view.
            heading.scroll_to_me(Some(egui::Align::Min));
            typing.shown = true;
        }
        ui.label(format!("{when} · {title}"));
        ui.label(
            RichText::new(format!(
                "{} of {}: one key sets a value, 0 to 5, Shift+1 to 5 for −1 to −5; with a sign \
                 and Enter for a half step or a word (-2.5, +3 relieved); empty Enter skips; Esc \
                 stops",
                place + 1,
                people.len()
            ))
            .weak(),
        );
        let from_phones: Vec<String> = board
            .participants
            .iter()
            .filter(|p| self.sent_from_phone(p.id))
            .map(|p| self.shown_name(p.id))
            .collect();
        if !from_phones.is_empty() {
            ui.label(
                RichText::new(format!(
                    "Not asked, they sent their line from their phone: {}",
                    from_phones.join(", ")
                ))
                .weak(),
            );
        }
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
        let field_id = ui.make_persistent_id("typing_feelings");
        // A value of one key is taken before the field sees it, while the field is empty.
        let quick = if typing.text.is_empty() && ui.memory(|m| m.has_focus(field_id)) {
            let swallow = &mut typing.swallow;
            ui.input_mut(|i| take_quick_values(i, swallow))
        } else {
            typing.swallow = 0;
            Vec::new()
        };
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut typing.text)
                    .id(field_id)
                    .char_limit(200)
                    .hint_text("e.g. 3, or -2.5 scared and Enter")
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
        let mut entries: Vec<(f64, Option<String>)> =
            quick.into_iter().map(|v| (v, None)).collect();
        let mut skip = false;
        if field.lost_focus() && enter {
            match parse_entry(&typing.text) {
                Err(why) => {
                    typing.error = Some(format!("{why}; type it again"));
                    typing.text.clear();
                }
                Ok(Some(entry)) => entries.push(entry),
                Ok(None) => skip = true,
            }
        }
        if !self.take_entries(&mut typing, entries, skip) {
            self.shell
                .notifications
                .info("Typed feelings up to the last event".to_owned());
            self.session.view.focus_requested = true;
            return;
        }
        // The field keeps the keyboard for the whole round.
        field.request_focus();
        self.session.panel.typing = Some(typing);
    }

    /// Sets each entry for the person whose turn it is and moves on, then skips one person if
    /// `skip`. Returns `false` once past the last event.
    fn take_entries(
        &mut self,
        typing: &mut Typing,
        entries: Vec<(f64, Option<String>)>,
        skip: bool,
    ) -> bool {
        for (valence, emotion) in entries {
            let board = self.session.doc.board();
            let event = typing
                .event
                .and_then(|id| board.events.iter().find(|e| e.id == id));
            let (Some(event), Some(person)) = (event, board.participants.get(typing.person)) else {
                return false;
            };
            let (participant, time) = (person.id, event.time);
            // The word typed, or none: never the word of a feeling it replaces.
            self.send(Edit::SetFeelingAt {
                participant,
                time,
                valence,
                emotion: Some(emotion.unwrap_or_default()),
            });
            typing.text.clear();
            typing.error = None;
            if !self.advance(typing) {
                return false;
            }
        }
        if skip {
            typing.text.clear();
            typing.error = None;
            return self.advance(typing);
        }
        true
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
