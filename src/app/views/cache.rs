//! What the summary views show, computed from the digests of every task
//! (`domain::digest`: made when the board is loaded, kept current after
//! each change once a summary view has been opened): the one aggregation
//! (`report::aggregate`, the same code as `report::summarize`) and the rows
//! of the overview and of the deadlines.

use chrono::NaiveDate;

use super::OVERVIEW_OVERDUE;
use crate::domain::agenda::{Horizon, agenda};
use crate::domain::area::{AREAS, AreaId};
use crate::domain::board::Board;
use crate::domain::digest::Digests;
use crate::domain::report::{Summary, aggregate};
use crate::domain::task::TaskId;

/// One row of the overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OvRow {
    Area(AreaId),
    /// The whole board.
    Total,
    UnitHeading,
    /// Index into `Summary::by_unit`.
    Unit(usize),
    OverdueHeading,
    Task(TaskId),
    /// More overdue tasks than listed.
    More(usize),
    /// "(none)" under an empty heading.
    NoneItem,
    Blank,
}

impl OvRow {
    pub fn selectable(self) -> bool {
        matches!(
            self,
            OvRow::Area(_) | OvRow::Total | OvRow::Unit(_) | OvRow::Task(_)
        )
    }
}

/// One row of the deadlines view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgRow {
    /// A group and how many tasks it holds.
    Heading(Horizon, usize),
    Task(TaskId),
}

/// Everything the three views show: the one aggregation and the rows
/// derived from it, for a revision of the data and a date.
#[derive(Debug, Clone)]
pub struct Cache {
    pub(super) key: (u64, NaiveDate),
    pub summary: Summary,
    pub overview: Vec<OvRow>,
    pub agenda: Vec<AgRow>,
}

impl Cache {
    /// Aggregate the board as of `today` (revision 0: not tied to a repo).
    /// The same figures as `report::summarize`: it is the same code.
    pub fn build(board: &Board, today: NaiveDate) -> Cache {
        Cache::count(&Digests::full(board, 0), today)
    }

    pub(super) fn count(d: &Digests, today: NaiveDate) -> Cache {
        let summary = aggregate(d.list(), d.codes(), today);
        let mut overview: Vec<OvRow> = AREAS.iter().map(|a| OvRow::Area(a.id)).collect();
        overview.push(OvRow::Total);
        overview.push(OvRow::Blank);
        overview.push(OvRow::UnitHeading);
        overview.extend(
            summary
                .by_unit
                .iter()
                .enumerate()
                .filter(|(_, (_, c))| c.total > 0)
                .map(|(i, _)| OvRow::Unit(i)),
        );
        overview.push(OvRow::Blank);
        overview.push(OvRow::OverdueHeading);
        overview.extend(
            summary
                .overdue
                .iter()
                .take(OVERVIEW_OVERDUE)
                .map(|id| OvRow::Task(*id)),
        );
        match summary.overdue.len() {
            0 => overview.push(OvRow::NoneItem),
            n if n > OVERVIEW_OVERDUE => overview.push(OvRow::More(n - OVERVIEW_OVERDUE)),
            _ => {}
        }
        let groups = agenda(&summary);
        let mut rows = Vec::with_capacity(groups.len() + d.list().len());
        for (h, ids) in groups {
            rows.push(AgRow::Heading(h, ids.len()));
            rows.extend(ids.into_iter().map(AgRow::Task));
        }
        Cache {
            key: (d.revision, today),
            summary,
            overview,
            agenda: rows,
        }
    }
}
