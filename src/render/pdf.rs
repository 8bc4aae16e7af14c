//! The record as a PDF: the report (events with notes, divergences with who and when, feelings
//! with words and notes, votes, the agenda, action items with their SMART letters) as real,
//! selectable and searchable text in every script the window draws, with the same fonts
//! embedded and subset (krilla), on A4 or Letter pages. A block (a heading, a paragraph, a
//! table row) is never cut between two pages. The report's words are the Markdown report's.
//!
//! The board's picture comes first, on landscape pages, as vector drawing (see
//! `pdf_picture`): the same picture as the PNG, split where the PNG's pages are.

use std::sync::Arc;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::Point;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};

use crate::model::Board;

/// The size of the paper.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Paper {
    /// 210 × 297 mm.
    #[default]
    A4,
    /// 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Width and height in points (1/72 in).
    fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

const MARGIN: f32 = 48.0;
const BODY: f32 = 10.5;

/// One font: for drawing, and for knowing what it covers and how wide it sets a text.
struct Face {
    font: Font,
    data: Arc<Vec<u8>>,
    index: u32,
}

impl Face {
    fn parsed(&self) -> Option<ttf_parser::Face<'_>> {
        ttf_parser::Face::parse(&self.data, self.index).ok()
    }
}

/// The fonts, in the window's order of fallback.
pub(super) struct Faces(Vec<Face>);

impl Faces {
    fn load() -> Result<Self, String> {
        let faces: Vec<Face> = crate::fonts::faces()
            .into_iter()
            .filter_map(|(data, index)| {
                let font = Font::new(Arc::clone(&data).into(), index)?;
                Some(Face { font, data, index })
            })
            .collect();
        if faces.is_empty() {
            return Err("no font could be read for the PDF".to_owned());
        }
        Ok(Self(faces))
    }

    /// The font at `index` of [`Self::runs`].
    pub(super) fn font(&self, index: usize) -> Font {
        self.0[index.min(self.0.len() - 1)].font.clone()
    }

    /// The first font with a glyph for `c` (the first font when none has one).
    fn for_char(&self, c: char) -> usize {
        self.0
            .iter()
            .position(|f| f.parsed().is_some_and(|p| p.glyph_index(c).is_some()))
            .unwrap_or(0)
    }

    /// `text` cut into runs that one font each sets.
    pub(super) fn runs<'t>(&self, text: &'t str) -> Vec<(usize, &'t str)> {
        let mut runs: Vec<(usize, &'t str)> = Vec::new();
        let mut start = 0;
        let mut current = None;
        for (i, c) in text.char_indices() {
            // Spaces and marks stay with the run they are in, where its font has them.
            let keeps = |f: usize| {
                c.is_whitespace()
                    || self.0[f]
                        .parsed()
                        .is_some_and(|p| p.glyph_index(c).is_some())
            };
            let face = match current {
                Some(f) if (c.is_whitespace() || c.is_ascii_punctuation()) && keeps(f) => f,
                _ => self.for_char(c),
            };
            if current.is_some_and(|f| f != face) {
                runs.push((current.unwrap_or(0), &text[start..i]));
                start = i;
            }
            current = Some(face);
        }
        if let Some(face) = current {
            runs.push((face, &text[start..]));
        }
        runs
    }

    /// About how wide `text` is at `size` (advances, without kerning or shaping).
    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        self.runs(text)
            .iter()
            .map(|(face, run)| {
                let Some(p) = self.0[*face].parsed() else {
                    return 0.0;
                };
                let per_unit = size / f32::from(p.units_per_em().max(1));
                run.chars()
                    .map(|c| {
                        p.glyph_index(c)
                            .and_then(|g| p.glyph_hor_advance(g))
                            .map_or(size * 0.5, |a| f32::from(a) * per_unit)
                    })
                    .sum::<f32>()
            })
            .sum()
    }
}

/// A block of the report: what it says, how big, and how far it is set in.
struct Block {
    text: String,
    size: f32,
    indent: f32,
    space_before: f32,
}

/// The Markdown report's lines as blocks: headings bigger, table rows as one line of cells,
/// the Markdown's own marks (escapes, separators, emphasis) left out.
fn blocks(markdown: &str) -> Vec<Block> {
    let unescape = |s: &str| {
        let mut out = String::with_capacity(s.len());
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else if !matches!(c, '*' | '`' | '\u{2068}' | '\u{2069}') {
                // The Markdown's isolates of right-to-left text: each run is set in its own
                // direction here anyway.
                out.push(c);
            }
        }
        out
    };
    let mut out = Vec::new();
    for line in markdown.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty()
            || trimmed.starts_with("![")
            || trimmed.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
        {
            continue;
        }
        // A quotation (the safety statement) is set in, without its mark.
        let (trimmed, quoted) = match trimmed.strip_prefix('>') {
            Some(rest) if rest.trim().is_empty() => continue,
            Some(rest) => (rest.trim(), 14.0),
            None => (trimmed, 0.0),
        };
        let (text, size, indent, space_before) = if let Some(h) = trimmed.strip_prefix("# ") {
            (unescape(h), 20.0, 0.0, 0.0)
        } else if let Some(h) = trimmed.strip_prefix("## ") {
            (unescape(h), 15.0, 0.0, 14.0)
        } else if let Some(h) = trimmed.strip_prefix("### ") {
            (unescape(h), 12.5, 0.0, 8.0)
        } else if trimmed.starts_with('|') {
            let cells: Vec<String> = trimmed
                .trim_matches('|')
                .split(" | ")
                .map(|c| unescape(c.trim()))
                .filter(|c| !c.is_empty())
                .collect();
            (cells.join("  ·  "), BODY, 0.0, 3.0)
        } else if let Some(item) = trimmed.strip_prefix("- ") {
            (format!("• {}", unescape(item)), BODY, 10.0, 2.0)
        } else {
            (unescape(trimmed), BODY, 0.0, 4.0)
        };
        out.push(Block {
            text,
            size,
            indent: indent + quoted,
            space_before,
        });
    }
    out
}

/// `text` broken into lines no wider than `width`, at spaces (a word too long for a line has
/// one of its own).
fn wrap(faces: &Faces, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && faces.width(&candidate, size) > width {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The report of `board` as a PDF on `paper`; `anonymous` shows "Participant 1, 2…".
pub fn pdf_report(board: &Board, paper: Paper, anonymous: bool) -> Result<Vec<u8>, String> {
    let faces = Faces::load()?;
    let markdown = crate::io::markdown::report(board, anonymous);
    let (page_w, page_h) = paper.size();
    let width = page_w - 2.0 * MARGIN;
    // Each block laid out first, so that none is cut between two pages.
    let blocks = blocks(&markdown);
    let laid: Vec<(Vec<String>, &Block)> = blocks
        .iter()
        .map(|b| (wrap(&faces, &b.text, b.size, width - b.indent), b))
        .collect();
    let mut document = Document::new();
    super::pdf_picture::add_pages(&mut document, &faces, board, paper.size(), anonymous)?;
    let settings = || PageSettings::from_wh(page_w, page_h).ok_or("a page has no size");
    let mut pages: Vec<Vec<(f32, f32, f32, String)>> = vec![Vec::new()];
    let mut y = MARGIN;
    for (lines, block) in &laid {
        let leading = block.size * 1.35;
        let height = block.space_before + leading * lines.len() as f32;
        if y + height > page_h - MARGIN && y > MARGIN {
            pages.push(Vec::new());
            y = MARGIN;
        }
        y += block.space_before;
        for line in lines {
            y += leading;
            if let Some(page) = pages.last_mut() {
                page.push((
                    MARGIN + block.indent,
                    y - leading * 0.25,
                    block.size,
                    line.clone(),
                ));
            }
        }
    }
    let ink = Fill {
        paint: rgb::Color::new(20, 20, 20).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    };
    for lines in pages {
        let mut page = document.start_page_with(settings()?);
        let mut surface = page.surface();
        surface.set_fill(Some(ink.clone()));
        for (x, y, size, text) in lines {
            let mut at = x;
            for (face, run) in faces.runs(&text) {
                surface.draw_text(
                    Point::from_xy(at, y),
                    faces.0[face].font.clone(),
                    size,
                    run,
                    false,
                    TextDirection::Auto,
                );
                at += faces.width(run, size);
            }
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|err| format!("the PDF could not be made: {err:?}"))
}
