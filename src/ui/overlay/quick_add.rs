//! The quick-add line (`app/overlay/quick_add.rs`), with the live preview
//! of what Enter adds under it: area, lead and supporting units, deadline,
//! column, and the markers it could not read.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::line::input_line;
use super::{Canvas, Draw, bottom_line};
use crate::app::overlay::quick_add::{Draft, QuickAdd};
use crate::app::status_label;
use crate::domain::deadline::canonical_text_in;
use crate::i18n::S;
use crate::ui::theme::Role;

impl Draw for QuickAdd {
    fn draw(&self, f: &mut Frame, c: &Canvas) {
        let d = Draft::of(self.line.text(), c.app, c.board);
        let l = c.app.lang;
        let mut parts = vec![format!("#{}", d.area), format!("@{}", d.lead)];
        if !d.parsed.support.is_empty() {
            parts.push(format!("+{}", d.parsed.support.join(" +")));
        }
        if let Some((p, _)) = &d.parsed.due {
            parts.push(format!(
                "{} {}",
                S::PreviewDue.t(l),
                canonical_text_in(p, l)
            ));
        }
        parts.push(status_label(d.status).t(l).to_string());
        let mut spans = vec![Span::styled(
            format!("  {}", parts.join(" · ")),
            c.theme.style(Role::Muted),
        )];
        for p in &d.parsed.problems {
            spans.push(Span::styled(
                format!("  ⚠ {}", p.message(l)),
                c.theme.style(Role::Error),
            ));
        }
        let r = bottom_line(c.body, 1);
        f.render_widget(Clear, r);
        f.render_widget(Line::from(spans), r);
        let label = c.app.t(S::PromptQuickAdd);
        input_line(f, bottom_line(c.body, 2), label, &self.line.field, c.theme);
    }
}
