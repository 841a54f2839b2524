//! `/`: the search box. What is typed is the board's search
//! (`App::search`, which stays after the box closes and narrows the board
//! until Esc); the box only has the keys while it is open. Enter keeps the
//! search, Esc drops it, ↓/↑ step through the matches (drawn by
//! `ui/overlay/search.rs`).

use super::{Cx, Hint, Input, Layer, Next};
use crate::app::keys::{Action, Scope};
use crate::app::textfield::Outcome;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SearchBox;

impl Layer for SearchBox {
    fn scope(&self) -> Scope {
        Scope::Search
    }

    fn key(&mut self, input: Input<'_>, cx: &mut Cx<'_>) -> Next {
        let telex = cx.app.telex;
        let typed = match &mut cx.app.search {
            Some(s) => s.field.key(input.event, telex),
            None => Outcome::NotMine,
        };
        match (typed, input.action) {
            (Outcome::Changed, _) => cx.app.search_changed(cx.repo),
            (Outcome::Moved, _) => {}
            (_, Some(Action::Cancel)) => {
                cx.app.search = None;
                cx.app.search_changed(cx.repo);
                return Next::Close;
            }
            (_, Some(Action::Submit)) => {
                if cx.app.search.as_ref().is_some_and(|s| s.field.is_empty()) {
                    cx.app.search = None;
                    cx.app.search_changed(cx.repo);
                } else if cx.app.selected_id().is_none() {
                    cx.app.select_match(0);
                }
                return Next::Close;
            }
            (_, Some(Action::NextMatch)) => cx.app.select_match(1),
            (_, Some(Action::PrevMatch)) => cx.app.select_match(-1),
            _ => {}
        }
        Next::Stay
    }

    fn paste(&mut self, text: &str, cx: &mut Cx<'_>) -> Next {
        if let Some(s) = &mut cx.app.search {
            s.field.paste(text);
            cx.app.search_changed(cx.repo);
        }
        Next::Stay
    }

    fn takes_text(&self) -> bool {
        true
    }

    fn hints(&self) -> &'static [Hint] {
        super::line::HINTS
    }
}
