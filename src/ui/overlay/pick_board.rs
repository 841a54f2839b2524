//! The plan picker (`app/overlay/pick_board.rs`): one line per plan of the
//! database, then "start next year's plan".

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::pick_unit::title;
use super::{Canvas, Draw, block, centered};
use crate::app::keys::Scope;
use crate::app::overlay::pick_board::PickBoard;
use crate::domain::text::{sanitize, truncate};
use crate::i18n::S;
use crate::ui::theme::Role;

/// The plans of the database, and "start next year's plan".
impl Draw for PickBoard {
    fn draw(&self, f: &mut Frame, c: &Canvas) {
        let (app, theme, sel) = (c.app, c.theme, self.sel);
        let boards = &self.boards;
        let area = f.area();
        let rect = centered(
            area,
            64,
            (boards.len() as u16 + 4).min(area.height.saturating_sub(2)),
        );
        let mut lines = Vec::new();
        for (i, b) in boards.iter().enumerate() {
            let closed = if b.readonly {
                format!(" · {}", S::BoardClosed.t(app.lang))
            } else {
                String::new()
            };
            let text = format!(
                "{}  {:<12} {:>5} {}{closed}",
                b.meta.year,
                sanitize(&b.meta.number),
                b.tasks,
                app.t(S::TasksWord)
            );
            let style = if i == sel {
                theme.style(Role::Selected)
            } else {
                theme.style(Role::Card)
            };
            lines.push(Line::from(Span::styled(
                truncate(&text, rect.width.saturating_sub(2) as usize),
                style,
            )));
        }
        let next = self.next_year();
        let text = format!(
            "+ {} {next} ({})",
            app.t(S::PickBoardNew),
            app.t(S::PickBoardNewHint)
        );
        let style = if sel >= boards.len() {
            theme.style(Role::Selected)
        } else {
            theme.style(Role::Highlight)
        };
        lines.push(Line::from(Span::styled(
            truncate(&text, rect.width.saturating_sub(2) as usize),
            style,
        )));
        f.render_widget(Clear, rect);
        f.render_widget(
            Paragraph::new(lines).block(block(
                title(app, S::PickBoardTitle, Scope::BoardPicker),
                theme,
            )),
            rect,
        );
    }
}
