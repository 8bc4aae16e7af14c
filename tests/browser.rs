//! The participant page in a real browser: headless Chromium driven through WebDriver
//! (chromedriver), on loopback only. It picks a name, sets feelings with the keyboard, submits,
//! and the feelings are found in the board file; board text stays text.
//!
//! Needs Debian's `chromium` and `chromium-driver`. Without them the test says so and passes,
//! unless `RETROLINE_BROWSER_TESTS=1` (set by `.ci/run`), where their absence is a failure.

use std::net::{SocketAddr, TcpListener};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

mod common;
use common::collecting::Collecting;
use common::*;
use retroline::app::RetrolineApp;

/// chromedriver on a free loopback port, stopped when dropped.
struct Driver {
    child: Child,
    addr: SocketAddr,
    session: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = request(
            self.addr,
            "DELETE",
            &format!("/session/{}", self.session),
            "",
        );
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl Driver {
    fn start() -> Option<Self> {
        let required = std::env::var("RETROLINE_BROWSER_TESTS").is_ok_and(|v| v == "1");
        let port = free_port();
        let child = match Command::new("chromedriver")
            .args([
                format!("--port={port}"),
                "--allowed-ips=127.0.0.1".to_owned(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
        {
            Ok(child) => child,
            Err(err) => {
                assert!(!required, "chromedriver is needed: {err}");
                eprintln!(
                    "skipped: no chromedriver ({err}); apt-get install chromium chromium-driver"
                );
                return None;
            }
        };
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("address");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(addr).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:loggingPrefs": { "browser": "ALL" },
                "goog:chromeOptions": {
                    "binary": "/usr/bin/chromium",
                    "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                             "--no-first-run", "--disable-background-networking",
                             "--disable-component-update", "--disable-sync",
                             "--window-size=360,740"]
                }
            }}
        });
        let (status, body) = request(addr, "POST", "/session", &capabilities.to_string());
        let mut driver = Self {
            child,
            addr,
            session: String::new(),
        };
        assert_eq!(status, 200, "no browser session: {body}");
        let value: Value = serde_json::from_str(&body).expect("JSON");
        driver.session = value["value"]["sessionId"]
            .as_str()
            .expect("a session id")
            .to_owned();
        Some(driver)
    }

    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let (status, answer) = request(
            self.addr,
            method,
            &format!("/session/{}{path}", self.session),
            &if body.is_null() {
                String::new()
            } else {
                body.to_string()
            },
        );
        let value: Value = serde_json::from_str(&answer).unwrap_or(Value::Null);
        assert_eq!(status, 200, "{method} {path}: {answer}");
        value["value"].clone()
    }

    fn find(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let (status, answer) = request(
                self.addr,
                "POST",
                &format!("/session/{}/element", self.session),
                &json!({"using": "css selector", "value": css}).to_string(),
            );
            if status == 200 {
                let value: Value = serde_json::from_str(&answer).expect("JSON");
                let element = value["value"]
                    .as_object()
                    .and_then(|o| o.values().next())
                    .and_then(Value::as_str)
                    .expect("an element reference");
                return element.to_owned();
            }
            assert!(Instant::now() < deadline, "no {css} on the page: {answer}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn text(&self, css: &str) -> String {
        let element = self.find(css);
        self.call("GET", &format!("/element/{element}/text"), Value::Null)
            .as_str()
            .unwrap_or("")
            .to_owned()
    }

    fn attribute(&self, css: &str, name: &str) -> String {
        let element = self.find(css);
        self.call(
            "GET",
            &format!("/element/{element}/attribute/{name}"),
            Value::Null,
        )
        .as_str()
        .unwrap_or("")
        .to_owned()
    }

    fn keys(&self, css: &str, keys: &str) {
        let element = self.find(css);
        self.call(
            "POST",
            &format!("/element/{element}/value"),
            json!({ "text": keys }),
        );
    }

    fn click(&self, css: &str) {
        let element = self.find(css);
        self.call("POST", &format!("/element/{element}/click"), json!({}));
    }

    fn wait_for_text(&self, css: &str, wanted: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let text = self.text(css);
            if text.contains(wanted) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "{css} says {text:?}, not {wanted:?}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

#[test]
fn a_participant_plots_and_submits_their_line_from_the_page() {
    let mut board = sample();
    board.participants.clear();
    board.feelings.clear();
    board.action_items.clear();
    let hostile = "<img src=x onerror=alert(1)>";
    board.events[1].title = hostile.to_owned();
    let first = board
        .events
        .iter()
        .min_by_key(|e| e.time.unix_nanos())
        .map(|e| e.id.0);
    let server = Collecting::start(&board);
    let Some(browser) = Driver::start() else {
        server.finish();
        return;
    };
    browser.call("POST", "/url", json!({ "url": server.url }));
    browser.wait_for_text("#title", "Checkout outage");
    // Board text is shown as text: the tag is visible and no image element was made.
    let list = browser.wait_for_text("#events", hostile);
    assert!(list.contains(hostile));
    let images = browser.call(
        "POST",
        "/elements",
        json!({"using": "css selector", "value": "#events img"}),
    );
    assert_eq!(images.as_array().map(Vec::len), Some(0));

    browser.keys("#name-new", "Wren");
    // Keyboard only: focus the first event's slider and step it down twice, to −1.
    let first = first.expect("an event");
    let slider = format!("#v-{first}");
    browser.keys(&slider, "\u{E012}\u{E012}");
    assert_eq!(browser.text(&format!("output[for=v-{first}]")), "−1");
    browser.click("#events li:first-child summary");
    browser.keys(&format!("#words-{first}"), "anxious");
    // A moment between events: 5 minutes after the first, at +2.
    browser.click("#add-extra");
    let minutes = browser.find("#minutes-0");
    browser.call("POST", &format!("/element/{minutes}/clear"), json!({}));
    browser.keys("#minutes-0", "5");
    browser.keys(
        "#extras input[type=range]",
        "\u{E014}\u{E014}\u{E014}\u{E014}",
    );
    browser.click("#submit");
    browser.wait_for_text("#status", "Saved: 2 moments");
    drop(browser);

    let (summary, collected) = server.finish();
    assert_eq!(summary.accepted, 1);
    let wren = collected
        .participant_named("Wren")
        .expect("Wren is on the board");
    let line: Vec<_> = collected
        .feelings
        .iter()
        .filter(|f| f.participant == wren.id)
        .collect();
    assert_eq!(line.len(), 2);
    assert_eq!(line[0].valence, -1.0);
    assert_eq!(line[0].emotion, "anxious");
    let event = collected
        .events
        .iter()
        .find(|e| e.id.0 == first)
        .expect("the event");
    assert_eq!(line[0].time, event.time);
    assert_eq!(line[1].valence, 2.0);
    assert_eq!(
        line[1].time.unix_seconds_f64() - event.time.unix_seconds_f64(),
        300.0,
        "five minutes after the event"
    );
    assert_eq!(
        line[1].time.offset(),
        event.time.offset(),
        "in the event's offset"
    );
}

/// The events of `board` by time, earliest first: their ids.
fn events_by_time(board: &retroline::model::Board) -> Vec<u32> {
    let mut events: Vec<_> = board
        .events
        .iter()
        .map(|e| (e.time.unix_nanos(), e.id.0))
        .collect();
    events.sort();
    events.into_iter().map(|(_, id)| id).collect()
}

/// Ben's 0 at 14:09 was lost in a meeting: an untouched slider already sat at 0, so a tap on
/// its middle changed nothing and the moment was dropped without a word. Now an untouched
/// moment says "not set", 0 is one tap of its own, and the page counts what it will send.
#[test]
fn neutral_is_one_tap_and_told_apart_from_not_set_and_an_untouched_moment_adds_nothing() {
    let mut board = sample();
    board.participants.clear();
    board.feelings.clear();
    board.action_items.clear();
    let order = events_by_time(&board);
    let (neutral, plus_two, untouched) = (order[0], order[1], order[2]);
    let total = order.len();
    let server = Collecting::start(&board);
    let Some(browser) = Driver::start() else {
        server.finish();
        return;
    };
    browser.call("POST", "/url", json!({ "url": server.url }));
    browser.wait_for_text("#title", "Checkout outage");
    let shown = |id: u32| browser.text(&format!("output[for=v-{id}]"));
    let spoken = |id: u32| browser.attribute(&format!("#v-{id}"), "aria-valuetext");

    // Untouched: "not set", on screen and to a screen reader, and counted as such.
    assert_eq!(shown(neutral), "not set");
    assert_eq!(spoken(neutral), "not set");
    browser.wait_for_text(
        "#tally",
        &format!("0 of {total} moments set · {total} not set"),
    );

    // One tap sets 0, which is said as a value of its own.
    browser.click(&format!("#zero-{neutral}"));
    assert_eq!(shown(neutral), "0 · neutral");
    assert_eq!(spoken(neutral), "0, neutral");
    // +2 from the keyboard: four half steps up.
    browser.keys(
        &format!("#v-{plus_two}"),
        "\u{E014}\u{E014}\u{E014}\u{E014}",
    );
    assert_eq!(shown(plus_two), "+2");
    assert_eq!(spoken(plus_two), "+2");
    browser.wait_for_text(
        "#tally",
        &format!("2 of {total} moments set · {} not set", total - 2),
    );

    // The drafted 0 survives a reload, still told apart from not set.
    browser.call("POST", "/refresh", json!({}));
    browser.wait_for_text(&format!("output[for=v-{neutral}]"), "0 · neutral");
    assert_eq!(spoken(neutral), "0, neutral");
    assert_eq!(shown(untouched), "not set");
    browser.wait_for_text("#tally", &format!("2 of {total} moments set"));

    // Clear goes back to not set; one tap sets 0 again.
    browser.click(&format!("#clear-{neutral}"));
    assert_eq!(shown(neutral), "not set");
    browser.wait_for_text("#tally", &format!("1 of {total} moments set"));
    browser.click(&format!("#zero-{neutral}"));
    assert_eq!(shown(neutral), "0 · neutral");

    browser.keys("#name-new", "Ben");
    browser.click("#submit");
    browser.wait_for_text("#status", "Saved: 2 moments");
    drop(browser);

    let (summary, collected) = server.finish();
    assert_eq!(summary.accepted, 1);
    let ben = collected
        .participant_named("Ben")
        .expect("Ben is on the board");
    let time_of = |id: u32| {
        collected
            .events
            .iter()
            .find(|e| e.id.0 == id)
            .expect("the event")
            .time
    };
    let mut line: Vec<_> = collected
        .feelings
        .iter()
        .filter(|f| f.participant == ben.id)
        .map(|f| (f.time.unix_nanos(), f.valence))
        .collect();
    line.sort_by_key(|&(t, _)| t);
    assert_eq!(
        line,
        [
            (time_of(neutral).unix_nanos(), 0.0),
            (time_of(plus_two).unix_nanos(), 2.0)
        ],
        "exactly the 0 and the +2; the untouched moments add nothing"
    );
}

#[test]
fn the_offline_form_works_from_a_file_and_its_answer_merges_into_the_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let form = dir.path().join("form.html");
    let mut board = sample();
    board.participants.clear();
    board.feelings.clear();
    board.action_items.clear();
    board.round.form_key = retroline::server::form::new_key().expect("a key");
    std::fs::write(&form, retroline::server::form::page(&board)).expect("write the form");
    let order = events_by_time(&board);
    let (first, second) = (order[0], order[1]);
    let total = order.len();
    let Some(browser) = Driver::start() else {
        return;
    };
    browser.call(
        "POST",
        "/url",
        json!({ "url": format!("file://{}", form.display()) }),
    );
    browser.wait_for_text("#title", "Checkout outage");
    browser.keys("#name-new", "Remote Rae");
    browser.keys(&format!("#v-{first}"), "\u{E014}\u{E014}\u{E014}");
    // The offline form tells 0 from not set as the served page does: 0 is one tap.
    assert_eq!(browser.text(&format!("output[for=v-{second}]")), "not set");
    browser.click(&format!("#zero-{second}"));
    assert_eq!(
        browser.attribute(&format!("#v-{second}"), "aria-valuetext"),
        "0, neutral"
    );
    browser.wait_for_text("#tally", &format!("2 of {total} moments set"));
    browser.click("#submit");
    browser.wait_for_text("#status", "Your answer is below");
    let field = browser.find("#answer-text");
    let answer = browser.call(
        "GET",
        &format!("/element/{field}/property/value"),
        Value::Null,
    );
    let answer = answer.as_str().expect("the answer text").to_owned();
    drop(browser);
    assert!(answer.starts_with("retroline-answer:"), "{answer}");

    // The facilitator pastes it, among chat noise, into the window.
    let mut h = window(move || RetrolineApp::with_dialogs(board, None, no_dialogs()));
    h.state_mut()
        .merge_answers(&format!("[09:58] Rae: sorry I can't join live\n{answer}\n"));
    h.run();
    let rae = h
        .state()
        .board()
        .participant_named("Remote Rae")
        .expect("Rae is on the board")
        .id;
    let line: Vec<f64> = h
        .state()
        .board()
        .feelings
        .iter()
        .filter(|f| f.participant == rae)
        .map(|f| f.valence)
        .collect();
    assert_eq!(line, [1.5, 0.0]);
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    assert!(h.state().can_undo(), "one undo step");

    // The same answer pasted again carries the same secret: the same line, nothing added.
    h.state_mut().merge_answers(&answer);
    h.run();
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    let lines = |h: &egui_kittest::Harness<'_, RetrolineApp>| {
        (
            h.state().board().participants.len(),
            h.state().board().feelings.len(),
        )
    };
    assert_eq!(lines(&h), (1, 2));
    // One character changed in the middle of it: named, and nothing added.
    let mut changed: Vec<char> = answer.chars().collect();
    let i = "retroline-answer:".len() + 30;
    changed[i] = if changed[i] == 'A' { 'B' } else { 'A' };
    let changed: String = changed.into_iter().collect();
    h.state_mut().merge_answers(&changed);
    h.run();
    assert!(
        h.state()
            .errors()
            .iter()
            .any(|e| e.contains("is cut or changed")),
        "{:?}",
        h.state().errors()
    );
    assert_eq!(lines(&h), (1, 2));
}

#[test]
fn the_html_report_opens_offline_with_no_console_error_and_typed_text_stays_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("report.html");
    let mut board = sample();
    let hostile = "![x](http://tracker.example/p.gif) <script>alert(1)</script> =HYPERLINK(\"x\")";
    board.events[0].title = hostile.to_owned();
    board.action_items[0].text = hostile.to_owned();
    // A small picture stands in for the exported one: it is embedded the same way.
    let png = {
        let mut bytes = Vec::new();
        image::RgbaImage::from_pixel(4, 4, image::Rgba([200, 80, 0, 255]))
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )
            .expect("png");
        bytes
    };
    std::fs::write(
        &page,
        retroline::io::html::html_report(&board, false, &[png]),
    )
    .expect("write the report");
    let Some(browser) = Driver::start() else {
        return;
    };
    browser.call(
        "POST",
        "/url",
        json!({ "url": format!("file://{}", page.display()) }),
    );
    browser.wait_for_text("h1", "Checkout outage");
    let checks = browser.call(
        "POST",
        "/execute/sync",
        json!({ "script": "return [document.scripts.length, \
            document.querySelector('img').naturalWidth, \
            document.body.innerText.includes('<script>alert(1)</script>'), \
            document.querySelectorAll('a').length];", "args": [] }),
    );
    assert_eq!(checks[0], 0, "no script on the page");
    assert_eq!(checks[1], 4, "the embedded picture shows");
    assert_eq!(checks[2], true, "the typed tag is shown as text");
    assert_eq!(checks[3], 0, "no link");
    let logs = browser.call("POST", "/se/log", json!({ "type": "browser" }));
    let errors: Vec<&Value> = logs
        .as_array()
        .map(|l| l.iter().filter(|e| e["level"] == "SEVERE").collect())
        .unwrap_or_default();
    assert!(errors.is_empty(), "console errors: {errors:?}");
}
