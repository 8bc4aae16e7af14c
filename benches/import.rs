//! Prints how long importing one day out of a year-long Slack channel takes: 365 day files of
//! about 550 KB each (200 MB), as an unpacked folder and as a ZIP.
//!
//! `cargo bench --bench import` (release build). Each figure is the median of several runs.

use std::io::Write;

use retroline::io::incident_import::{Filters, read_slack, select};
use retroline::model::Moment;

mod common;
use common::time;

/// One day's messages: `count` of them, every tenth pinned, about 550 bytes each.
fn day(date: jiff::civil::Date, count: usize) -> String {
    let start = date
        .to_zoned(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp().as_second())
        .unwrap_or(0);
    let messages: Vec<String> = (0..count)
        .map(|i| {
            let pin = if i % 10 == 0 { r#","pinned_to":["C1"]"# } else { "" };
            format!(
                r#"{{"type":"message","user":"U{}","text":"Message {i} of {date}: the checkout service <https://example.com/runbook|runbook> says &lt;ok&gt; and {}","ts":"{}.000{:03}"{pin},"reactions":[{{"name":"eyes","users":["U1"],"count":1}}]}}"#,
                i % 7,
                "lorem ipsum dolor sit amet ".repeat(12),
                start + (i as i64) * 60,
                i % 1000,
            )
        })
        .collect();
    format!("[\n{}\n]\n", messages.join(",\n"))
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let export = dir.path().join("export");
    let channel = export.join("incident");
    std::fs::create_dir_all(&channel).expect("folders");
    let users: Vec<String> = (0..7)
        .map(|i| {
            format!(r#"{{"id":"U{i}","name":"user{i}","profile":{{"display_name":"Person {i}"}}}}"#)
        })
        .collect();
    std::fs::write(export.join("users.json"), format!("[{}]", users.join(","))).expect("users");
    std::fs::write(
        export.join("channels.json"),
        r#"[{"id":"C1","name":"incident"}]"#,
    )
    .expect("channels");
    let first = jiff::civil::date(2025, 1, 1);
    let mut bytes = 0usize;
    let zip_path = dir.path().join("export.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).expect("zip"));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for name in ["users.json", "channels.json"] {
        zip.start_file(name, stored).expect("entry");
        zip.write_all(&std::fs::read(export.join(name)).expect("read"))
            .expect("write");
    }
    for d in 0..365 {
        let date = first
            .checked_add(jiff::Span::new().days(d))
            .expect("a date");
        let text = day(date, 1_000);
        bytes += text.len();
        std::fs::write(channel.join(format!("{date}.json")), &text).expect("day file");
        zip.start_file(format!("incident/{date}.json"), stored)
            .expect("entry");
        zip.write_all(text.as_bytes()).expect("write");
    }
    zip.finish().expect("zip");
    println!(
        "a year of #incident: 365 day files, {:.0} MB",
        bytes as f64 / 1e6
    );
    let utc = jiff::tz::Offset::UTC;
    let from = Moment::parse_rfc3339("2025-07-01T00:00:00Z").expect("time");
    let to = Moment::parse_rfc3339("2025-07-01T23:59:59Z").expect("time");
    let filters = Filters {
        all: false,
        from: Some(from),
        to: Some(to),
        search: String::new(),
    };
    for (label, path) in [("folder", &export), ("ZIP", &zip_path)] {
        let mut kept = 0;
        let t = time(5, || {
            let candidates = read_slack(path, "incident", Some(from), Some(to), utc).expect("read");
            kept = select(&candidates, &filters, &[]).kept.len();
        });
        println!(
            "{:<44} {:>9.1} ms  ({kept} events)",
            format!("one day's pinned messages, from the {label}"),
            t.as_secs_f64() * 1e3
        );
    }
    let t = time(3, || {
        read_slack(&export, "incident", None, None, utc).map(|c| c.len())
    });
    println!(
        "{:<44} {:>9.1} ms",
        "the whole year, from the folder",
        t.as_secs_f64() * 1e3
    );
}
