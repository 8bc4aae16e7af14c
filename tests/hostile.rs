//! The headless work grows near-linearly with hostile boards: at eight times the size it takes
//! far less than the 64 times that quadratic work would. Each figure is the fastest of three runs
//! (other work on the machine only ever adds time), and the bound leaves room for a noisy
//! machine: a ratio under 30 for 8× the size.

use std::path::Path;
use std::time::{Duration, Instant};

use retroline::generate::hostile::{many_links, many_people, two_people_csv};
use retroline::io::{csv_import, markdown};
use retroline::model::Board;

fn fastest<T>(mut f: impl FnMut() -> T) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn assert_near_linear(what: &str, small: Duration, large: Duration) {
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
    println!("{what}: {small:?} → {large:?} at 8× the size (×{ratio:.1})");
    assert!(ratio < 30.0, "{what} grows ×{ratio:.1} for 8× the size");
}

#[test]
fn validation_divergences_and_the_report_grow_near_linearly() {
    let (small, large) = (many_people(1_200), many_people(9_600));
    let time = |b: &Board, f: &dyn Fn(&Board) -> usize| fastest(|| f(b));
    let check = |b: &Board| b.problems().len();
    let spans = |b: &Board| retroline::analysis::divergences(b, b.settings.neutral_band).len();
    let report = |b: &Board| markdown::report(b, false).len();
    assert_near_linear("check", time(&small, &check), time(&large, &check));
    assert_near_linear("divergences", time(&small, &spans), time(&large, &spans));
    assert_near_linear("report", time(&small, &report), time(&large, &report));
    let (small, large) = (many_links(5_000), many_links(40_000));
    assert_near_linear("links", time(&small, &check), time(&large, &check));
}

#[test]
fn a_long_import_grows_near_linearly() {
    let import = |csv: &str| {
        let rows = csv_import::parse_feelings(Path::new("two.csv"), csv.as_bytes()).expect("rows");
        let mut board = Board::new("two people");
        retroline::doc::import::add_feelings(&mut board, rows).expect("the feelings fit");
        board.feelings.len()
    };
    let (small, large) = (two_people_csv(10_000), two_people_csv(80_000));
    assert_near_linear(
        "import",
        fastest(|| import(&small)),
        fastest(|| import(&large)),
    );
}
