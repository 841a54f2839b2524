//! The audit trail in words: one line per stored change, "27/11/2026 08:15
//! lan: chuyển sang Đang thực hiện". Used by the details panel ("Lịch sử")
//! and by `papi-board history`; both read entries the store kept.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::Lang;
use crate::domain::command::Command;
use crate::domain::task::{TaskId, board_offset};
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

/// What a command did, in a few words.
pub fn summary(cmd: &Command, lang: Lang) -> String {
    let t = |s: S| s.t(lang);
    match cmd {
        Command::Move { status, .. } => {
            format!("{} {}", t(S::HistMoved), status_label(*status).t(lang))
        }
        Command::SetProgress { progress, .. } => format!("{} {progress}%", t(S::HistProgress)),
        Command::AddNote { note, .. } => {
            format!(
                "{}: {}",
                t(S::HistNote),
                truncate(&sanitize(&note.text), 60)
            )
        }
        Command::AddTask(_) => t(S::HistCreated).to_string(),
        Command::DeleteTask(_) => t(S::HistDeleted).to_string(),
        Command::PutTask(_) => t(S::HistEdited).to_string(),
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
        Command::Batch(cmds) => format!("{} {}", cmds.len(), t(S::HistChanges)),
        other if other.kind() == "checklist" => t(S::HistChecklist).to_string(),
        other => other.kind().to_string(),
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
    let task = match task_of(&e.cmd) {
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
        summary(&e.cmd, lang)
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
