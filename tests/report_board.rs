//! The difficulty asked on the board: moving a card to Vướng mắc asks what
//! blocks it; the answer is in `show`, in the report and in the overview's
//! blocked count; moving the card back keeps it in the task's history; Esc
//! moves the card with the difficulty left empty. The real binary in a
//! real terminal (tmux) at 80×24, the database read back by the CLI.

mod common;

use common::TempDb;
use common::tmux::Tmux;

const REASON: &str = "Chờ kinh phí in tài liệu niêm yết";

fn launch(t: &Tmux, db: &TempDb) {
    t.type_line(&format!(
        "{} --db {} --today 2025-07-01; echo EXIT=$?",
        common::bin().display(),
        db.path().display()
    ));
    t.wait_until("the board", |s| s.contains(" trợ giúp "));
}

fn quit(t: &Tmux) {
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    t.type_line("clear");
    t.wait_until("the shell cleared", |s| !s.contains("EXIT=0"));
}

fn blocked(db: &TempDb) -> Vec<serde_json::Value> {
    db.json(&["list", "--json", "--status", "blocked"])
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn moving_a_card_to_blocked_asks_what_blocks_it() {
    let db = TempDb::new();
    assert!(
        db.run(&["--today", "2025-07-01", "status"])
            .status
            .success()
    );
    let t = Tmux::start(80, 24);
    launch(&t, &db);

    // Right twice: Đang thực hiện moves at once, Vướng mắc asks first.
    t.keys(&[">"]);
    t.wait_for("Đang thực hiện (1)");
    t.keys(&[">"]);
    let screen = t.wait_for("Vướng mắc gì #");
    assert!(
        screen.contains("Đang thực hiện (1)"),
        "not moved yet: {screen}"
    );
    t.literal(REASON);
    t.wait_for(REASON);
    t.keys(&["Enter"]);
    t.wait_until("the card in Vướng mắc", |s| {
        !s.contains("Vướng mắc gì #") && s.contains("Vướng mắc (1)")
    });
    // The overview counts it.
    t.keys(&["2"]);
    t.wait_for("Vướng: 1");
    quit(&t);

    let tasks = blocked(&db);
    assert_eq!(tasks.len(), 1);
    let id = tasks[0]["id"].to_string();
    assert_eq!(tasks[0]["problem"]["text"], REASON);
    let show = db.stdout(&["show", &id]);
    assert!(
        show.contains(&format!("Khó khăn, vướng mắc: {REASON}")),
        "{show}"
    );
    let report = db.stdout(&["export", "-", "--format", "csv", "--today", "2025-07-01"]);
    let row = report
        .lines()
        .find(|l| l.contains(REASON))
        .unwrap_or_else(|| panic!("the difficulty in the report: {report}"));
    assert!(row.contains("Vướng mắc"), "{row}");

    // Back out of Vướng mắc: the difficulty goes to the history.
    launch(&t, &db);
    t.wait_for("Vướng mắc (1)");
    // To the card in Vướng mắc (the empty column between is passed over
    // or stopped on, as the layout decides): the strip names the card.
    let strip = format!("── #{id} ·");
    for _ in 0..3 {
        if t.screen().contains(&strip) {
            break;
        }
        t.keys(&["Right"]);
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    t.wait_for(&strip);
    t.keys(&["<"]);
    t.wait_for("Đang thực hiện (1)");
    // Back to Vướng mắc, and Esc: moved, the difficulty left empty; the
    // first one stays in the history.
    t.keys(&[">"]);
    t.wait_for("Vướng mắc gì #");
    t.keys(&["Escape"]);
    t.wait_until("moved without a difficulty", |s| {
        !s.contains("Vướng mắc gì #") && s.contains("Vướng mắc (1)")
    });
    quit(&t);

    let t1 = db.json(&["show", &id, "--json"]);
    assert_eq!(t1["status"], "blocked");
    assert_eq!(t1["problem"]["text"], "");
    assert_eq!(t1["problems"].as_array().unwrap().len(), 2);
    assert_eq!(t1["problems"][0]["text"], REASON);
    assert!(t1["problems"][0]["until"].is_string(), "{t1}");
    let show = db.stdout(&["show", &id]);
    assert!(
        show.contains("Khó khăn, vướng mắc đã qua:") && show.contains(REASON),
        "{show}"
    );
    let history = db.stdout(&["history", "--task", &id]);
    assert!(history.contains("Vướng mắc → Đang thực hiện"), "{history}");
}

/// `X` on the board: the file name, then the period; a file already there
/// is asked about, and `n` leaves it as it was.
#[test]
fn the_report_dialog_asks_the_period_and_before_writing_over_a_file() {
    let db = TempDb::new();
    assert!(
        db.run(&["--today", "2025-07-01", "status"])
            .status
            .success()
    );
    let path = db.dir.path().join("bao-cao-quy-2.docx");
    std::fs::write(&path, b"keep me").unwrap();
    let t = Tmux::start(80, 24);
    launch(&t, &db);
    let ask = |t: &Tmux| {
        t.keys(&["X"]);
        t.wait_for("Lưu báo cáo vào>");
        t.keys(&["C-u"]);
        t.type_line(&path.display().to_string());
        // As of today, this quarter (III), the one before (II), …
        let screen = t.wait_for("quý II năm 2025");
        assert!(screen.contains("Kỳ báo cáo"), "{screen}");
        assert!(screen.contains("6 tháng đầu năm 2025"), "{screen}");
        t.keys(&["Down", "Down", "Enter"]);
    };
    ask(&t);
    t.wait_for("đã có. Ghi đè? (y/n)");
    t.keys(&["n"]);
    t.wait_for("Không ghi đè");
    assert_eq!(std::fs::read(&path).unwrap(), b"keep me");

    ask(&t);
    t.wait_for("đã có. Ghi đè? (y/n)");
    t.keys(&["y"]);
    t.wait_for("Đã xuất báo cáo");
    quit(&t);
    let bytes = std::fs::read(&path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(
        xml.contains("Kết quả thực hiện Kế hoạch số 05/KH-UBND quý II năm 2025"),
        "the second quarter's report"
    );
}

/// `n`, then Tab: the note is a result, listed in the report's results.
#[test]
fn a_note_marked_as_a_result_on_the_board_reaches_the_report() {
    let db = TempDb::new();
    assert!(
        db.run(&["--today", "2025-07-01", "status"])
            .status
            .success()
    );
    let t = Tmux::start(80, 24);
    launch(&t, &db);
    t.keys(&["n"]);
    t.wait_for("Ghi chú #");
    t.keys(&["Tab"]);
    t.wait_for("Kết quả #");
    t.literal("Đã phổ biến văn bản tại 6 thôn");
    t.keys(&["Enter"]);
    t.wait_until("the note saved", |s| !s.contains("Kết quả #"));
    t.keys(&["n"]);
    t.wait_for("Ghi chú #");
    t.literal("Gọi điện nhắc trưởng thôn");
    t.keys(&["Enter"]);
    t.wait_until("the note saved", |s| !s.contains("Ghi chú #"));
    quit(&t);
    let list = db.json(&["list", "--json"]);
    let notes: Vec<(String, bool)> = list
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["notes"].as_array().unwrap().clone())
        .map(|n| (n["text"].as_str().unwrap().to_string(), n["result"] == true))
        .collect();
    assert_eq!(
        notes,
        [
            ("Đã phổ biến văn bản tại 6 thôn".to_string(), true),
            ("Gọi điện nhắc trưởng thôn".to_string(), false)
        ]
    );
    let report = db.stdout(&["export", "-", "--format", "csv", "--today", "2025-07-01"]);
    assert!(
        report.contains(": Đã phổ biến văn bản tại 6 thôn"),
        "{report}"
    );
    assert!(
        !report.contains("Gọi điện nhắc trưởng thôn"),
        "a note is not a result"
    );
}

/// The form edits the difficulty and the proposal: a blocked task's form
/// shows what blocks it; both fields changed there are what `show` and
/// the report then say, and the difficulty keeps its first date.
#[test]
fn the_form_edits_the_difficulty_and_the_proposal() {
    let db = TempDb::new();
    let moved = db.run(&["move", "1", "blocked", "--reason", REASON]);
    assert!(moved.status.success(), "{}", common::stderr(&moved));
    let before = db.json(&["show", "1", "--json"]);
    let t = Tmux::start(80, 24);
    launch(&t, &db);
    t.keys(&["/"]);
    t.literal("văn bản hướng dẫn về bầu cử");
    t.keys(&["Enter"]);
    t.keys(&["e"]);
    let form = t.wait_for("Sửa nhiệm vụ #1");
    assert!(
        form.contains(&format!("Khó khăn, vướng mắc  {REASON}")),
        "{form}"
    );
    assert!(form.contains("Đề xuất, kiến nghị"), "{form}");
    // Tab to the difficulty (the 12th field), say more, then the proposal.
    for _ in 0..11 {
        t.keys(&["Tab"]);
    }
    t.keys(&["End"]);
    t.literal(" (đã xin bổ sung)");
    t.keys(&["Tab"]);
    t.literal("Đề nghị huyện bổ sung kinh phí");
    t.wait_for("Đề nghị huyện bổ sung kinh phí");
    t.keys(&["C-s"]);
    t.wait_until("the form closed", |s| !s.contains("Sửa nhiệm vụ #1"));
    quit(&t);

    let after = db.json(&["show", "1", "--json"]);
    let said = format!("{REASON} (đã xin bổ sung)");
    assert_eq!(after["problem"]["text"], said.as_str());
    assert_eq!(after["problem"]["since"], before["problem"]["since"]);
    assert_eq!(after["proposal"], "Đề nghị huyện bổ sung kinh phí");
    let report = db.stdout(&["export", "-", "--format", "csv"]);
    let row = report.lines().find(|l| l.contains(&said)).expect("row");
    assert!(row.contains("Đề nghị huyện bổ sung kinh phí"), "{row}");
}
