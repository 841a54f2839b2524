//! The text of a PDF plan, as paragraphs. Plans are published and
//! forwarded as PDF; a PDF made from a document (Word, LibreOffice) holds
//! its text, which `pdf-extract` reads through each font's ToUnicode map
//! and `pdf_layout` puts in reading order (a line's characters by their
//! place, not by the order fonts were written in: a Vietnamese letter
//! from a fallback font lands inside its word). This module then puts the
//! lines back into paragraphs — a
//! line that runs to the margin continues on the next one, an item mark
//! ("1.1.", "a)", "-") starts a new one, a word cut by a hyphen is joined —
//! and drops what repeats on every page: page numbers ("2", "- 2 -",
//! "Trang 2/5") and running headers or footers. A scanned PDF has no text:
//! that is said, not guessed at.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use super::outline::{item, part_heading};

/// Why a PDF gives no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// Not a PDF this program can read (damaged, encrypted).
    Broken(String),
    /// Pages without text: a scan (an image of each page).
    NoText { pages: usize },
}

/// The paragraphs of a PDF: (page, text), pages 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfText {
    pub paras: Vec<(usize, String)>,
    pub pages: usize,
}

thread_local!(static QUIET: Cell<bool> = const { Cell::new(false) });
static HOOK: Once = Once::new();

/// Run `f`, turning a panic inside the PDF library into `None` without
/// printing it (a damaged file is a message, not a crash or a trace on a
/// user's terminal).
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    HOOK.call_once(|| {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                prev(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let out = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    out.ok()
}

/// Read a PDF's text.
pub fn read_pdf(bytes: &[u8]) -> Result<PdfText, PdfError> {
    let pages = quietly(|| super::pdf_layout::page_texts(bytes))
        .ok_or_else(|| PdfError::Broken("damaged".into()))?
        .map_err(|e| PdfError::Broken(e.to_string()))?;
    let letters: usize = pages
        .iter()
        .map(|p| p.chars().filter(|c| c.is_alphanumeric()).count())
        .sum();
    if letters < 10 * pages.len().max(1) {
        return Err(PdfError::NoText { pages: pages.len() });
    }
    Ok(paragraphs(&pages))
}

/// The page's lines, without the page number and the lines that repeat
/// at the top or bottom of most pages.
fn page_lines<'a>(page: &'a str, repeated: &[String]) -> Vec<&'a str> {
    let mut lines: Vec<&str> = page.lines().map(str::trim_end).collect();
    for _ in 0..3 {
        let edge = |l: &str| l.trim().is_empty() || page_number(l) || repeated.contains(&shape(l));
        while lines.first().is_some_and(|l| edge(l)) {
            lines.remove(0);
        }
        while lines.last().is_some_and(|l| edge(l)) {
            lines.pop();
        }
    }
    lines
}

/// "2", "- 2 -", "Trang 2", "Trang 2/5", "2/5".
fn page_number(line: &str) -> bool {
    let t = line
        .trim()
        .trim_matches(|c: char| matches!(c, '-' | '–' | ' '));
    let t = t
        .strip_prefix("Trang")
        .or_else(|| t.strip_prefix("trang"))
        .or_else(|| t.strip_prefix("Page"))
        .unwrap_or(t)
        .trim();
    !t.is_empty()
        && t.len() <= 9
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '/' || c == ' ')
}

/// A line with its digits taken out: how a running header is recognised
/// from page to page.
fn shape(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
        .collect()
}

/// Lines that stand at the top or bottom of more than half the pages.
fn repeated_edges(pages: &[String]) -> Vec<String> {
    if pages.len() < 3 {
        return Vec::new();
    }
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for p in pages {
        let lines: Vec<&str> = p.lines().filter(|l| !l.trim().is_empty()).collect();
        let mut edges: Vec<String> = lines
            .iter()
            .take(2)
            .chain(lines.iter().rev().take(2))
            .map(|l| shape(l))
            .collect();
        edges.sort();
        edges.dedup();
        for e in edges.into_iter().filter(|e| !e.is_empty()) {
            *counts.entry(e).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n * 2 > pages.len())
        .map(|(e, _)| e)
        .collect()
}

/// True if `line` starts a paragraph of its own.
fn starts_paragraph(line: &str) -> bool {
    let t = line.trim();
    item(t).is_some()
        || part_heading(t).is_some()
        || crate::domain::text::fold(t).starts_with("noi nhan")
}

/// Put the pages' lines back into paragraphs.
fn paragraphs(pages: &[String]) -> PdfText {
    let repeated = repeated_edges(pages);
    let mut paras: Vec<(usize, String)> = Vec::new();
    let mut open = false;
    let mut prev_len = 0;
    for (i, page) in pages.iter().enumerate() {
        let lines = page_lines(page, &repeated);
        let width = lines
            .iter()
            .map(|l| l.trim().chars().count())
            .max()
            .unwrap_or(0);
        for line in lines {
            let t = line.trim();
            if t.is_empty() {
                open = false;
                continue;
            }
            let prev = paras.last().map(|(_, p)| p.as_str()).unwrap_or("");
            let caps =
                prev.chars().any(char::is_alphabetic) && !prev.chars().any(char::is_lowercase);
            // A line that ends a sentence ends its paragraph unless it
            // runs to the margin; any other line short of it does too.
            let ends =
                prev.ends_with(['.', ';', ':', '!', '?']) && t.starts_with(char::is_uppercase);
            let full = if ends {
                prev_len * 100 >= width * 93
            } else {
                prev_len * 10 >= width * 6
            };
            // A numbered heading's wrapped words go on in small letters;
            // a capital after it starts the paragraph below the heading.
            let heading = item(prev).is_some_and(|i| !i.mark.is_bullet())
                && !prev.ends_with([',', ';', '-', '–'])
                && t.starts_with(char::is_uppercase);
            // Inside brackets not yet closed ("(Đơn vị thực hiện:" /
            // "Trung tâm …; Quý III/2026)"), the line goes on.
            let bracket = prev.matches('(').count() > prev.matches(')').count();
            let cont = open && (bracket || (full && !caps && !heading)) && !starts_paragraph(t);
            if cont && let Some((_, p)) = paras.last_mut() {
                // "Inter-" / "net": a foreign word cut at the margin
                // (Vietnamese syllables are never cut).
                let hyphen = p.ends_with('-')
                    && p[..p.len() - 1].ends_with(|c: char| c.is_ascii_alphabetic());
                if hyphen && t.starts_with(char::is_lowercase) {
                    p.pop();
                } else {
                    p.push(' ');
                }
                p.push_str(t);
            } else {
                paras.push((i + 1, t.to_string()));
            }
            open = true;
            prev_len = t.chars().count();
        }
    }
    PdfText {
        paras,
        pages: pages.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_back_into_paragraphs_without_page_numbers() {
        let page = |n: usize, body: &str| format!("UBND XÃ AN BÌNH\n\n{body}\n\n- {n} -\n");
        let pages = vec![
            page(
                1,
                "II. NỘI DUNG\n1.1. Nội dung “Thủ tục hành chính”\n- Rà soát, công bố đầy đủ các thủ tục hành chính thuộc thẩm\nquyền giải quyết của xã.\n- Niêm yết công khai.",
            ),
            page(
                2,
                "- Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính theo quy định của Chính phủ về dịch vụ công trực tuyến trên Inter-\nnet.",
            ),
            page(3, "Nơi nhận:"),
        ];
        let t = paragraphs(&pages);
        let texts: Vec<&str> = t.paras.iter().map(|(_, p)| p.as_str()).collect();
        assert_eq!(
            texts,
            [
                "II. NỘI DUNG",
                "1.1. Nội dung “Thủ tục hành chính”",
                "- Rà soát, công bố đầy đủ các thủ tục hành chính thuộc thẩm quyền giải quyết của xã.",
                "- Niêm yết công khai.",
                "- Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính theo quy định của Chính phủ về dịch vụ công trực tuyến trên Internet.",
                "Nơi nhận:",
            ]
        );
        assert_eq!(t.paras[4].0, 2, "the page each paragraph starts on");
    }

    #[test]
    fn a_line_inside_open_brackets_goes_on() {
        let pages = vec![
            "1.1. Bố trí đủ công chức tại Trung tâm Phục vụ hành chính công xã (VP\nHĐND-UBND chủ trì; Quý I/2026).\n- Hướng dẫn người dân thanh toán trực tuyến phí, lệ phí thật nhiều chữ. (Đơn vị thực hiện:\nTrung tâm Phục vụ hành chính công; thời gian: Quý III/2026)\n1.2. Đề mục\nNội dung bên dưới."
                .to_string(),
        ];
        let t = paragraphs(&pages);
        let texts: Vec<&str> = t.paras.iter().map(|(_, p)| p.as_str()).collect();
        assert_eq!(
            texts,
            [
                "1.1. Bố trí đủ công chức tại Trung tâm Phục vụ hành chính công xã (VP HĐND-UBND chủ trì; Quý I/2026).",
                "- Hướng dẫn người dân thanh toán trực tuyến phí, lệ phí thật nhiều chữ. (Đơn vị thực hiện: Trung tâm Phục vụ hành chính công; thời gian: Quý III/2026)",
                "1.2. Đề mục",
                "Nội dung bên dưới.",
            ]
        );
    }

    #[test]
    fn page_numbers() {
        for yes in ["2", "- 2 -", "Trang 2", "Trang 2/5", "12/40"] {
            assert!(page_number(yes), "{yes}");
        }
        for no in ["2025 là năm", "1.1. Nội dung", "Quý II/2025"] {
            assert!(!page_number(no), "{no}");
        }
    }

    #[test]
    fn not_a_pdf_is_a_message_not_a_panic() {
        assert!(matches!(
            read_pdf(b"%PDF-1.4 garbage"),
            Err(PdfError::Broken(_))
        ));
        assert!(matches!(read_pdf(b""), Err(PdfError::Broken(_))));
    }
}
