//! The board's lanes and columns as lists of task ids, built from the board
//! once per change of data, grouping or filter, never per keystroke. Where
//! they go on the screen is `geom`'s business.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::domain::area::{AREAS, AreaId};
use crate::domain::board::Board;
use crate::domain::task::{Status, Task, TaskId};
use crate::domain::unit::UnitCode;

use super::geom::CARD_H;

/// How lanes are formed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Grouping {
    Area,
    Unit,
    None,
}

impl Grouping {
    pub fn next(self) -> Grouping {
        match self {
            Grouping::Area => Grouping::Unit,
            Grouping::Unit => Grouping::None,
            Grouping::None => Grouping::Area,
        }
    }
}

/// What a lane holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LaneKey {
    Area(AreaId),
    Unit(UnitCode),
    All,
}

/// Which tasks the board shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub area: Option<AreaId>,
    pub unit: Option<UnitCode>,
    /// With `unit`: only the tasks it leads (as the summary views count
    /// them), not those it supports.
    pub lead_only: bool,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.area.is_none() && self.unit.is_none()
    }
    pub fn keeps(&self, t: &Task) -> bool {
        self.area.is_none_or(|a| t.area == a)
            && self.unit.as_deref().is_none_or(|u| {
                if self.lead_only {
                    t.lead == u
                } else {
                    t.involves(u)
                }
            })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane {
    pub key: LaneKey,
    /// Task ids per status column, sorted.
    pub cols: [Vec<TaskId>; 4],
}

impl Lane {
    pub fn count(&self) -> usize {
        self.cols.iter().map(Vec::len).sum()
    }
    /// Card rows of the tallest column.
    pub fn depth(&self) -> usize {
        self.cols.iter().map(Vec::len).max().unwrap_or(0)
    }
    /// Screen rows: header plus cards (one blank row for an empty lane).
    /// With `single` (a narrow screen) only that column's cards count.
    pub fn height(&self, folded: bool, single: Option<usize>) -> usize {
        let depth = match single {
            Some(c) => self.cols[c.min(3)].len(),
            None => self.depth(),
        };
        if folded {
            1
        } else {
            1 + (depth * CARD_H).max(1)
        }
    }
}

/// The lanes of the board view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    pub lanes: Vec<Lane>,
    /// Cards per column over all shown lanes.
    pub col_counts: [usize; 4],
}

/// The order of cards inside a column (`s` cycles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Sort {
    /// Dated deadlines first, soonest first; then undated; then ongoing.
    #[default]
    Deadline,
    /// By title in Vietnamese alphabetical order.
    Title,
    /// Most recently changed first.
    Changed,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::Deadline => Sort::Title,
            Sort::Title => Sort::Changed,
            Sort::Changed => Sort::Deadline,
        }
    }
}

/// How to build lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub grouping: Grouping,
    pub sort: Sort,
}

/// Ranks of tasks by title in Vietnamese order (for `Sort::Title`).
type Ranks = HashMap<TaskId, u64>;

fn title_ranks(board: &Board) -> Ranks {
    let mut keyed: Vec<(Vec<u32>, TaskId)> = board
        .tasks
        .values()
        .map(|t| (crate::domain::text::vi_sort_key(&t.title), t.id))
        .collect();
    keyed.sort_unstable();
    keyed
        .into_iter()
        .enumerate()
        .map(|(i, (_, id))| (id, i as u64))
        .collect()
}

/// The sort key of a task in a column.
fn sort_key(t: &Task, sort: Sort, ranks: Option<&Ranks>) -> (u64, TaskId) {
    match sort {
        Sort::Deadline => {
            let days = |d: NaiveDate| d.num_days_from_ce().max(0) as u64;
            let primary = match (t.due.is_ongoing(), t.due.date) {
                (false, Some(d)) => days(d),
                (false, None) => 1 << 40,
                (true, _) => 2 << 40,
            };
            (primary, t.id)
        }
        Sort::Title => (
            ranks
                .and_then(|r| r.get(&t.id).copied())
                .unwrap_or(u64::MAX),
            t.id,
        ),
        Sort::Changed => (u64::MAX - (t.updated_at.max(0) as u64), t.id),
    }
}

impl Layout {
    /// Lanes of the tasks that pass the filter, sorted; empty lanes hidden if asked.
    pub fn build(board: &Board, grouping: Grouping, filter: &Filter, hide_empty: bool) -> Layout {
        let base = Layout::build_with(
            board,
            Spec {
                grouping,
                sort: Sort::Deadline,
            },
            &|t| filter.keeps(t),
        );
        base.derive(None, hide_empty)
    }

    /// Every lane of the grouping (empty ones too), with the tasks `keep`
    /// accepts, each column sorted.
    pub fn build_with(board: &Board, spec: Spec, keep: &dyn Fn(&Task) -> bool) -> Layout {
        let mut keys: Vec<LaneKey> = match spec.grouping {
            Grouping::Area => AREAS.iter().map(|a| LaneKey::Area(a.id)).collect(),
            Grouping::Unit => board
                .units
                .iter()
                .map(|u| LaneKey::Unit(u.code.clone()))
                .collect(),
            Grouping::None => vec![LaneKey::All],
        };
        let mut area_index = [usize::MAX; 256];
        for (i, a) in AREAS.iter().enumerate() {
            area_index[a.id.index()] = i;
        }
        let mut unit_index: HashMap<&str, usize> = HashMap::new();
        for (i, u) in board.units.iter().enumerate() {
            unit_index.insert(u.code.as_str(), i);
        }
        let ranks = (spec.sort == Sort::Title).then(|| title_ranks(board));
        // Sort keys are computed once per task while bucketing.
        let mut buckets: Vec<[Vec<(u64, TaskId)>; 4]> =
            keys.iter().map(|_| Default::default()).collect();
        for t in board.tasks.values().filter(|t| keep(t)) {
            let lane = match spec.grouping {
                Grouping::Area => match area_index[t.area.index()] {
                    usize::MAX => AREAS.len() - 1,
                    i => i,
                },
                Grouping::None => 0,
                Grouping::Unit => match unit_index.get(t.lead.as_str()) {
                    Some(i) => *i,
                    None => {
                        // A lead unit that is not in the list gets a lane of its own.
                        keys.push(LaneKey::Unit(t.lead.clone()));
                        buckets.push(Default::default());
                        let i = keys.len() - 1;
                        unit_index.insert(t.lead.as_str(), i);
                        i
                    }
                },
            };
            buckets[lane][t.status.index()].push(sort_key(t, spec.sort, ranks.as_ref()));
        }
        let lanes: Vec<Lane> = keys
            .into_iter()
            .zip(buckets)
            .map(|(key, cols)| Lane {
                key,
                cols: cols.map(|mut c| {
                    c.sort_unstable();
                    c.into_iter().map(|(_, id)| id).collect()
                }),
            })
            .collect();
        let mut l = Layout {
            lanes,
            col_counts: [0; 4],
        };
        l.recount();
        l
    }

    fn recount(&mut self) {
        self.col_counts = [0; 4];
        for l in &self.lanes {
            for (i, c) in l.cols.iter().enumerate() {
                self.col_counts[i] += c.len();
            }
        }
    }

    /// The lanes to show: only the tasks in `only` (a bitmap indexed by
    /// task id, e.g. search matches), empty lanes dropped if asked. Keeps
    /// the order, so nothing is sorted again.
    pub fn derive(&self, only: Option<&[bool]>, hide_empty: bool) -> Layout {
        let shown =
            |id: &TaskId| only.is_none_or(|bits| bits.get(*id as usize).copied().unwrap_or(false));
        let mut lanes: Vec<Lane> = self
            .lanes
            .iter()
            .map(|l| Lane {
                key: l.key.clone(),
                cols: l
                    .cols
                    .clone()
                    .map(|c| c.into_iter().filter(|id| shown(id)).collect()),
            })
            .collect();
        if hide_empty {
            lanes.retain(|l| l.count() > 0);
        }
        let mut out = Layout {
            lanes,
            col_counts: [0; 4],
        };
        out.recount();
        out
    }

    /// Update the lanes for tasks that changed (added, removed, edited) in
    /// place. Returns false when the lanes must be rebuilt instead (a task
    /// needs a lane that is not there, or the order depends on all titles).
    pub fn patch(
        &mut self,
        board: &Board,
        ids: &[TaskId],
        spec: Spec,
        keep: &dyn Fn(&Task) -> bool,
    ) -> bool {
        if spec.sort == Sort::Title {
            return false;
        }
        for id in ids {
            if let Some((l, c, r)) = self.find(*id) {
                self.lanes[l].cols[c].remove(r);
                self.col_counts[c] -= 1;
            }
            let Some(t) = board.tasks.get(id).filter(|t| keep(t)) else {
                continue;
            };
            let want = match spec.grouping {
                Grouping::Area => LaneKey::Area(t.area),
                Grouping::Unit => LaneKey::Unit(t.lead.clone()),
                Grouping::None => LaneKey::All,
            };
            let Some(lane) = self.lanes.iter_mut().find(|l| l.key == want) else {
                return false;
            };
            let col = &mut lane.cols[t.status.index()];
            let key = sort_key(t, spec.sort, None);
            let at = col.partition_point(|x| {
                board.tasks.get(x).map(|o| sort_key(o, spec.sort, None)) < Some(key)
            });
            col.insert(at, t.id);
            self.col_counts[t.status.index()] += 1;
        }
        true
    }

    /// Where a task is: (lane, column, row).
    pub fn find(&self, id: TaskId) -> Option<(usize, usize, usize)> {
        self.lanes.iter().enumerate().find_map(|(li, lane)| {
            lane.cols
                .iter()
                .enumerate()
                .find_map(|(ci, col)| col.iter().position(|x| *x == id).map(|ri| (li, ci, ri)))
        })
    }

    pub fn total(&self) -> usize {
        self.col_counts.iter().sum()
    }
}

/// The status of column `i`.
pub fn status_of(i: usize) -> Status {
    Status::ALL[i.min(3)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patching_gives_the_same_lanes_as_rebuilding() {
        use crate::domain::board::Ctx;
        use crate::domain::command::Command;
        let units = crate::domain::unit::plan_preset();
        let mut board = Board::new(Default::default(), units.clone());
        for t in crate::transfer::generate::generate(600, 3, 2025, &units, 0) {
            board.next_id = board.next_id.max(t.id + 1);
            board.tasks.insert(t.id, std::sync::Arc::new(t));
        }
        let ctx = Ctx {
            now: 1,
            author: "t".into(),
        };
        for grouping in [Grouping::Area, Grouping::Unit, Grouping::None] {
            for filter in [
                Filter::default(),
                Filter {
                    area: Some(3.into()),
                    ..Filter::default()
                },
                Filter {
                    unit: Some("dc".into()),
                    ..Filter::default()
                },
            ] {
                for sort in [Sort::Deadline, Sort::Changed] {
                    let mut b = board.clone();
                    let spec = Spec { grouping, sort };
                    let keep = |t: &Task| filter.keeps(t);
                    let mut layout = Layout::build_with(&b, spec, &keep);
                    let changes = [
                        Command::Move {
                            id: 5,
                            status: Status::Done,
                        },
                        Command::Move {
                            id: 17,
                            status: Status::Blocked,
                        },
                        Command::DeleteTask(40),
                        Command::AddTask(crate::domain::task::Task::new("Mới", 3, "dc")),
                        Command::SetProgress {
                            id: 99,
                            progress: 50,
                        },
                    ];
                    for cmd in changes {
                        let applied = b.apply(cmd, &ctx).unwrap();
                        let ids: Vec<TaskId> = applied
                            .touched
                            .iter()
                            .filter_map(|t| match t {
                                crate::domain::command::Touched::Task(id) => Some(*id),
                                _ => None,
                            })
                            .collect();
                        assert!(layout.patch(&b, &ids, spec, &keep));
                        assert_eq!(
                            layout,
                            Layout::build_with(&b, spec, &keep),
                            "{grouping:?} {filter:?} {sort:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn title_sort_is_vietnamese_order_and_changed_sort_is_newest_first() {
        let units = crate::domain::unit::plan_preset();
        let mut b = Board::new(Default::default(), units);
        for (id, title, updated) in [
            (1, "Đường", 5),
            (2, "Dân", 9),
            (3, "Anh", 1),
            (4, "Ăn", 7),
            (5, "Bà", 3),
        ] {
            let mut t = Task::new(title, 1, "vp");
            t.id = id;
            t.updated_at = updated;
            b.tasks.insert(id, std::sync::Arc::new(t));
        }
        let titles = |sort| {
            let l = Layout::build_with(
                &b,
                Spec {
                    grouping: Grouping::None,
                    sort,
                },
                &|_: &Task| true,
            );
            l.lanes[0].cols[0]
                .iter()
                .map(|id| b.tasks[id].title.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(titles(Sort::Title), ["Anh", "Ăn", "Bà", "Dân", "Đường"]);
        assert_eq!(titles(Sort::Changed), ["Dân", "Ăn", "Đường", "Bà", "Anh"]);
    }

    #[test]
    fn derive_keeps_order_and_hides_empty_lanes() {
        let units = crate::domain::unit::plan_preset();
        let mut b = Board::new(Default::default(), units.clone());
        for t in crate::transfer::generate::generate(200, 5, 2025, &units, 0) {
            b.tasks.insert(t.id, std::sync::Arc::new(t));
        }
        let base = Layout::build_with(
            &b,
            Spec {
                grouping: Grouping::Area,
                sort: Sort::Deadline,
            },
            &|_: &Task| true,
        );
        let mut bits = vec![false; 201];
        for id in (1..=200).step_by(7) {
            bits[id] = true;
        }
        let shown = base.derive(Some(&bits), true);
        assert_eq!(shown.total(), (1..=200).step_by(7).count());
        for (lane, full) in shown.lanes.iter().zip(
            base.lanes
                .iter()
                .filter(|l| shown.lanes.iter().any(|s| s.key == l.key)),
        ) {
            for (c, fc) in lane.cols.iter().zip(full.cols.iter()) {
                let expect: Vec<_> = fc.iter().copied().filter(|id| bits[*id as usize]).collect();
                assert_eq!(c, &expect);
            }
        }
        assert!(shown.lanes.iter().all(|l| l.count() > 0));
    }
}
