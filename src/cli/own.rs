//! The background owner of a database (`papi-board own`, hidden): started
//! by the first client, it opens the database, serves every client on the
//! socket handed over as its standard input (`cli::local`) until the last
//! one has gone, then closes the database — and removes it if it made it
//! and no command gave it a board.

use std::path::Path;
use std::sync::Arc;

use crate::domain::Lang;
use crate::i18n::S;
use crate::store::{Store, StoreError};
use crate::term::hub::Shared;
use crate::term::local::OwnerLock;
use crate::term::local::owner::{self, Ends, Owner};

use super::local::{absolute, admitting, no_ssh_settings, refusal};
use super::{Env, Fail};

/// The background owner (`papi-board own`, started by a client): serve
/// clients on the socket handed over as standard input until the last one
/// has gone, then close the database.
pub fn own(env: &Env, fresh: bool) -> Result<(), Fail> {
    use std::os::fd::AsFd;
    let own_only = || Fail(S::LocalOwnOnly.t(env.lang).to_string());
    let fd = std::io::stdin()
        .as_fd()
        .try_clone_to_owned()
        .map_err(|_| own_only())?;
    let listener = std::os::unix::net::UnixListener::from(fd);
    if listener.local_addr().is_err() || listener.set_nonblocking(true).is_err() {
        return Err(own_only());
    }
    let db = absolute(&env.db);
    // Nothing of the first client's directory is kept busy.
    let _ = std::env::set_current_dir("/");
    let alive = OwnerLock::take(&db).map_err(|e| Fail(format!("{}: {e}", db.display())))?;
    let opened = open_owned(&db);
    let uid = crate::term::local::my_uid().map_err(|e| Fail(e.to_string()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Fail(e.to_string()))?;
    let opened = opened.map(|store| Shared::new(store, no_ssh_settings()));
    let shared = opened.as_ref().ok().cloned();
    let lock = runtime.block_on(async {
        let listener = tokio::net::UnixListener::from_std(listener).map_err(|_| own_only())?;
        let owner = Arc::new(Owner {
            db: db.clone(),
            opened: opened.map_err(refusal),
            admit: admitting(db.clone()),
            uid,
        });
        let (shutdown, _) = tokio::sync::watch::channel(false);
        let lock = owner::run(
            owner,
            listener,
            Ends::WithLastClient(terminated()),
            shutdown,
        )
        .await;
        Ok::<_, Fail>(lock)
    })?;
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    if let Some(shared) = shared {
        close(shared, &db, fresh);
    }
    drop(alive);
    drop(lock);
    Ok(())
}

/// The store of a background owner: opened without giving a new database
/// a board (the first command decides which), daily backups on.
fn open_owned(db: &Path) -> Result<Store, StoreError> {
    let mut store = Store::open(db)?;
    store.daily_backups();
    Ok(store)
}

/// Close the database: the daily backup finished (a failure is noted in
/// the owner's log), flushed, closed; a database this owner made and that
/// was never given a board is removed (a failed import leaves nothing).
fn close(shared: Arc<Shared>, db: &Path, fresh: bool) {
    let (empty, backup) = shared.with(|s| (s.is_new(), s.finish_daily_backup()));
    if let Err(e) = backup {
        let dir = crate::store::autobackup::dir_for(db);
        eprintln!(
            "papi-board: {}",
            e.message(&dir.display().to_string(), Lang::En)
        );
    }
    // Every session has ended; a command's blocking task the runtime let
    // go of may still hold the store a moment: wait for it, so the store
    // is closed here and now, before the owner's lock is let go.
    let mut shared = shared;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while let Err(still_held) = Arc::try_unwrap(shared) {
        shared = still_held;
        if std::time::Instant::now() > deadline {
            eprintln!("papi-board: the database was still in use after 30 s");
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    if empty && fresh {
        remove_made(db);
    }
}

/// Remove the database directory this owner made and never gave a board.
/// It is first renamed away, in one step, so that whoever looks (the
/// program that asked, waiting for `owner.lock`) never finds the
/// directory half removed, its lock file gone and the rest still there.
/// A file written into it while it is being removed (sled's threads can
/// outlive its last handle by a moment) makes the removal fail: it is then
/// removed again, for at most two seconds.
fn remove_made(db: &Path) {
    let away = db.file_name().map(|name| {
        let mut hidden = std::ffi::OsString::from(".");
        hidden.push(name);
        hidden.push(format!(".removed-{}", std::process::id()));
        db.with_file_name(hidden)
    });
    let gone = match away {
        Some(away) if std::fs::rename(db, &away).is_ok() => away,
        _ => db.to_path_buf(),
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    while std::fs::remove_dir_all(&gone).is_err() && gone.exists() {
        if std::time::Instant::now() > deadline {
            eprintln!("papi-board: could not remove {}", gone.display());
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// SIGTERM ends a background owner (after telling its clients); a hangup
/// or an interrupt meant for the terminal that started it does not.
async fn terminated() {
    use tokio::signal::unix::{SignalKind, signal};
    let _ignored = (
        signal(SignalKind::hangup()),
        signal(SignalKind::interrupt()),
    );
    match signal(SignalKind::terminate()) {
        Ok(mut term) => {
            term.recv().await;
        }
        Err(_) => std::future::pending::<()>().await,
    }
}

#[cfg(test)]
mod tests {
    use super::remove_made;
    use crate::term::local::OWNER_LOCK;

    /// Whoever waits for the owner to be gone and then looks finds the
    /// directory either whole or gone: never its lock file removed and
    /// the rest still there (a full test run once found a failed import's
    /// directory still present after its owner had gone).
    #[test]
    fn a_removed_database_is_never_seen_half_removed() {
        let top = tempfile::tempdir().unwrap();
        let db = top.path().join("db");
        std::fs::create_dir(&db).unwrap();
        for i in 0..3000 {
            std::fs::write(db.join(format!("f{i}")), b"x").unwrap();
        }
        std::fs::write(db.join(OWNER_LOCK), b"").unwrap();
        let watched = db.clone();
        let watcher = std::thread::spawn(move || {
            loop {
                if !watched.join(OWNER_LOCK).exists() {
                    return watched.exists();
                }
            }
        });
        remove_made(&db);
        let seen_half_removed = watcher.join().unwrap();
        assert!(!seen_half_removed, "the directory outlived its lock file");
        assert!(!db.exists());
        let left: Vec<_> = std::fs::read_dir(top.path()).unwrap().collect();
        assert!(left.is_empty(), "nothing left beside it: {left:?}");
    }
}
