//! `retroline divergences`: the spans where the participants' feelings diverge, as TSV or JSON.

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use super::Format;
use crate::analysis::{DivergenceSpan, divergences};
use crate::io::{board_file, inert};

#[derive(Serialize)]
struct SpanOut {
    start: String,
    end: String,
    peak: String,
    spread: f64,
    positive: Vec<String>,
    negative: Vec<String>,
}

/// A span as scripts read it, naming people as the reports do (anonymous ones as
/// "Participant N").
fn span_out(names: &crate::io::markdown::Names<'_>, span: &DivergenceSpan) -> SpanOut {
    let names =
        |ids: &[crate::model::ParticipantId]| ids.iter().map(|id| names.participant(*id)).collect();
    SpanOut {
        start: span.start.to_utc().to_rfc3339(),
        end: span.end.to_utc().to_rfc3339(),
        peak: span.peak.to_utc().to_rfc3339(),
        spread: (span.spread * 1000.0).round() / 1000.0,
        positive: names(&span.positive),
        negative: names(&span.negative),
    }
}

pub(super) fn print_divergences(
    path: &Path,
    theta: Option<f64>,
    format: Format,
) -> Result<String, String> {
    let board = board_file::load(path).map_err(|e| e.to_string())?;
    let theta = theta.unwrap_or(board.settings.neutral_band);
    // Names looked up once, not searched for in every span.
    let names = crate::io::markdown::Names::new(&board, false);
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
