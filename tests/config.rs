//! The settings file, through the real binary: a remapped key shows in the
//! help and the hints and does the work; a broken file is reported with
//! its line and the program still starts; each setting changes what a
//! user sees; `config init` writes a file that checks clean.

mod common;

use std::path::PathBuf;

use common::TempDb;
use common::tmux::Tmux;

/// The settings file the test helpers point the binary at.
fn config_of(db: &TempDb) -> PathBuf {
    db.dir.path().join("config.toml")
}

fn write_config(db: &TempDb, text: &str) -> PathBuf {
    let path = config_of(db);
    std::fs::write(&path, text).unwrap();
    path
}

/// Open the board in tmux with this database and settings file.
fn launch(t: &Tmux, db: &TempDb) {
    t.type_line(&format!(
        "{} --db {} --config {} --today 2025-07-01; echo EXIT=$?",
        common::bin().display(),
        db.path().display(),
        config_of(db).display()
    ));
}

/// The help overlay's line for an action, by its description.
fn help_line<'a>(screen: &'a str, description: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(description))
        .unwrap_or_else(|| panic!("{description:?} not in the help:\n{screen}"))
}

#[test]
fn a_remapped_move_key_shows_in_help_and_hints_and_moves_the_card() {
    let db = TempDb::new();
    write_config(&db, "# mine\n[keys]\nmove_card_right = \"m\"\n");
    let t = Tmux::start(80, 24);
    launch(&t, &db);
    // The status bar is the frame's last line: a capture taken as the
    // first frame arrives may show the columns and not yet the hints.
    let screen = t.wait_until("the board and its status bar", |s| {
        s.contains("Chưa thực hiện (50)") && s.contains(" trợ giúp ")
    });
    assert!(
        screen.contains("m chuyển"),
        "the status-bar hint names the new key: {screen}"
    );
    t.keys(&["?"]);
    let screen = t.wait_for("Phím tắt");
    let line = help_line(&screen, "Chuyển thẻ sang cột phải");
    // The help box is drawn over the board: its row is between its borders.
    let row = line.split('│').nth(1).unwrap_or_default().trim_start();
    assert!(row.starts_with("m "), "help shows m: {line:?}");
    assert!(!row.contains('L'), "the default L is gone: {line:?}");
    t.keys(&["Escape"]);
    // The old key does nothing now; the new one moves the card.
    t.keys(&["L"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        t.screen().contains("Chưa thực hiện (50)"),
        "L no longer moves"
    );
    t.keys(&["m"]);
    t.wait_for("Đang thực hiện (1)");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    let tasks = db.json(&["list", "--json"]);
    assert_eq!(tasks[0]["status"], "doing", "the move was saved");
}

#[test]
fn a_malformed_file_reports_its_line_and_the_board_still_starts() {
    let db = TempDb::new();
    write_config(&db, "theme = \"light\"\n\nmouse = tru e\n");
    // A command: it runs, and says which line is wrong.
    let out = db.run(&["status"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let err = common::stderr(&out);
    assert!(err.contains("config.toml:3:"), "{err}");
    assert!(err.contains("lỗi cú pháp"), "{err}");
    let out = db.run(&["--lang", "en", "config", "check"]);
    assert!(!out.status.success(), "check fails on a broken file");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("config.toml:3: TOML syntax error"), "{text}");
    // The board opens with every default, and its status bar says why.
    let t = Tmux::start(80, 24);
    launch(&t, &db);
    let screen = t.wait_for("Chưa thực hiện (50)");
    assert!(screen.contains("config.toml:3"), "{screen}");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
}

#[test]
fn a_key_already_in_use_is_refused_by_line_and_the_default_kept() {
    let db = TempDb::new();
    write_config(
        &db,
        "[keys]\n\nmove_card_right = \"l\"\nundo = \"Ctrl+Z\"\n",
    );
    let out = db.run(&["--lang", "en", "keys"]);
    assert!(out.status.success());
    let err = common::stderr(&out);
    assert!(
        err.contains("config.toml:3: key l already means “Column to the right”"),
        "{err}"
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let line = |name: &str| {
        text.lines()
            .find(|l| l.trim_end().ends_with(name))
            .unwrap_or_else(|| panic!("{name} missing:\n{text}"))
            .to_string()
    };
    assert!(line(" move_card_right").trim_start().starts_with("L >"));
    assert!(
        line(" undo").trim_start().starts_with("Ctrl+Z "),
        "the other remap stands"
    );
    // The reference for the docs is the default table, whatever the file says.
    let md = db.stdout(&["keys", "--markdown"]);
    assert!(md.contains("| `u` | "), "{md}");
    assert!(!md.contains("Ctrl+Z"));
}

#[test]
fn language_due_soon_window_and_units_come_from_the_file() {
    let db = TempDb::new();
    write_config(
        &db,
        "language = \"en\"\ndue_soon_days = 30\nunits = \"commune-2025\"\n",
    );
    db.stdout(&["init", "--empty"]);
    let status = db.json(&["status", "--json"]);
    let units: Vec<&str> = status["by_unit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["unit"].as_str().unwrap())
        .collect();
    assert!(
        units.contains(&"hcc") && units.contains(&"thon"),
        "{units:?}"
    );
    assert!(!units.contains(&"dc"), "not the plan's units: {units:?}");
    for (title, days) in [("Soon", 5), ("Later", 20), ("Far", 45)] {
        let due = chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap() + chrono::Days::new(days);
        db.stdout(&["add", &format!("{title} @vp !{}", due.format("%d/%m/%Y"))]);
    }
    let due_soon = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["--today", "2025-07-01", "status", "--json"];
        args.extend_from_slice(extra);
        let out = common::run_with(&db.path(), &args, &[]);
        assert!(out.status.success(), "{}", common::stderr(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["due_soon"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        due_soon(&[]),
        vec!["Soon", "Later"],
        "30 days, from the file"
    );
    let text = db.stdout(&["--today", "2025-07-01", "status"]);
    assert!(text.contains("Due in the next 30 days (2)"), "{text}");
    assert!(text.contains("Overdue tasks"), "English from the file");
    let text = db.stdout(&["--lang", "vi", "--today", "2025-07-01", "status"]);
    assert!(
        text.contains("Đến hạn trong 30 ngày tới"),
        "the flag wins: {text}"
    );
    // Without the file: the default week.
    std::fs::remove_file(config_of(&db)).unwrap();
    assert_eq!(due_soon(&[]), vec!["Soon"]);
}

#[test]
fn grouping_and_view_from_the_file_are_where_the_board_opens() {
    let db = TempDb::new();
    write_config(
        &db,
        "view = \"matrix\"\ngrouping = \"unit\"\nascii = true\n",
    );
    let t = Tmux::start(80, 24);
    launch(&t, &db);
    // The matrix (areas × units) first; the board (key 1) is grouped by
    // unit, with ASCII lines.
    let screen = t.wait_for("Lĩnh vực \\ Đơn vị");
    t.keys(&["1"]);
    let board = t.wait_for("Chưa thực hiện");
    assert!(board.contains("Làn: đơn vị"), "lanes by unit: {board}");
    assert!(
        !board.contains('│') && board.contains('|'),
        "ASCII: {board}"
    );
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    assert!(
        !screen.contains("Chưa thực hiện (50)"),
        "not the board first: {screen}"
    );
}

#[test]
fn config_init_writes_a_commented_default_that_checks_clean() {
    let db = TempDb::new();
    let path = config_of(&db);
    let out = db.run(&["config", "path"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        path.display().to_string()
    );
    db.stdout(&["config", "init"]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("# move_card_right = [\"L\", \">\"]"),
        "{text}"
    );
    assert!(text.contains("due_soon_days = 7"));
    let out = db.run(&["config", "init"]);
    assert!(!out.status.success(), "no overwrite without --force");
    assert!(common::stderr(&out).contains("--force"));
    db.stdout(&["config", "init", "--force"]);
    let out = db.stdout(&["--lang", "en", "config", "check"]);
    assert!(out.contains("The config file is valid"), "{out}");
}
