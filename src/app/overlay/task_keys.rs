//! The editing keys on one task — the selected card on the board, or the
//! task of the details panel: what each does or opens (the form, a note,
//! the delete question, the checklist, the external editor), or the
//! change it makes at once (progress, done, the next column).

use super::blocked::Blocked;
use super::checklist::Checklist;
use super::delete::Delete;
use super::form::Form;
use super::note::Note;
use crate::app::keys::Action;
use crate::app::{App, Effect, Overlay, Repo, Selection};
use crate::domain::command::Command;
use crate::domain::task::{Status, TaskId};

/// What an editing key on a task starts.
#[derive(Debug)]
pub enum Started {
    /// Nothing more: it is done (or there was nothing to do).
    Done,
    /// An overlay opens (the form, a note, a question, the checklist).
    Open(Overlay),
    /// The driver does something (the external editor).
    Effect(Effect),
}

impl App {
    /// What an editing key does to task `id`.
    pub(crate) fn task_action(
        &mut self,
        action: Action,
        id: TaskId,
        repo: &mut dyn Repo,
    ) -> Started {
        let Some(t) = repo.board().task(id) else {
            return Started::Done;
        };
        let open = |o| Started::Open(o);
        match action {
            Action::EditForm => {
                let year = repo.board().meta.year;
                let form = Form::new(t, (year > 0).then_some(year)).in_lang(self.lang);
                open(Overlay::Form(Box::new(form)))
            }
            Action::EditExternal => Started::Effect(Effect::EditExternal {
                id,
                text: t.description.clone(),
            }),
            Action::AddNote => open(Overlay::Note(Note::new(id))),
            Action::Delete => open(Overlay::Delete(Delete { id })),
            Action::Checklist => open(Overlay::Checklist(Checklist::new(id))),
            Action::ProgressUp | Action::ProgressDown => {
                let up = action == Action::ProgressUp;
                let progress = match up {
                    true => (t.progress / 10 * 10).saturating_add(10).min(100),
                    false => t.progress.div_ceil(10).saturating_sub(1) * 10,
                };
                self.apply(Command::SetProgress { id, progress }, repo);
                Started::Done
            }
            Action::ToggleDone => {
                let to = match t.status {
                    Status::Done => Status::Doing,
                    _ => Status::Done,
                };
                self.move_to(id, to, repo);
                Started::Done
            }
            Action::MoveCardLeft | Action::MoveCardRight => {
                let to = match action {
                    Action::MoveCardRight => t.status.next(),
                    _ => t.status.prev(),
                };
                match to {
                    // Vướng mắc asks what blocks it first.
                    Some(Status::Blocked) => {
                        let reason = String::new();
                        match self.may(&Command::Block { id, reason }, repo) {
                            true => open(Overlay::Blocked(Blocked::new(id))),
                            false => Started::Done,
                        }
                    }
                    Some(to) => {
                        self.move_to(id, to, repo);
                        Started::Done
                    }
                    None => Started::Done,
                }
            }
            _ => Started::Done,
        }
    }

    /// Move a task to another column, and the selection with it.
    fn move_to(&mut self, id: TaskId, status: Status, repo: &mut dyn Repo) {
        if self.apply(Command::Move { id, status }, repo) {
            self.follow(id, repo);
        }
    }

    /// Select task `id` where it now is (after a move).
    pub(crate) fn follow(&mut self, id: TaskId, repo: &mut dyn Repo) {
        self.refresh(repo);
        if let Some((lane, col, row)) = self.layout.find(id) {
            self.sel = Selection { lane, col, row };
        }
        self.ensure_visible();
    }
}
