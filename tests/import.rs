//! Plans in: `papi-board import` of a plan (.txt, .docx) and of a
//! task table (.csv, .xlsx), run as the real binary on a real database.
//! What a commune officer would check: the same tasks as the plan says,
//! units and deadlines read as written, a second import adds nothing, one
//! undo takes an import back, and bad files change nothing and say why.

mod common;
mod office;

use std::path::{Path, PathBuf};

use common::{TempDb, stderr};
use papi_board::domain::board::Ctx;
use papi_board::store::Store;
use serde_json::Value;

const CSV: &str = "tests/fixtures/bieu-tong-hop-nhiem-vu.csv";

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(name)
        .display()
        .to_string()
}

/// Write bytes to a file in the database's temporary directory.
fn file(db: &TempDb, name: &str, bytes: &[u8]) -> PathBuf {
    let p = db.dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn empty_board() -> TempDb {
    let db = TempDb::new();
    db.stdout(&["init", "--empty"]);
    db
}

fn tasks(db: &TempDb) -> Vec<Value> {
    db.json(&["list", "--json", "--today", "2025-06-30"])
        .as_array()
        .unwrap()
        .clone()
}

/// What the plan decides about a task (not when it was created).
fn planned(t: &Value) -> Value {
    let mut t = t.clone();
    for k in ["created_at", "updated_at", "completed_at"] {
        t.as_object_mut().unwrap().remove(k);
    }
    t
}

fn import(db: &TempDb, path: &Path) -> String {
    db.stdout(&["import", path.to_str().unwrap()])
}

#[test]
fn the_sample_plan_as_txt_and_docx_gives_the_default_board() {
    let default = TempDb::new();
    let want: Vec<Value> = tasks(&default).iter().map(planned).collect();
    assert_eq!(want.len(), 50);
    let want_plan = default.json(&["status", "--json"])["plan"].clone();

    let txt = empty_board();
    let out = import(
        &txt,
        Path::new(&fixture("assets/ke-hoach-05-KH-UBND-2025-hoa-phong.txt")),
    );
    assert!(out.contains("50 nhiệm vụ — 50 mới, 0 đã có"), "{out}");
    assert!(
        out.contains("05/KH-UBND · 07/01/2025 · Hòa Phong · 2025"),
        "{out}"
    );
    let got: Vec<Value> = tasks(&txt).iter().map(planned).collect();
    assert_eq!(got, want);
    assert_eq!(txt.json(&["status", "--json"])["plan"], want_plan);

    let docx = empty_board();
    let path = file(&docx, "ke-hoach-05.docx", &office::sample_docx());
    let out = import(&docx, &path);
    assert!(out.contains("50 mới, 0 đã có"), "{out}");
    let got: Vec<Value> = tasks(&docx).iter().map(planned).collect();
    assert_eq!(got, want, "the .docx reads as the .txt does");
    assert_eq!(docx.json(&["status", "--json"])["plan"], want_plan);
}

#[test]
fn the_sample_plan_into_the_default_board_adds_nothing() {
    let db = TempDb::new();
    let before = tasks(&db);
    let out = import(
        &db,
        Path::new(&fixture("assets/ke-hoach-05-KH-UBND-2025-hoa-phong.txt")),
    );
    assert!(out.contains("50 nhiệm vụ — 0 mới, 50 đã có"), "{out}");
    let en = db.stdout(&[
        "--lang",
        "en",
        "import",
        &fixture("assets/ke-hoach-05-KH-UBND-2025-hoa-phong.txt"),
    ]);
    assert!(en.contains("50 tasks — 0 new, 50 already there"), "{en}");
    assert_eq!(tasks(&db), before);
}

#[test]
fn a_csv_task_table_imports_once() {
    let db = empty_board();
    let out = import(&db, Path::new(&fixture(CSV)));
    assert!(out.contains("9 nhiệm vụ — 9 mới, 0 đã có"), "{out}");
    assert!(
        out.contains(
            "hnd (Hội Nông dân), dtn (Đoàn Thanh niên), ubnd (UBND), bchqs (Ban Chỉ huy Quân sự)"
        ),
        "unknown units are created and listed: {out}"
    );
    assert!(
        out.contains("dòng 18: không hiểu thời hạn “Theo tiến độ dự án”"),
        "{out}"
    );
    let t = tasks(&db);
    assert_eq!(t.len(), 9);
    let row = |i: usize| &t[i];
    // "Quý IV/2025": the quarter's last day, the wording kept.
    assert_eq!(row(0)["due"], "2025-12-31");
    assert_eq!(row(0)["due_text"], "Quý IV/2025");
    assert_eq!(row(0)["area"], 1, "from the section row “I”");
    assert_eq!(row(0)["lead_unit"], "vp");
    assert_eq!(row(0)["support_units"], serde_json::json!(["thon", "mttq"]));
    assert_eq!(row(0)["output"], "Biên bản hội nghị");
    // "Thường xuyên": ongoing, never overdue.
    assert_eq!(row(1)["ongoing"], true);
    assert_eq!(row(1)["due_text"], "Thường xuyên");
    // "Trước 30/6/2025", an unknown lead and supporter, the note kept.
    assert_eq!(row(2)["due"], "2025-06-30");
    assert_eq!(row(2)["lead_unit"], "hnd");
    assert_eq!(row(2)["support_units"], serde_json::json!(["dtn"]));
    assert!(
        row(2)["description"]
            .as_str()
            .unwrap()
            .ends_with("Ghi chú: Phối hợp với Ban giám sát đầu tư cộng đồng")
    );
    assert_eq!(row(3)["due"], "2025-03-31");
    assert_eq!(row(3)["area"], 2);
    assert_eq!(row(4)["due"], "2025-07-20");
    assert_eq!(row(4)["due_text"], "trước ngày 20.7.2025");
    assert_eq!(row(5)["area"], 3);
    assert_eq!(row(5)["support_units"], serde_json::json!(["dc", "tp"]));
    assert_eq!(row(6)["area"], 6);
    // An unknown wording: kept, no date, never overdue.
    assert_eq!(row(7)["due"], Value::Null);
    assert_eq!(row(7)["due_text"], "Theo tiến độ dự án");
    assert_eq!(row(7)["class"], "open_on_time");
    // A cell with line breaks: the title is its first line.
    assert_eq!(row(8)["area"], 8);
    assert_eq!(
        row(8)["title"],
        "Hướng dẫn người dân nộp hồ sơ dịch vụ công trực tuyến"
    );
    assert!(
        row(8)["description"]
            .as_str()
            .unwrap()
            .contains("\n- tại Bộ phận một cửa")
    );

    let again = import(&db, Path::new(&fixture(CSV)));
    assert!(again.contains("9 nhiệm vụ — 0 mới, 9 đã có"), "{again}");
    assert_eq!(tasks(&db), t);
}

#[test]
fn an_xlsx_task_table_imports_once_and_names_cells() {
    let db = empty_board();
    let path = file(&db, "phu-luc.xlsx", &office::table_xlsx(office::TABLE_ROWS));
    let out = import(&db, &path);
    assert!(out.contains("7 nhiệm vụ — 7 mới, 0 đã có"), "{out}");
    assert!(
        out.contains("ô Phụ lục!E15: không hiểu thời hạn “Khi có yêu cầu”"),
        "{out}"
    );
    assert!(
        out.contains("hnd (Hội Nông dân)") && out.contains("bchqs (Ban Chỉ huy Quân sự)"),
        "{out}"
    );
    let t = tasks(&db);
    let by_title = |start: &str| {
        t.iter()
            .find(|x| x["title"].as_str().unwrap().starts_with(start))
            .unwrap_or_else(|| panic!("no task {start}"))
    };
    let a = by_title("Tổ chức hội nghị");
    assert_eq!(
        (a["area"].as_u64(), a["due"].as_str()),
        (Some(1), Some("2025-12-31"))
    );
    assert_eq!(a["support_units"], serde_json::json!(["thon", "mttq"]));
    let b = by_title("Công khai quyết toán");
    assert_eq!(b["due"], "2025-07-20", "a real date cell");
    assert_eq!(b["area"], 2);
    // Section III names no dimension: the words decide.
    assert_eq!(by_title("Thu gom")["area"], 7);
    assert_eq!(by_title("Tiếp nhận hồ sơ")["area"], 5);
    assert_eq!(by_title("Duy trì an ninh")["area"], 6);

    let again = import(&db, &path);
    assert!(again.contains("7 nhiệm vụ — 0 mới, 7 đã có"), "{again}");
    assert_eq!(tasks(&db), t);
}

#[test]
fn an_import_is_one_undo_step_and_a_dry_run_changes_nothing() {
    let db = empty_board();
    let before = tasks(&db);
    let dry = db.stdout(&["import", &fixture(CSV), "--dry-run"]);
    assert!(
        dry.starts_with("Chạy thử — không thay đổi gì. Sẽ tạo:"),
        "{dry}"
    );
    assert_eq!(dry.lines().filter(|l| l.starts_with("  + ")).count(), 9);
    assert_eq!(tasks(&db), before);

    import(&db, Path::new(&fixture(CSV)));
    let ctx = Ctx {
        now: 1_750_000_000_000,
        author: "tester".into(),
    };
    let mut store = Store::open(&db.path()).unwrap();
    let history = store.history().unwrap();
    assert_eq!(history.last().unwrap().cmd.kind(), "batch");
    assert_eq!(store.board().tasks.len(), 9);
    store.undo(&ctx).unwrap();
    assert!(
        store.board().tasks.is_empty(),
        "one undo takes the whole import back"
    );
    assert!(
        store.board().unit("hnd").is_none(),
        "and the units it created"
    );
    drop(store);
    assert_eq!(tasks(&db), before);
}

#[test]
fn a_new_database_starts_from_the_imported_plan_alone() {
    let db = TempDb::new();
    let out = import(&db, Path::new(&fixture(CSV)));
    assert!(out.contains("9 mới, 0 đã có"), "{out}");
    assert_eq!(tasks(&db).len(), 9, "no sample plan underneath");
}

/// Runs an import that must fail: exit 2, the message, nothing changed.
fn refused(db: &TempDb, path: &Path) -> String {
    let before = tasks(db);
    let out = db.run(&["import", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(tasks(db), before, "nothing changed");
    let msg = stderr(&out);
    assert!(
        msg.contains(path.to_str().unwrap()),
        "names the file: {msg}"
    );
    msg
}

#[test]
fn bad_files_are_refused_with_file_and_place() {
    let db = TempDb::new();
    // Bytes no encoding reads as Vietnamese, from line 3.
    let cp1258 = file(&db, "hong.txt", b"Ke hoach\n\n\x81\x8d\x8f\x90 \x9d\x81\n");
    let m = refused(&db, &cp1258);
    assert!(
        m.contains("không phải UTF-8 (từ dòng 3") && m.contains("Windows-1258"),
        "{m}"
    );
    let mut utf16 = Vec::new();
    for u in "STT,Nội dung\n".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let m = refused(&db, &file(&db, "no-bom.csv", &utf16));
    assert!(m.contains("UTF-16"), "{m}");
    let m = refused(
        &db,
        &file(
            &db,
            "loi.txt",
            "Chỉ là một thư\n- không phải kế hoạch\n".as_bytes(),
        ),
    );
    assert!(m.contains("không phải kế hoạch"), "{m}");
    let docx = office::sample_docx();
    let m = refused(&db, &file(&db, "cut.docx", &docx[..docx.len() / 2]));
    assert!(m.contains("không phải tệp Word .docx đọc được"), "{m}");
    let xlsx = office::table_xlsx(office::TABLE_ROWS);
    let m = refused(&db, &file(&db, "cut.xlsx", &xlsx[..xlsx.len() / 2]));
    assert!(m.contains("không phải bảng tính đọc được"), "{m}");
    let m = refused(&db, &file(&db, "bang.csv", "a,b,c\n1,2,3\n".as_bytes()));
    assert!(m.contains("không thấy dòng tiêu đề"), "{m}");
    // A cell longer than a task holds: the cell is named.
    let long: &'static str = Box::leak("x ".repeat(10_001).into_boxed_str());
    let rows = [["1", long, "Văn phòng", "", "Quý I/2025", "", ""]];
    let m = refused(&db, &file(&db, "dai.xlsx", &office::table_xlsx(&rows)));
    assert!(m.contains("ô Phụ lục!B6: nội dung quá dài"), "{m}");
    let en = db.run(&["--lang", "en", "import", cp1258.to_str().unwrap()]);
    assert!(
        stderr(&en).contains("is not UTF-8 (from line 3"),
        "{}",
        stderr(&en)
    );
}

#[test]
fn utf16_with_a_byte_order_mark_is_read() {
    let db = empty_board();
    let text = std::fs::read_to_string(fixture(CSV)).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let out = import(&db, &file(&db, "unicode.csv", &bytes));
    assert!(out.contains("9 mới, 0 đã có"), "{out}");
    assert_eq!(tasks(&db)[1]["due_text"], "Thường xuyên");
}

#[test]
fn a_new_database_is_not_created_by_a_failed_import() {
    let db = TempDb::new();
    let bad = file(&db, "x.txt", b"\xFF\xFE\x00");
    let out = db.run(&["import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!db.path().exists(), "no database left behind");
}

/// The sample plan as Markdown: headings as `##`, numbers in bold, `*`
/// bullets.
fn sample_markdown() -> String {
    office::SAMPLE
        .lines()
        .map(|l| {
            let t = l.trim();
            if t.starts_with("II.") || t.starts_with("III.") || t.starts_with("I.") {
                format!("## {t}")
            } else if let Some(rest) = t.strip_prefix("- ") {
                format!("* {rest}")
            } else if t.starts_with(|c: char| c.is_ascii_digit()) {
                let (num, rest) = t.split_once(' ').unwrap();
                format!("### **{num}** {rest}")
            } else {
                t.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_sample_plan_as_markdown_gives_the_default_board() {
    let want: Vec<Value> = tasks(&TempDb::new()).iter().map(planned).collect();
    let db = empty_board();
    let out = import(&db, &file(&db, "ke-hoach.md", sample_markdown().as_bytes()));
    assert!(out.contains("50 mới, 0 đã có"), "{out}");
    assert_eq!(tasks(&db).iter().map(planned).collect::<Vec<_>>(), want);
}

#[test]
fn another_plan_keeps_the_boards_plan_details_and_says_so() {
    let db = TempDb::new();
    let plan = "Số: 12/KH-UBND\nYên Sơn, ngày 15 tháng 02 năm 2025\n\nII. NỘI DUNG\n\
        1.8. Nội dung “Quản trị điện tử”\n- Hướng dẫn người dân cài đặt ứng dụng VNeID\n";
    let before = db.json(&["status", "--json"])["plan"].clone();
    let out = import(&db, &file(&db, "khac.txt", plan.as_bytes()));
    assert!(
        out.contains("Bảng đang theo Kế hoạch 05/KH-UBND; tệp là Kế hoạch 12/KH-UBND"),
        "{out}"
    );
    assert!(out.contains("1 nhiệm vụ — 1 mới, 0 đã có"), "{out}");
    assert_eq!(db.json(&["status", "--json"])["plan"], before);
    let t = tasks(&db);
    assert_eq!(t.len(), 51);
    assert_eq!(
        (t[50]["area"].as_u64(), t[50]["lead_unit"].as_str()),
        (Some(8), Some("vp"))
    );
}
