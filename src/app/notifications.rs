//! Messages for the user, in a queue: several can be on screen; errors stay until dismissed and a
//! second one never hides the first. The same message again counts up instead of piling up.
//! Other news ("Saved …", "Undid …") is one line, replaced by the next: it leaves on no timer,
//! so that an untouched window draws nothing.

use std::collections::VecDeque;

/// The most messages kept; past it the oldest go, messages that are not errors first.
pub const MAX_KEPT: usize = 50;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Error,
}

#[derive(Clone, Debug)]
pub struct Notification {
    pub id: u64,
    pub level: Level,
    pub text: String,
    /// How many times it was said.
    pub count: u32,
    /// It reports something taken away: an Undo button goes with it.
    pub undoable: bool,
}

#[derive(Debug, Default)]
pub struct Notifications {
    items: VecDeque<Notification>,
    next_id: u64,
    /// Errors that had to go to keep the queue bounded.
    pub dropped_errors: u64,
}

impl Notifications {
    pub fn info(&mut self, text: String) {
        // Only the latest of these matters ("Saved …", "Undid …").
        self.items.retain(|n| n.level == Level::Error);
        self.push(Level::Info, text);
    }

    /// News of something taken away, with an Undo button.
    pub fn removed(&mut self, text: String) {
        self.info(text);
        if let Some(last) = self.items.back_mut() {
            last.undoable = true;
        }
    }

    pub fn error(&mut self, text: String) {
        log::warn!("{text}");
        self.push(Level::Error, text);
    }

    fn push(&mut self, level: Level, text: String) {
        if let Some(same) = self
            .items
            .iter_mut()
            .find(|n| n.level == level && n.text == text)
        {
            same.count = same.count.saturating_add(1);
            return;
        }
        self.next_id += 1;
        self.items.push_back(Notification {
            id: self.next_id,
            level,
            text,
            count: 1,
            undoable: false,
        });
        while self.items.len() > MAX_KEPT {
            match self.items.iter().position(|n| n.level == Level::Info) {
                Some(i) => {
                    self.items.remove(i);
                }
                None => {
                    self.items.pop_front();
                    self.dropped_errors += 1;
                }
            }
        }
    }

    pub fn dismiss(&mut self, id: u64) {
        self.items.retain(|n| n.id != id);
    }

    pub fn iter(&self) -> impl Iterator<Item = &Notification> {
        self.items.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn errors(&self) -> impl Iterator<Item = &str> {
        self.items
            .iter()
            .filter(|n| n.level == Level::Error)
            .map(|n| n.text.as_str())
    }

    pub fn latest_error(&self) -> Option<&str> {
        self.errors().last()
    }

    /// The latest message that is not an error.
    pub fn latest_info(&self) -> Option<&str> {
        self.items
            .iter()
            .rev()
            .find(|n| n.level == Level::Info)
            .map(|n| n.text.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_error_does_not_hide_the_first() {
        let mut n = Notifications::default();
        n.error("first.ron: cannot read".into());
        n.info("Saved".into());
        n.error("second.ron: cannot read".into());
        let errors: Vec<&str> = n.errors().collect();
        assert_eq!(
            errors,
            ["first.ron: cannot read", "second.ron: cannot read"]
        );
        n.error("second.ron: cannot read".into());
        assert_eq!(n.errors().count(), 2, "the same error counts up");
        let first = n.iter().next().map(|x| x.id).unwrap_or_default();
        n.dismiss(first);
        assert_eq!(n.latest_error(), Some("second.ron: cannot read"));
    }

    #[test]
    fn news_is_replaced_errors_stay_and_the_queue_is_bounded() {
        let mut n = Notifications::default();
        n.info("Saved".into());
        n.error("cannot write".into());
        n.info("Undid title".into());
        assert_eq!(n.latest_info(), Some("Undid title"));
        assert_eq!(n.iter().count(), 2, "one line of news, and the error");
        assert_eq!(n.latest_error(), Some("cannot write"));
        for i in 0..(MAX_KEPT + 10) {
            n.error(format!("error {i}"));
        }
        assert_eq!(n.iter().count(), MAX_KEPT);
        assert_eq!(n.dropped_errors, 11);
    }
}
