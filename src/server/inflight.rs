//! How many bytes of answers are being written at once, server-wide, so that slow readers cannot
//! make the process hold more than [`MAX_IN_FLIGHT`] of them: a body shared between answers
//! (`board.json` of one revision, the page) counts once however many connections send it, an
//! owned body counts its length, a body compiled into the program counts nothing.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use super::http::Body;

/// The most bytes of answers in flight at once: 256 MiB. A body bigger than that on its own (a
/// `board.json` of a board far over the 64 MiB a board file can be) is still sent when nothing
/// else is in flight, so the bound is this or the largest single body, whichever is larger.
pub const MAX_IN_FLIGHT: usize = 256 * 1024 * 1024;

/// The budget of bytes in flight, shared by every connection of one server.
pub struct InFlight {
    cap: usize,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Bytes counted now.
    total: usize,
    /// Each shared body being sent (by its address) and by how many connections.
    shared: HashMap<usize, usize>,
}

/// A body admitted into the budget; its bytes leave the budget when it is dropped. It holds the
/// shared body itself, so that the address it is counted under stays that body's meanwhile.
pub struct Ticket<'a> {
    budget: &'a InFlight,
    counted: Counted,
}

enum Counted {
    Owned(usize),
    Shared(Arc<Vec<u8>>),
}

impl InFlight {
    pub fn new(cap: usize) -> Self {
        Self {
            cap,
            state: Mutex::new(State::default()),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while counting cannot leave the numbers half-changed: take them as they are.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Admits `body` if it fits in what is left (or nothing else is in flight); `None` when the
    /// server is too busy for it.
    pub fn admit(&self, body: &Body) -> Option<Ticket<'_>> {
        let mut state = self.state();
        let idle = state.total == 0;
        let counted = match body {
            Body::Static(_) => Counted::Owned(0),
            Body::Owned(bytes) => {
                let len = bytes.len();
                if !idle && state.total.saturating_add(len) > self.cap {
                    return None;
                }
                state.total = state.total.saturating_add(len);
                Counted::Owned(len)
            }
            Body::Shared(bytes) => {
                let key = Arc::as_ptr(bytes) as usize;
                let len = bytes.len();
                if let Some(senders) = state.shared.get_mut(&key) {
                    *senders += 1;
                } else {
                    if !idle && state.total.saturating_add(len) > self.cap {
                        return None;
                    }
                    state.total = state.total.saturating_add(len);
                    state.shared.insert(key, 1);
                }
                Counted::Shared(Arc::clone(bytes))
            }
        };
        Some(Ticket {
            budget: self,
            counted,
        })
    }

    /// The bytes counted now.
    #[cfg(test)]
    pub fn in_flight(&self) -> usize {
        self.state().total
    }
}

impl Drop for Ticket<'_> {
    fn drop(&mut self) {
        let mut state = self.budget.state();
        match &self.counted {
            Counted::Owned(len) => state.total = state.total.saturating_sub(*len),
            Counted::Shared(bytes) => {
                let key = Arc::as_ptr(bytes) as usize;
                let last = match state.shared.get_mut(&key) {
                    Some(senders) if *senders > 1 => {
                        *senders -= 1;
                        false
                    }
                    Some(_) => true,
                    None => false,
                };
                if last {
                    state.shared.remove(&key);
                    state.total = state.total.saturating_sub(bytes.len());
                }
            }
        }
    }
}
