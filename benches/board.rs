//! Board benchmarks (`cargo bench --bench board`): one frame of the board
//! at 80×24 and 200×50 with 1k, 20k and 100k tasks (navigation key + draw,
//! and a full layout rebuild + draw); opening a 20k-task database on disk to
//! its first frame, after a clean close and after a crash (`-- disk`: only
//! these and the saved move); a keystroke in quick-add and in the form, from key to
//! drawn frame, at 20k tasks. Prints median and 99th percentile.

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use papi_board::app::keys::Keymap;
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
        board.tasks.insert(t.id, std::sync::Arc::new(t));
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

/// An app drawing into a test terminal: one event in, one frame out, timed.
struct Rig {
    app: App,
    term: Terminal<TestBackend>,
    theme: Theme,
}

impl Rig {
    fn new(repo: &mut dyn Repo, w: u16, h: u16) -> Rig {
        let mut app = app();
        app.update(Event::Resize(w, h), repo);
        Rig {
            app,
            term: Terminal::new(TestBackend::new(w, h)).unwrap(),
            theme: Theme::default(),
        }
    }

    fn draw(&mut self, board: &Board) {
        let (app, theme) = (&self.app, &self.theme);
        self.term
            .draw(|f| papi_board::ui::draw(f, app, board, theme))
            .unwrap();
    }

    /// Apply one event and draw the frame; how long it took.
    fn step(&mut self, repo: &mut dyn Repo, ev: Event) -> Duration {
        let t = Instant::now();
        self.app.update(ev, repo);
        let board = repo.board();
        let (app, theme) = (&self.app, &self.theme);
        self.term
            .draw(|f| papi_board::ui::draw(f, app, board, theme))
            .unwrap();
        t.elapsed()
    }
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn shifted(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT))
}

fn main() {
    println!("| benchmark | median ms | p99 ms |\n|---|---:|---:|");
    // `cargo bench --bench board -- disk`: only the database on disk.
    if std::env::args().skip(1).any(|a| a == "disk") {
        return on_disk();
    }
    in_memory();
    on_disk();
}

/// Frames, editing and search on an in-memory repo.
fn in_memory() {
    for n in [1_000usize, 20_000, 100_000] {
        let mut r = repo(n);
        for (w, h) in [(80u16, 24u16), (45, 30), (200, 50)] {
            let mut rig = Rig::new(&mut r, w, h);
            rig.draw(&r.board);
            // Navigation: a key, then the frame (down 50 cards, up 50, …).
            let nav = (0..400)
                .map(|i| {
                    rig.step(
                        &mut r,
                        key(if (i / 50) % 2 == 0 {
                            KeyCode::Down
                        } else {
                            KeyCode::Up
                        }),
                    )
                })
                .collect();
            row(
                &format!("board frame, navigation key, {n} tasks, {w}x{h}"),
                nav,
            );
            // Full rebuild: the grouping changes, lanes are built again.
            let full = (0..30)
                .map(|_| rig.step(&mut r, key(KeyCode::Char('g'))))
                .collect();
            row(
                &format!("board frame, lanes rebuilt, {n} tasks, {w}x{h}"),
                full,
            );
        }
        // Moving a card: the command, the lane patch, the frame (in memory).
        let mut rig = Rig::new(&mut r, 80, 24);
        let mv = (0..60)
            .map(|i| rig.step(&mut r, shifted(if i % 2 == 0 { 'L' } else { 'H' })))
            .collect();
        row(
            &format!("move a card (in memory) + frame, {n} tasks, 80x24"),
            mv,
        );
    }

    // Keystrokes in quick-add and in the form at 20k tasks (Ctrl+U now and
    // then so the line does not grow without end).
    let mut r = repo(20_000);
    let mut rig = Rig::new(&mut r, 80, 24);
    let text: Vec<char> = "Họp dân thôn Đông về quy chế dân chủ @thon +tp #1 !30/6/2025 "
        .chars()
        .collect();
    let typing = |rig: &mut Rig, r: &mut MemRepo| -> Vec<Duration> {
        (0..600)
            .map(|i| {
                let ev = if i % 40 == 39 {
                    ctrl('u')
                } else {
                    key(KeyCode::Char(text[i % text.len()]))
                };
                rig.step(r, ev)
            })
            .collect()
    };
    rig.step(&mut r, key(KeyCode::Char('a')));
    row(
        "quick-add keystroke -> frame, 20000 tasks, 80x24",
        typing(&mut rig, &mut r),
    );
    rig.step(&mut r, key(KeyCode::Esc));
    rig.step(&mut r, key(KeyCode::Char('e')));
    row(
        "form keystroke -> frame, 20000 tasks, 80x24",
        typing(&mut rig, &mut r),
    );

    // Search at 100k tasks: the first keystroke folds every task once; the
    // following ones search the folded text.
    let mut r = repo(100_000);
    let mut rig = Rig::new(&mut r, 80, 24);
    rig.step(&mut r, key(KeyCode::Char('/')));
    row(
        "search: first keystroke (folds 100000 tasks once)",
        vec![rig.step(&mut r, key(KeyCode::Char('t')))],
    );
    let (mut typing, mut back) = (Vec::new(), Vec::new());
    let queries = [
        "tuyen truyen phap",
        "ho ngheo thon dong",
        "dich vu cong truc tuyen",
        "rac thai tai nguon",
    ];
    for round in 0..12 {
        // A fresh search each round: nothing remembered from the last one.
        rig.step(&mut r, key(KeyCode::Esc));
        rig.step(&mut r, key(KeyCode::Char('/')));
        let q = queries[round % queries.len()];
        for c in q.chars() {
            typing.push(rig.step(&mut r, key(KeyCode::Char(c))));
        }
        for _ in q.chars() {
            back.push(rig.step(&mut r, key(KeyCode::Backspace)));
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
    let scan = queries
        .iter()
        .cycle()
        .take(40)
        .map(|q| {
            let q = papi_board::domain::search::parse_query(q, &r.board);
            let t = Instant::now();
            let found = index.find(&q, &r.board, today, None);
            assert!(found.len() < 100_000);
            t.elapsed()
        })
        .collect();
    row("search: one full pass over 100000 folded texts", scan);
}

/// Opening a database on disk, and a change saved to it.
fn on_disk() {
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
        let meta = BoardMeta {
            year: 2025,
            ..Default::default()
        };
        s.seed(
            meta,
            units,
            cmds,
            &Ctx {
                now: NOW,
                author: "bench".into(),
            },
        )
        .unwrap();
    }
    // Open to the first frame, ten times; `crashed`: without the
    // clean-close fingerprint, so the open checks a copy of the files first
    // (store::check, store::closed).
    let open = |crashed: bool| -> Vec<Duration> {
        (0..10)
            .map(|_| {
                if crashed {
                    std::fs::remove_file(dir.join(papi_board::store::closed::CLOSED)).unwrap();
                }
                let t = Instant::now();
                let mut s = Store::open(&dir).unwrap();
                let mut rig = Rig::new(&mut s, 80, 24);
                rig.draw(s.board());
                let took = t.elapsed();
                drop(s);
                took
            })
            .collect()
    };
    row(
        "open 20000-task sled database -> first frame, 80x24",
        open(false),
    );
    row(
        "open after a crash (copy checked first) -> first frame, 20000 tasks",
        open(true),
    );
    // A card move saved to disk (transaction + flush) + frame.
    let mut s = Store::open(&dir).unwrap();
    let mut rig = Rig::new(&mut s, 80, 24);
    let saved = (0..40)
        .map(|i| rig.step(&mut s, shifted(if i % 2 == 0 { 'L' } else { 'H' })))
        .collect();
    row(
        "move a card saved to disk (flush) + frame, 20000 tasks",
        saved,
    );
    drop(s);
    let _ = std::fs::remove_dir_all(&dir);
}
