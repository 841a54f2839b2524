//! A .csv task table with `;` between cells (what Excel writes in a
//! Vietnamese locale) or `,` (elsewhere), whose quoted cells hold the other
//! separator, the file's own separator and a line break: `papi-board
//! import`, as the real binary on a real database, keeps every cell whole
//! and in its column, and both files give the same tasks.

mod common;

use std::path::PathBuf;

use common::TempDb;
use serde_json::Value;

/// The cells of the table, row by row, as a person typed them in Excel.
/// The header of the first column holds the other separator, unquoted
/// ("Nội dung, nhiệm vụ" in a `;` file): read with the wrong separator the
/// header still names a content column, so only a reading that compares
/// the rows with the header picks the right one.
const ROWS: [[&str; 4]; 3] = [
    [
        "Rà soát; cập nhật danh sách hộ nghèo, cận nghèo",
        "Văn phòng",
        "Tư pháp",
        "30/06/2025",
    ],
    [
        "Họp dân thôn Đông, thôn Tây;\nbáo cáo kết quả theo quý",
        "Văn phòng",
        "",
        "Quý IV/2025",
    ],
    [
        "Niêm yết công khai, đúng hạn thủ tục hành chính",
        "Tư pháp",
        "Văn phòng",
        "Thường xuyên",
    ],
];

/// One cell as Excel writes it: quoted when it holds the separator, a
/// quote or a line break (and only then).
fn cell(text: &str, sep: char) -> String {
    if text.contains([sep, '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The whole file with `sep`, after a title row padded to the table's
/// width, as Excel saves it (with a byte-order mark, CRLF line ends).
fn table(sep: char) -> Vec<u8> {
    let line = |cells: &[&str]| {
        cells
            .iter()
            .map(|c| cell(c, sep))
            .collect::<Vec<_>>()
            .join(&sep.to_string())
    };
    let other = if sep == ';' { ',' } else { ';' };
    let content = format!("Nội dung{other} nhiệm vụ");
    let mut lines = vec![line(&["BIỂU TỔNG HỢP NHIỆM VỤ NĂM 2025", "", "", ""])];
    lines.push(line(&[
        &content,
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời hạn",
    ]));
    for r in &ROWS {
        lines.push(line(r));
    }
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice((lines.join("\r\n") + "\r\n").as_bytes());
    bytes
}

fn import(sep: char, name: &str) -> (TempDb, String) {
    let db = TempDb::new();
    db.stdout(&["init", "--empty"]);
    let path: PathBuf = db.dir.path().join(name);
    std::fs::write(&path, table(sep)).unwrap();
    let out = db.stdout(&["import", path.to_str().unwrap()]);
    (db, out)
}

fn tasks(db: &TempDb) -> Vec<Value> {
    db.json(&["list", "--json", "--today", "2025-06-30"])
        .as_array()
        .unwrap()
        .clone()
}

/// Every task has its cell whole and the cells beside it in their columns.
fn check(sep: char, tasks: &[Value]) {
    assert_eq!(tasks.len(), ROWS.len(), "`{sep}`: one task per row");
    for (t, row) in tasks.iter().zip(&ROWS) {
        // The whole cell, its separators and line break included, is the
        // task's text; the card title is taken from its first clause.
        assert_eq!(t["description"], row[0], "`{sep}`: {t}");
        let title = t["title"].as_str().unwrap();
        assert!(
            !title.is_empty() && row[0].starts_with(title),
            "`{sep}`: the title {title:?} comes from the cell {:?}",
            row[0]
        );
    }
    let lead: Vec<&str> = tasks
        .iter()
        .map(|t| t["lead_unit"].as_str().unwrap())
        .collect();
    assert_eq!(lead, ["vp", "vp", "tp"], "`{sep}`: lead units");
    let support: Vec<&Value> = tasks.iter().map(|t| &t["support_units"]).collect();
    assert_eq!(
        support,
        [
            &serde_json::json!(["tp"]),
            &serde_json::json!([]),
            &serde_json::json!(["vp"])
        ],
        "`{sep}`: supporting units"
    );
    let due: Vec<&Value> = tasks.iter().map(|t| &t["due_text"]).collect();
    assert_eq!(
        due,
        ["30/06/2025", "Quý IV/2025", "Thường xuyên"],
        "`{sep}`: deadlines"
    );
    assert_eq!(tasks[0]["due"], "2025-06-30");
    assert_eq!(tasks[1]["due"], "2025-12-31");
    assert_eq!(tasks[2]["ongoing"], true);
}

#[test]
fn a_semicolon_table_keeps_quoted_cells_whole() {
    let (db, out) = import(';', "bang-excel-vn.csv");
    assert!(out.contains("3 nhiệm vụ — 3 mới, 0 đã có"), "{out}");
    check(';', &tasks(&db));
}

#[test]
fn a_comma_table_keeps_quoted_cells_whole() {
    let (db, out) = import(',', "bang.csv");
    assert!(out.contains("3 nhiệm vụ — 3 mới, 0 đã có"), "{out}");
    check(',', &tasks(&db));
}

#[test]
fn both_separators_give_the_same_tasks() {
    let what = |t: &Value| {
        let mut t = t.clone();
        for k in ["created_at", "updated_at", "completed_at"] {
            t.as_object_mut().unwrap().remove(k);
        }
        t
    };
    let (semi, _) = import(';', "a.csv");
    let (comma, _) = import(',', "b.csv");
    let a: Vec<Value> = tasks(&semi).iter().map(what).collect();
    let b: Vec<Value> = tasks(&comma).iter().map(what).collect();
    assert_eq!(a, b);
}
