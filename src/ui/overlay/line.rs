//! Drawing a one-line prompt (`app/overlay/line.rs`): its label, then the
//! text scrolled so the caret shows. The terminal cursor is placed at the
//! caret so input methods draw their pre-edit text where the letters go.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;
use unicode_segmentation::UnicodeSegmentation;

use crate::app::textfield::TextField;
use crate::domain::text::{sanitize, truncate, width};

use crate::ui::theme::{Role, Theme};

/// Draw one input line in `area`: label, then the field.
pub fn input_line(f: &mut Frame, area: Rect, label: &str, field: &TextField, theme: &Theme) {
    let label_w = width(label) as u16 + 1;
    let room = area.width.saturating_sub(label_w + 1) as usize;
    let text = sanitize(field.text()).into_owned();
    let (_, caret) = field.caret();
    // Scroll horizontally: show the end of the text when the caret is past the room.
    let skip = caret.saturating_sub(room);
    let mut shown = String::new();
    let mut w = 0;
    for g in text.as_str().graphemes(true) {
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
