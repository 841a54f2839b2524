//! Filters and the mouse on the board: `f` + a digit, `F` + the unit picker
//! (typing filters it, accents optional), `Esc` clears; with `--mouse`, a
//! click selects the card under it and the wheel scrolls; without it, mouse
//! events do nothing (copy and paste keep working over SSH).

mod common;

use common::screen::{NOW, app, render, text};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use papi_board::app::memory::MemRepo;
use papi_board::app::{App, Event};
use papi_board::domain::Lang;
use papi_board::ui::theme::Theme;

fn press(a: &mut App, r: &mut MemRepo, c: KeyCode) {
    a.update(Event::Key(KeyEvent::new(c, KeyModifiers::empty())), r);
}

fn shown(a: &App) -> usize {
    a.layout.total()
}

#[test]
fn area_filter_unit_picker_and_escape() {
    let mut r = MemRepo::sample(NOW);
    let mut a = app(Lang::Vi);
    render(&mut a, &mut r, 80, 24, &Theme::default());
    press(&mut a, &mut r, KeyCode::Char('f'));
    press(&mut a, &mut r, KeyCode::Char('7'));
    assert_eq!(
        shown(&a),
        r.board
            .tasks
            .values()
            .filter(|t| t.area == 7.into())
            .count()
    );
    press(&mut a, &mut r, KeyCode::Esc);
    assert_eq!(shown(&a), 50);
    // F, then "dia" (no accents) narrows the picker to Địa chính.
    press(&mut a, &mut r, KeyCode::Char('F'));
    for c in "dia".chars() {
        press(&mut a, &mut r, KeyCode::Char(c));
    }
    let screen = text(&render(&mut a, &mut r, 80, 24, &Theme::default()));
    assert!(screen.contains("Địa chính"), "{screen}");
    assert!(
        !screen.contains("Tư pháp - Hộ tịch"),
        "the picker is filtered: {screen}"
    );
    press(&mut a, &mut r, KeyCode::Enter);
    assert!(a.overlay().is_none());
    assert_eq!(
        shown(&a),
        r.board.tasks.values().filter(|t| t.involves("dc")).count()
    );
    let screen = text(&render(&mut a, &mut r, 80, 24, &Theme::default()));
    assert!(
        screen.contains("lọc dc"),
        "the status bar says what is filtered: {screen}"
    );
    press(&mut a, &mut r, KeyCode::Esc);
    assert_eq!(shown(&a), 50);
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::empty(),
    })
}

#[test]
fn mouse_selects_and_scrolls_only_when_turned_on() {
    let mut r = MemRepo::sample(NOW);
    let mut on = app(Lang::Vi);
    on.mouse = true;
    render(&mut on, &mut r, 80, 24, &Theme::default());
    let first = on.selected_id();
    // Row 6 is the second card of the first lane (title bar, headers, lane
    // header, card 1 = rows 3–5: two lines of title and one of meta).
    on.update(mouse(MouseEventKind::Down(MouseButton::Left), 3, 6), &mut r);
    assert_ne!(on.selected_id(), first);
    assert_eq!(on.sel.row, 1);
    on.update(mouse(MouseEventKind::ScrollDown, 3, 10), &mut r);
    assert!(on.scroll > 0, "the wheel scrolls");
    let mut off = app(Lang::Vi);
    render(&mut off, &mut r, 80, 24, &Theme::default());
    let before = off.selected_id();
    off.update(mouse(MouseEventKind::Down(MouseButton::Left), 3, 6), &mut r);
    off.update(mouse(MouseEventKind::ScrollDown, 3, 10), &mut r);
    assert_eq!(
        (off.selected_id(), off.scroll),
        (before, 0),
        "mouse off by default"
    );
}
