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
        let screen = t.wait_for("lọc 2");
        let cards = cards_area(&screen);
        for place in ["Phú Sơn", "Hòa Bình"] {
            assert!(
                cards.contains(place),
                "{w}×{h}: the card of the task in {place} says so:\n{screen}"
            );
        }
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
        let screen = t.wait_until("task 10 selected", |s| s.contains("── #10 "));
        let strip: String = screen
            .lines()
            .skip_while(|l| !l.starts_with("── #10 "))
            .skip(1)
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            strip.contains(&long),
            "{w}×{h}: the whole title under the lanes:\n{screen}"
        );
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
        let screen = t.wait_for(&format!("── #{id} "));
        assert!(
            screen.contains(title),
            "{w}×{h}: the full title is on the board screen:\n{screen}"
        );
        t.keys(&["e"]);
        let form = t.wait_for(&format!("#{id}"));
        assert!(
            form.lines()
                .any(|l| l.contains("Sửa nhiệm vụ") && l.contains(&format!("#{id}"))),
            "{w}×{h}: the form edits that task:\n{form}"
        );
        t.keys(&["Escape"]);
        t.keys(&["Escape", "q"]);
        t.wait_for("EXIT=0");
    }
}
