//! Summary views at 100,000 tasks: for each of the overview, the matrix and
//! the deadlines, the time to aggregate the board (the one `summarize`) and
//! draw one frame, at 80×24 and 200×50. The budget is 20 ms per view.
//!
//! Run: `cargo bench --bench views` (optionally `-- N RUNS` to change the
//! task count and the number of runs). Prints median and p99 per view.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use papi_board::app::keys::Keymap;
use papi_board::app::memory::MemRepo;
use papi_board::app::{App, Clock, Event, Options, Repo, View};
use papi_board::domain::Lang;
use papi_board::domain::board::{Board, BoardMeta, Ctx};
use papi_board::domain::command::Command;
use papi_board::domain::unit::plan_preset;
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
                    area,
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

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
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
        "{:<10} {:>8} | {:>10} {:>10} | {:>10} {:>10} | {:>10} {:>10} | {:>9}",
        "view",
        "size",
        "aggr med",
        "aggr p99",
        "draw med",
        "draw p99",
        "total med",
        "total p99",
        "budget"
    );
    let theme = Theme::default();
    let mut worst = Duration::ZERO;
    for (view, name) in [
        (View::Overview, "overview"),
        (View::Matrix, "matrix"),
        (View::Deadlines, "deadlines"),
    ] {
        for (w, h) in [(80u16, 24u16), (200, 50)] {
            let mut a = app();
            a.update(Event::Resize(w, h), &mut repo);
            a.view = view;
            let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
            let (mut aggr, mut draw, mut total) = (Vec::new(), Vec::new(), Vec::new());
            for _ in 0..runs {
                let t0 = Instant::now();
                a.views.invalidate();
                a.sync(repo.board(), repo.revision());
                let t1 = Instant::now();
                term.draw(|f| papi_board::ui::draw(f, &a, &repo.board, &theme))
                    .unwrap();
                let t2 = Instant::now();
                aggr.push(t1 - t0);
                draw.push(t2 - t1);
                total.push(t2 - t0);
            }
            let (am, ap) = stats(aggr);
            let (dm, dp) = stats(draw);
            let (tm, tp) = stats(total);
            worst = worst.max(tp);
            println!(
                "{:<10} {:>8} | {:>10.2} {:>10.2} | {:>10.2} {:>10.2} | {:>10.2} {:>10.2} | {:>9}",
                name,
                format!("{w}x{h}"),
                ms(am),
                ms(ap),
                ms(dm),
                ms(dp),
                ms(tm),
                ms(tp),
                if tp <= BUDGET { "ok" } else { "OVER" }
            );
        }
    }
    println!("(times in ms; aggregation = summarize + view rows, once per change of data or date)");
    println!("worst p99: {:.2} ms", ms(worst));
}
