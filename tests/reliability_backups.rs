//! Automatic backups with the real binary: one on the first open of the
//! day, one before an import and before a restore over a board, the newest
//! 14 kept, each one restorable; a damaged board can be restored over.

mod common;

use std::path::{Path, PathBuf};

use common::{TempDb, stderr};
use papi_board::store::autobackup::{self, KEEP};

fn backups(db: &Path, reason: &str) -> Vec<PathBuf> {
    autobackup::list(db)
        .into_iter()
        .filter(|p| {
            p.to_string_lossy()
                .ends_with(&format!("_{reason}{}", autobackup::EXT))
        })
        .collect()
}

/// Restore `file` into a fresh database and return its `list --json`.
fn restored_list(file: &Path) -> serde_json::Value {
    let fresh = TempDb::new();
    let out = fresh.run(&["restore", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    fresh.json(&["list", "--json", "--today", "2025-06-30"])
}

#[test]
fn the_first_open_of_the_day_takes_one_backup() {
    let db = TempDb::new();
    db.stdout(&["status"]);
    let daily = backups(&db.path(), "daily");
    assert_eq!(daily.len(), 1, "{:?}", autobackup::list(&db.path()));
    let today = autobackup::today().format("%Y-%m-%d_").to_string();
    assert!(
        daily[0]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with(&today),
        "{daily:?}"
    );
    // It is beside the database, in <db>.backups.
    assert_eq!(daily[0].parent().unwrap(), db.dir.path().join("db.backups"));
    db.stdout(&["move", "3", "doing"]);
    db.stdout(&["status"]);
    assert_eq!(backups(&db.path(), "daily").len(), 1, "only the first open");
    // The backup restores to the board as it was at that first open.
    let list = restored_list(&daily[0]);
    assert_eq!(list.as_array().unwrap().len(), 50);
    assert_eq!(list[2]["status"], "todo");
}

#[test]
fn an_import_and_a_restore_over_a_board_are_preceded_by_a_backup() {
    let db = TempDb::new();
    db.stdout(&["move", "3", "doing"]);
    let before = db.json(&["list", "--json", "--today", "2025-06-30"]);
    let csv =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bieu-tong-hop-nhiem-vu.csv");
    let out = db.run(&["import", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let import = backups(&db.path(), "import");
    assert_eq!(import.len(), 1);
    assert_eq!(
        restored_list(&import[0]),
        before,
        "the board before the import"
    );
    // A dry run changes nothing and needs no backup.
    db.stdout(&["import", csv.to_str().unwrap(), "--dry-run"]);
    assert_eq!(backups(&db.path(), "import").len(), 1);

    let after_import = db.json(&["list", "--json", "--today", "2025-06-30"]);
    let other = TempDb::new();
    other.stdout(&["status"]);
    let file = other.dir.path().join("other.json");
    other.stdout(&["backup", file.to_str().unwrap()]);
    let out = db.run(&["restore", "--force", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let restore = backups(&db.path(), "restore");
    assert_eq!(restore.len(), 1);
    assert_eq!(
        restored_list(&restore[0]),
        after_import,
        "the board restored over"
    );
}

#[test]
fn only_the_newest_fourteen_are_kept_and_nothing_else_is_deleted() {
    let db = TempDb::new();
    let dir = autobackup::dir_for(&db.path());
    std::fs::create_dir_all(&dir).unwrap();
    for day in 1..=20 {
        std::fs::write(
            dir.join(format!("2020-01-{day:02}_080000.000_daily.json")),
            "{}",
        )
        .unwrap();
    }
    std::fs::write(dir.join("ghi-chu.txt"), "của người dùng").unwrap();
    db.stdout(&["status"]);
    let kept = autobackup::list(&db.path());
    assert_eq!(kept.len(), KEEP);
    assert_eq!(KEEP, 14);
    let names: Vec<String> = kept
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names[0], "2020-01-08_080000.000_daily.json",
        "the oldest went"
    );
    assert!(names[KEEP - 1].ends_with("_daily.jsonl.gz") && !names[KEEP - 1].starts_with("2020"));
    assert!(dir.join("ghi-chu.txt").exists(), "not ours: kept");
}

#[test]
fn a_damaged_board_is_moved_aside_by_restore_force() {
    let db = TempDb::new();
    db.stdout(&["move", "3", "doing"]);
    let daily = backups(&db.path(), "daily");
    assert_eq!(daily.len(), 1);
    let file = db.path().join("db");
    let mut bytes = std::fs::read(&file).unwrap();
    let used = bytes.iter().rposition(|b| *b != 0).unwrap();
    bytes.truncate(used / 2);
    std::fs::write(&file, &bytes).unwrap();
    let out = db.run(&["status"]);
    assert!(!out.status.success());
    let out = db.run(&["restore", daily[0].to_str().unwrap()]);
    assert!(!out.status.success(), "not without --force");
    let out = db.run(&["restore", "--force", daily[0].to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("before-restore"), "{text}");
    let list = db.json(&["list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 50);
    // The damaged files were moved aside, not deleted.
    let aside: Vec<_> = std::fs::read_dir(db.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("db.before-restore"))
        .collect();
    assert_eq!(aside.len(), 1);
}

/// The daily backup is written beside the board while it changes: it holds
/// the board exactly as it was when it started (every task, the history up
/// to that moment and the undo stacks pointing into it), and the changes
/// made meanwhile are all kept in the database.
#[test]
fn the_daily_backup_written_beside_changes_is_the_board_of_its_moment() {
    use papi_board::domain::board::{BoardMeta, Ctx};
    use papi_board::domain::command::Command;
    use papi_board::domain::task::Status;
    use papi_board::domain::unit::plan_preset;
    use papi_board::store::Store;
    let ctx = |n: i64| Ctx {
        now: 1_750_000_000_000 + n,
        author: "lan".into(),
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let mut store = Store::open(&db).unwrap();
    let units = plan_preset();
    let tasks = papi_board::transfer::generate::generate(3000, 7, 2025, &units, ctx(0).now);
    let meta = BoardMeta {
        year: 2025,
        ..Default::default()
    };
    let cmds = tasks.into_iter().map(Command::AddTask).collect();
    store.seed(meta, units, cmds, &ctx(0)).unwrap();
    let first = store.board().task(1).unwrap().status;
    store
        .apply(
            Command::Move {
                id: 1,
                status: Status::Blocked,
            },
            &ctx(1),
        )
        .unwrap();
    let before = store.board().clone();
    let history = store.history().unwrap();
    store.daily_backups();
    store.start_daily_backup();
    // Changes while the backup is being written.
    for id in 2..200 {
        store
            .apply(
                Command::Move {
                    id,
                    status: Status::Done,
                },
                &ctx(id as i64),
            )
            .unwrap();
    }
    store.finish_daily_backup().unwrap();
    let after = store.board().clone();
    drop(store);
    let daily: Vec<_> = backups(&db, "daily");
    assert_eq!(daily.len(), 1);
    let other = tempfile::tempdir().unwrap();
    let mut restored = Store::open(other.path()).unwrap();
    let file = std::fs::File::open(&daily[0]).unwrap();
    restored
        .restore_backup(std::io::BufReader::new(file))
        .unwrap();
    assert_eq!(
        restored.board().tasks,
        before.tasks,
        "the board of its moment"
    );
    assert_eq!(
        restored.history().unwrap(),
        history,
        "its history, no later"
    );
    // Undo there undoes the last change before the backup.
    restored.undo(&ctx(500)).unwrap();
    assert_eq!(restored.board().task(1).unwrap().status, first);
    let reopened = Store::open(&db).unwrap();
    assert_eq!(
        reopened.board().tasks,
        after.tasks,
        "nothing changed meanwhile is lost"
    );
}
