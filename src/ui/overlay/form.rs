//! The full task form (`app/overlay/form.rs`): one row per field, the
//! focused one highlighted, its picker's options below it, problems in red
//! next to their field, and the form's keys on its last line.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear};

use super::{Canvas, Draw, hint_items};
use crate::app::keys::{Action, Scope};
use crate::app::overlay::Hint;
use crate::app::overlay::form::{Field, Form};
use crate::domain::text::{fit, sanitize, truncate, width};
use crate::i18n::S;

use crate::ui::theme::Role;

const LABEL_W: usize = 20;

/// The form's own keys, on its last line.
const HINTS: &[Hint] = &[
    (&[Action::NextField, Action::PrevField], S::HintFields),
    (&[], S::HintFilterType),
    (&[Action::Tick], S::HintTick),
    (&[Action::Save], S::HintSave),
    (&[Action::Cancel], S::HintDiscard),
];

impl Draw for Form {
    fn draw(&self, f: &mut Frame, c: &Canvas) {
        draw(f, c, self);
    }
}

/// Where the form's values go: their column, width and last row.
struct Pen {
    x: u16,
    width: usize,
    bottom: u16,
}

fn draw(f: &mut Frame, c: &Canvas, form: &Form) {
    let area = f.area();
    let w = area.width.saturating_sub(4).clamp(30, 100);
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
    let pen = Pen {
        x: inner.x + LABEL_W as u16 + 1,
        width: (inner.width as usize).saturating_sub(LABEL_W + 1),
        bottom: inner.bottom().saturating_sub(1),
    };
    let errors = form.errors(c.board, c.app.lang);
    let mut y = inner.y;
    let mut cursor = None;
    for field in Field::ALL {
        if y >= pen.bottom {
            break;
        }
        let style = match field == form.focus {
            true => c.theme.style(Role::Selected),
            false => c.theme.style(Role::Header),
        };
        let label = fit(&truncate(field.label().t(c.app.lang), LABEL_W), LABEL_W);
        f.buffer_mut()
            .set_stringn(inner.x, y, &label, LABEL_W, style);
        let err = errors
            .iter()
            .find(|(fl, _)| *fl == field)
            .map(|(_, m)| m.as_str());
        let rows = rows(c, form, field);
        let top = y;
        values(f, c, &pen, &rows, err, &mut y);
        if field == form.focus {
            cursor = caret(form, field, &pen, top).or(cursor);
            if field.is_picker() {
                cursor = picker(f, c, form, &pen, &mut y);
            }
        }
    }
    let hint = hint_items(c.app, Scope::Form, HINTS).join(" · ");
    let hint = truncate(&hint, inner.width as usize);
    let muted = c.theme.style(Role::Muted);
    f.buffer_mut()
        .set_stringn(inner.x, pen.bottom, &hint, inner.width as usize, muted);
    if let Some(pos) = cursor {
        f.set_cursor_position(pos);
    }
}

/// A field's value as lines: the description shows some of its lines
/// (more when focused, following the caret), other fields one line.
fn rows(c: &Canvas, form: &Form, field: Field) -> Vec<String> {
    if field != Field::Description {
        return vec![sanitize(&form.shown(field, c.board, c.app.lang)).into_owned()];
    }
    let focused = field == form.focus;
    let max = if focused { 6 } else { 2 };
    let (caret_line, _) = form.description.caret();
    let start = if focused {
        caret_line.saturating_sub(max - 1)
    } else {
        0
    };
    form.description
        .text()
        .split('\n')
        .skip(start)
        .take(max)
        .map(|l| sanitize(l).into_owned())
        .collect()
}

/// The value's lines from row `y` on, the field's problem after the first.
fn values(f: &mut Frame, c: &Canvas, pen: &Pen, rows: &[String], err: Option<&str>, y: &mut u16) {
    for (i, row) in rows.iter().enumerate() {
        if *y >= pen.bottom {
            break;
        }
        let text = truncate(row, pen.width);
        if i == 0
            && let Some(e) = err
        {
            let room = pen.width.saturating_sub(width(&text) + 3);
            if room > 4 {
                let msg = truncate(&format!("  ⚠ {e}"), room + 2);
                let x = pen.x + width(&text) as u16;
                let style = c.theme.style(Role::Error);
                f.buffer_mut().set_stringn(x, *y, &msg, room + 2, style);
            }
        }
        let style = c.theme.style(Role::Card);
        f.buffer_mut()
            .set_stringn(pen.x, *y, &text, pen.width, style);
        *y += 1;
    }
}

/// Where the terminal cursor goes in the focused text field (its first row
/// was `top`): input methods draw there.
fn caret(form: &Form, field: Field, pen: &Pen, top: u16) -> Option<(u16, u16)> {
    let tf = match field {
        Field::Title => &form.title,
        Field::Description => &form.description,
        Field::Due => &form.due,
        Field::Progress => &form.progress,
        Field::Output => &form.output,
        Field::Evidence => &form.evidence,
        _ => return None,
    };
    let (line, col) = tf.caret();
    let shown_line = if field == Field::Description {
        line.min(5)
    } else {
        0
    };
    (col < pen.width).then(|| (pen.x + col as u16, top + shown_line as u16))
}

/// Under a focused picker: what is typed to filter it, then its options.
/// The cursor goes after what is typed.
fn picker(f: &mut Frame, c: &Canvas, form: &Form, pen: &Pen, y: &mut u16) -> Option<(u16, u16)> {
    let mut cursor = None;
    if *y < pen.bottom {
        let q = format!("> {}", sanitize(form.query.text()));
        let style = c.theme.style(Role::Highlight);
        f.buffer_mut().set_stringn(pen.x, *y, &q, pen.width, style);
        cursor = Some((pen.x + width(&q) as u16, *y));
        *y += 1;
    }
    let choices = form.choices(c.board, c.app.lang);
    let room = (pen.bottom.saturating_sub(*y) as usize).min(8);
    let skip = form.pick.saturating_sub(room.saturating_sub(1));
    for (i, choice) in choices.iter().enumerate().skip(skip).take(room) {
        let mark = if choice.checked { "[x] " } else { "[ ] " };
        let style = match i == form.pick {
            true => c.theme.style(Role::Selected),
            false => c.theme.style(Role::Muted),
        };
        let text = truncate(&format!("{mark}{}", sanitize(&choice.label)), pen.width);
        f.buffer_mut()
            .set_stringn(pen.x, *y, &text, pen.width, style);
        *y += 1;
    }
    cursor
}
