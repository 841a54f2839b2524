//! The SSH server under test: the real binary (`papi-board serve`) on a
//! real database on disk, on a free loopback port; client keys made by
//! ssh-keygen; the real OpenSSH client, in tmux (`World::board`), for one
//! command (`World::ssh`), or as a child whose terminal bytes the test
//! reads and times (`Pty`). Also what the kernel says about the server
//! process: its memory and its CPU time.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
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
        [
            "-F",
            "/dev/null",
            "-p",
            &port.to_string(),
            "-i",
            &key.path.display().to_string(),
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            &format!("UserKnownHostsFile={}", self.known_hosts().display()),
            "-o",
            "StrictHostKeyChecking=accept-new",
            "-o",
            "BatchMode=yes",
            "-o",
            "LogLevel=ERROR",
            &format!("{user}@127.0.0.1"),
        ]
        .map(String::from)
        .to_vec()
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

    /// `ssh -tt …` as a child of the test: a board session whose bytes the
    /// test writes and reads.
    pub fn pty(&self, port: u16, key: &Key, user: &str) -> Pty {
        Pty::open(self.ssh_args(port, key, user))
    }

    pub fn serve(&self, extra: &[&str]) -> Server {
        Server::start(&self.db, extra, &[])
    }
}

/// `papi-board serve` running in the background.
pub struct Server {
    pub child: Child,
    pub port: u16,
    pub fingerprint: String,
    /// Everything the server wrote on stderr so far.
    pub stderr: Arc<Mutex<String>>,
}

impl Server {
    /// Serve `db` (named with `--db` unless `env` names it) on a free port.
    pub fn start(db: &TempDb, extra: &[&str], env: &[(&str, &str)]) -> Server {
        let mut cmd = Command::new(super::bin());
        if !env.iter().any(|(k, _)| *k == "PAPI_BOARD_DB") {
            cmd.arg("--db").arg(db.path());
        }
        cmd.args(["--today", "2025-07-01", "serve", "--listen", "127.0.0.1:0"])
            .args(extra)
            .env_remove("PAPI_BOARD_DB")
            .env_remove("PAPI_BOARD_LANG")
            // The settings file beside the database (absent unless a test
            // writes it), never the developer's own.
            .env("PAPI_BOARD_CONFIG", db.dir.path().join("config.toml"))
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err = child.stderr.take().unwrap();
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let text = String::from_utf8_lossy(&buf[..n]);
                eprint!("{text}");
                sink.lock().unwrap().push_str(&text);
            }
        });
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
            stderr,
        }
    }

    /// Wait (up to 10 s) until the server has said `needle` on stderr.
    pub fn wait_stderr(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let said = self.stderr.lock().unwrap().clone();
            if said.contains(needle) || start.elapsed() > Duration::from_secs(10) {
                return said;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Resident memory now, in KiB (`VmRSS`).
    pub fn rss_kib(&self) -> u64 {
        proc_status_kib(self.pid(), "VmRSS")
    }

    /// The most resident memory so far, in KiB (`VmHWM`).
    pub fn peak_kib(&self) -> u64 {
        proc_status_kib(self.pid(), "VmHWM")
    }

    /// CPU time used so far (user + system).
    pub fn cpu(&self) -> Duration {
        cpu_time(self.pid())
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

/// A field of `/proc/PID/status`, in KiB.
pub fn proc_status_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no {field} in /proc/{pid}/status"))
}

/// User + system CPU time of a process, from `/proc/PID/stat`.
pub fn cpu_time(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // The command name may hold spaces: count fields after its ')'.
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<u64> = after
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0))
        .collect();
    // utime and stime are fields 14 and 15 of the whole line.
    let ticks = fields[11] + fields[12];
    // SAFETY: sysconf only reads a system constant.
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    Duration::from_millis(ticks * 1000 / per_second)
}

/// `ssh -tt` as a child: its terminal output read as it comes, with the
/// time each piece arrived, and drawn on a `vt100` screen of 80×24 (a
/// client without a terminal of its own gets that size).
pub struct Pty {
    pub child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<(Instant, Vec<u8>)>,
    pub screen: vt100::Parser,
    /// Every byte received so far, as text.
    pub text: String,
}

impl Pty {
    pub fn open(ssh_args: Vec<String>) -> Pty {
        let mut child = Command::new("ssh")
            .arg("-tt")
            .args(ssh_args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut out = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 64 * 1024];
            while let Ok(n) = out.read(&mut buf) {
                if n == 0 || tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                    break;
                }
            }
        });
        Pty {
            stdin: child.stdin.take(),
            child,
            rx,
            screen: vt100::Parser::new(24, 80, 0),
            text: String::new(),
        }
    }

    fn take(&mut self, bytes: &[u8]) {
        self.screen.process(bytes);
        self.text.push_str(&String::from_utf8_lossy(bytes));
    }

    /// What arrived, without waiting.
    pub fn drain(&mut self) {
        while let Ok((_, b)) = self.rx.try_recv() {
            self.take(&b);
        }
    }

    /// Wait (up to `limit`) until the screen passes `check`.
    pub fn wait_screen(&mut self, limit: Duration, check: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen.screen().contents();
            if check(&screen) {
                return screen;
            }
            let left = limit.saturating_sub(start.elapsed());
            match self.rx.recv_timeout(left.min(Duration::from_millis(200))) {
                Ok((_, b)) => self.take(&b),
                Err(RecvTimeoutError::Timeout) if !left.is_zero() => {}
                Err(_) => panic!("timed out after {limit:?}; the screen:\n{screen}"),
            }
        }
    }

    /// Wait until the screen shows `needle` (up to 20 s).
    pub fn wait_for(&mut self, needle: &str) -> String {
        self.wait_screen(Duration::from_secs(20), |s| s.contains(needle))
    }

    /// Send bytes as the terminal would.
    pub fn write(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    /// Send one key and time how long until the screen answers.
    pub fn echo_time(&mut self, key: &[u8]) -> Duration {
        self.drain();
        let sent = Instant::now();
        self.write(key);
        let (at, b) = self
            .rx
            .recv_timeout(Duration::from_secs(30))
            .expect("an answer to the key");
        self.take(&b);
        at - sent
    }

    /// Wait (up to `limit`) for the client to exit; how it ended and when.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<(ExitStatus, Instant)> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Some(status) = self.child.try_wait().unwrap() {
                let at = Instant::now();
                while let Ok((_, b)) = self.rx.recv_timeout(Duration::from_millis(200)) {
                    self.take(&b);
                }
                return Some((status, at));
            }
            self.drain();
            std::thread::sleep(Duration::from_millis(5));
        }
        None
    }

    /// The client dies abruptly (SIGKILL), as a dropped connection would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The median of some durations.
pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// How the server answers a command: exit status, stdout, stderr.
pub fn run(
    w: &World,
    s: &Server,
    key: &Key,
    user: &str,
    cmd: &[&str],
) -> (Option<i32>, String, String) {
    let out = w.ssh(s.port, key, user, cmd);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        super::stderr(&out),
    )
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
            "timed out: {what}; screen:
{screen}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
