//! "Xóa nhiệm vụ #12 “…”? (y/n)" (`app/overlay/delete.rs`).

use ratatui::Frame;

use super::confirm::question;
use super::{Canvas, Draw};
use crate::app::overlay::delete::Delete;
use crate::domain::text::{sanitize, truncate};
use crate::i18n::S;

impl Draw for Delete {
    fn draw(&self, f: &mut Frame, c: &Canvas) {
        let title = c
            .board
            .task(self.id)
            .map(|t| sanitize(&t.title).into_owned())
            .unwrap_or_default();
        let text = format!(
            "{} #{} “{}”?",
            c.app.t(S::PromptDelete),
            self.id,
            truncate(&title, 40)
        );
        question(f, c, &text);
    }
}
