//! "Bỏ nội dung đang gõ? (y/n)" (`app/overlay/discard.rs`), on the last
//! line, over the prompt or form whose text it is about.

use ratatui::Frame;

use super::confirm::question;
use super::{Canvas, Draw};
use crate::app::overlay::discard::Discard;
use crate::i18n::S;

impl Draw for Discard {
    fn draw(&self, f: &mut Frame, c: &Canvas) {
        question(f, c, c.app.t(S::PromptDiscard));
    }
}
