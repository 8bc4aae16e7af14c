//! Undo and redo, one step per finished action, by snapshots of the board.

use crate::model::Board;

/// How many steps back can be undone.
const MAX_STEPS: usize = 500;

/// The undo and redo stacks, and the last board state that was a step.
pub struct History {
    undo: Vec<Board>,
    redo: Vec<Board>,
    committed: Board,
}

impl History {
    pub fn new(board: &Board) -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            committed: board.clone(),
        }
    }

    /// Records `current` as a finished step if it differs from the last one. Returns whether it did.
    pub fn commit(&mut self, current: &Board) -> bool {
        if *current == self.committed {
            return false;
        }
        let previous = std::mem::replace(&mut self.committed, current.clone());
        self.undo.push(previous);
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
        self.redo.clear();
        true
    }

    /// Goes one step back; unfinished changes in `current` are first made a step of their own.
    pub fn undo(&mut self, current: &mut Board) -> bool {
        self.commit(current);
        let Some(previous) = self.undo.pop() else {
            return false;
        };
        self.redo
            .push(std::mem::replace(&mut self.committed, previous.clone()));
        *current = previous;
        true
    }

    pub fn redo(&mut self, current: &mut Board) -> bool {
        self.commit(current);
        let Some(next) = self.redo.pop() else {
            return false;
        };
        self.undo
            .push(std::mem::replace(&mut self.committed, next.clone()));
        *current = next;
        true
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_commit_is_one_step_and_a_new_edit_drops_the_redo() {
        let mut board = Board::new("a");
        let mut h = History::new(&board);
        board.title = "ab".into();
        board.title = "abc".into(); // keystrokes before the commit are one step
        assert!(h.commit(&board));
        assert!(!h.commit(&board), "nothing new");
        board.title = "abcd".into();
        h.commit(&board);
        assert!(h.undo(&mut board));
        assert_eq!(board.title, "abc");
        assert!(h.undo(&mut board));
        assert_eq!(board.title, "a");
        assert!(!h.undo(&mut board));
        assert!(h.redo(&mut board));
        assert_eq!(board.title, "abc");
        board.title = "x".into();
        h.commit(&board);
        assert!(!h.can_redo());
        assert!(h.undo(&mut board));
        assert_eq!(board.title, "abc");
    }
}
