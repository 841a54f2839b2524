//! `?`: every key of the table, by scope (drawn by `ui/overlay/help.rs`).
//! ↑/↓ scroll; any other key closes it.

use super::{Cx, Hint, Input, Layer, Next};
use crate::app::keys::{Action, Scope};
use crate::i18n::S;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Help {
    /// First line shown.
    pub scroll: u16,
}

impl Layer for Help {
    fn scope(&self) -> Scope {
        Scope::Help
    }

    fn key(&mut self, input: Input<'_>, _cx: &mut Cx<'_>) -> Next {
        match input.action {
            Some(Action::ScrollDown) => self.scroll += 1,
            Some(Action::ScrollUp) => self.scroll = self.scroll.saturating_sub(1),
            _ => return Next::Close,
        }
        Next::Stay
    }

    fn hints(&self) -> &'static [Hint] {
        &[
            (&[Action::ScrollUp, Action::ScrollDown], S::HintScroll),
            (&[Action::Cancel], S::HintClose),
        ]
    }
}
