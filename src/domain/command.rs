//! Every change is a value. A `Command` is the only way data changes;
//! applying one (see `Board::apply`) returns its inverse, which gives undo,
//! redo, the audit trail and live updates through one mechanism.

use serde::{Deserialize, Serialize};

use super::area::AreaId;
use super::meta::BoardMeta;
use super::task::{Note, Status, Task, TaskId};
use super::unit::{Unit, UnitCode};
use super::user::User;

/// Stored in the history by bincode, which records a variant by its
/// position: append new variants at the end; never reorder or remove one
/// (`tests/reliability_schema.rs` decodes a committed entry holding every
/// variant). A changed payload shape needs a new schema: see `store::migrate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Command {
    /// Create a task; id 0 means "assign the next id".
    AddTask(Task),
    DeleteTask(TaskId),
    /// Restore a task exactly as given, timestamps included (the inverse of edits).
    PutTask(Task),
    /// Edit a task's fields (the form, `edit`, the external editor): stamps
    /// the change time and keeps `completed_at` true to the status.
    Edit(Task),
    /// Move to another column.
    Move {
        id: TaskId,
        status: Status,
    },
    SetProgress {
        id: TaskId,
        progress: u8,
    },
    AddNote {
        id: TaskId,
        note: Note,
    },
    PutUnit(Unit),
    RemoveUnit(UnitCode),
    SetMeta(BoardMeta),
    /// Record (or, with `None`, clear) the published PAPI score of a
    /// dimension (1–8) for a year, in hundredths of a point (523 = 5,23).
    SetScore {
        year: i32,
        area: AreaId,
        score: Option<u16>,
    },
    /// Change a task's checklist.
    Checklist {
        id: TaskId,
        op: ChecklistOp,
    },
    /// Several commands applied as one step (an import, a seeded board).
    Batch(Vec<Command>),
    /// Add a user who may connect over SSH, or replace one of that name.
    /// (Appended after the older variants so stored commands keep their
    /// bincode variant index.)
    PutUser(User),
    RemoveUser(String),
    /// Move to Vướng mắc, saying what blocks the task (the difficulty; may
    /// be empty). Appended in schema 3.
    Block {
        id: TaskId,
        reason: String,
    },
}

/// A change to a checklist. Stored by variant position, like `Command`:
/// append, never reorder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChecklistOp {
    Add(String),
    Toggle(usize),
    Remove(usize),
    /// Move the item at `from` to position `to`.
    Move {
        from: usize,
        to: usize,
    },
}

/// What a command touched, so the store knows which records to write.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Touched {
    Task(TaskId),
    Unit(UnitCode),
    Meta,
    Score(i32, AreaId),
    User(String),
}

impl Command {
    /// The task this command is about, if it is about one task.
    pub fn task_id(&self) -> Option<TaskId> {
        match self {
            Command::AddTask(t) | Command::PutTask(t) | Command::Edit(t) => Some(t.id),
            Command::DeleteTask(id)
            | Command::Move { id, .. }
            | Command::Block { id, .. }
            | Command::SetProgress { id, .. }
            | Command::AddNote { id, .. }
            | Command::Checklist { id, .. } => Some(*id),
            _ => None,
        }
    }

    /// Does this command change task `id`, alone or inside a batch?
    pub fn touches_task(&self, id: TaskId) -> bool {
        match self {
            Command::Batch(cmds) => cmds.iter().any(|c| c.touches_task(id)),
            c => c.task_id() == Some(id),
        }
    }

    /// A short English verb for logs and the audit trail.
    pub fn kind(&self) -> &'static str {
        match self {
            Command::AddTask(_) => "add",
            Command::DeleteTask(_) => "delete",
            Command::PutTask(_) => "restore",
            Command::Edit(_) => "edit",
            Command::Move { .. } => "move",
            Command::SetProgress { .. } => "progress",
            Command::AddNote { .. } => "note",
            Command::Checklist { .. } => "checklist",
            Command::PutUnit(_) => "unit",
            Command::RemoveUnit(_) => "remove-unit",
            Command::SetMeta(_) => "meta",
            Command::SetScore { .. } => "score",
            Command::Batch(_) => "batch",
            Command::PutUser(_) => "user",
            Command::RemoveUser(_) => "remove-user",
            Command::Block { .. } => "block",
        }
    }
}
