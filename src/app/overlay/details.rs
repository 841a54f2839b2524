//! The details panel (Enter on a card): the task in full and its history,
//! newest first, read again whenever the data moves (a change made in
//! another session shows at once). Its keys act on its task: edit, note,
//! checklist, progress, done, move (drawn by `ui/overlay/details.rs`).

use super::task_keys::Started;
use super::{Cx, Hint, Input, Layer, Next};
use crate::app::keys::{Action, Scope};
use crate::app::{Overlay, Repo};
use crate::domain::task::TaskId;
use crate::i18n::S;
use crate::store::codec::HistoryEntry;

#[derive(Debug, Clone, PartialEq)]
pub struct Details {
    pub id: TaskId,
    pub scroll: u16,
    /// The task's stored changes, newest first.
    pub history: Vec<HistoryEntry>,
    /// The revision `history` was read at.
    read_at: Option<u64>,
}

impl Details {
    pub fn new(id: TaskId) -> Details {
        Details {
            id,
            scroll: 0,
            history: Vec::new(),
            read_at: None,
        }
    }

    /// Read the history again if the data moved since.
    pub fn refresh(&mut self, repo: &dyn Repo) {
        if self.read_at != Some(repo.revision()) {
            self.history = repo.task_history(self.id);
            self.read_at = Some(repo.revision());
        }
    }
}

impl Layer for Details {
    fn scope(&self) -> Scope {
        Scope::DetailsPanel
    }

    fn key(&mut self, input: Input<'_>, cx: &mut Cx<'_>) -> Next {
        cx.app.message = None;
        match input.action {
            None => Next::Stay,
            Some(Action::Close) => Next::Close,
            Some(Action::ScrollDown) => {
                self.scroll += 1;
                Next::Stay
            }
            Some(Action::ScrollUp) => {
                self.scroll = self.scroll.saturating_sub(1);
                Next::Stay
            }
            Some(Action::Help) => Next::Replace(Overlay::Help(Default::default())),
            Some(action) => match cx.app.task_action(action, self.id, cx.repo) {
                Started::Done => Next::Stay,
                Started::Open(o) => Next::Replace(o),
                Started::Effect(e) => {
                    cx.effect = e;
                    Next::Stay
                }
            },
        }
    }

    fn hints(&self) -> &'static [Hint] {
        &[
            (&[Action::Close], S::HintClose),
            (&[Action::ToggleDone], S::HintDone),
            (&[Action::Help], S::HintHelp),
        ]
    }
}
