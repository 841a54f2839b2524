//! `status --full`: the four classes (and the blocked count beside them) by dimension and by lead unit, and
//! the overdue and due-soon lists whole. With `--unit X` the dimensions are
//! counted twice, the tasks X leads and those it supports, and rows with
//! nothing in them are left out.

use crate::domain::area::AREAS;
use crate::domain::board::Board;
use crate::domain::report::{Counts, Summary, summarize};
use crate::domain::task::Task;
use crate::domain::text::{fit, sanitize, truncate};
use crate::i18n::S;

use super::Env;
use super::morning::Scope;

/// The table lines of `status --full`.
pub fn tables(env: &Env, board: &Board, scope: &Scope, s: &Summary) -> Vec<String> {
    let l = env.lang;
    let mut out = Vec::new();
    match scope.unit {
        None => {
            out.extend(area_table(env, S::Area.t(l), s, true));
            out.extend(unit_table(env, board, s));
        }
        Some(unit) => {
            for lead in [true, false] {
                let tasks: Vec<&Task> = scope
                    .tasks
                    .iter()
                    .copied()
                    .filter(|t| (t.lead == unit) == lead)
                    .collect();
                let part = summarize(tasks.iter().copied(), &board.units, env.today);
                let word = if lead { S::MLead } else { S::MSupport };
                let head = format!("{} · {}", S::Area.t(l), word.t(l));
                out.extend(area_table(env, &head, &part, false));
                if part.all.total == 0 {
                    out.push(format!("  {}", S::NoneItem.t(l)));
                }
            }
        }
    }
    out.extend(list(env, board, S::OverdueTasks.t(l), &s.overdue));
    let window = env.config.config.due_soon;
    let soon = S::DueSoon.t(l).replace("{}", &window.in_days().to_string());
    out.extend(list(env, board, &soon, &s.due_soon(window)));
    out
}

fn header(env: &Env, first: &str) -> String {
    let l = env.lang;
    format!(
        "\n{} {:>5} {:>11} {:>10} {:>9} {:>7} {:>5} {:>7}",
        fit(first, 19),
        S::Total.t(l),
        S::ClDoneOnTimeShort.t(l),
        S::ClDoneLateShort.t(l),
        S::ClOpenOnTimeShort.t(l),
        S::ClOpenOverdueShort.t(l),
        S::StBlockedShort.t(l),
        S::ProgressShort.t(l)
    )
}

fn row(name: &str, c: &Counts) -> String {
    format!(
        "{} {:>5} {:>11} {:>10} {:>9} {:>7} {:>5} {:>6}%",
        fit(name, 19),
        c.total,
        c.done_on_time,
        c.done_late,
        c.open_on_time,
        c.open_overdue,
        c.blocked,
        c.progress()
    )
}

/// One row per dimension (the empty ones too when `keep_empty`).
fn area_table(env: &Env, head: &str, s: &Summary, keep_empty: bool) -> Vec<String> {
    let mut out = vec![header(env, head)];
    for area in AREAS.iter() {
        let c = &s.by_area[area.id.index()];
        if c.total > 0 || keep_empty {
            let name = if env.lang.is_vi() {
                area.short_vi
            } else {
                area.short_en
            };
            out.push(row(&format!("{}. {}", area.id, name), c));
        }
    }
    out
}

/// One row per lead unit with tasks.
fn unit_table(env: &Env, board: &Board, s: &Summary) -> Vec<String> {
    let mut out = vec![header(env, S::Unit.t(env.lang))];
    for (code, c) in s.by_unit.iter().filter(|(_, c)| c.total > 0) {
        let name = board.unit(code).map_or("", |u| u.name.as_str());
        out.push(row(&format!("{code:<5}{}", sanitize(name)), c));
    }
    out
}

/// A whole list of tasks: id, deadline, unit, title.
fn list(env: &Env, board: &Board, title: &str, ids: &[u64]) -> Vec<String> {
    let mut out = vec![format!("\n{} ({})", title, ids.len())];
    if ids.is_empty() {
        out.push(format!("  {}", S::NoneItem.t(env.lang)));
    }
    for t in ids.iter().filter_map(|id| board.task(*id)) {
        let due = match t.due.date.filter(|_| !t.due.is_ongoing()) {
            Some(d) => d.format("%d/%m/%Y").to_string(),
            None => t.due.label_in(env.lang).unwrap_or_else(|| "—".into()),
        };
        out.push(format!(
            "{:>5}  {}  {}  {}",
            format!("#{}", t.id),
            fit(&due, 12),
            fit(&t.lead, 5),
            truncate(&sanitize(&t.title), 52)
        ));
    }
    out
}
