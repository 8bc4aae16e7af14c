//! The PDF record: real text, found again by `pdftotext` (poppler), in every script, on pages
//! `qpdf --check` finds sound. These tests need `pdftotext` and `qpdf` (CI installs them).

use std::process::Command;

use retroline::model::Board;

mod common;
use common::*;

/// `pdftotext` of the PDF at `path`, its whitespace made single spaces; `None` without poppler.
fn text_of(path: &std::path::Path) -> Option<String> {
    let out = Command::new("pdftotext").arg(path).arg("-").output().ok()?;
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    let text = String::from_utf8_lossy(&out.stdout);
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn export(board: &Board, paper: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let ron = dir.path().join("board.ron");
    retroline::io::board_file::save(&ron, board).expect("save");
    let pdf = dir.path().join("record.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_retroline"))
        .args(["export", "--pdf"])
        .arg(&pdf)
        .args(["--paper", paper])
        .arg(&ron)
        .output()
        .expect("run retroline");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    if let Ok(check) = Command::new("qpdf").arg("--check").arg(&pdf).output() {
        assert!(
            check.status.success(),
            "qpdf --check: {}",
            String::from_utf8_lossy(&check.stdout)
        );
    }
    (dir, pdf)
}

fn normal(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_pdf_of_the_sample_holds_every_title_name_word_and_action_as_text() {
    let board = sample();
    for paper in ["a4", "letter"] {
        let (_dir, pdf) = export(&board, paper);
        let Some(text) = text_of(&pdf) else {
            eprintln!("no pdftotext here: the PDF was made, its text not read back");
            return;
        };
        let mut wanted: Vec<String> = board.events.iter().map(|e| e.title.clone()).collect();
        wanted.extend(board.participants.iter().map(|p| p.name.clone()));
        wanted.extend(
            board
                .feelings
                .iter()
                .map(|f| f.emotion.clone())
                .filter(|w| !w.is_empty()),
        );
        wanted.extend(board.action_items.iter().map(|a| a.text.clone()));
        for w in wanted {
            assert!(
                text.contains(&normal(&w)),
                "{paper}: {w:?} is not in the PDF's text"
            );
        }
    }
}

#[test]
fn the_pdf_keeps_text_in_other_scripts_as_text() {
    let mut board = sample();
    let titles = [
        "デプロイ後にエラー率が上昇",
        "数据库连接池耗尽",
        "결제 시간 초과",
        "הפריסה הלילית",
        "ग्राहक सहायता कतार बढ़ी",
        "Откат на v4.17",
        "Η πληρωμή απέτυχε",
    ];
    for (e, t) in board.events.iter_mut().zip(titles) {
        e.title = t.to_owned();
    }
    let (_dir, pdf) = export(&board, "a4");
    let Some(text) = text_of(&pdf) else {
        return;
    };
    for t in titles {
        assert!(text.contains(t), "{t:?} is not in the PDF's text");
    }
}

#[test]
fn export_report_from_the_window_to_a_pdf_name_writes_the_pdf() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("retro.pdf");
    let chosen = pdf.clone();
    let mut h = window(move || {
        retroline::app::RetrolineApp::with_dialogs(
            sample(),
            None,
            Box::new(FixedDialogs(Some(chosen))),
        )
    });
    h.state_mut().request(retroline::app::Command::ExportReport);
    h.run();
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    let bytes = std::fs::read(&pdf).expect("the PDF was written");
    assert!(bytes.starts_with(b"%PDF-"));
    if let Some(text) = text_of(&pdf) {
        assert!(text.contains("Checkout outage, night of 14 March"));
    }
}

/// The output of a poppler tool run on pages `first..=last` of `pdf`; `None` without poppler.
fn pages(tool: &str, pdf: &std::path::Path, first: usize, last: usize) -> Option<String> {
    let out = Command::new(tool)
        .args(["-f", &first.to_string(), "-l", &last.to_string()])
        .args(match tool {
            "pdfimages" => &["-list"][..],
            // In the order the words are drawn, which is each text's own order.
            "pdftotext" => &["-raw"][..],
            _ => &[][..],
        })
        .arg(pdf)
        .args(match tool {
            "pdftotext" => &["-"][..],
            _ => &[][..],
        })
        .output()
        .ok()?;
    assert!(out.status.success(), "{tool} failed on {}", pdf.display());
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_pdf_opens_with_the_board_picture_drawn_as_lines_and_words() {
    let board = sample();
    let (_dir, pdf) = export(&board, "a4");
    let Some(info) = pages("pdfinfo", &pdf, 1, 99) else {
        eprintln!("no poppler here: the PDF was made, its picture not read back");
        return;
    };
    // The picture's pages come first, landscape; the report's follow, upright.
    let sizes: Vec<bool> = info
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size:"))
        .map(|l| l.contains("841.89 x 595.28"))
        .collect();
    let picture = sizes.iter().take_while(|&&wide| wide).count();
    assert!(picture >= 1, "no landscape picture page first: {info}");
    assert!(
        sizes.len() > picture && sizes[picture..].iter().all(|&wide| !wide),
        "the report's pages do not follow the picture's: {info}"
    );
    // Drawn, not pasted in: no image on any picture page (pdfimages lists a header of two
    // lines).
    let images = pages("pdfimages", &pdf, 1, picture).unwrap_or_default();
    assert!(
        images.lines().count() <= 2,
        "the picture holds images:\n{images}"
    );
    // Its words are words: the lanes, each person in the legend, the divergence labels, and
    // the cards' titles, whole.
    let text = normal(&pages("pdftotext", &pdf, 1, picture).unwrap_or_default());
    let mut wanted: Vec<String> = board.lanes.iter().map(|l| l.name.clone()).collect();
    wanted.extend(board.participants.iter().map(|p| p.name.clone()));
    wanted.push("up:".to_owned());
    wanted.push("down:".to_owned());
    wanted.extend(board.events.iter().map(|e| e.title.clone()));
    for w in wanted {
        assert!(
            text.contains(&w),
            "{w:?} is not on the picture pages: {text}"
        );
    }
}
