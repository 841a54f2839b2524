//! Keeping the board's lanes up to date with the data (patched from the
//! repo's change log, derived through the search matches) and moving
//! through them: the selection, scrolling, and the mouse.

use crossterm::event::{MouseEvent, MouseEventKind};

use crate::domain::board::Board;
use crate::domain::digest::Digests;
use crate::domain::task::TaskId;

use super::geom::{CARD_H, Columns, strip_rows};
use super::keys::Action;
use super::layout::Filter;
use super::layout::{self, Layout};
use super::{App, BOTTOM_ROWS, Repo, Selection, TOP_ROWS, View};

/// What the sorted base lanes were built from.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct BaseKey {
    rev: u64,
    spec: layout::Spec,
    filter: Filter,
}

/// What the shown lanes were derived from: while none of it changes (nor
/// the base lanes), they stay as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ShownKey {
    rev: u64,
    hide_empty: bool,
    /// How many tasks the search matches.
    matches: Option<usize>,
    /// Bumped whenever the search text changes.
    search_gen: u64,
}

impl App {
    /// Bring the board's lanes up to date from a repo: patch them with the
    /// tasks that changed when the repo can say which, else rebuild.
    pub fn refresh(&mut self, repo: &dyn Repo) {
        self.update_layout(
            repo.board(),
            repo.revision(),
            &|r| repo.changes_since(r),
            &|r| repo.task_changes_since(r),
            &|| repo.digests(),
        );
    }

    /// The same, for callers that only have the board (always correct; a
    /// rebuild whenever the revision moved).
    pub fn sync(&mut self, board: &Board, revision: u64) {
        self.update_layout(board, revision, &|_| None, &|_| None, &|| None);
    }

    /// Keeps the selected task selected when it is still shown. Cheap when
    /// nothing changed: the sorted base lanes are patched, the shown lanes
    /// derived from them by the search matches, never sorted again.
    pub(super) fn update_layout(
        &mut self,
        board: &Board,
        rev: u64,
        changes: &dyn Fn(u64) -> Option<Vec<TaskId>>,
        task_changes: &dyn Fn(u64) -> Option<Vec<TaskId>>,
        loaded: &dyn Fn() -> Option<std::sync::Arc<Digests>>,
    ) {
        self.views
            .sync_with(board, rev, self.today, self.view, task_changes, loaded);
        let mut dirty = self.update_base(board, rev, changes);
        if let Some(search) = &mut self.search
            && search.rev != Some(rev)
        {
            self.index.refresh(board, rev, changes);
            search.update(&self.index, board, self.today, rev);
            dirty = true;
        }
        self.narrow_agenda(board);
        let shown_key = ShownKey {
            rev,
            hide_empty: self.hide_empty,
            matches: self.search.as_ref().map(|s| s.found.len()),
            search_gen: self.search_gen,
        };
        if !dirty && self.shown_built == Some(shown_key) {
            return;
        }
        let keep_sel = self.selected_id();
        let bits = self.search.as_ref().map(|s| s.bitmap(board.next_id));
        self.layout = self.base.derive(bits.as_deref(), self.hide_empty);
        self.shown_built = Some(shown_key);
        if let Some((l, c, r)) = keep_sel.and_then(|id| self.layout.find(id)) {
            self.sel = Selection {
                lane: l,
                col: c,
                row: r,
            };
        }
        self.clamp();
    }

    /// Bring the sorted base lanes up to revision `rev`: unchanged, patched
    /// with the tasks changed since they were built, or built again when
    /// the grouping, the sort or the filter changed. `true` when they
    /// changed.
    fn update_base(
        &mut self,
        board: &Board,
        rev: u64,
        changes: &dyn Fn(u64) -> Option<Vec<TaskId>>,
    ) -> bool {
        let spec = layout::Spec {
            grouping: self.grouping,
            sort: self.sort,
        };
        let filter = self.filter.clone();
        let keep = |t: &crate::domain::task::Task| filter.keeps(t);
        let same = |k: &BaseKey| k.spec == spec && k.filter == self.filter;
        let dirty = match &self.base_built {
            Some(k) if k.rev == rev && same(k) => false,
            Some(k)
                if same(k)
                    && let Some(ids) = changes(k.rev)
                    && self.base.patch(board, &ids, spec, &keep) =>
            {
                true
            }
            _ => {
                self.base = Layout::build_with(board, spec, &keep);
                true
            }
        };
        self.base_built = Some(BaseKey {
            rev,
            spec,
            filter: self.filter.clone(),
        });
        dirty
    }

    /// Narrow the deadlines view to the board's filter and search.
    pub(crate) fn narrow_agenda(&mut self, board: &Board) {
        if self.view != View::Deadlines {
            return;
        }
        let search = self
            .search
            .as_ref()
            .filter(|s| !s.field.is_empty())
            .map(|s| (s.found.as_slice(), self.search_gen));
        self.views.narrow_agenda(board, &self.filter, search);
    }

    /// How many task texts the search index has folded since start.
    pub fn search_folds(&self) -> u64 {
        self.index.folds
    }

    /// The search box changed: find again (from the cached folded text).
    pub(crate) fn search_changed(&mut self, repo: &dyn Repo) {
        let rev = repo.revision();
        self.index
            .refresh(repo.board(), rev, &|r| repo.changes_since(r));
        if let Some(search) = &mut self.search {
            search.rev = search.rev.filter(|r| *r == rev);
            search.update(&self.index, repo.board(), self.today, rev);
        }
        self.search_gen += 1;
        self.refresh(repo);
        if self.search.as_ref().is_some_and(|s| !s.field.is_empty()) {
            self.select_best_match();
        }
    }

    /// The board's moving, folding, grouping and ordering keys.
    pub(super) fn navigate(&mut self, action: Action) {
        match action {
            Action::Left => self.move_col(-1),
            Action::Right => self.move_col(1),
            Action::Up => self.move_row(-1),
            Action::Down => self.move_row(1),
            Action::NextLane => self.move_lane(1),
            Action::PrevLane => self.move_lane(-1),
            Action::First => {
                self.sel.row = 0;
                self.ensure_visible();
            }
            Action::Last => {
                self.sel.row = self.col_len(self.sel.lane, self.sel.col).saturating_sub(1);
                self.ensure_visible();
            }
            Action::CycleGrouping => {
                self.grouping = self.grouping.next();
                self.folded.clear();
                self.scroll = 0;
            }
            Action::FoldLane => self.fold_lane(),
            Action::FoldAll => {
                if self.folded.is_empty() {
                    self.folded = self.layout.lanes.iter().map(|l| l.key.clone()).collect();
                } else {
                    self.folded.clear();
                }
                self.ensure_visible();
            }
            Action::ToggleEmptyLanes => self.hide_empty = !self.hide_empty,
            Action::CycleSort => self.sort = self.sort.next(),
            Action::ClearFilter => {
                self.filter = Filter::default();
                if self.search.take().is_some() {
                    self.search_gen += 1;
                }
            }
            _ => {}
        }
    }

    fn fold_lane(&mut self) {
        if let Some(lane) = self.layout.lanes.get(self.sel.lane) {
            let key = lane.key.clone();
            if !self.folded.remove(&key) {
                self.folded.insert(key);
            }
            self.ensure_visible();
        }
    }

    pub(super) fn clamp(&mut self) {
        let lanes = self.layout.lanes.len();
        self.sel.lane = self.sel.lane.min(lanes.saturating_sub(1));
        self.sel.col = self.sel.col.min(3);
        let len = self.col_len(self.sel.lane, self.sel.col);
        self.sel.row = self.sel.row.min(len.saturating_sub(1));
        self.ensure_visible();
    }

    pub(super) fn col_len(&self, lane: usize, col: usize) -> usize {
        self.layout.lanes.get(lane).map_or(0, |l| l.cols[col].len())
    }

    /// Rows available to lanes: the screen less the bars and the strip
    /// that shows the selected task.
    pub fn viewport(&self) -> usize {
        let strip = strip_rows(self.width, self.height);
        self.height.saturating_sub(TOP_ROWS + BOTTOM_ROWS + strip) as usize
    }

    /// Where the status columns are at the current width.
    pub fn columns(&self) -> Columns {
        Columns::new(self.width, &self.layout.col_counts, self.sel.col)
    }

    /// Screen rows of a lane as shown now.
    pub fn lane_height(&self, lane: &layout::Lane) -> usize {
        lane.height(self.folded.contains(&lane.key), self.columns().single)
    }

    /// First row of each lane, in lane rows.
    pub fn lane_top(&self, lane: usize) -> usize {
        self.layout.lanes[..lane]
            .iter()
            .map(|l| self.lane_height(l))
            .sum()
    }

    /// Scroll so that the selected card (or the lane header) is in view.
    pub fn ensure_visible(&mut self) {
        if self.layout.lanes.is_empty() {
            self.scroll = 0;
            return;
        }
        let view = self.viewport().max(1);
        let top = self.lane_top(self.sel.lane);
        let folded = self.folded.contains(&self.layout.lanes[self.sel.lane].key);
        let (y, h) = if folded {
            (top, 1)
        } else {
            (top + 1 + self.sel.row * CARD_H, CARD_H)
        };
        if y < self.scroll {
            // Show the lane header too when the card is the lane's first.
            self.scroll = if self.sel.row == 0 || folded { top } else { y };
        } else if y + h > self.scroll + view {
            self.scroll = (y + h).saturating_sub(view);
        }
        if self.sel.row == 0 && top < self.scroll && y + h <= top + view {
            self.scroll = top;
        }
    }

    pub(super) fn move_col(&mut self, d: isize) {
        let col = (self.sel.col as isize + d).clamp(0, 3) as usize;
        if col != self.sel.col {
            self.sel.col = col;
            let len = self.col_len(self.sel.lane, col);
            self.sel.row = self.sel.row.min(len.saturating_sub(1));
            self.ensure_visible();
        }
    }

    pub(super) fn move_row(&mut self, d: isize) {
        let len = self.col_len(self.sel.lane, self.sel.col);
        let folded = self
            .layout
            .lanes
            .get(self.sel.lane)
            .is_some_and(|l| self.folded.contains(&l.key));
        let row = self.sel.row as isize + d;
        if !folded && row >= 0 && (row as usize) < len {
            self.sel.row = row as usize;
        } else if d > 0 && self.sel.lane + 1 < self.layout.lanes.len() {
            // Past the last card: into the next lane.
            self.sel.lane += 1;
            self.sel.row = 0;
        } else if d < 0 && self.sel.lane > 0 && (row < 0 || folded) {
            self.sel.lane -= 1;
            self.sel.row = self.col_len(self.sel.lane, self.sel.col).saturating_sub(1);
        }
        self.ensure_visible();
    }

    pub(super) fn move_lane(&mut self, d: isize) {
        let n = self.layout.lanes.len();
        if n == 0 {
            return;
        }
        self.sel.lane = (self.sel.lane as isize + d).clamp(0, n as isize - 1) as usize;
        self.sel.row = 0;
        self.ensure_visible();
    }

    pub(super) fn mouse_event(&mut self, m: MouseEvent) {
        if !self.mouse || self.view != View::Board || !self.overlays.is_empty() {
            return;
        }
        match m.kind {
            MouseEventKind::ScrollDown => self.scroll = self.scroll.saturating_add(CARD_H),
            MouseEventKind::ScrollUp => self.scroll = self.scroll.saturating_sub(CARD_H),
            MouseEventKind::Down(_) => {
                if m.row < TOP_ROWS || (m.row - TOP_ROWS) as usize >= self.viewport() {
                    return;
                }
                let y = (m.row - TOP_ROWS) as usize + self.scroll;
                let col = self.columns().at(m.column);
                let mut top = 0;
                for (i, lane) in self.layout.lanes.iter().enumerate() {
                    let h = self.lane_height(lane);
                    if y < top + h {
                        if y > top {
                            let row = (y - top - 1) / CARD_H;
                            if row < lane.cols[col].len() {
                                self.sel = Selection { lane: i, col, row };
                            }
                        }
                        return;
                    }
                    top += h;
                }
            }
            _ => {}
        }
    }
}

/// Past this many matches the search selects the first one without
/// ranking them (a keystroke stays cheap on a broad query).
const RANKED_MAX: usize = 5_000;

/// Stepping through the search's matches in board order: lane by lane,
/// column by column, card by card (the shown lanes hold only matches).
impl App {
    /// Select the match whose title answers the query best (the words as a
    /// phrase, then all of them), the first in board order among equals.
    /// Past [`RANKED_MAX`] matches, simply the first.
    pub(crate) fn select_best_match(&mut self) {
        let Some(words) = self.search.as_ref().map(|s| s.query.words.clone()) else {
            return;
        };
        if words.is_empty() || self.layout.total() > RANKED_MAX {
            return self.select_match(0);
        }
        let mut best: Option<(u8, Selection)> = None;
        'lanes: for (lane, l) in self.layout.lanes.iter().enumerate() {
            for (col, ids) in l.cols.iter().enumerate() {
                for (row, id) in ids.iter().enumerate() {
                    let rank = self.index.title_rank(*id, &words);
                    if best.is_none_or(|(b, _)| rank < b) {
                        best = Some((rank, Selection { lane, col, row }));
                        if rank == 0 {
                            break 'lanes;
                        }
                    }
                }
            }
        }
        match best {
            Some((_, sel)) => {
                self.folded.remove(&self.layout.lanes[sel.lane].key);
                self.sel = sel;
                self.ensure_visible();
            }
            None => self.select_match(0),
        }
    }

    /// Select the first match, or the next/previous one (`d` = ±1) after
    /// the selected card, wrapping around. Unfolds the lane it lands in.
    pub(crate) fn select_match(&mut self, d: isize) {
        let lanes = &self.layout.lanes;
        let slots: Vec<(usize, usize, usize)> = lanes
            .iter()
            .enumerate()
            .flat_map(|(l, lane)| (0..4).map(move |c| (l, c, lane.cols[c].len())))
            .filter(|(_, _, n)| *n > 0)
            .collect();
        if slots.is_empty() {
            return;
        }
        let here = (self.sel.lane, self.sel.col);
        let at = slots.iter().position(|(l, c, _)| (*l, *c) == here);
        let (lane, col, row) = match (d, at) {
            (0, _) | (_, None) => (slots[0].0, slots[0].1, 0),
            (1.., Some(i)) if self.sel.row + 1 < slots[i].2 => (here.0, here.1, self.sel.row + 1),
            (1.., Some(i)) => {
                let (l, c, _) = slots[(i + 1) % slots.len()];
                (l, c, 0)
            }
            (_, Some(_)) if self.sel.row > 0 => (here.0, here.1, self.sel.row - 1),
            (_, Some(i)) => {
                let (l, c, n) = slots[(i + slots.len() - 1) % slots.len()];
                (l, c, n - 1)
            }
        };
        self.folded.remove(&self.layout.lanes[lane].key);
        self.sel = Selection { lane, col, row };
        self.ensure_visible();
    }
}
