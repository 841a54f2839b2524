//! The store as one session sees it. Reading and drawing use a snapshot of
//! the board taken when the step began; a change locks the store only to
//! check and apply it (against the user and key as the board has them at
//! that moment), then takes a fresh snapshot so the session sees it at once.

use crate::app::Repo;
use crate::domain::access::{Forbidden, allowed};
use crate::domain::board::{Applied, Board, Ctx, Refusal};
use crate::domain::command::Command;
use crate::domain::task::TaskId;
use crate::store::codec::HistoryEntry;
use crate::store::{Store, StoreError};

use super::{Actor, Shared, Snapshot};

pub struct SharedRepo<'a> {
    shared: &'a Shared,
    actor: &'a Actor,
    snap: Snapshot,
}

impl<'a> SharedRepo<'a> {
    pub fn new(shared: &'a Shared, actor: &'a Actor) -> SharedRepo<'a> {
        SharedRepo {
            snap: shared.snapshot(),
            shared,
            actor,
        }
    }

    /// The snapshot this session reads (and draws) now.
    pub fn snapshot(&self) -> &Snapshot {
        &self.snap
    }

    /// May the actor make this change on the board as it is in `store`?
    fn check(&self, store: &Store, cmd: &Command) -> Result<(), StoreError> {
        permit(self.actor, store.board(), cmd)
    }

    fn ctx(&self, ctx: &Ctx) -> Ctx {
        Ctx {
            now: ctx.now,
            author: self.actor.name().to_string(),
        }
    }

    /// Under the store lock: run a store operation, then take the board as
    /// it is after it.
    fn change<R>(&mut self, f: impl FnOnce(&Self, &mut Store) -> R) -> R {
        let (result, snap) = self.shared.with(|store| {
            let result = f(self, store);
            let snap = Snapshot {
                board: store.board_snapshot(),
                revision: store.revision(),
                digests: store.digests(),
            };
            (result, snap)
        });
        self.snap = snap;
        result
    }
}

/// May `actor` make this change on `board`? A local window (the owner's
/// client) may do anything; an SSH user as their role and unit allow.
fn permit(actor: &Actor, board: &Board, cmd: &Command) -> Result<(), StoreError> {
    if let Actor::Owner { .. } = actor {
        return Ok(());
    }
    let user = actor
        .current(&board.users)
        .ok_or(Refusal::Forbidden(Forbidden::ReadOnly))?;
    allowed(user, cmd, board).map_err(StoreError::Refused)
}

impl Repo for SharedRepo<'_> {
    fn board(&self) -> &Board {
        &self.snap.board
    }
    fn revision(&self) -> u64 {
        self.snap.revision
    }
    fn digests(&self) -> Option<std::sync::Arc<crate::domain::digest::Digests>> {
        self.snap.digests.clone()
    }
    // Revisions are the shared store's, so every session patches its lanes
    // and views with what changed since it last drew. The store may be
    // ahead of the snapshot: the ids it gives are then a superset, which
    // patching takes in its stride (each id is filed again from the
    // snapshot), and the next step's snapshot brings the rest.
    fn changes_since(&self, revision: u64) -> Option<Vec<TaskId>> {
        self.shared.with(|s| s.changes_since(revision))
    }
    fn task_changes_since(&self, revision: u64) -> Option<Vec<TaskId>> {
        self.shared.with(|s| s.task_changes_since(revision))
    }
    fn previous_board(&self) -> Option<Board> {
        self.shared.with(|s| s.previous_board()).ok().flatten()
    }
    // The plans, for the board picker of a local window (`b`); an SSH
    // session shares the one plan open, so it is offered none.
    fn boards(&self) -> Vec<crate::store::boards::BoardInfo> {
        match self.actor {
            crate::term::hub::Actor::Owner { .. } => {
                self.shared.with(|s| s.boards()).unwrap_or_default()
            }
            _ => Vec::new(),
        }
    }
    fn may(&self, cmd: &Command) -> Result<(), StoreError> {
        permit(self.actor, &self.snap.board, cmd)
    }
    fn apply(&mut self, cmd: Command, ctx: &Ctx) -> Result<Applied, StoreError> {
        let ctx = self.ctx(ctx);
        self.change(|me, store| {
            me.check(store, &cmd)?;
            store.apply(cmd, &ctx)
        })
    }
    fn undo(&mut self, ctx: &Ctx) -> Result<HistoryEntry, StoreError> {
        let ctx = self.ctx(ctx);
        self.change(|me, store| {
            if let Some(e) = store.peek_undo(me.actor.name())? {
                me.check(store, &e.inverse)?;
            }
            store.undo(&ctx)
        })
    }
    fn redo(&mut self, ctx: &Ctx) -> Result<HistoryEntry, StoreError> {
        let ctx = self.ctx(ctx);
        self.change(|me, store| {
            if let Some(e) = store.peek_redo(me.actor.name())? {
                me.check(store, &e.inverse)?;
            }
            store.redo(&ctx)
        })
    }
    fn task_history(&self, id: TaskId) -> Vec<HistoryEntry> {
        self.shared
            .with(|s| s.task_history(id, crate::app::HISTORY_SHOWN))
    }
    // Marks are the session's user's, whatever name the app was given.
    fn unseen(&mut self, _user: &str) -> std::collections::BTreeSet<TaskId> {
        let name = self.actor.name();
        self.shared.with(|s| s.unseen(name)).unwrap_or_default()
    }
    fn looked_at(&mut self, _user: &str, id: TaskId) {
        let name = self.actor.name();
        let _ = self.shared.with(|s| s.looked_at(name, id));
    }
}
