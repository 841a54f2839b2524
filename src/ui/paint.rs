//! Writing text into the frame's buffer: the summary screens and the
//! overlays put their cells with this.

use ratatui::buffer::Buffer;
use ratatui::style::Style;

use crate::domain::text::{fit, truncate};

/// Write `text` at (x, y), cut or padded to `w` cells.
pub fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, w: usize, style: Style) {
    if w == 0 {
        return;
    }
    buf.set_stringn(x, y, fit(&truncate(text, w), w), w, style);
}
