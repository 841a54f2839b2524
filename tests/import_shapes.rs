//! Plans as communes really write them, each in another province's shape,
//! read by the importer: every test checks the exact tasks made (count,
//! title, dimension, lead, support, deadline wording and date) and that
//! headings, labels, responsibility lines, recipients and the signature
//! made none. The fixtures are written for these tests.

mod office;

mod common;

use chrono::NaiveDate;
use common::plan_rows::{row, rows};
use papi_board::domain::board::{Board, BoardMeta};
use papi_board::domain::unit::{Unit, commune_2025_preset, plan_preset};
use papi_board::transfer::import::{Prepared, Warning, prepare};
use papi_board::transfer::legacy::Legacy;

fn board(units: Vec<Unit>) -> Board {
    Board::new(
        BoardMeta {
            year: 2026,
            ..BoardMeta::default()
        },
        units,
    )
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

fn read(name: &str, bytes: &[u8], units: Vec<Unit>) -> Prepared {
    prepare(name, bytes, &board(units), today())
        .unwrap_or_else(|e| panic!("{}", e.message(papi_board::domain::Lang::Vi)))
}

/// One task as the officer checks it: title, dimension, lead, support,
/// deadline wording, deadline date.
/// No task's text is a heading, label, responsibility line, recipient or
/// signature.
fn no_junk(p: &Prepared) {
    for t in &p.tasks {
        let d = t.description.to_lowercase();
        for bad in [
            "đơn vị chủ trì:",
            "thời gian thực hiện:",
            "nơi nhận",
            "lưu: vt",
            "chủ tịch",
            "tm. ủy ban",
            "nội dung “",
            "chỉ số nội dung",
        ] {
            assert!(
                !d.starts_with(bad) && !d.contains(&format!("- {bad}")),
                "junk task: {}",
                t.description
            );
        }
    }
}

/// Quảng Nam style: "Chỉ số nội dung N" headings, lettered items a), b)
/// with the lead and deadline in brackets, "Giao … chủ trì", one section
/// whose lead and deadline are given once by "- Đơn vị chủ trì:" lines,
/// and TỔ CHỨC THỰC HIỆN assigning items by number.
const QUANG_NAM: &str = "ỦY BAN NHÂN DÂN XÃ TAM XUÂN
Số: 18/KH-UBND
Tam Xuân, ngày 20 tháng 01 năm 2026
KẾ HOẠCH
Cải thiện, nâng cao Chỉ số PAPI xã Tam Xuân năm 2026
I. MỤC ĐÍCH, YÊU CẦU
1. Cải thiện thứ hạng các chỉ số nội dung.
- Phấn đấu tăng bậc so với năm 2025.
II. NHIỆM VỤ, GIẢI PHÁP
1. Chỉ số nội dung 1: Tham gia của người dân ở cấp cơ sở
a) Niêm yết công khai danh sách cử tri và kết quả bầu cử trưởng thôn tại nhà văn hóa các thôn (Cơ quan chủ trì: Văn phòng HĐND và UBND xã; thời gian: Quý II/2026).
b) Giao Phòng Văn hóa - Xã hội chủ trì, phối hợp với Ủy ban MTTQ Việt Nam xã tổ chức lấy ý kiến người dân về các khoản đóng góp tự nguyện trước ngày 30/6/2026.
2. Chỉ số nội dung 2: Công khai, minh bạch trong việc ra quyết định ở địa phương
a) Giao Phòng Kinh tế chủ trì công khai quyết toán ngân sách xã năm 2025 và dự toán năm 2026 (hoàn thành trước ngày 31/3/2026).
b) Công khai quy hoạch sử dụng đất, bảng giá đất tại Trung tâm Phục vụ hành chính công xã.
3. Chỉ số nội dung 5: Thủ tục hành chính công
- Đơn vị chủ trì: Trung tâm Phục vụ hành chính công xã
- Thời gian thực hiện: Thường xuyên
a) Rà soát, công bố, niêm yết đầy đủ thủ tục hành chính thuộc thẩm quyền của xã.
b) Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.
4. Chỉ số nội dung 8: Quản trị điện tử
a) Hướng dẫn người dân nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia.
b) Cập nhật tin, bài trên Trang thông tin điện tử xã (Văn phòng HĐND và UBND chủ trì, Công an xã phối hợp; Tháng 9/2026).
III. TỔ CHỨC THỰC HIỆN
1. Trung tâm Phục vụ hành chính công xã: chủ trì thực hiện các nội dung 4; phối hợp thực hiện nội dung 2.
2. Công an xã: Chủ trì bảo đảm an ninh, trật tự tại các điểm tiếp công dân; hằng tháng báo cáo kết quả về UBND xã.
3. Các cơ quan, đơn vị căn cứ nhiệm vụ được giao chủ động triển khai thực hiện.
Nơi nhận:
- UBND huyện (b/c);
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn An
";

#[test]
fn quang_nam_lettered_items_with_leads_in_brackets_and_by_number() {
    let p = read(
        "ke-hoach-tam-xuan.txt",
        QUANG_NAM.as_bytes(),
        commune_2025_preset(),
    );
    let q2 = Some((2026, 6, 30));
    assert_eq!(
        rows(&p),
        [
            row(
                "Niêm yết công khai danh sách cử tri và kết quả bầu cử trưởng thôn tại nhà văn hóa các thôn",
                1,
                "vp",
                &[],
                Some("Quý II/2026"),
                q2
            ),
            row(
                "Giao Phòng Văn hóa - Xã hội chủ trì, phối hợp với Ủy ban MTTQ Việt Nam xã tổ chức lấy ý kiến người dân về các…",
                1,
                "vhxh",
                &["mttq"],
                Some("trước ngày 30/6/2026"),
                q2
            ),
            row(
                "Giao Phòng Kinh tế chủ trì công khai quyết toán ngân sách xã năm 2025 và dự toán năm 2026",
                2,
                "kt",
                &["hcc"],
                Some("trước ngày 31/3/2026"),
                Some((2026, 3, 31))
            ),
            // The keyword rules say land (Địa chính), which a commune
            // organised in 2025 gives to Phòng Kinh tế: no unit is made.
            row(
                "Công khai quy hoạch sử dụng đất, bảng giá đất tại Trung tâm Phục vụ hành chính công xã",
                2,
                "kt",
                &["hcc"],
                None,
                None
            ),
            row(
                "Rà soát, công bố, niêm yết đầy đủ thủ tục hành chính thuộc thẩm quyền của xã",
                5,
                "hcc",
                &[],
                Some("Thường xuyên"),
                None
            ),
            row(
                "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
                5,
                "hcc",
                &[],
                Some("Thường xuyên"),
                None
            ),
            row(
                "Hướng dẫn người dân nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia",
                8,
                "hcc",
                &[],
                None,
                None
            ),
            row(
                "Cập nhật tin, bài trên Trang thông tin điện tử xã",
                8,
                "vp",
                &["ca"],
                Some("Tháng 9/2026"),
                Some((2026, 9, 30))
            ),
            row(
                "Công an xã: Chủ trì bảo đảm an ninh, trật tự tại các điểm tiếp công dân",
                0,
                "ca",
                &[],
                None,
                None
            ),
        ]
    );
    no_junk(&p);
    assert!(p.new_units.is_empty(), "{:?}", p.new_units);
    assert_eq!(p.meta.as_ref().unwrap().number, "18/KH-UBND");
}

/// Hưng Yên style: numbered paragraphs "2.1.1." that are tasks themselves,
/// "(1)", "(2)" items, "+" items under "-" labels ("Về phòng ngừa tham
/// nhũng:"), a lead and deadline given once per label, and each task of
/// one section followed by its own "- Đơn vị chủ trì" and "- Thời gian
/// thực hiện" lines. TỔ CHỨC THỰC HIỆN: unit headings with bullets.
const HUNG_YEN: &str = "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ TÂN HƯNG\tĐộc lập - Tự do - Hạnh phúc
Số: 07/KH-UBND\tTân Hưng, ngày 15 tháng 02 năm 2026

KẾ HOẠCH
Nâng cao Chỉ số hiệu quả quản trị và hành chính công (PAPI) năm 2026

I. MỤC TIÊU
Phấn đấu Chỉ số PAPI của xã năm 2026 tăng bậc so với năm 2025.

II. NỘI DUNG THỰC HIỆN
2.1. Nâng cao Chỉ số Kiểm soát tham nhũng trong khu vực công
- Về phòng ngừa tham nhũng (Đơn vị chủ trì: Tư pháp - Hộ tịch; thời gian: Hằng năm):
+ Công khai, minh bạch trong hoạt động của cơ quan, đơn vị theo quy định.
+ Thực hiện nghiêm quy định về kê khai tài sản, thu nhập.
- Về phát hiện, xử lý tham nhũng:
+ Tiếp nhận, xử lý kịp thời phản ánh của người dân về hành vi nhũng nhiễu.
- Đơn vị chủ trì: Văn phòng - Thống kê
2.2. Cung ứng dịch vụ công
2.2.1. Duy trì, nâng cao chất lượng khám, chữa bệnh tại Trạm y tế xã.
2.2.2. Bảo đảm an ninh, trật tự khu dân cư:
(1) Xây dựng mô hình camera an ninh tại 5 thôn.
(2) Tuần tra, kiểm soát vào các dịp lễ, Tết.
2.3. Quản trị môi trường
- Tổ chức thu gom, vận chuyển rác thải sinh hoạt tại các thôn.
- Đơn vị chủ trì: Địa chính
- Thời gian thực hiện: Quý III/2026
- Ra quân tổng vệ sinh môi trường hưởng ứng Ngày Môi trường thế giới.
- Đơn vị chủ trì: Ủy ban MTTQ Việt Nam xã
- Thời gian thực hiện: Tháng 6/2026

III. TỔ CHỨC THỰC HIỆN
1. Công chức Văn phòng - Thống kê
- Tham mưu UBND xã theo dõi, đôn đốc thực hiện Kế hoạch; tổng hợp báo cáo kết quả trước ngày 15/12/2026.
2. Hội Nông dân xã
- Vận động hội viên tham gia giám sát đầu tư của cộng đồng.

Trên đây là Kế hoạch nâng cao Chỉ số PAPI năm 2026 của UBND xã Tân Hưng./.
Nơi nhận:
- Thường trực Đảng ủy;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Thị Bình
";

#[test]
fn hung_yen_numbered_paragraphs_labels_and_per_task_lines() {
    let p = read("ke-hoach-tan-hung.txt", HUNG_YEN.as_bytes(), plan_preset());
    assert_eq!(
        rows(&p),
        [
            row(
                "Công khai, minh bạch trong hoạt động của cơ quan, đơn vị theo quy định",
                4,
                "tp",
                &[],
                Some("Hằng năm"),
                None
            ),
            row(
                "Thực hiện nghiêm quy định về kê khai tài sản, thu nhập",
                4,
                "tp",
                &[],
                Some("Hằng năm"),
                None
            ),
            row(
                "Tiếp nhận, xử lý kịp thời phản ánh của người dân về hành vi nhũng nhiễu",
                4,
                "vp",
                &[],
                None,
                None
            ),
            row(
                "Duy trì, nâng cao chất lượng khám, chữa bệnh tại Trạm y tế xã",
                6,
                "yte",
                &[],
                None,
                None
            ),
            row(
                "Xây dựng mô hình camera an ninh tại 5 thôn",
                6,
                "ca",
                &[],
                None,
                None
            ),
            row(
                "Tuần tra, kiểm soát vào các dịp lễ, Tết",
                6,
                "ca",
                &[],
                None,
                None
            ),
            row(
                "Tổ chức thu gom, vận chuyển rác thải sinh hoạt tại các thôn",
                7,
                "dc",
                &[],
                Some("Quý III/2026"),
                Some((2026, 9, 30))
            ),
            row(
                "Ra quân tổng vệ sinh môi trường hưởng ứng Ngày Môi trường thế giới",
                7,
                "mttq",
                &[],
                Some("Tháng 6/2026"),
                Some((2026, 6, 30))
            ),
            row(
                "Tham mưu UBND xã theo dõi, đôn đốc thực hiện Kế hoạch",
                0,
                "vp",
                &[],
                Some("trước ngày 15/12/2026"),
                Some((2026, 12, 15))
            ),
            row(
                "Vận động hội viên tham gia giám sát đầu tư của cộng đồng",
                0,
                "hnd",
                &[],
                None,
                None
            ),
        ]
    );
    no_junk(&p);
    let names: Vec<&str> = p.new_units.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names, ["Hội Nông dân"]);
    let m = p.meta.as_ref().unwrap();
    assert_eq!(
        (m.number.as_str(), m.date.as_str(), m.commune.as_str()),
        ("07/KH-UBND", "15/02/2026", "Tân Hưng")
    );
    // The headings that only introduce items made no task and no warning;
    // the keyword rules chose the leads of the three silent tasks.
    assert!(
        p.warnings.contains(&Warning::KeywordLeads(3)),
        "{:?}",
        p.warnings
    );
}

fn sample_tasks() -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sample-plan-tasks.json"
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The sample's tasks as `list --json` shows them, for comparing with the
/// tasks as they were before the reader was rebuilt.
fn as_listed(p: &Prepared) -> Vec<serde_json::Value> {
    p.tasks
        .iter()
        .map(|t| {
            serde_json::json!({
                "title": t.title,
                "description": t.description,
                "area": t.area.get(),
                "lead_unit": t.lead.to_string(),
                "support_units": t.support.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
                "due": t.due.date.map(|d| d.to_string()),
                "due_text": t.due.text,
                "ongoing": t.due.is_ongoing(),
            })
        })
        .collect()
}

#[test]
fn the_sample_plan_gives_its_50_tasks_unchanged_from_txt_and_both_docx() {
    let want = sample_tasks();
    assert_eq!(want.len(), 50);
    let txt = read("ke-hoach.txt", office::SAMPLE.as_bytes(), plan_preset());
    assert_eq!(as_listed(&txt), want);
    let typed = read("ke-hoach.docx", &office::sample_docx(), plan_preset());
    assert_eq!(
        as_listed(&typed),
        want,
        "typed numbers, Word bullets in III"
    );
    let auto = read(
        "ke-hoach-tu-dong.docx",
        &office::sample_docx_numbered(),
        plan_preset(),
    );
    assert_eq!(
        as_listed(&auto),
        want,
        "every number and bullet from Word's numbering"
    );
    assert!(auto.source.numbered > 80, "{}", auto.source.numbered);
    assert_eq!(auto.meta.as_ref().unwrap().number, "05/KH-UBND");
}

/// Bình Định style, typed in Word: headings numbered by their paragraph
/// style ("Mục 1", "Mục 2" in styles.xml), tasks as Word bullets and
/// lettered items, and the task table as an appendix after "Nơi nhận" and
/// the signature (STT · Nội dung nhiệm vụ · Cơ quan chủ trì · Cơ quan phối
/// hợp · Thời gian hoàn thành · Sản phẩm) with a section row per
/// dimension.
fn binh_dinh_docx() -> Vec<u8> {
    let styles = r#"<w:style w:type="paragraph" w:styleId="Muc1"><w:name w:val="Mục 1"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="10"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Muc2"><w:name w:val="Mục 2"/><w:basedOn w:val="Muc1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>"#;
    use office::{numbered, para, styled, table};
    let body = [
        para("ỦY BAN NHÂN DÂN XÃ PHÙ CÁT"),
        para("Số: 25/KH-UBND"),
        para("Phù Cát, ngày 10 tháng 3 năm 2026"),
        para("KẾ HOẠCH"),
        para("Nâng cao Chỉ số PAPI năm 2026"),
        styled("Muc1", "MỤC ĐÍCH, YÊU CẦU"),
        numbered(11, 0, "Nâng cao nhận thức của cán bộ, công chức về Chỉ số PAPI."),
        styled("Muc1", "NỘI DUNG"),
        styled("Muc2", "Nội dung “Trách nhiệm giải trình với người dân”"),
        numbered(10, 3, "Tổ chức đối thoại giữa Chủ tịch UBND xã với nhân dân về công tác giải phóng mặt bằng."),
        numbered(11, 0, "Đơn vị chủ trì: Văn phòng HĐND và UBND xã"),
        numbered(11, 0, "Thời gian thực hiện: Quý III/2026"),
        numbered(10, 3, "Giải quyết dứt điểm các đơn thư khiếu nại, tố cáo tồn đọng."),
        styled("Muc2", "Các nhiệm vụ cụ thể"),
        para("Các nhiệm vụ cụ thể của từng cơ quan, đơn vị theo Phụ lục kèm theo Kế hoạch này."),
        styled("Muc1", "TỔ CHỨC THỰC HIỆN"),
        numbered(11, 0, "Phòng Kinh tế: chủ trì tham mưu công khai bảng giá đất năm 2026 trên Trang thông tin điện tử xã."),
        para("Nơi nhận:"),
        numbered(11, 0, "Như trên;"),
        numbered(11, 0, "Lưu: VT."),
        para("TM. ỦY BAN NHÂN DÂN"),
        para("CHỦ TỊCH"),
        para("Lê Văn Cường"),
        para("PHỤ LỤC"),
        para("NHIỆM VỤ NÂNG CAO CHỈ SỐ PAPI NĂM 2026"),
        table(&[
            &["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm"],
            &["I", "QUẢN TRỊ ĐIỆN TỬ", "", "", "", ""],
            &["1", "Hướng dẫn người dân cài đặt, sử dụng ứng dụng VNeID", "Công an xã", "Đoàn Thanh niên xã", "Quý II/2026", "Báo cáo"],
            &["2", "Cập nhật dịch vụ công trực tuyến toàn trình", "TT PVHCC", "", "30/9/2026", "Danh mục"],
            &["II", "CUNG ỨNG DỊCH VỤ CÔNG", "", "", "", ""],
            &["1", "Sửa chữa đường giao thông thôn Hòa Hội", "Phòng KT", "Các thôn", "Tháng 11/2026", "Công trình"],
        ]),
    ]
    .concat();
    office::docx_with_styles(&body, Some(office::OUTLINE_NUMBERING), Some(styles))
}

#[test]
fn binh_dinh_word_numbering_from_styles_and_an_appendix_table() {
    let p = read(
        "ke-hoach-phu-cat.docx",
        &binh_dinh_docx(),
        commune_2025_preset(),
    );
    assert_eq!(
        rows(&p),
        [
            row(
                "Tổ chức đối thoại giữa Chủ tịch UBND xã với nhân dân về công tác giải phóng mặt bằng",
                3,
                "vp",
                &[],
                Some("Quý III/2026"),
                Some((2026, 9, 30))
            ),
            // The lines under "a." are a's own: "b." says nothing, the
            // keyword rules choose Tư pháp, which this board has not: the
            // office leads, no unit is made.
            row(
                "Giải quyết dứt điểm các đơn thư khiếu nại, tố cáo tồn đọng",
                3,
                "vp",
                &[],
                None,
                None
            ),
            row(
                "Phòng Kinh tế: chủ trì tham mưu công khai bảng giá đất năm 2026 trên Trang thông tin điện tử xã",
                0,
                "kt",
                &["vp"],
                None,
                None
            ),
            row(
                "Hướng dẫn người dân cài đặt, sử dụng ứng dụng VNeID",
                8,
                "ca",
                &["dtn"],
                Some("Quý II/2026"),
                Some((2026, 6, 30))
            ),
            row(
                "Cập nhật dịch vụ công trực tuyến toàn trình",
                8,
                "hcc",
                &[],
                Some("30/9/2026"),
                Some((2026, 9, 30))
            ),
            row(
                "Sửa chữa đường giao thông thôn Hòa Hội",
                6,
                "kt",
                &["thon"],
                Some("Tháng 11/2026"),
                Some((2026, 11, 30))
            ),
        ]
    );
    no_junk(&p);
    let made: Vec<(&str, &str)> = p
        .new_units
        .iter()
        .map(|u| (u.code.as_str(), u.name.as_str()))
        .collect();
    assert_eq!(made, [("dtn", "Đoàn Thanh niên")]);
    let m = p.meta.as_ref().unwrap();
    assert_eq!(
        (m.number.as_str(), m.commune.as_str()),
        ("25/KH-UBND", "Phù Cát")
    );
    assert!(p.source.numbered >= 10, "{}", p.source.numbered);
    // "1.2. Các nhiệm vụ cụ thể" holds only a pointer to the appendix.
    assert!(
        p.warnings.iter().any(
            |w| matches!(w, Warning::EmptyHeading(_, h) if h.ends_with("Các nhiệm vụ cụ thể"))
        ),
        "{:?}",
        p.warnings
    );
}

/// Writes the .docx fixtures to `$FIXTURE_OUT` (run by hand with
/// `--ignored`), from which `tests/fixtures/*.pdf` were made with
/// `libreoffice --headless --convert-to pdf`; the Phù Cát plan is the
/// example of the user guides (`tests/fixtures/ke-hoach-phu-cat.docx`).
#[test]
#[ignore]
fn write_docx_fixtures_for_pdf() {
    let dir = std::path::PathBuf::from(std::env::var("FIXTURE_OUT").unwrap());
    std::fs::write(
        dir.join("ke-hoach-05-hoa-phong.docx"),
        office::sample_docx(),
    )
    .unwrap();
    let hung_yen: String = HUNG_YEN.lines().map(office::para).collect();
    std::fs::write(
        dir.join("ke-hoach-tan-hung.docx"),
        office::docx(&hung_yen, None),
    )
    .unwrap();
    std::fs::write(dir.join("ke-hoach-phu-cat.docx"), binh_dinh_docx()).unwrap();
}

#[test]
fn the_sample_plan_as_a_pdf_gives_its_50_tasks_unchanged() {
    // Made by LibreOffice from the .docx of `office::sample_docx`.
    let pdf = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/ke-hoach-05-hoa-phong.pdf"
    ))
    .unwrap();
    let p = read("ke-hoach-05.pdf", &pdf, plan_preset());
    let (got, want) = (as_listed(&p), sample_tasks());
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w);
    }
    assert_eq!(got.len(), want.len());
    assert_eq!(p.source.pages, Some(5));
    let m = p.meta.as_ref().unwrap();
    assert_eq!(
        (m.number.as_str(), m.date.as_str(), m.commune.as_str()),
        ("05/KH-UBND", "07/01/2025", "Hòa Phong")
    );
}

#[test]
fn a_pdf_plan_reads_as_its_text_does() {
    // The Hưng Yên plan above, typed in Word and saved as PDF.
    let pdf = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/ke-hoach-tan-hung.pdf"
    ))
    .unwrap();
    let p = read("ke-hoach-tan-hung.pdf", &pdf, plan_preset());
    let txt = read("ke-hoach-tan-hung.txt", HUNG_YEN.as_bytes(), plan_preset());
    assert_eq!(rows(&p), rows(&txt));
    assert_eq!(p.tasks.len(), 10);
    no_junk(&p);
    let m = p.meta.as_ref().unwrap();
    assert_eq!(
        (m.number.as_str(), m.date.as_str(), m.commune.as_str()),
        ("07/KH-UBND", "15/02/2026", "Tân Hưng")
    );
}

#[test]
fn a_scanned_pdf_and_a_word_97_file_get_plain_messages() {
    let e = prepare(
        "ban-quet.pdf",
        &scanned_pdf(),
        &board(plan_preset()),
        today(),
    )
    .unwrap_err();
    let m = e.message(papi_board::domain::Lang::Vi);
    assert!(
        m.contains("ban-quet.pdf là bản quét (1 trang ảnh, không có chữ)"),
        "{m}"
    );
    let broken = prepare(
        "hong.pdf",
        b"%PDF-1.7\n1 0 obj",
        &board(plan_preset()),
        today(),
    )
    .unwrap_err();
    assert!(
        broken
            .message(papi_board::domain::Lang::Vi)
            .contains("không phải tệp PDF đọc được")
    );
    // A Word 97 file where LibreOffice is not installed: how to save it.
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("ke-hoach.doc");
    std::fs::write(&doc, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 Word 97").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_papi-board"))
        .args([
            "--db",
            dir.path().join("db").to_str().unwrap(),
            "import",
            doc.to_str().unwrap(),
            "--dry-run",
        ])
        .env("PATH", dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("là tệp Word 97 (.doc). Hãy mở trong Word và chọn Tệp → Lưu thành → “Tài liệu Word (*.docx)”"), "{err}");
}

/// With LibreOffice installed, a Word 97 .doc is converted and read, and
/// the review says so. (Where it is not installed there is nothing to run.)
#[test]
fn a_word_97_file_is_converted_through_libreoffice_when_installed() {
    let office = std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join("soffice"))
            .find(|p| p.is_file())
    });
    let Some(office) = office else {
        eprintln!("LibreOffice is not installed: nothing to convert");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("ke-hoach.docx");
    std::fs::write(&docx, office::sample_docx()).unwrap();
    let status = std::process::Command::new(office)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .args(["--headless", "--convert-to", "doc", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .unwrap();
    assert!(status.status.success());
    let doc = std::fs::read(dir.path().join("ke-hoach.doc")).unwrap();
    let p = read("ke-hoach.doc", &doc, plan_preset());
    assert!(p.source.converted);
    assert_eq!(as_listed(&p), sample_tasks());
}

/// A one-page PDF whose page only paints a grey box, as a scan's page
/// holds an image and no text.
fn scanned_pdf() -> Vec<u8> {
    let content = "0.5 g 50 50 495 742 re f";
    let objects = [
        "<</Type/Catalog/Pages 2 0 R>>".to_string(),
        "<</Type/Pages/Kids[3 0 R]/Count 1>>".to_string(),
        "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<<>>/Contents 4 0 R>>"
            .to_string(),
        format!(
            "<</Length {}>>\nstream\n{content}\nendstream",
            content.len()
        ),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<</Size {}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

/// A short plan as an old office still has it, in TCVN3, VNI or
/// Windows-1258: each gives the tasks the Unicode text gives, and the
/// review names the encoding.
const LEGACY_PLAN: &str = "Số: 03/KH-UBND
Đông Hòa, ngày 12 tháng 01 năm 2026
KẾ HOẠCH
Nâng cao chỉ số PAPI năm 2026
II. NỘI DUNG
1. Nội dung \"Công khai, minh bạch trong việc ra quyết định ở địa phương\"
- Niêm yết công khai danh sách hộ nghèo, cận nghèo tại nhà văn hóa các thôn (Đơn vị chủ trì: Văn hóa - Xã hội; thời gian: Quý I/2026).
- Công khai dự toán ngân sách xã năm 2026 trước ngày 31/01/2026.
2. Nội dung \"Quản trị môi trường\"
- Thu gom rác thải sinh hoạt tại các khu dân cư; xử lý nghiêm vi phạm về môi trường.
III. TỔ CHỨC THỰC HIỆN
1. Công chức Địa chính
- Kiểm tra việc chấp hành pháp luật về đất đai, môi trường trên địa bàn xã.
Nơi nhận:
- Lưu: VT.
";

/// Encode text in a legacy encoding, letter by letter, with the decoder's
/// own table turned round (the decoder is checked letter by letter
/// against the published tables in its unit tests).
fn encode(text: &str, legacy: Legacy) -> Vec<u8> {
    use std::collections::HashMap;
    use unicode_normalization::UnicodeNormalization;
    if legacy == Legacy::Windows1258 {
        // Windows-1258 keeps â ê ô ơ ư ă đ whole and the tones apart.
        let mut out = String::new();
        for c in text.chars() {
            let parts: Vec<char> = c.to_string().nfd().collect();
            let (tones, shape): (Vec<char>, Vec<char>) = parts.iter().partition(|m| {
                matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
            });
            out.extend(shape.iter().collect::<String>().nfc());
            out.extend(tones);
        }
        let (bytes, _, bad) = encoding_rs::WINDOWS_1258.encode(&out);
        assert!(!bad, "not in Windows-1258: {text}");
        return bytes.into_owned();
    }
    // A letter and its mark byte first (VNI), then single bytes.
    let mut table: HashMap<String, Vec<u8>> = HashMap::new();
    for a in 0..=255u8 {
        for b in 0x80..=255u8 {
            table.entry(legacy.decode(&[a, b])).or_insert(vec![a, b]);
        }
    }
    for a in 0..=255u8 {
        table.insert(legacy.decode(&[a]), vec![a]);
    }
    if legacy == Legacy::Vni {
        for a in 0..=255u8 {
            for b in 0x80..=255u8 {
                let s = legacy.decode(&[a, b]);
                if s.chars().count() == 1 && !a.is_ascii_digit() {
                    table.insert(s, vec![a, b]);
                }
            }
        }
    }
    text.chars()
        .flat_map(|c| {
            table
                .get(&c.to_string())
                .unwrap_or_else(|| panic!("{legacy:?} has no {c}"))
                .clone()
        })
        .collect()
}

#[test]
fn legacy_encodings_read_as_the_unicode_plan() {
    let want = read("ke-hoach.txt", LEGACY_PLAN.as_bytes(), plan_preset());
    assert_eq!(want.tasks.len(), 4);
    assert_eq!(
        rows(&want)[0],
        row(
            "Niêm yết công khai danh sách hộ nghèo, cận nghèo tại nhà văn hóa các thôn",
            2,
            "vhxh",
            &[],
            Some("Quý I/2026"),
            Some((2026, 3, 31))
        )
    );
    for legacy in [Legacy::Tcvn3, Legacy::Vni, Legacy::Windows1258] {
        let bytes = encode(LEGACY_PLAN, legacy);
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "{legacy:?} is not UTF-8"
        );
        let p = read("ke-hoach-cu.txt", &bytes, plan_preset());
        assert_eq!(rows(&p), rows(&want), "{legacy:?}");
        assert_eq!(p.source.legacy, Some(legacy));
        let review =
            papi_board::transfer::review::review(&p, &plan_preset(), papi_board::domain::Lang::Vi);
        assert!(
            review
                .iter()
                .any(|l| l.contains(&format!("mã {} đã chuyển sang Unicode", legacy.name()))),
            "{review:?}"
        );
    }
}
