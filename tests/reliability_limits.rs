//! Limits at the boundaries with the real binary: values beyond them are
//! refused with a message and change nothing; the evidence field goes
//! from the command line to `show`, the JSON contract and the report.

mod common;

use common::{TempDb, stderr};

#[test]
fn out_of_range_dates_and_oversized_text_are_refused_and_change_nothing() {
    let db = TempDb::new();
    let before = db.json(&["list", "--json", "--today", "2025-06-30"]);
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec![
                "edit".into(),
                "3".into(),
                "--due".into(),
                "30/6/2205".into(),
            ],
            "30/6/2205",
        ),
        (
            vec!["edit".into(), "3".into(), "--title".into(), "ư".repeat(501)],
            "500",
        ),
        (
            vec![
                "edit".into(),
                "3".into(),
                "--evidence".into(),
                "x".repeat(2001),
            ],
            "2000",
        ),
        (
            vec!["edit".into(), "3".into(), "--area".into(), "9".into()],
            "0–8",
        ),
        (
            vec!["edit".into(), "3".into(), "--lead".into(), "khongco".into()],
            "khongco",
        ),
        (
            vec!["add".into(), format!("{} @vp", "a".repeat(501))],
            "500",
        ),
        (vec!["note".into(), "3".into(), "n".repeat(20_001)], "20000"),
    ];
    for (args, says) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = db.run(&args);
        assert!(!out.status.success(), "{:?} was accepted", &args[..2]);
        let err = stderr(&out);
        assert!(err.contains(says), "{:?}: {err}", &args[..2]);
    }
    assert_eq!(
        db.json(&["list", "--json", "--today", "2025-06-30"]),
        before
    );
}

#[test]
fn evidence_is_shown_exported_and_in_the_json_contract() {
    let db = TempDb::new();
    let link = "https://drive.example/bien-ban-hop-thon-3.pdf";
    let out = db.run(&["edit", "3", "--evidence", link]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(db.json(&["show", "3", "--json"])["evidence"], link);
    let shown = db.stdout(&["show", "3"]);
    assert!(
        shown.contains("Minh chứng") && shown.contains(link),
        "{shown}"
    );
    let csv = db.stdout(&["export", "-", "--format", "csv"]);
    assert!(csv.contains(&format!("Minh chứng: {link}")), "{csv}");
    // Empty clears it.
    assert!(db.run(&["edit", "3", "--evidence", ""]).status.success());
    assert!(db.json(&["show", "3", "--json"])["evidence"].is_null());
}

/// The full form has the evidence field: Tab to it, type, Ctrl+S.
#[test]
fn the_form_edits_the_evidence() {
    use common::screen::{NOW, app, render, text};
    use papi_board::app::memory::MemRepo;
    use papi_board::domain::Lang;
    use papi_board::term::input::InputParser;
    use papi_board::ui::theme::Theme;
    let mut repo = MemRepo::sample(NOW);
    let mut a = app(Lang::Vi);
    render(&mut a, &mut repo, 100, 30, &Theme::default());
    let id = a.selected_id().unwrap();
    let feed = |a: &mut papi_board::app::App, repo: &mut MemRepo, bytes: &[u8]| {
        let mut p = InputParser::new();
        let mut events = p.feed(bytes);
        events.extend(p.flush());
        for ev in events {
            a.update(ev, repo);
        }
    };
    feed(&mut a, &mut repo, b"e");
    // Ten Tabs from the title: the last field, Minh chứng.
    feed(
        &mut a,
        &mut repo,
        "\t\t\t\t\t\t\t\t\t\tD:\\minh-chung\\bien-ban.pdf".as_bytes(),
    );
    let screen = text(&render(&mut a, &mut repo, 100, 30, &Theme::default()));
    assert!(screen.contains("Minh chứng"), "{screen}");
    feed(&mut a, &mut repo, b"\x13");
    assert!(a.overlay().is_none(), "{:?}", a.message);
    assert_eq!(
        repo.board.task(id).unwrap().evidence.as_deref(),
        Some("D:\\minh-chung\\bien-ban.pdf")
    );
}
