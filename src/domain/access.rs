//! Who may change what: one pure rule shared by the SSH server and anything
//! else that acts for a user. Viewers read; editors change the tasks their
//! unit leads or supports (before the change AND after it, so a task cannot
//! be handed to or taken from another unit) and add notes to them, but
//! delete only the tasks their unit leads (a supporting unit cannot remove
//! another unit's responsibility); admins change everything, units, plan
//! details, scores and users included.

use super::board::{Board, Ctx};
use super::command::{Command, Touched};
pub use super::refusal::Forbidden;
use super::refusal::Refusal;
use super::task::TaskId;
use super::user::{Role, User};

/// May `user` run `cmd` on `board`? A refusal says why, in the user's words.
pub fn allowed(user: &User, cmd: &Command, board: &Board) -> Result<(), Refusal> {
    let forbid = |f: Forbidden| Err(Refusal::Forbidden(f));
    match user.role {
        Role::Admin => Ok(()),
        Role::Viewer => forbid(Forbidden::ReadOnly),
        Role::Editor => {
            let Some(unit) = user.unit.as_deref() else {
                return forbid(Forbidden::ReadOnly);
            };
            let mut ids = Vec::new();
            if !task_ids(cmd, &mut ids) {
                return forbid(Forbidden::AdminOnly);
            }
            // Before: every task the command is about must be the unit's.
            for id in &ids {
                if let Some(t) = board.task(*id)
                    && !t.involves(unit)
                {
                    return forbid(not_yours(*id, unit));
                }
            }
            // Deleting is for the lead unit.
            if let Some(id) =
                deleted(cmd).find(|id| board.task(*id).is_some_and(|t| t.lead != unit))
            {
                return forbid(Forbidden::NotYourLead {
                    task: id,
                    unit: unit.to_string(),
                });
            }
            // After: apply to a scratch board holding only those tasks and
            // look at what the command produced.
            let mut scratch = Board {
                units: board.units.clone(),
                tasks: ids
                    .iter()
                    .filter_map(|id| board.tasks.get(id).map(|t| (*id, t.clone())))
                    .collect(),
                next_id: board.next_id,
                ..Board::default()
            };
            let ctx = Ctx {
                now: 0,
                author: user.name.clone(),
            };
            // A command the board refuses is refused there, with its reason.
            let Ok(applied) = scratch.apply(cmd.clone(), &ctx) else {
                return Ok(());
            };
            for touched in &applied.touched {
                match touched {
                    Touched::Task(id) => {
                        if let Some(t) = scratch.task(*id)
                            && !t.involves(unit)
                        {
                            return forbid(not_yours(*id, unit));
                        }
                    }
                    // Adding a task bumps the id counter kept with the metadata.
                    Touched::Meta if matches!(cmd, Command::AddTask(_) | Command::Batch(_)) => {}
                    _ => return forbid(Forbidden::AdminOnly),
                }
            }
            Ok(())
        }
    }
}

fn not_yours(task: TaskId, unit: &str) -> Forbidden {
    Forbidden::NotYourUnit {
        task,
        unit: unit.to_string(),
    }
}

/// The tasks a command deletes.
fn deleted(cmd: &Command) -> Box<dyn Iterator<Item = TaskId> + '_> {
    match cmd {
        Command::DeleteTask(id) => Box::new(std::iter::once(*id)),
        Command::Batch(cmds) => Box::new(cmds.iter().flat_map(deleted)),
        _ => Box::new(std::iter::empty()),
    }
}

/// The tasks a command is about; false when some part of it is not about
/// one task (units, plan details, scores, users).
fn task_ids(cmd: &Command, out: &mut Vec<TaskId>) -> bool {
    match cmd {
        Command::Batch(cmds) => cmds.iter().all(|c| task_ids(c, out)),
        c => match c.task_id() {
            Some(id) => {
                out.push(id);
                true
            }
            None => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lang;
    use crate::domain::board::BoardMeta;
    use crate::domain::task::{Note, Status, Task};
    use crate::domain::unit::{Unit, plan_preset};

    fn board() -> Board {
        let mut b = Board::new(BoardMeta::default(), plan_preset());
        let ctx = Ctx {
            now: 1,
            author: "t".into(),
        };
        let mut supported = Task::new("Hỗ trợ", 2, "vp");
        supported.support = vec!["dc".into()];
        for t in [
            Task::new("Của địa chính", 1, "dc"),
            supported,
            Task::new("Khác", 3, "tp"),
        ] {
            b.apply(Command::AddTask(t), &ctx).unwrap();
        }
        b
    }

    fn user(role: Role, unit: Option<&str>) -> User {
        User {
            name: "lan".into(),
            key: "ssh-ed25519 AAAA".into(),
            role,
            unit: unit.map(Into::into),
        }
    }

    fn mv(id: TaskId) -> Command {
        Command::Move {
            id,
            status: Status::Doing,
        }
    }

    #[test]
    fn viewers_change_nothing_and_admins_everything() {
        let b = board();
        let viewer = user(Role::Viewer, Some("dc"));
        let admin = user(Role::Admin, None);
        for cmd in [
            mv(1),
            Command::RemoveUnit("gd".into()),
            Command::RemoveUser("x".into()),
        ] {
            assert_eq!(
                allowed(&viewer, &cmd, &b),
                Err(Refusal::Forbidden(Forbidden::ReadOnly))
            );
            assert_eq!(allowed(&admin, &cmd, &b), Ok(()));
        }
    }

    #[test]
    fn editors_change_their_units_tasks_only() {
        let b = board();
        let ed = user(Role::Editor, Some("dc"));
        assert_eq!(allowed(&ed, &mv(1), &b), Ok(()), "led by dc");
        assert_eq!(allowed(&ed, &mv(2), &b), Ok(()), "supported by dc");
        let note = Command::AddNote {
            id: 2,
            note: Note {
                at: 5,
                author: "lan".into(),
                text: "đã họp".into(),
                result: false,
            },
        };
        assert_eq!(allowed(&ed, &note, &b), Ok(()));
        assert_eq!(
            allowed(&ed, &mv(3), &b),
            Err(Refusal::Forbidden(not_yours(3, "dc")))
        );
        // A batch is refused whole when one part is not theirs.
        assert!(allowed(&ed, &Command::Batch(vec![mv(1), mv(3)]), &b).is_err());
        // Adding a task: only one their unit leads or supports.
        assert_eq!(
            allowed(&ed, &Command::AddTask(Task::new("Mới", 1, "dc")), &b),
            Ok(())
        );
        assert!(allowed(&ed, &Command::AddTask(Task::new("Mới", 1, "tp")), &b).is_err());
    }

    #[test]
    fn only_the_lead_units_editors_delete_a_task() {
        let b = board();
        let ed = user(Role::Editor, Some("dc"));
        assert_eq!(
            allowed(&ed, &Command::DeleteTask(1), &b),
            Ok(()),
            "led by dc"
        );
        let refusal = Refusal::Forbidden(Forbidden::NotYourLead {
            task: 2,
            unit: "dc".into(),
        });
        let refused = Err(refusal.clone());
        assert_eq!(
            allowed(&ed, &Command::DeleteTask(2), &b),
            refused,
            "dc supports #2"
        );
        assert_eq!(
            allowed(
                &ed,
                &Command::Batch(vec![mv(2), Command::DeleteTask(2)]),
                &b
            ),
            refused,
            "inside a batch too"
        );
        // The lead unit's editors, and admins, may.
        let vp = user(Role::Editor, Some("vp"));
        assert_eq!(allowed(&vp, &Command::DeleteTask(2), &b), Ok(()));
        assert_eq!(
            allowed(&user(Role::Admin, None), &Command::DeleteTask(2), &b),
            Ok(())
        );
        assert!(refusal.message(Lang::Vi).contains("chủ trì"));
    }

    #[test]
    fn editors_cannot_hand_a_task_away_or_take_one() {
        let b = board();
        let ed = user(Role::Editor, Some("dc"));
        let mut away = b.task(1).unwrap().clone();
        away.lead = "tp".into();
        assert_eq!(
            allowed(&ed, &Command::PutTask(away), &b),
            Err(Refusal::Forbidden(not_yours(1, "dc"))),
            "after the change the task would not be theirs"
        );
        let mut take = b.task(3).unwrap().clone();
        take.lead = "dc".into();
        assert!(
            allowed(&ed, &Command::PutTask(take), &b).is_err(),
            "before the change it was not theirs"
        );
    }

    #[test]
    fn editors_do_not_touch_units_meta_scores_or_users() {
        let b = board();
        let ed = user(Role::Editor, Some("dc"));
        for cmd in [
            Command::PutUnit(Unit::new("moi", "Mới")),
            Command::SetMeta(BoardMeta::default()),
            Command::SetScore {
                year: 2024,
                area: 1.into(),
                score: Some(500),
            },
            Command::PutUser(user(Role::Admin, None)),
            Command::Batch(vec![mv(1), Command::RemoveUser("x".into())]),
        ] {
            assert_eq!(
                allowed(&ed, &cmd, &b),
                Err(Refusal::Forbidden(Forbidden::AdminOnly)),
                "{cmd:?}"
            );
        }
        assert!(
            Refusal::Forbidden(Forbidden::AdminOnly)
                .message(Lang::Vi)
                .contains("Chỉ quản trị")
        );
    }
}
