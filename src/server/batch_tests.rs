//! What a participant is told is what the board holds: a submission withdrawn after its sender
//! stopped waiting is never applied, one taken is waited for, a failed write takes the batch
//! back, and a retry with the same secret is the same line again.

use std::sync::mpsc;
use std::time::Duration;

use super::submission::Outcome;
use super::*;
use crate::doc::tests::feeling;
use crate::doc::{Document, Entry};
use crate::model::Board;

fn line(valence: f64) -> Entry {
    Entry::Line(vec![feeling("2026-03-14T02:00:00Z", valence)].into())
}

fn kept(_: &mut Document) -> Result<(), String> {
    Ok(())
}

#[test]
fn a_submission_its_sender_gave_up_on_is_never_applied() {
    let mut doc = Document::new(Board::new("Retro"), None, None);
    let mut round = Round::default();
    let (submission, waiting) = Submission::new("Ana".into(), line(3.0), None);
    // Nobody took it in time: the sender is told nothing was stored…
    assert!(matches!(
        waiting.outcome(Duration::from_millis(5), Duration::from_secs(5)),
        Outcome::NotTaken
    ));
    // …and so it is: the owner finds it withdrawn.
    let batch = apply_batch(&mut round, &mut doc, vec![submission], kept);
    assert!(batch.accepted.is_empty() && batch.refused.is_empty());
    assert!(doc.board().participants.is_empty());
    assert!(round.submitted.is_empty());
}

#[test]
fn a_submission_taken_in_time_is_answered_with_its_outcome_however_long_keeping_takes() {
    let (submission, waiting) = Submission::new("Ana".into(), line(3.0), None);
    let (taken, is_taken) = mpsc::channel();
    let owner = std::thread::spawn(move || {
        let mut doc = Document::new(Board::new("Retro"), None, None);
        let mut round = Round::default();
        apply_batch(&mut round, &mut doc, vec![submission], |_| {
            let _ = taken.send(());
            std::thread::sleep(Duration::from_millis(100));
            Ok(())
        });
        doc
    });
    is_taken.recv().expect("taken");
    // The first wait is long over; a taken submission is not withdrawn but waited for.
    let outcome = waiting.outcome(Duration::ZERO, Duration::from_secs(30));
    let doc = owner.join().expect("owner");
    assert!(matches!(outcome, Outcome::Done(Ok(_))));
    assert_eq!(doc.board().participants.len(), 1);
}

#[test]
fn a_batch_that_cannot_be_kept_is_taken_back_and_a_retry_with_the_secret_goes_through() {
    let mut doc = Document::new(Board::new("Retro"), None, None);
    let mut round = Round::default();
    let secret = round.take(&mut doc, "Ana", line(3.0), None).expect("Ana");
    let before = doc.board().clone();
    let (change, ana) = Submission::new("Ana".into(), line(-2.0), Some(secret.clone()));
    let (new, ben) = Submission::new("Ben".into(), line(1.0), None);
    let batch = apply_batch(&mut round, &mut doc, vec![change, new], |_| {
        Err("the disk is full".to_owned())
    });
    assert_eq!(batch.not_kept.as_deref(), Some("the disk is full"));
    assert_eq!(*doc.board(), before, "nothing of the batch stays");
    assert_eq!(round.submitted.len(), 1);
    for waiting in [ana, ben] {
        match waiting.outcome(Duration::from_secs(1), Duration::from_secs(1)) {
            Outcome::Done(Err(why)) => {
                assert_eq!(why.status(), 503);
                assert!(why.to_string().contains("could not be saved"), "{why}");
            }
            _ => panic!("not told that it was not saved"),
        }
    }
    // Ana's claim was kept as it was: her retry with her secret is taken.
    let again = round.take(&mut doc, "Ana", line(-2.0), Some(&secret));
    assert_eq!(again.ok(), Some(secret));
    assert_eq!(doc.board().feelings[0].valence, -2.0);
}

#[test]
fn a_retry_with_the_same_secret_is_the_same_line_again() {
    let mut doc = Document::new(Board::new("Retro"), None, None);
    let mut round = Round::default();
    let mine = "c0ffee00c0ffee00c0ffee00c0ffee00";
    // The page makes its secret before it sends, so an answer lost on the way does not matter.
    assert_eq!(
        round.take(&mut doc, "Ana", line(3.0), Some(mine)).ok(),
        Some(mine.to_owned())
    );
    let (board, steps) = (doc.board().clone(), doc.history().len());
    assert_eq!(
        round.take(&mut doc, "Ana", line(3.0), Some(mine)).ok(),
        Some(mine.to_owned())
    );
    assert_eq!(*doc.board(), board);
    assert_eq!(doc.history().len(), steps, "no empty undo step");
    // A secret too short to be one is not kept for anyone.
    let weak = round.take(&mut doc, "Ben", line(1.0), Some("1234"));
    assert_eq!(weak.err().map(|e| e.status()), Some(400));
}

#[test]
fn claims_outlive_the_round_and_the_process_in_the_board() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("retro.ron");
    let mut doc = Document::new(Board::new("Retro"), None, None);
    let secret = Round::default()
        .take(&mut doc, "Ana", line(3.0), None)
        .expect("Ana");
    doc.save_to(&path).expect("saved");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(
        !text.contains(&secret),
        "the secret itself is never written"
    );
    // A new round, as after a restart: only the secret changes Ana's line.
    let mut doc = Document::open(&path).expect("opened");
    let mut round = Round::default();
    let stranger = round.take(&mut doc, "ana", line(-5.0), None);
    assert_eq!(stranger.err().map(|e| e.status()), Some(403));
    round
        .take(&mut doc, "Ana", line(-1.0), Some(&secret))
        .expect("her own secret");
    assert_eq!(doc.board().feelings[0].valence, -1.0);
}
