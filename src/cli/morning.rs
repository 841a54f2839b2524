//! The morning check, `papi-board status`, on one 80×24 screen: the four
//! report classes and the blocked tasks, then what needs attention —
//! overdue, blocked, due within the window — and what changed since
//! yesterday (who moved, finished or noted what). Each list gives up its
//! last lines, with a count and the command that shows them all, rather
//! than push the top off the screen. `--full` prints the tables by
//! dimension and by unit instead; `--unit X` counts that unit's lead and
//! support work apart. Colour only on a terminal, never with NO_COLOR.

use std::io::Write;

use crate::app::audit;
use crate::domain::Lang;
use crate::domain::board::Board;
use crate::domain::report::{Counts, Summary, summarize};
use crate::domain::task::{Status, Task};
use crate::domain::text::{fit, sanitize, truncate, width};
use crate::i18n::S;
use crate::store::codec::HistoryEntry;

use super::Env;

/// Lines the morning check may print: a 24-line terminal less the line the
/// shell's prompt takes after it.
pub const MAX_LINES: usize = 23;
const WIDTH: usize = 80;

/// How `status` prints, beyond which tasks it counts.
#[derive(Debug, Default)]
pub struct Options {
    /// Today's full tables by dimension and by unit.
    pub full: bool,
    /// ANSI colours (standard output is a terminal, NO_COLOR unset).
    pub color: bool,
    /// The changes since yesterday, newest first.
    pub changes: Vec<HistoryEntry>,
}

/// The start of the day before `today`, in Viet Nam: changes since then
/// are "since yesterday".
pub fn since_yesterday(today: chrono::NaiveDate) -> crate::domain::task::Millis {
    let start = today
        .pred_opt()
        .unwrap_or(today)
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    start
        .and_local_timezone(crate::domain::task::board_offset())
        .single()
        .map_or(0, |t| t.timestamp_millis())
}

/// The changes made yesterday and today (as of `today`), newest first.
pub fn changes(store: &crate::store::Store, today: chrono::NaiveDate) -> Vec<HistoryEntry> {
    let end = since_yesterday(
        today
            .succ_opt()
            .unwrap_or(today)
            .succ_opt()
            .unwrap_or(today),
    );
    let mut out = store.history_since(since_yesterday(today));
    out.retain(|e| e.at < end);
    out
}

/// Whether `status` should colour its output: a terminal, and no NO_COLOR.
pub fn wants_color(stdout_is_terminal: bool, no_color: Option<&str>) -> bool {
    stdout_is_terminal && no_color.is_none_or(str::is_empty)
}

/// Colours as ANSI escapes, or nothing.
#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn wrap(self, code: &str, s: &str) -> String {
        match self.0 {
            true => format!("\x1b[{code}m{s}\x1b[0m"),
            false => s.to_string(),
        }
    }
    fn bold(self, s: &str) -> String {
        self.wrap("1", s)
    }
    fn red(self, s: &str) -> String {
        self.wrap("1;31", s)
    }
    fn yellow(self, s: &str) -> String {
        self.wrap("33", s)
    }
    fn green(self, s: &str) -> String {
        self.wrap("32", s)
    }
    fn dim(self, s: &str) -> String {
        self.wrap("2", s)
    }
}

/// The tasks `status` is about, and the unit it looks at, if any.
pub struct Scope<'a> {
    pub tasks: Vec<&'a Task>,
    pub unit: Option<&'a str>,
}

/// Print the morning check (or the full tables) of the tasks in `scope`.
pub fn print(env: &Env, board: &Board, scope: &Scope, o: &Options, out: &mut dyn Write) {
    let p = Paint(o.color);
    let l = env.lang;
    let summary = summarize(scope.tasks.iter().copied(), &board.units, env.today);
    let mut lines = vec![title(env, board, scope.unit)];
    lines.extend(class_lines(env, board, scope, &summary, p));
    // The latest PAPI scores, one line, beside the counts they judge.
    let scores = super::scores::status_lines(&board.scores, l, WIDTH);
    if o.full {
        lines.extend(super::morning_full::tables(env, board, scope, &summary));
        if !scores.is_empty() {
            lines.push(String::new());
        }
        lines.extend(scores);
    } else {
        lines.extend(scores);
        lines.push(String::new());
        let budget = MAX_LINES.saturating_sub(lines.len());
        lines.extend(attention(
            env, board, scope, &summary, &o.changes, budget, p,
        ));
    }
    for line in lines {
        writeln!(out, "{line}").ok();
    }
}

/// "Kế hoạch 05/KH-UBND · xã Hòa Phong · năm 2025 — tính đến ngày 01/07/2025"
fn title(env: &Env, board: &Board, unit: Option<&str>) -> String {
    let l = env.lang;
    let m = &board.meta;
    let mut s = format!(
        "{} {} · {} {} · {} {} — {} {}",
        S::Plan.t(l),
        sanitize(&m.number),
        S::Commune.t(l),
        sanitize(&m.commune),
        S::Year.t(l),
        m.year,
        S::AsOf.t(l),
        env.today.format("%d/%m/%Y")
    );
    if let Some(u) = unit {
        let name = board
            .unit(u)
            .map_or(String::new(), |x| sanitize(&x.name).into());
        s = format!("{s}\n{} {u} · {name}", S::Unit.t(l));
    }
    s
}

/// The four classes and the blocked tasks: for the whole scope, or for a
/// unit's lead and support work apart.
fn class_lines(env: &Env, board: &Board, scope: &Scope, s: &Summary, p: Paint) -> Vec<String> {
    let l = env.lang;
    let Some(unit) = scope.unit else {
        let head = format!("{} {}", s.all.total, S::TasksWord.t(l));
        let blocked = scope
            .tasks
            .iter()
            .filter(|t| t.status == Status::Blocked)
            .count();
        return classes(l, &head, &s.all, blocked, p);
    };
    let part = |lead: bool| {
        let tasks: Vec<&Task> = scope
            .tasks
            .iter()
            .copied()
            .filter(|t| (t.lead == unit) == lead)
            .collect();
        let c = summarize(tasks.iter().copied(), &board.units, env.today).all;
        let blocked = tasks.iter().filter(|t| t.status == Status::Blocked).count();
        let word = if lead { S::MLead } else { S::MSupport };
        let head = format!("{} ({})", word.t(l), c.total);
        classes(l, &head, &c, blocked, p)
    };
    [part(true), part(false)].concat()
}

/// "Chủ trì (8) · HT đúng hạn 1 · HT quá hạn 0 · Trong hạn 6 · Quá hạn 1 ·
/// Vướng mắc 0 · Tiến độ 12%", broken between parts to fit 80 columns.
fn classes(l: Lang, head: &str, c: &Counts, blocked: usize, p: Paint) -> Vec<String> {
    let num = |n: usize, paint: fn(Paint, &str) -> String| match n {
        0 => n.to_string(),
        _ => paint(p, &n.to_string()),
    };
    let parts: [(String, String); 7] = [
        (head.to_string(), p.bold(head)),
        (
            format!("{} {}", S::ClDoneOnTimeShort.t(l), c.done_on_time),
            format!(
                "{} {}",
                S::ClDoneOnTimeShort.t(l),
                num(c.done_on_time, Paint::green)
            ),
        ),
        (
            format!("{} {}", S::ClDoneLateShort.t(l), c.done_late),
            format!(
                "{} {}",
                S::ClDoneLateShort.t(l),
                num(c.done_late, Paint::yellow)
            ),
        ),
        (
            format!("{} {}", S::ClOpenOnTimeShort.t(l), c.open_on_time),
            format!("{} {}", S::ClOpenOnTimeShort.t(l), c.open_on_time),
        ),
        (
            format!("{} {}", S::ClOpenOverdueShort.t(l), c.open_overdue),
            format!(
                "{} {}",
                S::ClOpenOverdueShort.t(l),
                num(c.open_overdue, Paint::red)
            ),
        ),
        (
            format!("{} {blocked}", S::StBlocked.t(l)),
            format!("{} {}", S::StBlocked.t(l), num(blocked, Paint::red)),
        ),
        (
            format!("{} {}%", S::ProgressShort.t(l), c.progress()),
            format!("{} {}%", S::ProgressShort.t(l), c.progress()),
        ),
    ];
    let mut lines: Vec<String> = Vec::new();
    let mut used = 0;
    for (plain, painted) in parts {
        match used {
            0 => {}
            _ if used + 3 + width(&plain) <= WIDTH => {
                lines.last_mut().unwrap().push_str(" · ");
                used += 3;
            }
            _ => {
                lines.push(String::from("  "));
                used = 2;
            }
        }
        if lines.is_empty() {
            lines.push(String::new());
        }
        lines.last_mut().unwrap().push_str(&painted);
        used += width(&plain);
    }
    lines
}

/// One list of the morning check: its heading, its lines, and the command
/// that shows all of it when it is cut.
struct Section {
    heading: String,
    /// How many the list holds; only the first lines (as many as could
    /// ever be shown) are written out.
    count: usize,
    lines: Vec<String>,
    more: &'static str,
}

/// The lists that need attention, within `budget` lines.
fn attention(
    env: &Env,
    board: &Board,
    scope: &Scope,
    s: &Summary,
    changes: &[HistoryEntry],
    budget: usize,
    p: Paint,
) -> Vec<String> {
    let l = env.lang;
    let window = env.config.config.due_soon;
    let tasks =
        |ids: &[u64]| -> Vec<&Task> { ids.iter().filter_map(|id| board.task(*id)).collect() };
    let mut blocked: Vec<&Task> = scope
        .tasks
        .iter()
        .copied()
        .filter(|t| t.status == Status::Blocked)
        .collect();
    blocked.sort_by_key(|t| t.id);
    // At most `budget` lines of a list can be shown: only those are
    // written (at 100,000 tasks the overdue list alone has thousands).
    let lines = |list: Vec<&Task>| -> (usize, Vec<String>) {
        let count = list.len();
        let shown = list.into_iter().take(budget);
        (
            count,
            shown.map(|t| task_line(env, t, scope.unit, p)).collect(),
        )
    };
    let soon = S::DueSoon.t(l).replace("{}", &window.in_days().to_string());
    let changed = change_lines(env, board, changes, p);
    let sections = [
        (
            p.red(S::OverdueTasks.t(l)),
            lines(tasks(&s.overdue)),
            "list --overdue",
        ),
        (
            p.red(S::BlockedTasks.t(l)),
            lines(blocked),
            "list --status blocked",
        ),
        (p.yellow(&soon), lines(tasks(&s.due_soon(window))), "list"),
        (
            p.bold(S::ChangedSince.t(l)),
            (changed.len(), changed),
            "history --since",
        ),
    ]
    .map(|(heading, (count, lines), more)| Section {
        heading,
        count,
        lines,
        more,
    });
    fit_sections(l, &sections, budget, p)
}

/// The sections in `budget` lines: each heading (with its count, "none"
/// beside an empty one), then as many of its lines as the budget allows,
/// shared out one at a time so that no list crowds the others out.
fn fit_sections(l: Lang, sections: &[Section], budget: usize, p: Paint) -> Vec<String> {
    let mut shown = vec![0usize; sections.len()];
    let cost = |shown: &[usize]| -> usize {
        sections
            .iter()
            .zip(shown)
            .map(|(s, n)| 1 + n + usize::from(*n < s.count && s.count > 0))
            .sum()
    };
    loop {
        let mut grew = false;
        for i in 0..sections.len() {
            if shown[i] < sections[i].lines.len() {
                let mut next = shown.clone();
                next[i] += 1;
                if cost(&next) <= budget {
                    shown = next;
                    grew = true;
                }
            }
        }
        if !grew {
            break;
        }
    }
    let mut out = Vec::new();
    for (s, n) in sections.iter().zip(shown) {
        let count = s.count;
        match count {
            0 => out.push(format!("{} (0): {}", s.heading, S::NoneItem.t(l))),
            _ => out.push(format!("{} ({count})", s.heading)),
        }
        out.extend(s.lines.iter().take(n).cloned());
        if n < count {
            let more = format!("  … +{} · papi-board {}", count - n, s.more);
            out.push(p.dim(&more));
        }
    }
    out
}

/// "   #8 01/06 quá 30 ngày  dc    Công khai quy hoạch, kế hoạch sử…" — in
/// `--unit` mode a task the unit only supports has "+" before its lead.
fn task_line(env: &Env, t: &Task, unit: Option<&str>, p: Paint) -> String {
    let l = env.lang;
    let date = t.due.date.filter(|_| !t.due.is_ongoing());
    let (date_text, far) = match date {
        Some(d) => {
            let n = (d - env.today).num_days();
            let far = match n {
                ..-1 => S::DaysLate.t(l).replace("{}", &(-n).to_string()),
                -1 => S::DayLate.t(l).to_string(),
                0 => S::DueToday.t(l).to_string(),
                1 => S::DayLeft.t(l).to_string(),
                _ => S::DaysLeft.t(l).replace("{}", &n.to_string()),
            };
            (d.format("%d/%m").to_string(), far)
        }
        None if t.due.is_ongoing() => ("⟳".to_string(), String::new()),
        None => ("—".to_string(), String::new()),
    };
    let supports = unit.is_some_and(|u| t.lead != u);
    let lead = format!("{}{}", if supports { "+" } else { "" }, sanitize(&t.lead));
    let far = match date.map(|d| (d - env.today).num_days()) {
        Some(n) if n < 0 => p.red(&fit(&far, 12)),
        Some(n) if env.config.config.due_soon.includes(n) => p.yellow(&fit(&far, 12)),
        _ => fit(&far, 12),
    };
    let id = format!("#{}", t.id);
    let head = format!("{id:>5} {} {far} {}", fit(&date_text, 5), fit(&lead, 6));
    // The id, date, days and unit take 5 + 1 + 5 + 1 + 12 + 1 + 6 cells.
    let room = WIDTH.saturating_sub(31 + 1);
    format!("{head} {}", truncate(&sanitize(&t.title), room))
}

/// "30/06 16:05 lan    #2 chuyển sang Đang thực hiện · Tuyên truyền, phổ…"
fn change_lines(env: &Env, board: &Board, changes: &[HistoryEntry], p: Paint) -> Vec<String> {
    changes
        .iter()
        .map(|e| {
            let when = audit::when(e.at);
            let when = when.get(..5).unwrap_or(&when).to_string() + when.get(10..).unwrap_or("");
            let id = audit::entry_task(e);
            let task = id.map_or(String::new(), |id| format!("#{id} "));
            let what = audit::summary_of(e, env.lang);
            let head = format!(
                "{} {} {task}{what}",
                p.dim(&when),
                fit(&sanitize(&e.author), 6)
            );
            let plain = format!("{when} {} {task}{what}", fit(&sanitize(&e.author), 6));
            let title = id
                .and_then(|id| board.task(id))
                .map(|t| sanitize(&t.title).into_owned());
            match title {
                Some(t) if width(&plain) + 4 < WIDTH => {
                    let room = WIDTH - width(&plain) - 3;
                    format!("{head} · {}", truncate(&t, room))
                }
                _ => truncate_painted(&head, &plain),
            }
        })
        .collect()
}

/// A line cut to the width: the painted form when it fits, else the plain
/// one cut (escapes are never cut in half).
fn truncate_painted(painted: &str, plain: &str) -> String {
    match width(plain) <= WIDTH {
        true => painted.to_string(),
        false => truncate(plain, WIDTH),
    }
}
