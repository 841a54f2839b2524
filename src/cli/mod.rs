//! The command line: global options, the database location, and one
//! function per subcommand. Expected failures print one plain line in the
//! user's language and exit non-zero; nothing is written on failure.

mod check;
mod config;
mod edit;
pub mod help;
mod history;
pub mod local;
mod morning;
mod morning_full;
mod output;
mod own;
mod package_files;
mod scores;
pub mod serve;
mod setup;
mod transfer;
mod users;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{NaiveDate, Utc};
use clap::{Args, Parser, Subcommand};

use crate::domain::Lang;
use crate::domain::board::Ctx;
use crate::domain::task::{Status, board_offset};
use crate::i18n::S;
use crate::store::StoreError;

/// `papi-board --version`: the version and the source revision it was built
/// from (see `build.rs`).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (revision ",
    env!("PAPI_BOARD_REVISION"),
    ")"
);

#[derive(Parser, Debug, serde::Serialize, serde::Deserialize)]
#[command(
    name = "papi-board",
    version = VERSION,
    about = "A task board for a commune's PAPI improvement plan",
    long_about = "A terminal task board for a commune's PAPI improvement plan.\n\n\
        Without a command it opens the board. On first use the board holds the\n\
        2025 plan of Hòa Phong commune (Kế hoạch 05/KH-UBND) as an example."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Args, Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Global {
    /// Database directory (default: the platform data directory, e.g. ~/.local/share/papi-board/db)
    #[arg(long, global = true, env = "PAPI_BOARD_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Take this date as today (YYYY-MM-DD) for every class and view
    #[arg(long, global = true, env = "PAPI_BOARD_TODAY", value_name = "DATE")]
    pub today: Option<String>,
    /// Which plan: a year (2025) or a board id; default the newest plan
    #[arg(long, global = true, env = "PAPI_BOARD_BOARD", value_name = "YEAR|ID")]
    pub board: Option<String>,
    /// Interface language: vi (default) or en
    #[arg(long, global = true, env = "PAPI_BOARD_LANG", value_name = "vi|en")]
    pub lang: Option<String>,
    /// Turn on the mouse (click to select, wheel to scroll); off by default so copy and paste work over SSH
    #[arg(long, global = true)]
    pub mouse: bool,
    /// Draw with ASCII only, for old consoles
    #[arg(long, global = true)]
    pub ascii: bool,
    /// Settings file (default: the platform config directory, e.g. ~/.config/papi-board/config.toml)
    #[arg(long, global = true, env = "PAPI_BOARD_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
}

#[derive(Subcommand, Debug, serde::Serialize, serde::Deserialize)]
pub enum Cmd {
    /// The morning check: the four report classes overall, per area and per unit; overdue and due-soon tasks
    Status {
        #[arg(long)]
        json: bool,
        /// The full tables by dimension and by unit, and every overdue task
        #[arg(long)]
        full: bool,
        /// Only this area (0–8)
        #[arg(long)]
        area: Option<u8>,
        /// Only tasks this unit leads or supports
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        /// Over SSH: the whole board, not only your unit's work
        #[arg(long)]
        all: bool,
    },
    /// List tasks
    List {
        #[arg(long)]
        area: Option<u8>,
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        /// todo, doing, blocked or done
        #[arg(long)]
        status: Option<String>,
        /// Only overdue tasks
        #[arg(long)]
        overdue: bool,
        /// Search like the board's `/`: words without accents, @unit #area status:… !overdue !week
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one task with every field
    Show {
        id: u64,
        #[arg(long)]
        json: bool,
    },
    /// Create the database; --empty gives a board without the sample plan
    Init {
        #[arg(long)]
        empty: bool,
    },
    /// Published PAPI scores per dimension and year (1–10), shown in the overview beside the tasks
    Scores {
        #[command(subcommand)]
        cmd: scores::ScoresCmd,
    },
    #[command(flatten)]
    Edit(edit::EditCmd),
    /// Import a plan (.docx, .pdf, .doc, .txt, .md) or a task table (.csv, .xlsx, .xls, .ods); one undo step
    Import {
        file: PathBuf,
        /// Show what would be created and change nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Write the progress report (.docx, .xlsx, .csv, .md or .json; `-` for standard output)
    Export {
        file: PathBuf,
        /// docx, xlsx, csv, md or json (default: from the file's extension)
        #[arg(long)]
        format: Option<String>,
        /// Only this area (0–8)
        #[arg(long)]
        area: Option<u8>,
        /// Only tasks this unit leads or supports
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        /// The report period: 2025-Q2, 2025-H1, 2025-9M, 2025 or FROM..TO (default: as of today)
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
        /// Write over an existing file
        #[arg(long)]
        force: bool,
    },
    /// Save the whole database (tasks, units, notes, history, scores…) as readable JSON lines; gzip-compressed if FILE ends in .gz
    Backup { file: PathBuf },
    /// Restore a backup into an empty database (--force moves a non-empty one aside first)
    Restore {
        file: PathBuf,
        #[arg(long)]
        force: bool,
    },
    /// Serve the board over SSH: every connection gets its own board session, changes appear everywhere at once
    Serve {
        /// Address to listen on; serving beyond this machine takes an explicit address
        #[arg(long, default_value = "127.0.0.1:2222", value_name = "IP:PORT")]
        listen: String,
        /// At most this many SSH connections at once
        #[arg(long, default_value_t = 64, value_name = "N")]
        max_sessions: usize,
        /// Seconds of silence before a client is asked whether it is still there (3 missed answers drop it)
        #[arg(long, default_value_t = 30, value_name = "SECONDS")]
        keepalive: u64,
        /// Seconds a connection has to log in before it is cut
        #[arg(long, default_value_t = 20, value_name = "SECONDS")]
        login_timeout: u64,
    },
    /// The plans in this database, one board a year, with their counts
    Boards {
        #[arg(long)]
        json: bool,
    },
    /// Start next year's plan from this one: ongoing and open tasks go along, done ones stay
    Rollover {
        /// The new plan's year
        #[arg(long, value_name = "YEAR")]
        to: i32,
        /// Only say what would move
        #[arg(long)]
        dry_run: bool,
    },
    /// Open a closed (read-only) plan for changes again
    Reopen {
        /// Its year or id
        board: String,
    },
    /// The responsible units: list, add, rename, retire, merge, remove (tasks follow)
    Unit {
        #[command(subcommand)]
        cmd: setup::UnitCmd,
    },
    /// The plan's details: number, date, commune, year, title, target, who signs its reports
    Plan {
        #[command(subcommand)]
        cmd: setup::PlanCmd,
    },
    /// Verify the database without changing it; --salvage NEW copies every readable record into a new database
    Check {
        /// A new database directory to copy the readable records into
        #[arg(long, value_name = "NEW")]
        salvage: Option<PathBuf>,
    },
    /// Who may connect over SSH: add, list, remove users (public keys and roles)
    User {
        #[command(subcommand)]
        cmd: users::UserCmd,
    },
    /// The audit trail: every change with who made it and when
    History {
        /// Only changes of this task
        #[arg(long, value_name = "ID")]
        task: Option<u64>,
        /// Only changes by this user
        #[arg(long, value_name = "NAME")]
        user: Option<String>,
        /// Only changes on or after this day (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The settings file: write a commented default (init), where it is read from (path), check it (check)
    Config {
        #[command(subcommand)]
        cmd: config::ConfigCmd,
    },
    /// Print the key reference from the key table (with the config file's remaps; --markdown: the default table, as in docs/keys.md)
    Keys {
        #[arg(long)]
        markdown: bool,
    },
    /// Fill a NEW database with N synthetic tasks, for benchmarks and for trying the board at scale
    Generate {
        #[arg(long, value_name = "N")]
        tasks: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Write the manual pages and the bash completion into DIR, for packaging
    #[command(hide = true)]
    PackageFiles { dir: PathBuf },
    /// The program that holds the database for every window, started by papi-board itself
    #[command(hide = true)]
    Own {
        /// The database directory did not exist before
        #[arg(long)]
        fresh: bool,
    },
}

/// Everything a subcommand needs to know about the invocation.
pub struct Env {
    pub lang: Lang,
    pub today: NaiveDate,
    pub db: PathBuf,
    pub author: String,
    /// The plan asked for with --board (a year or an id); else the newest.
    pub board: Option<crate::store::boards::BoardSel>,
    /// The settings file as read (every default when there is none).
    pub config: crate::config::Loaded,
}

impl Env {
    pub fn ctx(&self) -> Ctx {
        Ctx {
            now: Utc::now().timestamp_millis(),
            author: self.author.clone(),
        }
    }
}

/// A failure to report to the user as one line.
pub struct Fail(pub String);

impl From<StoreError> for Fail {
    fn from(e: StoreError) -> Self {
        // The language is not known here; callers use `fail_store` when it is.
        Fail(e.message(Lang::Vi))
    }
}

/// The default database directory: `<data dir>/db`.
pub fn default_db() -> PathBuf {
    directories::ProjectDirs::from("", "", "papi-board")
        .map(|d| d.data_dir().join("db"))
        .unwrap_or_else(|| PathBuf::from("papi-board-db"))
}

/// Who changes made here are recorded as: the OS user, from the
/// environment, else from the password database (a service or `env -i`
/// has no $USER); "local" only when neither knows.
fn os_user() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.trim().is_empty())
        .or_else(passwd_name)
        .unwrap_or_else(|| "local".into())
}

/// The login name of the process's user, from the password database.
fn passwd_name() -> Option<String> {
    let mut buf = vec![0 as libc::c_char; 4096];
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut out: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: getpwuid_r writes into `pwd` and `buf` (sizes given) and sets
    // `out` to `&pwd` on success; `pw_name` then points into `buf`, alive here.
    let rc = unsafe {
        libc::getpwuid_r(
            libc::getuid(),
            &mut pwd,
            buf.as_mut_ptr(),
            buf.len(),
            &mut out,
        )
    };
    if rc != 0 || out.is_null() || pwd.pw_name.is_null() {
        return None;
    }
    let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
    Some(name.to_string_lossy().into_owned()).filter(|n| !n.is_empty())
}

/// Where the settings file is read from: `--config`, `PAPI_BOARD_CONFIG`,
/// else the platform's config directory.
pub fn config_path(g: &Global) -> PathBuf {
    g.config.clone().unwrap_or_else(crate::config::default_path)
}

/// Resolve language, date and database from the global options (and the
/// settings file, which the options override).
pub fn env_of(g: &Global) -> Result<Env, Fail> {
    env_with(g, crate::config::load(&config_path(g)))
}

/// `env_of` with the settings file as already read.
pub fn env_with(g: &Global, config: crate::config::Loaded) -> Result<Env, Fail> {
    let lang = match &g.lang {
        None => config.config.lang.unwrap_or(Lang::Vi),
        Some(l) => Lang::parse(l).ok_or_else(|| {
            Fail(format!(
                "Ngôn ngữ không hỗ trợ: {l} (vi|en) / Unsupported language: {l} (vi|en)"
            ))
        })?,
    };
    let today = match &g.today {
        None => Utc::now().with_timezone(&board_offset()).date_naive(),
        Some(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| Fail(format!("{}: {s}", S::BadDate.t(lang))))?,
    };
    let board = match &g.board {
        None => None,
        Some(b) => Some(
            crate::store::boards::BoardSel::parse(b)
                .ok_or_else(|| Fail(format!("{}: {b}", S::BadBoard.t(lang))))?,
        ),
    };
    Ok(Env {
        lang,
        today,
        db: g.db.clone().unwrap_or_else(default_db),
        author: config.config.name.clone().unwrap_or_else(os_user),
        board,
        config,
    })
}

/// Warn that a daily backup failed (the data itself is safe).
pub fn warn_backup(
    result: Result<(), crate::store::backup::BackupError>,
    db: &std::path::Path,
    lang: Lang,
) {
    if let Err(e) = result {
        let dir = crate::store::autobackup::dir_for(db);
        eprintln!(
            "papi-board: {}: {}",
            S::CkBackupWarn.t(lang),
            e.message(&dir.display().to_string(), lang)
        );
    }
}

/// Run the command line; returns the process exit code. Commands that use
/// the database go to its owner (`local`); the settings file and the key
/// reference need none.
pub fn run(cli: Cli) -> color_eyre::Result<ExitCode> {
    let env = match env_of(&cli.global) {
        Ok(e) => e,
        Err(Fail(m)) => return Ok(fail(&m)),
    };
    if !matches!(cli.command, Some(Cmd::Config { .. } | Cmd::Own { .. })) {
        // Before the board takes the screen; the board repeats the first.
        for line in env.config.report(env.lang) {
            eprintln!("papi-board: {line}");
        }
    }
    let result = match cli.command {
        Some(Cmd::PackageFiles { dir }) => package_files::run(&dir),
        Some(Cmd::Config { cmd }) => config::run(&env, &cli.global, cmd),
        Some(Cmd::Keys { markdown }) => config::keys(&env, markdown),
        Some(Cmd::Own { fresh }) => own::own(&env, fresh),
        Some(Cmd::Serve {
            listen,
            max_sessions,
            keepalive,
            login_timeout,
        }) => serve::run(
            &env,
            &cli.global,
            &serve::ServeOpts {
                listen,
                max_sessions,
                keepalive,
                login_timeout,
            },
        ),
        _ => return Ok(local::run_db_command(&env, cli)),
    };
    Ok(match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail(m)) => fail(&m),
    })
}

/// A status word from the command line (`--status doing`).
fn parse_status(env: &Env, status: Option<String>) -> Result<Option<Status>, Fail> {
    match status {
        None => Ok(None),
        Some(x) => Status::parse(&x)
            .map(Some)
            .ok_or_else(|| Fail(format!("{}: {x}", S::UnknownStatus.t(env.lang)))),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("papi-board: {message}");
    ExitCode::from(2)
}
