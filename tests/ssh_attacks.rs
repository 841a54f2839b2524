//! The SSH server against its own users: each test makes an attack that
//! was seen to work against `papi-board serve` on 127.0.0.1 with the real
//! OpenSSH client — a server file named by a client, control bytes in
//! what is sent back, a replaced key still in use, what the server offers
//! and the modes of its files — and checks what holds now. The attacks on
//! the server's resources (sockets, channels, memory, CPU, other users'
//! echo) are in `ssh_budgets.rs`.

mod common;

use std::time::{Duration, Instant};

use common::ssh::{Key, Pty, Server, World, run};

/// A FIFO: whoever opens it to read waits for a writer, for ever.
fn fifo(path: &std::path::Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: mkfifo on a NUL-terminated path this function owns.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o666) }, 0);
}

/// Does some process hold this FIFO open for reading? (Opening it to write
/// without waiting fails with ENXIO when no one does.)
fn fifo_has_reader(path: &std::path::Path) -> bool {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .is_ok()
}

/// Finding 1: `ssh viewer@host user add x --key /dev/zero` made the server
/// read /dev/zero inside the store lock (4 GB, everyone else frozen); a
/// FIFO as the key froze the whole server; the error told whether a path
/// exists. Now the user's role is decided first, and over SSH `--key` is
/// key text only: nothing is opened, for anyone.
#[test]
fn a_client_never_makes_the_server_open_a_file() {
    let w = World::new();
    let (lan, minh) = (w.key("lan"), w.key("minh"));
    w.add_user("lan", &lan, "admin", None);
    w.add_user("minh", &minh, "viewer", None);
    let pipe = w.keys.path().join("key.fifo");
    fifo(&pipe);
    let pipe_arg = pipe.display().to_string();
    let real_pub = lan.path.with_extension("pub").display().to_string();
    let server = w.serve(&[]);
    let before = server.peak_kib();

    for (who, key) in [("minh", &minh), ("lan", &lan)] {
        for path in ["/dev/zero", &pipe_arg, &real_pub, "/nonexistent/key.pub"] {
            let start = Instant::now();
            let (code, out, err) = run(
                &w,
                &server,
                key,
                who,
                &["user", "add", "x", "--key", path, "--role", "viewer"],
            );
            assert_eq!(code, Some(2), "{who} {path}: {err}");
            assert!(out.is_empty(), "{out}");
            // The answer does not depend on the path: it tells nothing
            // about the server's files.
            let expected = if who == "minh" {
                "chỉ có quyền xem"
            } else {
                "không phải tên tệp"
            };
            assert!(err.contains(expected), "{who} {path}: {err}");
            assert!(!err.contains(path), "{err}");
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "answered, not stuck on {path}"
            );
            assert!(!fifo_has_reader(&pipe), "the FIFO was never opened");
        }
    }
    // Nothing was added, and the others were never held up.
    let (code, users, _) = run(&w, &server, &lan, "lan", &["user", "list"]);
    assert_eq!(code, Some(0));
    assert!(
        !users.contains("\nx ") && !users.starts_with("x "),
        "{users}"
    );
    let (code, _, err) = run(&w, &server, &minh, "minh", &["status"]);
    assert_eq!(code, Some(0), "{err}");
    let grown = server.peak_kib().saturating_sub(before);
    eprintln!("peak memory grew by {grown} KiB during the attempts");
    assert!(grown < 32 * 1024, "peak memory grew by {grown} KiB");
    server.stop();
}

/// Does `bytes` hold anything that acts on a terminal or hides text: C0
/// controls other than tab and line breaks, DEL, C1 controls, bidi
/// controls, zero-width characters? (A byte-order mark may open a file.)
fn controls_in(bytes: &[u8]) -> Vec<String> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let text = String::from_utf8_lossy(bytes);
    text.char_indices()
        .filter(|&(_, c)| {
            (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}' | '\u{feff}' | '\u{061c}')
        })
        .map(|(i, c)| format!("U+{:04X} at {i}", c as u32))
        .collect()
}

/// The title of the hostile task, as stored.
const HOSTILE_TITLE: &str =
    "Họp dân\x1b]0;pwned\x07 thôn\x1b[2J 3\u{9b}31m đỏ\u{202e}ngược\u{200b}";

/// Add a task whose every text is hostile, with the library on the
/// database (the server is not running).
fn add_hostile_task(w: &World) -> u64 {
    use papi_board::domain::board::Ctx;
    use papi_board::domain::command::Command;
    use papi_board::domain::task::Task;
    let mut store = papi_board::store::Store::open(&w.db.path()).unwrap();
    let id = store.board().next_id;
    let mut t = Task::new(HOSTILE_TITLE, 2, "dc");
    t.description = format!("{HOSTILE_TITLE}\nđoạn hai\u{85}\u{7f}");
    t.output = "Biên bản\x1b[8m ẩn".into();
    t.due.text = Some("Quý III\x1b[5m/2025".into());
    let ctx = Ctx {
        now: 1_750_000_000_000,
        author: "tester".into(),
    };
    store.apply(Command::AddTask(t), &ctx).unwrap();
    id
}

/// Export files of the hostile board written locally, each read back by a
/// real reader: the task is there, and no control character.
fn exported_files_are_inert(w: &World, id: u64) {
    let dir = w.keys.path();
    for ext in ["csv", "md", "json", "xlsx"] {
        let file = dir.join(format!("bao-cao.{ext}"));
        let out = w.db.run(&["export", file.to_str().unwrap()]);
        assert!(out.status.success(), "{}", common::stderr(&out));
        let bytes = std::fs::read(&file).unwrap();
        match ext {
            "xlsx" => {
                use calamine::{Reader, Xlsx, open_workbook};
                let mut book: Xlsx<_> = open_workbook(&file).unwrap();
                let sheet = book.worksheet_range_at(0).unwrap().unwrap();
                let cells: Vec<String> = sheet.cells().map(|(_, _, c)| c.to_string()).collect();
                assert!(
                    cells.iter().any(|c| c.contains("Họp dân")),
                    "the task is there"
                );
                for c in cells {
                    assert!(controls_in(c.as_bytes()).is_empty(), "{c:?}");
                }
            }
            "json" => {
                let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                let t = v
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|t| t["id"] == id)
                    .unwrap();
                assert_eq!(t["title"], HOSTILE_TITLE, "the text is kept, escaped");
                assert!(controls_in(&bytes).is_empty(), "{:?}", controls_in(&bytes));
            }
            _ => {
                let text = String::from_utf8(bytes.clone()).unwrap();
                assert!(text.contains("Họp dân␛]0;pwned␇ thôn␛[2J 3"), "shown inert");
                assert!(
                    controls_in(&bytes).is_empty(),
                    "{ext}: {:?}",
                    controls_in(&bytes)
                );
                if ext == "csv" {
                    let mut r = csv::ReaderBuilder::new()
                        .flexible(true)
                        .from_reader(&bytes[3..]);
                    assert!(
                        r.records()
                            .any(|row| row.unwrap().iter().any(|c| c.contains("Họp dân")))
                    );
                }
            }
        }
    }
}

/// Finding 8: `export -` printed ESC ] 0;…BEL, ESC [2J and the C1 byte 0x9B
/// from a title; `list --json` passed U+009B unescaped. Every way out now
/// makes such text inert: the report formats show controls as symbols and
/// drop bidi overrides; JSON escapes them (and reads back the same text).
#[test]
fn no_control_byte_leaves_the_server_or_an_export_file() {
    let w = World::new();
    let lan = w.key("lan");
    w.add_user("lan", &lan, "viewer", None);
    let id = add_hostile_task(&w);
    let sid = id.to_string();
    exported_files_are_inert(&w, id);
    let server = w.serve(&[]);
    for cmd in [
        &["export", "-"][..],
        &["export", "-", "--format", "md"],
        &["export", "-", "--format", "json"],
        &["list", "--json"],
        &["list"],
        &["show", &sid],
        &["show", &sid, "--json"],
        &["status", "--json"],
        &["history", "--json"],
    ] {
        let (code, out, err) = run(&w, &server, &lan, "lan", cmd);
        assert_eq!(code, Some(0), "{cmd:?}: {err}");
        assert!(
            out.contains("Họp dân") || cmd[0] == "status" || cmd[0] == "history",
            "{cmd:?}"
        );
        let found = controls_in(out.as_bytes());
        assert!(found.is_empty(), "{cmd:?}: {found:?}");
    }
    let (_, list, _) = run(&w, &server, &lan, "lan", &["list", "--json"]);
    assert!(
        list.contains("\\u009b31m") && list.contains("\\u202e"),
        "escaped, not dropped"
    );
    let v: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|t| t["title"] == HOSTILE_TITLE)
    );
    server.stop();
}

/// Finding 9: with `PAPI_BOARD_DB` (a documented option) in the server's
/// environment, every remote command was refused ("does not run over
/// SSH"). The server's own environment is its choice; only a client
/// naming a database is refused.
#[test]
fn serve_honours_papi_board_db_and_still_refuses_a_clients_db() {
    let w = World::new();
    let lan = w.key("lan");
    w.add_user("lan", &lan, "admin", None);
    let db = w.db.path();
    let server = Server::start(&w.db, &[], &[("PAPI_BOARD_DB", db.to_str().unwrap())]);
    let (code, out, err) = run(&w, &server, &lan, "lan", &["status", "--json"]);
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"], 50);
    let elsewhere = w.keys.path().join("other-db");
    let (code, out, _) = run(
        &w,
        &server,
        &lan,
        "lan",
        &["status", "--db", elsewhere.to_str().unwrap()],
    );
    assert_eq!(code, Some(2), "a client cannot name a database");
    assert!(out.is_empty());
    assert!(!elsewhere.exists(), "nothing made there");
    server.stop();
}

/// Modes of every file and directory under `dir` that are not the owner's
/// only (0600 files, 0700 directories).
fn not_private(dir: &std::path::Path) -> Vec<String> {
    use std::os::unix::fs::PermissionsExt;
    let mut bad = Vec::new();
    let mode = std::fs::metadata(dir).unwrap().permissions().mode() & 0o777;
    if mode != 0o700 {
        bad.push(format!("{} {mode:o}", dir.display()));
    }
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let t = e.file_type().unwrap();
        if t.is_dir() {
            bad.extend(not_private(&e.path()));
        } else {
            let mode = e.metadata().unwrap().permissions().mode() & 0o777;
            if mode != 0o600 {
                bad.push(format!("{} {mode:o}", e.path().display()));
            }
        }
    }
    bad
}

/// The database and its daily backup (taken on the first open) are the
/// owner's only; a host key that others can read is made private again,
/// with a word.
fn files_stay_private(w: &World) {
    let db = w.db.path();
    let backups = db.with_file_name("db.backups");
    assert!(
        std::fs::read_dir(&backups).unwrap().count() > 0,
        "a daily backup"
    );
    for dir in [&db, &backups] {
        assert_eq!(not_private(dir), Vec::<String>::new());
    }
    // A host key that others can read is made private again, with a word.
    use std::os::unix::fs::PermissionsExt;
    let key = db.join("ssh_host_ed25519_key");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o755)).unwrap();
    let server = w.serve(&[]);
    let said = server.wait_stderr("ssh_host_ed25519_key");
    assert!(
        said.contains("ssh_host_ed25519_key") && said.contains("0600"),
        "{said}"
    );
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!((mode(&key), mode(&db)), (0o600, 0o700), "tightened at once");
    server.stop();
    // Files sled makes while serving sit in the closed folder; at close
    // they are the owner's only too.
    assert_eq!(not_private(&db), Vec::<String>::new(), "tightened again");
}

/// Finding 10, and what must keep holding: a subsystem (sftp) is refused
/// with a message instead of hanging; only public keys are offered;
/// forwarding is refused; old key exchanges and ciphers are not spoken; a
/// host key left readable by others is made private again with a warning;
/// the database, its backups and the server's files are the owner's only.
#[test]
fn the_server_offers_nothing_but_the_board_and_keeps_its_files_private() {
    let w = World::new();
    let lan = w.key("lan");
    w.add_user("lan", &lan, "admin", None);
    let server = w.serve(&[]);
    let base = w.ssh_args(server.port, &lan, "lan");
    let ssh = |extra: &[&str], rest: &[&str]| {
        std::process::Command::new("ssh")
            .args(extra)
            .args(&base)
            .args(rest)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    };
    let start = Instant::now();
    let out = ssh(&["-s"], &["sftp"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(
        common::stderr(&out).contains("không có dịch vụ: sftp"),
        "{}",
        common::stderr(&out)
    );
    assert!(
        start.elapsed() < Duration::from_secs(15),
        "answered at once"
    );
    let out = ssh(&["-W", "127.0.0.1:22"], &[]);
    assert_eq!(out.status.code(), Some(255));
    let said = common::stderr(&out);
    assert!(
        said.contains("prohibited") || said.contains("forwarding failed"),
        "{said}"
    );
    let out = ssh(
        &[
            "-o",
            "PreferredAuthentications=password,keyboard-interactive",
        ],
        &["status"],
    );
    assert_eq!(out.status.code(), Some(255));
    assert!(common::stderr(&out).contains("Permission denied (publickey)"));
    for (opts, what) in [
        (
            &["-o", "KexAlgorithms=diffie-hellman-group14-sha1"][..],
            "key exchange",
        ),
        (&["-o", "Ciphers=aes128-cbc"], "cipher"),
        (&["-o", "Ciphers=aes128-ctr", "-o", "MACs=hmac-md5"], "MAC"),
    ] {
        // The refusal is said at the INFO level (the first value given wins).
        let out = ssh(&[opts, &["-o", "LogLevel=INFO"]].concat(), &["status"]);
        assert_eq!(out.status.code(), Some(255), "{opts:?}");
        let said = common::stderr(&out);
        assert!(
            said.contains(&format!("no matching {what}")),
            "{opts:?}: {said}"
        );
    }
    server.stop();

    files_stay_private(&w);
}

/// `user add NAME --key …` over SSH, by an admin, with the key's text.
fn put_user(w: &World, s: &Server, admin: &Key, name: &str, key: &Key, role: &str, unit: &str) {
    let quoted = format!("'{}'", key.public().trim());
    let (code, _, err) = run(
        w,
        s,
        admin,
        "lan",
        &[
            "user", "add", name, "--key", &quoted, "--role", role, "--unit", unit,
        ],
    );
    assert_eq!(code, Some(0), "{err}");
}

/// Wait for a board session's client to be closed by the server; how long
/// after `since` that was. The session must have said why.
fn closed_with_message(board: &mut Pty, since: Instant) -> Duration {
    let (_, at) = board
        .wait_exit(Duration::from_secs(20))
        .expect("the session was closed");
    assert!(
        board.text.contains("thu hồi"),
        "it said why: {:?}",
        board.text
    );
    at.saturating_duration_since(since)
}

/// Finding 3: a connection made with a user's old key kept working after
/// the key was replaced, and a removed user's board kept its live updates
/// and could open new channels. Now a connection carries the key it logged
/// in with: replacing the key or removing the user closes its sessions
/// within a second, with a message, and the old key no longer logs in.
#[test]
fn a_replaced_key_or_a_removed_user_is_cut_off_at_once() {
    let w = World::new();
    let (lan, dung, dung2) = (w.key("lan"), w.key("dung"), w.key("dung2"));
    w.add_user("lan", &lan, "admin", None);
    w.add_user("dung", &dung, "editor", Some("dc"));
    let server = w.serve(&[]);
    let mut board = w.pty(server.port, &dung, "dung");
    board.wait_for("Chưa thực hiện");
    // Another of dung's connections, running a command that waits on
    // nothing but its client.
    let mut watcher = w.pty(server.port, &dung, "dung");
    watcher.wait_for("Chưa thực hiện");

    put_user(&w, &server, &lan, "dung", &dung2, "editor", "dc");
    let replaced = Instant::now();
    let took = closed_with_message(&mut board, replaced);
    let took2 = closed_with_message(&mut watcher, replaced);
    eprintln!("old key's sessions closed {took:?} and {took2:?} after the change returned");
    assert!(took < Duration::from_secs(1) && took2 < Duration::from_secs(1));
    let (code, _, _) = run(&w, &server, &dung, "dung", &["status"]);
    assert_eq!(code, Some(255), "the old key is refused");

    // The new key works, until the user is removed.
    let mut board = w.pty(server.port, &dung2, "dung");
    board.wait_for("Chưa thực hiện");
    let (code, _, err) = run(&w, &server, &lan, "lan", &["user", "remove", "dung"]);
    assert_eq!(code, Some(0), "{err}");
    let took = closed_with_message(&mut board, Instant::now());
    eprintln!("removed user's session closed {took:?} after the removal returned");
    assert!(took < Duration::from_secs(1));
    let (code, _, _) = run(&w, &server, &dung2, "dung", &["status"]);
    assert_eq!(code, Some(255), "a removed user is refused");
    server.stop();
}

/// What must keep holding: a demotion takes effect at once, in the open
/// session, with the same key.
#[test]
fn a_demoted_editor_changes_nothing_from_the_next_key_on() {
    let w = World::new();
    let (lan, dung) = (w.key("lan"), w.key("dung"));
    w.add_user("lan", &lan, "admin", None);
    w.add_user("dung", &dung, "editor", Some("dc"));
    let server = w.serve(&[]);
    let mut board = w.pty(server.port, &dung, "dung");
    board.wait_for("Chưa thực hiện");
    // dung filters to his unit and moves its first task.
    board.write(b"F");
    board.wait_for("Địa chính");
    board.write(b"dc\r");
    board.wait_screen(Duration::from_secs(20), |s| {
        s.contains("@dc") || s.contains("Địa chính")
    });
    board.write(b"L");
    board.wait_for("Đang thực hiện (1)");
    put_user(&w, &server, &lan, "dung", &dung, "viewer", "dc");
    board.write(b"H");
    board.wait_for("chỉ có quyền xem");
    let (code, list, _) = run(
        &w,
        &server,
        &lan,
        "lan",
        &["list", "--json", "--status", "doing"],
    );
    assert_eq!(code, Some(0));
    let doing: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(
        doing.as_array().unwrap().len(),
        1,
        "the card was not moved back"
    );
    assert!(
        board.wait_exit(Duration::from_millis(300)).is_none(),
        "the session stays"
    );
    server.stop();
}

/// Over SSH, `who` goes to the task titled "Họp dân thôn Phú Sơn" (#51)
/// and deletes it (d, then y to the question); the screen after.
fn delete_over_ssh(w: &World, s: &Server, key: &Key, who: &str) -> String {
    let mut board = w.pty(s.port, key, who);
    board.wait_for("Chưa thực hiện");
    // The new task is the first of its lane: down until the strip under
    // the board names it.
    let strip = |s: &str| {
        s.split("── #")
            .nth(1)
            .and_then(|r| r.split(' ').next())
            .map(str::to_string)
    };
    let mut at = strip(&board.wait_for("── #"));
    for _ in 0..12 {
        if at.as_deref() == Some("51") {
            break;
        }
        board.write(b"j");
        let before = at.clone();
        at = strip(&board.wait_screen(Duration::from_secs(20), |s| strip(s) != before));
    }
    assert_eq!(at.as_deref(), Some("51"), "{who} reached task #51");
    board.write(b"d");
    board.wait_for("(y/n)");
    board.write(b"y");
    board.wait_screen(Duration::from_secs(20), |s| {
        s.contains("Chỉ đơn vị chủ trì") || s.contains("Chưa thực hiện (50)")
    })
}

/// Finding 10, the delete rule (decided, and written in the guides): an
/// editor whose unit only supports a task cannot delete it; an editor of
/// its lead unit can.
#[test]
fn only_the_lead_units_editor_deletes_a_task_over_ssh() {
    let w = World::new();
    let (lan, dung, hai) = (w.key("lan"), w.key("dung"), w.key("hai"));
    w.add_user("lan", &lan, "viewer", None);
    w.add_user("dung", &dung, "editor", Some("dc"));
    w.add_user("hai", &hai, "editor", Some("vp"));
    let out = w.db.run(&["add", "Họp dân thôn Phú Sơn @vp +dc #2"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let server = w.serve(&[]);
    let count = || {
        let (code, list, err) = run(&w, &server, &lan, "lan", &["list", "--json"]);
        assert_eq!(code, Some(0), "{err}");
        let v: serde_json::Value = serde_json::from_str(&list).unwrap();
        v.as_array().unwrap().len()
    };
    assert_eq!(count(), 51);
    let screen = delete_over_ssh(&w, &server, &dung, "dung");
    assert!(screen.contains("Chỉ đơn vị chủ trì"), "{screen}");
    assert_eq!(count(), 51, "the supporting unit's editor deleted nothing");
    let screen = delete_over_ssh(&w, &server, &hai, "hai");
    assert!(!screen.contains("Chỉ đơn vị chủ trì"), "{screen}");
    assert_eq!(count(), 50, "the lead unit's editor deleted it");
    server.stop();
}
