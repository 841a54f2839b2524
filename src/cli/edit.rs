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

use super::{Env, Fail, open_store};

#[derive(Subcommand, Debug)]
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
    Move { id: TaskId, status: String },
    /// Add a progress note to a task
    Note { id: TaskId, text: String },
    /// Change fields of a task
    Edit {
        id: TaskId,
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
    },
    /// Delete a task (undo brings it back)
    Delete { id: TaskId },
    /// Undo your last change
    Undo,
    /// Redo your last undone change
    Redo,
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

pub fn run(env: &Env, cmd: EditCmd) -> Result<(), Fail> {
    let mut store = open_store(env)?;
    let year = store.board().meta.year;
    let year = (year > 0).then_some(year);
    match cmd {
        EditCmd::Add { text, json, status } => {
            let q = parse_quick_add(&text, &store.board().units, year);
            if let Some(p) = q.problems.first() {
                return Err(Fail(p.message(env.lang)));
            }
            if q.title.is_empty() {
                return Err(Fail(S::ErrTitleEmpty.t(env.lang).to_string()));
            }
            let lead = match q.lead {
                Some(l) => l,
                None => crate::transfer::rules::assign(
                    &crate::transfer::rules::default_rules(),
                    &q.title,
                )
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
            apply(env, &mut store, Command::AddTask(t))?;
            if json {
                let t = task_of(env, &store, id)?;
                super::output::print_json(&mut std::io::stdout().lock(), &task_json(&t, env.today));
            } else {
                println!("{id}");
            }
        }
        EditCmd::Move { id, status } => {
            let status = status_of(env, &status)?;
            task_of(env, &store, id)?;
            apply(env, &mut store, Command::Move { id, status })?;
        }
        EditCmd::Note { id, text } => {
            task_of(env, &store, id)?;
            let text = one_line(&text);
            if text.is_empty() {
                return Err(Fail(S::ErrNoteEmpty.t(env.lang).to_string()));
            }
            let ctx: Ctx = env.ctx();
            let note = Note {
                at: ctx.now,
                author: ctx.author.clone(),
                text,
            };
            apply(env, &mut store, Command::AddNote { id, note })?;
        }
        EditCmd::Edit {
            id,
            title,
            description,
            due,
            lead,
            support,
            area,
            progress,
            output,
            evidence,
            status,
        } => {
            let mut t = task_of(env, &store, id)?;
            if let Some(x) = title {
                t.title = one_line(&x);
            }
            if let Some(x) = description {
                t.description = crate::domain::text::nfc(&x);
            }
            if let Some(x) = due {
                let x = one_line(&x);
                t.due = if x.is_empty() {
                    Due::none()
                } else {
                    let p = parse_due(&x, year).map_err(|e| {
                        Fail(if env.lang.is_vi() {
                            e.message_vi()
                        } else {
                            e.to_string()
                        })
                    })?;
                    Due::from_parsed(p, Some(x))
                };
            }
            if let Some(x) = lead {
                t.lead = unit_of(env, &store, &x)?;
            }
            if let Some(x) = support {
                t.support = x
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| unit_of(env, &store, s))
                    .collect::<Result<_, _>>()?;
                t.support.retain(|s| *s != t.lead);
            }
            if let Some(x) = area {
                t.area = AreaId::from(x);
            }
            if let Some(x) = progress {
                t.progress = x;
            }
            if let Some(x) = output {
                t.output = one_line(&x);
            }
            if let Some(x) = evidence {
                let x = one_line(&x);
                t.evidence = (!x.is_empty()).then_some(x);
            }
            if let Some(x) = status {
                t.status = status_of(env, &x)?;
            }
            if t == task_of(env, &store, id)? {
                println!("{}", S::MsgNoChange.t(env.lang));
                return Ok(());
            }
            apply(env, &mut store, Command::Edit(t))?;
        }
        EditCmd::Delete { id } => {
            task_of(env, &store, id)?;
            apply(env, &mut store, Command::DeleteTask(id))?;
        }
        EditCmd::Undo => {
            let e = store
                .undo(&env.ctx())
                .map_err(|e| Fail(e.message(env.lang)))?;
            println!(
                "{}: {}",
                S::MsgUndone.t(env.lang),
                crate::app::describe(&e.cmd, store.board(), env.lang)
            );
        }
        EditCmd::Redo => {
            let e = store
                .redo(&env.ctx())
                .map_err(|e| Fail(e.message(env.lang)))?;
            println!(
                "{}: {}",
                S::MsgRedone.t(env.lang),
                crate::app::describe(&e.inverse, store.board(), env.lang)
            );
        }
    }
    Ok(())
}
