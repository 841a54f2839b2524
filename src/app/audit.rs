//! The audit trail in words: one line per stored change, "27/11/2026 08:15
//! lan: chuyển sang Đang thực hiện". Used by the details panel ("Lịch sử")
//! and by `papi-board history`; both read entries the store kept.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::Lang;
use crate::domain::command::Command;
use crate::domain::task::{Task, TaskId, board_offset};
use crate::domain::text::{sanitize, truncate};
use crate::i18n::S;
use crate::store::codec::HistoryEntry;

use super::status_label;

/// The task an entry is about, when it is about exactly one.
pub fn task_of(cmd: &Command) -> Option<TaskId> {
    match cmd {
        Command::Batch(cmds) => {
            let first = task_of(cmds.first()?)?;
            cmds.iter()
                .all(|c| task_of(c) == Some(first))
                .then_some(first)
        }
        c => c.task_id(),
    }
}

/// The task an entry is about: as [`task_of`], and for a new task the id
/// it was given (the command carries id 0; its inverse deletes the new id).
pub fn entry_task(e: &HistoryEntry) -> Option<TaskId> {
    match (&e.cmd, &e.inverse) {
        (Command::AddTask(_), Command::DeleteTask(id)) => Some(*id),
        (Command::Batch(_), Command::Batch(inv)) if task_of(&e.cmd) == Some(0) => {
            let id = task_of(&Command::Batch(inv.clone()))?;
            (id != 0).then_some(id)
        }
        (cmd, _) => task_of(cmd),
    }
}

/// What a stored change did, in the interface language: for an edit each
/// changed field with its old and new value ("Thời hạn: Thường xuyên →
/// 30/09/2025"), read from the change and its inverse.
pub fn summary_of(e: &HistoryEntry, lang: Lang) -> String {
    let t = |s: S| s.t(lang);
    match (&e.cmd, &e.inverse) {
        (Command::Move { status, .. }, Command::PutTask(old)) => format!(
            "{}: {} → {}",
            t(S::FStatus),
            status_label(old.status).t(lang),
            status_label(*status).t(lang)
        ),
        (Command::SetProgress { progress, .. }, Command::PutTask(old)) => {
            format!("{}: {}% → {progress}%", t(S::FProgress), old.progress)
        }
        (Command::AddTask(new), _) => {
            format!("{}: {}", t(S::HistCreated), quoted(&new.title, 60))
        }
        (Command::DeleteTask(_), Command::AddTask(old)) => {
            format!("{}: {}", t(S::HistDeleted), quoted(&old.title, 60))
        }
        (
            Command::Edit(new) | Command::PutTask(new),
            Command::PutTask(old) | Command::Edit(old),
        ) => {
            let changes = field_changes(old, new, lang);
            match changes.is_empty() {
                true => t(S::MsgNoChange).to_string(),
                false => changes.join("; "),
            }
        }
        (Command::Batch(cmds), Command::Batch(inv)) if cmds.len() == 1 && inv.len() == 1 => {
            let one = HistoryEntry {
                cmd: cmds[0].clone(),
                inverse: inv[0].clone(),
                ..e.clone()
            };
            summary_of(&one, lang)
        }
        (cmd, _) => summary(cmd, lang),
    }
}

/// `"Họp dân thôn 3"`, cut to `max` cells.
fn quoted(s: &str, max: usize) -> String {
    format!("“{}”", truncate(&sanitize(s), max))
}

/// "Tiến độ: 0% → 40%", one per field that differs between two versions
/// of a task (notes and checklist have changes of their own).
pub fn field_changes(old: &Task, new: &Task, lang: Lang) -> Vec<String> {
    let t = |s: S| s.t(lang);
    let units = |v: &[crate::domain::unit::UnitCode]| match v.is_empty() {
        true => "—".to_string(),
        false => v
            .iter()
            .map(|u| sanitize(u).into_owned())
            .collect::<Vec<_>>()
            .join(", "),
    };
    let due = |x: &Task| x.due.label_in(lang).unwrap_or_else(|| "—".into());
    let opt = |x: &Option<String>| x.as_deref().map_or("—".to_string(), |v| quoted(v, 30));
    let text = |x: &str| {
        if x.is_empty() {
            "—".to_string()
        } else {
            quoted(x, 30)
        }
    };
    let area = |x: &Task| crate::app::views::area_label(x.area, false, lang);
    let pairs: [(S, String, String); 11] = [
        (S::FTitle, quoted(&old.title, 30), quoted(&new.title, 30)),
        (
            S::FDescription,
            text(&old.description),
            text(&new.description),
        ),
        (S::FArea, area(old), area(new)),
        (S::FSub, opt(&old.sub), opt(&new.sub)),
        (
            S::FLead,
            sanitize(&old.lead).into(),
            sanitize(&new.lead).into(),
        ),
        (S::FSupport, units(&old.support), units(&new.support)),
        (
            S::FStatus,
            status_label(old.status).t(lang).into(),
            status_label(new.status).t(lang).into(),
        ),
        (S::FDue, due(old), due(new)),
        (
            S::FProgress,
            format!("{}%", old.progress),
            format!("{}%", new.progress),
        ),
        (S::FOutput, text(&old.output), text(&new.output)),
        (S::FEvidence, opt(&old.evidence), opt(&new.evidence)),
    ];
    let mut out: Vec<String> = pairs
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(f, a, b)| format!("{}: {a} → {b}", t(f)))
        .collect();
    // A change the words above do not show (a title's tail, spacing).
    if out.is_empty() && (old.title != new.title || old.description != new.description) {
        let f = if old.title != new.title {
            S::FTitle
        } else {
            S::FDescription
        };
        out.push(format!("{} ({})", t(f), t(S::HistEdited)));
    }
    out
}

/// What a command did, in a few words (without its inverse: see
/// [`summary_of`] for a stored change).
pub fn summary(cmd: &Command, lang: Lang) -> String {
    let t = |s: S| s.t(lang);
    match cmd {
        Command::Move { status, .. } => {
            format!("{} {}", t(S::HistMoved), status_label(*status).t(lang))
        }
        Command::SetProgress { progress, .. } => format!("{} {progress}%", t(S::HistProgress)),
        Command::AddNote { note, .. } => {
            let what = if note.result {
                S::HistResult
            } else {
                S::HistNote
            };
            format!("{}: {}", t(what), truncate(&sanitize(&note.text), 60))
        }
        Command::Block { reason, .. } if reason.is_empty() => {
            format!("{} {}", t(S::HistMoved), t(S::StBlocked))
        }
        Command::Block { reason, .. } => format!(
            "{} {}: {}",
            t(S::HistMoved),
            t(S::StBlocked),
            truncate(&sanitize(reason), 60)
        ),
        Command::AddTask(_) => t(S::HistCreated).to_string(),
        Command::DeleteTask(_) => t(S::HistDeleted).to_string(),
        Command::PutTask(_) | Command::Edit(_) => t(S::HistEdited).to_string(),
        Command::PutUnit(u) => format!("{} {}", t(S::HistUnit), u.code),
        Command::RemoveUnit(code) => format!("{} {code}", t(S::HistRemoveUnit)),
        Command::SetMeta(_) => t(S::HistMeta).to_string(),
        Command::SetScore { year, area, score } => {
            let value = score.map_or("—".to_string(), |s| {
                crate::domain::score::format_score(s, lang)
            });
            format!("{} {year} · {area}: {value}", t(S::HistScore))
        }
        Command::PutUser(u) => format!("{} {} ({})", t(S::HistUser), u.name, u.role.code()),
        Command::RemoveUser(name) => format!("{} {name}", t(S::HistRemoveUser)),
        Command::Batch(cmds) if cmds.len() == 1 => summary(&cmds[0], lang),
        Command::Batch(cmds) => batch_summary(cmds, lang),
        Command::Checklist { .. } => t(S::HistChecklist).to_string(),
    }
}

/// "tạo 50 nhiệm vụ", "lưu 12 đơn vị": a batch of one kind of change (an
/// import, a new plan's units) by what it holds; else how many changes.
fn batch_summary(cmds: &[Command], lang: Lang) -> String {
    let n = cmds.len();
    let all = |f: fn(&Command) -> bool| cmds.iter().all(f);
    if all(|c| matches!(c, Command::AddTask(_))) {
        S::HistCreatedN.t(lang).replace("{}", &n.to_string())
    } else if all(|c| matches!(c, Command::PutUnit(_))) {
        S::HistUnitsN.t(lang).replace("{}", &n.to_string())
    } else {
        format!("{n} {}", S::HistChanges.t(lang))
    }
}

/// Date and time of a change, in Viet Nam: "27/11/2026 08:15".
pub fn when(at: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(at)
        .unwrap_or_default()
        .with_timezone(&board_offset())
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

/// The calendar day (in Viet Nam) of a change.
pub fn day(at: i64) -> NaiveDate {
    crate::domain::task::date_of(at)
}

/// One line: "27/11/2026 08:15 lan: chuyển sang Đang thực hiện", with the
/// task number when `with_task` (the history of the whole board).
pub fn line(e: &HistoryEntry, lang: Lang, with_task: bool) -> String {
    let task = match entry_task(e) {
        Some(id) if with_task => format!("#{id} "),
        _ => String::new(),
    };
    let reverses = match e.reverses {
        Some(seq) => format!(" ({} #{seq})", S::HistReverses.t(lang)),
        None => String::new(),
    };
    format!(
        "{} {}: {task}{}{reverses}",
        when(e.at),
        sanitize(&e.author),
        summary_of(e, lang)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::task::{Note, Status};

    fn entry(cmd: Command, reverses: Option<u64>) -> HistoryEntry {
        HistoryEntry {
            seq: 7,
            // 2026-11-27 01:15 UTC = 08:15 in Viet Nam.
            at: 1_795_742_100_000,
            author: "lan".into(),
            inverse: cmd.clone(),
            cmd,
            reverses,
        }
    }

    #[test]
    fn lines_read_like_the_issue_says() {
        let mv = Command::Move {
            id: 12,
            status: Status::Doing,
        };
        assert_eq!(
            line(&entry(mv.clone(), None), Lang::Vi, false),
            "27/11/2026 08:15 lan: chuyển sang Đang thực hiện"
        );
        assert_eq!(
            line(&entry(mv, Some(3)), Lang::En, true),
            "27/11/2026 08:15 lan: #12 moved to In progress (reverses #3)"
        );
        let note = Command::AddNote {
            id: 4,
            note: Note {
                at: 0,
                author: "lan".into(),
                text: "Đã họp\x1b[31m thôn".into(),
                result: false,
            },
        };
        let l = line(&entry(note, None), Lang::Vi, true);
        assert!(l.ends_with("#4 ghi chú: Đã họp␛[31m thôn"), "{l}");
    }

    #[test]
    fn batches_belong_to_a_task_only_when_all_parts_do() {
        let mv = |id| Command::Move {
            id,
            status: Status::Done,
        };
        assert_eq!(task_of(&Command::Batch(vec![mv(1), mv(1)])), Some(1));
        assert_eq!(task_of(&Command::Batch(vec![mv(1), mv(2)])), None);
        assert!(Command::Batch(vec![mv(1), mv(2)]).touches_task(2));
        assert!(!mv(1).touches_task(2));
    }
}
