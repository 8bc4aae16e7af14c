//! The Markdown report: title, dates, safety statement, events, divergences, action items and
//! participants. Everything a user typed is escaped, so a `|`, a newline or `<script>` in a title
//! cannot break a table or inject HTML.

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::analysis::{DivergenceSpan, divergences, smart};
use crate::model::time::format::BoardDates;
use crate::model::{ActionStatus, Board, Link, Moment, ParticipantId};

/// Text typed by a user, made safe for a line of Markdown or a table cell: HTML is escaped,
/// Markdown punctuation is taken literally, and line breaks become spaces. Text with
/// right-to-left letters is set apart in a first-strong isolate (U+2068 … U+2069), the plain
/// text form of `dir="auto"`: it runs in its own direction without turning what is around it.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_was_space = false;
    for c in text.chars() {
        match c {
            '\r' | '\n' => {
                if !last_was_space {
                    out.push(' ');
                }
                last_was_space = true;
                continue;
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '!' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            // Bidi controls and zero-width characters would reorder or hide what is read.
            c if super::inert::is_invisible_control(c) => {}
            c => out.push(c),
        }
        last_was_space = c == ' ';
    }
    let out = out.trim();
    if super::inert::has_rtl(out) {
        format!("\u{2068}{out}\u{2069}")
    } else {
        out.to_owned()
    }
}

/// How people are named in the report.
pub struct Names<'a> {
    board: &'a Board,
    anonymous: bool,
    /// Each participant's place in the list, found once.
    places: std::collections::HashMap<ParticipantId, usize>,
}

impl<'a> Names<'a> {
    pub fn new(board: &'a Board, anonymous: bool) -> Self {
        let places = board
            .participants
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id, i))
            .collect();
        Self {
            board,
            anonymous,
            places,
        }
    }

    /// The name of a participant, or "Participant N" when the report is anonymous, while the
    /// board keeps names back, or when they asked to stay anonymous in the record.
    pub fn participant(&self, id: ParticipantId) -> String {
        let index = self.places.get(&id).copied();
        match index {
            Some(i) => {
                let person = &self.board.participants[i];
                if self.anonymous || !self.board.names_person(person) {
                    format!("Participant {}", i + 1)
                } else {
                    person.name.clone()
                }
            }
            None => "someone".to_owned(),
        }
    }

    /// An owner as typed; when anonymous, a participant's name becomes their label.
    pub fn owner(&self, owner: &str) -> String {
        if self.anonymous
            && let Some(p) = self.board.participant_named(owner)
        {
            return self.participant(p.id);
        }
        owner.to_owned()
    }
}

/// The whole report, with dates that show their year when the board is not in this year.
pub fn report(board: &Board, anonymous: bool) -> String {
    report_with_picture(board, anonymous, &[])
}

/// The whole report, showing the picture at `pictures` (paths or addresses relative to the
/// report, one per page) at its top when one is exported alongside.
pub fn report_with_picture(board: &Board, anonymous: bool, pictures: &[String]) -> String {
    write_report(
        board,
        anonymous,
        BoardDates::today(board.offset_with(board.time_range()), board.time_range()),
        pictures,
    )
}

/// The whole report as read on `today`: dates show their year when the board is not in the
/// year of `today`.
pub fn report_on(board: &Board, anonymous: bool, today: Date) -> String {
    write_report(
        board,
        anonymous,
        BoardDates::new(board.time_range(), today),
        &[],
    )
}

/// A table: a header row, then each row, every cell made inert.
fn md_table<'a>(md: &mut String, headers: &[&str], rows: impl Iterator<Item = &'a [String]>) {
    let _ = writeln!(md, "| {} |", headers.join(" | "));
    let _ = writeln!(md, "|{}", "---|".repeat(headers.len()));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| inline(c)).collect();
        let _ = writeln!(md, "| {} |", cells.join(" | "));
    }
    md.push('\n');
}

/// What every section of the report reads: the board, how people are named and how dates are
/// written.
struct Report<'a> {
    board: &'a Board,
    names: Names<'a>,
    dates: BoardDates,
}

impl Report<'_> {
    /// A moment as the report writes it. Boards are checked to lie in 1900 … 2200 when loaded,
    /// so every offset can be applied.
    fn when(&self, m: Moment) -> String {
        self.dates.time(m)
    }
}

fn write_report(board: &Board, anonymous: bool, dates: BoardDates, pictures: &[String]) -> String {
    let report = Report {
        board,
        names: Names::new(board, anonymous),
        dates,
    };
    let mut md = String::new();
    write_header(&mut md, &report);
    write_safety(&mut md, &report);
    write_pictures(&mut md, pictures);
    write_review(&mut md, &report);
    write_events(&mut md, &report);
    let spans = write_divergences(&mut md, &report);
    write_turning_points(&mut md, &report);
    write_insights(&mut md, &report);
    write_votes(&mut md, &report, &spans);
    write_actions(&mut md, &report, &spans);
    write_pulses(&mut md, &report);
    write_agenda(&mut md, &report);
    write_participants(&mut md, &report);
    md
}

/// The title, and the kind of board and the time it covers.
fn write_header(md: &mut String, report: &Report<'_>) {
    let board = report.board;
    let _ = writeln!(md, "# {}\n", inline(&board.title));
    match board.time_range() {
        Some(r) => {
            let _ = writeln!(
                md,
                "{} board, {} to {} ({}).\n",
                capitalised(board.kind.label()),
                report.when(r.start),
                report.when(r.end),
                report.dates.zone()
            );
        }
        None => {
            let _ = writeln!(md, "{} board.\n", capitalised(board.kind.label()));
        }
    }
}

/// The safety statement, quoted, and when it was shown.
fn write_safety(md: &mut String, report: &Report<'_>) {
    let safety = &report.board.safety;
    for line in safety.statement.lines().filter(|l| !l.trim().is_empty()) {
        let _ = writeln!(md, "> {}", inline(line));
    }
    if let Some(shown) = safety.shown_at {
        let _ = writeln!(md, ">\n> Shown {}.", report.when(shown));
    }
    md.push('\n');
}

/// The picture exported alongside, one image per page.
fn write_pictures(md: &mut String, pictures: &[String]) {
    for (i, picture) in pictures.iter().enumerate() {
        // The address in angle brackets, with what would end it escaped.
        let address = picture.replace('<', "%3C").replace('>', "%3E");
        let alt = if pictures.len() > 1 {
            format!("The board, page {} of {}", i + 1, pictures.len())
        } else {
            "The board".to_owned()
        };
        let _ = writeln!(md, "![{alt}]({})\n", format_args!("<{address}>"));
    }
}

/// Last time's action items and how they were found, when the board carries any.
fn write_review(md: &mut String, report: &Report<'_>) {
    let review = super::meeting_report::review_rows(report.board, &report.names);
    if !review.is_empty() {
        let _ = writeln!(md, "## Last time's action items\n");
        md_table(
            md,
            &["Action", "Owner", "Due", "From", "Review", "Note"],
            review.iter().map(|r| r.as_slice()),
        );
    }
}

/// The events in time order, with their lanes and notes.
fn write_events(md: &mut String, report: &Report<'_>) {
    let board = report.board;
    let _ = writeln!(md, "## Events\n");
    if board.events.is_empty() {
        md.push_str("No events.\n\n");
        return;
    }
    // A column for the kinds, when any event has one.
    let kinds = board.events.iter().any(|e| !e.kind.is_none());
    if kinds {
        md.push_str("| Time | Lane | Kind | Event | Notes |\n|---|---|---|---|---|\n");
    } else {
        md.push_str("| Time | Lane | Event | Notes |\n|---|---|---|---|\n");
    }
    let mut events: Vec<_> = board.events.iter().collect();
    events.sort_by_key(|e| (e.time.unix_nanos(), e.id));
    let lanes: std::collections::HashMap<_, &str> = board
        .lanes
        .iter()
        .map(|l| (l.id, l.name.as_str()))
        .collect();
    for e in events {
        let lane = lanes.get(&e.lane).copied().unwrap_or("");
        let kind = match (kinds, e.kind.is_none()) {
            (false, _) => String::new(),
            (true, true) => " |".to_owned(),
            (true, false) => format!(" {} |", e.kind.label()),
        };
        let _ = writeln!(
            md,
            "| {} | {} |{kind} {} | {} |",
            report.when(e.time),
            inline(lane),
            inline(&e.title),
            inline(&e.notes)
        );
    }
    md.push('\n');
    let timing = super::discussion_report::timing_lines(board, |m| report.when(m));
    if !timing.is_empty() {
        let _ = writeln!(md, "### Incident timing\n");
        for line in &timing {
            let _ = writeln!(md, "- {}", inline(line));
        }
        md.push('\n');
    }
}

/// The insights the room wrote on the timeline, in time order.
fn write_insights(md: &mut String, report: &Report<'_>) {
    use super::discussion_report as discussion;
    let rows = discussion::insight_rows(report.board, |m| report.when(m));
    if !rows.is_empty() {
        let _ = writeln!(md, "## Insights\n");
        md_table(
            md,
            &discussion::INSIGHT_HEADERS,
            rows.iter().map(|r| &r[..]),
        );
    }
}

/// The trust check and ROTI, when they were taken.
fn write_pulses(md: &mut String, report: &Report<'_>) {
    let lines = super::discussion_report::pulse_lines(report.board);
    if !lines.is_empty() {
        let _ = writeln!(md, "## Trust check and ROTI\n");
        for line in &lines {
            let _ = writeln!(md, "- {}", inline(line));
        }
        md.push('\n');
    }
}

/// The spans where feelings diverge, and who was up and who was down; returns the spans.
fn write_divergences(md: &mut String, report: &Report<'_>) -> Vec<DivergenceSpan> {
    let theta = report.board.settings.neutral_band;
    let spans = divergences(report.board, theta);
    let _ = writeln!(md, "## Divergences (θ = {theta})\n");
    if spans.is_empty() {
        md.push_str("None: nobody felt good while someone else felt bad.\n\n");
        return spans;
    }
    md.push_str("| When | Who was up | Who was down | Spread |\n|---|---|---|---|\n");
    let people = |ids: &[ParticipantId]| {
        ids.iter()
            .map(|id| inline(&report.names.participant(*id)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for s in &spans {
        let _ = writeln!(
            md,
            "| {} to {} | {} | {} | {} |",
            report.when(s.start),
            report.when(s.end),
            people(&s.positive),
            people(&s.negative),
            (s.spread * 10.0).round() / 10.0
        );
    }
    md.push('\n');
    spans
}

/// The turning points, as [`super::turns_report`] words them.
fn write_turning_points(md: &mut String, report: &Report<'_>) {
    let turns = super::turns_report::words(
        report.board,
        &crate::analysis::turning::turning_points(report.board),
        |id| report.names.participant(id),
        |m| report.when(m),
    );
    md.push_str("## Turning points\n\n");
    if turns.is_empty() {
        let _ = writeln!(md, "{}\n", super::turns_report::NONE);
        return;
    }
    for line in &turns.lines {
        let _ = writeln!(md, "- {}", inline(line));
    }
    md.push('\n');
    let headers_people: &[&str] = &super::turns_report::PEOPLE_HEADERS;
    let headers_events: &[&str] = &super::turns_report::EVENT_HEADERS;
    if !turns.people.is_empty() {
        md_table(md, headers_people, turns.people.iter().map(|r| &r[..]));
    }
    if !turns.events.is_empty() {
        let _ = writeln!(md, "### {}\n", super::turns_report::EVENTS_HEADING);
        md_table(md, headers_events, turns.events.iter().map(|r| &r[..]));
    }
}

/// The dot vote on what to discuss, when one was held: its results once revealed.
fn write_votes(md: &mut String, report: &Report<'_>, spans: &[DivergenceSpan]) {
    let Some(super::meeting_report::VoteResults {
        revealed,
        cast,
        rows,
    }) = super::meeting_report::vote_results(report.board, spans, &report.dates)
    else {
        return;
    };
    let _ = writeln!(md, "## Votes\n");
    if revealed {
        let rows: Vec<[String; 2]> = rows
            .into_iter()
            .map(|(n, what)| [n.to_string(), what])
            .collect();
        md_table(md, &["Votes", "On"], rows.iter().map(|r| r.as_slice()));
    } else {
        let _ = writeln!(md, "{cast} votes cast, not revealed.\n");
    }
}

/// The action items with all they hold, then what each still needs to be SMART.
fn write_actions(md: &mut String, report: &Report<'_>, spans: &[DivergenceSpan]) {
    let board = report.board;
    let _ = writeln!(md, "## Action items\n");
    if board.action_items.is_empty() {
        md.push_str("No action items.\n\n");
        return;
    }
    md.push_str(
        "| Action | Owner | Due | Done when | SMART | From | Status |\n|---|---|---|---|---|---|---|\n",
    );
    let titles: std::collections::HashMap<_, &str> = board
        .events
        .iter()
        .map(|e| (e.id, e.title.as_str()))
        .collect();
    for item in &board.action_items {
        let smart_report = smart::check(item);
        let from = item
            .links
            .iter()
            .map(|link| match link {
                Link::Event(id) => titles
                    .get(id)
                    .map_or_else(|| format!("event {id}"), |t| inline(t)),
                // Named as the divergences are listed: by their span.
                Link::Divergence(m) => match span_of(*m, spans) {
                    Some(s) => format!(
                        "divergence {} to {}",
                        report.when(s.start),
                        report.when(s.end)
                    ),
                    None => format!("divergence at {} (no longer divergent)", report.when(*m)),
                },
                Link::Insight(id) => inline(&board.insight_name(*id)),
            })
            .collect::<Vec<_>>()
            .join("; ");
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} |",
            inline(&item.text),
            inline(&report.names.owner(&item.owner)),
            item.due.map(|d| d.to_text()).unwrap_or_default(),
            inline(&item.done_when),
            smart_report.compact(),
            from,
            if item.status == ActionStatus::Done {
                "done"
            } else {
                "open"
            }
        );
    }
    md.push('\n');
    let gaps: Vec<_> = board
        .action_items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let smart_report = smart::check(item);
            (!smart_report.is_smart()).then(|| (i + 1, smart_report))
        })
        .collect();
    if !gaps.is_empty() {
        md.push_str("Not yet SMART:\n\n");
        for (n, smart_report) in gaps {
            let why: Vec<&str> = smart_report.missing().collect();
            let _ = writeln!(md, "- Action {n}: {}", inline(&why.join(" ")));
        }
        md.push('\n');
    }
}

/// The meeting's phases and when each ran, once any of them was started.
fn write_agenda(md: &mut String, report: &Report<'_>) {
    let agenda = super::meeting_report::agenda_rows(report.board, &report.dates);
    if !agenda.is_empty() {
        let _ = writeln!(md, "## Agenda\n");
        md_table(
            md,
            &["Phase", "Timebox", "Started", "Ended", "Took"],
            agenda.iter().map(|r| r.as_slice()),
        );
    }
}

/// Each participant and every feeling they plotted, with its word and note.
fn write_participants(md: &mut String, report: &Report<'_>) {
    let board = report.board;
    let _ = writeln!(md, "## Participants\n");
    if board.participants.is_empty() {
        md.push_str("Nobody plotted their feelings.\n");
        return;
    }
    let naming = super::discussion_report::naming_lines(board, |m| report.when(m));
    for line in &naming {
        let _ = writeln!(md, "{}\n", inline(line));
    }
    // Grouped in one pass, not one pass per person.
    let mut lines: std::collections::HashMap<ParticipantId, Vec<&crate::model::Feeling>> =
        std::collections::HashMap::with_capacity(board.participants.len());
    for f in &board.feelings {
        lines.entry(f.participant).or_default().push(f);
    }
    for line in lines.values_mut() {
        line.sort_by_key(|f| (f.time.unix_nanos(), f.id));
    }
    for p in &board.participants {
        let line = lines.get(&p.id).map_or(&[][..], Vec::as_slice);
        let count = line.len();
        let _ = writeln!(
            md,
            "- {} ({count} feeling{})",
            inline(&report.names.participant(p.id)),
            if count == 1 { "" } else { "s" }
        );
        // Each feeling, with its word and note: the record keeps them.
        for f in line {
            let mut said = String::new();
            if !f.emotion.trim().is_empty() {
                let _ = write!(said, " “{}”", inline(&f.emotion));
            }
            if !f.note.trim().is_empty() {
                let _ = write!(said, ": {}", inline(&f.note));
            }
            let _ = writeln!(
                md,
                "  - {} {}{said}",
                report.when(f.time),
                crate::model::time::format::valence_text(f.valence)
            );
        }
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The span of `spans` (sorted by time) that holds `m`, as an action item's link names it.
pub(crate) fn span_of(m: Moment, spans: &[DivergenceSpan]) -> Option<&DivergenceSpan> {
    match crate::analysis::votes::resolve(crate::model::VoteTarget::Divergence(m), spans) {
        Some(crate::analysis::votes::Voted::Divergence(i)) => spans.get(i),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Moment;

    #[test]
    fn right_to_left_text_runs_in_its_own_direction_and_turns_nothing_around_it() {
        // A reader's viewer sets the isolate right to left by its first letter, and the table
        // cell's "·" and the next cell stay where they are.
        assert_eq!(inline("הפריסה (v2)"), "\u{2068}הפריסה (v2)\u{2069}");
        assert_eq!(inline("Checkout recovers"), "Checkout recovers");
        // The isolate is ours: a typed one is taken out, as every bidi control is.
        assert_eq!(inline("a\u{2068}b"), "ab");
        let mut board = Board::new("Retro");
        let lane = board.lanes[0].id;
        board.add_event(
            Moment::parse_rfc3339("2026-03-14T02:00:00Z").expect("time"),
            "تنبيه معدل الأخطاء",
            lane,
            "",
        );
        assert!(report(&board, false).contains("\u{2068}تنبيه معدل الأخطاء\u{2069}"));
    }

    #[test]
    fn user_text_cannot_break_a_table_or_inject_html() {
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(
            inline("line one\nline two\r\nthree"),
            "line one line two three"
        );
        assert_eq!(
            inline("<script>alert('x')</script>"),
            "&lt;script&gt;alert('x')&lt;/script&gt;"
        );
        assert_eq!(
            inline("**bold** _it_ `code` [link](x)"),
            "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\[link\\](x)"
        );
        assert_eq!(inline("# not a heading"), "\\# not a heading");
        assert_eq!(inline("Zoë & co"), "Zoë &amp; co");
    }

    #[test]
    fn a_hostile_title_stays_one_table_cell() {
        let mut board = Board::new("Retro");
        let lane = board.lanes[0].id;
        board.add_event(
            Moment::parse_rfc3339("2026-03-14T02:00:00Z").expect("time"),
            "evil | cell\n| injected | row |<img src=x onerror=alert(1)>",
            lane,
            "",
        );
        let md = report(&board, false);
        let row = md
            .lines()
            .find(|l| l.contains("evil"))
            .expect("the event's row");
        // A row of the four-column table has exactly five unescaped pipes.
        let pipes = row
            .match_indices('|')
            .filter(|(i, _)| !row[..*i].ends_with('\\'))
            .count();
        assert_eq!(pipes, 5, "{row}");
        assert!(!md.contains("<img"), "{md}");
        assert_eq!(md.lines().filter(|l| l.contains("injected")).count(), 1);
    }

    #[test]
    fn anonymous_reports_name_nobody() {
        let mut board = Board::new("Retro");
        let ana = board.add_participant("Ana Lima");
        let ben = board.add_participant("Ben Carter");
        for (who, v) in [(ana, 3.0), (ben, -3.0)] {
            board.add_feeling(
                who,
                Moment::parse_rfc3339("2026-03-14T02:00:00Z").expect("t"),
                v,
                "",
                "",
            );
            board.add_feeling(
                who,
                Moment::parse_rfc3339("2026-03-14T02:30:00Z").expect("t"),
                v,
                "",
                "",
            );
        }
        board.action_items.push(crate::model::ActionItem {
            id: crate::model::ActionId(1),
            text: "Write the runbook step".into(),
            owner: "ben carter".into(),
            due: None,
            done_when: String::new(),
            status: ActionStatus::Open,
            links: Vec::new(),
        });
        let md = report(&board, true);
        assert!(
            !md.contains("Ana") && !md.to_lowercase().contains("ben carter"),
            "{md}"
        );
        assert!(md.contains("| Participant 1 | Participant 2 |"), "{md}");
        assert!(
            md.contains("| Write the runbook step | Participant 2 |"),
            "{md}"
        );
        assert!(report(&board, false).contains("Ana Lima"));
    }
}
