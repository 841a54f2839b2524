//! Undo and redo, once for every repo: the database (`Store`) and the
//! in-memory repo of the tests and benchmarks (`app::memory::MemRepo`)
//! both keep a journal — the history entries by sequence number and each
//! author's two stacks of them — and undo, redo and record a change here.
//!
//! Stacks are per author: on a shared board, `u` undoes your own last
//! change, not a colleague's. Undo applies the entry's inverse and moves
//! its number to the redo stack; redo applies the inverse of that undo; a
//! new change empties the redo stack. The undo stack keeps the newest
//! `UNDO_DEPTH` steps.

use crate::domain::board::{Applied, Ctx};
use crate::domain::command::Command;

use super::StoreError;
use super::codec::HistoryEntry;

/// How many undo steps an author keeps.
pub const UNDO_DEPTH: usize = 500;

/// One author's undo and redo stacks: history entries by sequence number,
/// the next to undo (or redo) last.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stacks {
    pub undo: Vec<u64>,
    pub redo: Vec<u64>,
}

/// How a recorded change relates to its author's stacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Part of making a board (the sample plan, a rollover): not undoable.
    Seed,
    /// A change: undoable.
    Do,
    /// The undo of entry `seq`.
    Undo(u64),
    /// The redo of entry `seq` (its undo undone).
    Redo(u64),
}

impl Step {
    /// The entry this step reverses, as the history records it.
    pub fn reverses(self) -> Option<u64> {
        match self {
            Step::Undo(s) | Step::Redo(s) => Some(s),
            Step::Seed | Step::Do => None,
        }
    }
}

impl Stacks {
    /// The stacks after `step` was recorded as entry `seq`.
    pub fn record(&mut self, step: Step, seq: u64) {
        match step {
            Step::Seed => {}
            Step::Do => {
                self.undo.push(seq);
                self.redo.clear();
            }
            Step::Undo(_) => {
                self.undo.pop();
                self.redo.push(seq);
            }
            Step::Redo(_) => {
                self.redo.pop();
                self.undo.push(seq);
            }
        }
        if self.undo.len() > UNDO_DEPTH {
            self.undo.drain(..self.undo.len() - UNDO_DEPTH);
        }
    }
}

/// What a repo keeps for undo: the entries, the stacks, and the one way a
/// change is applied and recorded (with its entry and the author's new
/// stacks, all or nothing).
pub trait Journal {
    fn stacks(&self, author: &str) -> Result<Stacks, StoreError>;
    fn entry(&self, seq: u64) -> Result<HistoryEntry, StoreError>;
    fn commit(&mut self, cmd: Command, ctx: &Ctx, step: Step) -> Result<Applied, StoreError>;
}

/// The entry the author's undo would reverse, with its number.
pub fn next_undo(j: &impl Journal, author: &str) -> Result<Option<HistoryEntry>, StoreError> {
    match j.stacks(author)?.undo.last() {
        Some(seq) => j.entry(*seq).map(Some),
        None => Ok(None),
    }
}

/// The entry the author's redo would apply again.
pub fn next_redo(j: &impl Journal, author: &str) -> Result<Option<HistoryEntry>, StoreError> {
    match j.stacks(author)?.redo.last() {
        Some(seq) => j.entry(*seq).map(Some),
        None => Ok(None),
    }
}

/// Undo the author's last change; returns the entry undone.
pub fn undo(j: &mut impl Journal, ctx: &Ctx) -> Result<HistoryEntry, StoreError> {
    let entry = next_undo(j, &ctx.author)?.ok_or(StoreError::NothingToUndo)?;
    j.commit(entry.inverse.clone(), ctx, Step::Undo(entry.seq))?;
    Ok(entry)
}

/// Redo the author's last undone change; returns the undo's entry.
pub fn redo(j: &mut impl Journal, ctx: &Ctx) -> Result<HistoryEntry, StoreError> {
    let entry = next_redo(j, &ctx.author)?.ok_or(StoreError::NothingToRedo)?;
    j.commit(entry.inverse.clone(), ctx, Step::Redo(entry.seq))?;
    Ok(entry)
}

/// The history entry of a change recorded as `seq`.
pub fn entry_of(seq: u64, cmd: Command, applied: &Applied, ctx: &Ctx, step: Step) -> HistoryEntry {
    HistoryEntry {
        seq,
        at: ctx.now,
        author: ctx.author.clone(),
        cmd,
        inverse: applied.inverse.clone(),
        reverses: step.reverses(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_undo_stack_keeps_the_newest_steps_and_a_change_empties_redo() {
        let mut s = Stacks::default();
        for seq in 1..=(UNDO_DEPTH as u64 + 20) {
            s.record(Step::Do, seq);
        }
        assert_eq!(s.undo.len(), UNDO_DEPTH);
        assert_eq!(s.undo.first(), Some(&21), "the oldest 20 are dropped");
        s.record(Step::Undo(520), 521);
        assert_eq!((s.undo.last(), s.redo.as_slice()), (Some(&519), &[521][..]));
        s.record(Step::Redo(521), 522);
        assert_eq!((s.undo.last(), s.redo.len()), (Some(&522), 0));
        s.record(Step::Undo(522), 523);
        s.record(Step::Do, 524);
        assert!(s.redo.is_empty(), "a new change cannot be redone over");
        s.record(Step::Seed, 525);
        assert_eq!(s.undo.last(), Some(&524), "seeding is not undoable");
    }
}
