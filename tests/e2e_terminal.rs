//! The real binary in a real terminal (tmux): open the default board, move
//! a card with `L`, quit with `q`; the change is on disk and the terminal is
//! back as it was. Also: resizing re-lays out, SIGTERM and SIGHUP restore.

mod common;

use common::TempDb;
use common::tmux::Tmux;

fn launch(t: &Tmux, db: &TempDb, extra: &str) {
    t.type_line(&format!(
        "{} --db {} --today 2025-07-01 {extra}; echo EXIT=$?",
        common::bin().display(),
        db.path().display()
    ));
}

#[test]
fn move_a_card_quit_and_find_it_saved() {
    let db = TempDb::new();
    let t = Tmux::start(80, 24);
    launch(&t, &db, "");
    let screen = t.wait_for("Chưa thực hiện (50)");
    assert!(screen.contains("1. Tham gia của người dân"), "{screen}");
    assert_eq!(
        t.format("#{alternate_on}"),
        "1",
        "the board uses the alternate screen"
    );
    t.keys(&["L"]);
    let screen = t.wait_for("Đang thực hiện (1)");
    assert!(
        screen.contains("Đã lưu"),
        "the status bar confirms: {screen}"
    );
    t.keys(&["q"]);
    let screen = t.wait_for("EXIT=0");
    assert_eq!(t.format("#{alternate_on}"), "0", "alternate screen left");
    assert_eq!(t.format("#{cursor_flag}"), "1", "cursor shown again");
    assert!(
        !screen.contains("Chưa thực hiện"),
        "the shell is back: {screen}"
    );
    let tasks = db.json(&["list", "--json"]);
    let first = &tasks.as_array().unwrap()[0];
    assert_eq!(first["id"], 1);
    assert_eq!(first["status"], "doing", "the move was saved");
}

#[test]
fn resize_relays_out_and_small_terminals_are_told() {
    let db = TempDb::new();
    let t = Tmux::start(80, 24);
    launch(&t, &db, "--lang en");
    t.wait_for("To do (50)");
    t.resize(160, 40);
    // The column headers spread over the new width.
    t.wait_until("columns widened", |s| {
        s.lines()
            .nth(1)
            .is_some_and(|l| l.contains("Done (0)") && l.trim_end().len() > 100)
    });
    t.resize(30, 8);
    t.wait_for("Terminal too small");
    t.resize(80, 24);
    t.wait_for("To do (50)");
    t.keys(&["C-c"]);
    t.wait_for("EXIT=0");
}

fn pid_of_board(t: &Tmux) -> String {
    // The board is the shell's child in the pane.
    let shell = t.format("#{pane_pid}");
    let out = std::process::Command::new("pgrep")
        .args(["-P", &shell])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for (sig, code) in [("TERM", 143), ("HUP", 129)] {
        let db = TempDb::new();
        let t = Tmux::start(80, 24);
        launch(&t, &db, "");
        t.wait_for("Chưa thực hiện (50)");
        let pid = pid_of_board(&t);
        assert!(!pid.is_empty(), "board process found");
        std::process::Command::new("kill")
            .args([&format!("-{sig}"), &pid])
            .status()
            .unwrap();
        t.wait_for(&format!("EXIT={code}"));
        assert_eq!(
            t.format("#{alternate_on}"),
            "0",
            "SIG{sig}: alternate screen left"
        );
        assert_eq!(t.format("#{cursor_flag}"), "1", "SIG{sig}: cursor shown");
    }
}
