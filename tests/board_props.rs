//! Boards of random Vietnamese (and hostile) titles draw at every width
//! from 20 to 300 columns without panicking, and never spill past a column.

mod common;

use common::screen::{NOW, app, render, text};
use papi_board::app::Repo;
use papi_board::app::keys::Action;
use papi_board::app::memory::MemRepo;
use papi_board::domain::Lang;
use papi_board::domain::board::{Board, Ctx};
use papi_board::domain::command::Command;
use papi_board::domain::task::{Status, Task};
use papi_board::domain::unit::plan_preset;
use papi_board::ui::theme::Theme;
use proptest::prelude::*;

fn title() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zăâđêôơư àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]{1,80}",
        "[A-ZĂÂĐÊÔƠƯ ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆỜỚỞỠỢỪỨỬỮỰ]{1,40}",
        // wide characters, combining marks, controls
        "[一-龥가-힣 \u{0300}-\u{0323}a-z\u{1b}\u{7}\u{202e}]{1,60}",
    ]
    .prop_filter("non-blank", |s| !s.trim().is_empty())
}

fn board_of(titles: &[String], statuses: &[usize]) -> MemRepo {
    let mut repo = MemRepo::new(Board::new(Default::default(), plan_preset()));
    let ctx = Ctx {
        now: NOW,
        author: "p".into(),
    };
    let units = plan_preset();
    for (i, t) in titles.iter().enumerate() {
        let mut task = Task::new(t, (i % 9) as u8, &units[i % units.len()].code);
        task.status = Status::ALL[statuses[i % statuses.len()] % 4];
        repo.apply(Command::AddTask(task), &ctx).unwrap();
    }
    repo
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]
    #[test]
    fn any_titles_at_any_width(
        titles in proptest::collection::vec(title(), 1..30),
        statuses in proptest::collection::vec(0usize..4, 1..8),
        grouping in 0usize..3,
        height in 6u16..60,
    ) {
        let mut repo = board_of(&titles, &statuses);
        for w in 20u16..=300 {
            let mut a = app(Lang::Vi);
            for _ in 0..grouping {
                a.act(Action::CycleGrouping, &mut repo);
            }
            let buf = render(&mut a, &mut repo, w, height, &Theme::default());
            // Every row is exactly the screen's width in cells: nothing spilled.
            for line in text(&buf).lines() {
                prop_assert!(unicode_width::UnicodeWidthStr::width(line) <= w as usize);
            }
            prop_assert!(!buf.content.iter().any(|c| c.symbol().contains('\u{1b}')), "no raw escape byte in a cell");
        }
    }
}

#[test]
fn navigation_never_leaves_the_board() {
    // Four columns side by side, and one at a time on a phone.
    for (w, h) in [(80, 24), (45, 30), (200, 50)] {
        navigate_at(w, h);
    }
}

fn navigate_at(w: u16, h: u16) {
    let titles: Vec<String> = (0..40).map(|i| format!("Việc số {i}")).collect();
    let mut repo = board_of(&titles, &[0, 1, 2, 3, 0]);
    let mut a = app(Lang::En);
    render(&mut a, &mut repo, w, h, &Theme::default());
    use Action::*;
    let script = [
        Down,
        Down,
        Right,
        NextLane,
        NextLane,
        Last,
        Down,
        Down,
        Down,
        PrevLane,
        Up,
        Up,
        Up,
        Left,
        Left,
        Left,
        First,
        FoldLane,
        Down,
        FoldAll,
        Down,
        Up,
        FoldAll,
        Last,
        CycleGrouping,
        Down,
        CycleGrouping,
        Down,
        Right,
        Right,
    ];
    for act in script {
        a.act(act, &mut repo);
        render(&mut a, &mut repo, w, h, &Theme::default());
        if let Some(id) = a.selected_id() {
            assert!(repo.board().task(id).is_some());
        }
        // The selected card (every one of its rows) is inside the viewport.
        if a.selected_id().is_some() {
            let h = papi_board::app::geom::CARD_H;
            let y = a.lane_top(a.sel.lane) + 1 + a.sel.row * h;
            assert!(
                y >= a.scroll && y + h <= a.scroll + a.viewport(),
                "{w}x{h} {act:?}: card at {y}, view {}+{}",
                a.scroll,
                a.viewport()
            );
        }
    }
}
