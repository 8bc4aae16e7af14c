use super::*;
use crate::model::{CarriedAction, Review};

fn at(text: &str) -> Moment {
    Moment::parse_rfc3339(text).expect("a moment")
}

/// A board on `day` of March 2026 with two people's lines.
fn board(title: &str, day: u32, follows: Option<(&str, &str)>) -> Board {
    let mut b = Board::new(title);
    let ana = b.add_participant("Ana");
    let ben = b.add_participant("Ben");
    let t = |h: u32| at(&format!("2026-03-{day:02}T{h:02}:00:00Z"));
    b.add_feeling(ana, t(9), 4.0, " Scared ", "");
    b.add_feeling(ana, t(11), -2.0, "scared", "");
    b.add_feeling(ben, t(10), -3.0, "Calm", "");
    b.add_feeling(ben, t(12), 1.0, "", "");
    let lane = b.lanes[0].id;
    b.add_event(t(9), "Deploy", lane, "");
    b.follows = follows.map(|(file, title)| Follows {
        file: file.into(),
        title: title.into(),
    });
    b
}

#[test]
fn the_mean_and_spread_are_as_documented() {
    let b = board("One", 2, None);
    let t = BoardTrend::of("one.ron", &b);
    assert_eq!(t.mean_feeling, Some(0.0));
    // 09:00 Ana alone; 10:00 Ana 1, Ben −3: 4; 11:00 Ana −2, Ben −1: 1; 12:00 Ben alone.
    assert_eq!(t.spread, Some(2.5));
    assert_eq!(t.people, 2);
    assert_eq!(t.time, Some(at("2026-03-02T09:00:00Z")));
    assert_eq!(t.trust.mean, None);
    assert!(t.divergences >= 1);
}

#[test]
fn chains_follow_file_names_then_titles_and_are_named() {
    let a = board("Sprint 40", 2, None);
    let b = board("Sprint 41", 9, Some(("s40.ron", "ignored")));
    let c = board("Sprint 42", 16, Some(("gone.ron", "Sprint 41")));
    let lone = board("Other", 5, None);
    let trends = Trends::of_boards([
        ("s42.ron", &c),
        ("s40.ron", &a),
        ("other.ron", &lone),
        ("s41.ron", &b),
    ]);
    let files: Vec<&str> = trends.boards.iter().map(|b| b.file.as_str()).collect();
    assert_eq!(files, ["s40.ron", "other.ron", "s41.ron", "s42.ron"]);
    assert_eq!(trends.chains.len(), 1);
    assert_eq!(trends.chains[0].name, "Sprint 40 to Sprint 42 (3 boards)");
    assert_eq!(trends.chains[0].files, ["s40.ron", "s41.ron", "s42.ron"]);
    assert_eq!(trends.boards[1].chain, None);
    assert_eq!(trends.boards[3].chain, Some(0));
}

#[test]
fn a_board_never_follows_a_later_one() {
    let a = board("A", 9, Some(("b.ron", "B")));
    let b = board("B", 2, Some(("a.ron", "A")));
    let trends = Trends::of_boards([("a.ron", &a), ("b.ron", &b)]);
    assert_eq!(trends.chains.len(), 1);
    assert_eq!(trends.chains[0].files, ["b.ron", "a.ron"]);
}

#[test]
fn carried_items_are_matched_by_text_and_owner_and_timed_from_their_first_board() {
    let mut a = board("A", 2, None);
    a.action_items.push(crate::model::ActionItem {
        id: crate::model::ActionId(1),
        text: "Fix the pager".into(),
        owner: "Ana".into(),
        due: None,
        done_when: String::new(),
        status: crate::model::ActionStatus::Open,
        links: Vec::new(),
    });
    let carried = |review| CarriedAction {
        text: "fix the  PAGER".into(),
        owner: "ana".into(),
        due: None,
        done_when: String::new(),
        from: "A".into(),
        review,
        note: String::new(),
    };
    let mut b = board("B", 9, None);
    b.carried.push(carried(Review::StillOpen));
    let mut c = board("C", 16, None);
    c.carried.push(carried(Review::Done));
    let trends = Trends::of_boards([("a.ron", &a), ("b.ron", &b), ("c.ron", &c)]);
    assert_eq!(trends.carried_items.len(), 1);
    let item = &trends.carried_items[0];
    assert_eq!(item.boards_carried, 2);
    assert_eq!(item.first_board, "A");
    assert_eq!(item.days_open, Some(14.0));
    assert_eq!(item.status, "done");
    assert_eq!(trends.boards[2].carried.done, 1);
}

#[test]
fn words_are_folded_and_lanes_need_two_boards() {
    let a = board("A", 2, None);
    let b = board("B", 9, None);
    let trends = Trends::of_boards([("a.ron", &a), ("b.ron", &b)]);
    assert_eq!(
        trends.emotions,
        [
            WordCount {
                word: "scared".into(),
                count: 4
            },
            WordCount {
                word: "calm".into(),
                count: 2
            }
        ]
    );
    assert_eq!(trends.lanes.len(), 1);
    assert_eq!(trends.lanes[0].boards, 2);
    assert_eq!(trends.lanes[0].events, 2);
    let only = Trends::of_boards([("a.ron", &a)]);
    assert!(only.lanes.is_empty());
}

#[test]
fn an_empty_board_has_no_numbers_and_its_agenda_gives_its_time() {
    let mut b = Board::new("Empty");
    assert_eq!(BoardTrend::of("e.ron", &b).time, None);
    b.agenda[2].started = Some(at("2026-03-02T10:00:00Z"));
    b.agenda[1].started = Some(at("2026-03-02T09:00:00Z"));
    let t = BoardTrend::of("e.ron", &b);
    assert_eq!(t.time, Some(at("2026-03-02T09:00:00Z")));
    assert_eq!((t.mean_feeling, t.spread, t.divergences), (None, None, 0));
}
