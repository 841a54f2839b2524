//! Automatic backups: the whole database as a backup (the format of
//! `papi-board backup`, see `backup`), gzip-compressed, written without
//! being asked before a migration, a restore over a board, or an import,
//! and once a day. They live beside the database directory, in
//! `<db>.backups/` (for the default location,
//! `~/.local/share/papi-board/db.backups/`), named
//! `YYYY-MM-DD_HHMMSS.mmm_<reason>.jsonl.gz` in Viet Nam time so that names
//! sort by age (older versions wrote `….json`, still listed and restored).
//! The newest `KEEP` are kept; older ones are deleted. Any of them
//! restores with `papi-board restore FILE`.
//!
//! The daily backup never delays the board: it is started on a thread of
//! its own after the first frame (`start_daily_backup`) or before the first
//! change of a later day, from a snapshot of that moment
//! (`backup_write`), while the board goes on being used; a program that
//! opens the database only for a moment (`status`) writes it when it
//! closes (`finish_daily_backup`). Dropping the store waits for it.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Utc};

use crate::domain::task::board_offset;

use super::Store;
use super::backup::BackupError;
use super::backup_write::{BackupSource, Written};

/// How many automatic backups are kept.
pub const KEEP: usize = 14;

/// The extension of the backups this build writes.
pub const EXT: &str = ".jsonl.gz";

/// Why an automatic backup was taken (the last part of its name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Daily,
    Migration,
    Restore,
    Import,
}

impl Reason {
    pub fn code(self) -> &'static str {
        match self {
            Reason::Daily => "daily",
            Reason::Migration => "migration",
            Reason::Restore => "restore",
            Reason::Import => "import",
        }
    }
}

/// The directory of the automatic backups of the database in `db`.
pub fn dir_for(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".backups");
    db.with_file_name(name)
}

/// Is this one of our backup file names? Nothing else is ever deleted.
fn ours(name: &str) -> bool {
    let b = name.as_bytes();
    (name.ends_with(".json") || name.ends_with(EXT))
        && b.len() > 22
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && b[10] == b'_'
}

/// The automatic backups of `db`, oldest first.
pub fn list(db: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir_for(db)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_str().is_some_and(ours))
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}

/// Today in Viet Nam, by the system clock.
pub fn today() -> NaiveDate {
    Utc::now().with_timezone(&board_offset()).date_naive()
}

/// Write the backup of `source` to `path` — gzip-compressed if
/// `compress` — whole or not at all: a temporary file beside it, synced,
/// then renamed over.
pub fn write_file(
    source: &BackupSource,
    path: &Path,
    compress: bool,
) -> Result<Written, BackupError> {
    let io = |e: std::io::Error| {
        BackupError::Store(super::StoreError::Io(path.to_path_buf(), e.to_string()))
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        // Every task and user: readable by the database's owner only.
        let file = super::private::create(&tmp).map_err(io)?;
        let mut buf = std::io::BufWriter::with_capacity(1 << 16, file);
        let written = if compress {
            let mut gz = flate2::write::GzEncoder::new(&mut buf, flate2::Compression::fast());
            let n = source.write(&mut gz)?;
            gz.finish().map_err(io)?;
            n
        } else {
            source.write(&mut buf)?
        };
        let file = buf.into_inner().map_err(|e| io(e.into_error()))?;
        file.sync_all().map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)?;
        Ok(written)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// Write an automatic backup of `source` into the backups of `db` and
/// delete all but the newest `KEEP`.
fn write_auto(db: &Path, source: &BackupSource, reason: Reason) -> Result<PathBuf, BackupError> {
    let dir = dir_for(db);
    let io =
        |e: std::io::Error| BackupError::Store(super::StoreError::Io(dir.clone(), e.to_string()));
    super::private::dir(&dir).map_err(io)?;
    let stamp = Utc::now()
        .with_timezone(&board_offset())
        .format("%Y-%m-%d_%H%M%S%.3f");
    let mut path = dir.join(format!("{stamp}_{}{EXT}", reason.code()));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{stamp}_{}_{n}{EXT}", reason.code()));
        n += 1;
    }
    write_file(source, &path, true)?;
    let all = list(db);
    for old in &all[..all.len().saturating_sub(KEEP)] {
        let _ = std::fs::remove_file(old);
    }
    Ok(path)
}

/// Was a daily backup of `db` written on `day`?
fn daily_done(db: &Path, day: NaiveDate) -> bool {
    let prefix = day.format("%Y-%m-%d_").to_string();
    list(db).iter().any(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(&prefix) && n.contains("_daily"))
    })
}

/// A daily backup being written on its own thread.
pub(super) struct Job {
    handle: std::thread::JoinHandle<Result<PathBuf, BackupError>>,
    done: Done,
}

/// Becomes true when a daily backup's thread has finished; waited on
/// without the store (a program that closes once it is written).
#[derive(Clone, Default)]
pub struct Done(std::sync::Arc<(std::sync::Mutex<bool>, std::sync::Condvar)>);

impl Done {
    fn set(&self) {
        let (flag, cv) = &*self.0;
        *flag.lock().unwrap_or_else(|e| e.into_inner()) = true;
        cv.notify_all();
    }

    /// Has the backup finished? (Its thread may still be returning: a
    /// join is then immediate.)
    fn is_set(&self) -> bool {
        *self.0.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Block until the backup has finished.
    pub fn wait(&self) {
        let (flag, cv) = &*self.0;
        let mut done = flag.lock().unwrap_or_else(|e| e.into_inner());
        while !*done {
            done = cv.wait(done).unwrap_or_else(|e| e.into_inner());
        }
    }
}

impl Store {
    /// Write an automatic backup now and delete all but the newest `KEEP`.
    pub fn auto_backup(&self, reason: Reason) -> Result<PathBuf, BackupError> {
        // Before a migration the board is not loaded: read the trees.
        let source = self.source_of(reason != Reason::Migration)?;
        write_auto(&self.path, &source, reason)
    }

    /// Turn on daily backups: one on the first day this store is used
    /// (`start_daily_backup` after the first frame, or
    /// `finish_daily_backup` at the end), and before the first change of
    /// each later day (a board or server left running overnight).
    pub fn daily_backups(&mut self) {
        self.daily = Some(NaiveDate::MIN);
    }

    /// Is a daily backup due (turned on, not yet taken today)?
    fn daily_due(&self) -> Option<NaiveDate> {
        let last = self.daily?;
        let today = today();
        (last != today && !self.is_new()).then_some(today)
    }

    /// Start today's daily backup on a thread of its own, if it is due and
    /// none is being written. Returns at once.
    pub fn start_daily_backup(&mut self) {
        // One backup at a time; a finished one is joined first (its error
        // kept), or a program running overnight would never start the
        // next day's. Finished means it said so: its thread may not have
        // returned yet, and a change in that moment must still start the
        // new day's backup.
        match &self.backup_job {
            Some(job) if !job.done.is_set() => return,
            Some(_) => self.finish_backup(),
            None => {}
        }
        let Some(today) = self.daily_due() else {
            return;
        };
        self.daily = Some(today);
        if daily_done(&self.path, today) {
            return;
        }
        let source = match self.source_of(true) {
            Ok(s) => s,
            Err(e) => {
                self.backup_failed = Some(e);
                return;
            }
        };
        let db = self.path.clone();
        let done = Done::default();
        let finished = done.clone();
        let spawned = std::thread::Builder::new()
            .name("papi-board-backup".into())
            .spawn(move || {
                let written = write_auto(&db, &source, Reason::Daily);
                // Everything the thread held is dropped before it says so.
                drop(source);
                finished.set();
                written
            });
        match spawned {
            Ok(handle) => self.backup_job = Some(Job { handle, done }),
            Err(e) => {
                self.backup_failed = Some(BackupError::Store(super::StoreError::Io(
                    self.path.clone(),
                    e.to_string(),
                )))
            }
        }
    }

    /// A daily backup being written, to wait for without the store.
    pub fn backup_done(&self) -> Option<Done> {
        self.backup_job
            .as_ref()
            .filter(|j| !j.done.is_set())
            .map(|j| j.done.clone())
    }

    /// Wait for a daily backup being written, if any; a failure is kept
    /// for `finish_daily_backup`.
    pub(super) fn finish_backup(&mut self) {
        if let Some(job) = self.backup_job.take() {
            let result = job
                .handle
                .join()
                .unwrap_or_else(|_| Err(BackupError::Bad("the backup thread stopped".into())));
            if let Err(e) = result {
                self.backup_failed = Some(e);
            }
        }
    }

    /// Before closing: wait for the daily backup being written, or write it
    /// now if it is due and was never started. The error of a daily
    /// backup that failed, for a warning (the data itself is safe).
    pub fn finish_daily_backup(&mut self) -> Result<(), BackupError> {
        self.finish_backup();
        if self.backup_failed.is_none()
            && let Some(today) = self.daily_due()
        {
            self.daily = Some(today);
            if !daily_done(&self.path, today) {
                self.auto_backup(Reason::Daily)?;
            }
        }
        match self.backup_failed.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_names_count() {
        assert!(ours("2025-06-30_143005.123_daily.json"));
        assert!(ours("2025-06-30_143005.123_import_2.json"));
        assert!(ours("2025-06-30_143005.123_daily.jsonl.gz"));
        assert!(!ours("2025-06-30_143005.123_daily.jsonl.gz.tmp"));
        assert!(!ours("notes.json"));
        assert!(!ours("2025-06-30_143005.123_daily.json.tmp"));
        assert!(!ours("2025-6-30_143005.123_daily.json"));
    }

    /// A store with 50 tasks on a board, in `dir/db`, daily backups on.
    fn store_in(dir: &Path) -> Store {
        let mut s = crate::store::seeded::seeded(&dir.join("db"), 50, 3);
        s.daily_backups();
        s
    }

    #[test]
    fn the_first_change_of_the_next_day_starts_its_backup() {
        use crate::domain::board::Ctx;
        use crate::domain::command::Command;
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db");
        let mut s = store_in(dir.path());
        // The first day: its backup, written on the backup thread.
        s.start_daily_backup();
        if let Some(done) = s.backup_done() {
            done.wait();
        }
        let first = list(&db);
        assert_eq!(first.len(), 1, "the first day's backup: {first:?}");
        // Overnight: the store was last backed up yesterday, and today has
        // no backup yet (the file of the first day is moved away).
        std::fs::remove_file(&first[0]).unwrap();
        s.daily = Some(today().pred_opt().unwrap());
        let id = *s.board().tasks.keys().next().unwrap();
        let ctx = Ctx {
            now: 1_748_710_900_000,
            author: "test".into(),
        };
        s.apply(Command::SetProgress { id, progress: 40 }, &ctx)
            .unwrap();
        if let Some(done) = s.backup_done() {
            done.wait();
        }
        s.finish_backup();
        let after = list(&db);
        assert_eq!(after.len(), 1, "the new day's backup: {after:?}");
        assert!(
            daily_done(&db, today()),
            "named for today: {}",
            after[0].display()
        );
    }

    #[test]
    fn the_directory_is_beside_the_database() {
        assert_eq!(
            dir_for(Path::new("/home/lan/.local/share/papi-board/db")),
            Path::new("/home/lan/.local/share/papi-board/db.backups")
        );
        assert_eq!(dir_for(Path::new("bang")), Path::new("bang.backups"));
    }
}
