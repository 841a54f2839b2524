//! The morning: the first open of a day beside a later open, and
//! `papi-board backup` on its own.
//!
//! **First open of the day**: every daily backup of today is renamed to
//! yesterday's date, so the last backup is yesterday's (as each morning
//! after a day's work); the board is opened in a pty at 80×24 and timed
//! from spawn to its first frame (as the other rows: a task's title on
//! screen, then 20 ms without a change). The owner the board starts
//! writes today's backup after that frame; once the file is on disk (it is
//! renamed into place when whole) the peak RSS (VmHWM) of the window and
//! of the owner are read, so the owner's includes writing the backup.
//! Then `q`, and the next open waits until no process names the
//! database. **Later open**: the same with today's backup already there.
//!
//! **`papi-board backup FILE`** with no other program running: the
//! command starts an owner that opens the database and streams the backup
//! to the command, which writes the file; the owner exits with it. Wall
//! time from spawn to the command's exit. The owner's peak is what the
//! kernel recorded when it exited: the bench is a child subreaper for the
//! while (`PR_SET_CHILD_SUBREAPER`), so the owner, orphaned when the
//! command exits, becomes its child and `wait4` gives its `ru_maxrss` —
//! exact, where sampling VmHWM would miss the last milliseconds. (It
//! counts the command's memory at the owner's fork too, a few MB, below
//! the owner's own.) The command's own VmHWM is sampled every 2 ms while it
//! runs (`ru_maxrss` would carry over this bench's memory at the fork).

use crate::report::ms;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::procs::{self, kib_mb, mb};
use crate::pty::{Session, peak_rss_kib, rss_anon_kib};
use crate::{FRAME_GAP, Opts, base_command, papi_bin, papi_cli, percentile, shows_a_card};

/// One open of the board.
pub struct Open {
    pub first: Duration,
    /// From spawn until today's backup was on disk (the first open of the
    /// day only).
    pub backup_at: Option<Duration>,
    pub window_kib: u64,
    /// The window's private memory (RssAnon) when its peak was read.
    pub window_anon_kib: u64,
    pub owner_kib: u64,
}

/// `papi-board backup FILE`.
pub struct BackupCmd {
    pub wall: Duration,
    pub owner_kib: u64,
    pub client_kib: u64,
    /// The most private memory (RssAnon) the command held in a sample.
    pub client_anon_kib: u64,
    pub bytes: u64,
}

/// Every figure of one board size.
pub struct Morning {
    pub n: usize,
    pub first: Vec<Open>,
    pub later: Vec<Open>,
    pub backup_bytes: u64,
    pub db_bytes: u64,
    pub backup: Option<BackupCmd>,
}

/// The board in a pty at 80×24, up to its first frame; for the first open
/// of the day, until today's backup is on disk; then both peaks, and `q`.
fn open(db: &Path, home: &Path, morning: bool, o: &Opts) -> Result<Open, String> {
    let mut cmd = base_command(&papi_bin(), home);
    cmd.arg("--db").arg(db).args(["--today", "2025-07-01"]);
    let mut s = Session::spawn(cmd, 80, 24).map_err(|e| e.to_string())?;
    let first = s
        .wait_until(&mut shows_a_card, FRAME_GAP, o.first_timeout)
        .ok_or_else(|| format!("no card within {:?}:\n{}", o.first_timeout, s.text()))?
        - s.started;
    let mut backup_at = None;
    if morning {
        let day = procs::today_vn();
        let end = Instant::now() + Duration::from_secs(300);
        while procs::daily_of(db, day).is_none() {
            if Instant::now() > end {
                return Err("today's backup was not written within 300 s".into());
            }
            // Reading the window's output meanwhile, so it never blocks.
            s.idle(Duration::from_millis(5));
        }
        backup_at = Some(s.started.elapsed());
    }
    // Whatever the owner does right after (the backup thread ending).
    s.idle(Duration::from_millis(300));
    let (window_kib, window_anon_kib) = (peak_rss_kib(s.pid()), rss_anon_kib(s.pid()));
    let owner_kib = procs::owner(db).map_or(0, peak_rss_kib);
    let sent = s.send(b"q");
    s.wait_exit(sent, Duration::from_secs(30))
        .ok_or("the board did not exit within 30 s of q")?;
    drop(s);
    if !procs::wait_gone(db, Duration::from_secs(120)) {
        return Err("the owner was still running 120 s after the board closed".into());
    }
    Ok(Open {
        first,
        backup_at,
        window_kib,
        window_anon_kib,
        owner_kib,
    })
}

/// `papi-board --db DB backup FILE`, nothing else running on the database.
fn backup_cmd(db: &Path, file: &Path) -> Result<BackupCmd, String> {
    let _ = std::fs::remove_file(file);
    // SAFETY: prctl on this process only; turned off again below.
    unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) };
    let run = (|| {
        let started = Instant::now();
        let mut child = papi_cli(db)
            .arg("backup")
            .arg(file)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?;
        let (mut client_kib, mut anon) = (0, 0);
        let status = loop {
            client_kib = client_kib.max(peak_rss_kib(child.id()));
            anon = anon.max(rss_anon_kib(child.id()));
            if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
                break status;
            }
            std::thread::sleep(Duration::from_millis(2));
        };
        let wall = started.elapsed();
        if !status.success() {
            return Err(format!("papi-board backup failed: {status}"));
        }
        Ok((wall, client_kib, anon))
    })();
    // The owner, orphaned by the command's exit, is this process's child
    // now (no other child is running here): its exit and its peak.
    let (mut st, mut ru) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
    // SAFETY: waits for a child of this process, writing into locals.
    let owner = unsafe { libc::wait4(-1, &mut st, 0, &mut ru) };
    unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0) };
    let (wall, client_kib, client_anon_kib) = run?;
    if owner <= 0 {
        return Err("the owner of the backup was not found".into());
    }
    procs::wait_gone(db, Duration::from_secs(120));
    Ok(BackupCmd {
        wall,
        owner_kib: ru.ru_maxrss as u64,
        client_kib,
        client_anon_kib,
        bytes: std::fs::metadata(file).map_or(0, |m| m.len()),
    })
}

/// The whole part for one size, on a database made by `generate`.
pub fn measure(db: &Path, home: &Path, n: usize, o: &Opts) -> Result<Morning, String> {
    if !procs::wait_gone(db, Duration::from_secs(120)) {
        return Err("another program still has the database open".into());
    }
    let mut m = Morning {
        n,
        first: Vec::new(),
        later: Vec::new(),
        backup_bytes: 0,
        db_bytes: 0,
        backup: None,
    };
    for run in 0..o.runs {
        procs::backups_to_yesterday(db);
        let f = open(db, home, true, o)?;
        let l = open(db, home, false, o)?;
        eprintln!(
            "  run {}: first open of the day {:.1} ms (backup on disk at {:.0} ms), owner {:.1} MB; later open {:.1} ms, owner {:.1} MB",
            run + 1,
            f.first.as_secs_f64() * 1e3,
            f.backup_at.unwrap_or_default().as_secs_f64() * 1e3,
            kib_mb(f.owner_kib),
            l.first.as_secs_f64() * 1e3,
            kib_mb(l.owner_kib),
        );
        m.first.push(f);
        m.later.push(l);
    }
    m.backup_bytes = procs::dailies(db)
        .last()
        .and_then(|p| std::fs::metadata(p).ok())
        .map_or(0, |x| x.len());
    m.db_bytes = procs::size_of(db);
    let file = db.with_file_name(format!("backup-{n}.jsonl.gz"));
    let b = backup_cmd(db, &file)?;
    let _ = std::fs::remove_file(&file);
    eprintln!(
        "  backup: {:.0} ms, owner {:.1} MB, command {:.1} MB",
        b.wall.as_secs_f64() * 1e3,
        kib_mb(b.owner_kib),
        kib_mb(b.client_kib)
    );
    m.backup = Some(b);
    Ok(m)
}

/// "median / worst" of durations, in ms.
fn mid_worst(xs: &[Duration]) -> String {
    format!(
        "{} / {} ms",
        ms(percentile(xs, 0.5)),
        ms(percentile(xs, 1.0))
    )
}

fn mid_worst_kib(xs: &[u64]) -> (f64, f64) {
    let mut v = xs.to_vec();
    v.sort_unstable();
    (
        kib_mb(v.get(v.len() / 2).copied().unwrap_or(0)),
        kib_mb(v.last().copied().unwrap_or(0)),
    )
}

fn peaks(opens: &[Open], f: impl Fn(&Open) -> u64) -> String {
    let (mid, worst) = mid_worst_kib(&opens.iter().map(f).collect::<Vec<_>>());
    format!("{mid:.1} / {worst:.1} MB")
}

/// The window's peak, and its private memory (RssAnon) beside it.
fn window(opens: &[Open]) -> String {
    let anon: Vec<u64> = opens.iter().map(|x| x.window_anon_kib).collect();
    format!(
        "{} (private {:.1})",
        peaks(opens, |x| x.window_kib),
        mid_worst_kib(&anon).0
    )
}

/// The tables, and the targets at 20k and 100k tasks.
pub fn tables(rows: &[Morning]) {
    if rows.is_empty() {
        return;
    }
    let runs = rows[0].first.len();
    println!();
    println!(
        "The morning (80×24, {runs} runs each; median / worst): the first open of a day (the last backup is yesterday's) beside a later open"
    );
    println!();
    println!(
        "| tasks | first open of the day: first frame | today's backup on disk | window peak RSS | owner peak RSS | later open: first frame | window peak RSS | owner peak RSS | daily backup (gz) | database |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for m in rows {
        let first: Vec<Duration> = m.first.iter().map(|x| x.first).collect();
        let done: Vec<Duration> = m.first.iter().filter_map(|x| x.backup_at).collect();
        let later: Vec<Duration> = m.later.iter().map(|x| x.first).collect();
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {:.1} MB | {:.0} MB |",
            m.n,
            mid_worst(&first),
            mid_worst(&done),
            window(&m.first),
            peaks(&m.first, |x| x.owner_kib),
            mid_worst(&later),
            window(&m.later),
            peaks(&m.later, |x| x.owner_kib),
            mb(m.backup_bytes),
            mb(m.db_bytes),
        );
    }
    println!();
    println!("`papi-board backup FILE.jsonl.gz`, no other program running (one run):");
    println!();
    println!("| tasks | wall time | owner peak RSS | the command's peak RSS (private) | file |");
    println!("|---:|---:|---:|---:|---:|");
    for m in rows {
        if let Some(b) = &m.backup {
            println!(
                "| {} | {} ms | {:.1} MB | {:.1} MB ({:.1}) | {:.1} MB |",
                m.n,
                ms(b.wall),
                kib_mb(b.owner_kib),
                kib_mb(b.client_kib),
                kib_mb(b.client_anon_kib),
                mb(b.bytes)
            );
        }
    }
    targets(rows);
}

/// Met when every run meets it; "median met" when the median does and
/// the worst run does not.
pub fn verdict(mid: f64, worst: f64, limit: f64) -> &'static str {
    if worst <= limit {
        "met"
    } else if mid <= limit {
        "median met, worst **missed**"
    } else {
        "**missed**"
    }
}

/// A target row, ready to paste: tasks, target, what was measured, verdict.
pub fn target_row(n: usize, target: &str, measured: &str, verdict: &str) {
    let n = n.to_string();
    let n = if n.len() > 3 {
        format!("{},{}", &n[..n.len() - 3], &n[n.len() - 3..])
    } else {
        n
    };
    println!("| {n} | {target} | {measured} | {verdict} |");
}

pub fn target_header(what: &str) {
    println!();
    println!("{what} against the targets (20,000 and 100,000 tasks):");
    println!();
    println!("| tasks | target | measured | |");
    println!("|---:|---|---|---|");
}

/// The peak memory of an open: the owner's VmHWM plus the window's
/// private memory (the binary's file pages are shared with the owner, and
/// VmHWM counts them in both), with the plain sum of the two peaks beside.
fn memory(opens: &[Open]) -> ((f64, f64), String) {
    let judged: Vec<u64> = opens
        .iter()
        .map(|x| x.owner_kib + x.window_anon_kib)
        .collect();
    let plain: Vec<u64> = opens.iter().map(|x| x.owner_kib + x.window_kib).collect();
    let owner: Vec<u64> = opens.iter().map(|x| x.owner_kib).collect();
    let (mid, worst) = mid_worst_kib(&judged);
    let text = format!(
        "owner + window's private memory {mid:.1} MB (worst {worst:.1}; the owner alone {:.1}; the plain sum of both peaks {:.1})",
        mid_worst_kib(&owner).0,
        mid_worst_kib(&plain).0
    );
    ((mid, worst), text)
}

fn targets(rows: &[Morning]) {
    target_header("The morning");
    let mut any = false;
    for m in rows {
        let (t_ms, t_mb) = match m.n {
            20_000 => (100.0, 60.0),
            100_000 => (300.0, 150.0),
            _ => continue,
        };
        any = true;
        let first: Vec<Duration> = m.first.iter().map(|x| x.first).collect();
        let (f_mid, f_worst) = (
            percentile(&first, 0.5).as_secs_f64() * 1e3,
            percentile(&first, 1.0).as_secs_f64() * 1e3,
        );
        target_row(
            m.n,
            &format!("first frame, first open of the day ≤ {t_ms} ms"),
            &format!("{f_mid:.0} ms (worst {f_worst:.0})"),
            verdict(f_mid, f_worst, t_ms),
        );
        let ((mid, worst), text) = memory(&m.first);
        target_row(
            m.n,
            &format!("peak RSS, first open of the day ≤ {t_mb} MB"),
            &text,
            verdict(mid, worst, t_mb),
        );
        if let Some(b) = &m.backup {
            let sum = kib_mb(b.owner_kib + b.client_anon_kib);
            target_row(
                m.n,
                &format!("`papi-board backup` peak RSS ≤ {t_mb} MB"),
                &format!(
                    "owner + command's private memory {sum:.1} MB (the owner alone {:.1}; the plain sum of both peaks {:.1})",
                    kib_mb(b.owner_kib),
                    kib_mb(b.owner_kib + b.client_kib)
                ),
                verdict(sum, sum, t_mb),
            );
        }
    }
    if !any {
        println!("| – | none measured in this run | | |");
    }
}
