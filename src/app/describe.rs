//! How a change and a status are named in the status bar and the audit.

use crate::domain::Lang;
use crate::domain::board::Board;
use crate::domain::command::Command;
use crate::domain::task::{Status, TaskId};
use crate::i18n::S;

use super::layout::status_of;

/// A short description of a command for the status bar.
pub fn describe(cmd: &Command, board: &Board, lang: Lang) -> String {
    let title = |id: TaskId| {
        board
            .task(id)
            .map(|t| crate::domain::text::truncate(&crate::domain::text::sanitize(&t.title), 40))
            .unwrap_or_default()
    };
    match cmd {
        Command::Move { id, status } => {
            format!("#{id} {} → {}", title(*id), status_label(*status).t(lang))
        }
        Command::Block { id, .. } => {
            format!("#{id} {} → {}", title(*id), S::StBlocked.t(lang))
        }
        Command::AddTask(t) => format!("+ {}", crate::domain::text::truncate(&t.title, 40)),
        Command::DeleteTask(id) => format!("− #{id}"),
        Command::PutTask(t) | Command::Edit(t) => format!("#{} {}", t.id, title(t.id)),
        Command::SetProgress { id, progress } => format!("#{id} {progress}%"),
        Command::AddNote { id, .. } => format!("#{id} {}", S::FNotes.t(lang)),
        Command::Batch(c) => format!("{} × {}", c.len(), cmd.kind()),
        Command::SetScore { year, area, score } => {
            super::views::describe_score(*year, *area, *score, lang)
        }
        other => other.kind().to_string(),
    }
}

/// The column name of a status.
pub fn status_label(s: Status) -> S {
    match s {
        Status::Todo => S::StTodo,
        Status::Doing => S::StDoing,
        Status::Blocked => S::StBlocked,
        Status::Done => S::StDone,
    }
}

/// The status of a column index (re-exported for the drawing code).
pub fn column_status(i: usize) -> Status {
    status_of(i)
}
