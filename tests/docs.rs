//! Generated documents stay true: each is compared with what the program
//! produces now. `UPDATE_DOCS=1 cargo test --test docs` rewrites them.

mod common;

use std::path::Path;

fn check(path: &str, want: &str) {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&full, want).unwrap();
    }
    let have = std::fs::read_to_string(&full).unwrap_or_default();
    assert!(
        have == want,
        "{path} is out of date: run UPDATE_DOCS=1 cargo test --test docs"
    );
}

#[test]
fn default_board_assignment_is_documented() {
    check(
        "docs/default-board.md",
        &papi_board::transfer::sample::assignment_markdown(),
    );
}

/// What `papi-board keys --markdown [--lang …]` prints, from the real binary.
fn keys_markdown(lang: &str) -> String {
    let db = common::TempDb::new();
    let out = db.run(&["--lang", lang, "keys", "--markdown"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_key_reference_is_the_key_table() {
    let vi = keys_markdown("vi");
    check("docs/keys.md", &vi);
    check("docs/keys.en.md", &keys_markdown("en"));
    // Every action of the table is there, by its config name.
    for action in papi_board::app::keys::Action::all() {
        assert!(vi.contains(&format!("`{}`", action.name())), "{action:?}");
    }
}
