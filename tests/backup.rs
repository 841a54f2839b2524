//! Backup and restore: the whole database as readable JSON lines (gzip
//! when asked) and back, with the real binary on real databases. Restoring
//! into an empty database gives the same `list --json` and `status --json`
//! byte for byte; a non-empty one is refused unless `--force`, which keeps
//! the old aside; a backup of the older one-document format still restores.

mod common;

use std::path::PathBuf;

use common::{TempDb, stderr};
use papi_board::domain::board::Ctx;
use papi_board::domain::command::{ChecklistOp, Command};
use papi_board::domain::task::{Note, Status};
use papi_board::domain::user::{Role, User};
use papi_board::store::Store;

const TODAY: &str = "2025-07-15";

fn ctx(day: u32) -> Ctx {
    Ctx {
        now: 1_735_689_600_000 + day as i64 * 86_400_000,
        author: "tester".into(),
    }
}

/// The default board after a few weeks of use: moves, progress, notes, a
/// checklist, a deadline, a score, a user, an undone change.
fn used_board() -> TempDb {
    let db = TempDb::new();
    db.stdout(&["list"]);
    let mut s = Store::open(&db.path()).unwrap();
    let mut t = s.board().task(3).unwrap().clone();
    t.due = papi_board::domain::task::Due::from_parsed(
        papi_board::domain::deadline::parse_due("Quý I/2025", None).unwrap(),
        Some("Quý I/2025".into()),
    );
    for (day, cmd) in [
        (10, Command::PutTask(t)),
        (
            11,
            Command::Move {
                id: 1,
                status: Status::Doing,
            },
        ),
        (
            12,
            Command::SetProgress {
                id: 1,
                progress: 40,
            },
        ),
        (
            13,
            Command::AddNote {
                id: 2,
                note: Note {
                    at: ctx(13).now,
                    author: "tester".into(),
                    text: "Thiếu kinh phí in tài liệu".into(),
                    result: false,
                },
            },
        ),
        (
            14,
            Command::Move {
                id: 2,
                status: Status::Blocked,
            },
        ),
        (
            15,
            Command::Checklist {
                id: 4,
                op: ChecklistOp::Add("Lập danh sách".into()),
            },
        ),
        (
            16,
            Command::Move {
                id: 5,
                status: Status::Done,
            },
        ),
        (
            17,
            Command::SetScore {
                year: 2024,
                area: 1.into(),
                score: Some(512),
            },
        ),
        (
            18,
            Command::PutUser(User {
                name: "lan".into(),
                key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOtestkeyforbackup lan@may1".into(),
                role: Role::Editor,
                unit: Some("dc".into()),
            }),
        ),
        (
            19,
            Command::Move {
                id: 6,
                status: Status::Done,
            },
        ),
    ] {
        s.apply(cmd, &ctx(day)).unwrap();
    }
    s.undo(&ctx(20)).unwrap();
    drop(s);
    db
}

fn backup_file(db: &TempDb, name: &str) -> PathBuf {
    let p = db.dir.path().join(name);
    let out = db.stdout(&["backup", p.to_str().unwrap()]);
    assert!(out.starts_with("Đã sao lưu"), "{out}");
    p
}

fn reads(db: &TempDb) -> Vec<String> {
    [
        vec!["list", "--json", "--today", TODAY],
        vec!["status", "--json", "--today", TODAY],
        vec!["history", "--json"],
        vec!["scores", "list", "--json"],
    ]
    .iter()
    .map(|args| db.stdout(args))
    .collect()
}

#[test]
fn restore_into_an_empty_database_gives_the_same_board_byte_for_byte() {
    let src = used_board();
    let file = backup_file(&src, "sao-luu.json");
    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("{\"format\":\"papi-board-backup\",\"version\":2,"),
        "{}",
        lines[0]
    );
    assert!(
        text.contains("Thiếu kinh phí in tài liệu"),
        "readable, not escaped"
    );
    // One record a line, each a JSON object naming its part.
    for part in ["meta", "units", "tasks", "history", "scores", "users"] {
        let n = lines
            .iter()
            .filter(|l| l.starts_with(&format!("{{\"{part}\":")))
            .count();
        assert!(n > 0, "{part}");
    }
    for l in &lines {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert!(v.is_object(), "{l}");
    }
    let tasks = lines
        .iter()
        .filter(|l| l.starts_with("{\"tasks\":"))
        .count();
    let listed = src.json(&["list", "--json"]);
    assert_eq!(tasks, listed.as_array().unwrap().len());
    let records = lines.len() - 2;
    assert_eq!(
        lines.last().unwrap(),
        &format!("{{\"end\":{{\"records\":{records}}}}}"),
        "the last line counts the records"
    );

    let dst = TempDb::new();
    let out = dst.stdout(&["restore", file.to_str().unwrap()]);
    assert!(out.starts_with("Đã khôi phục"), "{out}");
    assert_eq!(reads(&dst), reads(&src));
    // And backing the copy up again gives the same file.
    let again = backup_file(&dst, "lai.json");
    assert_eq!(std::fs::read_to_string(again).unwrap(), text);

    // Compressed when the name ends in .gz: the same lines, gzip-compressed.
    let gz = backup_file(&dst, "lai.jsonl.gz");
    let bytes = std::fs::read(&gz).unwrap();
    assert_eq!(&bytes[..2], &[0x1f, 0x8b], "gzip");
    let mut unpacked = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut unpacked)
        .unwrap();
    assert_eq!(unpacked, text);
    assert!(
        bytes.len() * 4 < text.len(),
        "{} of {}",
        bytes.len(),
        text.len()
    );
    let third = TempDb::new();
    third.stdout(&["restore", gz.to_str().unwrap()]);
    assert_eq!(reads(&third), reads(&src));

    // The undo and redo stacks came along: redo brings back the undone move.
    let mut s = Store::open(&dst.path()).unwrap();
    assert_eq!(s.board().task(6).unwrap().status, Status::Todo);
    s.redo(&ctx(21)).unwrap();
    assert_eq!(s.board().task(6).unwrap().status, Status::Done);
    s.undo(&ctx(22)).unwrap();
    s.undo(&ctx(23)).unwrap();
    assert!(s.board().users.is_empty(), "the user's addition undoes too");
}

#[test]
fn restore_refuses_a_board_unless_forced_and_keeps_the_old_one() {
    let src = used_board();
    let file = backup_file(&src, "b.json");
    let dst = TempDb::new();
    dst.stdout(&["init", "--empty"]);
    let before = reads(&dst);
    let out = dst.run(&["restore", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(reads(&dst), before, "nothing changed");

    let out = dst.stdout(&["restore", file.to_str().unwrap(), "--force"]);
    let kept = out
        .lines()
        .find_map(|l| l.strip_prefix("Cơ sở dữ liệu cũ được giữ tại "))
        .unwrap_or_else(|| panic!("says where the old one is: {out}"));
    assert!(kept.contains("db.before-restore-"), "{kept}");
    assert_eq!(reads(&dst), reads(&src));
    let old = common::run_with(std::path::Path::new(kept), &["list", "--json"], &[]);
    assert_eq!(
        String::from_utf8(old.stdout).unwrap(),
        "[]\n",
        "the old, empty board is intact"
    );
}

/// Replace the first `from` in the first task's line.
fn in_tasks(doc: &str, from: &str, to: &str) -> String {
    let at = doc.find("\n{\"tasks\":").unwrap();
    format!("{}{}", &doc[..at], doc[at..].replacen(from, to, 1))
}

/// The line number of the first task.
fn first_task_line(doc: &str) -> usize {
    doc.lines()
        .position(|l| l.starts_with("{\"tasks\":"))
        .unwrap()
        + 1
}

#[test]
fn damaged_backups_change_nothing_and_say_where() {
    let src = used_board();
    let good = std::fs::read_to_string(backup_file(&src, "b.json")).unwrap();
    let without_end = good[..good.trim_end().rfind('\n').unwrap() + 1].to_string();
    let task_line = first_task_line(&good);
    let dst = TempDb::new();
    let cases = [
        (
            "cut.json",
            good[..(good.len() / 2..)
                .find(|i| good.is_char_boundary(*i))
                .unwrap()]
                .to_string(),
            "không phải JSON đọc được (dòng".to_string(),
        ),
        (
            "cut-at-a-line.json",
            without_end,
            "bị cắt ngang".to_string(),
        ),
        (
            "other.json",
            "{\"tasks\": []}".to_string(),
            "không phải bản sao lưu của papi-board".to_string(),
        ),
        (
            "newer.json",
            good.replacen("\"version\":2", "\"version\":9", 1),
            "phiên bản papi-board mới hơn".to_string(),
        ),
        (
            "field.json",
            in_tasks(&good, "\"title\":", "\"titel\":"),
            format!("hỏng ở dòng {task_line} (tasks: missing field `title`"),
        ),
        (
            "twice.json",
            in_tasks(&good, "{\"tasks\":{\"id\":2,", "{\"tasks\":{\"id\":1,"),
            "(tasks: duplicate)".to_string(),
        ),
        (
            "unit.json",
            in_tasks(&good, "\"lead\":\"vp\"", "\"lead\":\"khong\""),
            "hỏng ở tasks (#".to_string(),
        ),
    ];
    for (name, text, want) in cases {
        let p = dst.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        let out = dst.run(&["restore", p.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let msg = stderr(&out);
        assert!(
            msg.contains(p.to_str().unwrap()) && msg.contains(&want),
            "{name}: {msg}"
        );
        assert!(!dst.path().exists(), "{name}: no database made");
        let leftovers: Vec<_> = std::fs::read_dir(dst.dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("restoring"))
            .collect();
        assert!(leftovers.is_empty(), "{name}: scratch directory removed");
    }
}

/// `fixtures/db-v2.backup-v1.json` was written by the build before backups
/// became JSON lines (one pretty-printed document, version 1) from
/// `fixtures/db-v2.tar.gz`: both plans, 2025 and 2026. It restores to what
/// that build listed for them.
#[test]
fn a_backup_of_the_older_format_still_restores_every_plan() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let file = fixtures.join("db-v2.backup-v1.json");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("{\n  \"format\": \"papi-board-backup\",\n  \"version\": 1,"));
    let db = TempDb::new();
    let out = db.stdout(&["restore", file.to_str().unwrap()]);
    assert!(out.starts_with("Đã khôi phục"), "{out}");
    let fixture = |name: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(fixtures.join(name)).unwrap()).unwrap()
    };
    for (board, list, history) in [
        ("2025", "db-v2.list.json", "db-v2.history.json"),
        ("2026", "db-v2.2026.list.json", "db-v2.2026.history.json"),
    ] {
        let json = |args: &[&str]| -> serde_json::Value {
            let out = db.run_env(args, &[("PAPI_BOARD_TODAY", "2025-06-30")]);
            assert!(out.status.success(), "{}", stderr(&out));
            serde_json::from_slice(&out.stdout).unwrap()
        };
        assert_eq!(
            json(&["--board", board, "list", "--json"]),
            common::schema::upgraded_list(fixture(list)),
            "{board}"
        );
        assert_eq!(
            common::schema::stable_history(json(&["--board", board, "history", "--json"])),
            common::schema::stable_history(fixture(history)),
            "{board}"
        );
    }
}
