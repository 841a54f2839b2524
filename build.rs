//! Records the source revision the program is built from, for
//! `papi-board --version` (as `PAPI_BOARD_REVISION` at compile time).
//!
//! Where it comes from, first found wins:
//! 1. the environment variable `PAPI_BOARD_REVISION` (a packager building
//!    from a source archive can set it);
//! 2. git: the commit checked out (`git rev-parse`), if this is a git
//!    checkout and git is installed;
//! 3. `.cargo_vcs_info.json`, which `cargo package` writes into a source
//!    archive made from a git checkout;
//! 4. otherwise "unknown".
//!
//! The script reruns only when the checked-out commit can have changed (git's
//! HEAD, the branch's ref, packed refs) or the variable changes, so an
//! ordinary build does not recompile the crate.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=PAPI_BOARD_REVISION");
    let revision = std::env::var("PAPI_BOARD_REVISION")
        .ok()
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .or_else(from_git)
        .or_else(from_vcs_info)
        .unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=PAPI_BOARD_REVISION={revision}");
}

/// Run git in the crate's directory; its trimmed output if it succeeded.
fn git(args: &[&str]) -> Option<String> {
    let dir = std::env::var_os("CARGO_MANIFEST_DIR")?;
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

/// The commit checked out, as a 12-digit abbreviation; and the files whose
/// change means another commit is checked out.
fn from_git() -> Option<String> {
    let commit = git(&["rev-parse", "--short=12", "HEAD"])?;
    let abs = |p: String| -> PathBuf {
        let p = PathBuf::from(p);
        if p.is_absolute() {
            p
        } else {
            Path::new(&std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default()).join(p)
        }
    };
    let git_dir = abs(git(&["rev-parse", "--git-dir"])?);
    let common = git(&["rev-parse", "--git-common-dir"]).map(abs);
    let common = common.unwrap_or_else(|| git_dir.clone());
    let mut watch = vec![git_dir.join("HEAD"), common.join("packed-refs")];
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        watch.push(common.join(branch));
    }
    // A file that does not exist would make every build rerun the script.
    for path in watch.iter().filter(|p| p.exists()) {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    Some(commit)
}

/// `{"git": {"sha1": "…"}}` from a source archive made by `cargo package`.
fn from_vcs_info() -> Option<String> {
    let dir = std::env::var_os("CARGO_MANIFEST_DIR")?;
    let text = std::fs::read_to_string(Path::new(&dir).join(".cargo_vcs_info.json")).ok()?;
    let after = &text[text.find("\"sha1\"")? + "\"sha1\"".len()..];
    let start = after.find('"')? + 1;
    let sha: String = after[start..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect();
    (sha.len() >= 12).then(|| sha[..12].to_string())
}
