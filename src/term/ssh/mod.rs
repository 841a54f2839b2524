//! Serving the board over SSH: one process owns the database and every SSH
//! connection gets its own board session inside it.
//!
//! - `server`: the listener, authentication (public keys of the board's
//!   users), limits, keepalive, shutdown.
//! - `session`: one task per channel — a board (the same `App` and `ui` as
//!   the local terminal) or one non-interactive command.
//! - `backend`: a ratatui backend sized by the client, writing into a buffer.
//! - `hostkey`: the persistent host key.
//!
//! Sessions share `Shared`: the store behind a mutex and a watch of its
//! revision. Each change a session makes bumps the revision; every other
//! session wakes, redraws, and sends only what changed on its screen.

pub mod backend;
pub mod hostkey;
pub mod server;
pub mod session;

use std::sync::Arc;

use chrono::NaiveDate;
use parking_lot::{Mutex, MutexGuard};
use tokio::sync::watch;

use crate::app::Repo;
use crate::domain::Lang;
use crate::domain::access::{Forbidden, allowed};
use crate::domain::board::{Applied, Board, Ctx, Refusal};
use crate::domain::command::Command;
use crate::domain::task::TaskId;
use crate::domain::user::User;
use crate::store::codec::HistoryEntry;
use crate::store::{Store, StoreError};

/// What a non-interactive command (`ssh host status`) produced.
#[derive(Debug, Default)]
pub struct ExecOutput {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub status: u32,
}

/// Runs one command line for a user against the store (provided by the
/// command-line layer, which owns the commands).
pub type ExecFn = Arc<dyn Fn(&[String], &User, &mut Store) -> ExecOutput + Send + Sync>;

/// Settings of the server, shared by its sessions.
pub struct Settings {
    pub lang: Lang,
    /// A fixed "today" (`--today`), or the real date at each session start.
    pub today: Option<NaiveDate>,
    pub ascii: bool,
    /// The settings file's keys, theme, grouping, view and "due soon"
    /// window, for every board session.
    pub prefs: crate::config::Prefs,
    pub max_sessions: usize,
    pub keepalive: std::time::Duration,
    /// How long an unknown key waits before it is refused.
    pub reject_delay: std::time::Duration,
    pub exec: ExecFn,
}

/// The store and the news of its changes, shared by every session.
pub struct Shared {
    store: Mutex<Store>,
    revision: watch::Sender<u64>,
    pub settings: Settings,
}

impl Shared {
    pub fn new(store: Store, settings: Settings) -> Arc<Shared> {
        let (revision, _) = watch::channel(store.revision());
        Arc::new(Shared {
            store: Mutex::new(store),
            revision,
            settings,
        })
    }

    /// Run `f` with the store locked. If the data changed, every session is
    /// told. The lock is handed over fairly, so one busy session cannot
    /// keep the others out.
    pub fn with<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        let mut guard = self.store.lock();
        let before = guard.revision();
        let result = f(&mut guard);
        let after = guard.revision();
        MutexGuard::unlock_fair(guard);
        if after != before {
            self.revision.send_replace(after);
        }
        result
    }

    /// News of changes: the latest revision.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.revision.subscribe()
    }

    /// The user with this login name, as the board has them now.
    pub fn user(&self, name: &str) -> Option<User> {
        self.with(|s| s.board().users.get(name).cloned())
    }

    /// The date the sessions take as today.
    pub fn today(&self) -> NaiveDate {
        self.settings.today.unwrap_or_else(|| {
            chrono::Utc::now()
                .with_timezone(&crate::domain::task::board_offset())
                .date_naive()
        })
    }
}

/// The store as one session's user sees it: every change is checked
/// against the user's role (as the board has it at that moment) and
/// recorded under the user's name.
pub struct SessionRepo<'a> {
    pub store: &'a mut Store,
    pub user: &'a str,
}

impl SessionRepo<'_> {
    fn check(&self, cmd: &Command) -> Result<(), StoreError> {
        let board = self.store.board();
        let user = board
            .users
            .get(self.user)
            .ok_or(Refusal::Forbidden(Forbidden::ReadOnly))?;
        allowed(user, cmd, board).map_err(StoreError::Refused)
    }

    fn ctx(&self, ctx: &Ctx) -> Ctx {
        Ctx {
            now: ctx.now,
            author: self.user.to_string(),
        }
    }
}

impl Repo for SessionRepo<'_> {
    fn board(&self) -> &Board {
        self.store.board()
    }
    fn revision(&self) -> u64 {
        self.store.revision()
    }
    fn digests(&self) -> Option<std::sync::Arc<crate::domain::digest::Digests>> {
        self.store.digests()
    }
    // Revisions are the shared store's, so every session can patch its
    // lanes and views with what changed since it last drew (without this,
    // each change rebuilt every session's lanes: 15 ms each at 100k tasks).
    fn changes_since(&self, revision: u64) -> Option<Vec<TaskId>> {
        self.store.changes_since(revision)
    }
    fn task_changes_since(&self, revision: u64) -> Option<Vec<TaskId>> {
        self.store.task_changes_since(revision)
    }
    fn previous_board(&self) -> Option<Board> {
        self.store.previous_board().ok().flatten()
    }
    fn apply(&mut self, cmd: Command, ctx: &Ctx) -> Result<Applied, StoreError> {
        self.check(&cmd)?;
        let ctx = self.ctx(ctx);
        self.store.apply(cmd, &ctx)
    }
    fn undo(&mut self, ctx: &Ctx) -> Result<HistoryEntry, StoreError> {
        if let Some(e) = self.store.peek_undo(self.user)? {
            self.check(&e.inverse)?;
        }
        let ctx = self.ctx(ctx);
        self.store.undo(&ctx)
    }
    fn redo(&mut self, ctx: &Ctx) -> Result<HistoryEntry, StoreError> {
        if let Some(e) = self.store.peek_redo(self.user)? {
            self.check(&e.inverse)?;
        }
        let ctx = self.ctx(ctx);
        self.store.redo(&ctx)
    }
    fn task_history(&self, id: TaskId) -> Vec<HistoryEntry> {
        self.store.task_history(id, crate::app::HISTORY_SHOWN)
    }
}

/// The OpenSSH line of a public key, without its comment.
pub fn openssh_line(key: &russh::keys::PublicKey) -> String {
    let mut k = key.clone();
    k.set_comment("");
    k.to_openssh().unwrap_or_default()
}
