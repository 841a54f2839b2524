//! Importing from the board (`app/overlay/import.rs`): the path prompt on
//! the last line, then the preview — the dry run's review, line by line,
//! wrapped and scrolled, with its keys in the frame's title.

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::line::input_line;
use super::{Canvas, Draw, block, bottom_line, centered, hint_items};
use crate::app::keys::Scope;
use crate::app::overlay::Layer;
use crate::app::overlay::import::{ImportFile, ImportPreview};
use crate::i18n::S;

impl Draw for ImportFile {
    fn draw(&self, f: &mut Frame, c: &Canvas) {
        let label = c.app.t(S::PromptImport);
        input_line(f, bottom_line(c.body, 1), label, &self.line.field, c.theme);
    }
}

impl Draw for ImportPreview {
    fn draw(&self, f: &mut Frame, c: &Canvas) {
        let area = f.area();
        let rect = centered(
            area,
            area.width.saturating_sub(2).max(20),
            area.height.saturating_sub(2),
        );
        // The keys in the title when they fit (the status bar has them too).
        let keys = hint_items(c.app, Scope::ImportPreview, &self.hints()[..2]);
        let name = c.app.t(S::ImportPreviewTitle);
        let full = format!("{name} — {}", keys.join(" · "));
        let fits = full.chars().count() + 4 <= usize::from(rect.width);
        let title = if fits { full } else { name.to_string() };
        let lines: Vec<Line> = self.lines.iter().map(|l| Line::raw(l.as_str())).collect();
        f.render_widget(Clear, rect);
        let p = Paragraph::new(lines)
            .block(block(title, c.theme))
            .wrap(Wrap { trim: false })
            .scroll((self.scroll, 0));
        f.render_widget(p, rect);
    }
}
