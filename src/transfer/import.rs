//! Importing a file into the board: a plan document (.txt, .md, .docx) or
//! a task table (.csv, .xlsx, .xls, .ods) becomes one `Command::Batch` of
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
//! line (text, .csv), paragraph (.docx) or cell (workbook, "Sheet1!C7").

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::domain::area::{AreaId, area_from_heading};
use crate::domain::board::{Board, BoardMeta};
use crate::domain::command::Command;
use crate::domain::deadline::{DueKind, parse_due};
use crate::domain::task::{Due, MAX_TEXT, Status, Task};
use crate::domain::text::fold;
use crate::domain::unit::{Unit, UnitCode};

use super::area_rules::{area_by_keywords, default_area_rules};
use super::decode::decode_text;
use super::docx::{DocxError, paragraphs};
use super::grid::{BookKind, Grid, Place, read_book, read_csv};
use super::plan::{Para, PlanError, read_plan, title_of};
use super::rules::{assign, default_rules};
use super::table::{Header, TableRow, find_header, read_rows};
use super::units::UnitBook;

pub use super::import_msg::{ErrorKind, ImportError, Warning};

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
            Some("doc" | "pdf" | "rtf" | "odt") => return None,
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
    let mut plan_year = None;
    let (found, meta) = match format {
        Format::Text | Format::Markdown | Format::Docx => {
            let (text, paragraphs) = plan_text(format, bytes).map_err(&fail)?;
            let (tasks, plan_meta) =
                from_plan(&text, paragraphs, board, &mut book).map_err(&fail)?;
            plan_year = (plan_meta.year != 0).then_some(plan_meta.year);
            let meta = meta_change(&board.meta, plan_meta, &mut warnings);
            (tasks, meta)
        }
        Format::Csv | Format::Book(_) => {
            let (grid, header) = table_grid(format, bytes).map_err(&fail)?;
            let tasks =
                from_table(&grid, &header, &mut book, year, &mut warnings).map_err(&fail)?;
            (tasks, None)
        }
    };
    let size: usize = found
        .iter()
        .map(|t| t.title.len() + t.description.len() + t.output.len() + 256)
        .sum();
    if size > MAX_IMPORT_TEXT {
        return Err(fail(ErrorKind::TooLarge));
    }
    let total = found.len();
    let mut have: HashMap<(String, String), usize> = HashMap::new();
    for t in board.tasks.values() {
        *have.entry(identity(t)).or_default() += 1;
    }
    let mut tasks = Vec::new();
    for t in found {
        match have.get_mut(&identity(&t)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => tasks.push(t),
        }
    }
    // Only units a new task uses are created.
    let used = |u: &Unit| tasks.iter().any(|t: &Task| t.involves(&u.code));
    let new_units = book.new.into_iter().filter(used).collect();
    Ok(Prepared {
        file: file.to_string(),
        existing: total - tasks.len(),
        total,
        tasks,
        new_units,
        meta,
        plan_year,
        warnings,
    })
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

/// The text of a plan document, and for .docx the paragraph each line is.
fn plan_text(format: Format, bytes: &[u8]) -> Result<(String, bool), ErrorKind> {
    match format {
        Format::Docx => {
            let p = paragraphs(bytes).map_err(|e| match e {
                DocxError::NotZip(m) | DocxError::BadXml(m) => ErrorKind::BrokenDocx(m),
                DocxError::NoDocument => ErrorKind::NotDocx,
                DocxError::TooLarge => ErrorKind::TooLarge,
            })?;
            // One paragraph a line (breaks inside a paragraph become spaces).
            let lines: Vec<String> = p.iter().map(|s| s.replace('\n', " ")).collect();
            Ok((lines.join("\n"), true))
        }
        Format::Markdown => Ok((
            markdown_plain(&decode_text(bytes).map_err(ErrorKind::Text)?),
            false,
        )),
        _ => Ok((decode_text(bytes).map_err(ErrorKind::Text)?, false)),
    }
}

/// Markdown to the plan's plain shape: heading marks, emphasis and escapes
/// go; "* " and "1. " lists are already what the plan parser reads.
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

fn from_plan(
    text: &str,
    paragraphs: bool,
    board: &Board,
    book: &mut UnitBook,
) -> Result<(Vec<Task>, BoardMeta), ErrorKind> {
    let place = |line| {
        if paragraphs {
            Place::Paragraph(line)
        } else {
            Place::Line(line)
        }
    };
    let rules = default_rules();
    let paras: Vec<Para> = text
        .lines()
        .enumerate()
        .map(|(i, l)| Para {
            line: i + 1,
            text: l.to_string(),
            in_table: false,
        })
        .collect();
    let year = (board.meta.year != 0).then_some(board.meta.year);
    let plan = read_plan(&paras, book, &rules, year).map_err(|e| match e {
        PlanError::NotAPlan(_) => ErrorKind::NotAPlan,
    })?;
    let mut tasks = Vec::new();
    for p in plan.tasks {
        if p.description.chars().count() > MAX_TEXT {
            return Err(ErrorKind::TooLong(place(p.line)));
        }
        for code in std::iter::once(&p.lead).chain(&p.support) {
            book.ensure(code);
        }
        let mut t = Task::new(&p.title, p.area, &p.lead);
        t.description = p.description;
        t.support = p.support.into_iter().map(UnitCode::from).collect();
        t.due = p.due;
        tasks.push(t);
    }
    Ok((tasks, plan.meta))
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

/// The sheet (or .csv reading) that holds a task table, and its header.
fn table_grid(format: Format, bytes: &[u8]) -> Result<(Grid, Header), ErrorKind> {
    match format {
        Format::Book(kind) => {
            let sheets = read_book(bytes, kind).map_err(|e| ErrorKind::BrokenBook(e.0))?;
            sheets
                .into_iter()
                .find_map(|g| find_header(&g).map(|h| (g, h)))
                .ok_or(ErrorKind::NoHeader)
        }
        _ => {
            let text = decode_text(bytes).map_err(ErrorKind::Text)?;
            csv_table(&text).ok_or(ErrorKind::NoHeader)
        }
    }
}

/// A .csv's separator is not said anywhere: it is the one whose reading
/// has a header row with the most rows below as wide as it (then the most
/// columns named, then `,` before `;` before tab). Not merely the first in
/// which a header is found: "Nội dung, nhiệm vụ;Đơn vị chủ trì;…" also
/// reads as a header with `,`, which then glued each quoted cell to the
/// cells after it.
fn csv_table(text: &str) -> Option<(Grid, Header)> {
    let mut best: Option<((usize, usize), Grid, Header)> = None;
    for sep in [b',', b';', b'\t'] {
        let g = read_csv(text, sep);
        let Some(h) = find_header(&g) else {
            continue;
        };
        let score = (g.rows_as_wide_as_header(h.data_from), h.cols.len());
        if best.as_ref().is_none_or(|(s, ..)| score > *s) {
            best = Some((score, g, h));
        }
    }
    best.map(|(_, g, h)| (g, h))
}

/// A dimension written in a cell: "1"–"8", "0", or a dimension's name.
fn area_cell(text: &str) -> Option<AreaId> {
    let t = text.trim().trim_end_matches('.');
    if t.is_empty() {
        return None;
    }
    if t.parse::<u8>().is_ok() {
        return AreaId::parse(t);
    }
    if fold(t) == "chung" {
        return Some(AreaId::GENERAL);
    }
    area_from_heading(t)
}

fn from_table(
    grid: &Grid,
    header: &Header,
    book: &mut UnitBook,
    year: i32,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Task>, ErrorKind> {
    use super::table::Col;
    let rows = read_rows(grid, header);
    let place =
        |r: &TableRow, col: Col| grid.place(&grid.rows[r.row], header.index(col).unwrap_or(0));
    for (r, c) in &rows.skipped {
        warnings.push(Warning::NoContent(grid.place(&grid.rows[*r], *c)));
    }
    let unit_rules = default_rules();
    let area_rules = default_area_rules();
    let mut tasks = Vec::new();
    for r in &rows.tasks {
        for (col, text) in [
            (Col::Content, &r.content),
            (Col::Output, &r.output),
            (Col::Note, &r.note),
        ] {
            if text.chars().count() > MAX_TEXT {
                return Err(ErrorKind::TooLong(place(r, col)));
            }
        }
        // The lead cell's first unit leads, the others support; a cell that
        // names none ("", "-", ";") leaves it to the keyword rules.
        let mut named = book.codes(&r.lead);
        let (lead, mut support) = if named.is_empty() {
            let (lead, support) = assign(&unit_rules, &r.content);
            for c in std::iter::once(&lead).chain(&support) {
                book.ensure(c);
            }
            (lead, support)
        } else {
            let lead = named.remove(0);
            (lead, named)
        };
        if !r.support.is_empty() {
            support.extend(book.codes(&r.support));
        }
        support.retain(|c| *c != lead);
        let mut seen = Vec::new();
        support.retain(|c| {
            let fresh = !seen.contains(c);
            seen.push(c.clone());
            fresh
        });
        let area = match area_cell(&r.area) {
            Some(a) => a,
            None => {
                if !r.area.is_empty() {
                    warnings.push(Warning::Area(place(r, Col::Area), r.area.clone()));
                }
                r.section_area
                    .or_else(|| area_by_keywords(&area_rules, &r.content))
                    .unwrap_or(AreaId::GENERAL)
            }
        };
        let due = match (&r.due.date, r.due.text.as_str()) {
            (Some(d), text) => Due {
                kind: Some(DueKind::Date),
                date: Some(*d),
                text: Some(text.to_string()),
            },
            (None, "") => Due::none(),
            (None, text) => match parse_due(text, Some(year)) {
                Ok(p) => Due::from_parsed(p, Some(text.to_string())),
                Err(_) => {
                    warnings.push(Warning::Due(place(r, Col::Due), text.to_string()));
                    Due {
                        kind: None,
                        date: None,
                        text: Some(text.to_string()),
                    }
                }
            },
        };
        let status = if r.status.is_empty() {
            Status::Todo
        } else {
            Status::parse(&r.status).unwrap_or_else(|| {
                warnings.push(Warning::Status(place(r, Col::Status), r.status.clone()));
                Status::Todo
            })
        };
        let first_line = r
            .content
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        let mut t = Task::new(&title_of(first_line.trim()), area, &lead);
        t.description = if r.note.is_empty() {
            r.content.clone()
        } else {
            format!("{}\n\nGhi chú: {}", r.content, r.note)
        };
        t.support = support.into_iter().map(UnitCode::from).collect();
        t.due = due;
        t.status = status;
        t.output = r.output.clone();
        tasks.push(t);
    }
    if tasks.is_empty() {
        return Err(ErrorKind::NoRows);
    }
    Ok(tasks)
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
        assert_eq!(Format::of("a.doc", b""), None);
        assert_eq!(Format::of("a.pdf", b"%PDF"), None);
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
