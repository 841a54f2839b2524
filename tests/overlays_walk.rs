//! Every overlay, opened and worked with its keys from the key table, in
//! the real binary in a real terminal (tmux, 80×24), with two keys
//! remapped by the settings file: the checklist's tick (`t`) and the plan
//! picker's "down" (`n`). Help and the checklist's hints name the remapped
//! keys; the old keys do nothing there. Last, the import preview of a plan.

mod common;

use common::TempDb;
use common::tmux::Tmux;

const CONFIG: &str = "\
[keys.checklist]
toggle_item = \"t\"
[keys.board_picker]
pick_down = \"n\"
";

fn launch(t: &Tmux, db: &TempDb) -> std::path::PathBuf {
    let config = db.dir.path().join("config.toml");
    std::fs::write(&config, CONFIG).unwrap();
    // The database is made first: the board's start then only opens it.
    let out = db.run(&["--today", "2025-07-01", "status"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    t.type_line(&format!(
        "{} --db {} --config {} --today 2025-07-01; echo EXIT=$?",
        common::bin().display(),
        db.path().display(),
        config.display()
    ));
    t.wait_until("the board and its status bar", |s| {
        s.contains("Chưa thực hiện (50)") && s.contains(" trợ giúp ")
    });
    config
}

/// Press keys, then wait until the screen holds `needle`.
fn press(t: &Tmux, keys: &[&str], needle: &str) -> String {
    t.keys(keys);
    t.wait_for(needle)
}

/// Press keys, then wait until the screen no longer holds `gone`.
fn press_gone(t: &Tmux, keys: &[&str], gone: &str) -> String {
    t.keys(keys);
    t.wait_until(&format!("{gone:?} gone"), |s| !s.contains(gone))
}

fn help_and_details(t: &Tmux) {
    let s = press(t, &["?"], "Phím tắt");
    assert!(s.contains("Trên bảng"), "{s}");
    // Down scrolls to the overlays' scopes: the checklist's tick is `t`.
    for _ in 0..150 {
        t.keys(&["j"]);
        if t.screen().contains("Đánh dấu xong / chưa") {
            break;
        }
    }
    let s = t.wait_for("Đánh dấu xong / chưa");
    let line = s
        .lines()
        .find(|l| l.contains("Đánh dấu xong / chưa"))
        .unwrap();
    let keys = line.split('│').nth(1).unwrap_or(line).trim_start();
    assert!(
        keys.starts_with("t "),
        "help names the remapped key: {line:?}"
    );
    press_gone(t, &["Escape"], "Phím tắt");
    press(t, &["Enter"], "Đơn vị chủ trì:");
    press_gone(t, &["Escape"], "Đơn vị chủ trì:");
}

fn pickers_and_search(t: &Tmux) {
    // f, then a digit: the board keeps area 3.
    press(t, &["f"], "Lọc lĩnh vực: bấm 0–8");
    press(t, &["3"], "lọc 3");
    press_gone(t, &["Escape"], "lọc 3");
    // F, type, ↓/↑, Enter: the unit picker filters to Địa chính.
    press(t, &["F"], "Chọn đơn vị (gõ để lọc, Enter chọn, Esc thôi)");
    t.literal("dia");
    t.keys(&["Down", "Up"]);
    press(t, &["Enter"], "lọc dc");
    press_gone(t, &["Escape"], "lọc dc");
    // /, type, ↓ to the next match, Enter keeps the search.
    press(t, &["/"], "Tìm>");
    t.literal("dan chu");
    t.keys(&["Down"]);
    press(t, &["Enter"], "tìm “dan chu”");
    press_gone(t, &["Escape"], "tìm “dan chu”");
}

fn prompts_and_questions(t: &Tmux, db: &TempDb) {
    press(t, &["a"], "Thêm nhanh>");
    t.literal("Rà soát hộ nghèo @vhxh #2");
    press(t, &["Enter"], "Chưa thực hiện (51)");
    press_gone(t, &["Escape"], "Thêm nhanh>");
    press(t, &["n"], "Ghi chú #");
    t.literal("Đã họp");
    press(t, &["Enter"], "Đã lưu: ");
    // X: the proposed file name, replaced by one in the test's directory.
    let report = db.dir.path().join("bao-cao.csv");
    press(t, &["X"], "Lưu báo cáo vào>");
    t.keys(&["C-u"]);
    t.literal(&report.display().to_string());
    press(t, &["Enter"], "Kỳ báo cáo");
    press(t, &["Enter"], "Đã xuất báo cáo");
    let csv = std::fs::read_to_string(&report).expect("the report is written");
    assert!(csv.contains("Rà soát hộ nghèo"), "{csv}");
    // d asks; n keeps the task.
    press(t, &["d"], "(y/n)");
    press(t, &["n"], "Không xóa");
    // e: Tab moves through the form; Esc with nothing changed closes it.
    press(t, &["e"], "Sửa nhiệm vụ #");
    t.keys(&["Tab", "Tab"]);
    press_gone(t, &["Escape"], "Sửa nhiệm vụ #");
    // Changed, Esc asks; n gives the form back; Esc, y discards.
    press(t, &["e"], "Sửa nhiệm vụ #");
    t.literal("!");
    press(t, &["Escape"], "Bỏ nội dung đang gõ? (y/n)");
    press_gone(t, &["n"], "Bỏ nội dung");
    assert!(t.screen().contains("Sửa nhiệm vụ #"));
    press(t, &["Escape"], "Bỏ nội dung đang gõ? (y/n)");
    press_gone(t, &["y"], "Sửa nhiệm vụ #");
}

fn checklist(t: &Tmux) {
    let s = press(t, &["c"], "Danh mục việc ·");
    assert!(
        s.contains("t: xong/chưa"),
        "the hint names the remapped key: {s}"
    );
    press(t, &["a"], "│+ ");
    t.literal("Mời đại diện các thôn");
    press(t, &["Enter"], "[ ] Mời đại diện các thôn");
    t.keys(&["Escape"]);
    // x no longer ticks; t does.
    t.keys(&["x"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        t.screen().contains("[ ] Mời đại diện các thôn"),
        "x does nothing"
    );
    press(t, &["t"], "[x] Mời đại diện các thôn");
    press_gone(t, &["q"], "Danh mục việc ·");
}

fn score(t: &Tmux) {
    press(t, &["2"], "Toàn kế hoạch");
    t.keys(&["j"]);
    press(t, &["s"], "Điểm PAPI 2025 ·");
    t.literal("5,5");
    press(t, &["Enter"], "Đã lưu: PAPI 2025");
    press(t, &["1"], "Chưa thực hiện (51)");
}

fn board_picker(t: &Tmux) {
    // j is not the picker's down any more: Enter opens the plan shown.
    press(t, &["b"], "Kế hoạch (Enter: mở, Esc: thôi)");
    t.keys(&["j"]);
    press(t, &["Enter"], "Đã mở kế hoạch năm 2025");
    // n is: it reaches "start next year's plan".
    press(t, &["b"], "Kế hoạch (Enter: mở, Esc: thôi)");
    t.keys(&["n"]);
    press(t, &["Enter"], "Đã mở kế hoạch năm 2026");
    assert!(t.screen().contains("PAPI 2026"));
}

fn import_preview(t: &Tmux) {
    // On the 2026 plan the board picker opened: a 2026 plan to import.
    let plan = format!(
        "{}/tests/fixtures/ke-hoach-phu-cat.docx",
        env!("CARGO_MANIFEST_DIR")
    );
    press(t, &["I"], "Nhập kế hoạch từ tệp>");
    t.literal(&plan);
    let s = press(t, &["Enter"], "Xem trước khi nhập — Enter: nhập · Esc: hủy");
    let first = s
        .lines()
        .find(|l| l.contains('│'))
        .unwrap_or_default()
        .to_string();
    // j scrolls the review (a key of the preview's scope), Esc imports nothing.
    t.keys(&["j"]);
    t.wait_until("the review scrolled", |s| {
        s.lines().find(|l| l.contains('│')).unwrap_or_default() != first
    });
    let s = press(t, &["Escape"], "Đã hủy: không nhập gì");
    assert!(!s.contains("Xem trước khi nhập"), "{s}");
}

#[test]
fn every_overlay_with_its_keys_from_the_table_and_two_remapped() {
    let db = TempDb::new();
    let t = Tmux::start(80, 24);
    launch(&t, &db);
    help_and_details(&t);
    pickers_and_search(&t);
    prompts_and_questions(&t, &db);
    checklist(&t);
    score(&t);
    board_picker(&t);
    import_preview(&t);
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
}
