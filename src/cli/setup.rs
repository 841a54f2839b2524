//! Setting up the board: the units (add, rename, retire, merge, remove with
//! their tasks following) and the plan's details. Each change is one
//! command: audited, undoable, and admin-only over SSH.

use clap::Subcommand;

use crate::domain::board::BoardMeta;
use crate::domain::command::Command;
use crate::domain::text::{one_line, sanitize};
use crate::domain::unit_ops;
use crate::i18n::S;
use crate::store::Store;

use std::io::Write;

use super::{Env, Fail};

#[derive(Subcommand, Debug, serde::Serialize, serde::Deserialize)]
pub enum UnitCmd {
    /// List the units with how many tasks each leads and supports
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add a unit: a short code (lowercase, no accents) and its name
    Add { code: String, name: String },
    /// Give a unit a new name (its tasks follow: they refer to the code)
    Rename { code: String, name: String },
    /// Retire a unit: its tasks keep it, new tasks cannot choose it
    Retire { code: String },
    /// Bring a retired unit back
    Reopen { code: String },
    /// Join a unit into another: every task moves, the first unit goes away (one undo step)
    Merge { from: String, into: String },
    /// Delete a unit; if it still has tasks, say where they go with --to
    Remove {
        code: String,
        #[arg(long, value_name = "CODE")]
        to: Option<String>,
    },
}

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug, serde::Serialize, serde::Deserialize)]
pub enum PlanCmd {
    /// Show the plan's details
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Change the plan's details (number, date, commune, year, title, target) and who signs its reports
    Set(PlanFields),
}

/// The plan's details `plan set` changes; each left out stays as it is.
#[derive(clap::Args, Debug, serde::Serialize, serde::Deserialize)]
pub struct PlanFields {
    /// e.g. 05/KH-UBND
    #[arg(long)]
    number: Option<String>,
    /// dd/mm/yyyy
    #[arg(long)]
    date: Option<String>,
    #[arg(long)]
    commune: Option<String>,
    #[arg(long)]
    year: Option<i32>,
    #[arg(long)]
    title: Option<String>,
    /// e.g. "tăng bậc so với năm 2024"
    #[arg(long)]
    target: Option<String>,
    /// The issuing body, lines separated by ';' (default "ỦY BAN NHÂN DÂN;XÃ <COMMUNE>")
    #[arg(long)]
    issuer: Option<String>,
    /// Who signs the reports (full name)
    #[arg(long)]
    signer: Option<String>,
    /// The authority above the signature, lines separated by ';' (e.g. "TM. ỦY BAN NHÂN DÂN;KT. CHỦ TỊCH;PHÓ CHỦ TỊCH")
    #[arg(long)]
    signer_title: Option<String>,
    /// Nơi nhận, separated by ';' (e.g. "UBND huyện Hòa Vang;Đảng ủy xã;Lưu: VT")
    #[arg(long)]
    recipients: Option<String>,
}

fn apply(
    env: &Env,
    store: &mut Store,
    cmd: Result<Command, crate::domain::board::Refusal>,
) -> Result<(), Fail> {
    let cmd = cmd.map_err(|r| Fail(r.message(env.lang)))?;
    store
        .apply(cmd, &env.ctx())
        .map(|_| ())
        .map_err(|e| Fail(e.message(env.lang)))
}

pub fn run_unit(
    env: &Env,
    cmd: UnitCmd,
    store: &mut Store,
    out: &mut dyn Write,
) -> Result<(), Fail> {
    let b = store.board().clone();
    match cmd {
        UnitCmd::List { json } => {
            let rows: Vec<(String, String, bool, usize, usize)> = b
                .units
                .iter()
                .map(|u| {
                    let lead = b.tasks.values().filter(|t| t.lead == u.code).count();
                    let support = b
                        .tasks
                        .values()
                        .filter(|t| t.support.contains(&u.code))
                        .count();
                    (u.code.to_string(), u.name.clone(), u.active, lead, support)
                })
                .collect();
            if json {
                let v: Vec<serde_json::Value> = rows
                    .iter()
                    .map(|(c, n, a, l, s)| serde_json::json!({"code": c, "name": n, "active": a, "lead": l, "support": s}))
                    .collect();
                super::output::print_json(out, &v);
            } else {
                writeln!(
                    out,
                    "{:<8}{:>8}{:>9}  {}",
                    S::UnitCode.t(env.lang),
                    S::UnitLeadShort.t(env.lang),
                    S::UnitSupportShort.t(env.lang),
                    S::Unit.t(env.lang)
                )
                .ok();
                for (c, n, a, l, s) in rows {
                    let retired = if a {
                        String::new()
                    } else {
                        format!(" ({})", S::UnitRetired.t(env.lang))
                    };
                    writeln!(out, "{c:<8}{l:>8}{s:>9}  {}{retired}", sanitize(&n)).ok();
                }
            }
            return Ok(());
        }
        UnitCmd::Add { code, name } => {
            apply(env, store, unit_ops::add_unit(&b, code.trim(), &name))?
        }
        UnitCmd::Rename { code, name } => {
            apply(env, store, unit_ops::rename_unit(&b, &code, &name))?
        }
        UnitCmd::Retire { code } => apply(env, store, unit_ops::set_active(&b, &code, false))?,
        UnitCmd::Reopen { code } => apply(env, store, unit_ops::set_active(&b, &code, true))?,
        UnitCmd::Merge { from, into } => {
            let moved = b.tasks.values().filter(|t| t.involves(&from)).count();
            apply(env, store, unit_ops::merge_units(&b, &from, &into))?;
            writeln!(
                out,
                "{} {from} → {into}: {moved} {}",
                S::UnitMerged.t(env.lang),
                S::TasksWord.t(env.lang)
            )
            .ok();
            return Ok(());
        }
        UnitCmd::Remove { code, to } => {
            apply(env, store, unit_ops::remove_unit(&b, &code, to.as_deref()))?
        }
    }
    writeln!(out, "{}", S::MsgSaved.t(env.lang)).ok();
    Ok(())
}

pub fn run_plan(
    env: &Env,
    cmd: PlanCmd,
    store: &mut Store,
    out: &mut dyn Write,
) -> Result<(), Fail> {
    let m = store.board().meta.clone();
    match cmd {
        PlanCmd::Show { json } => {
            if json {
                let s = &m.signing;
                let v = serde_json::json!({
                    "number": m.number, "date": m.date, "commune": m.commune,
                    "year": m.year, "title": m.title, "target": m.target,
                    "issuer": s.issuer_lines(&m.commune), "signer": s.signer,
                    "signer_title": s.title_lines(), "recipients": s.recipient_lines(),
                });
                super::output::print_json(out, &v);
            } else {
                let l = env.lang;
                for (k, v) in [
                    (S::PlanNumber, m.number.clone()),
                    (S::PlanDate, m.date.clone()),
                    (S::PlanCommune, m.commune.clone()),
                    (S::PlanYear, m.year.to_string()),
                    (S::PlanTitle, m.title.clone()),
                    (S::PlanTarget, m.target.clone()),
                    (
                        S::PlanIssuer,
                        m.signing.issuer_lines(&m.commune).join(" / "),
                    ),
                    (S::PlanSigner, m.signing.signer.clone()),
                    (S::PlanSignerTitle, m.signing.title_lines().join(" / ")),
                    (S::PlanRecipients, m.signing.recipient_lines().join(" ")),
                ] {
                    writeln!(out, "{:<18} {}", format!("{}:", k.t(l)), sanitize(&v)).ok();
                }
            }
            Ok(())
        }
        PlanCmd::Set(f) => set_plan(env, store, m, f, out),
    }
}

/// `papi-board boards`: every plan with its counts, the open one marked.
pub fn boards(env: &Env, json: bool, store: &Store, out: &mut dyn Write) -> Result<(), Fail> {
    let boards = store.boards().map_err(|e| Fail(e.message(env.lang)))?;
    let current = store.board_id();
    if json {
        let v: Vec<serde_json::Value> = boards
            .iter()
            .map(|b| {
                serde_json::json!({
                    "id": b.id, "year": b.meta.year, "number": b.meta.number, "commune": b.meta.commune,
                    "tasks": b.tasks, "readonly": b.readonly, "current": b.id == current,
                })
            })
            .collect();
        super::output::print_json(out, &v);
        return Ok(());
    }
    for b in boards {
        let mark = if b.id == current { "*" } else { " " };
        let closed = if b.readonly {
            format!(" ({})", S::BoardClosed.t(env.lang))
        } else {
            String::new()
        };
        writeln!(
            out,
            "{mark} {:>3}  {}  {:<14} {:>6} {}{closed}",
            b.id,
            b.meta.year,
            sanitize(&b.meta.number),
            b.tasks,
            S::TasksWord.t(env.lang)
        )
        .ok();
    }
    Ok(())
}

/// `papi-board rollover --to YEAR [--dry-run]`.
pub fn rollover(
    env: &Env,
    to: i32,
    dry_run: bool,
    store: &mut Store,
    out: &mut dyn Write,
) -> Result<(), Fail> {
    let from = store.board().meta.year;
    let r = store
        .rollover(to, &env.ctx(), dry_run)
        .map_err(|e| Fail(e.message(env.lang)))?;
    let l = env.lang;
    let head = if dry_run {
        S::RolloverWould
    } else {
        S::RolloverDone
    };
    writeln!(out, "{} {from} → {to}", head.t(l)).ok();
    writeln!(out, "  {}: {}", S::RolloverOngoing.t(l), r.ongoing).ok();
    writeln!(out, "  {}: {}", S::RolloverCarried.t(l), r.carried).ok();
    writeln!(out, "  {}: {}", S::RolloverLeft.t(l), r.left_done).ok();
    Ok(())
}

/// `papi-board reopen YEAR`: a closed plan takes changes again.
/// The store is switched to that plan (the caller has made sure no other
/// window shows another).
pub fn reopen(env: &Env, board: &str, store: &mut Store, out: &mut dyn Write) -> Result<(), Fail> {
    let sel = crate::store::boards::BoardSel::parse(board)
        .ok_or_else(|| Fail(format!("{}: {board}", S::BadBoard.t(env.lang))))?;
    let id = store
        .resolve_board(Some(sel))
        .map_err(|e| Fail(e.message(env.lang)))?;
    store
        .switch_board(id)
        .and_then(|()| store.set_readonly(false))
        .map_err(|e| Fail(e.message(env.lang)))?;
    writeln!(out, "{}", S::MsgSaved.t(env.lang)).ok();
    Ok(())
}

/// `plan set`: the details given changed, in one command.
fn set_plan(
    env: &Env,
    store: &mut Store,
    m: BoardMeta,
    f: PlanFields,
    out: &mut dyn Write,
) -> Result<(), Fail> {
    let mut n = BoardMeta { ..m.clone() };
    let short = |s: String| -> Result<String, Fail> {
        let s = one_line(&s);
        if s.chars().count() > 500 {
            return Err(Fail(
                crate::domain::board::Refusal::TooLong(
                    crate::domain::refusal::Field::PlanDetail,
                    500,
                )
                .message(env.lang),
            ));
        }
        Ok(s)
    };
    if let Some(x) = f.number {
        n.number = short(x)?;
    }
    if let Some(x) = f.date {
        let x = one_line(&x);
        chrono::NaiveDate::parse_from_str(&x, "%d/%m/%Y")
            .map_err(|_| Fail(format!("{}: {x} (dd/mm/yyyy)", S::BadDateDmy.t(env.lang))))?;
        n.date = x;
    }
    if let Some(x) = f.commune {
        n.commune = short(x)?;
    }
    if let Some(y) = f.year {
        if !(1990..=2100).contains(&y) {
            return Err(Fail(format!("{}: {y}", S::BadYear.t(env.lang))));
        }
        n.year = y;
    }
    if let Some(x) = f.title {
        n.title = short(x)?;
    }
    if let Some(x) = f.target {
        n.target = short(x)?;
    }
    use crate::domain::signing::split_list;
    if let Some(x) = f.issuer {
        n.signing.issuer = split_list(&x);
    }
    if let Some(x) = f.signer {
        n.signing.signer = short(x)?;
    }
    if let Some(x) = f.signer_title {
        n.signing.title = split_list(&x);
    }
    if let Some(x) = f.recipients {
        n.signing.recipients = split_list(&x);
    }
    if n == m {
        writeln!(out, "{}", S::MsgNoChange.t(env.lang)).ok();
        return Ok(());
    }
    apply(env, store, Ok(Command::SetMeta(n)))?;
    writeln!(out, "{}", S::MsgSaved.t(env.lang)).ok();
    Ok(())
}
