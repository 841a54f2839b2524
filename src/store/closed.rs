//! The proof that a database's files are exactly as this program left
//! them when it closed them cleanly, so opening can skip the check of a
//! copy (`check::probe_before_open`), which at 20,000 tasks costs more
//! than everything else in opening (docs/performance.md).
//!
//! When a `Store` is dropped after a successful flush, sled is closed
//! first, then `closed.mark` records every sled file of the directory with
//! its length and CRC-32 of its bytes. At the next open, `matches` says
//! whether every file still matches, and `consume` deletes the mark before
//! sled opens the files. Any change in
//! between — a crash (no mark is written), another program writing, a
//! copy cut short, a flipped byte on disk — fails the comparison, and the
//! open checks a copy as before. The files the mark vouches for were
//! themselves opened only after a check, and since written only by sled.

use std::io::Read;
use std::path::{Path, PathBuf};

/// The file, in the database directory, holding the fingerprint.
pub const CLOSED: &str = "closed.mark";

/// The fingerprint of the sled files in `db`: one line per file,
/// "<len> <crc32> <path>", sorted by path. `None` when a file cannot be
/// read.
fn fingerprint(db: &Path) -> Option<String> {
    let mut files = Vec::new();
    collect(db, db, &mut files).ok()?;
    files.sort();
    let mut out = String::new();
    let mut buf = vec![0u8; 1 << 20];
    for rel in files {
        let mut f = std::fs::File::open(db.join(&rel)).ok()?;
        let mut crc = crc32fast::Hasher::new();
        let mut len = 0u64;
        loop {
            let n = f.read(&mut buf).ok()?;
            if n == 0 {
                break;
            }
            crc.update(&buf[..n]);
            len += n as u64;
        }
        out.push_str(&format!("{len} {:08x} {}\n", crc.finalize(), rel.display()));
    }
    Some(out)
}

/// Every file sled reads under `dir`: `conf`, `db`, `snap.*` and what is
/// in `blobs/`, and the tasks a clean close left beside them
/// (`closed_tasks`) — not this program's own files beside them (its marks, the
/// owner's socket and lock, the SSH host key), which come and go.
fn collect(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        let in_blobs = dir != root;
        if e.file_type()?.is_dir() {
            if !in_blobs && name == "blobs" {
                collect(root, &path, out)?;
            }
            continue;
        }
        let sleds = in_blobs
            || name == "conf"
            || name == "db"
            || name.starts_with("snap.")
            || name == super::closed_tasks::FILE;
        if sleds && let Ok(rel) = path.strip_prefix(root) {
            out.push(rel.to_path_buf());
        }
    }
    Ok(())
}

/// After sled has closed the files of `db`: record their fingerprint
/// (written whole or not at all). Failing to write it only makes the next
/// open check a copy.
pub fn record(db: &Path) {
    let Some(print) = fingerprint(db) else {
        return;
    };
    let tmp = db.join(format!("{CLOSED}.tmp"));
    if super::private::write(&tmp, print).is_ok() {
        let _ = std::fs::rename(&tmp, db.join(CLOSED));
    }
}

/// Before opening `db`: whether its files are exactly those the mark
/// records. A mark that does not match is left alone (a refused database
/// is left as it was); `consume` removes it once the files are opened.
pub fn matches(db: &Path) -> bool {
    let Ok(recorded) = std::fs::read_to_string(db.join(CLOSED)) else {
        return false;
    };
    !recorded.is_empty() && fingerprint(db).is_some_and(|now| now == recorded)
}

/// The files are about to be opened and changed: the mark vouches for one
/// open only. False if it is there and cannot be removed.
pub fn consume(db: &Path) -> bool {
    match std::fs::remove_file(db.join(CLOSED)) {
        Ok(()) => true,
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::command::Command;
    use crate::store::Store;
    use crate::store::seeded::{ctx, seeded};

    /// A database with 200 tasks, closed cleanly.
    fn closed_db() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        drop(seeded(dir.path(), 200, 3));
        dir
    }

    #[test]
    fn a_clean_close_vouches_for_exactly_the_files_it_left() {
        let dir = closed_db();
        assert!(matches(dir.path()), "just closed");
        // The mark vouches for one open: opening consumes it, and closing
        // again records the files as they are now.
        let s = Store::open(dir.path()).unwrap();
        assert!(!dir.path().join(CLOSED).exists(), "consumed while open");
        assert!(!matches(dir.path()));
        assert_eq!(s.board().tasks.len(), 200);
        drop(s);
        assert!(matches(dir.path()), "closed again");
    }

    #[test]
    fn one_flipped_byte_or_an_extra_file_is_not_vouched_for() {
        let dir = closed_db();
        let file = dir.path().join("db");
        let mut bytes = std::fs::read(&file).unwrap();
        let mid = bytes.len() / 2;
        bytes[mid] ^= 0x01;
        std::fs::write(&file, &bytes).unwrap();
        assert!(!matches(dir.path()), "same length, one bit differs");
        assert!(
            dir.path().join(CLOSED).exists(),
            "a mismatch removes nothing"
        );
        bytes[mid] ^= 0x01;
        std::fs::write(&file, &bytes).unwrap();
        assert!(matches(dir.path()), "the same bytes again");
        std::fs::write(dir.path().join("blobs").join("1"), b"x").unwrap();
        assert!(!matches(dir.path()), "a file sled would read");
    }

    #[test]
    fn a_store_that_never_closed_leaves_no_mark() {
        let dir = closed_db();
        let mut s = Store::open(dir.path()).unwrap();
        let id = *s.board().tasks.keys().next().unwrap();
        s.apply(Command::SetProgress { id, progress: 40 }, &ctx())
            .unwrap();
        // As if killed: sled and the store are never dropped.
        std::mem::forget(s);
        assert!(!matches(dir.path()));
    }
}
