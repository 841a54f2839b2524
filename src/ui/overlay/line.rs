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
    let (shown, caret) = visible(field.text(), field.cursor(), room);
    f.render_widget(Clear, area);
    f.render_widget(
        Line::from(vec![
            Span::styled(format!("{label} "), theme.style(Role::Highlight)),
            Span::raw(shown),
        ]),
        area,
    );
    let x = area.x + label_w + caret as u16;
    if x < area.right() {
        f.set_cursor_position((x, area.y));
    }
}

/// What of a one-line `text` shows in `room` cells with the caret (at byte
/// `cursor`) in view — the end of the text once the caret is past the
/// room — made inert, and the caret's column in it. Only the graphemes
/// around the caret are looked at, so a frame costs the same whatever the
/// field holds.
fn visible(text: &str, cursor: usize, room: usize) -> (String, usize) {
    let mut start = cursor;
    let mut caret = 0;
    for (i, g) in text[..cursor].grapheme_indices(true).rev() {
        let w = width(&sanitize(g));
        if caret + w > room {
            break;
        }
        caret += w;
        start = i;
    }
    let mut shown = String::new();
    let mut used = 0;
    for g in text[start..].graphemes(true) {
        shown.push_str(&sanitize(g));
        used += width(g);
        if used > room + 1 {
            break;
        }
    }
    (truncate(&shown, room), caret)
}

#[cfg(test)]
mod tests {
    use super::visible;

    #[test]
    fn the_caret_stays_in_view_and_only_its_neighbourhood_is_read() {
        assert_eq!(
            visible("Họp dân", "Họp dân".len(), 20),
            ("Họp dân".to_string(), 7)
        );
        assert_eq!(visible("Họp dân", "Họp d".len(), 20).1, 5);
        assert_eq!(
            visible("Họp dân thôn ba", 0, 8),
            ("Họp dân…".to_string(), 0)
        );
        // Past the room: the end before the caret shows.
        let long = "Kế hoạch nâng cao chỉ số PAPI ".repeat(5000);
        let (shown, caret) = visible(&long, long.len(), 20);
        assert_eq!(caret, 20);
        assert!(long.ends_with(&shown), "{shown:?}");
        // Controls are shown inert.
        assert_eq!(visible("a\u{1b}[2J", 5, 20).0, "a␛[2J");
    }
}
