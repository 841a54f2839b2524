//! Importing a plan from the board: `I`, the file's path, then a preview
//! that shows exactly the lines `import --dry-run` prints; Esc imports
//! nothing, Enter imports it all as one change (one `u` undoes it). The
//! real binary in a real terminal (tmux), at 80×24, 45×30 and wide enough
//! to see each review line whole.

mod common;

use common::TempDb;
use common::tmux::Tmux;

const TODAY: &str = "2026-04-01";
const TITLE: &str = "Xem trước khi nhập";

fn plan() -> String {
    format!(
        "{}/tests/fixtures/ke-hoach-phu-cat.docx",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// An empty board (units, no task), and the board open on it.
fn launch(t: &Tmux, db: &TempDb) {
    if !db.path().exists() {
        let out = db.run(&["--today", TODAY, "init", "--empty"]);
        assert!(out.status.success(), "{}", common::stderr(&out));
    }
    t.type_line(&format!(
        "{} --db {} --today {TODAY}; echo EXIT=$?",
        common::bin().display(),
        db.path().display()
    ));
    t.wait_for(" trợ giúp ");
}

fn open_preview(t: &Tmux, path: &str) -> String {
    t.keys(&["I"]);
    t.wait_for("Nhập kế hoạch từ tệp>");
    t.literal(path);
    t.keys(&["Enter"]);
    t.wait_for(TITLE)
}

fn quit(t: &Tmux) {
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
}

fn titles(db: &TempDb) -> Vec<String> {
    db.json(&["list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["title"].as_str().unwrap().to_string())
        .collect()
}

/// The screen's rows inside the preview's frame, as they read.
fn framed_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter_map(|l| {
            let inner = l.trim_start().strip_prefix('│')?;
            Some(
                inner
                    .trim_end()
                    .trim_end_matches('│')
                    .trim_end()
                    .to_string(),
            )
        })
        .collect()
}

#[test]
fn the_preview_is_the_dry_run_review_and_esc_imports_nothing() {
    let db = TempDb::new();
    let t = Tmux::start(170, 50);
    assert!(
        db.run(&["--today", TODAY, "init", "--empty"])
            .status
            .success()
    );
    let dry = db.stdout(&["--today", TODAY, "import", &plan(), "--dry-run"]);
    launch(&t, &db);
    let review: Vec<&str> = dry.lines().skip(1).collect();
    assert!(review.len() > 20, "{dry}");

    let screen = open_preview(&t, &plan());
    let rows = framed_rows(&screen);
    let shown: Vec<&str> = rows.iter().map(String::as_str).take(review.len()).collect();
    assert_eq!(
        shown, review,
        "the preview is the review, line for line:\n{screen}"
    );
    assert!(
        screen.contains("Xem trước khi nhập — Enter: nhập · Esc: hủy, không nhập"),
        "{screen}"
    );

    t.keys(&["Escape"]);
    let screen = t.wait_for("Đã hủy: không nhập gì");
    assert!(!screen.contains(TITLE), "{screen}");
    quit(&t);
    assert_eq!(titles(&db), Vec::<String>::new(), "Esc imported nothing");
}

#[test]
fn enter_imports_the_plan_as_one_change_at_80x24_and_45x30() {
    let db = TempDb::new();
    let t = Tmux::start(80, 24);
    launch(&t, &db);
    let screen = open_preview(&t, &plan());
    // The first line names the file by the path typed, so where it wraps
    // depends on where the project is checked out: read the rows as text.
    assert!(
        framed_rows(&screen)
            .join(" ")
            .contains("6 nhiệm vụ — 6 mới, 0 đã có"),
        "{screen}"
    );
    // Scrolling down shows the end of the review: what to check.
    t.keys(&["PageDown", "PageDown", "PageDown"]);
    t.wait_for("Cần kiểm tra:");
    t.keys(&["Enter"]);
    let screen = t.wait_for("Đã nhập 6 nhiệm vụ (u để hoàn tác)");
    assert!(screen.contains("Chưa thực hiện (6)"), "{screen}");
    quit(&t);
    let imported = titles(&db);
    assert_eq!(imported.len(), 6, "{imported:?}");
    assert!(
        imported.contains(&"Sửa chữa đường giao thông thôn Hòa Hội".to_string()),
        "{imported:?}"
    );
    let units = db.stdout(&["unit", "list"]);
    assert!(units.contains("Đoàn Thanh niên"), "{units}");

    // At 45×30 the frame keeps its name; the keys are on the status bar.
    t.resize(45, 30);
    launch(&t, &db);
    t.keys(&["u"]);
    t.wait_until("the import undone", |s| !s.contains("Hòa Hội"));
    let screen = open_preview(&t, &plan());
    assert!(
        screen.contains("Enter nhập  Esc hủy, không nhập"),
        "{screen}"
    );
    t.keys(&["Enter"]);
    t.wait_for("Đã nhập 6 nhiệm vụ");
    quit(&t);
    assert_eq!(titles(&db).len(), 6);
}

#[test]
fn a_missing_file_or_one_that_is_not_a_plan_says_so_and_opens_nothing() {
    let db = TempDb::new();
    let t = Tmux::start(80, 24);
    assert!(
        db.run(&["--today", TODAY, "init", "--empty"])
            .status
            .success()
    );
    let notes = db.dir.path().join("ghi-chu.txt");
    std::fs::write(
        &notes,
        "Họp giao ban sáng thứ Hai.\nMang theo sổ ghi chép.\n",
    )
    .unwrap();
    let dry = db.run(&[
        "--today",
        TODAY,
        "import",
        notes.to_str().unwrap(),
        "--dry-run",
    ]);
    assert!(!dry.status.success());
    let refusal = common::stderr(&dry);
    launch(&t, &db);
    t.keys(&["I"]);
    t.wait_for("Nhập kế hoạch từ tệp>");
    t.literal("/khong-co/ke-hoach.docx");
    t.keys(&["Enter"]);
    let screen = t.wait_for("/khong-co/ke-hoach.docx:");
    assert!(!screen.contains(TITLE), "{screen}");

    let first = refusal
        .trim()
        .trim_start_matches("papi-board: ")
        .to_string();
    t.keys(&["I"]);
    t.wait_for("Nhập kế hoạch từ tệp>");
    t.literal(notes.to_str().unwrap());
    t.keys(&["Enter"]);
    let head: String = first.chars().take(30).collect();
    let screen = t.wait_for(&head);
    assert!(!screen.contains(TITLE), "{screen}");
    quit(&t);
    assert_eq!(titles(&db), Vec::<String>::new());
}
