//! Drawing the board into ratatui's TestBackend, for snapshot and property tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use papi_board::app::keys::Keymap;
use papi_board::app::memory::MemRepo;
use papi_board::app::{App, Clock, Event, Options};
use papi_board::domain::Lang;
use papi_board::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// 2025-06-01T00:00:00+07:00 in ms: a fixed "now" for tests.
pub const NOW: i64 = 1_748_710_800_000;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()
}

pub fn app(lang: Lang) -> App {
    App::new(Options {
        lang,
        today: today(),
        author: "test".into(),
        clock: Clock::Fixed(NOW),
        mouse: false,
        keymap: Keymap::default(),
    })
}

/// Draw one frame of `app` over `repo` at `w`×`h`.
pub fn render(app: &mut App, repo: &mut MemRepo, w: u16, h: u16, theme: &Theme) -> Buffer {
    app.update(Event::Resize(w, h), repo);
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| papi_board::ui::draw(f, app, &repo.board, theme))
        .unwrap();
    term.backend().buffer().clone()
}

/// The screen as text, one line per row, trailing spaces trimmed.
pub fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
