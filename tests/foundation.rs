//! Issue "foundation": the default board is the real plan, the status and
//! list commands agree, and a locked database gives a plain message.

mod common;

use std::collections::BTreeSet;

use common::TempDb;
use serde_json::Value;

const PLAN: &str = include_str!("../assets/ke-hoach-05-KH-UBND-2025-hoa-phong.txt");

/// Count the plan's bullets the way a person would: every "- " line from
/// section II.1.1 up to the closing paragraph ("Trên đây là…"), where only
/// II.2 (a table reference) has none.
fn plan_bullets() -> Vec<String> {
    let start = PLAN.find("1.1. Nội dung").expect("II.1.1 heading");
    let end = PLAN
        .find("Trên đây là Kế hoạch")
        .expect("closing paragraph");
    PLAN[start..end]
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- "))
        .map(|s| s.trim().to_string())
        .collect()
}

#[test]
fn default_board_holds_every_bullet_of_the_plan_once() {
    let db = TempDb::new();
    let tasks = db.json(&["list", "--json"]);
    let tasks = tasks.as_array().unwrap();
    let bullets = plan_bullets();
    assert_eq!(bullets.len(), 50, "the plan has 27 + 3 + 3 + 17 bullets");
    assert_eq!(tasks.len(), bullets.len());
    let descriptions: BTreeSet<&str> = tasks
        .iter()
        .map(|t| t["description"].as_str().unwrap())
        .collect();
    for b in &bullets {
        assert!(descriptions.contains(b.as_str()), "missing bullet: {b}");
    }
    assert_eq!(descriptions.len(), tasks.len(), "no duplicates");
    let areas: BTreeSet<u64> = tasks.iter().map(|t| t["area"].as_u64().unwrap()).collect();
    assert_eq!(
        areas,
        (0..=8).collect(),
        "every dimension and the general area have tasks"
    );
    // Section III: a unit's duties are led by that unit.
    let led_by = |unit: &str| tasks.iter().filter(|t| t["lead_unit"] == unit).count();
    for unit in ["vp", "vhxh", "tp", "dc", "tckt", "thon", "mttq", "dtt"] {
        assert!(led_by(unit) > 0, "{unit} leads nothing");
    }
    // The plan gives no dates: everything is ongoing.
    assert!(
        tasks
            .iter()
            .all(|t| t["ongoing"] == true && t["due"].is_null())
    );
}

#[test]
fn a_second_open_gives_the_same_tasks_and_ids() {
    let db = TempDb::new();
    let first = db.json(&["list", "--json"]);
    let second = db.json(&["list", "--json"]);
    assert_eq!(first, second);
    let ids: Vec<u64> = first
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, (1..=50).collect::<Vec<_>>());
}

#[test]
fn json_contract_fields() {
    let db = TempDb::new();
    let t = db.json(&["show", "1", "--json", "--today", "2025-07-01"]);
    for key in [
        "id",
        "title",
        "description",
        "area",
        "lead_unit",
        "support_units",
        "status",
        "due",
        "due_text",
        "ongoing",
        "progress",
        "output",
        "evidence",
        "class",
        "created_at",
        "updated_at",
        "completed_at",
    ] {
        assert!(t.get(key).is_some(), "missing {key}");
    }
    assert_eq!(t["status"], "todo");
    assert_eq!(t["class"], "open_on_time");
    assert!(t["completed_at"].is_null());
    assert!(t["evidence"].is_null(), "no evidence yet: null");
    chrono::DateTime::parse_from_rfc3339(t["created_at"].as_str().unwrap()).expect("RFC 3339");
}

fn check_status_agrees_with_list(db: &TempDb, today: &str) {
    let status = db.json(&["status", "--json", "--today", today]);
    let list = db.json(&["list", "--json", "--today", today]);
    let list = list.as_array().unwrap();
    assert_eq!(status["today"], today);
    assert_eq!(status["total"].as_u64().unwrap() as usize, list.len());
    for class in ["done_on_time", "done_late", "open_on_time", "open_overdue"] {
        let n = list.iter().filter(|t| t["class"] == class).count();
        assert_eq!(
            status["by_class"][class].as_u64().unwrap() as usize,
            n,
            "{class} on {today}"
        );
        let by_area: u64 = status["by_area"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a[class].as_u64().unwrap())
            .sum();
        assert_eq!(by_area as usize, n);
    }
    let sum = |key: &str| -> u64 {
        status[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["total"].as_u64().unwrap())
            .sum()
    };
    assert_eq!(sum("by_area"), status["total"].as_u64().unwrap());
    assert_eq!(sum("by_unit"), status["total"].as_u64().unwrap());
    let overdue: Vec<&Value> = list
        .iter()
        .filter(|t| t["class"] == "open_overdue")
        .collect();
    assert_eq!(status["overdue"].as_array().unwrap().len(), overdue.len());
}

#[test]
fn status_agrees_with_list_on_two_dates() {
    let db = TempDb::new();
    check_status_agrees_with_list(&db, "2025-07-01");
    check_status_agrees_with_list(&db, "2026-01-15");
}

#[test]
fn status_text_fits_80_columns_in_both_languages() {
    let db = TempDb::new();
    for lang in ["vi", "en"] {
        let out = db.stdout(&["status", "--today", "2025-07-01", "--lang", lang]);
        for line in out.lines() {
            let w = unicode_width::UnicodeWidthStr::width(line);
            assert!(w <= 80, "{w} columns: {line}");
        }
        assert!(out.contains("05/KH-UBND"));
    }
    let vi = db.stdout(&["status", "--today", "2025-07-01"]);
    assert!(vi.contains("tính đến ngày 01/07/2025"), "{vi}");
    assert!(vi.contains("Quá hạn"));
}

#[test]
fn status_narrows_to_a_unit_and_an_area() {
    let db = TempDb::new();
    let all = db.json(&["list", "--json"]);
    let dc = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| {
            t["lead_unit"] == "dc"
                || t["support_units"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|u| u == "dc")
        })
        .count();
    let s = db.json(&["status", "--json", "--unit", "dc"]);
    assert_eq!(s["total"].as_u64().unwrap() as usize, dc);
    let s = db.json(&["status", "--json", "--area", "7"]);
    let area7 = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["area"] == 7)
        .count();
    assert_eq!(s["total"].as_u64().unwrap() as usize, area7);
}

#[test]
fn bad_input_gets_one_plain_line_and_changes_nothing() {
    let db = TempDb::new();
    let before = db.json(&["list", "--json"]);
    for (args, needle) in [
        (vec!["status", "--today", "2025-13-01"], "Ngày không hợp lệ"),
        (vec!["list", "--unit", "xyz"], "Không có đơn vị"),
        (vec!["list", "--area", "9"], "Lĩnh vực phải từ 0 đến 8"),
        (vec!["list", "--status", "finished"], "Tình trạng phải là"),
        (vec!["show", "999"], "Không có nhiệm vụ số 999"),
    ] {
        let out = db.run(&args);
        assert!(!out.status.success(), "{args:?} should fail");
        let err = common::stderr(&out);
        assert!(err.contains(needle), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    }
    let out = db.run(&["show", "999", "--lang", "en"]);
    assert!(common::stderr(&out).contains("No task with id 999"));
    assert_eq!(db.json(&["list", "--json"]), before);
}

#[test]
fn a_second_process_is_told_the_board_is_open_elsewhere() {
    let db = TempDb::new();
    let before = db.json(&["list", "--json"]);
    // Hold the database open in this process, as a running board would.
    let holder = papi_board::store::Store::open(&db.path()).expect("open");
    let out = db.run(&["status"]);
    assert!(!out.status.success());
    let err = common::stderr(&out);
    assert!(err.contains("đang được mở ở nơi khác"), "{err}");
    assert!(!err.to_lowercase().contains("lock"), "no jargon: {err}");
    drop(holder);
    assert_eq!(
        db.json(&["list", "--json"]),
        before,
        "the first process's data is intact"
    );
}

#[test]
fn environment_variables_choose_database_date_and_language() {
    let db = TempDb::new();
    let out = common::run_with(
        &db.path(),
        &["status", "--json"],
        &[("PAPI_BOARD_TODAY", "2026-01-15")],
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["today"], "2026-01-15");
    // PAPI_BOARD_DB alone (no --db)
    let out = std::process::Command::new(common::bin())
        .args(["list", "--json"])
        .env("PAPI_BOARD_DB", db.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 50);
}

#[test]
fn init_empty_gives_a_board_without_tasks() {
    let db = TempDb::new();
    let out = db.run(&["init", "--empty"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.starts_with("Đã tạo bảng trống tại"), "{said}");
    assert_eq!(db.json(&["list", "--json"]), Value::Array(vec![]));
    // Without --empty, the sample plan's board, and it says so.
    let sample = TempDb::new();
    let said = sample.stdout(&["init"]);
    assert!(
        said.starts_with("Đã tạo bảng theo kế hoạch mẫu tại"),
        "{said}"
    );
    let tasks = sample.json(&["list", "--json"]);
    assert_eq!(tasks.as_array().unwrap().len(), plan_bullets().len());
    let again = db.run(&["init", "--empty"]);
    assert!(
        !again.status.success(),
        "refuses to re-create an existing board"
    );
}
