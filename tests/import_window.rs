//! *Import into this board…* in the window: a preview of what becomes an event and what is left
//! out, filters, and a merge into the open board as one undo step; a bad file changes nothing.

use std::path::{Path, PathBuf};

use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use retroline::app::{Command, RetrolineApp};

mod common;
use common::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The window on a saved copy of the sample, whose file dialog answers `import`.
fn window_importing(dir: &Path, import: PathBuf) -> (Harness<'static, RetrolineApp>, PathBuf) {
    let board = dir.join("board.ron");
    std::fs::copy(sample_path(), &board).expect("copy");
    let path = board.clone();
    let h = window(move || {
        let loaded = retroline::io::board_file::load(&path).expect("sample");
        RetrolineApp::with_dialogs(loaded, Some(path), Box::new(FixedDialogs(Some(import))))
    });
    (h, board)
}

#[test]
fn a_pagerduty_log_is_previewed_then_merged_as_one_undo_step() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut h, file) = window_importing(dir.path(), fixture("pagerduty-log.json"));
    let on_disk = std::fs::read(&file).expect("read");
    let before = h.state().board().clone();
    h.state_mut().request(Command::ImportIntoBoard);
    h.run();
    h.get_by_label("Import into this board");
    h.get_by_label("5 become events · 2 left out");
    h.get_by_label("Acknowledged by Ana Lima");
    h.get_by_label("a notification (import all to take it)");
    // Nothing changes until Import.
    assert_eq!(h.state().board(), &before);
    h.get_by_label("All messages and entries").click();
    h.run();
    h.get_by_label("7 become events · 0 left out");
    h.get_by_label("All messages and entries").click();
    h.run();
    h.get_by_label("Import 5 events").click();
    h.run();
    let board = h.state().board();
    assert_eq!(board.events.len(), before.events.len() + 5);
    assert_eq!(
        board.lanes, before.lanes,
        "the Technical lane is the board's own"
    );
    assert!(
        board
            .events
            .iter()
            .any(|e| e.title == "Resolved by Ben Carter")
    );
    assert!(
        h.query_by_label("Import into this board").is_none(),
        "closed"
    );

    // One undo step takes the whole import back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().board(), &before);
    assert_eq!(
        std::fs::read(&file).expect("read"),
        on_disk,
        "the file is untouched"
    );
}

#[test]
fn a_slack_export_is_previewed_by_channel_with_filters() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut h, _) = window_importing(dir.path(), fixture("slack-export"));
    let before = h.state().board().events.len();
    h.state_mut().preview_import(&fixture("slack-export"));
    h.run();
    // The incident's channel is chosen; pinned messages become events, the rest say why not.
    h.get_by_label_contains("#incident-checkout");
    h.get_by_label("6 become events · 4 left out");
    assert_eq!(h.get_all_by_label("channel housekeeping").count(), 2);
    assert_eq!(h.get_all_by_label_contains("not pinned").count(), 2);
    h.get_by_label("Search text").focus();
    h.run();
    h.get_by_label("Search text").type_text("pool");
    h.run();
    h.get_by_label("2 become events · 8 left out");
    h.get_by_label("Import 2 events").click();
    h.run();
    let board = h.state().board();
    assert_eq!(board.events.len(), before + 2);
    let added = board
        .events
        .iter()
        .find(|e| e.title.starts_with("@Ben Carter can you check the pool?"))
        .expect("the pinned question");
    assert_eq!(
        board.lane(added.lane).map(|l| l.name.as_str()),
        Some("Communication")
    );
}

#[test]
fn a_bad_file_is_named_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("log.json");
    std::fs::write(&bad, "{\"log_entries\": [\n  {\"type\": }\n]}").expect("write");
    let (mut h, file) = window_importing(dir.path(), bad.clone());
    let on_disk = std::fs::read(&file).expect("read");
    let before = h.state().board().clone();
    h.state_mut().request(Command::ImportIntoBoard);
    h.run();
    assert!(h.query_by_label("Import into this board").is_none());
    h.get_by_label_contains(&format!("{}:2:", bad.display()));
    h.get_by_label_contains("The board is unchanged");
    assert_eq!(h.state().board(), &before);
    assert!(!h.state().has_unsaved_changes());
    assert!(!h.state().can_undo());
    assert_eq!(std::fs::read(&file).expect("read"), on_disk);
}

/// A ZIP of the fixture export with `extra` entries, stored.
fn zip_with(out: &Path, extra: &[(&str, &[u8])]) {
    use std::io::Write;
    let export = fixture("slack-export");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(out).expect("zip"));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for name in [
        "users.json",
        "channels.json",
        "incident-checkout/2026-03-14.json",
    ] {
        zip.start_file(name, stored).expect("entry");
        zip.write_all(&std::fs::read(export.join(name)).expect("read"))
            .expect("write");
    }
    for (name, bytes) in extra {
        zip.start_file(*name, stored).expect("entry");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("zip");
}

#[test]
fn every_bad_input_is_named_and_leaves_the_board_file_byte_identical() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A malformed day file in an export folder.
    let folder = dir.path().join("export");
    std::fs::create_dir_all(folder.join("incident-checkout")).expect("dirs");
    for name in ["users.json", "channels.json"] {
        std::fs::copy(fixture("slack-export").join(name), folder.join(name)).expect("copy");
    }
    std::fs::write(
        folder.join("incident-checkout/2026-03-14.json"),
        "[{\"ts\": \"1\",}]",
    )
    .expect("write");
    // An entry that climbs out of its folder.
    let evil = dir.path().join("evil.zip");
    zip_with(&evil, &[("../../etc/evil.json", b"[]")]);
    // A ZIP whose entries say they unpack to gigabytes.
    let bomb = dir.path().join("bomb.zip");
    zip_with(&bomb, &[("a.json", b"[]"), ("b.json", b"[]")]);
    let mut bytes = std::fs::read(&bomb).expect("zip");
    let mut at = 0;
    while let Some(i) = bytes[at..].windows(4).position(|w| w == b"PK\x01\x02") {
        bytes[at + i + 24..at + i + 28].copy_from_slice(&0xFFFF_FF00u32.to_le_bytes());
        at += i + 4;
    }
    std::fs::write(&bomb, &bytes).expect("write");
    // A 2 GB file.
    let huge = dir.path().join("huge.json");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(2 << 30))
        .expect("sparse");

    let (mut h, file) = window_importing(dir.path(), huge.clone());
    let on_disk = std::fs::read(&file).expect("read");
    let before = h.state().board().clone();
    // A channel that cannot be read opens the preview with the reason, and nothing to import
    // (another channel, or a time window, may do).
    h.state_mut().preview_import(&folder);
    h.run();
    h.get_by_label_contains("2026-03-14.json:1:");
    h.get_by_label("0 become events · 0 left out");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Import into this board").is_none());
    for (path, said) in [
        (&evil, "points outside the export's folder"),
        (&bomb, "past the limit"),
        (&huge, "MiB"),
    ] {
        h.state_mut().preview_import(path);
        h.run();
        assert!(
            h.query_by_label("Import into this board").is_none(),
            "{} opened a preview",
            path.display()
        );
        h.get_by_label_contains(said);
        assert_eq!(h.state().board(), &before);
        assert!(!h.state().can_undo());
        assert_eq!(std::fs::read(&file).expect("read"), on_disk);
    }
}
