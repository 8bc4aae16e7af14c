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
/// The widest a card grows into free space to show its title whole.
pub const CARD_MAX_WIDTH: f32 = 340.0;
pub const CARD_GAP: f32 = 6.0;
/// Cards in present mode: one line, time and title.
pub const COMPACT_CARD_HEIGHT: f32 = 30.0;
/// A card in a picture: three lines, so every title can be whole.
pub const PICTURE_CARD_HEIGHT: f32 = 72.0;
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

pub fn font(size: f32) -> FontId {
    FontId::proportional(size)
}

/// The fonts of every script ([`crate::fonts`]), Atkinson Hyperlegible first, and larger
/// text everywhere than egui's defaults.
pub fn apply(ctx: &egui::Context) {
    ctx.set_fonts(crate::fonts::definitions());
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

/// The colours the board is drawn with beyond egui's own visuals: one set per theme, kept in the
/// egui context by [`Theme::apply`] so that every panel, the view and the picture use the same.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub dark: bool,
    /// How strongly a lane's colour washes its band (alpha, 0–255).
    pub lane_band_alpha: u8,
    /// The neutral band ±θ in the feelings plot.
    pub neutral_band: Color32,
    /// Divergence spans in the plot: a warm shade that reads on the panel.
    pub divergence_fill: Color32,
    /// Divergence spans across the timeline: fainter, so cards stay readable.
    pub divergence_fill_faint: Color32,
    /// Behind the "up / down" label of a divergence.
    pub divergence_label_fill: Color32,
    /// The text of that label.
    pub divergence_label_text: Color32,
    /// Behind blame language in a text field.
    pub nudge_background: Color32,
    /// The text of nudges and of missing SMART letters.
    pub nudge_text: Color32,
    /// A SMART letter that is met.
    pub smart_met: Color32,
    /// Secondary marks: the zero line, scale labels.
    pub weak: Color32,
    /// Emotion words written next to their points.
    pub point_text: Color32,
    /// Behind an emotion word in a picture, so lines under it do not hide it.
    pub emotion_word_fill: Color32,
    /// Behind the timer once the phase's time is up (white text on it).
    pub time_up: Color32,
    /// The ring around whatever has the keyboard focus.
    pub focus_ring: Color32,
}

impl Palette {
    /// A lane's background band: a wash of its colour over the panel.
    pub fn lane_band(&self, lane: Rgb) -> Color32 {
        Color32::from_rgba_unmultiplied(lane.0, lane.1, lane.2, self.lane_band_alpha)
    }
}

/// The palette `Theme::apply` put in `ctx` (the light or dark one before any was).
pub fn palette(ctx: &egui::Context) -> Palette {
    ctx.data(|d| d.get_temp::<Palette>(palette_id()))
        .unwrap_or_else(|| {
            if ctx.global_style().visuals.dark_mode {
                Theme::Dark.palette()
            } else {
                Theme::Light.palette()
            }
        })
}

fn palette_id() -> egui::Id {
    egui::Id::unique("retroline_palette")
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
    /// The colours of this theme. The projector's are stronger than the light theme's: a washed-out
    /// projector loses faint shades first.
    pub fn palette(self) -> Palette {
        let divergence = |alpha| Color32::from_rgba_unmultiplied(0xd5, 0x5e, 0x00, alpha);
        match self {
            Theme::Light => Palette {
                dark: false,
                lane_band_alpha: 28,
                neutral_band: Color32::from_rgba_unmultiplied(0, 0, 0, 18),
                divergence_fill: divergence(55),
                divergence_fill_faint: divergence(55).gamma_multiply(0.45),
                divergence_label_fill: Color32::from_rgba_unmultiplied(0xff, 0xe2, 0xcc, 240),
                divergence_label_text: Color32::BLACK,
                nudge_background: Color32::from_rgba_unmultiplied(0xe6, 0x9f, 0x00, 70),
                nudge_text: Color32::from_rgb(0x8a, 0x4b, 0x00),
                smart_met: Color32::from_rgb(0x00, 0x6e, 0x4f),
                weak: Color32::from_gray(90),
                point_text: Color32::from_gray(30),
                emotion_word_fill: Color32::from_rgba_unmultiplied(255, 255, 255, 215),
                time_up: Color32::from_rgb(0xb0, 0x1c, 0x1c),
                focus_ring: Color32::from_rgb(0x00, 0x5f, 0xcc),
            },
            Theme::Dark => Palette {
                dark: true,
                lane_band_alpha: 40,
                neutral_band: Color32::from_rgba_unmultiplied(255, 255, 255, 22),
                divergence_fill: divergence(70),
                divergence_fill_faint: divergence(70).gamma_multiply(0.45),
                divergence_label_fill: Color32::from_rgba_unmultiplied(0x5a, 0x26, 0x00, 235),
                divergence_label_text: Color32::WHITE,
                nudge_background: Color32::from_rgba_unmultiplied(0xe6, 0x9f, 0x00, 60),
                nudge_text: Color32::from_rgb(0xff, 0xc8, 0x57),
                smart_met: Color32::from_rgb(0x4c, 0xd1, 0x9b),
                weak: Color32::from_gray(170),
                point_text: Color32::from_gray(230),
                emotion_word_fill: Color32::from_rgba_unmultiplied(20, 20, 20, 215),
                time_up: Color32::from_rgb(0xc6, 0x28, 0x28),
                focus_ring: Color32::from_rgb(0x7c, 0xc4, 0xff),
            },
            Theme::Projector => Palette {
                dark: false,
                lane_band_alpha: 46,
                neutral_band: Color32::from_rgba_unmultiplied(0, 0, 0, 30),
                divergence_fill: divergence(90),
                divergence_fill_faint: divergence(90).gamma_multiply(0.45),
                divergence_label_fill: Color32::from_rgba_unmultiplied(0xff, 0xd6, 0xb8, 250),
                divergence_label_text: Color32::BLACK,
                nudge_background: Color32::from_rgba_unmultiplied(0xe6, 0x9f, 0x00, 100),
                nudge_text: Color32::from_rgb(0x6b, 0x3a, 0x00),
                smart_met: Color32::from_rgb(0x00, 0x5a, 0x40),
                weak: Color32::from_gray(45),
                point_text: Color32::BLACK,
                emotion_word_fill: Color32::from_rgba_unmultiplied(255, 255, 255, 230),
                time_up: Color32::from_rgb(0xa0, 0x00, 0x00),
                focus_ring: Color32::from_rgb(0x00, 0x3d, 0xa8),
            },
        }
    }

    /// Sets egui's visuals and this theme's palette in `ctx`.
    pub fn apply(self, ctx: &egui::Context) {
        ctx.data_mut(|d| d.insert_temp(palette_id(), self.palette()));
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
        let palette = Theme::Projector.palette();
        assert_eq!(palette, super::palette(&ctx));
        for (what, colour) in [
            ("nudges", palette.nudge_text),
            ("SMART letters", palette.smart_met),
            ("scale labels", palette.weak),
        ] {
            let ratio = contrast_ratio(colour, visuals.panel_fill);
            assert!(ratio >= 7.0, "{what} on the panel: {ratio:.2}:1");
        }
        // Card titles on every lane's sticky-note colour.
        for lane in LANE_PALETTE {
            let ratio = contrast_ratio(CARD_TEXT, card_fill(lane));
            assert!(ratio >= 7.0, "card text on {}: {ratio:.2}:1", lane.to_hex());
        }
    }
}
