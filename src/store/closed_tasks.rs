//! The open board's tasks as this program left them at a clean close
//! (`closed.tasks` in the database directory), so the next open reads one
//! file instead of walking sled's tree.
//!
//! Walking the tree costs about as much as decoding the tasks, and sled
//! keeps every node it read in memory (its cache evicts only after many
//! more reads than one walk makes): at 100,000 tasks, 33 MB that the board
//! never needs again. The file holds each task's record as the store
//! encodes it, so it decodes exactly as the tree would — on two threads,
//! one half each.
//!
//! It is trusted only as `closed` trusts the sled files: `closed.mark`
//! fingerprints this file with them, so it is read only when every byte of
//! the database and of this file is what the clean close left. It is
//! written at that close from the board in memory, which the store keeps
//! equal to the tree (every change is applied to both or to neither) — and
//! only while it knows it is (`Store::memory_is_disk`). It is taken away at
//! every open, used or not, so an older one can never be fingerprinted
//! with newer sled files.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::Arc;

use crate::domain::board::Board;
use crate::domain::digest::Loading;
use crate::domain::task::Task;
use crate::domain::task_map::TaskMap;
use crate::domain::unit::Unit;

use super::codec::{self, DecodeError};

/// The file, in the database directory.
pub const FILE: &str = "closed.tasks";

const MAGIC: &[u8; 16] = b"papi-board tasks";
const VERSION: u8 = 1;

/// Where the records are, read from the file's header.
pub(super) struct Closed {
    file: File,
    /// The schema of the records, and the tree they came from.
    schema: u8,
    tree: String,
    count: u64,
    /// Record `half` starts at byte `half_at`; the first at `start`.
    half: u64,
    half_at: u64,
    start: u64,
}

/// At open, once the files are known to be those of a clean close
/// (`clean`): take the file away and keep it open to read. Not clean: only
/// take it away.
pub(super) fn take(db: &Path, clean: bool) -> Option<Closed> {
    let path = db.join(FILE);
    let file = clean.then(|| File::open(&path).ok()).flatten();
    let _ = std::fs::remove_file(&path);
    header(file?)
}

fn header(file: File) -> Option<Closed> {
    let mut r = BufReader::with_capacity(4096, &file);
    let mut magic = [0u8; 16];
    r.read_exact(&mut magic).ok()?;
    let mut b = [0u8; 4];
    r.read_exact(&mut b).ok()?;
    let [version, schema, n0, n1] = b;
    if &magic != MAGIC || version != VERSION {
        return None;
    }
    let mut tree = vec![0u8; usize::from(u16::from_le_bytes([n0, n1]))];
    r.read_exact(&mut tree).ok()?;
    let mut nums = [0u64; 3];
    for n in &mut nums {
        let mut b = [0u8; 8];
        r.read_exact(&mut b).ok()?;
        *n = u64::from_le_bytes(b);
    }
    let [count, half, half_at] = nums;
    let start = (16 + 4 + tree.len() + 24) as u64;
    drop(r);
    Some(Closed {
        file,
        schema,
        tree: String::from_utf8(tree).ok()?,
        count,
        half,
        half_at,
        start,
    })
}

impl Closed {
    /// Are these the records of `tree`, written with `schema`?
    pub(super) fn is_of(&self, tree: &str, schema: u8) -> bool {
        self.tree == tree && self.schema == schema
    }

    /// Every task, by id, with their digests; `None` if the file is not
    /// whole or a record does not decode (the caller then walks the tree,
    /// which says what is wrong, if anything is).
    pub(super) fn tasks(&self, units: &[Unit]) -> Option<(TaskMap, Loading)> {
        let (first, second) = std::thread::scope(|s| {
            let second = s.spawn(|| self.decode(self.half_at, self.count - self.half));
            let first = self.decode(self.start, self.half);
            (first, second.join().ok().flatten())
        });
        let (first, second) = (first?, second?);
        let mut digests = Loading::new(units);
        for t in first.iter().chain(&second) {
            digests.add(t);
        }
        let tasks = first.into_iter().chain(second).map(|t| (t.id, t)).collect();
        Some((tasks, digests))
    }

    /// `n` records from byte `at`.
    fn decode(&self, at: u64, n: u64) -> Option<Vec<Arc<Task>>> {
        let mut r = BufReader::with_capacity(
            1 << 16,
            At {
                file: &self.file,
                at,
            },
        );
        let mut out = Vec::with_capacity(usize::try_from(n).ok()?);
        let mut buf = Vec::new();
        for _ in 0..n {
            let mut len = [0u8; 4];
            r.read_exact(&mut len).ok()?;
            buf.resize(u32::from_le_bytes(len) as usize, 0);
            r.read_exact(&mut buf).ok()?;
            let t: Result<Task, DecodeError> = codec::decode_task(&buf);
            out.push(Arc::new(t.ok()?));
        }
        Some(out)
    }
}

/// A last check, cheap (two of sled's nodes): the first and the last
/// task of the file are those of the tree. The mark already vouches for
/// every byte; this guards against a store that wrote its trees without
/// its board and still said they were equal.
pub(super) fn ends_agree(tasks: &TaskMap, tree: &sled::Tree) -> bool {
    let key = |kv: sled::Result<Option<(sled::IVec, sled::IVec)>>| {
        kv.ok()
            .flatten()
            .and_then(|(k, _)| <[u8; 8]>::try_from(k.as_ref()).ok())
            .map(u64::from_be_bytes)
    };
    key(tree.first()) == tasks.keys().next().copied()
        && key(tree.last()) == tasks.keys().next_back().copied()
}

/// Reads `file` from `at` on, by position (both halves read one file).
struct At<'a> {
    file: &'a File,
    at: u64,
}

impl Read for At<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.file.read_at(buf, self.at)?;
        self.at += n as u64;
        Ok(n)
    }
}

/// At a clean close, before sled's files are fingerprinted: the tasks of
/// `board` (from `tree`, written with `schema`), whole or not at all.
pub(super) fn write(db: &Path, board: &Board, tree: &str, schema: u8) {
    let path = db.join(FILE);
    let tmp = db.join(format!("{FILE}.tmp"));
    let written = (|| -> std::io::Result<()> {
        // Streamed: the records are never all in memory at once. The
        // header's numbers are written last, once the half is known.
        let count = board.tasks.len() as u64;
        let half = count / 2;
        let start = (16 + 4 + tree.len() + 24) as u64;
        let mut w = BufWriter::with_capacity(1 << 16, super::private::create(&tmp)?);
        let name_len = u16::try_from(tree.len()).map_err(std::io::Error::other)?;
        w.write_all(MAGIC)?;
        w.write_all(&[VERSION, schema])?;
        w.write_all(&name_len.to_le_bytes())?;
        w.write_all(tree.as_bytes())?;
        w.write_all(&[0u8; 24])?;
        let (mut at, mut half_at) = (start, start);
        for (i, t) in board.tasks.values().enumerate() {
            if i as u64 == half {
                half_at = at;
            }
            let r = codec::encode_task(t);
            let len = u32::try_from(r.len()).map_err(std::io::Error::other)?;
            w.write_all(&len.to_le_bytes())?;
            w.write_all(&r)?;
            at += 4 + r.len() as u64;
        }
        let file = w.into_inner().map_err(|e| e.into_error())?;
        let mut nums = Vec::with_capacity(24);
        for n in [count, half, half_at] {
            nums.extend_from_slice(&n.to_le_bytes());
        }
        file.write_all_at(&nums, start - 24)?;
        std::fs::rename(&tmp, &path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(&path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::command::Command;
    use crate::domain::unit::plan_preset;
    use crate::store::seeded::{ctx, seeded};
    use crate::store::{Store, closed, load};

    /// A database with 300 tasks, changed after its seed, closed cleanly.
    fn closed_db() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let mut s = seeded(dir.path(), 300, 5);
        s.apply(
            Command::SetProgress {
                id: 7,
                progress: 60,
            },
            &ctx(),
        )
        .unwrap();
        s.apply(Command::DeleteTask(8), &ctx()).unwrap();
        s.apply(Command::DeleteTask(9), &ctx()).unwrap();
        s.undo(&ctx()).unwrap();
        drop(s);
        dir
    }

    /// What walking the tree gives, for the open store.
    fn walked(s: &Store) -> Vec<Task> {
        let (tasks, _) = load::tasks(&s.tasks, &s.board.units).ok().unwrap();
        tasks.values().map(|t| (**t).clone()).collect()
    }

    fn loaded(s: &Store) -> Vec<Task> {
        s.board().tasks.values().map(|t| (**t).clone()).collect()
    }

    #[test]
    fn the_next_open_reads_what_the_clean_close_left_and_it_equals_the_tree() {
        let dir = closed_db();
        assert!(dir.path().join(FILE).exists(), "written at the clean close");
        let s = Store::open(dir.path()).unwrap();
        assert!(!dir.path().join(FILE).exists(), "taken away at the open");
        let tasks = loaded(&s);
        assert_eq!(
            tasks.len(),
            299,
            "300 made, #8 deleted, #9 deleted then undone"
        );
        assert_eq!(
            tasks,
            walked(&s),
            "the same tasks as the tree, field for field"
        );
        assert_eq!(tasks.iter().find(|t| t.id == 7).unwrap().progress, 60);
        let digests = s.digests().expect("digests made while loading");
        let fresh = crate::domain::digest::Digests::full(s.board(), s.revision());
        assert_eq!(*digests, fresh);
        drop(s);
        assert!(closed::matches(dir.path()));
    }

    /// Change one title in the file, keeping its length.
    fn tamper(dir: &Path) {
        let path = dir.join(FILE);
        let mut bytes = std::fs::read(&path).unwrap();
        let at = memchr::memmem::find(&bytes, "Lấy".as_bytes())
            .or_else(|| memchr::memmem::find(&bytes, "Tổ".as_bytes()))
            .or_else(|| memchr::memmem::find(&bytes, "Rà".as_bytes()))
            .expect("a title to change");
        bytes[at] = b'X';
        std::fs::write(&path, &bytes).unwrap();
    }

    fn has_x_title(tasks: &[Task]) -> bool {
        tasks.iter().any(|t| t.title.starts_with('X'))
    }

    #[test]
    fn the_file_is_read_only_when_the_mark_vouches_for_its_bytes() {
        let dir = closed_db();
        // One byte changed after the close: the mark no longer matches, the
        // tree is walked and the change is not seen.
        tamper(dir.path());
        let s = Store::open(dir.path()).unwrap();
        assert!(!has_x_title(&loaded(&s)));
        assert_eq!(loaded(&s), walked(&s));
        drop(s);
        // The same change vouched for by a new mark is what the open
        // reads: the board comes from the file, not from the tree.
        tamper(dir.path());
        closed::record(dir.path());
        let s = Store::open(dir.path()).unwrap();
        assert!(has_x_title(&loaded(&s)), "loaded from the file");
    }

    #[test]
    fn after_a_crash_the_tree_is_walked() {
        let dir = closed_db();
        let mut s = Store::open(dir.path()).unwrap();
        s.apply(
            Command::SetProgress {
                id: 3,
                progress: 90,
            },
            &ctx(),
        )
        .unwrap();
        // As if killed: nothing is written at close, and the file the
        // clean close left before was taken away at the open.
        std::mem::forget(s);
        assert!(!dir.path().join(FILE).exists());
        assert!(!closed::matches(dir.path()));
    }

    #[test]
    fn a_file_of_another_board_or_schema_is_not_used() {
        let dir = closed_db();
        let c = take(dir.path(), true).expect("a whole file");
        assert!(c.is_of("tasks", super::super::SCHEMA));
        assert!(!c.is_of("b2:tasks", super::super::SCHEMA));
        assert!(!c.is_of("tasks", super::super::SCHEMA + 1));
        assert!(!dir.path().join(FILE).exists(), "taken");
        // Cut short: read as not whole, never as fewer tasks.
        let dir = closed_db();
        let path = dir.path().join(FILE);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 10]).unwrap();
        let c = take(dir.path(), true).unwrap();
        assert!(c.tasks(&plan_preset()).is_none());
    }
}
