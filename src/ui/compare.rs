//! The overview comparing two years (`c`): per dimension, the tasks, those
//! done on time, those overdue, and the PAPI score recorded for each year.
//! The score columns appear only when a score is recorded, and the names
//! take what the figures leave (the short dimension names at 45 columns).

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::app::App;
use crate::app::views::area_label;
use crate::domain::area::{AREAS, AreaId};
use crate::domain::board::Board;
use crate::domain::report::{Counts, Summary};
use crate::domain::score::{Centi, format_score, of_year};
use crate::domain::text::{fit, truncate, width};
use crate::i18n::S;

use super::theme::{Role, Theme};

/// The figures of one year, each right-aligned in its width.
struct YearCols {
    widths: Vec<usize>,
    scored: bool,
}

impl YearCols {
    fn new(app: &App, digits: usize, scored: bool) -> YearCols {
        let heads = [S::CmpTasks, S::CmpOnTime, S::CmpOverdue, S::CmpScore];
        let n = if scored { 4 } else { 3 };
        let widths = heads[..n]
            .iter()
            .map(|h| 1 + width(app.t(*h)).max(digits).max(4))
            .collect();
        YearCols { widths, scored }
    }

    fn total(&self) -> usize {
        self.widths.iter().sum()
    }

    /// The year's row: tasks, on time, overdue (and score).
    fn cells(&self, c: &Counts, score: Option<String>) -> String {
        let mut values = vec![
            c.total.to_string(),
            c.done_on_time.to_string(),
            c.open_overdue.to_string(),
        ];
        if self.scored {
            values.push(score.unwrap_or_else(|| "—".into()));
        }
        self.widths
            .iter()
            .zip(values)
            .map(|(w, v)| format!("{v:>w$}"))
            .collect()
    }

    /// The header: the year over the first column, then the others' names.
    fn head(&self, app: &App, year: i32) -> (String, String) {
        let names = [S::CmpOnTime, S::CmpOverdue, S::CmpScore];
        let mut top = format!("{year:>w$}", w = self.widths[0]);
        let mut sub = format!("{:>w$}", app.t(S::CmpTasks), w = self.widths[0]);
        for (w, name) in self.widths[1..].iter().zip(names) {
            top.push_str(&format!("{:>w$}", app.t(name)));
            sub.push_str(&" ".repeat(*w));
        }
        (top, sub)
    }
}

pub fn draw(
    f: &mut Frame,
    app: &App,
    board: &Board,
    theme: &Theme,
    area: Rect,
    cur: &Summary,
    prev: (i32, &Summary),
) {
    let (prev_year, prev_s) = prev;
    let year = board.meta.year;
    let (ps, cs) = (
        of_year(&board.scores, prev_year),
        of_year(&board.scores, year),
    );
    let scored = ps.iter().chain(&cs).any(Option::is_some);
    let digits = prev_s.all.total.max(cur.all.total).to_string().len();
    let cols = YearCols::new(app, digits, scored);
    let w = area.width as usize;
    let short = AREAS
        .iter()
        .map(|a| width(&area_label(a.id, false, app.lang)))
        .max();
    let name_w = w.saturating_sub(2 * (cols.total() + 2));
    // Too narrow for the short names beside the figures: each name on a
    // line of its own, its figures under it.
    let stacked = name_w < short.unwrap_or(20);
    let name_w = if stacked { 2 } else { name_w };
    let full = AREAS
        .iter()
        .all(|a| width(&area_label(a.id, true, app.lang)) <= name_w);
    let buf = f.buffer_mut();
    let mut y = area.y;
    let mut line = |text: &str, role: Role| {
        if y < area.bottom() {
            buf.set_stringn(area.x, y, fit(&truncate(text, w), w), w, theme.style(role));
            y += 1;
        }
    };
    line(
        &format!(" {} ({prev_year} · {year})", app.t(S::CompareTitle)),
        Role::Title,
    );
    let ((t1, s1), (t2, s2)) = (cols.head(app, prev_year), cols.head(app, year));
    let head = if stacked { "" } else { app.t(S::Area) };
    line(&format!("{} │{t1}│{t2}", fit(head, name_w)), Role::Header);
    line(&format!("{} │{s1}│{s2}", fit("", name_w)), Role::Muted);
    let score = |s: &[Option<Centi>; 9], a: AreaId| s[a.index()].map(|x| format_score(x, app.lang));
    for a in AREAS.iter() {
        let label = area_label(a.id, full, app.lang);
        if stacked {
            line(&label, Role::Lane);
        }
        let name = fit(if stacked { "" } else { &label }, name_w);
        let (p, c) = (&prev_s.by_area[a.id.index()], &cur.by_area[a.id.index()]);
        let row = (
            cols.cells(p, score(&ps, a.id)),
            cols.cells(c, score(&cs, a.id)),
        );
        line(&format!("{name} │{}│{}", row.0, row.1), Role::Card);
    }
    let totals = (cols.cells(&prev_s.all, None), cols.cells(&cur.all, None));
    if stacked {
        line(app.t(S::Sum), Role::Header);
    }
    let sum = fit(if stacked { "" } else { app.t(S::Sum) }, name_w);
    line(&format!("{sum} │{}│{}", totals.0, totals.1), Role::Header);
}
