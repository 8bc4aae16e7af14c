//! Prints how much memory undo keeps after 100 edits on the generated L board (3,000 events,
//! 30,000 feelings), measured by counting the heap this process holds, and how long an edit takes.
//!
//! `cargo bench --bench undo` (a release build).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use retroline::doc::{Document, Edit, NewFeeling};
use retroline::generate::{self, Size};
use retroline::model::Moment;

/// The system allocator, counting the bytes held.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged; only a counter is added.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        HELD.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: as the caller promised for `layout`.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` with this `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        HELD.fetch_add(new_size, Ordering::Relaxed);
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as the caller promised for `ptr`, `layout` and `new_size`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn main() {
    let board = generate::board(Size::L, 1);
    println!(
        "undo on the L board: {} events, {} participants, {} feelings",
        board.events.len(),
        board.participants.len(),
        board.feelings.len()
    );
    let held_board = HELD.load(Ordering::Relaxed);
    let mut doc = Document::new(board, None, None);
    let after_open = HELD.load(Ordering::Relaxed);
    let events: Vec<_> = doc
        .board()
        .events
        .iter()
        .map(|e| (e.id, e.lane, e.time))
        .collect();
    let people: Vec<_> = doc.board().participants.iter().map(|p| p.id).collect();
    let mut took = Vec::new();
    for i in 0..100 {
        let (id, lane, time) = events[(i * 31) % events.len()];
        let later = Moment::from_unix_seconds_f64(time.unix_seconds_f64() + 60.0, time.offset())
            .unwrap_or(time);
        // A mix of what a meeting does: move cards, submit a line, type a title.
        let edit = match i % 3 {
            0 => Edit::MoveEvent {
                id,
                lane,
                time: later,
            },
            1 => Edit::ReplaceLine {
                participant: people[i % people.len()],
                feelings: (0..6)
                    .map(|k| NewFeeling {
                        time: Moment::from_unix_seconds_f64(
                            time.unix_seconds_f64() + f64::from(k) * 600.0,
                            time.offset(),
                        )
                        .unwrap_or(time),
                        valence: f64::from(k) - 2.5,
                        emotion: String::new(),
                        note: String::new(),
                    })
                    .collect(),
            },
            _ => Edit::SetTitle(format!("Sprint review, take {i}")),
        };
        let start = Instant::now();
        if let Err(err) = doc.apply(edit) {
            eprintln!("edit {i} refused: {err}");
            std::process::exit(1);
        }
        took.push(start.elapsed());
    }
    let after_edits = HELD.load(Ordering::Relaxed);
    took.sort();
    println!(
        "board in memory (before the document)       {:>8.1} MiB",
        mib(held_board)
    );
    println!(
        "document opened (board, saved copy, derived) {:>8.1} MiB",
        mib(after_open - held_board)
    );
    println!(
        "kept for undo after 100 edits               {:>8.1} MiB (target < 200 MiB)",
        mib(after_edits.saturating_sub(after_open))
    );
    println!(
        "  the history's own estimate                {:>8.1} MiB, {} steps",
        mib(doc.history().bytes()),
        doc.history().len()
    );
    println!(
        "one edit, median (validate, snapshot, divergences) {:>6.2} ms",
        took[took.len() / 2].as_secs_f64() * 1000.0
    );
    let start = Instant::now();
    let mut undone = 0;
    while doc.undo().is_some() {
        undone += 1;
    }
    println!(
        "undo all {undone} steps                          {:>8.2} ms each",
        start.elapsed().as_secs_f64() * 1000.0 / f64::from(undone.max(1))
    );
}
