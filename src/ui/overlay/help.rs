//! The help overlay (`app/overlay/help.rs`): every scope of the key table
//! with its keys, as remapped, scrolled.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Canvas, Draw, block, centered, key};
use crate::app::App;
use crate::app::keys::{Action, Scope};
use crate::app::overlay::help::Help;
use crate::i18n::S;
use crate::ui::theme::{Role, Theme};

impl Draw for Help {
    fn draw(&self, f: &mut Frame, c: &Canvas) {
        let (app, theme) = (c.app, c.theme);
        let area = f.area();
        let rect = centered(area, 76, area.height.saturating_sub(2));
        let mut lines: Vec<Line> = Vec::new();
        for scope in Scope::ALL {
            lines.push(Line::from(Span::styled(
                app.t(scope.title()),
                theme.style(Role::Lane),
            )));
            lines.extend(rows(app, theme, scope));
            lines.push(Line::raw(""));
        }
        let footer = app
            .t(S::HelpFooter)
            .replace("{up}", &key(app, Scope::Help, Action::ScrollUp))
            .replace("{down}", &key(app, Scope::Help, Action::ScrollDown));
        lines.push(Line::from(Span::styled(footer, theme.style(Role::Muted))));
        f.render_widget(Clear, rect);
        let p = Paragraph::new(lines)
            .block(block(app.t(S::HelpTitle).to_string(), theme))
            .scroll((self.scroll, 0));
        f.render_widget(p, rect);
    }
}

/// One line per action of the scope: its keys there, and what it does.
fn rows<'a>(app: &App, theme: &Theme, scope: Scope) -> Vec<Line<'a>> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for b in app.keys.bindings.iter().filter(|b| b.scope == scope) {
        if seen.contains(&b.action) {
            continue;
        }
        seen.push(b.action);
        let keys: Vec<String> = app
            .keys
            .bindings
            .iter()
            .filter(|x| x.scope == scope && x.action == b.action)
            .map(|x| x.key.label())
            .collect();
        out.push(Line::from(vec![
            Span::styled(
                format!("  {:<14}", keys.join(" ")),
                theme.style(Role::Highlight),
            ),
            Span::raw(b.action.describe(app.lang)),
        ]));
    }
    out
}
