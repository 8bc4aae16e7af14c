//! The board as a picture, rendered offscreen with the window's own drawing code through
//! egui-wgpu. Where there is no GPU, wgpu finds Mesa's llvmpipe software renderer; where there is
//! no adapter at all, a clear message says what to install.

pub mod pdf;
mod pdf_picture;
pub mod trends;
use std::iter::once;
use std::time::Duration;

use eframe::egui;
use eframe::egui_wgpu::{self, RenderState, ScreenDescriptor, wgpu};
use image::RgbaImage;

use crate::doc::Derived;
use crate::model::Board;
use crate::theme;
use crate::theme::Theme;
use crate::view::{
    BoardView, Mode, PictureParts, TimelineGeometry, ViewState, time_axis::TimeView,
};

/// How long to wait for the (possibly software) GPU to finish.
const WAIT_TIMEOUT: Duration = Duration::from_secs(60);

/// How a picture holds the board.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Fit {
    /// One picture of exactly the asked size: the board as a window of that size shows it.
    #[default]
    Window,
    /// Everything whole: as tall as the board, its events and its action items need (at least
    /// the asked height), in one picture up to [`MAX_SIDE_PX`] and on numbered pages beyond.
    Content,
    /// Everything whole, on numbered pages of exactly the asked height.
    Pages,
}

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
    pub fit: Fit,
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
            fit: Fit::Window,
        }
    }
}

/// The largest picture side, in pixels: what GPUs (and llvmpipe) accept for one texture.
pub const MAX_SIDE_PX: u32 = 8192;
/// The most pages one picture is split into.
pub const MAX_PAGES: usize = 32;
/// When a picture's lanes of cards would be taller than this (points), its events are numbered
/// markers with a numbered list instead.
pub const MARKERS_PAST_LANE_HEIGHT: f32 = 1500.0;
/// The strip at the foot of each page that says which page it is (points).
const PAGE_FOOTER: f32 = 30.0;

/// How a picture was laid out: where its parts are and how it is split into pages.
#[derive(Clone, Debug)]
pub struct PictureLayout {
    /// The whole picture, in points.
    pub size: egui::Vec2,
    /// Each page's stretch of the picture, top to bottom, in points (one page: the whole).
    pub pages: Vec<(f32, f32)>,
    /// The time axis, the lanes, the cards and the plot.
    pub timeline: TimelineGeometry,
    /// The header, the numbered event list, the action items and the emotion words.
    pub parts: PictureParts,
    /// Events are numbered markers with a list, the board being too dense for cards.
    pub markers: bool,
    /// Every text drawn: what it says, where, and whether it was cut short (given by
    /// [`picture_layout`]; drawing does not need it).
    pub texts: Vec<(String, egui::Rect, bool)>,
}

/// Renders `board` and encodes it as PNG: one picture, or each page of it.
pub fn board_pngs(board: &Board, options: &PictureOptions) -> Result<Vec<Vec<u8>>, String> {
    board_pages(board, options)?
        .iter()
        .map(|image| {
            let mut png = Vec::new();
            image
                .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
                .map_err(|err| format!("cannot encode the PNG: {err}"))?;
            Ok(png)
        })
        .collect()
}

/// Renders `board`; a picture split into pages gives its first page.
pub fn board_image(board: &Board, options: &PictureOptions) -> Result<RgbaImage, String> {
    board_pages(board, options)?
        .into_iter()
        .next()
        .ok_or_else(|| "nothing was drawn".to_owned())
}

/// Lays the picture of `board` out without drawing it: what tests and page breaks look at.
pub fn picture_layout(board: &Board, options: &PictureOptions) -> Result<PictureLayout, String> {
    check_options(options)?;
    let laid = lay_out(board, options)?;
    let mut deltas = laid.deltas;
    deltas.iter_mut().for_each(egui::TexturesDelta::clear);
    Ok(PictureLayout {
        texts: drawn_texts(&laid.output.shapes),
        ..laid.layout
    })
}

fn check_options(options: &PictureOptions) -> Result<(), String> {
    let (w, h) = (options.width_px, options.height_px);
    if !(16..=MAX_SIDE_PX).contains(&w) || !(16..=MAX_SIDE_PX).contains(&h) {
        return Err(format!(
            "a picture of {w}×{h} pixels cannot be made; each side must be 16 to {MAX_SIDE_PX}"
        ));
    }
    if !(options.scale.is_finite() && (0.25..=8.0).contains(&options.scale)) {
        return Err(format!("scale {} must be from 0.25 to 8", options.scale));
    }
    if options.fit == Fit::Pages && (h as f32 / options.scale) < 4.0 * PAGE_FOOTER {
        return Err(format!(
            "pages {h} pixels tall are too short to hold anything; ask for at least {}",
            (4.0 * PAGE_FOOTER * options.scale).ceil()
        ));
    }
    Ok(())
}

/// What laying a picture out leaves for drawing it.
struct LaidOut {
    ctx: egui::Context,
    output: egui::FullOutput,
    deltas: Vec<egui::TexturesDelta>,
    layout: PictureLayout,
    /// "Page 1 of N"… for a picture split into pages.
    footers: Vec<std::sync::Arc<egui::Galley>>,
}

/// Runs the board's picture view until panels and text settle, at the height the content needs.
fn lay_out(board: &Board, options: &PictureOptions) -> Result<LaidOut, String> {
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
    let page = options.height_px as f32 / options.scale;
    let most = MAX_PAGES as f32 * MAX_SIDE_PX as f32 / options.scale;
    let mut logical = egui::vec2(options.width_px as f32, page) / egui::vec2(options.scale, 1.0);
    let mut deltas = Vec::new();
    let mut output = None;
    // Three passes settle panels and text, as in a window; a picture that holds everything then
    // looks again with numbered markers if its cards stack too high (stage 1), then up to three
    // times at the height it needs (panels squeezed by a short picture grow in a taller one).
    let mut stage = if options.fit == Fit::Window { 5 } else { 0 };
    let mut pass = 0;
    // One pass of the picture view; the footers of pages are laid out in it, so that their
    // glyphs are in the font atlas the frame hands over.
    let mut run = |state: &mut ViewState, logical: egui::Vec2, pass: u32, footers: &[String]| {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, logical)),
            time: Some(f64::from(pass) / 60.0),
            ..Default::default()
        };
        if options.view.is_none() {
            // Fit on every pass: the last one knows the final width of the time axis.
            state.fit_requested = true;
        }
        let mut galleys = Vec::new();
        let out = ctx.run_ui(input, |ui| {
            BoardView {
                board,
                derived: &derived,
                state,
                actions: &mut actions,
            }
            .picture_ui(ui);
            galleys = footers
                .iter()
                .map(|text| {
                    ui.painter().layout_no_wrap(
                        text.clone(),
                        theme::font(theme::AXIS_LABEL_SIZE),
                        ui.visuals().text_color(),
                    )
                })
                .collect();
        });
        (out, galleys)
    };
    while pass < 3 {
        let (mut out, _) = run(&mut state, logical, pass, &[]);
        deltas.push(std::mem::take(&mut out.textures_delta));
        output = Some(out);
        pass += 1;
        if pass == 3
            && stage < 5
            && let Some(g) = &state.geometry
        {
            stage += 1;
            if stage == 1 {
                let lanes: f32 = g.lanes.iter().map(|(_, r)| r.height()).sum();
                if lanes > MARKERS_PAST_LANE_HEIGHT && !board.events.is_empty() {
                    state.event_numbers = Some(crate::view::event_numbers(board));
                    pass = 0;
                    continue;
                }
            }
            let needed = fitted_height(g, state.picture_parts.around_board, page);
            if needed > most {
                deltas.iter_mut().for_each(egui::TexturesDelta::clear);
                return Err(format!(
                    "the board needs a picture {:.0} pixels tall, more than {MAX_PAGES} pages; \
                     hide participants, or export the HTML or Markdown report instead",
                    needed * options.scale
                ));
            }
            if (needed - logical.y).abs() > 1.0 {
                logical.y = needed;
                pass = 0;
            }
        }
    }
    let Some(mut output) = output else {
        deltas.iter_mut().for_each(egui::TexturesDelta::clear);
        return Err("nothing was drawn".to_owned());
    };
    let (Some(timeline), parts) = (
        state.geometry.take(),
        std::mem::take(&mut state.picture_parts),
    ) else {
        deltas.iter_mut().for_each(egui::TexturesDelta::clear);
        return Err("nothing was drawn".to_owned());
    };
    let page_height = match options.fit {
        Fit::Window => logical.y,
        Fit::Content => MAX_SIDE_PX as f32 / options.scale,
        Fit::Pages => page,
    };
    let pages = page_breaks(logical.y, page_height, &keep_whole(&timeline, &parts));
    if pages.len() > MAX_PAGES {
        deltas.iter_mut().for_each(egui::TexturesDelta::clear);
        return Err(format!(
            "the board needs {} pages, more than {MAX_PAGES}; hide participants, or export the \
             HTML or Markdown report instead",
            pages.len()
        ));
    }
    let mut footers = Vec::new();
    if pages.len() > 1 {
        let texts: Vec<String> = (1..=pages.len())
            .map(|i| format!("Page {i} of {}", pages.len()))
            .collect();
        let (mut out, galleys) = run(&mut state, logical, pass, &texts);
        deltas.push(std::mem::take(&mut out.textures_delta));
        output = out;
        footers = galleys;
    }
    let layout = PictureLayout {
        size: logical,
        pages,
        markers: state.event_numbers.is_some(),
        // Filled in by `picture_layout`, which looks at them; drawing does not need them.
        texts: Vec::new(),
        timeline,
        parts,
    };
    Ok(LaidOut {
        ctx,
        output,
        deltas,
        layout,
        footers,
    })
}

/// Every text among `shapes`: what it says, where, and whether it was cut short.
fn drawn_texts(shapes: &[egui::epaint::ClippedShape]) -> Vec<(String, egui::Rect, bool)> {
    fn walk(shape: &egui::Shape, out: &mut Vec<(String, egui::Rect, bool)>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            egui::Shape::Text(text) => out.push((
                text.galley.text().to_owned(),
                text.visual_bounding_rect(),
                text.galley.elided,
            )),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

/// The stretches (top, bottom) that no page break may cut: cards, the plot, each entry of the
/// event list and each action item.
fn keep_whole(timeline: &TimelineGeometry, parts: &PictureParts) -> Vec<(f32, f32)> {
    let axis_and_first_row = (
        timeline.board.top(),
        timeline.lanes_area.top() + theme::LANE_PADDING,
    );
    once(axis_and_first_row)
        .chain(once(parts.header).map(|r| (r.top(), r.bottom())))
        .chain(timeline.cards.iter().map(|(_, r)| (r.top(), r.bottom())))
        .chain(once((timeline.feelings.top(), timeline.feelings.bottom())))
        .chain(
            parts
                .event_list
                .iter()
                .chain(&parts.actions)
                .map(|r| (r.top(), r.bottom())),
        )
        .filter(|(a, b)| a.is_finite() && b.is_finite() && b > a)
        .collect()
}

/// Splits a picture `total` points tall into pages of `page` points (less a footer) at the
/// lowest place that cuts none of `whole`; a part taller than a page is cut where the page ends.
fn page_breaks(total: f32, page: f32, whole: &[(f32, f32)]) -> Vec<(f32, f32)> {
    if total <= page + 0.5 {
        return vec![(0.0, total)];
    }
    let room = (page - PAGE_FOOTER).max(1.0);
    // Overlapping parts merge into one stretch to keep whole.
    let mut sorted = whole.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f32, f32)> = Vec::new();
    for (a, b) in sorted {
        match merged.last_mut() {
            Some(last) if a < last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let mut pages = Vec::new();
    let mut top = 0.0;
    while top < total && pages.len() <= MAX_PAGES {
        let limit = top + room;
        if limit >= total {
            pages.push((top, total));
            break;
        }
        // The stretch to keep whole that the page's end would cut, if any.
        let i = merged.partition_point(|&(a, _)| a < limit);
        let cut = i
            .checked_sub(1)
            .map(|i| merged[i])
            .filter(|&(a, b)| a > top + 1.0 && b > limit);
        // Whole points, so a page starts on a whole pixel.
        let bottom = cut.map_or(limit, |(a, _)| a).floor().max(top + 1.0);
        pages.push((top, bottom));
        top = bottom;
    }
    pages
}

/// Renders `board`: one picture, or each of its pages.
pub fn board_pages(board: &Board, options: &PictureOptions) -> Result<Vec<RgbaImage>, String> {
    check_options(options)?;
    let render_state = render_state()?;
    let LaidOut {
        ctx,
        output,
        deltas,
        layout,
        footers,
    } = lay_out(board, options)?;
    let scale = options.scale;
    let w = options.width_px;
    let paged = layout.pages.len() > 1;
    // Past what the graphics adapter can take (a buffer over its limit, on a board of hundreds
    // of thousands of points), wgpu panics: that becomes a plain message instead of a crash.
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| log::debug!("the renderer gave up: {info}")));
    let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        upload_textures(&render_state, deltas);
        layout
            .pages
            .iter()
            .enumerate()
            .map(|(i, &(top, bottom))| {
                let height = match options.fit {
                    Fit::Window => options.height_px,
                    Fit::Pages => options
                        .height_px
                        .max(((bottom - top) * scale).round() as u32),
                    Fit::Content if paged => ((bottom - top + PAGE_FOOTER) * scale).round() as u32,
                    Fit::Content => ((bottom - top) * scale).round() as u32,
                }
                .clamp(16, MAX_SIDE_PX);
                let shapes = if paged && let Some(footer) = footers.get(i) {
                    page_shapes(
                        &ctx,
                        &output.shapes,
                        (top, bottom),
                        w as f32 / scale,
                        footer,
                    )
                } else {
                    output.shapes.clone()
                };
                render(&render_state, &ctx, shapes, [w, height])
            })
            .collect::<Result<Vec<_>, String>>()
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

/// The shapes of one page: the picture's stretch from `top` to `bottom` moved to the top, and
/// a footer that says which page it is.
fn page_shapes(
    ctx: &egui::Context,
    shapes: &[egui::epaint::ClippedShape],
    (top, bottom): (f32, f32),
    width: f32,
    footer: &std::sync::Arc<egui::Galley>,
) -> Vec<egui::epaint::ClippedShape> {
    let page = egui::Rect::from_min_max(egui::pos2(0.0, top), egui::pos2(width, bottom));
    let up = egui::vec2(0.0, -top);
    let mut out: Vec<egui::epaint::ClippedShape> = shapes
        .iter()
        .filter(|c| c.clip_rect.intersects(page) && c.shape.visual_bounding_rect().intersects(page))
        .map(|c| {
            let mut shape = c.shape.clone();
            shape.translate(up);
            egui::epaint::ClippedShape {
                clip_rect: c.clip_rect.intersect(page).translate(up),
                shape,
                transform_after_tessellation: c.transform_after_tessellation,
            }
        })
        .collect();
    let visuals = ctx.global_style().visuals.clone();
    let foot = bottom - top;
    let screen = egui::Rect::from_min_max(egui::Pos2::ZERO, egui::pos2(width, foot + PAGE_FOOTER));
    let galley = footer.clone();
    let at = egui::pos2(
        (width - galley.size().x) / 2.0,
        foot + (PAGE_FOOTER - galley.size().y) / 2.0,
    );
    out.push(egui::epaint::ClippedShape {
        clip_rect: screen,
        transform_after_tessellation: egui::emath::TSTransform::IDENTITY,
        shape: egui::Shape::hline(
            0.0..=width,
            foot + 1.0,
            egui::Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
        ),
    });
    out.push(egui::epaint::ClippedShape {
        clip_rect: screen,
        transform_after_tessellation: egui::emath::TSTransform::IDENTITY,
        shape: egui::Shape::galley(at, galley, visuals.text_color()),
    });
    out
}

/// The logical height a picture laid out as `g`, with `around` points of header, event list
/// and action items, needs: every lane whole above a plot that has two fifths of the board
/// (plus the insights' strip), and at least `least`.
fn fitted_height(g: &TimelineGeometry, around: f32, least: f32) -> f32 {
    let lanes: f32 = g.lanes.iter().map(|(_, r)| r.height()).sum();
    let above_plot = g.lanes_area.top() - g.board.top() + lanes + 12.0;
    // The insights' strip, above the plot.
    let notes = (g.plot.rect.top() - g.plot.label_strip.bottom() - 2.0).max(0.0);
    let board = above_plot / (1.0 - crate::view::PICTURE_PLOT_SHARE) + notes;
    (around + board).max(least)
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
            // A picture is seen once, at its own size: no dithering noise to spend time on.
            egui_wgpu::RendererOptions {
                dithering: false,
                predictable_texture_filtering: false,
                ..Default::default()
            },
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

/// Hands every texture change to the renderer, in order (egui checks that none is dropped
/// unapplied).
fn upload_textures(state: &RenderState, mut deltas: Vec<egui::TexturesDelta>) {
    let mut renderer = state.renderer.write();
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
}

fn render(
    state: &RenderState,
    ctx: &egui::Context,
    shapes: Vec<egui::epaint::ClippedShape>,
    [width, height]: [u32; 2],
) -> Result<RgbaImage, String> {
    let mut renderer = state.renderer.write();
    let screen = ScreenDescriptor {
        pixels_per_point: ctx.pixels_per_point(),
        size_in_pixels: [width, height],
    };
    let tessellated = ctx.tessellate(shapes, ctx.pixels_per_point());
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
