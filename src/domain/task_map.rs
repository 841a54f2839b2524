//! The board's tasks by id, cheap to copy: what every session holds to
//! draw from while the store goes on changing.
//!
//! Each session keeps the board as it was at its last frame (an
//! `Arc<Board>`), so a change made while any is held copies the board, and
//! the session that lets its old one go frees the copy. With one map of
//! every task both cost a walk of all of them — at 100,000 tasks, most of
//! the time of a saved change. Here the ids are grouped in runs of
//! `CHUNK` (ids are handed out in order, so runs are full), each run a map
//! shared between copies: copying the board copies a few hundred pointers,
//! and a change copies the one run it touches.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::task::{Task, TaskId};

/// Ids per run: 512 (a change copies at most this many pointers).
const SHIFT: u32 = 9;

type Run = BTreeMap<TaskId, Arc<Task>>;

/// The tasks by id, in id order.
#[derive(Clone, Default)]
pub struct TaskMap {
    runs: BTreeMap<TaskId, Arc<Run>>,
    len: usize,
}

impl TaskMap {
    pub fn new() -> TaskMap {
        TaskMap::default()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, id: &TaskId) -> Option<&Arc<Task>> {
        self.runs.get(&(id >> SHIFT))?.get(id)
    }

    pub fn contains_key(&self, id: &TaskId) -> bool {
        self.get(id).is_some()
    }

    /// Put `task` under `id`; the task it replaces, if any.
    pub fn insert(&mut self, id: TaskId, task: Arc<Task>) -> Option<Arc<Task>> {
        let run = Arc::make_mut(self.runs.entry(id >> SHIFT).or_default());
        let old = run.insert(id, task);
        if old.is_none() {
            self.len += 1;
        }
        old
    }

    pub fn remove(&mut self, id: &TaskId) -> Option<Arc<Task>> {
        let key = id >> SHIFT;
        let run = self.runs.get_mut(&key)?;
        if !run.contains_key(id) {
            return None;
        }
        let run = Arc::make_mut(run);
        let old = run.remove(id);
        if run.is_empty() {
            self.runs.remove(&key);
        }
        self.len -= 1;
        old
    }

    /// Every (id, task), in id order (from either end).
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&TaskId, &Arc<Task>)> + Clone {
        self.runs.values().flat_map(|run| run.iter())
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &TaskId> + Clone {
        self.iter().map(|(id, _)| id)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Arc<Task>> + Clone {
        self.iter().map(|(_, t)| t)
    }
}

impl FromIterator<(TaskId, Arc<Task>)> for TaskMap {
    fn from_iter<I: IntoIterator<Item = (TaskId, Arc<Task>)>>(iter: I) -> TaskMap {
        let mut map = TaskMap::new();
        for (id, t) in iter {
            map.insert(id, t);
        }
        map
    }
}

impl<'a> IntoIterator for &'a TaskMap {
    type Item = (&'a TaskId, &'a Arc<Task>);
    type IntoIter = Box<dyn DoubleEndedIterator<Item = Self::Item> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl std::ops::Index<&TaskId> for TaskMap {
    type Output = Arc<Task>;

    /// The task `id`; panics if there is none (as a map's index does).
    fn index(&self, id: &TaskId) -> &Arc<Task> {
        self.get(id).expect("no task with this id")
    }
}

impl PartialEq for TaskMap {
    fn eq(&self, other: &TaskMap) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl Eq for TaskMap {}

impl std::fmt::Debug for TaskMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(id: TaskId) -> Arc<Task> {
        let mut t = Task::new("Việc", 1, "vp");
        t.id = id;
        Arc::new(t)
    }

    #[test]
    fn behaves_as_a_map_in_id_order_across_runs() {
        let ids = [1, 2, 511, 512, 513, 5000, 100_000, 3];
        let map: TaskMap = ids.iter().map(|&id| (id, task(id))).collect();
        let mut sorted = ids.to_vec();
        sorted.sort_unstable();
        assert_eq!(map.len(), ids.len());
        assert_eq!(map.keys().copied().collect::<Vec<_>>(), sorted);
        assert_eq!(map.keys().next_back(), Some(&100_000));
        assert_eq!(map.get(&512).unwrap().id, 512);
        assert!(map.get(&4).is_none() && !map.contains_key(&99_999));
        let mut m = map.clone();
        assert!(m.insert(3, task(3)).is_some(), "replaced, not added");
        assert_eq!(m.len(), ids.len());
        assert_eq!(m.remove(&5000).unwrap().id, 5000);
        assert!(m.remove(&5000).is_none());
        assert_eq!(m.len(), ids.len() - 1);
        assert_eq!(map.len(), ids.len(), "the copy changed, not the original");
        assert!(map.contains_key(&5000));
        assert_ne!(m, map);
    }

    #[test]
    fn a_change_to_a_copy_shares_every_run_but_the_one_it_touched() {
        let map: TaskMap = (1..=5000).map(|id| (id, task(id))).collect();
        let mut copy = map.clone();
        copy.insert(700, task(700));
        let shared = map
            .runs
            .iter()
            .filter(|(k, run)| Arc::ptr_eq(run, &copy.runs[*k]))
            .count();
        assert_eq!(shared, map.runs.len() - 1);
        assert_eq!(copy, map.iter().map(|(id, _)| (*id, task(*id))).collect());
    }
}
