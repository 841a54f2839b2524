//! `F`: the board's units, filtered by what is typed (accents optional, by
//! code or name); Enter filters the board to the chosen unit, the tasks it
//! leads or supports (drawn by `ui/overlay/pick_unit.rs`).

use super::{Cx, Hint, Input, Layer, Next};
use crate::app::Selection;
use crate::app::keys::{Action, Scope};
use crate::app::textfield::{Outcome, TextField};
use crate::domain::board::Board;
use crate::domain::text::fold;
use crate::domain::unit::Unit;
use crate::i18n::S;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PickUnit {
    pub query: TextField,
    /// The highlighted unit, among those the query keeps.
    pub sel: usize,
}

impl PickUnit {
    /// The units the query keeps (accent-insensitive).
    pub fn choices<'b>(&self, board: &'b Board) -> Vec<&'b Unit> {
        let q = fold(self.query.text());
        board
            .units
            .iter()
            .filter(|u| q.is_empty() || u.code.starts_with(&q) || fold(&u.name).contains(&q))
            .collect()
    }
}

impl Layer for PickUnit {
    fn scope(&self) -> Scope {
        Scope::UnitPicker
    }

    fn key(&mut self, input: Input<'_>, cx: &mut Cx<'_>) -> Next {
        let choices = self.choices(cx.repo.board()).len();
        match input.action {
            Some(Action::Cancel) => return Next::Close,
            Some(Action::Choose) => {
                if let Some(u) = self.choices(cx.repo.board()).get(self.sel) {
                    cx.app.filter.unit = Some(u.code.clone());
                    cx.app.filter.lead_only = false;
                    cx.app.sel = Selection::default();
                    cx.app.scroll = 0;
                }
                return Next::Close;
            }
            Some(Action::PickDown) => self.sel = (self.sel + 1).min(choices.saturating_sub(1)),
            Some(Action::PickUp) => self.sel = self.sel.saturating_sub(1),
            _ => {
                if self.query.key(input.event, cx.app.telex) == Outcome::Changed {
                    self.sel = 0;
                }
            }
        }
        Next::Stay
    }

    fn paste(&mut self, text: &str, _cx: &mut Cx<'_>) -> Next {
        self.query.paste(text);
        self.sel = 0;
        Next::Stay
    }

    fn takes_text(&self) -> bool {
        true
    }

    fn hints(&self) -> &'static [Hint] {
        &[
            (&[], S::HintFilterType),
            (&[Action::Choose], S::HintPick),
            (&[Action::Cancel], S::HintCancel),
        ]
    }
}
