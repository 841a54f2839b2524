//! Summary views at 100,000 tasks: for each of the overview, the matrix and
//! the deadlines, the time to aggregate the board (the one `summarize`) and
//! draw one frame, at 80×24 and 200×50. The budget is 20 ms per view.
//!
//! Cases:
//! - `first`: the first open in a session — a repo just made (digesting
//!   every task, as the database does while loading), a new `App` showing
//!   the board, the processor's caches then flushed (the user looks at the
//!   board before pressing a key), and the key `2`, `3` or `4` pressed and
//!   the view drawn;
//! - `reread`: every task read again — after a change the repo cannot name
//!   (over 2,000 tasks, a gap in its change log);
//! - `change`: one task changed, then the view brought up to date and drawn;
//! - `unit`: a unit added, renamed or removed (in turn) through the repo,
//!   then the view brought up to date — the digests' unit indexes remapped,
//!   no task read — and drawn.
//!
//! Run: `cargo bench --bench views` (optionally `-- N RUNS` to change the
//! task count and the number of runs). Prints median and p99 per view.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use papi_board::app::keys::Keymap;
use papi_board::app::memory::MemRepo;
use papi_board::app::{App, Clock, Event, Options, Repo, View};
use papi_board::domain::Lang;
use papi_board::domain::board::{Board, BoardMeta, Ctx};
use papi_board::domain::command::Command;
use papi_board::domain::unit::{Unit, plan_preset};
use papi_board::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// 2025-06-01T00:00:00+07:00.
const NOW: i64 = 1_748_710_800_000;
const BUDGET: Duration = Duration::from_millis(20);

fn board(n: usize) -> MemRepo {
    let units = plan_preset();
    let tasks = papi_board::transfer::generate::generate(n, 1, 2025, &units, NOW);
    let mut board = Board::new(
        BoardMeta {
            year: 2025,
            commune: "Mẫu".into(),
            number: "01/KH-UBND".into(),
            ..BoardMeta::default()
        },
        units,
    );
    let ctx = Ctx {
        now: NOW,
        author: "bench".into(),
    };
    board
        .apply(
            Command::Batch(tasks.into_iter().map(Command::AddTask).collect()),
            &ctx,
        )
        .expect("generated tasks apply");
    // Some recorded scores, so the overview draws its score column.
    for (area, score) in [(1, 512), (2, 480), (8, 305)] {
        board
            .apply(
                Command::SetScore {
                    year: 2024,
                    area: area.into(),
                    score: Some(score),
                },
                &ctx,
            )
            .expect("score applies");
    }
    MemRepo::new(board)
}

fn app() -> App {
    App::new(Options {
        lang: Lang::Vi,
        today: NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(),
        author: "bench".into(),
        clock: Clock::Fixed(NOW),
        mouse: false,
        keymap: Keymap::default(),
    })
}

/// CPU time of this thread: the work itself, without the time the
/// scheduler gave to other processes (the machine is shared).
fn cpu_now() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Write over a buffer four times the size of the last-level cache, so
/// what the next step reads comes from memory, as after a pause.
fn flush_caches(buf: &mut [u8], round: usize) {
    buf.fill(round as u8);
    std::hint::black_box(&buf);
}

/// Median and p99 (nearest rank) of the samples.
fn stats(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort();
    let rank = |p: f64| v[((p * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1];
    (rank(0.5), rank(0.99))
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let runs: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(30);
    let t = Instant::now();
    let mut repo = board(n);
    println!(
        "summary views: {n} tasks (built in {:.0} ms), {runs} runs each, budget {} ms",
        ms(t.elapsed()),
        BUDGET.as_millis()
    );
    println!(
        "{:<10} {:<6} {:>7} | {:>8} {:>8} | {:>8} {:>8} | {:>8} {:>8} | {:>8} {:>8} | {:>6}",
        "view",
        "case",
        "size",
        "aggr med",
        "aggr p99",
        "draw med",
        "draw p99",
        "wall med",
        "wall p99",
        "cpu med",
        "cpu p99",
        "budget"
    );
    let theme = Theme::default();
    let mut worst = Duration::ZERO;
    let ctx = Ctx {
        now: NOW,
        author: "bench".into(),
    };
    let ids: Vec<u64> = repo.board.tasks.keys().copied().collect();
    let mut k = 0usize;
    let mut flush = vec![0u8; 64 << 20];
    for (view, name, digit) in [
        (View::Overview, "overview", '2'),
        (View::Matrix, "matrix", '3'),
        (View::Deadlines, "deadlines", '4'),
    ] {
        for case in ["first", "reread", "change", "unit"] {
            for (w, h) in [(80u16, 24u16), (200, 50)] {
                let mut a = app();
                a.update(Event::Resize(w, h), &mut repo);
                a.view = view;
                let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
                let mut samples: [Vec<Duration>; 4] = Default::default();
                // Built once before measuring, as when the view is first opened.
                let rev = repo.revision();
                a.views.sync_with(
                    &repo.board,
                    rev,
                    a.today,
                    view,
                    &|r| repo.task_changes_since(r),
                    &|| repo.digests(),
                );
                let reads0 = a.views.reads();
                for run in 0..runs {
                    if case == "first" {
                        // A freshly loaded repo (its digests made as it loads)
                        // and a new session showing the board.
                        repo = MemRepo::new(std::mem::take(&mut repo.board));
                        a = app();
                        a.update(Event::Resize(w, h), &mut repo);
                        term.draw(|f| papi_board::ui::draw(f, &a, &repo.board, &theme))
                            .unwrap();
                        assert_eq!(a.view, View::Board);
                        flush_caches(&mut flush, run);
                    } else if case == "reread" {
                        a.views.invalidate();
                    } else if case == "unit" {
                        // A new unit, then its name changed, then removed
                        // (no task leads it): the board as it was.
                        let code = "moi".to_string();
                        let cmd = match run % 3 {
                            0 => Command::PutUnit(Unit::new(&code, "Đơn vị mới")),
                            1 => Command::PutUnit(Unit::new(&code, &format!("Tên {run}"))),
                            _ => Command::RemoveUnit(code.into()),
                        };
                        repo.apply(cmd, &ctx).expect("unit change applies");
                    } else {
                        // One task changed (as by a key or another session): only
                        // its digest is read again, then everything is counted.
                        k = (k + 7919) % ids.len();
                        let cmd = Command::SetProgress {
                            id: ids[k],
                            progress: (k % 100) as u8,
                        };
                        repo.apply(cmd, &ctx).expect("progress applies");
                    }
                    let c0 = cpu_now();
                    let t0 = Instant::now();
                    if case == "first" {
                        // The key pressed: the App brings the view up to date.
                        let key = KeyEvent::new(KeyCode::Char(digit), KeyModifiers::NONE);
                        a.update(Event::Key(key), &mut repo);
                    } else {
                        // `reread`: the repo's digests are not offered, as when
                        // they cannot be brought up to date.
                        let (rev, today) = (repo.revision(), a.today);
                        let loaded = || {
                            if case == "reread" {
                                None
                            } else {
                                repo.digests()
                            }
                        };
                        a.views.sync_with(
                            &repo.board,
                            rev,
                            today,
                            view,
                            &|r| repo.task_changes_since(r),
                            &loaded,
                        );
                    }
                    let t1 = Instant::now();
                    term.draw(|f| papi_board::ui::draw(f, &a, &repo.board, &theme))
                        .unwrap();
                    let t2 = Instant::now();
                    samples[0].push(t1 - t0);
                    samples[1].push(t2 - t1);
                    samples[2].push(t2 - t0);
                    samples[3].push(cpu_now() - c0);
                    assert_eq!(a.view, view);
                    assert!(a.views.cache().is_some());
                }
                // Only `reread` reads every task again (each run); `first`
                // and `unit` take or patch digests.
                let reads = match case {
                    // A new App each run: its reads are its own.
                    "first" => a.views.reads(),
                    _ => a.views.reads() - reads0,
                };
                match case {
                    "reread" => assert_eq!(reads, runs as u64, "{case}"),
                    _ => assert_eq!(reads, 0, "{case}: no task read again"),
                }
                let [aggr, draw, wall, cpu] = samples.map(stats);
                worst = worst.max(wall.1);
                println!(
                    "{:<10} {:<6} {:>7} | {:>8.2} {:>8.2} | {:>8.2} {:>8.2} | {:>8.2} {:>8.2} | {:>8.2} {:>8.2} | {:>6}",
                    name,
                    case,
                    format!("{w}x{h}"),
                    ms(aggr.0),
                    ms(aggr.1),
                    ms(draw.0),
                    ms(draw.1),
                    ms(wall.0),
                    ms(wall.1),
                    ms(cpu.0),
                    ms(cpu.1),
                    if wall.1 <= BUDGET { "ok" } else { "OVER" }
                );
            }
        }
    }
    println!(
        "(ms; aggr = bringing the views' aggregation and rows up to date (first: the key \
         press); draw = one frame; wall = aggr + draw by the clock; cpu = the same in this \
         thread's CPU time)"
    );
    println!("worst wall p99: {:.2} ms", ms(worst));
    let mut load = String::new();
    if let Ok(l) = std::fs::read_to_string("/proc/loadavg") {
        load = l.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    }
    println!("load average while measuring: {load}");
}
