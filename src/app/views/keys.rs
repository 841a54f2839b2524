//! Keys of the summary views: moving the cursor, `Enter` to the board
//! (filtered to the row or cell, or at the task), `s` for a score.

use super::cache::{AgRow, OvRow};
use super::matrix::{MatrixGeom, area_label, matrix_rows};
use super::{DEADLINES_HEAD, OVERVIEW_HEAD, body_rows, follow, step};
use crate::app::keys::Action;
use crate::app::layout::Filter;
use crate::app::overlay::score::Score;
use crate::app::{App, Overlay, Repo, Selection, View};
use crate::domain::Lang;
use crate::domain::area::{AREAS, AreaId};
use crate::domain::score::{format_score, is_dimension};
use crate::domain::task::TaskId;
use crate::i18n::S;

impl App {
    /// Keys of the summary views (from the key table), on what they show
    /// now.
    pub(in crate::app) fn summary_act(&mut self, action: Action, repo: &mut dyn Repo) {
        self.views.sync_with(
            repo.board(),
            repo.revision(),
            self.today,
            self.view,
            &|r| repo.task_changes_since(r),
            &|| repo.digests(),
        );
        self.narrow_agenda(repo.board());
        match self.view {
            View::Board => {}
            View::Overview => self.overview_act(action, repo),
            View::Matrix => self.matrix_act(action),
            View::Deadlines => self.deadlines_act(action, repo),
        }
    }

    fn overview_act(&mut self, action: Action, repo: &mut dyn Repo) {
        let view = body_rows(self.height).saturating_sub(OVERVIEW_HEAD);
        let Some(cache) = self.views.cache.as_ref() else {
            return;
        };
        let rows = &cache.overview;
        let ok = |r: &OvRow| r.selectable();
        let c = &mut self.views.overview;
        c.sel = list_step(rows, c.sel, action, view, ok);
        c.scroll = follow(c.sel, c.scroll, view);
        if c.sel == step(rows, 0, 0, ok) {
            c.scroll = 0;
        }
        let row = rows.get(c.sel).copied();
        match (action, row) {
            (Action::OpenOnBoard, Some(r)) => self.open_overview_row(r, repo),
            (Action::EnterScore, Some(OvRow::Area(a))) if is_dimension(a) => {
                let year = repo.board().meta.year;
                self.open(Overlay::Score(Score::new(year, a)));
            }
            (Action::EnterScore, _) => self.error(self.t(S::ScoreNeedsDimension)),
            _ => {}
        }
    }

    fn matrix_act(&mut self, action: Action) {
        let Some(cache) = self.views.cache.as_ref() else {
            return;
        };
        let n_rows = AREAS.len() + 1;
        let n_cols = cache.summary.by_unit.len() + 1;
        let geom = MatrixGeom::new(&cache.summary, self.width, self.lang);
        let m = &mut self.views.matrix;
        match action {
            Action::RowDown => m.row = (m.row + 1).min(n_rows - 1),
            Action::RowUp => m.row = m.row.saturating_sub(1),
            Action::ColRight => m.col = (m.col + 1).min(n_cols - 1),
            Action::ColLeft => m.col = m.col.saturating_sub(1),
            Action::PageDown | Action::Bottom => m.row = n_rows - 1,
            Action::PageUp | Action::Top => m.row = 0,
            _ => {}
        }
        m.row_scroll = follow(m.row, m.row_scroll, matrix_rows(body_rows(self.height)));
        m.col_scroll = geom.follow(m.col, m.col_scroll, self.width);
        let (row, col) = (m.row, m.col);
        match action {
            Action::OpenOnBoard => {
                let area = AREAS.get(row).map(|a| a.id);
                let unit = cache.summary.by_unit.get(col).map(|(c, _)| c.clone());
                self.open_board(Filter {
                    area,
                    lead_only: unit.is_some(),
                    unit,
                });
            }
            Action::EnterScore => self.error(self.t(S::ScoreNeedsDimension)),
            _ => {}
        }
    }

    fn deadlines_act(&mut self, action: Action, repo: &mut dyn Repo) {
        let view = body_rows(self.height).saturating_sub(DEADLINES_HEAD);
        let rows = super::shown::rows_of(&self.views.shown, &self.views.cache);
        let ok = |r: &AgRow| matches!(r, AgRow::Task(_));
        let c = &mut self.views.deadlines;
        c.sel = list_step(rows, c.sel, action, view, ok);
        c.scroll = follow(c.sel, c.scroll, view);
        // The first task's heading stays in view at the top.
        if c.sel == 1 {
            c.scroll = 0;
        }
        let row = rows.get(c.sel).copied();
        match (action, row) {
            (Action::OpenOnBoard, Some(AgRow::Task(id))) => self.show_on_board(id, repo),
            (Action::EnterScore, _) => self.error(self.t(S::ScoreNeedsDimension)),
            _ => {}
        }
    }

    fn open_overview_row(&mut self, row: OvRow, repo: &mut dyn Repo) {
        let unit_code = |i: usize| {
            self.views
                .cache
                .as_ref()
                .and_then(|c| c.summary.by_unit.get(i))
                .map(|(code, _)| code.clone())
        };
        match row {
            OvRow::Area(a) => self.open_board(Filter {
                area: Some(a),
                ..Filter::default()
            }),
            OvRow::Total => self.open_board(Filter::default()),
            OvRow::Unit(i) => {
                let unit = unit_code(i);
                self.open_board(Filter {
                    area: None,
                    lead_only: unit.is_some(),
                    unit,
                })
            }
            OvRow::Task(id) => self.show_on_board(id, repo),
            _ => {}
        }
    }

    /// Switch to the board showing only what `filter` keeps.
    fn open_board(&mut self, filter: Filter) {
        self.filter = filter;
        self.sel = Selection::default();
        self.scroll = 0;
        self.view = View::Board;
    }

    /// Switch to the board with task `id` selected: the filter is cleared
    /// if it hides the task, and its lane unfolded.
    fn show_on_board(&mut self, id: TaskId, repo: &mut dyn Repo) {
        let Some(task) = repo.board().task(id) else {
            return;
        };
        if !self.filter.keeps(task) {
            self.filter = Filter::default();
        }
        self.view = View::Board;
        self.sync(repo.board(), repo.revision());
        if let Some((l, c, r)) = self.layout.find(id) {
            let key = self.layout.lanes[l].key.clone();
            self.folded.remove(&key);
            self.sel = Selection {
                lane: l,
                col: c,
                row: r,
            };
            self.ensure_visible();
        }
    }
}

/// The row a moving key selects in a list of `view` rows, among those
/// `ok` accepts.
fn list_step<T>(
    rows: &[T],
    sel: usize,
    action: Action,
    view: usize,
    ok: impl Fn(&T) -> bool,
) -> usize {
    let page = view.max(2) as isize - 1;
    match action {
        Action::RowDown => step(rows, sel, 1, ok),
        Action::RowUp => step(rows, sel, -1, ok),
        Action::PageDown => step(rows, sel, page, ok),
        Action::PageUp => step(rows, sel, -page, ok),
        Action::Top => step(rows, 0, 0, ok),
        Action::Bottom => step(rows, rows.len().saturating_sub(1), 0, ok),
        _ => sel,
    }
}

/// A short description of a score change, for the status bar.
pub fn describe_score(year: i32, area: AreaId, score: Option<u16>, lang: Lang) -> String {
    let value = score.map_or_else(|| "—".to_string(), |s| format_score(s, lang));
    format!("PAPI {year} · {}: {value}", area_label(area, false, lang))
}
