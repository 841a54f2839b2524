//! "Changed since you last looked": a card someone else changes is marked
//! (●) on a user's board until that user has been on it, across sessions
//! (the mark is kept per user in the database). Driven with the real
//! OpenSSH client against `papi-board serve`, two users at 80×24.

mod common;

use common::ssh::{World, wait_until};
use common::tmux::Tmux;

/// The "Đang thực hiện" column's header and first card, as the screen shows them.
fn doing_column(screen: &str) -> String {
    let header = screen.lines().nth(1).unwrap_or_default();
    let at = header
        .find("Đang thực hiện")
        .map_or(0, |b| header[..b].chars().count());
    screen
        .lines()
        .skip(1)
        .take(5)
        .map(|l| l.chars().skip(at).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn open(w: &World, port: u16, key: &common::ssh::Key, user: &str) -> Tmux {
    let t = w.board(port, key, user, 80, 24);
    t.wait_for("Chưa thực hiện (");
    t
}

#[test]
fn a_card_changed_by_another_user_is_marked_until_seen() {
    let w = World::new();
    let (lan, minh) = (w.key("lan"), w.key("minh"));
    w.add_user("lan", &lan, "admin", None);
    w.add_user("minh", &minh, "admin", None);
    let server = w.serve(&[]);

    // lan's first look: nothing is marked.
    let a = open(&w, server.port, &lan, "lan");
    assert!(!a.screen().contains('●'), "{}", a.screen());

    // minh, in a second session, moves the second card of the first lane.
    let b = open(&w, server.port, &minh, "minh");
    b.keys(&["j", "L"]);
    b.wait_for("Đang thực hiện (1)");
    let screen = a.wait_for("Đang thực hiện (1)");
    let screen = match screen.contains('●') {
        true => screen,
        false => wait_until(&a, "the moved card marked", |s| s.contains('●')),
    };
    assert!(
        doing_column(&screen).contains('●'),
        "the card minh moved is marked for lan:\n{screen}"
    );
    assert_eq!(screen.matches('●').count(), 1, "only that card:\n{screen}");
    assert!(
        !b.screen().contains('●'),
        "minh's own change is not marked for him"
    );
    b.keys(&["q"]);
    b.wait_for("SSH_EXIT=0");

    // The mark is kept: lan leaves and comes back, it is still there.
    a.keys(&["q"]);
    a.wait_for("SSH_EXIT=0");
    let a = open(&w, server.port, &lan, "lan");
    let screen = wait_until(&a, "the mark kept", |s| s.contains('●'));
    assert!(doing_column(&screen).contains('●'), "{screen}");

    // lan goes to the card and leaves it: seen, no longer marked.
    a.keys(&["l"]);
    let on_it = |s: &str| {
        s.lines()
            .any(|l| l.starts_with("── #") && l.contains(" · tp · "))
    };
    let screen = wait_until(&a, "the cursor on the moved card (lead tp)", on_it);
    assert!(
        screen.contains('●'),
        "marked while the cursor is on it:\n{screen}"
    );
    a.keys(&["h"]);
    wait_until(&a, "the mark gone", |s| !s.contains('●'));
    a.keys(&["q"]);
    a.wait_for("SSH_EXIT=0");
    let a = open(&w, server.port, &lan, "lan");
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(
        !a.screen().contains('●'),
        "seen stays seen:\n{}",
        a.screen()
    );
    a.keys(&["q"]);
    a.wait_for("SSH_EXIT=0");
    server.stop();
}
