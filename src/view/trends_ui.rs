//! The trends across boards drawn with egui_plot: the team's mean feeling with its spread, the
//! divergences, trust and ROTI, and the action items, board by board; the chains and the lists
//! below. The window's *File > Trends…* and the exported picture draw with the same function.

use eframe::egui::{self, Color32, RichText};
use egui_plot::{Bar, BarChart, FilledArea, Legend, Line, MarkerShape, Plot, PlotPoints, Points};

use crate::analysis::trends::{BoardTrend, Trends};
use crate::io::trends::{cell, date_text, duration_text, one_decimal, pulse_text};
use crate::theme;

// Okabe–Ito: told apart by colour-blind viewers, and on a washed-out projector.
const BLUE: Color32 = Color32::from_rgb(0x00, 0x72, 0xb2);
const VERMILLION: Color32 = Color32::from_rgb(0xd5, 0x5e, 0x00);
const GREEN: Color32 = Color32::from_rgb(0x00, 0x9e, 0x73);
const ORANGE: Color32 = Color32::from_rgb(0xe6, 0x9f, 0x00);
const PURPLE: Color32 = Color32::from_rgb(0xcc, 0x79, 0xa7);
/// Lines thick enough for a projector or a compressed screen share.
const LINE_WIDTH: f32 = 3.5;
const MARKER_RADIUS: f32 = 5.0;

/// What to draw: with `table`, each board's row too (the window; the picture leaves it out).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrendsParts {
    pub table: bool,
    /// Each plot's height, in points.
    pub plot_height: f32,
}

/// The trends: a heading, the chains, four plots that share their board axis, and the lists.
pub fn trends_ui(ui: &mut egui::Ui, trends: &Trends, parts: TrendsParts) {
    ui.heading(format!(
        "Trends across {} board{}",
        trends.boards.len(),
        if trends.boards.len() == 1 { "" } else { "s" }
    ));
    let mut dated = trends.boards.iter().filter(|b| b.time.is_some());
    if let (Some(first), Some(last)) = (dated.clone().next(), dated.next_back()) {
        ui.label(format!("From {} to {}", date_text(first), date_text(last)));
    }
    chains_ui(ui, trends);
    if trends.boards.is_empty() {
        ui.label("No board was read.");
        return;
    }
    let boards = &trends.boards;
    let link = egui::Id::unique("trends_boards_axis");
    let plot = |id: &str| {
        Plot::new(id)
            .height(parts.plot_height)
            .legend(
                Legend::default()
                    .text_style(egui::TextStyle::Body)
                    .position(egui_plot::Corner::LeftTop),
            )
            .link_axis(link, [true, false])
            .allow_scroll(false)
            .x_axis_formatter(move |mark, _| board_label(boards, mark.value))
            .include_x(-0.5)
            .include_x(boards.len() as f64 - 0.5)
    };
    section(
        ui,
        "Mean feeling, and its spread (the band: mean ± half the spread)",
    );
    plot("trends_feeling")
        .include_y(-5.0)
        .include_y(5.0)
        .y_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 5.0, 25.0]))
        .show(ui, |p| feeling_plot(p, boards));
    section(ui, "Divergences: how many, and hours divergent");
    plot("trends_divergence")
        .include_y(0.0)
        .show(ui, |p| divergence_plot(p, boards));
    let voted = boards.iter().any(|b| b.trust.votes + b.roti.votes > 0);
    section(
        ui,
        if voted {
            "Trust check and ROTI (mean of 1–5)"
        } else {
            "Trust check and ROTI: — (no votes on these boards)"
        },
    );
    plot("trends_pulse")
        .include_y(1.0)
        .include_y(5.0)
        .show(ui, |p| pulse_plot(p, boards));
    section(ui, "Action items: made, done, and carried ones still open");
    plot("trends_actions")
        .include_y(0.0)
        .show(ui, |p| actions_plot(p, boards));
    lists_ui(ui, trends);
    if parts.table {
        table_ui(ui, trends);
    }
}

fn section(ui: &mut egui::Ui, text: &str) {
    ui.add_space(10.0);
    ui.label(RichText::new(text).size(theme::BODY_SIZE + 2.0).strong());
}

/// The date of the board at `x`, for the axis.
fn board_label(boards: &[BoardTrend], x: f64) -> String {
    let i = x.round();
    if (x - i).abs() > 1e-6 || i < 0.0 {
        return String::new();
    }
    boards.get(i as usize).map_or_else(String::new, |b| {
        date_text(b).get(5..).unwrap_or("").to_owned()
    })
}

fn series(boards: &[BoardTrend], value: impl Fn(&BoardTrend) -> Option<f64>) -> Vec<[f64; 2]> {
    boards
        .iter()
        .enumerate()
        .filter_map(|(i, b)| Some([i as f64, value(b).filter(|v| v.is_finite())?]))
        .collect()
}

fn line_with_points(p: &mut egui_plot::PlotUi, name: &str, colour: Color32, points: Vec<[f64; 2]>) {
    p.line(
        Line::new(name, PlotPoints::new(points.clone()))
            .color(colour)
            .width(LINE_WIDTH),
    );
    p.points(
        Points::new(name, PlotPoints::new(points))
            .color(colour)
            .radius(MARKER_RADIUS)
            .shape(MarkerShape::Circle)
            .filled(true),
    );
}

fn feeling_plot(p: &mut egui_plot::PlotUi, boards: &[BoardTrend]) {
    let band: Vec<(f64, f64, f64)> = boards
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            let (m, s) = (b.mean_feeling?, b.spread?);
            Some((i as f64, m - s / 2.0, m + s / 2.0))
        })
        .collect();
    if !band.is_empty() {
        let xs: Vec<f64> = band.iter().map(|b| b.0).collect();
        let lo: Vec<f64> = band.iter().map(|b| b.1).collect();
        let hi: Vec<f64> = band.iter().map(|b| b.2).collect();
        p.add(
            FilledArea::new("spread", &xs, &lo, &hi)
                .fill_color(Color32::from_rgba_unmultiplied(0x56, 0xb4, 0xe9, 90))
                .stroke(egui::Stroke::NONE),
        );
    }
    line_with_points(p, "mean feeling", BLUE, series(boards, |b| b.mean_feeling));
    line_with_points(
        p,
        "shared low",
        VERMILLION,
        series(boards, |b| b.shared_low.map(|s| s.value)),
    );
    line_with_points(
        p,
        "shared high",
        GREEN,
        series(boards, |b| b.shared_high.map(|s| s.value)),
    );
}

fn divergence_plot(p: &mut egui_plot::PlotUi, boards: &[BoardTrend]) {
    let bars: Vec<Bar> = boards
        .iter()
        .enumerate()
        .map(|(i, b)| {
            Bar::new(i as f64, b.divergences as f64)
                .width(0.6)
                .fill(VERMILLION)
        })
        .collect();
    p.bar_chart(BarChart::new("divergences", bars).color(VERMILLION));
    line_with_points(
        p,
        "hours divergent",
        BLUE,
        series(boards, |b| Some(b.divergent_seconds / 3600.0)),
    );
}

fn pulse_plot(p: &mut egui_plot::PlotUi, boards: &[BoardTrend]) {
    line_with_points(p, "trust", GREEN, series(boards, |b| b.trust.mean));
    line_with_points(p, "ROTI", ORANGE, series(boards, |b| b.roti.mean));
}

fn actions_plot(p: &mut egui_plot::PlotUi, boards: &[BoardTrend]) {
    let bars = |offset: f64, colour: Color32, value: &dyn Fn(&BoardTrend) -> usize| {
        boards
            .iter()
            .enumerate()
            .map(|(i, b)| {
                Bar::new(i as f64 + offset, value(b) as f64)
                    .width(0.26)
                    .fill(colour)
            })
            .collect::<Vec<Bar>>()
    };
    p.bar_chart(BarChart::new("made", bars(-0.28, BLUE, &|b| b.actions.created)).color(BLUE));
    p.bar_chart(BarChart::new("done", bars(0.0, GREEN, &|b| b.actions.done)).color(GREEN));
    p.bar_chart(
        BarChart::new(
            "carried, still open",
            bars(0.28, PURPLE, &|b| {
                b.carried.still_open + b.carried.to_review
            }),
        )
        .color(PURPLE),
    );
}

fn chains_ui(ui: &mut egui::Ui, trends: &Trends) {
    if trends.chains.is_empty() {
        ui.label("No chains: no board was made from another with new --from.");
        return;
    }
    for (i, c) in trends.chains.iter().enumerate() {
        ui.label(RichText::new(format!("Chain {}: {}", i + 1, cell(&c.name, 120))).strong());
    }
}

fn lists_ui(ui: &mut egui::Ui, trends: &Trends) {
    section(
        ui,
        "Carried action items (boards carried, days open, last review)",
    );
    if trends.carried_items.is_empty() {
        ui.label("None.");
    }
    for item in trends.carried_items.iter().take(10) {
        let owner = if item.owner.is_empty() {
            String::new()
        } else {
            format!(" ({})", cell(&item.owner, 30))
        };
        ui.label(format!(
            "{}{owner}: {} boards, {} days, {}",
            cell(&item.text, 70),
            item.boards_carried,
            one_decimal(item.days_open),
            item.status
        ));
    }
    if trends.carried_items.len() > 10 {
        ui.label(format!("… and {} more", trends.carried_items.len() - 10));
    }
    section(ui, "Most frequent emotion words");
    let words: Vec<String> = trends
        .emotions
        .iter()
        .map(|w| format!("{} ×{}", cell(&w.word, 40), w.count))
        .collect();
    ui.label(if words.is_empty() {
        "None.".to_owned()
    } else {
        words.join(",  ")
    });
    section(ui, "Lanes that keep coming up (boards, events)");
    let lanes: Vec<String> = trends
        .lanes
        .iter()
        .map(|l| {
            format!(
                "{}: {} boards, {} events",
                cell(&l.name, 40),
                l.boards,
                l.events
            )
        })
        .collect();
    ui.label(if lanes.is_empty() {
        "No lane has events in two boards.".to_owned()
    } else {
        lanes.join(";  ")
    });
}

fn table_ui(ui: &mut egui::Ui, trends: &Trends) {
    section(ui, "Board by board");
    egui::Grid::new("trends_table")
        .striped(true)
        .spacing([18.0, 6.0])
        .show(ui, |ui| {
            for head in [
                "Date",
                "Board",
                "Feeling",
                "Spread",
                "Div.",
                "Div. time",
                "Trust",
                "ROTI",
                "Made/done",
                "Carried open",
                "Chain",
            ] {
                ui.label(RichText::new(head).strong());
            }
            ui.end_row();
            for b in &trends.boards {
                ui.label(date_text(b));
                ui.label(cell(&b.title, 40))
                    .on_hover_text(cell(&b.file, 200));
                ui.label(one_decimal(b.mean_feeling));
                ui.label(one_decimal(b.spread));
                ui.label(b.divergences.to_string());
                ui.label(duration_text(b.divergent_seconds));
                ui.label(pulse_text(&b.trust));
                ui.label(pulse_text(&b.roti));
                ui.label(format!("{}/{}", b.actions.created, b.actions.done));
                ui.label((b.carried.still_open + b.carried.to_review).to_string());
                ui.label(
                    b.chain
                        .map_or_else(|| "—".to_owned(), |c| (c + 1).to_string()),
                );
                ui.end_row();
            }
        });
}
