//! Schema migration: the record shapes of past schemas, frozen, and the
//! step that rewrites a database of an older schema in the current one.
//!
//! bincode is not self-describing: a record is read with exactly the shape
//! it was written with. So every past shape that differs from today's is
//! kept here as its own type (`TaskV1`, `CommandV1`, `HistoryEntryV1`),
//! never edited again, with a conversion into today's type.
//!
//! Schema 2 added `Task::evidence` (minh chứng). Records of units, users,
//! plan details, scores and id lists did not change shape.
//!
//! A database of an older schema is migrated when it is opened: first an
//! automatic backup (see `autobackup`), then every record of every tree is
//! rewritten in the current schema and the schema marker set, all in one
//! sled transaction, flushed before the board is used. A crash before the
//! flush leaves the old database as it was; after it, the new one.

use serde::{Deserialize, Serialize};

use crate::domain::area::AreaId;
use crate::domain::board::BoardMeta;
use crate::domain::command::{ChecklistOp, Command};
use crate::domain::task::{CheckItem, Due, Millis, Note, Status, Task, TaskId};
use crate::domain::unit::Unit;
use crate::domain::unit::UnitCode;
use crate::domain::user::User;

use super::autobackup::Reason;
use super::codec::{self, DecodeError, HistoryEntry, SCHEMA};
use super::{K_BOARD, K_SCHEMA, Store, StoreError};

/// A task as schema 1 stored it: no `evidence`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TaskV1 {
    pub id: TaskId,
    pub title: String,
    pub description: String,
    pub area: u8,
    pub sub: Option<String>,
    pub lead: String,
    pub support: Vec<String>,
    pub status: Status,
    pub due: Due,
    pub progress: u8,
    pub output: String,
    pub notes: Vec<Note>,
    pub checklist: Vec<CheckItem>,
    pub created_at: Millis,
    pub updated_at: Millis,
    pub completed_at: Option<Millis>,
}

impl From<TaskV1> for Task {
    fn from(t: TaskV1) -> Task {
        Task {
            id: t.id,
            title: t.title,
            description: t.description,
            area: AreaId::from(t.area),
            sub: t.sub,
            lead: UnitCode::from(t.lead),
            support: t.support.into_iter().map(UnitCode::from).collect(),
            status: t.status,
            due: t.due,
            progress: t.progress,
            output: t.output,
            evidence: None,
            notes: t.notes,
            checklist: t.checklist,
            created_at: t.created_at,
            updated_at: t.updated_at,
            completed_at: t.completed_at,
        }
    }
}

/// `Command` as schema 1 stored it: the same variants in the same order,
/// with schema-1 tasks. Never reorder; never add variants here.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum CommandV1 {
    AddTask(TaskV1),
    DeleteTask(TaskId),
    PutTask(TaskV1),
    Edit(TaskV1),
    Move {
        id: TaskId,
        status: Status,
    },
    SetProgress {
        id: TaskId,
        progress: u8,
    },
    AddNote {
        id: TaskId,
        note: Note,
    },
    PutUnit(Unit),
    RemoveUnit(String),
    SetMeta(BoardMeta),
    SetScore {
        year: i32,
        area: u8,
        score: Option<u16>,
    },
    Checklist {
        id: TaskId,
        op: ChecklistOp,
    },
    Batch(Vec<CommandV1>),
    PutUser(User),
    RemoveUser(String),
}

impl From<CommandV1> for Command {
    fn from(c: CommandV1) -> Command {
        use CommandV1 as V;
        match c {
            V::AddTask(t) => Command::AddTask(t.into()),
            V::DeleteTask(id) => Command::DeleteTask(id),
            V::PutTask(t) => Command::PutTask(t.into()),
            V::Edit(t) => Command::Edit(t.into()),
            V::Move { id, status } => Command::Move { id, status },
            V::SetProgress { id, progress } => Command::SetProgress { id, progress },
            V::AddNote { id, note } => Command::AddNote { id, note },
            V::PutUnit(u) => Command::PutUnit(u),
            V::RemoveUnit(code) => Command::RemoveUnit(code.into()),
            V::SetMeta(m) => Command::SetMeta(m),
            V::SetScore { year, area, score } => Command::SetScore {
                year,
                area: area.into(),
                score,
            },
            V::Checklist { id, op } => Command::Checklist { id, op },
            V::Batch(cmds) => Command::Batch(cmds.into_iter().map(Command::from).collect()),
            V::PutUser(u) => Command::PutUser(u),
            V::RemoveUser(name) => Command::RemoveUser(name),
        }
    }
}

/// A history entry as schema 1 stored it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HistoryEntryV1 {
    pub seq: u64,
    pub at: Millis,
    pub author: String,
    pub cmd: CommandV1,
    pub inverse: CommandV1,
    pub reverses: Option<u64>,
}

impl From<HistoryEntryV1> for HistoryEntry {
    fn from(h: HistoryEntryV1) -> HistoryEntry {
        HistoryEntry {
            seq: h.seq,
            at: h.at,
            author: h.author,
            cmd: h.cmd.into(),
            inverse: h.inverse.into(),
            reverses: h.reverses,
        }
    }
}

/// How one tree's records are read (in any schema) and written again (in
/// the current one).
type Rewrite = fn(&[u8], &[u8]) -> Result<Vec<u8>, DecodeError>;

fn rewrite_meta(key: &[u8], v: &[u8]) -> Result<Vec<u8>, DecodeError> {
    if key == K_BOARD {
        codec::decode_meta(v).map(|m| codec::encode_meta(&m))
    } else if key.starts_with(b"undo:") || key.starts_with(b"redo:") {
        codec::decode_ids(v).map(|ids| codec::encode_ids(&ids))
    } else {
        // Counters and the schema marker are plain bytes, not records.
        Ok(v.to_vec())
    }
}

/// How records of each kind of tree are rewritten.
fn rewrite_for(base: &str) -> Rewrite {
    match base {
        "tasks" => |_, v| codec::decode_task(v).map(|t| codec::encode_task(&t)),
        "units" => |_, v| codec::decode_unit(v).map(|u| codec::encode_unit(&u)),
        "users" => |_, v| codec::decode_user(v).map(|u| codec::encode_user(&u)),
        "history" => |_, v| codec::decode_history(v).map(|h| codec::encode_history(&h)),
        "scores" => |_, v| codec::decode_score(v).map(codec::encode_score),
        _ => rewrite_meta,
    }
}

impl Store {
    /// Bring a database of an older schema to the current one (see the
    /// module comment). Nothing happens for a new or current database.
    pub(super) fn migrate(&mut self) -> Result<(), StoreError> {
        let path = self.path.clone();
        let corrupt = |e: String| StoreError::Corrupt(path.clone(), e);
        let from = match self
            .meta
            .get(K_SCHEMA)
            .map_err(|e| corrupt(e.to_string()))?
        {
            Some(v) if v.len() == 1 && (1..SCHEMA).contains(&v[0]) => v[0],
            _ => return Ok(()),
        };
        self.auto_backup(Reason::Migration).map_err(|e| {
            StoreError::Io(
                path.clone(),
                format!(
                    "no migration from schema {from} without a backup first: {}",
                    e.message(
                        &super::autobackup::dir_for(&path).display().to_string(),
                        crate::domain::Lang::En
                    )
                ),
            )
        })?;
        let mut trees = Vec::new();
        let mut records = Vec::new();
        // Every tree of every board; the first board's `meta` last, as it
        // holds the schema marker.
        let mut names: Vec<(String, &str)> = self
            .db
            .tree_names()
            .iter()
            .filter_map(|n| {
                let n = String::from_utf8_lossy(n).into_owned();
                let (_, base) = super::check::split_tree(&n)?;
                Some((n, base))
            })
            .filter(|(n, _)| n != "meta")
            .collect();
        names.push(("meta".into(), "meta"));
        for (name, base) in &names {
            let rewrite = rewrite_for(base);
            let tree = self
                .db
                .open_tree(name)
                .map_err(|e| corrupt(e.to_string()))?;
            let mut recs = Vec::new();
            for kv in tree.iter() {
                let (k, v) = kv.map_err(|e| corrupt(e.to_string()))?;
                let new = rewrite(&k, &v).map_err(|e| match e {
                    DecodeError::Newer(v) => StoreError::Newer(path.clone(), v),
                    e => corrupt(format!("{name}: {e}")),
                })?;
                recs.push((k.to_vec(), new));
            }
            trees.push(tree);
            records.push(recs);
        }
        use sled::Transactional;
        use sled::transaction::ConflictableTransactionError;
        trees
            .as_slice()
            .transaction(|txs| {
                for (tx, recs) in txs.iter().zip(&records) {
                    for (k, v) in recs {
                        tx.insert(k.as_slice(), v.as_slice())?;
                    }
                }
                // The first board's `meta` is last.
                txs[txs.len() - 1].insert(K_SCHEMA, &[SCHEMA])?;
                Ok::<(), ConflictableTransactionError<()>>(())
            })
            .map_err(|e| StoreError::Io(path.clone(), format!("{e:?}")))?;
        self.db
            .flush()
            .map_err(|e| StoreError::Io(path.clone(), e.to_string()))?;
        Ok(())
    }
}
