//! A PDF page's text in reading order. `pdf-extract` hands over each
//! character with where it is drawn, in the order the file draws them —
//! which is not the reading order when a line mixes fonts: LibreOffice and
//! Word write a line's letters of the main font first, then those a
//! fallback font draws ("Ủ", "ộ"…), so reading in file order moves every
//! such letter to the line's end. Here the characters are put in lines by
//! their height on the page, each line by its left edge; a gap wider than
//! a tenth of the letters' size is a space, and a line further below the
//! last than one and a half times their size starts a new block (an empty
//! line), as the plain-text reader of `pdf-extract` does.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// One character as drawn: its left edge, baseline (from the top of the
/// page), right edge and size, in points.
struct Glyph {
    x: f64,
    y: f64,
    end: f64,
    size: f64,
    text: String,
}

/// Collects each page's characters, then lays them out.
#[derive(Default)]
struct Pages {
    height: f64,
    glyphs: Vec<Glyph>,
    texts: Vec<String>,
}

impl OutputDev for Pages {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = media_box.ury - media_box.lly;
        self.glyphs.clear();
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        let glyphs = std::mem::take(&mut self.glyphs);
        self.texts.push(layout(glyphs));
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let (sx, sy) = (
            font_size * (trm.m11 + trm.m21),
            font_size * (trm.m12 + trm.m22),
        );
        let size = (sx * sy).abs().sqrt();
        let text: String = text.chars().filter(|c| !c.is_control()).collect();
        if text.is_empty() || !size.is_finite() || !trm.m31.is_finite() || !trm.m32.is_finite() {
            return Ok(());
        }
        self.glyphs.push(Glyph {
            x: trm.m31,
            y: self.height - trm.m32,
            end: trm.m31 + width * size,
            size,
            text,
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Each page's text, lines in reading order.
pub fn page_texts(bytes: &[u8]) -> Result<Vec<String>, OutputError> {
    let mut doc = pdf_extract::Document::load_mem(bytes)?;
    let mut pages = Pages::default();
    if doc.is_encrypted() {
        pdf_extract::output_doc_encrypted(&mut doc, &mut pages, "")?;
    } else {
        pdf_extract::output_doc(&doc, &mut pages)?;
    }
    Ok(pages.texts)
}

/// The page's characters as lines of text.
fn layout(mut glyphs: Vec<Glyph>) -> String {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y));
    // Lines: characters whose baselines are within half a letter.
    let mut lines: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match lines.last_mut() {
            Some(line) if (g.y - line[0].y).abs() < line[0].size.max(g.size) * 0.5 => line.push(g),
            _ => lines.push(vec![g]),
        }
    }
    let mut out = String::new();
    let mut last: Option<(f64, f64)> = None;
    for mut line in lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        let (y, size) = (line[0].y, line[0].size);
        if let Some((prev_y, prev_size)) = last {
            out.push('\n');
            if y - prev_y > prev_size.max(size) * 1.5 {
                out.push('\n');
            }
        }
        out.push_str(&line_text(&line));
        last = Some((y, size));
    }
    out
}

/// A line's characters left to right, a space where a gap is.
fn line_text(line: &[Glyph]) -> String {
    let mut s = String::new();
    let mut end = f64::NEG_INFINITY;
    for g in line {
        if g.x > end + g.size * 0.1 && !s.is_empty() && !s.ends_with(' ') && g.text != " " {
            s.push(' ');
        }
        if !(g.text == " " && (s.is_empty() || s.ends_with(' '))) {
            s.push_str(&g.text);
        }
        end = end.max(g.end);
    }
    s.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(x: f64, y: f64, text: &str) -> Glyph {
        Glyph {
            x,
            y,
            end: x + 6.0,
            size: 12.0,
            text: text.to_string(),
        }
    }

    #[test]
    fn letters_of_a_fallback_font_land_inside_their_words() {
        // "Ủy ban" then "Tổ": the main font's letters first, "Ủ" and "ổ"
        // drawn after them, as LibreOffice writes a line.
        let glyphs = vec![
            glyph(18.0, 100.0, "y"),
            glyph(30.0, 100.0, "b"),
            glyph(36.0, 100.0, "a"),
            glyph(42.0, 100.0, "n"),
            glyph(12.0, 100.0, "Ủ"),
            glyph(12.0, 114.0, "T"),
            glyph(12.0, 140.0, "X"),
            glyph(18.0, 114.0, "ổ"),
        ];
        assert_eq!(layout(glyphs), "Ủy ban\nTổ\n\nX");
    }

    #[test]
    fn spaces_drawn_or_left_as_gaps_count_once() {
        let line = [
            glyph(0.0, 0.0, "a"),
            glyph(6.0, 0.0, " "),
            glyph(12.0, 0.0, "b"),
            glyph(30.0, 0.0, "c"),
        ];
        assert_eq!(line_text(&line), "a b c");
    }
}
