//! Keys are data: one table maps (mode, key) to an action. The help overlay,
//! the status-bar hints and the key reference are generated from it, so
//! they cannot drift from what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::Lang;
use crate::i18n::S;

/// Where a key applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Everywhere (Ctrl+C).
    Global,
    /// The board view.
    Board,
    /// Any of the views (board, overview, matrix, deadlines).
    Views,
    /// The details panel.
    DetailsPanel,
    /// The summary views: overview, matrix, deadlines.
    Summary,
}

impl Scope {
    /// Every scope, in the order help lists them.
    pub const ALL: [Scope; 5] = [
        Scope::Board,
        Scope::Views,
        Scope::Summary,
        Scope::DetailsPanel,
        Scope::Global,
    ];

    /// The scope's name in the config file (`[keys.board]`).
    pub fn name(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::Board => "board",
            Scope::Views => "views",
            Scope::DetailsPanel => "details",
            Scope::Summary => "summary",
        }
    }

    pub fn from_name(name: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.name() == name.trim())
    }

    /// The scopes whose keys are looked up together: one key must mean one
    /// action within each of these groups.
    pub const TOGETHER: [&'static [Scope]; 3] = [
        &[Scope::Board, Scope::Views, Scope::Global],
        &[Scope::Summary, Scope::Views, Scope::Global],
        &[Scope::DetailsPanel, Scope::Global],
    ];
}

/// Everything a key can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    ForceQuit,
    Help,
    Left,
    Right,
    Up,
    Down,
    NextLane,
    PrevLane,
    First,
    Last,
    MoveCardLeft,
    MoveCardRight,
    ToggleDone,
    Details,
    CycleGrouping,
    FoldLane,
    FoldAll,
    ToggleEmptyLanes,
    FilterArea,
    FilterUnit,
    ClearFilter,
    ViewBoard,
    ViewOverview,
    ViewMatrix,
    ViewDeadlines,
    Undo,
    Redo,
    Close,
    ScrollDown,
    ScrollUp,
    RowUp,
    RowDown,
    ColLeft,
    ColRight,
    PageUp,
    PageDown,
    Top,
    Bottom,
    OpenOnBoard,
    EnterScore,
    QuickAdd,
    EditForm,
    EditExternal,
    AddNote,
    Delete,
    ProgressUp,
    ProgressDown,
    Checklist,
    ToggleTelex,
    Search,
    CycleSort,
    Export,
    PickBoard,
    CompareYears,
}

impl Action {
    /// The action's name in the config file: its variant in snake_case
    /// (`MoveCardRight` → `move_card_right`), so names never drift from
    /// the enum.
    pub fn name(self) -> String {
        let mut out = String::new();
        for (i, c) in format!("{self:?}").chars().enumerate() {
            if c.is_ascii_uppercase() {
                if i > 0 {
                    out.push('_');
                }
                out.push(c.to_ascii_lowercase());
            } else {
                out.push(c);
            }
        }
        out
    }

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

    /// What the action does, for help and the key reference.
    pub fn describe(self, lang: Lang) -> &'static str {
        use Action::*;
        match self {
            Quit => S::ActQuit,
            ForceQuit => S::ActForceQuit,
            Help => S::ActHelp,
            Left => S::ActLeft,
            Right => S::ActRight,
            Up => S::ActUp,
            Down => S::ActDown,
            NextLane => S::ActNextLane,
            PrevLane => S::ActPrevLane,
            First => S::ActFirst,
            Last => S::ActLast,
            MoveCardLeft => S::ActMoveLeft,
            MoveCardRight => S::ActMoveRight,
            ToggleDone => S::ActToggleDone,
            Details => S::ActDetails,
            CycleGrouping => S::ActGrouping,
            FoldLane => S::ActFold,
            FoldAll => S::ActFoldAll,
            ToggleEmptyLanes => S::ActEmptyLanes,
            FilterArea => S::ActFilterArea,
            FilterUnit => S::ActFilterUnit,
            ClearFilter => S::ActClearFilter,
            ViewBoard => S::ActViewBoard,
            ViewOverview => S::ActViewOverview,
            ViewMatrix => S::ActViewMatrix,
            ViewDeadlines => S::ActViewDeadlines,
            Undo => S::ActUndo,
            Redo => S::ActRedo,
            Close => S::ActClose,
            ScrollDown => S::ActScrollDown,
            ScrollUp => S::ActScrollUp,
            QuickAdd => S::ActQuickAdd,
            EditForm => S::ActEditForm,
            EditExternal => S::ActEditExternal,
            AddNote => S::ActAddNote,
            Delete => S::ActDelete,
            ProgressUp => S::ActProgressUp,
            ProgressDown => S::ActProgressDown,
            Checklist => S::ActChecklist,
            ToggleTelex => S::ActTelex,
            Search => S::ActSearch,
            CycleSort => S::ActSort,
            Export => S::ActExport,
            PickBoard => S::ActPickBoard,
            CompareYears => S::ActCompare,
            RowUp => S::ActRowUp,
            RowDown => S::ActRowDown,
            ColLeft => S::ActColLeft,
            ColRight => S::ActColRight,
            PageUp => S::ActPageUp,
            PageDown => S::ActPageDown,
            Top => S::ActTop,
            Bottom => S::ActBottom,
            OpenOnBoard => S::ActOpenOnBoard,
            EnterScore => S::ActEnterScore,
        }
        .t(lang)
    }
}

/// A key as the table stores it: code plus Ctrl/Alt (Shift is in the char).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }
    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// Normalise a terminal key event: Shift is already in an upper-case
    /// char, BackTab stays BackTab.
    pub fn from_event(e: &KeyEvent) -> Key {
        let code = match e.code {
            KeyCode::Char(c) if e.modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            c => c,
        };
        Key {
            code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
            alt: e.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// How the key is written in help and docs.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift+Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("Ctrl+{}", base.to_uppercase()),
            (_, true) => format!("Alt+{base}"),
            _ => base,
        }
    }

    /// Parse a label back ("Ctrl+R", "PgDn", "J") — for the config file.
    pub fn parse(s: &str) -> Option<Key> {
        let s = s.trim();
        if let Some(rest) = s.strip_prefix("Ctrl+").or_else(|| s.strip_prefix("ctrl+")) {
            let mut k = Key::parse(rest)?;
            if let KeyCode::Char(c) = k.code {
                k.code = KeyCode::Char(c.to_ascii_lowercase());
            }
            k.ctrl = true;
            return Some(k);
        }
        if let Some(rest) = s.strip_prefix("Alt+").or_else(|| s.strip_prefix("alt+")) {
            let mut k = Key::parse(rest)?;
            k.alt = true;
            return Some(k);
        }
        let code = match s {
            "←" | "Left" => KeyCode::Left,
            "→" | "Right" => KeyCode::Right,
            "↑" | "Up" => KeyCode::Up,
            "↓" | "Down" => KeyCode::Down,
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" => KeyCode::Tab,
            "Shift+Tab" => KeyCode::BackTab,
            "Space" => KeyCode::Char(' '),
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "PgUp" | "PageUp" => KeyCode::PageUp,
            "PgDn" | "PageDown" => KeyCode::PageDown,
            "Del" | "Delete" => KeyCode::Delete,
            "Backspace" => KeyCode::Backspace,
            f if f.len() >= 2 && f.starts_with('F') && f[1..].parse::<u8>().is_ok() => {
                KeyCode::F(f[1..].parse().ok()?)
            }
            c if c.chars().count() == 1 => KeyCode::Char(c.chars().next()?),
            _ => return None,
        };
        Some(Key::plain(code))
    }
}

/// One row of the key table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub scope: Scope,
    pub key: Key,
    pub action: Action,
}

/// The key table in use (defaults, possibly remapped by the config file).
#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: default_bindings(),
        }
    }
}

impl Keymap {
    /// The action for a key in a scope (the scope's own keys, then the
    /// shared view keys, then global ones).
    pub fn action(&self, scopes: &[Scope], key: Key) -> Option<Action> {
        scopes
            .iter()
            .chain(std::iter::once(&Scope::Global))
            .find_map(|s| {
                self.bindings
                    .iter()
                    .find(|b| b.scope == *s && b.key == key)
                    .map(|b| b.action)
            })
    }

    /// The keys of an action within some scopes, joined for display
    /// (the status-bar hints of a mode show that mode's keys).
    pub fn keys_in(&self, scopes: &[Scope], action: Action) -> String {
        let mut labels: Vec<String> = Vec::new();
        for b in self.bindings.iter().filter(|b| {
            b.action == action && (scopes.contains(&b.scope) || b.scope == Scope::Global)
        }) {
            let l = b.key.label();
            if !labels.contains(&l) {
                labels.push(l);
            }
        }
        labels.join("/")
    }

    /// The first key of an action within some scopes ("" if it has none).
    pub fn first_key(&self, scopes: &[Scope], action: Action) -> String {
        self.keys_in(scopes, action)
            .split('/')
            .next()
            .unwrap_or("")
            .to_string()
    }

    /// The keys bound to an action, joined for display ("h/←").
    pub fn keys_for(&self, action: Action) -> String {
        let mut labels: Vec<String> = Vec::new();
        for b in self.bindings.iter().filter(|b| b.action == action) {
            let l = b.key.label();
            if !labels.contains(&l) {
                labels.push(l);
            }
        }
        labels.join("/")
    }
}

/// The default keys: the contract the docs and other features build on.
pub fn default_bindings() -> Vec<Binding> {
    use Action::*;
    use KeyCode as K;
    use Scope::*;
    let b = |scope, key, action| Binding { scope, key, action };
    vec![
        b(Global, Key::ctrl('c'), ForceQuit),
        b(Views, Key::ch('q'), Quit),
        b(Views, Key::ch('?'), Help),
        b(Views, Key::ch('1'), ViewBoard),
        b(Views, Key::ch('2'), ViewOverview),
        b(Views, Key::ch('3'), ViewMatrix),
        b(Views, Key::ch('4'), ViewDeadlines),
        b(Views, Key::ch('u'), Undo),
        b(Views, Key::ch('U'), Redo),
        b(Views, Key::ctrl('r'), Redo),
        b(Board, Key::ch('h'), Left),
        b(Board, Key::plain(K::Left), Left),
        b(Board, Key::ch('l'), Right),
        b(Board, Key::plain(K::Right), Right),
        b(Board, Key::ch('k'), Up),
        b(Board, Key::plain(K::Up), Up),
        b(Board, Key::ch('j'), Down),
        b(Board, Key::plain(K::Down), Down),
        b(Board, Key::ch('J'), NextLane),
        b(Board, Key::plain(K::PageDown), NextLane),
        b(Board, Key::ch('K'), PrevLane),
        b(Board, Key::plain(K::PageUp), PrevLane),
        b(Board, Key::plain(K::Home), First),
        b(Board, Key::plain(K::End), Last),
        b(Board, Key::ch('H'), MoveCardLeft),
        b(Board, Key::ch('<'), MoveCardLeft),
        b(Board, Key::ch('L'), MoveCardRight),
        b(Board, Key::ch('>'), MoveCardRight),
        b(Board, Key::ch('x'), ToggleDone),
        b(Board, Key::plain(K::Enter), Details),
        b(Board, Key::ch('g'), CycleGrouping),
        b(Board, Key::ch('z'), FoldLane),
        b(Board, Key::ch('Z'), FoldAll),
        b(Board, Key::ch('.'), ToggleEmptyLanes),
        b(Board, Key::ch('f'), FilterArea),
        b(Board, Key::ch('F'), FilterUnit),
        b(Board, Key::plain(K::Esc), ClearFilter),
        b(DetailsPanel, Key::plain(K::Esc), Close),
        b(DetailsPanel, Key::plain(K::Enter), Close),
        b(DetailsPanel, Key::ch('q'), Close),
        b(DetailsPanel, Key::ch('j'), ScrollDown),
        b(DetailsPanel, Key::plain(K::Down), ScrollDown),
        b(DetailsPanel, Key::ch('k'), ScrollUp),
        b(DetailsPanel, Key::plain(K::Up), ScrollUp),
        b(Board, Key::ch('a'), QuickAdd),
        b(Board, Key::ch('e'), EditForm),
        b(Board, Key::ch('E'), EditExternal),
        b(Board, Key::ch('n'), AddNote),
        b(Board, Key::ch('d'), Delete),
        b(Board, Key::ch('p'), ProgressUp),
        b(Board, Key::ch('P'), ProgressDown),
        b(Board, Key::ch('c'), Checklist),
        b(Board, Key::ch('/'), Search),
        b(Board, Key::ch('s'), CycleSort),
        b(Views, Key::ch('X'), Export),
        b(Views, Key::ch('b'), PickBoard),
        b(DetailsPanel, Key::ch('e'), EditForm),
        b(DetailsPanel, Key::ch('E'), EditExternal),
        b(DetailsPanel, Key::ch('n'), AddNote),
        b(DetailsPanel, Key::ch('c'), Checklist),
        b(DetailsPanel, Key::ch('p'), ProgressUp),
        b(DetailsPanel, Key::ch('P'), ProgressDown),
        b(Global, Key::ctrl('t'), ToggleTelex),
        b(Global, Key::plain(K::F(2)), ToggleTelex),
        b(DetailsPanel, Key::ch('x'), ToggleDone),
        b(DetailsPanel, Key::ch('H'), MoveCardLeft),
        b(DetailsPanel, Key::ch('L'), MoveCardRight),
        b(DetailsPanel, Key::ch('?'), Help),
        b(Summary, Key::ch('j'), RowDown),
        b(Summary, Key::plain(K::Down), RowDown),
        b(Summary, Key::ch('k'), RowUp),
        b(Summary, Key::plain(K::Up), RowUp),
        b(Summary, Key::ch('h'), ColLeft),
        b(Summary, Key::plain(K::Left), ColLeft),
        b(Summary, Key::ch('l'), ColRight),
        b(Summary, Key::plain(K::Right), ColRight),
        b(Summary, Key::plain(K::PageDown), PageDown),
        b(Summary, Key::plain(K::PageUp), PageUp),
        b(Summary, Key::plain(K::Home), Top),
        b(Summary, Key::plain(K::End), Bottom),
        b(Summary, Key::plain(K::Enter), OpenOnBoard),
        b(Summary, Key::ch('s'), EnterScore),
        b(Summary, Key::ch('c'), CompareYears),
        b(Summary, Key::plain(K::Esc), ViewBoard),
        // The deadlines view filters like the board (the overview and the
        // matrix always count the whole plan: there these keys do nothing).
        b(Summary, Key::ch('f'), FilterArea),
        b(Summary, Key::ch('F'), FilterUnit),
        b(Summary, Key::ch('/'), Search),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_parse_back() {
        for b in default_bindings() {
            assert_eq!(Key::parse(&b.key.label()), Some(b.key), "{}", b.key.label());
        }
    }

    #[test]
    fn action_names_are_unique_and_parse_back() {
        let all = Action::all();
        for a in &all {
            assert_eq!(Action::from_name(&a.name()), Some(*a), "{}", a.name());
        }
        assert_eq!(Action::MoveCardRight.name(), "move_card_right");
        let mut names: Vec<String> = all.iter().map(|a| a.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), all.len());
        for s in Scope::ALL {
            assert_eq!(Scope::from_name(s.name()), Some(s));
        }
    }

    #[test]
    fn default_keys_mean_one_action_in_scopes_looked_up_together() {
        let table = default_bindings();
        for group in Scope::TOGETHER {
            for (i, a) in table.iter().enumerate() {
                for b in &table[i + 1..] {
                    let both = group.contains(&a.scope) && group.contains(&b.scope);
                    assert!(
                        !(both && a.key == b.key && a.action != b.action),
                        "{} is {:?} and {:?}",
                        a.key.label(),
                        a.action,
                        b.action
                    );
                }
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        let table = default_bindings();
        for (i, a) in table.iter().enumerate() {
            for b in &table[i + 1..] {
                assert!(!(a.scope == b.scope && a.key == b.key), "{:?} twice", a.key);
            }
        }
    }

    #[test]
    fn ctrl_h_and_shifted_letters_normalise() {
        let e = KeyEvent::new(KeyCode::Char('L'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&e), Key::ch('L'));
        let e = KeyEvent::new(KeyCode::Char('C'), KeyModifiers::CONTROL);
        assert_eq!(Key::from_event(&e), Key::ctrl('c'));
        let map = Keymap::default();
        assert_eq!(
            map.action(&[Scope::Board, Scope::Views], Key::ch('L')),
            Some(Action::MoveCardRight)
        );
        assert_eq!(
            map.action(&[Scope::DetailsPanel], Key::ctrl('c')),
            Some(Action::ForceQuit)
        );
    }
}
