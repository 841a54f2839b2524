//! The digests the database makes while it loads the board, so that the
//! first summary view of a session only counts: on a real sled
//! database they equal reading the board, and the first view opened after
//! changes — none, a few, more than the change log remembers, a new unit —
//! shows the same figures as counting the board afresh.

mod common;

use common::screen::{NOW, app};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use papi_board::app::views::Cache;
use papi_board::app::{App, Event, View};
use papi_board::domain::Lang;
use papi_board::domain::area::AreaId;
use papi_board::domain::board::{BoardMeta, Ctx};
use papi_board::domain::command::Command;
use papi_board::domain::digest::Digests;
use papi_board::domain::report::summarize;
use papi_board::domain::task::{Due, Status, Task};
use papi_board::domain::unit::{Unit, UnitCode, plan_preset};
use papi_board::store::Store;
use papi_board::transfer::generate::generate;

const TASKS: usize = 600;

fn ctx(now: i64) -> Ctx {
    Ctx {
        now,
        author: "test".into(),
    }
}

/// A database holding `TASKS` generated tasks, closed.
fn database() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let units = plan_preset();
    let tasks = generate(TASKS, 3, 2025, &units, NOW)
        .into_iter()
        .map(Command::AddTask)
        .collect();
    let meta = BoardMeta {
        year: 2025,
        ..BoardMeta::default()
    };
    store.seed(meta, units, tasks, &ctx(NOW)).unwrap();
    dir
}

fn press(a: &mut App, store: &mut Store, c: char) {
    let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    a.update(Event::Key(key), store);
}

/// The figures of the view shown equal counting the board afresh.
fn assert_fresh(a: &App, store: &Store, what: &str) {
    let board = store.board();
    let fresh = summarize(board.tasks.values().map(|t| &**t), &board.units, a.today);
    let cache = a.views.cache().expect("a summary view is shown");
    assert_eq!(cache.summary, fresh, "{what}");
    let built = Cache::build(board, a.today);
    assert_eq!(cache.overview, built.overview, "{what}");
    assert_eq!(cache.agenda, built.agenda, "{what}");
}

#[test]
fn the_database_digests_every_task_as_it_loads() {
    let dir = database();
    let store = Store::open(dir.path()).unwrap();
    let loaded = store.digests().expect("digests made while loading");
    assert_eq!(loaded.revision, store.revision());
    assert_eq!(loaded.list().len(), TASKS);
    assert_eq!(*loaded, Digests::full(store.board(), store.revision()));
}

#[test]
fn the_first_view_after_changes_counts_as_afresh() {
    let dir = database();
    let units: Vec<UnitCode> = plan_preset().into_iter().map(|u| u.code).collect();
    let mut seed = 11u64;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    // None; a few; more than the change log keeps (256); a unit added
    // (the log forgets); then a few again after all of those.
    for (round, changes) in [0usize, 9, 300, 1, 5].into_iter().enumerate() {
        let mut store = Store::open(dir.path()).unwrap();
        let before = store.revision();
        for step in 0..changes {
            let ids: Vec<u64> = store.board().tasks.keys().copied().collect();
            let id = ids[next(ids.len() as u64) as usize];
            let cmd = match (round, next(5)) {
                (3, _) => Command::PutUnit(Unit::new("moi", "Đơn vị mới")),
                (_, 0) => Command::Move {
                    id,
                    status: Status::ALL[next(4) as usize],
                },
                (_, 1) => Command::SetProgress {
                    id,
                    progress: next(101) as u8,
                },
                (_, 2) => Command::DeleteTask(id),
                (_, 3) => {
                    let mut t = Task::new("Việc mới", next(9) as u8, "tp");
                    t.due = Due::none();
                    Command::AddTask(t)
                }
                _ => {
                    let mut t = store.board().task(id).unwrap().clone();
                    t.due = Due::ongoing();
                    t.area = AreaId::from(next(9) as u8);
                    t.lead = units[next(units.len() as u64) as usize].clone();
                    Command::PutTask(t)
                }
            };
            store
                .apply(cmd, &ctx(NOW + (round * 1000 + step) as i64))
                .unwrap();
        }
        assert_eq!(store.revision(), before + changes as u64);
        // A new session: the board first, then each summary view.
        let mut a = app(Lang::Vi);
        a.update(Event::Resize(80, 24), &mut store);
        for (c, view) in [
            ('2', View::Overview),
            ('3', View::Matrix),
            ('4', View::Deadlines),
        ] {
            press(&mut a, &mut store, c);
            assert_eq!(a.view, view);
            assert_fresh(
                &a,
                &store,
                &format!("round {round}, {changes} changes, {c}"),
            );
        }
        // And a change made while a view is shown.
        let id = *store.board().tasks.keys().next().unwrap();
        store
            .apply(Command::SetProgress { id, progress: 37 }, &ctx(NOW))
            .unwrap();
        a.update(Event::DataChanged, &mut store);
        assert_fresh(&a, &store, &format!("round {round}, then one more"));
    }
}

/// Apply `cmd` and tell the session, which shows a summary view.
fn change(a: &mut App, store: &mut Store, cmd: Command) -> Result<(), String> {
    let applied = store.apply(cmd, &ctx(NOW)).map(|_| ());
    a.update(Event::DataChanged, store);
    applied.map_err(|e| e.message(Lang::En))
}

#[test]
fn unit_changes_board_switches_and_restores_are_patched_not_reread() {
    let dir = database();
    let mut store = Store::open(dir.path()).unwrap();
    let mut a = app(Lang::Vi);
    a.update(Event::Resize(80, 24), &mut store);
    press(&mut a, &mut store, '2');
    assert_fresh(&a, &store, "opened");
    assert_eq!(
        a.views.reads(),
        0,
        "the digests made while loading are taken"
    );

    // A unit added, a task given to it, a unit renamed (same code).
    change(
        &mut a,
        &mut store,
        Command::PutUnit(Unit::new("moi", "Mới")),
    )
    .unwrap();
    assert_fresh(&a, &store, "unit added");
    let id = *store.board().tasks.keys().nth(7).unwrap();
    let mut t = store.board().task(id).unwrap().clone();
    let lead = t.lead.clone();
    t.lead = "moi".into();
    change(&mut a, &mut store, Command::PutTask(t.clone())).unwrap();
    assert_fresh(&a, &store, "a task led by the new unit");
    change(
        &mut a,
        &mut store,
        Command::PutUnit(Unit::new("vp", "Tên mới")),
    )
    .unwrap();
    assert_fresh(&a, &store, "unit renamed");
    // Removing a unit a task leads is refused and changes nothing.
    let refused = change(&mut a, &mut store, Command::RemoveUnit("moi".into()));
    assert!(refused.is_err(), "{refused:?}");
    assert_fresh(&a, &store, "removal refused");
    // Once no task names it, it goes; a unit before another goes too (the
    // later unit's index moves), then comes back at the end by undo.
    t.lead = lead;
    change(&mut a, &mut store, Command::PutTask(t)).unwrap();
    change(&mut a, &mut store, Command::RemoveUnit("moi".into())).unwrap();
    assert_fresh(&a, &store, "unit removed");
    for code in ["zz0", "zz1"] {
        change(
            &mut a,
            &mut store,
            Command::PutUnit(Unit::new(code, "Chưa dùng")),
        )
        .unwrap();
    }
    change(&mut a, &mut store, Command::RemoveUnit("zz0".into())).unwrap();
    assert_fresh(&a, &store, "a unit before another removed");
    store.undo(&ctx(NOW)).unwrap();
    a.update(Event::DataChanged, &mut store);
    assert_eq!(store.board().units.last().unwrap().code, "zz0");
    assert_fresh(&a, &store, "removal undone");
    assert_eq!(a.views.reads(), 0, "no unit change read every task again");

    // Next year's plan made and opened, then this one opened again: each
    // time the digests made while loading are taken.
    store.rollover(2026, &ctx(NOW), false).unwrap();
    a.board_switched(Ok(()), &store);
    assert_eq!(store.board().meta.year, 2026);
    assert_fresh(&a, &store, "rolled over");
    store.switch_board(1).unwrap();
    a.board_switched(Ok(()), &store);
    assert_eq!(store.board().meta.year, 2025);
    assert_fresh(&a, &store, "switched back");
    assert_eq!(a.views.reads(), 0, "no board switch read every task again");

    // A backup restored into a new database: its first view only counts.
    let mut backup = Vec::new();
    store.write_backup(&mut backup).unwrap();
    drop(store);
    let other = tempfile::tempdir().unwrap();
    let mut restored = Store::open(other.path()).unwrap();
    restored.restore_backup(&backup[..]).unwrap();
    let mut b = app(Lang::Vi);
    b.update(Event::Resize(80, 24), &mut restored);
    press(&mut b, &mut restored, '3');
    assert_fresh(&b, &restored, "restored");
    assert_eq!(b.views.reads(), 0, "the restore's digests are taken");
}
