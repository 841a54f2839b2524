//! The board in memory: plan metadata, units and tasks, and `apply`, the one
//! function through which every `Command` changes them.
//!
//! Invariants kept here: every task's lead and supporting units exist; area
//! is 0–8; progress is 0–100; a task is `Done` exactly when `completed_at`
//! is set; ids are unique and `next_id` is above every id ever used.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::command::{Command, Touched};
use super::score::{Scores, is_dimension, valid_score, valid_year};
use super::task::{MAX_TEXT, MAX_TITLE, Millis, Status, Task, TaskId};
use super::unit::{Unit, valid_code};
use super::user::{Role, User, key_id, valid_name};

pub use super::refusal::Refusal;

/// Plan details kept with the board.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardMeta {
    /// "05/KH-UBND"
    pub number: String,
    /// Issue date as written, dd/mm/yyyy.
    pub date: String,
    /// "Hòa Phong"
    pub commune: String,
    pub year: i32,
    pub title: String,
    /// "tăng bậc so với năm 2024"
    pub target: String,
}

/// Who and when, for every applied command.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub now: Millis,
    pub author: String,
}

/// The result of applying a command.
#[derive(Debug, Clone)]
pub struct Applied {
    /// Applying this undoes the command.
    pub inverse: Command,
    pub touched: Vec<Touched>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Board {
    pub meta: BoardMeta,
    pub units: Vec<Unit>,
    pub tasks: BTreeMap<TaskId, Arc<Task>>,
    pub next_id: TaskId,
    /// Published PAPI scores the user recorded, by (year, dimension).
    pub scores: Scores,
    /// Who may connect over SSH, by login name.
    pub users: BTreeMap<String, User>,
}

impl Board {
    pub fn new(meta: BoardMeta, units: Vec<Unit>) -> Board {
        Board {
            meta,
            units,
            tasks: BTreeMap::new(),
            next_id: 1,
            scores: Scores::new(),
            users: BTreeMap::new(),
        }
    }

    pub fn unit(&self, code: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.code == code)
    }

    pub fn task(&self, id: TaskId) -> Option<&Task> {
        self.tasks.get(&id).map(|t| &**t)
    }

    /// Check a task's fields against the board.
    pub fn validate(&self, t: &Task) -> Result<(), Refusal> {
        if t.title.trim().is_empty() {
            return Err(Refusal::EmptyTitle);
        }
        if t.title.chars().count() > MAX_TITLE {
            return Err(Refusal::TooLong("title", MAX_TITLE));
        }
        for (name, text) in [("description", &t.description), ("output", &t.output)] {
            if text.chars().count() > MAX_TEXT {
                return Err(Refusal::TooLong(name, MAX_TEXT));
            }
        }
        if t.notes.iter().any(|n| n.text.chars().count() > MAX_TEXT) {
            return Err(Refusal::TooLong("note", MAX_TEXT));
        }
        if !t.area.is_known() {
            return Err(Refusal::BadArea(t.area));
        }
        if t.progress > 100 {
            return Err(Refusal::BadProgress(t.progress));
        }
        for code in std::iter::once(&t.lead).chain(t.support.iter()) {
            if self.unit(code).is_none() {
                return Err(Refusal::NoUnit(code.clone()));
            }
        }
        super::limits::check_task(t)
    }

    /// The user whose public key is `line` (type and body; comments ignored).
    pub fn user_by_key(&self, line: &str) -> Option<&User> {
        let id = key_id(line)?;
        self.users.values().find(|u| key_id(&u.key) == Some(id))
    }

    /// Check a user against the board: name, key, unit, no shared key.
    pub fn validate_user(&self, u: &User) -> Result<(), Refusal> {
        if !valid_name(&u.name) {
            return Err(Refusal::BadUserName(u.name.clone()));
        }
        if key_id(&u.key).is_none() || u.key.lines().count() != 1 {
            return Err(Refusal::BadKey);
        }
        if let Some(other) = self.user_by_key(&u.key)
            && other.name != u.name
        {
            return Err(Refusal::KeyInUse(other.name.clone()));
        }
        match (&u.unit, u.role) {
            (Some(code), _) if self.unit(code).is_none() => Err(Refusal::NoUnit(code.clone())),
            (None, Role::Editor) => Err(Refusal::EditorNeedsUnit),
            _ => Ok(()),
        }
    }

    /// Apply a command; on refusal the board is unchanged.
    pub fn apply(&mut self, cmd: Command, ctx: &Ctx) -> Result<Applied, Refusal> {
        if let Command::Batch(cmds) = cmd {
            return self.apply_batch(cmds, ctx);
        }
        let mut touched = Vec::new();
        let inverse = self.apply_one(cmd, ctx, &mut touched)?;
        Ok(Applied { inverse, touched })
    }

    fn apply_batch(&mut self, cmds: Vec<Command>, ctx: &Ctx) -> Result<Applied, Refusal> {
        if cmds.is_empty() {
            return Err(Refusal::Empty);
        }
        let mut inverses = Vec::with_capacity(cmds.len());
        let mut touched = Vec::new();
        for c in cmds {
            match self.apply(c, ctx) {
                Ok(a) => {
                    inverses.push(a.inverse);
                    touched.extend(a.touched);
                }
                Err(e) => {
                    // Roll back what this batch already did: all or nothing.
                    for inv in inverses.into_iter().rev() {
                        self.apply(inv, ctx)
                            .expect("inverse of an applied command applies");
                    }
                    return Err(e);
                }
            }
        }
        inverses.reverse();
        touched.sort();
        touched.dedup();
        Ok(Applied {
            inverse: Command::Batch(inverses),
            touched,
        })
    }

    fn existing(&self, id: TaskId) -> Result<Task, Refusal> {
        self.tasks
            .get(&id)
            .map(|t| Task::clone(t))
            .ok_or(Refusal::NoTask(id))
    }

    /// Store an edited task after validation; returns the inverse (the old task).
    fn replace(&mut self, old: Task, mut new: Task, ctx: &Ctx) -> Result<Command, Refusal> {
        self.validate(&new)?;
        new.updated_at = ctx.now;
        match (old.status == Status::Done, new.status == Status::Done) {
            (false, true) => {
                new.completed_at = Some(ctx.now);
                new.progress = 100;
            }
            (true, false) => new.completed_at = None,
            (true, true) => new.completed_at = new.completed_at.or(Some(ctx.now)),
            (false, false) => new.completed_at = None,
        }
        self.tasks.insert(new.id, Arc::new(new));
        Ok(Command::PutTask(old))
    }

    fn apply_one(
        &mut self,
        cmd: Command,
        ctx: &Ctx,
        touched: &mut Vec<Touched>,
    ) -> Result<Command, Refusal> {
        let inverse = match cmd {
            Command::AddTask(mut t) => {
                if t.id == 0 {
                    // Ids start at 1; 0 means "not assigned".
                    t.id = self.next_id.max(1);
                } else if self.tasks.contains_key(&t.id) {
                    return Err(Refusal::TaskExists(t.id));
                }
                self.validate(&t)?;
                if t.created_at == 0 {
                    t.created_at = ctx.now;
                }
                if t.updated_at == 0 {
                    t.updated_at = ctx.now;
                }
                if t.status == Status::Done && t.completed_at.is_none() {
                    t.completed_at = Some(ctx.now);
                } else if t.status != Status::Done {
                    t.completed_at = None;
                }
                let id = t.id;
                self.next_id = self.next_id.max(id + 1);
                self.tasks.insert(id, Arc::new(t));
                touched.push(Touched::Task(id));
                touched.push(Touched::Meta);
                Command::DeleteTask(id)
            }
            Command::DeleteTask(id) => {
                let old = self.tasks.remove(&id).ok_or(Refusal::NoTask(id))?;
                touched.push(Touched::Task(id));
                Command::AddTask(Arc::unwrap_or_clone(old))
            }
            Command::PutTask(t) => {
                let old = self.existing(t.id)?;
                touched.push(Touched::Task(t.id));
                // PutTask restores timestamps exactly (it is also the inverse).
                self.validate(&t)?;
                self.tasks.insert(t.id, Arc::new(t));
                Command::PutTask(old)
            }
            Command::Edit(t) => {
                let old = self.existing(t.id)?;
                touched.push(Touched::Task(t.id));
                let mut new = t;
                new.created_at = old.created_at;
                new.completed_at = old.completed_at;
                self.replace(old, new, ctx)?
            }
            Command::Move { id, status } => {
                let old = self.existing(id)?;
                let mut new = old.clone();
                new.status = status;
                touched.push(Touched::Task(id));
                self.replace(old, new, ctx)?
            }
            Command::SetProgress { id, progress } => {
                let old = self.existing(id)?;
                let mut new = old.clone();
                new.progress = progress;
                touched.push(Touched::Task(id));
                self.replace(old, new, ctx)?
            }
            Command::AddNote { id, note } => {
                let old = self.existing(id)?;
                let mut new = old.clone();
                new.notes.push(note);
                touched.push(Touched::Task(id));
                self.replace(old, new, ctx)?
            }
            Command::PutUnit(u) => {
                if !valid_code(&u.code) {
                    return Err(Refusal::BadUnitCode(u.code.into()));
                }
                super::limits::check_unit(&u)?;
                touched.push(Touched::Unit(u.code.clone()));
                match self.units.iter_mut().find(|x| x.code == u.code) {
                    Some(slot) => Command::PutUnit(std::mem::replace(slot, u)),
                    None => {
                        let code = u.code.clone();
                        self.units.push(u);
                        Command::RemoveUnit(code)
                    }
                }
            }
            Command::RemoveUnit(code) => {
                let used = self.tasks.values().filter(|t| t.involves(&code)).count();
                if used > 0 {
                    return Err(Refusal::UnitInUse(code, used));
                }
                let pos = self
                    .units
                    .iter()
                    .position(|u| u.code == code)
                    .ok_or(Refusal::NoUnit(code.clone()))?;
                touched.push(Touched::Unit(code));
                Command::PutUnit(self.units.remove(pos))
            }
            Command::SetMeta(m) => {
                super::limits::check_meta(&m)?;
                touched.push(Touched::Meta);
                Command::SetMeta(std::mem::replace(&mut self.meta, m))
            }
            Command::Checklist { id, op } => {
                let old = self.existing(id)?;
                let mut new = old.clone();
                apply_checklist(&mut new, op)?;
                touched.push(Touched::Task(id));
                self.replace(old, new, ctx)?
            }
            Command::SetScore { year, area, score } => {
                if !valid_year(year) {
                    return Err(Refusal::BadYear(year));
                }
                if !is_dimension(area) {
                    return Err(Refusal::NotADimension(area));
                }
                if let Some(s) = score
                    && !valid_score(s)
                {
                    return Err(Refusal::BadScore(s));
                }
                let old = match score {
                    Some(s) => self.scores.insert((year, area), s),
                    None => self.scores.remove(&(year, area)),
                };
                touched.push(Touched::Score(year, area));
                Command::SetScore {
                    year,
                    area,
                    score: old,
                }
            }
            Command::PutUser(u) => {
                self.validate_user(&u)?;
                let name = u.name.clone();
                touched.push(Touched::User(name.clone()));
                match self.users.insert(name.clone(), u) {
                    Some(old) => Command::PutUser(old),
                    None => Command::RemoveUser(name),
                }
            }
            Command::RemoveUser(name) => {
                let old = self.users.remove(&name).ok_or(Refusal::NoUser(name))?;
                touched.push(Touched::User(old.name.clone()));
                Command::PutUser(old)
            }
            Command::Batch(cmds) => {
                let a = self.apply_batch(cmds, ctx)?;
                touched.extend(a.touched);
                a.inverse
            }
        };
        Ok(inverse)
    }
}

/// Longest checklist item, in chars.
pub const MAX_ITEM: usize = 500;

/// Change a checklist. Once a task has a checklist, its progress follows it
/// (done items × 100 / items) until the task is done.
fn apply_checklist(t: &mut Task, op: super::command::ChecklistOp) -> Result<(), Refusal> {
    use super::command::ChecklistOp::*;
    let n = t.checklist.len();
    let bad = |i: usize| Refusal::NoItem(i + 1);
    match op {
        Add(text) => {
            let text = super::text::one_line(&text);
            if text.is_empty() {
                return Err(Refusal::Empty);
            }
            if text.chars().count() > MAX_ITEM {
                return Err(Refusal::TooLong("checklist", MAX_ITEM));
            }
            t.checklist
                .push(super::task::CheckItem { text, done: false });
        }
        Toggle(i) => {
            let item = t.checklist.get_mut(i).ok_or(bad(i))?;
            item.done = !item.done;
        }
        Remove(i) => {
            if i >= n {
                return Err(bad(i));
            }
            t.checklist.remove(i);
        }
        Move { from, to } => {
            if from >= n || to >= n {
                return Err(bad(from.max(to)));
            }
            let item = t.checklist.remove(from);
            t.checklist.insert(to, item);
        }
    }
    if !t.checklist.is_empty() && t.status != Status::Done {
        let done = t.checklist.iter().filter(|c| c.done).count();
        t.progress = (done * 100 / t.checklist.len()) as u8;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lang;
    use crate::domain::unit::plan_preset;

    fn ctx(now: Millis) -> Ctx {
        Ctx {
            now,
            author: "test".into(),
        }
    }

    fn board() -> Board {
        Board::new(BoardMeta::default(), plan_preset())
    }

    #[test]
    fn add_move_and_undo_by_inverse() {
        let mut b = board();
        let a = b
            .apply(Command::AddTask(Task::new("Họp dân", 1, "thon")), &ctx(1))
            .unwrap();
        assert_eq!(a.inverse, Command::DeleteTask(1));
        let before = b.clone();
        let m = b
            .apply(
                Command::Move {
                    id: 1,
                    status: Status::Done,
                },
                &ctx(2),
            )
            .unwrap();
        let t = b.task(1).unwrap();
        assert_eq!(
            (t.status, t.completed_at, t.progress),
            (Status::Done, Some(2), 100)
        );
        b.apply(m.inverse, &ctx(3)).unwrap();
        assert_eq!(b, before, "the inverse restores the task exactly");
    }

    #[test]
    fn edit_stamps_the_time_and_follows_the_status() {
        let mut b = board();
        b.apply(Command::AddTask(Task::new("A", 1, "vp")), &ctx(1))
            .unwrap();
        let mut t = b.task(1).unwrap().clone();
        t.title = "A mới".into();
        t.status = Status::Done;
        let a = b.apply(Command::Edit(t), &ctx(5)).unwrap();
        let t = b.task(1).unwrap();
        assert_eq!(
            (t.updated_at, t.completed_at, t.progress, t.created_at),
            (5, Some(5), 100, 1)
        );
        b.apply(a.inverse, &ctx(6)).unwrap();
        assert_eq!(b.task(1).unwrap().title, "A");
        assert_eq!(b.task(1).unwrap().updated_at, 1, "undo restores exactly");
    }

    #[test]
    fn refusals_change_nothing() {
        let mut b = board();
        b.apply(Command::AddTask(Task::new("A", 1, "vp")), &ctx(1))
            .unwrap();
        let before = b.clone();
        assert_eq!(
            b.apply(Command::AddTask(Task::new("B", 1, "nope")), &ctx(2))
                .unwrap_err(),
            Refusal::NoUnit("nope".into())
        );
        assert_eq!(
            b.apply(Command::AddTask(Task::new(" ", 1, "vp")), &ctx(2))
                .unwrap_err(),
            Refusal::EmptyTitle
        );
        assert_eq!(
            b.apply(Command::AddTask(Task::new("C", 9, "vp")), &ctx(2))
                .unwrap_err(),
            Refusal::BadArea(9.into())
        );
        assert_eq!(
            b.apply(
                Command::Move {
                    id: 7,
                    status: Status::Done
                },
                &ctx(2)
            )
            .unwrap_err(),
            Refusal::NoTask(7)
        );
        assert!(matches!(
            b.apply(Command::RemoveUnit("vp".into()), &ctx(2)),
            Err(Refusal::UnitInUse(_, 1))
        ));
        // A batch whose last command fails leaves nothing behind.
        let batch = Command::Batch(vec![
            Command::AddTask(Task::new("D", 1, "vp")),
            Command::Move {
                id: 1,
                status: Status::Doing,
            },
            Command::AddTask(Task::new("E", 1, "zzz")),
        ]);
        assert!(b.apply(batch, &ctx(3)).is_err());
        assert_eq!(b.tasks, before.tasks);
    }

    #[test]
    fn scores_are_set_cleared_undone_and_checked() {
        let mut b = board();
        let set = |year, area: u8, score| Command::SetScore {
            year,
            area: area.into(),
            score,
        };
        let a = b.apply(set(2024, 8, Some(312)), &ctx(1)).unwrap();
        assert_eq!(b.scores.get(&(2024, 8.into())), Some(&312));
        assert_eq!(a.inverse, set(2024, 8, None));
        assert_eq!(a.touched, vec![Touched::Score(2024, 8.into())]);
        let again = b.apply(set(2024, 8, Some(400)), &ctx(2)).unwrap();
        assert_eq!(again.inverse, set(2024, 8, Some(312)), "inverse restores");
        b.apply(again.inverse, &ctx(3)).unwrap();
        b.apply(a.inverse, &ctx(4)).unwrap();
        assert!(b.scores.is_empty());
        let before = b.clone();
        for (cmd, why) in [
            (set(2024, 0, Some(500)), Refusal::NotADimension(0.into())),
            (set(2024, 9, Some(500)), Refusal::NotADimension(9.into())),
            (set(2024, 1, Some(99)), Refusal::BadScore(99)),
            (set(2024, 1, Some(1001)), Refusal::BadScore(1001)),
            (set(24, 1, Some(500)), Refusal::BadYear(24)),
        ] {
            assert_eq!(b.apply(cmd, &ctx(5)).unwrap_err(), why);
        }
        assert_eq!(b, before, "refusals change nothing");
        assert!(
            Refusal::BadScore(1100)
                .message(Lang::Vi)
                .contains("Điểm 11,00 không hợp lệ")
        );
    }

    #[test]
    fn checklist_edits_move_progress_and_undo() {
        use crate::domain::command::ChecklistOp;
        let mut b = board();
        b.apply(Command::AddTask(Task::new("Niêm yết", 2, "vhxh")), &ctx(1))
            .unwrap();
        let before = b.clone();
        for text in ["Rà soát", "Họp thôn", "Niêm yết", "Báo cáo"] {
            b.apply(
                Command::Checklist {
                    id: 1,
                    op: ChecklistOp::Add(text.into()),
                },
                &ctx(2),
            )
            .unwrap();
        }
        b.apply(
            Command::Checklist {
                id: 1,
                op: ChecklistOp::Toggle(0),
            },
            &ctx(3),
        )
        .unwrap();
        assert_eq!(b.task(1).unwrap().progress, 25);
        let m = b
            .apply(
                Command::Checklist {
                    id: 1,
                    op: ChecklistOp::Move { from: 3, to: 0 },
                },
                &ctx(4),
            )
            .unwrap();
        assert_eq!(b.task(1).unwrap().checklist[0].text, "Báo cáo");
        b.apply(m.inverse, &ctx(5)).unwrap();
        assert_eq!(b.task(1).unwrap().checklist[3].text, "Báo cáo");
        b.apply(
            Command::Checklist {
                id: 1,
                op: ChecklistOp::Remove(0),
            },
            &ctx(6),
        )
        .unwrap();
        assert_eq!(b.task(1).unwrap().progress, 0, "3 items, none done");
        assert_eq!(
            b.apply(
                Command::Checklist {
                    id: 1,
                    op: ChecklistOp::Toggle(9)
                },
                &ctx(7)
            )
            .unwrap_err(),
            Refusal::NoItem(10)
        );
        assert!(
            b.apply(
                Command::Checklist {
                    id: 1,
                    op: ChecklistOp::Add("  ".into())
                },
                &ctx(7)
            )
            .is_err()
        );
        // Undo every step by inverses, newest first: back to the start.
        let mut b2 = before.clone();
        let mut inverses = Vec::new();
        for op in [
            ChecklistOp::Add("A".into()),
            ChecklistOp::Add("B".into()),
            ChecklistOp::Toggle(1),
        ] {
            inverses.push(
                b2.apply(Command::Checklist { id: 1, op }, &ctx(8))
                    .unwrap()
                    .inverse,
            );
        }
        for inv in inverses.into_iter().rev() {
            b2.apply(inv, &ctx(9)).unwrap();
        }
        assert_eq!(b2.tasks, before.tasks);
    }

    #[test]
    fn batch_inverse_undoes_the_whole_batch() {
        let mut b = board();
        b.apply(Command::AddTask(Task::new("A", 1, "vp")), &ctx(1))
            .unwrap();
        let before = b.clone();
        let a = b
            .apply(
                Command::Batch(vec![
                    Command::AddTask(Task::new("B", 2, "tp")),
                    Command::Move {
                        id: 1,
                        status: Status::Doing,
                    },
                    Command::DeleteTask(1),
                ]),
                &ctx(5),
            )
            .unwrap();
        assert_eq!(b.tasks.len(), 1);
        b.apply(a.inverse, &ctx(6)).unwrap();
        assert_eq!(b.tasks, before.tasks);
    }
}
