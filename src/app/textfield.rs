//! A text field that does not lose a Vietnamese letter.
//!
//! - The text is always NFC: every insertion is normalised together with
//!   the letter before the cursor it may compose with (back to the last
//!   starter, at most [`RECOMPOSE_BACK`] chars), so combining marks typed or
//!   pasted separately compose with their letter, and a key costs the same
//!   in an empty field as after a megabyte of text.
//! - The cursor moves and deletes by grapheme; Backspace is both 0x7F and
//!   Ctrl+H (0x08), which is what Unikey on Windows Terminal sends.
//! - Keys are applied one by one, in order; nothing is held back.
//! - Optional built-in Telex for machines without an input method.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_normalization::char::canonical_combining_class;
use unicode_segmentation::UnicodeSegmentation;

use crate::domain::text::{nfc, one_line, width};

/// What a key did to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Changed,
    Moved,
    /// Not a key for the field (Enter in a one-line field, Tab, Esc, …).
    NotMine,
}

/// How many chars before the cursor an insertion may recompose with: a
/// starter and its combining marks (Unicode's stream-safe text has at most
/// 30 marks in a row).
pub const RECOMPOSE_BACK: usize = 32;

/// The most a field holds, in bytes: well above the longest text any field
/// may be saved with (20,000 characters), so that a save past its limit is
/// refused with a message, while a paste or a stream of keys cannot grow a
/// field (and every frame that draws it) without bound.
pub const MAX_FIELD_BYTES: usize = 128 * 1024;

/// The keys of one Telex word kept for composing; a longer run of letters
/// is no Vietnamese word, and is typed as is.
const TELEX_WORD: usize = 16;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    /// Byte offset, always on a grapheme boundary.
    cursor: usize,
    multiline: bool,
    /// Telex: the keys typed for the word being composed, and how many chars
    /// of its transformed form are in the text before the cursor.
    raw: String,
    shown: usize,
    /// A lower ceiling than [`MAX_FIELD_BYTES`] for this field, if any.
    limit: Option<usize>,
}

impl TextField {
    pub fn new(multiline: bool) -> TextField {
        TextField {
            multiline,
            ..TextField::default()
        }
    }

    /// A field holding `text` (normalised), cursor at the end.
    pub fn with_text(text: &str, multiline: bool) -> TextField {
        let text = if multiline { nfc(text) } else { one_line(text) };
        TextField {
            cursor: text.len(),
            text,
            multiline,
            ..TextField::default()
        }
    }

    /// The same field holding at most `max_bytes` of what is typed (a
    /// search, where every key is matched against every task).
    pub fn limited(mut self, max_bytes: usize) -> TextField {
        self.limit = Some(max_bytes);
        self
    }

    /// The caret, as a byte offset into [`TextField::text`] (on a grapheme
    /// boundary).
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn clear(&mut self) {
        *self = TextField {
            limit: self.limit,
            ..TextField::new(self.multiline)
        };
    }

    /// Cursor as (line, display column) for placing the terminal cursor.
    pub fn caret(&self) -> (usize, usize) {
        let before = &self.text[..self.cursor];
        let line = before.matches('\n').count();
        let start = before.rfind('\n').map_or(0, |p| p + 1);
        (line, width(&before[start..]))
    }

    fn forget_telex(&mut self) {
        self.raw.clear();
        self.shown = 0;
    }

    /// Where the text that an insertion at the cursor may compose with
    /// begins: the last starter before the cursor, at most
    /// [`RECOMPOSE_BACK`] chars back.
    pub fn recompose_start(&self) -> usize {
        let mut start = self.cursor;
        for (n, (i, c)) in self.text[..self.cursor].char_indices().rev().enumerate() {
            start = i;
            if canonical_combining_class(c) == 0 || n + 1 >= RECOMPOSE_BACK {
                break;
            }
        }
        start
    }

    /// Insert text at the cursor, normalising to NFC around the insertion.
    pub fn insert(&mut self, s: &str) {
        let s = if self.multiline {
            s.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            s.replace(['\n', '\r', '\t'], " ")
        };
        let max = self.limit.unwrap_or(MAX_FIELD_BYTES).min(MAX_FIELD_BYTES);
        let mut room = max.saturating_sub(self.text.len()).min(s.len());
        while !s.is_char_boundary(room) {
            room -= 1;
        }
        let s = &s[..room];
        if s.is_empty() {
            return;
        }
        let start = self.recompose_start();
        let mut piece = String::with_capacity(self.cursor - start + s.len());
        piece.push_str(&self.text[start..self.cursor]);
        piece.push_str(s);
        let piece = nfc(&piece);
        self.text.replace_range(start..self.cursor, &piece);
        self.cursor = start + piece.len();
    }

    /// A bracketed paste: multi-line into a multi-line field, joined into a
    /// one-line field.
    pub fn paste(&mut self, s: &str) {
        self.forget_telex();
        if self.multiline {
            self.insert(s);
        } else {
            let joined = one_line(s);
            self.insert(&joined);
        }
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    fn word_left(&self) -> usize {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end();
        trimmed.rfind(char::is_whitespace).map_or(0, |p| {
            p + trimmed[p..].chars().next().map_or(1, char::len_utf8)
        })
    }

    fn word_right(&self) -> usize {
        let after = &self.text[self.cursor..];
        let skip_space = after.len() - after.trim_start().len();
        let rest = &after[skip_space..];
        let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
        self.cursor + skip_space + word
    }

    fn line_start(&self) -> usize {
        if self.multiline {
            self.text[..self.cursor].rfind('\n').map_or(0, |p| p + 1)
        } else {
            0
        }
    }

    fn line_end(&self) -> usize {
        if self.multiline {
            self.text[self.cursor..]
                .find('\n')
                .map_or(self.text.len(), |p| self.cursor + p)
        } else {
            self.text.len()
        }
    }

    fn delete_range(&mut self, from: usize, to: usize) {
        self.text.replace_range(from..to, "");
        self.cursor = from;
    }

    fn backspace(&mut self) {
        if self.cursor == 0 {
            return;
        }
        if !self.raw.is_empty() {
            // Telex: take the last key back and compose again.
            self.raw.pop();
            let prev = self.shown;
            self.shown = 0;
            let start = self.char_back(prev);
            self.delete_range(start, self.cursor);
            let raw = std::mem::take(&mut self.raw);
            for c in raw.chars() {
                self.telex_push(c);
            }
            return;
        }
        let from = self.prev_boundary();
        self.delete_range(from, self.cursor);
    }

    /// Byte offset `n` chars before the cursor.
    fn char_back(&self, n: usize) -> usize {
        self.text[..self.cursor]
            .char_indices()
            .rev()
            .nth(n.saturating_sub(1))
            .map_or(0, |(i, _)| if n == 0 { self.cursor } else { i })
    }

    fn telex_push(&mut self, c: char) {
        if self.raw.chars().count() >= TELEX_WORD {
            self.forget_telex();
        }
        self.raw.push(c);
        let mut out = String::new();
        vi::transform_buffer(&vi::TELEX, self.raw.chars(), &mut out);
        let out = nfc(&out);
        let start = self.char_back(self.shown);
        self.text.replace_range(start..self.cursor, &out);
        self.cursor = start + out.len();
        self.shown = out.chars().count();
    }

    /// Apply one key. `telex` composes Vietnamese from plain letters.
    pub fn key(&mut self, k: &KeyEvent, telex: bool) -> Outcome {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        let alt = k.modifiers.contains(KeyModifiers::ALT);
        match k.code {
            KeyCode::Backspace => self.backspace(),
            KeyCode::Char('h') if ctrl => self.backspace(),
            KeyCode::Char(c) if !ctrl && !alt && telex && c.is_ascii_alphabetic() => {
                self.telex_push(c)
            }
            KeyCode::Char(c) if !ctrl && !alt => {
                self.forget_telex();
                let mut buf = [0u8; 4];
                self.insert(c.encode_utf8(&mut buf));
            }
            KeyCode::Enter if self.multiline => {
                self.forget_telex();
                self.insert("\n");
            }
            code => {
                let outcome = self.edit(code, ctrl);
                if outcome != Outcome::NotMine {
                    self.forget_telex();
                }
                return outcome;
            }
        }
        Outcome::Changed
    }

    /// The keys that move the caret or delete around it.
    fn edit(&mut self, code: KeyCode, ctrl: bool) -> Outcome {
        let (from, to) = match code {
            KeyCode::Char('w') if ctrl => (self.word_left(), self.cursor),
            KeyCode::Char('u') if ctrl => (self.line_start(), self.cursor),
            KeyCode::Delete => (self.cursor, self.next_boundary()),
            _ => {
                return match self.caret_to(code, ctrl) {
                    Some(at) => {
                        self.cursor = at;
                        Outcome::Moved
                    }
                    None => Outcome::NotMine,
                };
            }
        };
        self.delete_range(from, to);
        Outcome::Changed
    }

    /// Where a moving key puts the caret (`None`: not a moving key).
    fn caret_to(&mut self, code: KeyCode, ctrl: bool) -> Option<usize> {
        Some(match code {
            KeyCode::Char('a') if ctrl => self.line_start(),
            KeyCode::Char('e') if ctrl => self.line_end(),
            KeyCode::Left if ctrl => self.word_left(),
            KeyCode::Right if ctrl => self.word_right(),
            KeyCode::Left => self.prev_boundary(),
            KeyCode::Right => self.next_boundary(),
            KeyCode::Home => self.line_start(),
            KeyCode::End => self.line_end(),
            KeyCode::Up | KeyCode::Down if self.multiline => {
                self.vertical(code == KeyCode::Up);
                self.cursor
            }
            _ => return None,
        })
    }

    fn vertical(&mut self, up: bool) {
        let (_, col) = self.caret();
        let start = self.line_start();
        let target_line_start = if up {
            if start == 0 {
                return;
            }
            self.text[..start - 1].rfind('\n').map_or(0, |p| p + 1)
        } else {
            match self.text[self.cursor..].find('\n') {
                Some(p) => self.cursor + p + 1,
                None => return,
            }
        };
        let line_end = self.text[target_line_start..]
            .find('\n')
            .map_or(self.text.len(), |p| target_line_start + p);
        let mut pos = target_line_start;
        for (i, g) in self.text[target_line_start..line_end].grapheme_indices(true) {
            if width(&self.text[target_line_start..target_line_start + i]) >= col {
                break;
            }
            pos = target_line_start + i + g.len();
        }
        self.cursor = pos;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Event;
    use crate::term::input::InputParser;

    /// Feed raw terminal bytes through the byte parser into a field.
    fn typed(chunks: &[&[u8]], telex: bool) -> String {
        let mut p = InputParser::new();
        let mut f = TextField::new(false);
        for chunk in chunks {
            for ev in p.feed(chunk) {
                match ev {
                    Event::Key(k) => {
                        f.key(&k, telex);
                    }
                    Event::Paste(s) => f.paste(&s),
                    _ => {}
                }
            }
        }
        f.text().to_string()
    }

    #[test]
    fn input_method_sequences_end_as_the_right_text() {
        // Unikey/EVKey style: letters, then backspace and the replacement.
        assert_eq!(typed(&["vie\x7fêt\x7f\x7fệt".as_bytes()], false), "việt");
        // The same with Ctrl+H (0x08) as backspace (Windows Terminal).
        assert_eq!(typed(&["vie\x08êt\x08\x08ệt".as_bytes()], false), "việt");
        // Several keys in one read, and one key split across reads.
        let bytes = "tie\x7fên\x7f\x7fếng Vie\x7fêt\x7f\x7fệt".as_bytes();
        assert_eq!(typed(&[bytes], false), "tiếng Việt");
        let (a, b) = bytes.split_at(5);
        assert_eq!(typed(&[a, b], false), "tiếng Việt");
        assert_eq!(typed(&["đươ\x7f\x7f\x7fđường".as_bytes()], false), "đường");
    }

    #[test]
    fn decomposed_text_is_stored_composed() {
        // Typed as base letters followed by combining marks.
        assert_eq!(typed(&["vie\u{0302}\u{0323}t".as_bytes()], false), "việt");
        // Pasted from a macOS file (NFD), inside bracketed paste.
        let pasted = format!("\x1b[200~{}\x1b[201~", "Vie\u{0323}\u{0302}t Nam");
        let text = typed(&[pasted.as_bytes()], false);
        assert_eq!(text, "Việt Nam");
        assert_eq!(text.chars().count(), 8, "one char per letter");
    }

    #[test]
    fn telex_composes_and_off_leaves_bytes_as_typed() {
        assert_eq!(typed(&[b"tieengs Vieetj"], true), "tiếng Việt");
        assert_eq!(typed(&[b"dduwowngf"], true), "đường");
        assert_eq!(typed(&[b"tieengs Vieetj"], false), "tieengs Vieetj");
        // Backspace inside a Telex word takes back the last key.
        assert_eq!(typed(&[b"vieetj\x7f"], true), "viêt");
    }

    #[test]
    fn cursor_moves_and_deletes_by_grapheme_and_word() {
        let mut f = TextField::with_text("Họp dân thôn", false);
        let key = |c| KeyEvent::new(c, KeyModifiers::empty());
        let ctrl = |c| KeyEvent::new(c, KeyModifiers::CONTROL);
        f.key(&key(KeyCode::Left), false);
        f.key(&key(KeyCode::Backspace), false);
        assert_eq!(f.text(), "Họp dân thn");
        f.key(&ctrl(KeyCode::Left), false);
        assert_eq!(f.caret(), (0, 8));
        f.key(&ctrl(KeyCode::Char('w')), false);
        assert_eq!(f.text(), "Họp thn");
        f.key(&key(KeyCode::Home), false);
        f.key(&key(KeyCode::Delete), false);
        assert_eq!(f.text(), "ọp thn");
        f.key(&key(KeyCode::End), false);
        f.key(&ctrl(KeyCode::Char('u')), false);
        assert_eq!(f.text(), "");
        assert_eq!(f.key(&key(KeyCode::Enter), false), Outcome::NotMine);
    }

    #[test]
    fn paste_joins_lines_in_one_line_fields_and_keeps_them_in_multiline() {
        let mut one = TextField::new(false);
        one.paste("dòng 1\ndòng 2");
        assert_eq!(one.text(), "dòng 1 dòng 2");
        let mut many = TextField::new(true);
        many.paste("dòng 1\r\ndòng 2");
        assert_eq!(many.text(), "dòng 1\ndòng 2");
        assert_eq!(many.caret(), (1, 6));
        many.key(&KeyEvent::new(KeyCode::Up, KeyModifiers::empty()), false);
        assert_eq!(many.caret(), (0, 6));
    }

    /// The whole-prefix normalisation this field used to do on every key:
    /// the reference the windowed one must agree with.
    fn reference_insert(text: &mut String, cursor: &mut usize, s: &str) {
        let before = nfc(&format!("{}{s}", &text[..*cursor]));
        let after = text[*cursor..].to_string();
        *cursor = before.len();
        *text = before + &after;
    }

    proptest::proptest! {
        #[test]
        fn inserting_around_the_cursor_gives_the_same_text_as_normalising_everything(
            ops in proptest::collection::vec(
                (0usize..4, proptest::sample::select(vec![
                    "a", "e", "o", "u", "d", "đ", "ê", "ệ", "Ư", " ", "\u{0300}", "\u{0301}",
                    "\u{0302}", "\u{0303}", "\u{0309}", "\u{0323}", "\u{031b}", "\u{0306}",
                    "\u{1100}", "\u{1161}", "\u{11a8}", "\u{ac00}", "e\u{0323}\u{0302}",
                ])),
                1..60,
            )
        ) {
            let mut f = TextField::new(true);
            let mut text = String::new();
            for (moves, piece) in ops {
                // Move left a few graphemes, in both, then insert.
                for _ in 0..moves {
                    f.key(&KeyEvent::new(KeyCode::Left, KeyModifiers::empty()), false);
                }
                let mut cursor = f.cursor;
                proptest::prop_assert_eq!(&text, &f.text);
                f.insert(piece);
                reference_insert(&mut text, &mut cursor, piece);
                proptest::prop_assert_eq!(&text, &f.text);
                proptest::prop_assert_eq!(cursor, f.cursor);
            }
        }
    }

    #[test]
    fn a_key_after_a_megabyte_renormalises_only_the_letter_before_it() {
        // A task's text is loaded whole (only what is typed is capped).
        let big = "Kế hoạch nâng cao chỉ số PAPI ".repeat(40_000);
        let f = TextField::with_text(&big, true);
        assert!(f.text().len() > 1_000_000);
        // What a key recomposes is the last letter, not the megabyte.
        assert!(f.cursor - f.recompose_start() <= 4 * RECOMPOSE_BACK);
        // Even after a run of combining marks far longer than any letter has.
        let mut marks = TextField::new(false);
        marks.paste(&format!("a{}", "\u{0301}".repeat(10_000)));
        assert_eq!(marks.cursor - marks.recompose_start(), 2 * RECOMPOSE_BACK);
        for c in "ệt".chars() {
            let k = KeyEvent::new(KeyCode::Char(c), KeyModifiers::empty());
            marks.key(&k, false);
        }
        assert!(marks.text().ends_with("ệt"));
        // A field holds at most MAX_FIELD_BYTES, whatever is pasted or typed.
        let mut f = TextField::new(false);
        f.paste(&big);
        f.key(
            &KeyEvent::new(KeyCode::Char('x'), KeyModifiers::empty()),
            false,
        );
        assert!(f.text().len() <= MAX_FIELD_BYTES && f.text().len() > MAX_FIELD_BYTES - 4);
        assert!(f.text().starts_with("Kế hoạch"));
        // A field may have a lower ceiling.
        let mut q = TextField::new(false).limited(12);
        q.paste("Kế hoạch nâng cao");
        assert_eq!(q.text(), "Kế hoạch");
        // Telex keeps at most one word's keys, however long the run of letters.
        let mut t = TextField::new(false);
        for _ in 0..1000 {
            t.key(
                &KeyEvent::new(KeyCode::Char('b'), KeyModifiers::empty()),
                true,
            );
        }
        assert!(t.raw.len() <= TELEX_WORD);
        assert_eq!(t.text().chars().count(), 1000);
    }
}
