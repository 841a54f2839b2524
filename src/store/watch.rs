//! sled's work on a copy of a possibly damaged database, watched.
//!
//! On some damage sled does not fail: a node whose links lead back to
//! where the walk already was sends its iterator round for ever inside one
//! call, reading and caching the same pages until memory runs out (seen
//! once in a test that flips random bytes: 18 GB after ten minutes). No
//! error comes back to catch, so the work on the copy (open, walk, decode)
//! runs on a thread of its own while this one watches it: every record the
//! walk reads is counted (`step`), and when none has come for `STALL`, or
//! the process has grown by more than any walk of these files needs, the
//! copy is declared unreadable. The thread cannot be stopped; it is left
//! to the end of the process, which follows at once (a program that
//! cannot open its database says so and exits).

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

/// Records read by walks of copies in this process: the sign of progress.
static WALKED: AtomicU64 = AtomicU64::new(0);

/// How long a walk may go without reading a record.
const STALL: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(20);

/// One record read (called by the walk for each).
pub(super) fn step() {
    WALKED.fetch_add(1, Ordering::Relaxed);
}

/// The bytes of the files under `dir`.
pub(super) fn size_of(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => size_of(&e.path()),
            _ => e.metadata().map_or(0, |m| m.len()),
        })
        .sum()
}

/// This process's resident memory, in bytes.
fn rss() -> u64 {
    let pages = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .unwrap_or(0);
    // SAFETY: sysconf only reads a system constant.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    pages * u64::try_from(page).unwrap_or(4096)
}

/// Run `work` on files of `bytes` bytes on a thread of its own; its
/// result, or why it was given up (in English, for the error's detail).
pub(super) fn watched<T: Send + 'static>(
    bytes: u64,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    watched_within((256 << 20) + 4 * bytes, STALL, work)
}

/// `watched`, given up when the process grows by more than `room` bytes
/// or no record is read for `stall`.
fn watched_within<T: Send + 'static>(
    room: u64,
    stall: Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    let budget = rss() + room;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("papi-board-check".into())
        .spawn(move || {
            let _ = tx.send(work());
        })
        .map_err(|e| e.to_string())?;
    let (mut seen, mut since) = (WALKED.load(Ordering::Relaxed), Instant::now());
    loop {
        match rx.recv_timeout(POLL) {
            Ok(done) => return Ok(done),
            Err(RecvTimeoutError::Disconnected) => {
                return Err("sled stopped reading the files".into());
            }
            Err(RecvTimeoutError::Timeout) => {}
        }
        let now = WALKED.load(Ordering::Relaxed);
        if now != seen {
            (seen, since) = (now, Instant::now());
        } else if since.elapsed() > stall {
            return Err(format!(
                "sled read no record for {} s: its links go round",
                stall.as_secs_f64()
            ));
        }
        if rss() > budget {
            return Err(format!(
                "sled kept reading past {} MB of memory: its links go round",
                budget >> 20
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;

    #[test]
    fn work_that_ends_gives_its_result() {
        assert_eq!(watched(0, || 6 * 7), Ok(42));
    }

    #[test]
    fn work_that_reads_nothing_for_too_long_is_given_up() {
        let given_up = watched_within(1 << 30, Duration::from_millis(100), || {
            std::thread::sleep(Duration::from_millis(800));
        });
        assert!(given_up.unwrap_err().contains("no record"));
    }

    #[test]
    fn work_that_keeps_growing_is_given_up() {
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let given_up = watched_within(8 << 20, Duration::from_secs(60), move || {
            // Touched, so it is resident: what sled's looping walk does.
            // It never ends by itself: only the watch can answer.
            let mut hoard: Vec<Vec<u8>> = Vec::new();
            while !stopped.load(Ordering::Relaxed) {
                if hoard.len() < 32 {
                    hoard.push(vec![1u8; 2 << 20]);
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            hoard.len()
        });
        stop.store(true, Ordering::Relaxed);
        assert!(given_up.unwrap_err().contains("memory"));
    }
}
