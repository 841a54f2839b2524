//! The SSH server driven with the real OpenSSH client: client keys made by
//! ssh-keygen, users added with the real binary, `papi-board serve` on a
//! free loopback port (stopped with SIGTERM), `ssh … COMMAND` and
//! `ssh -tt` board sessions in tmux.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::TempDb;
use super::tmux::Tmux;

/// A client key pair made by ssh-keygen.
pub struct Key {
    pub path: PathBuf,
}

impl Key {
    pub fn new(dir: &Path, name: &str) -> Key {
        let path = dir.join(name);
        let ok = Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
            .arg(&path)
            .status()
            .expect("ssh-keygen must be installed (.ci/run installs openssh-client)");
        assert!(ok.success());
        Key { path }
    }
    pub fn public(&self) -> String {
        std::fs::read_to_string(self.path.with_extension("pub")).unwrap()
    }
}

/// The test's world: a database, client keys, a known_hosts file.
pub struct World {
    pub db: TempDb,
    pub keys: tempfile::TempDir,
}

impl World {
    pub fn new() -> World {
        World {
            db: TempDb::new(),
            keys: tempfile::tempdir().unwrap(),
        }
    }

    pub fn key(&self, name: &str) -> Key {
        Key::new(self.keys.path(), name)
    }

    /// `papi-board user add` with the real binary (the server is not running).
    pub fn add_user(&self, name: &str, key: &Key, role: &str, unit: Option<&str>) {
        let public = key.public();
        let mut args = vec!["user", "add", name, "--key", public.trim(), "--role", role];
        if let Some(u) = unit {
            args.extend(["--unit", u]);
        }
        let out = self.db.run(&args);
        assert!(out.status.success(), "{}", super::stderr(&out));
    }

    pub fn known_hosts(&self) -> PathBuf {
        self.keys.path().join("known_hosts")
    }

    pub fn ssh_args(&self, port: u16, key: &Key, user: &str) -> Vec<String> {
        vec![
            "-F".into(),
            "/dev/null".into(),
            "-p".into(),
            port.to_string(),
            "-i".into(),
            key.path.display().to_string(),
            "-o".into(),
            "IdentitiesOnly=yes".into(),
            "-o".into(),
            format!("UserKnownHostsFile={}", self.known_hosts().display()),
            "-o".into(),
            "StrictHostKeyChecking=accept-new".into(),
            "-o".into(),
            "BatchMode=yes".into(),
            "-o".into(),
            "LogLevel=ERROR".into(),
            format!("{user}@127.0.0.1"),
        ]
    }

    /// `ssh … COMMAND`: one non-interactive command.
    pub fn ssh(&self, port: u16, key: &Key, user: &str, cmd: &[&str]) -> Output {
        Command::new("ssh")
            .args(self.ssh_args(port, key, user))
            .args(cmd)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    /// `ssh -tt …` in its own tmux window: a board session.
    pub fn board(&self, port: u16, key: &Key, user: &str, w: u16, h: u16) -> Tmux {
        let t = Tmux::start(w, h);
        t.type_line(&format!(
            "ssh -tt {}; echo SSH_EXIT=$?",
            self.ssh_args(port, key, user).join(" ")
        ));
        t
    }

    pub fn serve(&self, extra: &[&str]) -> Server {
        Server::start(&self.db, extra)
    }
}

/// `papi-board serve` running in the background.
pub struct Server {
    pub child: Child,
    pub port: u16,
    pub fingerprint: String,
}

impl Server {
    pub fn start(db: &TempDb, extra: &[&str]) -> Server {
        let mut child = Command::new(super::bin())
            .arg("--db")
            .arg(db.path())
            .args(["--today", "2025-07-01", "serve", "--listen", "127.0.0.1:0"])
            .args(extra)
            .env_remove("PAPI_BOARD_DB")
            .env_remove("PAPI_BOARD_LANG")
            // The settings file beside the database (absent unless a test
            // writes it), never the developer's own.
            .env("PAPI_BOARD_CONFIG", db.dir.path().join("config.toml"))
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines.next().expect("a first line").unwrap();
        let port = first
            .rsplit(':')
            .next()
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or_else(|| panic!("no port in {first:?}"));
        let second = lines.next().expect("a fingerprint line").unwrap();
        let fingerprint = second
            .split_whitespace()
            .last()
            .unwrap_or_default()
            .to_string();
        assert!(fingerprint.starts_with("SHA256:"), "{second}");
        // Keep reading so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server {
            child,
            port,
            fingerprint,
        }
    }

    /// SIGTERM; the server must exit 0.
    pub fn stop(mut self) {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "the server exits 0 on SIGTERM: {status}");
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the server stops within 10 s of SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Wait (up to 10 s) until the screen passes `check`.
pub fn wait_until(t: &Tmux, what: &str, check: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let screen = t.screen();
        if check(&screen) {
            return screen;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out: {what}; screen:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
