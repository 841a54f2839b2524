//! The report's file name prompt (`app/overlay/export.rs`), on the last line.

use ratatui::Frame;

use super::line::input_line;
use super::{Canvas, Draw, bottom_line};
use crate::app::overlay::export::Export;
use crate::i18n::S;

impl Draw for Export {
    fn draw(&self, f: &mut Frame, c: &Canvas) {
        let label = c.app.t(S::PromptExport);
        input_line(f, bottom_line(c.body, 1), label, &self.line.field, c.theme);
    }
}
