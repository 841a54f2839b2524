//! The summary views (2 overview, 3 matrix, 4 deadlines): their state —
//! cursors, and what they show — kept here, drawn by
//! `ui`. What they show comes from the one aggregation, computed once per
//! change of data or date (never per frame or key): see `cache`. `Enter`
//! leaves for the board, filtered to the row or cell, or at the task.

mod cache;
mod keys;
mod matrix;
mod shown;

use std::sync::Arc;

use chrono::NaiveDate;

use super::View;
use crate::domain::area::AREAS;
use crate::domain::board::Board;
use crate::domain::digest::{Digests, REFRESH_MAX};
use crate::domain::task::TaskId;

pub use cache::{AgRow, Cache, OvRow};
pub use keys::describe_score;
pub use matrix::{MATRIX_FOOT, MatrixGeom, area_label, cell_text, matrix_rows};

/// How many of the most overdue tasks the overview lists.
pub const OVERVIEW_OVERDUE: usize = 10;
/// Fixed rows at the top of each view's body (not scrolled): the overview's
/// headline and two-line column header, the deadlines' headline, the
/// matrix's unit codes.
pub const OVERVIEW_HEAD: usize = 3;
pub const DEADLINES_HEAD: usize = 1;
pub const MATRIX_HEAD: usize = 1;

/// Selected row and first row shown, of a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub sel: usize,
    pub scroll: usize,
}

/// The matrix cursor. Rows 0–8 are areas in display order and row 9 the
/// totals; columns are units in `Summary::by_unit` order, then the totals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MatrixCursor {
    pub row: usize,
    pub col: usize,
    pub row_scroll: usize,
    pub col_scroll: usize,
}

/// State of the three summary views.
#[derive(Debug, Clone, Default)]
pub struct Views {
    pub overview: Cursor,
    pub matrix: MatrixCursor,
    pub deadlines: Cursor,
    /// Shared with the repo's digests made at load until the first change.
    digests: Option<Arc<Digests>>,
    cache: Option<Cache>,
    /// The deadlines' rows narrowed by the filter and search, if any.
    shown: Option<shown::Shown>,
    /// How many times every task was read again (not patched, not taken
    /// from the repo): tests check which events still cost that.
    reads: u64,
}

/// The first row to show so that `sel` is within `view` rows of it.
pub fn follow(sel: usize, scroll: usize, view: usize) -> usize {
    let view = view.max(1);
    if sel < scroll {
        sel
    } else if sel >= scroll + view {
        sel + 1 - view
    } else {
        scroll
    }
}

/// Rows of a view's body: the screen less the title and status bars.
pub fn body_rows(height: u16) -> usize {
    height.saturating_sub(2) as usize
}

impl Views {
    /// The aggregation the views draw, if built.
    pub fn cache(&self) -> Option<&Cache> {
        self.cache.as_ref()
    }

    /// Forget everything read from the board, the digests too: the next
    /// summary view reads every task (benchmarks measure that path).
    pub fn invalidate(&mut self) {
        self.digests = None;
        self.cache = None;
        self.shown = None;
    }

    /// Bring what the views show up to date with the data and the date,
    /// reading every task again if anything changed.
    pub fn sync(&mut self, board: &Board, revision: u64, today: NaiveDate, view: View) {
        self.sync_with(board, revision, today, view, &|_| None, &|| None);
    }

    /// The same, reading again only the tasks that changed when the repo
    /// can say which (`changes`: the tasks changed since a revision, also
    /// across unit changes — `Repo::task_changes_since`), and starting from
    /// the digests the repo made when it last loaded a board (`loaded`),
    /// if any.
    ///
    /// The digests are taken (or made) the first time a summary view is
    /// shown and kept current from then on, in every view; the aggregation
    /// is counted from them while a summary view is shown. When the units
    /// changed, the digests' unit indexes are remapped by code (no task is
    /// read). Keeps the selected row or task.
    pub fn sync_with(
        &mut self,
        board: &Board,
        revision: u64,
        today: NaiveDate,
        view: View,
        changes: &dyn Fn(u64) -> Option<Vec<TaskId>>,
        loaded: &dyn Fn() -> Option<Arc<Digests>>,
    ) {
        if view == View::Board && self.digests.is_none() {
            return;
        }
        // As of this revision, digests of as many tasks as the board has:
        // the board did not change behind the revision. Older ones are
        // patched with what changed since, like the views' own.
        let loaded =
            loaded().filter(|d| d.revision != revision || d.list().len() == board.tasks.len());
        let held = match (self.digests.take(), loaded) {
            // Made by a later load (another board opened, a restore): the
            // ones held describe data that is no longer there.
            (Some(h), Some(l)) if l.revision > h.revision => Some(l),
            (h, l) => h.or(l),
        };
        let patched = held.and_then(|mut d| {
            if d.revision == revision {
                return Some(d);
            }
            let ids = changes(d.revision).filter(|ids| ids.len() <= REFRESH_MAX)?;
            // Copied first if still shared with the repo.
            let m = Arc::make_mut(&mut d);
            m.refresh(board, ids, revision);
            if !m.same_units(board) {
                m.remap_units(board);
            }
            Some(d)
        });
        let digests = patched.unwrap_or_else(|| {
            self.reads += 1;
            Arc::new(Digests::full(board, revision))
        });
        let digests = self.digests.insert(digests);
        if view == View::Board
            || self
                .cache
                .as_ref()
                .is_some_and(|c| c.key == (revision, today))
        {
            return;
        }
        let new = Cache::count(digests, today);
        // Find the selected rows again.
        let old = self.cache.take();
        let ov_row = old
            .as_ref()
            .and_then(|c| c.overview.get(self.overview.sel).copied());
        let ag_row = old
            .as_ref()
            .and_then(|c| c.agenda.get(self.deadlines.sel).copied());
        let ov_sel = ov_row.and_then(|r| new.overview.iter().position(|x| *x == r));
        self.overview.sel = ov_sel.unwrap_or_else(|| snap(&new.overview, self.overview.sel));
        let ag_sel = ag_row.and_then(|r| new.agenda.iter().position(|x| *x == r));
        self.deadlines.sel = ag_sel.unwrap_or_else(|| snap_agenda(&new.agenda, self.deadlines.sel));
        self.matrix.row = self.matrix.row.min(AREAS.len());
        self.matrix.col = self.matrix.col.min(new.summary.by_unit.len());
        self.cache = Some(new);
    }

    /// How many times the views read every task again since start.
    pub fn reads(&self) -> u64 {
        self.reads
    }

    /// Tasks on the board, for the status bar.
    pub fn total(&self) -> Option<usize> {
        self.cache.as_ref().map(|c| c.summary.all.total)
    }
}

/// The selectable overview row nearest `i` (searching down, then up).
fn snap(rows: &[OvRow], i: usize) -> usize {
    let i = i.min(rows.len().saturating_sub(1));
    (i..rows.len())
        .chain((0..i).rev())
        .find(|&k| rows[k].selectable())
        .unwrap_or(0)
}

pub(super) fn snap_agenda(rows: &[AgRow], i: usize) -> usize {
    let i = i.min(rows.len().saturating_sub(1));
    (i..rows.len())
        .chain((0..i).rev())
        .find(|&k| matches!(rows[k], AgRow::Task(_)))
        .unwrap_or(0)
}

/// Move `d` rows (a page when |d| > 1) to the nearest row that `ok`
/// accepts, looking further in the same direction first.
fn step<T>(rows: &[T], sel: usize, d: isize, ok: impl Fn(&T) -> bool) -> usize {
    if rows.is_empty() {
        return 0;
    }
    let last = rows.len() - 1;
    let target = (sel as isize + d).clamp(0, last as isize) as usize;
    let ok = |k: &usize| ok(&rows[*k]);
    let found = if d >= 0 {
        (target..=last)
            .find(ok)
            .or_else(|| (sel.min(target)..target).rev().find(ok))
    } else {
        (0..=target)
            .rev()
            .find(ok)
            .or_else(|| (target + 1..=sel.max(target)).find(ok))
    };
    found.unwrap_or(sel)
}
