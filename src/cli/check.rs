//! `papi-board check [--salvage NEW]`: verify a database without writing
//! to it; copy what is readable from a damaged one into a new database.
//! The checking itself is `store::check`.

use std::io::Write;
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

fn print_report(env: &Env, r: &Report, out: &mut dyn Write) {
    let l = env.lang;
    writeln!(out, "{}: {}", S::CkChecking.t(l), env.db.display()).ok();
    if let Some(v) = r.schema {
        writeln!(out, "{} {v} · {}", S::CkSchema.t(l), counts(r, l)).ok();
    }
    if let Some((seq, at)) = r.last_change() {
        writeln!(out, "{}: #{seq} ({})", S::CkLastChange.t(l), rfc3339(at)).ok();
    }
    if r.problems.is_empty() {
        writeln!(out, "{}", S::CkClean.t(l)).ok();
        return;
    }
    writeln!(out, "{} ({}):", S::CkProblems.t(l), r.problems.len()).ok();
    for p in &r.problems {
        writeln!(out, "  - {}", crate::domain::text::sanitize(&p.message(l))).ok();
    }
}

/// The newest automatic backup, to restore when salvage is not enough.
fn hint_backup(env: &Env, out: &mut dyn Write) {
    let l = env.lang;
    if let Some(newest) = autobackup::list(&env.db).last() {
        writeln!(out, "{}: {}", S::CkNewestBackup.t(l), newest.display()).ok();
        writeln!(
            out,
            "  papi-board --db {} restore --force {}",
            env.db.display(),
            newest.display()
        )
        .ok();
    }
}

/// The report of a check made by the database's owner (`Store::check_open`).
pub fn print(env: &Env, r: &Report, out: &mut dyn Write) -> Result<(), Fail> {
    print_report(env, r, out);
    if r.problems.is_empty() {
        return Ok(());
    }
    hint_backup(env, out);
    writeln!(
        out,
        "{}: papi-board check --salvage NEW",
        S::CkSalvageHint.t(env.lang)
    )
    .ok();
    Err(Fail(S::CkFailed.t(env.lang).to_string()))
}

pub fn run(env: &Env, salvage: Option<&Path>, out: &mut dyn Write) -> Result<(), Fail> {
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
            print_report(env, &r, out);
            if r.problems.is_empty() {
                return Ok(());
            }
            hint_backup(env, out);
            writeln!(
                out,
                "{}: papi-board check --salvage NEW",
                S::CkSalvageHint.t(l)
            )
            .ok();
            Err(Fail(S::CkFailed.t(l).to_string()))
        }
        Some(to) => {
            let s = salvage::salvage(&env.db, to).map_err(|e| Fail(e.message(l)))?;
            print_report(env, &s.report, out);
            writeln!(
                out,
                "{} {}: {}",
                S::CkSalvaged.t(l),
                to.display(),
                counts(&s.report, l)
            )
            .ok();
            for code in &s.remade_units {
                writeln!(out, "  - {}: {code}", S::CkRemadeUnit.t(l)).ok();
            }
            writeln!(out, "{}", S::CkOldKept.t(l)).ok();
            let lost = s.report.problems.iter().any(|p| {
                matches!(
                    p,
                    Problem::Unreadable(..) | Problem::OlderStateOnly | Problem::Unopenable(_)
                )
            });
            if lost {
                hint_backup(env, out);
                return Err(Fail(S::CkSomeLost.t(l).to_string()));
            }
            Ok(())
        }
    }
}
