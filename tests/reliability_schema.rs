//! Schema evolution: records written by every past schema still decode, and
//! databases made by schemas 1 and 2 open in this build, migrated, with every
//! task, note, history entry, score and user they held.

mod common;

use common::schema::{stable_history, upgraded_list, upgraded_status};
use papi_board::domain::board::{BoardMeta, Signing};
use papi_board::domain::command::{ChecklistOp, Command};
use papi_board::domain::deadline::DueKind;
use papi_board::domain::task::{CheckItem, Due, Note, Problem, Status, Task};
use papi_board::domain::unit::Unit;
use papi_board::domain::user::{Role, User};
use papi_board::store::codec::{self, HistoryEntry, SCHEMA};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A task with every field set; `evidence` only from schema 2 on.
fn full_task(id: u64, evidence: Option<&str>) -> Task {
    let mut t = Task::new("Công khai danh sách hộ nghèo", 2, "vhxh");
    t.id = id;
    t.description = "Niêm yết tại trụ sở UBND xã".into();
    t.sub = Some("Công khai danh sách hộ nghèo".into());
    t.support = vec!["thon".into(), "dtt".into()];
    t.status = Status::Done;
    t.due = Due {
        kind: Some(DueKind::Before),
        date: chrono::NaiveDate::from_ymd_opt(2025, 6, 30),
        text: Some("Trước 30/6/2025".into()),
    };
    t.progress = 100;
    t.output = "Biên bản niêm yết".into();
    t.notes = vec![Note::new(
        1_750_000_000_000,
        "cb.vhxh",
        "Đã niêm yết ở 6 thôn",
    )];
    t.checklist = vec![CheckItem {
        text: "Rà soát".into(),
        done: true,
    }];
    t.created_at = 1_736_200_000_000;
    t.updated_at = 1_750_000_000_000;
    t.completed_at = Some(1_750_000_000_000);
    t.evidence = evidence.map(str::to_string);
    t
}

/// The task with the fields schema 3 added: a result, a difficulty that
/// is over and one still open, a proposal.
fn full_task_v3(id: u64) -> Task {
    let mut t = full_task(id, EVIDENCE);
    let mut result = Note::new(1_750_100_000_000, "cb.vhxh", "Niêm yết xong ở 6/6 thôn");
    result.result = true;
    t.notes.push(result);
    t.status = Status::Blocked;
    t.completed_at = None;
    t.problems = vec![
        Problem {
            text: "Thiếu kinh phí in ấn".into(),
            author: "cb.vhxh".into(),
            since: 1_748_000_000_000,
            until: Some(1_749_000_000_000),
        },
        Problem {
            text: "Chờ danh sách hộ nghèo được phê duyệt".into(),
            author: "lan".into(),
            since: 1_750_200_000_000,
            until: None,
        },
    ];
    t.proposal = "Đề nghị UBND huyện sớm phê duyệt danh sách".into();
    t
}

/// One history entry holding one of every `Command` and `ChecklistOp`
/// variant of `schema`, in declaration order. Its encoding by each schema
/// is committed as `fixtures/history-vN.bin`: bincode stores enum variants
/// by index, so a reordered or inserted variant makes a fixture fail to
/// decode.
fn every_command(schema: u8) -> HistoryEntry {
    let evidence = if schema >= 2 { EVIDENCE } else { None };
    let full_task = |id| {
        if schema >= 3 {
            full_task_v3(id)
        } else {
            full_task(id, evidence)
        }
    };
    let mut meta = BoardMeta {
        number: "05/KH-UBND".into(),
        date: "06/01/2025".into(),
        commune: "Hòa Phong".into(),
        year: 2025,
        title: "Kế hoạch nâng cao Chỉ số PAPI".into(),
        target: "tăng bậc".into(),
        signing: Signing::default(),
    };
    if schema >= 3 {
        meta.signing = Signing {
            issuer: vec!["ỦY BAN NHÂN DÂN".into(), "XÃ HÒA PHONG".into()],
            title: vec![
                "TM. ỦY BAN NHÂN DÂN".into(),
                "KT. CHỦ TỊCH".into(),
                "PHÓ CHỦ TỊCH".into(),
            ],
            signer: "Nguyễn Văn An".into(),
            recipients: vec!["UBND huyện Hòa Vang".into(), "Lưu: VT".into()],
        };
    }
    let mut cmds = vec![
        Command::AddTask(full_task(0)),
        Command::DeleteTask(7),
        Command::PutTask(full_task(8)),
        Command::Edit(full_task(9)),
        Command::Move {
            id: 10,
            status: Status::Blocked,
        },
        Command::SetProgress {
            id: 11,
            progress: 55,
        },
        Command::AddNote {
            id: 12,
            note: Note {
                result: schema >= 3,
                ..Note::new(1_750_000_000_001, "lan", "Đã họp thôn")
            },
        },
        Command::PutUnit(Unit::new("dc", "Địa chính")),
        Command::RemoveUnit("cu".into()),
        Command::SetMeta(meta),
        Command::SetScore {
            year: 2024,
            area: 3.into(),
            score: Some(512),
        },
        Command::Checklist {
            id: 13,
            op: ChecklistOp::Add("Họp".into()),
        },
        Command::Checklist {
            id: 13,
            op: ChecklistOp::Toggle(0),
        },
        Command::Checklist {
            id: 13,
            op: ChecklistOp::Remove(1),
        },
        Command::Checklist {
            id: 13,
            op: ChecklistOp::Move { from: 2, to: 0 },
        },
        Command::PutUser(User {
            name: "lan".into(),
            key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE lan@may".into(),
            role: Role::Editor,
            unit: Some("dc".into()),
        }),
        Command::RemoveUser("minh".into()),
    ];
    if schema >= 3 {
        cmds.push(Command::Block {
            id: 14,
            reason: "Chờ ý kiến của huyện".into(),
        });
    }
    let cmd = Command::Batch(cmds);
    HistoryEntry {
        seq: 5,
        at: 1_750_000_000_002,
        author: "lan".into(),
        cmd,
        inverse: Command::DeleteTask(99),
        reverses: Some(4),
    }
}

const EVIDENCE: Option<&str> = Some("https://drive.example/bien-ban-niem-yet.pdf");

/// Writes this schema's fixtures: `WRITE_FIXTURES=1 cargo test --test
/// reliability_schema write_fixtures -- --ignored`. Run once per schema,
/// then commit; never rewrite an older schema's fixture.
#[test]
#[ignore = "writes the fixtures of a new schema"]
fn write_fixtures() {
    if std::env::var_os("WRITE_FIXTURES").is_none() {
        return;
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::write(
        dir.join(format!("history-v{SCHEMA}.bin")),
        codec::encode_history(&every_command(SCHEMA)),
    )
    .unwrap();
}

#[test]
fn a_history_entry_of_schema_1_with_every_command_still_decodes() {
    let bytes = include_bytes!("fixtures/history-v1.bin");
    assert_eq!(bytes[0], 1);
    assert_eq!(codec::decode_history(bytes).unwrap(), every_command(1));
}

#[test]
fn a_history_entry_of_schema_2_with_every_command_still_decodes() {
    let bytes = include_bytes!("fixtures/history-v2.bin");
    assert_eq!(bytes[0], 2);
    assert_eq!(codec::decode_history(bytes).unwrap(), every_command(2));
}

#[test]
fn a_history_entry_of_schema_3_with_every_command_still_decodes() {
    let bytes = include_bytes!("fixtures/history-v3.bin");
    assert_eq!(bytes[0], 3);
    assert_eq!(codec::decode_history(bytes).unwrap(), every_command(3));
    // What this build writes is byte for byte what schema 3 wrote.
    if SCHEMA == 3 {
        assert_eq!(codec::encode_history(&every_command(3)), bytes);
    }
}

/// The schema-1 database fixture, unpacked into a temporary directory.
fn unpack_v1() -> (tempfile::TempDir, PathBuf) {
    unpack("db-v1")
}

/// A database fixture (`fixtures/NAME.tar.gz`, holding the directory
/// NAME), unpacked into a temporary directory.
fn unpack(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let tar = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("{name}.tar.gz"));
    let ok = std::process::Command::new("tar")
        .arg("xzf")
        .arg(&tar)
        .arg("-C")
        .arg(dir.path())
        .status()
        .expect("tar");
    assert!(ok.success());
    let db = dir.path().join(name);
    (dir, db)
}

fn fixture_json(name: &str) -> Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

fn json(db: &Path, args: &[&str]) -> Value {
    let out = common::run_with(db, args, &[("PAPI_BOARD_TODAY", "2025-06-30")]);
    assert!(out.status.success(), "{args:?}: {}", common::stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Every record of every tree, with the schema byte it carries. Read with
/// sled itself; once sled is dropped, waits (blocking on sled's own lock)
/// until its background writer has let go of the files, so the binary run
/// next does not find the database "open elsewhere".
fn record_versions(db: &Path) -> Vec<(String, u8)> {
    let mut out = Vec::new();
    {
        let sled = sled::open(db).unwrap();
        // Every board's trees ("tasks", "b2:tasks", …).
        for name in sled.tree_names() {
            let name = String::from_utf8_lossy(&name).into_owned();
            let Some((_, base)) = papi_board::store::check::split_tree(&name) else {
                continue;
            };
            if !["tasks", "units", "users", "history", "scores"].contains(&base) {
                continue;
            }
            for kv in sled.open_tree(&name).unwrap().iter() {
                out.push((name.clone(), kv.unwrap().1[0]));
            }
        }
    }
    let file = std::fs::File::open(db.join("db")).unwrap();
    file.lock().unwrap();
    out
}

#[test]
fn a_schema_1_database_opens_migrated_with_everything_it_held() {
    let (_dir, db) = unpack_v1();
    assert!(
        record_versions(&db).iter().all(|(_, v)| *v == 1),
        "the fixture is schema 1"
    );
    // The first open by this build: a backup, then the migration.
    let list = json(&db, &["list", "--json"]);
    let expected = upgraded_list(fixture_json("db-v1.list.json"));
    assert_eq!(list, expected, "every task as schema 1 had it");
    assert_eq!(
        json(&db, &["status", "--json"]),
        upgraded_status(fixture_json("db-v1.status.json"), &expected)
    );
    assert_eq!(
        stable_history(json(&db, &["history", "--json"])),
        stable_history(fixture_json("db-v1.history.json"))
    );
    let versions = record_versions(&db);
    assert!(versions.len() > 60);
    assert!(
        versions.iter().all(|(_, v)| *v == SCHEMA),
        "every record rewritten: {versions:?}"
    );
    // The backup taken before the migration holds the schema-1 board.
    let backups = papi_board::store::autobackup::list(&db);
    let migration: Vec<_> = backups
        .iter()
        .filter(|p| p.to_string_lossy().ends_with("_migration.jsonl.gz"))
        .collect();
    assert_eq!(migration.len(), 1, "{backups:?}");
    let restored = tempfile::tempdir().unwrap();
    let target = restored.path().join("db");
    let out = common::run_with(&target, &["restore", migration[0].to_str().unwrap()], &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert_eq!(json(&target, &["list", "--json"]), expected);
    // Opening again migrates nothing and backs up no more for it.
    json(&db, &["list", "--json"]);
    let again = papi_board::store::autobackup::list(&db);
    assert_eq!(
        again
            .iter()
            .filter(|p| p.to_string_lossy().ends_with("_migration.jsonl.gz"))
            .count(),
        1
    );
    // Undo still works across the migration: the last change was a move
    // of #51 to blocked by the fixture's author.
    let out = common::run_with(&db, &["undo"], &[("USER", "fixture")]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let t = json(&db, &["show", "51", "--json"]);
    assert_eq!(t["status"], "todo");
}

/// `fixtures/db-v2.tar.gz` was made by the schema-2 build: the sample plan
/// of 2025 with a unit added and renamed, an added task, moves (two tasks
/// to Vướng mắc, with notes saying why), notes, an edit with output and
/// evidence, a delete undone and a delete kept, a score, an SSH user, then
/// a rollover to 2026 and a note there; `db-v2.*.json` are what that build
/// printed for it (`list`, `status`, 2025 and 2026); `history --json` is
/// today's rendering of the same stored changes, compared by what a
/// migration must keep (`stable_history`).
#[test]
fn a_schema_2_database_opens_migrated_with_everything_it_held() {
    let (_dir, db) = unpack("db-v2");
    assert!(
        record_versions(&db).iter().all(|(_, v)| *v == 2),
        "the fixture is schema 2"
    );
    let mut lists = Vec::new();
    for (board, list, history) in [
        ("2025", "db-v2.list.json", "db-v2.history.json"),
        ("2026", "db-v2.2026.list.json", "db-v2.2026.history.json"),
    ] {
        let got = json(&db, &["--board", board, "list", "--json"]);
        let expected = upgraded_list(fixture_json(list));
        assert_eq!(got, expected, "board {board}: every task");
        let got = json(&db, &["--board", board, "history", "--json"]);
        assert_eq!(
            stable_history(got),
            stable_history(fixture_json(history)),
            "board {board}: the history"
        );
        lists.push(expected);
    }
    assert_eq!(
        json(&db, &["--board", "2025", "status", "--json"]),
        upgraded_status(fixture_json("db-v2.status.json"), &lists[0])
    );
    // The two blocked tasks say what blocks them, as the notes did.
    let t = json(&db, &["--board", "2025", "show", "51", "--json"]);
    assert_eq!(
        t["problem"]["text"],
        "Chờ ý kiến của Phòng Kinh tế về địa điểm"
    );
    assert_eq!(lists[0].as_array().unwrap().len(), 50);
    let versions = record_versions(&db);
    assert!(versions.len() > 100, "{}", versions.len());
    assert!(versions.iter().all(|(_, v)| *v == SCHEMA));
    // One backup before the migration, and it restores to the same board.
    let backups = papi_board::store::autobackup::list(&db);
    let migration: Vec<_> = backups
        .iter()
        .filter(|p| p.to_string_lossy().ends_with("_migration.jsonl.gz"))
        .collect();
    assert_eq!(migration.len(), 1, "{backups:?}");
    let restored = tempfile::tempdir().unwrap();
    let target = restored.path().join("db");
    let out = common::run_with(&target, &["restore", migration[0].to_str().unwrap()], &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    for (board, list) in [("2025", &lists[0]), ("2026", &lists[1])] {
        let got = json(&target, &["--board", board, "list", "--json"]);
        assert_eq!(&got, list, "restored board {board}");
    }
    // Undo reaches across the migration: the 2026 board's last change was
    // a note on #12.
    let out = common::run_with(&db, &["undo"], &[("USER", "fixture")]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let t = json(&db, &["--board", "2026", "show", "12", "--json"]);
    assert_eq!(t["notes"].as_array().unwrap().len(), 0);
}

#[test]
fn the_new_field_goes_through_the_store_and_the_json_contract() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let out = common::run_with(&db, &["init"], &[]);
    assert!(out.status.success());
    let mut store = papi_board::store::Store::open(&db).unwrap();
    let mut t = store.board().task(3).unwrap().clone();
    t.evidence = EVIDENCE.map(str::to_string);
    let ctx = papi_board::domain::board::Ctx {
        now: 1_750_000_000_000,
        author: "tester".into(),
    };
    store.apply(Command::Edit(t), &ctx).unwrap();
    drop(store);
    let t = json(&db, &["show", "3", "--json"]);
    assert_eq!(t["evidence"], EVIDENCE.unwrap());
}

/// A kill at any moment of the first open (backup, migration, flush)
/// leaves a database that opens — migrated or not yet — with every task.
#[test]
fn a_kill_during_the_migration_loses_nothing() {
    let expected = upgraded_list(fixture_json("db-v1.list.json"));
    let mut seed = 0x853c_49e6_748f_ea9bu64;
    let mut migrated_before_kill = 0;
    for round in 0..12 {
        let (_dir, db) = unpack_v1();
        let mut child = std::process::Command::new(common::bin())
            .arg("--db")
            .arg(&db)
            .args(["status"])
            .env("PAPI_BOARD_TODAY", "2025-06-30")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(std::time::Duration::from_millis(seed % 120));
        // The migration runs in the database's owner, which the program
        // started: it is killed, then the program, then again any owner
        // the program was starting at that moment (forked, not yet running
        // as the owner), until none is left; then nothing holds the
        // database while this test reads it in place.
        let owner = format!("--db {} own", db.display());
        let kill_owner = || {
            let _ = std::process::Command::new("pkill")
                .args(["-9", "-f", "--", &owner])
                .status();
        };
        kill_owner();
        child.kill().unwrap();
        child.wait().unwrap();
        let mut quiet = 0;
        while quiet < 2 {
            kill_owner();
            std::thread::sleep(std::time::Duration::from_millis(100));
            let left = std::process::Command::new("pgrep")
                .args(["-f", "--", &owner])
                .output()
                .unwrap();
            quiet = if left.stdout.is_empty() { quiet + 1 } else { 0 };
        }
        common::settle(&db);
        if record_versions(&db).iter().all(|(_, v)| *v == SCHEMA) {
            migrated_before_kill += 1;
        } else {
            assert!(
                record_versions(&db).iter().all(|(_, v)| *v == 1),
                "round {round}: a half-migrated database"
            );
        }
        assert_eq!(json(&db, &["list", "--json"]), expected, "round {round}");
    }
    eprintln!("migration kills: 12, migrated before the kill: {migrated_before_kill}");
}
