//! Importing a file into the board: a plan document (.docx, .pdf, .doc,
//! .txt, .md; `document.rs`, `import_plan.rs`) or a task table (.xlsx,
//! .xls, .ods, .csv; `import_table.rs`) becomes one `Command::Batch` of
//! `PutUnit` (units the board lacks), `SetMeta` (a plan's number, date,
//! commune and year, when the board has none or it is the same plan) and
//! `AddTask` — one transaction, one history entry, one undo step.
//!
//! Identity: a task of the file is "already there" when the board has a
//! task with the same lead unit and the same wording (its description, or
//! its title when it has none), compared without accents, case or extra
//! spaces. Identities are counted, so a file that lists the same task twice
//! gets it twice, and importing the same file again adds nothing.
//!
//! `prepare` reads and checks everything first and changes nothing; bad
//! input gets an `ImportError` naming the file and, where it applies, the
//! line (text, .csv), paragraph (.docx), page (.pdf) or cell (workbook,
//! "Sheet1!C7"). What was found is kept with where it came from, for the
//! review (`review.rs`).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::domain::board::{Board, BoardMeta};
use crate::domain::command::Command;
use crate::domain::task::Task;
use crate::domain::text::fold;
use crate::domain::unit::Unit;

use super::document::{Document, Source, from_doc, from_docx, from_pdf, from_text};
use super::grid::BookKind;
use super::import_plan::from_document;
use super::import_table::{from_table, table_grid};
use super::units::UnitBook;

pub use super::import_msg::{ErrorKind, Found, ImportError, Warning};

/// Largest file read (a commune's plan or table is a few hundred KB).
pub const MAX_FILE: usize = 64 * 1024 * 1024;
/// Bound on the text one import adds, so its history entry stays readable.
const MAX_IMPORT_TEXT: usize = 40 * 1024 * 1024;

/// What kind of file, by its extension (or its first bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Docx,
    Pdf,
    /// Word 97.
    Doc,
    Csv,
    Book(BookKind),
}

impl Format {
    /// From the file name's extension; a Word document or workbook saved
    /// under another name (.txt, .csv, none) is known by its content.
    pub fn of(name: &str, bytes: &[u8]) -> Option<Format> {
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        let holds = |entry: &[u8]| bytes.windows(entry.len()).any(|w| w == entry);
        let zipped = bytes.starts_with(b"PK\x03\x04");
        Some(match ext.as_deref() {
            Some("docx" | "docm") => Format::Docx,
            Some("xlsx" | "xlsm") => Format::Book(BookKind::Xlsx),
            Some("xls") => Format::Book(BookKind::Xls),
            Some("ods") => Format::Book(BookKind::Ods),
            Some("pdf") => Format::Pdf,
            Some("doc") => Format::Doc,
            Some("rtf" | "odt") => return None,
            _ if bytes.starts_with(b"%PDF-") => Format::Pdf,
            _ if zipped && holds(b"word/document.xml") => Format::Docx,
            _ if zipped && holds(b"xl/workbook.xml") => Format::Book(BookKind::Xlsx),
            Some("txt" | "text") => Format::Text,
            Some("md" | "markdown") => Format::Markdown,
            Some("csv" | "tsv") => Format::Csv,
            _ if zipped => Format::Book(BookKind::Xlsx),
            _ if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) => Format::Book(BookKind::Xls),
            None => Format::Text,
            Some(_) => return None,
        })
    }
}

/// What an import would do; nothing has changed yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    /// The file's name as given, for messages.
    pub file: String,
    /// Tasks the file holds.
    pub total: usize,
    /// Of those, already on the board.
    pub existing: usize,
    /// New tasks, in file order.
    pub tasks: Vec<Task>,
    /// Where each new task came from (same order as `tasks`).
    pub origins: Vec<Found>,
    /// How the file came in (encoding, numbering, pages).
    pub source: Source,
    /// Units the board lacks and the import creates.
    pub new_units: Vec<Unit>,
    /// The plan's metadata, when it goes onto the board.
    pub meta: Option<BoardMeta>,
    /// The year a plan document says it is for (tables say none).
    pub plan_year: Option<i32>,
    pub warnings: Vec<Warning>,
}

impl Prepared {
    /// The one command that carries out the import; `None` when there is
    /// nothing to do.
    pub fn command(&self) -> Option<Command> {
        let mut cmds: Vec<Command> = self
            .new_units
            .iter()
            .cloned()
            .map(Command::PutUnit)
            .collect();
        cmds.extend(self.meta.clone().map(Command::SetMeta));
        cmds.extend(self.tasks.iter().cloned().map(Command::AddTask));
        (!cmds.is_empty()).then_some(Command::Batch(cmds))
    }
}

/// Read a file's bytes and work out what importing it into `board` would
/// do. `today` gives the year for deadlines that omit it when the board
/// has no plan year.
pub fn prepare(
    file: &str,
    bytes: &[u8],
    board: &Board,
    today: NaiveDate,
) -> Result<Prepared, ImportError> {
    let fail = |kind| ImportError {
        file: file.to_string(),
        kind,
    };
    if bytes.len() > MAX_FILE {
        return Err(fail(ErrorKind::TooLarge));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(fail(ErrorKind::Empty));
    }
    let format = Format::of(file, bytes).ok_or_else(|| fail(ErrorKind::Unsupported))?;
    let mut book = UnitBook::new(&board.units);
    let mut warnings = Vec::new();
    let year = if board.meta.year != 0 {
        board.meta.year
    } else {
        today.year()
    };
    let (found, meta, source, plan_year) =
        read_file(format, bytes, board, year, &mut book, &mut warnings).map_err(&fail)?;
    let size: usize = found
        .iter()
        .map(|f| f.task.title.len() + f.task.description.len() + f.task.output.len() + 256)
        .sum();
    if size > MAX_IMPORT_TEXT {
        return Err(fail(ErrorKind::TooLarge));
    }
    let total = found.len();
    let mut have: HashMap<(String, String), usize> = HashMap::new();
    for t in board.tasks.values() {
        *have.entry(identity(t)).or_default() += 1;
    }
    let mut origins = Vec::new();
    for f in found {
        match have.get_mut(&identity(&f.task)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => origins.push(f),
        }
    }
    let tasks: Vec<Task> = origins.iter().map(|f| f.task.clone()).collect();
    // Only units a new task uses are created.
    let used = |u: &Unit| tasks.iter().any(|t: &Task| t.involves(&u.code));
    let new_units = book.new.into_iter().filter(used).collect();
    Ok(Prepared {
        file: file.to_string(),
        existing: total - tasks.len(),
        total,
        tasks,
        origins,
        source,
        new_units,
        meta,
        plan_year,
        warnings,
    })
}

/// What a file holds: its tasks, the plan's details when they go onto the
/// board, how it came in, and the year a plan says it is for.
type Read = (Vec<Found>, Option<BoardMeta>, Source, Option<i32>);

fn read_file(
    format: Format,
    bytes: &[u8],
    board: &Board,
    year: i32,
    book: &mut UnitBook,
    warnings: &mut Vec<Warning>,
) -> Result<Read, ErrorKind> {
    let doc: Document = match format {
        Format::Csv | Format::Book(_) => {
            let kind = match format {
                Format::Book(k) => Some(k),
                _ => None,
            };
            let (grid, header) = table_grid(kind, bytes)?;
            let found = from_table(&grid, &header, book, year, warnings)?;
            return Ok((found, None, Source::default(), None));
        }
        Format::Text => from_text(bytes, false)?,
        Format::Markdown => from_text(bytes, true)?,
        Format::Docx => from_docx(bytes)?,
        Format::Pdf => from_pdf(bytes)?,
        Format::Doc => from_doc(bytes)?,
    };
    let (found, plan_meta) = from_document(&doc, book, year, warnings)?;
    let plan_year = (plan_meta.year != 0).then_some(plan_meta.year);
    let meta = meta_change(&board.meta, plan_meta, warnings);
    Ok((found, meta, doc.source, plan_year))
}

/// The identity of a task: (lead unit, folded wording).
pub fn identity(t: &Task) -> (String, String) {
    let text = if t.description.trim().is_empty() {
        &t.title
    } else {
        &t.description
    };
    let folded: Vec<String> = fold(text).split_whitespace().map(str::to_string).collect();
    (t.lead.to_string(), folded.join(" "))
}

/// Whether a plan's metadata goes onto the board: yes when the board has
/// none or holds the same plan; otherwise the board's is kept, and said.
fn meta_change(
    board: &BoardMeta,
    plan: BoardMeta,
    warnings: &mut Vec<Warning>,
) -> Option<BoardMeta> {
    let empty = board.number.is_empty() && board.commune.is_empty() && board.date.is_empty();
    let same = !board.number.is_empty() && fold(&board.number) == fold(&plan.number);
    let plan_says = !(plan.number.is_empty() && plan.commune.is_empty() && plan.date.is_empty());
    if *board == plan || !plan_says {
        None
    } else if empty || same {
        Some(plan)
    } else {
        warnings.push(Warning::MetaKept {
            board: board.number.clone(),
            plan: plan.number,
        });
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_by_extension_then_content() {
        let docx = b"PK\x03\x04....word/document.xml....";
        let xlsx = b"PK\x03\x04....xl/workbook.xml....";
        assert_eq!(Format::of("a.TXT", b"x"), Some(Format::Text));
        assert_eq!(Format::of("a.md", b"x"), Some(Format::Markdown));
        assert_eq!(Format::of("a.csv", b"x"), Some(Format::Csv));
        assert_eq!(
            Format::of("a.csv", xlsx),
            Some(Format::Book(BookKind::Xlsx))
        );
        assert_eq!(Format::of("a.txt", docx), Some(Format::Docx));
        assert_eq!(Format::of("ke-hoach", docx), Some(Format::Docx));
        assert_eq!(Format::of("ke-hoach", b"II. NOI DUNG"), Some(Format::Text));
        assert_eq!(
            Format::of("a.xlsx", docx),
            Some(Format::Book(BookKind::Xlsx))
        );
        assert_eq!(Format::of("a.doc", b""), Some(Format::Doc));
        assert_eq!(Format::of("a.pdf", b"%PDF"), Some(Format::Pdf));
        assert_eq!(Format::of("ke-hoach", b"%PDF-1.7"), Some(Format::Pdf));
        assert_eq!(Format::of("a.odt", b""), None);
    }

    #[test]
    fn identity_ignores_accents_case_and_spacing_but_not_the_lead() {
        let mut a = Task::new("Họp dân", 1, "thon");
        a.description = "Tổ chức  họp dân\nở các thôn".into();
        let mut b = Task::new("khác", 2, "thon");
        b.description = "to chuc hop dan o CAC THON".into();
        assert_eq!(identity(&a), identity(&b));
        b.lead = "vp".into();
        assert_ne!(identity(&a), identity(&b));
    }
}
