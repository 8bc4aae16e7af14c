//! The board as a picture, rendered offscreen with the window's own drawing code through
//! egui-wgpu. Where there is no GPU, wgpu finds Mesa's llvmpipe software renderer; where there is
//! no adapter at all, a clear message says what to install.

use std::iter::once;
use std::time::Duration;

use eframe::egui;
use eframe::egui_wgpu::{self, RenderState, ScreenDescriptor, wgpu};
use image::RgbaImage;

use crate::doc::Derived;
use crate::model::Board;
use crate::theme::Theme;
use crate::view::{BoardView, Mode, ViewState, time_axis::TimeView};

/// How long to wait for the (possibly software) GPU to finish.
const WAIT_TIMEOUT: Duration = Duration::from_secs(60);

/// What to render.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PictureOptions {
    pub width_px: u32,
    pub height_px: u32,
    /// Pixels per point: 2.0 draws everything twice as large.
    pub scale: f32,
    pub theme: Theme,
    pub anonymous: bool,
    /// The stretch of time to show (Unix seconds); `None` fits the whole board.
    pub view: Option<(f64, f64)>,
    /// Make the picture as tall as its content needs (every lane whole, the plot at least
    /// two fifths of the board, every action item), from `height_px` up to [`MAX_SIDE_PX`].
    pub fit_height: bool,
}

impl Default for PictureOptions {
    fn default() -> Self {
        Self {
            width_px: 1920,
            height_px: 1080,
            scale: 1.0,
            theme: Theme::Light,
            anonymous: false,
            view: None,
            fit_height: false,
        }
    }
}

/// The largest picture side, in pixels: what GPUs (and llvmpipe) accept for one texture.
pub const MAX_SIDE_PX: u32 = 8192;

/// Renders `board` and encodes it as PNG.
pub fn board_png(board: &Board, options: &PictureOptions) -> Result<Vec<u8>, String> {
    let image = board_image(board, options)?;
    let mut png = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|err| format!("cannot encode the PNG: {err}"))?;
    Ok(png)
}

/// Renders `board` to an image of the requested size.
pub fn board_image(board: &Board, options: &PictureOptions) -> Result<RgbaImage, String> {
    let (w, h) = (options.width_px, options.height_px);
    if !(16..=MAX_SIDE_PX).contains(&w) || !(16..=MAX_SIDE_PX).contains(&h) {
        return Err(format!(
            "a picture of {w}×{h} pixels cannot be made; each side must be 16 to {MAX_SIDE_PX}"
        ));
    }
    if !(options.scale.is_finite() && (0.25..=8.0).contains(&options.scale)) {
        return Err(format!("scale {} must be from 0.25 to 8", options.scale));
    }
    let render_state = render_state()?;
    let ctx = egui::Context::default();
    crate::theme::apply(&ctx);
    options.theme.apply(&ctx);
    ctx.set_zoom_factor(options.scale);
    let derived = Derived::of(board);
    let mut state = ViewState::new(Mode::Picture);
    state.anonymous = options.anonymous;
    if let Some((start, end)) = options.view
        && start.is_finite()
        && end.is_finite()
        && end > start
    {
        state.time_view = Some(TimeView { start, end });
        state.fit_requested = false;
    }
    // A picture asks for nothing; what the view would send is dropped.
    let mut actions = Vec::new();
    let mut logical = egui::vec2(w as f32, h as f32) / options.scale;
    let mut deltas = Vec::new();
    let mut output = None;
    // A few passes let panels and text settle on their sizes, as in a window; a picture that
    // fits its content is laid out once more at the height it found it needs.
    let mut fitted = !options.fit_height;
    let mut pass = 0;
    while pass < 3 {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, logical)),
            time: Some(f64::from(pass) / 60.0),
            ..Default::default()
        };
        if options.view.is_none() {
            // Fit on every pass: the last one knows the final width of the time axis.
            state.fit_requested = true;
        }
        let mut out = ctx.run_ui(input, |ui| {
            BoardView {
                board,
                derived: &derived,
                state: &mut state,
                actions: &mut actions,
            }
            .picture_ui(ui);
        });
        deltas.push(std::mem::take(&mut out.textures_delta));
        output = Some(out);
        pass += 1;
        if pass == 3
            && !fitted
            && let Some(g) = &state.geometry
        {
            fitted = true;
            let needed = fitted_height(g, logical.y, options.scale);
            if (needed - logical.y).abs() > 1.0 {
                logical.y = needed;
                pass = 0;
            }
        }
    }
    let h = (logical.y * options.scale).round() as u32;
    let Some(output) = output else {
        deltas.iter_mut().for_each(egui::TexturesDelta::clear);
        return Err("nothing was drawn".to_owned());
    };
    // Past what the graphics adapter can take (a buffer over its limit, on a board of hundreds
    // of thousands of points), wgpu panics: that becomes a plain message instead of a crash.
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| log::debug!("the renderer gave up: {info}")));
    let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        render(&render_state, &ctx, &output, deltas, [w, h])
    }));
    std::panic::set_hook(previous_hook);
    drawn.unwrap_or_else(|_| {
        Err(format!(
            "the board is too large for this graphics adapter to draw in one picture ({} \
             feelings, {} events); hide participants or export the Markdown report instead",
            board.feelings.len(),
            board.events.len()
        ))
    })
}

/// The logical height a picture of the board laid out as `g` in a picture `height` tall needs:
/// every lane whole above a plot that has two fifths of the board, within [`MAX_SIDE_PX`].
fn fitted_height(g: &crate::view::TimelineGeometry, height: f32, scale: f32) -> f32 {
    let lanes: f32 = g.lanes.iter().map(|(_, r)| r.height()).sum();
    let above_plot = g.lanes_area.top() - g.board.top() + lanes + 12.0;
    let board = (above_plot / (1.0 - crate::view::PICTURE_PLOT_SHARE)).max(g.board.height());
    let needed = height - g.board.height() + board;
    needed.clamp(height, MAX_SIDE_PX as f32 / scale)
}

/// A wgpu device without a window, preferring a real GPU and falling back to llvmpipe.
fn render_state() -> Result<RenderState, String> {
    let mut setup = egui_wgpu::WgpuSetupCreateNew::without_display_handle();
    setup
        .instance_descriptor
        .backends
        .remove(wgpu::Backends::BROWSER_WEBGPU);
    let setup = egui_wgpu::WgpuSetup::CreateNew(setup);
    // wgpu panics in some drivers when nothing at all can render; turn that into a message.
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let created = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let instance = pollster::block_on(setup.new_instance());
        pollster::block_on(RenderState::create(
            &egui_wgpu::WgpuConfiguration {
                wgpu_setup: setup,
                ..Default::default()
            },
            &instance,
            None,
            egui_wgpu::RendererOptions::default(),
        ))
    }));
    std::panic::set_hook(previous_hook);
    const HELP: &str = "no graphics adapter was found to draw the picture. Without a GPU, \
        install Mesa's software renderer (Debian/Ubuntu: apt-get install libegl1 libgl1-mesa-dri)";
    match created {
        Ok(Ok(state)) => Ok(state),
        Ok(Err(err)) => Err(format!("{HELP} ({err})")),
        Err(_) => Err(HELP.to_owned()),
    }
}

fn render(
    state: &RenderState,
    ctx: &egui::Context,
    output: &egui::FullOutput,
    mut deltas: Vec<egui::TexturesDelta>,
    [width, height]: [u32; 2],
) -> Result<RgbaImage, String> {
    let mut renderer = state.renderer.write();
    // Every texture change is applied, in order (egui checks that none is dropped unapplied).
    for delta in &mut deltas {
        for (id, images) in delta.set.drain() {
            for image in images {
                renderer.update_texture(&state.device, &state.queue, id, &image);
            }
        }
        for id in delta.free.drain() {
            renderer.free_texture(&id);
        }
    }
    let screen = ScreenDescriptor {
        pixels_per_point: ctx.pixels_per_point(),
        size_in_pixels: [width, height],
    };
    let tessellated = ctx.tessellate(output.shapes.clone(), ctx.pixels_per_point());
    let mut encoder = state
        .device
        .create_command_encoder(&wgpu::CommandEncoderDescriptor {
            label: Some("picture"),
        });
    let user_buffers = renderer.update_buffers(
        &state.device,
        &state.queue,
        &mut encoder,
        &tessellated,
        &screen,
    );
    let texture = state.device.create_texture(&wgpu::TextureDescriptor {
        label: Some("picture"),
        size: wgpu::Extent3d {
            width,
            height,
            depth_or_array_layers: 1,
        },
        mip_level_count: 1,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format: state.target_format,
        usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
        view_formats: &[],
    });
    let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
    let background = ctx.global_style().visuals.panel_fill;
    let [r, g, b, _] = egui::Rgba::from(background).to_array();
    {
        let mut pass = encoder
            .begin_render_pass(&wgpu::RenderPassDescriptor {
                label: Some("picture"),
                color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                    view: &view,
                    resolve_target: None,
                    ops: wgpu::Operations {
                        load: wgpu::LoadOp::Clear(wgpu::Color {
                            r: f64::from(r),
                            g: f64::from(g),
                            b: f64::from(b),
                            a: 1.0,
                        }),
                        store: wgpu::StoreOp::Store,
                    },
                    depth_slice: None,
                })],
                ..Default::default()
            })
            .forget_lifetime();
        renderer.render(&mut pass, &tessellated, &screen);
    }
    state
        .queue
        .submit(user_buffers.into_iter().chain(once(encoder.finish())));
    drop(renderer);
    read_texture(state, &texture)
}

/// Copies a rendered texture back into memory as RGBA.
fn read_texture(state: &RenderState, texture: &wgpu::Texture) -> Result<RgbaImage, String> {
    let (width, height) = (texture.width(), texture.height());
    let unpadded = width as usize * 4;
    let align = wgpu::COPY_BYTES_PER_ROW_ALIGNMENT as usize;
    let padded = unpadded.div_ceil(align) * align;
    let buffer = state.device.create_buffer(&wgpu::BufferDescriptor {
        label: Some("picture readback"),
        size: (padded * height as usize) as u64,
        usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
        mapped_at_creation: false,
    });
    let mut encoder = state
        .device
        .create_command_encoder(&wgpu::CommandEncoderDescriptor {
            label: Some("picture readback"),
        });
    encoder.copy_texture_to_buffer(
        texture.as_image_copy(),
        wgpu::TexelCopyBufferInfo {
            buffer: &buffer,
            layout: wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(padded as u32),
                rows_per_image: None,
            },
        },
        wgpu::Extent3d {
            width,
            height,
            depth_or_array_layers: 1,
        },
    );
    let submission = state.queue.submit(once(encoder.finish()));
    let slice = buffer.slice(..);
    let (sender, receiver) = std::sync::mpsc::channel();
    slice.map_async(wgpu::MapMode::Read, move |result| drop(sender.send(result)));
    state
        .device
        .poll(wgpu::PollType::Wait {
            submission_index: Some(submission),
            timeout: Some(WAIT_TIMEOUT),
        })
        .map_err(|err| format!("the renderer did not finish: {err}"))?;
    receiver
        .recv()
        .map_err(|err| format!("the renderer did not answer: {err}"))?
        .map_err(|err| format!("cannot read the picture back: {err}"))?;
    let mapped = buffer
        .slice(..)
        .get_mapped_range()
        .map_err(|err| format!("cannot read the picture back: {err:?}"))?;
    let bgra = matches!(
        texture.format(),
        wgpu::TextureFormat::Bgra8Unorm | wgpu::TextureFormat::Bgra8UnormSrgb
    );
    let mut data = Vec::with_capacity(unpadded * height as usize);
    for row in mapped.chunks_exact(padded) {
        for px in row[..unpadded].chunks_exact(4) {
            if bgra {
                data.extend_from_slice(&[px[2], px[1], px[0], 255]);
            } else {
                data.extend_from_slice(&[px[0], px[1], px[2], 255]);
            }
        }
    }
    RgbaImage::from_raw(width, height, data)
        .ok_or_else(|| "the picture has the wrong size".to_owned())
}
