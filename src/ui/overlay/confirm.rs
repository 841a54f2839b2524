//! Drawing a yes/no question (`app/overlay/confirm.rs`) on the last line
//! of the view: the question, then its keys from the table ("(y/n)").

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::{Canvas, bottom_line, key};
use crate::app::keys::{Action, Scope};
use crate::domain::text::truncate;
use crate::ui::theme::Role;

pub fn question(f: &mut Frame, c: &Canvas, text: &str) {
    let yes = key(c.app, Scope::Confirm, Action::Yes);
    let no = key(c.app, Scope::Confirm, Action::No);
    let msg = format!("{text} ({yes}/{no})");
    let r = bottom_line(c.body, 1);
    f.render_widget(Clear, r);
    f.render_widget(
        Line::from(Span::styled(
            truncate(&msg, r.width as usize),
            c.theme.style(Role::Error),
        )),
        r,
    );
}
