//! The editing prompts drawn over the bottom of the screen (quick-add with
//! its live preview, a note, the delete question) and the checklist panel.
//! The terminal cursor is placed at the caret so input methods draw their
//! pre-edit text where the letters go.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::app::textfield::TextField;
use crate::app::{App, Mode, status_label};
use crate::domain::board::Board;
use crate::domain::text::{sanitize, truncate, width};
use crate::i18n::S;

use super::theme::{Role, Theme};

/// Draw one input line: label, then the field scrolled so the caret shows.
fn input_line(f: &mut Frame, area: Rect, label: &str, field: &TextField, theme: &Theme) {
    let label_w = width(label) as u16 + 1;
    let room = area.width.saturating_sub(label_w + 1) as usize;
    let text = sanitize(field.text()).into_owned();
    let (_, caret) = field.caret();
    // Scroll horizontally: show the end of the text when the caret is past the room.
    let skip = caret.saturating_sub(room);
    let mut shown = String::new();
    let mut w = 0;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(text.as_str(), true) {
        let gw = width(g);
        if w < skip {
            w += gw;
            continue;
        }
        shown.push_str(g);
    }
    let shown = truncate(&shown, room);
    f.render_widget(Clear, area);
    f.render_widget(
        Line::from(vec![
            Span::styled(format!("{label} "), theme.style(Role::Highlight)),
            Span::raw(shown),
        ]),
        area,
    );
    let x = area.x + label_w + (caret - skip.min(caret)) as u16;
    if x < area.right() {
        f.set_cursor_position((x, area.y));
    }
}

pub fn draw(f: &mut Frame, app: &App, board: &Board, theme: &Theme, body: Rect) {
    let line = |dy: u16| Rect {
        y: body.bottom().saturating_sub(dy),
        height: 1,
        ..body
    };
    match &app.mode {
        Mode::Export { field } => input_line(f, line(1), app.t(S::PromptExport), field, theme),
        Mode::Search => {
            if let Some(s) = &app.search {
                let mut spans = vec![Span::styled(
                    format!("  {} {}", app.layout.total(), app.t(S::TasksWord)),
                    theme.style(Role::Muted),
                )];
                for u in &s.query.unknown {
                    spans.push(Span::styled(
                        format!("  ⚠ {}", sanitize(u)),
                        theme.style(Role::Error),
                    ));
                }
                let r = line(1);
                f.render_widget(Clear, r);
                f.render_widget(Line::from(spans), r);
                input_line(f, line(2), app.t(S::PromptSearch), &s.field, theme);
            }
        }
        Mode::QuickAdd { field } => {
            // Preview of what Enter will create, under the input.
            if let Some((q, area, lead, status)) = app.quick_add_preview(board) {
                let l = app.lang;
                let mut parts = vec![format!("#{area}"), format!("@{lead}")];
                if !q.support.is_empty() {
                    parts.push(format!("+{}", q.support.join(" +")));
                }
                if let Some((p, _)) = &q.due {
                    parts.push(format!(
                        "{} {}",
                        S::PreviewDue.t(l),
                        crate::domain::deadline::canonical_text(p)
                    ));
                }
                parts.push(status_label(status).t(l).to_string());
                let mut spans = vec![Span::styled(
                    format!("  {}", parts.join(" · ")),
                    theme.style(Role::Muted),
                )];
                for p in &q.problems {
                    spans.push(Span::styled(
                        format!("  ⚠ {}", p.message(l)),
                        theme.style(Role::Error),
                    ));
                }
                let r = line(1);
                f.render_widget(Clear, r);
                f.render_widget(Line::from(spans), r);
            }
            input_line(f, line(2), app.t(S::PromptQuickAdd), field, theme);
        }
        Mode::Note { id, field } => {
            input_line(
                f,
                line(1),
                &format!("{} #{id}>", app.t(S::PromptNote)),
                field,
                theme,
            );
        }
        Mode::ConfirmDelete { id } => {
            let title = board
                .task(*id)
                .map(|t| sanitize(&t.title).into_owned())
                .unwrap_or_default();
            let msg = format!(
                "{} #{id} “{}”? (y/n)",
                app.t(S::PromptDelete),
                truncate(&title, 40)
            );
            let r = line(1);
            f.render_widget(Clear, r);
            f.render_widget(
                Line::from(Span::styled(
                    truncate(&msg, r.width as usize),
                    theme.style(Role::Error),
                )),
                r,
            );
        }
        Mode::Checklist { id, sel, adding } => {
            checklist(f, app, board, theme, *id, *sel, adding.as_ref())
        }
        _ => {}
    }
}

fn checklist(
    f: &mut Frame,
    app: &App,
    board: &Board,
    theme: &Theme,
    id: u64,
    sel: usize,
    adding: Option<&TextField>,
) {
    let Some(t) = board.task(id) else { return };
    let area = f.area();
    let h = (t.checklist.len() as u16 + 5).clamp(6, area.height.saturating_sub(2));
    let w = area.width.saturating_sub(8).clamp(20, 76);
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    let title = truncate(
        &format!(" {} · #{id} {} ", app.t(S::FChecklist), sanitize(&t.title)),
        w as usize - 2,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border_set())
        .title(Span::styled(title, theme.style(Role::Title)));
    let inner = block.inner(rect);
    f.render_widget(Clear, rect);
    f.render_widget(block, rect);
    let mut lines: Vec<Line> = Vec::new();
    let room = inner.height.saturating_sub(2) as usize;
    let skip = sel.saturating_sub(room.saturating_sub(1));
    for (i, c) in t.checklist.iter().enumerate().skip(skip).take(room) {
        let mark = if c.done { "[x]" } else { "[ ]" };
        let style = if i == sel && adding.is_none() {
            theme.style(Role::Selected)
        } else {
            theme.style(Role::Card)
        };
        lines.push(Line::from(Span::styled(
            truncate(
                &format!("{mark} {}", sanitize(&c.text)),
                inner.width as usize,
            ),
            style,
        )));
    }
    if t.checklist.is_empty() {
        lines.push(Line::from(Span::styled(
            app.t(S::EmptyLane),
            theme.style(Role::Muted),
        )));
    }
    f.render_widget(
        Paragraph::new(lines),
        Rect {
            height: inner.height.saturating_sub(1),
            ..inner
        },
    );
    let bottom = Rect {
        y: inner.bottom().saturating_sub(1),
        height: 1,
        ..inner
    };
    match adding {
        Some(field) => input_line(f, bottom, "+", field, theme),
        None => f.render_widget(
            Line::from(Span::styled(
                truncate(app.t(S::HintChecklist), inner.width as usize),
                theme.style(Role::Muted),
            )),
            bottom,
        ),
    }
}
