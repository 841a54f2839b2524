//! Key remapping: the config file's `[keys]` entries applied to the default
//! table. A remap replaces an action's default keys (in every scope the
//! action has keys, or in one scope); a remap that would give one key two
//! meanings where they are looked up together is refused and the action
//! keeps its default keys, with the config line that asked for it.

use super::keys::{Action, Binding, Key, Keymap, Scope, default_bindings};

/// One `action = "key"` entry of the config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remap {
    /// `None`: every scope where the action has default keys.
    pub scope: Option<Scope>,
    pub action: Action,
    pub keys: Vec<Key>,
    /// The config file's line (1-based), for messages.
    pub line: usize,
}

/// A remap that was refused because its key already means something else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub line: usize,
    pub key: Key,
    pub scope: Scope,
    /// The remapped action (it keeps its default keys).
    pub action: Action,
    /// What the key already does there.
    pub other: Action,
}

/// The scopes where an action has default keys.
pub fn default_scopes(action: Action) -> Vec<Scope> {
    let mut out = Vec::new();
    for b in default_bindings().iter().filter(|b| b.action == action) {
        if !out.contains(&b.scope) {
            out.push(b.scope);
        }
    }
    out
}

/// The table with these remaps applied, and the remaps refused.
/// Later entries for the same action and scope win over earlier ones.
pub fn apply(remaps: &[Remap]) -> (Keymap, Vec<Conflict>) {
    let mut active: Vec<&Remap> = remaps.iter().collect();
    let mut conflicts = Vec::new();
    loop {
        let table = sourced(&active);
        let Some((bad, conflict)) = first_conflict(&table) else {
            let bindings = table.into_iter().map(|(b, _)| b).collect();
            return (Keymap { bindings }, conflicts);
        };
        conflicts.push(conflict);
        active.retain(|r| r.line != bad);
    }
}

/// Where a binding came from: a default, or the remap on this line.
type Sourced = (Binding, Option<usize>);

/// The table, each binding with the config line that made it (if any).
fn sourced(active: &[&Remap]) -> Vec<Sourced> {
    // The remap in force per (action, scope): the last one given.
    let governing = |action: Action, scope: Scope| -> Option<&Remap> {
        active
            .iter()
            .rev()
            .find(|r| r.action == action && r.scope.is_none_or(|s| s == scope))
            .copied()
    };
    let mut out: Vec<Sourced> = Vec::new();
    let mut done: Vec<(Action, Scope)> = Vec::new();
    for b in default_bindings() {
        match governing(b.action, b.scope) {
            None => out.push((b, None)),
            Some(r) => {
                if done.contains(&(b.action, b.scope)) {
                    continue;
                }
                done.push((b.action, b.scope));
                for key in &r.keys {
                    let nb = Binding {
                        scope: b.scope,
                        key: *key,
                        action: b.action,
                    };
                    if !out.iter().any(|(x, _)| *x == nb) {
                        out.push((nb, Some(r.line)));
                    }
                }
            }
        }
    }
    out
}

/// The first key that means two actions where they are looked up together,
/// with the line of the remap to refuse (the later line if both are remaps).
fn first_conflict(table: &[Sourced]) -> Option<(usize, Conflict)> {
    for group in Scope::TOGETHER {
        for (i, (a, la)) in table.iter().enumerate() {
            for (b, lb) in &table[i + 1..] {
                if a.key != b.key
                    || a.action == b.action
                    || !group.contains(&a.scope)
                    || !group.contains(&b.scope)
                {
                    continue;
                }
                let (line, mine, other) = match (la, lb) {
                    (Some(x), Some(y)) if y >= x => (*y, b, a),
                    (Some(x), _) => (*x, a, b),
                    (None, Some(y)) => (*y, b, a),
                    (None, None) => continue,
                };
                return Some((
                    line,
                    Conflict {
                        line,
                        key: mine.key,
                        scope: mine.scope,
                        action: mine.action,
                        other: other.action,
                    },
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyCode;

    fn remap(scope: Option<Scope>, action: Action, keys: &[Key], line: usize) -> Remap {
        Remap {
            scope,
            action,
            keys: keys.to_vec(),
            line,
        }
    }

    #[test]
    fn a_remap_replaces_the_default_keys_everywhere_the_action_has_keys() {
        let (map, conflicts) = apply(&[remap(None, Action::MoveCardRight, &[Key::ch('m')], 3)]);
        assert!(conflicts.is_empty());
        let board = [Scope::Board, Scope::Views];
        assert_eq!(
            map.action(&board, Key::ch('m')),
            Some(Action::MoveCardRight)
        );
        assert_eq!(map.action(&board, Key::ch('L')), None);
        assert_eq!(map.action(&board, Key::ch('>')), None);
        assert_eq!(
            map.action(&[Scope::DetailsPanel], Key::ch('m')),
            Some(Action::MoveCardRight)
        );
        assert_eq!(map.keys_in(&board, Action::MoveCardRight), "m");
    }

    #[test]
    fn a_scoped_remap_leaves_other_scopes_alone() {
        let (map, conflicts) = apply(&[remap(
            Some(Scope::DetailsPanel),
            Action::ToggleDone,
            &[Key::plain(KeyCode::F(5))],
            2,
        )]);
        assert!(conflicts.is_empty());
        assert_eq!(
            map.action(&[Scope::DetailsPanel], Key::plain(KeyCode::F(5))),
            Some(Action::ToggleDone)
        );
        assert_eq!(map.action(&[Scope::DetailsPanel], Key::ch('x')), None);
        assert_eq!(
            map.action(&[Scope::Board, Scope::Views], Key::ch('x')),
            Some(Action::ToggleDone)
        );
    }

    #[test]
    fn a_key_already_taken_is_refused_with_its_line_and_the_defaults_kept() {
        let (map, conflicts) = apply(&[remap(None, Action::MoveCardRight, &[Key::ch('l')], 7)]);
        assert_eq!(conflicts.len(), 1);
        let c = &conflicts[0];
        assert_eq!(
            (c.line, c.key, c.action, c.other),
            (7, Key::ch('l'), Action::MoveCardRight, Action::Right)
        );
        let board = [Scope::Board, Scope::Views];
        assert_eq!(
            map.action(&board, Key::ch('L')),
            Some(Action::MoveCardRight)
        );
        assert_eq!(map.action(&board, Key::ch('l')), Some(Action::Right));
    }

    #[test]
    fn swapping_two_keys_is_no_conflict() {
        let (map, conflicts) = apply(&[
            remap(None, Action::AddNote, &[Key::ch('N')], 1),
            remap(None, Action::Search, &[Key::ch('n')], 2),
        ]);
        assert!(conflicts.is_empty(), "{conflicts:?}");
        let board = [Scope::Board, Scope::Views];
        assert_eq!(map.action(&board, Key::ch('n')), Some(Action::Search));
        assert_eq!(map.action(&board, Key::ch('N')), Some(Action::AddNote));
    }

    #[test]
    fn two_remaps_on_one_key_refuse_the_later_line() {
        let (map, conflicts) = apply(&[
            remap(None, Action::AddNote, &[Key::ch('m')], 4),
            remap(None, Action::Checklist, &[Key::ch('m')], 9),
        ]);
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].line, 9);
        let board = [Scope::Board, Scope::Views];
        assert_eq!(map.action(&board, Key::ch('m')), Some(Action::AddNote));
        assert_eq!(map.action(&board, Key::ch('c')), Some(Action::Checklist));
    }
}
