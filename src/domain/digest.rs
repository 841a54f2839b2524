//! What the aggregation reads of a task, in a few bytes: its lead unit as an
//! index, area, progress and the dates that decide its report class.
//!
//! A task on the board is large and its lead code lives elsewhere in
//! memory; reading 100,000 of them costs more than counting. Digests are
//! small and sit side by side, so a view can keep them and, after a change,
//! refresh only the digests of the tasks that changed before counting again
//! (`report::aggregate`). `report::summarize` digests every task and counts
//! with the same code, so both ways give the same figures.

use chrono::NaiveDate;

use super::area::AreaId;
use super::task::{Status, Task, TaskId, date_of};
use super::unit::Unit;

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
    codes: Vec<String>,
    keys: Vec<u64>,
}

impl UnitIndex {
    pub fn new(units: &[Unit]) -> UnitIndex {
        let codes: Vec<String> = units.iter().map(|u| u.code.clone()).collect();
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
                self.codes.push(code.to_string());
                self.keys.push(key);
                self.codes.len() - 1
            }
        };
        i as u32
    }

    pub fn codes(&self) -> &[String] {
        &self.codes
    }

    /// True if the index starts with exactly these units, in this order.
    pub fn starts_with(&self, units: &[Unit]) -> bool {
        units.len() <= self.codes.len() && units.iter().zip(&self.codes).all(|(u, c)| u.code == *c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::unit::plan_preset;

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
}
