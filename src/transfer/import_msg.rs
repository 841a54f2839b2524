//! What an import says, in Vietnamese and English: why a file was refused
//! (naming the file and, where it applies, the line, paragraph, page or
//! cell, and what was found instead of a plan), and what it warned about.

use crate::domain::Lang;
use crate::domain::task::Task;

use super::decode::TextError;
use super::grid::Place;
use super::plan::Seen;

/// A task the file holds and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub task: Task,
    pub place: Place,
    /// "II.1.3", "III.4", or the table's STT.
    pub section: String,
    /// The document names the lead (else the keyword rules chose it).
    pub lead_stated: bool,
}

/// A file that was not imported; nothing changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    pub kind: ErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file could not be read from disk.
    Read(String),
    Empty,
    TooLarge,
    /// An extension or content this program does not read.
    Unsupported,
    Text(TextError),
    /// No task found; what the document was seen to hold.
    NotAPlan(Box<Seen>),
    /// A PDF that cannot be read.
    BrokenPdf(String),
    /// A PDF without text (a scan), with its number of pages.
    ScannedPdf(usize),
    /// A Word 97 .doc, and no LibreOffice to convert it.
    WordDoc,
    /// A .docx that is not a zip or whose XML is damaged.
    BrokenDocx(String),
    /// A zip archive without a Word document in it.
    NotDocx,
    /// A workbook calamine cannot read.
    BrokenBook(String),
    /// No sheet has a task table's header row.
    NoHeader,
    /// A header row but no task rows.
    NoRows,
    /// A text longer than a task field holds.
    TooLong(Place),
}

/// Something an import did on its own judgement, reported with the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A deadline the parser does not know; the wording is kept, no date.
    Due(Place, String),
    /// A dimension cell that names none; section or keywords decide.
    Area(Place, String),
    /// A status cell that names none; the task starts as to do.
    Status(Place, String),
    /// A row with units or a deadline but no task text; skipped.
    NoContent(Place),
    /// The board holds another plan; its metadata is kept.
    MetaKept { board: String, plan: String },
    /// A heading with no items under it.
    EmptyHeading(Place, String),
    /// A name given as a unit that reads as none.
    Unit(Place, String),
    /// This many tasks name no lead: the keyword rules chose one.
    KeywordLeads(usize),
}

/// "dòng 7", "đoạn 12", "ô Sheet1!C7".
pub fn place_text(p: &Place, lang: Lang) -> String {
    match (p, lang) {
        (Place::Line(n), Lang::Vi) => format!("dòng {n}"),
        (Place::Line(n), Lang::En) => format!("line {n}"),
        (Place::Paragraph(n), Lang::Vi) => format!("đoạn {n}"),
        (Place::Paragraph(n), Lang::En) => format!("paragraph {n}"),
        (Place::Cell(s, c), Lang::Vi) => format!("ô {s}!{c}"),
        (Place::Cell(s, c), Lang::En) => format!("cell {s}!{c}"),
        (Place::Page(n), Lang::Vi) => format!("trang {n}"),
        (Place::Page(n), Lang::En) => format!("page {n}"),
    }
}

impl ImportError {
    pub fn message(&self, lang: Lang) -> String {
        use ErrorKind::*;
        let f = &self.file;
        let vi = lang == Lang::Vi;
        match &self.kind {
            Read(e) if vi => format!("Không đọc được tệp {f}: {e}"),
            Read(e) => format!("Cannot read {f}: {e}"),
            Empty if vi => format!("Tệp {f} trống"),
            Empty => format!("{f} is empty"),
            TooLarge if vi => format!("Tệp {f} quá lớn để nhập một lần; hãy chia thành nhiều tệp"),
            TooLarge => format!("{f} is too large to import at once; split it into several files"),
            Unsupported if vi => format!(
                "Tệp {f}: không nhận dạng được. Nhập được kế hoạch .docx, .pdf, .doc, .txt, .md và bảng nhiệm vụ .xlsx, .xls, .ods, .csv"
            ),
            Unsupported => format!(
                "{f}: unknown format. Plans can be .docx, .pdf, .doc, .txt or .md, task tables .xlsx, .xls, .ods or .csv"
            ),
            Text(TextError::NotUtf8 { line }) if vi => format!(
                "Tệp {f} không phải UTF-8 (từ dòng {line}), và đọc theo Windows-1258, TCVN3 hay VNI cũng không ra tiếng Việt; hãy lưu lại dưới dạng UTF-8"
            ),
            Text(TextError::NotUtf8 { line }) => format!(
                "{f} is not UTF-8 (from line {line}), nor Vietnamese when read as Windows-1258, TCVN3 or VNI; save it as UTF-8"
            ),
            Text(TextError::Utf16NoBom) if vi => {
                format!("Tệp {f} có vẻ là UTF-16 nhưng thiếu dấu BOM; hãy lưu lại dưới dạng UTF-8")
            }
            Text(TextError::Utf16NoBom) => {
                format!("{f} looks like UTF-16 without a byte-order mark; save it as UTF-8")
            }
            Text(TextError::BrokenUtf16) if vi => {
                format!("Tệp {f} là UTF-16 nhưng bị hỏng (bị cắt cụt?)")
            }
            Text(TextError::BrokenUtf16) => format!("{f} is UTF-16 but damaged (cut short?)"),
            Text(TextError::Binary) if vi => format!("Tệp {f} không phải tệp văn bản"),
            Text(TextError::Binary) => format!("{f} is not a text file"),
            NotAPlan(seen) => not_a_plan(f, seen, lang),
            BrokenPdf(m) if vi => format!("Tệp {f} không phải tệp PDF đọc được ({m})"),
            BrokenPdf(m) => format!("{f} is not a readable PDF file ({m})"),
            ScannedPdf(n) if vi => format!(
                "Tệp {f} là bản quét ({n} trang ảnh, không có chữ): không đọc được nội dung. Hãy nhập bản .docx hoặc bản PDF xuất từ Word"
            ),
            ScannedPdf(n) => format!(
                "{f} is a scan ({n} pages of images, no text): its words cannot be read. Import the .docx, or a PDF saved from Word"
            ),
            WordDoc if vi => format!(
                "Tệp {f} là tệp Word 97 (.doc). Hãy mở trong Word và chọn Tệp → Lưu thành → “Tài liệu Word (*.docx)”, rồi nhập tệp .docx (hoặc cài LibreOffice để chương trình tự chuyển)"
            ),
            WordDoc => format!(
                "{f} is a Word 97 file (.doc). Open it in Word, File → Save As → “Word Document (*.docx)”, and import the .docx (or install LibreOffice and it is converted for you)"
            ),
            BrokenDocx(m) if vi => format!("Tệp {f} không phải tệp Word .docx đọc được ({m})"),
            BrokenDocx(m) => format!("{f} is not a readable Word .docx file ({m})"),
            NotDocx if vi => format!("Tệp {f} là tệp nén nhưng không chứa văn bản Word"),
            NotDocx => format!("{f} is a zip archive but holds no Word document"),
            BrokenBook(m) if vi => format!("Tệp {f} không phải bảng tính đọc được ({m})"),
            BrokenBook(m) => format!("{f} is not a readable workbook ({m})"),
            NoHeader if vi => format!(
                "Tệp {f}: không thấy dòng tiêu đề của bảng nhiệm vụ (cần cột “Nội dung” hoặc “Nhiệm vụ” cùng “STT”, “Đơn vị chủ trì”, “Đơn vị phối hợp” hoặc “Thời hạn”)"
            ),
            NoHeader => format!(
                "{f}: no task-table header row (a “Nội dung” or “Nhiệm vụ” column with “STT”, “Đơn vị chủ trì”, “Đơn vị phối hợp” or “Thời hạn”)"
            ),
            NoRows if vi => format!("Tệp {f}: bảng nhiệm vụ không có dòng nhiệm vụ nào"),
            NoRows => format!("{f}: the task table has no task rows"),
            TooLong(p) if vi => format!(
                "Tệp {f}, {}: nội dung quá dài (tối đa 20.000 ký tự)",
                place_text(p, lang)
            ),
            TooLong(p) => format!(
                "{f}, {}: text too long (at most 20,000 characters)",
                place_text(p, lang)
            ),
        }
    }
}

/// A refusal that says what the document held instead of a plan.
fn not_a_plan(f: &str, seen: &Seen, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let empty: Vec<String> = seen
        .empty
        .iter()
        .take(3)
        .map(|h| format!("“{h}”"))
        .collect();
    let part = seen.content.as_ref().or(seen.organisation.as_ref());
    match (part, vi) {
        (Some(p), true) => {
            let mut m = format!("Tệp {f}: thấy mục “{p}” nhưng không thấy nhiệm vụ nào");
            if !empty.is_empty() {
                m.push_str(&format!(
                    " (đề mục không có gạch đầu dòng hay mục con: {})",
                    empty.join(", ")
                ));
            }
            m
        }
        (Some(p), false) => {
            let mut m = format!("{f}: found the part “{p}” but no task in it");
            if !empty.is_empty() {
                m.push_str(&format!(
                    " (headings with no items under them: {})",
                    empty.join(", ")
                ));
            }
            m
        }
        (None, true) => format!(
            "Tệp {f} không phải kế hoạch: không thấy mục “NỘI DUNG” (“NHIỆM VỤ, GIẢI PHÁP”), mục “TỔ CHỨC THỰC HIỆN”, đề mục nào mang tên một chỉ số PAPI, hay bảng nhiệm vụ có cột “Nội dung”"
        ),
        (None, false) => format!(
            "{f} is not a plan: no “NỘI DUNG” (“NHIỆM VỤ, GIẢI PHÁP”) or “TỔ CHỨC THỰC HIỆN” part, no heading that names a PAPI dimension, and no task table with a “Nội dung” column"
        ),
    }
}

impl Warning {
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            Warning::Due(p, t) if vi => format!(
                "{}: không hiểu thời hạn “{t}” — giữ nguyên chữ, không có ngày",
                place_text(p, lang)
            ),
            Warning::Due(p, t) => format!(
                "{}: unknown deadline “{t}” — wording kept, no date",
                place_text(p, lang)
            ),
            Warning::Area(p, t) if vi => format!(
                "{}: không rõ lĩnh vực “{t}” — theo mục hoặc từ khóa",
                place_text(p, lang)
            ),
            Warning::Area(p, t) => format!(
                "{}: unknown dimension “{t}” — taken from the section or keywords",
                place_text(p, lang)
            ),
            Warning::Status(p, t) if vi => format!(
                "{}: không rõ tình trạng “{t}” — coi là Chưa thực hiện",
                place_text(p, lang)
            ),
            Warning::Status(p, t) => {
                format!(
                    "{}: unknown status “{t}” — taken as to do",
                    place_text(p, lang)
                )
            }
            Warning::NoContent(p) if vi => format!(
                "{}: dòng không có nội dung nhiệm vụ — bỏ qua",
                place_text(p, lang)
            ),
            Warning::NoContent(p) => {
                format!("{}: row without task text — skipped", place_text(p, lang))
            }
            Warning::MetaKept { board, plan } if vi => format!(
                "Bảng đang theo Kế hoạch {board}; tệp là Kế hoạch {plan}: giữ nguyên thông tin kế hoạch của bảng"
            ),
            Warning::MetaKept { board, plan } => format!(
                "The board follows plan {board}; the file is plan {plan}: the board's plan details are kept"
            ),
            Warning::EmptyHeading(p, h) if vi => format!(
                "{}: đề mục “{h}” không có nhiệm vụ nào bên dưới — không nhập",
                place_text(p, lang)
            ),
            Warning::EmptyHeading(p, h) => format!(
                "{}: heading “{h}” has no task under it — nothing imported from it",
                place_text(p, lang)
            ),
            Warning::Unit(p, n) if vi => format!(
                "{}: “{n}” không giống tên một đơn vị — bỏ qua",
                place_text(p, lang)
            ),
            Warning::Unit(p, n) => {
                format!(
                    "{}: “{n}” does not read as a unit — left out",
                    place_text(p, lang)
                )
            }
            Warning::KeywordLeads(n) if vi => format!(
                "{n} nhiệm vụ không ghi đơn vị chủ trì: đơn vị được chọn theo từ khóa (đánh dấu “?”) — hãy kiểm tra"
            ),
            Warning::KeywordLeads(n) => format!(
                "{n} tasks name no lead unit: one was chosen by keywords (marked “?”) — check them"
            ),
        }
    }
}
