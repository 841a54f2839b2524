//! A plan saved as PDF by LibreOffice from plain text: the letters its
//! font lacks ("ủ", "ộ", "ế"…) are drawn from a fallback font after the
//! rest of each line, and a bracket "(VP HĐND-UBND chủ trì; Quý I/2026)"
//! wraps onto the next line starting with capitals. The PDF reads task for
//! task as its text does. Both fixtures are written for this test
//! (`tests/fixtures/ke-hoach-phu-tho.pdf` is this text converted with
//! `libreoffice --headless --convert-to pdf`).

mod common;

use chrono::NaiveDate;
use common::plan_rows::{row, rows};
use papi_board::domain::board::{Board, BoardMeta};
use papi_board::domain::unit::commune_2025_preset;
use papi_board::transfer::import::{Prepared, prepare};

const PHU_THO: &str = "ỦY BAN NHÂN DÂN XÃ PHÚ THỌ
Số: 33/KH-UBND
Phú Thọ, ngày 12 tháng 3 năm 2026
KẾ HOẠCH
Thực hiện các giải pháp nâng cao Chỉ số PAPI năm 2026
I. MỤC TIÊU
- Phấn đấu 100% thủ tục hành chính được giải quyết đúng hạn.
II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Nâng cao sự tham gia của người dân ở cấp cơ sở
1.1. Tổ chức đối thoại định kỳ giữa Chủ tịch UBND xã với thanh niên (VP HĐND-UBND chủ trì; hoàn thành trong tháng 6/2026).
1.2. Hướng dẫn các thôn tổ chức họp dân bàn và quyết định các công trình phúc lợi (Phòng VH-XH chủ trì, các thôn phối hợp; Quý II/2026).
2. Công khai, minh bạch
2.1. Công khai danh sách hộ được hỗ trợ nhà ở (Phòng VH-XH chủ trì; trước 30/4/2026).
3. Thủ tục hành chính công
3.1. Bố trí đủ công chức làm việc tại Trung tâm Phục vụ hành chính công xã (VP HĐND-UBND chủ trì; Quý I/2026).
3.2. Niêm yết số điện thoại đường dây nóng tiếp nhận phản ánh, kiến nghị (TT PVHCC chủ trì; tháng 3/2026).
4. Quản trị điện tử
4.1. Phát triển Trang thông tin điện tử xã, đăng tải đầy đủ thông tin theo quy định (VP HĐND-UBND chủ trì; thường xuyên).
III. TỔ CHỨC THỰC HIỆN
Các cơ quan, đơn vị theo chức năng, nhiệm vụ triển khai thực hiện; báo cáo kết quả về UBND xã (qua Văn phòng HĐND và UBND) trước ngày 05/12/2026.
Nơi nhận:
- UBND tỉnh;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Phạm Minh Tuấn
";

fn read(name: &str, bytes: &[u8]) -> Prepared {
    let board = Board::new(
        BoardMeta {
            year: 2026,
            ..BoardMeta::default()
        },
        commune_2025_preset(),
    );
    let today = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
    prepare(name, bytes, &board, today).unwrap()
}

#[test]
fn a_libreoffice_pdf_with_fallback_letters_reads_as_its_text() {
    let txt = read("ke-hoach-phu-tho.txt", PHU_THO.as_bytes());
    let want = [
        row(
            "Tổ chức đối thoại định kỳ giữa Chủ tịch UBND xã với thanh niên",
            1,
            "vp",
            &[],
            "hoàn thành trong tháng 6/2026",
            Some((2026, 6, 30)),
        ),
        row(
            "Hướng dẫn các thôn tổ chức họp dân bàn và quyết định các công trình phúc lợi",
            1,
            "vhxh",
            &["thon"],
            "Quý II/2026",
            Some((2026, 6, 30)),
        ),
        row(
            "Công khai danh sách hộ được hỗ trợ nhà ở",
            2,
            "vhxh",
            &[],
            "trước 30/4/2026",
            Some((2026, 4, 30)),
        ),
        row(
            "Bố trí đủ công chức làm việc tại Trung tâm Phục vụ hành chính công xã",
            5,
            "vp",
            &[],
            "Quý I/2026",
            Some((2026, 3, 31)),
        ),
        row(
            "Niêm yết số điện thoại đường dây nóng tiếp nhận phản ánh, kiến nghị",
            5,
            "hcc",
            &[],
            "tháng 3/2026",
            Some((2026, 3, 31)),
        ),
        row(
            "Phát triển Trang thông tin điện tử xã, đăng tải đầy đủ thông tin theo quy định",
            8,
            "vp",
            &[],
            "thường xuyên",
            None,
        ),
    ];
    assert_eq!(rows(&txt), want);
    assert!(txt.new_units.is_empty(), "{:?}", txt.new_units);

    let pdf = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/ke-hoach-phu-tho.pdf"
    ))
    .unwrap();
    let p = read("ke-hoach-phu-tho.pdf", &pdf);
    assert_eq!(rows(&p), want);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    let m = p.meta.as_ref().unwrap();
    assert_eq!(
        (m.number.as_str(), m.date.as_str(), m.commune.as_str()),
        ("33/KH-UBND", "12/03/2026", "Phú Thọ")
    );
}
