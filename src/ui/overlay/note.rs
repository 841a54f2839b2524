//! The note prompt (`app/overlay/note.rs`): "Ghi chú #12>" on the last line.

use ratatui::Frame;

use super::line::input_line;
use super::{Canvas, Draw, bottom_line};
use crate::app::overlay::note::Note;
use crate::i18n::S;

impl Draw for Note {
    fn draw(&self, f: &mut Frame, c: &Canvas) {
        let word = if self.result {
            S::PromptResult
        } else {
            S::PromptNote
        };
        let label = format!("{} #{}>", c.app.t(word), self.id);
        input_line(f, bottom_line(c.body, 1), &label, &self.line.field, c.theme);
    }
}
