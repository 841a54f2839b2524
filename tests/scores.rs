//! `papi-board scores`: recording the published PAPI score of a dimension
//! per year through the real binary on a real database, refusals in the
//! user's language that change nothing, and the scores reaching the board.

mod common;

use common::{TempDb, stderr};
use serde_json::{Value, json};

fn scores(db: &TempDb) -> Value {
    db.json(&["scores", "list", "--json"])
}

#[test]
fn set_list_and_clear_persist_across_runs() {
    let db = TempDb::new();
    assert_eq!(scores(&db), json!([]), "no scores ship by default");
    let empty = db.stdout(&["scores", "list"]);
    assert!(empty.contains("Chưa nhập điểm PAPI nào"), "{empty}");

    let out = db.stdout(&["scores", "set", "2024", "8", "3,05"]);
    assert_eq!(out.trim(), "Đã lưu: PAPI 2024 · 8. Quản trị điện tử: 3,05");
    let out = db.stdout(&["--lang", "en", "scores", "set", "2024", "1", "5.12"]);
    assert_eq!(out.trim(), "Saved: PAPI 2024 · 1. Participation: 5.12");
    db.stdout(&["scores", "set", "2023", "1", "4"]);
    assert_eq!(
        scores(&db),
        json!([
            {"year": 2023, "area": 1, "score": 4.0},
            {"year": 2024, "area": 1, "score": 5.12},
            {"year": 2024, "area": 8, "score": 3.05},
        ])
    );
    // Setting again replaces.
    db.stdout(&["scores", "set", "2024", "8", "3.5"]);
    assert_eq!(scores(&db)[2]["score"], json!(3.5));

    let text = db.stdout(&["scores", "list"]);
    let row = text.lines().find(|l| l.starts_with("2024")).unwrap();
    assert!(row.contains("5,12") && row.contains("3,50"), "{text}");
    assert!(text.contains("8. Quản trị điện tử"));
    for line in text.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
    }

    db.stdout(&["scores", "clear", "2024", "8"]);
    assert_eq!(scores(&db).as_array().unwrap().len(), 2);
    let again = db.run(&["scores", "clear", "2024", "8"]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("Chưa có điểm PAPI 2024 · 8"));

    // The board itself holds them (what the overview draws).
    let store = papi_board::store::Store::open(&db.path()).unwrap();
    assert_eq!(store.board().scores.get(&(2024, 1.into())), Some(&512));
    assert_eq!(store.board().scores.get(&(2024, 8.into())), None);
}

#[test]
fn bad_input_is_refused_in_the_users_language_and_changes_nothing() {
    let db = TempDb::new();
    db.stdout(&["scores", "set", "2024", "2", "4,8"]);
    let before = scores(&db);
    let cases: &[(&[&str], &str)] = &[
        (
            &["2024", "8", "11"],
            "Điểm 11,00 không hợp lệ (từ 1 đến 10)",
        ),
        (&["2024", "8", "0,5"], "Điểm 0,50 không hợp lệ"),
        (&["2024", "8", "-3"], "Điểm phải là số từ 1 đến 10"),
        (&["2024", "8", "năm"], "Điểm phải là số từ 1 đến 10"),
        (&["2024", "8", "5,123"], "Điểm phải là số từ 1 đến 10"),
        (&["2024", "0", "5"], "Chỉ số nội dung 0 không có"),
        (&["2024", "9", "5"], "Chỉ số nội dung 9 không có"),
        (
            &["2024", "x", "5"],
            "Chỉ số nội dung phải là một số từ 1 đến 8",
        ),
        (&["1999", "1", "5"], "Năm 1999 không hợp lệ"),
        (&["24", "1", "5"], "Năm 24 không hợp lệ"),
        (&["hai", "1", "5"], "Năm phải là một số"),
        (&["2024", "2", "2"], ""), // a valid one, to show the others were really refused
    ];
    for (args, want) in cases {
        let mut full = vec!["scores", "set"];
        full.extend_from_slice(args);
        let out = db.run(&full);
        if want.is_empty() {
            assert!(out.status.success(), "{}", stderr(&out));
            continue;
        }
        assert!(!out.status.success(), "{args:?} should be refused");
        let err = stderr(&out);
        assert!(err.contains(want), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one plain line: {err}");
        assert_eq!(scores(&db), before, "{args:?} changed nothing");
    }
    assert_eq!(scores(&db)[0]["score"], json!(2.0));
    let en = db.run(&["--lang", "en", "scores", "set", "2024", "8", "12"]);
    assert!(!en.status.success());
    assert!(stderr(&en).contains("Score 12.00 is invalid (1 to 10)"));
    let en = db.run(&["--lang", "en", "scores", "clear", "2024", "0"]);
    assert!(stderr(&en).contains("No dimension 0"), "{}", stderr(&en));
}

#[test]
fn status_shows_the_latest_scores_beside_the_tasks() {
    let db = TempDb::new();
    let before = db.stdout(&["status", "--today", "2025-07-01"]);
    assert!(!before.contains("Điểm PAPI"), "no scores, no line");
    for (dim, score) in [("1", "5,12"), ("2", "4,8"), ("5", "6,55"), ("8", "3,05")] {
        db.stdout(&["scores", "set", "2024", dim, score]);
    }
    db.stdout(&["scores", "set", "2023", "8", "2"]);
    let out = db.stdout(&["status", "--today", "2025-07-01"]);
    let line = out
        .lines()
        .find(|l| l.starts_with("Điểm PAPI 2024:"))
        .unwrap_or_else(|| panic!("{out}"));
    assert_eq!(
        line,
        "Điểm PAPI 2024: 1. 5,12 · 2. 4,80 · 5. 6,55 · 8. 3,05 — thấp nhất: 8"
    );
    for l in out.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(l) <= 80, "{l}");
    }
    let en = db.stdout(&["--lang", "en", "status", "--today", "2025-07-01"]);
    assert!(en.contains("PAPI score 2024: 1. 5.12 · 2. 4.80"), "{en}");
}
