//! A spreadsheet as rows of text cells, whatever it came from: a .csv (any
//! of `,` `;` tab as separator) or a workbook (.xlsx, .xls, .ods, read with
//! calamine). Every row keeps where it was, so a message can name the line
//! of a .csv or the cell of a workbook ("Sheet1!C7").

use std::io::Cursor;

use calamine::{Data, Reader};
use chrono::NaiveDate;

/// One cell: its text, and its date when the workbook stored a real date.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub text: String,
    pub date: Option<NaiveDate>,
}

impl Cell {
    pub fn text(s: &str) -> Cell {
        Cell {
            text: s.to_string(),
            date: None,
        }
    }
}

/// One row and where it starts: the 1-based line (.csv) or row (workbook).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub line: usize,
    /// 0-based column of the first cell.
    pub first_col: usize,
    pub cells: Vec<Cell>,
}

/// A sheet of rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// The worksheet's name; `None` for a .csv.
    pub sheet: Option<String>,
    pub rows: Vec<Row>,
}

/// Where a cell is, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A line of a text file.
    Line(usize),
    /// A paragraph of a Word document.
    Paragraph(usize),
    /// A worksheet cell: sheet, "C7".
    Cell(String, String),
    /// A page of a PDF.
    Page(usize),
}

impl Grid {
    /// The place of column `col` (0-based, in the row's cells) of a row.
    pub fn place(&self, row: &Row, col: usize) -> Place {
        match &self.sheet {
            None => Place::Line(row.line),
            Some(s) => Place::Cell(
                s.clone(),
                format!("{}{}", column_letters(row.first_col + col), row.line),
            ),
        }
    }

    /// How many rows from `from` on have exactly as many cells as the row
    /// just above it (a table's header). Read with its own separator, a
    /// spreadsheet's .csv has every row alike (Excel writes each row to the
    /// full width); read with another separator, a row's width depends on
    /// how often that character happens to be in its text. Quoted fields
    /// count as one cell whatever they hold.
    pub fn rows_as_wide_as_header(&self, from: usize) -> usize {
        let Some(width) = from
            .checked_sub(1)
            .and_then(|h| self.rows.get(h))
            .map(|r| r.cells.len())
        else {
            return 0;
        };
        self.rows
            .iter()
            .skip(from)
            .filter(|r| r.cells.len() == width)
            .count()
    }
}

/// "A", "B", …, "Z", "AA", … for a 0-based column.
pub fn column_letters(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// Read decoded .csv text with one separator. Quoted fields may hold
/// separators and line breaks; rows may have any number of fields.
pub fn read_csv(text: &str, sep: u8) -> Grid {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line() as usize;
        match reader.read_record(&mut record) {
            Ok(true) => rows.push(Row {
                line,
                first_col: 0,
                cells: record.iter().map(Cell::text).collect(),
            }),
            Ok(false) => break,
            // Text is already valid UTF-8 and the reader is flexible: an
            // error here is a malformed record; keep what was read so far.
            Err(_) => break,
        }
    }
    Grid { sheet: None, rows }
}

/// Why a workbook could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookError(pub String);

/// Which workbook format the bytes are in, by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookKind {
    Xlsx,
    Xls,
    Ods,
}

/// Read every worksheet of a workbook, in order.
pub fn read_book(bytes: &[u8], kind: BookKind) -> Result<Vec<Grid>, BookError> {
    let err = |e: &dyn std::fmt::Display| BookError(e.to_string());
    let cursor = Cursor::new(bytes);
    // A malformed file must not take the program down with it.
    let read = std::panic::catch_unwind(move || -> Result<Vec<Grid>, BookError> {
        match kind {
            BookKind::Xlsx => {
                let mut book: calamine::Xlsx<_> =
                    calamine::open_workbook_from_rs(cursor).map_err(|e| err(&e))?;
                sheets(&mut book)
            }
            BookKind::Xls => {
                let mut book: calamine::Xls<_> =
                    calamine::open_workbook_from_rs(cursor).map_err(|e| err(&e))?;
                sheets(&mut book)
            }
            BookKind::Ods => {
                let mut book: calamine::Ods<_> =
                    calamine::open_workbook_from_rs(cursor).map_err(|e| err(&e))?;
                sheets(&mut book)
            }
        }
    });
    read.unwrap_or_else(|_| Err(BookError("unreadable workbook".into())))
}

fn sheets<RS, R>(book: &mut R) -> Result<Vec<Grid>, BookError>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| BookError(format!("{name}: {e}")))?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .enumerate()
            .map(|(i, cells)| Row {
                line: row0 as usize + i + 1,
                first_col: col0 as usize,
                cells: cells.iter().map(cell_of).collect(),
            })
            .collect();
        out.push(Grid {
            sheet: Some(name),
            rows,
        });
    }
    Ok(out)
}

/// A workbook cell as text; whole numbers without ".0"; dates as dd/mm/yyyy
/// with the date kept.
fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty | Data::Error(_) => Cell::default(),
        Data::String(s) => Cell::text(s),
        Data::Int(i) => Cell::text(&i.to_string()),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
            Cell::text(&(*f as i64).to_string())
        }
        Data::Float(f) => Cell::text(&f.to_string()),
        Data::Bool(b) => Cell::text(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            match NaiveDate::from_ymd_opt(y as i32, m as u32, day as u32) {
                Some(date) => Cell {
                    text: date.format("%d/%m/%Y").to_string(),
                    date: Some(date),
                },
                None => Cell::text(&dt.as_f64().to_string()),
            }
        }
        Data::DateTime(dt) => Cell::text(&dt.as_f64().to_string()),
        Data::DateTimeIso(s) => match s
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        {
            Some(date) => Cell {
                text: date.format("%d/%m/%Y").to_string(),
                date: Some(date),
            },
            None => Cell::text(s),
        },
        Data::DurationIso(s) => Cell::text(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_like_a_spreadsheet() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn csv_rows_keep_their_line() {
        let g = read_csv("STT;Nội dung\n1;\"Họp; dân\nthôn\"\n2;Xong\n", b';');
        assert_eq!(g.rows.len(), 3);
        assert_eq!(g.rows[1].cells[1].text, "Họp; dân\nthôn");
        assert_eq!((g.rows[1].line, g.rows[2].line), (2, 4));
        assert_eq!(g.place(&g.rows[2], 1), Place::Line(4));
    }

    #[test]
    fn the_right_separator_gives_rows_as_wide_as_the_header() {
        // Excel in a Vietnamese locale: `;` between cells, commas in the text.
        let text = "Nội dung, nhiệm vụ;Đơn vị chủ trì;Thời hạn\n\
                    \"Rà soát; cập nhật, bổ sung\";Văn phòng;30/06/2025\n\
                    Niêm yết công khai, đúng hạn;Tư pháp;Thường xuyên\n";
        let semi = read_csv(text, b';');
        assert_eq!(semi.rows[1].cells[0].text, "Rà soát; cập nhật, bổ sung");
        assert_eq!(semi.rows_as_wide_as_header(1), 2);
        let comma = read_csv(text, b',');
        assert_eq!(comma.rows[0].cells.len(), 2);
        assert_eq!(comma.rows_as_wide_as_header(1), 1);
        assert_eq!(comma.rows_as_wide_as_header(0), 0, "no header row");
    }
}
