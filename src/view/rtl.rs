//! Right-to-left text as the room reads it. egui shapes text (Arabic letters join), and sets
//! each run of one font in its script's direction, but it places runs one after another from
//! the left and wraps from the left: a Hebrew or Arabic title of several words comes out with
//! its words in reverse order. Board text with right-to-left letters is therefore handed to
//! egui in the order its pieces are drawn, by the Unicode bidirectional algorithm: the words
//! of a right-to-left run last to first (each still in its own order, which egui turns),
//! spaces and signs between them turned and brackets mirrored, and wrapped rows made by us in
//! reading order. Only drawn text changes: what is stored, edited and exported stays as typed.
//!
//! Text without right-to-left letters goes through untouched and unallocated.

use std::borrow::Cow;
use std::sync::Arc;

use eframe::egui;
use unicode_bidi::{BidiInfo, Direction, Level};

pub use crate::io::inert::{has_rtl, is_rtl};

/// Whether `c` is of a script egui shapes into glyphs that do not follow its characters one
/// by one: right-to-left scripts, and the Indic and Southeast Asian ones (Devanagari to Khmer).
pub fn is_complex(c: char) -> bool {
    is_rtl(c) || matches!(u32::from(c), 0x0900..=0x109F | 0x1780..=0x17FF)
}

/// `text` in the order egui must be given it to draw it as read: each line in visual order,
/// its paragraph direction that of its first strong letter.
pub fn visual(text: &str) -> Cow<'_, str> {
    if !has_rtl(text) {
        return Cow::Borrowed(text);
    }
    let level = direction_of(text);
    let lines: Vec<String> = text.split('\n').map(|l| visual_line(l, level)).collect();
    Cow::Owned(lines.join("\n"))
}

/// The paragraph level of `text`: right to left when its first strong letter is.
fn direction_of(text: &str) -> Level {
    match unicode_bidi::get_base_direction(text) {
        Direction::Rtl => Level::rtl(),
        _ => Level::ltr(),
    }
}

/// One line in the order egui draws it, at paragraph level `level`.
fn visual_line(line: &str, level: Level) -> String {
    if !has_rtl(line) {
        return line.to_owned();
    }
    let info = BidiInfo::new(line, Some(level));
    let mut out = String::with_capacity(line.len());
    for para in &info.paragraphs {
        let (levels, runs) = info.visual_runs(para, para.range.clone());
        for run in runs {
            let text = &line[run.clone()];
            if levels[run.start].is_rtl() {
                push_rtl_run(&mut out, text);
            } else {
                out.push_str(text);
            }
        }
    }
    out
}

/// A right-to-left run, drawn from the left: its pieces last to first; a piece in a
/// right-to-left script kept as typed (egui turns it), any other piece (spaces, signs)
/// turned here, its brackets mirrored.
fn push_rtl_run(out: &mut String, run: &str) {
    let mut pieces: Vec<(bool, &str)> = Vec::new();
    let mut start = 0;
    let mut current: Option<bool> = None;
    for (i, c) in run.char_indices() {
        let rtl = is_rtl(c);
        if current.is_some_and(|r| r != rtl) {
            pieces.push((current.unwrap_or(false), &run[start..i]));
            start = i;
        }
        current = Some(rtl);
    }
    if let Some(rtl) = current {
        pieces.push((rtl, &run[start..]));
    }
    for (rtl, piece) in pieces.into_iter().rev() {
        if rtl {
            out.push_str(piece);
        } else {
            out.extend(piece.chars().rev().map(mirrored));
        }
    }
}

/// The mirror image of a bracket, as a right-to-left run shows it.
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        other => other,
    }
}

/// Lays `job` out; when it holds right-to-left (or other complex) text, its rows are made here, in reading order
/// (the first words on the first row), each row's part of each section (a card's time, its
/// title) in the order it is drawn. Returns the galley and whether text was cut.
pub fn layout_job_cut(
    painter: &egui::Painter,
    job: egui::text::LayoutJob,
) -> (Arc<egui::Galley>, bool) {
    // Text of complex scripts gets rows made here too, one line of text per row, so that the
    // PDF can set each row from its text (see render::pdf_picture).
    if !job.text.chars().any(is_complex) {
        let galley = painter.layout_job(job);
        let cut = galley.elided;
        return (galley, cut);
    }
    let rows = wrap_rows(painter, &job);
    let cut = rows.cut;
    (painter.layout_job(rows_job(&job, &rows.rows)), cut)
}

/// [`layout_job_cut`] without saying whether text was cut.
pub fn layout_job(painter: &egui::Painter, job: egui::text::LayoutJob) -> Arc<egui::Galley> {
    layout_job_cut(painter, job).0
}

/// The text of one section of `job`.
fn section_text<'j>(
    job: &'j egui::text::LayoutJob,
    section: &egui::text::LayoutSection,
) -> &'j str {
    job.text
        .get(section.byte_range.start.0..section.byte_range.end.0)
        .unwrap_or_default()
}

/// A row: each section's piece of it, in logical order.
type Row = Vec<(usize, String)>;

struct Rows {
    rows: Vec<Row>,
    cut: bool,
}

/// `job`'s words in rows no wider than its wrap width, at most its rows, the last cut with its
/// overflow character when the words do not fit.
fn wrap_rows(painter: &egui::Painter, job: &egui::text::LayoutJob) -> Rows {
    let width = job.wrap.max_width;
    let most = job.wrap.max_rows.max(1);
    let fits = |row: &Row| width.is_infinite() || measure(painter, job, row) <= width;
    let mut rows: Vec<Row> = Vec::new();
    let mut row: Row = Vec::new();
    let mut cut = false;
    'words: for (i, section) in job.sections.iter().enumerate() {
        for (n, line) in section_text(job, section).split('\n').enumerate() {
            if n > 0 {
                rows.push(std::mem::take(&mut row));
            }
            for word in line.split_inclusive(' ') {
                let mut candidate = row.clone();
                push_piece(&mut candidate, i, word);
                if fits(&candidate) || row.is_empty() {
                    row = candidate;
                    continue;
                }
                rows.push(std::mem::take(&mut row));
                if rows.len() >= most {
                    cut = true;
                    break 'words;
                }
                push_piece(&mut row, i, word.trim_start());
            }
        }
    }
    if !cut && !row.is_empty() {
        rows.push(row);
    }
    if rows.len() > most {
        rows.truncate(most);
        cut = true;
    }
    if cut && let Some(last) = rows.last_mut() {
        let mark = job.wrap.overflow_character.unwrap_or('…');
        loop {
            let mut marked = last.clone();
            let section = marked.last().map_or(0, |p| p.0);
            push_piece(&mut marked, section, &mark.to_string());
            if fits(&marked) || !drop_last_char(last) {
                *last = marked;
                break;
            }
        }
    }
    Rows { rows, cut }
}

fn push_piece(row: &mut Row, section: usize, text: &str) {
    match row.last_mut() {
        Some((s, t)) if *s == section => t.push_str(text),
        _ => row.push((section, text.to_owned())),
    }
}

/// Takes the last character off `row`; false when it is empty.
fn drop_last_char(row: &mut Row) -> bool {
    while let Some((_, text)) = row.last_mut() {
        if text.pop().is_some() {
            return true;
        }
        row.pop();
    }
    false
}

/// How wide `row` is drawn.
fn measure(painter: &egui::Painter, job: &egui::text::LayoutJob, row: &Row) -> f32 {
    painter
        .layout_job(rows_job(job, std::slice::from_ref(row)))
        .size()
        .x
}

/// `rows` as one job of explicit lines, each piece in drawing order, in its section's format.
fn rows_job(job: &egui::text::LayoutJob, rows: &[Row]) -> egui::text::LayoutJob {
    let levels: Vec<Level> = job
        .sections
        .iter()
        .map(|s| direction_of(section_text(job, s)))
        .collect();
    let mut out = egui::text::LayoutJob {
        halign: job.halign,
        first_row_min_height: job.first_row_min_height,
        ..Default::default()
    };
    let mut started = vec![false; job.sections.len()];
    for (r, row) in rows.iter().enumerate() {
        for (k, (section, text)) in row.iter().enumerate() {
            let (Some(s), Some(&level)) = (job.sections.get(*section), levels.get(*section)) else {
                continue;
            };
            let mut text = visual_line(text.trim_end(), level);
            if k + 1 == row.len() && r + 1 < rows.len() {
                text.push('\n');
            }
            let leading = if started[*section] {
                0.0
            } else {
                s.leading_space
            };
            started[*section] = true;
            out.append(&text, leading, s.format.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_text_is_not_touched() {
        assert!(matches!(visual("Rollback (v4.17) → ok"), Cow::Borrowed(_)));
        assert!(matches!(visual("日本語のテキスト"), Cow::Borrowed(_)));
    }

    #[test]
    fn hebrew_is_drawn_from_the_right() {
        // "שלום עולם": its last word is drawn at the left (egui turns each word itself).
        assert_eq!(visual("שלום עולם"), "עולם שלום");
        // A Latin word inside keeps its own order; the brackets face the right way.
        assert_eq!(visual("גרסה (v2)"), "(v2) גרסה");
        assert_eq!(visual("חשש (גדול)"), "(גדול) חשש");
    }

    #[test]
    fn latin_paragraph_keeps_a_hebrew_word_in_place() {
        assert_eq!(visual("Deploy שלום עולם done"), "Deploy עולם שלום done");
    }

    #[test]
    fn arabic_words_are_given_last_to_first_each_as_typed() {
        // egui joins and turns each word; the words' order is ours to give.
        assert_eq!(visual("تنبيه معدل الأخطاء"), "الأخطاء معدل تنبيه");
    }

    #[test]
    fn each_line_is_reordered_on_its_own() {
        assert_eq!(visual("אב גד\nהו זח"), "גד אב\nזח הו");
    }

    #[test]
    fn odd_text_does_not_panic() {
        for text in [
            "\u{202E}abc\u{202C}",
            "\u{0644}",
            "ـــ",
            "\u{064B}\u{064B}",
            "\u{2067}א\u{2069}b",
            "\n\n",
            "لا\u{200D}لا",
        ] {
            let _ = visual(text);
        }
    }
}
