//! `c`: a task's checklist. Items are ticked, added, deleted and reordered
//! with the keys of `Scope::Checklist`; each change is a command (saved at
//! once, undoable). Adding opens a line over the panel (`ChecklistAdd`),
//! which stays for the next item until Esc. Drawn by
//! `ui/overlay/checklist.rs`.

use super::discard::close_or_ask;
use super::line::{HINTS, LineKey, LinePrompt};
use super::{Cx, Hint, Input, Layer, Next, Overlay};
use crate::app::keys::{Action, Scope};
use crate::domain::command::{ChecklistOp, Command};
use crate::domain::task::TaskId;
use crate::i18n::S;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checklist {
    pub id: TaskId,
    /// The highlighted item.
    pub sel: usize,
}

impl Checklist {
    pub fn new(id: TaskId) -> Checklist {
        Checklist { id, sel: 0 }
    }

    /// The change an action makes at the highlighted item, and the item
    /// highlighted after it; `None`: nothing to change there.
    fn change(&self, action: Action, len: usize) -> Option<(ChecklistOp, usize)> {
        let cur = self.sel;
        let here = cur < len;
        Some(match action {
            Action::ToggleItem if here => (ChecklistOp::Toggle(cur), cur),
            Action::RemoveItem if here => {
                (ChecklistOp::Remove(cur), cur.min(len.saturating_sub(2)))
            }
            Action::MoveItemDown if cur + 1 < len => (
                ChecklistOp::Move {
                    from: cur,
                    to: cur + 1,
                },
                cur + 1,
            ),
            Action::MoveItemUp if cur > 0 && here => (
                ChecklistOp::Move {
                    from: cur,
                    to: cur - 1,
                },
                cur - 1,
            ),
            _ => return None,
        })
    }
}

impl Layer for Checklist {
    fn scope(&self) -> Scope {
        Scope::Checklist
    }

    fn key(&mut self, input: Input<'_>, cx: &mut Cx<'_>) -> Next {
        let len = cx
            .repo
            .board()
            .task(self.id)
            .map_or(0, |t| t.checklist.len());
        let Some(action) = input.action else {
            return Next::Stay;
        };
        match action {
            Action::Cancel => return Next::Close,
            Action::ItemDown => self.sel = (self.sel + 1).min(len.saturating_sub(1)),
            Action::ItemUp => self.sel = self.sel.saturating_sub(1),
            Action::AddItem => {
                return Next::Push(Overlay::ChecklistAdd(ChecklistAdd::new(self.id)));
            }
            _ => {
                if let Some((op, next)) = self.change(action, len) {
                    self.sel = next;
                    cx.app
                        .apply(Command::Checklist { id: self.id, op }, cx.repo);
                }
            }
        }
        Next::Stay
    }

    fn hints(&self) -> &'static [Hint] {
        &[
            (&[Action::ToggleItem], S::HintItemTick),
            (&[Action::AddItem], S::HintItemAdd),
            (&[Action::RemoveItem], S::HintItemDelete),
            (&[Action::MoveItemDown, Action::MoveItemUp], S::HintItemMove),
            (&[Action::Cancel], S::HintClose),
        ]
    }
}

/// The line of a new checklist item, over the checklist panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistAdd {
    pub id: TaskId,
    pub line: LinePrompt,
}

impl ChecklistAdd {
    pub fn new(id: TaskId) -> ChecklistAdd {
        ChecklistAdd {
            id,
            line: LinePrompt::new(),
        }
    }
}

impl Layer for ChecklistAdd {
    fn scope(&self) -> Scope {
        Scope::Prompt
    }

    fn key(&mut self, input: Input<'_>, cx: &mut Cx<'_>) -> Next {
        match self.line.key(input, cx.app.telex) {
            LineKey::Submit(text) => {
                self.line.clear();
                if !text.trim().is_empty() {
                    let op = ChecklistOp::Add(text);
                    cx.app
                        .apply(Command::Checklist { id: self.id, op }, cx.repo);
                }
                Next::Stay
            }
            LineKey::Cancel => close_or_ask(self.unsaved()),
            LineKey::Typed => Next::Stay,
        }
    }

    fn paste(&mut self, text: &str, _cx: &mut Cx<'_>) -> Next {
        self.line.paste(text);
        Next::Stay
    }

    fn unsaved(&self) -> bool {
        self.line.unsaved()
    }

    fn takes_text(&self) -> bool {
        true
    }

    fn hints(&self) -> &'static [Hint] {
        HINTS
    }
}
