//! Drawing: `draw` reads the app state and the board and fills a frame.
//! It changes nothing, reads no database and writes to no terminal. Task
//! text always passes through `text::sanitize` before it reaches a cell.

mod bars;
mod board;
mod card;
mod compare;
mod deadlines;
mod matrix;
mod overlay;
mod overview;
mod paint;
mod strip;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::app::{App, View};
use crate::domain::board::Board;
use crate::domain::text::{truncate, width};
use crate::i18n::S;
use theme::{Role, Theme};

/// Smallest terminal the board is drawn in.
pub const MIN_W: u16 = 40;
pub const MIN_H: u16 = 10;

/// Draw the whole screen.
pub fn draw(f: &mut Frame, app: &App, board: &Board, theme: &Theme) {
    let area = f.area();
    if area.width < MIN_W || area.height < MIN_H {
        too_small(f, app, theme);
        return;
    }
    bars::title(f, app, board, theme, Rect { height: 1, ..area });
    let body = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(2),
        ..area
    };
    match app.view {
        View::Board => board::draw(f, app, board, theme, body),
        View::Overview => match (&app.compare, app.views.cache()) {
            (Some((year, prev)), Some(cache)) => {
                compare::draw(f, app, board, theme, body, &cache.summary, (*year, prev))
            }
            _ => overview::draw(f, app, board, theme, body),
        },
        View::Matrix => matrix::draw(f, app, board, theme, body),
        View::Deadlines => deadlines::draw(f, app, board, theme, body),
    }
    bars::status(
        f,
        app,
        theme,
        Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        },
    );
    overlay::draw(f, app, board, theme, body);
}

/// "Cửa sổ quá nhỏ, hãy phóng to (40×10)", wrapped to the window and
/// centred, so that even a tiny window shows the whole sentence.
fn too_small(f: &mut Frame, app: &App, theme: &Theme) {
    let area = f.area();
    let msg = format!("{} ({}×{})", app.t(S::TooSmall), MIN_W, MIN_H);
    let w = area.width as usize;
    let lines = crate::domain::text::wrap(&msg, w.max(1));
    let top = area.y + area.height.saturating_sub(lines.len() as u16) / 2;
    for (i, line) in lines.iter().take(area.height as usize).enumerate() {
        let x = area.x + (w.saturating_sub(width(line)) / 2) as u16;
        let style = theme.style(Role::Error);
        f.buffer_mut()
            .set_stringn(x, top + i as u16, truncate(line, w), w, style);
    }
}
