//! The first change of a new day in a running `serve`: the other
//! sessions' keys while that day's backup is written.
//!
//! The day has to turn while the server runs, without any hook in the
//! program: the server runs under libfaketime (`LD_PRELOAD`, `FAKETIME=
//! "@… 16:59:30"` with `TZ=UTC`, the clock then advancing at its normal
//! rate), so it starts `lead` seconds before midnight in Viet Nam (UTC+7)
//! on a day after every backup on disk. The program reads the clock
//! through chrono and std, which call libc's `clock_gettime`: the library
//! answers those; the monotonic clock (timers, tokio) is left real
//! (`FAKETIME_DONT_FAKE_MONOTONIC=1`).
//!
//! 1. The server starts and writes that day's backup (the morning of a
//!    server started that day); two users' sessions (the real OpenSSH
//!    client, `ssh -tt` in a pty at 80×24) open the board.
//! 2. Before midnight, no backup running: session B's `j`/`k`, each timed
//!    from the key to the first byte that changes B's screen.
//! 3. After midnight, session A moves a card (`L`): the first change of the
//!    new day, which starts the new day's backup on a thread of its own.
//!    A's key → its redraw settled; meanwhile B sends `j`/`k` without a
//!    pause, timed the same way, until the backup file is on disk and a
//!    second after. The server's peak RSS (VmHWM) before and after.

use crate::report::ms;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::Duration as Days;

use crate::procs::{self, kib_mb};
use crate::pty::{Session, peak_rss_kib};
use crate::{Opts, Prog, base_command, papi_bin, papi_cli, percentile, shows_a_card};

pub struct NewDay {
    pub n: usize,
    /// Server spawn → the start-of-day backup on disk.
    pub start_backup: Duration,
    /// B's key → first change of its screen, no backup running.
    pub quiet: Vec<Duration>,
    /// The same, keys sent while the new day's backup was being written.
    pub during: Vec<Duration>,
    /// A's `L` → its own redraw settled (the change, saved).
    pub change: Duration,
    /// A's `L` → the new day's backup on disk (None: never written).
    pub backup: Option<Duration>,
    pub peak_before_kib: u64,
    pub peak_after_kib: u64,
}

/// libfaketime's preload library, if installed (Debian: `faketime`).
pub fn faketime_lib() -> Option<PathBuf> {
    let mut dirs = vec![PathBuf::from("/usr/lib/faketime")];
    if let Ok(d) = std::fs::read_dir("/usr/lib") {
        dirs.extend(d.flatten().map(|e| e.path().join("faketime")));
    }
    dirs.into_iter()
        .map(|d| d.join("libfaketime.so.1"))
        .find(|p| p.exists())
}

/// Why the part cannot run here, if it cannot.
pub fn missing() -> Option<String> {
    if faketime_lib().is_none() {
        return Some("libfaketime is not installed (apt-get install faketime)".into());
    }
    for tool in ["ssh", "ssh-keygen"] {
        if Command::new(tool).arg("-V").output().is_err() {
            return Some(format!(
                "`{tool}` is not installed (apt-get install openssh-client)"
            ));
        }
    }
    None
}

fn ssh_key(dir: &Path, name: &str) -> Result<(PathBuf, String), String> {
    let path = dir.join(name);
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_file(path.with_extension("pub"));
    let ok = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
        .arg(&path)
        .status()
        .is_ok_and(|s| s.success());
    let public = std::fs::read_to_string(path.with_extension("pub")).unwrap_or_default();
    if !ok || public.is_empty() {
        return Err("ssh-keygen failed".into());
    }
    Ok((path, public.trim().to_string()))
}

/// `papi-board serve` under libfaketime, starting `lead` before midnight
/// in Viet Nam on the day after today; its port.
fn serve(db: &Path, home: &Path, lead: Duration) -> Result<(Child, u16), String> {
    let day = procs::today_vn() + Days::days(1);
    // Midnight in Viet Nam is 17:00 UTC the day before.
    let start = day.and_hms_opt(17, 0, 0).unwrap() - Days::seconds(lead.as_secs() as i64);
    let mut cmd = base_command(&papi_bin(), home);
    cmd.arg("--db")
        .arg(db)
        .args(["--today", "2025-07-01", "serve", "--listen", "127.0.0.1:0"])
        .env("LD_PRELOAD", faketime_lib().unwrap())
        .env("FAKETIME", start.format("@%Y-%m-%d %H:%M:%S").to_string())
        .env("FAKETIME_DONT_FAKE_MONOTONIC", "1")
        .env("TZ", "UTC")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| e.to_string())?;
    let mut err = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = err.read(&mut buf) {
            if n == 0 {
                break;
            }
            eprint!("  serve: {}", String::from_utf8_lossy(&buf[..n]));
        }
    });
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().and_then(|l| l.ok()).unwrap_or_default();
    let port = first.rsplit(':').next().and_then(|p| p.trim().parse().ok());
    std::thread::spawn(move || for _ in lines {});
    match port {
        Some(p) => Ok((child, p)),
        None => Err(format!("no port in the server's first line: {first:?}")),
    }
}

fn session(port: u16, key: &Path, user: &str, home: &Path) -> Result<Session, String> {
    let known = home.join("known_hosts");
    let mut cmd = base_command(Path::new("ssh"), home);
    cmd.arg("-tt")
        .args(["-F", "/dev/null", "-p", &port.to_string(), "-i"])
        .arg(key)
        .args(["-o", "IdentitiesOnly=yes", "-o"])
        .arg(format!("UserKnownHostsFile={}", known.display()))
        .args([
            "-o",
            "StrictHostKeyChecking=accept-new",
            "-o",
            "BatchMode=yes",
        ])
        .args(["-o", "LogLevel=ERROR", &format!("{user}@127.0.0.1")]);
    let mut s = Session::spawn(cmd, 80, 24).map_err(|e| e.to_string())?;
    s.wait_until(&mut shows_a_card, crate::FRAME_GAP, Duration::from_secs(60))
        .ok_or_else(|| format!("{user}: no board within 60 s:\n{}", s.text()))?;
    s.drain(
        &mut |_| true,
        Duration::from_millis(500),
        Duration::from_secs(30),
    );
    Ok(s)
}

/// One `j`/`k` in B: key → the first byte that changes its screen; then
/// the rest of that redraw.
fn nav(b: &mut Session, i: usize) -> Option<(Instant, Duration)> {
    let key: &[u8] = if (i / 10).is_multiple_of(2) {
        b"j"
    } else {
        b"k"
    };
    let before = b.snapshot();
    let sent = b.send(key);
    let mut changed = |x: &Session| x.snapshot() != before;
    let at = b.wait_until(&mut changed, Duration::ZERO, Duration::from_secs(10));
    b.drain(
        &mut |_| true,
        Duration::from_millis(10),
        Duration::from_secs(10),
    );
    at.map(|at| (sent, at.saturating_duration_since(sent)))
}

/// Prepare a database of `n` tasks with two users, one key each.
fn prepare(work: &Path, n: usize) -> Result<(PathBuf, [(String, PathBuf); 2]), String> {
    let db = work.join(format!("serve-{n}"));
    let ok = papi_cli(&db)
        .args(["generate", "--tasks", &n.to_string(), "--seed", "1"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        return Err("papi-board generate failed".into());
    }
    let keys = work.join("keys");
    std::fs::create_dir_all(&keys).map_err(|e| e.to_string())?;
    let mut users = Vec::new();
    for name in ["an", "binh"] {
        let (path, public) = ssh_key(&keys, name)?;
        procs::wait_gone(&db, Duration::from_secs(120));
        let out = papi_cli(&db)
            .args(["user", "add", name, "--key", &public, "--role", "admin"])
            .output()
            .map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(format!(
                "user add: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        users.push((name.to_string(), path));
    }
    procs::wait_gone(&db, Duration::from_secs(120));
    Ok((db, users.try_into().unwrap()))
}

pub fn measure(work: &Path, home: &Path, n: usize, o: &Opts) -> Result<NewDay, String> {
    let (db, [(a_name, a_key), (b_name, b_key)]) = prepare(work, n)?;
    let lead = Duration::from_secs(o.lead);
    let (mut server, port) = serve(&db, home, lead)?;
    let spawned = Instant::now();
    let midnight = spawned + lead;
    let result = (|| {
        let day = procs::today_vn() + Days::days(1);
        while procs::daily_of(&db, day).is_none() {
            if spawned.elapsed() > lead {
                return Err("the server's start-of-day backup was not on disk before midnight (a longer --lead?)".to_string());
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        let start_backup = spawned.elapsed();
        let mut a = session(port, &a_key, &a_name, home)?;
        let mut b = session(port, &b_key, &b_name, home)?;
        let mut quiet = Vec::new();
        let stop_at = midnight - Duration::from_secs(2);
        while quiet.len() < o.nav && Instant::now() < stop_at {
            quiet.extend(nav(&mut b, quiet.len()).map(|(_, d)| d));
        }
        if Instant::now() >= midnight {
            return Err("midnight passed before the sessions were ready (a longer --lead?)".into());
        }
        let peak_before_kib = peak_rss_kib(server.id());
        std::thread::sleep(midnight + Duration::from_secs(1) - Instant::now());
        let done = AtomicBool::new(false);
        let (samples, (a_sent, change, backup)) = std::thread::scope(|scope| {
            let b_keys = scope.spawn(|| {
                let mut got = Vec::new();
                while !done.load(Ordering::Relaxed) {
                    got.extend(nav(&mut b, got.len()));
                }
                got
            });
            let sent = Instant::now();
            let change = crate::timed_key(&mut a, Prog::Papi, b"L").map(|(d, _)| d);
            let next = day + Days::days(1);
            let end = sent + Duration::from_secs(300);
            let mut backup = None;
            while Instant::now() < end {
                if procs::daily_of(&db, next).is_some() {
                    backup = Some(sent.elapsed());
                    break;
                }
                std::thread::sleep(Duration::from_millis(2));
            }
            std::thread::sleep(Duration::from_secs(1));
            done.store(true, Ordering::Relaxed);
            (b_keys.join().unwrap(), (sent, change, backup))
        });
        if a.text().contains("Vướng mắc gì") {
            return Err(format!("the move asked for a difficulty:\n{}", a.text()));
        }
        let change = change.ok_or("A's move did not show on its screen within 10 s")?;
        // Keys sent while the backup was being written (all keys after
        // the change if it never was).
        let until = a_sent + backup.unwrap_or(Duration::from_secs(3600));
        let during = samples
            .iter()
            .filter(|(sent, _)| *sent >= a_sent && *sent <= until)
            .map(|(_, d)| *d)
            .collect();
        let peak_after_kib = peak_rss_kib(server.id());
        for s in [&mut a, &mut b] {
            let sent = s.send(b"q");
            s.wait_exit(sent, Duration::from_secs(10));
        }
        Ok(NewDay {
            n,
            start_backup,
            quiet,
            during,
            change,
            backup,
            peak_before_kib,
            peak_after_kib,
        })
    })();
    // SAFETY: a signal to the server this part started.
    unsafe {
        libc::kill(server.id() as i32, libc::SIGTERM);
    }
    let end = Instant::now() + Duration::from_secs(120);
    while server.try_wait().ok().flatten().is_none() && Instant::now() < end {
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = server.kill();
    let _ = server.wait();
    procs::wait_gone(&db, Duration::from_secs(60));
    result
}

fn spread(xs: &[Duration]) -> String {
    if xs.is_empty() {
        return "none".into();
    }
    format!(
        "{} / {} / {} ms ({})",
        ms(percentile(xs, 0.5)),
        ms(percentile(xs, 0.99)),
        ms(percentile(xs, 1.0)),
        xs.len()
    )
}

pub fn tables(rows: &[NewDay]) {
    if rows.is_empty() {
        return;
    }
    println!();
    println!(
        "The first change of a new day in a running `serve` (two SSH sessions, 80×24; B's key → the first byte that changes its screen):"
    );
    println!();
    println!(
        "| tasks | start-of-day backup on disk | B's j/k, no backup: median / p99 / max (keys) | B's j/k while the new day's backup is written | A's change (L → redraw) | A's change → backup on disk | server peak RSS before / after |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        println!(
            "| {} | {} ms | {} | {} | {} ms | {} | {:.1} / {:.1} MB |",
            r.n,
            ms(r.start_backup),
            spread(&r.quiet),
            spread(&r.during),
            ms(r.change),
            r.backup
                .map_or("never (within 300 s)".into(), |d| format!("{} ms", ms(d))),
            kib_mb(r.peak_before_kib),
            kib_mb(r.peak_after_kib),
        );
    }
    for r in rows.iter().filter(|r| r.backup.is_none()) {
        println!(
            "  {} tasks: MISSED the first change of the new day started no backup",
            r.n
        );
    }
}
