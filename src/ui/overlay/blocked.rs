//! The question asked when a card moves to Vướng mắc
//! (`app/overlay/blocked.rs`): "Vướng mắc gì #12>" on the last line.

use ratatui::Frame;

use super::line::input_line;
use super::{Canvas, Draw, bottom_line};
use crate::app::overlay::blocked::Blocked;
use crate::i18n::S;

impl Draw for Blocked {
    fn draw(&self, f: &mut Frame, c: &Canvas) {
        let label = format!("{} #{}>", c.app.t(S::PromptBlocked), self.id);
        input_line(f, bottom_line(c.body, 1), &label, &self.line.field, c.theme);
    }
}
