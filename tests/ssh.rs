//! The board served over SSH, driven with the real OpenSSH client: `ssh -tt`
//! inside tmux for board sessions, `ssh … COMMAND` for the morning check.
//! Every test starts the real binary (`papi-board serve`) on a real
//! database on disk, on a free loopback port, and stops it with SIGTERM.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::ssh::{World, wait_until};
use common::tmux::Tmux;

/// Wait until `t` shows `needle`; returns how long that took from `since`.
fn seen_after(t: &Tmux, needle: &str, since: Instant) -> Duration {
    t.wait_for(needle);
    since.elapsed()
}

fn pid_in(t: &Tmux) -> String {
    let shell = t.format("#{pane_pid}");
    let out = Command::new("pgrep").args(["-P", &shell]).output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn two_users_share_the_board_live_viewers_are_refused_and_drops_are_harmless() {
    let w = World::new();
    let (lan, minh, hoa) = (w.key("lan"), w.key("minh"), w.key("hoa"));
    w.add_user("lan", &lan, "admin", None);
    w.add_user("minh", &minh, "viewer", None);
    w.add_user("hoa", &hoa, "admin", None);
    let server = w.serve(&[]);

    let a = w.board(server.port, &lan, "lan", 80, 24);
    let b = w.board(server.port, &minh, "minh", 80, 24);
    let c = w.board(server.port, &hoa, "hoa", 80, 24);
    for t in [&a, &b, &c] {
        t.wait_for("Chưa thực hiện (50)");
        assert_eq!(t.format("#{alternate_on}"), "1", "the alternate screen");
    }

    // lan moves the first card; the others see it within a second.
    a.keys(&["L"]);
    a.wait_for("Đang thực hiện (1)");
    let shown = Instant::now();
    let took = seen_after(&b, "Đang thực hiện (1)", shown);
    assert!(took < Duration::from_secs(1), "minh saw it after {took:?}");
    c.wait_for("Đang thực hiện (1)");

    // minh is a viewer: moving the card back is refused, says why, and
    // changes nothing.
    b.keys(&["H"]);
    let screen = b.wait_for("chỉ có quyền xem");
    assert!(screen.contains("Chưa thực hiện (49)"), "{screen}");
    std::thread::sleep(Duration::from_millis(300));
    let screen = a.screen();
    assert!(
        screen.contains("Đang thực hiện (1)") && screen.contains("Chưa thực hiện (49)"),
        "nothing changed for lan: {screen}"
    );
    // Moving it on into Vướng mắc is refused at once: the viewer is not
    // asked what blocks the task only to be refused after typing it.
    b.keys(&["Escape", "L"]);
    std::thread::sleep(Duration::from_millis(500));
    let screen = b.wait_for("chỉ có quyền xem");
    assert!(!screen.contains("Vướng mắc gì"), "{screen}");
    assert!(screen.contains("Đang thực hiện (1)"), "{screen}");

    // The details of the moved card show its history ("Lịch sử").
    a.keys(&["Enter"]);
    a.wait_for("Đơn vị chủ trì");
    let mut screen = a.screen();
    for _ in 0..40 {
        if screen.contains("lan: Tình trạng: Chưa thực hiện → Đang thực hiện") {
            break;
        }
        a.keys(&["j"]);
        screen = a.screen();
    }
    assert!(
        screen.contains("Lịch sử")
            && screen.contains("lan: Tình trạng: Chưa thực hiện → Đang thực hiện"),
        "{screen}"
    );
    assert!(!screen.contains("minh:"), "the refused move left no trace");
    a.keys(&["q"]);
    a.wait_for("Chưa thực hiện (49)");

    // A resize re-lays out minh's board (and only his).
    b.resize(160, 40);
    wait_until(&b, "the columns widen", |screen| {
        let header = screen.lines().nth(1).unwrap_or_default();
        header.contains("Xong 0") && header.trim_end().chars().count() > 120
    });
    let narrow = a.screen();
    assert!(
        narrow
            .lines()
            .nth(1)
            .unwrap_or_default()
            .trim_end()
            .chars()
            .count()
            <= 80,
        "lan's board keeps its own size"
    );

    // lan's client dies abruptly: the others keep working.
    let pid = pid_in(&a);
    assert!(!pid.is_empty(), "lan's ssh client found");
    Command::new("kill").args(["-KILL", &pid]).status().unwrap();
    a.wait_for("SSH_EXIT=");
    c.keys(&["h", "L"]);
    c.wait_for("Đang thực hiện (2)");
    b.wait_for("Đang thực hiện (2)");

    // Quitting restores the client's terminal.
    c.keys(&["q"]);
    c.wait_for("SSH_EXIT=0");
    assert_eq!(c.format("#{alternate_on}"), "0", "alternate screen left");
    assert_eq!(c.format("#{cursor_flag}"), "1", "cursor shown again");

    // SIGTERM: minh's session is closed cleanly, the server exits 0.
    server.stop();
    b.wait_for("SSH_EXIT=");
    assert_eq!(b.format("#{alternate_on}"), "0", "minh's terminal restored");

    // Everything is on disk, and the audit names who did what.
    let tasks = w.db.json(&["list", "--json", "--status", "doing"]);
    assert_eq!(tasks.as_array().unwrap().len(), 2, "{tasks}");
    let history = w.db.json(&["history", "--json"]);
    let moves: Vec<(String, String)> = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "move")
        .map(|e| {
            (
                e["author"].as_str().unwrap().to_string(),
                e["summary"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        moves,
        vec![
            (
                "lan".to_string(),
                "Tình trạng: Chưa thực hiện → Đang thực hiện".to_string()
            ),
            (
                "hoa".to_string(),
                "Tình trạng: Chưa thực hiện → Đang thực hiện".to_string()
            ),
        ],
        "the two moves and only them, each with its user"
    );
    let text = w.db.stdout(&["history", "--user", "lan"]);
    assert!(
        text.contains("lan: #1 Tình trạng: Chưa thực hiện → Đang thực hiện"),
        "{text}"
    );
}

#[test]
fn commands_run_over_ssh_as_the_user() {
    let w = World::new();
    let (lan, hoa, dung) = (w.key("lan"), w.key("hoa"), w.key("dung"));
    w.add_user("lan", &lan, "admin", None);
    w.add_user("hoa", &hoa, "viewer", None);
    w.add_user("dung", &dung, "editor", Some("dc"));
    let dc_tasks =
        w.db.json(&["list", "--json", "--unit", "dc"])
            .as_array()
            .unwrap()
            .len();
    let server = w.serve(&[]);
    let port = server.port;

    // The morning check of one's own work: an editor of Địa chính sees its tasks.
    let out = w.ssh(port, &dung, "dung", &["status", "--json"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let mine: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(mine["total"].as_u64().unwrap() as usize, dc_tasks);
    let out = w.ssh(port, &dung, "dung", &["status", "--json", "--all"]);
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(all["total"], 50, "--all gives the whole board");

    let out = w.ssh(port, &hoa, "hoa", &["status"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("50 nhiệm vụ · HT đúng hạn 0"), "{text}");
    assert!(text.contains("tính đến ngày 01/07/2025"), "{text}");

    let out = w.ssh(port, &hoa, "hoa", &["list", "--json"]);
    assert!(out.status.success());
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(list.as_array().unwrap().len(), 50);

    let out = w.ssh(port, &hoa, "hoa", &["show", "1", "--lang", "en"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("#1 "));

    // The progress report to standard output; never a file on the server.
    let out = w.ssh(port, &hoa, "hoa", &["export", "-", "--format", "json"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let _: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let out = w.ssh(port, &hoa, "hoa", &["export", "-"]);
    assert!(
        String::from_utf8_lossy(&out.stdout).lines().count() > 50,
        "a CSV row per task"
    );
    let file = w.keys.path().join("report.csv");
    let out = w.ssh(port, &hoa, "hoa", &["export", &file.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!file.exists(), "nothing written on the server");

    // Failures: a message on stderr and the exit status of the command.
    let out = w.ssh(port, &hoa, "hoa", &["show", "999"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("Không có nhiệm vụ số 999"));
    let out = w.ssh(port, &hoa, "hoa", &["status", "--db", "/tmp/x"]);
    assert_eq!(out.status.code(), Some(2), "no other database over SSH");
    let out = w.ssh(port, &hoa, "hoa", &["serve"]);
    assert_eq!(out.status.code(), Some(2));

    // Users over SSH: admins only, and audited under their name.
    let minh = w.key("minh");
    let public = minh.public();
    let add = ["user", "add", "minh", "--role", "viewer", "--key"];
    let quoted = format!("'{}'", public.trim());
    let mut args: Vec<&str> = add.to_vec();
    args.push(&quoted);
    let out = w.ssh(port, &hoa, "hoa", &args);
    assert_eq!(out.status.code(), Some(2), "a viewer cannot add users");
    assert!(common::stderr(&out).contains("chỉ có quyền xem"));
    let out = w.ssh(port, &lan, "lan", &args);
    assert!(out.status.success(), "{}", common::stderr(&out));
    // The new user is let in at once; the list of users (every key) is
    // an admin's to see.
    let out = w.ssh(port, &minh, "minh", &["user", "list", "--json"]);
    assert_eq!(out.status.code(), Some(2), "a viewer cannot list the users");
    assert!(out.stdout.is_empty() && common::stderr(&out).contains("chỉ có quyền xem"));
    let out = w.ssh(port, &lan, "lan", &["user", "list"]);
    let users = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        users.contains("minh") && users.contains("viewer"),
        "{users}"
    );
    let out = w.ssh(port, &lan, "lan", &["history", "--json"]);
    let history: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let last = history.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["author"], "lan");
    assert_eq!(last["kind"], "user");

    // While serving, a command of the same user on the server is served by
    // it, and the SSH users see the change at once.
    let out = common::run_live(&w.db.path(), &["add", "Họp giao ban tháng 7 @vp"], &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let out = w.ssh(port, &hoa, "hoa", &["show", &id]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Họp giao ban tháng 7"),
        "{}",
        common::stderr(&out)
    );
    server.stop();
    assert!(
        w.db.run(&["status"]).status.success(),
        "free again after stop"
    );
}

#[test]
fn unknown_keys_are_refused_with_a_delay_and_the_host_key_is_kept() {
    let w = World::new();
    let (lan, stranger) = (w.key("lan"), w.key("stranger"));
    w.add_user("lan", &lan, "admin", None);
    let server = w.serve(&[]);
    let first = server.fingerprint.clone();

    let start = Instant::now();
    let out = w.ssh(server.port, &stranger, "lan", &["status"]);
    assert_eq!(out.status.code(), Some(255), "refused");
    assert!(common::stderr(&out).contains("Permission denied"));
    assert!(
        start.elapsed() >= Duration::from_millis(900),
        "refused only after a delay: {:?}",
        start.elapsed()
    );
    // A known key under another user's name is refused too.
    let out = w.ssh(server.port, &lan, "minh", &["status"]);
    assert_eq!(out.status.code(), Some(255));
    assert!(
        w.ssh(server.port, &lan, "lan", &["status"])
            .status
            .success()
    );
    server.stop();

    // The host key survives a restart: strict checking still passes.
    let key = w.db.path().join("ssh_host_ed25519_key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the host key is private");
    }
    let server = w.serve(&[]);
    assert_eq!(server.fingerprint, first, "same host key");
    // The known host was recorded with the old port; the key must match.
    let known = std::fs::read_to_string(w.known_hosts()).unwrap();
    let old_port = known
        .split(']')
        .nth(1)
        .and_then(|r| r.trim_start_matches(':').split_whitespace().next())
        .unwrap()
        .to_string();
    let moved = known.replace(&format!("]:{old_port} "), &format!("]:{} ", server.port));
    std::fs::write(w.known_hosts(), moved).unwrap();
    let mut args = w.ssh_args(server.port, &lan, "lan");
    let strict = args
        .iter()
        .position(|a| a == "StrictHostKeyChecking=accept-new")
        .unwrap();
    args[strict] = "StrictHostKeyChecking=yes".into();
    let out = Command::new("ssh")
        .args(&args)
        .arg("status")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    server.stop();
}

#[test]
fn the_session_limit_turns_extra_connections_away() {
    let w = World::new();
    let lan = w.key("lan");
    w.add_user("lan", &lan, "admin", None);
    let server = w.serve(&["--max-sessions", "1"]);
    let a = w.board(server.port, &lan, "lan", 80, 24);
    a.wait_for("Chưa thực hiện (50)");
    let out = w.ssh(server.port, &lan, "lan", &["status"]);
    assert_eq!(
        out.status.code(),
        Some(255),
        "the second connection is turned away"
    );
    a.keys(&["q"]);
    a.wait_for("SSH_EXIT=0");
    // The slot is free again once the first session has gone.
    let start = Instant::now();
    loop {
        if w.ssh(server.port, &lan, "lan", &["status"])
            .status
            .success()
        {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(5), "slot freed");
        std::thread::sleep(Duration::from_millis(100));
    }
    server.stop();
}

#[test]
fn a_flooding_connection_does_not_stall_the_others() {
    use std::io::Write;
    let w = World::new();
    let (lan, minh, flood) = (w.key("lan"), w.key("minh"), w.key("flood"));
    w.add_user("lan", &lan, "admin", None);
    w.add_user("minh", &minh, "viewer", None);
    w.add_user("flood", &flood, "admin", None);
    let server = w.serve(&[]);
    let a = w.board(server.port, &lan, "lan", 80, 24);
    let b = w.board(server.port, &minh, "minh", 80, 24);
    a.wait_for("Chưa thực hiện (50)");
    b.wait_for("Chưa thực hiện (50)");

    // A client that types as fast as the network takes it: navigation and
    // regrouping (a full re-layout per key), megabytes of it.
    let mut flooder = Command::new("ssh")
        .arg("-tt")
        .args(w.ssh_args(server.port, &flood, "flood"))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut input = flooder.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let chunk = "jjkkgJK".repeat(10_000);
        for _ in 0..100 {
            if input.write_all(chunk.as_bytes()).is_err() {
                break;
            }
        }
    });
    std::thread::sleep(Duration::from_millis(500));
    assert!(flooder.try_wait().unwrap().is_none(), "the flood is on");

    a.keys(&["L"]);
    a.wait_for("Đang thực hiện (1)");
    let shown = Instant::now();
    let took = seen_after(&b, "Đang thực hiện (1)", shown);
    assert!(took < Duration::from_secs(1), "minh saw it after {took:?}");
    assert!(
        flooder.try_wait().unwrap().is_none(),
        "the flood was still on while the change went round"
    );
    // The flood ends abruptly; the others carry on.
    Command::new("kill")
        .args(["-KILL", &flooder.id().to_string()])
        .status()
        .unwrap();
    let _ = flooder.wait();
    let _ = writer.join();
    a.keys(&["H"]);
    b.wait_for("Chưa thực hiện (50)");
    server.stop();
}

#[test]
fn the_servers_settings_give_every_session_its_keys_and_view() {
    let w = World::new();
    std::fs::write(
        w.db.dir.path().join("config.toml"),
        "view = \"overview\"\n[keys]\nmove_card_right = \"m\"\n",
    )
    .unwrap();
    let lan = w.key("lan");
    w.add_user("lan", &lan, "admin", None);
    let server = w.serve(&[]);
    let t = w.board(server.port, &lan, "lan", 80, 24);
    // The overview first, as the file says; then the board with the new key.
    t.wait_for("Toàn kế hoạch");
    t.keys(&["1"]);
    let screen = t.wait_for("Chưa thực hiện (50)");
    assert!(screen.contains("m chuyển"), "the hint names m: {screen}");
    t.keys(&["L"]);
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        t.screen().contains("Chưa thực hiện (50)"),
        "L does nothing now"
    );
    t.keys(&["m"]);
    t.wait_for("Đang thực hiện (1)");
    t.keys(&["q"]);
    t.wait_for("SSH_EXIT=0");
    // A client cannot make the server read another settings file.
    let out = w.ssh(
        server.port,
        &lan,
        "lan",
        &["--config", "/etc/passwd", "status"],
    );
    assert!(!out.status.success(), "refused");
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    server.stop();
}

/// No typed text is lost over SSH either: Ctrl+C over a half-typed
/// quick-add line asks first, `n` keeps every letter; Ctrl+C on the plain
/// board ends the session as it always did.
#[test]
fn ctrl_c_over_typed_text_asks_over_ssh_too() {
    let w = World::new();
    let lan = w.key("lan");
    w.add_user("lan", &lan, "admin", None);
    let server = w.serve(&[]);
    let t = w.board(server.port, &lan, "lan", 80, 24);
    t.wait_for("Chưa thực hiện (50)");
    t.keys(&["a"]);
    t.wait_for("Thêm nhanh>");
    t.literal("Họp dân thôn Đông @thon");
    t.wait_for("thôn Đông @thon");
    t.keys(&["C-c"]);
    t.wait_for("Bỏ nội dung đang gõ? (y/n)");
    t.keys(&["n"]);
    let screen = wait_until(&t, "the question gone", |s| !s.contains("Bỏ nội dung"));
    assert!(
        screen.contains("Thêm nhanh> Họp dân thôn Đông @thon"),
        "{screen}"
    );
    t.keys(&["Enter"]);
    t.wait_for("Chưa thực hiện (51)");
    t.keys(&["Escape"]);
    wait_until(&t, "quick-add closed", |s| !s.contains("Thêm nhanh>"));
    t.keys(&["C-c"]);
    t.wait_for("SSH_EXIT=");
    server.stop();
    let list = w.db.json(&["list", "--json"]);
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|x| x["title"] == "Họp dân thôn Đông"),
        "the task typed over SSH is saved"
    );
}
