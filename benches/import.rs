//! Import benchmark (`cargo bench --bench import`): a 10,000-row task table
//! (.xlsx, written here with rust_xlsxwriter: section rows, accented
//! headers, deadlines in words, known and unknown units) imported into a
//! fresh sled database on disk: read and parse the workbook, match units
//! and deadlines, then one transaction with one history entry, flushed.
//! Five runs; prints each phase's median and the slowest run.

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
        let prepared = prepare("bieu.xlsx", &bytes, store.board(), today).unwrap();
        let parsed = start.elapsed();
        assert_eq!(prepared.tasks.len(), ROWS);
        let cmd = prepared.command().unwrap();
        let t = Instant::now();
        store.apply(cmd, &ctx).unwrap();
        let applied = t.elapsed();
        total.push(start.elapsed());
        parse.push(parsed);
        apply.push(applied);
        assert_eq!(store.board().tasks.len(), ROWS);
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
