//! View 4, Thời hạn: open tasks by how far off their deadline is — overdue
//! (oldest first), this week, this month, then month by month — with
//! ongoing and undated tasks apart, narrowed by the board's filter and
//! search. Only the rows in view are drawn.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::views::{AgRow, Cache, DEADLINES_HEAD, follow};
use crate::app::{App, status_label};
use crate::domain::Lang;
use crate::domain::agenda::Horizon;
use crate::domain::board::Board;
use crate::domain::task::{Status, Task, TaskId};
use crate::domain::text::{sanitize, truncate, width};
use crate::i18n::S;

use super::paint::put;
use super::theme::{Role, Theme};

/// Screens at least this wide also show each task's status.
const STATUS_FROM: u16 = 120;
/// Narrower screens leave out the task's id and the deadline's year.
const COMPACT_BELOW: u16 = 80;

pub fn draw(f: &mut Frame, app: &App, board: &Board, theme: &Theme, area: Rect) {
    let owned;
    let rows = match app.views.cache() {
        Some(_) => app.views.agenda(),
        None => {
            owned = Cache::build(board, app.today);
            &owned.agenda
        }
    };
    let buf = f.buffer_mut();
    headline(buf, (app, board), theme, rows, area);
    let view = (area.height as usize).saturating_sub(DEADLINES_HEAD);
    let cur = app.views.deadlines;
    let first = follow(cur.sel, cur.scroll, view);
    if rows.is_empty() {
        let muted = theme.style(Role::Muted);
        let text = format!(" {}", app.t(S::NoTasks));
        put(buf, area.x, area.y + 1, &text, area.width as usize, muted);
    }
    for (i, row) in rows.iter().enumerate().skip(first).take(view) {
        let y = area.y + (DEADLINES_HEAD + i - first) as u16;
        let line = Rect {
            y,
            height: 1,
            ..area
        };
        match *row {
            AgRow::Heading(h, n) => {
                let role = match h {
                    Horizon::Overdue => Role::Overdue,
                    _ => Role::Lane,
                };
                let text = format!(" {} ({n})", horizon_label(h, app.today, app.lang));
                put(
                    buf,
                    area.x,
                    y,
                    &text,
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

/// " Quá hạn 5 · Vướng 1 · Tuần này 2 · … · tính đến ngày 01/07/2025": the
/// groups' counts of the rows shown and the blocked tasks among them,
/// whole parts only, the date last (the title bar has it too).
fn headline(
    buf: &mut Buffer,
    (app, board): (&App, &Board),
    theme: &Theme,
    rows: &[AgRow],
    area: Rect,
) {
    let (mut overdue, mut week, mut month, mut later, mut ongoing, mut undated) =
        (0, 0, 0, 0, 0, 0);
    for row in rows {
        match row {
            AgRow::Heading(Horizon::Overdue, n) => overdue += n,
            AgRow::Heading(Horizon::ThisWeek, n) => week += n,
            AgRow::Heading(Horizon::ThisMonth, n) => month += n,
            AgRow::Heading(Horizon::Month(..), n) => later += n,
            AgRow::Heading(Horizon::Ongoing, n) => ongoing += n,
            AgRow::Heading(Horizon::Undated, n) => undated += n,
            AgRow::Task(_) => {}
        }
    }
    let blocked = rows
        .iter()
        .filter(|r| match r {
            AgRow::Task(id) => board.task(*id).is_some_and(|t| t.status == Status::Blocked),
            AgRow::Heading(..) => false,
        })
        .count();
    let l = app.lang;
    let overdue_role = if overdue > 0 {
        Role::Overdue
    } else {
        Role::Card
    };
    let parts: [(String, Role); 8] = [
        (format!("{} {overdue}", S::HzOverdue.t(l)), overdue_role),
        (format!("{} {blocked}", S::StBlockedShort.t(l)), Role::Card),
        (format!("{} {week}", S::HzThisWeekShort.t(l)), Role::Card),
        (format!("{} {month}", S::HzThisMonth.t(l)), Role::Card),
        (format!("{} {later}", S::HzLater.t(l)), Role::Card),
        (format!("{} {ongoing}", S::Ongoing.t(l)), Role::Muted),
        (format!("{} {undated}", S::NoDeadline.t(l)), Role::Muted),
        (
            format!("{} {}", S::AsOf.t(l), app.today.format("%d/%m/%Y")),
            Role::Header,
        ),
    ];
    let mut x = area.x;
    for (i, (text, role)) in parts.into_iter().enumerate() {
        let text = if i == 0 {
            format!(" {text}")
        } else {
            format!(" · {text}")
        };
        if x as usize + width(&text) > area.right() as usize {
            break;
        }
        buf.set_string(x, area.y, &text, theme.style(role));
        x += width(&text) as u16;
    }
}

/// How far off a task's deadline is: "quá 3 ngày", "còn 2 ngày", with its
/// role; nothing for a done or undated task.
fn days_off(app: &App, t: &Task, date: Option<NaiveDate>) -> (String, Role) {
    let Some(d) = date.filter(|_| t.status != Status::Done) else {
        return (String::new(), Role::Muted);
    };
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

/// One task: id, deadline, days left or late, lead unit, (status), title.
/// Shared with the overview's list of the most overdue tasks. On a narrow
/// screen the id and the deadline's year give way to the title.
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
    let pick = |r: Role| match selected {
        true => theme.style(Role::Selected),
        false => theme.style(r),
    };
    put(
        buf,
        line.x,
        line.y,
        "",
        line.width as usize,
        pick(Role::Card),
    );
    let mut x = line.x;
    for (text, cw, role) in cells(app, theme, t, line.width) {
        let room = (line.right().saturating_sub(x) as usize).min(cw);
        put(buf, x, line.y, &text, room, pick(role));
        x += room as u16;
    }
    let room = line.right().saturating_sub(x) as usize;
    let title = format!(" {}", truncate(&sanitize(&t.title), room.saturating_sub(1)));
    put(buf, x, line.y, &title, room, pick(Role::Card));
}

/// The cells before the title, with their widths and roles.
fn cells(app: &App, theme: &Theme, t: &Task, w: u16) -> Vec<(String, usize, Role)> {
    let compact = w < COMPACT_BELOW;
    let date = t.due.date.filter(|_| !t.due.is_ongoing());
    let (days, role) = days_off(app, t, date);
    let mark = match role {
        Role::Overdue => theme.overdue_mark(),
        Role::DueSoon => theme.soon_mark(),
        _ => "",
    };
    let date_text = match (date, compact) {
        (Some(d), false) => format!("{mark}{}", d.format("%d/%m/%Y")),
        (Some(d), true) => format!("{mark}{}", d.format("%d/%m")),
        (None, _) if t.due.is_ongoing() => theme.ongoing_mark().to_string(),
        (None, _) => "—".to_string(),
    };
    let mut out = Vec::new();
    if !compact {
        out.push((format!("{:>8}", format!("#{}", t.id)), 8, Role::Muted));
    }
    out.push((format!(" {date_text}"), if compact { 7 } else { 12 }, role));
    let days_w = if compact { width(&days) + 1 } else { 14 };
    out.push((format!(" {days}"), days_w, role));
    out.push((format!(" {}", sanitize(&t.lead)), 6, Role::Card));
    if w >= STATUS_FROM {
        let st_role = if t.status == Status::Blocked {
            Role::Overdue
        } else {
            Role::Muted
        };
        out.push((
            format!(" {}", status_label(t.status).t(app.lang)),
            16,
            st_role,
        ));
    }
    out
}
