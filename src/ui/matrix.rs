//! View 3, Ma trận: dimensions down, lead units across. Each cell shows
//! done/total of the tasks that unit leads in that dimension, coloured by
//! the worst class present (red: overdue). Unit codes head the columns,
//! which scroll sideways when they do not fit. Under the matrix, the
//! selected cell in words and the legend, wrapped to the screen's width.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::app::views::{
    Cache, MATRIX_FOOT, MATRIX_HEAD, MatrixGeom, area_label, cell_text, follow, matrix_rows,
};
use crate::domain::area::AREAS;
use crate::domain::board::Board;
use crate::domain::report::{Counts, ReportClass, Summary};
use crate::domain::text::{sanitize, width, wrap};
use crate::i18n::S;

use super::paint::put;
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
    header(buf, app, theme, s, &geom, shown.clone(), area);
    let rows_view = matrix_rows(area.height as usize);
    let first_row = follow(cur.row, cur.row_scroll, rows_view);
    for r in (first_row..=AREAS.len()).take(rows_view) {
        let y = area.y + (MATRIX_HEAD + r - first_row) as u16;
        row(buf, app, theme, s, &geom, shown.clone(), r, y);
    }
    if area.height as usize >= MATRIX_HEAD + 10 + MATRIX_FOOT {
        let top = area.y + (MATRIX_HEAD + 10 + 1) as u16;
        footer(
            buf,
            app,
            board,
            theme,
            s,
            Rect {
                y: top,
                height: area.bottom() - top,
                ..area
            },
        );
    }
}

/// The corner, then unit codes (or "Cộng"), right-aligned, with arrows
/// where columns are hidden.
fn header(
    buf: &mut Buffer,
    app: &App,
    theme: &Theme,
    s: &Summary,
    geom: &MatrixGeom,
    shown: std::ops::Range<usize>,
    area: Rect,
) {
    let head = theme.style(Role::Header);
    let corner = format!(" {}", app.t(S::MatrixCorner));
    let corner = match width(&corner) < geom.label_w {
        true => corner,
        false => format!(" {}", app.t(S::Area)),
    };
    put(buf, area.x, area.y, &corner, geom.label_w, head);
    let mut x = area.x + geom.label_w as u16;
    let first = shown.start;
    let more = shown.end < geom.cols.len();
    for c in shown {
        let w = geom.cols[c];
        let code = match s.by_unit.get(c) {
            Some((code, _)) => sanitize(code).into_owned(),
            None => app.t(S::Sum).to_string(),
        };
        let style = match c == app.views.matrix.col {
            true => theme.style(Role::Highlight),
            false => head,
        };
        put(buf, x, area.y, &format!("{code:>w$}"), w, style);
        x += w as u16;
    }
    let arrow = theme.style(Role::Highlight);
    if first > 0 && geom.label_w > 1 {
        let left = if theme.ascii { "<" } else { "◂" };
        put(
            buf,
            area.x + geom.label_w as u16 - 1,
            area.y,
            left,
            1,
            arrow,
        );
    }
    if more && area.width > 0 {
        let right = if theme.ascii { ">" } else { "▸" };
        put(buf, area.right() - 1, area.y, right, 1, arrow);
    }
}

/// Row `r`: an area (0–8 in display order) or the totals (9).
#[allow(clippy::too_many_arguments)]
fn row(
    buf: &mut Buffer,
    app: &App,
    theme: &Theme,
    s: &Summary,
    geom: &MatrixGeom,
    shown: std::ops::Range<usize>,
    r: usize,
    y: u16,
) {
    let cur = app.views.matrix;
    let (label, role) = match AREAS.get(r) {
        Some(a) => (area_label(a.id, geom.full_names, app.lang), Role::Card),
        None => (app.t(S::Sum).to_string(), Role::Header),
    };
    let label_role = if r == cur.row { Role::Highlight } else { role };
    let x0 = buf.area.x;
    put(
        buf,
        x0,
        y,
        &format!(" {label}"),
        geom.label_w,
        theme.style(label_role),
    );
    let mut x = x0 + geom.label_w as u16;
    for c in shown {
        let w = geom.cols[c];
        let counts = cell(s, r, c, s.by_unit.len());
        let overdue = counts.worst() == Some(ReportClass::OpenOverdue);
        let mark = if theme.color == ColorMode::None && overdue {
            "!"
        } else {
            ""
        };
        let mut text = format!("{mark}{}", cell_text(counts));
        if theme.ascii && counts.total == 0 {
            text = ".".to_string();
        }
        let style = match (r, c) == (cur.row, cur.col) {
            true => theme.style(Role::Selected),
            false => theme.style(cell_role(counts)),
        };
        put(buf, x, y, "", w, theme.style(Role::Card));
        let tw = width(&text).min(w);
        put(buf, x + (w - tw) as u16, y, &text, tw, style);
        x += w as u16;
    }
}

/// The selected cell's unit and dimension, its four classes, and the
/// legend; each wrapped to the width, as many lines as `area` holds.
fn footer(buf: &mut Buffer, app: &App, board: &Board, theme: &Theme, s: &Summary, area: Rect) {
    let cur = app.views.matrix;
    let w = area.width as usize;
    let full = w >= 80;
    let what_area = match AREAS.get(cur.row) {
        Some(a) => area_label(a.id, full, app.lang),
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
    let times = if theme.ascii { "x" } else { "×" };
    let counts = cell(s, cur.row, cur.col, s.by_unit.len());
    let blocks: Vec<Vec<(String, Role)>> = vec![
        vec![(format!("{what_unit} {times} {what_area}"), Role::Header)],
        figures(app, counts),
        vec![(app.t(S::MatrixLegend1).to_string(), Role::Muted)],
        legend(app, theme),
    ];
    let mut y = area.y;
    for block in blocks {
        for line in wrap_parts(&block, w.saturating_sub(1).max(1)) {
            if y >= area.bottom() {
                return;
            }
            put(buf, area.x, y, " ", w, theme.style(Role::Muted));
            let mut x = area.x + 1;
            for (text, role) in line {
                let room = area.right().saturating_sub(x) as usize;
                put(buf, x, y, &text, room.min(width(&text)), theme.style(role));
                x += width(&text) as u16;
            }
            y += 1;
        }
    }
}

/// "0 nhiệm vụ", "HT đúng hạn 0", …, "Vướng 0": one part per figure (the
/// blocked tasks are counted in their class too).
fn figures(app: &App, c: &Counts) -> Vec<(String, Role)> {
    let l = app.lang;
    let parts = [
        format!("{} {}", c.total, S::TasksWord.t(l)),
        format!("{} {}", S::ClDoneOnTimeShort.t(l), c.done_on_time),
        format!("{} {}", S::ClDoneLateShort.t(l), c.done_late),
        format!("{} {}", S::ClOpenOnTimeShort.t(l), c.open_on_time),
        format!("{} {}", S::ClOpenOverdueShort.t(l), c.open_overdue),
        format!("{} {}", S::StBlockedShort.t(l), c.blocked),
    ];
    joined(parts.into_iter().map(|p| (p, Role::Card)).collect())
}

/// The classes' colours, each named in its own colour (never by a colour's
/// name: the light and high-contrast themes use others).
fn legend(app: &App, theme: &Theme) -> Vec<(String, Role)> {
    if theme.color == ColorMode::None {
        return vec![(app.t(S::MatrixLegendPlain).to_string(), Role::Muted)];
    }
    joined(vec![
        (app.t(S::MatrixLegendOverdue).to_string(), Role::Overdue),
        (app.t(S::MatrixLegendLate).to_string(), Role::DueSoon),
        (app.t(S::MatrixLegendOnTime).to_string(), Role::Done),
    ])
}

/// Parts with " · " between them.
fn joined(parts: Vec<(String, Role)>) -> Vec<(String, Role)> {
    let mut out = Vec::new();
    for (i, p) in parts.into_iter().enumerate() {
        if i > 0 {
            out.push((" · ".to_string(), Role::Muted));
        }
        out.push(p);
    }
    out
}

/// Lines of at most `w` cells: parts are kept whole when they fit a line
/// (a separator at a line's end is dropped), a longer part is wrapped.
fn wrap_parts(parts: &[(String, Role)], w: usize) -> Vec<Vec<(String, Role)>> {
    let mut lines: Vec<Vec<(String, Role)>> = vec![Vec::new()];
    let mut used = 0;
    for (text, role) in parts {
        let tw = width(text);
        if used + tw <= w {
            lines.last_mut().unwrap().push((text.clone(), *role));
            used += tw;
            continue;
        }
        if text.trim() == "·" {
            continue;
        }
        for piece in wrap(text, w) {
            if used > 0 {
                lines.push(Vec::new());
            }
            used = width(&piece);
            lines.last_mut().unwrap().push((piece, *role));
        }
    }
    lines
}

/// The counts of a matrix position: an area × unit cell, a unit's or an
/// area's total, or the whole board.
fn cell(s: &Summary, row: usize, col: usize, n_units: usize) -> &Counts {
    let area = AREAS.get(row).map(|a| a.id.index());
    match (area, col < n_units) {
        (Some(a), true) => &s.cells[col][a],
        (Some(a), false) => &s.by_area[a],
        (None, true) => &s.by_unit[col].1,
        (None, false) => &s.all,
    }
}
