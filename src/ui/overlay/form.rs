//! The full task form (`app/overlay/form.rs`): one row per field, the
//! focused one highlighted, its picker's options below it, problems in red
//! next to their field, the deadline as it will be read next to the
//! deadline field, and the focused field's keys on its last line.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear};

use super::{Canvas, Draw, hint_items};
use crate::app::keys::Scope;
use crate::app::overlay::form::{Field, Form};
use crate::domain::text::{fit, sanitize, truncate, width};
use crate::i18n::S;

use crate::ui::theme::Role;

/// The labels' width; on a screen narrower than [`NARROW`] the short
/// labels take [`SHORT_W`] and the form the whole width.
const LABEL_W: usize = 20;
const SHORT_W: usize = 11;
const NARROW: u16 = 60;

impl Draw for Form {
    fn draw(&self, f: &mut Frame, c: &Canvas) {
        let inner = frame(f, c, self);
        let narrow = inner.width < NARROW;
        let label_w = if narrow { SHORT_W } else { LABEL_W };
        let hints = hint_lines(c, self, inner.width as usize, if narrow { 2 } else { 1 });
        let bottom = inner.bottom().saturating_sub(hints.len() as u16);
        let mut rows = Rows {
            x: inner.x + label_w as u16 + 1,
            y: inner.y,
            bottom,
            value_w: (inner.width as usize).saturating_sub(label_w + 1),
            cursor: None,
        };
        let errors = self.errors(c.board, c.app.lang);
        for field in Field::ALL {
            if rows.y >= bottom {
                break;
            }
            let text = match narrow {
                true => field.short_label(),
                false => field.label(),
            };
            label(f, c, (inner.x, rows.y, label_w), text, field == self.focus);
            let note = match errors.iter().find(|(fl, _)| *fl == field) {
                Some((_, e)) => Some((format!("⚠ {e}"), Role::Error)),
                None if field == Field::Due => self
                    .due_preview(c.app.lang)
                    .map(|p| (format!("→ {p}"), Role::Highlight)),
                None => None,
            };
            rows.value(f, c, self, field, note);
            if field == self.focus && field.is_picker() {
                rows.picker(f, c, self);
            }
        }
        let w = inner.width as usize;
        for (y, line) in (bottom..).zip(&hints) {
            f.buffer_mut()
                .set_stringn(inner.x, y, line, w, c.theme.style(Role::Muted));
        }
        if let Some(pos) = rows.cursor {
            f.set_cursor_position(pos);
        }
    }
}

/// The form's box, centred, with its title; returns the inside.
fn frame(f: &mut Frame, c: &Canvas, form: &Form) -> Rect {
    let area = f.area();
    let w = match area.width < NARROW + 4 {
        true => area.width,
        false => area.width.saturating_sub(4).min(100),
    };
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + 1,
        width: w,
        height: area.height.saturating_sub(2),
    };
    let title = format!(" {} #{} ", c.app.t(S::FormTitle), form.original.id);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(c.theme.border_set())
        .title(Span::styled(title, c.theme.style(Role::Title)));
    let inner = block.inner(rect);
    f.render_widget(Clear, rect);
    f.render_widget(block, rect);
    inner
}

fn label(f: &mut Frame, c: &Canvas, (x, y, w): (u16, u16, usize), label: S, focused: bool) {
    let style = c.theme.style(if focused {
        Role::Selected
    } else {
        Role::Header
    });
    let text = fit(&truncate(label.t(c.app.lang), w), w);
    f.buffer_mut().set_stringn(x, y, &text, w, style);
}

/// The focused field's keys, in at most `max` lines of `w` columns: whole
/// items to a line (saving first, so it is the one never cut).
fn hint_lines(c: &Canvas, form: &Form, w: usize, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for item in hint_items(c.app, Scope::Form, form.field_hints()) {
        let room = lines.len() < max;
        let last = lines.last_mut().expect("one line at least");
        if last.is_empty() {
            *last = item;
        } else if width(last) + 3 + width(&item) > w && room {
            lines.push(item);
        } else {
            last.push_str(" · ");
            last.push_str(&item);
        }
    }
    lines.iter().map(|l| truncate(l, w)).collect()
}

/// Where the next row goes, and where the caret ends up.
struct Rows {
    x: u16,
    y: u16,
    bottom: u16,
    value_w: usize,
    cursor: Option<Position>,
}

impl Rows {
    /// A field's value (the description up to 6 lines when focused, 2
    /// otherwise), with its note after the first line when there is room.
    fn value(
        &mut self,
        f: &mut Frame,
        c: &Canvas,
        form: &Form,
        field: Field,
        note: Option<(String, Role)>,
    ) {
        let focused = field == form.focus;
        let lines = value_lines(form, field, c, focused);
        let top = self.y;
        for (i, row) in lines.iter().enumerate() {
            if self.y >= self.bottom {
                break;
            }
            let text = truncate(row, self.value_w);
            f.buffer_mut().set_stringn(
                self.x,
                self.y,
                &text,
                self.value_w,
                c.theme.style(Role::Card),
            );
            let room = self.value_w.saturating_sub(width(&text) + 2);
            if let (0, Some((msg, role))) = (i, &note)
                && room > 4
            {
                let x = self.x + width(&text) as u16 + 2;
                f.buffer_mut().set_stringn(
                    x,
                    self.y,
                    truncate(msg, room),
                    room,
                    c.theme.style(*role),
                );
            }
            self.y += 1;
        }
        if focused && let Some(tf) = form.text(field) {
            let (line, col) = tf.caret();
            let shown = if field == Field::Description {
                line.min(5)
            } else {
                0
            };
            if col < self.value_w {
                self.cursor = Some(Position::new(self.x + col as u16, top + shown as u16));
            }
        }
    }

    /// The focused picker: what is typed to filter it, then its options.
    fn picker(&mut self, f: &mut Frame, c: &Canvas, form: &Form) {
        if self.y < self.bottom {
            let q = format!("> {}", sanitize(form.query.text()));
            f.buffer_mut().set_stringn(
                self.x,
                self.y,
                &q,
                self.value_w,
                c.theme.style(Role::Highlight),
            );
            self.cursor = Some(Position::new(self.x + width(&q) as u16, self.y));
            self.y += 1;
        }
        let choices = form.choices(c.board, c.app.lang);
        let room = (self.bottom.saturating_sub(self.y) as usize).min(8);
        let skip = form.pick.saturating_sub(room.saturating_sub(1));
        for (i, choice) in choices.iter().enumerate().skip(skip).take(room) {
            let mark = if choice.checked { "[x] " } else { "[ ] " };
            let role = if i == form.pick {
                Role::Selected
            } else {
                Role::Muted
            };
            let text = truncate(&format!("{mark}{}", sanitize(&choice.label)), self.value_w);
            f.buffer_mut()
                .set_stringn(self.x, self.y, &text, self.value_w, c.theme.style(role));
            self.y += 1;
        }
    }
}

/// The lines a field shows: the description's lines around the caret,
/// every other field on one line.
fn value_lines(form: &Form, field: Field, c: &Canvas, focused: bool) -> Vec<String> {
    if field != Field::Description {
        return vec![sanitize(&form.shown(field, c.board, c.app.lang)).into_owned()];
    }
    let text = form.description.text();
    let max = if focused { 6 } else { 2 };
    let start = if focused {
        form.description.caret().0.saturating_sub(max - 1)
    } else {
        0
    };
    text.split('\n')
        .skip(start)
        .take(max)
        .map(|l| sanitize(l).into_owned())
        .collect()
}
