//! Two windows on one database: a board open in one pty (80×24), then a
//! second board on the same database — a client of the owner the first
//! one started — timed from spawn to its first frame; then moves in the
//! first window (`L`, `H`, alternately: the selected card to the next
//! column and back, each saved), each timed from the key to the first
//! byte that changes the second window's screen.

use std::path::Path;
use std::time::Duration;

use crate::procs;
use crate::pty::Session;
use crate::{FRAME_GAP, Opts, base_command, papi_bin, percentile, shows_a_card};

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
    for s in [&mut b, &mut a] {
        let sent = s.send(b"q");
        s.wait_exit(sent, Duration::from_secs(30));
    }
    drop((a, b));
    procs::wait_gone(db, Duration::from_secs(120));
    Ok(w)
}

fn ms(d: Duration) -> String {
    let m = d.as_secs_f64() * 1000.0;
    if m >= 100.0 {
        format!("{m:.0}")
    } else {
        format!("{m:.1}")
    }
}

pub fn tables(rows: &[Windows]) {
    if rows.is_empty() {
        return;
    }
    println!();
    println!("Two windows on one database (80×24):");
    println!();
    println!(
        "| tasks | first window's first frame | second window's first frame | a move seen in the other window: median / p99 / max | moves |"
    );
    println!("|---:|---:|---:|---:|---:|");
    for w in rows {
        let missed = if w.missed > 0 {
            format!(" ({} not seen within 10 s)", w.missed)
        } else {
            String::new()
        };
        println!(
            "| {} | {} ms | {} ms | {} / {} / {} ms | {}{missed} |",
            w.n,
            ms(w.first),
            ms(w.second),
            ms(percentile(&w.seen, 0.5)),
            ms(percentile(&w.seen, 0.99)),
            ms(percentile(&w.seen, 1.0)),
            w.seen.len(),
        );
    }
    println!();
    println!("Two windows against the targets (20,000 and 100,000 tasks):");
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
        let ok = |b: bool| if b { "met   " } else { "MISSED" };
        println!(
            "  {} tasks: {} a client's first frame while another program owns the database {second:.0} ms ≤ {limit}",
            w.n,
            ok(second <= limit)
        );
        println!(
            "  {} tasks: {} a change in one program seen by the other, p99 {p99:.1} ms ≤ 200{}",
            w.n,
            ok(p99 <= 200.0 && w.missed == 0),
            if w.missed > 0 {
                " (some never seen)"
            } else {
                ""
            }
        );
    }
    if !any {
        println!("  none measured in this run");
    }
}
