//! The board in memory: plan metadata, units and tasks, and `apply`, the one
//! function through which every `Command` changes them. The commands on
//! tasks are here; those on units, plan details, scores and users are in
//! `records`.
//!
//! Invariants kept here: every task's lead and supporting units exist; area
//! is 0–8; progress is 0–100; a task is `Done` exactly when `completed_at`
//! is set; ids are unique and `next_id` is above every id ever used.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::command::{ChecklistOp, Command, Touched};
use super::limits::MAX_ITEM;
use super::refusal::Field;
use super::score::Scores;
use super::task::{CheckItem, Millis, Note, Status, Task, TaskId};
use super::task_map::TaskMap;
use super::unit::Unit;
use super::user::User;
use super::validate::check_task;

pub use super::meta::BoardMeta;
pub use super::refusal::Refusal;
pub use super::signing::Signing;

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
    pub tasks: TaskMap,
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
            tasks: TaskMap::new(),
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

    /// Check a task's fields, then that its units are on the board.
    pub fn validate(&self, t: &Task) -> Result<(), Refusal> {
        check_task(t)?;
        for code in std::iter::once(&t.lead).chain(t.support.iter()) {
            if self.unit(code).is_none() {
                return Err(Refusal::NoUnit(code.clone()));
            }
        }
        Ok(())
    }

    /// Apply a command; on refusal the board is unchanged.
    pub fn apply(&mut self, cmd: Command, ctx: &Ctx) -> Result<Applied, Refusal> {
        let mut touched = Vec::new();
        let inverse = self.apply_one(cmd, ctx, &mut touched)?;
        Ok(Applied { inverse, touched })
    }

    /// One command: what it touched goes into `touched`, its inverse comes
    /// back. A dispatch only: each arm is one function.
    fn apply_one(
        &mut self,
        cmd: Command,
        ctx: &Ctx,
        touched: &mut Vec<Touched>,
    ) -> Result<Command, Refusal> {
        if let Some(id) = cmd.task_id() {
            // Every command about one task touches that task (a new one's
            // id is only known once added: `add_task` records it).
            if !matches!(cmd, Command::AddTask(_)) {
                touched.push(Touched::Task(id));
            }
        }
        match cmd {
            Command::AddTask(t) => self.add_task(t, ctx, touched),
            Command::DeleteTask(id) => self.delete_task(id),
            Command::PutTask(t) => self.put_task(t),
            Command::Edit(t) => self.edit(t, ctx),
            Command::Move { id, status } => self.change(id, ctx, |t| {
                t.status = status;
                Ok(())
            }),
            Command::Block { id, reason } => self.change(id, ctx, |t| {
                t.status = Status::Blocked;
                t.set_problem(reason.trim());
                Ok(())
            }),
            Command::SetProgress { id, progress } => self.change(id, ctx, |t| {
                t.progress = progress;
                Ok(())
            }),
            Command::AddNote { id, note } => self.change(id, ctx, |t| add_note(t, note)),
            Command::Checklist { id, op } => self.change(id, ctx, |t| apply_checklist(t, op)),
            Command::PutUnit(u) => self.put_unit(u, touched),
            Command::RemoveUnit(code) => self.remove_unit(code, touched),
            Command::SetMeta(m) => self.set_meta(m, touched),
            Command::SetScore { year, area, score } => self.set_score(year, area, score, touched),
            Command::PutUser(u) => self.put_user(u, touched),
            Command::RemoveUser(name) => self.remove_user(name, touched),
            Command::Batch(cmds) => {
                let a = self.apply_batch(cmds, ctx)?;
                touched.extend(a.touched);
                Ok(a.inverse)
            }
        }
    }

    /// Several commands as one: all applied, or none (a refusal rolls back
    /// what the batch already did).
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

    fn add_task(
        &mut self,
        mut t: Task,
        ctx: &Ctx,
        touched: &mut Vec<Touched>,
    ) -> Result<Command, Refusal> {
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
        t.stamp_problems(ctx.now, &ctx.author);
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
        Ok(Command::DeleteTask(id))
    }

    fn delete_task(&mut self, id: TaskId) -> Result<Command, Refusal> {
        let old = self.tasks.remove(&id).ok_or(Refusal::NoTask(id))?;
        Ok(Command::AddTask(Arc::unwrap_or_clone(old)))
    }

    /// Restores timestamps exactly: it is also the inverse of the others.
    fn put_task(&mut self, t: Task) -> Result<Command, Refusal> {
        let old = self.existing(t.id)?;
        self.validate(&t)?;
        self.tasks.insert(t.id, Arc::new(t));
        Ok(Command::PutTask(old))
    }

    /// The fields as given; the creation and completion times stay the board's.
    fn edit(&mut self, mut new: Task, ctx: &Ctx) -> Result<Command, Refusal> {
        let old = self.existing(new.id)?;
        new.created_at = old.created_at;
        new.completed_at = old.completed_at;
        self.replace(old, new, ctx)
    }

    /// Change one task in place with `f`, then store it as `replace` does.
    fn change(
        &mut self,
        id: TaskId,
        ctx: &Ctx,
        f: impl FnOnce(&mut Task) -> Result<(), Refusal>,
    ) -> Result<Command, Refusal> {
        let old = self.existing(id)?;
        let mut new = old.clone();
        f(&mut new)?;
        self.replace(old, new, ctx)
    }

    /// Store an edited task after validation; returns the inverse (the old task).
    fn replace(&mut self, old: Task, mut new: Task, ctx: &Ctx) -> Result<Command, Refusal> {
        self.validate(&new)?;
        new.updated_at = ctx.now;
        new.settle_problems(&old, ctx.now, &ctx.author);
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
}

fn add_note(t: &mut Task, note: Note) -> Result<(), Refusal> {
    t.notes.push(note);
    Ok(())
}

/// Change a checklist. Once a task has a checklist, its progress follows it
/// (done items × 100 / items) until the task is done.
fn apply_checklist(t: &mut Task, op: ChecklistOp) -> Result<(), Refusal> {
    use ChecklistOp::*;
    let n = t.checklist.len();
    let bad = |i: usize| Refusal::NoItem(i + 1);
    match op {
        Add(text) => {
            let text = super::text::one_line(&text);
            if text.is_empty() {
                return Err(Refusal::Empty);
            }
            if text.chars().count() > MAX_ITEM {
                return Err(Refusal::TooLong(Field::Checklist, MAX_ITEM));
            }
            t.checklist.push(CheckItem { text, done: false });
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
