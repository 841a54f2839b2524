//! The command line's side of one database shared by many programs
//! (`term::local`): every command that uses the database is sent to the
//! database's owner (started if none runs) and run there, its output and
//! the user's files going through this program; the board is a session of
//! the owner, relayed to this terminal.
//!
//! A client sends its parsed command line as it stands here (its options
//! and environment already read) with its settings file's bytes, so the
//! owner runs exactly what the user typed, in the user's language, with
//! the user's keys and colours. `restore` and `check --salvage` replace or
//! read the whole database: they run here, with no owner, holding
//! `start.lock` so that none starts meanwhile.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::domain::Lang;
use crate::domain::board::BoardMeta;
use crate::i18n::S;
use crate::store::{Store, StoreError};
use crate::term::hub::{Actor, Look, Settings, Shared};
use crate::term::local::client::{self, Attached, Lost};
use crate::term::local::owner::{self, Company, Ends, Io, Owner, Start};
use crate::term::local::proto::{self, Hello};
use crate::term::local::{OwnerLock, StartLock, socket_address, socket_path};

use super::{Cli, Cmd, Env, Fail, Global};

/// What a client asks of the owner.
#[derive(Serialize, Deserialize)]
pub struct Request {
    pub cli: Cli,
    /// The client's settings file, and its bytes as the client read them
    /// (`None`: there is none), or why it could not be read.
    pub config_path: PathBuf,
    pub config: Result<Option<Vec<u8>>, String>,
    /// The client's `NO_COLOR` and `COLORTERM`.
    pub no_color: Option<String>,
    pub colorterm: Option<String>,
    /// The client's standard output is a terminal (colours for `status`).
    pub stdout_terminal: bool,
}

impl Request {
    fn of(cli: Cli) -> Request {
        let config_path = super::config_path(&cli.global);
        let config = match std::fs::read(&config_path) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.to_string()),
        };
        Request {
            cli,
            config_path,
            config,
            no_color: std::env::var("NO_COLOR").ok(),
            colorterm: std::env::var("COLORTERM").ok(),
            stdout_terminal: std::io::IsTerminal::is_terminal(&std::io::stdout()),
        }
    }

    /// The settings file as the client read it.
    fn settings(&self) -> crate::config::Loaded {
        let read = match &self.config {
            Ok(Some(b)) => Ok(b.clone()),
            Ok(None) => Err(std::io::ErrorKind::NotFound.into()),
            Err(e) => Err(std::io::Error::other(e.clone())),
        };
        crate::config::load_from(&self.config_path, read)
    }
}

/// The database directory as an absolute path (the socket is found by it,
/// and the owner works from `/`).
pub(super) fn absolute(db: &Path) -> PathBuf {
    std::path::absolute(db).unwrap_or_else(|_| db.to_path_buf())
}

fn fail(message: &str) -> ExitCode {
    super::fail(message)
}

/// Run `cli` by the owner of the database: a board relayed to this
/// terminal, or a command whose output is printed here.
pub fn via_owner(env: &Env, cli: Cli) -> ExitCode {
    use std::io::IsTerminal;
    let l = env.lang;
    let board = cli.command.is_none();
    if board && (!std::io::stdout().is_terminal() || !std::io::stdin().is_terminal()) {
        return fail(S::NeedTerminal.t(l));
    }
    let size = if board {
        crossterm::terminal::size().unwrap_or((80, 24))
    } else {
        (80, 24)
    };
    // The report's file is where this program is: whether it is there
    // already is known here, not by the owner.
    if let Some(Cmd::Export {
        file, force: false, ..
    }) = &cli.command
        && file != Path::new("-")
        && file.exists()
    {
        return fail(&format!("{}: {}", S::RpExists.t(l), file.display()));
    }
    let request = serde_json::to_value(Request::of(cli)).expect("a request serialises");
    let hello = Hello {
        version: proto::VERSION,
        user: env.author.clone(),
        size,
        request,
    };
    let served = match client::attach(&absolute(&env.db), &hello) {
        Ok(Attached::Served(conn)) => conn,
        Ok(Attached::Refused(m)) => return fail(&m),
        Err(e) => return fail(&format!("{}: {e}", S::LocalNoOwner.t(l))),
    };
    let ended = if board {
        client::board(served)
    } else {
        client::command(served)
    };
    match ended {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(2)),
        Err(Lost) => fail(S::LocalLost.t(l)),
    }
}

/// Is an owner serving `db` now? (Asked with `start.lock` held, so it is
/// not closing.)
fn owner_running(db: &Path) -> bool {
    socket_address(db).is_ok_and(|a| std::os::unix::net::UnixStream::connect(a.path).is_ok())
}

/// Run `f` on the database in this program, with no owner: `start.lock`
/// is held throughout so that none starts meanwhile. `None` if an owner
/// is running (then `f` is not run).
pub fn without_owner<R>(env: &Env, f: impl FnOnce() -> R) -> Result<Option<R>, Fail> {
    let db = absolute(&env.db);
    // No directory, no owner: nothing is made for a command that may fail
    // (a restore of a damaged file leaves no database behind).
    let lock = if db.exists() {
        Some(StartLock::acquire(&db).map_err(|e| Fail(format!("{}: {e}", db.display())))?)
    } else {
        None
    };
    if owner_running(&db) {
        return Ok(None);
    }
    let r = f();
    drop(lock);
    Ok(Some(r))
}

/// `without_owner`, refused with `busy` when an owner is running.
pub fn exclusive(env: &Env, busy: S, f: impl FnOnce() -> Result<(), Fail>) -> Result<(), Fail> {
    without_owner(env, f)?.unwrap_or_else(|| Err(Fail(busy.t(env.lang).to_string())))
}

/// What `serve` holds once it is the owner: the database open and the
/// local socket bound.
pub struct Claimed {
    pub db: PathBuf,
    pub store: Store,
    pub listener: std::os::unix::net::UnixListener,
    /// Let go once the store is closed.
    pub alive: OwnerLock,
}

/// For `serve`: become the owner in this program (refused while another
/// program is), so that local boards and commands become its clients.
pub fn claim(env: &Env) -> Result<Claimed, Fail> {
    let l = env.lang;
    let db = absolute(&env.db);
    let io = |e: std::io::Error| Fail(format!("{}: {e}", db.display()));
    let lock = StartLock::acquire(&db).map_err(io)?;
    if owner_running(&db) {
        return Err(Fail(S::LocalServeBusy.t(l).to_string()));
    }
    let listener = crate::term::local::bind(&db).map_err(io)?;
    let alive = OwnerLock::take(&db).map_err(io)?;
    let mut store = Store::open_board(&db, env.board)
        .map_err(|e| Fail(super::serve::store_message(&e, env)))?;
    seed_sample(env, &mut store)?;
    store.daily_backups();
    drop(lock);
    Ok(Claimed {
        db,
        store,
        listener,
        alive,
    })
}

/// Serve local clients beside the SSH server until `stop`; then, holding
/// `start.lock` (returned: the caller closes the database, then lets go),
/// the socket is removed.
pub async fn serve_local(
    shared: Arc<Shared>,
    db: PathBuf,
    listener: std::os::unix::net::UnixListener,
    stop: impl std::future::Future<Output = ()>,
) -> Result<StartLock, Fail> {
    let io = |e: std::io::Error| Fail(e.to_string());
    listener.set_nonblocking(true).map_err(io)?;
    let listener = tokio::net::UnixListener::from_std(listener).map_err(io)?;
    let owner = Arc::new(Owner {
        db: db.clone(),
        opened: Ok(shared),
        admit: admitting(db.clone()),
        uid: crate::term::local::my_uid().map_err(io)?,
    });
    let (shutdown, _) = tokio::sync::watch::channel(false);
    owner::run(owner, listener, Ends::On(stop), shutdown).await;
    let at = db.clone();
    let lock = tokio::task::spawn_blocking(move || StartLock::acquire(&at))
        .await
        .map_err(|e| Fail(e.to_string()))?
        .map_err(io)?;
    let _ = std::fs::remove_file(socket_path(&db));
    Ok(lock)
}

/// The hub settings of an owner without an SSH listener (SSH sessions are
/// the only ones that read them).
pub(super) fn no_ssh_settings() -> Settings {
    Settings {
        lang: Lang::Vi,
        today: None,
        ascii: false,
        prefs: crate::config::load_from(Path::new(""), Err(std::io::ErrorKind::NotFound.into()))
            .prefs(Lang::Vi),
        exec: Arc::new(|_, _, _, _, err| {
            let _ = writeln!(err, "papi-board: {}", S::SrvNotARemoteCommand.t(Lang::Vi));
            2
        }),
    }
}

/// The message for a client when the database could not be opened.
pub(super) fn refusal(e: StoreError) -> owner::Refusal {
    let e = Arc::new(e);
    Arc::new(move |hello: &Hello| {
        let lang = serde_json::from_value::<Request>(hello.request.clone())
            .ok()
            .and_then(|r| r.cli.global.lang)
            .and_then(|l| Lang::parse(&l))
            .unwrap_or(Lang::Vi);
        e.message(lang)
    })
}

/// How the owner of `db` answers a client's hello.
pub fn admitting(db: PathBuf) -> owner::Admit {
    Arc::new(move |hello, shared, company| admit(&db, hello, shared, company))
}

fn admit(db: &Path, hello: &Hello, shared: &Arc<Shared>, company: Company) -> Start {
    let mut request: Request = match serde_json::from_value(hello.request.clone()) {
        Ok(r) => r,
        Err(e) => return Start::Refuse(format!("papi-board: {e}")),
    };
    let mut env = match super::env_with(&request.cli.global, request.settings()) {
        Ok(env) => env,
        Err(Fail(m)) => return Start::Refuse(m),
    };
    env.db = db.to_path_buf();
    // The settings file's name, else the client's OS user.
    env.author = env
        .config
        .config
        .name
        .clone()
        .unwrap_or_else(|| hello.user.clone());
    let cmd = request.cli.command.take();
    let color = super::morning::wants_color(request.stdout_terminal, request.no_color.as_deref());
    let prepared = shared.with(|s| {
        choose_plan(&env, s, company)?;
        if gets_the_sample(cmd.as_ref()) {
            seed_sample(&env, s)?;
        }
        Ok::<(), Fail>(())
    });
    if let Err(Fail(m)) = prepared {
        return Start::Refuse(m);
    }
    match cmd {
        None => Start::Board {
            actor: Actor::Owner {
                name: env.author.clone(),
            },
            look: look(&env, &request.cli.global, &request),
        },
        Some(cmd) => Start::Command(Box::new(move |shared, io| {
            match run_owned(&env, (cmd, color), shared, io) {
                Ok(()) => 0,
                Err(Fail(m)) => {
                    let _ = io.out.flush();
                    let _ = writeln!(io.err, "papi-board: {m}");
                    2
                }
            }
        })),
    }
}

/// How a client's board looks and reads keys: its own settings file,
/// language, colours and options.
fn look(env: &Env, g: &Global, r: &Request) -> Look {
    let prefs = env.config.prefs(env.lang);
    Look {
        lang: env.lang,
        today: env.today,
        theme: prefs.theme(
            r.no_color.as_deref(),
            r.colorterm.as_deref(),
            g.ascii || env.config.config.ascii,
        ),
        prefs,
        mouse: g.mouse || env.config.config.mouse,
    }
}

/// Open the plan this client asks for (`--board`, else the newest). With
/// other windows open on another plan, it is refused: one owner has one
/// plan open at a time.
fn choose_plan(env: &Env, store: &mut Store, company: Company) -> Result<(), Fail> {
    let l = env.lang;
    let id = store
        .resolve_board(env.board)
        .map_err(|e| Fail(e.message(l)))?;
    if id == store.board_id() {
        return Ok(());
    }
    if !company.alone {
        return Err(Fail(S::LocalOtherPlan.t(l).to_string()));
    }
    store.switch_board(id).map_err(|e| Fail(e.message(l)))
}

/// Does this command give a new database the sample plan? Not those that
/// make a database their own way.
fn gets_the_sample(cmd: Option<&Cmd>) -> bool {
    !matches!(
        cmd,
        Some(Cmd::Import { .. } | Cmd::Init { .. } | Cmd::Generate { .. })
    )
}

/// A new database gets the sample plan (never a later year's board).
fn seed_sample(env: &Env, store: &mut Store) -> Result<(), Fail> {
    if store.is_new() && store.board_id() == 1 {
        let (meta, units, cmds) = crate::transfer::sample::sample_seed();
        store
            .seed(meta, units, cmds, &env.ctx())
            .map_err(|e| Fail(e.message(env.lang)))?;
    }
    Ok(())
}

/// One command, run by the owner for a client. Reading commands work on a
/// snapshot of the board; changes hold the store only while they are made;
/// the client's files are read before and written after.
fn run_owned(
    env: &Env,
    (cmd, color): (Cmd, bool),
    shared: &Arc<Shared>,
    io: &mut Io,
) -> Result<(), Fail> {
    use super::{history, output};
    match cmd {
        Cmd::Status {
            json,
            full,
            area,
            unit,
            ..
        } => {
            let opts = super::morning::Options {
                full,
                color,
                changes: shared.with(|s| super::morning::changes(s, env.today)),
            };
            let board = &shared.snapshot().board;
            output::status_with(env, board, json, (area, unit.as_deref()), &opts, io.out)
        }
        Cmd::List {
            area,
            unit,
            status,
            overdue,
            search,
            json,
        } => {
            let f = output::Filter {
                area,
                unit,
                status: super::parse_status(env, status)?,
                overdue,
                search,
            };
            output::list(env, &shared.snapshot().board, &f, json, io.out)
        }
        Cmd::Show { id, json } => output::show(env, &shared.snapshot().board, id, json, io.out),
        Cmd::History {
            task,
            user,
            since,
            json,
        } => {
            let f = history::HistoryFilter { task, user, since };
            let entries = shared.with(|s| history::entries(env, s, &f))?;
            history::print(env, &entries, json, io.out);
            Ok(())
        }
        other => with_files(env, other, shared, io),
    }
}

/// Commands that read or write the client's files.
fn with_files(env: &Env, cmd: Cmd, shared: &Arc<Shared>, io: &mut Io) -> Result<(), Fail> {
    use super::{transfer, users};
    let l = env.lang;
    match cmd {
        Cmd::User { cmd } => {
            let cmd = users::key_from_file(env, cmd, io.files)?;
            shared.with(|s| users::run(env, cmd, s, None, io.out))
        }
        Cmd::Import { file, dry_run } => {
            let name = file.display().to_string();
            let bytes = io
                .files
                .read(&file)
                .map_err(|e| transfer::unreadable(env, &name, &e))?;
            shared.with(|s| transfer::import(env, &name, &bytes, dry_run, s, io.out))
        }
        Cmd::Export {
            file,
            format,
            area,
            unit,
            period,
            force: _,
        } => {
            let board = shared.snapshot().board;
            let what = transfer::ExportArgs {
                format,
                area,
                unit,
                period,
            };
            transfer::export(env, &board, &file, &what, io.out, io.files)
        }
        Cmd::Backup { file } => {
            let (source, board) = shared
                .with(|s| s.backup_source().map(|src| (src, s.board_snapshot())))
                .map_err(|e| Fail(e.message(&file.display().to_string(), l)))?;
            transfer::backup(env, &source, &board, &file, io.out, io.files)
        }
        other => changing(env, other, shared, io),
    }
}

/// Commands that change the database (or check it) and print a line.
fn changing(env: &Env, cmd: Cmd, shared: &Arc<Shared>, io: &mut Io) -> Result<(), Fail> {
    use super::{check, edit, scores, setup};
    let l = env.lang;
    match cmd {
        Cmd::Edit(cmd) => shared.with(|s| edit::run(env, cmd, s, io.out)),
        Cmd::Unit { cmd } => shared.with(|s| setup::run_unit(env, cmd, s, io.out)),
        Cmd::Plan { cmd } => shared.with(|s| setup::run_plan(env, cmd, s, io.out)),
        Cmd::Boards { json } => shared.with(|s| setup::boards(env, json, s, io.out)),
        Cmd::Rollover { to, dry_run } => {
            shared.with(|s| setup::rollover(env, to, dry_run, s, io.out))
        }
        Cmd::Reopen { board } => shared.with(|s| setup::reopen(env, &board, s, io.out)),
        Cmd::Scores { cmd } => shared.with(|s| scores::run(env, cmd, s, io.out)),
        Cmd::Init { empty } => shared.with(|s| init(env, empty, s, io.out)),
        Cmd::Generate { tasks, seed } => shared.with(|s| generate(env, tasks, seed, s, io.out)),
        Cmd::Check { salvage: None } => {
            let report = shared
                .with(|s| s.check_open())
                .map_err(|e| Fail(e.message(l)))?;
            check::print(env, &report, io.out)
        }
        // Restore, salvage, serve and the settings are never the owner's
        // (run_db_command and cli::run take them); the others were run above.
        _ => Err(Fail(S::LocalOwnOnly.t(l).to_string())),
    }
}

/// `papi-board init [--empty]`.
fn init(env: &Env, empty: bool, store: &mut Store, out: &mut dyn Write) -> Result<(), Fail> {
    if !store.is_new() {
        return Err(Fail(format!(
            "{} {}",
            S::InitExists.t(env.lang),
            env.db.display()
        )));
    }
    let made = if empty {
        let meta = BoardMeta {
            year: env.today.format("%Y").to_string().parse().unwrap_or(2025),
            ..BoardMeta::default()
        };
        let units = env.config.config.units.units();
        store
            .seed(meta, units, Vec::new(), &env.ctx())
            .map_err(|e| Fail(e.message(env.lang)))?;
        S::InitDone
    } else {
        seed_sample(env, store)?;
        S::InitSample
    };
    writeln!(out, "{} {}", made.t(env.lang), env.db.display()).ok();
    Ok(())
}

/// `papi-board generate --tasks N`: a new database filled with N
/// synthetic tasks.
fn generate(
    env: &Env,
    n: usize,
    seed: u64,
    store: &mut Store,
    out: &mut dyn Write,
) -> Result<(), Fail> {
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
    writeln!(
        out,
        "{}: {n} ({})",
        S::Generated.t(env.lang),
        env.db.display()
    )
    .ok();
    Ok(())
}

/// Run a command line that needs the database.
pub fn run_db_command(env: &Env, cli: Cli) -> ExitCode {
    let result = match &cli.command {
        Some(Cmd::Restore { file, force }) => exclusive(env, S::LocalBusyRestore, || {
            super::transfer::restore(env, file, *force)
        }),
        Some(Cmd::Check {
            salvage: Some(to), ..
        }) => exclusive(env, S::LocalBusyRestore, || {
            super::check::run(env, Some(to), &mut std::io::stdout().lock())
        }),
        // A damaged database has no owner: it is checked here. One that is
        // open is checked by its owner.
        Some(Cmd::Check { salvage: None }) => {
            match without_owner(env, || {
                super::check::run(env, None, &mut std::io::stdout().lock())
            }) {
                Ok(Some(r)) => r,
                Ok(None) => return via_owner(env, cli),
                Err(e) => Err(e),
            }
        }
        _ => return via_owner(env, cli),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail(m)) => fail(&m),
    }
}
