//! The summary views (2 overview, 3 matrix, 4 deadlines): what they show,
//! their cursors and keys, and the small prompt that records a PAPI score.
//!
//! What they show comes from the one aggregation, `report::summarize`,
//! computed once per change of data or date (never per frame or key) and
//! kept in `Cache`. `Enter` leaves for the board: filtered to the row or
//! cell, or with the task selected.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::keys::Action;
use super::layout::Filter;
use super::{App, Repo, Selection, View};
use crate::domain::Lang;
use crate::domain::area::{AREAS, AreaId};
use crate::domain::board::Board;
use crate::domain::command::Command;
use crate::domain::report::{Horizon, Summary, agenda, summarize};
use crate::domain::score::{format_score, is_dimension, parse_score};
use crate::domain::task::TaskId;
use crate::domain::text::width;
use crate::i18n::S;

/// How many of the most overdue tasks the overview lists.
pub const OVERVIEW_OVERDUE: usize = 10;
/// The "due soon" window, as `status` uses it.
pub const SOON_DAYS: i64 = 7;
/// Fixed rows at the top of each view's body (not scrolled): the overview's
/// headline and two-line column header, the deadlines' headline, the
/// matrix's unit codes.
pub const OVERVIEW_HEAD: usize = 3;
pub const DEADLINES_HEAD: usize = 1;
pub const MATRIX_HEAD: usize = 1;
/// Rows under the matrix (blank, the selected cell's names and figures,
/// two lines of legend), when the body has room for them.
pub const MATRIX_FOOT: usize = 5;
/// Longest score input ("10,00").
const SCORE_INPUT_MAX: usize = 5;

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

/// Everything the three views show, built from one `summarize`.
#[derive(Debug, Clone)]
pub struct Cache {
    key: (u64, NaiveDate),
    pub summary: Summary,
    pub overview: Vec<OvRow>,
    pub agenda: Vec<AgRow>,
}

impl Cache {
    /// Aggregate the board as of `today` (revision 0: not tied to a repo).
    pub fn build(board: &Board, today: NaiveDate) -> Cache {
        Cache::at(board, today, 0)
    }

    fn at(board: &Board, today: NaiveDate, revision: u64) -> Cache {
        let summary = summarize(board.tasks.values(), &board.units, today, SOON_DAYS);
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
        let mut rows = Vec::with_capacity(groups.len() + board.tasks.len());
        for (h, ids) in groups {
            rows.push(AgRow::Heading(h, ids.len()));
            rows.extend(ids.into_iter().map(AgRow::Task));
        }
        Cache {
            key: (revision, today),
            summary,
            overview,
            agenda: rows,
        }
    }
}

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

/// The digit prompt after `s` on a dimension row of the overview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScorePrompt {
    pub year: i32,
    pub area: AreaId,
    pub input: String,
}

/// State of the three summary views.
#[derive(Debug, Clone, Default)]
pub struct Views {
    pub overview: Cursor,
    pub matrix: MatrixCursor,
    pub deadlines: Cursor,
    pub prompt: Option<ScorePrompt>,
    cache: Option<Cache>,
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

/// Scrolled rows of the matrix in a body of `body` rows: less its header
/// (and its footer when there is room for one).
pub fn matrix_rows(body: usize) -> usize {
    let body = body.saturating_sub(MATRIX_HEAD);
    if body >= 10 + MATRIX_FOOT {
        body - MATRIX_FOOT
    } else {
        body
    }
}

/// Where the matrix's columns go at a given width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixGeom {
    /// Width of the area names on the left.
    pub label_w: usize,
    /// Full area names (else the short ones).
    pub full_names: bool,
    /// Width of each column (units, then the totals), one leading space included.
    pub cols: Vec<usize>,
}

/// "done/total" of a cell, or "·" when empty.
pub fn cell_text(c: &crate::domain::report::Counts) -> String {
    if c.total == 0 {
        "·".to_string()
    } else {
        format!("{}/{}", c.done(), c.total)
    }
}

impl MatrixGeom {
    pub fn new(s: &Summary, screen_w: u16, lang: Lang) -> MatrixGeom {
        let n = s.by_unit.len();
        let mut cols: Vec<usize> = Vec::with_capacity(n + 1);
        for (u, (code, total)) in s.by_unit.iter().enumerate() {
            let widest = s.cells[u]
                .iter()
                .map(|c| width(&cell_text(c)))
                .chain([width(code), width(&cell_text(total))])
                .max()
                .unwrap_or(1);
            cols.push(widest + 1 + 1); // a leading space, and room for the "!" of NO_COLOR
        }
        let total_w = s
            .by_area
            .iter()
            .chain([&s.all])
            .map(|c| width(&cell_text(c)))
            .chain([width(S::Sum.t(lang))])
            .max()
            .unwrap_or(1);
        cols.push(total_w + 2);
        let w = screen_w as usize;
        let label = |full: bool| {
            AREAS
                .iter()
                .map(|a| width(&area_label(a.id, full, lang)))
                .chain([width(S::Sum.t(lang))])
                .max()
                .unwrap_or(8)
        };
        let all_cols: usize = cols.iter().sum();
        let full_names = w > label(true) + all_cols + 1;
        // Names take what the columns leave, but never less than 12 cells
        // nor more than half the screen (the columns scroll instead).
        let want = label(full_names) + 1;
        let label_w = if full_names {
            want
        } else {
            want.min((w / 2).max(12))
        };
        MatrixGeom {
            label_w,
            full_names,
            cols,
        }
    }

    /// The columns shown from `first` at `screen_w` (at least one).
    pub fn visible(&self, first: usize, screen_w: u16) -> std::ops::Range<usize> {
        // One cell is kept at the right for the "more columns" arrow.
        let room = (screen_w as usize).saturating_sub(self.label_w + 1);
        let mut used = 0;
        let mut end = first;
        while end < self.cols.len() && (end == first || used + self.cols[end] <= room) {
            used += self.cols[end];
            end += 1;
        }
        first.min(self.cols.len())..end
    }

    /// The first column to show so that `col` is in view.
    pub fn follow(&self, col: usize, first: usize, screen_w: u16) -> usize {
        let mut first = first.min(col);
        while !self.visible(first, screen_w).contains(&col) && first < col {
            first += 1;
        }
        first
    }
}

/// "1. Tham gia" or "1. Tham gia của người dân ở cấp cơ sở".
pub fn area_label(id: AreaId, full: bool, lang: Lang) -> String {
    let a = crate::domain::area::area(id).expect("area in the catalog");
    let name = match (full, lang) {
        (true, Lang::Vi) => a.vi,
        (true, Lang::En) => a.en,
        (false, Lang::Vi) => a.short_vi,
        (false, Lang::En) => a.short_en,
    };
    format!("{id}. {name}")
}

impl Views {
    /// The aggregation the views draw, if built.
    pub fn cache(&self) -> Option<&Cache> {
        self.cache.as_ref()
    }

    /// Forget the aggregation (benchmarks measure rebuilding it).
    pub fn invalidate(&mut self) {
        self.cache = None;
    }

    /// Rebuild what the views show if the data or the date changed; only
    /// while a summary view is shown. Keeps the selected row or task.
    pub fn sync(&mut self, board: &Board, revision: u64, today: NaiveDate, view: View) {
        if view == View::Board
            || self
                .cache
                .as_ref()
                .is_some_and(|c| c.key == (revision, today))
        {
            return;
        }
        let old = self.cache.take();
        let new = Cache::at(board, today, revision);
        let ov_sel = old
            .as_ref()
            .and_then(|c| c.overview.get(self.overview.sel).copied())
            .and_then(|r| new.overview.iter().position(|x| *x == r));
        self.overview.sel = ov_sel.unwrap_or_else(|| snap(&new.overview, self.overview.sel));
        let ag_sel = old
            .as_ref()
            .and_then(|c| c.agenda.get(self.deadlines.sel).copied())
            .and_then(|r| new.agenda.iter().position(|x| *x == r));
        self.deadlines.sel = ag_sel.unwrap_or_else(|| snap_agenda(&new.agenda, self.deadlines.sel));
        self.matrix.row = self.matrix.row.min(AREAS.len());
        self.matrix.col = self.matrix.col.min(new.summary.by_unit.len());
        self.cache = Some(new);
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

fn snap_agenda(rows: &[AgRow], i: usize) -> usize {
    let i = i.min(rows.len().saturating_sub(1));
    (i..rows.len())
        .chain((0..i).rev())
        .find(|&k| matches!(rows[k], AgRow::Task(_)))
        .unwrap_or(0)
}

/// Move `d` selectable rows (a page when |d| > 1) and return the new index.
fn step<T>(rows: &[T], sel: usize, d: isize, ok: impl Fn(&T) -> bool) -> usize {
    if rows.is_empty() {
        return 0;
    }
    let last = rows.len() - 1;
    let target = (sel as isize + d).clamp(0, last as isize) as usize;
    let (fwd, back): (Vec<usize>, Vec<usize>) = if d >= 0 {
        ((target..=last).collect(), (sel..target).rev().collect())
    } else {
        ((0..=target).rev().collect(), (target + 1..=sel).collect())
    };
    fwd.into_iter()
        .chain(back)
        .find(|&k| ok(&rows[k]))
        .unwrap_or(sel)
}

impl App {
    /// Keys of the summary views (from the key table).
    pub(super) fn summary_act(&mut self, action: Action, repo: &mut dyn Repo) {
        self.views
            .sync(repo.board(), repo.revision(), self.today, self.view);
        let Some(cache) = self.views.cache.as_ref() else {
            return;
        };
        let body = body_rows(self.height);
        match self.view {
            View::Board => {}
            View::Overview => {
                let rows = &cache.overview;
                let view = body.saturating_sub(OVERVIEW_HEAD);
                let c = &mut self.views.overview;
                let page = view.max(2) as isize - 1;
                let sel = c.sel;
                let ok = |r: &OvRow| r.selectable();
                c.sel = match action {
                    Action::RowDown => step(rows, sel, 1, ok),
                    Action::RowUp => step(rows, sel, -1, ok),
                    Action::PageDown => step(rows, sel, page, ok),
                    Action::PageUp => step(rows, sel, -page, ok),
                    Action::Top => step(rows, 0, 0, ok),
                    Action::Bottom => step(rows, rows.len().saturating_sub(1), 0, ok),
                    _ => sel,
                };
                c.scroll = follow(c.sel, c.scroll, view);
                if c.sel == step(rows, 0, 0, ok) {
                    c.scroll = 0;
                }
                let row = rows.get(c.sel).copied();
                match (action, row) {
                    (Action::OpenOnBoard, Some(r)) => self.open_overview_row(r, repo),
                    (Action::EnterScore, Some(OvRow::Area(a))) if is_dimension(a) => {
                        self.views.prompt = Some(ScorePrompt {
                            year: repo.board().meta.year,
                            area: a,
                            input: String::new(),
                        });
                    }
                    (Action::EnterScore, _) => self.error(self.t(S::ScoreNeedsDimension)),
                    _ => {}
                }
            }
            View::Matrix => {
                let n_rows = AREAS.len() + 1;
                let n_cols = cache.summary.by_unit.len() + 1;
                let geom = MatrixGeom::new(&cache.summary, self.width, self.lang);
                let view = matrix_rows(body);
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
                m.row_scroll = follow(m.row, m.row_scroll, view);
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
            View::Deadlines => {
                let rows = &cache.agenda;
                let view = body.saturating_sub(DEADLINES_HEAD);
                let c = &mut self.views.deadlines;
                let page = view.max(2) as isize - 1;
                let sel = c.sel;
                let ok = |r: &AgRow| matches!(r, AgRow::Task(_));
                c.sel = match action {
                    Action::RowDown => step(rows, sel, 1, ok),
                    Action::RowUp => step(rows, sel, -1, ok),
                    Action::PageDown => step(rows, sel, page, ok),
                    Action::PageUp => step(rows, sel, -page, ok),
                    Action::Top => step(rows, 0, 0, ok),
                    Action::Bottom => step(rows, rows.len().saturating_sub(1), 0, ok),
                    _ => sel,
                };
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

    /// Keys while the score prompt is open: digits and a decimal comma,
    /// Backspace, Enter saves, Delete clears the score, Esc cancels.
    pub(super) fn score_prompt_key(&mut self, k: KeyEvent, repo: &mut dyn Repo) {
        let Some(mut p) = self.views.prompt.take() else {
            return;
        };
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        match k.code {
            KeyCode::Esc => return,
            KeyCode::Char('h') if ctrl => {
                p.input.pop();
            }
            KeyCode::Backspace => {
                p.input.pop();
            }
            KeyCode::Char(c @ ('0'..='9' | ',' | '.'))
                if !ctrl && p.input.chars().count() < SCORE_INPUT_MAX =>
            {
                p.input.push(c);
            }
            KeyCode::Delete => {
                if repo.board().scores.contains_key(&(p.year, p.area)) {
                    let cmd = Command::SetScore {
                        year: p.year,
                        area: p.area,
                        score: None,
                    };
                    if !self.apply(cmd, repo) {
                        self.views.prompt = Some(p);
                    }
                }
                return;
            }
            KeyCode::Enter => {
                if p.input.is_empty() {
                    return;
                }
                let Some(score) = parse_score(&p.input) else {
                    self.error(self.t(S::ScoreInvalid));
                    self.views.prompt = Some(p);
                    return;
                };
                let cmd = Command::SetScore {
                    year: p.year,
                    area: p.area,
                    score: Some(score),
                };
                if !self.apply(cmd, repo) {
                    self.views.prompt = Some(p);
                }
                return;
            }
            _ => {}
        }
        self.views.prompt = Some(p);
    }
}

/// A short description of a score change, for the status bar.
pub fn describe_score(year: i32, area: AreaId, score: Option<u16>, lang: Lang) -> String {
    let value = score.map_or_else(|| "—".to_string(), |s| format_score(s, lang));
    format!("PAPI {year} · {}: {value}", area_label(area, false, lang))
}
