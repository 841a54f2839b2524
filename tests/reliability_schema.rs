//! Schema evolution: records written by every past schema still decode, and
//! a database made by schema 1 opens in this build, migrated, with every
//! task, note, history entry, score and user it held.

mod common;

use papi_board::domain::board::BoardMeta;
use papi_board::domain::command::{ChecklistOp, Command};
use papi_board::domain::deadline::DueKind;
use papi_board::domain::task::{CheckItem, Due, Note, Status, Task};
use papi_board::domain::unit::Unit;
use papi_board::domain::user::{Role, User};
use papi_board::store::codec::{self, HistoryEntry, SCHEMA};

/// A task with every field set (evidence aside, which schema 1 lacks).
fn full_task(id: u64) -> Task {
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
    t.notes = vec![Note {
        at: 1_750_000_000_000,
        author: "cb.vhxh".into(),
        text: "Đã niêm yết ở 6 thôn".into(),
    }];
    t.checklist = vec![CheckItem {
        text: "Rà soát".into(),
        done: true,
    }];
    t.created_at = 1_736_200_000_000;
    t.updated_at = 1_750_000_000_000;
    t.completed_at = Some(1_750_000_000_000);
    t
}

/// One history entry holding one of every `Command` and `ChecklistOp`
/// variant, in declaration order. Its schema-1 encoding is committed as
/// `fixtures/history-v1.bin`: bincode stores enum variants by index, so a
/// reordered or inserted variant makes this fixture fail to decode.
fn every_command() -> HistoryEntry {
    let meta = BoardMeta {
        number: "05/KH-UBND".into(),
        date: "06/01/2025".into(),
        commune: "Hòa Phong".into(),
        year: 2025,
        title: "Kế hoạch nâng cao Chỉ số PAPI".into(),
        target: "tăng bậc".into(),
    };
    let cmd = Command::Batch(vec![
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
                at: 1_750_000_000_001,
                author: "lan".into(),
                text: "Đã họp thôn".into(),
            },
        },
        Command::PutUnit(Unit::new("dc", "Địa chính")),
        Command::RemoveUnit("cu".into()),
        Command::SetMeta(meta),
        Command::SetScore {
            year: 2024,
            area: 3,
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
    ]);
    HistoryEntry {
        seq: 5,
        at: 1_750_000_000_002,
        author: "lan".into(),
        cmd,
        inverse: Command::DeleteTask(99),
        reverses: Some(4),
    }
}

/// Writes this schema's fixtures: `WRITE_FIXTURES=1 cargo test --test
/// reliability_schema write_fixtures`. Run once per schema, then commit.
#[test]
fn write_fixtures() {
    if std::env::var_os("WRITE_FIXTURES").is_none() {
        return;
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::write(
        dir.join(format!("history-v{SCHEMA}.bin")),
        codec::encode_history(&every_command()),
    )
    .unwrap();
}
