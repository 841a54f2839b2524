//! The overview comparing two years (`c`): per dimension, the tasks, those
//! done on time, those overdue, and the PAPI score recorded for each year.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::app::App;
use crate::domain::area::{AREAS, AreaId};
use crate::domain::board::Board;
use crate::domain::report::{Counts, Summary};
use crate::domain::score::{format_score, of_year};
use crate::domain::text::{fit, truncate};
use crate::i18n::S;

use super::theme::{Role, Theme};

/// Cells of one year: tasks, on time, overdue, score.
const YEAR_W: usize = 24;

fn year_cells(c: &Counts, score: Option<String>) -> String {
    format!(
        "{:>5} {:>5} {:>5} {:>6}",
        c.total,
        c.done_on_time,
        c.open_overdue,
        score.unwrap_or_else(|| "—".into())
    )
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
    let w = area.width as usize;
    let name_w = w.saturating_sub(2 * YEAR_W + 3).max(8);
    let buf = f.buffer_mut();
    let mut y = area.y;
    let mut line = |text: &str, role: Role, y: &mut u16| {
        if *y < area.bottom() {
            buf.set_stringn(area.x, *y, fit(&truncate(text, w), w), w, theme.style(role));
            *y += 1;
        }
    };
    line(
        &format!(" {} ({prev_year} · {year})", app.t(S::CompareTitle)),
        Role::Title,
        &mut y,
    );
    let head = |yr: i32| {
        format!(
            "{:>5} {:>5} {:>5} {:>6}",
            yr,
            app.t(S::CmpOnTime),
            app.t(S::CmpOverdue),
            app.t(S::CmpScore)
        )
    };
    line(
        &format!(
            "{} │{}│{}",
            fit(app.t(S::Area), name_w),
            head(prev_year),
            head(year)
        ),
        Role::Header,
        &mut y,
    );
    let sub = format!(
        "{} │{:>5}{:>19}│{:>5}",
        fit("", name_w),
        app.t(S::CmpTasks),
        "",
        app.t(S::CmpTasks)
    );
    line(&sub, Role::Muted, &mut y);
    let (ps, cs) = (
        of_year(&board.scores, prev_year),
        of_year(&board.scores, year),
    );
    let score = |s: &[Option<crate::domain::score::Centi>; 9], a: AreaId| {
        s[a.index()].map(|x| format_score(x, app.lang))
    };
    for a in AREAS.iter() {
        let name = if app.lang.is_vi() {
            a.short_vi
        } else {
            a.short_en
        };
        let text = format!(
            "{} │{}│{}",
            fit(&format!("{}. {name}", a.id), name_w),
            year_cells(&prev_s.by_area[a.id.index()], score(&ps, a.id)),
            year_cells(&cur.by_area[a.id.index()], score(&cs, a.id))
        );
        line(&text, Role::Card, &mut y);
    }
    let total = format!(
        "{} │{}│{}",
        fit(app.t(S::Sum), name_w),
        year_cells(&prev_s.all, None),
        year_cells(&cur.all, None)
    );
    line(&total, Role::Header, &mut y);
}
