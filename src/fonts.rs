//! The fonts every text is drawn in, in the window, present mode and the picture alike:
//! Atkinson Hyperlegible for Latin; egui's own fonts after it (Cyrillic, Greek, monochrome
//! emoji); bundled Noto fonts for Arabic, Hebrew and Devanagari (small, SIL OFL 1.1,
//! `assets/fonts/Noto-OFL.txt`), shaped by egui's text layout; and for Chinese, Japanese,
//! Korean and the emoji egui's font lacks, whose fonts are megabytes, fonts found on the system
//! (fontdb). A script left without a font is said once in the log.

use std::sync::{Arc, OnceLock};

use eframe::egui::{self, FontData, FontDefinitions, FontFamily};

/// Atkinson Hyperlegible (Braille Institute, SIL Open Font License 1.1, `assets/fonts/OFL.txt`):
/// letters that stay distinct at a distance and on a blurred screen share (I, l and 1; O and 0).
const HYPERLEGIBLE: &[u8] = include_bytes!("../assets/fonts/AtkinsonHyperlegible-Regular.ttf");
const ARABIC: &[u8] = include_bytes!("../assets/fonts/NotoSansArabic-Regular.ttf");
const HEBREW: &[u8] = include_bytes!("../assets/fonts/NotoSansHebrew-Regular.ttf");
const DEVANAGARI: &[u8] = include_bytes!("../assets/fonts/NotoSansDevanagari-Regular.ttf");

/// Fonts looked for on the system, for what the bundled ones lack, best first in each group:
/// one font is taken from each group that has one here.
const SYSTEM_GROUPS: &[(&str, &[&str])] = &[
    (
        "Chinese and Japanese",
        &[
            "Noto Sans CJK JP",
            "Noto Sans CJK SC",
            "Source Han Sans",
            "Droid Sans Fallback",
            "WenQuanYi Micro Hei",
            "WenQuanYi Zen Hei",
        ],
    ),
    (
        "Korean",
        &[
            "Noto Sans CJK KR",
            "Source Han Sans K",
            "NanumGothic",
            "UnDotum",
            "Baekmuk Gulim",
        ],
    ),
    // Monochrome: egui draws outlines, not the colour bitmaps of colour emoji fonts.
    ("emoji", &["Noto Emoji", "Symbola", "DejaVu Sans"]),
];

/// One letter of each script a team may write in, to find which have no font.
pub const SCRIPTS: &[(&str, char)] = &[
    ("Latin", 'é'),
    ("Cyrillic", 'Ж'),
    ("Greek", 'Ω'),
    ("Arabic", 'ع'),
    ("Hebrew", 'ש'),
    ("Devanagari", 'क'),
    ("Chinese", '中'),
    ("Japanese kana", 'あ'),
    ("Korean", '한'),
    ("emoji", '🦊'),
];

/// A font found on this system: its family, bytes and index in its collection.
type SystemFont = (String, Arc<Vec<u8>>, u32);

/// The fonts found on this system, one per group of [`SYSTEM_GROUPS`] that has one; looked for
/// once per process.
fn system_fonts() -> &'static [SystemFont] {
    static FOUND: OnceLock<Vec<SystemFont>> = OnceLock::new();
    FOUND.get_or_init(|| {
        let started = std::time::Instant::now();
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        let mut found: Vec<SystemFont> = Vec::new();
        for (_, families) in SYSTEM_GROUPS {
            let font = families.iter().find_map(|family| {
                let query = fontdb::Query {
                    families: &[fontdb::Family::Name(family)],
                    ..fontdb::Query::default()
                };
                let id = db.query(&query)?;
                db.with_face_data(id, |data, index| {
                    ((*family).to_owned(), Arc::new(data.to_vec()), index)
                })
            });
            if let Some(font) = font.filter(|f| found.iter().all(|g| g.0 != f.0)) {
                found.push(font);
            }
        }
        let names: Vec<String> = found
            .iter()
            .map(|(family, bytes, _)| format!("{family} ({:.1} MB)", bytes.len() as f64 / 1e6))
            .collect();
        log::info!(
            "fonts: {} from the system, looked for in {} ms among {} faces",
            if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            },
            started.elapsed().as_millis(),
            db.len()
        );
        found
    })
}

/// The fonts: Atkinson Hyperlegible first, then egui's, then the other scripts' fonts.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    let add = |fonts: &mut FontDefinitions, name: &str, data: FontData, first: bool| {
        fonts.font_data.insert(name.to_owned(), Arc::new(data));
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            let list = fonts.families.entry(family.clone()).or_default();
            if first && family == FontFamily::Proportional {
                list.insert(0, name.to_owned());
            } else {
                list.push(name.to_owned());
            }
        }
    };
    add(
        &mut fonts,
        "atkinson_hyperlegible",
        FontData::from_static(HYPERLEGIBLE),
        true,
    );
    for (name, bytes) in [
        ("noto_sans_arabic", ARABIC),
        ("noto_sans_hebrew", HEBREW),
        ("noto_sans_devanagari", DEVANAGARI),
    ] {
        add(&mut fonts, name, FontData::from_static(bytes), false);
    }
    for (family, bytes, index) in system_fonts() {
        let mut data = FontData::from_owned(bytes.to_vec());
        data.index = *index;
        add(&mut fonts, family, data, false);
    }
    fonts
}

/// Every font's bytes and index in its collection, in the order text falls back through them,
/// as the window has them: Atkinson Hyperlegible, egui's own, the bundled script fonts, then
/// those found on the system. What other writers, such as the PDF, embed.
pub fn faces() -> Vec<(Arc<Vec<u8>>, u32)> {
    // egui's own (Cyrillic, Greek, emoji) right after the Latin font, as in the window.
    let egui_fonts = FontDefinitions::default();
    let egui_own = egui_fonts
        .families
        .get(&FontFamily::Proportional)
        .into_iter()
        .flatten()
        .filter_map(|name| egui_fonts.font_data.get(name))
        .map(|data| (Arc::new((*data.font).as_ref().to_vec()), data.index));
    let mut faces: Vec<(Arc<Vec<u8>>, u32)> = vec![(Arc::new(HYPERLEGIBLE.to_vec()), 0)];
    faces.extend(egui_own);
    faces.extend(
        [ARABIC, HEBREW, DEVANAGARI]
            .iter()
            .map(|bytes| (Arc::new(bytes.to_vec()), 0)),
    );
    faces.extend(
        system_fonts()
            .iter()
            .map(|(_, bytes, index)| (Arc::clone(bytes), *index)),
    );
    faces
}

/// The characters of `text` that no font can draw (spaces and invisible ones aside).
pub fn missing(ctx: &egui::Context, text: &str) -> Vec<char> {
    let font = egui::FontId::proportional(crate::theme::BODY_SIZE);
    let mut seen = std::collections::BTreeSet::new();
    ctx.fonts_mut(|f| {
        text.chars()
            .filter(|c| !c.is_whitespace() && !c.is_control() && !is_invisible(*c))
            .filter(|c| seen.insert(*c))
            .filter(|c| !f.has_glyph(&font, *c))
            .collect()
    })
}

/// Joiners, variation selectors and direction marks: they shape text, they are not drawn.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FE00}'..='\u{FE0F}')
}

/// Says once in the log which scripts have no font here, and how to get one.
pub fn log_missing_scripts(ctx: &egui::Context) {
    static SAID: OnceLock<()> = OnceLock::new();
    SAID.get_or_init(|| {
        let sample: String = SCRIPTS.iter().map(|(_, c)| *c).collect();
        let missing = missing(ctx, &sample);
        let names: Vec<&str> = SCRIPTS
            .iter()
            .filter(|(_, c)| missing.contains(c))
            .map(|(name, _)| *name)
            .collect();
        if names.is_empty() {
            log::info!("fonts: every script has a font");
        } else {
            log::warn!(
                "fonts: no font here for {}: text in them shows as boxes; install a font for \
                 them (Debian: fonts-noto-cjk, or fonts-droid-fallback, fonts-nanum and \
                 fonts-symbola)",
                names.join(", ")
            );
        }
    });
}
