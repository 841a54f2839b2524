//! A plan document, whatever file it came in, as the plan reader takes it:
//! paragraphs (one a line, with Word's numbering shown) and tables, and
//! what the review says about the source — a legacy encoding converted,
//! Word numbering rendered, the pages of a PDF, a Word 97 file converted
//! through LibreOffice.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::decode::decode;
use super::docx::{Block, DocxError, read_docx};
use super::grid::Place;
use super::import_msg::ErrorKind;
use super::legacy::Legacy;
use super::pdf::{PdfError, read_pdf};
use super::plan::Para;

/// How the file came in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    /// The legacy encoding the text (or some of it) was in.
    pub legacy: Option<Legacy>,
    /// Paragraphs numbered by Word's automatic numbering.
    pub numbered: usize,
    /// Pages of a PDF.
    pub pages: Option<usize>,
    /// A Word 97 .doc converted to .docx through LibreOffice.
    pub converted: bool,
}

/// A table of the document: the paragraph it starts at, its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub index: usize,
    pub rows: Vec<Vec<String>>,
}

/// A document ready for the plan reader.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub paras: Vec<Para>,
    pub tables: Vec<Table>,
    pub source: Source,
    /// Where a paragraph is, for messages: a line, a paragraph, a page.
    pub places: Places,
}

/// How a paragraph's number reads in a message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Places {
    #[default]
    Lines,
    Paragraphs,
    /// The page of each paragraph (by its index, 1-based).
    Pages(Vec<usize>),
}

impl Document {
    /// Where paragraph `n` (1-based) is.
    pub fn place(&self, n: usize) -> Place {
        match &self.places {
            Places::Lines => Place::Line(n),
            Places::Paragraphs => Place::Paragraph(n),
            Places::Pages(p) => Place::Page(p.get(n.saturating_sub(1)).copied().unwrap_or(1)),
        }
    }
}

fn lines_of(text: &str) -> Vec<Para> {
    text.lines()
        .enumerate()
        .map(|(i, l)| Para {
            line: i + 1,
            text: l.to_string(),
            in_table: false,
        })
        .collect()
}

/// A text file (UTF-8, UTF-16, or a legacy encoding).
pub fn from_text(bytes: &[u8], markdown: bool) -> Result<Document, ErrorKind> {
    let d = decode(bytes).map_err(ErrorKind::Text)?;
    let text = if markdown {
        markdown_plain(&d.text)
    } else {
        d.text
    };
    Ok(Document {
        paras: lines_of(&text),
        source: Source {
            legacy: d.legacy,
            ..Source::default()
        },
        ..Document::default()
    })
}

/// Markdown to the plan's plain shape: heading marks, emphasis and escapes
/// go; "* " and "1. " lists are already what the plan reader reads.
fn markdown_plain(text: &str) -> String {
    text.lines()
        .map(|l| {
            let l = l.trim_start().trim_start_matches('#').trim_start();
            let l = l.trim_start_matches('>').trim_start();
            l.replace("**", "")
                .replace("__", "")
                .replace("\\-", "-")
                .replace("\\.", ".")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A Word document: its paragraphs and tables in order; the cells'
/// paragraphs also as paragraphs, for the plan's details in a header table.
pub fn from_docx(bytes: &[u8]) -> Result<Document, ErrorKind> {
    let d = read_docx(bytes).map_err(|e| match e {
        DocxError::NotZip(m) | DocxError::BadXml(m) => ErrorKind::BrokenDocx(m),
        DocxError::NoDocument => ErrorKind::NotDocx,
        DocxError::TooLarge => ErrorKind::TooLarge,
    })?;
    let mut doc = Document {
        source: Source {
            legacy: d.legacy,
            numbered: d.numbered,
            ..Source::default()
        },
        places: Places::Paragraphs,
        ..Document::default()
    };
    for b in d.blocks {
        match b {
            Block::Para { index, text } => doc.paras.push(Para {
                line: index,
                text: text.replace('\n', " "),
                in_table: false,
            }),
            Block::Table { index, rows } => {
                for cell in rows.iter().flatten().filter(|c| !c.is_empty()) {
                    doc.paras.extend(cell.split('\n').map(|t| Para {
                        line: index,
                        text: t.to_string(),
                        in_table: true,
                    }));
                }
                doc.tables.push(Table { index, rows });
            }
        }
    }
    Ok(doc)
}

/// A PDF's text as paragraphs; a scan is refused as such.
pub fn from_pdf(bytes: &[u8]) -> Result<Document, ErrorKind> {
    let t = read_pdf(bytes).map_err(|e| match e {
        PdfError::Broken(m) => ErrorKind::BrokenPdf(m),
        PdfError::NoText { pages } => ErrorKind::ScannedPdf(pages),
    })?;
    let pages: Vec<usize> = t.paras.iter().map(|(p, _)| *p).collect();
    Ok(Document {
        paras: t
            .paras
            .into_iter()
            .enumerate()
            .map(|(i, (_, text))| Para {
                line: i + 1,
                text,
                in_table: false,
            })
            .collect(),
        source: Source {
            pages: Some(t.pages),
            ..Source::default()
        },
        places: Places::Pages(pages),
        ..Document::default()
    })
}

/// LibreOffice's program, if installed.
fn office() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["soffice", "libreoffice"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}

/// A Word 97 .doc: converted to .docx by LibreOffice when it is installed
/// (at most a minute), otherwise refused with how to save it as .docx.
pub fn from_doc(bytes: &[u8]) -> Result<Document, ErrorKind> {
    let Some(office) = office() else {
        return Err(ErrorKind::WordDoc);
    };
    let dir = std::env::temp_dir().join(format!(
        "papi-board-doc-{}-{}",
        std::process::id(),
        rand::random::<u32>()
    ));
    std::fs::create_dir_all(&dir).map_err(|e| ErrorKind::Read(e.to_string()))?;
    let result = convert(&office, &dir, bytes);
    let _ = std::fs::remove_dir_all(&dir);
    let mut doc = from_docx(&result?)?;
    doc.source.converted = true;
    Ok(doc)
}

fn convert(office: &PathBuf, dir: &std::path::Path, bytes: &[u8]) -> Result<Vec<u8>, ErrorKind> {
    let input = dir.join("ke-hoach.doc");
    std::fs::write(&input, bytes).map_err(|e| ErrorKind::Read(e.to_string()))?;
    let mut child = Command::new(office)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .args(["--headless", "--convert-to", "docx", "--outdir"])
        .arg(dir)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|_| ErrorKind::WordDoc)?;
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() < Duration::from_secs(60) => {
                std::thread::sleep(Duration::from_millis(100))
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(ErrorKind::WordDoc);
            }
        }
    }
    std::fs::read(dir.join("ke-hoach.docx")).map_err(|_| ErrorKind::WordDoc)
}
