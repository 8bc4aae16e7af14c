//! `retroline trends`: how the team is doing across a folder of boards, as a table, JSON, a
//! PNG picture and/or a web page.

use std::path::{Path, PathBuf};

use super::{ThemeArg, TrendsFormat, refuse_existing};
use crate::io::{inert, trends};

/// What `retroline trends` is asked for.
pub(super) struct TrendsRun {
    pub inputs: Vec<PathBuf>,
    pub format: TrendsFormat,
    pub png: Option<PathBuf>,
    pub html: Option<PathBuf>,
    pub theme: ThemeArg,
    pub force: bool,
}

/// Reads every board named (each folder's `*.ron`), says on standard error which could not be
/// read, and gives the trends; the picture and the page are written all or none.
pub(super) fn run(args: TrendsRun) -> Result<String, String> {
    let outputs: Vec<&Path> = args
        .png
        .iter()
        .chain(&args.html)
        .map(PathBuf::as_path)
        .collect();
    for out in &outputs {
        refuse_existing(out, args.force)?;
    }
    if let [a, b] = outputs[..]
        && (a == b || crate::io::same_file(a, b))
    {
        return Err(format!(
            "{}: named twice; give each output its own file",
            a.display()
        ));
    }
    let paths = trends::board_paths(&args.inputs)?;
    if let Some(out) = outputs
        .iter()
        .find(|out| paths.iter().any(|p| crate::io::same_file(p, out)))
    {
        return Err(format!(
            "{}: that is one of the boards read; write it to another file",
            out.display()
        ));
    }
    let mut skipped = Vec::new();
    let boards = trends::read_boards(&paths, |err| {
        eprintln!("{}", inert::terminal(&format!("{err} (skipped)")));
        skipped.push(trends::Skipped {
            file: err.path.display().to_string(),
            error: err.to_string(),
        });
    });
    if boards.is_empty() {
        let named: Vec<String> = args
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        return Err(format!(
            "{}: no board could be read ({} file{} tried)",
            named.join(", "),
            paths.len(),
            if paths.len() == 1 { "" } else { "s" }
        ));
    }
    let trends = crate::analysis::trends::Trends::of(boards);
    let mut files: Vec<(&Path, Vec<u8>)> = Vec::new();
    let mut done = String::new();
    if !outputs.is_empty() {
        let theme = match args.theme {
            ThemeArg::Light => crate::theme::Theme::Light,
            ThemeArg::Dark => crate::theme::Theme::Dark,
            ThemeArg::Projector => crate::theme::Theme::Projector,
        };
        let picture = crate::render::trends::trends_png(&trends, theme)
            .map_err(|err| format!("{}: {err}", outputs[0].display()))?;
        if let Some(html) = &args.html {
            let page = crate::io::trends_html::html_report(&trends, &skipped, Some(&picture));
            files.push((html.as_path(), page.into_bytes()));
        }
        if let Some(png) = &args.png {
            files.push((png.as_path(), picture));
        }
        let refs: Vec<(&Path, &[u8])> = files.iter().map(|(p, b)| (*p, b.as_slice())).collect();
        crate::io::write_all_atomically(&refs).map_err(|err| {
            let names: Vec<String> = outputs.iter().map(|p| p.display().to_string()).collect();
            format!(
                "{}: cannot write: {}; nothing was written",
                names.join(", "),
                crate::io::io_reason(&err)
            )
        })?;
        for (path, _) in &files {
            done.push_str(&format!("wrote {}\n", path.display()));
        }
    }
    match args.format {
        TrendsFormat::Text => Ok(trends::text(&trends, skipped.len()) + &done),
        TrendsFormat::Json => {
            // Standard output is the JSON alone; what was written is said on standard error.
            if !done.is_empty() {
                eprint!("{}", inert::terminal(&done));
            }
            trends::json(&trends, &skipped)
        }
    }
}
