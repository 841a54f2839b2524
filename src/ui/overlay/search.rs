//! The search box (`app/overlay/search.rs`): what is typed, and under it
//! how many tasks it keeps and the markers it did not understand.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::line::input_line;
use super::{Canvas, Draw, bottom_line};
use crate::app::overlay::search::SearchBox;
use crate::domain::text::sanitize;
use crate::i18n::S;
use crate::ui::theme::Role;

impl Draw for SearchBox {
    fn draw(&self, f: &mut Frame, c: &Canvas) {
        let Some(s) = &c.app.search else { return };
        let mut spans = vec![Span::styled(
            format!("  {} {}", c.app.layout.total(), c.app.t(S::TasksWord)),
            c.theme.style(Role::Muted),
        )];
        for u in &s.query.unknown {
            spans.push(Span::styled(
                format!("  ⚠ {}", sanitize(u)),
                c.theme.style(Role::Error),
            ));
        }
        let r = bottom_line(c.body, 1);
        f.render_widget(Clear, r);
        f.render_widget(Line::from(spans), r);
        let label = c.app.t(S::PromptSearch);
        input_line(f, bottom_line(c.body, 2), label, &s.field, c.theme);
    }
}
