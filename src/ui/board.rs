//! The board view: column headers with counts, lanes of cards, and the
//! strip that shows the selected task in full. Columns are sized by what
//! they hold (an empty one narrow); below 60 columns one status column is
//! shown at a time. Only the rows in view are drawn, so a frame costs the
//! same with 100 or 100,000 tasks.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::geom::{CARD_H, Columns, strip_rows};
use crate::app::layout::{Lane, LaneKey};
use crate::app::{App, status_label};
use crate::domain::area::area;
use crate::domain::board::Board;
use crate::domain::task::{Status, TaskId};
use crate::domain::text::{fit, sanitize, truncate, width};
use crate::i18n::S;

use super::card::{self, Placed};
use super::theme::{Role, Theme};

pub fn draw(f: &mut Frame, app: &App, board: &Board, theme: &Theme, area: Rect) {
    let cols = Columns::new(area.width, &app.layout.col_counts, app.sel.col);
    let strip = strip_rows(area.width, area.height + 2).min(area.height.saturating_sub(2));
    let buf = f.buffer_mut();
    headers(buf, app, theme, &cols, Rect { height: 1, ..area });
    let lanes_area = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1 + strip),
        ..area
    };
    lanes(buf, app, board, theme, &cols, lanes_area);
    let strip_area = Rect {
        y: lanes_area.bottom(),
        height: strip,
        ..area
    };
    super::strip::draw(buf, app, board, theme, strip_area);
}

/// The short name of a status column ("Chưa TH", "Doing").
fn short_label(s: Status) -> S {
    match s {
        Status::Todo => S::StTodoShort,
        Status::Doing => S::StDoingShort,
        Status::Blocked => S::StBlockedShort,
        Status::Done => S::StDoneShort,
    }
}

/// A column's header, the longest form that fits `w` cells: "Chưa thực
/// hiện (45)", "Chưa TH 45", then the count alone.
fn header_label(app: &App, i: usize, w: usize) -> String {
    let status = Status::ALL[i];
    let n = app.layout.col_counts[i];
    let (full, short) = (app.t(status_label(status)), app.t(short_label(status)));
    [
        format!("{full} ({n})"),
        format!("{short} {n}"),
        n.to_string(),
    ]
    .into_iter()
    .find(|l| width(l) <= w)
    .unwrap_or_else(|| truncate(&n.to_string(), w))
}

fn headers(buf: &mut Buffer, app: &App, theme: &Theme, cols: &Columns, area: Rect) {
    if cols.single.is_some() {
        return single_header(buf, app, theme, area);
    }
    for i in 0..4 {
        let (x, w) = cols.spans[i];
        let style = if i == app.sel.col {
            theme
                .style(Role::Header)
                .add_modifier(ratatui::style::Modifier::UNDERLINED)
        } else {
            theme.style(Role::Header)
        };
        let text = fit(&header_label(app, i, w as usize), w as usize);
        buf.set_stringn(area.x + x, area.y, &text, w as usize, style);
        if i < 3 {
            let style = theme.style(Role::Muted);
            buf.set_string(area.x + x + w, area.y, theme.vbar(), style);
        }
    }
}

/// On a narrow screen: every column's name and count on one line, the one
/// shown marked; the longest forms that fit.
fn single_header(buf: &mut Buffer, app: &App, theme: &Theme, area: Rect) {
    let label = |i: usize, full: bool| {
        let s = Status::ALL[i];
        let n = app.layout.col_counts[i];
        match full {
            true => format!("{} ({n})", app.t(status_label(s))),
            false => format!("{} {n}", app.t(short_label(s))),
        }
    };
    let cur = app.sel.col;
    let forms: [[bool; 4]; 3] = [[true; 4], std::array::from_fn(|i| i == cur), [false; 4]];
    let total = |f: &[bool; 4]| (0..4).map(|i| width(&label(i, f[i])) + 1).sum::<usize>();
    let form = forms
        .iter()
        .find(|f| total(f) <= area.width as usize)
        .unwrap_or(&forms[2]);
    let mut x = area.x;
    for (i, full) in form.iter().enumerate() {
        let room = area.right().saturating_sub(x) as usize;
        let text = truncate(&label(i, *full), room);
        let role = if i == cur {
            Role::Selected
        } else {
            Role::Header
        };
        buf.set_stringn(x, area.y, &text, room, theme.style(role));
        x += width(&text) as u16;
        if i < 3 && x < area.right() {
            buf.set_string(x, area.y, theme.vbar(), theme.style(Role::Muted));
            x += 1;
        }
    }
}

/// The lane's title: "1. Tham gia của người dân ở cấp cơ sở", a unit's
/// name, or "All tasks"; the short dimension name when the full one does
/// not fit `room`.
fn lane_title(app: &App, board: &Board, key: &LaneKey, room: usize) -> String {
    match key {
        LaneKey::Area(a) => {
            let Some(x) = area(*a) else {
                return format!("{a}. ?");
            };
            let (full, short) = match app.lang.is_vi() {
                true => (x.vi, x.short_vi),
                false => (x.en, x.short_en),
            };
            let full = format!("{a}. {full}");
            match width(&full) <= room {
                true => full,
                false => format!("{a}. {short}"),
            }
        }
        LaneKey::Unit(code) => {
            let name = board
                .unit(code)
                .map_or(String::new(), |u| sanitize(&u.name).into_owned());
            format!("{code} · {name}")
        }
        LaneKey::All => app.t(S::AllTasks).to_string(),
    }
}

/// The rows of the board in view: `first` (the scroll) to `last`.
#[derive(Clone, Copy)]
struct Window {
    first: usize,
    last: usize,
    area: Rect,
}

impl Window {
    fn shows(&self, row: usize) -> bool {
        row >= self.first && row < self.last
    }
    fn y(&self, row: usize) -> u16 {
        self.area.y + (row - self.first) as u16
    }
}

fn lanes(buf: &mut Buffer, app: &App, board: &Board, theme: &Theme, cols: &Columns, area: Rect) {
    let win = Window {
        first: app.scroll,
        last: app.scroll + area.height as usize,
        area,
    };
    let mut placed: Vec<Placed> = Vec::new();
    let mut top = 0usize;
    for (li, lane) in app.layout.lanes.iter().enumerate() {
        let folded = app.folded.contains(&lane.key);
        let h = lane.height(folded, cols.single);
        if top >= win.last {
            break;
        }
        if top + h > win.first {
            if win.shows(top) {
                let row = Rect {
                    y: win.y(top),
                    height: 1,
                    ..area
                };
                lane_header(buf, app, board, theme, lane, (li, folded), row);
            }
            if !folded {
                lane_body(buf, app, theme, cols, lane, top, win, &mut placed);
            }
        }
        top += h;
    }
    card::draw_all(buf, app, board, theme, &placed, win.first, win.last, area);
}

/// "▾ 1. Tham gia của người dân ở cấp cơ sở            4·0·0·0"
fn lane_header(
    buf: &mut Buffer,
    app: &App,
    board: &Board,
    theme: &Theme,
    lane: &Lane,
    (li, folded): (usize, bool),
    row: Rect,
) {
    let area_w = row.width as usize;
    let counts: Vec<String> = lane.cols.iter().map(|c| c.len().to_string()).collect();
    let right = format!(" {} ", counts.join("·"));
    let room = area_w.saturating_sub(width(&right));
    let title = lane_title(app, board, &lane.key, room.saturating_sub(2));
    let title = format!("{} {title}", theme.fold_mark(folded));
    let style = match folded && li == app.sel.lane {
        true => theme.style(Role::Selected),
        false => theme.style(Role::Lane),
    };
    let (x, y) = (row.x, row.y);
    buf.set_stringn(x, y, fit(&truncate(&title, room), room), room, style);
    let muted = theme.style(Role::Muted);
    buf.set_stringn(x + room as u16, y, &right, width(&right), muted);
}

/// Place a lane's cards that are in view, draw the column separators and
/// "(trống)" in an empty lane.
#[allow(clippy::too_many_arguments)]
fn lane_body(
    buf: &mut Buffer,
    app: &App,
    theme: &Theme,
    cols: &Columns,
    lane: &Lane,
    top: usize,
    win: Window,
    placed: &mut Vec<Placed>,
) {
    let body_top = top + 1;
    let h = lane.height(false, cols.single);
    let from_row = win.first.saturating_sub(body_top) / CARD_H;
    let to_row = win.last.saturating_sub(body_top).div_ceil(CARD_H);
    let mut any = false;
    for (ci, col) in lane.cols.iter().enumerate().filter(|(i, _)| cols.shows(*i)) {
        let (x, w) = cols.spans[ci];
        any |= !col.is_empty();
        for (ri, id) in col.iter().enumerate().take(to_row).skip(from_row) {
            placed.push(Placed {
                id: *id as TaskId,
                col: ci,
                x,
                w,
                row: body_top + ri * CARD_H,
            });
        }
        if ci < 3 && cols.single.is_none() {
            for row in body_top.max(win.first)..(top + h).min(win.last) {
                let style = theme.style(Role::Muted);
                buf.set_string(win.area.x + x + w, win.y(row), theme.vbar(), style);
            }
        }
    }
    if !any && win.shows(body_top) {
        let (x, w) = cols.spans[cols.single.unwrap_or(0)];
        let muted = theme.style(Role::Muted);
        let text = app.t(S::EmptyLane);
        buf.set_stringn(win.area.x + x, win.y(body_top), text, w as usize, muted);
    }
}
