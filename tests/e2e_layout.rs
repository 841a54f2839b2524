//! The board read as a person reads it, in a real terminal (tmux) at 80×24,
//! on a phone held upright (45×30) and on a wide screen (200×50): two tasks
//! whose titles begin alike are told apart, the selected task is shown in
//! full, and a search puts the selection on what was searched for.

mod common;

use common::TempDb;
use common::tmux::Tmux;

const SIZES: [(u16, u16); 3] = [(80, 24), (45, 30), (200, 50)];

/// Two meeting tasks that share their first 50 characters.
const PHU_SON: &str = "Tổ chức đối thoại với người dân về quy hoạch đất thôn Phú Sơn";
const HOA_BINH: &str = "Tổ chức đối thoại với người dân về quy hoạch đất thôn Hòa Bình";

fn launch(t: &Tmux, db: &TempDb, extra: &str) {
    t.type_line(&format!(
        "{} --db {} --today 2025-07-01 {extra}; echo EXIT=$?",
        common::bin().display(),
        db.path().display()
    ));
}

/// The sample plan with the two look-alike tasks in dimension 2, and a
/// card in every other column, so that at 80 columns the four columns
/// share the width (the narrowest cards).
fn board_with_lookalikes() -> TempDb {
    let db = TempDb::new();
    for title in [PHU_SON, HOA_BINH] {
        db.stdout(&["add", &format!("{title} @dc +thon #2")]);
    }
    for (id, status) in [("5", "doing"), ("6", "blocked"), ("7", "done")] {
        db.stdout(&["move", id, status]);
    }
    db
}

/// The lanes' part of the screen: above the selected task's strip (the
/// rule that starts with "──"), below the column headers.
fn cards_area(screen: &str) -> String {
    screen
        .lines()
        .skip(2)
        .take_while(|l| !l.starts_with("──"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn titles_that_begin_alike_are_told_apart_at_every_size() {
    let db = board_with_lookalikes();
    for (w, h) in SIZES {
        let t = Tmux::start(w, h);
        launch(&t, &db, "");
        t.wait_for("PAPI 2025");
        // Only dimension 2: both cards in view.
        t.keys(&["f", "2"]);
        t.wait_until("both look-alike cards told apart", |s| {
            let cards = cards_area(s);
            s.contains("lọc 2") && cards.contains("Phú Sơn") && cards.contains("Hòa Bình")
        });
        t.keys(&["q"]);
        t.wait_for("EXIT=0");
    }
}

#[test]
fn the_selected_task_is_shown_in_full() {
    let db = board_with_lookalikes();
    let long = db
        .json(&["show", "10", "--json"])
        .get("title")
        .and_then(|t| t.as_str())
        .unwrap()
        .to_string();
    assert!(long.chars().count() > 100, "a long title to show: {long}");
    for (w, h) in SIZES {
        let t = Tmux::start(w, h);
        launch(&t, &db, "");
        t.wait_for("PAPI 2025");
        // Dimension 3 holds task 10 (dated tasks first, then ongoing ones).
        t.keys(&["f", "3", "j"]);
        // The strip under the lanes: the rule naming the task, then its
        // whole title over as many lines as it takes.
        let strip = |s: &str| {
            s.lines()
                .skip_while(|l| !l.starts_with("── #10 "))
                .skip(1)
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ")
        };
        t.wait_until("task 10's whole title under the lanes", |s| {
            strip(s).contains(&long)
        });
        t.keys(&["q"]);
        t.wait_for("EXIT=0");
    }
}

#[test]
fn search_selects_the_match_and_e_edits_that_task() {
    let db = TempDb::new();
    let title = "Họp giao ban tháng 7 về tiến độ kế hoạch PAPI";
    let id = db.stdout(&["add", &format!("{title} @vp #0 !20/7/2025")]);
    let id = id.trim();
    for (w, h) in SIZES {
        let t = Tmux::start(w, h);
        launch(&t, &db, "");
        t.wait_for("PAPI 2025");
        // Several tasks mention "giao" and "ban" somewhere; the one whose
        // title says "giao ban" is the one meant.
        t.keys(&["/"]);
        t.type_text("giao ban");
        t.keys(&["Enter"]);
        // The full title is on the board screen.
        wait_for_all(
            &t,
            "the found task in full",
            &[&format!("── #{id} "), title],
        );
        t.keys(&["e"]);
        let head = format!("#{id}");
        t.wait_until("the form of the task found", |s| {
            s.lines()
                .any(|l| l.contains("Sửa nhiệm vụ") && l.contains(&head))
        });
        t.keys(&["Escape"]);
        t.keys(&["Escape", "q"]);
        t.wait_for("EXIT=0");
    }
}

/// Wait until every label is on a line of the screen (the frame may
/// still be arriving when a first label shows).
fn wait_for_all(t: &Tmux, what: &str, wants: &[&str]) -> String {
    t.wait_until(what, |s| {
        wants.iter().all(|w| s.lines().any(|l| l.contains(w)))
    })
}

#[test]
fn every_view_at_45_by_30_shows_its_labels() {
    let db = TempDb::new();
    db.stdout(&[
        "add",
        "Niêm yết công khai thủ tục đất đai @dc #5 !20/6/2025",
    ]);
    db.stdout(&["move", "2", "doing"]);
    let t = Tmux::start(45, 30);
    launch(&t, &db, "");
    // The board: one column, every column's name and count in the header.
    let board = [
        "Chưa thực hiện (50)",
        "Đang TH 1",
        "Vướng 0",
        "Xong 0",
        "1. Tham gia",
        "── #",
    ];
    wait_for_all(&t, "the board's labels", &board);
    t.keys(&["l"]);
    wait_for_all(
        &t,
        "the second column",
        &["Đang thực hiện (1)", "Tuyên truyền, phổ biến"],
    );
    // The overview: every dimension named (short names), every figure headed.
    let dims = [
        "1. Tham gia",
        "2. Công khai, minh bạch",
        "3. Trách nhiệm giải trình",
        "4. Kiểm soát tham nhũng",
        "5. Thủ tục hành chính",
        "6. Dịch vụ công",
        "7. Môi trường",
        "8. Quản trị điện tử",
        "0. Chung",
    ];
    t.keys(&["2"]);
    let heads = [
        "Lĩnh vực",
        "Tổng",
        "Đã",
        "Quá",
        "Tiến",
        "Quá hạn: 1",
        "dc   Địa chính",
    ];
    wait_for_all(&t, "the overview's labels", &[&dims[..], &heads].concat());
    // The matrix: the same names, unit codes across, the cell in words.
    t.keys(&["3"]);
    let heads = ["Lĩnh vực", "ca", "dc", "nhiệm vụ", "Quá hạn 0"];
    wait_for_all(&t, "the matrix's labels", &[&dims[..], &heads].concat());
    // The deadlines: the groups and each task's lead and title.
    t.keys(&["4"]);
    let groups = [
        "Quá hạn (1)",
        "Thường xuyên (50)",
        "quá 11 ngày dc",
        "Niêm yết",
    ];
    wait_for_all(&t, "the deadlines' labels", &groups);
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
}

#[test]
fn too_small_says_so_in_whole_words() {
    let db = TempDb::new();
    db.stdout(&["init"]);
    let t = Tmux::start(30, 8);
    launch(&t, &db, "");
    wait_for_all(
        &t,
        "the whole message",
        &["Cửa sổ quá nhỏ", "hãy phóng to", "40×10"],
    );
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
}
