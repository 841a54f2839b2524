//! A copy of a database's files, for sled to open instead of the files
//! themselves (sled writes to what it opens: see `check`). Taken while
//! holding the database's lock; deleted when dropped; copies left by a
//! program killed while probing are swept away by the next.

use std::path::{Path, PathBuf};

use super::StoreError;

/// A copy of a database's files, deleted when dropped.
pub struct Probe {
    dir: PathBuf,
}

impl Drop for Probe {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn pid_alive(pid: i32) -> bool {
    // SAFETY: signal 0 only asks whether the process exists.
    unsafe { libc::kill(pid, 0) == 0 || *libc::__errno_location() == libc::EPERM }
}

impl Probe {
    /// Copy the sled files of `db` (which must exist) while holding its
    /// lock. `Locked` if another program has it open.
    pub fn copy(db: &Path) -> Result<Probe, StoreError> {
        let io = |e: std::io::Error| StoreError::Io(db.to_path_buf(), e.to_string());
        let lock = std::fs::File::open(db.join("db")).map_err(io)?;
        // sled takes the same lock for as long as it has the database open.
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Locked(db.to_path_buf()));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
        }
        let probe = Self::copy_locked(db);
        // Unlocked now, not when the last copy of the descriptor closes
        // (a program being started by another thread holds one).
        let _ = lock.unlock();
        probe.map_err(io)
    }

    /// The copy itself, the lock held.
    pub(super) fn copy_locked(db: &Path) -> std::io::Result<Probe> {
        let name = db
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let parent = db.parent().filter(|p| !p.as_os_str().is_empty());
        let parent = parent.unwrap_or(Path::new("."));
        Self::sweep(parent, &name);
        let pid = std::process::id();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let leaf = format!(".{name}.probe-{pid}-{nanos}");
        let mut dir = parent.join(&leaf);
        // The copy is the database: as private as it is.
        let make = |d: &Path| {
            use std::os::unix::fs::DirBuilderExt;
            std::fs::DirBuilder::new().mode(0o700).create(d)
        };
        if make(&dir).is_err() {
            dir = std::env::temp_dir().join(&leaf);
            make(&dir)?;
        }
        let probe = Probe { dir };
        copy_sled_files(db, &probe.dir)?;
        Ok(probe)
    }

    /// Remove probes left by programs that were killed while probing.
    fn sweep(parent: &Path, name: &str) {
        let prefix = format!(".{name}.probe-");
        let Ok(entries) = std::fs::read_dir(parent) else {
            return;
        };
        for e in entries.flatten() {
            let file = e.file_name().to_string_lossy().into_owned();
            let Some(rest) = file.strip_prefix(&prefix) else {
                continue;
            };
            let pid = rest.split('-').next().and_then(|p| p.parse::<i32>().ok());
            if pid.is_some_and(|p| !pid_alive(p)) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Open the copy with sled (which may write to the copy).
    pub fn open(&self) -> Result<sled::Db, String> {
        let opened = std::panic::catch_unwind(|| {
            sled::Config::new()
                .path(&self.dir)
                // Read once from end to end: keep none of it (`SLED_CACHE`).
                .cache_capacity(super::SLED_CACHE)
                .flush_every_ms(None)
                .open()
        });
        match opened {
            Ok(Ok(db)) => Ok(db),
            Ok(Err(sled::Error::Corruption { .. })) => Err("sled corruption".into()),
            Ok(Err(e)) => Err(e.to_string()),
            Err(_) => Err("unreadable files".into()),
        }
    }

    /// Delete the copy's snapshot, so sled rebuilds from its log.
    pub(super) fn drop_snapshots(&self) {
        if let Ok(entries) = std::fs::read_dir(&self.dir) {
            for e in entries.flatten() {
                if e.file_name().to_string_lossy().starts_with("snap.") {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
    }
}

/// sled's files: `conf`, `db`, `snap.*` and `blobs/`.
fn copy_sled_files(from: &Path, to: &Path) -> std::io::Result<()> {
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let name = e.file_name().to_string_lossy().into_owned();
        if name == "blobs" && e.file_type()?.is_dir() {
            std::fs::create_dir_all(to.join("blobs"))?;
            for b in std::fs::read_dir(e.path())? {
                let b = b?;
                std::fs::copy(b.path(), to.join("blobs").join(b.file_name()))?;
            }
        } else if name == "conf" || name == "db" || is_snapshot(&name) {
            std::fs::copy(e.path(), to.join(&name))?;
        }
    }
    Ok(())
}

/// A snapshot sled finished writing: `snap.<lsn>`. sled writes each one
/// as `snap.<lsn>.generating` and renames it once whole and synced; a
/// program killed meanwhile leaves that file behind, cut short, and sled
/// 0.34 takes it for the newest snapshot at the next open — its checksum
/// fails, and the database would never open again. (sled writes a snapshot
/// at every open, so a kill while a program starts is enough.)
pub(super) fn is_snapshot(name: &str) -> bool {
    name.starts_with("snap.") && !name.ends_with(".generating")
}

/// Remove what a program killed while sled wrote a snapshot left of it
/// (see `is_snapshot`), before sled opens the files. Never a snapshot sled
/// finished: those are renamed.
pub(super) fn remove_unfinished_snapshots(db: &Path) {
    let Ok(entries) = std::fs::read_dir(db) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("snap.") && !is_snapshot(&name) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Store;
    use crate::store::seeded::seeded;

    #[test]
    fn a_snapshot_left_half_written_by_a_killed_program_does_not_stop_the_open() {
        let dir = tempfile::tempdir().unwrap();
        drop(seeded(dir.path(), 120, 4));
        // As sled leaves it when killed while writing the snapshot it
        // writes at every open: named after the newest position, cut short.
        let name = "snap.FFFFFFFFFFFFFFF0.generating";
        std::fs::write(dir.path().join(name), b"\x01\x02\x03 cut short").unwrap();
        let s = Store::open(dir.path()).expect("opens");
        assert_eq!(s.board().tasks.len(), 120);
        assert!(
            !dir.path().join(name).exists(),
            "the unfinished file is gone"
        );
        drop(s);
        // And the next open is as usual.
        assert_eq!(Store::open(dir.path()).unwrap().board().tasks.len(), 120);
    }
}
