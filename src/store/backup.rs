//! The whole database as one versioned, readable JSON document, and back:
//! `papi-board backup FILE` / `papi-board restore FILE`.
//!
//! ```text
//! { "format": "papi-board-backup", "version": 1, "program": "papi-board 0.1.0",
//!   "meta": { "plan": {…}, "next_id": 51, "next_seq": 4, "undo": {"lan": [3]}, "redo": {} },
//!   "units": […], "tasks": […], "history": […], "scores": […], "users": […] }
//! ```
//!
//! Every sled tree is one entry of `PARTS`: its name in the JSON, how its
//! records become JSON and back. A tree the list lacks makes `backup`
//! refuse rather than write a backup that silently loses it; a part absent
//! from an older backup restores as empty. Restoring writes every tree in
//! one transaction into an empty database, so the restored database gives
//! the same `list --json` and `status --json`, byte for byte.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use sled::Transactional;
use sled::transaction::ConflictableTransactionError;

use crate::domain::Lang;
use crate::domain::board::BoardMeta;
use crate::domain::task::Task;
use crate::domain::unit::Unit;
use crate::domain::user::User;

use super::codec::{self, HistoryEntry, SCHEMA};
use super::{K_BOARD, K_NEXT_ID, K_NEXT_SEQ, K_SCHEMA, Store, StoreError};

/// The value of "format".
pub const FORMAT: &str = "papi-board-backup";
/// The version this build writes; it reads this one and every older one.
pub const VERSION: u64 = 1;

/// Records of one tree: (key, value) as stored.
type Records = Vec<(Vec<u8>, Vec<u8>)>;

/// Why a tree could not be dumped.
enum Fault {
    /// A record this build does not know (a newer kind of data).
    Unknown(String),
    /// A record that does not decode.
    Bad(String),
}

impl From<String> for Fault {
    fn from(e: String) -> Self {
        Fault::Bad(e)
    }
}

impl From<&str> for Fault {
    fn from(e: &str) -> Self {
        Fault::Bad(e.to_string())
    }
}

/// One tree of the database in a backup.
struct Part {
    /// The key in the backup's JSON object.
    name: &'static str,
    /// The sled tree it lives in.
    tree: &'static str,
    /// The tree's records as JSON.
    dump: fn(&sled::Tree) -> Result<Value, Fault>,
    /// JSON back to the tree's records; `None` when the backup lacks the part.
    load: fn(Option<&Value>) -> Result<Records, String>,
}

/// Every tree of the database. A new tree is one more entry here.
const PARTS: &[Part] = &[
    Part {
        name: "meta",
        tree: "meta",
        dump: dump_meta,
        load: load_meta,
    },
    Part {
        name: "units",
        tree: "units",
        dump: |t| dump_list(t, codec::decode_unit),
        load: |v| load_list(v, |u: &Unit| u.code.as_bytes().to_vec(), codec::encode_unit),
    },
    Part {
        name: "tasks",
        tree: "tasks",
        dump: |t| dump_list(t, codec::decode_task),
        load: |v| {
            load_list(
                v,
                |t: &Task| t.id.to_be_bytes().to_vec(),
                codec::encode_task,
            )
        },
    },
    Part {
        name: "history",
        tree: "history",
        dump: |t| dump_list(t, codec::decode_history),
        load: |v| {
            load_list(
                v,
                |h: &HistoryEntry| h.seq.to_be_bytes().to_vec(),
                codec::encode_history,
            )
        },
    },
    Part {
        name: "scores",
        tree: "scores",
        dump: dump_scores,
        load: load_scores,
    },
    Part {
        name: "users",
        tree: "users",
        dump: |t| dump_list(t, codec::decode_user),
        load: |v| load_list(v, |u: &User| u.name.as_bytes().to_vec(), codec::encode_user),
    },
];

/// Why a backup was not written or not restored; nothing changed.
#[derive(Debug)]
pub enum BackupError {
    /// Not JSON at all: where the parser stopped.
    NotJson {
        line: usize,
        column: usize,
    },
    /// JSON, but not a papi-board backup.
    NotBackup,
    /// Written by a newer papi-board.
    Newer(u64),
    /// A part that does not read: "tasks[12]: missing field `title`".
    Bad(String),
    /// The database to restore into already holds a board.
    NotEmpty,
    /// The database has a tree this build cannot back up.
    Unknown(String),
    Store(StoreError),
}

impl From<StoreError> for BackupError {
    fn from(e: StoreError) -> Self {
        BackupError::Store(e)
    }
}

impl BackupError {
    /// The message, naming the file.
    pub fn message(&self, file: &str, lang: Lang) -> String {
        use BackupError::*;
        let vi = lang.is_vi();
        match self {
            NotJson { line, column } if vi => {
                format!("Tệp {file} không phải JSON đọc được (dòng {line}, cột {column})")
            }
            NotJson { line, column } => {
                format!("{file} is not readable JSON (line {line}, column {column})")
            }
            NotBackup if vi => format!("Tệp {file} không phải bản sao lưu của papi-board"),
            NotBackup => format!("{file} is not a papi-board backup"),
            Newer(v) if vi => format!(
                "Tệp {file} do phiên bản papi-board mới hơn tạo (bản sao lưu phiên bản {v}); hãy cập nhật chương trình"
            ),
            Newer(v) => format!(
                "{file} was made by a newer papi-board (backup version {v}); please update the program"
            ),
            Bad(m) if vi => format!("Tệp {file} hỏng ở {m}"),
            Bad(m) => format!("{file} is damaged at {m}"),
            NotEmpty if vi => format!(
                "Cơ sở dữ liệu đã có dữ liệu; không khôi phục {file} đè lên. Dùng --force để cất cơ sở dữ liệu cũ sang một bên rồi khôi phục"
            ),
            NotEmpty => format!(
                "The database already holds a board; {file} was not restored over it. Use --force to move the old database aside and restore"
            ),
            Unknown(t) if vi => format!(
                "Cơ sở dữ liệu có phần “{t}” mà phiên bản này chưa sao lưu được; không ghi {file} để khỏi mất dữ liệu"
            ),
            Unknown(t) => format!(
                "The database has a part “{t}” this version cannot back up; {file} was not written so nothing is lost"
            ),
            Store(e) => e.message(lang),
        }
    }
}

fn to_json<T: Serialize>(v: &T) -> Result<Value, String> {
    serde_json::to_value(v).map_err(|e| e.to_string())
}

fn dump_list<T: Serialize>(
    tree: &sled::Tree,
    decode: fn(&[u8]) -> Result<T, codec::DecodeError>,
) -> Result<Value, Fault> {
    let mut out = Vec::new();
    for kv in tree.iter() {
        let (_, v) = kv.map_err(|e| e.to_string())?;
        out.push(to_json(&decode(&v).map_err(|e| e.to_string())?)?);
    }
    Ok(Value::Array(out))
}

fn load_list<T: DeserializeOwned>(
    value: Option<&Value>,
    key: fn(&T) -> Vec<u8>,
    encode: fn(&T) -> Vec<u8>,
) -> Result<Records, String> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    let items = value.as_array().ok_or("not a list")?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let t: T = T::deserialize(item).map_err(|e| format!("[{i}]: {e}"))?;
        let k = key(&t);
        if out.iter().any(|(have, _): &(Vec<u8>, Vec<u8>)| *have == k) {
            return Err(format!("[{i}]: duplicate"));
        }
        out.push((k, encode(&t)));
    }
    Ok(out)
}

fn u64_of(b: &[u8]) -> Result<u64, String> {
    Ok(u64::from_be_bytes(b.try_into().map_err(|_| "bad counter")?))
}

/// The `meta` tree: plan details, counters, and each author's undo and
/// redo stacks. A key this build does not know stops the backup.
fn dump_meta(tree: &sled::Tree) -> Result<Value, Fault> {
    let mut out = Map::new();
    let (mut undo, mut redo) = (Map::new(), Map::new());
    for kv in tree.iter() {
        let (k, v) = kv.map_err(|e| e.to_string())?;
        let key = String::from_utf8_lossy(&k).into_owned();
        let ids = || codec::decode_ids(&v).map_err(|e| e.to_string());
        if k.as_ref() == K_SCHEMA {
            continue;
        } else if k.as_ref() == K_BOARD {
            out.insert(
                "plan".into(),
                to_json(&codec::decode_meta(&v).map_err(|e| e.to_string())?)?,
            );
        } else if k.as_ref() == K_NEXT_ID {
            out.insert("next_id".into(), json!(u64_of(&v)?));
        } else if k.as_ref() == K_NEXT_SEQ {
            out.insert("next_seq".into(), json!(u64_of(&v)?));
        } else if key == "readonly" {
            out.insert("readonly".into(), json!(true));
        } else if key == "rollover" && v.len() == 16 {
            // Which history entry made this board by rollover, and from which board.
            out.insert(
                "rollover".into(),
                json!([u64_of(&v[..8])?, u64_of(&v[8..])?]),
            );
        } else if let Some(author) = key.strip_prefix("undo:") {
            undo.insert(author.into(), json!(ids()?));
        } else if let Some(author) = key.strip_prefix("redo:") {
            redo.insert(author.into(), json!(ids()?));
        } else {
            return Err(Fault::Unknown(format!("meta “{key}”")));
        }
    }
    out.insert("undo".into(), Value::Object(undo));
    out.insert("redo".into(), Value::Object(redo));
    Ok(Value::Object(out))
}

fn load_meta(value: Option<&Value>) -> Result<Records, String> {
    let m = value.and_then(Value::as_object).ok_or("missing")?;
    let mut out: Records = vec![(K_SCHEMA.to_vec(), vec![SCHEMA])];
    if let Some(plan) = m.get("plan") {
        let plan = BoardMeta::deserialize(plan).map_err(|e| format!(".plan: {e}"))?;
        out.push((K_BOARD.to_vec(), codec::encode_meta(&plan)));
    }
    for (name, key) in [("next_id", K_NEXT_ID), ("next_seq", K_NEXT_SEQ)] {
        if let Some(v) = m.get(name) {
            let n = v.as_u64().ok_or_else(|| format!(".{name}: not a number"))?;
            out.push((key.to_vec(), n.to_be_bytes().to_vec()));
        }
    }
    if m.get("readonly").and_then(Value::as_bool) == Some(true) {
        out.push((b"readonly".to_vec(), vec![1]));
    }
    if let Some(r) = m.get("rollover") {
        let [seq, source] = <[u64; 2]>::deserialize(r).map_err(|e| format!(".rollover: {e}"))?;
        out.push((
            b"rollover".to_vec(),
            [seq.to_be_bytes(), source.to_be_bytes()].concat(),
        ));
    }
    for stack in ["undo", "redo"] {
        let Some(v) = m.get(stack) else { continue };
        let authors = v
            .as_object()
            .ok_or_else(|| format!(".{stack}: not an object"))?;
        for (author, ids) in authors {
            let ids =
                Vec::<u64>::deserialize(ids).map_err(|e| format!(".{stack}.{author}: {e}"))?;
            out.push((
                format!("{stack}:{author}").into_bytes(),
                codec::encode_ids(&ids),
            ));
        }
    }
    Ok(out)
}

/// Scores as `{"year": 2024, "area": 1, "centi": 512}` (hundredths, as kept).
fn dump_scores(tree: &sled::Tree) -> Result<Value, Fault> {
    let mut out = Vec::new();
    for kv in tree.iter() {
        let (k, v) = kv.map_err(|e| e.to_string())?;
        let (year, area) = codec::score_of_key(&k).ok_or("bad score key")?;
        let centi = codec::decode_score(&v).map_err(|e| e.to_string())?;
        out.push(json!({"year": year, "area": area, "centi": centi}));
    }
    Ok(Value::Array(out))
}

fn load_scores(value: Option<&Value>) -> Result<Records, String> {
    #[derive(serde::Deserialize)]
    struct Score {
        year: i32,
        area: crate::domain::area::AreaId,
        centi: u16,
    }
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    let items = value.as_array().ok_or("not a list")?;
    items
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let s = Score::deserialize(v).map_err(|e| format!("[{i}]: {e}"))?;
            Ok((
                codec::score_key(s.year, s.area).to_vec(),
                codec::encode_score(s.centi),
            ))
        })
        .collect()
}

/// A backup document: "format", "version" and "program" first, then the
/// parts in `PARTS` order (serde_json's own map would sort the keys).
struct Document {
    parts: Vec<(&'static str, Value)>,
}

impl Serialize for Document {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.parts.len() + 3))?;
        m.serialize_entry("format", FORMAT)?;
        m.serialize_entry("version", &VERSION)?;
        m.serialize_entry("program", concat!("papi-board ", env!("CARGO_PKG_VERSION")))?;
        for (name, v) in &self.parts {
            m.serialize_entry(name, v)?;
        }
        m.end()
    }
}

impl Store {
    /// The whole database as a backup document (pretty JSON).
    pub fn backup_json(&self) -> Result<String, BackupError> {
        let corrupt = |e: String| BackupError::Store(StoreError::Corrupt(self.path.clone(), e));
        for name in self.db.tree_names() {
            let name = String::from_utf8_lossy(&name).into_owned();
            let known = name == "__sled__default"
                || PARTS.iter().any(|p| p.tree == name)
                || other_board_tree(&name);
            if !known
                && !self
                    .db
                    .open_tree(&name)
                    .map_err(|e| corrupt(e.to_string()))?
                    .is_empty()
            {
                return Err(BackupError::Unknown(name));
            }
        }
        let mut parts = Vec::with_capacity(PARTS.len());
        for p in PARTS {
            let tree = self
                .db
                .open_tree(p.tree)
                .map_err(|e| corrupt(e.to_string()))?;
            let v = (p.dump)(&tree).map_err(|e| match e {
                Fault::Unknown(what) => BackupError::Unknown(what),
                Fault::Bad(e) => corrupt(format!("{}: {e}", p.name)),
            })?;
            parts.push((p.name, v));
        }
        // The plans of other years (board 2, 3, …), each with its own trees.
        let mut boards = serde_json::Map::new();
        for id in super::boards::ids(&self.db)
            .into_iter()
            .filter(|id| *id != 1)
        {
            let mut obj = serde_json::Map::new();
            for p in PARTS
                .iter()
                .filter(|p| super::boards::TREES.contains(&p.tree))
            {
                let tree = self
                    .db
                    .open_tree(super::boards::tree_name(id, p.tree))
                    .map_err(|e| corrupt(e.to_string()))?;
                let v = (p.dump)(&tree).map_err(|e| match e {
                    Fault::Unknown(what) => BackupError::Unknown(what),
                    Fault::Bad(e) => corrupt(format!("board {id} {}: {e}", p.name)),
                })?;
                obj.insert(p.name.to_string(), v);
            }
            boards.insert(id.to_string(), Value::Object(obj));
        }
        if !boards.is_empty() {
            parts.push(("boards", Value::Object(boards)));
        }
        let doc = Document { parts };
        let mut s = serde_json::to_string_pretty(&doc).expect("JSON values serialise");
        s.push('\n');
        Ok(s)
    }

    /// Restore a backup document into this database, which must be new
    /// (never given a board). All trees are written in one transaction,
    /// then the board is read back and checked; a board that breaks an
    /// invariant is taken out again and refused.
    pub fn restore_json(&mut self, bytes: &[u8]) -> Result<(), BackupError> {
        if !self.is_new() {
            return Err(BackupError::NotEmpty);
        }
        let doc: Value = serde_json::from_slice(bytes).map_err(|e| BackupError::NotJson {
            line: e.line(),
            column: e.column(),
        })?;
        if doc.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(BackupError::NotBackup);
        }
        match doc.get("version").and_then(Value::as_u64) {
            None | Some(0) => return Err(BackupError::NotBackup),
            Some(v) if v > VERSION => return Err(BackupError::Newer(v)),
            Some(_) => {}
        }
        let io = |e: String| BackupError::Store(StoreError::Io(self.path.clone(), e));
        let mut trees = Vec::new();
        let mut records = Vec::new();
        for p in PARTS {
            trees.push(self.db.open_tree(p.tree).map_err(|e| io(e.to_string()))?);
            let recs = (p.load)(doc.get(p.name)).map_err(|e| {
                let sep = if e.starts_with(['[', '.']) { "" } else { ": " };
                BackupError::Bad(format!("{}{sep}{e}", p.name))
            })?;
            records.push(recs);
        }
        if let Some(boards) = doc.get("boards").and_then(Value::as_object) {
            for (id, obj) in boards {
                let id: u32 = id
                    .parse()
                    .ok()
                    .filter(|i| *i > 1)
                    .ok_or_else(|| BackupError::Bad(format!("boards: “{id}”")))?;
                for p in PARTS
                    .iter()
                    .filter(|p| super::boards::TREES.contains(&p.tree))
                {
                    let name = super::boards::tree_name(id, p.tree);
                    trees.push(self.db.open_tree(&name).map_err(|e| io(e.to_string()))?);
                    let recs = (p.load)(obj.get(p.name))
                        .map_err(|e| BackupError::Bad(format!("boards.{id}.{}: {e}", p.name)))?;
                    records.push(recs);
                }
            }
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
            check_history(self, &doc).map_err(BackupError::Bad)
        });
        if let Err(e) = checked {
            let _ = write(true);
            let _ = self.db.flush();
            self.board = Default::default();
            self.digests = None;
            return Err(e);
        }
        Ok(())
    }
}

/// A tree of another year's board (`b2:tasks`, …), backed up under "boards".
fn other_board_tree(name: &str) -> bool {
    name.strip_prefix('b')
        .and_then(|r| r.split_once(':'))
        .is_some_and(|(id, base)| {
            id.parse::<u32>().is_ok_and(|i| i > 1) && super::boards::TREES.contains(&base)
        })
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
/// entries will not overwrite old ones.
fn check_history(store: &Store, doc: &Value) -> Result<(), String> {
    let history = store
        .history()
        .map_err(|e| format!("history: {}", e.message(Lang::En)))?;
    let max = history.iter().map(|h| h.seq).max().unwrap_or(0);
    let next = doc["meta"]["next_seq"].as_u64().unwrap_or(1);
    if next <= max {
        return Err(format!("meta.next_seq: {next} is not above {max}"));
    }
    for stack in ["undo", "redo"] {
        if let Some(authors) = doc["meta"][stack].as_object() {
            for (author, ids) in authors {
                for id in ids
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_u64)
                {
                    if !history.iter().any(|h| h.seq == id) {
                        return Err(format!("meta.{stack}.{author}: no history entry {id}"));
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every tree a store opens is in `PARTS`: a new tree without an entry
    /// there would make every backup refuse.
    #[test]
    fn every_tree_is_backed_up() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        for name in store.db.tree_names() {
            let name = String::from_utf8_lossy(&name).into_owned();
            assert!(
                name == "__sled__default" || PARTS.iter().any(|p| p.tree == name),
                "tree “{name}” has no entry in store::backup::PARTS"
            );
        }
    }
}
