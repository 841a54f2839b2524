//! Restoring a backup (format: `backup`): version 2 read line by line,
//! version 1 as one document; either gzip-compressed or not.
//!
//! The records are gathered per tree (checked for duplicates), then
//! written in one transaction into an empty database, read back and
//! checked; a board that breaks an invariant is taken out again and
//! refused, leaving the database empty.

use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, BufReader, Read};

use serde_json::Value;
use sled::Transactional;
use sled::transaction::ConflictableTransactionError;

use crate::domain::Lang;

use super::backup::{BackupError, FORMAT, PARTS, Record, VERSION, is_shared, load_meta, part};
use super::boards::tree_name;
use super::{K_NEXT_SEQ, Store, StoreError, u64_of};

/// The records of a backup, by tree name.
#[derive(Default)]
struct Gathered {
    trees: BTreeMap<String, Vec<Record>>,
    keys: BTreeMap<String, HashSet<Vec<u8>>>,
}

impl Gathered {
    /// One record of `part` of board `board`; `at` names it in a message.
    fn item(&mut self, board: u32, name: &str, item: &Value, at: &str) -> Result<(), String> {
        if name == "meta" {
            let recs = load_meta(item).map_err(|e| format!("{at}{e}"))?;
            let tree = tree_name(board, "meta");
            if self.trees.get(&tree).is_some_and(|r| !r.is_empty()) {
                return Err(format!("{at}: duplicate"));
            }
            self.trees.entry(tree).or_default().extend(recs);
            return Ok(());
        }
        let p = part(name).ok_or_else(|| format!("{at}: unknown part"))?;
        if is_shared(p.tree) && board != 1 {
            return Err(format!("{at}: unknown part"));
        }
        let (k, v) = (p.load)(item).map_err(|e| format!("{at}: {e}"))?;
        let tree = tree_name(board, p.tree);
        if !self.keys.entry(tree.clone()).or_default().insert(k.clone()) {
            return Err(format!("{at}: duplicate"));
        }
        self.trees.entry(tree).or_default().push((k, v));
        Ok(())
    }
}

/// Is the header `{"format": …, "version": …}` one this build reads?
fn header(doc: &Value) -> Result<u64, BackupError> {
    if doc.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(BackupError::NotBackup);
    }
    match doc.get("version").and_then(Value::as_u64) {
        None | Some(0) => Err(BackupError::NotBackup),
        Some(v) if v > VERSION => Err(BackupError::Newer(v)),
        Some(v) => Ok(v),
    }
}

fn not_json(e: &serde_json::Error, line: usize) -> BackupError {
    BackupError::NotJson {
        line: line + e.line() - 1,
        column: e.column(),
    }
}

/// Version 1: one document with every part as a list.
fn gather_v1(doc: &Value) -> Result<Gathered, BackupError> {
    let mut g = Gathered::default();
    let mut board = |id: u32, obj: &Value, prefix: &str| -> Result<(), BackupError> {
        let meta = obj
            .get("meta")
            .ok_or_else(|| BackupError::Bad(format!("{prefix}meta: missing")))?;
        g.item(id, "meta", meta, &format!("{prefix}meta"))
            .map_err(BackupError::Bad)?;
        for p in PARTS.iter().filter(|p| id == 1 || !is_shared(p.tree)) {
            let Some(list) = obj.get(p.name) else {
                continue;
            };
            let items = list
                .as_array()
                .ok_or_else(|| BackupError::Bad(format!("{prefix}{}: not a list", p.name)))?;
            for (i, item) in items.iter().enumerate() {
                g.item(id, p.name, item, &format!("{prefix}{}[{i}]", p.name))
                    .map_err(BackupError::Bad)?;
            }
        }
        Ok(())
    };
    board(1, doc, "")?;
    if let Some(boards) = doc.get("boards").and_then(Value::as_object) {
        for (id, obj) in boards {
            let n: u32 = id
                .parse()
                .ok()
                .filter(|i| *i > 1)
                .ok_or_else(|| BackupError::Bad(format!("boards: “{id}”")))?;
            board(n, obj, &format!("boards.{id}."))?;
        }
    }
    Ok(g)
}

/// Version 2: one record a line, then the count.
fn gather_v2(lines: impl BufRead) -> Result<Gathered, BackupError> {
    let mut g = Gathered::default();
    // Every line before the end is one record.
    for (records, line) in lines.lines().enumerate() {
        let n = records + 2;
        let bad = |what: String| BackupError::BadLine { line: n, what };
        let line = line.map_err(|e| bad(e.to_string()))?;
        let v: Value = serde_json::from_str(&line).map_err(|e| not_json(&e, n))?;
        let Value::Object(mut obj) = v else {
            return Err(bad("not an object".into()));
        };
        if let Some(end) = obj.get("end") {
            let said = end.get("records").and_then(Value::as_u64);
            if said != Some(records as u64) {
                return Err(bad(format!("{records} records, the end says {said:?}")));
            }
            return Ok(g);
        }
        let board = match obj.remove("board") {
            None => 1,
            Some(b) => b
                .as_u64()
                .and_then(|b| u32::try_from(b).ok())
                .filter(|b| *b > 1)
                .ok_or_else(|| bad(format!("board {b}")))?,
        };
        let mut parts = obj.into_iter();
        let (Some((name, item)), None) = (parts.next(), parts.next()) else {
            return Err(bad("not one record".into()));
        };
        g.item(board, &name, &item, &name).map_err(bad)?;
    }
    Err(BackupError::CutShort)
}

/// Read a backup of any version, compressed or not.
fn gather(r: impl Read) -> Result<Gathered, BackupError> {
    let mut r = BufReader::with_capacity(1 << 16, r);
    let gz = r.fill_buf().is_ok_and(|b| b.starts_with(&[0x1f, 0x8b]));
    let mut r: Box<dyn BufRead> = if gz {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(r)))
    } else {
        Box::new(r)
    };
    let mut first = String::new();
    r.read_line(&mut first)
        .map_err(|e| BackupError::Bad(format!("line 1: {e}")))?;
    if let Ok(doc) = serde_json::from_str::<Value>(&first)
        && doc.get("version").and_then(Value::as_u64) != Some(1)
    {
        header(&doc)?;
        return gather_v2(r);
    }
    // Version 1: the whole document (pretty-printed over many lines).
    let mut all = first.into_bytes();
    r.read_to_end(&mut all)
        .map_err(|e| BackupError::Bad(format!("{e}")))?;
    let doc: Value = serde_json::from_slice(&all).map_err(|e| not_json(&e, 1))?;
    header(&doc)?;
    gather_v1(&doc)
}

impl Store {
    /// Restore a backup into this database, which must be new (never given
    /// a board). All trees are written in one transaction, then the board
    /// is read back and checked; a board that breaks an invariant is taken
    /// out again and refused.
    pub fn restore_backup(&mut self, r: impl Read) -> Result<(), BackupError> {
        if !self.is_new() {
            return Err(BackupError::NotEmpty);
        }
        let g = gather(r)?;
        if !g.trees.contains_key("meta") {
            return Err(BackupError::Bad("meta: missing".into()));
        }
        self.finish_backup();
        let io = |e: String| BackupError::Store(StoreError::Io(self.path.clone(), e));
        let mut trees = Vec::new();
        let mut records = Vec::new();
        for (name, recs) in g.trees {
            trees.push(self.db.open_tree(&name).map_err(|e| io(e.to_string()))?);
            records.push(recs);
        }
        let write = |clear: bool| {
            trees.as_slice().transaction(|txs| {
                for (tx, recs) in txs.iter().zip(&records) {
                    for (k, v) in recs {
                        if clear {
                            tx.remove(k.as_slice())?;
                        } else {
                            tx.insert(k.as_slice(), v.as_slice())?;
                        }
                    }
                }
                Ok::<(), ConflictableTransactionError<()>>(())
            })
        };
        write(false).map_err(|e| io(format!("{e:?}")))?;
        self.db.flush().map_err(|e| io(e.to_string()))?;
        // A new revision before loading, so the digests made while loading
        // carry it and the views take them instead of reading every task.
        self.revision += 1;
        let checked = self.load().map_err(BackupError::from).and_then(|()| {
            check(&self.board).map_err(BackupError::Bad)?;
            check_history(self).map_err(BackupError::Bad)
        });
        if let Err(e) = checked {
            let _ = write(true);
            let _ = self.db.flush();
            self.board = Default::default();
            self.digests = None;
            self.memory_is_disk = false;
            return Err(e);
        }
        Ok(())
    }
}

/// The board's invariants: every task and user valid against the units.
fn check(board: &crate::domain::board::Board) -> Result<(), String> {
    for t in board.tasks.values() {
        board
            .validate(t)
            .map_err(|r| format!("tasks (#{}): {}", t.id, r.message(Lang::En)))?;
    }
    for u in board.users.values() {
        board
            .validate_user(u)
            .map_err(|r| format!("users ({}): {}", u.name, r.message(Lang::En)))?;
    }
    Ok(())
}

/// Undo and redo stacks point at history entries that exist, and new
/// entries will not overwrite old ones (read from the keys alone).
fn check_history(store: &Store) -> Result<(), String> {
    let mut seqs = HashSet::new();
    for k in store.history.iter().keys() {
        let k = k.map_err(|e| format!("history: {e}"))?;
        seqs.insert(u64_of(&k).ok_or("history: bad key")?);
    }
    let max = seqs.iter().max().copied().unwrap_or(0);
    let next = store
        .meta
        .get(K_NEXT_SEQ)
        .ok()
        .flatten()
        .and_then(|b| u64_of(&b))
        .unwrap_or(1);
    if next <= max {
        return Err(format!("meta.next_seq: {next} is not above {max}"));
    }
    for kv in store.meta.iter() {
        let (k, v) = kv.map_err(|e| format!("meta: {e}"))?;
        let key = String::from_utf8_lossy(&k);
        let Some(stack) = ["undo:", "redo:"].into_iter().find(|s| key.starts_with(s)) else {
            continue;
        };
        let ids = super::codec::decode_ids(&v).map_err(|e| format!("meta.{key}: {e}"))?;
        if let Some(id) = ids.iter().find(|id| !seqs.contains(id)) {
            let author = &key[stack.len()..];
            let stack = &stack[..4];
            return Err(format!("meta.{stack}.{author}: no history entry {id}"));
        }
    }
    Ok(())
}
