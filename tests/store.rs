//! The store on a real sled directory: schema fixtures, the codec round
//! trip, undo and redo that survive a restart, refusals that change nothing.

mod common;

use papi_board::app::Repo;
use papi_board::domain::board::{BoardMeta, Ctx};
use papi_board::domain::command::Command;
use papi_board::domain::deadline::DueKind;
use papi_board::domain::task::{CheckItem, Due, Note, Problem, Status, Task};
use papi_board::domain::unit::plan_preset;
use papi_board::store::codec::{self, SCHEMA};
use papi_board::store::{Store, StoreError};
use proptest::prelude::*;

/// The task stored in `fixtures/task-v1.bin`, written by schema version 1.
fn fixture_task() -> Task {
    Task {
        id: 42,
        title: "Công khai danh sách hộ nghèo, cận nghèo".into(),
        description: "Niêm yết tại trụ sở UBND xã và nhà văn hóa các thôn.".into(),
        area: 2.into(),
        sub: Some("Công khai danh sách hộ nghèo".into()),
        lead: "vhxh".into(),
        support: vec!["thon".into(), "dtt".into()],
        status: Status::Done,
        due: Due {
            kind: Some(DueKind::Before),
            date: chrono::NaiveDate::from_ymd_opt(2025, 6, 30),
            text: Some("Trước 30/6/2025".into()),
        },
        progress: 100,
        output: "Biên bản niêm yết".into(),
        evidence: None,
        notes: vec![Note {
            at: 1_750_000_000_000,
            author: "cb.vhxh".into(),
            text: "Đã niêm yết ở 6 thôn".into(),
            result: false,
        }],
        checklist: vec![
            CheckItem {
                text: "Rà soát".into(),
                done: true,
            },
            CheckItem {
                text: "Niêm yết".into(),
                done: true,
            },
        ],
        created_at: 1_736_200_000_000,
        updated_at: 1_750_000_000_000,
        completed_at: Some(1_750_000_000_000),
        problems: Vec::new(),
        proposal: String::new(),
    }
}

#[test]
fn version_1_fixture_still_decodes() {
    let bytes = include_bytes!("fixtures/task-v1.bin");
    assert_eq!(bytes[0], 1, "the fixture is schema 1");
    assert_eq!(codec::decode_task(bytes).unwrap(), fixture_task());
}

#[test]
fn records_carry_the_current_schema_and_reject_newer_ones() {
    let mut bytes = codec::encode_task(&fixture_task());
    assert_eq!(bytes[0], SCHEMA);
    bytes[0] = SCHEMA + 1;
    assert!(matches!(
        codec::decode_task(&bytes),
        Err(codec::DecodeError::Newer(_))
    ));
    assert!(codec::decode_task(&[]).is_err());
    assert!(codec::decode_task(&[1, 0xff, 0xff]).is_err());
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ]{0,20}",
        "[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệ ]{0,30}",
        any::<String>(),
    ]
}

fn task() -> impl Strategy<Value = Task> {
    (
        (
            any::<u64>(),
            text(),
            text(),
            0u8..=8,
            proptest::option::of(text()),
            text(),
        ),
        (
            proptest::collection::vec(text(), 0..4),
            0usize..4,
            0u8..=100,
            text(),
        ),
        (
            proptest::option::of((1900i32..2200, 1u32..13, 1u32..29)),
            proptest::option::of(text()),
            any::<bool>(),
        ),
        (
            proptest::collection::vec((any::<i64>(), text(), text(), any::<bool>()), 0..3),
            proptest::collection::vec((text(), any::<bool>()), 0..3),
        ),
        (
            any::<i64>(),
            any::<i64>(),
            proptest::option::of(any::<i64>()),
        ),
        (
            proptest::collection::vec(
                (
                    text(),
                    text(),
                    any::<i64>(),
                    proptest::option::of(any::<i64>()),
                ),
                0..3,
            ),
            text(),
        ),
    )
        .prop_map(|(a, b, c, d, e, f)| {
            let (id, title, description, area, sub, lead) = a;
            let (support, status, progress, output) = b;
            let (date, due_text, ongoing) = c;
            Task {
                id,
                title,
                description,
                area: area.into(),
                sub,
                lead: lead.into(),
                support: support.into_iter().map(Into::into).collect(),
                status: Status::ALL[status],
                due: Due {
                    kind: Some(if ongoing {
                        DueKind::Ongoing
                    } else {
                        DueKind::Date
                    }),
                    date: date.and_then(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d)),
                    text: due_text,
                },
                progress,
                evidence: (progress % 2 == 0).then(|| output.clone()),
                output,
                notes: d
                    .0
                    .into_iter()
                    .map(|(at, author, text, result)| Note {
                        at,
                        author,
                        text,
                        result,
                    })
                    .collect(),
                checklist: d
                    .1
                    .into_iter()
                    .map(|(text, done)| CheckItem { text, done })
                    .collect(),
                created_at: e.0,
                updated_at: e.1,
                completed_at: e.2,
                problems: f
                    .0
                    .into_iter()
                    .map(|(text, author, since, until)| Problem {
                        text,
                        author,
                        since,
                        until,
                    })
                    .collect(),
                proposal: f.1,
            }
        })
}

proptest! {
    #[test]
    fn encoding_then_decoding_any_task_gives_it_back(t in task()) {
        prop_assert_eq!(codec::decode_task(&codec::encode_task(&t)).unwrap(), t);
    }

    #[test]
    fn decoding_garbage_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = codec::decode_task(&bytes);
        let _ = codec::decode_history(&bytes);
    }
}

fn ctx(now: i64) -> Ctx {
    Ctx {
        now,
        author: "tester".into(),
    }
}

fn empty_store(dir: &std::path::Path) -> Store {
    let mut s = Store::open(dir).unwrap();
    s.seed(BoardMeta::default(), plan_preset(), vec![], &ctx(1))
        .unwrap();
    s
}

#[test]
fn changes_undo_and_redo_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let mut s = empty_store(&path);
        s.apply(
            Command::AddTask(Task::new("Họp dân thôn 1", 1, "thon")),
            &ctx(2),
        )
        .unwrap();
        s.apply(
            Command::AddTask(Task::new("Niêm yết TTHC", 5, "vp")),
            &ctx(3),
        )
        .unwrap();
        s.apply(
            Command::Move {
                id: 1,
                status: Status::Doing,
            },
            &ctx(4),
        )
        .unwrap();
    }
    {
        let mut s = Store::open(&path).unwrap();
        assert_eq!(s.board().tasks.len(), 2);
        assert_eq!(s.board().task(1).unwrap().status, Status::Doing);
        s.undo(&ctx(5)).unwrap(); // the move
        s.undo(&ctx(6)).unwrap(); // the second add
    }
    {
        let mut s = Store::open(&path).unwrap();
        assert_eq!(s.board().tasks.len(), 1);
        assert_eq!(s.board().task(1).unwrap().status, Status::Todo);
        s.redo(&ctx(7)).unwrap(); // the second add is back, same id
    }
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.board().task(2).unwrap().title, "Niêm yết TTHC");
    s.redo(&ctx(8)).unwrap();
    assert_eq!(s.board().task(1).unwrap().status, Status::Doing);
    assert!(matches!(s.redo(&ctx(9)), Err(StoreError::NothingToRedo)));
    // A new change clears the redo stack; the seed itself is not undoable.
    for _ in 0..3 {
        s.undo(&ctx(10)).unwrap();
    }
    assert!(s.board().tasks.is_empty());
    assert!(matches!(s.undo(&ctx(11)), Err(StoreError::NothingToUndo)));
    assert_eq!(
        s.board().units.len(),
        plan_preset().len(),
        "undo cannot remove the seeded units"
    );
    let history = s.history().unwrap();
    assert!(history.iter().all(|h| h.author == "tester"));
    assert_eq!(history.len(), 1 + 3 + 2 + 2 + 3);
}

#[test]
fn a_refused_command_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let mut s = empty_store(&path);
        s.apply(Command::AddTask(Task::new("A", 1, "vp")), &ctx(2))
            .unwrap();
        let before = s.history().unwrap().len();
        assert!(
            s.apply(Command::AddTask(Task::new("B", 1, "nope")), &ctx(3))
                .is_err()
        );
        assert!(s.apply(Command::DeleteTask(99), &ctx(3)).is_err());
        assert_eq!(s.history().unwrap().len(), before);
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.board().tasks.len(), 1);
}

#[test]
fn ids_are_never_reused_after_a_delete() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let mut s = empty_store(&path);
        s.apply(Command::AddTask(Task::new("A", 1, "vp")), &ctx(2))
            .unwrap();
        s.apply(Command::AddTask(Task::new("B", 1, "vp")), &ctx(2))
            .unwrap();
        s.apply(Command::DeleteTask(2), &ctx(3)).unwrap();
    }
    let mut s = Store::open(&path).unwrap();
    s.apply(Command::AddTask(Task::new("C", 1, "vp")), &ctx(4))
        .unwrap();
    assert!(s.board().task(3).is_some() && s.board().task(2).is_none());
}

#[test]
fn a_newer_database_is_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let _ = empty_store(&path);
        common::with_sled(&path, |db| {
            db.open_tree("meta")
                .unwrap()
                .insert("schema", &[SCHEMA + 1])
                .unwrap();
            db.flush().unwrap();
        });
    }
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::Newer(..)));
    assert!(
        err.message(papi_board::domain::Lang::Vi)
            .contains("phiên bản papi-board mới hơn")
    );
}

#[test]
fn undo_is_per_author_on_a_shared_board() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let mut s = empty_store(&path);
    let lan = Ctx {
        now: 2,
        author: "lan".into(),
    };
    let minh = Ctx {
        now: 3,
        author: "minh".into(),
    };
    s.apply(Command::AddTask(Task::new("Việc của Lan", 1, "vp")), &lan)
        .unwrap();
    s.apply(Command::AddTask(Task::new("Việc của Minh", 2, "tp")), &minh)
        .unwrap();
    // Lan's undo takes back Lan's change, not Minh's later one.
    s.undo(&lan).unwrap();
    assert!(s.board().task(1).is_none());
    assert_eq!(s.board().task(2).unwrap().title, "Việc của Minh");
    assert!(matches!(s.undo(&lan), Err(StoreError::NothingToUndo)));
    assert!(s.can_undo("minh"));
    s.redo(&lan).unwrap();
    assert_eq!(s.board().task(1).unwrap().title, "Việc của Lan");
}

/// Closing a store releases the database before `drop` returns: the same
/// process opens it again at once, change after change, as restore,
/// salvage, migration and the tests do.
#[test]
fn a_dropped_store_reopens_at_once_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    drop(empty_store(&path));
    for round in 0..200u64 {
        let mut s = match Store::open(&path) {
            Ok(s) => s,
            Err(e) => panic!(
                "reopen {round}: {}",
                e.message(papi_board::domain::Lang::En)
            ),
        };
        assert_eq!(s.board().tasks.len() as u64, round, "every change kept");
        s.apply(
            Command::AddTask(Task::new(&format!("Họp dân thôn {round}"), 1, "thon")),
            &ctx(2 + round as i64),
        )
        .unwrap();
    }
}

/// The same undo on the database and on the in-memory repo of the other
/// tests: per author, the newest `UNDO_DEPTH` steps, redo emptied by a
/// new change.
fn undo_is_kept_per_author_and_capped(repo: &mut dyn Repo) {
    use papi_board::store::UNDO_DEPTH;
    let who = |author: &str, now| Ctx {
        now,
        author: author.into(),
    };
    let lan = who("lan", 2);
    repo.apply(Command::AddTask(Task::new("Việc của Lan", 1, "vp")), &lan)
        .unwrap();
    let minh = who("minh", 3);
    for p in 0..=UNDO_DEPTH {
        let progress = (p % 100) as u8 + 1;
        repo.apply(Command::SetProgress { id: 1, progress }, &minh)
            .unwrap();
    }
    // Minh undoes his newest UNDO_DEPTH changes, no more: the oldest
    // progress change (to 1) stays, and Lan's task with it.
    for _ in 0..UNDO_DEPTH {
        repo.undo(&minh).unwrap();
    }
    assert!(matches!(repo.undo(&minh), Err(StoreError::NothingToUndo)));
    assert_eq!(repo.board().task(1).unwrap().progress, 1);
    // Lan's undo is Lan's own change.
    let e = repo.undo(&lan).unwrap();
    assert_eq!(e.author, "lan");
    assert!(repo.board().task(1).is_none());
    repo.redo(&lan).unwrap();
    assert_eq!(repo.board().task(1).unwrap().title, "Việc của Lan");
    // Minh redoes one step; a new change of his empties his redo stack.
    repo.redo(&minh).unwrap();
    assert_eq!(repo.board().task(1).unwrap().progress, 2);
    repo.apply(
        Command::SetProgress {
            id: 1,
            progress: 50,
        },
        &minh,
    )
    .unwrap();
    assert!(matches!(repo.redo(&minh), Err(StoreError::NothingToRedo)));
}

#[test]
fn undo_is_the_same_on_the_database_and_in_memory() {
    use papi_board::app::memory::MemRepo;
    use papi_board::domain::board::Board;
    let dir = tempfile::tempdir().unwrap();
    undo_is_kept_per_author_and_capped(&mut empty_store(&dir.path().join("db")));
    let mut mem = MemRepo::new(Board::new(BoardMeta::default(), plan_preset()));
    undo_is_kept_per_author_and_capped(&mut mem);
}
