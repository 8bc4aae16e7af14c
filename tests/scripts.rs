//! Text in every script a team writes in is drawn, not boxes: a board in Japanese, Chinese,
//! Korean, Arabic, Hebrew, Devanagari, Cyrillic and Greek, with emoji, has a glyph for every
//! character in the window's fonts (and so in present mode and the picture, which use them).

use eframe::egui;
use retroline::model::Board;

mod common;
use common::*;

/// The sample with its text in many scripts.
fn many_scripts() -> Board {
    let mut board = sample();
    let texts = [
        "デプロイ後にエラー率が上昇",
        "数据库连接池耗尽",
        "결제 시간 초과",
        "تنبيه معدل الأخطاء",
        "הפריסה הלילית",
        "ग्राहक सहायता कतार बढ़ी",
        "Откат на v4.17",
        "Η πληρωμή απέτυχε",
        "🦊 Fox joins the bridge 🚀",
    ];
    for (event, text) in board.events.iter_mut().zip(texts) {
        event.title = text.to_owned();
    }
    let names = [
        "さくら",
        "王伟",
        "민준",
        "ليلى",
        "נועה",
        "अर्जुन",
        "Дмитрий",
        "Ελένη",
    ];
    for (p, name) in board.participants.iter_mut().zip(names) {
        p.name = name.to_owned();
    }
    for (f, word) in board
        .feelings
        .iter_mut()
        .zip(["不安", "متوتر", "רגוע", "खुश", "🙂"])
    {
        f.emotion = word.to_owned();
    }
    board
}

/// Every character the board shows.
fn board_text(board: &Board) -> String {
    let mut text = board.title.clone();
    for e in &board.events {
        text += &e.title;
        text += &e.notes;
    }
    for p in &board.participants {
        text += &p.name;
    }
    for f in &board.feelings {
        text += &f.emotion;
    }
    text
}

#[test]
fn every_character_of_a_board_in_many_scripts_has_a_glyph() {
    let ctx = egui::Context::default();
    retroline::theme::apply(&ctx);
    // Fonts are ready once a pass has run.
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    let board = many_scripts();
    // What is typed, and what is drawn: Arabic in its joined letter forms.
    let text = board_text(&board);
    let drawn = format!("{text}{}", retroline::view::rtl::visual(&text));
    let missing = retroline::fonts::missing(&ctx, &drawn);
    assert!(
        missing.is_empty(),
        "no glyph for {missing:?} ({}); CJK, Korean and emoji need system fonts: fonts-droid-fallback, fonts-nanum, fonts-symbola",
        missing
            .iter()
            .map(|c| format!("U+{:04X}", u32::from(*c)))
            .collect::<Vec<_>>()
            .join(" ")
    );
    // And the window draws that board without a complaint.
    let mut h = window(move || retroline::app::RetrolineApp::new(board, None));
    h.run();
    assert!(h.state().errors().is_empty());
}

#[test]
fn the_html_report_lets_each_right_to_left_text_run_right_to_left() {
    let board = many_scripts();
    let page = retroline::io::html::html_report(&board, false, &[]);
    for rtl in ["تنبيه معدل الأخطاء", "הפריסה הלילית", "ليلى"] {
        let at = page
            .find(rtl)
            .unwrap_or_else(|| panic!("{rtl} is not in the report"));
        let open = page[..at].rfind('<').expect("an element around it");
        let tag = &page[open..at];
        assert!(tag.contains("dir=\"auto\""), "{rtl} sits in {tag}");
    }
}

#[test]
fn the_picture_draws_right_to_left_titles_from_the_right() {
    let board = many_scripts();
    let layout = retroline::render::picture_layout(&board, &Default::default()).expect("layout");
    let drawn: String = layout
        .texts
        .iter()
        .map(|(t, _, _)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    // egui shapes and turns each word; the words of a right-to-left title are handed to it
    // last first, so that the first word is at the right, where a reader starts, and the
    // first words are on the first row.
    assert!(
        drawn.contains("הלילית הפריסה"),
        "the Hebrew title is not drawn from the right: {drawn}"
    );
    assert!(
        !drawn.contains("הפריסה הלילית"),
        "Hebrew words drawn left to right: {drawn}"
    );
    assert!(
        drawn.contains("معدل تنبيه"),
        "the Arabic title is not drawn from the right: {drawn}"
    );
    assert!(
        !drawn.contains("تنبيه معدل"),
        "Arabic words drawn left to right: {drawn}"
    );
}
