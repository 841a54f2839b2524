//! Record encoding: one version byte, then bincode. bincode is not
//! self-describing, so every record carries the schema version it was
//! written with, and `decode_*` keeps a decoder for every past version.
//!
//! Version history:
//! - 1: the first schema (`Task`, `Unit`, `BoardMeta`, `HistoryEntry` as in 0.1).
//!   Later additions that old records still decode with: the `scores` tree
//!   (a score in hundredths, `u16`) and `Command::SetScore`, appended last
//!   so every older command keeps its bincode variant index.
//!   Then the `users` tree (name → `User`) and `Command::PutUser` /
//!   `Command::RemoveUser`, appended after `Batch` for the same reason.
//!   Frozen by `tests/fixtures/history-v1.bin` (one of every command).
//! - 2: `Task::evidence` (minh chứng). Tasks and history entries (which
//!   hold tasks) changed shape; schema-1 shapes are kept in `shapes`, and a
//!   schema-1 database is rewritten in the current schema when opened.
//!   Frozen by `tests/fixtures/history-v2.bin` and `db-v2.tar.gz`.
//! - 3: what a report says of a task: `Note::result`, `Task::problems`
//!   (khó khăn, vướng mắc, dated), `Task::proposal`; `BoardMeta::signing`
//!   (who signs, Nơi nhận); `Command::Block` appended. Tasks, notes, plan
//!   details and history entries changed shape; schema-2 shapes are kept in
//!   `shapes`.
//!
//! Why bincode and not a self-describing format (JSON, MessagePack): a
//! 10,000-task board loads in tens of milliseconds and the history of a
//! task is read from every entry each time its details open; bincode is
//! the fastest and smallest of these. The price is that a change of shape
//! needs a new schema and a frozen copy of the old shape in `migrate`, and
//! that enum variants are stored by position: append, never reorder. The
//! committed fixtures of every schema make a mistake fail the tests.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::domain::area::AreaId;
use crate::domain::board::BoardMeta;
use crate::domain::command::Command;
use crate::domain::task::{Millis, Task};
use crate::domain::unit::Unit;
use crate::domain::user::User;

use super::shapes;

/// The schema version this build writes.
pub const SCHEMA: u8 = 3;

/// A record could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    /// Written by a newer papi-board.
    Newer(u8),
    Garbled(String),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "empty record"),
            DecodeError::Newer(v) => write!(f, "record of schema {v}, newer than {SCHEMA}"),
            DecodeError::Garbled(e) => write!(f, "unreadable record: {e}"),
        }
    }
}

/// One entry of the history: who, when, what, and how to undo it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub seq: u64,
    pub at: Millis,
    pub author: String,
    pub cmd: Command,
    pub inverse: Command,
    /// For undo/redo entries: the entry they reverse.
    pub reverses: Option<u64>,
}

fn options() -> impl bincode::Options {
    use bincode::Options;
    // A bound keeps a garbled length prefix from allocating gigabytes.
    bincode::DefaultOptions::new()
        .with_fixint_encoding()
        .with_limit(64 * 1024 * 1024)
}

fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    use bincode::Options;
    let mut out = vec![SCHEMA];
    options()
        .serialize_into(&mut out, value)
        .expect("in-memory encoding cannot fail");
    out
}

/// The schema a record was written with, and its body.
fn split(bytes: &[u8]) -> Result<(u8, &[u8]), DecodeError> {
    let (&version, body) = bytes.split_first().ok_or(DecodeError::Empty)?;
    match version {
        1..=SCHEMA => Ok((version, body)),
        v if v > SCHEMA => Err(DecodeError::Newer(v)),
        v => Err(DecodeError::Garbled(format!("unknown schema {v}"))),
    }
}

fn body<T: DeserializeOwned>(body: &[u8]) -> Result<T, DecodeError> {
    use bincode::Options;
    options()
        .deserialize(body)
        .map_err(|e| DecodeError::Garbled(e.to_string()))
}

/// A record whose shape is the same in every schema so far.
fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    body(split(bytes)?.1)
}

/// The schema a record was written with (None for an empty record).
pub fn version_of(bytes: &[u8]) -> Option<u8> {
    bytes.first().copied()
}

pub fn encode_task(t: &Task) -> Vec<u8> {
    encode(t)
}
pub fn decode_task(b: &[u8]) -> Result<Task, DecodeError> {
    match split(b)? {
        (1, b) => body::<shapes::TaskV1>(b).map(Task::from),
        (2, b) => body::<shapes::TaskV2>(b).map(Task::from),
        (_, b) => body(b),
    }
}
pub fn encode_unit(u: &Unit) -> Vec<u8> {
    encode(u)
}
pub fn decode_unit(b: &[u8]) -> Result<Unit, DecodeError> {
    decode(b)
}
pub fn encode_user(u: &User) -> Vec<u8> {
    encode(u)
}
pub fn decode_user(b: &[u8]) -> Result<User, DecodeError> {
    decode(b)
}
pub fn encode_meta(m: &BoardMeta) -> Vec<u8> {
    encode(m)
}
pub fn decode_meta(b: &[u8]) -> Result<BoardMeta, DecodeError> {
    match split(b)? {
        (1 | 2, b) => body::<shapes::BoardMetaV2>(b).map(BoardMeta::from),
        (_, b) => body(b),
    }
}
pub fn encode_history(h: &HistoryEntry) -> Vec<u8> {
    encode(h)
}
pub fn decode_history(b: &[u8]) -> Result<HistoryEntry, DecodeError> {
    match split(b)? {
        (1, b) => body::<shapes::HistoryEntryV1>(b).map(HistoryEntry::from),
        (2, b) => body::<shapes::HistoryEntryV2>(b).map(HistoryEntry::from),
        (_, b) => body(b),
    }
}
pub fn encode_ids(ids: &[u64]) -> Vec<u8> {
    encode(&ids)
}
pub fn decode_ids(b: &[u8]) -> Result<Vec<u64>, DecodeError> {
    decode(b)
}
pub fn encode_score(centi: u16) -> Vec<u8> {
    encode(&centi)
}
pub fn decode_score(b: &[u8]) -> Result<u16, DecodeError> {
    decode(b)
}
/// The key of a score in the `scores` tree: year (big-endian, sign bit
/// flipped so keys sort by year) then the dimension.
pub fn score_key(year: i32, area: AreaId) -> [u8; 5] {
    let y = ((year as u32) ^ 0x8000_0000).to_be_bytes();
    [y[0], y[1], y[2], y[3], area.get()]
}
pub fn score_of_key(k: &[u8]) -> Option<(i32, AreaId)> {
    let y: [u8; 4] = k.get(..4)?.try_into().ok()?;
    let area = AreaId::from(*k.get(4)?);
    (k.len() == 5).then_some(((u32::from_be_bytes(y) ^ 0x8000_0000) as i32, area))
}

/// A past schema's history entry in today's shape (its commands and
/// tasks converted by `shapes`).
impl<T: Into<Task>> From<shapes::HistoryEntryOld<T>> for HistoryEntry {
    fn from(h: shapes::HistoryEntryOld<T>) -> HistoryEntry {
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
