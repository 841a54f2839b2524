//! "Bỏ nội dung đang gõ?": asked when Esc or Ctrl+C would close a prompt
//! or the form over text not saved yet. `y` discards it (and closes what
//! it was typed in, or quits for Ctrl+C); `n` or Esc goes back to the text
//! as it was. Other keys change nothing, so no stray key loses the text.

use super::confirm::{Answer, answer};
use super::{Cx, Input, Layer, Next, Overlay};
use crate::app::Effect;
use crate::app::keys::{Action, Scope};
use crate::i18n::S;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Discard {
    /// Asked for Ctrl+C: "yes" quits the program.
    pub quit: bool,
}

impl Discard {
    /// For Esc: "yes" closes what the text was typed in.
    pub fn closing() -> Discard {
        Discard { quit: false }
    }

    /// For Ctrl+C: "yes" quits.
    pub fn quitting() -> Discard {
        Discard { quit: true }
    }
}

/// Esc in an overlay holding text: close, or ask first when closing
/// would lose what was typed.
pub fn close_or_ask(unsaved: bool) -> Next {
    match unsaved {
        true => Next::Push(Overlay::Discard(Discard::closing())),
        false => Next::Close,
    }
}

impl Layer for Discard {
    fn scope(&self) -> Scope {
        Scope::Confirm
    }

    fn key(&mut self, input: Input<'_>, cx: &mut Cx<'_>) -> Next {
        match answer(input) {
            Answer::Yes if self.quit => {
                cx.effect = Effect::Quit;
                Next::CloseBoth
            }
            Answer::Yes => Next::CloseBoth,
            Answer::No => Next::Close,
            Answer::Other => Next::Stay,
        }
    }

    fn hints(&self) -> &'static [super::Hint] {
        &[
            (&[Action::Yes], S::HintDiscard),
            (&[Action::No], S::HintCancel),
        ]
    }
}
