//! The official report as a Word document, in the layout of Nghị định
//! 30/2020/NĐ-CP (Phụ lục I): A4, Times New Roman 14 pt, the decree's
//! margins (top and bottom 20 mm, left 30 mm, right 15 mm); the header
//! table (the issuing body and "Số: …/BC-UBND" left, the national title
//! and motto and the place and date right); "BÁO CÁO" and its subject
//! naming the plan and the period; the body in four parts — I. results
//! per PAPI dimension (the counts of the four classes and the blocked
//! tasks, then the results written on its tasks), II. difficulties,
//! III. proposals, IV. the tasks due in the next period; "Nơi nhận" and
//! the signature block as set once with `plan set`; then the task table
//! as an appendix in a landscape section. Written with `docx-rs`.
//!
//! A state document is in Vietnamese whatever the interface language.

use chrono::{Datelike, NaiveDate};
use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, PageOrientationType, PageSize, Paragraph, Run,
    RunFonts, Section, SpecialIndentType, Table, TableCell, TableRow, WidthType,
};

use crate::domain::report::Counts;

use super::report_table::{Report, ReportRow, headers};

/// A4 in twentieths of a point, portrait.
const A4: (u32, u32) = (11906, 16838);
/// The decree's margins: top, bottom 20 mm; left 30 mm; right 15 mm.
const MARGIN: (i32, i32, i32, i32) = (1134, 1134, 1701, 851);
/// The width between the margins, portrait and landscape.
const TEXT_W: usize = 11906 - 1701 - 851;
const TEXT_W_LANDSCAPE: usize = 16838 - 1701 - 851;
/// Sizes in half points.
const BODY: usize = 28;
const HEAD: usize = 26;
const SMALL: usize = 24;
const NOTE: usize = 22;

/// "ngày 05 tháng 7 năm 2025": days below 10 and the months January and
/// February with a leading zero, as the decree writes them.
pub fn date_words(d: NaiveDate) -> String {
    let month = match d.month() {
        m @ (1 | 2) => format!("0{m}"),
        m => m.to_string(),
    };
    format!("ngày {:02} tháng {month} năm {}", d.day(), d.year())
}

fn run(text: &str, size: usize) -> Run {
    Run::new().add_text(text).size(size)
}

fn line(text: &str, size: usize, align: AlignmentType) -> Paragraph {
    Paragraph::new().add_run(run(text, size)).align(align)
}

fn centered(text: &str, size: usize, bold: bool, italic: bool) -> Paragraph {
    let mut r = run(text, size);
    if bold {
        r = r.bold();
    }
    if italic {
        r = r.italic();
    }
    Paragraph::new().add_run(r).align(AlignmentType::Center)
}

/// A body paragraph: justified, first line indented 1 cm, 6 pt after.
fn body(text: &str) -> Paragraph {
    line(text, BODY, AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(567)), None, None)
        .line_spacing(LineSpacing::new().after(120))
}

fn heading(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, BODY).bold())
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(567)), None, None)
        .line_spacing(LineSpacing::new().before(120).after(120))
}

fn cell(paragraphs: Vec<Paragraph>, width: usize) -> TableCell {
    paragraphs
        .into_iter()
        .fold(TableCell::new(), TableCell::add_paragraph)
        .width(width, WidthType::Dxa)
}

/// The abbreviation of the issuing body in the number: "UBND".
fn issuer_short(issuer: &[String]) -> String {
    let first = issuer.first().map_or("", |s| s.as_str());
    if first.to_uppercase().contains("ỦY BAN NHÂN DÂN") || first.is_empty() {
        "UBND".into()
    } else {
        first
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .collect::<String>()
            .to_uppercase()
    }
}

/// The place in the date line: the commune's name ("Hòa Phong").
fn place(r: &Report) -> String {
    let c = r.meta.commune.trim();
    let lower = c.to_lowercase();
    let name = lower
        .strip_prefix("xã ")
        .map_or(c, |_| c.get("xã ".len()..).unwrap_or(c));
    name.trim().to_string()
}

/// The header table: issuing body and number left; the national title,
/// the motto and the place and date right. No borders.
fn header(r: &Report) -> Table {
    let issuer = r.meta.signing.issuer_lines(&r.meta.commune);
    let (left_w, right_w) = (3500, TEXT_W - 3500);
    let mut left: Vec<Paragraph> = issuer
        .iter()
        .enumerate()
        .map(|(i, s)| centered(s, HEAD, i + 1 == issuer.len(), false))
        .collect();
    left.push(centered("", HEAD, false, false));
    left.push(centered(
        &format!("Số:      /BC-{}", issuer_short(&issuer)),
        HEAD,
        false,
        false,
    ));
    let right = vec![
        centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", SMALL, true, false),
        centered("Độc lập - Tự do - Hạnh phúc", BODY, true, false),
        centered("", HEAD, false, false),
        centered(
            &format!("{}, {}", place(r), date_words(r.written)),
            BODY,
            false,
            true,
        ),
    ];
    Table::without_borders(vec![TableRow::new(vec![
        cell(left, left_w),
        cell(right, right_w),
    ])])
    .set_grid(vec![left_w, right_w])
    .width(TEXT_W, WidthType::Dxa)
}

/// "Kết quả thực hiện Kế hoạch số 05/KH-UBND quý II năm 2025".
pub fn subject(r: &Report) -> String {
    format!("Kết quả thực hiện {}", what(r))
}

/// "Kế hoạch số 05/KH-UBND quý II năm 2025".
fn what(r: &Report) -> String {
    let when = match &r.period {
        Some(p) => p.name(crate::domain::Lang::Vi),
        None => format!("tính đến ngày {}", r.today.format("%d/%m/%Y")),
    };
    let number = r.meta.number.trim();
    let plan = if number.is_empty() {
        "Kế hoạch".to_string()
    } else {
        format!("Kế hoạch số {number}")
    };
    format!("{plan} {when}")
}

fn counts_sentence(c: &Counts) -> String {
    use crate::domain::report::ReportClass as C;
    format!(
        "Tổng số {} nhiệm vụ: đã hoàn thành đúng hạn {}; đã hoàn thành quá hạn {}; \
         chưa hoàn thành, trong hạn {}; chưa hoàn thành, quá hạn {}; vướng mắc {}.",
        c.total,
        c.get(C::DoneOnTime),
        c.get(C::DoneLate),
        c.get(C::OpenOnTime),
        c.get(C::OpenOverdue),
        c.blocked
    )
}

/// "- Task: text" for each row whose `pick` is not empty; "Không có." when
/// none is.
fn dashes(rows: &[&ReportRow], pick: fn(&ReportRow) -> &str) -> Vec<Paragraph> {
    let out: Vec<Paragraph> = rows
        .iter()
        .filter(|row| !pick(row).trim().is_empty())
        .map(|row| {
            body(&format!(
                "- {}: {}",
                row.title,
                pick(row).replace('\n', "; ")
            ))
        })
        .collect();
    if out.is_empty() {
        vec![body("Không có.")]
    } else {
        out
    }
}

/// Part I: the whole count, then per dimension its count and results.
fn results_part(r: &Report) -> Vec<Paragraph> {
    let mut out = vec![
        heading("I. KẾT QUẢ THỰC HIỆN"),
        body(&counts_sentence(&r.summary.all)),
    ];
    let mut n = 0;
    for g in &r.groups {
        let title = if g.mark.is_empty() {
            g.name.clone()
        } else {
            n += 1;
            format!("{n}. {}", g.name)
        };
        out.push(heading(&title));
        out.push(body(&counts_sentence(&r.summary.by_area[g.area.index()])));
        let rows: Vec<&ReportRow> = g.rows.iter().collect();
        let written: Vec<&ReportRow> = rows
            .into_iter()
            .filter(|row| !row.output.trim().is_empty())
            .collect();
        if !written.is_empty() {
            out.extend(dashes(&written, |row| &row.output));
        }
    }
    out
}

/// Parts II, III and IV.
fn other_parts(r: &Report) -> Vec<Paragraph> {
    let rows: Vec<&ReportRow> = r.groups.iter().flat_map(|g| &g.rows).collect();
    let mut out = vec![heading("II. KHÓ KHĂN, VƯỚNG MẮC")];
    out.extend(dashes(&rows, |row| &row.problems));
    out.push(heading("III. ĐỀ XUẤT, KIẾN NGHỊ"));
    out.extend(dashes(&rows, |row| &row.proposals));
    out.push(heading("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI"));
    let next = r
        .period
        .unwrap_or_else(|| crate::domain::period::Period::quarter_of(r.today))
        .next();
    let next_name = next.name(crate::domain::Lang::Vi);
    if r.coming.is_empty() {
        out.push(body(&format!(
            "Không có nhiệm vụ đến hạn trong {next_name}."
        )));
    } else {
        out.push(body(&format!(
            "Tập trung thực hiện các nhiệm vụ đến hạn trong {next_name}:"
        )));
        for row in &r.coming {
            out.push(body(&format!(
                "- {} (chủ trì: {}; thời hạn: {}).",
                row.title,
                row.lead,
                row.due.text()
            )));
        }
    }
    out
}

/// "Nơi nhận:" left, the authority and the signer right. No borders.
fn signature(r: &Report) -> Table {
    let s = &r.meta.signing;
    let (left_w, right_w) = (4300, TEXT_W - 4300);
    let mut left = vec![Paragraph::new().add_run(run("Nơi nhận:", SMALL).bold().italic())];
    left.extend(
        s.recipient_lines()
            .iter()
            .map(|l| line(l, NOTE, AlignmentType::Left)),
    );
    let mut right: Vec<Paragraph> = s
        .title_lines()
        .iter()
        .map(|l| centered(l, BODY, true, false))
        .collect();
    right.push(centered("(Chữ ký, dấu)", BODY, false, true));
    for _ in 0..3 {
        right.push(centered("", BODY, false, false));
    }
    right.push(centered(&s.signer, BODY, true, false));
    Table::without_borders(vec![TableRow::new(vec![
        cell(left, left_w),
        cell(right, right_w),
    ])])
    .set_grid(vec![left_w, right_w])
    .width(TEXT_W, WidthType::Dxa)
}

/// The appendix's column widths, in twentieths of a point.
const COLS: [usize; 9] = [700, 3200, 1500, 1300, 1300, 2200, 1400, 1500, 1186];

fn table_cell(text: &str, width: usize, bold: bool) -> TableCell {
    let paragraphs = text
        .split('\n')
        .map(|l| {
            let r = run(l, SMALL);
            Paragraph::new().add_run(if bold { r.bold() } else { r })
        })
        .collect();
    cell(paragraphs, width)
}

/// The task table: the nine columns, a row per dimension, a row per task.
fn appendix_table(r: &Report) -> Table {
    let head = TableRow::new(
        headers(crate::domain::Lang::Vi)
            .iter()
            .zip(COLS)
            .map(|(h, w)| table_cell(h, w, true))
            .collect(),
    );
    let mut rows = vec![head];
    for g in &r.groups {
        let name = table_cell(&g.name, COLS[1..].iter().sum(), true).grid_span(8);
        rows.push(TableRow::new(vec![
            table_cell(&g.mark, COLS[0], true),
            name,
        ]));
        for row in &g.rows {
            let cells = row.cells();
            rows.push(TableRow::new(
                cells
                    .iter()
                    .zip(COLS)
                    .map(|(t, w)| table_cell(t, w, false))
                    .collect(),
            ));
        }
    }
    Table::new(rows)
        .set_grid(COLS.to_vec())
        .width(TEXT_W_LANDSCAPE, WidthType::Dxa)
}

fn margins() -> PageMargin {
    let (top, bottom, left, right) = MARGIN;
    PageMargin {
        top,
        bottom,
        left,
        right,
        header: 567,
        footer: 567,
        gutter: 0,
    }
}

/// The report's first section: header to signature, A4 portrait.
fn main_section(r: &Report) -> Section {
    let mut s = Section::new()
        .page_size(PageSize::new().size(A4.0, A4.1))
        .page_margin(margins())
        .page_orient(PageOrientationType::Portrait)
        .add_table(header(r))
        .add_paragraph(centered("", BODY, false, false))
        .add_paragraph(centered("BÁO CÁO", BODY, true, false))
        .add_paragraph(centered(&subject(r), BODY, true, false))
        .add_paragraph(centered("", BODY, false, false));
    let plan = match r.meta.number.trim() {
        "" => "Kế hoạch".to_string(),
        n => format!("Kế hoạch số {n}"),
    };
    let who = r.meta.signing.issuer_lines(&r.meta.commune).join(" ");
    let intro = format!(
        "Thực hiện {plan}, {} báo cáo kết quả thực hiện {} như sau:",
        capitalised(&who),
        what(r)
    );
    s = s.add_paragraph(body(&intro));
    for p in results_part(r).into_iter().chain(other_parts(r)) {
        s = s.add_paragraph(p);
    }
    s.add_paragraph(body(&format!(
        "Trên đây là báo cáo kết quả thực hiện {}./.",
        what(r)
    )))
    .add_paragraph(centered("", BODY, false, false))
    .add_table(signature(r))
}

/// "ỦY BAN NHÂN DÂN XÃ HÒA PHONG" → "Ủy ban nhân dân xã Hòa Phong": the
/// body names the issuer in running text.
fn capitalised(upper: &str) -> String {
    let lower = upper.to_lowercase();
    let mut words: Vec<String> = lower.split_whitespace().map(str::to_string).collect();
    let place_from = words
        .iter()
        .position(|w| w == "xã" || w == "phường" || w == "thị");
    for (i, w) in words.iter_mut().enumerate() {
        if i == 0 || place_from.is_some_and(|p| i > p) {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                *w = f.to_uppercase().chain(c).collect();
            }
        }
    }
    words.join(" ")
}

/// The document's bytes.
pub fn document(r: &Report) -> Result<Vec<u8>, String> {
    let times = RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .east_asia("Times New Roman")
        .cs("Times New Roman");
    let number = issuer_short(&r.meta.signing.issuer_lines(&r.meta.commune));
    let docx = Docx::new()
        .default_fonts(times)
        .default_size(BODY)
        .add_section(main_section(r))
        .add_paragraph(centered("Phụ lục", BODY, true, false))
        .add_paragraph(centered(
            &format!("KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ {}", period_upper(r)),
            BODY,
            true,
            false,
        ))
        .add_paragraph(centered(
            &format!(
                "(Kèm theo Báo cáo số      /BC-{number} {})",
                date_words(r.written)
            ),
            BODY,
            false,
            true,
        ))
        .add_paragraph(centered("", SMALL, false, false))
        .add_table(appendix_table(r))
        .page_size(A4.1, A4.0)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(margins());
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut out).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

fn period_upper(r: &Report) -> String {
    match &r.period {
        Some(p) => p.name(crate::domain::Lang::Vi).to_uppercase(),
        None => format!("TÍNH ĐẾN NGÀY {}", r.today.format("%d/%m/%Y")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_the_decree_writes_them() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(date_words(d(2025, 7, 5)), "ngày 05 tháng 7 năm 2025");
        assert_eq!(date_words(d(2025, 2, 15)), "ngày 15 tháng 02 năm 2025");
        assert_eq!(date_words(d(2025, 12, 31)), "ngày 31 tháng 12 năm 2025");
        assert_eq!(
            capitalised("ỦY BAN NHÂN DÂN XÃ HÒA PHONG"),
            "Ủy ban nhân dân xã Hòa Phong"
        );
    }
}
