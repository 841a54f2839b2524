//! Two windows on one database: a board open in one pty (80×24), then a
//! second board on the same database — a client of the owner the first
//! one started — timed from spawn to its first frame; then moves in the
//! first window (`L`, `H`, alternately: the selected card to the next
//! column and back, each saved), each timed from the key to the first
//! byte that changes the second window's screen. Last, with the second
//! window closed, tasks added by a command: `papi-board --db DB add` run
//! as a program of its own while the first window is open, timed from its
//! spawn and from its exit to the new title on the window's screen (each
//! added task is due the day before the year begins, in the first area, so
//! its card is the first of the first lane, before the many due on 1
//! January at 100k tasks); each is deleted again (`delete ID`) and the
//! screen left to settle before the next.

use crate::report::ms;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::morning::{target_header, target_row};
use crate::procs;
use crate::pty::Session;
use crate::{FRAME_GAP, Opts, base_command, papi_bin, papi_cli, percentile, shows_a_card};

pub struct Windows {
    pub n: usize,
    /// The first window's first frame (it starts the owner).
    pub first: Duration,
    /// The second window's, while the first one's owner has the database.
    pub second: Duration,
    /// Key in one window → the other's screen changes.
    pub seen: Vec<Duration>,
    /// Moves the other window did not show within 10 s.
    pub missed: usize,
    /// `add` spawned → its title on the window's screen.
    pub add_spawn: Vec<Duration>,
    /// `add` exited → the same (zero if the screen showed it first).
    pub add_exit: Vec<Duration>,
    /// Added tasks the window did not show within 10 s.
    pub add_missed: usize,
}

/// The prompt a move into "Vướng mắc" opens: a move that asks it is not
/// the plain move measured here.
const BLOCKED_PROMPT: &str = "Vướng mắc gì";

fn board(db: &Path, home: &Path, o: &Opts) -> Result<(Session, Duration), String> {
    let mut cmd = base_command(&papi_bin(), home);
    cmd.arg("--db").arg(db).args(["--today", "2025-07-01"]);
    let mut s = Session::spawn(cmd, 80, 24).map_err(|e| e.to_string())?;
    let at = s
        .wait_until(&mut shows_a_card, FRAME_GAP, o.first_timeout)
        .ok_or_else(|| format!("no card within {:?}:\n{}", o.first_timeout, s.text()))?;
    let first = at - s.started;
    // Start-up work (a backup if one is due) done before anything is timed.
    s.drain(
        &mut |_| true,
        Duration::from_secs(1),
        Duration::from_secs(60),
    );
    Ok((s, first))
}

pub fn measure(db: &Path, home: &Path, n: usize, o: &Opts) -> Result<Windows, String> {
    if !procs::wait_gone(db, Duration::from_secs(120)) {
        return Err("another program still has the database open".into());
    }
    let (mut a, first) = board(db, home, o)?;
    let (mut b, second) = board(db, home, o)?;
    let mut w = Windows {
        n,
        first,
        second,
        seen: Vec::new(),
        missed: 0,
        add_spawn: Vec::new(),
        add_exit: Vec::new(),
        add_missed: 0,
    };
    let quiet = Duration::from_millis(50);
    for i in 0..o.window_moves + o.window_moves % 2 {
        let key: &[u8] = if i % 2 == 0 { b"L" } else { b"H" };
        let before = b.snapshot();
        let sent = a.send(key);
        let mut changed = |x: &Session| x.snapshot() != before;
        match b.wait_until(&mut changed, Duration::ZERO, Duration::from_secs(10)) {
            Some(at) => w.seen.push(at.saturating_duration_since(sent)),
            None => w.missed += 1,
        }
        // Both redraws finished before the next key.
        b.drain(&mut |_| true, quiet, Duration::from_secs(10));
        a.drain(&mut |_| true, quiet, Duration::from_secs(10));
        if a.text().contains(BLOCKED_PROMPT) {
            return Err(format!("the move asked for a difficulty:\n{}", a.text()));
        }
    }
    let sent = b.send(b"q");
    b.wait_exit(sent, Duration::from_secs(30));
    drop(b);
    for i in 0..o.adds {
        added(&mut a, db, i, &mut w)?;
    }
    let sent = a.send(b"q");
    a.wait_exit(sent, Duration::from_secs(30));
    drop(a);
    procs::wait_gone(db, Duration::from_secs(120));
    Ok(w)
}

/// One task added by `papi-board add` while the window `a` is open, timed
/// to its title on `a`'s screen, then deleted.
fn added(a: &mut Session, db: &Path, i: usize, w: &mut Windows) -> Result<(), String> {
    let title = format!("Thử nghiệm {i:02} xã");
    let spawned = Instant::now();
    let out = papi_cli(db)
        .args(["add", &format!("{title} #1 !31/12/2024")])
        .output()
        .map_err(|e| e.to_string())?;
    let exited = Instant::now();
    if !out.status.success() {
        return Err(format!("add: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let id = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let mut shown = |x: &Session| x.text().contains(&title);
    match a.wait_until(&mut shown, Duration::ZERO, Duration::from_secs(10)) {
        Some(at) => {
            w.add_spawn.push(at.saturating_duration_since(spawned));
            w.add_exit.push(at.saturating_duration_since(exited));
        }
        None => w.add_missed += 1,
    }
    let out = papi_cli(db)
        .args(["delete", &id])
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "delete {id}: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let mut gone = |x: &Session| !x.text().contains(&title);
    a.wait_until(
        &mut gone,
        Duration::from_millis(50),
        Duration::from_secs(10),
    );
    Ok(())
}

fn spread(xs: &[Duration]) -> String {
    if xs.is_empty() {
        return "–".into();
    }
    format!(
        "{} / {} / {} ms",
        ms(percentile(xs, 0.5)),
        ms(percentile(xs, 0.99)),
        ms(percentile(xs, 1.0))
    )
}

pub fn tables(rows: &[Windows]) {
    if rows.is_empty() {
        return;
    }
    println!();
    println!("Two windows on one database (80×24):");
    println!();
    println!(
        "| tasks | first window's first frame | second window's first frame | a move seen in the other window: median / p99 / max | moves | `add` run beside the window, its title on screen: from spawn, median / p99 / max | from its exit | adds |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for w in rows {
        let missed = |n: usize| {
            if n > 0 {
                format!(" ({n} not seen within 10 s)")
            } else {
                String::new()
            }
        };
        println!(
            "| {} | {} ms | {} ms | {} | {}{} | {} | {} | {}{} |",
            w.n,
            ms(w.first),
            ms(w.second),
            spread(&w.seen),
            w.seen.len(),
            missed(w.missed),
            spread(&w.add_spawn),
            spread(&w.add_exit),
            w.add_spawn.len(),
            missed(w.add_missed),
        );
    }
    target_header("Two windows");
    let mut any = false;
    for w in rows {
        let limit = match w.n {
            20_000 => 100.0,
            100_000 => 300.0,
            _ => continue,
        };
        any = true;
        let second = w.second.as_secs_f64() * 1e3;
        let p99 = percentile(&w.seen, 0.99).as_secs_f64() * 1e3;
        let ok = |b: bool| if b { "met" } else { "**missed**" };
        target_row(
            w.n,
            &format!("a client's first frame while another program owns the database ≤ {limit} ms"),
            &format!("{second:.0} ms"),
            ok(second <= limit),
        );
        target_row(
            w.n,
            "a change in one program seen by the other, p99 ≤ 200 ms",
            &format!(
                "a move, window to window: {p99:.1} ms{}",
                if w.missed > 0 {
                    " (some never seen)"
                } else {
                    ""
                }
            ),
            ok(p99 <= 200.0 && w.missed == 0),
        );
        if !w.add_spawn.is_empty() || w.add_missed > 0 {
            let p99 = percentile(&w.add_spawn, 0.99).as_secs_f64() * 1e3;
            target_row(
                w.n,
                "a change in one program seen by the other, p99 ≤ 200 ms",
                &format!(
                    "`add` spawned → its title on the board: {p99:.1} ms{}",
                    if w.add_missed > 0 {
                        format!(" ({} never seen)", w.add_missed)
                    } else {
                        String::new()
                    }
                ),
                ok(p99 <= 200.0 && w.add_missed == 0),
            );
        }
    }
    if !any {
        println!("| – | none measured in this run | | |");
    }
}
