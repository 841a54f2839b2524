//! The peer: the same synthetic tasks for Taskwarrior (read by
//! taskwarrior-tui), written straight into a private data directory in
//! Taskwarrior 2.6's own file format — fast at 100k tasks, where `task
//! import` checks every task against every other.
//!
//! Mapping: title → description, PAPI dimension → project `papiN`, lead unit
//! → tag, deadline → due, "doing" → started, "blocked" → tag `vuongmac`,
//! "done" → completed (completed.data; the others in pending.data).
//!
//! taskwarrior-tui lists what its report's filter selects, and Taskwarrior's
//! default `next` filter ends in `limit:page`: it would hold one screenful
//! (24 tasks) whatever the size of the data. The rc file here sets the
//! filter to every task, pending and completed, as the board shows all of
//! them (its Done column too): both programs hold the same tasks.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The filter of taskwarrior-tui's list (`report.next.filter`): every task.
pub const LIST_FILTER: &str = "(status:pending or status:completed)";

/// A private Taskwarrior setup: its rc file and data directory.
pub struct TwData {
    pub rc: PathBuf,
    pub data: PathBuf,
    pub pending: usize,
    pub completed: usize,
}

/// Taskwarrior's escaping inside a quoted attribute value.
fn esc(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('[', "&open;")
        .replace(']', "&close;")
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (proleptic Gregorian).
fn epoch_of(date: &str) -> Option<i64> {
    let mut it = date.split('-').map(|x| x.parse::<i64>().ok());
    let (y, m, d) = (it.next()??, it.next()??, it.next()??);
    let (y, m) = if m <= 2 { (y - 1, m + 12) } else { (y, m) };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m - 3) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * 86_400)
}

/// splitmix64: a fixed, well-spread 64-bit value for each id.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Write the tasks of `papi-board list --json` as a Taskwarrior database
/// under `dir`.
pub fn write(dir: &Path, tasks: &[serde_json::Value]) -> std::io::Result<TwData> {
    let data = dir.join("data");
    std::fs::create_dir_all(&data)?;
    let rc = dir.join("taskrc");
    std::fs::write(
        &rc,
        format!(
            "data.location={}\nconfirmation=off\nnews.version=2.6.2\nreport.next.filter={LIST_FILTER}\n",
            data.display()
        ),
    )?;
    // 2025-01-01, when the synthetic plan was made.
    let entry = 1_735_689_600i64;
    let (mut pending, mut completed) = (String::new(), String::new());
    let (mut np, mut nc) = (0, 0);
    for t in tasks {
        let id = t["id"].as_u64().unwrap_or(0);
        let status = t["status"].as_str().unwrap_or("todo");
        let mut tags = vec![t["lead_unit"].as_str().unwrap_or("").to_string()];
        if status == "blocked" {
            tags.push("vuongmac".into());
        }
        // Attributes in Taskwarrior's own (alphabetical) order.
        let mut line = format!(
            "[description:\"{}\"",
            esc(t["title"].as_str().unwrap_or(""))
        );
        if let Some(due) = t["due"].as_str().and_then(epoch_of) {
            let _ = write!(line, " due:\"{due}\"");
        }
        if status == "done" {
            let _ = write!(line, " end:\"{}\"", entry + 86_400 * 120);
        }
        let _ = write!(line, " entry:\"{entry}\" modified:\"{entry}\"");
        let _ = write!(line, " project:\"papi{}\"", t["area"].as_u64().unwrap_or(0));
        if status == "doing" {
            let _ = write!(line, " start:\"{}\"", entry + 86_400);
        }
        let done = status == "done";
        let _ = write!(
            line,
            " status:\"{}\" tags:\"{}\"",
            if done { "completed" } else { "pending" },
            tags.join(",")
        );
        for tag in &tags {
            let _ = write!(line, " tags_{tag}:\"x\"");
        }
        // Random-looking, fixed per id: a uuid such as 0000002d-… is read
        // by Taskwarrior's parser as an expression ("2d", a duration).
        let (a, b) = (mix(id), mix(id ^ 0xA5A5_A5A5));
        let _ = writeln!(
            line,
            " uuid:\"{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}\"]",
            (a >> 32) as u32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            (b >> 48) & 0xfff,
            b & 0xffff_ffff_ffff
        );
        if done {
            completed.push_str(&line);
            nc += 1;
        } else {
            pending.push_str(&line);
            np += 1;
        }
    }
    std::fs::write(data.join("pending.data"), pending)?;
    std::fs::write(data.join("completed.data"), completed)?;
    for f in ["undo.data", "backlog.data"] {
        std::fs::write(data.join(f), "")?;
    }
    Ok(TwData {
        rc,
        data,
        pending: np,
        completed: nc,
    })
}

/// `task count` of the list's filter on the written data: Taskwarrior read
/// every task, and the list selects them all.
pub fn count(tw: &TwData) -> Option<usize> {
    let out = std::process::Command::new("task")
        .env("TASKRC", &tw.rc)
        .env("TASKDATA", &tw.data)
        .args(["rc.verbose=nothing", LIST_FILTER, "count"])
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

/// How many tasks taskwarrior-tui last loaded into its list, from its log
/// ("Imported N tasks", written at the info level it logs by default) under
/// the private HOME.
pub fn imported(home: &Path) -> Option<usize> {
    let log = home.join(".local/share/taskwarrior-tui/taskwarrior-tui.log");
    let text = std::fs::read_to_string(log).ok()?;
    text.lines()
        .rev()
        .find_map(|l| l.split("Imported ").nth(1)?.strip_suffix(" tasks"))
        .and_then(|n| n.trim().parse().ok())
}

/// The taskwarrior-tui program: on PATH or where `cargo install` puts it.
pub fn tui_path() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join("taskwarrior-tui"))
            .find(|f| f.is_file())
    });
    on_path.or_else(|| {
        let home = std::env::var_os("HOME")?;
        let f = Path::new(&home).join(".cargo/bin/taskwarrior-tui");
        f.is_file().then_some(f)
    })
}

/// Whether Taskwarrior's `task` is installed.
pub fn task_installed() -> bool {
    std::process::Command::new("task")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// What one `task export` costs at this size — taskwarrior-tui runs it to
/// fill its list, at start and after every change: wall seconds and peak
/// RSS in KiB, from `/usr/bin/time` (None where it is not installed).
pub fn export_cost(tw: &TwData) -> Option<(f64, u64)> {
    let out = std::process::Command::new("/usr/bin/time")
        .args([
            "-f",
            "%e %M",
            "task",
            "rc.json.array=on",
            LIST_FILTER,
            "export",
        ])
        .env("TASKRC", &tw.rc)
        .env("TASKDATA", &tw.data)
        .stdout(std::process::Stdio::null())
        .output()
        .ok()?;
    let err = String::from_utf8_lossy(&out.stderr);
    let mut last = err.lines().last()?.split_whitespace();
    Some((last.next()?.parse().ok()?, last.next()?.parse().ok()?))
}
