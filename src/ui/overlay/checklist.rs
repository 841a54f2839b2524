//! The checklist panel (`app/overlay/checklist.rs`): the task's items, the
//! highlighted one in reverse while the panel has the keys, and on its last
//! line the hints, or the line of a new item (`ChecklistAdd`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::line::input_line;
use super::{Canvas, Draw, hint_items};
use crate::app::keys::Scope;
use crate::app::overlay::Layer;
use crate::app::overlay::checklist::{Checklist, ChecklistAdd};
use crate::domain::task::Task;
use crate::domain::text::{sanitize, truncate};
use crate::i18n::S;
use crate::ui::theme::Role;

/// The panel's frame and, inside it, its items' area and its last line.
fn panel(area: Rect, t: &Task) -> (Rect, Rect, Rect) {
    let h = (t.checklist.len() as u16 + 5).clamp(6, area.height.saturating_sub(2));
    let w = area.width.saturating_sub(8).clamp(20, 76);
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    let inner = Block::default().borders(Borders::ALL).inner(rect);
    let items = Rect {
        height: inner.height.saturating_sub(1),
        ..inner
    };
    let last = Rect {
        y: inner.bottom().saturating_sub(1),
        height: 1,
        ..inner
    };
    (rect, items, last)
}

impl Draw for Checklist {
    fn draw(&self, f: &mut Frame, c: &Canvas) {
        let Some(t) = c.board.task(self.id) else {
            return;
        };
        let (rect, items, last) = panel(f.area(), t);
        let w = rect.width as usize;
        let title = truncate(
            &format!(
                " {} · #{} {} ",
                c.app.t(S::FChecklist),
                self.id,
                sanitize(&t.title)
            ),
            w - 2,
        );
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(c.theme.border_set())
            .title(Span::styled(title, c.theme.style(Role::Title)));
        f.render_widget(Clear, rect);
        f.render_widget(block, rect);
        f.render_widget(Paragraph::new(self.lines(c, t, items)), items);
        let hints = hint_items(c.app, Scope::Checklist, self.hints()).join(" · ");
        f.render_widget(
            Line::from(Span::styled(
                truncate(&hints, last.width as usize),
                c.theme.style(Role::Muted),
            )),
            last,
        );
    }
}

impl Checklist {
    /// The items that fit, scrolled so the highlighted one shows.
    fn lines<'a>(&self, c: &Canvas, t: &Task, area: Rect) -> Vec<Line<'a>> {
        let room = area.height.saturating_sub(1) as usize;
        let skip = self.sel.saturating_sub(room.saturating_sub(1));
        let mut lines: Vec<Line> = Vec::new();
        for (i, item) in t.checklist.iter().enumerate().skip(skip).take(room) {
            let mark = if item.done { "[x]" } else { "[ ]" };
            let style = match i == self.sel && c.top {
                true => c.theme.style(Role::Selected),
                false => c.theme.style(Role::Card),
            };
            let text = format!("{mark} {}", sanitize(&item.text));
            lines.push(Line::from(Span::styled(
                truncate(&text, area.width as usize),
                style,
            )));
        }
        if t.checklist.is_empty() {
            lines.push(Line::from(Span::styled(
                c.app.t(S::EmptyLane),
                c.theme.style(Role::Muted),
            )));
        }
        lines
    }
}

impl Draw for ChecklistAdd {
    fn draw(&self, f: &mut Frame, c: &Canvas) {
        let Some(t) = c.board.task(self.id) else {
            return;
        };
        let (_, _, last) = panel(f.area(), t);
        input_line(f, last, "+", &self.line.field, c.theme);
    }
}
