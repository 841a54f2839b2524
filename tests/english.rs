//! `--lang en`: the interface's own words are English everywhere a person
//! reads them — deadline words in `show` and in exports, messages about a
//! typed deadline or unit — while the plan's own text (titles, unit names)
//! stays as written. Real binary, real database on disk.

mod common;

use common::TempDb;

/// A Vietnamese letter: a Latin letter with a diacritic (ă, ơ, đ, ế…).
fn has_vietnamese(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_alphabetic() && matches!(c, '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}'))
}

fn en(db: &TempDb, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--lang", "en", "--today", "2025-07-01"];
    all.extend(args);
    db.run(&all)
}

#[test]
fn deadline_words_in_show_and_exports_are_english() {
    let db = TempDb::new();
    let out = en(&db, &["show", "1"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let deadline = text.lines().find(|l| l.starts_with("Deadline:")).unwrap();
    assert_eq!(
        deadline.split_whitespace().nth(1),
        Some("Ongoing"),
        "{text}"
    );
    assert!(!text.contains("Thường xuyên"), "{text}");

    for ext in ["csv", "md"] {
        let file = db.dir.path().join(format!("report.{ext}"));
        let out = en(&db, &["export", file.to_str().unwrap()]);
        assert!(out.status.success(), "{}", common::stderr(&out));
        let report = std::fs::read_to_string(&file).unwrap();
        // The deadline column, as its cells are separated in each format
        // (titles may start "Thường xuyên…": they are the plan's text).
        let cell = |w: &str| match ext {
            "csv" => format!(",{w},"),
            _ => format!("| {w} |"),
        };
        assert!(report.contains(&cell("Ongoing")), "{ext}: {report}");
        for vi in ["Thường xuyên", "Hằng năm", "Quý", "Tháng", "Trước"] {
            assert!(!report.contains(&cell(vi)), "{ext}: no “{vi}” cell");
        }
        // The header row is the interface's: English only.
        let header = report.lines().find(|l| l.contains("Lead unit")).unwrap();
        assert!(!has_vietnamese(header), "{header}");
    }
}

#[test]
fn messages_about_typed_deadlines_and_units_are_english() {
    let db = TempDb::new();
    let cases: [(&[&str], &str); 3] = [
        (
            &["edit", "1", "--due", "31/2/2025"],
            "invalid date: 31/2/2025",
        ),
        (
            &["add", "Họp dân !31/2/25"],
            "deadline “31/2/25”: invalid date: 31/2/25",
        ),
        (&["add", "Họp dân +văn"], "“văn” is vhxh or vp?"),
    ];
    for (args, want) in cases {
        let out = en(&db, args);
        assert!(!out.status.success(), "{args:?} is refused");
        let err = common::stderr(&out);
        assert!(err.contains(want), "{args:?}: {err}");
        let ours = err.replace("Họp dân", "").replace("văn", "");
        assert!(!has_vietnamese(&ours), "{args:?}: {err}");
    }
    let out = en(&db, &["add", "Họp dân +vhxh !30/9/25"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let list = db.json(&["list", "--json"]);
    let added = list
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["title"] == "Họp dân")
        .expect("added");
    assert_eq!(added["due"], "2025-09-30");
}

/// `--help` speaks the interface language: Vietnamese by default, English
/// with `--lang en` or `PAPI_BOARD_LANG=en`, for every subcommand too.
#[test]
fn help_speaks_the_interface_language() {
    let db = TempDb::new();
    let help = |args: &[&str], env: &[(&str, &str)]| {
        let out = db.run_env(args, env);
        assert!(out.status.success(), "{}", common::stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let vi = help(&["--help"], &[]);
    for want in [
        "Cách dùng: papi-board",
        "Lệnh:",
        "Tùy chọn:",
        "Liệt kê nhiệm vụ",
    ] {
        assert!(vi.contains(want), "{want}: {vi}");
    }
    assert!(!vi.contains("Usage:") && !vi.contains("List tasks"), "{vi}");
    let vi = help(&["status", "--help"], &[]);
    assert!(vi.contains("In trợ giúp này"), "{vi}");

    let en = help(&["--lang", "en", "--help"], &[]);
    assert!(
        en.contains("Usage: papi-board") && en.contains("List tasks"),
        "{en}"
    );
    // Only the sample plan's name is Vietnamese: it is the plan's own text.
    let ours = en.replace("Hòa Phong", "").replace("Kế hoạch", "");
    assert!(!has_vietnamese(&ours), "{en}");
    let en = help(&["status", "--help"], &[("PAPI_BOARD_LANG", "en")]);
    assert!(en.contains("Print help") && !has_vietnamese(&en), "{en}");
}
