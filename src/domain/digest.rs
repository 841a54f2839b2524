//! What the aggregation reads of a task, in a few bytes: its lead unit as an
//! index, area, progress and the dates that decide its report class.
//!
//! A task on the board is large and its lead code lives elsewhere in
//! memory; reading 100,000 of them costs more than counting. Digests are
//! small and sit side by side, so a view can keep them and, after a change,
//! refresh only the digests of the tasks that changed before counting again
//! (`report::aggregate`). `report::summarize` digests every task and counts
//! with the same code, so both ways give the same figures.
//!
//! The cheapest moment to digest a task is right after it is decoded, when
//! the database is loaded: `Loading` makes every digest then, so the first
//! summary view of a session only counts.

use chrono::NaiveDate;

use super::area::AreaId;
use super::board::Board;
use super::task::{Status, Task, TaskId, date_of};
use super::unit::{Unit, UnitCode};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Digest {
    pub id: TaskId,
    /// The dated deadline; `None` when ongoing ("Thường xuyên") or undated.
    pub deadline: Option<NaiveDate>,
    /// The day (in Viet Nam) a done task with a deadline was completed.
    pub completed: Option<NaiveDate>,
    /// Index of the lead unit in the `UnitIndex` it was made with.
    pub unit: u32,
    pub area: AreaId,
    /// 0–100; a done task counts as 100.
    pub progress: u8,
    pub done: bool,
    pub ongoing: bool,
    /// In Vướng mắc.
    pub blocked: bool,
}

impl Digest {
    pub fn of(t: &Task, units: &mut UnitIndex) -> Digest {
        let done = t.status == Status::Done;
        let ongoing = t.due.is_ongoing();
        let deadline = if ongoing { None } else { t.due.date };
        Digest {
            id: t.id,
            deadline,
            // Only a done task with a deadline needs the day it was done.
            completed: t
                .completed_at
                .filter(|_| done && deadline.is_some())
                .map(date_of),
            unit: units.index(&t.lead),
            area: t.area,
            progress: if done { 100 } else { t.progress },
            done,
            ongoing,
            blocked: t.status == Status::Blocked,
        }
    }
}

/// A few bytes of a unit code and its length, read without branching on
/// the code: finding a task's unit then compares integers. Codes that share
/// a key are told apart by comparing the strings.
fn code_key(code: &str) -> u64 {
    let b = code.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0) as u64;
    (b.len() as u64)
        | (at(0) << 8)
        | (at(1) << 16)
        | (at(2) << 24)
        | (at(3) << 32)
        | (at(b.len().wrapping_sub(1)) << 40)
}

/// The lead units seen so far, in order: the board's units first, then
/// any other code a task names (so per-unit totals always add up).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitIndex {
    codes: Vec<UnitCode>,
    keys: Vec<u64>,
}

impl UnitIndex {
    pub fn new(units: &[Unit]) -> UnitIndex {
        let codes: Vec<UnitCode> = units.iter().map(|u| u.code.clone()).collect();
        let keys = codes.iter().map(|c| code_key(c)).collect();
        UnitIndex { codes, keys }
    }

    /// The index of `code`, added at the end if new.
    ///
    /// The scan has no early exit: with tasks in random unit order an
    /// exit would be mispredicted for nearly every task, and each miss
    /// would stall the reading of the next tasks' codes from memory.
    pub fn index(&mut self, code: &str) -> u32 {
        let key = code_key(code);
        let found = self.keys.iter().enumerate().fold(usize::MAX, |f, (i, k)| {
            if f == usize::MAX && *k == key { i } else { f }
        });
        if found != usize::MAX && self.codes[found] == code {
            return found as u32;
        }
        let i = match self.codes.iter().position(|c| c == code) {
            Some(i) => i,
            None => {
                self.codes.push(code.into());
                self.keys.push(key);
                self.codes.len() - 1
            }
        };
        i as u32
    }

    pub fn codes(&self) -> &[UnitCode] {
        &self.codes
    }

    /// True if the index starts with exactly these units, in this order.
    pub fn starts_with(&self, units: &[Unit]) -> bool {
        units.len() <= self.codes.len() && units.iter().zip(&self.codes).all(|(u, c)| u.code == *c)
    }
}

/// More changed tasks than this and the digests are made again from scratch.
pub const REFRESH_MAX: usize = 2_000;

/// Every task's digest, sorted by id, as of a revision of the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digests {
    pub revision: u64,
    units: UnitIndex,
    list: Vec<Digest>,
}

impl Digests {
    /// Read every task of the board (at 100,000 tasks, about 15 ms: each
    /// task and its lead code are a cache miss).
    pub fn full(board: &Board, revision: u64) -> Digests {
        let mut units = UnitIndex::new(&board.units);
        let tasks: Vec<&Task> = board.tasks.values().map(|t| &**t).collect();
        let mut list = Vec::with_capacity(tasks.len());
        for chunk in tasks.chunks(16) {
            // Each task's lead code lives elsewhere in memory. Reading the
            // codes of a chunk first lets the processor wait for them all at
            // once rather than one after another.
            let touched = chunk.iter().fold(0u8, |x, t| {
                x ^ t.lead.as_bytes().first().copied().unwrap_or(0)
            });
            std::hint::black_box(touched);
            list.extend(chunk.iter().map(|t| Digest::of(t, &mut units)));
        }
        Digests {
            revision,
            units,
            list,
        }
    }

    pub fn list(&self) -> &[Digest] {
        &self.list
    }

    /// The unit codes the digests' `unit` indexes refer to.
    pub fn codes(&self) -> &[UnitCode] {
        self.units.codes()
    }

    /// Whether they were made with the board's units as they are now.
    pub fn same_units(&self, board: &Board) -> bool {
        self.units.codes().len() == board.units.len() && self.units.starts_with(&board.units)
    }

    /// Make the unit indexes those `full` gives with the board's units as
    /// they are now — the board's units first, then any other code in the
    /// order the tasks (by id) first name it — after units were added,
    /// removed or reordered, or a task named a code that is not a unit. No
    /// task changes by that but for its unit index, so this is a pass over
    /// the digests (about 2.4 MB at 100,000 tasks), not over the tasks.
    pub fn remap_units(&mut self, board: &Board) {
        const UNSET: u32 = u32::MAX;
        let old = std::mem::replace(&mut self.units, UnitIndex::new(&board.units));
        let mut map: Vec<u32> = old
            .codes()
            .iter()
            .map(|c| {
                board
                    .units
                    .iter()
                    .position(|u| u.code == *c)
                    .map_or(UNSET, |i| i as u32)
            })
            .collect();
        for d in &mut self.list {
            let u = d.unit as usize;
            if map[u] == UNSET {
                // Not a unit of the board: after the units, in order of
                // first use (codes no task names any more are dropped).
                map[u] = self.units.index(&old.codes()[u]);
            }
            d.unit = map[u];
        }
    }

    /// Read tasks `ids` again — added, changed or deleted.
    pub fn refresh(&mut self, board: &Board, mut ids: Vec<TaskId>, revision: u64) {
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            let at = self.list.binary_search_by_key(&id, |d| d.id);
            match (board.task(id), at) {
                (Some(t), Ok(i)) => self.list[i] = Digest::of(t, &mut self.units),
                (Some(t), Err(i)) => self.list.insert(i, Digest::of(t, &mut self.units)),
                (None, Ok(i)) => {
                    self.list.remove(i);
                }
                (None, Err(_)) => {}
            }
        }
        self.revision = revision;
    }
}

/// Digests made while a board is loaded, one task at a time as each is
/// decoded (the units are loaded first).
#[derive(Debug, Clone)]
pub struct Loading {
    units: UnitIndex,
    list: Vec<Digest>,
    in_order: bool,
}

impl Loading {
    pub fn new(units: &[Unit]) -> Loading {
        Loading {
            units: UnitIndex::new(units),
            list: Vec::new(),
            in_order: true,
        }
    }

    pub fn add(&mut self, t: &Task) {
        if self.list.last().is_some_and(|d| d.id >= t.id) {
            self.in_order = false;
        }
        self.list.push(Digest::of(t, &mut self.units));
    }

    /// The digests as of `revision`; none unless the tasks came in
    /// increasing id order, once each (as the board holds them), so they
    /// can never disagree with the board — the views then read it afresh.
    pub fn finish(self, revision: u64) -> Option<Digests> {
        self.in_order.then_some(Digests {
            revision,
            units: self.units,
            list: self.list,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::unit::{Unit, plan_preset};

    #[test]
    fn units_are_found_by_code_and_new_ones_appended() {
        let mut idx = UnitIndex::new(&plan_preset());
        assert_eq!(idx.index("vp"), 0);
        assert_eq!(idx.index("ca"), 10);
        assert_eq!(idx.index("vp"), 0);
        // Same key (length, first four and last byte): told apart by the code.
        let a = idx.index("abcd1xyz");
        let b = idx.index("abcd2xyz");
        assert_ne!(a, b);
        assert_eq!(code_key("abcd1xyz"), code_key("abcd2xyz"));
        assert_eq!(idx.index("abcd1xyz"), a);
        assert_eq!(idx.index("abcd2xyz"), b);
        assert_eq!(idx.codes().len(), 13);
        assert!(idx.starts_with(&plan_preset()));
        assert!(std::mem::size_of::<Digest>() <= 32);
    }

    fn task(id: TaskId, lead: &str) -> Task {
        let mut t = Task::new("Việc", (id % 9) as u8, lead);
        t.id = id;
        t
    }

    #[test]
    fn digests_made_while_loading_equal_reading_the_board() {
        let units = plan_preset();
        let mut board = Board::new(Default::default(), units.clone());
        let mut loading = Loading::new(&units);
        // Decoded in id order, as the database holds them; one lead unknown.
        for (id, lead) in [(1, "vp"), (2, "ca"), (5, "xyz"), (9, "vp")] {
            let t = task(id, lead);
            loading.add(&t);
            board.tasks.insert(id, std::sync::Arc::new(t));
        }
        let loaded = loading.finish(3).expect("in order");
        assert_eq!(loaded, Digests::full(&board, 3));
        assert_eq!(loaded.list().len(), 4);
        assert_eq!(loaded.codes().len(), units.len() + 1);
    }

    #[test]
    fn remapped_units_equal_reading_the_board_afresh() {
        let mut board = Board::new(Default::default(), plan_preset());
        for (id, lead) in [(1, "vp"), (2, "zz"), (3, "ca"), (4, "yy"), (5, "zz")] {
            board.tasks.insert(id, std::sync::Arc::new(task(id, lead)));
        }
        let mut d = Digests::full(&board, 1);
        // A unit added at the end, one removed from the middle (no task
        // leads it), one that tasks named becomes a unit: every index moves.
        board.units.push(Unit::new("moi", "Mới"));
        board.units.remove(3);
        board.units.push(Unit::new("yy", "Y"));
        d.remap_units(&board);
        assert_eq!(d, Digests::full(&board, 1));
        // The first task naming "zz" now names another code: the codes that
        // are not units follow the order in which tasks name them.
        board.tasks.insert(2, std::sync::Arc::new(task(2, "ww")));
        d.refresh(&board, vec![2], 2);
        assert!(!d.same_units(&board));
        d.remap_units(&board);
        assert_eq!(d, Digests::full(&board, 2));
        // No task names a code outside the units any more: none is kept.
        board.tasks.insert(2, std::sync::Arc::new(task(2, "vp")));
        board.tasks.insert(5, std::sync::Arc::new(task(5, "moi")));
        d.refresh(&board, vec![2, 5], 3);
        d.remap_units(&board);
        assert_eq!(d, Digests::full(&board, 3));
        assert!(d.same_units(&board));
    }

    #[test]
    fn tasks_out_of_order_or_twice_give_no_digests() {
        let units = plan_preset();
        let mut loading = Loading::new(&units);
        loading.add(&task(2, "vp"));
        loading.add(&task(1, "vp"));
        assert_eq!(loading.finish(0), None);
        let mut loading = Loading::new(&units);
        loading.add(&task(2, "vp"));
        loading.add(&task(2, "ca"));
        assert_eq!(loading.finish(0), None);
    }
}
