//! What an import says, in Vietnamese and English: why a file was refused
//! (naming the file and, where it applies, the line, paragraph or cell),
//! what it warned about, and the "N mới, M đã có" summary line.

use crate::domain::Lang;

use super::decode::TextError;
use super::grid::Place;
use super::import::Prepared;

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
    NotAPlan,
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
                "Tệp {f}: không nhận dạng được. Nhập được kế hoạch .txt, .md, .docx và bảng nhiệm vụ .csv, .xlsx, .xls, .ods (tệp .doc hay .pdf: hãy lưu lại dưới dạng .docx)"
            ),
            Unsupported => format!(
                "{f}: unknown format. Plans can be .txt, .md or .docx, task tables .csv, .xlsx, .xls or .ods (save a .doc or .pdf as .docx)"
            ),
            Text(TextError::NotUtf8 { line }) if vi => format!(
                "Tệp {f} không phải UTF-8 (từ dòng {line}; có thể là Windows-1258, TCVN3 hoặc UTF-16); hãy lưu lại dưới dạng UTF-8"
            ),
            Text(TextError::NotUtf8 { line }) => format!(
                "{f} is not UTF-8 (from line {line}; perhaps Windows-1258, TCVN3 or UTF-16); save it as UTF-8"
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
            NotAPlan if vi => format!(
                "Tệp {f} không phải kế hoạch: không thấy mục “NỘI DUNG” hay “TỔ CHỨC THỰC HIỆN” có gạch đầu dòng"
            ),
            NotAPlan => format!(
                "{f} is not a plan: no “NỘI DUNG” or “TỔ CHỨC THỰC HIỆN” section with bullets"
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
        }
    }
}

/// "ke-hoach.txt: 50 nhiệm vụ — 0 mới, 50 đã có".
pub fn counts_line(p: &Prepared, lang: Lang) -> String {
    let new = p.tasks.len();
    match lang {
        Lang::Vi => format!(
            "{}: {} nhiệm vụ — {new} mới, {} đã có",
            p.file, p.total, p.existing
        ),
        Lang::En => format!(
            "{}: {} tasks — {new} new, {} already there",
            p.file, p.total, p.existing
        ),
    }
}
