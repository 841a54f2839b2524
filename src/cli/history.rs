//! `papi-board history`: the audit trail — every stored change with who
//! made it and when — filtered by task, user and date; text or JSON.

use std::io::Write;

use chrono::NaiveDate;
use serde_json::json;

use crate::app::audit;
use crate::domain::task::rfc3339;
use crate::i18n::S;
use crate::store::Store;
use crate::store::codec::HistoryEntry;

use super::{Env, Fail};

/// Which entries to list.
#[derive(Debug, Default)]
pub struct HistoryFilter {
    pub task: Option<u64>,
    pub user: Option<String>,
    pub since: Option<String>,
}

/// The entries that pass the filter (a store read; printing them needs no
/// store).
pub fn entries(env: &Env, store: &Store, f: &HistoryFilter) -> Result<Vec<HistoryEntry>, Fail> {
    let since = match &f.since {
        None => None,
        Some(s) => Some(
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map_err(|_| Fail(format!("{}: {s}", S::BadDate.t(env.lang))))?,
        ),
    };
    let entries: Vec<_> = store
        .history()
        .map_err(|e| Fail(e.message(env.lang)))?
        .into_iter()
        .filter(|e| f.task.is_none_or(|id| touches(e, id)))
        .filter(|e| f.user.as_deref().is_none_or(|u| e.author == u))
        .filter(|e| since.is_none_or(|d| audit::day(e.at) >= d))
        .collect();
    Ok(entries)
}

/// Whether a change is about a task: a new task's change names it only in
/// its inverse (the command carries id 0).
fn touches(e: &HistoryEntry, id: u64) -> bool {
    e.cmd.touches_task(id) || e.inverse.touches_task(id)
}

/// Print entries as text lines or as JSON.
pub fn print(env: &Env, entries: &[HistoryEntry], json: bool, out: &mut dyn Write) {
    if json {
        let v: Vec<_> = entries
            .iter()
            .map(|e| {
                json!({
                    "seq": e.seq,
                    "at": rfc3339(e.at),
                    "author": e.author,
                    "kind": e.cmd.kind(),
                    "task": audit::entry_task(e),
                    "summary": audit::summary_of(e, env.lang),
                    "reverses": e.reverses,
                })
            })
            .collect();
        super::output::print_json(out, &serde_json::Value::Array(v));
        return;
    }
    if entries.is_empty() {
        writeln!(out, "{}", S::HistNone.t(env.lang)).ok();
    }
    for e in entries {
        writeln!(out, "{:>5}  {}", e.seq, audit::line(e, env.lang, true)).ok();
    }
}
