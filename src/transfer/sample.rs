//! The default board: the real 2025 PAPI plan of Hòa Phong commune,
//! embedded in the program and parsed on the first open of an empty database.

use crate::domain::board::BoardMeta;
use crate::domain::command::Command;
use crate::domain::task::Task;
use crate::domain::unit::{Unit, plan_preset};

use super::plan::{ParsedPlan, parse_plan};
use super::rules::default_rules;

/// The plan text as issued.
pub const SAMPLE_PLAN: &str = include_str!("../../assets/ke-hoach-05-KH-UBND-2025-hoa-phong.txt");

/// The sample plan, parsed with the default units and rules.
pub fn sample_plan() -> ParsedPlan {
    parse_plan(SAMPLE_PLAN, &plan_preset(), &default_rules()).expect("the sample plan parses")
}

/// What seeding a new database with the sample needs: metadata, units, and
/// one AddTask command per task, in plan order (so ids are 1, 2, 3, …).
pub fn sample_seed() -> (BoardMeta, Vec<Unit>, Vec<Command>) {
    let plan = sample_plan();
    let mut units = plan_preset();
    units.extend(plan.new_units);
    let cmds = plan
        .tasks
        .into_iter()
        .map(|p| {
            let mut t = Task::new(&p.title, p.area, &p.lead);
            t.description = p.description;
            t.support = p.support;
            t.due = p.due;
            Command::AddTask(t)
        })
        .collect();
    (plan.meta, units, cmds)
}
