//! A plan whose items carry their own unit and deadline in brackets
//! ("(Đơn vị thực hiện: …; thời gian: …)") under "Nội dung N:" headings,
//! with deadlines as offices write them: a month, a quarter, a date in
//! words, a half year, a range of months, the whole year, and work done
//! again and again ("Định kỳ hằng tháng", "Hàng quý"), which is ongoing
//! rather than not understood. The fixture is written for this test.

mod common;

use chrono::NaiveDate;
use common::plan_rows::{Row, row, rows};
use papi_board::domain::board::{Board, BoardMeta};
use papi_board::domain::unit::commune_2025_preset;
use papi_board::transfer::import::prepare;

const DAI_LOC: &str = "ỦY BAN NHÂN DÂN
XÃ ĐẠI LỘC
Số: 42/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Đại Lộc, ngày 20 tháng 3 năm 2026

KẾ HOẠCH
Cải thiện, nâng cao Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) trên địa bàn xã năm 2026

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao nhận thức của cán bộ, công chức về vai trò của Chỉ số PAPI.
2. Yêu cầu
Các nhiệm vụ phải cụ thể, rõ người, rõ việc, rõ thời gian.

II. NHIỆM VỤ, GIẢI PHÁP CỤ THỂ
1. Nội dung 1: Tham gia của người dân ở cấp cơ sở
- Tuyên truyền Luật Thực hiện dân chủ ở cơ sở đến từng hộ gia đình qua hệ thống loa truyền thanh. (Đơn vị thực hiện: Phòng Văn hóa - Xã hội; thời gian: Quý II/2026)
- Tổ chức bầu cử trưởng thôn nhiệm kỳ 2026-2028 bảo đảm dân chủ, đúng luật. (Đơn vị thực hiện: Văn phòng HĐND và UBND; thời gian: Tháng 5/2026)
2. Nội dung 2: Công khai, minh bạch
- Công khai danh sách hộ nghèo, hộ cận nghèo tại nhà văn hóa thôn. (Đơn vị thực hiện: Phòng Văn hóa - Xã hội; thời gian: Trước ngày 15 tháng 10 năm 2026)
- Niêm yết công khai quy hoạch, kế hoạch sử dụng đất tại trụ sở UBND xã. (Đơn vị thực hiện: Phòng Kinh tế; thời gian: Năm 2026)
3. Nội dung 3: Trách nhiệm giải trình với người dân
- Duy trì tiếp công dân định kỳ của Chủ tịch UBND xã vào ngày 15 hằng tháng. (Đơn vị thực hiện: Văn phòng HĐND và UBND; thời gian: Định kỳ hằng tháng)
4. Nội dung 4: Kiểm soát tham nhũng trong khu vực công
- Công khai bản kê khai tài sản, thu nhập của người có nghĩa vụ kê khai. (Đơn vị thực hiện: Văn phòng HĐND và UBND; thời gian: Quý I/2026)
- Tự kiểm tra việc thu, chi các khoản đóng góp của nhân dân. (Đơn vị thực hiện: Phòng Kinh tế; phối hợp: Ban Thanh tra nhân dân; thời gian: Hàng quý)
5. Nội dung 5: Thủ tục hành chính công
- Rút ngắn thời gian giải quyết hồ sơ đất đai so với quy định. (Đơn vị thực hiện: Trung tâm Phục vụ hành chính công; thời gian: Thường xuyên)
6. Nội dung 6: Cung ứng dịch vụ công
- Nâng cấp tuyến đường liên thôn Bình An - Phú Lộc. (Đơn vị thực hiện: Phòng Kinh tế; thời gian: 6 tháng cuối năm 2026)
7. Nội dung 7: Quản trị môi trường
- Vận động nhân dân phân loại rác thải tại nguồn. (Đơn vị thực hiện: Ủy ban MTTQ Việt Nam xã; thời gian: Từ tháng 3 đến tháng 9/2026)
8. Nội dung 8: Quản trị điện tử
- Hướng dẫn người dân thanh toán trực tuyến phí, lệ phí. (Đơn vị thực hiện: Trung tâm Phục vụ hành chính công; thời gian: Quý III/2026)

III. TỔ CHỨC THỰC HIỆN
1. Văn phòng HĐND và UBND xã chủ trì theo dõi, đôn đốc thực hiện Kế hoạch này; tổng hợp báo cáo kết quả về UBND tỉnh trước ngày 10/12/2026.
2. Các phòng, đơn vị căn cứ nhiệm vụ được giao triển khai thực hiện.

Nơi nhận:
- UBND tỉnh;
- Thường trực Đảng ủy;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn Lộc
";

#[test]
fn items_with_their_unit_and_deadline_in_brackets() {
    let board = Board::new(
        BoardMeta {
            year: 2026,
            ..BoardMeta::default()
        },
        commune_2025_preset(),
    );
    let today = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
    let p = prepare("ke-hoach-dai-loc.txt", DAI_LOC.as_bytes(), &board, today).unwrap();
    let got: Vec<Row> = rows(&p);
    let want = [
        row(
            "Tuyên truyền Luật Thực hiện dân chủ ở cơ sở đến từng hộ gia đình qua hệ thống loa truyền thanh",
            1,
            "vhxh",
            &[],
            "Quý II/2026",
            Some((2026, 6, 30)),
        ),
        row(
            "Tổ chức bầu cử trưởng thôn nhiệm kỳ 2026-2028 bảo đảm dân chủ, đúng luật",
            1,
            "vp",
            &[],
            "Tháng 5/2026",
            Some((2026, 5, 31)),
        ),
        row(
            "Công khai danh sách hộ nghèo, hộ cận nghèo tại nhà văn hóa thôn",
            2,
            "vhxh",
            &[],
            "Trước ngày 15 tháng 10 năm 2026",
            Some((2026, 10, 15)),
        ),
        row(
            "Niêm yết công khai quy hoạch, kế hoạch sử dụng đất tại trụ sở UBND xã",
            2,
            "kt",
            &[],
            "Năm 2026",
            Some((2026, 12, 31)),
        ),
        row(
            "Duy trì tiếp công dân định kỳ của Chủ tịch UBND xã vào ngày 15 hằng tháng",
            3,
            "vp",
            &[],
            "Định kỳ hằng tháng",
            None,
        ),
        row(
            "Công khai bản kê khai tài sản, thu nhập của người có nghĩa vụ kê khai",
            4,
            "vp",
            &[],
            "Quý I/2026",
            Some((2026, 3, 31)),
        ),
        row(
            "Tự kiểm tra việc thu, chi các khoản đóng góp của nhân dân",
            4,
            "kt",
            &["bttnd"],
            "Hàng quý",
            None,
        ),
        row(
            "Rút ngắn thời gian giải quyết hồ sơ đất đai so với quy định",
            5,
            "hcc",
            &[],
            "Thường xuyên",
            None,
        ),
        row(
            "Nâng cấp tuyến đường liên thôn Bình An - Phú Lộc",
            6,
            "kt",
            &[],
            "6 tháng cuối năm 2026",
            Some((2026, 12, 31)),
        ),
        row(
            "Vận động nhân dân phân loại rác thải tại nguồn",
            7,
            "mttq",
            &[],
            "Từ tháng 3 đến tháng 9/2026",
            Some((2026, 9, 30)),
        ),
        row(
            "Hướng dẫn người dân thanh toán trực tuyến phí, lệ phí",
            8,
            "hcc",
            &[],
            "Quý III/2026",
            Some((2026, 9, 30)),
        ),
        row(
            "Văn phòng HĐND và UBND xã chủ trì theo dõi, đôn đốc thực hiện Kế hoạch này",
            0,
            "vp",
            &[],
            "trước ngày 10/12/2026",
            Some((2026, 12, 10)),
        ),
    ];
    assert_eq!(got, want);
    for t in &p.tasks {
        assert!(t.due.is_ongoing() == t.due.date.is_none(), "{t:?}");
    }
    // Every deadline understood; the new unit is the one the plan names.
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    let made: Vec<(&str, &str)> = p
        .new_units
        .iter()
        .map(|u| (u.code.as_str(), u.name.as_str()))
        .collect();
    assert_eq!(made, [("bttnd", "Ban Thanh tra nhân dân")]);
    let m = p.meta.as_ref().unwrap();
    assert_eq!(
        (m.number.as_str(), m.commune.as_str()),
        ("42/KH-UBND", "Đại Lộc")
    );
}
