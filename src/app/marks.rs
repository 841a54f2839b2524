//! "Changed since you last looked": the cards someone else changed that
//! this user has not looked at yet, read from the repo (which keeps them
//! per user in the database) whenever the data moves. A card counts as
//! looked at once the cursor has been on it and leaves it, so the mark
//! stays in sight while the card is selected.

use std::collections::BTreeSet;

use super::{App, Repo};
use crate::domain::task::TaskId;

#[derive(Debug, Clone, Default)]
pub struct Marks {
    ids: BTreeSet<TaskId>,
    /// The revision the marks were read at.
    read_at: Option<u64>,
    /// The card the cursor is on.
    on: Option<TaskId>,
}

impl App {
    /// After each event: the marks read again if the data moved, and the
    /// card the cursor left no longer marked.
    pub(super) fn follow_marks(&mut self, repo: &mut dyn Repo) {
        let rev = repo.revision();
        if self.marks.read_at != Some(rev) {
            self.marks.ids = repo.unseen(&self.author);
            self.marks.read_at = Some(rev);
        }
        let now = self.selected_id();
        if now == self.marks.on {
            return;
        }
        if let Some(left) = std::mem::replace(&mut self.marks.on, now)
            && self.marks.ids.remove(&left)
        {
            repo.looked_at(&self.author, left);
        }
    }

    /// Did someone else change this card since this user looked at it?
    pub fn is_marked(&self, id: TaskId) -> bool {
        self.marks.ids.contains(&id)
    }

    /// How many cards are marked.
    pub fn marked(&self) -> usize {
        self.marks.ids.len()
    }
}
