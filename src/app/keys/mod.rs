//! Keys are data: one table maps (scope, key) to an action. A scope is
//! where keys are looked up: a view, or the overlay that has the keys.
//! The help overlay, the status-bar hints and the key reference are
//! generated from it, so they cannot drift from what the keys do.

mod action;
mod scope;
mod table;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use action::Action;
pub use scope::Scope;
pub use table::default_bindings;

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
