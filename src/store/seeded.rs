//! For the store's own tests: a database seeded with generated tasks, as the
//! program leaves one after its first open.

use std::path::Path;

use crate::domain::board::{BoardMeta, Ctx};
use crate::domain::command::Command;
use crate::domain::unit::plan_preset;
use crate::store::Store;
use crate::transfer::generate::generate;

/// Who made the changes, and when (31 May 2025).
pub(crate) fn ctx() -> Ctx {
    Ctx {
        now: 1_748_710_800_000,
        author: "test".into(),
    }
}

/// A store at `path` holding `n` tasks of the plan's units, generated from
/// `seed`, on a board for 2025.
pub(crate) fn seeded(path: &Path, n: usize, seed: u64) -> Store {
    let mut s = Store::open(path).unwrap();
    let units = plan_preset();
    let tasks = generate(n, seed, 2025, &units, ctx().now);
    let meta = BoardMeta {
        year: 2025,
        ..Default::default()
    };
    let cmds = tasks.into_iter().map(Command::AddTask).collect();
    s.seed(meta, units, cmds, &ctx()).unwrap();
    s
}
