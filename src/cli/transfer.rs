//! `import`, `export`, `backup` and `restore`: plans in, reports out, and
//! the whole database to a file and back. Each reads or writes whole files
//! and changes the database in at most one step.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::Utc;

use crate::domain::area::AreaId;
use crate::domain::board::{Board, BoardMeta};
use crate::domain::task::board_offset;
use crate::domain::text::sanitize;
use crate::domain::unit::Unit;
use crate::domain::unit::UnitCode;
use crate::i18n::S;
use crate::store::autobackup::{self, Reason};
use crate::store::backup::BackupError;
use crate::store::{Store, StoreError};
use crate::transfer::export::{ExportFormat, export_to_path, render};
use crate::transfer::import::{ErrorKind, ImportError, Prepared, prepare};
use crate::transfer::report_table::ReportFilter;
use crate::transfer::review::{counts_line, review, source_line};

use super::{Env, Fail};

/// The metadata of a board started by an import: only the year.
fn empty_meta(env: &Env) -> BoardMeta {
    BoardMeta {
        year: env.today.format("%Y").to_string().parse().unwrap_or(2025),
        ..BoardMeta::default()
    }
}

/// What an import did or would do: on a dry run the whole review (every
/// task with its lead, support and deadline as read); otherwise how the
/// file was read, new units, the plan's details, warnings and the counts.
fn report(p: &Prepared, board_units: &[Unit], env: &Env, dry_run: bool) {
    let l = env.lang;
    if dry_run {
        println!("{}", S::ImDryRun.t(l));
        for line in review(p, board_units, l) {
            println!("{line}");
        }
        return;
    }
    if let Some(line) = source_line(p, l) {
        println!("{}", sanitize(&line));
    }
    if !p.new_units.is_empty() {
        let units: Vec<String> = p
            .new_units
            .iter()
            .map(|u| format!("{} ({})", u.code, sanitize(&u.name)))
            .collect();
        println!("{}: {}", S::ImNewUnits.t(l), units.join(", "));
    }
    if let Some(m) = &p.meta {
        println!(
            "{}: {} · {} · {} · {}",
            S::ImPlanMeta.t(l),
            sanitize(&m.number),
            sanitize(&m.date),
            sanitize(&m.commune),
            m.year
        );
    }
    if !p.warnings.is_empty() {
        println!("{}:", S::ImWarnings.t(l));
        for w in &p.warnings {
            println!("  - {}", sanitize(&w.message(l)));
        }
    }
    println!("{}", counts_line(p, l));
}

/// `import FILE [--dry-run]`. A new database starts from an empty board
/// (the preset units, no tasks) rather than the sample plan.
pub fn import(env: &Env, file: &Path, dry_run: bool) -> Result<(), Fail> {
    let name = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|e| {
        Fail(
            ImportError {
                file: name.clone(),
                kind: ErrorKind::Read(e.to_string()),
            }
            .message(env.lang),
        )
    })?;
    // A file that does not import must not leave a database behind.
    let mut store = if env.db.exists() {
        Some(Store::open_board(&env.db, env.board).map_err(|e| Fail(e.message(env.lang)))?)
    } else {
        None
    };
    let fresh = Board::new(empty_meta(env), env.config.config.units.units());
    let board = match &store {
        Some(s) if !s.is_new() => s.board(),
        _ => &fresh,
    };
    let mut prepared =
        prepare(&name, &bytes, board, env.today).map_err(|e| Fail(e.message(env.lang)))?;
    // A plan of another year goes on that year's own board, never mixed in.
    if env.board.is_none()
        && let (Some(year), Some(s)) = (prepared.plan_year, store.as_mut())
        && !s.is_new()
        && !s.board().tasks.is_empty()
        && s.board().meta.year != year
    {
        println!("{} {year}", S::ImOwnBoard.t(env.lang));
        if dry_run {
            report(&prepared, &s.board().units, env, true);
            return Ok(());
        }
        let existing = s
            .boards()
            .map_err(|e| Fail(e.message(env.lang)))?
            .into_iter()
            .find(|b| b.meta.year == year);
        match existing {
            Some(b) => s.switch_board(b.id),
            None => s.new_board(year, &env.ctx()).map(|_| ()),
        }
        .map_err(|e| Fail(e.message(env.lang)))?;
        prepared =
            prepare(&name, &bytes, s.board(), env.today).map_err(|e| Fail(e.message(env.lang)))?;
    }
    let units = match &store {
        Some(s) if !s.is_new() => s.board().units.clone(),
        _ => fresh.units.clone(),
    };
    if dry_run {
        report(&prepared, &units, env, true);
        return Ok(());
    }
    let Some(cmd) = prepared.command() else {
        report(&prepared, &units, env, false);
        println!("{}", S::ImNothing.t(env.lang));
        return Ok(());
    };
    let store = match &mut store {
        Some(s) => s,
        None => store.insert(Store::open(&env.db).map_err(|e| Fail(e.message(env.lang)))?),
    };
    // Before an import into a board, an automatic backup of it.
    let imported_into_board = !store.is_new();
    if store.is_new() {
        let units = env.config.config.units.units();
        store
            .seed(empty_meta(env), units, Vec::new(), &env.ctx())
            .map_err(|e| Fail(e.message(env.lang)))?;
    }
    if imported_into_board {
        store.auto_backup(Reason::Import).map_err(|e| {
            Fail(e.message(
                &autobackup::dir_for(&env.db).display().to_string(),
                env.lang,
            ))
        })?;
    }
    store
        .apply(cmd, &env.ctx())
        .map_err(|e| Fail(e.message(env.lang)))?;
    report(&prepared, &units, env, false);
    println!("{}", S::ImDone.t(env.lang));
    Ok(())
}

/// What `export` was asked for, as typed.
pub struct ExportArgs {
    pub format: Option<String>,
    pub area: Option<u8>,
    pub unit: Option<String>,
    pub period: Option<String>,
    pub force: bool,
}

impl ExportArgs {
    /// The format named (None: from the file's extension) and the filter,
    /// or why they are refused.
    pub fn read(
        &self,
        l: crate::domain::Lang,
    ) -> Result<(Option<ExportFormat>, ReportFilter), Fail> {
        let format = match &self.format {
            None => None,
            Some(f) => Some(
                ExportFormat::parse(f)
                    .ok_or_else(|| Fail(format!("{}: {f}", S::RpUnknownFormat.t(l))))?,
            ),
        };
        let period = match &self.period {
            None => None,
            Some(p) => Some(
                crate::domain::period::Period::parse(p)
                    .ok_or_else(|| Fail(format!("{}: {p}", S::RpBadPeriod.t(l))))?,
            ),
        };
        let filter = ReportFilter {
            area: self.area.map(AreaId::from),
            unit: self.unit.clone().map(UnitCode::from),
            period,
        };
        Ok((format, filter))
    }
}

/// `export FILE [--format F] [--area N] [--unit CODE] [--period P]
/// [--force]`; `-` is standard output. An existing file is written over
/// only with `--force`.
pub fn export(env: &Env, store: &Store, file: &Path, what: ExportArgs) -> Result<(), Fail> {
    let l = env.lang;
    let (format, filter) = what.read(l)?;
    let board = store.board();
    if file == Path::new("-") {
        let format = format.unwrap_or(ExportFormat::Csv);
        if format.is_binary() {
            return Err(Fail(S::RpNoStdoutXlsx.t(l).to_string()));
        }
        let bytes = render(board, format, &filter, env.today, l).map_err(|e| Fail(e.message(l)))?;
        let mut out = std::io::stdout().lock();
        return out
            .write_all(&bytes)
            .and_then(|()| out.flush())
            .map_err(|e| Fail(e.to_string()));
    }
    if !what.force && file.exists() {
        return Err(Fail(format!("{}: {}", S::RpExists.t(l), file.display())));
    }
    export_to_path(board, file, format, &filter, env.today, l).map_err(|e| Fail(e.message(l)))?;
    println!("{}: {}", S::RpWritten.t(l), file.display());
    Ok(())
}

/// `backup FILE`; `-` is standard output. Written record by record;
/// gzip-compressed when FILE ends in `.gz`.
pub fn backup(env: &Env, store: &Store, file: &Path) -> Result<(), Fail> {
    let l = env.lang;
    let name = file.display().to_string();
    let source = store
        .backup_source()
        .map_err(|e| Fail(e.message(&name, l)))?;
    if file == Path::new("-") {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        source
            .write(&mut out)
            .map_err(|e| Fail(e.message(&name, l)))?;
        return out.flush().map_err(|e| Fail(e.to_string()));
    }
    let gz = file.extension().is_some_and(|e| e == "gz");
    autobackup::write_file(&source, file, gz).map_err(|e| Fail(e.message(&name, l)))?;
    let b = store.board();
    println!(
        "{}: {name} ({} {}, {} {})",
        S::BkWritten.t(l),
        b.tasks.len(),
        S::TasksWord.t(l),
        b.units.len(),
        S::Unit.t(l).to_lowercase()
    );
    Ok(())
}

/// A sibling of the database directory: `<db>.<what>-YYYYmmdd-HHMMSS`.
fn beside(db: &Path, what: &str) -> PathBuf {
    let stamp = Utc::now()
        .with_timezone(&board_offset())
        .format("%Y%m%d-%H%M%S");
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{what}-{stamp}"));
    let mut path = db.with_file_name(&name);
    let mut n = 2;
    while path.exists() {
        let mut again = name.clone();
        again.push(format!("-{n}"));
        path = db.with_file_name(again);
        n += 1;
    }
    path
}

/// `restore FILE [--force]`: into a new database; with `--force`, the old
/// one is first moved aside to `<db>.before-restore-YYYYmmdd-HHMMSS`. The
/// backup is restored into a scratch directory first, so a bad file leaves
/// the database as it was.
pub fn restore(env: &Env, file: &Path, force: bool) -> Result<(), Fail> {
    let l = env.lang;
    let name = file.display().to_string();
    let io = |p: &Path, e: std::io::Error| Fail(format!("{}: {e}", p.display()));
    let backup = std::fs::File::open(file).map_err(|e| io(file, e))?;
    let exists = env.db.exists();
    // Before a restore over a board, an automatic backup of it; a damaged
    // board that cannot be read is only moved aside (with --force).
    let target_new = !exists
        || match Store::open(&env.db) {
            Ok(s) if !s.is_new() && force => {
                s.auto_backup(Reason::Restore).map_err(|e| {
                    Fail(e.message(&autobackup::dir_for(&env.db).display().to_string(), l))
                })?;
                false
            }
            Ok(s) => s.is_new(),
            Err(StoreError::Corrupt(..)) if force => false,
            Err(e) => return Err(Fail(e.message(l))),
        };
    if !target_new && !force {
        return Err(Fail(BackupError::NotEmpty.message(&name, l)));
    }
    let scratch = beside(&env.db, "restoring");
    let restored = (|| {
        let mut store = Store::open(&scratch).map_err(|e| Fail(e.message(l)))?;
        store
            .restore_backup(std::io::BufReader::new(backup))
            .map_err(|e| Fail(e.message(&name, l)))?;
        let b = store.board();
        Ok::<_, Fail>((b.tasks.len(), b.units.len()))
    })();
    let (tasks, units) = match restored {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&scratch);
            return Err(e);
        }
    };
    let kept = if target_new {
        if exists {
            std::fs::remove_dir_all(&env.db).map_err(|e| io(&env.db, e))?;
        }
        None
    } else {
        let aside = beside(&env.db, "before-restore");
        std::fs::rename(&env.db, &aside).map_err(|e| io(&env.db, e))?;
        Some(aside)
    };
    std::fs::rename(&scratch, &env.db).map_err(|e| io(&scratch, e))?;
    println!(
        "{}: {name} → {} ({tasks} {}, {units} {})",
        S::BkRestored.t(l),
        env.db.display(),
        S::TasksWord.t(l),
        S::Unit.t(l).to_lowercase()
    );
    if let Some(aside) = kept {
        println!("{} {}", S::BkOldKept.t(l), aside.display());
    }
    Ok(())
}
