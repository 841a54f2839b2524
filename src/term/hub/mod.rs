//! What every served session shares, whatever carries its bytes (an SSH
//! channel, or a local socket): the store and the news of its changes, who
//! each session is, a board session as "bytes in, frames out", and one
//! command with its output streamed.
//!
//! - `board`: the board session core and its loop over a [`board::Transport`].
//! - `exec`: one non-interactive command, its output streamed with
//!   back-pressure.
//! - `repo`: the store as one session sees it — a snapshot of the board to
//!   read and draw, the store locked only for a store operation.
//! - `backend`: a ratatui backend sized by the client, writing into a buffer.
//!
//! The rule that keeps one user from stalling the others: nothing but a
//! store operation (apply a change, read history, take a snapshot) runs
//! with the store locked; keys, text and drawing work on a snapshot.

pub mod backend;
pub mod board;
pub mod exec;
pub mod repo;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use parking_lot::{Mutex, MutexGuard};
use tokio::sync::watch;

use crate::domain::Lang;
use crate::domain::board::Board;
use crate::domain::user::{User, key_id};
use crate::store::Store;

/// Who a session is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// The owner of the database files, on this machine: may do whatever
    /// the command line may do; changes are recorded under `name`.
    Owner { name: String },
    /// A user of the board, with the key (its OpenSSH line) they logged in
    /// with: every check takes the user as the board has them *now*, and a
    /// removed user or a replaced key ends the session.
    User { name: String, key: String },
}

impl Actor {
    pub fn name(&self) -> &str {
        match self {
            Actor::Owner { name } | Actor::User { name, .. } => name,
        }
    }

    /// The board's user behind this actor, if still let in: `None` for a
    /// removed user or a key that was replaced (and for the owner, who is
    /// no board user).
    pub fn current<'a>(&self, users: &'a BTreeMap<String, User>) -> Option<&'a User> {
        let Actor::User { name, key } = self else {
            return None;
        };
        users
            .get(name)
            .filter(|u| key_id(&u.key).is_some() && key_id(&u.key) == key_id(key))
    }

    /// May this actor still be served?
    pub fn admitted(&self, users: &BTreeMap<String, User>) -> bool {
        matches!(self, Actor::Owner { .. }) || self.current(users).is_some()
    }
}

/// Runs one command line for an actor, writing its output as it goes;
/// returns the exit status. Provided by the command-line layer, which owns
/// the commands (and decides what a remote user may run).
pub type ExecFn = Arc<
    dyn Fn(&[String], &Actor, &Shared, &mut dyn std::io::Write, &mut dyn std::io::Write) -> u32
        + Send
        + Sync,
>;

/// Settings of the served sessions.
pub struct Settings {
    pub lang: Lang,
    /// A fixed "today" (`--today`), or the real date at each session start.
    pub today: Option<NaiveDate>,
    pub ascii: bool,
    /// The settings file's keys, theme, grouping, view and "due soon"
    /// window, for every board session.
    pub prefs: crate::config::Prefs,
    pub exec: ExecFn,
}

/// How one board session speaks, looks and reads keys: from the server's
/// settings for an SSH client; a local client brings its own.
#[derive(Clone)]
pub struct Look {
    pub lang: Lang,
    pub today: NaiveDate,
    /// The keys, grouping, view and "due soon" window it starts with.
    pub prefs: crate::config::Prefs,
    pub theme: crate::ui::theme::Theme,
    pub mouse: bool,
}

/// The board as of one revision, to read without the store.
#[derive(Clone)]
pub struct Snapshot {
    pub board: Arc<Board>,
    pub revision: u64,
    pub digests: Option<Arc<crate::domain::digest::Digests>>,
}

/// The store and the news of its changes, shared by every session.
pub struct Shared {
    store: Mutex<Store>,
    revision: watch::Sender<u64>,
    /// The users as the board has them, read at login and by every
    /// session's admission check without waiting for the store.
    users: watch::Sender<Arc<BTreeMap<String, User>>>,
    /// At most this many commands run at once (each may hold a snapshot
    /// and its output's working data).
    commands: Arc<tokio::sync::Semaphore>,
    pub settings: Settings,
}

/// Commands (`ssh host status`, `export -`) running at once; others wait.
pub const COMMANDS_AT_ONCE: usize = 2;

impl Shared {
    pub fn new(store: Store, settings: Settings) -> Arc<Shared> {
        let (revision, _) = watch::channel(store.revision());
        let (users, _) = watch::channel(Arc::new(store.board().users.clone()));
        Arc::new(Shared {
            store: Mutex::new(store),
            revision,
            users,
            commands: Arc::new(tokio::sync::Semaphore::new(COMMANDS_AT_ONCE)),
            settings,
        })
    }

    /// Run `f` with the store locked: for store operations only (apply a
    /// change, read history), never for drawing or text. If the data
    /// changed, every session is told. The lock is handed over fairly, so
    /// one busy session cannot keep the others out.
    pub fn with<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        let mut guard = self.store.lock();
        let before = guard.revision();
        let result = f(&mut guard);
        let after = guard.revision();
        let users = (after != before && **self.users.borrow() != guard.board().users)
            .then(|| Arc::new(guard.board().users.clone()));
        MutexGuard::unlock_fair(guard);
        if let Some(users) = users {
            self.users.send_replace(users);
        }
        if after != before {
            self.revision.send_replace(after);
        }
        result
    }

    /// The board as it is now (the store is held only to take it).
    pub fn snapshot(&self) -> Snapshot {
        self.with(|s| Snapshot {
            board: s.board_snapshot(),
            revision: s.revision(),
            digests: s.digests(),
        })
    }

    /// News of changes: the latest revision.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.revision.subscribe()
    }

    /// The users now, without waiting for the store.
    pub fn users(&self) -> Arc<BTreeMap<String, User>> {
        self.users.borrow().clone()
    }

    /// News of changes to the users (removals, new keys, roles).
    pub fn watch_users(&self) -> watch::Receiver<Arc<BTreeMap<String, User>>> {
        self.users.subscribe()
    }

    /// May this actor still be served?
    pub fn admits(&self, actor: &Actor) -> bool {
        actor.admitted(&self.users.borrow())
    }

    /// A turn to run a command; waits while others run.
    pub async fn command_turn(&self) -> tokio::sync::OwnedSemaphorePermit {
        self.commands
            .clone()
            .acquire_owned()
            .await
            .expect("the command semaphore is never closed")
    }

    /// The look of an SSH session: the server's settings (NO_COLOR and the
    /// like are the client's to say, and they do not reach here).
    pub fn look(&self) -> Look {
        let s = &self.settings;
        Look {
            lang: s.lang,
            today: self.today(),
            prefs: s.prefs.clone(),
            theme: s.prefs.theme(None, None, s.ascii),
            mouse: false,
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn user(name: &str, key: &str) -> User {
        User {
            name: name.into(),
            key: key.into(),
            role: crate::domain::user::Role::Editor,
            unit: None,
        }
    }

    #[test]
    fn an_actor_is_admitted_only_with_the_key_the_board_has_now() {
        let k1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOne";
        let k2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITwo";
        let mut users = BTreeMap::new();
        users.insert("lan".to_string(), user("lan", k1));
        let lan = Actor::User {
            name: "lan".into(),
            key: format!("{k1} lan@may"),
        };
        assert!(lan.admitted(&users), "the comment does not matter");
        users.insert("lan".to_string(), user("lan", k2));
        assert!(!lan.admitted(&users), "a replaced key");
        users.clear();
        assert!(!lan.admitted(&users), "a removed user");
        let owner = Actor::Owner { name: "x".into() };
        assert!(owner.admitted(&users) && owner.current(&users).is_none());
    }
}
