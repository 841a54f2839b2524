//! The yes/no question: `y` or `n` from the key table (`Scope::Confirm`).
//! The overlays that ask one (delete a task, discard typed text) read the
//! answer here and say what each answer does; `ui/overlay/confirm.rs`
//! draws the question.

use super::Input;
use crate::app::keys::Action;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
    /// A key that is neither.
    Other,
}

pub fn answer(input: Input<'_>) -> Answer {
    match input.action {
        Some(Action::Yes) => Answer::Yes,
        Some(Action::No) => Answer::No,
        _ => Answer::Other,
    }
}
