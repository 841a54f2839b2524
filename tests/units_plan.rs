//! Units and plan details from the command line: tasks follow a merge, a
//! unit in use is not deleted without a destination, every change is one
//! undo step and is in the history.

mod common;

use common::{TempDb, stderr};

#[test]
fn merging_units_moves_every_task_and_keeps_the_history() {
    let db = TempDb::new();
    let before = db.json(&["list", "--json"]);
    let vhxh: Vec<u64> = before
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| {
            t["lead_unit"] == "vhxh"
                || t["support_units"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|u| u == "vhxh")
        })
        .map(|t| t["id"].as_u64().unwrap())
        .collect();
    assert!(!vhxh.is_empty());
    let moved = vhxh[0].to_string();
    db.stdout(&["move", &moved, "doing"]);
    let before = db.json(&["list", "--json"]);
    let out = db.stdout(&["unit", "merge", "vhxh", "tp"]);
    assert!(out.contains(&format!("{} nhiệm vụ", vhxh.len())), "{out}");
    let after = db.json(&["list", "--json"]);
    for t in after.as_array().unwrap() {
        assert_ne!(t["lead_unit"], "vhxh");
        assert!(
            !t["support_units"]
                .as_array()
                .unwrap()
                .iter()
                .any(|u| u == "vhxh")
        );
        if vhxh.contains(&t["id"].as_u64().unwrap()) {
            let involves_tp = t["lead_unit"] == "tp"
                || t["support_units"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|u| u == "tp");
            assert!(involves_tp, "task {} follows to tp", t["id"]);
        }
    }
    let units = db.json(&["unit", "list", "--json"]);
    assert!(
        !units
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["code"] == "vhxh")
    );
    // The task's history still holds what happened before the merge.
    let history = db.json(&["history", "--json", "--task", &moved]);
    assert!(
        history.as_array().unwrap().len() >= 2,
        "the move and the merge: {history}"
    );
    // One history entry, one undo step.
    let history = db.json(&["history", "--json"]);
    let last = history.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["author"], "tester", "{last}");
    db.stdout(&["undo"]);
    assert_eq!(
        db.json(&["list", "--json"]),
        before,
        "undo brings every task back as it was"
    );
    assert!(
        db.json(&["unit", "list", "--json"])
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["code"] == "vhxh")
    );
}

#[test]
fn a_unit_in_use_needs_a_destination_and_refusals_change_nothing() {
    let db = TempDb::new();
    let before = db.json(&["list", "--json"]);
    let dc = db
        .json(&["list", "--json", "--unit", "dc"])
        .as_array()
        .unwrap()
        .len();
    let in_use = format!("còn {dc} nhiệm vụ");
    for (args, needle) in [
        (vec!["unit", "remove", "dc"], in_use.as_str()),
        (vec!["unit", "add", "vp", "Trùng"], "Đã có đơn vị “vp”"),
        (
            vec!["unit", "add", "Kinh Te", "Phòng Kinh tế"],
            "không hợp lệ",
        ),
        (vec!["unit", "rename", "zz", "X"], "Không có đơn vị “zz”"),
        (vec!["unit", "merge", "dc", "zz"], "Không có đơn vị “zz”"),
        (vec!["plan", "set", "--year", "1890"], "1990"),
        (
            vec!["plan", "set", "--date", "31/02/2025"],
            "Ngày không hợp lệ",
        ),
    ] {
        let out = db.run(&args);
        assert!(!out.status.success(), "{args:?}");
        assert!(stderr(&out).contains(needle), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(db.json(&["list", "--json"]), before);
    // With a destination, it goes and its tasks move.
    db.stdout(&["unit", "remove", "dc", "--to", "vp"]);
    assert!(
        !db.json(&["list", "--json"])
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["lead_unit"] == "dc")
    );
}

#[test]
fn add_rename_retire_and_plan_details() {
    let db = TempDb::new();
    let gd_leads = db
        .json(&["list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["lead_unit"] == "gd")
        .count();
    db.stdout(&["unit", "add", "kt", "Phòng Kinh tế"]);
    db.stdout(&["unit", "rename", "kt", "Phòng Kinh tế xã"]);
    db.stdout(&["unit", "retire", "gd"]);
    let units = db.json(&["unit", "list", "--json"]);
    let find = |c: &str| {
        units
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["code"] == c)
            .unwrap()
            .clone()
    };
    assert_eq!(find("kt")["name"], "Phòng Kinh tế xã");
    assert_eq!(find("gd")["active"], false);
    assert_eq!(
        find("gd")["lead"].as_u64().unwrap() as usize,
        gd_leads,
        "a retired unit keeps its tasks"
    );
    assert!(gd_leads > 0);
    // A task can be given the new unit.
    let id = db.stdout(&["add", "Rà soát hộ kinh doanh @kt"]);
    assert_eq!(db.json(&["show", id.trim(), "--json"])["lead_unit"], "kt");

    db.stdout(&[
        "plan",
        "set",
        "--number",
        "12/KH-UBND",
        "--date",
        "06/01/2026",
        "--year",
        "2026",
        "--target",
        "tăng 2 bậc",
    ]);
    let plan = db.json(&["plan", "show", "--json"]);
    assert_eq!(
        (plan["number"].as_str(), plan["year"].as_i64()),
        (Some("12/KH-UBND"), Some(2026))
    );
    assert_eq!(plan["commune"], "Hòa Phong", "fields not given stay");
    let status = db.stdout(&["status", "--today", "2026-01-15"]);
    assert!(
        status.contains("12/KH-UBND") && status.contains("năm 2026"),
        "{status}"
    );
    db.stdout(&["undo"]);
    assert_eq!(db.json(&["plan", "show", "--json"])["number"], "05/KH-UBND");
}
