//! Reports out: `papi-board export` with the real binary on a real
//! database, the files read back as their readers would: the .xlsx with
//! calamine, the .csv with a standard CSV reader. Every count must agree
//! with `status --json`, which comes from the same aggregation.

mod common;

use std::io::{Cursor, Read};
use std::path::PathBuf;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use common::{TempDb, stderr};
use papi_board::domain::board::Ctx;
use papi_board::domain::command::Command;
use papi_board::domain::deadline::parse_due;
use papi_board::domain::task::{Due, Note, Status};
use papi_board::store::Store;
use serde_json::Value;

const TODAY: &str = "2025-07-15";
const HEADERS: [&str; 9] = [
    "STT",
    "Nhiệm vụ",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời hạn",
    "Kết quả thực hiện / Sản phẩm",
    "Tình trạng",
    "Khó khăn, vướng mắc",
    "Đề xuất, kiến nghị",
];

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

/// The default board with one task in each report class and a blocked one.
fn board() -> TempDb {
    let db = TempDb::new();
    db.stdout(&["list"]);
    let mut s = Store::open(&db.path()).unwrap();
    let due =
        |text: &str| Due::from_parsed(parse_due(text, Some(2025)).unwrap(), Some(text.into()));
    for (id, text) in [
        (1, "Quý I/2025"),
        (2, "Trước 31/3/2025"),
        (3, "Quý II/2025"),
    ] {
        let mut t = s.board().task(id).unwrap().clone();
        t.due = due(text);
        s.apply(Command::PutTask(t), &at(2025, 1, 10)).unwrap();
    }
    let done = |id| Command::Move {
        id,
        status: Status::Done,
    };
    s.apply(done(1), &at(2025, 3, 20)).unwrap();
    s.apply(done(2), &at(2025, 4, 10)).unwrap();
    s.apply(
        Command::Block {
            id: 4,
            reason: "Thiếu kinh phí in tài liệu".into(),
        },
        &at(2025, 5, 2),
    )
    .unwrap();
    let result = Note {
        at: at(2025, 5, 20).now,
        author: "tester".into(),
        text: "Đã niêm yết tại 6 thôn".into(),
        result: true,
    };
    s.apply(
        Command::AddNote {
            id: 5,
            note: result,
        },
        &at(2025, 5, 20),
    )
    .unwrap();
    s.apply(
        Command::SetProgress {
            id: 5,
            progress: 60,
        },
        &at(2025, 5, 3),
    )
    .unwrap();
    drop(s);
    db.stdout(&[
        "edit",
        "4",
        "--proposal",
        "Đề nghị huyện hỗ trợ kinh phí in",
    ]);
    db
}

fn export(db: &TempDb, name: &str, extra: &[&str]) -> PathBuf {
    let p = db.dir.path().join(name);
    let mut args = vec!["export", p.to_str().unwrap(), "--today", TODAY];
    args.extend_from_slice(extra);
    let out = db.stdout(&args);
    assert!(
        out.contains("Đã ghi báo cáo") || out.contains("Report written"),
        "{out}"
    );
    p
}

fn status(db: &TempDb, extra: &[&str]) -> Value {
    let mut args = vec!["status", "--json", "--today", TODAY];
    args.extend_from_slice(extra);
    db.json(&args)
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

/// (total, on time, late, open on time, overdue, blocked) of a status
/// JSON group.
fn classes(v: &Value) -> [u64; 6] {
    [
        "total",
        "done_on_time",
        "done_late",
        "open_on_time",
        "open_overdue",
        "blocked",
    ]
    .map(|k| v[k].as_u64().or_else(|| v["by_class"][k].as_u64()).unwrap())
}

fn numbers(row: &[Data]) -> [u64; 6] {
    std::array::from_fn(|i| match &row[i + 1] {
        Data::Float(f) => *f as u64,
        other => panic!("not a number: {other:?}"),
    })
}

#[test]
fn the_xlsx_report_reads_back_with_its_rows_dates_and_counts() {
    let db = board();
    let path = export(&db, "bao-cao.xlsx", &[]);
    let bytes = std::fs::read(&path).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(book.sheet_names(), ["Báo cáo", "Tổng hợp"]);
    let report = book.worksheet_range("Báo cáo").unwrap();
    let rows: Vec<&[Data]> = report.rows().collect();
    assert_eq!(text(&rows[0][0]), "ỦY BAN NHÂN DÂN XÃ HÒA PHONG");
    assert_eq!(
        text(&rows[1][0]),
        "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ 05/KH-UBND"
    );
    assert_eq!(text(&rows[3][0]), "Tính đến ngày 15/07/2025");
    let header: Vec<String> = rows[5].iter().map(text).collect();
    assert_eq!(header, HEADERS);

    let tasks: Vec<&[Data]> = rows[6..]
        .iter()
        .copied()
        .filter(|r| matches!(r[0], Data::Float(_)))
        .collect();
    assert_eq!(tasks.len(), 50, "one row per task");
    let groups: Vec<String> = rows[6..]
        .iter()
        .filter(|r| !matches!(r[0], Data::Float(_)) && !text(&r[1]).is_empty())
        .map(|r| {
            format!("{} {}", text(&r[0]), text(&r[1]))
                .trim()
                .to_string()
        })
        .collect();
    assert_eq!(
        groups.len(),
        9,
        "grouped by the eight dimensions and the general area"
    );
    assert_eq!(groups[0], "I Tham gia của người dân ở cấp cơ sở");
    assert_eq!(groups[7], "VIII Quản trị điện tử");
    assert_eq!(groups[8], "Nhiệm vụ chung", "not numbered as a ninth");

    let list = db.json(&["list", "--json", "--today", TODAY]);
    let row_of = |id: usize| {
        let description = list[id - 1]["description"].as_str().unwrap().to_string();
        *tasks
            .iter()
            .find(|r| text(&r[1]) == description)
            .unwrap_or_else(|| panic!("task {id} not in the report"))
    };
    let r1 = row_of(1);
    match &r1[4] {
        Data::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            assert_eq!((y, m, day), (2025, 3, 31));
        }
        other => panic!("the deadline is a real date: {other:?}"),
    }
    assert_eq!(text(&r1[6]), "Đã hoàn thành đúng hạn");
    assert_eq!(text(&row_of(2)[6]), "Đã hoàn thành quá hạn");
    assert_eq!(text(&row_of(3)[6]), "Chưa hoàn thành, quá hạn");
    let r4 = row_of(4);
    assert_eq!(text(&r4[6]), "Chưa hoàn thành, trong hạn; Vướng mắc");
    assert_eq!(text(&r4[7]), "Thiếu kinh phí in tài liệu");
    assert_eq!(text(&r4[8]), "Đề nghị huyện hỗ trợ kinh phí in");
    assert_eq!(
        text(&row_of(5)[5]),
        "(tiến độ 60%)\n20/05/2025: Đã niêm yết tại 6 thôn"
    );
    assert_eq!(text(&row_of(5)[7]), "", "no difficulty, none written");
    assert_eq!(text(&row_of(5)[8]), "");
    assert_eq!(text(&row_of(10)[4]), "Thường xuyên");

    let status = status(&db, &[]);
    assert_eq!(classes(&status), [50, 1, 1, 47, 1, 1]);
    let summary = book.worksheet_range("Tổng hợp").unwrap();
    let srows: Vec<&[Data]> = summary.rows().collect();
    let totals: Vec<usize> = (0..srows.len())
        .filter(|&i| text(&srows[i][0]) == "Tổng cộng")
        .collect();
    assert_eq!(totals.len(), 2, "a total under each table");
    for &i in &totals {
        assert_eq!(numbers(srows[i]), classes(&status));
    }
    // Per dimension and per unit: each row as `status --json` counts it.
    for group in status["by_area"].as_array().unwrap() {
        let name = match group["area"].as_u64().unwrap() {
            0 => "Nhiệm vụ chung".to_string(),
            a => format!("{a}. {}", group["name"].as_str().unwrap()),
        };
        let row = srows[..totals[0]]
            .iter()
            .find(|r| text(&r[0]) == name)
            .unwrap_or_else(|| panic!("no row {name}"));
        assert_eq!(numbers(row), classes(group), "{name}");
    }
    let units: Vec<&Value> = status["by_unit"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["total"] != 0)
        .collect();
    let unit_rows = &srows[totals[0] + 1..totals[1]];
    for u in &units {
        let row = unit_rows
            .iter()
            .find(|r| text(&r[0]) == u["name"].as_str().unwrap())
            .unwrap_or_else(|| panic!("no row for {}", u["unit"]));
        assert_eq!(numbers(row), classes(u));
    }

    // The header is bold and frozen; columns have widths; text wraps.
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert!(
        sheet.contains(r#"ySplit="6""#) && sheet.contains(r#"state="frozen""#),
        "frozen under the header"
    );
    assert!(sheet.contains("<cols>") && sheet.contains(r#"customWidth="1""#));
    let mut styles = String::new();
    zip.by_name("xl/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    assert!(styles.contains("<b/>") && styles.contains(r#"wrapText="1""#));
    assert!(
        styles.contains(r#"<name val="Times New Roman"/>"#),
        "the font of a state document"
    );
}

#[test]
fn the_csv_report_parses_with_a_standard_reader_and_starts_with_a_bom() {
    let db = board();
    let bytes = std::fs::read(export(&db, "bao-cao.csv", &[])).unwrap();
    assert!(
        bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
        "UTF-8 byte-order mark for Excel"
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, HEADERS);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(records.iter().all(|r| r.len() == 9));
    let tasks = records
        .iter()
        .filter(|r| r[0].parse::<u32>().is_ok())
        .count();
    assert_eq!(tasks, 50);
    let totals: Vec<&csv::StringRecord> = records.iter().filter(|r| &r[0] == "Tổng cộng").collect();
    assert_eq!(totals.len(), 2);
    let status = status(&db, &[]);
    for t in totals {
        let n: [u64; 6] = std::array::from_fn(|i| t[i + 1].parse().unwrap());
        assert_eq!(n, classes(&status));
    }
    assert!(
        records
            .iter()
            .any(|r| &r[4] == "31/03/2025" && &r[6] == "Đã hoàn thành đúng hạn")
    );
}

#[test]
fn markdown_and_json_reports() {
    let db = board();
    let md = std::fs::read_to_string(export(&db, "bao-cao.md", &[])).unwrap();
    assert!(
        md.starts_with("# BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ 05/KH-UBND\n"),
        "{md}"
    );
    assert!(md.contains(&format!("| {} |", HEADERS.join(" | "))));
    assert!(md.contains("| **I** | **Tham gia của người dân ở cấp cơ sở** |"));
    assert!(
        md.contains("\n## Tổng hợp theo lĩnh vực\n")
            && md.contains("| Tổng cộng | 50 | 1 | 1 | 47 | 1 |")
    );
    // .json is the list contract, byte for byte.
    let json = db.stdout(&[
        "export", "-", "--format", "json", "--unit", "dc", "--today", TODAY,
    ]);
    assert_eq!(
        json,
        db.stdout(&["list", "--json", "--unit", "dc", "--today", TODAY])
    );
}

#[test]
fn filters_format_and_language() {
    let db = board();
    // --area: only that dimension, its counts as `status --area` has them.
    let csv = std::fs::read(export(
        &db,
        "area2.txt",
        &["--area", "2", "--format", "csv"],
    ))
    .unwrap();
    assert!(
        csv.starts_with(b"\xEF\xBB\xBFSTT,"),
        "--format wins over the extension"
    );
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(
        records
            .iter()
            .filter(|r| r[0].parse::<u32>().is_ok())
            .count(),
        4
    );
    let total = records.iter().find(|r| &r[0] == "Tổng cộng").unwrap();
    assert_eq!(
        total[1].parse::<u64>().unwrap(),
        classes(&status(&db, &["--area", "2"]))[0]
    );
    // --unit in English.
    let path = export(&db, "dc.xlsx", &["--unit", "dc", "--lang", "en"]);
    let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["Report", "Summary"]);
    let range = book.worksheet_range("Report").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(text(&rows[5][1]), "Task");
    let tasks = rows[6..]
        .iter()
        .filter(|r| matches!(r[0], Data::Float(_)))
        .count();
    let want = db
        .json(&["list", "--json", "--unit", "dc"])
        .as_array()
        .unwrap()
        .len();
    assert_eq!(tasks, want);
    // Refusals: an .xlsx to the terminal, an unknown unit, an unknown format.
    for (args, want) in [
        (
            vec!["export", "-", "--format", "xlsx"],
            "không ghi ra màn hình",
        ),
        (
            vec!["export", "x.csv", "--unit", "zz"],
            "Không có đơn vị: zz",
        ),
        (vec!["export", "x.pdf"], "xlsx, csv, md hoặc json"),
    ] {
        let out = db.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(want), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn the_report_name_offered_on_the_board() {
    let d = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    assert_eq!(
        papi_board::transfer::export::default_report_name(d),
        "bao-cao-papi-2025-06-30.xlsx"
    );
}
