//! What a `list --json` or `status --json` printed by an older build reads
//! as in this one: the keys later schemas added, with the values a
//! migration gives them (see `store::shapes`).

use serde_json::Value;

/// A `list --json` printed by an older build, as this build prints the
/// same tasks: `evidence` (schema 2) null when absent; no results and no
/// proposal; each note not a result; and a task in Vướng mắc has its
/// latest note as its open difficulty (what the older report showed as
/// its difficulty), dated by that note.
pub fn upgraded_list(mut list: Value) -> Value {
    for t in list.as_array_mut().unwrap() {
        let t = t.as_object_mut().unwrap();
        t.entry("evidence").or_insert(Value::Null);
        for n in t["notes"].as_array_mut().unwrap() {
            n.as_object_mut()
                .unwrap()
                .insert("result".into(), false.into());
        }
        let problem = match (&t["status"], t["notes"].as_array().unwrap().last()) {
            (s, Some(n)) if s == "blocked" => Some(serde_json::json!({
                "text": n["text"], "author": n["author"], "since": n["at"],
            })),
            (s, None) if s == "blocked" => Some(serde_json::json!({
                "text": "", "author": "", "since": t["updated_at"],
            })),
            _ => None,
        };
        let problems: Vec<Value> = problem
            .iter()
            .map(|p| {
                let mut p = p.clone();
                p["until"] = Value::Null;
                p
            })
            .collect();
        t.insert("problem".into(), problem.unwrap_or(Value::Null));
        t.insert("problems".into(), problems.into());
        t.insert("result".into(), Value::Array(vec![]));
        t.insert("proposal".into(), Value::Null);
    }
    list
}

/// A `status --json` printed by an older build, with the blocked counts
/// this build adds, counted from the same board's `list --json`.
pub fn upgraded_status(mut status: Value, list: &Value) -> Value {
    let blocked = |key: &str, value: &Value| {
        list.as_array()
            .unwrap()
            .iter()
            .filter(|t| t["status"] == "blocked" && (key.is_empty() || &t[key] == value))
            .count()
    };
    status["blocked"] = blocked("", &Value::Null).into();
    for (part, key, task_key) in [
        ("by_area", "area", "area"),
        ("by_unit", "unit", "lead_unit"),
    ] {
        for row in status[part].as_array_mut().unwrap() {
            row["blocked"] = blocked(task_key, &row[key]).into();
        }
    }
    status
}

/// A `history --json` with what this build words afresh left out: each
/// entry's summary (written for the reader, its wording improves between
/// builds) and the task of a creation or a batch (an older build printed 0
/// there; this one names the new task). What the migration must keep —
/// sequence, time, author, kind, what it reverses, the task a change is
/// on — stays. Every entry must still have a summary.
pub fn stable_history(mut history: Value) -> Value {
    for e in history.as_array_mut().unwrap() {
        let e = e.as_object_mut().unwrap();
        let summary = e.remove("summary").unwrap();
        assert!(summary.as_str().is_some_and(|s| !s.is_empty()), "{e:?}");
        if e["kind"] == "add" || e["kind"] == "batch" {
            e.remove("task");
        }
    }
    history
}
