//! The record shapes of past schemas, frozen, each with its conversion to
//! the next schema's shape.
//!
//! bincode is not self-describing: a record is read with exactly the shape
//! it was written with. So every past shape that differs from today's is
//! kept here as its own type, never edited again. A schema-1 record becomes
//! a schema-2 value, then a current one (`V1 → V2 → today`), so each step
//! is written once. (A history entry's last step, into `codec`'s
//! `HistoryEntry`, is written in `codec`, which reads these shapes.)
//!
//! - Schema 1 → 2: `Task::evidence` (minh chứng) added.
//! - Schema 2 → 3: the report's fields: `Note::result`, `Task::problems`
//!   (khó khăn, vướng mắc, with dates) and `Task::proposal` (đề xuất, kiến
//!   nghị), `BoardMeta::signing`, and `Command::Block` appended.
//!
//! Types that kept their shape in every schema (`Due`, `CheckItem`,
//! `Status`, `ChecklistOp`, `Unit`, `User`) are used as they are; one that
//! changes shape must be frozen here first.

use serde::{Deserialize, Serialize};

use crate::domain::area::AreaId;
use crate::domain::board::BoardMeta;
use crate::domain::command::{ChecklistOp, Command};
use crate::domain::task::{CheckItem, Due, Millis, Note, Problem, Status, Task, TaskId};
use crate::domain::unit::Unit;
use crate::domain::unit::UnitCode;
use crate::domain::user::User;

/// A note as schemas 1 and 2 stored it: no `result` flag.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NoteV2 {
    pub at: Millis,
    pub author: String,
    pub text: String,
}

impl From<NoteV2> for Note {
    fn from(n: NoteV2) -> Note {
        Note {
            at: n.at,
            author: n.author,
            text: n.text,
            result: false,
        }
    }
}

/// Plan details as schemas 1 and 2 stored them: no `signing`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BoardMetaV2 {
    pub number: String,
    pub date: String,
    pub commune: String,
    pub year: i32,
    pub title: String,
    pub target: String,
}

impl From<BoardMetaV2> for BoardMeta {
    fn from(m: BoardMetaV2) -> BoardMeta {
        BoardMeta {
            number: m.number,
            date: m.date,
            commune: m.commune,
            year: m.year,
            title: m.title,
            target: m.target,
            signing: Default::default(),
        }
    }
}

/// A task as schema 1 stored it: no `evidence`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TaskV1 {
    pub id: TaskId,
    pub title: String,
    pub description: String,
    pub area: u8,
    pub sub: Option<String>,
    pub lead: String,
    pub support: Vec<String>,
    pub status: Status,
    pub due: Due,
    pub progress: u8,
    pub output: String,
    pub notes: Vec<NoteV2>,
    pub checklist: Vec<CheckItem>,
    pub created_at: Millis,
    pub updated_at: Millis,
    pub completed_at: Option<Millis>,
}

impl From<TaskV1> for TaskV2 {
    fn from(t: TaskV1) -> TaskV2 {
        TaskV2 {
            id: t.id,
            title: t.title,
            description: t.description,
            area: t.area,
            sub: t.sub,
            lead: t.lead,
            support: t.support,
            status: t.status,
            due: t.due,
            progress: t.progress,
            output: t.output,
            evidence: None,
            notes: t.notes,
            checklist: t.checklist,
            created_at: t.created_at,
            updated_at: t.updated_at,
            completed_at: t.completed_at,
        }
    }
}

impl From<TaskV1> for Task {
    fn from(t: TaskV1) -> Task {
        TaskV2::from(t).into()
    }
}

/// A task as schema 2 stored it: no results, difficulties or proposal.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TaskV2 {
    pub id: TaskId,
    pub title: String,
    pub description: String,
    pub area: u8,
    pub sub: Option<String>,
    pub lead: String,
    pub support: Vec<String>,
    pub status: Status,
    pub due: Due,
    pub progress: u8,
    pub output: String,
    pub evidence: Option<String>,
    pub notes: Vec<NoteV2>,
    pub checklist: Vec<CheckItem>,
    pub created_at: Millis,
    pub updated_at: Millis,
    pub completed_at: Option<Millis>,
}

/// Before schema 3 the report took a blocked task's latest note as its
/// difficulty; a task in Vướng mắc keeps that meaning as its open
/// difficulty (dated by the note, or by the task's last change), so its
/// report reads the same after the upgrade. Used on schema-2 records and
/// on tasks of backups written before schema 3.
pub fn blocked_note_as_problem(t: &mut Task) {
    if t.status != Status::Blocked || t.problem().is_some() {
        return;
    }
    let p = match t.notes.last() {
        Some(n) => Problem {
            text: n.text.clone(),
            author: n.author.clone(),
            since: n.at,
            until: None,
        },
        None => Problem {
            text: String::new(),
            author: String::new(),
            since: t.updated_at,
            until: None,
        },
    };
    t.problems.push(p);
}

impl From<TaskV2> for Task {
    fn from(t: TaskV2) -> Task {
        let mut task = Task {
            id: t.id,
            title: t.title,
            description: t.description,
            area: AreaId::from(t.area),
            sub: t.sub,
            lead: UnitCode::from(t.lead),
            support: t.support.into_iter().map(UnitCode::from).collect(),
            status: t.status,
            due: t.due,
            progress: t.progress,
            output: t.output,
            evidence: t.evidence,
            notes: t.notes.into_iter().map(Note::from).collect(),
            checklist: t.checklist,
            created_at: t.created_at,
            updated_at: t.updated_at,
            completed_at: t.completed_at,
            problems: Vec::new(),
            proposal: String::new(),
        };
        blocked_note_as_problem(&mut task);
        task
    }
}

/// `Command` as a past schema stored it, generic over that schema's task:
/// the same variants in the same order as schemas 1 and 2 had them (up to
/// `RemoveUser`). Never reorder; never add variants here.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum CommandOld<T> {
    AddTask(T),
    DeleteTask(TaskId),
    PutTask(T),
    Edit(T),
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
        note: NoteV2,
    },
    PutUnit(Unit),
    RemoveUnit(String),
    SetMeta(BoardMetaV2),
    SetScore {
        year: i32,
        area: u8,
        score: Option<u16>,
    },
    Checklist {
        id: TaskId,
        op: ChecklistOp,
    },
    Batch(Vec<CommandOld<T>>),
    PutUser(User),
    RemoveUser(String),
}

/// `Command` as schema 1 stored it.
pub type CommandV1 = CommandOld<TaskV1>;
/// `Command` as schema 2 stored it.
pub type CommandV2 = CommandOld<TaskV2>;

impl<T: Into<Task>> From<CommandOld<T>> for Command {
    fn from(c: CommandOld<T>) -> Command {
        use CommandOld as V;
        match c {
            V::AddTask(t) => Command::AddTask(t.into()),
            V::DeleteTask(id) => Command::DeleteTask(id),
            V::PutTask(t) => Command::PutTask(t.into()),
            V::Edit(t) => Command::Edit(t.into()),
            V::Move { id, status } => Command::Move { id, status },
            V::SetProgress { id, progress } => Command::SetProgress { id, progress },
            V::AddNote { id, note } => Command::AddNote {
                id,
                note: note.into(),
            },
            V::PutUnit(u) => Command::PutUnit(u),
            V::RemoveUnit(code) => Command::RemoveUnit(code.into()),
            V::SetMeta(m) => Command::SetMeta(m.into()),
            V::SetScore { year, area, score } => Command::SetScore {
                year,
                area: area.into(),
                score,
            },
            V::Checklist { id, op } => Command::Checklist { id, op },
            V::Batch(cmds) => Command::Batch(cmds.into_iter().map(Command::from).collect()),
            V::PutUser(u) => Command::PutUser(u),
            V::RemoveUser(name) => Command::RemoveUser(name),
        }
    }
}

/// A history entry as a past schema stored it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HistoryEntryOld<T> {
    pub seq: u64,
    pub at: Millis,
    pub author: String,
    pub cmd: CommandOld<T>,
    pub inverse: CommandOld<T>,
    pub reverses: Option<u64>,
}

pub type HistoryEntryV1 = HistoryEntryOld<TaskV1>;
pub type HistoryEntryV2 = HistoryEntryOld<TaskV2>;
