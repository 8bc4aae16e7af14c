//! Running the meeting in the window: the phase timer counts down, pauses and extends; votes stay
//! hidden until they are revealed and then order the divergences; last time's action items are
//! reviewed and the report says how.

use std::cell::Cell;
use std::rc::Rc;

use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use retroline::app::RetrolineApp;
use retroline::app::present::Stop;
use retroline::model::{Board, Moment, Review};

mod common;
use common::*;

/// A clock a test moves by hand, in Unix seconds.
fn clock() -> Rc<Cell<i64>> {
    Rc::new(Cell::new(
        at("2026-03-20T10:00:00+01:00").unix_seconds_f64() as i64,
    ))
}

fn window_with_clock(board: Board, now: &Rc<Cell<i64>>) -> Harness<'static, RetrolineApp> {
    let now = now.clone();
    window(move || {
        RetrolineApp::with_dialogs(board, None, no_dialogs()).with_clock(move || {
            Moment::from_unix_seconds(now.get(), jiff::tz::Offset::from_hours(1).expect("offset"))
                .expect("a moment")
        })
    })
}

fn ctrl_shift(h: &mut Harness<'_, RetrolineApp>, key: Key) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, key);
    h.run();
}

fn wait(h: &mut Harness<'_, RetrolineApp>, now: &Rc<Cell<i64>>, seconds: i64) {
    now.set(now.get() + seconds);
    h.run();
}

/// Picks whose votes the Meeting tab shows, in its "Votes of:" list.
fn choose_voter(h: &mut Harness<'_, RetrolineApp>, name: &str) {
    h.get_by_role_and_label(eframe::egui::accesskit::Role::ComboBox, "Votes of:")
        .click();
    h.run();
    h.get_all_by_label(name)
        .last()
        .unwrap_or_else(|| panic!("{name} in the list"))
        .click();
    h.run();
}

#[test]
fn the_timer_counts_down_from_the_timebox_pauses_and_extends() {
    let now = clock();
    let mut h = window_with_clock(sample(), &now);
    h.get_by_label("Start the meeting").click();
    h.run();
    // The first phase of the usual agenda, the safety opening, has three minutes.
    assert_eq!(h.state().running_phase(), Some(0));
    h.get_by_label("3:00");
    h.get_by_label_contains("left of 3 minutes");
    wait(&mut h, &now, 65);
    h.get_by_label("1:55");

    // Paused, the clock runs on and the timer does not.
    ctrl_shift(&mut h, Key::P);
    h.get_by_label_contains("Paused");
    wait(&mut h, &now, 60);
    h.get_by_label("1:55");
    h.get_by_label("+1 min").click();
    h.run();
    h.get_by_label("2:55");
    h.get_by_label("Resume").click();
    h.run();
    wait(&mut h, &now, 10);
    h.get_by_label("2:45");

    // Past the timebox the timer says so, and counts on.
    wait(&mut h, &now, 180);
    h.get_by_label("+0:15");
    h.get_by_label_contains("Time is up");

    // The next phase starts its own timer; the first is recorded as ended.
    ctrl_shift(&mut h, Key::N);
    assert_eq!(h.state().running_phase(), Some(1));
    h.get_by_label("10:00");
    let first = &h.state().board().agenda[0];
    let took = first.took_seconds().expect("ended");
    assert_eq!(took, 65.0 + 60.0 + 10.0 + 180.0);
    // Each step is an edit: undo takes the phase change back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().running_phase(), Some(0));
}

#[test]
fn votes_stay_hidden_until_revealed_and_then_order_the_divergences() {
    let mut h = harness(sample());
    h.get_by_label_contains("Meeting").click();
    h.run();
    let spans = h.state().spans().to_vec();
    assert_eq!(spans.len(), 2, "the sample has two divergences");
    // Nobody's votes show until someone is chosen: the facilitator picks Ana to enter hers.
    assert!(h.query_by_label_contains("Vote for divergence").is_none());
    choose_voter(&mut h, "Ana Lima");
    // Ana gives her three votes: two on the later divergence, one on the earlier.
    for nth in [1, 1, 0] {
        h.get_all_by_label_contains("Vote for divergence")
            .nth(nth)
            .expect("a divergence to vote for")
            .click();
        h.run();
    }
    assert_eq!(
        h.state()
            .board()
            .voting
            .spent(h.state().board().participants[0].id),
        3
    );
    h.get_by_label("0 of 3 votes left");
    // Hidden: no results, and the divergences keep their time order.
    assert!(h.query_by_label_contains("Results").is_none());
    assert!(h.query_by_label_contains("2 · Divergence").is_none());
    h.get_by_label_contains("3 votes cast; they stay hidden");
    let first_divergence = |h: &Harness<'_, RetrolineApp>| {
        h.state()
            .stops()
            .into_iter()
            .find(|s| matches!(s, Stop::Divergence(_)))
    };
    assert_eq!(first_divergence(&h), Some(Stop::Divergence(0)));

    ctrl_shift(&mut h, Key::V);
    assert!(h.state().board().voting.revealed);
    h.get_by_label("Results, most votes first");
    let results: Vec<String> = h
        .get_all_by_label_contains(" · Divergence ")
        .map(|n| {
            use egui_kittest::kittest::NodeT;
            let node = n.accesskit_node();
            node.label().or_else(|| node.value()).unwrap_or_default()
        })
        .collect();
    assert_eq!(results.len(), 2, "{results:?}");
    assert!(results[0].starts_with("2 · "), "{results:?}");
    assert!(results[1].starts_with("1 · "), "{results:?}");
    // Presenting now starts with the most voted divergence.
    assert_eq!(h.state().stops().first(), Some(&Stop::Divergence(1)));
    let report = retroline::io::markdown::report(h.state().board(), false);
    assert!(report.contains("## Votes"), "{report}");
    assert!(report.contains("| 2 | Divergence"), "{report}");
}

#[test]
fn carried_items_marked_done_open_and_dropped_show_so_in_the_markdown_report() {
    let board = sample().next_board("Checkout follow-up", "checkout.ron");
    assert_eq!(board.carried.len(), 3);
    let mut h = harness(board.clone());
    h.get_by_label("Meeting (3 to review)").click();
    h.run();
    for (n, review) in [(1, "done"), (2, "still open"), (3, "dropped")] {
        h.get_by_label(&format!("Action {n}: {review}")).click();
        h.run();
    }
    h.get_by_label("Review note of action 2").click();
    h.run();
    h.get_by_label("Review note of action 2")
        .type_text("waiting on the DBA team");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let reviews: Vec<Review> = h.state().board().carried.iter().map(|c| c.review).collect();
    assert_eq!(reviews, [Review::Done, Review::StillOpen, Review::Dropped]);
    h.get_by_label("Meeting");
    let report = retroline::io::markdown::report(h.state().board(), false);
    assert!(report.contains("## Last time's action items"), "{report}");
    for (item, review) in board.carried.iter().zip(["done", "still open", "dropped"]) {
        let row = report
            .lines()
            .find(|l| l.starts_with(&format!("| {}", &item.text[..20])))
            .unwrap_or_else(|| panic!("no row for {:?} in {report}", item.text));
        assert!(row.contains(&format!("| {review} |")), "{row}");
    }
    assert!(report.contains("waiting on the DBA team"), "{report}");
    // The item still open is carried again to the board after this one.
    let after = h.state().board().next_board("Later", "");
    assert_eq!(after.carried.len(), 1);
    assert_eq!(after.carried[0].text, board.carried[1].text);
}

/// Sends `body` to `what` on the window's server and runs frames until it is answered.
fn post(
    h: &mut Harness<'_, RetrolineApp>,
    addr: std::net::SocketAddr,
    path: &str,
    body: String,
) -> (u16, String) {
    let path = path.to_owned();
    let client = std::thread::spawn(move || request(addr, "POST", &path, &body));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !client.is_finished() {
        assert!(std::time::Instant::now() < deadline, "not answered");
        h.run();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run();
    client.join().expect("no panic")
}

#[test]
fn everyone_votes_from_their_phone_and_nobody_sees_the_votes_until_the_reveal() {
    let mut h = window(move || {
        let mut app = RetrolineApp::with_dialogs(sample(), None, no_dialogs());
        app.set_invite_bind("127.0.0.1:0".parse().expect("loopback"));
        app
    });
    h.get_by_label_contains("Meeting").click();
    h.run();
    h.get_by_label("Vote from phones…").click();
    h.run();
    h.get_by_label("Voting from phones: open");
    let url = h.state().join_urls()[0].clone();
    let rest = url.strip_prefix("http://127.0.0.1:").expect("loopback");
    let (port, token) = rest.split_once('/').expect("a path");
    let addr: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().expect("address");

    // The page is told it is a vote, with each divergence and event to vote on.
    let (status, json) = request(addr, "GET", &format!("/{token}/board.json"), "");
    assert_eq!(status, 200);
    let board: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(board["round"]["mode"], "votes");
    assert_eq!(board["round"]["votes"]["per_person"], 3);
    let targets = board["round"]["votes"]["targets"]
        .as_array()
        .expect("targets");
    let later = targets[1]["target"]
        .as_str()
        .expect("a divergence")
        .to_owned();
    assert!(later.starts_with("d:"), "{later}");
    let event = targets[2]["target"].as_str().expect("an event").to_owned();
    assert!(event.starts_with("e:"), "{event}");

    let vote = |name: &str, votes: &[(&str, u32)], secret: Option<&str>| {
        let votes: Vec<String> = votes
            .iter()
            .map(|(t, n)| format!(r#"{{"target":"{t}","dots":{n}}}"#))
            .collect();
        let secret = secret.map_or(String::new(), |s| format!(r#","secret":"{s}""#));
        format!(
            r#"{{"participant":"{name}","votes":[{}]{secret}}}"#,
            votes.join(",")
        )
    };
    let path = format!("/{token}/votes");
    let (status, answer) = post(
        &mut h,
        addr,
        &path,
        vote("Ana Lima", &[(&later, 2), (&event, 1)], None),
    );
    assert_eq!(status, 200, "{answer}");
    let secret: serde_json::Value = serde_json::from_str(&answer).expect("JSON");
    let secret = secret["secret"].as_str().expect("a secret").to_owned();
    let (status, _) = post(
        &mut h,
        addr,
        &path,
        vote("Dana Fischer", &[(&later, 1)], None),
    );
    assert_eq!(status, 200);
    // More votes than a person has, someone else's name, a line in a vote: refused.
    let (status, why) = post(
        &mut h,
        addr,
        &path,
        vote("Ben Carter", &[(&later, 4)], None),
    );
    assert_eq!(status, 422, "{why}");
    let (status, why) = post(&mut h, addr, &path, vote("Ana Lima", &[(&event, 3)], None));
    assert_eq!(status, 403, "{why}");
    let (status, why) = post(&mut h, addr, &path, vote("Nobody", &[], None));
    assert_eq!(status, 403, "{why}");
    let (status, _) = post(
        &mut h,
        addr,
        &format!("/{token}/feelings"),
        line("Ana Lima", &[("2026-03-14T02:30:00+01:00", 4.0)]),
    );
    assert_eq!(status, 403);
    // Ana changes her mind, from her own phone.
    let (status, _) = post(
        &mut h,
        addr,
        &path,
        vote("Ana Lima", &[(&later, 3)], Some(&secret)),
    );
    assert_eq!(status, 200);

    // The window shows who voted, never what: no dots of anyone's in the vote box, not even
    // of someone chosen in it, until the reveal.
    h.get_by_label("Ana Lima: voted");
    h.get_by_label("Dana Fischer: voted");
    h.get_by_label_contains("2 of 5 voted");
    assert!(h.query_by_label("Results, most votes first").is_none());
    assert_eq!(h.state().board().voting.votes.len(), 2);
    let no_dots = |h: &Harness<'_, RetrolineApp>| {
        assert!(
            h.query_by_label_contains("'s votes on").is_none(),
            "dots shown"
        );
        assert!(
            h.query_by_label_contains("votes left").is_none(),
            "votes left shown"
        );
    };
    no_dots(&h);
    h.get_by_label_contains("Hidden until revealed");
    // The label comes before its list: "Votes of: nobody ▾".
    let label = h
        .get_by_role_and_label(eframe::egui::accesskit::Role::Label, "Votes of:")
        .rect();
    let list = h
        .get_by_role_and_label(eframe::egui::accesskit::Role::ComboBox, "Votes of:")
        .rect();
    assert!(label.right() <= list.left(), "{label:?} before {list:?}");
    choose_voter(&mut h, "Ana Lima");
    no_dots(&h);
    h.get_by_label("Ana Lima voted from their phone: hidden until you reveal the votes.");
    // Closing the voting speaks of votes, not lines.
    h.get_by_label("Stop the round").click();
    h.run();
    h.get_by_label_contains("Voting closed: 2 voted. Reveal the votes when the room is ready.");
    assert!(h.query_by_label_contains("Reveal the lines").is_none());
    no_dots(&h);

    // The reveal ends the voting and orders the discussion: the later divergence first.
    ctrl_shift(&mut h, Key::V);
    assert!(h.state().board().voting.revealed);
    assert_eq!(h.state().round_submitted(), None, "voting is closed");
    assert!(
        std::net::TcpStream::connect_timeout(&addr, std::time::Duration::from_secs(1)).is_err()
    );
    h.get_by_label_contains("4 · Divergence");
    assert_eq!(h.state().stops().first(), Some(&Stop::Divergence(1)));
    // Revealed, Ana's dots show.
    assert!(
        h.query_all_by_label_contains("Ana Lima's votes on divergence")
            .any(|n| format!("{n:?}").contains("03:52: 3\"")),
        "Ana's three dots on the later divergence"
    );
}

#[test]
fn dots_on_a_divergence_that_is_gone_are_given_back_and_the_meeting_does_not_restart() {
    let mut board = sample();
    let ana = board.participants[0].id;
    // Ana's three dots went to a moment no divergence holds any more.
    board.voting.votes.push(retroline::model::Vote {
        participant: ana,
        target: retroline::model::VoteTarget::Divergence(at("2026-03-14T05:00:00+01:00")),
        dots: 3,
    });
    for phase in &mut board.agenda {
        phase.started = Some(at("2026-03-20T10:00:00+01:00"));
        phase.ended = Some(at("2026-03-20T10:01:00+01:00"));
    }
    let mut h = harness(board);
    h.get_by_label_contains("Meeting").click();
    h.run();
    choose_voter(&mut h, "Ana Lima");
    h.get_by_label("3 votes went to a divergence that is gone since");
    h.get_by_label("3 of 3 votes left");
    h.get_by_label("Give them back").click();
    h.run();
    assert!(h.state().board().voting.votes.is_empty());

    // Every phase ran: Next does not start the meeting over and wipe its record.
    let record = h.state().board().agenda.clone();
    ctrl_shift(&mut h, Key::N);
    assert_eq!(h.state().board().agenda, record);
    h.get_by_label_contains("The meeting is over: every phase has run");
}
