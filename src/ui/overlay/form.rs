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

fn draw(f: &mut Frame, c: &Canvas, form: &Form) {
    let (app, board, theme) = (c.app, c.board, c.theme);
    let area = f.area();
    let w = area.width.saturating_sub(4).clamp(30, 100);
    let h = area.height.saturating_sub(2);
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + 1,
        width: w,
        height: h,
    };
    let title = format!(" {} #{} ", app.t(S::FormTitle), form.original.id);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border_set())
        .title(Span::styled(title, theme.style(Role::Title)));
    let inner = block.inner(rect);
    f.render_widget(Clear, rect);
    f.render_widget(block, rect);
    let errors = form.errors(board, app.lang);
    let value_w = (inner.width as usize).saturating_sub(LABEL_W + 1);
    let mut y = inner.y;
    let mut cursor = None;
    let bottom = inner.bottom().saturating_sub(1);
    for field in Field::ALL {
        if y >= bottom {
            break;
        }
        let focused = field == form.focus;
        let label_style = if focused {
            theme.style(Role::Selected)
        } else {
            theme.style(Role::Header)
        };
        let label = fit(&truncate(field.label().t(app.lang), LABEL_W), LABEL_W);
        f.buffer_mut()
            .set_stringn(inner.x, y, &label, LABEL_W, label_style);
        let x = inner.x + LABEL_W as u16 + 1;
        // The description shows its lines; other fields one line.
        let rows: Vec<String> = if field == Field::Description {
            let text = form.description.text();
            let lines: Vec<&str> = text.split('\n').collect();
            let max = if focused { 6 } else { 2 };
            let (caret_line, _) = form.description.caret();
            let start = if focused {
                caret_line.saturating_sub(max - 1)
            } else {
                0
            };
            lines
                .iter()
                .skip(start)
                .take(max)
                .map(|l| sanitize(l).into_owned())
                .collect()
        } else {
            vec![sanitize(&form.shown(field, board, app.lang)).into_owned()]
        };
        let err = errors
            .iter()
            .find(|(fl, _)| *fl == field)
            .map(|(_, m)| m.clone());
        for (i, row) in rows.iter().enumerate() {
            if y >= bottom {
                break;
            }
            let mut text = truncate(row, value_w);
            if i == 0
                && let Some(e) = &err
            {
                let room = value_w.saturating_sub(width(&text) + 3);
                if room > 4 {
                    let msg = truncate(&format!("  ⚠ {e}"), room + 2);
                    f.buffer_mut().set_stringn(
                        x + width(&text) as u16,
                        y,
                        &msg,
                        room + 2,
                        theme.style(Role::Error),
                    );
                }
                text = truncate(&text, value_w);
            }
            f.buffer_mut()
                .set_stringn(x, y, &text, value_w, theme.style(Role::Card));
            y += 1;
        }
        if focused {
            if let Some(tf) = match field {
                Field::Title => Some(&form.title),
                Field::Description => Some(&form.description),
                Field::Due => Some(&form.due),
                Field::Progress => Some(&form.progress),
                Field::Output => Some(&form.output),
                Field::Evidence => Some(&form.evidence),
                _ => None,
            } {
                let (line, col) = tf.caret();
                let shown_line = if field == Field::Description {
                    line.min(5)
                } else {
                    0
                };
                let cy = y.saturating_sub(rows.len().max(1) as u16) + shown_line as u16;
                if col < value_w {
                    cursor = Some((x + col as u16, cy));
                }
            }
            if field.is_picker() {
                // The query, then the options.
                if y < bottom {
                    let q = format!("> {}", sanitize(form.query.text()));
                    f.buffer_mut()
                        .set_stringn(x, y, &q, value_w, theme.style(Role::Highlight));
                    cursor = Some((x + width(&q) as u16, y));
                    y += 1;
                }
                let choices = form.choices(board, app.lang);
                let room = (bottom.saturating_sub(y) as usize).min(8);
                let skip = form.pick.saturating_sub(room.saturating_sub(1));
                for (i, c) in choices.iter().enumerate().skip(skip).take(room) {
                    let mark = if c.checked { "[x] " } else { "[ ] " };
                    let style = if i == form.pick {
                        theme.style(Role::Selected)
                    } else {
                        theme.style(Role::Muted)
                    };
                    let text = truncate(&format!("{mark}{}", sanitize(&c.label)), value_w);
                    f.buffer_mut().set_stringn(x, y, &text, value_w, style);
                    y += 1;
                }
            }
        }
    }
    let hint = hint_items(app, Scope::Form, HINTS).join(" · ");
    let hint = truncate(&hint, inner.width as usize);
    f.buffer_mut().set_stringn(
        inner.x,
        bottom,
        &hint,
        inner.width as usize,
        theme.style(Role::Muted),
    );
    if let Some(pos) = cursor {
        f.set_cursor_position(pos);
    }
}
