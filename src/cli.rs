//! The command line: `retroline [BOARD.ron]` opens the window; subcommands work headless.

use crate::io::inert;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::analysis::{DivergenceSpan, divergences};
use crate::io::board_file;
use crate::io::csv_import;
use crate::model::{Board, BoardKind, VALENCE_MAX};

#[derive(Debug, Parser)]
#[command(
    name = "retroline",
    version,
    about = "A whiteboard for timeline retrospectives and blameless postmortems",
    long_about = "A whiteboard for timeline retrospectives and blameless postmortems.\n\n\
                  With no command, opens the window (on BOARD.ron if given).",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A board file to open in the window.
    #[arg(value_name = "BOARD.ron")]
    pub board: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a board file and print a summary of what it holds.
    Check {
        #[arg(value_name = "BOARD.ron")]
        board: PathBuf,
    },
    /// Make a board from an events CSV, a Slack export, a PagerDuty log and/or a feelings CSV.
    #[command(group(clap::ArgGroup::new("source").required(true).multiple(true).args(["events", "slack", "pagerduty"])))]
    Import {
        /// Events: columns time,title and optionally lane,notes.
        #[arg(long, value_name = "EVENTS.csv")]
        events: Option<PathBuf>,
        /// A Slack workspace export: its .zip, or the folder it unpacks to.
        #[arg(long, value_name = "EXPORT", requires = "channel")]
        slack: Option<PathBuf>,
        /// The Slack channel to read (its name, with or without #).
        #[arg(long, value_name = "NAME", requires = "slack")]
        channel: Option<String>,
        /// Only messages and log entries from this time (RFC 3339, with an offset).
        #[arg(long, value_name = "TIME")]
        from: Option<String>,
        /// Only messages and log entries up to this time (RFC 3339, with an offset).
        #[arg(long, value_name = "TIME")]
        to: Option<String>,
        /// Every Slack message (not only pinned ones and those with a 📌) and every PagerDuty
        /// entry (notifications too).
        #[arg(long)]
        all: bool,
        /// A PagerDuty incident's log entries, as its API returns them ({"log_entries": [...]}).
        #[arg(long, value_name = "LOG.json")]
        pagerduty: Option<PathBuf>,
        /// Feelings: columns participant,time,valence and optionally emotion,note.
        #[arg(long, value_name = "FEELINGS.csv")]
        feelings: Option<PathBuf>,
        /// The board's title (default: the events file's name).
        #[arg(long)]
        title: Option<String>,
        /// What the board is for (default: incident when it spans up to two days, else sprint).
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        /// Where to write the board.
        #[arg(short, long, value_name = "BOARD.ron")]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Export a board as a PNG picture, a Markdown or HTML report, and/or a tracker's CSV.
    #[command(group(clap::ArgGroup::new("output").required(true).multiple(true).args(["png", "markdown", "html", "actions_csv"])))]
    Export {
        #[arg(value_name = "BOARD.ron")]
        board: PathBuf,
        /// Draw the whole board into this PNG file, as tall as it needs; a picture taller than
        /// 8192 pixels is written as numbered pages (OUT-1.png, OUT-2.png…).
        #[arg(long, value_name = "OUT.png")]
        png: Option<PathBuf>,
        /// Write the report (events, divergences, action items, participants) here.
        #[arg(long, value_name = "OUT.md")]
        markdown: Option<PathBuf>,
        /// Write the report as one self-contained web page, the picture inside, that opens
        /// offline and prints to A4 or Letter.
        #[arg(long, value_name = "OUT.html")]
        html: Option<PathBuf>,
        /// Write the action items as CSV for a tracker's importer (Jira, GitHub, Linear): Summary,
        /// Description, Assignee, Due date, Status.
        #[arg(long, value_name = "OUT.csv")]
        actions_csv: Option<PathBuf>,
        /// Picture width in pixels (default 1920).
        #[arg(long, value_name = "W", conflicts_with = "scale")]
        width: Option<u32>,
        /// Split the picture into numbered pages this many pixels tall (OUT-1.png, OUT-2.png…);
        /// without it the picture is as tall as the board needs.
        #[arg(long, value_name = "H", conflicts_with = "scale")]
        height: Option<u32>,
        /// Draw a 1920×1080 board S times larger (2 gives 3840×2160 with everything twice the size).
        #[arg(long, value_name = "S")]
        scale: Option<f32>,
        #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
        theme: ThemeArg,
        /// Name participants "Participant 1", "Participant 2"… instead of by name.
        #[arg(long)]
        anonymous: bool,
    },
    /// Start the next retrospective's board from the last one: its lanes, its participants and
    /// its open action items, carried over to be reviewed.
    New {
        /// The board of the last retrospective.
        #[arg(long, value_name = "PREV.ron")]
        from: PathBuf,
        /// Where to write the new board.
        #[arg(short, long, value_name = "NEXT.ron")]
        output: PathBuf,
        /// The new board's title (default: the last one's, with "(next)").
        #[arg(long)]
        title: Option<String>,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Write a made-up board of a given size, the same every time (for benchmarks and trials).
    Generate {
        /// s: 30 events, 8 participants × 10 feelings; m: 300, 30 × 50; l: 3,000, 100 × 300.
        #[arg(long, value_enum)]
        size: SizeArg,
        /// Another seed gives another board of the same size.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write the board.
        #[arg(short, long, value_name = "BOARD.ron")]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Run the participant server without a window: people join from their phones or laptops and
    /// plot their own lines, each saved into the board file as it arrives. Stop with Ctrl+C.
    Collect {
        #[arg(value_name = "BOARD.ron")]
        board: PathBuf,
        /// Where to listen (ADDR:PORT); port 0 picks a free one.
        #[arg(long, value_name = "ADDR:PORT", default_value = "0.0.0.0:0")]
        bind: std::net::SocketAddr,
    },
    /// Write the participant page as one self-contained file with the board inside, for
    /// teammates who cannot reach the facilitator's network: they fill it in offline and send
    /// back the short answer it makes.
    Form {
        #[arg(value_name = "BOARD.ron")]
        board: PathBuf,
        /// Where to write the form.
        #[arg(short, long, value_name = "FORM.html")]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Print the spans where the participants' feelings diverge.
    Divergences {
        #[arg(value_name = "BOARD.ron")]
        board: PathBuf,
        /// The neutral band θ (default: the board's own, usually 1.0).
        #[arg(long, value_parser = parse_theta)]
        theta: Option<f64>,
        #[arg(long, value_enum, default_value_t = Format::Tsv)]
        format: Format,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum KindArg {
    Incident,
    Sprint,
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SizeArg {
    S,
    M,
    L,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    Light,
    Dark,
    Projector,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Tsv,
    Json,
}

fn parse_theta(text: &str) -> Result<f64, String> {
    let theta: f64 = text
        .parse()
        .map_err(|_| format!("\"{text}\" is not a number"))?;
    if theta > 0.0 && theta <= VALENCE_MAX {
        Ok(theta)
    } else {
        Err(format!("θ must be above 0 and at most {VALENCE_MAX}"))
    }
}

/// When the process started (or, at the latest, when this was first asked).
pub fn started() -> std::time::Instant {
    static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    *STARTED.get_or_init(std::time::Instant::now)
}

/// Parses the arguments and runs the command; what `main` returns.
pub fn main() -> ExitCode {
    started();
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or(
        // The graphics stack reports normal conditions (a software renderer, a display without
        // a size) as warnings; only its errors matter here.
        "warn,wgpu_hal=off,wgpu_core=error,egui_wgpu=error,winit=error,naga=error",
    ))
    .init();
    let cli = Cli::parse();
    if let Some(Command::Collect { board, bind }) = &cli.command {
        return match collect(board, *bind) {
            Ok(line) => {
                use std::io::Write;
                // A closed standard output (`| head -1`) is no reason to fail.
                let _ = writeln!(std::io::stdout(), "{}", inert::terminal(&line));
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("{}", inert::terminal(&message));
                ExitCode::FAILURE
            }
        };
    }
    match cli.command {
        // Board text never reaches the terminal as escape sequences or endless lines.
        Some(command) => match run(command) {
            Ok(text) => {
                print!("{}", inert::terminal(&text));
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("{}", inert::terminal(&message));
                ExitCode::FAILURE
            }
        },
        None => match crate::app::run_window(cli.board, started()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("{message}");
                ExitCode::FAILURE
            }
        },
    }
}

/// `retroline collect`: serves the board until SIGINT or SIGTERM, printing as it goes; returns
/// the one-line summary.
fn collect(board: &Path, bind: std::net::SocketAddr) -> Result<String, String> {
    use std::io::Write;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    for signal in signal_hook::consts::TERM_SIGNALS {
        // A second Ctrl+C while stopping ends the process at once.
        signal_hook::flag::register_conditional_shutdown(*signal, 1, std::sync::Arc::clone(&stop))
            .and_then(|_| signal_hook::flag::register(*signal, std::sync::Arc::clone(&stop)))
            .map_err(|err| format!("cannot listen for Ctrl+C: {err}"))?;
    }
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let summary = crate::server::collect::collect(board, bind, &stop, terminal, |line| {
        let mut out = std::io::stdout().lock();
        // A closed standard output is no reason to stop collecting.
        let _ = writeln!(out, "{}", inert::terminal(line));
        let _ = out.flush();
    })?;
    Ok(format!(
        "collect: stopped; {} submission{} accepted from {} {}, {} refused; {} holds them",
        summary.accepted,
        if summary.accepted == 1 { "" } else { "s" },
        summary.people,
        if summary.people == 1 {
            "person"
        } else {
            "people"
        },
        summary.refused,
        board.display()
    ))
}

/// An output file is only replaced when asked to.
fn refuse_existing(output: &Path, force: bool) -> Result<(), String> {
    if output.exists() && !force {
        return Err(format!(
            "{}: already exists; pass --force to replace it",
            output.display()
        ));
    }
    Ok(())
}

/// Runs a headless command, returning what to print, or the one-line error to show.
pub fn run(command: Command) -> Result<String, String> {
    match command {
        Command::Check { board } => check(&board),
        Command::Import {
            events,
            slack,
            channel,
            from,
            to,
            all,
            pagerduty,
            feelings,
            title,
            kind,
            output,
            force,
        } => {
            let parse = |t: Option<String>, what: &str| {
                t.map(|t| {
                    crate::model::Moment::parse_rfc3339(&t)
                        .map_err(|err| format!("--{what} {t}: {err}"))
                })
                .transpose()
            };
            let filters = crate::io::incident_import::Filters {
                all,
                from: parse(from, "from")?,
                to: parse(to, "to")?,
                search: String::new(),
            };
            import(
                Sources {
                    events: events.as_deref(),
                    slack: slack.as_deref().zip(channel.as_deref()),
                    pagerduty: pagerduty.as_deref(),
                    feelings: feelings.as_deref(),
                },
                &filters,
                title,
                kind,
                &output,
                force,
            )
        }
        Command::Divergences {
            board,
            theta,
            format,
        } => print_divergences(&board, theta, format),
        Command::Collect { board, bind } => collect(&board, bind),
        Command::Form {
            board,
            output,
            force,
        } => {
            refuse_existing(&output, force)?;
            if crate::io::same_file(&output, &board) {
                return Err(format!(
                    "{}: that is the board itself; write the form to another file",
                    output.display()
                ));
            }
            let loaded = board_file::load(&board).map_err(|e| e.to_string())?;
            let page = crate::server::form::page(&loaded);
            crate::io::write_atomically(&output, page.as_bytes()).map_err(|err| {
                format!(
                    "{}: cannot write: {}",
                    output.display(),
                    crate::io::io_reason(&err)
                )
            })?;
            Ok(format!(
                "wrote {}: a form for \"{}\" with {} events; send it to each remote teammate \
                 and paste their answers into the window (Round > Paste answers…)\n",
                output.display(),
                loaded.title,
                loaded.events.len()
            ))
        }
        Command::New {
            from,
            output,
            title,
            force,
        } => {
            refuse_existing(&output, force)?;
            if crate::io::same_file(&output, &from) {
                return Err(format!(
                    "{}: that is the last board itself; write the new board to another file",
                    output.display()
                ));
            }
            let prev = board_file::load(&from).map_err(|e| e.to_string())?;
            let title = title.unwrap_or_else(|| format!("{} (next)", prev.title));
            let next = prev.next_board(title);
            if let Some(problem) = next.problems().into_iter().next() {
                return Err(format!(
                    "{}: the new board would not open ({problem}); nothing was written",
                    output.display()
                ));
            }
            board_file::save(&output, &next).map_err(|e| e.to_string())?;
            Ok(format!("wrote {}: {}\n", output.display(), summary(&next)))
        }
        Command::Generate {
            size,
            seed,
            output,
            force,
        } => {
            refuse_existing(&output, force)?;
            let size = match size {
                SizeArg::S => crate::generate::Size::S,
                SizeArg::M => crate::generate::Size::M,
                SizeArg::L => crate::generate::Size::L,
            };
            let board = crate::generate::board(size, seed);
            board_file::save(&output, &board).map_err(|e| e.to_string())?;
            Ok(format!("wrote {}: {}\n", output.display(), summary(&board)))
        }
        Command::Export {
            board,
            png,
            markdown,
            html,
            actions_csv,
            width,
            height,
            scale,
            theme,
            anonymous,
        } => {
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
                    actions_csv: actions_csv.as_deref(),
                },
                &options,
            )
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One paragraph that says what a board holds.
pub fn summary(board: &Board) -> String {
    let theta = board.settings.neutral_band;
    let spans = divergences(board, theta);
    let range = match board.time_range() {
        Some(r) => format!(" covering {} to {}", r.start, r.end),
        None => String::new(),
    };
    let used_lanes = board
        .lanes
        .iter()
        .filter(|l| board.events.iter().any(|e| e.lane == l.id))
        .count();
    format!(
        "\"{}\" is {} {} board{range}: {} in {} ({} used), {} with {}, {}, {} (θ = {theta}).",
        board.title,
        if board.kind == BoardKind::Incident {
            "an"
        } else {
            "a"
        },
        board.kind.label(),
        plural(board.events.len(), "event", "events"),
        plural(board.lanes.len(), "lane", "lanes"),
        used_lanes,
        plural(board.participants.len(), "participant", "participants"),
        plural(board.feelings.len(), "feeling", "feelings"),
        plural(board.action_items.len(), "action item", "action items"),
        plural(spans.len(), "divergence", "divergences"),
    ) + &meeting_summary(board)
}

/// What a board holds of the meeting: last time's action items and their review, the phases
/// run, the votes.
fn meeting_summary(board: &Board) -> String {
    let mut out = String::new();
    if !board.carried.is_empty() {
        let count =
            |r: crate::model::Review| board.carried.iter().filter(|c| c.review == r).count();
        out.push_str(&format!(
            " Last time's action items: {} to review, {} done, {} still open, {} dropped.",
            board.to_review(),
            count(crate::model::Review::Done),
            count(crate::model::Review::StillOpen),
            count(crate::model::Review::Dropped)
        ));
    }
    let run = board.agenda.iter().filter(|p| p.started.is_some()).count();
    if run > 0 {
        out.push_str(&format!(" {} of {} phases run.", run, board.agenda.len()));
    }
    let dots: u32 = board.voting.votes.iter().map(|v| v.dots).sum();
    if dots > 0 {
        out.push_str(&format!(
            " {} cast ({}).",
            plural(dots as usize, "vote", "votes"),
            if board.voting.revealed {
                "revealed"
            } else {
                "hidden"
            }
        ));
    }
    out
}

fn check(path: &Path) -> Result<String, String> {
    let board = board_file::load(path).map_err(|e| e.to_string())?;
    Ok(format!("{}: {}\n", path.display(), summary(&board)))
}

/// What `import` reads.
struct Sources<'a> {
    events: Option<&'a Path>,
    /// The export and the channel.
    slack: Option<(&'a Path, &'a str)>,
    pagerduty: Option<&'a Path>,
    feelings: Option<&'a Path>,
}

fn import(
    sources: Sources<'_>,
    filters: &crate::io::incident_import::Filters,
    title: Option<String>,
    kind: Option<KindArg>,
    output: &Path,
    force: bool,
) -> Result<String, String> {
    use crate::io::incident_import::{read_pagerduty, read_slack, select};
    refuse_existing(output, force)?;
    let inputs = sources
        .events
        .into_iter()
        .chain(sources.slack.map(|(p, _)| p))
        .chain(sources.pagerduty)
        .chain(sources.feelings);
    for input in inputs {
        if crate::io::same_file(output, input) {
            return Err(format!(
                "{}: that is a file being imported; write the board to another file",
                output.display()
            ));
        }
    }
    let mut event_rows = match sources.events {
        Some(events) => csv_import::read_csv_file(events)
            .and_then(|data| csv_import::parse_events(events, &data))
            .map_err(|e| e.to_string())?,
        None => Vec::new(),
    };
    // Moments from Slack and PagerDuty are shown in this computer's offset, like a new board's.
    let offset = crate::model::time::format::local_offset();
    let mut candidates = Vec::new();
    if let Some((export, channel)) = sources.slack {
        candidates.extend(
            read_slack(export, channel, filters.from, filters.to, offset)
                .map_err(|e| e.to_string())?,
        );
    }
    if let Some(log) = sources.pagerduty {
        candidates.extend(read_pagerduty(log, offset).map_err(|e| e.to_string())?);
    }
    let picked = select(&candidates, filters, &event_rows);
    let (from_chat, left_out) = (picked.kept.len(), picked.left_out.len());
    event_rows.extend(picked.kept);
    let feeling_rows = match sources.feelings {
        Some(path) => csv_import::read_csv_file(path)
            .and_then(|data| csv_import::parse_feelings(path, &data))
            .map_err(|e| e.to_string())?,
        None => Vec::new(),
    };
    let named_after = sources
        .events
        .or(sources.slack.map(|(p, _)| p))
        .or(sources.pagerduty);
    let title = title.unwrap_or_else(|| {
        named_after.and_then(Path::file_stem).map_or_else(
            || "Imported retrospective".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        )
    });
    let mut board = Board::new(title);
    if sources.slack.is_some() || sources.pagerduty.is_some() {
        board.settings.utc_offset_seconds = Some(offset.seconds());
    }
    let (mut board, _) =
        crate::doc::import::merge(board, event_rows, feeling_rows).map_err(|e| {
            format!(
                "{}: the imported board would not open ({e}); nothing was written",
                output.display()
            )
        })?;
    board.kind = match kind {
        Some(KindArg::Incident) => BoardKind::Incident,
        Some(KindArg::Sprint) => BoardKind::Sprint,
        Some(KindArg::Other) => BoardKind::Other,
        None => guess_kind(&board),
    };
    // Never write what opening it would refuse.
    if let Some(problem) = board.problems().into_iter().next() {
        return Err(format!(
            "{}: the imported board would not open ({problem}); nothing was written",
            output.display()
        ));
    }
    board_file::save(output, &board).map_err(|e| e.to_string())?;
    let mut said = format!("wrote {}: {}\n", output.display(), summary(&board));
    if !candidates.is_empty() {
        said.push_str(&format!(
            "{from_chat} events from Slack and PagerDuty, {left_out} messages and entries left out\n"
        ));
    }
    Ok(said)
}

/// Incidents are reviewed over minutes and hours, sprints over days and weeks.
fn guess_kind(board: &Board) -> BoardKind {
    const TWO_DAYS_NANOS: i128 = 2 * 24 * 3600 * 1_000_000_000;
    match board.time_range() {
        Some(r) if r.end.unix_nanos() - r.start.unix_nanos() > TWO_DAYS_NANOS => BoardKind::Sprint,
        _ => BoardKind::Incident,
    }
}

/// What `export` writes.
struct Outputs<'a> {
    png: Option<&'a Path>,
    markdown: Option<&'a Path>,
    html: Option<&'a Path>,
    actions_csv: Option<&'a Path>,
}

fn export(
    path: &Path,
    Outputs {
        png,
        markdown,
        html,
        actions_csv,
    }: Outputs<'_>,
    options: &crate::render::PictureOptions,
) -> Result<String, String> {
    let outputs: Vec<&Path> = png
        .into_iter()
        .chain(markdown)
        .chain(html)
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
        // A picture exported alongside is shown at the top: by its name when the two are in one
        // folder, else by its full path.
        let pictures: Vec<String> = png_names
            .iter()
            .map(|png| {
                let png = png.as_path();
                let same_folder = png
                    .parent()
                    .map(std::path::absolute)
                    .transpose()
                    .ok()
                    .flatten()
                    == out
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
            .collect();
        let report = crate::io::markdown::report_with_picture(&board, options.anonymous, &pictures);
        files.push((out, report.into_bytes()));
        done.push_str(&format!("wrote {}\n", out.display()));
    }
    if let Some(out) = html {
        let page = crate::io::html::html_report(&board, options.anonymous, &pictures);
        files.push((out, page.into_bytes()));
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

#[derive(Serialize)]
struct SpanOut {
    start: String,
    end: String,
    peak: String,
    spread: f64,
    positive: Vec<String>,
    negative: Vec<String>,
}

fn span_out(
    names: &std::collections::HashMap<crate::model::ParticipantId, &str>,
    span: &DivergenceSpan,
) -> SpanOut {
    let names = |ids: &[crate::model::ParticipantId]| {
        ids.iter()
            .map(|id| names.get(id).map_or_else(String::new, |n| (*n).to_owned()))
            .collect()
    };
    SpanOut {
        start: span.start.to_utc().to_rfc3339(),
        end: span.end.to_utc().to_rfc3339(),
        peak: span.peak.to_utc().to_rfc3339(),
        spread: (span.spread * 1000.0).round() / 1000.0,
        positive: names(&span.positive),
        negative: names(&span.negative),
    }
}

fn print_divergences(path: &Path, theta: Option<f64>, format: Format) -> Result<String, String> {
    let board = board_file::load(path).map_err(|e| e.to_string())?;
    let theta = theta.unwrap_or(board.settings.neutral_band);
    // Names looked up once, not searched for in every span.
    let names: std::collections::HashMap<_, &str> = board
        .participants
        .iter()
        .map(|p| (p.id, p.name.as_str()))
        .collect();
    let spans: Vec<SpanOut> = divergences(&board, theta)
        .iter()
        .map(|s| span_out(&names, s))
        .collect();
    match format {
        Format::Json => serde_json::to_string_pretty(&spans)
            .map(|mut s| {
                s.push('\n');
                s
            })
            .map_err(|e| format!("cannot write JSON: {e}")),
        Format::Tsv => {
            // A cell never starts a formula in the spreadsheet it is pasted into.
            let clean = |s: &str| inert::cell(&s.replace(['\t', '\n', '\r'], " "));
            let mut out = String::from("start\tend\tpeak\tspread\tpositive\tnegative\n");
            for s in &spans {
                let _ = writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    s.start,
                    s.end,
                    s.peak,
                    s.spread,
                    clean(&s.positive.join(", ")),
                    clean(&s.negative.join(", "))
                );
            }
            Ok(out)
        }
    }
}
