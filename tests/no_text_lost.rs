//! No typed text is lost: Ctrl+C or Esc over text not yet saved — a
//! half-typed quick-add line in a meeting, a changed form, a note — asks
//! "Bỏ nội dung đang gõ?" first; `n` goes back to the text as it was.
//! Ctrl+C on the plain board quits at once, as always. The real binary in
//! a real terminal (tmux) at 80×24; the same over SSH is in `tests/ssh.rs`.

mod common;

use common::TempDb;
use common::tmux::Tmux;

const QUESTION: &str = "Bỏ nội dung đang gõ? (y/n)";

fn launch(t: &Tmux, db: &TempDb) {
    // The database is made first: the board's start then only opens it.
    assert!(
        db.run(&["--today", "2025-07-01", "status"])
            .status
            .success()
    );
    t.type_line(&format!(
        "{} --db {} --today 2025-07-01; echo EXIT=$?",
        common::bin().display(),
        db.path().display()
    ));
    t.wait_until("the board and its status bar", |s| {
        s.contains("Chưa thực hiện (50)") && s.contains(" trợ giúp ")
    });
}

fn titles(db: &TempDb) -> Vec<String> {
    db.json(&["list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn ctrl_c_after_typing_in_quick_add_and_in_the_form_loses_nothing() {
    let db = TempDb::new();
    let t = Tmux::start(80, 24);
    launch(&t, &db);

    // Quick-add in a meeting: half a line typed, then Ctrl+C (to copy, say).
    t.keys(&["a"]);
    t.wait_for("Thêm nhanh>");
    t.literal("Họp tổ dân phố về an ninh trật tự @thon");
    t.wait_for("an ninh trật tự @thon");
    t.keys(&["C-c"]);
    let screen = t.wait_for(QUESTION);
    assert!(
        screen.contains("Thêm nhanh> Họp tổ dân phố về an ninh trật tự @thon"),
        "the line is still there under the question: {screen}"
    );
    // n: back to the line, every letter kept; Enter adds the task.
    t.keys(&["n"]);
    t.wait_until("the question gone", |s| !s.contains(QUESTION));
    t.literal(" #3");
    t.keys(&["Enter"]);
    t.wait_for("Chưa thực hiện (51)");
    // Esc over an empty line closes at once.
    t.keys(&["Escape"]);
    t.wait_until("quick-add closed", |s| !s.contains("Thêm nhanh>"));

    // The form: a changed title, then Ctrl+C; n, then Ctrl+S saves it.
    t.keys(&["e"]);
    t.wait_for("Sửa nhiệm vụ #");
    t.literal(" (đã sửa)");
    t.keys(&["C-c"]);
    t.wait_for(QUESTION);
    t.keys(&["n"]);
    t.wait_until("the form back", |s| {
        !s.contains(QUESTION) && s.contains("Sửa nhiệm vụ #")
    });
    t.keys(&["C-s"]);
    t.wait_for("Đã lưu");

    // Ctrl+C on the plain board quits at once.
    t.keys(&["C-c"]);
    t.wait_for("EXIT=0");
    let titles = titles(&db);
    assert!(
        titles.contains(&"Họp tổ dân phố về an ninh trật tự".to_string()),
        "the quick-added task is saved: {titles:?}"
    );
    assert!(
        titles.iter().any(|x| x.ends_with(" (đã sửa)")),
        "the form's change is saved: {titles:?}"
    );
    let t51 = db.json(&["show", "51", "--json"]);
    assert_eq!(
        (t51["lead_unit"].as_str(), t51["area"].as_u64()),
        (Some("thon"), Some(3))
    );
}

#[test]
fn esc_over_a_note_asks_and_y_discards_it_and_ctrl_c_then_y_quits() {
    let db = TempDb::new();
    let t = Tmux::start(80, 24);
    launch(&t, &db);
    // A note, Esc: the question; y drops the note and closes the prompt.
    t.keys(&["n"]);
    t.wait_for("Ghi chú #");
    t.literal("Đã họp với thôn");
    t.keys(&["Escape"]);
    t.wait_for(QUESTION);
    t.keys(&["y"]);
    t.wait_until("the prompt gone", |s| {
        !s.contains(QUESTION) && !s.contains("Ghi chú #")
    });
    // Esc, then Esc again: the second Esc answers "no", the text stays.
    t.keys(&["a"]);
    t.wait_for("Thêm nhanh>");
    t.literal("Việc chưa xong");
    t.keys(&["Escape"]);
    t.wait_for(QUESTION);
    t.keys(&["Escape"]);
    let screen = t.wait_until("back to the line", |s| !s.contains(QUESTION));
    assert!(screen.contains("Thêm nhanh> Việc chưa xong"), "{screen}");
    // Ctrl+C, then y: quit without the half line.
    t.keys(&["C-c"]);
    t.wait_for(QUESTION);
    t.keys(&["y"]);
    t.wait_for("EXIT=0");
    let list = db.json(&["list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 50, "nothing was added");
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|x| x["notes"].as_array().is_none_or(|n| n.is_empty())),
        "no note was saved"
    );
}
