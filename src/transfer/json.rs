//! The JSON contract that scripts and reports build on (`list --json`,
//! `show --json`, `status --json`). Field names are part of the contract:
//! keys are added, never renamed or removed. A task's report fields:
//! `result` (its results, oldest first), `problem` (the open difficulty,
//! or null), `problems` (every difficulty, with `since` and `until`),
//! `proposal` (or null); each note says whether it is a `result`.

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::domain::area::area_name;
use crate::domain::board::Board;
use crate::domain::report::{Counts, SoonWindow, Summary, classify};
use crate::domain::task::{Note, Problem, Task, rfc3339};

/// One task as a JSON object.
pub fn task_json(t: &Task, today: NaiveDate) -> Value {
    json!({
        "id": t.id,
        "title": t.title,
        "description": t.description,
        "area": t.area,
        "sub": t.sub,
        "lead_unit": t.lead,
        "support_units": t.support,
        "status": t.status.code(),
        "due": t.due.date.filter(|_| !t.due.is_ongoing()).map(|d| d.format("%Y-%m-%d").to_string()),
        "due_text": t.due.text,
        "ongoing": t.due.is_ongoing(),
        "progress": t.progress,
        "output": t.output,
        "evidence": t.evidence,
        "class": classify(t, today).code(),
        "notes": t.notes.iter().map(note_json).collect::<Vec<_>>(),
        "checklist": t.checklist.iter().map(|c| json!({"text": c.text, "done": c.done})).collect::<Vec<_>>(),
        "created_at": rfc3339(t.created_at),
        "updated_at": rfc3339(t.updated_at),
        "completed_at": t.completed_at.map(rfc3339),
        "result": t.results().map(|n| json!({"at": rfc3339(n.at), "author": n.author, "text": n.text})).collect::<Vec<_>>(),
        "problem": t.problem().map(|p| json!({"text": p.text, "author": p.author, "since": rfc3339(p.since)})),
        "problems": t.problems.iter().map(problem_json).collect::<Vec<_>>(),
        "proposal": (!t.proposal.is_empty()).then_some(&t.proposal),
    })
}

fn note_json(n: &Note) -> Value {
    json!({"at": rfc3339(n.at), "author": n.author, "text": n.text, "result": n.result})
}

fn problem_json(p: &Problem) -> Value {
    json!({
        "text": p.text,
        "author": p.author,
        "since": rfc3339(p.since),
        "until": p.until.map(rfc3339),
    })
}

fn counts_json(c: &Counts) -> serde_json::Map<String, Value> {
    let mut m = serde_json::Map::new();
    m.insert("total".into(), json!(c.total));
    m.insert("done_on_time".into(), json!(c.done_on_time));
    m.insert("done_late".into(), json!(c.done_late));
    m.insert("open_on_time".into(), json!(c.open_on_time));
    m.insert("open_overdue".into(), json!(c.open_overdue));
    m.insert("blocked".into(), json!(c.blocked));
    m.insert("progress".into(), json!(c.progress()));
    m
}

/// The status summary as JSON.
pub fn status_json(board: &Board, s: &Summary, window: SoonWindow, vi: bool) -> Value {
    let by_area: Vec<Value> = crate::domain::report::area_rows(s)
        .map(|(id, c)| {
            let mut m = counts_json(c);
            m.insert("area".into(), json!(id));
            m.insert("name".into(), json!(area_name(id, vi)));
            Value::Object(m)
        })
        .collect();
    let by_unit: Vec<Value> = s
        .by_unit
        .iter()
        .map(|(code, c)| {
            let mut m = counts_json(c);
            m.insert("unit".into(), json!(code));
            m.insert(
                "name".into(),
                json!(board.unit(code).map_or(code.as_str(), |u| u.name.as_str())),
            );
            Value::Object(m)
        })
        .collect();
    let tasks = |ids: &[u64]| -> Vec<Value> {
        ids.iter()
            .filter_map(|id| board.task(*id))
            .map(|t| task_json(t, s.today))
            .collect()
    };
    json!({
        "today": s.today.format("%Y-%m-%d").to_string(),
        "plan": {
            "number": board.meta.number,
            "date": board.meta.date,
            "commune": board.meta.commune,
            "year": board.meta.year,
        },
        "total": s.all.total,
        "by_class": {
            "done_on_time": s.all.done_on_time,
            "done_late": s.all.done_late,
            "open_on_time": s.all.open_on_time,
            "open_overdue": s.all.open_overdue,
        },
        "blocked": s.all.blocked,
        "by_area": by_area,
        "by_unit": by_unit,
        "overdue": tasks(&s.overdue),
        "due_soon": tasks(&s.due_soon(window)),
    })
}
