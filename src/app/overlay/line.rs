//! The one-line text prompt, for the overlays that ask for a line (a
//! quick-added task, a note, the report's file, a checklist item): the
//! field takes what is typed, the key table says which keys submit and
//! cancel (`Scope::Prompt`). Each such overlay holds one and says what
//! submitting does; `ui/overlay/line.rs` draws it.

use super::{Hint, Input};
use crate::app::keys::Action;
use crate::app::textfield::{Outcome, TextField};
use crate::i18n::S;

/// The status bar's hints for a one-line prompt.
pub const HINTS: &[Hint] = &[
    (&[Action::Submit], S::HintSave),
    (&[Action::Cancel], S::HintClose),
];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinePrompt {
    pub field: TextField,
    /// The text it opened with: only what differs from it was typed.
    start: String,
}

/// What a key did to the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKey {
    /// Submit (Enter): the text as it stands.
    Submit(String),
    /// Cancel (Esc).
    Cancel,
    /// The text or the caret changed, or the key meant nothing here.
    Typed,
}

impl LinePrompt {
    pub fn new() -> LinePrompt {
        LinePrompt::default()
    }

    /// An empty line that holds at most `max_bytes`.
    pub fn limited(max_bytes: usize) -> LinePrompt {
        LinePrompt {
            field: TextField::new(false).limited(max_bytes),
            start: String::new(),
        }
    }

    /// A line that opens holding `text` (a proposed file name).
    pub fn with_text(text: &str) -> LinePrompt {
        let field = TextField::with_text(text, false);
        LinePrompt {
            start: field.text().to_string(),
            field,
        }
    }

    pub fn text(&self) -> &str {
        self.field.text()
    }

    /// Empty again, for the next line (quick-add stays open).
    pub fn clear(&mut self) {
        self.field.clear();
        self.start.clear();
    }

    pub fn key(&mut self, input: Input<'_>, telex: bool) -> LineKey {
        if self.field.key(input.event, telex) != Outcome::NotMine {
            return LineKey::Typed;
        }
        match input.action {
            Some(Action::Submit) => LineKey::Submit(self.field.text().to_string()),
            Some(Action::Cancel) => LineKey::Cancel,
            _ => LineKey::Typed,
        }
    }

    pub fn paste(&mut self, text: &str) {
        self.field.paste(text);
    }

    /// Something was typed that is not saved yet.
    pub fn unsaved(&self) -> bool {
        self.field.text() != self.start
    }
}
