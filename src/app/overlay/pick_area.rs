//! `f`: the next digit 0–8 filters the board to that area; any other key
//! leaves the filter as it was (drawn by `ui/overlay/pick_area.rs`).

use crossterm::event::KeyCode;

use super::{Cx, Input, Layer, Next};
use crate::app::Selection;
use crate::app::keys::Scope;
use crate::domain::area::AreaId;
use crate::i18n::S;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PickArea;

impl Layer for PickArea {
    fn scope(&self) -> Scope {
        Scope::AreaPicker
    }

    fn key(&mut self, input: Input<'_>, cx: &mut Cx<'_>) -> Next {
        if let KeyCode::Char(c) = input.event.code
            && let Some(area) = AreaId::from_digit(c)
        {
            cx.app.filter.area = Some(area);
            cx.app.sel = Selection::default();
            cx.app.scroll = 0;
        }
        Next::Close
    }

    fn status(&self) -> Option<S> {
        Some(S::HintPickArea)
    }
}
