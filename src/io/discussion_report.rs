//! What the reports say of the discussion: the insights written on the timeline, the incident's
//! timing from the event kinds (time to detect, diagnose, repair), the trust check and ROTI, and
//! whether names were kept back. Plain text; each report escapes it its own way.

use crate::model::{Board, EventKind, Moment, Pulse, PulseKind};

/// The columns of the insights table.
pub const INSIGHT_HEADERS: [&str; 3] = ["When", "Kind", "Insight"];

/// Each insight in time order: when ("10:05", or "10:05 to 10:40"), its kind and its text.
pub fn insight_rows(board: &Board, when: impl Fn(Moment) -> String) -> Vec<[String; 3]> {
    let mut insights: Vec<_> = board.insights.iter().collect();
    insights.sort_by_key(|i| (i.at.unix_nanos(), i.id));
    insights
        .into_iter()
        .map(|i| {
            let at = match i.until {
                Some(until) => format!("{} to {}", when(i.at), when(until)),
                None => when(i.at),
            };
            [at, i.kind.label().to_owned(), i.text.clone()]
        })
        .collect()
}

/// A length of time as people say it: "45 s", "12 min", "2 h 5 min", "3 d 4 h".
pub fn duration_words(seconds: f64) -> String {
    let s = seconds.max(0.0).round() as i64;
    match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min", (s + 30) / 60),
        3600..86_400 => {
            let min = (s + 30) / 60;
            match min % 60 {
                0 => format!("{} h", min / 60),
                m => format!("{} h {m} min", min / 60),
            }
        }
        _ => {
            let h = (s + 1800) / 3600;
            match h % 24 {
                0 => format!("{} d", h / 24),
                rest => format!("{} d {rest} h", h / 24),
            }
        }
    }
}

/// How long each step of the incident took, measured from the first event: to the first
/// detection, diagnosis and repair. A step no event is marked as is left out.
pub fn timing_lines(board: &Board, when: impl Fn(Moment) -> String) -> Vec<String> {
    let Some(first) = board
        .events
        .iter()
        .min_by_key(|e| (e.time.unix_nanos(), e.id))
    else {
        return Vec::new();
    };
    let steps = [
        (EventKind::Detection, "Time to detect"),
        (EventKind::Diagnosis, "Time to diagnose"),
        (EventKind::Repair, "Time to repair"),
    ];
    steps
        .into_iter()
        .filter_map(|(kind, what)| {
            let event = board
                .events
                .iter()
                .filter(|e| e.kind == kind)
                .min_by_key(|e| (e.time.unix_nanos(), e.id))?;
            let seconds = (event.time.unix_nanos() - first.time.unix_nanos()) as f64 / 1e9;
            Some(format!(
                "{what}: {} (from the first event, “{}” at {}, to the first {}, “{}” at {})",
                duration_words(seconds),
                first.title,
                when(first.time),
                kind.label(),
                event.title,
                when(event.time)
            ))
        })
        .collect()
}

/// One line of a trust check or ROTI: "Trust check: 5 votes, mean 3.8 (1: 0 · 2: 1 · …)".
fn pulse_line(kind: PulseKind, pulse: &Pulse) -> Option<String> {
    let mean = pulse.mean()?;
    let counts = pulse.histogram();
    let votes: usize = counts.iter().sum();
    let bars: Vec<String> = counts
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{}: {n}", i + 1))
        .collect();
    Some(format!(
        "{}: {votes} vote{}, mean {:.1} ({})",
        kind.label(),
        if votes == 1 { "" } else { "s" },
        mean,
        bars.join(" · ")
    ))
}

/// The trust check and ROTI, those that were taken.
pub fn pulse_lines(board: &Board) -> Vec<String> {
    [
        (PulseKind::Trust, &board.trust),
        (PulseKind::Roti, &board.roti),
    ]
    .into_iter()
    .filter_map(|(kind, pulse)| pulse_line(kind, pulse))
    .collect()
}

/// What the report says of names: kept back (and until when), and how many asked to stay
/// anonymous in the record.
pub fn naming_lines(board: &Board, when: impl Fn(Moment) -> String) -> Vec<String> {
    let mut lines = Vec::new();
    if board.naming.hides_names() {
        lines.push(
            "Names are kept back: the lines are shown as Participant 1, 2… until the \
             facilitator names them."
                .to_owned(),
        );
    } else if let Some(at) = board.naming.named_at {
        lines.push(format!("Names were kept back until {}.", when(at)));
    }
    let asked = board.participants.iter().filter(|p| p.anonymous).count();
    if asked > 0 {
        lines.push(format!(
            "{asked} participant{} asked to stay anonymous in the record.",
            if asked == 1 { "" } else { "s" }
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Board, EventKind, LaneId, Moment};

    fn at(text: &str) -> Moment {
        Moment::parse_rfc3339(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn durations_read_as_people_say_them() {
        assert_eq!(duration_words(45.0), "45 s");
        assert_eq!(duration_words(12.0 * 60.0 + 10.0), "12 min");
        assert_eq!(duration_words(2.0 * 3600.0 + 5.0 * 60.0), "2 h 5 min");
        assert_eq!(duration_words(3600.0), "1 h");
        assert_eq!(duration_words(3.0 * 86_400.0 + 4.0 * 3600.0), "3 d 4 h");
    }

    #[test]
    fn timing_counts_from_the_first_event_to_the_first_of_each_kind() {
        let mut board = Board::new("Incident");
        let lane = LaneId(1);
        for (time, title, kind) in [
            ("2026-03-14T02:00:00Z", "Deploy", EventKind::None),
            ("2026-03-14T02:40:00Z", "Fixed", EventKind::Repair),
            ("2026-03-14T02:12:00Z", "Alert", EventKind::Detection),
            ("2026-03-14T02:30:00Z", "Second alert", EventKind::Detection),
        ] {
            board.events.push(crate::model::Event {
                id: crate::model::EventId(board.events.len() as u32 + 1),
                time: at(time),
                title: title.to_owned(),
                notes: String::new(),
                lane,
                kind,
            });
        }
        let lines = timing_lines(&board, |m| m.to_rfc3339());
        assert_eq!(lines.len(), 2, "no diagnosis, no line for it: {lines:?}");
        assert!(
            lines[0].starts_with("Time to detect: 12 min"),
            "{}",
            lines[0]
        );
        assert!(lines[0].contains("“Alert”"), "{}", lines[0]);
        assert!(
            lines[1].starts_with("Time to repair: 40 min"),
            "{}",
            lines[1]
        );
        board
            .events
            .iter_mut()
            .for_each(|e| e.kind = EventKind::None);
        assert!(timing_lines(&board, |m| m.to_rfc3339()).is_empty());
    }
}
