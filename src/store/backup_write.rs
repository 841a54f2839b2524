//! Writing a backup (format: `backup`), record by record.
//!
//! `Store::backup_source` takes what the backup needs at one moment —
//! cheaply: the open board is shared (`Arc<Board>`), the `meta` records
//! are few, and the history is bounded by the counter of that moment — so
//! `BackupSource::write` can run on another thread while the store goes on
//! changing (the daily backup, `autobackup`). Other boards' trees are read
//! as they are: only the open board changes while a backup is written
//! (switching boards waits for it, `Store::finish_backup`).

use std::io::Write;
use std::sync::Arc;

use serde_json::Value;

use crate::domain::board::Board;

use super::backup::{
    self, BackupError, FORMAT, Fault, PARTS, VERSION, dump_meta, is_shared, known_tree, write_json,
};
use super::boards::{self, tree_name};
use super::{K_NEXT_SEQ, Store, StoreError, u64_of};

/// The open board as it was at the moment of the snapshot.
struct Live {
    id: u32,
    board: Arc<Board>,
    /// History entries below this were written by that moment.
    next_seq: u64,
}

/// What a backup reads, fixed at one moment (see the module comment).
pub struct BackupSource {
    db: sled::Db,
    path: std::path::PathBuf,
    live: Option<Live>,
    /// Every board, in id order, with its `meta` object.
    boards: Vec<(u32, Value)>,
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub records: u64,
}

/// Counts the records and tags each line with its board.
struct Lines<'a> {
    w: &'a mut dyn Write,
    records: u64,
}

impl Lines<'_> {
    /// `{"board":N,"part":…}` (no tag for board 1), the item written by `item`.
    fn line(
        &mut self,
        board: u32,
        part: &str,
        item: impl FnOnce(&mut dyn Write) -> Result<(), Fault>,
    ) -> Result<(), Fault> {
        if board == 1 {
            write!(self.w, "{{\"{part}\":")?;
        } else {
            write!(self.w, "{{\"board\":{board},\"{part}\":")?;
        }
        item(&mut *self.w)?;
        self.w.write_all(b"}\n")?;
        self.records += 1;
        Ok(())
    }
}

impl Store {
    /// What a backup of the whole database reads, as of now. `live`: take
    /// the open board from memory (it must be loaded); otherwise every
    /// record is read from the trees (before a migration, when the board
    /// is not loaded yet).
    pub(super) fn source_of(&self, live: bool) -> Result<BackupSource, BackupError> {
        let corrupt = |e: String| BackupError::Store(StoreError::Corrupt(self.path.clone(), e));
        for name in self.db.tree_names() {
            let name = String::from_utf8_lossy(&name).into_owned();
            let empty = || self.db.open_tree(&name).map(|t| t.is_empty());
            if !known_tree(&name) && !empty().map_err(|e| corrupt(e.to_string()))? {
                return Err(BackupError::Unknown(name));
            }
        }
        let mut boards = Vec::new();
        for id in boards::ids(&self.db) {
            let tree = self
                .db
                .open_tree(tree_name(id, "meta"))
                .map_err(|e| corrupt(e.to_string()))?;
            let meta = dump_meta(&tree).map_err(|e| match e {
                Fault::Unknown(what) => BackupError::Unknown(what),
                Fault::Bad(e) => corrupt(format!("meta: {e}")),
            })?;
            boards.push((id, meta));
        }
        let live = live.then(|| Live {
            id: self.board_id,
            board: self.board_snapshot(),
            next_seq: self
                .meta
                .get(K_NEXT_SEQ)
                .ok()
                .flatten()
                .and_then(|b| u64_of(&b))
                .unwrap_or(1),
        });
        Ok(BackupSource {
            db: self.db.clone(),
            path: self.path.clone(),
            live,
            boards,
        })
    }

    /// What a backup of the whole database reads, as of now, to be
    /// written by `BackupSource::write` (on this thread or another).
    pub fn backup_source(&self) -> Result<BackupSource, BackupError> {
        self.source_of(true)
    }

    /// Write a backup of the whole database to `w` (see `backup`).
    pub fn write_backup(&self, w: &mut dyn Write) -> Result<Written, BackupError> {
        self.source_of(true)?.write(w)
    }
}

impl BackupSource {
    /// Write the backup to `w`, one record a line. The caller compresses
    /// and syncs as it likes.
    pub fn write(&self, w: &mut dyn Write) -> Result<Written, BackupError> {
        let mut out = Lines { w, records: 0 };
        self.write_all(&mut out).map_err(|e| match e {
            Fault::Unknown(what) => BackupError::Unknown(what),
            Fault::Bad(e) => BackupError::Store(StoreError::Io(self.path.clone(), e)),
        })?;
        let records = out.records;
        writeln!(out.w, "{{\"end\":{{\"records\":{records}}}}}")
            .and_then(|()| out.w.flush())
            .map_err(|e| BackupError::Store(StoreError::Io(self.path.clone(), e.to_string())))?;
        Ok(Written { records })
    }

    fn write_all(&self, out: &mut Lines) -> Result<(), Fault> {
        let program = concat!("papi-board ", env!("CARGO_PKG_VERSION"));
        writeln!(
            out.w,
            "{{\"format\":\"{FORMAT}\",\"version\":{VERSION},\"program\":\"{program}\"}}"
        )?;
        for (id, meta) in &self.boards {
            out.line(*id, "meta", |w| write_json(w, meta))?;
            match &self.live {
                Some(live) if live.id == *id => self.write_live(out, live)?,
                _ => self.write_stored(out, *id)?,
            }
        }
        match &self.live {
            Some(live) => write_shared(out, &live.board),
            None => {
                for p in PARTS.iter().filter(|p| is_shared(p.tree)) {
                    self.write_tree(out, 1, p, &self.tree(p.tree)?, None)?;
                }
                Ok(())
            }
        }
    }

    fn tree(&self, name: &str) -> Result<sled::Tree, Fault> {
        self.db
            .open_tree(name)
            .map_err(|e| Fault::Bad(e.to_string()))
    }

    /// Every record of one tree, up to `below` (a key) if given.
    fn write_tree(
        &self,
        out: &mut Lines,
        board: u32,
        part: &backup::Part,
        tree: &sled::Tree,
        below: Option<[u8; 8]>,
    ) -> Result<(), Fault> {
        let records = match below {
            Some(end) => tree.range(..end),
            None => tree.iter(),
        };
        for kv in records {
            let (k, v) = kv.map_err(|e| e.to_string())?;
            out.line(board, part.name, |w| (part.dump)(&k, &v, w))
                .map_err(|e| match e {
                    Fault::Bad(e) => Fault::Bad(format!("{} {}: {e}", board, part.name)),
                    unknown => unknown,
                })?;
        }
        Ok(())
    }

    /// A board that is not open: its trees as they are.
    fn write_stored(&self, out: &mut Lines, id: u32) -> Result<(), Fault> {
        for p in PARTS.iter().filter(|p| !is_shared(p.tree)) {
            self.write_tree(out, id, p, &self.tree(&tree_name(id, p.tree))?, None)?;
        }
        Ok(())
    }

    /// The open board from memory, and its history up to the snapshot.
    fn write_live(&self, out: &mut Lines, live: &Live) -> Result<(), Fault> {
        let id = live.id;
        for u in &live.board.units {
            out.line(id, "units", |w| write_json(w, u))?;
        }
        for t in live.board.tasks.values() {
            out.line(id, "tasks", |w| write_json(w, &**t))?;
        }
        let history = backup::part("history").expect("a history part");
        let tree = self.tree(&tree_name(id, "history"))?;
        self.write_tree(out, id, history, &tree, Some(live.next_seq.to_be_bytes()))
    }
}

/// Users and scores (shared by every board) from the board in memory.
fn write_shared(out: &mut Lines, board: &Board) -> Result<(), Fault> {
    for ((year, area), centi) in &board.scores {
        out.line(1, "scores", |w| {
            write_json(w, &backup::score_json(*year, *area, *centi))
        })?;
    }
    for u in board.users.values() {
        out.line(1, "users", |w| write_json(w, u))?;
    }
    Ok(())
}
