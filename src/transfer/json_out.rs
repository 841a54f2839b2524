//! JSON as the program writes it for people and scripts: pretty (as
//! `serde_json::to_string_pretty`), written straight to its destination —
//! an array one element at a time, never the whole document in memory — and
//! with every character that could act on a terminal or hide text escaped.
//!
//! serde_json escapes the C0 controls; this also escapes DEL, the C1
//! controls (U+0080–U+009F, among them U+009B, a one-byte CSI), the
//! bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E,
//! U+2066–U+2069), zero-width characters (U+200B–U+200D, U+2060, U+FEFF)
//! and the line and paragraph separators. As `\uXXXX` they read back as
//! the same text: the data is kept, only its bytes are inert.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

/// Must this char be written as `\uXXXX`?
pub fn needs_escape(c: char) -> bool {
    matches!(c,
        '\u{7f}'..='\u{9f}'
        | '\u{061c}'
        | '\u{200b}'..='\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2060}'
        | '\u{2066}'..='\u{2069}'
        | '\u{feff}')
}

/// serde_json's pretty layout (two spaces), starting at `level`, with the
/// escapes above.
struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    fn indent<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        for _ in 0..self.level {
            w.write_all(b"  ")?;
        }
        Ok(())
    }
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, b: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b)
    }
    fn close<W: ?Sized + Write>(&mut self, w: &mut W, b: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(b)
    }
    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, s: &str) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in s.char_indices() {
            if needs_escape(c) {
                w.write_all(&s.as_bytes()[start..i])?;
                write!(w, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        w.write_all(&s.as_bytes()[start..])
    }
}

fn write_at<T: Serialize + ?Sized>(out: &mut dyn Write, v: &T, level: usize) -> io::Result<()> {
    let fmt = Pretty {
        level,
        has_value: false,
    };
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, fmt);
    v.serialize(&mut ser).map_err(io::Error::other)
}

/// One value, pretty, followed by a line break.
pub fn write_pretty<T: Serialize + ?Sized>(out: &mut dyn Write, v: &T) -> io::Result<()> {
    write_at(out, v, 0)?;
    out.write_all(b"\n")
}

/// An array of values made one at a time: the same bytes as the whole
/// array given to [`write_pretty`].
pub fn write_array<T: Serialize>(
    out: &mut dyn Write,
    items: impl IntoIterator<Item = T>,
) -> io::Result<()> {
    out.write_all(b"[")?;
    let mut first = true;
    for item in items {
        out.write_all(if first { b"\n  " } else { b",\n  " })?;
        write_at(out, &item, 1)?;
        first = false;
    }
    out.write_all(if first { b"]\n" } else { b"\n]\n" })
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    fn pretty(v: &Value) -> String {
        let mut out = Vec::new();
        write_pretty(&mut out, v).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_layout_is_serde_jsons_and_an_array_streams_to_the_same_bytes() {
        let items = vec![
            json!({"id": 1, "title": "Họp dân thôn 3", "units": ["dc", "vp"], "x": null}),
            json!({"id": 2, "notes": [], "empty": {}, "n": 1.5, "ok": true}),
            json!([[], [1, [2]], {"a": {"b": []}}]),
        ];
        let whole = Value::Array(items.clone());
        assert_eq!(
            pretty(&whole),
            serde_json::to_string_pretty(&whole).unwrap() + "\n"
        );
        let mut streamed = Vec::new();
        write_array(&mut streamed, items).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), pretty(&whole));
        let mut empty = Vec::new();
        write_array(&mut empty, Vec::<Value>::new()).unwrap();
        assert_eq!(empty, b"[]\n");
    }

    #[test]
    fn controls_bidi_and_invisible_chars_are_escaped_and_read_back_the_same() {
        let hostile = "a\u{1b}]0;x\u{7}b\u{9b}2Jc\u{202e}d\u{200b}e\u{85}f\u{2028}g\u{7f}";
        let text = pretty(&json!({ "title": hostile }));
        for c in text.chars() {
            assert!(!c.is_control() || c == '\n', "{:?} in {text:?}", c as u32);
            assert!(!needs_escape(c), "{:?} in {text:?}", c as u32);
        }
        assert!(
            text.contains("\\u009b") && text.contains("\\u202e"),
            "{text}"
        );
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["title"], hostile, "the same text reads back");
        // Vietnamese text is written as is.
        assert!(pretty(&json!("Hòa Phong")).contains("Hòa Phong"));
    }
}
