//! End-to-end benchmark in a real terminal: what a person feels,
//! side by side with taskwarrior-tui in the same run.
//!
//! ```sh
//! cargo bench --bench e2e                    # 1k, 20k, 100k tasks; 80×24 and 200×50
//! cargo bench --bench e2e -- --tasks 20000   # one size (or --tasks 1000,20000)
//! cargo bench --bench e2e -- --only papi     # without the peer
//! cargo bench --bench e2e -- --size 80x24 --nav 20 --moves 4   # a quick look
//! cargo bench --bench e2e -- --morning --tasks 20000   # one part (or several)
//! ```
//!
//! Parts (all of them when none is named): `--board` the board side by
//! side with the peer (below); `--morning` the first open of a day beside
//! a later open, and `papi-board backup` (morning.rs); `--windows` two
//! windows on one database (windows.rs); `--new-day` the first change of a
//! new day in a running `serve`, under libfaketime (new_day.rs). Their
//! options: `--runs N` opens of each kind (3), `--window-moves N` (100),
//! `--adds N` tasks added by a command while a board is open (20),
//! `--lead SECONDS` before midnight for `--new-day` (30).
//!
//! Cargo builds the release binary first (`CARGO_BIN_EXE_papi-board`). For
//! the peer it needs Taskwarrior (`apt-get install taskwarrior`) and
//! `cargo install taskwarrior-tui`; without them it measures papi-board
//! alone and says why. Not part of CI or of `cargo test`. The tables go to
//! stdout, progress to stderr. Environment: `E2E_DEBUG` (phases),
//! `E2E_SHOW` (each program's first screen), `E2E_TRACE` (every key sent
//! and every chunk of output: when, how many bytes, whether it changed the
//! screen; with `E2E_TRACE_SCREENS` also the screen after each change),
//! `E2E_KEEP` (leave the temporary databases).
//!
//! Both programs hold the same tasks: papi-board's generated board (its
//! `list --json`) is written as Taskwarrior data, and taskwarrior-tui's list
//! filter is set to every task, pending and completed (Taskwarrior's default
//! ends in `limit:page`, one screenful); a run in which its log says it
//! loaded another number is refused.
//!
//! Each program runs in its own pseudo-terminal (openpty), its output is
//! timestamped as it arrives and fed to a `vt100` screen. Measured:
//! - **first frame**: from spawning the process to the last byte of the
//!   frame in which a task's title first appears on screen (the output
//!   until the screen stops changing for 20 ms); papi-board as the first
//!   program on the database (no owner left from an earlier run), so
//!   the owner's start and load are in it;
//! - **key → redraw**: from writing a key to the last byte that changed
//!   the screen, once the screen has not changed for a quiet period and
//!   the program runs no child process: `j`/`k` to move the selection, and
//!   a status change with its save and its way back (papi-board `L`/`H`:
//!   the card to the next column and back; taskwarrior-tui `s`/`u`: start
//!   or stop the task, its nearest equivalent, then undo it). A key still
//!   unsettled after the key timeout is counted as not measured;
//! - **bytes per navigation key**: bytes written to the terminal for one
//!   `j`/`k` up to that last change (what an SSH connection carries; not
//!   the few bytes of a timer redraw after it);
//! - **idle CPU**: CPU time of the process (its threads, and helpers it
//!   waited for) over 5 s without input;
//! - **peak RSS**: VmHWM of the process just before quitting (for
//!   taskwarrior-tui, the `task` processes it runs are apart: the cost of
//!   one `task export` at each size is printed with `/usr/bin/time`);
//! - **quit**: from writing `q` to the process having exited.

mod morning;
mod new_day;
mod opts;
mod procs;
mod pty;
mod report;
mod taskwarrior;
mod windows;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use opts::{Opts, opts};
use pty::Session;
use report::Run;

/// The first words of the synthetic titles (src/transfer/generate.rs): a
/// card is on screen when one of them is.
const TITLE_STARTS: &[&str] = &[
    "Tuyên truyền",
    "Niêm yết",
    "Rà soát",
    "Kiểm tra",
    "Tổ chức",
    "Cập nhật",
    "Báo cáo",
    "Hướng dẫn",
    "Đôn đốc",
    "Tập huấn",
    "Lấy ý kiến",
    "Đối thoại",
    "Khảo sát",
    "Số hóa",
];

/// The end of a frame: no change on screen for this long. One frame
/// arrives in a few writes less than a few milliseconds apart; the first
/// frame is the one in which a card appears, whatever is drawn after it
/// (taskwarrior-tui's details pane, papi-board's backup message).
const FRAME_GAP: Duration = Duration::from_millis(20);

fn shows_a_card(s: &Session) -> bool {
    let text = s.text();
    TITLE_STARTS.iter().any(|t| text.contains(t))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Prog {
    Papi,
    TwTui,
}

impl Prog {
    fn name(self) -> &'static str {
        match self {
            Prog::Papi => "papi-board",
            Prog::TwTui => "taskwarrior-tui",
        }
    }
    /// How long without a change on screen (and without a child process)
    /// ends a redraw. taskwarrior-tui ticks every 250 ms and shows a change
    /// on the tick after its `task` commands end, so it gets longer.
    fn quiet(self) -> Duration {
        match self {
            Prog::Papi => Duration::from_millis(50),
            Prog::TwTui => Duration::from_millis(400),
        }
    }
    /// Whether the screen shows the whole result of a key. taskwarrior-tui
    /// first redraws its list with "Loading task details ..." in the
    /// details pane, then fills the pane on a later tick, after running
    /// `task <uuid>` (which reads every task): the key's redraw ends there.
    /// Not "no child process running": it runs that command on every tick,
    /// idle or not.
    fn settled(self, s: &Session) -> bool {
        match self {
            Prog::Papi => true,
            Prog::TwTui => !s.text().contains("Loading task details"),
        }
    }
    /// The longest one key is waited for. taskwarrior-tui runs `task`
    /// several times for one change (and `task <uuid>` for the details
    /// pane after a move), each reading every task: seconds at 100k. A key
    /// still unsettled at this time is counted as not measured, not as a
    /// figure.
    fn key_timeout(self) -> Duration {
        match self {
            Prog::Papi => Duration::from_secs(10),
            Prog::TwTui => Duration::from_secs(60),
        }
    }
    /// Samples per run: fewer for taskwarrior-tui, whose keys take seconds
    /// at 20k tasks (a selection 5 s, a status change 22 s) and more at
    /// 100k, so that one run of the bench stays under an hour. Status
    /// changes come in pairs (the change and its way back), so an even
    /// number of them leaves the data as it was.
    fn samples(self, o: &Opts, n: usize) -> (usize, usize) {
        let (nav, moves) = match self {
            Prog::Papi => (o.nav, o.moves),
            Prog::TwTui if n >= 100_000 => (o.nav.min(6), o.moves.min(2)),
            Prog::TwTui if n >= 20_000 => (o.nav.min(10), o.moves.min(4)),
            Prog::TwTui => (o.nav.min(30), o.moves.min(10)),
        };
        (nav, moves + moves % 2)
    }
}

fn papi_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_papi-board"))
}

/// A clean environment: a private HOME, a usual terminal, no colour hints.
fn base_command(program: &Path, home: &Path) -> Command {
    let mut c = Command::new(program);
    c.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("TERM", "xterm-256color")
        .env("LANG", "C.UTF-8");
    c
}

fn percentile(xs: &[Duration], p: f64) -> Duration {
    let mut v = xs.to_vec();
    v.sort();
    if v.is_empty() {
        return Duration::ZERO;
    }
    let i = ((p * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1;
    v[i]
}

/// One program, one board size, one terminal size: the whole sequence.
/// `db`: papi-board's database, whose owner's memory is read too.
fn measure(
    prog: Prog,
    cmd: Command,
    (cols, rows): (u16, u16),
    (n, db): (usize, &Path),
    o: &Opts,
) -> Result<Run, String> {
    let (nav, moves) = prog.samples(o, n);
    let mut s = Session::spawn(cmd, cols, rows).map_err(|e| e.to_string())?;
    let first = s
        .wait_until(&mut shows_a_card, FRAME_GAP, o.first_timeout)
        .ok_or_else(|| {
            format!(
                "no card within {:?}; screen:\n{}",
                o.first_timeout,
                s.text()
            )
        })?;
    if std::env::var_os("E2E_SHOW").is_some() {
        eprintln!("{}", s.text());
    }
    let first_frame = first - s.started;
    // Let start-up work (prefetching, a second draw) finish.
    let mut settled = |x: &Session| prog.settled(x);
    s.drain(
        &mut settled,
        Duration::from_millis(1000),
        Duration::from_secs(15),
    );

    let mut run = Run {
        first_frame,
        ..Run::default()
    };
    let debug = std::env::var_os("E2E_DEBUG").is_some();
    if debug {
        eprintln!("  first frame {first_frame:?}; selection keys…");
    }
    // Moving the selection: ten down, ten up, and again.
    for i in 0..nav {
        let key: &[u8] = if (i / 10) % 2 == 0 { b"j" } else { b"k" };
        match timed_key(&mut s, prog, key) {
            Some((took, bytes)) => {
                run.nav.push(took);
                run.nav_bytes.push(bytes);
            }
            None => run.nav_missed += 1,
        }
    }
    s.drain(
        &mut settled,
        Duration::from_millis(500),
        Duration::from_secs(30),
    );
    if debug {
        eprintln!("  {} selection samples; status changes…", run.nav.len());
    }
    // Changing a status, saved, and back: papi-board L then H (the card to
    // the next column and back); taskwarrior-tui s then u (start or stop
    // the selected task, then undo that). Not s twice: its list is sorted
    // by urgency, which starting changes, so a second s would start
    // another task, whose running time then redraws every second.
    for i in 0..moves {
        let key: &[u8] = match prog {
            Prog::Papi if i % 2 == 0 => b"L",
            Prog::Papi => b"H",
            Prog::TwTui if i % 2 == 0 => b"s",
            Prog::TwTui => b"u",
        };
        match timed_key(&mut s, prog, key) {
            Some((took, bytes)) => {
                run.moves.push(took);
                run.move_bytes.push(bytes);
            }
            None => run.moves_missed += 1,
        }
    }
    if debug {
        eprintln!("  {} status samples; idle…", run.moves.len());
    }
    if let Some(status) = s.exit_status() {
        return Err(format!(
            "exited before q ({status}); last screen:\n{}",
            s.text()
        ));
    }
    // Idle: let everything settle, then 5 s without input.
    s.drain(
        &mut settled,
        Duration::from_secs(1),
        Duration::from_secs(30),
    );
    let pid = s.pid();
    let ((own0, kids0), ns0) = (pty::cpu_seconds(pid), pty::cpu_ns(pid));
    let idle = Duration::from_secs(5);
    run.idle_bytes = s.idle(idle);
    let ((own1, kids1), ns1) = (pty::cpu_seconds(pid), pty::cpu_ns(pid));
    // Live threads to the nanosecond; clock ticks (10 ms, so off by one
    // tick now and then) only when they show much more: threads that ended.
    let by_ns = ns1.saturating_sub(ns0) as f64 / 1e9;
    let by_ticks = own1 - own0;
    let own = if by_ticks > by_ns + 0.02 {
        by_ticks
    } else {
        by_ns
    };
    run.idle_cpu = (own + (kids1 - kids0)) / idle.as_secs_f64() * 100.0;
    run.rss_kib = pty::peak_rss_kib(pid);
    if prog == Prog::Papi {
        run.anon_kib = pty::rss_anon_kib(pid);
        run.owner_kib = procs::owner(db).map_or(0, pty::peak_rss_kib);
    }
    let sent = s.send(b"q");
    // A program still running 60 s after q is recorded as "> 60 s" (and
    // then killed) rather than losing the run's other figures.
    let limit = Duration::from_secs(60);
    run.quit = s.wait_exit(sent, limit).unwrap_or_else(|| {
        run.quit_timed_out = true;
        limit
    });
    Ok(run)
}

/// The first start after `generate` (which wrote today's backup, so this
/// is not the first open of a day: `--morning` measures that). Measured
/// once, then the timed runs start warm, as on any later start that day.
fn warm_up(cmd: Command, o: &Opts) -> Result<Duration, String> {
    let mut s = Session::spawn(cmd, 80, 24).map_err(|e| e.to_string())?;
    let first = s
        .wait_until(&mut shows_a_card, FRAME_GAP, o.first_timeout)
        .ok_or_else(|| {
            format!(
                "no card within {:?}; screen:\n{}",
                o.first_timeout,
                s.text()
            )
        })?;
    s.drain(
        &mut |_| true,
        Duration::from_millis(500),
        Duration::from_secs(15),
    );
    let sent = s.send(b"q");
    // Killed when dropped if it is still running.
    let _ = s.wait_exit(sent, Duration::from_secs(60));
    Ok(first - s.started)
}

/// papi-board for a command-line job on `db`: none of the caller's
/// PAPI_BOARD_* settings (another board, another date) applies.
fn papi_cli(db: &Path) -> Command {
    let mut c = Command::new(papi_bin());
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("PAPI_BOARD_") {
            c.env_remove(k);
        }
    }
    c.arg("--db").arg(db);
    c
}

fn papi_tasks(db: &Path) -> Vec<serde_json::Value> {
    let out = papi_cli(db)
        .args(["list", "--json"])
        .output()
        .expect("papi-board list --json");
    serde_json::from_slice(&out.stdout).expect("list --json is a JSON array")
}

/// For taskwarrior-tui, the tasks it loaded must be all `n` (its log says
/// how many); a run on fewer tasks is no comparison.
fn check_peer(prog: Prog, home: &Path, n: usize) -> Result<(), String> {
    if prog != Prog::TwTui {
        return Ok(());
    }
    match taskwarrior::imported(home) {
        Some(m) if m == n => Ok(()),
        Some(m) => Err(format!("taskwarrior-tui listed {m} tasks, not {n}")),
        None => Err("taskwarrior-tui's log does not say how many tasks it listed".into()),
    }
}

fn main() {
    let o = opts();
    let work = tempfile::tempdir().expect("temporary directory");
    if std::env::var_os("E2E_KEEP").is_some() {
        eprintln!("E2E_KEEP: leaving {}", work.path().display());
    }
    let home = work.path().join("home");
    std::fs::create_dir_all(home.join(".config")).unwrap();
    report::machine();
    report::load("at the start");
    if o.parts.board {
        board_part(&o, work.path(), &home);
    }
    let (mut mornings, mut wins, mut days) = (Vec::new(), Vec::new(), Vec::new());
    let new_day = o.parts.new_day.then(new_day::missing);
    if let Some(Some(why)) = &new_day {
        eprintln!("the first change of a new day in `serve` skipped: {why}");
    }
    for &n in &o.tasks {
        let db = work.path().join(format!("papi-{n}"));
        if o.parts.morning {
            generated(&db, n);
            eprintln!("the morning · {n} tasks …");
            match morning::measure(&db, &home, n, &o) {
                Ok(m) => mornings.push(m),
                Err(e) => eprintln!("  failed: {e}"),
            }
        }
        if o.parts.windows {
            generated(&db, n);
            eprintln!("two windows · {n} tasks …");
            match windows::measure(&db, &home, n, &o) {
                Ok(w) => wins.push(w),
                Err(e) => eprintln!("  failed: {e}"),
            }
        }
        if let Some(None) = new_day {
            eprintln!("a new day in `serve` · {n} tasks …");
            match new_day::measure(work.path(), &home, n, &o) {
                Ok(d) => days.push(d),
                Err(e) => eprintln!("  failed: {e}"),
            }
        }
    }
    morning::tables(&mornings);
    windows::tables(&wins);
    new_day::tables(&days);
    report::load("at the end");
    if std::env::var_os("E2E_KEEP").is_some() {
        std::mem::forget(work);
    }
}

/// The board of `n` generated tasks in `db`, made once for every part
/// that uses it (each leaves its tasks as it found them).
fn generated(db: &Path, n: usize) {
    if db.exists() {
        return;
    }
    let t = Instant::now();
    let ok = papi_cli(db)
        .args(["generate", "--tasks", &n.to_string(), "--seed", "1"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(ok, "papi-board generate failed");
    eprintln!("generated {n} tasks in {:.1?}", t.elapsed());
}

/// taskwarrior-tui, unless papi-board is measured alone or it is missing
/// (said why).
fn peer(o: &Opts) -> Option<PathBuf> {
    if o.papi_only {
        return None;
    }
    if !taskwarrior::task_installed() {
        eprintln!(
            "taskwarrior-tui skipped: Taskwarrior's `task` is not installed (apt-get install taskwarrior)"
        );
        return None;
    }
    let t = taskwarrior::tui_path();
    if t.is_none() {
        eprintln!(
            "taskwarrior-tui skipped: not found on PATH or in ~/.cargo/bin (cargo install taskwarrior-tui)"
        );
    }
    t
}

/// The board side by side with the peer: every size of board and terminal.
fn board_part(o: &Opts, work: &Path, home: &Path) {
    let tui = peer(o);
    if let Some(t) = &tui {
        let v = |c: &mut Command| {
            c.output()
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
                .unwrap_or_default()
        };
        println!(
            "peer: {} with Taskwarrior {}",
            v(Command::new(t).arg("--version")),
            v(Command::new("task").arg("--version"))
        );
    }
    let mut rows = Vec::new();
    let mut firsts = Vec::new();
    for &n in &o.tasks {
        let db = work.join(format!("papi-{n}"));
        generated(&db, n);
        let tasks = papi_tasks(&db);
        assert_eq!(tasks.len(), n, "papi-board list --json gives every task");
        let tw = tui.as_ref().map(|_| {
            let data = taskwarrior::write(&work.join(format!("tw-{n}")), &tasks)
                .expect("write the Taskwarrior data");
            let counted = taskwarrior::count(&data);
            assert_eq!(
                counted,
                Some(data.pending + data.completed),
                "Taskwarrior reads every task"
            );
            eprintln!(
                "taskwarrior data: {} pending + {} completed",
                data.pending, data.completed
            );
            if let Some((secs, kib)) = taskwarrior::export_cost(&data) {
                println!(
                    "`task export` of {n} tasks (what taskwarrior-tui runs to fill its list): {secs:.2} s, peak RSS {:.1} MB",
                    kib as f64 / 1024.0
                );
            }
            data
        });
        let commands = || {
            let mut pair = Vec::new();
            let mut cmd = base_command(&papi_bin(), home);
            cmd.arg("--db").arg(&db).args(["--today", "2025-07-01"]);
            pair.push((Prog::Papi, cmd));
            if let (Some(tui), Some(tw)) = (&tui, &tw) {
                let mut cmd = base_command(tui, home);
                cmd.env("TASKRC", &tw.rc).env("TASKDATA", &tw.data);
                pair.push((Prog::TwTui, cmd));
            }
            pair
        };
        for (prog, cmd) in commands() {
            // A cold start: no owner left from `generate` holds the board.
            procs::wait_gone(&db, Duration::from_secs(120));
            match warm_up(cmd, o).and_then(|d| check_peer(prog, home, n).map(|()| d)) {
                Ok(d) => {
                    eprintln!("{} · {n} tasks · first start: {d:.1?}", prog.name());
                    firsts.push((prog.name(), n, d));
                }
                Err(e) => eprintln!("{} · {n} tasks · first start failed: {e}", prog.name()),
            }
        }
        for &(cols, rows_) in &o.sizes {
            for (prog, cmd) in commands() {
                // Each run opens the database as the first program: the
                // owner the previous run started has gone.
                procs::wait_gone(&db, Duration::from_secs(120));
                eprintln!("{} · {n} tasks · {cols}×{rows_} …", prog.name());
                match measure(prog, cmd, (cols, rows_), (n, &db), o)
                    .and_then(|run| check_peer(prog, home, n).map(|()| run))
                {
                    Ok(run) => {
                        eprintln!("  {}", run.line());
                        rows.push((prog.name(), n, (cols, rows_), run));
                    }
                    Err(e) => eprintln!("  failed: {e}"),
                }
            }
        }
    }
    report::tables(&rows, &firsts);
}

/// Send one key and wait for its redraw to settle: the time from the key
/// to the last byte that changed the screen, and the bytes written up to
/// it. `None` when the screen did not change before the key timeout.
fn timed_key(s: &mut Session, prog: Prog, key: &[u8]) -> Option<(Duration, u64)> {
    let before = s.snapshot();
    let bytes0 = s.bytes;
    let sent = s.send(key);
    let mut changed = |x: &Session| x.snapshot() != before && prog.settled(x);
    match s.wait_until(&mut changed, prog.quiet(), prog.key_timeout()) {
        Some(end) if !s.timed_out => Some((
            end.saturating_duration_since(sent),
            s.bytes_at_change - bytes0,
        )),
        _ => None,
    }
}
