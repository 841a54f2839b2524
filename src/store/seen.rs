//! Who has looked at what: for each user of a board, the history entry up
//! to which the changes were read, and the cards someone else changed
//! since that the user has not looked at yet (the board marks them). Kept
//! in the board's `seen` tree, outside the history: looking changes no
//! task, so it is no `Command`, is not undone and is not in backups (a
//! restored database starts with nothing marked).
//!
//! Record: `upto` (u64, big-endian), then each marked task id (u64 each).

use std::collections::BTreeSet;

use crate::domain::command::Command;
use crate::domain::task::TaskId;

use super::codec::decode_history;
use super::{Store, StoreError, boards::tree_name};

/// The tree's base name (`b2:seen` for the second board).
pub const TREE: &str = "seen";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Seen {
    upto: u64,
    marks: BTreeSet<TaskId>,
}

impl Seen {
    fn encode(&self) -> Vec<u8> {
        std::iter::once(self.upto)
            .chain(self.marks.iter().copied())
            .flat_map(u64::to_be_bytes)
            .collect()
    }

    /// `None` for a record of the wrong length: it is then read afresh.
    fn decode(b: &[u8]) -> Option<Seen> {
        if b.is_empty() || !b.len().is_multiple_of(8) {
            return None;
        }
        let mut words = b
            .chunks_exact(8)
            .map(|c| u64::from_be_bytes(c.try_into().expect("8 bytes")));
        Some(Seen {
            upto: words.next()?,
            marks: words.collect(),
        })
    }
}

/// Every task a command changes, alone or inside a batch.
fn tasks_of(cmd: &Command, out: &mut BTreeSet<TaskId>) {
    match cmd {
        Command::Batch(cmds) => cmds.iter().for_each(|c| tasks_of(c, out)),
        c => out.extend(c.task_id()),
    }
}

impl Store {
    /// The cards someone other than `user` changed that `user` has not
    /// looked at since. The changes since the user's record are read from
    /// the history first, and the record kept. A user seen for the first
    /// time starts with nothing marked.
    pub fn unseen(&mut self, user: &str) -> Result<BTreeSet<TaskId>, StoreError> {
        let tree = self.seen_tree()?;
        let last = self.next_seq()?.saturating_sub(1);
        let io = |e: sled::Error| StoreError::Io(self.path.clone(), e.to_string());
        let old = tree.get(user.as_bytes()).map_err(io)?;
        let mut seen = match old.as_deref().and_then(Seen::decode) {
            Some(s) => s,
            None => Seen {
                upto: last,
                marks: BTreeSet::new(),
            },
        };
        if seen.upto < last {
            let from = (seen.upto + 1).to_be_bytes();
            for kv in self.history.range(from..) {
                let (_, v) = kv.map_err(io)?;
                let Ok(e) = decode_history(&v) else { continue };
                if e.author != user {
                    tasks_of(&e.cmd, &mut seen.marks);
                }
            }
            seen.upto = last;
        }
        seen.marks.retain(|id| self.board.tasks.contains_key(id));
        if old.as_deref() != Some(seen.encode().as_slice()) {
            tree.insert(user.as_bytes(), seen.encode()).map_err(io)?;
        }
        Ok(seen.marks)
    }

    /// `user` has looked at card `id`: it is no longer marked for them.
    pub fn looked_at(&mut self, user: &str, id: TaskId) -> Result<(), StoreError> {
        let tree = self.seen_tree()?;
        let io = |e: sled::Error| StoreError::Io(self.path.clone(), e.to_string());
        let Some(mut seen) = tree
            .get(user.as_bytes())
            .map_err(io)?
            .as_deref()
            .and_then(Seen::decode)
        else {
            return Ok(());
        };
        if seen.marks.remove(&id) {
            tree.insert(user.as_bytes(), seen.encode()).map_err(io)?;
        }
        Ok(())
    }

    fn seen_tree(&self) -> Result<sled::Tree, StoreError> {
        self.db
            .open_tree(tree_name(self.board_id, TREE))
            .map_err(|e| StoreError::Io(self.path.clone(), e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_read_back_and_bad_ones_are_refused() {
        let s = Seen {
            upto: 42,
            marks: [3, 7, 51].into(),
        };
        assert_eq!(Seen::decode(&s.encode()), Some(s));
        assert_eq!(Seen::decode(&[1, 2, 3]), None);
        assert_eq!(Seen::decode(&[]), None);
    }
}
