//! The body of a Word document (.docx) as the reader of a plan sees it. A
//! .docx is a zip archive; the text is in `word/document.xml`: paragraphs
//! (`w:p`) whose words Word splits across runs freely (so runs are joined
//! without spaces), and tables (`w:tbl`) — every one of them, appendices
//! after the signature included. Word's own numbering and bullets, which
//! are not in the text, are put in front of their paragraphs as they show
//! (`numbering.rs`). Runs typed in a legacy Vietnamese font (".VnTime",
//! "VNI-Times") are converted to Unicode. Tabs and line breaks inside a
//! paragraph become `\t` and `\n`.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::legacy::{Legacy, from_font_text};
use super::numbering::{Counters, Numbering};

/// Largest XML part read (a bigger one is not a plan; a zip bomb is
/// refused before it fills the memory).
const MAX_XML: u64 = 64 * 1024 * 1024;

/// Why the bytes are not a readable Word document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// Not a zip archive, or a damaged one.
    NotZip(String),
    /// A zip archive without `word/document.xml` (perhaps a workbook).
    NoDocument,
    /// The document XML is damaged.
    BadXml(String),
    TooLarge,
}

/// A paragraph or a table of the body, in document order. `index` is the
/// 1-based number of its (first) paragraph, counting those in tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Para {
        index: usize,
        text: String,
    },
    /// Rows of cells; a cell's paragraphs joined by line breaks. A merged
    /// cell stands in its first column, the others empty.
    Table {
        index: usize,
        rows: Vec<Vec<String>>,
    },
}

/// What a .docx holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocxText {
    pub blocks: Vec<Block>,
    /// The legacy font encoding some runs were typed in.
    pub legacy: Option<Legacy>,
    /// Paragraphs whose number or bullet came from Word's numbering.
    pub numbered: usize,
}

fn read_entry(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, DocxError> {
    let mut file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(DocxError::NotZip(e.to_string())),
    };
    let mut bytes = Vec::new();
    file.by_ref()
        .take(MAX_XML + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| DocxError::NotZip(e.to_string()))?;
    if bytes.len() as u64 > MAX_XML {
        return Err(DocxError::TooLarge);
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| DocxError::BadXml(format!("{name}: not UTF-8")))
}

/// Read a .docx.
pub fn read_docx(bytes: &[u8]) -> Result<DocxText, DocxError> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::NotZip(e.to_string()))?;
    let doc = read_entry(&mut zip, "word/document.xml")?.ok_or(DocxError::NoDocument)?;
    let numbering = read_entry(&mut zip, "word/numbering.xml")?;
    let styles = read_entry(&mut zip, "word/styles.xml")?;
    let numbering = Numbering::parse(numbering.as_deref(), styles.as_deref());
    read_body(&doc, &numbering)
}

/// The paragraphs of a .docx as lines, tables' cells included (what the
/// metadata and the older callers read).
pub fn paragraphs(bytes: &[u8]) -> Result<Vec<String>, DocxError> {
    let text = read_docx(bytes)?;
    let mut out = Vec::new();
    for b in text.blocks {
        match b {
            Block::Para { text, .. } => out.push(text),
            Block::Table { rows, .. } => out.extend(
                rows.into_iter()
                    .flatten()
                    .flat_map(|c| c.split('\n').map(str::to_string).collect::<Vec<_>>()),
            ),
        }
    }
    Ok(out)
}

/// One paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    num: Option<String>,
    ilvl: Option<usize>,
    style: Option<String>,
}

/// A table being read.
#[derive(Default)]
struct Table {
    index: usize,
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    cell: Vec<String>,
    span: usize,
    merged: bool,
}

/// The walk through `document.xml`.
struct Walk<'a> {
    numbering: &'a Numbering,
    counters: Counters,
    out: DocxText,
    paras: Vec<Para>,
    tables: Vec<Table>,
    in_ppr: bool,
    in_text: bool,
    font: Option<(Legacy, bool)>,
    count: usize,
}

fn val(e: &BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == "w:val")
        .map(|a| super::numbering::unescape(&a.value))
}

/// The legacy encoding a font name says (and whether it is an all-capitals
/// ".VnTimeH" font).
fn legacy_font(e: &BytesStart) -> Option<(Legacy, bool)> {
    let name = e
        .attributes()
        .flatten()
        .find(|a| matches!(a.key.as_ref(), "w:ascii" | "w:hAnsi"))
        .map(|a| a.value.into_owned())?;
    if name.starts_with(".Vn") {
        Some((Legacy::Tcvn3, name.ends_with('H')))
    } else if name.starts_with("VNI-") || name.starts_with("VNI ") {
        Some((Legacy::Vni, false))
    } else {
        None
    }
}

impl Walk<'_> {
    fn open(&mut self, e: &BytesStart, empty: bool) {
        match e.name().as_ref() {
            "w:p" if empty => {
                self.count += 1;
                self.finish(Para::default());
            }
            "w:p" => {
                self.count += 1;
                self.paras.push(Para::default());
            }
            "w:pPr" => self.in_ppr = !empty,
            "w:pStyle" if self.in_ppr => self.para(|p, v| p.style = v, val(e)),
            "w:numId" if self.in_ppr => self.para(|p, v| p.num = v, val(e)),
            "w:ilvl" if self.in_ppr => {
                let v = val(e).and_then(|v| v.parse().ok());
                self.para(|p, v| p.ilvl = v, v)
            }
            "w:r" => self.font = None,
            "w:rFonts" if !self.in_ppr => self.font = legacy_font(e),
            "w:t" => self.in_text = !empty,
            "w:tab" if !self.in_ppr => self.push_text("\t"),
            "w:br" | "w:cr" => self.push_text("\n"),
            "w:tbl" => self.tables.push(Table {
                index: self.count + 1,
                ..Table::default()
            }),
            "w:tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.span = 1;
                    t.merged = false;
                }
            }
            "w:gridSpan" => {
                let n = val(e).and_then(|v| v.parse().ok()).unwrap_or(1usize);
                if let Some(t) = self.tables.last_mut() {
                    t.span = n.clamp(1, 64);
                }
            }
            "w:vMerge" if val(e).as_deref() != Some("restart") => {
                if let Some(t) = self.tables.last_mut() {
                    t.merged = true;
                }
            }
            _ => {}
        }
    }

    fn para<T>(&mut self, f: impl FnOnce(&mut Para, T), v: T) {
        if let Some(p) = self.paras.last_mut() {
            f(p, v);
        }
    }

    fn push_text(&mut self, s: &str) {
        let font = self.font;
        if let Some(p) = self.paras.last_mut() {
            match font.and_then(|(l, caps)| from_font_text(s, l).map(|t| (l, caps, t))) {
                Some((l, caps, t)) => {
                    p.text.push_str(&if caps { t.to_uppercase() } else { t });
                    self.out.legacy.get_or_insert(l);
                }
                None => p.text.push_str(s),
            }
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "w:t" => self.in_text = false,
            "w:pPr" => self.in_ppr = false,
            "w:p" => {
                if let Some(p) = self.paras.pop() {
                    self.finish(p);
                }
            }
            "w:tc" => {
                if let Some(t) = self.tables.last_mut() {
                    let text = if t.merged {
                        String::new()
                    } else {
                        t.cell.join("\n")
                    };
                    t.cell.clear();
                    t.row.push(text);
                    t.row
                        .extend(std::iter::repeat_n(String::new(), t.span.saturating_sub(1)));
                }
            }
            "w:tr" => {
                if let Some(t) = self.tables.last_mut() {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            "w:tbl" => {
                if let Some(t) = self.tables.pop() {
                    match self.tables.last_mut() {
                        // A table inside a cell: its text joins the cell.
                        Some(outer) => outer.cell.extend(t.rows.into_iter().flatten()),
                        None => self.out.blocks.push(Block::Table {
                            index: t.index,
                            rows: t.rows,
                        }),
                    }
                }
            }
            _ => {}
        }
    }

    /// A paragraph is read: its number in front, into its cell or the body.
    fn finish(&mut self, p: Para) {
        let list = self
            .numbering
            .list_of(p.num.as_deref(), p.ilvl, p.style.as_deref());
        let mark = list.and_then(|(num, lvl)| self.numbering.render(&mut self.counters, &num, lvl));
        let text = match mark {
            Some(m) if !p.text.trim().is_empty() => {
                self.out.numbered += 1;
                format!("{m} {}", p.text.trim_start())
            }
            _ => p.text,
        };
        match self.tables.last_mut() {
            Some(t) => t.cell.push(text),
            None => self.out.blocks.push(Block::Para {
                index: self.count,
                text,
            }),
        }
    }
}

/// Walk the body of `document.xml`.
fn read_body(xml: &str, numbering: &Numbering) -> Result<DocxText, DocxError> {
    let bad = |e: &dyn std::fmt::Display| DocxError::BadXml(e.to_string());
    let mut reader = Reader::from_str(xml);
    let mut w = Walk {
        numbering,
        counters: Counters::default(),
        out: DocxText::default(),
        paras: Vec::new(),
        tables: Vec::new(),
        in_ppr: false,
        in_text: false,
        font: None,
        count: 0,
    };
    loop {
        match reader.read_event().map_err(|e| bad(&e))? {
            Event::Eof => break,
            Event::Start(e) => w.open(&e, false),
            Event::Empty(e) => w.open(&e, true),
            Event::End(e) => w.close(e.name().as_ref()),
            Event::Text(t) if w.in_text => {
                let s = t.xml10_content().into_owned();
                w.push_text(&s);
            }
            Event::CData(t) if w.in_text => {
                let s = t.to_string();
                w.push_text(&s);
            }
            Event::GeneralRef(r) if w.in_text => {
                let c = match r.resolve_char_ref().map_err(|e| bad(&e))? {
                    Some(c) => c,
                    None => match &*r {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => {
                            return Err(DocxError::BadXml(format!("unknown entity &{other};")));
                        }
                    },
                };
                w.push_text(c.encode_utf8(&mut [0; 4]));
            }
            _ => {}
        }
    }
    if !w.paras.is_empty() || !w.tables.is_empty() {
        return Err(DocxError::BadXml("unclosed paragraph or table".into()));
    }
    Ok(w.out)
}

#[cfg(test)]
mod tests;
