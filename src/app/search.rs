//! The board's search (`/`): the folded text of every task, computed once
//! per change (not per keystroke) and patched from the repo's change log,
//! and the matches of the current query.
//!
//! The folded texts live in one contiguous buffer; a search runs
//! `memmem` for the query's longest word over the whole buffer and checks
//! the other words and markers only on the tasks it hits, so a keystroke
//! costs one pass over memory, not one allocation per task.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::board::Board;
use crate::domain::search::{Query, haystack, matches, parse_query};
use crate::domain::task::TaskId;

use super::textfield::TextField;

/// The longest search typed, in bytes: every key matches it against every
/// task, so it has a ceiling far below a text field's.
pub const MAX_QUERY_BYTES: usize = 1024;

/// One task's folded text in the buffer; `id` 0 marks a slot whose task
/// changed or went away (its text was appended again, or not at all).
#[derive(Debug, Clone, Copy)]
struct Slot {
    id: TaskId,
    start: u32,
    end: u32,
}

/// Folded search text per task, kept in step with the data.
#[derive(Debug, Default, Clone)]
pub struct SearchIndex {
    /// Every folded text, each followed by a NUL so no word spans two tasks.
    text: String,
    /// In buffer order (so by `start`).
    slots: Vec<Slot>,
    slot_of: HashMap<TaskId, usize>,
    dead: usize,
    rev: Option<u64>,
    /// How many task texts have been folded so far (for tests and benches).
    pub folds: u64,
}

impl SearchIndex {
    /// Bring the folded texts up to `rev`: re-fold only the tasks that
    /// changed when the change log knows them, else everything.
    pub fn refresh(
        &mut self,
        board: &Board,
        rev: u64,
        changes: &dyn Fn(u64) -> Option<Vec<TaskId>>,
    ) {
        match self.rev {
            Some(r) if r == rev => return,
            Some(r) => match changes(r) {
                Some(ids) => {
                    for id in ids {
                        self.remove(id);
                        if let Some(t) = board.task(id) {
                            self.push(id, &haystack(t, board));
                        }
                    }
                    if self.dead > self.slots.len() / 2 + 64 {
                        self.compact();
                    }
                }
                None => self.rebuild(board),
            },
            None => self.rebuild(board),
        }
        self.rev = Some(rev);
    }

    fn push(&mut self, id: TaskId, folded: &str) {
        self.folds += 1;
        let start = self.text.len() as u32;
        self.text.push_str(folded);
        let end = self.text.len() as u32;
        self.text.push('\0');
        self.slot_of.insert(id, self.slots.len());
        self.slots.push(Slot { id, start, end });
    }

    fn remove(&mut self, id: TaskId) {
        if let Some(i) = self.slot_of.remove(&id) {
            self.slots[i].id = 0;
            self.dead += 1;
        }
    }

    fn rebuild(&mut self, board: &Board) {
        self.text.clear();
        self.slots.clear();
        self.slot_of.clear();
        self.dead = 0;
        for t in board.tasks.values() {
            self.push(t.id, &haystack(t, board));
        }
    }

    /// Drop the texts of changed tasks for good.
    fn compact(&mut self) {
        let old_text = std::mem::take(&mut self.text);
        let old = std::mem::take(&mut self.slots);
        self.slot_of.clear();
        self.dead = 0;
        for s in old.into_iter().filter(|s| s.id != 0) {
            let start = self.text.len() as u32;
            self.text
                .push_str(&old_text[s.start as usize..s.end as usize]);
            let end = self.text.len() as u32;
            self.text.push('\0');
            self.slot_of.insert(s.id, self.slots.len());
            self.slots.push(Slot {
                id: s.id,
                start,
                end,
            });
        }
    }

    pub fn len(&self) -> usize {
        self.slot_of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slot_of.is_empty()
    }

    fn slice(&self, s: &Slot) -> &str {
        &self.text[s.start as usize..s.end as usize]
    }

    /// How well a task's title answers the words: 0 when it holds them as
    /// one phrase ("giao ban"), 1 when it holds them all, 2 otherwise (they
    /// are in its description, notes or units).
    pub fn title_rank(&self, id: TaskId, words: &[String]) -> u8 {
        let Some(slot) = self.slot_of.get(&id).map(|i| &self.slots[*i]) else {
            return 2;
        };
        let text = self.slice(slot);
        let title = text.split('\n').next().unwrap_or(text);
        if title.contains(&words.join(" ")) {
            0
        } else if words.iter().all(|w| title.contains(w.as_str())) {
            1
        } else {
            2
        }
    }

    /// Ids matching `q`, ascending; looking only at `among` when it is a
    /// small part of the board (else one pass over the buffer is faster).
    pub fn find(
        &self,
        q: &Query,
        board: &Board,
        today: NaiveDate,
        among: Option<&[TaskId]>,
    ) -> Vec<TaskId> {
        let test = |s: &Slot| {
            s.id != 0
                && board
                    .task(s.id)
                    .is_some_and(|t| matches(q, t, self.slice(s), today))
        };
        let mut out: Vec<TaskId> = match (among, q.words.iter().max_by_key(|w| w.len())) {
            (Some(ids), _) if ids.len() * 8 < self.slots.len() => ids
                .iter()
                .filter_map(|id| self.slot_of.get(id).map(|i| &self.slots[*i]))
                .filter(|s| test(s))
                .map(|s| s.id)
                .collect(),
            (_, Some(word)) => {
                let mut hits = Vec::new();
                let mut last = usize::MAX;
                for pos in memchr::memmem::find_iter(self.text.as_bytes(), word.as_bytes()) {
                    let i = self.slots.partition_point(|s| (s.end as usize) < pos);
                    if i == last || i >= self.slots.len() {
                        continue;
                    }
                    last = i;
                    if test(&self.slots[i]) {
                        hits.push(self.slots[i].id);
                    }
                }
                hits
            }
            (_, None) => self
                .slots
                .iter()
                .filter(|s| test(s))
                .map(|s| s.id)
                .collect(),
        };
        out.sort_unstable();
        out
    }
}

/// An active search: what was typed, what it means, and what it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    pub field: TextField,
    pub query: Query,
    /// Matching task ids, ascending.
    pub found: Vec<TaskId>,
    /// The data revision `found` was computed at.
    pub rev: Option<u64>,
    /// Recent queries of this revision and what they found: backspacing
    /// returns to a query already typed, found again without a scan.
    memo: Vec<(Query, Vec<TaskId>)>,
}

impl Search {
    pub fn new(text: &str) -> Search {
        Search {
            field: TextField::with_text(text, false).limited(MAX_QUERY_BYTES),
            query: Query::default(),
            found: Vec::new(),
            rev: None,
            memo: Vec::new(),
        }
    }

    /// Re-read the query after the text changed, and find its matches
    /// (narrowing the last results when the new query only adds to the old).
    pub fn update(&mut self, index: &SearchIndex, board: &Board, today: NaiveDate, rev: u64) {
        let q = parse_query(self.field.text(), board);
        if self.rev != Some(rev) {
            self.memo.clear();
        }
        if let Some((_, found)) = self.memo.iter().find(|(mq, _)| *mq == q) {
            self.found = found.clone();
        } else {
            let narrow = self.rev == Some(rev) && q.narrows(&self.query);
            self.found = index.find(&q, board, today, narrow.then_some(self.found.as_slice()));
            if self.memo.len() >= 32 {
                self.memo.remove(0);
            }
            self.memo.push((q.clone(), self.found.clone()));
        }
        self.query = q;
        self.rev = Some(rev);
    }

    /// A bitmap of the matches by task id.
    pub fn bitmap(&self, max_id: TaskId) -> Vec<bool> {
        let mut bits = vec![false; max_id as usize + 1];
        for id in &self.found {
            if let Some(b) = bits.get_mut(*id as usize) {
                *b = true;
            }
        }
        bits
    }

    /// The words to highlight, joined for `text::match_ranges`.
    pub fn highlight(&self) -> String {
        self.query.words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::board::Ctx;
    use crate::domain::command::Command;
    use crate::domain::task::Task;

    #[test]
    fn patched_index_finds_what_a_fresh_one_finds() {
        let units = crate::domain::unit::plan_preset();
        let mut b = Board::new(Default::default(), units.clone());
        for t in crate::transfer::generate::generate(400, 9, 2025, &units, 0) {
            b.next_id = b.next_id.max(t.id + 1);
            b.tasks.insert(t.id, std::sync::Arc::new(t));
        }
        let today = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
        let mut idx = SearchIndex::default();
        idx.refresh(&b, 0, &|_| None);
        let ctx = Ctx {
            now: 1,
            author: "t".into(),
        };
        let mut changed = Vec::new();
        for id in 1..=300u64 {
            let mut t = b.task(id).unwrap().clone();
            t.title = format!("Đổi tên {id} tuyên truyền");
            b.apply(Command::Edit(t), &ctx).unwrap();
            changed.push(id);
        }
        b.apply(Command::DeleteTask(350), &ctx).unwrap();
        b.apply(
            Command::AddTask(Task::new("Việc mới về tuyên truyền", 1, "vp")),
            &ctx,
        )
        .unwrap();
        changed.extend([350, 401]);
        idx.refresh(&b, 1, &|_| Some(changed.clone()));
        let mut fresh = SearchIndex::default();
        fresh.refresh(&b, 1, &|_| None);
        for text in [
            "tuyen truyen",
            "doi ten 12",
            "ho ngheo",
            "@dc",
            "#3 quy",
            "viec moi",
            "",
        ] {
            let q = parse_query(text, &b);
            assert_eq!(
                idx.find(&q, &b, today, None),
                fresh.find(&q, &b, today, None),
                "{text}"
            );
        }
        assert_eq!(idx.len(), 400);
    }
}
