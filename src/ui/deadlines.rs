//! View 4, Thời hạn: open tasks by how far off their deadline is — overdue
//! (oldest first), this week, this month, then month by month — with
//! ongoing and undated tasks apart. Only the rows in view are drawn.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::views::{AgRow, Cache, DEADLINES_HEAD, follow};
use crate::app::{App, status_label};
use crate::domain::Lang;
use crate::domain::agenda::Horizon;
use crate::domain::board::Board;
use crate::domain::task::{Status, TaskId};
use crate::domain::text::{sanitize, truncate, width};
use crate::i18n::S;

use super::overview::put;
use super::theme::{Role, Theme};

/// Screens at least this wide also show each task's status.
const STATUS_FROM: u16 = 120;

pub fn draw(f: &mut Frame, app: &App, board: &Board, theme: &Theme, area: Rect) {
    let owned;
    let cache = match app.views.cache() {
        Some(c) => c,
        None => {
            owned = Cache::build(board, app.today);
            &owned
        }
    };
    let buf = f.buffer_mut();
    headline(buf, app, theme, cache, area);
    let view = (area.height as usize).saturating_sub(DEADLINES_HEAD);
    let cur = app.views.deadlines;
    let first = follow(cur.sel, cur.scroll, view);
    if cache.agenda.is_empty() {
        put(
            buf,
            area.x,
            area.y + 1,
            &format!(" {}", app.t(S::NoTasks)),
            area.width as usize,
            theme.style(Role::Muted),
        );
    }
    for (i, row) in cache.agenda.iter().enumerate().skip(first).take(view) {
        let y = area.y + (DEADLINES_HEAD + i - first) as u16;
        let line = Rect {
            y,
            height: 1,
            ..area
        };
        match *row {
            AgRow::Heading(h, n) => {
                let role = if h == Horizon::Overdue {
                    Role::Overdue
                } else {
                    Role::Lane
                };
                put(
                    buf,
                    area.x,
                    y,
                    &format!(" {} ({n})", horizon_label(h, app.today, app.lang)),
                    area.width as usize,
                    theme.style(role),
                );
            }
            AgRow::Task(id) => task_line(buf, app, board, theme, id, line, i == cur.sel),
        }
    }
}

/// The group's name: "Quá hạn", "Tuần này, đến Chủ nhật 06/07", "Tháng 8/2025"…
pub fn horizon_label(h: Horizon, today: NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    match h {
        Horizon::Overdue => S::HzOverdue.t(lang).to_string(),
        Horizon::ThisWeek => {
            let sunday =
                today + chrono::Duration::days(6 - today.weekday().num_days_from_monday() as i64);
            format!("{} {}", S::HzThisWeek.t(lang), sunday.format("%d/%m"))
        }
        Horizon::ThisMonth => format!("{} ({})", S::HzThisMonth.t(lang), today.format("%m/%Y")),
        Horizon::Month(y, m) => format!("{} {m:02}/{y}", S::HzMonth.t(lang)),
        Horizon::Ongoing => S::Ongoing.t(lang).to_string(),
        Horizon::Undated => S::NoDeadline.t(lang).to_string(),
    }
}

/// " Tính đến 01/07/2025 · Quá hạn 5 · Tuần này 2 · …"
fn headline(buf: &mut Buffer, app: &App, theme: &Theme, cache: &Cache, area: Rect) {
    let s = &cache.summary;
    let (mut week, mut month, mut later) = (0, 0, 0);
    for row in &cache.agenda {
        match row {
            AgRow::Heading(Horizon::ThisWeek, n) => week += n,
            AgRow::Heading(Horizon::ThisMonth, n) => month += n,
            AgRow::Heading(Horizon::Month(..), n) => later += n,
            _ => {}
        }
    }
    let l = app.lang;
    let parts: Vec<(String, Role)> = vec![
        (
            format!(" {} {}", S::AsOf.t(l), app.today.format("%d/%m/%Y")),
            Role::Header,
        ),
        (
            format!(" · {} {}", S::HzOverdue.t(l), s.overdue.len()),
            if s.overdue.is_empty() {
                Role::Card
            } else {
                Role::Overdue
            },
        ),
        (format!(" · {} {week}", S::HzThisWeekShort.t(l)), Role::Card),
        (format!(" · {} {month}", S::HzThisMonth.t(l)), Role::Card),
        (format!(" · {} {later}", S::HzLater.t(l)), Role::Card),
        (
            format!(" · {} {}", S::Ongoing.t(l), s.ongoing.len()),
            Role::Muted,
        ),
        (
            format!(" · {} {}", S::NoDeadline.t(l), s.undated.len()),
            Role::Muted,
        ),
    ];
    let mut x = area.x;
    for (text, role) in parts {
        let room = (area.right() - x) as usize;
        if room == 0 {
            break;
        }
        let t = truncate(&text, room);
        buf.set_stringn(x, area.y, &t, room, theme.style(role));
        x += width(&t) as u16;
    }
}

/// One task: id, deadline, days left or late, lead unit, (status), title.
/// Shared with the overview's list of the most overdue tasks.
pub(super) fn task_line(
    buf: &mut Buffer,
    app: &App,
    board: &Board,
    theme: &Theme,
    id: TaskId,
    line: Rect,
    selected: bool,
) {
    let Some(t) = board.task(id) else { return };
    let pick = |r: Role| {
        if selected {
            theme.style(Role::Selected)
        } else {
            theme.style(r)
        }
    };
    let w = line.width as usize;
    put(buf, line.x, line.y, "", w, pick(Role::Card));
    let date = t.due.date.filter(|_| !t.due.is_ongoing());
    let (days, role) = match date {
        Some(d) if t.status != Status::Done => {
            let n = (d - app.today).num_days();
            let l = app.lang;
            match n {
                -1 => (S::DayLate.t(l).to_string(), Role::Overdue),
                ..0 => (
                    S::DaysLate.t(l).replace("{}", &(-n).to_string()),
                    Role::Overdue,
                ),
                0 => (S::DueToday.t(l).to_string(), Role::DueSoon),
                1 => (S::DayLeft.t(l).to_string(), Role::DueSoon),
                _ => {
                    let role = if app.due_soon.includes(n) {
                        Role::DueSoon
                    } else {
                        Role::Muted
                    };
                    (S::DaysLeft.t(l).replace("{}", &n.to_string()), role)
                }
            }
        }
        _ => (String::new(), Role::Muted),
    };
    let mark = match role {
        Role::Overdue => theme.overdue_mark(),
        Role::DueSoon => theme.soon_mark(),
        _ => "",
    };
    let date_text = match date {
        Some(d) => format!("{mark}{}", d.format("%d/%m/%Y")),
        None if t.due.is_ongoing() => theme.ongoing_mark().to_string(),
        None => "—".to_string(),
    };
    let mut cells: Vec<(String, usize, Style)> = vec![
        (format!("{:>8}", format!("#{}", t.id)), 8, pick(Role::Muted)),
        (format!(" {date_text}"), 12, pick(role)),
        (format!(" {days}"), 14, pick(role)),
        (format!(" {}", sanitize(&t.lead)), 6, pick(Role::Card)),
    ];
    if line.width >= STATUS_FROM {
        let st_role = if t.status == Status::Blocked {
            Role::Overdue
        } else {
            Role::Muted
        };
        cells.push((
            format!(" {}", status_label(t.status).t(app.lang)),
            16,
            pick(st_role),
        ));
    }
    let mut x = line.x;
    for (text, cw, style) in cells {
        let room = (line.right().saturating_sub(x) as usize).min(cw);
        put(buf, x, line.y, &text, room, style);
        x += room as u16;
    }
    let room = line.right().saturating_sub(x) as usize;
    put(
        buf,
        x,
        line.y,
        &format!("  {}", sanitize(&t.title)),
        room,
        pick(Role::Card),
    );
}
