//! What `status`, `list` and `show` print: 80-column text for people, JSON
//! (the contract in `transfer::json`) for scripts. Everything is written to
//! the given writer: stdout here, the SSH channel for `ssh … status`.

use std::io::Write;

use crate::domain::area::area_name;
use crate::domain::board::Board;
use crate::domain::report::{ReportClass, classify, summarize};
use crate::domain::search::{Query, haystack, matches, parse_query};
use crate::domain::task::{Status, Task, date_of, rfc3339};
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

/// `status`: JSON for scripts, else the morning check (or, with `--full`,
/// the tables) of the tasks in an area or of a unit.
pub fn status_with(
    env: &Env,
    board: &Board,
    json: bool,
    (area, unit): (Option<u8>, Option<&str>),
    opts: &super::morning::Options,
    out: &mut dyn Write,
) -> Result<(), Fail> {
    let f = Filter {
        area,
        unit: unit.map(str::to_string),
        ..Filter::default()
    };
    f.check(env, board)?;
    let tasks: Vec<&Task> = board
        .tasks
        .values()
        .map(|t| &**t)
        .filter(|t| f.keeps(t, env, None))
        .collect();
    if json {
        let summary = summarize(tasks.iter().copied(), &board.units, env.today);
        let window = env.config.config.due_soon;
        print_json(out, &status_json(board, &summary, window, env.lang.is_vi()));
        return Ok(());
    }
    let scope = super::morning::Scope { tasks, unit };
    super::morning::print(env, board, &scope, opts, out);
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
    let due = match t.due.label_in(l) {
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
    if let Some(p) = t.problem() {
        field(S::FProblem, &problem_line(p, l));
    }
    if !t.proposal.is_empty() {
        field(S::FProposal, &sanitize(&t.proposal));
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
    show_lists(t, l, out);
    Ok(())
}

/// "Thiếu kinh phí (từ 12/06/2025, lan)"; a difficulty without text says so.
fn problem_line(p: &crate::domain::task::Problem, l: crate::domain::Lang) -> String {
    let text = if p.text.is_empty() {
        S::RsNotStated.t(l).to_string()
    } else {
        sanitize(&p.text).into_owned()
    };
    let day = |ms| date_of(ms).format("%d/%m/%Y").to_string();
    match p.until {
        None => format!(
            "{text} ({} {}, {})",
            S::RsSince.t(l),
            day(p.since),
            sanitize(&p.author)
        ),
        Some(u) => format!("{}–{}: {text}", day(p.since), day(u)),
    }
}

/// The lists of a task: checklist, results with their days, the
/// difficulties that are over, notes (newest first).
fn show_lists(t: &Task, l: crate::domain::Lang, out: &mut dyn Write) {
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
    if t.results().next().is_some() {
        out!(out, "\n{}:", S::FResults.t(l));
        for n in t.results() {
            let day = date_of(n.at).format("%d/%m/%Y");
            out!(out, "  {day} {}", sanitize(&n.text));
        }
    }
    let past: Vec<_> = t.problems.iter().filter(|p| p.until.is_some()).collect();
    if !past.is_empty() {
        out!(out, "\n{}:", S::FPastProblems.t(l));
        for p in past.iter().rev() {
            out!(out, "  {}", problem_line(p, l));
        }
    }
    if !t.notes.is_empty() {
        out!(out, "\n{}:", S::FNotes.t(l));
        for n in t.notes.iter().rev() {
            let mark = if n.result {
                format!(" [{}]", S::HistResult.t(l))
            } else {
                String::new()
            };
            out!(
                out,
                "  {} {}{mark}: {}",
                rfc3339(n.at),
                sanitize(&n.author),
                sanitize(&n.text)
            );
        }
    }
}
