//! The unit picker (`app/overlay/pick_unit.rs`): the query, then the
//! units it keeps, the highlighted one in reverse.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Canvas, Draw, block, centered, key};
use crate::app::App;
use crate::app::keys::{Action, Scope};
use crate::app::overlay::pick_unit::PickUnit;
use crate::domain::text::sanitize;
use crate::i18n::S;
use crate::ui::theme::Role;

impl Draw for PickUnit {
    fn draw(&self, f: &mut Frame, c: &Canvas) {
        let (app, theme, sel) = (c.app, c.theme, self.sel);
        let query = self.query.text();
        let choices = self.choices(c.board);
        let area = f.area();
        let rect = centered(
            area,
            60,
            (choices.len() as u16 + 4).min(area.height.saturating_sub(2)),
        );
        let mut lines = vec![Line::from(vec![
            Span::raw("> "),
            Span::styled(sanitize(query).into_owned(), theme.style(Role::Highlight)),
        ])];
        let room = rect.height.saturating_sub(3) as usize;
        let skip = sel.saturating_sub(room.saturating_sub(1));
        for (i, u) in choices.iter().enumerate().skip(skip).take(room) {
            let style = if i == sel {
                theme.style(Role::Selected)
            } else {
                theme.style(Role::Card)
            };
            lines.push(Line::from(Span::styled(
                format!("{:<6}{}", u.code, sanitize(&u.name)),
                style,
            )));
        }
        f.render_widget(Clear, rect);
        f.render_widget(
            Paragraph::new(lines).block(block(
                title(app, S::PickUnitTitle, Scope::UnitPicker),
                theme,
            )),
            rect,
        );
        // The terminal cursor sits at the caret (input methods draw there).
        let x = rect.x + 3 + self.query.caret().1 as u16;
        if x < rect.right() {
            f.set_cursor_position((x, rect.y + 1));
        }
    }
}

/// A picker's title with its keys from the table ("Enter chọn, Esc thôi").
pub fn title(app: &App, s: S, scope: Scope) -> String {
    app.t(s)
        .replace("{choose}", &key(app, scope, Action::Choose))
        .replace("{cancel}", &key(app, scope, Action::Cancel))
}
