//! Task tables into tasks: a workbook's or .csv's "Biểu tổng hợp nhiệm
//! vụ", and the same table inside a Word plan (an appendix, usually after
//! the signature). The header names the columns (`table.rs`); a lead cell
//! names units (the first leads, the others support); an empty one leaves
//! the lead to the keyword rules. Every task keeps where it came from, for
//! the review.

use crate::domain::area::{AreaId, area_from_heading};
use crate::domain::deadline::{DueKind, parse_due};
use crate::domain::task::{Due, MAX_TEXT, Status, Task};
use crate::domain::text::fold;
use crate::domain::unit::UnitCode;

use super::area_rules::{area_by_keywords, default_area_rules};
use super::decode::decode_text;
use super::grid::{BookKind, Cell, Grid, Place, Row, read_book, read_csv};
use super::import_msg::{ErrorKind, Found, Warning};
use super::plan::lead::dedup;
use super::plan::title_of;
use super::rules::{assign, default_rules};
use super::table::{Col, Header, TableRow, find_header, read_rows};
use super::units::UnitBook;

/// The sheet (or .csv reading) that holds a task table, and its header.
pub fn table_grid(kind: Option<BookKind>, bytes: &[u8]) -> Result<(Grid, Header), ErrorKind> {
    match kind {
        Some(kind) => {
            let sheets = read_book(bytes, kind).map_err(|e| ErrorKind::BrokenBook(e.0))?;
            sheets
                .into_iter()
                .find_map(|g| find_header(&g).map(|h| (g, h)))
                .ok_or(ErrorKind::NoHeader)
        }
        None => {
            let text = decode_text(bytes).map_err(ErrorKind::Text)?;
            csv_table(&text).ok_or(ErrorKind::NoHeader)
        }
    }
}

/// A table of a Word document as a grid ("Bảng 2" in messages).
pub fn word_table(n: usize, rows: &[Vec<String>]) -> Grid {
    Grid {
        sheet: Some(format!("Bảng {n}")),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, cells)| Row {
                line: i + 1,
                first_col: 0,
                cells: cells.iter().map(|c| Cell::text(c)).collect(),
            })
            .collect(),
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

/// Reads the rows of one table.
struct Rows<'a> {
    grid: &'a Grid,
    header: &'a Header,
    year: i32,
}

impl Rows<'_> {
    fn place(&self, r: &TableRow, col: Col) -> Place {
        self.grid
            .place(&self.grid.rows[r.row], self.header.index(col).unwrap_or(0))
    }

    /// Lead and supporting units: the lead cell's first unit leads, the
    /// others support; a cell that names none ("", "-", ";") leaves it to
    /// the keyword rules. Whether the table named the lead.
    fn units(&self, r: &TableRow, book: &mut UnitBook) -> (String, Vec<String>, bool) {
        let mut named = book.codes(&r.lead);
        let stated = !named.is_empty();
        let (lead, mut support) = if stated {
            let lead = named.remove(0);
            (lead, named)
        } else {
            let (lead, support) = assign(&default_rules(), &r.content);
            let lead = book.keyword_lead(&lead);
            let support = support.iter().filter_map(|c| book.keyword(c)).collect();
            (lead, support)
        };
        if !r.support.is_empty() {
            support.extend(book.codes(&r.support));
        }
        support.retain(|c| *c != lead);
        dedup(&mut support);
        (lead, support, stated)
    }

    fn area(&self, r: &TableRow, warnings: &mut Vec<Warning>) -> AreaId {
        match area_cell(&r.area) {
            Some(a) => a,
            None => {
                if !r.area.is_empty() {
                    warnings.push(Warning::Area(self.place(r, Col::Area), r.area.clone()));
                }
                r.section_area
                    .or_else(|| area_by_keywords(&default_area_rules(), &r.content))
                    .unwrap_or(AreaId::GENERAL)
            }
        }
    }

    fn due(&self, r: &TableRow, warnings: &mut Vec<Warning>) -> Due {
        match (&r.due.date, r.due.text.as_str()) {
            (Some(d), text) => Due {
                kind: Some(DueKind::Date),
                date: Some(*d),
                text: Some(text.to_string()),
            },
            (None, "") => Due::none(),
            (None, text) => match parse_due(text, Some(self.year)) {
                Ok(p) => Due::from_parsed(p, Some(text.to_string())),
                Err(_) => {
                    warnings.push(Warning::Due(self.place(r, Col::Due), text.to_string()));
                    Due {
                        kind: None,
                        date: None,
                        text: Some(text.to_string()),
                    }
                }
            },
        }
    }

    fn status(&self, r: &TableRow, warnings: &mut Vec<Warning>) -> Status {
        if r.status.is_empty() {
            return Status::Todo;
        }
        Status::parse(&r.status).unwrap_or_else(|| {
            warnings.push(Warning::Status(
                self.place(r, Col::Status),
                r.status.clone(),
            ));
            Status::Todo
        })
    }

    fn task(
        &self,
        r: &TableRow,
        book: &mut UnitBook,
        warnings: &mut Vec<Warning>,
    ) -> Result<Found, ErrorKind> {
        for (col, text) in [
            (Col::Content, &r.content),
            (Col::Output, &r.output),
            (Col::Note, &r.note),
        ] {
            if text.chars().count() > MAX_TEXT {
                return Err(ErrorKind::TooLong(self.place(r, col)));
            }
        }
        let (lead, support, stated) = self.units(r, book);
        let first_line = r
            .content
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        let mut t = Task::new(&title_of(first_line.trim()), self.area(r, warnings), &lead);
        t.description = if r.note.is_empty() {
            r.content.clone()
        } else {
            format!("{}\n\nGhi chú: {}", r.content, r.note)
        };
        t.support = support.into_iter().map(UnitCode::from).collect();
        t.due = self.due(r, warnings);
        t.status = self.status(r, warnings);
        t.output = r.output.clone();
        Ok(Found {
            task: t,
            place: self.place(r, Col::Content),
            section: r.stt.clone(),
            lead_stated: stated,
        })
    }
}

/// The tasks of a task table; none is an error.
pub fn from_table(
    grid: &Grid,
    header: &Header,
    book: &mut UnitBook,
    year: i32,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Found>, ErrorKind> {
    let rows = read_rows(grid, header);
    for (r, c) in &rows.skipped {
        warnings.push(Warning::NoContent(grid.place(&grid.rows[*r], *c)));
    }
    let reader = Rows { grid, header, year };
    let tasks = rows
        .tasks
        .iter()
        .map(|r| reader.task(r, book, warnings))
        .collect::<Result<Vec<_>, _>>()?;
    if tasks.is_empty() {
        return Err(ErrorKind::NoRows);
    }
    Ok(tasks)
}
