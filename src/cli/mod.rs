//! The command line: `retroline [BOARD.ron]` opens the window; subcommands work headless.
//!
//! This file holds the arguments and [`run`], which hands each command to its own function:
//! `check` (and the summary of a board), `divergences`, `import`, `export`, `new_from` (`new
//! --from`), `generate`, `trends`, and `round` (`collect` and `form`).

mod check;
mod divergences;
mod export;
mod generate;
mod import;
mod new_from;
mod round;
mod trends;

pub use check::summary;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::io::inert;
use crate::model::VALENCE_MAX;

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
    Import(ImportArgs),
    /// Export a board as a PNG picture, a Markdown or HTML report, and/or a tracker's CSV.
    Export(ExportArgs),
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
        /// Write this many weekly boards, each made from the one before (week-01.ron,
        /// week-02.ron… in the folder OUTPUT, made if need be), as a team keeps them.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=520))]
        weeks: Option<u16>,
        /// Where to write the board (with --weeks: the folder).
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
    /// How the team is doing across retrospectives: every board in the folders (their *.ron
    /// files) and files named, in time order: mean feeling and spread, divergences, turning
    /// points, trust and ROTI, action items, carried items, emotion words, recurring lanes and
    /// the chains `new --from` made.
    Trends {
        #[arg(value_name = "DIR-or-FILES", required = true)]
        inputs: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = TrendsFormat::Text)]
        format: TrendsFormat,
        /// Draw the trends' plots into this PNG file.
        #[arg(long, value_name = "OUT.png")]
        png: Option<PathBuf>,
        /// Write the trends as one self-contained web page, the plots inside.
        #[arg(long, value_name = "OUT.html")]
        html: Option<PathBuf>,
        /// The picture's theme.
        #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
        theme: ThemeArg,
        /// Replace the output files if they exist.
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

/// The arguments of `retroline import`.
#[derive(Debug, clap::Args)]
#[group(skip)]
#[command(group(clap::ArgGroup::new("source").required(true).multiple(true).args(["events", "slack", "pagerduty"])))]
pub struct ImportArgs {
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
}

/// The arguments of `retroline export`.
#[derive(Debug, clap::Args)]
#[group(skip)]
#[command(group(clap::ArgGroup::new("output").required(true).multiple(true).args(["png", "markdown", "html", "pdf", "actions_csv"])))]
pub struct ExportArgs {
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
    /// Write the report as a PDF with real, searchable text in every script (the board's
    /// picture is not in it yet).
    #[arg(long, value_name = "OUT.pdf")]
    pdf: Option<PathBuf>,
    /// The PDF's paper.
    #[arg(long, value_enum, default_value_t = crate::render::pdf::Paper::A4)]
    paper: crate::render::pdf::Paper,
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
pub enum TrendsFormat {
    /// A table for people.
    Text,
    /// For scripts.
    Json,
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
        return match round::collect(board, *bind) {
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
        Command::Check { board } => check::check(&board),
        Command::Import(args) => import::run(args),
        Command::Divergences {
            board,
            theta,
            format,
        } => divergences::print_divergences(&board, theta, format),
        Command::Collect { board, bind } => round::collect(&board, bind),
        Command::Form {
            board,
            output,
            force,
        } => round::form(&board, &output, force),
        Command::New {
            from,
            output,
            title,
            force,
        } => new_from::new_from(&from, &output, title, force),
        Command::Generate {
            size,
            seed,
            weeks: None,
            output,
            force,
        } => generate::generate(size, seed, &output, force),
        Command::Generate {
            size,
            seed,
            weeks: Some(weeks),
            output,
            force,
        } => generate::weekly(size, seed, usize::from(weeks), &output, force),
        Command::Trends {
            inputs,
            format,
            png,
            html,
            theme,
            force,
        } => trends::run(trends::TrendsRun {
            inputs,
            format,
            png,
            html,
            theme,
            force,
        }),
        Command::Export(args) => export::run(args),
    }
}
