//! The whole database as a readable, versioned backup, and back:
//! `papi-board backup FILE` / `papi-board restore FILE`, and the automatic
//! backups (`autobackup`).
//!
//! Version 2, written by this build: JSON lines, one record a line, so a
//! backup is written and read record by record and never held whole in
//! memory. Automatic backups (and any `FILE` ending in `.gz`) are gzip
//! compressed; `zcat` shows them.
//!
//! ```text
//! {"format":"papi-board-backup","version":2,"program":"papi-board 0.1.0"}
//! {"meta":{"plan":{…},"next_id":51,"next_seq":4,"undo":{"lan":[3]},"redo":{}}}
//! {"units":{"code":"vp",…}}
//! {"tasks":{"id":1,"title":"…",…}}
//! {"history":{"seq":1,…}}
//! {"scores":{"year":2024,"area":1,"centi":512}}
//! {"users":{"name":"lan",…}}
//! {"board":2,"meta":{…}}            (the plans of other years, each tagged)
//! {"board":2,"tasks":{…}}
//! {"end":{"records":1234}}
//! ```
//!
//! The last line counts the records, so a backup cut short is refused
//! instead of restoring part of a board. Version 1 — one JSON document with
//! the same parts as lists (`{"format":…,"version":1,"meta":{…},"units":[…],
//! …,"boards":{"2":{…}}}`) — is still read.
//!
//! Each record is its domain type through serde (`Task`, `HistoryEntry`, …),
//! so a field added to a type is carried by the backup with no change
//! here. Every sled tree is `meta` or one entry of `PARTS`; a tree the list
//! lacks makes `backup` refuse rather than write a backup that silently
//! loses it. Restoring writes every tree in one transaction into an empty
//! database, so the restored database gives the same `list --json` and
//! `status --json`, byte for byte.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::domain::Lang;
use crate::domain::area::AreaId;
use crate::domain::board::BoardMeta;
use crate::domain::task::Task;
use crate::domain::unit::Unit;
use crate::domain::user::User;

use super::codec::{self, HistoryEntry, SCHEMA};
use super::{K_BOARD, K_NEXT_ID, K_NEXT_SEQ, K_SCHEMA, StoreError};

/// The value of "format".
pub const FORMAT: &str = "papi-board-backup";
/// The version this build writes; it reads this one and every older one.
pub const VERSION: u64 = 2;

/// One stored record: (key, value) as in sled.
pub(super) type Record = (Vec<u8>, Vec<u8>);

/// Why a tree could not be dumped.
pub(super) enum Fault {
    /// A record this build does not know (a newer kind of data).
    Unknown(String),
    /// A record that does not decode, or a write that failed.
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

impl From<std::io::Error> for Fault {
    fn from(e: std::io::Error) -> Self {
        Fault::Bad(e.to_string())
    }
}

/// Writes one stored (key, value) record as JSON.
pub(super) type DumpFn = fn(&[u8], &[u8], &mut dyn std::io::Write) -> Result<(), Fault>;

/// One kind of record kept as a list: its name in the backup, its tree
/// (`boards::tree_name` gives another board's), and the conversions.
pub(super) struct Part {
    pub name: &'static str,
    pub tree: &'static str,
    /// One stored record, written as JSON.
    pub dump: DumpFn,
    /// One JSON item back to its stored record.
    pub load: fn(&Value) -> Result<Record, String>,
}

/// Every tree besides `meta`. A new tree is one more entry here.
pub(super) const PARTS: &[Part] = &[
    Part {
        name: "units",
        tree: "units",
        dump: |_, v, w| dump_with(v, w, codec::decode_unit),
        load: |v| load_item(v, |u: &Unit| u.code.as_bytes().to_vec(), codec::encode_unit),
    },
    Part {
        name: "tasks",
        tree: "tasks",
        dump: |_, v, w| dump_with(v, w, codec::decode_task),
        load: load_task,
    },
    Part {
        name: "history",
        tree: "history",
        dump: |_, v, w| dump_with(v, w, codec::decode_history),
        load: |v| {
            load_item(
                v,
                |h: &HistoryEntry| h.seq.to_be_bytes().to_vec(),
                codec::encode_history,
            )
        },
    },
    Part {
        name: "scores",
        tree: "scores",
        dump: dump_score,
        load: load_score,
    },
    Part {
        name: "users",
        tree: "users",
        dump: |_, v, w| dump_with(v, w, codec::decode_user),
        load: |v| load_item(v, |u: &User| u.name.as_bytes().to_vec(), codec::encode_user),
    },
];

/// The part called `name`.
pub(super) fn part(name: &str) -> Option<&'static Part> {
    PARTS.iter().find(|p| p.name == name)
}

/// Parts shared by every board (one tree, not one per board).
pub(super) fn is_shared(tree: &str) -> bool {
    tree == "users" || tree == "scores"
}

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
    /// A version-2 backup without its closing line: cut short.
    CutShort,
    /// A line that does not read (version 2): its number and why.
    BadLine {
        line: usize,
        what: String,
    },
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
            CutShort if vi => format!("Tệp {file} bị cắt ngang (thiếu dòng kết thúc)"),
            CutShort => format!("{file} is cut short (its closing line is missing)"),
            BadLine { line, what } if vi => format!("Tệp {file} hỏng ở dòng {line} ({what})"),
            BadLine { line, what } => format!("{file} is damaged at line {line} ({what})"),
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

/// Write `v` as compact JSON.
pub(super) fn write_json<T: Serialize + ?Sized>(
    w: &mut dyn std::io::Write,
    v: &T,
) -> Result<(), Fault> {
    serde_json::to_writer(w, v).map_err(|e| Fault::Bad(e.to_string()))
}

fn dump_with<T: Serialize>(
    v: &[u8],
    w: &mut dyn std::io::Write,
    decode: fn(&[u8]) -> Result<T, codec::DecodeError>,
) -> Result<(), Fault> {
    write_json(w, &decode(v).map_err(|e| e.to_string())?)
}

fn load_item<T: DeserializeOwned>(
    item: &Value,
    key: fn(&T) -> Vec<u8>,
    encode: fn(&T) -> Vec<u8>,
) -> Result<Record, String> {
    let t = T::deserialize(item).map_err(|e| e.to_string())?;
    Ok((key(&t), encode(&t)))
}

/// A task of a backup. One written before schema 3 has no "problems":
/// it reads as a migrated schema-2 record does (`shapes::blocked_note_as_problem`).
fn load_task(item: &Value) -> Result<Record, String> {
    let mut t = Task::deserialize(item).map_err(|e| e.to_string())?;
    if item.get("problems").is_none() {
        super::shapes::blocked_note_as_problem(&mut t);
    }
    Ok((t.id.to_be_bytes().to_vec(), codec::encode_task(&t)))
}

fn u64_of(b: &[u8]) -> Result<u64, String> {
    Ok(u64::from_be_bytes(b.try_into().map_err(|_| "bad counter")?))
}

/// A score as `{"year": 2024, "area": 1, "centi": 512}` (hundredths, as kept).
pub(super) fn score_json(year: i32, area: AreaId, centi: u16) -> Value {
    json!({"year": year, "area": area, "centi": centi})
}

fn dump_score(k: &[u8], v: &[u8], w: &mut dyn std::io::Write) -> Result<(), Fault> {
    let (year, area) = codec::score_of_key(k).ok_or("bad score key")?;
    let centi = codec::decode_score(v).map_err(|e| e.to_string())?;
    write_json(w, &score_json(year, area, centi))
}

fn load_score(item: &Value) -> Result<Record, String> {
    #[derive(serde::Deserialize)]
    struct Score {
        year: i32,
        area: u8,
        centi: u16,
    }
    let s = Score::deserialize(item).map_err(|e| e.to_string())?;
    Ok((
        codec::score_key(s.year, AreaId::from(s.area)).to_vec(),
        codec::encode_score(s.centi),
    ))
}

/// The `meta` tree as one object: plan details, counters, and each
/// author's undo and redo stacks. A key this build does not know stops
/// the backup.
pub(super) fn dump_meta(tree: &sled::Tree) -> Result<Value, Fault> {
    let mut out = Map::new();
    let (mut undo, mut redo) = (Map::new(), Map::new());
    for kv in tree.iter() {
        let (k, v) = kv.map_err(|e| e.to_string())?;
        let key = String::from_utf8_lossy(&k).into_owned();
        let ids = || codec::decode_ids(&v).map_err(|e| e.to_string());
        if k.as_ref() == K_SCHEMA {
            continue;
        } else if k.as_ref() == K_BOARD {
            let plan = codec::decode_meta(&v).map_err(|e| e.to_string())?;
            out.insert("plan".into(), to_value(&plan)?);
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

fn to_value<T: Serialize>(v: &T) -> Result<Value, String> {
    serde_json::to_value(v).map_err(|e| e.to_string())
}

/// The `meta` object back to its records (the schema marker first).
pub(super) fn load_meta(value: &Value) -> Result<Vec<Record>, String> {
    let m = value.as_object().ok_or("not an object")?;
    let mut out: Vec<Record> = vec![(K_SCHEMA.to_vec(), vec![SCHEMA])];
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

/// A tree of another year's board (`b2:tasks`, …), backed up tagged with
/// its board.
pub(super) fn other_board_tree(name: &str) -> bool {
    name.strip_prefix('b')
        .and_then(|r| r.split_once(':'))
        .is_some_and(|(id, base)| {
            id.parse::<u32>().is_ok_and(|i| i > 1) && super::boards::TREES.contains(&base)
        })
}

/// Who has looked at which card (`store::seen`): known, and left out of
/// backups on purpose — a restored database starts with nothing marked.
fn is_seen_tree(name: &str) -> bool {
    name == super::seen::TREE
        || name
            .strip_prefix('b')
            .and_then(|r| r.split_once(':'))
            .is_some_and(|(id, base)| id.parse::<u32>().is_ok() && base == super::seen::TREE)
}

/// Is `name` a tree the backup knows?
pub(super) fn known_tree(name: &str) -> bool {
    name == "__sled__default"
        || name == "meta"
        || is_seen_tree(name)
        || PARTS.iter().any(|p| p.tree == name)
        || other_board_tree(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// Every tree a store opens is backed up: a new tree without an entry
    /// in `PARTS` would make every backup refuse.
    #[test]
    fn every_tree_is_backed_up() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        for name in store.db.tree_names() {
            let name = String::from_utf8_lossy(&name).into_owned();
            assert!(
                known_tree(&name) && !other_board_tree(&name),
                "tree “{name}” has no entry in store::backup::PARTS"
            );
        }
    }
}
