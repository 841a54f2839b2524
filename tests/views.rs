//! The summary views (2 overview, 3 matrix, 4 deadlines): snapshots at
//! 80×24 and 160×48, what `Enter` opens on the board, the score prompt,
//! and the matrix at 80 columns. `UPDATE_SNAPSHOTS=1 cargo test --test
//! views` rewrites the snapshots after an intended change (review the diff).

mod common;

use chrono::NaiveDate;
use common::screen::{NOW, app, render, text};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use papi_board::app::keys::Action;
use papi_board::app::memory::MemRepo;
use papi_board::app::views::OvRow;
use papi_board::app::{App, Event, Repo, View};
use papi_board::domain::Lang;
use papi_board::domain::area::AreaId;
use papi_board::domain::board::Ctx;
use papi_board::domain::command::Command;
use papi_board::domain::deadline::DueKind;
use papi_board::domain::task::{Due, Status};
use papi_board::domain::unit::UnitCode;
use papi_board::ui::theme::{ColorMode, Theme};
use ratatui::buffer::Buffer;
use ratatui::style::Color;

fn ctx(now: i64) -> Ctx {
    Ctx {
        now,
        author: "test".into(),
    }
}

fn due(y: i32, m: u32, d: u32) -> Due {
    Due {
        kind: Some(DueKind::Before),
        date: NaiveDate::from_ymd_opt(y, m, d),
        text: Some(format!("Trước {d}/{m}/{y}")),
    }
}

/// The sample plan after some work, as of Tuesday 01/07/2025 (tasks were
/// moved on 01/06/2025): every report class and every deadline group.
///
/// - #8 blocked, due 01/06 and #2 doing, due 30/06: overdue (#8 the older);
/// - #5 due 20/05, done 01/06: done late; #18 due 30/06, done: on time;
/// - #3 due 04/07: this week; #6 due 15/07: this month; #10 due 31/08 and
///   #22 due 30/09: later months;
/// - #25 has no deadline; the rest are ongoing ("Thường xuyên");
/// - PAPI 2024 scores for four dimensions, the weakest 8 (3,05).
fn worked_board() -> MemRepo {
    let mut repo = MemRepo::sample(NOW);
    let c = ctx(NOW);
    let mut set = |id: u64, d: Due, progress: u8| {
        let mut t = repo.board.task(id).unwrap().clone();
        t.due = d;
        t.progress = progress;
        repo.apply(Command::PutTask(t), &c).unwrap();
    };
    set(8, due(2025, 6, 1), 10);
    set(2, due(2025, 6, 30), 40);
    set(5, due(2025, 5, 20), 0);
    set(18, due(2025, 6, 30), 0);
    set(3, due(2025, 7, 4), 0);
    set(6, due(2025, 7, 15), 20);
    set(10, due(2025, 8, 31), 0);
    set(22, due(2025, 9, 30), 0);
    set(25, Due::none(), 0);
    for (id, s) in [
        (8, Status::Blocked),
        (2, Status::Doing),
        (6, Status::Doing),
        (5, Status::Done),
        (18, Status::Done),
    ] {
        repo.apply(Command::Move { id, status: s }, &c).unwrap();
    }
    for (area, score) in [(1, 512), (2, 480), (5, 655), (8, 305)] {
        repo.apply(
            Command::SetScore {
                year: 2024,
                area: AreaId::from(area),
                score: Some(score),
            },
            &c,
        )
        .unwrap();
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

fn key(a: &mut App, repo: &mut MemRepo, code: KeyCode) {
    a.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)), repo);
}

fn keys(a: &mut App, repo: &mut MemRepo, s: &str) {
    for c in s.chars() {
        key(a, repo, KeyCode::Char(c));
    }
}

/// The app showing view `n` (2, 3 or 4) on the worked board.
fn on_view(lang: Lang, n: char, w: u16, h: u16) -> (App, MemRepo) {
    let mut repo = worked_board();
    let mut a = app(lang);
    render(&mut a, &mut repo, w, h, &Theme::default());
    keys(&mut a, &mut repo, &n.to_string());
    (a, repo)
}

fn screen(a: &mut App, repo: &mut MemRepo, w: u16, h: u16) -> (String, Buffer) {
    let buf = render(a, repo, w, h, &Theme::default());
    (text(&buf), buf)
}

#[test]
fn snapshots_of_the_three_views() {
    for (n, name) in [('2', "overview"), ('3', "matrix"), ('4', "deadlines")] {
        for (lang, l) in [(Lang::Vi, "vi"), (Lang::En, "en")] {
            for (w, h) in [(80, 24), (160, 48)] {
                if lang == Lang::En && w == 160 {
                    continue;
                }
                let (mut a, mut repo) = on_view(lang, n, w, h);
                let (s, _) = screen(&mut a, &mut repo, w, h);
                check_snapshot(&format!("view-{name}-{l}-{w}x{h}"), &s);
            }
        }
    }
}

/// The integers on a line, in order ("1." and "23%" are not integers).
fn numbers(line: &str) -> Vec<usize> {
    line.split_whitespace()
        .filter_map(|t| t.parse().ok())
        .collect()
}

fn line_with<'a>(screen: &'a str, start: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.trim_start().starts_with(start))
        .unwrap_or_else(|| panic!("no line starting {start:?} in\n{screen}"))
}

#[test]
fn the_overview_shows_every_class_and_the_scores_beside_them() {
    let (mut a, mut repo) = on_view(Lang::Vi, '2', 160, 48);
    let (s, buf) = screen(&mut a, &mut repo, 160, 48);
    // total, done on time, done late, open on time, overdue
    assert_eq!(numbers(line_with(&s, "Cộng")), vec![50, 1, 1, 46, 2]);
    // Area 2 holds #5 (done late), #6 (doing, this month) and #8 (blocked, overdue).
    let row2 = line_with(&s, "2. Công khai");
    assert_eq!(numbers(row2), vec![4, 0, 1, 2, 1]);
    assert!(row2.trim_end().ends_with("4,80"), "{row2}");
    assert!(line_with(&s, "8. Quản trị điện tử").ends_with("3,05"));
    assert!(s.contains("PAPI") && s.contains("2024"));
    // The weakest recorded dimension is red.
    let (y, l) = s
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("3,05"))
        .unwrap();
    let x = unicode_width::UnicodeWidthStr::width(&l[..l.find("3,05").unwrap()]);
    assert_eq!(buf[(x as u16, y as u16)].fg, Color::Red);
    // Most overdue first: #8 (01/06) before #2 (30/06).
    let p8 = s.find("#8 ").unwrap();
    let p2 = s.find("#2 ").unwrap();
    assert!(p8 < p2, "oldest overdue first");
    assert!(s.contains("quá 30 ngày"), "{s}");
    // The date in the title bar is the --today date.
    assert!(s.lines().next().unwrap().ends_with("01/07/2025"));
}

#[test]
fn enter_on_an_overview_row_opens_the_board_filtered_to_it() {
    let (mut a, mut repo) = on_view(Lang::Vi, '2', 80, 24);
    screen(&mut a, &mut repo, 80, 24);
    // Rows start at dimension 1; one down is dimension 2.
    key(&mut a, &mut repo, KeyCode::Char('j'));
    let want = a.views.cache().unwrap().summary.by_area[2].total;
    key(&mut a, &mut repo, KeyCode::Enter);
    assert_eq!(a.view, View::Board);
    assert_eq!(
        (a.filter.area, a.filter.unit.as_deref()),
        (Some(2.into()), None)
    );
    let (s, _) = screen(&mut a, &mut repo, 80, 24);
    assert_eq!(a.layout.total(), want, "the board shows the row's tasks");
    assert!(s.lines().last().unwrap().contains("lọc 2"), "{s}");

    // A unit row: the board shows the tasks that unit leads, as counted.
    key(&mut a, &mut repo, KeyCode::Char('2'));
    let rows = a.views.cache().unwrap().overview.clone();
    let (ui, code, total) = rows
        .iter()
        .find_map(|r| match r {
            OvRow::Unit(i) => {
                let (code, c) = &a.views.cache().unwrap().summary.by_unit[*i];
                (code == "tp").then(|| (*i, code.clone(), c.total))
            }
            _ => None,
        })
        .unwrap();
    let at = rows.iter().position(|r| *r == OvRow::Unit(ui)).unwrap();
    while a.views.overview.sel < at {
        key(&mut a, &mut repo, KeyCode::Down);
    }
    key(&mut a, &mut repo, KeyCode::Enter);
    assert_eq!(a.filter.unit.as_deref(), Some(code.as_str()));
    assert!(a.filter.lead_only && a.filter.area.is_none());
    let (s, _) = screen(&mut a, &mut repo, 80, 24);
    assert_eq!(a.layout.total(), total);
    assert!(s.contains("lọc tp (chủ trì)"), "{s}");

    // An overdue task: the board with that task selected, filter cleared.
    key(&mut a, &mut repo, KeyCode::Char('2'));
    key(&mut a, &mut repo, KeyCode::End);
    while !matches!(
        a.views.cache().unwrap().overview[a.views.overview.sel],
        OvRow::Task(_)
    ) {
        key(&mut a, &mut repo, KeyCode::Up);
    }
    let OvRow::Task(id) = a.views.cache().unwrap().overview[a.views.overview.sel] else {
        unreachable!()
    };
    assert_eq!(id, 2, "the last listed is the least overdue");
    key(&mut a, &mut repo, KeyCode::Enter);
    assert_eq!(a.view, View::Board);
    // #2 is led by tp: the board keeps the tp filter and selects it.
    assert_eq!(a.filter.unit.as_deref(), Some("tp"));
    assert_eq!(a.selected_id(), Some(id));
}

#[test]
fn enter_on_a_matrix_cell_opens_the_board_filtered_to_both() {
    let (mut a, mut repo) = on_view(Lang::Vi, '3', 80, 24);
    screen(&mut a, &mut repo, 80, 24);
    // Row 2 (dimension 2), column of unit "vp".
    let units: Vec<UnitCode> = a
        .views
        .cache()
        .unwrap()
        .summary
        .by_unit
        .iter()
        .map(|(c, _)| c.clone())
        .collect();
    let col = units.iter().position(|c| c == "vp").unwrap();
    key(&mut a, &mut repo, KeyCode::Down);
    for _ in 0..col {
        key(&mut a, &mut repo, KeyCode::Char('l'));
    }
    // vp leads #5 in dimension 2 (done late).
    let cell = a.views.cache().unwrap().summary.cells[col][2].clone();
    assert_eq!((cell.total, cell.done_late), (1, 1));
    let (s, _) = screen(&mut a, &mut repo, 80, 24);
    // The footer spells out the selected cell.
    assert!(
        s.contains("vp Văn phòng - Thống kê × 2. Công khai, minh bạch"),
        "{s}"
    );
    assert!(
        s.contains("1 nhiệm vụ · HT đúng hạn 0 · HT quá hạn 1 · Trong hạn 0 · Quá hạn 0"),
        "{s}"
    );
    key(&mut a, &mut repo, KeyCode::Enter);
    assert_eq!(a.view, View::Board);
    assert_eq!(a.filter.area, Some(2.into()));
    assert_eq!(a.filter.unit.as_deref(), Some("vp"));
    assert!(a.filter.lead_only);
    screen(&mut a, &mut repo, 80, 24);
    assert_eq!(
        a.layout.total(),
        cell.total,
        "the board shows the cell's tasks"
    );
}

#[test]
fn matrix_cells_are_coloured_by_their_worst_class() {
    let (mut a, mut repo) = on_view(Lang::Vi, '3', 160, 48);
    // Move the cursor to the totals corner so no cell of interest is selected.
    key(&mut a, &mut repo, KeyCode::End);
    for _ in 0..20 {
        key(&mut a, &mut repo, KeyCode::Char('l'));
    }
    let (s, buf) = screen(&mut a, &mut repo, 160, 48);
    // Codes and cells are right-aligned: a column's last cell is where its
    // code ends in the header.
    let header = s.lines().nth(1).unwrap();
    let col_end = |code: &str| -> u16 {
        let at = header
            .match_indices(code)
            .map(|(i, _)| i)
            .find(|&i| {
                header[..i].ends_with(' ')
                    && header[i + code.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| c == ' ')
            })
            .unwrap_or_else(|| panic!("{code} not in {header}"));
        (unicode_width::UnicodeWidthStr::width(&header[..at]) + code.len() - 1) as u16
    };
    let row_y = |start: &str| {
        s.lines()
            .position(|l| l.trim_start().starts_with(start))
            .unwrap() as u16
    };
    // Dimension 1: tp leads #2 (overdue) and #4 (ongoing): red.
    assert_eq!(buf[(col_end("tp"), row_y("1. "))].fg, Color::Red);
    // Dimension 2: vp leads #5, done late: yellow; dc leads #8, overdue: red.
    assert_eq!(buf[(col_end("vp"), row_y("2. "))].fg, Color::Yellow);
    assert_eq!(buf[(col_end("dc"), row_y("2. "))].fg, Color::Red);
    // Dimension 6: yte leads #18, done on time: green.
    assert_eq!(buf[(col_end("yte"), row_y("6. "))].fg, Color::Green);
    // Dimension 3: tp leads #9, open and ongoing: no colour.
    assert_eq!(buf[(col_end("tp"), row_y("3. "))].fg, Color::Reset);
    // Without colour, overdue cells are marked with "!".
    let mut plain_app = app(Lang::Vi);
    let mut repo2 = worked_board();
    render(&mut plain_app, &mut repo2, 160, 48, &Theme::default());
    keys(&mut plain_app, &mut repo2, "3");
    let plain = text(&render(
        &mut plain_app,
        &mut repo2,
        160,
        48,
        &Theme {
            color: ColorMode::None,
            ascii: false,
        },
    ));
    assert!(line_with(&plain, "1. ").contains("!0/"), "{plain}");
}

#[test]
fn the_matrix_fits_80_columns_and_scrolls_to_the_last_unit() {
    // 2,000 synthetic tasks: four-digit cells, eleven units.
    let units = papi_board::domain::unit::plan_preset();
    let tasks = papi_board::transfer::generate::generate(2000, 7, 2025, &units, NOW);
    let mut board = papi_board::domain::board::Board::new(Default::default(), units.clone());
    board
        .apply(
            Command::Batch(tasks.into_iter().map(Command::AddTask).collect()),
            &ctx(NOW),
        )
        .unwrap();
    let mut repo = MemRepo::new(board);
    let mut a = app(Lang::Vi);
    render(&mut a, &mut repo, 80, 24, &Theme::default());
    keys(&mut a, &mut repo, "3");
    let last = units.last().unwrap().code.to_string();
    let mut seen: Vec<String> = Vec::new();
    for step in 0..=units.len() + 1 {
        let (s, _) = screen(&mut a, &mut repo, 80, 24);
        for line in s.lines() {
            assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
        }
        // Header codes are whole words of the unit list, in order.
        let header = s.lines().nth(1).unwrap();
        let codes: Vec<&str> = header
            .split_whitespace()
            .filter(|w| units.iter().any(|u| u.code == *w))
            .collect();
        assert!(!codes.is_empty(), "step {step}: {header}");
        let pos: Vec<usize> = codes
            .iter()
            .map(|c| units.iter().position(|u| u.code == *c).unwrap())
            .collect();
        assert!(pos.windows(2).all(|w| w[1] == w[0] + 1), "{header}");
        // Every cell of the shown columns is whole: "done/total" pairs.
        for line in s.lines().skip(2).take(10) {
            for tok in line.split_whitespace().filter(|t| t.contains('/')) {
                let (d, t) = tok.trim_start_matches('!').split_once('/').unwrap();
                assert!(
                    d.parse::<usize>().is_ok() && t.parse::<usize>().is_ok(),
                    "{line}"
                );
            }
        }
        seen.extend(codes.iter().map(|c| c.to_string()));
        key(&mut a, &mut repo, KeyCode::Char('l'));
    }
    assert!(seen.contains(&last), "scrolling reaches the last unit");
    let (s, _) = screen(&mut a, &mut repo, 80, 24);
    assert!(s.lines().nth(1).unwrap().contains("Cộng"), "and the totals");
    assert!(
        !s.lines().nth(1).unwrap().contains(" vp "),
        "vp scrolled away"
    );
}

#[test]
fn the_deadlines_view_filters_like_the_board() {
    let (mut a, mut repo) = on_view(Lang::Vi, '4', 120, 40);
    // f 2: dimension 2 only (#8 overdue, #6 this month, #7 ongoing).
    keys(&mut a, &mut repo, "f2");
    let (s, _) = screen(&mut a, &mut repo, 120, 40);
    assert!(
        s.contains("#8 ") && s.contains("#6 ") && !s.contains("#3 "),
        "{s}"
    );
    assert!(
        s.contains("lọc 2 · 3 nhiệm vụ"),
        "the status bar says so: {s}"
    );
    // F dc Enter: the tasks dc leads or supports, within dimension 2.
    key(&mut a, &mut repo, KeyCode::Char('F'));
    keys(&mut a, &mut repo, "dc");
    key(&mut a, &mut repo, KeyCode::Enter);
    let (s, _) = screen(&mut a, &mut repo, 120, 40);
    assert!(s.contains("#8 ") && !s.contains("#6 "), "{s}");
    // The board shows the same filter, and Esc there clears it.
    key(&mut a, &mut repo, KeyCode::Char('1'));
    key(&mut a, &mut repo, KeyCode::Esc);
    assert!(a.filter.is_empty());
    // / in the deadlines view searches, accents optional.
    key(&mut a, &mut repo, KeyCode::Char('4'));
    key(&mut a, &mut repo, KeyCode::Char('/'));
    keys(&mut a, &mut repo, "ho ngheo");
    key(&mut a, &mut repo, KeyCode::Enter);
    let (s, _) = screen(&mut a, &mut repo, 120, 40);
    assert!(
        s.contains("#6 ") && !s.contains("#8 ") && !s.contains("#1 "),
        "{s}"
    );
    assert!(s.contains("tìm “ho ngheo”"), "{s}");
}

#[test]
fn deadlines_are_grouped_and_enter_jumps_to_the_task() {
    let (mut a, mut repo) = on_view(Lang::Vi, '4', 160, 48);
    let (s, _) = screen(&mut a, &mut repo, 160, 48);
    let order = [
        "Quá hạn (2)",
        "#8 ",
        "#2 ",
        "Tuần này, đến Chủ nhật 06/07 (1)",
        "#3 ",
        "Tháng này (07/2025) (1)",
        "#6 ",
        "Tháng 08/2025 (1)",
        "#10 ",
        "Tháng 09/2025 (1)",
        "#22 ",
        "Không thời hạn (1)",
        "#25 ",
        "Thường xuyên (41)",
        "#1 ",
    ];
    let mut at = 0;
    for want in order {
        let p = s[at..]
            .find(want)
            .unwrap_or_else(|| panic!("{want:?} missing or out of order in\n{s}"));
        at += p + want.len();
    }
    // The last row is the last ongoing task.
    key(&mut a, &mut repo, KeyCode::End);
    let (end, _) = screen(&mut a, &mut repo, 160, 48);
    assert!(end.contains("#50 "), "{end}");
    key(&mut a, &mut repo, KeyCode::Home);
    assert!(
        !s.contains("#5 ") && !s.contains("#18 "),
        "done tasks are not listed"
    );
    // The board's filter narrows the deadlines too: dimension 2 holds
    // #8 (overdue), #6 (this month) and #7 (ongoing); the groups recount.
    a.filter.area = Some(2.into());
    let (narrow, _) = screen(&mut a, &mut repo, 160, 48);
    for want in ["#8 ", "#6 ", "#7 ", "Quá hạn (1)", "Thường xuyên (1)"] {
        assert!(narrow.contains(want), "{want:?} in\n{narrow}");
    }
    assert!(
        !narrow.contains("#3 ") && !narrow.contains("#2 "),
        "{narrow}"
    );
    a.filter = Default::default();
    screen(&mut a, &mut repo, 160, 48);
    key(&mut a, &mut repo, KeyCode::Down); // #2
    key(&mut a, &mut repo, KeyCode::Down); // #3 (skips the heading)
    key(&mut a, &mut repo, KeyCode::Enter);
    assert_eq!(a.view, View::Board);
    assert_eq!(a.selected_id(), Some(3));
    // …and the selected card is on screen, reversed.
    let (board, buf) = screen(&mut a, &mut repo, 160, 48);
    let title = &repo.board.task(3).unwrap().title;
    let start: String = title.chars().take(20).collect();
    let y = board
        .lines()
        .position(|l| l.contains(&start))
        .expect("task 3 on screen");
    let x = board.lines().nth(y).unwrap().find(&start).unwrap();
    let x = unicode_width::UnicodeWidthStr::width(&board.lines().nth(y).unwrap()[..x]);
    assert!(
        buf[(x as u16, y as u16)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
}

#[test]
fn a_score_is_typed_in_the_overview_and_undone() {
    let mut repo = worked_board();
    let mut a = app(Lang::Vi);
    render(&mut a, &mut repo, 80, 24, &Theme::default());
    keys(&mut a, &mut repo, "2");
    // Dimension 3 has no score yet: down twice, s, type, Enter.
    keys(&mut a, &mut repo, "jjs");
    let (s, _) = screen(&mut a, &mut repo, 80, 24);
    assert!(
        s.contains("Điểm PAPI 2025 · 3. Trách nhiệm giải trình:"),
        "{s}"
    );
    keys(&mut a, &mut repo, "5,4");
    key(&mut a, &mut repo, KeyCode::Enter);
    assert_eq!(repo.board.scores.get(&(2025, 3.into())), Some(&540));
    let (s, _) = screen(&mut a, &mut repo, 80, 24);
    assert!(
        line_with(&s, "3. Trách").trim_end().ends_with("5,40"),
        "{s}"
    );
    assert!(
        s.contains("Đã lưu: PAPI 2025 · 3. Trách nhiệm giải trình: 5,40"),
        "{s}"
    );
    // Out of range: refused, nothing stored, the prompt stays open.
    keys(&mut a, &mut repo, "s11");
    key(&mut a, &mut repo, KeyCode::Enter);
    assert_eq!(repo.board.scores.get(&(2025, 3.into())), Some(&540));
    let (s, _) = screen(&mut a, &mut repo, 80, 24);
    assert!(s.contains("Điểm 11,00 không hợp lệ"), "{s}");
    key(&mut a, &mut repo, KeyCode::Esc);
    assert!(a.overlay().is_none());
    // Undo takes the score away again.
    keys(&mut a, &mut repo, "u");
    assert_eq!(repo.board.scores.get(&(2025, 3.into())), None);
    // Area 0 has no score.
    key(&mut a, &mut repo, KeyCode::End);
    for _ in 0..40 {
        key(&mut a, &mut repo, KeyCode::Up);
    }
    for _ in 0..8 {
        key(&mut a, &mut repo, KeyCode::Down);
    }
    keys(&mut a, &mut repo, "s");
    assert!(a.overlay().is_none());
    let (s, _) = screen(&mut a, &mut repo, 80, 24);
    assert!(s.contains("Chọn dòng của một chỉ số 1–8"), "{s}");
}

#[test]
fn views_follow_the_date_and_the_data() {
    let (mut a, mut repo) = on_view(Lang::Vi, '2', 160, 48);
    let (s, _) = screen(&mut a, &mut repo, 160, 48);
    assert_eq!(numbers(line_with(&s, "Cộng"))[4], 2);
    // A later "today": #3, #6 and #10 are overdue too.
    a.today = NaiveDate::from_ymd_opt(2025, 9, 1).unwrap();
    let (s, _) = screen(&mut a, &mut repo, 160, 48);
    assert_eq!(numbers(line_with(&s, "Cộng"))[4], 5);
    assert!(s.lines().next().unwrap().ends_with("01/09/2025"));
    // A change of data shows at once.
    repo.apply(
        Command::Move {
            id: 3,
            status: Status::Done,
        },
        &ctx(NOW),
    )
    .unwrap();
    let (s, _) = screen(&mut a, &mut repo, 160, 48);
    assert_eq!(numbers(line_with(&s, "Cộng"))[4], 4);
}

#[test]
fn help_lists_the_summary_keys() {
    let (mut a, mut repo) = on_view(Lang::En, '2', 80, 24);
    a.act(Action::Help, &mut repo);
    let (mut s, _) = screen(&mut a, &mut repo, 80, 48);
    for _ in 0..60 {
        key(&mut a, &mut repo, KeyCode::Down);
        s.push_str(&screen(&mut a, &mut repo, 80, 48).0);
    }
    assert!(s.contains("In the overview, matrix and deadlines"), "{s}");
    assert!(s.contains("Open on the board"));
    assert!(s.contains("Record the PAPI score"));
}

#[test]
fn refreshing_after_changes_gives_the_same_figures_as_counting_afresh() {
    use papi_board::app::views::Cache;
    use papi_board::domain::report::summarize;
    let mut repo = worked_board();
    let mut a = app(Lang::Vi);
    render(&mut a, &mut repo, 80, 24, &Theme::default());
    keys(&mut a, &mut repo, "2");
    let today = a.today;
    let mut seed = 7u64;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    // Units come and go too: three new codes beside the plan's.
    let mut pool: Vec<UnitCode> = repo.board.units.iter().map(|u| u.code.clone()).collect();
    pool.extend(["m1", "m2", "m3"].map(UnitCode::from));
    let (mut added, mut renamed, mut removed) = (0, 0, 0);
    for step in 0..120 {
        let ids: Vec<u64> = repo.board.tasks.keys().copied().collect();
        let id = ids[next(ids.len() as u64) as usize];
        let units: Vec<UnitCode> = repo.board.units.iter().map(|u| u.code.clone()).collect();
        let cmd = match next(8) {
            0 => Command::Move {
                id,
                status: Status::ALL[next(4) as usize],
            },
            1 => {
                let mut t = repo.board.task(id).unwrap().clone();
                t.due = match next(3) {
                    0 => Due::ongoing(),
                    1 => Due::none(),
                    _ => due(2025, 1 + next(12) as u32, 1 + next(28) as u32),
                };
                t.area = AreaId::from(next(9) as u8);
                t.lead = units[next(units.len() as u64) as usize].clone();
                Command::PutTask(t)
            }
            2 => Command::DeleteTask(id),
            3 => {
                let mut t = papi_board::domain::task::Task::new("Việc mới", next(9) as u8, "tp");
                t.due = due(2025, 7, 1 + next(28) as u32);
                Command::AddTask(t)
            }
            4 => Command::SetProgress {
                id,
                progress: next(100) as u8,
            },
            // A unit added, or renamed (the same code, another name).
            5 => Command::PutUnit(papi_board::domain::unit::Unit::new(
                &pool[next(pool.len() as u64) as usize],
                &format!("Đơn vị {step}"),
            )),
            // Mostly a new unit; refused while a task names it.
            6 => Command::RemoveUnit(match next(3) {
                0 => units[next(units.len() as u64) as usize].clone(),
                _ => pool[pool.len() - 1 - next(3) as usize].clone(),
            }),
            _ => Command::Batch(vec![
                Command::Move {
                    id,
                    status: Status::Done,
                },
                Command::SetScore {
                    year: 2025,
                    area: AreaId::from(1 + next(8) as u8),
                    score: Some(100 + next(900) as u16),
                },
            ]),
        };
        let unit_change = matches!(cmd, Command::PutUnit(_) | Command::RemoveUnit(_));
        let before = repo.board.units.len();
        if repo.apply(cmd, &ctx(NOW + step)).is_ok() && unit_change {
            match repo.board.units.len().cmp(&before) {
                std::cmp::Ordering::Greater => added += 1,
                std::cmp::Ordering::Less => removed += 1,
                std::cmp::Ordering::Equal => renamed += 1,
            }
        }
        // Another session changed the data; every few steps the view is left and
        // reopened, or undone, so both ways of catching up are taken.
        match next(4) {
            0 => keys(&mut a, &mut repo, "u"),
            1 => keys(&mut a, &mut repo, "12"),
            _ => {
                a.update(Event::DataChanged, &mut repo);
            }
        }
        let fresh = summarize(
            repo.board.tasks.values().map(|t| &**t),
            &repo.board.units,
            today,
        );
        let cache = a.views.cache().expect("the overview is shown");
        assert_eq!(cache.summary, fresh, "step {step}");
        let built = Cache::build(&repo.board, today);
        assert_eq!(cache.overview, built.overview, "step {step}");
        assert_eq!(cache.agenda, built.agenda, "step {step}");
    }
    assert!(
        added > 0 && renamed > 0 && removed > 0,
        "{added} {renamed} {removed}"
    );
    // Every change above was patched, unit changes too: no task read again.
    assert_eq!(a.views.reads(), 0);
}

#[test]
fn ascii_mode_draws_the_views_without_box_or_block_characters() {
    let theme = Theme {
        color: ColorMode::Basic,
        ascii: true,
    };
    for n in ["2", "3", "4"] {
        let mut repo = worked_board();
        let mut a = app(Lang::Vi);
        render(&mut a, &mut repo, 80, 24, &theme);
        keys(&mut a, &mut repo, n);
        let s = text(&render(&mut a, &mut repo, 80, 24, &theme));
        for c in ['◂', '▸', '×', '█', '░', '⟳', '│'] {
            assert!(!s.contains(c), "view {n} draws {c:?} in ASCII mode:\n{s}");
        }
    }
}

/// The matrix's legend names no colour: each class is written in the
/// colour its cells have, in every theme (the light theme has no yellow).
#[test]
fn the_matrix_legend_is_written_in_the_cells_colours_in_every_theme() {
    use papi_board::ui::theme::Role;
    for color in [ColorMode::Basic, ColorMode::Light, ColorMode::HighContrast] {
        let theme = Theme {
            color,
            ascii: false,
        };
        let (mut a, mut repo) = on_view(Lang::Vi, '3', 80, 24);
        let buf = render(&mut a, &mut repo, 80, 24, &theme);
        let rows: Vec<String> = text(&buf).lines().map(str::to_string).collect();
        for (phrase, role) in [
            ("có nhiệm vụ quá hạn", Role::Overdue),
            ("có HT quá hạn", Role::DueSoon),
            ("tất cả HT đúng hạn", Role::Done),
        ] {
            let y = rows
                .iter()
                .position(|r| r.contains(phrase))
                .unwrap_or_else(|| panic!("{phrase} in the legend:\n{}", rows.join("\n")));
            // The column of the phrase's first letter (cells, not bytes).
            let before = &rows[y][..rows[y].find(phrase).unwrap()];
            let x = papi_board::domain::text::width(before) as u16;
            assert_eq!(
                buf[(x, y as u16)].fg,
                theme.style(role).fg.unwrap_or(Color::Reset),
                "{color:?}: {phrase}"
            );
        }
        assert!(
            !rows
                .iter()
                .any(|r| r.contains("đỏ:") || r.contains("vàng:"))
        );
    }
}
