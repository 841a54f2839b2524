//! One database, any number of programs on this machine: the first
//! program to need a database starts its **owner**, a small background
//! process (this same program, re-run with the hidden `own` command) that
//! alone opens the database; every program — the first one too — is a
//! client of it over a Unix socket in the database directory. This is how
//! tmux works, and for the same reasons: no window's shell waits on
//! another's, and closing any window never cuts the others. `serve` is the
//! same owner in the foreground, with the SSH listener added.
//!
//! - `proto`: the messages on the socket.
//! - `owner`: accepting clients, their board sessions and commands (the
//!   same `hub` core as SSH sessions), and the owner's end: once the last
//!   client has gone (and the daily backup is written), it closes the
//!   database and exits.
//! - `client`: finding or starting the owner, then relaying a terminal or
//!   a command's output, and serving the owner's requests for the client's
//!   files (`files`).
//!
//! **Who owns, without races.** Three files in the database directory:
//! `owner.sock` (mode 0600; the directory is 0700), `start.lock`, and
//! `owner.log` (the owner's own messages). A program first tries the
//! socket. If no owner answers, it takes `start.lock` (waiting, if another
//! program holds it, for exactly as long as that program needs it), tries
//! the socket once more, and if there is still no owner, removes a socket
//! left by a dead owner, binds a new one, starts the owner with the
//! listening socket as its standard input, and connects — all before
//! letting go of the lock. An owner about to close takes the same lock and
//! keeps it until it has closed the database and exited; a client that
//! reached it in that moment is dropped before being answered, waits for
//! the lock, and starts the next owner. So at any time at most one owner
//! listens, and a client is either served by it or starts the next one.
//!
//! **Who may connect.** Only the owner's own OS user: the socket is in a
//! 0700 directory and the owner checks every peer's uid (SO_PEERCRED);
//! another user is refused with one plain line.

pub mod client;
pub mod files;
pub mod owner;
pub mod proto;

use std::fs::File;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// The owner's socket, in the database directory.
pub const SOCKET: &str = "owner.sock";
/// Held while a program starts an owner, and by an owner while it closes.
pub const START_LOCK: &str = "start.lock";
/// Where a background owner writes its own messages.
pub const LOG: &str = "owner.log";
/// Held by an owner for as long as it lives, the database closed before it
/// lets go: whoever must know that no owner has the database open (a test
/// about to open it in place) waits on it.
pub const OWNER_LOCK: &str = "owner.lock";

/// Files of this module in a database directory (not sled's: the
/// fingerprint of a clean close leaves them out).
pub const FILES: [&str; 4] = [SOCKET, START_LOCK, LOG, OWNER_LOCK];

pub fn socket_path(db: &Path) -> PathBuf {
    db.join(SOCKET)
}

/// The longest path a Unix socket's address holds (`sun_path`: 108 bytes
/// with its closing NUL).
const ADDRESS_MAX: usize = 107;

/// The address to bind or connect the owner's socket at. Usually its path;
/// a database deeper than a socket's address holds (a few folders named in
/// Vietnamese, at two or three bytes a letter, are enough) is reached
/// through an open descriptor of its directory, `/proc/self/fd/N/owner.sock`:
/// the same file in the same directory, by a path short enough.
pub struct SocketAddress {
    pub path: PathBuf,
    /// The directory, open for as long as `path` goes through it.
    _dir: Option<File>,
}

pub fn socket_address(db: &Path) -> std::io::Result<SocketAddress> {
    use std::os::fd::AsRawFd;
    let path = socket_path(db);
    if path.as_os_str().len() <= ADDRESS_MAX {
        return Ok(SocketAddress { path, _dir: None });
    }
    let dir = File::open(db)?;
    Ok(SocketAddress {
        path: PathBuf::from(format!("/proc/self/fd/{}/{SOCKET}", dir.as_raw_fd())),
        _dir: Some(dir),
    })
}

/// A new listening socket for the owner of `db` (one left by a dead owner
/// is replaced), readable and writable by this user only. The caller holds
/// `start.lock`.
pub fn bind(db: &Path) -> std::io::Result<std::os::unix::net::UnixListener> {
    use std::os::unix::fs::PermissionsExt;
    let path = socket_path(db);
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let listener = std::os::unix::net::UnixListener::bind(socket_address(db)?.path)?;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
    Ok(listener)
}

/// The uid this process runs as: the owner of what it creates.
pub fn my_uid() -> std::io::Result<u32> {
    // SAFETY: geteuid has no preconditions and cannot fail. (Not /proc:
    // a service's sandbox may hide it.)
    Ok(unsafe { libc::geteuid() })
}

/// `owner.lock`, held by the owner (see `OWNER_LOCK`).
pub struct OwnerLock {
    file: File,
}

impl OwnerLock {
    /// Take it for this owner (the only one: `start.lock` decided).
    pub fn take(db: &Path) -> std::io::Result<OwnerLock> {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(db.join(OWNER_LOCK))?;
        file.lock()?;
        Ok(OwnerLock { file })
    }

    /// Wait until no owner has `db` open (returns at once if none has).
    pub fn wait_gone(db: &Path) -> std::io::Result<()> {
        match std::fs::File::open(db.join(OWNER_LOCK)) {
            Ok(f) => {
                f.lock()?;
                f.unlock()
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    }
}

impl Drop for OwnerLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// `start.lock`, held (see the module comment). Released by an explicit
/// unlock when dropped: a program being started by another thread of this
/// process holds a copy of the descriptor for a moment.
pub struct StartLock {
    file: File,
}

impl StartLock {
    /// Wait for the lock and take it. The lock file is checked to be the
    /// one at its path once held: an owner that removes a database never
    /// given a board removes its lock file with it, and whoever waited on
    /// that file must take the new one.
    pub fn acquire(db: &Path) -> std::io::Result<StartLock> {
        let path = db.join(START_LOCK);
        loop {
            if !db.exists() {
                crate::store::private::dir(db)?;
            }
            let file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)?;
            file.lock()?;
            let same = std::fs::metadata(&path)
                .is_ok_and(|m| file.metadata().is_ok_and(|f| f.ino() == m.ino()));
            if same {
                return Ok(StartLock { file });
            }
            let _ = file.unlock();
        }
    }
}

impl Drop for StartLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}
