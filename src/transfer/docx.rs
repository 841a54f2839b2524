//! The paragraphs of a Word document (.docx), as lines of text for the plan
//! parser. A .docx is a zip archive; the text is in `word/document.xml`,
//! one `w:p` element per paragraph, its text in `w:t` runs (Word splits
//! words across runs freely, so runs are joined without spaces). Tabs and
//! line breaks inside a paragraph become `\t` and `\n`. Paragraphs of a
//! bulleted list (Word's own bullets, which are not in the text) get a
//! "- " in front, so they read as the bullets they look like.

use std::collections::HashSet;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

/// Largest `document.xml` read (a bigger one is not a plan; a zip bomb is
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

/// The paragraphs of a .docx, in document order (table cells included).
pub fn paragraphs(bytes: &[u8]) -> Result<Vec<String>, DocxError> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::NotZip(e.to_string()))?;
    let doc = read_entry(&mut zip, "word/document.xml")?.ok_or(DocxError::NoDocument)?;
    let bullets = match read_entry(&mut zip, "word/numbering.xml")? {
        Some(xml) => bullet_lists(&xml).unwrap_or_default(),
        None => HashSet::new(),
    };
    read_paragraphs(&doc, &bullets)
}

/// The `w:numId`s whose list is bulleted (at its first level).
fn bullet_lists(xml: &str) -> Result<HashSet<String>, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut abstract_bullet: HashSet<String> = HashSet::new();
    let mut current_abstract: Option<String> = None;
    let mut in_level0 = false;
    let mut num: Option<String> = None;
    let mut out = HashSet::new();
    loop {
        match reader.read_event()? {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let attr = |key: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == key)
                        .map(|a| a.value.into_owned())
                };
                match e.name().as_ref() {
                    "w:abstractNum" => current_abstract = attr("w:abstractNumId"),
                    "w:lvl" => in_level0 = attr("w:ilvl").as_deref() == Some("0"),
                    "w:numFmt" if in_level0 && attr("w:val").as_deref() == Some("bullet") => {
                        if let Some(a) = &current_abstract {
                            abstract_bullet.insert(a.clone());
                        }
                    }
                    "w:num" => num = attr("w:numId"),
                    "w:abstractNumId" => {
                        if let (Some(n), Some(a)) = (&num, attr("w:val"))
                            && abstract_bullet.contains(&a)
                        {
                            out.insert(n.clone());
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// The text of every `w:p`, with "- " before paragraphs of bulleted lists.
fn read_paragraphs(xml: &str, bullets: &HashSet<String>) -> Result<Vec<String>, DocxError> {
    let bad = |e: &dyn std::fmt::Display| DocxError::BadXml(e.to_string());
    let mut reader = Reader::from_str(xml);
    // Paragraphs can nest (a text box inside a paragraph): one buffer each.
    let mut open: Vec<(String, bool)> = Vec::new();
    let mut out = Vec::new();
    let mut in_text = false;
    loop {
        let event = reader.read_event().map_err(|e| bad(&e))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => match e.name().as_ref() {
                "w:p" => open.push((String::new(), false)),
                "w:t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) if e.name().as_ref() == "w:p" => out.push(String::new()),
            Event::Empty(e) => {
                let Some((text, bulleted)) = open.last_mut() else {
                    continue;
                };
                match e.name().as_ref() {
                    "w:tab" => text.push('\t'),
                    "w:br" | "w:cr" => text.push('\n'),
                    "w:numId" => {
                        let id = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == "w:val")
                            .map(|a| a.value.into_owned());
                        *bulleted = id.is_some_and(|id| bullets.contains(&id));
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:p" => {
                    if let Some((text, bulleted)) = open.pop() {
                        let marked = bulleted && super::outline::bullet(text.trim()).is_none();
                        out.push(if marked { format!("- {text}") } else { text });
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some((text, _)) = open.last_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) if in_text => {
                if let Some((text, _)) = open.last_mut() {
                    text.push_str(&t);
                }
            }
            Event::GeneralRef(r) if in_text => {
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
                if let Some((text, _)) = open.last_mut() {
                    text.push(c);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn runs_join_and_entities_resolve() {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {NS}><w:body>
<w:p><w:r><w:t>Kế ho</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ạch &amp; “PAPI”</w:t></w:r></w:p>
<w:p/>
<w:p><w:r><w:t xml:space="preserve">Số: 05/KH-UBND</w:t><w:tab/><w:t>Hòa Phong</w:t><w:br/><w:t>&#273;ã</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>ô</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:delText>xóa</w:delText><w:instrText>PAGE</w:instrText></w:r></w:p>
</w:body></w:document>"#
        );
        let p = read_paragraphs(&xml, &HashSet::new()).unwrap();
        assert_eq!(
            p,
            [
                "Kế hoạch & “PAPI”",
                "",
                "Số: 05/KH-UBND\tHòa Phong\nđã",
                "ô",
                ""
            ]
        );
    }

    #[test]
    fn word_bullets_become_dashes() {
        let numbering = format!(
            r#"<w:numbering {NS}>
<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="4"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="3"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="4"/></w:num>
</w:numbering>"#
        );
        let bullets = bullet_lists(&numbering).unwrap();
        assert_eq!(bullets, HashSet::from(["1".to_string()]));
        let para = |num: &str, text: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
            )
        };
        let xml = format!(
            "<w:document {NS}><w:body>{}{}{}</w:body></w:document>",
            para("1", "Việc một"),
            para("2", "Mục hai"),
            para("1", "- Đã có gạch")
        );
        assert_eq!(
            read_paragraphs(&xml, &bullets).unwrap(),
            ["- Việc một", "Mục hai", "- Đã có gạch"]
        );
    }

    #[test]
    fn broken_input_is_an_error() {
        assert!(matches!(
            paragraphs(b"not a zip"),
            Err(DocxError::NotZip(_))
        ));
        assert!(matches!(
            read_paragraphs("<w:p><w:t>x</w:p>", &HashSet::new()),
            Err(DocxError::BadXml(_))
        ));
    }
}
