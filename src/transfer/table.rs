//! A task table ("Biểu tổng hợp nhiệm vụ", "Phụ lục") read from a grid:
//! the header row is found by its Vietnamese column names, without regard
//! to accents or case (a two-row header, "Đơn vị thực hiện" over "Chủ trì"
//! and "Phối hợp", is read as one); a row of column numbers under it is
//! skipped; section rows ("I. Tham gia của người dân …") give the dimension
//! of the rows below them. What the cells mean (units, deadlines) is decided
//! by the importer; this module only finds them.

use crate::domain::area::{AreaId, area_from_heading};
use crate::domain::text::{fold, nfc};

use super::grid::{Cell, Grid, Row};
use super::outline::roman_heading;

/// A column the importer understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Stt,
    Content,
    Lead,
    Support,
    Due,
    Output,
    Note,
    Status,
    Area,
}

/// How far down a sheet the header row may be (title rows come first).
const HEADER_SEARCH: usize = 40;

/// The column a header cell names, if any.
pub fn column_of(header: &str) -> Option<Col> {
    let f = fold(header);
    let f: String = f
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let starts = |w: &str| f.starts_with(w);
    let has = |w: &str| f.contains(w);
    Some(
        if matches!(f.as_str(), "stt" | "tt") || starts("so tt") || starts("so thu tu") {
            Col::Stt
        } else if has("phoi hop") {
            Col::Support
        } else if has("chu tri")
            || starts("don vi thuc hien")
            || starts("co quan thuc hien")
            || starts("bo phan thuc hien")
            || starts("don vi phu trach")
            || f == "don vi"
        {
            Col::Lead
        } else if starts("thoi gian")
            || starts("thoi han")
            || has("han hoan thanh")
            || starts("tien do hoan thanh")
            || f == "han"
        {
            Col::Due
        } else if has("san pham") || starts("ket qua") {
            Col::Output
        } else if starts("ghi chu") {
            Col::Note
        } else if starts("tinh trang") || starts("trang thai") {
            Col::Status
        } else if starts("linh vuc") || starts("chi so") {
            Col::Area
        } else if starts("noi dung")
            || starts("nhiem vu")
            || starts("ten nhiem vu")
            || starts("cong viec")
            || starts("ten cong viec")
            || starts("giai phap")
        {
            Col::Content
        } else {
            return None;
        },
    )
}

/// The header of a table: which row, and which column holds what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Index (in `grid.rows`) of the first data row candidate.
    pub data_from: usize,
    /// (column, index in the row's cells), each column once.
    pub cols: Vec<(Col, usize)>,
}

impl Header {
    pub fn index(&self, col: Col) -> Option<usize> {
        self.cols.iter().find(|(c, _)| *c == col).map(|(_, i)| *i)
    }
}

fn texts(row: &Row) -> Vec<String> {
    row.cells
        .iter()
        .map(|c| c.text.trim().to_string())
        .collect()
}

/// Columns named by a row (first of each kind wins).
fn classify(cells: &[String]) -> Vec<(Col, usize)> {
    let mut cols: Vec<(Col, usize)> = Vec::new();
    for (i, c) in cells.iter().enumerate() {
        if let Some(col) = column_of(c)
            && !cols.iter().any(|(k, _)| *k == col)
        {
            cols.push((col, i));
        }
    }
    cols
}

/// Find the header row: the first row (within the first 40) that names a
/// content column and at least one of STT, lead unit, supporting unit or
/// deadline.
pub fn find_header(grid: &Grid) -> Option<Header> {
    for (r, row) in grid.rows.iter().enumerate().take(HEADER_SEARCH) {
        let cells = texts(row);
        let cols = classify(&cells);
        let has = |k: Col| cols.iter().any(|(c, _)| *c == k);
        if !(has(Col::Content)
            && [Col::Stt, Col::Lead, Col::Support, Col::Due]
                .into_iter()
                .any(has))
        {
            continue;
        }
        let mut data_from = r + 1;
        let mut cols = cols;
        // A second header row: every filled cell names a column.
        if let Some(next) = grid.rows.get(r + 1) {
            let below = texts(next);
            let filled: Vec<usize> = (0..below.len()).filter(|&i| !below[i].is_empty()).collect();
            if !filled.is_empty() && filled.iter().all(|&i| column_of(&below[i]).is_some()) {
                let width = cells.len().max(below.len());
                let joined: Vec<String> = (0..width)
                    .map(|i| {
                        let top = cells.get(i).map_or("", String::as_str);
                        let low = below.get(i).map_or("", String::as_str);
                        // "Đơn vị thực hiện" over "Chủ trì": the lower names it.
                        if low.is_empty() {
                            top.to_string()
                        } else {
                            format!("{top} {low}")
                        }
                    })
                    .collect();
                cols = classify(&joined);
                data_from += 1;
            }
        }
        // A row of column numbers: "(1) (2) (3)" or "1 2 3".
        if let Some(next) = grid.rows.get(data_from)
            && is_numbering(&texts(next))
        {
            data_from += 1;
        }
        return Some(Header { data_from, cols });
    }
    None
}

fn is_numbering(cells: &[String]) -> bool {
    let filled: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
    filled.len() >= 2
        && filled.iter().all(|c| {
            let t = c.trim_start_matches('(').trim_end_matches(')');
            !t.is_empty() && t.len() <= 3 && t.chars().all(|ch| ch.is_ascii_digit())
        })
}

/// One task row of the table, its cells as text.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// Index in `grid.rows`.
    pub row: usize,
    pub stt: String,
    pub content: String,
    pub lead: String,
    pub support: String,
    pub due: Cell,
    pub output: String,
    pub note: String,
    pub status: String,
    pub area: String,
    /// The dimension named by the section row above, if any.
    pub section_area: Option<AreaId>,
}

/// What the data rows hold.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRows {
    pub tasks: Vec<TableRow>,
    /// Rows with cells filled but no content: (row index, first filled column).
    pub skipped: Vec<(usize, usize)>,
}

/// Roman numbers up to 20 and single capital letters mark section rows.
fn is_section_mark(stt: &str) -> bool {
    let s = stt.trim().trim_end_matches(['.', ')']);
    let roman = !s.is_empty() && s.len() <= 5 && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    let letter = s.chars().count() == 1 && s.chars().all(|c| c.is_ascii_uppercase());
    roman || letter
}

/// "II. Quản trị điện tử" or "B. Nhiệm vụ chung" → the words after the mark.
fn section_heading(text: &str) -> Option<&str> {
    if let Some((_, rest)) = roman_heading(text) {
        return Some(rest);
    }
    let (mark, rest) = text.split_once(['.', ')'])?;
    let letter = mark.len() == 1 && mark.chars().all(|c| c.is_ascii_uppercase());
    (letter && !rest.trim().is_empty()).then(|| rest.trim())
}

/// Read the data rows below a header.
pub fn read_rows(grid: &Grid, header: &Header) -> TableRows {
    let get = |cells: &[Cell], col: Col| -> Cell {
        header
            .index(col)
            .and_then(|i| cells.get(i))
            .map(|c| Cell {
                text: nfc(c.text.trim()),
                date: c.date,
            })
            .unwrap_or_default()
    };
    let mut out = TableRows {
        tasks: Vec::new(),
        skipped: Vec::new(),
    };
    let mut section_area: Option<AreaId> = None;
    for (r, row) in grid.rows.iter().enumerate().skip(header.data_from) {
        let cells = &row.cells;
        let text = |col| get(cells, col).text;
        let (stt, content) = (text(Col::Stt), text(Col::Content));
        let others = [Col::Lead, Col::Support, Col::Due, Col::Output]
            .into_iter()
            .any(|c| !text(c).is_empty());
        if content.is_empty() {
            // A section named in the STT column alone ("II", or "II. Quản
            // trị điện tử" merged across the row), or a row without a task.
            if is_section_mark(&stt) {
                continue;
            }
            if let Some(rest) = section_heading(&stt) {
                section_area = area_from_heading(rest);
                continue;
            }
            if let Some(i) = cells.iter().position(|c| !c.text.trim().is_empty())
                && others
            {
                out.skipped.push((r, i));
            }
            continue;
        }
        let folded = fold(&content);
        if folded.starts_with("tong cong") || folded == "cong" || folded == "tong" {
            continue;
        }
        let heading = section_heading(&content);
        let short = content.chars().count() <= 150;
        let section = is_section_mark(&stt)
            || (heading.is_some() && short && !others)
            || (!others && short && area_from_heading(&content).is_some());
        if section {
            section_area = area_from_heading(heading.unwrap_or(&content));
            continue;
        }
        out.tasks.push(TableRow {
            row: r,
            stt,
            content,
            lead: text(Col::Lead),
            support: text(Col::Support),
            due: get(cells, Col::Due),
            output: text(Col::Output),
            note: text(Col::Note),
            status: text(Col::Status),
            area: text(Col::Area),
            section_area,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transfer::grid::read_csv;

    #[test]
    fn header_names_without_accents_or_case() {
        assert_eq!(column_of("STT"), Some(Col::Stt));
        assert_eq!(column_of("Số TT"), Some(Col::Stt));
        assert_eq!(column_of("NỘI DUNG NHIỆM VỤ"), Some(Col::Content));
        assert_eq!(column_of("nhiem vu"), Some(Col::Content));
        assert_eq!(column_of("Đơn vị chủ trì"), Some(Col::Lead));
        assert_eq!(column_of("don vi phoi hop"), Some(Col::Support));
        assert_eq!(column_of("Thời gian hoàn thành"), Some(Col::Due));
        assert_eq!(column_of("Thời hạn"), Some(Col::Due));
        assert_eq!(column_of("Sản phẩm"), Some(Col::Output));
        assert_eq!(column_of("Ghi chú"), Some(Col::Note));
        assert_eq!(column_of("Lĩnh vực"), Some(Col::Area));
        assert_eq!(column_of("Ngày"), None);
    }

    #[test]
    fn two_row_header_numbering_row_and_sections() {
        let csv = "BIỂU TỔNG HỢP NHIỆM VỤ,,,,\n\
            TT,Nội dung,Đơn vị thực hiện,,Thời hạn\n\
            ,,Chủ trì,Phối hợp,\n\
            (1),(2),(3),(4),(5)\n\
            I,Tham gia của người dân ở cơ sở,,,\n\
            1,Họp dân,Thôn,MTTQ,Quý I/2025\n\
            II. Quản trị điện tử,,,,\n\
            1,Cập nhật cổng thông tin,Văn phòng,,Thường xuyên\n\
            ,,Văn phòng,,\n\
            ,Tổng cộng,,,\n";
        let g = read_csv(csv, b',');
        let h = find_header(&g).unwrap();
        assert_eq!(h.data_from, 4);
        assert_eq!(h.index(Col::Lead), Some(2));
        assert_eq!(h.index(Col::Support), Some(3));
        assert_eq!(h.index(Col::Due), Some(4));
        let rows = read_rows(&g, &h);
        let got: Vec<(&str, &str, Option<u8>)> = rows
            .tasks
            .iter()
            .map(|r| {
                (
                    r.content.as_str(),
                    r.lead.as_str(),
                    r.section_area.map(AreaId::get),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Họp dân", "Thôn", Some(1)),
                ("Cập nhật cổng thông tin", "Văn phòng", Some(8))
            ]
        );
        assert_eq!(rows.skipped, [(8, 2)]);
    }

    #[test]
    fn no_header_no_table() {
        assert_eq!(find_header(&read_csv("a,b\n1,2\n", b',')), None);
    }
}
