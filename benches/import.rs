//! Import benchmark (`cargo bench --bench import`), each file imported into
//! a fresh sled database on disk: read and parse, match units and
//! deadlines, then one transaction with one history entry, flushed. Five
//! runs per file; prints each phase's median and the slowest run.
//!
//! - a 10,000-row task table (.xlsx, written here with rust_xlsxwriter:
//!   section rows, accented headers, deadlines in words, known and unknown
//!   units);
//! - a 5 MB Word plan (.docx): 3,000 paragraphs numbered by Word's own
//!   numbering, a 600-row appendix table, and the scanned signature page
//!   as an image that makes up most of the bytes (as in real plans);
//! - a 100-page PDF plan: the sample plan's five pages (made by
//!   LibreOffice, `tests/fixtures/`) repeated twenty times; every page is
//!   read, and the plan's 50 tasks end at its first signature.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use papi_board::domain::board::{BoardMeta, Ctx};
use papi_board::domain::unit::plan_preset;
use papi_board::store::Store;
use papi_board::transfer::import::prepare;
use rust_xlsxwriter::{Format, Workbook};

const ROWS: usize = 10_000;
const RUNS: usize = 5;

const SECTIONS: [&str; 8] = [
    "I. THAM GIA CỦA NGƯỜI DÂN Ở CƠ SỞ",
    "II. CÔNG KHAI, MINH BẠCH TRONG HOẠCH ĐỊNH CHÍNH SÁCH",
    "III. TRÁCH NHIỆM GIẢI TRÌNH VỚI NGƯỜI DÂN",
    "IV. KIỂM SOÁT THAM NHŨNG TRONG KHU VỰC CÔNG",
    "V. THỦ TỤC HÀNH CHÍNH",
    "VI. CUNG ỨNG DỊCH VỤ CÔNG",
    "VII. QUẢN TRỊ MÔI TRƯỜNG",
    "VIII. QUẢN TRỊ ĐIỆN TỬ",
];
const VERBS: [&str; 6] = [
    "Tổ chức",
    "Tuyên truyền, phổ biến",
    "Rà soát, cập nhật",
    "Niêm yết công khai",
    "Kiểm tra, giám sát",
    "Hướng dẫn nhân dân thực hiện",
];
const OBJECTS: [&str; 6] = [
    "quy chế dân chủ ở cơ sở tại các thôn",
    "danh sách hộ nghèo, cận nghèo năm 2025",
    "thủ tục hành chính tại Bộ phận một cửa",
    "thu gom, xử lý rác thải sinh hoạt",
    "dịch vụ công trực tuyến mức độ toàn trình",
    "kết quả giải quyết phản ánh, kiến nghị của người dân",
];
const LEADS: [&str; 8] = [
    "Văn phòng - Thống kê",
    "Văn hóa - Xã hội",
    "Địa chính",
    "Tư pháp",
    "Các thôn",
    "Hội Nông dân xã",
    "Đoàn Thanh niên",
    "Hội Cựu chiến binh",
];
const DUES: [&str; 6] = [
    "Quý I/2025",
    "Thường xuyên",
    "Trước 30/6/2025",
    "Tháng 11/2025",
    "trước ngày 20.7.2025",
    "6 tháng đầu năm 2025",
];

fn table() -> Vec<u8> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let ws = book.add_worksheet();
    ws.set_name("Biểu tổng hợp").unwrap();
    ws.write_string_with_format(0, 0, "BIỂU TỔNG HỢP NHIỆM VỤ NĂM 2025", &bold)
        .unwrap();
    let header = [
        "STT",
        "Nội dung nhiệm vụ",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời gian hoàn thành",
        "Sản phẩm",
        "Ghi chú",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &bold).unwrap();
    }
    let mut row = 3u32;
    for i in 0..ROWS {
        if i % (ROWS / SECTIONS.len()) == 0 && i / (ROWS / SECTIONS.len()) < SECTIONS.len() {
            ws.write_string_with_format(row, 0, SECTIONS[i / (ROWS / SECTIONS.len())], &bold)
                .unwrap();
            row += 1;
        }
        let content = format!(
            "{} {} (đợt {}), báo cáo kết quả về Ủy ban nhân dân xã",
            VERBS[i % VERBS.len()],
            OBJECTS[(i / 7) % OBJECTS.len()],
            i + 1
        );
        ws.write_number(row, 0, (i + 1) as f64).unwrap();
        ws.write_string(row, 1, &content).unwrap();
        ws.write_string(row, 2, LEADS[i % LEADS.len()]).unwrap();
        ws.write_string(row, 3, LEADS[(i + 3) % LEADS.len()])
            .unwrap();
        ws.write_string(row, 4, DUES[i % DUES.len()]).unwrap();
        ws.write_string(row, 5, "Báo cáo").unwrap();
        row += 1;
    }
    book.save_to_buffer().unwrap()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let bytes = table();
    println!(
        "import: {ROWS}-row .xlsx task table ({} KB), {RUNS} runs into a fresh sled database",
        bytes.len() / 1024
    );
    run("bieu.xlsx", &bytes, ROWS);
    let docx = word_plan();
    println!(
        "import: .docx plan ({:.1} MB), {RUNS} runs",
        docx.len() as f64 / 1e6
    );
    run("ke-hoach.docx", &docx, DOCX_TASKS);
    let pdf = hundred_pages();
    println!(
        "import: 100-page .pdf plan ({} KB), {RUNS} runs",
        pdf.len() / 1024
    );
    // Every page is read; the plan ends at its first signature, so the
    // nineteen copies after it add no task.
    let board = papi_board::domain::board::Board::new(BoardMeta::default(), plan_preset());
    let today = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let read = prepare("ke-hoach.pdf", &pdf, &board, today).unwrap();
    assert_eq!(read.source.pages, Some(100));
    run("ke-hoach.pdf", &pdf, 50);
}

/// Import `bytes` five times into fresh databases; `tasks` is how many
/// tasks each import must create.
fn run(name: &str, bytes: &[u8], tasks: usize) {
    let today = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let (mut parse, mut apply, mut total) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let dir = tempfile::tempdir().unwrap();
        let ctx = Ctx {
            now: 1_751_250_000_000,
            author: "bench".into(),
        };
        let mut store = Store::open(&dir.path().join("db")).unwrap();
        let meta = BoardMeta {
            year: 2025,
            ..BoardMeta::default()
        };
        store.seed(meta, plan_preset(), Vec::new(), &ctx).unwrap();
        let start = Instant::now();
        let prepared = prepare(name, bytes, store.board(), today).unwrap();
        let parsed = start.elapsed();
        assert_eq!(prepared.tasks.len(), tasks);
        let cmd = prepared.command().unwrap();
        let t = Instant::now();
        store.apply(cmd, &ctx).unwrap();
        let applied = t.elapsed();
        total.push(start.elapsed());
        parse.push(parsed);
        apply.push(applied);
        assert_eq!(store.board().tasks.len(), tasks);
        assert_eq!(
            store.history().unwrap().len(),
            2,
            "the seed and one import entry"
        );
    }
    let slowest = *total.iter().max().unwrap();
    println!("  read + parse + match: median {}", ms(median(parse)));
    println!("  one transaction + flush: median {}", ms(median(apply)));
    println!(
        "  total: median {}, slowest {}",
        ms(median(total)),
        ms(slowest)
    );
}

const DOCX_TASKS: usize = 8 * 300 + 600;

/// A Word plan of 3,000 numbered paragraphs and a 600-row appendix, with a
/// 4.6 MB image (random bytes: a photo does not compress).
fn word_plan() -> Vec<u8> {
    use std::io::Write;
    let p = |num: u32, lvl: u32, t: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#
        )
    };
    let mut body = String::from("<w:p><w:r><w:t>Số: 30/KH-UBND</w:t></w:r></w:p>");
    body.push_str(&p(1, 0, "NỘI DUNG"));
    for (d, section) in SECTIONS.iter().enumerate() {
        body.push_str(&p(
            1,
            1,
            &format!("Nội dung “{}”", &section[section.find(' ').unwrap() + 1..]),
        ));
        for i in 0..300 {
            let task = format!(
                "{} {} (đợt {}), báo cáo kết quả về Ủy ban nhân dân xã",
                VERBS[i % 6],
                OBJECTS[(i + d) % 6],
                i + 1
            );
            body.push_str(&p(2, 0, &task));
            if i % 30 == 0 {
                body.push_str(&p(2, 0, &format!("Thời gian thực hiện: {}", DUES[i % 6])));
            }
        }
    }
    body.push_str("<w:p><w:r><w:t>Nơi nhận:</w:t></w:r></w:p><w:tbl>");
    let row = |cells: [&str; 5]| {
        let tcs: String = cells
            .iter()
            .map(|c| format!("<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>"))
            .collect();
        format!("<w:tr>{tcs}</w:tr>")
    };
    body.push_str(&row([
        "STT",
        "Nội dung nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian hoàn thành",
    ]));
    for i in 0..600 {
        let task = format!("{} {} tại thôn {}", VERBS[i % 6], OBJECTS[i % 6], i + 1);
        body.push_str(&row([
            &(i + 1).to_string(),
            &task,
            LEADS[i % 8],
            LEADS[(i + 3) % 8],
            DUES[i % 6],
        ]));
    }
    body.push_str("</w:tbl>");
    let numbering = r#"<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>"#;
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, text) in [
        (
            "word/document.xml",
            format!(r#"<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#),
        ),
        (
            "word/numbering.xml",
            format!(r#"<w:numbering xmlns:w="{W}">{numbering}</w:numbering>"#),
        ),
    ] {
        zip.start_file(name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    let mut seed = 0x2545_f491_u64;
    let image: Vec<u8> = (0..4_600_000)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect();
    zip.start_file(
        "word/media/image1.png",
        opts.compression_method(zip::CompressionMethod::Stored),
    )
    .unwrap();
    zip.write_all(&image).unwrap();
    zip.finish().unwrap().into_inner()
}

/// The sample plan's PDF with its pages repeated twenty times.
fn hundred_pages() -> Vec<u8> {
    use lopdf::{Document, Object};
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/ke-hoach-05-hoa-phong.pdf"
    );
    let mut doc = Document::load(path).unwrap();
    let pages: Vec<_> = doc.get_pages().values().copied().collect();
    let tree = doc
        .catalog()
        .unwrap()
        .get(b"Pages")
        .unwrap()
        .as_reference()
        .unwrap();
    let mut kids = Vec::new();
    for _ in 0..20 {
        for p in &pages {
            let page = doc.get_object(*p).unwrap().clone();
            kids.push(Object::Reference(doc.add_object(page)));
        }
    }
    let node = doc.get_object_mut(tree).unwrap().as_dict_mut().unwrap();
    node.set("Kids", kids);
    node.set("Count", (pages.len() * 20) as i64);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}
