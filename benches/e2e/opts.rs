//! The bench's options: which parts run, on which sizes, how many
//! samples (see main.rs for the list).

use std::time::Duration;

/// Which parts of the bench run.
#[derive(Default)]
pub struct Parts {
    pub board: bool,
    pub morning: bool,
    pub windows: bool,
    pub new_day: bool,
}

pub struct Opts {
    pub parts: Parts,
    pub runs: usize,
    pub window_moves: usize,
    pub adds: usize,
    pub lead: u64,
    pub tasks: Vec<usize>,
    pub sizes: Vec<(u16, u16)>,
    pub nav: usize,
    pub moves: usize,
    pub papi_only: bool,
    pub first_timeout: Duration,
}

pub fn opts() -> Opts {
    let mut o = Opts {
        parts: Parts::default(),
        runs: 3,
        window_moves: 100,
        adds: 20,
        lead: 30,
        tasks: vec![1_000, 20_000, 100_000],
        sizes: vec![(80, 24), (200, 50)],
        nav: 100,
        moves: 20,
        papi_only: false,
        first_timeout: Duration::from_secs(300),
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let list = |v: &str| -> Vec<usize> { v.split(',').filter_map(|x| x.parse().ok()).collect() };
    let mut i = 0;
    while i < args.len() {
        let val = args.get(i + 1).cloned().unwrap_or_default();
        let part = match args[i].as_str() {
            "--board" => Some(&mut o.parts.board),
            "--morning" => Some(&mut o.parts.morning),
            "--windows" => Some(&mut o.parts.windows),
            "--new-day" => Some(&mut o.parts.new_day),
            _ => None,
        };
        if let Some(flag) = part {
            *flag = true;
            i += 1;
            continue;
        }
        match args[i].as_str() {
            "--runs" => o.runs = val.parse().unwrap_or(o.runs).max(1),
            "--window-moves" => o.window_moves = val.parse().unwrap_or(o.window_moves),
            "--adds" => o.adds = val.parse().unwrap_or(o.adds),
            "--lead" => o.lead = val.parse().unwrap_or(o.lead),
            "--tasks" => o.tasks = list(&val),
            "--nav" => o.nav = val.parse().unwrap_or(o.nav),
            "--moves" => o.moves = val.parse().unwrap_or(o.moves),
            "--only" => o.papi_only = val == "papi",
            "--first-timeout" => o.first_timeout = Duration::from_secs(val.parse().unwrap_or(300)),
            "--size" => {
                o.sizes = val
                    .split(',')
                    .filter_map(|s| {
                        let (c, r) = s.split_once('x')?;
                        Some((c.parse().ok()?, r.parse().ok()?))
                    })
                    .collect()
            }
            _ => {
                i += 1; // `--bench` from cargo, and anything unknown
                continue;
            }
        }
        i += 2;
    }
    let p = &mut o.parts;
    if !(p.board || p.morning || p.windows || p.new_day) {
        *p = Parts {
            board: true,
            morning: true,
            windows: true,
            new_day: true,
        };
    }
    o
}
