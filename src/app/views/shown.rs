//! The deadlines view's rows as shown: the agenda of the whole board
//! narrowed by the board's filter and search (`f`, `F` and `/` work in the
//! deadlines view as on the board, and it honours the board's), each group
//! recounted. Rebuilt only when the data, the date, the filter or the
//! search changes, never per key.

use chrono::NaiveDate;

use super::{AgRow, Cache, Views, snap_agenda};
use crate::app::layout::Filter;
use crate::domain::board::Board;
use crate::domain::task::TaskId;

/// What the shown rows were narrowed by.
type Key = ((u64, NaiveDate), Filter, Option<u64>);

/// The narrowed agenda and what it was made from.
#[derive(Debug, Clone)]
pub struct Shown {
    key: Key,
    rows: Vec<AgRow>,
}

impl Views {
    /// The deadlines view's rows: narrowed when a filter or search is on.
    pub fn agenda(&self) -> &[AgRow] {
        rows_of(&self.shown, &self.cache)
    }

    /// Narrow the agenda to the tasks `filter` keeps and, with a search
    /// (`found`: its matches, ascending; `generation`: bumped at each
    /// change of its text), to its matches. Keeps the selected task.
    pub(crate) fn narrow_agenda(
        &mut self,
        board: &Board,
        filter: &Filter,
        search: Option<(&[TaskId], u64)>,
    ) {
        let Some(cache) = &self.cache else { return };
        if filter.is_empty() && search.is_none() {
            self.shown = None;
            return;
        }
        let key = (cache.key, filter.clone(), search.map(|(_, g)| g));
        if self.shown.as_ref().is_some_and(|s| s.key == key) {
            return;
        }
        let keeps = |id: &TaskId| {
            board.task(*id).is_some_and(|t| filter.keeps(t))
                && search.is_none_or(|(found, _)| found.binary_search(id).is_ok())
        };
        let selected = match self.agenda().get(self.deadlines.sel) {
            Some(AgRow::Task(id)) => Some(*id),
            _ => None,
        };
        let rows = regroup(&cache.agenda, keeps);
        let sel = selected.and_then(|id| rows.iter().position(|r| *r == AgRow::Task(id)));
        self.deadlines.sel = sel.unwrap_or_else(|| snap_agenda(&rows, self.deadlines.sel));
        self.shown = Some(Shown { key, rows });
    }
}

/// The rows shown: the narrowed ones if any, else the whole agenda.
pub(super) fn rows_of<'a>(shown: &'a Option<Shown>, cache: &'a Option<Cache>) -> &'a [AgRow] {
    match (shown, cache) {
        (Some(s), _) => &s.rows,
        (None, Some(c)) => &c.agenda,
        (None, None) => &[],
    }
}

/// The rows whose tasks `keeps` accepts, under their headings with the
/// new counts; a heading left empty goes.
fn regroup(rows: &[AgRow], keeps: impl Fn(&TaskId) -> bool) -> Vec<AgRow> {
    let mut out: Vec<AgRow> = Vec::new();
    let mut heading: Option<usize> = None;
    for row in rows {
        match row {
            AgRow::Heading(h, _) => {
                if let Some(i) = heading.take_if(|i| *i + 1 == out.len()) {
                    out.truncate(i);
                }
                heading = Some(out.len());
                out.push(AgRow::Heading(*h, 0));
            }
            AgRow::Task(id) if keeps(id) => {
                if let Some(AgRow::Heading(_, n)) = heading.and_then(|i| out.get_mut(i)) {
                    *n += 1;
                }
                out.push(*row);
            }
            AgRow::Task(_) => {}
        }
    }
    if heading.is_some_and(|i| i + 1 == out.len()) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agenda::Horizon;

    #[test]
    fn regrouping_recounts_and_drops_empty_groups() {
        let rows = [
            AgRow::Heading(Horizon::Overdue, 2),
            AgRow::Task(1),
            AgRow::Task(2),
            AgRow::Heading(Horizon::ThisWeek, 1),
            AgRow::Task(3),
            AgRow::Heading(Horizon::Ongoing, 2),
            AgRow::Task(4),
            AgRow::Task(5),
        ];
        let out = regroup(&rows, |id| *id != 3 && *id != 1);
        assert_eq!(
            out,
            [
                AgRow::Heading(Horizon::Overdue, 1),
                AgRow::Task(2),
                AgRow::Heading(Horizon::Ongoing, 2),
                AgRow::Task(4),
                AgRow::Task(5),
            ]
        );
        assert!(regroup(&rows, |_| false).is_empty());
    }
}
