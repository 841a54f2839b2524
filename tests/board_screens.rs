//! Snapshot tests of the board at 80×24 and 160×48, for each grouping, in
//! Vietnamese and English, plus what a user checks on them. Snapshots live
//! in tests/snapshots/; `UPDATE_SNAPSHOTS=1 cargo test --test board_screens`
//! rewrites them after an intended change (review the diff).

mod common;

use common::screen::{NOW, app, render, text};
use papi_board::app::keys::Action;
use papi_board::app::memory::MemRepo;
use papi_board::app::{App, Repo};
use papi_board::domain::Lang;
use papi_board::domain::board::Ctx;
use papi_board::domain::command::Command;
use papi_board::domain::deadline::DueKind;
use papi_board::domain::task::{Due, Status};
use papi_board::ui::theme::{ColorMode, Theme};
use ratatui::style::{Color, Modifier};

/// The sample board after a few months of work: some tasks moved, some
/// with dated deadlines (one overdue, one due in 3 days).
fn worked_board() -> MemRepo {
    let mut repo = MemRepo::sample(NOW);
    let ctx = Ctx {
        now: NOW,
        author: "test".into(),
    };
    let date = |d: u32, m: u32| Due {
        kind: Some(DueKind::Before),
        date: chrono::NaiveDate::from_ymd_opt(2025, m, d),
        text: Some(format!("Trước {d}/{m}/2025")),
    };
    let mut with_due = |id: u64, due: Due, progress: u8| {
        let mut t = repo.board.task(id).unwrap().clone();
        t.due = due;
        t.progress = progress;
        repo.apply(Command::PutTask(t), &ctx).unwrap();
    };
    with_due(2, date(30, 6), 40); // overdue on 01/07
    with_due(3, date(4, 7), 0); // due in 3 days
    with_due(6, date(30, 9), 20);
    for (id, s) in [
        (2, Status::Doing),
        (6, Status::Doing),
        (8, Status::Blocked),
        (5, Status::Done),
        (18, Status::Done),
    ] {
        repo.apply(Command::Move { id, status: s }, &ctx).unwrap();
    }
    repo
}

fn check_snapshot(name: &str, screen: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, screen).unwrap();
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing snapshot {name}: run UPDATE_SNAPSHOTS=1"));
    assert!(
        want == screen,
        "{name} differs from its snapshot:\n--- want\n{want}\n--- got\n{screen}"
    );
}

fn screen_for(
    lang: Lang,
    groupings: usize,
    w: u16,
    h: u16,
) -> (String, App, ratatui::buffer::Buffer) {
    let mut repo = worked_board();
    let mut a = app(lang);
    for _ in 0..groupings {
        a.act(Action::CycleGrouping, &mut repo);
    }
    let buf = render(&mut a, &mut repo, w, h, &Theme::default());
    (text(&buf), a, buf)
}

#[test]
fn snapshots_for_every_grouping_size_and_language() {
    for (lang, l) in [(Lang::Vi, "vi"), (Lang::En, "en")] {
        for (g, gname) in [(0, "area"), (1, "unit"), (2, "none")] {
            for (w, h) in [(80, 24), (160, 48)] {
                let (screen, _, _) = screen_for(lang, g, w, h);
                check_snapshot(&format!("board-{gname}-{l}-{w}x{h}"), &screen);
            }
        }
    }
}

#[test]
fn columns_show_their_counts_and_lanes_their_names() {
    let (vi, _, _) = screen_for(Lang::Vi, 0, 80, 24);
    let header = vi.lines().nth(1).unwrap();
    // 50 tasks: 2 moved to doing, 1 blocked, 2 done.
    assert!(header.contains("Chưa thực hiện (45)"), "{header}");
    assert!(header.contains("Đang thực hiện (2)"), "{header}");
    assert!(header.contains("Vướng mắc (1)"), "{header}");
    assert!(header.contains("Hoàn thành (2)"), "{header}");
    assert!(vi.contains("▾ 1. Tham gia của người dân ở cấp cơ sở"));
    let (en, _, _) = screen_for(Lang::En, 0, 160, 48);
    assert!(en.lines().nth(1).unwrap().contains("In progress (2)"));
    assert!(en.contains("1. Participation at local levels"));
    let (unit, _, _) = screen_for(Lang::Vi, 1, 160, 48);
    assert!(unit.contains("vp · Văn phòng - Thống kê"));
    let (none, _, _) = screen_for(Lang::Vi, 2, 80, 24);
    assert!(none.contains("Tất cả nhiệm vụ"));
}

#[test]
fn deadlines_are_red_when_overdue_and_yellow_when_close() {
    // Select a card elsewhere so that no coloured date is under the selection.
    let mut repo = worked_board();
    let mut a = app(Lang::Vi);
    render(&mut a, &mut repo, 160, 48, &Theme::default());
    a.act(Action::NextLane, &mut repo);
    let buf = render(&mut a, &mut repo, 160, 48, &Theme::default());
    let screen = text(&buf);
    let find = |needle: &str| {
        let (y, line) = screen
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle} not on screen"));
        let col = unicode_width::UnicodeWidthStr::width(&line[..line.find(needle).unwrap()]);
        buf[(col as u16 + 1, y as u16)].fg
    };
    assert_eq!(find("30/06"), Color::Red, "overdue deadline in red");
    assert_eq!(
        find("04/07"),
        Color::Yellow,
        "deadline within 7 days in yellow"
    );
    let (_, _, plain) = {
        let mut repo = worked_board();
        let mut a = app(Lang::Vi);
        let theme = Theme {
            color: ColorMode::None,
            ascii: false,
        };
        let b = render(&mut a, &mut repo, 160, 48, &theme);
        (text(&b), a, b)
    };
    let t = text(&plain);
    assert!(
        t.contains("!30/06"),
        "without colour an overdue date is marked with !"
    );
    assert!(t.contains("~04/07"));
    assert!(
        plain.content.iter().all(|c| c.fg == Color::Reset),
        "NO_COLOR: no colours"
    );
}

#[test]
fn the_selected_card_is_reversed() {
    let (_, a, buf) = screen_for(Lang::Vi, 0, 80, 24);
    // Dated deadlines sort first: task 3 (due 04/07) heads lane 1's first column.
    assert_eq!(a.selected_id(), Some(3));
    // First card: row 3 (title bar, headers, lane header), column 0.
    assert!(buf[(0, 3)].modifier.contains(Modifier::REVERSED));
    // Its three rows (two of title, one of meta), not the next card.
    assert!(buf[(0, 5)].modifier.contains(Modifier::REVERSED));
    assert!(!buf[(0, 6)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn ascii_borders_use_only_ascii_in_the_frame() {
    let mut repo = worked_board();
    let mut a = app(Lang::En);
    let b = render(
        &mut a,
        &mut repo,
        80,
        24,
        &Theme {
            color: ColorMode::Basic,
            ascii: true,
        },
    );
    let t = text(&b);
    assert!(!t.contains('│') && !t.contains('▾') && !t.contains('⟳'));
    assert!(t.contains('|') && t.contains("TX"));
}

#[test]
fn too_small_says_so() {
    let mut repo = worked_board();
    let mut a = app(Lang::Vi);
    let t = text(&render(&mut a, &mut repo, 30, 8, &Theme::default()));
    assert!(t.contains("Cửa sổ quá nhỏ"), "{t}");
}
