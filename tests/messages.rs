//! A message in the status bar is read whole: at 80 columns a long one
//! (the SSH "only on the machine running the board" refusal is 94
//! characters) takes the counts' place and wraps upwards, instead of being
//! cut off mid-sentence.

mod common;

use common::screen::{NOW, app, render, text};
use papi_board::app::memory::MemRepo;
use papi_board::domain::Lang;
use papi_board::i18n::S;
use papi_board::ui::theme::Theme;

fn words(s: &str) -> Vec<&str> {
    s.split(' ').filter(|w| !w.is_empty()).collect()
}

#[test]
fn a_long_message_is_shown_whole_at_80_columns_in_both_languages() {
    for lang in [Lang::Vi, Lang::En] {
        let mut repo = MemRepo::sample(NOW);
        let mut a = app(lang);
        a.local_only();
        let msg = S::MsgLocalOnly.t(lang);
        assert!(msg.chars().count() > 78, "the case this test is about");
        let screen = text(&render(&mut a, &mut repo, 80, 24, &Theme::default()));
        let rows: Vec<&str> = screen.lines().collect();
        // The message's words, in order, on the last rows of the screen.
        let bottom = rows[rows.len() - 3..].join(" ");
        assert!(
            words(&bottom).join(" ").contains(&words(msg).join(" ")),
            "{lang:?}: message cut:\n{screen}"
        );
        // Nothing past the edge, and the title bar is untouched.
        assert!(
            rows.iter()
                .all(|r| papi_board::domain::text::width(r) <= 80)
        );
        assert!(rows[0].contains("PAPI"), "{screen}");
    }
}

#[test]
fn a_short_message_keeps_the_counts_beside_it() {
    let mut repo = MemRepo::sample(NOW);
    let mut a = app(Lang::Vi);
    a.export_done(Ok("bao-cao.xlsx".into()));
    let screen = text(&render(&mut a, &mut repo, 80, 24, &Theme::default()));
    let last = screen.lines().last().unwrap();
    assert!(last.contains("bao-cao.xlsx"), "{last}");
    assert!(last.contains("50 "), "the task count stays: {last}");
}
