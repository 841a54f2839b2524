//! What the summary views show, computed from the board: a digest of
//! every task (kept current after each change, once a summary view has
//! been opened), and from the digests the one aggregation
//! (`report::aggregate`, the same code as `report::summarize`) and the rows
//! of the overview and of the deadlines.

use chrono::NaiveDate;

use super::{OVERVIEW_OVERDUE, SOON_DAYS};
use crate::domain::agenda::{Horizon, agenda};
use crate::domain::area::{AREAS, AreaId};
use crate::domain::board::Board;
use crate::domain::digest::{Digest, UnitIndex};
use crate::domain::report::{Summary, aggregate};
use crate::domain::task::{Task, TaskId};

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

/// More changed tasks than this and the digests are made again from scratch.
pub(super) const REFRESH_MAX: usize = 2_000;

/// Every task's digest, sorted by id, as of a revision of the data.
#[derive(Debug, Clone)]
pub(super) struct Digests {
    pub(super) revision: u64,
    units: UnitIndex,
    list: Vec<Digest>,
}

impl Digests {
    /// Read every task (at 100,000 tasks, most of a cold start's time).
    pub(super) fn full(board: &Board, revision: u64) -> Digests {
        let mut units = UnitIndex::new(&board.units);
        let tasks: Vec<&Task> = board.tasks.values().collect();
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

    /// Whether they were made with the board's units as they are now.
    pub(super) fn same_units(&self, board: &Board) -> bool {
        self.units.codes().len() == board.units.len() && self.units.starts_with(&board.units)
    }

    /// Read tasks `ids` again — added, changed or deleted.
    pub(super) fn refresh(&mut self, board: &Board, mut ids: Vec<TaskId>, revision: u64) {
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
        let summary = aggregate(&d.list, d.units.codes(), today, SOON_DAYS);
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
        let mut rows = Vec::with_capacity(groups.len() + d.list.len());
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
