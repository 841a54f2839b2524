//! One source of truth: the overview on screen, `status --json` and
//! `list --json` give the same figures for the same database and date —
//! on the default board as shipped, and after some work — for two dates.

mod common;

use common::TempDb;
use common::screen::{app, render, text};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use papi_board::app::Event;
use papi_board::app::memory::MemRepo;
use papi_board::domain::Lang;
use papi_board::domain::board::{Board, Ctx};
use papi_board::domain::command::Command;
use papi_board::domain::deadline::DueKind;
use papi_board::domain::task::{Due, Status};
use papi_board::store::Store;
use papi_board::ui::theme::Theme;
use serde_json::Value;

const CLASSES: [&str; 4] = ["done_on_time", "done_late", "open_on_time", "open_overdue"];

/// One row of the overview: its label and [total, four classes].
type Row = (String, [usize; 5]);

/// Draw the overview of `board` as of `today` at 160×48 and read its table.
fn overview_rows(board: &Board, today: &str) -> (Vec<Row>, String) {
    let mut repo = MemRepo::new(board.clone());
    let mut a = app(Lang::Vi);
    a.today = chrono::NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
    render(&mut a, &mut repo, 160, 48, &Theme::default());
    a.update(
        Event::Key(KeyEvent::new(KeyCode::Char('2'), KeyModifiers::NONE)),
        &mut repo,
    );
    let screen = text(&render(&mut a, &mut repo, 160, 48, &Theme::default()));
    let mut rows = Vec::new();
    for line in screen.lines().skip(4) {
        let nums: Vec<usize> = line
            .split_whitespace()
            .filter_map(|t| t.parse().ok())
            .collect();
        if nums.len() < 5 {
            continue;
        }
        let label = line.split_whitespace().next().unwrap().to_string();
        rows.push((label, [nums[0], nums[1], nums[2], nums[3], nums[4]]));
    }
    (rows, screen)
}

fn counts(v: &Value) -> [usize; 5] {
    let n = |k: &str| v[k].as_u64().unwrap() as usize;
    [
        n("total"),
        n(CLASSES[0]),
        n(CLASSES[1]),
        n(CLASSES[2]),
        n(CLASSES[3]),
    ]
}

fn check(db: &TempDb, today: &str) {
    let status = db.json(&["status", "--json", "--today", today]);
    let list = db.json(&["list", "--json", "--today", today]);
    let list = list.as_array().unwrap();
    let store = Store::open(&db.path()).unwrap();
    let (rows, screen) = overview_rows(store.board(), today);
    drop(store);
    let row = |label: &str| {
        rows.iter()
            .find(|(l, _)| l == label)
            .unwrap_or_else(|| panic!("no row {label} on {today}:\n{screen}"))
            .1
    };
    // The whole board: overview "Cộng" = status = list.
    let from_list = |keep: &dyn Fn(&Value) -> bool| {
        let mine: Vec<&Value> = list.iter().filter(|t| keep(t)).collect();
        let mut c = [mine.len(), 0, 0, 0, 0];
        for (i, class) in CLASSES.iter().enumerate() {
            c[i + 1] = mine.iter().filter(|t| t["class"] == *class).count();
        }
        c
    };
    let total = [
        status["total"].as_u64().unwrap() as usize,
        status["by_class"][CLASSES[0]].as_u64().unwrap() as usize,
        status["by_class"][CLASSES[1]].as_u64().unwrap() as usize,
        status["by_class"][CLASSES[2]].as_u64().unwrap() as usize,
        status["by_class"][CLASSES[3]].as_u64().unwrap() as usize,
    ];
    assert_eq!(row("Cộng"), total, "overview vs status on {today}");
    assert_eq!(from_list(&|_| true), total, "list vs status on {today}");
    // Each dimension.
    for a in status["by_area"].as_array().unwrap() {
        let id = a["area"].as_u64().unwrap();
        let shown = row(&format!("{id}."));
        assert_eq!(shown, counts(a), "area {id} on {today}");
        assert_eq!(
            from_list(&|t: &Value| t["area"].as_u64() == Some(id)),
            shown,
            "area {id} list on {today}"
        );
    }
    // Each lead unit with tasks (the overview, like `status`, skips empty ones).
    let mut units_shown = 0;
    for u in status["by_unit"].as_array().unwrap() {
        let code = u["unit"].as_str().unwrap();
        if u["total"] == 0 {
            assert!(rows.iter().all(|(l, _)| l != code), "{code} has no tasks");
            continue;
        }
        units_shown += 1;
        assert_eq!(row(code), counts(u), "unit {code} on {today}");
        assert_eq!(
            from_list(&|t: &Value| t["lead_unit"] == code),
            counts(u),
            "unit {code} list on {today}"
        );
    }
    assert!(units_shown > 0);
    // The most overdue tasks, in the same order.
    let overdue: Vec<u64> = status["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_u64().unwrap())
        .collect();
    assert!(
        screen.contains(&format!("Quá hạn lâu nhất ({})", overdue.len())),
        "{screen}"
    );
    let listed: Vec<u64> = screen
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix('#'))
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    assert_eq!(
        listed,
        overdue.iter().take(10).copied().collect::<Vec<_>>(),
        "on {today}"
    );
    assert!(
        screen.lines().next().unwrap().ends_with(
            &chrono::NaiveDate::parse_from_str(today, "%Y-%m-%d")
                .unwrap()
                .format("%d/%m/%Y")
                .to_string()
        )
    );
}

#[test]
fn overview_status_and_list_agree_on_the_default_board() {
    let db = TempDb::new();
    for today in ["2025-07-01", "2026-01-15"] {
        check(&db, today);
    }
}

#[test]
fn overview_status_and_list_agree_after_some_work() {
    let db = TempDb::new();
    db.stdout(&["status"]); // creates the default board
    {
        let mut store = Store::open(&db.path()).unwrap();
        let at = |date: &str| {
            chrono::DateTime::parse_from_rfc3339(&format!("{date}T09:00:00+07:00"))
                .unwrap()
                .timestamp_millis()
        };
        let ctx = |ms| Ctx {
            now: ms,
            author: "test".into(),
        };
        let mut dated = |id: u64, date: &str| {
            let mut t = store.board().task(id).unwrap().clone();
            t.due = Due {
                kind: Some(DueKind::Before),
                date: chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
                text: Some(format!("Trước {date}")),
            };
            store
                .apply(Command::PutTask(t), &ctx(at("2025-05-01")))
                .unwrap();
        };
        // Deadlines that pass between the two dates, and before both.
        for (id, date) in [
            (2, "2025-06-30"),
            (5, "2025-03-31"),
            (8, "2025-09-30"),
            (12, "2025-12-31"),
            (18, "2025-06-30"),
            (22, "2026-03-31"),
            (30, "2025-12-15"),
            (41, "2025-08-20"),
        ] {
            dated(id, date);
        }
        let mut moved = |id: u64, s: Status, when: &str| {
            store
                .apply(Command::Move { id, status: s }, &ctx(at(when)))
                .unwrap();
        };
        moved(5, Status::Done, "2025-04-15"); // done late
        moved(18, Status::Done, "2025-06-20"); // done on time
        moved(8, Status::Blocked, "2025-05-02");
        moved(2, Status::Doing, "2025-05-02");
        moved(40, Status::Done, "2025-05-02"); // ongoing, done
    }
    for today in ["2025-07-01", "2026-01-15"] {
        check(&db, today);
    }
    // The dates really differ in what they show.
    let a = db.json(&["status", "--json", "--today", "2025-07-01"]);
    let b = db.json(&["status", "--json", "--today", "2026-01-15"]);
    assert_eq!(a["by_class"]["open_overdue"], 1);
    assert_eq!(b["by_class"]["open_overdue"], 5);
    assert_eq!(a["by_class"]["done_late"], 1);
}
