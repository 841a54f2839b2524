//! Editing from the keyboard, driven by raw terminal bytes through the same
//! byte parser the SSH driver uses, into the real app core.

mod common;

use common::screen::{NOW, app, render, text};
use papi_board::app::memory::MemRepo;
use papi_board::app::{App, Overlay};
use papi_board::domain::Lang;
use papi_board::domain::deadline::DueKind;
use papi_board::domain::task::Status;
use papi_board::store::codec::encode_task;
use papi_board::term::input::InputParser;
use papi_board::ui::theme::Theme;

/// Type raw bytes into the app, as a terminal would send them.
fn type_bytes(a: &mut App, repo: &mut MemRepo, bytes: &[u8]) {
    let mut p = InputParser::new();
    let mut events = p.feed(bytes);
    events.extend(p.flush());
    for ev in events {
        a.update(ev, repo);
    }
}

fn setup() -> (App, MemRepo) {
    let mut repo = MemRepo::sample(NOW);
    let mut a = app(Lang::Vi);
    render(&mut a, &mut repo, 80, 24, &Theme::default());
    (a, repo)
}

#[test]
fn quick_add_three_in_a_row_with_input_method_bytes() {
    let (mut a, mut repo) = setup();
    type_bytes(&mut a, &mut repo, b"a");
    // Unikey style: letters, backspace (0x7F or 0x08), replacement letters.
    type_bytes(
        &mut a,
        &mut repo,
        "Ho\x7fọp da\x08ân tho\x7fôn Đông @thon +tp #1 !30/6/2025\r".as_bytes(),
    );
    type_bytes(
        &mut a,
        &mut repo,
        "Niêm yết TTHC @vp #5 !q3/2025\r".as_bytes(),
    );
    type_bytes(&mut a, &mut repo, "Thu gom rác thải @dia !tx\r".as_bytes());
    assert!(
        matches!(a.overlay(), Some(Overlay::QuickAdd(_))),
        "stays open for the next task"
    );
    type_bytes(&mut a, &mut repo, b"\x1b");
    assert!(a.overlay().is_none());
    let b = &repo.board;
    let t = b.task(51).unwrap();
    assert_eq!(t.title, "Họp dân thôn Đông");
    assert_eq!(
        (t.area.get(), t.lead.as_str(), t.support.clone()),
        (1, "thon", vec!["tp".into()])
    );
    assert_eq!(t.due.date, chrono::NaiveDate::from_ymd_opt(2025, 6, 30));
    let t = b.task(52).unwrap();
    assert_eq!((t.title.as_str(), t.area.get()), ("Niêm yết TTHC", 5));
    assert_eq!(t.due.kind, Some(DueKind::Quarter));
    assert_eq!(t.due.date, chrono::NaiveDate::from_ymd_opt(2025, 9, 30));
    let t = b.task(53).unwrap();
    // No #N: the current lane's area (lane 1 is selected).
    assert_eq!(
        (t.title.as_str(), t.lead.as_str(), t.area.get()),
        ("Thu gom rác thải", "dc", 1)
    );
    assert!(t.due.is_ongoing());
}

#[test]
fn quick_add_refuses_an_unknown_unit_and_keeps_the_line() {
    let (mut a, mut repo) = setup();
    type_bytes(&mut a, &mut repo, "aViệc @khongco\r".as_bytes());
    assert_eq!(repo.board.tasks.len(), 50);
    let Some(Overlay::QuickAdd(q)) = a.overlay() else {
        panic!("closed")
    };
    assert_eq!(q.line.text(), "Việc @khongco", "nothing typed is lost");
    let screen = text(&render(&mut a, &mut repo, 80, 24, &Theme::default()));
    assert!(screen.contains("không rõ đơn vị “khongco”"), "{screen}");
}

#[test]
fn telex_in_quick_add() {
    let (mut a, mut repo) = setup();
    type_bytes(&mut a, &mut repo, b"a\x14Hojp daan @thon\r");
    assert_eq!(repo.board.task(51).unwrap().title, "Họp dân");
    let screen = text(&render(&mut a, &mut repo, 80, 24, &Theme::default()));
    assert!(screen.contains("TELEX"), "the status bar says Telex is on");
}

#[test]
fn escape_in_the_form_leaves_the_task_byte_for_byte() {
    let (mut a, mut repo) = setup();
    let before = encode_task(repo.board.task(3).unwrap());
    a.sel.row = 0;
    let id = a.selected_id().unwrap();
    let before_sel = encode_task(repo.board.task(id).unwrap());
    type_bytes(&mut a, &mut repo, b"e");
    assert!(matches!(a.overlay(), Some(Overlay::Form(_))));
    // Change the title, tab to the deadline, type, pick another lead.
    type_bytes(
        &mut a,
        &mut repo,
        "\x7f\x7f\x7fđổi tên\t\t\t\tdia\r\t\t31/12/2025".as_bytes(),
    );
    // Esc over changed fields asks first; "y" discards them.
    type_bytes(&mut a, &mut repo, b"\x1b");
    assert!(matches!(a.overlay(), Some(Overlay::Discard(_))));
    type_bytes(&mut a, &mut repo, b"y");
    assert!(a.overlay().is_none());
    assert_eq!(encode_task(repo.board.task(id).unwrap()), before_sel);
    assert_eq!(encode_task(repo.board.task(3).unwrap()), before);
    assert_eq!(repo.board.tasks.len(), 50);
}

#[test]
fn the_form_saves_with_ctrl_s_and_undo_restores() {
    let (mut a, mut repo) = setup();
    let id = a.selected_id().unwrap();
    let before = repo.board.task(id).unwrap().clone();
    type_bytes(&mut a, &mut repo, b"e");
    // Title: clear with Ctrl+U and type; four Tabs to the lead picker; "dia" Enter picks Địa chính.
    type_bytes(
        &mut a,
        &mut repo,
        "\x15Kiểm tra đất đai\t\t\t\tdia\r".as_bytes(),
    );
    // Now on the supporting units: type "tu", Space to tick Tư pháp; Tab to status, Tab to
    // deadline, Ctrl+U clears "Thường xuyên", type the new one, Ctrl+S saves.
    type_bytes(&mut a, &mut repo, "tu \t\t\x15Quý IV/2025\x13".as_bytes());
    assert!(a.overlay().is_none(), "{:?}", a.message);
    let t = repo.board.task(id).unwrap();
    assert_eq!(t.title, "Kiểm tra đất đai");
    assert_eq!(t.lead, "dc");
    assert_eq!(t.support, vec!["tp"]);
    assert_eq!(t.due.text.as_deref(), Some("Quý IV/2025"));
    assert_eq!(t.due.date, chrono::NaiveDate::from_ymd_opt(2025, 12, 31));
    type_bytes(&mut a, &mut repo, b"u");
    assert_eq!(repo.board.task(id).unwrap(), &before);
}

#[test]
fn form_shows_a_bad_deadline_and_refuses_to_save() {
    let (mut a, mut repo) = setup();
    let id = a.selected_id().unwrap();
    let before = repo.board.task(id).unwrap().clone();
    type_bytes(&mut a, &mut repo, b"e\t\t\t\t\t\t\t\x1531/2/2025");
    let screen = text(&render(&mut a, &mut repo, 100, 30, &Theme::default()));
    assert!(screen.contains("31/2/2025"), "{screen}");
    assert!(
        screen.contains("⚠"),
        "the problem is shown next to the field: {screen}"
    );
    type_bytes(&mut a, &mut repo, b"\x13");
    assert!(matches!(a.overlay(), Some(Overlay::Form(_))), "not saved");
    assert_eq!(repo.board.task(id).unwrap(), &before);
}

#[test]
fn notes_have_author_and_show_newest_first() {
    let (mut a, mut repo) = setup();
    let id = a.selected_id().unwrap();
    type_bytes(&mut a, &mut repo, "nĐã họp thôn Đông\r".as_bytes());
    type_bytes(&mut a, &mut repo, "nĐã niêm yết\r".as_bytes());
    let t = repo.board.task(id).unwrap();
    assert_eq!(t.notes.len(), 2);
    assert_eq!(t.notes[0].author, "test");
    assert_eq!(t.notes[0].at, NOW);
    type_bytes(&mut a, &mut repo, b"\r");
    let screen = text(&render(&mut a, &mut repo, 100, 40, &Theme::default()));
    let newer = screen.find("Đã niêm yết").expect("note shown");
    let older = screen.find("Đã họp thôn Đông").expect("note shown");
    assert!(newer < older, "newest first:\n{screen}");
}

#[test]
fn delete_asks_and_undo_brings_the_task_back() {
    let (mut a, mut repo) = setup();
    let id = a.selected_id().unwrap();
    let before = repo.board.task(id).unwrap().clone();
    type_bytes(&mut a, &mut repo, b"dn");
    assert!(repo.board.task(id).is_some(), "n keeps it");
    type_bytes(&mut a, &mut repo, b"dy");
    assert!(repo.board.task(id).is_none());
    type_bytes(&mut a, &mut repo, b"u");
    assert_eq!(repo.board.task(id), Some(&before));
    type_bytes(&mut a, &mut repo, b"U");
    assert!(repo.board.task(id).is_none(), "redo deletes again");
    type_bytes(&mut a, &mut repo, b"\x12"); // Ctrl+R: nothing left to redo
    assert!(repo.board.task(id).is_none());
}

#[test]
fn progress_steps_and_checklist() {
    let (mut a, mut repo) = setup();
    let id = a.selected_id().unwrap();
    type_bytes(&mut a, &mut repo, b"ppp");
    assert_eq!(repo.board.task(id).unwrap().progress, 30);
    type_bytes(&mut a, &mut repo, b"P");
    assert_eq!(repo.board.task(id).unwrap().progress, 20);
    // Checklist: add three items, tick the first, move the last up, delete one.
    type_bytes(
        &mut a,
        &mut repo,
        "caRà soát\rHọp thôn\rBáo cáo\r\x1b".as_bytes(),
    );
    type_bytes(&mut a, &mut repo, b" ");
    let t = repo.board.task(id).unwrap();
    let items: Vec<&str> = t.checklist.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(items, ["Rà soát", "Họp thôn", "Báo cáo"]);
    assert!(t.checklist[0].done);
    assert_eq!(t.progress, 33, "progress follows the checklist");
    type_bytes(&mut a, &mut repo, b"jjK");
    let t = repo.board.task(id).unwrap();
    assert_eq!(t.checklist[1].text, "Báo cáo");
    type_bytes(&mut a, &mut repo, b"d\x1b");
    assert_eq!(repo.board.task(id).unwrap().checklist.len(), 2);
    assert!(a.overlay().is_none());
}

#[test]
fn x_marks_done_and_reopens() {
    let (mut a, mut repo) = setup();
    let id = a.selected_id().unwrap();
    type_bytes(&mut a, &mut repo, b"x");
    assert_eq!(repo.board.task(id).unwrap().status, Status::Done);
    assert_eq!(a.selected_id(), Some(id), "the selection follows the card");
    type_bytes(&mut a, &mut repo, b"x");
    assert_eq!(repo.board.task(id).unwrap().status, Status::Doing);
}
