//! An in-memory `Repo`: the board without a database, for snapshot tests,
//! property tests and benchmarks. Same commands, same inverses, same undo.
//! Like the database, it digests every task when made (`Repo::digests`).

use std::sync::Arc;

use crate::domain::board::{Applied, Board, Ctx};
use crate::domain::command::Command;
use crate::domain::digest::Digests;
use crate::store::StoreError;
use crate::store::codec::HistoryEntry;

use super::Repo;

#[derive(Debug, Clone, Default)]
pub struct MemRepo {
    pub board: Board,
    revision: u64,
    recent: crate::store::ChangeLog,
    /// As of revision 0, as the database makes them when it loads.
    digests: Option<Arc<Digests>>,
    undo: Vec<HistoryEntry>,
    redo: Vec<HistoryEntry>,
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

    fn bump(&mut self, applied: &Applied) {
        self.revision += 1;
        self.recent.record(self.revision, &applied.touched);
    }

    fn entry(cmd: Command, applied: &Applied, ctx: &Ctx) -> HistoryEntry {
        HistoryEntry {
            seq: 0,
            at: ctx.now,
            author: ctx.author.clone(),
            cmd,
            inverse: applied.inverse.clone(),
            reverses: None,
        }
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
        let applied = self.board.apply(cmd.clone(), ctx)?;
        self.undo.push(Self::entry(cmd, &applied, ctx));
        self.redo.clear();
        self.bump(&applied);
        Ok(applied)
    }
    fn undo(&mut self, ctx: &Ctx) -> Result<HistoryEntry, StoreError> {
        let e = self.undo.pop().ok_or(StoreError::NothingToUndo)?;
        let applied = self.board.apply(e.inverse.clone(), ctx)?;
        self.redo
            .push(Self::entry(e.inverse.clone(), &applied, ctx));
        self.bump(&applied);
        Ok(e)
    }
    fn redo(&mut self, ctx: &Ctx) -> Result<HistoryEntry, StoreError> {
        let e = self.redo.pop().ok_or(StoreError::NothingToRedo)?;
        let applied = self.board.apply(e.inverse.clone(), ctx)?;
        self.undo
            .push(Self::entry(e.inverse.clone(), &applied, ctx));
        self.bump(&applied);
        Ok(e)
    }
}
