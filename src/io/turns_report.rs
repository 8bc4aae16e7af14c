//! The turning points in words, for every report (Markdown, HTML, and the PDF through the
//! Markdown): the widest spread, the team's shared low and high, each person's steepest climb
//! and deepest drop, and the events where feelings differed most. Plain text: each report
//! escapes it its own way.

use crate::analysis::turning::{Change, TurningPoints};
use crate::model::{Board, Moment, ParticipantId};

/// What a report says when there are none.
pub const NONE: &str = "None yet: turning points need two feelings or more.";
pub const PEOPLE_HEADERS: [&str; 3] = ["Who", "Steepest climb", "Deepest drop"];
pub const EVENT_HEADERS: [&str; 4] = ["Event", "When", "Spread", "Lines"];
pub const EVENTS_HEADING: &str = "Where feelings differed most at an event";
/// How many events the reports list by their spread.
const EVENTS_BY_SPREAD: usize = 5;

/// The turning points of a board in words.
pub struct Words {
    /// The widest spread, the shared low and high: one sentence each.
    pub lines: Vec<String>,
    /// Per person: who, the climb, the drop.
    pub people: Vec<[String; 3]>,
    /// The events with the widest spreads: title, when, spread, how many lines.
    pub events: Vec<[String; 4]>,
}

impl Words {
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.people.is_empty()
    }
}

/// A valence or a change of one, signed, to a tenth: "+2.5", "−3", "0".
pub fn signed(v: f64) -> String {
    crate::model::time::format::valence_text((v * 10.0).round() / 10.0 + 0.0)
}

/// The turning points `turns` of `board`, people named by `name`, moments written by `when`.
pub fn words(
    board: &Board,
    turns: &TurningPoints,
    name: impl Fn(ParticipantId) -> String,
    when: impl Fn(Moment) -> String,
) -> Words {
    // A big team's list ends in "+N more", as the present mode's captions do.
    const NAMED: usize = 8;
    let people = |ids: &[ParticipantId]| {
        let mut text = ids
            .iter()
            .take(NAMED)
            .map(|id| name(*id))
            .collect::<Vec<_>>()
            .join(", ");
        if ids.len() > NAMED {
            text.push_str(&format!(" +{} more", ids.len() - NAMED));
        }
        text
    };
    let mut lines = Vec::new();
    if let Some(w) = &turns.widest {
        let mut at: Vec<String> = w.moments.iter().map(|m| when(*m)).collect();
        if w.count > w.moments.len() {
            at.push(format!("{} more moments", w.count - w.moments.len()));
        }
        lines.push(format!(
            "Widest spread: {} at {}; highest {}, lowest {}",
            (w.spread * 10.0).round() / 10.0,
            at.join(", "),
            people(&w.highest),
            people(&w.lowest)
        ));
    }
    for (label, point) in [
        ("Shared low", &turns.shared_low),
        ("Shared high", &turns.shared_high),
    ] {
        if let Some(p) = point {
            lines.push(format!(
                "{label}: the team's mean {} ({} lines) at {}",
                signed(p.mean),
                p.lines,
                when(p.at)
            ));
        }
    }
    let change = |c: &Option<Change>| {
        c.as_ref().map_or_else(
            || "none".to_owned(),
            |c| {
                format!(
                    "{} from {} to {} ({} to {})",
                    signed(c.by()),
                    when(c.from),
                    when(c.to),
                    signed(c.from_value),
                    signed(c.to_value)
                )
            },
        )
    };
    let people_rows = turns
        .people
        .iter()
        .map(|p| [name(p.participant), change(&p.climb), change(&p.drop)])
        .collect();
    let events = turns
        .events_by_spread(board)
        .into_iter()
        .take(EVENTS_BY_SPREAD)
        .filter_map(|e| {
            let event = board.events.iter().find(|x| x.id == e.event)?;
            Some([
                event.title.clone(),
                when(event.time),
                ((e.spread.unwrap_or(0.0) * 10.0).round() / 10.0).to_string(),
                e.lines.to_string(),
            ])
        })
        .collect();
    Words {
        lines,
        people: people_rows,
        events,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Board {
        crate::io::board_file::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/examples/incident-checkout-outage.ron"
        )))
        .expect("sample")
    }

    #[test]
    fn every_report_names_the_turning_points_in_the_same_words() {
        let board = sample();
        let md = crate::io::markdown::report(&board, false);
        let html = crate::io::html::html_report(&board, false, &[]);
        let anonymous = crate::io::markdown::report(&board, true);
        // The outage's "Cause found" is where the lines were furthest apart.
        for report in [&md, &html] {
            assert!(report.contains("Turning points"));
            assert!(report.contains(
                "Widest spread: 6.4 at Sat 14 Mar 03:12; highest Chidi Obi, lowest Dana Fischer"
            ));
            // The team was lowest while the cause was being looked for.
            assert!(report.contains("mean −2.5 (4 lines) at Sat 14 Mar 02:50"));
            assert!(report.contains("Cause found: pool size default changed in v4.18"));
            for p in &board.participants {
                assert!(report.contains(&p.name), "{} has no row", p.name);
            }
        }
        // Anonymous: nobody named, the turning points still there.
        assert!(anonymous.contains("Widest spread: 6.4"));
        assert!(
            board
                .participants
                .iter()
                .all(|p| !anonymous.contains(&p.name))
        );
    }

    #[test]
    fn signed_values_read_as_on_the_plot() {
        assert_eq!(signed(2.54), "+2.5");
        assert_eq!(signed(-3.0), "−3");
        assert_eq!(signed(0.04), "0");
    }
}
