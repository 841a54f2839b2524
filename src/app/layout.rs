//! The board's lanes and columns as lists of task ids, built from the board
//! once per change of data, grouping or filter, never per keystroke. The
//! geometry helpers here are shared by drawing and mouse hit-testing.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::area::{AREAS, AreaId};
use crate::domain::board::Board;
use crate::domain::task::{Status, Task, TaskId};

/// Rows a card takes: title, then unit · deadline · progress.
pub const CARD_H: usize = 2;

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
    Unit(String),
    All,
}

/// Which tasks the board shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub area: Option<AreaId>,
    pub unit: Option<String>,
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
    pub fn height(&self, folded: bool) -> usize {
        if folded {
            1
        } else {
            1 + (self.depth() * CARD_H).max(1)
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

/// Sort key inside a column: dated deadlines first (soonest first), then
/// undated, then ongoing; ties by id.
fn deadline_key(t: &Task) -> (u8, NaiveDate, TaskId) {
    match (t.due.is_ongoing(), t.due.date) {
        (false, Some(d)) => (0, d, t.id),
        (false, None) => (1, NaiveDate::MIN, t.id),
        (true, _) => (2, NaiveDate::MIN, t.id),
    }
}

impl Layout {
    pub fn build(board: &Board, grouping: Grouping, filter: &Filter, hide_empty: bool) -> Layout {
        let keys: Vec<LaneKey> = match grouping {
            Grouping::Area => AREAS.iter().map(|a| LaneKey::Area(a.id)).collect(),
            Grouping::Unit => board
                .units
                .iter()
                .map(|u| LaneKey::Unit(u.code.clone()))
                .collect(),
            Grouping::None => vec![LaneKey::All],
        };
        let mut lanes: Vec<Lane> = keys
            .into_iter()
            .map(|key| Lane {
                key,
                cols: Default::default(),
            })
            .collect();
        let mut unit_index: HashMap<&str, usize> = HashMap::new();
        if grouping == Grouping::Unit {
            for (i, l) in lanes.iter().enumerate() {
                if let LaneKey::Unit(c) = &l.key {
                    unit_index.insert(board.units[i].code.as_str(), i);
                    debug_assert_eq!(c, &board.units[i].code);
                }
            }
        }
        let mut extra: HashMap<String, usize> = HashMap::new();
        for t in board.tasks.values().filter(|t| filter.keeps(t)) {
            let lane = match grouping {
                Grouping::Area => AREAS
                    .iter()
                    .position(|a| a.id == t.area)
                    .unwrap_or(AREAS.len() - 1),
                Grouping::None => 0,
                Grouping::Unit => match unit_index.get(t.lead.as_str()) {
                    Some(i) => *i,
                    None => *extra.entry(t.lead.clone()).or_insert_with(|| {
                        lanes.push(Lane {
                            key: LaneKey::Unit(t.lead.clone()),
                            cols: Default::default(),
                        });
                        lanes.len() - 1
                    }),
                },
            };
            lanes[lane].cols[t.status.index()].push(t.id);
        }
        for lane in &mut lanes {
            for col in &mut lane.cols {
                col.sort_by_cached_key(|id| deadline_key(&board.tasks[id]));
            }
        }
        if hide_empty {
            lanes.retain(|l| l.count() > 0);
        }
        let mut col_counts = [0; 4];
        for l in &lanes {
            for (i, c) in l.cols.iter().enumerate() {
                col_counts[i] += c.len();
            }
        }
        Layout { lanes, col_counts }
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

/// Column `i` of 4 across `width` cells, with one-cell separators:
/// (x offset, width).
pub fn column_span(width: u16, i: usize) -> (u16, u16) {
    let seps = 3u16;
    let usable = width.saturating_sub(seps);
    let base = usable / 4;
    let extra = usable % 4;
    let w = |k: usize| base + u16::from((k as u16) < extra);
    let x: u16 = (0..i).map(|k| w(k) + 1).sum();
    (x, w(i))
}

/// Which status column an x position falls in.
pub fn column_at(width: u16, x: u16) -> usize {
    (0..4)
        .find(|&i| {
            let (cx, cw) = column_span(width, i);
            x < cx + cw + 1
        })
        .unwrap_or(3)
}

/// The status of column `i`.
pub fn status_of(i: usize) -> Status {
    Status::ALL[i.min(3)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_tile_the_width() {
        for w in [20u16, 79, 80, 81, 160, 300] {
            let (x3, w3) = column_span(w, 3);
            assert_eq!(x3 + w3, w.max(3) - 3 + 3, "width {w}");
            for i in 0..4 {
                let (x, cw) = column_span(w, i);
                assert_eq!(column_at(w, x), i);
                assert_eq!(column_at(w, x + cw.saturating_sub(1)), i);
            }
        }
    }
}
