//! The trends across boards as a picture: the window's own drawing ([`trends_ui`]) rendered
//! offscreen, as tall as it needs.

use eframe::egui;

use super::{MAX_SIDE_PX, render, render_state, upload_textures};
use crate::analysis::trends::Trends;
use crate::theme::Theme;
use crate::view::trends_ui::{TrendsParts, trends_ui};

/// The picture's width, in pixels.
pub const WIDTH_PX: u32 = 1600;
/// Each plot's height in the picture, in points.
const PLOT_HEIGHT: f32 = 300.0;

/// Lays the trends out at `WIDTH_PX` and the height they need; the context, what was drawn and
/// the texture changes to upload.
fn lay_out(
    trends: &Trends,
    theme: Theme,
) -> (
    egui::Context,
    egui::FullOutput,
    Vec<egui::TexturesDelta>,
    u32,
) {
    let ctx = egui::Context::default();
    crate::theme::apply(&ctx);
    theme.apply(&ctx);
    let parts = TrendsParts {
        table: false,
        plot_height: PLOT_HEIGHT,
    };
    let mut height = 1000.0_f32;
    let mut deltas = Vec::new();
    let mut output = egui::FullOutput::default();
    // Three passes settle text and plots; then once more at the height found, if it changed.
    for pass in 0..6 {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(WIDTH_PX as f32, height),
            )),
            time: Some(f64::from(pass) / 60.0),
            ..Default::default()
        };
        let mut bottom = 0.0;
        let mut out = ctx.run_ui(input, |ui| {
            bottom = egui::CentralPanel::default()
                .show(ui, |ui| {
                    trends_ui(ui, trends, parts);
                    ui.min_rect().bottom()
                })
                .inner;
        });
        deltas.push(std::mem::take(&mut out.textures_delta));
        output = out;
        let needed = (bottom + 16.0).clamp(64.0, MAX_SIDE_PX as f32);
        if pass >= 2 && (needed - height).abs() <= 1.0 {
            break;
        }
        if pass >= 2 {
            height = needed;
        }
    }
    (ctx, output, deltas, height.round() as u32)
}

/// The trends drawn as a PNG, `WIDTH_PX` wide and as tall as they need.
pub fn trends_png(trends: &Trends, theme: Theme) -> Result<Vec<u8>, String> {
    let state = render_state()?;
    let (ctx, output, deltas, height) = lay_out(trends, theme);
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| log::debug!("the renderer gave up: {info}")));
    let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        upload_textures(&state, deltas);
        render(
            &state,
            &ctx,
            output.shapes,
            [WIDTH_PX, height.clamp(16, MAX_SIDE_PX)],
        )
    }));
    std::panic::set_hook(previous_hook);
    let image =
        drawn.map_err(|_| "the graphics adapter could not draw the picture".to_owned())??;
    let mut png = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|err| format!("cannot encode the PNG: {err}"))?;
    Ok(png)
}
