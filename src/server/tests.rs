//! The server's checks and the round's rules, without a network.

use super::round::same_secret;
use super::submission::parse_votes;
use super::*;
use crate::doc::Document;
use crate::doc::tests::{at, feeling};
use crate::model::{Board, VoteTarget};

#[test]
fn tokens_are_128_bits_of_hex_and_differ() {
    let a = new_token().expect("random");
    let b = new_token().expect("random");
    assert_eq!(a.len(), 32);
    assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
    assert_ne!(a, b);
    assert!(same_secret(&a, &a.clone()));
    assert!(!same_secret(&a, &b));
    assert!(!same_secret(&a, &a[..31]));
}

#[test]
fn a_submission_is_checked_before_it_reaches_the_board() {
    let good = br#"{"participant":" Ana ","feelings":[{"time":"2026-03-14T03:00:00Z","valence":2.5,"emotion":"relieved"},{"time":"2026-03-14T02:00:00Z","valence":-1}]}"#;
    let (name, line, secret) = parse_submission(good).expect("valid");
    let feelings = line.feelings;
    assert!(!line.anonymous, "not asked");
    assert_eq!(name, "Ana");
    assert_eq!(secret, None);
    assert_eq!(feelings.len(), 2);
    assert!(
        feelings[0].time.unix_nanos() < feelings[1].time.unix_nanos(),
        "sorted by time"
    );
    for (bad, why) in [
        (&b"[]"[..], "not valid JSON"),
        (br#"{"participant":"","feelings":[]}"#, "needs a name"),
        (br#"{"participant":"A\u0007","feelings":[]}"#, "no control"),
        (
            br#"{"participant":"A","feelings":[{"time":"2026-03-14T03:00:00Z","valence":"NaN"}]}"#,
            "not valid JSON",
        ),
        (
            br#"{"participant":"A","feelings":[{"time":"2026-03-14T03:00:00Z","valence":-5.01}]}"#,
            "from -5 to 5",
        ),
        (
            br#"{"participant":"A","feelings":[{"time":"1899-12-31T23:00:00Z","valence":1}]}"#,
            "between the years",
        ),
        (
            br#"{"participant":"A","feelings":[{"time":"yesterday","valence":1}]}"#,
            "feeling 1",
        ),
    ] {
        let err = parse_submission(bad).expect_err(why).to_string();
        assert!(err.contains(why), "{err}");
    }
    let many = format!(
        r#"{{"participant":"A","feelings":[{}]}}"#,
        vec![r#"{"time":"2026-03-14T03:00:00Z","valence":1}"#; MAX_LINE + 1].join(",")
    );
    assert!(parse_submission(many.as_bytes()).is_err());
}

#[test]
fn only_the_first_device_of_a_name_can_change_its_line() {
    let mut doc = Document::new(Board::new("Retro"), None, None);
    let mut round = Round::default();
    let line = || vec![feeling("2026-03-14T02:00:00Z", 3.0)];
    let secret = round.accept(&mut doc, "Ana", line(), None).expect("first");
    assert_eq!(doc.board().participants.len(), 1);
    let steps = doc.history().len();
    assert_eq!(steps, 1, "one submission, one undo step");
    let err = round
        .accept(&mut doc, "ana", line(), None)
        .expect_err("no secret");
    assert_eq!(err.status(), 403);
    let err = round
        .accept(&mut doc, "Ana", line(), Some("0123"))
        .expect_err("wrong secret");
    assert_eq!(err.status(), 403);
    let again = round
        .accept(
            &mut doc,
            "ANA",
            vec![feeling("2026-03-14T02:00:00Z", -2.0)],
            Some(&secret),
        )
        .expect("own secret");
    assert_eq!(again, secret);
    assert_eq!(doc.board().feelings.len(), 1);
    assert_eq!(doc.board().feelings[0].valence, -2.0);
    round.locked = true;
    let err = round
        .accept(&mut doc, "Ben", line(), None)
        .expect_err("locked");
    assert_eq!(err.status(), 403);
    round.locked = false;
    round.open = false;
    let err = round
        .accept(&mut doc, "Ben", line(), None)
        .expect_err("closed");
    assert_eq!(err.status(), 403);
    assert_eq!(doc.board().participants.len(), 1);
    assert_eq!(round.submitted.len(), 1);
}

#[test]
fn board_json_lists_events_in_time_order_with_their_lanes() {
    let mut board = Board::new("<b>Retro</b>");
    let lane = board.lanes[1].id;
    board.add_event(at("2026-03-14T03:00:00+01:00"), "Later", lane, "");
    board.add_event(
        at("2026-03-14T02:00:00+01:00"),
        "<img src=x onerror=alert(1)>",
        lane,
        "",
    );
    board.add_participant("Ana");
    let json: serde_json::Value =
        serde_json::from_slice(&board_json(&board, &Round::default())).expect("JSON");
    assert_eq!(json["title"], "<b>Retro</b>");
    assert_eq!(json["events"][0]["title"], "<img src=x onerror=alert(1)>");
    assert_eq!(json["events"][0]["time"], "2026-03-14T02:00:00+01:00");
    assert_eq!(json["events"][1]["title"], "Later");
    assert_eq!(json["events"][0]["lane"], board.lanes[1].name);
    assert_eq!(json["participants"][0]["name"], "Ana");
    assert_eq!(json["round"]["open"], true);
}

#[test]
fn the_offline_form_carries_the_board_as_inert_data_and_loads_nothing() {
    let mut board = Board::new("Retro </script><script>alert(1)</script>");
    let lane = board.lanes[0].id;
    board.add_event(
        at("2026-03-14T02:00:00+01:00"),
        "<img src=x onerror=alert(1)>",
        lane,
        "&amp;",
    );
    let page = form::page(&board);
    // One script element for the data, one for the page's own code: nothing from the board
    // can close either.
    assert_eq!(page.matches("<script").count(), 2, "{page}");
    assert_eq!(page.matches("</script>").count(), 2);
    assert!(page.contains("\\u003cimg src=x onerror=alert(1)\\u003e"));
    assert!(!page.contains("<img"));
    assert!(page.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    // The SVG namespace is a name, not an address anything is loaded from.
    let page = page.replace("http://www.w3.org/2000/svg", "");
    for external in ["src=\"", "href=\"", "url(", "http://", "https://"] {
        assert!(!page.contains(external), "the form refers to {external}");
    }
}

/// A board whose offline form has a key, and an answer signed as its form signs them.
fn form_board() -> Board {
    let mut board = Board::new("Retro");
    board.round.form_key = form::new_key().expect("a key");
    board
}

fn signed(board: &Board, json: &str) -> String {
    use base64::Engine;
    let id = form::page(board)
        .split("data-form=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the form names its key")
        .to_owned();
    let json = json.replace("FORM", &id);
    format!(
        "{}{}.{}",
        form::ANSWER_PREFIX,
        base64::engine::general_purpose::STANDARD.encode(&json),
        form::sign(&board.round.form_key, json.as_bytes()).expect("signed")
    )
}

#[test]
fn answers_are_found_in_a_chat_paste_and_checked_like_submissions() {
    let board = form_board();
    let ana = signed(
        &board,
        r#"{"board":"Retro","form":"FORM","participant":"Ana","feelings":[{"time":"2026-03-14T02:00:00Z","valence":-2.5,"emotion":"tired"}],"secret":"0123456789abcdef0123"}"#,
    );
    let bad = signed(
        &board,
        r#"{"form":"FORM","participant":"Ben","feelings":[{"time":"2026-03-14T02:00:00Z","valence":9}]}"#,
    );
    // Chats wrap long lines.
    let wrapped = format!("{}\n{}", &ana[..40], &ana[40..]);
    let chat = format!(
        "[10:02] Ana: here you go {wrapped}\n[10:03] Ben: {bad}\n[10:04] Cleo: retroline-answer:%%%"
    );
    let (found, problems) = form::answers(&chat, &board);
    assert_eq!(found.len(), 1, "{problems:?}");
    assert_eq!(found[0].participant, "Ana");
    assert_eq!(found[0].feelings[0].valence, -2.5);
    assert_eq!(found[0].feelings[0].emotion, "tired");
    assert_eq!(found[0].secret.as_deref(), Some("0123456789abcdef0123"));
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0]
            .to_string()
            .starts_with("answer 2: feeling 1: the valence"),
        "{problems:?}"
    );
    assert!(
        problems[1].to_string().starts_with("answer 3"),
        "{problems:?}"
    );
    let (found, problems) = form::answers("nothing here", &board);
    assert!(found.is_empty() && problems.is_empty());
}

#[test]
fn a_changed_cut_unsigned_or_foreign_answer_is_named_and_adds_nothing() {
    use base64::Engine;
    let board = form_board();
    let json = r#"{"form":"FORM","participant":"Ana","feelings":[{"time":"2026-03-14T02:00:00Z","valence":3}]}"#;
    let good = signed(&board, json);
    // One character of the answer changed: a valence of 3 made 4.
    let (body, mac) = good[form::ANSWER_PREFIX.len()..]
        .split_once('.')
        .expect("signed");
    let text = String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(body)
            .expect("base64"),
    )
    .expect("utf-8");
    let changed = format!(
        "{}{}.{mac}",
        form::ANSWER_PREFIX,
        base64::engine::general_purpose::STANDARD
            .encode(text.replace("\"valence\":3", "\"valence\":4"))
    );
    let cut = good[..good.len() - 10].to_owned();
    let unsigned = format!("{}{body}", form::ANSWER_PREFIX);
    let other = signed(&form_board(), json);
    for (answer, says) in [
        (changed, "is cut or changed"),
        (cut, "is cut or changed"),
        (unsigned, "is not signed"),
        (other, "was made with the form of another board"),
    ] {
        let (found, problems) = form::answers(&answer, &board);
        assert!(found.is_empty(), "{answer} was taken");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].to_string().contains(says), "{}", problems[0]);
    }
    let (found, problems) = form::answers(&good, &board);
    assert_eq!((found.len(), problems.len()), (1, 0), "{problems:?}");
    // A board that never made a form takes no answer.
    let (found, problems) = form::answers(&good, &Board::new("Retro"));
    assert!(found.is_empty());
    assert!(problems[0].to_string().contains("another board"));
}

#[test]
fn a_port_in_use_is_said_plainly() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let addr = taken.local_addr().expect("address");
    let err = Server::start(addr, &Board::new("Retro"), &Round::default(), || {})
        .err()
        .expect("refused");
    assert_eq!(
        err.to_string(),
        format!("cannot listen on {addr}: the port is taken by another program")
    );
}

#[test]
fn a_server_started_again_with_the_last_token_and_port_has_the_same_link() {
    let loopback: std::net::SocketAddr = "127.0.0.1:0".parse().expect("address");
    let board = Board::new("Retro");
    let mut first = Server::start(loopback, &board, &Round::default(), || {}).expect("a server");
    let (token, port, urls) = (
        first.token().to_owned(),
        first.local_addr().port(),
        first.join_urls(),
    );
    first.stop();
    let again = std::net::SocketAddr::new(loopback.ip(), port);
    let second = Server::start_with(again, token.clone(), &board, &Round::for_votes(), || {})
        .expect("the same port again");
    assert_eq!(second.join_urls(), urls);
    // Never a token that is short or not hex.
    for bad in ["", "abc", "zz000000000000000000000000000000", "/j/../.."] {
        assert!(matches!(
            Server::start_with(loopback, bad.to_owned(), &board, &Round::default(), || {}),
            Err(StartError::BadToken)
        ));
    }
}

fn board_with_an_event() -> Board {
    let mut board = Board::new("Retro");
    let lane = board.lanes[0].id;
    board.add_event(at("2026-03-14T02:00:00+01:00"), "Alert", lane, "");
    board.add_event(at("2026-03-14T04:00:00+01:00"), "All clear", lane, "");
    board
}

#[test]
fn a_submission_keeps_to_the_board_time_and_offset() {
    let mut doc = Document::new(board_with_an_event(), None, None);
    let mut round = Round::default();
    // Far outside the board's time: refused, nothing changes.
    let err = round
        .accept(
            &mut doc,
            "Max",
            vec![feeling("1900-01-01T00:00:00Z", 5.0)],
            None,
        )
        .expect_err("far away");
    assert_eq!(err.status(), 400);
    assert!(doc.board().participants.is_empty());
    // From another time zone: the same instant, in the board's offset.
    round
        .accept(
            &mut doc,
            "Ana",
            vec![feeling("2026-03-14T06:30:00+05:30", 2.0)],
            None,
        )
        .expect("accepted");
    let f = &doc.board().feelings[0];
    assert_eq!(f.time.to_rfc3339(), "2026-03-14T02:00:00+01:00");
}

#[test]
fn a_line_entered_before_the_round_is_not_wiped_by_whoever_claims_the_name() {
    let mut board = board_with_an_event();
    let chidi = board.add_participant("Chidi Obi");
    board.add_feeling(chidi, at("2026-03-14T02:00:00+01:00"), 3.0, "", "");
    board.add_participant("Dana");
    let mut doc = Document::new(board, None, None);
    let mut round = Round::default();
    let err = round
        .accept(&mut doc, "chidi obi", vec![], None)
        .expect_err("someone else's line");
    assert_eq!(err.status(), 409);
    assert_eq!(doc.board().feelings.len(), 1);
    // A listed name with no line yet is free to take.
    round
        .accept(
            &mut doc,
            "Dana",
            vec![feeling("2026-03-14T03:00:00+01:00", -1.0)],
            None,
        )
        .expect("Dana's first line");
}

#[test]
fn names_that_could_pass_for_someone_else_are_refused() {
    for name in [
        "Ana\u{200B} Lima",
        "\u{202E}amiL anA",
        "\u{FEFF}Ana",
        "Ana\u{00AD}Lima",
    ] {
        let body = serde_json::json!({ "participant": name, "feelings": [] }).to_string();
        let err = parse_submission(body.as_bytes())
            .expect_err(name)
            .to_string();
        assert!(err.contains("invisible"), "{err}");
    }
    let body = serde_json::json!({
        "participant": "Ana",
        "feelings": [{"time": "2026-03-14T02:00:00Z", "valence": 1, "emotion": "sad\u{1b}[31m"}]
    })
    .to_string();
    assert!(
        parse_submission(body.as_bytes()).is_err(),
        "terminal escapes in a word"
    );
}

#[test]
fn votes_are_checked_before_they_reach_the_board() {
    let good = br#"{"participant":" Ana ","votes":[{"target":"e:3","dots":2},{"target":"d:1773450000","dots":1}]}"#;
    let (name, votes, secret) = parse_votes(good).expect("valid");
    assert_eq!(name, "Ana");
    assert_eq!(secret, None);
    assert_eq!(votes.len(), 2);
    assert_eq!(votes[0], (VoteTarget::Event(crate::model::EventId(3)), 2));
    for (bad, why) in [
        (
            &br#"{"participant":"Ana","votes":[{"target":"x:1","dots":1}]}"#[..],
            "not a target",
        ),
        (
            br#"{"participant":"Ana","votes":[{"target":"e:-1","dots":1}]}"#,
            "not a target",
        ),
        (
            br#"{"participant":"Ana","votes":[{"target":"d:99999999999999","dots":1}]}"#,
            "not a target",
        ),
        (
            br#"{"participant":"Ana","votes":[{"target":"e:1","dots":51}]}"#,
            "too many dots",
        ),
        (
            br#"{"participant":"Ana","votes":[{"target":"e:1","dots":-1}]}"#,
            "not valid JSON",
        ),
        (br#"{"participant":"A\u200b","votes":[]}"#, "your name"),
        (
            br#"{"participant":"Ana","votes":[],"extra":1}"#,
            "not valid JSON",
        ),
    ] {
        let err = parse_votes(bad).expect_err(why).to_string();
        assert!(err.contains(why), "{err}");
    }
    let many = format!(
        r#"{{"participant":"A","votes":[{}]}}"#,
        vec![r#"{"target":"e:1","dots":0}"#; MAX_VOTE_TARGETS + 1].join(",")
    );
    assert!(parse_votes(many.as_bytes()).is_err());
}

/// Sends `head` (request line and headers, without the blank line) and `body` to `addr`, reads
/// the answer to its end (the server closes every connection); the status and the body.
fn exchange(addr: std::net::SocketAddr, head: &str, body: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).expect("connect to loopback");
    s.set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .expect("timeout");
    write!(
        s,
        "{head}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("send");
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

fn loopback_server() -> Server {
    let bind = "127.0.0.1:0".parse().expect("address");
    Server::start(bind, &board_with_an_event(), &Round::default(), || {}).expect("a server")
}

#[test]
fn only_the_addresses_the_server_shows_are_taken_as_host() {
    let server = loopback_server();
    let (addr, token) = (server.local_addr(), server.token().to_owned());
    let port = addr.port();
    let get = |host: Option<&str>| {
        let host = host.map(|h| format!("\r\nHost: {h}")).unwrap_or_default();
        exchange(
            addr,
            &format!("GET /j/{token}/board.json HTTP/1.1{host}"),
            "",
        )
    };
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let (status, body) = get(Some(&host));
        assert_eq!(status, 200, "{host}: {body}");
        assert!(body.contains("\"events\""), "{body}");
    }
    for host in [
        "evil.example".to_owned(),
        format!("evil.example:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        "127.0.0.1".to_owned(),
        String::new(),
    ] {
        let (status, body) = get(Some(&host));
        assert_eq!(status, 421, "{host}: {body}");
        assert!(body.contains("\"error\""), "{body}");
        assert!(!body.contains(&token) && !body.contains("Alert"), "{body}");
    }
    let (status, body) = get(None);
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("no Host"), "{body}");
    // Before the token: a wrong Host with a wrong token is told about the Host.
    let (status, _) = exchange(
        addr,
        "GET /j/0123/board.json HTTP/1.1\r\nHost: evil.example",
        "",
    );
    assert_eq!(status, 421);
    // The page is built once with its token in it, and shared.
    let (status, page) = exchange(
        addr,
        &format!("GET /j/{token} HTTP/1.1\r\nHost: 127.0.0.1:{port}"),
        "",
    );
    assert_eq!(status, 200);
    assert!(page.contains(&format!("/j/{token}/app.js")), "{page}");
}

#[test]
fn a_post_from_another_site_or_not_in_json_is_refused() {
    let server = loopback_server();
    let (addr, token) = (server.local_addr(), server.token().to_owned());
    let port = addr.port();
    let body = r#"{"participant":"Ana","feelings":"#; // reaches the JSON check only if let in
    let post = |headers: &str| {
        exchange(
            addr,
            &format!("POST /j/{token}/feelings HTTP/1.1\r\nHost: 127.0.0.1:{port}{headers}"),
            body,
        )
    };
    let json = "\r\nContent-Type: application/json";
    for (headers, wanted) in [
        (format!("{json}\r\nOrigin: http://evil.example"), 403),
        (
            format!("{json}\r\nOrigin: http://127.0.0.1:{port}.evil.example"),
            403,
        ),
        (format!("{json}\r\nOrigin: https://127.0.0.1:{port}"), 403),
        (format!("{json}\r\nOrigin: null"), 403),
        (format!("{json}\r\nSec-Fetch-Site: cross-site"), 403),
        ("\r\nContent-Type: text/plain".to_owned(), 415),
        (
            "\r\nContent-Type: application/x-www-form-urlencoded".to_owned(),
            415,
        ),
        ("\r\nContent-Type: application/jsonp".to_owned(), 415),
        (String::new(), 415),
        // Its own page, a script, with parameters: let in, to be told the JSON is broken.
        (
            format!("{json}\r\nOrigin: http://127.0.0.1:{port}\r\nSec-Fetch-Site: same-origin"),
            400,
        ),
        (format!("{json}\r\nOrigin: http://localhost:{port}"), 400),
        (json.to_owned(), 400),
        (
            "\r\nContent-Type: Application/JSON; charset=utf-8".to_owned(),
            400,
        ),
    ] {
        let (status, answer) = post(&headers);
        assert_eq!(status, wanted, "{headers:?}: {answer}");
        assert!(answer.contains("\"error\""), "{answer}");
        if wanted == 400 {
            assert!(answer.contains("not valid JSON"), "{headers:?}: {answer}");
        }
    }
    assert!(server.pending().is_empty(), "nothing reached the owner");
}

#[test]
fn answers_in_flight_are_capped_and_a_shared_body_counts_once() {
    use super::http::Body;
    use super::inflight::InFlight;
    let budget = InFlight::new(100);
    let board = Arc::new(vec![0u8; 80]);
    let first = budget
        .admit(&Body::Shared(Arc::clone(&board)))
        .expect("fits");
    let second = budget
        .admit(&Body::Shared(Arc::clone(&board)))
        .expect("the same bytes");
    assert_eq!(budget.in_flight(), 80);
    assert!(budget.admit(&Body::Owned(vec![0; 30])).is_none(), "over");
    assert!(
        budget.admit(&Body::Static(&[0; 30])).is_some(),
        "compiled in"
    );
    let small = budget.admit(&Body::Owned(vec![0; 20])).expect("fits");
    assert_eq!(budget.in_flight(), 100);
    drop((first, small));
    assert_eq!(budget.in_flight(), 80, "still sent once");
    drop(second);
    assert_eq!(budget.in_flight(), 0);
    // A body bigger than the budget goes alone, never alongside another.
    let big = budget.admit(&Body::Owned(vec![0; 500])).expect("alone");
    assert!(budget.admit(&Body::Owned(vec![0; 1])).is_none());
    drop(big);
    assert_eq!(budget.in_flight(), 0);
}
