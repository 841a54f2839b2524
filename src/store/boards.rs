//! Several plans in one database, one board a year. Board 1 lives in the
//! original trees (`tasks`, `units`, `meta`, `history`); board N in trees
//! named `bN:tasks`, … — so a database made before boards existed is board
//! 1 as it is, with no migration. Users and the published PAPI scores (kept
//! by year already) are shared by all boards.
//!
//! A new year's board is made by `rollover`: ongoing duties are copied
//! fresh, open tasks are carried over (with a note naming the original),
//! done tasks stay behind, and last year's board becomes read-only until it
//! is reopened. The rollover is one undo step: undoing it removes the new
//! board and reopens the old one.

use chrono::Datelike;

use crate::domain::board::{BoardMeta, Ctx};
use crate::domain::command::Command;
use crate::domain::task::{Note, Status, Task};

use super::codec::{self};
use super::{K_BOARD, Store, StoreError, u64_of};

/// A board's trees, besides the shared `users`.
pub(super) const TREES: [&str; 4] = ["tasks", "units", "meta", "history"];

const K_READONLY: &[u8] = b"readonly";
/// The history entry that created this board by rollover, and its source.
const K_ROLLOVER: &[u8] = b"rollover";

/// Which board the user asks for: a plan year (1990–2100) or a board id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardSel {
    Id(u32),
    Year(i32),
}

impl BoardSel {
    pub fn parse(s: &str) -> Option<BoardSel> {
        let n: i64 = s.trim().parse().ok()?;
        match n {
            1990..=2100 => Some(BoardSel::Year(n as i32)),
            1..=1989 => Some(BoardSel::Id(n as u32)),
            _ => None,
        }
    }
}

/// The sled tree of `base` for board `id`.
pub fn tree_name(id: u32, base: &str) -> String {
    if id == 1 {
        base.to_string()
    } else {
        format!("b{id}:{base}")
    }
}

/// A board as `papi-board boards` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardInfo {
    pub id: u32,
    pub meta: BoardMeta,
    pub tasks: usize,
    pub readonly: bool,
}

/// What a rollover does (or would do, with `--dry-run`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rollover {
    pub new_id: u32,
    pub year: i32,
    pub ongoing: usize,
    pub carried: usize,
    pub left_done: usize,
}

/// Board ids present in the database (1 always).
pub(super) fn ids(db: &sled::Db) -> Vec<u32> {
    let mut ids = vec![1];
    for name in db.tree_names() {
        let name = String::from_utf8_lossy(&name);
        if let Some(id) = name
            .strip_prefix('b')
            .and_then(|r| r.strip_suffix(":meta"))
            .and_then(|n| n.parse().ok())
        {
            ids.push(id);
        }
    }
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// A board's metadata; its number of tasks only when `count` (counting
/// walks the whole tree: choosing a board at open does without).
fn info(db: &sled::Db, id: u32, count: bool) -> Result<BoardInfo, String> {
    let meta_tree = db
        .open_tree(tree_name(id, "meta"))
        .map_err(|e| e.to_string())?;
    let meta = match meta_tree.get(K_BOARD).map_err(|e| e.to_string())? {
        Some(m) => codec::decode_meta(&m).map_err(|e| e.to_string())?,
        None => BoardMeta::default(),
    };
    let tasks = if count {
        db.open_tree(tree_name(id, "tasks"))
            .map_err(|e| e.to_string())?
            .len()
    } else {
        0
    };
    let readonly = meta_tree
        .get(K_READONLY)
        .map_err(|e| e.to_string())?
        .is_some();
    Ok(BoardInfo {
        id,
        meta,
        tasks,
        readonly,
    })
}

/// Every board, oldest plan first.
pub(super) fn list(db: &sled::Db) -> Result<Vec<BoardInfo>, String> {
    list_counted(db, true)
}

fn list_counted(db: &sled::Db, count: bool) -> Result<Vec<BoardInfo>, String> {
    let mut boards: Vec<BoardInfo> = ids(db)
        .into_iter()
        .map(|id| info(db, id, count))
        .collect::<Result<_, _>>()?;
    boards.sort_by_key(|b| (b.meta.year, b.id));
    Ok(boards)
}

/// The board to open: the one asked for, else the newest plan.
pub(super) fn choose(db: &sled::Db, sel: Option<BoardSel>) -> Result<Option<u32>, String> {
    let boards = list_counted(db, false)?;
    Ok(match sel {
        None => boards.last().map(|b| b.id),
        Some(BoardSel::Id(id)) => boards.iter().find(|b| b.id == id).map(|b| b.id),
        Some(BoardSel::Year(y)) => boards.iter().rev().find(|b| b.meta.year == y).map(|b| b.id),
    })
}

impl Store {
    /// The id of the board this store has open.
    pub fn board_id(&self) -> u32 {
        self.board_id
    }

    /// True when this board is last year's, kept for reading.
    pub fn is_readonly(&self) -> bool {
        self.meta.contains_key(K_READONLY).unwrap_or(false)
    }

    pub fn boards(&self) -> Result<Vec<BoardInfo>, StoreError> {
        list(&self.db).map_err(|e| StoreError::Corrupt(self.path.clone(), e))
    }

    /// Point this store at another board and load it.
    pub fn switch_board(&mut self, id: u32) -> Result<(), StoreError> {
        // A backup being written reads the open board's trees as still.
        self.finish_backup();
        let corrupt = |e: sled::Error| StoreError::Corrupt(self.path.clone(), e.to_string());
        let tree = |base: &str| self.db.open_tree(tree_name(id, base));
        self.tasks = tree("tasks").map_err(corrupt)?;
        self.units = tree("units").map_err(corrupt)?;
        self.meta = tree("meta").map_err(corrupt)?;
        self.history = tree("history").map_err(corrupt)?;
        self.board_id = id;
        self.recent = super::ChangeLog::default();
        self.revision += 1;
        // A board not yet given its plan loads nothing: start it empty.
        self.board = Default::default();
        self.load()
    }

    /// The plan before this one (the newest board of an earlier year), read
    /// without switching to it: for comparing two years side by side.
    pub fn previous_board(&self) -> Result<Option<crate::domain::board::Board>, StoreError> {
        let year = self.board.meta.year;
        let Some(prev) = self
            .boards()?
            .into_iter()
            .filter(|b| b.meta.year < year)
            .max_by_key(|b| (b.meta.year, b.id))
        else {
            return Ok(None);
        };
        let corrupt = |e: String| StoreError::Corrupt(self.path.clone(), e);
        let tree = |base: &str| {
            self.db
                .open_tree(tree_name(prev.id, base))
                .map_err(|e| corrupt(e.to_string()))
        };
        let mut b = crate::domain::board::Board {
            meta: prev.meta,
            scores: self.board.scores.clone(),
            ..Default::default()
        };
        for kv in tree("units")?.iter() {
            let (_, v) = kv.map_err(|e| corrupt(e.to_string()))?;
            b.units
                .push(codec::decode_unit(&v).map_err(|e| corrupt(e.to_string()))?);
        }
        for kv in tree("tasks")?.iter() {
            let (_, v) = kv.map_err(|e| corrupt(e.to_string()))?;
            let t = codec::decode_task(&v).map_err(|e| corrupt(e.to_string()))?;
            b.tasks.insert(t.id, std::sync::Arc::new(t));
        }
        Ok(Some(b))
    }

    /// Open or close a board for changes (`reopen` after a rollover).
    pub fn set_readonly(&mut self, readonly: bool) -> Result<(), StoreError> {
        let r = if readonly {
            self.meta.insert(K_READONLY, &[1]).map(|_| ())
        } else {
            self.meta.remove(K_READONLY).map(|_| ())
        };
        r.and_then(|_| self.db.flush().map(|_| ()))
            .map_err(|e| StoreError::Io(self.path.clone(), e.to_string()))
    }

    /// The tasks next year's board starts with: ongoing duties fresh, open
    /// tasks carried over with a note naming the original.
    fn carry_over(&self, ctx: &Ctx) -> (Vec<Command>, Rollover) {
        let m = &self.board.meta;
        let (mut ongoing, mut carried, mut done) = (0, 0, 0);
        let mut cmds = Vec::new();
        for t in self.board.tasks.values() {
            if t.status == Status::Done {
                done += 1;
                continue;
            }
            let mut n = Task::new(&t.title, t.area, &t.lead);
            n.description = t.description.clone();
            n.sub = t.sub.clone();
            n.support = t.support.clone();
            n.output = t.output.clone();
            n.due = t.due.clone();
            if t.due.is_ongoing() {
                ongoing += 1;
                n.checklist = t
                    .checklist
                    .iter()
                    .map(|c| crate::domain::task::CheckItem {
                        done: false,
                        ..c.clone()
                    })
                    .collect();
            } else {
                carried += 1;
                n.status = t.status;
                n.progress = t.progress;
                n.checklist = t.checklist.clone();
                let text = format!(
                    "Chuyển từ kế hoạch {} năm {}, nhiệm vụ #{}",
                    m.number, m.year, t.id
                );
                n.notes = vec![Note::new(ctx.now, &ctx.author, &text)];
                // What still holds it up goes along, with its date.
                n.problems = t.problem().cloned().into_iter().collect();
                n.proposal = t.proposal.clone();
            }
            cmds.push(Command::AddTask(n));
        }
        let plan = Rollover {
            new_id: 0,
            year: 0,
            ongoing,
            carried,
            left_done: done,
        };
        (cmds, plan)
    }

    /// Make next year's board from this one (see the module doc). With
    /// `dry_run`, only say what would happen.
    pub fn rollover(&mut self, to: i32, ctx: &Ctx, dry_run: bool) -> Result<Rollover, StoreError> {
        self.finish_backup();
        let boards = self.boards()?;
        if boards.iter().any(|b| b.meta.year == to) {
            return Err(StoreError::BoardExists(to));
        }
        if !(1990..=2100).contains(&to) {
            return Err(StoreError::BoardExists(to));
        }
        let (tasks, mut plan) = self.carry_over(ctx);
        plan.year = to;
        plan.new_id = boards.iter().map(|b| b.id).max().unwrap_or(1) + 1;
        if dry_run {
            return Ok(plan);
        }
        let source = self.board_id;
        let old = self.board.meta.clone();
        let meta = BoardMeta {
            number: String::new(),
            date: String::new(),
            commune: old.commune.clone(),
            year: to,
            title: old.title.replace(&old.year.to_string(), &to.to_string()),
            target: format!("tăng bậc so với năm {}", old.year),
            signing: old.signing.clone(),
        };
        let units = self.board.units.clone();
        self.set_readonly(true)?;
        self.switch_board(plan.new_id)?;
        let made = (|| {
            let mut setup = vec![Command::SetMeta(meta)];
            setup.extend(units.into_iter().map(Command::PutUnit));
            self.record(Command::Batch(setup), ctx, super::Step::Seed)?;
            // The tasks are one undoable step; undoing it removes the board.
            let seq = self.next_seq()?;
            if !tasks.is_empty() {
                self.record(Command::Batch(tasks), ctx, super::Step::Do)?;
            }
            let mark = [seq.to_be_bytes(), u64::from(source).to_be_bytes()].concat();
            self.meta
                .insert(K_ROLLOVER, mark)
                .map_err(|e| StoreError::Io(self.path.clone(), e.to_string()))?;
            self.db
                .flush()
                .map_err(|e| StoreError::Io(self.path.clone(), e.to_string()))?;
            Ok::<(), StoreError>(())
        })();
        if let Err(e) = made {
            // Leave nothing half-made: drop the new board, reopen the old one.
            let _ = self.drop_board(source);
            return Err(e);
        }
        Ok(plan)
    }

    /// A new, empty board for `year` (the units of this one), opened.
    pub fn new_board(&mut self, year: i32, ctx: &Ctx) -> Result<u32, StoreError> {
        let boards = self.boards()?;
        if boards.iter().any(|b| b.meta.year == year) || !(1990..=2100).contains(&year) {
            return Err(StoreError::BoardExists(year));
        }
        let id = boards.iter().map(|b| b.id).max().unwrap_or(1) + 1;
        let units = self.board.units.clone();
        // Only the year: the plan being imported brings its own details.
        let meta = BoardMeta {
            year,
            ..BoardMeta::default()
        };
        self.switch_board(id)?;
        self.seed(meta, units, Vec::new(), ctx)?;
        Ok(id)
    }

    pub(super) fn next_seq(&self) -> Result<u64, StoreError> {
        Ok(self
            .meta
            .get(super::K_NEXT_SEQ)
            .map_err(|e| StoreError::Io(self.path.clone(), e.to_string()))?
            .and_then(|b| u64_of(&b))
            .unwrap_or(1))
    }

    /// If undoing `seq` undoes the rollover that made this board: the board
    /// it came from.
    pub(super) fn rollover_source(&self, seq: u64) -> Option<u32> {
        let mark = self.meta.get(K_ROLLOVER).ok()??;
        let (made_by, source) = (u64_of(&mark[..8])?, u64_of(&mark[8..16])?);
        (made_by == seq).then_some(source as u32)
    }

    /// Remove this board's trees and go back to `source`, open for changes.
    pub(super) fn drop_board(&mut self, source: u32) -> Result<(), StoreError> {
        let id = self.board_id;
        if id == 1 {
            return Ok(());
        }
        self.switch_board(source)?;
        for base in TREES {
            self.db
                .drop_tree(tree_name(id, base))
                .map_err(|e| StoreError::Io(self.path.clone(), e.to_string()))?;
        }
        self.set_readonly(false)
    }

    /// The year of a plan for messages.
    pub fn plan_year(&self) -> i32 {
        let y = self.board.meta.year;
        if y > 0 { y } else { chrono::Utc::now().year() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selections_parse() {
        assert_eq!(BoardSel::parse("2026"), Some(BoardSel::Year(2026)));
        assert_eq!(BoardSel::parse("2"), Some(BoardSel::Id(2)));
        assert_eq!(BoardSel::parse("0"), None);
        assert_eq!(BoardSel::parse("x"), None);
        assert_eq!(tree_name(1, "tasks"), "tasks");
        assert_eq!(tree_name(3, "tasks"), "b3:tasks");
    }
}
