//! The progress report as an Excel workbook (rust_xlsxwriter): a report
//! sheet with the title block (committee, "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ
//! HOẠCH SỐ …", the plan's title, "Tính đến ngày dd/mm/yyyy"), the bold
//! header frozen at row 6, set column widths, wrapped text, deadlines as real
//! dates; and a summary sheet with the counts per dimension and per unit.
//! Printed on A4 landscape, one page wide, the header repeated on each page.

use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::i18n::S;

use super::report_table::{CountRow, DueCell, Report, count_headers, headers, titles};

/// The 0-based row of the report sheet's header; title lines are above it.
pub const HEADER_ROW: u32 = 5;

/// Column widths of the nine report columns, in characters.
const WIDTHS: [f64; 9] = [6.0, 60.0, 22.0, 22.0, 13.0, 32.0, 24.0, 30.0, 24.0];

struct Formats {
    title: Format,
    line: Format,
    header: Format,
    group: Format,
    cell: Format,
    number: Format,
    date: Format,
    total: Format,
}

/// The font of a state document (Nghị định 30/2020): Times New Roman.
fn times(f: Format) -> Format {
    f.set_font_name("Times New Roman").set_font_size(12)
}

fn formats() -> Formats {
    let boxed = times(Format::new())
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top)
        .set_text_wrap();
    Formats {
        title: times(Format::new())
            .set_bold()
            .set_font_size(13)
            .set_align(FormatAlign::Center),
        line: times(Format::new())
            .set_align(FormatAlign::Center)
            .set_italic(),
        header: boxed
            .clone()
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(Color::RGB(0xDD_EB_F7)),
        group: boxed
            .clone()
            .set_bold()
            .set_background_color(Color::RGB(0xF2_F2_F2)),
        number: boxed.clone().set_align(FormatAlign::Center),
        date: boxed
            .clone()
            .set_num_format("dd/mm/yyyy")
            .set_align(FormatAlign::Center),
        total: boxed.clone().set_bold(),
        cell: boxed,
    }
}

/// The workbook's bytes.
pub fn workbook(r: &Report) -> Result<Vec<u8>, XlsxError> {
    let f = formats();
    let mut book = Workbook::new();
    report_sheet(book.add_worksheet(), r, &f)?;
    summary_sheet(book.add_worksheet(), r, &f)?;
    book.save_to_buffer()
}

fn report_sheet(ws: &mut Worksheet, r: &Report, f: &Formats) -> Result<(), XlsxError> {
    let l = r.lang;
    ws.set_name(S::RpSheetReport.t(l))?;
    let t = titles(r);
    let lines = [
        t.committee.clone(),
        Some(t.title.clone()),
        t.plan.clone(),
        Some(t.as_of.clone()),
    ];
    for (row, line) in lines.iter().enumerate() {
        let format = if row == 1 { &f.title } else { &f.line };
        ws.merge_range(
            row as u32,
            0,
            row as u32,
            8,
            line.as_deref().unwrap_or(""),
            format,
        )?;
    }
    for (col, (h, w)) in headers(l).iter().zip(WIDTHS).enumerate() {
        ws.write_string_with_format(HEADER_ROW, col as u16, *h, &f.header)?;
        ws.set_column_width(col as u16, w)?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    let mut row = HEADER_ROW + 1;
    for g in &r.groups {
        ws.write_string_with_format(row, 0, &g.mark, &f.group)?;
        ws.write_string_with_format(row, 1, &g.name, &f.group)?;
        for col in 2..9 {
            ws.write_blank(row, col, &f.group)?;
        }
        row += 1;
        for task in &g.rows {
            ws.write_number_with_format(row, 0, task.stt as f64, &f.number)?;
            let cells = task.cells();
            for (col, text) in cells.iter().enumerate().skip(1) {
                if col == 4
                    && let DueCell::Date(d) = task.due
                {
                    use chrono::Datelike;
                    let dt =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    ws.write_datetime_with_format(row, col as u16, dt, &f.date)?;
                } else {
                    ws.write_string_with_format(row, col as u16, text, &f.cell)?;
                }
            }
            row += 1;
        }
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    Ok(())
}

/// A summary table: its title, the header row, the rows (the last is the
/// grand total, in bold).
fn count_table(
    ws: &mut Worksheet,
    row: &mut u32,
    (title, first): (S, S),
    rows: &[CountRow],
    r: &Report,
    f: &Formats,
) -> Result<(), XlsxError> {
    let bold = times(Format::new().set_bold());
    ws.write_string_with_format(*row, 0, title.t(r.lang), &bold)?;
    *row += 1;
    for (col, h) in count_headers(first, r.lang).iter().enumerate() {
        ws.write_string_with_format(*row, col as u16, *h, &f.header)?;
    }
    *row += 1;
    for (i, c) in rows.iter().enumerate() {
        let last = i + 1 == rows.len();
        let text_format = if last { &f.total } else { &f.cell };
        ws.write_string_with_format(*row, 0, &c.name, text_format)?;
        for (col, n) in c.numbers().iter().enumerate() {
            let format = if last { &f.total } else { &f.number };
            ws.write_number_with_format(*row, col as u16 + 1, *n as f64, format)?;
        }
        *row += 1;
    }
    Ok(())
}

fn summary_sheet(ws: &mut Worksheet, r: &Report, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(S::RpSheetSummary.t(r.lang))?;
    let t = titles(r);
    ws.merge_range(0, 0, 0, 6, &t.title, &f.title)?;
    ws.merge_range(1, 0, 1, 6, &t.as_of, &f.line)?;
    ws.set_column_width(0, 45)?;
    for col in 1..7 {
        ws.set_column_width(col, 15)?;
    }
    let mut row = 3;
    count_table(ws, &mut row, (S::RpByArea, S::Area), &r.by_area, r, f)?;
    row += 1;
    count_table(ws, &mut row, (S::RpByUnit, S::RpLead), &r.by_unit, r, f)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    Ok(())
}
