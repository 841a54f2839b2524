//! Generated documents stay true: each is compared with what the program
//! produces now. `UPDATE_DOCS=1 cargo test --test docs` rewrites them.

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
