//! The terminal is given back after a panic, SIGTERM and SIGHUP: the real
//! binary in a real terminal (tmux); afterwards the alternate screen is
//! left, the cursor is shown, the line discipline is cooked again (no raw
//! mode), and for a panic the report is readable on the normal screen.
//! The panic is made on purpose by the test hook
//! `PAPI_BOARD_TEST_PANIC=after-first-frame` (docs/reliability.md).

mod common;

use common::TempDb;
use common::tmux::Tmux;

/// After the board ended: the terminal is as a shell expects it.
fn assert_restored(t: &Tmux, what: &str) {
    assert_eq!(
        t.format("#{alternate_on}"),
        "0",
        "{what}: alternate screen left"
    );
    assert_eq!(t.format("#{cursor_flag}"), "1", "{what}: cursor shown");
    t.type_line("stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '; echo ':STTY'");
    let screen = t.wait_for(":STTY\n");
    let line = screen
        .lines()
        .rev()
        .find(|l| l.ends_with(":STTY"))
        .unwrap_or_default()
        .to_string();
    assert!(
        line.contains("icanon") && !line.contains("-icanon") && !line.contains("-echo"),
        "{what}: the terminal is still raw: {line}"
    );
}

#[test]
fn a_panic_gives_the_terminal_back_and_the_report_is_readable() {
    let db = TempDb::new();
    assert!(db.run(&["init"]).status.success());
    let t = Tmux::start(100, 30);
    t.type_line(&format!(
        "PAPI_BOARD_TEST_PANIC=after-first-frame RUST_BACKTRACE=0 {} --db {} --today 2025-07-01; echo EXIT=$?",
        common::bin().display(),
        db.path().display()
    ));
    let screen = t.wait_until("the board to end", |s| {
        s.lines()
            .any(|l| l.starts_with("EXIT=") && l[5..].starts_with(|c: char| c.is_ascii_digit()))
    });
    assert!(
        !screen.contains("\nEXIT=0"),
        "a panic is a failure: {screen}"
    );
    assert!(
        screen.contains("a panic on purpose"),
        "the panic report is on the normal screen: {screen}"
    );
    assert!(
        !screen.contains("Chưa thực hiện (50)"),
        "the board is gone: {screen}"
    );
    assert_restored(&t, "panic");
    // Nothing was lost: the board opens again.
    assert_eq!(db.json(&["list", "--json"]).as_array().unwrap().len(), 50);
}

fn pid_of_board(t: &Tmux) -> String {
    let shell = t.format("#{pane_pid}");
    let out = std::process::Command::new("pgrep")
        .args(["-P", &shell])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn sigterm_and_sighup_leave_no_raw_mode_behind() {
    for (sig, code) in [("TERM", 143), ("HUP", 129)] {
        let db = TempDb::new();
        let t = Tmux::start(80, 24);
        t.type_line(&format!(
            "{} --db {} --today 2025-07-01; echo EXIT=$?",
            common::bin().display(),
            db.path().display()
        ));
        t.wait_for("Chưa thực hiện (50)");
        let pid = pid_of_board(&t);
        assert!(!pid.is_empty());
        std::process::Command::new("kill")
            .args([&format!("-{sig}"), &pid])
            .status()
            .unwrap();
        t.wait_for(&format!("EXIT={code}"));
        assert_restored(&t, &format!("SIG{sig}"));
    }
}
