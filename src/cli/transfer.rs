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
use crate::store::backup_write::BackupSource;
use crate::store::{Store, StoreError};
use crate::term::local::files::ClientFiles;
use crate::transfer::export::{ExportError, ExportFormat, render_to};
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
fn report(p: &Prepared, board_units: &[Unit], env: &Env, dry_run: bool, out: &mut dyn Write) {
    let l = env.lang;
    if dry_run {
        writeln!(out, "{}", S::ImDryRun.t(l)).ok();
        for line in review(p, board_units, l) {
            writeln!(out, "{line}").ok();
        }
        return;
    }
    if let Some(line) = source_line(p, l) {
        writeln!(out, "{}", sanitize(&line)).ok();
    }
    if !p.new_units.is_empty() {
        let units: Vec<String> = p
            .new_units
            .iter()
            .map(|u| format!("{} ({})", u.code, sanitize(&u.name)))
            .collect();
        writeln!(out, "{}: {}", S::ImNewUnits.t(l), units.join(", ")).ok();
    }
    if let Some(m) = &p.meta {
        writeln!(
            out,
            "{}: {} · {} · {} · {}",
            S::ImPlanMeta.t(l),
            sanitize(&m.number),
            sanitize(&m.date),
            sanitize(&m.commune),
            m.year
        )
        .ok();
    }
    if !p.warnings.is_empty() {
        writeln!(out, "{}:", S::ImWarnings.t(l)).ok();
        for w in &p.warnings {
            writeln!(out, "  - {}", sanitize(&w.message(l))).ok();
        }
    }
    writeln!(out, "{}", counts_line(p, l)).ok();
}

/// `import FILE [--dry-run]`, the file's bytes read by the caller (they
/// are the user's, see `term::local::files`). A new database starts from
/// an empty board (the preset units, no tasks) rather than the sample plan.
pub fn import(
    env: &Env,
    name: &str,
    bytes: &[u8],
    dry_run: bool,
    store: &mut Store,
    out: &mut dyn Write,
) -> Result<(), Fail> {
    let l = env.lang;
    let fresh = Board::new(empty_meta(env), env.config.config.units.units());
    let board = if store.is_new() {
        &fresh
    } else {
        store.board()
    };
    let mut prepared = prepare(name, bytes, board, env.today).map_err(|e| Fail(e.message(l)))?;
    // A plan of another year goes on that year's own board, never mixed in.
    if env.board.is_none()
        && let Some(year) = prepared.plan_year
        && !store.is_new()
        && !store.board().tasks.is_empty()
        && store.board().meta.year != year
    {
        writeln!(out, "{} {year}", S::ImOwnBoard.t(l)).ok();
        if dry_run {
            report(&prepared, &store.board().units, env, true, out);
            return Ok(());
        }
        let existing = store
            .boards()
            .map_err(|e| Fail(e.message(l)))?
            .into_iter()
            .find(|b| b.meta.year == year);
        match existing {
            Some(b) => store.switch_board(b.id),
            None => store.new_board(year, &env.ctx()).map(|_| ()),
        }
        .map_err(|e| Fail(e.message(l)))?;
        prepared =
            prepare(name, bytes, store.board(), env.today).map_err(|e| Fail(e.message(l)))?;
    }
    let units = if store.is_new() {
        fresh.units.clone()
    } else {
        store.board().units.clone()
    };
    if dry_run {
        report(&prepared, &units, env, true, out);
        return Ok(());
    }
    let Some(cmd) = prepared.command() else {
        report(&prepared, &units, env, false, out);
        writeln!(out, "{}", S::ImNothing.t(l)).ok();
        return Ok(());
    };
    // Before an import into a board, an automatic backup of it.
    let imported_into_board = !store.is_new();
    if store.is_new() {
        let units = env.config.config.units.units();
        store
            .seed(empty_meta(env), units, Vec::new(), &env.ctx())
            .map_err(|e| Fail(e.message(l)))?;
    }
    if imported_into_board {
        store
            .auto_backup(Reason::Import)
            .map_err(|e| Fail(e.message(&autobackup::dir_for(&env.db).display().to_string(), l)))?;
    }
    store
        .apply(cmd, &env.ctx())
        .map_err(|e| Fail(e.message(l)))?;
    report(&prepared, &units, env, false, out);
    writeln!(out, "{}", S::ImDone.t(l)).ok();
    Ok(())
}

/// What `export` was asked for, as typed.
pub struct ExportArgs {
    pub format: Option<String>,
    pub area: Option<u8>,
    pub unit: Option<String>,
    pub period: Option<String>,
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

/// The import's file could not be read.
pub fn unreadable(env: &Env, name: &str, e: &std::io::Error) -> Fail {
    Fail(
        ImportError {
            file: name.to_string(),
            kind: ErrorKind::Read(e.to_string()),
        }
        .message(env.lang),
    )
}

/// `export FILE [--format F] [--area N] [--unit CODE] [--period P]`;
/// `-` is standard output. The report is made from `board` and written as
/// it is made, to the user's file (`files`) or to `out`. (`--force` is the
/// client's to check: the file is where the client is.)
pub fn export(
    env: &Env,
    board: &Board,
    file: &Path,
    what: &ExportArgs,
    out: &mut dyn Write,
    files: &mut dyn ClientFiles,
) -> Result<(), Fail> {
    let l = env.lang;
    let (named, filter) = what.read(l)?;
    if file == Path::new("-") {
        let format = named.unwrap_or(ExportFormat::Csv);
        if format.is_binary() {
            return Err(Fail(S::RpNoStdoutXlsx.t(l).to_string()));
        }
        render_to(board, format, &filter, env.today, l, out).map_err(|e| Fail(e.message(l)))?;
        return out.flush().map_err(|e| Fail(e.to_string()));
    }
    let format = named
        .or_else(|| ExportFormat::of_path(file))
        .ok_or_else(|| Fail(ExportError::UnknownFormat(file.to_path_buf()).message(l)))?;
    // Checked before a file is opened: a wrong filter leaves nothing.
    filter.check(board, l).map_err(Fail)?;
    let mut made = None;
    let written = files.write(file, false, &mut |w| {
        render_to(board, format, &filter, env.today, l, w).map_err(|e| {
            let m = e.message(l);
            made = Some(m.clone());
            std::io::Error::other(m)
        })
    });
    match (written, made) {
        (Ok(()), _) => {}
        (Err(_), Some(m)) => return Err(Fail(m)),
        (Err(e), None) => {
            return Err(Fail(
                ExportError::Io(file.to_path_buf(), e.to_string()).message(l),
            ));
        }
    }
    writeln!(out, "{}: {}", S::RpWritten.t(l), file.display()).ok();
    Ok(())
}

/// `backup FILE`; `-` is standard output. Written record by record, to the
/// user's file (only they can read it; gzip-compressed when FILE ends in
/// `.gz`) or to `out`. `source` was taken from the store (`board` too);
/// neither needs it any more.
pub fn backup(
    env: &Env,
    source: &BackupSource,
    board: &Board,
    file: &Path,
    out: &mut dyn Write,
    files: &mut dyn ClientFiles,
) -> Result<(), Fail> {
    let l = env.lang;
    let name = file.display().to_string();
    let mut failed = None;
    let mut fill = |w: &mut dyn Write| {
        source.write(w).map(|_| ()).map_err(|e| {
            let m = e.message(&name, l);
            failed = Some(m.clone());
            std::io::Error::other(m)
        })
    };
    let written = if file == Path::new("-") {
        fill(out).and_then(|()| out.flush())
    } else if file.extension().is_some_and(|e| e == "gz") {
        files.write(file, true, &mut |w| {
            let mut gz = flate2::write::GzEncoder::new(w, flate2::Compression::fast());
            fill(&mut gz)?;
            gz.finish().map(|_| ())
        })
    } else {
        files.write(file, true, &mut fill)
    };
    match (written, failed) {
        (Ok(()), _) => {}
        (Err(_), Some(m)) => return Err(Fail(m)),
        (Err(e), None) => return Err(Fail(format!("{name}: {e}"))),
    }
    if file == Path::new("-") {
        return Ok(());
    }
    writeln!(
        out,
        "{}: {name} ({} {}, {} {})",
        S::BkWritten.t(l),
        board.tasks.len(),
        S::TasksWord.t(l),
        board.units.len(),
        S::Unit.t(l).to_lowercase()
    )
    .ok();
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
