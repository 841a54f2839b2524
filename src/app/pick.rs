//! The unit picker (`F`): units filtered as you type, accents optional.

use crossterm::event::{KeyCode, KeyEvent};

use crate::domain::board::Board;
use crate::domain::text::fold;

use super::{App, Mode, Selection};

impl App {
    /// Units offered by the unit picker for a query (accent-insensitive).
    pub fn unit_choices<'b>(
        &self,
        board: &'b Board,
        query: &str,
    ) -> Vec<&'b crate::domain::unit::Unit> {
        let q = fold(query);
        board
            .units
            .iter()
            .filter(|u| q.is_empty() || u.code.starts_with(&q) || fold(&u.name).contains(&q))
            .collect()
    }

    pub(super) fn pick_unit_key(
        &mut self,
        k: KeyEvent,
        mut query: String,
        mut sel: usize,
        board: &Board,
    ) {
        let choices = self.unit_choices(board, &query).len();
        match k.code {
            KeyCode::Esc => {
                self.mode = Mode::Normal;
                return;
            }
            KeyCode::Enter => {
                if let Some(u) = self.unit_choices(board, &query).get(sel) {
                    self.filter.unit = Some(u.code.clone());
                    self.filter.lead_only = false;
                    self.sel = Selection::default();
                    self.scroll = 0;
                }
                self.mode = Mode::Normal;
                return;
            }
            KeyCode::Down => sel = (sel + 1).min(choices.saturating_sub(1)),
            KeyCode::Up => sel = sel.saturating_sub(1),
            KeyCode::Backspace => {
                query.pop();
                sel = 0;
            }
            KeyCode::Char('h')
                if k.modifiers
                    .contains(crossterm::event::KeyModifiers::CONTROL) =>
            {
                query.pop();
                sel = 0;
            }
            KeyCode::Char(c)
                if !k
                    .modifiers
                    .contains(crossterm::event::KeyModifiers::CONTROL) =>
            {
                query.push(c);
                sel = 0;
            }
            _ => {}
        }
        self.mode = Mode::PickUnit { query, sel };
    }
}
