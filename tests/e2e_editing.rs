//! Editing in the real binary in a real terminal (tmux): three quick-adds in
//! a row with Vietnamese titles, quit, and the tasks are on disk; `u` after
//! a restart undoes, redo brings it back; `E` runs the user's editor.

mod common;

use common::TempDb;
use common::tmux::Tmux;

fn launch(t: &Tmux, db: &TempDb, env: &str) {
    t.type_line(&format!(
        "{env} {} --db {} --today 2025-07-01; echo EXIT=$?",
        common::bin().display(),
        db.path().display()
    ));
    t.wait_for("Chưa thực hiện (");
}

#[test]
fn quick_add_three_tasks_then_undo_after_a_restart_and_redo() {
    let db = TempDb::new();
    let t = Tmux::start(80, 24);
    launch(&t, &db, "USER=lan");
    t.keys(&["a"]);
    t.wait_for("Thêm nhanh>");
    // Typed as UTF-8, as a terminal with a Vietnamese input method sends it.
    t.type_line("Họp dân thôn Đông về quy chế dân chủ @thon +tp #1 !30/6/2025");
    t.wait_for("Chưa thực hiện (51)");
    t.type_line("Niêm yết công khai thủ tục hành chính @vp #5 !q3/2025");
    t.wait_for("Chưa thực hiện (52)");
    t.type_line("Thu gom rác thải ở các thôn @dia #7 !tx");
    t.wait_for("Chưa thực hiện (53)");
    t.keys(&["Escape"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    t.keys(&["q"]);
    t.wait_for("EXIT=0");

    let tasks = db.json(&["list", "--json"]);
    let by_title = |title: &str| {
        tasks
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["title"] == title)
            .cloned()
            .unwrap_or_else(|| panic!("{title} missing"))
    };
    let a = by_title("Họp dân thôn Đông về quy chế dân chủ");
    assert_eq!(
        (
            a["area"].as_u64(),
            a["lead_unit"].as_str(),
            a["due"].as_str()
        ),
        (Some(1), Some("thon"), Some("2025-06-30"))
    );
    assert_eq!(a["support_units"], serde_json::json!(["tp"]));
    let b = by_title("Niêm yết công khai thủ tục hành chính");
    assert_eq!(
        (
            b["area"].as_u64(),
            b["lead_unit"].as_str(),
            b["due"].as_str()
        ),
        (Some(5), Some("vp"), Some("2025-09-30"))
    );
    let c = by_title("Thu gom rác thải ở các thôn");
    assert_eq!(
        (
            c["area"].as_u64(),
            c["lead_unit"].as_str(),
            c["ongoing"].as_bool()
        ),
        (Some(7), Some("dc"), Some(true))
    );

    // Restart, undo the last add.
    launch(&t, &db, "USER=lan");
    t.keys(&["u"]);
    t.wait_for("Đã hoàn tác");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    let tasks = db.json(&["list", "--json"]);
    assert_eq!(tasks.as_array().unwrap().len(), 52);
    assert!(
        !tasks
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["title"] == "Thu gom rác thải ở các thôn"),
        "undone task stays gone"
    );

    // Restart again: redo brings it back.
    launch(&t, &db, "USER=lan");
    t.keys(&["U"]);
    t.wait_for("Đã làm lại");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    let tasks = db.json(&["list", "--json"]);
    assert_eq!(tasks.as_array().unwrap().len(), 53);
    assert!(
        tasks
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["title"] == "Thu gom rác thải ở các thôn")
    );
}

#[test]
fn capital_e_edits_the_description_in_the_users_editor() {
    let db = TempDb::new();
    let dir = tempfile::tempdir().unwrap();
    // An "editor" that appends a line to the file it is given.
    let editor = dir.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf '\\nĐã bổ sung bằng trình soạn thảo.' >> \"$1\"\n",
    )
    .unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&editor)
        .status()
        .unwrap();
    let t = Tmux::start(80, 24);
    launch(&t, &db, &format!("EDITOR={}", editor.display()));
    t.keys(&["E"]);
    t.wait_for("Đã lưu");
    assert_eq!(
        t.format("#{alternate_on}"),
        "1",
        "back on the board's screen"
    );
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    let tasks = db.json(&["list", "--json"]);
    let edited: Vec<_> = tasks
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| {
            x["description"]
                .as_str()
                .unwrap()
                .ends_with("Đã bổ sung bằng trình soạn thảo.")
        })
        .collect();
    assert_eq!(edited.len(), 1, "exactly the selected task was edited");
}

#[test]
fn capital_x_writes_the_report_of_what_the_board_shows() {
    let db = TempDb::new();
    let out = tempfile::tempdir().unwrap();
    let t = Tmux::start(100, 30);
    launch(&t, &db, "");
    // Show only dimension 7, then export.
    t.keys(&["f", "7"]);
    t.wait_for("Chưa thực hiện (3)");
    t.keys(&["X"]);
    t.wait_for("bao-cao-papi-2025-07-01.xlsx");
    let path = out.path().join("moi-truong.csv");
    t.keys(&["C-u"]);
    t.type_line(&path.display().to_string());
    // The period: as of today, the first choice.
    t.wait_for("Kỳ báo cáo");
    t.keys(&["Enter"]);
    t.wait_for("Đã xuất báo cáo");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    let bytes = std::fs::read(&path).expect("the report was written");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with a byte-order mark for Excel"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    assert!(headers.iter().any(|h| h == "Nhiệm vụ"), "{headers:?}");
    let tasks = rdr
        .records()
        .filter_map(Result::ok)
        .filter(|r| r.iter().next().is_some_and(|c| c.parse::<u32>().is_ok()))
        .count();
    assert_eq!(tasks, 3, "the three tasks of dimension 7:\n{text}");
}

/// Quick-add offers the units a prefix may mean and takes a two-digit
/// year; the form's last line tells the keys that work in the field, and its
/// deadline field shows what it reads as while it is typed.
#[test]
fn unit_choices_two_digit_years_and_the_forms_true_hints() {
    let db = TempDb::new();
    db.run(&["status"]);
    let t = Tmux::start(80, 24);
    launch(&t, &db, "USER=lan");
    t.keys(&["a"]);
    t.wait_for("Thêm nhanh>");
    t.literal("Họp giao ban văn hóa +văn !30/9/25");
    let s = t.wait_for("“văn” là vhxh hay vp?");
    assert!(s.contains("hạn 30/09/2025"), "{s}");
    t.keys(&["BSpace"; 12]);
    t.literal("vhxh !30/9/25");
    t.keys(&["Enter"]);
    t.wait_for("Chưa thực hiện (51)");
    t.keys(&["Escape"]);
    t.keys(&["/"]);
    t.literal("giao ban văn hóa");
    t.keys(&["Enter"]);
    t.keys(&["e"]);
    let s = t.wait_for("Sửa nhiệm vụ #");
    assert!(s.contains("Họp giao ban văn hóa"), "{s}");
    assert!(
        s.contains("Ctrl+S: lưu · Enter/Tab: ô sau · Shift+Tab: ô trước · Esc: bỏ"),
        "the title field's keys, whole at 80 columns:\n{s}"
    );
    t.keys(&["Tab"; 5]);
    let s = t.wait_for("Space/Enter: chọn nhiều");
    assert!(s.contains("Ctrl+S: lưu"), "{s}");
    t.keys(&["Tab", "Tab", "C-u"]);
    t.literal("q4");
    t.wait_for("→ Quý IV/2025 · 31/12/2025");
    t.keys(&["C-s"]);
    t.wait_for("Đã lưu: #51 Họp giao ban văn hóa");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    let tasks = db.json(&["list", "--json"]);
    let task = tasks
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["title"] == "Họp giao ban văn hóa")
        .expect("the task was added");
    assert_eq!(task["support_units"], serde_json::json!(["vhxh"]));
    assert_eq!(task["due"].as_str(), Some("2025-12-31"));
}
