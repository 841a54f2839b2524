//! A ratatui backend for one SSH session: crossterm's escape sequences
//! written into a buffer that the session sends down its channel. The size
//! is the one the client announced (`pty-req`, `window-change`); the
//! server's own terminal, if it even has one, is never asked.

use std::sync::Arc;

use parking_lot::Mutex;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// Where crossterm writes: a buffer the session empties after each frame.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub struct SshBackend {
    inner: CrosstermBackend<Sink>,
    sink: Sink,
    size: Size,
}

impl SshBackend {
    pub fn new(width: u16, height: u16) -> SshBackend {
        let sink = Sink::default();
        SshBackend {
            inner: CrosstermBackend::new(sink.clone()),
            sink,
            size: Size { width, height },
        }
    }

    /// The client's window changed; the next draw re-lays out for it.
    pub fn set_size(&mut self, width: u16, height: u16) {
        self.size = Size { width, height };
    }

    /// Append raw bytes (mode switches) to what goes out next.
    pub fn push(&mut self, bytes: &[u8]) {
        self.sink.0.lock().extend_from_slice(bytes);
    }

    /// Everything written since the last call.
    pub fn take(&mut self) -> Vec<u8> {
        std::mem::take(&mut *self.sink.0.lock())
    }
}

impl Backend for SshBackend {
    type Error = std::io::Error;

    fn draw<'a, I>(&mut self, content: I) -> std::io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> std::io::Result<()> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> std::io::Result<()> {
        self.inner.show_cursor()
    }
    /// Never asked of the client (its reply would arrive as input).
    fn get_cursor_position(&mut self) -> std::io::Result<Position> {
        Ok(Position::ORIGIN)
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> std::io::Result<()> {
        self.inner.set_cursor_position(position)
    }
    fn clear(&mut self) -> std::io::Result<()> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> std::io::Result<()> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> std::io::Result<Size> {
        Ok(self.size)
    }
    fn window_size(&mut self) -> std::io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::default(),
        })
    }
    fn flush(&mut self) -> std::io::Result<()> {
        // The session sends the buffer itself, with backpressure.
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::widgets::Paragraph;

    #[test]
    fn size_comes_from_the_client_and_frames_come_out_as_bytes() {
        let mut t = Terminal::new(SshBackend::new(30, 5)).unwrap();
        assert_eq!(t.size().unwrap(), Size::new(30, 5));
        t.draw(|f| f.render_widget(Paragraph::new("Xin chào"), f.area()))
            .unwrap();
        let bytes = t.backend_mut().take();
        // Unchanged cells (the blank) are skipped with a cursor move.
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("Xin") && text.contains("chào"), "{text:?}");
        t.backend_mut().set_size(100, 40);
        t.draw(|f| assert_eq!(f.area().width, 100)).unwrap();
        assert!(!t.backend_mut().take().is_empty(), "a resize redraws");
    }
}
