//! Automatic backups: the whole database as a backup document (the format
//! of `papi-board backup`, see `backup`), written without being asked
//! before a migration, a restore over a board, or an import, and on the
//! first open of each day. They live beside the database directory, in
//! `<db>.backups/` (for the default location,
//! `~/.local/share/papi-board/db.backups/`), named
//! `YYYY-MM-DD_HHMMSS.mmm_<reason>.json` in Viet Nam time so that names
//! sort by age. The newest `KEEP` are kept; older ones are deleted. Any of
//! them restores with `papi-board restore FILE`.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Utc};

use crate::domain::task::board_offset;

use super::Store;
use super::backup::BackupError;

/// How many automatic backups are kept.
pub const KEEP: usize = 14;

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
    name.ends_with(".json")
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

/// Write `bytes` to `path` whole or not at all: a temporary file, synced,
/// then renamed over.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("json.tmp");
    let mut f = super::private::create(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    drop(f);
    std::fs::rename(&tmp, path)
}

impl Store {
    /// Write an automatic backup now and delete all but the newest `KEEP`.
    pub fn auto_backup(&self, reason: Reason) -> Result<PathBuf, BackupError> {
        let json = self.backup_json()?;
        let dir = dir_for(&self.path);
        let io = |e: std::io::Error| {
            BackupError::Store(super::StoreError::Io(dir.clone(), e.to_string()))
        };
        super::private::dir(&dir).map_err(io)?;
        let stamp = Utc::now()
            .with_timezone(&board_offset())
            .format("%Y-%m-%d_%H%M%S%.3f");
        let mut path = dir.join(format!("{stamp}_{}.json", reason.code()));
        let mut n = 2;
        while path.exists() {
            path = dir.join(format!("{stamp}_{}_{n}.json", reason.code()));
            n += 1;
        }
        write_atomically(&path, json.as_bytes()).map_err(io)?;
        let all = list(&self.path);
        for old in &all[..all.len().saturating_sub(KEEP)] {
            let _ = std::fs::remove_file(old);
        }
        Ok(path)
    }

    /// Take the daily backup if none was taken today, from now on also
    /// before the first change of each later day (a board or server left
    /// running overnight). A failed backup is returned, for a warning: the
    /// board still opens.
    pub fn daily_backups(&mut self) -> Result<(), BackupError> {
        self.daily = Some(NaiveDate::MIN);
        self.daily_backup_if_due()
    }

    /// See `daily_backups`; called before every change.
    pub(super) fn daily_backup_if_due(&mut self) -> Result<(), BackupError> {
        let Some(last) = self.daily else {
            return Ok(());
        };
        let today = today();
        if last == today || self.is_new() {
            return Ok(());
        }
        self.daily = Some(today);
        let prefix = today.format("%Y-%m-%d_").to_string();
        let done = list(&self.path).iter().any(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix) && n.contains("_daily"))
        });
        if !done {
            self.auto_backup(Reason::Daily)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_names_count() {
        assert!(ours("2025-06-30_143005.123_daily.json"));
        assert!(ours("2025-06-30_143005.123_import_2.json"));
        assert!(!ours("notes.json"));
        assert!(!ours("2025-06-30_143005.123_daily.json.tmp"));
        assert!(!ours("2025-6-30_143005.123_daily.json"));
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
