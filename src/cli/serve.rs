//! `papi-board serve`: the program becomes the SSH server that owns the
//! database; staff connect with `ssh -p PORT NAME@HOST` (the board) or
//! `ssh -p PORT NAME@HOST status` (one command).
//!
//! Files in the database directory (next to sled's own):
//! - `ssh_host_ed25519_key`: the host key, made on the first start (0600);
//! - `serve.lock`: the address served, while serving — a board started
//!   locally meanwhile says how to connect instead.

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use clap::FromArgMatches;
use clap::parser::ValueSource;

use crate::domain::Lang;
use crate::domain::board::Board;
use crate::domain::user::User;
use crate::i18n::S;
use crate::store::StoreError;
use crate::term::hub::{Actor, Settings, Shared};
use crate::term::ssh::{Limits, hostkey, server};

use super::{Cli, Cmd, Env, Fail, Global, env_of};

/// The marker written while serving.
pub const MARKER: &str = "serve.lock";

fn marker(db: &Path) -> PathBuf {
    db.join(MARKER)
}

/// The store's error, with how to connect when a server holds the database.
pub fn store_message(e: &StoreError, env: &Env) -> String {
    let mut m = e.message(env.lang);
    if let StoreError::Locked(db) = e
        && let Some(hint) = connect_hint(db, env.lang)
    {
        m = format!("{} {hint}", S::SrvServedElsewhere.t(env.lang));
    }
    m
}

/// `ssh -p PORT NAME@HOST` for the server holding `db`, if one does.
pub fn connect_hint(db: &Path, lang: Lang) -> Option<String> {
    let text = std::fs::read_to_string(marker(db)).ok()?;
    let addr: SocketAddr = text.trim().parse().ok()?;
    Some(ssh_command(addr, lang))
}

fn ssh_command(addr: SocketAddr, lang: Lang) -> String {
    let ip = addr.ip();
    let host = if ip.is_loopback() || ip.is_unspecified() {
        "localhost".to_string()
    } else {
        ip.to_string()
    };
    let name = if lang.is_vi() { "TÊN" } else { "NAME" };
    format!("ssh -p {} {name}@{host}", addr.port())
}

/// Options of `serve`.
#[derive(Debug, Clone)]
pub struct ServeOpts {
    pub listen: String,
    pub max_sessions: usize,
    pub keepalive: u64,
    pub login_timeout: u64,
}

/// What every remote command starts from: the server's language, its
/// fixed "today" if any, its settings file.
#[derive(Debug, Clone)]
pub struct Defaults {
    pub lang: Lang,
    pub today: Option<chrono::NaiveDate>,
    pub config: PathBuf,
}

/// Serve until SIGTERM, SIGINT (Ctrl+C) or SIGHUP; then every session is
/// told, the data is flushed, and the marker removed.
pub fn run(env: &Env, g: &Global, opts: &ServeOpts) -> Result<(), Fail> {
    let lang = env.lang;
    let addr: SocketAddr = opts
        .listen
        .trim()
        .parse()
        .map_err(|_| Fail(format!("{}: {}", S::SrvBadListen.t(lang), opts.listen)))?;
    // The host key first: opening the store makes every file in its
    // directory private, and a key that was not must be said.
    crate::store::private::dir(&env.db).map_err(|e| Fail(format!("{}: {e}", env.db.display())))?;
    let (key, exposed) = hostkey::load_or_create(&env.db).map_err(|e| Fail(e.to_string()))?;
    if let Some(path) = exposed {
        eprintln!(
            "papi-board: {}: {}",
            S::SrvHostKeyExposed.t(lang),
            path.display()
        );
    }
    // The owner of the database: local boards and commands are its clients.
    let claimed = super::local::claim(env)?;
    let (db, mut store, local_listener, alive) =
        (claimed.db, claimed.store, claimed.listener, claimed.alive);
    // Today's backup, beside the sessions (store::autobackup).
    store.start_daily_backup();
    let no_users = store.board().users.is_empty();
    let defaults = Defaults {
        lang,
        today: g.today.is_some().then_some(env.today),
        config: super::config_path(g),
    };
    let settings = Settings {
        lang,
        today: defaults.today,
        ascii: g.ascii || env.config.config.ascii,
        // Problems with the file were printed at start; sessions are not
        // told about the server's file.
        prefs: crate::config::Prefs {
            notice: None,
            ..env.config.prefs(lang)
        },
        exec: Arc::new(move |words, actor, shared, out, err| {
            remote(words, actor, shared, out, err, &defaults)
        }),
    };
    let limits = Limits::new(
        opts.max_sessions,
        Duration::from_secs(opts.keepalive.max(1)),
        Duration::from_secs(opts.login_timeout.max(1)),
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Fail(e.to_string()))?;
    let shared = Shared::new(store, settings);
    let served = runtime.block_on(serve_both(
        shared.clone(),
        db.clone(),
        (addr, local_listener),
        key,
        (limits, no_users, lang),
    ));
    // Sessions still winding down are dropped with the runtime.
    runtime.shutdown_timeout(Duration::from_secs(1));
    let _ = std::fs::remove_file(marker(&db));
    let lock = served?;
    // No change is half-way: the store is taken, flushed, then closed,
    // before another program may become the owner.
    let flushed = shared.with(|s| {
        super::warn_backup(s.finish_daily_backup(), s.path(), lang);
        s.flush()
    });
    drop(shared);
    drop(alive);
    drop(lock);
    flushed.map_err(|e| Fail(e.message(lang)))?;
    println!("{}", S::SrvStopped.t(lang));
    Ok(())
}

/// The SSH listener and the local socket, until a signal stops both.
async fn serve_both(
    shared: Arc<Shared>,
    db: PathBuf,
    (addr, local_listener): (SocketAddr, std::os::unix::net::UnixListener),
    key: russh::keys::PrivateKey,
    (limits, no_users, lang): (Limits, bool, Lang),
) -> Result<crate::term::local::StartLock, Fail> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| Fail(format!("{addr}: {e}")))?;
    let local = listener.local_addr().map_err(|e| Fail(e.to_string()))?;
    crate::store::private::write(&marker(&db), format!("{local}\n"))
        .map_err(|e| Fail(e.to_string()))?;
    // The signals are taken before the address is told (a SIGTERM sent
    // as soon as it is read must stop the server cleanly).
    let stop = stop_signal();
    greet(local, &key, no_users, lang);
    let (stopping, _) = tokio::sync::watch::channel(false);
    let stopped = |mut rx: tokio::sync::watch::Receiver<bool>| async move {
        let _ = rx.wait_for(|s| *s).await;
    };
    let (ssh_stop, local_stop) = (stopped(stopping.subscribe()), stopped(stopping.subscribe()));
    let signal = async {
        stop.await;
        stopping.send_replace(true);
    };
    let ssh = server::serve(shared.clone(), listener, key, limits, ssh_stop);
    let locals = super::local::serve_local(shared, db, local_listener, local_stop);
    let ((), (), lock) = tokio::join!(signal, ssh, locals);
    lock
}

/// Where the server listens, its fingerprint and how to connect.
fn greet(local: SocketAddr, key: &russh::keys::PrivateKey, no_users: bool, lang: Lang) {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} {local}", S::SrvListening.t(lang)).ok();
    writeln!(
        out,
        "{}: {}",
        S::SrvFingerprint.t(lang),
        hostkey::fingerprint(key)
    )
    .ok();
    writeln!(
        out,
        "{}: {}",
        S::SrvConnect.t(lang),
        ssh_command(local, lang)
    )
    .ok();
    if no_users {
        writeln!(out, "{}", S::SrvNoUsers.t(lang)).ok();
    }
    out.flush().ok();
}

/// Completes on SIGTERM, SIGINT or SIGHUP.
fn stop_signal() -> impl std::future::Future<Output = ()> {
    use tokio::signal::unix::{SignalKind, signal};
    // Taken now, not when first waited on: a signal that comes as soon as
    // the address is printed still stops the server cleanly.
    let signals = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
        signal(SignalKind::hangup()),
    );
    async move {
        let (Ok(mut term), Ok(mut int), Ok(mut hup)) = signals else {
            // Without signal handlers, Ctrl+C still works.
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        tokio::select! {
            _ = term.recv() => {}
            _ = int.recv() => {}
            _ = hup.recv() => {}
        }
    }
}

/// `export - [--format F]`: the progress report down the channel, written
/// as it is made.
fn export_stdout(
    env: &Env,
    board: &Board,
    what: super::transfer::ExportArgs,
    out: &mut dyn Write,
) -> Result<(), Fail> {
    use crate::transfer::export::{ExportFormat, render_to};
    let l = env.lang;
    let (format, filter) = what.read(l)?;
    let format = format.unwrap_or(ExportFormat::Csv);
    if format.is_binary() {
        return Err(Fail(S::RpNoStdoutXlsx.t(l).to_string()));
    }
    render_to(board, format, &filter, env.today, l, out).map_err(|e| Fail(e.message(l)))
}

/// Run `ssh … COMMAND` for `actor`, writing its output as it goes; returns
/// the exit status. The order is what keeps a client's words away from
/// the server's files: the words are parsed (which reads nothing); the
/// database and settings file are the server's (a client naming one is
/// refused, while `PAPI_BOARD_DB` and the like in the server's own
/// environment are the server's choice); then whether this user may run
/// this command at all; then every argument that would be a path on the
/// server is refused; only then does the command run — reading commands
/// on a snapshot of the board, changes through the store.
pub fn remote(
    words: &[String],
    actor: &Actor,
    shared: &Shared,
    out: &mut dyn Write,
    err: &mut dyn Write,
    defaults: &Defaults,
) -> u32 {
    let Some(user) = actor.current(&shared.users()).cloned() else {
        let _ = writeln!(err, "papi-board: {}", S::SrvRevoked.t(defaults.lang));
        return 1;
    };
    let args: Vec<std::ffi::OsString> = std::iter::once("papi-board".into())
        .chain(words.iter().map(Into::into))
        .collect();
    // `--help` over SSH speaks the words' `--lang`, else the server's language.
    let lang = match words.iter().any(|w| w.starts_with("--lang")) {
        true => super::help::lang_of(&args),
        false => defaults.lang,
    };
    let parsed = super::help::command(lang)
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m).map(|cli| (cli, m)));
    let (cli, matches) = match parsed {
        Ok(p) => p,
        Err(e) => {
            let text = e.render().to_string();
            if e.use_stderr() {
                let _ = err.write_all(text.as_bytes());
                return 2;
            }
            let _ = out.write_all(text.as_bytes());
            return 0;
        }
    };
    let client_named = |id: &str| matches.value_source(id) == Some(ValueSource::CommandLine);
    match remote_command(cli, &client_named, &user, shared, out, defaults) {
        Ok(()) => 0,
        Err(Fail(m)) => {
            let _ = writeln!(err, "papi-board: {m}");
            2
        }
    }
}

/// May `user` run this command over SSH? Decided from the command alone.
fn remote_allowed(cmd: Option<&Cmd>, user: &User, lang: Lang) -> Result<(), Fail> {
    let not_remote = || Fail(S::SrvNotARemoteCommand.t(lang).to_string());
    match cmd {
        Some(Cmd::Status { .. } | Cmd::List { .. } | Cmd::Show { .. } | Cmd::History { .. }) => {
            Ok(())
        }
        Some(Cmd::Export { .. }) => Ok(()),
        Some(Cmd::User { .. }) => super::users::admin_only(user)
            .map_err(|f| Fail(crate::domain::board::Refusal::Forbidden(f).message(lang))),
        _ => Err(not_remote()),
    }
}

/// Arguments that would name a file of the server.
fn no_server_paths(cmd: Option<&Cmd>, lang: Lang) -> Result<(), Fail> {
    match cmd {
        Some(Cmd::Export { file, .. }) if file.as_os_str() != "-" => {
            Err(Fail(S::SrvNoServerFiles.t(lang).to_string()))
        }
        // `user add --key` takes key text only over SSH (`users::run`).
        _ => Ok(()),
    }
}

fn remote_command(
    cli: Cli,
    client_named: &dyn Fn(&str) -> bool,
    user: &User,
    shared: &Shared,
    out: &mut dyn Write,
    d: &Defaults,
) -> Result<(), Fail> {
    let mut g = cli.global.clone();
    let lang = match g.lang.as_deref() {
        Some(l) => Lang::parse(l).unwrap_or(d.lang),
        None => d.lang,
    };
    // The database and the settings file are the server's.
    let other_config = client_named("config") && g.config.as_ref() != Some(&d.config);
    if client_named("db") || other_config {
        return Err(Fail(S::SrvNotARemoteCommand.t(lang).to_string()));
    }
    remote_allowed(cli.command.as_ref(), user, lang)?;
    no_server_paths(cli.command.as_ref(), lang)?;
    g.db = None;
    g.config = Some(d.config.clone());
    g.lang = Some(if lang.is_vi() { "vi" } else { "en" }.into());
    if g.today.is_none() {
        g.today = d.today.map(|d| d.format("%Y-%m-%d").to_string());
    }
    let mut env = env_of(&g)?;
    env.db = shared.with(|s| s.path().to_path_buf());
    env.author = user.name.clone();
    match cli.command {
        Some(Cmd::User { cmd }) => {
            shared.with(|store| super::users::run(&env, cmd, store, Some(user), out))
        }
        Some(Cmd::History {
            task,
            user,
            since,
            json,
        }) => {
            let f = super::history::HistoryFilter { task, user, since };
            let entries = shared.with(|store| super::history::entries(&env, store, &f))?;
            super::history::print(&env, &entries, json, out);
            Ok(())
        }
        Some(cmd) => read_command(&env, cmd, user, &shared.snapshot().board, out),
        None => Err(Fail(S::SrvNotARemoteCommand.t(lang).to_string())),
    }
}

/// The commands that only read the board, run on a snapshot of it.
fn read_command(
    env: &Env,
    cmd: Cmd,
    user: &User,
    board: &Board,
    out: &mut dyn Write,
) -> Result<(), Fail> {
    match cmd {
        Cmd::Status {
            json,
            full,
            area,
            unit,
            all,
        } => {
            // The morning check of one's own work: a user with a unit sees
            // that unit unless they ask for another, an area, or --all.
            let unit = unit.or_else(|| {
                (!all && area.is_none())
                    .then(|| user.unit.as_ref().map(|u| u.to_string()))
                    .flatten()
            });
            let opts = super::morning::Options {
                full,
                ..Default::default()
            };
            super::output::status_with(env, board, json, (area, unit.as_deref()), &opts, out)
        }
        Cmd::List {
            area,
            unit,
            status,
            overdue,
            search,
            json,
        } => {
            let f = super::output::Filter {
                area,
                unit,
                status: super::parse_status(env, status)?,
                overdue,
                search,
            };
            super::output::list(env, board, &f, json, out)
        }
        Cmd::Show { id, json } => super::output::show(env, board, id, json, out),
        Cmd::Export {
            format,
            area,
            unit,
            period,
            ..
        } => {
            let what = super::transfer::ExportArgs {
                format,
                area,
                unit,
                period,
            };
            export_stdout(env, board, what, out)
        }
        _ => Err(Fail(S::SrvNotARemoteCommand.t(env.lang).to_string())),
    }
}
