//! The report's period choice and the "write over it?" question
//! (`app/overlay/export_period.rs`).

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::confirm::question;
use super::pick_unit::title;
use super::{Canvas, Draw, block, centered};
use crate::app::keys::Scope;
use crate::app::overlay::export_period::{ExportOverwrite, ExportPeriod};
use crate::domain::text::truncate;
use crate::i18n::S;
use crate::ui::theme::Role;

impl Draw for ExportPeriod {
    fn draw(&self, f: &mut Frame, c: &Canvas) {
        let (app, theme) = (c.app, c.theme);
        let area = f.area();
        let rows = self.choices.len() as u16 + 2;
        let rect = centered(area, 44, rows.min(area.height.saturating_sub(2)));
        let width = rect.width.saturating_sub(2) as usize;
        let lines: Vec<Line> = self
            .choices
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let text = match p {
                    None => format!("{} {}", app.t(S::RpAsOf), app.today.format("%d/%m/%Y")),
                    Some(p) => p.name(app.lang),
                };
                let role = if i == self.sel {
                    Role::Selected
                } else {
                    Role::Card
                };
                Line::from(Span::styled(truncate(&text, width), theme.style(role)))
            })
            .collect();
        f.render_widget(Clear, rect);
        f.render_widget(
            Paragraph::new(lines).block(block(title(app, S::RpPeriod, Scope::BoardPicker), theme)),
            rect,
        );
    }
}

impl Draw for ExportOverwrite {
    fn draw(&self, f: &mut Frame, c: &Canvas) {
        let text = format!(
            "{} {}",
            truncate(&self.asked.path, 40),
            c.app.t(S::PromptOverwrite)
        );
        question(f, c, &text);
    }
}
