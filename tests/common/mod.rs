//! Helpers for tests that run the real binary on a real database on disk.
#![allow(dead_code)]

pub mod plan_rows;
pub mod schema;
pub mod screen;
pub mod ssh;
pub mod tmux;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_papi-board"))
}

/// Copy the program `from` to `to` with `cp`, in a process of its own. A
/// copy written by this test process would be open for writing for a
/// moment in every child another test thread starts meanwhile (a fork
/// copies all descriptors until its exec closes them), and running it
/// then fails with "Text file busy" (seen in full test runs).
pub fn copy_program(from: &Path, to: &Path) {
    let cp = Command::new("cp").arg(from).arg(to).status().expect("cp");
    assert!(cp.success(), "cp {} {}", from.display(), to.display());
}

/// A fresh database directory inside a temporary directory.
pub struct TempDb {
    pub dir: tempfile::TempDir,
}

impl TempDb {
    pub fn new() -> TempDb {
        TempDb {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("db")
    }
    /// Run `papi-board --db <this> ARGS…` with a clean environment.
    pub fn run(&self, args: &[&str]) -> Output {
        run_with(&self.path(), args, &[])
    }
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        run_with(&self.path(), args, env)
    }
    /// Run and parse stdout as JSON; panics with stderr on failure.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("valid JSON")
    }
    /// `stdout`, while other programs may use the database (`run_live`).
    pub fn live_stdout(&self, args: &[&str]) -> String {
        let out = run_live(&self.path(), args, &[]);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8")
    }
    pub fn stdout(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8")
    }
}

/// Run `papi-board --db DB ARGS…`, then wait until no program holds the
/// database (its background owner has closed it once this, its only
/// client, was done): what a test looks at next — the files, a store
/// opened in place — is then settled. With other programs of the same
/// test still using the database, use `run_live`.
pub fn run_with(db: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let out = run_live(db, args, env);
    settle(db);
    out
}

/// Wait until no program holds `db` open.
pub fn settle(db: &Path) {
    papi_board::term::local::OwnerLock::wait_gone(db).expect("the owner's lock");
}

/// Run `papi-board --db DB ARGS…` while other programs (a board in tmux)
/// may be using the same database: returns as soon as it has finished.
pub fn run_live(db: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(bin());
    c.arg("--db").arg(db).args(args);
    for k in [
        "PAPI_BOARD_DB",
        "PAPI_BOARD_TODAY",
        "PAPI_BOARD_LANG",
        "NO_COLOR",
        "COLORTERM",
    ] {
        c.env_remove(k);
    }
    c.env("USER", "tester");
    // The settings file beside the database: absent unless a test writes it
    // (never the developer's own ~/.config/papi-board/config.toml).
    let config = db.parent().unwrap_or(db).join("config.toml");
    c.env("PAPI_BOARD_CONFIG", config);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run papi-board")
}

/// Open the database in `db` with sled itself (to write what the program
/// never would), run `f`, drop sled, and wait — blocking on sled's own
/// lock — until its background writer has let go of the files: a moment
/// after the last handle, during which the program run next would find
/// the database open elsewhere.
pub fn with_sled<R>(db: &Path, f: impl FnOnce(&sled::Db) -> R) -> R {
    let result = {
        let sled = sled::open(db).unwrap();
        f(&sled)
    };
    let file = std::fs::File::open(db.join("db")).unwrap();
    file.lock().unwrap();
    file.unlock().unwrap();
    result
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
