//! The trends across boards as one self-contained web page, as the board's report is made
//! (see [`super::html`]): no script, nothing loaded from elsewhere, every typed text escaped.

use std::fmt::Write as _;

use base64::Engine as _;

use super::html::{STYLE, escape};
use super::trends::{Skipped, date_text, duration_text, one_decimal, pulse_text};
use crate::analysis::trends::Trends;

/// The page; `picture` is the trends' picture as PNG bytes, embedded when given.
pub fn html_report(trends: &Trends, skipped: &[Skipped], picture: Option<&[u8]>) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         img-src data:; style-src 'unsafe-inline'\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <title>Trends across retrospectives</title>\n<style>{STYLE}</style>\n</head>\n\
         <body>\n<main>\n<h1>Trends across retrospectives</h1>\n<p>{} boards{}.</p>\n",
        trends.boards.len(),
        match skipped.len() {
            0 => String::new(),
            n => format!(", {n} files skipped"),
        }
    );
    if let Some(png) = picture {
        let data = base64::engine::general_purpose::STANDARD.encode(png);
        let _ = writeln!(
            h,
            "<figure>\n<img src=\"data:image/png;base64,{data}\" alt=\"The team's mean feeling \
             with its spread, the divergences, trust and ROTI, and the action items, board by \
             board\">\n</figure>"
        );
    }
    write_boards(&mut h, trends);
    write_lists(&mut h, trends);
    if !skipped.is_empty() {
        h.push_str("<h2>Files skipped</h2>\n<ul>\n");
        for s in skipped {
            let _ = writeln!(h, "<li>{}</li>", escape(&s.error));
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

fn write_boards(h: &mut String, trends: &Trends) {
    h.push_str(
        "<h2>Board by board</h2>\n<table>\n<thead><tr><th>Date</th><th>Board</th>\
         <th>Mean feeling</th><th>Spread</th><th>Divergences</th><th>Divergent time</th>\
         <th>Trust (votes)</th><th>ROTI (votes)</th><th>Actions made / done</th>\
         <th>Carried: done / open / dropped</th><th>Chain</th></tr></thead>\n<tbody>\n",
    );
    for b in &trends.boards {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td dir=\"auto\">{}<br><span class=\"weak\">{}</span></td>\
             <td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td>{} / {}</td><td>{} / {} / {}</td><td>{}</td></tr>",
            escape(&date_text(b)),
            escape(&b.title),
            escape(&b.file),
            one_decimal(b.mean_feeling),
            one_decimal(b.spread),
            b.divergences,
            duration_text(b.divergent_seconds),
            escape(&pulse_text(&b.trust)),
            escape(&pulse_text(&b.roti)),
            b.actions.created,
            b.actions.done,
            b.carried.done,
            b.carried.still_open + b.carried.to_review,
            b.carried.dropped,
            b.chain
                .map_or_else(|| "—".to_owned(), |c| (c + 1).to_string()),
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

fn write_lists(h: &mut String, trends: &Trends) {
    h.push_str("<h2>Chains</h2>\n");
    if trends.chains.is_empty() {
        h.push_str("<p>No board was made from another with <code>new --from</code>.</p>\n");
    } else {
        h.push_str("<ol>\n");
        for c in &trends.chains {
            let _ = writeln!(h, "<li dir=\"auto\">{}</li>", escape(&c.name));
        }
        h.push_str("</ol>\n");
    }
    h.push_str("<h2>Carried action items</h2>\n");
    if trends.carried_items.is_empty() {
        h.push_str("<p>None.</p>\n");
    } else {
        h.push_str(
            "<table>\n<thead><tr><th>Action item</th><th>Owner</th><th>Boards carried</th>\
             <th>Days open</th><th>First board</th><th>Last review</th></tr></thead>\n<tbody>\n",
        );
        for item in &trends.carried_items {
            let _ = writeln!(
                h,
                "<tr><td dir=\"auto\">{}</td><td dir=\"auto\">{}</td><td>{}</td><td>{}</td>\
                 <td dir=\"auto\">{}</td><td>{}</td></tr>",
                escape(&item.text),
                escape(&item.owner),
                item.boards_carried,
                one_decimal(item.days_open),
                escape(&item.first_board),
                item.status
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }
    h.push_str("<h2>Most frequent emotion words</h2>\n");
    if trends.emotions.is_empty() {
        h.push_str("<p>None.</p>\n");
    } else {
        h.push_str("<ol>\n");
        for w in &trends.emotions {
            let _ = writeln!(h, "<li dir=\"auto\">{} ({})</li>", escape(&w.word), w.count);
        }
        h.push_str("</ol>\n");
    }
    h.push_str("<h2>Lanes that keep coming up</h2>\n");
    if trends.lanes.is_empty() {
        h.push_str("<p>No lane has events in two boards.</p>\n");
    } else {
        h.push_str(
            "<table>\n<thead><tr><th>Lane</th><th>Boards</th><th>Events</th></tr></thead>\n<tbody>\n",
        );
        for l in &trends.lanes {
            let _ = writeln!(
                h,
                "<tr><td dir=\"auto\">{}</td><td>{}</td><td>{}</td></tr>",
                escape(&l.name),
                l.boards,
                l.events
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }
}
