//! Changing the board from the shell — for scripts and for typing a list
//! after a meeting: `add`, `move`, `note`, `edit`, `delete`, `undo`, `redo`.
//! The same commands, validation and history as the board; a refusal exits
//! non-zero with the reason and changes nothing.

use clap::Subcommand;

use crate::domain::area::AreaId;
use crate::domain::board::Ctx;
use crate::domain::command::Command;
use crate::domain::deadline::{canonical_text, parse_due};
use crate::domain::quickadd::parse_quick_add;
use crate::domain::task::{Due, Note, Status, Task, TaskId};
use crate::domain::text::one_line;
use crate::domain::unit::{UnitCode, resolve};
use crate::i18n::S;
use crate::store::Store;
use crate::transfer::json::task_json;

use std::io::Write;

use super::{Env, Fail};

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug, serde::Serialize, serde::Deserialize)]
pub enum EditCmd {
    /// Add a task in the quick-add syntax: 'Title @lead +support #area !deadline'; prints the new id
    Add {
        text: String,
        /// Print the new task as JSON
        #[arg(long)]
        json: bool,
        /// Status of the new task (default todo)
        #[arg(long)]
        status: Option<String>,
    },
    /// Move a task to another column: todo, doing, blocked or done
    Move {
        id: TaskId,
        status: String,
        /// With blocked: what holds the task up (khó khăn, vướng mắc)
        #[arg(long)]
        reason: Option<String>,
    },
    /// Add a progress note to a task (--result: a result, reported for its period)
    Note {
        id: TaskId,
        text: String,
        /// Mark the note as a result (kết quả thực hiện)
        #[arg(long)]
        result: bool,
        /// The day it happened (dd/mm/yyyy or YYYY-MM-DD; default now)
        #[arg(long)]
        date: Option<String>,
    },
    /// Change fields of a task
    Edit {
        id: TaskId,
        #[command(flatten)]
        fields: EditFields,
    },
    /// Delete a task (undo brings it back)
    Delete { id: TaskId },
    /// Undo your last change
    Undo,
    /// Redo your last undone change
    Redo,
}

/// The fields `edit` changes; each left out stays as it is.
#[derive(clap::Args, Debug, serde::Serialize, serde::Deserialize)]
pub struct EditFields {
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    description: Option<String>,
    /// Deadline in any wording ("Quý II/2025", "30/6/2025", "Thường xuyên"); empty for none
    #[arg(long)]
    due: Option<String>,
    /// Lead unit code (or the start of its name)
    #[arg(long)]
    lead: Option<String>,
    /// Supporting units, comma-separated (empty for none)
    #[arg(long)]
    support: Option<String>,
    /// Area 0–8
    #[arg(long)]
    area: Option<u8>,
    /// Progress 0–100
    #[arg(long)]
    progress: Option<u8>,
    #[arg(long)]
    output: Option<String>,
    /// Evidence (minh chứng): a link or file reference; empty for none
    #[arg(long)]
    evidence: Option<String>,
    #[arg(long)]
    status: Option<String>,
    /// Add a result (kết quả thực hiện), dated now
    #[arg(long)]
    result: Option<String>,
    /// The difficulty (khó khăn, vướng mắc); empty closes it
    #[arg(long)]
    problem: Option<String>,
    /// The proposal (đề xuất, kiến nghị); empty for none
    #[arg(long)]
    proposal: Option<String>,
}

fn apply(env: &Env, store: &mut Store, cmd: Command) -> Result<(), Fail> {
    store
        .apply(cmd, &env.ctx())
        .map(|_| ())
        .map_err(|e| Fail(e.message(env.lang)))
}

fn status_of(env: &Env, s: &str) -> Result<Status, Fail> {
    Status::parse(s).ok_or_else(|| Fail(format!("{}: {s}", S::UnknownStatus.t(env.lang))))
}

fn task_of(env: &Env, store: &Store, id: TaskId) -> Result<Task, Fail> {
    store
        .board()
        .task(id)
        .cloned()
        .ok_or_else(|| Fail(format!("{} {id}", S::NoSuchTask.t(env.lang))))
}

fn unit_of(env: &Env, store: &Store, typed: &str) -> Result<UnitCode, Fail> {
    resolve(&store.board().units, typed)
        .map(|u| u.code.clone())
        .ok_or_else(|| Fail(format!("{}: {typed}", S::UnknownUnit.t(env.lang))))
}

/// A note of the text typed, by this user, dated now or on `date`.
fn note_of(env: &Env, text: &str, date: Option<&str>) -> Result<Note, Fail> {
    let text = one_line(text);
    if text.is_empty() {
        return Err(Fail(S::ErrNoteEmpty.t(env.lang).to_string()));
    }
    let ctx: Ctx = env.ctx();
    let at = match date {
        None => ctx.now,
        Some(d) => {
            let day = crate::domain::period::parse_day(d)
                .ok_or_else(|| Fail(format!("{}: {d}", S::RsBadDate.t(env.lang))))?;
            crate::domain::period::noon_of(day)
        }
    };
    Ok(Note::new(at, &ctx.author, &text))
}

/// The task with the fields given changed; refused (with the reason) when
/// a field does not read.
fn edited(env: &Env, store: &Store, mut t: Task, f: EditFields) -> Result<Task, Fail> {
    let year = store.board().meta.year;
    let year = (year > 0).then_some(year);
    if let Some(x) = f.title {
        t.title = one_line(&x);
    }
    if let Some(x) = f.description {
        t.description = crate::domain::text::nfc(&x);
    }
    if let Some(x) = f.due {
        let x = one_line(&x);
        t.due = if x.is_empty() {
            Due::none()
        } else {
            let p = parse_due(&x, year).map_err(|e| Fail(e.message(env.lang)))?;
            Due::from_parsed(p, Some(x))
        };
    }
    if let Some(x) = f.lead {
        t.lead = unit_of(env, store, &x)?;
    }
    if let Some(x) = f.support {
        t.support = x
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| unit_of(env, store, s))
            .collect::<Result<_, _>>()?;
        t.support.retain(|s| *s != t.lead);
    }
    if let Some(x) = f.area {
        t.area = AreaId::from(x);
    }
    if let Some(x) = f.progress {
        t.progress = x;
    }
    if let Some(x) = f.output {
        t.output = one_line(&x);
    }
    if let Some(x) = f.evidence {
        let x = one_line(&x);
        t.evidence = (!x.is_empty()).then_some(x);
    }
    if let Some(x) = f.status {
        t.status = status_of(env, &x)?;
    }
    report_fields(env, &mut t, f.result, f.problem, f.proposal)?;
    Ok(t)
}

/// A result added (dated now), the difficulty, the proposal.
fn report_fields(
    env: &Env,
    t: &mut Task,
    result: Option<String>,
    problem: Option<String>,
    proposal: Option<String>,
) -> Result<(), Fail> {
    if let Some(x) = result {
        let mut note = note_of(env, &x, None)?;
        note.result = true;
        t.notes.push(note);
    }
    if let Some(x) = problem {
        t.say_problem(&one_line(&x));
    }
    if let Some(x) = proposal {
        t.proposal = crate::domain::text::nfc(x.trim());
    }
    Ok(())
}

/// `add`: one task in the quick-add syntax; prints its id (or the task).
fn add(
    env: &Env,
    store: &mut Store,
    text: &str,
    json: bool,
    status: Option<String>,
    out: &mut dyn Write,
) -> Result<(), Fail> {
    let year = store.board().meta.year;
    let year = (year > 0).then_some(year);
    let q = parse_quick_add(text, &store.board().units, year);
    if let Some(p) = q.problems.first() {
        return Err(Fail(p.message(env.lang)));
    }
    if q.title.is_empty() {
        return Err(Fail(S::ErrTitleEmpty.t(env.lang).to_string()));
    }
    let lead = match q.lead {
        Some(l) => l,
        None => crate::transfer::rules::assign(&crate::transfer::rules::default_rules(), &q.title)
            .0
            .into(),
    };
    let mut t = Task::new(&q.title, q.area.unwrap_or(AreaId::GENERAL), &lead);
    t.support = q.support;
    if let Some((p, _)) = q.due {
        t.due = Due::from_parsed(p, Some(canonical_text(&p)));
    }
    if let Some(s) = status {
        t.status = status_of(env, &s)?;
    }
    let id = store.board().next_id.max(1);
    apply(env, store, Command::AddTask(t))?;
    if json {
        let t = task_of(env, store, id)?;
        super::output::print_json(out, &task_json(&t, env.today));
    } else {
        writeln!(out, "{id}").ok();
    }
    Ok(())
}

/// Run one change on `store`, saying what was done in `out`.
pub fn run(env: &Env, cmd: EditCmd, store: &mut Store, out: &mut dyn Write) -> Result<(), Fail> {
    match cmd {
        EditCmd::Add { text, json, status } => add(env, store, &text, json, status, out)?,
        EditCmd::Move { id, status, reason } => {
            let status = status_of(env, &status)?;
            task_of(env, store, id)?;
            let cmd = match (status, reason) {
                (Status::Blocked, reason) => Command::Block {
                    id,
                    reason: one_line(reason.as_deref().unwrap_or("")),
                },
                (_, Some(_)) => return Err(Fail(S::RsReasonOnlyBlocked.t(env.lang).into())),
                (status, None) => Command::Move { id, status },
            };
            apply(env, store, cmd)?;
        }
        EditCmd::Note {
            id,
            text,
            result,
            date,
        } => {
            task_of(env, store, id)?;
            let mut note = note_of(env, &text, date.as_deref())?;
            note.result = result;
            apply(env, store, Command::AddNote { id, note })?;
        }
        EditCmd::Edit { id, fields } => {
            let old = task_of(env, store, id)?;
            let t = edited(env, store, old.clone(), fields)?;
            if t == old {
                writeln!(out, "{}", S::MsgNoChange.t(env.lang)).ok();
                return Ok(());
            }
            apply(env, store, Command::Edit(t))?;
        }
        EditCmd::Delete { id } => {
            task_of(env, store, id)?;
            apply(env, store, Command::DeleteTask(id))?;
        }
        EditCmd::Undo => {
            let e = store
                .undo(&env.ctx())
                .map_err(|e| Fail(e.message(env.lang)))?;
            writeln!(
                out,
                "{}: {}",
                S::MsgUndone.t(env.lang),
                crate::app::describe(&e.cmd, store.board(), env.lang)
            )
            .ok();
        }
        EditCmd::Redo => {
            let e = store
                .redo(&env.ctx())
                .map_err(|e| Fail(e.message(env.lang)))?;
            writeln!(
                out,
                "{}: {}",
                S::MsgRedone.t(env.lang),
                crate::app::describe(&e.inverse, store.board(), env.lang)
            )
            .ok();
        }
    }
    Ok(())
}
