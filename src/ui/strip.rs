//! The strip under the board's lanes: the selected task in full, whatever
//! its card had room for. A rule that carries its id, lead and supporting
//! units, deadline and report class, then its whole title.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::App;
use crate::domain::board::Board;
use crate::domain::report::{ReportClass, classify};
use crate::domain::task::{Status, Task};
use crate::domain::text::{sanitize, truncate, width, wrap};
use crate::i18n::S;

use super::theme::{Role, Theme};

pub fn draw(buf: &mut Buffer, app: &App, board: &Board, theme: &Theme, area: Rect) {
    if area.height == 0 {
        return;
    }
    let task = app.selected_id().and_then(|id| board.task(id));
    let parts = match task {
        Some(t) => {
            let long = meta(app, theme, t, false);
            let w: usize = long.iter().map(|(s, _)| width(s) + 3).sum();
            if w + 2 > area.width as usize {
                meta(app, theme, t, true)
            } else {
                long
            }
        }
        None => vec![(app.t(S::NoSelection).to_string(), theme.style(Role::Muted))],
    };
    rule(buf, theme, &parts, Rect { height: 1, ..area });
    let Some(t) = task else { return };
    let body = Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    };
    title(buf, theme, t, body);
}

/// The report class in the report's own words, or its short form.
pub fn class_label(c: ReportClass, short: bool) -> S {
    match (c, short) {
        (ReportClass::DoneOnTime, false) => S::RpDoneOnTime,
        (ReportClass::DoneLate, false) => S::RpDoneLate,
        (ReportClass::OpenOnTime, false) => S::RpOpenOnTime,
        (ReportClass::OpenOverdue, false) => S::RpOpenOverdue,
        (ReportClass::DoneOnTime, true) => S::ClDoneOnTimeShort,
        (ReportClass::DoneLate, true) => S::ClDoneLateShort,
        (ReportClass::OpenOnTime, true) => S::ClOpenOnTimeShort,
        (ReportClass::OpenOverdue, true) => S::ClOpenOverdueShort,
    }
}

/// "#10", "vp + tp, thon", "Trước 30/06/2025 (quá 1 ngày)", "Chưa hoàn
/// thành, quá hạn", "40%": each with its style.
fn meta(app: &App, theme: &Theme, t: &Task, short: bool) -> Vec<(String, Style)> {
    let plain = theme.style(Role::Header);
    let mut units = sanitize(&t.lead).into_owned();
    if !t.support.is_empty() {
        let support: Vec<String> = t.support.iter().map(|s| sanitize(s).into()).collect();
        units.push_str(&format!(" + {}", support.join(", ")));
    }
    let mut out = vec![(format!("#{}", t.id), theme.style(Role::Highlight))];
    out.push((units, plain));
    out.push(due(app, theme, t));
    let class = classify(t, app.today);
    let role = match class {
        ReportClass::OpenOverdue => Role::Overdue,
        ReportClass::DoneLate => Role::DueSoon,
        ReportClass::DoneOnTime => Role::Done,
        ReportClass::OpenOnTime => Role::Header,
    };
    out.push((
        app.t(class_label(class, short)).to_string(),
        theme.style(role),
    ));
    if t.progress > 0 && t.status != Status::Done {
        out.push((format!("{}%", t.progress), plain));
    }
    out
}

/// The deadline as written, its date when the wording is not one, and how
/// far off it is.
fn due(app: &App, theme: &Theme, t: &Task) -> (String, Style) {
    let label = t.due.label_in(app.lang);
    let Some(d) = t.due.date.filter(|_| !t.due.is_ongoing()) else {
        let text = match (t.due.is_ongoing(), label) {
            (true, Some(l)) => format!("{} {l}", theme.ongoing_mark()),
            (_, Some(l)) => l,
            (_, None) => app.t(S::NoDeadline).to_string(),
        };
        return (text, theme.style(Role::Header));
    };
    let date = d.format("%d/%m/%Y").to_string();
    let mut text = match label {
        Some(l) if !names_date(&l, d) => format!("{l} ({date})"),
        Some(l) => l,
        None => date,
    };
    let days = (d - app.today).num_days();
    let mut role = Role::Header;
    if t.status != Status::Done && app.due_soon.includes(days) {
        let l = app.lang;
        let far = match days {
            ..-1 => S::DaysLate.t(l).replace("{}", &(-days).to_string()),
            -1 => S::DayLate.t(l).to_string(),
            0 => S::DueToday.t(l).to_string(),
            1 => S::DayLeft.t(l).to_string(),
            _ => S::DaysLeft.t(l).replace("{}", &days.to_string()),
        };
        text.push_str(&format!(" · {far}"));
        role = if days < 0 {
            Role::Overdue
        } else {
            Role::DueSoon
        };
    }
    (text, theme.style(role))
}

/// Whether a wording already gives the day: "Trước 4/7/2025", "20.7.2025".
fn names_date(label: &str, d: chrono::NaiveDate) -> bool {
    use chrono::Datelike;
    let nums: Vec<u32> = label
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    nums.windows(3)
        .any(|w| w == [d.day(), d.month(), d.year() as u32])
}

/// "── #10 · vp + tp · Thường xuyên · Chưa hoàn thành, trong hạn ────"
fn rule(buf: &mut Buffer, theme: &Theme, parts: &[(String, Style)], area: Rect) {
    let muted = theme.style(Role::Muted);
    let w = area.width as usize;
    buf.set_stringn(area.x, area.y, theme.hbar().repeat(w), w, muted);
    let mut x = area.x;
    let mut put = |s: &str, style: Style| {
        let room = area.right().saturating_sub(x) as usize;
        let s = truncate(s, room);
        buf.set_stringn(x, area.y, &s, room, style);
        x += width(&s) as u16;
    };
    put(&theme.hbar().repeat(2), muted);
    for (i, (text, style)) in parts.iter().enumerate() {
        put(if i == 0 { " " } else { " · " }, muted);
        put(text, *style);
    }
    put(" ", muted);
}

/// The whole title over the strip's lines (cut only when it is longer
/// than all of them together).
fn title(buf: &mut Buffer, theme: &Theme, t: &Task, area: Rect) {
    let w = area.width.saturating_sub(1).max(1) as usize;
    let lines = wrap(&sanitize(&t.title), w);
    let rows = area.height as usize;
    let style = theme.style(Role::Card);
    for (i, line) in lines.iter().take(rows).enumerate() {
        let text = if i + 1 == rows && lines.len() > rows {
            truncate(&format!("{line} {}", lines[rows..].join(" ")), w)
        } else {
            line.clone()
        };
        let y = area.y + i as u16;
        buf.set_stringn(area.x + 1, y, &text, w, style);
    }
}
