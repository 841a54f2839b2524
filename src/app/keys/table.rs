//! The default key table: the contract the docs and other features build
//! on. One row per (scope, key); an action may have several keys.

use crossterm::event::KeyCode;

use super::{Action, Binding, Key, Scope};

impl Action {
    /// Every action, in the order of the default table.
    pub fn all() -> Vec<Action> {
        let mut out: Vec<Action> = Vec::new();
        for b in default_bindings() {
            if !out.contains(&b.action) {
                out.push(b.action);
            }
        }
        out
    }

    /// The action of a config-file name (`move_card_right`).
    pub fn from_name(name: &str) -> Option<Action> {
        let name = name.trim();
        Action::all().into_iter().find(|a| a.name() == name)
    }
}

/// The default keys: a table, not logic, in the order help and the key
/// reference list them.
pub fn default_bindings() -> Vec<Binding> {
    [moving(), editing(), overlays()].concat()
}

/// Quitting, the views, moving on the board and in the details panel.
fn moving() -> Vec<Binding> {
    use Action::*;
    use KeyCode as K;
    use Scope as In;
    let b = |scope, key, action| Binding { scope, key, action };
    vec![
        b(In::Global, Key::ctrl('c'), ForceQuit),
        b(In::Views, Key::ch('q'), Quit),
        b(In::Views, Key::ch('?'), Help),
        b(In::Views, Key::ch('1'), ViewBoard),
        b(In::Views, Key::ch('2'), ViewOverview),
        b(In::Views, Key::ch('3'), ViewMatrix),
        b(In::Views, Key::ch('4'), ViewDeadlines),
        b(In::Views, Key::ch('u'), Undo),
        b(In::Views, Key::ch('U'), Redo),
        b(In::Views, Key::ctrl('r'), Redo),
        b(In::Board, Key::ch('h'), Left),
        b(In::Board, Key::plain(K::Left), Left),
        b(In::Board, Key::ch('l'), Right),
        b(In::Board, Key::plain(K::Right), Right),
        b(In::Board, Key::ch('k'), Up),
        b(In::Board, Key::plain(K::Up), Up),
        b(In::Board, Key::ch('j'), Down),
        b(In::Board, Key::plain(K::Down), Down),
        b(In::Board, Key::ch('J'), NextLane),
        b(In::Board, Key::plain(K::PageDown), NextLane),
        b(In::Board, Key::ch('K'), PrevLane),
        b(In::Board, Key::plain(K::PageUp), PrevLane),
        b(In::Board, Key::plain(K::Home), First),
        b(In::Board, Key::plain(K::End), Last),
        b(In::Board, Key::ch('H'), MoveCardLeft),
        b(In::Board, Key::ch('<'), MoveCardLeft),
        b(In::Board, Key::ch('L'), MoveCardRight),
        b(In::Board, Key::ch('>'), MoveCardRight),
        b(In::Board, Key::ch('x'), ToggleDone),
        b(In::Board, Key::plain(K::Enter), Details),
        b(In::Board, Key::ch('g'), CycleGrouping),
        b(In::Board, Key::ch('z'), FoldLane),
        b(In::Board, Key::ch('Z'), FoldAll),
        b(In::Board, Key::ch('.'), ToggleEmptyLanes),
        b(In::Board, Key::ch('f'), FilterArea),
        b(In::Board, Key::ch('F'), FilterUnit),
        b(In::Board, Key::plain(K::Esc), ClearFilter),
        b(In::DetailsPanel, Key::plain(K::Esc), Close),
        b(In::DetailsPanel, Key::plain(K::Enter), Close),
        b(In::DetailsPanel, Key::ch('q'), Close),
        b(In::DetailsPanel, Key::ch('j'), ScrollDown),
        b(In::DetailsPanel, Key::plain(K::Down), ScrollDown),
        b(In::DetailsPanel, Key::ch('k'), ScrollUp),
        b(In::DetailsPanel, Key::plain(K::Up), ScrollUp),
    ]
}

/// Changing tasks (on the board and in the details panel), the plans,
/// and the summary views' keys.
fn editing() -> Vec<Binding> {
    use Action::*;
    use KeyCode as K;
    use Scope as In;
    let b = |scope, key, action| Binding { scope, key, action };
    vec![
        b(In::Board, Key::ch('a'), QuickAdd),
        b(In::Board, Key::ch('e'), EditForm),
        b(In::Board, Key::ch('E'), EditExternal),
        b(In::Board, Key::ch('n'), AddNote),
        b(In::Board, Key::ch('d'), Delete),
        b(In::Board, Key::ch('p'), ProgressUp),
        b(In::Board, Key::ch('P'), ProgressDown),
        b(In::Board, Key::ch('c'), Checklist),
        b(In::Board, Key::ch('/'), Search),
        b(In::Board, Key::ch('s'), CycleSort),
        b(In::Views, Key::ch('X'), Export),
        b(In::Views, Key::ch('b'), PickBoard),
        b(In::DetailsPanel, Key::ch('e'), EditForm),
        b(In::DetailsPanel, Key::ch('E'), EditExternal),
        b(In::DetailsPanel, Key::ch('n'), AddNote),
        b(In::DetailsPanel, Key::ch('c'), Checklist),
        b(In::DetailsPanel, Key::ch('p'), ProgressUp),
        b(In::DetailsPanel, Key::ch('P'), ProgressDown),
        b(In::Global, Key::ctrl('t'), ToggleTelex),
        b(In::Global, Key::plain(K::F(2)), ToggleTelex),
        b(In::DetailsPanel, Key::ch('x'), ToggleDone),
        b(In::DetailsPanel, Key::ch('H'), MoveCardLeft),
        b(In::DetailsPanel, Key::ch('L'), MoveCardRight),
        b(In::DetailsPanel, Key::ch('?'), Help),
        b(In::Summary, Key::ch('j'), RowDown),
        b(In::Summary, Key::plain(K::Down), RowDown),
        b(In::Summary, Key::ch('k'), RowUp),
        b(In::Summary, Key::plain(K::Up), RowUp),
        b(In::Summary, Key::ch('h'), ColLeft),
        b(In::Summary, Key::plain(K::Left), ColLeft),
        b(In::Summary, Key::ch('l'), ColRight),
        b(In::Summary, Key::plain(K::Right), ColRight),
        b(In::Summary, Key::plain(K::PageDown), PageDown),
        b(In::Summary, Key::plain(K::PageUp), PageUp),
        b(In::Summary, Key::plain(K::Home), Top),
        b(In::Summary, Key::plain(K::End), Bottom),
        b(In::Summary, Key::plain(K::Enter), OpenOnBoard),
        b(In::Summary, Key::ch('s'), EnterScore),
        b(In::Summary, Key::ch('c'), CompareYears),
        b(In::Summary, Key::plain(K::Esc), ViewBoard),
        // The deadlines view filters like the board (the overview and the
        // matrix always count the whole plan: there these keys do nothing).
        b(In::Summary, Key::ch('f'), FilterArea),
        b(In::Summary, Key::ch('F'), FilterUnit),
        b(In::Summary, Key::ch('/'), Search),
    ]
}

/// The overlays' keys.
fn overlays() -> Vec<Binding> {
    use Action::*;
    use KeyCode as K;
    use Scope as In;
    let b = |scope, key, action| Binding { scope, key, action };
    vec![
        // Overlays. Text is typed into their fields first: a key that a
        // field takes (a letter, Backspace, ←/→) never reaches these rows.
        b(In::Search, Key::plain(K::Enter), Submit),
        b(In::Search, Key::plain(K::Esc), Cancel),
        b(In::Search, Key::plain(K::Down), NextMatch),
        b(In::Search, Key::plain(K::Up), PrevMatch),
        b(In::Prompt, Key::plain(K::Enter), Submit),
        b(In::Prompt, Key::plain(K::Esc), Cancel),
        b(In::Prompt, Key::plain(K::Tab), ToggleResult),
        b(In::Confirm, Key::ch('y'), Yes),
        b(In::Confirm, Key::ch('Y'), Yes),
        b(In::Confirm, Key::ch('n'), No),
        b(In::Confirm, Key::ch('N'), No),
        b(In::Confirm, Key::plain(K::Esc), No),
        b(In::Checklist, Key::ch('j'), ItemDown),
        b(In::Checklist, Key::plain(K::Down), ItemDown),
        b(In::Checklist, Key::ch('k'), ItemUp),
        b(In::Checklist, Key::plain(K::Up), ItemUp),
        b(In::Checklist, Key::ch(' '), ToggleItem),
        b(In::Checklist, Key::ch('x'), ToggleItem),
        b(In::Checklist, Key::plain(K::Enter), ToggleItem),
        b(In::Checklist, Key::ch('a'), AddItem),
        b(In::Checklist, Key::ch('c'), AddItem),
        b(In::Checklist, Key::ch('d'), RemoveItem),
        b(In::Checklist, Key::plain(K::Delete), RemoveItem),
        b(In::Checklist, Key::ch('J'), MoveItemDown),
        b(In::Checklist, Key::ch('K'), MoveItemUp),
        b(In::Checklist, Key::plain(K::Esc), Cancel),
        b(In::Checklist, Key::ch('q'), Cancel),
        b(In::Form, Key::plain(K::Tab), NextField),
        b(In::Form, Key::plain(K::BackTab), PrevField),
        b(In::Form, Key::plain(K::Enter), Choose),
        b(In::Form, Key::ch(' '), Tick),
        b(In::Form, Key::plain(K::Down), PickDown),
        b(In::Form, Key::plain(K::Up), PickUp),
        b(In::Form, Key::ctrl('s'), Save),
        b(In::Form, Key::plain(K::Esc), Cancel),
        b(In::UnitPicker, Key::plain(K::Down), PickDown),
        b(In::UnitPicker, Key::plain(K::Up), PickUp),
        b(In::UnitPicker, Key::plain(K::Enter), Choose),
        b(In::UnitPicker, Key::plain(K::Esc), Cancel),
        b(In::AreaPicker, Key::plain(K::Esc), Cancel),
        b(In::BoardPicker, Key::ch('j'), PickDown),
        b(In::BoardPicker, Key::plain(K::Down), PickDown),
        b(In::BoardPicker, Key::ch('k'), PickUp),
        b(In::BoardPicker, Key::plain(K::Up), PickUp),
        b(In::BoardPicker, Key::plain(K::Enter), Choose),
        b(In::BoardPicker, Key::plain(K::Esc), Cancel),
        b(In::BoardPicker, Key::ch('q'), Cancel),
        b(In::Score, Key::plain(K::Enter), Submit),
        b(In::Score, Key::plain(K::Delete), ClearScore),
        b(In::Score, Key::plain(K::Esc), Cancel),
        b(In::Help, Key::plain(K::Up), ScrollUp),
        b(In::Help, Key::ch('k'), ScrollUp),
        b(In::Help, Key::plain(K::Down), ScrollDown),
        b(In::Help, Key::ch('j'), ScrollDown),
        b(In::Help, Key::plain(K::Esc), Cancel),
        b(In::Help, Key::ch('q'), Cancel),
        // Importing a plan from the board: its path, then the preview.
        b(In::Views, Key::ch('I'), Import),
        b(In::ImportPreview, Key::plain(K::Enter), Submit),
        b(In::ImportPreview, Key::plain(K::Esc), Cancel),
        b(In::ImportPreview, Key::ch('q'), Cancel),
        b(In::ImportPreview, Key::ch('j'), ScrollDown),
        b(In::ImportPreview, Key::plain(K::Down), ScrollDown),
        b(In::ImportPreview, Key::ch('k'), ScrollUp),
        b(In::ImportPreview, Key::plain(K::Up), ScrollUp),
        b(In::ImportPreview, Key::plain(K::PageDown), PageDown),
        b(In::ImportPreview, Key::plain(K::PageUp), PageUp),
    ]
}
