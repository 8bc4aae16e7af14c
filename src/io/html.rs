//! The report as one self-contained web page: the picture embedded, then the events with their
//! notes, each person's feelings with their words, the divergences, the action items with all
//! they hold, the participants and the safety statement.
//!
//! Nothing is loaded from elsewhere (a content security policy forbids it), so the page opens
//! offline and tells nobody it was read; it has no script. Every typed text is escaped, so it
//! never becomes markup, a link or an image. It prints to A4 and Letter without cutting a row.

use std::collections::HashMap;
use std::fmt::Write as _;

use base64::Engine as _;

use super::inert::is_invisible_control;
use super::markdown::Names;
use crate::analysis::{DivergenceSpan, divergences, smart};
use crate::model::time::format::{BoardDates, valence_text};
use crate::model::{ActionStatus, Board, Link, Moment, ParticipantId};

/// `text` as HTML text: markup characters escaped, bidi and zero-width controls dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_invisible_control(c) => {}
            c if c.is_control() && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub(crate) const STYLE: &str = "
body { font-family: 'Atkinson Hyperlegible', system-ui, sans-serif; margin: 2rem auto;
  max-width: 72rem; padding: 0 1rem; line-height: 1.45; color: #111; background: #fff; }
h1 { font-size: 1.9rem; margin-bottom: 0.2rem; }
h2 { margin-top: 2.2rem; border-bottom: 2px solid #ccc; }
table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 1rem; }
th, td { border: 1px solid #bbb; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eee; }
caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
figure { margin: 1rem 0; }
img { max-width: 100%; height: auto; border: 1px solid #ccc; }
blockquote { border-left: 4px solid #888; margin: 1rem 0; padding: 0.2rem 1rem; }
.weak { color: #555; }
.notes { white-space: pre-wrap; }
@media print {
  @page { margin: 14mm; }
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2, h3 { break-after: avoid; }
  tr, figure, blockquote { break-inside: avoid; }
  thead { display: table-header-group; }
}
";

/// The page. `pictures` is the board's picture as PNG bytes (one per page when it is split
/// into pages), embedded when given.
pub fn html_report(board: &Board, anonymous: bool, pictures: &[Vec<u8>]) -> String {
    let range = board.time_range();
    let dates = BoardDates::today(board.offset_with(range), range);
    html_report_with(board, anonymous, pictures, dates)
}

/// What every section of the page reads: the board, how people are named and how dates are
/// written.
struct Page<'a> {
    board: &'a Board,
    names: Names<'a>,
    dates: BoardDates,
}

impl Page<'_> {
    /// A moment as the page writes it, escaped.
    fn when(&self, m: Moment) -> String {
        escape(&self.dates.time(m))
    }
}

/// [`html_report`] with the dates written as `dates` says.
pub fn html_report_with(
    board: &Board,
    anonymous: bool,
    pictures: &[Vec<u8>],
    dates: BoardDates,
) -> String {
    let page = Page {
        board,
        names: Names::new(board, anonymous),
        dates,
    };
    let mut h = String::new();
    write_head(&mut h, &page);
    write_safety(&mut h, &page);
    let spans = divergences(board, board.settings.neutral_band);
    write_pictures(&mut h, &page, pictures, &spans);
    write_review(&mut h, &page);
    write_events(&mut h, &page);
    write_divergences(&mut h, &page, &spans);
    write_turning_points(&mut h, &page);
    write_insights(&mut h, &page);
    write_votes(&mut h, &page, &spans);
    write_actions(&mut h, &page, &spans);
    write_pulses(&mut h, &page);
    write_feelings(&mut h, &page);
    write_agenda(&mut h, &page);
    write_participants(&mut h, &page);
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

/// The document's head (its policy, title and style), the title, and the kind of board and the
/// time it covers.
fn write_head(h: &mut String, page: &Page<'_>) {
    let board = page.board;
    let title = escape(&board.title);
    let _ = write!(
        h,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         img-src data:; style-src 'unsafe-inline'\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n\
         <h1 dir=\"auto\">{title}</h1>\n"
    );
    let kind = board.kind.label();
    let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "An"
    } else {
        "A"
    };
    match board.time_range() {
        Some(r) => {
            let _ = writeln!(
                h,
                "<p>{article} {kind} board, {} to {} ({}).</p>",
                page.when(r.start),
                page.when(r.end),
                escape(&page.dates.zone())
            );
        }
        None => {
            let _ = writeln!(h, "<p>{article} {kind} board with no events yet.</p>");
        }
    }
}

/// The safety statement opens the record, as it opened the meeting; then when it was shown.
fn write_safety(h: &mut String, page: &Page<'_>) {
    let safety = &page.board.safety;
    h.push_str("<blockquote>\n");
    for line in safety.statement.lines().filter(|l| !l.trim().is_empty()) {
        let _ = writeln!(h, "<p dir=\"auto\">{}</p>", escape(line));
    }
    h.push_str("</blockquote>\n");
    let _ = writeln!(
        h,
        "<p class=\"weak\">{}</p>",
        match safety.shown_at {
            Some(m) => format!("The safety statement was shown {}.", page.when(m)),
            None => "The safety statement was not shown in the window.".to_owned(),
        }
    );
}

/// The picture embedded, one figure per page, each with a text that says what it shows.
fn write_pictures(h: &mut String, page: &Page<'_>, pictures: &[Vec<u8>], spans: &[DivergenceSpan]) {
    let board = page.board;
    for (i, png) in pictures.iter().enumerate() {
        let data = base64::engine::general_purpose::STANDARD.encode(png);
        let part = if pictures.len() > 1 {
            format!(" (page {} of {})", i + 1, pictures.len())
        } else {
            String::new()
        };
        let alt = format!(
            "The board{part}: {} events in {} lanes above the feelings of {} people, with {} \
             divergences shaded",
            board.events.len(),
            board.lanes.len(),
            board.participants.len(),
            spans.len()
        );
        let _ = writeln!(
            h,
            "<figure>\n<img src=\"data:image/png;base64,{data}\" alt=\"{}\">\n\
             <figcaption class=\"weak\">The board as the picture export draws it{part}.</figcaption>\n\
             </figure>",
            escape(&alt)
        );
    }
}

/// Last time's action items, reviewed first as the meeting did.
fn write_review(h: &mut String, page: &Page<'_>) {
    let review = super::meeting_report::review_rows(page.board, &page.names);
    if !review.is_empty() {
        h.push_str("<h2 id=\"review\">Last time's action items</h2>\n");
        table(
            h,
            "How the action items carried from the last retrospective were found",
            &["Action", "Owner", "Due", "From", "Review", "Note"],
            review.iter().map(|r| r.as_slice()),
        );
    }
}

/// The events in time order, with their lanes and notes.
fn write_events(h: &mut String, page: &Page<'_>) {
    let board = page.board;
    h.push_str("<h2 id=\"events\">Events</h2>\n");
    if board.events.is_empty() {
        h.push_str("<p>No events.</p>\n");
        return;
    }
    let lanes: HashMap<_, &str> = board
        .lanes
        .iter()
        .map(|l| (l.id, l.name.as_str()))
        .collect();
    let mut events: Vec<_> = board.events.iter().collect();
    events.sort_by_key(|e| (e.time.unix_nanos(), e.id));
    // A column for the kinds, when any event has one.
    let kinds = board.events.iter().any(|e| !e.kind.is_none());
    let _ = write!(
        h,
        "<table>\n<caption>What happened, in time order</caption>\n<thead><tr>\
         <th scope=\"col\">Time</th><th scope=\"col\">Lane</th>{}\
         <th scope=\"col\">Event</th><th scope=\"col\">Notes</th></tr></thead>\n<tbody>\n",
        if kinds {
            "<th scope=\"col\">Kind</th>"
        } else {
            ""
        }
    );
    for e in events {
        let kind = match (kinds, e.kind.is_none()) {
            (false, _) => String::new(),
            (true, true) => "<td></td>".to_owned(),
            (true, false) => format!("<td>{}</td>", escape(e.kind.label())),
        };
        let _ = writeln!(
            h,
            "<tr><td dir=\"auto\">{}</td><td dir=\"auto\">{}</td>{kind}<td dir=\"auto\">{}</td><td class=\"notes\" dir=\"auto\">{}</td></tr>",
            page.when(e.time),
            escape(lanes.get(&e.lane).copied().unwrap_or("")),
            escape(&e.title),
            escape(&e.notes)
        );
    }
    h.push_str("</tbody>\n</table>\n");
    let timing = super::discussion_report::timing_lines(board, |m| page.dates.time(m));
    if !timing.is_empty() {
        h.push_str("<h3>Incident timing</h3>\n<ul>\n");
        for line in &timing {
            let _ = writeln!(h, "<li dir=\"auto\">{}</li>", escape(line));
        }
        h.push_str("</ul>\n");
    }
}

/// The insights the room wrote on the timeline, in time order.
fn write_insights(h: &mut String, page: &Page<'_>) {
    use super::discussion_report as discussion;
    let rows = discussion::insight_rows(page.board, |m| page.dates.time(m));
    if !rows.is_empty() {
        h.push_str("<h2 id=\"insights\">Insights</h2>\n");
        table(
            h,
            "What the room learned, written on the timeline",
            &discussion::INSIGHT_HEADERS,
            rows.iter().map(|r| &r[..]),
        );
    }
}

/// The trust check and ROTI, when they were taken.
fn write_pulses(h: &mut String, page: &Page<'_>) {
    let lines = super::discussion_report::pulse_lines(page.board);
    if !lines.is_empty() {
        h.push_str("<h2 id=\"pulses\">Trust check and ROTI</h2>\n<ul>\n");
        for line in &lines {
            let _ = writeln!(h, "<li>{}</li>", escape(line));
        }
        h.push_str("</ul>\n");
    }
}

/// The spans where feelings diverge, and who was up and who was down.
fn write_divergences(h: &mut String, page: &Page<'_>, spans: &[DivergenceSpan]) {
    let _ = writeln!(
        h,
        "<h2 id=\"divergences\">Divergences (θ = {})</h2>",
        page.board.settings.neutral_band
    );
    if spans.is_empty() {
        h.push_str("<p>None: nobody felt good while someone else felt bad.</p>\n");
        return;
    }
    let people = |ids: &[ParticipantId]| {
        ids.iter()
            .map(|id| escape(&page.names.participant(*id)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    h.push_str(
        "<table>\n<caption>Where some felt good while others felt bad</caption>\n<thead><tr>\
         <th scope=\"col\">When</th><th scope=\"col\">Who was up</th>\
         <th scope=\"col\">Who was down</th><th scope=\"col\">Spread</th></tr></thead>\n\
         <tbody>\n",
    );
    for s in spans {
        let _ = writeln!(
            h,
            "<tr><td dir=\"auto\">{} to {}</td><td dir=\"auto\">{}</td><td dir=\"auto\">{}</td><td dir=\"auto\">{:.1}</td></tr>",
            page.when(s.start),
            page.when(s.end),
            people(&s.positive),
            people(&s.negative),
            s.spread
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

/// The turning points, as [`super::turns_report`] words them.
fn write_turning_points(h: &mut String, page: &Page<'_>) {
    use super::turns_report as turns;
    let words = turns::words(
        page.board,
        &crate::analysis::turning::turning_points(page.board),
        |id| page.names.participant(id),
        |m| page.when(m),
    );
    h.push_str("<h2 id=\"turning-points\">Turning points</h2>\n");
    if words.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", escape(turns::NONE));
        return;
    }
    h.push_str("<ul>\n");
    for line in &words.lines {
        let _ = writeln!(h, "<li dir=\"auto\">{}</li>", escape(line));
    }
    h.push_str("</ul>\n");
    if !words.people.is_empty() {
        table(
            h,
            "Each person's steepest climb and deepest drop between two feelings",
            &turns::PEOPLE_HEADERS,
            words.people.iter().map(|r| &r[..]),
        );
    }
    if !words.events.is_empty() {
        let _ = writeln!(h, "<h3>{}</h3>", escape(turns::EVENTS_HEADING));
        table(
            h,
            "max − min of the lines at each event's time",
            &turns::EVENT_HEADERS,
            words.events.iter().map(|r| &r[..]),
        );
    }
}

/// The vote on what to discuss, when one was held: its results once revealed.
fn write_votes(h: &mut String, page: &Page<'_>, spans: &[DivergenceSpan]) {
    let Some(super::meeting_report::VoteResults {
        revealed,
        cast,
        rows,
    }) = super::meeting_report::vote_results(page.board, spans, &page.dates)
    else {
        return;
    };
    h.push_str("<h2 id=\"votes\">Votes</h2>\n");
    if revealed {
        let rows: Vec<[String; 2]> = rows
            .into_iter()
            .map(|(n, what)| [n.to_string(), what])
            .collect();
        table(
            h,
            &format!("{cast} votes, most first"),
            &["Votes", "On"],
            rows.iter().map(|r| r.as_slice()),
        );
    } else {
        let _ = writeln!(h, "<p>{cast} votes cast, not revealed.</p>");
    }
}

/// Action items, with everything they hold.
fn write_actions(h: &mut String, page: &Page<'_>, spans: &[DivergenceSpan]) {
    let board = page.board;
    h.push_str("<h2 id=\"actions\">Action items</h2>\n");
    if board.action_items.is_empty() {
        h.push_str("<p>No action items.</p>\n");
        return;
    }
    let titles: HashMap<_, &str> = board
        .events
        .iter()
        .map(|e| (e.id, e.title.as_str()))
        .collect();
    h.push_str(
        "<table>\n<caption>What the team will do</caption>\n<thead><tr>\
         <th scope=\"col\">Action</th><th scope=\"col\">Owner</th><th scope=\"col\">Due</th>\
         <th scope=\"col\">Done when</th><th scope=\"col\">SMART</th>\
         <th scope=\"col\">From</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n",
    );
    for item in &board.action_items {
        let report = smart::check(item);
        let missing: Vec<&str> = report.missing().collect();
        let from: Vec<String> = item
            .links
            .iter()
            .map(|link| match link {
                Link::Event(id) => titles
                    .get(id)
                    .map_or_else(|| format!("event {id}"), |t| escape(t)),
                // Named as the divergences are listed: by their span.
                Link::Divergence(m) => match super::markdown::span_of(*m, spans) {
                    Some(s) => format!(
                        "the divergence {} to {}",
                        page.when(s.start),
                        page.when(s.end)
                    ),
                    None => format!("the divergence at {} (no longer divergent)", page.when(*m)),
                },
                Link::Insight(id) => escape(&board.insight_name(*id)),
            })
            .collect();
        let _ = writeln!(
            h,
            "<tr><td dir=\"auto\">{}</td><td dir=\"auto\">{}</td><td dir=\"auto\">{}</td><td dir=\"auto\">{}</td><td dir=\"auto\">{}{}</td><td dir=\"auto\">{}</td>\
             <td dir=\"auto\">{}</td></tr>",
            escape(&item.text),
            escape(&page.names.owner(&item.owner)),
            item.due.map(|d| d.to_text()).unwrap_or_default(),
            escape(&item.done_when),
            escape(&report.compact()),
            if missing.is_empty() {
                String::new()
            } else {
                format!(
                    "<br><span class=\"weak\">{}</span>",
                    escape(&missing.join(" "))
                )
            },
            from.join("; "),
            if item.status == ActionStatus::Done {
                "done"
            } else {
                "open"
            }
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

/// Each person's feelings, with their words and notes.
fn write_feelings(h: &mut String, page: &Page<'_>) {
    let board = page.board;
    h.push_str("<h2 id=\"feelings\">Feelings</h2>\n");
    if board.participants.is_empty() {
        h.push_str("<p>Nobody plotted their feelings.</p>\n");
        return;
    }
    let mut lines: HashMap<ParticipantId, Vec<&crate::model::Feeling>> = HashMap::new();
    for f in &board.feelings {
        lines.entry(f.participant).or_default().push(f);
    }
    for line in lines.values_mut() {
        line.sort_by_key(|f| (f.time.unix_nanos(), f.id));
    }
    for p in &board.participants {
        let name = escape(&page.names.participant(p.id));
        let line = lines.get(&p.id).map_or(&[][..], Vec::as_slice);
        let _ = writeln!(h, "<h3 dir=\"auto\">{name}</h3>");
        if line.is_empty() {
            h.push_str("<p class=\"weak\">No feelings plotted.</p>\n");
            continue;
        }
        let _ = writeln!(
            h,
            "<table>\n<caption>How {name} felt</caption>\n<thead><tr>\
             <th scope=\"col\">Time</th><th scope=\"col\">Feeling (−5 to +5)</th>\
             <th scope=\"col\">Word</th><th scope=\"col\">Note</th></tr></thead>\n<tbody>"
        );
        for f in line {
            let _ = writeln!(
                h,
                "<tr><td dir=\"auto\">{}</td><td dir=\"auto\">{}</td><td dir=\"auto\">{}</td><td class=\"notes\" dir=\"auto\">{}</td></tr>",
                page.when(f.time),
                valence_text(f.valence),
                escape(&f.emotion),
                escape(&f.note)
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }
}

/// The meeting's phases and when each ran, once any of them was started.
fn write_agenda(h: &mut String, page: &Page<'_>) {
    let agenda = super::meeting_report::agenda_rows(page.board, &page.dates);
    if !agenda.is_empty() {
        h.push_str("<h2 id=\"agenda\">Agenda</h2>\n");
        table(
            h,
            "Each phase of the meeting and when it ran",
            &["Phase", "Timebox", "Started", "Ended", "Took"],
            agenda.iter().map(|r| r.as_slice()),
        );
    }
}

/// Who took part, by name or by number.
fn write_participants(h: &mut String, page: &Page<'_>) {
    let board = page.board;
    h.push_str("<h2 id=\"participants\">Participants</h2>\n");
    for line in super::discussion_report::naming_lines(board, |m| page.dates.time(m)) {
        let _ = writeln!(h, "<p>{}</p>", escape(&line));
    }
    if board.participants.is_empty() {
        h.push_str("<p>None.</p>\n");
    } else {
        h.push_str("<ul>\n");
        for p in &board.participants {
            let _ = writeln!(
                h,
                "<li dir=\"auto\">{}</li>",
                escape(&page.names.participant(p.id))
            );
        }
        h.push_str("</ul>\n");
    }
}

/// A table with a caption and column headers; every cell is escaped.
fn table<'a>(
    h: &mut String,
    caption: &str,
    headers: &[&str],
    rows: impl Iterator<Item = &'a [String]>,
) {
    let _ = write!(
        h,
        "<table>\n<caption>{}</caption>\n<thead><tr>",
        escape(caption)
    );
    for header in headers {
        let _ = write!(h, "<th scope=\"col\">{}</th>", escape(header));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        h.push_str("<tr>");
        for cell in row {
            let _ = write!(h, "<td dir=\"auto\">{}</td>", escape(cell));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Board {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/examples/incident-checkout-outage.ron");
        crate::io::board_file::load(&path).expect("sample")
    }

    /// The headings' levels in order.
    fn headings(html: &str) -> Vec<u8> {
        html.match_indices("<h")
            .filter_map(|(i, _)| html.as_bytes().get(i + 2).copied())
            .filter(u8::is_ascii_digit)
            .map(|d| d - b'0')
            .collect()
    }

    #[test]
    fn the_page_is_accessible_headings_in_order_alt_text_and_table_headers() {
        let html = html_report(&sample(), false, &[b"\x89PNG".to_vec()]);
        let levels = headings(&html);
        assert_eq!(levels.first(), Some(&1));
        assert_eq!(levels.iter().filter(|l| **l == 1).count(), 1, "one h1");
        assert!(
            levels.windows(2).all(|w| w[1] <= w[0] + 1),
            "no heading level is skipped: {levels:?}"
        );
        for img in html.split("<img").skip(1) {
            let alt = img.split("alt=\"").nth(1).and_then(|a| a.split('"').next());
            assert!(alt.is_some_and(|a| a.len() > 20), "an image with alt text");
        }
        let tables = html.matches("<table>").count();
        assert!(tables >= 4);
        assert_eq!(
            html.matches("<thead>").count(),
            tables,
            "every table has headers"
        );
        assert_eq!(html.matches("<caption>").count(), tables, "and a caption");
        assert!(html.contains("<html lang=\"en\">"));
    }

    #[test]
    fn typed_text_never_becomes_markup_a_link_an_image_or_a_script() {
        let mut board = sample();
        let hostile = "![x](http://tracker.example/p.gif) <script>alert(1)</script> \
                       =HYPERLINK(\"x\") <img src=x onerror=alert(1)> \u{202e}";
        board.title = hostile.to_owned();
        board.events[0].title = hostile.to_owned();
        board.events[0].notes = hostile.to_owned();
        board.participants[0].name = hostile.to_owned();
        board.action_items[0].text = hostile.to_owned();
        let html = html_report(&board, false, &[]);
        assert!(!html.contains("<script"), "no script");
        assert!(!html.contains("<img"), "no image but the picture");
        assert!(!html.contains('\u{202e}'));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(
            !html.contains("http://tracker.example/p.gif\""),
            "no live address"
        );
        // Nothing from elsewhere is ever loaded.
        assert!(html.contains("default-src 'none'"));
        assert!(!html.contains("src=\"http"));
        assert!(!html.contains("href="));
    }

    #[test]
    fn the_record_keeps_notes_words_and_everything_an_action_holds() {
        let board = sample();
        let html = html_report(&board, false, &[]);
        for e in &board.events {
            assert!(html.contains(&escape(&e.title)), "{}", e.title);
            assert!(html.contains(&escape(&e.notes)));
        }
        for a in &board.action_items {
            assert!(html.contains(&escape(&a.text)));
            assert!(html.contains(&escape(&a.done_when)));
        }
        assert!(html.contains("alarmed"), "emotion words");
        assert!(html.contains("The safety statement was shown"));
        let anonymous = html_report(&board, true, &[]);
        assert!(!anonymous.contains("Ana Lima"));
        assert!(anonymous.contains("Participant 1"));
    }
}
