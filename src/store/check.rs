//! Verifying a database without changing it, and salvaging what is
//! readable from a damaged one.
//!
//! sled writes to its files when it opens them (it rewrites its snapshot,
//! and on damaged files it truncates what it cannot read). So nothing here
//! opens the database itself: `Probe` copies its files, holding the
//! database's lock so no other program writes meanwhile, and sled opens
//! the copy. `Store::open` probes first and opens the real files only when
//! the copy opened and every record decoded; a damaged database is refused
//! with a message and left byte for byte as it was.
//!
//! `papi-board check` reports on the copy: every record of every tree
//! decodes, carries the database's schema, sits under its own key, and
//! the board's invariants hold (units of tasks exist, counters above every
//! id, undo and redo stacks point at history entries).
//! `papi-board check --salvage NEW` writes every readable record into a
//! new database and lists what it could not read. When sled cannot open
//! the files at all, the copy is opened again without its snapshot, which
//! makes sled rebuild from its log: the state up to the damage.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::domain::Lang;
use crate::domain::board::{Board, BoardMeta};
use crate::domain::task::{Millis, Task};

use crate::domain::unit::Unit;
use crate::domain::user::User;

use super::codec::{self, DecodeError, HistoryEntry, SCHEMA};
pub use super::probe::Probe;
use super::{K_BOARD, K_NEXT_ID, K_NEXT_SEQ, K_SCHEMA, StoreError};

/// One thing wrong with a database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// sled cannot open the files.
    Unopenable(String),
    /// sled opened the files only by rebuilding from its log: changes after
    /// the damage are lost from this copy.
    OlderStateOnly,
    /// Made by a newer papi-board.
    Newer(u8),
    /// The schema marker is not one byte of a known schema.
    BadMarker,
    /// A record that does not decode: tree, key, why.
    Unreadable(String, String, String),
    /// A record of another schema than the database's.
    Mixed(String, String, u8),
    /// A record under another key than its own id, code or name.
    WrongKey(String, String),
    /// A task breaks a rule of the board (a unit that does not exist…).
    Invalid(String, String),
    /// A user breaks a rule of the board.
    BadUser(String, String),
    /// A counter not above the ids it must stay above.
    Counter(String, u64, u64),
    /// An undo or redo stack points at a history entry that is missing.
    Stack(String, u64),
    /// The files hold fewer changes than had been saved (see `mark`): the
    /// board's meta tree, the changes found, the changes saved.
    Lost(String, u64, u64),
}

impl Problem {
    pub fn message(&self, lang: Lang) -> String {
        use Problem::*;
        let vi = lang.is_vi();
        match self {
            Unopenable(e) if vi => format!("Không mở được các tệp dữ liệu ({e})"),
            Unopenable(e) => format!("The data files cannot be opened ({e})"),
            OlderStateOnly if vi => "Tệp dữ liệu bị hỏng; chỉ đọc được trạng thái trước chỗ hỏng (các thay đổi sau đó bị mất trong bản này)".into(),
            OlderStateOnly => "The data file is damaged; only the state before the damage is readable (later changes are lost from it)".into(),
            Newer(v) if vi => format!("Do phiên bản papi-board mới hơn tạo (lược đồ {v})"),
            Newer(v) => format!("Written by a newer papi-board (schema {v})"),
            BadMarker if vi => "Dấu phiên bản lược đồ không hợp lệ".into(),
            BadMarker => "The schema marker is not valid".into(),
            Unreadable(t, k, e) if vi => format!("{t} {k}: không đọc được ({e})"),
            Unreadable(t, k, e) => format!("{t} {k}: unreadable ({e})"),
            Mixed(t, k, v) if vi => format!("{t} {k}: bản ghi lược đồ {v}, khác với cơ sở dữ liệu"),
            Mixed(t, k, v) => format!("{t} {k}: a record of schema {v}, unlike the database"),
            WrongKey(t, k) if vi => format!("{t} {k}: bản ghi nằm sai khóa"),
            WrongKey(t, k) => format!("{t} {k}: the record is under the wrong key"),
            Invalid(id, why) if vi => format!("nhiệm vụ #{id}: {why}"),
            Invalid(id, why) => format!("task #{id}: {why}"),
            BadUser(n, why) if vi => format!("người dùng {n}: {why}"),
            BadUser(n, why) => format!("user {n}: {why}"),
            Counter(c, have, max) if vi => {
                format!("bộ đếm {c} = {have}, không lớn hơn mã lớn nhất {max}")
            }
            Counter(c, have, max) => format!("counter {c} = {have} is not above the largest id {max}"),
            Stack(a, s) if vi => format!("ngăn xếp hoàn tác của {a} trỏ tới mục lịch sử {s} không có"),
            Stack(a, s) => format!("the undo stack of {a} points at history entry {s}, which is missing"),
            Lost(_, found, saved) if vi => format!(
                "tệp dữ liệu chỉ còn {} thay đổi trong khi {} thay đổi đã được lưu: tệp bị cắt cụt hoặc hỏng",
                found.saturating_sub(1),
                saved.saturating_sub(1)
            ),
            Lost(_, found, saved) => format!(
                "the files hold {} changes while {} had been saved: they were truncated or damaged",
                found.saturating_sub(1),
                saved.saturating_sub(1)
            ),
        }
    }

    /// Does this problem keep the board from opening? Unreadable data does;
    /// a broken rule is reported by `check` but the board still opens.
    pub fn blocks_open(&self) -> bool {
        use Problem::*;
        matches!(
            self,
            Unopenable(_)
                | OlderStateOnly
                | Newer(_)
                | BadMarker
                | Unreadable(..)
                | Mixed(..)
                | WrongKey(..)
                | Lost(..)
        )
    }
}

/// What a check found, and what it could read.
#[derive(Debug, Default)]
pub struct Report {
    pub schema: Option<u8>,
    pub problems: Vec<Problem>,
    /// The readable records of each board, by tree prefix: "" for the
    /// first board, "b2:" for the second… (see `store::boards`).
    pub boards: BTreeMap<String, Found>,
}

impl Report {
    /// A count summed over every board.
    pub fn total(&self, count: impl Fn(&Found) -> usize) -> usize {
        self.boards.values().map(count).sum()
    }

    /// The newest change of any board: its number and time.
    pub fn last_change(&self) -> Option<(u64, Millis)> {
        self.boards
            .values()
            .flat_map(|f| f.history_at.iter().map(|&(seq, at)| (at, seq)))
            .max()
            .map(|(at, seq)| (seq, at))
    }
}

/// The records of one board that decoded.
#[derive(Debug, Default)]
pub struct Found {
    pub meta: Option<BoardMeta>,
    pub tasks: Vec<Task>,
    pub units: Vec<Unit>,
    /// Users are shared by all boards: only in the first board's `Found`.
    pub users: Vec<User>,
    /// Empty when verified only to open (see `verify_to_open`).
    pub history: Vec<HistoryEntry>,
    /// (seq, time) of every history entry that decoded.
    pub history_at: Vec<(u64, Millis)>,
    pub scores: Vec<((i32, crate::domain::area::AreaId), u16)>,
    pub next_id: Option<u64>,
    pub next_seq: Option<u64>,
    /// "undo:lan" → seqs.
    pub stacks: BTreeMap<String, Vec<u64>>,
    /// Other keys of `meta` (flags of later features), kept as they are.
    pub other_meta: Vec<(Vec<u8>, Vec<u8>)>,
}

fn key_text(base: &str, k: &[u8]) -> String {
    match base {
        "tasks" | "history" => k
            .try_into()
            .map(|b: [u8; 8]| format!("#{}", u64::from_be_bytes(b)))
            .unwrap_or_else(|_| format!("{k:02x?}")),
        "scores" => codec::score_of_key(k)
            .map(|(y, a)| format!("{y}/{a}"))
            .unwrap_or_else(|| format!("{k:02x?}")),
        _ => String::from_utf8_lossy(k).into_owned(),
    }
}

/// The kinds of tree papi-board keeps.
const BASES: [&str; 6] = ["meta", "units", "users", "tasks", "history", "scores"];

/// A tree's board prefix and kind: "tasks" → ("", "tasks"), "b2:tasks" →
/// ("b2:", "tasks"); None for trees that are not papi-board's.
pub fn split_tree(name: &str) -> Option<(String, &'static str)> {
    let (prefix, base) = match name.split_once(':') {
        None => (String::new(), name),
        Some((p, b)) if p.len() > 1 && p.starts_with('b') && p[1..].parse::<u32>().is_ok() => {
            (format!("{p}:"), b)
        }
        Some(_) => return None,
    };
    let base = BASES.into_iter().find(|b| *b == base)?;
    (prefix.is_empty() || base != "users").then_some((prefix, base))
}

/// Is this record of `meta` a versioned record (not a counter or a flag)?
fn versioned_meta(k: &[u8]) -> bool {
    k == K_BOARD || k.starts_with(b"undo:") || k.starts_with(b"redo:")
}

/// Decode one record into `f`; Ok(false) when it sits under a wrong key.
fn decode_into(
    f: &mut Found,
    base: &str,
    k: &[u8],
    v: &[u8],
    keep_history: bool,
) -> Result<bool, DecodeError> {
    match base {
        "tasks" => {
            let t = codec::decode_task(v)?;
            let ok = k == t.id.to_be_bytes();
            f.tasks.push(t);
            Ok(ok)
        }
        "units" => {
            let u = codec::decode_unit(v)?;
            let ok = k == u.code.as_bytes();
            f.units.push(u);
            Ok(ok)
        }
        "users" => {
            let u = codec::decode_user(v)?;
            let ok = k == u.name.as_bytes();
            f.users.push(u);
            Ok(ok)
        }
        "history" => {
            let h = codec::decode_history(v)?;
            let ok = k == h.seq.to_be_bytes();
            f.history_at.push((h.seq, h.at));
            if keep_history {
                f.history.push(h);
            }
            Ok(ok)
        }
        "scores" => {
            let s = codec::decode_score(v)?;
            let Some(key) = codec::score_of_key(k) else {
                return Ok(false);
            };
            f.scores.push((key, s));
            Ok(true)
        }
        _ => {
            let counter = || -> Result<u64, DecodeError> {
                Ok(u64::from_be_bytes(v.try_into().map_err(|_| {
                    DecodeError::Garbled("not a counter".into())
                })?))
            };
            if k == K_SCHEMA {
            } else if k == K_BOARD {
                f.meta = Some(codec::decode_meta(v)?);
            } else if k == K_NEXT_ID {
                f.next_id = Some(counter()?);
            } else if k == K_NEXT_SEQ {
                f.next_seq = Some(counter()?);
            } else if k.starts_with(b"undo:") || k.starts_with(b"redo:") {
                let ids = codec::decode_ids(v)?;
                f.stacks
                    .insert(String::from_utf8_lossy(k).into_owned(), ids);
            } else {
                f.other_meta.push((k.to_vec(), v.to_vec()));
            }
            Ok(true)
        }
    }
}

/// Read every record of every tree of an opened copy; `marks` are the
/// numbers of changes saved per board (`read_marks`).
pub fn verify(db: &sled::Db, marks: &BTreeMap<String, u64>) -> Report {
    verify_records(db, marks, true)
}

/// `verify` before opening: every record is decoded and checked the same
/// way, but history entries (each a whole command, the plan's first
/// batches holding every task) are not kept, which would double the peak
/// memory of opening a large board (docs/performance.md).
fn verify_to_open(db: &sled::Db, marks: &BTreeMap<String, u64>) -> Report {
    verify_records(db, marks, false)
}

fn verify_records(db: &sled::Db, marks: &BTreeMap<String, u64>, keep_history: bool) -> Report {
    let mut r = Report::default();
    let meta = match db.open_tree("meta") {
        Ok(t) => t,
        Err(e) => {
            r.problems.push(Problem::Unopenable(e.to_string()));
            return r;
        }
    };
    if !read_schema(&meta, &mut r) {
        return r;
    }
    let marker = r.schema.unwrap_or(SCHEMA);
    r.boards.insert(String::new(), Found::default());
    for name in db.tree_names() {
        let name = String::from_utf8_lossy(&name).into_owned();
        let Some((prefix, base)) = split_tree(&name) else {
            continue;
        };
        match db.open_tree(&name) {
            Ok(tree) => {
                let found = r.boards.entry(prefix).or_default();
                let problems = verify_tree(found, (&name, base), &tree, marker, keep_history);
                r.problems.extend(problems);
            }
            Err(e) => r
                .problems
                .push(Problem::Unreadable(name, String::new(), e.to_string())),
        }
    }
    invariants(&mut r);
    compare_marks(&mut r, marks);
    r
}

/// The schema marker into `r.schema`; `false` when the database is of a
/// newer schema than this build (nothing more can be read).
fn read_schema(meta: &sled::Tree, r: &mut Report) -> bool {
    match meta.get(K_SCHEMA) {
        Ok(None) => {}
        Ok(Some(v)) if v.len() == 1 && (1..=SCHEMA).contains(&v[0]) => r.schema = Some(v[0]),
        Ok(Some(v)) if v.len() == 1 && v[0] > SCHEMA => {
            r.problems.push(Problem::Newer(v[0]));
            return false;
        }
        Ok(Some(_)) => r.problems.push(Problem::BadMarker),
        Err(e) => r.problems.push(Problem::Unopenable(e.to_string())),
    }
    true
}

/// Decode every record of the tree `name` (of kind `base`) into its
/// board's `found`; what could not be read is returned.
fn verify_tree(
    found: &mut Found,
    (name, base): (&str, &str),
    tree: &sled::Tree,
    marker: u8,
    keep_history: bool,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for kv in tree.iter() {
        super::watch::step();
        let (k, v) = match kv {
            Ok(kv) => kv,
            Err(e) => {
                let p = Problem::Unreadable(name.to_string(), "?".into(), e.to_string());
                problems.push(p);
                continue;
            }
        };
        let key = || key_text(base, &k);
        match decode_into(found, base, &k, &v, keep_history) {
            Ok(true) => {}
            Ok(false) => problems.push(Problem::WrongKey(name.to_string(), key())),
            Err(DecodeError::Newer(n)) => problems.push(Problem::Newer(n)),
            Err(e) => {
                let p = Problem::Unreadable(name.to_string(), key(), e.to_string());
                problems.push(p);
                continue;
            }
        }
        let versioned = base != "meta" || versioned_meta(&k);
        if let Some(ver) = codec::version_of(&v).filter(|_| versioned)
            && ver != marker
        {
            problems.push(Problem::Mixed(name.to_string(), key(), ver));
        }
    }
    problems
}

/// Each board's change counter against the one last saved beside the
/// database: a smaller one means changes were lost.
fn compare_marks(r: &mut Report, marks: &BTreeMap<String, u64>) {
    for (meta, saved) in marks {
        let prefix = meta.strip_suffix("meta").unwrap_or(meta);
        let Some(found) = r.boards.get(prefix) else {
            continue; // a board since removed
        };
        // A later board not written to yet (being made again after an
        // undone rollover) has no counter; the first board always counts,
        // so files cut to nothing are not taken for a new database.
        if found.next_seq.is_none() && !prefix.is_empty() {
            continue;
        }
        let have = found.next_seq.unwrap_or(1);
        if have < *saved {
            r.problems.push(Problem::Lost(meta.clone(), have, *saved));
        }
    }
}

/// The board's rules, over what was readable.
fn invariants(r: &mut Report) {
    let users: Vec<User> = r
        .boards
        .get("")
        .map(|f| f.users.clone())
        .unwrap_or_default();
    let mut all_units: Vec<Unit> = Vec::new();
    for f in r.boards.values() {
        for u in &f.units {
            if !all_units.iter().any(|a| a.code == u.code) {
                all_units.push(u.clone());
            }
        }
    }
    let everyone = Board::new(BoardMeta::default(), all_units);
    for u in &users {
        if let Err(e) = everyone.validate_user(u) {
            r.problems
                .push(Problem::BadUser(u.name.clone(), e.message(Lang::Vi)));
        }
    }
    for (prefix, f) in &r.boards {
        let board = Board::new(f.meta.clone().unwrap_or_default(), f.units.clone());
        let at = |id: u64| format!("{prefix}{id}");
        for t in &f.tasks {
            if let Err(e) = board.validate(t) {
                r.problems
                    .push(Problem::Invalid(at(t.id), e.message(Lang::Vi)));
            }
        }
        let max_id = f.tasks.iter().map(|t| t.id).max().unwrap_or(0);
        if let Some(next) = f.next_id
            && !f.tasks.is_empty()
            && next <= max_id
        {
            r.problems
                .push(Problem::Counter(format!("{prefix}next_id"), next, max_id));
        }
        let seqs: BTreeSet<u64> = f.history_at.iter().map(|&(seq, _)| seq).collect();
        let max_seq = seqs.last().copied().unwrap_or(0);
        if let Some(next) = f.next_seq
            && !seqs.is_empty()
            && next <= max_seq
        {
            r.problems
                .push(Problem::Counter(format!("{prefix}next_seq"), next, max_seq));
        }
        for (stack, ids) in &f.stacks {
            for id in ids {
                if !seqs.contains(id) {
                    r.problems
                        .push(Problem::Stack(format!("{prefix}{}", &stack[5..]), *id));
                }
            }
        }
    }
}

/// Check the database in `db` without writing to it. `Err` only when the
/// files cannot even be copied (missing, locked).
pub fn check(db: &Path) -> Result<Report, StoreError> {
    check_probe(db, Probe::copy(db)?)
}

/// `check` of a database this process has open (and flushed), copied
/// while nothing writes to it: the caller holds the store.
pub fn check_held(db: &Path) -> Result<Report, StoreError> {
    let probe =
        Probe::copy_locked(db).map_err(|e| StoreError::Io(db.to_path_buf(), e.to_string()))?;
    check_probe(db, probe)
}

fn check_probe(db: &Path, probe: Probe) -> Result<Report, StoreError> {
    let marks = read_marks(db);
    Ok(verify_copy(probe, marks).unwrap_or_else(|e| {
        let mut r = Report::default();
        r.problems.push(Problem::Unopenable(e));
        r
    }))
}

/// Open the copy and verify it; when sled cannot open it, open it again
/// without its snapshot, which gives the state up to the damage (what a
/// salvage gets), reported as such. `Err` when neither opens, or when
/// sled does not finish reading it (`watch`).
pub(super) fn verify_copy(probe: Probe, marks: BTreeMap<String, u64>) -> Result<Report, String> {
    let bytes = super::watch::size_of(probe.path());
    super::watch::watched(bytes, move || verify_copy_now(&probe, &marks)).and_then(|r| r)
}

fn verify_copy_now(probe: &Probe, marks: &BTreeMap<String, u64>) -> Result<Report, String> {
    match probe.open() {
        Ok(sled) => Ok(verify(&sled, marks)),
        Err(first) => {
            probe.drop_snapshots();
            let sled = probe.open().map_err(|_| first.clone())?;
            let mut r = verify(&sled, marks);
            r.problems.insert(0, Problem::OlderStateOnly);
            r.problems.insert(0, Problem::Unopenable(first));
            Ok(r)
        }
    }
}

/// Before `Store::open` touches existing files: probe a copy, and refuse
/// (changing nothing) when sled cannot open it or a record does not decode.
pub(super) fn probe_before_open(db: &Path) -> Result<(), StoreError> {
    let probe = Probe::copy(db)?;
    let marks = read_marks(db);
    let bytes = super::watch::size_of(probe.path());
    let report = super::watch::watched(bytes, move || {
        let sled = probe.open()?;
        let report = verify_to_open(&sled, &marks);
        drop(sled);
        Ok::<_, String>(report)
    })
    .and_then(|r| r)
    .map_err(|e| StoreError::Corrupt(db.to_path_buf(), e))?;
    for p in &report.problems {
        match p {
            Problem::Newer(v) => return Err(StoreError::Newer(db.to_path_buf(), *v)),
            p if p.blocks_open() => {
                return Err(StoreError::Corrupt(db.to_path_buf(), p.message(Lang::En)));
            }
            _ => {}
        }
    }
    Ok(())
}

/// The file in the database directory that records, after every change is
/// flushed, how many changes each board had saved: one line per board,
/// "<meta tree> <next_seq>". sled treats a cut-off log like an interrupted
/// write and silently opens the state before it; comparing with this mark
/// turns that silent loss into a refusal. It is written after sled's
/// flush, so it never claims a change that is not on disk.
pub const MARK: &str = "saved.mark";

/// The marks of the database in `db` (empty when there is no mark yet).
pub fn read_marks(db: &Path) -> BTreeMap<String, u64> {
    let Ok(text) = std::fs::read_to_string(db.join(MARK)) else {
        return BTreeMap::new();
    };
    text.lines()
        .filter_map(|l| {
            let (tree, n) = l.rsplit_once(' ')?;
            Some((tree.to_string(), n.parse().ok()?))
        })
        .collect()
}

/// Record that board `meta` has saved changes up to `next_seq` (after the
/// flush of a commit). Written whole or not at all (a rename).
pub fn write_mark(db: &Path, meta: &str, next_seq: u64) -> std::io::Result<()> {
    let mut marks = read_marks(db);
    marks.insert(meta.to_string(), next_seq);
    let text: String = marks.iter().map(|(t, n)| format!("{t} {n}\n")).collect();
    let tmp = db.join(format!("{MARK}.tmp"));
    super::private::write(&tmp, text)?;
    std::fs::rename(&tmp, db.join(MARK))
}
