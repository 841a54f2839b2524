//! The board view: column headers with counts, then lanes of two-line
//! cards. Only the rows in view are drawn, so a frame costs the same with
//! 100 or 100,000 tasks.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::layout::{CARD_H, LaneKey, column_span};
use crate::app::{App, status_label};
use crate::domain::area::area;
use crate::domain::board::Board;
use crate::domain::task::{Status, Task};
use crate::domain::text::{fit, sanitize, truncate, width};
use crate::i18n::S;

use super::theme::{Role, Theme};

pub fn draw(f: &mut Frame, app: &App, board: &Board, theme: &Theme, area: Rect) {
    let buf = f.buffer_mut();
    headers(buf, app, theme, Rect { height: 1, ..area });
    let lanes_area = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    lanes(buf, app, board, theme, lanes_area);
}

fn headers(buf: &mut Buffer, app: &App, theme: &Theme, area: Rect) {
    for (i, status) in Status::ALL.iter().enumerate() {
        let (x, w) = column_span(area.width, i);
        let label = format!(
            "{} ({})",
            app.t(status_label(*status)),
            app.layout.col_counts[i]
        );
        let text = fit(&truncate(&label, w as usize), w as usize);
        buf.set_stringn(
            area.x + x,
            area.y,
            &text,
            w as usize,
            theme.style(Role::Header),
        );
        if i < 3 {
            buf.set_string(
                area.x + x + w,
                area.y,
                theme.vbar(),
                theme.style(Role::Muted),
            );
        }
    }
}

/// The lane's title: "1. Tham gia của người dân ở cấp cơ sở", a unit's name, or "All tasks".
fn lane_title(app: &App, board: &Board, key: &LaneKey) -> String {
    match key {
        LaneKey::Area(a) => {
            let name = area(*a).map_or("?", |x| if app.lang.is_vi() { x.vi } else { x.en });
            format!("{a}. {name}")
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

fn lanes(buf: &mut Buffer, app: &App, board: &Board, theme: &Theme, area: Rect) {
    let view_h = area.height as usize;
    let first = app.scroll;
    let last = first + view_h;
    let selected = app.selected_id();
    let words = app
        .search
        .as_ref()
        .map(|s| s.highlight())
        .filter(|w| !w.is_empty());
    let highlight = words.as_deref();
    let mut top = 0usize;
    for (li, lane) in app.layout.lanes.iter().enumerate() {
        let folded = app.folded.contains(&lane.key);
        let h = lane.height(folded);
        if top >= last {
            break;
        }
        if top + h <= first {
            top += h;
            continue;
        }
        // Header row.
        if top >= first {
            let y = area.y + (top - first) as u16;
            let counts: Vec<String> = lane.cols.iter().map(|c| c.len().to_string()).collect();
            let right = format!(" {} ", counts.join("·"));
            let title = format!(
                "{} {}",
                theme.fold_mark(folded),
                lane_title(app, board, &lane.key)
            );
            let room = (area.width as usize).saturating_sub(width(&right));
            let mut style = theme.style(Role::Lane);
            if folded && li == app.sel.lane {
                style = theme.style(Role::Selected);
            }
            let line = fit(&truncate(&title, room), room);
            buf.set_stringn(area.x, y, &line, room, style);
            buf.set_stringn(
                area.x + room as u16,
                y,
                &right,
                width(&right),
                theme.style(Role::Muted),
            );
        }
        if !folded {
            // Cards: only the rows in view.
            let body_top = top + 1;
            let from_row = first.saturating_sub(body_top) / CARD_H;
            let to_row = (last.saturating_sub(body_top)).div_ceil(CARD_H);
            for (ci, col) in lane.cols.iter().enumerate() {
                let (x, w) = column_span(area.width, ci);
                for (ri, id) in col.iter().enumerate().take(to_row).skip(from_row) {
                    let Some(task) = board.task(*id) else {
                        continue;
                    };
                    let y0 = body_top + ri * CARD_H;
                    card(
                        buf,
                        app,
                        theme,
                        task,
                        selected == Some(*id),
                        highlight,
                        area,
                        x,
                        w,
                        y0,
                        first,
                        last,
                    );
                }
                // Column separators through the lane body.
                if ci < 3 {
                    for y in body_top.max(first)..(top + h).min(last) {
                        buf.set_string(
                            area.x + x + w,
                            area.y + (y - first) as u16,
                            theme.vbar(),
                            theme.style(Role::Muted),
                        );
                    }
                }
            }
            if lane.depth() == 0 && body_top >= first && body_top < last {
                let (x, w) = column_span(area.width, 0);
                buf.set_stringn(
                    area.x + x,
                    area.y + (body_top - first) as u16,
                    app.t(S::EmptyLane),
                    w as usize,
                    theme.style(Role::Muted),
                );
            }
        }
        top += h;
    }
}

#[allow(clippy::too_many_arguments)]
fn card(
    buf: &mut Buffer,
    app: &App,
    theme: &Theme,
    t: &Task,
    selected: bool,
    highlight: Option<&str>,
    area: Rect,
    x: u16,
    w: u16,
    y0: usize,
    first: usize,
    last: usize,
) {
    let w_us = w as usize;
    let base = if selected {
        theme.style(Role::Selected)
    } else if t.status == Status::Done {
        theme.style(Role::Done)
    } else {
        theme.style(Role::Card)
    };
    // Line 1: the title, with what the search found highlighted.
    if y0 >= first && y0 < last {
        let mark = if selected && theme.color == super::theme::ColorMode::None {
            "▶"
        } else {
            ""
        };
        let title = format!("{mark}{}", sanitize(&t.title));
        let y = area.y + (y0 - first) as u16;
        buf.set_stringn(
            area.x + x,
            y,
            fit(&truncate(&title, w_us), w_us),
            w_us,
            base,
        );
        if let Some(words) = highlight {
            let shown = truncate(&title, w_us);
            let hl = if selected {
                base.add_modifier(ratatui::style::Modifier::UNDERLINED)
            } else {
                theme.style(Role::Highlight)
            };
            // Char ranges of the matches, drawn over the title.
            for r in crate::domain::text::match_ranges(&shown, words) {
                let before: String = shown.chars().take(r.start).collect();
                let part: String = shown.chars().skip(r.start).take(r.end - r.start).collect();
                let cx = area.x + x + width(&before) as u16;
                if cx < area.x + x + w {
                    let room = (area.x + x + w - cx) as usize;
                    buf.set_stringn(cx, y, &part, room, hl);
                }
            }
        }
    }
    // Line 2: unit · deadline · progress · ongoing mark.
    let y1 = y0 + 1;
    if y1 >= first && y1 < last {
        let y = area.y + (y1 - first) as u16;
        let meta_style = if selected {
            base
        } else {
            theme.style(Role::Muted)
        };
        buf.set_stringn(area.x + x, y, " ".repeat(w_us), w_us, meta_style);
        let mut cx = area.x + x;
        let end = area.x + x + w;
        let mut put = |s: &str, style: Style| {
            if cx >= end {
                return;
            }
            let room = (end - cx) as usize;
            let s = truncate(s, room);
            buf.set_stringn(cx, y, &s, room, style);
            cx += width(&s) as u16;
        };
        put(&format!(" {}", sanitize(&t.lead)), meta_style);
        if t.due.is_ongoing() {
            put(&format!(" {}", theme.ongoing_mark()), meta_style);
        } else if let Some(d) = t.due.date {
            let days = (d - app.today).num_days();
            let (role, mark) = if t.status == Status::Done {
                (Role::Muted, "")
            } else if days < 0 {
                (Role::Overdue, theme.overdue_mark())
            } else if days <= app.soon_days {
                (Role::DueSoon, theme.soon_mark())
            } else {
                (Role::Muted, "")
            };
            let style = if selected { base } else { theme.style(role) };
            put(&format!(" {mark}{}", d.format("%d/%m")), style);
        }
        if t.progress > 0 && t.status != Status::Done {
            put(&format!(" {}%", t.progress), meta_style);
        }
        if t.status == Status::Done {
            put(" ✓", meta_style);
        }
    }
}
