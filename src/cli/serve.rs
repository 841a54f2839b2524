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

use clap::Parser;

use crate::domain::Lang;
use crate::domain::user::User;
use crate::i18n::S;
use crate::store::{Store, StoreError};
use crate::term::ssh::{ExecOutput, Settings, Shared, hostkey, server};

use super::{Cli, Cmd, Env, Fail, Global, env_of, open_store};

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
    let store = open_store(env)?;
    let key = hostkey::load_or_create(&env.db).map_err(|e| Fail(e.to_string()))?;
    let no_users = store.board().users.is_empty();
    let defaults = (
        lang,
        g.today.is_some().then_some(env.today),
        super::config_path(g),
    );
    let settings = Settings {
        lang,
        today: defaults.1,
        ascii: g.ascii || env.config.config.ascii,
        // Problems with the file were printed at start; sessions are not
        // told about the server's file.
        prefs: crate::config::Prefs {
            notice: None,
            ..env.config.prefs(lang)
        },
        max_sessions: opts.max_sessions.max(1),
        keepalive: Duration::from_secs(opts.keepalive.max(1)),
        reject_delay: Duration::from_secs(1),
        exec: Arc::new(move |words: &[String], user: &User, store: &mut Store| {
            remote(words, user, store, defaults.clone())
        }),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Fail(e.to_string()))?;
    let db = env.db.clone();
    let result = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| Fail(format!("{addr}: {e}")))?;
        let local = listener.local_addr().map_err(|e| Fail(e.to_string()))?;
        std::fs::write(marker(&db), format!("{local}\n")).map_err(|e| Fail(e.to_string()))?;
        let mut out = std::io::stdout().lock();
        writeln!(out, "{} {local}", S::SrvListening.t(lang)).ok();
        writeln!(
            out,
            "{}: {}",
            S::SrvFingerprint.t(lang),
            hostkey::fingerprint(&key)
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
        drop(out);
        let shared = Shared::new(store, settings);
        server::serve(shared.clone(), listener, key, stop_signal()).await;
        // No change is half-way: take the lock, then flush.
        shared
            .with(|s| s.flush())
            .map_err(|e| Fail(e.message(lang)))
    });
    // Sessions still winding down are dropped with the runtime.
    runtime.shutdown_timeout(Duration::from_secs(1));
    let _ = std::fs::remove_file(marker(&env.db));
    result?;
    println!("{}", S::SrvStopped.t(lang));
    Ok(())
}

/// Completes on SIGTERM, SIGINT or SIGHUP.
async fn stop_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut int), Ok(mut hup)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
        signal(SignalKind::hangup()),
    ) else {
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

/// `export - [--format F]`: the progress report down the channel.
fn export_stdout(
    env: &Env,
    store: &Store,
    format: Option<String>,
    area: Option<u8>,
    unit: Option<String>,
    out: &mut Vec<u8>,
) -> Result<(), Fail> {
    use crate::transfer::export::{ExportFormat, render};
    let l = env.lang;
    let format = match format.as_deref() {
        None => ExportFormat::Csv,
        Some(f) => ExportFormat::parse(f)
            .ok_or_else(|| Fail(format!("{}: {f}", S::RpUnknownFormat.t(l))))?,
    };
    if format == ExportFormat::Xlsx {
        return Err(Fail(S::RpNoStdoutXlsx.t(l).to_string()));
    }
    let filter = crate::transfer::report_table::ReportFilter {
        area: area.map(crate::domain::area::AreaId::from),
        unit: unit.map(crate::domain::unit::UnitCode::from),
    };
    let bytes =
        render(store.board(), format, &filter, env.today, l).map_err(|e| Fail(e.message(l)))?;
    out.extend_from_slice(&bytes);
    Ok(())
}

/// Run `ssh … COMMAND` for `user`: the same commands and output as the
/// local command line, written to the channel.
pub fn remote(
    words: &[String],
    user: &User,
    store: &mut Store,
    (lang, today, config): (Lang, Option<chrono::NaiveDate>, std::path::PathBuf),
) -> ExecOutput {
    let mut out = ExecOutput::default();
    let args = std::iter::once("papi-board".to_string()).chain(words.iter().cloned());
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let text = e.render().to_string();
            if e.use_stderr() {
                out.stderr = text.into_bytes();
                out.status = 2;
            } else {
                out.stdout = text.into_bytes();
            }
            return out;
        }
    };
    let mut g = cli.global.clone();
    g.lang = g
        .lang
        .or_else(|| Some(if lang.is_vi() { "vi" } else { "en" }.into()));
    if g.today.is_none() {
        g.today = today.map(|d| d.format("%Y-%m-%d").to_string());
    }
    // The server's settings file, not one a client names.
    let other_config = g.config.as_ref().is_some_and(|c| *c != config);
    g.config = Some(config);
    let result = env_of(&g).and_then(|mut env| {
        env.db = store.path().to_path_buf();
        env.author = user.name.clone();
        if cli.global.db.is_some() || other_config {
            return Err(Fail(S::SrvNotARemoteCommand.t(env.lang).to_string()));
        }
        let w = &mut out.stdout;
        match cli.command {
            Some(Cmd::Status {
                json,
                area,
                unit,
                all,
            }) => {
                // The morning check of one's own work: a user with a unit sees
                // that unit unless they ask for another, an area, or --all.
                let unit = unit.or_else(|| {
                    (!all && area.is_none())
                        .then(|| user.unit.as_ref().map(|u| u.to_string()))
                        .flatten()
                });
                super::output::status(&env, store, json, area, unit.as_deref(), w)
            }
            Some(Cmd::List {
                area,
                unit,
                status,
                overdue,
                search,
                json,
            }) => {
                let f = super::output::Filter {
                    area,
                    unit,
                    status: super::parse_status(&env, status)?,
                    overdue,
                    search,
                };
                super::output::list(&env, store, &f, json, w)
            }
            Some(Cmd::Show { id, json }) => super::output::show(&env, store, id, json, w),
            Some(Cmd::History {
                task,
                user,
                since,
                json,
            }) => {
                let f = super::history::HistoryFilter { task, user, since };
                super::history::run(&env, store, &f, json, w)
            }
            Some(Cmd::User { cmd }) => super::users::run(&env, cmd, store, Some(user), w),
            // Only to standard output: nothing is written on the server.
            Some(Cmd::Export {
                file,
                format,
                area,
                unit,
            }) if file.as_os_str() == "-" => export_stdout(&env, store, format, area, unit, w),
            _ => Err(Fail(S::SrvNotARemoteCommand.t(env.lang).to_string())),
        }
    });
    if let Err(Fail(m)) = result {
        out.stderr = format!("papi-board: {m}\n").into_bytes();
        out.status = 2;
    }
    out
}
