//! `b`: the plans of the database, one per year, and "start next year's
//! plan" after them; Enter opens the chosen one (the driver does it:
//! `Effect::SwitchBoard`, `Effect::Rollover`). Drawn by
//! `ui/overlay/pick_board.rs`.

use super::{Cx, Hint, Input, Layer, Next};
use crate::app::Effect;
use crate::app::keys::{Action, Scope};
use crate::i18n::S;
use crate::store::boards::BoardInfo;

#[derive(Debug, Clone, PartialEq)]
pub struct PickBoard {
    pub boards: Vec<BoardInfo>,
    /// Index into `boards`; one past them is "next year's plan".
    pub sel: usize,
}

impl PickBoard {
    /// The plans, with the one open now highlighted.
    pub fn new(boards: Vec<BoardInfo>, year: i32) -> PickBoard {
        let sel = boards.iter().position(|b| b.meta.year == year).unwrap_or(0);
        PickBoard { boards, sel }
    }

    /// The year "next year's plan" would have.
    pub fn next_year(&self) -> i32 {
        self.boards.iter().map(|b| b.meta.year).max().unwrap_or(0) + 1
    }
}

impl Layer for PickBoard {
    fn scope(&self) -> Scope {
        Scope::BoardPicker
    }

    fn key(&mut self, input: Input<'_>, cx: &mut Cx<'_>) -> Next {
        let last = self.boards.len();
        match input.action {
            Some(Action::Cancel) => return Next::Close,
            Some(Action::PickDown) => self.sel = (self.sel + 1).min(last),
            Some(Action::PickUp) => self.sel = self.sel.saturating_sub(1),
            Some(Action::Choose) => {
                cx.effect = match self.boards.get(self.sel) {
                    Some(b) => Effect::SwitchBoard(b.id),
                    None => Effect::Rollover(self.next_year()),
                };
                return Next::Close;
            }
            _ => {}
        }
        Next::Stay
    }

    fn hints(&self) -> &'static [Hint] {
        &[
            (&[Action::Choose], S::HintOpenBoard),
            (&[Action::Cancel], S::HintCancel),
        ]
    }
}
