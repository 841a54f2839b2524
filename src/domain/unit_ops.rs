//! Changing the list of units as communes reorganise: add, rename, retire,
//! and merge (the 2025 mergers join units), with their tasks following.
//! Each operation is built as one `Command` (a merge is one batch: every
//! task moved, then the old unit removed), so it is one undo step and its
//! history is kept.

use super::board::Board;
use super::command::Command;
use super::limits::MAX_UNIT_NAME;
use super::refusal::{Field, Refusal};
use super::text::one_line;
use super::unit::{Unit, valid_code};

fn check_name(name: &str) -> Result<String, Refusal> {
    let name = one_line(name);
    if name.is_empty() {
        return Err(Refusal::Empty);
    }
    if name.chars().count() > MAX_UNIT_NAME {
        return Err(Refusal::TooLong(Field::UnitName, MAX_UNIT_NAME));
    }
    Ok(name)
}

fn existing<'a>(board: &'a Board, code: &str) -> Result<&'a Unit, Refusal> {
    board.unit(code).ok_or_else(|| Refusal::NoUnit(code.into()))
}

/// A new unit.
pub fn add_unit(board: &Board, code: &str, name: &str) -> Result<Command, Refusal> {
    if !valid_code(code) {
        return Err(Refusal::BadUnitCode(code.to_string()));
    }
    if board.unit(code).is_some() {
        return Err(Refusal::UnitExists(code.into()));
    }
    Ok(Command::PutUnit(Unit::new(code, &check_name(name)?)))
}

/// A new name for a unit (its tasks keep it: they refer to the code).
pub fn rename_unit(board: &Board, code: &str, name: &str) -> Result<Command, Refusal> {
    let mut u = existing(board, code)?.clone();
    u.name = check_name(name)?;
    Ok(Command::PutUnit(u))
}

/// Retire a unit (`active = false`): its tasks keep it, but it is no
/// longer offered for new ones; `active = true` brings it back.
pub fn set_active(board: &Board, code: &str, active: bool) -> Result<Command, Refusal> {
    let mut u = existing(board, code)?.clone();
    u.active = active;
    Ok(Command::PutUnit(u))
}

/// Join `from` into `into`: every task led or supported by `from` is
/// given `into` instead, then `from` is removed.
pub fn merge_units(board: &Board, from: &str, into: &str) -> Result<Command, Refusal> {
    existing(board, from)?;
    existing(board, into)?;
    if from == into {
        return Err(Refusal::Empty);
    }
    let mut cmds: Vec<Command> = board
        .tasks
        .values()
        .filter(|t| t.involves(from))
        .map(|t| {
            let mut t = crate::domain::task::Task::clone(t);
            if t.lead == from {
                t.lead = into.into();
            }
            for s in &mut t.support {
                if s == from {
                    *s = into.into();
                }
            }
            let mut seen = Vec::new();
            t.support.retain(|s| {
                *s != t.lead && !seen.contains(s) && {
                    seen.push(s.clone());
                    true
                }
            });
            Command::Edit(t)
        })
        .collect();
    cmds.push(Command::RemoveUnit(from.into()));
    Ok(Command::Batch(cmds))
}

/// Delete a unit. A unit with tasks is refused unless they are given a
/// unit to go to (`to`), which is a merge.
pub fn remove_unit(board: &Board, code: &str, to: Option<&str>) -> Result<Command, Refusal> {
    existing(board, code)?;
    match to {
        Some(into) => merge_units(board, code, into),
        None => {
            let used = board.tasks.values().filter(|t| t.involves(code)).count();
            if used > 0 {
                return Err(Refusal::UnitInUse(code.into(), used));
            }
            Ok(Command::RemoveUnit(code.into()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::board::Ctx;
    use crate::domain::task::Task;
    use crate::domain::unit::{UnitCode, plan_preset};

    fn ctx() -> Ctx {
        Ctx {
            now: 5,
            author: "admin".into(),
        }
    }

    fn board() -> Board {
        let mut b = Board::new(Default::default(), plan_preset());
        let mut add = |title: &str, lead: &str, support: &[&str]| {
            let mut t = Task::new(title, 1, lead);
            t.support = support.iter().map(|s| UnitCode::from(*s)).collect();
            b.apply(Command::AddTask(t), &ctx()).unwrap();
        };
        add("Một", "vhxh", &[]);
        add("Hai", "tp", &["vhxh", "dc"]);
        add("Ba", "vp", &["tp"]);
        add("Bốn", "dc", &["tp", "vhxh"]);
        b
    }

    #[test]
    fn merging_moves_every_task_and_undoes_in_one_step() {
        let mut b = board();
        let before = b.clone();
        let cmd = merge_units(&b, "vhxh", "tp").unwrap();
        let applied = b.apply(cmd, &ctx()).unwrap();
        assert!(b.unit("vhxh").is_none());
        assert!(b.tasks.values().all(|t| !t.involves("vhxh")));
        assert_eq!(b.task(1).unwrap().lead, "tp");
        assert_eq!(
            b.task(2).unwrap().support,
            vec!["dc"],
            "tp leads: not also its own supporter"
        );
        assert_eq!(
            b.task(4).unwrap().support,
            vec!["tp"],
            "no duplicate supporter"
        );
        b.apply(applied.inverse, &ctx()).unwrap();
        assert_eq!(b.tasks, before.tasks);
        assert_eq!(
            b.units,
            before
                .units
                .iter()
                .filter(|u| u.code != "vhxh")
                .cloned()
                .chain(before.unit("vhxh").cloned())
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_unit_in_use_is_not_deleted_without_a_destination() {
        let b = board();
        assert_eq!(
            remove_unit(&b, "tp", None).unwrap_err(),
            Refusal::UnitInUse("tp".into(), 3)
        );
        assert!(matches!(
            remove_unit(&b, "gd", None).unwrap(),
            Command::RemoveUnit(_)
        ));
        assert!(matches!(
            remove_unit(&b, "tp", Some("vp")).unwrap(),
            Command::Batch(_)
        ));
    }

    #[test]
    fn add_rename_retire_with_refusals() {
        let mut b = board();
        assert_eq!(
            add_unit(&b, "vp", "X").unwrap_err(),
            Refusal::UnitExists("vp".into())
        );
        assert_eq!(
            add_unit(&b, "Bad Code", "X").unwrap_err(),
            Refusal::BadUnitCode("Bad Code".into())
        );
        assert_eq!(add_unit(&b, "kt", "  ").unwrap_err(), Refusal::Empty);
        b.apply(add_unit(&b, "kt", "Phòng Kinh tế").unwrap(), &ctx())
            .unwrap();
        b.apply(rename_unit(&b, "kt", "Phòng Kinh tế xã").unwrap(), &ctx())
            .unwrap();
        assert_eq!(b.unit("kt").unwrap().name, "Phòng Kinh tế xã");
        b.apply(set_active(&b, "kt", false).unwrap(), &ctx())
            .unwrap();
        assert!(!b.unit("kt").unwrap().active);
        assert_eq!(
            rename_unit(&b, "zz", "x").unwrap_err(),
            Refusal::NoUnit("zz".into())
        );
    }
}
