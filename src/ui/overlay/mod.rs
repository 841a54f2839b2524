//! Drawing the overlays, bottom first, over the view: each in the file of
//! the same name as its state in `app/overlay/`, implementing [`Draw`].
//! Hints and key names come from the key table, in the overlay's scope.

mod blocked;
mod checklist;
mod confirm;
mod delete;
mod details;
mod discard;
mod export;
mod export_period;
mod form;
mod help;
mod import;
mod line;
mod note;
mod pick_area;
mod pick_board;
mod pick_unit;
mod quick_add;
mod score;
mod search;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};

use crate::app::keys::{Action, Scope};
use crate::app::overlay::Hint;
use crate::app::{App, Overlay};
use crate::domain::board::Board;

use super::theme::{Role, Theme};

/// What an overlay is drawn with.
pub struct Canvas<'a> {
    pub app: &'a App,
    pub board: &'a Board,
    pub theme: &'a Theme,
    /// The view's area, between the title bar and the status bar.
    pub body: Rect,
    /// Whether this overlay has the keys (it is the top one).
    pub top: bool,
}

/// How an overlay draws itself.
pub trait Draw {
    fn draw(&self, f: &mut Frame, c: &Canvas);
}

/// Draw every open overlay, bottom first.
pub fn draw(f: &mut Frame, app: &App, board: &Board, theme: &Theme, body: Rect) {
    let n = app.overlays().len();
    for (i, o) in app.overlays().iter().enumerate() {
        let c = Canvas {
            app,
            board,
            theme,
            body,
            top: i + 1 == n,
        };
        drawer(o).draw(f, &c);
    }
}

/// The overlay as the `Draw` it is (a dispatch only).
fn drawer(o: &Overlay) -> &dyn Draw {
    match o {
        Overlay::Help(x) => x,
        Overlay::Details(x) => x,
        Overlay::PickArea(x) => x,
        Overlay::PickUnit(x) => x,
        Overlay::PickBoard(x) => x,
        Overlay::Search(x) => x,
        Overlay::QuickAdd(x) => x,
        Overlay::Note(x) => x,
        Overlay::Blocked(x) => x,
        Overlay::Export(x) => x,
        Overlay::ExportPeriod(x) => x,
        Overlay::ExportOverwrite(x) => x,
        Overlay::Delete(x) => x,
        Overlay::Discard(x) => x,
        Overlay::Checklist(x) => x,
        Overlay::ChecklistAdd(x) => x,
        Overlay::Form(x) => &**x,
        Overlay::Score(x) => x,
        Overlay::ImportFile(x) => x,
        Overlay::ImportPreview(x) => &**x,
    }
}

/// The first key of an action in a scope, as help writes it ("Esc").
pub fn key(app: &App, scope: Scope, action: Action) -> String {
    app.keys.first_key(scope.alone(), action)
}

/// Each hint as "keys: word" ("J/K: đổi chỗ"), or the word alone.
pub fn hint_items(app: &App, scope: Scope, hints: &[Hint]) -> Vec<String> {
    hints
        .iter()
        .map(|(actions, word)| {
            let keys: Vec<String> = actions.iter().map(|a| key(app, scope, *a)).collect();
            match keys.is_empty() {
                true => app.t(*word).to_string(),
                false => format!("{}: {}", keys.join("/"), app.t(*word)),
            }
        })
        .collect()
}

/// A centred rectangle of at most `w`×`h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// A framed box with a title.
pub fn block<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border_set())
        .title(Span::styled(format!(" {title} "), theme.style(Role::Title)))
}

/// The line `dy` rows up from the bottom of the view.
pub fn bottom_line(body: Rect, dy: u16) -> Rect {
    Rect {
        y: body.bottom().saturating_sub(dy),
        height: 1,
        ..body
    }
}
