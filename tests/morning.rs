//! The morning check (`papi-board status`) as an officer reads it at
//! 80×24, and the audit trail (`papi-board history`) as a person reads it:
//! the real binary on a real database.

mod common;

use common::TempDb;
use common::tmux::Tmux;

/// Today in Viet Nam: the changes the commands below make are stamped with
/// the real clock, and "since yesterday" is counted from this date.
fn vn_today() -> String {
    (chrono::Utc::now() + chrono::Duration::hours(7))
        .format("%Y-%m-%d")
        .to_string()
}

/// A morning's worth of work on the sample plan, done by two colleagues.
fn worked(db: &TempDb) {
    let as_user = |user: &str, args: &[&str]| {
        let out = db.run_env(args, &[("USER", user)]);
        assert!(out.status.success(), "{args:?}: {}", common::stderr(&out));
    };
    as_user("lan", &["move", "2", "doing"]);
    as_user("lan", &["move", "5", "done"]);
    as_user("hoa", &["move", "8", "blocked"]);
    as_user("hoa", &["note", "3", "Đã gửi giấy mời 120 hộ"]);
    as_user(
        "hoa",
        &[
            "add",
            "Niêm yết công khai thủ tục đất đai @dc #5 !20/6/2025",
        ],
    );
    as_user(
        "lan",
        &["add", "Báo cáo sơ kết 6 tháng @vp +dc #0 !5/7/2025"],
    );
}

#[test]
fn status_fits_an_80_by_24_screen_and_says_what_changed() {
    let db = TempDb::new();
    worked(&db);
    let today = vn_today();
    let text = db.stdout(&["--today", &today, "status"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() < 24, "{} lines:\n{text}", lines.len());
    assert!(
        lines
            .iter()
            .all(|l| unicode_width::UnicodeWidthStr::width(*l) <= 80),
        "{text}"
    );
    assert!(lines[0].starts_with("Kế hoạch 05/KH-UBND"), "{text}");
    for want in [
        "52 nhiệm vụ",
        "HT đúng hạn 1",
        "Quá hạn 2",
        "Vướng mắc 1",
        "Nhiệm vụ vướng mắc (1)",
        "Thay đổi từ hôm qua",
        "lan    #2 Tình trạng: Chưa thực hiện → Đang thực hiện",
        "lan    #5 Tình trạng: Chưa thực hiện → Hoàn thành",
        "hoa    #3 ghi chú: Đã gửi giấy mời 120 hộ",
        "hoa    #51 tạo nhiệm vụ",
    ] {
        assert!(text.contains(want), "{want:?} in:\n{text}");
    }
    // Piped: no colour codes.
    assert!(!text.contains('\x1b'), "{text:?}");
    // The full tables are still there with --full.
    let full = db.stdout(&["--today", &today, "status", "--full"]);
    for want in [
        "Lĩnh vực",
        "Đơn vị",
        "1. Tham gia",
        "0. Chung",
        "vp   Văn phòng",
    ] {
        assert!(full.contains(want), "{want:?} in:\n{full}");
    }
}

#[test]
fn a_long_morning_still_fits_and_says_how_to_see_the_rest() {
    // 400 tasks of a busy commune: over a hundred overdue, dozens blocked.
    let db = TempDb::new();
    db.stdout(&["generate", "--tasks", "400"]);
    let text = db.stdout(&["--today", "2025-07-01", "status"]);
    assert!(text.lines().count() < 24, "{text}");
    assert!(
        text.lines().next().unwrap().starts_with("Kế hoạch"),
        "{text}"
    );
    let overdue = text
        .lines()
        .find(|l| l.starts_with("Nhiệm vụ quá hạn ("))
        .unwrap();
    let n: usize = overdue
        .trim_start_matches("Nhiệm vụ quá hạn (")
        .trim_end_matches(')')
        .parse()
        .unwrap();
    assert!(n > 20, "{text}");
    for want in [
        "papi-board list --overdue",
        "papi-board list --status blocked",
        "Thay đổi từ hôm qua",
    ] {
        assert!(text.contains(want), "{want:?} in:\n{text}");
    }
}

#[test]
fn status_unit_separates_lead_and_support_and_leaves_out_empty_rows() {
    let db = TempDb::new();
    worked(&db);
    let text = db.stdout(&["--today", "2025-07-01", "status", "--unit", "dc"]);
    assert!(text.contains("Đơn vị dc · Địa chính"), "{text}");
    // dc leads its 7 tasks of the plan and #51; it supports #52.
    assert!(text.contains("Chủ trì (8)"), "{text}");
    assert!(text.contains("Phối hợp (1)"), "{text}");
    // #52 is vp's, supported by dc: marked so in the lists.
    let line = text
        .lines()
        .find(|l| l.contains("#52"))
        .expect("#52 listed");
    assert!(line.contains("+vp"), "{line}");
    let full = db.stdout(&["--today", "2025-07-01", "status", "--unit", "dc", "--full"]);
    assert!(
        full.contains("Lĩnh vực · Chủ trì") && full.contains("Lĩnh vực · Phối hợp"),
        "{full}"
    );
    assert!(
        !full.contains("1. Tham gia"),
        "dc has nothing in dimension 1:\n{full}"
    );
    assert!(
        !full.contains("    0           0          0         0       0"),
        "{full}"
    );
}

#[test]
fn status_is_coloured_on_a_terminal_only() {
    let db = TempDb::new();
    worked(&db);
    let t = Tmux::start(80, 24);
    let bin = common::bin();
    // Each run clears the screen first; "END$((40+n))" shows as END4n
    // only once the command has printed everything — a marker of its own
    // per run, so the screen of the run before never passes for this one's.
    let run = |env: &str, n: u8| {
        t.type_line(&format!(
            "clear; {env} {} --db {} --today 2025-07-01 status; echo END$((40+{n}))",
            bin.display(),
            db.path().display()
        ));
        let end = format!("END{}", 40 + n);
        t.wait_until("status printed", |s| {
            s.contains(&end) && !s.contains("END$")
        });
        t.styled()
    };
    let coloured = run("", 1);
    assert!(
        coloured.contains("\x1b[31m1"),
        "overdue in red: {coloured:?}"
    );
    let plain = run("NO_COLOR=1", 2);
    assert!(plain.contains("Quá hạn 1"), "{plain:?}");
    assert!(
        !plain.contains("\x1b[31m") && !plain.contains("\x1b[32m"),
        "{plain:?}"
    );
}

#[test]
fn history_shows_ids_and_old_and_new_values_in_the_interface_language() {
    let db = TempDb::new();
    let as_lan = |args: &[&str]| {
        let out = db.run_env(args, &[("USER", "lan")]);
        assert!(out.status.success(), "{args:?}: {}", common::stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let id = as_lan(&["add", "Họp dân thôn Phú Sơn @thon #1"]);
    let id = id.trim();
    as_lan(&[
        "edit",
        id,
        "--due",
        "30/9/2025",
        "--progress",
        "40",
        "--support",
        "tp",
    ]);
    as_lan(&["move", id, "doing"]);
    let vi = as_lan(&["history", "--task", id]);
    for want in [
        format!("lan: #{id} tạo nhiệm vụ: “Họp dân thôn Phú Sơn”"),
        "Thời hạn: — → 30/9/2025".to_string(),
        "Tiến độ: 0% → 40%".to_string(),
        "Đơn vị phối hợp: — → tp".to_string(),
        "Tình trạng: Chưa thực hiện → Đang thực hiện".to_string(),
    ] {
        assert!(vi.contains(&want), "{want:?} in:\n{vi}");
    }
    assert!(!vi.contains("#0 "), "{vi}");
    let en = as_lan(&["--lang", "en", "history", "--task", id]);
    for want in [
        format!("lan: #{id} created the task: “Họp dân thôn Phú Sơn”"),
        "Deadline: — → 30/09/2025".to_string(),
        "Progress: 0% → 40%".to_string(),
        "Status: To do → In progress".to_string(),
    ] {
        assert!(en.contains(&want), "{want:?} in:\n{en}");
    }
}

#[test]
fn the_local_author_is_the_os_user_or_the_configured_name() {
    let db = TempDb::new();
    // No $USER (a service, `env -i`): the password database names the user.
    let out = std::process::Command::new(common::bin())
        .env_clear()
        .env("PAPI_BOARD_CONFIG", db.dir.path().join("none.toml"))
        .args(["--db", db.path().to_str().unwrap(), "move", "1", "doing"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let history = db.stdout(&["history", "--task", "1"]);
    assert!(!history.contains(" local:"), "{history}");
    // A name from the settings file wins.
    std::fs::write(
        db.dir.path().join("config.toml"),
        "name = \"Nguyễn Thị Lan\"\n",
    )
    .unwrap();
    db.stdout(&["move", "1", "done"]);
    let history = db.stdout(&["history", "--task", "1"]);
    assert!(
        history.contains("Nguyễn Thị Lan: #1 Tình trạng"),
        "{history}"
    );
}
