//! The plan reader on small plans written for the purpose; whole plans in
//! each province's shape are in `tests/import_shapes.rs`.

use super::*;
use crate::domain::unit::plan_preset;
use crate::transfer::outline::{bullet, numbered_heading, roman_heading};
use crate::transfer::rules::default_rules;

const SAMPLE: &str = include_str!("../../../assets/ke-hoach-05-KH-UBND-2025-hoa-phong.txt");

#[test]
fn headings_and_bullets_are_recognised() {
    assert_eq!(
        numbered_heading("1.1. Nội dung"),
        Some((vec![1, 1], "Nội dung"))
    );
    assert_eq!(numbered_heading("3. Công tác"), Some((vec![3], "Công tác")));
    assert_eq!(
        numbered_heading("1.1) Nội dung"),
        Some((vec![1, 1], "Nội dung"))
    );
    assert_eq!(numbered_heading("2025 là năm"), None);
    assert_eq!(
        roman_heading("III. TỔ CHỨC THỰC HIỆN"),
        Some((3, "TỔ CHỨC THỰC HIỆN"))
    );
    assert_eq!(roman_heading("Ia. x"), None);
    assert_eq!(bullet("• Việc"), Some("Việc"));
    assert_eq!(bullet("-Việc"), None);
}

#[test]
fn sample_plan_metadata() {
    let p = parse_plan(SAMPLE, &plan_preset(), &default_rules()).unwrap();
    assert_eq!(p.meta.number, "05/KH-UBND");
    assert_eq!(p.meta.date, "07/01/2025");
    assert_eq!(p.meta.year, 2025);
    assert_eq!(p.meta.commune, "Hòa Phong");
    assert!(
        p.meta.title.starts_with("Nâng cao Chỉ số hiệu quả"),
        "{}",
        p.meta.title
    );
    assert_eq!(p.meta.target, "tăng bậc so với năm 2024");
    assert!(p.new_units.is_empty(), "{:?}", p.new_units);
}

#[test]
fn section_three_headings_name_their_units() {
    let p = parse_plan(SAMPLE, &plan_preset(), &default_rules()).unwrap();
    let leads: Vec<(String, String)> = p
        .tasks
        .iter()
        .filter(|t| t.section.starts_with("III."))
        .map(|t| (t.section.clone(), t.lead.clone()))
        .collect();
    let want = [
        ("III.1", "vp"),
        ("III.2", "vhxh"),
        ("III.3", "tp"),
        ("III.4", "dc"),
        ("III.5", "tckt"),
        ("III.6", "thon"),
        ("III.7", "mttq"),
        ("III.8", "dtt"),
    ];
    for (sec, unit) in want {
        assert!(
            leads.iter().any(|(s, u)| s == sec && u == unit),
            "{sec} → {unit}: {leads:?}"
        );
        assert!(
            leads
                .iter()
                .filter(|(s, _)| s == sec)
                .all(|(_, u)| u == unit)
        );
    }
}

#[test]
fn titles_are_first_clauses() {
    assert_eq!(title_of("Làm A; làm B."), "Làm A");
    assert_eq!(title_of("Làm A. Làm B."), "Làm A");
    assert_eq!(title_of(":"), ":");
    assert_eq!(title_of("; còn lại"), "; còn lại");
    assert_eq!(
        title_of("Làm nông thôn mới... đảm bảo"),
        "Làm nông thôn mới... đảm bảo"
    );
    let long = "từ ".repeat(80);
    let t = title_of(&long);
    assert!(t.chars().count() <= TITLE_MAX && t.ends_with('…'));
}

#[test]
fn other_numbering_and_bullets_are_read_alike() {
    let text = "Số: 12/KH-UBND\t\tXã Yên Sơn, ngày 15 tháng 02 năm 2025\n\
        KẾ HOẠCH\nNâng cao chỉ số PAPI năm 2025\n\
        1. MỤC ĐÍCH, YÊU CẦU\n- Không phải nhiệm vụ\n\
        2. NỘI DUNG\n\
        2.1) Tham gia của người dân ở cơ sở\n• Tổ chức hội nghị lấy ý kiến nhân dân\n\
        a) Về bầu cử\n+ Niêm yết danh sách cử tri trước ngày 10/3/2025\n\
        2.2) Quản trị điện tử\n– Hướng dẫn dịch vụ công trực tuyến\n\
        3. TỔ CHỨC THỰC HIỆN\n\
        a) Công chức Tư pháp - Hộ tịch\n- Tuyên truyền pháp luật\n\
        b) Ban Chỉ huy Quân sự xã\n- Phối hợp giữ gìn an ninh\n\
        Nơi nhận:\n- Lưu: VT.\n";
    let p = parse_plan(text, &plan_preset(), &default_rules()).unwrap();
    assert_eq!(p.meta.number, "12/KH-UBND");
    assert_eq!(p.meta.date, "15/02/2025");
    assert_eq!(p.meta.commune, "Yên Sơn");
    assert_eq!(p.meta.year, 2025);
    assert_eq!(p.meta.title, "Nâng cao chỉ số PAPI năm 2025");
    let got: Vec<(&str, u8, &str)> = p
        .tasks
        .iter()
        .map(|t| (t.section.as_str(), t.area.get(), t.lead.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("II.2.1", 1, "vp"),
            ("II.2.1.a", 1, "vp"),
            ("II.2.2", 8, "vp"),
            ("III.a", 0, "tp"),
            ("III.b", 0, "bchqs"),
        ]
    );
    assert_eq!(
        p.tasks[1].due.date,
        chrono::NaiveDate::from_ymd_opt(2025, 3, 10)
    );
    assert_eq!(p.new_units, vec![Unit::new("bchqs", "Ban Chỉ huy Quân sự")]);
}

#[test]
fn text_without_sections_is_not_a_plan() {
    assert_eq!(
        parse_plan("hello\n- a\n", &plan_preset(), &default_rules()),
        Err(PlanError::NotAPlan(Box::default()))
    );
}
