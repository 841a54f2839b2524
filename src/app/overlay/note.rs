//! `n`: a progress note on a task, stamped with its author and time when
//! Enter saves it; Tab marks it as a result, which the report lists under
//! "Kết quả thực hiện" (drawn by `ui/overlay/note.rs`).

use super::discard::close_or_ask;
use super::line::{LineKey, LinePrompt};
use super::{Cx, Hint, Input, Layer, Next};
use crate::app::keys::{Action, Scope};
use crate::domain::command::Command;
use crate::domain::task::{Note as TaskNote, TaskId};
use crate::domain::text::one_line;
use crate::i18n::S;

/// Enter saves; Tab marks the note as a result (or not); Esc closes.
const HINTS: &[Hint] = &[
    (&[Action::Submit], S::HintSave),
    (&[Action::ToggleResult], S::HintResult),
    (&[Action::Cancel], S::HintClose),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: TaskId,
    pub line: LinePrompt,
    /// A result ("Kết quả thực hiện" in the report), not only a note.
    pub result: bool,
}

impl Note {
    pub fn new(id: TaskId) -> Note {
        Note {
            id,
            line: LinePrompt::new(),
            result: false,
        }
    }
}

impl Layer for Note {
    fn scope(&self) -> Scope {
        Scope::Prompt
    }

    fn key(&mut self, input: Input<'_>, cx: &mut Cx<'_>) -> Next {
        if input.action == Some(Action::ToggleResult) {
            self.result = !self.result;
            return Next::Stay;
        }
        match self.line.key(input, cx.app.telex) {
            LineKey::Submit(text) => {
                let text = one_line(&text);
                if !text.is_empty() {
                    let mut note = TaskNote::new(cx.app.clock.now(), &cx.app.author, &text);
                    note.result = self.result;
                    cx.app
                        .apply(Command::AddNote { id: self.id, note }, cx.repo);
                }
                Next::Close
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
