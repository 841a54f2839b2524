//! A damaged database (flipped bytes, truncated files, a garbled record):
//! the real binary says so plainly, exits non-zero, and never writes to
//! the damaged files; `check` reports; `check --salvage NEW` copies what
//! is readable into a new database and leaves the old one as it was.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{TempDb, run_with, stderr};

/// Every file under `dir` with a hash of its bytes.
fn hashes(dir: &Path) -> BTreeMap<PathBuf, u64> {
    use std::hash::{Hash, Hasher};
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                std::fs::read(&p).unwrap().hash(&mut h);
                out.insert(p.strip_prefix(dir).unwrap().to_path_buf(), h.finish());
            }
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.path().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// A small deterministic generator, so a failure can be replayed.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// A real database with the sample plan and a few changes, made by the binary.
fn source() -> TempDb {
    let db = TempDb::new();
    for args in [
        &["init"][..],
        &["move", "3", "doing"],
        &["note", "3", "Đã gửi giấy mời"],
        &["add", "Họp dân thôn 3 @vp #2 !30/9/2025"],
        &["delete", "20"],
        &["edit", "12", "--progress", "40"],
    ] {
        let out = db.run(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    db
}

const DAMAGED_VI: &str = "bị hỏng";

/// Run a command on a damaged copy; returns (succeeded, stdout, stderr)
/// after checking that no file of the copy changed.
fn run_untouched(db: &Path, args: &[&str]) -> (bool, String, String) {
    let mut before = hashes(db);
    let out = run_with(db, args, &[("PAPI_BOARD_TODAY", "2025-06-30")]);
    let mut after = hashes(db);
    if out.status.success() {
        // A database that opened is closed cleanly, and the close records
        // the files' fingerprint (`closed.mark`, see store::closed); no
        // other file may change. A refusal changes no file at all.
        before.remove(Path::new("closed.mark"));
        after.remove(Path::new("closed.mark"));
    }
    assert_eq!(before, after, "{args:?} wrote to the damaged database");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr(&out),
    )
}

#[test]
fn flipped_bytes_and_truncated_files_are_refused_and_left_as_they_were() {
    let src = source();
    let good = src.stdout(&["list", "--json", "--today", "2025-06-30"]);
    let used = {
        let bytes = std::fs::read(src.path().join("db")).unwrap();
        bytes.iter().rposition(|b| *b != 0).unwrap() + 1
    };
    let work = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut refused, mut same) = (0, 0);
    for i in 0..24 {
        let db = work.path().join(format!("copy{i}"));
        copy_dir(&src.path(), &db);
        // Closed cleanly: the fingerprint that lets an open skip the check
        // is there, and must not vouch for the damaged files.
        assert!(db.join("closed.mark").exists(), "closed cleanly");
        let file = db.join("db");
        let mut bytes = std::fs::read(&file).unwrap();
        let what = match i % 3 {
            0 => {
                for _ in 0..3 {
                    let at = rng.below(used);
                    bytes[at] ^= 0xff;
                }
                std::fs::write(&file, &bytes).unwrap();
                "flipped bytes"
            }
            1 => {
                bytes.truncate(rng.below(used));
                std::fs::write(&file, &bytes).unwrap();
                "truncated db file"
            }
            _ => {
                let snap = std::fs::read_dir(&db)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .find(|p| {
                        p.file_name()
                            .unwrap()
                            .to_string_lossy()
                            .starts_with("snap.")
                    })
                    .expect("a snapshot");
                let mut s = std::fs::read(&snap).unwrap();
                let at = rng.below(s.len());
                s[at] ^= 0x5a;
                std::fs::write(&snap, &s).unwrap();
                "flipped snapshot byte"
            }
        };
        let (ok, out, err) = run_untouched(&db, &["list", "--json"]);
        if ok {
            // Damage sled never reads (an old, superseded page) changes nothing.
            assert_eq!(out, good, "{what} (copy {i}): opened but the tasks differ");
            same += 1;
            continue;
        }
        refused += 1;
        assert!(err.contains(DAMAGED_VI), "{what}: {err}");
        assert!(
            err.contains("papi-board check"),
            "{what}: says what to do: {err}"
        );
        let (ok, _, err) = run_untouched(&db, &["--lang", "en", "status"]);
        assert!(!ok && err.contains("damaged"), "{what}: {err}");
        let (ok, report, _) = run_untouched(&db, &["check"]);
        assert!(!ok, "{what}: check must fail");
        assert!(report.contains("Có lỗi"), "{what}: {report}");
        // Salvage into a new database, which then opens and checks clean.
        let new = work.path().join(format!("saved{i}"));
        let (_, report, err) = run_untouched(&db, &["check", "--salvage", new.to_str().unwrap()]);
        assert!(
            report.contains("Cơ sở dữ liệu cũ được giữ nguyên"),
            "{what}: {report}{err}"
        );
        if new.join("db").exists() {
            let out = run_with(&new, &["check"], &[]);
            assert!(
                out.status.success(),
                "{what}: salvaged db: {}",
                String::from_utf8_lossy(&out.stdout)
            );
            let out = run_with(&new, &["status"], &[]);
            assert!(out.status.success(), "{what}: {}", stderr(&out));
        }
    }
    assert!(
        refused >= 16,
        "most damage must be caught: {refused} refused, {same} unaffected"
    );
}

#[test]
fn a_garbled_record_is_named_and_everything_else_is_salvaged() {
    let src = source();
    let work = tempfile::tempdir().unwrap();
    let db = work.path().join("bad");
    copy_dir(&src.path(), &db);
    // A record sled stores intact but papi-board cannot decode: the kind
    // of damage a bug, not the disk, would do.
    common::with_sled(&db, |sled| {
        let tasks = sled.open_tree("tasks").unwrap();
        tasks
            .insert(
                5u64.to_be_bytes(),
                &[papi_board::store::codec::SCHEMA, 0xff, 0xff, 0xff][..],
            )
            .unwrap();
        sled.flush().unwrap();
    });
    let (ok, _, err) = run_untouched(&db, &["status"]);
    assert!(!ok);
    assert!(
        err.contains(DAMAGED_VI) && err.contains("tasks #5"),
        "{err}"
    );
    let (ok, report, _) = run_untouched(&db, &["--lang", "en", "check"]);
    assert!(!ok);
    assert!(report.contains("tasks #5: unreadable"), "{report}");
    let new = work.path().join("saved");
    let (ok, report, err) = run_untouched(&db, &["check", "--salvage", new.to_str().unwrap()]);
    assert!(!ok, "something was lost: non-zero");
    assert!(err.contains("không đọc được"), "{err}");
    assert!(report.contains("tasks #5"), "{report}");
    let list: serde_json::Value =
        serde_json::from_slice(&run_with(&new, &["list", "--json"], &[]).stdout).unwrap();
    let ids: Vec<u64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_u64().unwrap())
        .collect();
    // 50 sample tasks + 1 added − #20 deleted − #5 unreadable.
    assert_eq!(ids.len(), 49, "{ids:?}");
    assert!(!ids.contains(&5) && !ids.contains(&20) && ids.contains(&51));
    let t3: serde_json::Value =
        serde_json::from_slice(&run_with(&new, &["show", "3", "--json"], &[]).stdout).unwrap();
    assert_eq!(t3["status"], "doing");
    assert_eq!(t3["notes"][0]["text"], "Đã gửi giấy mời");
    // The salvaged database takes new changes, and new ids stay unique.
    let out = run_with(&new, &["add", "Việc mới @vp"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "52");
}

#[test]
fn check_on_a_healthy_database_says_so_and_changes_nothing() {
    let src = source();
    let before = hashes(&src.path());
    let out = src.run(&["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Không có lỗi"), "{text}");
    assert!(text.contains("50 nhiệm vụ"), "{text}");
    assert_eq!(before, hashes(&src.path()), "check writes nothing");
    let out = run_with(&src.dir.path().join("nowhere"), &["check"], &[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("Không có cơ sở dữ liệu"));
}

/// sled opens a log cut short as if a write had been interrupted, giving
/// the older state without a word; the saved-changes mark makes that a
/// refusal, and `check` says how many changes are missing.
#[test]
fn a_cut_off_log_is_refused_not_silently_shortened() {
    let db = TempDb::new();
    for args in [
        &["init"][..],
        &["move", "3", "doing"],
        &["move", "4", "done"],
    ] {
        assert!(db.run(args).status.success());
    }
    let work = tempfile::tempdir().unwrap();
    let copy = work.path().join("copy");
    copy_dir(&db.path(), &copy);
    // No snapshot: sled would rebuild from the log alone.
    for e in std::fs::read_dir(&copy).unwrap() {
        let p = e.unwrap().path();
        if p.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("snap.")
        {
            std::fs::remove_file(p).unwrap();
        }
    }
    let file = copy.join("db");
    let bytes = std::fs::read(&file).unwrap();
    let used = bytes.iter().rposition(|b| *b != 0).unwrap();
    std::fs::write(&file, &bytes[..used / 2]).unwrap();
    let (ok, _, err) = run_untouched(&copy, &["--lang", "en", "list", "--json"]);
    assert!(!ok, "a cut-off database must not open as an older board");
    assert!(
        err.contains("damaged") && err.contains("had been saved"),
        "{err}"
    );
    let (ok, report, _) = run_untouched(&copy, &["check"]);
    assert!(!ok);
    assert!(report.contains("đã được lưu"), "{report}");
}

/// A database whose files were emptied (a failed copy, a full disk) must
/// not be taken for a new one and filled with the sample plan.
#[test]
fn files_cut_to_nothing_are_refused_not_replaced_by_the_sample_plan() {
    let db = TempDb::new();
    for args in [&["init"][..], &["move", "3", "doing"]] {
        assert!(db.run(args).status.success());
    }
    let work = tempfile::tempdir().unwrap();
    let copy = work.path().join("copy");
    copy_dir(&db.path(), &copy);
    for e in std::fs::read_dir(&copy).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("snap.") {
            std::fs::remove_file(&p).unwrap();
        } else if name == "db" {
            std::fs::write(&p, b"").unwrap();
        }
    }
    let (ok, _, err) = run_untouched(&copy, &["status"]);
    assert!(!ok, "an emptied database must not open");
    assert!(err.contains(DAMAGED_VI), "{err}");
}
