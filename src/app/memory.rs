//! An in-memory `Repo`: the board without a database, for snapshot tests,
//! property tests and benchmarks. Same commands, same inverses, and the
//! same undo as the database: it keeps the history and each author's
//! stacks in memory and undoes through `store::undo`. Like the database,
//! it digests every task when made (`Repo::digests`).

use std::collections::HashMap;
use std::sync::Arc;

use crate::domain::board::{Applied, Board, Ctx};
use crate::domain::command::Command;
use crate::domain::digest::Digests;
use crate::store::StoreError;
use crate::store::codec::HistoryEntry;
use crate::store::undo::{self, Journal, Stacks, Step};

use super::Repo;

#[derive(Debug, Clone, Default)]
pub struct MemRepo {
    pub board: Board,
    revision: u64,
    recent: crate::store::ChangeLog,
    /// As of revision 0, as the database makes them when it loads.
    digests: Option<Arc<Digests>>,
    /// Every change, entry `seq` at `seq - 1`.
    history: Vec<HistoryEntry>,
    stacks: HashMap<String, Stacks>,
}

impl MemRepo {
    pub fn new(board: Board) -> MemRepo {
        MemRepo {
            digests: Some(Arc::new(Digests::full(&board, 0))),
            board,
            ..MemRepo::default()
        }
    }

    /// The sample plan as a board, with fixed timestamps.
    pub fn sample(now: i64) -> MemRepo {
        let (meta, units, cmds) = crate::transfer::sample::sample_seed();
        let mut board = Board::new(meta, units);
        let ctx = Ctx {
            now,
            author: "test".into(),
        };
        board
            .apply(Command::Batch(cmds), &ctx)
            .expect("the sample applies");
        MemRepo::new(board)
    }
}

impl Journal for MemRepo {
    fn stacks(&self, author: &str) -> Result<Stacks, StoreError> {
        Ok(self.stacks.get(author).cloned().unwrap_or_default())
    }

    fn entry(&self, seq: u64) -> Result<HistoryEntry, StoreError> {
        let at = (seq as usize).checked_sub(1);
        Ok(at
            .and_then(|i| self.history.get(i))
            .cloned()
            .expect("entries are never removed"))
    }

    fn commit(&mut self, cmd: Command, ctx: &Ctx, step: Step) -> Result<Applied, StoreError> {
        let applied = self.board.apply(cmd.clone(), ctx)?;
        let seq = self.history.len() as u64 + 1;
        self.stacks
            .entry(ctx.author.clone())
            .or_default()
            .record(step, seq);
        self.history
            .push(undo::entry_of(seq, cmd, &applied, ctx, step));
        self.revision += 1;
        self.recent.record(self.revision, &applied.touched);
        Ok(applied)
    }
}

impl Repo for MemRepo {
    fn board(&self) -> &Board {
        &self.board
    }
    fn revision(&self) -> u64 {
        self.revision
    }
    fn changes_since(&self, revision: u64) -> Option<Vec<u64>> {
        self.recent.since(revision, self.revision)
    }
    fn task_changes_since(&self, revision: u64) -> Option<Vec<u64>> {
        self.recent.tasks_since(revision, self.revision)
    }
    fn digests(&self) -> Option<Arc<Digests>> {
        self.digests.clone()
    }
    fn apply(&mut self, cmd: Command, ctx: &Ctx) -> Result<Applied, StoreError> {
        self.commit(cmd, ctx, Step::Do)
    }
    fn undo(&mut self, ctx: &Ctx) -> Result<HistoryEntry, StoreError> {
        undo::undo(self, ctx)
    }
    fn redo(&mut self, ctx: &Ctx) -> Result<HistoryEntry, StoreError> {
        undo::redo(self, ctx)
    }
}
