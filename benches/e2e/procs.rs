//! The processes working on one database, found as `ps` would (every
//! `/proc/PID/cmdline` naming `--db DB`), and the files beside it: its
//! automatic backups and its size on disk. The database's owner is the
//! background `papi-board --db DB own` that the first program starts; it
//! stays a moment after the last client has gone, so each measurement
//! starts once no process names the database any more.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{Duration as Days, NaiveDate, Utc};

/// The command line of a process, one string per argument.
fn cmdline(pid: u32) -> Vec<String> {
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .unwrap_or_default()
        .split(|b| *b == 0)
        .filter(|a| !a.is_empty())
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect()
}

/// Every live process whose command line holds `--db DB`, with its
/// arguments (zombies have none and are left out).
pub fn on_db(db: &Path) -> Vec<(u32, Vec<String>)> {
    let db = db.to_string_lossy();
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .map(|pid| (pid, cmdline(pid)))
        .filter(|(_, args)| args.windows(2).any(|w| w[0] == "--db" && w[1] == db))
        .collect()
}

/// The database's background owner (`… --db DB own`), if one runs.
pub fn owner(db: &Path) -> Option<u32> {
    on_db(db)
        .into_iter()
        .find(|(_, args)| args.iter().any(|a| a == "own"))
        .map(|(pid, _)| pid)
}

/// Wait until no process names the database (at most `limit`); whether
/// that happened.
pub fn wait_gone(db: &Path, limit: Duration) -> bool {
    let end = Instant::now() + limit;
    while Instant::now() < end {
        if on_db(db).is_empty() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

/// Today in Viet Nam (UTC+7), the day the program names its backups by.
pub fn today_vn() -> NaiveDate {
    (Utc::now() + Days::hours(7)).date_naive()
}

/// The daily automatic backups of `db`, oldest first.
pub fn dailies(db: &Path) -> Vec<PathBuf> {
    let mut dir = db.as_os_str().to_owned();
    dir.push(".backups");
    let mut files: Vec<PathBuf> = std::fs::read_dir(PathBuf::from(dir))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.contains("_daily") && !n.starts_with('.'))
    });
    files.sort();
    files
}

/// The daily backup of `day`, once it is on disk (written whole: the
/// program renames it into place when it is complete).
pub fn daily_of(db: &Path, day: NaiveDate) -> Option<PathBuf> {
    let prefix = day.format("%Y-%m-%d_").to_string();
    dailies(db).into_iter().find(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(&prefix))
    })
}

/// Make the morning: every daily backup of today is renamed to
/// yesterday's date, so the last backup is yesterday's.
pub fn backups_to_yesterday(db: &Path) {
    let today = today_vn();
    let (from, to) = (
        today.format("%Y-%m-%d_").to_string(),
        (today - Days::days(1)).format("%Y-%m-%d_").to_string(),
    );
    for p in dailies(db) {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if let Some(rest) = name.strip_prefix(&from) {
            let target = p.with_file_name(format!("{to}{rest}"));
            if target.exists() {
                std::fs::remove_file(&p).unwrap();
            } else {
                std::fs::rename(&p, target).unwrap();
            }
        }
    }
}

/// Bytes of every file under `dir`.
pub fn size_of(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return std::fs::metadata(dir).map_or(0, |m| m.len());
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => size_of(&e.path()),
            _ => e.metadata().map_or(0, |m| m.len()),
        })
        .sum()
}

/// Megabytes, as the tables print them.
pub fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// KiB of VmHWM as MB (MiB, as the other tables).
pub fn kib_mb(kib: u64) -> f64 {
    kib as f64 / 1024.0
}
