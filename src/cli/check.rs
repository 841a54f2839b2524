//! `papi-board check [--salvage NEW]`: verify a database without writing
//! to it; copy what is readable from a damaged one into a new database.
//! The checking itself is `store::check`.

use std::path::Path;

use crate::domain::Lang;
use crate::domain::task::rfc3339;
use crate::i18n::S;
use crate::store::autobackup;
use crate::store::check::{self, Found, Problem, Report};
use crate::store::salvage;

use super::{Env, Fail};

/// Counts of what was readable: "51 nhiệm vụ · 11 đơn vị · …".
fn counts(r: &Report, l: Lang) -> String {
    format!(
        "{} {} · {} {} · {} {} · {} {} · {} {}",
        r.total(|f: &Found| f.tasks.len()),
        S::TasksWord.t(l),
        r.total(|f: &Found| f.units.len()),
        S::CkUnits.t(l),
        r.total(|f: &Found| f.users.len()),
        S::CkUsers.t(l),
        r.total(|f: &Found| f.history.len()),
        S::CkChanges.t(l),
        r.total(|f: &Found| f.scores.len()),
        S::CkScores.t(l),
    )
}

fn print_report(env: &Env, r: &Report) {
    let l = env.lang;
    println!("{}: {}", S::CkChecking.t(l), env.db.display());
    if let Some(v) = r.schema {
        println!("{} {v} · {}", S::CkSchema.t(l), counts(r, l));
    }
    if let Some((seq, at)) = r.last_change() {
        println!("{}: #{seq} ({})", S::CkLastChange.t(l), rfc3339(at));
    }
    if r.problems.is_empty() {
        println!("{}", S::CkClean.t(l));
        return;
    }
    println!("{} ({}):", S::CkProblems.t(l), r.problems.len());
    for p in &r.problems {
        println!("  - {}", crate::domain::text::sanitize(&p.message(l)));
    }
}

/// The newest automatic backup, to restore when salvage is not enough.
fn hint_backup(env: &Env) {
    let l = env.lang;
    if let Some(newest) = autobackup::list(&env.db).last() {
        println!("{}: {}", S::CkNewestBackup.t(l), newest.display());
        println!(
            "  papi-board --db {} restore --force {}",
            env.db.display(),
            newest.display()
        );
    }
}

pub fn run(env: &Env, salvage: Option<&Path>) -> Result<(), Fail> {
    let l = env.lang;
    if !env.db.join("db").exists() {
        return Err(Fail(format!(
            "{}: {}",
            S::CkNoDatabase.t(l),
            env.db.display()
        )));
    }
    match salvage {
        None => {
            let r = check::check(&env.db).map_err(|e| Fail(e.message(l)))?;
            print_report(env, &r);
            if r.problems.is_empty() {
                return Ok(());
            }
            hint_backup(env);
            println!("{}: papi-board check --salvage NEW", S::CkSalvageHint.t(l));
            Err(Fail(S::CkFailed.t(l).to_string()))
        }
        Some(to) => {
            let s = salvage::salvage(&env.db, to).map_err(|e| Fail(e.message(l)))?;
            print_report(env, &s.report);
            println!(
                "{} {}: {}",
                S::CkSalvaged.t(l),
                to.display(),
                counts(&s.report, l)
            );
            for code in &s.remade_units {
                println!("  - {}: {code}", S::CkRemadeUnit.t(l));
            }
            println!("{}", S::CkOldKept.t(l));
            let lost = s.report.problems.iter().any(|p| {
                matches!(
                    p,
                    Problem::Unreadable(..) | Problem::OlderStateOnly | Problem::Unopenable(_)
                )
            });
            if lost {
                hint_backup(env);
                return Err(Fail(S::CkSomeLost.t(l).to_string()));
            }
            Ok(())
        }
    }
}
