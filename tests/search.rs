//! Search and sorting on the board and in `list --search`: accents and case
//! ignored on both sides, markers like quick-add, matches highlighted,
//! folded text computed once per change, Vietnamese alphabetical order.

mod common;

use common::TempDb;
use common::screen::{NOW, app, render, text};
use papi_board::app::memory::MemRepo;
use papi_board::app::{App, Overlay, Repo};
use papi_board::domain::Lang;
use papi_board::domain::board::Ctx;
use papi_board::domain::command::Command;
use papi_board::domain::task::Status;
use papi_board::term::input::InputParser;
use papi_board::ui::theme::Theme;
use ratatui::style::Color;

fn type_bytes(a: &mut App, repo: &mut MemRepo, bytes: &[u8]) {
    let mut p = InputParser::new();
    let mut events = p.feed(bytes);
    events.extend(p.flush());
    for ev in events {
        a.update(ev, repo);
    }
}

fn shown_ids(a: &App) -> Vec<u64> {
    let mut v: Vec<u64> = a
        .layout
        .lanes
        .iter()
        .flat_map(|l| l.cols.iter().flatten().copied())
        .collect();
    v.sort();
    v
}

fn setup() -> (App, MemRepo) {
    let mut repo = MemRepo::sample(NOW);
    let mut a = app(Lang::Vi);
    render(&mut a, &mut repo, 80, 24, &Theme::default());
    (a, repo)
}

/// The ids whose text contains all the words once accents and case are
/// dropped — computed here independently of the program's matcher.
fn expected(repo: &MemRepo, words: &[&str]) -> Vec<u64> {
    use unicode_normalization::UnicodeNormalization;
    let plain = |s: &str| -> String {
        s.nfd()
            .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
            .map(|c| match c {
                'đ' => 'd',
                'Đ' => 'D',
                c => c,
            })
            .collect::<String>()
            .to_lowercase()
    };
    repo.board
        .tasks
        .values()
        .filter(|t| {
            let mut hay = format!("{} {} {}", t.title, t.description, t.output);
            for code in std::iter::once(&t.lead).chain(&t.support) {
                hay.push(' ');
                hay.push_str(code);
                hay.push(' ');
                hay.push_str(&repo.board.unit(code).unwrap().name);
            }
            let hay = plain(&hay);
            words.iter().all(|w| hay.contains(&plain(w)))
        })
        .map(|t| t.id)
        .collect()
}

#[test]
fn typing_a_search_filters_the_board_live_and_highlights() {
    let (mut a, mut repo) = setup();
    type_bytes(&mut a, &mut repo, b"/tuyen truyen");
    assert!(matches!(a.overlay(), Some(Overlay::Search(_))));
    let want = expected(&repo, &["tuyên", "truyền"]);
    assert!(want.len() > 5, "the sample has several propaganda tasks");
    assert_eq!(shown_ids(&a), want);
    // Matched parts are highlighted in the titles on screen.
    let buf = render(&mut a, &mut repo, 160, 48, &Theme::default());
    let screen = text(&buf);
    let (y, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Tuyên truyền"))
        .expect("a match on screen");
    let x =
        unicode_width::UnicodeWidthStr::width(&line[..line.find("Tuyên truyền").unwrap()]) as u16;
    let selected = a.selected_id();
    let cell = &buf[(x, y as u16)];
    assert!(
        cell.fg == Color::Yellow || selected.is_some(),
        "highlighted: {cell:?}"
    );
    // Enter keeps the filter and returns to navigation.
    type_bytes(&mut a, &mut repo, b"\r");
    assert!(a.overlay().is_none());
    assert_eq!(shown_ids(&a), want);
    type_bytes(&mut a, &mut repo, b"j");
    assert!(want.contains(&a.selected_id().unwrap()));
    // Esc clears it.
    type_bytes(&mut a, &mut repo, b"\x1b");
    assert_eq!(shown_ids(&a).len(), 50);
}

#[test]
fn examples_from_the_users() {
    let (mut a, mut repo) = setup();
    for (query, words) in [
        ("dat dai", vec!["đất", "đai"]),
        ("ho ngheo", vec!["hộ", "nghèo"]),
        ("HOA GIAI", vec!["hòa", "giải"]),
        ("THU TUC HANH CHINH", vec!["thủ", "tục", "hành", "chính"]),
        ("tiếp dân", vec!["tiếp", "dân"]),
        // A decomposed query finds composed text.
        ("tie\u{0302}\u{0301}p da\u{0302}n", vec!["tiếp", "dân"]),
    ] {
        type_bytes(&mut a, &mut repo, format!("/\x15{query}\r").as_bytes());
        assert_eq!(shown_ids(&a), expected(&repo, &words), "{query}");
        assert!(
            !shown_ids(&a).is_empty(),
            "{query} finds something in the sample plan"
        );
    }
}

#[test]
fn markers_combine_with_words() {
    let (mut a, mut repo) = setup();
    let ctx = Ctx {
        now: NOW,
        author: "t".into(),
    };
    repo.apply(
        Command::Move {
            id: 9,
            status: Status::Doing,
        },
        &ctx,
    )
    .unwrap();
    type_bytes(&mut a, &mut repo, b"/@tp khieu nai\r");
    let got = shown_ids(&a);
    let want: Vec<u64> = expected(&repo, &["khiếu", "nại"])
        .into_iter()
        .filter(|id| repo.board.task(*id).unwrap().involves("tp"))
        .collect();
    assert_eq!(got, want);
    assert!(!got.is_empty());
    type_bytes(&mut a, &mut repo, b"/\x15status:dang\r");
    assert_eq!(shown_ids(&a), vec![9]);
    type_bytes(&mut a, &mut repo, b"/\x15#7 moi truong\r");
    let want: Vec<u64> = expected(&repo, &["môi", "trường"])
        .into_iter()
        .filter(|id| repo.board.task(*id).unwrap().area == 7.into())
        .collect();
    assert_eq!(shown_ids(&a), want);
}

#[test]
fn folded_text_is_computed_once_per_change_not_per_keystroke() {
    let (mut a, mut repo) = setup();
    type_bytes(&mut a, &mut repo, b"/t");
    let after_first = a.search_folds();
    assert_eq!(after_first, 50, "each task folded once");
    type_bytes(&mut a, &mut repo, b"uyen truyen phap luat\x7f\x7f");
    assert_eq!(a.search_folds(), after_first, "typing folds nothing again");
    let ctx = Ctx {
        now: NOW,
        author: "t".into(),
    };
    let id = shown_ids(&a)[0];
    repo.apply(
        Command::Move {
            id,
            status: Status::Doing,
        },
        &ctx,
    )
    .unwrap();
    type_bytes(&mut a, &mut repo, b"u");
    assert_eq!(
        a.search_folds(),
        after_first + 1,
        "only the changed task is folded again"
    );
}

#[test]
fn s_cycles_the_order_and_title_order_is_vietnamese() {
    let (mut a, mut repo) = setup();
    type_bytes(&mut a, &mut repo, b"gg"); // no lanes: one column of 50 titles
    type_bytes(&mut a, &mut repo, b"s");
    let col: Vec<String> = a.layout.lanes[0].cols[0]
        .iter()
        .map(|id| repo.board.task(*id).unwrap().title.clone())
        .collect();
    let mut want = col.clone();
    want.sort_by_key(|t| papi_board::domain::text::vi_sort_key(t));
    assert_eq!(col, want);
    // Code-point order would put "Đ…" after "Ư…"; Vietnamese order puts it after "D…".
    let first_dd = col.iter().position(|t| t.starts_with('Đ')).unwrap();
    let first_t = col.iter().position(|t| t.starts_with('T')).unwrap();
    assert!(first_dd < first_t);
    let screen = text(&render(&mut a, &mut repo, 80, 24, &Theme::default()));
    assert!(screen.contains("xếp theo tên"), "{screen}");
    type_bytes(&mut a, &mut repo, b"ss");
    assert!(!text(&render(&mut a, &mut repo, 80, 24, &Theme::default())).contains("xếp theo"));
}

#[test]
fn list_search_uses_the_same_matcher_and_markers() {
    let db = TempDb::new();
    let ids = |args: &[&str]| -> Vec<u64> {
        let v = db.json(args);
        v.as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_u64().unwrap())
            .collect()
    };
    let repo = MemRepo::sample(NOW);
    assert_eq!(
        ids(&["list", "--json", "--search", "tuyen truyen"]),
        expected(&repo, &["tuyên", "truyền"])
    );
    assert_eq!(
        ids(&["list", "--json", "--search", "HO NGHEO"]),
        expected(&repo, &["hộ", "nghèo"])
    );
    let dc: Vec<u64> = expected(&repo, &["đất"])
        .into_iter()
        .filter(|id| repo.board.task(*id).unwrap().involves("dc"))
        .collect();
    assert_eq!(ids(&["list", "--json", "--search", "@dia dat"]), dc);
    assert!(
        ids(&[
            "list",
            "--json",
            "--search",
            "!quahan",
            "--today",
            "2025-07-01"
        ])
        .is_empty(),
        "the sample has no dated tasks"
    );
}
