//! `retroline export`: the board as a PNG picture, a Markdown or HTML report, and/or a tracker's
//! CSV, all written or none.

use std::path::{Path, PathBuf};

use super::{ExportArgs, ThemeArg};
use crate::io::board_file;

/// `retroline export`: the picture's options from the arguments, then [`export`].
pub(super) fn run(args: ExportArgs) -> Result<String, String> {
    let ExportArgs {
        board,
        png,
        markdown,
        html,
        pdf,
        paper,
        actions_csv,
        width,
        height,
        scale,
        theme,
        anonymous,
    } = args;
    let options = crate::render::PictureOptions {
        width_px: width.unwrap_or_else(|| (1920.0 * scale.unwrap_or(1.0)).round() as u32),
        height_px: height.unwrap_or_else(|| (1080.0 * scale.unwrap_or(1.0)).round() as u32),
        // Without --height the picture is as tall as the board needs; with it, the
        // board is split into pages that tall.
        fit: if height.is_some() {
            crate::render::Fit::Pages
        } else {
            crate::render::Fit::Content
        },
        scale: scale.unwrap_or(1.0),
        theme: match theme {
            ThemeArg::Light => crate::theme::Theme::Light,
            ThemeArg::Dark => crate::theme::Theme::Dark,
            ThemeArg::Projector => crate::theme::Theme::Projector,
        },
        anonymous,
        view: None,
    };
    export(
        &board,
        Outputs {
            png: png.as_deref(),
            markdown: markdown.as_deref(),
            html: html.as_deref(),
            pdf: pdf.map(|p| (p, paper)),
            actions_csv: actions_csv.as_deref(),
        },
        &options,
    )
}

/// What `export` writes.
struct Outputs<'a> {
    png: Option<&'a Path>,
    markdown: Option<&'a Path>,
    html: Option<&'a Path>,
    pdf: Option<(PathBuf, crate::render::pdf::Paper)>,
    actions_csv: Option<&'a Path>,
}

fn export(
    path: &Path,
    Outputs {
        png,
        markdown,
        html,
        pdf,
        actions_csv,
    }: Outputs<'_>,
    options: &crate::render::PictureOptions,
) -> Result<String, String> {
    let outputs: Vec<&Path> = png
        .into_iter()
        .chain(markdown)
        .chain(html)
        .chain(pdf.as_ref().map(|(p, _)| p.as_path()))
        .chain(actions_csv)
        .collect();
    for (i, out) in outputs.iter().enumerate() {
        if crate::io::same_file(out, path) {
            return Err(format!(
                "{}: that is the board itself; write the export to another file",
                out.display()
            ));
        }
        if outputs[..i]
            .iter()
            .any(|o| o == out || crate::io::same_file(o, out))
        {
            return Err(format!(
                "{}: named twice; give each output its own file",
                out.display()
            ));
        }
    }
    let board = board_file::load(path).map_err(|e| e.to_string())?;
    // Everything is made first, then written all at once: a failure leaves no output.
    let mut files: Vec<(&Path, Vec<u8>)> = Vec::new();
    let mut done = String::new();
    // The picture, for the PNG and for the web page, drawn once; a picture too tall for one
    // file is written as numbered pages next to the name asked for.
    let mut pictures: Vec<Vec<u8>> = Vec::new();
    if let Some(out) = png.or(html) {
        pictures = crate::render::board_pngs(&board, options)
            .map_err(|err| format!("{}: {err}", out.display()))?;
    }
    let png_names: Vec<PathBuf> = match png {
        Some(out) if pictures.len() > 1 => (1..=pictures.len())
            .map(|page| page_path(out, page))
            .collect(),
        Some(out) => vec![out.to_owned()],
        None => Vec::new(),
    };
    for (name, bytes) in png_names.iter().zip(&pictures) {
        // The size as drawn: a PNG's header holds it (a fitted picture is as tall as needed).
        let side = |at: usize| {
            bytes
                .get(at..at + 4)
                .and_then(|b| <[u8; 4]>::try_from(b).ok())
                .map_or(0, u32::from_be_bytes)
        };
        done.push_str(&format!(
            "wrote {} ({}×{})\n",
            name.display(),
            side(16),
            side(20)
        ));
    }
    if let Some(out) = markdown {
        let pictures = picture_addresses(&png_names, out);
        let report = crate::io::markdown::report_with_picture(&board, options.anonymous, &pictures);
        files.push((out, report.into_bytes()));
        done.push_str(&format!("wrote {}\n", out.display()));
    }
    if let Some(out) = html {
        let page = crate::io::html::html_report(&board, options.anonymous, &pictures);
        files.push((out, page.into_bytes()));
        done.push_str(&format!("wrote {}\n", out.display()));
    }
    if let Some((out, paper)) = &pdf {
        let bytes = crate::render::pdf::pdf_report(&board, *paper, options.anonymous)
            .map_err(|err| format!("{}: {err}", out.display()))?;
        files.push((out.as_path(), bytes));
        done.push_str(&format!("wrote {}\n", out.display()));
    }
    if let Some(out) = actions_csv {
        let csv = crate::io::actions_csv::actions_csv(&board, options.anonymous);
        files.push((out, csv.into_bytes()));
        done.push_str(&format!(
            "wrote {} ({} action items)\n",
            out.display(),
            board.action_items.len()
        ));
    }
    let outputs: Vec<(&Path, &[u8])> = png_names
        .iter()
        .zip(&pictures)
        .map(|(p, b)| (p.as_path(), b.as_slice()))
        .chain(files.iter().map(|(p, b)| (*p, b.as_slice())))
        .collect();
    crate::io::write_all_atomically(&outputs).map_err(|err| {
        let names: Vec<String> = outputs
            .iter()
            .map(|(p, _)| p.display().to_string())
            .collect();
        format!(
            "{}: cannot write: {}; nothing was written",
            names.join(", "),
            crate::io::io_reason(&err)
        )
    })?;
    Ok(done)
}

/// How the Markdown report at `report` names each page of the picture: a picture exported
/// alongside is shown at the top, by its name when the two are in one folder, else by its full
/// path.
fn picture_addresses(png_names: &[PathBuf], report: &Path) -> Vec<String> {
    png_names
        .iter()
        .map(|png| {
            let png = png.as_path();
            let same_folder = png
                .parent()
                .map(std::path::absolute)
                .transpose()
                .ok()
                .flatten()
                == report
                    .parent()
                    .map(std::path::absolute)
                    .transpose()
                    .ok()
                    .flatten();
            match png.file_name() {
                Some(name) if same_folder => name.to_string_lossy().into_owned(),
                _ => std::path::absolute(png)
                    .unwrap_or_else(|_| png.to_owned())
                    .display()
                    .to_string(),
            }
        })
        .collect()
}

/// Page `page` of a picture asked for as `out`: `board.png` gives `board-1.png`, `board-2.png`…
fn page_path(out: &Path, page: usize) -> PathBuf {
    let stem = out.file_stem().map_or_else(
        || std::ffi::OsString::from("board"),
        std::ffi::OsStr::to_os_string,
    );
    let mut name = stem;
    name.push(format!("-{page}"));
    if let Some(ext) = out.extension() {
        name.push(".");
        name.push(ext);
    }
    out.with_file_name(name)
}
