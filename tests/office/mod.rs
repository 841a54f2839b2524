//! Office files made in the tests, the way Word and Excel write them: a
//! .docx of the sample plan and an .xlsx task table.
#![allow(dead_code)]

use std::io::{Cursor, Write};

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use zip::write::SimpleFileOptions;

pub const SAMPLE: &str = include_str!("../../assets/ke-hoach-05-KH-UBND-2025-hoa-phong.txt");

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A paragraph's runs, split every few characters as Word does after edits.
fn runs(text: &str, bold: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let props = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
    chars
        .chunks(7)
        .map(|c| {
            let piece: String = c.iter().collect();
            format!(
                r#"<w:r>{props}<w:t xml:space="preserve">{}</w:t></w:r>"#,
                esc(&piece)
            )
        })
        .collect()
}

/// A zip archive with these entries, deflated.
pub fn zip_of(entries: &[(&str, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, body) in entries {
        zip.start_file(*name, SimpleFileOptions::default()).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A minimal valid .docx around these `w:body` children.
pub fn docx(body: &str, numbering: Option<&str>) -> Vec<u8> {
    docx_with_styles(body, numbering, None)
}

/// A .docx with its own `numbering.xml` and `styles.xml` (the inner
/// elements of `w:numbering` and `w:styles`).
pub fn docx_with_styles(body: &str, numbering: Option<&str>, styles: Option<&str>) -> Vec<u8> {
    let mut entries = vec![
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"#
                .to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#
                .to_string(),
        ),
        (
            "word/document.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>"#
            ),
        ),
    ];
    if let Some(s) = styles {
        entries.push((
            "word/styles.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W}">{s}</w:styles>"#),
        ));
    }
    if let Some(n) = numbering {
        entries.push((
            "word/numbering.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W}">{n}</w:numbering>"#),
        ));
    }
    zip_of(&entries)
}

/// The sample plan as Word writes it: no empty paragraphs (spacing
/// instead), the number and date in a two-cell header table, words split
/// across runs, headings in bold, and section III's bullets as a Word
/// bulleted list (the "- " is not in the text).
pub fn sample_docx() -> Vec<u8> {
    let mut body = String::new();
    let lines: Vec<&str> = SAMPLE
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut in_three = false;
    let mut ending = false;
    for line in lines {
        if line.starts_with("Số:") {
            body.push_str(&format!(
                "<w:tbl><w:tr><w:tc><w:p>{}</w:p><w:p>{}</w:p></w:tc><w:tc><w:p>{}</w:p></w:tc></w:tr></w:tbl>",
                runs("ỦY BAN NHÂN DÂN XÃ HÒA PHONG", true),
                runs(line, false),
                runs("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true)
            ));
            continue;
        }
        in_three |= line.starts_with("III.");
        ending |= line.starts_with("Trên đây");
        let heading =
            line.starts_with(|c: char| c.is_ascii_digit()) || line.starts_with(['I', 'V']);
        match line.strip_prefix("- ") {
            Some(rest) if in_three && !ending => body.push_str(&format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr></w:pPr>{}</w:p>"#,
                runs(rest, false)
            )),
            _ => body.push_str(&format!("<w:p>{}</w:p>", runs(line, heading))),
        }
    }
    let numbering = r#"<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="2"/></w:num>"#;
    docx(&body, Some(numbering))
}

/// One row of the task table: STT, content, lead, support, deadline,
/// output, note. A deadline "date:YYYY-MM-DD" is written as a real date.
pub type Row = [&'static str; 7];

/// The task table of `tests/fixtures/bieu-tong-hop-nhiem-vu.csv` as an
/// Excel workbook: title rows merged across, a header in capitals without
/// accents on some columns, a row of column numbers, section rows merged
/// across in column A, one deadline stored as a real date.
pub fn table_xlsx(rows: &[Row]) -> Vec<u8> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let ws = book.add_worksheet();
    ws.set_name("Phụ lục").unwrap();
    ws.merge_range(0, 0, 0, 6, "ỦY BAN NHÂN DÂN XÃ HÒA PHONG", &bold)
        .unwrap();
    ws.merge_range(
        1,
        0,
        1,
        6,
        "PHỤ LỤC: BIỂU TỔNG HỢP NHIỆM VỤ NĂM 2025",
        &bold,
    )
    .unwrap();
    let header = [
        "TT",
        "NỘI DUNG CÔNG VIỆC",
        "don vi chu tri",
        "Đơn vị phối hợp",
        "THỜI HẠN HOÀN THÀNH",
        "Kết quả/Sản phẩm",
        "Ghi chú",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(3, c as u16, *h, &bold).unwrap();
    }
    for c in 0..7u16 {
        ws.write_string(4, c, format!("({})", c + 1)).unwrap();
    }
    for (row, r) in rows.iter().zip(5u32..) {
        if row[1].is_empty() {
            // A section row: "II. CÔNG KHAI, …" merged across.
            ws.merge_range(r, 0, r, 6, row[0], &bold).unwrap();
        } else {
            for (c, cell) in row.iter().enumerate() {
                if let Some(d) = cell.strip_prefix("date:") {
                    let (y, m, dd) = (&d[0..4], &d[5..7], &d[8..10]);
                    let dt = ExcelDateTime::from_ymd(
                        y.parse().unwrap(),
                        m.parse().unwrap(),
                        dd.parse().unwrap(),
                    )
                    .unwrap();
                    ws.write_datetime_with_format(r, c as u16, dt, &date)
                        .unwrap();
                } else if c == 0 && cell.parse::<f64>().is_ok() {
                    ws.write_number(r, 0, cell.parse::<f64>().unwrap()).unwrap();
                } else if !cell.is_empty() {
                    ws.write_string(r, c as u16, *cell).unwrap();
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// The rows of the workbook task table (sections as rows with only a title).
pub const TABLE_ROWS: &[Row] = &[
    ["I. THAM GIA CỦA NGƯỜI DÂN Ở CƠ SỞ", "", "", "", "", "", ""],
    [
        "1",
        "Tổ chức hội nghị lấy ý kiến nhân dân về dự thảo kế hoạch năm 2026",
        "Văn phòng",
        "Các thôn; MTTQ",
        "Quý IV/2025",
        "Biên bản",
        "",
    ],
    [
        "2",
        "Vận động hội viên tham gia giám sát đầu tư của cộng đồng",
        "Hội Nông dân xã",
        "Đoàn Thanh niên",
        "Trước 30/6/2025",
        "Báo cáo",
        "Phối hợp Ban giám sát",
    ],
    [
        "II. CÔNG KHAI, MINH BẠCH TRONG HOẠCH ĐỊNH CHÍNH SÁCH",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    [
        "1",
        "Niêm yết danh sách hộ nghèo, cận nghèo năm 2025",
        "Văn hóa - Xã hội",
        "",
        "Quý I/2025",
        "",
        "",
    ],
    [
        "2",
        "Công khai quyết toán ngân sách xã năm 2024",
        "Tài chính - Kế toán",
        "",
        "date:2025-07-20",
        "",
        "",
    ],
    ["III. CÁC NHIỆM VỤ KHÁC", "", "", "", "", "", ""],
    [
        "1",
        "Thu gom, xử lý rác thải sinh hoạt tại các thôn",
        "Địa chính",
        "Các thôn",
        "Thường xuyên",
        "",
        "",
    ],
    [
        "2",
        "Tiếp nhận hồ sơ dịch vụ công trực tuyến tại Bộ phận một cửa",
        "Văn phòng",
        "",
        "Thường xuyên",
        "",
        "",
    ],
    [
        "3",
        "Duy trì an ninh trật tự khu dân cư",
        "Ban Chỉ huy Quân sự xã",
        "Công an xã",
        "Khi có yêu cầu",
        "",
        "",
    ],
];

/// A paragraph with Word numbering (list `num`, level `ilvl`) and no
/// number in its text.
pub fn numbered(num: u32, ilvl: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>{}</w:p>"#,
        runs(text, false)
    )
}

/// A paragraph in a paragraph style (whose numbering the style brings).
pub fn styled(style: &str, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{}</w:p>"#,
        runs(text, false)
    )
}

/// A plain paragraph.
pub fn para(text: &str) -> String {
    format!("<w:p>{}</w:p>", runs(text, false))
}

/// A table of plain cells.
pub fn table(rows: &[&[&str]]) -> String {
    let mut out = String::from("<w:tbl>");
    for r in rows {
        out.push_str("<w:tr>");
        for c in *r {
            out.push_str(&format!("<w:tc>{}</w:tc>", para(c)));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

/// The numbering of an administrative document as Word keeps it: one
/// list "I." › "1." › "1.1." › "a." (list 10) and dash bullets (list 11).
pub const OUTLINE_NUMBERING: &str = r#"<w:abstractNum w:abstractNumId="5">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/></w:lvl>
<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%4."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="6"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum>
<w:num w:numId="10"><w:abstractNumId w:val="5"/></w:num>
<w:num w:numId="11"><w:abstractNumId w:val="6"/></w:num>"#;

/// The sample plan typed with Word's automatic numbering: no "II.",
/// "1.1.", "a." or "-" in any paragraph's text; Word draws them.
pub fn sample_docx_numbered() -> Vec<u8> {
    let mut body = String::new();
    for line in SAMPLE.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (head, rest) = line.split_once(' ').unwrap_or((line, ""));
        let roman = ["I.", "II.", "III."].contains(&head);
        let digits: Vec<&str> = head.trim_end_matches('.').split('.').collect();
        let numeric = head.ends_with('.')
            && digits
                .iter()
                .all(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
        let letter =
            head.len() == 2 && head.ends_with('.') && head.as_bytes()[0].is_ascii_lowercase();
        body.push_str(&if roman {
            numbered(10, 0, rest)
        } else if numeric {
            numbered(10, digits.len() as u32, rest)
        } else if letter {
            numbered(10, 3, rest)
        } else if head == "-" {
            numbered(11, 0, rest)
        } else {
            para(line)
        });
    }
    docx(&body, Some(OUTLINE_NUMBERING))
}
