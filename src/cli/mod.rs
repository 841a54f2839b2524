//! The command line: global options, the database location, and one
//! function per subcommand. Expected failures print one plain line in the
//! user's language and exit non-zero; nothing is written on failure.

mod check;
mod config;
mod edit;
pub mod help;
mod history;
mod morning;
mod morning_full;
mod output;
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
use crate::domain::board::{BoardMeta, Ctx};
use crate::domain::task::{Status, board_offset};
use crate::i18n::S;
use crate::store::{Store, StoreError};

/// `papi-board --version`: the version and the source revision it was built
/// from (see `build.rs`).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (revision ",
    env!("PAPI_BOARD_REVISION"),
    ")"
);

#[derive(Parser, Debug)]
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

#[derive(Args, Debug, Clone)]
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

#[derive(Subcommand, Debug)]
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
    let config = crate::config::load(&config_path(g));
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

/// The database opened for one command. Closing it writes the daily
/// backup if it is due and was not written meanwhile (`store::autobackup`),
/// after the command's output, and warns if a daily backup failed.
pub struct Opened {
    store: Option<Store>,
    lang: Lang,
}

impl Opened {
    /// The store itself, for a program that keeps it (`serve`); the daily
    /// backup is then that program's to finish.
    pub fn into_store(mut self) -> Store {
        self.store.take().expect("an open store")
    }
}

impl std::ops::Deref for Opened {
    type Target = Store;
    fn deref(&self) -> &Store {
        self.store.as_ref().expect("an open store")
    }
}

impl std::ops::DerefMut for Opened {
    fn deref_mut(&mut self) -> &mut Store {
        self.store.as_mut().expect("an open store")
    }
}

impl Drop for Opened {
    fn drop(&mut self) {
        if let Some(store) = self.store.as_mut() {
            warn_backup(store.finish_daily_backup(), store.path(), self.lang);
        }
    }
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

/// Open the database, giving a new one the sample plan.
pub fn open_store(env: &Env) -> Result<Opened, Fail> {
    let mut store =
        Store::open_board(&env.db, env.board).map_err(|e| Fail(serve::store_message(&e, env)))?;
    // Only a new database gets the sample plan, never a later year's board.
    if store.is_new() && store.board_id() == 1 {
        let (meta, units, cmds) = crate::transfer::sample::sample_seed();
        store
            .seed(meta, units, cmds, &env.ctx())
            .map_err(|e| Fail(e.message(env.lang)))?;
    }
    // A backup on the first day of use, and each later day
    // (store::autobackup); never before the first frame.
    store.daily_backups();
    Ok(Opened {
        store: Some(store),
        lang: env.lang,
    })
}

/// Run the command line; returns the process exit code.
pub fn run(cli: Cli) -> color_eyre::Result<ExitCode> {
    let env = match env_of(&cli.global) {
        Ok(e) => e,
        Err(Fail(m)) => return Ok(fail(&m)),
    };
    if !matches!(cli.command, Some(Cmd::Config { .. })) {
        // Before the board takes the screen; the board repeats the first.
        for line in env.config.report(env.lang) {
            eprintln!("papi-board: {line}");
        }
    }
    let result = match cli.command {
        None => open_store(&env).and_then(|mut s| board(&env, &cli.global, &mut s)),
        Some(Cmd::Generate { tasks, seed }) => generate(&env, tasks, seed),
        Some(Cmd::PackageFiles { dir }) => package_files::run(&dir),
        Some(Cmd::Config { cmd }) => config::run(&env, &cli.global, cmd),
        Some(Cmd::Keys { markdown }) => config::keys(&env, markdown),
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
        Some(Cmd::Boards { json }) => setup::boards(&env, json),
        Some(Cmd::Rollover { to, dry_run }) => setup::rollover(&env, to, dry_run),
        Some(Cmd::Reopen { board }) => setup::reopen(&env, &board),
        Some(Cmd::Unit { cmd }) => setup::run_unit(&env, cmd),
        Some(Cmd::Plan { cmd }) => setup::run_plan(&env, cmd),
        Some(Cmd::Check { salvage }) => check::run(&env, salvage.as_deref()),
        Some(Cmd::User { cmd }) => open_store(&env)
            .and_then(|mut s| users::run(&env, cmd, &mut s, None, &mut std::io::stdout().lock())),
        Some(Cmd::History {
            task,
            user,
            since,
            json,
        }) => open_store(&env).and_then(|s| {
            let f = history::HistoryFilter { task, user, since };
            history::run(&env, &s, &f, json, &mut std::io::stdout().lock())
        }),
        Some(Cmd::Import { file, dry_run }) => transfer::import(&env, &file, dry_run),
        Some(Cmd::Export {
            file,
            format,
            area,
            unit,
            period,
            force,
        }) => {
            let what = transfer::ExportArgs {
                format,
                area,
                unit,
                period,
                force,
            };
            open_store(&env).and_then(|s| transfer::export(&env, &s, &file, what))
        }
        Some(Cmd::Backup { file }) => {
            open_store(&env).and_then(|s| transfer::backup(&env, &s, &file))
        }
        Some(Cmd::Restore { file, force }) => transfer::restore(&env, &file, force),
        Some(Cmd::Edit(cmd)) => edit::run(&env, cmd),
        Some(Cmd::Init { empty }) => init(&env, empty),
        Some(Cmd::Scores { cmd }) => scores::run(&env, cmd),
        Some(Cmd::Status {
            json,
            full,
            area,
            unit,
            ..
        }) => open_store(&env).and_then(|s| {
            use std::io::IsTerminal;
            let opts = morning::Options {
                full,
                color: morning::wants_color(
                    std::io::stdout().is_terminal(),
                    std::env::var("NO_COLOR").ok().as_deref(),
                ),
                changes: morning::changes(&s, env.today),
            };
            output::status_with(
                &env,
                s.board(),
                json,
                (area, unit.as_deref()),
                &opts,
                &mut std::io::stdout().lock(),
            )
        }),
        Some(Cmd::List {
            area,
            unit,
            status,
            overdue,
            search,
            json,
        }) => open_store(&env).and_then(|s| {
            let status = match status {
                None => None,
                Some(x) => Some(
                    Status::parse(&x)
                        .ok_or_else(|| Fail(format!("{}: {x}", S::UnknownStatus.t(env.lang))))?,
                ),
            };
            let f = output::Filter {
                area,
                unit,
                status,
                overdue,
                search,
            };
            output::list(&env, s.board(), &f, json, &mut std::io::stdout().lock())
        }),
        Some(Cmd::Show { id, json }) => open_store(&env)
            .and_then(|s| output::show(&env, s.board(), id, json, &mut std::io::stdout().lock())),
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

fn init(env: &Env, empty: bool) -> Result<(), Fail> {
    let mut store = Store::open(&env.db).map_err(|e| Fail(e.message(env.lang)))?;
    if !store.is_new() {
        return Err(Fail(format!(
            "{} {}",
            S::InitExists.t(env.lang),
            env.db.display()
        )));
    }
    if empty {
        let meta = BoardMeta {
            year: env.today.format("%Y").to_string().parse().unwrap_or(2025),
            ..BoardMeta::default()
        };
        let units = env.config.config.units.units();
        store
            .seed(meta, units, Vec::new(), &env.ctx())
            .map_err(|e| Fail(e.message(env.lang)))?;
    } else {
        drop(store);
        open_store(env)?;
    }
    println!("{} {}", S::InitDone.t(env.lang), env.db.display());
    Ok(())
}

/// Open the interactive board in this terminal.
fn board(env: &Env, g: &Global, store: &mut Store) -> Result<(), Fail> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Fail(S::NeedTerminal.t(env.lang).to_string()));
    }
    let prefs = env.config.prefs(env.lang);
    let mut app = crate::app::App::new(crate::app::Options {
        lang: env.lang,
        today: env.today,
        author: env.author.clone(),
        clock: crate::app::Clock::System,
        mouse: g.mouse || env.config.config.mouse,
        keymap: prefs.keymap.clone(),
    });
    prefs.apply(&mut app);
    let theme = prefs.theme(
        std::env::var("NO_COLOR").ok().as_deref(),
        std::env::var("COLORTERM").ok().as_deref(),
        g.ascii || env.config.config.ascii,
    );
    crate::term::run_local(store, app, theme)
        .map_err(|e| Fail(format!("{}: {e}", S::TerminalError.t(env.lang))))
}

fn generate(env: &Env, n: usize, seed: u64) -> Result<(), Fail> {
    let mut store = Store::open(&env.db).map_err(|e| Fail(e.message(env.lang)))?;
    if !store.is_new() {
        return Err(Fail(S::GenerateNotEmpty.t(env.lang).to_string()));
    }
    let ctx = env.ctx();
    let units = env.config.config.units.units();
    let tasks = crate::transfer::generate::generate(n, seed, 2025, &units, ctx.now);
    let meta = BoardMeta {
        number: "01/KH-UBND".into(),
        date: "06/01/2025".into(),
        commune: "Mẫu".into(),
        year: 2025,
        title: "Kế hoạch mẫu (dữ liệu tổng hợp)".into(),
        target: String::new(),
        signing: Default::default(),
    };
    let cmds = tasks
        .into_iter()
        .map(crate::domain::command::Command::AddTask)
        .collect();
    store
        .seed(meta, units, cmds, &ctx)
        .map_err(|e| Fail(e.message(env.lang)))?;
    println!("{}: {n} ({})", S::Generated.t(env.lang), env.db.display());
    Ok(())
}
