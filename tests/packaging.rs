//! What the Debian package ships besides the program, read back by the
//! readers its users have: the manual pages by `man`, the bash completion by
//! bash; and `--version` naming the source revision. (The package itself is
//! built, installed, upgraded and removed by `scripts/test-deb.sh`.)

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_papi-board");

/// `papi-board package-files DIR`: the paths it wrote.
fn package_files(dir: &Path) -> Vec<String> {
    let out = Command::new(BIN)
        .arg("package-files")
        .arg(dir)
        .env("PAPI_BOARD_CONFIG", dir.join("no-config.toml"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// A page as `man` shows it at 80 columns, with groff's warnings.
fn man(page: &Path) -> (String, String) {
    let out = Command::new("man")
        .args(["--warnings", "-E", "UTF-8", "-P", "cat", "-l"])
        .arg(page)
        .env("MANWIDTH", "80")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("man must be installed (.ci/run installs man-db)");
    assert!(out.status.success(), "man {}", page.display());
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn version_names_the_source_revision() {
    let out = Command::new(BIN).arg("--version").output().unwrap();
    assert!(out.status.success());
    let line = String::from_utf8(out.stdout).unwrap();
    let expected_start = format!("papi-board {} (revision ", env!("CARGO_PKG_VERSION"));
    assert!(line.starts_with(&expected_start), "{line}");
    let revision = line.trim_end().trim_start_matches(&expected_start);
    let revision = revision.strip_suffix(')').expect("ends with ')'");
    // In a git checkout, the commit checked out; elsewhere at least a name.
    let git = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output();
    match git {
        Ok(g) if g.status.success() => {
            assert_eq!(revision, String::from_utf8(g.stdout).unwrap().trim())
        }
        _ => assert!(!revision.is_empty()),
    }
}

#[test]
fn every_manual_page_reads_cleanly_in_man() {
    let dir = tempfile::tempdir().unwrap();
    let written = package_files(dir.path());
    let pages: Vec<&String> = written.iter().filter(|p| p.ends_with(".1")).collect();
    // The main page, each command and each of `user`, `unit`, `scores`… .
    assert!(pages.len() > 30, "{pages:?}");
    // Two at a time: each `man` is a few processes (preconv, groff, …).
    std::thread::scope(|s| {
        for half in pages.chunks(pages.len().div_ceil(2)) {
            s.spawn(move || {
                for page in half {
                    let (text, warnings) = man(Path::new(page));
                    assert_eq!(warnings, "", "{page}");
                    assert!(text.contains("NAME") && text.contains("SYNOPSIS"), "{page}");
                }
            });
        }
    });
    let (main, _) = man(&dir.path().join("man/papi-board.1"));
    for sub in ["serve", "user", "status", "backup", "restore", "check"] {
        assert!(main.contains(&format!("papi-board-{sub}(1)")), "{sub}");
        assert!(dir.path().join(format!("man/papi-board-{sub}.1")).exists());
    }
    assert!(main.contains("/var/lib/papi-board/db"));
    assert!(main.contains("revision"), "the version with its revision");
    assert!(
        !main.contains("package-files"),
        "the hidden command stays hidden"
    );
    let (serve, _) = man(&dir.path().join("man/papi-board-serve.1"));
    assert!(serve.contains("--listen") && serve.contains("127.0.0.1:2222"));
    let (add, _) = man(&dir.path().join("man/papi-board-user-add.1"));
    assert!(add.contains("--role"));
}

/// What bash offers after `words` (the last one being completed), sorted.
fn complete(script: &Path, words: &[&str]) -> Vec<String> {
    let line = words.join(" ");
    let program = format!(
        "source {}\nCOMP_WORDS=({line})\nCOMP_CWORD={}\n\
         _papi__board papi-board {} {}\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        words.len() - 1,
        words[words.len() - 1],
        words[words.len() - 2],
    );
    let out = Command::new("bash")
        .args(["--norc", "-c", &program])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut offered: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    offered.sort();
    offered
}

#[test]
fn bash_completes_commands_and_their_options() {
    let dir = tempfile::tempdir().unwrap();
    package_files(dir.path());
    let script = dir.path().join("bash-completion/papi-board");
    assert_eq!(complete(&script, &["papi-board", "ser"]), ["serve"]);
    assert_eq!(
        complete(&script, &["papi-board", "re"]),
        ["redo", "reopen", "restore"]
    );
    assert_eq!(
        complete(&script, &["papi-board", "serve", "--li"]),
        ["--listen"]
    );
    assert_eq!(complete(&script, &["papi-board", "user", "a"]), ["add"]);
    assert_eq!(
        complete(&script, &["papi-board", "user", "add", "lan", "--ro"]),
        ["--role"]
    );
    assert!(complete(&script, &["papi-board", "pack"]).is_empty());
}
