//! Raw terminal bytes → key events, for drivers that get a byte stream (an
//! SSH channel) and for tests that feed exactly what a terminal sends.
//!
//! Incremental: a UTF-8 letter or an escape sequence split across reads is
//! kept until the rest arrives. 0x7F is Backspace; 0x08 is Ctrl+H (as
//! crossterm reports it; text fields treat both as Backspace, which is what
//! Windows Terminal with Unikey sends). Bracketed paste arrives as one
//! `Event::Paste`, cut at [`MAX_PASTE`]: the rest of a longer paste is
//! dropped up to its end marker, never read as keys. Events come out
//! strictly in the order the bytes came in.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::Event;

#[derive(Debug, Default)]
pub struct InputParser {
    buf: Vec<u8>,
    /// Inside a bracketed paste: the bytes so far.
    paste: Option<Vec<u8>>,
    /// The paste went past [`MAX_PASTE`]: what is kept was sent, the rest
    /// is dropped until the end marker.
    cut: bool,
}

const PASTE_END: &[u8] = b"\x1b[201~";
/// The longest paste kept, in bytes (docs/reliability.md, limits).
pub const MAX_PASTE: usize = 1 << 20;

fn key(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, mods))
}

/// xterm modifier parameter ("1;5A": 5 = Ctrl) → modifiers.
fn modifiers(param: Option<u16>) -> KeyModifiers {
    let m = param.unwrap_or(1).saturating_sub(1);
    let mut out = KeyModifiers::empty();
    if m & 1 != 0 {
        out |= KeyModifiers::SHIFT;
    }
    if m & 2 != 0 {
        out |= KeyModifiers::ALT;
    }
    if m & 4 != 0 {
        out |= KeyModifiers::CONTROL;
    }
    out
}

enum Step {
    /// Consumed this many bytes, producing maybe an event.
    Done(usize, Option<Event>),
    /// Need more bytes.
    More,
}

impl InputParser {
    pub fn new() -> InputParser {
        InputParser::default()
    }

    /// Feed bytes as they arrive; returns the complete events, in order.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        self.buf.extend_from_slice(bytes);
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < self.buf.len() {
            if self.paste.is_some() {
                match self.paste_step(pos, &mut out) {
                    Ok(ended) => {
                        pos = ended;
                        continue;
                    }
                    Err(taken) => {
                        pos = taken;
                        break;
                    }
                }
            }
            match self.step(pos) {
                Step::Done(n, ev) => {
                    pos += n;
                    out.extend(ev);
                }
                Step::More => break,
            }
        }
        self.buf.drain(..pos);
        out
    }

    /// Inside a bracketed paste, at `pos`: keep what fits under the limit
    /// up to the end marker. Returns `Ok` with where the paste ended, or,
    /// when its end has not arrived, `Err` with how far the bytes were
    /// taken (a possible start of the marker stays for the next read).
    fn paste_step(&mut self, pos: usize, out: &mut Vec<Event>) -> Result<usize, usize> {
        let rest = &self.buf[pos..];
        let end = rest.windows(PASTE_END.len()).position(|w| w == PASTE_END);
        let upto = end.unwrap_or(rest.len() - (PASTE_END.len() - 1).min(rest.len()));
        let paste = self.paste.as_mut().expect("inside a paste");
        if !self.cut {
            let room = MAX_PASTE - paste.len();
            paste.extend_from_slice(&rest[..upto.min(room)]);
            if upto > room {
                // Cut between letters, never inside one.
                if let Err(e) = std::str::from_utf8(paste)
                    && e.error_len().is_none()
                {
                    paste.truncate(e.valid_up_to());
                }
                out.push(paste_event(paste));
                *paste = Vec::new();
                self.cut = true;
            }
        }
        let Some(end) = end else {
            return Err(pos + upto);
        };
        if !self.cut {
            out.push(paste_event(self.paste.as_ref().expect("inside a paste")));
        }
        self.paste = None;
        self.cut = false;
        Ok(pos + end + PASTE_END.len())
    }

    /// No more bytes are coming soon (a short pause after a read): a lone
    /// ESC is the Esc key, and an unfinished sequence is dropped.
    pub fn flush(&mut self) -> Vec<Event> {
        let mut out = Vec::new();
        if self.paste.is_none() && self.buf.first() == Some(&0x1b) {
            out.push(key(KeyCode::Esc, KeyModifiers::empty()));
            self.buf.remove(0);
            out.extend(self.feed(&[]));
        }
        if self.paste.is_none() {
            self.buf.clear();
        }
        out
    }

    /// True while bytes are held back waiting for the rest of a sequence.
    pub fn pending(&self) -> bool {
        !self.buf.is_empty()
    }

    fn step(&mut self, pos: usize) -> Step {
        let b = &self.buf[pos..];
        let none = KeyModifiers::empty();
        let ctrl = KeyModifiers::CONTROL;
        match b[0] {
            0x1b => self.escape(pos),
            b'\r' | b'\n' => Step::Done(1, Some(key(KeyCode::Enter, none))),
            b'\t' => Step::Done(1, Some(key(KeyCode::Tab, none))),
            0x7f => Step::Done(1, Some(key(KeyCode::Backspace, none))),
            0x00 => Step::Done(1, Some(key(KeyCode::Char(' '), ctrl))),
            c @ 0x01..=0x1a => {
                Step::Done(1, Some(key(KeyCode::Char((b'a' + c - 1) as char), ctrl)))
            }
            0x1c..=0x1f => Step::Done(1, None),
            _ => match utf8_len(b[0]) {
                None => Step::Done(1, None), // a stray continuation byte
                Some(n) if b.len() < n => Step::More,
                Some(n) => match std::str::from_utf8(&b[..n]) {
                    Ok(s) => Step::Done(n, s.chars().next().map(|c| key(KeyCode::Char(c), none))),
                    Err(_) => Step::Done(1, None),
                },
            },
        }
    }

    fn escape(&mut self, pos: usize) -> Step {
        let b = &self.buf[pos..];
        let none = KeyModifiers::empty();
        if b.len() < 2 {
            return Step::More;
        }
        match b[1] {
            b'[' => self.csi(pos),
            b'O' => {
                if b.len() < 3 {
                    return Step::More;
                }
                let code = match b[2] {
                    b'A' => KeyCode::Up,
                    b'B' => KeyCode::Down,
                    b'C' => KeyCode::Right,
                    b'D' => KeyCode::Left,
                    b'H' => KeyCode::Home,
                    b'F' => KeyCode::End,
                    b'P' => KeyCode::F(1),
                    b'Q' => KeyCode::F(2),
                    b'R' => KeyCode::F(3),
                    b'S' => KeyCode::F(4),
                    _ => return Step::Done(3, None),
                };
                Step::Done(3, Some(key(code, none)))
            }
            0x1b => Step::Done(1, Some(key(KeyCode::Esc, none))),
            _ => {
                // Alt+key: ESC then the key's own bytes.
                match self.step(pos + 1) {
                    Step::More => Step::More,
                    Step::Done(n, Some(Event::Key(mut k))) => {
                        k.modifiers |= KeyModifiers::ALT;
                        Step::Done(1 + n, Some(Event::Key(k)))
                    }
                    Step::Done(n, ev) => Step::Done(1 + n, ev),
                }
            }
        }
    }

    fn csi(&mut self, pos: usize) -> Step {
        let b = &self.buf[pos..];
        // ESC [ params final
        let Some(end) = b[2..].iter().position(|c| (0x40..=0x7e).contains(c)) else {
            // Give up on absurdly long garbage instead of waiting forever.
            return if b.len() > 64 {
                Step::Done(b.len(), None)
            } else {
                Step::More
            };
        };
        let end = end + 2;
        let params = std::str::from_utf8(&b[2..end]).unwrap_or("");
        let nums: Vec<Option<u16>> = params.split(';').map(|p| p.parse().ok()).collect();
        let first = nums.first().copied().flatten();
        let mods = modifiers(nums.get(1).copied().flatten());
        let len = end + 1;
        let code = match b[end] {
            b'A' => KeyCode::Up,
            b'B' => KeyCode::Down,
            b'C' => KeyCode::Right,
            b'D' => KeyCode::Left,
            b'H' => KeyCode::Home,
            b'F' => KeyCode::End,
            b'Z' => KeyCode::BackTab,
            b'~' => match first {
                Some(1 | 7) => KeyCode::Home,
                Some(4 | 8) => KeyCode::End,
                Some(2) => KeyCode::Insert,
                Some(3) => KeyCode::Delete,
                Some(5) => KeyCode::PageUp,
                Some(6) => KeyCode::PageDown,
                Some(n @ 11..=15) => KeyCode::F((n - 10) as u8),
                Some(n @ 17..=21) => KeyCode::F((n - 11) as u8),
                Some(n @ 23..=24) => KeyCode::F((n - 12) as u8),
                Some(200) => {
                    self.paste = Some(Vec::new());
                    return Step::Done(len, None);
                }
                _ => return Step::Done(len, None),
            },
            // Terminal replies (cursor reports, focus, …) are not keys.
            _ => return Step::Done(len, None),
        };
        let mods = if code == KeyCode::BackTab {
            mods | KeyModifiers::SHIFT
        } else {
            mods
        };
        Step::Done(len, Some(key(code, mods)))
    }
}

fn paste_event(bytes: &[u8]) -> Event {
    let text = String::from_utf8_lossy(bytes);
    Event::Paste(text.replace("\r\n", "\n").replace('\r', "\n"))
}

fn utf8_len(first: u8) -> Option<usize> {
    match first {
        0x00..=0x7f => Some(1),
        0xc2..=0xdf => Some(2),
        0xe0..=0xef => Some(3),
        0xf0..=0xf4 => Some(4),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(evs: &[Event]) -> Vec<(KeyCode, KeyModifiers)> {
        evs.iter()
            .filter_map(|e| match e {
                Event::Key(k) => Some((k.code, k.modifiers)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn letters_controls_and_sequences() {
        let mut p = InputParser::new();
        let ev = p.feed("vi\u{7f}ệt\x08\r\x1b[A\x1b[1;5C\x1b[3~\x03".as_bytes());
        let n = KeyModifiers::empty();
        assert_eq!(
            keys(&ev),
            vec![
                (KeyCode::Char('v'), n),
                (KeyCode::Char('i'), n),
                (KeyCode::Backspace, n),
                (KeyCode::Char('ệ'), n),
                (KeyCode::Char('t'), n),
                (KeyCode::Char('h'), KeyModifiers::CONTROL),
                (KeyCode::Enter, n),
                (KeyCode::Up, n),
                (KeyCode::Right, KeyModifiers::CONTROL),
                (KeyCode::Delete, n),
                (KeyCode::Char('c'), KeyModifiers::CONTROL),
            ]
        );
    }

    #[test]
    fn split_utf8_and_split_sequences_wait_for_the_rest() {
        let mut p = InputParser::new();
        let bytes = "ệ".as_bytes();
        assert!(p.feed(&bytes[..1]).is_empty());
        assert!(p.feed(&bytes[1..2]).is_empty());
        assert_eq!(
            keys(&p.feed(&bytes[2..])),
            vec![(KeyCode::Char('ệ'), KeyModifiers::empty())]
        );
        assert!(p.feed(b"\x1b[").is_empty());
        assert_eq!(
            keys(&p.feed(b"B")),
            vec![(KeyCode::Down, KeyModifiers::empty())]
        );
    }

    #[test]
    fn lone_escape_is_esc_after_a_pause_and_alt_otherwise() {
        let mut p = InputParser::new();
        assert!(p.feed(b"\x1b").is_empty());
        assert_eq!(
            keys(&p.flush()),
            vec![(KeyCode::Esc, KeyModifiers::empty())]
        );
        assert_eq!(
            keys(&p.feed(b"\x1bx")),
            vec![(KeyCode::Char('x'), KeyModifiers::ALT)]
        );
    }

    #[test]
    fn bracketed_paste_is_one_event_even_when_split() {
        let mut p = InputParser::new();
        let mut ev = p.feed(b"a\x1b[200~d\xc3\xb2ng 1\r\nd\xc3\xb2ng 2\x1b[20");
        ev.extend(p.feed(b"1~b"));
        assert_eq!(ev.len(), 3);
        assert!(matches!(&ev[1], Event::Paste(s) if s == "dòng 1\ndòng 2"));
        assert!(matches!(&ev[2], Event::Key(k) if k.code == KeyCode::Char('b')));
    }

    #[test]
    fn garbage_never_panics() {
        let mut p = InputParser::new();
        for chunk in [
            &b"\xff\xfe\x80"[..],
            b"\x1b[999999999999~",
            b"\x1b[?1;2c",
            b"\x1bO",
            b"\x1b\x1b\x1b",
        ] {
            let _ = p.feed(chunk);
        }
        let _ = p.flush();
    }
}
