//! Moving a card to Vướng mắc asks what blocks it: "Vướng mắc gì #12>" on
//! the last line. Enter moves the card with the difficulty typed (kept with
//! its date, `Command::Block`); Esc with nothing typed moves it with the
//! difficulty left empty — the question is asked, the answer may wait;
//! Esc over typed text asks before dropping it. Drawn by
//! `ui/overlay/blocked.rs`.

use super::discard::close_or_ask;
use super::line::{LineKey, LinePrompt};
use super::{Cx, Hint, Input, Layer, Next};
use crate::app::keys::{Action, Scope};
use crate::domain::command::Command;
use crate::domain::task::TaskId;
use crate::domain::text::one_line;
use crate::i18n::S;

/// Enter saves the difficulty; Esc leaves it empty.
const HINTS: &[Hint] = &[
    (&[Action::Submit], S::HintSave),
    (&[Action::Cancel], S::HintLeaveEmpty),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocked {
    pub id: TaskId,
    pub line: LinePrompt,
}

impl Blocked {
    pub fn new(id: TaskId) -> Blocked {
        Blocked {
            id,
            line: LinePrompt::new(),
        }
    }

    /// Move the card, with `reason` as its difficulty; the selection follows.
    fn block(&self, reason: String, cx: &mut Cx<'_>) {
        let cmd = Command::Block {
            id: self.id,
            reason,
        };
        if cx.app.apply(cmd, cx.repo) {
            cx.app.follow(self.id, cx.repo);
        }
    }
}

impl Layer for Blocked {
    fn scope(&self) -> Scope {
        Scope::Prompt
    }

    fn key(&mut self, input: Input<'_>, cx: &mut Cx<'_>) -> Next {
        match self.line.key(input, cx.app.telex) {
            LineKey::Submit(text) => {
                self.block(one_line(&text), cx);
                Next::Close
            }
            LineKey::Cancel if self.unsaved() => close_or_ask(true),
            LineKey::Cancel => {
                self.block(String::new(), cx);
                Next::Close
            }
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
