//! The score prompt (`app/overlay/score.rs`): the dimension and its score
//! now, what is typed, and the prompt's keys.

use ratatui::Frame;

use super::{Canvas, Draw, key};
use crate::app::keys::{Action, Scope};
use crate::app::overlay::score::Score;
use crate::app::views::area_label;
use crate::domain::score::format_score;
use crate::domain::text::width;
use crate::i18n::S;
use crate::ui::paint::put;
use crate::ui::theme::Role;

/// On the last row of the view, with the cursor after what is typed.
impl Draw for Score {
    fn draw(&self, f: &mut Frame, c: &Canvas) {
        draw(f, c, self);
    }
}

fn draw(f: &mut Frame, c: &Canvas, p: &Score) {
    let (app, board, theme, area) = (c.app, c.board, c.theme, c.body);
    let y = area.bottom() - 1;
    let now = board
        .scores
        .get(&(p.year, p.area))
        .map(|s| format!(" ({} {})", app.t(S::ScoreNow), format_score(*s, app.lang)))
        .unwrap_or_default();
    let head = format!(
        " {} {} · {}{now}: ",
        app.t(S::ScorePrompt),
        p.year,
        area_label(p.area, false, app.lang)
    );
    let w = area.width as usize;
    let buf = f.buffer_mut();
    put(buf, area.x, y, "", w, theme.style(Role::Selected));
    put(buf, area.x, y, &head, w, theme.style(Role::Selected));
    let x = area.x + width(&head).min(w) as u16;
    let room = w.saturating_sub(width(&head));
    put(
        buf,
        x,
        y,
        &p.input,
        room,
        theme
            .style(Role::Highlight)
            .add_modifier(ratatui::style::Modifier::BOLD),
    );
    let keys = app
        .t(S::ScorePromptKeys)
        .replace("{submit}", &key(app, Scope::Score, Action::Submit))
        .replace("{clear}", &key(app, Scope::Score, Action::ClearScore))
        .replace("{cancel}", &key(app, Scope::Score, Action::Cancel));
    let keys = format!("  {keys}");
    let kx = x + (width(&p.input) + 1) as u16;
    if kx < area.right() {
        let room = (area.right() - kx) as usize;
        put(buf, kx, y, &keys, room, theme.style(Role::Selected));
    }
    let cx = x + width(&p.input) as u16;
    if cx < area.right() {
        f.set_cursor_position((cx, y));
    }
}
