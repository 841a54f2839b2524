//! Board benchmarks (`cargo bench --bench board`): one frame of the board
//! at 80×24 and 200×50 with 1k, 20k and 100k tasks (navigation key + draw,
//! and a full layout rebuild + draw); opening a 20k-task database on disk to
//! its first frame; a keystroke in quick-add and in the form, from key to
//! drawn frame, at 20k tasks. Prints median and 99th percentile.

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use papi_board::app::keys::{Action, Keymap};
use papi_board::app::memory::MemRepo;
use papi_board::app::{App, Clock, Event, Options, Repo};
use papi_board::domain::Lang;
use papi_board::domain::board::{Board, BoardMeta, Ctx};
use papi_board::domain::command::Command;
use papi_board::domain::unit::plan_preset;
use papi_board::store::Store;
use papi_board::transfer::generate::generate;
use papi_board::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const NOW: i64 = 1_748_710_800_000;

fn app() -> App {
    App::new(Options {
        lang: Lang::Vi,
        today: chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(),
        author: "bench".into(),
        clock: Clock::Fixed(NOW),
        mouse: false,
        keymap: Keymap::default(),
    })
}

fn repo(n: usize) -> MemRepo {
    let units = plan_preset();
    let mut board = Board::new(
        BoardMeta {
            year: 2025,
            ..Default::default()
        },
        units.clone(),
    );
    for t in generate(n, 7, 2025, &units, NOW) {
        board.next_id = board.next_id.max(t.id + 1);
        board.tasks.insert(t.id, t);
    }
    MemRepo::new(board)
}

fn stats(mut v: Vec<Duration>) -> (f64, f64) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (
        ms(v[v.len() / 2]),
        ms(v[(v.len() * 99 / 100).min(v.len() - 1)]),
    )
}

fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::empty()))
}

fn row(name: &str, v: Vec<Duration>) {
    let (med, p99) = stats(v);
    println!("| {name:<52} | {med:>8.3} | {p99:>8.3} |");
}

fn main() {
    let theme = Theme::default();
    println!("| benchmark | median ms | p99 ms |\n|---|---:|---:|");
    for n in [1_000usize, 20_000, 100_000] {
        let mut r = repo(n);
        for (w, h) in [(80u16, 24u16), (200, 50)] {
            let mut a = app();
            let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
            a.update(Event::Resize(w, h), &mut r);
            term.draw(|f| papi_board::ui::draw(f, &a, &r.board, &theme))
                .unwrap();
            // Navigation: a key, then the frame.
            let mut nav = Vec::new();
            for i in 0..400 {
                let t = Instant::now();
                let code = if (i / 50) % 2 == 0 {
                    KeyCode::Down
                } else {
                    KeyCode::Up
                };
                a.update(key(code), &mut r);
                term.draw(|f| papi_board::ui::draw(f, &a, &r.board, &theme))
                    .unwrap();
                nav.push(t.elapsed());
            }
            row(
                &format!("board frame, navigation key, {n} tasks, {w}x{h}"),
                nav,
            );
            // Full rebuild: the grouping changes, lanes are built again.
            let mut full = Vec::new();
            for _ in 0..30 {
                let t = Instant::now();
                a.act(Action::CycleGrouping, &mut r);
                a.sync(r.board(), r.revision());
                term.draw(|f| papi_board::ui::draw(f, &a, &r.board, &theme))
                    .unwrap();
                full.push(t.elapsed());
            }
            row(
                &format!("board frame, lanes rebuilt, {n} tasks, {w}x{h}"),
                full,
            );
        }
        // Moving a card: the command, the rebuild, the frame (in memory).
        let mut a = app();
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        a.update(Event::Resize(80, 24), &mut r);
        let mut mv = Vec::new();
        for i in 0..60 {
            let t = Instant::now();
            let c = if i % 2 == 0 { 'L' } else { 'H' };
            a.update(
                Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT)),
                &mut r,
            );
            term.draw(|f| papi_board::ui::draw(f, &a, &r.board, &theme))
                .unwrap();
            mv.push(t.elapsed());
        }
        row(
            &format!("move a card (in memory) + frame, {n} tasks, 80x24"),
            mv,
        );
    }

    // Keystrokes in quick-add and in the form at 20k tasks.
    let mut r = repo(20_000);
    let mut a = app();
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    a.update(Event::Resize(80, 24), &mut r);
    a.update(key(KeyCode::Char('a')), &mut r);
    let text: Vec<char> = "Họp dân thôn Đông về quy chế dân chủ @thon +tp #1 !30/6/2025 "
        .chars()
        .collect();
    let mut qa = Vec::new();
    for i in 0..600 {
        let t = Instant::now();
        if i % text.len() == text.len() - 1 {
            a.update(
                Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
                &mut r,
            );
        } else {
            a.update(key(KeyCode::Char(text[i % text.len()])), &mut r);
        }
        term.draw(|f| papi_board::ui::draw(f, &a, &r.board, &theme))
            .unwrap();
        qa.push(t.elapsed());
    }
    row("quick-add keystroke -> frame, 20000 tasks, 80x24", qa);
    a.update(key(KeyCode::Esc), &mut r);
    a.update(key(KeyCode::Char('e')), &mut r);
    let mut form = Vec::new();
    for i in 0..600 {
        let t = Instant::now();
        if i % 40 == 39 {
            a.update(
                Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
                &mut r,
            );
        } else {
            a.update(key(KeyCode::Char(text[i % text.len()])), &mut r);
        }
        term.draw(|f| papi_board::ui::draw(f, &a, &r.board, &theme))
            .unwrap();
        form.push(t.elapsed());
    }
    row("form keystroke -> frame, 20000 tasks, 80x24", form);

    // Search at 100k tasks: the first keystroke folds every task once; the
    // following ones (typing and backspace) search the folded text.
    let mut r = repo(100_000);
    let mut a = app();
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    a.update(Event::Resize(80, 24), &mut r);
    a.update(key(KeyCode::Char('/')), &mut r);
    let t = Instant::now();
    a.update(key(KeyCode::Char('t')), &mut r);
    term.draw(|f| papi_board::ui::draw(f, &a, &r.board, &theme))
        .unwrap();
    row(
        "search: first keystroke (folds 100000 tasks once)",
        vec![t.elapsed()],
    );
    let mut typing = Vec::new();
    let mut back = Vec::new();
    let queries = [
        "tuyen truyen phap",
        "ho ngheo thon dong",
        "dich vu cong truc tuyen",
        "rac thai tai nguon",
    ];
    for round in 0..12 {
        // A fresh search each round: nothing remembered from the last one.
        a.update(key(KeyCode::Esc), &mut r);
        a.update(key(KeyCode::Char('/')), &mut r);
        let q = queries[round % queries.len()];
        for c in q.chars() {
            let t = Instant::now();
            a.update(key(KeyCode::Char(c)), &mut r);
            term.draw(|f| papi_board::ui::draw(f, &a, &r.board, &theme))
                .unwrap();
            typing.push(t.elapsed());
        }
        for _ in 0..q.chars().count() {
            let t = Instant::now();
            a.update(key(KeyCode::Backspace), &mut r);
            term.draw(|f| papi_board::ui::draw(f, &a, &r.board, &theme))
                .unwrap();
            back.push(t.elapsed());
        }
    }
    row(
        "search keystroke (typing a fresh query), 100000 tasks",
        typing,
    );
    row(
        "search keystroke (backspace after typing), 100000 tasks",
        back,
    );
    // The raw cost of one pass over all folded text (no narrowing, no memo).
    let mut index = papi_board::app::search::SearchIndex::default();
    index.refresh(&r.board, 0, &|_| None);
    let today = chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
    let mut scan = Vec::new();
    for q in queries.iter().cycle().take(40) {
        let q = papi_board::domain::search::parse_query(q, &r.board);
        let t = Instant::now();
        let found = index.find(&q, &r.board, today, None);
        scan.push(t.elapsed());
        assert!(found.len() < 100_000);
    }
    row("search: one full pass over 100000 folded texts", scan);

    // Opening a 20k-task database on disk to its first frame.
    let dir = std::env::temp_dir().join(format!("papi-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    {
        let mut s = Store::open(&dir).unwrap();
        let units = plan_preset();
        let cmds = generate(20_000, 7, 2025, &units, NOW)
            .into_iter()
            .map(Command::AddTask)
            .collect();
        s.seed(
            BoardMeta {
                year: 2025,
                ..Default::default()
            },
            units,
            cmds,
            &Ctx {
                now: NOW,
                author: "bench".into(),
            },
        )
        .unwrap();
    }
    let mut open = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        let mut s = Store::open(&dir).unwrap();
        let mut a = app();
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        a.update(Event::Resize(80, 24), &mut s);
        term.draw(|f| papi_board::ui::draw(f, &a, s.board(), &theme))
            .unwrap();
        open.push(t.elapsed());
        drop(s);
    }
    row("open 20000-task sled database -> first frame, 80x24", open);
    // A card move saved to disk (transaction + flush) + frame.
    let mut s = Store::open(&dir).unwrap();
    let mut a = app();
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    a.update(Event::Resize(80, 24), &mut s);
    let mut saved = Vec::new();
    for i in 0..40 {
        let t = Instant::now();
        let c = if i % 2 == 0 { 'L' } else { 'H' };
        a.update(
            Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT)),
            &mut s,
        );
        term.draw(|f| papi_board::ui::draw(f, &a, s.board(), &theme))
            .unwrap();
        saved.push(t.elapsed());
    }
    row(
        "move a card saved to disk (flush) + frame, 20000 tasks",
        saved,
    );
    drop(s);
    let _ = std::fs::remove_dir_all(&dir);
}
