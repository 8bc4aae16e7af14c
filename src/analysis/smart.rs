//! Is an action item SMART? Specific, Measurable, Assignable, Relevant, Time-bound.

use crate::model::ActionItem;

/// Phrases that make an action vague: they say to be better without saying what changes.
pub const VAGUE_PHRASES: &[&str] = &[
    "do better",
    "be better",
    "be more careful",
    "be careful",
    "more careful",
    "improve communication",
    "communicate better",
    "better communication",
    "try to",
    "try harder",
    "work harder",
    "pay more attention",
    "more attention",
    "be more aware",
    "keep in mind",
    "remember to",
    "as soon as possible",
    "asap",
];

/// An action must say at least this many words to say what will change.
pub const MIN_SPECIFIC_WORDS: usize = 3;

/// One letter of SMART and, when it is missing, why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    pub letter: char,
    pub name: &'static str,
    /// `None` when the item meets it.
    pub missing: Option<String>,
}

/// The five letters, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmartReport {
    pub letters: [Letter; 5],
}

impl SmartReport {
    pub fn is_smart(&self) -> bool {
        self.letters.iter().all(|l| l.missing.is_none())
    }

    /// "SM·R·" style: the letters met, a dot for each one missing.
    pub fn compact(&self) -> String {
        self.letters
            .iter()
            .map(|l| if l.missing.is_none() { l.letter } else { '·' })
            .collect()
    }

    /// The explanations of the missing letters, one line each.
    pub fn missing(&self) -> impl Iterator<Item = &str> {
        self.letters.iter().filter_map(|l| l.missing.as_deref())
    }
}

/// The vague phrase in `text`, if any (whole words, ignoring case).
pub fn vague_phrase(text: &str) -> Option<&'static str> {
    let words: Vec<String> = words(text);
    VAGUE_PHRASES.iter().copied().find(|phrase| {
        let p: Vec<&str> = phrase.split(' ').collect();
        words
            .windows(p.len())
            .any(|w| w.iter().zip(&p).all(|(a, b)| a == b))
    })
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Checks an action item against SMART.
pub fn check(item: &ActionItem) -> SmartReport {
    let text = item.text.trim();
    let specific = if text.is_empty() {
        Some("Specific: say what will change.".to_owned())
    } else if let Some(phrase) = vague_phrase(text) {
        Some(format!(
            "Specific: \"{phrase}\" is vague; name the change, e.g. \"add an alert when the pool is 80% full\"."
        ))
    } else if words(text).len() < MIN_SPECIFIC_WORDS {
        Some(format!(
            "Specific: {} word(s) cannot say what will change; describe the change.",
            words(text).len()
        ))
    } else {
        None
    };
    let letter = |letter, name, missing: Option<String>| Letter {
        letter,
        name,
        missing,
    };
    SmartReport {
        letters: [
            letter('S', "Specific", specific),
            letter(
                'M',
                "Measurable",
                item.done_when.trim().is_empty().then(|| {
                    "Measurable: add \"done when\", how everyone will see it is done.".to_owned()
                }),
            ),
            letter(
                'A',
                "Assignable",
                item.owner
                    .trim()
                    .is_empty()
                    .then(|| "Assignable: give it an owner.".to_owned()),
            ),
            letter(
                'R',
                "Relevant",
                item.links.is_empty().then(|| {
                    "Relevant: link it to the event or divergence it comes from.".to_owned()
                }),
            ),
            letter(
                'T',
                "Time-bound",
                item.due
                    .is_none()
                    .then(|| "Time-bound: give it a due date.".to_owned()),
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActionId, ActionStatus, Day, EventId, Link};

    fn item(text: &str, owner: &str, due: bool, done_when: &str, linked: bool) -> ActionItem {
        ActionItem {
            id: ActionId(1),
            text: text.to_owned(),
            owner: owner.to_owned(),
            due: due.then(|| Day::parse("2026-03-21").expect("date")),
            done_when: done_when.to_owned(),
            status: ActionStatus::Open,
            links: if linked {
                vec![Link::Event(EventId(3))]
            } else {
                Vec::new()
            },
        }
    }

    #[test]
    fn smart_letters_table() {
        let full = "Alert when the connection pool is 80% used";
        // (text, owner, due, done when, linked) → letters met
        let table: &[(ActionItem, &str)] = &[
            (item("do better", "", false, "", false), "·····"),
            (
                item("Do better next time", "Ana", true, "never again", true),
                "·MART",
            ),
            (
                item(full, "Ana", true, "alert fires in staging", true),
                "SMART",
            ),
            (
                item(full, "", true, "alert fires in staging", true),
                "SM·RT",
            ),
            (
                item(full, "Ana", false, "alert fires in staging", true),
                "SMAR·",
            ),
            (item(full, "Ana", true, "  ", true), "S·ART"),
            (item(full, "Ana", true, "alert fires", false), "SMA·T"),
            (item("Fix alerts", "Ana", true, "x", true), "·MART"),
            (
                item("We will try to page faster", "Ana", true, "x", true),
                "·MART",
            ),
            (
                item("Improve communication with support", "Ana", true, "x", true),
                "·MART",
            ),
            (
                item("Be more careful with deploys", "Ana", true, "x", true),
                "·MART",
            ),
            (
                item(
                    "Add a status page owner to the on-call runbook",
                    "Ana",
                    true,
                    "x",
                    true,
                ),
                "SMART",
            ),
            // "careful" alone is not the vague phrase "be careful".
            (
                item("Write a careful rollback checklist", "Ana", true, "x", true),
                "SMART",
            ),
        ];
        for (item, expected) in table {
            assert_eq!(check(item).compact(), *expected, "{:?}", item.text);
        }
    }

    #[test]
    fn do_better_says_which_letters_are_missing_and_why() {
        let report = check(&item("do better", "", false, "", false));
        assert!(!report.is_smart());
        let why: Vec<&str> = report.missing().collect();
        assert_eq!(why.len(), 5);
        assert!(why[0].contains("\"do better\" is vague"), "{why:?}");
        assert!(why.iter().all(|w| !w.contains('\n')), "one line each");
        let complete = check(&item(
            "Alert when the connection pool is 80% used",
            "Ana",
            true,
            "alert fires in staging",
            true,
        ));
        assert!(complete.is_smart());
        assert_eq!(complete.missing().count(), 0);
    }
}
