//! Crash safety: a writer process makes change after change and prints
//! `ok N` only after `Store::apply` returned (the change is flushed). It
//! is killed with SIGKILL at random moments, 60 times; after every kill the
//! database must open and hold every change the writer had acknowledged.
//!
//! The writer is this test binary run again (`crash_writer`, ignored in
//! normal runs), so it uses the real store on a real sled directory.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use papi_board::domain::board::{BoardMeta, Ctx};
use papi_board::domain::command::Command;
use papi_board::domain::task::{Note, Task};
use papi_board::domain::unit::plan_preset;
use papi_board::store::Store;

const KILLS: usize = 60;

fn ctx(n: u64) -> Ctx {
    Ctx {
        now: 1_750_000_000_000 + n as i64,
        author: "writer".into(),
    }
}

/// Change number `n`: even numbers add a task titled `c{n}`, odd numbers
/// add a note `c{n}` to the newest task.
fn change(store: &Store, n: u64) -> Command {
    if n.is_multiple_of(2) || store.board().tasks.is_empty() {
        Command::AddTask(Task::new(&format!("c{n}"), 1 + (n % 8) as u8, "vp"))
    } else {
        let id = *store.board().tasks.keys().next_back().unwrap();
        Command::AddNote {
            id,
            note: Note {
                at: 0,
                author: "writer".into(),
                text: format!("c{n}"),
                result: false,
            },
        }
    }
}

/// The numbers of the changes the store holds.
fn held(store: &Store) -> std::collections::HashSet<u64> {
    let number = |s: &str| s.strip_prefix('c').and_then(|n| n.parse::<u64>().ok());
    let mut out = std::collections::HashSet::new();
    for t in store.board().tasks.values() {
        out.extend(number(&t.title));
        out.extend(t.notes.iter().filter_map(|note| number(&note.text)));
    }
    out
}

/// The writer: `PAPI_CRASH_DB` is the database, `PAPI_CRASH_FROM` the first
/// change number. Runs until killed.
#[test]
#[ignore = "run by crash_safety_under_sigkill as its writer process"]
fn crash_writer() {
    let db = std::env::var("PAPI_CRASH_DB").expect("PAPI_CRASH_DB");
    let from: u64 = std::env::var("PAPI_CRASH_FROM").unwrap().parse().unwrap();
    let mut store = Store::open(Path::new(&db)).expect("the writer opens the database");
    println!("open");
    for n in from.. {
        let cmd = change(&store, n);
        store.apply(cmd, &ctx(n)).expect("apply");
        // Printed only once apply returned: the change is on disk.
        println!("ok {n}");
    }
}

/// A small deterministic generator for the kill moments.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[test]
fn crash_safety_under_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    {
        let mut s = Store::open(&db).unwrap();
        s.seed(BoardMeta::default(), plan_preset(), Vec::new(), &ctx(0))
            .unwrap();
        drop(s);
    }
    // A copy of this test binary: a build running meanwhile (the target
    // directory is shared) may replace the original under us.
    let me = dir.path().join("writer");
    common::copy_program(&std::env::current_exe().unwrap(), &me);
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut acked: Option<u64> = None;
    let mut next = 0u64;
    let (mut total_acked, mut mid_open, mut most) = (0u64, 0usize, 0u64);
    let started = Instant::now();
    for kill in 0..KILLS {
        let mut child = Process::new(&me)
            .args([
                "crash_writer",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("PAPI_CRASH_DB", &db)
            .env("PAPI_CRASH_FROM", next.to_string())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(dir.path().join("writer.err")).unwrap())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        // Read acknowledgements on a thread. Kill a random moment after
        // the writer has the database open; every sixth time, a random
        // moment after it started (possibly while it opens the database).
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let reader = std::thread::spawn(move || {
            let mut last = None;
            let mut opened = false;
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                // libtest may print "test crash_writer ... " before it.
                if line.ends_with("open") {
                    opened = true;
                    let _ = tx.send(());
                } else if let Some(n) = line.strip_prefix("ok ") {
                    last = Some(n.trim().parse::<u64>().unwrap());
                }
            }
            (opened, last)
        });
        if kill % 6 != 5 {
            if let Err(e) = rx.recv_timeout(Duration::from_secs(60)) {
                let _ = child.kill();
                let err = std::fs::read_to_string(dir.path().join("writer.err")).unwrap();
                panic!("kill {kill}: the writer did not open the database ({e}): {err}");
            }
            std::thread::sleep(Duration::from_millis(rng.below(80)));
        } else {
            std::thread::sleep(Duration::from_millis(rng.below(150)));
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let (opened, last) = reader.join().unwrap();
        if !opened {
            mid_open += 1;
        }
        if let Some(n) = last {
            total_acked += n + 1 - next;
            most = most.max(n + 1 - next);
            acked = Some(n);
            next = n + 1;
        }
        // The database opens, and holds every acknowledged change.
        let store = Store::open(&db)
            .unwrap_or_else(|e| panic!("kill {kill}: the database does not open: {e:?}"));
        if let Some(acked) = acked {
            let held = held(&store);
            for n in 0..=acked {
                assert!(
                    held.contains(&n),
                    "kill {kill}: acknowledged change {n} is lost"
                );
            }
        }
        drop(store);
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "crash safety: {KILLS} SIGKILLs, {total_acked} acknowledged changes all kept \
         (at most {most} in one run), {mid_open} kills before the store was open, {secs:.1} s"
    );
    assert!(
        total_acked > 100,
        "the writer made too few changes to mean much: {total_acked}"
    );
}

/// The pid of the owner of `db` (the background program that holds it),
/// if one runs.
fn owner_pid(db: &Path) -> Option<u32> {
    let out = Process::new("pgrep")
        .args(["-f", "--", &format!("--db {} own", db.display())])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .map(|p| p.parse().unwrap())
}

/// The owner killed (SIGKILL) again and again while three command lines
/// add tasks through it: a program whose owner died says so in one plain
/// line, the next program starts a new owner, and every task a program
/// acknowledged (exit 0) is there afterwards, exactly once.
#[test]
fn the_owner_killed_while_clients_write_loses_nothing_acknowledged() {
    const OWNER_KILLS: usize = 6;
    let db = common::TempDb::new();
    db.stdout(&["init", "--empty"]);
    let path = db.path();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..3 {
        let (path, stop) = (path.clone(), stop.clone());
        writers.push(std::thread::spawn(move || {
            let (mut acked, mut lost) = (Vec::new(), 0usize);
            for n in 0.. {
                if stop.load(std::sync::atomic::Ordering::Relaxed) {
                    break;
                }
                let title = format!("Ghi {w}-{n}");
                let out = common::run_live(&path, &["add", &format!("{title} @vp")], &[]);
                if out.status.success() {
                    acked.push(title);
                    continue;
                }
                // Its owner died under it, or was killed as it started.
                let err = common::stderr(&out);
                let plain = err.contains("đã dừng đột ngột")
                    || err.contains("Không khởi động được chương trình giữ cơ sở dữ liệu");
                assert!(
                    plain && err.lines().count() == 1,
                    "{title}: a killed owner is said in one plain line, not: {err}"
                );
                lost += 1;
            }
            (acked, lost)
        }));
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut kills = 0;
    let started = Instant::now();
    while kills < OWNER_KILLS {
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "only {kills} owners killed in 5 minutes"
        );
        std::thread::sleep(Duration::from_millis(200 + rng.below(400)));
        if let Some(pid) = owner_pid(&path) {
            let killed = Process::new("kill")
                .args(["-9", &pid.to_string()])
                .status()
                .unwrap();
            kills += usize::from(killed.success());
        }
    }
    // The writers go on through a new owner after the last kill.
    std::thread::sleep(Duration::from_millis(500));
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (mut acked, mut lost) = (Vec::new(), 0);
    for w in writers {
        let (a, l) = w.join().expect("a writer failed");
        acked.extend(a);
        lost += l;
    }
    let tasks = db.json(&["list", "--json"]);
    let mut titles: Vec<String> = tasks
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap().to_string())
        .collect();
    titles.sort();
    let before = titles.len();
    titles.dedup();
    assert_eq!(before, titles.len(), "no task twice");
    for t in &acked {
        assert!(
            titles.binary_search(t).is_ok(),
            "acknowledged {t:?} is lost"
        );
    }
    eprintln!(
        "owner killed {kills} times: {} adds acknowledged and kept, {lost} told the owner died",
        acked.len()
    );
    assert!(
        acked.len() > 30,
        "too few changes to mean much: {}",
        acked.len()
    );
}
