//! The shell commands change the board through the same commands and
//! history as the board; refusals exit non-zero with the reason and change
//! nothing.

mod common;

use common::{TempDb, stderr};

#[test]
fn add_move_note_edit_delete_undo_redo() {
    let db = TempDb::new();
    let id = db.stdout(&["add", "Họp dân thôn Đông @thon +tp #1 !30/6/2025"]);
    assert_eq!(id.trim(), "51");
    let t = db.json(&["show", "51", "--json"]);
    assert_eq!(t["title"], "Họp dân thôn Đông");
    assert_eq!(
        (t["area"].as_u64(), t["lead_unit"].as_str()),
        (Some(1), Some("thon"))
    );
    assert_eq!(t["support_units"], serde_json::json!(["tp"]));
    assert_eq!(t["due"], "2025-06-30");
    let j = db.json(&["add", "Niêm yết giá đất !q3/2025", "--json"]);
    assert_eq!(j["id"], 52);
    assert_eq!(
        j["lead_unit"], "dc",
        "without @ the keyword rules pick the unit"
    );
    assert_eq!(j["due"], "2025-09-30");

    assert!(db.run(&["move", "51", "doing"]).status.success());
    assert!(db.run(&["note", "51", "Đã mời các hộ"]).status.success());
    let out = db.run(&[
        "edit",
        "51",
        "--title",
        "Họp dân thôn Đông (lần 2)",
        "--due",
        "Quý III/2025",
        "--lead",
        "dia",
        "--progress",
        "40",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let t = db.json(&["show", "51", "--json"]);
    assert_eq!(t["status"], "doing");
    assert_eq!(t["title"], "Họp dân thôn Đông (lần 2)");
    assert_eq!(
        (t["lead_unit"].as_str(), t["progress"].as_u64()),
        (Some("dc"), Some(40))
    );
    assert_eq!(
        (t["due"].as_str(), t["due_text"].as_str()),
        (Some("2025-09-30"), Some("Quý III/2025"))
    );
    assert_eq!(t["notes"][0]["text"], "Đã mời các hộ");
    assert_eq!(t["notes"][0]["author"], "tester");

    assert!(db.run(&["edit", "51", "--status", "done"]).status.success());
    let t = db.json(&["show", "51", "--json"]);
    assert_eq!(
        (t["status"].as_str(), t["progress"].as_u64()),
        (Some("done"), Some(100))
    );
    assert!(t["completed_at"].is_string());

    assert!(db.run(&["delete", "52"]).status.success());
    assert!(!db.run(&["show", "52"]).status.success());
    let out = db.stdout(&["undo"]);
    assert!(out.contains("Đã hoàn tác"), "{out}");
    assert_eq!(
        db.json(&["show", "52", "--json"])["title"],
        "Niêm yết giá đất"
    );
    db.stdout(&["redo"]);
    assert!(
        !db.run(&["show", "52"]).status.success(),
        "redo deleted it again"
    );
}

#[test]
fn refusals_say_why_and_change_nothing() {
    let db = TempDb::new();
    let before = db.json(&["list", "--json"]);
    for (args, needle) in [
        (vec!["move", "999", "done"], "Không có nhiệm vụ số 999"),
        (vec!["move", "1", "finished"], "Tình trạng phải là"),
        (vec!["note", "999", "x"], "Không có nhiệm vụ số 999"),
        (vec!["edit", "1", "--lead", "zzz"], "Không có đơn vị"),
        (vec!["edit", "1", "--due", "31/2/2025"], "Ngày không hợp lệ"),
        (vec!["edit", "1", "--area", "9"], "Lĩnh vực 9 không có"),
        (vec!["edit", "1", "--progress", "140"], "Tiến độ 140%"),
        (
            vec!["edit", "1", "--title", "   "],
            "Tên nhiệm vụ không được để trống",
        ),
        (vec!["add", "Việc @khongco"], "không rõ đơn vị"),
        (vec!["add", "Việc !32/13/2025"], "thời hạn"),
        (vec!["add", "@vp #1"], "Tên nhiệm vụ không được để trống"),
        (vec!["delete", "999"], "Không có nhiệm vụ số 999"),
        (vec!["undo"], "Không còn gì để hoàn tác"),
    ] {
        let out = db.run(&args);
        assert!(!out.status.success(), "{args:?} should be refused");
        let err = stderr(&out);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
    let out = db.run(&["--lang", "en", "move", "999", "done"]);
    assert!(stderr(&out).contains("No task with id 999"));
    assert_eq!(db.json(&["list", "--json"]), before, "nothing changed");
}

#[test]
fn the_cli_and_the_board_share_one_history() {
    let db = TempDb::new();
    db.stdout(&["add", "Việc một @vp"]);
    db.stdout(&["move", "51", "doing"]);
    // Undo from the shell takes back the last change made as this user.
    db.stdout(&["undo"]);
    assert_eq!(db.json(&["show", "51", "--json"])["status"], "todo");
    let other = common::run_with(&db.path(), &["undo"], &[("USER", "someone-else")]);
    assert!(!other.status.success(), "another user has nothing to undo");
    assert_eq!(db.json(&["show", "51", "--json"])["title"], "Việc một");
}
