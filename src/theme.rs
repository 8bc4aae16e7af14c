//! Every colour and size the window uses, in one place.

use eframe::egui::{self, Color32, FontId};

use crate::model::Rgb;

/// Text sizes in points, large enough to read from the back of a meeting room.
pub const BODY_SIZE: f32 = 18.0;
pub const HEADING_SIZE: f32 = 30.0;
pub const CARD_TITLE_SIZE: f32 = 17.0;
pub const CARD_TIME_SIZE: f32 = 14.0;
pub const AXIS_LABEL_SIZE: f32 = 15.0;
pub const LANE_NAME_SIZE: f32 = 17.0;

/// Layout of the timeline, in points.
pub const AXIS_HEIGHT: f32 = 34.0;
pub const LANE_HEADER_WIDTH: f32 = 170.0;
pub const CARD_WIDTH: f32 = 168.0;
pub const CARD_HEIGHT: f32 = 50.0;
pub const CARD_GAP: f32 = 6.0;
/// Cards in present mode: one line, time and title.
pub const COMPACT_CARD_HEIGHT: f32 = 30.0;
pub const LANE_PADDING: f32 = 8.0;
pub const MIN_TICK_SPACING: f32 = 96.0;
pub const FEELINGS_MIN_HEIGHT: f32 = 160.0;

/// Sticky notes are dark text on a light tint of the lane colour.
pub const CARD_TEXT: Color32 = Color32::from_rgb(0x14, 0x14, 0x14);
/// Blame language is underlined in this colour.
pub const NUDGE: Color32 = Color32::from_rgb(0xe6, 0x9f, 0x00);
pub const SELECTION: Color32 = Color32::from_rgb(0xff, 0xd7, 0x00);
pub const DROP_LABEL_FILL: Color32 = Color32::from_rgb(0x10, 0x10, 0x10);
pub const DROP_LABEL_TEXT: Color32 = Color32::WHITE;

pub fn colour(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

/// The fill of a card in a lane of colour `lane`: the lane colour mixed with white.
pub fn card_fill(lane: Rgb) -> Color32 {
    let mix = |c: u8| ((u16::from(c) * 2 + 255 * 3) / 5) as u8;
    Color32::from_rgb(mix(lane.0), mix(lane.1), mix(lane.2))
}

/// A lane's background band: a faint wash of its colour over the panel.
pub fn lane_band(lane: Rgb, dark_mode: bool) -> Color32 {
    let alpha = if dark_mode { 40 } else { 28 };
    Color32::from_rgba_unmultiplied(lane.0, lane.1, lane.2, alpha)
}

pub fn font(size: f32) -> FontId {
    FontId::proportional(size)
}

/// Atkinson Hyperlegible (Braille Institute, SIL Open Font License 1.1, `assets/fonts/OFL.txt`):
/// letters that stay distinct at a distance and on a blurred screen share (I, l and 1; O and 0).
const HYPERLEGIBLE: &[u8] = include_bytes!("../assets/fonts/AtkinsonHyperlegible-Regular.ttf");

/// The hyperlegible font first, egui's own fonts after it for the glyphs it lacks, and larger
/// text everywhere than egui's defaults.
pub fn apply(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "atkinson_hyperlegible".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(HYPERLEGIBLE)),
    );
    fonts
        .families
        .entry(egui::FontFamily::Proportional)
        .or_default()
        .insert(0, "atkinson_hyperlegible".to_owned());
    ctx.set_fonts(fonts);
    ctx.all_styles_mut(|style| {
        use egui::TextStyle;
        style.text_styles = [
            (TextStyle::Heading, FontId::proportional(HEADING_SIZE)),
            (TextStyle::Body, FontId::proportional(BODY_SIZE)),
            (TextStyle::Button, FontId::proportional(BODY_SIZE)),
            (TextStyle::Monospace, FontId::monospace(BODY_SIZE - 1.0)),
            (TextStyle::Small, FontId::proportional(BODY_SIZE - 4.0)),
        ]
        .into();
        style.spacing.interact_size.y = 30.0;
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
    });
}

/// The neutral band ±θ in the feelings plot.
pub fn neutral_band(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgba_unmultiplied(255, 255, 255, 22)
    } else {
        Color32::from_rgba_unmultiplied(0, 0, 0, 18)
    }
}

/// Divergence spans: a warm shade that reads on light and dark backgrounds.
pub fn divergence_fill(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgba_unmultiplied(0xd5, 0x5e, 0x00, 70)
    } else {
        Color32::from_rgba_unmultiplied(0xd5, 0x5e, 0x00, 55)
    }
}

/// Divergence spans across the timeline: fainter, so cards stay readable.
pub fn divergence_fill_faint(dark_mode: bool) -> Color32 {
    divergence_fill(dark_mode).gamma_multiply(0.45)
}

/// Behind the "up / down" label of a divergence.
pub fn divergence_label_fill(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgba_unmultiplied(0x5a, 0x26, 0x00, 235)
    } else {
        Color32::from_rgba_unmultiplied(0xff, 0xe2, 0xcc, 240)
    }
}

/// Behind blame language in a text field.
pub fn nudge_background(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgba_unmultiplied(0xe6, 0x9f, 0x00, 60)
    } else {
        Color32::from_rgba_unmultiplied(0xe6, 0x9f, 0x00, 70)
    }
}

/// The text of nudges and of missing SMART letters.
pub fn nudge_text(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(0xff, 0xc8, 0x57)
    } else {
        Color32::from_rgb(0x8a, 0x4b, 0x00)
    }
}

/// A SMART letter that is met.
pub fn smart_met(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(0x4c, 0xd1, 0x9b)
    } else {
        Color32::from_rgb(0x00, 0x6e, 0x4f)
    }
}

/// The look of the window and of exported pictures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Theme {
    #[default]
    Light,
    Dark,
    /// Light, with black text and stronger lines, for washed-out projectors.
    Projector,
}

impl Theme {
    pub fn apply(self, ctx: &egui::Context) {
        match self {
            Theme::Light => ctx.set_visuals(egui::Visuals::light()),
            Theme::Dark => ctx.set_visuals(egui::Visuals::dark()),
            Theme::Projector => {
                let mut visuals = egui::Visuals::light();
                visuals.override_text_color = Some(Color32::BLACK);
                visuals.weak_text_color = Some(Color32::from_gray(45));
                visuals.panel_fill = Color32::WHITE;
                visuals.window_fill = Color32::WHITE;
                visuals.widgets.noninteractive.bg_stroke.color = Color32::from_gray(150);
                ctx.set_visuals(visuals);
            }
        }
    }
}

/// WCAG relative luminance of an sRGB colour.
pub fn relative_luminance(c: Color32) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
}

/// WCAG contrast ratio between two colours, from 1 to 21.
pub fn contrast_ratio(a: Color32, b: Color32) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LANE_PALETTE;

    #[test]
    fn contrast_ratio_matches_wcag_examples() {
        assert!((contrast_ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 1e-9);
        // #777 on white is the classic 4.48:1.
        let grey = Color32::from_gray(0x77);
        assert!((contrast_ratio(grey, Color32::WHITE) - 4.48).abs() < 0.01);
    }

    #[test]
    fn the_projector_theme_has_aaa_text_contrast() {
        let ctx = egui::Context::default();
        Theme::Projector.apply(&ctx);
        let visuals = ctx.global_style().visuals.clone();
        let text = visuals.text_color();
        for (what, background) in [
            ("panel", visuals.panel_fill),
            ("window", visuals.window_fill),
            ("text field", visuals.extreme_bg_color),
        ] {
            let ratio = contrast_ratio(text, background);
            assert!(ratio >= 7.0, "text on {what}: {ratio:.2}:1");
        }
        assert!(contrast_ratio(visuals.weak_text_color(), visuals.panel_fill) >= 7.0);
        // Card titles on every lane's sticky-note colour.
        for lane in LANE_PALETTE {
            let ratio = contrast_ratio(CARD_TEXT, card_fill(lane));
            assert!(ratio >= 7.0, "card text on {}: {ratio:.2}:1", lane.to_hex());
        }
    }
}
