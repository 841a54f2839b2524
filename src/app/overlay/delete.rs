//! "Xóa nhiệm vụ #12 “…”? (y/n)" after `d`: `y` deletes (undoable), any
//! other key keeps the task.

use super::confirm::{Answer, answer};
use super::{Cx, Input, Layer, Next};
use crate::app::keys::Scope;
use crate::domain::command::Command;
use crate::domain::task::TaskId;
use crate::i18n::S;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delete {
    pub id: TaskId,
}

impl Layer for Delete {
    fn scope(&self) -> Scope {
        Scope::Confirm
    }

    fn key(&mut self, input: Input<'_>, cx: &mut Cx<'_>) -> Next {
        match answer(input) {
            Answer::Yes => {
                cx.app.apply(Command::DeleteTask(self.id), cx.repo);
            }
            Answer::No | Answer::Other => cx.app.info(cx.app.t(S::MsgNotDeleted)),
        }
        Next::Close
    }
}
