//! What `status`, `list` and `show` print: 80-column text for people, JSON
//! (the contract in `transfer::json`) for scripts. Everything is written to
//! the given writer: stdout here, the SSH channel for `ssh … status`.

use std::io::Write;

use crate::domain::area::{AREAS, area_name};
use crate::domain::board::Board;
use crate::domain::report::{ReportClass, classify, summarize};
use crate::domain::search::{Query, haystack, matches, parse_query};
use crate::domain::task::{Status, Task, rfc3339};
use crate::domain::text::{fit, sanitize, truncate};
use crate::i18n::S;
use crate::transfer::json::{status_json, task_json};

use super::{Env, Fail};

/// Which tasks a command is about.
#[derive(Debug, Default)]
pub struct Filter {
    pub area: Option<u8>,
    pub unit: Option<String>,
    pub status: Option<Status>,
    pub overdue: bool,
    /// The board's search: words without accents and the same markers.
    pub search: Option<String>,
}

impl Filter {
    fn check(&self, env: &Env, board: &Board) -> Result<(), Fail> {
        if let Some(a) = self.area
            && a > 8
        {
            return Err(Fail(format!("{}: {a}", S::UnknownArea.t(env.lang))));
        }
        if let Some(u) = &self.unit
            && board.unit(u).is_none()
        {
            return Err(Fail(format!("{}: {u}", S::UnknownUnit.t(env.lang))));
        }
        Ok(())
    }

    fn keeps(&self, t: &Task, env: &Env, query: Option<(&Query, &Board)>) -> bool {
        query.is_none_or(|(q, board)| matches(q, t, &haystack(t, board), env.today))
            && self.area.is_none_or(|a| t.area == a.into())
            && self.unit.as_deref().is_none_or(|u| t.involves(u))
            && self.status.is_none_or(|s| t.status == s)
            && (!self.overdue || classify(t, env.today) == ReportClass::OpenOverdue)
    }
}

/// Write one line; a reader that went away is not an error worth a message.
macro_rules! out {
    ($w:expr, $($arg:tt)*) => {
        writeln!($w, $($arg)*).ok()
    };
}

/// JSON for a person or a script: pretty, control characters escaped
/// (`transfer::json_out`).
pub fn print_json<T: serde::Serialize + ?Sized>(out: &mut dyn Write, v: &T) {
    let _ = crate::transfer::json_out::write_pretty(out, v);
}

fn status_label(s: Status, env: &Env) -> &'static str {
    match s {
        Status::Todo => S::StTodo,
        Status::Doing => S::StDoing,
        Status::Blocked => S::StBlocked,
        Status::Done => S::StDone,
    }
    .t(env.lang)
}

fn class_label(c: ReportClass, env: &Env) -> &'static str {
    match c {
        ReportClass::DoneOnTime => S::ClDoneOnTime,
        ReportClass::DoneLate => S::ClDoneLate,
        ReportClass::OpenOnTime => S::ClOpenOnTime,
        ReportClass::OpenOverdue => S::ClOpenOverdue,
    }
    .t(env.lang)
}

/// The deadline as people read it: dd/mm/yyyy, or the ongoing word.
pub fn due_label(t: &Task, env: &Env) -> String {
    if t.due.is_ongoing() {
        return S::Ongoing.t(env.lang).to_string();
    }
    match t.due.date {
        Some(d) => d.format("%d/%m/%Y").to_string(),
        None => "—".to_string(),
    }
}

pub fn status(
    env: &Env,
    board: &Board,
    json: bool,
    area: Option<u8>,
    unit: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), Fail> {
    let f = Filter {
        area,
        unit: unit.map(str::to_string),
        ..Filter::default()
    };
    f.check(env, board)?;
    let summary = summarize(
        board
            .tasks
            .values()
            .map(|t| &**t)
            .filter(|t| f.keeps(t, env, None)),
        &board.units,
        env.today,
    );
    let window = env.config.config.due_soon;
    if json {
        print_json(out, &status_json(board, &summary, window, env.lang.is_vi()));
        return Ok(());
    }
    let l = env.lang;
    let m = &board.meta;
    out!(
        out,
        "{} {} · {} {} · {} {} — {} {}",
        S::Plan.t(l),
        m.number,
        S::Commune.t(l),
        m.commune,
        S::Year.t(l),
        m.year,
        S::AsOf.t(l),
        env.today.format("%d/%m/%Y")
    );
    let a = &summary.all;
    out!(
        out,
        "{}: {} · {} {} · {} {} · {} {} · {} {}",
        S::TotalTasks.t(l),
        a.total,
        S::ClDoneOnTimeShort.t(l),
        a.done_on_time,
        S::ClDoneLateShort.t(l),
        a.done_late,
        S::ClOpenOnTimeShort.t(l),
        a.open_on_time,
        S::ClOpenOverdueShort.t(l),
        a.open_overdue
    );
    let header = |out: &mut dyn Write, first: &str| {
        out!(
            out,
            "\n{} {:>5} {:>11} {:>10} {:>9} {:>7} {:>7}",
            fit(first, 25),
            S::Total.t(l),
            S::ClDoneOnTimeShort.t(l),
            S::ClDoneLateShort.t(l),
            S::ClOpenOnTimeShort.t(l),
            S::ClOpenOverdueShort.t(l),
            S::ProgressShort.t(l)
        );
    };
    let row = |out: &mut dyn Write, name: String, c: &crate::domain::report::Counts| {
        out!(
            out,
            "{} {:>5} {:>11} {:>10} {:>9} {:>7} {:>6}%",
            fit(&name, 25),
            c.total,
            c.done_on_time,
            c.done_late,
            c.open_on_time,
            c.open_overdue,
            c.progress()
        );
    };
    header(out, S::Area.t(l));
    for area in AREAS.iter() {
        let c = &summary.by_area[area.id.index()];
        if c.total > 0 || f.area.is_none() {
            let name = if l.is_vi() {
                area.short_vi
            } else {
                area.short_en
            };
            row(out, format!("{}. {}", area.id, name), c);
        }
    }
    // The published scores beside the tasks, as the overview shows them.
    for line in super::scores::status_lines(&board.scores, l, 80) {
        out!(out, "{line}");
    }
    header(out, S::Unit.t(l));
    for (code, c) in &summary.by_unit {
        if c.total == 0 {
            continue;
        }
        let name = board.unit(code).map_or("", |u| u.name.as_str());
        row(out, format!("{code:<5}{}", sanitize(name)), c);
    }
    let list = |out: &mut dyn Write, title: &str, ids: &[u64]| {
        out!(out, "\n{} ({})", title, ids.len());
        if ids.is_empty() {
            out!(out, "  {}", S::NoneItem.t(l));
        }
        for t in ids.iter().filter_map(|id| board.task(*id)).take(20) {
            out!(out, "{}", task_line(t, env));
        }
        if ids.len() > 20 {
            out!(out, "  … +{}", ids.len() - 20);
        }
    };
    list(out, S::OverdueTasks.t(l), &summary.overdue);
    let soon = S::DueSoon.t(l).replace("{}", &window.in_days().to_string());
    list(out, &soon, &summary.due_soon(window));
    Ok(())
}

/// One task in 80 columns: id, deadline, unit, title.
fn task_line(t: &Task, env: &Env) -> String {
    let due = match t.due.date.filter(|_| !t.due.is_ongoing()) {
        Some(d) => d.format("%d/%m/%Y").to_string(),
        None if t.due.is_ongoing() => S::Ongoing.t(env.lang).to_string(),
        None => "—".to_string(),
    };
    format!(
        "{:>5}  {}  {}  {}",
        format!("#{}", t.id),
        fit(&due, 12),
        fit(&t.lead, 5),
        truncate(&sanitize(&t.title), 52)
    )
}

pub fn list(
    env: &Env,
    board: &Board,
    f: &Filter,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Fail> {
    f.check(env, board)?;
    let query = f.search.as_deref().map(|text| parse_query(text, board));
    let tasks: Vec<&Task> = board
        .tasks
        .values()
        .map(|t| &**t)
        .filter(|t| f.keeps(t, env, query.as_ref().map(|q| (q, board))))
        .collect();
    if json {
        let items = tasks.iter().map(|t| task_json(t, env.today));
        let _ = crate::transfer::json_out::write_array(out, items);
        return Ok(());
    }
    if tasks.is_empty() {
        out!(out, "{}", S::NoTasks.t(env.lang));
    }
    for t in tasks {
        out!(out, "{}", task_line(t, env));
    }
    Ok(())
}

pub fn show(
    env: &Env,
    board: &Board,
    id: u64,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Fail> {
    let t = board
        .task(id)
        .ok_or_else(|| Fail(format!("{} {id}", S::NoSuchTask.t(env.lang))))?;
    if json {
        print_json(out, &task_json(t, env.today));
        return Ok(());
    }
    let l = env.lang;
    let unit_name = |c: &str| {
        board
            .unit(c)
            .map_or(c.to_string(), |u| format!("{} ({c})", u.name))
    };
    let due = match t.due.label() {
        Some(text) if t.due.date.is_some() && !t.due.is_ongoing() => {
            format!("{} — {}", sanitize(&text), due_label(t, env))
        }
        Some(text) => sanitize(&text).into_owned(),
        None => S::NoDeadline.t(l).to_string(),
    };
    out!(out, "#{} {}", t.id, sanitize(&t.title));
    let mut field = |k: S, v: &str| {
        out!(out, "{:<20} {}", format!("{}:", k.t(l)), v);
    };
    field(
        S::FArea,
        &format!("{}. {}", t.area, area_name(t.area, l.is_vi())),
    );
    if let Some(sub) = &t.sub {
        field(S::FSub, &sanitize(sub));
    }
    field(S::FLead, &unit_name(&t.lead));
    let support: Vec<String> = t.support.iter().map(|c| unit_name(c)).collect();
    field(S::FSupport, &support.join(", "));
    field(S::FStatus, status_label(t.status, env));
    field(S::FDue, &due);
    field(S::FClass, class_label(classify(t, env.today), env));
    field(S::FProgress, &format!("{}%", t.progress));
    field(S::FOutput, &sanitize(&t.output));
    if let Some(e) = &t.evidence {
        field(S::FEvidence, &sanitize(e));
    }
    field(S::FCreated, &rfc3339(t.created_at));
    field(S::FUpdated, &rfc3339(t.updated_at));
    if let Some(c) = t.completed_at {
        field(S::FCompleted, &rfc3339(c));
    }
    out!(
        out,
        "\n{}:\n{}",
        S::FDescription.t(l),
        sanitize(&t.description)
    );
    if !t.checklist.is_empty() {
        out!(out, "\n{}:", S::FChecklist.t(l));
        for c in &t.checklist {
            out!(
                out,
                "  [{}] {}",
                if c.done { "x" } else { " " },
                sanitize(&c.text)
            );
        }
    }
    if !t.notes.is_empty() {
        out!(out, "\n{}:", S::FNotes.t(l));
        for n in t.notes.iter().rev() {
            out!(
                out,
                "  {} {}: {}",
                rfc3339(n.at),
                sanitize(&n.author),
                sanitize(&n.text)
            );
        }
    }
    Ok(())
}
