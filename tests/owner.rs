//! One database, many programs: the real binary in real terminals (tmux),
//! each tmux server a window of its own. The first program starts the
//! database's owner; every later one is its client: commands run while a
//! board is open, two boards see each other's changes, closing one window
//! leaves the other working, and a killed owner is replaced by the next
//! program with nothing acknowledged lost.

mod common;

use std::path::Path;

use common::TempDb;
use common::tmux::Tmux;

fn launch(t: &Tmux, db: &TempDb) {
    open_board(t, &db.path());
    t.wait_for("Chưa thực hiện (");
}

/// Type the command line that opens the board on `db` as the OS user lan.
fn open_board(t: &Tmux, db: &Path) {
    t.type_line(&format!(
        "USER=lan {} --db '{}' --today 2025-07-01; echo EXIT=$?",
        common::bin().display(),
        db.display()
    ));
}

/// The pid of the owner of `db`, if one runs.
fn owner_pid(db: &Path) -> Option<String> {
    let out = std::process::Command::new("pgrep")
        .args(["-f", "--", &format!("--db {} own", db.display())])
        .output()
        .unwrap();
    let pids = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(!pids.contains('\n'), "one owner at a time: {pids}");
    (!pids.is_empty()).then_some(pids)
}

#[test]
fn commands_run_while_the_board_is_open_and_the_board_shows_their_changes() {
    let db = TempDb::new();
    db.stdout(&["init"]);
    let board = Tmux::start(80, 24);
    launch(&board, &db);
    assert!(board.screen().contains("Chưa thực hiện (50)"));
    let owner = owner_pid(&db.path()).expect("the board's owner runs");

    // Another window: the morning check, a new task, a report.
    let status = db.live_stdout(&["status", "--today", "2025-07-01"]);
    assert!(status.contains("50 nhiệm vụ"), "{status}");
    let id = db.live_stdout(&["add", "Họp dân thôn 4 về quy hoạch đất @dc #3 !30/9/2025"]);
    assert_eq!(id.trim(), "51");
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("bao-cao.csv");
    let said = db.live_stdout(&["export", report.to_str().unwrap(), "--today", "2025-07-01"]);
    assert!(said.contains("bao-cao.csv"), "{said}");
    let text = std::fs::read_to_string(&report).expect("the report is where the client is");
    assert!(text.contains("Họp dân thôn 4 về quy hoạch đất"), "{text}");

    // The board shows the task added from the other window.
    board.wait_for("Chưa thực hiện (51)");
    assert_eq!(
        owner_pid(&db.path()).as_deref(),
        Some(owner.as_str()),
        "every program was served by the same owner"
    );
    board.keys(&["q"]);
    board.wait_for("EXIT=0");
}

#[test]
fn two_boards_see_each_others_changes_and_closing_one_leaves_the_other() {
    let db = TempDb::new();
    db.stdout(&["init"]);
    let (one, two) = (Tmux::start(80, 24), Tmux::start(80, 24));
    launch(&one, &db);
    launch(&two, &db);
    // The first card to "doing" in one window: the other shows it.
    one.keys(&["L"]);
    one.wait_for("Đang thực hiện (1)");
    two.wait_for("Đang thực hiện (1)");
    // Closing the first window leaves the second working.
    one.keys(&["q"]);
    one.wait_for("EXIT=0");
    // On to "blocked": the board asks what holds it up.
    two.keys(&["L"]);
    two.type_line("Chờ kinh phí");
    two.wait_for("Vướng mắc (1)");
    two.keys(&["q"]);
    two.wait_for("EXIT=0");
    let tasks = db.json(&["list", "--json"]);
    let first = &tasks.as_array().unwrap()[0];
    assert_eq!(first["status"], "blocked", "both moves were kept");
    let history = db.json(&["history", "--json"]);
    let authors: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .take(2)
        .map(|h| h["author"].as_str().unwrap())
        .collect();
    assert_eq!(authors, ["lan", "lan"], "the audit names the OS user");
}

#[test]
fn a_killed_owner_is_said_plainly_and_the_next_program_loses_nothing() {
    let db = TempDb::new();
    db.stdout(&["init"]);
    let board = Tmux::start(80, 24);
    launch(&board, &db);
    board.keys(&["L"]);
    // On screen means applied and flushed: acknowledged.
    board.wait_for("Đang thực hiện (1)");
    let socket = db.path().join("owner.sock");
    let owner = owner_pid(&db.path()).expect("an owner runs");
    let killed = std::process::Command::new("kill")
        .args(["-9", &owner])
        .status()
        .unwrap();
    assert!(killed.success());
    // The typed command line ("echo EXIT=$?") is on the screen again once
    // the terminal is back: wait for the status itself.
    let screen = board.wait_for("EXIT=2");
    assert!(
        screen.contains("Chương trình giữ cơ sở dữ liệu đã dừng đột ngột"),
        "one plain line: {screen}"
    );
    assert_eq!(board.format("#{alternate_on}"), "0", "the terminal is back");
    // The dead owner's socket is still there; the next program sees it is
    // dead, starts a new owner, and finds the move.
    assert!(socket.exists(), "a socket left by the killed owner");
    let tasks = db.json(&["list", "--json"]);
    assert_eq!(tasks.as_array().unwrap()[0]["status"], "doing");
    let again = Tmux::start(80, 24);
    launch(&again, &db);
    assert!(again.screen().contains("Đang thực hiện (1)"));
    let new_owner = owner_pid(&db.path()).expect("a new owner");
    assert_ne!(new_owner, owner);
    again.keys(&["q"]);
    again.wait_for("EXIT=0");
}

#[test]
fn a_second_user_of_the_machine_is_refused_plainly() {
    let db = TempDb::new();
    db.stdout(&["init"]);
    let board = Tmux::start(80, 24);
    launch(&board, &db);
    // Let another user reach the socket (the directory is the owner's only
    // by default, which already keeps them out).
    use std::os::unix::fs::PermissionsExt;
    let open = |p: &Path, mode| std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode));
    for dir in [db.dir.path(), db.path().as_path()] {
        open(dir, 0o755).unwrap();
    }
    open(&db.path().join("owner.sock"), 0o777).unwrap();
    let bin = db.dir.path().join("papi-board");
    common::copy_program(&common::bin(), &bin);
    let out = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(&bin)
        .arg("--db")
        .arg(db.path())
        .arg("status")
        .env("HOME", "/tmp")
        .output()
        .expect("setpriv (util-linux)");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("thuộc về một người dùng khác"),
        "refused in one plain line: {err}"
    );
    board.keys(&["q"]);
    board.wait_for("EXIT=0");
}

/// Ten programs at once on one database — three boards typing tasks in,
/// seven command lines adding them — a hundred changes each: every one is
/// there afterwards, exactly once.
#[test]
fn ten_programs_at_once_make_a_thousand_changes_and_keep_them_all() {
    let db = TempDb::new();
    db.stdout(&["init", "--empty"]);
    let path = db.path();
    let mut workers = Vec::new();
    for w in 0..7 {
        let path = path.clone();
        workers.push(std::thread::spawn(move || {
            for n in 0..100 {
                let title = format!("Việc dòng lệnh {w}-{n} @vp");
                let out = common::run_live(&path, &["add", &title], &[]);
                assert!(out.status.success(), "{title}: {}", common::stderr(&out));
            }
        }));
    }
    for b in 0..3 {
        let db_path = path.clone();
        workers.push(std::thread::spawn(move || {
            let t = Tmux::start(80, 24);
            open_board(&t, &db_path);
            t.wait_for("PAPI");
            t.keys(&["a"]);
            t.wait_for("Thêm nhanh>");
            for n in 0..100 {
                t.type_line(&format!("Việc trên bảng {b}-{n} @vp"));
            }
            // The board has saved its last line; Esc alone (a lone Esc, not
            // the start of Alt+q), then q.
            let long = std::time::Duration::from_secs(300);
            t.wait_for_within(&format!("Đã lưu: + Việc trên bảng {b}-99"), long);
            t.keys(&["Escape"]);
            t.wait_until("the prompt closed", |s| !s.contains("Thêm nhanh>"));
            t.keys(&["q"]);
            t.wait_for("EXIT=0");
        }));
    }
    for w in workers {
        w.join().expect("a program failed");
    }
    let tasks = db.json(&["list", "--json"]);
    let mut titles: Vec<String> = tasks
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap().to_string())
        .collect();
    titles.sort();
    let mut want: Vec<String> = (0..7)
        .flat_map(|w| (0..100).map(move |n| format!("Việc dòng lệnh {w}-{n}")))
        .chain((0..3).flat_map(|b| (0..100).map(move |n| format!("Việc trên bảng {b}-{n}"))))
        .collect();
    want.sort();
    assert_eq!(titles.len(), 1000);
    assert_eq!(titles, want, "every change, exactly once");
}

/// A database deep in folders named in Vietnamese: the path of its socket
/// is longer than a Unix socket's address holds (107 bytes), and a board
/// and a command beside it still share it.
#[test]
fn a_database_deep_in_vietnamese_folders_is_shared_too() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(
        "Tài liệu/Kế hoạch nâng cao chỉ số PAPI năm 2026/UBND xã Phú Cát/Dữ liệu bảng công việc",
    );
    assert!(db.join("owner.sock").as_os_str().len() > 107);
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    let made = common::run_with(&db, &["init"], &[]);
    assert!(made.status.success(), "{}", common::stderr(&made));

    let board = Tmux::start(80, 24);
    open_board(&board, &db);
    board.wait_for("Chưa thực hiện (50)");
    let added = common::run_live(
        &db,
        &["add", "Họp dân thôn Hòa Hội về đường giao thông"],
        &[],
    );
    assert!(added.status.success(), "{}", common::stderr(&added));
    board.wait_for("Chưa thực hiện (51)");
    board.keys(&["q"]);
    board.wait_for("EXIT=0");
    common::settle(&db);
    let tasks = common::run_with(&db, &["list", "--json"], &[]);
    let text = String::from_utf8_lossy(&tasks.stdout);
    assert!(
        text.contains("Họp dân thôn Hòa Hội về đường giao thông"),
        "{text}"
    );
}
