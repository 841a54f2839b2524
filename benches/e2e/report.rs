//! The figures of one run and the tables printed at the end: both programs
//! side by side, the ratios, and papi-board against the targets.

use std::time::Duration;

use crate::percentile;

/// Everything measured for one program, board size and terminal size.
#[derive(Default)]
pub struct Run {
    pub first_frame: Duration,
    pub nav: Vec<Duration>,
    pub nav_bytes: Vec<u64>,
    pub nav_missed: usize,
    pub moves: Vec<Duration>,
    pub move_bytes: Vec<u64>,
    pub moves_missed: usize,
    /// Percent of one core over 5 idle seconds.
    pub idle_cpu: f64,
    pub idle_bytes: u64,
    pub rss_kib: u64,
    /// papi-board: the window's private memory (RssAnon) and the peak of
    /// the database's owner, which holds the board.
    pub anon_kib: u64,
    pub owner_kib: u64,
    pub quit: Duration,
    /// Still running when the wait for its exit ended.
    pub quit_timed_out: bool,
}

/// A duration in ms: whole above 100 ms, else to a tenth.
pub fn ms(d: Duration) -> String {
    let m = d.as_secs_f64() * 1000.0;
    if m >= 100.0 {
        format!("{m:.0}")
    } else {
        format!("{m:.1}")
    }
}

/// "median / p99 ms" of samples, or "–" when there are none.
fn spread(xs: &[Duration]) -> String {
    if xs.is_empty() {
        "–".into()
    } else {
        format!(
            "{} / {} ms",
            ms(percentile(xs, 0.5)),
            ms(percentile(xs, 0.99))
        )
    }
}

fn median_u64(xs: &[u64]) -> u64 {
    let mut v = xs.to_vec();
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or(0)
}

impl Run {
    fn quit_text(&self) -> String {
        let q = ms(self.quit);
        if self.quit_timed_out {
            format!("> {q}")
        } else {
            q
        }
    }

    /// The memory a target is checked against: for papi-board the owner's
    /// peak plus the window's private memory; else the program's peak.
    pub fn memory_mb(&self) -> f64 {
        if self.owner_kib > 0 {
            (self.owner_kib + self.anon_kib) as f64 / 1024.0
        } else {
            self.rss_kib as f64 / 1024.0
        }
    }

    pub fn nav_median(&self) -> Duration {
        percentile(&self.nav, 0.5)
    }
    pub fn move_median(&self) -> Duration {
        percentile(&self.moves, 0.5)
    }
    pub fn bytes_per_nav(&self) -> u64 {
        median_u64(&self.nav_bytes)
    }

    fn missed(&self) -> String {
        if self.nav_missed + self.moves_missed == 0 {
            String::new()
        } else {
            format!(
                " ({} nav, {} moves without a visible change)",
                self.nav_missed, self.moves_missed
            )
        }
    }

    pub fn line(&self) -> String {
        format!(
            "first frame {} ms · nav {} · move {} · {} B/nav (max {}) · idle {:.2} % CPU, {} B · RSS {:.1} MB · quit {} ms{}",
            ms(self.first_frame),
            spread(&self.nav),
            spread(&self.moves),
            self.bytes_per_nav(),
            self.nav_bytes.iter().max().unwrap_or(&0),
            self.idle_cpu,
            self.idle_bytes,
            self.rss_kib as f64 / 1024.0,
            self.quit_text(),
            self.missed()
        )
    }
}

/// The machine, as the table should say.
pub fn machine() {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split_once(':'))
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        .unwrap_or(0);
    println!(
        "machine: {cores} cores ({cpu}), {:.0} GiB",
        mem as f64 / 1024.0 / 1024.0
    );
}

/// The load average now, as `uptime` gives it, on stdout beside the
/// tables (the machine is shared).
pub fn load(when: &str) {
    let avg = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let three: Vec<&str> = avg.split_whitespace().take(3).collect();
    println!("load average {when}: {}", three.join(", "));
    eprintln!("load average {when}: {}", three.join(", "));
}

type Row = (&'static str, usize, (u16, u16), Run);

pub fn tables(rows: &[Row], firsts: &[(&'static str, usize, Duration)]) {
    println!();
    println!(
        "| program | tasks | terminal | first frame | select j/k: median / p99 | status change + save: median / p99 | bytes per nav key (median / max) | idle CPU (5 s) | peak RSS | q → exit |"
    );
    println!("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    for (name, n, (c, r), run) in rows {
        println!(
            "| {name} | {n} | {c}×{r} | {} ms | {} | {} | {} / {} B | {:.2} % | {:.1} MB | {} ms |",
            ms(run.first_frame),
            spread(&run.nav),
            spread(&run.moves),
            run.bytes_per_nav(),
            run.nav_bytes.iter().max().unwrap_or(&0),
            run.idle_cpu,
            run.rss_kib as f64 / 1024.0,
            run.quit_text(),
        );
    }
    let owners: Vec<&Row> = rows.iter().filter(|(.., r)| r.owner_kib > 0).collect();
    if !owners.is_empty() {
        println!();
        println!(
            "papi-board's memory is mostly in the database's owner: its peak, and the window's private memory (RssAnon; the rest of the window's peak is the binary's pages, mapped by the owner too):"
        );
        println!();
        println!("| tasks | terminal | owner peak RSS | window private | together |");
        println!("|---:|---|---:|---:|---:|");
        for (_, n, (c, r), run) in owners {
            println!(
                "| {n} | {c}×{r} | {:.1} MB | {:.1} MB | {:.1} MB |",
                run.owner_kib as f64 / 1024.0,
                run.anon_kib as f64 / 1024.0,
                run.memory_mb()
            );
        }
    }
    let papi = |n: usize, sz: (u16, u16)| {
        rows.iter()
            .find(|(p, m, s, _)| *p == "papi-board" && *m == n && *s == sz)
    };
    let peers: Vec<&Row> = rows
        .iter()
        .filter(|(p, ..)| *p == "taskwarrior-tui")
        .collect();
    if !peers.is_empty() {
        println!();
        println!("taskwarrior-tui ÷ papi-board (above 1: papi-board is faster or smaller):");
        println!();
        println!(
            "| tasks | terminal | first frame | select (median) | status change (median) | bytes per nav key | peak RSS | q → exit |"
        );
        println!("|---:|---|---:|---:|---:|---:|---:|---:|");
        let x = |a: f64, b: f64| {
            if a > 0.0 && b > 0.0 {
                let r = a / b;
                if r < 0.1 {
                    format!("{r:.2}×")
                } else {
                    format!("{r:.1}×")
                }
            } else {
                "–".into()
            }
        };
        let s = |d: Duration| d.as_secs_f64();
        for (_, n, sz, tw) in peers {
            let Some((.., p)) = papi(*n, *sz) else {
                continue;
            };
            println!(
                "| {n} | {}×{} | {} | {} | {} | {} | {} | {} |",
                sz.0,
                sz.1,
                x(s(tw.first_frame), s(p.first_frame)),
                x(s(tw.nav_median()), s(p.nav_median())),
                x(s(tw.move_median()), s(p.move_median())),
                x(tw.bytes_per_nav() as f64, p.bytes_per_nav() as f64),
                x(tw.rss_kib as f64, p.rss_kib as f64),
                x(s(tw.quit), s(p.quit)),
            );
        }
    }
    println!();
    println!(
        "First start after `generate` (80×24; today's backup already written: the first open of a day is in the morning part):"
    );
    println!();
    println!("| program | tasks | first frame |");
    println!("|---|---:|---:|");
    for (name, n, d) in firsts {
        println!("| {name} | {n} | {} ms |", ms(*d));
    }
    println!();
    println!("papi-board against the targets (set at 20,000 and 100,000 tasks):");
    if !rows
        .iter()
        .any(|(p, n, ..)| *p == "papi-board" && [20_000, 100_000].contains(n))
    {
        println!("  none measured in this run");
    }
    for (name, n, sz, run) in rows {
        if *name != "papi-board" {
            continue;
        }
        let mut checks: Vec<(String, bool)> = Vec::new();
        let mb = run.memory_mb();
        if *n == 20_000 {
            let ff = run.first_frame.as_secs_f64() * 1000.0;
            let nav = run.nav_median().as_secs_f64() * 1000.0;
            checks.push((format!("first frame {ff:.0} ms ≤ 100"), ff <= 100.0));
            checks.push((format!("key→redraw median {nav:.1} ms ≤ 5"), nav <= 5.0));
            if *sz == (80, 24) {
                let b = run.bytes_per_nav();
                checks.push((format!("{b} B per nav key ≤ 400"), b <= 400));
            }
            checks.push((
                format!("idle CPU {:.2} % = 0.0", run.idle_cpu),
                run.idle_cpu < 0.05,
            ));
            checks.push((
                format!("peak RSS (owner + window) {mb:.1} MB ≤ 50"),
                mb <= 50.0,
            ));
        } else if *n == 100_000 {
            let ff = run.first_frame.as_secs_f64() * 1000.0;
            checks.push((format!("first frame {ff:.0} ms ≤ 300"), ff <= 300.0));
            checks.push((
                format!("peak RSS (owner + window) {mb:.1} MB ≤ 150"),
                mb <= 150.0,
            ));
        }
        for (what, ok) in checks {
            println!(
                "  {n} tasks {}×{}: {} {what}",
                sz.0,
                sz.1,
                if ok { "met   " } else { "MISSED" }
            );
        }
    }
}
