//! Reports by period and the official report, from the real binary on a
//! real database whose changes were made on the days they happened: a
//! quarter's report holds exactly the results and difficulties dated in
//! it, with the classes as of its last day; the .xlsx read back by
//! calamine, the .docx (Nghị định 30/2020) read back as zip + XML.

mod common;

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use common::TempDb;
use papi_board::domain::board::Ctx;
use papi_board::domain::command::Command;
use papi_board::domain::deadline::parse_due;
use papi_board::domain::task::{Due, Note, Status};
use papi_board::store::Store;
use quick_xml::events::Event;

/// The day the reports are written: after the second quarter.
const TODAY: &str = "2025-08-15";

fn at(y: i32, m: u32, d: u32) -> Ctx {
    let ms = NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(3, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp_millis();
    Ctx {
        now: ms,
        author: "tester".into(),
    }
}

fn note(s: &mut Store, id: u64, (y, m, d): (i32, u32, u32), text: &str, result: bool) {
    let ctx = at(y, m, d);
    let note = Note {
        at: ctx.now,
        author: "tester".into(),
        text: text.into(),
        result,
    };
    s.apply(Command::AddNote { id, note }, &ctx).unwrap();
}

fn moved(s: &mut Store, id: u64, status: Status, (y, m, d): (i32, u32, u32)) {
    s.apply(Command::Move { id, status }, &at(y, m, d)).unwrap();
}

/// Task 3: results in Q1, Q2 and Q3, and a plain note in Q2. Task 4: a
/// difficulty in Q1 (closed in Q1) and one opened in Q2 (closed in Q3).
/// Task 6: due 31/5, done in Q3 (overdue as of 30/6). Task 7: due in Q3,
/// done in Q2. Task 8: due in Q3, open (the next period's work).
fn board() -> TempDb {
    let db = TempDb::new();
    db.stdout(&["list"]);
    let mut s = Store::open(&db.path()).unwrap();
    let due =
        |text: &str| Due::from_parsed(parse_due(text, Some(2025)).unwrap(), Some(text.into()));
    for (id, text) in [
        (6, "Trước 31/5/2025"),
        (7, "Quý III/2025"),
        (8, "Quý III/2025"),
    ] {
        let mut t = s.board().task(id).unwrap().clone();
        t.due = due(text);
        s.apply(Command::PutTask(t), &at(2025, 1, 10)).unwrap();
    }
    note(&mut s, 3, (2025, 3, 15), "Đã họp dân 3 thôn", true);
    note(&mut s, 3, (2025, 5, 10), "Đã họp dân 6 thôn còn lại", true);
    note(
        &mut s,
        3,
        (2025, 5, 11),
        "Gọi điện nhắc các trưởng thôn",
        false,
    );
    note(&mut s, 3, (2025, 7, 10), "Tổng hợp ý kiến gửi huyện", true);
    let block = |id, reason: &str| Command::Block {
        id,
        reason: reason.into(),
    };
    s.apply(block(4, "Chờ kinh phí quý I"), &at(2025, 2, 10))
        .unwrap();
    moved(&mut s, 4, Status::Doing, (2025, 3, 20));
    s.apply(block(4, "Chờ ý kiến của huyện"), &at(2025, 5, 5))
        .unwrap();
    moved(&mut s, 4, Status::Doing, (2025, 8, 1));
    moved(&mut s, 6, Status::Done, (2025, 7, 10));
    moved(&mut s, 7, Status::Done, (2025, 6, 15));
    drop(s);
    db.stdout(&["edit", "4", "--proposal", "Đề nghị huyện sớm cho ý kiến"]);
    db.stdout(&[
        "plan",
        "set",
        "--signer",
        "Nguyễn Văn An",
        "--signer-title",
        "TM. ỦY BAN NHÂN DÂN; KT. CHỦ TỊCH; PHÓ CHỦ TỊCH",
        "--recipients",
        "UBND huyện Hòa Vang; Đảng ủy xã; Lưu: VT",
    ]);
    db
}

fn export(db: &TempDb, name: &str, period: &str) -> Vec<u8> {
    let p = db.dir.path().join(name);
    let path = p.to_str().unwrap();
    db.stdout(&["export", path, "--today", TODAY, "--period", period]);
    std::fs::read(&p).unwrap()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

fn title(db: &TempDb, id: u64) -> String {
    let t = db.json(&["show", &id.to_string(), "--json"]);
    t["title"].as_str().unwrap().to_string()
}

/// The report sheet's rows, and the task rows keyed by their text.
fn sheet(bytes: &[u8]) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let mut read = |name: &str| -> Vec<Vec<String>> {
        let range = book.worksheet_range(name).unwrap();
        range.rows().map(|r| r.iter().map(text).collect()).collect()
    };
    (read("Báo cáo"), read("Tổng hợp"))
}

fn row<'a>(rows: &'a [Vec<String>], db: &TempDb, id: u64) -> &'a [String] {
    let t = db.json(&["show", &id.to_string(), "--json"]);
    let task = t["description"].as_str().unwrap();
    rows.iter()
        .find(|r| r[1] == task)
        .unwrap_or_else(|| panic!("no row for task {id}"))
}

#[test]
fn a_quarter_holds_exactly_what_is_dated_in_it_with_the_classes_of_its_last_day() {
    let db = board();
    let (rows, summary) = sheet(&export(&db, "q2.xlsx", "2025-Q2"));
    assert_eq!(
        rows[1][0],
        "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ 05/KH-UBND QUÝ II NĂM 2025"
    );
    assert_eq!(
        rows[3][0],
        "Kỳ báo cáo: quý II năm 2025 (tính đến ngày 30/06/2025)"
    );
    // Results: only the one of 10/5; the plain note is not a result.
    assert_eq!(
        row(&rows, &db, 3)[5],
        "10/05/2025: Đã họp dân 6 thôn còn lại"
    );
    // Difficulties: only the one met in the quarter; blocked on 30/6.
    let r4 = row(&rows, &db, 4);
    assert_eq!(r4[7], "Chờ ý kiến của huyện");
    assert_eq!(r4[6], "Chưa hoàn thành, trong hạn; Vướng mắc");
    assert_eq!(r4[8], "Đề nghị huyện sớm cho ý kiến");
    // Classes as of 30/6: task 6 (due 31/5, done 10/7) still open and
    // overdue; task 7 (done 15/6) done on time.
    assert_eq!(row(&rows, &db, 6)[6], "Chưa hoàn thành, quá hạn");
    assert_eq!(row(&rows, &db, 7)[6], "Đã hoàn thành đúng hạn");
    let total = summary.iter().find(|r| r[0] == "Tổng cộng").unwrap();
    let head = summary.iter().find(|r| r[1] == "Tổng số").unwrap();
    assert_eq!(head[6], "Vướng mắc", "{head:?}");
    assert_eq!(&total[1..7], ["50", "1", "0", "48", "1", "1"]);

    // The first quarter: its own result and difficulty, nothing blocked
    // on 31/3 (the difficulty closed on 20/3).
    let (rows, summary) = sheet(&export(&db, "q1.xlsx", "2025-Q1"));
    assert_eq!(row(&rows, &db, 3)[5], "15/03/2025: Đã họp dân 3 thôn");
    assert_eq!(row(&rows, &db, 4)[7], "Chờ kinh phí quý I");
    assert_eq!(row(&rows, &db, 4)[6], "Chưa hoàn thành, trong hạn");
    let total = summary.iter().find(|r| r[0] == "Tổng cộng").unwrap();
    assert_eq!(&total[1..7], ["50", "0", "0", "50", "0", "0"]);

    // As of today (no period): every result so far, the open difficulty.
    let now = db.stdout(&["export", "-", "--today", TODAY, "--format", "csv"]);
    assert!(now.contains("15/03/2025: Đã họp dân 3 thôn\n10/05/2025: Đã họp dân 6 thôn còn lại\n10/07/2025: Tổng hợp ý kiến gửi huyện"), "{now}");

    let bad = db.run(&["export", "-", "--period", "2025-Q5"]);
    assert!(!bad.status.success());
    assert!(common::stderr(&bad).contains("Kỳ báo cáo phải là"));
}

/// The document's paragraphs (text of each `w:p`, with whether it is in a
/// table and which), and the attributes of each `w:pgSz` and `w:pgMar`.
struct DocXml {
    paragraphs: Vec<(Option<usize>, String)>,
    /// Each table's rows, each row's cells' text.
    tables: Vec<Vec<Vec<String>>>,
    pages: Vec<Vec<(String, String)>>,
}

fn attrs(e: &quick_xml::events::BytesStart) -> Vec<(String, String)> {
    e.attributes()
        .map(|a| {
            let a = a.unwrap();
            (a.key.as_ref().to_string(), a.value.into_owned())
        })
        .collect()
}

fn read_docx(bytes: &[u8]) -> (DocXml, String) {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let (xml, styles) = (read("word/document.xml"), read("word/styles.xml"));
    let mut r = quick_xml::Reader::from_str(&xml);
    let mut doc = DocXml {
        paragraphs: Vec::new(),
        tables: Vec::new(),
        pages: Vec::new(),
    };
    let (mut table, mut para, mut in_t) = (Vec::<usize>::new(), String::new(), false);
    let mut cell_paras = 0;
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == "w:tbl" => {
                table.push(doc.tables.len());
                doc.tables.push(Vec::new());
            }
            Event::End(e) if e.name().as_ref() == "w:tbl" => drop(table.pop()),
            Event::Start(e) if e.name().as_ref() == "w:tr" => {
                doc.tables[*table.last().unwrap()].push(Vec::new());
            }
            Event::Start(e) if e.name().as_ref() == "w:tc" => {
                let t = *table.last().unwrap();
                doc.tables[t].last_mut().unwrap().push(String::new());
                cell_paras = 0;
            }
            Event::Start(e) if e.name().as_ref() == "w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_t = false,
            Event::Text(t) if in_t => {
                para.push_str(&t.xml10_content());
            }
            Event::End(e) if e.name().as_ref() == "w:p" => {
                // A cell's paragraphs, one a line.
                if let Some(&t) = table.last() {
                    let cell = doc.tables[t].last_mut().unwrap().last_mut().unwrap();
                    if cell_paras > 0 {
                        cell.push('\n');
                    }
                    cell.push_str(&para);
                    cell_paras += 1;
                }
                doc.paragraphs
                    .push((table.last().copied(), std::mem::take(&mut para)));
            }
            Event::Empty(e) if matches!(e.name().as_ref(), "w:pgSz" | "w:pgMar") => {
                doc.pages.push(attrs(&e));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (doc, styles)
}

fn attr<'a>(a: &'a [(String, String)], key: &str) -> &'a str {
    a.iter().find(|(k, _)| k == key).map_or("", |(_, v)| v)
}

#[test]
fn the_official_report_has_the_decrees_parts_and_its_appendix() {
    let db = board();
    let (doc, styles) = read_docx(&export(&db, "bao-cao-quy-2.docx", "2025-Q2"));
    let body: Vec<&str> = doc
        .paragraphs
        .iter()
        .filter(|(t, _)| t.is_none())
        .map(|(_, p)| p.as_str())
        .collect();
    // The header table: the issuing body and number left, the national
    // title, motto, place and date right.
    let header = &doc.tables[0][0];
    assert_eq!(
        header[0],
        "ỦY BAN NHÂN DÂN\nXÃ HÒA PHONG\n\nSố:      /BC-UBND"
    );
    assert_eq!(
        header[1],
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nHòa Phong, ngày 15 tháng 8 năm 2025"
    );
    // The title and its subject naming the period.
    let at = |text: &str| {
        body.iter()
            .position(|p| *p == text)
            .unwrap_or_else(|| panic!("no paragraph {text:?} in {body:#?}"))
    };
    assert_eq!(
        at("BÁO CÁO") + 1,
        at("Kết quả thực hiện Kế hoạch số 05/KH-UBND quý II năm 2025")
    );
    // The four parts in order, each with what the quarter holds.
    let parts = [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. KHÓ KHĂN, VƯỚNG MẮC",
        "III. ĐỀ XUẤT, KIẾN NGHỊ",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
    ]
    .map(at);
    assert!(parts.is_sorted(), "{parts:?}");
    let part = |i: usize| &body[parts[i] + 1..parts.get(i + 1).copied().unwrap_or(body.len())];
    assert_eq!(
        part(0)[0],
        "Tổng số 50 nhiệm vụ: đã hoàn thành đúng hạn 1; đã hoàn thành quá hạn 0; \
         chưa hoàn thành, trong hạn 48; chưa hoàn thành, quá hạn 1; vướng mắc 1."
    );
    let results = format!("- {}: 10/05/2025: Đã họp dân 6 thôn còn lại", title(&db, 3));
    assert!(part(0).contains(&results.as_str()), "{:#?}", part(0));
    assert!(!part(0).iter().any(|p| p.contains("Đã họp dân 3 thôn")));
    let t4 = title(&db, 4);
    assert_eq!(part(1), [format!("- {t4}: Chờ ý kiến của huyện")]);
    assert_eq!(part(2), [format!("- {t4}: Đề nghị huyện sớm cho ý kiến")]);
    assert_eq!(
        part(3)[0],
        "Tập trung thực hiện các nhiệm vụ đến hạn trong quý III năm 2025:"
    );
    let t8 = title(&db, 8);
    assert!(
        part(3)
            .iter()
            .any(|p| p.starts_with(&format!("- {t8} (chủ trì: "))),
        "{:#?}",
        part(3)
    );
    assert!(
        !part(3).iter().any(|p| p.contains(&title(&db, 7))),
        "task 7 is done"
    );
    // Nơi nhận and the signature, as set once.
    let sign = &doc.tables[1][0];
    assert_eq!(
        sign[0],
        "Nơi nhận:\n- UBND huyện Hòa Vang;\n- Đảng ủy xã;\n- Lưu: VT."
    );
    assert!(
        sign[1].starts_with("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n")
            && sign[1].ends_with("Nguyễn Văn An"),
        "{:?}",
        sign[1]
    );
    // The appendix: its title, then the task table — the nine columns, a
    // row per dimension with tasks and a row per task.
    assert!(at("Phụ lục") > parts[3]);
    at("KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ QUÝ II NĂM 2025");
    let table = &doc.tables[2];
    assert_eq!(
        table[0],
        [
            "STT",
            "Nhiệm vụ",
            "Đơn vị chủ trì",
            "Đơn vị phối hợp",
            "Thời hạn",
            "Kết quả thực hiện / Sản phẩm",
            "Tình trạng",
            "Khó khăn, vướng mắc",
            "Đề xuất, kiến nghị"
        ]
    );
    let tasks: Vec<&Vec<String>> = table.iter().filter(|r| r.len() == 9).skip(1).collect();
    assert_eq!(tasks.len(), 50);
    let groups: Vec<&Vec<String>> = table.iter().filter(|r| r.len() == 2).collect();
    assert_eq!(groups.len(), 9);
    assert_eq!(groups[8][1], "Nhiệm vụ chung");
    let row4 = tasks
        .iter()
        .find(|r| r[7] == "Chờ ý kiến của huyện")
        .unwrap();
    assert_eq!(row4[8], "Đề nghị huyện sớm cho ý kiến");
    // Page setup: A4 portrait with the decree's margins, then the
    // appendix's section landscape; Times New Roman 14 pt throughout.
    let (portrait, margins, landscape) = (&doc.pages[0], &doc.pages[1], &doc.pages[2]);
    assert_eq!(
        (attr(portrait, "w:w"), attr(portrait, "w:h")),
        ("11906", "16838")
    );
    assert_eq!(
        ["w:top", "w:bottom", "w:left", "w:right"].map(|k| attr(margins, k)),
        ["1134", "1134", "1701", "851"],
        "20 mm, 20 mm, 30 mm, 15 mm"
    );
    assert_eq!(
        [
            attr(landscape, "w:w"),
            attr(landscape, "w:h"),
            attr(landscape, "w:orient")
        ],
        ["16838", "11906", "landscape"]
    );
    assert!(styles.contains(r#"w:ascii="Times New Roman""#));
    assert!(styles.contains(r#"<w:rPrDefault><w:rPr><w:sz w:val="28" />"#));
}

#[test]
fn a_report_is_written_over_a_file_only_when_asked() {
    let db = board();
    let p = db.dir.path().join("bao-cao.docx");
    std::fs::write(&p, b"keep me").unwrap();
    let path = p.to_str().unwrap();
    let out = db.run(&["export", path, "--period", "2025-Q2"]);
    assert!(!out.status.success());
    assert!(common::stderr(&out).contains("thêm --force để ghi đè"));
    assert_eq!(std::fs::read(&p).unwrap(), b"keep me");
    db.stdout(&["export", path, "--period", "2025-Q2", "--force"]);
    assert!(std::fs::read(&p).unwrap().starts_with(b"PK"));
}
