//! The board's picture in the PDF as vector drawing: the shapes the picture view paints for the
//! PNG (the same lanes, cards, lines, points, spans and labels), turned into PDF paths and
//! text instead of pixels, so that lines stay sharp when printed or zoomed and every word can
//! be selected and searched.

use eframe::egui::{self, Color32, Pos2, Shape, epaint};
use krilla::color::rgb;
use krilla::geom::{Path, PathBuilder, Point, Transform};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule, LineCap, LineJoin, Stroke};
use krilla::surface::Surface;
use krilla::text::TextDirection;

use super::pdf::Faces;
use super::{Fit, PictureOptions};
use crate::model::Board;
use crate::view::rtl::is_complex;

/// How wide the picture is laid out, in points: as wide as a wide window, which a landscape page
/// shows at a little over half size.
const PICTURE_WIDTH: f32 = 1400.0;
/// The picture pages' margin, in points of the page.
const PICTURE_MARGIN: f32 = 28.0;

/// Adds the board's picture to `document` on landscape pages of the paper `(width, height)`
/// (portrait): laid out as the PNG is, split where the PNG's pages are, so no lane, card or plot
/// is cut.
pub(super) fn add_pages(
    document: &mut krilla::Document,
    faces: &Faces,
    board: &Board,
    (paper_w, paper_h): (f32, f32),
    anonymous: bool,
) -> Result<(), String> {
    let (page_w, page_h) = (paper_h.max(paper_w), paper_h.min(paper_w));
    let scale = (page_w - 2.0 * PICTURE_MARGIN) / PICTURE_WIDTH;
    let height = (page_h - 2.0 * PICTURE_MARGIN) / scale;
    let options = PictureOptions {
        width_px: PICTURE_WIDTH as u32,
        height_px: height.floor() as u32,
        scale: 1.0,
        anonymous,
        fit: Fit::Pages,
        ..PictureOptions::default()
    };
    super::check_options(&options)?;
    let laid = super::lay_out(board, &options)?;
    let mut deltas = laid.deltas;
    deltas.iter_mut().for_each(egui::TexturesDelta::clear);
    let row_per_size = laid
        .ctx
        .fonts_mut(|f| f.row_height(&crate::theme::font(100.0)))
        / 100.0;
    let paged = laid.layout.pages.len() > 1;
    for (i, &(top, bottom)) in laid.layout.pages.iter().enumerate() {
        let shapes = match laid.footers.get(i) {
            Some(footer) if paged => super::page_shapes(
                &laid.ctx,
                &laid.output.shapes,
                (top, bottom),
                PICTURE_WIDTH,
                footer,
            ),
            _ => laid.output.shapes.clone(),
        };
        // A page taller than the paper's (a picture whose one block is taller) is shrunk to fit.
        let tall = (bottom - top) + if paged { super::PAGE_FOOTER } else { 0.0 };
        let fit = scale.min((page_h - 2.0 * PICTURE_MARGIN) / tall.max(1.0));
        let settings =
            krilla::page::PageSettings::from_wh(page_w, page_h).ok_or("a page has no size")?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        draw(
            &mut surface,
            faces,
            &shapes,
            (PICTURE_MARGIN, PICTURE_MARGIN),
            fit,
            row_per_size,
        );
        surface.finish();
        page.finish();
    }
    Ok(())
}

/// The most triangles of one mesh drawn (the picture has none; a mesh this large is left out).
const MAX_MESH_TRIANGLES: usize = 20_000;
/// How round a rounded corner or circle is drawn: the cubic handle of a quarter circle.
const KAPPA: f32 = 0.552_284_8;

/// Draws `shapes` (in the picture's points) on `surface`, where the picture's point is
/// `scale` of the page's, from `origin`. `row_per_size` is how tall egui sets a row of text
/// per point of font size, which gives each word's size back.
pub(super) fn draw(
    surface: &mut Surface,
    faces: &Faces,
    shapes: &[epaint::ClippedShape],
    origin: (f32, f32),
    scale: f32,
    row_per_size: f32,
) {
    surface.push_transform(&Transform::from_row(
        scale, 0.0, 0.0, scale, origin.0, origin.1,
    ));
    // Shapes come in runs under one clip: each run is clipped once.
    let mut clip: Option<egui::Rect> = None;
    let mut pushed = false;
    for clipped in shapes {
        if clip != Some(clipped.clip_rect) {
            if pushed {
                surface.pop();
            }
            clip = Some(clipped.clip_rect);
            pushed = false;
            if let Some(path) = rect_path(clipped.clip_rect, 0.0) {
                surface.push_clip_path(&path, &FillRule::NonZero);
                pushed = true;
            }
        }
        // An empty clip shows nothing.
        if !pushed {
            continue;
        }
        let mut painter = Painter {
            surface,
            faces,
            row_per_size,
        };
        painter.shape(&clipped.shape);
    }
    if pushed {
        surface.pop();
    }
    surface.pop();
}

struct Painter<'a, 'b> {
    surface: &'a mut Surface<'b>,
    faces: &'a Faces,
    row_per_size: f32,
}

impl Painter<'_, '_> {
    fn shape(&mut self, shape: &Shape) {
        match shape {
            Shape::Noop | Shape::Callback(_) => {}
            Shape::Vec(shapes) => shapes.iter().for_each(|s| self.shape(s)),
            Shape::Circle(c) => {
                let r = egui::Vec2::splat(c.radius);
                self.fill_and_stroke(ellipse_path(c.center, r), c.fill, c.stroke);
            }
            Shape::Ellipse(e) => {
                self.fill_and_stroke(ellipse_path(e.center, e.radius), e.fill, e.stroke);
            }
            Shape::LineSegment { points, stroke } => {
                let path = polyline(points, false);
                self.fill_and_stroke(path, Color32::TRANSPARENT, *stroke);
            }
            Shape::Path(p) => {
                let path = polyline(&p.points, p.closed);
                let fill = if p.closed {
                    p.fill
                } else {
                    Color32::TRANSPARENT
                };
                self.fill_and_stroke(path, fill, path_stroke(&p.stroke));
            }
            Shape::Rect(r) => self.rect(r),
            Shape::Text(t) => self.text(t),
            Shape::Mesh(mesh) => self.mesh(mesh),
            Shape::Band(band) => {
                // The band's outline: along its upper edge, then back along its lower one.
                let mut points: Vec<Pos2> = band
                    .points
                    .iter()
                    .map(|p| Pos2::new(p.x, p.y.min))
                    .collect();
                points.extend(band.points.iter().rev().map(|p| Pos2::new(p.x, p.y.max)));
                self.fill_and_stroke(polyline(&points, true), band.fill, band.stroke);
            }
            Shape::QuadraticBezier(q) => {
                self.bezier(&q.points, q.closed, q.fill, &q.stroke);
            }
            Shape::CubicBezier(c) => self.bezier(&c.points, c.closed, c.fill, &c.stroke),
        }
    }

    /// A quadratic (three points) or cubic (four) Bézier curve.
    fn bezier(
        &mut self,
        points: &[Pos2],
        closed: bool,
        fill: Color32,
        stroke: &epaint::PathStroke,
    ) {
        let mut builder = PathBuilder::new();
        match points {
            [a, b, c] => {
                builder.move_to(a.x, a.y);
                builder.quad_to(b.x, b.y, c.x, c.y);
            }
            [a, b, c, d] => {
                builder.move_to(a.x, a.y);
                builder.cubic_to(b.x, b.y, c.x, c.y, d.x, d.y);
            }
            _ => return,
        }
        let fill = if closed {
            builder.close();
            fill
        } else {
            Color32::TRANSPARENT
        };
        self.fill_and_stroke(builder.finish(), fill, path_stroke(stroke));
    }

    fn fill_and_stroke(&mut self, path: Option<Path>, fill: Color32, stroke: egui::Stroke) {
        let Some(path) = path else {
            return;
        };
        let fill = paint_fill(fill);
        let stroke = paint_stroke(stroke);
        if fill.is_none() && stroke.is_none() {
            return;
        }
        self.surface.set_fill(fill);
        self.surface.set_stroke(stroke);
        self.surface.draw_path(&path);
    }

    fn rect(&mut self, r: &epaint::RectShape) {
        let radius = f32::from(r.corner_radius.nw)
            .max(f32::from(r.corner_radius.ne))
            .max(f32::from(r.corner_radius.sw))
            .max(f32::from(r.corner_radius.se));
        if let Some(path) = rect_path(r.rect, radius) {
            self.fill_and_stroke(Some(path), r.fill, egui::Stroke::NONE);
        }
        if r.stroke.is_empty() {
            return;
        }
        // Where the stroke runs: inside the rectangle, on its edge, or outside it.
        let half = r.stroke.width / 2.0;
        let edge = match r.stroke_kind {
            egui::StrokeKind::Inside => r.rect.shrink(half),
            egui::StrokeKind::Middle => r.rect,
            egui::StrokeKind::Outside => r.rect.expand(half),
        };
        let radius = match r.stroke_kind {
            egui::StrokeKind::Inside => (radius - half).max(0.0),
            egui::StrokeKind::Middle => radius,
            egui::StrokeKind::Outside => radius + half,
        };
        let path = rect_path(edge, radius);
        self.fill_and_stroke(path, Color32::TRANSPARENT, r.stroke);
    }

    /// A text: each word of each row set where egui set it, in its size and colour, so that
    /// what is drawn lines up with the PNG and reads back as words.
    fn text(&mut self, t: &epaint::TextShape) {
        if t.angle != 0.0 {
            self.surface.push_transform(&Transform::from_rotate_at(
                t.angle.to_degrees(),
                t.pos.x,
                t.pos.y,
            ));
        }
        // A row with text of a complex script (view::rtl gave it one line of the galley's
        // text per row, in drawing order) is set piece by piece from that line: egui's glyphs
        // of a shaped run do not say their characters in order.
        let text = t.galley.text();
        let lines: Vec<&str> = text.split('\n').collect();
        let by_line = lines.len() == t.galley.rows.len();
        for (r, placed) in t.galley.rows.iter().enumerate() {
            let row = &placed.row;
            let origin = t.pos + placed.pos.to_vec2();
            let mut complex: std::collections::VecDeque<String> =
                if by_line && row.glyphs.iter().any(|g| is_complex(g.chr)) {
                    complex_pieces(lines[r]).into()
                } else {
                    Default::default()
                };
            let mut word = String::new();
            let mut start: Option<(Pos2, f32, Color32)> = None;
            // A stretch of glyphs of a complex script: where it starts, its size and colour.
            let mut stretch: Option<(Pos2, f32, Color32)> = None;
            for glyph in &row.glyphs {
                let colour = glyph_colour(t, row, glyph);
                let at = origin + glyph.pos.to_vec2();
                let size = glyph.font_height / self.row_per_size;
                if !complex.is_empty() && is_complex(glyph.chr) {
                    self.word(&mut word, start.take());
                    stretch = Some(match stretch {
                        Some((from, s, c)) => (Pos2::new(from.x.min(at.x), from.y), s, c),
                        None => (at, size, colour),
                    });
                    continue;
                }
                if let Some(from) = stretch.take() {
                    self.piece(complex.pop_front(), from);
                }
                let same = start.is_some_and(|(_, s, c)| (s - size).abs() < 0.01 && c == colour);
                if glyph.chr.is_whitespace() || !same {
                    self.word(&mut word, start.take());
                }
                if !glyph.chr.is_whitespace() {
                    if start.is_none() {
                        start = Some((at, size, colour));
                    }
                    word.push(glyph.chr);
                }
            }
            if let Some(from) = stretch.take() {
                self.piece(complex.pop_front(), from);
            }
            self.word(&mut word, start);
        }
        if t.angle != 0.0 {
            self.surface.pop();
        }
    }

    /// A piece of a complex script from `from` (its left end on the baseline), shaped and set
    /// in its own direction, as egui set it.
    fn piece(&mut self, piece: Option<String>, from: (Pos2, f32, Color32)) {
        let Some(piece) = piece else {
            return;
        };
        let direction = if piece.chars().any(crate::view::rtl::is_rtl) {
            TextDirection::RightToLeft
        } else {
            TextDirection::LeftToRight
        };
        self.set(&piece, from, direction);
    }

    /// Sets `word` (taken) from its first glyph's baseline. Right-to-left text is already in
    /// the order it is drawn (see view::rtl).
    fn word(&mut self, word: &mut String, start: Option<(Pos2, f32, Color32)>) {
        let text = std::mem::take(word);
        if let Some(start) = start {
            self.set(&text, start, TextDirection::LeftToRight);
        }
    }

    /// Sets `text` from `at` on the baseline, in its size and colour, font by font.
    fn set(
        &mut self,
        text: &str,
        (at, size, colour): (Pos2, f32, Color32),
        direction: TextDirection,
    ) {
        let Some(fill) = paint_fill(colour) else {
            return;
        };
        self.surface.set_stroke(None);
        self.surface.set_fill(Some(fill));
        let mut x = at.x;
        for (face, run) in self.faces.runs(text) {
            self.surface.draw_text(
                Point::from_xy(x, at.y),
                self.faces.font(face),
                size,
                run,
                false,
                direction,
            );
            x += self.faces.width(run, size);
        }
    }

    /// A mesh as its triangles, each in its first corner's colour.
    fn mesh(&mut self, mesh: &epaint::Mesh) {
        if mesh.indices.len() / 3 > MAX_MESH_TRIANGLES {
            return;
        }
        for tri in mesh.indices.chunks_exact(3) {
            let corners: Option<Vec<&epaint::Vertex>> =
                tri.iter().map(|&i| mesh.vertices.get(i as usize)).collect();
            let Some(corners) = corners else {
                continue;
            };
            let points: Vec<Pos2> = corners.iter().map(|v| v.pos).collect();
            let path = polyline(&points, true);
            self.fill_and_stroke(path, corners[0].color, egui::Stroke::NONE);
        }
    }
}

/// The colour egui gives `glyph`: its row's, the shape's when the text said "the label's".
fn glyph_colour(
    t: &epaint::TextShape,
    row: &epaint::text::Row,
    glyph: &epaint::text::Glyph,
) -> Color32 {
    let colour = t.override_text_color.unwrap_or_else(|| {
        row.visuals
            .mesh
            .vertices
            .get(glyph.first_vertex as usize)
            .map_or(t.fallback_color, |v| v.color)
    });
    // A label's text takes its colour from the shape, as egui's tessellator does.
    let colour = if colour == Color32::PLACEHOLDER {
        t.fallback_color
    } else {
        colour
    };
    colour.gamma_multiply(t.opacity_factor)
}

/// The pieces of `line` in a complex script, in order.
fn complex_pieces(line: &str) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    let mut inside = false;
    for c in line.chars() {
        let complex = is_complex(c);
        if complex && !inside {
            pieces.push(String::new());
        }
        if complex && let Some(p) = pieces.last_mut() {
            p.push(c);
        }
        inside = complex;
    }
    pieces
}

/// The solid colour of a path's stroke (a gradient gives its colour at the start).
fn path_stroke(stroke: &epaint::PathStroke) -> egui::Stroke {
    let colour = match &stroke.color {
        epaint::ColorMode::Solid(c) => *c,
        epaint::ColorMode::UV(f) => f(egui::Rect::NOTHING, Pos2::ZERO),
    };
    egui::Stroke::new(stroke.width, colour)
}

fn colour_and_opacity(colour: Color32) -> Option<(rgb::Color, NormalizedF32)> {
    let [r, g, b, a] = colour.to_srgba_unmultiplied();
    if a == 0 {
        return None;
    }
    Some((
        rgb::Color::new(r, g, b),
        NormalizedF32::new(f32::from(a) / 255.0).unwrap_or(NormalizedF32::ONE),
    ))
}

fn paint_fill(colour: Color32) -> Option<Fill> {
    let (paint, opacity) = colour_and_opacity(colour)?;
    Some(Fill {
        paint: paint.into(),
        opacity,
        rule: FillRule::NonZero,
    })
}

fn paint_stroke(stroke: egui::Stroke) -> Option<Stroke> {
    if stroke.width <= 0.0 {
        return None;
    }
    let (paint, opacity) = colour_and_opacity(stroke.color)?;
    Some(Stroke {
        paint: paint.into(),
        width: stroke.width,
        // egui ends a line flat at its points.
        line_cap: LineCap::Butt,
        line_join: LineJoin::Round,
        opacity,
        ..Stroke::default()
    })
}

fn polyline(points: &[Pos2], closed: bool) -> Option<Path> {
    let (first, rest) = points.split_first()?;
    let mut b = PathBuilder::new();
    b.move_to(first.x, first.y);
    for p in rest {
        b.line_to(p.x, p.y);
    }
    if closed {
        b.close();
    }
    b.finish()
}

fn ellipse_path(c: Pos2, r: egui::Vec2) -> Option<Path> {
    if !(r.x > 0.0 && r.y > 0.0) {
        return None;
    }
    let (kx, ky) = (r.x * KAPPA, r.y * KAPPA);
    let mut b = PathBuilder::new();
    b.move_to(c.x + r.x, c.y);
    b.cubic_to(c.x + r.x, c.y + ky, c.x + kx, c.y + r.y, c.x, c.y + r.y);
    b.cubic_to(c.x - kx, c.y + r.y, c.x - r.x, c.y + ky, c.x - r.x, c.y);
    b.cubic_to(c.x - r.x, c.y - ky, c.x - kx, c.y - r.y, c.x, c.y - r.y);
    b.cubic_to(c.x + kx, c.y - r.y, c.x + r.x, c.y - ky, c.x + r.x, c.y);
    b.close();
    b.finish()
}

/// A rectangle with corners rounded by `radius` (at most half its shorter side).
fn rect_path(rect: egui::Rect, radius: f32) -> Option<Path> {
    if !rect.is_finite() || rect.width() <= 0.0 || rect.height() <= 0.0 {
        return None;
    }
    let r = radius.clamp(0.0, rect.width().min(rect.height()) / 2.0);
    let (l, t, rt, b) = (rect.left(), rect.top(), rect.right(), rect.bottom());
    let mut p = PathBuilder::new();
    if r <= 0.0 {
        p.move_to(l, t);
        p.line_to(rt, t);
        p.line_to(rt, b);
        p.line_to(l, b);
        p.close();
        return p.finish();
    }
    let k = r * KAPPA;
    p.move_to(l + r, t);
    p.line_to(rt - r, t);
    p.cubic_to(rt - r + k, t, rt, t + r - k, rt, t + r);
    p.line_to(rt, b - r);
    p.cubic_to(rt, b - r + k, rt - r + k, b, rt - r, b);
    p.line_to(l + r, b);
    p.cubic_to(l + r - k, b, l, b - r + k, l, b - r);
    p.line_to(l, t + r);
    p.cubic_to(l, t + r - k, l + r - k, t, l + r, t);
    p.close();
    p.finish()
}
