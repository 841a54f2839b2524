//! Which tasks each recent revision of the store touched, so the board's
//! lanes, the search index and the summary views patch what changed
//! instead of reading the whole board again (docs/architecture.md).

use crate::domain::command::Touched;

/// The tasks touched by the last few revisions, and whether a revision
/// also changed other records (units, scores, users).
#[derive(Debug, Default, Clone)]
pub struct ChangeLog {
    entries: std::collections::VecDeque<(u64, Vec<u64>, bool)>,
}

impl ChangeLog {
    const KEEP: usize = 256;

    pub fn record(&mut self, revision: u64, touched: &[Touched]) {
        let ids = touched
            .iter()
            .filter_map(|t| match t {
                Touched::Task(id) => Some(*id),
                _ => None,
            })
            .collect();
        let others = touched
            .iter()
            .any(|t| !matches!(t, Touched::Task(_) | Touched::Meta));
        self.entries.push_back((revision, ids, others));
        if self.entries.len() > Self::KEEP {
            self.entries.pop_front();
        }
    }

    /// Tasks changed after `since` up to `now`; None if no longer known, or
    /// if a change touched more than tasks (units, other records: the
    /// board's lanes rebuild).
    pub fn since(&self, since: u64, now: u64) -> Option<Vec<u64>> {
        self.collect(since, now, false)
    }

    /// The same, also across changes of units and other records: a unit
    /// change leaves every task as it was, so a caller that keeps what it
    /// read of the tasks (the summary views' digests) checks the units
    /// itself rather than reading every task again.
    pub fn tasks_since(&self, since: u64, now: u64) -> Option<Vec<u64>> {
        self.collect(since, now, true)
    }

    fn collect(&self, since: u64, now: u64, across_others: bool) -> Option<Vec<u64>> {
        if since == now {
            return Some(Vec::new());
        }
        let first = self.entries.front()?.0;
        let last = self.entries.back()?.0;
        // Only answer when the log covers every revision in between.
        if first > since + 1 || since > now || last != now {
            return None;
        }
        let after = || self.entries.iter().filter(|(r, _, _)| *r > since);
        if !across_others && after().any(|(_, _, others)| *others) {
            return None;
        }
        let mut ids: Vec<u64> = after()
            .flat_map(|(_, ids, _)| ids.iter().copied())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        Some(ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_change_log_answers_only_without_gaps() {
        let mut log = ChangeLog::default();
        log.record(1, &[Touched::Task(5)]);
        log.record(2, &[Touched::Task(7), Touched::Meta]);
        log.record(3, &[Touched::Task(5)]);
        assert_eq!(log.since(0, 3), Some(vec![5, 7]));
        assert_eq!(log.since(2, 3), Some(vec![5]));
        assert_eq!(log.since(3, 3), Some(vec![]));
        // Revision 4 happened without a record: never "nothing changed".
        assert_eq!(log.since(3, 4), None);
        assert_eq!(log.since(5, 4), None);
        for r in 4..300 {
            log.record(r, &[Touched::Task(r)]);
        }
        assert_eq!(log.since(0, 299), None, "too old: forgotten");
        assert_eq!(log.since(298, 299), Some(vec![299]));
    }

    #[test]
    fn a_unit_change_stops_lanes_patching_but_not_the_tasks_list() {
        let mut log = ChangeLog::default();
        log.record(1, &[Touched::Task(5)]);
        log.record(2, &[Touched::Unit("moi".into())]);
        log.record(3, &[Touched::Task(7), Touched::Score(2024, 1.into())]);
        log.record(4, &[Touched::Task(9)]);
        assert_eq!(log.since(0, 4), None);
        assert_eq!(log.since(2, 4), None);
        assert_eq!(log.since(3, 4), Some(vec![9]));
        assert_eq!(log.tasks_since(0, 4), Some(vec![5, 7, 9]));
        assert_eq!(log.tasks_since(1, 4), Some(vec![7, 9]));
        // Gaps are still gaps.
        assert_eq!(log.tasks_since(4, 5), None);
    }
}
