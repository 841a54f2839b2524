//! One plan a year: boards stay separate, rollover carries exactly the
//! ongoing and open tasks, is one undo step, refuses a year that exists,
//! and leaves last year's board read-only until it is reopened.

mod common;

use common::{TempDb, stderr};
use serde_json::Value;

fn ids(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_u64().unwrap())
        .collect()
}

/// The default 2025 board after some work: 3 tasks done, 2 with dates (open).
fn worked(db: &TempDb) {
    for id in ["1", "2", "3"] {
        db.stdout(&["move", id, "done"]);
    }
    db.stdout(&["edit", "4", "--due", "30/6/2025"]);
    db.stdout(&["edit", "5", "--due", "Quý III/2025"]);
    db.stdout(&["move", "5", "doing"]);
}

#[test]
fn rollover_carries_exactly_the_ongoing_and_open_tasks() {
    let db = TempDb::new();
    worked(&db);
    let before = db.json(&["list", "--json"]);
    let out = db.stdout(&["rollover", "--to", "2026", "--dry-run"]);
    assert!(
        out.contains("45") && out.contains(": 2") && out.contains(": 3"),
        "{out}"
    );
    assert_eq!(
        db.json(&["boards", "--json"]).as_array().unwrap().len(),
        1,
        "a dry run changes nothing"
    );

    db.stdout(&["rollover", "--to", "2026"]);
    let boards = db.json(&["boards", "--json"]);
    let boards = boards.as_array().unwrap();
    assert_eq!(boards.len(), 2);
    let y = |year: i64| boards.iter().find(|b| b["year"] == year).unwrap().clone();
    assert_eq!(
        (y(2025)["tasks"].as_u64(), y(2025)["readonly"].as_bool()),
        (Some(50), Some(true))
    );
    assert_eq!(
        (y(2026)["tasks"].as_u64(), y(2026)["current"].as_bool()),
        (Some(47), Some(true))
    );

    // The new year's board: 45 ongoing duties fresh, 2 open tasks carried with a link.
    let new = db.json(&["list", "--json"]);
    let new = new.as_array().unwrap();
    assert_eq!(new.len(), 47);
    let carried: Vec<&Value> = new
        .iter()
        .filter(|t| !t["ongoing"].as_bool().unwrap())
        .collect();
    assert_eq!(carried.len(), 2);
    for t in &carried {
        let note = t["notes"][0]["text"].as_str().unwrap();
        assert!(
            note.contains("05/KH-UBND") && note.contains("2025"),
            "{note}"
        );
    }
    assert!(
        carried.iter().any(|t| t["status"] == "doing"),
        "an open task keeps its status"
    );
    assert!(
        new.iter()
            .filter(|t| t["ongoing"] == true)
            .all(|t| t["status"] == "todo" && t["notes"].as_array().unwrap().is_empty())
    );
    // Last year's board is untouched and separate.
    assert_eq!(db.json(&["list", "--json", "--board", "2025"]), before);
    let s25 = db.json(&["status", "--json", "--board", "2025"]);
    let s26 = db.json(&["status", "--json"]);
    assert_eq!(
        (s25["total"].as_u64(), s26["total"].as_u64()),
        (Some(50), Some(47))
    );
    assert_eq!(s26["plan"]["year"], 2026);
}

#[test]
fn rollover_refuses_an_existing_year_and_last_year_is_read_only_until_reopened() {
    let db = TempDb::new();
    db.stdout(&["rollover", "--to", "2026"]);
    for year in ["2026", "2025"] {
        let out = db.run(&["rollover", "--to", year]);
        assert!(!out.status.success());
        assert!(
            stderr(&out).contains(&format!("Đã có kế hoạch năm {year}")),
            "{}",
            stderr(&out)
        );
    }
    let out = db.run(&["move", "1", "done", "--board", "2025"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("chỉ để xem") && stderr(&out).contains("papi-board reopen 2025"),
        "{}",
        stderr(&out)
    );
    db.stdout(&["reopen", "2025"]);
    db.stdout(&["move", "1", "done", "--board", "2025"]);
    assert_eq!(
        db.json(&["show", "1", "--json", "--board", "2025"])["status"],
        "done"
    );
    assert_eq!(
        db.json(&["show", "1", "--json"])["status"],
        "todo",
        "the 2026 copy is its own task"
    );
    let out = db.run(&["list", "--board", "2031"]);
    assert!(
        stderr(&out).contains("Không có kế hoạch “2031”"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn rollover_is_one_undo_step() {
    let db = TempDb::new();
    worked(&db);
    let before = db.json(&["list", "--json"]);
    db.stdout(&["rollover", "--to", "2026"]);
    db.stdout(&["undo"]);
    let boards = db.json(&["boards", "--json"]);
    assert_eq!(boards.as_array().unwrap().len(), 1, "{boards}");
    assert_eq!(boards[0]["readonly"], false, "last year is open again");
    assert_eq!(db.json(&["list", "--json"]), before);
    // And the year can be made again.
    db.stdout(&["rollover", "--to", "2026"]);
    assert_eq!(ids(&db.json(&["list", "--json"])).len(), 47);
}

#[test]
fn exports_and_backups_keep_the_boards_apart() {
    let db = TempDb::new();
    worked(&db);
    db.stdout(&["rollover", "--to", "2026"]);
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("2025.json"), dir.path().join("2026.json"));
    db.stdout(&["export", a.to_str().unwrap(), "--board", "2025"]);
    db.stdout(&["export", b.to_str().unwrap()]);
    let count = |p: &std::path::Path| {
        serde_json::from_slice::<Value>(&std::fs::read(p).unwrap())
            .unwrap()
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!((count(&a), count(&b)), (50, 47));
    // Backup → restore reproduces both boards.
    let backup = dir.path().join("all.json");
    db.stdout(&["backup", backup.to_str().unwrap()]);
    let other = TempDb::new();
    let out = common::run_with(&other.path(), &["restore", backup.to_str().unwrap()], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        other.json(&["boards", "--json"]),
        db.json(&["boards", "--json"])
    );
    for board in ["2025", "2026"] {
        assert_eq!(
            other.json(&["list", "--json", "--board", board]),
            db.json(&["list", "--json", "--board", board]),
            "{board}"
        );
    }
}

mod terminal {
    use super::common::TempDb;
    use super::common::tmux::Tmux;

    fn launch(t: &Tmux, db: &TempDb) {
        t.type_line(&format!(
            "{} --db {} --today 2026-03-01; echo EXIT=$?",
            super::common::bin().display(),
            db.path().display()
        ));
    }

    #[test]
    fn b_switches_boards_and_makes_next_years_plan() {
        let db = TempDb::new();
        for id in ["1", "2", "3"] {
            db.stdout(&["move", id, "done"]);
        }
        db.stdout(&["rollover", "--to", "2026"]);
        let t = Tmux::start(100, 30);
        launch(&t, &db);
        // The newest plan opens: 47 tasks, none done (an empty column is
        // narrow: its short name and count).
        t.wait_for("Xong 0");
        assert!(t.screen().contains("PAPI 2026"));
        t.keys(&["b"]);
        t.wait_for("Tạo kế hoạch năm 2027");
        t.keys(&["Up", "Enter"]);
        let s = t.wait_for("Đã mở kế hoạch năm 2025");
        assert!(
            s.contains("PAPI 2025") && s.contains("Hoàn thành (3)"),
            "{s}"
        );
        // Last year's board is closed: a move is refused with the reason.
        t.keys(&["L"]);
        t.wait_for("chỉ để xem");
        // From the picker: next year's plan (2027) from the newest… pick 2026, then the last entry.
        t.keys(&["b", "Down", "Down", "Enter"]);
        let s = t.wait_for("Đã mở kế hoạch năm 2027");
        assert!(s.contains("PAPI 2027"), "{s}");
        t.keys(&["q"]);
        t.wait_for("EXIT=0");
        let boards = db.json(&["boards", "--json"]);
        let years: Vec<i64> = boards
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["year"].as_i64().unwrap())
            .collect();
        assert_eq!(years, vec![2025, 2026, 2027]);
    }
}

#[test]
fn importing_another_years_plan_makes_its_own_board() {
    let db = TempDb::new();
    let before = db.json(&["list", "--json"]);
    let plan = include_str!("../assets/ke-hoach-05-KH-UBND-2025-hoa-phong.txt")
        .replace("05/KH-UBND", "07/KH-UBND")
        .replace("năm 2025", "năm 2026")
        .replace("07 tháng 01 năm 2025", "06 tháng 01 năm 2026");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ke-hoach-2026.txt");
    std::fs::write(&file, plan).unwrap();
    let dry = db.stdout(&["import", file.to_str().unwrap(), "--dry-run"]);
    assert!(dry.contains("bảng riêng của năm 2026"), "{dry}");
    assert_eq!(
        db.json(&["boards", "--json"]).as_array().unwrap().len(),
        1,
        "a dry run makes no board"
    );
    let out = db.stdout(&["import", file.to_str().unwrap()]);
    assert!(out.contains("2026"), "{out}");
    let boards = db.json(&["boards", "--json"]);
    let b26 = boards
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["year"] == 2026)
        .expect("a 2026 board")
        .clone();
    assert_eq!(
        (b26["tasks"].as_u64(), b26["number"].as_str()),
        (Some(50), Some("07/KH-UBND"))
    );
    assert_eq!(
        db.json(&["list", "--json", "--board", "2025"]),
        before,
        "2025 is not mixed with 2026"
    );
}

#[test]
fn published_scores_are_seen_from_every_years_board() {
    let db = TempDb::new();
    db.stdout(&["scores", "set", "2024", "1", "5.2"]);
    db.stdout(&["rollover", "--to", "2026"]);
    db.stdout(&["scores", "set", "2025", "1", "5.9"]);
    for board in ["2025", "2026"] {
        let s = db.json(&["scores", "list", "--json", "--board", board]);
        let years: Vec<i64> = s
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["year"].as_i64().unwrap())
            .collect();
        assert!(
            years.contains(&2024) && years.contains(&2025),
            "{board}: {s}"
        );
    }
}

mod compare {
    use super::common::TempDb;
    use super::common::tmux::Tmux;

    #[test]
    fn the_overview_shows_two_years_side_by_side() {
        let db = TempDb::new();
        for id in ["1", "2"] {
            db.stdout(&["move", id, "done"]);
        }
        db.stdout(&["scores", "set", "2025", "1", "5.4"]);
        db.stdout(&["rollover", "--to", "2026"]);
        db.stdout(&["scores", "set", "2026", "1", "6.1"]);
        db.stdout(&["move", "1", "done"]);
        let t = Tmux::start(80, 24);
        t.type_line(&format!(
            "{} --db {} --today 2026-03-01; echo EXIT=$?",
            super::common::bin().display(),
            db.path().display()
        ));
        t.wait_for("Chưa thực hiện (");
        t.keys(&["2", "c"]);
        let s = t.wait_for("So sánh hai năm");
        let row = s
            .lines()
            .find(|l| l.starts_with("1. Tham gia"))
            .expect("dimension 1 row");
        // 2025: 4 tasks, 2 done on time, score 5,40; 2026: 2 tasks (the 2 done stayed behind), 1 done, 6,10.
        let cells: Vec<&str> = row.split('│').collect();
        assert_eq!(
            cells[1].split_whitespace().collect::<Vec<_>>(),
            ["4", "2", "0", "5,40"],
            "{row}"
        );
        assert_eq!(
            cells[2].split_whitespace().collect::<Vec<_>>(),
            ["2", "1", "0", "6,10"],
            "{row}"
        );
        assert!(
            s.lines()
                .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80)
        );
        t.keys(&["c"]);
        t.wait_until("the normal overview", |s| !s.contains("So sánh hai năm"));
        t.keys(&["q"]);
        t.wait_for("EXIT=0");
    }
}

#[test]
fn salvage_keeps_every_years_board() {
    let db = TempDb::new();
    db.stdout(&["move", "1", "done"]);
    db.stdout(&["rollover", "--to", "2026"]);
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("salvaged");
    db.stdout(&["check", "--salvage", copy.to_str().unwrap()]);
    let salvaged = common::run_with(&copy, &["boards", "--json"], &[]);
    assert!(salvaged.status.success(), "{}", stderr(&salvaged));
    let v: Value = serde_json::from_slice(&salvaged.stdout).unwrap();
    let years: Vec<(i64, u64)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["year"].as_i64().unwrap(), b["tasks"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        years,
        vec![(2025, 50), (2026, 49)],
        "no board is given the sample plan"
    );
    for board in ["2025", "2026"] {
        let got = common::run_with(&copy, &["list", "--json", "--board", board], &[]);
        let got: Value = serde_json::from_slice(&got.stdout).unwrap();
        assert_eq!(
            got,
            db.json(&["list", "--json", "--board", board]),
            "{board}"
        );
    }
}
