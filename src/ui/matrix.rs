//! View 3, Ma trận: dimensions down, lead units across. Each cell shows
//! done/total of the tasks that unit leads in that dimension, coloured by
//! the worst class present (red: overdue). Unit codes head the columns,
//! which scroll sideways when they do not fit (80 columns is the target).

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::app::App;
use crate::app::views::{
    Cache, MATRIX_FOOT, MATRIX_HEAD, MatrixGeom, area_label, cell_text, follow, matrix_rows,
};
use crate::domain::area::AREAS;
use crate::domain::board::Board;
use crate::domain::report::{Counts, ReportClass};
use crate::domain::text::sanitize;
use crate::i18n::S;

use super::overview::put;
use super::theme::{ColorMode, Role, Theme};

/// The role of a cell: its worst class.
fn cell_role(c: &Counts) -> Role {
    match c.worst() {
        Some(ReportClass::OpenOverdue) => Role::Overdue,
        Some(ReportClass::DoneLate) => Role::DueSoon,
        Some(ReportClass::OpenOnTime) => Role::Card,
        Some(ReportClass::DoneOnTime) => Role::Done,
        None => Role::Muted,
    }
}

pub fn draw(f: &mut Frame, app: &App, board: &Board, theme: &Theme, area: Rect) {
    let owned;
    let cache = match app.views.cache() {
        Some(c) => c,
        None => {
            owned = Cache::build(board, app.today);
            &owned
        }
    };
    let s = &cache.summary;
    let buf = f.buffer_mut();
    let geom = MatrixGeom::new(s, area.width, app.lang);
    let cur = app.views.matrix;
    let first_col = geom.follow(cur.col, cur.col_scroll, area.width);
    let shown = geom.visible(first_col, area.width);
    let n_units = s.by_unit.len();
    let rows_view = matrix_rows(area.height as usize);
    let first_row = follow(cur.row, cur.row_scroll, rows_view);
    let head = theme.style(Role::Header);
    // Header: the corner, then unit codes (or "Cộng"), right-aligned.
    put(
        buf,
        area.x,
        area.y,
        &format!(" {}", app.t(S::MatrixCorner)),
        geom.label_w,
        head,
    );
    let mut x = area.x + geom.label_w as u16;
    for c in shown.clone() {
        let w = geom.cols[c];
        let code = match s.by_unit.get(c) {
            Some((code, _)) => sanitize(code).into_owned(),
            None => app.t(S::Sum).to_string(),
        };
        let style = if c == cur.col {
            theme.style(Role::Highlight)
        } else {
            head
        };
        put(buf, x, area.y, &format!("{code:>w$}"), w, style);
        x += w as u16;
    }
    // Arrows where columns are hidden.
    if first_col > 0 && geom.label_w > 1 {
        put(
            buf,
            area.x + geom.label_w as u16 - 1,
            area.y,
            if theme.ascii { "<" } else { "◂" },
            1,
            theme.style(Role::Highlight),
        );
    }
    if shown.end < geom.cols.len() && area.width > 0 {
        put(
            buf,
            area.right() - 1,
            area.y,
            if theme.ascii { ">" } else { "▸" },
            1,
            theme.style(Role::Highlight),
        );
    }
    // Rows: areas 1–8, 0, then the totals.
    for r in (first_row..=AREAS.len()).take(rows_view) {
        let y = area.y + (MATRIX_HEAD + r - first_row) as u16;
        let (label, role) = match AREAS.get(r) {
            Some(a) => (area_label(a.id, geom.full_names, app.lang), Role::Card),
            None => (app.t(S::Sum).to_string(), Role::Header),
        };
        let label_style = if r == cur.row {
            theme.style(Role::Highlight)
        } else {
            theme.style(role)
        };
        put(
            buf,
            area.x,
            y,
            &format!(" {label}"),
            geom.label_w,
            label_style,
        );
        let mut x = area.x + geom.label_w as u16;
        for c in shown.clone() {
            let w = geom.cols[c];
            let counts = cell(s, r, c, n_units);
            let mark = if theme.color == ColorMode::None
                && counts.worst() == Some(ReportClass::OpenOverdue)
            {
                "!"
            } else {
                ""
            };
            let mut text = format!("{mark}{}", cell_text(counts));
            if theme.ascii && counts.total == 0 {
                text = ".".to_string();
            }
            let style = if (r, c) == (cur.row, cur.col) {
                theme.style(Role::Selected)
            } else {
                theme.style(cell_role(counts))
            };
            put(buf, x, y, "", w, theme.style(Role::Card));
            let tw = width_of(&text).min(w);
            put(buf, x + (w - tw) as u16, y, &text, tw, style);
            x += w as u16;
        }
    }
    // Footer: the selected cell's four classes, and the legend.
    let body_rows = area.height as usize;
    if body_rows >= MATRIX_HEAD + 10 + MATRIX_FOOT {
        let y = area.y + (MATRIX_HEAD + 10 + 1) as u16;
        let counts = cell(s, cur.row, cur.col, n_units);
        let what_area = match AREAS.get(cur.row) {
            Some(a) => area_label(a.id, true, app.lang),
            None => app.t(S::Sum).to_string(),
        };
        let what_unit = match s.by_unit.get(cur.col) {
            Some((code, _)) => {
                let name = board
                    .unit(code)
                    .map_or(String::new(), |u| sanitize(&u.name).into());
                format!("{} {name}", sanitize(code))
            }
            None => app.t(S::Sum).to_string(),
        };
        let l = app.lang;
        let figures = format!(
            " {} {} · {} {} · {} {} · {} {} · {} {}",
            counts.total,
            S::TasksWord.t(l),
            S::ClDoneOnTimeShort.t(l),
            counts.done_on_time,
            S::ClDoneLateShort.t(l),
            counts.done_late,
            S::ClOpenOnTimeShort.t(l),
            counts.open_on_time,
            S::ClOpenOverdueShort.t(l),
            counts.open_overdue,
        );
        let w = area.width as usize;
        let lines = [
            (
                format!(
                    " {what_unit} {} {what_area}",
                    if theme.ascii { "x" } else { "×" }
                ),
                Role::Header,
            ),
            (figures, Role::Card),
            (format!(" {}", app.t(S::MatrixLegend1)), Role::Muted),
        ];
        for (i, (text, role)) in lines.iter().enumerate() {
            put(buf, area.x, y + i as u16, text, w, theme.style(*role));
        }
        // The classes' colours, each named in its own colour (never by a
        // colour's name: the light and high-contrast themes use others).
        let y = y + lines.len() as u16;
        let legend: Vec<(String, Role)> = if theme.color == ColorMode::None {
            vec![(app.t(S::MatrixLegendPlain).to_string(), Role::Muted)]
        } else {
            let sep = (" · ".to_string(), Role::Muted);
            vec![
                (app.t(S::MatrixLegendOverdue).to_string(), Role::Overdue),
                sep.clone(),
                (app.t(S::MatrixLegendLate).to_string(), Role::DueSoon),
                sep,
                (app.t(S::MatrixLegendOnTime).to_string(), Role::Done),
            ]
        };
        let mut x = 1usize;
        put(buf, area.x, y, " ", w, theme.style(Role::Muted));
        for (text, role) in legend {
            if x >= w {
                break;
            }
            let room = w - x;
            put(buf, area.x + x as u16, y, &text, room, theme.style(role));
            x += width_of(&text).min(room);
        }
    }
}

fn width_of(s: &str) -> usize {
    crate::domain::text::width(s)
}

/// The counts of a matrix position: an area × unit cell, a unit's or an
/// area's total, or the whole board.
fn cell(s: &crate::domain::report::Summary, row: usize, col: usize, n_units: usize) -> &Counts {
    let area = AREAS.get(row).map(|a| a.id.index());
    match (area, col < n_units) {
        (Some(a), true) => &s.cells[col][a],
        (Some(a), false) => &s.by_area[a],
        (None, true) => &s.by_unit[col].1,
        (None, false) => &s.all,
    }
}
